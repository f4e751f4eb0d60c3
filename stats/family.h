/*
 * family.h - the model-family seam: one interface for every regression
 * family kohort fits (logistic ML, logistic Firth, modified Poisson today;
 * Cox and Poisson rates next), and a registry that finds a family by name.
 *
 *     const struct ko_family *fam = ko_family_find("logistic");
 *     struct ko_family_fit *fit = NULL;
 *     if (fam->fit(&data, &opt, &fit, err)) goto out;  (data: below)
 *     ... fit->coef[j], fit->se[j] (model-based), fam->effect_abbrev ...
 *     fam->vcov(&data, fit, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC0, NULL, V, err);
 *     fam->free(fit);
 *
 * A family is one file (family_<name>.c) that fills one struct ko_family
 * and one line in the registry (family_list.h).  Pure statistics: no I/O.
 *
 * The data are struct ko_family_data below: family-neutral, so that a
 * GLM, a Poisson-rate and a Cox family take the same struct (each reads
 * the fields it needs and rejects data that lack them).  The options are
 * logit.h's struct ko_logit_options (the GLM controls: max_iter, epsilon,
 * level, alias_tol; the logistic families also read profile, lr_tests,
 * separation, lr_warm_start; the Firth family sets firth itself; the Cox
 * family reads only level and ties, its iteration controls are
 * coxph.control's).
 *
 * Ownership: data and options are borrowed.  fit() allocates a struct
 * ko_family_fit owned by the caller and released with the family's free()
 * (NULL is fine); its arrays point into the family's own fit (impl), which
 * the same free() releases.
 */
#ifndef KO_FAMILY_H
#define KO_FAMILY_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "base/error.h"
#include "logit.h"

/*
 * The data of one fit, whatever the family.  Row i of everything is the
 * same observation; arrays a family does not use are NULL.
 *
 *   n, p     rows and design columns.
 *   x        n x p design, row-major (x[i * p + j]), the intercept a column
 *            of ones when there is one (design.h builds it).
 *   names    p column names (R's coefficient names), or NULL.
 *   y        the outcome: 0/1 for logistic, Firth and modified Poisson;
 *            a count for a Poisson rate; NULL for Cox (status is its
 *            outcome).
 *   weights  prior (case) weights >= 0, or NULL for all 1.
 *   offset   a per-row term added to the linear predictor, or NULL: for a
 *            Poisson rate log(person-time).
 *   time     Cox: the time of the event or censoring (exit), > start.
 *   start    Cox: the entry time (delayed entry, counting-process rows
 *            (start, time]); NULL: every row enters at 0.
 *   status   Cox: 1 event at time, 0 censored.
 *   strata   Cox: the stratum of each row (any long values; each stratum
 *            has its own baseline hazard), or NULL for one stratum.
 */
struct ko_family_data {
	size_t n, p;
	const double *x;
	const char *const *names;
	const double *y;
	const double *weights;
	const double *offset;
	const double *time;
	const double *start;
	const int *status;
	const long *strata;
};

/* The GLM part of d (design, outcome, weights, offset) as logit.h's data,
 * which the GLM numerics (logit.c, poisson.c, sandwich, anova, margins)
 * take. */
struct ko_logit_data ko_family_glm_data(const struct ko_family_data *d);

/* The standard-error types every family offers. */
enum ko_family_se {
	KO_FAMILY_SE_MODEL = 0, /* the model-based covariance (vcov(fit)) */
	KO_FAMILY_SE_ROBUST,    /* sandwich::vcovHC(fit, type = HC0/HC1) */
	KO_FAMILY_SE_CLUSTER    /* sandwich::vcovCL(fit, cluster, type) */
};

