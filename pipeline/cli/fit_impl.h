/*
 * fit_impl.h - what `kohort fit`'s three files share: the options
 * (fit_args.c parses them), the table read from the data file and the
 * columns' roles (fit_data.c reads the file and builds the design).
 * Private to pipeline/cli/cmd_fit.c, fit_args.c and fit_data.c.
 */
#ifndef KO_FIT_IMPL_H
#define KO_FIT_IMPL_H

#include <stddef.h>

#include "design.h"
#include "family.h"
#include "formula.h"
#include "logit.h"
#include "margins.h"
#include "reader.h"

enum se_type { SE_MODEL, SE_ROBUST, SE_CLUSTER };

#define KO_FIT_MAX_STRATA 8 /* strata() terms in one Cox formula */
enum tests { TESTS_NONE = 0, TESTS_WALD = 1, TESTS_LR = 2 };
enum effects { EFFECT_OR = 1, EFFECT_RR = 2, EFFECT_RD = 4, EFFECT_PAF = 8 };

struct fit_args {
	const char *data, *formula, *weights, *cluster, *stats;
	const char *exposure;  /* --exposure: term for rr/rd/paf margins */
	int effects;           /* --effect: enum effects bits */
	enum se_type se;
	enum ko_logit_hc_type hc;
	int hc_given, se_given, firth, profile, tests, max_iter, hl_groups, timing;
	const struct ko_family *family; /* --family (--firth: firth) */
	int threads;           /* --threads: 0 = every online processor */
	double level;
	char delimiter, decimal;
	const char *missing[KO_READER_MAX_MISSING];
	size_t n_missing;
	/* --family cox: Surv(time, event) or Surv(start, stop, event) on the
	 * left of --formula; formula is then "event ~ ..." (surv_text owns
	 * it and the three names) */
	int surv;              /* 0, or 2 / 3 arguments */
	const char *surv_start, *surv_time, *surv_event;
	char *surv_text;
	/* strata(NAME) terms of a Cox formula, taken out of it: each
	 * combination of their values is a stratum (coxph's strata()) */
	size_t n_strata;
	char *strata[KO_FIT_MAX_STRATA];
	int ties;              /* --ties: KO_FAMILY_TIES_* */
	int ties_given;
	/* --offset COL or --offset log(COL): the column added to the linear
	 * predictor (R's offset =), or its log (offset(log(COL))) */
	const char *offset;
	char *offset_col;      /* the column's name (owned) */
	int offset_log;
	int zph;               /* --zph: cox.zph's table (cox only) */
};

/* A text column kept while reading: strings in one arena. */
struct text_col {
	char *arena;
	size_t used, cap;
	size_t *off;          /* per row; SIZE_MAX = missing */
};

struct table;
struct roles;

struct read_ctx {
	struct table *t;
	const struct roles *roles;
	const struct ko_formula *f;
	const char *path;
	char decimal;
	int surv;             /* fit_args.surv */
	int counts;           /* the outcome is a count (poisson_rate) */
	int offset_log;       /* the offset column is log()'d: must be > 0 */
};

/* Everything read from the file. */
struct table {
	size_t n, cap;        /* rows stored */
	size_t n_cols;        /* selected columns */
	enum ko_type *type;   /* per column: NUM or TEXT */
	double **num;         /* NUM columns */
	struct text_col *text;/* TEXT columns */
	/* plain path: rows go straight into x (p per row) and y */
	int plain;
	size_t p;
	double *x, *y, *w;
	struct text_col cl;
	size_t n_missing;     /* plain path: rows dropped while reading */
	size_t *data_row;     /* plain path, when a message may have to name
				 a row (--exposure): each stored row's data
				 row (record number - 2); else NULL.  The
				 table and d->rows index stored rows. */
	int want_rows;
	/* first rejected row, reported as the error */
	int rejected;
	long reject_row;
	char reject_col[KO_ERR_COLUMN_MAX];
	char reject_msg[256];
};

/* Column roles: index in the selection. */
struct roles {
	size_t n;
	const char **names;   /* selection order, borrowed */
	long response, weights, cluster;
	long time, start;     /* Surv()'s time (stop) and start, or -1 */
	long offset;          /* --offset's column, or -1 */
	long strata[KO_FIT_MAX_STRATA]; /* strata() columns (text) */
	size_t n_strata;
	long *var_col;        /* per formula variable */
};


/* Per used row: weights, and cluster ids as dense numbers. */
struct extras {
	double *w;
	long *cluster;
	double *time, *start;  /* Surv(): per used row, or NULL */
	int *status;
	long *strata;          /* strata(): per used row, or NULL */
	double *offset;        /* --offset: per used row (log taken), or NULL */
};

/* The exposure of --effect rr/rd/paf: its design columns and levels. */
struct exposure_plan {
	int on;
	const char *label;      /* the term's label (borrowed from the design) */
	struct ko_margins_exposure ex;
	double *values;         /* n_levels x ncols */
	char **labels;          /* n_levels level labels */
};

/* ---- fit_args.c: the options ------------------------------------------ */

/* Parses argv into *a: -1 to go on and fit, else the exit code to return
 * (usage printed, or an error reported); fit_release_args either way. */
int fit_parse_args(int argc, char **argv, struct fit_args *a);
void fit_release_args(struct fit_args *a);

/* ---- fit_data.c: reading the file and building the design ------------ */

enum ko_status fit_read_data(const struct fit_args *a,
			const struct ko_formula *f, struct roles *r,
			struct table *t, struct ko_err *err);
enum ko_status fit_build_design(const struct fit_args *a,
			const struct ko_formula *f, const struct roles *r,
			struct table *t, struct ko_design **d,
			struct ko_err *err);
enum ko_status fit_gather_extras(const struct fit_args *a,
			const struct roles *r, const struct table *t,
			const struct ko_design *d, struct extras *e,
			struct ko_err *err);
void fit_table_release(struct table *t);
enum ko_status fit_plan_exposure(const struct fit_args *a,
			const struct ko_formula *f, const struct roles *r,
			const struct table *t, const struct ko_design *d,
			struct exposure_plan *xp, struct ko_err *err);
void fit_exposure_release(struct exposure_plan *xp);

#endif
