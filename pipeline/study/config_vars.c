/*
 * config_vars.c - the config's [variable NAME] sections (docs/config.md):
 * where, window, aggregate, categories and value labels, each checked
 * against its extract's columns, and the check that no variable depends on
 * itself.  config.c's resolve_all calls the cfg_resolve_* here in order;
 * what the files share is config_impl.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config_impl.h"
#include "expr.h"
#include "value.h"

/* ---- [variable NAME] --------------------------------------------------- */

/* Leading column name of s into name (cap 128); returns the rest. */
static const char *leading_name(const char *s, char *name)
{
	size_t n = 0;

	s = skip_ws(s);
	while (is_name_char((unsigned char)*s) && n < 127)
		name[n++] = *s++;
	name[n] = '\0';
	return skip_ws(s);
}

static int where_op(const char **s, enum ko_where_op *op)
{
	static const struct { const char *text; enum ko_where_op op; } ops[] = {
		{ "==", KO_WH_EQ }, { "!=", KO_WH_NE }, { "<>", KO_WH_NE },
		{ "<=", KO_WH_LE }, { ">=", KO_WH_GE }, { "=", KO_WH_EQ },
		{ "<", KO_WH_LT }, { ">", KO_WH_GT },
	};
	size_t i;

	if (!strncmp(*s, "not in ", 7) || !strncmp(*s, "in ", 3)) {
		*op = **s == 'n' ? KO_WH_NOT_IN : KO_WH_IN;
		*s += **s == 'n' ? 7 : 3;
		return 0;
	}
	if (!strcmp(*s, "is missing") || !strcmp(*s, "is not missing")) {
		*op = (*s)[3] == 'm' ? KO_WH_MISSING : KO_WH_PRESENT;
		*s += strlen(*s);
		return 0;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(*s, ops[i].text, strlen(ops[i].text))) {
			*op = ops[i].op;
			*s = skip_ws(*s + strlen(ops[i].text));
			return 0;
		}
	return -1;
}

/* A where constant for a number or date column. */
static int where_number(const struct ko_cfg_column *c, const char *s,
			double *out)
{
	int32_t d;

	if (c->type == KO_TYPE_DATE) {
		if (ko_parse_date(s, strlen(s), KO_DATE_AUTO, &d))
			return -1;
		*out = d;
		return 0;
	}
	return cfg_parse_double(s, out);
}

static void parse_where(struct ko_config *cfg, struct ko_cfg_variable *v,
			const struct ko_cfg_extract *x, struct entry *e)
{
	struct ko_cfg_where *w;
	char name[128];
	const char *rest = leading_name(e->value, name);
	long c;
	int textual;

	c = cfg_col_ref(cfg, x, name, T_ANY, e->line, "where");
	if (c < 0)
		return;
	w = PUSH(cfg, v->where, v->n_where);
	if (!w)
		return;
	w->col = (size_t)c;
	w->line = e->line;
	textual = (T_TEXTUAL & (1u << x->cols[c].type)) != 0;
	if (where_op(&rest, &w->op)) {
		problem(cfg, e->line, "where '%s': expected 'COLUMN OP VALUE' with "
			"OP one of = != < <= > >=, 'in A, B', 'not in A, B', "
			"'is missing' or 'is not missing'", e->value);
		return;
	}
	if (w->op == KO_WH_MISSING || w->op == KO_WH_PRESENT)
		return;
	if (w->op == KO_WH_IN || w->op == KO_WH_NOT_IN || textual) {
		char *items[KO_CFG_MAX_LIST];
		long n = cfg_split_list(cfg, rest, items, KO_CFG_MAX_LIST), i;

		if (!textual) {
			problem(cfg, e->line, "where '%s': 'in' lists are for text, "
				"category and code columns; '%s' is %s", e->value,
				name, ko_type_name(x->cols[c].type));
			return;
		}
		if (w->op != KO_WH_IN && w->op != KO_WH_NOT_IN &&
		    w->op != KO_WH_EQ && w->op != KO_WH_NE) {
			problem(cfg, e->line, "where '%s': text column '%s' can only "
				"be compared with =, !=, in, not in", e->value, name);
			return;
		}
		if (n <= 0 || (n > 1 && (w->op == KO_WH_EQ || w->op == KO_WH_NE))) {
			problem(cfg, e->line, "where '%s': expected %s", e->value,
				n > 1 ? "one value (use 'in' for a list)"
				      : "a value or a comma-separated list");
			return;
		}
		w->text = cfg_alloc(cfg, (size_t)n * sizeof(char *));
		if (!w->text)
			return;
		for (i = 0; i < n; i++)
			w->text[i] = items[i];
		w->n_text = (size_t)n;
		if (w->op == KO_WH_EQ)
			w->op = KO_WH_IN;
		else if (w->op == KO_WH_NE)
			w->op = KO_WH_NOT_IN;
		return;
	}
	if (where_number(&x->cols[c], rest, &w->num))
		problem(cfg, e->line, "where '%s': '%s' is not a %s", e->value,
			rest, x->cols[c].type == KO_TYPE_DATE
				      ? "date (YYYY-MM-DD or DD.MM.YYYY)"
				      : "number");
}

