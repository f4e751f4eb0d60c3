/*
 * reader_csv.c - the reader's CSV and gzip-CSV path (the front end's other
 * half, beside reader.c): the header (delimiter, encoding, names), the
 * bytes of the file in chunks (reader_gz.c's, plain or inflated, inflated
 * ahead in a thread), lines without quotes or carriage returns cut here
 * and the others through libcsv, each record's fields converted by
 * reader.c's ko_reader_convert and delivered.  reader.c opens, reads and
 * frees through ko_reader_csv_open/_read/_free (reader_impl.h).
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

#include "interrupt.h"
#include "grow.h"
#include "mem.h"

#define SAMPLE_BYTES (64 * 1024)
#define HEADER_MAX (1024 * 1024)
#define CHUNK_BYTES (1024 * 1024)
/* libcsv grows its field buffer without limit; refuse past this.  The
 * configurable max_field_bytes (checked per field) is normally far lower. */
#define FIELD_HARD_CAP ((size_t)256 * 1024 * 1024)

#define N_CHUNKS 4
/* libcsv's state while inside a field (csv.h makes the parser struct
 * public but not its state names; libcsv.c: FIELD_BEGUN). */
#define LIBCSV_FIELD_BEGUN 2

/* Decompression runs in its own thread, N_CHUNKS chunks ahead of the
 * parser, so reading a .gz costs about max(inflate, parse), not the sum. */
struct chunk_queue {
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *buf[N_CHUNKS];
	size_t len[N_CHUNKS];
	size_t size;        /* bytes per chunk */
	unsigned head, tail;/* next to parse, next to fill */
	uint64_t in_pos[N_CHUNKS]; /* compressed offset after each chunk */
	int eof, failed, stop;
};

/* The longest part of a line kept back for the next chunk (a line cut by
 * a chunk end), in chunks: past it the line goes to libcsv as it comes. */
#define CARRY_CHUNKS 4
/* libcsv's state between rows (libcsv.c: ROW_NOT_BEGUN). */
#define LIBCSV_ROW_NOT_BEGUN 0

struct csv_state {
	struct ko_gz gz;
	int gz_open;
	struct csv_parser parser;
	int parser_ready;
	char *carry;        /* the start of a line cut by a chunk end */
	size_t carry_len, carry_cap, carry_max;
	size_t *ends;       /* a plain line's delimiters: ncols entries */
	char *pending;      /* bytes read while looking for the header */
	size_t pending_len;
	long data_offset;   /* where the rows start in the file */
	struct chunk_queue q;
};

/* ---- CSV: opening ------------------------------------------------------ */

static void *capped_realloc(void *p, size_t n)
{
	if (n > FIELD_HARD_CAP)
		return NULL;
	return realloc(p, n);
}

static int space_no_tab(unsigned char c)
{
	return c == CSV_SPACE;
}

/* Offset just past the first line end outside quotes, or 0 if none. */
static size_t header_end(const char *s, size_t len)
{
	int quoted = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '\n' && !quoted)
			return i + 1;
	}
	return 0;
}

/* 1 when the header line ends in a lone CR, as every line of a classic
 * Mac file does: a CR outside quotes, before any LF and not followed by
 * one.  libcsv would take such a file for one long header row and no data.
 * whole: s is the whole file, so a CR as its last byte is a lone one. */
static int cr_line_ends(const char *s, size_t len, int whole)
{
	int quoted = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == '\n')
			return 0;
		else if (s[i] == '\r')
			return i + 1 < len ? s[i + 1] != '\n' : whole;
	}
	return 0;
}

/* Most frequent of ; TAB , | outside quotes in the header line. */
static char detect_delimiter(const char *s, size_t len)
{
	static const char cand[] = { ';', '\t', ',', '|' };
	size_t count[4] = { 0 }, i, k, best = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		if (quoted)
			continue;
		for (k = 0; k < 4; k++)
			if (s[i] == cand[k])
				count[k]++;
	}
	for (k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? cand[best] : ',';
}

struct header_ctx {
	char **names;
	size_t n, cap;
	int failed;
	struct ko_reader *r;
};

