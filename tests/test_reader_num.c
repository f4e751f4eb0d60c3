/* test_reader_num.c - the reader's matrix fast path (ko_reader_read_matrix):
 * the same doubles and dropped rows as the general path on every dialect
 * quirk it takes, at every range boundary and thread count, and a clean
 * "not done" (reader untouched) on everything it does not take. */
#include "ko_test.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "interrupt.h"
#include "reader.h"

static char *tmp_path(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "/tmp/ko_test_rnum_%d_%s", (int)getpid(),
		 name);
	return path;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* A string literal as a file, NUL bytes inside included. */
#define write_lit(path, lit) write_file((path), (lit), sizeof(lit) - 1)

/* Rows kept by the general path: every selected column as a number, in
 * the matrix layout of the test (y; 1, a, b, c). */
struct expect {
	double *x, *y;
	size_t n, cap, dropped;
};

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct expect *e = ctx;
	size_t k;

	(void)err;
	for (k = 0; k < row->n; k++)
		if (row->values[k].missing) {
			e->dropped++;
			return 0;
		}
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 256;
		e->x = realloc(e->x, e->cap * 4 * sizeof(double));
		e->y = realloc(e->y, e->cap * sizeof(double));
		assert_non_null(e->x);
		assert_non_null(e->y);
	}
	e->y[e->n] = row->values[0].v.number;
	e->x[e->n * 4] = 1;
	for (k = 1; k < 4; k++)
		e->x[e->n * 4 + k] = row->values[k].v.number;
	e->n++;
	return 0;
}

/* y -> array 1; a, b, c -> array 0 at 1, 2, 3; position 0 is the 1s. */
static const struct ko_matrix_dest dest4[] = {
	{ 1, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 },
};

static void cols4(struct ko_column *cols)
{
	static const char *const names[] = { "y", "a", "b", "c" };
	size_t i;

	memset(cols, 0, 4 * sizeof(*cols));
	for (i = 0; i < 4; i++) {
		cols[i].name = names[i];
		cols[i].type = KO_TYPE_NUM;
	}
	cols[3].missing[0] = "9"; /* a number that means missing in c */
	cols[3].n_missing = 1;
}

static enum ko_status read_matrix(const char *path,
				  const struct ko_read_options *opt,
				  struct ko_matrix_out *out, int *done)
{
	struct ko_matrix_spec spec = { 2, { 4, 1, 0, 0 }, dest4 };
	struct ko_column cols[4];
	struct ko_reader *r = NULL;
	struct ko_err err;
	enum ko_status st;

	cols4(cols);
	ko_err_clear(&err);
	assert_int_equal(ko_reader_open(&r, path, opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, cols, 4, &err), KO_OK);
	st = ko_reader_read_matrix(r, &spec, out, done, &err);
	ko_reader_free(r);
	return st;
}

static void read_expected(const char *path, const struct ko_read_options *opt,
			  struct expect *e)
{
	struct ko_column cols[4];
	struct ko_reader *r = NULL;
	struct ko_err err;

	memset(e, 0, sizeof(*e));
	cols4(cols);
	assert_int_equal(ko_reader_open(&r, path, opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, cols, 4, &err), KO_OK);
	assert_int_equal(ko_reader_read(r, on_row, e, &err), KO_OK);
	ko_reader_free(r);
}

/* The matrix path on path gives exactly e: the same rows dropped and
 * the same doubles, bit for bit. */
static void assert_matrix_is(const char *path,
			     const struct ko_read_options *opt,
			     const struct expect *e)
{
	struct ko_matrix_out out;
	int done;

	assert_int_equal(read_matrix(path, opt, &out, &done), KO_OK);
	assert_int_equal(done, 1);
	assert_int_equal(out.n_rows, e->n);
	assert_int_equal(out.n_dropped, e->dropped);
	assert_memory_equal(out.arrays[0], e->x, e->n * 4 * sizeof(double));
	assert_memory_equal(out.arrays[1], e->y, e->n * sizeof(double));
	free(out.arrays[0]);
	free(out.arrays[1]);
}

/* A ;-separated, decimal-comma file with CRLF, blank lines, blanks
 * around numbers, NA and empty fields, a numeric missing code, exponents,
 * more digits than the fast path takes, a skipped text column, and no
 * line end after the last row. */
