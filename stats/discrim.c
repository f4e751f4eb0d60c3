/* discrim.c - C-statistic with DeLong CI, Hosmer-Lemeshow (see discrim.h). */
#include "discrim.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ci.h"
#include "base/mem.h"
#include "base/par.h"

/* Order-preserving map of a (non-NaN) double to an unsigned key; -0 and
 * +0 map to the same key, so equal scores have equal keys. */
static uint64_t key_of(double x)
{
	uint64_t u;

	if (x == 0)
		x = 0;
	memcpy(&u, &x, sizeof(u));
	return u >> 63 ? ~u : u | (uint64_t)1 << 63;
}

static double double_of(uint64_t k)
{
	uint64_t u = k >> 63 ? k & ~((uint64_t)1 << 63) : ~k;
	double x;

	memcpy(&x, &u, sizeof(x));
	return x;
}

#define RADIX_BITS 16
#define RADIX_SIZE (1u << RADIX_BITS)

/* LSD radix sort of key[0..n-1] on bits [lo, hi), `bits` at a time,
 * carrying tag[] (may be NULL) along; k2, t2: scratch of n.  count has
 * 2^bits entries.  Passes where every key has the same digit are
 * skipped.  The result is in key, tag. */
static void lsd_sort(uint64_t *key, unsigned char *tag, uint64_t *k2,
		     unsigned char *t2, size_t *count, size_t n, unsigned lo,
		     unsigned hi, unsigned bits)
{
	size_t size = (size_t)1 << bits, mask = size - 1, i;
	unsigned shift;

	for (shift = lo; shift < hi; shift += bits) {
		size_t sum = 0, c;

		memset(count, 0, size * sizeof(*count));
		for (i = 0; i < n; i++)
			count[(key[i] >> shift) & mask]++;
		if (n == 0 || count[(key[0] >> shift) & mask] == n)
			continue;
		for (c = 0; c < size; c++) {
			size_t here = count[c];

			count[c] = sum;
			sum += here;
		}
		for (i = 0; i < n; i++) {
			size_t at = count[(key[i] >> shift) & mask]++;

			k2[at] = key[i];
			if (tag)
				t2[at] = tag[i];
		}
		memcpy(key, k2, n * sizeof(*key));
		if (tag)
			memcpy(tag, t2, n);
	}
}

#define TOP_BITS 16
#define TOP_SIZE (1u << TOP_BITS)
#define LOW_BITS 12        /* digit of the sorts inside a top bucket */
#define MSD_MIN_ROWS 65536 /* below: one LSD sort of the whole */
#define SORT_MAX_PARTS 16

/* The buckets of one top-bits digit, sorted on their low 48 bits: parts
 * of consecutive buckets on threads. */
struct bucket_sort {
	uint64_t *key, *k2;
	unsigned char *tag, *t2;
	const size_t *start; /* TOP_SIZE + 1 */
	size_t first[SORT_MAX_PARTS + 1];
	int failed[SORT_MAX_PARTS]; /* out of memory, per part */
};

static void bucket_part(void *ctx, size_t part)
{
	struct bucket_sort *s = ctx;
	size_t *count = malloc(((size_t)1 << LOW_BITS) * sizeof(*count));
	size_t b;

	if (!count) {
		s->failed[part] = 1;
		return;
	}
	for (b = s->first[part]; b < s->first[part + 1]; b++) {
		size_t at = s->start[b], m = s->start[b + 1] - at;

		if (m < 2)
			continue;
		/* the bucket is in k2 (after the top-bits scatter); key is
		 * free there as scratch */
		lsd_sort(s->k2 + at, s->tag ? s->t2 + at : NULL, s->key + at,
			 s->tag ? s->tag + at : NULL, count, m, 0,
			 64 - TOP_BITS, LOW_BITS);
	}
	free(count);
}

/* Sort key[0..n-1] ascending, carrying tag[] (may be NULL) along.  Large
 * arrays: one pass on the top 16 bits into buckets (fitted
 * probabilities fill a few hundred of them, so the scatter stays in
 * cache), then each bucket on its low 48 bits (12 at a time, in cache),
 * buckets in parts on threads (par.h).  A sort has one result, whatever
 * the parts.  -1: out of memory. */
