/*
 * lexis.h - Lexis splitting: one person's follow-up (entry, exit] on one or
 * two time scales that advance together (age and calendar time, say) cut
 * at each scale's breaks into pieces, as Epi::splitLexis (2.47) and
 * survival::survSplit do.  A piece carries each scale's value at its
 * start, its band on each scale, its length, and the event, which only
 * the last piece of a person can carry.
 *
 *     struct ko_lexis lx = { 2, { age_breaks, cal_breaks }, { na, nc } };
 *     struct ko_lexis_iter it;
 *     struct ko_lexis_piece pc;
 *     if (ko_lexis_begin(&it, &lx, entry, dur, event, err)) goto out;
 *     while (ko_lexis_next(&it, &pc))
 *             ... pc.start[0], pc.band[1], pc.dur, pc.event ...
 *
 * Streaming: the iterator lives in the caller's memory and allocates
 * nothing, so a million persons are split without a per-row allocation.
 *
 * Follow-up outside the breaks is kept, as splitLexis and survSplit keep
 * it: band -1 before a scale's first break, nbreaks - 1 from its last
 * break on (a caller who wants popEpi's drop = TRUE skips those pieces).
 * A person with no follow-up (dur 0) gives no piece (splitLexis drops
 * such rows).  The cut points are entry-relative times b - entry[s], and
 * every length is a difference of two of them, so with whole-day inputs
 * (dates and ages in days) the pieces are whole days and add up to the
 * person's follow-up exactly.
 *
 * Ownership: the breaks are borrowed and must outlive the iterator.
 */
#ifndef KO_LEXIS_H
#define KO_LEXIS_H

#include <stddef.h>

#include "base/error.h"

#define KO_LEXIS_MAX_SCALES 2

struct ko_lexis {
	size_t nscales;                              /* 1 or 2 */
	const double *breaks[KO_LEXIS_MAX_SCALES];   /* strictly increasing */
	size_t nbreaks[KO_LEXIS_MAX_SCALES];
};

struct ko_lexis_piece {
	double start[KO_LEXIS_MAX_SCALES]; /* each scale at the piece's start */
	double dur;                        /* > 0 */
	/* k with breaks[k] <= start < breaks[k + 1]; -1 before the first
	 * break, nbreaks - 1 at or after the last */
	long band[KO_LEXIS_MAX_SCALES];
	int event;                         /* the person's status, last piece */
};

struct ko_lexis_iter {
	const struct ko_lexis *lx;
	double entry[KO_LEXIS_MAX_SCALES];
	double t, dur;                     /* time on study so far, total */
	long band[KO_LEXIS_MAX_SCALES];
	int event;
};

/* Checks the breaks (finite, strictly increasing, 1-2 scales) and the
 * person (finite entry values, finite dur >= 0); KO_ERR_USAGE or
 * KO_ERR_DATA with the value named.  event: the status at exit (0 for
 * censored, or a state code). */
enum ko_status ko_lexis_begin(struct ko_lexis_iter *it,
			      const struct ko_lexis *lx, const double *entry,
			      double dur, int event, struct ko_err *err);

/* The next piece into *pc: 1, or 0 when the person is done. */
int ko_lexis_next(struct ko_lexis_iter *it, struct ko_lexis_piece *pc);

#endif
