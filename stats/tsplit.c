/* tsplit.c - time-varying covariates as (start, stop] intervals (see
 * tsplit.h). */
#include "tsplit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The columns are one block from start (ko_tsplit). */
void ko_tsplit_free(struct ko_tsplit *out)
{
	free(out->start);
	memset(out, 0, sizeof(*out));
}

static enum ko_status check(size_t n, const double *start, const double *stop,
			    const struct ko_tdc *cov, size_t n_cov,
			    struct ko_err *err)
{
	size_t i, k, j;

	for (i = 0; i < n; i++) {
		if (!(stop[i] > start[i])) /* NAN too */
			return ko_err_set(err, KO_ERR_DATA, "time-varying split: "
					  "subject %zu: stop %g is not after "
					  "start %g", i + 1, stop[i], start[i]);
		for (k = 0; k < n_cov; k++)
			for (j = cov[k].off[i]; j < cov[k].off[i + 1]; j++)
				if (isnan(cov[k].time[j]) ||
				    (j > cov[k].off[i] &&
				     cov[k].time[j] < cov[k].time[j - 1]))
					return ko_err_set(err, KO_ERR_DATA,
							  "time-varying split: "
							  "subject %zu, covariate "
							  "%zu: times missing or "
							  "not ascending", i + 1,
							  k + 1);
	}
	return KO_OK;
}

/* Subject i's intervals: written from row r when out is set; returns how
 * many.  pos and cur hold n_cov entries of scratch. */
static size_t walk(size_t i, double t_start, double t_stop, int st,
		   const struct ko_tdc *cov, size_t n_cov, size_t *pos,
		   double *cur, struct ko_tsplit *out, size_t r)
{
	double t0 = t_start, t1;
	size_t k, rows = 0;

	for (k = 0; k < n_cov; k++) {
		pos[k] = cov[k].off[i];
		cur[k] = cov[k].init;
	}
	for (;;) {
		/* every change at or before t0 takes effect */
		for (k = 0; k < n_cov; k++)
			for (; pos[k] < cov[k].off[i + 1] &&
			       cov[k].time[pos[k]] <= t0; pos[k]++) {
				double v = cov[k].value ? cov[k].value[pos[k]] : 1;

				if (cov[k].kind == KO_TDC_SET)
					cur[k] = v;
				else
					cur[k] = isnan(cur[k]) ? v : cur[k] + v;
			}
		t1 = t_stop;
		for (k = 0; k < n_cov; k++)
			if (pos[k] < cov[k].off[i + 1] && cov[k].time[pos[k]] < t1)
				t1 = cov[k].time[pos[k]];
		if (out) {
			out->subject[r + rows] = i;
			out->start[r + rows] = t0;
			out->stop[r + rows] = t1;
			out->status[r + rows] = t1 == t_stop ? st : 0;
			memcpy(out->cov + (r + rows) * n_cov, cur,
			       n_cov * sizeof(*cur));
		}
		rows++;
		if (t1 == t_stop)
			return rows;
		t0 = t1;
	}
}

enum ko_status ko_tsplit(size_t n, const double *start, const double *stop,
			 const int *status, const struct ko_tdc *cov,
			 size_t n_cov, struct ko_tsplit *out,
			 struct ko_err *err)
{
	size_t i, rows = 0, r = 0;
	size_t *pos;
	double *cur;
	enum ko_status st;

	ko_tsplit_free(out);
	st = check(n, start, stop, cov, n_cov, err);
	if (st)
		return st;
	pos = malloc((n_cov + 1) * sizeof(*pos));
	cur = malloc((n_cov + 1) * sizeof(*cur));
	if (!pos || !cur) {
		free(pos);
		free(cur);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		rows += walk(i, start[i], stop[i], status[i], cov, n_cov, pos,
			     cur, NULL, 0);
	/* the columns in one block: start, stop, cov (doubles), subject,
	 * status */
	out->start = malloc((2 + n_cov) * rows * sizeof(*out->start) +
			    rows * (sizeof(*out->subject) + sizeof(*out->status)) + 1);
	if (out->start) {
		out->n_rows = rows;
		out->n_cov = n_cov;
		out->stop = out->start + rows;
		out->cov = out->stop + rows;
		out->subject = (size_t *)(out->cov + rows * n_cov);
		out->status = (int *)(out->subject + rows);
	} else {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; !st && i < n; i++)
		r += walk(i, start[i], stop[i], status[i], cov, n_cov, pos, cur,
			  out, r);
	free(pos);
	free(cur);
	return st;
}
