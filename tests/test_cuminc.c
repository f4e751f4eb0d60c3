/*
 * test_cuminc.c - Aalen-Johansen cumulative incidence with a competing
 * event (stats/cuminc.h) against survival 3.5.3's survfit on a
 * multi-state Surv (tests/reference/survfit_ref.R ->
 * tests/fixtures/surv_*_aj.csv): every time of every group (n.risk,
 * n.event per cause, pstate, std.err, "log" CIs) on mgus2 (progression
 * vs death, by sex) and the whole-day cohort with many ties (event vs
 * death, by exposure), unweighted, with fractional weights, with left
 * truncation and with clusters, the SEs both by running sums (the default) and by
 * survfitci.c's direct update; the cumulative incidence at chosen times.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "cuminc.h"
#include "surv_support.h"

/* Named tolerances. */
#define TOL_EST 1e-12  /* counts and state probabilities (relative) */
#define TOL_SE 1e-10   /* SEs and CI ends (relative; measured < 1e-12) */
#define TOL_ABS 1e-15  /* values that are 0 in R */

static double tcol(const struct ko_fixture_table *t, size_t i, const char *name)
{
	long j = ko_fixture_table_col(t, name);

	assert_true(j >= 0);
	return t->v[i * t->ncol + (size_t)j];
}

static void compare(const struct ko_cuminc *f, const char *table)
{
	static const char *const pn[] = { "p0", "p1", "p2" };
	static const char *const sn[] = { "se0", "se1", "se2" };
	static const char *const lo[] = { NULL, "lo1", "lo2" };
	static const char *const hi[] = { NULL, "hi1", "hi2" };
	struct ko_fixture_table t;
	char path[256];
	size_t g, i, k, r = 0;

	snprintf(path, sizeof path, "tests/fixtures/surv_%s.csv", table);
	assert_int_equal(ko_fixture_table_read(path, &t), 0);
	assert_int_equal(f->ncause, 2);
	for (g = 0; g < f->ngroups; g++) {
		const struct ko_cuminc_curve *c = &f->curve[g];

		assert_int_equal(c->nstate, 3);
		for (i = 0; i < c->ntime; i++, r++) {
			assert_true(r < t.nrow);
			assert_int_equal((long)tcol(&t, r, "group"), (long)g);
			assert_true(c->time[i] == tcol(&t, r, "time"));
			assert_true(c->n_risk[i] == tcol(&t, r, "n_risk"));
			assert_true(c->n_event[i * 2] == tcol(&t, r, "n_event1"));
			assert_true(c->n_event[i * 2 + 1] == tcol(&t, r, "n_event2"));
			for (k = 0; k < 3; k++) {
				ko_surv_check_num(c->pstate[i * 3 + k], tcol(&t, r, pn[k]), TOL_EST, TOL_ABS, pn[k], r);
				ko_surv_check_num(c->std_err[i * 3 + k], tcol(&t, r, sn[k]), TOL_SE, TOL_ABS, sn[k], r);
				if (!lo[k])
					continue;
				ko_surv_check_num(c->lower[i * 3 + k], tcol(&t, r, lo[k]), TOL_SE, TOL_ABS, lo[k], r);
				ko_surv_check_num(c->upper[i * 3 + k], tcol(&t, r, hi[k]), TOL_SE, TOL_ABS, hi[k], r);
			}
		}
	}
	assert_int_equal(r, t.nrow);
	ko_fixture_table_release(&t);
}

static void run_cl(const char *in, int entry, int weight, int cluster, const char *table)
{
	struct ko_surv_case c;
	struct ko_cuminc_options opt;
	struct ko_cuminc *f = NULL;
	struct ko_err err;
	int direct;

	ko_surv_case_load(&c, in, entry, weight);
	if (cluster)
		c.d.cluster = c.cluster;
	for (direct = 0; direct <= 1; direct++) { /* running sums, survfitci's walk */
		ko_cuminc_options_init(&opt);
		opt.se_direct = direct;
		assert_int_equal(ko_cuminc_fit(&c.d, 2, &opt, &f, &err), KO_OK);
		compare(f, table);
		ko_cuminc_free(f);
		f = NULL;
	}
	ko_surv_case_release(&c);
}

static void run(const char *in, int entry, int weight, const char *table)
{
	run_cl(in, entry, weight, 0, table);
}

static void test_mgus2(void **state)
{
	(void)state;
	run("mgus2", 0, 0, "mgus2_aj");
}

