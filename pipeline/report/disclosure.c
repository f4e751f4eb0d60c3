/* disclosure.c - primary and secondary suppression, the LP audit, and the
 * suppression log (see disclosure.h). */
#include "disclosure.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "outfile.h"

enum ko_status ko_ctable_init(struct ko_ctable *ct, int nrow, int ncol,
			      int row_totals, int col_totals,
			      struct ko_err *err)
{
	size_t cells;

	memset(ct, 0, sizeof(*ct));
	if (nrow < 1 || ncol < 1 || nrow > 100000 || ncol > 100000)
		return ko_err_set(err, KO_ERR_USAGE,
				  "count table must have 1..100000 rows and columns");
	ct->nrow = nrow;
	ct->ncol = ncol;
	ct->row_totals = !!row_totals;
	ct->col_totals = !!col_totals;
	ct->stride = ncol + ct->row_totals;
	cells = (size_t)(nrow + ct->col_totals) * (size_t)ct->stride;
	ct->n = calloc(cells, sizeof(*ct->n));
	ct->supp = calloc(cells, sizeof(*ct->supp));
	if (!ct->n || !ct->supp) {
		ko_ctable_release(ct);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	return KO_OK;
}

void ko_ctable_release(struct ko_ctable *ct)
{
	free(ct->n);
	free(ct->supp);
	memset(ct, 0, sizeof(*ct));
}

static int ncells(const struct ko_ctable *ct)
{
	return (ct->nrow + ct->col_totals) * ct->stride;
}

long *ko_ctable_n(struct ko_ctable *ct, int r, int c)
{
	return &ct->n[r * ct->stride + c];
}

enum ko_supp_rule ko_ctable_supp(const struct ko_ctable *ct, int r, int c)
{
	return ct->supp[r * ct->stride + c];
}

/* ---- lines ------------------------------------------------------------- */

/* Line k of the extended grid: row lines first (when rows have totals),
 * then column lines (when columns have totals).  Fills idx with the cell
 * indices, the total last; returns the count (0: no such line). */
static int line_cells(const struct ko_ctable *ct, int k, int *idx)
{
	int nrowline = ct->row_totals ? ct->nrow + ct->col_totals : 0;
	int i, m = 0;

	if (k < nrowline) {
		for (i = 0; i < ct->ncol; i++)
			idx[m++] = k * ct->stride + i;
		idx[m++] = k * ct->stride + ct->ncol;
		return m;
	}
	k -= nrowline;
	if (!ct->col_totals || k >= ct->ncol + ct->row_totals)
		return 0;
	for (i = 0; i < ct->nrow; i++)
		idx[m++] = i * ct->stride + k;
	idx[m++] = ct->nrow * ct->stride + k;
	return m;
}

static int nlines(const struct ko_ctable *ct)
{
	return (ct->row_totals ? ct->nrow + ct->col_totals : 0) +
	       (ct->col_totals ? ct->ncol + ct->row_totals : 0);
}

enum ko_status ko_ctable_sum_totals(struct ko_ctable *ct)
{
	int k, i, m, *idx = malloc(sizeof(int) * (size_t)(ct->nrow + ct->ncol + 2));

	if (!idx)
		return KO_ERR_NOMEM;
	/* row lines first, so the total row exists before column lines and
	 * the grand total is the sum of the row totals either way */
	for (k = 0; k < nlines(ct); k++) {
		long sum = 0;

		m = line_cells(ct, k, idx);
		for (i = 0; i < m - 1; i++)
			sum += ct->n[idx[i]];
		ct->n[idx[m - 1]] = sum;
	}
	/* the total row's line ran before the column lines filled it */
	for (k = 0; ct->row_totals && ct->col_totals && k < nlines(ct); k++) {
		long sum = 0;

		m = line_cells(ct, k, idx);
		for (i = 0; i < m - 1; i++)
			sum += ct->n[idx[i]];
		ct->n[idx[m - 1]] = sum;
	}
	free(idx);
	return KO_OK;
}

static enum ko_status check_counts(const struct ko_ctable *ct, int *idx,
				   struct ko_err *err)
{
	int k, i, m;

