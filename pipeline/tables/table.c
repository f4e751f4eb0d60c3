/* table.c - report tables in memory, the CSV writers and the registry of
 * formats (see table.h); markdown, HTML and LaTeX are table_text.c, the
 * xlsx workbook is table_xlsx.c, what they share is table_impl.h. */
#include "table_impl.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "lang.h"
#include "outfile.h"

void ko_format_init(struct ko_number_format *fmt)
{
	memset(fmt, 0, sizeof(*fmt));
	fmt->decimal_mark = '.';
	fmt->digits_percent = 1;
	fmt->digits_number = 2;
	fmt->digits_mean = 1;
	fmt->digits_estimate = 2;
	fmt->digits_p = 3;
	fmt->p_floor = 0.001;
	fmt->supp_mark = "x";
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct ko_table *ko_table_new(const char *name, const char *title)
{
	struct ko_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->name = strdup(name);
	t->title = strdup(title ? title : "");
	t->threshold = 5;
	if (!t->name || !t->title) {
		ko_table_free(t);
		return NULL;
	}
	return t;
}

void ko_table_free(struct ko_table *t)
{
	int i;

	if (!t)
		return;
	for (i = 0; t->cells && i < t->nrow * t->ncol; i++)
		free(t->cells[i].text);
	for (i = 0; i < t->nrow; i++) {
		free(t->rows[i].label);
		free(t->rows[i].term);
		free(t->rows[i].value);
	}
	for (i = 0; i < t->ncol; i++) {
		free(t->cols[i].header);
		free(t->cols[i].group);
		free(t->cols[i].shown);
	}
	free(t->cells);
	free(t->rows);
	free(t->cols);
	free(t->name);
	free(t->title);
	free(t->footnote);
	free(t->stub_header);
	free(t);
}

static enum ko_status replace_string(char **slot, const char *text)
{
	char *copy = dup_or_null(text);

	if (text && !copy)
		return KO_ERR_NOMEM;
	free(*slot);
	*slot = copy;
	return KO_OK;
}

enum ko_status ko_table_set_footnote(struct ko_table *t, const char *text)
{
	return replace_string(&t->footnote, text);
}

enum ko_status ko_table_set_stub_header(struct ko_table *t, const char *text)
{
	return replace_string(&t->stub_header, text);
}

int ko_table_add_col(struct ko_table *t, const char *header,
		     const char *group, enum ko_col_role role)
{
	struct ko_table_col *cols;
	struct ko_table_col *c;

	assert(t->nrow == 0);
	cols = realloc(t->cols, (size_t)(t->ncol + 1) * sizeof(*cols));
	if (!cols)
		return -1;
	t->cols = cols;
	c = &cols[t->ncol];
	c->header = strdup(header ? header : "");
	c->group = dup_or_null(group);
	c->role = role;
	c->shown = NULL;
	c->csv_only = 0;
	if (!c->header || (group && !c->group)) {
		free(c->header);
		free(c->group);
		return -1;
	}
	return t->ncol++;
}

static int grow_rows(struct ko_table *t)
{
	size_t cap = t->row_cap ? t->row_cap * 2 : 16;
	struct ko_table_row *rows;
	struct ko_cell *cells;

	rows = realloc(t->rows, cap * sizeof(*rows));
	if (!rows)
		return -1;
	t->rows = rows;
	cells = realloc(t->cells, cap * (size_t)(t->ncol ? t->ncol : 1) *
				  sizeof(*cells));
	if (!cells)
		return -1;
	t->cells = cells;
	t->row_cap = cap;
	return 0;
}

int ko_table_add_row(struct ko_table *t, const char *label, int level,
		     const char *term, const char *value)
{
	struct ko_table_row *r;

	if ((size_t)t->nrow == t->row_cap && grow_rows(t))
		return -1;
	r = &t->rows[t->nrow];
	r->label = strdup(label ? label : "");
	r->level = level;
	r->term = dup_or_null(term);
	r->value = dup_or_null(value);
	r->csv_only = 0;
	r->overlaps = 0;
	if (!r->label || (term && !r->term) || (value && !r->value)) {
		free(r->label);
		free(r->term);
		free(r->value);
		return -1;
	}
	memset(&t->cells[(size_t)t->nrow * (size_t)t->ncol], 0,
	       (size_t)t->ncol * sizeof(*t->cells));
	return t->nrow++;
}

struct ko_cell *ko_table_cell(struct ko_table *t, int row, int col)
{
	assert(row >= 0 && row < t->nrow && col >= 0 && col < t->ncol);
	return &t->cells[(size_t)row * (size_t)t->ncol + (size_t)col];
}

const struct ko_cell *ko_table_cell_c(const struct ko_table *t, int row,
				      int col)
{
	assert(row >= 0 && row < t->nrow && col >= 0 && col < t->ncol);
	return &t->cells[(size_t)row * (size_t)t->ncol + (size_t)col];
}

static void set_cell(struct ko_table *t, int r, int c, enum ko_cell_kind kind,
		     double a, double b, double d)
{
	struct ko_cell *cell = ko_table_cell(t, r, c);

	free(cell->text);
	cell->text = NULL;
	cell->kind = kind;
	cell->supp = KO_SUPP_NONE;
	cell->rounded = 0;
	cell->whole = 0;
	cell->v[0] = a;
	cell->v[1] = b;
	cell->v[2] = d;
	cell->lg[0] = cell->lg[1] = NAN;
}

void ko_table_round_cell(struct ko_table *t, int r, int c)
{
	ko_table_cell(t, r, c)->rounded = 1;
}

void ko_table_whole_cell(struct ko_table *t, int r, int c)
{
	ko_table_cell(t, r, c)->whole = 1;
}

/* Decimal places the writers show for value k of a cell. */
static int shown_digits(const struct ko_cell *cell, int k,
			const struct ko_number_format *fmt)
{
	switch (cell->kind) {
	case KO_CELL_COUNT:
	case KO_CELL_COUNT_CI:
	case KO_CELL_WHOLE:
		return 0;
	case KO_CELL_COUNT_PCT:
		return k ? fmt->digits_percent : 0;
	case KO_CELL_PERCENT:
	case KO_CELL_PCT_CI:
		return fmt->digits_percent;
	case KO_CELL_NUMBER:
		return fmt->digits_number;
	case KO_CELL_MEAN_SD:
	case KO_CELL_MEDIAN_IQR:
		return cell->whole ? 0 : fmt->digits_mean;
	case KO_CELL_PVALUE:
		return fmt->digits_p;
	default:
		return fmt->digits_estimate;
	}
}

double ko_table_export_value(const struct ko_cell *cell, int k,
			     const struct ko_number_format *fmt)
{
	char tmp[400];
	double x = cell->v[k];

	if (!cell->rounded || !isfinite(x) || fabs(x) > 1e300)
		return x;
	/* a p shown "<0.001" says only that it is below the floor: 0, not
	 * 0.001 (what 0.0007 rounds to, more than the table shows) */
	if (cell->kind == KO_CELL_PVALUE && x < fmt->p_floor)
		return 0;
	/* the digits put_fixed shows, read back: the same rounding */
	snprintf(tmp, sizeof(tmp), "%.*f", shown_digits(cell, k, fmt), x);
	x = strtod(tmp, NULL);
	return x == 0 ? 0 : x; /* no "-0" */
}

void ko_table_set_count(struct ko_table *t, int r, int c, double n)
{
	set_cell(t, r, c, KO_CELL_COUNT, n, 0, 0);
}

void ko_table_set_count_pct(struct ko_table *t, int r, int c, double n,
			    double pct)
{
	set_cell(t, r, c, KO_CELL_COUNT_PCT, n, pct, 0);
}

void ko_table_set_percent(struct ko_table *t, int r, int c, double pct)
{
	set_cell(t, r, c, KO_CELL_PERCENT, pct, 0, 0);
}

void ko_table_set_number(struct ko_table *t, int r, int c, double x)
{
	set_cell(t, r, c, KO_CELL_NUMBER, x, 0, 0);
}

void ko_table_set_whole(struct ko_table *t, int r, int c, double x)
{
	set_cell(t, r, c, KO_CELL_WHOLE, round(x), 0, 0);
}

void ko_table_set_mean_sd(struct ko_table *t, int r, int c, double mean,
			  double sd)
{
	set_cell(t, r, c, KO_CELL_MEAN_SD, mean, sd, 0);
}

void ko_table_set_median_iqr(struct ko_table *t, int r, int c, double median,
			     double q1, double q3)
{
	set_cell(t, r, c, KO_CELL_MEDIAN_IQR, median, q1, q3);
}

void ko_table_set_estimate(struct ko_table *t, int r, int c, double est,
			   double low, double high)
{
	set_cell(t, r, c, KO_CELL_ESTIMATE_CI, est, low, high);
}

void ko_table_set_log_ci(struct ko_table *t, int r, int c, double low_log,
			 double high_log)
{
	struct ko_cell *cell = ko_table_cell(t, r, c);

	cell->lg[0] = low_log;
	cell->lg[1] = high_log;
}

void ko_table_set_p(struct ko_table *t, int r, int c, double p)
{
	set_cell(t, r, c, KO_CELL_PVALUE, p, 0, 0);
}

void ko_table_set_ref(struct ko_table *t, int r, int c)
{
	set_cell(t, r, c, KO_CELL_REF, 1, 0, 0);
}

void ko_table_set_ref_value(struct ko_table *t, int r, int c, double value)
{
	set_cell(t, r, c, KO_CELL_REF, value, 0, 0);
}

void ko_table_set_pct_ci(struct ko_table *t, int r, int c, double est,
			 double low, double high)
{
	set_cell(t, r, c, KO_CELL_PCT_CI, est, low, high);
}

void ko_table_set_count_ci(struct ko_table *t, int r, int c, double est,
			   double low, double high)
{
	set_cell(t, r, c, KO_CELL_COUNT_CI, est, low, high);
}

enum ko_status ko_table_set_text(struct ko_table *t, int r, int c,
				 const char *text)
{
	char *copy = strdup(text);

	if (!copy)
		return KO_ERR_NOMEM;
	set_cell(t, r, c, KO_CELL_TEXT, 0, 0, 0);
	ko_table_cell(t, r, c)->text = copy;
	return KO_OK;
}

void ko_table_suppress(struct ko_table *t, int r, int c,
		       enum ko_supp_rule rule)
{
	ko_table_cell(t, r, c)->supp = rule;
}

void ko_table_hide_row(struct ko_table *t, int r)
{
	assert(r >= 0 && r < t->nrow);
	t->rows[r].csv_only = 1;
}

void ko_table_hide_col(struct ko_table *t, int c)
{
	assert(c >= 0 && c < t->ncol);
	t->cols[c].csv_only = 1;
}

enum ko_status ko_table_set_col_shown(struct ko_table *t, int c,
				      const char *text)
{
	assert(c >= 0 && c < t->ncol);
	return replace_string(&t->cols[c].shown, text);
}

int ko_table_needs_display_copy(const struct ko_table *t)
{
	int i;

	for (i = 0; i < t->ncol; i++)
		if (t->cols[i].csv_only || t->cols[i].shown)
			return 1;
	for (i = 0; i < t->nrow; i++)
		if (t->rows[i].csv_only)
			return 1;
	return 0;
}

struct ko_table *ko_table_display_copy(const struct ko_table *t)
{
	struct ko_table *d = ko_table_new(t->name, t->title);
	int *cmap = calloc((size_t)t->ncol + 1, sizeof(*cmap));
	int r, c, nc = 0;

	if (!d || !cmap || ko_table_set_footnote(d, t->footnote) ||
	    ko_table_set_stub_header(d, t->stub_header))
		goto fail;
	d->model = t->model;
	d->threshold = t->threshold;
	d->ci_level = t->ci_level;
	for (c = 0; c < t->ncol; c++) {
		const struct ko_table_col *col = &t->cols[c];

		if (col->csv_only)
			continue;
		if (ko_table_add_col(d, col->shown ? col->shown : col->header,
				     col->group, col->role) < 0)
			goto fail;
		cmap[nc++] = c;
	}
	for (r = 0; r < t->nrow; r++) {
		const struct ko_table_row *row = &t->rows[r];
		int dr;

		if (row->csv_only)
			continue;
		dr = ko_table_add_row(d, row->label, row->level, row->term,
				      row->value);
		if (dr < 0)
			goto fail;
		for (c = 0; c < nc; c++) {
			const struct ko_cell *from = ko_table_cell_c(t, r, cmap[c]);
			struct ko_cell *to = ko_table_cell(d, dr, c);

			*to = *from;
			if (from->text && !(to->text = strdup(from->text)))
				goto fail;
		}
	}
	free(cmap);
	return d;
fail:
	free(cmap);
	ko_table_free(d);
	return NULL;
}

void ko_table_suppress_row(struct ko_table *t, int r)
{
	int c;

	for (c = 0; c < t->ncol; c++) {
		struct ko_cell *cell = ko_table_cell(t, r, c);

		if (cell->kind != KO_CELL_EMPTY && cell->supp == KO_SUPP_NONE)
			cell->supp = KO_SUPP_DERIVED;
	}
}

const char *ko_supp_rule_name(enum ko_supp_rule rule)
{
	switch (rule) {
	case KO_SUPP_PRIMARY:
		return "primary";
	case KO_SUPP_SECONDARY:
		return "secondary";
	case KO_SUPP_DERIVED:
		return "derived";
	default:
		return "";
	}
}

/* ---- formatting numbers ------------------------------------------------ */

/* Append to a bounded buffer; keeps count of what would have been written. */
struct sbuf {
	char *buf;
	size_t size, len;
};

static void sb_put(struct sbuf *sb, const char *fmtstr, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_put(struct sbuf *sb, const char *fmtstr, ...)
{
	va_list ap;
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	int n;

	va_start(ap, fmtstr);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmtstr, ap);
	va_end(ap);
	if (n > 0)
		sb->len += (size_t)n;
}

/* x with digits decimals, the decimal mark, and no "-0". */
static void put_fixed(struct sbuf *sb, double x, int digits, char mark)
{
	char tmp[64];
	char *dot;

	if (!isfinite(x)) {
		sb_put(sb, "NA");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", digits, x);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == strlen(tmp + 1))
		memmove(tmp, tmp + 1, strlen(tmp));
	dot = strchr(tmp, '.');
	if (dot)
		*dot = mark;
	sb_put(sb, "%s", tmp);
}

/* A count: an integer with optional digit grouping. */
static void put_count(struct sbuf *sb, double n, const char *sep)
{
	char tmp[64];
	size_t len, i, lead;

	if (!isfinite(n)) {
		sb_put(sb, "NA");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.0f", n);
	if (!strcmp(tmp, "-0"))
		tmp[0] = '0', tmp[1] = '\0';
	if (!sep) {
		sb_put(sb, "%s", tmp);
		return;
	}
	i = tmp[0] == '-';
	if (i)
		sb_put(sb, "-");
	len = strlen(tmp + i);
	lead = len % 3 ? len % 3 : 3;
	sb_put(sb, "%.*s", (int)lead, tmp + i);
	for (i += lead; tmp[i]; i += 3)
		sb_put(sb, "%s%.3s", sep, tmp + i);
}

/* "(low–high)", or "(low to high)" when a bound is negative so that the
 * dash cannot be read as a minus sign. */
static void put_range(struct sbuf *sb, double low, double high, int digits,
		      char mark, const char *to)
{
	sb_put(sb, " (");
	put_fixed(sb, low, digits, mark);
	sb_put(sb, "%s", low < 0 || high < 0 ? to : EN_DASH);
	put_fixed(sb, high, digits, mark);
	sb_put(sb, ")");
}

static void put_p(struct sbuf *sb, double p, const struct ko_number_format *fmt)
{
	if (isfinite(p) && p < fmt->p_floor) {
		sb_put(sb, "%s", fmt->p_below ? fmt->p_below : "<");
		/* enough decimals to show the floor itself */
		put_fixed(sb, fmt->p_floor,
			  (int)ceil(-log10(fmt->p_floor) - 1e-9) > fmt->digits_p
				  ? (int)ceil(-log10(fmt->p_floor) - 1e-9)
				  : fmt->digits_p,
			  fmt->decimal_mark);
		return;
	}
	put_fixed(sb, p, fmt->digits_p, fmt->decimal_mark);
}

static int is_count_kind(enum ko_cell_kind kind)
{
	return kind == KO_CELL_COUNT || kind == KO_CELL_COUNT_PCT ||
	       kind == KO_CELL_COUNT_CI;
}

int ko_table_cell_text(const struct ko_table *t, const struct ko_cell *cell,
		       const struct ko_number_format *fmt, char *buf, size_t size)
{
	struct sbuf sb = {buf, size, 0};
	char mark = fmt->decimal_mark ? fmt->decimal_mark : '.';
	const double *v = cell->v;

	if (size)
		buf[0] = '\0';
	if (cell->supp != KO_SUPP_NONE && cell->kind != KO_CELL_EMPTY) {
		if (cell->supp == KO_SUPP_PRIMARY && is_count_kind(cell->kind))
			sb_put(&sb, "<%d", t->threshold);
		else
			sb_put(&sb, "%s", fmt->supp_mark ? fmt->supp_mark : "x");
		return (int)sb.len;
	}
	switch (cell->kind) {
	case KO_CELL_EMPTY:
	case KO_CELL_KIND_COUNT:
		break;
	case KO_CELL_TEXT:
		sb_put(&sb, "%s", cell->text ? cell->text : "");
		break;
	case KO_CELL_COUNT:
		put_count(&sb, v[0], fmt->thousands_sep);
		break;
	case KO_CELL_COUNT_PCT:
		put_count(&sb, v[0], fmt->thousands_sep);
		sb_put(&sb, " (");
		put_fixed(&sb, v[1], fmt->digits_percent, mark);
		sb_put(&sb, ")");
		break;
	case KO_CELL_PERCENT:
		put_fixed(&sb, v[0], fmt->digits_percent, mark);
		break;
	case KO_CELL_NUMBER:
		put_fixed(&sb, v[0], fmt->digits_number, mark);
		break;
	case KO_CELL_WHOLE:
		put_count(&sb, v[0], fmt->thousands_sep);
		break;
	case KO_CELL_MEAN_SD:
		put_fixed(&sb, v[0], shown_digits(cell, 0, fmt), mark);
		sb_put(&sb, " (");
		put_fixed(&sb, v[1], shown_digits(cell, 1, fmt), mark);
		sb_put(&sb, ")");
		break;
	case KO_CELL_MEDIAN_IQR:
		put_fixed(&sb, v[0], shown_digits(cell, 0, fmt), mark);
		put_range(&sb, v[1], v[2], shown_digits(cell, 1, fmt), mark,
			  ko_lang_text(fmt->lang, KO_MSG_RANGE_TO));
		break;
	case KO_CELL_ESTIMATE_CI:
		put_fixed(&sb, v[0], fmt->digits_estimate, mark);
		put_range(&sb, v[1], v[2], fmt->digits_estimate, mark,
			  ko_lang_text(fmt->lang, KO_MSG_RANGE_TO));
		break;
	case KO_CELL_PVALUE:
		put_p(&sb, v[0], fmt);
		break;
	case KO_CELL_REF:
		sb_put(&sb, "%g%s", v[0], ko_lang_text(fmt->lang, KO_MSG_REF));
		break;
	case KO_CELL_PCT_CI:
		put_fixed(&sb, v[0], fmt->digits_percent, mark);
		put_range(&sb, v[1], v[2], fmt->digits_percent, mark,
			  ko_lang_text(fmt->lang, KO_MSG_RANGE_TO));
		break;
	case KO_CELL_COUNT_CI:
		put_count(&sb, v[0], fmt->thousands_sep);
		sb_put(&sb, " (");
		put_count(&sb, v[1], fmt->thousands_sep);
		sb_put(&sb, "%s", round(v[1]) < 0 || round(v[2]) < 0
					  ? ko_lang_text(fmt->lang, KO_MSG_RANGE_TO)
					  : EN_DASH);
		put_count(&sb, v[2], fmt->thousands_sep);
		sb_put(&sb, ")");
		break;
	}
	return (int)sb.len;
}

int has_groups(const struct ko_table *t)
{
	int c;

	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].group)
			return 1;
	return 0;
}

/* Number of columns from c on that share c's group (at least 1). */
int group_span(const struct ko_table *t, int c)
{
	int span = 1;

	while (t->cols[c].group && c + span < t->ncol &&
	       t->cols[c + span].group &&
	       !strcmp(t->cols[c].group, t->cols[c + span].group))
		span++;
	return span;
}

int any_suppressed(const struct ko_table *t)
{
	int i;

	for (i = 0; i < t->nrow * t->ncol; i++)
		if (t->cells[i].supp != KO_SUPP_NONE &&
		    t->cells[i].kind != KO_CELL_EMPTY)
			return 1;
	return 0;
}

/* The sentence that explains the suppression marks, into buf. */
void supp_note(const struct ko_table *t, const struct ko_number_format *fmt,
	       char *buf, size_t size)
{
	snprintf(buf, size, ko_lang_text(fmt->lang, KO_MSG_SUPP_NOTE),
		 t->threshold, t->threshold,
		 fmt->supp_mark ? fmt->supp_mark : "x");
}


/* ---- csv (tidy, '.' always, full precision) ----------------------------- */

/* The shortest %g that reads back as the same double. */
static void put_full(FILE *fp, double x)
{
	char tmp[40];
	int digits;

	if (!isfinite(x))
		return; /* missing: empty field */
	for (digits = 15; digits <= 17; digits++) {
		snprintf(tmp, sizeof(tmp), "%.*g", digits, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	fputs(tmp, fp);
}

static const char *row_term(const struct ko_table_row *row)
{
	return row->term ? row->term : row->label;
}

/* What a suppressed cell says in the csv "note" column. */
static const char *csv_note(const struct ko_table *t, const struct ko_cell *cell,
			    char *buf, size_t size)
{
	if (cell->supp == KO_SUPP_NONE)
		return cell->kind == KO_CELL_REF ? "ref" : "";
	if (cell->supp == KO_SUPP_PRIMARY && is_count_kind(cell->kind)) {
		snprintf(buf, size, "<%d", t->threshold);
		return buf;
	}
	return "suppressed";
}

/* The statistics a cell kind holds, in csv order. */
static int cell_stats(enum ko_cell_kind kind, const char **names)
{
	static const char *none[] = {NULL};
	static const char *count[] = {"n"};
	static const char *count_pct[] = {"n", "percent"};
	static const char *percent[] = {"percent"};
	static const char *number[] = {"value"};
	static const char *mean_sd[] = {"mean", "sd"};
	static const char *median[] = {"median", "q1", "q3"};
	static const char *est[] = {"estimate", "conf_low", "conf_high"};
	static const char *p[] = {"p_value"};
	static const char *ref[] = {"estimate"};
	static const char *text[] = {"text"};
	const char **list = none;
	int n = 0;

	switch (kind) {
	case KO_CELL_COUNT: list = count; n = 1; break;
	case KO_CELL_COUNT_PCT: list = count_pct; n = 2; break;
	case KO_CELL_PERCENT: list = percent; n = 1; break;
	case KO_CELL_NUMBER:
	case KO_CELL_WHOLE: list = number; n = 1; break;
	case KO_CELL_MEAN_SD: list = mean_sd; n = 2; break;
	case KO_CELL_MEDIAN_IQR: list = median; n = 3; break;
	case KO_CELL_ESTIMATE_CI:
	case KO_CELL_PCT_CI:
	case KO_CELL_COUNT_CI: list = est; n = 3; break;
	case KO_CELL_PVALUE: list = p; n = 1; break;
	case KO_CELL_REF: list = ref; n = 1; break;
	case KO_CELL_TEXT: list = text; n = 1; break;
	default: break;
	}
	memcpy(names, list, (size_t)(n ? n : 1) * sizeof(*names));
	return n;
}

/* Generic tables: one line per value (term, level, column, statistic). */
static void put_csv_long(const struct ko_table *t,
			 const struct ko_number_format *fmt, FILE *fp)
{
	int r, c, k, n;

	fputs("term,level,column,statistic,value,note\n", fp);
	for (r = 0; r < t->nrow; r++) {
		const struct ko_table_row *row = &t->rows[r];

		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);
			const struct ko_table_col *col = &t->cols[c];
			const char *names[3];
			char note[32];

			n = cell_stats(cell->kind, names);
			for (k = 0; k < n; k++) {
				ko_csv_put(fp, row_term(row), KO_CSV_SAFE);
				fputc(',', fp);
				ko_csv_put(fp, row->value, KO_CSV_SAFE);
				fputc(',', fp);
				ko_csv_put_labelled(fp, col->group, col->header,
						    KO_CSV_SAFE);
				fprintf(fp, ",%s,", names[k]);
				if (cell->supp == KO_SUPP_NONE) {
					if (cell->kind == KO_CELL_TEXT)
						ko_csv_put(fp, cell->text, KO_CSV_SAFE);
					else
						put_full(fp, ko_table_export_value(
							     cell, k, fmt));
				}
				fputc(',', fp);
				/* "<T" belongs to the count, not its percent */
				ko_csv_put(fp, k == 0 || cell->supp == KO_SUPP_NONE
						   ? csv_note(t, cell, note, sizeof(note))
						   : "suppressed", KO_CSV_SAFE);
				fputc('\n', fp);
			}
		}
	}
}

int ko_table_role_col(const struct ko_table *t, enum ko_col_role role,
		      const char *group)
{
	int c, any = -1;

	for (c = 0; c < t->ncol; c++) {
		if (t->cols[c].role != role)
			continue;
		if (any < 0)
			any = c;
		if ((!group && !t->cols[c].group) ||
		    (group && t->cols[c].group && !strcmp(group, t->cols[c].group)))
			return c;
	}
	return role == KO_COL_P ? -1 : any;
}

static void put_value(FILE *fp, const struct ko_table *t,
		      const struct ko_number_format *fmt, int r, int c, int k)
{
	const struct ko_cell *cell;

	if (c < 0)
		return;
	cell = ko_table_cell_c(t, r, c);
	if (cell->supp != KO_SUPP_NONE || cell->kind == KO_CELL_EMPTY ||
	    cell->kind == KO_CELL_TEXT)
		return;
	if (cell->kind == KO_CELL_REF && k > 0)
		return;
	put_full(fp, ko_table_export_value(cell, k, fmt));
}

/* conf_low_log (k 0) or conf_high_log (k 1) of the estimate cell (r, c):
 * the log CI it was given (ko_table_set_log_ci), an infinite end (a profile
 * CI's open end) as Inf or -Inf, or, for a cell that is a function of counts
 * (rounded: a crude OR), the log of the shown end, so that it says no more
 * than the table does (empty when the end is shown as 0). */
static void put_log_value(FILE *fp, const struct ko_table *t,
			  const struct ko_number_format *fmt, int r, int c, int k)
{
	const struct ko_cell *cell = ko_table_cell_c(t, r, c);
	double x;

	if (cell->supp != KO_SUPP_NONE || cell->kind != KO_CELL_ESTIMATE_CI ||
	    isnan(cell->lg[k]))
		return;
	x = cell->rounded ? log(ko_table_export_value(cell, k + 1, fmt)) : cell->lg[k];
	if (cell->rounded && !isfinite(x))
		return;
	if (isinf(x))
		fputs(x > 0 ? "Inf" : "-Inf", fp);
	else
		put_full(fp, x);
}

/* The note of an estimate or p cell shown as text instead of a number (a
 * model table's "not estimable" mark as a word), or NULL. */
static const char *model_note(const struct ko_table *t, int r, int c)
{
	const struct ko_cell *cell;

	if (c < 0)
		return NULL;
	cell = ko_table_cell_c(t, r, c);
	if (cell->kind != KO_CELL_TEXT || cell->supp != KO_SUPP_NONE)
		return NULL;
	if (!strcmp(cell->text, KO_TABLE_MARK_SEPARATED))
		return "separated";
	if (!strcmp(cell->text, KO_TABLE_MARK_ALIASED))
		return "aliased";
	return cell->text;
}

/* 1 when some estimate or p cell holds a note: the csv gets a note column. */
static int any_model_note(const struct ko_table *t)
{
	int r, c;

	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].role == KO_COL_ESTIMATE || t->cols[c].role == KO_COL_P)
			for (r = 0; r < t->nrow; r++)
				if (model_note(t, r, c))
					return 1;
	return 0;
}

