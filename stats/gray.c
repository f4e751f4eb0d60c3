/*
 * gray.c - Gray's test (gray.h).  Each stratum is walked twice over its
 * distinct times: the first walk finds C_kr, the integral over the whole
 * follow-up of a_kr dF_0 / (1 - F_0-); the second adds the scores and the
 * covariance, whose integrand at t needs C_kr - c_kr(t) (the part of that
 * integral after t).  Methods: docs/statistics.md.
 *
 * Notation (Gray 1988, per stratum, at a time t with an event): group k
 * has Y_k at risk, d1_k events of the cause and d2_k of other causes, the
 * all-cause Kaplan-Meier S_k and the cumulative incidence F_k of the cause
 * (both just before t, "-", or at t, "+"); h_k = Y_k / S_k-, H = sum h_k,
 * R_k = h_k (1 - F_k-), D1 = sum d1_k; the pooled F_0+ = F_0- + D1 / H and
 * the weight W = (1 - F_0-)^rho.
 *   score_k  += W (d1_k - D1 R_k / sum R)
 *   a_kr      = W h_k (delta_kr - h_r / H)
 *   c_kr     += a_kr D1 / (H (1 - F_0-))
 * and for each group r with Y_r > 0 the covariance adds b b' w with
 *   cause:   b_k = a_kr + u (C_kr - c_kr), u = 1 - (1 - F_0+) / S_r+,
 *            w = tie S_r- D1 / (H Y_r), tie = 1 - (D1 - 1) / (H S_r- - 1)
 *   others:  b_k = u' (C_kr - c_kr), u' = (1 - F_0+) / S_r+,
 *            w = tie' S_r-^2 d2_r / Y_r^2, tie' = 1 - (d2_r - 1) / (Y_r - 1)
 * (the tie factors are 1 for a single event; u is 1 when S_r+ is 0 and the
 * other-cause term is left out then).
 */
#include "gray.h"
#include "quadform.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

/* The result and its arrays are one block (ko_gray_test). */
void ko_gray_free(struct ko_gray *gt)
{
	free(gt);
}

/* Per-group scratch of one stratum's walk (each G long; a, c, C G x G). */
struct walk {
	size_t G;
	double *y, *d1, *d2, *s, *f, *h, *b;
	double *a, *c, *C;
};

/* One event time's contribution to the scores and the covariance (the
 * second walk); s and f are still the values just before t, s_after the
 * Kaplan-Meier just after it for group r. */
static void add_time(struct walk *w, double W, double H, double Rsum, double D1,
		     double f0_after, struct ko_gray *gt)
{
	size_t G = w->G, k, l, r;

	for (k = 0; k < G; k++)
		if (w->y[k] > 0.0 && D1 > 0.0)
			gt->score[k] += W * (w->d1[k] - D1 * w->h[k] * (1.0 - w->f[k]) / Rsum);
	for (r = 0; r < G; r++) {
		double Y = w->y[r], S = w->s[r], S_after, u, tie, wt;

		if (Y <= 0.0)
			continue;
		S_after = S * (Y - w->d1[r] - w->d2[r]) / Y;
		if (D1 > 0.0) {
			u = S_after > 0.0 ? 1.0 - (1.0 - f0_after) / S_after : 1.0;
			tie = D1 > 1.0 ? 1.0 - (D1 - 1.0) / (H * S - 1.0) : 1.0;
			wt = tie * S * D1 / (H * Y);
			for (k = 0; k < G; k++)
				w->b[k] = w->a[k * G + r] + u * (w->C[k * G + r] - w->c[k * G + r]);
			for (k = 0; k < G; k++)
				for (l = 0; l < G; l++)
					gt->var[k * G + l] += w->b[k] * w->b[l] * wt;
		}
		if (w->d2[r] > 0.0 && S_after > 0.0) {
			u = (1.0 - f0_after) / S_after;
			tie = w->d2[r] > 1.0 ? 1.0 - (w->d2[r] - 1.0) / (Y - 1.0) : 1.0;
			wt = tie * S * S * w->d2[r] / (Y * Y);
			for (k = 0; k < G; k++)
				w->b[k] = u * (w->C[k * G + r] - w->c[k * G + r]);
			for (k = 0; k < G; k++)
				for (l = 0; l < G; l++)
					gt->var[k * G + l] += w->b[k] * w->b[l] * wt;
		}
	}
}

/* One walk over a stratum's rows ot (time order).  gt NULL: the first
 * walk, which leaves the whole integral in w->C; else the second. */