/* Fit statistics; NaN (or 0 for counts) when a family has not the one. */
struct ko_family_stats {
	double deviance, null_deviance;
	double loglik, null_loglik;
	double aic, bic;
	double df_residual, df_null;
	int iterations;
	int converged;
	int separation;          /* logistic: (quasi-)complete separation */
	int separation_checked;  /* logistic: 1 when the linear program ran */
	size_t fitted_boundary;  /* rows whose fitted mean is at the edge of
				    its range: logistic, probabilities
				    numerically 0 or 1 (R's warning);
				    modified Poisson, risks below 1e-8 */
	size_t fitted_above_1;   /* modified Poisson: fitted risks above 1 */
	size_t n_events;         /* Cox: rows with an event (fit$nevent) */
	double concordance;      /* Cox: Harrell's C (fit$concordance);
				    NaN for the other families */
};

struct ko_family;

/* What every family's fit exposes; the family's own fit is impl. */
struct ko_family_fit {
	const struct ko_family *family;
	size_t n, p, n_used, rank;
	/* per coefficient, on the linear-predictor scale; NaN when aliased */
	const double *coef;
	const double *se;         /* model-based */
	const double *p_value;    /* model-based (a family may use LR) */
	const double *conf_low, *conf_high; /* at level */
	const int *aliased;
	/* per coefficient: +1 / -1 when the data separate it (the ML
	 * estimate tends to +/-Inf; a penalized fit's stays finite), else 0;
	 * NULL when the family does not check */
	const int *separated;
	int ci_profile;           /* 1: conf_* are profile likelihood */
	double level;
	const gsl_matrix *vcov_model;
	const double *mu;         /* per row: fitted mean (risk, probability) */
	int converged;
	void *impl;               /* struct ko_logit_fit, ko_poisson_fit, ... */
};

/* A family fit's sizes and coefficient columns, borrowed from the fit
 * struct src of its estimator (struct ko_logit_fit, ko_poisson_fit,
 * ko_cox_fit: the members of those names, coefs.h). */
#define KO_FAMILY_FIT_BORROW(f, src)					\
	do {								\
		(f)->n = (src)->n;					\
		(f)->p = (src)->p;					\
		(f)->n_used = (src)->n_used;				\
		(f)->rank = (src)->rank;				\
		(f)->coef = (src)->coef;				\
		(f)->se = (src)->se;					\
		(f)->p_value = (src)->p_value;				\
		(f)->conf_low = (src)->conf_low;			\
		(f)->conf_high = (src)->conf_high;			\
		(f)->aliased = (src)->aliased;				\
	} while (0)

/* A family fit f (calloc'ed) made of its estimator's fit src: family fam,
 * the members borrowed above, src's level and convergence, and impl (src
 * or a struct around it, which free_* releases).  What differs by family
 * (separated, ci_profile, vcov_model, mu) the adapter sets itself. */
#define KO_FAMILY_FIT_ADOPT(f, fam, src, im)				\
	do {								\
		(f)->family = (fam);					\
		KO_FAMILY_FIT_BORROW(f, src);				\
		(f)->level = (src)->level;				\
		(f)->converged = (src)->converged;			\
		(f)->impl = (im);					\
	} while (0)

/* The warnings a family words (family.warnings), in this order. */
enum {
	KO_WARN_CONVERGE = 1, /* "the fit did not converge in N iterations" */
	KO_WARN_FITTED = 2,   /* fitted means at the edge of their range */
	KO_WARN_COEF = 4      /* per coefficient: aliased, separated, a
				 profile interval end not found */
};

/* What a family fits (struct ko_family.outcome): what kohort run's model
 * stage gives it and which config keys, effects and outputs it takes. */
enum ko_family_outcome {
	KO_FAMILY_BINARY = 0, /* a 0/1 outcome (y): [model] outcome = VAR;
				 standardised risks (effect = rd, paf) */
	KO_FAMILY_RATE,       /* the follow-up's events as counts (y) with
				 log(person-years) as offset: a rate model
				 (split_age, split_period; R's glm(poisson)
				 with offset) */
	KO_FAMILY_EVENT_TIME  /* the follow-up's event times (time, start,
				 status, strata; no y): Surv(), ties,
				 cox_strata */
};

