/* test_model_cox.c - [model NAME] family = cox in the model stage.
 *
 * Against R: the example study (config/example.ini) with two Cox models
 * added (MODELS below), run in-process on sample-data/ through link,
 * derive, cohort (the follow-up of [cohort]) and model; every coefficient
 * row (estimate, robust or cluster SE, z, p, HR and CI, n, events,
 * person-years), every fit's sample and partial-likelihood statistics
 * (loglik, AIC, BIC, concordance, person-years) and every term's Wald and
 * LR test compared with tests/fixtures/model_cox_example_*.csv, which
 * tests/reference/model_cox_example.R made with survival::coxph on the
 * follow-up columns of the analysis dataset that tests/reference/derive.R
 * derived independently.  Tolerance: MS_REL (1e-6 relative); counts
 * exactly.
 *
 * Also: the files (hazard_ratio and person_years columns, estimator cox,
 * ties), and the config's errors for what a Cox model cannot take. */
#include "ko_test.h"
#include "config_support.h"
#include "model_support.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "config.h"
#include "export_audit.h"
#include "followup_table.h"
#include "lang.h"
#include "model.h"
#include "report.h"
#include "run_support.h"
#include "study.h"
#include "table.h"

static const char MODELS[] =
	"[model cox_cluster]\n"
	"family = cox\n"
	"exposures = sa_years, ndd, parent_psych, sex, low_birth_weight\n"
	"covariates = region\n"
	"reference region = Helsinki\n"
	"se = cluster\n"
	"[model cox_breslow]\n"
	"family = cox\n"
	"ties = breslow\n"
	"exposures = sa_years, ndd, parent_psych\n"
	"strata = sex\n"
	"se = robust\n"
	"[model rate_cluster]\n"
	"family = poisson_rate\n"
	"exposures = sa_years, ndd, parent_psych, sex, low_birth_weight\n"
	"covariates = region\n"
	"reference region = Helsinki\n"
	"split_age = 0, 1, 5, 10, 15\n"
	"se = cluster\n"
	"[model cox_tv]\n"
	"family = cox\n"
	"exposures = sa_years, ndd, parent_psych, sex\n"
	"time_varying = ndd: ndd_date\n"
	"se = cluster\n"
	"[model rate_tv]\n"
	"family = poisson_rate\n"
	"exposures = sa_years, ndd, parent_psych, sex\n"
	"time_varying = ndd: ndd_date\n"
	"split_age = 0, 1, 5, 10, 15\n"
	"[model rate_plain]\n"
	"family = poisson_rate\n"
	"exposures = sa_years, ndd\n"
	"se = robust\n"
	"[model rate_period]\n"
	"family = poisson_rate\n"
	"exposures = sa_years, ndd, parent_psych, sex\n"
	"split_age = 0, 1, 5, 10, 15\n"
	"split_period = 1997, 2005-07-01, 2010, 2015\n"
	"se = robust\n"
	"[model cox_strata]\n"
	"family = cox\n"
	"exposures = sa_years, ndd, parent_psych, sex\n"
	"cox_strata = region\n"
	"se = cluster\n"
	"[variable sa_count]\n"
	"from = social_assistance\n"
	"of = parents\n"
	"year = year\n"
	"where = months >= 1\n"
	"window = age 0 to 17\n"
	"aggregate = years\n"
	"output = no\n"
	"[model cox_cum]\n"
	"family = cox\n"
	"exposures = sa_years, ndd, parent_psych, sex, low_birth_weight\n"
	"covariates = region\n"
	"reference region = Helsinki\n"
	"time_varying = sa_years: cumulative, ndd: ndd_date\n"
	"se = cluster\n"
	"[model rate_cum]\n"
	"family = poisson_rate\n"
	"exposures = sa_count, ndd, sex\n"
	"time_varying = ndd: ndd_date, sa_count: cumulative\n"
	"split_age = 0, 1, 5, 10, 15\n"
	"[model cox_period]\n"
	"family = cox\n"
	"exposures = sa_years, ndd, parent_psych, sex\n"
	"time_varying = ndd: ndd_date\n"
	"split_period = 1997, 2005-07-01, 2010, 2015\n"
	"se = cluster\n";

static int example_setup(void **state)
{
	return ms_example_setup(state, ms_example_with(MODELS), "model_cox");
}

static int example_teardown(void **state)
{
	return ms_example_teardown(state);
}

/* The fixtures of one family: their file prefix, the models' name prefix
 * and the effect column; the row, fit and test counts R made. */
struct family_case {
	const char *fixture, *effect;
	const char *models[3];
	size_t n_coefs, n_fits, n_tests;
	int cox;
};

static const struct family_case cox_case = {
	"tests/fixtures/model_cox_example", "hazard_ratio",
	{ "cox_cluster", "cox_breslow", NULL }, 64, 14, 23, 1
};
static const struct family_case rate_case = {
	"tests/fixtures/model_rate_example", "rate_ratio",
	{ "rate_cluster", "rate_plain", NULL }, 57, 9, 16, 0
};
static const struct family_case tv_cox_case = {
	"tests/fixtures/model_tv_cox", "hazard_ratio",
	{ "cox_tv", NULL, NULL }, 16, 5, 8, 1
};
static const struct family_case tv_rate_case = {
	"tests/fixtures/model_tv_rate", "rate_ratio",
	{ "rate_tv", NULL, NULL }, 22, 5, 9, 0
};

static const struct family_case period_case = {
	"tests/fixtures/model_period_rate", "rate_ratio",
	{ "rate_period", NULL, NULL }, 26, 5, 10, 0
};
static const struct family_case cox_strata_case = {
	"tests/fixtures/model_cox_strata", "hazard_ratio",
	{ "cox_strata", NULL, NULL }, 16, 5, 8, 1
};
static const struct family_case cum_cox_case = {
	"tests/fixtures/model_tv_cum_cox", "hazard_ratio",
	{ "cox_cum", NULL, NULL }, 40, 6, 11, 1
};
static const struct family_case period_cox_case = {
	"tests/fixtures/model_period_cox", "hazard_ratio",
	{ "cox_period", NULL, NULL }, 20, 5, 9, 1
};
static const struct family_case cum_rate_case = {
	"tests/fixtures/model_tv_cum_rate", "rate_ratio",
	{ "rate_cum", NULL, NULL }, 14, 4, 7, 0
};

/* The row of (term, level) in t; fails when there is none. */
static int row_index(const struct ko_table *t, const char *term,
		     const char *level)
{
	int r;

	for (r = 0; r < t->nrow; r++)
		if (t->rows[r].term && !strcmp(t->rows[r].term, term) &&
		    t->rows[r].value && !strcmp(t->rows[r].value, level))
			return r;
	fail();
	return -1;
}

static int in_case(const struct family_case *fc, const char *model)
{
	size_t i;

	for (i = 0; i < 3 && fc->models[i]; i++)
		if (!strcmp(fc->models[i], model))
			return 1;
	return 0;
}

static void fixture(const struct family_case *fc, const char *part,
		    struct ms_csv *t)
{
	char path[200];

	snprintf(path, sizeof(path), "%s_%s.csv", fc->fixture, part);
	ms_csv_read(path, t);
}

