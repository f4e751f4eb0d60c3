/*
 * cox_diag.c - a fitted Cox model's checks, as survival 3.5 computes them:
 * cox.zph's score test for x g(t) terms (g the KM transform) and the
 * concordance (see cox.h; the sorted rows and one pass are cox.c's,
 * through cox_impl.h).
 */
#include "cox_impl.h"


#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

/* ---- cox.zph ------------------------------------------------------------------ */

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* First index of sorted v (n) with v[i] >= t. */
static size_t lower_bound(const double *v, size_t n, double t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* gtime (per stop position) = g(stop) for cox.zph's "km" transform: 1 -
 * S(t-) of the unweighted, unstratified Kaplan-Meier (risk set start < t
 * <= stop), minus its mean over the event rows; 0 at times without an
 * event (never read).  sc: 4 n scratch. */
static void zph_gtime(const struct risk *k, double *gtime, double *sc)
{
	size_t n = k->n, ne = 0, nt = 0, i, a;
	double *sv = sc, *sa = sc + n, *tv = sc + 2 * n, *gv = sc + 3 * n;
	double surv = 1.0, mean = 0.0;

	for (i = 0; i < n; i++) {
		sv[i] = k->stop[i];
		if (k->counting)
			sa[i] = k->start[i];
		if (k->status[i])
			tv[ne++] = k->stop[i];
	}
	qsort(sv, n, sizeof *sv, cmp_double);
	if (k->counting)
		qsort(sa, n, sizeof *sa, cmp_double);
	qsort(tv, ne, sizeof *tv, cmp_double);
	for (i = 0; i < ne; i = a) {
		double t = tv[i], nrisk, g = 1.0 - surv;

		for (a = i; a < ne && tv[a] == t; a++)
			;
		nrisk = (double)(n - lower_bound(sv, n, t));
		if (k->counting) /* entries at or after t are not yet at risk */
			nrisk -= (double)(n - lower_bound(sa, n, t));
		mean += (double)(a - i) * g;
		surv *= 1.0 - (double)(a - i) / nrisk;
		tv[nt] = t;
		gv[nt++] = g;
	}
	mean /= (double)ne;
	for (i = 0; i < n; i++) {
		size_t j = lower_bound(tv, nt, k->stop[i]);

		gtime[i] = j < nt && tv[j] == k->stop[i] ? gv[j] - mean : 0.0;
	}
}

/* The chi-square of u' A^- u over the rows/columns idx (m of them) of the
 * (2q x 2q) matrix A, u zero on the first q.  sc: 2 m^2 + 3 m. */
static double zph_test(const double *A, const double *u2, size_t q,
		       const size_t *idx, size_t m, double *sc, int *al)
{
	double *sub = sc, *l = sc + m * m, *dsc = l + m * m, *uu = dsc + m, *sol = uu + m;
	size_t a, b;

	for (a = 0; a < m; a++) {
		uu[a] = idx[a] < q ? 0.0 : u2[idx[a] - q];
		for (b = 0; b < m; b++)
			sub[a * m + b] = A[idx[a] * 2 * q + idx[b]];
	}
	return cox_quad_form(sub, uu, m, l, dsc, al, sol);
}

void ko_cox_zph_release(struct ko_cox_zph *z)
{
	free(z->chisq);
	free(z->df);
	free(z->p_value);
	memset(z, 0, sizeof *z);
}

/* A (2q x 2q, full) = [I, I12; I12, I22] over the non-aliased columns
 * cols (q); u2q = u2 on them. */
static void zph_matrix(const double *imat, const double *i12, const double *i22,
		       const double *u2, size_t p, const size_t *cols, size_t q,
		       double *A, double *u2q)
{
	size_t a, b, q2 = 2 * q;

	for (a = 0; a < q; a++) {
		u2q[a] = u2[cols[a]];
		for (b = 0; b < q; b++) {
			size_t ja = cols[a], jb = cols[b];
			size_t lo = ja >= jb ? ja * p + jb : jb * p + ja;

			A[a * q2 + b] = imat[lo];
			A[a * q2 + q + b] = A[(q + b) * q2 + a] = i12[lo];
			A[(q + a) * q2 + q + b] = i22[lo];
		}
	}
}

enum ko_status ko_cox_zph(const struct ko_cox_data *data,
			  const struct ko_cox_fit *fit, const size_t *term,
			  size_t n_terms, struct ko_cox_zph *out,
			  struct ko_err *err)
{
	struct risk k;
	struct zph_acc z;
	double *gtime = NULL, *w = NULL, *beta, *imat, *A, *u2q, *sc;
	size_t *cols = NULL, *idx = NULL;
	int *al = NULL;
	enum ko_status st;
	size_t p = fit->p, p1 = p ? p : 1, q = 0, j, t, m, nt;
	struct ko_cox_zph r;

	memset(&r, 0, sizeof r);
	nt = term ? n_terms : p;
	if ((st = cox_risk_build(&k, data, err)))
		goto out;
	if (k.n != fit->n_used || data->p != p || !k.n_events) {
		st = ko_err_set(err, KO_ERR_USAGE, "cox.zph: the data are not the fit's, or no events");
		goto out;
	}
	for (j = 0; j < p; j++)
		if (term && term[j] >= nt) {
			st = ko_err_set(err, KO_ERR_USAGE, "cox.zph: term %zu of column %zu is not below %zu",
					term[j], j, nt);
			goto out;
		}
	gtime = malloc(5 * k.n * sizeof *gtime);
	w = malloc((16 * p1 * p1 + 10 * p1) * sizeof *w);
	cols = malloc(p1 * sizeof *cols);
	idx = malloc(2 * p1 * sizeof *idx);
	al = malloc(2 * p1 * sizeof *al);
	r.n_terms = nt;
	r.chisq = malloc((nt + 1) * sizeof *r.chisq);
	r.df = malloc((nt + 1) * sizeof *r.df);
	r.p_value = malloc((nt + 1) * sizeof *r.p_value);
	if (!gtime || !w || !cols || !idx || !al || !r.chisq || !r.df || !r.p_value) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	beta = w;
	imat = beta + p1;
	z.u2 = imat + p1 * p1;
	z.i12 = z.u2 + p1;
	z.i22 = z.i12 + p1 * p1;
	A = z.i22 + p1 * p1;
	u2q = A + 4 * p1 * p1;
	sc = u2q + p1; /* 8 p^2 + 6 p: zph_test's scratch for m <= 2p */
	zph_gtime(&k, gtime, gtime + k.n);
	z.gtime = gtime;
	for (j = 0; j < p; j++) {
		beta[j] = fit->aliased[j] ? 0.0 : fit->coef[j];
		if (!fit->aliased[j])
			cols[q++] = j;
	}
	cox_zero(z.u2, p);
	cox_zero(z.i12, p * p);
	cox_zero(z.i22, p * p);
	cox_evaluate(&k, beta, fit->ties, NULL, imat, &z);
	zph_matrix(imat, z.i12, z.i22, z.u2, p, cols, q, A, u2q);
	for (t = 0; t <= nt; t++) {
		for (m = 0; m < q; m++)
			idx[m] = m;
		for (j = 0; j < q; j++)
			if (t == nt || (term ? term[cols[j]] : cols[j]) == t)
				idx[m++] = q + j;
		r.df[t] = (double)(m - q);
		r.chisq[t] = m > q ? zph_test(A, u2q, q, idx, m, sc, al) : NAN;
		r.p_value[t] = m > q ? gsl_cdf_chisq_Q(r.chisq[t], r.df[t]) : NAN;
	}
	*out = r;
	memset(&r, 0, sizeof r);
out:
	ko_cox_zph_release(&r);
	cox_risk_release(&k);
	free(gtime);
	free(w);
	free(cols);
	free(idx);
	free(al);
	return st;
}

/* ---- concordance ------------------------------------------------------------ */

/* A Fenwick tree of weights over the ranks of the linear predictor. */
static void fen_add(double *t, size_t n, size_t i, double w)
{
	for (i++; i <= n; i += i & -i)
		t[i - 1] += w;
}

/* The weight at ranks below i. */
static double fen_below(const double *t, size_t i)
{
	double s = 0.0;

	for (; i > 0; i -= i & -i)
		s += t[i - 1];
	return s;
}

enum ko_status ko_cox_concordance(const struct ko_cox_data *data,
				  const struct ko_cox_fit *fit, double *c,
				  struct ko_err *err)
{
	struct risk k;
	double *lp = NULL, *uniq = NULL, *tree = NULL, conc = 0.0, disc = 0.0, tied = 0.0;
	size_t *rank = NULL;
	enum ko_status st;
	size_t i, s, nu = 0;

	if ((st = cox_risk_build(&k, data, err)))
		goto out;
	if (k.n != fit->n_used) {
		st = ko_err_set(err, KO_ERR_USAGE, "cox: the data are not the fit's");
		goto out;
	}
	lp = cox_rows(k.n * sizeof *lp);
	uniq = cox_rows(k.n * sizeof *uniq);
	rank = cox_rows(k.n * sizeof *rank);
	tree = cox_rows_zero(k.n, sizeof *tree);
	if (!lp || !uniq || !rank || !tree) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < k.n; i++)
		uniq[i] = lp[i] = fit->lp[k.row[i]];
	qsort(uniq, k.n, sizeof *uniq, cmp_double);
	for (i = 0; i < k.n; i++)
		if (!nu || uniq[i] != uniq[nu - 1])
			uniq[nu++] = uniq[i];
	for (i = 0; i < k.n; i++)
		rank[i] = lower_bound(uniq, nu, lp[i]);
	for (s = 0; s < k.ns; s++) {
		size_t beg = k.sbeg[s], end = k.sbeg[s + 1], jr = beg, m;

		for (i = beg; i < end;) {
			double t = k.stop[i], total;
			size_t first = i;

			for (; i < end && k.stop[i] == t; i++)
				if (!k.status[i])
					fen_add(tree, nu, rank[i], cox_w(&k, i));
			if (k.counting)
				for (; jr < end && k.start[k.by_start[jr]] >= t; jr++)
					fen_add(tree, nu, rank[k.by_start[jr]], -cox_w(&k, k.by_start[jr]));
			total = fen_below(tree, nu);
			for (m = first; m < i; m++) {
				double below, at;

				if (!k.status[m])
					continue;
				below = fen_below(tree, rank[m]);
				at = fen_below(tree, rank[m] + 1) - below;
				conc += cox_w(&k, m) * below;
				tied += cox_w(&k, m) * at;
				disc += cox_w(&k, m) * (total - below - at);
			}
			for (m = first; m < i; m++)
				if (k.status[m])
					fen_add(tree, nu, rank[m], cox_w(&k, m));
		}
		/* empty the tree for the next stratum (one stratum: no need) */
		if (s + 1 < k.ns)
			for (m = k.counting ? jr : beg; m < end; m++) {
				size_t r = k.counting ? k.by_start[m] : m;

				fen_add(tree, nu, rank[r], -cox_w(&k, r));
			}
	}
	*c = (conc + tied / 2.0) / (conc + disc + tied);
out:
	cox_risk_release(&k);
	free(lp);
	free(uniq);
	free(rank);
	free(tree);
	return st;
}
