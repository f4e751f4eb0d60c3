/*
 * expr.h - the config's expression language (docs/config.md,
 * "Expressions"): `expr =` of a [variable], the cohort's conditions and a
 * model's `subgroup`.  Text is compiled to a postfix program of
 * struct ko_expr_node (config.h) that the derive stage evaluates
 * (ko_derive_eval); the grammar, loosest first:
 *
 *     or:      and { "or" and }
 *     and:     not { "and" not }
 *     not:     "not" not | cmp
 *     cmp:     add [ ("=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=") add ]
 *     add:     mul { ("+" | "-") mul }
 *     mul:     primary { ("*" | "/") primary }
 *     primary: number | YYYY-MM-DD | "label" | 'label' | name
 *              | "(" or ")" | "-" primary
 *
 * For config.c (config_impl.h): the nodes and strings belong to the
 * config; a problem is added to the config's list with its line.
 */
#ifndef KO_EXPR_H
#define KO_EXPR_H

#include "config.h"

/* Compile text into out (names resolved later); 0 or -1 with a problem. */
int compile_expr(struct ko_config *cfg, const char *text, long line,
		 const char *what, struct ko_expr *out);

/* Resolve variable names of an expression; adds them to deps if given. */
void resolve_expr(struct ko_config *cfg, struct ko_expr *ex, long line,
		  const char *what, struct ko_cfg_variable *dep_of);

#endif
