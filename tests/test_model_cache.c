/* test_model_cache.c - the model stage's cache (model_cache.h) and the
 * model stage's interrupts:
 *   - serialize / deserialize keeps every field of every struct of model.h
 *     (real fits of many kinds, and hand-made results with NaN payloads,
 *     -0, infinities, NULL strings, quotes and newlines);
 *   - a damaged, truncated, foreign, other-format or other-key models.bin
 *     and one that does not fit the config are a miss, never a crash;
 *   - the key follows [model] entries and the data key only;
 *   - `kohort run` twice: the second run takes the model from the cache and
 *     writes every output byte-identical to a run without the cache; a
 *     model setting reruns the model only, a report setting not even that;
 *     a corrupted models.bin is a miss; --force ignores it;
 *   - SIGINT (pretended through ko_interrupt_after) stops the model stage
 *     between fits, and `kohort run` with exit 130 and the message, leaving
 *     the previous outputs as they were. */
#include "ko_test.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cache.h"
#include "cli.h"
#include "config.h"
#include "interrupt.h"
#include "model.h"
#include "model_cache.h"
#include "model_support.h"
#include "outfile.h"
#include "run_support.h"
#include "study.h"

/* Models of many kinds on the example study: effects (rr, rd, paf),
 * strata, subgroup, robust and cluster SEs, profile CIs, Firth, an
 * interaction, an aliased column, a stratum that cannot be fitted, a Poisson
 * fit with warnings, an exposure that cannot be standardised. */
static const char many_models[] =
	"[variable ndd_copy]\nexpr = ndd * 1\n"
	"[variable ndd_twice]\nexpr = ndd * 2\n"
	"[model inter]\noutcome = placement\nexposures = sa_years, ndd\n"
	"covariates = parent_psych, low_birth_weight\n"
	"categorical = low_birth_weight\nreference low_birth_weight = 1\n"
	"interactions = sa_years:ndd\nse = robust\nci = profile\ncrude = no\n"
	"[model firth]\noutcome = placement\nexposures = sa_years\n"
	"covariates = region\nsubgroup = ndd = 1\nestimator = firth\n"
	"[model aliased]\noutcome = placement\nexposures = ndd, ndd_copy\n"
	"effect = paf\nexposure = ndd_copy\ncrude = no\n"
	"[model by_ndd]\noutcome = placement\nexposures = sa_years, sex\n"
	"strata = ndd\nsubgroup = sex = 1 or ndd = 0\ncrude = no\n"
	"[model rr_zero]\noutcome = placement\nexposures = sa_years\n"
	"covariates = region\nsubgroup = ndd = 1\neffect = rr\ncrude = no\n"
	"[model not01]\noutcome = placement\nexposures = ndd_twice\n"
	"effect = rd\ncrude = no\n";

/* ---- helpers ----------------------------------------------------------- */

/* The example config on the fixture extracts with one edit, written to
 * rs_tmp/name (its path into path). */
static void make_config(const char *name, const char *from, const char *to,
			char *path, size_t size)
{
	snprintf(path, size, "%s/%s", rs_tmp, name);
	rs_make_config(path, from, to);
}

/* ---- comparing every field --------------------------------------------- */

static void same_str(const char *a, const char *b, const char *what)
{
	if (!a || !b) {
		if (a != b)
			print_error("%s: %s vs %s\n", what, a ? a : "NULL",
				    b ? b : "NULL");
		assert_true(a == b);
		return;
	}
	if (strcmp(a, b))
		print_error("%s: '%s' vs '%s'\n", what, a, b);
	assert_string_equal(a, b);
}

/* Doubles compared by their bytes: NaN payloads and -0 too. */
static void same_num(double a, double b, const char *what)
{
	if (memcmp(&a, &b, sizeof(a)))
		print_error("%s: %.17g vs %.17g\n", what, a, b);
	assert_memory_equal(&a, &b, sizeof(a));
}

#define S(f) same_str(a->f, b->f, #f)
#define D(f) same_num(a->f, b->f, #f)
#define I(f) assert_true(a->f == b->f)

static void same_row(const struct ko_model_row *a, const struct ko_model_row *b)
{
	S(term); S(level); S(coef_name);
	I(reference); I(aliased); I(separated); I(rr_separated);
	D(estimate); D(std_error); D(statistic); D(p_value);
	D(effect); D(conf_low); D(conf_high); D(conf_low_log); D(conf_high_log);
	I(n); I(events); D(person_years);
	D(rate); D(rate_conf_low); D(rate_conf_high);
	D(risk_ratio); D(rr_std_error); D(rr_conf_low); D(rr_conf_high);
	D(rr_p_value);
}