struct ko_family {
	const char *name;          /* "logistic", "firth", "poisson" */
	const char *effect_abbrev; /* "OR", "RR", "HR", "IRR" */
	const char *effect_name;   /* "odds ratio", "risk ratio", ... */
	const char *effect_column; /* the effect's column in tidy output:
				      "odds_ratio", "risk_ratio", ... */
	const char *method;        /* the estimation, as the report's methods
				      text says it (English) */
	int penalized;             /* 1: a penalized likelihood (Firth): a
				      deviance difference of nested fits is
				      not the LR test (lr_test refits) */
	/* What kohort run's model stage reads off the family (so that a
	 * family is its file and its registry line for both commands): */
	enum ko_family_outcome outcome; /* BINARY, RATE, EVENT_TIME; a RATE or
				      EVENT_TIME family is fitted on the
				      follow-up of [cohort] */
	const char *estimator;     /* models/NAME_fit.csv's estimator column
				      ("ml", "firth", "poisson", ...) */
	const char *glm_family;    /* R's glm() family of the refit script
				      ("binomial", "poisson"); NULL when the
				      refit is not glm() (Firth: logistf;
				      EVENT_TIME: coxph) */
	int robust_default;        /* 1: se defaults to robust (modified
				      Poisson: Zou 2004's sandwich) */
	int wald_only;             /* 1: Wald intervals only (ci = profile
				      refused) */
	int rr_refit;              /* 1: effect = rr adds the modified
				      Poisson's risk ratios beside the
				      family's own effect (the logistic
				      families) */

	enum ko_status (*fit)(const struct ko_family_data *data,
			      const struct ko_logit_options *opt,
			      struct ko_family_fit **out, struct ko_err *err);
	/* out (p x p) = the covariance of the SE type: MODEL copies the
	 * model-based one; ROBUST and CLUSTER are the sandwich (hc: HC0 or
	 * HC1; cluster: n group ids, CLUSTER only).  Aliased rows NaN. */
	enum ko_status (*vcov)(const struct ko_family_data *data,
			       const struct ko_family_fit *fit,
			       enum ko_family_se se, enum ko_logit_hc_type hc,
			       const long *cluster, gsl_matrix *out,
			       struct ko_err *err);
	void (*statistics)(const struct ko_family_fit *fit,
			   struct ko_family_stats *out);
	/* The likelihood-ratio test that the k columns cols[] are 0: the
	 * refit without them against fit (R's drop1(test = "LRT"); Firth:
	 * the penalized LR as logistf).  df: the drop in rank; a set whose
	 * columns are all aliased gives df 0 (ML: statistic 0, p NaN, as
	 * drop1 prints Df 0; a family may give NaN). */
	enum ko_status (*lr_test)(const struct ko_family_data *data,
				  const struct ko_logit_options *opt,
				  const struct ko_family_fit *fit,
				  const size_t *cols, size_t k, double *chisq,
				  double *df, double *p_value,
				  struct ko_err *err);
	/* The inverse link: the mean (risk) at linear predictor eta and its
	 * derivative d mu / d eta (marginal standardisation's delta method).
	 * NULL for a family without a mean (Cox). */
	void (*mean)(double eta, double *mu, double *dmu);
	/* The warnings of the fit asked for in what (KO_WARN_*), each worded
	 * once and passed to emit(ctx, text); names: p column names.  The
	 * model's separation is worded by the caller (it names the remedy). */
	void (*warnings)(const struct ko_family_fit *fit,
			 const char *const *names, unsigned what,
			 void (*emit)(void *ctx, const char *msg), void *ctx);
	void (*free)(struct ko_family_fit *fit);
};

/* ko_family_logistic, ko_family_firth, ...: one per line of the registry
 * (family_list.h). */
#define KO_FAMILY(name) extern const struct ko_family ko_family_##name;
#include "family_list.h"
#undef KO_FAMILY

/* cox.zph(fit, transform = "km") of a fit of ko_family_cox on data (see
 * cox.h's ko_cox_zph; term, n_terms as there).  KO_ERR_USAGE when fit is
 * not a Cox fit.  out is released with ko_cox_zph_release. */
