/*
 * describe.h - descriptive statistics for Table 1: summaries of a number
 * by group, standardised mean differences, and the chi-square / Welch
 * tests between groups.  Pure functions on arrays; no I/O.
 *
 * Conventions (checked against R in tests/reference/describe_ref.R):
 *   - missing values are NAN and are left out of every statistic;
 *   - SD with divisor n - 1 (R sd); quantiles by R's default (type 7);
 *   - SMD of a number between groups a and b: |mean_a - mean_b| /
 *     sqrt((sd_a^2 + sd_b^2) / 2); of a categorical variable with k levels:
 *     sqrt((p_a - p_b)' S^-1 (p_a - p_b)) over levels 2..k, with S the
 *     average of the two groups' multinomial covariance matrices (Yang and
 *     Dalton 2012, as R tableone; for two levels this is |p_a - p_b| /
 *     sqrt((p_a (1 - p_a) + p_b (1 - p_b)) / 2)); with more than two groups,
 *     the mean of the pairwise SMDs (tableone);
 *   - the chi-square test is Pearson's without continuity correction
 *     (chisq.test(correct = FALSE)) on the levels x groups table, levels and
 *     groups with no one left out;
 *   - numbers are compared with Welch's test (t.test for two groups,
 *     oneway.test(var.equal = FALSE) for more; the two agree at k = 2).
 *
 * The caller owns every array passed in.
 */
#ifndef KO_DESCRIBE_H
#define KO_DESCRIBE_H

#include <stddef.h>

#include "base/error.h"

struct ko_num_summary {
	long n;        /* non-missing values */
	long missing;
	double mean, sd;
	double median, q1, q3;
	double min, max;
};

/* Summary of x[0..n) (NAN = missing).  work needs room for n doubles.
 * Statistics of fewer than 1 (mean, quantiles) or 2 (SD) values are NAN. */
void ko_describe_num(const double *x, size_t n, double *work,
		     struct ko_num_summary *out);

/* Quantile p of sorted[0..n) (R type 7); NAN when n == 0. */
double ko_describe_quantile(const double *sorted, size_t n, double p);

/* SMD between two numeric summaries; NAN when undefined. */
double ko_describe_smd_num(const struct ko_num_summary *a,
			   const struct ko_num_summary *b);

/* SMD of a categorical variable between groups a and b: counts per level
 * (k levels, missing excluded).  NAN when undefined (an empty group, or a
 * singular covariance). */
double ko_describe_smd_cat(const long *a, const long *b, size_t k);

/* Mean of the pairwise SMDs of g groups: counts[grp * k + level]. */
double ko_describe_smd_cat_groups(const long *counts, size_t g, size_t k);

/* Mean of the pairwise numeric SMDs of g groups. */
double ko_describe_smd_num_groups(const struct ko_num_summary *s, size_t g);

/* Pearson's chi-square test of the k x g table counts[grp * k + level]:
 * rows and columns summing to zero are dropped.  Returns the p-value (NAN
 * when fewer than 2 rows or columns remain) and, if not NULL, the
 * statistic and degrees of freedom. */
double ko_describe_chisq(const long *counts, size_t g, size_t k,
			 double *stat, double *df);

/* Welch's test of equal means over g groups (Welch's t-test when g == 2).
 * Returns the p-value; NAN when a group has fewer than 2 values, a zero
 * variance, or fewer than 2 groups remain. */
double ko_describe_welch(const struct ko_num_summary *s, size_t g,
			 double *stat, double *df1, double *df2);

#endif
