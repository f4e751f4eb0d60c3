/*
 * fit_data.c - `kohort fit`'s data: stream the file through the reader
 * into column arrays (or, when every term is one numeric variable,
 * straight into the row-major design matrix), check the values (Surv()
 * columns too) and build the design.  See cmd_fit.c and docs/fit.md.
 */
#include "fit_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "mem.h"
#include "par.h"
#include "value.h"

/* ---- reading -------------------------------------------------------- */

static int text_push(struct text_col *tc, size_t row, const struct ko_value *v)
{
	if (v->missing) {
		tc->off[row] = SIZE_MAX;
		return 0;
	}
	if (ko_mem_reserve(&tc->arena, &tc->cap, tc->used + v->len + 1))
		return -1;
	memcpy(tc->arena + tc->used, v->text, v->len);
	tc->arena[tc->used + v->len] = '\0';
	tc->off[row] = tc->used;
	tc->used += v->len + 1;
	return 0;
}

static void text_release(struct text_col *tc)
{
	free(tc->arena);
	free(tc->off);
}

/* Make room for one more row in every stored array. */
static int table_grow(struct table *t, const struct roles *r)
{
	size_t cap, c;

	if (t->n < t->cap)
		return 0;
	cap = t->cap ? 2 * t->cap : 65536;
	if (t->plain) {
		double *nx = realloc(t->x, cap * t->p * sizeof(*nx));

		if (!nx)
			return -1;
		t->x = nx;
		if (!(nx = realloc(t->y, cap * sizeof(*nx))))
			return -1;
		t->y = nx;
		if (r->weights >= 0) {
			if (!(nx = realloc(t->w, cap * sizeof(*nx))))
				return -1;
			t->w = nx;
		}
		if (r->cluster >= 0) {
			size_t *no = realloc(t->cl.off, cap * sizeof(*no));

			if (!no)
				return -1;
			t->cl.off = no;
		}
		if (t->want_rows) {
			size_t *nr = realloc(t->data_row, cap * sizeof(*nr));

			if (!nr)
				return -1;
			t->data_row = nr;
		}
	} else {
		for (c = 0; c < t->n_cols; c++) {
			if (t->type[c] == KO_TYPE_NUM) {
				double *nn = realloc(t->num[c], cap * sizeof(*nn));

				if (!nn)
					return -1;
				t->num[c] = nn;
			} else {
				size_t *no = realloc(t->text[c].off, cap * sizeof(*no));

				if (!no)
					return -1;
				t->text[c].off = no;
			}
		}
	}
	t->cap = cap;
	return 0;
}


static void on_reject(void *ctx, long row, const char *column,
		      const char *reason, const char *value)
{
	struct table *t = ctx;

	if (t->rejected++)
		return;
	t->reject_row = row;
	snprintf(t->reject_col, sizeof(t->reject_col), "%s", column);
	snprintf(t->reject_msg, sizeof(t->reject_msg), "%s (value '%.80s')",
		 reason, value);
}

/* Kept as a name of its own for tests/test_cmd_fit.c, which checks the
 * reader's number parser (ko_parse_number: a correctly rounded fast path,
 * fast_float otherwise) against strtod. */
int ko_fit_parse_number(const char *s, size_t len, char decimal, double *out);

int ko_fit_parse_number(const char *s, size_t len, char decimal, double *out)
{
	return ko_parse_number(s, len, decimal, out);
}

/* The number in a cell read as text; an error naming row and column when
 * it is not one. */
static enum ko_status cell_number(const struct read_ctx *rc,
				  const struct ko_row *row, size_t c,
				  double *out, struct ko_err *err)
{
	const struct ko_value *v = &row->values[c];

	if (v->missing) {
		*out = NAN;
		return KO_OK;
	}
	if (ko_fit_parse_number(v->text, v->len, rc->decimal, out))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 rc->roles->names[c],
				 "expected a number with decimal %s, not '%.60s'%s",
				 rc->decimal == ',' ? "comma" : "point", v->text,
				 rc->f && c != (size_t)rc->roles->response &&
					 c != (size_t)rc->roles->weights &&
					 (long)c != rc->roles->time &&
					 (long)c != rc->roles->start &&
					 (long)c != rc->roles->offset
					 ? " (a text column must be written factor(name))"
					 : "");
	return KO_OK;
}

