/*
 * logrank.h - the log-rank test between groups, stratified or not, as R's
 * survival 3.5 survdiff(Surv(time, status) ~ group + strata(s)) with rho
 * = 0: per group the observed and expected events and the covariance of
 * O - E summed over the strata, and the chi-square on the groups with
 * expected > 0 less one (survdiff.fit: solve(V[-1, -1], (O - E)[-1])).
 *
 *     struct ko_logrank *lr = NULL;
 *     if (ko_logrank_test(&data, &lr, err)) goto out;
 *     ... lr->chisq, lr->df, lr->p, lr->obs[g], lr->exp[g] ...
 *     ko_logrank_free(lr);
 *
 * data->status 0/1, data->group the groups (2 or more), data->strata
 * optional.  survdiff takes no weights, clusters or (entry, time] data,
 * and neither does this: each is KO_ERR_USAGE.
 *
 * Ownership: data borrowed; the result belongs to the caller, released
 * with ko_logrank_free (NULL is fine).
 */
#ifndef KO_LOGRANK_H
#define KO_LOGRANK_H

#include <stddef.h>

#include "base/error.h"
#include "surv.h"

struct ko_logrank {
	size_t ngroups;
	double *obs, *exp; /* ngroups */
	double *var;       /* ngroups x ngroups, row-major */
	double chisq;
	int df;            /* groups with exp > 0, less one */
	double p;          /* upper chi-square tail on df */
};

enum ko_status ko_logrank_test(const struct ko_surv_data *data,
			       struct ko_logrank **out, struct ko_err *err);

void ko_logrank_free(struct ko_logrank *lr);

#endif
