/*
 * poisson.c - modified Poisson regression: R's glm.fit with
 * family = poisson (log link), then a sandwich covariance.
 *
 * The iteration is R's: start at mu = y + 0.1, weighted least squares on
 * the working response z = eta - offset + (y - mu) / mu, weights w mu,
 * stop when |dev - devold| / (|dev| + 0.1) < epsilon; halve the step while
 * the deviance is not finite or mu is not valid.  X'WX is accumulated in
 * row blocks with cblas_dsyrk and solved by a Cholesky factorisation with
 * the same aliasing rule as logit.c (its helpers are static there, so the
 * three small factorisation routines are repeated here).  Methods:
 * docs/statistics.md.
 */
#define _DEFAULT_SOURCE /* lgamma_r */
#include "poisson.h"

#include "chol.h"
#include "ci.h"
#include "coefs.h"
#include "base/mem.h"
#include "base/par.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>

#define BLOCK_ROWS 1024
#define ALIAS_TOL_DEFAULT 1e-10 /* logit.c's default */
#define MAX_HALVINGS 60

void ko_poisson_options_init(struct ko_poisson_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_iter = 25;
	opt->epsilon = 1e-8;
	opt->level = 0.95;
	opt->alias_tol = ALIAS_TOL_DEFAULT;
	opt->se = KO_POISSON_SE_ROBUST;
	opt->hc = KO_LOGIT_HC0;
	opt->cluster = NULL;
}

/* ---- R's poisson family (log link) --------------------------------------- */

static double linkinv(double eta)
{
	double m = exp(eta);

	return m > DBL_EPSILON ? m : DBL_EPSILON;
}

static double dev_resid(double y, double mu, double w)
{
	return y > 0.0 ? 2.0 * w * (y * log(y / mu) - (y - mu)) : 2.0 * w * mu;
}

static double weight_of(const struct ko_logit_data *d, size_t i)
{
	return d->weights ? d->weights[i] : 1.0;
}


/* ---- the iteration --------------------------------------------------------- */

struct irls {
	const struct ko_logit_data *d;
	size_t n, p;
	double *beta, *bold, *eta, *mu, *ww;
	double *ww_next; /* weights at the newest mu, for the next step */
	double *a, *l, *dsc, *rhs;
	size_t parts;   /* row parts (par.h), by n alone */
	double *pa;     /* per part: the Gram matrix of [X z], (p + 1)^2 */
	double *pblk;   /* per part: BLOCK_ROWS x (p + 1) */
	size_t brows;   /* rows per X'WX block (<= BLOCK_ROWS) */
	double pdev[KO_PAR_MAX_PARTS];
	int *alias;
	double dev;
	int iter, converged, halved;
};

static void irls_release(struct irls *s)
{
	free(s->beta);
	free(s->bold);
	free(s->eta);
	free(s->mu);
	free(s->ww);
	free(s->ww_next);
	free(s->a);
	free(s->l);
	free(s->dsc);
	free(s->rhs);
	free(s->pa);
	free(s->pblk);
	free(s->alias);
}

static enum ko_status irls_init(struct irls *s, const struct ko_logit_data *d,
				struct ko_err *err)
{
	size_t n = d->n ? d->n : 1, p = d->p;

	memset(s, 0, sizeof *s);
	s->d = d;
	s->n = d->n;
	s->p = p;
	s->beta = calloc(p, sizeof *s->beta);
	s->bold = calloc(p, sizeof *s->bold);
	s->eta = ko_mem_rows(n * sizeof *s->eta);
	s->mu = ko_mem_rows(n * sizeof *s->mu);
	s->ww = ko_mem_rows(n * sizeof *s->ww);
	s->ww_next = ko_mem_rows(n * sizeof *s->ww_next);
	s->a = malloc(p * p * sizeof *s->a);
	s->l = malloc(p * p * sizeof *s->l);
	s->dsc = malloc(p * sizeof *s->dsc);
	s->rhs = malloc(p * sizeof *s->rhs);
	s->alias = calloc(p, sizeof *s->alias);
	s->parts = ko_par_parts(d->n);
	s->brows = ko_gram_block_rows(p + 1, BLOCK_ROWS); /* [X z] */
	s->pa = malloc(s->parts * (p + 1) * (p + 1) * sizeof *s->pa);
	s->pblk = malloc(s->parts * BLOCK_ROWS * (p + 1) * sizeof *s->pblk);
	if (!s->beta || !s->bold || !s->eta || !s->mu || !s->ww || !s->ww_next || !s->a || !s->l ||
	    !s->dsc || !s->rhs || !s->alias || !s->pa ||
	    !s->pblk) {
		irls_release(s);
		return ko_err_set(err, KO_ERR_NOMEM, "poisson: out of memory (n = %zu, p = %zu)",
				  d->n, p);
	}
	return KO_OK;
}

