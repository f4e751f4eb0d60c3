/*
 * reader_num.c - the matrix fast path of the reader (ko_reader_read_matrix
 * in reader.h): an uncompressed CSV of plain numbers parsed by several
 * threads straight into row-major arrays, for `kohort fit`.
 *
 * The file is cut into one range of whole lines per thread (found in its
 * mapping, which is touched only there) and each range is read twice, in
 * pieces by pread into a buffer of the thread's own.  The first pass
 * counts the line ends of each range: an upper bound on its rows, so every
 * range knows where its rows go.  The second
 * parses each line with a scanner that reads a number while it looks for
 * the end of the field, and stores it in place.  A line the scanner does
 * not take whole (a quote, a NUL, a lone CR, the wrong number of fields, a
 * field that is neither a missing code nor a number) makes the read give
 * way: nothing is returned and the caller reads the file through the
 * general path, which rejects or reports the row exactly as always.  The
 * numbers are those the general path gives: the same Clinger fast path,
 * fast_float (number.h, as ko_parse_number) for longer numbers and
 * exponents, ko_parse_number for anything else.
 *
 * Memory: the output arrays, and a buffer of READ_BYTES per thread.  The
 * pieces are read, not mapped: on a virtual machine the first touch of
 * each mapped page of the page cache costs about a microsecond (0.09 s
 * for a 214 MB file), three times what the copy costs.
 */
#include "reader_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "interrupt.h"
#include "mem.h"
#include "number.h"
#include "value.h"

#define MAX_THREADS 16
#define MIN_RANGE_BYTES (256 * 1024) /* opt.chunk_bytes when set (tests) */
#define READ_BYTES (1024 * 1024) /* a piece: in the core's L2 cache */
#define MAX_LINE_BYTES ((size_t)256 << 20) /* longer: the general path */
#define STOP_CHECK_LINES 65536

/* What to do with one column of the file. */
struct fcol {
	long sel;          /* selected column, or -1: skipped */
	size_t array, pos; /* where its number goes (array KO_MATRIX_NONE: not
			      kept) */
	int fast;          /* no missing code of the column is a number, so a
			      number read by the scanner is never missing */
};

struct plan {
	const struct ko_reader *r;
	size_t ncols;
	struct fcol *cols;
	char delim, decimal;
	size_t max_field;
	size_t n_arrays;
	size_t width[KO_MATRIX_MAX_ARRAYS];
	double *arrays[KO_MATRIX_MAX_ARRAYS];
	/* per array, the positions no column fills: set to 1 */
	size_t *ones[KO_MATRIX_MAX_ARRAYS];
	size_t n_ones[KO_MATRIX_MAX_ARRAYS];
	int fd;                /* the file, read by pieces */
	const char *map;       /* its mapping: ranges are cut there */
	size_t read_bytes;     /* the size of a piece */
};

struct range {
	const struct plan *pl;
	const char *beg, *end; /* whole lines, the last ending in '\n' */
	const char *tail;      /* last range of a file without a final line
				  end: that line, '\n' added; else NULL */
	size_t tail_len;       /* its bytes, '\n' included (it may hold a
				  NUL, which the scanner refuses) */
	size_t lines;          /* pass 1: line ends (+ the tail) */
	size_t since_check;    /* lines since the last interrupt check */
	size_t row0;           /* first row of the range in the arrays */
	size_t rows, dropped;
	long records;
	int bad, stopped;
	int pass;
};

/* Blanks trimmed around a field: ' ' and TAB, but not the delimiter. */
static int is_blank(const struct plan *pl, char c)
{
	return c == ' ' || (c == '\t' && pl->delim != '\t');
}

static int is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

/* Exact powers of ten (every one up to 1e22 is a double). */
static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The field at *pp in the general way: up to its end, trimmed, a missing
 * code or a number.  Returns -1 when the line is not plain, 1 when
 * missing, 0 with *out set. */
static int slow_field(const struct plan *pl, long sel, const char **pp,
		      double *out)
{
	const char *b = *pp, *e = b;
	char d = pl->delim;
	size_t len;

	while (*e != d && *e != '\n' && *e != '\r' && *e != '"' && *e != '\0')
		e++;
	if (*e == '"' || *e == '\0' || (size_t)(e - b) > pl->max_field)
		return -1;
	*pp = e;
	while (b < e && is_blank(pl, *b))
		b++;
	while (e > b && is_blank(pl, e[-1]))
		e--;
	len = (size_t)(e - b);
	if (pl->r->host->is_missing(pl->r, (size_t)sel, b, len))
		return 1;
	return ko_parse_number(b, len, pl->decimal, out) ? -1 : 0;
}

