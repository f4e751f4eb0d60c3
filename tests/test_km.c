/*
 * test_km.c - Kaplan-Meier curves (stats/km.h) against survival 3.5.3's
 * survfit (tests/reference/survfit_ref.R -> tests/fixtures/surv_*): every
 * time of every group (n.risk, n.event, n.censor, surv, std.err, "log"
 * CIs) on lung, veteran, mgus2 and the whole-day cohort with many ties,
 * with fractional weights (jackknife SE, survfit's default, and Greenwood
 * with robust = FALSE), left truncation and clusters; and 1 - KM at chosen times
 * (summary(fit, times)).
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "km.h"
#include "surv_support.h"

/* Named tolerances. */
#define TOL_EST 1e-12  /* counts and survival (relative; measured < 1e-14) */
#define TOL_SE 1e-10   /* SEs and CI ends (relative; measured < 1e-12) */
#define TOL_ABS 1e-15  /* values that are 0 in R */

static double tcol(const struct ko_fixture_table *t, size_t i, const char *name)
{
	long j = ko_fixture_table_col(t, name);

	assert_true(j >= 0);
	return t->v[i * t->ncol + (size_t)j];
}

/* The fit's curves row by row against surv_<table>.csv. */
static void compare(const struct ko_km *f, const char *table)
{
	struct ko_fixture_table t;
	char path[256];
	size_t g, i, r = 0;

	snprintf(path, sizeof path, "tests/fixtures/surv_%s.csv", table);
	assert_int_equal(ko_fixture_table_read(path, &t), 0);
	for (g = 0; g < f->ngroups; g++) {
		const struct ko_km_curve *c = &f->curve[g];

		for (i = 0; i < c->ntime; i++, r++) {
			assert_true(r < t.nrow);
			assert_int_equal((long)tcol(&t, r, "group"), (long)g);
			assert_true(c->time[i] == tcol(&t, r, "time"));
			ko_surv_check_num(c->n_risk[i], tcol(&t, r, "n_risk"), TOL_EST, TOL_ABS, "n_risk", r);
			ko_surv_check_num(c->n_event[i], tcol(&t, r, "n_event"), TOL_EST, TOL_ABS, "n_event", r);
			ko_surv_check_num(c->n_censor[i], tcol(&t, r, "n_censor"), TOL_EST, TOL_ABS, "n_censor", r);
			ko_surv_check_num(c->surv[i], tcol(&t, r, "surv"), TOL_EST, TOL_ABS, "surv", r);
			ko_surv_check_num(c->std_err[i], tcol(&t, r, "std_err"), TOL_SE, TOL_ABS, "std_err", r);
			ko_surv_check_num(c->lower[i], tcol(&t, r, "lower"), TOL_SE, TOL_ABS, "lower", r);
			ko_surv_check_num(c->upper[i], tcol(&t, r, "upper"), TOL_SE, TOL_ABS, "upper", r);
		}
	}
	assert_int_equal(r, t.nrow);
	ko_fixture_table_release(&t);
}

static void run_cl(const char *in, int entry, int weight, int cluster,
		   enum ko_km_se se, const char *table, enum ko_km_se want_se)
{
	struct ko_surv_case c;
	struct ko_km_options opt;
	struct ko_km *f = NULL;
	struct ko_err err;
	size_t i;

	ko_surv_case_load(&c, in, entry, weight);
	if (cluster)
		c.d.cluster = c.cluster;
	for (i = 0; i < c.d.n; i++) /* one cause: the event (mgus2: either) */
		c.status[i] = c.status[i] == 1 || (!strcmp(in, "mgus2") && c.status[i] == 2);
	ko_km_options_init(&opt);
	opt.se = se;
	assert_int_equal(ko_km_fit(&c.d, &opt, &f, &err), KO_OK);
	assert_int_equal(f->se, want_se);
	compare(f, table);
	ko_km_free(f);
	ko_surv_case_release(&c);
}

static void run(const char *in, int entry, int weight, enum ko_km_se se,
		const char *table, enum ko_km_se want_se)
{
	run_cl(in, entry, weight, 0, se, table, want_se);
}

static void test_lung(void **state)
{
	(void)state;
	run("lung", 0, 0, KO_KM_SE_AUTO, "lung_km", KO_KM_SE_GREENWOOD);
}

static void test_veteran(void **state)
{
	(void)state;
	run("veteran", 0, 0, KO_KM_SE_AUTO, "veteran_km", KO_KM_SE_GREENWOOD);
}

static void test_mgus2_either(void **state)
{
	(void)state;
	run("mgus2", 0, 0, KO_KM_SE_AUTO, "mgus2_km", KO_KM_SE_GREENWOOD);
}

static void test_days_ties(void **state)
{
	(void)state;
	run("days", 0, 0, KO_KM_SE_AUTO, "days_km", KO_KM_SE_GREENWOOD);
}

/* Fractional weights: survfit's default is the jackknife SE. */
static void test_days_weighted_ij(void **state)
{
	(void)state;
	run("days", 0, 1, KO_KM_SE_AUTO, "days_km_w", KO_KM_SE_IJ);
}

static void test_days_weighted_greenwood(void **state)
{
	(void)state;
	run("days", 0, 1, KO_KM_SE_GREENWOOD, "days_km_wg", KO_KM_SE_GREENWOOD);
}

