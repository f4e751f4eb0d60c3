/*
 * export_audit.h - the disclosure audit over the whole export (issue #13).
 *
 * Every table is protected on its own (disclosure.h) and by the rules
 * between tables (report.c); this audit is the last step before anything
 * is written.  It takes every report table at once, makes every published
 * count a variable (shown: fixed; "<T": in [1, T-1]; any other mark: an
 * unknown >= 0) and writes down every linear relation the export implies,
 * the same an outside attacker builds from the files (tests/
 * test_export_attack.c): each table's margins; the same cohort, level and
 * region in the flow, Table 1, Table 1 by exposure, the regional and the
 * linkage table; the linkage table's cohort within its base extract,
 * outcome by outcome; Table 1 by exposure's group sizes as Table 1's
 * counts of the exposure's levels; each model's levels and total nested in the cohort's
 * counts, with the persons not in the model as unpublished counts >= 0;
 * the strata of a stratified model summed against the cohort, and each
 * stratum against Table 1 by exposure; the follow-up table's exits summed
 * to its total, the cohort, and its events as Table 1's outcome events
 * (equal, or one set within the other, as the true counts are: the worst
 * case); the person-years of the follow-up and time-to-event tables (at
 * most the span from birth to the end age per person, the end age's
 * exactly it, levels summing to the model's, age bands, the model within
 * the follow-up table exit by exit).  The relations are built by
 * export_audit_rel.c, the rest here (export_audit.c).  Every
 * hidden count and every unpublished difference is bounded by linear
 * programs (GLPK).  A count pinned to one value in 1..T-1 gets the
 * cheapest change that widens its interval: a related "<T" (its own
 * first) shown as "x" (logged secondary: its lower bound 1 is what pins),
 * else the smallest related published count suppressed (secondary, with
 * the crude estimates of its row); then the audit runs again, until none
 * is pinned, or the run fails.  Then every complement ("x" of T or more in
 * Table 1 (by exposure), the regional and the model tables, whose
 * percentage is of a shown count) is tried against all tables at once,
 * the largest first, and published again where no count of the whole
 * export becomes a leak (the rule above, and no count pinned with an "x"
 * of T or more taken as at least T).  Last, a percentage whose
 * denominator ended up hidden (Table 1's column persons, the others' row's
 * first count) is not shown: "n (%)" becomes "n", a percentage alone is
 * suppressed (derived).  See docs/outputs.md, "Across tables" and
 * "Derived cells".
 *
 * Tables are recognised by name (cohort_flow, table1, table1_exposure,
 * regional, parent_linkage, follow_up, model_*) and columns by their
 * headers (the follow-up table's one count column by its rows).  A count
 * the audit hides in the follow-up table hides its person-years
 * (ko_report_followup_hide_years).
 */
#ifndef KO_EXPORT_AUDIT_H
#define KO_EXPORT_AUDIT_H

#include "error.h"
#include "table.h"

/* Audit tables[0..n) at threshold T and suppress further cells in them
 * until no small count is determined.  *added (may be NULL) = cells
 * suppressed here (before the complements not needed are published
 * again).  KO_ERR_DATA when the export cannot be protected (no
 * related count left to suppress), KO_ERR_NUMERIC when an LP fails,
 * KO_ERR_NOMEM.  lang (enum ko_lang): the language the tables' fixed
 * texts are in; they are matched by message, so every language is audited
 * alike. */
enum ko_status ko_export_audit(struct ko_table *const *tables, int n, int T,
			       int lang, int *added, struct ko_err *err);

#endif
