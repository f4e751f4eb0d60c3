/*
 * chol.c - the pivoting Cholesky factorisation shared by the GLM fits
 * (logit.c, poisson.c): X'WX scaled to unit diagonal, factored in column
 * order, a column whose pivot falls below the tolerance aliased (left out,
 * as R's dqrdc2 moves it to the end).  See chol.h.
 */
#include "chol.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

/* dgemm for the Gram matrix only up to this many columns, and only where
 * the BLAS has small-matrix dgemm kernels (see gram_way). */
#define GRAM_GEMM_MAX 31
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


/* OpenBLAS's name for the kernels it runs (weak: another CBLAS has no
 * such call, and then dsyrk is used). */
char *openblas_get_corename(void) __attribute__((weak));

/* The kernels with OpenBLAS's AVX-512 small-matrix dgemm (no packing):
 * there dgemm's whole square beats dsyrk's half up to 31 columns (30 vs
 * 42 ms per 10^6 rows at 31 columns, OpenBLAS 0.3.21 on an AMD Zen 5;
 * 34 vs 39 at 32).  Everywhere else, as with the AVX2 kernels (Haswell,
 * Zen) that OPENBLAS_CORETYPE=Haswell selects on the same machine, dsyrk
 * is faster at every width (54 vs 73 ms at 31 columns, 43 vs 54 at 32). */
static int small_gemm_kernels(void)
{
	static const char *const cores[] = { "SkylakeX", "Cooperlake",
					     "SapphireRapids", NULL };
	const char *core = openblas_get_corename ? openblas_get_corename() : NULL;
	size_t i;

	for (i = 0; core && cores[i]; i++)
		if (!strcmp(core, cores[i]))
			return 1;
	return 0;
}

enum ko_gram_way ko_gram_way(size_t m)
{
	/* once per process: the kernels do not change while it runs
	 * (a race here only computes the same answer twice) */
	static atomic_int small_gemm = -1;
	int g = atomic_load(&small_gemm);

	if (g < 0) {
		g = small_gemm_kernels();
		atomic_store(&small_gemm, g);
	}
	return g && m <= GRAM_GEMM_MAX ? KO_GRAM_GEMM : KO_GRAM_SYRK;
}

size_t ko_gram_block_rows(size_t m, size_t max_rows)
{
	size_t rows;

	if (m == 0 || ko_gram_way(m) != KO_GRAM_GEMM)
		return max_rows;
	rows = GRAM_SMALL_MNK / (m * m);
	if (rows < 16)
		rows = 16;
	return rows < max_rows ? rows : max_rows;
}

void ko_gram_add_way(size_t m, size_t k, const double *blk, double *a,
		     enum ko_gram_way way)
{
	if (m == 0 || k == 0)
		return;
	if (way == KO_GRAM_GEMM)
		cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)m,
			    (int)m, (int)k, 1.0, blk, (int)m, blk, (int)m, 1.0,
			    a, (int)m);
	else
		cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, (int)m,
			    (int)k, 1.0, blk, (int)m, 1.0, a, (int)m);
}

void ko_gram_split_add(const double *g, size_t m, int with_z, double *a,
		       double *rhs)
{
	size_t width = with_z ? m + 1 : m, r, c;

	for (r = 0; r < m; r++)
		for (c = 0; c <= r; c++)
			a[r * m + c] += g[r * width + c];
	for (c = 0; with_z && c < m; c++)
		rhs[c] += g[m * width + c];
}

void ko_gram_add(size_t m, size_t k, const double *blk, double *a)
{
	ko_gram_add_way(m, k, blk, a, ko_gram_way(m));
}
