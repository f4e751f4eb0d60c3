/* derive.c - derived variables (see derive.h). */
#include "derive.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

/* Year range kept in year bitsets when a window leaves it open. */
#define OPEN_YEAR_LO 1850
#define OPEN_YEAR_HI 2150
#define MAX_SPAN_YEARS 320

/* ---- scratch arrays kept from pass to pass ----------------------------
 *
 * A pass's per-child windows and marks (lo, hi, base: 4 bytes a child;
 * poison: 1) are large blocks that malloc maps afresh and the kernel
 * clears at their first touch, once per variable; the passes of one run
 * ask for the same two sizes again and again.  A block a pass frees is
 * kept here (a few at most) for the next pass's variable instead.
 *
 * Derive's arrays (these, the values, the year bitsets, the marks of
 * persons seen) are in ordinary pages, not ko_mem_rows' huge pages: they
 * are written once or twice a child and the pages come fresh, and on the
 * benchmark VM (THP "madvise", defrag "madvise": the kernel compacts
 * memory to fault a huge page in) a run of the 1M data stages took about
 * 1.5 s less system time and 1 s less wall without the advice (issue 19,
 * bench/RESULTS.md).  The person dictionary keeps its huge pages: its
 * probes are random reads over 128 MB, and there they paid. */

#define SCRATCH_KEEP 16

struct ko_derive_scratch {
	pthread_mutex_t mu; /* passes run on several threads */
	void *block[SCRATCH_KEEP];
	size_t bytes[SCRATCH_KEEP];
	size_t n;
};

/* A block of bytes (contents undefined), kept or new; NULL: no memory. */
static void *scratch_take(struct ko_derived *d, size_t bytes)
{
	struct ko_derive_scratch *k = d->scratch;
	void *b = NULL;
	size_t i;

	if (k) {
		pthread_mutex_lock(&k->mu);
		for (i = 0; i < k->n && !b; i++)
			if (k->bytes[i] == bytes) {
				b = k->block[i];
				k->block[i] = k->block[--k->n];
				k->bytes[i] = k->bytes[k->n];
			}
		pthread_mutex_unlock(&k->mu);
	}
	return b ? b : malloc(bytes);
}

/* Keep a block taken by scratch_take (or free it when enough are kept). */
static void scratch_give(struct ko_derived *d, void *b, size_t bytes)
{
	struct ko_derive_scratch *k = d->scratch;

	if (b && k) {
		pthread_mutex_lock(&k->mu);
		if (k->n < SCRATCH_KEEP) {
			k->block[k->n] = b;
			k->bytes[k->n++] = bytes;
			b = NULL;
		}
		pthread_mutex_unlock(&k->mu);
	}
	free(b);
}

void ko_derived_scratch_release(struct ko_derived *d)
{
	struct ko_derive_scratch *k = d ? d->scratch : NULL;
	size_t i;

	if (!k)
		return;
	for (i = 0; i < k->n; i++)
		free(k->block[i]);
	k->n = 0;
}

/* ---- the values ------------------------------------------------------- */

struct ko_derived *ko_derived_new(const struct ko_config *cfg,
				  size_t n_children)
{
	struct ko_derived *d = calloc(1, sizeof(*d));
	size_t v, c;

	if (!d)
		return NULL;
	d->n_children = n_children;
	d->n_vars = cfg->n_vars;
	d->val = calloc(cfg->n_vars + 1, sizeof(*d->val));
	d->labels = calloc(cfg->n_vars + 1, sizeof(*d->labels));
	d->done = calloc(cfg->n_vars + 1, 1);
	d->years = calloc(cfg->n_vars + 1, sizeof(*d->years));
	d->scratch = calloc(1, sizeof(*d->scratch));
	if (!d->val || !d->labels || !d->done || !d->years || !d->scratch)
		goto fail;
	pthread_mutex_init(&d->scratch->mu, NULL);
	for (v = 0; v < cfg->n_vars; v++) {
		d->val[v] = malloc((n_children ? n_children : 1) * sizeof(double));
		if (!d->val[v])
			goto fail;
		for (c = 0; c < n_children; c++)
			d->val[v][c] = NAN;
	}
	return d;
fail:
	ko_derived_free(d);
	return NULL;
}

void ko_derived_free(struct ko_derived *d)
{
	size_t v;

	if (!d)
		return;
	if (d->scratch) {
		ko_derived_scratch_release(d);
		pthread_mutex_destroy(&d->scratch->mu);
		free(d->scratch);
	}
	for (v = 0; v < d->n_vars; v++) {
		if (d->val)
			free(d->val[v]);
		if (d->labels)
			ko_persons_free(d->labels[v]);
		if (d->years) {
			free(d->years[v].first);
			free(d->years[v].bits);
		}
	}
	free(d->years);
	free(d->val);
	free(d->labels);
	free(d->done);
	free(d->fu_entry);
	free(d->fu_exit);
	free(d->fu_reason);
	free(d);
}

size_t ko_derived_years(const struct ko_derived *d, size_t var, size_t c,
			int *years, size_t max)
{
	const struct ko_year_set *ys = d->years ? &d->years[var] : NULL;
	size_t k, n = 0;

	if (!ys || !ys->bits)
		return 0;
	for (k = 0; k < ys->words * 64 && n < max; k++)
		if ((ys->bits[c * ys->words + k / 64] >> (k % 64)) & 1)
			years[n++] = ys->first[c] + (int)k;
	return n;
}

