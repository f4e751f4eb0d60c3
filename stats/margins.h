/*
 * margins.h - marginal (standardised) risks from a fitted logistic model:
 * for each level of an exposure, the average predicted risk with the
 * exposure set to that level for everyone; risk ratios and differences
 * against the reference level, the population attributable fraction and
 * the attributable number of cases, all with delta-method Wald CIs; and
 * the crude risks per level.  What each number matches in R:
 * docs/statistics.md and tests/reference/effects_ref.R.
 *
 * The exposure is given by its columns in the design (one model term, no
 * interaction involving it: the caller checks) and the values those
 * columns take at each level: for a factor with K levels and K - 1 dummy
 * columns, level 0 (the reference) is all 0 and level k has dummy k - 1
 * set; for a 0/1 variable, one column with values 0 and 1.
 *
 * Ownership: data, fit, vcov and the exposure are borrowed; the result is
 * the caller's, released with ko_margins_free (NULL is fine).
 */
#ifndef KO_MARGINS_H
#define KO_MARGINS_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>

#include "base/error.h"
#include "logit.h"

struct ko_margins_exposure {
	size_t first, ncols;   /* the exposure's columns in the design */
	size_t n_levels;       /* K >= 2; level 0 is the reference */
	const double *values;  /* K x ncols, row-major */
};

struct ko_margins {
	size_t n_levels;
	double level;          /* confidence level */

	/* per exposure level k (length K); level 0 = reference: rr = 1,
	 * rd = 0, their CIs NaN */
	double *n, *events;    /* crude: (weighted) rows and events at k */
	double *crude_risk;    /* events / n */
	double *risk, *risk_se, *risk_low, *risk_high; /* standardised */
	double *rr, *log_rr_se, *rr_low, *rr_high;
	double *rd, *rd_se, *rd_low, *rd_high;

	/* population attributable fraction: everyone at the reference */
	double observed_risk;  /* mean fitted risk of the model (factual) */
	double paf, paf_log_se; /* se of log(1 - paf) */
	double paf_low, paf_high;
	double events_total;   /* observed events (weighted) */
	double attributable, attributable_low, attributable_high;
};

/* Compute everything above for exposure ex of a fit of any family with a
 * mean (family.h: the fit's coefficients and the family's inverse link:
 * plogis for the logistic families, ML or Firth; the modified Poisson's
 * exp) on data, with the delta method on vcov (p x p, the model's or a
 * sandwich; NaN rows of aliased columns are skipped; NULL: the fit's
 * model-based one).  Rows are weighted by the prior weights (rows with
 * weight 0 do not count).  Errors: a family without a mean, bad exposure
 * description, a row whose exposure columns match no level, an empty
 * level, no memory. */
struct ko_family_data;
struct ko_family_fit;
enum ko_status ko_margins_family(const struct ko_family_data *data,
				 const struct ko_family_fit *fit,
				 const gsl_matrix *vcov,
				 const struct ko_margins_exposure *ex,
				 double level, struct ko_margins **out,
				 struct ko_err *err);

void ko_margins_free(struct ko_margins *m);

/* Level (0..K-1) of row i of the design, or -1 when the exposure columns
 * match no level. */
long ko_margins_row_level(const struct ko_logit_data *data,
			  const struct ko_margins_exposure *ex, size_t i);

#endif