static void header_field(void *s, size_t len, void *data)
{
	struct header_ctx *h = data;
	const char *t = s;
	char *name;
	size_t used = 0, tlen;

	if (h->failed)
		return;
	if (ko_grow(&h->names, h->n, &h->cap, sizeof(*h->names), 16)) {
		h->failed = 1;
		return;
	}
	ko_reader_trim(&t, &len);
	if (ko_reader_reserve_conv(h->r, 2 * len + 1)) {
		h->failed = 1;
		return;
	}
	t = ko_reader_to_utf8(h->r, 1, t, len,
			      ko_reader_ascii_class((const unsigned char *)t, len),
			      &used, &tlen);
	if (h->r->failed) {
		h->failed = 1;
		return;
	}
	name = t ? strdup(t) : strdup("?");
	if (!name) {
		h->failed = 1;
		return;
	}
	h->names[h->n++] = name;
}

static void header_row(int c, void *data)
{
	(void)c;
	(void)data;
}

static enum ko_status parse_header(struct ko_reader *r, const char *s,
				   size_t len)
{
	struct header_ctx h = { NULL, 0, 0, 0, r };
	struct csv_parser p;
	enum ko_status st = KO_OK;
	size_t i;

	if (csv_init(&p, 0))
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	csv_set_delim(&p, (unsigned char)r->delimiter);
	if (r->delimiter == '\t')
		csv_set_space_func(&p, space_no_tab);
	if (csv_parse(&p, s, len, header_field, header_row, &h) != len) {
		st = ko_err_at(r->err, KO_ERR_FORMAT, r->path, 1, NULL,
			       "cannot parse the header row");
		goto out;
	}
	if (p.quoted && p.pstate == LIBCSV_FIELD_BEGUN) {
		st = ko_err_at(r->err, KO_ERR_FORMAT, r->path, 1, NULL,
			       "a quote opened in the header row is never "
			       "closed");
		goto out;
	}
	if (csv_fini(&p, header_field, header_row, &h) || h.failed) {
		st = r->failed ? r->failed :
		     ko_err_at(r->err, KO_ERR_FORMAT, r->path, 1, NULL,
			       "cannot parse the header row");
		goto out;
	}
	if (h.n == 0) {
		st = ko_err_at(r->err, KO_ERR_FORMAT, r->path, 1, NULL,
			       "empty header row");
		goto out;
	}
	st = ko_reader_set_header(r, h.names, h.n);
	h.names = NULL;
out:
	csv_free(&p);
	if (h.names) {
		for (i = 0; i < h.n; i++)
			free(h.names[i]);
		free(h.names);
	}
	return st;
}

static enum ko_status gz_failure(struct ko_reader *r, const struct ko_gz *gz)
{
	if (gz->errnum)
		return ko_err_at(r->err, KO_ERR_IO, r->path, 0, NULL,
				 "read error: %s", strerror(gz->errnum));
	if (gz->garbage)
		return ko_err_at(r->err, KO_ERR_FORMAT, r->path, 0, NULL,
				 "trailing garbage after the gzip data: %s",
				 gz->msg);
	return ko_err_at(r->err, KO_ERR_FORMAT, r->path, 0, NULL,
			 "corrupt or truncated gzip data (%s)",
			 gz->msg[0] ? gz->msg : "unknown zlib error");
}

/* Read until the header line is complete (or the file ends). */
static enum ko_status read_head(struct ko_reader *r, struct csv_state *cs,
				size_t *hdr_len)
{
	size_t cap = SAMPLE_BYTES, step = r->opt.chunk_bytes;

	cs->pending = malloc(cap);
	if (!cs->pending)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	for (;;) {
		size_t want = cap - cs->pending_len;
		long n;

		if (step && want > step)
			want = step;
		n = ko_gz_read(&cs->gz, cs->pending + cs->pending_len, want);

		if (n < 0)
			return gz_failure(r, &cs->gz);
		cs->pending_len += (size_t)n;
		if (cr_line_ends(cs->pending, cs->pending_len, n == 0))
			return ko_err_at(r->err, KO_ERR_FORMAT, r->path, 0, NULL,
					 "line ends are CR only (classic Mac); convert the file to LF or CRLF line ends");
		*hdr_len = header_end(cs->pending, cs->pending_len);
		if (*hdr_len || n == 0)
			break;
		if (cs->pending_len == cap) {
			char *p;

			if (cap >= HEADER_MAX)
				return ko_err_at(r->err, KO_ERR_LIMIT, r->path,
						 1, NULL,
						 "header row longer than %d bytes%s",
						 HEADER_MAX,
						 memchr(cs->pending, '\n',
							cs->pending_len) ?
							 " (is a quote left "
							 "open?)" : "");
			p = realloc(cs->pending, cap * 2);
			if (!p)
				return ko_err_set(r->err, KO_ERR_NOMEM,
						  "out of memory");
			cs->pending = p;
			cap *= 2;
		}
	}
	if (!*hdr_len)
		*hdr_len = cs->pending_len; /* header only, no newline */
	return KO_OK;
}