/* The outcome must lie in [0, 1] (0/1, or a proportion: R's glm fits one
 * with or without weights, warning when the successes are not whole, see
 * successes_note) and weights must be >= 0: said here, with the file's
 * row number. */
static enum ko_status check_row_values(const struct read_ctx *rc,
				       const struct ko_row *row, double y,
				       double w, struct ko_err *err)
{
	const struct roles *r = rc->roles;

	if (rc->counts) {
		if (!isnan(y) && !(isfinite(y) && y >= 0 && y == floor(y)))
			return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
					 r->names[r->response],
					 "the outcome of --family poisson_rate must be a count (a whole number >= 0), not %g",
					 y);
	} else if (!isnan(y) && !(y >= 0 && y <= 1))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->response],
				 "the outcome must be in [0, 1] (0 or 1, or with --weights a proportion of successes), not %g",
				 y);
	if (!isnan(w) && !(w >= 0 && isfinite(w)))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->weights],
				 "weights must be finite and >= 0, not %g", w);
	return KO_OK;
}

/* --offset: finite, and > 0 when its log is taken (log(COL)); said with
 * the file's row (a missing value drops the row, as elsewhere). */
static enum ko_status check_offset_value(const struct read_ctx *rc,
					 const struct ko_row *row, double o,
					 struct ko_err *err)
{
	const struct roles *r = rc->roles;

	if (isnan(o))
		return KO_OK;
	if (rc->offset_log && !(isfinite(o) && o > 0))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->offset],
				 "--offset log(%s): the value must be a finite number > 0 (person-time), not %g",
				 r->names[r->offset], o);
	if (!isfinite(o))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->offset],
				 "--offset %s: the value must be finite, not %g",
				 r->names[r->offset], o);
	return KO_OK;
}

/* Surv(): the event 0 or 1, times finite and >= 0, stop > start; said
 * with the file's row (missing values drop the row, as elsewhere). */
static enum ko_status check_surv_values(const struct read_ctx *rc,
					const struct ko_row *row, double event,
					double time, double start,
					struct ko_err *err)
{
	const struct roles *r = rc->roles;

	if (!isnan(event) && event != 0 && event != 1)
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->response],
				 "the event of Surv() must be 0 (censored) or 1 (event), not %g",
				 event);
	if (!isnan(time) && !(isfinite(time) && time >= 0))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->time],
				 "the follow-up time of Surv() must be finite and >= 0, not %g",
				 time);
	if (rc->counts && r->start < 0 && !isnan(time) && !(time > 0))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->time],
				 "--family poisson_rate: the time of Surv(time, event) is the row's person-time (offset log(time)) and must be > 0, not %g",
				 time);
	if (r->start < 0 || isnan(start))
		return KO_OK;
	if (!(isfinite(start) && start >= 0))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->start],
				 "the start time of Surv() must be finite and >= 0, not %g",
				 start);
	if (!isnan(time) && !(time > start))
		return ko_err_at(err, KO_ERR_DATA, rc->path, row->row,
				 r->names[r->time],
				 "Surv(start, stop, event): stop %g must be after start %g",
				 time, start);
	return KO_OK;
}

/* Plain path: the row goes straight into the design matrix; a row with a
 * missing value is counted and not kept. */
