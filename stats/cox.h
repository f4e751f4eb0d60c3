/*
 * cox.h - the Cox proportional-hazards model as R's survival::coxph (3.5)
 * fits it: Newton-Raphson on the log partial likelihood with Efron's
 * (default) or Breslow's handling of tied event times, strata, counting-
 * process (start, stop] data (left truncation, time-varying covariates),
 * case weights and an offset; the model-based, robust and cluster-robust
 * covariance; the score, Wald and likelihood-ratio tests; the
 * proportional-hazards test of cox.zph (transform "km").  Methods and the
 * differences from R: docs/statistics.md ("Cox proportional hazards").
 *
 * Pure statistics: arrays in, results out; no file I/O, no printing.
 *
 * Ownership: struct ko_cox_data and struct ko_cox_options live in the
 * caller's memory and are only borrowed.  ko_cox_fit() allocates a struct
 * ko_cox_fit that the caller owns and releases with ko_cox_fit_free()
 * (NULL is fine); every array in it is owned by the fit.  Functions that
 * write into a caller's gsl_matrix expect it to be p x p already.
 *
 * Aliased coefficients (rank deficiency) are reported like R's NA: their
 * coef/se/z/p/CI are NaN, their vcov rows and columns are NaN, and
 * aliased[j] = 1.
 */
#ifndef KO_COX_H
#define KO_COX_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "base/error.h"

/* The data, one row per interval of follow-up.  A row is at risk at time t
 * when start < t <= stop, in its stratum; start = NULL means every row
 * enters at -infinity (right-censored data, R's Surv(time, status)), else
 * R's Surv(start, stop, status).  status is 1 for an event at stop, 0 for
 * censoring.  x is the row-major n x p design without an intercept (a
 * constant column is aliased).  weights are case weights (>= 0, NULL = all
 * 1); a row of weight 0 is left out, as subsetting it away in R would do
 * (coxph itself refuses weights <= 0).  offset: NULL = none.  strata: any
 * long values, NULL = one stratum.  names (p strings, may be NULL) are
 * copied for messages only. */
struct ko_cox_data {
	size_t n, p;
	const double *start;
	const double *stop;
	const int *status;
	const double *x;
	const double *weights;
	const double *offset;
	const long *strata;
	const char *const *names;
};

enum ko_cox_ties {
	KO_COX_EFRON = 0, /* coxph's default */
	KO_COX_BRESLOW
};

struct ko_cox_options {
	enum ko_cox_ties ties;
	int max_iter;      /* 20, coxph.control(iter.max) */
	double epsilon;    /* 1e-9, coxph.control(eps): converged when
			      |1 - loglik_old / loglik_new| <= epsilon */
	double toler_chol; /* .Machine$double.eps^0.75, coxph.control
			      (toler.chol): aliasing tolerance, see docs */
	double toler_inf;  /* sqrt(epsilon), coxph.control(toler.inf): the
			      "coefficient may be infinite" check */
	double level;      /* 0.95: level of the Wald CIs */
	const double *init; /* p starting coefficients (coxph's init =), NULL:
			       0; loglik0 and the score test are at init */
};

/* Fill opt with the defaults above (Efron). */
void ko_cox_options_init(struct ko_cox_options *opt);

struct ko_cox_fit {
	size_t n, p;        /* rows given, columns */
	size_t n_used;      /* rows with weight > 0 (R's fit$n) */
	size_t n_events;    /* of them with status 1 (R's fit$nevent) */
	size_t n_strata;
	size_t rank;        /* non-aliased columns */
	enum ko_cox_ties ties;
	char **names;       /* p copies of data names, or NULL */

	/* per coefficient, length p; NaN when aliased */
	double *coef;       /* log hazard ratios */
	double *se;         /* model-based: sqrt(diag(fit$var)) */
	double *z, *p_value;            /* Wald, model-based */
	double *conf_low, *conf_high;   /* Wald, model-based, at level */
	double level;
	int *aliased;       /* 1 when aliased (R's NA) */
	int *infinite;      /* 1 when coxph warns "Loglik converged before
			       variable j; coefficient may be infinite" */