static void decide_encoding(struct ko_reader *r, const char *s, size_t len)
{
	if (r->opt.encoding != KO_ENC_AUTO) {
		r->encoding = r->opt.encoding;
		r->encoding_fixed = 1;
		return;
	}
	/* A sample cut in the middle of a character must not count as
	 * invalid: allow up to 3 bytes of incomplete tail. */
	if (ko_reader_utf8_valid_prefix((const unsigned char *)s, len) + 3 >= len)
		r->encoding = KO_ENC_UTF8;
	else
		r->encoding = KO_ENC_LATIN1;
}

enum ko_status ko_reader_csv_open(struct ko_reader *r)
{
	struct csv_state *cs;
	size_t hdr_len = 0, skip = 0;
	enum ko_status st;

	cs = calloc(1, sizeof(*cs));
	if (!cs)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	r->impl = cs;
	if (ko_gz_open(&cs->gz, r->path)) {
		st = ko_err_at(r->err, KO_ERR_IO, r->path, 0, NULL,
			       "cannot open: %s", strerror(errno));
		ko_gz_close(&cs->gz);
		return st;
	}
	cs->gz_open = 1;
	{
		struct stat sb;

		if (!stat(r->path, &sb))
			r->stats.bytes_total = (uint64_t)sb.st_size;
	}
	st = read_head(r, cs, &hdr_len);
	if (st)
		return st;
	if (cs->pending_len == 0)
		return ko_err_at(r->err, KO_ERR_FORMAT, r->path, 0, NULL,
				 "the file is empty (no header row)");
	if (cs->pending_len >= 3 && !memcmp(cs->pending, "\xef\xbb\xbf", 3))
		skip = 3;
	r->delimiter = r->opt.delimiter ? r->opt.delimiter :
		       detect_delimiter(cs->pending + skip, hdr_len - skip);
	decide_encoding(r, cs->pending + skip, cs->pending_len - skip);
	st = parse_header(r, cs->pending + skip, hdr_len - skip);
	if (st)
		return st;
	cs->data_offset = (long)hdr_len;
	memmove(cs->pending, cs->pending + hdr_len, cs->pending_len - hdr_len);
	cs->pending_len -= hdr_len;
	r->stats.bytes_text = hdr_len;
	r->record = 1;
	return KO_OK;
}

/* ---- CSV: reading -------------------------------------------------------- */

/* Line ends a quoted field may hold: more means a quote left open (or
 * closed by a stray one far below) has swallowed that many rows. */
#define QUOTED_LINES_MAX 100

/* Line ends in s[0..len), counted up to stop. */
static size_t count_lines(const char *s, size_t len, size_t stop)
{
	const char *end = s + len;
	size_t n = 0;

	while (n < stop && (s = memchr(s, '\n', (size_t)(end - s)))) {
		n++;
		s++;
	}
	return n;
}

/* 1 (with r->failed set) when a field, complete or still open, holds
 * more than QUOTED_LINES_MAX line ends, or holds one and is over the
 * field limit: a quote that runs on across lines, in any column, selected
 * or not.  Short fields cannot, and are not scanned. */
static int quote_runs_on(struct ko_reader *r, const void *s, size_t len)
{
	size_t lines;

	if (len <= QUOTED_LINES_MAX)
		return 0;
	lines = count_lines(s, len, QUOTED_LINES_MAX + 1);
	if (lines > QUOTED_LINES_MAX)
		r->failed = ko_err_at(r->err, KO_ERR_FORMAT, r->path,
				      r->record + 1, NULL, "a quote opened in "
				      "this row runs across more than %d line "
				      "ends; is a quote left open?",
				      QUOTED_LINES_MAX);
	else if (lines && len > r->opt.max_field_bytes)
		r->failed = ko_err_at(r->err, KO_ERR_FORMAT, r->path,
				      r->record + 1, NULL, "a quote opened in "
				      "this row runs across line ends for over "
				      "%zu bytes; is a quote left open?",
				      r->opt.max_field_bytes);
	else
		return 0;
	return 1;
}

/* The selected column of field col (len bytes), or -1 when the field is
 * not read: beyond the header's columns, not declared, or longer than
 * max_field_bytes (which fails the read: file, row, column). */
