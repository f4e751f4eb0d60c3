/*
 * cox.c - the Cox proportional-hazards model as survival::coxph (3.5)
 * fits it (coxfit6.c / agfit4.c), written from the published formulas:
 *
 *  - the rows are sorted once, by stratum and by exit time descending (and,
 *    for (start, stop] data, a second order by entry time descending); a
 *    pass over them keeps the risk-set sums S0 = sum w e^eta, S1 = sum w
 *    e^eta x and S2 = sum w e^eta x x' up to date, adding a row when the
 *    time passes its exit and removing it when it passes its entry, so
 *    the log partial likelihood, its score and information cost O(n p^2)
 *    per iteration and no allocation;
 *  - tied event times by Efron's approximation (the deaths' share of the
 *    sums taken away in steps of 1/d) or by Breslow's;
 *  - Newton-Raphson from 0 with coxph's rule: converged when |1 -
 *    loglik_old / loglik_new| <= eps, the step halved while the log
 *    likelihood falls, at most iter.max iterations;
 *  - the robust variance from the dfbeta residuals (score residuals times
 *    the model variance), summed within clusters;
 *  - cox.zph's score test for x g(t) terms, g the KM transform, and the
 *    concordance: cox_diag.c (what the two share is cox_impl.h).
 *
 * The covariates are centred (unweighted means) before fitting: the
 * partial likelihood and Newton's iterates do not change, exp() stays in
 * range.  Methods: docs/statistics.md.
 */
#include "cox_impl.h"

#include "chol.h"
#include "ci.h"
#include "cluster.h"
#include "coefs.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>

#define TOLER_CHOL 1.818989403545856e-12 /* .Machine$double.eps^0.75 */

void ko_cox_options_init(struct ko_cox_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->ties = KO_COX_EFRON;
	opt->max_iter = 20;
	opt->epsilon = 1e-9;
	opt->toler_chol = TOLER_CHOL;
	opt->toler_inf = sqrt(1e-9);
	opt->level = 0.95;
}

/* ---- the sorted data ------------------------------------------------------- */

/* A sort key: stratum (hi) ascending, then time (lo) descending, as
 * unsigned integers that order as the values do; i the payload.  16 bytes
 * (the keys of 16 million rows are 256 MB of fresh memory): hi is a
 * stratum's rank (ranks_from_strata). */
struct sort_key {
	uint64_t lo;
	uint32_t i, hi;
};

static uint64_t stratum_key(long s)
{
	return (uint64_t)s ^ ((uint64_t)1 << 63);
}

/* Larger times give smaller keys (descending); -0 is 0. */
static uint64_t time_key_desc(double t)
{
	uint64_t u;

	t += 0.0;
	memcpy(&u, &t, sizeof u);
	u = u >> 63 ? ~u : u | ((uint64_t)1 << 63);
	return ~u;
}

/* Sort key[0..n) by (hi, lo), stable (ties keep their order: the row
 * order the caller filled in), by least-significant-digit radix sort
 * over the 16 bytes of lo and hi, skipping a byte that is the same in
 * every key (all of hi without strata).  tmp: n keys of scratch.  O(n)
 * per byte. */
static void radix_sort(struct sort_key *key, struct sort_key *tmp, size_t n)
{
	struct sort_key *a = key, *b = tmp, *sw;
	size_t cnt[16][256], pass, i; /* 32 KB */

	/* every pass's histogram in one read of the keys (a digit's counts do
	 * not depend on the order earlier passes leave): one pass over the
	 * keys instead of 16 */
	memset(cnt, 0, sizeof cnt);
	for (i = 0; i < n; i++) {
		uint64_t hi = a[i].hi;

		for (pass = 0; pass < 8; pass++) {
			cnt[pass][(a[i].lo >> (pass * 8)) & 0xff]++;
			cnt[pass + 8][(hi >> (pass * 8)) & 0xff]++;
		}
	}
	for (pass = 0; pass < 16; pass++) {
		unsigned shift = (unsigned)(pass % 8) * 8;
		int hi = pass >= 8, constant = 0;
		size_t sum = 0;

		for (i = 0; i < 256; i++) {
			size_t c = cnt[pass][i];

			constant |= c == n;
			cnt[pass][i] = sum;
			sum += c;
		}
		if (constant)
			continue;
		for (i = 0; i < n; i++)
			b[cnt[pass][((hi ? (uint64_t)a[i].hi : a[i].lo) >> shift) & 0xff]++] = a[i];
		sw = a;
		a = b;
		b = sw;
	}
	if (a != key)
		memcpy(key, a, n * sizeof *key);
}

void cox_risk_release(struct risk *k)
{
	free(k->x);
	free(k->w);
	free(k->off);
	free(k->block); /* r and stop */
	free(k->start);
	free(k->status);
	free(k->row);
	free(k->by_start);
	free(k->sbeg);
	free(k->mean);
	free(k->s1);
	free(k->s2);
	free(k->d1);
	free(k->d2);
	free(k->tu);
	free(k->ti);
	memset(k, 0, sizeof *k);
}

static const char *col_name(const struct ko_cox_data *d, size_t j, char *buf,
			    size_t size)
{
	if (d->names && d->names[j])
		return d->names[j];
	snprintf(buf, size, "x%zu", j + 1);
	return buf;
}

/* KO_OK when v, the value of row's column (what it is: "exit time", ...),
 * is finite, else the error naming them. */
static enum ko_status check_finite(double v, long row, const char *column,
				   const char *what, struct ko_err *err)
{
	if (isfinite(v))
		return KO_OK;
	return ko_err_at(err, KO_ERR_DATA, NULL, row, column,
			 "the %s is %g; expected a finite number", what, v);
}

/* Check row i (weight > 0) of the data: a clear error naming the row. */
static enum ko_status check_row(const struct ko_cox_data *d, size_t i,
				struct ko_err *err)
{
	char buf[32];
	long row = (long)i + 1;
	size_t j;
	enum ko_status st;