static void parse_window(struct ko_config *cfg, struct ko_cfg_variable *v,
			 struct entry *e)
{
	struct ko_cfg_window *w = PUSH(cfg, v->windows, v->n_windows);
	const char *s = e->value;
	char a[64], b[64];
	int n = 0;

	if (!w)
		return;
	w->line = e->line;
	if (sscanf(s, "age %d to %d%n", &w->lo, &w->hi, &n) == 2 && !s[n]) {
		w->kind = KO_WIN_AGE;
		if (w->lo < 0 || w->hi < w->lo || w->hi > 150)
			goto bad;
	} else if (sscanf(s, "days %d to %d%n", &w->lo, &w->hi, &n) == 2 &&
		   !s[n]) {
		w->kind = KO_WIN_DAYS;
		if (w->hi < w->lo)
			goto bad;
	} else if (sscanf(s, "dates %63s to %63s%n", a, b, &n) == 2 && !s[n]) {
		w->kind = KO_WIN_DATES;
		if (ko_parse_date(a, strlen(a), KO_DATE_AUTO, &w->lo) ||
		    ko_parse_date(b, strlen(b), KO_DATE_AUTO, &w->hi) ||
		    w->hi < w->lo)
			goto bad;
	} else if ((sscanf(s, "before %63s%n", a, &n) == 1 ||
		    sscanf(s, "after %63s%n", a, &n) == 1) && !s[n]) {
		w->kind = s[0] == 'b' ? KO_WIN_BEFORE : KO_WIN_AFTER;
		w->var_name = cfg_strdup(cfg, a);
	} else {
		goto bad;
	}
	return;
bad:
	v->n_windows--;
	problem(cfg, e->line, "window '%s': expected 'age A to B', 'days A to B', "
		"'dates YYYY-MM-DD to YYYY-MM-DD' (start <= end), 'before VAR' "
		"or 'after VAR'", s);
}

