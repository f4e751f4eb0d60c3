/*
 * test_gray.c - Gray's test (stats/gray.h) against cmprsk 2.2-11's
 * cuminc()$Tests and the scores and covariance of its crstm routine
 * (tests/reference/gray_ref.R -> tests/fixtures/gray.ref): mgus2 by sex
 * (progression vs death, each cause in turn), mgus2 by three age bands
 * stratified by sex, the whole-day cohort with many tied days, and a
 * whole-year synthetic cohort (tied sets of dozens, unequal groups, one
 * group empty in one stratum) with rho 0 and 1.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "gray.h"
#include "surv_support.h"

/* Named tolerance (relative; the brief's 1e-6, all cases measured below 1e-12). */
#define TOL_GRAY 1e-6

static void load(struct ko_surv_case *c, const char *in, int strata)
{
	ko_surv_case_load(c, in, 0, 0);
	if (!strata)
		c->d.strata = NULL;
}

static void run(const char *in, int strata, int cause, double rho, const char *sec)
{
	struct ko_surv_case c;
	struct ko_fixture_ref ref;
	struct ko_gray *gt = NULL;
	struct ko_err err;
	char key[64];
	size_t g, h, q;
	double sum = 0.0;

	load(&c, in, strata);
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/gray.ref", &ref), 0);
	assert_int_equal(ko_gray_test(&c.d, 2, cause, rho, &gt, &err), KO_OK);
	q = (size_t)gt->df + 1;
	assert_int_equal(q, gt->ngroups); /* every group has rows here */
	for (g = 0; g + 1 < q; g++) {
		snprintf(key, sizeof key, "score%zu", g);
		assert_close(gt->score[g], ko_fixture_ref_get(&ref, sec, key), TOL_GRAY);
		for (h = 0; h + 1 < q; h++) {
			snprintf(key, sizeof key, "var%zu_%zu", g, h);
			assert_close(gt->var[g * gt->ngroups + h], ko_fixture_ref_get(&ref, sec, key), TOL_GRAY);
		}
	}
	for (g = 0; g < gt->ngroups; g++)
		sum += gt->score[g];
	assert_true(fabs(sum) < 1e-9 * (1.0 + fabs(gt->score[0])));
	assert_close(gt->chisq, ko_fixture_ref_get(&ref, sec, "stat"), TOL_GRAY);
	assert_int_equal(gt->df, (int)ko_fixture_ref_get(&ref, sec, "df"));
	assert_close(gt->p, ko_fixture_ref_get(&ref, sec, "p"), TOL_GRAY);
	ko_gray_free(gt);
	ko_fixture_ref_release(&ref);
	ko_surv_case_release(&c);
}

static void test_mgus2(void **state)
{
	(void)state;
	run("mgus2", 0, 1, 0.0, "mgus2_c1");
	run("mgus2", 0, 2, 0.0, "mgus2_c2");
}

static void test_mgus2_three_groups_strata(void **state)
{
	(void)state;
	run("graym", 1, 1, 0.0, "graym_c1");
	run("graym", 1, 2, 0.0, "graym_c2");
}

static void test_days_ties(void **state)
{
	(void)state;
	run("days", 0, 1, 0.0, "days_c1");
	run("days", 0, 2, 0.0, "days_c2");
}

static void test_years_big_ties_strata(void **state)
{
	(void)state;
	run("grayt", 1, 1, 0.0, "grayt_c1");
	run("grayt", 1, 2, 0.0, "grayt_c2");
}

static void test_rho(void **state)
{
	(void)state;
	run("grayt", 1, 1, 1.0, "grayt_c1_rho1");
	run("grayt", 1, 2, 1.0, "grayt_c2_rho1");
}

/* A group without rows is left out as cuminc leaves out an empty factor
 * level: the same statistic on one degree of freedom fewer is not asked;
 * here a third, empty group leaves mgus2's test as it is. */
static void test_empty_group_left_out(void **state)
{
	struct ko_surv_case c;
	struct ko_fixture_ref ref;
	struct ko_gray *gt = NULL;
	struct ko_err err;

	(void)state;
	load(&c, "mgus2", 0);
	c.d.ngroups = 3;
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/gray.ref", &ref), 0);
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &gt, &err), KO_OK);
	assert_int_equal(gt->df, 1);
	assert_int_equal(gt->nrows[2], 0);
	assert_close(gt->chisq, ko_fixture_ref_get(&ref, "mgus2_c1", "stat"), TOL_GRAY);
	ko_gray_free(gt);
	ko_fixture_ref_release(&ref);
	ko_surv_case_release(&c);
}

/* Relabelling the groups (1 - sex) gives the same statistic. */
static void test_group_order(void **state)
{
	struct ko_surv_case c;
	struct ko_gray *a = NULL, *b = NULL;
	struct ko_err err;
	size_t i;

	(void)state;
	load(&c, "mgus2", 0);
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &a, &err), KO_OK);
	for (i = 0; i < c.d.n; i++)
		c.group[i] = 1 - c.group[i];
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &b, &err), KO_OK);
	assert_close(a->chisq, b->chisq, 1e-12);
	assert_close(a->score[0], -b->score[0], 1e-12);
	ko_gray_free(a);
	ko_gray_free(b);
	ko_surv_case_release(&c);
}

/* What cuminc does not take is refused; so are a cause out of range, a
 * negative rho, one group and a bad row (named). */
static void test_refusals(void **state)
{
	struct ko_surv_case c;
	struct ko_gray *gt = NULL;
	struct ko_err err;

	(void)state;
	ko_surv_case_load(&c, "days", 1, 1);
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &gt, &err), KO_ERR_USAGE);
	assert_non_null(strstr(err.msg, "not supported"));
	c.d.entry = NULL;
	c.d.weight = NULL;
	c.d.strata = NULL;
	assert_int_equal(ko_gray_test(&c.d, 2, 3, 0.0, &gt, &err), KO_ERR_USAGE);
	assert_int_equal(ko_gray_test(&c.d, 2, 1, -1.0, &gt, &err), KO_ERR_USAGE);
	assert_int_equal(ko_gray_test(&c.d, 1, 1, 0.0, &gt, &err), KO_ERR_DATA); /* status 2 */
	c.time[4] = -1.0;
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &gt, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 5);
	c.time[4] = 1.0;
	c.d.ngroups = 1;
	c.d.group = NULL;
	assert_int_equal(ko_gray_test(&c.d, 2, 1, 0.0, &gt, &err), KO_ERR_USAGE);
	assert_null(gt);
	ko_surv_case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mgus2),
		cmocka_unit_test(test_mgus2_three_groups_strata),
		cmocka_unit_test(test_days_ties),
		cmocka_unit_test(test_years_big_ties_strata),
		cmocka_unit_test(test_rho),
		cmocka_unit_test(test_empty_group_left_out),
		cmocka_unit_test(test_group_order),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
