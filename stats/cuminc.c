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
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"

void ko_cuminc_options_init(struct ko_cuminc_options *opt)
{
	opt->level = 0.95;
	opt->se = 1;
	opt->se_direct = 0;
}

void ko_cuminc_free(struct ko_cuminc *fit)
{
	if (fit)
		ko_surv_curves_free(fit, fit->curve, fit->ngroups, sizeof *fit->curve,
				    offsetof(struct ko_cuminc_curve, time));
}

static int curve_alloc(struct ko_cuminc_curve *c, size_t ntime, size_t nstate, int se)
{
	c->ntime = ntime;
	c->nstate = nstate;
	return !ko_surv_steps_alloc(ntime, nstate - 1, nstate, se, &c->time,
				    &c->n_risk, &c->n_event, &c->n_censor,
				    &c->pstate, &c->std_err, &c->lower,
				    &c->upper);
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
	double *dy;            /* ncause: scratch */
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

/* sqrt(sum_c (sum_{i in c} w_i U_ik)^2) for each state k, over everyone
 * who has entered (the others' rows are 0); without clusters each person
 * is its own.  acc: ncluster x nstate scratch (clusters only). */
static void influence_se(const struct walk *w, double *acc, double *se)
{
	const struct ko_surv_data *d = w->d;
	size_t j, k, c, S = w->nstate;

	for (k = 0; k < S; k++)
		se[k] = 0.0;
	if (d->cluster)
		memset(acc, 0, d->ncluster * S * sizeof *acc);
	for (j = 0; j < w->m; j++) {
		double ww = wt(d, w->ot[j]);
		const double *u = w->u + j * S;

		for (k = 0; k < S; k++) {
			if (d->cluster)
				acc[(size_t)d->cluster[w->ot[j]] * S + k] += ww * u[k];
			else
				se[k] += ww * ww * u[k] * u[k];
		}
	}
	for (c = 0; d->cluster && c < d->ncluster; c++)
		for (k = 0; k < S; k++)
			se[k] += acc[c * S + k] * acc[c * S + k];
	for (k = 0; k < S; k++)
		se[k] = sqrt(se[k]);
}

/* ---- the jackknife variance by running sums --------------------------------
 *
 * A person's influence row is a sum of terms v(s) added at the event times
 * s it is at risk at, each carried on by the transition matrices after s,
 * whose product from s to t is, with S = p_0 and F_k = p_k after each step,
 * P_00 = S(t) / S(s), P_0k = (F_k(t) - F_k(s)) / S(s), P_kk = 1.  So
 *
 *     U_i0(t) = S(t) A_i(t),   U_ik(t) = F_k(t) A_i(t) + D_ik(t),
 *
 * A_i = sum_s v_0(s) / S(s), D_ik = sum_s (v_k(s) - v_0(s) F_k(s) / S(s)).
 * For a person still at risk, A and D are a running total (alpha, beta_k)
 * less its value at entry; at the exit they freeze, with the event's own
 * term.  A cluster's weighted sums X = sum w_i A_i and Y_k = sum w_i D_ik
 * are therefore m alpha + x and m beta_k + y_k, with m the weight of its
 * members at risk, and the variance sum_c (w-summed U)^2 is F_k^2 sum X^2
 * + 2 F_k sum X Y_k + sum Y_k^2, each a polynomial in alpha and beta_k
 * with coefficients (sum m^2, sum m x, ...) kept up to date as members
 * enter and leave: O(n + times x causes) in all, where survfitci.c's
 * update of every row is O(n x times).  Without clusters each person is
 * its own.  Where S(s) is 0 every person at risk has had its event and
 * the terms divided by S(s) are 0 (their v_0 is 0). */

struct ij_sums {
	double alpha, *beta;              /* running totals (beta: K) */
	double m2, mx, x2;                /* sum over clusters of m^2, m x, x^2 */
	double *my, *xy, *y2;             /* K each: sum m y_k, x y_k, y_k^2 */
	double *cl;                       /* per cluster: m, x, y_1..y_K */
	double c, snew;                   /* this time's step: p_0(t-) / n, S(t) */
	int stepped;
};

static void ij_reset(struct ij_sums *q, size_t K, size_t nclusters)
{
	size_t k;

	q->alpha = q->m2 = q->mx = q->x2 = 0.0;
	for (k = 0; k < K; k++)
		q->beta[k] = q->my[k] = q->xy[k] = q->y2[k] = 0.0;
	memset(q->cl, 0, nclusters * (2 + K) * sizeof *q->cl);
	q->stepped = 0;
}

/* Cluster c's (m, x, y) += (dm, dx, dy), its terms in the sums replaced. */
static void ij_cluster_add(struct ij_sums *q, size_t K, size_t c, double dm,
			   double dx, const double *dy)
{
	double *v = q->cl + c * (2 + K);
	size_t k;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		double sg = pass ? 1.0 : -1.0, m = v[0], x = v[1];

		q->m2 += sg * m * m;
		q->mx += sg * m * x;
		q->x2 += sg * x * x;
		for (k = 0; k < K; k++) {
			double y = v[2 + k];

			q->my[k] += sg * m * y;
			q->xy[k] += sg * x * y;
			q->y2[k] += sg * y * y;
		}
		if (!pass) {
			v[0] += dm;
			v[1] += dx;
			for (k = 0; k < K; k++)
				v[2 + k] += dy[k];
		}
	}
}

