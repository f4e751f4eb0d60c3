/*
 * logit_separation.c - complete and quasi-complete separation of a
 * logistic model (logit_impl.h): Konis' linear program, as R's
 * detectseparation solves it, with GLPK; and the strict separation test
 * that decides whether a profile-likelihood end is infinite.
 */
#include "logit_impl.h"
#include "coefs.h"

#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#define SEP_MAX_NONZEROS 1000000   /* cap on the LP (about 100 bytes each) */

/* ---- separation: Konis' linear program ------------------------------------ */

/* GLPK reports fatal errors (out of memory, internal failures) by calling
 * its error hook and then abort(); the hook jumps back instead, and
 * glp_free_env() releases everything GLPK allocated. */
static void glpk_error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* One linear program through GLPK: the problem made (direction dir, nrow
 * rows, ncol columns), its bounds and objective set by bounds(lp, ctx),
 * the matrix ia/ja/ar (1-based; ne entries) loaded and solved by the
 * simplex, silently.  At the optimum *opt is its value and, with dual,
 * dual[0..nrow-1] the row multipliers.  Returns 0 on success. */
static int glpk_solve(int dir, size_t nrow, size_t ncol,
		      void (*bounds)(glp_prob *, const void *), const void *ctx,
		      size_t ne, const int *ia, const int *ja, const double *ar,
		      double *opt, double *dual)
{
	jmp_buf jb;
	glp_prob *lp;
	glp_smcp parm;
	size_t i;
	int ok;

	if (setjmp(jb)) {
		glp_error_hook(NULL, NULL);
		glp_free_env();
		return -1;
	}
	glp_error_hook(glpk_error_hook, &jb);
	lp = glp_create_prob();
	glp_set_obj_dir(lp, dir);
	glp_add_rows(lp, (int)nrow);
	glp_add_cols(lp, (int)ncol);
	bounds(lp, ctx);
	glp_load_matrix(lp, (int)ne, ia, ja, ar);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	ok = glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT;
	if (ok) {
		*opt = glp_get_obj_val(lp);
		for (i = 0; dual && i < nrow; i++)
			dual[i] = glp_get_row_dual(lp, (int)i + 1);
	}
	glp_delete_prob(lp);
	glp_error_hook(NULL, NULL);
	return ok ? 0 : -1;
}

struct dual_lp {
	size_t r, nlambda;
	const double *c;
};

