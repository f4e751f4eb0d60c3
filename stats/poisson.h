/*
 * poisson.h - modified Poisson regression (Zou 2004): a Poisson GLM with
 * log link fitted to a 0/1 outcome exactly as R's glm(family = poisson)
 * iterates it, with robust (sandwich) or cluster-robust standard errors, so
 * that exp(coefficient) is an adjusted risk ratio.
 *
 *     struct ko_poisson_options opt;
 *     ko_poisson_options_init(&opt);        robust HC0 SEs by default
 *     if (ko_poisson_fit(&data, &opt, &fit, err)) goto out;
 *     ... fit->rr[j], fit->rr_low[j], fit->rr_high[j] ...
 *     ko_poisson_fit_free(fit);
 *
 * The data are a struct ko_logit_data (logit.h): the same design, 0/1 (or
 * any non-negative) outcome, prior weights and offset.  The sandwich is
 * logit.h's ko_logit_vcov_robust / ko_logit_vcov_cluster, which need only
 * the GLM's working weights and residuals: one implementation of vcovHC
 * and vcovCL serves both families.
 *
 * Ownership: data and options are borrowed; the fit and every array in it
 * belong to the caller, released with ko_poisson_fit_free (NULL is fine).
 * Aliased coefficients are NaN, as in logit.h.
 */
#ifndef KO_POISSON_H
#define KO_POISSON_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "base/error.h"
#include "logit.h"

#define KO_POISSON_FITTED_0 1e-8

enum ko_poisson_se {
	KO_POISSON_SE_ROBUST = 0, /* sandwich::vcovHC(fit, type) (default) */
	KO_POISSON_SE_CLUSTER,    /* sandwich::vcovCL(fit, cluster, type) */
	KO_POISSON_SE_MODEL       /* vcov(fit): wrong for a 0/1 outcome, for
				     comparison only */
};

struct ko_poisson_options {
	int max_iter;            /* 25, glm.control(maxit) */
	double epsilon;          /* 1e-8, glm.control(epsilon) */
	double level;            /* 0.95 */
	double alias_tol;        /* as ko_logit_options.alias_tol */
	enum ko_poisson_se se;   /* ROBUST */
	enum ko_logit_hc_type hc; /* HC0: vcovHC(type = "HC0"); vcovCL's
				     default on a glm */
	const long *cluster;     /* n cluster ids for SE_CLUSTER (borrowed) */
};

void ko_poisson_options_init(struct ko_poisson_options *opt);

struct ko_poisson_fit {
	size_t n, p, n_used, rank;
	char **names;            /* p copies of data names, or NULL */

	/* per coefficient (log scale); NaN when aliased */
	double *coef;
	double *se;              /* from vcov (the chosen type) */
	double *z, *p_value;     /* Wald */
	double *conf_low, *conf_high; /* Wald, log scale */
	double *rr, *rr_low, *rr_high; /* exp() of the three above */
	int *aliased;
	double level;
	enum ko_poisson_se se_type;

	gsl_matrix *vcov;        /* the covariance behind se (p x p) */
	gsl_matrix *vcov_model;  /* R's vcov(glm): (X'WX)^-1 of the last
				    IRLS step, dispersion 1 */

	/* per row */
	double *eta, *mu;
	double *working_weights, *working_residuals;

	double deviance, null_deviance, aic;
	double df_residual, df_null;
	int has_intercept;
	int iterations;
	int converged;           /* R's rule was met within max_iter */
	int step_halved;         /* R's "step size truncated" happened */
	size_t mu_above_1;       /* used rows with fitted risk > 1 */
	size_t fitted_0;         /* used rows with fitted risk below
				    KO_POISSON_FITTED_0: a sign that some
				    coefficient tends to -Inf (a covariate
				    pattern without events), which R's glm
				    reports as converged without a warning */
};

/* Fit.  Non-convergence is reported in the fit (converged = 0), never an
 * error; errors are bad input (negative or non-finite y, NaN covariates,
 * negative weights), no usable rows, no valid coefficients (R's "no valid
 * set of coefficients has been found"), too few clusters, no memory. */
enum ko_status ko_poisson_fit(const struct ko_logit_data *data,
			      const struct ko_poisson_options *opt,
			      struct ko_poisson_fit **out, struct ko_err *err);

void ko_poisson_fit_free(struct ko_poisson_fit *fit);

/* f as a logistic fit, for logit.h's sandwich (ko_logit_vcov_robust,
 * ko_logit_vcov_cluster; family.h's ko_family_glm_vcov): view gets n, p,
 * n_used, rank, aliased, the model-based vcov and the last IRLS step's
 * working weights and residuals, every other member zeroed; it points
 * into f and owns nothing. */
void ko_poisson_logit_view(const struct ko_poisson_fit *f,
			   struct ko_logit_fit *view);

#endif