/* Model tables: broom's layout, one line per term level and estimate
 * column; a "model" column first when there are several estimate columns;
 * a "note" column when an estimate or p is a note (the footnote says what
 * it means); conf_low_log and conf_high_log last (put_log_value). */
static void put_csv_model(const struct ko_table *t,
			  const struct ko_number_format *fmt, FILE *fp)
{
	int r, c, nest = 0, notes = any_model_note(t);

	for (c = 0; c < t->ncol; c++)
		nest += t->cols[c].role == KO_COL_ESTIMATE;
	if (nest > 1)
		fputs("model,", fp);
	fputs("term,level,estimate,conf_low,conf_high,p_value,n,events", fp);
	fputs(notes ? ",note,conf_low_log,conf_high_log\n"
		    : ",conf_low_log,conf_high_log\n", fp);
	for (c = 0; c < t->ncol; c++) {
		const char *group = t->cols[c].group;
		int pc, nc, ec;

		if (t->cols[c].role != KO_COL_ESTIMATE)
			continue;
		pc = ko_table_role_col(t, KO_COL_P, group);
		nc = ko_table_role_col(t, KO_COL_N, group);
		ec = ko_table_role_col(t, KO_COL_EVENTS, group);
		for (r = 0; r < t->nrow; r++) {
			const struct ko_cell *est = ko_table_cell_c(t, r, c);

			if (est->kind == KO_CELL_EMPTY &&
			    (pc < 0 || ko_table_cell_c(t, r, pc)->kind == KO_CELL_EMPTY))
				continue;
			if (nest > 1) {
				ko_csv_put(fp, group ? group : t->cols[c].header,
					   KO_CSV_SAFE);
				fputc(',', fp);
			}
			ko_csv_put(fp, row_term(&t->rows[r]), KO_CSV_SAFE);
			fputc(',', fp);
			ko_csv_put(fp, t->rows[r].value, KO_CSV_SAFE);
			fputc(',', fp);
			put_value(fp, t, fmt, r, c, 0);
			fputc(',', fp);
			put_value(fp, t, fmt, r, c, 1);
			fputc(',', fp);
			put_value(fp, t, fmt, r, c, 2);
			fputc(',', fp);
			put_value(fp, t, fmt, r, pc, 0);
			fputc(',', fp);
			put_value(fp, t, fmt, r, nc, 0);
			fputc(',', fp);
			put_value(fp, t, fmt, r, ec, 0);
			if (notes) {
				const char *note = model_note(t, r, c);

				fputc(',', fp);
				ko_csv_put(fp, note ? note : model_note(t, r, pc), KO_CSV_SAFE);
			}
			fputc(',', fp);
			put_log_value(fp, t, fmt, r, c, 0);
			fputc(',', fp);
			put_log_value(fp, t, fmt, r, c, 1);
			fputc('\n', fp);
		}
	}
}