static void parse_aggregate(struct ko_config *cfg, struct ko_cfg_variable *v,
			    const struct ko_cfg_extract *x, struct entry *e)
{
	static const struct { const char *name; enum ko_agg agg; int col; } aggs[] = {
		{ "any", KO_AGG_ANY, 0 }, { "count", KO_AGG_COUNT, 0 },
		{ "years", KO_AGG_YEARS, 0 }, { "first", KO_AGG_FIRST, 0 },
		{ "last", KO_AGG_LAST, 0 }, { "months", KO_AGG_MONTHS, 0 },
		{ "value", KO_AGG_VALUE, 1 }, { "sum", KO_AGG_SUM, 1 },
		{ "min", KO_AGG_MIN, 1 }, { "max", KO_AGG_MAX, 1 },
	};
	char word[128];
	const char *rest = leading_name(e->value, word);
	size_t i;
	int k, n = 0;

	v->agg_col = -1;
	if (!strcmp(word, "years_with")) {
		v->agg = KO_AGG_YEARS_WITH;
		if (sscanf(rest, "%d months%n", &k, &n) != 1 || rest[n] || k < 1 ||
		    k > 12)
			problem(cfg, e->line, "aggregate '%s': expected "
				"'years_with K months', K from 1 to 12", e->value);
		v->agg_k = k;
		return;
	}
	for (i = 0; i < sizeof(aggs) / sizeof(aggs[0]); i++)
		if (!strcmp(word, aggs[i].name))
			break;
	if (i == sizeof(aggs) / sizeof(aggs[0]) || (!aggs[i].col && *rest) ||
	    (aggs[i].col && !*rest)) {
		problem(cfg, e->line, "aggregate '%s': expected any, count, years, "
			"first, last, months, years_with K months, or value/sum/"
			"min/max COLUMN", e->value);
		return;
	}
	v->agg = aggs[i].agg;
	if (aggs[i].col)
		v->agg_col = cfg_col_ref(cfg, x, rest,
				     v->agg == KO_AGG_VALUE ? T_ANY
				     : v->agg == KO_AGG_SUM ? T_NUMERIC
				     : T_NUMERIC | T_(KO_TYPE_DATE),
				     e->line, "aggregate");
}

/* categories = 0, 1, 2-3, 4+  (inclusive ranges on the value) */
static void parse_categories(struct ko_config *cfg, struct ko_cfg_variable *v,
			     struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_entry_list(cfg, e, items, "a list such as 0, 1, 2-3, 4+"),
	     i, j;

	if (!n)
		return;
	v->cats = cfg_alloc(cfg, (size_t)n * sizeof(*v->cats));
	if (!v->cats)
		return;
	for (i = 0; i < n; i++) {
		struct ko_cfg_category *c = &v->cats[i];
		const char *s = items[i];
		char *end;
		size_t len = strlen(s);

		c->label = items[i];
		if (s[0] == '<') {
			c->lo = -INFINITY;
			if (cfg_parse_double(s + 1, &c->hi))
				goto bad;
			c->hi = nextafter(c->hi, -INFINITY);
		} else if (len > 1 && s[len - 1] == '+') {
			char buf[64];

			if (len >= sizeof(buf))
				goto bad;
			memcpy(buf, s, len - 1);
			buf[len - 1] = '\0';
			if (cfg_parse_double(buf, &c->lo))
				goto bad;
			c->hi = INFINITY;
		} else {
			c->lo = strtod(s, &end);
			if (end == s)
				goto bad;
			if (*end == '-') {
				if (cfg_parse_double(end + 1, &c->hi) || c->hi < c->lo)
					goto bad;
			} else if (*end) {
				goto bad;
			} else {
				c->hi = c->lo;
			}
		}
		for (j = 0; j < i; j++)
			if (!(c->hi < v->cats[j].lo || c->lo > v->cats[j].hi)) {
				problem(cfg, e->line, "categories: '%s' overlaps '%s'",
					s, v->cats[j].label);
				return;
			}
		continue;
bad:
		problem(cfg, e->line, "categories: bad item '%s' (expected N, "
			"A-B, N+ or <N)", s);
		return;
	}
	v->n_cats = (size_t)n;
}

static void parse_labels(struct ko_config *cfg, struct ko_cfg_variable *v,
			 struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i;

	if (n != (long)v->n_cats) {
		problem(cfg, e->line, "labels: %ld labels for %zu categories",
			n, v->n_cats);
		return;
	}
	for (i = 0; i < n; i++)
		v->cats[i].label = items[i];
}

static void parse_column_list(struct ko_config *cfg,
			      const struct ko_cfg_extract *x, struct entry *e,
			      unsigned allowed, size_t *out, size_t *n_out,
			      size_t max)
{
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i, c;

	if (n <= 0 || (size_t)n > max) {
		problem(cfg, e->line, "%s '%s': expected 1 to %zu column names",
			e->key, e->value, max);
		return;
	}
	for (i = 0; i < n; i++) {
		c = cfg_col_ref(cfg, x, items[i], allowed, e->line, e->key);
		if (c >= 0)
			out[(*n_out)++] = (size_t)c;
	}
}

