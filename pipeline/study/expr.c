/*
 * expr.c - the config's expression language (expr.h): a lexer and a
 * recursive-descent parser by precedence level that compile text to a
 * postfix program, and the resolution of its variable names.
 */
#include "expr.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_impl.h"

#define EXPR_MAX_NODES 256

enum tok_kind { TK_END, TK_NUM, TK_STR, TK_NAME, TK_OP, TK_LP, TK_RP, TK_BAD };

struct parser {
	struct ko_config *cfg;
	const char *s;
	enum tok_kind tk;
	enum ko_expr_op op;  /* TK_OP */
	double num;
	const char *start;   /* token text */
	size_t len;
	struct ko_expr_node nodes[EXPR_MAX_NODES];
	size_t n;
	int depth;           /* of parentheses and 'not', -: bounds recursion */
	const char *error;   /* first problem, static text */
};

static int is_date_text(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return 0;
	return !is_name_char((unsigned char)s[10]);
}

static int word_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && !strncasecmp(s, w, len);
}

static void lex_op(struct parser *ps)
{
	const char *s = ps->s;
	static const struct { const char *text; enum ko_expr_op op; } ops[] = {
		{ "==", KO_EX_EQ }, { "!=", KO_EX_NE }, { "<>", KO_EX_NE },
		{ "<=", KO_EX_LE }, { ">=", KO_EX_GE }, { "=", KO_EX_EQ },
		{ "<", KO_EX_LT }, { ">", KO_EX_GT }, { "+", KO_EX_ADD },
		{ "-", KO_EX_SUB }, { "*", KO_EX_MUL }, { "/", KO_EX_DIV },
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(s, ops[i].text, strlen(ops[i].text))) {
			ps->tk = TK_OP;
			ps->op = ops[i].op;
			ps->s += strlen(ops[i].text);
			return;
		}
	ps->tk = TK_BAD;
}

static void lex(struct parser *ps)
{
	const char *s = skip_ws(ps->s);

	ps->s = s;
	ps->start = s;
	if (!*s) {
		ps->tk = TK_END;
	} else if (*s == '(' || *s == ')') {
		ps->tk = *s == '(' ? TK_LP : TK_RP;
		ps->s++;
	} else if (*s == '"' || *s == '\'') {
		const char *end = strchr(s + 1, *s);

		if (!end) {
			ps->tk = TK_BAD;
			return;
		}
		ps->tk = TK_STR;
		ps->start = s + 1;
		ps->len = (size_t)(end - s - 1);
		ps->s = end + 1;
	} else if (isdigit((unsigned char)*s) && is_date_text(s)) {
		int32_t d;

		ps->tk = parse_iso_date(s, 10, &d) ? TK_BAD : TK_NUM;
		ps->num = d;
		ps->s += 10;
	} else if (isdigit((unsigned char)*s) || *s == '.') {
		char *end;

		ps->num = strtod(s, &end);
		ps->tk = end == s ? TK_BAD : TK_NUM;
		ps->s = end;
	} else if (isalpha((unsigned char)*s) || *s == '_') {
		while (is_name_char((unsigned char)*ps->s))
			ps->s++;
		ps->len = (size_t)(ps->s - s);
		ps->tk = TK_NAME;
		if (word_is(s, ps->len, "and")) {
			ps->tk = TK_OP;
			ps->op = KO_EX_AND;
		} else if (word_is(s, ps->len, "or")) {
			ps->tk = TK_OP;
			ps->op = KO_EX_OR;
		} else if (word_is(s, ps->len, "not")) {
			ps->tk = TK_OP;
			ps->op = KO_EX_NOT;
		}
	} else {
		lex_op(ps);
	}
}

static void emit(struct parser *ps, enum ko_expr_op op)
{
	if (ps->n == EXPR_MAX_NODES) {
		if (!ps->error)
			ps->error = "expression too long";
		return;
	}
	memset(&ps->nodes[ps->n], 0, sizeof(ps->nodes[0]));
	ps->nodes[ps->n++].op = op;
}

static void parse_or(struct parser *ps);

static void parse_primary(struct parser *ps)
{
	if (ps->error)
		return;
	if (++ps->depth > KO_EXPR_MAX_DEPTH) {
		ps->error = "expression nested too deeply";
		return;
	}
	switch (ps->tk) {
	case TK_NUM:
		emit(ps, KO_EX_NUM);
		if (ps->n)
			ps->nodes[ps->n - 1].num = ps->num;
		lex(ps);
		ps->depth--;
		return;
	case TK_STR:
	case TK_NAME:
		emit(ps, ps->tk == TK_STR ? KO_EX_STR : KO_EX_VAR);
		if (ps->n)
			ps->nodes[ps->n - 1].str =
				cfg_strndup(ps->cfg, ps->start, ps->len);
		lex(ps);
		ps->depth--;
		return;
	case TK_LP:
		lex(ps);
		parse_or(ps);
		if (ps->tk != TK_RP && !ps->error)
			ps->error = "missing ')'";
		lex(ps);
		ps->depth--;
		return;
	case TK_OP:
		if (ps->op == KO_EX_SUB) {
			lex(ps);
			parse_primary(ps);
			emit(ps, KO_EX_NEG);
			ps->depth--;
			return;
		}
		/* fall through */
	default:
		ps->error = "expected a variable, number, date (YYYY-MM-DD), "
			    "\"label\" or '('";
	}
}

