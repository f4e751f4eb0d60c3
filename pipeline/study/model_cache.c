/* model_cache.c - the model stage's results on disk (see model_cache.h).
 *
 * Every field of struct ko_model_result, ko_model_fit, ko_model_row,
 * ko_model_test, ko_model_effect and ko_model_effect_level is written in
 * declaration order: strings with their NULL-ness (ko_cache_put_str),
 * doubles as their bytes (NaN and -0 stay what they were), integers as 64
 * bits.  A field added to model.h must be added to put_* and get_* here
 * (and to the round-trip test, tests/test_model_cache.c): on x86-64 the
 * struct sizes below stop the build until it is. */
#include "model_cache.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "model.h"

#define MAGIC "KOHORTM\x01"
#define FORMAT 4u /* 2: ko_model_row.separated, rr_separated; 3:
		     conf_low_log, conf_high_log; 4: person_years (rows and
		     fits), concordance, rate and its CI */

#if defined(__x86_64__) && defined(__LP64__)
_Static_assert(sizeof(struct ko_model_row) == 200, "model_cache.c: a field of "
	       "struct ko_model_row changed: update put_row/get_row");
_Static_assert(sizeof(struct ko_model_effect_level) == 104, "model_cache.c: "
	       "a field of struct ko_model_effect_level changed");
_Static_assert(sizeof(struct ko_model_effect) == 104, "model_cache.c: a "
	       "field of struct ko_model_effect changed");
_Static_assert(sizeof(struct ko_model_test) == 56, "model_cache.c: a field "
	       "of struct ko_model_test changed");
_Static_assert(sizeof(struct ko_model_fit) == 328, "model_cache.c: a field "
	       "of struct ko_model_fit changed: update put_fit/get_fit");
_Static_assert(sizeof(struct ko_model_result) == 56, "model_cache.c: a "
	       "field of struct ko_model_result changed");
#endif

/* ---- key -------------------------------------------------------------- */

static int model_entry(const char *section, const char *name)
{
	(void)name;
	return !strncmp(section, "model ", 6);
}

enum ko_status ko_model_cache_key(const char *cfg_path, const char *data_key,
				  char key[KO_SHA256_HEX], struct ko_err *err)
{
	char prefix[7 + KO_SHA256_HEX];

	memcpy(prefix, "models", 7);
	memcpy(prefix + 7, data_key, KO_SHA256_HEX);
	return ko_cache_key_entries(cfg_path, prefix, sizeof(prefix),
				    model_entry, key, err);
}

static void cache_path(const struct ko_study *s, char *path, size_t size)
{
	snprintf(path, size, "%s/.cache/models.bin", s->out_dir);
}

/* ---- writing -------------------------------------------------------------- */

static void put_d(struct ko_cache_writer *w, double v)
{
	ko_cache_put(w, &v, sizeof(v));
}

static void put_i(struct ko_cache_writer *w, long long v)
{
	int64_t x = (int64_t)v;

	ko_cache_put(w, &x, sizeof(x));
}

static void put_row(struct ko_cache_writer *w, const struct ko_model_row *r)
{
	ko_cache_put_str(w, r->term);
	ko_cache_put_str(w, r->level);
	ko_cache_put_str(w, r->coef_name);
	put_i(w, r->reference);
	put_i(w, r->aliased);
	put_i(w, r->separated);
	put_i(w, r->rr_separated);
	put_d(w, r->estimate);
	put_d(w, r->std_error);
	put_d(w, r->statistic);
	put_d(w, r->p_value);
	put_d(w, r->effect);
	put_d(w, r->conf_low);
	put_d(w, r->conf_high);
	put_d(w, r->conf_low_log);
	put_d(w, r->conf_high_log);
	put_i(w, r->n);
	put_i(w, r->events);
	put_d(w, r->person_years);
	put_d(w, r->rate);
	put_d(w, r->rate_conf_low);
	put_d(w, r->rate_conf_high);
	put_d(w, r->risk_ratio);
	put_d(w, r->rr_std_error);
	put_d(w, r->rr_conf_low);
	put_d(w, r->rr_conf_high);
	put_d(w, r->rr_p_value);
}

