/*
 * report.h - the report stage: the tables, figures and the one-page
 * report.html of a study, all under disclosure control.
 *
 *     ko_report_run(&study, err)   after the cohort (and model) stages
 *
 * writes, under the study's output folder (docs/outputs.md):
 *   tables/table1.*            characteristics overall and by outcome
 *   tables/table1_exposure.*   ... by exposure ([report] exposure)
 *   tables/cohort_flow.*       the cohort rules, remaining and excluded
 *   tables/parent_linkage.*    outcome of every parent link
 *   tables/regional.*          per [report] by level: persons, exposed, events
 *   tables/model_<name>.*      model tables (ko_report_model_table)
 *   tables/tables.xlsx         every table, one sheet each
 *   tables/suppression.csv     every suppressed cell and why
 *   figures/cohort_flow.{svg,pdf,png}
 *   report.html                everything on one self-contained page
 * in the formats of [report] formats (csv md html tex xlsx by default).
 * Every table is protected (disclosure.h) before any file is written.
 *
 * Ownership: the stage borrows the study; a model table returned by
 * ko_report_model_table belongs to the caller (ko_table_free).
 */
#ifndef KO_REPORT_H
#define KO_REPORT_H

#include <stddef.h>

#include "error.h"
#include "lang.h"
#include "study.h"
#include "table.h"

enum ko_status ko_report_run(struct ko_study *s, struct ko_err *err);

/* Release cairo's and fontconfig's process-wide caches (the figures are
 * their only users), so that LeakSanitizer sees only kohort's own memory.
 * ko_report_run calls it when done; no cairo object may be alive. */
void ko_report_release_caches(void);

/* Disclosure marks for a cohort flow (srem, sex: one per flow row): the
 * chain remaining[i-1] - remaining[i] = excluded[i] with the final count
 * public.  A small exclusion is merged with neighbouring steps (the
 * remaining counts between them hidden) until the group spans two steps
 * or more and excludes at least T in all.  KO_ERR_DATA when that is
 * impossible or the cohort is smaller than T. */
enum ko_status ko_report_protect_flow(const struct ko_flow *flow, int T,
				      enum ko_supp_rule *srem,
				      enum ko_supp_rule *sex,
				      struct ko_err *err);

/* The i-th file (relative to the output folder) the report stage of s
 * writes, or NULL past the last: for the manifest. */
const char *ko_report_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size);

/* Model results as the model stage writes them (docs/config.md, "Outputs
 * of the model stage"), one struct per row of its three files; strings are
 * borrowed.  version is "crude" or "adjusted". */
struct ko_report_coef {      /* models/NAME.csv */
	const char *stratum, *version, *exposure, *term, *level;
	int reference;       /* a factor's reference level */
	double estimate, std_error, p_value;      /* linear-predictor scale */
	double effect, conf_low, conf_high; /* the family's (OR, RR); NAN: aliased */
	double n, events;    /* NAN: not given (continuous, intercept) */
	/* modified Poisson risk ratio with CI (effect = rr); NAN otherwise */
	double risk_ratio, rr_low, rr_high;
	/* what the fit found wrong with this coefficient: shown as a dash
	 * with a footnote mark (KO_REPORT_MARK_*), never as a number */
	int problem;
	/* time-to-event models: the level's follow-up in years and its
	 * events per 1,000 person-years with CI; NAN otherwise */
	double person_years, rate, rate_low, rate_high;
	/* the CI on the linear-predictor (log) scale, models/NAME.csv's
	 * conf_low_log, conf_high_log: finite where conf_low/high over- or
	 * underflow; NAN: not given */
	double conf_low_log, conf_high_log;
};

/* The problems of a coefficient, and their marks in tables and figures. */
enum { KO_REPORT_OK = 0, KO_REPORT_SEPARATED, KO_REPORT_ALIASED };
#define KO_REPORT_MARK_SEPARATED KO_TABLE_MARK_SEPARATED
#define KO_REPORT_MARK_ALIASED KO_TABLE_MARK_ALIASED

struct ko_report_joint {     /* models/NAME_tests.csv */
	const char *stratum, *version, *exposure, *term;
	double p_value;      /* the joint Wald test of the term */
};

struct ko_report_fit {       /* models/NAME_stats.csv */
	const char *stratum, *version, *exposure;
	double n, events, auc, auc_low, auc_high;
	double person_years; /* time-to-event models; NAN otherwise */
};

/* effect = rd/paf: the standardised risks of one exposure
 * (models/NAME_effects.csv, one fit).  Proportions, as the model stage
 * writes them; the table shows them as percentage points / %. */
struct ko_report_rd {
	const char *level;   /* as in models/NAME.csv */
	int reference;       /* the first level: risk difference 0 */
	double rd, rd_low, rd_high; /* vs the reference; NAN: not computed */
};

