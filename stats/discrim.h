/*
 * discrim.h - discrimination and calibration of a fitted binary model.
 *
 * C-statistic (area under the ROC curve) with DeLong's variance and CI,
 * as pROC's auc() / ci.auc(method = "delong"): ties count one half, the CI
 * is AUC +/- z * SE clipped to [0, 1].  O(n) by one radix sort.
 *
 * Hosmer-Lemeshow goodness-of-fit test as ResourceSelection::hoslem.test:
 * groups cut at the quantiles (R's type 7) of the fitted probabilities
 * (duplicate cut points merged, intervals closed on the right, the first
 * closed on both sides), chi-square over observed and expected events and
 * non-events of every group, df = groups - 2 (the number asked for, as
 * hoslem.test, even when tied cut points merged some).
 *
 * Pure statistics on arrays; nothing is kept.
 */
#ifndef KO_DISCRIM_H
#define KO_DISCRIM_H

#include <stddef.h>

#include "base/error.h"

struct ko_auc {
	double auc;
	double se;           /* DeLong */
	double conf_low, conf_high;
	size_t n_events, n_nonevents;
};

/* y: 0/1 outcomes, score: fitted probabilities (or any score, higher =
 * more likely an event), n rows.  Errors: y not 0/1, NaN scores, fewer
 * than 2 events or non-events (pROC's NA) as KO_ERR_DATA. */
enum ko_status ko_discrim_auc(const double *y, const double *score, size_t n,
			      double level, struct ko_auc *out,
			      struct ko_err *err);

#define KO_HL_MAX_GROUPS 100

struct ko_hoslem {
	double chisq;
	double df;
	double p_value;
	size_t n_groups;   /* groups actually formed */
	size_t size[KO_HL_MAX_GROUPS];
	double observed[KO_HL_MAX_GROUPS];   /* events per group */
	double expected[KO_HL_MAX_GROUPS];   /* sum of fitted per group */
};

/* Hosmer-Lemeshow with g groups (10 is usual; 3 <= g <= KO_HL_MAX_GROUPS).
 * y: 0/1 (or proportions, as hoslem.test accepts), fitted in [0, 1]. */
enum ko_status ko_discrim_hoslem(const double *y, const double *fitted,
				 size_t n, int g, struct ko_hoslem *out,
				 struct ko_err *err);

#endif