const char *ko_derived_label(const struct ko_derived *d,
			     const struct ko_config *cfg, size_t var, size_t c)
{
	const struct ko_cfg_variable *v = &cfg->vars[var];
	double x = d->val[var][c];

	if (isnan(x) || x < 0)
		return NULL;
	if (v->n_cats)
		return (size_t)x < v->n_cats ? v->cats[(size_t)x].label : NULL;
	if (d->labels[var] && (size_t)x < ko_persons_count(d->labels[var]))
		return ko_persons_id(d->labels[var], (size_t)x, NULL);
	return NULL;
}

/* Copy text into buf (size >= 1), truncating. */
static void put_text(char *buf, size_t size, const char *text)
{
	size_t n = strlen(text);

	if (n >= size)
		n = size - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
}

/* An integral value without printf (the common case: counts, flags). */
static int put_integer(char *buf, size_t size, double x)
{
	char tmp[24];
	long long v;
	size_t n = 0, i = 0;
	int neg;

	if (x != floor(x) || fabs(x) >= 1e15 || size < 18)
		return -1;
	v = (long long)x;
	neg = v < 0;
	if (neg)
		v = -v;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (neg)
		buf[i++] = '-';
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return 0;
}

void ko_derived_format(const struct ko_derived *d, const struct ko_config *cfg,
		       size_t var, size_t c, char *buf, size_t size)
{
	double x = d->val[var][c];
	const char *label;
	char date[16];

	if (isnan(x)) {
		put_text(buf, size, "NA");
		return;
	}
	switch (cfg->vars[var].kind) {
	case KO_VK_DATE:
		ko_date_format_iso((int32_t)x, date);
		put_text(buf, size, date);
		return;
	case KO_VK_LABEL:
		label = ko_derived_label(d, cfg, var, c);
		put_text(buf, size, label ? label : "NA");
		return;
	case KO_VK_NUM:
		if (put_integer(buf, size, x))
			snprintf(buf, size, "%.15g", x);
		return;
	}
}

/* ---- expressions ----------------------------------------------------------- */

struct operand {
	double num;      /* NAN: missing */
	const char *str; /* a label (literal or a labelled variable's value) */
};

static int truth(double x)
{
	return isnan(x) ? -1 : x != 0;
}

static double logic(enum ko_expr_op op, double a, double b)
{
	int x = truth(a), y = truth(b);

	if (op == KO_EX_AND) {
		if (!x || !y)
			return 0;
		return x < 0 || y < 0 ? NAN : 1;
	}
	if (x == 1 || y == 1)
		return 1;
	return x < 0 || y < 0 ? NAN : 0;
}

/* = and != between a label and a label or number (numbers compared as the
 * text they print as). */
static double compare_text(enum ko_expr_op op, struct operand a,
			   struct operand b)
{
	char na[32], nb[32];
	const char *sa = a.str, *sb = b.str;
	int eq;

	if ((!sa && isnan(a.num)) || (!sb && isnan(b.num)))
		return NAN;
	if (!sa) {
		snprintf(na, sizeof(na), "%.15g", a.num);
		sa = na;
	}
	if (!sb) {
		snprintf(nb, sizeof(nb), "%.15g", b.num);
		sb = nb;
	}
	eq = !strcmp(sa, sb);
	if (op == KO_EX_EQ)
		return eq;
	if (op == KO_EX_NE)
		return !eq;
	return NAN; /* order on labels is not defined */
}

static double binary(enum ko_expr_op op, struct operand a, struct operand b)
{
	double x = a.num, y = b.num;

	if (op == KO_EX_AND || op == KO_EX_OR)
		return logic(op, x, y);
	if (a.str || b.str)
		return compare_text(op, a, b);
	if (isnan(x) || isnan(y))
		return NAN;
	switch (op) {
	case KO_EX_ADD: return x + y;
	case KO_EX_SUB: return x - y;
	case KO_EX_MUL: return x * y;
	case KO_EX_DIV: return y == 0 ? NAN : x / y;
	case KO_EX_EQ: return x == y;
	case KO_EX_NE: return x != y;
	case KO_EX_LT: return x < y;
	case KO_EX_LE: return x <= y;
	case KO_EX_GT: return x > y;
	case KO_EX_GE: return x >= y;
	default: return NAN;
	}
}

static struct operand load_var(const struct ko_config *cfg,
			       const struct ko_derived *d, size_t var, size_t c)
{
	struct operand o = { NAN, NULL };

	if (var >= cfg->n_vars) { /* a follow-up value (config.h) */
		enum ko_fu_value k = (enum ko_fu_value)(var - cfg->n_vars);

		o.num = d->fu_value ? d->fu_value(d, k, c) : NAN;
		return o;
	}
	o.num = d->val[var][c];

	if (cfg->vars[var].kind == KO_VK_LABEL) {
		o.str = ko_derived_label(d, cfg, var, c);
		o.num = NAN;
	}
	return o;
}

