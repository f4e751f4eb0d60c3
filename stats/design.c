/* design.c - design matrices as R's model.matrix builds them (see design.h). */
#include "design.h"
#include "base/mem.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How one formula variable is read from its column. */
struct var_coding {
	const struct ko_design_column *col;
	int is_factor;
	size_t n_levels;
	char **labels;     /* level labels, reference first */
	int32_t *code;     /* level of each input row (-1 when not used) */
};

struct build {
	const struct ko_formula *f;
	const struct ko_design_input *in;
	struct ko_err *err;
	const struct ko_design_column *response;
	unsigned char *used;        /* per input row */
	struct var_coding *vars;    /* per formula variable */
	unsigned char *full;        /* [term * n_vars + var]: 1 = all levels */
	struct ko_design *d;
};

void ko_design_format_number(double v, char *buf)
{
	char sci[40], probe[40];
	int digits, e, neg = v < 0, w_sci, w_fix, right;
	double target;

	if (v == 0) {
		strcpy(buf, "0");
		return;
	}
	if (!isfinite(v)) {
		strcpy(buf, isnan(v) ? "NaN" : v > 0 ? "Inf" : "-Inf");
		return;
	}
	snprintf(sci, sizeof(sci), "%.14e", v);
	target = strtod(sci, NULL);
	for (digits = 1; digits < 15; digits++) {
		snprintf(probe, sizeof(probe), "%.*e", digits - 1, v);
		if (strtod(probe, NULL) == target)
			break;
	}
	snprintf(sci, sizeof(sci), "%.*e", digits - 1, v);
	e = atoi(strchr(sci, 'e') + 1);
	w_sci = neg + (digits > 1 ? digits + 1 : 1) + (abs(e) >= 100 ? 5 : 4);
	if (e >= 0) {
		right = digits - 1 - e > 0 ? digits - 1 - e : 0;
		w_fix = neg + e + 1 + (right ? right + 1 : 0);
	} else {
		right = -e + digits - 1;
		w_fix = neg + 2 + right;
	}
	if (w_fix <= w_sci)
		snprintf(buf, 32, "%.*f", right, v);
	else
		snprintf(buf, 32, "%.31s", sci);
}

static const struct ko_design_column *find_column(
	const struct ko_design_input *in, const char *name)
{
	size_t i;

	for (i = 0; i < in->n_cols; i++)
		if (!strcmp(in->cols[i].name, name))
			return &in->cols[i];
	return NULL;
}

static int is_missing(const struct ko_design_column *c, size_t r)
{
	return c->num ? isnan(c->num[r]) : c->text[r] == NULL;
}

static enum ko_status no_column(struct build *b, const char *name)
{
	return ko_err_at(b->err, KO_ERR_DATA, NULL, 0, name,
			 "the data have no column '%s'", name);
}

/* Columns for the outcome and every variable; the rows to use. */
static enum ko_status resolve_rows(struct build *b)
{
	const struct ko_design_input *in = b->in;
	const struct ko_formula *f = b->f;
	const struct ko_design_column **req = NULL;
	size_t r, v, k;
	enum ko_status st = KO_OK;

	b->response = find_column(in, f->response);
	if (!b->response)
		return no_column(b, f->response);
	if (!b->response->num)
		return ko_err_at(b->err, KO_ERR_DATA, NULL, 0, f->response,
				 "the outcome must be numeric (0/1)");
	for (v = 0; v < f->n_vars; v++) {
		b->vars[v].col = find_column(in, f->vars[v].column);
		if (!b->vars[v].col)
			return no_column(b, f->vars[v].column);
		b->vars[v].is_factor = f->vars[v].is_factor ||
				       b->vars[v].col->text != NULL;
	}
	if (in->n_required) {
		req = malloc(in->n_required * sizeof(*req));
		if (!req)
			return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	}
	for (k = 0; k < in->n_required; k++) {
		req[k] = find_column(in, in->required[k]);
		if (!req[k]) {
			st = no_column(b, in->required[k]);
			goto out;
		}
	}
	b->d->n_input = 0;
	for (r = 0; r < in->n_rows; r++) {
		int ok = 1;

		if (in->keep && !in->keep[r])
			continue;
		b->d->n_input++;
		ok = !is_missing(b->response, r);
		for (v = 0; v < f->n_vars && ok; v++)
			ok = !is_missing(b->vars[v].col, r);
		for (k = 0; k < in->n_required && ok; k++)
			ok = !is_missing(req[k], r);
		b->used[r] = (unsigned char)ok;
		if (ok)
			b->d->n++;
		else
			b->d->n_missing++;
	}
	if (b->d->n == 0)
		st = ko_err_set(b->err, KO_ERR_DATA,
				"no rows left after dropping %zu with missing values",
				b->d->n_missing);
out:
	free(req);
	return st;
}

