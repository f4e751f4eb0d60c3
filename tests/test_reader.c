/* test_reader.c - the extract reader: CSV dialects at every chunk boundary,
 * gzip, encodings, types, rejects, error paths, SAS/Stata/SPSS files. */
#include "ko_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "interrupt.h"
#include "reader.h"
#include "reader_impl.h"
#include "value.h"

/* Every delivered row, flattened as "row|v1|v2|...\n" with dates ISO,
 * numbers %.17g, missing as "<NA>". */
struct collect {
	char *buf;
	size_t len, cap;
	long rows;
};

static void append(struct collect *c, const char *s)
{
	size_t n = strlen(s);

	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		c->buf = realloc(c->buf, c->cap);
		assert_non_null(c->buf);
	}
	memcpy(c->buf + c->len, s, n + 1);
	c->len += n;
}

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct collect *c = ctx;
	char tmp[64];
	size_t i;

	(void)err;
	snprintf(tmp, sizeof(tmp), "%ld", row->row);
	append(c, tmp);
	for (i = 0; i < row->n; i++) {
		const struct ko_value *v = &row->values[i];

		append(c, "|");
		assert_int_equal(strlen(v->text), v->len);
		if (v->missing) {
			append(c, "<NA>");
			continue;
		}
		append(c, v->text);
	}
	append(c, "\n");
	c->rows++;
	return 0;
}

static char *tmp_path(const char *name)
{
	static char path[256];

	snprintf(path, sizeof(path), "/tmp/ko_test_reader_%d_%s", (int)getpid(),
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

static void write_gz(const char *path, const char *data, size_t len)
{
	gzFile g = gzopen(path, "wb6");

	assert_non_null(g);
	assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
	gzclose(g);
}

/* Read path with the given options and columns; returns the status and
 * fills out (caller frees out->buf). */
static enum ko_status read_all(const char *path, const struct ko_read_options *opt,
			       const struct ko_column *cols, size_t n,
			       struct collect *out, struct ko_err *err)
{
	struct ko_reader *r = NULL;
	enum ko_status st;

	memset(out, 0, sizeof(*out));
	append(out, "");
	ko_err_clear(err);
	st = ko_reader_open(&r, path, opt, err);
	if (st)
		return st;
	if (cols)
		st = ko_reader_select(r, cols, n, err);
	if (!st)
		st = ko_reader_read(r, on_row, out, err);
	ko_reader_free(r);
	return st;
}

static const char dialect_csv[] =
	"\xef\xbb\xbf" "Shnro;Birth_Date;amount_eur;note\r\n"
	"P1;05.03.1997;1234,5;\"semi;colon\"\r\n"
	"P2;5.3.1997;;\"a \"\"quoted\"\" word\"\r\n"
	" P3 ;31.12.1997;-0,25;\"two\nlines\"\r\n"
	"P4;;NA;plain\r\n";

static struct ko_column dialect_cols[] = {
	{ .name = "shnro", .type = KO_TYPE_ID },
	{ .name = "birth_date", .type = KO_TYPE_DATE },
	{ .name = "AMOUNT_EUR", .type = KO_TYPE_NUM },
	{ .name = "note", .type = KO_TYPE_TEXT },
};

static const char dialect_rows[] = "2|P1|05.03.1997|1234,5|semi;colon\n"
				   "3|P2|5.3.1997|<NA>|a \"quoted\" word\n"
				   "4|P3|31.12.1997|-0,25|two\nlines\n"
				   "5|P4|<NA>|<NA>|plain\n";

/* Parsed values checked once, on the default chunking. */
struct typed {
	int32_t dates[4];
	double amounts[4];
	int n;
};

static int on_typed(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct typed *t = ctx;

	(void)err;
	t->dates[t->n] = row->values[1].missing ? -1 : row->values[1].v.date;
	t->amounts[t->n] = row->values[2].missing ? -999 : row->values[2].v.number;
	t->n++;
	return 0;
}

static void test_dialect_values(void **state)
{
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct ko_err err;
	struct typed t = { { 0 }, { 0 }, 0 };
	char *path = tmp_path("dialect.csv");

	(void)state;
	write_file(path, dialect_csv, sizeof(dialect_csv) - 1);
	ko_read_options_init(&opt);
	opt.decimal = ',';
	assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
	assert_int_equal(ko_reader_delimiter(r), ';');
	assert_int_equal(ko_reader_ncols(r), 4);
	assert_string_equal(ko_reader_colname(r, 0), "Shnro"); /* BOM gone */
	assert_int_equal(ko_reader_select(r, dialect_cols, 4, &err), KO_OK);
	assert_int_equal(ko_reader_read(r, on_typed, &t, &err), KO_OK);
	ko_reader_free(r);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.dates[0], ko_date_from_ymd(1997, 3, 5));
	assert_int_equal(t.dates[1], ko_date_from_ymd(1997, 3, 5));
	assert_int_equal(t.dates[2], ko_date_from_ymd(1997, 12, 31));
	assert_int_equal(t.dates[3], -1);
	assert_true(t.amounts[0] == 1234.5);
	assert_true(t.amounts[1] == -999);
	assert_true(t.amounts[2] == -0.25);
	unlink(path);
}

/* The same rows whatever the chunk size (every boundary, as libcsv's own
 * test_parser() does), plain or gzip-compressed. */
static void test_every_chunk_boundary(void **state)
{
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("chunks.csv");
	char gzpath[300];
	size_t chunk;

	(void)state;
	snprintf(gzpath, sizeof(gzpath), "%s.gz", path);
	write_file(path, dialect_csv, sizeof(dialect_csv) - 1);
	write_gz(gzpath, dialect_csv, sizeof(dialect_csv) - 1);
	ko_read_options_init(&opt);
	opt.decimal = ',';
	for (chunk = 0; chunk <= sizeof(dialect_csv); chunk++) {
		opt.chunk_bytes = chunk;
		assert_int_equal(read_all(path, &opt, dialect_cols, 4, &c, &err),
				 KO_OK);
		assert_string_equal(c.buf, dialect_rows);
		free(c.buf);
		assert_int_equal(read_all(gzpath, &opt, dialect_cols, 4, &c, &err),
				 KO_OK);
		assert_string_equal(c.buf, dialect_rows);
		free(c.buf);
	}
	unlink(path);
	unlink(gzpath);
}

/* A file whose line ends are CR only (classic Mac) is an error saying so,
 * at every chunk boundary and gzip-compressed too, not one long header and
 * no rows; a CR inside a quoted header field is no line end, and CRLF
 * still reads with the CR and LF in different chunks. */
static void test_cr_only_line_ends(void **state)
{
	static const char mac[] = "y,x\r0,1\r1,2\r";
	static const char quoted[] = "\"a\rb\",x\r\nP1,1\r\n";
	static const struct ko_column cols[] = {
		{ .name = "a\rb", .type = KO_TYPE_TEXT },
		{ .name = "x", .type = KO_TYPE_NUM },
	};
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char path[256], gzpath[264], qpath[256];
	size_t chunk;

	(void)state;
	snprintf(path, sizeof(path), "%s", tmp_path("mac.csv"));
	snprintf(gzpath, sizeof(gzpath), "%s.gz", path);
	snprintf(qpath, sizeof(qpath), "%s", tmp_path("quoted_cr.csv"));
	write_file(path, mac, sizeof(mac) - 1);
	write_gz(gzpath, mac, sizeof(mac) - 1);
	write_file(qpath, quoted, sizeof(quoted) - 1);
	ko_read_options_init(&opt);
	for (chunk = 0; chunk <= sizeof(mac); chunk++) {
		opt.chunk_bytes = chunk;
		assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_ERR_FORMAT);
		free(c.buf);
		assert_string_equal(err.file, path);
		assert_int_equal(err.row, 0);
		assert_string_equal(err.msg, "line ends are CR only (classic Mac); convert the file to LF or CRLF line ends");
		assert_int_equal(read_all(gzpath, &opt, NULL, 0, &c, &err), KO_ERR_FORMAT);
		free(c.buf);
		assert_non_null(strstr(err.msg, "CR only"));
	}
	for (chunk = 0; chunk <= sizeof(quoted); chunk++) {
		opt.chunk_bytes = chunk;
		assert_int_equal(read_all(qpath, &opt, cols, 2, &c, &err), KO_OK);
		assert_string_equal(c.buf, "2|P1|1\n");
		free(c.buf);
	}
	unlink(path);
	unlink(gzpath);
	unlink(qpath);
}

