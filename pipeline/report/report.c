/*
 * report.c - the report stage (report.h): builds each table from the
 * study in memory, protects it, writes it in every format, draws the
 * figures and assembles report.html.
 *
 * The order is fixed: every table is built and protected first (the flow
 * chain and Table 1's shared margins need care, see protect_flow and
 * table1_protect), then nothing but files is written, each atomically.
 * The parts are in report_tables.c, report_flow.c, report_models.c,
 * report_figures.c and report_html.c; what they share is in report_impl.h.
 */
#include "report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "export_audit.h"
#include "followup_table.h"

enum ko_status add_table(struct report *r, struct ko_table *t,
			 struct ko_err *err)
{
	if (!t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (r->n_tables == MAX_TABLES) {
		ko_table_free(t);
		return ko_err_set(err, KO_ERR_LIMIT, "more than %d report tables",
				  MAX_TABLES);
	}
	r->tables[r->n_tables++] = t;
	return KO_OK;
}

const struct ko_table *find_table(const struct report *r,
				  const char *name)
{
	int i;

	for (i = 0; i < r->n_tables; i++)
		if (!strcmp(r->tables[i]->name, name))
			return r->tables[i];
	return NULL;
}

/* ---- files ------------------------------------------------------------------ */

#define NAME_MAX_LEN 160

/* Names of the tables the stage makes for this study, in report order;
 * model tables have a forest plot of the same name under figures/. */
static int table_names(const struct ko_study *s, char (*names)[NAME_MAX_LEN],
		       int max, int *first_model, int *n_model)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_model_results *res = s->models;
	size_t mi, f;
	int n = 0;

	snprintf(names[n++], NAME_MAX_LEN, "cohort_flow");
	if (cfg->followup.active)
		snprintf(names[n++], NAME_MAX_LEN, "follow_up");
	if (cfg->report.n_cuminc_ages) {
		snprintf(names[n++], NAME_MAX_LEN, "cuminc");
		snprintf(names[n++], NAME_MAX_LEN, "cuminc_steps");
	}
	snprintf(names[n++], NAME_MAX_LEN, "table1");
	if (cfg->report.exposure >= 0)
		snprintf(names[n++], NAME_MAX_LEN, "table1_exposure");
	*first_model = n;
	for (mi = 0; res && mi < res->n_models; mi++)
		for (f = 0; f < res->models[mi].n_fits && n < max - 2; f++)
			if (model_table_ok(cfg, &res->models[mi], f,
					   cfg->disclosure_threshold))
				model_table_name(res->models[mi].cfg->name,
						 res->models[mi].fits[f].stratum,
						 names[n++], NAME_MAX_LEN);
	*n_model = n - *first_model;
	if (cfg->report.by >= 0)
		snprintf(names[n++], NAME_MAX_LEN, "regional");
	if (cfg->link.present &&
	    (cfg->link.mother_col >= 0 || cfg->link.father_col >= 0))
		snprintf(names[n++], NAME_MAX_LEN, "parent_linkage");
	return n;
}

