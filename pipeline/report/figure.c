/* figure.c - forest plot and cohort flow diagram with cairo (see figure.h). */
#include "figure.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "lang.h"
#include "outfile.h"

#define FONT "DejaVu Sans"
#define FONT_SIZE 11.0
#define TITLE_SIZE 13.0
#define MARGIN 16.0
#define ROW_H 21.0
#define PNG_SCALE 2.0
/* Fixed PDF creation date: same input, same bytes. */
#define PDF_DATE "2000-01-01T00:00:00Z"

const struct ko_figure_output ko_figure_outputs[] = {
	{ "svg", KO_FIG_SVG },
	{ "pdf", KO_FIG_PDF },
	{ "png", KO_FIG_PNG },
};
const size_t ko_figure_n_outputs =
	sizeof(ko_figure_outputs) / sizeof(ko_figure_outputs[0]);

/* A figure is one function that lays out and draws on cr, and reports the
 * size it needs; it is run once to measure and once to draw. */
typedef void (*draw_fn)(cairo_t *cr, const void *fig,
			const struct ko_number_format *fmt, double *w, double *h);

/* ---- text helpers ------------------------------------------------------ */

/* An SVG's text as SVG <text> elements (editable, searchable), not as
 * cairo's glyph outlines: while an SVG is drawn, its context carries this
 * sink; text_at writes each text here instead of showing it, and render
 * puts the elements before </svg>.  The measuring pass and PDF/PNG show
 * the glyphs as before. */
struct svg_text {
	FILE *fp;   /* open_memstream onto buf */
	char *buf;
	size_t len;
	int bold;   /* the weight set_font chose last */
};

static const cairo_user_data_key_t svg_text_key;

static void set_font(cairo_t *cr, int bold, double size)
{
	struct svg_text *sink = cairo_get_user_data(cr, &svg_text_key);

	if (sink)
		sink->bold = bold;
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD
				    : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

/* Text s as an SVG <text> at device point (x, y) (its baseline), in the
 * context's font size and colour, anchored by align (0 start, 0.5 middle,
 * 1 end). */
static void svg_text_put(cairo_t *cr, struct svg_text *sink, const char *s,
			 double x, double y, double align)
{
	double r = 0, g = 0, b = 0, a = 1;
	cairo_matrix_t m;

	cairo_get_font_matrix(cr, &m);
	cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
	cairo_user_to_device(cr, &x, &y);
	fprintf(sink->fp, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"%s\" "
		"font-size=\"%.2f\"%s%s fill=\"#%02x%02x%02x\">", x, y, FONT,
		m.yy, sink->bold ? " font-weight=\"bold\"" : "",
		align >= 0.75 ? " text-anchor=\"end\""
		: align >= 0.25 ? " text-anchor=\"middle\"" : "",
		(unsigned)lround(r * 255), (unsigned)lround(g * 255),
		(unsigned)lround(b * 255));
	ko_html_put(sink->fp, s);
	fputs("</text>\n", sink->fp);
}

static double text_width(cairo_t *cr, const char *s)
{
	cairo_text_extents_t ext;

	cairo_text_extents(cr, s, &ext);
	return ext.x_advance;
}

/* Text with its baseline at y: align 0 left, 1 right, 0.5 centre. */
static void text_at(cairo_t *cr, const char *s, double x, double y,
		    double align)
{
	struct svg_text *sink = cairo_get_user_data(cr, &svg_text_key);

	if (sink) {
		svg_text_put(cr, sink, s, x, y, align);
		return;
	}
	cairo_move_to(cr, x - align * text_width(cr, s), y);
	cairo_show_text(cr, s);
}

static void set_gray(cairo_t *cr, double g)
{
	cairo_set_source_rgb(cr, g, g, g);
}

/* The text a value gets in the tables (same decimals and marks). */
static void value_text(const struct ko_number_format *fmt, enum ko_cell_kind kind,
		       double a, double b, double c, enum ko_supp_rule supp,
		       int threshold, char *buf, size_t size)
{
	struct ko_table scratch;
	struct ko_cell cell;

	memset(&scratch, 0, sizeof(scratch));
	memset(&cell, 0, sizeof(cell));
	scratch.threshold = threshold;
	cell.kind = kind;
	cell.supp = supp;
	cell.v[0] = a;
	cell.v[1] = b;
	cell.v[2] = c;
	ko_table_cell_text(&scratch, &cell, fmt, buf, size);
}

/* ---- forest plot ------------------------------------------------------- */

/* Ticks at mantissa * 10^e within [lo, hi]. */
static int ticks_from(const double *mant, int nm, double lo, double hi,
		      double *ticks, int max)
{
	int n = 0, e, k;

	for (e = (int)floor(log10(lo)) - 1; e <= (int)ceil(log10(hi)); e++) {
		for (k = 0; k < nm; k++) {
			double v = mant[k] * pow(10, e);

			if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) && n < max)
				ticks[n++] = v;
		}
	}
	return n;
}

