/*
 * margins.c - standardised risks, risk ratios and differences, and the
 * population attributable fraction from a logistic fit, with the delta
 * method.  For level k, r_k = sum_i w_i p_ik / sum_i w_i with p_ik =
 * plogis(x_ik' b) and x_ik row i with the exposure columns set to level k;
 * its gradient is g_k = sum_i w_i p_ik (1 - p_ik) x_ik / sum_i w_i.  Each
 * contrast is a smooth function of the r's, and its variance is a' V a for
 * its gradient a.  One pass over the rows per level, no copy of the design.
 * The family's mean gives plogis and p (1 - p) (the logistic families'
 * ko_family_logit_mean) or another inverse link and its derivative: the
 * modified Poisson's exp(eta), twice.
 */
#include "margins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ci.h"
#include "family.h"

/* The mean and d mu / d eta at eta (family.h's mean). */
typedef void (*mean_fn)(double eta, double *mu, double *dmu);

/* The result and its columns are one block (margins_new). */
void ko_margins_free(struct ko_margins *m)
{
	free(m);
}

/* The result for k levels: the struct, then its 15 columns of k doubles
 * (struct ko_margins, n .. rd_high), zeroed. */
static struct ko_margins *margins_new(size_t k)
{
	struct ko_margins *m = calloc(1, sizeof *m + 15 * k * sizeof(double));

	if (!m)
		return NULL;
	m->n_levels = k;
	m->n = (double *)(m + 1);
	m->events = m->n + k;
	m->crude_risk = m->events + k;
	m->risk = m->crude_risk + k;
	m->risk_se = m->risk + k;
	m->risk_low = m->risk_se + k;
	m->risk_high = m->risk_low + k;
	m->rr = m->risk_high + k;
	m->log_rr_se = m->rr + k;
	m->rr_low = m->log_rr_se + k;
	m->rr_high = m->rr_low + k;
	m->rd = m->rr_high + k;
	m->rd_se = m->rd + k;
	m->rd_low = m->rd_se + k;
	m->rd_high = m->rd_low + k;
	return m;
}

static double weight_of(const struct ko_logit_data *d, size_t i)
{
	return d->weights ? d->weights[i] : 1.0;
}

long ko_margins_row_level(const struct ko_logit_data *data,
			  const struct ko_margins_exposure *ex, size_t i)
{
	const double *xi = data->x + i * data->p + ex->first;
	size_t k, c;

	for (k = 0; k < ex->n_levels; k++) {
		const double *v = ex->values + k * ex->ncols;

		for (c = 0; c < ex->ncols && xi[c] == v[c]; c++)
			;
		if (c == ex->ncols)
			return (long)k;
	}
	return -1;
}

/* Mean predicted risk and its gradient (p) with the exposure columns set
 * to vals (NULL: the rows as they are).  beta: coefficients, aliased 0.
 * row is p scratch. */
static double average_risk(const struct ko_logit_data *d, const double *beta,
			   mean_fn mean, const struct ko_margins_exposure *ex,
			   const double *vals, double *grad, double *row)
{
	size_t p = d->p, i, j;
	double sw = 0.0, sr = 0.0;

	memset(grad, 0, p * sizeof *grad);
	for (i = 0; i < d->n; i++) {
		double w = weight_of(d, i), eta = d->offset ? d->offset[i] : 0.0, pr, dw;

		if (!(w > 0.0))
			continue;
		memcpy(row, d->x + i * p, p * sizeof *row);
		if (vals)
			memcpy(row + ex->first, vals, ex->ncols * sizeof *row);
		for (j = 0; j < p; j++)
			eta += row[j] * beta[j];
		mean(eta, &pr, &dw);
		dw *= w;
		for (j = 0; j < p; j++)
			grad[j] += dw * row[j];
		sw += w;
		sr += w * pr;
	}
	for (j = 0; j < p; j++)
		grad[j] /= sw;
	return sr / sw;
}