static void coefficients_match(const struct example *e,
			       const struct family_case *fc)
{
	struct ms_csv t;
	size_t i, f, n_rows = 0;
	char key[400];

	fixture(fc, "coefs", &t);
	assert_int_equal(t.nrow, fc->n_coefs);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_row *r = ms_find_row(&e->s, &t, i, key, sizeof(key));

		ms_check_num(r->estimate, ms_num(&t, i, "estimate"), "estimate", key);
		ms_check_num(r->std_error, ms_num(&t, i, "std_error"), "std_error", key);
		ms_check_num(r->statistic, ms_num(&t, i, "statistic"), "statistic", key);
		ms_check_num(r->p_value, ms_num(&t, i, "p_value"), "p_value", key);
		ms_check_num(r->effect, ms_num(&t, i, fc->effect), fc->effect, key);
		ms_check_num(r->conf_low, ms_num(&t, i, "conf_low"), "conf_low", key);
		ms_check_num(r->conf_high, ms_num(&t, i, "conf_high"), "conf_high", key);
		if (!strcmp(ms_cell(&t, i, "n"), "NA")) { /* the intercept */
			assert_int_equal(r->n, -1);
			assert_true(isnan(r->person_years) && isnan(r->rate));
			continue;
		}
		assert_int_equal(r->n, (long)ms_num(&t, i, "n"));
		assert_int_equal(r->events, (long)ms_num(&t, i, "events"));
		ms_check_num(r->person_years, ms_num(&t, i, "person_years"),
			     "person_years", key);
		ms_check_num(r->rate, ms_num(&t, i, "rate"), "rate", key);
		ms_check_num(r->rate_conf_low, ms_num(&t, i, "rate_conf_low"),
			     "rate_conf_low", key);
		ms_check_num(r->rate_conf_high, ms_num(&t, i, "rate_conf_high"),
			     "rate_conf_high", key);
		assert_int_equal(r->reference, !strcmp(ms_cell(&t, i, "estimate"), "0"));
		assert_false(r->aliased);
		assert_true(isnan(r->risk_ratio)); /* no effect = rr for cox */
	}
	for (i = 0; i < e->s.models->n_models; i++)
		for (f = 0; in_case(fc, e->s.models->models[i].cfg->name) &&
			    f < e->s.models->models[i].n_fits; f++)
			n_rows += e->s.models->models[i].fits[f].n_rows;
	assert_int_equal(n_rows, t.nrow); /* no row that R does not have */
	ms_csv_release(&t);
}

static void fit_statistics_match(const struct example *e,
				 const struct family_case *fc);
static int has_col(const struct ms_csv *t, const char *name,
		   const struct family_case *fc);
static void term_tests_match(const struct example *e,
			     const struct family_case *fc);

static void test_coefficients_match_coxph(void **state)
{
	coefficients_match(*state, &cox_case);
}

static void test_coefficients_match_glm_rate(void **state)
{
	coefficients_match(*state, &rate_case);
}

/* time_varying = ndd: ndd_date against survival::tmerge's tdc() */
static void test_time_varying_match_tmerge(void **state)
{
	coefficients_match(*state, &tv_cox_case);
	fit_statistics_match(*state, &tv_cox_case);
	term_tests_match(*state, &tv_cox_case);
	coefficients_match(*state, &tv_rate_case);
	fit_statistics_match(*state, &tv_rate_case);
	term_tests_match(*state, &tv_rate_case);
}

/* split_period = 1997, 2005-07-01, 2010, 2015 (with split_age) against
 * the pieces cut again at those dates in R (model_rate_example.R): the
 * term period's rate ratios, and each period's person-years and events,
 * which a cut moved by one day changes beyond MS_REL */
static void test_period_split_match_glm_rate(void **state)
{
	coefficients_match(*state, &period_case);
	fit_statistics_match(*state, &period_case);
	term_tests_match(*state, &period_case);
}

/* cox_strata = region: one Cox model with a baseline hazard per region,
 * as coxph(... + strata(region)) (model_cox_example.R) */
static void test_cox_strata_match_coxph(void **state)
{
	const struct example *e = *state;
	const struct ko_model_fit *fit =
		ms_find_fit(&e->s, "cox_strata", "all", "adjusted", "");

	coefficients_match(*state, &cox_strata_case);
	fit_statistics_match(*state, &cox_strata_case);
	term_tests_match(*state, &cox_strata_case);
	assert_non_null(strstr(fit->formula, " + strata(region)"));
}

/* The example's own placement_cox (config/example.ini) is cox_cum's
 * model: the same fits, row for row. */
static void example_model_is_cox_cum(const struct example *e)
{
	const struct ko_model_result *a = ms_find_model(&e->s, "placement_cox"),
				     *b = ms_find_model(&e->s, "cox_cum");
	size_t f, r;

	assert_int_equal(a->n_fits, b->n_fits);
	for (f = 0; f < a->n_fits; f++) {
		assert_int_equal(a->fits[f].n_rows, b->fits[f].n_rows);
		assert_int_equal(a->fits[f].events, b->fits[f].events);
		for (r = 0; r < a->fits[f].n_rows; r++) {
			assert_string_equal(a->fits[f].rows[r].level,
					    b->fits[f].rows[r].level);
			assert_true(a->fits[f].rows[r].estimate ==
				    b->fits[f].rows[r].estimate);
			assert_true(a->fits[f].rows[r].std_error ==
				    b->fits[f].rows[r].std_error ||
				    (isnan(a->fits[f].rows[r].std_error) &&
				     isnan(b->fits[f].rows[r].std_error)));
		}
	}
}

/* time_varying = sa_years: cumulative (the years of parental social
 * assistance, each from the 1st of January after it, categorised on each
 * row) against survival::tmerge's cumtdc() on the years re-derived in R
 * from the extract (tests/reference/model_tv_cum_example.R), Cox with the
 * categories and a rate model with the count as a number. */
static void test_cumulative_count_match_tmerge(void **state)
{
	coefficients_match(*state, &cum_cox_case);
	fit_statistics_match(*state, &cum_cox_case);
	term_tests_match(*state, &cum_cox_case);
	coefficients_match(*state, &cum_rate_case);
	fit_statistics_match(*state, &cum_rate_case);
	term_tests_match(*state, &cum_rate_case);
	example_model_is_cox_cum(*state);
}

/* The fixture tells the right switch day from one a year late: the same
 * model with each year counting a year later (R's cox_late) is far from
 * what kohort gives (every sa_years estimate at least 1e-3 relative away,
 * a thousand times the tolerance), so a count that switched a year late
 * would fail test_cumulative_count_match_tmerge. */
static void test_cumulative_count_not_a_year_late(void **state)
{
	const struct example *e = *state;
	struct ms_csv t;
	size_t i, n = 0;
	char key[400];

	ms_csv_read("tests/fixtures/model_tv_cum_late_coefs.csv", &t);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_row *r;
		double late;

		if (strcmp(ms_cell(&t, i, "term"), "sa_years") ||
		    !strcmp(ms_cell(&t, i, "estimate"), "0"))
			continue;
		r = ms_find_row(&e->s, &t, i, key, sizeof(key));
		late = ms_num(&t, i, "estimate");
		assert_true(fabs(r->estimate - late) > 1e-3 * fabs(late));
		n++;
	}
	assert_int_equal(n, 3); /* 1, 2-3, 4+ */
	ms_csv_release(&t);
}