double ko_derive_eval(const struct ko_config *cfg, const struct ko_derived *d,
		      const struct ko_expr *ex, size_t c)
{
	struct operand stack[KO_EXPR_MAX_DEPTH];
	size_t sp = 0, i;

	for (i = 0; i < ex->n; i++) {
		const struct ko_expr_node *nd = &ex->nodes[i];
		struct operand o = { NAN, NULL };

		switch (nd->op) {
		case KO_EX_NUM:
			o.num = nd->num;
			break;
		case KO_EX_STR:
			o.str = nd->str;
			break;
		case KO_EX_VAR:
			o = load_var(cfg, d, nd->var, c);
			break;
		case KO_EX_NEG:
		case KO_EX_NOT:
			if (!sp)
				return NAN;
			o = stack[--sp];
			if (o.str)
				o.num = NAN;
			else if (nd->op == KO_EX_NEG)
				o.num = -o.num;
			else
				o.num = isnan(o.num) ? NAN : o.num == 0;
			o.str = NULL;
			break;
		default:
			if (sp < 2)
				return NAN;
			sp -= 2;
			o.num = binary(nd->op, stack[sp], stack[sp + 1]);
			break;
		}
		if (sp == sizeof(stack) / sizeof(stack[0]))
			return NAN;
		stack[sp++] = o;
	}
	return sp == 1 && !stack[0].str ? stack[0].num : NAN;
}

/* ---- planning ------------------------------------------------------------ */

static int deps_done(const struct ko_config *cfg, const struct ko_derived *d,
		     size_t v)
{
	size_t i;

	for (i = 0; i < cfg->vars[v].n_deps; i++)
		if (!d->done[cfg->vars[v].deps[i]])
			return 0;
	return 1;
}

size_t ko_derive_ready(const struct ko_config *cfg, const struct ko_derived *d,
			size_t x, size_t *vars)
{
	size_t v, n = 0;

	for (v = 0; v < cfg->n_vars; v++) {
		const struct ko_cfg_variable *cv = &cfg->vars[v];

		if (!d->done[v] && cv->agg != KO_AGG_EXPR && cv->extract == x &&
		    deps_done(cfg, d, v))
			vars[n++] = v;
	}
	return n;
}

int ko_derive_pending(const struct ko_config *cfg, const struct ko_derived *d)
{
	size_t v;

	for (v = 0; v < cfg->n_vars; v++)
		if (!d->done[v])
			return 1;
	return 0;
}

int ko_derive_next_pass(const struct ko_config *cfg,
			const struct ko_derived *d, size_t *extract,
			size_t *vars, size_t *n)
{
	size_t x;

	for (x = 0; x < cfg->n_extracts; x++) {
		*n = ko_derive_ready(cfg, d, x, vars);
		if (*n) {
			*extract = x;
			return 1;
		}
	}
	return ko_derive_pending(cfg, d) ? -1 : 0;
}

/* Category index of x, or NAN. */
static double categorise(const struct ko_cfg_variable *v, double x)
{
	size_t i;

	if (isnan(x))
		return NAN;
	for (i = 0; i < v->n_cats; i++)
		if (x >= v->cats[i].lo && x <= v->cats[i].hi)
			return (double)i;
	return NAN;
}

const char *ko_derived_category(const struct ko_config *cfg, size_t var,
				double x)
{
	double k = categorise(&cfg->vars[var], x);

	return isnan(k) ? NULL : cfg->vars[var].cats[(size_t)k].label;
}

static void apply_categories(const struct ko_config *cfg,
			     struct ko_derived *d, size_t v)
{
	size_t c;

	if (!cfg->vars[v].n_cats)
		return;
	for (c = 0; c < d->n_children; c++)
		d->val[v][c] = categorise(&cfg->vars[v], d->val[v][c]);
}

size_t ko_derive_exprs(const struct ko_config *cfg, struct ko_derived *d)
{
	size_t v, c, computed = 0;
	int again = 1;

	while (again) {
		again = 0;
		for (v = 0; v < cfg->n_vars; v++) {
			if (d->done[v] || cfg->vars[v].agg != KO_AGG_EXPR ||
			    !deps_done(cfg, d, v))
				continue;
			for (c = 0; c < d->n_children; c++)
				d->val[v][c] = ko_derive_eval(cfg, d,
							      &cfg->vars[v].expr, c);
			apply_categories(cfg, d, v);
			d->done[v] = 1;
			computed++;
			again = 1;
		}
	}
	return computed;
}

/* ---- a pass over one extract ------------------------------------------- */

#define OPEN_LO INT32_MIN
#define OPEN_HI INT32_MAX

struct var_state {
	size_t var;
	const struct ko_cfg_variable *cv;
	double *val;
	int year_level;      /* rows dated by a year column */
	int need_time;       /* a row without its date/year does not count */
	int32_t *lo, *hi;    /* per child window [lo, hi): days or years */
	uint64_t *bits;      /* YEARS/MONTHS/YEARS_WITH: per child bitset */
	size_t words, bits_per_year;
	int32_t *base;       /* per child first year of its bitset */
	uint8_t *poison;     /* a matching row had the aggregated value missing */
	long time_sel, agg_sel;
	size_t code_sel[KO_CFG_MAX_LIST], n_code_sel;
	size_t month_sel[12];
	enum ko_type month_type[12], agg_type;
	long *where_sel;
	struct ko_persons *labels;
	long codes_twin;     /* an earlier variable of the pass with the same
				code columns and code list (its codes_hit is
				this one's), or -1 */
	/* the current row */
	int codes_hit;
	int row_match;
	double row_t;
	int row_year;
};

struct target_list {
	uint32_t *c;
	size_t n, cap;
	int ready;
};

struct ko_derive_pass {
	const struct ko_config *cfg;
	const struct ko_cfg_extract *x;
	const struct ko_links *links;
	struct ko_derived *d;
	struct ko_column *cols;
	size_t n_cols;
	long *sel_of_col;
	size_t person_sel[4], n_person_sel;
	struct var_state *vs;
	size_t n_vs;
	struct target_list persons, targets[KO_REL_COUNT];
	int32_t *seen;         /* unique extract: row of the person's row, 0 */
	struct {               /* last id looked up per person column: extracts
				  come sorted by person, so most lookups repeat */
		char id[64];
		size_t len;
		long index;
	} last[4];
	int indexed_ids;       /* ko_derive_pass_indexed_ids */
	struct ko_dup_report dups;
};