struct ko_cox_zph;
enum ko_status ko_family_cox_zph(const struct ko_family_data *data,
				 const struct ko_family_fit *fit,
				 const size_t *term, size_t n_terms,
				 struct ko_cox_zph *out, struct ko_err *err);

/* Which ends of coefficient j's profile-likelihood interval could not be
 * found (NaN though the fit's CIs are profile and j is not aliased):
 * "lower", "upper", "lower and upper", or NULL. */
const char *ko_family_profile_missing(const struct ko_family_fit *fit,
				      size_t j);

/* The registered family called name, or NULL. */
const struct ko_family *ko_family_find(const char *name);

/* The registry in order, NULL-terminated (for listing the names). */
extern const struct ko_family *const ko_families[];

/* Helpers the adapters share (family.c). */
/* The GLM sandwich (logit.h) for ROBUST/CLUSTER, a copy for MODEL;
 * view gives working weights/residuals, aliasing and the model vcov. */
enum ko_status ko_family_glm_vcov(const struct ko_family_data *data,
				  const struct ko_logit_fit *view,
				  enum ko_family_se se, enum ko_logit_hc_type hc,
				  const long *cluster, gsl_matrix *out,
				  struct ko_err *err);
/* The answers of a GLM family's lr_test that need no refit (drop1's
 * rules): when every column of cols[0..k) is aliased, Df 0 and LRT 0 as
 * drop1 prints (a penalized family: NaN, none to test); unpenalized, when
 * cols are all of the fit's columns, the empty model's: null_deviance -
 * deviance on the fit's rank.  1 when answered (chisq, df, p_value set);
 * 0 when the refit is needed (the three NaN). */
int ko_family_lr_no_refit(const struct ko_family_fit *fit, const size_t *cols,
			  size_t k, double null_deviance, double deviance,
			  double *chisq, double *df, double *p_value);
/* A logistic fit (ML or Firth, by opt->firth overridden with firth) as a
 * family fit of fam (family_logistic.c; the Firth family uses it). */
enum ko_status ko_family_logit_fit(const struct ko_family *fam, int firth,
				   const struct ko_family_data *data,
				   const struct ko_logit_options *opt,
				   struct ko_family_fit **out, struct ko_err *err);
enum ko_status ko_family_logit_vcov(const struct ko_family_data *data,
				    const struct ko_family_fit *fit,
				    enum ko_family_se se, enum ko_logit_hc_type hc,
				    const long *cluster, gsl_matrix *out,
				    struct ko_err *err);
void ko_family_logit_statistics(const struct ko_family_fit *fit,
				struct ko_family_stats *out);
void ko_family_logit_free(struct ko_family_fit *fit);
enum ko_status ko_family_logit_lr_test(const struct ko_family_data *data,
				       const struct ko_logit_options *opt,
				       const struct ko_family_fit *fit,
				       const size_t *cols, size_t k,
				       double *chisq, double *df,
				       double *p_value, struct ko_err *err);
void ko_family_logit_mean(double eta, double *mu, double *dmu);
void ko_family_logit_warnings(const struct ko_family_fit *fit,
			      const char *const *names, unsigned what,
			      void (*emit)(void *ctx, const char *msg),
			      void *ctx);

/* The rest of a logistic family's table, the same for ML and Firth: the
 * odds ratio and the operations above.  A logistic family's table is its
 * name, method, penalty and fit, then this (family_logistic.c,
 * family_firth.c). */
#define KO_FAMILY_LOGIT_TABLE \
	.outcome = KO_FAMILY_BINARY, \
	.rr_refit = 1, \
	.effect_abbrev = "OR", \
	.effect_name = "odds ratio", \
	.effect_column = "odds_ratio", \
	.vcov = ko_family_logit_vcov, \
	.statistics = ko_family_logit_statistics, \
	.lr_test = ko_family_logit_lr_test, \
	.mean = ko_family_logit_mean, \
	.warnings = ko_family_logit_warnings, \
	.free = ko_family_logit_free

#endif
