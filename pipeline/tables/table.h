/*
 * table.h - report tables in memory, and their writers (csv, md, html, tex,
 * xlsx).
 *
 * A table is a grid of typed cells under one or two header rows, with a
 * label column on the left (the "stub").  Rows carry a display label, an
 * indent level (0 = a term or heading, 1 = a level under it) and, for the
 * tidy csv, the term and level they stand for.  Cells keep full-precision
 * numbers; formatting happens only in the writers, under a struct ko_number_format
 * (decimal places per kind, decimal mark, p-value floor), so the same table
 * gives a machine-readable csv and a Finnish md/html/tex/xlsx.
 *
 *     struct ko_table *t = ko_table_new("model_1", "Placement before 18");
 *     int c = ko_table_add_col(t, "OR (95% CI)", "Adjusted", KO_COL_ESTIMATE);
 *     int r = ko_table_add_row(t, "Social assistance", 0, "sa_years", NULL);
 *     ko_table_set_estimate(t, r, c, 2.41, 1.9, 3.1);
 *     ko_table_write(t, KO_TABLE_MD, &fmt, "output/x/tables/model_1.md", err);
 *     ko_table_free(t);
 *
 * Ownership: the table owns every string it was given (it copies them) and
 * its cells; ko_table_free releases all.  Row and column indices are dense
 * and stable (0, 1, ...).  Cells that disclosure control suppressed carry
 * the rule; writers print "<T" (primary) or the suppression mark instead of
 * the value and never write the number.
 */
#ifndef KO_TABLE_H
#define KO_TABLE_H

#include <stddef.h>

#include "error.h"

/* The smallest disclosure threshold: a count 0 < n < T is shown "<T" and
 * zeros are published, so at T = 2 "<2" would say "exactly 1" and no
 * suppression could hide it.  [study] disclosure_threshold is checked
 * against this once, in the config (config.c); the functions below take
 * it as a precondition. */
#define KO_DISCLOSURE_MIN_THRESHOLD 3

/* Text cells of a model table where a coefficient is not estimable: a dash
 * and a footnote mark (the table's footnote says what it means).  The
 * tidy csv writes them as the words in its note column. */
#define KO_TABLE_MARK_SEPARATED "\xe2\x80\x93\xe2\x80\xa0" /* "–†" */
#define KO_TABLE_MARK_ALIASED "\xe2\x80\x93\xe2\x80\xa1"   /* "–‡" */

enum ko_cell_kind {
	KO_CELL_EMPTY = 0,
	KO_CELL_TEXT,        /* text */
	KO_CELL_COUNT,       /* v[0] = n */
	KO_CELL_COUNT_PCT,   /* v[0] = n, v[1] = percent: "n (p)" */
	KO_CELL_PERCENT,     /* v[0] = percent */
	KO_CELL_NUMBER,      /* v[0]: a statistic (SMD, AUC, ...) */
	KO_CELL_MEAN_SD,     /* v[0] = mean, v[1] = SD */
	KO_CELL_MEDIAN_IQR,  /* v[0] = median, v[1] = Q1, v[2] = Q3 */
	KO_CELL_ESTIMATE_CI, /* v[0] = estimate, v[1] = low, v[2] = high */
	KO_CELL_PVALUE,      /* v[0] = p */
	KO_CELL_REF,         /* reference level: v[0] = its value, "1 (ref)" */
	KO_CELL_PCT_CI,      /* v[0..2] as ESTIMATE_CI on a percent scale
				(risk differences in percentage points, an
				attributable fraction in %): digits_percent */
	KO_CELL_COUNT_CI,    /* v[0..2] as ESTIMATE_CI, an estimated number of
				persons (attributable cases): whole numbers;
				primary suppression shows "<T" */
	KO_CELL_WHOLE,       /* v[0]: a whole number that is not a count of
				persons (person-years): no decimals in any
				format, the count's digit grouping */
	KO_CELL_KIND_COUNT
};

/* Why a cell is suppressed (disclosure.h decides; the writers obey). */
enum ko_supp_rule {
	KO_SUPP_NONE = 0,
	KO_SUPP_PRIMARY,   /* a count in 1..threshold-1 */
	KO_SUPP_SECONDARY, /* hides a primary cell from the margins */
	KO_SUPP_DERIVED    /* built from a suppressed count */
};