static enum ko_status store_plain(const struct read_ctx *rc,
				  const struct ko_row *row, struct ko_err *err)
{
	struct table *t = rc->t;
	const struct roles *r = rc->roles;
	const struct ko_formula *f = rc->f;
	double *x = t->x + t->n * t->p, y, w = 1;
	size_t j, off = f->intercept ? 1 : 0;
	enum ko_status st;

	if ((st = cell_number(rc, row, (size_t)r->response, &y, err)))
		return st;
	if (r->weights >= 0 &&
	    (st = cell_number(rc, row, (size_t)r->weights, &w, err)))
		return st;
	if ((st = check_row_values(rc, row, y, w, err)))
		return st;
	for (j = 0; j < f->n_terms; j++) {
		size_t c = (size_t)r->var_col[f->terms[j].vars[0]];

		if ((st = cell_number(rc, row, c, &x[off + j], err)))
			return st;
		if (isnan(x[off + j]))
			break;
	}
	if (j < f->n_terms || isnan(y) || isnan(w) ||
	    (r->cluster >= 0 && row->values[r->cluster].missing)) {
		t->n_missing++;
		return KO_OK;
	}
	if (off)
		x[0] = 1;
	t->y[t->n] = y;
	if (r->weights >= 0)
		t->w[t->n] = w;
	if (r->cluster >= 0 && text_push(&t->cl, t->n, &row->values[r->cluster]))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (t->data_row)
		t->data_row[t->n] = (size_t)(row->row - 2);
	t->n++;
	return KO_OK;
}

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct read_ctx *rc = ctx;
	struct table *t = rc->t;
	size_t c;

	if (t->rejected)
		return ko_err_at(err, KO_ERR_DATA, rc->path, t->reject_row,
				 t->reject_col, "%s", t->reject_msg);
	if (table_grow(t, rc->roles))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory at row %ld",
				  row->row);
	if (t->plain)
		return store_plain(rc, row, err);
	for (c = 0; c < t->n_cols; c++) {
		const struct ko_value *v = &row->values[c];
		enum ko_status st;

		if (t->type[c] == KO_TYPE_NUM) {
			if ((st = cell_number(rc, row, c, &t->num[c][t->n], err)))
				return st;
		} else if (text_push(&t->text[c], t->n, v)) {
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
	}
	{
		const struct roles *r = rc->roles;
		enum ko_status st = KO_OK;

		/* Surv()'s event first: its own wording of "0 or 1" */
		if (rc->surv &&
		    (st = check_surv_values(rc, row, t->num[r->response][t->n],
					    t->num[r->time][t->n],
					    r->start >= 0 ? t->num[r->start][t->n] : NAN,
					    err)))
			return st;
		if ((st = check_row_values(rc, row, t->num[r->response][t->n],
					   r->weights >= 0 ? t->num[r->weights][t->n] : 1,
					   err)))
			return st;
		if (r->offset >= 0 &&
		    (st = check_offset_value(rc, row, t->num[r->offset][t->n], err)))
			return st;
	}
	t->n++;
	return 0;
}

/* Index of name in the selection, adding it if new. */
static long role_add(struct roles *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->names[i], name))
			return (long)i;
	r->names[r->n] = name;
	return (long)r->n++;
}

/* Which columns to read and as what: the outcome, weights and bare
 * variables as numbers; factor() variables and cluster ids as text. */
static enum ko_status plan_columns(const struct ko_formula *f,
				   const struct fit_args *a, struct roles *r,
				   struct table *t, struct ko_column **cols,
				   struct ko_err *err)
{
	size_t v, max = f->n_vars + 6 + a->n_strata, i;

