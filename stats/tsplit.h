/*
 * tsplit.h - time-varying covariates: each subject's follow-up (start,
 * stop] split into (start, stop] intervals at the times its covariates
 * change, as R's survival::tmerge does, so that a change after the event
 * (or after the end of follow-up) never counts: no immortal time.
 *
 * A covariate is one of
 *   KO_TDC_SET  the value given at each time holds from that time on, and
 *               `init` before the first (tmerge's tdc(time, value, init);
 *               tdc(time) is value 1, init 0);
 *   KO_TDC_CUM  each time adds its value: the running sum, `init` before
 *               the first time (tmerge's cumtdc(time, value, init); with a
 *               missing init the first increment starts the sum).
 * The value of an interval (t0, t1] is the covariate's as of t0: a change
 * at or before the start of follow-up is in effect from its start, a
 * change at a time inside (start, stop) splits there, a change at or after
 * stop does not count.  The event status goes to the last interval only.
 * Changes at the same time split once; KO_TDC_CUM adds them all, KO_TDC_SET
 * takes the last given.
 *
 * Pure function on flat arrays, no I/O; the output is allocated once
 * (rows are counted first).  Checked against survival::tmerge
 * (tests/reference/tsplit_ref.R).
 */
#ifndef KO_TSPLIT_H
#define KO_TSPLIT_H

#include <stddef.h>

#include "base/error.h"

enum ko_tdc_kind { KO_TDC_SET, KO_TDC_CUM };

struct ko_tdc {
	enum ko_tdc_kind kind;
	double init;          /* before the first time; NAN: missing */
	const size_t *off;    /* subject i's changes are [off[i], off[i+1]) */
	const double *time;   /* ascending within a subject */
	const double *value;  /* the new value (SET) or the increment (CUM);
				 NULL: 1 each */
};

struct ko_tsplit {
	size_t n_rows, n_cov;
	size_t *subject;      /* per row: the subject's index */
	double *start, *stop;
	int *status;          /* 1: the event at stop */
	double *cov;          /* n_rows x n_cov, row-major */
};

/* Split subjects 0..n-1 (follow-up (start[i], stop[i]], status[i] at
 * stop) by n_cov covariates into out (released first when it holds rows;
 * zero it before the first call).  KO_ERR_DATA naming the subject when
 * stop <= start, a time is missing or a subject's times are not
 * ascending; KO_ERR_NOMEM. */
enum ko_status ko_tsplit(size_t n, const double *start, const double *stop,
			 const int *status, const struct ko_tdc *cov,
			 size_t n_cov, struct ko_tsplit *out,
			 struct ko_err *err);

void ko_tsplit_free(struct ko_tsplit *out);

#endif