static void test_days_ties(void **state)
{
	(void)state;
	run("days", 0, 0, "days_aj");
}

static void test_days_weighted(void **state)
{
	(void)state;
	run("days", 0, 1, "days_aj_w");
}

static void test_days_left_truncated(void **state)
{
	(void)state;
	run("days", 1, 0, "days_aj_lt");
}

/* Clusters (families of three): the influence summed within a cluster,
 * against R's influence.pstate summed so (survfit ignores cluster = for
 * multi-state data); unweighted, and weighted with left truncation. */
static void test_days_clusters(void **state)
{
	(void)state;
	run_cl("days", 0, 0, 1, "days_aj_cl");
	run_cl("days", 1, 1, 1, "days_aj_wcl");
}

/* summary(fit, times): the cumulative incidence of cause 1 and its CI. */
static void at_times(const char *in, const double *times, size_t nt)
{
	struct ko_surv_case c;
	struct ko_cuminc_options opt;
	struct ko_fixture_ref ref;
	struct ko_cuminc *f = NULL;
	char path[256];
	size_t g, k, checked = 0;

	ko_surv_case_load(&c, in, 0, 0);
	ko_cuminc_options_init(&opt);
	assert_int_equal(ko_cuminc_fit(&c.d, 2, &opt, &f, NULL), KO_OK);
	snprintf(path, sizeof path, "tests/fixtures/surv_%s.ref", in);
	assert_int_equal(ko_fixture_ref_read(path, &ref), 0);
	for (g = 0; g < f->ngroups; g++) {
		const struct ko_cuminc_curve *cv = &f->curve[g];

		for (k = 0; k < nt; k++) {
			char key[96];
			long i = ko_surv_at(cv->time, cv->ntime, times[k]);

			snprintf(key, sizeof key, "g%zu_t%.17g_p1", g, times[k]);
			if (!ko_fixture_ref_has(&ref, "aj_at", key))
				continue;
			assert_true(i >= 0);
			ko_surv_check_num(cv->pstate[i * 3 + 1], ko_fixture_ref_get(&ref, "aj_at", key), TOL_EST, TOL_ABS, key, 0);
			snprintf(key, sizeof key, "g%zu_t%.17g_lo1", g, times[k]);
			ko_surv_check_num(cv->lower[i * 3 + 1], ko_fixture_ref_get(&ref, "aj_at", key), TOL_SE, TOL_ABS, key, 0);
			snprintf(key, sizeof key, "g%zu_t%.17g_hi1", g, times[k]);
			ko_surv_check_num(cv->upper[i * 3 + 1], ko_fixture_ref_get(&ref, "aj_at", key), TOL_SE, TOL_ABS, key, 0);
			checked++;
		}
	}
	assert_true(checked >= 2 * nt);
	ko_fixture_ref_release(&ref);
	ko_cuminc_free(f);
	ko_surv_case_release(&c);
}

static void test_at_times(void **state)
{
	static const double mgus_t[] = { 12, 60, 120, 240 };
	static const double days_t[] = { 365, 1826, 3652, 5479 };

	(void)state;
	at_times("mgus2", mgus_t, 4);
	at_times("days", days_t, 4);
}

/* Without SEs only the estimates; a status above the causes is an error
 * naming the row. */
static void test_no_se_and_bad_status(void **state)
{
	struct ko_surv_case c;
	struct ko_cuminc_options opt;
	struct ko_cuminc *f = NULL;
	struct ko_err err;

	(void)state;
	ko_surv_case_load(&c, "mgus2", 0, 0);
	ko_cuminc_options_init(&opt);
	opt.se = 0;
	assert_int_equal(ko_cuminc_fit(&c.d, 2, &opt, &f, &err), KO_OK);
	assert_null(f->curve[0].std_err);
	assert_true(f->curve[0].pstate[0] < 1.0);
	ko_cuminc_free(f);
	f = NULL;
	assert_int_equal(ko_cuminc_fit(&c.d, 1, &opt, &f, &err), KO_ERR_DATA);
	assert_string_equal(err.column, "status");
	assert_true(err.row > 0 && c.status[err.row - 1] == 2);
	assert_null(f);
	ko_surv_case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mgus2),
		cmocka_unit_test(test_days_ties),
		cmocka_unit_test(test_days_weighted),
		cmocka_unit_test(test_days_left_truncated),
		cmocka_unit_test(test_days_clusters),
		cmocka_unit_test(test_at_times),
		cmocka_unit_test(test_no_se_and_bad_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