	r->names = calloc(max, sizeof(*r->names));
	r->var_col = calloc(f->n_vars + 1, sizeof(*r->var_col));
	t->type = calloc(max, sizeof(*t->type));
	*cols = calloc(max, sizeof(**cols));
	if (!r->names || !r->var_col || !t->type || !*cols)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < max; i++)
		t->type[i] = KO_TYPE_NUM;
	r->response = role_add(r, f->response);
	for (v = 0; v < f->n_vars; v++) {
		r->var_col[v] = role_add(r, f->vars[v].column);
		if (f->vars[v].is_factor)
			t->type[r->var_col[v]] = KO_TYPE_TEXT;
	}
	r->weights = a->weights ? role_add(r, a->weights) : -1;
	r->cluster = a->cluster ? role_add(r, a->cluster) : -1;
	r->time = a->surv ? role_add(r, a->surv_time) : -1;
	r->start = a->surv == 3 ? role_add(r, a->surv_start) : -1;
	r->offset = a->offset ? role_add(r, a->offset_col) : -1;
	r->n_strata = a->n_strata;
	for (i = 0; i < a->n_strata; i++) {
		r->strata[i] = role_add(r, a->strata[i]);
		t->type[r->strata[i]] = KO_TYPE_TEXT;
	}
	if ((r->time >= 0 && t->type[r->time] == KO_TYPE_TEXT) ||
	    (r->start >= 0 && t->type[r->start] == KO_TYPE_TEXT))
		return ko_err_set(err, KO_ERR_USAGE,
				  "a time of Surv() cannot also be a factor or the cluster");
	if (r->time >= 0 && (r->time == r->response || r->time == r->start))
		return ko_err_set(err, KO_ERR_USAGE,
				  "Surv(): the time, start and event must be three different columns");
	if (r->cluster >= 0)
		t->type[r->cluster] = KO_TYPE_TEXT;
	if (r->offset >= 0 && t->type[r->offset] == KO_TYPE_TEXT)
		return ko_err_set(err, KO_ERR_USAGE,
				  "the --offset column %s cannot also be a factor, a stratum or the cluster",
				  a->offset_col);
	if (r->offset >= 0 && (r->offset == r->response || r->offset == r->weights ||
			       r->offset == r->time || r->offset == r->start))
		return ko_err_set(err, KO_ERR_USAGE,
				  "the --offset column %s cannot also be the outcome, a time of Surv() or the weights",
				  a->offset_col);
	if (r->weights >= 0 && t->type[r->weights] == KO_TYPE_TEXT)
		return ko_err_set(err, KO_ERR_USAGE,
				  "the weights column %s cannot also be a factor or the cluster",
				  a->weights);
	/* Everything is read as trimmed text: numbers are parsed here, by
	 * ko_fit_parse_number above. */
	for (i = 0; i < r->n; i++) {
		(*cols)[i].name = r->names[i];
		(*cols)[i].type = KO_TYPE_CAT;
	}
	t->n_cols = r->n;
	/* Surv()'s times are read beside the design: the general path */
	t->plain = ko_design_is_plain(f) && !a->surv;
	/* an offset or a count outcome: the general path, which checks them */
	if (a->offset || a->family->outcome == KO_FAMILY_RATE)
		t->plain = 0;
	/* --exposure checks its values by design row and names the row of
	 * one that is not 0/1: a plain table keeps the data row of each row
	 * it stores (the matrix path does not) */
	t->want_rows = t->plain && a->exposure;
	t->p = (f->intercept ? 1 : 0) + f->n_terms;
	if (!t->plain) {
		t->num = calloc(r->n, sizeof(*t->num));
		t->text = calloc(r->n, sizeof(*t->text));
		if (!t->num || !t->text)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	return KO_OK;
}

/* The outcome and weights of the fast path's rows, checked as on_row
 * does; 0 when every row passes (else the general path says which row). */
static int fast_values_ok(const struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!(t->y[i] >= 0 && t->y[i] <= 1) ||
		    (t->w && !(t->w[i] >= 0 && isfinite(t->w[i]))))
			return 0;
	return 1;
}

/* A plain formula (every term one numeric column) without a cluster:
 * numbers straight from the file into x, y and w by the reader's matrix
 * path (reader.h).  *done = 0 when the file does not qualify or any row
 * is not plain: then read_data reads it the general way, which reports
 * what is wrong with row and column. */
static enum ko_status read_fast(const struct ko_formula *f,
				const struct roles *r, struct table *t,
				const struct ko_read_options *opt,
				const struct ko_column *cols, const char *path,
				int *done, struct ko_err *err)
{
	struct ko_column *num = calloc(r->n ? r->n : 1, sizeof(*num));
	struct ko_matrix_dest *dest = calloc(r->n ? r->n : 1, sizeof(*dest));
	struct ko_matrix_spec spec;
	struct ko_matrix_out out;
	struct ko_reader *rd = NULL;
	size_t i, j, off = f->intercept ? 1 : 0;
	enum ko_status st = KO_OK;

	*done = 0;
	memset(&out, 0, sizeof(out));
	if (!num || !dest) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	memset(&spec, 0, sizeof(spec));
	spec.n_arrays = r->weights >= 0 ? 3 : 2;
	spec.width[0] = t->p;
	spec.width[1] = spec.width[2] = 1;
	spec.dest = dest;
	for (i = 0; i < r->n; i++) {
		num[i] = cols[i];
		num[i].type = KO_TYPE_NUM;
		dest[i].array = KO_MATRIX_NONE;
	}
	dest[r->response].array = 1;
	if (r->weights >= 0) {
		if (dest[r->weights].array != KO_MATRIX_NONE)
			goto out;
		dest[r->weights].array = 2;
	}
	for (j = 0; j < f->n_terms; j++) {
		size_t c = (size_t)r->var_col[f->terms[j].vars[0]];

		if (dest[c].array != KO_MATRIX_NONE)
			goto out; /* a column in two places: the general way */
		dest[c].array = 0;
		dest[c].pos = off + j;
	}
	if ((st = ko_reader_open(&rd, path, opt, err)) ||
	    (st = ko_reader_select(rd, num, r->n, err)) ||
	    (st = ko_reader_read_matrix(rd, &spec, &out, done, err)) || !*done)
		goto out;
	t->x = out.arrays[0];
	t->y = out.arrays[1];
	t->w = out.arrays[2];
	t->n = t->cap = out.n_rows;
	t->n_missing = out.n_dropped;
	if (!fast_values_ok(t)) {
		free(t->x);
		free(t->y);
		free(t->w);
		t->x = t->y = t->w = NULL;
		t->n = t->cap = t->n_missing = 0;
		*done = 0;
	}
out:
	ko_reader_free(rd);
	free(num);
	free(dest);
	return st;
}

