/*
 * disclosure.h - small-count suppression for tables that leave the secure
 * environment.
 *
 * A count table (struct ko_ctable) is a grid of counts with, optionally, a
 * published total per row (a total column), a published total per column
 * (a total row) and, when both, the grand total.  Every row and column of
 * this extended grid is a "line": its interior cells sum to its total.
 *
 * ko_disclosure_protect marks
 *   primary:   every count (interior or total) with 0 < n < threshold;
 *   secondary: further cells, so that no line has exactly one suppressed
 *              cell, and then, until an attacker who knows the published
 *              cells, the line equations, that a "<T" cell lies in
 *              [1, T-1] and that an "x" cell is at least T (complements are
 *              never zero or small) cannot pin any suppressed cell to one
 *              value: its minimum and maximum under those constraints
 *              (linear programs, GLPK) differ.
 * Complements are the smallest nonzero interior cells of the line; totals
 * only when the line has no other candidate.  Where the "<T" labels alone
 * would pin a cell whatever else is hidden (1, 1 and their total 2 at
 * T = 3), a "<T" is shown as "x" instead (marked secondary; the audit
 * takes it as at least 1): every table can be protected, none is refused.
 * See docs/outputs.md.
 *
 * ko_disclosure_protect_table does this on the count cells of a report
 * table (struct ko_table) and writes the marks back; cells derived from a
 * suppressed count are then marked with ko_disclosure_derive or
 * ko_table_suppress_row.  ko_supp_log collects what every table suppressed
 * and writes tables/suppression.csv (never the suppressed values).
 *
 * Ownership: a ko_ctable lives in the caller's memory (_init/_release) and
 * owns its arrays; a ko_supp_log likewise.
 */
#ifndef KO_DISCLOSURE_H
#define KO_DISCLOSURE_H

#include "error.h"
#include "table.h"

/* KO_DISCLOSURE_MIN_THRESHOLD, the smallest threshold: table.h (the config
 * checks it below this layer). */

struct ko_ctable {
	int nrow, ncol;         /* interior */
	int row_totals;         /* a total column (one per row) is published */
	int col_totals;         /* a total row (one per column) is published */
	int stride;             /* ncol + row_totals */
	long *n;                /* (nrow + col_totals) x stride, row-major */
	enum ko_supp_rule *supp;/* same shape */
};

/* Allocate an all-zero table.  Totals sit in the last row / column. */
enum ko_status ko_ctable_init(struct ko_ctable *ct, int nrow, int ncol,
			      int row_totals, int col_totals,
			      struct ko_err *err);
void ko_ctable_release(struct ko_ctable *ct);

/* Cell (r, c); r == nrow is the total row, c == ncol the total column. */
long *ko_ctable_n(struct ko_ctable *ct, int r, int c);
enum ko_supp_rule ko_ctable_supp(const struct ko_ctable *ct, int r, int c);

/* Set the published totals to the sums of the interior (KO_ERR_NOMEM). */
enum ko_status ko_ctable_sum_totals(struct ko_ctable *ct);

/* Mark primary and secondary suppressions (earlier marks are cleared).
 * threshold >= KO_DISCLOSURE_MIN_THRESHOLD (a caller's error otherwise:
 * KO_ERR_USAGE).  KO_ERR_DATA if the totals do not add up or a negative
 * count is given; KO_ERR_NUMERIC if the audit's LP fails.  Never refuses a
 * table for its small counts. */
enum ko_status ko_disclosure_protect(struct ko_ctable *ct, int threshold,
				     struct ko_err *err);

/* The same with cells that must be suppressed whatever their count
 * (keep[i] nonzero, row-major over the extended grid; secondary unless
 * primary): a cell another table hides.  keep may be NULL. */
enum ko_status ko_disclosure_protect_keep(struct ko_ctable *ct, int threshold,
					  const unsigned char *keep,
					  struct ko_err *err);

/* The least (*lo) and greatest (*hi) value of column j of the GLPK linear
 * program lp (±INFINITY when unbounded), the objective left at 0: 0, or
 * nonzero when the LP fails.  The bound of a hidden count, for the audit
 * below and the whole-export audit (export_audit.h). */
struct glp_prob;
int ko_disclosure_lp_range(struct glp_prob *lp, int j, double *lo, double *hi);
/* One end: column j optimised in direction dir (GLP_MIN or GLP_MAX), *x the
 * optimum (±INFINITY when unbounded), the LP left at that optimum (its
 * primal values readable) and its objective at 0: 0, or nonzero when the
 * LP fails. */
int ko_disclosure_lp_end(struct glp_prob *lp, int j, int dir, double *x);

/* The audit: for each suppressed cell (row-major order of the extended
 * grid), the least and greatest value consistent with what the table
 * publishes (the attacker's knowledge above).  lo and hi have room for
 * every cell of the extended grid; unsuppressed cells get their value.
 * *exposed = number of suppressed cells with lo == hi. */
enum ko_status ko_disclosure_audit(const struct ko_ctable *ct, int threshold,
				   double *lo, double *hi, int *exposed,
				   struct ko_err *err);

/* Where a count table sits in a report table: table rows of the interior
 * rows, table columns of the interior columns, and the table row / column
 * holding the totals (-1: not published). */
struct ko_count_block {
	int nrow, ncol;
	const int *rows;
	const int *cols;
	int total_row;
	int total_col;
};

/* Protect the count cells (KO_CELL_COUNT / KO_CELL_COUNT_PCT) of block in t
 * and mark them in t; sets t->threshold. */
enum ko_status ko_disclosure_protect_table(struct ko_table *t,
					   const struct ko_count_block *block,
					   int threshold, struct ko_err *err);

/* The same, but count cells of block already marked suppressed in t stay
 * suppressed (as secondary when not primary): cells another table or a
 * nested population requires hidden; complements are then chosen around
 * them. */
enum ko_status ko_disclosure_protect_table_keep(struct ko_table *t,
						const struct ko_count_block *block,
						int threshold, struct ko_err *err);

/* Mark cell (r, derived_col) derived-suppressed in every row whose cell
 * (r, count_col) is suppressed: a percentage, mean or median of a group. */
void ko_disclosure_derive(struct ko_table *t, int count_col, int derived_col);

/* Mark every cell of t that is a function of counts only as rounded
 * (table.h): a percentage of a count (count_pct, percent) and a number of
 * persons estimated from counts (count_ci).  The csv and xlsx then carry
 * the digits shown and no more; the model table marks its crude columns
 * itself.  See docs/outputs.md, "Counts-derived statistics". */
void ko_disclosure_round_derived(struct ko_table *t);

/* The suppression log: one entry per suppressed cell of every table. */
struct ko_supp_entry {
	char *table, *row, *column;
	enum ko_supp_rule rule;
};

struct ko_supp_log {
	struct ko_supp_entry *entries;
	int n, cap;
};

void ko_supp_log_init(struct ko_supp_log *log);
void ko_supp_log_release(struct ko_supp_log *log);

/* Add every suppressed cell of t (row-major). */
enum ko_status ko_supp_log_add_table(struct ko_supp_log *log,
				     const struct ko_table *t,
				     struct ko_err *err);

/* Write table,row,column,rule (one header row) atomically to path. */
enum ko_status ko_supp_log_write(const struct ko_supp_log *log,
				 const char *path, struct ko_err *err);

#endif