static void put_test(struct ko_cache_writer *w, const struct ko_model_test *t)
{
	ko_cache_put_str(w, t->term);
	put_d(w, t->df);
	put_d(w, t->wald_chisq);
	put_d(w, t->wald_p_value);
	put_d(w, t->lr_df);
	put_d(w, t->lr_chisq);
	put_d(w, t->lr_p_value);
}

static void put_level(struct ko_cache_writer *w,
		      const struct ko_model_effect_level *l)
{
	ko_cache_put_str(w, l->level);
	put_i(w, l->n);
	put_i(w, l->events);
	put_d(w, l->crude_risk);
	put_d(w, l->risk);
	put_d(w, l->risk_conf_low);
	put_d(w, l->risk_conf_high);
	put_d(w, l->risk_ratio);
	put_d(w, l->rr_conf_low);
	put_d(w, l->rr_conf_high);
	put_d(w, l->risk_difference);
	put_d(w, l->rd_conf_low);
	put_d(w, l->rd_conf_high);
}

/* 0: no effect; else 1 and the effect. */
static void put_effect(struct ko_cache_writer *w,
		       const struct ko_model_effect *e)
{
	size_t k;

	ko_cache_put_u64(w, e != NULL);
	if (!e)
		return;
	ko_cache_put_str(w, e->exposure);
	ko_cache_put_u64(w, e->n_levels);
	for (k = 0; k < e->n_levels; k++)
		put_level(w, &e->levels[k]);
	put_i(w, e->n);
	put_i(w, e->events);
	put_d(w, e->observed_risk);
	put_i(w, e->has_paf);
	put_d(w, e->paf);
	put_d(w, e->paf_conf_low);
	put_d(w, e->paf_conf_high);
	put_d(w, e->attributable);
	put_d(w, e->attributable_conf_low);
	put_d(w, e->attributable_conf_high);
}

static void put_fit(struct ko_cache_writer *w, const struct ko_model_fit *f)
{
	size_t i;

	ko_cache_put_str(w, f->stratum);
	put_i(w, f->crude);
	ko_cache_put_str(w, f->exposure);
	ko_cache_put_str(w, f->formula);
	ko_cache_put_str(w, f->error);
	ko_cache_put_u64(w, f->n_rows);
	for (i = 0; i < f->n_rows; i++)
		put_row(w, &f->rows[i]);
	ko_cache_put_u64(w, f->n_tests);
	for (i = 0; i < f->n_tests; i++)
		put_test(w, &f->tests[i]);
	ko_cache_put_u64(w, f->n_input);
	ko_cache_put_u64(w, f->n_missing);
	ko_cache_put_u64(w, f->n_used);
	put_i(w, f->events);
	put_d(w, f->person_years);
	put_d(w, f->concordance);
	ko_cache_put_u64(w, f->n_coef);
	ko_cache_put_u64(w, f->rank);
	put_d(w, f->deviance);
	put_d(w, f->null_deviance);
	put_d(w, f->df_residual);
	put_d(w, f->df_null);
	put_d(w, f->loglik);
	put_d(w, f->aic);
	put_d(w, f->bic);
	put_i(w, f->iterations);
	put_i(w, f->converged);
	put_i(w, f->separation);
	ko_cache_put_u64(w, f->fitted_0_or_1);
	put_d(w, f->auc);
	put_d(w, f->auc_se);
	put_d(w, f->auc_conf_low);
	put_d(w, f->auc_conf_high);
	put_d(w, f->hl_chisq);
	put_d(w, f->hl_df);
	put_d(w, f->hl_p_value);
	ko_cache_put_str(w, f->warnings);
	put_i(w, f->rr_fitted);
	put_i(w, f->rr_iterations);
	put_i(w, f->rr_converged);
	put_d(w, f->rr_deviance);
	ko_cache_put_u64(w, f->rr_fitted_above_1);
	ko_cache_put_u64(w, f->rr_fitted_0);
	put_effect(w, f->effect);
}

