/*
 * logit_firth.c - Firth's penalized likelihood as R's logistf computes it
 * (logit_impl.h): the penalized log-likelihood and its score through the
 * hat values, the Newton iteration with logistf's step control, and
 * logistf's covariance.  Methods: docs/statistics.md.
 */
#include "logit_impl.h"

#include "chol.h"
#include "base/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

#define FIRTH_ALIAS_TOL 1e-10      /* Firth: scaled Cholesky pivot */
#define FIRTH_XTOL 1e-9            /* max |step| at convergence */
#define FIRTH_GTOL 1e-9            /* max |penalized score| / (1 + n) */
#define FIRTH_MAXSTEP 5.0          /* logistf's maxstep */
#define FIRTH_MAXHS 30             /* step halvings per iteration */
#define FIRTH_LCONV 1e-5           /* logistf.control's lconv, gconv, xconv: */
#define FIRTH_GCONV 1e-5           /* its convergence test within maxit */
#define FIRTH_XCONV 1e-5

/* ---- Firth's penalized likelihood: logistf -------------------------------- */

/* Penalized log-likelihood at mo->beta, leaving X'WX and its factor (over
 * all non-aliased columns) in the model.  With decide_alias, aliasing is
 * decided here; otherwise the known aliased columns are skipped. */
void firth_eval(struct model *mo, int decide_alias)
{
	size_t i, c;
	double ll = 0.0;

	model_predict(mo);
	for (i = 0; i < mo->n; i++) {
		double pw = prior_weight(mo->d, i), y = response(mo->d, i);
		double mu = mo->mu[i];

		mo->ww[i] = pw > 0.0 ? pw * mu * (1.0 - mu) : 0.0;
		if (pw > 0.0)
			ll += pw * ((y > 0.0 ? y * log(mu) : 0.0) +
				    (y < 1.0 ? (1.0 - y) * log1p(-mu) : 0.0));
	}
	accumulate(mo, 0);
	for (c = 0; c < mo->m; c++)
		mo->cskip[c] = decide_alias ? 0 : mo->alias[mo->cols[c]];
	ko_chol_pivot(mo->a, mo->m, FIRTH_ALIAS_TOL, mo->l, mo->dsc, mo->cal, mo->cskip);
	for (c = 0; c < mo->m; c++)
		mo->alias[mo->cols[c]] = mo->cal[c];
	mo->loglik = ll + 0.5 * ko_chol_logdet(mo->l, mo->dsc, mo->cal, mo->m);
	mo->dev = -2.0 * mo->loglik;
}

/* Diagonal of the hat matrix W^1/2 X (X'WX)^-1 X' W^1/2 from the factor
 * left by firth_eval. */
static enum ko_status firth_hat(struct model *mo, struct ko_err *err)
{
	size_t m = mo->m, p = mo->p, r = 0, c, c2, i0, i;
	size_t *keep = malloc((m ? m : 1) * sizeof *keep);
	double *lc = malloc((m ? m * m : 1) * sizeof *lc);

	if (!keep || !lc) {
		free(keep);
		free(lc);
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
	}
	for (c = 0; c < m; c++)
		if (!mo->cal[c])
			keep[r++] = c;
	for (c = 0; c < r; c++)
		for (c2 = 0; c2 < r; c2++)
			lc[c * r + c2] = mo->l[keep[c] * m + keep[c2]];
	for (i0 = 0; i0 < mo->n; i0 += BLOCK_ROWS) {
		size_t i1 = i0 + BLOCK_ROWS < mo->n ? i0 + BLOCK_ROWS : mo->n;
		size_t k;

		for (i = i0, k = 0; i < i1; i++, k++) {
			double s = mo->ww[i] > 0.0 ? sqrt(mo->ww[i]) : 0.0;
			const double *xi = mo->d->x + i * p;

			for (c = 0; c < r; c++)
				mo->blk[k * r + c] = s * mo->dsc[keep[c]] *
						     xi[mo->cols[keep[c]]];
		}
		if (r)
			cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower,
				    CblasTrans, CblasNonUnit, (int)(i1 - i0),
				    (int)r, 1.0, lc, (int)r, mo->blk, (int)r);
		for (i = i0, k = 0; i < i1; i++, k++) {
			double h = 0.0;

			for (c = 0; c < r; c++)
				h += mo->blk[k * r + c] * mo->blk[k * r + c];
			mo->hat[i] = h;
		}
	}
	free(keep);
	free(lc);
	return KO_OK;
}

/* Firth's modified score U* = X'(w (y - mu) + h (1/2 - mu)) into u (p). */
static void firth_score(struct model *mo, double *u, double *v)
{
	size_t i;

	for (i = 0; i < mo->n; i++) {
		double pw = prior_weight(mo->d, i);

		v[i] = pw > 0.0 ? pw * (response(mo->d, i) - mo->mu[i]) +
					  mo->hat[i] * (0.5 - mo->mu[i]) : 0.0;
	}
	cblas_dgemv(CblasRowMajor, CblasTrans, (int)mo->n, (int)mo->p, 1.0,
		    mo->d->x, (int)mo->p, v, 1, 0.0, u, 1);
}

/* Newton-Raphson on the penalized likelihood over the free coefficients
 * (logistf's iteration: step (X'WX)^-1 U*, at most FIRTH_MAXSTEP in any
 * coordinate, halved while the penalized likelihood decreases), from
 * mo->beta, run to full convergence.  Converged is logistf's test
 * (logistf.control: the step's largest change <= xconv, every |U*| <
 * gconv and the penalized log-likelihood's change < lconv, all 1e-5; the
 * step measured on the linear predictor, max |x_i' delta|, not on the
 * coefficients, so that a column's units do not matter) met within
 * max_iter iterations (maxit), or the full convergence;
 * once logistf's test is met, the iteration goes on to full convergence
 * (at most PROFILE_MAXIT iterations in all), so that the estimates are
 * exact, not logistf's 1e-5. */
