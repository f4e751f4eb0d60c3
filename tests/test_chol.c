/*
 * test_chol.c - the weighted cross-products the GLM fits accumulate
 * (ko_gram_add, chol.h): both of its ways (dgemm, dsyrk) at every width
 * against a plain sum in long double, block by block as the fits call it;
 * the way chosen for each width; and the block sizes it asks for.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "chol.h"
#include "model_support.h"

#define TOL_GRAM 1e-13 /* relative to the largest diagonal entry */

/* a += blk' blk in blocks of ko_gram_block_rows rows, as the fits do;
 * then every lower-triangle entry against the long double sum. */
static void check_gram_way(size_t m, size_t n, enum ko_gram_way way)
{
	double *x = malloc(n * m * sizeof(*x));
	double *a = calloc(m * m, sizeof(*a));
	long double *want = calloc(m * m, sizeof(*want));
	size_t rows = ko_gram_block_rows(m, 1024), i, j, k, i0;
	uint64_t rng = 7 + m;
	long double scale = 0;

	assert_non_null(x);
	assert_non_null(a);
	assert_non_null(want);
	assert_true(rows >= 1 && rows <= 1024);
	for (i = 0; i < n * m; i++)
		x[i] = ms_uniform(&rng) * 4.0 - 2.0;
	for (i0 = 0; i0 < n; i0 += rows)
		ko_gram_add_way(m, i0 + rows < n ? rows : n - i0, x + i0 * m, a,
				way);
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
			for (k = 0; k <= j; k++)
				want[j * m + k] += (long double)x[i * m + j] * x[i * m + k];
	for (j = 0; j < m; j++)
		if (want[j * m + j] > scale)
			scale = want[j * m + j];
	for (j = 0; j < m; j++)
		for (k = 0; k <= j; k++) {
			double d = fabs(a[j * m + k] - (double)want[j * m + k]);

			if (!(d <= TOL_GRAM * (double)scale))
				fail_msg("m = %zu, %s: a[%zu][%zu] = %.17g, want %.17Lg",
					 m, way == KO_GRAM_GEMM ? "dgemm" : "dsyrk", j,
					 k, a[j * m + k], want[j * m + k]);
		}
	free(x);
	free(a);
	free(want);
}

/* Both ways, and the way ko_gram_add takes here. */
static void check_gram(size_t m, size_t n)
{
	double *x = malloc(n * m * sizeof(*x)), *a = calloc(m * m, sizeof(*a));
	double *b = calloc(m * m, sizeof(*b));
	uint64_t rng = 11 + m;
	size_t i, j;

	check_gram_way(m, n, KO_GRAM_GEMM);
	check_gram_way(m, n, KO_GRAM_SYRK);
	/* ko_gram_add is ko_gram_add_way with ko_gram_way's choice, bit for
	 * bit (lower triangle: dsyrk leaves the rest alone) */
	assert_non_null(x);
	assert_non_null(a);
	assert_non_null(b);
	for (i = 0; i < n * m; i++)
		x[i] = ms_uniform(&rng) - 0.5;
	ko_gram_add(m, n, x, a);
	ko_gram_add_way(m, n, x, b, ko_gram_way(m));
	for (i = 0; i < m; i++)
		for (j = 0; j <= i; j++)
			assert_memory_equal(&a[i * m + j], &b[i * m + j], sizeof(double));
	free(x);
	free(a);
	free(b);
}

static void test_gram_small(void **state)
{
	(void)state;
	check_gram(1, 3000);
	check_gram(7, 2500);
	check_gram(31, 2100);
	check_gram(32, 2100);
}

static void test_gram_wide(void **state)
{
	(void)state;
	check_gram(33, 1500);
	check_gram(64, 1100);
	check_gram(65, 1100);
	check_gram(90, 700);
}

/* dgemm only up to 31 columns, and always dsyrk beyond; the choice is
 * the same every time it is asked. */
static void test_gram_way(void **state)
{
	enum ko_gram_way narrow = ko_gram_way(31);
	size_t m;

	(void)state;
	for (m = 1; m <= 31; m++)
		assert_int_equal(ko_gram_way(m), narrow);
	for (m = 32; m <= 200; m++)
		assert_int_equal(ko_gram_way(m), KO_GRAM_SYRK);
}

/* Blocks stay within the BLAS's small-matrix size for narrow designs and
 * never exceed the buffer the caller has. */
static void test_block_rows(void **state)
{
	size_t m;

	(void)state;
	assert_int_equal(ko_gram_block_rows(0, 1024), 1024);
	assert_int_equal(ko_gram_block_rows(31, 100), 100);
	for (m = 1; m <= 200; m++) {
		size_t rows = ko_gram_block_rows(m, 1024);

		if (ko_gram_way(m) == KO_GRAM_GEMM) /* small-matrix dgemm */
			assert_true(rows * m * m <= 1000000 || rows == 16);
		else /* dsyrk packs anyway: the whole buffer */
			assert_int_equal(rows, 1024);
		assert_true(rows >= 16 && rows <= 1024);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gram_small),
		cmocka_unit_test(test_gram_wide),
		cmocka_unit_test(test_gram_way),
		cmocka_unit_test(test_block_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