static void test_delimiters(void **state)
{
	static const char *const files[] = {
		"a;b\n1;2\n", "a,b\n1,2\n", "a\tb\n1\t2\n", "a|b\n1|2\n",
		"\"x;y\",b\n1,2\n", /* a quoted ; must not win */
	};
	static const char delims[] = { ';', ',', '\t', '|', ',' };
	struct ko_reader *r;
	struct ko_err err;
	char *path = tmp_path("delim.csv");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(delims); i++) {
		write_file(path, files[i], strlen(files[i]));
		assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_OK);
		assert_int_equal(ko_reader_delimiter(r), delims[i]);
		assert_int_equal(ko_reader_ncols(r), 2);
		ko_reader_free(r);
	}
	unlink(path);
}

static void test_tab_fields_keep_inner_blanks(void **state)
{
	static const char data[] = "id\tname\n1\t  two words  \n";
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("tab.csv");

	(void)state;
	write_file(path, data, sizeof(data) - 1);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|1|two words\n");
	free(c.buf);
	unlink(path);
}

static void test_latin1(void **state)
{
	/* "Päijät-Häme" in Latin-1, then in UTF-8 */
	static const char latin1[] = "region;n\nP\xe4ij\xe4t-H\xe4me;1\n";
	static const char utf8[] = "region;n\nP\xc3\xa4ij\xc3\xa4t-H\xc3\xa4me;1\n";
	struct ko_read_options opt;
	struct ko_reader *r;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("latin1.csv");

	(void)state;
	write_file(path, latin1, sizeof(latin1) - 1);
	assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_OK);
	assert_int_equal(ko_reader_encoding(r), KO_ENC_LATIN1);
	ko_reader_free(r);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|P\xc3\xa4ij\xc3\xa4t-H\xc3\xa4me|1\n");
	free(c.buf);

	write_file(path, utf8, sizeof(utf8) - 1);
	assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_OK);
	assert_int_equal(ko_reader_encoding(r), KO_ENC_UTF8);
	ko_reader_free(r);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|P\xc3\xa4ij\xc3\xa4t-H\xc3\xa4me|1\n");
	free(c.buf);

	/* declared UTF-8 but Latin-1 bytes: the row is rejected */
	write_file(path, latin1, sizeof(latin1) - 1);
	ko_read_options_init(&opt);
	opt.encoding = KO_ENC_UTF8;
	opt.max_reject_share = 1;
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "");
	free(c.buf);
	unlink(path);
}

/* One Latin-1 row among UTF-8 rows (in the first 64 KiB, so that the
 * sample is not valid UTF-8): with the encoding detected, an error naming
 * the first row of each kind, not a category split in two spellings - at
 * every chunk boundary, gzip-compressed, with parse threads (whose ranges
 * each see one kind only), and with the header holding the UTF-8.  With
 * the encoding given, the file reads by it.  All-ASCII rows never count. */
static void test_mixed_encodings(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "region", .type = KO_TYPE_CAT },
	};
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char path[256], gzpath[264], *data;
	size_t cap = 1 << 16, used = 0, chunk;
	int i;

	(void)state;
	snprintf(path, sizeof(path), "%s", tmp_path("mixed.csv"));
	snprintf(gzpath, sizeof(gzpath), "%s.gz", path);
	data = malloc(cap);
	assert_non_null(data);
	used += (size_t)snprintf(data, cap, "id;region\n");
	for (i = 2; i <= 400; i++)
		used += (size_t)snprintf(data + used, cap - used, "P%d;%s\n", i,
					 i == 7 ? "M\xe4nts\xe4l\xe4" :
					 i % 3 ? "Helsinki" :
						 "M\xc3\xa4nts\xc3\xa4l\xc3\xa4");
	write_file(path, data, used);
	write_gz(gzpath, data, used);
	ko_read_options_init(&opt);
	for (chunk = 0; chunk <= 160; chunk += 11) {
		opt.chunk_bytes = chunk;
		opt.threads = (int)(chunk % 3) + 1;
		assert_int_equal(read_all(path, &opt, cols, 2, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 7);
		assert_non_null(strstr(err.msg, "mixed encodings: row 3 has "
					       "UTF-8 text, row 7"));
		assert_int_equal(read_all(gzpath, &opt, cols, 2, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 7);
	}
	/* threads, ranges of 517 bytes: the Latin-1 row is alone in its
	 * range and the UTF-8 ones in others; a row far down */
	used = (size_t)snprintf(data, cap, "id;region\n");
	for (i = 2; i <= 3000; i++)
		used += (size_t)snprintf(data + used, cap - used, "P%d;%s\n", i,
					 i == 2500 ? "M\xe4nts\xe4l\xe4" :
					 i == 900 ? "M\xc3\xa4nts\xc3\xa4l\xc3\xa4" :
						    "Helsinki");
	write_file(path, data, used);
	for (i = 1; i <= 3; i++) {
		opt.threads = i;
		opt.chunk_bytes = 517;
		assert_int_equal(read_all(path, &opt, cols, 2, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 2500);
		assert_non_null(strstr(err.msg, "row 900 has UTF-8 text, row "
					       "2500 text"));
	}
	/* given: utf-8 rejects the Latin-1 row, latin1 reads every byte as
	 * Latin-1 */
	opt.threads = 1;
	opt.chunk_bytes = 0;
	opt.max_reject_share = 1;
	opt.encoding = KO_ENC_UTF8;
	assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
	assert_int_equal(c.rows, 2998);
	free(c.buf);
	opt.encoding = KO_ENC_LATIN1;
	assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
	assert_int_equal(c.rows, 2999);
	free(c.buf);
	/* the UTF-8 in the header row, Latin-1 in a data row */
	write_file(path, "id;r\xc3\xa4\nP1;\xe4\n", 13);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_int_equal(err.row, 2);
	assert_non_null(strstr(err.msg, "row 1 has UTF-8 text, row 2"));
	free(data);
	unlink(path);
	unlink(gzpath);
}

struct reject_log {
	char text[2048];
	int n;
};

static void on_reject(void *ctx, long row, const char *column,
		      const char *reason, const char *value)
{
	struct reject_log *log = ctx;
	size_t used = strlen(log->text);

	snprintf(log->text + used, sizeof(log->text) - used, "%ld:%s:%s:%s\n",
		 row, column, reason, value);
	log->n++;
}

/* The rejects file is written with kohort's one CSV escape (escape.h),
 * values exact (KO_CSV_DATA): a rejected value holding a comma, quotes and
 * a line break is one quoted field, and one that looks like a formula is
 * kept as delivered. */
static void test_rejects_csv(void **state)
{
	static const char data[] = "id;n\n"
				   "A;\"1,\"\"2\"\"\n3\"\n"
				   "B;=1+1\n"
				   "C;4\n";
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "n", .type = KO_TYPE_INT },
	};
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("rejects_csv.csv");
	char rejects[300], want[1024], got[1024];
	FILE *f;
	size_t n;

	(void)state;
	snprintf(rejects, sizeof(rejects), "%s.rejects", path);
	write_file(path, data, sizeof(data) - 1);
	ko_read_options_init(&opt);
	opt.max_reject_share = 1;
	opt.rejects_path = rejects;
	assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
	assert_string_equal(c.buf, "4|C|4\n");
	free(c.buf);
	f = fopen(rejects, "r");
	assert_non_null(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	snprintf(want, sizeof(want),
		 "file,row,column,reason,value\n"
		 "%s,2,n,expected an integer,\"1,\"\"2\"\"\n3\"\n"
		 "%s,3,n,expected an integer,=1+1\n", path, path);
	assert_string_equal(got, want);
	unlink(rejects);
	unlink(path);
}

/* Missing codes of the read and of the column, each first byte and
 * none: a value is missing exactly when it equals one of them (after
 * trimming), not when it only starts like one. */
static void test_missing_codes(void **state)
{
	static const char data[] =
		"id;v\n"
		"a;\n" "b;NA\n" "c;N\n" "d;-\n" "e;--\n" "f;9\n" "g;99\n"
		"h;99x\n" "i;.\n" "j;7\n" "k; 9 \n" "l;NAN\n" "m;x\n";
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "v", .type = KO_TYPE_CAT,
		  .missing = { "9", ".", "99x" }, .n_missing = 3 },
	};
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("missing_codes.csv");

	(void)state;
	write_file(path, data, sizeof(data) - 1);
	ko_read_options_init(&opt);
	opt.missing[opt.n_missing++] = "-";
	assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
	assert_string_equal(c.buf,
			    "2|a|<NA>\n3|b|<NA>\n4|c|N\n5|d|<NA>\n6|e|--\n"
			    "7|f|<NA>\n8|g|99\n9|h|<NA>\n10|i|<NA>\n11|j|7\n"
			    "12|k|<NA>\n13|l|NAN\n14|m|x\n");
	free(c.buf);
	unlink(path);
}

