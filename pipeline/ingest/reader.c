/*
 * reader.c - the extract reader: options, header, selection, value
 * conversion, rejects, format detection and the public entry points.  The
 * CSV / gzip-CSV path (reader_gz.c's bytes, plain or inflated; lines
 * without quotes cut there, the others through libcsv) is reader_csv.c.
 * SAS, Stata and SPSS files go through reader_stat.c.
 */
#define KO_READER_FRONT
#include "reader_impl.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zlib.h>

#include "escape.h"
#include "value.h"

#define REJECT_VALUE_MAX 200

static const char *const type_names[KO_TYPE_COUNT] = {
	[KO_TYPE_TEXT] = "text", [KO_TYPE_ID] = "id",   [KO_TYPE_DATE] = "date",
	[KO_TYPE_INT] = "int",   [KO_TYPE_NUM] = "num", [KO_TYPE_CAT] = "cat",
	[KO_TYPE_CODE] = "code",
};

const char *ko_type_name(enum ko_type type)
{
	if ((unsigned)type >= KO_TYPE_COUNT)
		return "unknown";
	return type_names[type];
}

int ko_type_from_name(const char *name)
{
	int t;

	for (t = 0; t < KO_TYPE_COUNT; t++)
		if (!strcasecmp(name, type_names[t]))
			return t;
	return -1;
}

void ko_read_options_init(struct ko_read_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->decimal = '.';
	opt->missing[0] = "";
	opt->missing[1] = "NA";
	opt->n_missing = 2;
	opt->max_reject_share = 0.05;
	opt->max_field_bytes = 1024 * 1024;
}

/* ---- text helpers ---------------------------------------------------- */

/* Length of the valid UTF-8 prefix of s (== len when all valid). */
size_t ko_reader_utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return i;
}

/* 1 when s is plain ASCII, 0 when it has bytes >= 0x80, -1 when it holds
 * a NUL byte. */
int ko_reader_ascii_class(const unsigned char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t high = 0, zero = 0;
	size_t i = 0;

	/* eight bytes at a time: any high bit, any zero byte */
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		high |= w & highs;
		zero |= (w - ones) & ~w & highs;
	}
	for (; i < len; i++) {
		high |= s[i] & 0x80;
		zero |= s[i] == 0;
	}
	if (zero)
		return -1;
	return !high;
}

/* Latin-1 to UTF-8: each byte >= 0x80 becomes two bytes.  dst holds at
 * least 2 * len bytes.  Returns the bytes written. */
static size_t latin1_to_utf8(const unsigned char *s, size_t len, char *dst)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80) {
			dst[o++] = (char)s[i];
		} else {
			dst[o++] = (char)(0xc0 | (s[i] >> 6));
			dst[o++] = (char)(0x80 | (s[i] & 0x3f));
		}
	}
	return o;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

void ko_reader_trim(const char **s, size_t *len)
{
	while (*len && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_blank((*s)[*len - 1]))
		(*len)--;
}

static int is_missing_code(const char *const *codes, size_t n, const char *s,
			   size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *c = codes[i];

		/* most fields differ from every code in the first byte */
		if (c[0] != (len ? s[0] : '\0'))
			continue;
		if (!strncmp(c, s, len) && c[len] == '\0')
			return 1;
	}
	return 0;
}

/* ---- conversion -------------------------------------------------------- */

enum ko_status ko_reader_reserve_conv(struct ko_reader *r, size_t n)
{
	char *p;
	size_t cap = r->convbuf_cap ? r->convbuf_cap : 4096;

	if (n <= r->convbuf_cap)
		return KO_OK;
	while (cap < n)
		cap *= 2;
	p = realloc(r->convbuf, cap);
	if (!p)
		return KO_ERR_NOMEM;
	r->convbuf = p;
	r->convbuf_cap = cap;
	return KO_OK;
}

enum ko_status ko_reader_mixed_encoding(struct ko_reader *r)
{
	long a = r->first_utf8_row, b = r->first_latin1_row;

	return ko_err_at(r->err, KO_ERR_FORMAT, r->path, a > b ? a : b, NULL,
			 "mixed encodings: row %ld has UTF-8 text, row %ld "
			 "text that is not valid UTF-8 (Latin-1?); convert the "
			 "file to one encoding, or set the extract's encoding "
			 "(utf-8 rejects the rows that are not UTF-8)", a, b);
}

