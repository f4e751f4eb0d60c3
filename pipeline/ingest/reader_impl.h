/*
 * reader_impl.h - what reader.c and reader_csv.c (the front end, CSV) and
 * reader_stat.c (ReadStat formats) share inside the reader module.  Not
 * for use outside pipeline/reader*.c.
 *
 * The calls run one way.  reader.c, the front end, calls its back ends
 * (reader_stat.c through struct ko_reader_backend, the parallel CSV parse
 * in reader_par.c); a back end gets the front end's services (conversion,
 * rows, rejects, the header) through r->host, a handler table as ReadStat's
 * parser gets its client's handlers, and never calls reader.c by name: the
 * front end's own functions are declared only where KO_READER_FRONT is
 * defined (reader.c and its CSV half, reader_csv.c).  A new back end needs
 * this header and one backend struct.
 */
#ifndef KO_READER_IMPL_H
#define KO_READER_IMPL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "reader.h"

/* An inflate back end (reader_gz.c: zlib; reader_igzip.c: ISA-L's
 * igzip), behind one small interface.  The framing around it (reading the
 * file, the gzip magic, what may follow a member, errors) is reader_gz.c's
 * and the same for every back end. */
struct ko_gz;
struct ko_inflater {
	const char *name;
	void *(*create)(void);        /* a state for a gzip member; NULL: no memory */
	/* Inflate g->next_in[0..g->avail_in) into out[0..n), advancing
	 * next_in/avail_in; *produced bytes written.  1 at the end of the
	 * member (trailer checked, the bytes after it left unconsumed), 0 to
	 * go on, -1 with msg (up to msg_len bytes) on invalid data. */
	int (*step)(void *state, struct ko_gz *g, unsigned char *out, size_t n,
		    size_t *produced, char *msg, size_t msg_len);
	int (*reset)(void *state);    /* for the next member; 0 or -1 */
	void (*destroy)(void *state);
};
extern const struct ko_inflater ko_inflater_zlib;   /* reader_gz.c */
extern const struct ko_inflater ko_inflater_igzip;  /* reader_igzip.c */

/* The back end ko_gz_open uses from now on (igzip unless set: for tests
 * and benchmarks, which run both). */
void ko_gz_set_inflater(const struct ko_inflater *inf);
const struct ko_inflater *ko_gz_inflater(void);

/* The bytes of a CSV extract, plain or gzip.  Reads fill the buffer
 * unless the data end; concatenated members are one stream; anything
 * after the last member is an error. */
struct ko_gz {
	int fd;
	int direct;          /* no gzip magic: the file's bytes as they are */
	const struct ko_inflater *inf;
	void *state;         /* inf's state, NULL for a plain file */
	unsigned char *next_in; /* read, not yet consumed */
	size_t avail_in;
	unsigned char *in;
	uint64_t raw_read;   /* bytes read from the file */
	int eof;             /* the file's end reached */
	int member_end;      /* a member ended; what follows not yet seen */
	int done;            /* the last member ended with the file */
	int garbage;         /* something else followed a member */
	int errnum;          /* an I/O error's errno */
	char msg[160];       /* set on any failure */
};

/* What follows the end of a gzip member: next[0..avail) are the bytes
 * after it that are at hand, at_eof when the file has no more.  For
 * every inflate back end, so that all treat trailing bytes alike. */
enum ko_gz_next {
	KO_GZ_END,       /* nothing: the data end here */
	KO_GZ_MEMBER,    /* another member starts */
	KO_GZ_NEED_MORE, /* too few bytes at hand to tell */
	KO_GZ_GARBAGE,   /* anything else: an error */
};
enum ko_gz_next ko_gz_after_member(const unsigned char *next, size_t avail,
				   int at_eof);

/* Open path (-1 with errno on failure); read up to n bytes (0 at the end,
 * -1 with g->msg, and g->errnum for an I/O error); raw bytes consumed. */
int ko_gz_open(struct ko_gz *g, const char *path);
long ko_gz_read(struct ko_gz *g, void *buf, size_t n);
uint64_t ko_gz_offset(const struct ko_gz *g);
void ko_gz_close(struct ko_gz *g);

/* Plain lines (no quote, no carriage return) are cut by reader_csv.c
 * itself unless set to 0, when every line goes through libcsv: for tests,
 * which run both. */
void ko_reader_set_plain_scan(int on);

struct selected {
	size_t file_col;          /* index in the file's columns */
	const struct ko_column *spec;
	/* bit b set: a missing code of the column or of the read starts
	 * with byte b (b = 0: the empty code); a value whose first byte
	 * (0 when empty) has no bit is no missing code, without a compare */
	unsigned char miss_first[32];
};

