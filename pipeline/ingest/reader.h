/*
 * reader.h - stream a register extract into typed rows, without loading it.
 *
 * One interface for every delivered format: CSV (plain or gzip-compressed,
 * any of ; , TAB | as delimiter, quoted fields, BOM, CRLF, UTF-8 or Latin-1)
 * and, through ReadStat, SAS (.sas7bdat), Stata (.dta) and SPSS (.sav).
 *
 *     struct ko_read_options opt;
 *     ko_read_options_init(&opt);
 *     opt.rejects_path = "output/x/rejects/hilmo.csv";
 *     if (ko_reader_open(&r, "hilmo.csv.gz", &opt, err)) goto out;
 *     if (ko_reader_select(r, cols, n_cols, err)) goto out;
 *     if (ko_reader_read(r, on_row, ctx, err)) goto out;
 *     ko_reader_free(r);
 *
 * Ownership: the reader owns every pointer it hands out.  A struct ko_row and
 * the text it points to are valid only during the row callback: copy what
 * you keep.  Column names stay valid until ko_reader_free.  The options and
 * column specs passed in are borrowed and must outlive the reader.
 *
 * Rows are numbered as records in the file with the header as row 1, so for
 * a CSV without embedded newlines the row number is the line number.
 */
#ifndef KO_READER_H
#define KO_READER_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "error.h"
#include "value.h"

enum ko_type {
	KO_TYPE_TEXT = 0, /* text as is (UTF-8); never rejected */
	KO_TYPE_ID,       /* pseudonymized person id: text, surrounding blanks trimmed */
	KO_TYPE_DATE,     /* calendar date -> days since 1970-01-01 */
	KO_TYPE_INT,      /* 64-bit integer */
	KO_TYPE_NUM,      /* double; decimal mark from the options */
	KO_TYPE_CAT,      /* category label (text, trimmed) */
	KO_TYPE_CODE,     /* classification code such as ICD-10 (text, trimmed) */
	KO_TYPE_COUNT
};

enum ko_encoding { KO_ENC_AUTO = 0, KO_ENC_UTF8, KO_ENC_LATIN1 };

enum ko_format {
	KO_FORMAT_AUTO = 0, /* from the file's magic bytes and name */
	KO_FORMAT_CSV,      /* also gzip-compressed CSV */
	KO_FORMAT_SAS7BDAT,
	KO_FORMAT_DTA,
	KO_FORMAT_SAV,
};

struct ko_reader_stats {
	long rows;            /* data rows seen (accepted + rejected) */
	long rejected;
	uint64_t bytes_in;    /* bytes read from the file so far (compressed) */
	uint64_t bytes_text;  /* bytes of text parsed (uncompressed) */
	uint64_t bytes_total; /* size of the file (0 if unknown) */
};

#define KO_READER_MAX_MISSING 16
/* Longest id, category or code (after trimming), bytes: they are keys of
 * the person dictionary and the label sets (persons.h); a longer one
 * rejects its row. */
#define KO_READER_MAX_KEY 1024

/* How to read one extract.  ko_read_options_init() sets the defaults noted. */
struct ko_read_options {
	enum ko_format format;          /* AUTO */
	char delimiter;                 /* 0: detect from the header line */
	enum ko_encoding encoding;      /* AUTO: UTF-8 if valid, else Latin-1 */
	char decimal;                   /* '.' (default) or ',' */
	enum ko_date_format date_format;/* AUTO */
	/* Codes that mean "missing" in every column; default "" and "NA". */
	const char *missing[KO_READER_MAX_MISSING];
	size_t n_missing;
	double max_reject_share;        /* stop when rejected / rows exceeds this
					   (checked from 1000 rows on and at the
					   end); default 0.05; 1 = never stop */
	size_t max_field_bytes;         /* longer field: error; default 1 MiB */
	size_t chunk_bytes;             /* read size; 0: 1 MiB (tests use tiny
					   chunks to cross every boundary) */
	int threads;                    /* parse threads for an uncompressed
					   CSV without quotes (split at line
					   ends); rows are still delivered in
					   file order from the calling thread.
					   0 or 1: one thread */
	const char *rejects_path;       /* rejected rows appended here as CSV
					   (file,row,column,reason,value);
					   NULL: only counted */
	FILE *rejects_fp;               /* optional: the rows written to this
					   open file instead (borrowed: not
					   closed); rejects_path then only
					   names it in messages */
	/* Optional: told of each rejected row as well (column is "" when
	 * the whole row is wrong).  value is UTF-8, NUL-terminated. */
	void (*on_reject)(void *ctx, long row, const char *column,
			  const char *reason, const char *value);
	void *reject_ctx;
	/* Optional: called after each chunk (about 1 MiB of text) with the
	 * counts so far, for progress displays (bytes_in of bytes_total gives
	 * the share done).  Called from the reading thread. */
	void (*on_progress)(void *ctx, const struct ko_reader_stats *stats);
	void *progress_ctx;
};

/* One column to deliver, matched to the header case-insensitively. */
struct ko_column {
	const char *name;
	enum ko_type type;
	/* Further missing codes for this column only (e.g. "9"). */
	const char *missing[KO_READER_MAX_MISSING];
	size_t n_missing;
	/* A row whose value here is missing (empty or a missing code) is
	 * rejected ("no value (required)"): e.g. the person id of the
	 * population extract, so that no row is dropped uncounted. */
	int required;
};

