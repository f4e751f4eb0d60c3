/* model_cache.c - the model stage's results on disk (see model_cache.h).
 *
 * Every field of struct ko_model_result, ko_model_fit, ko_model_row,
 * ko_model_test, ko_model_effect and ko_model_effect_level is written in
 * declaration order: strings with their NULL-ness (ko_cache_put_str),
 * doubles as their bytes (NaN and -0 stay what they were), integers as 64
 * bits.  Both directions walk one descriptor per struct (row_fields and
 * the others: a field's kind comes from its type).  A field added to
 * model.h must be added to its descriptor here (and to the round-trip
 * test, tests/test_model_cache.c): on x86-64 the struct sizes below stop
 * the build until it is. */
#include "model_cache.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "model.h"

#define MAGIC "KOHORTM\x01"
#define FORMAT 5u /* 2: ko_model_row.separated, rr_separated; 3:
		     conf_low_log, conf_high_log; 4: person_years (rows and
		     fits), concordance, rate and its CI; 5: cox.zph (tests
		     and fits) */

#if defined(__x86_64__) && defined(__LP64__)
#define SIZE_IS(T, n) _Static_assert(sizeof(struct T) == (n), "model_cache.c: " \
	"a field of struct " #T " changed: update its descriptor below")
SIZE_IS(ko_model_row, 200);
SIZE_IS(ko_model_effect_level, 104);
SIZE_IS(ko_model_effect, 104);
SIZE_IS(ko_model_test, 80);
SIZE_IS(ko_model_fit, 352);
SIZE_IS(ko_model_result, 56);
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

/* ---- the fields, as one descriptor both directions walk --------------- */

/* A scalar field of a struct: its kind, from its type, and its offset.
 * Strings with their NULL-ness, doubles as their bytes (NaN and -0 stay
 * what they were), int and long as 64 signed bits, size_t as 64 unsigned
 * bits. */
enum kind { K_STR, K_INT, K_LONG, K_SIZE, K_DOUBLE };

struct field {
	enum kind kind;
	size_t off;
};

#define FIELD(T, f) { _Generic(((T *)0)->f, char *: K_STR, int: K_INT, \
			       long: K_LONG, size_t: K_SIZE,		 \
			       double: K_DOUBLE), offsetof(T, f) }
#define N_FIELDS(a) (sizeof(a) / sizeof((a)[0]))
#define ROW(f) FIELD(struct ko_model_row, f)
#define TEST(f) FIELD(struct ko_model_test, f)
#define LEVEL(f) FIELD(struct ko_model_effect_level, f)
#define EFFECT(f) FIELD(struct ko_model_effect, f)
#define FIT(f) FIELD(struct ko_model_fit, f)

static const struct field row_fields[] = {
	ROW(term), ROW(level), ROW(coef_name), ROW(reference), ROW(aliased),
	ROW(separated), ROW(rr_separated), ROW(estimate), ROW(std_error),
	ROW(statistic), ROW(p_value), ROW(effect), ROW(conf_low),
	ROW(conf_high), ROW(conf_low_log), ROW(conf_high_log), ROW(n),
	ROW(events), ROW(person_years), ROW(rate), ROW(rate_conf_low),
	ROW(rate_conf_high), ROW(risk_ratio), ROW(rr_std_error),
	ROW(rr_conf_low), ROW(rr_conf_high), ROW(rr_p_value),
};

static const struct field test_fields[] = {
	TEST(term), TEST(df), TEST(wald_chisq), TEST(wald_p_value),
	TEST(lr_df), TEST(lr_chisq), TEST(lr_p_value), TEST(zph_chisq),
	TEST(zph_df), TEST(zph_p_value),
};

static const struct field level_fields[] = {
	LEVEL(level), LEVEL(n), LEVEL(events), LEVEL(crude_risk),
	LEVEL(risk), LEVEL(risk_conf_low), LEVEL(risk_conf_high),
	LEVEL(risk_ratio), LEVEL(rr_conf_low), LEVEL(rr_conf_high),
	LEVEL(risk_difference), LEVEL(rd_conf_low), LEVEL(rd_conf_high),
};

/* An effect: its exposure, its levels (an array, between), the rest. */
static const struct field effect_fields[] = {
	EFFECT(n), EFFECT(events), EFFECT(observed_risk), EFFECT(has_paf),
	EFFECT(paf), EFFECT(paf_conf_low), EFFECT(paf_conf_high),
	EFFECT(attributable), EFFECT(attributable_conf_low),
	EFFECT(attributable_conf_high),
};