int ko_reader_note_encoding(struct ko_reader *r, long row, int utf8)
{
	long *mine = utf8 ? &r->first_utf8_row : &r->first_latin1_row;
	long other = utf8 ? r->first_latin1_row : r->first_utf8_row;

	if (!*mine)
		*mine = row;
	if (!other || r->collect)
		return 0;
	if (!r->failed)
		r->failed = ko_reader_mixed_encoding(r);
	return -1;
}

/* Copy text (of row) as NUL-terminated UTF-8 into convbuf at *used.
 * ascii is ko_reader_ascii_class() of the text.  With the encoding
 * detected, each field is UTF-8 when valid, else Latin-1, and a file with
 * both kinds is an error (one category would be split in two spellings);
 * NULL with r->failed set then, NULL alone for a field not valid UTF-8
 * when the encoding is given as UTF-8. */
const char *ko_reader_to_utf8(struct ko_reader *r, long row, const char *text,
			   size_t len, int ascii, size_t *used,
			   size_t *out_len)
{
	char *dst = r->convbuf + *used;
	const unsigned char *u = (const unsigned char *)text;
	size_t n;
	int valid;

	if (len == 0) {
		n = 0;
	} else if (ascii == 1) {
		memcpy(dst, text, len);
		n = len;
	} else if (r->encoding_fixed && r->encoding == KO_ENC_LATIN1) {
		n = latin1_to_utf8(u, len, dst);
	} else if ((valid = ko_reader_utf8_valid_prefix(u, len) == len) ||
		   !r->encoding_fixed) {
		if (!r->encoding_fixed &&
		    ko_reader_note_encoding(r, row, valid))
			return NULL;
		if (valid) {
			memcpy(dst, text, len);
			n = len;
		} else {
			n = latin1_to_utf8(u, len, dst);
		}
	} else {
		return NULL;
	}
	dst[n] = '\0';
	*used += n + 1;
	*out_len = n;
	return dst;
}

/* The expectation of a declared date format when the value is a date in
 * another one: the format it looks like, and the config value for it. */
static const char *date_other_format(enum ko_date_format fmt, const char *t,
				     size_t len)
{
	static const char *const msg[4][4] = {
		[KO_DATE_DMY] = {
			[KO_DATE_ISO] = "expected a date DD.MM.YYYY (date_format); "
					"the value looks like YYYY-MM-DD: "
					"date_format = iso?",
			[KO_DATE_COMPACT] = "expected a date DD.MM.YYYY (date_format); "
					    "the value looks like YYYYMMDD: "
					    "date_format = compact?",
		},
		[KO_DATE_ISO] = {
			[KO_DATE_DMY] = "expected a date YYYY-MM-DD (date_format); "
					"the value looks like DD.MM.YYYY: "
					"date_format = dmy?",
			[KO_DATE_COMPACT] = "expected a date YYYY-MM-DD (date_format); "
					    "the value looks like YYYYMMDD: "
					    "date_format = compact?",
		},
		[KO_DATE_COMPACT] = {
			[KO_DATE_DMY] = "expected a date YYYYMMDD (date_format); "
					"the value looks like DD.MM.YYYY: "
					"date_format = dmy?",
			[KO_DATE_ISO] = "expected a date YYYYMMDD (date_format); "
					"the value looks like YYYY-MM-DD: "
					"date_format = iso?",
		},
	};
	enum ko_date_format other;
	int32_t days;

	for (other = KO_DATE_DMY; other <= KO_DATE_COMPACT; other++)
		if (other != fmt && msg[fmt][other] &&
		    !ko_parse_date(t, len, other, &days))
			return msg[fmt][other];
	return NULL;
}

static const char *date_expectation(enum ko_date_format fmt)
{
	switch (fmt) {
	case KO_DATE_DMY:
		return "expected a date DD.MM.YYYY";
	case KO_DATE_ISO:
		return "expected a date YYYY-MM-DD";
	case KO_DATE_COMPACT:
		return "expected a date YYYYMMDD";
	case KO_DATE_AUTO:
		break;
	}
	return "expected a date (DD.MM.YYYY, YYYY-MM-DD or YYYYMMDD)";
}

