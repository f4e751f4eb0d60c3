/*
 * formula.h - R-style model formulas, parsed into variables and terms.
 *
 *     low ~ age + lwt + factor(race) + smoke + age:smoke
 *     y ~ a * b + factor(region, ref = "Pirkanmaa") - 1
 *
 * Grammar (whitespace is free):
 *
 *     formula := NAME '~' sum
 *     sum     := ['+' | '-'] prod (('+' | '-') prod)*
 *     prod    := inter ('*' inter)*       a*b  = a + b + a:b
 *     inter   := atom (':' atom)*         a:b  = the product term
 *     atom    := NAME | `any text` | factor '(' NAME [',' 'ref' '=' STRING] ')'
 *              | '1' | '0' | '(' sum ')'
 *
 * The outcome may not appear on the right-hand side (R drops it there),
 * and R's `.` for every other column is not supported: both are errors.
 *
 * `- 1`, `+ 0` or `- 0`... drop the intercept; `- a` removes term a.  Terms
 * are ordered as R's terms() orders them: by the number of variables, then
 * by first appearance; duplicates are dropped.  Within a term, variables are
 * in order of first appearance in the formula (the response first), so
 * `y ~ b + a + a:b` labels the interaction `b:a`, as R does.
 *
 * A variable is known by its canonical text, which is R's deparse of what
 * was written: `factor(race)`, `factor(region, ref = "Pirkanmaa")`.  That
 * text prefixes coefficient names, exactly as R's model.matrix names them.
 *
 * Ownership: ko_formula_parse returns a new formula that owns all its
 * strings; free it with ko_formula_free.
 */
#ifndef KO_FORMULA_H
#define KO_FORMULA_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

#define KO_FORMULA_MAX_VARS 256 /* distinct variables in one formula */
#define KO_FORMULA_MAX_TEXT 65536

struct ko_formula_var {
	char *column;  /* data column it reads */
	char *text;    /* canonical text: "age", "factor(race)", ... */
	int is_factor; /* written as factor(...) */
	char *ref;     /* reference level from ref = "..."; NULL = default */
};

struct ko_formula_term {
	size_t n_vars;
	size_t *vars;  /* indices into ko_formula.vars, ascending */
	char *label;   /* R's term label: "age", "factor(race):smoke" */
};

struct ko_formula {
	char *response;         /* column name of the outcome */
	int intercept;          /* 1 unless removed with - 1 or + 0 */
	size_t n_vars;          /* right-hand-side variables, in order of */
	struct ko_formula_var *vars; /* first appearance */
	size_t n_terms;
	struct ko_formula_term *terms;
};

/* Parse text.  Errors are KO_ERR_USAGE with the 1-based character position
 * in the message ("formula: position 12: expected ')'"). */
enum ko_status ko_formula_parse(struct ko_formula **out, const char *text,
				struct ko_err *err);

void ko_formula_free(struct ko_formula *f);

/* The formula written back in canonical form: "low ~ age + factor(race)".
 * Returns a new string (caller frees) or NULL when out of memory. */
char *ko_formula_text(const struct ko_formula *f);

#endif