/* sqrt(a' V a) over the non-aliased columns. */
static double delta_se(const gsl_matrix *v, const int *aliased,
		       const double *a, size_t p)
{
	size_t i, j;
	double s = 0.0;

	for (i = 0; i < p; i++) {
		if (aliased[i])
			continue;
		for (j = 0; j < p; j++)
			if (!aliased[j])
				s += a[i] * gsl_matrix_get(v, i, j) * a[j];
	}
	return s > 0.0 ? sqrt(s) : 0.0;
}

static enum ko_status check_exposure(const struct ko_logit_data *d,
				     size_t fit_n, size_t fit_p,
				     const gsl_matrix *vcov,
				     const struct ko_margins_exposure *ex,
				     double level, struct ko_err *err)
{
	if (!d || !vcov || !ex || !ex->values)
		return ko_err_set(err, KO_ERR_USAGE, "margins: missing argument");
	if (d->n != fit_n || d->p != fit_p || vcov->size1 != d->p || vcov->size2 != d->p)
		return ko_err_set(err, KO_ERR_USAGE, "margins: data, fit and vcov sizes differ");
	if (ex->n_levels < 2 || ex->ncols == 0 || ex->first + ex->ncols > d->p)
		return ko_err_set(err, KO_ERR_USAGE,
				  "margins: bad exposure (columns %zu..%zu of %zu, %zu levels)",
				  ex->first + 1, ex->first + ex->ncols, d->p, ex->n_levels);
	if (!(level > 0.0 && level < 1.0))
		return ko_err_set(err, KO_ERR_USAGE, "margins: level %g is not in (0, 1)", level);
	return KO_OK;
}

/* Crude n and events per level; every used row must be at some level. */
static enum ko_status crude(const struct ko_logit_data *d,
			    const struct ko_margins_exposure *ex,
			    struct ko_margins *m, struct ko_err *err)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		double w = weight_of(d, i);
		long lv;

		if (!(w > 0.0))
			continue;
		if ((lv = ko_margins_row_level(d, ex, i)) < 0)
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, NULL,
					 "margins: the exposure's value is none of its levels");
		m->n[lv] += w;
		m->events[lv] += w * d->y[i];
		m->events_total += w * d->y[i];
	}
	for (k = 0; k < ex->n_levels; k++) {
		if (!(m->n[k] > 0.0))
			return ko_err_set(err, KO_ERR_DATA, "margins: exposure level %zu has no rows", k);
		m->crude_risk[k] = m->events[k] / m->n[k];
	}
	return KO_OK;
}

/* The contrasts of level k against level 0 (g: K x p gradients). */
static void contrasts(struct ko_margins *m, const gsl_matrix *v,
		      const int *aliased, const double *g, size_t p, size_t k,
		      double zq, double *a)
{
	const double *g0 = g, *gk = g + k * p;
	double r0 = m->risk[0], rk = m->risk[k];
	size_t j;

	m->risk_se[k] = delta_se(v, aliased, gk, p);
	m->risk_low[k] = rk - zq * m->risk_se[k];
	m->risk_high[k] = rk + zq * m->risk_se[k];
	if (k == 0) {
		m->rr[0] = 1.0;
		m->rd[0] = 0.0;
		m->log_rr_se[0] = m->rr_low[0] = m->rr_high[0] = NAN;
		m->rd_se[0] = m->rd_low[0] = m->rd_high[0] = NAN;
		return;
	}
	for (j = 0; j < p; j++)
		a[j] = gk[j] / rk - g0[j] / r0;
	m->rr[k] = rk / r0;
	m->log_rr_se[k] = delta_se(v, aliased, a, p);
	m->rr_low[k] = exp(log(m->rr[k]) - zq * m->log_rr_se[k]);
	m->rr_high[k] = exp(log(m->rr[k]) + zq * m->log_rr_se[k]);
	for (j = 0; j < p; j++)
		a[j] = gk[j] - g0[j];
	m->rd[k] = rk - r0;
	m->rd_se[k] = delta_se(v, aliased, a, p);
	m->rd_low[k] = m->rd[k] - zq * m->rd_se[k];
	m->rd_high[k] = m->rd[k] + zq * m->rd_se[k];
}