static void fit_statistics_match(const struct example *e,
				 const struct family_case *fc)
{
	struct ms_csv t;
	size_t i, n_fits = 0;
	char key[300];
	int cox = fc->cox;

	fixture(fc, "stats", &t);
	assert_int_equal(t.nrow, fc->n_fits);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));

		snprintf(key, sizeof(key), "%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), ms_cell(&t, i, "version"),
			 ms_cell(&t, i, "exposure"));
		assert_null(fit->error);
		assert_int_equal(fit->n_used, (size_t)ms_num(&t, i, "n_used"));
		assert_int_equal(fit->n_input, (size_t)ms_num(&t, i, "n_input"));
		assert_int_equal(fit->n_missing,
				 (size_t)ms_num(&t, i, "n_dropped_missing"));
		assert_int_equal(fit->events, (long)ms_num(&t, i, "events"));
		ms_check_num(fit->loglik, ms_num(&t, i, "loglik"), "loglik", key);
		ms_check_num(fit->aic, ms_num(&t, i, "aic"), "aic", key);
		ms_check_num(fit->bic, ms_num(&t, i, "bic"), "bic", key);
		ms_check_num(fit->person_years, ms_num(&t, i, "person_years"),
			     "person_years", key);
		if (cox) {
			ms_check_num(fit->concordance, ms_num(&t, i, "concordance"),
				     "concordance", key);
			if (has_col(&t, "zph_global_chisq", fc)) { /* GLOBAL */
				ms_check_num(fit->zph_chisq,
					     ms_num(&t, i, "zph_global_chisq"), "zph", key);
				ms_check_num(fit->zph_df, ms_num(&t, i, "zph_global_df"),
					     "zph_df", key);
				ms_check_num(fit->zph_p_value,
					     ms_num(&t, i, "zph_global_p_value"), "zph_p", key);
			}
			assert_true(isnan(fit->deviance)); /* partial likelihood */
		} else {
			ms_check_num(fit->deviance, ms_num(&t, i, "deviance"),
				     "deviance", key);
			ms_check_num(fit->null_deviance,
				     ms_num(&t, i, "null_deviance"),
				     "null_deviance", key);
			ms_check_num(fit->df_residual, ms_num(&t, i, "df_residual"),
				     "df_residual", key);
		}
		assert_true(isnan(fit->auc) && isnan(fit->hl_chisq));
		assert_true(fit->converged);
		assert_string_equal(fit->warnings, "");
	}
	for (i = 0; i < e->s.models->n_models; i++)
		if (in_case(fc, e->s.models->models[i].cfg->name))
			n_fits += e->s.models->models[i].n_fits;
	assert_int_equal(n_fits, t.nrow);
	ms_csv_release(&t);
}

static void test_fit_statistics_match_coxph(void **state)
{
	fit_statistics_match(*state, &cox_case);
}

static void test_fit_statistics_match_glm_rate(void **state)
{
	fit_statistics_match(*state, &rate_case);
}

/* Whether the fixture has the column (cox.zph's are in the Cox example's,
 * cox_strata's and the time-varying cox_cum's fixtures, which must have
 * them). */
static int has_col(const struct ms_csv *t, const char *name,
		   const struct family_case *fc)
{
	size_t j;

	for (j = 0; j < t->ncol; j++)
		if (!strcmp(t->cell[j], name))
			return 1;
	if (fc == &cox_case || fc == &cox_strata_case || fc == &cum_cox_case)
		fail_msg("%s: no column %s", fc->fixture, name);
	return 0;
}

static void term_tests_match(const struct example *e,
			     const struct family_case *fc)
{
	struct ms_csv t;
	size_t i, k;
	char key[300];

	fixture(fc, "tests", &t);
	assert_int_equal(t.nrow, fc->n_tests);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));
		const struct ko_model_test *tt = NULL;

		for (k = 0; k < fit->n_tests; k++)
			if (!strcmp(fit->tests[k].term, ms_cell(&t, i, "term")))
				tt = &fit->tests[k];
		snprintf(key, sizeof(key), "%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), ms_cell(&t, i, "version"),
			 ms_cell(&t, i, "term"));
		assert_non_null(tt);
		ms_check_num(tt->df, ms_num(&t, i, "df"), "df", key);
		ms_check_num(tt->wald_chisq, ms_num(&t, i, "wald_chisq"), "wald", key);
		ms_check_num(tt->wald_p_value, ms_num(&t, i, "wald_p_value"),
			     "wald_p", key);
		ms_check_num(tt->lr_df, ms_num(&t, i, "lr_df"), "lr_df", key);
		ms_check_num(tt->lr_chisq, ms_num(&t, i, "lr_chisq"), "lr", key);
		ms_check_num(tt->lr_p_value, ms_num(&t, i, "lr_p_value"), "lr_p", key);
		if (has_col(&t, "zph_chisq", fc)) { /* cox.zph, the term's row */
			ms_check_num(tt->zph_chisq, ms_num(&t, i, "zph_chisq"), "zph", key);
			ms_check_num(tt->zph_df, ms_num(&t, i, "zph_df"), "zph_df", key);
			ms_check_num(tt->zph_p_value, ms_num(&t, i, "zph_p_value"),
				     "zph_p", key);
		} else {
			assert_true(fc->cox || isnan(tt->zph_chisq));
		}
	}
	ms_csv_release(&t);
}

static void test_term_tests_match_coxph(void **state)
{
	term_tests_match(*state, &cox_case);
}

static void test_term_tests_match_glm_rate(void **state)
{
	term_tests_match(*state, &rate_case);
}

/* models/NAME.csv names the effect hazard_ratio, has person_years and no
 * risk-ratio columns; NAME_stats.csv says cox, the ties and the Surv()
 * formula. */
static void test_files_name_the_cox_model(void **state)
{
	struct example *e = *state;
	char path[200], *text;

	snprintf(path, sizeof(path), "%s/models/cox_cluster.csv", e->dir);
	text = ms_slurp(path);
	assert_non_null(strstr(text, "p_value,hazard_ratio,conf_low,conf_high,n,"
			       "events,person_years,rate,rate_conf_low,"
			       "rate_conf_high,conf_low_log,conf_high_log\n"));
	assert_null(strstr(text, "risk_ratio"));
	free(text);
	snprintf(path, sizeof(path), "%s/models/cox_breslow_stats.csv", e->dir);
	text = ms_slurp(path);
	assert_non_null(strstr(text, ",ties,person_years,concordance,zph_global_chisq,"
			       "zph_global_df,zph_global_p_value\n"));
	assert_non_null(strstr(text, "\"Surv(fu_days, fu_event) ~ "
			       "factor(sa_years, ref = \"\"0\"\") + ndd + "
			       "parent_psych\""));
	assert_non_null(strstr(text, ",cox,robust HC0,wald (robust SE),"));
	assert_non_null(strstr(text, ",breslow,"));
	free(text);
	/* the logistic models' files keep their columns */
	snprintf(path, sizeof(path), "%s/models/placement_stats.csv", e->dir);
	text = ms_slurp(path);
	assert_null(strstr(text, "concordance"));
	free(text);
}

/* ---- the report's tables ---------------------------------------------- */

/* A Cox model of one factor g (a reference, b with 3 persons and 1
 * event, c): the table has person-years and the rate after the events; a
 * row's person-years are hidden where its persons are, its rate where its
 * persons or events are, so that the small level's follow-up and events
 * cannot be read back from them (rate x person-years = events). */
