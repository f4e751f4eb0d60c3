/* test_figure.c - forest plot and flow diagram: valid files in every
 * format, the same bytes for the same input (also after other figures in
 * the same process), suppressed rows and counts never drawn, axis ticks. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "figure.h"

static char dir[128];

static int setup(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_test_figure_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static int teardown(void **state)
{
	return setup(state);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	long n;
	unsigned char *buf;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static const char *const ext[] = {"svg", "pdf", "png"};

static struct ko_forest_row rows[] = {
	{"Social assistance, years", 0, KO_FOREST_HEADING, 0, 0, 0, NULL},
	{"0", 1, KO_FOREST_REF, 1, 1, 1, NULL},
	{"1", 1, KO_FOREST_ESTIMATE, 2.41, 1.99, 2.90, NULL},
	{"4+", 1, KO_FOREST_ESTIMATE, 5.24, 4.40, 6.24, NULL},
	{"5+ (small group)", 1, KO_FOREST_SUPPRESSED, 9.5, 2.1, 43.0, NULL},
	{"Parental death", 0, KO_FOREST_ESTIMATE, 1.42, 1.05, 1.92, NULL},
	{"Boy", 0, KO_FOREST_ESTIMATE, 0.92, 0.84, 1.01, NULL},
};

static struct ko_forest forest(int nrow)
{
	struct ko_forest f = {"Adjusted odds ratios", "OR (95% CI)",
			      "Odds ratio (log scale)", rows, nrow, NULL};

	return f;
}

static struct ko_flow_step steps[] = {
	{"Live births in 1997", 59329, -1, NULL, KO_SUPP_NONE, KO_SUPP_NONE},
	{"Alive at age 1", 58802, 527, "Died or emigrated\nbefore age 1",
	 KO_SUPP_NONE, KO_SUPP_NONE},
	{"Analysis cohort", 58799, 3, "Invalid mother id", KO_SUPP_SECONDARY,
	 KO_SUPP_PRIMARY},
};

static void write_both(int which, int format, const char *name)
{
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256];
	struct ko_forest f = forest(7);
	struct ko_flow_diagram flow = {"Cohort", steps, 3, 5};

	ko_format_init(&fmt);
	snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext[format]);
	if (which == 0)
		assert_int_equal(ko_figure_forest(&f, &fmt, format, path, &err), KO_OK);
	else
		assert_int_equal(ko_figure_flow(&flow, &fmt, format, path, &err), KO_OK);
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	unsigned char *x = slurp(a, &la), *y = slurp(b, &lb);

	assert_int_equal(la, lb);
	assert_memory_equal(x, y, la);
	free(x);
	free(y);
}

/* One forest plot of rows to dir/name.png. */
static void write_forest(const struct ko_forest_row *r, int n,
			 const char *footnote, const char *name)
{
	struct ko_forest f = {"Adjusted odds ratios", "OR (95% CI)",
			      "Odds ratio (log scale)", r, n, footnote};
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256];

	ko_format_init(&fmt);
	snprintf(path, sizeof(path), "%s/%s.png", dir, name);
	assert_int_equal(ko_figure_forest(&f, &fmt, KO_FIG_PNG, path, &err), KO_OK);
}

/* Issue 18: a separated level (its ML odds ratio ~1e-9) is a note row: the
 * mark in the estimate column, nothing drawn, and the axis as if it were
 * not there (drawn as an estimate, it stretched the axis to "0.00 0.00
 * 0.01"); the footnote under the axis makes the figure taller. */
