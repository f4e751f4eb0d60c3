/*
 * surv.h - follow-up data for the survival-curve and test routines (km.h,
 * cuminc.h, logrank.h): one row per person, (entry, time] with the status
 * at time, as R's Surv(time, status) or Surv(entry, time, status).
 *
 *     struct ko_surv_data d = { .n = n, .time = time, .status = status,
 *                               .group = group, .ngroups = 2 };
 *
 * status: 0 censored, 1..ncause the event (cause k of ncause competing
 * events; 1 for an ordinary event).  entry NULL: everyone at risk from the
 * start (right-censored data); else left truncation, at risk at t when
 * entry < t <= time.  weight NULL: 1.  group NULL: one group; else 0 ..
 * ngroups - 1, one curve or one test column per group.  strata (log-rank
 * only) NULL: one stratum; else 0 .. nstrata - 1.  cluster (the jackknife
 * SEs only) NULL: each person its own.  All arrays are borrowed.  Pure statistics: no I/O.
 */
#ifndef KO_SURV_H
#define KO_SURV_H

#include <stddef.h>

#include "base/error.h"

struct ko_surv_data {
	size_t n;
	const double *entry;  /* NULL: none */
	const double *time;
	const int *status;
	const double *weight; /* NULL: 1 */
	const int *group;     /* NULL: all group 0 */
	size_t ngroups;       /* >= 1 */
	const int *strata;    /* NULL: one stratum */
	size_t nstrata;
	/* NULL: none; else 0 .. ncluster - 1: the jackknife SEs (cuminc.h,
	 * km.h) sum the influence within a cluster, as survfit(cluster =) */
	const long *cluster;
	size_t ncluster;
};

/* Bad rows are KO_ERR_DATA naming the row (1-based) and the column: a
 * time not finite or < 0, entry not finite or not below time, a status
 * outside 0..ncause, a weight not finite or < 0, a group, stratum or
 * cluster out of range.  No rows is KO_ERR_DATA too. */
enum ko_status ko_surv_check(const struct ko_surv_data *d, size_t ncause,
			     struct ko_err *err);

/* ko_surv_check for a K-sample test (who: "logrank", "gray"), which takes
 * no weights, clusters or (entry, time] data, as R's as_r (survdiff,
 * cmprsk::cuminc) does not, and two or more groups: KO_ERR_USAGE. */
enum ko_status ko_surv_check_ksample(const struct ko_surv_data *d,
				     size_t ncause, const char *who,
				     const char *as_r, struct ko_err *err);

/* The rows of each group in increasing time (ties in row order):
 * order[start[g] .. start[g + 1]) for group g; start has ngroups + 1
 * entries.  With by_entry, in increasing entry instead.  Both arrays are
 * allocated here (free()). */
enum ko_status ko_surv_order(const struct ko_surv_data *d, int by_entry,
			     size_t **order, size_t **start,
			     struct ko_err *err);

/* What a curve's walk takes (km.c, cuminc.c): the rows of each group by
 * exit, ot[st[g] .. st[g + 1]), and with entry times (left truncation) by
 * entry, oe[se_start[g] .. se_start[g + 1]) (both NULL without): two
 * ko_surv_order, released together by ko_surv_orders_free (which leaves
 * the pointers as they are). */
struct ko_surv_orders {
	size_t *ot, *st;
	size_t *oe, *se_start;
};
enum ko_status ko_surv_orders_make(const struct ko_surv_data *d,
				   struct ko_surv_orders *o,
				   struct ko_err *err);
void ko_surv_orders_free(struct ko_surv_orders *o);

/* The rows of each stratum in increasing time, as ko_surv_order with the
 * strata for the groups: order[start[s] .. start[s + 1]) for stratum s <
 * *nstrata (data->nstrata, or 1 without strata). */
enum ko_status ko_surv_order_strata(const struct ko_surv_data *d,
				    size_t **order, size_t **start,
				    size_t *nstrata, struct ko_err *err);

/* The index of the last of the ntime increasing times that is <= t, or -1
 * (t before the first): a curve's value at t (summary(fit, times)). */
long ko_surv_at(const double *time, size_t ntime, double t);

/* The step arrays of a curve (km.h, cuminc.h) at ntime times (at least 1
 * entry each), in one block from *time: time, n_risk and n_censor ntime
 * long, n_event ntime x nevent, the estimate est ntime x nest, and with se
 * its std_err, lower and upper ntime x nest (without se they stay NULL).
 * 0, or -1 when out of memory (every pointer NULL).  The block is freed
 * with free(*time) (ko_surv_curves_free). */
int ko_surv_steps_alloc(size_t ntime, size_t nevent, size_t nest, int se,
			double **time, double **n_risk, double **n_event,
			double **n_censor, double **est, double **std_err,
			double **lower, double **upper);

/* Free a fit of curves (km.h, cuminc.h): its ngroups curves, size bytes
 * apart from curves (NULL: none), each curve's step arrays (the block of
 * ko_surv_steps_alloc, whose pointer, the curve's time, is time_at bytes
 * into the curve; NULL: none), then curves and fit itself.  fit NULL:
 * nothing. */
void ko_surv_curves_free(void *fit, void *curves, size_t ngroups, size_t size,
			 size_t time_at);

#endif
