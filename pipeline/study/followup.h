/*
 * followup.h - follow-up per child: entry, exit at the first of the event,
 * death, emigration, the end age and the end of data, and the exit reason
 * ([cohort] in docs/config.md).
 *
 * Computed in one pass over the children after derive, into flat arrays of
 * the derived values indexed by child (struct ko_derived's fu_entry,
 * fu_exit, fu_reason); nothing is allocated per child.  A child whose dates
 * cannot give a follow-up gets an exclusion reason (KO_FU_NO_START and
 * after), which the cohort stage counts in the flow.
 *
 * Follow-up starts at the later of birth and the entry (an entry date
 * variable before the birth date starts it at birth).
 *
 * Ties: the Nth birthday is not followed (as `window = age 0 to N-1`), so
 * an event, death or emigration on it leaves the exit reason the end age;
 * otherwise on the same day the event comes first, then death, emigration
 * and the end of data.
 */
#ifndef KO_FOLLOWUP_H
#define KO_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "derive.h"
#include "error.h"

enum ko_fu_reason {
	KO_FU_NONE,           /* not computed */
	KO_FU_EVENT,          /* exits: the first follow-up end */
	KO_FU_DEATH,
	KO_FU_EMIGRATION,
	KO_FU_END_AGE,        /* administratively censored at the end age */
	KO_FU_END_OF_DATA,    /* administratively censored at end_of_data */
	KO_FU_NO_START,       /* exclusions: no birth date, or no entry date */
	KO_FU_EXIT_BEFORE_ENTRY, /* the exit falls before the entry */
	KO_FU_EVENT_AFTER_LEAVING, /* event after death or emigration, both
				      before the administrative end */
	KO_FU_N_REASONS
};

#define KO_FU_FIRST_EXCLUSION KO_FU_NO_START

/* "event", "death", "emigration", "end_age", "end_of_data", or the
 * exclusion's flow text ("no date to start follow-up ..."). */
const char *ko_fu_reason_name(enum ko_fu_reason r);

/* 1 when a flow step's text is one of the follow-up's exclusions. */
int ko_followup_is_exclusion(const char *step);

/* Fill d's follow-up arrays from the derived date variables and birth
 * (per child, KO_DATE_NONE when missing; borrowed: it must outlive d's
 * use).  Without follow-up in cfg the arrays stay NULL.  KO_ERR_NOMEM. */
enum ko_status ko_followup_compute(const struct ko_config *cfg,
				   const int32_t *birth, struct ko_derived *d,
				   struct ko_err *err);

/* Child c's follow-up value k (config.h, enum ko_fu_value); NAN when
 * there is no follow-up or the child is excluded by it. */
double ko_followup_value(const struct ko_derived *d, enum ko_fu_value k,
			 size_t c);

/* Per reason, the children with member[c] (all when member is NULL) and
 * their follow-up days. */
void ko_followup_count(const struct ko_derived *d, const uint8_t *member,
		       long n[KO_FU_N_REASONS], double days[KO_FU_N_REASONS]);

/* The first child not in the cohort (member[c] 0; by the base extract's
 * order) whose follow-up is exclusion r (KO_FU_NO_START and after),
 * described into buf for the run log: "child ID: birth ..., event ...,
 * death ..., emigration ..., entry ..., exit ..." with the dates it has
 * ("-" when missing), so that the data can be checked.  Returns 0 when
 * there is none.  The log stays inside: it names a person. */
int ko_followup_describe(const struct ko_config *cfg,
			 const struct ko_derived *d, const struct ko_links *l,
			 const uint8_t *member, enum ko_fu_reason r,
			 char *buf, size_t size);

/* derive.c's longest window of years: the most changes of a cumulative
 * count */
#define KO_FOLLOWUP_MAX_YEARS 320

/* The days (since 1970) on which time-varying term q of model m changes
 * for child c, at most max into days; returns how many.  A date
 * variable's term (time_varying = VAR: DATE) changes on the date; a
 * cumulative count (VAR: cumulative) adds 1 on the 1st of January after
 * each year with records (the year's records are complete only when it
 * ends, so a year in which the event happens never counts before it).
 * The model stage splits follow-up there; the export writes them
 * (analysis_times.dta) for analysis.R's tmerge. */
size_t ko_followup_tv_days(const struct ko_derived *d,
			   const struct ko_cfg_model *m, size_t q, size_t c,
			   int32_t *days, size_t max);

#endif
