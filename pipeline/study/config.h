/*
 * config.h - a study config: the INI file of docs/config.md, parsed with
 * inih, checked as a whole and resolved (names -> indices) so that later
 * stages never look anything up by name.
 *
 *     struct ko_config *cfg;
 *     if (ko_config_load(&cfg, "config/example.ini", err)) { print problems }
 *
 * Every problem found is kept (file, line, message) in cfg->problems, in
 * line order; loading fails with KO_ERR_CONFIG when there is at least one,
 * and err then describes the first.  On KO_ERR_CONFIG *out is still set so
 * that the caller can list every problem; on other errors it is NULL.
 *
 * Ownership: the config owns every string and array in it; ko_config_free
 * releases all.  Nothing in it is changed after loading.
 */
#ifndef KO_CONFIG_H
#define KO_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "codes.h"
#include "error.h"
#include "reader.h"

#define KO_CFG_MAX_LIST 64   /* columns, values, windows ... per key */
#define KO_CFG_MAX_EXTRACTS 64 /* [extract] sections */

struct ko_cfg_problem {
	long line;
	char msg[512];
};

struct ko_cfg_column {
	char *name;
	enum ko_type type;
	const char *missing[KO_READER_MAX_MISSING];
	size_t n_missing;
	long line;
};

struct ko_cfg_extract {
	char *name;
	long line;
	char *file;
	struct ko_read_options opt; /* missing codes point into the config */
	struct ko_cfg_column *cols;
	size_t n_cols;
	size_t person_cols[4];      /* indices into cols: who a row belongs to */
	size_t n_person_cols;
	int unique;                 /* one row per person */
};

/* An expression over variables, compiled to postfix. */
enum ko_expr_op {
	KO_EX_NUM, KO_EX_STR, KO_EX_VAR,
	KO_EX_NEG, KO_EX_NOT,
	KO_EX_ADD, KO_EX_SUB, KO_EX_MUL, KO_EX_DIV,
	KO_EX_EQ, KO_EX_NE, KO_EX_LT, KO_EX_LE, KO_EX_GT, KO_EX_GE,
	KO_EX_AND, KO_EX_OR,
};

struct ko_expr_node {
	enum ko_expr_op op;
	double num;   /* KO_EX_NUM (dates as days since 1970-01-01) */
	char *str;    /* KO_EX_STR: a category label; KO_EX_VAR: name */
	size_t var;   /* KO_EX_VAR: variable index (after resolving) */
};

#define KO_EXPR_MAX_DEPTH 64 /* evaluation stack */

struct ko_expr {
	struct ko_expr_node *nodes;
	size_t n;
};

enum ko_relation {
	KO_REL_SELF = 0,
	KO_REL_MOTHER,
	KO_REL_FATHER,
	KO_REL_PARENTS, /* mother or father; a row reaching both counts once */
	KO_REL_COUNT
};

enum ko_where_op {
	KO_WH_EQ, KO_WH_NE, KO_WH_LT, KO_WH_LE, KO_WH_GT, KO_WH_GE,
	KO_WH_IN, KO_WH_NOT_IN, KO_WH_MISSING, KO_WH_PRESENT
};

/* One filter line: COLUMN OP VALUE(S).  Constants are parsed for the
 * column's type: numbers for int/num, dates for date, text otherwise. */
struct ko_cfg_where {
	size_t col;         /* index into the extract's columns */
	enum ko_where_op op;
	char **text;        /* values as text (IN lists, text comparisons) */
	size_t n_text;
	double num;         /* the constant of a number/date comparison */
	long line;
};

enum ko_window_kind {
	KO_WIN_AGE,    /* ages lo to hi: lo-th birthday to (hi+1)-th, excl. */
	KO_WIN_DAYS,   /* days lo to hi after birth, inclusive */
	KO_WIN_DATES,  /* absolute dates lo to hi, inclusive */
	KO_WIN_BEFORE, /* before the date of another variable */
	KO_WIN_AFTER,  /* after the date of another variable */
};