static long selected_column(struct ko_reader *r, size_t col, size_t len)
{
	long k;

	if (col >= r->ncols || (k = r->col_to_sel[col]) < 0)
		return -1;
	if (len > r->opt.max_field_bytes) {
		r->failed = ko_err_at(r->err, KO_ERR_LIMIT, r->path,
				      r->record + 1, r->colnames[col],
				      "field of %zu bytes is over the limit of "
				      "%zu bytes", len, r->opt.max_field_bytes);
		return -1;
	}
	return k;
}

void ko_reader_on_field(void *s, size_t len, void *data)
{
	struct ko_reader *r = data;
	size_t col = r->nfields++;
	long k;

	if (r->failed || quote_runs_on(r, s, len) ||
	    (k = selected_column(r, col, len)) < 0)
		return;
	if (r->rowbuf_len + len > r->rowbuf_cap) {
		size_t cap = r->rowbuf_cap ? r->rowbuf_cap : 4096;
		char *p;

		while (cap < r->rowbuf_len + len)
			cap *= 2;
		p = realloc(r->rowbuf, cap);
		if (!p) {
			r->failed = ko_err_set(r->err, KO_ERR_NOMEM,
					       "out of memory");
			return;
		}
		r->rowbuf = p;
		r->rowbuf_cap = cap;
	}
	if (len)
		memcpy(r->rowbuf + r->rowbuf_len, s, len);
	r->field_off[k] = r->rowbuf_len;
	r->field_len[k] = len;
	r->rowbuf_len += len;
}

static void reset_row(struct ko_reader *r)
{
	r->rowbuf_len = 0;
	r->line_base = NULL;
	r->line_len = 0;
	r->nfields = 0;
}

enum ko_status ko_reader_emit(struct ko_reader *r, long row,
			      const struct ko_value *values)
{
	struct ko_row out;

	out.row = row;
	out.n = r->nsel;
	out.values = values;
	if (!r->fn(r->ctx, &out, r->err))
		return KO_OK;
	if (!r->err || r->err->status == KO_OK)
		ko_err_at(r->err, KO_ERR_STOPPED, r->path, row, NULL,
			  "stopped by the caller");
	else
		ko_err_set_file(r->err, r->path);
	return KO_ERR_STOPPED;
}

/* Reject a row with the wrong number of fields, showing the selected
 * fields it has, joined by the delimiter. */
static void reject_field_count(struct ko_reader *r, long row)
{
	char reason[96];
	size_t c, used = 0;
	const char *base = r->line_base ? r->line_base : r->rowbuf;

	snprintf(reason, sizeof(reason), "expected %zu fields, found %zu",
		 r->ncols, r->nfields);
	for (c = 0; c < r->ncols && c < r->nfields; c++)
		if (r->col_to_sel[c] >= 0)
			used += r->field_len[r->col_to_sel[c]];
	if (ko_reader_reserve_conv(r, used + r->ncols + 1)) {
		r->failed = ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
		return;
	}
	used = 0;
	for (c = 0; c < r->ncols && c < r->nfields; c++) {
		long k = r->col_to_sel[c];

		if (k < 0)
			continue;
		if (used)
			r->convbuf[used++] = r->delimiter;
		if (r->field_len[k])
			memcpy(r->convbuf + used, base + r->field_off[k],
			       r->field_len[k]);
		used += r->field_len[k];
	}
	r->failed = ko_reader_reject(r, row, NULL, reason, r->convbuf, used);
}

/* Convert the selected fields of a complete row and hand it to the
 * caller, or reject it. */
static void finish_row(struct ko_reader *r)
{
	long row = ++r->record;
	size_t s, used = 0;
	const char *base = r->line_base ? r->line_base : r->rowbuf;

	r->stats.rows++;
	if (r->nfields != r->ncols) {
		reject_field_count(r, row);
		return;
	}
	for (s = 0; s < r->nsel; s++)
		used += 2 * r->field_len[r->col_to_sel[r->sel[s].file_col]] + 1;
	if (ko_reader_reserve_conv(r, used)) {
		r->failed = ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
		return;
	}
	used = 0;
	for (s = 0; s < r->nsel; s++) {
		size_t first = (size_t)r->col_to_sel[r->sel[s].file_col];
		/* rowbuf stays NULL until a field has a byte */
		const char *text = base ? base + r->field_off[first] : "";
		size_t len = r->field_len[first];
		const char *why;

		r->conv_in_place = r->line_base &&
				   r->field_off[first] + len < r->line_len;
		why = ko_reader_convert(r, s, text, len, &used);
		r->conv_in_place = 0;
		if (r->failed)
			return;
		if (why) {
			r->failed = ko_reader_reject(r, row, r->sel[s].spec->name,
						     why, text, len);
			return;
		}
	}
	r->failed = ko_reader_emit(r, row, r->values);
}