static void test_rejects(void **state)
{
	static const char data[] =
		"id;birth_date;n;w\n"
		"A;31.02.1997;1;2,5\n"   /* no such date */
		"B;01.02.1997;x;2,5\n"   /* not an integer */
		"C;01.02.1997;3\n"       /* too few fields */
		"D;01.02.1997;4;2.5\n"   /* decimal point where comma expected */
		"E;01.02.1997;9;1,0\n"   /* 9 is missing for n */
		"F;01.02.1997;5;1,0\n";
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "birth_date", .type = KO_TYPE_DATE },
		{ .name = "n", .type = KO_TYPE_INT, .missing = { "9" }, .n_missing = 1 },
		{ .name = "w", .type = KO_TYPE_NUM },
	};
	struct ko_read_options opt;
	struct reject_log log = { "", 0 };
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("rejects.csv");
	char rejects[300];
	char line[512];
	FILE *f;
	int lines = 0;

	(void)state;
	snprintf(rejects, sizeof(rejects), "%s.rejects", path);
	write_file(path, data, sizeof(data) - 1);
	ko_read_options_init(&opt);
	opt.decimal = ',';
	opt.date_format = KO_DATE_DMY;
	opt.max_reject_share = 1;
	opt.rejects_path = rejects;
	opt.on_reject = on_reject;
	opt.reject_ctx = &log;
	assert_int_equal(read_all(path, &opt, cols, 4, &c, &err), KO_OK);
	assert_string_equal(c.buf, "6|E|01.02.1997|<NA>|1,0\n7|F|01.02.1997|5|1,0\n");
	free(c.buf);
	assert_int_equal(log.n, 4);
	assert_string_equal(log.text,
			    "2:birth_date:expected a date DD.MM.YYYY:31.02.1997\n"
			    "3:n:expected an integer:x\n"
			    "4::expected 4 fields, found 3:C;01.02.1997;3\n"
			    "5:w:expected a number with decimal comma:2.5\n");
	f = fopen(rejects, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "file,row,column,reason,value\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_non_null(strstr(line, ",2,birth_date,expected a date DD.MM.YYYY,31.02.1997\n"));
	lines = 2;
	while (fgets(line, sizeof(line), f))
		lines++;
	fclose(f);
	assert_int_equal(lines, 5);

	/* a rejects file that cannot be written is an error naming it */
	opt.rejects_path = "/nonexistent/dir/rejects.csv";
	opt.on_reject = NULL;
	assert_int_equal(read_all(path, &opt, cols, 4, &c, &err), KO_ERR_IO);
	free(c.buf);
	assert_string_equal(err.file, "/nonexistent/dir/rejects.csv");
	assert_non_null(strstr(err.msg, "cannot write rejects file"));
	opt.rejects_path = rejects;

	/* the same file with the default 5% limit stops with an error */
	opt.max_reject_share = 0.05;
	opt.on_reject = NULL;
	assert_int_equal(read_all(path, &opt, cols, 4, &c, &err), KO_ERR_LIMIT);
	free(c.buf);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.msg, "4 of 6 rows rejected"));
	assert_non_null(strstr(err.msg, rejects));
	unlink(path);
	unlink(rejects);
}

