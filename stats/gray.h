/*
 * gray.h - Gray's (1988) K-sample test of equal cumulative incidence of one
 * cause among groups when other causes compete, stratified or not, as
 * cmprsk::cuminc(ftime, fstatus, group, strata, rho)$Tests:
 *
 *     struct ko_gray *gt = NULL;
 *     if (ko_gray_test(&data, 2, 1, 0.0, &gt, err)) goto out;   cause 1 of 2
 *     ... gt->chisq, gt->df, gt->p, gt->score[g], gt->var[g * G + h] ...
 *     ko_gray_free(gt);
 *
 * Gray, R.J. (1988) A class of K-sample tests for comparing the cumulative
 * incidence of a competing risk.  Ann. Statist. 16:1141-1154.  The score
 * of group k compares its subdistribution hazard of the cause with the
 * pooled one, weighted by its "risk set" R_k = Y_k (1 - F_k(t-)) / S_k(t-)
 * and (1 - F_0(t-))^rho; the covariance is the paper's estimator (section
 * 3) with cmprsk's corrections for tied times.  The statistic is the
 * quadratic form of the scores of the groups with rows but the last, df
 * their number less one (as cuminc).  Methods: docs/statistics.md.
 *
 * data->status 0 censored, 1..ncause the causes; data->group 2 or more
 * groups; data->strata optional (scores and covariances summed over the
 * strata).  cuminc takes no weights, clusters or (entry, time] data, and
 * neither does this: each is KO_ERR_USAGE.  A singular covariance (a group
 * with no events at risk) is KO_ERR_NUMERIC.
 *
 * Ownership: data borrowed; the result belongs to the caller, released with
 * ko_gray_free (NULL is fine).
 */
#ifndef KO_GRAY_H
#define KO_GRAY_H

#include <stddef.h>

#include "base/error.h"
#include "surv.h"

struct ko_gray {
	size_t ngroups;
	int cause;
	double rho;
	size_t *nrows;   /* ngroups: rows per group (a group with none is left out) */
	double *score;   /* ngroups: every group's score (they sum to 0) */
	double *var;     /* ngroups x ngroups, row-major: their covariance */
	double chisq;
	int df;          /* groups with rows, less one */
	double p;        /* upper chi-square tail on df */
};

enum ko_status ko_gray_test(const struct ko_surv_data *data, size_t ncause,
			    int cause, double rho, struct ko_gray **out,
			    struct ko_err *err);

void ko_gray_free(struct ko_gray *gt);

#endif
