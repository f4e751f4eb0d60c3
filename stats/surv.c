/* surv.c - follow-up data checks and orderings shared by the survival
 * curves and the log-rank test, and the curves' step arrays (surv.h). */
#include "surv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum ko_status ko_surv_check(const struct ko_surv_data *d, size_t ncause,
			     struct ko_err *err)
{
	size_t i;

	if (!d || !d->time || !d->status || d->ngroups < 1)
		return ko_err_set(err, KO_ERR_USAGE, "surv: no data (time, status and ngroups >= 1 are required)");
	if (d->n == 0)
		return ko_err_set(err, KO_ERR_DATA, "surv: no rows");
	for (i = 0; i < d->n; i++) {
		long row = (long)i + 1;

		if (!isfinite(d->time[i]) || d->time[i] < 0.0)
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "time",
					 "surv: time %g is not a finite number >= 0", d->time[i]);
		if (d->entry && (!isfinite(d->entry[i]) || !(d->entry[i] < d->time[i])))
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "entry",
					 "surv: entry %g is not a finite number below the exit time %g",
					 d->entry[i], d->time[i]);
		if (d->status[i] < 0 || (size_t)d->status[i] > ncause)
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "status",
					 "surv: status %d is not 0 (censored) or an event 1..%zu",
					 d->status[i], ncause);
		if (d->weight && (!isfinite(d->weight[i]) || d->weight[i] < 0.0))
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "weight",
					 "surv: weight %g is not a finite number >= 0", d->weight[i]);
		if (d->group && (d->group[i] < 0 || (size_t)d->group[i] >= d->ngroups))
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "group",
					 "surv: group %d is not in 0..%zu", d->group[i], d->ngroups - 1);
		if (d->strata && (d->strata[i] < 0 || (size_t)d->strata[i] >= d->nstrata))
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "strata",
					 "surv: stratum %d is not in 0..%zu", d->strata[i],
					 d->nstrata ? d->nstrata - 1 : 0);
		if (d->cluster && (d->cluster[i] < 0 || (size_t)d->cluster[i] >= d->ncluster))
			return ko_err_at(err, KO_ERR_DATA, NULL, row, "cluster",
					 "surv: cluster %ld is not in 0..%zu", d->cluster[i],
					 d->ncluster ? d->ncluster - 1 : 0);
	}
	return KO_OK;
}

enum ko_status ko_surv_check_ksample(const struct ko_surv_data *d,
				     size_t ncause, const char *who,
				     const char *as_r, struct ko_err *err)
{
	enum ko_status rc;

	if ((rc = ko_surv_check(d, ncause, err)))
		return rc;
	if (d->weight || d->entry || d->cluster)
		return ko_err_set(err, KO_ERR_USAGE,
				  "%s: weights, clusters and (entry, time] data are not supported (as %s)",
				  who, as_r);
	if (!d->group || d->ngroups < 2)
		return ko_err_set(err, KO_ERR_USAGE, "%s: two or more groups are needed", who);
	return KO_OK;
}

struct keyed {
	double key;
	size_t row;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

enum ko_status ko_surv_order(const struct ko_surv_data *d, int by_entry,
			     size_t **order, size_t **start,
			     struct ko_err *err)
{
	struct keyed *k = malloc((d->n ? d->n : 1) * sizeof *k);
	size_t *o = malloc((d->n ? d->n : 1) * sizeof *o);
	size_t *s = calloc(d->ngroups + 1, sizeof *s);
	size_t *fill = calloc(d->ngroups + 1, sizeof *fill);
	size_t i, g;

	if (!k || !o || !s || !fill) {
		free(k);
		free(o);
		free(s);
		free(fill);
		return ko_err_set(err, KO_ERR_NOMEM, "surv: out of memory (n = %zu)", d->n);
	}
	for (i = 0; i < d->n; i++) {
		k[i].key = by_entry ? d->entry[i] : d->time[i];
		k[i].row = i;
		s[(d->group ? (size_t)d->group[i] : 0) + 1]++;
	}
	qsort(k, d->n, sizeof *k, cmp_keyed);
	for (g = 0; g < d->ngroups; g++)
		s[g + 1] += s[g];
	for (i = 0; i < d->n; i++) { /* stable split by group */
		size_t r = k[i].row;

		g = d->group ? (size_t)d->group[r] : 0;
		o[s[g] + fill[g]++] = r;
	}
	free(k);
	free(fill);
	*order = o;
	*start = s;
	return KO_OK;
}

enum ko_status ko_surv_orders_make(const struct ko_surv_data *d,
				   struct ko_surv_orders *o,
				   struct ko_err *err)
{
	enum ko_status rc;

	memset(o, 0, sizeof(*o));
	if ((rc = ko_surv_order(d, 0, &o->ot, &o->st, err)) ||
	    (d->entry && (rc = ko_surv_order(d, 1, &o->oe, &o->se_start, err))))
		ko_surv_orders_free(o);
	return rc;
}

void ko_surv_orders_free(struct ko_surv_orders *o)
{
	free(o->ot);
	free(o->st);
	free(o->oe);
	free(o->se_start);
}

enum ko_status ko_surv_order_strata(const struct ko_surv_data *d,
				    size_t **order, size_t **start,
				    size_t *nstrata, struct ko_err *err)
{
	struct ko_surv_data by_stratum = *d; /* the orderings are by "group" */

	by_stratum.group = d->strata;
	by_stratum.ngroups = d->strata ? d->nstrata : 1;
	*nstrata = by_stratum.ngroups;
	return ko_surv_order(&by_stratum, 0, order, start, err);
}

long ko_surv_at(const double *time, size_t ntime, double t)
{
	size_t lo = 0, hi = ntime; /* first index with time > t */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (time[mid] > t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (long)lo - 1;
}

int ko_surv_steps_alloc(size_t ntime, size_t nevent, size_t nest, int se,
			double **time, double **n_risk, double **n_event,
			double **n_censor, double **est, double **std_err,
			double **lower, double **upper)
{
	size_t m = ntime ? ntime : 1, nse = se ? nest : 0;
	double *b = malloc((3 + nevent + nest + 3 * nse) * m * sizeof *b);

	*time = *n_risk = *n_event = *n_censor = *est = NULL;
	*std_err = *lower = *upper = NULL;
	if (!b)
		return -1;
	*time = b;
	*n_risk = *time + m;
	*n_event = *n_risk + m;
	*n_censor = *n_event + m * nevent;
	*est = *n_censor + m;
	if (se) {
		*std_err = *est + m * nest;
		*lower = *std_err + m * nest;
		*upper = *lower + m * nest;
	}
	return 0;
}

void ko_surv_curves_free(void *fit, void *curves, size_t ngroups, size_t size,
			 size_t time_at)
{
	size_t g;
	double *steps;

	if (!fit)
		return;
	for (g = 0; curves && g < ngroups; g++) {
		memcpy(&steps, (char *)curves + g * size + time_at, sizeof steps);
		free(steps);
	}
	free(curves);
	free(fit);
}