static void test_forest_note_row(void **state)
{
	struct ko_forest_row a[7], b[7];
	char pa[256], pb[256], pc[256];
	size_t la, lb, lc;
	unsigned char *x, *y, *z;

	(void)state;
	memcpy(a, rows, sizeof(a));
	a[3] = (struct ko_forest_row){"4+", 1, KO_FOREST_NOTE, 1e-9, 1e-12, 1e-6,
				      "\xe2\x80\x93\xe2\x80\xa0"};
	memcpy(b, a, sizeof(b));
	b[3].est = b[3].low = b[3].high = 1;
	write_forest(a, 7, NULL, "note_tiny");
	write_forest(b, 7, NULL, "note_one");
	snprintf(pa, sizeof(pa), "%s/note_tiny.png", dir);
	snprintf(pb, sizeof(pb), "%s/note_one.png", dir);
	assert_same_file(pa, pb);
	/* drawn as an estimate, the tiny value changes the figure */
	b[3] = a[3];
	b[3].kind = KO_FOREST_ESTIMATE;
	write_forest(b, 7, NULL, "estimate_tiny");
	snprintf(pc, sizeof(pc), "%s/estimate_tiny.png", dir);
	x = slurp(pa, &la);
	z = slurp(pc, &lc);
	assert_true(la != lc || memcmp(x, z, la) != 0);
	free(z);
	/* the footnote: a taller figure (PNG height at bytes 20..23) */
	write_forest(a, 7, "\xe2\x80\x93\xe2\x80\xa0 not estimable: separation",
		     "note_foot");
	snprintf(pb, sizeof(pb), "%s/note_foot.png", dir);
	y = slurp(pb, &lb);
	assert_true(la > 24 && lb > 24);
	assert_true(((unsigned)y[20] << 24 | (unsigned)y[21] << 16 |
		     (unsigned)y[22] << 8 | y[23]) >
		    ((unsigned)x[20] << 24 | (unsigned)x[21] << 16 |
		     (unsigned)x[22] << 8 | x[23]));
	free(x);
	free(y);
}

/* Two runs in one process give the same bytes, with other figures drawn
 * in between (cairo's SVG surface ids come from a process-wide counter). */
static void test_deterministic(void **state)
{
	int which, format;
	char a[256], b[256];

	(void)state;
	for (which = 0; which < 2; which++) {
		for (format = 0; format < 3; format++) {
			write_both(which, format, "first");
			write_both(!which, format, "other");
			write_both(which, format, "second");
			snprintf(a, sizeof(a), "%s/first.%s", dir, ext[format]);
			snprintf(b, sizeof(b), "%s/second.%s", dir, ext[format]);
			assert_same_file(a, b);
		}
	}
}

static char *run(const char *cmd, int *status)
{
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	char *buf = calloc(1, 1 << 16);

	assert_non_null(p);
	n = fread(buf, 1, (1 << 16) - 1, p);
	buf[n] = '\0';
	*status = pclose(p);
	return buf;
}

