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

#include "discrim.h"
#include "base/error.h"
#include "family.h"
#include "formula.h"
#include "margins.h"
#include "poisson.h"

/* SEs, p-values and CIs (linear-predictor scale) for one SE type. */
struct ko_inference {
	gsl_matrix *vcov;  /* robust or cluster; NULL for model-based */
	double *se, *p, *lo, *hi; /* p each, owned */
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
					  aliased */
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

#endif