enum ko_status fit_read_data(const struct fit_args *a,
				const struct ko_formula *f, struct roles *r,
				struct table *t, struct ko_err *err)
{
	struct ko_read_options opt;
	struct ko_reader *rd = NULL;
	struct ko_column *cols = NULL;
	struct read_ctx rc = { t, r, f, a->data, a->decimal, a->surv,
			       a->family->outcome == KO_FAMILY_RATE, a->offset_log };
	enum ko_status st;
	size_t i;

	ko_read_options_init(&opt);
	opt.delimiter = a->delimiter;
	opt.decimal = a->decimal;
	opt.max_reject_share = 1; /* the first bad row stops the read below */
	/* an uncompressed CSV is parsed by every core, rows still in order */
	opt.threads = ko_par_threads();
	opt.on_reject = on_reject;
	opt.reject_ctx = t;
	if (a->n_missing) {
		for (i = 0; i < a->n_missing; i++)
			opt.missing[i] = a->missing[i];
		opt.n_missing = a->n_missing;
	}
	if ((st = plan_columns(f, a, r, t, &cols, err)))
		goto out;
	if (t->plain && r->cluster < 0 && !t->want_rows) {
		int done = 0;

		if ((st = read_fast(f, r, t, &opt, cols, a->data, &done, err)) ||
		    done)
			goto out;
	}
	if ((st = ko_reader_open(&rd, a->data, &opt, err)) ||
	    (st = ko_reader_select(rd, cols, r->n, err)) ||
	    (st = ko_reader_read(rd, on_row, &rc, err)))
		goto out;
	if (t->rejected)
		st = ko_err_at(err, KO_ERR_DATA, a->data, t->reject_row,
			       t->reject_col, "%s", t->reject_msg);
out:
	ko_reader_free(rd);
	free(cols);
	return st;
}

/* ---- design --------------------------------------------------------- */

/* A factor() column whose every value is a number is numeric, as R's
 * read.csv would have read it: levels then sort numerically.  *bad is
 * the first row (table index) that is not a number, on KO_ERR_DATA. */
static enum ko_status text_as_number(const struct text_col *tc, size_t n,
				     char decimal, double **out, size_t *bad)
{
	double *x = malloc((n ? n : 1) * sizeof(*x));
	size_t i;

	if (!x)
		return KO_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const char *s;

		if (tc->off[i] == SIZE_MAX) {
			x[i] = NAN;
			continue;
		}
		s = tc->arena + tc->off[i];
		if (ko_parse_number(s, strlen(s), decimal, &x[i])) {
			free(x);
			*bad = i;
			return KO_ERR_DATA;
		}
	}
	*out = x;
	return KO_OK;
}

/* 1 when column c is a bare (numeric) variable of the formula. */
static int bare_variable(const struct ko_formula *f, const struct roles *r,
			 size_t c)
{
	size_t v;

	for (v = 0; v < f->n_vars; v++)
		if (r->var_col[v] == (long)c && !f->vars[v].is_factor)
			return 1;
	return 0;
}

static enum ko_status text_pointers(const struct text_col *tc, size_t n,
				    const char ***out)
{
	const char **p = malloc((n ? n : 1) * sizeof(*p));
	size_t i;

	if (!p)
		return KO_ERR_NOMEM;
	for (i = 0; i < n; i++)
		p[i] = tc->off[i] == SIZE_MAX ? NULL : tc->arena + tc->off[i];
	*out = p;
	return KO_OK;
}

