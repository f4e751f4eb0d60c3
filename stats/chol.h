/*
 * chol.h - pivoting Cholesky of a symmetric positive semi-definite m x m
 * matrix (row-major, lower triangle used) for the GLM fits: aliased
 * columns are detected in column order and left out, as R does.
 * All arrays are the caller's: l (m*m), dsc (m), al (m) are outputs of
 * ko_chol_pivot and inputs of the others.
 */
#ifndef KO_CHOL_H
#define KO_CHOL_H

#include <stddef.h>

/* Factor a scaled to unit diagonal; a column whose pivot is below tol (or
 * whose diagonal is not positive) is aliased (al[j] = 1).  skip (may be
 * NULL) marks columns already known aliased.  Returns the rank. */
size_t ko_chol_pivot(const double *a, size_t m, double tol, double *l,
		     double *dsc, int *al, const int *skip);

/* Solve A x = b with the factor (x may alias b); aliased entries are 0. */
void ko_chol_solve(const double *l, const double *dsc, const int *al,
		   size_t m, const double *b, double *x);

/* log det of the non-aliased block of A. */
double ko_chol_logdet(const double *l, const double *dsc, const int *al,
		      size_t m);

/* inv (m x m) = inverse of the non-aliased block of A, aliased rows and
 * columns NaN; e is m doubles of scratch. */
void ko_chol_inverse(const double *l, const double *dsc, const int *al,
		     size_t m, double *inv, double *e);

/* ---- weighted cross-products in row blocks ---------------------------- */

/* How ko_gram_add computes blk' blk: dgemm (the whole square) or dsyrk
 * (the lower triangle, half the multiplications).  Chosen by the width
 * and the BLAS's kernels, once per process, so a fit gives the same bits
 * every time it runs in the same setting: dgemm up to 31 columns where
 * OpenBLAS runs its AVX-512 kernels (their small-matrix dgemm needs no
 * packing and beats dsyrk), dsyrk otherwise (measured in chol.c). */
enum ko_gram_way { KO_GRAM_GEMM, KO_GRAM_SYRK };

enum ko_gram_way ko_gram_way(size_t m);

/* Rows per block for ko_gram_add with m columns, at most max_rows: small
 * enough blocks for the BLAS's small-matrix dgemm when that is the way. */
size_t ko_gram_block_rows(size_t m, size_t max_rows);

/* a (m x m, row-major; callers read the lower triangle) += blk' blk for
 * the k rows of blk (k x m, row-major), the way ko_gram_way(m) says. */
void ko_gram_add(size_t m, size_t k, const double *blk, double *a);

/* Add g, the Gram matrix of rows [x z] (width m + 1, or m when !with_z;
 * lower triangle, as ko_gram_add leaves it), into a (m x m, lower
 * triangle): X'WX, and with z its last row into rhs (m): X'Wz. */
void ko_gram_split_add(const double *g, size_t m, int with_z, double *a,
		       double *rhs);

/* The same by the given way (the tests try both). */
void ko_gram_add_way(size_t m, size_t k, const double *blk, double *a,
		     enum ko_gram_way way);

#endif
