/*
 * km.c - Kaplan-Meier curves (km.h): one pass over each group's rows in
 * exit order, the risk set grown from the entry order under left
 * truncation.  The jackknife SE is cuminc.c's with one cause (S = its
 * state 0).  Methods: docs/statistics.md.
 */
#include "km.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"
#include "cuminc.h"

void ko_km_options_init(struct ko_km_options *opt)
{
	opt->level = 0.95;
	opt->se = KO_KM_SE_AUTO;
}

void ko_km_free(struct ko_km *fit)
{
	if (fit)
		ko_surv_curves_free(fit, fit->curve, fit->ngroups, sizeof *fit->curve,
				    offsetof(struct ko_km_curve, time));
}

int ko_km_at(const struct ko_km_curve *c, double t, double *surv,
	     double *lower, double *upper, long *index)
{
	long i = ko_surv_at(c->time, c->ntime, t);

	*index = i;
	if (i < 0) {
		*surv = *lower = *upper = 1.0;
		return 0;
	}
	*surv = c->surv[i];
	*lower = c->lower[i];
	*upper = c->upper[i];
	return t > c->time[c->ntime - 1];
}

static double wt(const struct ko_surv_data *d, size_t r)
{
	return d->weight ? d->weight[r] : 1.0;
}

static int curve_alloc(struct ko_km_curve *c, size_t ntime)
{
	c->ntime = ntime;
	return !ko_surv_steps_alloc(ntime, 1, 1, 1, &c->time, &c->n_risk,
				    &c->n_event, &c->n_censor, &c->surv,
				    &c->std_err, &c->lower, &c->upper);
}

/* survfit_confint(S, se of log S, "log"): NaN where S is 0. */
static void conf_log(struct ko_km_curve *c, size_t i, double z)
{
	double s = c->surv[i];

	if (!(s > 0.0)) {
		c->lower[i] = c->upper[i] = NAN;
		return;
	}
	c->lower[i] = exp(log(s) - z * c->std_err[i]);
	c->upper[i] = exp(log(s) + z * c->std_err[i]);
	if (c->upper[i] > 1.0)
		c->upper[i] = 1.0;
}

/* One group: rows ot (by exit), oe (by entry, NULL without truncation). */
static enum ko_status km_group(const struct ko_surv_data *d, const size_t *ot,
			       const size_t *oe, size_t m,
			       struct ko_km_curve *c, struct ko_err *err)
{
	size_t i = 0, e = 0, it = 0, k = 0, j;
	double n = 0.0, s = 1.0, varhaz = 0.0;

	for (j = 0; j < m; j++)
		k += j == 0 || d->time[ot[j]] != d->time[ot[j - 1]];
	if (!curve_alloc(c, k))
		return ko_err_set(err, KO_ERR_NOMEM, "km: out of memory (%zu times)", k);
	if (!oe)
		for (j = 0; j < m; j++)
			n += wt(d, ot[j]);
	while (i < m) {
		double ct = d->time[ot[i]], dw = 0.0, cw = 0.0;

		for (; oe && e < m && d->entry[oe[e]] < ct; e++)
			n += wt(d, oe[e]);
		for (j = i; j < m && d->time[ot[j]] == ct; j++) {
			if (d->status[ot[j]])
				dw += wt(d, ot[j]);
			else
				cw += wt(d, ot[j]);
		}
		if (dw > 0.0) {
			s *= 1.0 - dw / n;
			varhaz += n > dw ? dw / (n * (n - dw)) : INFINITY;
		}
		c->time[it] = ct;
		c->n_risk[it] = n;
		c->n_event[it] = dw;
		c->n_censor[it] = cw;
		c->surv[it] = s;
		c->std_err[it] = sqrt(varhaz);
		n -= dw + cw;
		i = j;
		it++;
	}
	return KO_OK;
}

/* The jackknife SE of log S from the one-cause Aalen-Johansen fit. */
static enum ko_status km_ij(const struct ko_surv_data *d, struct ko_km *f,
			    struct ko_err *err)
{
	struct ko_cuminc_options o;
	struct ko_cuminc *aj = NULL;
	enum ko_status rc;
	size_t g, i;

	ko_cuminc_options_init(&o);
	o.level = f->level;
	if ((rc = ko_cuminc_fit(d, 1, &o, &aj, err)))
		return rc;
	for (g = 0; g < f->ngroups; g++) {
		const struct ko_cuminc_curve *a = &aj->curve[g];
		struct ko_km_curve *c = &f->curve[g];

		for (i = 0; i < c->ntime && i < a->ntime; i++)
			c->std_err[i] = c->surv[i] > 0.0 ?
						a->std_err[i * 2] / c->surv[i] : INFINITY;
	}
	ko_cuminc_free(aj);
	return KO_OK;
}

enum ko_status ko_km_fit(const struct ko_surv_data *data,
			 const struct ko_km_options *opt, struct ko_km **out,
			 struct ko_err *err)
{
	struct ko_km *f = NULL;
	struct ko_surv_orders o;
	size_t g, i;
	enum ko_status rc;
	double z;

	if (!opt || !(opt->level > 0.0 && opt->level < 1.0))
		return ko_err_set(err, KO_ERR_USAGE, "km: bad options (level %g)",
				  opt ? opt->level : NAN);
	if ((rc = ko_surv_check(data, 1, err)))
		return rc;
	if ((rc = ko_surv_orders_make(data, &o, err)))
		return rc;
	if (!(f = calloc(1, sizeof *f)) || !(f->curve = calloc(data->ngroups, sizeof *f->curve))) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "km: out of memory");
		goto out;
	}
	f->ngroups = data->ngroups;
	f->level = opt->level;
	f->se = opt->se;
	if (f->se == KO_KM_SE_AUTO) {
		f->se = data->cluster ? KO_KM_SE_IJ : KO_KM_SE_GREENWOOD;
		for (i = 0; data->weight && i < data->n; i++)
			if (data->weight[i] != floor(data->weight[i]))
				f->se = KO_KM_SE_IJ;
	}
	for (g = 0; g < data->ngroups; g++)
		if ((rc = km_group(data, o.ot + o.st[g],
				   o.oe ? o.oe + o.se_start[g] : NULL,
				   o.st[g + 1] - o.st[g], &f->curve[g], err)))
			goto out;
	if (f->se == KO_KM_SE_IJ && (rc = km_ij(data, f, err)))
		goto out;
	z = ko_ci_z(opt->level);
	for (g = 0; g < data->ngroups; g++)
		for (i = 0; i < f->curve[g].ntime; i++)
			conf_log(&f->curve[g], i, z);
	*out = f;
	f = NULL;
	rc = KO_OK;
out:
	ko_surv_orders_free(&o);
	ko_km_free(f);
	return rc;
}