const char *ko_reader_convert(struct ko_reader *r, size_t s, const char *text,
			      size_t len, size_t *conv_used)
{
	const struct ko_column *spec = r->sel[s].spec;
	struct ko_value *v = &r->values[s];
	const char *t;
	size_t tlen;

	int ascii = ko_reader_ascii_class((const unsigned char *)text, len);

	v->missing = 0;
	v->v.integer = 0;
	if (ascii < 0)
		return "contains a NUL byte";
	if (ascii == 1 && r->conv_in_place) {
		/* ASCII is UTF-8 as it is: NUL-terminated where it lies
		 * (reader_impl.h), not copied */
		((char *)text)[len] = '\0';
		t = text;
		tlen = len;
	} else if (!(t = ko_reader_to_utf8(r, r->record, text, len, ascii,
					   conv_used, &tlen))) {
		return "invalid UTF-8"; /* or mixed encodings: r->failed */
	}
	if (spec->type != KO_TYPE_TEXT)
		ko_reader_trim(&t, &tlen);
	v->text = t;
	v->len = tlen;
	if (ko_reader_is_missing(r, s, t, tlen)) {
		v->missing = 1;
		return spec->required ? "no value (required)" : NULL;
	}
	/* trimmed text must be NUL-terminated too */
	if (spec->type != KO_TYPE_TEXT)
		((char *)t)[tlen] = '\0';
	switch (spec->type) {
	case KO_TYPE_ID:
	case KO_TYPE_CAT:
	case KO_TYPE_CODE:
		if (tlen > KO_READER_MAX_KEY)
			return "longer than 1024 bytes (the limit for an id, "
			       "a category or a code)";
		break;
	case KO_TYPE_DATE:
		if (ko_parse_date(t, tlen, r->opt.date_format, &v->v.date)) {
			const char *other = r->opt.date_format == KO_DATE_AUTO ? NULL
				: date_other_format(r->opt.date_format, t, tlen);

			return other ? other : date_expectation(r->opt.date_format);
		}
		break;
	case KO_TYPE_INT:
		if (ko_parse_int(t, tlen, &v->v.integer))
			return "expected an integer";
		break;
	case KO_TYPE_NUM:
		if (ko_parse_number(t, tlen, r->opt.decimal, &v->v.number))
			return r->opt.decimal == ',' ?
				       "expected a number with decimal comma" :
				       "expected a number with decimal point";
		break;
	default:
		break;
	}
	return NULL;
}

/* ---- rejects --------------------------------------------------------- */

enum ko_status ko_reader_check_share(struct ko_reader *r, int at_end)
{
	const struct ko_reader_stats *st = &r->stats;

	if (st->rejected == 0 || (!at_end && st->rows < 1000))
		return KO_OK;
	if ((double)st->rejected <= r->opt.max_reject_share * (double)st->rows)
		return KO_OK;
	return ko_err_at(r->err, KO_ERR_LIMIT, r->path, 0, NULL,
			 "%ld of %ld rows rejected (%.1f%%), over the limit of "
			 "%.1f%%%s%s",
			 st->rejected, st->rows,
			 100.0 * (double)st->rejected / (double)st->rows,
			 100.0 * r->opt.max_reject_share,
			 r->opt.rejects_path ? "; see " : "",
			 r->opt.rejects_path ? r->opt.rejects_path : "");
}