static void predict_part(void *ctx, size_t part)
{
	struct irls *s = ctx;
	const struct ko_logit_data *d = s->d;
	size_t i, r0 = ko_par_begin(s->n, s->parts, part);
	size_t r1 = ko_par_begin(s->n, s->parts, part + 1);
	double dev = 0.0;

	if (r1 > r0)
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(r1 - r0),
			    (int)s->p, 1.0, d->x + r0 * s->p, (int)s->p,
			    s->beta, 1, 0.0, s->eta + r0, 1);
	for (i = r0; i < r1; i++) {
		double e = s->eta[i] + (d->offset ? d->offset[i] : 0.0);

		s->eta[i] = e;
		s->mu[i] = linkinv(e);
		dev += dev_resid(d->y[i], s->mu[i], weight_of(d, i));
	}
	s->pdev[part] = dev;
}

/* eta = X beta + offset (aliased columns 0), mu = linkinv(eta); returns the
 * deviance, +Inf when it is not finite or mu is not valid (R's checks).
 * Row parts on threads, their deviances added in part order. */
static double predict(struct irls *s)
{
	size_t k;
	double dev = 0.0;

	ko_par_run(s->parts, predict_part, s);
	for (k = 0; k < s->parts; k++)
		dev += s->pdev[k];
	return isfinite(dev) ? dev : INFINITY;
}

struct accumulate_job {
	struct irls *s;
	int predict;  /* 1: first eta = X beta (+ offset), mu and the
			 deviance, block by block (as predict) */
	double *ww;   /* where the working weights go */
};

static void accumulate_part(void *ctx, size_t part)
{
	const struct accumulate_job *j = ctx;
	struct irls *s = j->s;
	const struct ko_logit_data *d = s->d;
	size_t p = s->p, i0, i, c;
	size_t r0 = ko_par_begin(s->n, s->parts, part);
	size_t r1 = ko_par_begin(s->n, s->parts, part + 1);
	/* rows sqrt(w) [x z]: their Gram matrix holds X'WX and, in its last
	 * row, X'Wz (as the logistic fit, logit.c) */
	double *a = s->pa + part * (p + 1) * (p + 1);
	double *blk = s->pblk + part * BLOCK_ROWS * (p + 1);
	double dev = 0.0;

	memset(a, 0, (p + 1) * (p + 1) * sizeof *a);
	for (i0 = r0; i0 < r1; i0 += s->brows) {
		size_t i1 = i0 + s->brows < r1 ? i0 + s->brows : r1, k = 0;

		if (j->predict)
			cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(i1 - i0),
				    (int)p, 1.0, d->x + i0 * p, (int)p, s->beta,
				    1, 0.0, s->eta + i0, 1);
		for (i = i0; i < i1; i++) {
			const double *xi = d->x + i * p;
			double *bi = blk + k * (p + 1), w, r, z;

			if (j->predict) {
				s->eta[i] += d->offset ? d->offset[i] : 0.0;
				s->mu[i] = linkinv(s->eta[i]);
				dev += dev_resid(d->y[i], s->mu[i], weight_of(d, i));
			}
			/* R's working weights: prior weight * mu */
			w = j->ww[i] = weight_of(d, i) > 0.0 ?
					       weight_of(d, i) * s->mu[i] : 0.0;
			if (!(w > 0.0))
				continue;
			r = sqrt(w);
			z = s->eta[i] - (d->offset ? d->offset[i] : 0.0) +
			    (d->y[i] - s->mu[i]) / s->mu[i];
			for (c = 0; c < p; c++)
				bi[c] = r * xi[c];
			bi[p] = r * z;
			k++;
		}
		ko_gram_add(p + 1, k, blk, a);
	}
	s->pdev[part] = dev;
}