/* Powers of ten as integers, for joining the two halves of a number. */
static const uint64_t pow10_u64[8] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SWAR 1
#define SWAR_BYTES 24 /* room the word scanner needs before the end */

static uint64_t load8(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

/* Bit 7 set in each byte of w that is not an ASCII digit.  Only the
 * lowest set byte is exact (a carry out of a non-digit byte may mark the
 * byte above it), and only that one is used. */
static uint64_t nondigits(uint64_t w)
{
	uint64_t x = w ^ 0x3030303030303030u;

	return ((x + 0x7676767676767676u) | x) & 0x8080808080808080u;
}

/* The number written by the first len (1..8) bytes of w, all digits
 * (the first byte the most significant). */
static uint64_t digits_value(uint64_t w, unsigned len)
{
	uint64_t v = (w - 0x3030303030303030u) << (8 * (8 - len));

	/* the digits are now the high bytes, below them zeros: eight digits
	 * with leading zeros, joined pairwise (2, 4, then 8 digits) */
	v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFu;
	v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFu;
	return (v * 10000 + (v >> 32)) & 0xFFFFFFFFu;
}

/* The common number, [sign] 1 to 7 digits [decimal mark and 1 to 7
 * digits], ended by the delimiter or the line end, read a word at a time
 * without a branch per byte: each run of digits and the byte after it
 * must be in one 8-byte word.  The mantissa then has at most 14 digits,
 * below 2^53, so it and the power of ten are exact doubles and their
 * quotient is correctly rounded.  q has at least SWAR_BYTES bytes after it.
 * Returns the end of the number, or NULL for anything else (the byte
 * scanner then reads the field).  Same value as the byte scanner: the
 * same integer mantissa over the same exact power of ten. */
static const char *swar_number(const struct plan *pl, const char *q,
			       double *out)
{
	static const double sign[2] = { 1.0, -1.0 };
	int neg = *q == '-';
	uint64_t w, f, mask, m;
	unsigned i1, i2 = 0;
	const char *e;

	q += neg | (*q == '+');
	w = load8(q);
	mask = nondigits(w);
	if (!mask || (mask & 0x80u))
		return NULL; /* more than 7 digits, or none */
	i1 = (unsigned)__builtin_ctzll(mask) >> 3;
	e = q + i1;
	if (*e == pl->decimal) {
		f = load8(e + 1);
		mask = nondigits(f);
		if (!mask || (mask & 0x80u))
			return NULL;
		i2 = (unsigned)__builtin_ctzll(mask) >> 3;
		e += 1 + i2;
		if (i1 + i2 <= 8) /* both runs of digits in one word: one join */
			m = digits_value((w & ((1ull << (8 * i1)) - 1)) |
					 f << (8 * i1), i1 + i2);
		else
			m = digits_value(w, i1) * pow10_u64[i2] +
			    digits_value(f, i2);
	} else {
		m = digits_value(w, i1);
	}
	if (*e != pl->delim && *e != '\n' && *e != '\r')
		return NULL;
	/* m < 10^14: exact as a signed integer, one conversion */
	*out = (double)(int64_t)m / pow10_exact[i2] * sign[neg];
	return e;
}
#else
#define SWAR 0
#endif

/* The run of digits at q added to *m (mod 2^64: more than 19 digits
 * are not used), 8 at a time while 8 bytes are left before end; returns
 * its end. */
static const char *digit_run(const char *q, const char *end, uint64_t *m)
{
	uint64_t v = *m;

#if SWAR
	while (end - q >= 8) {
		uint64_t w = load8(q);

		if (nondigits(w))
			break;
		v = v * 100000000u + digits_value(w, 8);
		q += 8;
	}
#else
	(void)end;
#endif
	while (is_digit(*q))
		v = v * 10 + (uint64_t)(*q++ - '0');
	*m = v;
	return q;
}

/* One number field at *pp (before end): the word scanner, the byte
 * scanner, else slow_field. */
static int number_field(const struct plan *pl, const struct fcol *fc,
			const char **pp, const char *end, double *out)
{
	const char *q = *pp, *f0, *num;
	uint64_t m = 0;
	size_t nd, frac = 0;
	int neg = 0;

#if SWAR
	if (fc->fast && end - q >= SWAR_BYTES) {
		const char *e = swar_number(pl, q, out);

		if (e) {
			*pp = e;
			return 0;
		}
	}
#else
	(void)end;
#endif
	while (is_blank(pl, *q))
		q++;
	num = q;
	if (*q == '-' || *q == '+')
		neg = *q++ == '-';
	f0 = q;
	q = digit_run(q, end, &m);
	nd = (size_t)(q - f0);
	if (*q == pl->decimal) {
		f0 = ++q;
		q = digit_run(q, end, &m);
		frac = (size_t)(q - f0);
		nd += frac;
	}
	while (is_blank(pl, *q))
		q++;
	if (fc->fast && nd && nd <= 19 && frac <= 22 &&
	    m <= ((uint64_t)1 << 53) &&
	    (*q == pl->delim || *q == '\n' || *q == '\r')) {
		double v = (double)m / pow10_exact[frac];

		*out = neg ? -v : v;
		*pp = q;
		return 0;
	}
	/* full precision (16 to 19 digits: %.17g): the mantissa read above
	 * to the nearest double by fast_float's Eisel-Lemire step */
	if (fc->fast && nd && nd <= 19 &&
	    (*q == pl->delim || *q == '\n' || *q == '\r') &&
	    !ko_number_from_parts(m, -(int64_t)frac, neg, out)) {
		*pp = q;
		return 0;
	}
	/* exponents, longer numbers: fast_float from the sign on, correctly
	 * rounded as ko_parse_number (the general path) rounds */
	if (fc->fast && nd) {
		const char *e;
		double v;

		if (!ko_number_scan(num, end, pl->decimal, &v, &e)) {
			while (is_blank(pl, *e))
				e++;
			if (*e == pl->delim || *e == '\n' || *e == '\r') {
				*out = v;
				*pp = e;
				return 0;
			}
		}
	}
	return slow_field(pl, fc->sel, pp, out);
}

/* Skip a field that is not selected. */
static int skip_field(const struct plan *pl, const char **pp)
{
	const char *b = *pp, *e = b;
	char d = pl->delim;

	while (*e != d && *e != '\n' && *e != '\r' && *e != '"' && *e != '\0')
		e++;
	if (*e == '"' || *e == '\0' || (size_t)(e - b) > pl->max_field)
		return -1;
	*pp = e;
	return 0;
}

/* One line at p, which ends in '\n', into row `row` of the arrays.
 * Returns the start of the next line, or NULL when the line is not plain;
 * *kind: 0 kept, 1 missing a value (not kept), 2 empty. */
static const char *parse_line(const struct plan *pl, const char *p,
			      const char *end, size_t row, int *kind)
{
	double *rowp[KO_MATRIX_MAX_ARRAYS];
	size_t a, f, k;
	int missing = 0;

	if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
		*kind = 2;
		return p + (*p == '\r' ? 2 : 1);
	}
	for (a = 0; a < pl->n_arrays; a++)
		rowp[a] = pl->arrays[a] + row * pl->width[a];
	for (f = 0; f < pl->ncols; f++) {
		const struct fcol *fc = &pl->cols[f];

		if (fc->sel < 0) {
			if (skip_field(pl, &p))
				return NULL;
		} else {
			double v = 0;
			int rc = number_field(pl, fc, &p, end, &v);

			if (rc < 0)
				return NULL;
			missing |= rc;
			if (fc->array != KO_MATRIX_NONE)
				rowp[fc->array][fc->pos] = v;
		}
		if (f + 1 < pl->ncols) {
			if (*p != pl->delim)
				return NULL;
			p++;
		}
	}
	if (*p == '\r')
		p++;
	if (*p != '\n')
		return NULL;
	if (!missing)
		for (a = 0; a < pl->n_arrays; a++)
			for (k = 0; k < pl->n_ones[a]; k++)
				rowp[a][pl->ones[a][k]] = 1.0;
	*kind = missing;
	return p + 1;
}

