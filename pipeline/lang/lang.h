#ifndef KO_LANG_H
#define KO_LANG_H

/* The report's fixed texts in English, Finnish and Swedish ([report]
 * language, docs/config.md).  One table of message id -> the texts of the
 * three languages side by side, in two files: lang_methods.c holds
 * report.html's methods text (KO_MSG_M_*), lang_text.c every other text;
 * a translator reviews them as text, each translation under its English.
 * A text with printf conversions has the same conversions, in the same
 * order, in every language (test_lang checks it).  Every text is static:
 * nothing to free. */

enum ko_lang { KO_LANG_EN = 0, KO_LANG_FI, KO_LANG_SV, KO_LANG_COUNT };

enum ko_msg {
	/* Table 1 */
	KO_MSG_NO, KO_MSG_YES, KO_MSG_MISSING, KO_MSG_MEAN_SD, KO_MSG_MEDIAN_IQR,
	KO_MSG_CHARACTERISTIC, KO_MSG_OVERALL, KO_MSG_PERSONS_N,
	KO_MSG_T1_TITLE_BY, KO_MSG_T1_TITLE, KO_MSG_T1_FOOTNOTE,
	KO_MSG_T1_FOOT_TESTS, KO_MSG_T1_FOOT_SMD_ONLY, KO_MSG_T1_FOOT_P_ONLY,
	KO_MSG_T1_FOOT_HIDDEN,
	KO_MSG_T1_FOOTNOTE_KNOWN, KO_MSG_T1_FOOT_NOPCT, KO_MSG_T1_OR_MISSING,
	KO_MSG_T1_FOOT_MERGED, KO_MSG_T1_HEADER_N,
	/* every table: a reference level's "1 (ref)", "(-1.0 to 2.0)",
	 * the suppression note */
	KO_MSG_REF, KO_MSG_RANGE_TO, KO_MSG_SUPP_NOTE,
	/* cohort flow */
	KO_MSG_COHORT_FLOW, KO_MSG_FLOW_BASE, KO_MSG_STEP, KO_MSG_REMAINING,
	KO_MSG_EXCLUDED,
	KO_MSG_NOT_RULE, KO_MSG_N_SUPPRESSED, KO_MSG_FLOW_FOOTNOTE,
	/* parent linkage */
	KO_MSG_PARENT_LINKAGE, KO_MSG_LINK, KO_MSG_MOTHER, KO_MSG_FATHER,
	KO_MSG_CHILDREN_BASE, KO_MSG_CHILDREN_COHORT, KO_MSG_LINK_OK,
	KO_MSG_LINK_NO_ID, KO_MSG_LINK_NOT_IN_POPULATION, KO_MSG_LINK_TOO_YOUNG,
	KO_MSG_LINK_TOO_OLD, KO_MSG_LINK_DEAD_BEFORE_BIRTH,
	/* regional table */
	KO_MSG_REGIONAL_TITLE, KO_MSG_PERSONS, KO_MSG_EXPOSED, KO_MSG_EVENTS,
	KO_MSG_ALL, KO_MSG_REGIONAL_FOOTNOTE,
	/* model tables */
	KO_MSG_MODEL, KO_MSG_CI, KO_MSG_EVENTS_N_PCT, KO_MSG_CRUDE, KO_MSG_ADJUSTED,
	KO_MSG_ADJUSTED_RR, KO_MSG_ADJUSTED_RD, KO_MSG_OR_HEAD, KO_MSG_RR_HEAD,
	KO_MSG_RD_HEAD, KO_MSG_PERSONS_IN_MODEL, KO_MSG_MODEL_ALL_PERSONS,
	KO_MSG_NOT_IN_MODEL, KO_MSG_FOOT_POPULATION, KO_MSG_AUC, KO_MSG_PAF,
	KO_MSG_ATTRIBUTABLE_CASES, KO_MSG_FOOT_MODEL, KO_MSG_FOOT_RR,
	KO_MSG_FOOT_RD, KO_MSG_FOOT_P_EVENTS, KO_MSG_FOOT_SEPARATED,
	KO_MSG_FOOT_ALIASED, KO_MSG_FOOT_PAF, KO_MSG_FOOT_POPULATION_AVAILABLE,
	KO_MSG_FOOT_CRUDE_AVAILABLE,
	/* forest plot */
	KO_MSG_FOREST_AXIS, KO_MSG_FOREST_SEPARATED, KO_MSG_FOREST_ALIASED,
	KO_MSG_FOREST_BOTH,
	/* report.html */
	KO_MSG_HTML_STUDY, KO_MSG_HTML_THRESHOLD, KO_MSG_HTML_TABLE1,
	KO_MSG_HTML_T1_EXPOSURE, KO_MSG_HTML_MODELS, KO_MSG_HTML_REGIONAL,
	KO_MSG_HTML_WARNINGS, KO_MSG_HTML_METHODS, KO_MSG_HTML_FLOW_CAPTION,
	KO_MSG_HTML_FOREST_CAPTION,
	/* the texts above that name the model family's effect, for the
	 * effects other than the odds ratio (ko_lang_effect picks one) */
	KO_MSG_FOOT_MODEL_RR, KO_MSG_FOOT_MODEL_HR, KO_MSG_FOOT_MODEL_IRR,
	KO_MSG_FOREST_AXIS_RR, KO_MSG_FOREST_AXIS_HR, KO_MSG_FOREST_AXIS_IRR,
	KO_MSG_HTML_FOREST_CAPTION_RR, KO_MSG_HTML_FOREST_CAPTION_HR,
	KO_MSG_HTML_FOREST_CAPTION_IRR,
	/* the follow-up table (followup_table.c) */
	KO_MSG_FU_TITLE, KO_MSG_FU_STUB, KO_MSG_FU_CHILDREN,
	KO_MSG_FU_PERSON_YEARS, KO_MSG_FU_EVENT, KO_MSG_FU_EVENT_NONE,
	KO_MSG_FU_DEATH, KO_MSG_FU_EMIGRATION, KO_MSG_FU_END_AGE,
	KO_MSG_FU_END_DATA, KO_MSG_FU_TOTAL, KO_MSG_FU_FOOTNOTE,
	/* report.html's warnings list and methods text (KO_MSG_W_*, KO_MSG_M_*):
	 * HTML, written as they are (& and < as entities); the pieces join
	 * with names from the config between them, in the order of the
	 * English sentence */
	KO_MSG_W_MODEL, KO_MSG_W_NOT_FITTED, KO_MSG_W_NO_TABLE,
	KO_MSG_W_TOO_FEW, KO_MSG_W_SEPARATION, KO_MSG_W_ALIASED,
	KO_MSG_W_NOT_ESTIMABLE, KO_MSG_W_DASH_TERM, KO_MSG_W_DASH,
	KO_MSG_M_FU_NONE, KO_MSG_M_FU_START, KO_MSG_M_FU_BIRTHDAY,
	KO_MSG_M_FU_BIRTH, KO_MSG_M_FU_ENDED, KO_MSG_M_FU_EVENT,
	KO_MSG_M_FU_DEATH, KO_MSG_M_FU_EMIGRATION, KO_MSG_M_FU_END_DATA,
	KO_MSG_M_FU_TAIL,
	KO_MSG_M_AGG_VALUE, KO_MSG_M_AGG_ANY, KO_MSG_M_AGG_COUNT,
	KO_MSG_M_AGG_YEARS, KO_MSG_M_AGG_FIRST, KO_MSG_M_AGG_LAST,
	KO_MSG_M_AGG_SUM, KO_MSG_M_AGG_MIN, KO_MSG_M_AGG_MAX,
	KO_MSG_M_AGG_MONTHS, KO_MSG_M_AGG_YEARS_WITH,
	KO_MSG_M_OF_MOTHER, KO_MSG_M_OF_FATHER, KO_MSG_M_OF_PARENTS,
	KO_MSG_M_WIN_AGE, KO_MSG_M_WIN_DAYS, KO_MSG_M_WIN_DATES,
	KO_MSG_M_WIN_BEFORE, KO_MSG_M_WIN_AFTER,
	KO_MSG_M_COMPUTED_AS, KO_MSG_M_IN, KO_MSG_M_EXTRACT,
	KO_MSG_M_WITH_CODE, KO_MSG_M_IN_COLS, KO_MSG_M_OP_IN,
	KO_MSG_M_OP_NOT_IN, KO_MSG_M_OP_MISSING, KO_MSG_M_OP_PRESENT, KO_MSG_M_AND, KO_MSG_M_WHERE, KO_MSG_M_GROUPED_AS,
	KO_MSG_M_REFERENCE, KO_MSG_M_SHOWN_AS,
	KO_MSG_M_NO_TABLE_FOR, KO_MSG_M_NO_TABLE_WHY,
	KO_MSG_M_EFFECT_RR, KO_MSG_M_STD_RISKS, KO_MSG_M_STD_BY,
	KO_MSG_M_STD_RD, KO_MSG_M_STD_PAF, KO_MSG_M_STD_DELTA,
	KO_MSG_M_NO_MODELS, KO_MSG_M_MODELS, KO_MSG_M_MODEL, KO_MSG_M_ON,
	KO_MSG_M_ADJUSTED_FOR, KO_MSG_M_INTERACTION, KO_MSG_M_INTERACTIONS,
	KO_MSG_M_AMONG, KO_MSG_M_IN_STRATA, KO_MSG_M_CRUDE_AND_ADJUSTED,
	KO_MSG_M_ADJUSTED_ONLY, KO_MSG_M_SE, KO_MSG_M_CI,
	KO_MSG_M_COMPLETE_CASES, KO_MSG_M_AUC,
	KO_MSG_M_DRAWN_FROM, KO_MSG_M_RULES, KO_MSG_M_EXCLUDED,
	KO_MSG_M_INCLUDED, KO_MSG_M_FINAL_COHORT, KO_MSG_M_LINKED,
	KO_MSG_M_LINK_DROPPED, KO_MSG_M_VARIABLES, KO_MSG_M_TABLE1,
	KO_MSG_M_PRODUCED_BY, KO_MSG_M_MANIFEST, KO_MSG_M_DISCLOSURE,
	KO_MSG_M_AUDIT, KO_MSG_M_AUDIT_FOLLOWUP, KO_MSG_M_AVAILABLE_CASES,
	/* the cumulative-incidence table and figure (report_cuminc.c) */
	KO_MSG_CI_TITLE, KO_MSG_CI_STEPS_TITLE, KO_MSG_CI_X, KO_MSG_CI_Y,
	KO_MSG_CI_AT_RISK, KO_MSG_CI_COL, KO_MSG_CI_COL_RISK, KO_MSG_CI_AGE,
	KO_MSG_CI_COL_AGE, KO_MSG_CI_AJ, KO_MSG_CI_KM, KO_MSG_CI_GRAY,
	KO_MSG_CI_LOGRANK, KO_MSG_CI_NO_TEST, KO_MSG_CI_PROTECT,
	/* Table 1 with percentages of known values; the model stage's method,
	 * standard error and interval labels (stats/family_*.c, model.c) */
	KO_MSG_M_TABLE1_KNOWN, KO_MSG_M_METHOD_LOGISTIC, KO_MSG_M_METHOD_FIRTH,
	KO_MSG_M_METHOD_POISSON, KO_MSG_M_METHOD_POISSON_RATE, KO_MSG_M_METHOD_COX,
	KO_MSG_M_SE_MODEL, KO_MSG_M_SE_ROBUST, KO_MSG_M_SE_CLUSTER_MOTHER,
	KO_MSG_M_SE_CLUSTER_FATHER, KO_MSG_M_CI_WALD, KO_MSG_M_CI_WALD_ROBUST,
	KO_MSG_M_CI_PROFILE, KO_MSG_M_CI_PROFILE_PEN,
	/* time-to-event model tables */
	KO_MSG_RATE_HEAD, KO_MSG_FOOT_RATE,
	/* the terms of split follow-up (split_age, split_period) */
	KO_MSG_TERM_AGE_BAND, KO_MSG_TERM_PERIOD,
	/* a time-to-event model's methods (followup_table.c's
	 * ko_report_tte_methods): time scale, censoring, ties, time-varying
	 * terms, splits, Cox strata, the proportional-hazards test */
	KO_MSG_M_TTE_SCALE, KO_MSG_M_TTE_CENSORED, KO_MSG_M_TTE_CAUSE_SPECIFIC,
	KO_MSG_M_TTE_TIES_EFRON, KO_MSG_M_TTE_TIES_BRESLOW, KO_MSG_M_TTE_PH_TEST, KO_MSG_M_TTE_TV,
	KO_MSG_M_TTE_TV_DATE, KO_MSG_M_TTE_TV_CUM, KO_MSG_M_TTE_SPLIT_AGE, KO_MSG_M_TTE_SPLIT_PERIOD,
	KO_MSG_M_TTE_COX_STRATA, KO_MSG_M_TTE_SPLIT_PERIOD_COX,
	/* the parent linkage table's footnote */
	KO_MSG_FOOT_LINKAGE,
	KO_MSG_FOOT_TIME_VARYING,
	/* Table 1's comparisons, after its KO_MSG_M_TABLE1 or _KNOWN */
	KO_MSG_M_TABLE1_TESTS,
	KO_MSG_COUNT
};

