/*
 * error.h - status codes and error context used by every kohort module.
 *
 * Library code never exits on bad input: it returns an enum ko_status and, when
 * the caller passed a struct ko_err, fills it with where the problem is (file,
 * row or line, column) and what was expected.  Callers write
 *
 *     return ko_err_set(err, KO_ERR_IO, "cannot open: %s", strerror(errno));
 *
 * A NULL err is allowed everywhere and means "status only".
 */
#ifndef KO_ERROR_H
#define KO_ERROR_H

#include <stddef.h>

enum ko_status {
	KO_OK = 0,
	KO_ERR_USAGE,   /* bad command line or API misuse by a caller */
	KO_ERR_IO,      /* a file cannot be opened, read or written */
	KO_ERR_FORMAT,  /* a file is not what it claims (corrupt gzip, bad header) */
	KO_ERR_CONFIG,  /* a study config is invalid */
	KO_ERR_DATA,    /* a value cannot be parsed or violates a rule */
	KO_ERR_LIMIT,   /* a cap was passed (field length, reject share, row width) */
	KO_ERR_NOMEM,   /* allocation failed */
	KO_ERR_NUMERIC, /* a numerical routine failed (GSL status, singular matrix) */
	KO_ERR_STOPPED, /* a callback asked to stop; err says why */
	KO_STATUS_COUNT
};

#define KO_ERR_FILE_MAX 512
#define KO_ERR_COLUMN_MAX 128
#define KO_ERR_MSG_MAX 1024

struct ko_err {
	enum ko_status status;
	char file[KO_ERR_FILE_MAX];     /* "" when not about a file */
	long row;                       /* data row or config line; 0 when none */
	char column[KO_ERR_COLUMN_MAX]; /* "" when not about a column */
	char msg[KO_ERR_MSG_MAX];
};

/* Short stable name of a status ("io", "data", ...), for logs and tests. */
const char *ko_status_name(enum ko_status status);

/* Reset err to KO_OK with no location. */
void ko_err_clear(struct ko_err *err);

/* Record status and a printf-style message; keeps any location already set.
 * Returns status so callers can `return ko_err_set(...)`. */
enum ko_status ko_err_set(struct ko_err *err, enum ko_status status,
			  const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Like ko_err_set, with a location: file (may be NULL), row (0 = none) and
 * column (may be NULL). */
enum ko_status ko_err_at(struct ko_err *err, enum ko_status status,
			 const char *file, long row, const char *column,
			 const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Set only the file of an error already recorded, if it has none yet. */
void ko_err_set_file(struct ko_err *err, const char *file);

/* Format as "file:row: column 'c': message" (parts absent are left out).
 * Returns the length that would have been written, like snprintf. */
int ko_err_format(const struct ko_err *err, char *buf, size_t size);

#endif