	for (i = 0; i < ncells(ct); i++)
		if (ct->n[i] < 0)
			return ko_err_at(err, KO_ERR_DATA, NULL, i / ct->stride + 1,
					 NULL, "negative count %ld", ct->n[i]);
	for (k = 0; k < nlines(ct); k++) {
		long sum = 0;

		m = line_cells(ct, k, idx);
		for (i = 0; i < m - 1; i++)
			sum += ct->n[idx[i]];
		if (sum != ct->n[idx[m - 1]])
			return ko_err_set(err, KO_ERR_DATA,
					  "count table line %d: cells sum to %ld, "
					  "total says %ld", k + 1, sum,
					  ct->n[idx[m - 1]]);
	}
	return KO_OK;
}

/* ---- secondary suppression --------------------------------------------- */

/* Is cell i a total (in the last row or column of the extended grid)? */
static int is_total(const struct ko_ctable *ct, int i)
{
	return (ct->row_totals && i % ct->stride == ct->ncol) ||
	       (ct->col_totals && i / ct->stride == ct->nrow);
}

/* Cost of suppressing cell i as a complement: its count, totals last;
 * -1 if it cannot be one (suppressed already, or zero). */
static double complement_cost(const struct ko_ctable *ct, int i)
{
	if (ct->supp[i] != KO_SUPP_NONE || ct->n[i] <= 0)
		return -1;
	return (double)ct->n[i] + (is_total(ct, i) ? 1e15 : 0);
}

/* The cheapest complement among idx[0..m); -1 if none. */
static int cheapest(const struct ko_ctable *ct, const int *idx, int m)
{
	int i, best = -1;
	double best_cost = 0;

	for (i = 0; i < m; i++) {
		double cost = complement_cost(ct, idx[i]);

		if (cost >= 0 && (best < 0 || cost < best_cost)) {
			best = idx[i];
			best_cost = cost;
		}
	}
	return best;
}

/* Until no line has exactly one suppressed cell: suppress the cheapest
 * other cell of such a line. */
static void fix_single_lines(struct ko_ctable *ct, int *idx)
{
	int changed = 1;

	while (changed) {
		int k;

		changed = 0;
		for (k = 0; k < nlines(ct); k++) {
			int i, m = line_cells(ct, k, idx), nsupp = 0, pick;

			for (i = 0; i < m; i++)
				nsupp += ct->supp[idx[i]] != KO_SUPP_NONE;
			if (nsupp != 1)
				continue;
			pick = cheapest(ct, idx, m);
			if (pick >= 0) {
				ct->supp[pick] = KO_SUPP_SECONDARY;
				changed = 1;
			}
		}
	}
}

/* The cheapest set of complements (by the sum of their counts) such that
 * no line has exactly one suppressed cell, given the cells already marked
 * (which stay): a 0/1 integer program, solved with GLPK.  For every line
 * and every nonzero member i: sum of the line's other y >= y_i.  Zero
 * cells are never chosen.  Returns 0 when solved (marks set), nonzero when
 * GLPK gave no solution (the caller falls back to the greedy rule). */
static int optimal_complements(struct ko_ctable *ct, int *idx)
{
	int total = ncells(ct), i, k, m, nvar = 0, rc = 1;
	int *var = calloc((size_t)total, sizeof(int));
	int *ind = malloc(sizeof(int) * (size_t)(ct->nrow + ct->ncol + 3));
	double *val = malloc(sizeof(double) * (size_t)(ct->nrow + ct->ncol + 3));
	glp_prob *mip;
	glp_iocp parm;

	if (!var || !ind || !val)
		goto out_free;
	glp_term_out(GLP_OFF);
	mip = glp_create_prob();
	glp_set_obj_dir(mip, GLP_MIN);
	for (i = 0; i < total; i++) {
		if (ct->n[i] <= 0)
			continue;
		var[i] = ++nvar;
		glp_add_cols(mip, 1);
		glp_set_col_kind(mip, nvar, GLP_BV);
		if (ct->supp[i] != KO_SUPP_NONE)
			glp_set_col_bnds(mip, nvar, GLP_FX, 1, 1);
		/* a total costs more than any interior cell of its size */
		glp_set_obj_coef(mip, nvar, (double)ct->n[i] * (is_total(ct, i) ? 2 : 1));
	}
	for (k = 0; k < nlines(ct); k++) {
		m = line_cells(ct, k, idx);
		for (i = 0; i < m; i++) {
			int j, nz = 0, row;

			if (!var[idx[i]])
				continue;
			for (j = 0; j < m; j++) {
				if (!var[idx[j]])
					continue;
				ind[++nz] = var[idx[j]];
				val[nz] = j == i ? -1 : 1;
			}
			row = glp_add_rows(mip, 1);
			glp_set_row_bnds(mip, row, GLP_LO, 0, 0);
			glp_set_mat_row(mip, row, nz, ind, val);
		}
	}
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.tm_lim = 20000;
	if (nvar && (glp_intopt(mip, &parm) == 0 || glp_mip_status(mip) == GLP_FEAS) &&
	    (glp_mip_status(mip) == GLP_OPT || glp_mip_status(mip) == GLP_FEAS)) {
		for (i = 0; i < total; i++)
			if (var[i] && ct->supp[i] == KO_SUPP_NONE &&
			    glp_mip_col_val(mip, var[i]) > 0.5)
				ct->supp[i] = KO_SUPP_SECONDARY;
		rc = 0;
	}
	glp_delete_prob(mip);
out_free:
	free(var);
	free(ind);
	free(val);
	return rc;
}

/* A complement for an exposed cell: the cheapest in its own lines, else
 * the cheapest anywhere; -1 if every nonzero cell is suppressed. */
static int complement_for(const struct ko_ctable *ct, int cell, int *idx)
{
	int k, i, m, best = -1;
	double best_cost = 0;

	for (k = 0; k < nlines(ct); k++) {
		int in_line = 0, pick;

		m = line_cells(ct, k, idx);
		for (i = 0; i < m; i++)
			in_line |= idx[i] == cell;
		if (!in_line)
			continue;
		pick = cheapest(ct, idx, m);
		if (pick >= 0 && (best < 0 || complement_cost(ct, pick) < best_cost)) {
			best = pick;
			best_cost = complement_cost(ct, pick);
		}
	}
	if (best >= 0)
		return best;
	for (i = 0; i < ncells(ct); i++) {
		double cost = complement_cost(ct, i);

		if (cost >= 0 && (best < 0 || cost < best_cost)) {
			best = i;
			best_cost = cost;
		}
	}
	return best;
}

/* Is cell i a "<T" shown as "x" (secondary with a count below T)? */
static int small_as_x(const struct ko_ctable *ct, int i, int threshold)
{
	return ct->supp[i] == KO_SUPP_SECONDARY && ct->n[i] < threshold;
}

/* The "<T" cells that may be shown as "x" to free cell: itself first,
 * then those sharing a line with it (totals first: a small total bounds
 * every cell of its line), then any other.  Returns how many. */
static int small_candidates(const struct ko_ctable *ct, int cell, int *idx,
			    int *out)
{
	int total = ncells(ct), k, i, m, n = 0, pass;
	unsigned char *seen = calloc((size_t)total, 1);

	if (!seen)
		return -1;
	if (ct->supp[cell] == KO_SUPP_PRIMARY) {
		out[n++] = cell;
		seen[cell] = 1;
	}
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < nlines(ct); k++) {
			int in_line = 0;

			m = line_cells(ct, k, idx);
			for (i = 0; i < m; i++)
				in_line |= idx[i] == cell;
			for (i = m - 1; in_line && i >= 0; i--)
				if (ct->supp[idx[i]] == KO_SUPP_PRIMARY &&
				    !seen[idx[i]] && (pass || is_total(ct, idx[i]))) {
					out[n++] = idx[i];
					seen[idx[i]] = 1;
				}
		}
	for (i = 0; i < total; i++)
		if (ct->supp[i] == KO_SUPP_PRIMARY && !seen[i])
			out[n++] = i;
	free(seen);
	return n;
}

