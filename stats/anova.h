/*
 * anova.h - joint tests per model term: all of a term's coefficients (a
 * factor's levels, an interaction's products) zero together.
 *
 * Likelihood ratio: the model refitted without the term's columns, as
 * R's drop1(fit, scope = <every term>, test = "LRT") (drop1 on a glm drops
 * the term's model-matrix columns; it is not sequential like anova()),
 * df = the drop in rank: the family's lr_test (family.h; for a Firth fit,
 * logistf's penalized LR test, the penalty on the full design).
 * Wald: b' V^-1 b over the term's non-aliased coefficients, with V the
 * covariance the caller chose (model-based, robust or cluster-robust);
 * R: aod::wald.test / a direct solve(V[i, i], b[i]).
 *
 * The design (stats/design.h) gives the term -> columns map.
 */
#ifndef KO_ANOVA_H
#define KO_ANOVA_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "design.h"
#include "base/error.h"
#include "family.h"
#include "logit.h"

struct ko_term_test {
	const char *label;  /* borrowed from the design */
	size_t n_cols;      /* columns of the term */
	double df;          /* non-aliased columns; 0 = nothing to test */
	double wald_chisq, wald_p_value;
	double lr_df;       /* drop in rank (R's drop1 Df); NaN when not run */
	double lr_chisq, lr_p_value; /* NaN when not asked for; p NaN when
					lr_df is 0, as drop1 prints NA */
};

/* Tests for every term of d (out: d->n_terms entries) of a fit of any
 * family.  vcov: p x p, NULL for the fit's model-based one.  lr: also the
 * likelihood-ratio tests (the family's lr_test, one refit per term, with
 * opt).  A term whose columns are all aliased has Wald df 0 and NaN
 * statistics; its LR row is the family's (ML: Df 0, LRT 0, p NaN). */
enum ko_status ko_anova_terms(const struct ko_design *d,
			      const struct ko_family_data *data,
			      const struct ko_family_fit *fit,
			      const struct ko_logit_options *opt,
			      const gsl_matrix *vcov, int lr,
			      struct ko_term_test *out, struct ko_err *err);

/* The Wald statistic b' V^-1 b over the k columns cols[] (aliased ones
 * skipped); *df gets the number used. */
enum ko_status ko_anova_wald(const struct ko_logit_fit *fit,
			     const gsl_matrix *vcov, const size_t *cols,
			     size_t k, double *chisq, double *df,
			     double *p_value, struct ko_err *err);

/* The same on coefficients coef with flags aliased (any family). */
enum ko_status ko_anova_wald_coef(const double *coef, const int *aliased,
				  const gsl_matrix *vcov, const size_t *cols,
				  size_t k, double *chisq, double *df,
				  double *p_value, struct ko_err *err);

#endif