static void test_report_table_time_to_event(void **state)
{
	static const struct ko_report_coef coefs[] = {
		{ "all", "adjusted", NULL, "g", "a", 1, 0, NAN, NAN, 1, NAN, NAN,
		  200, 20, NAN, NAN, NAN, 0, 2000, 10, 6.1, 15.4,
		  NAN, NAN },
		{ "all", "adjusted", NULL, "g", "b", 0, 0.5, 1, 0.6, 1.6, 0.2, 12,
		  3, 1, NAN, NAN, NAN, 0, 30, 33.3, 0.8, 186,
		  NAN, NAN },
		{ "all", "adjusted", NULL, "g", "c", 0, 0.1, 0.4, 0.8, 1.1, 0.5, 2.4,
		  100, 10, NAN, NAN, NAN, 0, 1000, 10, 4.8, 18.4,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "a", 1, 0, NAN, NAN, 1, NAN, NAN,
		  200, 20, NAN, NAN, NAN, 0, 2000, 10, 6.1, 15.4,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "b", 0, 0.5, 1, 0.6, 1.6, 0.2, 12,
		  3, 1, NAN, NAN, NAN, 0, 30, 33.3, 0.8, 186,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "c", 0, 0.1, 0.4, 0.8, 1.1, 0.5, 2.4,
		  100, 10, NAN, NAN, NAN, 0, 1000, 10, 4.8, 18.4,
		  NAN, NAN },
	};
	static const struct ko_report_fit fits[] = {
		{ "all", "adjusted", NULL, 303, 31, NAN, NAN, NAN, 3030 },
		{ "all", "crude", "g", 303, 31, NAN, NAN, NAN, 3030 },
	};
	struct ko_report_model m;
	struct ko_table *t = NULL;
	struct ko_err err;
	int r, hidden_py = 0, b, model_row = -1;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.name = "model_x";
	m.title = "Event: model x";
	m.stratum = "all";
	m.coefs = coefs;
	m.n_coefs = 6;
	m.fits = fits;
	m.n_fits = 2;
	m.effect_abbrev = "HR";
	m.time_to_event = 1;
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &m, 5, &err), KO_OK);
	assert_string_equal(t->cols[2].header, "Person-years");
	assert_string_equal(t->cols[3].header,
			    "Rate per 1,000 person-years (95% CI)");
	assert_string_equal(t->cols[4].header, "HR (95% CI)");
	assert_non_null(strstr(t->footnote, "Person-years are hidden where the "
			       "persons are"));
	for (r = 0; r < t->nrow; r++) {
		const struct ko_cell *n = ko_table_cell_c(t, r, 0);
		const struct ko_cell *e = ko_table_cell_c(t, r, 1);
		const struct ko_cell *py = ko_table_cell_c(t, r, 2);
		const struct ko_cell *rate = ko_table_cell_c(t, r, 3);

		assert_true(strcmp(t->rows[r].value ? t->rows[r].value : "",
				   "auc")); /* no AUC row */
		if (!strcmp(t->rows[r].term, "(model)"))
			model_row = r;
		if (n->kind == KO_CELL_EMPTY)
			continue;
		if (n->supp)
			assert_int_not_equal(py->supp, KO_SUPP_NONE);
		if (n->supp || e->supp)
			assert_int_not_equal(rate->supp, KO_SUPP_NONE);
		hidden_py += py->supp != KO_SUPP_NONE;
	}
	b = row_index(t, "g", "b");
	assert_int_equal(ko_table_cell_c(t, b, 0)->supp, KO_SUPP_PRIMARY);
	assert_int_equal(ko_table_cell_c(t, b, 1)->supp, KO_SUPP_PRIMARY);
	assert_true(hidden_py >= 2); /* the small level's and a complement's */
	/* the model's own: shown, with its rate */
	assert_true(model_row >= 0);
	assert_close(ko_table_cell_c(t, model_row, 2)->v[0], 3030, 0);
	/* person-years are whole numbers in every format ("3030", not
	 * "3030.00") */
	assert_int_equal(ko_table_cell_c(t, model_row, 2)->kind, KO_CELL_WHOLE);
	assert_close(ko_table_cell_c(t, model_row, 3)->v[0], 1000.0 * 31 / 3030,
		     1e-12);
	assert_int_equal(ko_table_cell_c(t, model_row, 3)->supp, KO_SUPP_NONE);
	ko_table_free(t);
}

/* The whole-export audit ties a Cox table's events within the follow-up
 * table's: 406 there and 403 in the model leave 3 children with an event
 * out of the model, pinned, so the audit hides a related count (here the
 * follow-up table's events, the model's total being never chosen); in the
 * model table the person-years and rate of a row whose count is hidden go
 * with it (rate x person-years = events); in English and Finnish. */
static void test_audit_ties_events_to_followup(void **state)
{
	static const char *const exits[] = { "event", "death", "end_age", "all" };
	static const double n_exit[] = { 406, 4000, 5274, 9680 };
	static const struct ko_report_coef coefs[] = {
		{ "all", "adjusted", NULL, "g", "a", 1, 0, NAN, NAN, 1, NAN, NAN,
		  7444, 187, NAN, NAN, NAN, 0, 131000, 1.4, 1.2, 1.6,
		  NAN, NAN },
		{ "all", "adjusted", NULL, "g", "b", 0, 0.5, 0.1, 0.01, 1.6, 1.3, 2,
		  1000, 100, NAN, NAN, NAN, 0, 17000, 5.9, 4.8, 7.1,
		  NAN, NAN },
		{ "all", "adjusted", NULL, "g", "c", 0, 0.4, 0.1, 0.01, 1.5, 1.2, 1.8,
		  1184, 116, NAN, NAN, NAN, 0, 20000, 5.8, 4.8, 6.9,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "a", 1, 0, NAN, NAN, 1, NAN, NAN,
		  7444, 187, NAN, NAN, NAN, 0, 131000, 1.4, 1.2, 1.6,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "b", 0, 0.5, 0.1, 0.01, 1.6, 1.3, 2,
		  1000, 100, NAN, NAN, NAN, 0, 17000, 5.9, 4.8, 7.1,
		  NAN, NAN },
		{ "all", "crude", "g", "g", "c", 0, 0.4, 0.1, 0.01, 1.5, 1.2, 1.8,
		  1184, 116, NAN, NAN, NAN, 0, 20000, 5.8, 4.8, 6.9,
		  NAN, NAN },
	};
	static const struct ko_report_fit fits[] = {
		{ "all", "adjusted", NULL, 9628, 403, NAN, NAN, NAN, 168000 },
		{ "all", "crude", "g", 9628, 403, NAN, NAN, NAN, 168000 },
	};
	enum ko_lang langs[2] = { KO_LANG_EN, KO_LANG_FI };
	int l;

	(void)state;
	for (l = 0; l < 2; l++) {
		struct ko_report_model m;
		struct ko_table *t[2] = { NULL, NULL };
		struct ko_err err;
		int r, c, k, added = 0, hidden = 0;

		t[0] = ko_table_new("follow_up", "Follow-up");
		c = ko_table_add_col(t[0], "Children", NULL, KO_COL_N);
		for (k = 0; k < 4; k++) {
			r = ko_table_add_row(t[0], exits[k], 0, "exit_reason", exits[k]);
			ko_table_set_count(t[0], r, c, n_exit[k]);
		}
		memset(&m, 0, sizeof(m));
		m.name = "model_x";
		m.title = "Event: model x";
		m.stratum = "all";
		m.coefs = coefs;
		m.n_coefs = 6;
		m.fits = fits;
		m.n_fits = 2;
		m.effect_abbrev = "HR";
		m.time_to_event = 1;
		m.lang = langs[l];
		ko_err_clear(&err);
		assert_int_equal(ko_report_model_table(&t[1], &m, 5, &err), KO_OK);
		for (r = 0; r < t[1]->nrow; r++) /* all shown before the audit */
			for (c = 0; c < 2; c++)
				assert_int_equal(ko_table_cell_c(t[1], r, c)->supp,
						 KO_SUPP_NONE);
		assert_int_equal(ko_export_audit(t, 2, 5, (int)langs[l], &added, &err),
				 KO_OK);
		assert_true(added > 0);
		/* the 3 children: the follow-up table's event count hidden, and
		 * a complement among its exits */
		assert_int_equal(ko_table_cell_c(t[0], 0, 0)->supp, KO_SUPP_SECONDARY);
		for (r = 0; r < t[1]->nrow; r++) {
			const struct ko_cell *n = ko_table_cell_c(t[1], r, 0);
			const struct ko_cell *e = ko_table_cell_c(t[1], r, 1);

			if (!n->supp && !e->supp)
				continue;
			hidden++;
			assert_int_not_equal(ko_table_cell_c(t[1], r, 2)->supp,
					     KO_SUPP_NONE); /* person-years */
			assert_int_not_equal(ko_table_cell_c(t[1], r, 3)->supp,
					     KO_SUPP_NONE); /* rate */
			for (c = 4; c < 6; c++) /* the crude HR and p */
				if (ko_table_cell_c(t[1], r, c)->kind != KO_CELL_EMPTY &&
				    ko_table_cell_c(t[1], r, c)->kind != KO_CELL_REF)
					assert_int_not_equal(
						ko_table_cell_c(t[1], r, c)->supp,
						KO_SUPP_NONE);
		}
		(void)hidden; /* where the audit hides in the model table, the
			       * row's person-years and rate go with it */
		ko_table_free(t[0]);
		ko_table_free(t[1]);
	}
}