int ko_figure_log_ticks(double lo, double hi, double *out, int max)
{
	static const double coarse[] = {1, 2, 5};
	static const double medium[] = {1, 2, 3, 5};
	static const double fine[] = {1, 1.5, 2, 3, 4, 5, 7};
	static const double finest[] = {1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8,
					1.9, 2, 2.5, 3, 4, 5, 6, 7, 8, 9};
	double ticks[256];
	int n = ticks_from(coarse, 3, lo, hi, ticks, 256), i;

	/* the coarsest set that gives at least four ticks */
	if (n < 4)
		n = ticks_from(medium, 4, lo, hi, ticks, 256);
	if (n < 4)
		n = ticks_from(fine, 7, lo, hi, ticks, 256);
	if (n < 4)
		n = ticks_from(finest, 19, lo, hi, ticks, 256);
	/* too many on a wide axis: keep 1, 10, 100 ... and 0.1, 0.01 ... */
	if (n > 9) {
		int m = 0;

		for (i = 0; i < n; i++) {
			double l = log10(ticks[i]);

			if (fabs(l - round(l)) < 1e-9)
				ticks[m++] = ticks[i];
		}
		n = m;
	}
	for (i = 0; i < n && i < max; i++)
		out[i] = ticks[i];
	return i;
}

/* Range of the axis: every drawn interval and 1, with some room. */
static void forest_range(const struct ko_forest *f, double *lo, double *hi)
{
	int i;

	*lo = 1;
	*hi = 1;
	for (i = 0; i < f->nrow; i++) {
		const struct ko_forest_row *r = &f->rows[i];
		double a = r->low, b = r->high;

		if (r->kind != KO_FOREST_ESTIMATE || !(r->est > 0))
			continue;
		if (!(a > 0) || !isfinite(a))
			a = r->est;
		if (!(b > 0) || !isfinite(b))
			b = r->est;
		if (a < *lo)
			*lo = a;
		if (b > *hi)
			*hi = b;
	}
	*lo /= 1.2;
	*hi *= 1.2;
}

struct forest_layout {
	double label_w, plot_x, plot_w, est_x, est_w, top, lo, hi;
};

static double forest_x(const struct forest_layout *L, double v)
{
	return L->plot_x +
	       (log(v) - log(L->lo)) / (log(L->hi) - log(L->lo)) * L->plot_w;
}

static void tick_text(const struct ko_number_format *fmt, double v, char *buf,
		      size_t size)
{
	int digits = v >= 1 ? 0 : v >= 0.1 ? 1 : 2;
	char *dot;

	if (v >= 1 && fabs(v - round(v)) > 1e-9)
		digits = 1;
	snprintf(buf, size, "%.*f", digits, v);
	dot = strchr(buf, '.');
	if (dot && fmt->decimal_mark)
		*dot = fmt->decimal_mark;
}

static void forest_measure(cairo_t *cr, const struct ko_forest *f,
			   const struct ko_number_format *fmt,
			   struct forest_layout *L)
{
	int i;

	memset(L, 0, sizeof(*L));
	for (i = 0; i < f->nrow; i++) {
		const struct ko_forest_row *r = &f->rows[i];
		char buf[96];
		double w;

		if (r->kind == KO_FOREST_SUPPRESSED)
			continue;
		set_font(cr, r->kind == KO_FOREST_HEADING, FONT_SIZE);
		w = text_width(cr, r->label) + 14 * r->level;
		if (w > L->label_w)
			L->label_w = w;
		set_font(cr, 0, FONT_SIZE);
		if (r->kind == KO_FOREST_NOTE)
			snprintf(buf, sizeof(buf), "%s", r->note ? r->note : "");
		else
			value_text(fmt, r->kind == KO_FOREST_REF ? KO_CELL_REF
								 : KO_CELL_ESTIMATE_CI,
				   r->est, r->low, r->high, KO_SUPP_NONE, 5, buf,
				   sizeof(buf));
		if (r->kind != KO_FOREST_HEADING && text_width(cr, buf) > L->est_w)
			L->est_w = text_width(cr, buf);
	}
	set_font(cr, 1, FONT_SIZE);
	if (f->est_header && text_width(cr, f->est_header) > L->est_w)
		L->est_w = text_width(cr, f->est_header);
	L->plot_x = MARGIN + L->label_w + 16;
	L->plot_w = 320;
	L->est_x = L->plot_x + L->plot_w + 20;
	L->top = MARGIN + (f->title ? 26 : 0);
	forest_range(f, &L->lo, &L->hi);
}