void ko_reader_on_row(int c, void *data)
{
	struct ko_reader *r = data;

	(void)c;
	if (!r->failed)
		finish_row(r);
	reset_row(r);
}

/* A quoted field still open after a piece of text: an error when it has
 * run across a line end for more than the field limit (at_end: when the
 * file ends inside it), naming the record where the quote opened.  A
 * quote left open would otherwise swallow every later line into one
 * field, silently, or fail far away with a misleading error. */
static enum ko_status check_open_quote(struct ko_reader *r,
				       const struct csv_parser *p, int at_end)
{
	if (!p->quoted || p->pstate != LIBCSV_FIELD_BEGUN)
		return KO_OK;
	if (at_end)
		return ko_err_at(r->err, KO_ERR_FORMAT, r->path, r->record + 1,
				 NULL, "a quote opened in this row is never "
				 "closed (the file ends inside it)");
	if (!quote_runs_on(r, p->entry_buf, p->entry_pos))
		return KO_OK;
	return r->failed;
}

/* Text through libcsv. */
static enum ko_status parse_csv(struct ko_reader *r, struct csv_state *cs,
				const char *buf, size_t len)
{
	if (csv_parse(&cs->parser, buf, len, ko_reader_on_field, ko_reader_on_row, r) != len &&
	    !r->failed) {
		int e = csv_error(&cs->parser);

		if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
			return ko_err_at(r->err, KO_ERR_LIMIT, r->path,
					 r->record + 1, NULL,
					 "a field is over %zu bytes (or memory "
					 "ran out); is a quote left open?",
					 FIELD_HARD_CAP);
		return ko_err_at(r->err, KO_ERR_FORMAT, r->path, r->record + 1,
				 NULL, "CSV parse error: %s", csv_strerror(e));
	}
	if (r->failed)
		return r->failed;
	return check_open_quote(r, &cs->parser, 0);
}

/* ---- plain lines ------------------------------------------------------
 *
 * Most lines of an extract hold no quote and no carriage return.  Such a
 * line is cut at its delimiters here, a field at a time, instead of
 * going through libcsv's state machine byte by byte; every other line
 * (and a row a quoted field carries across lines) goes to libcsv.  The
 * fields and rows are libcsv's: an unquoted field is trimmed of blanks
 * (spaces, and tabs unless tab is the delimiter), a line of blanks only
 * is no row, "\r\n" ends a line as "\n" does; the same callbacks take
 * them. */

static int plain_scan = 1;

void ko_reader_set_plain_scan(int on)
{
	plain_scan = on;
}

static int is_csv_blank(const struct ko_reader *r, unsigned char c)
{
	return c == ' ' || (c == '\t' && r->delimiter != '\t');
}

/* A field of a plain line, s[off..off+len): as ko_reader_on_field, but
 * the row's fields stay in the line (line_base) instead of being copied
 * into rowbuf.  A plain field holds no line end, so no quote can run on
 * in it (quote_runs_on). */
static void plain_field(struct ko_reader *r, size_t off, size_t len)
{
	size_t col = r->nfields++;
	long k;

	if (r->failed || (k = selected_column(r, col, len)) < 0)
		return;
	r->field_off[k] = off;
	r->field_len[k] = len;
}

/* The fields of a plain line and its row: s[0..len) without its line
 * end, s[0..full) with it (the reader's own memory, which the conversion
 * may write NULs into after a field), ends[0..n_ends) the offsets of its
 * delimiters. */
static void plain_line(struct ko_reader *r, const char *s, size_t len,
		       size_t full, const size_t *ends, size_t n_ends)
{
	const char *a, *b, *end = s + len;
	size_t f, start = 0;

	for (a = s; a < end && is_csv_blank(r, (unsigned char)*a); a++)
		;
	if (a == end)
		return; /* blank: libcsv gives no row */
	r->line_base = s;
	r->line_len = full;
	for (f = 0; f <= n_ends; f++) {
		size_t stop = f < n_ends ? ends[f] : len;

		a = s + start;
		b = s + stop;
		while (a < b && is_csv_blank(r, (unsigned char)*a))
			a++;
		while (b > a && is_csv_blank(r, (unsigned char)b[-1]))
			b--;
		plain_field(r, (size_t)(a - s), (size_t)(b - a));
		start = stop + 1;
	}
	ko_reader_on_row('\n', r);
}

