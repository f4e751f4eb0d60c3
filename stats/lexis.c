/*
 * lexis.c - Lexis splitting (lexis.h): the cut points of one person's
 * follow-up are found one at a time, the nearest next break over the
 * scales, so nothing is allocated and a person's pieces come out in time
 * order.  Methods: docs/statistics.md.
 */
#include "lexis.h"

#include <math.h>

#include "surv.h"

static enum ko_status check_breaks(const struct ko_lexis *lx, struct ko_err *err)
{
	size_t s, k;

	if (!lx || lx->nscales < 1 || lx->nscales > KO_LEXIS_MAX_SCALES)
		return ko_err_set(err, KO_ERR_USAGE, "lexis: 1 or 2 time scales, not %zu",
				  lx ? lx->nscales : 0);
	for (s = 0; s < lx->nscales; s++) {
		if (lx->nbreaks[s] && !lx->breaks[s])
			return ko_err_set(err, KO_ERR_USAGE, "lexis: scale %zu has no breaks array", s + 1);
		for (k = 0; k < lx->nbreaks[s]; k++) {
			if (!isfinite(lx->breaks[s][k]))
				return ko_err_set(err, KO_ERR_USAGE,
						  "lexis: break %zu of scale %zu is not finite", k + 1, s + 1);
			if (k && !(lx->breaks[s][k] > lx->breaks[s][k - 1]))
				return ko_err_set(err, KO_ERR_USAGE,
						  "lexis: breaks of scale %zu not strictly increasing at %zu (%g after %g)",
						  s + 1, k + 1, lx->breaks[s][k], lx->breaks[s][k - 1]);
		}
	}
	return KO_OK;
}

enum ko_status ko_lexis_begin(struct ko_lexis_iter *it,
			      const struct ko_lexis *lx, const double *entry,
			      double dur, int event, struct ko_err *err)
{
	enum ko_status st;
	size_t s;

	if ((st = check_breaks(lx, err)))
		return st;
	if (!isfinite(dur) || dur < 0.0)
		return ko_err_set(err, KO_ERR_DATA,
				  "lexis: follow-up %g is not a finite number >= 0 (exit before entry)", dur);
	for (s = 0; s < lx->nscales; s++) {
		if (!isfinite(entry[s]))
			return ko_err_set(err, KO_ERR_DATA,
					  "lexis: entry on time scale %zu is not finite", s + 1);
		it->entry[s] = entry[s];
		/* the band: k with b[k] <= entry < b[k + 1], -1 below b[0] */
		it->band[s] = ko_surv_at(lx->breaks[s], lx->nbreaks[s], entry[s]);
	}
	it->lx = lx;
	it->t = 0.0;
	it->dur = dur;
	it->event = event;
	return KO_OK;
}

int ko_lexis_next(struct ko_lexis_iter *it, struct ko_lexis_piece *pc)
{
	const struct ko_lexis *lx = it->lx;
	double cut = it->dur;
	size_t s;

	if (!(it->t < it->dur))
		return 0;
	/* the nearest next break on any scale, as time on study */
	for (s = 0; s < lx->nscales; s++) {
		size_t k = (size_t)(it->band[s] + 1);

		if (k < lx->nbreaks[s]) {
			double c = lx->breaks[s][k] - it->entry[s];

			if (c < cut)
				cut = c;
		}
	}
	for (s = 0; s < lx->nscales; s++) {
		pc->start[s] = it->entry[s] + it->t;
		pc->band[s] = it->band[s];
	}
	for (; s < KO_LEXIS_MAX_SCALES; s++) {
		pc->start[s] = NAN;
		pc->band[s] = -1;
	}
	pc->dur = cut - it->t;
	pc->event = cut == it->dur ? it->event : 0;
	/* past the cut: every scale whose next break is reached moves on */
	for (s = 0; s < lx->nscales; s++) {
		size_t k = (size_t)(it->band[s] + 1);

		while (k < lx->nbreaks[s] && lx->breaks[s][k] - it->entry[s] <= cut)
			k++;
		it->band[s] = (long)k - 1;
	}
	it->t = cut;
	return 1;
}