/* Some "<T" labels pin cells whatever else is hidden: four "<5" cells in
 * a row whose total is "<5" are each 1; "<3", "<3" and their total "<3"
 * are 1, 1 and 2.  Find out by hiding every nonzero cell; while a cell is
 * pinned, show one "<T" as "x" instead (logged secondary), the first of
 * small_candidates that frees it, else the first.  An "x" of a small count
 * is known to the audit as at least 1 (it is not zero: zeros are shown),
 * so with every small count an "x" and every other nonzero cell hidden,
 * no cell has an upper bound: every table can be protected, and the
 * secondary loop below ends.  The "x" marks stay; other marks are
 * restored. */
static enum ko_status small_as_hidden(struct ko_ctable *ct, int threshold,
				      double *lo, double *hi, int *idx,
				      struct ko_err *err)
{
	int total = ncells(ct), i, exposed = 0;
	enum ko_supp_rule *saved = malloc(sizeof(*saved) * (size_t)total);
	int *cand = malloc(sizeof(int) * (size_t)total);
	enum ko_status st = KO_OK;

	if (!saved || !cand) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	memcpy(saved, ct->supp, sizeof(*saved) * (size_t)total);
	for (i = 0; i < total; i++)
		if (ct->supp[i] == KO_SUPP_NONE && ct->n[i] > 0)
			ct->supp[i] = KO_SUPP_SECONDARY;
	for (;;) {
		int cell = -1, n, k, pick = -1;

		st = ko_disclosure_audit(ct, threshold, lo, hi, &exposed, err);
		if (st || !exposed)
			break;
		for (i = 0; i < total && cell < 0; i++)
			if (ct->supp[i] != KO_SUPP_NONE && hi[i] - lo[i] < 0.5)
				cell = i;
		n = small_candidates(ct, cell, idx, cand);
		if (n <= 0) { /* cannot happen: see above */
			st = ko_err_set(err, n < 0 ? KO_ERR_NOMEM : KO_ERR_NUMERIC,
					n < 0 ? "out of memory"
					      : "disclosure: a cell is pinned "
						"with no \"<%d\" left", threshold);
			break;
		}
		for (k = 0; k < n && pick < 0; k++) {
			ct->supp[cand[k]] = KO_SUPP_SECONDARY;
			st = ko_disclosure_audit(ct, threshold, lo, hi, &exposed, err);
			if (st)
				goto out;
			if (hi[cell] - lo[cell] >= 0.5)
				pick = cand[k];
			ct->supp[cand[k]] = KO_SUPP_PRIMARY;
		}
		ct->supp[pick >= 0 ? pick : cand[0]] = KO_SUPP_SECONDARY;
	}
	for (i = 0; i < total; i++)
		if (!small_as_x(ct, i, threshold))
			ct->supp[i] = saved[i];
out:
	free(saved);
	free(cand);
	return st;
}