/* Lines are scanned eight bytes at a time where a word's low byte is
 * its first (the bit order bytes_equal's users count in). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_SCAN 1
#else
#define WORD_SCAN 0
#endif

/* The high bit of each byte of w that equals c, no other bit: exact per
 * byte (no carry between bytes). */
static uint64_t bytes_equal(uint64_t w, unsigned char c)
{
	const uint64_t lows = 0x7f7f7f7f7f7f7f7fu;
	uint64_t x = w ^ (0x0101010101010101u * c);

	return ~(((x & lows) + lows) | x | lows);
}

/* One whole line, its '\n' included (not for the file's last line): its
 * delimiters found in one pass, or libcsv's when it holds a quote or a
 * carriage return (but for the "\r\n" at its end), or more fields than
 * the header (libcsv rejects the row as it counts them). */
static enum ko_status scan_line(struct ko_reader *r, struct csv_state *cs,
				const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char d = (unsigned char)r->delimiter;
	size_t m = n, i, n_ends = 0;

	if (m && s[m - 1] == '\n')
		m--;
	if (m && s[m - 1] == '\r')
		m--;
	/* eight bytes at a time: a quote or a carriage return anywhere sends
	 * the line to libcsv (whichever comes first, the same call), and so
	 * does a delimiter past the header's count; the delimiters' offsets
	 * from the bits of the bytes equal to d, lowest byte first */
	for (i = 0; WORD_SCAN && i + 8 <= m; i += 8) {
		uint64_t w, dm;

		memcpy(&w, u + i, 8);
		if (bytes_equal(w, '"') | bytes_equal(w, '\r'))
			return parse_csv(r, cs, s, n);
		for (dm = bytes_equal(w, d); dm; dm &= dm - 1) {
			if (n_ends == r->ncols)
				return parse_csv(r, cs, s, n);
			cs->ends[n_ends++] =
				i + ((unsigned)__builtin_ctzll(dm) >> 3);
		}
	}
	for (; i < m; i++) {
		unsigned char c = u[i];

		if (c == d) {
			if (n_ends == r->ncols)
				return parse_csv(r, cs, s, n);
			cs->ends[n_ends++] = i;
		} else if (c == '"' || c == '\r') {
			return parse_csv(r, cs, s, n);
		}
	}
	plain_line(r, s, m, n, cs->ends, n_ends);
	return r->failed;
}

/* A plain line at s, found and cut in one pass of eight-byte words:
 * its line end, quotes, carriage returns and delimiters at once, so that
 * no memchr per line looks for the end first.  Returns the line's length
 * with its '\n' when the line was plain and handed to plain_line, 0 when
 * anything is not simple (a quote, a carriage return but the one of a
 * final "\r\n", more delimiters than the header's, no line end in the
 * whole words before avail): the caller then takes the line the general
 * way, from the start, as if this were never tried. */
static size_t fast_line(struct ko_reader *r, struct csv_state *cs,
			const char *s, size_t avail)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char d = (unsigned char)r->delimiter;
	size_t i, n_ends = 0;

	for (i = 0; WORD_SCAN && i + 8 <= avail; i += 8) {
		uint64_t w, nl, q, cr, dm, below = ~(uint64_t)0;

		memcpy(&w, u + i, 8);
		nl = bytes_equal(w, '\n');
		q = bytes_equal(w, '"');
		cr = bytes_equal(w, '\r');
		dm = bytes_equal(w, d);
		if (nl) {
			nl &= -nl; /* the first line end only */
			below = nl - 1;
			q &= below;
			cr &= below;
			dm &= below;
		}
		/* a CR only just before the line end: in this word, or as
		 * its last byte with the '\n' the next word's first */
		if (q || (cr && cr != (nl >> 8) &&
			  !(!nl && cr == (uint64_t)1 << 63 && i + 8 < avail &&
			    u[i + 8] == '\n')))
			return 0;
		for (; dm; dm &= dm - 1) {
			if (n_ends == r->ncols)
				return 0;
			cs->ends[n_ends++] = i + ((unsigned)__builtin_ctzll(dm) >> 3);
		}
		if (nl) {
			size_t k = i + ((unsigned)__builtin_ctzll(nl) >> 3), m = k;

			if (m && u[m - 1] == '\r')
				m--;
			plain_line(r, s, m, k + 1, cs->ends, n_ends);
			return k + 1;
		}
	}
	return 0;
}

