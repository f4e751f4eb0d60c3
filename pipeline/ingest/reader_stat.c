/*
 * reader_stat.c - SAS (.sas7bdat), Stata (.dta) and SPSS (.sav) extracts
 * through ReadStat, delivered as the same typed rows as CSV.
 *
 * Every value becomes text first (numbers printed exactly, dates with a
 * date display format as YYYY-MM-DD) and then goes through the same
 * conversion as a CSV field, so types, missing codes and rejects behave the
 * same whatever the format.  Row numbers are observation numbers (1-based).
 */
#include "reader_impl.h"

#include <math.h>
#include <readstat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "mem.h"
#include "value.h"

enum date_kind { NOT_DATE, DAYS_1960, SECONDS_1960, MILLIS_1960, SECONDS_1582 };

struct stat_state {
	char **names;
	size_t n, cap;
	int nvars;
	int current_obs;
	char err_msg[256];
};

static readstat_error_t parse_file(struct ko_reader *r, readstat_parser_t *p)
{
	switch (r->format) {
	case KO_FORMAT_SAS7BDAT:
		return readstat_parse_sas7bdat(p, r->path, r);
	case KO_FORMAT_DTA:
		return readstat_parse_dta(p, r->path, r);
	case KO_FORMAT_SAV:
		return readstat_parse_sav(p, r->path, r);
	default:
		return READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION;
	}
}

static int starts_with_ci(const char *s, const char *prefix)
{
	return !strncasecmp(s, prefix, strlen(prefix));
}

/* How a numeric variable's display format says to read it as a date. */
static enum date_kind date_kind_of(const struct ko_reader *r, const char *fmt)
{
	static const char *const sas_dates[] = { "DATE", "DDMMYY", "MMDDYY",
						 "YYMMDD", "E8601DA", "B8601DA",
						 "EURDF", "NLDATE", "WEEKDATE",
						 "MONYY", "YYMON", "JULIAN" };
	size_t i;

	if (!fmt || !*fmt)
		return NOT_DATE;
	if (r->format == KO_FORMAT_DTA) {
		if (starts_with_ci(fmt, "%tc") || starts_with_ci(fmt, "%tC"))
			return MILLIS_1960;
		if (starts_with_ci(fmt, "%td") || starts_with_ci(fmt, "%d"))
			return DAYS_1960;
		return NOT_DATE;
	}
	if (r->format == KO_FORMAT_SAV) {
		static const char *const spss[] = { "DATE", "ADATE", "EDATE",
						    "SDATE", "JDATE", "DATETIME" };
		for (i = 0; i < sizeof(spss) / sizeof(spss[0]); i++)
			if (starts_with_ci(fmt, spss[i]))
				return SECONDS_1582;
		return NOT_DATE;
	}
	if (starts_with_ci(fmt, "DATETIME") || starts_with_ci(fmt, "E8601DT"))
		return SECONDS_1960;
	for (i = 0; i < sizeof(sas_dates) / sizeof(sas_dates[0]); i++)
		if (starts_with_ci(fmt, sas_dates[i]))
			return DAYS_1960;
	return NOT_DATE;
}

/* A numeric value as text: integers without a fraction, dates as ISO. */
static size_t number_text(double v, enum date_kind kind, char *buf, size_t size)
{
	double days;

	switch (kind) {
	case DAYS_1960:
		days = v;
		break;
	case SECONDS_1960:
		days = floor(v / 86400.0);
		break;
	case MILLIS_1960:
		days = floor(v / 86400000.0);
		break;
	case SECONDS_1582:
		days = floor(v / 86400.0) + ko_date_from_ymd(1582, 10, 14) -
		       ko_date_from_ymd(1960, 1, 1);
		break;
	default:
		if (v == floor(v) && fabs(v) < 9007199254740992.0)
			return (size_t)snprintf(buf, size, "%.0f", v);
		return (size_t)snprintf(buf, size, "%.17g", v);
	}
	days = floor(days) + ko_date_from_ymd(1960, 1, 1);
	if (fabs(days) > 3e6)
		return (size_t)snprintf(buf, size, "%.17g", v);
	ko_date_format_iso((int32_t)days, buf);
	return strlen(buf);
}

