/*
 * analysis.h - the orchestration around a fit that both kohort run's model
 * stage (pipeline/study/model.c) and kohort fit (pipeline/cli/cmd_fit.c) use, so the
 * two cannot drift apart: inference for the chosen SE type through the
 * family seam (family.h), the exposure term of an effect measure, and the
 * discrimination statistics (AUC, Hosmer-Lemeshow).  Pure statistics: no
 * I/O; messages go into the results for the caller to word and print.
 */
#ifndef KO_ANALYSIS_H
#define KO_ANALYSIS_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "anova.h"
#include "design.h"
#include "discrim.h"
#include "base/error.h"
#include "family.h"
#include "formula.h"
#include "margins.h"
#include "poisson.h"

/* SEs, p-values and CIs (linear-predictor scale) for one SE type. */
struct ko_inference {
	gsl_matrix *vcov;  /* robust or cluster; NULL for model-based */
	double *se, *p, *lo, *hi; /* p each, owned: one block from se */
};

/* Fill inf (zeroed by the caller) for fit under se: model-based copies the
 * fit's own; robust and cluster take the family's sandwich (hc, cluster
 * ids for CLUSTER) and give Wald p-values and, unless the fit's CIs are
 * profile likelihood, Wald CIs at level (ci.h's quantile).  Release with
 * ko_inference_release also on error. */
enum ko_status ko_inference_choose(const struct ko_family_data *data,
				   const struct ko_family_fit *fit,
				   enum ko_family_se se,
				   enum ko_logit_hc_type hc, const long *cluster,
				   double level, struct ko_inference *inf,
				   struct ko_err *err);

void ko_inference_release(struct ko_inference *inf);

/* The term of f that an effect measure's exposure `name` names, or -1:
 * with by_label, a term whose label is name first (kohort fit's
 * --exposure); then the term of that one variable (column name). */
long ko_analysis_exposure_term(const struct ko_formula *f, const char *name,
			       int by_label);

/* AUC (DeLong CI at level) and Hosmer-Lemeshow (groups) of fitted mu for
 * 0/1 y.  A statistic that cannot be computed has *_ok = 0 and its reason
 * in *_note.  parallel: the two side by side on two threads (par.h). */
struct ko_discrimination {
	struct ko_auc auc;
	int auc_ok;
	char auc_note[KO_ERR_MSG_MAX];
	struct ko_hoslem hl;
	int hl_ok;
	char hl_note[KO_ERR_MSG_MAX];
};

void ko_analysis_discrimination(const double *y, const double *mu, size_t n,
				double level, int groups, int parallel,
				struct ko_discrimination *out);

/* effect = rr: the modified Poisson family (ko_family_poisson) fitted to
 * the same design, with robust (cluster: cluster-robust, ids given) SEs of
 * type hc at level through ko_inference_choose, so its p-values and CIs
 * are the same bits as any family's robust inference.  max_iter 0: the
 * default (25).  Release with ko_analysis_rr_release, also on error. */
struct ko_analysis_rr {
	struct ko_family_fit *fit;    /* the Poisson family's fit */
	struct ko_family_stats stats; /* iterations, converged, deviance,
					 fitted_boundary (risks < 1e-8),
					 fitted_above_1 */
	struct ko_inference inf;      /* se (log scale), p, lo, hi */
	double *rr, *rr_low, *rr_high; /* exp() of coef, lo, hi; NaN when
					  aliased (one block from rr) */
	int cluster;                  /* 1: cluster-robust SEs */
};

enum ko_status ko_analysis_rr(const struct ko_family_data *data, int max_iter,
			      double level, enum ko_logit_hc_type hc,
			      const long *cluster, struct ko_analysis_rr *out,
			      struct ko_err *err);

void ko_analysis_rr_release(struct ko_analysis_rr *rr);

/* The first aliased design column of exposure ex (aliased: the fit's
 * flags per column), or
 * -1: standardised risks need every exposure column estimated. */
long ko_analysis_exposure_aliased(const int *aliased,
				  const struct ko_margins_exposure *ex);