	if ((st = check_finite(d->stop[i], row, "stop", "exit time", err)))
		return st;
	if (d->start && (st = check_finite(d->start[i], row, "start", "entry time", err)))
		return st;
	if (d->start && !(d->start[i] < d->stop[i]))
		return ko_err_at(err, KO_ERR_DATA, NULL, row, "start",
				 "the entry time %g is not before the exit time %g",
				 d->start[i], d->stop[i]);
	if (d->status[i] != 0 && d->status[i] != 1)
		return ko_err_at(err, KO_ERR_DATA, NULL, row, "status",
				 "the status is %d; expected 0 (censored) or 1 (event)",
				 d->status[i]);
	if (d->offset && (st = check_finite(d->offset[i], row, "offset", "offset", err)))
		return st;
	for (j = 0; j < d->p; j++)
		if (!isfinite(d->x[i * d->p + j]))
			return check_finite(d->x[i * d->p + j], row,
					    col_name(d, j, buf, sizeof buf),
					    "covariate", err);
	return KO_OK;
}

static enum ko_status risk_alloc(struct risk *k, size_t n, size_t p,
				 int has_weights, struct ko_err *err)
{
	size_t pp = p ? p * p : 1, p1 = p ? p : 1;

	/* row-long arrays in ordinary pages (cox_rows).  Without weights
	 * or an offset none is stored (cox_w gives 1, cox_eta 0); r and stop
	 * live in the sort keys' block (cox_risk_build). */
	k->x = cox_rows(n * p1 * sizeof *k->x);
	k->w = has_weights ? cox_rows(n * sizeof *k->w) : NULL;
	k->off = k->has_offset ? cox_rows(n * sizeof *k->off) : NULL;
	k->start = k->counting ? cox_rows(n * sizeof *k->start) : NULL;
	k->status = cox_rows(n);
	k->row = cox_rows(n * sizeof *k->row);
	k->by_start = k->counting ? cox_rows(n * sizeof *k->by_start) : NULL;
	k->mean = calloc(p1, sizeof *k->mean);
	k->s1 = malloc(p1 * sizeof *k->s1);
	k->d1 = malloc(p1 * sizeof *k->d1);
	k->tu = malloc(p1 * sizeof *k->tu);
	k->s2 = malloc(pp * sizeof *k->s2);
	k->d2 = malloc(pp * sizeof *k->d2);
	k->ti = malloc(pp * sizeof *k->ti);
	if (!k->x || (has_weights && !k->w) || (k->has_offset && !k->off) ||
	    (k->counting && !k->start) || !k->status || !k->row ||
	    (k->counting && !k->by_start) || !k->mean || !k->s1 || !k->d1 ||
	    !k->tu || !k->s2 || !k->d2 || !k->ti)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	return KO_OK;
}

/* key[0..n) (lo = stratum_key, i = data row, in data order) sorted by
 * stratum, then hi = the stratum's rank and lo = the exit time's key:
 * ready for the sort by (hi, lo), whose ties keep the data order. */
static void ranks_from_strata(struct sort_key *key, struct sort_key *tmp, size_t n,
			      const struct ko_cox_data *d)
{
	uint64_t prev = 0;
	uint32_t rank = 0;
	size_t i;

	radix_sort(key, tmp, n);
	for (i = 0; i < n; i++) {
		if (i && key[i].lo != prev)
			rank++;
		prev = key[i].lo;
		key[i].hi = rank;
		key[i].lo = time_key_desc(d->stop[key[i].i]);
	}
}

/* The strata bounds of the keys sorted by (stratum rank, stop). */
static enum ko_status risk_strata(struct risk *k, const struct sort_key *key,
				  struct ko_err *err)
{
	size_t i, s = 0;

	k->ns = 1;
	for (i = 1; i < k->n; i++)
		k->ns += key[i].hi != key[i - 1].hi;
	if (!(k->sbeg = malloc((k->ns + 1) * sizeof *k->sbeg)))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	k->sbeg[0] = 0;
	for (i = 1; i < k->n; i++)
		if (key[i].hi != key[i - 1].hi)
			k->sbeg[++s] = i;
	k->sbeg[k->ns] = k->n;
	return KO_OK;
}

/* Rows in time order are in random order in the data: each gathered row
 * is a few cache misses (its x, times and status), so the row GATHER_AHEAD
 * places on is fetched while this one is copied (a 1,000,000-row fit
 * spent a quarter of its time waiting for them: bench/cox.sh). */
#define GATHER_AHEAD 16

/* The p doubles of a row of x: every 64-byte line of them. */
static void prefetch_x(const double *x, size_t p)
{
	size_t j;

	for (j = 0; j < p; j += 8)
		__builtin_prefetch(x + j);
	if (p)
		__builtin_prefetch(x + p - 1);
}

static void prefetch_row(const struct ko_cox_data *d, size_t r)
{
	prefetch_x(d->x + r * d->p, d->p);
	__builtin_prefetch(d->stop + r);
	__builtin_prefetch(d->status + r);
	if (d->start)
		__builtin_prefetch(d->start + r);
	if (d->weights)
		__builtin_prefetch(d->weights + r);
	if (d->offset)
		__builtin_prefetch(d->offset + r);
}

/* Validate, select the rows of positive weight, sort and centre. */
enum ko_status cox_risk_build(struct risk *k, const struct ko_cox_data *d,
			      struct ko_err *err)
{
	struct sort_key *key, *tmp = NULL, *scratch;
	enum ko_status st = KO_OK;
	size_t i, j, s, m = 0, p = d->p;