static char *quirky_file(size_t rows)
{
	size_t cap = rows * 96 + 64, len = 0, i;
	char *s = malloc(cap);

	assert_non_null(s);
	len += (size_t)sprintf(s + len, "a;Skip;B;c;Y\r\n");
	for (i = 0; i < rows; i++) {
		char a[40], b[40], c[40];

		if (i % 53 == 7)
			len += (size_t)sprintf(s + len, "\r\n");
		if (i % 37 == 3)
			strcpy(a, "NA");
		else if (i % 41 == 4)
			strcpy(a, "");
		else if (i % 13 == 1)
			sprintf(a, " %zu,%02zue-3 ", i, i % 100);
		else
			sprintf(a, "-%zu,%zu", i % 1000, i % 7);
		if (i % 17 == 2)
			sprintf(b, "0,%zu12345678901234567", i % 10);
		else
			sprintf(b, "+%zu", i);
		if (i % 29 == 5)
			strcpy(c, "9");
		else
			sprintf(c, "%zu,%zu", i % 9 == 0 ? 8 : i % 9, i % 3);
		len += (size_t)sprintf(s + len, "%s;text %zu;%s;%s;%zu%s", a, i,
				       b, c, i % 2, i + 1 < rows ? "\r\n" : "");
	}
	return s;
}

static void test_matrix_equals_general(void **state)
{
	static const size_t chunks[] = { 0, 97, 1000, 40000 };
	struct ko_read_options opt;
	struct expect e;
	char *path = tmp_path("quirky.csv");
	char *text = quirky_file(5000);
	size_t c;
	int threads;

	(void)state;
	write_file(path, text, strlen(text));
	ko_read_options_init(&opt);
	opt.decimal = ',';
	read_expected(path, &opt, &e);
	assert_true(e.n > 4000);
	assert_true(e.dropped > 300);
	for (threads = 1; threads <= 4; threads++)
		for (c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
			opt.threads = threads;
			opt.chunk_bytes = chunks[c];
			assert_matrix_is(path, &opt, &e);
		}
	free(e.x);
	free(e.y);
	free(text);
	unlink(path);
}

/* A number of a random shape: sign, 0 to 10 integer digits, maybe a
 * point and 0 to 10 more, now and then an exponent or blanks; the word
 * scanner takes up to 7 + 7 digits, the byte scanner the rest. */
static size_t random_number(char *out, uint64_t *state)
{
	static const char *const edge[] = {
		"-0", "-0.0", "+0.000", "0.0000000", "1234567.7654321",
		"9999999.9999999", "0.00000000", "12345678.87654321",
		"90071992.54740992", "90071992.54740993", "99999999.99999999",
		"1.", ".5", "-.25", "7.5e2", "00000001.10000000", "5 ", " 5",
	};
	size_t len = 0, d, nint, nfrac;
	uint64_t r;

	*state = *state * 6364136223846793005u + 1442695040888963407u;
	r = *state >> 17;
	if (r % 11 == 0)
		return (size_t)sprintf(out, "%s", edge[(r / 11) % (sizeof(edge) / sizeof(edge[0]))]);
	if (r % 3 == 1)
		out[len++] = '-';
	else if (r % 7 == 2)
		out[len++] = '+';
	nint = 1 + (r >> 8) % 10;
	nfrac = (r >> 12) % 11;
	for (d = 0; d < nint; d++)
		out[len++] = (char)('0' + (r >> (16 + 2 * d)) % 10);
	if (nfrac) {
		out[len++] = '.';
		for (d = 0; d < nfrac; d++)
			out[len++] = (char)('0' + (r >> (20 + 3 * d)) % 10);
	}
	out[len] = '\0';
	return len;
}

/* The word scanner (the common plain number read 8 bytes at a time) gives
 * the general path's doubles bit for bit on numbers of every shape around
 * its limits, also near the end of the file where it must not read. */
static void test_word_scanner_equals_general(void **state)
{
	struct ko_read_options opt;
	struct expect e;
	char *path = tmp_path("shapes.csv");
	size_t rows = 4000, cap = rows * 64 + 64, len = 0, i;
	char *s = malloc(cap);
	uint64_t rng = 42;
	int threads;

	(void)state;
	assert_non_null(s);
	len += (size_t)sprintf(s + len, "y,a,b,c\n");
	for (i = 0; i < rows; i++) {
		len += (size_t)sprintf(s + len, "%zu,", i % 2);
		len += random_number(s + len, &rng);
		s[len++] = ',';
		len += random_number(s + len, &rng);
		len += (size_t)sprintf(s + len, ",%zu\n", i % 7);
	}
	write_file(path, s, len);
	ko_read_options_init(&opt);
	read_expected(path, &opt, &e);
	assert_int_equal(e.n, rows);
	for (threads = 1; threads <= 3; threads++) {
		opt.threads = threads;
		assert_matrix_is(path, &opt, &e);
	}
	free(e.x);
	free(e.y);
	free(s);
	unlink(path);
}

/* A full-precision number of shape k: %.17g (R's fwrite, printf), %.15g
 * (write.csv), %.17e and %.3e (exponents), a 25-digit number, blanks. */
