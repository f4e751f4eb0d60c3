/*
 * design.h - the design matrix of a formula, built from data columns as R's
 * model.frame + model.matrix build it for glm().
 *
 *     struct ko_design_column cols[] = {
 *             { "low", low, NULL }, { "age", age, NULL },
 *             { "race", NULL, race_text },
 *     };
 *     struct ko_design_input in = { n_rows, 3, cols, NULL, NULL, 0 };
 *     if (ko_design_build(&d, formula, &in, err)) goto out;
 *     ... d->x is d->n x d->p, row-major; d->names[j] as R prints them ...
 *     ko_design_free(d);
 *
 * Rules, all R's:
 * - rows with a missing value in the outcome, in any variable the formula
 *   uses or in a column listed as `required` (weights, cluster) are dropped
 *   (listwise deletion) and counted;
 * - factor levels are those present in the rows used (glm drops unused
 *   levels), sorted numerically for a numeric column (labelled as R's
 *   as.character prints the number) and by strcmp (C locale) for text;
 *   a bare text column is a factor too, as R makes it one;
 * - treatment (dummy) coding against the first level, or the level given by
 *   factor(x, ref = "level"); a factor in an interaction whose margin is
 *   absent from the model gets one column per level, and without an
 *   intercept the first factor gets all its levels (R's TermCode rules);
 * - interaction columns are products, the first variable varying fastest;
 * - names: term text + level joined by ':' ("factor(race)2:smoke").
 *
 * Ownership: input columns are borrowed; the design owns everything in it.
 */
#ifndef KO_DESIGN_H
#define KO_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "formula.h"

/* One data column: numeric (num, NaN = missing) or text (text, NULL =
 * missing).  Exactly one of num and text is non-NULL. */
struct ko_design_column {
	const char *name;
	const double *num;
	const char *const *text;
};

struct ko_design_input {
	size_t n_rows;
	size_t n_cols;
	const struct ko_design_column *cols; /* looked up by exact name */
	const unsigned char *keep;  /* row filter (subgroup), 0 = leave out;
				       NULL = every row.  Not counted as
				       missing. */
	const char *const *required; /* further columns that must be present */
	size_t n_required;
};

struct ko_design {
	size_t n;          /* rows used */
	size_t p;          /* columns, the intercept included */
	double *x;         /* n * p, row-major */
	double *y;         /* outcome of each row used */
	size_t *rows;      /* input row index of each row used */
	size_t n_input;    /* rows offered (after the keep filter) */
	size_t n_missing;  /* rows dropped for a missing value */
	char **names;      /* p coefficient names */
	int intercept;     /* column 0 is "(Intercept)" */
	size_t n_terms;    /* formula terms (the intercept is not one) */
	char **term_labels;
	size_t *term_first; /* first column of each term; columns of a term */
	size_t *term_ncols; /* are contiguous (R's "assign") */
};

#define KO_DESIGN_MAX_LEVELS 100000 /* levels of one factor */

/* Build the design of f on in.  Errors name the column: a column the data
 * lack, a non-numeric outcome, a factor with one level, a reference level
 * that is not present, no rows left. */
enum ko_status ko_design_build(struct ko_design **out,
			       const struct ko_formula *f,
			       const struct ko_design_input *in,
			       struct ko_err *err);

/* 1 when every term of f is a single variable without factor(): then the
 * design is the data itself and ko_design_wrap can skip the column copy. */
int ko_design_is_plain(const struct ko_formula *f);

/* For a plain formula: wrap a matrix already laid out as the design (n rows
 * of p = intercept + n_terms values; the intercept column holding 1) and its
 * outcome.  Takes ownership of x and y (freed with the design, also on
 * failure); n_missing is the count the caller dropped. */
enum ko_status ko_design_wrap(struct ko_design **out,
			      const struct ko_formula *f, double *x, double *y,
			      size_t n, size_t n_missing, struct ko_err *err);

void ko_design_free(struct ko_design *d);

/* Remove column 0, the intercept, from d in place (a Cox model's design:
 * built with an intercept so that factors have R's treatment contrasts,
 * as coxph's model matrix before it drops the column).  d must have one. */
void ko_design_drop_intercept(struct ko_design *d);

/* Dense codes 0, 1, ... for n strings (none NULL), numbered in order of
 * first appearance, by hashing in O(n); *n_unique gets how many.  For
 * grouping ids such as cluster (family) ids. */
enum ko_status ko_design_intern(const char *const *text, size_t n,
				int32_t *codes, size_t *n_unique,
				struct ko_err *err);

/* R's as.character() of a double (15 significant digits, fixed or
 * scientific notation by width, as R chooses): the label of a numeric
 * factor level.  buf must hold 32 bytes. */
void ko_design_format_number(double v, char *buf);

#endif