enum ko_status ko_reader_reject(struct ko_reader *r, long row,
				const char *column, const char *reason,
				const char *value, size_t len)
{
	char shown[2 * REJECT_VALUE_MAX + 1];
	size_t n = len > REJECT_VALUE_MAX ? REJECT_VALUE_MAX : len, m;
	size_t i;

	if (r->collect) {
		ko_reader_par_reject(r->collect, row, column, reason, value, len);
		return KO_OK;
	}
	r->stats.rejected++;
	/* The value as UTF-8 for people to read; NULs shown as spaces. */
	if (r->encoding == KO_ENC_LATIN1 ||
	    ko_reader_utf8_valid_prefix((const unsigned char *)value, n) != n)
		m = latin1_to_utf8((const unsigned char *)value, n, shown);
	else if ((m = n) > 0)
		memcpy(shown, value, n);
	for (i = 0; i < m; i++)
		if (shown[i] == '\0')
			shown[i] = ' ';
	shown[m] = '\0';
	if (r->opt.on_reject)
		r->opt.on_reject(r->opt.reject_ctx, row, column ? column : "",
				 reason, shown);
	if (r->opt.rejects_path) {
		if (!r->rejects) {
			r->rejects = r->opt.rejects_fp ? r->opt.rejects_fp :
				     fopen(r->opt.rejects_path, "w");
			if (!r->rejects)
				return ko_err_at(r->err, KO_ERR_IO,
						 r->opt.rejects_path, 0, NULL,
						 "cannot write rejects file: %s",
						 strerror(errno));
			fputs("file,row,column,reason,value\n", r->rejects);
		}
		/* kohort's one CSV escape, values kept exact (KO_CSV_DATA):
		 * the file is read back as data (check, the data manager's
		 * tools), and a rejected value is shown as it was delivered */
		ko_csv_put(r->rejects, r->path, KO_CSV_DATA);
		fprintf(r->rejects, ",%ld,", row);
		ko_csv_put(r->rejects, column, KO_CSV_DATA);
		fputc(',', r->rejects);
		ko_csv_put(r->rejects, reason, KO_CSV_DATA);
		fputc(',', r->rejects);
		ko_csv_put(r->rejects, shown, KO_CSV_DATA);
		fputc('\n', r->rejects);
	}
	return ko_reader_check_share(r, 0);
}

/* ---- header and selection ---------------------------------------------- */

enum ko_status ko_reader_set_header(struct ko_reader *r, char **names,
				    size_t ncols)
{
	size_t i;

	r->colnames = names;
	r->ncols = ncols;
	r->all_text = calloc(ncols ? ncols : 1, sizeof(*r->all_text));
	if (!r->all_text)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < ncols; i++) {
		r->all_text[i].name = names[i];
		r->all_text[i].type = KO_TYPE_TEXT;
	}
	return ko_reader_select(r, r->all_text, ncols, r->err);
}

size_t ko_reader_ncols(const struct ko_reader *r)
{
	return r->ncols;
}

const char *ko_reader_colname(const struct ko_reader *r, size_t i)
{
	return i < r->ncols ? r->colnames[i] : NULL;
}

long ko_reader_find(const struct ko_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (!strcasecmp(r->colnames[i], name))
			return (long)i;
	return -1;
}

enum ko_format ko_reader_format(const struct ko_reader *r)
{
	return r->format;
}

char ko_reader_delimiter(const struct ko_reader *r)
{
	return r->delimiter;
}

enum ko_encoding ko_reader_encoding(const struct ko_reader *r)
{
	return r->encoding;
}

static enum ko_status missing_column(struct ko_reader *r, const char *name,
				     struct ko_err *err)
{
	char list[KO_ERR_MSG_MAX / 2];
	size_t i, used = 0;

	list[0] = '\0';
	for (i = 0; i < r->ncols && used + 4 < sizeof(list); i++) {
		int n = snprintf(list + used, sizeof(list) - used, "%s%s",
				 i ? ", " : "", r->colnames[i]);
		if (n < 0 || (size_t)n >= sizeof(list) - used) {
			snprintf(list + used, sizeof(list) - used, ", ...");
			break;
		}
		used += (size_t)n;
	}
	return ko_err_at(err, KO_ERR_DATA, r->path, 0, name,
			 "no such column; the file has: %s", list);
}

/* A column chosen by name that the header has more than once (names
 * match case-insensitively): which one is meant would be a guess, so it
 * is an error naming both places (1-based, as a person counts). */
static enum ko_status duplicate_column(struct ko_reader *r, const char *name,
				       size_t first, struct ko_err *err)
{
	size_t i, n = 1, second = 0;

	for (i = first + 1; i < r->ncols; i++)
		if (!strcasecmp(r->colnames[i], name) && n++ == 1)
			second = i;
	if (n == 1)
		return KO_OK;
	if (n == 2)
		return ko_err_at(err, KO_ERR_FORMAT, r->path, 1, name,
				 "appears twice in the header (columns %zu and %zu)",
				 first + 1, second + 1);
	return ko_err_at(err, KO_ERR_FORMAT, r->path, 1, name,
			 "appears %zu times in the header (columns %zu, %zu, ...)",
			 n, first + 1, second + 1);
}

/* The first byte of each code, into the bit set first (selected's
 * miss_first). */
static void note_first_bytes(unsigned char *first, const char *const *codes,
			     size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)codes[i][0];

		first[b >> 3] |= (unsigned char)(1u << (b & 7));
	}
}