/* Keep the start of a line cut by a chunk end; one too long goes to
 * libcsv, which takes the rest of it. */
static enum ko_status carry_add(struct ko_reader *r, struct csv_state *cs,
				const char *s, size_t n)
{
	enum ko_status st;

	if (cs->carry_len + n > cs->carry_max) {
		st = parse_csv(r, cs, cs->carry, cs->carry_len);
		cs->carry_len = 0;
		return st ? st : parse_csv(r, cs, s, n);
	}
	if (ko_mem_reserve(&cs->carry, &cs->carry_cap, cs->carry_len + n))
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	memcpy(cs->carry + cs->carry_len, s, n);
	cs->carry_len += n;
	return KO_OK;
}

/* A piece of text: whole lines one by one, the start of a cut line kept
 * for the next piece, and while libcsv has a row under way (a quoted
 * field across a line end) the text up to the next line end to libcsv. */
static enum ko_status scan_lines(struct ko_reader *r, struct csv_state *cs,
				 const char *p, size_t len)
{
	const char *end = p + len, *nl;
	enum ko_status st = KO_OK;
	size_t n;

	while (p < end && !st) {
		if (cs->parser.pstate == LIBCSV_ROW_NOT_BEGUN && !cs->carry_len &&
		    (n = fast_line(r, cs, p, (size_t)(end - p)))) {
			st = r->failed;
			p += n;
			continue;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
		if (cs->parser.pstate != LIBCSV_ROW_NOT_BEGUN) {
			st = parse_csv(r, cs, p, n);
		} else if (cs->carry_len || !nl) {
			st = carry_add(r, cs, p, n);
			if (!st && nl && cs->carry_len) {
				st = scan_line(r, cs, cs->carry, cs->carry_len);
				cs->carry_len = 0;
			}
		} else {
			st = scan_line(r, cs, p, n);
		}
		p += n;
	}
	return st;
}

/* The file's last line when it has no line end. */
static enum ko_status scan_last_line(struct ko_reader *r, struct csv_state *cs)
{
	enum ko_status st = KO_OK;

	if (cs->carry_len)
		st = scan_line(r, cs, cs->carry, cs->carry_len);
	cs->carry_len = 0;
	return st;
}

static enum ko_status feed(struct ko_reader *r, struct csv_state *cs,
			   const char *buf, size_t len)
{
	if (ko_interrupted())
		return ko_err_at(r->err, KO_ERR_STOPPED, r->path, 0, NULL,
				 "interrupted");
	r->stats.bytes_text += len;
	return plain_scan ? scan_lines(r, cs, buf, len)
			  : parse_csv(r, cs, buf, len);
}

static void *inflate_ahead(void *arg)
{
	struct csv_state *cs = arg;
	struct chunk_queue *q = &cs->q;

	pthread_mutex_lock(&q->mu);
	for (;;) {
		unsigned slot;
		long n;

		while (q->tail - q->head == N_CHUNKS && !q->stop)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->stop)
			break;
		slot = q->tail % N_CHUNKS;
		pthread_mutex_unlock(&q->mu);
		n = ko_gz_read(&cs->gz, q->buf[slot], q->size);
		pthread_mutex_lock(&q->mu);
		if (n < 0) {
			q->failed = 1;
			q->eof = 1;
		} else if (n == 0) {
			q->eof = 1;
		} else {
			q->len[slot] = (size_t)n;
			q->in_pos[slot] = ko_gz_offset(&cs->gz);
			q->tail++;
		}
		pthread_cond_broadcast(&q->cv);
		if (q->eof)
			break;
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

static void stop_inflating(struct chunk_queue *q)
{
	if (!q->started)
		return;
	pthread_mutex_lock(&q->mu);
	q->stop = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->thread, NULL);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	q->started = 0;
}

/* Parse every chunk the inflating thread hands over, in order. */
static enum ko_status read_chunks(struct ko_reader *r, struct csv_state *cs)
{
	struct chunk_queue *q = &cs->q;
	enum ko_status st = KO_OK;
	unsigned i;

	q->size = r->opt.chunk_bytes ? r->opt.chunk_bytes : CHUNK_BYTES;
	for (i = 0; i < N_CHUNKS; i++) {
		q->buf[i] = malloc(q->size);
		if (!q->buf[i])
			return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	}
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	if (pthread_create(&q->thread, NULL, inflate_ahead, cs)) {
		pthread_mutex_destroy(&q->mu);
		pthread_cond_destroy(&q->cv);
		return ko_err_set(r->err, KO_ERR_NOMEM, "cannot start a thread");
	}
	q->started = 1;
	for (;;) {
		unsigned slot;

		pthread_mutex_lock(&q->mu);
		while (q->head == q->tail && !q->eof)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->head == q->tail) {
			pthread_mutex_unlock(&q->mu);
			break;
		}
		slot = q->head % N_CHUNKS;
		pthread_mutex_unlock(&q->mu);
		st = feed(r, cs, q->buf[slot], q->len[slot]);
		r->stats.bytes_in = q->in_pos[slot];
		if (!st && r->opt.on_progress)
			r->opt.on_progress(r->opt.progress_ctx, &r->stats);
		pthread_mutex_lock(&q->mu);
		q->head++;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		if (st)
			break;
	}
	stop_inflating(q);
	if (!st && q->failed)
		st = gz_failure(r, &cs->gz);
	return st;
}