/* The working weights w = prior weight * mu (R's mu.eta^2 / variance for
 * the log link) into ww, and X'WX (lower) and X'Wz over rows with w > 0:
 * row parts on threads, added in part order.  With predict, first eta,
 * mu and the deviance at beta in the same pass over X (as predict()):
 * returned, +Inf when not finite. */
static double accumulate(struct irls *s, int predict, double *ww)
{
	struct accumulate_job job = { s, predict, ww };
	size_t p = s->p, k;
	double dev = 0.0;

	memset(s->a, 0, p * p * sizeof *s->a);
	memset(s->rhs, 0, p * sizeof *s->rhs);
	if (p == 0)
		return 0.0;
	ko_par_run(s->parts, accumulate_part, &job);
	for (k = 0; k < s->parts; k++) {
		ko_gram_split_add(s->pa + k * (p + 1) * (p + 1), p, 1, s->a,
				  s->rhs);
		dev += s->pdev[k];
	}
	return isfinite(dev) ? dev : INFINITY;
}

/* R's glm.fit loop.  Returns an error only when no valid coefficients
 * were ever found (R stops there too). */
/* R's start for the poisson family: mu = y + 0.1; the part's deviance. */
static void start_part(void *ctx, size_t part)
{
	struct irls *s = ctx;
	const struct ko_logit_data *d = s->d;
	size_t i, r1 = ko_par_begin(s->n, s->parts, part + 1);
	double dev = 0.0;

	for (i = ko_par_begin(s->n, s->parts, part); i < r1; i++) {
		s->mu[i] = d->y[i] + 0.1;
		s->eta[i] = log(s->mu[i]);
		dev += dev_resid(d->y[i], s->mu[i], weight_of(d, i));
	}
	s->pdev[part] = dev;
}

static enum ko_status iterate(struct irls *s, int max_iter, double eps,
			      double alias_tol, struct ko_err *err)
{
	size_t i, j;
	double devold = 0.0, change_prev = 1.0;
	int it, h, fresh;

	ko_par_run(s->parts, start_part, s);
	for (i = 0; i < s->parts; i++)
		devold += s->pdev[i];
	accumulate(s, 0, s->ww);
	for (it = 1; it <= max_iter; it++) {
		double change;

		memcpy(s->bold, s->beta, s->p * sizeof *s->beta);
		ko_chol_pivot(s->a, s->p, alias_tol, s->l, s->dsc, s->alias, NULL);
		ko_chol_solve(s->l, s->dsc, s->alias, s->p, s->rhs, s->beta);
		/* predict and prepare the next step in one pass over X, as the
		 * logistic fit does (stats/logit.c), unless the last change
		 * says this step converges; same numbers either way */
		fresh = it > 1 && change_prev * change_prev < 0.01 * eps;
		s->dev = fresh ? predict(s) : accumulate(s, 1, s->ww_next);
		for (h = 0; !isfinite(s->dev) && h < MAX_HALVINGS; h++) {
			if (it == 1)
				return ko_err_set(err, KO_ERR_NUMERIC,
						  "poisson: no valid set of coefficients has been found (as R: supply starting values)");
			for (j = 0; j < s->p; j++)
				s->beta[j] = 0.5 * (s->beta[j] + s->bold[j]);
			s->halved = 1;
			s->dev = predict(s);
			fresh = 1;
		}
		if (!isfinite(s->dev))
			return ko_err_set(err, KO_ERR_NUMERIC,
					  "poisson: inner loop 1; cannot correct step size");
		s->iter = it;
		change = fabs(s->dev - devold) / (fabs(s->dev) + 0.1);
		if (change < eps) {
			s->converged = 1;
			break;
		}
		devold = s->dev;
		change_prev = change;
		if (fresh) { /* the prepared step is not at this beta */
			accumulate(s, 0, s->ww);
		} else { /* R's weights are those of the step taken */
			double *t = s->ww;

			s->ww = s->ww_next;
			s->ww_next = t;
		}
	}
	return KO_OK;
}

