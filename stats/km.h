/*
 * km.h - Kaplan-Meier survival curves by group, as R's survival 3.5
 * survfit(Surv(time, status) ~ group) (stype 1, ctype 1): the product
 * limit over the distinct exit times, its standard error and "log"
 * confidence intervals (conf.type's default), and 1 - KM at chosen times
 * through ko_surv_at (summary(fit, times)).
 *
 *     struct ko_km_options opt;
 *     ko_km_options_init(&opt);
 *     if (ko_km_fit(&data, &opt, &fit, err)) goto out;
 *     c = &fit->curve[g];
 *     i = ko_surv_at(c->time, c->ntime, 365.0);   1 - c->surv[i] ...
 *     ko_km_free(fit);
 *
 * data->status is 0 (censored) or 1 (event); weights optional; left
 * truncation (entry, time] with data->entry.  The SE is, as survfit's:
 * Greenwood's (sum of w-weighted d / (n (n - d))), or the infinitesimal
 * jackknife (cuminc.h with one cause), which survfit takes by default when
 * a weight is not a whole number or there are clusters (KO_KM_SE_AUTO, the
 * default, does the same; Greenwood ignores clusters, as survfit with
 * robust = FALSE does).  std_err is the SE of -log S (R's fit$std.err for Greenwood; for
 * the jackknife R stores se(S), here divided by S, so one CI formula
 * serves both).  n_risk, n_event and n_censor are weighted sums, as R's.
 *
 * Ownership: data and options borrowed; the fit belongs to the caller,
 * released with ko_km_free (NULL is fine).
 */
#ifndef KO_KM_H
#define KO_KM_H

#include <stddef.h>

#include "base/error.h"
#include "surv.h"

enum ko_km_se {
	KO_KM_SE_AUTO = 0,   /* survfit's default: IJ if a weight is
				fractional or data->cluster is set */
	KO_KM_SE_GREENWOOD,
	KO_KM_SE_IJ
};

struct ko_km_options {
	double level;      /* 0.95 */
	enum ko_km_se se;  /* KO_KM_SE_AUTO */
};

struct ko_km_curve {
	size_t ntime;
	double *time, *n_risk, *n_event, *n_censor;
	double *surv, *std_err;  /* std_err: SE of log S; Inf once S is 0 */
	double *lower, *upper;   /* NaN where S is 0 */
};

struct ko_km {
	size_t ngroups;
	double level;
	enum ko_km_se se;  /* the one used */
	struct ko_km_curve *curve;
};

void ko_km_options_init(struct ko_km_options *opt);

/* The curve at time t, as summary(fit, times = t): S, its CI and the
 * index of the last time <= t (-1 before the first time, where S and the
 * CI are 1).  Returns 0, or 1 when t is past the group's last time (R's
 * summary leaves such a time out; the values are those at the last). */
int ko_km_at(const struct ko_km_curve *c, double t, double *surv,
	     double *lower, double *upper, long *index);

enum ko_status ko_km_fit(const struct ko_surv_data *data,
			 const struct ko_km_options *opt, struct ko_km **out,
			 struct ko_err *err);

void ko_km_free(struct ko_km *fit);

#endif