/* ---- interning: dense codes for distinct values, O(n) by hashing ---- */

struct intern {
	size_t cap, n;      /* slots (a power of 2), distinct values */
	size_t *slot_row;   /* first row holding the value; SIZE_MAX = empty */
	int32_t *slot_code;
};

static uint64_t hash_text(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static uint64_t hash_bits(double x)
{
	uint64_t u;

	if (x == 0)
		x = 0; /* -0 and +0 are one level */
	memcpy(&u, &x, sizeof(u));
	u ^= u >> 33;
	u *= 0xff51afd7ed558ccdULL;
	return u ^ (u >> 33);
}

static int intern_grow(struct intern *in)
{
	size_t cap = in->cap ? 2 * in->cap : 64, k;
	size_t *row = malloc(cap * sizeof(*row));
	int32_t *code = malloc(cap * sizeof(*code));

	if (!row || !code) {
		free(row);
		free(code);
		return -1;
	}
	for (k = 0; k < cap; k++)
		row[k] = SIZE_MAX;
	free(in->slot_row);
	free(in->slot_code);
	in->slot_row = row;
	in->slot_code = code;
	in->cap = cap;
	return 0;
}

/* Codes (in order of first appearance) of text[r] or num[r] for the rows
 * with use[r] (NULL: all); unused rows get -1.  first[k] = first row of
 * code k (caller frees).  Exactly one of text and num is set.  Stops
 * early, with *n_unique = max_unique + 1, past max_unique values. */
static int intern_rows(const char *const *text, const double *num, size_t n,
		       const unsigned char *use, size_t max_unique,
		       int32_t *codes, size_t *n_unique, size_t **first)
{
	struct intern in = { 0, 0, NULL, NULL };
	size_t r, *fr = NULL, fr_cap = 0;
	int rc = -1;

restart:
	if (intern_grow(&in))
		goto out;
	in.n = 0;
	for (r = 0; r < n; r++) {
		uint64_t h;
		size_t k;

		codes[r] = -1;
		if (use && !use[r])
			continue;
		h = text ? hash_text(text[r]) : hash_bits(num[r]);
		for (k = h & (in.cap - 1);; k = (k + 1) & (in.cap - 1)) {
			size_t q = in.slot_row[k];

			if (q == SIZE_MAX)
				break;
			if (text ? !strcmp(text[q], text[r])
				 : num[q] == num[r]) {
				codes[r] = in.slot_code[k];
				break;
			}
		}
		if (codes[r] >= 0)
			continue;
		if (2 * (in.n + 1) > in.cap)
			goto restart; /* rare: rehash from the start, bigger */
		if (in.n == fr_cap) {
			size_t cap = fr_cap ? 2 * fr_cap : 16;
			size_t *nf = realloc(fr, cap * sizeof(*nf));

			if (!nf)
				goto out;
			fr = nf;
			fr_cap = cap;
		}
		if (in.n > max_unique)
			break; /* the caller reports the limit */
		in.slot_row[k] = r;
		in.slot_code[k] = (int32_t)in.n;
		fr[in.n] = r;
		codes[r] = (int32_t)in.n++;
	}
	*n_unique = in.n;
	*first = fr;
	fr = NULL;
	rc = 0;
out:
	free(fr);
	free(in.slot_row);
	free(in.slot_code);
	return rc;
}

enum ko_status ko_design_intern(const char *const *text, size_t n,
				int32_t *codes, size_t *n_unique,
				struct ko_err *err)
{
	size_t *first = NULL;

	if (n > INT32_MAX)
		return ko_err_set(err, KO_ERR_LIMIT, "more than %ld ids", (long)INT32_MAX);
	if (intern_rows(text, NULL, n, NULL, n, codes, n_unique, &first))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	free(first);
	return KO_OK;
}

/* A level while sorting: its value and the first row holding it. */
struct level {
	const char *text;
	double num;
	size_t row;
};

static int cmp_level_text(const void *a, const void *b)
{
	return strcmp(((const struct level *)a)->text,
		      ((const struct level *)b)->text);
}

static int cmp_level_num(const void *a, const void *b)
{
	double x = ((const struct level *)a)->num;
	double y = ((const struct level *)b)->num;

	return (x > y) - (x < y);
}

/* Levels of a factor in the used rows: distinct values by hashing, then
 * only those sorted (numerically, or by strcmp); codes renumbered. */
static enum ko_status find_levels(struct build *b, struct var_coding *vc)
{
	const struct ko_design_column *c = vc->col;
	size_t m = 0, k, r, *first = NULL;
	struct level *lv = NULL;
	int32_t *rank = NULL;
	enum ko_status st = KO_OK;

	if (intern_rows(c->text, c->num, b->in->n_rows, b->used,
			KO_DESIGN_MAX_LEVELS, vc->code, &m, &first))
		return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	if (m > KO_DESIGN_MAX_LEVELS) {
		st = ko_err_at(b->err, KO_ERR_LIMIT, NULL, 0, c->name,
			       "more than %d levels", KO_DESIGN_MAX_LEVELS);
		goto out;
	}
	lv = malloc((m ? m : 1) * sizeof(*lv));
	rank = malloc((m ? m : 1) * sizeof(*rank));
	vc->labels = calloc(m ? m : 1, sizeof(*vc->labels));
	if (!lv || !rank || !vc->labels) {
		st = ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < m; k++) {
		lv[k].row = first[k];
		lv[k].text = c->text ? c->text[first[k]] : NULL;
		lv[k].num = c->num ? c->num[first[k]] : 0;
	}
	qsort(lv, m, sizeof(*lv), c->text ? cmp_level_text : cmp_level_num);
	vc->n_levels = m;
	for (k = 0; k < m; k++) {
		rank[vc->code[lv[k].row]] = (int32_t)k;
		if (c->text) {
			vc->labels[k] = strdup(lv[k].text);
		} else if ((vc->labels[k] = malloc(32))) {
			ko_design_format_number(lv[k].num, vc->labels[k]);
		}
		if (!vc->labels[k]) {
			st = ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	for (r = 0; r < b->in->n_rows; r++)
		if (vc->code[r] >= 0)
			vc->code[r] = rank[vc->code[r]];
out:
	free(first);
	free(lv);
	free(rank);
	return st;
}

/* Move the chosen reference to the front (R's relevel). */
static enum ko_status apply_reference(struct build *b, struct var_coding *vc,
				      const struct ko_formula_var *fv)
{
	size_t k, ref = 0, r;
	char *label;

	if (!fv->ref)
		return KO_OK;
	for (ref = 0; ref < vc->n_levels; ref++)
		if (!strcmp(vc->labels[ref], fv->ref))
			break;
	if (ref == vc->n_levels)
		return ko_err_at(b->err, KO_ERR_DATA, NULL, 0, fv->column,
				 "reference level '%s' is not among the levels of %s in the rows used",
				 fv->ref, fv->column);
	label = vc->labels[ref];
	for (k = ref; k > 0; k--)
		vc->labels[k] = vc->labels[k - 1];
	vc->labels[0] = label;
	for (r = 0; r < b->in->n_rows; r++) {
		if (!b->used[r])
			continue;
		if ((size_t)vc->code[r] == ref)
			vc->code[r] = 0;
		else if ((size_t)vc->code[r] < ref)
			vc->code[r]++;
	}
	return KO_OK;
}

static enum ko_status code_factors(struct build *b)
{
	size_t v;
	enum ko_status st;

	for (v = 0; v < b->f->n_vars; v++) {
		struct var_coding *vc = &b->vars[v];

		if (!vc->is_factor)
			continue;
		vc->code = ko_mem_rows(b->in->n_rows * sizeof(*vc->code));
		if (!vc->code)
			return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
		st = find_levels(b, vc);
		if (st)
			return st;
		if ((st = apply_reference(b, vc, &b->f->vars[v])))
			return st;
	}
	return KO_OK;
}

static int term_has(const struct ko_formula_term *t, size_t v)
{
	size_t i;

	for (i = 0; i < t->n_vars; i++)
		if (t->vars[i] == v)
			return 1;
	return 0;
}

/* R's TermCode: a factor is coded by contrasts in a term when the term
 * without it is empty or contained in an earlier term; else by indicators
 * for every level.  Without an intercept, the first factor of the first
 * term holding one gets every level. */
static enum ko_status choose_coding(struct build *b)
{
	const struct ko_formula *f = b->f;
	size_t t, i, j, s, nv = f->n_vars;

	b->full = calloc(f->n_terms * nv + 1, 1);
	if (!b->full)
		return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < f->n_terms; t++) {
		const struct ko_formula_term *term = &f->terms[t];

		for (i = 0; i < term->n_vars; i++) {
			size_t v = term->vars[i];
			int contained = term->n_vars == 1;

			if (!b->vars[v].is_factor)
				continue;
			for (s = 0; s < t && !contained; s++) {
				int all = 1;

				for (j = 0; j < term->n_vars && all; j++)
					if (j != i && !term_has(&f->terms[s],
								term->vars[j]))
						all = 0;
				contained = all;
			}
			b->full[t * nv + v] = !contained;
		}
	}
	if (!f->intercept) {
		for (t = 0; t < f->n_terms; t++) {
			for (i = 0; i < f->terms[t].n_vars; i++) {
				size_t v = f->terms[t].vars[i];

				if (b->vars[v].is_factor) {
					b->full[t * nv + v] = 1;
					goto done;
				}
			}
		}
	}
done:
	return KO_OK;
}

/* Columns a variable contributes to a term. */
static size_t var_ncols(const struct build *b, size_t t, size_t v)
{
	const struct var_coding *vc = &b->vars[v];

	if (!vc->is_factor)
		return 1;
	return b->full[t * b->f->n_vars + v] ? vc->n_levels : vc->n_levels - 1;
}

static enum ko_status check_levels(struct build *b)
{
	size_t t, i;

	for (t = 0; t < b->f->n_terms; t++) {
		for (i = 0; i < b->f->terms[t].n_vars; i++) {
			size_t v = b->f->terms[t].vars[i];

			if (b->vars[v].is_factor && var_ncols(b, t, v) == 0)
				return ko_err_at(b->err, KO_ERR_DATA, NULL, 0,
						 b->f->vars[v].column,
						 "%s has only one level in the rows used",
						 b->f->vars[v].text);
		}
	}
	return KO_OK;
}

/* Name of column `index` (first variable fastest) of term t. */
static char *column_name(const struct build *b, size_t t, size_t index)
{
	const struct ko_formula_term *term = &b->f->terms[t];
	size_t i, len = 1, pos = 0;
	size_t level[64];
	char *name;

	for (i = 0; i < term->n_vars; i++) {
		size_t v = term->vars[i], nc = var_ncols(b, t, v);
		const struct var_coding *vc = &b->vars[v];

		level[i] = index % nc;
		index /= nc;
		if (vc->is_factor && !b->full[t * b->f->n_vars + v])
			level[i]++; /* the reference has no column */
		len += strlen(b->f->vars[v].text) + 1 +
		       (vc->is_factor ? strlen(vc->labels[level[i]]) : 0);
	}
	name = malloc(len);
	if (!name)
		return NULL;
	for (i = 0; i < term->n_vars; i++) {
		size_t v = term->vars[i];
		const struct var_coding *vc = &b->vars[v];

		pos += (size_t)snprintf(name + pos, len - pos, "%s%s%s",
					i ? ":" : "", b->f->vars[v].text,
					vc->is_factor ? vc->labels[level[i]] : "");
	}
	return name;
}

static enum ko_status alloc_layout(struct ko_design *d, size_t n_terms)
{
	d->term_labels = calloc(n_terms + 1, sizeof(*d->term_labels));
	d->term_first = calloc(n_terms + 1, sizeof(*d->term_first));
	d->term_ncols = calloc(n_terms + 1, sizeof(*d->term_ncols));
	if (!d->term_labels || !d->term_first || !d->term_ncols)
		return KO_ERR_NOMEM;
	d->n_terms = n_terms;
	return KO_OK;
}

/* Column names and the term -> columns map. */
static enum ko_status name_columns(struct build *b)
{
	struct ko_design *d = b->d;
	const struct ko_formula *f = b->f;
	size_t t, i, j, p = f->intercept ? 1 : 0;

	if (alloc_layout(d, f->n_terms))
		return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < f->n_terms; t++) {
		size_t nc = 1;

		if (f->terms[t].n_vars > 64)
			return ko_err_set(b->err, KO_ERR_LIMIT,
					  "a term of more than 64 variables");
		for (i = 0; i < f->terms[t].n_vars; i++)
			nc *= var_ncols(b, t, f->terms[t].vars[i]);
		d->term_first[t] = p;
		d->term_ncols[t] = nc;
		d->term_labels[t] = strdup(f->terms[t].label);
		if (!d->term_labels[t])
			return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
		p += nc;
	}
	d->p = p;
	d->names = calloc(p + 1, sizeof(*d->names));
	if (!d->names)
		return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	if (f->intercept && !(d->names[0] = strdup("(Intercept)")))
		return ko_err_set(b->err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < f->n_terms; t++) {
		for (j = 0; j < d->term_ncols[t]; j++) {
			d->names[d->term_first[t] + j] = column_name(b, t, j);
			if (!d->names[d->term_first[t] + j])
				return ko_err_set(b->err, KO_ERR_NOMEM,
						  "out of memory");
		}
	}
	return KO_OK;
}

/* Fill one row's columns of term t. */
static void fill_term(const struct build *b, size_t t, size_t r, double *out)
{
	const struct ko_formula_term *term = &b->f->terms[t];
	size_t i, index = 0, stride = 1, nc = b->d->term_ncols[t];
	double value = 1;

	memset(out, 0, nc * sizeof(*out));
	for (i = 0; i < term->n_vars; i++) {
		size_t v = term->vars[i], vn = var_ncols(b, t, v);
		const struct var_coding *vc = &b->vars[v];

		if (vc->is_factor) {
			size_t level = (size_t)vc->code[r];

			if (!b->full[t * b->f->n_vars + v]) {
				if (level == 0)
					return; /* the reference: all zero */
				level--;
			}
			index += level * stride;
		} else {
			value *= vc->col->num[r];
		}
		stride *= vn;
	}
	out[index] = value;
}

static enum ko_status fill_matrix(struct build *b)
{
	struct ko_design *d = b->d;
	size_t r, i = 0, t;

	if (d->p && d->n > (size_t)-1 / sizeof(double) / d->p)
		return ko_err_set(b->err, KO_ERR_LIMIT, "design matrix too large");
	d->x = ko_mem_rows(d->n * d->p * sizeof(*d->x) + 1);
	d->y = ko_mem_rows(d->n * sizeof(*d->y) + 1);
	d->rows = ko_mem_rows(d->n * sizeof(*d->rows) + 1);
	if (!d->x || !d->y || !d->rows)
		return ko_err_set(b->err, KO_ERR_NOMEM,
				  "out of memory for a %zu x %zu design matrix",
				  d->n, d->p);
	for (r = 0; r < b->in->n_rows; r++) {
		double *row;

		if (!b->used[r])
			continue;
		row = d->x + i * d->p;
		if (b->f->intercept)
			row[0] = 1;
		for (t = 0; t < b->f->n_terms; t++)
			fill_term(b, t, r, row + d->term_first[t]);
		d->y[i] = b->response->num[r];
		d->rows[i] = r;
		i++;
	}
	return KO_OK;
}

static void release_build(struct build *b)
{
	size_t v, k;

	for (v = 0; b->vars && v < b->f->n_vars; v++) {
		for (k = 0; k < b->vars[v].n_levels; k++)
			free(b->vars[v].labels[k]);
		free(b->vars[v].labels);
		free(b->vars[v].code);
	}
	free(b->vars);
	free(b->used);
	free(b->full);
}

enum ko_status ko_design_build(struct ko_design **out,
			       const struct ko_formula *f,
			       const struct ko_design_input *in,
			       struct ko_err *err)
{
	struct build b;
	enum ko_status st;

	memset(&b, 0, sizeof(b));
	b.f = f;
	b.in = in;
	b.err = err;
	b.d = calloc(1, sizeof(*b.d));
	b.used = calloc(in->n_rows + 1, 1);
	b.vars = calloc(f->n_vars + 1, sizeof(*b.vars));
	if (!b.d || !b.used || !b.vars) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	b.d->intercept = f->intercept;
	if ((st = resolve_rows(&b)) || (st = code_factors(&b)) ||
	    (st = choose_coding(&b)) || (st = check_levels(&b)) ||
	    (st = name_columns(&b)) || (st = fill_matrix(&b)))
		goto out;
	*out = b.d;
	b.d = NULL;
out:
	release_build(&b);
	ko_design_free(b.d);
	return st;
}

int ko_design_is_plain(const struct ko_formula *f)
{
	size_t t;

	for (t = 0; t < f->n_terms; t++)
		if (f->terms[t].n_vars != 1 ||
		    f->vars[f->terms[t].vars[0]].is_factor)
			return 0;
	return 1;
}

enum ko_status ko_design_wrap(struct ko_design **out,
			      const struct ko_formula *f, double *x, double *y,
			      size_t n, size_t n_missing, struct ko_err *err)
{
	struct ko_design *d = calloc(1, sizeof(*d));
	size_t t, off = f->intercept ? 1 : 0;

	if (!d || !ko_design_is_plain(f)) {
		free(x);
		free(y);
		free(d);
		return d ? ko_err_set(err, KO_ERR_USAGE,
				      "ko_design_wrap: formula has factors or interactions")
			 : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	d->x = x;
	d->y = y;
	d->n = n;
	d->n_input = n + n_missing;
	d->n_missing = n_missing;
	d->intercept = f->intercept;
	d->p = off + f->n_terms;
	d->rows = ko_mem_rows(n * sizeof(*d->rows) + 1);
	d->names = calloc(d->p + 1, sizeof(*d->names));
	if (!d->rows || !d->names || alloc_layout(d, f->n_terms))
		goto nomem;
	for (t = 0; t < n; t++)
		d->rows[t] = t;
	if (off && !(d->names[0] = strdup("(Intercept)")))
		goto nomem;
	for (t = 0; t < f->n_terms; t++) {
		d->term_first[t] = off + t;
		d->term_ncols[t] = 1;
		d->term_labels[t] = strdup(f->terms[t].label);
		d->names[off + t] = strdup(f->terms[t].label);
		if (!d->term_labels[t] || !d->names[off + t])
			goto nomem;
	}
	*out = d;
	return KO_OK;
nomem:
	ko_design_free(d);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

void ko_design_free(struct ko_design *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; d->names && i < d->p; i++)
		free(d->names[i]);
	for (i = 0; d->term_labels && i < d->n_terms; i++)
		free(d->term_labels[i]);
	free(d->names);
	free(d->term_labels);
	free(d->term_first);
	free(d->term_ncols);
	free(d->x);
	free(d->y);
	free(d->rows);
	free(d);
}

void ko_design_drop_intercept(struct ko_design *d)
{
	size_t i, j, q;

	assert(d->intercept && d->p > 0);
	q = d->p - 1;
	/* row i's columns 1..p-1 move to i * q: never past where they are */
	for (i = 0; i < d->n; i++)
		for (j = 0; j < q; j++)
			d->x[i * q + j] = d->x[i * d->p + j + 1];
	free(d->names[0]);
	memmove(d->names, d->names + 1, q * sizeof(*d->names));
	for (j = 0; j < d->n_terms; j++)
		d->term_first[j]--;
	d->p = q;
	d->intercept = 0;
}