struct ko_reader {
	char *path;
	struct ko_read_options opt;
	enum ko_format format;
	char delimiter;
	enum ko_encoding encoding;  /* as decided: UTF8 means "UTF-8, with a
				       Latin-1 fallback per field when
				       encoding was AUTO" */
	int encoding_fixed;         /* encoding was given, not detected */
	long first_utf8_row;        /* encoding AUTO: first row with a field */
	long first_latin1_row;      /* that is UTF-8 (not ASCII) / that is
				       not valid UTF-8; both: mixed, an
				       error (0: none yet) */

	/* header */
	size_t ncols;
	char **colnames;            /* ncols UTF-8 strings, one allocation each */

	/* selection: either the caller's or all columns as TEXT */
	size_t nsel;
	struct selected *sel;
	long *col_to_sel;           /* ncols entries, -1 = not delivered */
	struct ko_column *all_text; /* specs used when select was not called */

	/* current row: values, field_off, field_len and field_set are one
	 * block that values points to (ko_reader_fields_alloc) */
	size_t *field_off;          /* nsel offsets into rowbuf, or into
				       line_base for a plain line */
	size_t *field_len;
	size_t *field_set;          /* nsel flags: field seen in this record */
	char *rowbuf;
	size_t rowbuf_len, rowbuf_cap;
	const char *line_base;      /* a plain line's text, its fields not
				       copied (reader_csv.c); NULL: rowbuf */
	size_t line_len;            /* bytes of line_base, its line end
				       included: a field that ends before
				       it has a byte after it (a delimiter,
				       a blank, the line end) */
	int conv_in_place;          /* the field being converted is ASCII
				       text in the reader's own writable
				       line, with a byte after it: it is
				       NUL-terminated there, not copied */
	char *convbuf;              /* UTF-8 conversions of the row's text */
	size_t convbuf_cap;
	struct ko_value *values;
	size_t nfields;             /* fields seen in the current record */
	long record;                /* records completed, header included */

	/* callback state */
	ko_row_fn fn;
	void *ctx;
	struct ko_err *err;
	enum ko_status failed;      /* set inside callbacks, checked after */

	FILE *rejects;
	struct ko_reader_stats stats;

	const struct ko_reader_host *host; /* the front end's services */
	void *impl;                 /* format-specific state */
	struct range_out *collect;  /* set in parallel parse workers: rows
				       and rejects are collected, not
				       delivered (reader_par.c) */
};

struct range_out;

/* The front end's services to its back ends (reader.c fills it; see the
 * functions of the same names below). */
struct ko_reader_host {
	enum ko_status (*set_header)(struct ko_reader *r, char **names,
				     size_t ncols);
	enum ko_status (*reserve_conv)(struct ko_reader *r, size_t n);
	const char *(*convert)(struct ko_reader *r, size_t s, const char *text,
			       size_t len, size_t *conv_used);
	enum ko_status (*emit)(struct ko_reader *r, long row,
			       const struct ko_value *values);
	enum ko_status (*reject)(struct ko_reader *r, long row,
				 const char *column, const char *reason,
				 const char *value, size_t len);
	enum ko_status (*check_share)(struct ko_reader *r, int at_end);
	int (*is_missing)(const struct ko_reader *r, size_t s, const char *t,
			  size_t len);
	int (*csv_direct)(const struct ko_reader *r, long *data_offset);
	/* the CSV parse, for the parallel parse workers: libcsv's callbacks
	 * and the parser's setup */
	void (*csv_on_field)(void *s, size_t len, void *data);
	void (*csv_on_row)(int c, void *data);
	void (*csv_init_parser)(struct ko_reader *r, void *csv_parser);
};

/* A back end for a family of formats: what reader.c calls. */
struct ko_reader_backend {
	enum ko_status (*open)(struct ko_reader *r); /* the header is known after */
	enum ko_status (*read)(struct ko_reader *r); /* every row to r->fn */
	void (*free)(struct ko_reader *r);           /* r->impl */
};

/* SAS, Stata and SPSS files through ReadStat (reader_stat.c). */
extern const struct ko_reader_backend ko_reader_stat_backend;

/* Parallel parse of an uncompressed, quote-free CSV (reader_par.c).
 * Returns KO_OK with *done = 0 when the file does not qualify (then the
 * sequential path reads it). data_offset: where the rows start. */
enum ko_status ko_reader_par_read(struct ko_reader *r, long data_offset,
				  int *done);

/* Note that row has a non-ASCII field in UTF-8 (utf8 = 1) or not valid
 * UTF-8 (0), when the encoding is detected; a file with both is an error
 * (r->failed set, -1 returned), except in a parallel parse worker, whose
 * rows are checked when delivered. */
