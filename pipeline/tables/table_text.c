/* table_text.c - the text writers of a table (table.h, ko_table_write):
 * markdown, HTML (a fragment or a standalone page) and LaTeX. */
#include "table_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "lang.h"

/* The display text of a cell in a fresh heap string (NULL on no memory). */
static char *cell_dup(const struct ko_table *t, const struct ko_cell *cell,
			const struct ko_number_format *fmt)
{
	int n = ko_table_cell_text(t, cell, fmt, NULL, 0);
	char *s = malloc((size_t)n + 1);

	if (s)
		ko_table_cell_text(t, cell, fmt, s, (size_t)n + 1);
	return s;
}

/* ---- markdown ---------------------------------------------------------- */

/* The body rows of a text format: each row's start, its label indented
 * per level, each cell after the separator, its end; the label and the
 * cells escaped by the format's functions.  After the table, the notes:
 * the footnote and the suppression note (escaped as labels) between
 * notes_start and notes_end, notes_sep between the two. */
struct text_body {
	const char *start, *indent, *sep, *end;
	void (*label)(FILE *fp, const char *s);
	void (*cell)(FILE *fp, const char *s);
	const char *notes_start, *notes_sep, *notes_end;
};

static void put_notes(const struct ko_table *t,
		      const struct ko_number_format *fmt,
		      const struct text_body *b, FILE *fp)
{
	char note[256];

	if (!t->footnote && !any_suppressed(t))
		return;
	fputs(b->notes_start, fp);
	if (t->footnote)
		b->label(fp, t->footnote);
	if (any_suppressed(t)) {
		supp_note(t, fmt, note, sizeof(note));
		if (t->footnote)
			fputs(b->notes_sep, fp);
		b->label(fp, note);
	}
	fputs(b->notes_end, fp);
}

/* 0, or -1 when out of memory. */
static int put_body(const struct ko_table *t,
		    const struct ko_number_format *fmt,
		    const struct text_body *b, FILE *fp)
{
	int r, c, k;

	for (r = 0; r < t->nrow; r++) {
		fputs(b->start, fp);
		for (k = 0; k < t->rows[r].level; k++)
			fputs(b->indent, fp);
		b->label(fp, t->rows[r].label);
		for (c = 0; c < t->ncol; c++) {
			char *text = cell_dup(t, ko_table_cell_c(t, r, c), fmt);

			if (!text)
				return -1;
			fputs(b->sep, fp);
			b->cell(fp, text);
			free(text);
		}
		fputs(b->end, fp);
	}
	return 0;
}

