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

const struct ko_model_result *ms_find_model(const struct ko_study *s,
						const char *name);

const struct ko_model_fit *ms_find_fit(const struct ko_study *s,
					   const char *model, const char *stratum,
					   const char *version,
					   const char *exposure);

#endif