const char *ko_report_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size)
{
	char names[MAX_TABLES][NAME_MAX_LEN];
	unsigned formats = s->cfg->report.formats;
	int fm, nm, nt = table_names(s, names, MAX_TABLES, &fm, &nm), t;
	size_t f, k = 0;

	for (t = 0; t < nt; t++)
		for (f = 0; f < ko_table_n_outputs; f++)
			if ((formats & (1u << f)) && !ko_table_outputs[f].workbook &&
			    k++ == i) {
				snprintf(buf, size, "tables/%s.%s", names[t],
					 ko_table_output_ext(f));
				return buf;
			}
	for (f = 0; f < ko_table_n_outputs; f++)
		if ((formats & (1u << f)) && ko_table_outputs[f].workbook &&
		    k++ == i)
			return snprintf(buf, size, "tables/tables.%s",
					ko_table_output_ext(f)), buf;
	if (k++ == i)
		return snprintf(buf, size, "tables/suppression.csv"), buf;
	for (f = 0; f < ko_figure_n_outputs; f++)
		if (k++ == i)
			return snprintf(buf, size, "figures/cohort_flow.%s",
					ko_figure_outputs[f].ext), buf;
	for (t = fm; t < fm + nm; t++)
		for (f = 0; f < ko_figure_n_outputs; f++)
			if (k++ == i)
				return snprintf(buf, size, "figures/%s.%s", names[t],
						ko_figure_outputs[f].ext), buf;
	for (f = 0; s->cfg->report.n_cuminc_ages && f < ko_figure_n_outputs; f++)
		if (k++ == i)
			return snprintf(buf, size, "figures/cuminc.%s",
					ko_figure_outputs[f].ext), buf;
	if (k++ == i)
		return snprintf(buf, size, "report.html"), buf;
	return NULL;
}

void out_path(const struct report *r, char *buf, size_t size,
	      const char *rel)
{
	snprintf(buf, size, "%s/%s", r->s->out_dir, rel);
}

/* The log names a row by its label; a level's label ("Missing", "1") is
 * ambiguous, so entries of level rows get "VARIABLE: label".  Entries
 * [first, n) are t's, in the row-major order ko_supp_log_add_table adds
 * them. */
static enum ko_status name_log_rows(struct ko_supp_log *log, int first,
				    const struct ko_table *t, struct ko_err *err)
{
	int row, c, e = first;

	for (row = 0; row < t->nrow; row++)
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, row, c);
			const struct ko_table_row *tr = &t->rows[row];
			size_t n;
			char *name;

			if (cell->supp == KO_SUPP_NONE || cell->kind == KO_CELL_EMPTY)
				continue;
			if (e >= log->n)
				return KO_OK;
			if (tr->level > 0 && tr->term && strcmp(tr->term, tr->label)) {
				n = strlen(tr->term) + strlen(tr->label) + 3;
				name = malloc(n);
				if (!name)
					return ko_err_set(err, KO_ERR_NOMEM,
							  "out of memory");
				snprintf(name, n, "%s: %s", tr->term, tr->label);
				free(log->entries[e].row);
				log->entries[e].row = name;
			}
			e++;
		}
	return KO_OK;
}

static enum ko_status write_tables(struct report *r, struct ko_err *err)
{
	unsigned formats = r->cfg->report.formats;
	char rel[600], path[5000];
	enum ko_status st = KO_OK;
	int t;
	size_t f;

	for (t = 0; t < r->n_tables; t++)
		ko_disclosure_round_derived(r->tables[t]);
	/* the registry's order: each table in every per-table format, then
	 * the workbooks (ko_report_output lists the files the same way) */
	for (t = 0; !st && t < r->n_tables; t++)
		for (f = 0; !st && f < ko_table_n_outputs; f++) {
			if (!(formats & (1u << f)) || ko_table_outputs[f].workbook)
				continue;
			snprintf(rel, sizeof(rel), "tables/%s.%s",
				 r->tables[t]->name, ko_table_output_ext(f));
			out_path(r, path, sizeof(path), rel);
			st = ko_table_outputs[f].write(&r->tables[t], 1, &r->fmt,
						       path, err);
		}
	for (f = 0; !st && f < ko_table_n_outputs; f++) {
		if (!(formats & (1u << f)) || !ko_table_outputs[f].workbook)
			continue;
		snprintf(rel, sizeof(rel), "tables/tables.%s",
			 ko_table_output_ext(f));
		out_path(r, path, sizeof(path), rel);
		st = ko_table_outputs[f].write(r->tables, r->n_tables, &r->fmt,
					       path, err);
	}
	for (t = 0; !st && t < r->n_tables; t++) {
		int first = r->log.n;

		st = ko_supp_log_add_table(&r->log, r->tables[t], err);
		if (!st)
			st = name_log_rows(&r->log, first, r->tables[t], err);
	}
	if (!st) {
		out_path(r, path, sizeof(path), "tables/suppression.csv");
		st = ko_supp_log_write(&r->log, path, err);
	}
	return st;
}