static const struct key_spec var_keys[] = {
	{ "from", 0 }, { "of", 0 }, { "date", 0 }, { "year", 0 },
	{ "where", 1 }, { "codes", 0 }, { "code_columns", 0 },
	{ "window", 1 }, { "aggregate", 0 }, { "month_columns", 0 },
	{ "expr", 0 }, { "categories", 0 }, { "labels", 0 },
	{ "reference", 0 }, { "output", 0 }, { "label", 0 },
	{ "value_labels", 0 }, { NULL, 0 },
};

static void parse_of(struct ko_config *cfg, struct ko_cfg_variable *v,
		     struct entry *e)
{
	size_t r;

	for (r = 0; r < KO_REL_COUNT; r++)
		if (!strcmp(e->value, ko_relation_name((enum ko_relation)r))) {
			v->of = (enum ko_relation)r;
			break;
		}
	if (r == KO_REL_COUNT)
		problem(cfg, e->line, "of '%s': expected self, mother, father or "
			"parents", e->value);
	else if (r != KO_REL_SELF && !cfg->link.present)
		problem(cfg, e->line, "of %s: needs a [link] section", e->value);
	else if ((r == KO_REL_MOTHER && cfg->link.mother_col < 0) ||
		 (r == KO_REL_FATHER && cfg->link.father_col < 0))
		problem(cfg, e->line, "of %s: [link] has no %s column", e->value,
			e->value);
}

/* What aggregate needs which of date/year/month columns. */
static void check_aggregate_needs(struct ko_config *cfg,
				  struct ko_cfg_variable *v,
				  const struct ko_cfg_extract *x, long line)
{
	if (v->agg == KO_AGG_COUNT_KINDS)
		return; /* already a problem */
	if ((v->agg == KO_AGG_FIRST || v->agg == KO_AGG_LAST) && v->date_col < 0)
		problem(cfg, line, "[variable %s]: aggregate %s needs 'date = "
			"COLUMN'", v->name, ko_agg_name(v->agg));
	if (v->agg == KO_AGG_YEARS && v->date_col < 0 && v->year_col < 0)
		problem(cfg, line, "[variable %s]: aggregate years needs 'date' or "
			"'year'", v->name);
	if ((v->agg == KO_AGG_MONTHS || v->agg == KO_AGG_YEARS_WITH) &&
	    (v->year_col < 0 || v->n_month_cols != 12))
		problem(cfg, line, "[variable %s]: aggregate %s needs 'year' and "
			"12 'month_columns'", v->name, ko_agg_name(v->agg));
	if (v->n_windows && v->date_col < 0 && v->year_col < 0)
		problem(cfg, line, "[variable %s]: a window needs 'date' or 'year' "
			"(which column dates a row)", v->name);
	if (v->agg == KO_AGG_VALUE && (!x->unique || v->of == KO_REL_PARENTS))
		problem(cfg, line, "[variable %s]: aggregate value needs a unique "
			"extract and one person (self, mother or father)", v->name);
	if ((v->n_code_cols > 0) != (v->codes.n > 0))
		problem(cfg, line, "[variable %s]: give both 'codes' and "
			"'code_columns'", v->name);
}

static void var_kind(struct ko_cfg_variable *v, const struct ko_cfg_extract *x)
{
	v->kind = KO_VK_NUM;
	if (v->agg == KO_AGG_FIRST || v->agg == KO_AGG_LAST)
		v->kind = KO_VK_DATE;
	if (v->agg_col >= 0 && (v->agg == KO_AGG_VALUE || v->agg == KO_AGG_MIN ||
				v->agg == KO_AGG_MAX)) {
		enum ko_type t = x->cols[v->agg_col].type;

		if (t == KO_TYPE_DATE)
			v->kind = KO_VK_DATE;
		else if (T_TEXTUAL & (1u << t))
			v->kind = KO_VK_LABEL;
	}
}

