/* test_model_effects.c - the effect measures of the model stage
 * (`effect = or, rr, rd, paf`, `exposure = VAR` in [model NAME]).
 *
 * Against R: the example study (config/example.ini, whose placement model
 * asks for rr, rd and paf of sa_years with family-clustered SEs) plus two
 * models added here (eff_robust: robust SEs, a 0/1 number exposure, rr and
 * paf; eff_sex: strata, model-based SEs, rd), run in-process on
 * sample-data/ through link, derive, cohort and model.  Compared with
 * tests/fixtures/model_effects_*.csv, which tests/reference/model_effects.R
 * made with glm(family = poisson) + sandwich::vcovCL / vcovHC and the
 * standardisation delta method on the analysis dataset that
 * tests/reference/derive.R derived independently:
 *   - every modified Poisson row of every fit (risk ratio, log-scale SE,
 *     CI, p) and each Poisson fit's deviance, iterations, convergence;
 *   - the standardised risks per exposure level of the adjusted fit and of
 *     the exposure's crude fit (n, events, crude risk, standardised risk and
 *     CI, RR and RD against the reference with CIs);
 *   - the population attributable fraction, its CI and attributable cases.
 * Tolerance: REL (1e-6 relative) for every number; counts exactly.
 *
 * Also: the files hold what is in memory; a Poisson fit in trouble and an
 * exposure that cannot be standardised are reported, never silent; config
 * errors come with their line. */
#include "ko_test.h"
#include "config_support.h"
#include "model_support.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <gsl/gsl_errno.h>

#include "config.h"
#include "manifest.h"
#include "model.h"
#include "outfile.h"
#include "study.h"

#define REL 1e-6

/* ---- against R --------------------------------------------------------------- */

static const char extra_models[] =
	"[model eff_robust]\noutcome = placement\n"
	"exposures = parent_psych, ndd\ncovariates = sex, region\n"
	"reference region = Helsinki\nse = robust\neffect = rr, paf\n"
	"exposure = parent_psych\n"
	"[model eff_sex]\noutcome = placement\nexposures = sa_years, ndd\n"
	"strata = sex\neffect = rd\n";

static const char *const effect_models[] = { "placement", "eff_robust",
					     "eff_sex" };

static int example_setup(void **state)
{
	return ms_example_setup(state, ms_example_with(extra_models), "effects");
}

static int example_teardown(void **state)
{
	return ms_example_teardown(state);
}

/* Every modified Poisson row against R; reference rows have RR 1; a model
 * without rr has none. */
static void test_risk_ratios_match_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i, k, f, r, n_rr = 0;
	char key[400];

	ms_csv_read("tests/fixtures/model_effects_rr.csv", &t);
	assert_true(t.nrow > 50);
	for (i = 0; i < t.nrow; i++) {
		const char *term = ms_cell(&t, i, "term"), *level = ms_cell(&t, i, "level");
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));
		const struct ko_model_row *row = NULL;

		snprintf(key, sizeof(key), "%s/%s/%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), ms_cell(&t, i, "version"),
			 ms_cell(&t, i, "exposure"), term, level);
		for (r = 0; r < fit->n_rows; r++)
			if (!strcmp(fit->rows[r].term, term) &&
			    !strcmp(fit->rows[r].level, level))
				row = &fit->rows[r];
		if (!row) {
			print_error("no row %s\n", key);
			fail();
		}
		assert_false(row->reference);
		ms_check_num(row->risk_ratio, ms_num(&t, i, "risk_ratio"), "risk_ratio", key);
		ms_check_num(row->rr_std_error, ms_num(&t, i, "rr_std_error"),
			  "rr_std_error", key);
		ms_check_num(row->rr_conf_low, ms_num(&t, i, "rr_conf_low"), "rr_conf_low", key);
		ms_check_num(row->rr_conf_high, ms_num(&t, i, "rr_conf_high"),
			  "rr_conf_high", key);
		ms_check_num(row->rr_p_value, ms_num(&t, i, "rr_p_value"), "rr_p_value", key);
	}
	/* no RR row that R does not have; reference rows 1; eff_sex none */
	for (k = 0; k < 3; k++) {
		const struct ko_model_result *m = ms_find_model(&e->s, effect_models[k]);

		for (f = 0; f < m->n_fits; f++)
			for (r = 0; r < m->fits[f].n_rows; r++) {
				const struct ko_model_row *row = &m->fits[f].rows[r];

				if (k == 2) {
					assert_true(isnan(row->risk_ratio));
					continue;
				}
				if (row->reference)
					assert_true(row->risk_ratio == 1);
				else
					n_rr++;
				assert_true(m->fits[f].rr_fitted);
			}
	}
	assert_int_equal(n_rr, t.nrow);
	ms_csv_release(&t);
}