static int put_csv(const struct ko_table *t, const struct ko_number_format *fmt,
		   FILE *fp)
{
	struct ko_number_format def;

	if (!fmt) {
		ko_format_init(&def);
		fmt = &def;
	}
	if (fmt->csv_bom)
		fputs("\xef\xbb\xbf", fp);
	if (t->model)
		put_csv_model(t, fmt, fp);
	else
		put_csv_long(t, fmt, fp);
	return 0;
}

/* One field of the csv, unquoted (len bytes at s), as csv2 writes it: a
 * number with its decimal point as a comma; a text holding ';' quoted. */
static void put_csv2_field(FILE *fp, const char *s, size_t len)
{
	char tmp[64], *end;
	size_t i;

	if (len && len < sizeof(tmp)) {
		memcpy(tmp, s, len);
		tmp[len] = '\0';
		strtod(tmp, &end);
		if (*end == '\0' && !isspace((unsigned char)tmp[0])) {
			for (i = 0; i < len; i++)
				fputc(tmp[i] == '.' ? ',' : tmp[i], fp);
			return;
		}
	}
	if (memchr(s, ';', len)) {
		fputc('"', fp);
		fwrite(s, 1, len, fp);
		fputc('"', fp);
	} else {
		fwrite(s, 1, len, fp);
	}
}