/* Run the example with MODELS into rs_tmp/out, its [study] and [report]
 * given the extra lines study and report ("" none). */
static void run_models(const char *study, const char *report)
{
	char *text = ms_example_with(MODELS), *cfg, *cfg2, *cfg3, buf[300], dir[100];

	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_cox_run2_%d", (int)getpid());
	snprintf(dir, sizeof(dir), "output = %s/out", rs_tmp);
	cfg = rs_replace(text, "output = output/example", dir);
	snprintf(buf, sizeof(buf), "[report]\n%s", report);
	cfg2 = rs_replace(cfg, "[report]\n", buf);
	snprintf(buf, sizeof(buf), "disclosure_threshold = 5\n%s", study);
	cfg3 = rs_replace(cfg2, "disclosure_threshold = 5\n", buf);
	snprintf(buf, sizeof(buf), "mkdir -p %s", rs_tmp);
	assert_int_equal(system(buf), 0);
	snprintf(buf, sizeof(buf), "%s/cox.ini", rs_tmp);
	rs_write_text(buf, cfg3);
	snprintf(buf, sizeof(buf), "run %s/cox.ini", rs_tmp);
	if (rs_kohort(buf)) {
		char *err = rs_read_tmp("err.txt");

		print_error("%s\n", err);
		free(err);
		fail();
	}
	free(cfg3);
	free(cfg2);
	free(cfg);
	free(text);
}

/* kohort run on the example with the Cox, rate and time-varying models:
 * their tables pass the whole-export audit (the age bands' persons do not
 * sum, their events do; each model's events are within the follow-up
 * table's) and are written with person-years and rates. */
static void test_run_writes_time_to_event_tables(void **state)
{
	static const char *const tables[] = {
		"model_cox_cluster", "model_rate_cluster", "model_cox_tv",
		"model_rate_tv",
	};
	char path[200];
	size_t i;

	(void)state;
	run_models("", "");
	for (i = 0; i < sizeof(tables) / sizeof(*tables); i++) {
		snprintf(path, sizeof(path), "%s/out/tables/%s.md", rs_tmp, tables[i]);
		rs_assert_file_has(path, "| Person-years | Rate per 1,000 "
				   "person-years (95% CI) |");
	}
	snprintf(path, sizeof(path), "%s/out/tables/model_rate_tv.md", rs_tmp);
	rs_assert_file_has(path, "IRR (95% CI)");
	/* the methods text of each time-to-event model: its time scale,
	 * censoring, ties, time-varying terms, splits, Cox strata and the
	 * proportional-hazards test */
	snprintf(path, sizeof(path), "%s/out/report.html", rs_tmp);
	rs_assert_file_has(path, "hazard ratios; time scale: age in days, each "
			   "child at risk from the start to the end of its "
			   "follow-up; censored at death, emigration, the 18th "
			   "birthday and the end of the data (2020-12-31) (a death "
			   "or emigration before the event censors follow-up: the "
			   "cause-specific hazard); tied event times handled by "
			   "Efron's method; the proportional-hazards assumption "
			   "tested for each term and globally on the scaled "
			   "Schoenfeld residuals (as survival::cox.zph, "
			   "Kaplan-Meier time transform); standard errors");
	rs_assert_file_has(path, "tied event times handled by Breslow's method");
	rs_assert_file_has(path, "; time-varying (follow-up split where the "
			   "value changes, as survival::tmerge does, so that "
			   "exposure after the event never counts): ");
	rs_assert_file_has(path, "; person-years split into age bands at the "
			   "birthdays of ages 0, 1, 5, 10, 15 (the age band a term "
			   "of the adjusted model); person-years split into "
			   "calendar periods starting 1997, 2005-07-01, 2010, 2015 "
			   "(the period a term of the adjusted model)");
	rs_assert_file_has(path, "; a baseline hazard of its own for each level "
			   "of ");
	ms_remove_dir(rs_tmp);
}

/* ---- the config ------------------------------------------------------- */

static const char head[] =
	"[study]\n"                          /* 1 */
	"name = t\n"                         /* 2 */
	"[extract birth]\n"                  /* 3 */
	"file = b.csv\n"                     /* 4 */
	"person = id\n"                      /* 5 */
	"unique = yes\n"                     /* 6 */
	"column id = id\n"                   /* 7 */
	"column bd = date\n"                 /* 8 */
	"column ev = date\n"                 /* 9 */
	"[cohort]\n"                         /* 10 */
	"base = birth\n"                     /* 11 */
	"birth_date = bd\n"                  /* 12 */
	"follow_up = age 18\n"               /* 13 */
	"event = evdate\n"                   /* 14 */
	"[variable evdate]\n"                /* 15 */
	"from = birth\n"                     /* 16 */
	"date = ev\n"                        /* 17 */
	"aggregate = first\n"                /* 18 */
	"[variable y]\n"                     /* 19 */
	"expr = 1\n"                         /* 20 */
	"[variable x]\n"                     /* 21 */
	"expr = 2\n";                        /* 22 */

static void test_config_cox_parsed(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[model m]\n"                              /* 23 */
		"family = cox\n"                           /* 24 */
		"exposures = x\n"                          /* 25 */
		"ties = breslow\n"                         /* 26 */
		"[model n]\n"                              /* 27 */
		"family = cox\n"                           /* 28 */
		"exposures = x\n",                         /* 29 */
		KO_OK);

	(void)state;
	assert_int_equal(cfg->n_models, 2);
	assert_ptr_equal(cfg->models[0].family, &ko_family_cox);
	assert_true(cfg->models[0].time_to_event);
	assert_int_equal(cfg->models[0].ties, 1);
	assert_int_equal(cfg->models[1].ties, 0); /* Efron, coxph's default */
	/* the outcome is the follow-up's event variable (its label) */
	assert_int_equal(cfg->models[0].outcome, ko_config_find_var(cfg, "evdate"));
	assert_int_equal(cfg->models[0].se, KO_MODEL_SE_MODEL);
	assert_false(cfg->models[0].profile);
	assert_true(ko_model_family(&cfg->models[0]) == &ko_family_cox);
	ko_config_free(cfg);
}