/* ---- header ------------------------------------------------------------ */

static int on_variable(int index, readstat_variable_t *variable,
		       const char *val_labels, void *ctx)
{
	struct ko_reader *r = ctx;
	struct stat_state *ss = r->impl;
	const char *name = readstat_variable_get_name(variable);

	(void)index;
	(void)val_labels;
	if (ko_grow(&ss->names, ss->n, &ss->cap, sizeof(*ss->names), 16))
		return READSTAT_HANDLER_ABORT;
	ss->names[ss->n] = strdup(name ? name : "");
	if (!ss->names[ss->n])
		return READSTAT_HANDLER_ABORT;
	ss->n++;
	return READSTAT_HANDLER_OK;
}

static void on_error(const char *msg, void *ctx)
{
	struct ko_reader *r = ctx;
	struct stat_state *ss = r->impl;

	snprintf(ss->err_msg, sizeof(ss->err_msg), "%s", msg);
}

static enum ko_status stat_failure(struct ko_reader *r, readstat_error_t e)
{
	struct stat_state *ss = r->impl;
	size_t n = strlen(ss->err_msg);

	while (n && (ss->err_msg[n - 1] == '\n' || ss->err_msg[n - 1] == ' '))
		ss->err_msg[--n] = '\0';
	return ko_err_at(r->err, e == READSTAT_ERROR_OPEN ? KO_ERR_IO :
							   KO_ERR_FORMAT,
			 r->path, 0, NULL, "cannot read %s file: %s%s%s",
			 r->format == KO_FORMAT_SAS7BDAT ? "SAS" :
			 r->format == KO_FORMAT_DTA	 ? "Stata" :
							   "SPSS",
			 readstat_error_message(e), n ? ": " : "", ss->err_msg);
}

static enum ko_status stat_open(struct ko_reader *r)
{
	struct stat_state *ss;
	readstat_parser_t *p;
	readstat_error_t e;
	enum ko_status st;

	ss = calloc(1, sizeof(*ss));
	if (!ss)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	r->impl = ss;
	/* ReadStat hands out UTF-8; dates arrive as numbers */
	r->encoding = KO_ENC_UTF8;
	r->encoding_fixed = 1;
	r->opt.date_format = KO_DATE_AUTO;
	p = readstat_parser_init();
	if (!p)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	readstat_set_variable_handler(p, on_variable);
	readstat_set_error_handler(p, on_error);
	readstat_set_row_limit(p, 1);
	e = parse_file(r, p);
	readstat_parser_free(p);
	if (e != READSTAT_OK)
		return stat_failure(r, e);
	if (ss->n == 0)
		return ko_err_at(r->err, KO_ERR_FORMAT, r->path, 0, NULL,
				 "the file has no variables");
	st = r->host->set_header(r, ss->names, ss->n);
	ss->nvars = (int)ss->n;
	ss->names = NULL;
	ss->n = ss->cap = 0;
	return st;
}

/* ---- rows ---------------------------------------------------------------- */

static void begin_row(struct ko_reader *r)
{
	r->rowbuf_len = 0;
	memset(r->field_set, 0, r->nsel * sizeof(size_t));
}

static int append_field(struct ko_reader *r, long k, const char *s,
			size_t len, int missing)
{
	if (ko_mem_reserve(&r->rowbuf, &r->rowbuf_cap, r->rowbuf_len + len))
		return -1;
	if (len)
		memcpy(r->rowbuf + r->rowbuf_len, s, len);
	r->field_off[k] = r->rowbuf_len;
	r->field_len[k] = len;
	r->field_set[k] = missing ? 2 : 1;
	r->rowbuf_len += len;
	return 0;
}