static void test_poisson_fits_match_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i;
	char key[300];

	ms_csv_read("tests/fixtures/model_effects_stats.csv", &t);
	/* placement: adjusted + 5 crude; eff_robust: adjusted + 2 crude */
	assert_int_equal(t.nrow, 9);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));

		snprintf(key, sizeof(key), "%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"));
		assert_true(fit->rr_fitted);
		ms_check_num(fit->rr_deviance, ms_num(&t, i, "rr_deviance"), "rr_deviance",
			  key);
		assert_int_equal(fit->rr_iterations, (int)ms_num(&t, i, "rr_iterations"));
		assert_string_equal(ms_cell(&t, i, "rr_converged"), "TRUE");
		assert_true(fit->rr_converged);
		assert_int_equal(fit->rr_fitted_above_1,
				 (size_t)ms_num(&t, i, "rr_fitted_risk_above_1"));
		assert_int_equal(fit->rr_fitted_0, 0);
	}
	assert_false(ms_find_fit(&e->s, "eff_sex", "sex=1", "adjusted", "")->rr_fitted);
	ms_csv_release(&t);
}

/* The standardised risks per level of the adjusted fits and of the
 * exposure's crude fits; no other fit has them. */
static void test_standardised_risks_match_r(void **state)
{
	static const char *const cols[] = {
		"crude_risk", "adjusted_risk", "adjusted_conf_low",
		"adjusted_conf_high", "risk_ratio", "rr_conf_low", "rr_conf_high",
		"risk_difference", "rd_conf_low", "rd_conf_high" };
	struct example *e = *state;
	struct ms_csv t;
	size_t i, k, c, f, n_levels = 0;
	char key[400];

	ms_csv_read("tests/fixtures/model_effects_levels.csv", &t);
	assert_int_equal(t.nrow, 28);
	for (i = 0; i < t.nrow; i++) {
		const char *version = ms_cell(&t, i, "version");
		const struct ko_model_fit *fit = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"), version,
			ms_cell(&t, i, "exposure"));
		const struct ko_model_effect *ef = fit->effect;
		const struct ko_model_effect_level *l = NULL;

		snprintf(key, sizeof(key), "%s/%s/%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "stratum"), version, ms_cell(&t, i, "level"));
		assert_non_null(ef);
		assert_string_equal(ef->exposure, ms_cell(&t, i, "exposure"));
		for (k = 0; k < ef->n_levels; k++)
			if (!strcmp(ef->levels[k].level, ms_cell(&t, i, "level")))
				l = &ef->levels[k];
		if (!l) {
			print_error("no level %s\n", key);
			fail();
		}
		assert_int_equal(l->n, (long)ms_num(&t, i, "n"));
		assert_int_equal(l->events, (long)ms_num(&t, i, "events"));
		{
			const double got[] = {
				l->crude_risk, l->risk, l->risk_conf_low,
				l->risk_conf_high, l->risk_ratio, l->rr_conf_low,
				l->rr_conf_high, l->risk_difference, l->rd_conf_low,
				l->rd_conf_high };

			for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
				ms_check_num(got[c], ms_num(&t, i, cols[c]), cols[c], key);
		}
	}
	for (k = 0; k < 3; k++) {
		const struct ko_model_result *m = ms_find_model(&e->s, effect_models[k]);

		for (f = 0; f < m->n_fits; f++)
			if (m->fits[f].effect)
				n_levels += m->fits[f].effect->n_levels;
	}
	assert_int_equal(n_levels, t.nrow);
	/* placement_ndd asks for no effects */
	for (f = 0; f < ms_find_model(&e->s, "placement_ndd")->n_fits; f++)
		assert_null(ms_find_model(&e->s, "placement_ndd")->fits[f].effect);
	ms_csv_release(&t);
}

