/*
 * model_support.h - helpers shared by the model-stage tests (see
 * model_support.c).  Numbers are compared within MS_REL relative.
 */
#ifndef KO_MODEL_SUPPORT_H
#define KO_MODEL_SUPPORT_H

#include "ko_test.h"

#include <stdint.h>

#include "config.h"
#include "model.h"
#include "study.h"

#define MS_REL 1e-6

struct ms_csv {
	size_t nrow, ncol;
	char **cell;  /* (nrow + 1) x ncol, the header first */
	char *text;
};

char *ms_slurp(const char *path);

/* A deterministic uniform number in [0, 1) (a 64-bit LCG, 53 bits), for
 * synthetic test data. */
double ms_uniform(uint64_t *state);

void ms_csv_read(const char *path, struct ms_csv *t);

void ms_csv_release(struct ms_csv *t);

long ms_csv_col(const struct ms_csv *t, const char *name);

const char *ms_cell(const struct ms_csv *t, size_t row, const char *name);

double ms_num(const struct ms_csv *t, size_t row, const char *name);

void ms_check_num(double got, double want, const char *what,
		      const char *key);

char *ms_example_with(const char *extra);

enum ko_status ms_run_text(const char *text, const char *dir,
			       struct ko_study *s, struct ko_config **cfg,
			       struct ko_err *err);

void ms_remove_dir(const char *dir);

/* A study run in-process for a group of tests (the state of its setup and
 * teardown): the study after its stages, its config, the config text and
 * the output folder. */
struct example {
	struct ko_study s;
	struct ko_config *cfg;
	char *text;
	char dir[64];
};

/* A group setup: run the config text (owned: freed at teardown; NULL
 * fails the setup) into /tmp/ko_TAG_PID and put the example in *state.
 * GSL's error handler is turned off (errors come back as statuses). */
int ms_example_setup(void **state, char *text, const char *tag);

/* The group teardown of ms_example_setup: the study, config, text and
 * output folder released. */
int ms_example_teardown(void **state);

/* The model row of fixture row i (columns model, stratum, version, term,
 * level; a crude fit found by its term, each crude fit having one
 * exposure), its key "model/stratum/version/term/level" into key; fails
 * the test when there is none. */
const struct ko_model_row *ms_find_row(const struct ko_study *s,
				       const struct ms_csv *t, size_t i,
				       char *key, size_t size);

const struct ko_model_result *ms_find_model(const struct ko_study *s,
						const char *name);

const struct ko_model_fit *ms_find_fit(const struct ko_study *s,
					   const char *model, const char *stratum,
					   const char *version,
					   const char *exposure);

#endif