	memset(k, 0, sizeof *k);
	k->p = p;
	k->counting = d->start != NULL;
	k->has_offset = d->offset != NULL;
	if (!d->stop || !d->status || (p && !d->x))
		return ko_err_set(err, KO_ERR_USAGE, "cox: no times, status or design");
	if (d->n > UINT32_MAX) /* cox_pos */
		return ko_err_set(err, KO_ERR_DATA,
				  "cox: %zu rows; at most %lu can be fitted", d->n,
				  (unsigned long)UINT32_MAX);
	for (i = 0; i < d->n; i++) {
		double w = d->weights ? d->weights[i] : 1.0;

		if (!(w >= 0.0) || !isfinite(w))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "weight",
					 "the weight is %g; expected a finite number >= 0", w);
		if (w == 0.0)
			continue;
		if ((st = check_row(d, i, err)))
			return st;
		m++;
	}
	if (!m)
		return ko_err_set(err, KO_ERR_DATA, "cox: no rows with a positive weight");
	k->n = m;
	/* the keys' block becomes r and stop (two doubles a row) once the
	 * keys are read: 256 MB less fresh memory at 16 million rows */
	_Static_assert(sizeof *key == 2 * sizeof(double), "a key is two doubles");
	key = k->block = cox_rows(m * sizeof *key);
	if (!key)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if ((st = risk_alloc(k, m, p, d->weights != NULL, err)))
		return st;
	/* both sorts come before the gather, so that the copy of X (p >= 2
	 * doubles a row) is their scratch */
	if (p * sizeof *k->x < sizeof *tmp) {
		if (!(tmp = cox_rows(m * sizeof *tmp)))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		scratch = tmp;
	} else {
		scratch = (struct sort_key *)(void *)k->x;
	}
	for (i = 0, m = 0; i < d->n; i++)
		if (!d->weights || d->weights[i] > 0.0) {
			key[m].lo = d->strata ? stratum_key(d->strata[i]) : time_key_desc(d->stop[i]);
			key[m].i = (uint32_t)i;
			key[m].hi = 0;
			m++;
		}
	if (d->strata)
		ranks_from_strata(key, scratch, m, d);
	radix_sort(key, scratch, m);
	if ((st = risk_strata(k, key, err)))
		goto out;
	for (i = 0; i < m; i++)
		k->row[i] = key[i].i;
	if (k->counting) {
		/* the same strata (now their ranks), entry time descending; i =
		 * stop position */
		for (s = 0; s < k->ns; s++)
			for (i = k->sbeg[s]; i < k->sbeg[s + 1]; i++) {
				key[i].lo = time_key_desc(d->start[k->row[i]]);
				key[i].i = (uint32_t)i;
				key[i].hi = (uint32_t)s;
			}
		radix_sort(key, scratch, m);
		for (i = 0; i < m; i++)
			k->by_start[i] = key[i].i;
	}
	/* the keys are read: their block is r (set by each pass) and stop */
	k->r = (double *)k->block;
	k->stop = k->r + m;
	for (i = 0; i < m; i++) {
		size_t r = k->row[i];

		if (i + GATHER_AHEAD < m) /* the rows come in random order */
			prefetch_row(d, k->row[i + GATHER_AHEAD]);
		if (k->w)
			k->w[i] = d->weights[r];
		if (k->off)
			k->off[i] = d->offset[r];
		k->stop[i] = d->stop[r];
		k->status[i] = (unsigned char)d->status[r];
		k->n_events += d->status[r];
		if (k->counting)
			k->start[i] = d->start[r];
		for (j = 0; j < p; j++) {
			k->x[i * p + j] = d->x[r * p + j];
			k->mean[j] += d->x[r * p + j];
		}
	}
	for (j = 0; j < p; j++)
		k->mean[j] /= (double)m;
	for (i = 0; i < m; i++)
		for (j = 0; j < p; j++)
			k->x[i * p + j] -= k->mean[j];
out:
	free(tmp);
	return st;
}

/* ---- one pass: log partial likelihood, score, information ------------------ */

/* r = w e^eta at beta (e^eta without weights: the same number, w = 1). */
static void set_risk(struct risk *k, const double *beta)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		double e = exp(cox_eta(k, i, beta));

		k->r[i] = k->w ? k->w[i] * e : e;
	}
}

/* e^eta of row i at the beta of the last set_risk. */
static double risk_exp(const struct risk *k, size_t i, const double *beta)
{
	return k->w ? exp(cox_eta(k, i, beta)) : k->r[i];
}

/* The sorted row at stop position i to come (the entries leave in random
 * order): its x, r and start. */
static void prefetch_risk_row(const struct risk *k, size_t i)
{
	prefetch_x(k->x + i * k->p, k->p);
	__builtin_prefetch(k->r + i);
	__builtin_prefetch(k->start + i);
}

/* The ifunc resolver of target_clones runs before ThreadSanitizer is set
 * up and crashes an instrumented program at load (make tsan-stats): under
 * TSan, sums_add is the one default version, the same arithmetic. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KO_COX_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) || defined(KO_COX_TSAN)
#define SUMS_ADD_CLONES __attribute__((optimize("O3")))
#else
#define SUMS_ADD_CLONES \
	__attribute__((target_clones("avx2", "default"), optimize("O3")))
#endif

/* s0 += sign r, s1 += sign r x, s2 (lower) += sign r x x' for row i.
 * The fit's innermost loop (twice per row per pass: a quarter of a
 * million-row fit, bench/cox.sh): vectorised (O3), in AVX2 where the CPU
 * has it (an ifunc picks the clone at load time).  Without FMA, each sum
 * takes the same roundings as the scalar loop: results are unchanged to
 * the bit.  The least CPU of 5 fits of 1,000,000 rows: 0.42-0.49 s
 * before, 0.37-0.40 s after (alternating, load 5.5). */
SUMS_ADD_CLONES
static void sums_add(const struct risk *k, size_t i, double sign,
		     double *restrict s0, double *restrict s1,
		     double *restrict s2)
{
	const double *x = k->x + i * k->p;
	double r = sign * k->r[i];
	size_t j, l, p = k->p;

	*s0 += r;
	for (j = 0; j < p; j++) {
		double rx = r * x[j];

		s1[j] += rx;
		for (l = 0; l <= j; l++)
			s2[j * p + l] += rx * x[l];
	}
}