static void test_paf_matches_r(void **state)
{
	struct example *e = *state;
	struct ms_csv t;
	size_t i;
	char key[300];

	ms_csv_read("tests/fixtures/model_effects_paf.csv", &t);
	assert_int_equal(t.nrow, 4);
	for (i = 0; i < t.nrow; i++) {
		const struct ko_model_effect *ef = ms_find_fit(
			&e->s, ms_cell(&t, i, "model"), ms_cell(&t, i, "stratum"),
			ms_cell(&t, i, "version"), ms_cell(&t, i, "exposure"))->effect;

		snprintf(key, sizeof(key), "%s/%s", ms_cell(&t, i, "model"),
			 ms_cell(&t, i, "version"));
		assert_non_null(ef);
		assert_true(ef->has_paf);
		assert_int_equal(ef->n, (long)ms_num(&t, i, "n"));
		assert_int_equal(ef->events, (long)ms_num(&t, i, "events"));
		ms_check_num(ef->observed_risk, ms_num(&t, i, "observed_risk"),
			  "observed_risk", key);
		ms_check_num(ef->paf, ms_num(&t, i, "paf"), "paf", key);
		ms_check_num(ef->paf_conf_low, ms_num(&t, i, "paf_conf_low"),
			  "paf_conf_low", key);
		ms_check_num(ef->paf_conf_high, ms_num(&t, i, "paf_conf_high"),
			  "paf_conf_high", key);
		ms_check_num(ef->attributable, ms_num(&t, i, "attributable_cases"),
			  "attributable_cases", key);
		ms_check_num(ef->attributable_conf_low,
			  ms_num(&t, i, "attributable_conf_low"),
			  "attributable_conf_low", key);
		ms_check_num(ef->attributable_conf_high,
			  ms_num(&t, i, "attributable_conf_high"),
			  "attributable_conf_high", key);
	}
	/* effect = rd alone: no PAF */
	assert_false(ms_find_fit(&e->s, "eff_sex", "sex=2", "adjusted", "")
		     ->effect->has_paf);
	assert_true(isnan(ms_find_fit(&e->s, "eff_sex", "sex=2", "adjusted", "")
			  ->effect->paf));
	ms_csv_release(&t);
}

/* The files hold what is in memory: RR columns of NAME.csv (empty without
 * rr), the Poisson columns of NAME_stats.csv, NAME_effects.csv only with
 * rd or paf, its "(all)" row only with paf; all in the manifest. */