static void test_days_left_truncated(void **state)
{
	(void)state;
	run("days", 1, 0, KO_KM_SE_AUTO, "days_km_lt", KO_KM_SE_GREENWOOD);
}

/* survfit(cluster = ): the jackknife summed within clusters (families
 * of three), unweighted, and weighted with left truncation. */
static void test_days_clusters(void **state)
{
	(void)state;
	run_cl("days", 0, 0, 1, KO_KM_SE_AUTO, "days_km_cl", KO_KM_SE_IJ);
	run_cl("days", 1, 1, 1, KO_KM_SE_AUTO, "days_km_wcl", KO_KM_SE_IJ);
}

/* summary(fit, times): S and its CI at chosen times, 1 - KM the
 * cumulative incidence; a time past a group's last is not reported by R
 * and not checked. */
static void at_times(const char *in, const char *ref_name, const double *times, size_t nt)
{
	struct ko_surv_case c;
	struct ko_km_options opt;
	struct ko_fixture_ref ref;
	struct ko_km *f = NULL;
	char path[256];
	size_t g, k, checked = 0;

	ko_surv_case_load(&c, in, 0, 0);
	for (k = 0; k < c.d.n; k++)
		c.status[k] = c.status[k] == 1;
	ko_km_options_init(&opt);
	assert_int_equal(ko_km_fit(&c.d, &opt, &f, NULL), KO_OK);
	snprintf(path, sizeof path, "tests/fixtures/surv_%s.ref", ref_name);
	assert_int_equal(ko_fixture_ref_read(path, &ref), 0);
	for (g = 0; g < f->ngroups; g++) {
		const struct ko_km_curve *cv = &f->curve[g];

		for (k = 0; k < nt; k++) {
			char key[96];
			double s, lo, hi;
			long i;
			int past = ko_km_at(cv, times[k], &s, &lo, &hi, &i);

			snprintf(key, sizeof key, "g%zu_t%.17g_surv", g, times[k]);
			if (!ko_fixture_ref_has(&ref, "km_at", key)) {
				assert_true(past); /* R leaves out only those */
				continue;
			}
			assert_false(past);
			ko_surv_check_num(1.0 - s, 1.0 - ko_fixture_ref_get(&ref, "km_at", key), TOL_SE, TOL_ABS, key, 0);
			snprintf(key, sizeof key, "g%zu_t%.17g_lower", g, times[k]);
			ko_surv_check_num(lo, ko_fixture_ref_get(&ref, "km_at", key), TOL_SE, TOL_ABS, key, 0);
			snprintf(key, sizeof key, "g%zu_t%.17g_upper", g, times[k]);
			ko_surv_check_num(hi, ko_fixture_ref_get(&ref, "km_at", key), TOL_SE, TOL_ABS, key, 0);
			checked++;
		}
	}
	assert_true(checked >= nt + 2);
	ko_fixture_ref_release(&ref);
	ko_km_free(f);
	ko_surv_case_release(&c);
}

static void test_at_times(void **state)
{
	static const double lung_t[] = { 30, 180, 365, 730 };
	static const double vet_t[] = { 10, 50, 100, 200 };
	static const double days_t[] = { 365, 1826, 3652, 5479 };

	(void)state;
	at_times("lung", "lung", lung_t, 4);
	at_times("veteran", "veteran", vet_t, 4);
	at_times("days", "days", days_t, 4);
	assert_int_equal(ko_surv_at(days_t, 4, 100.0), -1);
	assert_int_equal(ko_surv_at(days_t, 4, 365.0), 0);
	assert_int_equal(ko_surv_at(days_t, 4, 9999.0), 3);
}

/* Bad rows are errors naming the row and column. */
static void test_bad_input(void **state)
{
	double time[3] = { 5, -1, 7 }, entry[3] = { 0, 0, 7 };
	int status[3] = { 1, 0, 2 };
	struct ko_surv_data d = { .n = 3, .time = time, .status = status, .ngroups = 1 };
	struct ko_km_options opt;
	struct ko_km *f = NULL;
	struct ko_err err;

	(void)state;
	ko_km_options_init(&opt);
	assert_int_equal(ko_km_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 2);
	assert_string_equal(err.column, "time");
	time[1] = 3;
	assert_int_equal(ko_km_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 3);
	assert_string_equal(err.column, "status");
	status[2] = 0;
	d.entry = entry;
	assert_int_equal(ko_km_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 3);
	assert_string_equal(err.column, "entry");
	entry[2] = 0;
	{
		long cl[3] = { 0, 1, 2 };

		d.cluster = cl;
		d.ncluster = 2;
		assert_int_equal(ko_km_fit(&d, &opt, &f, &err), KO_ERR_DATA);
		assert_int_equal(err.row, 3);
		assert_string_equal(err.column, "cluster");
	}
	assert_null(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lung),
		cmocka_unit_test(test_veteran),
		cmocka_unit_test(test_mgus2_either),
		cmocka_unit_test(test_days_ties),
		cmocka_unit_test(test_days_weighted_ij),
		cmocka_unit_test(test_days_weighted_greenwood),
		cmocka_unit_test(test_days_left_truncated),
		cmocka_unit_test(test_days_clusters),
		cmocka_unit_test(test_at_times),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