static int list_add(struct target_list *l, uint32_t v)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->c[i] == v)
			return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		uint32_t *p = realloc(l->c, cap * sizeof(*p));

		if (!p)
			return -1;
		l->c = p;
		l->cap = cap;
	}
	l->c[l->n++] = v;
	return 0;
}

/* Select cfg column col (once); returns its position in the selection. */
static long select_col(struct ko_derive_pass *p, size_t col)
{
	const struct ko_cfg_column *cc = &p->x->cols[col];
	struct ko_column *k;
	size_t i;

	if (p->sel_of_col[col] >= 0)
		return p->sel_of_col[col];
	k = &p->cols[p->n_cols];
	memset(k, 0, sizeof(*k));
	k->name = cc->name;
	k->type = cc->type;
	for (i = 0; i < cc->n_missing; i++)
		k->missing[i] = cc->missing[i];
	k->n_missing = cc->n_missing;
	p->sel_of_col[col] = (long)p->n_cols;
	return (long)p->n_cols++;
}

static void select_var_cols(struct ko_derive_pass *p, struct var_state *s)
{
	const struct ko_cfg_variable *cv = s->cv;
	size_t i;

	s->time_sel = s->agg_sel = -1;
	if (cv->date_col >= 0)
		s->time_sel = select_col(p, (size_t)cv->date_col);
	if (cv->year_col >= 0)
		s->time_sel = select_col(p, (size_t)cv->year_col);
	if (cv->agg_col >= 0) {
		s->agg_sel = select_col(p, (size_t)cv->agg_col);
		s->agg_type = p->x->cols[cv->agg_col].type;
	}
	for (i = 0; i < cv->n_code_cols; i++)
		s->code_sel[i] = (size_t)select_col(p, cv->code_cols[i]);
	s->n_code_sel = cv->n_code_cols;
	for (i = 0; i < cv->n_month_cols; i++) {
		s->month_sel[i] = (size_t)select_col(p, cv->month_cols[i]);
		s->month_type[i] = p->x->cols[cv->month_cols[i]].type;
	}
	for (i = 0; i < cv->n_where; i++)
		s->where_sel[i] = select_col(p, cv->where[i].col);
}

enum ko_status ko_derive_columns(const struct ko_config *cfg, size_t extract,
				 const size_t *vars, size_t n_vars,
				 struct ko_column *cols, size_t *n_cols,
				 struct ko_err *err)
{
	struct ko_derive_pass p;
	struct var_state s;
	enum ko_status st = KO_OK;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	p.x = &cfg->extracts[extract];
	p.cols = cols;
	p.sel_of_col = malloc((p.x->n_cols + 1) * sizeof(long));
	if (!p.sel_of_col)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < p.x->n_cols; i++)
		p.sel_of_col[i] = -1;
	/* the same selections, in the same order, as ko_derive_pass_new */
	for (i = 0; i < p.x->n_person_cols; i++)
		select_col(&p, p.x->person_cols[i]);
	for (i = 0; i < n_vars && !st; i++) {
		memset(&s, 0, sizeof(s));
		s.cv = &cfg->vars[vars[i]];
		s.where_sel = calloc(s.cv->n_where + 1, sizeof(long));
		if (!s.where_sel) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			break;
		}
		select_var_cols(&p, &s);
		free(s.where_sel);
	}
	free(p.sel_of_col);
	if (!st)
		*n_cols = p.n_cols;
	return st;
}

static int year_of(int32_t date)
{
	int y, m, d;

	ko_date_to_ymd(date, &y, &m, &d);
	return y;
}