/* s0 += sign r, s1 += sign r x (no second moments: residuals need none). */
static void sums1_add(const struct risk *k, size_t i, double sign, double *s0,
		      double *s1)
{
	const double *x = k->x + i * k->p;
	double r = sign * k->r[i];
	size_t j;

	*s0 += r;
	for (j = 0; j < k->p; j++)
		s1[j] += r * x[j];
}

/* The contribution of a tied set of d events (weights deadwt) to the score
 * (tu -=) and information (ti +=), returned as the log-likelihood part
 * -sum log(denominators).  Efron: the events' own sums d0/d1/d2 leave the
 * risk set in steps of 1/d; Breslow (or d = 1): all at once. */
static double tie_terms(struct risk *k, enum ko_cox_ties ties, size_t d,
			double deadwt, double s0, double d0)
{
	size_t p = k->p, j, l, step, steps = ties == KO_COX_EFRON ? d : 1;
	double meanwt = deadwt / (double)steps, ll = 0.0;

	for (step = 0; step < steps; step++) {
		double f = (double)step / (double)steps;
		double dd = s0 - f * d0;

		ll -= meanwt * log(dd);
		for (j = 0; j < p; j++) {
			double aj = (k->s1[j] - f * k->d1[j]) / dd;

			k->tu[j] -= meanwt * aj;
			for (l = 0; l <= j; l++) {
				double al = (k->s1[l] - f * k->d1[l]) / dd;

				k->ti[j * p + l] += meanwt *
					((k->s2[j * p + l] - f * k->d2[j * p + l]) / dd - aj * al);
			}
		}
	}
	return ll;
}

void cox_zero(double *v, size_t n)
{
	memset(v, 0, n * sizeof *v);
}

/* When taking rows away has left the risk set's S0 below this share of
 * its largest value since the sums were last exact, the sums are added up
 * again from the rows at risk: the round-off of the removals is relative
 * to that largest value (a group of relative risk e^30 entering late and
 * leaving early left 1e-5 of the log-likelihood to round-off, the
 * removal_roundoff test). */
#define RECOMPUTE_SHARE 1e-4

/* s0, s1 (and s2 unless NULL) afresh from the rows at risk at t: the stop
 * positions [beg, added) whose entry is before t. */
static void sums_recompute(const struct risk *k, size_t beg, size_t added,
			   double t, double *s0, double *s1, double *s2)
{
	size_t m, p = k->p;

	*s0 = 0.0;
	cox_zero(s1, p);
	if (s2)
		cox_zero(s2, p * p);
	for (m = beg; m < added; m++) {
		if (!(k->start[m] < t))
			continue;
		if (s2)
			sums_add(k, m, 1.0, s0, s1, s2);
		else
			sums1_add(k, m, 1.0, s0, s1);
	}
}

/* The log partial likelihood at beta; u (p) and imat (p x p, lower
 * triangle) get the score and information when not NULL; z (may be NULL)
 * the cox.zph sums. */
double cox_evaluate(struct risk *k, const double *beta, enum ko_cox_ties ties,
		    double *u, double *imat, struct zph_acc *z)
{
	size_t p = k->p, pp = p * p, s, i, j, jr;
	double loglik = 0.0;

	set_risk(k, beta);
	if (u)
		cox_zero(u, p);
	if (imat)
		cox_zero(imat, pp);
	for (s = 0; s < k->ns; s++) {
		size_t end = k->sbeg[s + 1], nrisk = 0;
		double s0 = 0.0, s0max = 0.0;

		cox_zero(k->s1, p);
		cox_zero(k->s2, pp);
		i = jr = k->sbeg[s];
		while (i < end) {
			double t = k->stop[i], d0 = 0.0, deadwt = 0.0;
			size_t d = 0, first = i;

			for (; i < end && k->stop[i] == t; i++) {
				sums_add(k, i, 1.0, &s0, k->s1, k->s2);
				s0max = s0 > s0max ? s0 : s0max;
				nrisk++;
				if (!k->status[i])
					continue;
				if (!d++) {
					cox_zero(k->d1, p);
					cox_zero(k->d2, pp);
					cox_zero(k->tu, p);
					cox_zero(k->ti, pp);
				}
				deadwt += cox_w(k, i);
				loglik += cox_w(k, i) * cox_eta(k, i, beta);
				for (j = 0; j < p; j++)
					k->tu[j] += cox_w(k, i) * k->x[i * p + j];
				sums_add(k, i, 1.0, &d0, k->d1, k->d2);
			}
			if (k->counting) {
				for (; jr < end && k->start[k->by_start[jr]] >= t; jr++) {
					if (jr + GATHER_AHEAD < end) /* in random order */
						prefetch_risk_row(k, k->by_start[jr + GATHER_AHEAD]);
					sums_add(k, k->by_start[jr], -1.0, &s0, k->s1, k->s2);
					if (!--nrisk) { /* empty: no round-off left behind */
						s0 = s0max = 0.0;
						cox_zero(k->s1, p);
						cox_zero(k->s2, pp);
					}
				}
				if (nrisk && s0 < RECOMPUTE_SHARE * s0max) {
					sums_recompute(k, k->sbeg[s], i, t, &s0, k->s1, k->s2);
					s0max = s0;
				}
			}
			if (!d)
				continue;
			loglik += tie_terms(k, d > 1 ? ties : KO_COX_BRESLOW, d, deadwt, s0, d0);
			if (u)
				for (j = 0; j < p; j++)
					u[j] += k->tu[j];
			if (imat)
				for (j = 0; j < pp; j++)
					imat[j] += k->ti[j];
			if (z) {
				double g = z->gtime[first];

				for (j = 0; j < p; j++)
					z->u2[j] += g * k->tu[j];
				for (j = 0; j < pp; j++) {
					z->i12[j] += g * k->ti[j];
					z->i22[j] += g * g * k->ti[j];
				}
			}
		}
	}
	return loglik;
}