int ko_reader_note_encoding(struct ko_reader *r, long row, int utf8);

/* The error for a file with both kinds of rows (first_* both set). */
enum ko_status ko_reader_mixed_encoding(struct ko_reader *r);

/* r's per-field arrays of the current row (values, field_off, field_len,
 * field_set) for n selected columns, zeroed, in one block: r->values, which
 * is what frees them.  Whatever r held is not freed.  -1 when out of
 * memory (the four NULL).  Here, not in reader.c, since the parallel
 * parse's workers (a back end) set up their own. */
static inline int ko_reader_fields_alloc(struct ko_reader *r, size_t n)
{
	size_t alloc = n ? n : 1;
	char *block = calloc(alloc, sizeof(*r->values) + 3 * sizeof(size_t));

	r->values = (struct ko_value *)(void *)block;
	r->field_off = block ? (size_t *)(void *)(r->values + alloc) : NULL;
	r->field_len = block ? r->field_off + alloc : NULL;
	r->field_set = block ? r->field_len + alloc : NULL;
	return block ? 0 : -1;
}

/* Record a reject in a worker's range output (reader_par.c). */
void ko_reader_par_reject(struct range_out *out, long row, const char *column,
			  const char *reason, const char *value, size_t len);

#ifdef KO_READER_FRONT
/* ---- the front end's services (reader.c and reader_csv.c), for those
 * two only: back ends reach them through r->host ---- */

/* The CSV path (reader_csv.c): open (the header read), read every row,
 * free r->impl. */
enum ko_status ko_reader_csv_open(struct ko_reader *r);
enum ko_status ko_reader_csv_read(struct ko_reader *r);
void ko_reader_csv_free(struct ko_reader *r);

/* Text helpers (reader.c): the length of the valid UTF-8 prefix of s;
 * 1 when s is plain ASCII, 0 when it has bytes >= 0x80, -1 when it holds
 * a NUL byte; blanks (space, tab) off both ends; text of row as
 * NUL-terminated UTF-8 into convbuf at *used (ascii is
 * ko_reader_ascii_class of it; NULL when it cannot be, see reader.c). */
size_t ko_reader_utf8_valid_prefix(const unsigned char *s, size_t len);
int ko_reader_ascii_class(const unsigned char *s, size_t len);
void ko_reader_trim(const char **s, size_t *len);
const char *ko_reader_to_utf8(struct ko_reader *r, long row, const char *text,
			      size_t len, int ascii, size_t *used,
			      size_t *out_len);

/* libcsv callbacks of the CSV path and the parser's setup. */
void ko_reader_on_field(void *s, size_t len, void *data);
void ko_reader_on_row(int c, void *data);
void ko_reader_init_parser(struct ko_reader *r, void *csv_parser);

/* Parse one field of the current row into r->values[s]; returns NULL on
 * success or the reason the value is rejected.  text is raw file bytes
 * (any encoding); the UTF-8 result is placed in r->convbuf at *conv_used. */
const char *ko_reader_convert(struct ko_reader *r, size_t s, const char *text,
			      size_t len, size_t *conv_used);

/* Hand a converted row to the caller's callback; KO_ERR_STOPPED (with err
 * filled) when the callback asks to stop. */
enum ko_status ko_reader_emit(struct ko_reader *r, long row,
			      const struct ko_value *values);

/* Make sure r->convbuf holds at least n bytes. */
enum ko_status ko_reader_reserve_conv(struct ko_reader *r, size_t n);

/* Count a rejected row and write it to the rejects file; returns KO_OK or
 * the error that stops the read (rejects over the limit, I/O). */
enum ko_status ko_reader_reject(struct ko_reader *r, long row,
				const char *column, const char *reason,
				const char *value, size_t len);

/* Check the reject share at the end of a read. */
enum ko_status ko_reader_check_share(struct ko_reader *r, int at_end);

/* Set up the column-name and all-text selection after the header is known;
 * takes ownership of names (ncols strings). */
enum ko_status ko_reader_set_header(struct ko_reader *r, char **names,
				    size_t ncols);

/* An uncompressed CSV not yet read: 1 and where its rows start, else 0
 * (reader_csv.c; for the matrix fast path, reader_num.c). */
int ko_reader_csv_direct(const struct ko_reader *r, long *data_offset);

/* Whether the trimmed text t is a missing code of selected column s. */
int ko_reader_is_missing(const struct ko_reader *r, size_t s, const char *t,
			 size_t len);
#endif /* KO_READER_FRONT */

#endif
