/*
 * value.h - parsing and calendar arithmetic for the values found in extracts.
 *
 * Dates are days since 1970-01-01 (proleptic Gregorian), so date arithmetic
 * is integer arithmetic.  The parsers take a pointer and a length (fields are
 * not NUL-terminated) and return 0 on success, -1 when the text is not a
 * valid value of the type; they never read past s + len.
 */
#ifndef KO_VALUE_H
#define KO_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum ko_date_format {
	KO_DATE_AUTO = 0, /* any of the below, decided per value */
	KO_DATE_DMY,      /* DD.MM.YYYY or D.M.YYYY */
	KO_DATE_ISO,      /* YYYY-MM-DD */
	KO_DATE_COMPACT,  /* YYYYMMDD */
};

int ko_is_leap_year(int year);
int ko_days_in_month(int year, int month);
/* 1 when y-m-d is a real calendar date with 1 <= y <= 9999. */
int ko_date_valid(int year, int month, int day);
int32_t ko_date_from_ymd(int year, int month, int day);
void ko_date_to_ymd(int32_t days, int *year, int *month, int *day);

/* Date in the given format (KO_DATE_AUTO accepts all three). */
int ko_parse_date(const char *s, size_t len, enum ko_date_format fmt,
		  int32_t *out);
/* Optional sign and digits only; overflow is an error. */
int ko_parse_int(const char *s, size_t len, int64_t *out);
/* Decimal number with the given decimal mark ('.' or ','): optional sign,
 * digits, one mark, digits, optional exponent.  No thousands separators, no
 * inf or nan. */
int ko_parse_number(const char *s, size_t len, char decimal, double *out);

/* Format a date as YYYY-MM-DD into buf (at least 11 bytes). */
void ko_date_format_iso(int32_t days, char *buf);

#endif
