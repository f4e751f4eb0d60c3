/*
 * test_chol.c - the weighted cross-products the GLM fits accumulate
 * (ko_gram_add, chol.h): both of its ways (dgemm up to 64 columns, dsyrk
 * above) against a plain sum in long double, block by block as the fits
 * call it; and the block sizes it asks for.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "chol.h"
#include "model_support.h"

#define TOL_GRAM 1e-13 /* relative to the largest diagonal entry */

/* a += blk' blk in blocks of ko_gram_block_rows rows, as the fits do;
 * then every lower-triangle entry against the long double sum. */
static void check_gram(size_t m, size_t n)
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
		ko_gram_add(m, i0 + rows < n ? rows : n - i0, x + i0 * m, a);
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
				fail_msg("m = %zu: a[%zu][%zu] = %.17g, want %.17Lg", m, j,
					 k, a[j * m + k], want[j * m + k]);
		}
	free(x);
	free(a);
	free(want);
}

static void test_gram_small(void **state)
{
	(void)state;
	check_gram(1, 3000);
	check_gram(7, 2500);
	check_gram(31, 2100);
}

static void test_gram_wide(void **state)
{
	(void)state;
	check_gram(64, 1100); /* the last width done by dgemm */
	check_gram(65, 1100); /* the first by dsyrk */
	check_gram(90, 700);
}

/* Blocks stay within the BLAS's small-matrix size for narrow designs and
 * never exceed the buffer the caller has. */
static void test_block_rows(void **state)
{
	(void)state;
	assert_int_equal(ko_gram_block_rows(0, 1024), 1024);
	assert_int_equal(ko_gram_block_rows(5, 1024), 1024);
	assert_int_equal(ko_gram_block_rows(31, 1024), 1024);
	assert_int_equal(ko_gram_block_rows(40, 1024), 1000000 / (40 * 40));
	assert_true(ko_gram_block_rows(32, 1024) * 32 * 32 <= 1000000);
	assert_int_equal(ko_gram_block_rows(64, 1024), 1000000 / (64 * 64));
	assert_int_equal(ko_gram_block_rows(65, 1024), 1024);
	assert_int_equal(ko_gram_block_rows(31, 100), 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gram_small),
		cmocka_unit_test(test_gram_wide),
		cmocka_unit_test(test_block_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