static void resolve_from_variable(struct ko_config *cfg, const char *sec,
				  struct ko_cfg_variable *v)
{
	struct ko_config_priv *p = cfg->priv;
	const struct ko_cfg_extract *x;
	struct entry *e;
	long xi;
	size_t i;

	e = cfg_require(cfg, sec, "from");
	if (!e || (xi = cfg_extract_ref(cfg, e->value, e->line, sec)) < 0)
		return;
	v->extract = (size_t)xi;
	x = &cfg->extracts[xi];
	if ((e = cfg_get(cfg, sec, "of")))
		parse_of(cfg, v, e);
	v->date_col = v->year_col = -1;
	if ((e = cfg_get(cfg, sec, "date")))
		v->date_col = cfg_col_ref(cfg, x, e->value, T_(KO_TYPE_DATE), e->line,
				      "date");
	if ((e = cfg_get(cfg, sec, "year")))
		v->year_col = cfg_col_ref(cfg, x, e->value, T_(KO_TYPE_INT), e->line,
				      "year");
	if (v->date_col >= 0 && v->year_col >= 0)
		problem(cfg, e->line, "[%s]: give 'date' or 'year', not both", sec);
	if ((e = cfg_get(cfg, sec, "code_columns")))
		parse_column_list(cfg, x, e, T_TEXTUAL, v->code_cols,
				  &v->n_code_cols, KO_CFG_MAX_LIST);
	if ((e = cfg_get(cfg, sec, "codes"))) {
		struct ko_err cerr;

		ko_err_clear(&cerr);
		if (ko_codes_add(&v->codes, e->value, &cerr))
			problem(cfg, e->line, "codes: %s", cerr.msg);
	}
	if ((e = cfg_get(cfg, sec, "month_columns")))
		parse_column_list(cfg, x, e, T_NUMERIC, v->month_cols,
				  &v->n_month_cols, 12);
	for (i = 0; i < p->n_entries; i++) {
		e = &p->entries[i];
		if (strcmp(e->section, sec))
			continue;
		if (!strcmp(e->key, "where"))
			parse_where(cfg, v, x, e);
		else if (!strcmp(e->key, "window"))
			parse_window(cfg, v, e);
	}
	if ((e = cfg_require(cfg, sec, "aggregate")))
		parse_aggregate(cfg, v, x, e);
	check_aggregate_needs(cfg, v, x, v->line);
	var_kind(v, x);
}

/* Windows relative to another variable: it must be a date, derived first. */
void cfg_resolve_window_vars(struct ko_config *cfg,
				struct ko_cfg_variable *v)
{
	size_t i;

	for (i = 0; i < v->n_windows; i++) {
		struct ko_cfg_window *w = &v->windows[i];
		long r;
		size_t *d;

		if (w->kind != KO_WIN_BEFORE && w->kind != KO_WIN_AFTER)
			continue;
		r = ko_config_find_var(cfg, w->var_name);
		if (r < 0) {
			problem(cfg, w->line, "window: no variable '%s'", w->var_name);
			continue;
		}
		if (cfg->vars[r].kind != KO_VK_DATE) {
			problem(cfg, w->line, "window: variable '%s' is not a date "
				"(use aggregate first, last or a date value)",
				w->var_name);
			continue;
		}
		w->var = (size_t)r;
		d = PUSH(cfg, v->deps, v->n_deps);
		if (d)
			*d = (size_t)r;
	}
}

void cfg_resolve_categories(struct ko_config *cfg, const char *sec,
			       struct ko_cfg_variable *v)
{
	struct entry *e;
	size_t i;

	if ((e = cfg_get(cfg, sec, "categories"))) {
		if (v->kind != KO_VK_NUM)
			problem(cfg, e->line, "categories: variable '%s' is not a "
				"number", v->name);
		else
			parse_categories(cfg, v, e);
	}
	if ((e = cfg_get(cfg, sec, "labels"))) {
		if (!v->n_cats)
			problem(cfg, e->line, "labels: no categories to label");
		else
			parse_labels(cfg, v, e);
	}
	if (v->n_cats) {
		v->kind = KO_VK_LABEL;
		v->reference = v->cats[0].label;
	}
	if ((e = cfg_get(cfg, sec, "reference"))) {
		for (i = 0; i < v->n_cats; i++)
			if (!strcmp(v->cats[i].label, e->value))
				break;
		if (v->n_cats && i == v->n_cats)
			problem(cfg, e->line, "reference '%s': not one of the "
				"category labels", e->value);
		v->reference = e->value;
	}
}