static void md_text(FILE *fp, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '|': case '\\': case '*': case '_': case '`': case '[':
		case ']':
			fputc('\\', fp);
			fputc(*s, fp);
			break;
		case '<':
			/* "<5" is text; "<b" would open an html tag */
			if ((s[1] >= 'a' && s[1] <= 'z') ||
			    (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '/' ||
			    s[1] == '!' || s[1] == '?')
				fputc('\\', fp);
			fputc('<', fp);
			break;
		case '\n': case '\r':
			fputc(' ', fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

static const struct text_body md_body = {
	"| ", "&emsp;", " | ", " |\n", md_text, md_text, "\n", "\n\n", "\n",
};

int table_put_md(const struct ko_table *t, const struct ko_number_format *fmt,
		 FILE *fp)
{
	int c;

	fputs("**", fp);
	md_text(fp, t->title);
	fputs("**\n\n| ", fp);
	md_text(fp, t->stub_header);
	for (c = 0; c < t->ncol; c++) {
		fputs(" | ", fp);
		if (t->cols[c].group) {
			md_text(fp, t->cols[c].group);
			fputs(": ", fp);
		}
		md_text(fp, t->cols[c].header);
	}
	fputs(" |\n|:---", fp);
	for (c = 0; c < t->ncol; c++)
		fputs("|---:", fp);
	fputs("|\n", fp);
	if (put_body(t, fmt, &md_body, fp))
		return KO_ERR_NOMEM;
	put_notes(t, fmt, &md_body, fp);
	return 0;
}

/* ---- html -------------------------------------------------------------- */

/* The len bytes at s as HTML text (ko_html_put's entities). */
static void html_put_n(FILE *fp, const char *s, size_t len)
{
	char buf[256];

	while (len) {
		size_t k = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;

		memcpy(buf, s, k);
		buf[k] = '\0';
		ko_html_put(fp, buf);
		s += k;
		len -= k;
	}
}

/* 1 when the len bytes at s hold a number range: a digit, '-' or an en
 * dash, a digit ("2-3", "2–3", "1997-2000"). */
static int has_range(const char *s, size_t len)
{
	size_t i;

	for (i = 1; i + 1 < len; i++) {
		if (!isdigit((unsigned char)s[i - 1]))
			continue;
		if (s[i] == '-' && isdigit((unsigned char)s[i + 1]))
			return 1;
		if (i + 3 < len && !strncmp(s + i, EN_DASH, 3) &&
		    isdigit((unsigned char)s[i + 3]))
			return 1;
	}
	return 0;
}

/* 1 when the len bytes at s are a comparison ("<", ">=", "=", "(<", "≤",
 * "≥"): it stays with the word after it. */
static int is_sign(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (strchr("<>=(", s[i]) && s[i])
			continue;
		if (i + 3 <= len && (!strncmp(s + i, "\xe2\x89\xa4", 3) ||
				     !strncmp(s + i, "\xe2\x89\xa5", 3))) {
			i += 2;
			continue;
		}
		return 0;
	}
	return len > 0 && (len > 1 || s[0] != '(');
}

/* A header or stub label as HTML text, each word holding a number range
 * together with the word after it ("2-3", "2–3 years"), a sign with the
 * word after it ("< 2500 g", "N = 667") and a number with a following
 * percent sign (Finnish "95 %:n lv"), in a span that does not wrap:
 * a browser may break a line after a hyphen, a dash or a space, and a
 * narrow column of Table 1 by exposure read "2-" over "3", its stub
 * "Low birth weight (<" over "2500 g)".  An inline style, so that a
 * fragment pasted elsewhere keeps it. */
static void html_label(FILE *fp, const char *s)
{
	while (s && *s) {
		size_t len = strcspn(s, " "), end;
		int next = s[len] == ' ' && s[len + 1] && s[len + 1] != ' ';

		if (!has_range(s, len) &&
		    !(next && (is_sign(s, len) ||
			       (s[len + 1] == '%' &&
				isdigit((unsigned char)s[len - 1]))))) {
			html_put_n(fp, s, len + (s[len] == ' '));
			s += len + (s[len] == ' ');
			continue;
		}
		end = len;
		if (next)
			end += 1 + strcspn(s + end + 1, " ");
		fputs("<span style=\"white-space:nowrap\">", fp);
		html_put_n(fp, s, end);
		fputs("</span>", fp);
		s += end;
	}
}

/* The two header rows: groups (with the stub and ungrouped columns spanning
 * both rows), then the headers of grouped columns. */
static void html_head(const struct ko_table *t, FILE *fp)
{
	int c, two = has_groups(t);

	fputs("<thead>\n<tr>", fp);
	fprintf(fp, two ? "<th scope=\"col\" rowspan=\"2\">" : "<th scope=\"col\">");
	ko_html_put(fp, t->stub_header);
	fputs("</th>", fp);
	for (c = 0; c < t->ncol;) {
		int span = group_span(t, c);

		if (!t->cols[c].group) {
			fprintf(fp, two ? "<th scope=\"col\" rowspan=\"2\">"
					: "<th scope=\"col\">");
			html_label(fp, t->cols[c].header);
		} else {
			fprintf(fp, "<th scope=\"colgroup\" colspan=\"%d\">", span);
			html_label(fp, t->cols[c].group);
		}
		fputs("</th>", fp);
		c += span;
	}
	fputs("</tr>\n", fp);
	if (two) {
		fputs("<tr>", fp);
		for (c = 0; c < t->ncol; c++) {
			if (!t->cols[c].group)
				continue;
			fputs("<th scope=\"col\">", fp);
			html_label(fp, t->cols[c].header);
			fputs("</th>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</thead>\n", fp);
}

int table_put_html(const struct ko_table *t, const struct ko_number_format *fmt,
		   FILE *fp)
{
	int r, c;

	fputs("<table class=\"kohort-table\" id=\"", fp);
	ko_html_put(fp, t->name);
	fputs("\">\n<caption>", fp);
	ko_html_put(fp, t->title);
	fputs("</caption>\n", fp);
	html_head(t, fp);
	fputs("<tbody>\n", fp);
	for (r = 0; r < t->nrow; r++) {
		fprintf(fp, "<tr class=\"level-%d\"><th scope=\"row\">",
			t->rows[r].level);
		html_label(fp, t->rows[r].label);
		fputs("</th>", fp);
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);
			char *text = cell_dup(t, cell, fmt);

			if (!text)
				return KO_ERR_NOMEM;
			fputs(cell->supp != KO_SUPP_NONE &&
				      cell->kind != KO_CELL_EMPTY
				      ? "<td class=\"supp\">"
				      : "<td>",
			      fp);
			ko_html_put(fp, text);
			fputs("</td>", fp);
			free(text);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n", fp);
	if (t->footnote || any_suppressed(t)) {
		fprintf(fp, "<tfoot>\n");
		if (t->footnote) {
			fprintf(fp, "<tr><td colspan=\"%d\">", t->ncol + 1);
			ko_html_put(fp, t->footnote);
			fputs("</td></tr>\n", fp);
		}
		if (any_suppressed(t)) {
			char note[256];

			supp_note(t, fmt, note, sizeof(note));
			fprintf(fp, "<tr><td colspan=\"%d\">", t->ncol + 1);
			ko_html_put(fp, note);
			fputs("</td></tr>\n", fp);
		}
		fputs("</tfoot>\n", fp);
	}
	fputs("</table>\n", fp);
	return 0;
}

/* The style sheet of standalone pages (report.html can reuse it). */
/* A standalone table page: report.html's body font and its table style. */
static const char html_style[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:16px;color:#222;"
	"background:#fff;line-height:1.45}\n"
	KO_TABLE_CSS;

int table_put_html_page(const struct ko_table *t,
			const struct ko_number_format *fmt, FILE *fp)
{
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<title>",
		ko_lang_code((enum ko_lang)fmt->lang));
	ko_html_put(fp, t->title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n",
		html_style);
	if (table_put_html(t, fmt, fp))
		return KO_ERR_NOMEM;
	fputs("</body>\n</html>\n", fp);
	return 0;
}

/* ---- LaTeX (booktabs) -------------------------------------------------- */

static void tex_text_n(FILE *fp, const char *s, size_t len)
{
	const char *end = s ? s + len : s;

	for (; s && s < end && *s; s++) {
		switch (*s) {
		case '\\': fputs("\\textbackslash{}", fp); break;
		case '&': case '%': case '$': case '#': case '_': case '{':
		case '}':
			fputc('\\', fp);
			fputc(*s, fp);
			break;
		case '~': fputs("\\textasciitilde{}", fp); break;
		case '^': fputs("\\textasciicircum{}", fp); break;
		case '<': fputs("\\textless{}", fp); break;
		case '>': fputs("\\textgreater{}", fp); break;
		case '\n': case '\r': fputc(' ', fp); break;
		default:
			if (end - s >= 3 && !strncmp(s, EN_DASH, 3)) {
				fputs("--", fp);
				s += 2;
			} else if (end - s >= 3 && !strncmp(s, "\xe2\x80\xa0", 3)) {
				fputs("\\textdagger{}", fp); /* the model tables' marks */
				s += 2;
			} else if (end - s >= 3 && !strncmp(s, "\xe2\x80\xa1", 3)) {
				fputs("\\textdaggerdbl{}", fp);
				s += 2;
			} else {
				fputc(*s, fp);
			}
		}
	}
}

static void tex_text(FILE *fp, const char *s)
{
	if (s)
		tex_text_n(fp, s, strlen(s));
}

/* A cell value: as tex_text, with a minus sign for the '-' before a number
 * ("-0.05" would print a hyphen). */
static void tex_cell(FILE *fp, const char *s)
{
	const char *p, *from = s;

	for (p = s; *p; p++) {
		if (*p == '-' && p[1] >= '0' && p[1] <= '9' &&
		    (p == s || p[-1] == ' ' || p[-1] == '(')) {
			tex_text_n(fp, from, (size_t)(p - from));
			fputs("$-$", fp);
			from = p + 1;
		}
	}
	tex_text_n(fp, from, (size_t)(p - from));
}

static void tex_head(const struct ko_table *t, FILE *fp)
{
	int c, rules = 0;

	if (has_groups(t)) {
		for (c = 0; c < t->ncol;) {
			int span = group_span(t, c);

			fputs(" & ", fp);
			if (t->cols[c].group) {
				fprintf(fp, "\\multicolumn{%d}{c}{", span);
				tex_text(fp, t->cols[c].group);
				fputc('}', fp);
			}
			c += span;
		}
		fputs(" \\\\\n", fp);
		for (c = 0; c < t->ncol;) {
			int span = group_span(t, c);

			if (t->cols[c].group)
				fprintf(fp, "%s\\cmidrule(lr){%d-%d}",
					rules++ ? " " : "", c + 2, c + 1 + span);
			c += span;
		}
		fputc('\n', fp);
	}
	tex_text(fp, t->stub_header);
	for (c = 0; c < t->ncol; c++) {
		fputs(" & ", fp);
		tex_text(fp, t->cols[c].header);
	}
	fputs(" \\\\\n\\midrule\n", fp);
}

/* A label as \\ref{tab:NAME} spells it: the name's letters, digits, '_',
 * '-', '.' and ':' as they are (a label is not typeset: "\\_" there would
 * not match the reference), anything else as '-'. */
static void tex_label(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		fputc(isalnum((unsigned char)*s) || strchr("_-.:", *s) ? *s : '-',
		      fp);
}

/* More body rows than a portrait page holds with its caption and notes:
 * such a table is a longtable (page breaks, the header repeated). */
#define TEX_LONG_ROWS 40

/* {lrr...r}: the stub left, a right-aligned column per table column. */
static void tex_columns(const struct ko_table *t, FILE *fp)
{
	int c;

	fputs("{l", fp);
	for (c = 0; c < t->ncol; c++)
		fputc('r', fp);
	fputc('}', fp);
}

/* \caption{TITLE}\n\label{tab:NAME} */
static void tex_caption(const struct ko_table *t, FILE *fp)
{
	fputs("\\caption{", fp);
	tex_text(fp, t->title);
	fputs("}\n\\label{tab:", fp);
	tex_label(fp, t->name);
	fputc('}', fp);
}

static const struct text_body tex_body = {
	"", "\\quad ", " & ", " \\\\\n", tex_text, tex_cell,
	"\n\\smallskip\n{\\footnotesize ", " ", "\\par}\n",
};

int table_put_tex(const struct ko_table *t, const struct ko_number_format *fmt,
		  FILE *fp)
{
	int longtable = t->nrow > TEX_LONG_ROWS;

	if (longtable) {
		fputs("\\begin{longtable}", fp);
		tex_columns(t, fp);
		fputc('\n', fp);
		tex_caption(t, fp);
		fputs(" \\\\\n\\toprule\n", fp);
		tex_head(t, fp);
		fputs("\\endfirsthead\n\\toprule\n", fp);
		tex_head(t, fp);
		fputs("\\endhead\n\\bottomrule\n\\endfoot\n", fp);
	} else {
		fputs("\\begin{table}[htbp]\n\\centering\n", fp);
		tex_caption(t, fp);
		fputs("\n\\begin{tabular}", fp);
		tex_columns(t, fp);
		fputs("\n\\toprule\n", fp);
		tex_head(t, fp);
	}
	if (put_body(t, fmt, &tex_body, fp))
		return KO_ERR_NOMEM;
	fputs(longtable ? "\\end{longtable}\n" : "\\bottomrule\n\\end{tabular}\n",
	      fp);
	put_notes(t, fmt, &tex_body, fp);
	if (!longtable)
		fputs("\\end{table}\n", fp);
	return 0;
}