static enum ko_status protect(struct ko_ctable *ct, int threshold,
			      const unsigned char *keep, struct ko_err *err);

enum ko_status ko_disclosure_protect(struct ko_ctable *ct, int threshold,
				     struct ko_err *err)
{
	return protect(ct, threshold, NULL, err);
}

enum ko_status ko_disclosure_protect_keep(struct ko_ctable *ct, int threshold,
					  const unsigned char *keep,
					  struct ko_err *err)
{
	return protect(ct, threshold, keep, err);
}

/* keep: cells to suppress whatever their count (secondary unless primary),
 * NULL none. */
static enum ko_status protect(struct ko_ctable *ct, int threshold,
			      const unsigned char *keep, struct ko_err *err)
{
	int total = ncells(ct), i, exposed = 0;
	int *idx = malloc(sizeof(int) * (size_t)(ct->nrow + ct->ncol + 2));
	double *lo = malloc(sizeof(double) * (size_t)total);
	double *hi = malloc(sizeof(double) * (size_t)total);
	enum ko_status st = KO_OK;

	if (!idx || !lo || !hi) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (threshold < KO_DISCLOSURE_MIN_THRESHOLD) {
		st = ko_err_set(err, KO_ERR_USAGE,
				"disclosure threshold must be at least %d, not %d",
				KO_DISCLOSURE_MIN_THRESHOLD, threshold);
		goto out;
	}
	st = check_counts(ct, idx, err);
	if (st)
		goto out;
	for (i = 0; i < total; i++)
		ct->supp[i] = ct->n[i] > 0 && ct->n[i] < threshold
				      ? KO_SUPP_PRIMARY
				      : KO_SUPP_NONE;
	st = small_as_hidden(ct, threshold, lo, hi, idx, err);
	for (i = 0; !st && keep && i < total; i++)
		if (keep[i] && ct->supp[i] == KO_SUPP_NONE && ct->n[i] > 0)
			ct->supp[i] = KO_SUPP_SECONDARY;
	if (st)
		goto out;
	for (;;) {
		if (optimal_complements(ct, idx))
			fix_single_lines(ct, idx);
		st = ko_disclosure_audit(ct, threshold, lo, hi, &exposed, err);
		if (st || !exposed)
			break;
		for (i = 0; i < total; i++) {
			int pick;

			if (ct->supp[i] == KO_SUPP_NONE || hi[i] - lo[i] >= 0.5)
				continue;
			pick = complement_for(ct, i, idx);
			if (pick < 0) {
				st = ko_err_set(err, KO_ERR_DATA,
						"count table cannot be protected: "
						"every nonzero cell is suppressed");
				goto out;
			}
			ct->supp[pick] = KO_SUPP_SECONDARY;
			break; /* one at a time: the next audit may be clean */
		}
	}
out:
	free(idx);
	free(lo);
	free(hi);
	return st;
}