static void test_files_hold_the_effects(void **state)
{
	struct example *e = *state;
	const struct ko_model_result *m = ms_find_model(&e->s, "placement");
	const struct ko_model_fit *adj = ms_find_fit(&e->s, "placement", "all",
						  "adjusted", "");
	struct ms_csv t;
	size_t f, k, row = 0;
	char path[200];

	snprintf(path, sizeof(path), "%s/models/placement.csv", e->dir);
	ms_csv_read(path, &t);
	assert_int_equal(t.ncol, 20); /* ... rr_p_value, conf_low_log, conf_high_log */
	for (k = 0; k < adj->n_rows; k++) {
		ms_check_num(ms_num(&t, k, "conf_low_log"), adj->rows[k].conf_low_log,
			  "csv conf_low_log", adj->rows[k].term);
		ms_check_num(ms_num(&t, k, "conf_high_log"), adj->rows[k].conf_high_log,
			  "csv conf_high_log", adj->rows[k].term);
		ms_check_num(ms_num(&t, k, "risk_ratio"), adj->rows[k].risk_ratio,
			  "csv risk_ratio", adj->rows[k].term);
		ms_check_num(ms_num(&t, k, "rr_conf_low"), adj->rows[k].rr_conf_low,
			  "csv rr_conf_low", adj->rows[k].term);
		ms_check_num(ms_num(&t, k, "rr_p_value"), adj->rows[k].rr_p_value,
			  "csv rr_p_value", adj->rows[k].term);
	}
	ms_csv_release(&t);
	snprintf(path, sizeof(path), "%s/models/eff_sex.csv", e->dir);
	ms_csv_read(path, &t);
	for (k = 0; k < t.nrow; k++)
		assert_string_equal(ms_cell(&t, k, "risk_ratio"), "");
	ms_csv_release(&t);

	snprintf(path, sizeof(path), "%s/models/placement_stats.csv", e->dir);
	ms_csv_read(path, &t);
	assert_string_equal(ms_cell(&t, 0, "rr_model"), "modified poisson");
	assert_string_equal(ms_cell(&t, 0, "rr_se_type"), "cluster HC0 (mother)");
	assert_string_equal(ms_cell(&t, 0, "rr_converged"), "1");
	ms_check_num(ms_num(&t, 0, "rr_deviance"), adj->rr_deviance, "csv rr_deviance",
		  "placement");
	ms_csv_release(&t);
	snprintf(path, sizeof(path), "%s/models/eff_robust_stats.csv", e->dir);
	ms_csv_read(path, &t);
	assert_string_equal(ms_cell(&t, 0, "rr_se_type"), "robust HC0");
	ms_csv_release(&t);

	snprintf(path, sizeof(path), "%s/models/placement_effects.csv", e->dir);
	ms_csv_read(path, &t);
	for (f = 0; f < m->n_fits; f++) {
		const struct ko_model_effect *ef = m->fits[f].effect;

		for (k = 0; ef && k < ef->n_levels; k++, row++) {
			assert_string_equal(ms_cell(&t, row, "version"),
					    m->fits[f].crude ? "crude" : "adjusted");
			assert_string_equal(ms_cell(&t, row, "level"), ef->levels[k].level);
			ms_check_num(ms_num(&t, row, "adjusted_risk"), ef->levels[k].risk,
				  "csv adjusted_risk", ef->levels[k].level);
			ms_check_num(ms_num(&t, row, "rd_conf_high"),
				  ef->levels[k].rd_conf_high, "csv rd_conf_high",
				  ef->levels[k].level);
			assert_string_equal(ms_cell(&t, row, "paf"), "");
		}
		if (!ef)
			continue;
		assert_string_equal(ms_cell(&t, row, "level"), "(all)");
		ms_check_num(ms_num(&t, row, "paf"), ef->paf, "csv paf", "(all)");
		ms_check_num(ms_num(&t, row, "attributable_conf_high"),
			  ef->attributable_conf_high, "csv attributable", "(all)");
		assert_string_equal(ms_cell(&t, row, "risk_ratio"), "");
		row++;
	}
	assert_int_equal(row, t.nrow);
	assert_int_equal(t.nrow, 10); /* 2 x (4 levels + PAF) */
	ms_csv_release(&t);
	snprintf(path, sizeof(path), "%s/models/eff_sex_effects.csv", e->dir);
	ms_csv_read(path, &t);
	assert_int_equal(t.nrow, 16); /* 2 strata x 2 versions x 4 levels */
	for (k = 0; k < t.nrow; k++)
		assert_string_not_equal(ms_cell(&t, k, "level"), "(all)");
	ms_csv_release(&t);
	snprintf(path, sizeof(path), "%s/models/placement_ndd_effects.csv", e->dir);
	assert_int_equal(access(path, F_OK), -1);

	{
		struct ko_manifest *mf = ko_manifest_new("example", "test");
		struct ko_err err;
		char *json;

		assert_non_null(mf);
		ko_err_clear(&err);
		assert_int_equal(ko_model_add_outputs(&e->s, mf, &err), KO_OK);
		assert_int_equal(ko_manifest_write(mf, e->dir, &err), KO_OK);
		ko_manifest_free(mf);
		snprintf(path, sizeof(path), "%s/manifest.json", e->dir);
		json = ms_slurp(path);
		assert_non_null(strstr(json, "\"models/placement_effects.csv\""));
		assert_non_null(strstr(json, "\"models/eff_sex_effects.csv\""));
		assert_null(strstr(json, "\"models/placement_ndd_effects.csv\""));
		free(json);
	}
}