void cfg_resolve_variable(struct ko_config *cfg, size_t vi)
{
	struct ko_cfg_variable *v = &cfg->vars[vi];
	char sec[160];
	struct entry *e;

	snprintf(sec, sizeof(sec), "variable %s", v->name);
	cfg_check_keys(cfg, sec, var_keys, NULL);
	v->output = 1;
	v->date_col = v->year_col = v->agg_col = -1;
	v->agg = KO_AGG_COUNT_KINDS; /* until a valid aggregate is read */
	if ((e = cfg_get(cfg, sec, "expr"))) {
		static const char *const not_with_expr[] = {
			"from", "of", "date", "year", "where", "codes",
			"code_columns", "window", "aggregate", "month_columns",
		};
		size_t i;
		struct entry *o;

		v->agg = KO_AGG_EXPR;
		v->kind = KO_VK_NUM;
		for (i = 0; i < sizeof(not_with_expr) / sizeof(*not_with_expr); i++)
			if ((o = cfg_get(cfg, sec, not_with_expr[i])))
				problem(cfg, o->line, "[%s]: '%s' cannot be used with "
					"'expr'", sec, not_with_expr[i]);
		compile_expr(cfg, e->value, e->line, "expr", &v->expr);
	} else {
		resolve_from_variable(cfg, sec, v);
	}
	cfg_yes_no(cfg, sec, "output", 0, &v->output);
	if ((e = cfg_get(cfg, sec, "label")))
		v->label = e->value;
}

/* ---- value labels ------------------------------------------------------- */

/* A number variable that can only be 0 or 1 (aggregate any, or an
 * expression whose last operation is a comparison or logical). */
static int var_is_01(const struct ko_cfg_variable *v)
{
	enum ko_expr_op op;

	if (v->agg == KO_AGG_ANY)
		return 1;
	if (v->agg != KO_AGG_EXPR || !v->expr.n)
		return 0;
	op = v->expr.nodes[v->expr.n - 1].op;
	return op == KO_EX_NOT || (op >= KO_EX_EQ && op <= KO_EX_OR);
}

/* A number variable that holds whole numbers >= 0 (counts of rows,
 * years or months). */
static int var_is_count(const struct ko_cfg_variable *v)
{
	return v->agg == KO_AGG_COUNT || v->agg == KO_AGG_YEARS ||
	       v->agg == KO_AGG_MONTHS || v->agg == KO_AGG_YEARS_WITH;
}

/* Why variable v can never take value, or NULL when it can. */
static const char *value_impossible(const struct ko_cfg_variable *v,
				    const char *value, char *why, size_t size)
{
	double x;
	size_t i;

	if (v->n_cats) {
		for (i = 0; i < v->n_cats; i++)
			if (!strcmp(v->cats[i].label, value))
				return NULL;
		snprintf(why, size, "not one of the categories of '%s'", v->name);
		return why;
	}
	if (v->kind == KO_VK_LABEL)
		return NULL; /* text: any value */
	if (cfg_parse_double(value, &x)) {
		snprintf(why, size, "'%s' is a number variable", v->name);
		return why;
	}
	if (var_is_01(v) && x != 0 && x != 1) {
		snprintf(why, size, "'%s' is 0 or 1", v->name);
		return why;
	}
	if (var_is_count(v) && (x < 0 || x != floor(x))) {
		snprintf(why, size, "'%s' is a count (0, 1, 2, ...)", v->name);
		return why;
	}
	return NULL;
}

/* Whether two values of v are the same value. */
static int same_value(const struct ko_cfg_variable *v, const char *a,
		      const char *b)
{
	double x, y;

	if (v->kind == KO_VK_NUM && !v->n_cats && !cfg_parse_double(a, &x) &&
	    !cfg_parse_double(b, &y))
		return x == y;
	return !strcmp(a, b);
}