/* PAF = 1 - r_0 / r_obs, Wald on log(1 - PAF). */
static void attributable(struct ko_margins *m, const gsl_matrix *v,
			 const int *aliased, const double *g0,
			 const double *gobs, size_t p, double zq, double *a)
{
	double r0 = m->risk[0], ro = m->observed_risk, lg = log(r0) - log(ro);
	size_t j;

	for (j = 0; j < p; j++)
		a[j] = g0[j] / r0 - gobs[j] / ro;
	m->paf = 1.0 - r0 / ro;
	m->paf_log_se = delta_se(v, aliased, a, p);
	m->paf_low = 1.0 - exp(lg + zq * m->paf_log_se);
	m->paf_high = 1.0 - exp(lg - zq * m->paf_log_se);
	m->attributable = m->paf * m->events_total;
	m->attributable_low = m->paf_low * m->events_total;
	m->attributable_high = m->paf_high * m->events_total;
}

/* The computation for fit (its coefficients and its family's mean) on
 * data, its GLM part. */
static enum ko_status margins_run(const struct ko_logit_data *data,
				  const struct ko_family_fit *fit,
				  const gsl_matrix *vcov,
				  const struct ko_margins_exposure *ex,
				  double level, struct ko_margins **out,
				  struct ko_err *err)
{
	const int *aliased = fit->aliased;
	mean_fn mean = fit->family->mean;
	struct ko_margins *m = NULL;
	size_t p, k, j, nl;
	double *beta, *g, *gobs, *row, *a, *scratch = NULL;
	double zq = ko_ci_z(level);
	enum ko_status st;

	if ((st = check_exposure(data, fit->n, fit->p, vcov, ex, level, err)) != KO_OK)
		return st;
	p = data->p;
	nl = ex->n_levels;
	m = margins_new(nl);
	/* beta, gobs, row, a (p each) and g (nl x p) */
	scratch = malloc((4 + nl) * p * sizeof *scratch);
	if (!m || !scratch) {
		st = ko_err_set(err, KO_ERR_NOMEM, "margins: out of memory");
		goto out;
	}
	beta = scratch;
	gobs = beta + p;
	row = gobs + p;
	a = row + p;
	g = a + p;
	m->level = level;
	if ((st = crude(data, ex, m, err)) != KO_OK)
		goto out;
	for (j = 0; j < p; j++)
		beta[j] = aliased[j] ? 0.0 : fit->coef[j];
	for (k = 0; k < nl; k++)
		m->risk[k] = average_risk(data, beta, mean, ex,
					  ex->values + k * ex->ncols, g + k * p, row);
	m->observed_risk = average_risk(data, beta, mean, ex, NULL, gobs, row);
	for (k = 0; k < nl; k++)
		contrasts(m, vcov, aliased, g, p, k, zq, a);
	attributable(m, vcov, aliased, g, gobs, p, zq, a);
	*out = m;
	m = NULL;
out:
	ko_margins_free(m);
	free(scratch);
	return st;
}

enum ko_status ko_margins_family(const struct ko_family_data *data,
				 const struct ko_family_fit *fit,
				 const gsl_matrix *vcov,
				 const struct ko_margins_exposure *ex,
				 double level, struct ko_margins **out,
				 struct ko_err *err)
{
	struct ko_logit_data g;

	if (!data || !fit)
		return ko_err_set(err, KO_ERR_USAGE, "margins: missing argument");
	if (!fit->family->mean)
		return ko_err_set(err, KO_ERR_USAGE, "margins: the %s family has "
				  "no mean to standardise", fit->family->name);
	g = ko_family_glm_data(data);
	return margins_run(&g, fit, vcov ? vcov : fit->vcov_model, ex, level,
			   out, err);
}
