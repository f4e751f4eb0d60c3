/*
 * family_poisson_rate.c - Poisson rate regression as a model family
 * (family.h): R's glm(events ~ ..., family = poisson, offset =
 * log(pyears)), whose exp(coefficient) is an incidence rate ratio.
 *
 * A thin adapter on today's seam (struct ko_family_data): outcome = the
 * event counts, offset = log person-years.  The fit, the covariances
 * (model, vcovHC, vcovCL through the GLM sandwich) and the release are
 * the Poisson family's (family_poisson.c, numerics in poisson.c); this
 * file adds what is the rate model's own: the checks that the data are
 * counts with an offset.  The likelihood statistics (AIC, logLik, BIC as
 * R's) are the Poisson family's too.
 */
#include "family.h"

#include <math.h>
#include <stdio.h>

#include "poisson.h"

/* Counts (whole numbers >= 0) and a finite offset on every row. */
static enum ko_status check_rate_data(const struct ko_family_data *data,
				      struct ko_err *err)
{
	size_t i;

	if (!data || !data->y)
		return ko_err_set(err, KO_ERR_USAGE, "poisson_rate: no outcome (the event counts)");
	if (!data->offset)
		return ko_err_set(err, KO_ERR_USAGE,
				  "poisson_rate: the offset log(person-years) is required");
	for (i = 0; i < data->n; i++) {
		double y = data->y[i];

		if (!isfinite(y) || y < 0.0 || y != floor(y))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "events",
					 "poisson_rate: event count %g is not a whole number >= 0", y);
		if (!isfinite(data->offset[i]))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "offset",
					 "poisson_rate: offset %g is not finite (person-years must be > 0)",
					 data->offset[i]);
	}
	return KO_OK;
}

static enum ko_status fit_rate(const struct ko_family_data *data,
			       const struct ko_logit_options *opt,
			       struct ko_family_fit **out, struct ko_err *err)
{
	enum ko_status st;

	*out = NULL;
	if ((st = check_rate_data(data, err)))
		return st;
	if ((st = ko_family_poisson.fit(data, opt, out, err)))
		return st;
	(*out)->family = &ko_family_poisson_rate;
	return KO_OK;
}

/* The Poisson family's statistics: R's AIC, logLik and BIC of the glm. */
static void statistics_rate(const struct ko_family_fit *fit,
			    struct ko_family_stats *out)
{
	ko_family_poisson.statistics(fit, out);
}

/* The GLM sandwich on the Poisson fit, as the Poisson family's. */
static enum ko_status vcov_rate(const struct ko_family_data *data,
				const struct ko_family_fit *fit,
				enum ko_family_se se, enum ko_logit_hc_type hc,
				const long *cluster, gsl_matrix *out,
				struct ko_err *err)
{
	return ko_family_poisson.vcov(data, fit, se, hc, cluster, out, err);
}

/* The Poisson family's drop1 refit on the checked data. */
static enum ko_status lr_test_rate(const struct ko_family_data *data,
				   const struct ko_logit_options *opt,
				   const struct ko_family_fit *fit,
				   const size_t *cols, size_t k, double *chisq,
				   double *df, double *p_value, struct ko_err *err)
{
	enum ko_status st;

	if ((st = check_rate_data(data, err)))
		return st;
	return ko_family_poisson.lr_test(data, opt, fit, cols, k, chisq, df,
					 p_value, err);
}

/* The Poisson family's warnings, but the fitted means are expected
 * event counts, not risks: one above 1 is no warning (a row of long
 * follow-up), one numerically 0 is worded as a count. */
static void warnings_rate(const struct ko_family_fit *fit,
			  const char *const *names, unsigned what,
			  void (*emit)(void *ctx, const char *msg), void *ctx)
{
	const struct ko_poisson_fit *pf = fit->impl;
	char msg[256];

	ko_family_poisson.warnings(fit, names, what & KO_WARN_CONVERGE, emit, ctx);
	if ((what & KO_WARN_FITTED) && pf->fitted_0) {
		snprintf(msg, sizeof(msg), "fitted event counts below 1e-8 in %zu "
			 "rows: a coefficient may tend to -Inf (a covariate "
			 "pattern without events)", pf->fitted_0);
		emit(ctx, msg);
	}
	ko_family_poisson.warnings(fit, names, what & KO_WARN_COEF, emit, ctx);
}

static void free_rate(struct ko_family_fit *fit)
{
	ko_family_poisson.free(fit);
}

const struct ko_family ko_family_poisson_rate = {
	.name = "poisson_rate",
	.effect_abbrev = "IRR",
	.effect_name = "incidence rate ratio",
	.effect_column = "rate_ratio",
	.method = "Poisson regression of event counts with log person-years as offset (as R's glm(family = poisson, offset = log(pyears))), incidence rate ratios",
	.penalized = 0,
	.outcome = KO_FAMILY_RATE,
	.estimator = "poisson_rate",
	.glm_family = "poisson",
	.wald_only = 1,
	.fit = fit_rate,
	.vcov = vcov_rate,
	.statistics = statistics_rate,
	.lr_test = lr_test_rate,
	.mean = NULL, /* a rate, not a risk: no marginal standardisation */
	.warnings = warnings_rate,
	.free = free_rate
};
