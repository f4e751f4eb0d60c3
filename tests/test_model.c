/* test_model.c - the model stage.
 *
 * Against R: the example study (config/example.ini) run in-process on
 * sample-data/ through link, derive, cohort and model; every coefficient
 * row (estimate, cluster-robust SE, z, p, OR and CI), every fit's sample and
 * likelihood statistics, and every joint test compared with
 * tests/fixtures/model_example_*.csv, which tests/reference/model_example.R
 * made with glm + sandwich::vcovCL (+ drop1 and a direct Wald solve) on the
 * analysis dataset that tests/reference/derive.R derived independently.
 * Tolerance: REL (1e-6 relative) for every number; counts exactly.
 *
 * Also: the CSV files hold what is in memory; config errors in [model]
 * sections come with their line; aliasing, separation and a non-0/1
 * outcome are reported, not silent. */
#include "ko_test.h"
#include "config_support.h"
#include "model_support.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <gsl/gsl_errno.h>

#include "config.h"
#include "model.h"
#include "outfile.h"
#include "study.h"

#define REL 1e-6

/* ---- against R ------------------------------------------------------------- */

/* Model i of the example is a time-to-event model (placement_cox: its
 * numbers are test_model_cox's, against model_tv_cum_example.R); the
 * logistic fixtures here have the others. */
#define TTE(e, i) ((e)->s.models->models[i].cfg->time_to_event)

static int example_setup(void **state)
{
	return ms_example_setup(state, ms_slurp("config/example.ini"), "model");
}

static int example_teardown(void **state)
{
	return ms_example_teardown(state);
}

static void test_coefficients_match_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i, f, n_rows = 0;
	char key[400];

	ms_csv_read("tests/fixtures/model_example_coefs.csv", &t);
	assert_true(t.nrow > 100);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_row *r = ms_find_row(&e->s, &t, i, key, sizeof(key));

		ms_check_num(r->estimate, ms_num(&t, i, "estimate"), "estimate", key);
		ms_check_num(r->std_error, ms_num(&t, i, "std_error"), "std_error", key);
		ms_check_num(r->statistic, ms_num(&t, i, "statistic"), "statistic", key);
		ms_check_num(r->p_value, ms_num(&t, i, "p_value"), "p_value", key);
		ms_check_num(r->effect, ms_num(&t, i, "odds_ratio"), "odds_ratio", key);
		ms_check_num(r->conf_low, ms_num(&t, i, "conf_low"), "conf_low", key);
		ms_check_num(r->conf_high, ms_num(&t, i, "conf_high"), "conf_high", key);
		ms_check_num(r->n < 0 ? NAN : (double)r->n, ms_num(&t, i, "n"), "n", key);
		ms_check_num(r->events < 0 ? NAN : (double)r->events,
			  ms_num(&t, i, "events"), "events", key);
		assert_int_equal(r->reference, !strcmp(ms_cell(&t, i, "estimate"), "0"));
	}
	/* and no row that R does not have */
	for (i = 0; i < e->s.models->n_models; i++)
		for (f = 0; !TTE(e, i) && f < e->s.models->models[i].n_fits; f++)
			n_rows += e->s.models->models[i].fits[f].n_rows;
	assert_int_equal(n_rows, t.nrow);
	ms_csv_release(&t);
}

static void test_fit_statistics_match_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i, f, n_fits = 0;
	char key[300];

	ms_csv_read("tests/fixtures/model_example_stats.csv", &t);
	assert_int_equal(t.nrow, 21);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));

		snprintf(key, sizeof(key), "%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), ms_cell(&t, i, "version"),
			 ms_cell(&t, i, "exposure"));
		assert_null(fit->error);
		assert_int_equal(fit->n_input, (size_t)ms_num(&t, i, "n_input"));
		assert_int_equal(fit->n_used, (size_t)ms_num(&t, i, "n_used"));
		assert_int_equal(fit->n_missing, (size_t)ms_num(&t, i, "n_dropped_missing"));
		assert_int_equal(fit->events, (long)ms_num(&t, i, "events"));
		ms_check_num(fit->deviance, ms_num(&t, i, "deviance"), "deviance", key);
		ms_check_num(fit->null_deviance, ms_num(&t, i, "null_deviance"),
			  "null_deviance", key);
		ms_check_num(fit->df_residual, ms_num(&t, i, "df_residual"), "df_residual", key);
		ms_check_num(fit->loglik, ms_num(&t, i, "loglik"), "loglik", key);
		ms_check_num(fit->aic, ms_num(&t, i, "aic"), "aic", key);
		ms_check_num(fit->bic, ms_num(&t, i, "bic"), "bic", key);
		assert_true(fit->converged);
		assert_string_equal(ms_cell(&t, i, "converged"), "TRUE");
		assert_false(fit->separation);
		/* AUC and HL are checked against pROC / ResourceSelection in
		 * test_discrim; here only that they were made */
		assert_true(fit->auc > 0.5 && fit->auc < 1);
		assert_true(fit->auc_conf_low < fit->auc && fit->auc < fit->auc_conf_high);
		if (isnan(fit->hl_chisq)) /* as hoslem.test, with a warning */
			assert_non_null(strstr(fit->warnings, "Hosmer-Lemeshow"));
	}
	for (i = 0; i < e->s.models->n_models; i++)
		n_fits += TTE(e, i) ? 0 : e->s.models->models[i].n_fits;
	assert_int_equal(n_fits, t.nrow);
	for (f = 0; f < ms_find_model(&e->s, "placement_by_sex")->n_fits; f++)
		assert_int_equal(strncmp(ms_find_model(&e->s, "placement_by_sex")
					 ->fits[f].stratum, "sex=", 4), 0);
	ms_csv_release(&t);
}