static int radix_sort(uint64_t *key, unsigned char *tag, size_t n)
{
	uint64_t *k2 = ko_mem_rows((n ? n : 1) * sizeof(*k2));
	unsigned char *t2 = tag ? ko_mem_rows(n ? n : 1) : NULL;
	size_t *start = NULL, *at = NULL, i, b, parts, k;
	struct bucket_sort s;
	int rc = -1;

	if (!k2 || (tag && !t2))
		goto out;
	if (n < MSD_MIN_ROWS) {
		if (!(start = malloc(RADIX_SIZE * sizeof(*start))))
			goto out;
		lsd_sort(key, tag, k2, t2, start, n, 0, 64, RADIX_BITS);
		rc = 0;
		goto out;
	}
	start = calloc(TOP_SIZE + 1, sizeof(*start));
	at = malloc(TOP_SIZE * sizeof(*at));
	if (!start || !at)
		goto out;
	for (i = 0; i < n; i++)
		start[(key[i] >> (64 - TOP_BITS)) + 1]++;
	for (b = 0; b < TOP_SIZE; b++) {
		start[b + 1] += start[b];
		at[b] = start[b];
	}
	for (i = 0; i < n; i++) {
		size_t to = at[key[i] >> (64 - TOP_BITS)]++;

		k2[to] = key[i];
		if (tag)
			t2[to] = tag[i];
	}
	/* parts of consecutive buckets with about n / parts keys each */
	memset(&s, 0, sizeof(s));
	parts = (size_t)ko_par_threads();
	parts = parts > SORT_MAX_PARTS ? SORT_MAX_PARTS : parts;
	s.key = key;
	s.k2 = k2;
	s.tag = tag;
	s.t2 = t2;
	s.start = start;
	for (k = 1, b = 0; k < parts; k++) {
		while (b < TOP_SIZE && start[b] < n / parts * k)
			b++;
		s.first[k] = b;
	}
	s.first[parts] = TOP_SIZE;
	ko_par_run(parts, bucket_part, &s);
	for (k = 0; k < parts; k++)
		if (s.failed[k])
			goto out;
	memcpy(key, k2, n * sizeof(*key));
	if (tag)
		memcpy(tag, t2, n);
	rc = 0;
out:
	free(k2);
	free(t2);
	free(start);
	free(at);
	return rc;
}

static enum ko_status check_binary(const double *y, const double *score,
				   size_t n, struct ko_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (y[i] != 0 && y[i] != 1)
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, NULL,
					 "the outcome must be 0 or 1 for the C-statistic");
		if (isnan(score[i]))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, NULL,
					 "missing fitted value");
	}
	return KO_OK;
}

/* Walk tie groups in ascending order: each event's placement is the share
 * of non-events below it (ties 1/2), each non-event's the share of events
 * above it; AUC is the mean event placement (DeLong 1988, Sun & Xu 2014). */
static void placements(const uint64_t *key, const unsigned char *event,
		       size_t n, size_t n1, size_t n0, double *v10, double *v01)
{
	size_t i = 0, k1 = 0, k0 = 0, ctl_below = 0, cas_below = 0;

	while (i < n) {
		size_t j = i, ctl_eq = 0, cas_eq = 0, t;
		double p10, p01;

		while (j < n && key[j] == key[i]) {
			cas_eq += event[j];
			j++;
		}
		ctl_eq = j - i - cas_eq;
		p10 = ((double)ctl_below + 0.5 * (double)ctl_eq) / (double)n0;
		p01 = ((double)(n1 - cas_below - cas_eq) + 0.5 * (double)cas_eq) /
		      (double)n1;
		/* each row's placement into its own array; written to both
		 * (the other slot is overwritten by the next row of that kind,
		 * or is the spare one at the end) so that events and
		 * non-events in any mix cost no mispredicted branch */
		for (t = i; t < j; t++) {
			v10[k1] = p10;
			v01[k0] = p01;
			k1 += event[t];
			k0 += !event[t];
		}
		ctl_below += ctl_eq;
		cas_below += cas_eq;
		i = j;
	}
}

static double mean_of(const double *v, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += v[i];
	return s / (double)n;
}

static double ss_about(const double *v, size_t n, double centre)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (v[i] - centre) * (v[i] - centre);
	return s;
}