static void forest_row(cairo_t *cr, const struct forest_layout *L,
		       const struct ko_forest_row *r,
		       const struct ko_number_format *fmt, double y)
{
	double base = y + ROW_H / 2 + 4, mid = y + ROW_H / 2;
	char buf[96];

	set_gray(cr, 0.1);
	set_font(cr, r->kind == KO_FOREST_HEADING, FONT_SIZE);
	text_at(cr, r->label, MARGIN + 14 * r->level, base, 0);
	if (r->kind == KO_FOREST_HEADING)
		return;
	set_font(cr, 0, FONT_SIZE);
	if (r->kind == KO_FOREST_NOTE) {
		text_at(cr, r->note ? r->note : "", L->est_x + L->est_w, base, 1);
		return;
	}
	value_text(fmt, r->kind == KO_FOREST_REF ? KO_CELL_REF : KO_CELL_ESTIMATE_CI,
		   r->est, r->low, r->high, KO_SUPP_NONE, 5, buf, sizeof(buf));
	text_at(cr, buf, L->est_x + L->est_w, base, 1);
	if (r->kind == KO_FOREST_REF) {
		set_gray(cr, 0.45);
		cairo_set_line_width(cr, 1.2);
		cairo_rectangle(cr, forest_x(L, 1) - 3.5, mid - 3.5, 7, 7);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		set_gray(cr, 0.45);
		cairo_stroke(cr);
		return;
	}
	if (!(r->est > 0) || !isfinite(r->est))
		return;
	cairo_set_source_rgb(cr, 0.12, 0.31, 0.47);
	if (r->low > 0 && r->high > 0 && isfinite(r->low) && isfinite(r->high)) {
		cairo_set_line_width(cr, 1.4);
		cairo_move_to(cr, forest_x(L, r->low), mid);
		cairo_line_to(cr, forest_x(L, r->high), mid);
		cairo_stroke(cr);
		cairo_move_to(cr, forest_x(L, r->low), mid - 3);
		cairo_line_to(cr, forest_x(L, r->low), mid + 3);
		cairo_move_to(cr, forest_x(L, r->high), mid - 3);
		cairo_line_to(cr, forest_x(L, r->high), mid + 3);
		cairo_stroke(cr);
	}
	cairo_rectangle(cr, forest_x(L, r->est) - 4, mid - 4, 8, 8);
	cairo_fill(cr);
}

static void forest_axis(cairo_t *cr, const struct forest_layout *L,
			const struct ko_forest *f, const struct ko_number_format *fmt,
			double y_top, double y_axis)
{
	double ticks[16];
	int n = ko_figure_log_ticks(L->lo, L->hi, ticks, 16), i;

	/* reference line at 1 */
	set_gray(cr, 0.55);
	cairo_set_line_width(cr, 1);
	cairo_set_dash(cr, (double[]){4, 3}, 2, 0);
	cairo_move_to(cr, forest_x(L, 1), y_top);
	cairo_line_to(cr, forest_x(L, 1), y_axis);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	set_gray(cr, 0.1);
	cairo_move_to(cr, L->plot_x, y_axis);
	cairo_line_to(cr, L->plot_x + L->plot_w, y_axis);
	cairo_stroke(cr);
	set_font(cr, 0, FONT_SIZE - 1);
	for (i = 0; i < n; i++) {
		char buf[32];
		double x = forest_x(L, ticks[i]);

		cairo_move_to(cr, x, y_axis);
		cairo_line_to(cr, x, y_axis + 4);
		cairo_stroke(cr);
		tick_text(fmt, ticks[i], buf, sizeof(buf));
		text_at(cr, buf, x, y_axis + 16, 0.5);
	}
	if (f->axis_label) {
		set_font(cr, 0, FONT_SIZE);
		text_at(cr, f->axis_label, L->plot_x + L->plot_w / 2, y_axis + 34,
			0.5);
	}
}

static void draw_forest(cairo_t *cr, const void *fig,
			const struct ko_number_format *fmt, double *w, double *h)
{
	const struct ko_forest *f = fig;
	struct forest_layout L;
	double y;
	int i;

	forest_measure(cr, f, fmt, &L);
	if (f->title) {
		set_gray(cr, 0.1);
		set_font(cr, 1, TITLE_SIZE);
		text_at(cr, f->title, MARGIN, MARGIN + 12, 0);
	}
	set_gray(cr, 0.1);
	set_font(cr, 1, FONT_SIZE);
	if (f->est_header)
		text_at(cr, f->est_header, L.est_x + L.est_w, L.top + 14, 1);
	set_gray(cr, 0.3);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, MARGIN, L.top + ROW_H);
	cairo_line_to(cr, L.est_x + L.est_w, L.top + ROW_H);
	cairo_stroke(cr);
	y = L.top + ROW_H + 4;
	for (i = 0; i < f->nrow; i++) {
		if (f->rows[i].kind == KO_FOREST_SUPPRESSED)
			continue;
		forest_row(cr, &L, &f->rows[i], fmt, y);
		y += ROW_H;
	}
	forest_axis(cr, &L, f, fmt, L.top + ROW_H + 2, y + 6);
	*w = ceil(L.est_x + L.est_w + MARGIN);
	y = y + 6 + (f->axis_label ? 44 : 26);
	if (f->footnote) {
		set_gray(cr, 0.1);
		set_font(cr, 0, FONT_SIZE - 1);
		text_at(cr, f->footnote, MARGIN, y + 8, 0);
		if (ceil(MARGIN + text_width(cr, f->footnote) + MARGIN) > *w)
			*w = ceil(MARGIN + text_width(cr, f->footnote) + MARGIN);
		y += 18;
	}
	*h = ceil(y + MARGIN / 2);
}