static void test_missing_column(void **state)
{
	static const char data[] = "Shnro;contact_date;dg1\nA;01.01.2000;F84\n";
	static const struct ko_column cols[] = {
		{ .name = "SHNRO", .type = KO_TYPE_ID },
		{ .name = "dg2", .type = KO_TYPE_CODE },
	};
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("cols.csv");

	(void)state;
	write_file(path, data, sizeof(data) - 1);
	assert_int_equal(read_all(path, NULL, cols, 2, &c, &err), KO_ERR_DATA);
	free(c.buf);
	assert_string_equal(err.column, "dg2");
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.msg, "Shnro, contact_date, dg1"));
	/* case-insensitive match of the first column worked */
	assert_int_equal(read_all(path, NULL, cols, 1, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|A\n");
	free(c.buf);
	unlink(path);
}

/* A selected name the header has twice is an error naming the file, the
 * header row and both positions; a column not selected may repeat, and
 * without a selection every column is delivered by its position. */
static void test_duplicate_column(void **state)
{
	static const char data[] = "y,x,X,z,z\n0,1,2,3,4\n";
	static const struct ko_column want_x[] = {
		{ .name = "y", .type = KO_TYPE_NUM },
		{ .name = "x", .type = KO_TYPE_NUM },
	};
	static const struct ko_column want_y[] = {
		{ .name = "y", .type = KO_TYPE_NUM },
	};
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("dup.csv");
	char msg[KO_ERR_MSG_MAX + 600];

	(void)state;
	write_file(path, data, sizeof(data) - 1);
	assert_int_equal(read_all(path, NULL, want_x, 2, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_string_equal(err.column, "x");
	assert_int_equal(err.row, 1);
	assert_string_equal(err.msg, "appears twice in the header (columns 2 and 3)");
	ko_err_format(&err, msg, sizeof(msg));
	assert_non_null(strstr(msg, "dup.csv:1: column 'x': appears twice in the header (columns 2 and 3)"));
	assert_int_equal(read_all(path, NULL, want_y, 1, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|0\n");
	free(c.buf);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "2|0|1|2|3|4\n");
	free(c.buf);
	unlink(path);
}

static void test_file_errors(void **state)
{
	struct ko_reader *r = NULL;
	struct ko_err err;
	struct collect c;
	char *path = tmp_path("trunc.csv.gz");
	char *big;
	size_t i, n = 200000;
	FILE *f;
	long size;

	(void)state;
	assert_int_equal(ko_reader_open(&r, "/nonexistent/x.csv", NULL, &err),
			 KO_ERR_IO);
	assert_null(r);
	assert_string_equal(err.file, "/nonexistent/x.csv");
	assert_non_null(strstr(err.msg, "cannot open"));

	/* a gzip file cut in half */
	big = malloc(n * 12 + 16);
	assert_non_null(big);
	strcpy(big, "id;value\n");
	for (i = 0; i < n; i++)
		sprintf(big + strlen("id;value\n") + i * 12, "P%05zu;%05zu\n",
			i % 100000, (i * 7919) % 100000);
	write_gz(path, big, strlen(big));
	free(big);
	f = fopen(path, "rb+");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	assert_int_equal(truncate(path, size / 2), 0);
	assert_int_equal(read_all(path, NULL, NULL, 0, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.msg, "truncated gzip"));
	unlink(path);

	/* an empty file */
	write_file(path, "", 0);
	assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_ERR_FORMAT);
	assert_non_null(strstr(err.msg, "empty"));
	unlink(path);
}

/* A quote that opens and never closes is an error naming the row where it
 * opened, not a file cut short there: at every chunk boundary, plain and
 * gzip-compressed, with parse threads asked for, through the matrix path
 * (which gives way to the general one), and in an unselected column.  A
 * quote that runs across line ends for more than the field limit and
 * closes later is an error too; a short quoted line break is data. */
static void open_quote_file(char *buf, size_t cap, int close_at)
{
	size_t used = 0;
	int i;

	used += (size_t)snprintf(buf, cap, "id;x;note\n");
	for (i = 2; i <= 60; i++)
		used += (size_t)snprintf(buf + used, cap - used, "P%d;%d;%s\n", i,
					 i, i == 12 ? "\"opens" :
					 i == close_at ? "closes\"" : "fine");
}

static void test_unterminated_quote(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "x", .type = KO_TYPE_NUM },
	};
	static const struct ko_matrix_dest dest[] = { { 0, 0 }, { 0, 1 } };
	static const struct ko_column xcol[] = {
		{ .name = "x", .type = KO_TYPE_NUM },
	};
	struct ko_matrix_spec spec = { 1, { 1, 0, 0, 0 }, dest + 1 };
	struct ko_matrix_out mout;
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct collect c;
	struct ko_err err;
	char data[2048], path[256], gzpath[264];
	size_t chunk, len;
	enum ko_status st;
	int done;

	(void)state;
	(void)dest;
	snprintf(path, sizeof(path), "%s", tmp_path("openq.csv"));
	snprintf(gzpath, sizeof(gzpath), "%s.gz", path);
	open_quote_file(data, sizeof(data), 0);
	len = strlen(data);
	write_file(path, data, len);
	write_gz(gzpath, data, len);
	ko_read_options_init(&opt);
	for (chunk = 0; chunk <= len; chunk++) {
		opt.chunk_bytes = chunk;
		opt.threads = chunk % 3 + 1;
		assert_int_equal(read_all(path, &opt, cols, 2, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 12);
		assert_string_equal(err.file, path);
		assert_non_null(strstr(err.msg, "never closed"));
		assert_int_equal(read_all(gzpath, &opt, NULL, 0, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 12);
	}
	/* kohort fit's matrix path gives way, the general read says why */
	ko_read_options_init(&opt);
	opt.threads = 2;
	opt.chunk_bytes = 64;
	assert_int_equal(ko_reader_open(&r, path, &opt, &err), KO_OK);
	assert_int_equal(ko_reader_select(r, xcol, 1, &err), KO_OK);
	memset(&mout, 0, sizeof(mout));
	assert_int_equal(ko_reader_read_matrix(r, &spec, &mout, &done, &err),
			 KO_OK);
	assert_int_equal(done, 0);
	memset(&c, 0, sizeof(c));
	append(&c, "");
	assert_int_equal(ko_reader_read(r, on_row, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_int_equal(err.row, 12);
	ko_reader_free(r);

	/* closed 40 lines later: over a 200-byte field limit across line
	 * ends, in a column nobody selected */
	open_quote_file(data, sizeof(data), 52);
	len = strlen(data);
	write_file(path, data, len);
	opt.max_field_bytes = 200;
	for (chunk = 0; chunk <= len; chunk += 7) {
		opt.chunk_bytes = chunk;
		assert_int_equal(read_all(path, &opt, cols, 2, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_int_equal(err.row, 12);
		assert_non_null(strstr(err.msg, "quote left open"));
	}
	/* ... and in a selected column */
	opt.chunk_bytes = 0;
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_int_equal(err.row, 12);
	assert_non_null(strstr(err.msg, "quote left open"));
	/* under the limit it is a field with line breaks: row 12 has them,
	 * rows 13 to 52 are inside it */
	opt.max_field_bytes = 4096;
	opt.max_reject_share = 1;
	assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
	assert_int_equal(c.rows, 19);
	free(c.buf);

	/* closed 150 lines later, far under the byte limit: over 100 line
	 * ends is an error too; exactly 100 is a field with line breaks */
	{
		char *big = malloc(16384);
		size_t used;
		int i, close_at;

		assert_non_null(big);
		for (close_at = 113; close_at <= 162; close_at += 49) {
			used = (size_t)snprintf(big, 16384, "id;x;note\n");
			for (i = 2; i <= 200; i++)
				used += (size_t)snprintf(big + used, 16384 - used,
							 "P%d;%d;%s\n", i, i,
							 i == 12 ? "\"opens" :
							 i == close_at ? "closes\"" :
									 "fine");
			write_file(path, big, used);
			ko_read_options_init(&opt);
			opt.max_reject_share = 1;
			for (chunk = 0; chunk <= 600; chunk += 97) {
				opt.chunk_bytes = chunk;
				st = read_all(path, &opt, cols, 2, &c, &err);
				free(c.buf);
				/* 101 and 150 line ends in one field */
				assert_int_equal(st, KO_ERR_FORMAT);
				assert_int_equal(err.row, 12);
				assert_non_null(strstr(err.msg, "more than 100 "
							       "line ends"));
			}
		}
		/* 100 line ends: data */
		used = (size_t)snprintf(big, 16384, "id;x;note\n");
		for (i = 2; i <= 200; i++)
			used += (size_t)snprintf(big + used, 16384 - used,
						 "P%d;%d;%s\n", i, i,
						 i == 12 ? "\"opens" :
						 i == 112 ? "closes\"" : "fine");
		write_file(path, big, used);
		assert_int_equal(read_all(path, &opt, cols, 2, &c, &err), KO_OK);
		assert_int_equal(c.rows, 200 - 1 - 100);
		free(c.buf);
		free(big);
	}

	/* an open quote in the header row */
	write_file(path, "id;\"x\n1;2\n", 10);
	assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_ERR_FORMAT);
	assert_int_equal(err.row, 1);
	assert_non_null(strstr(err.msg, "never closed"));
	unlink(path);
	unlink(gzpath);
}

/* A FIFO, a device and a directory are refused by name before anything
 * opens them: a FIFO would block in open, /dev/zero would be read for
 * ever.  An alarm turns a hang into a failure. */
static void test_not_regular_files(void **state)
{
	static const char *const devices[] = { "/dev/zero", "/dev/null", "/tmp" };
	struct ko_reader *r = NULL;
	struct ko_err err;
	char *fifo = tmp_path("fifo.csv");
	size_t i;

	(void)state;
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);
	assert_int_equal(ko_reader_open(&r, fifo, NULL, &err), KO_ERR_IO);
	assert_null(r);
	assert_string_equal(err.file, fifo);
	assert_non_null(strstr(err.msg, "FIFO"));
	assert_non_null(strstr(err.msg, "not a regular file"));
	for (i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		assert_int_equal(ko_reader_open(&r, devices[i], NULL, &err),
				 KO_ERR_IO);
		assert_null(r);
		assert_string_equal(err.file, devices[i]);
		assert_non_null(strstr(err.msg, "not a regular file"));
	}
	alarm(0);
	unlink(fifo);
}

/* An id, category or code longer than KO_READER_MAX_KEY bytes rejects its
 * row naming the column (it was 'out of memory' from the dictionary);
 * one of exactly the limit, and long text, are read. */
static void test_key_limit(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "c", .type = KO_TYPE_CAT },
		{ .name = "d", .type = KO_TYPE_CODE },
		{ .name = "t", .type = KO_TYPE_TEXT },
	};
	struct ko_read_options opt;
	struct reject_log log = { "", 0 };
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("keys.csv");
	char key[KO_READER_MAX_KEY + 2], *data;
	size_t cap = 8 * KO_READER_MAX_KEY, used;

	(void)state;
	memset(key, 'K', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0'; /* MAX_KEY + 1 bytes */
	data = malloc(cap);
	assert_non_null(data);
	used = (size_t)snprintf(data, cap, "id;c;d;t\n%s;a;F84;x\n", key);
	used += (size_t)snprintf(data + used, cap - used, "P3;%s;F84;x\n", key);
	used += (size_t)snprintf(data + used, cap - used, "P4;a; %s ;x\n", key);
	used += (size_t)snprintf(data + used, cap - used, "%.*s;%.*s;F;%s%s\n",
				 KO_READER_MAX_KEY, key, KO_READER_MAX_KEY, key,
				 key, key);
	write_file(path, data, used);
	ko_read_options_init(&opt);
	opt.max_reject_share = 1;
	opt.on_reject = on_reject;
	opt.reject_ctx = &log;
	assert_int_equal(read_all(path, &opt, cols, 4, &c, &err), KO_OK);
	assert_int_equal(c.rows, 1);
	assert_int_equal(log.n, 3);
	assert_non_null(strstr(log.text, "2:id:longer than 1024 bytes"));
	assert_non_null(strstr(log.text, "3:c:longer than 1024 bytes"));
	assert_non_null(strstr(log.text, "4:d:longer than 1024 bytes"));
	free(c.buf);
	free(data);
	unlink(path);
}

/* Bytes after the gzip stream are an error (zlib's gzread ignored them
 * unless they began with the gzip magic), whatever the chunking; members
 * written one after another read as one stream; one stray byte, a broken
 * second member and a cut-off one are errors too.  ko_gz_after_member is
 * the rule every inflate back end applies. */
static void test_gzip_members_and_trailing_bytes(void **state)
{
	static const char part1[] = "id;x\nP1;1\nP2;2\n", part2[] = "P3;3\n";
	static const char *const tails[] = { "junk\n", "\x1f", "\x1f\x8b\x08",
					     "\n", "PK\x03\x04" };
	char path[256], one[264];
	struct collect c;
	struct ko_err err;
	struct ko_read_options opt;
	gzFile g;
	FILE *f;
	size_t chunk, i;
	long size;

	(void)state;
	assert_int_equal(ko_gz_after_member((const unsigned char *)"", 0, 1),
			 KO_GZ_END);
	assert_int_equal(ko_gz_after_member((const unsigned char *)"", 0, 0),
			 KO_GZ_NEED_MORE);
	assert_int_equal(ko_gz_after_member((const unsigned char *)"\x1f", 1, 0),
			 KO_GZ_NEED_MORE);
	assert_int_equal(ko_gz_after_member((const unsigned char *)"\x1f", 1, 1),
			 KO_GZ_GARBAGE);
	assert_int_equal(ko_gz_after_member((const unsigned char *)"\x1f\x8b", 2,
					    1), KO_GZ_MEMBER);
	assert_int_equal(ko_gz_after_member((const unsigned char *)"ab", 2, 0),
			 KO_GZ_GARBAGE);

	snprintf(path, sizeof(path), "%s", tmp_path("members.csv.gz"));
	snprintf(one, sizeof(one), "%s.one", path);
	write_gz(path, part1, strlen(part1));
	g = gzopen(path, "ab");
	assert_non_null(g);
	gzwrite(g, part2, (unsigned)strlen(part2));
	gzclose(g);
	ko_read_options_init(&opt);
	for (chunk = 0; chunk <= 20; chunk++) {
		opt.chunk_bytes = chunk;
		assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_OK);
		assert_string_equal(c.buf, "2|P1|1\n3|P2|2\n4|P3|3\n");
		free(c.buf);
	}
	/* the tails after one member */
	write_gz(one, part1, strlen(part1));
	f = fopen(one, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		assert_int_equal(truncate(one, size), 0);
		f = fopen(one, "ab");
		assert_non_null(f);
		fputs(tails[i], f);
		fclose(f);
		for (chunk = 0; chunk <= 20; chunk += 5) {
			opt.chunk_bytes = chunk;
			assert_int_not_equal(read_all(one, &opt, NULL, 0, &c, &err),
					     KO_OK);
			free(c.buf);
			assert_string_equal(err.file, one);
			assert_true(strstr(err.msg, "trailing garbage") ||
				    strstr(err.msg, "corrupt or truncated"));
		}
		if (i == 0)
			assert_non_null(strstr(err.msg, "not gzip data follow "
						       "the compressed stream "
						       "at byte"));
	}
	/* a damaged trailer (CRC-32, then size) is an error on both back
	 * ends: igzip checks it as zlib does */
	for (i = 8; i >= 4; i -= 4) {
		unsigned char b;

		write_gz(one, part1, strlen(part1));
		f = fopen(one, "rb+");
		assert_non_null(f);
		fseek(f, size - (long)i, SEEK_SET);
		assert_int_equal(fread(&b, 1, 1, f), 1);
		b ^= 0x5a;
		fseek(f, size - (long)i, SEEK_SET);
		assert_int_equal(fwrite(&b, 1, 1, f), 1);
		fclose(f);
		ko_read_options_init(&opt);
		assert_int_equal(read_all(one, &opt, NULL, 0, &c, &err),
				 KO_ERR_FORMAT);
		free(c.buf);
		assert_non_null(strstr(err.msg, "corrupt or truncated"));
	}
	/* members larger than the input buffer (256 KiB), one after another:
	 * the back end hands back what it read past each member's end */
	{
		size_t rows = 60000, k, len = 0, m;
		char *big = malloc(rows * 16 + 16), expect[64];

		assert_non_null(big);
		len += (size_t)sprintf(big, "id;x\n");
		for (k = 0; k < rows; k++)
			len += (size_t)sprintf(big + len, "P%zu;%zu\n", k,
					       (k * 2654435761u) % 1000003);
		write_gz(path, big, len);
		for (m = 0; m < 2; m++) {
			g = gzopen(path, "ab");
			assert_non_null(g);
			gzwrite(g, big + 5, (unsigned)(len - 5));
			gzclose(g);
		}
		free(big);
		ko_read_options_init(&opt);
		assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_OK);
		snprintf(expect, sizeof(expect), "%zu|P%zu|%zu\n", 3 * rows + 1,
			 rows - 1, ((rows - 1) * 2654435761u) % 1000003);
		assert_int_equal(strlen(c.buf) > strlen(expect), 1);
		assert_string_equal(c.buf + strlen(c.buf) - strlen(expect),
				    expect);
		free(c.buf);
	}
	unlink(path);
	unlink(one);
}

static void test_field_cap_and_nul(void **state)
{
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("cap.csv");
	static const char nul_data[] = "a;b\nx\0y;1\nok;2\n";
	char data[200];

	(void)state;
	snprintf(data, sizeof(data), "a;b\n%s;1\n",
		 "0123456789012345678901234567890123456789");
	write_file(path, data, strlen(data));
	ko_read_options_init(&opt);
	opt.max_field_bytes = 16;
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_ERR_LIMIT);
	free(c.buf);
	assert_int_equal(err.row, 2);
	assert_string_equal(err.column, "a");
	assert_non_null(strstr(err.msg, "over the limit of 16 bytes"));

	/* an unterminated quote swallows the rest of the file: one long field
	 * that hits the cap: an error naming the row the quote opened in */
	write_file(path, "a;b\n\"open;1\nmore;2\n", 19);
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_ERR_FORMAT);
	free(c.buf);
	assert_int_equal(err.row, 2);
	assert_non_null(strstr(err.msg, "quote"));

	write_file(path, nul_data, sizeof(nul_data) - 1);
	ko_read_options_init(&opt);
	opt.max_reject_share = 1;
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_OK);
	assert_string_equal(c.buf, "3|ok|2\n");
	free(c.buf);
	unlink(path);
}

