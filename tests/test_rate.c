/*
 * test_rate.c - incidence rates with exact Poisson CIs (stats/rate.h)
 * against poisson.test, on mgus2 split by stats/lexis.h and summed by age
 * band and sex; and the Poisson rate family (family_poisson_rate.c)
 * through the seam against glm(family = poisson, offset = log(pyears))
 * with vcov, vcovHC HC0/HC1 and vcovCL (tests/reference/lexis_rate_ref.R
 * -> tests/fixtures/rate_mgus2*.{csv,ref}).
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "family.h"
#include "fixture.h"
#include "lexis.h"
#include "rate.h"

/* Named tolerances (relative). */
#define TOL_PY 1e-12    /* person-years summed from the split vs Epi */
#define TOL_CI 1e-12    /* exact CI ends vs poisson.test (measured < 1e-14) */
#define TOL_COEF 1e-6   /* coefficients and SEs vs glm / sandwich */
#define TOL_MODEL 1e-9  /* deviance, AIC, BIC, logLik vs R */

#define NBAND 8 /* age bands -1 (before 40) .. 6 (90 on) */

static double col(const struct ko_fixture_table *t, size_t i, const char *name)
{
	long j = ko_fixture_table_col(t, name);

	assert_true(j >= 0);
	return t->v[i * t->ncol + (size_t)j];
}

/* mgus2 split by age and calendar time (lexis.h), deaths and person-years
 * summed by age band and sex (rate.h), equal to R's; each group's rate
 * per 1,000 person-years and its exact 95% and 90% CIs as poisson.test. */
static void test_mgus2_rates(void **state)
{
	static const double age_br[] = { 40, 50, 60, 70, 80, 90 };
	static const double cal_br[] = { 1970, 1975, 1980, 1985, 1990, 1995, 2000 };
	struct ko_lexis lx = { 2, { age_br, cal_br }, { 6, 7 } };
	struct ko_rate_sum sum[NBAND][2];
	struct ko_fixture_table in;
	struct ko_fixture_ref ref;
	size_t i, g, groups = 0;

	(void)state;
	memset(sum, 0, sizeof sum);
	assert_int_equal(ko_fixture_table_read("tests/fixtures/lexis_mgus2_in.csv", &in), 0);
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/rate_mgus2.ref", &ref), 0);
	for (i = 0; i < in.nrow; i++) {
		struct ko_lexis_iter it;
		struct ko_lexis_piece pc;
		double entry[2] = { col(&in, i, "age"), col(&in, i, "cal") };
		int male = col(&in, i, "male") == 1.0;

		assert_int_equal(ko_lexis_begin(&it, &lx, entry, col(&in, i, "dur"),
						 (int)col(&in, i, "event"), NULL), KO_OK);
		while (ko_lexis_next(&it, &pc))
			ko_rate_add(&sum[pc.band[0] + 1][male], pc.event, pc.dur);
	}
	for (g = 1; ; g++) {
		char key[64];
		const char *lev[] = { "rate95", "rate90" };
		const double level[] = { 0.95, 0.90 };
		struct ko_rate_sum *s;
		size_t k;

		snprintf(key, sizeof key, "g%zu_band", g);
		if (!ko_fixture_ref_has(&ref, "group", key))
			break;
		{
			long band = (long)ko_fixture_ref_get(&ref, "group", key);

			snprintf(key, sizeof key, "g%zu_male", g);
			s = &sum[band + 1][(int)ko_fixture_ref_get(&ref, "group", key)];
		}
		for (k = 0; k < 2; k++) {
			struct ko_rate r;
			struct ko_err err;

			snprintf(key, sizeof key, "g%zu_events", g);
			assert_true(s->events == ko_fixture_ref_get(&ref, lev[k], key));
			snprintf(key, sizeof key, "g%zu_py", g);
			assert_close(s->pyears, ko_fixture_ref_get(&ref, lev[k], key), TOL_PY);
			assert_int_equal(ko_rate_exact(s->events, s->pyears, level[k], 1000.0, &r, &err), KO_OK);
			snprintf(key, sizeof key, "g%zu_rate", g);
			assert_close(r.rate, ko_fixture_ref_get(&ref, lev[k], key), TOL_PY);
			snprintf(key, sizeof key, "g%zu_low", g);
			assert_close(r.low, ko_fixture_ref_get(&ref, lev[k], key), TOL_CI);
			snprintf(key, sizeof key, "g%zu_high", g);
			assert_close(r.high, ko_fixture_ref_get(&ref, lev[k], key), TOL_CI);
		}
		groups++;
	}
	assert_true(groups >= 12);
	ko_fixture_ref_release(&ref);
	ko_fixture_table_release(&in);
}