/* ---- the audit (linear programs) --------------------------------------- */

/* One LP row per line holding a suppressed cell: the suppressed interior
 * cells minus a suppressed total equal what the published cells leave. */
static void audit_rows(glp_prob *lp, const struct ko_ctable *ct,
		       const int *var, int *idx, int *ind, double *val)
{
	int k, i, m;

	for (k = 0; k < nlines(ct); k++) {
		double rhs = 0;
		int nz = 0, row;

		m = line_cells(ct, k, idx);
		for (i = 0; i < m; i++) {
			double sign = i == m - 1 ? -1 : 1;

			if (var[idx[i]]) {
				ind[++nz] = var[idx[i]];
				val[nz] = sign;
			} else {
				rhs -= sign * (double)ct->n[idx[i]];
			}
		}
		if (!nz)
			continue;
		row = glp_add_rows(lp, 1);
		glp_set_row_bnds(lp, row, GLP_FX, rhs, rhs);
		glp_set_mat_row(lp, row, nz, ind, val);
	}
}

/* One simplex run that ends at an optimum or an unbounded ray. */
static int lp_solved(glp_prob *lp, const glp_smcp *parm)
{
	int st;

	if (glp_simplex(lp, parm))
		return 0;
	st = glp_get_status(lp);
	return st == GLP_OPT || st == GLP_UNBND;
}

int ko_disclosure_lp_end(glp_prob *lp, int j, int dir, double *x)
{
	glp_smcp parm;
	int st;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_set_obj_dir(lp, dir);
	glp_set_obj_coef(lp, j, 1);
	/* a warm start gone bad, the simplex failing or ending with "no
	 * feasible point" although the true counts always are one (its
	 * numerics, seen on the export audit's person-year rows): solved
	 * again from scratch */
	if (!lp_solved(lp, &parm)) {
		glp_std_basis(lp);
		if (!lp_solved(lp, &parm)) {
			glp_set_obj_coef(lp, j, 0);
			return 1;
		}
	}
	st = glp_get_status(lp);
	glp_set_obj_coef(lp, j, 0);
	if (st == GLP_UNBND) {
		*x = dir == GLP_MAX ? INFINITY : -INFINITY;
		return 0;
	}
	*x = glp_get_obj_val(lp);
	return 0;
}

int ko_disclosure_lp_range(glp_prob *lp, int j, double *lo, double *hi)
{
	return ko_disclosure_lp_end(lp, j, GLP_MIN, lo) ||
	       ko_disclosure_lp_end(lp, j, GLP_MAX, hi);
}

enum ko_status ko_disclosure_audit(const struct ko_ctable *ct, int threshold,
				   double *lo, double *hi, int *exposed,
				   struct ko_err *err)
{
	int total = ncells(ct), i, nvar = 0, nexp = 0;
	int *var = calloc((size_t)total, sizeof(int));
	int *idx = malloc(sizeof(int) * (size_t)(ct->nrow + ct->ncol + 2));
	int *ind = malloc(sizeof(int) * (size_t)(ct->nrow + ct->ncol + 3));
	double *val = malloc(sizeof(double) * (size_t)(ct->nrow + ct->ncol + 3));
	glp_prob *lp = NULL;
	enum ko_status st = KO_OK;

