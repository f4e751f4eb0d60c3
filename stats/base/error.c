/* error.c - status names and the error context (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_names[KO_STATUS_COUNT] = {
	[KO_OK] = "ok",
	[KO_ERR_USAGE] = "usage",
	[KO_ERR_IO] = "io",
	[KO_ERR_FORMAT] = "format",
	[KO_ERR_CONFIG] = "config",
	[KO_ERR_DATA] = "data",
	[KO_ERR_LIMIT] = "limit",
	[KO_ERR_NOMEM] = "nomem",
	[KO_ERR_NUMERIC] = "numeric",
	[KO_ERR_STOPPED] = "stopped",
};

const char *ko_status_name(enum ko_status status)
{
	if ((unsigned)status >= KO_STATUS_COUNT)
		return "unknown";
	return status_names[status];
}

void ko_err_clear(struct ko_err *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
}

static void set_msg(struct ko_err *err, const char *fmt, va_list ap)
{
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

enum ko_status ko_err_set(struct ko_err *err, enum ko_status status,
			  const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return status;
}

static void copy_text(char *dst, size_t size, const char *src)
{
	if (!src) {
		dst[0] = '\0';
		return;
	}
	snprintf(dst, size, "%s", src);
}

enum ko_status ko_err_at(struct ko_err *err, enum ko_status status,
			 const char *file, long row, const char *column,
			 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	copy_text(err->file, sizeof(err->file), file);
	err->row = row;
	copy_text(err->column, sizeof(err->column), column);
	va_start(ap, fmt);
	set_msg(err, fmt, ap);
	va_end(ap);
	return status;
}

void ko_err_set_file(struct ko_err *err, const char *file)
{
	if (!err || !file || err->file[0])
		return;
	copy_text(err->file, sizeof(err->file), file);
}

int ko_err_format(const struct ko_err *err, char *buf, size_t size)
{
	char where[KO_ERR_FILE_MAX + 32] = "";
	char col[KO_ERR_COLUMN_MAX + 16] = "";

	if (err->file[0] && err->row > 0)
		snprintf(where, sizeof(where), "%s:%ld: ", err->file, err->row);
	else if (err->file[0])
		snprintf(where, sizeof(where), "%s: ", err->file);
	else if (err->row > 0)
		snprintf(where, sizeof(where), "row %ld: ", err->row);
	if (err->column[0])
		snprintf(col, sizeof(col), "column '%s': ", err->column);
	return snprintf(buf, size, "%s%s%s", where, col, err->msg);
}