/* cfg is saved as the model's name (checked against the config's on
 * load), the labels as text (checked against ko_model_result_init's). */
static void put_result(struct ko_cache_writer *w,
		       const struct ko_model_result *r)
{
	size_t f;

	ko_cache_put_str(w, r->cfg->name);
	ko_cache_put_str(w, r->se_label);
	ko_cache_put_str(w, r->ci_label);
	ko_cache_put_u64(w, r->n_fits);
	for (f = 0; f < r->n_fits; f++)
		put_fit(w, &r->fits[f]);
	ko_cache_put_u64(w, r->n_no_stratum);
}

enum ko_status ko_model_cache_save(const struct ko_study *s, const char *key,
				   struct ko_err *err)
{
	const struct ko_model_results *r = s->models;
	struct ko_cache_writer w;
	char path[4400];
	enum ko_status st;
	size_t i;

	if (!r)
		return KO_OK;
	cache_path(s, path, sizeof(path));
	st = ko_cache_write_begin(&w, path, MAGIC, FORMAT, key, err);
	if (st)
		return st;
	ko_cache_put_u64(&w, r->n_models);
	for (i = 0; i < r->n_models; i++)
		put_result(&w, &r->models[i]);
	return ko_cache_write_end(&w, err);
}

/* ---- reading -------------------------------------------------------------- */

static double get_d(struct ko_cache_reader *r)
{
	double v = 0;

	ko_cache_get(r, &v, sizeof(v));
	return v;
}

/* A 64-bit integer that must lie in [lo, hi] (else r->bad). */
static long long get_i(struct ko_cache_reader *r, long long lo, long long hi)
{
	int64_t v = 0;

	ko_cache_get(r, &v, sizeof(v));
	if (v < lo || v > hi)
		r->bad = 1;
	return r->bad ? 0 : (long long)v;
}

static int get_int(struct ko_cache_reader *r)
{
	return (int)get_i(r, INT_MIN, INT_MAX);
}

static long get_long(struct ko_cache_reader *r)
{
	return (long)get_i(r, LONG_MIN, LONG_MAX);
}

static size_t get_z(struct ko_cache_reader *r)
{
	uint64_t v = ko_cache_get_u64(r);

	if (v > SIZE_MAX)
		r->bad = 1;
	return r->bad ? 0 : (size_t)v;
}

/* A count of elements that each take at least one byte of what is left,
 * and a new zeroed array of them (NULL when n is 0 or bad). */
static void *get_n(struct ko_cache_reader *r, size_t *n, size_t elem)
{
	void *a;

	*n = get_z(r);
	if (r->bad || *n > (size_t)(r->end - r->p)) {
		r->bad = 1;
		*n = 0;
		return NULL;
	}
	if (!*n)
		return NULL;
	a = calloc(*n, elem);
	if (!a) {
		r->bad = 1;
		*n = 0;
	}
	return a;
}

static void get_row(struct ko_cache_reader *r, struct ko_model_row *w)
{
	ko_cache_get_str(r, &w->term);
	ko_cache_get_str(r, &w->level);
	ko_cache_get_str(r, &w->coef_name);
	w->reference = get_int(r);
	w->aliased = get_int(r);
	w->separated = get_int(r);
	w->rr_separated = get_int(r);
	w->estimate = get_d(r);
	w->std_error = get_d(r);
	w->statistic = get_d(r);
	w->p_value = get_d(r);
	w->effect = get_d(r);
	w->conf_low = get_d(r);
	w->conf_high = get_d(r);
	w->conf_low_log = get_d(r);
	w->conf_high_log = get_d(r);
	w->n = get_long(r);
	w->events = get_long(r);
	w->person_years = get_d(r);
	w->rate = get_d(r);
	w->rate_conf_low = get_d(r);
	w->rate_conf_high = get_d(r);
	w->risk_ratio = get_d(r);
	w->rr_std_error = get_d(r);
	w->rr_conf_low = get_d(r);
	w->rr_conf_high = get_d(r);
	w->rr_p_value = get_d(r);
}