/* csv2 ("excel.csv"): the csv above with ';' between fields and a decimal
 * comma in numbers, as a spreadsheet set to Finnish or Swedish reads it
 * (R's write.csv2).  The csv is written first and each line re-cut: a
 * quoted field (RFC 4180, formula guard included) is kept as it is, since
 * a ',' or ';' inside quotes is text. */
static int put_csv2(const struct ko_table *t, const struct ko_number_format *fmt,
		    FILE *fp)
{
	char *csv = NULL, *p, *start;
	size_t len = 0;
	FILE *mem = open_memstream(&csv, &len);
	int quoted = 0;

	if (!mem)
		return KO_ERR_NOMEM;
	put_csv(t, fmt, mem);
	if (fclose(mem) || !csv) {
		free(csv);
		return KO_ERR_NOMEM;
	}
	for (p = start = csv; ; p++) {
		if (quoted) {
			if (*p == '"' && p[1] == '"')
				p++;
			else if (*p == '"')
				quoted = 0;
			else if (*p == '\0')
				break; /* cannot happen: put_csv closes its quotes */
			continue;
		}
		if (*p == '"' && p == start) {
			quoted = 1;
			continue;
		}
		if (*p == ',' || *p == '\n' || *p == '\0') {
			if (*start == '"')
				fwrite(start, 1, (size_t)(p - start), fp);
			else
				put_csv2_field(fp, start, (size_t)(p - start));
			if (*p == '\0')
				break;
			fputc(*p == ',' ? ';' : '\n', fp);
			start = p + 1;
		}
	}
	free(csv);
	return 0;
}