static void same_test(const struct ko_model_test *a,
		      const struct ko_model_test *b)
{
	S(term);
	D(df); D(wald_chisq); D(wald_p_value);
	D(lr_df); D(lr_chisq); D(lr_p_value);
}

static void same_level(const struct ko_model_effect_level *a,
		       const struct ko_model_effect_level *b)
{
	S(level);
	I(n); I(events);
	D(crude_risk); D(risk); D(risk_conf_low); D(risk_conf_high);
	D(risk_ratio); D(rr_conf_low); D(rr_conf_high);
	D(risk_difference); D(rd_conf_low); D(rd_conf_high);
}

static void same_effect(const struct ko_model_effect *a,
			const struct ko_model_effect *b)
{
	size_t k;

	assert_true((a == NULL) == (b == NULL));
	if (!a)
		return;
	S(exposure);
	I(n_levels);
	for (k = 0; k < a->n_levels; k++)
		same_level(&a->levels[k], &b->levels[k]);
	I(n); I(events);
	D(observed_risk);
	I(has_paf);
	D(paf); D(paf_conf_low); D(paf_conf_high);
	D(attributable); D(attributable_conf_low); D(attributable_conf_high);
}

static void same_fit(const struct ko_model_fit *a, const struct ko_model_fit *b)
{
	size_t i;

	S(stratum); I(crude); S(exposure); S(formula); S(error);
	I(n_rows);
	for (i = 0; i < a->n_rows; i++)
		same_row(&a->rows[i], &b->rows[i]);
	I(n_tests);
	for (i = 0; i < a->n_tests; i++)
		same_test(&a->tests[i], &b->tests[i]);
	I(n_input); I(n_missing); I(n_used); I(events);
	D(person_years); D(concordance);
	I(n_coef); I(rank);
	D(deviance); D(null_deviance); D(df_residual); D(df_null);
	D(loglik); D(aic); D(bic);
	I(iterations); I(converged); I(separation);
	I(fitted_0_or_1);
	D(auc); D(auc_se); D(auc_conf_low); D(auc_conf_high);
	D(hl_chisq); D(hl_df); D(hl_p_value);
	S(warnings);
	I(rr_fitted); I(rr_iterations); I(rr_converged);
	D(rr_deviance);
	I(rr_fitted_above_1); I(rr_fitted_0);
	same_effect(a->effect, b->effect);
}

static void same_results(const struct ko_model_results *a,
			 const struct ko_model_results *b)
{
	size_t i, f;

	assert_non_null(a);
	assert_non_null(b);
	I(n_models);
	for (i = 0; i < a->n_models; i++) {
		const struct ko_model_result *ra = &a->models[i];
		const struct ko_model_result *rb = &b->models[i];

		assert_ptr_equal(ra->cfg, rb->cfg);
		same_str(ra->se_label, rb->se_label, "se_label");
		same_str(ra->ci_label, rb->ci_label, "ci_label");
		assert_int_equal(ra->n_fits, rb->n_fits);
		assert_int_equal(ra->n_no_stratum, rb->n_no_stratum);
		for (f = 0; f < ra->n_fits; f++)
			same_fit(&ra->fits[f], &rb->fits[f]);
	}
}

#undef S
#undef D
#undef I

/* Save s's results under key, load them into a new study on the same
 * config; the loaded results must equal s's in every field. */
static void round_trip(const struct ko_study *s, const char *key)
{
	struct ko_study t;
	struct ko_err err;
	char why[200] = "";
	int hit = 0;

	ko_err_clear(&err);
	assert_int_equal(ko_model_cache_save(s, key, &err), KO_OK);
	ko_study_init(&t, s->cfg, s->out_dir);
	assert_int_equal(ko_model_cache_load(&t, key, &hit, why, sizeof(why),
					     &err), KO_OK);
	if (!hit)
		print_error("miss: %s\n", why);
	assert_int_equal(hit, 1);
	same_results(s->models, t.models);
	ko_study_release(&t);
}

static const char key_a[KO_SHA256_HEX] =
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
static const char key_b[KO_SHA256_HEX] =
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

/* ---- round trips --------------------------------------------------------- */

/* Real fits of every kind; also shows they include what the round trip
 * must keep (NULL and set strings, errors, effects, NaNs, Poisson). */