/* What a column holds, for the tidy csv of model tables. */
enum ko_col_role {
	KO_COL_OTHER = 0,
	KO_COL_N,        /* persons in the row's group */
	KO_COL_EVENTS,   /* outcome events in the row's group */
	KO_COL_ESTIMATE, /* estimate with CI (or reference) */
	KO_COL_P         /* p-value belonging to the estimate of its group */
};

struct ko_cell {
	enum ko_cell_kind kind;
	enum ko_supp_rule supp;
	int rounded; /* a function of counts only (a percentage of a count, a
			crude estimate or p, attributable cases): the csv and
			xlsx get the value rounded to the digits shown, never
			more (docs/outputs.md); the setters clear it */
	int whole;   /* MEAN_SD, MEDIAN_IQR: shown without decimals whatever
			digits_mean says (Table 1's median and quartiles of
			a whole-valued variable); the setters clear it */
	double v[3];
	/* an estimate on a ratio scale (OR, RR, ...): its CI on the log scale,
	 * conf_low_log and conf_high_log of the tidy csv, which stay finite
	 * where exp() of an end is 0 or Inf; NaN: none (every setter sets NaN,
	 * ko_table_set_log_ci the values) */
	double lg[2];
	char *text; /* KO_CELL_TEXT only; owned */
};

struct ko_table_col {
	char *header; /* lower header row: "OR (95% CI)" */
	char *group;  /* upper header row, spanning adjacent equal groups: "Adjusted"; NULL none */
	enum ko_col_role role;
	char *shown;  /* the header md, html, tex and xlsx show ("No, N = 9 274");
			 NULL: header.  The tidy csv's column is header */
	int csv_only; /* not shown in md, html, tex and xlsx: the tidy csv
			 (and csv2) only (ko_table_hide_col) */
};

struct ko_table_row {
	char *label; /* shown in the stub */
	int level;   /* indent: 0 term/heading, 1 level under it, ... */
	char *term;  /* tidy csv "term"; NULL = label */
	char *value; /* tidy csv "level"; NULL = none */
	int csv_only; /* as struct ko_table_col's */
	int overlaps; /* a model table's level of a term a person passes
			 through in split follow-up (age bands, a time-varying
			 count): the levels' persons do not sum to the
			 model's, its events do (export_audit.h) */
};

struct ko_table {
	char *name;        /* file stem and sheet name: "table1", "model_1" */
	char *title;
	char *footnote;    /* NULL none */
	char *stub_header; /* header of the label column; NULL = "" */
	int model;         /* nonzero: tidy csv in the broom layout (see docs/outputs.md) */
	int threshold;     /* disclosure threshold shown as "<T"; set by disclosure control */
	double ci_level;   /* model tables: confidence level of the CIs
			      (0.95); 0 otherwise */
	int nrow, ncol;
	struct ko_table_row *rows;
	struct ko_table_col *cols;
	struct ko_cell *cells; /* nrow * ncol, row-major */
	size_t row_cap;
};

enum ko_table_format {
	KO_TABLE_CSV,
	KO_TABLE_MD,
	KO_TABLE_HTML,      /* a fragment: <table> with caption and footnote */
	KO_TABLE_HTML_PAGE, /* a standalone page around the fragment */
	KO_TABLE_TEX,
	KO_TABLE_CSV2       /* the csv for a spreadsheet with a decimal comma:
			     * ';' between fields, ',' in numbers */
};

struct ko_number_format;

/* The style of a kohort table (class kohort-table), one stylesheet for
 * report.html and the standalone tables/NAME.html pages: a string
 * literal, so that report.html's stylesheet is this plus its page rules. */
#define KO_TABLE_CSS \
	"table.kohort-table{border-collapse:collapse;margin:1em 0;font-size:.85em}\n" \
	"table.kohort-table caption{text-align:left;font-weight:bold;" \
	"margin-bottom:.4em}\n" \
	"table.kohort-table th,table.kohort-table td{padding:3px 7px;" \
	"border-bottom:1px solid #e3e3e3}\n" \
	"table.kohort-table thead th{border-bottom:2px solid #555;" \
	"text-align:center}\n" \
	"table.kohort-table th[scope=row]{text-align:left;font-weight:normal}\n" \
	"table.kohort-table tr.level-0 th[scope=row]{font-weight:bold}\n" \
	"table.kohort-table tr.level-1 th[scope=row]{padding-left:2em}\n" \
	"table.kohort-table td{text-align:right;white-space:nowrap}\n" \
	"table.kohort-table td.supp{color:#a00}\n" \
	"table.kohort-table tfoot td{text-align:left;white-space:normal;" \
	"font-size:.85em;color:#555;border:none}\n"