static void get_test(struct ko_cache_reader *r, struct ko_model_test *t)
{
	ko_cache_get_str(r, &t->term);
	t->df = get_d(r);
	t->wald_chisq = get_d(r);
	t->wald_p_value = get_d(r);
	t->lr_df = get_d(r);
	t->lr_chisq = get_d(r);
	t->lr_p_value = get_d(r);
}

static void get_level(struct ko_cache_reader *r,
		      struct ko_model_effect_level *l)
{
	ko_cache_get_str(r, &l->level);
	l->n = get_long(r);
	l->events = get_long(r);
	l->crude_risk = get_d(r);
	l->risk = get_d(r);
	l->risk_conf_low = get_d(r);
	l->risk_conf_high = get_d(r);
	l->risk_ratio = get_d(r);
	l->rr_conf_low = get_d(r);
	l->rr_conf_high = get_d(r);
	l->risk_difference = get_d(r);
	l->rd_conf_low = get_d(r);
	l->rd_conf_high = get_d(r);
}

/* The effect of a fit, or NULL (none, or bad). */
static struct ko_model_effect *get_effect(struct ko_cache_reader *r)
{
	uint64_t present = ko_cache_get_u64(r);
	struct ko_model_effect *e;
	size_t k;

	if (r->bad || present > 1)
		r->bad = 1;
	if (r->bad || !present)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e) {
		r->bad = 1;
		return NULL;
	}
	ko_cache_get_str(r, &e->exposure);
	e->levels = get_n(r, &e->n_levels, sizeof(*e->levels));
	for (k = 0; !r->bad && k < e->n_levels; k++)
		get_level(r, &e->levels[k]);
	e->n = get_long(r);
	e->events = get_long(r);
	e->observed_risk = get_d(r);
	e->has_paf = get_int(r);
	e->paf = get_d(r);
	e->paf_conf_low = get_d(r);
	e->paf_conf_high = get_d(r);
	e->attributable = get_d(r);
	e->attributable_conf_low = get_d(r);
	e->attributable_conf_high = get_d(r);
	return e;
}

/* Into a zeroed fit; whatever was allocated is on it even when bad (the
 * counts say how much), so ko_model_results_free releases it. */
