/*
 * model_impl.h - what the model stage's files share, for model.c,
 * model_data.c and model_output.c only (model.h is the stage's interface):
 * the columns a model's designs read and its strata.
 */
#ifndef KO_MODEL_IMPL_H
#define KO_MODEL_IMPL_H

#include <stddef.h>

#include "config.h"
#include "design.h"
#include "error.h"
#include "study.h"

/* The columns a model's designs read, indexed by child. */
struct model_data {
	const struct ko_study *s;
	const struct ko_cfg_model *m;
	struct ko_design_column *cols;
	size_t n_cols;
	const char ***text;        /* per column: owned label pointers */
	unsigned char *base;       /* cohort member and in the subgroup */
	unsigned char *keep;       /* base and in the current stratum */
	const char **required;     /* names of every model variable */
	size_t n_required;
	/* The design's rows: the children, or with split_age the pieces of
	 * their follow-up (model_data_split), a child's pieces in a row. */
	size_t n_rows;
	size_t *row_child;         /* split: each row's child; NULL: row c
				      is child c */
	unsigned char *row_keep;   /* split: keep of each row's child */
	double **own_num;          /* split: per column, the owned copy */
	/* family = cox or poisson_rate: per row, the follow-up's event (the
	 * design's outcome column "fu_event", NaN without follow-up) and its
	 * (entry, exit] on the time scale, age in days */
	double *fu_event, *fu_start, *fu_stop;
	double *age_band;          /* split: the band's first birthday */
	const char **period;       /* split_period: each row's calendar
				      period (its label in the config) */
	int late_entry;            /* 1: some row starts after birth */
};

/* The age-band term of a split model. */
#define MODEL_AGE_BAND_COLUMN "age_band"

/* The calendar-period term of a split model (split_period). */
#define MODEL_PERIOD_COLUMN "period"

/* The outcome column of a time-to-event model's design. */
#define MODEL_EVENT_COLUMN "fu_event"

/* A level of the model's strata variable. */
struct stratum {
	char label[256];  /* level as printed */
	double num;       /* numeric level */
};

/* model.c: the reference level of factor v in model m (the model's, else
 * the variable's, else NULL: the first level, as R); whether v is a factor
 * is ko_cfg_model_is_factor (config.h). */
const char *model_reference_of(const struct ko_config *cfg,
			       const struct ko_cfg_model *m, size_t v);

/* model_data.c: the columns of every variable of model m, base = members
 * in the subgroup (model_data_release frees them); the outcome is 0 or 1
 * (or missing) for every child in the model; the distinct levels of the
 * strata variable among base children, sorted (numbers numerically, labels
 * by strcmp), one "all" stratum when the model has none; keep = base
 * children in stratum st. */
enum ko_status model_data_init(struct model_data *md, const struct ko_study *s,
			       const struct ko_cfg_model *m, struct ko_err *err);
void model_data_release(struct model_data *md);
enum ko_status model_check_outcome(const struct model_data *md,
				   struct ko_err *err);
enum ko_status model_find_strata(struct model_data *md, struct stratum **out,
				 size_t *n_out, size_t *n_missing,
				 struct ko_err *err);
void model_select_stratum(struct model_data *md, const struct stratum *st);

/* The child of design row r. */
static inline size_t model_row_child(const struct model_data *md, size_t r)
{
	return md->row_child ? md->row_child[r] : r;
}

#endif