static void test_round_trip_fits(void **state)
{
	char *text = ms_example_with(many_models);
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	char dir[128];
	size_t i, f, k, errors = 0, effects = 0, nulls = 0, nans = 0, rr = 0;
	size_t paf = 0, warned = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/fits", rs_tmp);
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	for (i = 0; i < s.models->n_models; i++)
		for (f = 0; f < s.models->models[i].n_fits; f++) {
			const struct ko_model_fit *fit = &s.models->models[i].fits[f];

			errors += fit->error != NULL;
			effects += fit->effect != NULL;
			paf += fit->effect && fit->effect->has_paf;
			rr += fit->rr_fitted != 0;
			warned += *fit->warnings != '\0';
			nans += isnan(fit->hl_p_value) || isnan(fit->aic);
			for (k = 0; k < fit->n_rows; k++) {
				nulls += fit->rows[k].coef_name == NULL;
				nans += isnan(fit->rows[k].std_error);
			}
		}
	print_message("%zu models: %zu not fitted, %zu effects (%zu paf), %zu "
		      "Poisson, %zu with warnings, %zu NULL names, %zu NaN\n",
		      s.models->n_models, errors, effects, paf, rr, warned, nulls,
		      nans);
	assert_int_equal(s.models->n_models, 4 + 6);
	assert_true(errors > 0 && effects > 0 && paf > 0 && rr > 0);
	assert_true(warned > 0 && nulls > 0 && nans > 0);
	round_trip(&s, key_a);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* A source of distinct values of every kind. */
struct filler {
	unsigned k;
};

static double fill_num(struct filler *g)
{
	static const uint64_t nan_payload = 0x7ff8000000000abcULL;
	double v;

	switch (g->k++ % 7) {
	case 0: memcpy(&v, &nan_payload, sizeof(v)); return v;
	case 1: return -0.0;
	case 2: return INFINITY;
	case 3: return -INFINITY;
	case 4: return 4.9e-324; /* denormal */
	case 5: return -NAN;
	default: return (double)g->k * 1.000000001;
	}
}

static long fill_long(struct filler *g)
{
	long v = (long)(g->k++ * 7919u);

	return g->k % 3 ? v : -v - 1;
}

/* A new string (quotes, newlines, commas, UTF-8, ""), or NULL when may_null
 * and it is its turn. */
static char *fill_text(struct filler *g, int may_null)
{
	static const char *const texts[] = {
		"", "sa_years", "a,\"b\"\nc\r\n", "ä ö å", "(Intercept)",
		"factor(x, ref = \"0\")2-3",
	};
	unsigned k = g->k++;

	if (may_null && k % 3 == 0)
		return NULL;
	return strdup(texts[k % (sizeof(texts) / sizeof(*texts))]);
}

static void fill_row(struct filler *g, struct ko_model_row *r)
{
	r->term = fill_text(g, 0);
	r->level = fill_text(g, 0);
	r->coef_name = fill_text(g, 1);
	r->reference = (int)(g->k++ % 2);
	r->aliased = (int)(g->k++ % 2);
	r->separated = (int)(g->k++ % 3) - 1;
	r->rr_separated = -(int)(g->k++ % 2);
	r->estimate = fill_num(g);
	r->std_error = fill_num(g);
	r->statistic = fill_num(g);
	r->p_value = fill_num(g);
	r->effect = fill_num(g);
	r->conf_low = fill_num(g);
	r->conf_high = fill_num(g);
	r->conf_low_log = fill_num(g);
	r->conf_high_log = fill_num(g);
	r->n = fill_long(g);
	r->events = fill_long(g);
	r->person_years = fill_num(g);
	r->rate = fill_num(g);
	r->rate_conf_low = fill_num(g);
	r->rate_conf_high = fill_num(g);
	r->risk_ratio = fill_num(g);
	r->rr_std_error = fill_num(g);
	r->rr_conf_low = fill_num(g);
	r->rr_conf_high = fill_num(g);
	r->rr_p_value = fill_num(g);
}

static struct ko_model_effect *fill_effect(struct filler *g, size_t n_levels)
{
	struct ko_model_effect *e = calloc(1, sizeof(*e));
	size_t k;

	assert_non_null(e);
	e->exposure = fill_text(g, 0);
	e->n_levels = n_levels;
	e->levels = n_levels ? calloc(n_levels, sizeof(*e->levels)) : NULL;
	for (k = 0; k < n_levels; k++) {
		struct ko_model_effect_level *l = &e->levels[k];

		l->level = fill_text(g, 0);
		l->n = fill_long(g);
		l->events = fill_long(g);
		l->crude_risk = fill_num(g);
		l->risk = fill_num(g);
		l->risk_conf_low = fill_num(g);
		l->risk_conf_high = fill_num(g);
		l->risk_ratio = fill_num(g);
		l->rr_conf_low = fill_num(g);
		l->rr_conf_high = fill_num(g);
		l->risk_difference = fill_num(g);
		l->rd_conf_low = fill_num(g);
		l->rd_conf_high = fill_num(g);
	}
	e->n = fill_long(g);
	e->events = fill_long(g);
	e->observed_risk = fill_num(g);
	e->has_paf = (int)(g->k++ % 2);
	e->paf = fill_num(g);
	e->paf_conf_low = fill_num(g);
	e->paf_conf_high = fill_num(g);
	e->attributable = fill_num(g);
	e->attributable_conf_low = fill_num(g);
	e->attributable_conf_high = fill_num(g);
	return e;
}

/* Fit number f of a model: rows, tests and effect in varying numbers (f
 * = 0: none at all, an error, no exposure). */
static void fill_fit(struct filler *g, size_t f, struct ko_model_fit *fit)
{
	size_t i;

	fit->stratum = fill_text(g, 0);
	fit->crude = f > 0;
	fit->exposure = f ? fill_text(g, 0) : NULL;
	fit->formula = fill_text(g, 0);
	fit->error = f ? fill_text(g, 1) : strdup("a factor has one level");
	fit->n_rows = f ? f + 1 : 0;
	fit->rows = fit->n_rows ? calloc(fit->n_rows, sizeof(*fit->rows)) : NULL;
	for (i = 0; i < fit->n_rows; i++)
		fill_row(g, &fit->rows[i]);
	fit->n_tests = f;
	fit->tests = f ? calloc(f, sizeof(*fit->tests)) : NULL;
	for (i = 0; i < fit->n_tests; i++) {
		fit->tests[i].term = fill_text(g, 0);
		fit->tests[i].df = fill_num(g);
		fit->tests[i].wald_chisq = fill_num(g);
		fit->tests[i].wald_p_value = fill_num(g);
		fit->tests[i].lr_df = fill_num(g);
		fit->tests[i].lr_chisq = fill_num(g);
		fit->tests[i].lr_p_value = fill_num(g);
	}
	fit->n_input = (size_t)fill_long(g) & 0xffffff;
	fit->n_missing = SIZE_MAX - f;
	fit->n_used = (size_t)g->k++;
	fit->events = fill_long(g);
	fit->person_years = fill_num(g);
	fit->concordance = fill_num(g);
	fit->n_coef = (size_t)g->k++;
	fit->rank = (size_t)g->k++;
	fit->deviance = fill_num(g);
	fit->null_deviance = fill_num(g);
	fit->df_residual = fill_num(g);
	fit->df_null = fill_num(g);
	fit->loglik = fill_num(g);
	fit->aic = fill_num(g);
	fit->bic = fill_num(g);
	fit->iterations = (int)fill_long(g);
	fit->converged = (int)(g->k++ % 2);
	fit->separation = (int)(g->k++ % 2);
	fit->fitted_0_or_1 = (size_t)g->k++;
	fit->auc = fill_num(g);
	fit->auc_se = fill_num(g);
	fit->auc_conf_low = fill_num(g);
	fit->auc_conf_high = fill_num(g);
	fit->hl_chisq = fill_num(g);
	fit->hl_df = fill_num(g);
	fit->hl_p_value = fill_num(g);
	fit->warnings = fill_text(g, 0);
	fit->rr_fitted = (int)(g->k++ % 2);
	fit->rr_iterations = -(int)g->k++;
	fit->rr_converged = (int)(g->k++ % 2);
	fit->rr_deviance = fill_num(g);
	fit->rr_fitted_above_1 = (size_t)g->k++;
	fit->rr_fitted_0 = (size_t)g->k++;
	fit->effect = f % 2 ? fill_effect(g, f - 1) : NULL;
}

/* Hand-made results with values no fit gives (NaN payloads, -0, infinities,
 * denormals, SIZE_MAX, negative counts, NULL and awkward strings). */
static void test_round_trip_every_value(void **state)
{
	char *text = ms_example_with("");
	struct ko_config *cfg = NULL;
	struct ko_model_results *r;
	struct ko_study s;
	struct ko_err err;
	struct filler g = { 0 };
	size_t i, f;

	(void)state;
	ko_err_clear(&err);
	assert_int_equal(ko_config_parse(&cfg, text, "example.ini", &err), KO_OK);
	ko_study_init(&s, cfg, rs_tmp);
	r = calloc(1, sizeof(*r));
	assert_non_null(r);
	r->n_models = cfg->n_models;
	r->models = calloc(cfg->n_models, sizeof(*r->models));
	assert_non_null(r->models);
	for (i = 0; i < cfg->n_models; i++) {
		struct ko_model_result *mr = &r->models[i];

		ko_model_result_init(mr, &cfg->models[i]);
		mr->n_fits = i + 3;
		mr->fits = calloc(mr->n_fits, sizeof(*mr->fits));
		assert_non_null(mr->fits);
		for (f = 0; f < mr->n_fits; f++)
			fill_fit(&g, f, &mr->fits[f]);
		mr->n_no_stratum = (size_t)fill_long(&g);
	}
	ko_model_results_attach(&s, r);
	round_trip(&s, key_b);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
}

/* ---- misses --------------------------------------------------------------- */

static void write_buf(const char *path, const unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
}

/* Load path's models.bin under key into a new study on cfg: the hit, why,
 * and (on a hit) a check that the results are there. */
static int load(const struct ko_config *cfg, const char *dir, const char *key,
		char *why, size_t why_size)
{
	struct ko_study s;
	struct ko_err err;
	int hit = -1;

	ko_err_clear(&err);
	ko_study_init(&s, cfg, dir);
	assert_int_equal(ko_model_cache_load(&s, key, &hit, why, why_size, &err),
			 KO_OK);
	assert_true(hit == 0 || hit == 1);
	if (hit)
		assert_non_null(s.models);
	else
		assert_null(s.models);
	ko_study_release(&s);
	return hit;
}

static void assert_miss(const struct ko_config *cfg, const char *dir,
			const char *key, const char *want_why)
{
	char why[200] = "";

	assert_int_equal(load(cfg, dir, key, why, sizeof(why)), 0);
	if (strcmp(why, want_why))
		print_error("why: '%s', expected '%s'\n", why, want_why);
	assert_string_equal(why, want_why);
}

static void test_misses(void **state)
{
	char *text = ms_example_with(many_models), *other_text;
	struct ko_config *cfg = NULL, *other = NULL;
	struct ko_study s;
	struct ko_err err;
	char dir[128], path[200], why[200];
	unsigned char *orig, *buf;
	size_t len, off, tried = 0, missed = 0;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/miss", rs_tmp);
	snprintf(path, sizeof(path), "%s/.cache/models.bin", dir);
	assert_int_equal(ms_run_text(text, dir, &s, &cfg, &err), KO_OK);
	assert_miss(cfg, dir, key_a, "no cache");
	assert_int_equal(ko_model_cache_save(&s, key_a, &err), KO_OK);
	ko_study_release(&s);
	orig = (unsigned char *)ms_slurp(path);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	fclose(f);
	assert_true(len > 2000);
	buf = malloc(len);
	assert_non_null(buf);
	assert_int_equal(load(cfg, dir, key_a, why, sizeof(why)), 1);

	/* another key: other data or model settings */
	assert_miss(cfg, dir, key_b, "data or model settings changed");
	/* truncated */
	write_buf(path, orig, len - 1);
	assert_miss(cfg, dir, key_a, "damaged: truncated");
	/* one byte of the body changed */
	memcpy(buf, orig, len);
	buf[len / 2] ^= 1;
	write_buf(path, buf, len);
	assert_miss(cfg, dir, key_a, "damaged: checksum");
	/* another magic (the data stages' file), another format */
	memcpy(buf, orig, len);
	buf[6] = 'C';
	write_buf(path, buf, len);
	assert_miss(cfg, dir, key_a, "damaged: not a kohort cache file");
	memcpy(buf, orig, len);
	buf[8] ^= 2;
	write_buf(path, buf, len);
	assert_miss(cfg, dir, key_a, "written by another kohort version");
	/* right key and CRC, but the config's models are not the file's (the
	 * first renamed; one model fewer) */
	write_buf(path, orig, len);
	other_text = rs_replace(text, "[model placement]", "[model placement2]");
	assert_int_equal(ko_config_parse(&other, other_text, "x.ini", &err), KO_OK);
	assert_miss(other, dir, key_a, "damaged: contents");
	ko_config_free(other);
	free(other_text);
	other_text = malloc(strlen(text) + 100);
	assert_non_null(other_text);
	sprintf(other_text, "%s\n[model extra]\noutcome = placement\n"
		"exposures = ndd\n", text);
	other = NULL;
	assert_int_equal(ko_config_parse(&other, other_text, "x.ini", &err), KO_OK);
	assert_miss(other, dir, key_a, "damaged: contents");
	ko_config_free(other);
	free(other_text);

	/* every byte of the first 3000, then a stride: an altered body with a
	 * valid CRC is rejected or (a changed number) taken, never a crash, an
	 * overread or a leak */
	for (off = 8 + 4 + KO_SHA256_HEX; off < len - 20;
	     off += off < 3000 ? 1 : 211) {
		memcpy(buf, orig, len);
		buf[off] ^= 0xa5;
		rs_fix_crc(buf, len);
		write_buf(path, buf, len);
		missed += !load(cfg, dir, key_a, why, sizeof(why));
		tried++;
	}
	print_message("altered model caches: %zu tried, %zu rejected\n", tried,
		      missed);
	assert_true(missed > 100);
	write_buf(path, orig, len);
	assert_int_equal(load(cfg, dir, key_a, why, sizeof(why)), 1);
	free(orig);
	free(buf);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* The key: [model] entries and the data key, nothing else. */
static void test_key(void **state)
{
	static const char *const edits[][2] = {
		{ NULL, NULL },
		/* not read by the model stage: the same key */
		{ "[report]", "; a comment\n\n[report]" },
		{ "title = Out-of-home", "title = Another title: out-of-home" },
		/* read: another key */
		{ "se = cluster\ncluster = mother", "se = robust" },
		{ "effect = or, rr, rd, paf", "effect = or, rr" },
		{ "[model placement_ndd]", "[model placement_ndd2]" },
	};
	char path[200], key[6][KO_SHA256_HEX], again[KO_SHA256_HEX];
	struct ko_err err;
	size_t i;

	(void)state;
	ko_err_clear(&err);
	for (i = 0; i < 6; i++) {
		make_config("key.ini", edits[i][0], edits[i][1], path, sizeof(path));
		assert_int_equal(ko_model_cache_key(path, key_a, key[i], &err),
				 KO_OK);
		assert_int_equal(strlen(key[i]), 64);
	}
	assert_string_equal(key[1], key[0]);
	assert_string_equal(key[2], key[0]);
	assert_string_not_equal(key[3], key[0]);
	assert_string_not_equal(key[4], key[0]);
	assert_string_not_equal(key[4], key[3]);
	assert_string_not_equal(key[5], key[0]);
	/* another data key (inputs, data settings, version) */
	make_config("key.ini", NULL, NULL, path, sizeof(path));
	assert_int_equal(ko_model_cache_key(path, key_b, again, &err), KO_OK);
	assert_string_not_equal(again, key[0]);
	assert_int_equal(ko_model_cache_key(path, key_a, again, &err), KO_OK);
	assert_string_equal(again, key[0]);
}

/* The data stages' key (cache.h) of the config at path. */
static void data_key_of(const char *path, char key[KO_SHA256_HEX])
{
	struct ko_config *cfg = NULL;
	struct ko_err err;

	ko_err_clear(&err);
	assert_int_equal(ko_config_load(&cfg, path, &err), KO_OK);
	assert_int_equal(ko_cache_key(cfg, path, key, &err), KO_OK);
	ko_config_free(cfg);
}

/* A variable's label and value labels are the report's alone: neither key
 * changes with them (its other entries: see test_runops.c). */
static void test_labels_not_in_keys(void **state)
{
	char path[200], base[KO_SHA256_HEX], k[KO_SHA256_HEX];

	(void)state;
	make_config("labels.ini", NULL, NULL, path, sizeof(path));
	data_key_of(path, base);
	make_config("labels.ini", "value_labels = 1: Boy, 2: Girl",
		    "value_labels = 1: Boys, 2: Girls", path, sizeof(path));
	data_key_of(path, k);
	assert_string_equal(k, base);
	make_config("labels.ini", "label = Sex\n", "label = Sex of the child\n",
		    path, sizeof(path));
	data_key_of(path, k);
	assert_string_equal(k, base);
	make_config("labels.ini", "aggregate = value sex",
		    "aggregate = value sex\nreference = 2", path, sizeof(path));
	data_key_of(path, k);
	assert_string_not_equal(k, base);
}

/* ---- kohort run ----------------------------------------------------------- */

static void test_run_twice(void **state)
{
	char ini[200], model_ini[200], report_ini[200], out[128], ref[128];
	char args[600], log[200], cache[200];
	unsigned char *bin;
	FILE *f;

	(void)state;
	make_config("run.ini", NULL, NULL, ini, sizeof(ini));
	make_config("run_model.ini", "se = cluster\ncluster = mother",
		    "se = robust", model_ini, sizeof(model_ini));
	make_config("run_report.ini", "title = Out-of-home",
		    "title = Another title: out-of-home", report_ini,
		    sizeof(report_ini));
	snprintf(out, sizeof(out), "%s/twice", rs_tmp);
	snprintf(ref, sizeof(ref), "%s/fresh", rs_tmp);
	snprintf(log, sizeof(log), "%s/log.txt", out);
	snprintf(cache, sizeof(cache), "%s/.cache/models.bin", out);

	snprintf(args, sizeof(args), "run --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: model not used (no cache)");
	assert_int_equal(rs_stage_ran(out, "model"), 1);
	/* nothing changed: the model from the cache, every output the bytes
	 * of a run without the cache */
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: model from ");
	rs_assert_file_has(log, "stage model: from the cache");
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	assert_int_equal(rs_stage_ran(out, "report"), 1);
	snprintf(args, sizeof(args), "%s/out.txt", rs_tmp);
	rs_assert_file_has(args, "(data stages and model from the cache)");
	snprintf(args, sizeof(args), "run --force --output %s %s", ref, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(ref, "model"), 1);
	rs_assert_same_outputs(out, ref, 0);

	/* a report setting: the model still from the cache */
	snprintf(args, sizeof(args), "run --output %s %s", out, report_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "stage model: from the cache");
	snprintf(args, sizeof(args), "run --force --output %s %s", ref,
		 report_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_same_outputs(out, ref, 0);

	/* value labels: the report's alone, data and model from the cache */
	make_config("run_labels.ini", "value_labels = 1: Boy, 2: Girl",
		    "value_labels = 1: Boys, 2: Girls", report_ini,
		    sizeof(report_ini));
	snprintf(args, sizeof(args), "run --output %s %s", out, report_ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	snprintf(args, sizeof(args), "%s/report.html", out);
	rs_assert_file_has(args, "Girls");
	snprintf(args, sizeof(args), "run --force --output %s %s", ref,
		 report_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_same_outputs(out, ref, 0);

	/* a model setting: the data stages from the cache, the model reruns */
	snprintf(args, sizeof(args), "run --output %s %s", out, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: model not used (data or model settings "
			"changed)");
	rs_assert_file_has(log, "stage cohort: from the cache");
	assert_int_equal(rs_stage_ran(out, "model"), 1);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	snprintf(args, sizeof(args), "run --force --output %s %s", ref, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_same_outputs(out, ref, 0);
	/* ... and is cached again */
	snprintf(args, sizeof(args), "run --output %s %s", out, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	rs_assert_same_outputs(out, ref, 0);

	/* a corrupted models.bin is a miss, and the outputs are right */
	bin = (unsigned char *)ms_slurp(cache);
	f = fopen(cache, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 1000, SEEK_SET), 0);
	assert_true(fputc(0x5a ^ bin[1000], f) >= 0);
	fclose(f);
	free(bin);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: model not used (damaged: checksum)");
	assert_int_equal(rs_stage_ran(out, "model"), 1);
	rs_assert_same_outputs(out, ref, 0);
	/* models/ edited by hand: written anew from the cache */
	snprintf(args, sizeof(args), "%s/models/placement.csv", out);
	rs_write_text(args, "edited\n");
	snprintf(args, sizeof(args), "run --output %s %s", out, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	rs_assert_same_outputs(out, ref, 0);
	/* --force: not used */
	snprintf(args, sizeof(args), "run --force --output %s %s", out, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 1);
	rs_assert_same_outputs(out, ref, 0);
}

/* ---- interrupts ------------------------------------------------------------- */

/* The model stage polls before each fit: the third poll stops it with
 * two fits made and no model file written. */
/* A forced run hashes the caches' keys on a thread while the data stages
 * run (cmd_run.c, issue 19): the caches it saves are found by the next
 * run, which reads no stage (so the keys are the keys of the inputs), and
 * a --jobs 1 run, which hashes them first, saves the same caches. */
static void test_forced_run_keys(void **state)
{
	char ini[200], out[128], args[600], log[200];
	int jobs;

	(void)state;
	make_config("forced.ini", NULL, NULL, ini, sizeof(ini));
	for (jobs = 1; jobs <= 2; jobs++) {
		snprintf(out, sizeof(out), "%s/forced%d", rs_tmp, jobs);
		snprintf(log, sizeof(log), "%s/log.txt", out);
		snprintf(args, sizeof(args), "run --force --jobs %d --output %s %s",
			 jobs, out, ini);
		assert_int_equal(rs_kohort(args), 0);
		rs_assert_file_has(log, "cache: not used (--force)");
		snprintf(args, sizeof(args), "run --output %s %s", out, ini);
		assert_int_equal(rs_kohort(args), 0);
		rs_assert_file_has(log, "cache: link, derive, cohort and write "
					"from ");
		rs_assert_file_has(log, "cache: model from ");
		assert_int_equal(rs_stage_ran(out, "link"), 0);
		assert_int_equal(rs_stage_ran(out, "model"), 0);
	}
}

static void test_model_stage_stops(void **state)
{
	char *text = ms_example_with("");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;
	char dir[128], path[300];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/stop", rs_tmp);
	ko_err_clear(&err);
	assert_int_equal(ko_config_parse(&cfg, text, "example.ini", &err), KO_OK);
	ko_study_init(&s, cfg, dir);
	s.write_rejects = 0;
	assert_int_equal(ko_mkdirs(dir, &err), KO_OK);
	assert_int_equal(ko_study_link(&s, &err), KO_OK);
	assert_int_equal(ko_study_derive(&s, &err), KO_OK);
	assert_int_equal(ko_study_cohort(&s, &err), KO_OK);
	/* armed after the reads, which poll too */
	ko_interrupt_clear();
	ko_interrupt_after(3);
	assert_int_equal(ko_study_model(&s, &err), KO_ERR_STOPPED);
	assert_true(ko_interrupted());
	assert_string_equal(err.msg, "interrupted");
	assert_non_null(s.models);
	assert_int_equal(s.models->models[0].n_fits, 2);
	snprintf(path, sizeof(path), "%s/models/placement.csv", dir);
	assert_int_equal(access(path, F_OK), -1);
	ko_interrupt_clear();
	assert_false(ko_interrupted());
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	ms_remove_dir(dir);
}

/* kohort run in this process (stderr into rs_tmp/err_inproc.txt); returns
 * the exit status. */
static int kohort_here(const char *a1, const char *a2, const char *a3,
		       const char *a4)
{
	char *argv[6], path[160];
	char b[5][300];
	int saved, fd, rc;

	snprintf(b[0], sizeof(b[0]), "run");
	snprintf(b[1], sizeof(b[1]), "%s", a1);
	snprintf(b[2], sizeof(b[2]), "%s", a2);
	snprintf(b[3], sizeof(b[3]), "%s", a3);
	snprintf(b[4], sizeof(b[4]), "%s", a4);
	for (rc = 0; rc < 5; rc++)
		argv[rc] = b[rc];
	argv[5] = NULL;
	snprintf(path, sizeof(path), "%s/err_inproc.txt", rs_tmp);
	fflush(stderr);
	saved = dup(2);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	optind = 0; /* getopt starts afresh */
	rc = ko_cmd_run(5, argv);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

/* SIGINT during the model stage of `kohort run`: exit 130, the message,
 * every previous output (and cache) as it was, no temporary file left. */
static void test_run_interrupted_in_model(void **state)
{
	char ini[200], model_ini[200], out[128], cmd[700], sums[200];
	char *text;

	(void)state;
	make_config("int.ini", NULL, NULL, ini, sizeof(ini));
	make_config("int_model.ini", "se = cluster\ncluster = mother",
		    "se = robust", model_ini, sizeof(model_ini));
	snprintf(out, sizeof(out), "%s/int", rs_tmp);
	snprintf(sums, sizeof(sums), "%s/int_sums.txt", rs_tmp);
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cd %s && find . -type f | sort | xargs "
		 "sha256sum > %s", out, sums);
	assert_int_equal(system(cmd), 0);

	/* the data stages come from the cache and poll nothing: the second
	 * poll is the model stage's, before its second fit */
	ko_interrupt_clear();
	ko_interrupt_after(2);
	assert_int_equal(kohort_here("--quiet", "--output", out, model_ini),
			 KO_EXIT_INTERRUPTED);
	ko_interrupt_clear();
	snprintf(cmd, sizeof(cmd), "%s/err_inproc.txt", rs_tmp);
	text = ms_slurp(cmd);
	assert_string_equal(text, "kohort run: interrupted: previous outputs "
			    "left as they were\n");
	free(text);
	snprintf(cmd, sizeof(cmd), "cd %s && sha256sum -c --quiet %s && "
		 "test -z \"$(find . -name '.kohort-rs_tmp-*')\" && "
		 "test \"$(find . -type f | wc -l)\" = \"$(wc -l < %s)\"", out,
		 sums, sums);
	assert_int_equal(system(cmd), 0);
	/* the next run is complete */
	assert_int_equal(kohort_here("--quiet", "--output", out, model_ini), 0);
	snprintf(cmd, sizeof(cmd), "%s/log.txt", out);
	rs_assert_file_has(cmd, "stage model: ran");
}

static int setup(void **state)
{
	(void)state;
	gsl_set_error_handler_off();
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_modelcache_%d", (int)getpid());
	mkdir(rs_tmp, 0777);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", rs_tmp);
	return system(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_fits),
		cmocka_unit_test(test_round_trip_every_value),
		cmocka_unit_test(test_misses),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_labels_not_in_keys),
		cmocka_unit_test(test_run_twice),
		cmocka_unit_test(test_forced_run_keys),
		cmocka_unit_test(test_model_stage_stops),
		cmocka_unit_test(test_run_interrupted_in_model),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
