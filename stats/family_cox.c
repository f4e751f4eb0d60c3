/*
 * family_cox.c - the Cox proportional-hazards model (R's survival::coxph)
 * as a model family (family.h); the fitting is cox.c's.
 *
 * The data: time (exit), status (0/1), start (entry; NULL: right-censored
 * data), strata, x (no intercept: a constant column is aliased), weights,
 * offset; y is not read.  The options: opt->ties (Efron, coxph's default,
 * or Breslow) and opt->level; the iteration controls are coxph.control's
 * (iter.max 20, eps 1e-9), not the GLM's (logit.h's max_iter and epsilon
 * are not read).
 *
 * The covariances: MODEL is fit$var; ROBUST is coxph(robust = TRUE) and
 * CLUSTER coxph(cluster = ), the dfbeta sandwich without small-sample
 * factor: HC0 only (HC1 is refused, coxph has no such variance).  The
 * statistics are coxph's: the log partial likelihood at the estimates and
 * at 0 (null_loglik), AIC = -2 loglik + 2 rank and BIC = -2 loglik +
 * log(events) rank as R's AIC/BIC of a coxph fit, Harrell's concordance
 * (fit$concordance); a partial likelihood has no deviance (NaN).  The LR
 * test of a set of columns refits without them in the same strata, with
 * the same offset and weights (drop1(fit, test = "Chisq")); without any
 * column it is 2 (loglik - null_loglik), coxph's likelihood-ratio test.
 * No mean: a hazard ratio has no risk to standardise (margins refused).
 */
#include "family.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "cox.h"

/* The family's own fit: cox.c's plus the concordance. */
struct cox_impl {
	struct ko_cox_fit *cf;
	double concordance;
};

/* struct ko_family_data as cox.c's data (weights, offset, strata, names
 * passed through); checks what cox.c does not: that there is a time and a
 * status, and no outcome y. */
static enum ko_status cox_data(const struct ko_family_data *data,
			       struct ko_cox_data *cd, struct ko_err *err)
{
	if (!data || !data->time || !data->status)
		return ko_err_set(err, KO_ERR_USAGE,
				  "cox: the family needs follow-up times and an event status (Surv(time, event))");
	memset(cd, 0, sizeof(*cd));
	cd->n = data->n;
	cd->p = data->p;
	cd->start = data->start;
	cd->stop = data->time;
	cd->status = data->status;
	cd->x = data->x;
	cd->weights = data->weights;
	cd->offset = data->offset;
	cd->strata = data->strata;
	cd->names = data->names;
	return KO_OK;
}

static void cox_options(const struct ko_logit_options *opt,
			struct ko_cox_options *co)
{
	ko_cox_options_init(co);
	co->ties = opt && opt->ties == KO_FAMILY_TIES_BRESLOW ? KO_COX_BRESLOW
							       : KO_COX_EFRON;
	if (opt && opt->level > 0 && opt->level < 1)
		co->level = opt->level;
}

static enum ko_status fit_cox(const struct ko_family_data *data,
			      const struct ko_logit_options *opt,
			      struct ko_family_fit **out, struct ko_err *err)
{
	struct ko_cox_data cd;
	struct ko_cox_options co;
	struct cox_impl *im;
	struct ko_family_fit *f;
	enum ko_status st;

