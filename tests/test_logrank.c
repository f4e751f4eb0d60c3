/*
 * test_logrank.c - the log-rank test (stats/logrank.h) against survival
 * 3.5.3's survdiff (rho = 0; tests/reference/survfit_ref.R ->
 * tests/fixtures/surv_*.ref): observed and expected per group, the
 * variance matrix, chi-square, df and p on lung (by sex, and stratified by
 * ph.ecog), veteran (four cell types, and stratified by treatment) and
 * the whole-day cohort with many tied days.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "logrank.h"
#include "surv_support.h"

/* Named tolerance (relative; measured < 1e-12, the p of 4.6e-47 3e-13). */
#define TOL_LR 1e-10

static void run(const char *in, const char *sec, int strata)
{
	struct ko_surv_case c;
	struct ko_fixture_ref ref;
	struct ko_logrank *lr = NULL;
	struct ko_err err;
	char path[256], key[64];
	size_t g, h, i;

	ko_surv_case_load(&c, in, 0, 0);
	for (i = 0; i < c.d.n; i++)
		c.status[i] = c.status[i] == 1;
	if (!strata)
		c.d.strata = NULL;
	snprintf(path, sizeof path, "tests/fixtures/surv_%s.ref", in);
	assert_int_equal(ko_fixture_ref_read(path, &ref), 0);
	assert_int_equal(ko_logrank_test(&c.d, &lr, &err), KO_OK);
	for (g = 0; g < lr->ngroups; g++) {
		snprintf(key, sizeof key, "obs%zu", g);
		assert_close(lr->obs[g], ko_fixture_ref_get(&ref, sec, key), TOL_LR);
		snprintf(key, sizeof key, "exp%zu", g);
		assert_close(lr->exp[g], ko_fixture_ref_get(&ref, sec, key), TOL_LR);
		for (h = 0; h < lr->ngroups; h++) {
			snprintf(key, sizeof key, "var%zu_%zu", g, h);
			assert_close(lr->var[g * lr->ngroups + h], ko_fixture_ref_get(&ref, sec, key), TOL_LR);
		}
	}
	assert_close(lr->chisq, ko_fixture_ref_get(&ref, sec, "chisq"), TOL_LR);
	assert_int_equal(lr->df, (int)ko_fixture_ref_get(&ref, sec, "df"));
	assert_close(lr->p, ko_fixture_ref_get(&ref, sec, "p"), TOL_LR);
	ko_logrank_free(lr);
	ko_fixture_ref_release(&ref);
	ko_surv_case_release(&c);
}

static void test_lung(void **state)
{
	(void)state;
	run("lung", "logrank", 0);
}

static void test_lung_strata(void **state)
{
	(void)state;
	run("lung", "logrank_strata", 1);
}

static void test_veteran_four_groups(void **state)
{
	(void)state;
	run("veteran", "logrank", 0);
}

static void test_veteran_strata(void **state)
{
	(void)state;
	run("veteran", "logrank_strata", 1);
}

static void test_days_ties(void **state)
{
	(void)state;
	run("days", "logrank", 0);
}

/* What survdiff does not take is refused; one group is too few. */
static void test_refusals(void **state)
{
	struct ko_surv_case c;
	struct ko_logrank *lr = NULL;
	struct ko_err err;

	(void)state;
	ko_surv_case_load(&c, "days", 1, 1);
	for (size_t i = 0; i < c.d.n; i++)
		c.status[i] = c.status[i] == 1;
	assert_int_equal(ko_logrank_test(&c.d, &lr, &err), KO_ERR_USAGE);
	assert_non_null(strstr(err.msg, "not supported"));
	c.d.entry = NULL;
	c.d.weight = NULL;
	c.d.ngroups = 1;
	assert_int_equal(ko_logrank_test(&c.d, &lr, &err), KO_ERR_DATA); /* group 1 out of range */
	c.d.group = NULL;
	assert_int_equal(ko_logrank_test(&c.d, &lr, &err), KO_ERR_USAGE);
	assert_null(lr);
	ko_surv_case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lung),
		cmocka_unit_test(test_lung_strata),
		cmocka_unit_test(test_veteran_four_groups),
		cmocka_unit_test(test_veteran_strata),
		cmocka_unit_test(test_days_ties),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
