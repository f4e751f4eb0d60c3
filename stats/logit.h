/*
 * logit.h - logistic regression (binomial GLM, logit link): maximum
 * likelihood as R's glm(family = binomial) computes it, Firth's penalized
 * likelihood as R's logistf computes it, and the inference around them
 * (model-based, robust and cluster-robust covariance, profile-likelihood
 * confidence intervals, likelihood-ratio tests).
 *
 * Pure statistics: arrays in, results out; no file I/O, no printing.
 *
 * Ownership: struct ko_logit_data and struct ko_logit_options live in the
 * caller's memory and are only borrowed.  ko_logit_fit() allocates a
 * struct ko_logit_fit that the caller owns and releases with
 * ko_logit_fit_free() (NULL is fine).  Every array in the fit is owned by
 * the fit.  Functions that write into a caller's gsl_matrix expect it to be
 * p x p already.
 *
 * Aliased coefficients (rank deficiency) are reported like R's NA: their
 * coef/se/z/p/CI are NaN, their vcov rows and columns are NaN, and
 * aliased[j] = 1.
 */
#ifndef KO_LOGIT_H
#define KO_LOGIT_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "base/error.h"

/* The model's data.  x is the row-major n x p design matrix, intercept
 * column included by the caller (a column of all 1.0 is recognised as the
 * intercept, which is how the null deviance is computed, as R does).
 * y is 0/1, or a proportion in [0, 1] when weights are binomial totals
 * (R's weights = for grouped data).  weights are R's prior weights (>= 0,
 * NULL = all 1); rows with weight 0 do not count, as in R.  offset is an
 * optional linear-predictor offset (NULL = none).  names (p strings, may be
 * NULL) are not used for computing; they are only copied for messages. */
struct ko_logit_data {
	size_t n, p;
	const double *x;
	const double *y;
	const double *weights;
	const double *offset;
	const char *const *names;
};

/* When to run the separation linear program (see ko_logit_fit). */
enum ko_logit_separation_check {
	KO_LOGIT_SEP_AUTO = 0, /* when the fit shows signs of it (default) */
	KO_LOGIT_SEP_ALWAYS,
	KO_LOGIT_SEP_NEVER
};

struct ko_logit_options {
	int max_iter;       /* 25, as glm.control(maxit); for Firth, the
			       Newton iterations of each (re)fit */
	double epsilon;     /* 1e-8, as glm.control(epsilon); ML only (Firth
			       runs to full convergence, see docs) */
	int firth;          /* 0: ML (glm); 1: Firth penalized ML (logistf) */
	double level;       /* 0.95: level of the CIs in the fit */
	int profile;        /* 1: conf_low/high by profile likelihood (ML:
			       as MASS confint, by exact root finding; Firth:
			       profile penalized likelihood as logistf);
			       0: Wald; -1 (the default): 0 for ML, 1 for
			       Firth, as glm/logistf print them. */
	int lr_tests;       /* 1: fill lr_chisq/lr_p_value (one refit per
			       coefficient); 0: not; -1 (the default): 0 for
			       ML, 1 for Firth (logistf's PLR p-values). */
	enum ko_logit_separation_check separation;
	int lr_warm_start;  /* ML likelihood-ratio refits (ko_logit_lr_test):
			       1: start from the full fit with the tested
			       columns at 0 (fewer passes; kohort fit);
			       0 (the default): from mustart, as R's drop1
			       (the model stage's bytes). The same deviance
			       by the same convergence criterion either way */
	double alias_tol;   /* ML: a column is aliased when its norm after
			       projection on the earlier columns is below
			       alias_tol times its norm, R's dqrdc2 rule;
			       0 (the default): glm.fit's min(1e-7,
			       epsilon / 1000), 1e-11 at the default epsilon.
			       See docs/statistics.md. */
	int ties;           /* the Cox family (family_cox.c): tied event
			       times by KO_FAMILY_TIES_EFRON (0, the
			       default, coxph's) or KO_FAMILY_TIES_BRESLOW;
			       the GLM families do not read it */
};

/* The values of ko_logit_options.ties. */
enum {
	KO_FAMILY_TIES_EFRON = 0,
	KO_FAMILY_TIES_BRESLOW = 1
};

/* Fill opt with the defaults above (ML). */
void ko_logit_options_init(struct ko_logit_options *opt);

/* Separation status of one coefficient or of the model. */
enum ko_logit_separation {
	KO_LOGIT_SEP_NONE = 0,     /* no separation (or not checked) */
	KO_LOGIT_SEP_TO_PLUS_INF,  /* the MLE is +infinity */
	KO_LOGIT_SEP_TO_MINUS_INF  /* the MLE is -infinity */
};

enum ko_logit_hc_type {
	KO_LOGIT_HC0 = 0, /* sandwich without small-sample factor */
	KO_LOGIT_HC1      /* times (n - 1) / (n - rank) in vcovCL, n / (n - rank) in vcovHC */
};

struct ko_logit_fit {
	size_t n, p;        /* rows given, columns */
	size_t n_used;      /* rows with weight > 0 (R's n.ok, nobs()) */
	size_t rank;        /* number of non-aliased columns */
	int firth;          /* 1 when fitted by penalized likelihood */
	char **names;       /* p copies of data names, or NULL */

	/* per coefficient, length p; NaN when aliased */
	double *coef;
	double *se;         /* model-based: R's vcov(glm); Firth: logistf
			       1.26's vcov, (X' diag(w (1 + h)) X)^-1 at the
			       estimate (brglm2 reports (X'WX)^-1 instead) */
	double *z;          /* Wald z = coef / se */
	double *p_value;    /* Wald two-sided; for Firth with lr_tests, the PLR
			       p-value as logistf reports (then z stays Wald) */
	double *conf_low, *conf_high; /* at level, log-odds scale */
	int ci_profile;     /* 1: conf_* are profile-likelihood; 0: Wald */
	double level;
	double *lr_chisq;   /* single-coefficient LR (Firth: penalized LR)
			       statistic; NaN unless lr_tests */
	double *lr_p_value;
	int *aliased;       /* 1 when aliased (R's NA) */
	enum ko_logit_separation *separated; /* per coefficient */