static void test_crafted_inputs_never_crash(void **state)
{
	static const char *const inputs[] = {
		"\xef\xbb\xbf", "\n\n\n", "a\n\"", "a;b\n;;;;;;;;;;;;\n",
		"a\n\xff\xfe\x00\x01", "\"\"\"\n\"\"\"", "a;b\r\r\r\n1;2",
		"a;a;A\n1;2;3\n",
	};
	struct ko_read_options opt;
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("crafted.csv");
	size_t i, len;

	(void)state;
	ko_read_options_init(&opt);
	opt.max_reject_share = 1;
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		len = i == 4 ? 6 : strlen(inputs[i]);
		write_file(path, inputs[i], len);
		read_all(path, &opt, NULL, 0, &c, &err);
		free(c.buf);
	}
	unlink(path);
}

/* SAS, Stata and SPSS files written by R haven (tests/reference/
 * reader_formats.R) give the same rows as the CSV written alongside. */
static void test_readstat_formats(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "shnro", .type = KO_TYPE_ID },
		{ .name = "birth_date", .type = KO_TYPE_DATE },
		{ .name = "birth_weight_g", .type = KO_TYPE_INT },
		{ .name = "amount_eur", .type = KO_TYPE_NUM },
		{ .name = "region", .type = KO_TYPE_CAT },
	};
	static const char *const files[] = {
		"tests/fixtures/reader_sample.sas7bdat",
		"tests/fixtures/reader_sample.dta",
		"tests/fixtures/reader_sample.sav",
	};
	static const enum ko_format formats[] = { KO_FORMAT_SAS7BDAT,
						  KO_FORMAT_DTA, KO_FORMAT_SAV };
	struct collect csv, c;
	struct ko_err err;
	struct ko_reader *r;
	size_t i, k;

	(void)state;
	assert_int_equal(read_all("tests/fixtures/reader_sample.csv", NULL, cols,
				  5, &csv, &err),
			 KO_OK);
	assert_int_equal(csv.rows, 4);
	for (i = 0; i < 3; i++) {
		assert_int_equal(ko_reader_open(&r, files[i], NULL, &err), KO_OK);
		assert_int_equal(ko_reader_format(r), formats[i]);
		ko_reader_free(r);
		assert_int_equal(read_all(files[i], NULL, cols, 5, &c, &err), KO_OK);
		/* CSV rows are numbered from 2 (header = 1), observations
		 * from 1: compare the values only */
		{
			char *a = csv.buf, *b = c.buf;

			for (k = 0; k < 4; k++) {
				char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');

				assert_non_null(ea);
				assert_non_null(eb);
				a = strchr(a, '|');
				b = strchr(b, '|');
				assert_int_equal(ea - a, eb - b);
				assert_memory_equal(a, b, (size_t)(ea - a));
				a = ea + 1;
				b = eb + 1;
			}
		}
		free(c.buf);
	}
	free(csv.buf);
	assert_int_equal(ko_reader_open(&r, "tests/fixtures/reader_sample.csv",
					NULL, &err),
			 KO_OK);
	ko_reader_free(r);
	/* a CSV renamed .dta is an error naming the file, not a crash */
	assert_int_not_equal(read_all("tests/fixtures/reader_sample.csv",
				      &(struct ko_read_options){
					      .format = KO_FORMAT_DTA,
					      .decimal = '.' },
				      NULL, 0, &c, &err),
			     KO_OK);
	free(c.buf);
	assert_string_equal(err.file, "tests/fixtures/reader_sample.csv");
}