/* The general path: columns -> ko_design_build. */
enum ko_status fit_build_design(const struct fit_args *a,
				    const struct ko_formula *f,
				    const struct roles *r, struct table *t,
				    struct ko_design **d, struct ko_err *err)
{
	struct ko_design_column *cols = calloc(t->n_cols, sizeof(*cols));
	double **owned_num = calloc(t->n_cols, sizeof(*owned_num));
	const char ***owned_text = calloc(t->n_cols, sizeof(*owned_text));
	const char *required[5 + KO_FIT_MAX_STRATA];
	struct ko_design_input in;
	enum ko_status st = KO_OK;
	size_t c;

	if (!cols || !owned_num || !owned_text) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* A column is read as text when it is a factor() or the cluster id;
	 * the design sees it as the formula uses it, never as the option
	 * made it: the cluster (read as text for its ids) that is also a
	 * bare term is that term's number, and a factor() of it sorts its
	 * levels numerically, as without --cluster. */
	for (c = 0; c < t->n_cols && !st; c++) {
		enum ko_status num_st = KO_ERR_DATA;
		size_t bad = 0;

		cols[c].name = r->names[c];
		if (t->type[c] != KO_TYPE_NUM)
			num_st = text_as_number(&t->text[c], t->n, a->decimal,
						&owned_num[c], &bad);
		if (num_st == KO_ERR_NOMEM) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		} else if (t->type[c] == KO_TYPE_NUM) {
			cols[c].num = t->num[c];
		} else if (num_st == KO_OK) {
			cols[c].num = owned_num[c];
		} else if (bare_variable(f, r, c)) {
			/* the general path stores every data row in order:
			 * table row i is the file's record i + 2 */
			st = ko_err_at(err, KO_ERR_DATA, a->data, (long)bad + 2,
				       r->names[c],
				       "expected a number with decimal %s, not '%.60s' (the cluster column is also a numeric term; a text column must be written factor(name))",
				       a->decimal == ',' ? "comma" : "point",
				       t->text[c].arena + t->text[c].off[bad]);
		} else if (text_pointers(&t->text[c], t->n, &owned_text[c])) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		} else {
			cols[c].text = owned_text[c];
		}
	}
	if (st)
		goto out;
	memset(&in, 0, sizeof(in));
	in.n_rows = t->n;
	in.n_cols = t->n_cols;
	in.cols = cols;
	in.required = required;
	if (a->weights)
		required[in.n_required++] = a->weights;
	if (a->cluster)
		required[in.n_required++] = a->cluster;
	if (a->surv)
		required[in.n_required++] = a->surv_time;
	if (a->surv == 3)
		required[in.n_required++] = a->surv_start;
	if (a->offset)
		required[in.n_required++] = a->offset_col;
	for (c = 0; c < a->n_strata; c++)
		required[in.n_required++] = a->strata[c];
	st = ko_design_build(d, f, &in, err);
out:
	for (c = 0; owned_num && c < t->n_cols; c++) {
		free(owned_num[c]);
		free(owned_text ? (void *)owned_text[c] : NULL);
	}
	free(owned_num);
	free(owned_text);
	free(cols);
	return st;
}

/* The strata() columns of the used rows as one stratum id per row: the
 * combination of their values (coxph's strata(a) + strata(b)). */
static enum ko_status gather_strata(const struct roles *r, size_t n_strata,
				    const struct table *t,
				    const struct ko_design *d, long **out,
				    struct ko_err *err)
{
	size_t m = d->n ? d->n : 1, i, k, n_levels;
	const char **ids = malloc(m * sizeof(*ids));
	int32_t *codes = malloc(m * sizeof(*codes));
	long *s = calloc(m, sizeof(*s));
	enum ko_status st = KO_OK;