	*out = NULL;
	if ((st = cox_data(data, &cd, err)))
		return st;
	cox_options(opt, &co);
	f = calloc(1, sizeof(*f));
	im = calloc(1, sizeof(*im));
	if (!f || !im) {
		free(f);
		free(im);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	if ((st = ko_cox_fit(&cd, &co, &im->cf, err))) {
		free(f);
		free(im);
		return st;
	}
	im->concordance = NAN;
	if (im->cf->n_events > 0 &&
	    (st = ko_cox_concordance(&cd, im->cf, &im->concordance, err))) {
		ko_cox_fit_free(im->cf);
		free(f);
		free(im);
		return st;
	}
	KO_FAMILY_FIT_ADOPT(f, &ko_family_cox, im->cf, im);
	/* no separation check, Wald intervals, no mean (the linear
	 * predictors are in impl): separated, ci_profile, mu stay 0 */
	f->vcov_model = im->cf->vcov;
	*out = f;
	return KO_OK;
}

static enum ko_status vcov_cox(const struct ko_family_data *data,
			       const struct ko_family_fit *fit,
			       enum ko_family_se se, enum ko_logit_hc_type hc,
			       const long *cluster, gsl_matrix *out,
			       struct ko_err *err)
{
	const struct cox_impl *im = fit->impl;
	struct ko_cox_data cd;
	enum ko_status st;

	switch (se) {
	case KO_FAMILY_SE_MODEL:
		if (gsl_matrix_memcpy(out, im->cf->vcov))
			return ko_err_set(err, KO_ERR_NUMERIC,
					  "cox: model covariance copy failed");
		return KO_OK;
	case KO_FAMILY_SE_ROBUST:
	case KO_FAMILY_SE_CLUSTER:
		if (hc != KO_LOGIT_HC0)
			return ko_err_set(err, KO_ERR_USAGE,
					  "cox: robust and cluster SEs are coxph's (no small-sample factor): HC1 is not defined for the Cox model, use HC0");
		if (se == KO_FAMILY_SE_CLUSTER && !cluster)
			return ko_err_set(err, KO_ERR_USAGE,
					  "cox: cluster SEs need cluster ids");
		if ((st = cox_data(data, &cd, err)))
			return st;
		return ko_cox_vcov_robust(&cd, im->cf,
					  se == KO_FAMILY_SE_CLUSTER ? cluster : NULL,
					  out, NULL, err);
	}
	return ko_err_set(err, KO_ERR_USAGE, "cox: unknown SE type %d", (int)se);
}

static void statistics_cox(const struct ko_family_fit *fit,
			   struct ko_family_stats *out)
{
	const struct cox_impl *im = fit->impl;
	const struct ko_cox_fit *cf = im->cf;
	double k = (double)cf->rank;

	memset(out, 0, sizeof(*out));
	out->deviance = out->null_deviance = NAN;
	out->loglik = cf->loglik;
	out->null_loglik = cf->loglik0;
	out->aic = -2.0 * cf->loglik + 2.0 * k;
	/* R's BIC of a coxph fit: nobs() is the number of events */
	out->bic = cf->n_events > 0 ? -2.0 * cf->loglik +
		   log((double)cf->n_events) * k : NAN;
	out->df_residual = out->df_null = NAN;
	out->iterations = cf->iterations;
	out->converged = cf->converged;
	out->n_events = cf->n_events;
	out->concordance = im->concordance;
}

/* drop1(coxph, test = "Chisq"): the refit without cols (the other columns
 * copied), in the same strata with the same offset and weights; without
 * any column left, the null model's loglik0 (coxph's LR test). */
static enum ko_status lr_test_cox(const struct ko_family_data *data,
				  const struct ko_logit_options *opt,
				  const struct ko_family_fit *fit,
				  const size_t *cols, size_t k, double *chisq,
				  double *df, double *p_value, struct ko_err *err)
{
	const struct cox_impl *im = fit->impl;
	struct ko_cox_data cd;
	struct ko_cox_options co;
	struct ko_cox_fit *rf = NULL;
	unsigned char *drop = NULL;
	double *x = NULL;
	size_t i, j, q, m = 0, p = fit->p, left;
	enum ko_status st;

	*chisq = *df = *p_value = NAN;
	for (i = 0; i < k; i++)
		m += !fit->aliased[cols[i]];
	if (m == 0) {
		if (k > 0)
			*chisq = *df = 0;
		return KO_OK;
	}
	if ((st = cox_data(data, &cd, err)))
		return st;
	if (!(drop = calloc(p ? p : 1, 1)))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < k; i++)
		drop[cols[i]] = 1;
	for (j = 0, left = 0; j < p; j++)
		left += !drop[j];
	if (left == 0) {
		free(drop);
		*chisq = 2.0 * (im->cf->loglik - im->cf->loglik0);
		*df = (double)im->cf->rank;
		*p_value = gsl_cdf_chisq_Q(*chisq, *df);
		return KO_OK;
	}
	if (!(x = malloc(cd.n * left * sizeof(*x)))) {
		free(drop);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < cd.n; i++)
		for (j = 0, q = 0; j < p; j++)
			if (!drop[j])
				x[i * left + q++] = cd.x[i * p + j];
	cd.x = x;
	cd.p = left;
	cd.names = NULL;
	cox_options(opt, &co);
	if (!(st = ko_cox_fit(&cd, &co, &rf, err))) {
		*chisq = 2.0 * (im->cf->loglik - rf->loglik);
		*df = (double)im->cf->rank - (double)rf->rank;
		*p_value = *df > 0 ? gsl_cdf_chisq_Q(*chisq, *df) : NAN;
	}
	ko_cox_fit_free(rf);
	free(x);
	free(drop);
	return st;
}

