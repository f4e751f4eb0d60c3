/*
 * derive.h - derived variables: per-child values folded from event rows,
 * directly or through the child -> parent links, within windows, by filters
 * and code lists; then categories and expressions.
 *
 * Values are doubles, one flat array per variable indexed by child; NAN
 * means missing.  Dates are days since 1970-01-01; labelled variables hold
 * the index of their label (ko_derived_label).
 *
 * A pass reads one extract once and folds every row into the variables it
 * derives from that extract:
 *
 *     ko_derive_next_pass(cfg, d, &extract, vars, &n)   which vars are ready
 *     ko_derive_pass_new(&pass, cfg, extract, vars, n, links, d, err)
 *     ko_derive_pass_columns(pass, &n_cols)             what to read
 *     ... ko_derive_pass_row(pass, row, err) for each row (the reader's
 *         callback ko_derive_row_fn does this) ...
 *     ko_derive_pass_finish(pass, err)   values into d
 *     ko_derive_pass_free(pass)
 *     ko_derive_exprs(cfg, d)       expression variables now computable
 *
 * Ownership: ko_derived_new/_free; a pass borrows cfg, links and d, which
 * must outlive it.
 */
#ifndef KO_DERIVE_H
#define KO_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "link.h"
#include "persons.h"
#include "reader.h"

struct ko_derived {
	size_t n_children, n_vars;
	double **val;                /* val[var][child] */
	struct ko_persons **labels;  /* labels met in data (value of a text
					column); NULL for other variables */
	uint8_t *done;               /* per variable */
	/* Follow-up per child (followup.h), computed after derive; NULL
	 * without follow-up.  Days since 1970-01-01. */
	int32_t *fu_entry, *fu_exit;
	uint8_t *fu_reason;          /* enum ko_fu_reason */
	const int32_t *fu_birth;     /* borrowed: the links' child_birth */
	/* Child c's follow-up value k (config.h), which derive's
	 * expressions read: set with the arrays by ko_followup_compute
	 * (followup.h, which includes this header; derive gets the values
	 * through this, not by including it).  NULL: NAN. */
	double (*fu_value)(const struct ko_derived *d, enum ko_fu_value k,
			   size_t c);
	/* Per variable with aggregate = years: which years each child has
	 * records in (its value counts them), for a cumulative time-varying
	 * count (ko_derived_years); NULL for the others. */
	struct ko_year_set *years;
	/* The passes' per-child scratch arrays, kept for the next pass
	 * instead of handed back to the kernel and faulted in afresh (derive.c);
	 * NULL: none kept.  ko_derived_scratch_release frees them. */
	struct ko_derive_scratch *scratch;
};

/* Child c's years are bit k of bits[c * words ...] for year first[c] + k. */
struct ko_year_set {
	size_t words;
	int32_t *first;
	uint64_t *bits;
};

struct ko_derived *ko_derived_new(const struct ko_config *cfg,
				  size_t n_children);

/* Free the scratch arrays the passes left for each other (at the end of
 * the derive stage; ko_derived_free does it too). */
void ko_derived_scratch_release(struct ko_derived *d);
void ko_derived_free(struct ko_derived *d);

/* Label of child c's value of a labelled variable, or NULL if missing. */
const char *ko_derived_label(const struct ko_derived *d,
			     const struct ko_config *cfg, size_t var, size_t c);

/* Child c's years with records of variable var (aggregate = years, in
 * its window), ascending, into years (at most max); returns how many (0
 * for a variable without them). */
size_t ko_derived_years(const struct ko_derived *d, size_t var, size_t c,
			int *years, size_t max);

/* The label of x by variable var's categories (the category that holds
 * it), or NULL when none does. */
const char *ko_derived_category(const struct ko_config *cfg, size_t var,
				double x);

/* Child c's value as printed in the analysis dataset ("NA" if missing). */
void ko_derived_format(const struct ko_derived *d, const struct ko_config *cfg,
		       size_t var, size_t c, char *buf, size_t size);

/* Evaluate an expression for child c: NAN when missing; comparisons and
 * logic give 0 or 1 (and/or as in R: FALSE and NA = FALSE, TRUE or NA =
 * TRUE). */
double ko_derive_eval(const struct ko_config *cfg, const struct ko_derived *d,
		      const struct ko_expr *ex, size_t c);

/* Variables of extract x whose dependencies are all derived (written to
 * vars, which holds cfg->n_vars entries); returns how many.  Passes over
 * different extracts touch disjoint variables and may run concurrently. */
size_t ko_derive_ready(const struct ko_config *cfg, const struct ko_derived *d,
			size_t x, size_t *vars);

/* 1 while some variable is not derived yet. */
int ko_derive_pending(const struct ko_config *cfg, const struct ko_derived *d);

/* Next extract to read and the variables (at most cfg->n_vars) whose
 * dependencies are done; returns 0 when none is left, -1 when the remaining
 * ones can never be derived (a dependency cycle). */
int ko_derive_next_pass(const struct ko_config *cfg,
			const struct ko_derived *d, size_t *extract,
			size_t *vars, size_t *n);

/* Compute every expression variable whose dependencies are done; returns
 * how many were computed. */
size_t ko_derive_exprs(const struct ko_config *cfg, struct ko_derived *d);

struct ko_derive_pass;

enum ko_status ko_derive_pass_new(struct ko_derive_pass **out,
				  const struct ko_config *cfg, size_t extract,
				  const size_t *vars, size_t n_vars,
				  const struct ko_links *links,
				  struct ko_derived *d, struct ko_err *err);

/* Columns to select from the extract, in the order rows deliver them. */
const struct ko_column *ko_derive_pass_columns(const struct ko_derive_pass *p,
					       size_t *n);

/* The columns ko_derive_pass_columns would give for a pass over extract
 * for vars, from the config alone (no links or values needed yet): what
 * an earlier read of the extract keeps for the pass (study.c).  cols
 * holds cfg->extracts[extract].n_cols entries. */
enum ko_status ko_derive_columns(const struct ko_config *cfg, size_t extract,
				 const size_t *vars, size_t n_vars,
				 struct ko_column *cols, size_t *n_cols,
				 struct ko_err *err);

/* The rows p is given next carry, in an id column's v.integer, the id's
 * index in links->dict + 1 when known (0 when not): a row store's replay
 * (rowstore.h) into a pass made with the links whose dictionary the store
 * used.  The pass then takes the index instead of looking the id up. */
void ko_derive_pass_indexed_ids(struct ko_derive_pass *p, int on);

enum ko_status ko_derive_pass_row(struct ko_derive_pass *p,
				  const struct ko_row *row, struct ko_err *err);

/* ko_row_fn for the reader: ctx is the pass. */
int ko_derive_row_fn(void *ctx, const struct ko_row *row, struct ko_err *err);

/* Values into d; KO_ERR_DATA when a unique extract had a person twice. */
enum ko_status ko_derive_pass_finish(struct ko_derive_pass *p,
				     struct ko_err *err);
void ko_derive_pass_free(struct ko_derive_pass *p);

#endif