/* ---- the fit ---------------------------------------------------------------- */

void ko_poisson_fit_free(struct ko_poisson_fit *fit)
{
	if (!fit)
		return;
	KO_COEFS_FREE(fit);
	KO_COEFS_ROWS_FREE(fit);
	gsl_matrix_free(fit->vcov_model);
	free(fit->rr);
	free(fit->rr_low);
	free(fit->rr_high);
	free(fit);
}

static struct ko_poisson_fit *fit_new(const struct ko_logit_data *d)
{
	struct ko_poisson_fit *f = calloc(1, sizeof *f);
	size_t p = d->p;

	if (!f)
		return NULL;
	f->n = d->n;
	f->p = p;
	if (KO_COEFS_ALLOC(f, d->names))
		goto nomem;
	f->vcov_model = gsl_matrix_alloc(p, p);
	f->rr = malloc(p * sizeof *f->rr);
	f->rr_low = malloc(p * sizeof *f->rr_low);
	f->rr_high = malloc(p * sizeof *f->rr_high);
	/* eta, mu and the working weights and residuals: handed over by
	 * fill_model */
	if (!f->vcov_model || !f->rr || !f->rr_low || !f->rr_high)
		goto nomem;
	return f;
nomem:
	ko_poisson_fit_free(f);
	return NULL;
}

/* Bad input is an error: non-finite or negative y, covariates, weights. */
static enum ko_status validate(const struct ko_logit_data *d,
			       const struct ko_poisson_options *opt,
			       struct ko_err *err)
{
	if (!d || !opt || !d->x || !d->y || d->p == 0)
		return ko_err_set(err, KO_ERR_USAGE, "poisson: no data (x, y and p > 0 are required)");
	if (opt->max_iter < 1 || !(opt->epsilon > 0.0) || !(opt->level > 0.0 && opt->level < 1.0))
		return ko_err_set(err, KO_ERR_USAGE, "poisson: bad options (max_iter %d, epsilon %g, level %g)",
				  opt->max_iter, opt->epsilon, opt->level);
	if (opt->se == KO_POISSON_SE_CLUSTER && !opt->cluster)
		return ko_err_set(err, KO_ERR_USAGE, "poisson: cluster SEs need cluster ids");
	return ko_logit_check_rows(d, "poisson", INFINITY,
				   "a finite number >= 0", err);
}


struct model_sums {
	struct ko_poisson_fit *f;
	const struct ko_logit_data *d;
	const struct irls *s;
	struct {
		double dev, sw, swy, aic;
		size_t n_used, mu_above_1, fitted_0;
	} part[KO_PAR_MAX_PARTS];
};

/* The per-row results of one part of the rows, and its sums. */
static void model_sums_part(void *ctx, size_t part)
{
	struct model_sums *j = ctx;
	struct ko_poisson_fit *f = j->f;
	const struct ko_logit_data *d = j->d;
	const struct irls *s = j->s;
	size_t i, r1 = ko_par_begin(s->n, s->parts, part + 1);
	size_t n_used = 0, above = 0, zero = 0;
	double dev = 0.0, sw = 0.0, swy = 0.0, aic = 0.0;
	double y_at = NAN, lg = 0.0; /* lgamma(y + 1) for a run of equal y */
	int sign; /* lgamma_r's, unused (lgamma() writes a global: a race) */

	for (i = ko_par_begin(s->n, s->parts, part); i < r1; i++) {
		double w = weight_of(d, i), y = d->y[i];

		f->working_residuals[i] = (y - f->mu[i]) / f->mu[i];
		dev += dev_resid(y, f->mu[i], w);
		sw += w;
		swy += w * y;
		if (!(w > 0.0))
			continue;
		n_used++;
		above += f->mu[i] > 1.0;
		zero += f->mu[i] < KO_POISSON_FITTED_0;
		if (!(y == y_at)) { /* NaN: the first row */
			lg = lgamma_r(y + 1.0, &sign);
			y_at = y;
		}
		aic += w * (y * log(f->mu[i]) - f->mu[i] - lg);
	}
	j->part[part].dev = dev;
	j->part[part].sw = sw;
	j->part[part].swy = swy;
	j->part[part].aic = aic;
	j->part[part].n_used = n_used;
	j->part[part].mu_above_1 = above;
	j->part[part].fitted_0 = zero;
}