/* ---- cumulative incidence ---------------------------------------------- */

#define CI_PLOT_W 440.0
#define CI_PLOT_H 260.0

static const double ci_gray[] = { 0.1, 0.5, 0.3, 0.45 };
static const double ci_dash[][4] = { { 0 }, { 6, 3 }, { 2, 2 }, { 9, 3, 2, 3 } };
static const int ci_ndash[] = { 0, 2, 2, 4 };

/* A y-axis top in % (a round number at or above hi_pct, at least 1) and
 * its tick step. */
static void ci_y_scale(double hi_pct, double *top, double *step)
{
	static const double steps[] = { 0.2, 0.5, 1, 2, 5, 10, 20, 25 };
	size_t k;

	if (!(hi_pct > 1))
		hi_pct = 1;
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]); k++)
		if (hi_pct / steps[k] <= 6)
			break;
	if (k == sizeof(steps) / sizeof(steps[0]))
		k--;
	*step = steps[k];
	*top = ceil(hi_pct / *step - 1e-9) * *step;
	if (*top > 100)
		*top = 100;
}

struct ci_layout {
	double x0, y0, w, h; /* the plot area: (x0, y0) top left */
	double x_max, y_top; /* y_top in % */
};

static double ci_x(const struct ci_layout *L, double age)
{
	return L->x0 + L->w * age / L->x_max;
}

static double ci_y(const struct ci_layout *L, double p)
{
	return L->y0 + L->h * (1.0 - 100.0 * p / L->y_top);
}

