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

/* Rows per block for ko_gram_add with m columns, at most max_rows: small
 * enough blocks for the BLAS's small-matrix dgemm (no packing) when m is
 * small. */
size_t ko_gram_block_rows(size_t m, size_t max_rows);

/* a (m x m, row-major; callers read the lower triangle) += blk' blk for
 * the k rows of blk (k x m, row-major).  Up to 64 columns by dgemm on
 * blocks of ko_gram_block_rows rows (the whole square, twice the
 * multiplications of dsyrk, and still faster: OpenBLAS's small-matrix
 * kernel needs no packing), else by dsyrk (lower triangle only). */
void ko_gram_add(size_t m, size_t k, const double *blk, double *a);

#endif