static int stop_at_second(void *ctx, const struct ko_row *row,
			  struct ko_err *err)
{
	(void)ctx;
	if (row->row == 3)
		return ko_err_set(err, KO_ERR_DATA, "duplicate id '%s'",
				  row->values[0].text);
	return 0;
}

static void test_callback_stops(void **state)
{
	static const char data[] = "id\nA\nA\nB\n";
	struct ko_reader *r;
	struct ko_err err;
	char *path = tmp_path("stop.csv");

	(void)state;
	write_file(path, data, sizeof(data) - 1);
	assert_int_equal(ko_reader_open(&r, path, NULL, &err), KO_OK);
	ko_err_clear(&err);
	assert_int_equal(ko_reader_read(r, stop_at_second, NULL, &err),
			 KO_ERR_STOPPED);
	assert_string_equal(err.msg, "duplicate id 'A'");
	assert_string_equal(err.file, path);
	ko_reader_free(r);
	unlink(path);
}

/* Several parse threads give exactly the rows, row numbers and rejects of
 * one thread, on a file cut into many small ranges. */
static void test_parallel_equals_sequential(void **state)
{
	static const struct ko_column cols[] = {
		{ .name = "id", .type = KO_TYPE_ID },
		{ .name = "d", .type = KO_TYPE_DATE },
		{ .name = "x", .type = KO_TYPE_NUM },
	};
	struct ko_read_options opt;
	struct reject_log log1 = { "", 0 }, log2 = { "", 0 };
	struct collect c1, c2;
	struct ko_err err;
	char *path = tmp_path("par.csv");
	FILE *f = fopen(path, "wb");
	int i, threads;

	(void)state;
	assert_non_null(f);
	fputs("id;d;x\r\n", f);
	for (i = 0; i < 3000; i++) {
		if (i % 397 == 5)
			fputs("\r\n", f); /* blank line: skipped */
		if (i % 211 == 7)
			fprintf(f, "P%d;31.02.1997;1,5\r\n", i); /* bad date */
		else if (i % 389 == 11)
			fprintf(f, "P%d;01.01.1997\r\n", i); /* short row */
		else
			fprintf(f, "P%d;%02d.%02d.1997;%d,%d\r\n", i, i % 28 + 1,
				i % 12 + 1, i, i % 10);
	}
	fclose(f);
	ko_read_options_init(&opt);
	opt.decimal = ',';
	opt.max_reject_share = 1;
	opt.on_reject = on_reject;
	opt.reject_ctx = &log1;
	assert_int_equal(read_all(path, &opt, cols, 3, &c1, &err), KO_OK);
	for (threads = 2; threads <= 3; threads++) {
		memset(&log2, 0, sizeof(log2));
		opt.reject_ctx = &log2;
		opt.threads = threads;
		opt.chunk_bytes = 517; /* many ranges */
		assert_int_equal(read_all(path, &opt, cols, 3, &c2, &err), KO_OK);
		assert_int_equal(c1.rows, c2.rows);
		assert_string_equal(c1.buf, c2.buf);
		assert_int_equal(log1.n, log2.n);
		assert_string_equal(log1.text, log2.text);
		free(c2.buf);
	}
	assert_true(c1.rows > 2900);
	assert_true(log1.n > 10);
	free(c1.buf);

	/* a quote in the file: the one-thread path reads it, same result */
	f = fopen(path, "ab");
	fputs("\"Pq\";01.01.1997;2\r\n", f);
	fclose(f);
	opt.threads = 1;
	opt.reject_ctx = &log1;
	assert_int_equal(read_all(path, &opt, cols, 3, &c1, &err), KO_OK);
	opt.threads = 2;
	opt.reject_ctx = &log2;
	assert_int_equal(read_all(path, &opt, cols, 3, &c2, &err), KO_OK);
	assert_string_equal(c1.buf, c2.buf);
	free(c1.buf);
	free(c2.buf);

	/* an over-long field in a later range: the error has the absolute row */
	f = fopen(path, "ab");
	fprintf(f, "%0300d;01.01.1997;2\r\n", 1);
	fclose(f);
	opt.max_field_bytes = 100;
	for (threads = 1; threads <= 2; threads++) {
		opt.threads = threads;
		assert_int_equal(read_all(path, &opt, cols, 3, &c1, &err),
				 KO_ERR_LIMIT);
		free(c1.buf);
		assert_int_equal(err.row, 1 + 3000 + 1 + 1); /* records */
		assert_string_equal(err.column, "id");
	}
	unlink(path);
}