/* The CI band of series s: the step function of low and high. */
static void ci_band(cairo_t *cr, const struct ci_layout *L,
		    const struct ko_cuminc_series *s)
{
	int i, start = -1;

	for (i = 0; i <= s->nstep; i++) {
		int ok = i < s->nstep && isfinite(s->low[i]) && isfinite(s->high[i]);

		if (ok && start < 0)
			start = i;
		if (ok || start < 0)
			continue;
		/* the band over points [start, i): upper edge forward, lower back */
		{
			int j;
			double end = i < s->nstep ? s->age[i] : L->x_max;

			cairo_move_to(cr, ci_x(L, s->age[start]), ci_y(L, s->high[start]));
			for (j = start; j < i; j++) {
				double next = j + 1 < i ? s->age[j + 1] : end;

				cairo_line_to(cr, ci_x(L, next), ci_y(L, s->high[j]));
				if (j + 1 < i)
					cairo_line_to(cr, ci_x(L, next), ci_y(L, s->high[j + 1]));
			}
			for (j = i - 1; j >= start; j--) {
				double next = j + 1 < i ? s->age[j + 1] : end;

				cairo_line_to(cr, ci_x(L, next), ci_y(L, s->low[j]));
				cairo_line_to(cr, ci_x(L, s->age[j]), ci_y(L, s->low[j]));
			}
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		start = -1;
	}
}

static void ci_curve(cairo_t *cr, const struct ci_layout *L,
		     const struct ko_cuminc_series *s)
{
	int i;

	if (s->nstep < 1)
		return;
	cairo_move_to(cr, ci_x(L, s->age[0]), ci_y(L, s->est[0]));
	for (i = 1; i < s->nstep; i++) {
		cairo_line_to(cr, ci_x(L, s->age[i]), ci_y(L, s->est[i - 1]));
		cairo_line_to(cr, ci_x(L, s->age[i]), ci_y(L, s->est[i]));
	}
	cairo_line_to(cr, ci_x(L, L->x_max), ci_y(L, s->est[s->nstep - 1]));
	cairo_stroke(cr);
}

static void ci_axes(cairo_t *cr, const struct ci_layout *L,
		    const struct ko_cuminc_figure *f,
		    const struct ko_number_format *fmt, double y_step)
{
	double v;
	int i;
	char buf[32];

	set_gray(cr, 0.1);
	cairo_set_line_width(cr, 1);
	cairo_move_to(cr, L->x0, L->y0);
	cairo_line_to(cr, L->x0, L->y0 + L->h);
	cairo_line_to(cr, L->x0 + L->w, L->y0 + L->h);
	cairo_stroke(cr);
	set_font(cr, 0, FONT_SIZE - 1);
	for (v = 0; v <= L->y_top + 1e-9; v += y_step) {
		double y = ci_y(L, v / 100.0);

		cairo_move_to(cr, L->x0 - 4, y);
		cairo_line_to(cr, L->x0, y);
		cairo_stroke(cr);
		if (v < 1e-9)
			snprintf(buf, sizeof(buf), "0");
		else
			tick_text(fmt, v, buf, sizeof(buf));
		text_at(cr, buf, L->x0 - 7, y + 4, 1);
	}
	text_at(cr, "0", ci_x(L, 0), L->y0 + L->h + 16, 0.5);
	for (i = 0; i < f->nages; i++) {
		double x = ci_x(L, f->ages[i]);

		cairo_move_to(cr, x, L->y0 + L->h);
		cairo_line_to(cr, x, L->y0 + L->h + 4);
		cairo_stroke(cr);
		tick_text(fmt, f->ages[i], buf, sizeof(buf));
		text_at(cr, buf, x, L->y0 + L->h + 16, 0.5);
	}
	set_font(cr, 0, FONT_SIZE);
	text_at(cr, f->x_label, L->x0 + L->w / 2, L->y0 + L->h + 34, 0.5);
	cairo_save(cr);
	cairo_translate(cr, MARGIN + 10, L->y0 + L->h / 2);
	cairo_rotate(cr, -1.5707963267948966); /* a quarter turn */
	text_at(cr, f->y_label, 0, 0, 0.5);
	cairo_restore(cr);
}

static void draw_cuminc(cairo_t *cr, const void *fig,
			const struct ko_number_format *fmt, double *w, double *h)
{
	const struct ko_cuminc_figure *f = fig;
	struct ci_layout L;
	double hi = 0, y_step, label_w = 0, y;
	int g, i, k;

	for (g = 0; g < f->nseries; g++)
		for (i = 0; i < f->series[g].nstep; i++) {
			double v = isfinite(f->series[g].high[i]) ? f->series[g].high[i]
								  : f->series[g].est[i];

			if (v > hi)
				hi = v;
		}
	set_font(cr, 0, FONT_SIZE - 1);
	for (g = 0; g < f->nseries; g++)
		if (text_width(cr, f->series[g].label) > label_w)
			label_w = text_width(cr, f->series[g].label);
	L.x0 = MARGIN + 30 + 28;
	if (label_w + MARGIN + 8 > L.x0)
		L.x0 = label_w + MARGIN + 8;
	L.y0 = MARGIN + (f->title ? 24 : 0) + 10;
	L.w = CI_PLOT_W;
	L.h = CI_PLOT_H;
	L.x_max = f->x_max > 0 ? f->x_max : 1;
	ci_y_scale(100.0 * hi, &L.y_top, &y_step);
	if (f->title) {
		set_gray(cr, 0.1);
		set_font(cr, 1, TITLE_SIZE);
		text_at(cr, f->title, MARGIN, MARGIN + 12, 0);
	}
	for (g = 0; g < f->nseries; g++) { /* bands under the lines */
		double c = ci_gray[g % 4];

		cairo_set_source_rgba(cr, c, c, c, 0.15);
		ci_band(cr, &L, &f->series[g]);
	}
	cairo_set_line_width(cr, 1.6);
	for (g = 0; g < f->nseries; g++) {
		set_gray(cr, ci_gray[g % 4]);
		cairo_set_dash(cr, ci_dash[g % 4], ci_ndash[g % 4], 0);
		ci_curve(cr, &L, &f->series[g]);
		/* legend, top left inside the plot */
		cairo_move_to(cr, L.x0 + 12, L.y0 + 10 + 16 * g);
		cairo_line_to(cr, L.x0 + 36, L.y0 + 10 + 16 * g);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		set_font(cr, 0, FONT_SIZE - 1);
		text_at(cr, f->series[g].label, L.x0 + 42, L.y0 + 14 + 16 * g, 0);
	}
	cairo_set_dash(cr, NULL, 0, 0);
	ci_axes(cr, &L, f, fmt, y_step);
	/* the number at risk */
	y = L.y0 + L.h + 60;
	set_gray(cr, 0.1);
	set_font(cr, 1, FONT_SIZE - 1);
	text_at(cr, f->risk_label, MARGIN, y, 0);
	set_font(cr, 0, FONT_SIZE - 1);
	for (g = 0; g < f->nseries; g++) {
		y += 15;
		text_at(cr, f->series[g].label, MARGIN, y, 0);
		for (k = 0; k < f->nages && f->series[g].at_risk; k++)
			text_at(cr, f->series[g].at_risk[k], ci_x(&L, f->ages[k]), y, 0.5);
	}
	*w = ceil(L.x0 + L.w + 20 + MARGIN);
	if (f->title) {
		set_font(cr, 1, TITLE_SIZE);
		if (ceil(MARGIN + text_width(cr, f->title) + MARGIN) > *w)
			*w = ceil(MARGIN + text_width(cr, f->title) + MARGIN);
		set_font(cr, 0, FONT_SIZE - 1);
	}
	if (f->footnote) {
		y += 22;
		text_at(cr, f->footnote, MARGIN, y, 0);
		if (ceil(MARGIN + text_width(cr, f->footnote) + MARGIN) > *w)
			*w = ceil(MARGIN + text_width(cr, f->footnote) + MARGIN);
	}
	*h = ceil(y + MARGIN);
}

/* ---- flow diagram ------------------------------------------------------ */

#define BOX_PAD 9.0
#define LINE_H 15.0
#define GAP 46.0

/* Split s at '\n' into at most max lines of at most 160 bytes. */
static int split_lines(const char *s, char lines[][160], int max)
{
	int n = 0;

	while (s && n < max) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		snprintf(lines[n++], 160, "%.*s", (int)(len > 159 ? 159 : len), s);
		s = nl ? nl + 1 : NULL;
	}
	return n;
}