/* R's null deviance with an intercept and an offset: glm() refits
 * y ~ 1 + offset(o).  That Poisson fit has a closed form, exp(b0) =
 * sum w y / sum w exp(o), so mu0 = exp(o) sum w y / sum w exp(o). */
static double null_deviance_offset(const struct ko_logit_data *d)
{
	double swy = 0.0, swe = 0.0, dev = 0.0, b;
	size_t i;

	for (i = 0; i < d->n; i++) {
		swy += weight_of(d, i) * d->y[i];
		swe += weight_of(d, i) * exp(d->offset[i]);
	}
	b = swy / swe;
	for (i = 0; i < d->n; i++)
		dev += dev_resid(d->y[i], exp(d->offset[i]) * b, weight_of(d, i));
	return dev;
}

/* Model-based covariance from the last step's factor, per-row results and
 * R's model statistics. */
static void fill_model(struct ko_poisson_fit *f, const struct ko_logit_data *d,
		       struct irls *s)
{
	struct model_sums job;
	size_t p = f->p, i, j, k;
	double aic = 0.0, sw = 0.0, swy = 0.0;

	gsl_matrix_set_all(f->vcov_model, NAN);
	for (j = 0; j < p; j++) {
		if (s->alias[j])
			continue;
		for (i = 0; i < p; i++)
			s->rhs[i] = i == j;
		ko_chol_solve(s->l, s->dsc, s->alias, p, s->rhs, s->rhs);
		for (i = 0; i < p; i++)
			if (!s->alias[i])
				gsl_matrix_set(f->vcov_model, i, j, s->rhs[i]);
	}
	f->rank = 0;
	for (j = 0; j < p; j++) {
		f->aliased[j] = s->alias[j];
		f->coef[j] = s->alias[j] ? NAN : s->beta[j];
		f->rank += !s->alias[j];
	}
	/* the per-row results are the iteration's final arrays, handed over
	 * rather than copied; the working residuals go where the spare
	 * weights were (not needed after the last step) */
	f->eta = s->eta;
	f->mu = s->mu;
	f->working_weights = s->ww;
	f->working_residuals = s->ww_next;
	s->eta = s->mu = s->ww = s->ww_next = NULL;
	memset(&job, 0, sizeof(job));
	job.f = f;
	job.d = d;
	job.s = s;
	ko_par_run(s->parts, model_sums_part, &job);
	f->n_used = 0;
	f->mu_above_1 = 0;
	f->fitted_0 = 0;
	f->deviance = 0.0;
	for (k = 0; k < s->parts; k++) {
		f->deviance += job.part[k].dev;
		sw += job.part[k].sw;
		swy += job.part[k].swy;
		aic += job.part[k].aic;
		f->n_used += job.part[k].n_used;
		f->mu_above_1 += job.part[k].mu_above_1;
		f->fitted_0 += job.part[k].fitted_0;
	}
	f->aic = -2.0 * aic + 2.0 * (double)f->rank;
	f->has_intercept = ko_logit_find_intercept(d) != 0;
	f->null_deviance = 0.0;
	if (f->has_intercept) {
		/* mu0 is one number: each row's term depends on (y, w) alone,
		 * worked out once per run of equal pairs (the same sum) */
		double mu0 = swy / sw, y_at = NAN, w_at = NAN, dr = 0.0;

		for (i = 0; i < d->n; i++) {
			double w = weight_of(d, i);

			if (!(d->y[i] == y_at && w == w_at)) {
				dr = dev_resid(d->y[i], mu0, w);
				y_at = d->y[i];
				w_at = w;
			}
			f->null_deviance += dr;
		}
	} else {
		for (i = 0; i < d->n; i++)
			f->null_deviance += dev_resid(d->y[i],
						      exp(d->offset ? d->offset[i] : 0.0),
						      weight_of(d, i));
	}
	if (f->has_intercept && d->offset)
		f->null_deviance = null_deviance_offset(d);
	f->df_residual = (double)f->n_used - (double)f->rank;
	f->df_null = (double)f->n_used - (f->has_intercept ? 1.0 : 0.0);
	f->iterations = s->iter;
	f->converged = s->converged;
	f->step_halved = s->halved;
}