/* value_labels = VALUE: LABEL, ...  (after categories are resolved, so
 * that a label can be checked against what the variable can be). */
void cfg_resolve_value_labels(struct ko_config *cfg, const char *sec,
				 struct ko_cfg_variable *v)
{
	char *items[KO_CFG_MAX_LIST], why[200];
	struct entry *e = cfg_get(cfg, sec, "value_labels");
	long n, i, j;

	if (!e)
		return;
	if (v->kind == KO_VK_DATE) {
		problem(cfg, e->line, "value_labels: variable '%s' is a date; "
			"dates take no value labels", v->name);
		return;
	}
	n = cfg_entry_list(cfg, e, items, "a list such as 1: Boy, 2: Girl");
	if (!n)
		return;
	v->value_labels = cfg_alloc(cfg, (size_t)n * sizeof(*v->value_labels));
	if (!v->value_labels)
		return;
	for (i = 0; i < n; i++) {
		struct ko_cfg_value_label *vl = &v->value_labels[i];
		char *colon = strchr(items[i], ':');
		char *end;

		if (!colon) {
			problem(cfg, e->line, "value_labels: item '%s' is not "
				"VALUE: LABEL", items[i]);
			return;
		}
		for (end = colon; end > items[i] && isspace((unsigned char)end[-1]);
		     end--)
			;
		*end = '\0';
		vl->value = items[i];
		vl->label = (char *)skip_ws(colon + 1);
		if (!*vl->value || !*vl->label) {
			problem(cfg, e->line, "value_labels: item '%s' needs a value "
				"and a label", *vl->value ? vl->value : vl->label);
			return;
		}
		if (value_impossible(v, vl->value, why, sizeof(why)))
			problem(cfg, e->line, "value_labels: '%s' is a value that "
				"variable '%s' cannot take (%s)", vl->value, v->name,
				why);
		for (j = 0; j < i; j++) {
			if (same_value(v, v->value_labels[j].value, vl->value))
				problem(cfg, e->line, "value_labels: value '%s' "
					"given twice", vl->value);
			else if (!strcmp(v->value_labels[j].label, vl->label))
				problem(cfg, e->line, "value_labels: label '%s' "
					"given to both '%s' and '%s'", vl->label,
					v->value_labels[j].value, vl->value);
		}
	}
	v->n_value_labels = (size_t)n;
}

const char *ko_config_value_label(const struct ko_config *cfg, size_t var,
				  const char *value)
{
	const struct ko_cfg_variable *v;
	size_t i;

	if (!cfg || var >= cfg->n_vars || !value)
		return NULL;
	v = &cfg->vars[var];
	for (i = 0; i < v->n_value_labels; i++)
		if (same_value(v, v->value_labels[i].value, value))
			return v->value_labels[i].label;
	return NULL;
}

/* Depth-first search for a cycle through deps; marks 1 visiting, 2 done. */
static int has_cycle(const struct ko_config *cfg, size_t v, unsigned char *mark)
{
	size_t i;

	if (mark[v] == 2)
		return 0;
	if (mark[v] == 1)
		return 1;
	mark[v] = 1;
	for (i = 0; i < cfg->vars[v].n_deps; i++)
		if (has_cycle(cfg, cfg->vars[v].deps[i], mark))
			return 1;
	mark[v] = 2;
	return 0;
}

void cfg_check_cycles(struct ko_config *cfg)
{
	unsigned char *mark = calloc(cfg->n_vars + 1, 1);
	size_t v;

	if (!mark) {
		cfg->priv->oom = 1;
		return;
	}
	for (v = 0; v < cfg->n_vars; v++) {
		memset(mark, 0, cfg->n_vars);
		if (has_cycle(cfg, v, mark)) {
			problem(cfg, cfg->vars[v].line, "[variable %s]: depends on "
				"itself (through expr or window)", cfg->vars[v].name);
		}
	}
	free(mark);
}
