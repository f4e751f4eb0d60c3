/* English: the report's fixed texts (lang.h).  The reference table: every
 * other language has the same ids and the same printf conversions. */
#include "lang.h"

const char *const ko_lang_en[KO_MSG_COUNT] = {
	[KO_MSG_NO] = "No",
	[KO_MSG_YES] = "Yes",
	[KO_MSG_MISSING] = "Missing",
	[KO_MSG_MEAN_SD] = "Mean (SD)",
	[KO_MSG_MEDIAN_IQR] = "Median (IQR)",
	[KO_MSG_CHARACTERISTIC] = "Characteristic",
	[KO_MSG_OVERALL] = "Overall",
	[KO_MSG_PERSONS_N] = "Persons, n",
	[KO_MSG_T1_TITLE_BY] = "Characteristics of the cohort by %s",
	[KO_MSG_T1_TITLE] = "Characteristics of the cohort",
	[KO_MSG_T1_FOOTNOTE] = "n (%) of the column (missing included); mean (SD); median (IQR: "
		"lower to upper quartile).",
	[KO_MSG_T1_FOOT_TESTS] = " SMD: standardised mean difference (mean of the "
		"pairwise SMDs with more than two groups). p: Pearson's chi-square test "
		"(categories) or Welch's test (numbers); missing values are left out "
		"of SMDs and tests.",
	[KO_MSG_T1_FOOT_HIDDEN] = " Columns by %s are not shown: a group's size would "
		"have to be suppressed.",

	[KO_MSG_REF] = " (ref)",
	[KO_MSG_RANGE_TO] = " to ",
	[KO_MSG_SUPP_NOTE] = "<%d: fewer than %d persons; %s: suppressed so that a small "
		"count cannot be derived.",

	[KO_MSG_COHORT_FLOW] = "Cohort flow",
	[KO_MSG_FLOW_BASE] = "children in extract %s",
	[KO_MSG_STEP] = "Step",
	[KO_MSG_REMAINING] = "Remaining",
	[KO_MSG_EXCLUDED] = "Excluded",
	[KO_MSG_N_SUPPRESSED] = "n suppressed",
	[KO_MSG_NOT_RULE] = "Not %s",
	[KO_MSG_FLOW_FOOTNOTE] = "Each rule is applied to the persons remaining "
		"after the rules above it. Where a small exclusion is "
		"suppressed, the counts between it and a neighbouring step are "
		"suppressed too, so that no hidden count follows from the "
		"others.",

	[KO_MSG_PARENT_LINKAGE] = "Parent linkage",
	[KO_MSG_LINK] = "Link",
	[KO_MSG_MOTHER] = "Mother",
	[KO_MSG_FATHER] = "Father",
	[KO_MSG_CHILDREN_BASE] = "Children in the base extract",
	[KO_MSG_CHILDREN_COHORT] = "Children in the cohort",
	[KO_MSG_LINK_OK] = "Linked",
	[KO_MSG_LINK_NO_ID] = "No parent id in the birth record",
	[KO_MSG_LINK_NOT_IN_POPULATION] = "Id not found in the population",
	[KO_MSG_LINK_TOO_YOUNG] = "Parent too young at the birth",
	[KO_MSG_LINK_TOO_OLD] = "Parent too old at the birth",
	[KO_MSG_LINK_DEAD_BEFORE_BIRTH] = "Parent died before the birth",

	[KO_MSG_REGIONAL_TITLE] = "Cohort by %s",
	[KO_MSG_PERSONS] = "Persons",
	[KO_MSG_EXPOSED] = "Exposed",
	[KO_MSG_EVENTS] = "Events",
	[KO_MSG_ALL] = "All",
	[KO_MSG_REGIONAL_FOOTNOTE] = "Exposed and events: n (%) of the persons "
		"in the row.",

	[KO_MSG_MODEL] = "model",
	[KO_MSG_CI] = "%s%% CI",
	[KO_MSG_EVENTS_N_PCT] = "Events, n (%)",
	[KO_MSG_CRUDE] = "Crude",
	[KO_MSG_ADJUSTED] = "Adjusted",
	[KO_MSG_ADJUSTED_RR] = "Adjusted RR",
	[KO_MSG_ADJUSTED_RD] = "Adjusted RD",
	[KO_MSG_OR_HEAD] = "OR (%s)",
	[KO_MSG_RR_HEAD] = "RR (%s)",
	[KO_MSG_RD_HEAD] = "RD, percentage points (%s)",
	[KO_MSG_PERSONS_IN_MODEL] = "Persons in the model",
	[KO_MSG_AUC] = "AUC (%s)",
	[KO_MSG_PAF] = "Attributable fraction, %% (%s)",
	[KO_MSG_ATTRIBUTABLE_CASES] = "Attributable cases, n (%s)",
	[KO_MSG_FOOT_MODEL] = "Crude: one model per exposure. Adjusted: all "
		"terms together. OR: odds ratio with %s%% confidence interval; ",
	[KO_MSG_FOOT_RR] = "RR: adjusted risk ratio by modified Poisson "
		"regression (log link, robust SE; Zou 2004); ",
	[KO_MSG_FOOT_RD] = "RD: adjusted risk difference in percentage points "
		"for the levels of %s (marginal standardisation of the adjusted "
		"model: mean predicted risk with everyone at the level minus "
		"with everyone at the reference; delta-method CI); ",
	[KO_MSG_FOOT_P_EVENTS] = "p on a term's row: joint Wald test of all its "
		"levels. Events: n (%%) of the persons at the level.",
	[KO_MSG_FOOT_SEPARATED] = " %s: not estimable, separation: the outcome "
		"is (almost) perfectly predicted at this level, so the "
		"maximum-likelihood odds ratio runs off to 0 or infinity and its "
		"CI and p, and the term's joint test, mean nothing (consider "
		"estimator = firth, or merging levels).",
	[KO_MSG_FOOT_ALIASED] = " %s: not estimable, aliased: linearly "
		"dependent on other terms of the model (R's NA).",
	[KO_MSG_FOOT_PAF] = " Attributable fraction: the share of the events "
		"that would not occur with everyone at the reference level of %s "
		"(1 minus the standardised risk at the reference over the "
		"observed risk), delta-method CI on log(1 - PAF); attributable "
		"cases: the fraction times the model's events.",

	[KO_MSG_FOREST_AXIS] = "Adjusted odds ratio (log scale)",
	[KO_MSG_FOREST_SEPARATED] = "%s not estimable: separation (the odds "
		"ratio runs off to 0 or infinity)",
	[KO_MSG_FOREST_ALIASED] = "%s not estimable: aliased (linearly "
		"dependent on other terms)",
	[KO_MSG_FOREST_BOTH] = "%s not estimable: separation; %s not "
		"estimable: aliased",

	[KO_MSG_HTML_STUDY] = "Study",
	[KO_MSG_HTML_THRESHOLD] = "disclosure threshold %d",
	[KO_MSG_HTML_TABLE1] = "Table 1: characteristics",
	[KO_MSG_HTML_T1_EXPOSURE] = "Characteristics by exposure",
	[KO_MSG_HTML_MODELS] = "Models",
	[KO_MSG_HTML_REGIONAL] = "Regional table",
	[KO_MSG_HTML_WARNINGS] = "Warnings",
	[KO_MSG_HTML_METHODS] = "Methods",
	[KO_MSG_HTML_FLOW_CAPTION] = "Figure 1. Cohort flow: persons remaining "
		"after each rule and persons excluded by it.",
	[KO_MSG_HTML_FOREST_CAPTION] = "Adjusted odds ratios with %s%% "
		"confidence intervals (log scale); suppressed levels are not "
		"drawn.",
	[KO_MSG_FOOT_MODEL_RR] = "Crude: one model per exposure. Adjusted: all "
		"terms together. RR: risk ratio with %s%% confidence interval; ",
	[KO_MSG_FOOT_MODEL_HR] = "Crude: one model per exposure. Adjusted: all "
		"terms together. HR: hazard ratio with %s%% confidence interval; ",
	[KO_MSG_FOOT_MODEL_IRR] = "Crude: one model per exposure. Adjusted: all "
		"terms together. IRR: incidence rate ratio with %s%% confidence "
		"interval; ",
	[KO_MSG_FOREST_AXIS_RR] = "Adjusted risk ratio (log scale)",
	[KO_MSG_FOREST_AXIS_HR] = "Adjusted hazard ratio (log scale)",
	[KO_MSG_FOREST_AXIS_IRR] = "Adjusted incidence rate ratio (log scale)",
	[KO_MSG_HTML_FOREST_CAPTION_RR] = "Adjusted risk ratios with %s%% "
		"confidence intervals (log scale); suppressed levels are not "
		"drawn.",
	[KO_MSG_HTML_FOREST_CAPTION_HR] = "Adjusted hazard ratios with %s%% "
		"confidence intervals (log scale); suppressed levels are not "
		"drawn.",
	[KO_MSG_HTML_FOREST_CAPTION_IRR] = "Adjusted incidence rate ratios with "
		"%s%% confidence intervals (log scale); suppressed levels are "
		"not drawn.",
};
