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
#include "study.h"
#include "table.h"

enum ko_status ko_report_run(struct ko_study *s, struct ko_err *err);

/* The i-th file (relative to the output folder) the report stage of s
 * writes, or NULL past the last: for the manifest. */
const char *ko_report_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size);

/* One row of the model stage's tidy output (models/<name>.csv): columns
 * model,stratum,version,term,level,estimate,std_error,statistic,p_value,
 * odds_ratio,conf_low,conf_high,n,events.  version is "crude" or
 * "adjusted"; a row with an empty level is a term's joint test (p_value);
 * a level whose estimate is 0 and std_error NAN is the reference; rows of
 * term "(Intercept)" are skipped; term "(model)" rows carry the model's
 * n, events and (level "auc", estimate) its C-statistic. */
struct ko_model_row {
	const char *model, *stratum, *version, *term, *level;
	double estimate, std_error, statistic, p_value;
	double odds_ratio, conf_low, conf_high;
	double n, events;
};

/* The model table of one model (and stratum): per term, its levels with
 * n, events (%), crude and adjusted OR (95% CI) and p side by side, the
 * reference level "1 (ref)", the joint p-value on the term's row, and the
 * model's n, events and AUC underneath.  labels (may be NULL) maps a term
 * to its display label.  Counts are protected with threshold; a level
 * whose n or events is suppressed has its estimates suppressed too. */
enum ko_status ko_report_model_table(struct ko_table **out, const char *name,
				     const char *title,
				     const struct ko_model_row *rows, size_t n,
				     const char *(*labels)(void *ctx,
							   const char *term),
				     void *ctx, int threshold,
				     struct ko_err *err);

#endif