/* ---- never silent ------------------------------------------------------------ */

/* A Poisson fit whose coefficients tend to -Inf (regions without a placed
 * child among children with ndd) is reported in the warnings, the stats
 * file and the run log; an exposure that cannot be standardised (a number that is not
 * 0/1, an aliased column) is a warning and no effect rows, the rest of the
 * model still fitted. */
static void test_effect_problems_reported(void **state)
{
	char *text = ms_example_with(
		"[variable ndd_twice]\nexpr = ndd * 2\n"
		"[variable ndd_copy]\nexpr = ndd * 1\n"
		"[model rr_zero]\noutcome = placement\nexposures = sa_years\n"
		"covariates = region\nsubgroup = ndd = 1\neffect = rr\ncrude = no\n"
		"[model not01]\noutcome = placement\nexposures = ndd_twice\n"
		"effect = rd\ncrude = no\n"
		"[model aliased]\noutcome = placement\nexposures = ndd, ndd_copy\n"
		"effect = paf\nexposure = ndd_copy\ncrude = no\n");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	const struct ko_model_fit *fit;
	char dir[64], path[200], buf[8192] = "";
	struct ms_csv t;
	FILE *log;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_effects_w%d", (int)getpid());
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	/* glm(family = poisson) reports convergence here, with risk ratios
	 * of 3e-7 for the two regions */
	fit = ms_find_fit(&s, "rr_zero", "all", "adjusted", "");
	assert_true(fit->rr_fitted);
	assert_true(fit->rr_converged);
	assert_non_null(strstr(fit->warnings, "modified Poisson: "
			       "factor(region)Kainuu: no events, the estimate "
			       "tends to -Inf"));
	assert_non_null(strstr(fit->warnings, "modified Poisson: "
			       "factor(region)Keski-Pohjanmaa: no events"));
	/* and the rows say so, for the tables (issue 15): the regions
	 * without events are separated towards -Inf in both fits; no other
	 * row is */
	{
		size_t i;
		int flagged = 0;

		for (i = 0; i < fit->n_rows; i++) {
			const struct ko_model_row *r = &fit->rows[i];
			int none = r->level && (!strcmp(r->level, "Kainuu") ||
						!strcmp(r->level, "Keski-Pohjanmaa"));

			if (none) {
				assert_int_equal(r->separated, -1);
				assert_int_equal(r->rr_separated, -1);
				flagged++;
			} else {
				assert_int_equal(r->rr_separated, 0);
			}
		}
		assert_int_equal(flagged, 2);
	}
	snprintf(path, sizeof(path), "%s/models/rr_zero_stats.csv", dir);
	ms_csv_read(path, &t);
	assert_string_equal(ms_cell(&t, 0, "rr_converged"), "1");
	assert_non_null(strstr(ms_cell(&t, 0, "warnings"), "modified Poisson: "
			       "factor(region)Kainuu"));
	ms_csv_release(&t);

	fit = ms_find_fit(&s, "not01", "all", "adjusted", "");
	assert_null(fit->error);
	assert_null(fit->effect);
	assert_non_null(strstr(fit->warnings, "effects (ndd_twice) not computed: "
			       "a number exposure must be 0/1"));
	assert_false(isnan(fit->rows[1].estimate));
	fit = ms_find_fit(&s, "aliased", "all", "adjusted", "");
	assert_null(fit->effect);
	assert_non_null(strstr(fit->warnings, "effects (ndd_copy) not computed: "
			       "a column of the exposure is aliased"));

	log = tmpfile();
	assert_non_null(log);
	ko_model_print_warnings(s.models, log);
	rewind(log);
	assert_true(fread(buf, 1, sizeof(buf) - 1, log) > 0);
	fclose(log);
	assert_non_null(strstr(buf, "model rr_zero (all, adjusted): "));
	assert_non_null(strstr(buf, "modified Poisson: factor(region)Kainuu"));
	assert_non_null(strstr(buf, "model not01 (all, adjusted): "));
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* ---- config -------------------------------------------------------------------- */

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
	"[cohort]\n"                         /* 10 */
	"base = birth\n"                     /* 11 */
	"birth_date = bd\n"                  /* 12 */
	"[variable y]\n"                     /* 13 */
	"expr = 1\n"                         /* 14 */
	"[variable x]\n"                     /* 15 */
	"expr = 2\n"                         /* 16 */
	"categories = 0, 1-2, 3+\n"          /* 17 */
	"[variable sex]\n"                   /* 18 */
	"from = birth\n"                     /* 19 */
	"aggregate = value sex\n"            /* 20 */
	"[variable n]\n"                     /* 21 */
	"expr = 3\n";                        /* 22 */

static struct ko_config *parse(const char *tail, enum ko_status want)
{
	return cs_parse(head, tail, want);
}

static void test_config_effects_parsed(void **state)
{
	struct ko_config *cfg = parse(
		"[model a]\n"                              /* 23 */
		"outcome = y\n"                            /* 24 */
		"exposures = x, n\n"                       /* 25 */
		"effect = rr, paf\n"                       /* 26 */
		"exposure = n\n"                           /* 27 */
		"[model b]\n"                              /* 28 */
		"outcome = y\n"                            /* 29 */
		"exposures = x, n\n"                       /* 30 */
		"effect = or,rd\n"                         /* 31 */
		"[model c]\n"                              /* 32 */
		"outcome = y\n"                            /* 33 */
		"exposures = n\n",                         /* 34 */
		KO_OK);

	(void)state;
	assert_int_equal(cfg->models[0].effects, KO_MODEL_EFFECT_OR |
			 KO_MODEL_EFFECT_RR | KO_MODEL_EFFECT_PAF);
	assert_int_equal(cfg->models[0].effect_exposure, ko_config_find_var(cfg, "n"));
	assert_int_equal(cfg->models[1].effects, KO_MODEL_EFFECT_OR |
			 KO_MODEL_EFFECT_RD);
	assert_int_equal(cfg->models[1].effect_exposure, ko_config_find_var(cfg, "x"));
	assert_int_equal(cfg->models[2].effects, KO_MODEL_EFFECT_OR);
	ko_config_free(cfg);
}

static void test_config_effects_problems(void **state)
{
	struct ko_config *cfg = parse(
		"[model a]\n"                              /* 23 */
		"outcome = y\n"                            /* 24 */
		"exposures = x, n\n"                       /* 25 */
		"effect = or, hr\n"                        /* 26 */
		"[model b]\n"                              /* 27 */
		"outcome = y\n"                            /* 28 */
		"exposures = x\n"                          /* 29 */
		"effect = rr\n"                            /* 30 */
		"exposure = x\n"                           /* 31 */
		"[model c]\n"                              /* 32 */
		"outcome = y\n"                            /* 33 */
		"exposures = x\n"                          /* 34 */
		"covariates = n\n"                         /* 35 */
		"effect = rd\n"                            /* 36 */
		"exposure = n\n"                           /* 37 */
		"[model d]\n"                              /* 38 */
		"outcome = y\n"                            /* 39 */
		"exposures = x, n\n"                       /* 40 */
		"interactions = x:n\n"                     /* 41 */
		"effect = paf\n"                           /* 42 */
		"[model e]\n"                              /* 43 */
		"outcome = y\n"                            /* 44 */
		"exposures = x, n\n"                       /* 45 */
		"interactions = x:n\n"                     /* 46 */
		"effect = rd\n"                            /* 47 */
		"exposure = n\n"                           /* 48 */
		"[model f]\n"                              /* 49 */
		"outcome = y\n"                            /* 50 */
		"exposures = x\n"                          /* 51 */
		"effect = \n"                              /* 52 */
		"[model g]\n"                              /* 53 */
		"outcome = y\n"                            /* 54 */
		"exposures = x\n"                          /* 55 */
		"effect = rd\n"                            /* 56 */
		"exposure = nothere\n",                    /* 57 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 26, "effect 'or, hr': expected a "
				"comma-separated list of or, rr, rd, paf"));
	assert_true(cs_has_problem(cfg, 31, "exposure: only used with 'effect' rd or paf"));
	assert_true(cs_has_problem(cfg, 37, "exposure: 'n' is not among the model's "
				"exposures"));
	assert_true(cs_has_problem(cfg, 42, "effect rd/paf: the exposure 'x' is in an "
				"interaction"));
	assert_true(cs_has_problem(cfg, 48, "effect rd/paf: the exposure 'n' is in an "
				"interaction"));
	assert_true(cs_has_problem(cfg, 52, "effect '': expected"));
	assert_true(cs_has_problem(cfg, 57, "exposure: no variable 'nothere'"));
	ko_config_free(cfg);
}

/* `kohort check` reports a bad effect with file:line. */
static void test_check_command(void **state)
{
	const char *bin = getenv("KOHORT_BIN");
	char *text = ms_example_with("[model bad]\noutcome = placement\n"
				  "exposures = ndd\neffect = rr, hr\n");
	char path[100], cmd[400], *out;
	FILE *fp;

	(void)state;
	assert_non_null(bin);
	snprintf(path, sizeof(path), "/tmp/ko_effects_check%d.ini", (int)getpid());
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "%s check %s >%s.out 2>&1", bin, path, path);
	assert_int_not_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s.out", path);
	out = ms_slurp(cmd);
	assert_non_null(strstr(out, "effect 'rr, hr': expected"));
	assert_non_null(strstr(out, ".ini:"));
	free(out);
	remove(cmd);
	remove(path);
	free(text);
}

int main(void)
{
	const struct CMUnitTest example[] = {
		cmocka_unit_test(test_risk_ratios_match_r),
		cmocka_unit_test(test_poisson_fits_match_r),
		cmocka_unit_test(test_standardised_risks_match_r),
		cmocka_unit_test(test_paf_matches_r),
		cmocka_unit_test(test_files_hold_the_effects),
	};
	const struct CMUnitTest others[] = {
		cmocka_unit_test(test_effect_problems_reported),
		cmocka_unit_test(test_config_effects_parsed),
		cmocka_unit_test(test_config_effects_problems),
		cmocka_unit_test(test_check_command),
	};
	int failed;

	gsl_set_error_handler_off();
	failed = cmocka_run_group_tests_name("model effects: example against R",
					     example, example_setup,
					     example_teardown);
	return failed + cmocka_run_group_tests_name("model effects: reporting and "
						    "config", others, NULL, NULL);
}