enum ko_status ko_discrim_auc(const double *y, const double *score, size_t n,
			      double level, struct ko_auc *out,
			      struct ko_err *err)
{
	uint64_t *key = NULL;
	unsigned char *event = NULL;
	double *v10 = NULL, *v01 = NULL, auc, var, z;
	size_t i, n1 = 0, n0;
	enum ko_status st;

	if (!(level > 0 && level < 1))
		return ko_err_set(err, KO_ERR_USAGE, "level must be in (0, 1)");
	if ((st = check_binary(y, score, n, err)))
		return st;
	for (i = 0; i < n; i++)
		n1 += y[i] == 1;
	n0 = n - n1;
	if (n1 < 2 || n0 < 2)
		return ko_err_set(err, KO_ERR_DATA,
				  "the C-statistic needs at least 2 events and 2 non-events (have %zu and %zu)",
				  n1, n0);
	key = ko_mem_rows(n * sizeof(*key));
	event = ko_mem_rows(n);
	v10 = ko_mem_rows((n1 + 1) * sizeof(*v10)); /* + 1: placements' spare slot */
	v01 = ko_mem_rows((n0 + 1) * sizeof(*v01));
	if (!key || !event || !v10 || !v01) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		key[i] = key_of(score[i]);
		event[i] = y[i] == 1;
	}
	if (radix_sort(key, event, n)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	placements(key, event, n, n1, n0, v10, v01);
	auc = mean_of(v10, n1);
	var = ss_about(v10, n1, auc) / (double)(n1 - 1) / (double)n1 +
	      ss_about(v01, n0, auc) / (double)(n0 - 1) / (double)n0;
	z = ko_ci_z(level);
	out->auc = auc;
	out->se = sqrt(var);
	out->conf_low = fmax(0, auc - z * out->se);
	out->conf_high = fmin(1, auc + z * out->se);
	out->n_events = n1;
	out->n_nonevents = n0;
out:
	free(key);
	free(event);
	free(v10);
	free(v01);
	return st;
}

/* The values of x[0..n-1] at the ascending 0-based ranks rank[0..nr-1]
 * (an order statistic each) into out, without sorting all of x: a count
 * of the keys' top 16 bits tells which keys hold each rank, and only
 * those are gathered and sorted.  -1: out of memory. */
static int order_stats(const double *x, size_t n, const size_t *rank,
		       size_t nr, double *out)
{
	size_t *start = calloc(TOP_SIZE + 1, sizeof(*start));
	size_t *at = malloc(TOP_SIZE * sizeof(*at));
	unsigned char *need = calloc(TOP_SIZE, 1);
	uint64_t *pick = NULL;
	size_t i, b, k, picked = 0;
	int rc = -1;

	if (!start || !at || !need)
		goto out;
	for (i = 0; i < n; i++)
		start[(key_of(x[i]) >> (64 - TOP_BITS)) + 1]++;
	for (b = 0; b < TOP_SIZE; b++)
		start[b + 1] += start[b]; /* bucket b: ranks [start[b], start[b+1]) */
	for (k = 0, b = 0; k < nr; k++) {
		while (start[b + 1] <= rank[k])
			b++;
		need[b] = 1;
	}
	for (b = 0; b < TOP_SIZE; b++) {
		at[b] = picked;
		if (need[b])
			picked += start[b + 1] - start[b];
	}
	if (!(pick = malloc((picked ? picked : 1) * sizeof(*pick))))
		goto out;
	for (i = 0; i < n; i++) {
		uint64_t key = key_of(x[i]);

		b = (size_t)(key >> (64 - TOP_BITS));
		if (need[b])
			pick[at[b]++] = key;
	}
	if (radix_sort(pick, NULL, picked)) /* the buckets, one after another */
		goto out;
	for (k = 0, b = 0, picked = 0; k < nr; k++) {
		while (start[b + 1] <= rank[k]) {
			if (need[b])
				picked += start[b + 1] - start[b];
			b++;
		}
		out[k] = double_of(pick[picked + rank[k] - start[b]]);
	}
	rc = 0;
out:
	free(start);
	free(at);
	free(need);
	free(pick);
	return rc;
}

/* Cut points: R's quantile(type = 7) at 0, 1/g, ..., 1, duplicates
 * removed, from the n fitted values (the two order statistics around each
 * quantile, by order_stats).  Returns their number, or 0 when out of
 * memory. */