static size_t cluster_of(const struct walk *w, size_t j, size_t r)
{
	return w->d->cluster ? (size_t)w->d->cluster[r] : j;
}

/* Person j (row r) enters the risk set: its entry values into u[j]. */
static void ij_enter(struct walk *w, struct ij_sums *q, size_t j, size_t r)
{
	size_t k, K = w->ncause;
	double ww = wt(w->d, r), *u = w->u + j * w->nstate, *dy = w->dy;

	u[0] = q->alpha;
	for (k = 0; k < K; k++) {
		u[1 + k] = q->beta[k];
		dy[k] = -ww * q->beta[k];
	}
	ij_cluster_add(q, K, cluster_of(w, j, r), ww, -ww * q->alpha, dy);
}

/* The step at this time: the non-event term of everyone at risk into the
 * running totals (w->p is already p(t); p0 is p_0(t-)). */
static void ij_step(struct walk *w, struct ij_sums *q, double p0, double ws0, double wevent)
{
	size_t k, K = w->ncause;
	double c = p0 / ws0, s = w->p[0];

	q->c = c;
	q->snew = s;
	q->stepped = 1;
	if (s > 0.0)
		q->alpha += c * (wevent / ws0) / s;
	for (k = 0; k < K; k++)
		q->beta[k] += -c * w->dk[k] / ws0 -
			      (s > 0.0 ? c * (wevent / ws0) * w->p[1 + k] / s : 0.0);
}

/* Person j (row r) leaves at this time: its part of its cluster goes from
 * m alpha - w a0 to the frozen w A (with its event's term), likewise D. */
static void ij_exit(struct walk *w, struct ij_sums *q, size_t j, size_t r)
{
	size_t k, K = w->ncause;
	double ww = wt(w->d, r), *u = w->u + j * w->nstate, *dy = w->dy;
	double a0 = u[0], A = q->alpha - a0;
	int st = w->d->status[r];

	if (st > 0 && q->stepped && q->snew > 0.0)
		A -= q->c / q->snew;
	for (k = 0; k < K; k++) {
		double b0 = u[1 + k], D = q->beta[k] - b0;

		if (st > 0 && q->stepped) {
			if (q->snew > 0.0)
				D += q->c * w->p[1 + k] / q->snew;
			if ((size_t)st == k + 1)
				D += q->c;
		}
		dy[k] = ww * b0 + ww * D;
	}
	ij_cluster_add(q, K, cluster_of(w, j, r), -ww, ww * a0 + ww * A, dy);
}

/* The SE of each state at this time from the sums. */
static void ij_se(const struct walk *w, const struct ij_sums *q, double *se)
{
	size_t k, K = w->ncause;
	double al = q->alpha;
	double xx = al * al * q->m2 + 2.0 * al * q->mx + q->x2;

	se[0] = w->p[0] * sqrt(xx > 0.0 ? xx : 0.0);
	for (k = 0; k < K; k++) {
		double be = q->beta[k], f = w->p[1 + k];
		double xy = al * be * q->m2 + al * q->my[k] + be * q->mx + q->xy[k];
		double yy = be * be * q->m2 + 2.0 * be * q->my[k] + q->y2[k];
		double v = f * f * xx + 2.0 * f * xy + yy;

		se[1 + k] = sqrt(v > 0.0 ? v : 0.0);
	}
}

/* One group's curve: the walk over its distinct exit times.  se: 0 none,
 * 1 the jackknife by running sums, 2 by survfitci.c's direct update. */
