/* family_poisson.c - modified Poisson regression (Zou 2004; R's
 * glm(family = poisson) on a 0/1 outcome) as a model family (family.h);
 * the fitting is poisson.c's.  The fit's own SEs are model-based here (as
 * for every family); the robust SEs Zou's method needs come from vcov()
 * with KO_FAMILY_SE_ROBUST or KO_FAMILY_SE_CLUSTER. */
#include "family.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "poisson.h"

/* poisson.c's options from the seam's: iterations, convergence, level and
 * aliasing rule as given, model-based SEs (vcov() gives the others). */
static void poisson_options(const struct ko_logit_options *opt,
			    struct ko_poisson_options *po)
{
	ko_poisson_options_init(po);
	po->max_iter = opt->max_iter;
	po->epsilon = opt->epsilon;
	po->level = opt->level;
	if (opt->alias_tol > 0) /* 0: logit.h's "R's rule", poisson.c's own */
		po->alias_tol = opt->alias_tol;
	po->se = KO_POISSON_SE_MODEL;
}

/* The columns whose Poisson MLE does not exist: a column >= 0 on every
 * used row (weight > 0), > 0 on some, with no events (y = 0) wherever it is
 * > 0 (a factor's level without events).  Its score sum x (y - mu) is then
 * < 0 at every coefficient, so the estimate runs off to -Inf however many
 * iterations glm takes (R converges with no warning, at a fitted risk that
 * may be above logit.h's 1e-8 threshold).  sep[j] = -1 there, else 0. */
static void no_event_columns(const struct ko_family_data *d, int *sep)
{
	size_t i, j;

	for (j = 0; j < d->p; j++) {
		int pos = 0, ok = 1;

		for (i = 0; i < d->n && ok; i++) {
			double x = d->x[i * d->p + j];

			if (d->weights && !(d->weights[i] > 0.0))
				continue;
			if (x < 0.0)
				ok = 0;
			else if (x > 0.0) {
				pos = 1;
				ok = d->y[i] == 0.0;
			}
		}
		sep[j] = ok && pos ? -1 : 0;
	}
}

static enum ko_status fit_poisson(const struct ko_family_data *data,
				  const struct ko_logit_options *opt,
				  struct ko_family_fit **out, struct ko_err *err)
{
	struct ko_logit_data g = ko_family_glm_data(data);
	struct ko_poisson_options po;
	struct ko_poisson_fit *pf = NULL;
	struct ko_family_fit *f;
	int *sep;
	size_t j;
	enum ko_status st;

	*out = NULL;
	if (!data->y)
		return ko_err_set(err, KO_ERR_USAGE, "poisson: the family needs an "
				  "outcome (y)");
	poisson_options(opt, &po);
	if ((st = ko_poisson_fit(&g, &po, &pf, err)))
		return st;
	if (!(f = calloc(1, sizeof(*f))) ||
	    !(sep = calloc(pf->p ? pf->p : 1, sizeof(*sep)))) {
		free(f);
		ko_poisson_fit_free(pf);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	no_event_columns(data, sep);
	for (j = 0; j < pf->p; j++)
		if (pf->aliased[j])
			sep[j] = 0;
	KO_FAMILY_FIT_ADOPT(f, &ko_family_poisson, pf, pf);
	f->separated = sep;
	f->vcov_model = pf->vcov_model; /* Wald intervals (ci_profile 0) */
	f->mu = pf->mu;
	*out = f;
	return KO_OK;
}

/* logit.h's sandwich on a view of the Poisson fit (ko_poisson_logit_view),
 * as poisson.c does. */
static enum ko_status vcov_poisson(const struct ko_family_data *data,
				   const struct ko_family_fit *fit,
				   enum ko_family_se se, enum ko_logit_hc_type hc,
				   const long *cluster, gsl_matrix *out,
				   struct ko_err *err)
{
	const struct ko_poisson_fit *pf = fit->impl;
	struct ko_logit_fit view;

	ko_poisson_logit_view(pf, &view);
	return ko_family_glm_vcov(data, &view, se, hc, cluster, out, err);
}

/* R's AIC, logLik and BIC of glm(family = poisson): the Poisson
 * likelihood, a working likelihood for a 0/1 outcome (docs/statistics.md).
 * logLik.glm is rank - AIC / 2; its nobs, which BIC takes, counts every row
 * given (non-NA residuals, zero weights included), as the logistic fit's. */
static void statistics_poisson(const struct ko_family_fit *fit,
			       struct ko_family_stats *out)
{
	const struct ko_poisson_fit *pf = fit->impl;
	double k = (double)pf->rank;