static void dual_bounds(glp_prob *lp, const void *ctx)
{
	const struct dual_lp *L = ctx;
	size_t j, r = L->r, nlambda = L->nlambda;

	for (j = 1; j <= nlambda + 2 * r; j++) {
		glp_set_col_bnds(lp, (int)j, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(lp, (int)j, j > nlambda ? 1.0 : 0.0);
	}
	for (j = 0; j < r; j++)
		glp_set_row_bnds(lp, (int)j + 1, GLP_FX, L->c[j], L->c[j]);
}

/* Solve the dual LP laid out in ia/ja/ar (1-based; ne entries; r rows;
 * nlambda lambda columns, then u and v) with right-hand side c; on return
 * b holds the row multipliers and *opt the optimum.  Returns 0 on success. */
static int glpk_solve_dual(size_t r, size_t nlambda, size_t ne, const int *ia,
			   const int *ja, const double *ar, const double *c,
			   double *b, double *opt)
{
	struct dual_lp L = { r, nlambda, c };

	return glpk_solve(GLP_MIN, r, nlambda + 2 * r, dual_bounds, &L, ne, ia, ja, ar, opt, b);
}

/* Is there a direction b != 0 with x_i'b >= 0 for every event and <= 0
 * for every non-event (rows with 0 < y < 1 count as both)?  Konis' linear
 * program, as R's detectseparation solves it:
 *
 *   max sum_i s_i x_i'b  subject to  s_i x_i'b >= 0,  -1 <= b_j <= 1
 *
 * on the non-aliased columns (each scaled to max |x| = 1), s_i = +1 for an
 * event and -1 for a non-event.  The optimum is 0 without separation and
 * positive with it; a coefficient whose optimal b_j is non-zero has an
 * infinite MLE of that sign.  GLPK solves the dual, min sum(u + v) subject
 * to u - v - A'lambda = A'1 with lambda, u, v >= 0, whose basis is only
 * p x p however many rows there are; b is the dual's row multipliers.
 * Skipped (checked = 0) above SEP_MAX_NONZEROS. */
enum ko_status separation_lp(const struct ko_logit_data *d,
			     const int *alias,
			     enum ko_logit_separation *sep, int *any,
			     int *checked, struct ko_err *err)
{
	size_t n = d->n, p = d->p, i, j, nrow = 0, ne = 0, r = 0;
	size_t *col = NULL;
	double *scale = NULL, *ar = NULL, *obj = NULL, *bdir = NULL;
	int *ia = NULL, *ja = NULL;
	enum ko_status st = KO_OK;
	double cb = 0.0, opt = 0.0;

	*any = 0;
	*checked = 0;
	for (j = 0; j < p; j++)
		sep[j] = KO_LOGIT_SEP_NONE;
	col = malloc((p ? p : 1) * sizeof *col);
	scale = calloc(p ? p : 1, sizeof *scale);
	obj = calloc(p ? p : 1, sizeof *obj);
	bdir = calloc(p ? p : 1, sizeof *bdir);
	if (!col || !scale || !obj || !bdir)
		goto nomem;
	r = ko_coefs_kept(p, alias, col);
	for (i = 0; i < n; i++) {
		double y = response(d, i);
		size_t sides = prior_weight(d, i) > 0.0 ? (y > 0.0) + (y < 1.0) : 0;
		size_t nz = 0;

		for (j = 0; sides && j < r; j++) {
			double v = fabs(d->x[i * p + col[j]]);

			nz += v != 0.0;
			if (v > scale[j])
				scale[j] = v;
		}
		nrow += sides;
		ne += sides * nz;
	}
	if (ne > SEP_MAX_NONZEROS || r == 0 || nrow == 0)
		goto out;
	ia = malloc((ne + 2 * r + 1) * sizeof *ia);
	ja = malloc((ne + 2 * r + 1) * sizeof *ja);
	ar = malloc((ne + 2 * r + 1) * sizeof *ar);
	if (!ia || !ja || !ar)
		goto nomem;
	ne = 0;
	nrow = 0;
	for (i = 0; i < n; i++) {
		double y = response(d, i);
		int side;

		if (!(prior_weight(d, i) > 0.0))
			continue;
		for (side = 0; side < 2; side++) {
			double sign = side == 0 ? 1.0 : -1.0;

			if (side == 0 ? !(y > 0.0) : !(y < 1.0))
				continue;
			nrow++;
			for (j = 0; j < r; j++) {
				double v = d->x[i * p + col[j]];

				if (v == 0.0)
					continue;
				v *= sign / scale[j];
				ne++;
				ia[ne] = (int)j + 1;
				ja[ne] = (int)nrow;
				ar[ne] = -v;
				obj[j] += v;
			}
		}
	}
	for (j = 0; j < r; j++) {
		ne++;
		ia[ne] = (int)j + 1, ja[ne] = (int)(nrow + j + 1), ar[ne] = 1.0;
		ne++;
		ia[ne] = (int)j + 1, ja[ne] = (int)(nrow + r + j + 1), ar[ne] = -1.0;
	}
	if (glpk_solve_dual(r, nrow, ne, ia, ja, ar, obj, bdir, &opt) != 0) {
		st = ko_err_set(err, KO_ERR_NUMERIC,
				"logit: separation linear program failed (GLPK)");
		goto out;
	}
	*checked = 1;
	if (!(opt > 1e-7))
		goto out;
	for (j = 0; j < r; j++)
		cb += obj[j] * bdir[j];
	for (j = 0; j < r; j++) {
		double b = cb < 0.0 ? -bdir[j] : bdir[j];

		if (fabs(b) > 1e-7) {
			sep[col[j]] = b > 0 ? KO_LOGIT_SEP_TO_PLUS_INF :
					      KO_LOGIT_SEP_TO_MINUS_INF;
			*any = 1;
		}
	}
	goto out;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
out:
	free(col);
	free(scale);
	free(obj);
	free(bdir);
	free(ia);
	free(ja);
	free(ar);
	return st;
}

struct strict_lp {
	size_t nrow, r, jr;
	double side;
};

static void strict_bounds(glp_prob *lp, const void *ctx)
{
	const struct strict_lp *L = ctx;
	size_t i, r = L->r, jr = L->jr;
	double side = L->side;

	for (i = 1; i <= L->nrow; i++)
		glp_set_row_bnds(lp, (int)i, GLP_LO, 0.0, 0.0);
	for (i = 0; i < r; i++)
		glp_set_col_bnds(lp, (int)i + 1, GLP_DB,
				 i == jr && side > 0 ? 0.0 : -1.0,
				 i == jr && side < 0 ? 0.0 : 1.0);
	glp_set_col_bnds(lp, (int)r + 1, GLP_UP, 0.0, 1.0);
	glp_set_obj_coef(lp, (int)r + 1, 1.0);
}

/* The LP of strict_separation laid out in ia/ja/ar (1-based; ne entries;
 * nrow rows; r direction columns, column jr held to side's sign, then
 * tau): *opt the largest tau.  Returns 0 on success. */
static int glpk_solve_strict(size_t nrow, size_t r, size_t ne, const int *ia,
			     const int *ja, const double *ar, size_t jr,
			     double side, double *opt)
{
	struct strict_lp L = { nrow, r, jr, side };

	return glpk_solve(GLP_MAX, nrow, r + 1, strict_bounds, &L, ne, ia, ja, ar, opt, NULL);
}

/* Is there a direction b that separates the used rows strictly,
 * s_i x_i'b > 0 for every row (s_i = +1 for an event, -1 for a
 * non-event; a row with 0 < y < 1 is both, so none exists), with side *
 * b_j >= 0 (side = +1 or -1)?  Then coefficient j's profile deviance
 * stays 0 as b_j goes to side * infinity (along t b it falls to 0; with
 * b_j = 0 it is 0 for every value of b_j), and that end of its profile
 * interval is side * infinity.  The LP:
 *
 *   max tau  subject to  s_i x_i'b - tau >= 0,  -1 <= b <= 1 (side * b_j
 *   >= 0),  tau <= 1
 *
 * on the non-aliased columns scaled to max |x| = 1; strict when tau >
 * 1e-7.  *strict = -1 when not decided (too large, GLPK failed). */
void strict_separation(const struct ko_logit_data *d, const int *alias,
		       size_t jcol, double side, int *strict)
{
	size_t n = d->n, p = d->p, i, j, r = 0, nrow = 0, ne = 0;
	size_t *col = malloc((p ? p : 1) * sizeof *col);
	double *scale = calloc(p ? p : 1, sizeof *scale);
	int *ia = NULL, *ja = NULL;
	double *ar = NULL, opt = 0.0;

	*strict = -1;
	if (!col || !scale)
		goto out;
	r = ko_coefs_kept(p, alias, col);
	for (i = 0; i < n; i++) {
		double y = response(d, i);

		if (!(prior_weight(d, i) > 0.0))
			continue;
		if (y > 0.0 && y < 1.0) {
			*strict = 0;
			goto out;
		}
		nrow++;
		for (j = 0; j < r; j++) {
			double v = fabs(d->x[i * p + col[j]]);

			ne += v != 0.0;
			if (v > scale[j])
				scale[j] = v;
		}
	}
	if (ne + nrow > SEP_MAX_NONZEROS || r == 0 || nrow == 0)
		goto out;
	ia = malloc((ne + nrow + 1) * sizeof *ia);
	ja = malloc((ne + nrow + 1) * sizeof *ja);
	ar = malloc((ne + nrow + 1) * sizeof *ar);
	if (!ia || !ja || !ar)
		goto out;
	ne = 0;
	nrow = 0;
	for (i = 0; i < n; i++) {
		double sgn = response(d, i) > 0.0 ? 1.0 : -1.0;

		if (!(prior_weight(d, i) > 0.0))
			continue;
		nrow++;
		for (j = 0; j < r; j++) {
			double v = d->x[i * p + col[j]];

			if (v == 0.0 || scale[j] == 0.0)
				continue;
			ne++;
			ia[ne] = (int)nrow, ja[ne] = (int)j + 1, ar[ne] = sgn * v / scale[j];
		}
		ne++;
		ia[ne] = (int)nrow, ja[ne] = (int)r + 1, ar[ne] = -1.0;
	}
	{
		size_t jr = r;

		for (j = 0; j < r; j++)
			if (col[j] == jcol)
				jr = j;
		if (glpk_solve_strict(nrow, r, ne, ia, ja, ar, jr, side, &opt) == 0)
			*strict = opt > 1e-7;
	}
out:
	free(col);
	free(scale);
	free(ia);
	free(ja);
	free(ar);
}