static void walk_group(struct walk *w, struct ij_sums *q,
		       struct ko_cuminc_curve *c, double z, int se)
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
	if (se == 1)
		ij_reset(q, K, d->cluster ? d->ncluster : w->m);
	if (!d->entry) { /* everyone at risk from the start */
		for (j = 0; j < w->m; j++) {
			w->atrisk[j] = 1;
			ws0 += wt(d, w->ot[j]);
			if (se == 1)
				ij_enter(w, q, j, w->ot[j]);
		}
		ns0 = (double)w->m;
	}
	while (i < w->m) {
		double ct = d->time[w->ot[i]], wevent = 0.0, ncens = 0.0;

		for (; d->entry && e < w->m && d->entry[w->oe[e]] < ct; e++) {
			w->atrisk[w->local[w->oe[e]]] = 1;
			ws0 += wt(d, w->oe[e]);
			ns0 += 1.0;
			if (se == 1)
				ij_enter(w, q, w->local[w->oe[e]], w->oe[e]);
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
		q->stepped = 0;
		if (wevent > 0.0) {
			double p0 = w->p[0];

			h0[0] = 1.0 - wevent / ws0;
			for (k = 1; k < S; k++)
				h0[k] = w->dk[k - 1] / ws0;
			if (se == 2)
				influence_step(w, ct, ws0, h0);
			for (k = 1; k < S; k++)
				w->p[k] += w->p[0] * h0[k];
			w->p[0] *= h0[0];
			if (se == 1)
				ij_step(w, q, p0, ws0, wevent);
		}
		if (se == 1)
			for (j = i; j < w->m && d->time[w->ot[j]] == ct; j++)
				ij_exit(w, q, j, w->ot[j]);
		c->time[it] = ct;
		c->n_risk[it] = ns0;
		c->n_censor[it] = ncens;
		for (k = 0; k < S; k++)
			c->pstate[it * S + k] = w->p[k];
		if (se) {
			if (se == 1)
				ij_se(w, q, c->std_err + it * S);
			else
				influence_se(w, q->cl, c->std_err + it * S);
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
	struct ij_sums q;
	double *qmem = NULL;
	struct walk w;
	struct ko_surv_orders o;
	size_t g, j, mmax = 0, ncl;
	enum ko_status rc;
	double z;

	memset(&w, 0, sizeof w);
	memset(&q, 0, sizeof q);
	if (!opt || !(opt->level > 0.0 && opt->level < 1.0) || ncause < 1)
		return ko_err_set(err, KO_ERR_USAGE, "cuminc: bad options (level %g, %zu causes)",
				  opt ? opt->level : NAN, ncause);
	if ((rc = ko_surv_check(data, ncause, err)))
		return rc;
	if ((rc = ko_surv_orders_make(data, &o, err)))
		return rc;
	z = ko_ci_z(opt->level);
	for (g = 0; g < data->ngroups; g++)
		if (o.st[g + 1] - o.st[g] > mmax)
			mmax = o.st[g + 1] - o.st[g];
	w.d = data;
	w.ncause = ncause;
	w.nstate = ncause + 1;
	w.local = malloc(data->n * sizeof *w.local);
	w.atrisk = malloc(mmax ? mmax : 1);
	w.dk = malloc(ncause * sizeof *w.dk);
	w.p = malloc(w.nstate * sizeof *w.p);
	w.h0 = malloc(w.nstate * sizeof *w.h0);
	w.dy = malloc(ncause * sizeof *w.dy);
	w.u = opt->se ? malloc((mmax ? mmax : 1) * w.nstate * sizeof *w.u) : NULL;
	ncl = data->cluster ? data->ncluster : mmax; /* clusters, or persons */
	qmem = malloc((4 * ncause + (ncl ? ncl : 1) * (2 + ncause)) * sizeof *qmem);
	if (qmem) {
		q.beta = qmem;
		q.my = qmem + ncause;
		q.xy = qmem + 2 * ncause;
		q.y2 = qmem + 3 * ncause;
		q.cl = qmem + 4 * ncause;
	}
	f = calloc(1, sizeof *f);
	if (f)
		f->curve = calloc(data->ngroups, sizeof *f->curve);
	if (!w.local || !w.atrisk || !w.dk || !w.p || !w.h0 || !w.dy || !qmem || (opt->se && !w.u) || !f || !f->curve) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "cuminc: out of memory (n = %zu)", data->n);
		goto out;
	}
	f->ngroups = data->ngroups;
	f->ncause = ncause;
	f->level = opt->level;
	for (g = 0; g < data->ngroups; g++) {
		w.ot = o.ot + o.st[g];
		w.oe = o.oe ? o.oe + o.se_start[g] : NULL;
		w.m = o.st[g + 1] - o.st[g];
		for (j = 0; j < w.m; j++)
			w.local[w.ot[j]] = j;
		if (!curve_alloc(&f->curve[g], count_times(data, w.ot, w.m), w.nstate, opt->se)) {
			rc = ko_err_set(err, KO_ERR_NOMEM, "cuminc: out of memory (n = %zu)", data->n);
			goto out;
		}
		walk_group(&w, &q, &f->curve[g], z,
			   opt->se ? (opt->se_direct ? 2 : 1) : 0);
	}
	*out = f;
	f = NULL;
	rc = KO_OK;
out:
	ko_surv_orders_free(&o);
	free(w.local);
	free(w.atrisk);
	free(w.dk);
	free(w.p);
	free(w.h0);
	free(w.dy);
	free(w.u);
	free(qmem);
	ko_cuminc_free(f);
	return rc;
}