/* Convert the collected row and hand it on (or reject it). */
static int end_row(struct ko_reader *r, long row)
{
	size_t s, used = 0;

	r->stats.rows++;
	for (s = 0; s < r->nsel; s++)
		used += 2 * r->field_len[r->col_to_sel[r->sel[s].file_col]] + 1;
	if (r->host->reserve_conv(r, used)) {
		r->failed = ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
		return READSTAT_HANDLER_ABORT;
	}
	used = 0;
	for (s = 0; s < r->nsel; s++) {
		long k = r->col_to_sel[r->sel[s].file_col];
		const char *text = r->rowbuf + r->field_off[k];
		const char *why;

		if (r->field_set[k] == 2) {
			memset(&r->values[s], 0, sizeof(r->values[s]));
			r->values[s].missing = 1;
			r->values[s].text = "";
			continue;
		}
		why = r->host->convert(r, s, text, r->field_len[k], &used);
		if (why) {
			r->failed = r->host->reject(r, row, r->sel[s].spec->name,
						     why, text, r->field_len[k]);
			return r->failed ? READSTAT_HANDLER_ABORT :
					   READSTAT_HANDLER_OK;
		}
	}
	r->failed = r->host->emit(r, row, r->values);
	return r->failed ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

static int on_variable_again(int index, readstat_variable_t *variable,
			     const char *val_labels, void *ctx)
{
	(void)index;
	(void)variable;
	(void)val_labels;
	(void)ctx;
	return READSTAT_HANDLER_OK;
}

static int on_value(int obs_index, readstat_variable_t *variable,
		    readstat_value_t value, void *ctx)
{
	struct ko_reader *r = ctx;
	struct stat_state *ss = r->impl;
	int idx = readstat_variable_get_index(variable);
	long k;
	char buf[64];
	size_t len;

	if (r->failed)
		return READSTAT_HANDLER_ABORT;
	if (idx == 0)
		begin_row(r);
	ss->current_obs = obs_index;
	k = (idx >= 0 && (size_t)idx < r->ncols) ? r->col_to_sel[idx] : -1;
	if (k >= 0) {
		int rc;

		if (readstat_value_is_system_missing(value) ||
		    readstat_value_is_tagged_missing(value)) {
			rc = append_field(r, k, "", 0, 1);
		} else if (readstat_value_type_class(value) ==
			   READSTAT_TYPE_CLASS_STRING) {
			const char *s = readstat_string_value(value);

			if (!s)
				s = "";
			rc = append_field(r, k, s, strlen(s), 0);
		} else {
			enum date_kind kind = date_kind_of(
				r, readstat_variable_get_format(variable));

			len = number_text(readstat_double_value(value), kind,
					  buf, sizeof(buf));
			rc = append_field(r, k, buf, len, 0);
		}
		if (rc) {
			r->failed = ko_err_set(r->err, KO_ERR_NOMEM,
					       "out of memory");
			return READSTAT_HANDLER_ABORT;
		}
	}
	if (idx == ss->nvars - 1)
		return end_row(r, (long)obs_index + 1);
	return READSTAT_HANDLER_OK;
}

static enum ko_status stat_read(struct ko_reader *r)
{
	readstat_parser_t *p;
	readstat_error_t e;

	p = readstat_parser_init();
	if (!p)
		return ko_err_set(r->err, KO_ERR_NOMEM, "out of memory");
	/* ReadStat 1.1.8's Stata parser crashes on values when no variable
	 * handler is set: give it one that does nothing. */
	readstat_set_variable_handler(p, on_variable_again);
	readstat_set_value_handler(p, on_value);
	readstat_set_error_handler(p, on_error);
	e = parse_file(r, p);
	readstat_parser_free(p);
	if (r->failed)
		return r->failed;
	if (e != READSTAT_OK)
		return stat_failure(r, e);
	return KO_OK;
}

static void stat_free(struct ko_reader *r)
{
	struct stat_state *ss = r->impl;
	size_t i;

	if (!ss)
		return;
	for (i = 0; i < ss->n; i++)
		free(ss->names[i]);
	free(ss->names);
	free(ss);
	r->impl = NULL;
}

const struct ko_reader_backend ko_reader_stat_backend = {
	.open = stat_open,
	.read = stat_read,
	.free = stat_free,
};