enum ko_status ko_reader_select(struct ko_reader *r,
				const struct ko_column *cols, size_t n,
				struct ko_err *err)
{
	struct selected *sel;
	size_t i, alloc = n ? n : 1;
	/* the default selection (every column as text) is by position: a
	 * name the header repeats is no question there */
	int by_position = cols == r->all_text;
	enum ko_status st;

	for (i = 0; i < n && !by_position; i++) {
		long c = ko_reader_find(r, cols[i].name);

		if (c < 0)
			return missing_column(r, cols[i].name, err);
		if ((st = duplicate_column(r, cols[i].name, (size_t)c, err)))
			return st;
	}
	sel = calloc(alloc, sizeof(*sel));
	if (!sel)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	free(r->sel);
	free(r->values); /* the block of the per-field arrays */
	r->sel = sel;
	free(r->col_to_sel);
	r->col_to_sel = malloc((r->ncols ? r->ncols : 1) * sizeof(long));
	if (ko_reader_fields_alloc(r, n) || !r->col_to_sel)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < r->ncols; i++)
		r->col_to_sel[i] = -1;
	for (i = 0; i < n; i++) {
		size_t c = by_position ? i : (size_t)ko_reader_find(r, cols[i].name);

		sel[i].file_col = c;
		sel[i].spec = &cols[i];
		note_first_bytes(sel[i].miss_first, r->opt.missing,
				 r->opt.n_missing);
		note_first_bytes(sel[i].miss_first, cols[i].missing,
				 cols[i].n_missing);
		/* a column asked for twice is delivered in the first slot;
		 * the second copy is filled from it at row end */
		if (r->col_to_sel[c] < 0)
			r->col_to_sel[c] = (long)i;
	}
	r->nsel = n;
	return KO_OK;
}

void ko_reader_get_stats(const struct ko_reader *r,
			 struct ko_reader_stats *stats)
{
	*stats = r->stats;
}

/* ---- format detection and the public entry points ------------------------ */

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcasecmp(s + a - b, suffix);
}

static enum ko_format detect_format(const char *path)
{
	static const unsigned char sas_magic[12] = { 0xc2, 0xea, 0x81, 0x60,
						     0xb3, 0x14, 0x11, 0xcf,
						     0xbd, 0x92, 0x08, 0x00 };
	unsigned char head[32] = { 0 };
	size_t n = 0;
	FILE *f = fopen(path, "rb");

	if (f) {
		n = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	if (n >= 24 && !memcmp(head + 12, sas_magic, sizeof(sas_magic)))
		return KO_FORMAT_SAS7BDAT;
	if (n >= 4 && (!memcmp(head, "$FL2", 4) || !memcmp(head, "$FL3", 4)))
		return KO_FORMAT_SAV;
	if (n >= 11 && !memcmp(head, "<stata_dta>", 11))
		return KO_FORMAT_DTA;
	if (ends_with(path, ".sas7bdat"))
		return KO_FORMAT_SAS7BDAT;
	if (ends_with(path, ".dta"))
		return KO_FORMAT_DTA;
	if (ends_with(path, ".sav") || ends_with(path, ".zsav"))
		return KO_FORMAT_SAV;
	return KO_FORMAT_CSV;
}

/* What kind of file path is, for the error when it is not a regular one,
 * or NULL when it is (or cannot be looked at: opening it says why). */
static const char *not_regular(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) || S_ISREG(sb.st_mode))
		return NULL;
	if (S_ISDIR(sb.st_mode))
		return "a directory";
	if (S_ISFIFO(sb.st_mode))
		return "a FIFO (named pipe)";
	if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
		return "a device";
	return "a socket";
}

long ko_reader_estimate_rows(const char *path, enum ko_format format)
{
	enum { SAMPLE = 1 << 20 };
	char *buf = NULL;
	struct ko_gz g;
	struct stat sb;
	long got = 0, lines = 0, i;
	double est;

	if (stat(path, &sb) || !S_ISREG(sb.st_mode) || !sb.st_size ||
	    (format ? format : detect_format(path)) != KO_FORMAT_CSV)
		return 0;
	if (ko_gz_open(&g, path)) {
		ko_gz_close(&g);
		return 0;
	}
	buf = malloc(SAMPLE);
	if (buf)
		got = ko_gz_read(&g, buf, SAMPLE);
	for (i = 0; i < got; i++)
		lines += buf[i] == '\n';
	if (got > 0 && buf[got - 1] != '\n')
		lines++; /* a last line without its end */
	if (got < SAMPLE || !ko_gz_offset(&g))
		est = (double)lines; /* the whole file (or nothing) */
	else
		est = (double)lines * (double)sb.st_size /
		      (double)ko_gz_offset(&g);
	ko_gz_close(&g);
	free(buf);
	if (got <= 0 || est < 1)
		return 0;
	return est - 1 > 1e15 ? (long)1e15 : (long)(est - 1);
}

