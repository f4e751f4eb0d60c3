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
	[KO_MSG_T1_FOOT_SMD_ONLY] = " SMD: standardised mean difference (mean of the "
		"pairwise SMDs with more than two groups); missing values are left "
		"out of SMDs.",
	[KO_MSG_T1_FOOT_P_ONLY] = " p: Pearson's chi-square test (categories) or "
		"Welch's test (numbers); missing values are left out of the tests.",
	[KO_MSG_T1_FOOT_HIDDEN] = " Columns by %s are not shown: a group's size would "
		"have to be suppressed.",
	[KO_MSG_T1_FOOTNOTE_KNOWN] = "n (%) of the column's persons whose value is known "
		"(Missing: n); mean (SD); median (IQR: lower to upper quartile).",
	[KO_MSG_T1_FOOT_NOPCT] = " Where a column's Missing count is suppressed, its "
		"rows show n without a percentage.",
	[KO_MSG_T1_OR_MISSING] = "%s or missing",
	[KO_MSG_T1_FOOT_MERGED] = " \"%s\": the group together with the persons whose "
		"%s is missing, too few to be shown on their own.",
	[KO_MSG_T1_HEADER_N] = "%s, N = %s",

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
	[KO_MSG_MODEL_ALL_PERSONS] = "All persons",
	[KO_MSG_NOT_IN_MODEL] = "Not in the model (missing values)",
	[KO_MSG_FOOT_POPULATION] = " Persons and events: everyone of the cohort "
		"(subgroup, stratum) at the level, as Table 1 counts them, whatever "
		"their other values; the estimates are of those with every model "
		"variable known. Not in the model: those left out for a missing "
		"value. A crude estimate is shown only where everyone whose value of "
		"the term is known is in the model.",
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
	[KO_MSG_FOOT_POPULATION_AVAILABLE] = " Persons and events: everyone of the cohort "
		"(subgroup, stratum) at the level, as Table 1 counts them, whatever "
		"their other values. Adjusted estimates: of those with every model "
		"variable known; crude: of everyone with the outcome and the "
		"exposure known (the persons and events shown). Not in the model: "
		"those left out of the adjusted model for a missing value.",
	[KO_MSG_FOOT_CRUDE_AVAILABLE] = " Crude estimates: of everyone with the outcome and the "
		"exposure known, shown where they are the persons in the model.",

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

	[KO_MSG_FU_TITLE] = "Follow-up: how it ended",
	[KO_MSG_FU_STUB] = "End of follow-up",
	[KO_MSG_FU_CHILDREN] = "Children",
	[KO_MSG_FU_PERSON_YEARS] = "Person-years",
	[KO_MSG_FU_EVENT] = "Event: %s",
	[KO_MSG_FU_EVENT_NONE] = "none defined",
	[KO_MSG_FU_DEATH] = "Death",
	[KO_MSG_FU_EMIGRATION] = "Emigration",
	[KO_MSG_FU_END_AGE] = "Censored: age %d",
	[KO_MSG_FU_END_DATA] = "Censored: end of data",
	[KO_MSG_FU_TOTAL] = "Total",
	[KO_MSG_FU_FOOTNOTE] = "Person-years: days from entry to exit / 365.25. "
		"Each child exits at the first of the event, death, emigration, "
		"the end age and the end of data.",

	[KO_MSG_W_MODEL] = "Model ",
	[KO_MSG_W_NOT_FITTED] = ": the adjusted model could not be fitted",
	[KO_MSG_W_NO_TABLE] = "; no table.",
	[KO_MSG_W_TOO_FEW] = ": no table: too few persons or events to publish "
		"under the disclosure rule.",
	[KO_MSG_W_SEPARATION] = "separation (the odds ratio runs off to 0 or "
		"infinity)",
	[KO_MSG_W_ALIASED] = "aliased (linearly dependent on other terms)",
	[KO_MSG_W_NOT_ESTIMABLE] = ": not estimable, ",
	[KO_MSG_W_DASH_TERM] = "; shown as a dash, as is its term's joint test.",
	[KO_MSG_W_DASH] = "; shown as a dash.",

	[KO_MSG_M_FU_NONE] = "No follow-up time was computed: each outcome counts "
		"the events within its variable's own window, whether or not the "
		"child could be followed for all of it. ",
	[KO_MSG_M_FU_START] = "Follow-up started at ",
	[KO_MSG_M_FU_BIRTHDAY] = "the %d%s birthday",
	[KO_MSG_M_FU_BIRTH] = "birth",
	[KO_MSG_M_FU_ENDED] = " and ended at the first of ",
	[KO_MSG_M_FU_EVENT] = "the event",
	[KO_MSG_M_FU_DEATH] = "death, ",
	[KO_MSG_M_FU_EMIGRATION] = "emigration, ",
	[KO_MSG_M_FU_END_DATA] = " and the end of the data (%s)",
	[KO_MSG_M_FU_TAIL] = "; children who reached the birthday or the end of "
		"the data were censored there. Children whose dates give no "
		"follow-up (no start date, an exit before entry, an event after "
		"death or emigration) were excluded and are counted in the cohort "
		"flow; the follow-up table gives the exit reasons. ",

	[KO_MSG_M_AGG_VALUE] = "the recorded value of",
	[KO_MSG_M_AGG_ANY] = "whether there is any record in",
	[KO_MSG_M_AGG_COUNT] = "the number of records in",
	[KO_MSG_M_AGG_YEARS] = "the number of calendar years with a record in",
	[KO_MSG_M_AGG_FIRST] = "the date of the first record in",
	[KO_MSG_M_AGG_LAST] = "the date of the last record in",
	[KO_MSG_M_AGG_SUM] = "the sum of",
	[KO_MSG_M_AGG_MIN] = "the smallest value of",
	[KO_MSG_M_AGG_MAX] = "the largest value of",
	[KO_MSG_M_AGG_MONTHS] = "the number of months flagged in",
	[KO_MSG_M_AGG_YEARS_WITH] = "the number of years with enough months "
		"flagged in",
	[KO_MSG_M_OF_MOTHER] = " of the mother",
	[KO_MSG_M_OF_FATHER] = " of the father",
	[KO_MSG_M_OF_PARENTS] = " of either parent",
	[KO_MSG_M_WIN_AGE] = "at ages %d to %d years",
	[KO_MSG_M_WIN_DAYS] = "%d to %d days after birth",
	[KO_MSG_M_WIN_DATES] = "from %s to %s",
	[KO_MSG_M_WIN_BEFORE] = "before ",
	[KO_MSG_M_WIN_AFTER] = "after ",
	[KO_MSG_M_COMPUTED_AS] = "computed as ",
	[KO_MSG_M_IN] = " in ",
	[KO_MSG_M_EXTRACT] = "the register extract ",
	[KO_MSG_M_WITH_CODE] = " with a code ",
	[KO_MSG_M_IN_COLS] = " in ",
	[KO_MSG_M_OP_IN] = "in",
	[KO_MSG_M_OP_NOT_IN] = "not in",
	[KO_MSG_M_OP_MISSING] = "missing",
	[KO_MSG_M_OP_PRESENT] = "present",
	[KO_MSG_M_AND] = " and ",
	[KO_MSG_M_WHERE] = " where ",
	[KO_MSG_M_GROUPED_AS] = "; grouped as ",
	[KO_MSG_M_REFERENCE] = " (reference ",
	[KO_MSG_M_SHOWN_AS] = "; shown as ",
	[KO_MSG_M_NO_TABLE_FOR] = "No table for ",
	[KO_MSG_M_NO_TABLE_WHY] = ": the adjusted model was not fitted (see "
		"models/ and the run log), or its counts could not be published "
		"under the disclosure rule. ",
	[KO_MSG_M_EFFECT_RR] = "; risk ratios by modified Poisson regression (log "
		"link, sandwich SE: robust, or clustered as the model's)",
	[KO_MSG_M_STD_RISKS] = "; standardised risks of ",
	[KO_MSG_M_STD_BY] = " by marginal standardisation of the logistic model",
	[KO_MSG_M_STD_RD] = ", with risk differences in percentage points",
	[KO_MSG_M_STD_PAF] = ", and the population attributable fraction "
		"(everyone at the reference level) with the attributable cases",
	[KO_MSG_M_STD_DELTA] = " (delta-method CIs)",
	[KO_MSG_M_NO_MODELS] = "No models are specified in this study's config. ",
	[KO_MSG_M_MODELS] = "Models: logistic regression by maximum likelihood "
		"(iteratively reweighted least squares, as R's glm) unless stated; "
		"odds ratios with confidence intervals; p on a term's row is the "
		"joint Wald test of all its levels. ",
	[KO_MSG_M_MODEL] = "Model ",
	[KO_MSG_M_ON] = " on ",
	[KO_MSG_M_ADJUSTED_FOR] = ", adjusted also for ",
	[KO_MSG_M_INTERACTION] = ", with %zu interaction term",
	[KO_MSG_M_INTERACTIONS] = ", with %zu interaction terms",
	[KO_MSG_M_AMONG] = ", among children with ",
	[KO_MSG_M_IN_STRATA] = ", in strata of ",
	[KO_MSG_M_CRUDE_AND_ADJUSTED] = "; crude models with one exposure each "
		"and the adjusted model with all terms",
	[KO_MSG_M_ADJUSTED_ONLY] = "; the adjusted model only",
	[KO_MSG_M_SE] = "; standard errors: ",
	[KO_MSG_M_CI] = "; %g%% confidence intervals: ",
	[KO_MSG_M_COMPLETE_CASES] = "; complete cases (crude and adjusted models "
		"on the same children). ",
	[KO_MSG_M_AUC] = "The C-statistic (AUC) has a DeLong confidence interval. ",
	[KO_MSG_M_DRAWN_FROM] = "The cohort was drawn from the register extract ",
	[KO_MSG_M_RULES] = "The rules were applied in this order: ",
	[KO_MSG_M_EXCLUDED] = "excluded:",
	[KO_MSG_M_INCLUDED] = "included:",
	[KO_MSG_M_FINAL_COHORT] = "The final cohort has %s persons; the cohort "
		"flow figure and table give the count at every step. ",
	[KO_MSG_M_LINKED] = "Children were linked to their parents through the "
		"parents' ids in the birth record and the population register ",
	[KO_MSG_M_LINK_DROPPED] = "; a link was dropped when the id matched no "
		"one there, when the parent was younger than %d or older than %d at "
		"the birth, or when the mother had died more than %d or the father "
		"more than %d days before the birth (parent linkage table).",
	[KO_MSG_M_VARIABLES] = "Variables:",
	[KO_MSG_M_TABLE1] = "Table 1 shows categories as n (%) of the column, "
		"missing values included, and numbers as mean (SD) and median "
		"(interquartile range). Groups are compared with standardised mean "
		"differences (SMD; for a categorical variable the multivariate SMD "
		"of Yang and Dalton, for more than two groups the mean of the "
		"pairwise SMDs), Pearson's chi-square test without continuity "
		"correction and Welch's test of means; missing values are left out "
		"of SMDs and tests. ",
	[KO_MSG_M_PRODUCED_BY] = "Produced by kohort %s from the study config ",
	[KO_MSG_M_MANIFEST] = "; every input and output file is listed with its "
		"SHA-256 in manifest.json.",
	[KO_MSG_M_DISCLOSURE] = "Disclosure control: every count from 1 to %d "
		"is suppressed and shown &lt;%d; further cells (shown x) are "
		"suppressed so that no hidden count can be recomputed from the "
		"totals and other cells a table publishes, choosing the smallest "
		"such cells, and each table is audited with linear programs for the "
		"least and greatest value an attacker could infer. Percentages, "
		"means, medians, SMDs and p-values of a group with a hidden count "
		"are hidden too, and a mean or median of fewer than %d persons is "
		"not shown. In the cohort flow, a small exclusion is merged with a "
		"neighbouring step. Across tables: a count hidden in Table 1 is "
		"hidden in Table 1 by exposure, the regional and the model tables "
		"too; a model table shows the persons and events of the cohort "
		"(its subgroup or stratum) at each level as Table 1 counts them, "
		"whatever their other values, and those left out of the model for a "
		"missing value in one row (not in the model), hidden like any "
		"count; a subgroup's or stratum's count of a level (or of the whole "
		"model) is hidden where it differs from the cohort's count in Table "
		"1 by 1 to %d persons (those in the other strata), and complements "
		"are chosen around it; a crude estimate is shown only where "
		"everyone whose value of its term is known is in the model; statistics that are functions of "
		"counts only (percentages, crude odds ratios and their p-values, "
		"Table 1's SMDs and chi-square p-values of categories, attributable "
		"cases) are hidden with their counts and exported with the digits "
		"shown, and a model's attributable cases are hidden with its events. "
		"The file tables/suppression.csv lists %s "
		"suppressed cells and the rule behind each.",
	[KO_MSG_M_AUDIT] = "Whole-export audit: before any file was written, every "
		"published count of every table was put into one system of "
		"linear relations (each table's totals, the same groups in "
		"different tables, each model's counts as part of the cohort's "
		"with the persons not in the model as an unknown count, the "
		"strata of a model as parts of the cohort), and the least and "
		"greatest value of every hidden count and of every such "
		"difference was computed by linear programming. Where these "
		"bounds showed a count to be below %d without leaving every "
		"value from 1 to %d possible (what &lt;%d says), or gave a "
		"hidden count exactly, further cells were hidden (a &lt;%d "
		"shown as x, else the smallest related count) and the audit "
		"repeated until none did.",
	[KO_MSG_M_AUDIT_FOLLOWUP] = "The follow-up table's exit counts are part of it: they sum to "
		"the cohort, and its events are taken to be the outcome's "
		"events in Table 1 (the same children, or the one set within "
		"the other, as the definitions allow), so the event count is "
		"never hidden as a complement. Its person-years are given in "
		"whole years and are all hidden, the total's too, once any exit "
		"count is: a sum of follow-up times next to a hidden count "
		"bounds it (those censored at the end age each add the same "
		"years).",
	[KO_MSG_M_AVAILABLE_CASES] = "; the adjusted model on its complete cases, each crude "
		"model on everyone with its outcome and exposure known (available "
		"cases). ",
	[KO_MSG_CI_TITLE] = "Cumulative incidence of %s by %s",
	[KO_MSG_CI_STEPS_TITLE] = "Cumulative incidence of %s by %s: the steps of the figure",
	[KO_MSG_CI_X] = "Age, years",
	[KO_MSG_CI_Y] = "Cumulative incidence, %%",
	[KO_MSG_CI_AT_RISK] = "Number at risk",
	[KO_MSG_CI_COL] = "Cumulative incidence, %% (95%% CI)",
	[KO_MSG_CI_COL_RISK] = "At risk, n",
	[KO_MSG_CI_AGE] = "Age %s",
	[KO_MSG_CI_COL_AGE] = "Age, years",
	[KO_MSG_CI_AJ] = "Aalen\xe2\x80\x93Johansen estimate with death as a competing event, 95%% CI",
	[KO_MSG_CI_KM] = "1 \xe2\x88\x92 Kaplan\xe2\x80\x93Meier estimate, 95%% CI",
	[KO_MSG_CI_GRAY] = "Gray's test between the levels: p %s",
	[KO_MSG_CI_LOGRANK] = "log-rank test between the levels: p %s",
	[KO_MSG_CI_NO_TEST] = "no test between the levels (follow-up starts after birth)",
	[KO_MSG_CI_PROTECT] = "The curves step only on a %s-year age grid, once at least %d events have occurred since the last step; numbers at risk are rounded to the nearest 10.",
	[KO_MSG_M_TABLE1_KNOWN] = "Table 1 shows categories as n (%) of the column's persons whose value is "
		"known (those missing as a count), and numbers as mean (SD) and median "
		"(interquartile range). Groups are compared with standardised mean "
		"differences (SMD; for a categorical variable the multivariate SMD "
		"of Yang and Dalton, for more than two groups the mean of the "
		"pairwise SMDs), Pearson's chi-square test without continuity "
		"correction and Welch's test of means; missing values are left out "
		"of SMDs and tests. ",
	[KO_MSG_M_METHOD_LOGISTIC] = "maximum likelihood",
	[KO_MSG_M_METHOD_FIRTH] = "Firth's penalized likelihood (as logistf)",
	[KO_MSG_M_METHOD_POISSON] = "modified Poisson regression by maximum likelihood (log link, as R's glm(family = poisson)), risk ratios",
	[KO_MSG_M_METHOD_POISSON_RATE] = "Poisson regression of event counts with log person-years as offset (as R's glm(family = poisson, offset = log(pyears))), incidence rate ratios",
	[KO_MSG_M_METHOD_COX] = "Cox proportional-hazards regression by maximum partial likelihood (as R's survival::coxph), hazard ratios",
	[KO_MSG_M_SE_MODEL] = "model",
	[KO_MSG_M_SE_ROBUST] = "robust HC0",
	[KO_MSG_M_SE_CLUSTER_MOTHER] = "cluster HC0 (mother)",
	[KO_MSG_M_SE_CLUSTER_FATHER] = "cluster HC0 (father)",
	[KO_MSG_M_CI_WALD] = "wald",
	[KO_MSG_M_CI_WALD_ROBUST] = "wald (robust SE)",
	[KO_MSG_M_CI_PROFILE] = "profile likelihood",
	[KO_MSG_M_CI_PROFILE_PEN] = "profile penalized likelihood",

	[KO_MSG_RATE_HEAD] = "Rate per 1,000 person-years (%s)",
	[KO_MSG_FOOT_RATE] = " Person-years: the follow-up of the level's persons (years); rate: its events per 1,000 person-years with the exact Poisson CI. Person-years are hidden where the persons are, the rate where the persons or events are.",
	[KO_MSG_TERM_AGE_BAND] = "Age band (from age, years)",
	[KO_MSG_TERM_PERIOD] = "Calendar period (from)",
	[KO_MSG_M_TTE_SCALE] = "; time scale: age in days, each child at risk from the start to the end of its follow-up",
	[KO_MSG_M_TTE_CENSORED] = "; censored at ",
	[KO_MSG_M_TTE_CAUSE_SPECIFIC] = " (a death or emigration before the event censors follow-up: the cause-specific hazard)",
	[KO_MSG_M_TTE_TIES_EFRON] = "; tied event times handled by Efron's method",
	[KO_MSG_M_TTE_TIES_BRESLOW] = "; tied event times handled by Breslow's method",
	[KO_MSG_M_TTE_TV] = "; time-varying (follow-up split where the value changes, as survival::tmerge does, so that exposure after the event never counts): ",
	[KO_MSG_M_TTE_TV_DATE] = " (0 before, 1 from ",
	[KO_MSG_M_TTE_TV_CUM] = " (the number of years with records up to the current age, each year counted from 1 January after it)",
	[KO_MSG_M_TTE_SPLIT_AGE] = "; person-years split into age bands at the birthdays of ages %s (the age band a term of the adjusted model)",
	[KO_MSG_M_TTE_SPLIT_PERIOD] = "; person-years split into calendar periods starting %s (the period a term of the adjusted model)",
	[KO_MSG_M_TTE_COX_STRATA] = "; a baseline hazard of its own for each level of ",
	[KO_MSG_M_TTE_SPLIT_PERIOD_COX] = "; follow-up split at the calendar dates %s (the calendar period a time-varying term of the adjusted model, as survival::tmerge does)",
	[KO_MSG_FOOT_LINKAGE] = "A link that fails a rule is dropped; the child keeps its other parent.",
	[KO_MSG_FOOT_TIME_VARYING] = " A time-varying term's levels: its persons are those followed at the level at some age (a person passes through several levels, so they do not sum to the model's persons, and events have no percentage); its events and person-years are those of the time spent at the level.",
};