	if (!ids || !codes || !s) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (k = 0; k < n_strata && !st; k++) {
		const struct text_col *tc = &t->text[r->strata[k]];

		for (i = 0; i < d->n; i++)
			ids[i] = tc->arena + tc->off[d->rows[i]];
		if ((st = ko_design_intern(ids, d->n, codes, &n_levels, err)))
			break;
		/* the combination so far times this column's levels: ids
		 * stay below n rows, so no overflow */
		for (i = 0; i < d->n; i++)
			s[i] = s[i] * (long)n_levels + codes[i];
		if (k + 1 < n_strata) { /* renumber densely */
			char buf[32];
			char *arena = malloc(m * sizeof(buf));

			if (!arena) {
				st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
				break;
			}
			for (i = 0; i < d->n; i++) {
				snprintf(arena + i * sizeof(buf), sizeof(buf), "%ld", s[i]);
				ids[i] = arena + i * sizeof(buf);
			}
			st = ko_design_intern(ids, d->n, codes, &n_levels, err);
			for (i = 0; !st && i < d->n; i++)
				s[i] = codes[i];
			free(arena);
		}
	}
out:
	free(ids);
	free(codes);
	if (st) {
		free(s);
		s = NULL;
	}
	*out = s;
	return st;
}

enum ko_status fit_gather_extras(const struct fit_args *a,
				    const struct roles *r,
				    const struct table *t,
				    const struct ko_design *d,
				    struct extras *e, struct ko_err *err)
{
	const struct text_col *cl;
	const char **ids = NULL;
	int32_t *codes;
	size_t i, n_clusters;
	enum ko_status st = KO_OK;

	if (r->weights >= 0) {
		const double *src = t->plain ? t->w : t->num[r->weights];

		e->w = malloc((d->n ? d->n : 1) * sizeof(*e->w));
		if (!e->w)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (i = 0; i < d->n; i++)
			e->w[i] = src[d->rows[i]];
	}
	if (r->offset >= 0) {
		e->offset = malloc((d->n ? d->n : 1) * sizeof(*e->offset));
		if (!e->offset)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (i = 0; i < d->n; i++) {
			double o = t->num[r->offset][d->rows[i]];

			e->offset[i] = a->offset_log ? log(o) : o;
		}
	} else if (r->time >= 0 && a->family->outcome == KO_FAMILY_RATE) {
		/* Surv(time, event) or Surv(start, stop, event): each row's
		 * person-time, log(time - start), as glm's offset (> 0 by
		 * check_surv_values) */
		e->offset = malloc((d->n ? d->n : 1) * sizeof(*e->offset));
		if (!e->offset)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (i = 0; i < d->n; i++)
			e->offset[i] = log(t->num[r->time][d->rows[i]] -
					   (r->start >= 0 ? t->num[r->start][d->rows[i]] : 0));
	}
	if (r->time >= 0) {
		size_t m = d->n ? d->n : 1;

		e->time = malloc(m * sizeof(*e->time));
		e->status = malloc(m * sizeof(*e->status));
		e->start = r->start >= 0 ? malloc(m * sizeof(*e->start)) : NULL;
		if (!e->time || !e->status || (r->start >= 0 && !e->start))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (i = 0; i < d->n; i++) {
			e->time[i] = t->num[r->time][d->rows[i]];
			e->status[i] = d->y[i] == 1;
			if (e->start)
				e->start[i] = t->num[r->start][d->rows[i]];
		}
	}
	if (r->n_strata &&
	    (st = gather_strata(r, r->n_strata, t, d, &e->strata, err)))
		return st;
	if (r->cluster < 0)
		return KO_OK;
	cl = t->plain ? &t->cl : &t->text[r->cluster];
	ids = malloc((d->n ? d->n : 1) * sizeof(*ids));
	e->cluster = malloc((d->n ? d->n : 1) * sizeof(*e->cluster));
	if (!ids || !e->cluster) {
		free(ids);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	codes = malloc((d->n ? d->n : 1) * sizeof(*codes));
	if (!codes) {
		free(ids);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < d->n; i++)
		ids[i] = cl->arena + cl->off[d->rows[i]];
	st = ko_design_intern(ids, d->n, codes, &n_clusters, err);
	for (i = 0; !st && i < d->n; i++)
		e->cluster[i] = codes[i];
	free(codes);
	free(ids);
	return st;
}

void fit_table_release(struct table *t)
{
	size_t c;

	for (c = 0; t->num && c < t->n_cols; c++)
		free(t->num[c]);
	for (c = 0; t->text && c < t->n_cols; c++)
		text_release(&t->text[c]);
	free(t->num);
	free(t->text);
	free(t->type);
	free(t->x);
	free(t->y);
	free(t->w);
	free(t->data_row);
	text_release(&t->cl);
	memset(t, 0, sizeof(*t));
}

/* ---- the exposure of --effect rr/rd/paf ------------------------------ */

void fit_exposure_release(struct exposure_plan *xp)
{
	size_t k;

	for (k = 0; xp->labels && k < xp->ex.n_levels; k++)
		free(xp->labels[k]);
	free(xp->labels);
	free(xp->values);
	memset(xp, 0, sizeof(*xp));
}

/* The data row (record number - 2) of design row i: a plain table stores
 * only the rows it keeps (d->rows indexes those), and keeps their data
 * rows aside when a message may need them (want_rows). */
static size_t table_row(const struct table *t, const struct ko_design *d,
			size_t i)
{
	return t->plain && t->data_row ? t->data_row[d->rows[i]] : d->rows[i];
}

/* The reference level's label of a factor exposure: the value of the
 * first used row whose dummies are all 0. */
static char *reference_label(const struct ko_design *d, const struct table *t,
			     long col, size_t first, size_t ncols)
{
	size_t i, c;

	for (i = 0; i < d->n; i++) {
		for (c = 0; c < ncols && d->x[i * d->p + first + c] == 0.0; c++)
			;
		if (c < ncols)
			continue;
		if (t->type[col] == KO_TYPE_TEXT)
			return strdup(t->text[col].arena + t->text[col].off[d->rows[i]]);
		else {
			char buf[32];

			ko_design_format_number(t->num[col][d->rows[i]], buf);
			return strdup(buf);
		}
	}
	return strdup("(reference)");
}

/* Levels of the exposure: a factor's dummy coding, or a 0/1 variable.
 * Called while the table is still there (for the reference's label). */
enum ko_status fit_plan_exposure(const struct fit_args *a,
				    const struct ko_formula *f,
				    const struct roles *r, const struct table *t,
				    const struct ko_design *d,
				    struct exposure_plan *xp, struct ko_err *err)
{
	long ti = ko_analysis_exposure_term(f, a->exposure, 1);
	size_t v, u, k, first, ncols, nl, i;
	int factor;