/* What the back ends get of the front end (reader_impl.h). */
static const struct ko_reader_host host = {
	.set_header = ko_reader_set_header,
	.reserve_conv = ko_reader_reserve_conv,
	.convert = ko_reader_convert,
	.emit = ko_reader_emit,
	.reject = ko_reader_reject,
	.check_share = ko_reader_check_share,
	.is_missing = ko_reader_is_missing,
	.csv_direct = ko_reader_csv_direct,
	.csv_on_field = ko_reader_on_field,
	.csv_on_row = ko_reader_on_row,
	.csv_init_parser = ko_reader_init_parser,
};

enum ko_status ko_reader_open(struct ko_reader **out, const char *path,
			      const struct ko_read_options *opt,
			      struct ko_err *err)
{
	struct ko_reader *r;
	enum ko_status st;
	const char *kind;

	r = calloc(1, sizeof(*r));
	if (!r)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	r->host = &host;
	r->err = err;
	if (opt)
		r->opt = *opt;
	else
		ko_read_options_init(&r->opt);
	if (!r->opt.max_field_bytes)
		r->opt.max_field_bytes = 1024 * 1024;
	if (r->opt.decimal != ',')
		r->opt.decimal = '.';
	r->path = strdup(path);
	if (!r->path) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto fail;
	}
	/* before anything opens it: a FIFO blocks in open, a device such
	 * as /dev/zero never ends */
	if ((kind = not_regular(path))) {
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL,
			       "is %s, not a regular file: an extract must be "
			       "a file", kind);
		goto fail;
	}
	errno = 0;
	r->format = r->opt.format ? r->opt.format : detect_format(path);
	if (r->format == KO_FORMAT_CSV)
		st = ko_reader_csv_open(r);
	else
		st = ko_reader_stat_backend.open(r);
	if (st)
		goto fail;
	*out = r;
	return KO_OK;
fail:
	ko_reader_free(r);
	return st;
}

int ko_reader_is_missing(const struct ko_reader *r, size_t s, const char *t,
			 size_t len)
{
	const struct ko_column *spec = r->sel[s].spec;
	unsigned char b = len ? (unsigned char)t[0] : 0;

	if (!(r->sel[s].miss_first[b >> 3] & (1u << (b & 7))))
		return 0;
	return is_missing_code(r->opt.missing, r->opt.n_missing, t, len) ||
	       is_missing_code(spec->missing, spec->n_missing, t, len);
}

enum ko_status ko_reader_read(struct ko_reader *r, ko_row_fn fn, void *ctx,
			      struct ko_err *err)
{
	enum ko_status st;

	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	r->failed = KO_OK;
	if (r->format == KO_FORMAT_CSV)
		st = ko_reader_csv_read(r);
	else
		st = ko_reader_stat_backend.read(r);
	if (r->rejects && fflush(r->rejects) && !st)
		st = ko_err_at(err, KO_ERR_IO, r->opt.rejects_path, 0, NULL,
			       "cannot write rejects file: %s",
			       strerror(errno));
	if (!st)
		st = ko_reader_check_share(r, 1);
	return st;
}

void ko_reader_free(struct ko_reader *r)
{
	size_t i;

	if (!r)
		return;
	if (r->format == KO_FORMAT_CSV)
		ko_reader_csv_free(r);
	else
		ko_reader_stat_backend.free(r);
	if (r->rejects && r->rejects != r->opt.rejects_fp)
		fclose(r->rejects);
	for (i = 0; i < r->ncols; i++)
		free(r->colnames[i]);
	free(r->colnames);
	free(r->all_text);
	free(r->sel);
	free(r->col_to_sel);
	free(r->values); /* and the other per-field arrays: one block */
	free(r->rowbuf);
	free(r->convbuf);
	free(r->path);
	free(r);
}