	out->deviance = pf->deviance;
	out->null_deviance = pf->null_deviance;
	out->loglik = k - pf->aic / 2.0;
	out->null_loglik = NAN;
	out->aic = pf->aic;
	out->bic = -2.0 * out->loglik + log((double)pf->n) * k;
	out->df_residual = pf->df_residual;
	out->df_null = pf->df_null;
	out->iterations = pf->iterations;
	out->converged = pf->converged;
	out->separation = 0;
	out->fitted_boundary = pf->fitted_0;
	out->fitted_above_1 = pf->mu_above_1;
	out->n_events = 0;
	out->concordance = NAN;
}

/* drop1(glm(poisson), test = "LRT"): the refit of the design without
 * cols (a copy of the other columns), deviance against the fit's; the
 * empty model of a design without intercept is glm's null model. */
static enum ko_status lr_test_poisson(const struct ko_family_data *data,
				      const struct ko_logit_options *opt,
				      const struct ko_family_fit *fit,
				      const size_t *cols, size_t k,
				      double *chisq, double *df,
				      double *p_value, struct ko_err *err)
{
	const struct ko_poisson_fit *pf = fit->impl;
	struct ko_logit_data g = ko_family_glm_data(data);
	struct ko_poisson_options po;
	struct ko_poisson_fit *rf = NULL;
	unsigned char *drop = NULL;
	double *x = NULL;
	size_t i, j, q;
	enum ko_status st;

	if (ko_family_lr_no_refit(fit, cols, k, pf->null_deviance, pf->deviance,
				  chisq, df, p_value))
		return KO_OK;
	if (!(drop = calloc(g.p, 1)) || !(x = malloc(g.n * (g.p - k) * sizeof(*x)))) {
		free(drop);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < k; i++)
		drop[cols[i]] = 1;
	for (i = 0; i < g.n; i++)
		for (j = 0, q = 0; j < g.p; j++)
			if (!drop[j])
				x[i * (g.p - k) + q++] = g.x[i * g.p + j];
	g.x = x;
	g.p -= k;
	g.names = NULL;
	poisson_options(opt, &po);
	if (!(st = ko_poisson_fit(&g, &po, &rf, err))) {
		*chisq = rf->deviance - pf->deviance;
		*df = (double)pf->rank - (double)rf->rank;
		*p_value = *df > 0 ? gsl_cdf_chisq_Q(*chisq, *df) : NAN;
	}
	ko_poisson_fit_free(rf);
	free(x);
	free(drop);
	return st;
}

static void mean_poisson(double eta, double *mu, double *dmu)
{
	*mu = *dmu = exp(eta);
}

static void warnings_poisson(const struct ko_family_fit *fit,
			     const char *const *names, unsigned what,
			     void (*emit)(void *ctx, const char *msg), void *ctx)
{
	const struct ko_poisson_fit *pf = fit->impl;
	char msg[1024];
	size_t j;

	if ((what & KO_WARN_CONVERGE) && !pf->converged) {
		snprintf(msg, sizeof(msg), "the fit did not converge in %d iterations",
			 pf->iterations);
		emit(ctx, msg);
	}
	if ((what & KO_WARN_FITTED) && pf->fitted_0) {
		snprintf(msg, sizeof(msg), "fitted risks below 1e-8 in %zu rows: a "
			 "coefficient may tend to -Inf (a covariate pattern "
			 "without events)", pf->fitted_0);
		emit(ctx, msg);
	}
	if ((what & KO_WARN_FITTED) && pf->mu_above_1) {
		snprintf(msg, sizeof(msg), "fitted risks above 1 in %zu rows",
			 pf->mu_above_1);
		emit(ctx, msg);
	}
	for (j = 0; (what & KO_WARN_COEF) && j < pf->p; j++) {
		if (pf->aliased[j]) {
			snprintf(msg, sizeof(msg), "%s: aliased (linearly dependent "
				 "on other columns), not estimated", names[j]);
			emit(ctx, msg);
		}
		if (fit->separated && fit->separated[j]) {
			snprintf(msg, sizeof(msg), "%s: no events where it is not 0, "
				 "the estimate tends to -Inf (its %s is not an "
				 "estimate)", names[j], fit->family->effect_name);
			emit(ctx, msg);
		}
	}
}

static void free_poisson(struct ko_family_fit *fit)
{
	if (!fit)
		return;
	ko_poisson_fit_free(fit->impl);
	free((void *)fit->separated);
	free(fit);
}

const struct ko_family ko_family_poisson = {
	.name = "poisson",
	.effect_abbrev = "RR",
	.effect_name = "risk ratio",
	.effect_column = "risk_ratio",
	.method = "modified Poisson regression by maximum likelihood (log link, as R's glm(family = poisson)), risk ratios",
	.penalized = 0,
	.outcome = KO_FAMILY_BINARY,
	.estimator = "poisson",
	.glm_family = "poisson",
	.robust_default = 1,
	.wald_only = 1,
	.rr_refit = 0, /* its own effect is the risk ratio */
	.fit = fit_poisson,
	.vcov = vcov_poisson,
	.statistics = statistics_poisson,
	.lr_test = lr_test_poisson,
	.mean = mean_poisson,
	.warnings = warnings_poisson,
	.free = free_poisson
};