void ko_poisson_logit_view(const struct ko_poisson_fit *f,
			   struct ko_logit_fit *view)
{
	memset(view, 0, sizeof *view);
	view->n = f->n;
	view->p = f->p;
	view->n_used = f->n_used;
	view->rank = f->rank;
	view->aliased = f->aliased;
	view->vcov = f->vcov_model;
	view->working_weights = f->working_weights;
	view->working_residuals = f->working_residuals;
}

/* The chosen covariance: the model's, or logit.h's sandwich on a view of
 * this fit (it reads only sizes, aliasing, rank, working weights and
 * residuals and the model-based covariance). */
static enum ko_status fill_vcov(struct ko_poisson_fit *f,
				const struct ko_logit_data *d,
				const struct ko_poisson_options *opt,
				struct ko_err *err)
{
	struct ko_logit_fit view;

	f->se_type = opt->se;
	if (opt->se == KO_POISSON_SE_MODEL)
		return gsl_matrix_memcpy(f->vcov, f->vcov_model) ?
			       ko_err_set(err, KO_ERR_NUMERIC, "poisson: vcov copy failed") : KO_OK;
	ko_poisson_logit_view(f, &view);
	if (opt->se == KO_POISSON_SE_CLUSTER)
		return ko_logit_vcov_cluster(d, &view, opt->cluster, opt->hc, f->vcov, err);
	return ko_logit_vcov_robust(d, &view, opt->hc, f->vcov, err);
}

/* Wald inference and risk ratios from f->vcov. */
static void fill_inference(struct ko_poisson_fit *f, double level)
{
	double zq = ko_ci_z(level);
	size_t j;

	f->level = level;
	for (j = 0; j < f->p; j++) {
		if (f->aliased[j]) {
			f->se[j] = f->z[j] = f->p_value[j] = NAN;
			f->conf_low[j] = f->conf_high[j] = NAN;
			f->rr[j] = f->rr_low[j] = f->rr_high[j] = NAN;
			continue;
		}
		KO_COEFS_WALD(f, j, gsl_matrix_get(f->vcov, j, j), zq);
		f->rr[j] = exp(f->coef[j]);
		f->rr_low[j] = exp(f->conf_low[j]);
		f->rr_high[j] = exp(f->conf_high[j]);
	}
}

enum ko_status ko_poisson_fit(const struct ko_logit_data *data,
			      const struct ko_poisson_options *opt,
			      struct ko_poisson_fit **out, struct ko_err *err)
{
	struct ko_poisson_fit *f = NULL;
	struct irls s;
	enum ko_status st;

	memset(&s, 0, sizeof s);
	if ((st = validate(data, opt, err)) != KO_OK)
		return st;
	if ((st = irls_init(&s, data, err)) != KO_OK)
		return st;
	if (!(f = fit_new(data))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "poisson: out of memory (n = %zu, p = %zu)",
				data->n, data->p);
		goto out;
	}
	if ((st = iterate(&s, opt->max_iter, opt->epsilon, opt->alias_tol, err)) != KO_OK)
		goto out;
	fill_model(f, data, &s);
	if ((st = fill_vcov(f, data, opt, err)) != KO_OK)
		goto out;
	fill_inference(f, opt->level);
	*out = f;
	f = NULL;
out:
	irls_release(&s);
	ko_poisson_fit_free(f);
	return st;
}