	gsl_matrix *vcov;   /* p x p model-based covariance; aliased rows and
			       columns NaN */

	/* per row, length n */
	double *eta;        /* linear predictor (with offset) */
	double *mu;         /* fitted probabilities */
	double *working_weights;   /* R's fit$weights: IRLS weights of the
				      last iteration (prior weights included) */
	double *working_residuals; /* R's residuals(fit, "working") */

	/* model */
	double deviance, null_deviance;
	double loglik;      /* ML: logLik(glm); Firth: penalized log-lik */
	double null_loglik; /* Firth: penalized log-lik of the intercept-only
			       model (logistf's loglik["null"]); ML: NaN */
	double aic, bic;    /* as R's AIC()/BIC() on the glm (ML only; NaN
			       for Firth) */
	double df_residual, df_null;
	int has_intercept;
	int iterations;
	int converged;      /* R's convergence rule was met */
	size_t fitted_0_or_1;  /* rows (zero weights included, as R checks
				  them) with mu < 10 eps or > 1 - 10 eps:
				  R's "fitted probabilities numerically 0
				  or 1" */
	int separation_checked; /* 1 when the linear program ran; 0 when not
				   asked (auto mode without signs of
				   separation) or too large (> 1e6 non-zeros):
				   then "not checked", not "none" */
	int separation;     /* 1 when (quasi-)complete separation exists */
};

/* The rows of a GLM's data (the logistic and Poisson fits): each row's
 * prior weight a finite number >= 0, y finite in [0, y_max] ("response %g
 * is not Y_RANGE"), its offset and covariates finite, and a row of
 * positive weight.  KO_OK, else KO_ERR_DATA at the first bad row and its
 * column ("weights", "y", "offset", the covariate's name or "column N"),
 * the message starting with who ("logit: ..."). */
enum ko_status ko_logit_check_rows(const struct ko_logit_data *d,
				   const char *who, double y_max,
				   const char *y_range, struct ko_err *err);

/* Fit the model.  On success *out is a new fit owned by the caller.
 * Non-convergence, fitted probabilities 0/1 and separation are reported
 * in the fit (not as errors); errors are bad input (y outside [0, 1],
 * negative weights, NaN), no usable rows, or allocation failure. */
enum ko_status ko_logit_fit(const struct ko_logit_data *data,
			    const struct ko_logit_options *opt,
			    struct ko_logit_fit **out, struct ko_err *err);

void ko_logit_fit_free(struct ko_logit_fit *fit);

/* Heteroskedasticity-robust sandwich covariance as sandwich::vcovHC(fit,
 * type = "HC0"/"HC1") on a glm.  out: p x p; aliased rows/cols NaN. */
enum ko_status ko_logit_vcov_robust(const struct ko_logit_data *data,
				    const struct ko_logit_fit *fit,
				    enum ko_logit_hc_type type,
				    gsl_matrix *out, struct ko_err *err);

/* Cluster-robust covariance as sandwich::vcovCL(fit, cluster = ~g, type,
 * cadjust = TRUE).  cluster: n group ids (any long values).  vcovCL's
 * default on a glm is KO_LOGIT_HC0 with G/(G-1): its type = NULL means HC1
 * only for class "lm" (sandwich 3.0.2 meatCL; see docs/statistics.md). */
enum ko_status ko_logit_vcov_cluster(const struct ko_logit_data *data,
				     const struct ko_logit_fit *fit,
				     const long *cluster,
				     enum ko_logit_hc_type type,
				     gsl_matrix *out, struct ko_err *err);

/* Profile-likelihood confidence interval of coefficient j at level, by
 * root finding on the profile (penalized, for a Firth fit) deviance.
 * opt gives iteration limits.  An endpoint that does not exist (the
 * profile never reaches the cut-off, as under separation) is +/-INFINITY;
 * one the root finding cannot locate is NaN (not an error: the callers
 * print NA and a warning, see ko_logit_profile_missing). */
enum ko_status ko_logit_profile_ci(const struct ko_logit_data *data,
				   const struct ko_logit_fit *fit,
				   const struct ko_logit_options *opt,
				   size_t j, double level, double *lo,
				   double *hi, struct ko_err *err);

/* Which ends of coefficient j's profile interval the root finding could
 * not locate: "lower", "upper", "lower and upper", or NULL (none, or the
 * CIs are Wald, or j is aliased). */
const char *ko_logit_profile_missing(const struct ko_logit_fit *fit, size_t j);

/* Likelihood-ratio test that the k coefficients cols[] are all 0, the
 * others free: ML: deviance difference, as drop1(fit, test = "LRT") for a
 * term made of those columns; Firth: penalized LR as logistf (penalty on
 * the full design).  df = number of non-aliased columns among cols. */
enum ko_status ko_logit_lr_test(const struct ko_logit_data *data,
				const struct ko_logit_fit *fit,
				const struct ko_logit_options *opt,
				const size_t *cols, size_t k, double *chisq,
				double *df, double *p_value,
				struct ko_err *err);

/* Index + 1 of a column that is 1.0 on every row with positive prior
 * weight (an intercept, however the design names it), or 0.  Shared by
 * the logistic and Poisson fits for the null deviance and df. */
size_t ko_logit_find_intercept(const struct ko_logit_data *d);

#endif