struct progress_log {
	int calls;
	uint64_t last_in, total;
	int monotone;
};

static void on_progress(void *ctx, const struct ko_reader_stats *st)
{
	struct progress_log *p = ctx;

	p->calls++;
	if (st->bytes_in < p->last_in)
		p->monotone = 0;
	p->last_in = st->bytes_in;
	p->total = st->bytes_total;
}

/* Progress reports climb to the file's size; a SIGINT stops the read
 * with "interrupted". */
static void test_progress_and_interrupt(void **state)
{
	struct ko_read_options opt;
	struct progress_log log = { 0, 0, 0, 1 };
	struct collect c;
	struct ko_err err;
	char *path = tmp_path("progress.csv.gz");
	char *big;
	size_t i, n = 100000, used = 0;
	int threads;

	(void)state;
	big = malloc(n * 24 + 16);
	assert_non_null(big);
	used = (size_t)sprintf(big, "id;value\n");
	for (i = 0; i < n; i++)
		used += (size_t)sprintf(big + used, "P%07zu;%zu\n", (i * 7919) % n, i);
	write_gz(path, big, used);
	ko_read_options_init(&opt);
	opt.on_progress = on_progress;
	opt.progress_ctx = &log;
	opt.chunk_bytes = 65536;
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_OK);
	free(c.buf);
	assert_true(log.calls > 5);
	assert_true(log.monotone);
	assert_true(log.total > 0);
	assert_true(log.last_in == log.total);

	ko_interrupt_install();
	raise(SIGINT);
	assert_true(ko_interrupted());
	assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err), KO_ERR_STOPPED);
	free(c.buf);
	assert_string_equal(err.msg, "interrupted");
	/* the parallel path stops too */
	unlink(path);
	path = tmp_path("progress.csv");
	write_file(path, big, used);
	for (threads = 1; threads <= 2; threads++) {
		opt.threads = threads;
		assert_int_equal(read_all(path, &opt, NULL, 0, &c, &err),
				 KO_ERR_STOPPED);
		free(c.buf);
		assert_string_equal(err.msg, "interrupted");
	}
	ko_interrupt_clear();
	signal(SIGINT, SIG_DFL);
	free(big);
	unlink(path);
}

/* Every delivered row and every reject, as text. */
static void on_reject_collect(void *ctx, long row, const char *column,
			      const char *reason, const char *value)
{
	struct collect *c = ctx;
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "reject %ld|", row);
	append(c, tmp);
	append(c, column);
	append(c, "|");
	append(c, reason);
	append(c, "|");
	append(c, value);
	append(c, "\n");
}

/* Read path (every column as text, or typed: id;date;num) with the given
 * chunk size; rows, rejects and the outcome into c. */
static void read_both_ways(const char *path, size_t chunk, int typed,
		     struct collect *c)
{
	static const struct ko_column cols[] = {
		{ .name = "a", .type = KO_TYPE_ID },
		{ .name = "b", .type = KO_TYPE_DATE },
		{ .name = "c", .type = KO_TYPE_NUM },
	};
	struct ko_read_options opt;
	struct ko_reader *r = NULL;
	struct ko_err err;
	enum ko_status st;
	char tmp[1200];