/* memmem is a GNU extension. */
static const void *find_bytes(const unsigned char *hay, size_t n,
			      const char *needle, size_t m)
{
	size_t i;

	for (i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return hay + i;
	return NULL;
}

static unsigned be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* PNG signature and header (2x the SVG size), PDF header, trailer and the
 * fixed date, SVG well-formed XML (xmllint) with its text as <text>. */
static void test_valid_files(void **state)
{
	int which;

	(void)state;
	for (which = 0; which < 2; which++) {
		char path[256], cmd[512], *out, *svg_text;
		unsigned char *bytes;
		size_t len;
		int status;
		double svg_w;

		write_both(which, 0, "f");
		write_both(which, 1, "f");
		write_both(which, 2, "f");
		snprintf(path, sizeof(path), "%s/f.svg", dir);
		snprintf(cmd, sizeof(cmd), "xmllint --noout %s 2>&1", path);
		out = run(cmd, &status);
		assert_int_equal(status, 0);
		assert_string_equal(out, "");
		free(out);
		bytes = slurp(path, &len);
		svg_text = (char *)bytes;
		assert_non_null(strstr(svg_text, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
		assert_non_null(strstr(svg_text, "width=\""));
		svg_w = atof(strstr(svg_text, "width=\"") + 7);
		assert_true(svg_w > 300 && svg_w < 1200);
		/* text as SVG text, not glyph outlines: the title is searchable
		 * and there is no glyph left */
		assert_non_null(strstr(svg_text, "<text x=\""));
		assert_non_null(strstr(svg_text, "font-family=\"DejaVu Sans\""));
		assert_null(strstr(svg_text, "glyph"));
		assert_null(strstr(svg_text, "<symbol"));
		free(bytes);
		snprintf(path, sizeof(path), "%s/f.pdf", dir);
		bytes = slurp(path, &len);
		assert_memory_equal(bytes, "%PDF-1.", 7);
		assert_non_null(find_bytes(bytes, len, "%%EOF", 5));
		assert_non_null(find_bytes(bytes, len, "/CreationDate (20000101000000Z)", 31));
		free(bytes);
		snprintf(path, sizeof(path), "%s/f.png", dir);
		bytes = slurp(path, &len);
		assert_memory_equal(bytes, "\x89PNG\r\n\x1a\n", 8);
		assert_memory_equal(bytes + 12, "IHDR", 4);
		/* the PNG is the same picture at twice the resolution */
		assert_int_equal(be32(bytes + 16), (unsigned)(2 * svg_w));
		free(bytes);
	}
}

/* The registry of figure formats (the report writes and lists each figure
 * once per entry): svg, pdf, png in that order, each entry's format
 * writing a file of its extension's kind (its first bytes). */
static void test_registry(void **state)
{
	static const char *const names[] = { "svg", "pdf", "png" };
	static const char *const magic[] = { "<?xml", "%PDF-", "\x89PNG" };
	struct ko_flow_diagram flow = {"Cohort", steps, 3, 5};
	struct ko_number_format fmt;
	struct ko_err err;
	size_t i, len;

	(void)state;
	ko_format_init(&fmt);
	assert_int_equal(ko_figure_n_outputs, 3);
	for (i = 0; i < ko_figure_n_outputs; i++) {
		char path[256];
		unsigned char *bytes;

		assert_string_equal(ko_figure_outputs[i].ext, names[i]);
		snprintf(path, sizeof(path), "%s/r.%s", dir, ko_figure_outputs[i].ext);
		assert_int_equal(ko_figure_flow(&flow, &fmt, ko_figure_outputs[i].format,
						path, &err), KO_OK);
		bytes = slurp(path, &len);
		assert_true(len > 5);
		assert_memory_equal(bytes, magic[i], strlen(magic[i]));
		free(bytes);
	}
}

/* A suppressed row is not drawn at all: the plot equals the plot of the
 * other rows, and the hidden estimate cannot move the axis. */
static void test_suppressed_rows_omitted(void **state)
{
	struct ko_forest_row without[6];
	struct ko_forest f = forest(7), g;
	struct ko_number_format fmt;
	struct ko_err err;
	char a[256], b[256];
	int format;

	(void)state;
	ko_format_init(&fmt);
	memcpy(without, rows, 4 * sizeof(*rows));
	memcpy(without + 4, rows + 5, 2 * sizeof(*rows));
	g = f;
	g.rows = without;
	g.nrow = 6;
	for (format = 0; format < 3; format++) {
		snprintf(a, sizeof(a), "%s/with.%s", dir, ext[format]);
		snprintf(b, sizeof(b), "%s/without.%s", dir, ext[format]);
		assert_int_equal(ko_figure_forest(&f, &fmt, format, a, &err), KO_OK);
		assert_int_equal(ko_figure_forest(&g, &fmt, format, b, &err), KO_OK);
		assert_same_file(a, b);
	}
	/* and a visible row does change the picture */
	g.nrow = 5;
	snprintf(b, sizeof(b), "%s/fewer.png", dir);
	assert_int_equal(ko_figure_forest(&g, &fmt, KO_FIG_PNG, b, &err), KO_OK);
	{
		size_t la, lb;
		unsigned char *x, *y;

		snprintf(a, sizeof(a), "%s/with.png", dir);
		x = slurp(a, &la);
		y = slurp(b, &lb);
		assert_true(la != lb || memcmp(x, y, la));
		free(x);
		free(y);
	}
}

/* A suppressed flow count is never drawn: 3 and 4 give the same picture. */
static void test_flow_hides_suppressed_counts(void **state)
{
	struct ko_flow_step other[3];
	struct ko_flow_diagram flow = {"Cohort", steps, 3, 5}, flow2;
	struct ko_number_format fmt;
	struct ko_err err;
	char a[256], b[256];

	(void)state;
	ko_format_init(&fmt);
	memcpy(other, steps, sizeof(other));
	other[2].n_excluded = 4;
	other[2].n_remaining = 58798;
	flow2 = flow;
	flow2.steps = other;
	snprintf(a, sizeof(a), "%s/flow3.png", dir);
	snprintf(b, sizeof(b), "%s/flow4.png", dir);
	assert_int_equal(ko_figure_flow(&flow, &fmt, KO_FIG_PNG, a, &err), KO_OK);
	assert_int_equal(ko_figure_flow(&flow2, &fmt, KO_FIG_PNG, b, &err), KO_OK);
	assert_same_file(a, b);
	/* unsuppressed, the counts do show */
	other[2].supp_excluded = KO_SUPP_NONE;
	assert_int_equal(ko_figure_flow(&flow2, &fmt, KO_FIG_PNG, b, &err), KO_OK);
	{
		size_t la, lb;
		unsigned char *x = slurp(a, &la), *y = slurp(b, &lb);

		assert_true(la != lb || memcmp(x, y, la));
		free(x);
		free(y);
	}
}

static void test_log_ticks(void **state)
{
	double t[16];
	int n;

	(void)state;
	n = ko_figure_log_ticks(0.7, 7.5, t, 16); /* 1 2 3 5 */
	assert_int_equal(n, 4);
	assert_close(t[0], 1, 1e-12);
	assert_close(t[2], 3, 1e-12);
	assert_close(t[3], 5, 1e-12);
	n = ko_figure_log_ticks(1 / 1.2, 1.2, t, 16); /* 0.9 1 1.1 1.2 */
	assert_int_equal(n, 4);
	assert_close(t[0], 0.9, 1e-12);
	assert_close(t[3], 1.2, 1e-12);
	n = ko_figure_log_ticks(0.3, 40, t, 16);
	assert_int_equal(n, 6); /* 0.5 1 2 5 10 20 */
	assert_close(t[0], 0.5, 1e-12);
	assert_close(t[5], 20, 1e-12);
	n = ko_figure_log_ticks(0.001, 1000, t, 16); /* decades only */
	assert_int_equal(n, 7);
	assert_close(t[0], 0.001, 1e-12);
	assert_close(t[6], 1000, 1e-12);
}

static void test_errors(void **state)
{
	struct ko_flow_diagram empty = {NULL, steps, 0, 5};
	struct ko_forest f = forest(7);
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256], cmd[300];
	FILE *fp;

	(void)state;
	ko_format_init(&fmt);
	assert_int_equal(ko_figure_flow(&empty, &fmt, KO_FIG_SVG, "/tmp/x.svg", &err),
			 KO_ERR_USAGE);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/file", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/file/forest.pdf", dir);
	assert_int_equal(ko_figure_forest(&f, &fmt, KO_FIG_PDF, path, &err), KO_ERR_IO);
	assert_non_null(strstr(err.file, "file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forest_note_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_valid_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_registry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suppressed_rows_omitted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow_hides_suppressed_counts, setup, teardown),
		cmocka_unit_test(test_log_ticks),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	/* release cairo's and fontconfig's caches, so that LeakSanitizer sees
	 * only ours */
	cairo_debug_reset_static_data();
	FcFini();
	return failed;
}
