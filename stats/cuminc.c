/*
 * cuminc.c - Aalen-Johansen cumulative incidence (cuminc.h).  The walk
 * over the distinct exit times is survival's survfitci.c for the
 * competing-risks case: at each time the event-free persons at risk (entry
 * < t <= exit) give the transition matrix H (row 0: d_k / n to cause k,
 * 1 - d / n to stay; the causes absorbing), p(t) = p(t-) H, and each
 * person's influence row U_i = U_i H + dH/dw_i p(t-), which for a person
 * at risk is p_0(t-) / n times (e_{state after t} - H row 0).  Methods:
 * docs/statistics.md.
 */
#include "cuminc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"

void ko_cuminc_options_init(struct ko_cuminc_options *opt)
{
	opt->level = 0.95;
	opt->se = 1;
}

static void curve_release(struct ko_cuminc_curve *c)
{
	free(c->time);
	free(c->n_risk);
	free(c->n_event);
	free(c->n_censor);
	free(c->pstate);
	free(c->std_err);
	free(c->lower);
	free(c->upper);
}

void ko_cuminc_free(struct ko_cuminc *fit)
{
	size_t g;

	if (!fit)
		return;
	for (g = 0; fit->curve && g < fit->ngroups; g++)
		curve_release(&fit->curve[g]);
	free(fit->curve);
	free(fit);
}

static int curve_alloc(struct ko_cuminc_curve *c, size_t ntime, size_t nstate, int se)
{
	size_t m = ntime ? ntime : 1;

	c->ntime = ntime;
	c->nstate = nstate;
	c->time = malloc(m * sizeof *c->time);
	c->n_risk = malloc(m * sizeof *c->n_risk);
	c->n_event = malloc(m * (nstate - 1) * sizeof *c->n_event);
	c->n_censor = malloc(m * sizeof *c->n_censor);
	c->pstate = malloc(m * nstate * sizeof *c->pstate);
	if (se) {
		c->std_err = malloc(m * nstate * sizeof *c->std_err);
		c->lower = malloc(m * nstate * sizeof *c->lower);
		c->upper = malloc(m * nstate * sizeof *c->upper);
	}
	return c->time && c->n_risk && c->n_event && c->n_censor && c->pstate &&
	       (!se || (c->std_err && c->lower && c->upper));
}

/* survfit_confint(p, se, logse = FALSE, "log"): NaN where p is 0. */
static void conf_log(double p, double se, double z, double *lo, double *hi)
{
	double s = se == 0.0 ? 0.0 : se / p;

	if (!(p > 0.0)) {
		*lo = *hi = NAN;
		return;
	}
	*lo = exp(log(p) - z * s);
	*hi = exp(log(p) + z * s);
	if (*hi > 1.0)
		*hi = 1.0;
}

/* Scratch for one group's walk. */
struct walk {
	const struct ko_surv_data *d;
	size_t ncause, nstate;
	const size_t *ot, *oe; /* the group's rows by exit, by entry */
	size_t m;
	size_t *local;         /* row -> index in ot (n) */
	double *u;             /* m x nstate influence rows */
	unsigned char *atrisk; /* m */
	double *dk;            /* ncause: weighted events at this time */
	double *p;             /* nstate */
	double *h0;            /* nstate: row 0 of H */
};

static double wt(const struct ko_surv_data *d, size_t r)
{
	return d->weight ? d->weight[r] : 1.0;
}

/* The distinct exit times among the m rows ot (sorted). */
static size_t count_times(const struct ko_surv_data *d, const size_t *ot, size_t m)
{
	size_t i, k = 0;

	for (i = 0; i < m; i++)
		k += i == 0 || d->time[ot[i]] != d->time[ot[i - 1]];
	return k;
}

/* U = U H, then the dH term for those at risk (survfitci.c's two steps):
 * a person at risk at ct moves to its status if it exits at ct with an
 * event, else stays event-free. */
static void influence_step(struct walk *w, double ct, double ws0, const double *h0)
{
	size_t j, k, S = w->nstate;
	double c = w->p[0] / ws0;

	for (j = 0; j < w->m; j++) {
		double *u = w->u + j * S, u0 = u[0];

		if (u0 != 0.0) {
			u[0] = u0 * h0[0];
			for (k = 1; k < S; k++)
				u[k] += u0 * h0[k];
		}
	}
	for (j = 0; j < w->m; j++) {
		size_t r = w->ot[j];
		double *u = w->u + j * S;
		size_t to = w->d->time[r] == ct ? (size_t)w->d->status[r] : 0;

		if (!w->atrisk[j])
			continue;
		for (k = 0; k < S; k++)
			u[k] -= h0[k] * c;
		u[to] += c;
	}
}

/* sqrt(sum_i (w_i U_ik)^2) for each state k: over everyone who has
 * entered (the others' rows are 0). */
static void influence_se(const struct walk *w, double *se)
{
	size_t j, k, S = w->nstate;

	for (k = 0; k < S; k++)
		se[k] = 0.0;
	for (j = 0; j < w->m; j++) {
		double ww = wt(w->d, w->ot[j]);
		const double *u = w->u + j * S;

		for (k = 0; k < S; k++)
			se[k] += ww * ww * u[k] * u[k];
	}
	for (k = 0; k < S; k++)
		se[k] = sqrt(se[k]);
}