/* The operators by precedence, loosest first.  A binary level's operands
 * are expressions of the next level: LEFT chains them to the left (a - b - c
 * is (a - b) - c), ONCE takes one operator at most (a < b < c is an
 * error); PREFIX is an operator before an expression of its own level
 * (not not a).  Past the last level come the operands, parse_primary. */
enum assoc { LEFT, ONCE, PREFIX };

static const struct level {
	enum ko_expr_op lo, hi; /* the level's operators: lo..hi */
	enum assoc assoc;
} levels[] = {
	{ KO_EX_OR, KO_EX_OR, LEFT },
	{ KO_EX_AND, KO_EX_AND, LEFT },
	{ KO_EX_NOT, KO_EX_NOT, PREFIX },
	{ KO_EX_EQ, KO_EX_GE, ONCE },
	{ KO_EX_ADD, KO_EX_SUB, LEFT },
	{ KO_EX_MUL, KO_EX_DIV, LEFT },
};

#define N_LEVELS (sizeof(levels) / sizeof(levels[0]))

static int at_level(const struct parser *ps, const struct level *lv)
{
	return ps->tk == TK_OP && ps->op >= lv->lo && ps->op <= lv->hi;
}

/* An expression of level i (and of the tighter ones within it). */
static void parse_level(struct parser *ps, size_t i)
{
	const struct level *lv;
	enum ko_expr_op op;

	if (i == N_LEVELS) {
		parse_primary(ps);
		return;
	}
	lv = &levels[i];
	if (lv->assoc == PREFIX && at_level(ps, lv)) {
		op = ps->op;
		if (++ps->depth > KO_EXPR_MAX_DEPTH) {
			ps->error = "expression nested too deeply";
			return;
		}
		lex(ps);
		parse_level(ps, i);
		emit(ps, op);
		ps->depth--;
		return;
	}
	parse_level(ps, i + 1);
	while (lv->assoc != PREFIX && !ps->error && at_level(ps, lv)) {
		op = ps->op;
		lex(ps);
		parse_level(ps, i + 1);
		emit(ps, op);
		if (lv->assoc == ONCE)
			break;
	}
}

/* A whole expression: the loosest level. */
static void parse_or(struct parser *ps)
{
	parse_level(ps, 0);
}

/* Deepest evaluation stack the postfix program needs. */
static size_t stack_depth(const struct ko_expr_node *nodes, size_t n)
{
	size_t i, depth = 0, max = 0;

	for (i = 0; i < n; i++) {
		if (nodes[i].op == KO_EX_NUM || nodes[i].op == KO_EX_STR ||
		    nodes[i].op == KO_EX_VAR)
			depth++;
		else if (nodes[i].op != KO_EX_NEG && nodes[i].op != KO_EX_NOT)
			depth--;
		if (depth > max)
			max = depth;
	}
	return max;
}

/* Compile text into out (names resolved later); 0 or -1 with a problem. */
int compile_expr(struct ko_config *cfg, const char *text, long line,
		 const char *what, struct ko_expr *out)
{
	struct parser *ps = calloc(1, sizeof(*ps));
	int rc = -1;

	if (!ps) {
		cfg->priv->oom = 1;
		return -1;
	}
	ps->cfg = cfg;
	ps->s = text;
	lex(ps);
	parse_or(ps);
	if (!ps->error && ps->tk != TK_END)
		ps->error = "unexpected text after the expression";
	if (!ps->error && stack_depth(ps->nodes, ps->n) > KO_EXPR_MAX_DEPTH)
		ps->error = "expression nested too deeply";
	if (ps->error) {
		problem(cfg, line, "%s: %s at '%.40s'", what, ps->error,
			*ps->start ? ps->start : "(end)");
		goto out;
	}
	out->nodes = cfg_alloc(cfg, ps->n * sizeof(*out->nodes));
	if (!out->nodes)
		goto out;
	memcpy(out->nodes, ps->nodes, ps->n * sizeof(*out->nodes));
	out->n = ps->n;
	rc = 0;
out:
	free(ps);
	return rc;
}

/* Resolve variable names of an expression; adds them to deps if given. */
void resolve_expr(struct ko_config *cfg, struct ko_expr *ex, long line,
		  const char *what, struct ko_cfg_variable *dep_of)
{
	size_t i;

	for (i = 0; i < ex->n; i++) {
		struct ko_expr_node *nd = &ex->nodes[i];
		long v;

		if (nd->op != KO_EX_VAR)
			continue;
		v = ko_config_find_var(cfg, nd->str);
		if (v < 0 && fu_value_find(nd->str) >= 0) {
			if (dep_of)
				problem(cfg, line, "%s: '%s' is a follow-up "
					"value, known only after the variables: "
					"use it in a [cohort] rule or a model's "
					"subgroup", what, nd->str);
			else if (!cfg->followup.active)
				problem(cfg, line, "%s: '%s' needs follow-up "
					"([cohort] follow_up, entry, end_of_data, "
					"death, emigration or event)", what,
					nd->str);
			else
				nd->var = cfg->n_vars + (size_t)fu_value_find(nd->str);
			continue;
		}
		if (v < 0) {
			problem(cfg, line, "%s: no variable '%s' (define "
				"[variable %s])", what, nd->str, nd->str);
			continue;
		}
		nd->var = (size_t)v;
		if (dep_of) {
			size_t *d = PUSH(cfg, dep_of->deps, dep_of->n_deps);

			if (d)
				*d = (size_t)v;
		}
	}
}