/* The registry of table formats: one entry per format that [report]
 * formats can name, shared by the config (names), the report (which files,
 * in this order) and the writers.  Adding a format is a writer and one line
 * in ko_table_outputs (table.c).  A per-table format writes
 * tables/NAME.EXT for each table (write gets one table); a workbook format
 * writes all tables into tables/tables.EXT. */
struct ko_table_output {
	const char *name;  /* in [report] formats, and the file extension */
	int workbook;      /* 1: one file for all tables */
	enum ko_status (*write)(struct ko_table *const *tables, int n,
				const struct ko_number_format *fmt,
				const char *path, struct ko_err *err);
	const char *ext;   /* the file extension when not name */
	int optional;      /* 1: written only when [report] formats names it */
};

/* The registry, in output order; bit i of [report] formats selects entry i. */
extern const struct ko_table_output ko_table_outputs[];
extern const size_t ko_table_n_outputs;

/* Format i's file extension ("csv", "excel.csv"). */
const char *ko_table_output_ext(size_t i);

/* The formats written when [report] formats is not given: bit i for every
 * entry that is not optional. */
unsigned ko_table_default_formats(void);

/* The index of the format named by the len bytes at name, or -1. */
int ko_table_output_find(const char *name, size_t len);

/* The names of every format, ", "-separated ("csv, md, html, tex, xlsx"),
 * into buf (cut to size, NUL-terminated). */
void ko_table_output_names(char *buf, size_t size);

struct ko_number_format {
	char decimal_mark;      /* '.' or ','; csv always writes '.' */
	const char *thousands_sep; /* NULL none, or " ", "," or a no-break space
				    * (fi, sv) between digit groups of counts */
	int digits_percent;     /* 1 */
	int digits_number;      /* 2 */
	int digits_mean;        /* 1: mean, SD, median, IQR (a cell marked
				 * whole: 0) */
	int digits_estimate;    /* 2 */
	int digits_p;           /* 3 */
	double p_floor;         /* 0.001: smaller p shown as "<0.001" */
	const char *p_below;    /* NULL: "<"; fi, sv "< " ("< 0,001") */
	int lang;               /* enum ko_lang (lang.h): figures' fixed texts */
	const char *supp_mark;  /* "x": secondary and derived suppressed cells */
	int csv_bom;            /* 1: the csv files start with a UTF-8 BOM */
};

/* The defaults above. */
void ko_format_init(struct ko_number_format *fmt);

/* A new empty table; name and title are copied.  NULL on no memory. */
struct ko_table *ko_table_new(const char *name, const char *title);
void ko_table_free(struct ko_table *t);

/* Set or replace the footnote / stub header (copied; NULL clears). */
enum ko_status ko_table_set_footnote(struct ko_table *t, const char *text);
enum ko_status ko_table_set_stub_header(struct ko_table *t, const char *text);

/* Add a column (before any row is added); returns its index or -1 on no
 * memory.  group may be NULL. */
int ko_table_add_col(struct ko_table *t, const char *header,
		     const char *group, enum ko_col_role role);

/* Add a row of empty cells; returns its index or -1 on no memory.  term and
 * value may be NULL. */
int ko_table_add_row(struct ko_table *t, const char *label, int level,
		     const char *term, const char *value);

/* The cell at (row, col); asserts the indices. */
struct ko_cell *ko_table_cell(struct ko_table *t, int row, int col);
const struct ko_cell *ko_table_cell_c(const struct ko_table *t, int row,
				      int col);

/* Setters: each replaces the cell (and clears its suppression). */
void ko_table_set_count(struct ko_table *t, int r, int c, double n);
void ko_table_set_count_pct(struct ko_table *t, int r, int c, double n,
			    double pct);
void ko_table_set_percent(struct ko_table *t, int r, int c, double pct);
void ko_table_set_number(struct ko_table *t, int r, int c, double x);
void ko_table_set_whole(struct ko_table *t, int r, int c, double x);
void ko_table_set_mean_sd(struct ko_table *t, int r, int c, double mean,
			  double sd);
void ko_table_set_median_iqr(struct ko_table *t, int r, int c, double median,
			     double q1, double q3);
void ko_table_set_estimate(struct ko_table *t, int r, int c, double est,
			   double low, double high);