static void get_fit(struct ko_cache_reader *r, struct ko_model_fit *f)
{
	size_t i;

	ko_cache_get_str(r, &f->stratum);
	f->crude = get_int(r);
	ko_cache_get_str(r, &f->exposure);
	ko_cache_get_str(r, &f->formula);
	ko_cache_get_str(r, &f->error);
	f->rows = get_n(r, &f->n_rows, sizeof(*f->rows));
	for (i = 0; !r->bad && i < f->n_rows; i++)
		get_row(r, &f->rows[i]);
	f->tests = get_n(r, &f->n_tests, sizeof(*f->tests));
	for (i = 0; !r->bad && i < f->n_tests; i++)
		get_test(r, &f->tests[i]);
	f->n_input = get_z(r);
	f->n_missing = get_z(r);
	f->n_used = get_z(r);
	f->events = get_long(r);
	f->person_years = get_d(r);
	f->concordance = get_d(r);
	f->n_coef = get_z(r);
	f->rank = get_z(r);
	f->deviance = get_d(r);
	f->null_deviance = get_d(r);
	f->df_residual = get_d(r);
	f->df_null = get_d(r);
	f->loglik = get_d(r);
	f->aic = get_d(r);
	f->bic = get_d(r);
	f->iterations = get_int(r);
	f->converged = get_int(r);
	f->separation = get_int(r);
	f->fitted_0_or_1 = get_z(r);
	f->auc = get_d(r);
	f->auc_se = get_d(r);
	f->auc_conf_low = get_d(r);
	f->auc_conf_high = get_d(r);
	f->hl_chisq = get_d(r);
	f->hl_df = get_d(r);
	f->hl_p_value = get_d(r);
	ko_cache_get_str(r, &f->warnings);
	f->rr_fitted = get_int(r);
	f->rr_iterations = get_int(r);
	f->rr_converged = get_int(r);
	f->rr_deviance = get_d(r);
	f->rr_fitted_above_1 = get_z(r);
	f->rr_fitted_0 = get_z(r);
	f->effect = get_effect(r);
	/* what the writers and the report rely on */
	if (!f->stratum || !f->formula || !f->warnings ||
	    (f->crude && !f->exposure))
		r->bad = 1;
	for (i = 0; !r->bad && i < f->n_rows; i++)
		if (!f->rows[i].term || !f->rows[i].level)
			r->bad = 1;
	for (i = 0; !r->bad && i < f->n_tests; i++)
		if (!f->tests[i].term)
			r->bad = 1;
	if (!r->bad && f->effect) {
		if (!f->effect->exposure)
			r->bad = 1;
		for (i = 0; !r->bad && i < f->effect->n_levels; i++)
			if (!f->effect->levels[i].level)
				r->bad = 1;
	}
}

/* Whether a text read equals want (both may be NULL only together). */
static int same_text(struct ko_cache_reader *r, const char *want)
{
	char *got = NULL;
	int same;

	ko_cache_get_str(r, &got);
	same = !r->bad && got && want && !strcmp(got, want);
	free(got);
	return same;
}

/* Model m of the config, result fields into res (set up for m). */
static void get_result(struct ko_cache_reader *r, const struct ko_cfg_model *m,
		       struct ko_model_result *res)
{
	size_t f;

	ko_model_result_init(res, m);
	if (!same_text(r, m->name) || !same_text(r, res->se_label) ||
	    !same_text(r, res->ci_label)) {
		r->bad = 1;
		return;
	}
	res->fits = get_n(r, &res->n_fits, sizeof(*res->fits));
	for (f = 0; !r->bad && f < res->n_fits; f++)
		get_fit(r, &res->fits[f]);
	res->n_no_stratum = get_z(r);
}

enum ko_status ko_model_cache_load(struct ko_study *s, const char *key,
				   int *hit, char *why, size_t why_size,
				   struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct ko_cache_reader r;
	struct ko_model_results *res = NULL;
	char path[4400];
	size_t i;

	(void)err;
	*hit = 0;
	cache_path(s, path, sizeof(path));
	if (!ko_cache_read_begin(&r, path, MAGIC, FORMAT, key,
				 "data or model settings changed", why,
				 why_size)) {
		ko_cache_read_release(&r);
		return KO_OK;
	}
	if (ko_cache_get_u64(&r) != cfg->n_models || !cfg->n_models)
		r.bad = 1;
	if (!r.bad && (!(res = calloc(1, sizeof(*res))) ||
		       !(res->models = calloc(cfg->n_models,
					      sizeof(*res->models)))))
		r.bad = 1;
	for (i = 0; !r.bad && i < cfg->n_models; i++) {
		res->n_models++;
		get_result(&r, &cfg->models[i], &res->models[i]);
	}
	if (!ko_cache_read_ok(&r)) {
		snprintf(why, why_size, "damaged: contents");
		ko_model_results_free(res);
	} else {
		ko_model_results_attach(s, res);
		*hit = 1;
	}
	ko_cache_read_release(&r);
	return KO_OK;
}