static size_t full_number(char *out, uint64_t *state, unsigned k)
{
	double x;

	*state = *state * 6364136223846793005u + 1442695040888963407u;
	x = (double)(int64_t)(*state >> 1) / 9.2233720368547758e18 * 4.0;
	switch (k % 7) {
	case 0: return (size_t)sprintf(out, "%.17g", x);
	case 1: return (size_t)sprintf(out, "%.15g", x * 1e5);
	case 2: return (size_t)sprintf(out, "%.17e", x * 1e-300);
	case 3: return (size_t)sprintf(out, "%.3E", x * 1e200);
	case 4: return (size_t)sprintf(out, "%.25f", x);
	case 5: return (size_t)sprintf(out, " %.16g ", -x);
	default: return (size_t)sprintf(out, "%.17g", x * 4.9406564584124654e-320);
	}
}

/* Numbers as other tools write them, up to 17 significant digits and
 * with exponents (fast_float in the matrix path), give the general
 * path's doubles bit for bit, and those are strtod's (the reference),
 * with the point and with the decimal comma. */
static void test_full_precision_equals_strtod(void **state)
{
	struct ko_read_options opt;
	struct expect e;
	char *path = tmp_path("full.csv");
	size_t rows = 6000, cap = rows * 128 + 64, len, i;
	char *s = malloc(cap), (*texts)[2][48] = malloc(rows * sizeof(*texts));
	int comma;

	(void)state;
	assert_non_null(s);
	assert_non_null(texts);
	for (comma = 0; comma <= 1; comma++) {
		uint64_t rng = 7 + (uint64_t)comma;
		char sep = comma ? ';' : ',';

		len = (size_t)sprintf(s, "y%ca%cb%cc\n", sep, sep, sep);
		for (i = 0; i < rows; i++) {
			size_t f, n;

			len += (size_t)sprintf(s + len, "%zu%c", i % 2, sep);
			for (f = 0; f < 2; f++) {
				n = full_number(texts[i][f], &rng, (unsigned)(i + 3 * f));
				if (comma)
					for (size_t j = 0; j < n; j++)
						if (texts[i][f][j] == '.')
							texts[i][f][j] = ',';
				len += (size_t)sprintf(s + len, "%s%c", texts[i][f], sep);
			}
			len += (size_t)sprintf(s + len, "%zu\n", i % 7 == 2 ? 9 : i % 7);
		}
		write_file(path, s, len);
		ko_read_options_init(&opt);
		opt.delimiter = sep;
		opt.decimal = comma ? ',' : '.';
		read_expected(path, &opt, &e);
		assert_int_equal(e.n, rows - (rows + 4) / 7); /* c = 9: missing */
		assert_matrix_is(path, &opt, &e);
		opt.threads = 2;
		assert_matrix_is(path, &opt, &e);
		for (i = 0, len = 0; i < rows; i++) {
			size_t f;

			if (i % 7 == 2)
				continue;
			for (f = 0; f < 2; f++) {
				char dot[48];
				double want;

				for (size_t j = 0; j < sizeof dot; j++)
					dot[j] = texts[i][f][j] == ',' ? '.' : texts[i][f][j];
				want = strtod(dot, NULL);
				if (memcmp(&e.x[len * 4 + 1 + f], &want, sizeof want))
					fail_msg("row %zu: '%s' read as %a, strtod %a", i,
						 texts[i][f], e.x[len * 4 + 1 + f], want);
			}
			len++;
		}
		free(e.x);
		free(e.y);
	}
	free(texts);
	free(s);
	unlink(path);
}

/* Each of these makes the fast path give way, leaving the reader as it
 * was: the general path then reads (or rejects) as always. */