struct box {
	char lines[6][160];
	int nline, bold_last;
	double x, y, w, h;
};

static void box_text(struct box *b, const char *label, const char *count)
{
	b->nline = split_lines(label, b->lines, 5);
	snprintf(b->lines[b->nline++], 160, "%s", count);
	b->bold_last = 1;
}

static double box_width(cairo_t *cr, const struct box *b)
{
	double w = 0;
	int i;

	for (i = 0; i < b->nline; i++) {
		double lw;

		set_font(cr, b->bold_last && i == b->nline - 1, FONT_SIZE);
		lw = text_width(cr, b->lines[i]);
		if (lw > w)
			w = lw;
	}
	return w + 2 * BOX_PAD;
}

static void draw_box(cairo_t *cr, const struct box *b, double fill)
{
	int i;

	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	set_gray(cr, fill);
	cairo_fill_preserve(cr);
	set_gray(cr, 0.25);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	set_gray(cr, 0.1);
	for (i = 0; i < b->nline; i++) {
		set_font(cr, b->bold_last && i == b->nline - 1, FONT_SIZE);
		text_at(cr, b->lines[i], b->x + b->w / 2,
			b->y + BOX_PAD + 11 + i * LINE_H, 0.5);
	}
}

static void arrow(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	double a = atan2(y1 - y0, x1 - x0);

	set_gray(cr, 0.25);
	cairo_set_line_width(cr, 1.2);
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1 - 6 * cos(a), y1 - 6 * sin(a));
	cairo_stroke(cr);
	cairo_move_to(cr, x1, y1);
	cairo_line_to(cr, x1 - 8 * cos(a) + 4 * sin(a), y1 - 8 * sin(a) - 4 * cos(a));
	cairo_line_to(cr, x1 - 8 * cos(a) - 4 * sin(a), y1 - 8 * sin(a) + 4 * cos(a));
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void count_text(const struct ko_flow_diagram *flow, const struct ko_number_format *fmt,
		       long n, enum ko_supp_rule supp, char *buf, size_t size)
{
	char num[64];

	if (supp == KO_SUPP_PRIMARY) {
		snprintf(buf, size, "n < %d", flow->threshold);
		return;
	}
	if (supp != KO_SUPP_NONE) {
		snprintf(buf, size, "%s",
			 ko_lang_text(fmt->lang, KO_MSG_N_SUPPRESSED));
		return;
	}
	value_text(fmt, KO_CELL_COUNT, (double)n, 0, 0, supp, flow->threshold,
		   num, sizeof(num));
	snprintf(buf, size, "n = %s", num);
}