struct ko_cfg_window {
	enum ko_window_kind kind;
	int32_t lo, hi;  /* ages, days or dates */
	char *var_name;  /* BEFORE/AFTER */
	size_t var;
	long line;
};

enum ko_agg {
	KO_AGG_VALUE,   /* the column's value in the person's (single) row */
	KO_AGG_ANY,     /* 1 if any row matches, else 0 */
	KO_AGG_COUNT,   /* matching rows */
	KO_AGG_YEARS,   /* distinct calendar years with a matching row */
	KO_AGG_FIRST,   /* earliest date */
	KO_AGG_LAST,    /* latest date */
	KO_AGG_SUM, KO_AGG_MIN, KO_AGG_MAX, /* of a column */
	KO_AGG_MONTHS,  /* distinct (year, month) flagged */
	KO_AGG_YEARS_WITH, /* years with at least k months flagged */
	KO_AGG_EXPR,    /* an expression over other variables */
	KO_AGG_COUNT_KINDS
};

/* What a variable's values are, for printing and for expressions. */
enum ko_var_kind { KO_VK_NUM, KO_VK_DATE, KO_VK_LABEL };

struct ko_cfg_category {
	char *label;
	double lo, hi; /* inclusive; -inf / +inf when open */
};

/* value_labels = 1: Boy, 2: Girl: how report tables, figures and
 * report.html show a variable's values (data files keep the values). */
struct ko_cfg_value_label {
	char *value;  /* as the data has it: "1", "Helsinki", "2-3" */
	char *label;  /* "Boy" */
};

struct ko_cfg_variable {
	char *name;
	long line;
	size_t extract;        /* index; unused for KO_AGG_EXPR */
	enum ko_relation of;
	long date_col;         /* event date column, -1 if none */
	long year_col;         /* year column for year-level records, -1 */
	size_t code_cols[KO_CFG_MAX_LIST];
	size_t n_code_cols;
	struct ko_codes codes;
	struct ko_cfg_where *where;
	size_t n_where;
	struct ko_cfg_window *windows;
	size_t n_windows;
	enum ko_agg agg;
	long agg_col;          /* VALUE, SUM, MIN, MAX; -1 otherwise */
	int agg_k;             /* YEARS_WITH: months needed */
	size_t month_cols[12];
	size_t n_month_cols;
	struct ko_expr expr;
	struct ko_cfg_category *cats;
	size_t n_cats;
	char *reference;       /* reference category label, or NULL */
	int output;            /* a column of the analysis dataset */
	char *label;           /* label in reports; NULL = name */
	enum ko_var_kind kind; /* after categories */
	size_t *deps;          /* variables that must be derived first */
	size_t n_deps;
	struct ko_cfg_value_label *value_labels; /* in config order */
	size_t n_value_labels;
};

struct ko_cfg_rule {
	int exclude;  /* 0: keep those for whom expr is true; 1: drop them */
	char *label;
	struct ko_expr expr;
	long line;
};

/* [cohort] follow-up (docs/config.md): entry, the end age and the end of
 * data, and the date variables that end it.  Active when [cohort] has any
 * of follow_up, entry, end_of_data, death, emigration, event. */
struct ko_cfg_followup {
	int active;
	int entry_age;        /* entry at this birthday (0: birth) ... */
	long entry_var;       /* ... or at this date variable; -1 none */
	int32_t end_of_data;  /* days since 1970-01-01; INT32_MIN none */
	long death_var, emigration_var, event_var; /* date variables, -1 none */
};

/* Per-child follow-up values the rule language reads by these names
 * (ko_fu_value_name); they are computed after derive, so only cohort rules
 * and model subgroups may use them.  A name's variable index in an
 * expression node is cfg->n_vars + the value. */
