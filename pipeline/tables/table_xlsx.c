/*
 * table_xlsx.c - the xlsx workbook writer (table.h, ko_table_write_xlsx):
 * every table on a sheet of its own with libxlsxwriter, numbers as
 * numbers in the digits shown, the same bytes for the same tables.
 */
#include "table_impl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "outfile.h"

/* ---- xlsx (libxlsxwriter) ----------------------------------------------- */

/* The fixed creation date written into docProps/core.xml, so that the same
 * tables give the same bytes (2000-01-01T00:00:00Z). */
#define XLSX_CREATED ((time_t)946684800)

struct xlsx_formats {
	lxw_format *title, *head, *group, *stub_head, *note;
	lxw_format *label[3], *count, *number[4], *text, *p, *mean, *mean0;
};

static lxw_format *number_format(lxw_workbook *wb, int digits)
{
	static const char *const zeros = "0.000000";
	char code[16];
	lxw_format *f = workbook_add_format(wb);

	if (digits <= 0)
		snprintf(code, sizeof(code), "0");
	else
		snprintf(code, sizeof(code), "%.*s", digits + 2, zeros);
	format_set_num_format(f, code);
	format_set_align(f, LXW_ALIGN_RIGHT);
	return f;
}

static void xlsx_make_formats(lxw_workbook *wb, const struct ko_number_format *fmt,
			      struct xlsx_formats *f)
{
	int k;

	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_bottom(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	f->group = workbook_add_format(wb);
	format_set_bold(f->group);
	format_set_align(f->group, LXW_ALIGN_CENTER);
	format_set_bottom(f->group, LXW_BORDER_THIN);
	f->stub_head = workbook_add_format(wb);
	format_set_bold(f->stub_head);
	format_set_bottom(f->stub_head, LXW_BORDER_THIN);
	f->note = workbook_add_format(wb);
	format_set_italic(f->note);
	for (k = 0; k < 3; k++) {
		f->label[k] = workbook_add_format(wb);
		if (k == 0)
			format_set_bold(f->label[k]);
		else
			format_set_indent(f->label[k], (uint8_t)(2 * k));
	}
	f->count = workbook_add_format(wb);
	format_set_num_format(f->count, fmt->thousands_sep ? "#,##0" : "0");
	format_set_align(f->count, LXW_ALIGN_RIGHT);
	f->number[0] = number_format(wb, fmt->digits_percent);
	f->number[1] = number_format(wb, fmt->digits_number);
	f->number[2] = number_format(wb, fmt->digits_p);
	f->number[3] = number_format(wb, fmt->digits_estimate);
	f->mean = number_format(wb, fmt->digits_mean);
	f->mean0 = number_format(wb, 0); /* a cell marked whole */
	f->text = workbook_add_format(wb);
	format_set_align(f->text, LXW_ALIGN_RIGHT);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\,
 * unique in the workbook (a numeric suffix when needed). */
static void sheet_name(struct ko_table *const *tables, int i, char *out,
		       size_t size)
{
	char base[32];
	size_t k;
	int j, clash = 0;

	snprintf(base, sizeof(base), "%s", tables[i]->name);
	for (k = 0; base[k]; k++)
		if (strchr("[]:*?/\\", base[k]))
			base[k] = '_';
	for (j = 0; j < i; j++)
		if (!strncmp(tables[j]->name, tables[i]->name, 31))
			clash++;
	if (clash)
		snprintf(out, size, "%.27s_%d", base, clash + 1);
	else
		snprintf(out, size, "%s", base);
}

static lxw_error xlsx_cell(lxw_worksheet *ws, int row, int col,
			   const struct ko_table *t, const struct ko_cell *cell,
			   const struct ko_number_format *fmt,
			   const struct xlsx_formats *f)
{
	char text[256];
	lxw_format *num = NULL;

	if (cell->kind == KO_CELL_EMPTY)
		return LXW_NO_ERROR;
	if (cell->supp == KO_SUPP_NONE && isfinite(cell->v[0])) {
		switch (cell->kind) {
		case KO_CELL_COUNT:
		case KO_CELL_WHOLE: num = f->count; break;
		case KO_CELL_PERCENT: num = f->number[0]; break;
		case KO_CELL_NUMBER: num = f->number[1]; break;
		case KO_CELL_PVALUE:
			num = cell->v[0] >= fmt->p_floor ? f->number[2] : NULL;
			break;
		default: break;
		}
	}
	if (num)
		return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
					      ko_table_export_value(cell, 0, fmt),
					      num);
	ko_table_cell_text(t, cell, fmt, text, sizeof(text));
	return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, text,
				      f->text);
}