static void test_term_tests_match_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i, k, n_tests = 0;
	char key[300];

	ms_csv_read("tests/fixtures/model_example_tests.csv", &t);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));
		const struct ko_model_test *tt = NULL;

		for (k = 0; k < fit->n_tests; k++)
			if (!strcmp(fit->tests[k].term, ms_cell(&t, i, "term")))
				tt = &fit->tests[k];
		snprintf(key, sizeof(key), "%s/%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), ms_cell(&t, i, "version"),
			 ms_cell(&t, i, "exposure"), ms_cell(&t, i, "term"));
		assert_non_null(tt);
		ms_check_num(tt->df, ms_num(&t, i, "df"), "df", key);
		ms_check_num(tt->wald_chisq, ms_num(&t, i, "wald_chisq"), "wald_chisq", key);
		ms_check_num(tt->wald_p_value, ms_num(&t, i, "wald_p_value"),
			  "wald_p_value", key);
		ms_check_num(tt->lr_df, ms_num(&t, i, "lr_df"), "lr_df", key);
		ms_check_num(tt->lr_chisq, ms_num(&t, i, "lr_chisq"), "lr_chisq", key);
		ms_check_num(tt->lr_p_value, ms_num(&t, i, "lr_p_value"), "lr_p_value", key);
	}
	for (i = 0; i < e->s.models->n_models; i++)
		for (k = 0; !TTE(e, i) && k < e->s.models->models[i].n_fits; k++)
			n_tests += e->s.models->models[i].fits[k].n_tests;
	assert_int_equal(n_tests, t.nrow);
	ms_csv_release(&t);
}

/* models/NAME.csv holds the rows in memory (15 significant digits), in
 * order; _stats and _tests one row per fit and per term. */
static void test_files_hold_the_results(void **state)
{
	struct example *e = *state;
	size_t i, f, r, row;
	char path[200];

	for (i = 0; i < e->s.models->n_models; i++) {
		const struct ko_model_result *m = &e->s.models->models[i];
		struct ms_csv t, st, tt;
		size_t n_tests = 0;

		if (TTE(e, i))
			continue;

		snprintf(path, sizeof(path), "%s/models/%s.csv", e->dir, m->cfg->name);
		ms_csv_read(path, &t);
		assert_string_equal(t.cell[0], "model");
		assert_string_equal(t.cell[13], "events");
		assert_int_equal(t.ncol, 20); /* 14 + the risk-ratio columns
						 + the CI on the log scale */
		assert_string_equal(t.cell[18], "conf_low_log");
		assert_string_equal(t.cell[19], "conf_high_log");
		row = 0;
		for (f = 0; f < m->n_fits; f++)
			for (r = 0; r < m->fits[f].n_rows; r++, row++) {
				const struct ko_model_row *mr = &m->fits[f].rows[r];

				assert_string_equal(ms_cell(&t, row, "model"), m->cfg->name);
				assert_string_equal(ms_cell(&t, row, "stratum"),
						    m->fits[f].stratum);
				assert_string_equal(ms_cell(&t, row, "version"),
						    m->fits[f].crude ? "crude" : "adjusted");
				assert_string_equal(ms_cell(&t, row, "term"), mr->term);
				assert_string_equal(ms_cell(&t, row, "level"), mr->level);
				ms_check_num(ms_num(&t, row, "estimate"), mr->estimate,
					  "csv estimate", mr->term);
				ms_check_num(ms_num(&t, row, "conf_high"), mr->conf_high,
					  "csv conf_high", mr->term);
				if (mr->reference) {
					assert_string_equal(ms_cell(&t, row, "odds_ratio"), "1");
					assert_string_equal(ms_cell(&t, row, "conf_low"), "");
				}
			}
		assert_int_equal(row, t.nrow);
		snprintf(path, sizeof(path), "%s/models/%s_stats.csv", e->dir,
			 m->cfg->name);
		ms_csv_read(path, &st);
		assert_int_equal(st.nrow, m->n_fits);
		assert_string_equal(ms_cell(&st, 0, "se_type"), "cluster HC0 (mother)");
		assert_string_equal(ms_cell(&st, 0, "warnings"), "");
		snprintf(path, sizeof(path), "%s/models/%s_tests.csv", e->dir,
			 m->cfg->name);
		ms_csv_read(path, &tt);
		for (f = 0; f < m->n_fits; f++)
			n_tests += m->fits[f].n_tests;
		assert_int_equal(tt.nrow, n_tests);
		ms_csv_release(&t);
		ms_csv_release(&st);
		ms_csv_release(&tt);
	}
}