	if (ti < 0)
		return ko_err_set(err, KO_ERR_USAGE, "--exposure %s: no such term in the formula", a->exposure);
	if (f->terms[ti].n_vars != 1)
		return ko_err_set(err, KO_ERR_USAGE, "--exposure %s: must be a main effect of one variable", a->exposure);
	v = f->terms[ti].vars[0];
	for (u = 0; u < f->n_terms; u++)
		for (k = 0; (long)u != ti && k < f->terms[u].n_vars; k++)
			if (f->terms[u].vars[k] == v)
				return ko_err_set(err, KO_ERR_USAGE,
						  "--exposure %s: the exposure is also in the term %s; standardising over interactions is not supported",
						  a->exposure, f->terms[u].label);
	factor = f->vars[v].is_factor;
	first = d->term_first[ti];
	ncols = d->term_ncols[ti];
	nl = factor ? ncols + 1 : 2;
	if (!factor)
		for (i = 0; i < d->n; i++)
			if (d->x[i * d->p + first] != 0.0 && d->x[i * d->p + first] != 1.0)
				return ko_err_at(err, KO_ERR_DATA, a->data,
						 (long)table_row(t, d, i) + 2,
						 f->vars[v].column,
						 "--exposure %s: a numeric exposure must be 0/1 (write factor(%s) for more levels)",
						 a->exposure, f->vars[v].column);
	xp->label = d->term_labels[ti];
	xp->ex.first = first;
	xp->ex.ncols = ncols;
	xp->ex.n_levels = nl;
	xp->values = calloc(nl * ncols, sizeof(*xp->values));
	xp->labels = calloc(nl, sizeof(*xp->labels));
	if (!xp->values || !xp->labels)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (k = 1; k < nl; k++) {
		xp->values[k * ncols + (factor ? k - 1 : 0)] = 1.0;
		xp->labels[k] = strdup(factor ? d->names[first + k - 1] + strlen(xp->label) : "1");
	}
	xp->labels[0] = factor ? reference_label(d, t, r->var_col[v], first, ncols) : strdup("0");
	for (k = 0; k < nl; k++)
		if (!xp->labels[k])
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	xp->ex.values = xp->values;
	xp->on = 1;
	return KO_OK;
}