static void test_gives_way(void **state)
{
	static const char *const files[] = {
		"a;Skip;B;c;Y\n1;\"q\";2;3;1\n",          /* a quote */
		"a;Skip;B;c;Y\n1;s;2;3\n",                /* short row */
		"a;Skip;B;c;Y\n1;s;2;3;1;7\n",            /* long row */
		"a;Skip;B;c;Y\n1;s;abc;3;1\n",            /* not a number */
		"a;Skip;B;c;Y\n1;s;2\r;3;1\n",            /* lone CR */
		"a;Skip;B;c;Y\n1;s;2;3;1\n   \n",         /* blank-only line */
		"a;Skip;B;c;Y\n1;s;2;3;1,5e999\n",        /* out of range */
		"a;Skip;B;c;Y\n1;s;1.5;3;1\n",            /* decimal point */
	};
	struct ko_read_options opt;
	struct ko_matrix_out out;
	char *path = tmp_path("odd.csv");
	size_t i;
	int done;

	(void)state;
	ko_read_options_init(&opt);
	opt.decimal = ',';
	opt.max_reject_share = 1;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct expect e;

		write_file(path, files[i], strlen(files[i]));
		done = -1;
		assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
		assert_int_equal(done, 0);
		assert_null(out.arrays[0]);
		assert_null(out.arrays[1]);
		read_expected(path, &opt, &e); /* the general path still reads */
		free(e.x);
		free(e.y);
	}
	/* a NUL byte */
	write_lit(path, "a;Skip;B;c;Y\n1;s\0t;2;3;1\n");
	assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
	assert_int_equal(done, 0);
	/* a NUL first in a last line without a line end */
	write_lit(path, "a;Skip;B;c;Y\n1;s;2;3;1\n\0;s;2;3;1");
	assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
	assert_int_equal(done, 0);
	/* an over-long field in a skipped column */
	opt.max_field_bytes = 8;
	write_lit(path, "a;Skip;B;c;Y\n1;sssssssssss;2;3;1\n");
	assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
	assert_int_equal(done, 0);
	unlink(path);
}

static void test_gzip_and_types_give_way(void **state)
{
	struct ko_read_options opt;
	struct ko_matrix_out out;
	struct ko_column cols[4];
	struct ko_reader *r = NULL;
	struct ko_err err;
	struct ko_matrix_spec spec = { 2, { 4, 1, 0, 0 }, dest4 };
	static const struct ko_matrix_dest clash[] = {
		{ 1, 0 }, { 0, 1 }, { 0, 1 }, { 0, 3 },
	};
	char *path = tmp_path("gz.csv.gz");
	gzFile g = gzopen(path, "wb");
	int done = -1;

	(void)state;
	assert_non_null(g);
	gzputs(g, "a;Skip;B;c;Y\n1;s;2;3;1\n");
	gzclose(g);
	ko_read_options_init(&opt);
	assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
	assert_int_equal(done, 0);
	unlink(path);

	path = tmp_path("types.csv");
	write_lit(path, "a;Skip;B;c;Y\n1;s;2;3;1\n");
	cols4(cols);
	cols[2].type = KO_TYPE_CAT; /* not a number column */
	assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, cols, 4, &err), KO_OK);
	assert_int_equal(ko_reader_read_matrix(r, &spec, &out, &done, &err), KO_OK);
	assert_int_equal(done, 0);
	ko_reader_free(r);
	cols4(cols); /* two columns in one place */
	spec.dest = clash;
	assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, cols, 4, &err), KO_OK);
	assert_int_equal(ko_reader_read_matrix(r, &spec, &out, &done, &err), KO_OK);
	assert_int_equal(done, 0);
	ko_reader_free(r);
	unlink(path);
}

/* A SIGINT stops the matrix read (ranges of many pieces, the check counts
 * lines across them): KO_ERR_STOPPED, nothing returned.  Then, the flag
 * cleared, the same file reads whole. */
static void test_interrupt_stops(void **state)
{
	struct ko_read_options opt;
	struct ko_matrix_out out;
	char *path = tmp_path("interrupt.csv"), *text;
	size_t i, n = 300000, used;
	int done, threads;

	(void)state;
	text = malloc(n * 32 + 32);
	assert_non_null(text);
	used = (size_t)sprintf(text, "y,a,b,c\n");
	for (i = 0; i < n; i++)
		used += (size_t)sprintf(text + used, "%zu,%zu.5,-%zu,%zu\n", i % 2, i,
					i % 977, 1 + i % 7);
	write_file(path, text, used);
	ko_read_options_init(&opt);
	ko_interrupt_install();
	raise(SIGINT);
	assert_true(ko_interrupted());
	for (threads = 1; threads <= 2; threads++) {
		opt.threads = threads;
		assert_int_equal(read_matrix(path, &opt, &out, &done), KO_ERR_STOPPED);
		assert_int_equal(done, 0);
		assert_null(out.arrays[0]);
	}
	ko_interrupt_clear();
	signal(SIGINT, SIG_DFL);
	assert_int_equal(read_matrix(path, &opt, &out, &done), KO_OK);
	assert_int_equal(done, 1);
	assert_int_equal(out.n_rows, n);
	assert_true(out.arrays[0][4 * (n - 1) + 1] == (double)(n - 1) + 0.5);
	free(out.arrays[0]);
	free(out.arrays[1]);
	free(text);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix_equals_general),
		cmocka_unit_test(test_word_scanner_equals_general),
		cmocka_unit_test(test_full_precision_equals_strtod),
		cmocka_unit_test(test_gives_way),
		cmocka_unit_test(test_gzip_and_types_give_way),
		cmocka_unit_test(test_interrupt_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