/* ---- Newton-Raphson, coxfit6's way ------------------------------------------ */

struct newton {
	double *beta, *newbeta, *u, *imat, *l, *inv, *dsc, *step, *e;
	int *al;
	size_t rank;
};

/* The arrays are one block from beta (newton_alloc). */
static void newton_release(struct newton *nw)
{
	free(nw->beta);
}

/* beta, newbeta, u, step, e, dsc (p each), imat, l, inv (p x p) and al
 * (p ints) in one zeroed block. */
static enum ko_status newton_alloc(struct newton *nw, size_t p, struct ko_err *err)
{
	size_t p1 = p ? p : 1;

	memset(nw, 0, sizeof *nw);
	nw->beta = calloc(1, (6 * p1 + 3 * p1 * p1) * sizeof(double) +
			  p1 * sizeof(int));
	if (!nw->beta)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	nw->newbeta = nw->beta + p1;
	nw->u = nw->newbeta + p1;
	nw->step = nw->u + p1;
	nw->e = nw->step + p1;
	nw->dsc = nw->e + p1;
	nw->imat = nw->dsc + p1;
	nw->l = nw->imat + p1 * p1;
	nw->inv = nw->l + p1 * p1;
	nw->al = (int *)(nw->inv + p1 * p1);
	return KO_OK;
}

/* Factor imat and set step = imat^- u; aliased entries 0. */
static void newton_solve(struct newton *nw, size_t p, double tol)
{
	nw->rank = ko_chol_pivot(nw->imat, p, tol, nw->l, nw->dsc, nw->al, NULL);
	ko_chol_solve(nw->l, nw->dsc, nw->al, p, nw->u, nw->step);
}

/* Iterate as coxfit6: returns the final coefficients in nw->newbeta with
 * the score and information there in nw->u / nw->imat. */
static void newton_run(struct risk *k, const struct ko_cox_options *opt,
		       struct newton *nw, struct ko_cox_fit *f)
{
	size_t p = k->p, j;
	double oldlk, newlk;
	int iter, halving = 0;

	if (opt->init)
		memcpy(nw->beta, opt->init, p * sizeof(double));
	newlk = cox_evaluate(k, nw->beta, opt->ties, nw->u, nw->imat, NULL);
	f->loglik0 = newlk;
	newton_solve(nw, p, opt->toler_chol);
	f->score_chisq = 0.0;
	for (j = 0; j < p; j++)
		f->score_chisq += nw->u[j] * nw->step[j];
	memcpy(nw->newbeta, nw->beta, p * sizeof(double));
	f->iterations = 0;
	f->converged = opt->max_iter <= 0;
	if (opt->max_iter <= 0) {
		f->loglik = newlk;
		return;
	}
	for (j = 0; j < p; j++)
		nw->newbeta[j] = nw->beta[j] + nw->step[j];
	oldlk = newlk;
	for (iter = 1; iter <= opt->max_iter; iter++) {
		f->iterations = iter;
		newlk = cox_evaluate(k, nw->newbeta, opt->ties, nw->u, nw->imat, NULL);
		if (isfinite(newlk) && fabs(1.0 - oldlk / newlk) <= opt->epsilon &&
		    !halving) {
			f->converged = 1;
			break;
		}
		if (iter == opt->max_iter)
			break;
		if (!isfinite(newlk) || newlk < oldlk) { /* not converging: halve */
			halving = 1;
			for (j = 0; j < p; j++)
				nw->newbeta[j] = (nw->newbeta[j] + nw->beta[j]) / 2.0;
		} else {
			halving = 0;
			oldlk = newlk;
			newton_solve(nw, p, opt->toler_chol);
			for (j = 0; j < p; j++) {
				nw->beta[j] = nw->newbeta[j];
				nw->newbeta[j] += nw->step[j];
			}
		}
	}
	f->loglik = newlk;
}

/* ---- the fit ---------------------------------------------------------------- */

static enum ko_status fit_alloc(struct ko_cox_fit **out, size_t n, size_t p,
				const char *const *names, struct ko_err *err)
{
	struct ko_cox_fit *f = calloc(1, sizeof *f);
	size_t p1 = p ? p : 1;

	*out = f;
	if (!f)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	f->n = n;
	f->p = p;
	f->infinite = calloc(p1, sizeof(int));
	if (KO_COEFS_ALLOC(f, names) || !f->infinite)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	return KO_OK;
}

void ko_cox_fit_free(struct ko_cox_fit *fit)
{
	if (!fit)
		return;
	KO_COEFS_FREE(fit);
	free(fit->infinite);
	free(fit->lp);
	free(fit);
}

/* Coefficients, variance and the per-coefficient Wald statistics from the
 * final Newton state. */
static void fit_coefficients(struct ko_cox_fit *f, const struct risk *k,
			     const struct ko_cox_options *opt, struct newton *nw)
{
	size_t p = k->p, j, l;
	double zq = ko_ci_z(opt->level);
	double *v = nw->inv;

	/* the inverse information at the final coefficients */
	f->rank = ko_chol_pivot(nw->imat, p, opt->toler_chol, nw->l, nw->dsc,
				nw->al, NULL);
	ko_chol_inverse(nw->l, nw->dsc, nw->al, p, v, nw->e);
	for (j = 0; j < p; j++) {
		f->aliased[j] = nw->al[j];
		for (l = 0; l < p; l++)
			gsl_matrix_set(f->vcov, j, l, v[j * p + l]);
	}
	for (j = 0; j < p; j++) {
		double infs = 0.0;

		if (f->aliased[j]) {
			f->coef[j] = f->se[j] = f->z[j] = f->p_value[j] = NAN;
			f->conf_low[j] = f->conf_high[j] = NAN;
			continue;
		}
		f->coef[j] = nw->newbeta[j];
		f->se[j] = sqrt(v[j * p + j]);
		f->z[j] = f->coef[j] / f->se[j];
		f->p_value[j] = erfc(fabs(f->z[j]) / M_SQRT2);
		f->conf_low[j] = f->coef[j] - zq * f->se[j];
		f->conf_high[j] = f->coef[j] + zq * f->se[j];
		for (l = 0; l < p; l++)
			if (!f->aliased[l])
				infs += nw->u[l] * v[l * p + j];
		infs = fabs(infs);
		f->infinite[j] = f->converged && opt->max_iter > 1 &&
			(!isfinite(nw->u[j]) ||
			 (infs > opt->epsilon && infs > opt->toler_inf * fabs(f->coef[j])));
	}
}