	gsl_matrix *vcov;   /* p x p, the inverse information at coef (R's
			       fit$var); aliased rows and columns NaN */
	double *lp;         /* per row (n): x coef + offset, uncentred (R's
			       linear.predictors are centred at the means:
			       they differ by a constant); NaN at weight 0 */

	double loglik0;     /* log partial likelihood at coef = 0 (or at
			       opt->init; with the offset): fit$loglik[1] */
	double loglik;      /* at coef: fit$loglik[2] */
	double lr_chisq, lr_p;       /* 2 (loglik - loglik0), df = rank */
	double score_chisq, score_p; /* score test at 0 (init): fit$score */
	double wald_chisq, wald_p;   /* model-based Wald test of all = 0 */
	int iterations;     /* fit$iter */
	int converged;      /* the convergence rule was met within max_iter */
};

/* Fit the model.  On success *out is a new fit owned by the caller.
 * Non-convergence and infinite coefficients are reported in the fit, not
 * as errors; errors are bad input (status not 0/1, stop <= start, NaN or
 * infinite times, covariates, weights or offsets, negative weights,
 * naming the row and column), no usable rows, more than 2^32 - 1 rows
 * (positions are 32-bit), or allocation failure. */
enum ko_status ko_cox_fit(const struct ko_cox_data *data,
			  const struct ko_cox_options *opt,
			  struct ko_cox_fit **out, struct ko_err *err);

void ko_cox_fit_free(struct ko_cox_fit *fit);

/* The robust covariance, coxph(robust = TRUE): D'D with D the weighted
 * dfbeta residuals (residuals(fit, "dfbeta", weighted = TRUE)), summed
 * within clusters when cluster (n ids, any long values) is given, as
 * coxph(cluster = ) does; cluster = NULL: each row its own cluster.  No
 * small-sample factor (coxph has none).  out: p x p, aliased rows and
 * columns NaN.  score_chisq (may be NULL): the robust score test at 0,
 * fit$rscore. */
enum ko_status ko_cox_vcov_robust(const struct ko_cox_data *data,
				  const struct ko_cox_fit *fit,
				  const long *cluster, gsl_matrix *out,
				  double *score_chisq, struct ko_err *err);

/* Wald test that all non-aliased coefficients are 0 with covariance v
 * (p x p, the model-based or a robust one): coef' v^-1 coef on the
 * non-aliased block, as coxph's wald.test (df = fit->rank). */
double ko_cox_wald_test(const struct ko_cox_fit *fit, const gsl_matrix *v);

/* The proportional-hazards test of cox.zph(fit, transform = "km"): the
 * score test for adding x_j g(t) at the fitted coefficients, g(t) = 1 -
 * S(t-) of the unweighted, unstratified Kaplan-Meier of the data, centred
 * at its mean over the event rows.  One test per term and a global one.
 * term (p values in [0, n_terms), NULL = one term per column) says which
 * term each column belongs to; aliased columns are left out, and a term
 * left with none gets df 0 and NaN. */
struct ko_cox_zph {
	size_t n_terms;
	double *chisq, *df, *p_value; /* n_terms + 1, the last the global */
};

enum ko_status ko_cox_zph(const struct ko_cox_data *data,
			  const struct ko_cox_fit *fit, const size_t *term,
			  size_t n_terms, struct ko_cox_zph *out,
			  struct ko_err *err);

void ko_cox_zph_release(struct ko_cox_zph *z);

/* Harrell's concordance of the fit as coxph reports it
 * (survival::concordance, reverse = TRUE, timewt = "n"): over the pairs of
 * an event row i and a row j at risk at its time in the same stratum with
 * a later exit or censored at that time, weight w_i w_j, the share with
 * lp_i > lp_j, ties in lp counted one half; tied event times are not
 * pairs.  Its standard error is not computed. */
enum ko_status ko_cox_concordance(const struct ko_cox_data *data,
				  const struct ko_cox_fit *fit, double *c,
				  struct ko_err *err);

#endif
