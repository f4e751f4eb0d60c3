/*
 * ci.h - the normal quantile of a two-sided confidence level, worked out
 * in one place for every Wald-type interval (coefficients, robust and
 * cluster SEs, risk ratios, standardised risks, the AUC).
 */
#ifndef KO_CI_H
#define KO_CI_H

/* z with P(|Z| <= z) = level for a standard normal Z: the upper quantile
 * at 1 - (1 - level) / 2, as R's confint.default computes it (qnorm(1 - a)
 * with a = (1 - level) / 2).  level in (0, 1). */
double ko_ci_z(double level);

/* Which ends of a profile-likelihood CI were not found (NaN): "lower",
 * "upper", "lower and upper", or NULL when both are numbers (the
 * logistic fit's and the family seam's *_profile_missing). */
const char *ko_ci_missing_ends(double low, double high);

#endif