struct ko_report_effect {
	const char *exposure; /* variable name */
	const struct ko_report_rd *levels;
	size_t n_levels;
	int has_paf;
	double paf, paf_low, paf_high;        /* fractions */
	double attributable, att_low, att_high; /* persons */
};

struct ko_report_model {
	const char *name, *title, *stratum; /* one table per model and stratum */
	const struct ko_report_coef *coefs;
	size_t n_coefs;
	const struct ko_report_joint *joints;
	size_t n_joints;
	const struct ko_report_fit *fits;
	size_t n_fits;
	/* display label of a term (variable name); NULL: the name */
	const char *(*label)(void *ctx, const char *term);
	void *ctx;
	const char *effect_abbrev; /* the model family's effect ("OR",
				      ko_model_family); NULL: "OR" */
	int has_rr;          /* add an adjusted risk-ratio column */
	int has_rd;          /* add an adjusted risk-difference column */
	/* effect = rd/paf of the adjusted fit and of the effect exposure's
	 * crude fit; NULL when not asked or not computed */
	const struct ko_report_effect *effect, *crude_effect;
	double level;        /* confidence level of the CIs; 0: 0.95 */
	enum ko_lang lang;   /* fixed texts (lang.h); 0: English */
	/* 1: a time-to-event model (Cox, Poisson rates): person-years and
	 * the rate per 1,000 person-years after the events, no AUC row */
	int time_to_event;
	/* terms whose levels a person passes through in split follow-up (a
	 * time-varying count with categories, time_varying VAR: cumulative):
	 * their levels' events and person-years sum to the model's, their
	 * persons do not (as the age bands'); NULL-terminated, NULL: none */
	const char *const *split_terms;
	/* display label of a term's level ("Boy" for sex 1); NULL: the level */
	const char *(*value_label)(void *ctx, const char *term,
				   const char *level);
	/* Nested populations (docs/outputs.md): the count of persons
	 * (events = 0) or events (events = 1) at a term's level that another
	 * table publishes for a population the model's sample is part of (the
	 * cohort: Table 1), NAN when none is published, -1 when it is there but
 * hidden (the model's count is then hidden too: c >= m would bound it); and
	 * whether that count is to be hidden in this table anyway (the strata
	 * of a model summed).  A level count whose difference to the published
	 * one is 1..T-1 is hidden and protected like a suppressed one.  NULL:
	 * no such rule (a table on its own). */
	double (*outer_count)(void *nest, const char *term, const char *level,
			      int events);
	int (*forced)(void *nest, const char *term, const char *level,
		      int events);
	void *nest;
	/* The population the table's counts are of (docs/outputs.md, "Model
	 * tables"): the persons (events = 0) or events (events = 1) of the
	 * model's cohort, subgroup or stratum at a term's level whatever their
	 * other values (level NULL: those whose term is missing; term NULL:
	 * all of them), NAN when it has none (an interaction).  The level rows
	 * then show these, the model's total row the population's, and a row
	 * "Not in the model (missing values)" the difference to the model's
	 * complete cases.  NULL: the rows show the complete cases (a
	 * time-to-event model, a table made from files). */
	double (*population)(void *pop, const char *term, const char *level,
			     int events);
	void *pop;
	/* 1: the crude fits are on the available cases (crude_cases =
	 * available: everyone with the outcome and the exposure known), as
	 * the footnote says; 0: on the model's complete cases */
	int crude_available;
};

/* The model table: per term (in the adjusted model's order, intercept
 * left out) its levels with n, events (%), crude and adjusted OR (95% CI)
 * and p side by side, the reference level "1 (ref)", the term's joint
 * p-value on its heading row; a separated or aliased coefficient (problem)
 * as a dash with a mark in its estimate and p cells, its term's joint
 * p-value too, and a footnote naming the problem; with has_rr an adjusted RR column, with
 * has_rd an adjusted risk difference column (percentage points, "0 (ref)")
 * on the effect exposure's levels; underneath, the model's persons,
 * events and AUC (95% CI), and with a PAF the attributable fraction (%)
 * and attributable cases (crude and adjusted).  Counts are protected with
 * threshold (levels of a term sum to the model's persons and events); a
 * level whose n or events is suppressed has its estimates suppressed too;
 * attributable cases under threshold are suppressed, and the fraction
 * with them (fraction times events gives them back).  "95% CI" follows
 * level.  *out is a new table. */
enum ko_status ko_report_model_table(struct ko_table **out,
				     const struct ko_report_model *m,
				     int threshold, struct ko_err *err);

/* The forest plot of a model table's adjusted estimates (suppressed rows
 * left out) to path_stem.svg, .pdf and .png. */
enum ko_status ko_report_forest(const struct ko_table *t,
				const struct ko_number_format *fmt,
				const char *path_stem, struct ko_err *err);

#endif
