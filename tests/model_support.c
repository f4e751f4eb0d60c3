/*
 * model_support.c - what the model-stage tests (test_model.c,
 * test_model_effects.c) share: reading R's and kohort's CSV files,
 * comparing numbers within MS_REL, and running the example study's stages
 * in-process on a config text.
 */
#include "model_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <unistd.h>

#include "outfile.h"

/* ---- helpers -------------------------------------------------------------- */

char *ms_slurp(const char *path)
{
	gzFile f = gzopen(path, "rb");
	size_t n = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	int got;

	assert_non_null(f);
	assert_non_null(buf);
	while ((got = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
		n += (size_t)got;
		if (cap - n < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	gzclose(f);
	buf[n] = '\0';
	return buf;
}

/* A CSV as written by R's fwrite(quote = TRUE) or by kohort: fields split
 * at commas outside quotes, quotes removed ("" inside is "). */
void ms_csv_read(const char *path, struct ms_csv *t)
{
	char *s, *w;
	size_t cap = 1024, n = 0, cols = 0;

	memset(t, 0, sizeof(*t));
	t->text = ms_slurp(path);
	t->cell = malloc(cap * sizeof(*t->cell));
	assert_non_null(t->cell);
	s = w = t->text;
	while (*s) {
		char *start = w;
		int quoted = 0;

		while (*s && (quoted || (*s != ',' && *s != '\n'))) {
			if (*s == '"') {
				if (quoted && s[1] == '"') {
					*w++ = '"';
					s += 2;
					continue;
				}
				quoted = !quoted;
				s++;
				continue;
			}
			*w++ = *s++;
		}
		if (n == cap) {
			cap *= 2;
			t->cell = realloc(t->cell, cap * sizeof(*t->cell));
			assert_non_null(t->cell);
		}
		t->cell[n++] = start;
		cols++;
		if (*s == '\n' || !*s) {
			if (!t->ncol)
				t->ncol = cols;
			assert_int_equal(cols, t->ncol);
			cols = 0;
		}
		if (*s)
			s++;
		*w++ = '\0';
		if (w > s) /* never: w trails s */
			fail();
	}
	t->nrow = n / t->ncol - 1;
}

void ms_csv_release(struct ms_csv *t)
{
	free(t->cell);
	free(t->text);
}

long ms_csv_col(const struct ms_csv *t, const char *name)
{
	size_t j;

	for (j = 0; j < t->ncol; j++)
		if (!strcmp(t->cell[j], name))
			return (long)j;
	print_error("no column %s\n", name);
	fail();
	return -1;
}

const char *ms_cell(const struct ms_csv *t, size_t row, const char *name)
{
	return t->cell[(row + 1) * t->ncol + (size_t)ms_csv_col(t, name)];
}

double ms_num(const struct ms_csv *t, size_t row, const char *name)
{
	const char *c = ms_cell(t, row, name);

	if (!*c || !strcmp(c, "NA"))
		return NAN;
	if (!strcmp(c, "Inf"))
		return INFINITY;
	if (!strcmp(c, "-Inf"))
		return -INFINITY;
	return strtod(c, NULL);
}

/* a and b both missing, or close. */
void ms_check_num(double got, double want, const char *what,
		      const char *key)
{
	if (isnan(want) || isnan(got)) {
		if (isnan(want) != isnan(got)) {
			print_error("%s of %s: %g, expected %g\n", what, key, got,
				    want);
			fail();
		}
		return;
	}
	if (!(fabs(got - want) <= MS_REL * fmax(fabs(want), 1e-300))) {
		print_error("%s of %s: %.17g, expected %.17g (R)\n", what, key,
			    got, want);
		fail();
	}
}

/* The example study's text with extra model sections after it. */
char *ms_example_with(const char *extra)
{
	char *text = ms_slurp("config/example.ini");
	char *out = malloc(strlen(text) + strlen(extra) + 2);

	assert_non_null(out);
	strcpy(out, text);
	strcat(out, "\n");
	strcat(out, extra);
	free(text);
	return out;
}

/* link, derive, cohort and model on a config text; returns the model
 * stage's status. */
enum ko_status ms_run_text(const char *text, const char *dir,
			       struct ko_study *s, struct ko_config **cfg,
			       struct ko_err *err)
{
	ko_err_clear(err);
	if (ko_config_parse(cfg, text, "example.ini", err)) {
		size_t i;

		for (i = 0; *cfg && i < (*cfg)->n_problems; i++)
			print_error("line %ld: %s\n", (*cfg)->problems[i].line,
				    (*cfg)->problems[i].msg);
		fail();
	}
	ko_study_init(s, *cfg, dir);
	s->write_rejects = 0;
	assert_int_equal(ko_mkdirs(dir, err), KO_OK);
	assert_int_equal(ko_study_link(s, err), KO_OK);
	assert_int_equal(ko_study_derive(s, err), KO_OK);
	assert_int_equal(ko_study_cohort(s, err), KO_OK);
	return ko_study_model(s, err);
}

void ms_remove_dir(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

const struct ko_model_result *ms_find_model(const struct ko_study *s,
						const char *name)
{
	size_t i;

	assert_non_null(s->models);
	for (i = 0; i < s->models->n_models; i++)
		if (!strcmp(s->models->models[i].cfg->name, name))
			return &s->models->models[i];
	print_error("no model %s\n", name);
	fail();
	return NULL;
}

/* The fit of (model, stratum, version, exposure). */
const struct ko_model_fit *ms_find_fit(const struct ko_study *s,
					   const char *model, const char *stratum,
					   const char *version,
					   const char *exposure)
{
	const struct ko_model_result *r = ms_find_model(s, model);
	int crude = !strcmp(version, "crude");
	size_t f;

	for (f = 0; f < r->n_fits; f++) {
		const struct ko_model_fit *fit = &r->fits[f];

		if (!strcmp(fit->stratum, stratum) && fit->crude == crude &&
		    (!crude || !strcmp(fit->exposure, exposure)))
			return fit;
	}
	print_error("no fit %s %s %s %s\n", model, stratum, version, exposure);
	fail();
	return NULL;
}


double ms_uniform(uint64_t *state)
{
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	return (double)(*state >> 11) / 9007199254740992.0;
}

/* ---- the example study for a group of tests --------------------------------- */

int ms_example_setup(void **state, char *text, const char *tag)
{
	struct example *e = calloc(1, sizeof(*e));
	struct ko_err err;

	gsl_set_error_handler_off();
	if (!e || !text) {
		free(e);
		free(text);
		return -1;
	}
	e->text = text;
	snprintf(e->dir, sizeof(e->dir), "/tmp/ko_%s_%d", tag, (int)getpid());
	if (ms_run_text(e->text, e->dir, &e->s, &e->cfg, &err)) {
		print_error("model stage: %s\n", err.msg);
		return -1;
	}
	*state = e;
	return 0;
}

int ms_example_teardown(void **state)
{
	struct example *e = *state;

	ko_study_release(&e->s);
	ko_config_free(e->cfg);
	free(e->text);
	ms_remove_dir(e->dir);
	free(e);
	return 0;
}

const struct ko_model_row *ms_find_row(const struct ko_study *s,
				       const struct ms_csv *t, size_t i,
				       char *key, size_t size)
{
	const char *model = ms_cell(t, i, "model"), *stratum = ms_cell(t, i, "stratum"),
		   *version = ms_cell(t, i, "version"), *term = ms_cell(t, i, "term"),
		   *level = ms_cell(t, i, "level");
	const struct ko_model_fit *fit = ms_find_fit(s, model, stratum, version, term);
	size_t r;

	snprintf(key, size, "%s/%s/%s/%s/%s", model, stratum, version, term, level);
	for (r = 0; r < fit->n_rows; r++)
		if (!strcmp(fit->rows[r].term, term) &&
		    !strcmp(fit->rows[r].level, level))
			return &fit->rows[r];
	print_error("no row %s\n", key);
	fail();
	return NULL;
}