enum ko_status firth_iterate(struct model *mo, int max_iter,
			     struct ko_err *err)
{
	size_t p = mo->p, c;
	double *u = malloc((p ? p : 1) * sizeof *u);
	double *old = malloc((p ? p : 1) * sizeof *old);
	double *delta = malloc((p ? p : 1) * sizeof *delta);
	double *v = ko_mem_rows((mo->n ? mo->n : 1) * sizeof *v);
	enum ko_status st = KO_OK;
	double cap = FIRTH_MAXSTEP;
	int it, hs, logistf_conv = 0;
	int limit = max_iter > PROFILE_MAXIT ? max_iter : PROFILE_MAXIT;

	mo->converged = 0;
	mo->iter = 0;
	if (!u || !old || !delta || !v) {
		st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	firth_eval(mo, 1);
	for (it = 1; it <= limit; it++) {
		double gmax = 0.0, dmax = 0.0, xmax = 0.0, ll_old = mo->loglik;
		int capped;

		if ((st = firth_hat(mo, err)) != KO_OK)
			goto out;
		firth_score(mo, u, v);
		for (c = 0; c < p; c++) {
			mo->cskip[c] = mo->alias[c] || (mo->fixed && mo->fixed[c]);
			if (!mo->cskip[c] && fabs(u[c]) > gmax)
				gmax = fabs(u[c]);
		}
		ko_chol_pivot(mo->a, p, 0.0, mo->l, mo->dsc, mo->cal, mo->cskip);
		ko_chol_solve(mo->l, mo->dsc, mo->cal, p, u, delta);
		/* the step's size on the scale of the linear predictor,
		 * max |x_i' delta| over the used rows: the same whatever the
		 * columns' units (a coefficient's own size is not) */
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)mo->n, (int)p, 1.0,
			    mo->d->x, (int)p, delta, 1, 0.0, v, 1);
		for (c = 0; c < mo->n; c++)
			if (prior_weight(mo->d, c) > 0.0 && fabs(v[c]) > dmax)
				dmax = fabs(v[c]);
		capped = dmax > cap;
		if (capped)
			for (c = 0; c < p; c++)
				delta[c] *= cap / dmax;
		memcpy(old, mo->beta, p * sizeof *old);
		for (hs = 0; hs <= FIRTH_MAXHS; hs++) {
			for (c = 0; c < p; c++)
				mo->beta[c] = old[c] + delta[c];
			firth_eval(mo, 0);
			if (mo->loglik >= ll_old - 1e-10 * (1.0 + fabs(ll_old)))
				break;
			for (c = 0; c < p; c++)
				delta[c] *= 0.5;
		}
		/* logistf caps every step at 5 in each coefficient
		 * (maxstep): a coefficient of 8e5 (a column in units of
		 * 1e-6) would need 1.7e5 steps, and its convergence test
		 * on the coefficients is not met at that size.  Here the
		 * cap is on the linear predictor's change: 5 at first,
		 * doubled after each capped step taken whole (the penalized
		 * likelihood rose), back to 5 once a step had to be halved;
		 * convergence is a change below FIRTH_XTOL in it. */
		if (capped && hs == 0)
			cap *= 2.0;
		else if (hs > 0)
			cap = FIRTH_MAXSTEP;
		mo->iter = it;
		/* xconv on the step actually taken, on the linear
		 * predictor's scale (as the cap): logistf's test on the
		 * coefficients is never met by a coefficient of 6e6 (a
		 * column in units of 1e-6) that is as exact as the one of 6 */
		for (c = 0; c < p; c++)
			delta[c] = mo->beta[c] - old[c];
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)mo->n, (int)p, 1.0,
			    mo->d->x, (int)p, delta, 1, 0.0, v, 1);
		for (c = 0; c < mo->n; c++)
			if (prior_weight(mo->d, c) > 0.0 && fabs(v[c]) > xmax)
				xmax = fabs(v[c]);
		if (it <= max_iter && xmax <= FIRTH_XCONV && gmax < FIRTH_GCONV &&
		    mo->loglik - ll_old < FIRTH_LCONV)
			logistf_conv = 1;
		if (dmax <= FIRTH_XTOL && gmax <= FIRTH_GTOL * (1.0 + (double)mo->n)) {
			mo->converged = 1;
			break;
		}
		if (it >= max_iter && !logistf_conv)
			break;
	}
	mo->converged |= logistf_conv;
out:
	free(u);
	free(old);
	free(delta);
	free(v);
	return st;
}

/* logistf 1.26's covariance of a Firth fit: the inverse of X' diag(w (1 +
 * h)) X at the estimate, the information of its IRLS step (each row plus
 * pseudo-rows of weight h/2).  Leaves that factor in the model for
 * fill_coefficients; the working weights are restored to w. */
enum ko_status firth_logistf_cov(struct model *mo, struct ko_err *err)
{
	size_t i, c;
	enum ko_status st = firth_hat(mo, err);

	if (st != KO_OK)
		return st;
	for (i = 0; i < mo->n; i++)
		mo->ww[i] *= 1.0 + mo->hat[i];
	accumulate(mo, 0);
	for (c = 0; c < mo->m; c++)
		mo->cskip[c] = mo->alias[mo->cols[c]];
	ko_chol_pivot(mo->a, mo->m, FIRTH_ALIAS_TOL, mo->l, mo->dsc, mo->cal, mo->cskip);
	for (i = 0; i < mo->n; i++)
		mo->ww[i] /= 1.0 + mo->hat[i];
	return KO_OK;
}