/* ---- the stage --------------------------------------------------------------- */

static void report_release(struct report *r)
{
	int i;

	for (i = 0; i < r->n_tables; i++)
		ko_table_free(r->tables[i]);
	ko_supp_log_release(&r->log);
	for (i = 0; i < r->n_texts; i++)
		free(r->texts[i]);
	free(r->members);
	free(r->steps);
	cuminc_release(r);
}

void ko_report_release_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

enum ko_status ko_report_run(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct report r;
	struct ko_table *ft = NULL;
	enum ko_status st = KO_OK;
	size_t c;
	int i;

	memset(&r, 0, sizeof(r));
	r.s = s;
	r.cfg = cfg;
	r.threshold = cfg->disclosure_threshold;
	ko_format_init(&r.fmt);
	r.fmt.decimal_mark = cfg->report.decimal_mark;
	r.fmt.csv_bom = cfg->report.csv_bom;
	if (cfg->report.digits_percent >= 0)
		r.fmt.digits_percent = cfg->report.digits_percent;
	if (cfg->report.digits_number >= 0)
		r.fmt.digits_number = cfg->report.digits_number;
	if (cfg->report.digits_mean >= 0)
		r.fmt.digits_mean = cfg->report.digits_mean;
	if (cfg->report.digits_estimate >= 0)
		r.fmt.digits_estimate = cfg->report.digits_estimate;
	if (cfg->report.digits_p >= 0)
		r.fmt.digits_p = cfg->report.digits_p;
	r.lang = (enum ko_lang)cfg->report.language;
	r.fmt.lang = r.lang;
	if (r.lang != KO_LANG_EN) {
		r.fmt.thousands_sep = "\xc2\xa0"; /* no-break space: "19 343" */
		r.fmt.p_below = "< ";              /* "< 0,001" */
	}
	ko_supp_log_init(&r.log);
	r.members = malloc((s->links->n_children + 1) * sizeof(*r.members));
	if (!r.members) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (c = 0; c < s->links->n_children; c++)
		if (s->flow.member[c])
			r.members[r.n++] = c;
	st = ko_study_check_report(s, err); /* as check does */
	if (!st)
		st = build_flow(&r, err);
	if (!st && (st = ko_report_followup_table(s, r.threshold, r.lang, &ft,
						     err)) ==
	    KO_OK && ft)
		st = add_table(&r, ft, err);
	if (!st)
		st = build_cuminc(&r, err);
	if (!st)
		st = build_table1(&r, cfg->report.outcome, "table1", err);
	if (!st && cfg->report.exposure >= 0)
		st = build_table1(&r, cfg->report.exposure, "table1_exposure", err);
	if (!st)
		st = build_models(&r, err);
	if (!st && cfg->report.by >= 0)
		st = build_regional(&r, err);
	if (!st && cfg->link.present &&
	    (cfg->link.mother_col >= 0 || cfg->link.father_col >= 0))
		st = build_linkage(&r, err);
	if (!st) /* the whole export, before anything is written */
		st = ko_export_audit(r.tables, r.n_tables, r.threshold, r.lang, NULL,
				     err);
	for (i = 0; !st && i < r.n_tables; i++) /* the audit's final counts */
		model_cases_follow_events(r.tables[i]);
	if (!st)
		st = cuminc_after_audit(&r, err);
	if (!st)
		st = write_tables(&r, err);
	if (!st)
		st = write_figures(&r, err);
	if (!st)
		st = write_cuminc_figure(&r, err);
	if (!st)
		st = write_html(&r, err);
out:
	report_release(&r);
	ko_report_release_caches();
	return st;
}