static int32_t max32(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

/* One window term narrowing [*lo, *hi) for a child born on birth; returns
 * -1 when the window cannot be placed (birth date missing). */
static int narrow(const struct ko_cfg_window *w, int year_level, int32_t birth,
		  double var_date, int32_t *lo, int32_t *hi)
{
	int by;

	if ((w->kind == KO_WIN_AGE || w->kind == KO_WIN_DAYS) &&
	    birth == KO_DATE_NONE)
		return -1;
	switch (w->kind) {
	case KO_WIN_AGE:
		by = year_of(birth);
		*lo = max32(*lo, year_level ? by + w->lo : ko_birthday(birth, w->lo));
		*hi = min32(*hi, year_level ? by + w->hi + 1
					    : ko_birthday(birth, w->hi + 1));
		break;
	case KO_WIN_DAYS:
		*lo = max32(*lo, year_level ? year_of(birth + w->lo) : birth + w->lo);
		*hi = min32(*hi, year_level ? year_of(birth + w->hi) + 1
					    : birth + w->hi + 1);
		break;
	case KO_WIN_DATES:
		*lo = max32(*lo, year_level ? year_of(w->lo) : w->lo);
		*hi = min32(*hi, year_level ? year_of(w->hi) + 1 : w->hi + 1);
		break;
	case KO_WIN_BEFORE:
		if (!isnan(var_date))
			*hi = min32(*hi, year_level ? year_of((int32_t)var_date)
						    : (int32_t)var_date);
		break;
	case KO_WIN_AFTER:
		if (!isnan(var_date))
			*lo = max32(*lo, year_level ? year_of((int32_t)var_date) + 1
						    : (int32_t)var_date + 1);
		break;
	}
	return 0;
}

static int eligible(const struct ko_links *l, enum ko_relation rel, size_t c)
{
	switch (rel) {
	case KO_REL_SELF: return 1;
	case KO_REL_MOTHER: return l->parent[KO_MOTHER][c] >= 0;
	case KO_REL_FATHER: return l->parent[KO_FATHER][c] >= 0;
	default:
		return l->parent[KO_MOTHER][c] >= 0 || l->parent[KO_FATHER][c] >= 0;
	}
}

static int counts_from_zero(enum ko_agg agg)
{
	return agg == KO_AGG_ANY || agg == KO_AGG_COUNT || agg == KO_AGG_YEARS ||
	       agg == KO_AGG_SUM || agg == KO_AGG_MONTHS ||
	       agg == KO_AGG_YEARS_WITH;
}

static int uses_bits(enum ko_agg agg)
{
	return agg == KO_AGG_YEARS || agg == KO_AGG_MONTHS ||
	       agg == KO_AGG_YEARS_WITH;
}

/* Windows and starting values of every child. */
static void place_windows(struct ko_derive_pass *p, struct var_state *s)
{
	const struct ko_cfg_variable *cv = s->cv;
	size_t c, i;

	for (c = 0; c < p->d->n_children; c++) {
		int32_t lo = OPEN_LO, hi = OPEN_HI;
		int ok = eligible(p->links, cv->of, c);

		for (i = 0; ok && i < cv->n_windows; i++) {
			const struct ko_cfg_window *w = &cv->windows[i];
			double vd = w->kind == KO_WIN_BEFORE || w->kind == KO_WIN_AFTER
					    ? p->d->val[w->var][c] : NAN;

			if (narrow(w, s->year_level, p->links->child_birth[c], vd,
				   &lo, &hi))
				ok = 0;
		}
		if (!ok)
			lo = hi = 0;
		s->lo[c] = lo;
		s->hi[c] = hi;
		s->val[c] = ok && counts_from_zero(cv->agg) ? 0 : NAN;
	}
}

/* Bitset of years (or year-months) per child, from its window. */
static enum ko_status place_bits(struct ko_derive_pass *p, struct var_state *s,
				 struct ko_err *err)
{
	size_t c, span_max = 1;

	s->bits_per_year = s->cv->agg == KO_AGG_YEARS ? 1 : 12;
	for (c = 0; c < p->d->n_children; c++) {
		int32_t lo = s->lo[c], hi = s->hi[c], ylo, yhi;

		if (lo >= hi) {
			s->base[c] = 0;
			continue;
		}
		ylo = lo == OPEN_LO ? OPEN_YEAR_LO
				    : s->year_level ? lo : year_of(lo);
		yhi = hi == OPEN_HI ? OPEN_YEAR_HI
				    : s->year_level ? hi - 1 : year_of(hi - 1);
		ylo = max32(ylo, OPEN_YEAR_LO);
		s->base[c] = ylo;
		if (yhi >= ylo && (size_t)(yhi - ylo + 1) > span_max)
			span_max = (size_t)(yhi - ylo + 1);
	}
	if (span_max > MAX_SPAN_YEARS)
		return ko_err_set(err, KO_ERR_CONFIG, "variable %s: window spans "
				  "%zu years; at most %d for aggregate %s",
				  s->cv->name, span_max, MAX_SPAN_YEARS,
				  ko_agg_name(s->cv->agg));
	s->words = (span_max * s->bits_per_year + 63) / 64;
	s->bits = calloc(p->d->n_children * s->words + 1, sizeof(uint64_t));
	if (!s->bits)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	return KO_OK;
}

static enum ko_status init_var(struct ko_derive_pass *p, struct var_state *s,
			       size_t var, struct ko_err *err)
{
	size_t n = p->d->n_children ? p->d->n_children : 1;
	const struct ko_cfg_variable *cv = &p->cfg->vars[var];

	s->var = var;
	s->cv = cv;
	s->val = p->d->val[var];
	s->year_level = cv->year_col >= 0;
	s->need_time = cv->n_windows > 0 || cv->agg == KO_AGG_FIRST ||
		       cv->agg == KO_AGG_LAST || uses_bits(cv->agg);
	/* lo, hi and base are written for every child below */
	s->lo = scratch_take(p->d, n * sizeof(int32_t));
	s->hi = scratch_take(p->d, n * sizeof(int32_t));
	s->poison = scratch_take(p->d, n);
	if (s->poison)
		memset(s->poison, 0, n);
	s->where_sel = calloc(cv->n_where + 1, sizeof(long));
	if (uses_bits(cv->agg))
		s->base = scratch_take(p->d, n * sizeof(int32_t));
	if (!s->lo || !s->hi || !s->poison || !s->where_sel ||
	    (uses_bits(cv->agg) && !s->base))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (cv->agg == KO_AGG_VALUE && cv->kind == KO_VK_LABEL &&
	    !(s->labels = ko_persons_new()))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	select_var_cols(p, s);
	place_windows(p, s);
	return uses_bits(cv->agg) ? place_bits(p, s, err) : KO_OK;
}

static void find_code_twins(struct ko_derive_pass *p);

enum ko_status ko_derive_pass_new(struct ko_derive_pass **out,
				  const struct ko_config *cfg, size_t extract,
				  const size_t *vars, size_t n_vars,
				  const struct ko_links *links,
				  struct ko_derived *d, struct ko_err *err)
{
	struct ko_derive_pass *p = calloc(1, sizeof(*p));
	enum ko_status st = KO_OK;
	size_t i;

	*out = NULL;
	if (!p)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	p->cfg = cfg;
	p->x = &cfg->extracts[extract];
	p->links = links;
	p->d = d;
	p->cols = calloc(p->x->n_cols + 1, sizeof(*p->cols));
	p->sel_of_col = malloc((p->x->n_cols + 1) * sizeof(long));
	p->vs = calloc(n_vars + 1, sizeof(*p->vs));
	if (!p->cols || !p->sel_of_col || !p->vs) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < p->x->n_cols; i++)
		p->sel_of_col[i] = -1;
	if (p->x->unique &&
	    !(p->seen = calloc(ko_persons_count(links->dict) + 1,
			       sizeof(*p->seen)))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < p->x->n_person_cols; i++)
		p->person_sel[i] = (size_t)select_col(p, p->x->person_cols[i]);
	p->n_person_sel = p->x->n_person_cols;
	for (i = 0; i < n_vars; i++) {
		p->n_vs++;
		st = init_var(p, &p->vs[i], vars[i], err);
		if (st)
			goto out;
	}
	find_code_twins(p);
out:
	if (st) {
		ko_derive_pass_free(p);
		return st;
	}
	*out = p;
	return KO_OK;
}

