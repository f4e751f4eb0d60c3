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

#endif