	if (!var || !idx || !ind || !val) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	glp_term_out(GLP_OFF);
	lp = glp_create_prob();
	for (i = 0; i < total; i++) {
		lo[i] = hi[i] = (double)ct->n[i];
		if (ct->supp[i] == KO_SUPP_NONE)
			continue;
		var[i] = ++nvar;
		glp_add_cols(lp, 1);
		if (ct->supp[i] == KO_SUPP_PRIMARY)
			glp_set_col_bnds(lp, nvar, GLP_DB, 1, threshold - 1);
		else /* an "x": at least T, or 1 for a "<T" shown as "x" */
			glp_set_col_bnds(lp, nvar, GLP_LO,
					 ct->n[i] < threshold ? 1 : threshold, 0);
	}
	audit_rows(lp, ct, var, idx, ind, val);
	for (i = 0; i < total && nvar; i++) {
		if (!var[i])
			continue;
		if (ko_disclosure_lp_range(lp, var[i], &lo[i], &hi[i])) {
			st = ko_err_set(err, KO_ERR_NUMERIC,
					"disclosure audit: linear program failed");
			goto out;
		}
		nexp += hi[i] - lo[i] < 0.5;
	}
	*exposed = nexp;
out:
	if (lp)
		glp_delete_prob(lp);
	free(var);
	free(idx);
	free(ind);
	free(val);
	return st;
}

/* ---- report tables ----------------------------------------------------- */

static int is_count_cell(const struct ko_cell *cell)
{
	return cell->kind == KO_CELL_COUNT || cell->kind == KO_CELL_COUNT_PCT;
}

/* Table coordinates of ctable cell (r, c) under block. */
static struct ko_cell *block_cell(struct ko_table *t,
				  const struct ko_count_block *b, int r, int c)
{
	int tr = r < b->nrow ? b->rows[r] : b->total_row;
	int tc = c < b->ncol ? b->cols[c] : b->total_col;

	return ko_table_cell(t, tr, tc);
}

static enum ko_status read_block(struct ko_table *t,
				 const struct ko_count_block *b,
				 struct ko_ctable *ct, struct ko_err *err)
{
	int r, c;

	for (r = 0; r < b->nrow + ct->col_totals; r++) {
		for (c = 0; c < b->ncol + ct->row_totals; c++) {
			const struct ko_cell *cell = block_cell(t, b, r, c);
			double v = cell->v[0];

			if (!is_count_cell(cell) || !(v >= 0) || v != floor(v) ||
			    v > 1e15)
				return ko_err_set(err, KO_ERR_DATA,
						  "table %s: cell in row %d, column "
						  "%d is not a count",
						  t->name, r + 1, c + 1);
			*ko_ctable_n(ct, r, c) = (long)v;
		}
	}
	return KO_OK;
}

static enum ko_status protect_table(struct ko_table *t,
				    const struct ko_count_block *b,
				    int threshold, int keep_marks,
				    struct ko_err *err)
{
	struct ko_ctable ct;
	enum ko_status st;
	unsigned char *keep = NULL;
	int r, c;

	st = ko_ctable_init(&ct, b->nrow, b->ncol, b->total_col >= 0,
			    b->total_row >= 0, err);
	if (st)
		return st;
	st = read_block(t, b, &ct, err);
	if (!st && keep_marks) {
		keep = calloc((size_t)ncells(&ct), 1);
		if (!keep)
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (r = 0; !st && r < b->nrow + ct.col_totals; r++)
			for (c = 0; c < b->ncol + ct.row_totals; c++)
				keep[r * ct.stride + c] =
					block_cell(t, b, r, c)->supp != KO_SUPP_NONE;
	}
	if (!st)
		st = protect(&ct, threshold, keep, err);
	free(keep);
	if (!st) {
		for (r = 0; r < b->nrow + ct.col_totals; r++)
			for (c = 0; c < b->ncol + ct.row_totals; c++)
				if (ko_ctable_supp(&ct, r, c) != KO_SUPP_NONE)
					block_cell(t, b, r, c)->supp =
						ko_ctable_supp(&ct, r, c);
		t->threshold = threshold;
	}
	ko_ctable_release(&ct);
	return st;
}

