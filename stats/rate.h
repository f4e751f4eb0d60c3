/*
 * rate.h - incidence rates with exact Poisson confidence intervals, as R's
 * poisson.test(x, T)$conf.int and epitools' pois.exact: for x events in T
 * person-years, the rate x / T and the interval
 *
 *     [ qgamma(a/2, x) / T, qgamma(1 - a/2, x + 1) / T ],  a = 1 - level
 *
 * (the lower end is 0 when x = 0), each multiplied by per (1000 for a
 * rate per 1,000 person-years).  Pure statistics: no I/O.
 *
 *     struct ko_rate r;
 *     if (ko_rate_exact(events, pyears, 0.95, 1000.0, &r, err)) goto out;
 *     ... r.rate, r.low, r.high per 1,000 person-years ...
 *
 * The events of split follow-up (lexis.h) are added up by group with
 * ko_rate_add into a caller's array; no allocation here.
 */
#ifndef KO_RATE_H
#define KO_RATE_H

#include <stddef.h>

#include "base/error.h"

struct ko_rate {
	double events, pyears; /* the inputs */
	double rate, low, high; /* per `per` person-years */
	double level, per;
};

/* The rate and its exact interval.  events: a whole number >= 0; pyears
 * > 0 and finite; level in (0, 1); per > 0.  Bad input is KO_ERR_DATA or
 * KO_ERR_USAGE with the value named; out is written only on success. */
enum ko_status ko_rate_exact(double events, double pyears, double level,
			     double per, struct ko_rate *out,
			     struct ko_err *err);

/* Sums for a group: events and person-years added one piece at a time. */
struct ko_rate_sum {
	double events, pyears;
};

static inline void ko_rate_add(struct ko_rate_sum *s, double event,
			       double pyears)
{
	s->events += event;
	s->pyears += pyears;
}

#endif