/* Numeric columns to the right of a table (after a blank column), NUMS
 * per column they expand, next to the formatted text cells a reader
 * copies.  Two kinds, one descriptor each (struct num_cols), one writer:
 *
 * - a model table's estimate columns: the estimate and its CI bounds as
 *   numbers (the shown digits as their number format), headed
 *   "estimate", "conf_low", "conf_high" (the tidy csv's names) under the
 *   column's group (or header); a reference level its value;
 * - Table 1's composite cells ("12 (3.4)", "3498.1 (556.1)", "3500
 *   (3130–3880)"): n or mean or median; percent or SD or Q1; Q3 (the tidy
 *   csv's statistics; a count alone as n, in the digits shown, as the csv
 *   writes them), headed "HEADER: name" under the column's group.
 *
 * A suppressed cell gets the text it shows in each of its numbers'
 * columns, a mark ("not estimable") or an empty cell nothing. */
#define NUMS 3

struct num_cols {
	int (*expands)(const struct ko_table *t, int c);
	const char *names[NUMS];
	int named_by_header;   /* heads "HEADER: name", under the group only */
	double width;
	/* how many numbers a cell has; the number format of number k */
	int (*n_nums)(const struct ko_cell *cell);
	lxw_format *(*format)(const struct ko_cell *cell, int k,
			      const struct xlsx_formats *f);
};

static int is_estimate_col(const struct ko_table *t, int c)
{
	return t->model && t->cols[c].role == KO_COL_ESTIMATE;
}

static int estimate_nums(const struct ko_cell *cell)
{
	if (cell->supp != KO_SUPP_NONE)
		return NUMS;
	switch (cell->kind) {
	case KO_CELL_ESTIMATE_CI: case KO_CELL_PCT_CI: case KO_CELL_COUNT_CI:
		return NUMS;
	case KO_CELL_REF: return 1;
	default: return 0;
	}
}

static lxw_format *estimate_format(const struct ko_cell *cell, int k,
				   const struct xlsx_formats *f)
{
	(void)k;
	return cell->kind == KO_CELL_PCT_CI ? f->number[0] : f->number[3];
}

static int is_composite(enum ko_cell_kind kind)
{
	return kind == KO_CELL_COUNT_PCT || kind == KO_CELL_MEAN_SD ||
	       kind == KO_CELL_MEDIAN_IQR;
}

static int is_split_col(const struct ko_table *t, int c)
{
	int r;

	if (t->model)
		return 0;
	for (r = 0; r < t->nrow; r++)
		if (is_composite(ko_table_cell_c(t, r, c)->kind))
			return 1;
	return 0;
}

static int split_nums(const struct ko_cell *cell)
{
	switch (cell->kind) {
	case KO_CELL_COUNT: return 1;
	case KO_CELL_COUNT_PCT: case KO_CELL_MEAN_SD: return 2;
	case KO_CELL_MEDIAN_IQR: return 3;
	default: return 0;
	}
}

static lxw_format *split_format(const struct ko_cell *cell, int k,
				const struct xlsx_formats *f)
{
	if (cell->kind == KO_CELL_COUNT || cell->kind == KO_CELL_COUNT_PCT)
		return k ? f->number[0] : f->count;
	return cell->whole ? f->mean0 : f->mean;
}

static const struct num_cols estimate_cols = {
	is_estimate_col, { "estimate", "conf_low", "conf_high" }, 0, 10,
	estimate_nums, estimate_format,
};
static const struct num_cols split_cols = {
	is_split_col, { "n, mean, median", "percent, sd, q1", "q3" }, 1, 12,
	split_nums, split_format,
};