/* len bytes of the file at off into buf; -1 on a read error or a short
 * file (the general path then reports it). */
static int read_at(const struct plan *pl, char *buf, size_t len, size_t off)
{
	while (len) {
		ssize_t got = pread(pl->fd, buf, len, (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		buf += got;
		len -= (size_t)got;
		off += (size_t)got;
	}
	return 0;
}

/* The line ends in p[0..len): byte compares the compiler vectorises,
 * counted in 16 byte-wide counters over runs of 255 x 16 bytes (a counter
 * cannot overflow within a run), ten times the speed of a memchr a line. */
static size_t count_newlines(const char *p, size_t len)
{
	const char *end = p + len;
	size_t n = 0, k;

	while (end - p >= 255 * 16) {
		unsigned char acc[16] = { 0 };
		int b;

		for (b = 0; b < 255; b++, p += 16)
			for (k = 0; k < 16; k++)
				acc[k] += p[k] == '\n';
		for (k = 0; k < 16; k++)
			n += acc[k];
	}
	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

/* Pass 1: the line ends of the range (+ the tail), a piece at a time. */
static void count_lines(struct range *g)
{
	const struct plan *pl = g->pl;
	size_t off = (size_t)(g->beg - pl->map);
	size_t end = (size_t)(g->end - pl->map), n = 0;
	char *buf = malloc(pl->read_bytes);

	if (!buf) {
		g->bad = 1;
		return;
	}
	while (off < end) {
		size_t len = end - off < pl->read_bytes ? end - off : pl->read_bytes;

		if (read_at(pl, buf, len, off)) {
			g->bad = 1;
			break;
		}
		n += count_newlines(buf, len);
		off += len;
	}
	free(buf);
	g->lines = n + (g->tail != NULL);
}

/* Parse the lines of [p, end) (each ending in '\n') into rows from
 * g->row0 + g->rows on. */
static void parse_lines(struct range *g, const char *p, const char *end)
{
	const struct plan *pl = g->pl;

	while (p < end) {
		int kind;

		p = parse_line(pl, p, end, g->row0 + g->rows, &kind);
		if (!p) {
			g->bad = 1;
			return;
		}
		if (kind == 0)
			g->rows++;
		else if (kind == 1)
			g->dropped++;
		if (kind != 2)
			g->records++;
		if (++g->since_check == STOP_CHECK_LINES) {
			g->since_check = 0;
			if (ko_interrupted()) {
				g->stopped = 1;
				return;
			}
		}
	}
}

/* Pass 2: the range's lines, read a piece at a time; a line cut by the
 * end of a piece is moved to the front of the buffer and completed by the
 * next read (the buffer grows for a line longer than a piece). */
static void parse_range(struct range *g)
{
	const struct plan *pl = g->pl;
	size_t off = (size_t)(g->beg - pl->map);
	size_t end = (size_t)(g->end - pl->map), cap = pl->read_bytes, have = 0;
	char *buf = malloc(cap);

	while (buf && off < end && !g->bad && !g->stopped) {
		size_t len = end - off < cap - have ? end - off : cap - have;
		const char *last;

		if (read_at(pl, buf + have, len, off)) {
			g->bad = 1;
			break;
		}
		off += len;
		have += len;
		last = buf + have;
		while (last > buf && last[-1] != '\n')
			last--;
		if (last == buf) { /* no whole line yet: a longer buffer */
			char *grown = cap < MAX_LINE_BYTES ? realloc(buf, 2 * cap) : NULL;

			if (!grown)
				break;
			buf = grown;
			cap *= 2;
			continue;
		}
		parse_lines(g, buf, last);
		have -= (size_t)(last - buf);
		memmove(buf, last, have);
	}
	/* a range ends with a line end: anything left is a failed read */
	if (!buf || have || off < end)
		g->bad = 1;
	free(buf);
}

static void *run_range(void *arg)
{
	struct range *g = arg;

	if (g->pass == 1) {
		count_lines(g);
		return NULL;
	}
	parse_range(g);
	if (!g->bad && !g->stopped && g->tail)
		parse_lines(g, g->tail, g->tail + g->tail_len);
	return NULL;
}

/* Run one pass over every range: ranges 1.. in threads, range 0 here. */
static void run_pass(struct range *g, size_t n, int pass)
{
	pthread_t th[MAX_THREADS];
	int started[MAX_THREADS];
	size_t i;

	for (i = 0; i < n; i++)
		g[i].pass = pass;
	for (i = 1; i < n; i++)
		started[i] = !pthread_create(&th[i], NULL, run_range, &g[i]);
	run_range(&g[0]);
	for (i = 1; i < n; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		else
			run_range(&g[i]);
	}
}

/* Cut [data, data + len) into at most n ranges of whole lines; the text
 * after the last '\n' (if any) becomes the last range's tail. */
static size_t cut(struct range *g, size_t n, const char *data, size_t len,
		  char **tail)
{
	const char *end = data + len, *pos = data;
	size_t k = 0, step;

	*tail = NULL;
	if (len && end[-1] != '\n') {
		const char *t = end;

		while (t > data && t[-1] != '\n')
			t--;
		if (!(*tail = malloc((size_t)(end - t) + 2)))
			return 0;
		memcpy(*tail, t, (size_t)(end - t));
		(*tail)[end - t] = '\n';
		(*tail)[end - t + 1] = '\0';
		end = t;
	}
	step = (size_t)(end - data) / n + 1;
	while (k < n && pos < end) {
		const char *e = (size_t)(end - pos) > step ? pos + step : end;

		if (e < end) {
			const char *nl = memchr(e, '\n', (size_t)(end - e));

			e = nl ? nl + 1 : end;
		}
		g[k].beg = pos;
		g[k].end = e;
		k++;
		pos = e;
	}
	if (!k) { /* only a tail */
		g[0].beg = g[0].end = end;
		k = 1;
	}
	g[k - 1].tail = *tail;
	g[k - 1].tail_len = *tail ? (size_t)(data + len - end) + 1 : 0;
	return k;
}

/* What each column of the file is for; 0, or -1 when a column must go to
 * two places or a selected column is not a number. */
static int make_plan(struct plan *pl, const struct ko_reader *r,
		     const struct ko_matrix_spec *spec)
{
	size_t s, f, a, k;

	pl->r = r;
	pl->ncols = r->ncols;
	pl->delim = r->delimiter;
	pl->decimal = r->opt.decimal ? r->opt.decimal : '.';
	pl->max_field = r->opt.max_field_bytes;
	pl->n_arrays = spec->n_arrays;
	pl->fd = -1;
	/* tests set small ranges: pieces smaller still, at odd places */
	pl->read_bytes = r->opt.chunk_bytes ? r->opt.chunk_bytes / 3 + 1 :
					      READ_BYTES;
	if (!(pl->cols = calloc(r->ncols ? r->ncols : 1, sizeof(*pl->cols))))
		return -1;
	for (f = 0; f < r->ncols; f++)
		pl->cols[f].sel = -1;
	for (s = 0; s < r->nsel; s++) {
		struct fcol *fc = &pl->cols[r->sel[s].file_col];
		const struct ko_column *c = r->sel[s].spec;
		const struct ko_matrix_dest *d = &spec->dest[s];
		double v;

		if (fc->sel >= 0 || c->type != KO_TYPE_NUM ||
		    (d->array != KO_MATRIX_NONE &&
		     (d->array >= spec->n_arrays || d->pos >= spec->width[d->array])))
			return -1;
		fc->sel = (long)s;
		fc->array = d->array;
		fc->pos = d->pos;
		fc->fast = 1;
		for (k = 0; k < r->opt.n_missing; k++)
			if (!ko_parse_number(r->opt.missing[k], strlen(r->opt.missing[k]),
					     pl->decimal, &v))
				fc->fast = 0;
		for (k = 0; k < c->n_missing; k++)
			if (!ko_parse_number(c->missing[k], strlen(c->missing[k]),
					     pl->decimal, &v))
				fc->fast = 0;
	}
	for (a = 0; a < spec->n_arrays; a++) {
		size_t w = spec->width[a];
		unsigned char *used = calloc(w ? w : 1, 1);

		if (!used || !(pl->ones[a] = malloc((w ? w : 1) * sizeof(size_t)))) {
			free(used);
			return -1;
		}
		pl->width[a] = w;
		for (s = 0; s < r->nsel; s++)
			if (spec->dest[s].array == a) {
				if (used[spec->dest[s].pos]) {
					free(used);
					return -1;
				}
				used[spec->dest[s].pos] = 1;
			}
		for (k = 0; k < w; k++)
			if (!used[k])
				pl->ones[a][pl->n_ones[a]++] = k;
		free(used);
	}
	return 0;
}

static void plan_free(struct plan *pl)
{
	size_t a;

	free(pl->cols);
	for (a = 0; a < KO_MATRIX_MAX_ARRAYS; a++)
		free(pl->ones[a]);
}

static void out_free(struct ko_matrix_out *out)
{
	size_t a;

	for (a = 0; a < KO_MATRIX_MAX_ARRAYS; a++) {
		free(out->arrays[a]);
		out->arrays[a] = NULL;
	}
	out->n_rows = out->n_dropped = 0;
}

/* Move each range's rows up against the rows before it (blank lines and
 * rows with a missing value leave gaps at range ends). */
static size_t compact(const struct plan *pl, struct range *g, size_t n)
{
	size_t i, a, at = 0;

	for (i = 0; i < n; i++) {
		if (g[i].row0 != at && g[i].rows)
			for (a = 0; a < pl->n_arrays; a++)
				memmove(pl->arrays[a] + at * pl->width[a],
					pl->arrays[a] + g[i].row0 * pl->width[a],
					g[i].rows * pl->width[a] * sizeof(double));
		at += g[i].rows;
	}
	return at;
}

/* Both passes over the mapped rows; *done = 0 when a line is not plain. */
static enum ko_status parse_mapped(struct ko_reader *r, struct plan *pl,
				   const char *data, size_t len,
				   struct ko_matrix_out *out, int *done,
				   struct ko_err *err)
{
	struct range g[MAX_THREADS];
	size_t n = (size_t)(r->opt.threads > 1 ? r->opt.threads : 1);
	size_t min_range = r->opt.chunk_bytes ? r->opt.chunk_bytes :
						MIN_RANGE_BYTES;
	size_t i, a, lines = 0, rows = 0, dropped = 0;
	long records = 0;
	char *tail;
	enum ko_status st = KO_OK;

	if (n > MAX_THREADS)
		n = MAX_THREADS;
	if (n > len / min_range)
		n = len / min_range ? len / min_range : 1;
	memset(g, 0, sizeof(g));
	for (i = 0; i < MAX_THREADS; i++)
		g[i].pl = pl;
	n = cut(g, n, data, len, &tail);
	if (!n)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	run_pass(g, n, 1);
	for (i = 0; i < n; i++) {
		g[i].row0 = lines;
		lines += g[i].lines;
	}
	if (lines == 0)
		goto out; /* no rows: the general path says what it says */
	for (a = 0; a < pl->n_arrays; a++) {
		out->arrays[a] = ko_mem_rows(lines * (pl->width[a] ? pl->width[a] : 1) *
					sizeof(double));
		if (!out->arrays[a]) {
			st = ko_err_set(err, KO_ERR_NOMEM,
					"out of memory for %zu rows of %s", lines,
					r->path);
			goto out;
		}
		pl->arrays[a] = out->arrays[a];
	}
	run_pass(g, n, 2);
	for (i = 0; i < n; i++) {
		if (g[i].stopped) {
			st = ko_err_at(err, KO_ERR_STOPPED, r->path, 0, NULL,
				       "interrupted");
			goto out;
		}
		if (g[i].bad)
			goto out;
		rows += g[i].rows;
		dropped += g[i].dropped;
		records += g[i].records;
	}
	compact(pl, g, n);
	for (a = 0; a < pl->n_arrays; a++) {
		double *p = realloc(out->arrays[a], (rows ? rows : 1) *
			(pl->width[a] ? pl->width[a] : 1) * sizeof(double));

		if (p)
			out->arrays[a] = p;
	}
	out->n_rows = rows;
	out->n_dropped = dropped;
	r->stats.rows += records;
	*done = 1;
out:
	if (!*done)
		out_free(out);
	free(tail);
	return st;
}

enum ko_status ko_reader_read_matrix(struct ko_reader *r,
				     const struct ko_matrix_spec *spec,
				     struct ko_matrix_out *out, int *done,
				     struct ko_err *err)
{
	struct plan pl;
	struct stat sb;
	long offset;
	enum ko_status st = KO_OK;
	char *map;
	int fd;

	*done = 0;
	memset(out, 0, sizeof(*out));
	memset(&pl, 0, sizeof(pl));
	if (spec->n_arrays > KO_MATRIX_MAX_ARRAYS ||
	    !r->host->csv_direct(r, &offset))
		return KO_OK;
	if (make_plan(&pl, r, spec)) {
		plan_free(&pl);
		return KO_OK;
	}
	fd = open(r->path, O_RDONLY);
	if (fd < 0 || fstat(fd, &sb) || sb.st_size <= (off_t)offset) {
		if (fd >= 0)
			close(fd);
		plan_free(&pl);
		return KO_OK;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map != MAP_FAILED) {
		pl.fd = fd;
		pl.map = map;
		st = parse_mapped(r, &pl, map + offset,
				  (size_t)sb.st_size - (size_t)offset, out, done,
				  err);
		munmap(map, (size_t)sb.st_size);
	}
	close(fd);
	if (*done) {
		r->stats.bytes_in = r->stats.bytes_total = (uint64_t)sb.st_size;
		r->stats.bytes_text = (uint64_t)sb.st_size - (uint64_t)offset;
		if (r->opt.on_progress)
			r->opt.on_progress(r->opt.progress_ctx, &r->stats);
	}
	plan_free(&pl);
	return st;
}