static void walk_stratum(const struct ko_surv_data *d, const size_t *ot, size_t m,
			 int cause, double rho, struct walk *w, struct ko_gray *gt)
{
	size_t G = w->G, i = 0, j, k, r;
	double f0 = 0.0;

	for (k = 0; k < G; k++) {
		w->y[k] = 0.0;
		w->s[k] = 1.0;
		w->f[k] = 0.0;
	}
	memset(w->c, 0, G * G * sizeof *w->c);
	for (j = 0; j < m; j++)
		w->y[d->group ? d->group[ot[j]] : 0] += 1.0;
	while (i < m) {
		double t = d->time[ot[i]], D1 = 0.0, D2 = 0.0, H = 0.0, Rsum = 0.0, W, f0_after;

		for (k = 0; k < G; k++)
			w->d1[k] = w->d2[k] = 0.0;
		for (j = i; j < m && d->time[ot[j]] == t; j++) {
			int st = d->status[ot[j]];
			size_t g = d->group ? (size_t)d->group[ot[j]] : 0;

			if (st == cause)
				w->d1[g] += 1.0, D1 += 1.0;
			else if (st > 0)
				w->d2[g] += 1.0, D2 += 1.0;
		}
		if (D1 + D2 > 0.0) {
			for (k = 0; k < G; k++) {
				w->h[k] = w->y[k] > 0.0 ? w->y[k] / w->s[k] : 0.0;
				H += w->h[k];
				Rsum += w->h[k] * (1.0 - w->f[k]);
			}
			f0_after = f0 + D1 / H;
			W = rho == 0.0 ? 1.0 : pow(1.0 - f0, rho);
			for (k = 0; k < G; k++)
				for (r = 0; r < G; r++) {
					double a = 0.0;

					if (w->y[k] > 0.0 && w->y[r] > 0.0)
						a = W * w->h[k] * ((k == r) - w->h[r] / H);
					w->a[k * G + r] = a;
					if (D1 > 0.0)
						w->c[k * G + r] += a * D1 / (H * (1.0 - f0));
				}
			if (gt)
				add_time(w, W, H, Rsum, D1, f0_after, gt);
			for (k = 0; k < G; k++) {
				if (w->y[k] <= 0.0)
					continue;
				w->f[k] += w->s[k] * w->d1[k] / w->y[k];
				w->s[k] *= (w->y[k] - w->d1[k] - w->d2[k]) / w->y[k];
			}
			f0 = f0_after;
		}
		for (; i < j; i++) /* out of the risk set */
			w->y[d->group ? d->group[ot[i]] : 0] -= 1.0;
	}
	if (!gt)
		memcpy(w->C, w->c, G * G * sizeof *w->C);
}

/* score' V^-1 score over the groups with rows but the last of them. */
static enum ko_status chisq(struct ko_gray *gt, struct ko_err *err)
{
	size_t G = gt->ngroups, g, q = 0, *keep = malloc(G * sizeof *keep);
	enum ko_status rc = KO_OK;
	int st;

	if (!keep)
		return ko_err_set(err, KO_ERR_NOMEM, "gray: out of memory");
	for (g = 0; g < G; g++)
		if (gt->nrows[g] > 0)
			keep[q++] = g;
	gt->df = q > 0 ? (int)q - 1 : 0;
	gt->chisq = 0.0;
	gt->p = 1.0;
	if (q < 2) {
		rc = ko_err_set(err, KO_ERR_DATA, "gray: fewer than two groups have rows");
		goto out;
	}
	st = ko_quadform(gt->score, gt->var, G, keep, q - 1, &gt->chisq);
	if ((rc = ko_quadform_status(st, err, "gray",
				     "gray: the covariance of the scores is singular (%s): a group without events of cause %d at risk?",
				     gsl_strerror(st), gt->cause)))
		goto out;
	if (!isfinite(gt->chisq)) {
		rc = ko_err_set(err, KO_ERR_NUMERIC, "gray: the statistic is not finite");
		goto out;
	}
	gt->p = gsl_cdf_chisq_Q(gt->chisq, (double)gt->df);
out:
	free(keep);
	return rc;
}

static enum ko_status check(const struct ko_surv_data *data, size_t ncause, int cause,
			    double rho, struct ko_err *err)
{
	enum ko_status rc;

	if ((rc = ko_surv_check_ksample(data, ncause, "gray", "cmprsk::cuminc", err)))
		return rc;
	if (cause < 1 || (size_t)cause > ncause)
		return ko_err_set(err, KO_ERR_USAGE, "gray: cause %d is not one of 1..%zu", cause, ncause);
	if (!isfinite(rho) || rho < 0.0)
		return ko_err_set(err, KO_ERR_USAGE, "gray: rho %g is not a finite number >= 0", rho);
	return KO_OK;
}

enum ko_status ko_gray_test(const struct ko_surv_data *data, size_t ncause,
			    int cause, double rho, struct ko_gray **out,
			    struct ko_err *err)
{
	struct ko_gray *gt = NULL;
	struct walk w;
	size_t *ot = NULL, *st = NULL, s, G, i, nstrata;
	double *scratch = NULL;
	enum ko_status rc;

	if ((rc = check(data, ncause, cause, rho, err)))
		return rc;
	if ((rc = ko_surv_order_strata(data, &ot, &st, &nstrata, err)))
		return rc;
	G = data->ngroups;
	/* the struct, then score (G), var (G x G) and nrows (G), zeroed */
	gt = calloc(1, sizeof *gt + (G + G * G) * sizeof *gt->score +
		    G * sizeof *gt->nrows);
	scratch = malloc((7 * G + 3 * G * G) * sizeof *scratch);
	if (!gt || !scratch) {
		rc = ko_err_set(err, KO_ERR_NOMEM, "gray: out of memory (%zu groups)", G);
		goto out;
	}
	gt->ngroups = G;
	gt->cause = cause;
	gt->rho = rho;
	gt->score = (double *)(gt + 1);
	gt->var = gt->score + G;
	gt->nrows = (size_t *)(gt->var + G * G);
	w.G = G;
	w.y = scratch, w.d1 = w.y + G, w.d2 = w.d1 + G, w.s = w.d2 + G;
	w.f = w.s + G, w.h = w.f + G, w.b = w.h + G;
	w.a = w.b + G, w.c = w.a + G * G, w.C = w.c + G * G;
	for (i = 0; i < data->n; i++)
		gt->nrows[data->group[i]]++;
	for (s = 0; s < nstrata; s++) {
		walk_stratum(data, ot + st[s], st[s + 1] - st[s], cause, rho, &w, NULL);
		walk_stratum(data, ot + st[s], st[s + 1] - st[s], cause, rho, &w, gt);
	}
	if ((rc = chisq(gt, err)))
		goto out;
	*out = gt;
	gt = NULL;
out:
	free(ot);
	free(st);
	free(scratch);
	ko_gray_free(gt);
	return rc;
}