enum ko_fu_value {
	KO_FUV_ENTRY_AGE,  /* fu_entry_age: age at entry, years */
	KO_FUV_EXIT_AGE,   /* fu_exit_age: age at exit, years */
	KO_FUV_DAYS,       /* fu_days: exit - entry, days */
	KO_FUV_YEARS,      /* fu_years: fu_days / 365.25 */
	KO_FUV_EVENT,      /* fu_event: 1 exit by the event, else 0 */
	KO_FUV_EVENT_AGE,  /* fu_event_age: age at the event (years) when
			      the event ended follow-up, else missing */
	KO_FUV_N
};

const char *ko_fu_value_name(enum ko_fu_value k);

struct ko_cfg_link {
	int present;          /* a [link] section was given */
	size_t population;    /* extract listing every person */
	size_t pop_birth_col, pop_death_col; /* columns of population */
	long mother_col, father_col;  /* columns of the cohort base, -1 none */
	int min_age, max_age;         /* parent age at the birth, years */
	int mother_death_days;        /* dead more than this before: drop */
	int father_death_days;
};

#define KO_CFG_MAX_CUMINC_AGES 16

struct ko_cfg_report {
	int present;          /* a [report] section was given */
	char *title;          /* NULL: the study name */
	long outcome;         /* variable index, -1 none */
	long exposure;        /* -1 none */
	long by;              /* regional table's variable, -1 none */
	size_t table1[KO_CFG_MAX_LIST]; /* Table 1's variables, in order */
	size_t n_table1;
	unsigned formats;     /* bit i: ko_table_outputs[i] (table.h) */
	char decimal_mark;    /* '.' or ',' (csv always '.'); default: the
			       * language's ('.' en, ',' fi and sv) */
	int language;         /* enum ko_lang (lang.h): fixed texts, numbers */
	int csv_bom;          /* tables/ csv files start with a UTF-8 BOM */
	/* decimals shown per statistic (struct ko_number_format's digits_*);
	 * -1: the default */
	int digits_percent, digits_number, digits_mean, digits_estimate,
	    digits_p;
	/* cuminc_ages: the cumulative-incidence figure and table by exposure
	 * at these ages (years, increasing); 0 ages: none */
	double cuminc_ages[KO_CFG_MAX_CUMINC_AGES];
	size_t n_cuminc_ages;
	double cuminc_step;   /* cuminc_step: the figure's age grid, years */
	long cuminc_line;     /* the cuminc_ages line, for messages */
	/* Table 1's layout (docs/config.md, [report] table1_*) */
	int t1_missing;       /* enum ko_t1_missing */
	int t1_pct_all;       /* 1: percentages of all persons; 0: of those
			       * not missing (the default) */
	int t1_smd, t1_p;     /* SMD and p columns (1: shown, the default) */
	int t1_header_n;      /* 1: "No, N = 9 274" in the group headers */
	/* what a number shows, per entry of table1[]: enum ko_t1_numbers */
	unsigned char t1_numbers[KO_CFG_MAX_LIST];
};

/* [report] table1_missing: the Missing rows and the Missing group column of
 * Table 1.  SHOW: shown.  HIDE: not shown in md, html, tex, xlsx and
 * report.html (the tidy csv keeps them as protection left them: they are
 * persons minus the levels anyway).  MERGE and HIDE: a Missing group whose
 * size must be hidden is shown merged with the group(s) protection hides
 * with it ("2-3 or missing") instead of hiding them whole. */
enum ko_t1_missing { KO_T1_MISSING_SHOW = 0, KO_T1_MISSING_HIDE, KO_T1_MISSING_MERGE };

/* [report] table1_numbers, table1_mean, table1_median: a number's rows. */
enum ko_t1_numbers { KO_T1_NUM_BOTH = 0, KO_T1_NUM_MEAN, KO_T1_NUM_MEDIAN };

/* [model NAME]: a logistic model fitted by the model stage (docs/config.md
 * "[model NAME]").  Variables are indices into cfg->vars. */
enum ko_model_se { KO_MODEL_SE_MODEL = 0, KO_MODEL_SE_ROBUST, KO_MODEL_SE_CLUSTER };

