/* test_ci.c - the normal quantile of a confidence level (stats/ci.c)
 * against R's confint.default (tests/reference/ci_z.R ->
 * tests/fixtures/ci_z.csv), to TOL_QNORM. */
#include "ko_test.h"

#include <stdlib.h>

#include "ci.h"

/* GSL's and R's normal quantiles are both accurate to a few ulps. */
#define TOL_QNORM 1e-14

static void test_against_r(void **state)
{
	FILE *fp = fopen("tests/fixtures/ci_z.csv", "r");
	char line[128];
	double level, z;
	int n = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp)); /* header */
	while (fgets(line, sizeof(line), fp)) {
		assert_int_equal(sscanf(line, "%lf,%lf", &level, &z), 2);
		assert_close(ko_ci_z(level), z, TOL_QNORM);
		n++;
	}
	fclose(fp);
	assert_int_equal(n, 9);
}

/* The interval is symmetric and widens with the level. */
static void test_monotone(void **state)
{
	double last = 0;
	int i;

	(void)state;
	for (i = 1; i < 1000; i++) {
		double z = ko_ci_z(i / 1000.0);

		assert_true(z > last);
		last = z;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_against_r),
		cmocka_unit_test(test_monotone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