/* A typed cell.  text/len always hold the field as NUL-terminated UTF-8
 * (trimmed of blanks for every type but TEXT); the union holds the parsed
 * value for DATE, INT and NUM and is zero when missing. */
struct ko_value {
	int missing;
	union {
		int32_t date; /* days since 1970-01-01 */
		int64_t integer;
		double number;
	} v;
	const char *text;
	size_t len;
};

struct ko_row {
	long row;                      /* record number, header = 1 */
	size_t n;                      /* number of selected columns */
	const struct ko_value *values; /* in the order given to ko_reader_select */
};

/* Called for each accepted row.  Return 0 to go on; anything else stops the
 * read, which then returns KO_ERR_STOPPED (fill err to say why). */
typedef int (*ko_row_fn)(void *ctx, const struct ko_row *row,
			 struct ko_err *err);


struct ko_reader;

void ko_read_options_init(struct ko_read_options *opt);

/* Open path and read its header (and, when asked to, detect the delimiter
 * and encoding).  On success *out owns a new reader. */
enum ko_status ko_reader_open(struct ko_reader **out, const char *path,
			      const struct ko_read_options *opt,
			      struct ko_err *err);

/* Format actually read, and for CSV the delimiter and encoding in use. */
enum ko_format ko_reader_format(const struct ko_reader *r);
char ko_reader_delimiter(const struct ko_reader *r);
enum ko_encoding ko_reader_encoding(const struct ko_reader *r);

/* Columns in the file's header, in order, as UTF-8. */
size_t ko_reader_ncols(const struct ko_reader *r);
const char *ko_reader_colname(const struct ko_reader *r, size_t i);

/* Index of a column by case-insensitive name, or -1. */
long ko_reader_find(const struct ko_reader *r, const char *name);

/* Choose the columns to deliver and their types.  A name the file lacks is
 * an error naming it and listing the columns present; a name its header
 * has twice (case-insensitively) is KO_ERR_FORMAT naming both positions
 * ("F:1: column 'x': appears twice in the header (columns 2 and 3)").
 * Without a call to select, every column is delivered as KO_TYPE_TEXT,
 * by position (repeated names included). */
enum ko_status ko_reader_select(struct ko_reader *r,
				const struct ko_column *cols, size_t n,
				struct ko_err *err);

/* Stream every data row through fn.  Bad rows (wrong number of fields, a
 * value that does not parse as its type) are counted, written to the
 * rejects file and skipped; the read fails with KO_ERR_LIMIT when they pass
 * max_reject_share.  A truncated or corrupt file, an I/O error or an
 * over-long field is an error naming the file. */
enum ko_status ko_reader_read(struct ko_reader *r, ko_row_fn fn, void *ctx,
			      struct ko_err *err);

/* Numbers straight into row-major matrices (the fast path of `kohort
 * fit`).  Every selected column must be KO_TYPE_NUM.  Selected column s
 * goes to out->arrays[dest[s].array][row * width[array] + dest[s].pos]
 * (array KO_MATRIX_NONE: checked, not kept); positions of a row no column
 * goes to hold 1 (an intercept).  A row with a missing value in any
 * selected column is left out and counted in out->n_dropped.  The file is
 * cut at line ends and parsed by opt.threads threads into place.
 *
 * Only for an uncompressed CSV in which every data row is plain: no
 * quote, no NUL, no lone CR, the header's number of fields, every selected
 * field a missing code or a number ko_parse_number takes.  Anything else -
 * gzip, a ReadStat file, one odd row - returns KO_OK with *done = 0 and
 * out empty, the reader untouched: read the file with ko_reader_read then,
 * which rejects or reports what is wrong with file, row and column.
 * Errors: out of memory, KO_ERR_STOPPED on SIGINT/SIGTERM.  out->arrays
 * are malloc'ed, for the caller to free. */
#define KO_MATRIX_MAX_ARRAYS 4
#define KO_MATRIX_NONE ((size_t)-1)

struct ko_matrix_dest {
	size_t array, pos;
};

struct ko_matrix_spec {
	size_t n_arrays;
	size_t width[KO_MATRIX_MAX_ARRAYS];
	const struct ko_matrix_dest *dest; /* one per selected column */
};

struct ko_matrix_out {
	double *arrays[KO_MATRIX_MAX_ARRAYS];
	size_t n_rows, n_dropped;
};

enum ko_status ko_reader_read_matrix(struct ko_reader *r,
				     const struct ko_matrix_spec *spec,
				     struct ko_matrix_out *out, int *done,
				     struct ko_err *err);

/* About how many data rows the extract at path has, before reading it:
 * for a CSV (gzip or not), the lines of its first MiB of text scaled by
 * the share of the file that MiB took (exact when the file ends within
 * it), less the header; 0 when it cannot tell (not a CSV, unreadable,
 * empty).  A few milliseconds; for sizing tables ahead of a read (the
 * link's person dictionary), never for a result. */
long ko_reader_estimate_rows(const char *path, enum ko_format format);

void ko_reader_get_stats(const struct ko_reader *r,
			 struct ko_reader_stats *stats);

void ko_reader_free(struct ko_reader *r);

const char *ko_type_name(enum ko_type type);
/* Type from its name ("id", "date", "int", "num", "cat", "code", "text");
 * returns -1 for an unknown name. */
int ko_type_from_name(const char *name);

#endif