/* effect = or, rr, rd, paf: bits of ko_cfg_model.effects (OR always). */
enum ko_cfg_effect {
	KO_MODEL_EFFECT_OR = 1,  /* odds ratios (the logistic model) */
	KO_MODEL_EFFECT_RR = 2,  /* modified Poisson risk ratios */
	KO_MODEL_EFFECT_RD = 4,  /* standardised risks, their RR and RD */
	KO_MODEL_EFFECT_PAF = 8  /* and the population attributable fraction */
};

#define KO_CFG_MAX_INTERACTION 4 /* variables in one interaction term */

struct ko_cfg_model_ref {
	size_t var;
	char *level;          /* reference level label */
	long line;
};

struct ko_cfg_interaction {
	size_t vars[KO_CFG_MAX_INTERACTION];
	size_t n;
};

/* [model] family: the model family that fits it, found by name in
 * stats/family.h's registry (ko_family_find). */
struct ko_family;

struct ko_cfg_model {
	char *name;
	long line;
	size_t outcome;       /* a 0/1 number variable; family = cox: the
				 [cohort] event's date variable (its label
				 names the outcome; the status and times
				 are the follow-up's) */
	size_t exposures[KO_CFG_MAX_LIST];  /* crude models: one each */
	size_t n_exposures;
	size_t covariates[KO_CFG_MAX_LIST]; /* adjusted model only */
	size_t n_covariates;
	size_t categorical[KO_CFG_MAX_LIST]; /* number variables made factors
						(labelled ones always are) */
	size_t n_categorical;
	struct ko_cfg_model_ref refs[KO_CFG_MAX_LIST]; /* reference VAR = L */
	size_t n_refs;
	struct ko_cfg_interaction interactions[KO_CFG_MAX_LIST];
	size_t n_interactions;
	int has_subgroup;
	char *subgroup_text;  /* as written */
	struct ko_expr subgroup; /* keep the children for whom it is true */
	long strata;          /* variable: one model per level; -1 none */
	long subgroup_line, strata_line; /* of their keys; 0 when not given */
	int crude;            /* 1: crude models too (default) */
	int crude_complete;   /* crude_cases = complete (the default of
				 time-to-event models): the crude fits on
				 the adjusted model's complete cases; 0
				 (available, the others' default): each on
				 the persons with its outcome and exposure
				 known */
	enum ko_model_se se;
	enum ko_relation cluster; /* KO_REL_MOTHER (default) or KO_REL_FATHER */
	const struct ko_family *family; /* family = NAME, a name in the
				 registry (estimator = ml | firth its alias of
				 logistic | firth); logistic when not given */
	int firth;            /* family->penalized (firth) */
	int time_to_event;    /* family->outcome is RATE or EVENT_TIME (cox,
				 poisson_rate): fitted on the follow-up of
				 [cohort] */
	int split_age[KO_CFG_MAX_LIST]; /* poisson_rate: split_age = the
				 birthdays (0, 1, 5, ...) that start the age
				 bands, increasing, the first 0 */
	size_t n_split_age;   /* 0: no split (one row per child) */
	/* poisson_rate: split_period = 1997, 2005-07-01, ...: the dates
	 * (days since 1970-01-01) that start the calendar periods,
	 * increasing, the last open; a year is its 1 January.  The term
	 * 'period', its levels the breaks as written (split_period_label) */
	int32_t split_period[KO_CFG_MAX_LIST];
	char split_period_label[KO_CFG_MAX_LIST][11];
	size_t n_split_period; /* 0: no calendar split */
	/* cox: cox_strata = VAR: one model with a baseline hazard per level
	 * of VAR (coxph's strata(VAR)); -1 none.  Not `strata`, which fits
	 * one model per level */
	long cox_strata;
	long cox_strata_line;
	/* time_varying = VAR: DATEVAR, ...: the 0/1 term VAR is 0 before
	 * the date DATEVAR and 1 from it, in split (start, stop] rows;
	 * VAR: cumulative (tv_cum 1, tv_date unused): VAR (aggregate = years)
	 * is the count of its years that ended before the row's start */
	size_t tv_var[KO_CFG_MAX_LIST], tv_date[KO_CFG_MAX_LIST];
	int tv_cum[KO_CFG_MAX_LIST];
	size_t n_tv;
	int ties;             /* cox: ties = efron (0) or breslow (1), the
				 values of logit.h's KO_FAMILY_TIES_* */
	int profile;          /* ci = profile (default for firth) */
	double level;         /* confidence level, 0.95 */
	int effects;          /* enum ko_cfg_effect bits; OR by default */
	long effect_exposure; /* exposure = VAR: the exposure standardised
				 for rd/paf (an index into vars; the first
				 exposure by default) */
};