	ko_err_clear(&err);
	ko_read_options_init(&opt);
	opt.delimiter = ';';
	opt.chunk_bytes = chunk;
	opt.max_reject_share = 1;
	opt.max_field_bytes = 64;
	opt.on_reject = on_reject_collect;
	opt.reject_ctx = c;
	st = ko_reader_open(&r, path, &opt, &err);
	if (!st && typed)
		st = ko_reader_select(r, cols, 3, &err);
	if (!st)
		st = ko_reader_read(r, on_row, c, &err);
	snprintf(tmp, sizeof(tmp), "status %d %ld %s\n", (int)st, err.row,
		 err.msg);
	append(c, tmp);
	ko_reader_free(r);
}

/* Lines cut by the reader itself (no quote, no CR) give libcsv's fields
 * and rows exactly: random lines of blanks, tabs, delimiters, quotes,
 * CRs, line ends, Latin-1 bytes and values (short and longer than the
 * scan's eight-byte words), read at chunk sizes from 1
 * byte up, typed and as text, with the plain scan and with libcsv alone:
 * the same rows, rejects, errors. */
static void test_plain_scan_equals_libcsv(void **state)
{
	static const char *const pieces[] = {
		"x", "12", "2001-02-03", "3.5", " ", "\t", ";", ";", ";", "\n",
		"\n", "\n", "\r\n", "\r", "\"", "\"q;\n\"", "\xe4", "  ab c ",
		"NA", "",
		/* long pieces: lines past the eight bytes a word of the
		 * plain scan takes, a delimiter, quote or CR at any byte */
		"abcdefghijk", "1234567", "\xe4\xe4\xe4\xe4\xe4\xe4\xe4\xe4",
	};
	const char *path = tmp_path("plain_scan.csv");
	unsigned seed = 2026;
	int round;

	(void)state;
	for (round = 0; round < 300; round++) {
		char text[700];
		size_t len, chunks[] = { 1, 2, 3, 7, 64, 0 }, k;
		int plain_only = round % 3 != 0, typed;

		len = (size_t)snprintf(text, sizeof(text), "a;b;c\n");
		while (len < 400) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(*pieces))];
			/* two rounds in three without quotes and CRs: plain
			 * lines then, most of them */
			if (plain_only && (strchr(p, '"') || strchr(p, '\r')))
				continue;
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
		}
		write_file(path, text, len);
		for (typed = 0; typed < 2; typed++)
			for (k = 0; k < sizeof(chunks) / sizeof(*chunks); k++) {
				struct collect a = { 0 }, b = { 0 };

				ko_reader_set_plain_scan(0);
				read_both_ways(path, chunks[k], typed, &a);
				ko_reader_set_plain_scan(1);
				read_both_ways(path, chunks[k], typed, &b);
				if (strcmp(a.buf, b.buf)) {
					print_error("round %d, chunk %zu, typed %d:\n"
						    "libcsv:\n%s\nplain scan:\n%s\n",
						    round, chunks[k], typed, a.buf,
						    b.buf);
					fail();
				}
				free(a.buf);
				free(b.buf);
			}
	}
	unlink(path);
}

/* ko_reader_estimate_rows: exact when the file ends within its first
 * MiB of text (with and without a last line end, plain and gzip), near
 * the count for a larger file of even rows, 0 for what is no CSV. */
static void test_estimate_rows(void **state)
{
	enum { ROWS = 200000 };
	char *path = tmp_path("estimate.csv"), *gz, *big;
	size_t len = 0, cap = (size_t)ROWS * 32;
	long est, i;

	(void)state;
	write_file(path, "id;x\nA;1\nB;2\nC;3\n", 17);
	assert_int_equal(ko_reader_estimate_rows(path, KO_FORMAT_AUTO), 3);
	write_file(path, "id;x\nA;1\nB;2\nC;3", 16);
	assert_int_equal(ko_reader_estimate_rows(path, KO_FORMAT_AUTO), 3);
	write_gz(path, "id;x\nA;1\nB;2\n", 13);
	assert_int_equal(ko_reader_estimate_rows(path, KO_FORMAT_AUTO), 2);
	assert_int_equal(ko_reader_estimate_rows(path, KO_FORMAT_DTA), 0);
	write_file(path, "", 0);
	assert_int_equal(ko_reader_estimate_rows(path, KO_FORMAT_AUTO), 0);
	assert_int_equal(ko_reader_estimate_rows("/nonexistent/x.csv",
						 KO_FORMAT_AUTO), 0);
	assert_int_equal(ko_reader_estimate_rows("/tmp", KO_FORMAT_AUTO), 0);
	/* 200,000 rows, some 5 MB: the first MiB scaled */
	big = malloc(cap);
	assert_non_null(big);
	len = (size_t)snprintf(big, cap, "id;x;y\n");
	for (i = 0; i < ROWS; i++)
		len += (size_t)snprintf(big + len, cap - len,
					"P%010ld;%ld;%ld\n", i * 7919 % 1000003,
					i % 97, i % 13);
	gz = strdup(tmp_path("estimate.csv.gz"));
	assert_non_null(gz);
	write_file(path, big, len);
	est = ko_reader_estimate_rows(path, KO_FORMAT_AUTO);
	assert_true(est > ROWS * 0.97 && est < ROWS * 1.03);
	write_gz(gz, big, len);
	est = ko_reader_estimate_rows(gz, KO_FORMAT_AUTO);
	assert_true(est > ROWS * 0.8 && est < ROWS * 1.25);
	unlink(path);
	unlink(gz);
	free(gz);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialect_values),
		cmocka_unit_test(test_every_chunk_boundary),
		cmocka_unit_test(test_cr_only_line_ends),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_tab_fields_keep_inner_blanks),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_mixed_encodings),
		cmocka_unit_test(test_missing_codes),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_rejects_csv),
		cmocka_unit_test(test_missing_column),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_gzip_members_and_trailing_bytes),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_not_regular_files),
		cmocka_unit_test(test_key_limit),
		cmocka_unit_test(test_field_cap_and_nul),
		cmocka_unit_test(test_crafted_inputs_never_crash),
		cmocka_unit_test(test_readstat_formats),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_parallel_equals_sequential),
		cmocka_unit_test(test_progress_and_interrupt),
		cmocka_unit_test(test_plain_scan_equals_libcsv),
		cmocka_unit_test(test_estimate_rows),
	};
	int failed;

	/* every test on both inflate back ends (reader_gz.c, reader_igzip.c) */
	ko_gz_set_inflater(&ko_inflater_zlib);
	failed = cmocka_run_group_tests_name("reader (zlib inflate)", tests,
					     NULL, NULL);
	ko_gz_set_inflater(&ko_inflater_igzip);
	failed += cmocka_run_group_tests_name("reader (igzip inflate)", tests,
					      NULL, NULL);
	/* and every line through libcsv, without the plain-line scan */
	ko_reader_set_plain_scan(0);
	failed += cmocka_run_group_tests_name("reader (igzip, libcsv only)",
					      tests, NULL, NULL);
	ko_reader_set_plain_scan(1);
	return failed;
}