/* The two tables, indexed by enum ko_msg and enum ko_lang: each id has its
 * texts in one of them (NULL in the other). */
extern const char *const ko_lang_texts[KO_MSG_COUNT][KO_LANG_COUNT];
extern const char *const ko_lang_methods[KO_MSG_COUNT][KO_LANG_COUNT];

/* The text of message id in lang as the tables have it: NULL when it is
 * missing (test_lang checks that none is). */
const char *ko_lang_entry(enum ko_lang lang, enum ko_msg id);

/* The text of message id in lang (English when the language lacks it). */
const char *ko_lang_text(enum ko_lang lang, enum ko_msg id);

/* The variant of id (KO_MSG_FOOT_MODEL, KO_MSG_FOREST_AXIS,
 * KO_MSG_HTML_FOREST_CAPTION: written for the odds ratio) for the effect
 * whose abbreviation starts effect ("RR", or a header "RR (95% CI)"):
 * RR, HR, IRR (stats/family.h's effect_abbrev).  The OR, NULL, an
 * unknown effect or another id: id itself. */
enum ko_msg ko_lang_effect(enum ko_msg id, const char *effect);

/* The language of a name ("en", "fi", "sv"), or -1. */
int ko_lang_find(const char *name);

/* "en", "fi", "sv": the value of html's lang attribute. */
const char *ko_lang_code(enum ko_lang lang);

#endif