static void test_config_cox_problems(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[model a]\n"                              /* 23 */
		"family = cox\n"                           /* 24 */
		"outcome = y\n"                            /* 25 */
		"exposures = x\n"                          /* 26 */
		"effect = or, rr\n"                        /* 27 */
		"ci = profile\n"                           /* 28 */
		"[model b]\n"                              /* 29 */
		"family = cox\n"                           /* 30 */
		"exposures = x\n"                          /* 31 */
		"effect = paf\n"                           /* 32 */
		"estimator = ml\n"                         /* 33 */
		"[model c]\n"                              /* 34 */
		"outcome = y\n"                            /* 35 */
		"exposures = x\n"                          /* 36 */
		"ties = efron\n"                           /* 37 */
		"[model d]\n"                              /* 38 */
		"family = cox\n"                           /* 39 */
		"exposures = x\n"                          /* 40 */
		"ties = exact\n",                          /* 41 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 25, "outcome: a cox model's outcome is "
				   "the follow-up's event"));
	assert_true(cs_has_problem(cfg, 27, "effect 'or, rr': rr, rd and paf are "
				   "risks of a 0/1 outcome"));
	assert_true(cs_has_problem(cfg, 28, "ci = profile: the cox family has "
				   "Wald intervals only"));
	assert_true(cs_has_problem(cfg, 32, "effect 'paf': rr, rd and paf"));
	assert_true(cs_has_problem(cfg, 33, "estimator 'ml': the model's family "
				   "is 'cox' (line 30)"));
	assert_true(cs_has_problem(cfg, 37, "ties: only used with 'family = cox'"));
	assert_true(cs_has_problem(cfg, 41, "ties 'exact': expected efron or "
				   "breslow"));
	assert_int_equal(cfg->n_problems, 7);
	ko_config_free(cfg);
}

static void test_config_rate_problems(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[model a]\n"                              /* 23 */
		"family = poisson_rate\n"                  /* 24 */
		"exposures = x\n"                          /* 25 */
		"split_age = 1, 5\n"                       /* 26 */
		"effect = rd\n"                            /* 27 */
		"[model b]\n"                              /* 28 */
		"family = poisson_rate\n"                  /* 29 */
		"exposures = x\n"                          /* 30 */
		"split_age = 0, 5, 5\n"                    /* 31 */
		"ties = breslow\n"                         /* 32 */
		"[model c]\n"                              /* 33 */
		"family = cox\n"                           /* 34 */
		"exposures = x\n"                          /* 35 */
		"split_age = 0, 1\n"                       /* 36 */
		"[model d]\n"                              /* 37 */
		"family = poisson_rate\n"                  /* 38 */
		"exposures = x\n"                          /* 39 */
		"split_age = 0, 1.5\n"                     /* 40 */
		"[model e]\n"                              /* 41 */
		"family = poisson_rate\n"                  /* 42 */
		"exposures = x\n"                          /* 43 */
		"split_age = 0, 1, 5, 10\n",               /* 44 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 26, "split_age '1, 5': expected whole "
				   "ages in years, increasing and starting at 0"));
	assert_true(cs_has_problem(cfg, 27, "effect 'rd': rr, rd and paf are "
				   "risks of a 0/1 outcome (modified Poisson, "
				   "standardised risks); the poisson_rate "
				   "family's effect is the incidence rate ratio"));
	assert_true(cs_has_problem(cfg, 31, "split_age '0, 5, 5'"));
	assert_true(cs_has_problem(cfg, 32, "ties: only used with 'family = cox'"));
	assert_true(cs_has_problem(cfg, 36, "split_age: only used with 'family = "
				   "poisson_rate'"));
	assert_true(cs_has_problem(cfg, 40, "split_age '0, 1.5'"));
	assert_int_equal(cfg->n_problems, 6);
	assert_ptr_equal(cfg->models[4].family, &ko_family_poisson_rate);
	assert_int_equal(cfg->models[4].n_split_age, 4);
	assert_int_equal(cfg->models[4].split_age[3], 10);
	assert_true(cfg->models[4].time_to_event);
	assert_int_equal(cfg->models[4].se, KO_MODEL_SE_MODEL);
	assert_true(ko_model_family(&cfg->models[4]) == &ko_family_poisson_rate);
	ko_config_free(cfg);
}

/* split_period: years or ISO dates, increasing, poisson_rate only, the
 * term 'period'; cox_strata: cox only, a variable that is not a term nor
 * the strata of one model per level */
static void test_config_period_and_cox_strata(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[model a]\n"                              /* 23 */
		"family = poisson_rate\n"                  /* 24 */
		"exposures = x\n"                          /* 25 */
		"split_period = 2005, 2001\n"              /* 26 */
		"[model b]\n"                              /* 27 */
		"family = poisson_rate\n"                  /* 28 */
		"exposures = x\n"                          /* 29 */
		"split_period = 2001, 01.07.2005\n"        /* 30 */
		"cox_strata = y\n"                         /* 31 */
		"[model c]\n"                              /* 32 */
		"family = cox\n"                           /* 33 */
		"exposures = x\n"                          /* 34 */
		"split_period = 2001\n"                    /* 35 */
		"cox_strata = x\n"                         /* 36 */
		"[model d]\n"                              /* 37 */
		"family = cox\n"                           /* 38 */
		"exposures = x\n"                          /* 39 */
		"strata = y\n"                             /* 40 */
		"cox_strata = y\n"                         /* 41 */
		"[model e]\n"                              /* 42 */
		"family = poisson_rate\n"                  /* 43 */
		"exposures = x\n"                          /* 44 */
		"split_period = 1997, 2005-07-01, 2010\n"  /* 45 */
		"[model f]\n"                              /* 46 */
		"family = cox\n"                           /* 47 */
		"exposures = x\n"                          /* 48 */
		"cox_strata = y\n",                        /* 49 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 26, "split_period '2005, 2001': expected "
				   "years or dates (YYYY-MM-DD), increasing"));
	assert_true(cs_has_problem(cfg, 30, "split_period '2001, 01.07.2005'"));
	assert_true(cs_has_problem(cfg, 31, "cox_strata: only used with 'family "
				   "= cox'"));
	/* a Cox model takes split_period (the period time-varying) */
	assert_false(cs_has_problem(cfg, 35, "split_period"));
	assert_int_equal(cfg->models[2].n_split_period, 1);
	assert_true(cs_has_problem(cfg, 36, "cox_strata: 'x' is also an exposure"));
	assert_true(cs_has_problem(cfg, 41, "cox_strata: 'y' is also 'strata'"));
	assert_int_equal(cfg->n_problems, 5);
	assert_int_equal(cfg->models[4].n_split_period, 3);
	assert_string_equal(cfg->models[4].split_period_label[1], "2005-07-01");
	assert_int_equal(cfg->models[4].split_period[0], 9862);  /* 1997-01-01 */
	assert_int_equal(cfg->models[4].split_period[1], 12965); /* 2005-07-01 */
	assert_int_equal(cfg->models[4].split_period[2], 14610); /* 2010-01-01 */
	assert_int_equal(cfg->models[4].cox_strata, -1);
	assert_int_equal(cfg->models[5].cox_strata, ko_config_find_var(cfg, "y"));
	ko_config_free(cfg);
}

/* The methods text of a time-to-event model in en, fi and sv (report.html
 * through ko_report_tte_methods): time scale, censoring, ties, the
 * time-varying term, both splits, the Cox strata; none for a logistic
 * model */
static void test_methods_text_time_to_event(void **state)
{
	static const char TTE[] =
		"[model c]\n"                              /* 23 */
		"family = cox\n"
		"exposures = x\n"
		"ties = breslow\n"
		"cox_strata = y\n"
		"time_varying = x: evdate\n"
		"[model r]\n"
		"family = poisson_rate\n"
		"exposures = x\n"
		"split_age = 0, 1, 5\n"
		"split_period = 1997, 2005-07-01\n"
		"[model l]\n"
		"outcome = y\n"
		"exposures = x\n";
	static const char *const want[3][6] = {
		{ "; time scale: age in days, each child at risk from the start "
		  "to the end of its follow-up; censored at the 18th birthday; "
		  "tied event times handled by Breslow's method; time-varying "
		  "(follow-up split where the value changes, as survival::tmerge "
		  "does, so that exposure after the event never counts): x (0 "
		  "before, 1 from evdate); a baseline hazard of its own for each "
		  "level of y",
		  "; censored at the 18th birthday; person-years split into age "
		  "bands at the birthdays of ages 0, 1, 5 (the age band a term of "
		  "the adjusted model); person-years split into calendar periods "
		  "starting 1997, 2005-07-01 (the period a term of the adjusted "
		  "model)" },
		{ "; aikaskaalana ikä päivinä, kukin lapsi riskissä seurantansa "
		  "alusta sen loppuun; sensurointi: 18-vuotispäivä; samanaikaiset "
		  "tapahtuma-ajat käsitelty Breslow'n menetelmällä; ajassa muuttuvat selittäjät",
		  "; henkilövuodet jaettu ikäryhmiin ikävuosien 0, 1, 5 "
		  "syntymäpäivinä (ikäryhmä vakioidun mallin selittäjänä); "
		  "henkilövuodet jaettu kalenterijaksoihin, jotka alkavat 1997, "
		  "2005-07-01" },
		{ "; tidsskala: ålder i dagar, varje barn i risk från "
		  "uppföljningens början till dess slut; censurering vid "
		  "18-årsdagen; samtidiga händelsetider hanterade med Breslows metod; "
		  "tidsberoende variabler",
		  "; personår uppdelade i åldersband vid födelsedagarna för "
		  "åldrarna 0, 1, 5 (åldersbandet en term i den justerade "
		  "modellen); personår uppdelade i kalenderperioder som börjar "
		  "1997, 2005-07-01" },
	};
	static const enum ko_lang langs[3] = { KO_LANG_EN, KO_LANG_FI, KO_LANG_SV };
	struct ko_config *cfg;
	struct ko_err err;
	char *text = malloc(strlen(head) + sizeof(TTE)), *buf;
	size_t size, l, k;
	FILE *fp;

	(void)state;
	strcpy(text, head);
	strcat(text, TTE);
	if (ko_config_parse(&cfg, text, "t.ini", &err))
		fail_msg("%s", err.msg);
	for (l = 0; l < 3; l++)
		for (k = 0; k < 3; k++) {
			assert_non_null(fp = open_memstream(&buf, &size));
			ko_report_tte_methods(fp, cfg, &cfg->models[k], langs[l]);
			fclose(fp);
			if (k == 2)
				assert_string_equal(buf, "");
			else if (!strstr(buf, want[l][k]))
				fail_msg("%s: %s", ko_lang_code(langs[l]), buf);
			/* the Cox model's proportional-hazards test (cox.zph in
			 * models/), named for the Cox model only */
			if (k < 2 && (strstr(buf, "cox.zph") != NULL) != (k == 0))
				fail_msg("%s: cox.zph: %s", ko_lang_code(langs[l]), buf);
			free(buf);
		}
	ko_config_free(cfg);
	free(text);
}

/* Follow-up before the first calendar period is an error naming the child
 * (the example's children are born in 1997), not pieces silently dropped */
static void test_period_before_first_is_an_error(void **state)
{
	char *text = ms_example_with(
		"[model rate_late]\n"
		"family = poisson_rate\n"
		"exposures = ndd\n"
		"split_period = 2000, 2010\n");
	struct ko_study s;
	struct ko_config *cfg = NULL;
	struct ko_err err;
	char dir[64];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_period_%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "model rate_late: split_period: child "));
	assert_non_null(strstr(err.msg, "-1997 ") || strstr(err.msg, "1997-"));
	assert_non_null(strstr(err.msg, "before the first calendar period "
			       "(2000-01-01)"));
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