static size_t cut_points(const double *fitted, size_t n, int g, double *cut)
{
	size_t rank[2 * (KO_HL_MAX_GROUPS + 1)], k, m = 0;
	double index[KO_HL_MAX_GROUPS + 1], v[2 * (KO_HL_MAX_GROUPS + 1)];

	for (k = 0; k <= (size_t)g; k++) {
		/* seq(0, 1, 1/g) is k * (1/g), capped at 1 */
		double prob = fmin((double)k * (1.0 / g), 1.0);

		index[k] = 1 + (double)(n - 1) * prob;
		rank[2 * k] = (size_t)floor(index[k]) - 1;
		rank[2 * k + 1] = (size_t)ceil(index[k]) - 1;
	}
	if (order_stats(fitted, n, rank, 2 * ((size_t)g + 1), v))
		return 0;
	for (k = 0; k <= (size_t)g; k++) {
		double q = v[2 * k], lo = floor(index[k]);

		if (index[k] > lo && v[2 * k + 1] != q) {
			double h = index[k] - lo;

			q = (1 - h) * q + h * v[2 * k + 1];
		}
		if (m == 0 || q != cut[m - 1])
			cut[m++] = q;
	}
	return m;
}

/* Group of x among cut[0..m-1] as cut(include.lowest = TRUE): (a, b],
 * the first [a, b]. */
static size_t group_of(double x, const double *cut, size_t m)
{
	size_t lo = 1, hi = m - 1;

	if (m <= 16) { /* the cut points below x, counted without branches */
		size_t k = 0, j;

		for (j = 1; j + 1 < m; j++)
			k += x > cut[j];
		return k;
	}
	if (x <= cut[1])
		return 0;
	while (lo < hi) { /* smallest k with x <= cut[k] */
		size_t mid = lo + (hi - lo) / 2;

		if (x <= cut[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo - 1;
}

enum ko_status ko_discrim_hoslem(const double *y, const double *fitted,
				 size_t n, int g, struct ko_hoslem *out,
				 struct ko_err *err)
{
	double cut[KO_HL_MAX_GROUPS + 1];
	double obs1[KO_HL_MAX_GROUPS], exp1[KO_HL_MAX_GROUPS];
	double obs0[KO_HL_MAX_GROUPS], exp0[KO_HL_MAX_GROUPS];
	size_t size[KO_HL_MAX_GROUPS];
	size_t i, m, k;
	double chisq = 0;

	if (g < 3 || g > KO_HL_MAX_GROUPS)
		return ko_err_set(err, KO_ERR_USAGE,
				  "Hosmer-Lemeshow needs 3 to %d groups", KO_HL_MAX_GROUPS);
	if (n < 2)
		return ko_err_set(err, KO_ERR_DATA, "Hosmer-Lemeshow needs 2 or more rows");
	for (i = 0; i < n; i++)
		if (!(fitted[i] >= 0 && fitted[i] <= 1) || !(y[i] >= 0 && y[i] <= 1))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, NULL,
					 "outcome and fitted values must lie in [0, 1]");
	if (!(m = cut_points(fitted, n, g, cut)))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (m < 2)
		return ko_err_set(err, KO_ERR_DATA,
				  "Hosmer-Lemeshow: every fitted value is the same");
	memset(obs1, 0, sizeof(obs1));
	memset(exp1, 0, sizeof(exp1));
	memset(obs0, 0, sizeof(obs0));
	memset(exp0, 0, sizeof(exp0));
	memset(size, 0, sizeof(size));
	for (i = 0; i < n; i++) {
		k = group_of(fitted[i], cut, m);
		obs1[k] += y[i];
		obs0[k] += 1 - y[i];
		exp1[k] += fitted[i];
		exp0[k] += 1 - fitted[i];
		size[k]++;
	}
	for (k = 0; k + 1 < m; k++) {
		chisq += (obs0[k] - exp0[k]) * (obs0[k] - exp0[k]) / exp0[k];
		chisq += (obs1[k] - exp1[k]) * (obs1[k] - exp1[k]) / exp1[k];
		out->size[k] = size[k];
		out->observed[k] = obs1[k];
		out->expected[k] = exp1[k];
	}
	out->n_groups = m - 1;
	out->chisq = chisq;
	out->df = g - 2;
	out->p_value = isinf(chisq) ? 0 : gsl_cdf_chisq_Q(chisq, out->df);
	return KO_OK;
}