/* A model table's estimate columns, or Table 1's composite ones. */
static const struct num_cols *num_cols_of(const struct ko_table *t)
{
	return t->model ? &estimate_cols : &split_cols;
}

static int n_num_cols(const struct ko_table *t)
{
	const struct num_cols *nc = num_cols_of(t);
	int c, n = 0;

	for (c = 0; c < t->ncol; c++)
		n += nc->expands(t, c);
	return n;
}

/* The headers of the numeric columns, from sheet column first on, in rows
 * grow (the groups; none when -1) and hrow. */
static void xlsx_num_head(lxw_worksheet *ws, const struct ko_table *t,
			  int grow, int hrow, int first,
			  const struct xlsx_formats *f)
{
	const struct num_cols *nc = num_cols_of(t);
	int c, k, col = first;

	for (c = 0; c < t->ncol; c++) {
		const char *over = t->cols[c].group;

		if (!nc->expands(t, c))
			continue;
		if (!over && !nc->named_by_header)
			over = t->cols[c].header;
		if (grow >= 0 && over)
			worksheet_merge_range(ws, (lxw_row_t)grow, (lxw_col_t)col,
					      (lxw_row_t)grow,
					      (lxw_col_t)(col + NUMS - 1), over,
					      f->group);
		for (k = 0; k < NUMS; k++) {
			char head[400];

			snprintf(head, sizeof(head), "%s%s%s",
				 nc->named_by_header ? t->cols[c].header : "",
				 nc->named_by_header ? ": " : "", nc->names[k]);
			worksheet_write_string(ws, (lxw_row_t)hrow,
					       (lxw_col_t)(col + k), head, f->head);
		}
		col += NUMS;
	}
}

/* Row r's numbers of the numeric columns, from sheet column first on. */
static lxw_error xlsx_num_cells(lxw_worksheet *ws, int row, int first,
				const struct ko_table *t, int r,
				const struct ko_number_format *fmt,
				const struct xlsx_formats *f)
{
	const struct num_cols *nc = num_cols_of(t);
	lxw_error e = LXW_NO_ERROR;
	int c, k, col = first;

	for (c = 0; c < t->ncol && !e; c++) {
		const struct ko_cell *cell;
		char text[64];
		int nk;

		if (!nc->expands(t, c))
			continue;
		cell = ko_table_cell_c(t, r, c);
		nk = nc->n_nums(cell);
		if (cell->supp != KO_SUPP_NONE)
			ko_table_cell_text(t, cell, fmt, text, sizeof(text));
		for (k = 0; k < nk && !e; k++) {
			double v = ko_table_export_value(cell, k, fmt);

			if (cell->supp != KO_SUPP_NONE)
				e = worksheet_write_string(ws, (lxw_row_t)row,
							   (lxw_col_t)(col + k),
							   text, f->text);
			else if (isfinite(v))
				e = worksheet_write_number(ws, (lxw_row_t)row,
							   (lxw_col_t)(col + k),
							   v, nc->format(cell, k, f));
		}
		col += NUMS;
	}
	return e;
}

/* Header rows from row 2 on; returns the first body row. */
static int xlsx_head(lxw_worksheet *ws, const struct ko_table *t,
		     const struct xlsx_formats *f)
{
	int c, row = 2, first = t->ncol + 2; /* a blank column between */

	if (n_num_cols(t))
		xlsx_num_head(ws, t, has_groups(t) ? row : -1,
			      has_groups(t) ? row + 1 : row, first, f);
	if (has_groups(t)) {
		worksheet_write_blank(ws, (lxw_row_t)row, 0, NULL);
		for (c = 0; c < t->ncol;) {
			int span = group_span(t, c);

			if (t->cols[c].group && span > 1)
				worksheet_merge_range(ws, (lxw_row_t)row,
						      (lxw_col_t)(c + 1),
						      (lxw_row_t)row,
						      (lxw_col_t)(c + span),
						      t->cols[c].group, f->group);
			else if (t->cols[c].group)
				worksheet_write_string(ws, (lxw_row_t)row,
						       (lxw_col_t)(c + 1),
						       t->cols[c].group, f->group);
			c += span;
		}
		row++;
	}
	worksheet_write_string(ws, (lxw_row_t)row, 0,
			       t->stub_header ? t->stub_header : "", f->stub_head);
	for (c = 0; c < t->ncol; c++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)(c + 1),
				       t->cols[c].header, f->head);
	return row + 1;
}