/* ---- writing ----------------------------------------------------------- */

/* The writer of each enum ko_table_format: 0, KO_ERR_NOMEM or another
 * nonzero on a write error. */
static int (*const put[])(const struct ko_table *t,
			  const struct ko_number_format *fmt, FILE *fp) = {
	[KO_TABLE_CSV] = put_csv,
	[KO_TABLE_MD] = table_put_md,
	[KO_TABLE_HTML] = table_put_html,
	[KO_TABLE_HTML_PAGE] = table_put_html_page,
	[KO_TABLE_TEX] = table_put_tex,
	[KO_TABLE_CSV2] = put_csv2,
};

enum ko_status ko_table_write(const struct ko_table *t,
			      enum ko_table_format format,
			      const struct ko_number_format *fmt, const char *path,
			      struct ko_err *err)
{
	struct ko_outfile out;
	enum ko_status st;
	int rc = 0;

	if (format != KO_TABLE_CSV && format != KO_TABLE_CSV2 &&
	    ko_table_needs_display_copy(t)) {
		struct ko_table *d = ko_table_display_copy(t);

		if (!d)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		st = ko_table_write(d, format, fmt, path, err);
		ko_table_free(d);
		return st;
	}
	st = ko_outfile_open(&out, path, 0, err);
	if (st)
		return st;
	if ((unsigned)format < sizeof(put) / sizeof(put[0]) && put[format])
		rc = put[format](t, fmt, out.fp);
	if (rc == KO_ERR_NOMEM) {
		ko_outfile_abort(&out);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	if (rc || ferror(out.fp)) {
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write");
	}
	return ko_outfile_commit(&out, err);
}

/* ---- the registry of formats -------------------------------------------- */

/* A per-table format's registry writer: ko_table_write of the one table
 * it is given in that format. */
#define PER_TABLE_WRITER(name, format)					\
	static enum ko_status name(struct ko_table *const *tables, int n,	\
				   const struct ko_number_format *fmt,	\
				   const char *path, struct ko_err *err)	\
	{								\
		(void)n;						\
		return ko_table_write(tables[0], format, fmt, path, err); \
	}

PER_TABLE_WRITER(write_csv, KO_TABLE_CSV)
PER_TABLE_WRITER(write_csv2, KO_TABLE_CSV2)
PER_TABLE_WRITER(write_md, KO_TABLE_MD)
PER_TABLE_WRITER(write_html, KO_TABLE_HTML_PAGE)
PER_TABLE_WRITER(write_tex, KO_TABLE_TEX)

const struct ko_table_output ko_table_outputs[] = {
	{ "csv", 0, write_csv, NULL, 0 },
	{ "md", 0, write_md, NULL, 0 },
	{ "html", 0, write_html, NULL, 0 },
	{ "tex", 0, write_tex, NULL, 0 },
	{ "xlsx", 1, ko_table_write_xlsx, NULL, 0 },
	{ "csv2", 0, write_csv2, "excel.csv", 1 },
};
const size_t ko_table_n_outputs =
	sizeof(ko_table_outputs) / sizeof(ko_table_outputs[0]);

const char *ko_table_output_ext(size_t i)
{
	return ko_table_outputs[i].ext ? ko_table_outputs[i].ext
		: ko_table_outputs[i].name;
}

unsigned ko_table_default_formats(void)
{
	unsigned bits = 0;
	size_t i;

	for (i = 0; i < ko_table_n_outputs; i++)
		if (!ko_table_outputs[i].optional)
			bits |= 1u << i;
	return bits;
}

int ko_table_output_find(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ko_table_n_outputs; i++)
		if (strlen(ko_table_outputs[i].name) == len &&
		    !strncmp(ko_table_outputs[i].name, name, len))
			return (int)i;
	return -1;
}

void ko_table_output_names(char *buf, size_t size)
{
	size_t i, n = 0;

	if (!size)
		return;
	buf[0] = '\0';
	for (i = 0; i < ko_table_n_outputs && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
				      ko_table_outputs[i].name);
}