const struct ko_column *ko_derive_pass_columns(const struct ko_derive_pass *p,
					       size_t *n)
{
	*n = p->n_cols;
	return p->cols;
}

/* ---- per row ---------------------------------------------------------- */

static int text_in(const struct ko_value *v, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == v->len && !memcmp(list[i], v->text, v->len))
			return 1;
	return 0;
}

static double number_of(const struct ko_value *v, enum ko_type t)
{
	if (t == KO_TYPE_DATE)
		return v->v.date;
	if (t == KO_TYPE_INT)
		return (double)v->v.integer;
	return v->v.number;
}

static int where_ok(const struct ko_derive_pass *p, const struct var_state *s,
		    const struct ko_row *row)
{
	size_t i;

	for (i = 0; i < s->cv->n_where; i++) {
		const struct ko_cfg_where *w = &s->cv->where[i];
		const struct ko_value *v = &row->values[s->where_sel[i]];
		double x;
		int ok;

		if (w->op == KO_WH_MISSING || w->op == KO_WH_PRESENT) {
			if (v->missing != (w->op == KO_WH_MISSING))
				return 0;
			continue;
		}
		if (v->missing)
			return 0;
		if (w->op == KO_WH_IN || w->op == KO_WH_NOT_IN) {
			if (text_in(v, w->text, w->n_text) != (w->op == KO_WH_IN))
				return 0;
			continue;
		}
		x = number_of(v, p->x->cols[w->col].type);
		switch (w->op) {
		case KO_WH_EQ: ok = x == w->num; break;
		case KO_WH_NE: ok = x != w->num; break;
		case KO_WH_LT: ok = x < w->num; break;
		case KO_WH_LE: ok = x <= w->num; break;
		case KO_WH_GT: ok = x > w->num; break;
		default: ok = x >= w->num; break;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int codes_ok(const struct var_state *s, const struct ko_row *row)
{
	size_t i;

	if (!s->n_code_sel)
		return 1;
	for (i = 0; i < s->n_code_sel; i++) {
		const struct ko_value *v = &row->values[s->code_sel[i]];

		if (!v->missing && ko_codes_match(&s->cv->codes, v->text, v->len))
			return 1;
	}
	return 0;
}

/* Children a row reaches through relation rel (deduplicated). */
static int find_targets(struct ko_derive_pass *p, enum ko_relation rel)
{
	struct target_list *t = &p->targets[rel];
	const struct ko_links *l = p->links;
	size_t i;
	uint32_t j;

	t->ready = 1;
	for (i = 0; i < p->persons.n; i++) {
		uint32_t q = p->persons.c[i];

		if (rel == KO_REL_SELF) {
			if (l->child[q] >= 0 && list_add(t, (uint32_t)l->child[q]))
				return -1;
			continue;
		}
		for (j = l->rev_start[q]; j < l->rev_start[q + 1]; j++) {
			uint32_t e = l->rev_child[j];

			if ((rel == KO_REL_PARENTS || (e & 1) == (uint32_t)(rel - 1)) &&
			    list_add(t, e >> 1))
				return -1;
		}
	}
	return 0;
}

static void set_bit(struct var_state *s, size_t c, int32_t year, int month)
{
	int64_t off = (int64_t)year - s->base[c];
	size_t bit;

	if (off < 0)
		return;
	bit = (size_t)off * s->bits_per_year + (size_t)month;
	if (bit >= s->words * 64)
		return;
	s->bits[c * s->words + bit / 64] |= (uint64_t)1 << (bit % 64);
}

/* Fold one matching row into child c. */
static enum ko_status fold(struct var_state *s, size_t c,
			   const struct ko_row *row, double t, int year,
			   struct ko_err *err)
{
	const struct ko_value *a = s->agg_sel >= 0 ? &row->values[s->agg_sel] : NULL;
	double *val = &s->val[c], x;
	size_t m;
	int ins;
	long li;

	switch (s->cv->agg) {
	case KO_AGG_ANY: *val = 1; break;
	case KO_AGG_COUNT: *val += 1; break;
	case KO_AGG_FIRST: if (isnan(*val) || t < *val) *val = t; break;
	case KO_AGG_LAST: if (isnan(*val) || t > *val) *val = t; break;
	case KO_AGG_YEARS: set_bit(s, c, year, 0); break;
	case KO_AGG_MONTHS:
	case KO_AGG_YEARS_WITH:
		for (m = 0; m < 12; m++) {
			const struct ko_value *mv = &row->values[s->month_sel[m]];

			if (!mv->missing && number_of(mv, s->month_type[m]) >= 1)
				set_bit(s, c, year, (int)m);
		}
		break;
	case KO_AGG_VALUE:
		if (a->missing)
			break;
		if (s->labels) {
			li = ko_persons_intern(s->labels, a->text, a->len, &ins);
			if (li < 0)
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			*val = (double)li;
		} else {
			*val = number_of(a, s->agg_type);
		}
		break;
	default: /* SUM, MIN, MAX */
		if (a->missing) {
			s->poison[c] = 1;
			break;
		}
		x = number_of(a, s->agg_type);
		if (s->cv->agg == KO_AGG_SUM)
			*val += x;
		else if (isnan(*val) || (s->cv->agg == KO_AGG_MIN ? x < *val : x > *val))
			*val = x;
		break;
	}
	return KO_OK;
}

/* The row's date or year for s; 0 if it has one (or needs none). */
static int row_time(const struct var_state *s, const struct ko_row *row,
		    double *t, int *year)
{
	const struct ko_value *v;

	*t = 0;
	*year = 0;
	if (s->time_sel < 0)
		return s->need_time ? -1 : 0;
	v = &row->values[s->time_sel];
	if (v->missing)
		return s->need_time ? -1 : 0;
	if (s->year_level) {
		if (v->v.integer < -100000 || v->v.integer > 100000)
			return -1;
		*year = (int)v->v.integer;
		*t = *year;
	} else {
		*t = v->v.date;
		if (uses_bits(s->cv->agg))
			*year = year_of(v->v.date);
	}
	return 0;
}

/* 1 when the row passes s's filters and has the date or year s needs.
 * The code test is made once a row for variables with the same codes on
 * the same columns (ndd and ndd_date of the example). */
static int row_matches(const struct ko_derive_pass *p, struct var_state *s,
		       const struct ko_row *row)
{
	s->codes_hit = s->codes_twin >= 0 ? p->vs[s->codes_twin].codes_hit
					  : codes_ok(s, row);
	return s->codes_hit && where_ok(p, s, row) &&
	       !row_time(s, row, &s->row_t, &s->row_year);
}

static int same_codes(const struct var_state *a, const struct var_state *b)
{
	const struct ko_codes *x = &a->cv->codes, *y = &b->cv->codes;
	size_t i;

	if (a->n_code_sel != b->n_code_sel || x->n != y->n)
		return 0;
	for (i = 0; i < a->n_code_sel; i++)
		if (a->code_sel[i] != b->code_sel[i])
			return 0;
	for (i = 0; i < x->n; i++)
		if (strcmp(x->items[i].lo, y->items[i].lo) ||
		    strcmp(x->items[i].hi, y->items[i].hi) ||
		    x->items[i].lo_len != y->items[i].lo_len ||
		    x->items[i].hi_len != y->items[i].hi_len)
			return 0;
	return 1;
}

/* Each variable's codes_twin: the first earlier one with the same codes
 * (none without codes). */
static void find_code_twins(struct ko_derive_pass *p)
{
	size_t i, j;

	for (i = 0; i < p->n_vs; i++) {
		p->vs[i].codes_twin = -1;
		for (j = 0; j < i && p->vs[i].n_code_sel; j++)
			if (p->vs[j].codes_twin < 0 && same_codes(&p->vs[i], &p->vs[j])) {
				p->vs[i].codes_twin = (long)j;
				break;
			}
	}
}

static enum ko_status fold_var(struct ko_derive_pass *p, struct var_state *s,
			       const struct ko_row *row, struct ko_err *err)
{
	struct target_list *t = &p->targets[s->cv->of];
	size_t i;
	enum ko_status st;

	if (!t->ready && find_targets(p, s->cv->of))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < t->n; i++) {
		uint32_t c = t->c[i];

		if (s->lo[c] >= s->hi[c])
			continue; /* no window for this child */
		if (s->need_time && (s->row_t < s->lo[c] || s->row_t >= s->hi[c]))
			continue;
		st = fold(s, c, row, s->row_t, s->row_year, err);
		if (st)
			return st;
	}
	return KO_OK;
}

void ko_derive_pass_indexed_ids(struct ko_derive_pass *p, int on)
{
	p->indexed_ids = on;
}

/* Dictionary index of the id in person column i: the one a replayed row
 * carries, or through a one-entry cache. */
static long find_person(struct ko_derive_pass *p, size_t i,
			const struct ko_value *v)
{
	long q;

	if (p->indexed_ids && v->v.integer > 0)
		return (long)v->v.integer - 1;
	if (v->len == p->last[i].len && !memcmp(v->text, p->last[i].id, v->len))
		return p->last[i].index;
	q = ko_persons_find(p->links->dict, v->text, v->len);
	if (v->len < sizeof(p->last[i].id)) {
		memcpy(p->last[i].id, v->text, v->len);
		p->last[i].len = v->len;
		p->last[i].index = q;
	}
	return q;
}

/* A unique extract: remember whose row this was, and note repeats (of
 * persons the study knows; `kohort check` looks at every id). */
static int note_row_person(struct ko_derive_pass *p, const struct ko_row *row)
{
	const struct ko_value *v = &row->values[p->person_sel[0]];
	long q;

	if (v->missing || !v->len)
		return 0;
	q = find_person(p, 0, v);
	if (q < 0)
		return 0;
	if (p->seen[q]) {
		struct ko_dup_report *d = &p->dups;

		if (d->count < KO_LINK_DUP_EXAMPLES) {
			size_t n = v->len < sizeof(d->ex[0].id) - 1
					   ? v->len : sizeof(d->ex[0].id) - 1;

			memcpy(d->ex[d->count].id, v->text, n);
			d->ex[d->count].id[n] = '\0';
			d->ex[d->count].row = row->row;
			d->ex[d->count].first_row = p->seen[q];
		}
		d->count++;
		return 0;
	}
	p->seen[q] = (int32_t)row->row;
	return 0;
}

enum ko_status ko_derive_pass_row(struct ko_derive_pass *p,
				  const struct ko_row *row, struct ko_err *err)
{
	size_t i, matched;
	int r;
	enum ko_status st;

	if (p->seen && note_row_person(p, row))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	/* Filters first: most rows of a big extract match no variable, and
	 * then no id needs looking up. */
	for (i = 0, matched = 0; i < p->n_vs; i++)
		matched += (p->vs[i].row_match = row_matches(p, &p->vs[i], row));
	if (!matched)
		return KO_OK;
	p->persons.n = 0;
	for (r = 0; r < KO_REL_COUNT; r++) {
		p->targets[r].n = 0;
		p->targets[r].ready = 0;
	}
	for (i = 0; i < p->n_person_sel; i++) {
		const struct ko_value *v = &row->values[p->person_sel[i]];
		long q;

		if (v->missing || !v->len)
			continue;
		q = find_person(p, i, v);
		if (q >= 0 && list_add(&p->persons, (uint32_t)q))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	if (!p->persons.n)
		return KO_OK;
	for (i = 0; i < p->n_vs; i++) {
		if (!p->vs[i].row_match)
			continue;
		st = fold_var(p, &p->vs[i], row, err);
		if (st)
			return st;
	}
	return KO_OK;
}

int ko_derive_row_fn(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	return ko_derive_pass_row(ctx, row, err) != KO_OK;
}

static double popcount_words(const uint64_t *w, size_t n)
{
	size_t i;
	double total = 0;

	for (i = 0; i < n; i++)
		total += __builtin_popcountll(w[i]);
	return total;
}

/* Years with at least k of their 12 month bits set. */
static double years_with(const struct var_state *s, size_t c, int k)
{
	const uint64_t *w = &s->bits[c * s->words];
	size_t y, m, years = s->words * 64 / 12;
	double n = 0;

	for (y = 0; y < years; y++) {
		int flagged = 0;

		for (m = 0; m < 12; m++) {
			size_t bit = y * 12 + m;

			flagged += (w[bit / 64] >> (bit % 64)) & 1;
		}
		n += flagged >= k;
	}
	return n;
}

static void finish_var(struct ko_derive_pass *p, struct var_state *s)
{
	size_t c;

	for (c = 0; c < p->d->n_children; c++) {
		if (s->poison[c]) {
			s->val[c] = NAN;
			continue;
		}
		if (!uses_bits(s->cv->agg) || isnan(s->val[c]))
			continue;
		if (s->cv->agg == KO_AGG_YEARS_WITH)
			s->val[c] = years_with(s, c, s->cv->agg_k);
		else
			s->val[c] = popcount_words(&s->bits[c * s->words], s->words);
	}
	if (s->cv->agg == KO_AGG_YEARS) { /* kept: ko_derived_years */
		struct ko_year_set *ys = &p->d->years[s->var];

		for (c = 0; c < p->d->n_children; c++)
			if (s->poison[c] || isnan(s->val[c]))
				memset(&s->bits[c * s->words], 0,
				       s->words * sizeof(*s->bits));
		ys->words = s->words;
		ys->first = s->base;
		ys->bits = s->bits;
		s->base = NULL;
		s->bits = NULL;
	}
	if (s->labels) {
		p->d->labels[s->var] = s->labels;
		s->labels = NULL;
	}
	apply_categories(p->cfg, p->d, s->var);
	p->d->done[s->var] = 1;
}

enum ko_status ko_derive_pass_finish(struct ko_derive_pass *p,
				     struct ko_err *err)
{
	size_t i;

	if (p->dups.count) {
		char buf[600];

		ko_dup_format(&p->dups, buf, sizeof(buf));
		return ko_err_at(err, KO_ERR_DATA, p->x->file, 0, NULL,
				 "extract %s must have one row per person: %s",
				 p->x->name, buf);
	}
	for (i = 0; i < p->n_vs; i++)
		finish_var(p, &p->vs[i]);
	return KO_OK;
}

void ko_derive_pass_free(struct ko_derive_pass *p)
{
	size_t i;
	int r;

	if (!p)
		return;
	for (i = 0; i < p->n_vs; i++) {
		struct var_state *s = &p->vs[i];

		size_t n = p->d->n_children ? p->d->n_children : 1;

		scratch_give(p->d, s->lo, n * sizeof(int32_t));
		scratch_give(p->d, s->hi, n * sizeof(int32_t));
		free(s->bits);
		scratch_give(p->d, s->base, n * sizeof(int32_t));
		scratch_give(p->d, s->poison, n);
		free(s->where_sel);
		ko_persons_free(s->labels);
	}
	free(p->vs);
	free(p->cols);
	free(p->sel_of_col);
	free(p->persons.c);
	free(p->seen);
	for (r = 0; r < KO_REL_COUNT; r++)
		free(p->targets[r].c);
	free(p);
}