static void test_config_time_varying_problems(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[model a]\n"                              /* 23 */
		"family = cox\n"                           /* 24 */
		"exposures = x, y\n"                       /* 25 */
		"time_varying = x: evdate, y: x, z: evdate\n" /* 26 */
		"[model b]\n"                              /* 27 */
		"outcome = y\n"                            /* 28 */
		"exposures = x\n"                          /* 29 */
		"time_varying = x: evdate\n"               /* 30 */
		"[model c]\n"                              /* 31 */
		"family = poisson_rate\n"                  /* 32 */
		"exposures = x\n"                          /* 33 */
		"time_varying = x evdate, x: evdate, x: evdate\n", /* 34 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 26, "time_varying y: 'x' is not a date "
				   "variable"));
	assert_true(cs_has_problem(cfg, 26, "time_varying: 'z' is not a number "
				   "exposure or covariate of the model"));
	assert_true(cs_has_problem(cfg, 30, "time_varying: only used with "
				   "'family = cox' or 'poisson_rate'"));
	assert_true(cs_has_problem(cfg, 34, "time_varying 'x evdate': expected "
				   "VAR: DATE_VARIABLE"));
	assert_true(cs_has_problem(cfg, 34, "time_varying: 'x' given twice"));
	assert_int_equal(cfg->n_problems, 5);
	assert_int_equal(cfg->models[0].n_tv, 1);
	assert_int_equal(cfg->models[0].tv_var[0], ko_config_find_var(cfg, "x"));
	assert_int_equal(cfg->models[0].tv_date[0],
			 ko_config_find_var(cfg, "evdate"));
	ko_config_free(cfg);
}

/* time_varying VAR: cumulative takes a count of years (aggregate =
 * years), not another variable, and not one made categorical. */
static void test_config_time_varying_cumulative(void **state)
{
	struct ko_config *cfg = cs_parse(head,
		"[variable yrs]\n"                         /* 23 */
		"from = birth\n"                           /* 24 */
		"date = ev\n"                              /* 25 */
		"aggregate = years\n"                      /* 26 */
		"[model a]\n"                              /* 27 */
		"family = cox\n"                           /* 28 */
		"exposures = x, yrs\n"                     /* 29 */
		"time_varying = x: cumulative, yrs: cumulative, z: cumulative\n"
		"[model b]\n"                              /* 31 */
		"family = poisson_rate\n"                  /* 32 */
		"exposures = yrs\n"                        /* 33 */
		"categorical = yrs\n"                      /* 34 */
		"time_varying = yrs: cumulative\n",        /* 35 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 30, "time_varying x: cumulative needs a "
				   "variable with 'aggregate = years'"));
	assert_true(cs_has_problem(cfg, 30, "time_varying: 'z' is not an "
				   "exposure or covariate of the model"));
	assert_true(cs_has_problem(cfg, 35, "time_varying yrs: cumulative with "
				   "'categorical = yrs'"));
	assert_int_equal(cfg->n_problems, 3);
	assert_int_equal(cfg->models[0].n_tv, 1);
	assert_int_equal(cfg->models[0].tv_var[0], ko_config_find_var(cfg, "yrs"));
	assert_true(cfg->models[0].tv_cum[0]);
	ko_config_free(cfg);
}

/* Without an event in [cohort] there is nothing to fit: said at the
 * family's line. */
static void test_config_cox_needs_followup(void **state)
{
	char *h = strdup(head), *ev = strstr(h, "event = evdate\n");
	struct ko_config *cfg;

	(void)state;
	memcpy(ev, ";vent", 5); /* a comment: no event */
	cfg = cs_parse(h,
		"[model a]\n"                              /* 23 */
		"family = cox\n"                           /* 24 */
		"exposures = x\n",                         /* 25 */
		KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 24, "family cox: the model is fitted on "
				   "the follow-up of [cohort], which has no "
				   "'event = DATE VARIABLE'"));
	ko_config_free(cfg);
	free(h);
}

/* split_period for a Cox model: the calendar period a time-varying term
 * on the age time scale, the follow-up cut at the periods' dates (with
 * the time-varying ndd) against survival::tmerge's tdc() at those days
 * and coxph (tests/reference/model_period_cox.R): every coefficient with
 * each period's persons, events and person-years, fit statistics, term
 * tests; the period only in the adjusted formula. */
static void test_period_cox_match_tmerge(void **state)
{
	const struct example *e = *state;
	const struct ko_model_fit *adj =
		ms_find_fit(&e->s, "cox_period", "all", "adjusted", "");
	const struct ko_model_fit *crude =
		ms_find_fit(&e->s, "cox_period", "all", "crude", "sex");

	coefficients_match(*state, &period_cox_case);
	fit_statistics_match(*state, &period_cox_case);
	term_tests_match(*state, &period_cox_case);
	assert_non_null(strstr(adj->formula, "Surv(tstart, tstop, fu_event) ~ "));
	assert_non_null(strstr(adj->formula, " + factor(period)"));
	assert_null(strstr(crude->formula, "period"));
}

static void run_in_language(const char *lang)
{
	char report[40];

	snprintf(report, sizeof(report), "language = %s\n", lang);
	run_models("", report);
}

/* The terms of split follow-up in the model tables: age_band and period
 * by their labels in en, fi and sv (not the column names), and the Cox
 * model's calendar split said in the methods text. */
static void test_split_terms_labelled(void **state)
{
	static const char *const langs[3] = { "en", "fi", "sv" };
	static const char *const want[3][3] = {
		{ "| Age band (from age, years) |", "| Calendar period (from) |",
		  "; follow-up split at the calendar dates 1997, 2005-07-01, "
		  "2010, 2015 (the calendar period a time-varying term" },
		{ "| Ikäryhmä (iästä alkaen, vuotta) |",
		  "| Kalenterijakso (alkaen) |",
		  "; seuranta jaettu kalenteripäivinä 1997, 2005-07-01, 2010, 2015" },
		{ "| Åldersband (från ålder, år) |", "| Kalenderperiod (från) |",
		  "; uppföljningen uppdelad vid kalenderdatumen 1997, 2005-07-01, "
		  "2010, 2015" },
	};
	char path[200];
	size_t l;

	(void)state;
	for (l = 0; l < 3; l++) {
		run_in_language(langs[l]);
		snprintf(path, sizeof(path), "%s/out/tables/model_rate_period.md",
			 rs_tmp);
		rs_assert_file_has(path, want[l][0]);
		rs_assert_file_has(path, want[l][1]);
		snprintf(path, sizeof(path), "%s/out/tables/model_cox_period.md",
			 rs_tmp);
		rs_assert_file_has(path, want[l][1]);
		snprintf(path, sizeof(path), "%s/out/report.html", rs_tmp);
		rs_assert_file_has(path, want[l][2]);
		ms_remove_dir(rs_tmp);
	}
}

/* analysis.R refits every model from the export, split follow-up too:
 * tests/reference/export_split.R ran the analysis.R that this run writes
 * (tmerge from analysis_times.dta for time_varying 0/1 and cumulative,
 * split_age and split_period; coxph with cox_strata's strata()) and
 * stopped at any coefficient more than 1e-6 from models/NAME.csv; its
 * coefficients (tests/fixtures/export_split_coefs.csv: 16 fits, 270
 * rows) are compared here with this run's models/NAME.csv, MS_REL.  The
 * one model whose variable is not in analysis.dta is said, not fitted. */
static void test_export_refits_split_models(void **state)
{
	struct ms_csv fx, mc;
	char path[300], key[300];
	size_t i, r, found;
	char *script;

	(void)state;
	run_models("export = dta\n", "");
	snprintf(path, sizeof(path), "%s/out/analysis_times.dta", rs_tmp);
	assert_int_equal(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/out/analysis.R", rs_tmp);
	script = ms_slurp(path);
	assert_null(strstr(script, "stop("));
	assert_non_null(strstr(script, "[model rate_cum] not refitted: "
			       "sa_count is not in analysis.dta"));
	assert_non_null(strstr(script, "kohort_tv = cumtdc(t)"));
	assert_non_null(strstr(script, "age_band = tdc(t, a)"));
	assert_non_null(strstr(script, "kohort_pk = tdc(t, k)"));
	assert_non_null(strstr(script, " + strata(region)"));
	free(script);
	/* analysis.do: stcox's vce(robust)/vce(cluster) multiply the variance
	 * by N/(N-1) or G/(G-1) unless noadjust (stcox's documentation);
	 * coxph's (the model stage's) have no such factor */
	snprintf(path, sizeof(path), "%s/out/analysis.do", rs_tmp);
	script = ms_slurp(path);
	assert_non_null(strstr(script, "\nstcox `f', `vce' efron noadjust\n"
			       "estimates store cox_cluster\n"));
	assert_non_null(strstr(script, "\n    stcox `f', `vce' breslow noadjust\n"
			       "    estimates store cox_breslow_`s'\n"));
	/* a split model is not refitted; the file says where it is (analysis.R)
	 * and how Stata would split, not a page that does not say it */
	assert_non_null(strstr(script, "\n* [model cox_tv]: the adjusted model\n"
			       "* not refitted here: split follow-up"));
	assert_non_null(strstr(script, "[model cox_tv] not refitted: analysis.R refits it"));
	assert_null(strstr(script, "see analysis.do"));
	assert_null(strstr(script, "stsplit it as docs/config.md says"));
	free(script);
	ms_csv_read("tests/fixtures/export_split_coefs.csv", &fx);
	assert_int_equal(fx.nrow, 270);
	for (i = 0; i < fx.nrow; i++) {
		snprintf(path, sizeof(path), "%s/out/models/%s.csv", rs_tmp,
			 ms_cell(&fx, i, "model"));
		ms_csv_read(path, &mc);
		snprintf(key, sizeof(key), "%s %s %s %s", ms_cell(&fx, i, "model"),
			 ms_cell(&fx, i, "stratum"), ms_cell(&fx, i, "term"),
			 ms_cell(&fx, i, "level"));
		for (r = 0, found = 0; r < mc.nrow; r++) {
			if (strcmp(ms_cell(&mc, r, "version"), "adjusted") ||
			    strcmp(ms_cell(&mc, r, "stratum"), ms_cell(&fx, i, "stratum")) ||
			    strcmp(ms_cell(&mc, r, "term"), ms_cell(&fx, i, "term")) ||
			    strcmp(ms_cell(&mc, r, "level"), ms_cell(&fx, i, "level")))
				continue;
			ms_check_num(ms_num(&mc, r, "estimate"),
				     ms_num(&fx, i, "estimate"), "estimate", key);
			ms_check_num(ms_num(&mc, r, "std_error"),
				     ms_num(&fx, i, "std_error"), "std_error", key);
			found++;
		}
		if (found != 1)
			fail_msg("%s: %zu rows in models/", key, found);
		ms_csv_release(&mc);
	}
	ms_csv_release(&fx);
	ms_remove_dir(rs_tmp);
}

int main(void)
{
	const struct CMUnitTest example[] = {
		cmocka_unit_test(test_coefficients_match_coxph),
		cmocka_unit_test(test_fit_statistics_match_coxph),
		cmocka_unit_test(test_term_tests_match_coxph),
		cmocka_unit_test(test_coefficients_match_glm_rate),
		cmocka_unit_test(test_fit_statistics_match_glm_rate),
		cmocka_unit_test(test_term_tests_match_glm_rate),
		cmocka_unit_test(test_period_split_match_glm_rate),
		cmocka_unit_test(test_cox_strata_match_coxph),
		cmocka_unit_test(test_period_before_first_is_an_error),
		cmocka_unit_test(test_time_varying_match_tmerge),
		cmocka_unit_test(test_cumulative_count_match_tmerge),
		cmocka_unit_test(test_cumulative_count_not_a_year_late),
		cmocka_unit_test(test_files_name_the_cox_model),
		cmocka_unit_test(test_period_cox_match_tmerge),
	};
	const struct CMUnitTest report[] = {
		cmocka_unit_test(test_report_table_time_to_event),
		cmocka_unit_test(test_audit_ties_events_to_followup),
		cmocka_unit_test(test_run_writes_time_to_event_tables),
		cmocka_unit_test(test_split_terms_labelled),
		cmocka_unit_test(test_export_refits_split_models),
	};
	const struct CMUnitTest config[] = {
		cmocka_unit_test(test_config_cox_parsed),
		cmocka_unit_test(test_config_cox_problems),
		cmocka_unit_test(test_config_cox_needs_followup),
		cmocka_unit_test(test_config_rate_problems),
		cmocka_unit_test(test_config_time_varying_problems),
		cmocka_unit_test(test_config_period_and_cox_strata),
		cmocka_unit_test(test_methods_text_time_to_event),
		cmocka_unit_test(test_config_time_varying_cumulative),
	};
	int failed = cmocka_run_group_tests(config, NULL, NULL);

	failed |= cmocka_run_group_tests(report, NULL, NULL);
	return failed | cmocka_run_group_tests(example, example_setup,
					       example_teardown);
}