void ko_reader_init_parser(struct ko_reader *r, void *csv_parser)
{
	struct csv_parser *p = csv_parser;

	csv_set_delim(p, (unsigned char)r->delimiter);
	/* libcsv trims blanks and tabs from unquoted fields (inline test,
	 * faster than a callback); with TAB as delimiter only blanks */
	if (r->delimiter == '\t')
		csv_set_space_func(p, space_no_tab);
	csv_set_realloc_func(p, capped_realloc);
}

enum ko_status ko_reader_csv_read(struct ko_reader *r)
{
	struct csv_state *cs = r->impl;
	enum ko_status st;
	size_t chunk;

	if (cs->parser_ready)
		return ko_err_set(r->err, KO_ERR_USAGE,
				  "a reader can be read only once");
	if (csv_init(&cs->parser, 0))
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	cs->parser_ready = 1;
	ko_reader_init_parser(r, &cs->parser);
	cs->carry_max = CARRY_CHUNKS * (r->opt.chunk_bytes ? r->opt.chunk_bytes
							   : CHUNK_BYTES);
	cs->ends = malloc((r->ncols + 1) * sizeof(*cs->ends));
	if (!cs->ends)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	reset_row(r);
	if (r->opt.threads > 1 && cs->gz.direct) {
		int done = 0;

		st = ko_reader_par_read(r, cs->data_offset, &done);
		if (st || done)
			return st;
	}
	/* the bytes read past the header, in chunk-sized pieces too */
	chunk = r->opt.chunk_bytes ? r->opt.chunk_bytes : cs->pending_len;
	for (size_t off = 0; off < cs->pending_len; off += chunk) {
		size_t n = cs->pending_len - off < chunk ? cs->pending_len - off :
							   chunk;
		st = feed(r, cs, cs->pending + off, n);
		if (st)
			return st;
	}
	st = read_chunks(r, cs);
	if (!st)
		st = scan_last_line(r, cs);
	if (!st)
		st = check_open_quote(r, &cs->parser, 1);
	if (st)
		return st;
	csv_fini(&cs->parser, ko_reader_on_field, ko_reader_on_row, r);
	if (r->failed)
		return r->failed;
	r->stats.bytes_in = ko_gz_offset(&cs->gz);
	return KO_OK;
}

void ko_reader_csv_free(struct ko_reader *r)
{
	struct csv_state *cs = r->impl;

	unsigned i;

	if (!cs)
		return;
	stop_inflating(&cs->q);
	if (cs->gz_open)
		ko_gz_close(&cs->gz);
	if (cs->parser_ready)
		csv_free(&cs->parser);
	free(cs->pending);
	free(cs->carry);
	free(cs->ends);
	for (i = 0; i < N_CHUNKS; i++)
		free(cs->q.buf[i]);
	free(cs);
	r->impl = NULL;
}

int ko_reader_csv_direct(const struct ko_reader *r, long *data_offset)
{
	struct csv_state *cs = r->impl;

	if (r->format != KO_FORMAT_CSV || !cs || cs->parser_ready ||
	    !cs->gz_open || !cs->gz.direct)
		return 0;
	*data_offset = cs->data_offset;
	return 1;
}