double ko_cox_wald_test(const struct ko_cox_fit *fit, const gsl_matrix *v)
{
	size_t p = fit->p, q = 0, j, l, a, b;
	double *m, *ld, *dsc, *sol, *c, chisq = NAN;
	int *al;

	m = calloc(2 * p * p + 3 * p + 1, sizeof(double));
	al = calloc(p + 1, sizeof(int));
	if (!m || !al)
		goto out;
	ld = m + p * p;
	dsc = ld + p * p;
	sol = dsc + p;
	c = sol + p;
	for (j = 0; j < p; j++)
		q += !fit->aliased[j];
	for (j = 0, a = 0; j < p; j++) {
		if (fit->aliased[j])
			continue;
		c[a] = fit->coef[j];
		for (l = 0, b = 0; l < p; l++)
			if (!fit->aliased[l])
				m[a * q + b++] = gsl_matrix_get(v, j, l);
		a++;
	}
	ko_chol_pivot(m, q, TOLER_CHOL, ld, dsc, al, NULL);
	ko_chol_solve(ld, dsc, al, q, c, sol);
	chisq = 0.0;
	for (a = 0; a < q; a++)
		chisq += c[a] * sol[a];
out:
	free(m);
	free(al);
	return chisq;
}

static void fit_tests(struct ko_cox_fit *f)
{
	double df = (double)f->rank;

	f->lr_chisq = 2.0 * (f->loglik - f->loglik0);
	f->wald_chisq = f->p ? ko_cox_wald_test(f, f->vcov) : 0.0;
	f->lr_p = df > 0 ? gsl_cdf_chisq_Q(f->lr_chisq, df) : NAN;
	f->score_p = df > 0 ? gsl_cdf_chisq_Q(f->score_chisq, df) : NAN;
	f->wald_p = df > 0 ? gsl_cdf_chisq_Q(f->wald_chisq, df) : NAN;
}

enum ko_status ko_cox_fit(const struct ko_cox_data *data,
			  const struct ko_cox_options *opt,
			  struct ko_cox_fit **out, struct ko_err *err)
{
	struct ko_cox_options dflt;
	struct ko_cox_fit *f = NULL;
	struct risk k;
	struct newton nw;
	enum ko_status st;
	size_t i, j;

	memset(&nw, 0, sizeof nw);
	if (!opt) {
		ko_cox_options_init(&dflt);
		opt = &dflt;
	}
	if ((st = cox_risk_build(&k, data, err)))
		goto out;
	if ((st = newton_alloc(&nw, data->p, err)))
		goto out;
	if ((st = fit_alloc(&f, data->n, data->p, data->names, err)))
		goto out;
	f->ties = opt->ties;
	f->level = opt->level;
	f->n_used = k.n;
	f->n_events = k.n_events;
	f->n_strata = k.ns;
	newton_run(&k, opt, &nw, f);
	fit_coefficients(f, &k, opt, &nw);
	fit_tests(f);
	/* lp takes over the block of r and stop (2 doubles a used row, read
	 * no more) when it fits: 130 MB less fresh memory at 16 million rows */
	if (data->n <= 2 * k.n) {
		f->lp = k.block;
		k.block = NULL;
		k.r = k.stop = NULL;
	} else if (!(f->lp = cox_rows(data->n * sizeof *f->lp))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < data->n; i++)
		f->lp[i] = NAN;
	for (i = 0; i < k.n; i++) {
		double e = k.off ? k.off[i] : 0.0;

		for (j = 0; j < data->p; j++)
			if (!f->aliased[j])
				e += (k.x[i * data->p + j] + k.mean[j]) * f->coef[j];
		f->lp[k.row[i]] = e;
	}
out:
	cox_risk_release(&k);
	newton_release(&nw);
	if (st) {
		ko_cox_fit_free(f);
		return st;
	}
	*out = f;
	return KO_OK;
}

/* ---- score residuals and the robust variance --------------------------------- */

/* Per tied set: the hazard increments and their x-weighted sums, in full
 * (every row at risk) and as the events themselves see them under Efron
 * (their weight (1 - f) at step f), and the mean of the steps' xbar. */
struct tie_hazard {
	double h, hd;          /* sum of h_k; sum of (1 - f_k) h_k */
	double *g, *gd, *xbm;  /* p each: sum h_k xbar_k; (1 - f_k) h_k xbar_k;
				  mean of xbar_k */
};

static void tie_hazard(const struct risk *k, enum ko_cox_ties ties, size_t d,
		       double deadwt, double s0, double d0, struct tie_hazard *th)
{
	size_t p = k->p, j, step, steps = ties == KO_COX_EFRON ? d : 1;
	double meanwt = deadwt / (double)steps;

	th->h = th->hd = 0.0;
	cox_zero(th->g, p);
	cox_zero(th->gd, p);
	cox_zero(th->xbm, p);
	for (step = 0; step < steps; step++) {
		double f = (double)step / (double)steps;
		double dd = s0 - f * d0, hk = meanwt / dd;

		th->h += hk;
		th->hd += (1.0 - f) * hk;
		for (j = 0; j < p; j++) {
			double xk = (k->s1[j] - f * k->d1[j]) / dd;

			th->g[j] += hk * xk;
			th->gd[j] += (1.0 - f) * hk * xk;
			th->xbm[j] += xk / (double)steps;
		}
	}
}