/* One group's curve: the walk over its distinct exit times. */
static void walk_group(struct walk *w, struct ko_cuminc_curve *c, double z, int se)
{
	const struct ko_surv_data *d = w->d;
	size_t S = w->nstate, K = w->ncause, i = 0, e = 0, it = 0, j, k;
	double ws0 = 0.0, ns0 = 0.0, *h0 = w->h0;

	w->p[0] = 1.0;
	for (k = 1; k < S; k++)
		w->p[k] = 0.0;
	memset(w->atrisk, 0, w->m);
	if (se)
		memset(w->u, 0, w->m * S * sizeof *w->u);
	if (!d->entry) { /* everyone at risk from the start */
		for (j = 0; j < w->m; j++) {
			w->atrisk[j] = 1;
			ws0 += wt(d, w->ot[j]);
		}
		ns0 = (double)w->m;
	}
	while (i < w->m) {
		double ct = d->time[w->ot[i]], wevent = 0.0, ncens = 0.0;

		for (; d->entry && e < w->m && d->entry[w->oe[e]] < ct; e++) {
			w->atrisk[w->local[w->oe[e]]] = 1;
			ws0 += wt(d, w->oe[e]);
			ns0 += 1.0;
		}
		for (k = 0; k < K; k++) {
			w->dk[k] = 0.0;
			c->n_event[it * K + k] = 0.0;
		}
		for (j = i; j < w->m && d->time[w->ot[j]] == ct; j++) {
			size_t r = w->ot[j];
			int st = d->status[r];

			if (st > 0) {
				w->dk[st - 1] += wt(d, r);
				c->n_event[it * K + (size_t)st - 1] += 1.0;
				wevent += wt(d, r);
			} else {
				ncens += 1.0;
			}
		}
		if (wevent > 0.0) {
			h0[0] = 1.0 - wevent / ws0;
			for (k = 1; k < S; k++)
				h0[k] = w->dk[k - 1] / ws0;
			if (se)
				influence_step(w, ct, ws0, h0);
			for (k = 1; k < S; k++)
				w->p[k] += w->p[0] * h0[k];
			w->p[0] *= h0[0];
		}
		c->time[it] = ct;
		c->n_risk[it] = ns0;
		c->n_censor[it] = ncens;
		for (k = 0; k < S; k++)
			c->pstate[it * S + k] = w->p[k];
		if (se) {
			influence_se(w, c->std_err + it * S);
			for (k = 0; k < S; k++)
				conf_log(w->p[k], c->std_err[it * S + k], z,
					 &c->lower[it * S + k], &c->upper[it * S + k]);
		}
		for (; i < w->m && d->time[w->ot[i]] == ct; i++) { /* out of the risk set */
			w->atrisk[i] = 0;
			ws0 -= wt(d, w->ot[i]);
			ns0 -= 1.0;
		}
		it++;
	}
}

enum ko_status ko_cuminc_fit(const struct ko_surv_data *data, size_t ncause,
			     const struct ko_cuminc_options *opt,
			     struct ko_cuminc **out, struct ko_err *err)
{
	struct ko_cuminc *f = NULL;
	struct walk w;
	size_t *ot = NULL, *st = NULL, *oe = NULL, *se_start = NULL, g, j, mmax = 0;
	enum ko_status rc;
	double z;

	memset(&w, 0, sizeof w);
	if (!opt || !(opt->level > 0.0 && opt->level < 1.0) || ncause < 1)
		return ko_err_set(err, KO_ERR_USAGE, "cuminc: bad options (level %g, %zu causes)",
				  opt ? opt->level : NAN, ncause);
	if ((rc = ko_surv_check(data, ncause, err)))
		return rc;
	if ((rc = ko_surv_order(data, 0, &ot, &st, err)))
		return rc;
	if (data->entry && (rc = ko_surv_order(data, 1, &oe, &se_start, err)))
		goto out;
	z = ko_ci_z(opt->level);
	for (g = 0; g < data->ngroups; g++)
		if (st[g + 1] - st[g] > mmax)
			mmax = st[g + 1] - st[g];
	w.d = data;
	w.ncause = ncause;
	w.nstate = ncause + 1;
	w.local = malloc(data->n * sizeof *w.local);
	w.atrisk = malloc(mmax ? mmax : 1);
	w.dk = malloc(ncause * sizeof *w.dk);
	w.p = malloc(w.nstate * sizeof *w.p);
	w.h0 = malloc(w.nstate * sizeof *w.h0);
	w.u = opt->se ? malloc((mmax ? mmax : 1) * w.nstate * sizeof *w.u) : NULL;
	f = calloc(1, sizeof *f);
	if (f)
		f->curve = calloc(data->ngroups, sizeof *f->curve);
	if (!w.local || !w.atrisk || !w.dk || !w.p || !w.h0 || (opt->se && !w.u) || !f || !f->curve) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "cuminc: out of memory (n = %zu)", data->n);
		goto out;
	}
	f->ngroups = data->ngroups;
	f->ncause = ncause;
	f->level = opt->level;
	for (g = 0; g < data->ngroups; g++) {
		w.ot = ot + st[g];
		w.oe = oe ? oe + se_start[g] : NULL;
		w.m = st[g + 1] - st[g];
		for (j = 0; j < w.m; j++)
			w.local[w.ot[j]] = j;
		if (!curve_alloc(&f->curve[g], count_times(data, w.ot, w.m), w.nstate, opt->se)) {
			rc = ko_err_set(err, KO_ERR_NOMEM, "cuminc: out of memory (n = %zu)", data->n);
			goto out;
		}
		walk_group(&w, &f->curve[g], z, opt->se);
	}
	*out = f;
	f = NULL;
	rc = KO_OK;
out:
	free(ot);
	free(st);
	free(oe);
	free(se_start);
	free(w.local);
	free(w.atrisk);
	free(w.dk);
	free(w.p);
	free(w.h0);
	free(w.u);
	ko_cuminc_free(f);
	return rc;
}