/* [study] export: the analysis dataset for Stata / SPSS / R (export.h). */
enum { KO_EXPORT_DTA = 1, KO_EXPORT_SAV = 2 };

struct ko_config {
	char *path;
	char *name;           /* [study] name */
	char *output_dir;
	uint64_t seed;
	int disclosure_threshold;
	double max_reject_share;
	int export_formats;   /* KO_EXPORT_* bits; 0: none */
	struct ko_cfg_extract *extracts;
	size_t n_extracts;
	struct ko_cfg_variable *vars;
	size_t n_vars;
	size_t base;          /* [cohort] base extract */
	size_t base_id_col;   /* its person column */
	size_t base_birth_col;
	int follow_up_age;    /* [cohort] follow_up = age N: the end age */
	struct ko_cfg_followup followup;
	struct ko_cfg_rule *rules;
	size_t n_rules;
	struct ko_cfg_link link;
	struct ko_cfg_report report;
	struct ko_cfg_model *models;
	size_t n_models;
	struct ko_cfg_problem *problems;
	size_t n_problems;
	/* private: parse state and allocations */
	struct ko_config_priv *priv;
};

enum ko_status ko_config_load(struct ko_config **out, const char *path,
			      struct ko_err *err);

/* Parse config text held in memory; path is used in messages only. */
enum ko_status ko_config_parse(struct ko_config **out, const char *text,
			       const char *path, struct ko_err *err);

void ko_config_free(struct ko_config *cfg);

/* Index of a variable or extract by name, or -1. */
long ko_config_find_var(const struct ko_config *cfg, const char *name);
long ko_config_find_extract(const struct ko_config *cfg, const char *name);

/* Whether variable v is an exposure or a covariate of model m. */
int ko_cfg_model_has_term(const struct ko_cfg_model *m, size_t v);

/* Whether time-to-event model m splits its follow-up into pieces
 * (time_varying, split_age, split_period): the model stage, the export
 * and analysis.R work on (tstart, tstop] then. */
int ko_cfg_model_splits(const struct ko_cfg_model *m);

/* A whole number in [lo, hi], white space after it allowed, into *out:
 * 0, else -1.  The one integer syntax of the config's keys and kohort
 * fit's options. */
int ko_cfg_parse_long(const char *s, long lo, long hi, long *out);
int ko_cfg_parse_int(const char *s, int lo, int hi, int *out);

/* 1 when variable v enters model m as a factor: labelled, or listed in
 * its categorical (config_model.c; the model stage and the export ask it
 * too). */
int ko_cfg_model_is_factor(const struct ko_config *cfg,
			   const struct ko_cfg_model *m, size_t v);

/* The value label of variable var's value (a level as a report shows it:
 * "1", "2-3", "Helsinki"), or NULL when it has none.  Values of number
 * variables (without categories) match numerically ("1" and "1.0"). */
const char *ko_config_value_label(const struct ko_config *cfg, size_t var,
				  const char *value);

/* Names for printing ("any", "self", ...). */
const char *ko_agg_name(enum ko_agg agg);
const char *ko_relation_name(enum ko_relation rel);

#endif