/* 0 to 250,000 events: the exact CI as poisson.test; bad input named. */
static void test_exact_grid(void **state)
{
	struct ko_fixture_ref ref;
	struct ko_rate r;
	struct ko_err err;
	size_t i;

	(void)state;
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/rate_mgus2.ref", &ref), 0);
	for (i = 1; i <= 11; i++) {
		char key[32];
		double x, t;

		snprintf(key, sizeof key, "x%zu_events", i);
		x = ko_fixture_ref_get(&ref, "grid", key);
		snprintf(key, sizeof key, "x%zu_py", i);
		t = ko_fixture_ref_get(&ref, "grid", key);
		assert_int_equal(ko_rate_exact(x, t, 0.95, 1000.0, &r, &err), KO_OK);
		snprintf(key, sizeof key, "x%zu_low", i);
		if (x == 0.0)
			assert_true(r.low == 0.0 && ko_fixture_ref_get(&ref, "grid", key) == 0.0);
		else
			assert_close(r.low, ko_fixture_ref_get(&ref, "grid", key), TOL_CI);
		snprintf(key, sizeof key, "x%zu_high", i);
		assert_close(r.high, ko_fixture_ref_get(&ref, "grid", key), TOL_CI);
	}
	assert_int_equal(ko_rate_exact(2.5, 10.0, 0.95, 1000.0, &r, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "whole number"));
	assert_int_equal(ko_rate_exact(-1.0, 10.0, 0.95, 1000.0, &r, &err), KO_ERR_DATA);
	assert_int_equal(ko_rate_exact(1.0, 0.0, 0.95, 1000.0, &r, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "person-years"));
	assert_int_equal(ko_rate_exact(1.0, NAN, 0.95, 1000.0, &r, &err), KO_ERR_DATA);
	assert_int_equal(ko_rate_exact(1.0, 1.0, 1.0, 1000.0, &r, &err), KO_ERR_USAGE);
	ko_fixture_ref_release(&ref);
}

/* ---- the rate family ------------------------------------------------------ */

struct rate_case {
	struct ko_fixture_table t;
	double *x, *y, *off;
	long *g;
	const char **names;
	struct ko_family_data d;
};

/* tests/fixtures/rate_mgus2_<name>.csv: .y, .off, .g, then the design. */
static void case_load(struct rate_case *c, const char *name)
{
	char path[256];
	size_t i, j, n, p;

	memset(c, 0, sizeof *c);
	snprintf(path, sizeof path, "tests/fixtures/rate_mgus2_%s.csv", name);
	assert_int_equal(ko_fixture_table_read(path, &c->t), 0);
	n = c->t.nrow;
	p = c->t.ncol - 3;
	c->x = malloc(n * p * sizeof *c->x);
	c->y = malloc(n * sizeof *c->y);
	c->off = malloc(n * sizeof *c->off);
	c->g = malloc(n * sizeof *c->g);
	c->names = malloc(p * sizeof *c->names);
	assert_true(c->x && c->y && c->off && c->g && c->names);
	for (i = 0; i < n; i++) {
		const double *row = c->t.v + i * c->t.ncol;

		c->y[i] = row[0];
		c->off[i] = row[1];
		c->g[i] = (long)row[2];
		for (j = 0; j < p; j++)
			c->x[i * p + j] = row[3 + j];
	}
	for (j = 0; j < p; j++)
		c->names[j] = c->t.names[3 + j];
	c->d.n = n;
	c->d.p = p;
	c->d.x = c->x;
	c->d.y = c->y;
	c->d.offset = c->off;
	c->d.names = c->names;
}

static void case_release(struct rate_case *c)
{
	ko_fixture_table_release(&c->t);
	free(c->x);
	free(c->y);
	free(c->off);
	free(c->g);
	free(c->names);
}

static void check_se(const struct rate_case *c, const struct ko_family_fit *f,
		     const struct ko_fixture_ref *ref, const char *pre,
		     enum ko_family_se se, enum ko_logit_hc_type hc, const char *what)
{
	gsl_matrix *v = gsl_matrix_alloc(f->p, f->p);
	struct ko_err err;
	char sec[64];
	size_t j;

	assert_non_null(v);
	assert_int_equal(f->family->vcov(&c->d, f, se, hc, c->g, v, &err), KO_OK);
	snprintf(sec, sizeof sec, "%s_se_%s", pre, what);
	for (j = 0; j < f->p; j++)
		assert_close(sqrt(gsl_matrix_get(v, j, j)),
			     ko_fixture_ref_get(ref, sec, c->names[j]), TOL_COEF);
	gsl_matrix_free(v);
}