/* A fit: the head, its rows and tests (arrays, between), the tail, its
 * effect. */
static const struct field fit_head[] = {
	FIT(stratum), FIT(crude), FIT(exposure), FIT(formula), FIT(error),
};
static const struct field fit_tail[] = {
	FIT(n_input), FIT(n_missing), FIT(n_used), FIT(events),
	FIT(person_years), FIT(concordance), FIT(zph_chisq), FIT(zph_df),
	FIT(zph_p_value), FIT(n_coef), FIT(rank),
	FIT(deviance), FIT(null_deviance), FIT(df_residual), FIT(df_null),
	FIT(loglik), FIT(aic), FIT(bic), FIT(iterations), FIT(converged),
	FIT(separation), FIT(fitted_0_or_1), FIT(auc), FIT(auc_se),
	FIT(auc_conf_low), FIT(auc_conf_high), FIT(hl_chisq), FIT(hl_df),
	FIT(hl_p_value), FIT(warnings), FIT(rr_fitted), FIT(rr_iterations),
	FIT(rr_converged), FIT(rr_deviance), FIT(rr_fitted_above_1),
	FIT(rr_fitted_0),
};

static void put_fields(struct ko_cache_writer *w, const void *obj,
		       const struct field *fd, size_t n)
{
	const char *base = obj;
	size_t k;

	for (k = 0; k < n; k++) {
		const void *p = base + fd[k].off;

		switch (fd[k].kind) {
		case K_STR: ko_cache_put_str(w, *(char *const *)p); break;
		case K_INT: put_i(w, *(const int *)p); break;
		case K_LONG: put_i(w, *(const long *)p); break;
		case K_SIZE: ko_cache_put_u64(w, *(const size_t *)p); break;
		case K_DOUBLE: put_d(w, *(const double *)p); break;
		}
	}
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
		put_fields(w, &e->levels[k], level_fields,
			   N_FIELDS(level_fields));
	put_fields(w, e, effect_fields, N_FIELDS(effect_fields));
}

static void put_fit(struct ko_cache_writer *w, const struct ko_model_fit *f)
{
	size_t i;

	put_fields(w, f, fit_head, N_FIELDS(fit_head));
	ko_cache_put_u64(w, f->n_rows);
	for (i = 0; i < f->n_rows; i++)
		put_fields(w, &f->rows[i], row_fields, N_FIELDS(row_fields));
	ko_cache_put_u64(w, f->n_tests);
	for (i = 0; i < f->n_tests; i++)
		put_fields(w, &f->tests[i], test_fields, N_FIELDS(test_fields));
	put_fields(w, f, fit_tail, N_FIELDS(fit_tail));
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

static void get_fields(struct ko_cache_reader *r, void *obj,
		       const struct field *fd, size_t n)
{
	char *base = obj;
	size_t k;

	for (k = 0; k < n; k++) {
		void *p = base + fd[k].off;

		switch (fd[k].kind) {
		case K_STR: ko_cache_get_str(r, (char **)p); break;
		case K_INT: *(int *)p = get_int(r); break;
		case K_LONG: *(long *)p = get_long(r); break;
		case K_SIZE: *(size_t *)p = get_z(r); break;
		case K_DOUBLE: *(double *)p = get_d(r); break;
		}
	}
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
		get_fields(r, &e->levels[k], level_fields,
			   N_FIELDS(level_fields));
	get_fields(r, e, effect_fields, N_FIELDS(effect_fields));
	return e;
}

/* Into a zeroed fit; whatever was allocated is on it even when bad (the
 * counts say how much), so ko_model_results_free releases it. */
static void get_fit(struct ko_cache_reader *r, struct ko_model_fit *f)
{
	size_t i;

	get_fields(r, f, fit_head, N_FIELDS(fit_head));
	f->rows = get_n(r, &f->n_rows, sizeof(*f->rows));
	for (i = 0; !r->bad && i < f->n_rows; i++)
		get_fields(r, &f->rows[i], row_fields, N_FIELDS(row_fields));
	f->tests = get_n(r, &f->n_tests, sizeof(*f->tests));
	for (i = 0; !r->bad && i < f->n_tests; i++)
		get_fields(r, &f->tests[i], test_fields, N_FIELDS(test_fields));
	get_fields(r, f, fit_tail, N_FIELDS(fit_tail));
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