/* Scratch of score_residuals: per tied set its hazard h and h xbar (in
 * the order of the sweep, exit time descending), a segment tree of them
 * in time order, and per row how many tied sets of its stratum lie after
 * its exit and after its entry. */
struct resid_work {
	double *th, *tg;     /* ties: h, h xbar (p each) */
	double *ph, *pg;     /* a segment tree of th, tg in time order: 2 ties,
				2 ties p */
	cox_pos *after_stop, *after_start; /* n (counts of sets <= n) */
	double *sc;          /* 3 p */
};

/* The arrays are one block from th (resid_work_alloc). */
static void resid_work_release(struct resid_work *rw)
{
	free(rw->th);
}

/* th (nt), tg (nt p), ph (2 nt), pg (2 nt p), sc (3 p), after_stop and
 * after_start (n each) in one block. */
static enum ko_status resid_work_alloc(struct resid_work *rw, const struct risk *k,
				       struct ko_err *err)
{
	size_t nt = k->n_events + k->ns + 1, p1 = k->p ? k->p : 1;

	memset(rw, 0, sizeof *rw);
	rw->th = malloc((3 * nt + 3 * nt * p1 + 3 * p1) * sizeof *rw->th +
			2 * k->n * sizeof *rw->after_stop);
	if (!rw->th)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	rw->tg = rw->th + nt;
	rw->ph = rw->tg + nt * p1;
	rw->pg = rw->ph + 2 * nt;
	rw->sc = rw->pg + 2 * nt * p1;
	rw->after_stop = (cox_pos *)(rw->sc + 3 * p1);
	rw->after_start = rw->after_stop + k->n;
	return KO_OK;
}

/* The at-risk part of the residuals of stratum rows [beg, end) with its
 * nt tied sets (rw->th/tg from position 0, descending):
 *   res_i -= e^eta_i sum_{t in (start_i, stop_i]} h(t) (x_i - xbar(t)),
 * the sums over a row's own times taken from a segment tree in time
 * order, so that only the hazards of those times are added: as the
 * difference of two prefix sums (or of two totals from the last time) a
 * row's sum lost its digits to the large hazards of times it was not at
 * risk (6e-7 of the robust variance with a log-HR-30 group entering late;
 * every digit with an infinite coefficient). O(log nt) per row. */
static void resid_at_risk(const struct risk *k, const double *beta,
			  struct resid_work *rw, size_t beg, size_t end,
			  size_t nt, double *res)
{
	size_t p = k->p, i, j, m;
	double *g = k->d1; /* p scratch: the window's sum of h xbar */

	for (m = 0; m < nt; m++) { /* leaf nt + m: the m-th earliest set */
		size_t t = nt - 1 - m;

		rw->ph[nt + m] = rw->th[t];
		memcpy(rw->pg + (nt + m) * p, rw->tg + t * p, p * sizeof(double));
	}
	for (m = nt; m-- > 1;) {
		rw->ph[m] = rw->ph[2 * m] + rw->ph[2 * m + 1];
		for (j = 0; j < p; j++)
			rw->pg[m * p + j] = rw->pg[2 * m * p + j] + rw->pg[(2 * m + 1) * p + j];
	}
	for (i = beg; i < end; i++) {
		size_t lo = nt - rw->after_start[i] + nt, hi = nt - rw->after_stop[i] + nt;
		const double *x = k->x + i * p;
		double e = risk_exp(k, i, beta), dh = 0.0;

		cox_zero(g, p);
		for (; lo < hi; lo >>= 1, hi >>= 1) {
			if (lo & 1) {
				dh += rw->ph[lo];
				for (j = 0; j < p; j++)
					g[j] += rw->pg[lo * p + j];
				lo++;
			}
			if (hi & 1) {
				hi--;
				dh += rw->ph[hi];
				for (j = 0; j < p; j++)
					g[j] += rw->pg[hi * p + j];
			}
		}
		for (j = 0; j < p; j++)
			res[i * p + j] -= e * (x[j] * dh - g[j]);
	}
}

/* The score residuals at beta (unweighted, as residuals(fit, "score",
 * weighted = FALSE)) into res (n x p, stop order): for row i,
 *   delta_i (x_i - xbar(t_i)) - e^eta_i sum_{t at risk} h(t) (x_i - xbar(t))
 * with Efron's steps for the events of a tied set. */
static void score_residuals(struct risk *k, const double *beta,
			    enum ko_cox_ties ties, struct resid_work *rw,
			    double *res)
{
	size_t p = k->p, s, i, j, jr, m;
	struct tie_hazard th;

	th.gd = rw->sc;
	th.xbm = rw->sc + p;
	set_risk(k, beta);
	cox_zero(res, k->n * p);
	for (s = 0; s < k->ns; s++) {
		size_t beg = k->sbeg[s], end = k->sbeg[s + 1], nrisk = 0, nt = 0;
		double s0 = 0.0, s0max = 0.0;

		cox_zero(k->s1, p);
		i = jr = beg;
		while (i < end) {
			double t = k->stop[i], d0 = 0.0, deadwt = 0.0;
			size_t d = 0, first = i;

			for (; i < end && k->stop[i] == t; i++) {
				sums1_add(k, i, 1.0, &s0, k->s1);
				s0max = s0 > s0max ? s0 : s0max;
				rw->after_stop[i] = (cox_pos)nt;
				nrisk++;
				if (!k->status[i])
					continue;
				if (!d++)
					cox_zero(k->d1, p);
				deadwt += cox_w(k, i);
				sums1_add(k, i, 1.0, &d0, k->d1);
			}
			if (k->counting)
				for (; jr < end && k->start[k->by_start[jr]] >= t; jr++) {
					sums1_add(k, k->by_start[jr], -1.0, &s0, k->s1);
					rw->after_start[k->by_start[jr]] = (cox_pos)nt;
					if (!--nrisk) {
						s0 = s0max = 0.0;
						cox_zero(k->s1, p);
					}
				}
			if (k->counting && nrisk && s0 < RECOMPUTE_SHARE * s0max) {
				sums_recompute(k, beg, i, t, &s0, k->s1, NULL);
				s0max = s0;
			}
			if (!d)
				continue;
			th.g = rw->tg + nt * p;
			tie_hazard(k, d > 1 ? ties : KO_COX_BRESLOW, d, deadwt, s0, d0, &th);
			rw->th[nt++] = th.h;
			for (m = first; m < i; m++) {
				const double *x = k->x + m * p;
				double e = risk_exp(k, m, beta);

				if (!k->status[m])
					continue;
				for (j = 0; j < p; j++)
					res[m * p + j] += x[j] - th.xbm[j] +
						e * (x[j] * (th.h - th.hd) - (th.g[j] - th.gd[j]));
			}
		}
		/* rows still at risk at the stratum's first time */
		for (m = k->counting ? jr : beg; m < end; m++)
			rw->after_start[k->counting ? k->by_start[m] : m] = (cox_pos)nt;
		resid_at_risk(k, beta, rw, beg, end, nt, res);
	}
}

