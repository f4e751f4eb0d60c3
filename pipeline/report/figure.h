/*
 * figure.h - report figures drawn with cairo: a forest plot of estimates
 * with confidence intervals on a log scale, and a cohort flow diagram.
 *
 * Each figure is drawn by one function onto a cairo context, whatever the
 * output: SVG, PDF or PNG (PNG at 2x resolution for print).  Files are
 * written atomically (outfile.h) and the bytes depend only on the input:
 * the PDF's creation date is fixed and the SVG's surface ids are numbered
 * from 1 in every file.  Numbers are formatted as in the tables
 * (struct ko_number_format: decimal mark, digit groups, decimals).
 *
 * The caller keeps ownership of everything passed in.
 */
#ifndef KO_FIGURE_H
#define KO_FIGURE_H

#include "error.h"
#include "table.h"

enum ko_figure_format { KO_FIG_SVG, KO_FIG_PDF, KO_FIG_PNG };

/* The registry of figure formats, in output order: the report writes every
 * figure once per entry, as figures/NAME.EXT, and lists the files in this
 * order (ko_report_output).  A new format is its cairo surface in figure.c
 * (make_surface) and one line in ko_figure_outputs. */
struct ko_figure_output {
	const char *ext;               /* the file extension: "svg" */
	enum ko_figure_format format;
};

extern const struct ko_figure_output ko_figure_outputs[];
extern const size_t ko_figure_n_outputs;

enum ko_forest_kind {
	KO_FOREST_HEADING,   /* a term's name; no estimate */
	KO_FOREST_ESTIMATE,  /* est with [low, high] */
	KO_FOREST_REF,       /* the reference level: "1 (ref)" at 1 */
	KO_FOREST_SUPPRESSED,/* disclosure control hid it: not drawn */
	KO_FOREST_NOTE       /* not estimable: note instead of an estimate,
				nothing drawn, not in the axis range */
};

struct ko_forest_row {
	const char *label;
	int level; /* indent: 0 term, 1 level */
	enum ko_forest_kind kind;
	double est, low, high;
	const char *note; /* KO_FOREST_NOTE: shown in the estimate column
			     ("–†") */
};

struct ko_forest {
	const char *title;      /* may be NULL */
	const char *est_header; /* "OR (95% CI)" */
	const char *axis_label; /* "Odds ratio (log scale)" */
	const struct ko_forest_row *rows;
	int nrow;
	const char *footnote;   /* under the axis (what the notes mean); may
				   be NULL */
};

/* A forest plot of f to path in format. */
enum ko_status ko_figure_forest(const struct ko_forest *f,
				const struct ko_number_format *fmt,
				enum ko_figure_format format, const char *path,
				struct ko_err *err);

/* One box of the flow diagram: the persons remaining after the step, and
 * the persons the step excluded (a box to the side; none for the first
 * step or when n_excluded < 0).  supp_*: disclosure marks ("<T" / "x"). */
struct ko_flow_step {
	const char *label;  /* "Alive and living in Finland at age 1" */
	long n_remaining;
	long n_excluded;
	const char *reason; /* side box text; NULL = "Excluded" */
	enum ko_supp_rule supp_remaining, supp_excluded;
};

struct ko_flow_diagram {
	const char *title; /* may be NULL */
	const struct ko_flow_step *steps;
	int nstep;
	int threshold; /* for "<T" */
};

enum ko_status ko_figure_flow(const struct ko_flow_diagram *flow,
			      const struct ko_number_format *fmt,
			      enum ko_figure_format format, const char *path,
			      struct ko_err *err);

/* A cumulative-incidence figure: one step curve per group with its CI as
 * a shaded band, and the number at risk under the axis at the chosen ages.
 * The curves are drawn as given: the caller has protected them (steps
 * only where at least the threshold's number of events happened,
 * report_cuminc.c).  Values are proportions (0..1), drawn in %. */
struct ko_cuminc_series {
	const char *label;
	int nstep;                 /* points; each starts a flat segment */
	const double *age, *est, *low, *high; /* nstep each; low/high NaN: no band */
	const char *const *at_risk;/* nages texts ("120", "<5") */
};

struct ko_cuminc_figure {
	const char *title;         /* may be NULL */
	const char *x_label, *y_label, *risk_label;
	const char *footnote;      /* may be NULL */
	double x_max;              /* the curves end here */
	const double *ages;        /* the chosen ages: x ticks, at-risk columns */
	int nages;
	const struct ko_cuminc_series *series;
	int nseries;
};

enum ko_status ko_figure_cuminc(const struct ko_cuminc_figure *f,
				const struct ko_number_format *fmt,
				enum ko_figure_format format, const char *path,
				struct ko_err *err);

/* Log-scale axis ticks for [lo, hi] (lo > 0): writes up to max ticks,
 * returns how many.  Exposed for the tests. */
int ko_figure_log_ticks(double lo, double hi, double *ticks, int max);

#endif