static lxw_error xlsx_sheet(lxw_worksheet *ws, const struct ko_table *t,
			    const struct ko_number_format *fmt,
			    const struct xlsx_formats *f)
{
	lxw_error e = LXW_NO_ERROR;
	int r, c, row, nnum = n_num_cols(t);

	worksheet_set_column(ws, 0, 0, 36, NULL);
	if (t->ncol)
		worksheet_set_column(ws, 1, (lxw_col_t)t->ncol, 18, NULL);
	if (nnum)
		worksheet_set_column(ws, (lxw_col_t)(t->ncol + 2),
				     (lxw_col_t)(t->ncol + 1 + NUMS * nnum),
				     num_cols_of(t)->width, NULL);
	worksheet_write_string(ws, 0, 0, t->title, f->title);
	row = xlsx_head(ws, t, f);
	for (r = 0; r < t->nrow && !e; r++, row++) {
		int level = t->rows[r].level;

		e = worksheet_write_string(ws, (lxw_row_t)row, 0,
					   t->rows[r].label,
					   f->label[level < 0 ? 0 : level > 2 ? 2 : level]);
		for (c = 0; c < t->ncol && !e; c++)
			e = xlsx_cell(ws, row, c + 1, t,
				      ko_table_cell_c(t, r, c), fmt, f);
		if (!e && nnum)
			e = xlsx_num_cells(ws, row, t->ncol + 2, t, r, fmt, f);
	}
	row++;
	if (!e && t->footnote)
		e = worksheet_write_string(ws, (lxw_row_t)row++, 0, t->footnote,
					   f->note);
	if (!e && any_suppressed(t)) {
		char note[256];

		supp_note(t, fmt, note, sizeof(note));
		e = worksheet_write_string(ws, (lxw_row_t)row, 0, note, f->note);
	}
	return e;
}

enum ko_status ko_table_write_xlsx(struct ko_table *const *tables, int n,
				   const struct ko_number_format *fmt,
				   const char *path, struct ko_err *err)
{
	lxw_doc_properties props;
	struct xlsx_formats formats;
	struct ko_outfile out;
	lxw_workbook *wb;
	lxw_error e = LXW_NO_ERROR;
	enum ko_status st;
	int i;

	st = ko_outfile_open(&out, path, 0, err);
	if (st)
		return st;
	/* libxlsxwriter writes the zip by name: let it replace the (empty)
	 * temporary file, which the commit then syncs and renames. */
	wb = workbook_new(out.tmp);
	if (!wb) {
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot create workbook");
	}
	memset(&props, 0, sizeof(props));
	props.title = "kohort tables";
	props.created = XLSX_CREATED;
	workbook_set_properties(wb, &props);
	xlsx_make_formats(wb, fmt, &formats);
	for (i = 0; i < n && !e; i++) {
		char name[40];
		lxw_worksheet *ws;

		struct ko_table *shown = NULL;

		sheet_name(tables, i, name, sizeof(name));
		ws = workbook_add_worksheet(wb, name);
		if (ws && ko_table_needs_display_copy(tables[i]) &&
		    !(shown = ko_table_display_copy(tables[i])))
			ws = NULL;
		e = ws ? xlsx_sheet(ws, shown ? shown : tables[i], fmt, &formats)
		       : LXW_ERROR_MEMORY_MALLOC_FAILED;
		ko_table_free(shown);
	}
	if (e) {
		workbook_close(wb);
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write workbook: %s", lxw_strerror(e));
	}
	e = workbook_close(wb);
	if (e) {
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write workbook: %s", lxw_strerror(e));
	}
	return ko_outfile_commit(&out, err);
}