/* m (p x p, full) = sum over clusters of (sum_i w_i res_i)(...)' and u =
 * sum_i w_i res_i.  key: the stop positions grouped by cluster (NULL: each
 * row alone).  sc: p scratch. */
static void cluster_crossprod(const struct risk *k, const double *res,
			      const struct ko_cluster_row *key, double *m,
			      double *u, double *sc)
{
	size_t p = k->p, g, i, j, l;

	cox_zero(m, p * p);
	cox_zero(u, p);
	for (g = 0; g < k->n; g = i) {
		cox_zero(sc, p);
		i = g;
		do {
			size_t pos = key ? key[i].row : i;

			for (j = 0; j < p; j++)
				sc[j] += cox_w(k, pos) * res[pos * p + j];
			i++;
		} while (key && i < k->n && key[i].id == key[g].id);
		for (j = 0; j < p; j++) {
			u[j] += sc[j];
			for (l = 0; l < p; l++)
				m[j * p + l] += sc[j] * sc[l];
		}
	}
}

/* out = a b, all three p x p, row-major. */
static void mat_mul(const double *a, const double *b, size_t p, double *out)
{
	size_t j, c, k;

	for (j = 0; j < p; j++)
		for (c = 0; c < p; c++) {
			double s = 0.0;

			for (k = 0; k < p; k++)
				s += a[j * p + k] * b[k * p + c];
			out[j * p + c] = s;
		}
}

/* u' m^- u on the columns the pivoting Cholesky keeps (coxph.wtest). */
double cox_quad_form(const double *m, const double *u, size_t p,
		     double *l, double *dsc, int *al, double *sol)
{
	size_t j;
	double q = 0.0;

	ko_chol_pivot(m, p, TOLER_CHOL, l, dsc, al, NULL);
	ko_chol_solve(l, dsc, al, p, u, sol);
	for (j = 0; j < p; j++)
		q += u[j] * sol[j];
	return q;
}

enum ko_status ko_cox_vcov_robust(const struct ko_cox_data *data,
				  const struct ko_cox_fit *fit,
				  const long *cluster, gsl_matrix *out,
				  double *score_chisq, struct ko_err *err)
{
	struct risk k;
	struct resid_work rw;
	struct ko_cluster_row *key = NULL;
	double *res = NULL, *w = NULL, *m, *v, *vm, *u, *sc, *beta, *l, *dsc;
	int *al = NULL;
	enum ko_status st;
	size_t p = fit->p, p1 = p ? p : 1, i, j, a;

	memset(&rw, 0, sizeof rw);
	if ((st = cox_risk_build(&k, data, err)))
		goto out;
	if (k.n != fit->n_used || data->p != p) {
		st = ko_err_set(err, KO_ERR_USAGE, "cox: the data are not the fit's");
		goto out;
	}
	if ((st = resid_work_alloc(&rw, &k, err)))
		goto out;
	res = cox_rows(k.n * p1 * sizeof *res);
	w = malloc((4 * p1 * p1 + 9 * p1) * sizeof *w);
	al = calloc(p1, sizeof *al);
	if (cluster)
		key = malloc(k.n * sizeof *key);
	if (!res || !w || !al || (cluster && !key)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	m = w;
	v = m + p1 * p1;
	vm = v + p1 * p1;
	l = vm + p1 * p1;
	u = l + p1 * p1;
	beta = u + p1;
	dsc = beta + p1;
	sc = dsc + p1;
	if (key) {
		for (i = 0; i < k.n; i++) {
			key[i].id = cluster[k.row[i]];
			key[i].row = i;
		}
		ko_cluster_sort(key, k.n);
	}
	for (j = 0; j < p; j++) {
		beta[j] = fit->aliased[j] ? 0.0 : fit->coef[j];
		for (a = 0; a < p; a++)
			v[j * p + a] = fit->aliased[j] || fit->aliased[a] ? 0.0 :
				gsl_matrix_get(fit->vcov, j, a);
	}
	/* the fit's coefficients are for uncentred x: the same on centred x */
	score_residuals(&k, beta, fit->ties, &rw, res);
	cluster_crossprod(&k, res, key, m, u, sc);
	/* out = V M V (l: scratch until cox_quad_form) */
	mat_mul(v, m, p, vm);
	mat_mul(vm, v, p, l);
	for (j = 0; j < p; j++)
		for (a = 0; a < p; a++)
			gsl_matrix_set(out, j, a, fit->aliased[j] || fit->aliased[a] ? NAN
				       : l[j * p + a]);
	if (score_chisq) {
		cox_zero(beta, p);
		score_residuals(&k, beta, fit->ties, &rw, res);
		cluster_crossprod(&k, res, key, m, u, sc);
		*score_chisq = cox_quad_form(m, u, p, l, dsc, al, sc);
	}
out:
	cox_risk_release(&k);
	resid_work_release(&rw);
	free(res);
	free(w);
	free(al);
	free(key);
	return st;
}
