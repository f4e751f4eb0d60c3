/*
 * report_impl.h - what the parts of the report stage share, for
 * pipeline/report/report*.c only (report.h is the stage's interface; this
 * header is its inside, as SQLite's vdbeInt.h): the stage's state, struct
 * report, and the functions one part calls in another.
 *
 *   report.c          the stage: build every table, audit the export,
 *                     write; the list of the files it writes
 *   report_tables.c   Table 1, regional; the variables as levels (factor)
 *   report_flow.c     the cohort flow and its protection, parent linkage
 *   report_models.c   the model tables, from the model stage's results
 *   report_models_protect.c  their protection (report_models_impl.h)
 *   report_figures.c  the flow diagram and the forest plots (figure.h)
 *   report_html.c     report.html and its methods text
 */
#ifndef KO_REPORT_IMPL_H
#define KO_REPORT_IMPL_H

#include <math.h>
#include <stddef.h>

#include "disclosure.h"
#include "figure.h"
#include "model.h"
#include "report.h"

#define MAX_TABLES 32
#define MAX_TEXTS 64

struct cuminc_plot;

struct report {
	struct ko_study *s;
	const struct ko_config *cfg;
	struct ko_number_format fmt;
	int threshold;
	size_t *members; /* child indices of the cohort */
	size_t n;
	struct ko_table *tables[MAX_TABLES];
	int n_tables;
	struct ko_supp_log log;
	/* the cohort flow after protection, for the diagram */
	struct ko_flow_step *steps;
	int nstep;
	char *texts[MAX_TEXTS]; /* owned strings the steps point to */
	int n_texts;
	enum ko_lang lang;      /* [report] language: every fixed text */
	struct cuminc_plot *cuminc; /* report_cuminc.c's, or NULL */
};

/* A fixed text in the report's language (lang_*.c). */
static inline const char *tx(const struct report *r, enum ko_msg id)
{
	return ko_lang_text(r->lang, id);
}

static inline const char *var_label(const struct ko_config *cfg, size_t v)
{
	return cfg->vars[v].label ? cfg->vars[v].label : cfg->vars[v].name;
}

static inline double value(const struct report *r, size_t v, size_t m)
{
	return r->s->derived->val[v][r->members[m]];
}

static inline double pct(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : NAN;
}

#define MAX_LEVELS 64

/* A variable over the cohort's members as levels: code[m] is member m's
 * level or -1 (missing).  Labels are borrowed from the config, the derived
 * values' label dictionary or static strings. */
struct factor {
	int nlev;
	const char *labels[MAX_LEVELS]; /* the values: "1", "2-3", "No" */
	const char *shown[MAX_LEVELS];  /* as tables show them: the value
					   labels of the config, else labels */
	int *code;
};

/* report_tables.c: a categorical or 0/1 variable v over the members as
 * levels (an error for a number); factor_release frees it (twice is
 * fine). */
enum ko_status factor_init(struct factor *f, const struct report *r,
			   size_t v, struct ko_err *err);
void factor_release(struct factor *f);

/* report.c: the stage's tables by name, a new one, a file's path */
enum ko_status add_table(struct report *r, struct ko_table *t,
			 struct ko_err *err);
const struct ko_table *find_table(const struct report *r, const char *name);
void out_path(const struct report *r, char *buf, size_t size, const char *rel);

/* report_tables.c: the cohort's tables */
enum ko_status build_table1(struct report *r, long by, const char *name,
			    struct ko_err *err);
enum ko_status build_regional(struct report *r, struct ko_err *err);

/* report_flow.c: the cohort's way to its members */
enum ko_status build_flow(struct report *r, struct ko_err *err);
enum ko_status build_linkage(struct report *r, struct ko_err *err);

/* report_models.c: the model tables, and what the other tables share
 * with them */
enum ko_status build_models(struct report *r, struct ko_err *err);
int model_table_ok(const struct ko_config *cfg,
		   const struct ko_model_result *mr, size_t f, int T);
void model_table_name(const char *model, const char *stratum, char *buf,
		      size_t size);
void regional_links(const struct report *r, struct ko_table *t,
		    const int *rows, int k, int total, int col_n, int col_ev);
void level_text(double level, enum ko_lang lang, char *buf, size_t size);
void model_cases_follow_events(struct ko_table *t);

/* report_figures.c */
enum ko_status write_figures(struct report *r, struct ko_err *err);

/* report_cuminc.c: the cumulative-incidence tables (cuminc,
 * cuminc_steps) and, after the audit, their figure ([report]
 * cuminc_ages); r->cuminc keeps what the figure draws */
enum ko_status build_cuminc(struct report *r, struct ko_err *err);
/* after the whole-export audit: which levels' curves are drawn */
enum ko_status cuminc_after_audit(struct report *r, struct ko_err *err);
enum ko_status write_cuminc_figure(struct report *r, struct ko_err *err);
void cuminc_release(struct report *r);

/* report_html.c */
enum ko_status write_html(struct report *r, struct ko_err *err);

#endif