static void check_case(const char *name)
{
	const struct ko_family *fam = ko_family_find("poisson_rate");
	struct ko_logit_options opt;
	struct ko_family_fit *f = NULL;
	struct ko_family_stats st;
	struct ko_fixture_ref ref;
	struct rate_case c;
	struct ko_err err;
	char sec[64];
	size_t j;

	assert_ptr_equal(fam, &ko_family_poisson_rate);
	assert_string_equal(fam->effect_abbrev, "IRR");
	case_load(&c, name);
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/rate_mgus2.ref", &ref), 0);
	ko_logit_options_init(&opt);
	assert_int_equal(fam->fit(&c.d, &opt, &f, &err), KO_OK);
	assert_ptr_equal(f->family, fam);
	snprintf(sec, sizeof sec, "%s_coef", name);
	for (j = 0; j < f->p; j++)
		assert_close(f->coef[j], ko_fixture_ref_get(&ref, sec, c.names[j]), TOL_COEF);
	check_se(&c, f, &ref, name, KO_FAMILY_SE_MODEL, KO_LOGIT_HC0, "model");
	check_se(&c, f, &ref, name, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC0, "hc0");
	check_se(&c, f, &ref, name, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC1, "hc1");
	check_se(&c, f, &ref, name, KO_FAMILY_SE_CLUSTER, KO_LOGIT_HC0, "cl");
	fam->statistics(f, &st);
	snprintf(sec, sizeof sec, "%s_stat", name);
	assert_close(st.deviance, ko_fixture_ref_get(&ref, sec, "deviance"), TOL_MODEL);
	assert_close(st.null_deviance, ko_fixture_ref_get(&ref, sec, "null_deviance"), TOL_MODEL);
	assert_close(st.aic, ko_fixture_ref_get(&ref, sec, "aic"), TOL_MODEL);
	assert_close(st.bic, ko_fixture_ref_get(&ref, sec, "bic"), TOL_MODEL);
	assert_close(st.loglik, ko_fixture_ref_get(&ref, sec, "loglik"), TOL_MODEL);
	assert_true(st.df_residual == ko_fixture_ref_get(&ref, sec, "df_residual"));
	assert_int_equal(st.iterations, (int)ko_fixture_ref_get(&ref, sec, "iter"));
	assert_true(st.converged);
	fam->free(f);
	ko_fixture_ref_release(&ref);
	case_release(&c);
}

/* Aggregated counts by age band and sex. */
static void test_family_aggregated(void **state)
{
	(void)state;
	check_case("agg");
}

/* One row per Lexis piece (0/1 events), clusters = persons. */
static void test_family_split(void **state)
{
	(void)state;
	check_case("split");
}

/* The family wants counts and an offset: each refusal names the row. */
static void test_family_bad_input(void **state)
{
	const struct ko_family *fam = &ko_family_poisson_rate;
	struct ko_logit_options opt;
	struct ko_family_fit *f = NULL;
	struct rate_case c;
	struct ko_err err;

	(void)state;
	case_load(&c, "agg");
	ko_logit_options_init(&opt);
	c.d.offset = NULL;
	assert_int_equal(fam->fit(&c.d, &opt, &f, &err), KO_ERR_USAGE);
	assert_non_null(strstr(err.msg, "offset"));
	c.d.offset = c.off;
	c.y[3] = 1.5;
	assert_int_equal(fam->fit(&c.d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 4);
	assert_non_null(strstr(err.msg, "whole number"));
	c.y[3] = 2.0;
	c.off[5] = -INFINITY; /* log(0 person-years) */
	assert_int_equal(fam->fit(&c.d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 6);
	assert_null(f);
	case_release(&c);
}

static void collect(void *ctx, const char *msg)
{
	char *all = ctx;

	strncat(all, msg, 4000 - strlen(all));
	strncat(all, "\n", 4000 - strlen(all));
}

/* Aggregated counts have fitted means far above 1: expected event counts,
 * which a rate model's warnings do not call risks (the modified Poisson
 * family's "fitted risks above 1" was worded for them before). */
static void test_family_warnings_counts(void **state)
{
	const struct ko_family *fam = &ko_family_poisson_rate;
	struct ko_logit_options opt;
	struct ko_family_fit *f = NULL;
	struct ko_family_stats st;
	struct rate_case c;
	struct ko_err err;
	char all[4001] = "";

	(void)state;
	case_load(&c, "agg");
	ko_logit_options_init(&opt);
	assert_int_equal(fam->fit(&c.d, &opt, &f, &err), KO_OK);
	fam->statistics(f, &st);
	assert_true(st.fitted_above_1 > 0); /* the counts: well above 1 */
	fam->warnings(f, (const char *const *)c.names,
		      KO_WARN_CONVERGE | KO_WARN_FITTED | KO_WARN_COEF, collect, all);
	assert_string_equal(all, "");
	fam->free(f);
	case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mgus2_rates),
		cmocka_unit_test(test_exact_grid),
		cmocka_unit_test(test_family_aggregated),
		cmocka_unit_test(test_family_split),
		cmocka_unit_test(test_family_bad_input),
		cmocka_unit_test(test_family_warnings_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