static void draw_flow(cairo_t *cr, const void *fig, const struct ko_number_format *fmt,
		      double *w, double *h)
{
	const struct ko_flow_diagram *flow = fig;
	struct box main_box, side;
	double main_w = 0, side_w = 0, y, x_mid, side_x;
	char count[96];
	int i;

	/* widths: all main boxes alike, all side boxes alike */
	for (i = 0; i < flow->nstep; i++) {
		const struct ko_flow_step *s = &flow->steps[i];

		count_text(flow, fmt, s->n_remaining, s->supp_remaining, count,
			   sizeof(count));
		box_text(&main_box, s->label, count);
		if (box_width(cr, &main_box) > main_w)
			main_w = box_width(cr, &main_box);
		if (i > 0 && s->n_excluded >= 0) {
			count_text(flow, fmt, s->n_excluded, s->supp_excluded, count,
				   sizeof(count));
			box_text(&side, s->reason ? s->reason
						 : ko_lang_text(fmt->lang, KO_MSG_EXCLUDED), count);
			if (box_width(cr, &side) > side_w)
				side_w = box_width(cr, &side);
		}
	}
	if (main_w < 200)
		main_w = 200;
	x_mid = MARGIN + main_w / 2;
	side_x = MARGIN + main_w + 36;
	y = MARGIN;
	if (flow->title) {
		set_gray(cr, 0.1);
		set_font(cr, 1, TITLE_SIZE);
		text_at(cr, flow->title, MARGIN, MARGIN + 12, 0);
		y += 30;
	}
	for (i = 0; i < flow->nstep; i++) {
		const struct ko_flow_step *s = &flow->steps[i];

		if (i > 0) {
			double y_next = y + GAP;

			if (s->n_excluded >= 0) {
				count_text(flow, fmt, s->n_excluded, s->supp_excluded,
					   count, sizeof(count));
				box_text(&side, s->reason ? s->reason
						 : ko_lang_text(fmt->lang, KO_MSG_EXCLUDED), count);
				side.w = side_w;
				side.h = side.nline * LINE_H + 2 * BOX_PAD - 2;
				side.x = side_x;
				if (side.h > GAP - 12) /* a tall side box: more room */
					y_next = y + side.h + 12;
				side.y = (y + y_next) / 2 - side.h / 2;
				arrow(cr, x_mid, (y + y_next) / 2, side_x,
				      (y + y_next) / 2);
				draw_box(cr, &side, 0.96);
			}
			arrow(cr, x_mid, y, x_mid, y_next);
			y = y_next;
		}
		count_text(flow, fmt, s->n_remaining, s->supp_remaining, count,
			   sizeof(count));
		box_text(&main_box, s->label, count);
		main_box.x = MARGIN;
		main_box.y = y;
		main_box.w = main_w;
		main_box.h = main_box.nline * LINE_H + 2 * BOX_PAD - 2;
		draw_box(cr, &main_box, 1.0);
		y += main_box.h;
	}
	*w = ceil(side_w > 0 ? side_x + side_w + MARGIN : MARGIN + main_w + MARGIN);
	*h = ceil(y + MARGIN);
}

/* ---- rendering --------------------------------------------------------- */

struct membuf {
	unsigned char *data;
	size_t len, cap;
	int failed;
};

static cairo_status_t mem_write(void *closure, const unsigned char *data,
				unsigned int length)
{
	struct membuf *m = closure;

	if (m->len + length > m->cap) {
		size_t cap = m->cap ? m->cap : 65536;
		unsigned char *grown;

		while (cap < m->len + length)
			cap *= 2;
		grown = realloc(m->data, cap);
		if (!grown) {
			m->failed = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		m->data = grown;
		m->cap = cap;
	}
	memcpy(m->data + m->len, data, length);
	m->len += length;
	return CAIRO_STATUS_SUCCESS;
}

/* cairo numbers SVG surfaces from a process-wide counter ("surface42"):
 * renumber them in order of first appearance so each file reads the same
 * however many figures the process drew before. */
static int renumber_svg_ids(struct membuf *m)
{
	static const char key[] = "surface";
	long map_from[256];
	int nmap = 0;
	struct membuf out = {NULL, 0, 0, 0};
	size_t i = 0, klen = sizeof(key) - 1;

	while (i < m->len) {
		if (i + klen < m->len && !memcmp(m->data + i, key, klen) &&
		    m->data[i + klen] >= '0' && m->data[i + klen] <= '9') {
			long id = 0;
			int k, found = -1;
			char num[32];
			size_t j = i + klen;

			while (j < m->len && m->data[j] >= '0' && m->data[j] <= '9')
				id = id * 10 + (m->data[j++] - '0');
			for (k = 0; k < nmap; k++)
				if (map_from[k] == id)
					found = k;
			if (found < 0 && nmap < 256) {
				map_from[nmap] = id;
				found = nmap++;
			}
			snprintf(num, sizeof(num), "%s%d", key, found + 1);
			if (mem_write(&out, (const unsigned char *)num,
				      (unsigned)strlen(num)))
				goto fail;
			i = j;
			continue;
		}
		if (mem_write(&out, m->data + i, 1))
			goto fail;
		i++;
	}
	free(m->data);
	*m = out;
	return 0;
fail:
	free(out.data);
	return -1;
}

static void setup_context(cairo_t *cr)
{
	cairo_font_options_t *opts = cairo_font_options_create();

	/* the same text widths on every surface */
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, opts);
	cairo_font_options_destroy(opts);
}

static void measure(draw_fn draw, const void *fig, const struct ko_number_format *fmt,
		    double *w, double *h)
{
	cairo_surface_t *rec =
		cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *cr = cairo_create(rec);

	setup_context(cr);
	draw(cr, fig, fmt, w, h);
	cairo_destroy(cr);
	cairo_surface_destroy(rec);
}

static cairo_surface_t *make_surface(enum ko_figure_format format,
				     struct membuf *buf, double w, double h)
{
	cairo_surface_t *s = NULL;

	switch (format) {
	case KO_FIG_SVG:
		s = cairo_svg_surface_create_for_stream(mem_write, buf, w, h);
		break;
	case KO_FIG_PDF:
		s = cairo_pdf_surface_create_for_stream(mem_write, buf, w, h);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
					       PDF_DATE);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       "kohort");
		break;
	case KO_FIG_PNG:
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					       (int)ceil(w * PNG_SCALE),
					       (int)ceil(h * PNG_SCALE));
		break;
	}
	return s;
}