static void warnings_cox(const struct ko_family_fit *fit,
			 const char *const *names, unsigned what,
			 void (*emit)(void *ctx, const char *msg), void *ctx)
{
	const struct ko_cox_fit *cf = ((const struct cox_impl *)fit->impl)->cf;
	char msg[1024];
	size_t j;

	if ((what & KO_WARN_CONVERGE) && !cf->converged) {
		snprintf(msg, sizeof(msg), "the fit did not converge in %d iterations",
			 cf->iterations);
		emit(ctx, msg);
	}
	for (j = 0; (what & KO_WARN_COEF) && j < cf->p; j++) {
		const char *nm = names && names[j] ? names[j] : "?";

		if (cf->aliased[j]) {
			snprintf(msg, sizeof(msg), "%s: aliased (linearly dependent "
				 "on other columns), not estimated", nm);
			emit(ctx, msg);
		} else if (cf->infinite[j]) {
			snprintf(msg, sizeof(msg), "%s: the log partial likelihood "
				 "converged before the coefficient; it may be "
				 "infinite (as coxph's warning)", nm);
			emit(ctx, msg);
		}
	}
}

static void free_cox(struct ko_family_fit *fit)
{
	struct cox_impl *im;

	if (!fit)
		return;
	if ((im = fit->impl)) {
		ko_cox_fit_free(im->cf);
		free(im);
	}
	free(fit);
}

const struct ko_family ko_family_cox = {
	.name = "cox",
	.effect_abbrev = "HR",
	.effect_name = "hazard ratio",
	.effect_column = "hazard_ratio",
	.method = "Cox proportional-hazards regression by maximum partial likelihood (as R's survival::coxph), hazard ratios",
	.penalized = 0,
	.outcome = KO_FAMILY_EVENT_TIME,
	.estimator = "cox",
	.glm_family = NULL, /* coxph */
	.wald_only = 1,
	.fit = fit_cox,
	.vcov = vcov_cox,
	.statistics = statistics_cox,
	.lr_test = lr_test_cox,
	.mean = NULL, /* a hazard ratio: no risk to standardise */
	.warnings = warnings_cox,
	.free = free_cox
};

enum ko_status ko_family_cox_zph(const struct ko_family_data *data,
				 const struct ko_family_fit *fit,
				 const size_t *term, size_t n_terms,
				 struct ko_cox_zph *out, struct ko_err *err)
{
	struct ko_cox_data cd;
	enum ko_status st;

	if (!fit || fit->family != &ko_family_cox || !fit->impl)
		return ko_err_set(err, KO_ERR_USAGE, "cox.zph: the fit is not a Cox model");
	if ((st = cox_data(data, &cd, err)))
		return st;
	return ko_cox_zph(&cd, ((const struct cox_impl *)fit->impl)->cf, term,
			  n_terms, out, err);
}