/* ---- one analysis: the fit and everything after it ------------------

 * What both kohort run's model stage and kohort fit do with one design,
 * in this order: the family's fit and statistics; the inference for the
 * SE type; effect = rr (the modified Poisson fit); the standardised risks
 * of an exposure (marginal standardisation by the family's mean, on the
 * chosen covariance); AUC and Hosmer-Lemeshow; the joint tests per term.
 * A step of effects that cannot be made (a Poisson fit that fails, an
 * aliased exposure, margins that fail) does not stop the others: its
 * status and message are kept for the caller to word (the model stage
 * warns, kohort fit stops).  lap(ctx, step) after each step, when set
 * ("fit", "vcov", "effects", "auc+hl", "tests").
 *
 * Time-to-event data (the Cox family: time and status, no outcome y, no
 * intercept) take the same run: effect = rr, standardised risks and
 * AUC/Hosmer-Lemeshow are refused with KO_ERR_USAGE before the fit (the
 * fit's concordance is in stats.concordance instead), and the LR test of
 * each term is the family's refit (lr_from_null falls back to it, there
 * being no deviance). */
enum {
	KO_ANALYSIS_TESTS_WALD = 1,
	KO_ANALYSIS_TESTS_LR = 2
};

struct ko_analysis_request {
	const struct ko_family *family;
	struct ko_logit_options opt;  /* the fit's controls (level, profile,
					 lr_tests, max_iter, ...) */
	enum ko_family_se se;
	enum ko_logit_hc_type hc;
	const long *cluster;          /* n ids for KO_FAMILY_SE_CLUSTER */
	double level;
	int rr;                       /* effect = rr: fit the modified Poisson */
	const struct ko_margins_exposure *exposure; /* standardise, or NULL */
	int tests;                    /* KO_ANALYSIS_TESTS_* bits; 0: none */
	/* the only term of an ML model with an intercept: drop1's LR test is
	 * null deviance - deviance, no refit (the model stage's crude fits) */
	int lr_from_null;
	int discrimination;           /* AUC and Hosmer-Lemeshow */
	int hl_groups;
	int parallel;                 /* AUC and HL on two threads */
	void (*lap)(void *ctx, const char *step);
	void *lap_ctx;
};

struct ko_analysis {
	struct ko_family_fit *fit;
	struct ko_family_stats stats;
	struct ko_inference inf;      /* for the request's SE type */
	const gsl_matrix *vcov;       /* inf.vcov, or the fit's model-based */
	struct ko_analysis_rr rr;     /* rr.fit NULL: not asked, or failed */
	enum ko_status rr_status;     /* KO_OK, or why the rr fit failed */
	char rr_msg[KO_ERR_MSG_MAX];
	struct ko_margins *margins;   /* NULL: not asked, or not made */
	long margins_aliased;         /* the exposure's first aliased column,
					 or -1 (then margins_status KO_ERR_DATA) */
	enum ko_status margins_status;
	char margins_msg[KO_ERR_MSG_MAX];
	struct ko_term_test *tests;   /* d->n_terms, or NULL when none */
	struct ko_discrimination *disc; /* NULL when not asked */
};

/* The analysis of rq on data with design d (its terms for the tests;
 * data's rows are d's).  The status is the fit's or an error that stops
 * the whole (no memory, the inference); out is filled as far as it got
 * and is released with ko_analysis_release in any case. */
enum ko_status ko_analysis_run(const struct ko_family_data *data,
			       const struct ko_design *d,
			       const struct ko_analysis_request *rq,
			       struct ko_analysis *out, struct ko_err *err);

void ko_analysis_release(struct ko_analysis *a);

/* cox.zph(fit, transform = "km") of a Cox fit on data with design d (its
 * columns' terms, no intercept): ko_family_cox_zph with each column's term
 * from d; out is released with ko_cox_zph_release. */
enum ko_status ko_analysis_cox_zph(const struct ko_family_data *data,
				   const struct ko_design *d,
				   const struct ko_family_fit *fit,
				   struct ko_cox_zph *out, struct ko_err *err);

#endif