/* Options against R (tests/reference/model_options.R): a numeric variable
 * made categorical with its own reference, an interaction, robust SEs and
 * profile-likelihood CIs (REL_PROFILE, as the spec asks of confint); Firth
 * estimates on separated data (brglm2 AS_mean; estimates only). */
#define REL_PROFILE 1e-4

static void test_options_match_r(void **state)
{
	char *text = ms_example_with(
		"[model inter]\noutcome = placement\nexposures = sa_years, ndd\n"
		"covariates = parent_psych, low_birth_weight\n"
		"categorical = low_birth_weight\nreference low_birth_weight = 1\n"
		"interactions = sa_years:ndd\nse = robust\nci = profile\ncrude = no\n"
		"[model firth]\noutcome = placement\nexposures = sa_years\n"
		"covariates = region\nsubgroup = ndd = 1\nestimator = firth\n"
		"crude = no\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	struct ms_csv t;
	char dir[64], key[300];
	size_t i, r, n_rows[2] = { 0, 0 };

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_o%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	ms_csv_read("tests/fixtures/model_options_coefs.csv", &t);
	for (i = 0; i < t.nrow; i++) {
		const char *model = ms_cell(&t, i, "model");
		int firth = !strcmp(model, "firth");
		const struct ko_model_fit *fit = ms_find_fit(&s, model, "all",
							  "adjusted", "");
		const struct ko_model_row *row = NULL;

		snprintf(key, sizeof(key), "%s/%s/%s", model, ms_cell(&t, i, "term"),
			 ms_cell(&t, i, "level"));
		for (r = 0; r < fit->n_rows; r++)
			if (!strcmp(fit->rows[r].term, ms_cell(&t, i, "term")) &&
			    !strcmp(fit->rows[r].level, ms_cell(&t, i, "level")))
				row = &fit->rows[r];
		if (!row) {
			print_error("no row %s\n", key);
			fail();
		}
		n_rows[firth]++;
		ms_check_num(row->estimate, ms_num(&t, i, "estimate"), "estimate", key);
		ms_check_num(row->effect, ms_num(&t, i, "odds_ratio"), "odds_ratio", key);
		ms_check_num(row->n < 0 ? NAN : (double)row->n, ms_num(&t, i, "n"), "n", key);
		ms_check_num(row->events < 0 ? NAN : (double)row->events,
			  ms_num(&t, i, "events"), "events", key);
		if (firth)
			continue;
		ms_check_num(row->std_error, ms_num(&t, i, "std_error"), "std_error", key);
		ms_check_num(row->statistic, ms_num(&t, i, "statistic"), "statistic", key);
		ms_check_num(row->p_value, ms_num(&t, i, "p_value"), "p_value", key);
		if (!isnan(ms_num(&t, i, "conf_low"))) {
			assert_close(row->conf_low, ms_num(&t, i, "conf_low"), REL_PROFILE);
			assert_close(row->conf_high, ms_num(&t, i, "conf_high"), REL_PROFILE);
		} else {
			assert_true(row->reference);
		}
	}
	assert_int_equal(n_rows[0], ms_find_fit(&s, "inter", "all", "adjusted", "")->n_rows);
	assert_int_equal(n_rows[1], ms_find_fit(&s, "firth", "all", "adjusted", "")->n_rows);
	assert_true(ms_find_fit(&s, "firth", "all", "adjusted", "")->separation);
	assert_non_null(strstr(ms_find_fit(&s, "firth", "all", "adjusted", "")->warnings,
			       "the Firth estimates are finite"));
	assert_string_equal(ms_find_model(&s, "inter")->ci_label, "profile likelihood");
	assert_string_equal(ms_find_model(&s, "inter")->se_label, "robust HC0");
	ms_csv_release(&t);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* crude_cases: available (the default of a logistic model) fits each
 * crude model on the children with the outcome and that exposure known,
 * complete on the adjusted model's complete cases (the default of cox and
 * poisson_rate); counted here from the derived values, independently of
 * the design.  The numbers of the available cases are R's
 * (test_coefficients_match_r). */
static void test_crude_cases(void **state)
{
	char *text = ms_example_with(
		"[model cc]\noutcome = placement\n"
		"exposures = sa_years, low_birth_weight, sex\n"
		"covariates = parent_psych, region\nreference region = Helsinki\n"
		"crude_cases = complete\n"
		"[model ca]\noutcome = placement\n"
		"exposures = sa_years, low_birth_weight, sex\n"
		"covariates = parent_psych, region\nreference region = Helsinki\n"
		"crude_cases = available\n");
	static const char *const ex[3] = { "sa_years", "low_birth_weight", "sex" };
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	char dir[64];
	size_t k, c;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_cc%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	assert_true(ms_find_model(&s, "cc")->cfg->crude_complete);
	assert_false(ms_find_model(&s, "ca")->cfg->crude_complete);
	assert_false(ms_find_model(&s, "placement")->cfg->crude_complete);
	assert_true(ms_find_model(&s, "placement_cox")->cfg->crude_complete);
	for (k = 0; k < 3; k++) {
		const struct ko_model_fit *adj = ms_find_fit(&s, "cc", "all",
							  "adjusted", "");
		const struct ko_model_fit *cc = ms_find_fit(&s, "cc", "all",
							 "crude", ex[k]);
		const struct ko_model_fit *ca = ms_find_fit(&s, "ca", "all",
							 "crude", ex[k]);
		const double *y = s.derived->val[ko_config_find_var(cfg, "placement")];
		long v = ko_config_find_var(cfg, ex[k]);
		size_t known = 0, events = 0;

		assert_true(v >= 0);
		for (c = 0; c < s.links->n_children; c++) {
			if (!s.flow.member[c] || isnan(y[c]) ||
			    isnan(s.derived->val[v][c]))
				continue;
			known++;
			events += y[c] == 1;
		}
		assert_int_equal(cc->n_used, adj->n_used);
		assert_int_equal(cc->n_input, adj->n_input);
		assert_int_equal(ca->n_used, known);
		assert_int_equal(ca->n_missing, ca->n_input - known);
		assert_int_equal(ca->events, (long)events);
		/* sa_years and low birth weight are missing for some */
		if (k < 2)
			assert_true(ca->n_used > cc->n_used);
	}
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* family = poisson: the model's own effect is the modified Poisson risk
 * ratio, the same bits as effect = rr on a logistic model of the same
 * formula and SEs (which test_model_effects checks against R's glm +
 * sandwich); its rows, tests through the family's lr_test, SEs robust by
 * default, and models/NAME.csv with a risk_ratio column and no rr
 * columns. */
static void test_family_poisson(void **state)
{
	char *text = ms_example_with(
		"[model lg]\noutcome = placement\nexposures = sa_years, ndd\n"
		"covariates = parent_psych\nse = robust\neffect = rr\ncrude = no\n"
		"[model ps]\noutcome = placement\nexposures = sa_years, ndd\n"
		"covariates = parent_psych\nfamily = poisson\ncrude = no\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	const struct ko_model_fit *lg, *ps;
	char dir[64], path[128], *csv;
	size_t r, n = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_p%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	lg = ms_find_fit(&s, "lg", "all", "adjusted", "");
	ps = ms_find_fit(&s, "ps", "all", "adjusted", "");
	assert_null(ps->error);
	assert_ptr_equal(ms_find_model(&s, "ps")->family, &ko_family_poisson);
	assert_string_equal(ms_find_model(&s, "ps")->se_label, "robust HC0");
	assert_int_equal(lg->n_rows, ps->n_rows);
	for (r = 0; r < ps->n_rows; r++) {
		const struct ko_model_row *a = &lg->rows[r], *b = &ps->rows[r];

		assert_string_equal(a->term, b->term);
		assert_string_equal(a->level, b->level);
		if (b->reference || !strcmp(b->term, "(Intercept)"))
			continue;
		assert_true(b->effect == a->risk_ratio);
		assert_true(b->conf_low == a->rr_conf_low &&
			    b->conf_high == a->rr_conf_high);
		assert_true(b->p_value == a->rr_p_value &&
			    b->std_error == a->rr_std_error);
		assert_true(isnan(b->risk_ratio));
		/* the CI on the log scale too (conf_low_log/conf_high_log) */
		assert_true(exp(b->conf_low_log) == b->conf_low &&
			    exp(b->conf_high_log) == b->conf_high);
		assert_true(exp(a->conf_low_log) == a->conf_low);
		n++;
	}
	assert_true(n >= 4);
	assert_int_equal(ps->n_tests, 3);
	for (r = 0; r < ps->n_tests; r++)
		assert_true(ps->tests[r].lr_chisq > 0 && ps->tests[r].lr_df >= 1 &&
			    ps->tests[r].wald_chisq > 0);
	assert_true(ps->converged && !ps->rr_fitted);
	snprintf(path, sizeof(path), "%s/models/ps.csv", dir);
	csv = ms_slurp(path);
	assert_string_equal(strtok(csv, "\n"), "model,stratum,version,term,level,"
			    "estimate,std_error,statistic,p_value,risk_ratio,"
			    "conf_low,conf_high,n,events,conf_low_log,"
			    "conf_high_log");
	free(csv);
	snprintf(path, sizeof(path), "%s/models/ps_stats.csv", dir);
	csv = ms_slurp(path);
	assert_non_null(strstr(csv, ",poisson,robust HC0,wald (robust SE),"));
	free(csv);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* `kohort run` as a command: the model files are written, listed in the
 * manifest with the warnings, the warnings go to standard error (the run
 * log), and a rerun gives byte-identical model files. */
static void test_run_command(void **state)
{
	const char *bin = getenv("KOHORT_BIN");
	char dir[64], cmd[1200], *err_text, path[200];
	int k;

	(void)state;
	assert_non_null(bin);
	snprintf(dir, sizeof(dir), "/tmp/ko_model_r%d", (int)getpid());
	for (k = 1; k <= 2; k++) {
		snprintf(cmd, sizeof(cmd), "%s run --output %s/%d config/example.ini "
			 ">/dev/null 2>%s/err%d", bin, dir, k, dir, k);
		if (k == 1) {
			snprintf(path, sizeof(path), "mkdir -p %s", dir);
			assert_int_equal(system(path), 0);
		}
		assert_int_equal(system(cmd), 0);
	}
	snprintf(cmd, sizeof(cmd), "cd %s && for f in placement placement_ndd "
		 "placement_by_sex; do for s in '' _stats _tests; do "
		 "cmp -s 1/models/$f$s.csv 2/models/$f$s.csv || exit 1; "
		 "grep -q \"\\\"models/$f$s.csv\\\"\" 1/manifest.json || exit 2; "
		 "done; done", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "grep -q 'Hosmer-Lemeshow statistic undefined' "
		 "%s/1/manifest.json", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/err1", dir);
	err_text = ms_slurp(path);
	assert_non_null(strstr(err_text, "model placement_ndd (all, crude sa_years): "
			       "Hosmer-Lemeshow statistic undefined"));
	free(err_text);
	snprintf(cmd, sizeof(cmd), "%s verify %s/1 >/dev/null", bin, dir);
	assert_int_equal(system(cmd), 0);
	ms_remove_dir(dir);
}

/* ---- never silent --------------------------------------------------------- */

/* An exposure that is a copy of another is aliased; region among children
 * with ndd separates (some regions have no placed child); both are in the
 * fit's warnings and the stats file, the rest still estimated. */
static void test_aliasing_and_separation_reported(void **state)
{
	char *text = ms_example_with(
		"[variable ndd_copy]\nexpr = ndd * 1\n"
		"[model aliased]\noutcome = placement\nexposures = ndd, ndd_copy\n"
		"crude = no\n"
		"[model separated]\noutcome = placement\nexposures = sa_years\n"
		"covariates = region\nsubgroup = ndd = 1\ncrude = no\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	const struct ko_model_fit *fit;
	char dir[64], path[200];
	struct ms_csv t;
	size_t i;
	int found = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_w%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	fit = ms_find_fit(&s, "aliased", "all", "adjusted", "");
	assert_int_equal(fit->rank, 2);
	assert_int_equal(fit->n_coef, 3);
	assert_non_null(strstr(fit->warnings, "ndd_copy: aliased"));
	for (i = 0; i < fit->n_rows; i++)
		if (!strcmp(fit->rows[i].term, "ndd_copy")) {
			assert_true(fit->rows[i].aliased);
			assert_true(isnan(fit->rows[i].estimate));
			found = 1;
		} else if (!strcmp(fit->rows[i].term, "ndd")) {
			assert_false(isnan(fit->rows[i].estimate));
		}
	assert_true(found);
	fit = ms_find_fit(&s, "separated", "all", "adjusted", "");
	assert_true(fit->separation);
	assert_non_null(strstr(fit->warnings, "(quasi-)complete separation"));
	assert_non_null(strstr(fit->warnings, "factor(region)"));
	snprintf(path, sizeof(path), "%s/models/separated_stats.csv", dir);
	ms_csv_read(path, &t);
	assert_string_equal(ms_cell(&t, 0, "separation"), "1");
	assert_non_null(strstr(ms_cell(&t, 0, "warnings"), "separated, the ML "
			       "estimate tends to -Inf"));
	ms_csv_release(&t);
	/* and the run log gets one line per fit with warnings */
	{
		FILE *log = tmpfile();
		char buf[4096] = "";

		assert_non_null(log);
		/* these two, and the example's crude sa_years fit among ndd
		 * children, whose Hosmer-Lemeshow statistic is undefined */
		assert_int_equal(ko_model_print_warnings(s.models, log), 3);
		rewind(log);
		assert_true(fread(buf, 1, sizeof(buf) - 1, log) > 0);
		assert_non_null(strstr(buf, "model aliased (all, adjusted): "));
		assert_non_null(strstr(buf, "model separated (all, adjusted): "));
		assert_non_null(strstr(buf, "model placement_ndd (all, crude sa_years): "
				       "Hosmer-Lemeshow statistic undefined"));
		fclose(log);
	}
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* An outcome that is not 0/1 stops the stage, naming model and child. */
static void test_outcome_not_binary(void **state)
{
	char *text = ms_example_with("[model bad]\noutcome = birth_weight_g\n"
				  "exposures = ndd\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	char dir[64];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_b%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "model bad: the outcome 'birth_weight_g' "
			       "must be 0 or 1"));
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* A stratum where the model cannot be fitted (a factor with one level) is
 * kept with its reason; the other strata are fitted. */
static void test_unfittable_stratum_kept(void **state)
{
	char *text = ms_example_with(
		"[model by_ndd]\noutcome = placement\nexposures = sa_years, sex\n"
		"strata = ndd\nsubgroup = sex = 1 or ndd = 0\ncrude = no\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	const struct ko_model_result *r;
	char dir[64];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_model_s%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	r = ms_find_model(&s, "by_ndd");
	assert_int_equal(r->n_fits, 2);
	assert_string_equal(r->fits[0].stratum, "ndd=0");
	assert_null(r->fits[0].error);
	assert_true(r->fits[0].n_rows > 3);
	assert_string_equal(r->fits[1].stratum, "ndd=1");
	assert_non_null(r->fits[1].error);
	assert_non_null(strstr(r->fits[1].error, "sex"));
	assert_int_equal(r->fits[1].n_rows, 0);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* ---- config ------------------------------------------------------------------ */

static const char head[] =
	"[study]\n"                          /* 1 */
	"name = t\n"                         /* 2 */
	"[extract birth]\n"                  /* 3 */
	"file = b.csv\n"                     /* 4 */
	"person = id\n"                      /* 5 */
	"unique = yes\n"                     /* 6 */
	"column id = id\n"                   /* 7 */
	"column bd = date\n"                 /* 8 */
	"column sex = cat\n"                 /* 9 */
	"column mo = id\n"                   /* 10 */
	"[cohort]\n"                         /* 11 */
	"base = birth\n"                     /* 12 */
	"birth_date = bd\n"                  /* 13 */
	"[variable y]\n"                     /* 14 */
	"expr = 1\n"                         /* 15 */
	"[variable x]\n"                     /* 16 */
	"expr = 2\n"                         /* 17 */
	"categories = 0, 1-2, 3+\n"          /* 18 */
	"reference = 1-2\n"                  /* 19 */
	"[variable sex]\n"                   /* 20 */
	"from = birth\n"                     /* 21 */
	"aggregate = value sex\n"            /* 22 */
	"[variable bdate]\n"                 /* 23 */
	"from = birth\n"                     /* 24 */
	"aggregate = value bd\n"             /* 25 */
	"[variable n]\n"                     /* 26 */
	"expr = 3\n";                        /* 27 */

static struct ko_config *parse(const char *tail, enum ko_status want)
{
	return cs_parse(head, tail, want);
}

static void test_config_model_parsed(void **state)
{
	struct ko_config *cfg = parse(
		"[model m]\n"                              /* 28 */
		"outcome = y\n"                            /* 29 */
		"exposures = x, n\n"                       /* 30 */
		"covariates = sex\n"                       /* 31 */
		"categorical = n\n"                        /* 32 */
		"reference n = 3\n"                        /* 33 */
		"reference sex = 2\n"                      /* 34 */
		"interactions = x:n, n:sex:x\n"            /* 35 */
		"subgroup = x = \"0\" or sex = 1\n"        /* 36 */
		"crude = no\n"                             /* 37 */
		"se = robust\n"                            /* 38 */
		"estimator = firth\n"                      /* 39 */
		"level = 0.9\n"                            /* 40 */
		"[model plain]\n"                          /* 41 */
		"outcome = y\n"                            /* 42 */
		"exposures = n\n"                          /* 43 */
		"strata = sex\n",                          /* 44 */
		KO_OK);
	const struct ko_cfg_model *m = &cfg->models[0];

	(void)state;
	assert_int_equal(cfg->n_models, 2);
	assert_string_equal(m->name, "m");
	assert_int_equal(m->line, 28);
	assert_int_equal(m->outcome, ko_config_find_var(cfg, "y"));
	assert_int_equal(m->n_exposures, 2);
	assert_int_equal(m->exposures[1], ko_config_find_var(cfg, "n"));
	assert_int_equal(m->n_covariates, 1);
	assert_int_equal(m->n_categorical, 1);
	assert_int_equal(m->n_refs, 2);
	assert_string_equal(m->refs[0].level, "3");
	assert_int_equal(m->refs[1].var, ko_config_find_var(cfg, "sex"));
	assert_int_equal(m->n_interactions, 2);
	assert_int_equal(m->interactions[1].n, 3);
	assert_true(m->has_subgroup);
	assert_false(m->crude);
	assert_int_equal(m->se, KO_MODEL_SE_ROBUST);
	assert_true(m->firth);
	assert_true(m->profile); /* Firth's default, as logistf */
	assert_close(m->level, 0.9, 1e-15);
	assert_int_equal(m->strata, -1);
	m = &cfg->models[1];
	assert_true(m->crude);
	assert_int_equal(m->se, KO_MODEL_SE_MODEL);
	assert_false(m->firth);
	assert_false(m->profile);
	assert_close(m->level, 0.95, 1e-15);
	assert_int_equal(m->strata, ko_config_find_var(cfg, "sex"));
	ko_config_free(cfg);
}

static void test_config_model_problems(void **state)
{
	struct ko_config *cfg = parse(
		"[model a]\n"                              /* 28 */
		"exposures = x, nothere, bdate, x\n"       /* 29 */
		"colour = red\n"                           /* 30 */
		"categorical = y\n"                        /* 31 */
		"reference x = 7\n"                        /* 32 */
		"reference n = 1\n"                        /* 33 */
		"interactions = x:y, x\n"                  /* 34 */
		"subgroup = x = = 1\n"                     /* 35 */
		"strata = x\n"                             /* 36 */
		"crude = maybe\n"                          /* 37 */
		"se = sandwich\n"                          /* 38 */
		"cluster = mother\n"                       /* 39 */
		"estimator = bayes\n"                      /* 40 */
		"ci = exact\n"                             /* 41 */
		"level = 95\n"                             /* 42 */
		"[model b]\n"                              /* 43 */
		"outcome = x\n"                            /* 44 */
		"exposures = y\n"                          /* 45 */
		"covariates = y\n"                         /* 46 */
		"se = cluster\n"                           /* 47 */
		"[model c d]\n"                            /* 48 */
		"outcome = y\n"                            /* 49 */
		"[model e]\n"                              /* 50 */
		"outcome = y\n"                            /* 51 */
		"exposures = sex\n"                        /* 52 */
		"reference sex = 1\n"                      /* 53 */
		"reference sex = 2\n"                      /* 54 */
		"crude_cases = some\n"                     /* 55 */
		"[model f]\n"                              /* 56 */
		"outcome = y\n"                            /* 57 */
		"crude = no\n"                             /* 58 */
		"crude_cases = complete\n",                /* 59 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 28, "[model a]: missing required key 'outcome'"));
	assert_true(cs_has_problem(cfg, 29, "exposures: no variable 'nothere'"));
	assert_true(cs_has_problem(cfg, 29, "variable 'bdate' is a date"));
	assert_true(cs_has_problem(cfg, 29, "exposures: 'x' listed twice"));
	assert_true(cs_has_problem(cfg, 30, "[model a]: unknown key 'colour' (known: outcome"));
	assert_true(cs_has_problem(cfg, 31, "categorical: 'y' is not among the exposures"));
	assert_true(cs_has_problem(cfg, 32, "reference x = 7: not one of the variable's category labels"));
	assert_true(cs_has_problem(cfg, 33, "reference n: not a categorical exposure"));
	assert_true(cs_has_problem(cfg, 34, "interactions: 'y' is not among the exposures"));
	assert_true(cs_has_problem(cfg, 34, "interactions: 'x' is not a product"));
	assert_true(cs_has_problem(cfg, 35, "subgroup: "));
	assert_true(cs_has_problem(cfg, 36, "strata: 'x' is also an exposure"));
	assert_true(cs_has_problem(cfg, 37, "crude 'maybe': expected yes or no"));
	assert_true(cs_has_problem(cfg, 38, "se 'sandwich': expected model, robust or cluster"));
	assert_true(cs_has_problem(cfg, 39, "cluster: only used with 'se = cluster'"));
	assert_true(cs_has_problem(cfg, 40, "estimator 'bayes': expected ml or firth"));
	assert_true(cs_has_problem(cfg, 41, "ci 'exact': expected wald or profile"));
	assert_true(cs_has_problem(cfg, 42, "level '95'"));
	assert_true(cs_has_problem(cfg, 44, "outcome: 'x' must be a 0/1 number variable"));
	assert_true(cs_has_problem(cfg, 46, "covariates: 'y' is also an exposure"));
	assert_true(cs_has_problem(cfg, 47, "se = cluster: clusters are families by the "
				"mother link; [link] has no mother column"));
	assert_true(cs_has_problem(cfg, 48, "[model c d]: bad name 'c d'"));
	assert_true(cs_has_problem(cfg, 54, "reference sex: given twice (first on line 53)"));
	assert_true(cs_has_problem(cfg, 55, "crude_cases 'some': expected available or complete"));
	assert_true(cs_has_problem(cfg, 59, "crude_cases: only used with 'crude = yes'"));
	ko_config_free(cfg);
}

/* family =: the registry's model families, estimator its older name
 * (both only when they agree), and what the poisson family cannot do. */
static void test_config_family_problems(void **state)
{
	struct ko_config *cfg = parse(
		"[model a]\n"                              /* 28 */
		"outcome = y\n"                            /* 29 */
		"exposures = x\n"                          /* 30 */
		"family = gamma\n"                         /* 31 */
		"[model b]\n"                              /* 32 */
		"outcome = y\n"                            /* 33 */
		"exposures = x\n"                          /* 34 */
		"family = poisson\n"                       /* 35 */
		"estimator = firth\n"                      /* 36 */
		"ci = profile\n"                           /* 37 */
		"effect = rr\n"                            /* 38 */
		"[model c]\n"                              /* 39 */
		"outcome = y\n"                            /* 40 */
		"exposures = x\n"                          /* 41 */
		"family = firth\n"                         /* 42 */
		"estimator = firth\n",                     /* 43 */
		KO_ERR_CONFIG);

	(void)state;
	/* the registry's names, in its order (stats/family.c) */
	assert_true(cs_has_problem(cfg, 31, "family 'gamma': expected logistic, "
				   "firth, poisson, poisson_rate or cox"));
	assert_true(cs_has_problem(cfg, 36, "estimator 'firth': the model's family "
				   "is 'poisson' (line 35)"));
	assert_true(cs_has_problem(cfg, 37, "ci = profile: the poisson family has "
				   "Wald intervals only"));
	assert_true(cs_has_problem(cfg, 38, "effect rr: the poisson family's own "
				   "effect is the risk ratio"));
	assert_int_equal(cfg->n_problems, 4);
	assert_ptr_equal(cfg->models[2].family, &ko_family_firth);
	assert_true(cfg->models[2].firth);
	assert_ptr_equal(cfg->models[1].family, &ko_family_poisson);
	assert_int_equal(cfg->models[1].se, KO_MODEL_SE_ROBUST);
	ko_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest example[] = {
		cmocka_unit_test(test_coefficients_match_r),
		cmocka_unit_test(test_fit_statistics_match_r),
		cmocka_unit_test(test_term_tests_match_r),
		cmocka_unit_test(test_files_hold_the_results),
	};
	const struct CMUnitTest others[] = {
		cmocka_unit_test(test_options_match_r),
		cmocka_unit_test(test_crude_cases),
		cmocka_unit_test(test_family_poisson),
		cmocka_unit_test(test_config_family_problems),
		cmocka_unit_test(test_run_command),
		cmocka_unit_test(test_aliasing_and_separation_reported),
		cmocka_unit_test(test_outcome_not_binary),
		cmocka_unit_test(test_unfittable_stratum_kept),
		cmocka_unit_test(test_config_model_parsed),
		cmocka_unit_test(test_config_model_problems),
	};
	int failed;

	gsl_set_error_handler_off();
	failed = cmocka_run_group_tests_name("model: example against R", example,
					     example_setup, example_teardown);
	return failed + cmocka_run_group_tests_name("model: reporting and config",
						    others, NULL, NULL);
}
