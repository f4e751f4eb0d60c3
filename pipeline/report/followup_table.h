/*
 * followup_table.h - the report's follow-up table (exit reasons, person-
 * years) under disclosure control, and the methods text's sentence on
 * follow-up ([cohort] in docs/config.md, docs/outputs.md).
 */
#ifndef KO_FOLLOWUP_TABLE_H
#define KO_FOLLOWUP_TABLE_H

#include <stdio.h>

#include "error.h"
#include "lang.h"
#include "study.h"
#include "table.h"

/* The table "follow_up" over the cohort's members: one row per exit reason
 * (children, person-years) and the total, counts protected at threshold,
 * its texts in lang;
 * *out is NULL (and KO_OK) when the study has no follow-up. */
enum ko_status ko_report_followup_table(const struct ko_study *s,
					int threshold, enum ko_lang lang,
					struct ko_table **out,
					struct ko_err *err);

/* The follow-up table's person-years (whole years) are hidden, every row's
 * and the total's, once any count of t is hidden (by the table's own
 * protection or the whole-export audit, which calls this after it hides a
 * count of t).  A row's person-years are a sum of its children's
 * follow-up: those censored at the end age add the same years each, the
 * others less, so person-years next to a hidden count bound it from
 * below (docs/outputs.md, "Across tables", rule 6). */
void ko_report_followup_hide_years(struct ko_table *t);

/* The methods text's sentence (HTML) on what follow-up was: its start,
 * what ended it, how ties are broken and which exclusions it makes; without
 * follow-up, that outcomes are read within their variables' windows. */
void ko_report_followup_methods(FILE *fp, const struct ko_config *cfg,
				enum ko_lang lang);

/* A time-to-event model's part of the methods text (HTML, after its
 * method): the time scale (age), what censored follow-up, the ties (Cox),
 * the time-varying terms and how follow-up was split (split_age,
 * split_period), the Cox strata (cox_strata); nothing for other models. */
void ko_report_tte_methods(FILE *fp, const struct ko_config *cfg,
			   const struct ko_cfg_model *m, enum ko_lang lang);

#endif
