/*
 * chol.c - the pivoting Cholesky factorisation shared by the GLM fits
 * (logit.c, poisson.c): X'WX scaled to unit diagonal, factored in column
 * order, a column whose pivot falls below the tolerance aliased (left out,
 * as R's dqrdc2 moves it to the end).  See chol.h.
 */
#include "chol.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

/* Above this many columns dsyrk's half of the work wins (measured with
 * OpenBLAS 0.3.21, bench note in docs/statistics.md). */
#define GRAM_GEMM_MAX 64
/* OpenBLAS takes its small-matrix dgemm path up to m * n * k = 100^3. */
#define GRAM_SMALL_MNK 1000000

/* Cholesky of a scaled to unit diagonal, in column order; a column whose
 * pivot is below tol (or whose column is all zero) is aliased and left out
 * of the factor, as R's dqrdc2 moves it to the end.  skip[c] (may be NULL)
 * marks columns already known aliased.  Returns the rank. */
size_t ko_chol_pivot(const double *a, size_t m, double tol,
			 double *l, double *dsc, int *al, const int *skip)
{
	size_t i, j, k, rank = 0;

	memset(l, 0, m * m * sizeof *l);
	for (j = 0; j < m; j++) {
		double ajj = a[j * m + j];

		al[j] = (skip && skip[j]) || !(ajj > 0.0) || !isfinite(ajj);
		dsc[j] = al[j] ? 0.0 : 1.0 / sqrt(ajj);
	}
	for (j = 0; j < m; j++) {
		double dj = 1.0;

		if (al[j])
			continue;
		for (k = 0; k < j; k++) {
			double s;

			if (al[k])
				continue;
			s = a[j * m + k] * dsc[j] * dsc[k];
			for (i = 0; i < k; i++)
				s -= l[j * m + i] * l[k * m + i];
			l[j * m + k] = s / l[k * m + k];
			dj -= l[j * m + k] * l[j * m + k];
		}
		if (!(dj >= tol)) {
			al[j] = 1;
			for (k = 0; k < j; k++)
				l[j * m + k] = 0.0;
			continue;
		}
		l[j * m + j] = sqrt(dj);
		rank++;
	}
	return rank;
}

/* Solve A x = b with the factor of chol_pivot (x, b of length m, may
 * alias); aliased entries of x are 0. */
void ko_chol_solve(const double *l, const double *dsc, const int *al,
		       size_t m, const double *b, double *x)
{
	size_t i, k;

	for (i = 0; i < m; i++)
		x[i] = al[i] ? 0.0 : b[i] * dsc[i];
	for (i = 0; i < m; i++) {
		if (al[i])
			continue;
		for (k = 0; k < i; k++)
			x[i] -= l[i * m + k] * x[k];
		x[i] /= l[i * m + i];
	}
	for (i = m; i-- > 0;) {
		if (al[i])
			continue;
		for (k = i + 1; k < m; k++)
			x[i] -= l[k * m + i] * x[k];
		x[i] /= l[i * m + i];
	}
	for (i = 0; i < m; i++)
		x[i] *= dsc[i];
}

/* log det of the non-aliased block of A. */
double ko_chol_logdet(const double *l, const double *dsc, const int *al,
			  size_t m)
{
	size_t j;
	double s = 0.0;

	for (j = 0; j < m; j++)
		if (!al[j])
			s += 2.0 * log(l[j * m + j]) - 2.0 * log(dsc[j]);
	return s;
}

/* inv (m x m, full) = inverse of the non-aliased block of A; aliased rows
 * and columns NaN.  e is m scratch. */
void ko_chol_inverse(const double *l, const double *dsc, const int *al,
			 size_t m, double *inv, double *e)
{
	size_t i, j;

	for (j = 0; j < m; j++) {
		if (al[j]) {
			for (i = 0; i < m; i++)
				inv[i * m + j] = inv[j * m + i] = NAN;
			continue;
		}
		for (i = 0; i < m; i++)
			e[i] = i == j;
		ko_chol_solve(l, dsc, al, m, e, e);
		for (i = 0; i < m; i++)
			inv[i * m + j] = al[i] ? NAN : e[i];
	}
}


size_t ko_gram_block_rows(size_t m, size_t max_rows)
{
	size_t rows;

	if (m == 0 || m > GRAM_GEMM_MAX)
		return max_rows;
	rows = GRAM_SMALL_MNK / (m * m);
	if (rows < 16)
		rows = 16;
	return rows < max_rows ? rows : max_rows;
}

void ko_gram_add(size_t m, size_t k, const double *blk, double *a)
{
	if (m == 0 || k == 0)
		return;
	if (m <= GRAM_GEMM_MAX)
		cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)m,
			    (int)m, (int)k, 1.0, blk, (int)m, blk, (int)m, 1.0,
			    a, (int)m);
	else
		cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, (int)m,
			    (int)k, 1.0, blk, (int)m, 1.0, a, (int)m);
}