/* The CI on the log scale of the estimate set at (r, c) just before (an
 * odds, risk or hazard ratio): the tidy csv's conf_low_log, conf_high_log. */
void ko_table_set_log_ci(struct ko_table *t, int r, int c, double low_log,
			 double high_log);
void ko_table_set_p(struct ko_table *t, int r, int c, double p);
void ko_table_set_ref(struct ko_table *t, int r, int c);
/* A reference level whose value is not 1: "0 (ref)" for a difference. */
void ko_table_set_ref_value(struct ko_table *t, int r, int c, double value);
/* Estimates with CI of the two kinds above. */
void ko_table_set_pct_ci(struct ko_table *t, int r, int c, double est,
			 double low, double high);
void ko_table_set_count_ci(struct ko_table *t, int r, int c, double est,
			   double low, double high);
enum ko_status ko_table_set_text(struct ko_table *t, int r, int c,
				 const char *text);

/* Row r / column c shown in the tidy csv (and csv2) only, not in md,
 * html, tex or xlsx: a count a report author chose not to show
 * ([report] table1_missing = hide) that is still what disclosure control
 * made of it, so the machine-readable csv and the audit keep it. */
void ko_table_hide_row(struct ko_table *t, int r);
void ko_table_hide_col(struct ko_table *t, int c);
/* The header column c shows in md, html, tex and xlsx (copied; NULL: its
 * header). */
enum ko_status ko_table_set_col_shown(struct ko_table *t, int c,
				      const char *text);
/* A copy of t as md, html, tex and xlsx show it: without its csv-only
 * rows and columns, each column's shown header as its header.  NULL on
 * no memory. */
struct ko_table *ko_table_display_copy(const struct ko_table *t);
/* Whether t has a csv-only row or column or a shown header (a display
 * copy differs from t). */
int ko_table_needs_display_copy(const struct ko_table *t);

/* Mark a cell suppressed by rule (keeps its value for the log; writers
 * never print it). */
void ko_table_suppress(struct ko_table *t, int r, int c,
		       enum ko_supp_rule rule);

/* A model table's column of a role for the estimates of group (the tidy
 * csv's n, events and p of a model): the first column with role in group,
 * else the first with role in any group (for KO_COL_P: -1); -1 none. */
int ko_table_role_col(const struct ko_table *t, enum ko_col_role role,
		      const char *group);

/* Mark cell (r, c) as a function of counts only (struct ko_cell's
 * rounded): every file gets it at the digits shown. */
void ko_table_round_cell(struct ko_table *t, int r, int c);
/* Show cell (r, c), a MEAN_SD or MEDIAN_IQR, without decimals (struct
 * ko_cell's whole): "3500 (3130–3880)" in md, html, tex and xlsx; the
 * tidy csv keeps the full values. */
void ko_table_whole_cell(struct ko_table *t, int r, int c);
/* The value v[k] of cell as written to the csv and xlsx: itself, or when
 * the cell is rounded, the number its shown text says (digits of fmt; a
 * p below fmt->p_floor, shown "<0.001", is 0). */
double ko_table_export_value(const struct ko_cell *cell, int k,
			     const struct ko_number_format *fmt);
/* Suppress every non-empty cell of row r that is not yet suppressed, as
 * derived: a model row of a suppressed group. */
void ko_table_suppress_row(struct ko_table *t, int r);

/* The text a cell shows under fmt (md/html/tex/xlsx), into buf.  Returns
 * the length (like snprintf).  Suppressed: "<T" or fmt->supp_mark. */
int ko_table_cell_text(const struct ko_table *t, const struct ko_cell *cell,
		       const struct ko_number_format *fmt, char *buf, size_t size);

/* Write t in one format to path, atomically (outfile.h). */
enum ko_status ko_table_write(const struct ko_table *t,
			      enum ko_table_format format,
			      const struct ko_number_format *fmt, const char *path,
			      struct ko_err *err);

/* Write tables[0..n) into one workbook, one sheet each, atomically.  The
 * bytes depend only on the tables (fixed document dates). */
enum ko_status ko_table_write_xlsx(struct ko_table *const *tables, int n,
				   const struct ko_number_format *fmt,
				   const char *path, struct ko_err *err);

/* Short name of a rule: "primary", "secondary", "derived" ("" for none). */
const char *ko_supp_rule_name(enum ko_supp_rule rule);

#endif
