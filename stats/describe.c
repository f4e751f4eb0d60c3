/*
 * describe.c - Table 1 statistics (see describe.h for the conventions).
 */
#include "describe.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double ko_describe_quantile(const double *sorted, size_t n, double p)
{
	double h;
	size_t lo;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void ko_describe_num(const double *x, size_t n, double *work,
		     struct ko_num_summary *out)
{
	size_t i, m = 0;
	double sum = 0, mean, ss = 0, corr = 0;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			work[m++] = x[i];
	out->n = (long)m;
	out->missing = (long)(n - m);
	out->mean = out->sd = out->median = out->q1 = out->q3 = NAN;
	out->min = out->max = NAN;
	if (m == 0)
		return;
	/* two passes, as R's mean and var: the second corrects the first */
	for (i = 0; i < m; i++)
		sum += work[i];
	mean = sum / (double)m;
	for (i = 0; i < m; i++)
		corr += work[i] - mean;
	mean += corr / (double)m;
	for (i = 0; i < m; i++)
		ss += (work[i] - mean) * (work[i] - mean);
	out->mean = mean;
	if (m > 1)
		out->sd = sqrt(ss / (double)(m - 1));
	qsort(work, m, sizeof(*work), cmp_double);
	out->median = ko_describe_quantile(work, m, 0.5);
	out->q1 = ko_describe_quantile(work, m, 0.25);
	out->q3 = ko_describe_quantile(work, m, 0.75);
	out->min = work[0];
	out->max = work[m - 1];
}

double ko_describe_smd_num(const struct ko_num_summary *a,
			   const struct ko_num_summary *b)
{
	double pooled = sqrt((a->sd * a->sd + b->sd * b->sd) / 2);

	if (a->n < 2 || b->n < 2 || !(pooled > 0))
		return NAN;
	return fabs(a->mean - b->mean) / pooled;
}

/* d' S^+ d for a symmetric positive semi-definite S (pseudo-inverse with
 * MASS::ginv's tolerance, sqrt(machine eps) times the largest eigenvalue). */
static double mahalanobis_pinv(gsl_matrix *S, const gsl_vector *d)
{
	size_t m = S->size1, i, j;
	gsl_vector *eval = gsl_vector_alloc(m);
	gsl_matrix *evec = gsl_matrix_alloc(m, m);
	gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(m);
	double result = NAN, lmax = 0, tol;

	if (!eval || !evec || !w || gsl_eigen_symmv(S, eval, evec, w))
		goto out;
	for (i = 0; i < m; i++)
		if (gsl_vector_get(eval, i) > lmax)
			lmax = gsl_vector_get(eval, i);
	tol = sqrt(2.220446049250313e-16) * lmax;
	result = 0;
	for (i = 0; i < m; i++) {
		double l = gsl_vector_get(eval, i), proj = 0;

		if (!(l > tol))
			continue;
		for (j = 0; j < m; j++)
			proj += gsl_matrix_get(evec, j, i) * gsl_vector_get(d, j);
		result += proj * proj / l;
	}
out:
	gsl_eigen_symmv_free(w);
	gsl_matrix_free(evec);
	gsl_vector_free(eval);
	return result;
}

double ko_describe_smd_cat(const long *a, const long *b, size_t k)
{
	size_t i, j, m = 0, *keep;
	double na = 0, nb = 0, result = NAN;
	gsl_matrix *S = NULL;
	gsl_vector *d = NULL;

	for (i = 0; i < k; i++) {
		na += (double)a[i];
		nb += (double)b[i];
	}
	if (na <= 0 || nb <= 0)
		return NAN;
	keep = malloc((k + 1) * sizeof(*keep));
	if (!keep)
		return NAN;
	for (i = 0; i < k; i++)
		if (a[i] || b[i])
			keep[m++] = i;
	if (m < 2) {
		result = 0; /* one level only: no difference */
		goto out;
	}
	/* levels 2..m of those present */
	S = gsl_matrix_alloc(m - 1, m - 1);
	d = gsl_vector_alloc(m - 1);
	if (!S || !d)
		goto out;
	for (i = 1; i < m; i++) {
		double pa = (double)a[keep[i]] / na, pb = (double)b[keep[i]] / nb;

		gsl_vector_set(d, i - 1, pa - pb);
		for (j = 1; j < m; j++) {
			double qa = (double)a[keep[j]] / na;
			double qb = (double)b[keep[j]] / nb;
			double sa = i == j ? pa * (1 - pa) : -pa * qa;
			double sb = i == j ? pb * (1 - pb) : -pb * qb;

			gsl_matrix_set(S, i - 1, j - 1, (sa + sb) / 2);
		}
	}
	result = sqrt(mahalanobis_pinv(S, d));
out:
	gsl_vector_free(d);
	gsl_matrix_free(S);
	free(keep);
	return result;
}

double ko_describe_smd_cat_groups(const long *counts, size_t g, size_t k)
{
	double sum = 0;
	size_t i, j, pairs = 0;

	for (i = 0; i < g; i++)
		for (j = i + 1; j < g; j++) {
			sum += ko_describe_smd_cat(counts + i * k, counts + j * k, k);
			pairs++;
		}
	return pairs ? sum / (double)pairs : NAN;
}

double ko_describe_smd_num_groups(const struct ko_num_summary *s, size_t g)
{
	double sum = 0;
	size_t i, j, pairs = 0;

	for (i = 0; i < g; i++)
		for (j = i + 1; j < g; j++) {
			sum += ko_describe_smd_num(&s[i], &s[j]);
			pairs++;
		}
	return pairs ? sum / (double)pairs : NAN;
}

double ko_describe_chisq(const long *counts, size_t g, size_t k,
			 double *stat, double *df)
{
	double *row = calloc(k + 1, sizeof(*row)), *col = calloc(g + 1, sizeof(*col));
	double total = 0, x2 = 0, p = NAN;
	size_t i, j, kr = 0, gc = 0;

	if (!row || !col)
		goto out;
	for (j = 0; j < g; j++)
		for (i = 0; i < k; i++) {
			row[i] += (double)counts[j * k + i];
			col[j] += (double)counts[j * k + i];
			total += (double)counts[j * k + i];
		}
	for (i = 0; i < k; i++)
		kr += row[i] > 0;
	for (j = 0; j < g; j++)
		gc += col[j] > 0;
	if (kr < 2 || gc < 2)
		goto out;
	for (j = 0; j < g; j++)
		for (i = 0; i < k; i++) {
			double e;

			if (row[i] <= 0 || col[j] <= 0)
				continue;
			e = row[i] * col[j] / total;
			x2 += ((double)counts[j * k + i] - e) *
			      ((double)counts[j * k + i] - e) / e;
		}
	p = gsl_cdf_chisq_Q(x2, (double)((kr - 1) * (gc - 1)));
	if (stat)
		*stat = x2;
	if (df)
		*df = (double)((kr - 1) * (gc - 1));
out:
	free(row);
	free(col);
	return p;
}

double ko_describe_welch(const struct ko_num_summary *s, size_t g,
			 double *stat, double *df1, double *df2)
{
	double W = 0, mw = 0, tmp = 0, num = 0, k, f, d2;
	size_t i, used = 0;

	for (i = 0; i < g; i++) {
		if (s[i].n == 0)
			continue;
		if (s[i].n < 2 || !(s[i].sd > 0))
			return NAN;
		W += (double)s[i].n / (s[i].sd * s[i].sd);
		used++;
	}
	if (used < 2)
		return NAN;
	k = (double)used;
	for (i = 0; i < g; i++)
		if (s[i].n)
			mw += (double)s[i].n / (s[i].sd * s[i].sd) * s[i].mean;
	mw /= W;
	for (i = 0; i < g; i++) {
		double w;

		if (!s[i].n)
			continue;
		w = (double)s[i].n / (s[i].sd * s[i].sd);
		tmp += (1 - w / W) * (1 - w / W) / (double)(s[i].n - 1);
		num += w * (s[i].mean - mw) * (s[i].mean - mw);
	}
	tmp /= k * k - 1;
	f = num / ((k - 1) * (1 + 2 * (k - 2) * tmp));
	d2 = 1 / (3 * tmp);
	if (stat)
		*stat = f;
	if (df1)
		*df1 = k - 1;
	if (df2)
		*df2 = d2;
	return gsl_cdf_fdist_Q(f, k - 1, d2);
}