enum ko_status ko_disclosure_protect_table(struct ko_table *t,
					   const struct ko_count_block *b,
					   int threshold, struct ko_err *err)
{
	return protect_table(t, b, threshold, 0, err);
}

enum ko_status ko_disclosure_protect_table_keep(struct ko_table *t,
						const struct ko_count_block *b,
						int threshold, struct ko_err *err)
{
	return protect_table(t, b, threshold, 1, err);
}

void ko_disclosure_derive(struct ko_table *t, int count_col, int derived_col)
{
	int r;

	for (r = 0; r < t->nrow; r++) {
		struct ko_cell *d = ko_table_cell(t, r, derived_col);

		if (ko_table_cell(t, r, count_col)->supp != KO_SUPP_NONE &&
		    d->kind != KO_CELL_EMPTY && d->supp == KO_SUPP_NONE)
			d->supp = KO_SUPP_DERIVED;
	}
}

void ko_disclosure_round_derived(struct ko_table *t)
{
	int r, c;

	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, r, c);

			if (cell->kind == KO_CELL_COUNT_PCT ||
			    cell->kind == KO_CELL_PERCENT ||
			    cell->kind == KO_CELL_COUNT_CI)
				cell->rounded = 1;
		}
}

/* ---- the log ----------------------------------------------------------- */

void ko_supp_log_init(struct ko_supp_log *log)
{
	memset(log, 0, sizeof(*log));
}

void ko_supp_log_release(struct ko_supp_log *log)
{
	int i;

	for (i = 0; i < log->n; i++) {
		free(log->entries[i].table);
		free(log->entries[i].row);
		free(log->entries[i].column);
	}
	free(log->entries);
	memset(log, 0, sizeof(*log));
}

static char *column_name(const struct ko_table_col *col)
{
	size_t n;
	char *s;

	if (!col->group)
		return strdup(col->header);
	n = strlen(col->group) + strlen(col->header) + 3;
	s = malloc(n);
	if (s)
		snprintf(s, n, "%s: %s", col->group, col->header);
	return s;
}

static enum ko_status log_add(struct ko_supp_log *log, const struct ko_table *t,
			      int r, int c, enum ko_supp_rule rule)
{
	struct ko_supp_entry *e;

	if (log->n == log->cap) {
		int cap = log->cap ? 2 * log->cap : 32;
		struct ko_supp_entry *grown =
			realloc(log->entries, (size_t)cap * sizeof(*grown));

		if (!grown)
			return KO_ERR_NOMEM;
		log->entries = grown;
		log->cap = cap;
	}
	e = &log->entries[log->n];
	e->table = strdup(t->name);
	e->row = strdup(t->rows[r].label);
	e->column = column_name(&t->cols[c]);
	e->rule = rule;
	if (!e->table || !e->row || !e->column) {
		free(e->table);
		free(e->row);
		free(e->column);
		return KO_ERR_NOMEM;
	}
	log->n++;
	return KO_OK;
}

enum ko_status ko_supp_log_add_table(struct ko_supp_log *log,
				     const struct ko_table *t,
				     struct ko_err *err)
{
	int r, c;

	for (r = 0; r < t->nrow; r++) {
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);

			if (cell->supp == KO_SUPP_NONE || cell->kind == KO_CELL_EMPTY)
				continue;
			if (log_add(log, t, r, c, cell->supp))
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
	}
	return KO_OK;
}

enum ko_status ko_supp_log_write(const struct ko_supp_log *log,
				 const char *path, struct ko_err *err)
{
	struct ko_outfile out;
	enum ko_status st;
	int i;

	st = ko_outfile_open(&out, path, 0, err);
	if (st)
		return st;
	fputs("table,row,column,rule\n", out.fp);
	for (i = 0; i < log->n; i++) {
		const struct ko_supp_entry *e = &log->entries[i];

		ko_csv_put(out.fp, e->table, KO_CSV_SAFE);
		fputc(',', out.fp);
		ko_csv_put(out.fp, e->row, KO_CSV_SAFE);
		fputc(',', out.fp);
		ko_csv_put(out.fp, e->column, KO_CSV_SAFE);
		fprintf(out.fp, ",%s\n", ko_supp_rule_name(e->rule));
	}
	if (ferror(out.fp)) {
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write");
	}
	return ko_outfile_commit(&out, err);
}
