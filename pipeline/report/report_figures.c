/*
 * report_figures.c - the report's figures (report_impl.h, figure.h): the
 * cohort flow diagram and a forest plot per model table, each in every
 * figure format of the registry (ko_figure_outputs).
 */
#include "report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flow diagram's counts and marks, from the cohort flow table as it
 * is written: after its own protection and the whole-export audit, which
 * may hide a further count or show a "<T" as "x" (docs/outputs.md).  A
 * box never shows what the table hides, and a hidden count is not handed
 * to the drawing at all.  Step i is the table's row i. */
static enum ko_status flow_steps_from_table(struct report *r,
					    struct ko_err *err)
{
	const struct ko_table *t = NULL;
	int i;

	for (i = 0; i < r->n_tables && !t; i++)
		if (!strcmp(r->tables[i]->name, "cohort_flow"))
			t = r->tables[i];
	if (!t || t->nrow != r->nstep || t->ncol != 2)
		return ko_err_set(err, KO_ERR_USAGE, "report: the cohort flow "
				  "table does not match the flow diagram");
	for (i = 0; i < r->nstep; i++) {
		const struct ko_cell *rem = ko_table_cell_c(t, i, 0);
		const struct ko_cell *ex = ko_table_cell_c(t, i, 1);
		struct ko_flow_step *s = &r->steps[i];

		s->supp_remaining = rem->supp;
		s->n_remaining = rem->supp ? 0 : (long)rem->v[0];
		s->supp_excluded = i > 0 ? ex->supp : KO_SUPP_NONE;
		s->n_excluded = i == 0 ? -1 : ex->supp ? 0 : (long)ex->v[0];
	}
	return KO_OK;
}

enum ko_status write_figures(struct report *r, struct ko_err *err)
{
	struct ko_flow_diagram d;
	char rel[200], path[5000];
	enum ko_status st;
	size_t f;
	int t;

	st = flow_steps_from_table(r, err);
	d.title = NULL;
	d.steps = r->steps;
	d.nstep = r->nstep;
	d.threshold = r->threshold;
	for (f = 0; !st && f < ko_figure_n_outputs; f++) {
		snprintf(rel, sizeof(rel), "figures/cohort_flow.%s",
			 ko_figure_outputs[f].ext);
		out_path(r, path, sizeof(path), rel);
		st = ko_figure_flow(&d, &r->fmt, ko_figure_outputs[f].format, path,
				    err);
	}
	for (t = 0; !st && t < r->n_tables; t++) {
		if (!r->tables[t]->model)
			continue;
		snprintf(rel, sizeof(rel), "figures/%s", r->tables[t]->name);
		out_path(r, path, sizeof(path), rel);
		st = ko_report_forest(r->tables[t], &r->fmt, path, err);
	}
	return st;
}

/* The adjusted column of a model table as forest-plot rows. */
static int forest_rows(const struct ko_table *t, enum ko_lang lang,
		       struct ko_forest_row *rows, int max)
{
	const char *adjusted = ko_lang_text(lang, KO_MSG_ADJUSTED);
	int r, n = 0, c_aor = -1, c;

	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].group && !strcmp(t->cols[c].group, adjusted) &&
		    t->cols[c].role == KO_COL_ESTIMATE)
			c_aor = c;
	if (c_aor < 0)
		return 0;
	for (r = 0; r < t->nrow && n < max; r++) {
		const struct ko_cell *cell = ko_table_cell_c(t, r, c_aor);
		struct ko_forest_row *f = &rows[n];

		if (t->rows[r].term && !strcmp(t->rows[r].term, "(model)"))
			continue;
		f->label = t->rows[r].label;
		f->level = t->rows[r].level;
		f->est = cell->v[0];
		f->low = cell->v[1];
		f->high = cell->v[2];
		f->note = NULL;
		if (cell->supp)
			f->kind = KO_FOREST_SUPPRESSED;
		else if (cell->kind == KO_CELL_TEXT) {
			f->kind = KO_FOREST_NOTE; /* separated, aliased: as the table */
			f->note = cell->text;
		} else if (cell->kind == KO_CELL_REF)
			f->kind = KO_FOREST_REF;
		else if (cell->kind == KO_CELL_ESTIMATE_CI && f->est > 0 &&
			 f->low > 0 && isfinite(f->high))
			f->kind = KO_FOREST_ESTIMATE;
		else if (cell->kind == KO_CELL_EMPTY && t->rows[r].level == 0)
			f->kind = KO_FOREST_HEADING;
		else
			f->kind = KO_FOREST_SUPPRESSED; /* aliased, infinite CI */
		n++;
	}
	return n;
}

/* What the forest plot's marks mean, in buf, or NULL when it has none. */
static const char *forest_footnote(const struct ko_forest_row *rows, int n,
				   enum ko_lang lang, char *buf, size_t size)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (rows[i].kind != KO_FOREST_NOTE || !rows[i].note)
			continue;
		if (!strcmp(rows[i].note, KO_REPORT_MARK_SEPARATED))
			k |= 1;
		else if (!strcmp(rows[i].note, KO_REPORT_MARK_ALIASED))
			k |= 2;
	}
	if (k == 1 || k == 2)
		snprintf(buf, size, ko_lang_text(lang, k == 1
						 ? KO_MSG_FOREST_SEPARATED
						 : KO_MSG_FOREST_ALIASED),
			 k == 1 ? KO_REPORT_MARK_SEPARATED : KO_REPORT_MARK_ALIASED);
	else if (k == 3)
		snprintf(buf, size, ko_lang_text(lang, KO_MSG_FOREST_BOTH),
			 KO_REPORT_MARK_SEPARATED, KO_REPORT_MARK_ALIASED);
	return k ? buf : NULL;
}

enum ko_status ko_report_forest(const struct ko_table *t,
				const struct ko_number_format *fmt,
				const char *path_stem, struct ko_err *err)
{
	struct ko_forest_row *rows = calloc((size_t)t->nrow + 1, sizeof(*rows));
	struct ko_forest f;
	enum ko_status st = KO_OK;
	enum ko_lang lang = (enum ko_lang)fmt->lang;
	const char *adjusted = ko_lang_text(lang, KO_MSG_ADJUSTED);
	char path[5000], foot[400];
	size_t k;

	if (!rows)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	f.title = t->title;
	f.est_header = "OR (95% CI)";
	for (k = 0; k < (size_t)t->ncol; k++)
		if (t->cols[k].group && !strcmp(t->cols[k].group, adjusted) &&
		    t->cols[k].role == KO_COL_ESTIMATE)
			f.est_header = t->cols[k].header;
	f.axis_label = ko_lang_text(lang, ko_lang_effect(KO_MSG_FOREST_AXIS,
							 f.est_header));
	f.rows = rows;
	f.nrow = forest_rows(t, lang, rows, t->nrow);
	f.footnote = forest_footnote(rows, f.nrow, lang, foot, sizeof(foot));
	for (k = 0; !st && k < ko_figure_n_outputs; k++) {
		snprintf(path, sizeof(path), "%s.%s", path_stem,
			 ko_figure_outputs[k].ext);
		st = ko_figure_forest(&f, fmt, ko_figure_outputs[k].format, path,
				      err);
	}
	free(rows);
	return st;
}