/* The sink's <text> elements into the SVG in m, before its </svg>;
 * nonzero on no memory or an SVG without its end. */
static int svg_text_insert(struct membuf *m, const struct svg_text *sink)
{
	static const char end[] = "</svg>";
	size_t at, n = sizeof(end) - 1;
	unsigned char *d;

	for (at = m->len; at >= n; at--)
		if (!memcmp(m->data + at - n, end, n))
			break;
	if (at < n)
		return -1;
	at -= n;
	if (m->len + sink->len > m->cap) {
		d = realloc(m->data, m->len + sink->len);
		if (!d)
			return -1;
		m->data = d;
		m->cap = m->len + sink->len;
	}
	memmove(m->data + at + sink->len, m->data + at, m->len - at);
	memcpy(m->data + at, sink->buf, sink->len);
	m->len += sink->len;
	return 0;
}

/* Draw into memory in format; buf holds the file's bytes on success. */
static enum ko_status render(draw_fn draw, const void *fig,
			     const struct ko_number_format *fmt,
			     enum ko_figure_format format, struct membuf *buf,
			     struct ko_err *err)
{
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t cs;
	double w, h, w2, h2;
	struct svg_text sink = { NULL, NULL, 0, 0 };
	int sink_failed = 0;

	measure(draw, fig, fmt, &w, &h);
	s = make_surface(format, buf, w, h);
	cr = cairo_create(s);
	setup_context(cr);
	if (format == KO_FIG_SVG) {
		sink.fp = open_memstream(&sink.buf, &sink.len);
		if (!sink.fp ||
		    cairo_set_user_data(cr, &svg_text_key, &sink, NULL)) {
			if (sink.fp)
				fclose(sink.fp);
			free(sink.buf);
			cairo_destroy(cr);
			cairo_surface_destroy(s);
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
	}
	if (format == KO_FIG_PNG)
		cairo_scale(cr, PNG_SCALE, PNG_SCALE);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	draw(cr, fig, fmt, &w2, &h2);
	cs = cairo_status(cr);
	cairo_destroy(cr);
	if (sink.fp && fclose(sink.fp))
		sink_failed = 1;
	if (!cs && format == KO_FIG_PNG)
		cs = cairo_surface_write_to_png_stream(s, mem_write, buf);
	cairo_surface_finish(s);
	if (!cs)
		cs = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (cs || buf->failed) {
		free(sink.buf);
		return ko_err_set(err, buf->failed ? KO_ERR_NOMEM : KO_ERR_IO,
				  "cannot draw figure: %s",
				  cairo_status_to_string(cs));
	}
	if (format == KO_FIG_SVG) {
		if (sink_failed || svg_text_insert(buf, &sink)) {
			free(sink.buf);
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
		free(sink.buf);
		if (renumber_svg_ids(buf))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	return KO_OK;
}

static enum ko_status write_figure(draw_fn draw, const void *fig,
				   const struct ko_number_format *fmt,
				   enum ko_figure_format format,
				   const char *path, struct ko_err *err)
{
	struct membuf buf = {NULL, 0, 0, 0};
	struct ko_outfile out;
	enum ko_status st;

	st = render(draw, fig, fmt, format, &buf, err);
	if (st)
		goto out;
	st = ko_outfile_open(&out, path, 0, err);
	if (st)
		goto out;
	if (fwrite(buf.data, 1, buf.len, out.fp) != buf.len || ferror(out.fp)) {
		ko_outfile_abort(&out);
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write");
		goto out;
	}
	st = ko_outfile_commit(&out, err);
out:
	free(buf.data);
	return st;
}

enum ko_status ko_figure_forest(const struct ko_forest *f,
				const struct ko_number_format *fmt,
				enum ko_figure_format format, const char *path,
				struct ko_err *err)
{
	return write_figure(draw_forest, f, fmt, format, path, err);
}

enum ko_status ko_figure_flow(const struct ko_flow_diagram *flow,
			      const struct ko_number_format *fmt,
			      enum ko_figure_format format, const char *path,
			      struct ko_err *err)
{
	if (flow->nstep < 1)
		return ko_err_set(err, KO_ERR_USAGE, "flow diagram has no steps");
	return write_figure(draw_flow, flow, fmt, format, path, err);
}

enum ko_status ko_figure_cuminc(const struct ko_cuminc_figure *f,
				const struct ko_number_format *fmt,
				enum ko_figure_format format, const char *path,
				struct ko_err *err)
{
	if (f->nseries < 0) /* 0: every level hidden (report_cuminc.c), the axes only */
		return ko_err_set(err, KO_ERR_USAGE, "cumulative-incidence figure has no curves");
	return write_figure(draw_cuminc, f, fmt, format, path, err);
}
