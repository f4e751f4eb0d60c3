/* value.c - value parsers and calendar arithmetic (see value.h). */
#include "value.h"

#include "number.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ko_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int ko_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month == 2 && ko_is_leap_year(year))
		return 29;
	return days[month - 1];
}

int ko_date_valid(int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return 0;
	return day <= ko_days_in_month(year, month);
}

/* Howard Hinnant's days_from_civil. */
int32_t ko_date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + (int)doe - 719468);
}

void ko_date_to_ymd(int32_t days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;

	*year = y + (m <= 2);
	*month = (int)m;
	*day = (int)d;
}

void ko_date_format_iso(int32_t days, char *buf)
{
	int y, m, d;
	unsigned uy, um, ud;

	ko_date_to_ymd(days, &y, &m, &d);
	uy = (unsigned)y % 10000u;
	um = (unsigned)m % 100u;
	ud = (unsigned)d % 100u;
	/* "%04u-%02u-%02u" without printf (two per row of the analysis
	 * dataset) */
	buf[0] = (char)('0' + uy / 1000);
	buf[1] = (char)('0' + uy / 100 % 10);
	buf[2] = (char)('0' + uy / 10 % 10);
	buf[3] = (char)('0' + uy % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + um / 10);
	buf[6] = (char)('0' + um % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + ud / 10);
	buf[9] = (char)('0' + ud % 10);
	buf[10] = '\0';
}

/* Read exactly n digits at s into *out. */
static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int make_date(int y, int m, int d, int32_t *out)
{
	if (!ko_date_valid(y, m, d))
		return -1;
	*out = ko_date_from_ymd(y, m, d);
	return 0;
}

/* D.M.YYYY with one or two digits for day and month. */
static int parse_dmy(const char *s, size_t len, int32_t *out)
{
	const char *dot1, *dot2;
	size_t dl, ml;
	int y, m, d;

	/* the usual DD.MM.YYYY, without looking for the dots */
	if (len == 10 && s[2] == '.' && s[5] == '.') {
		if (digits(s, 2, &d) || digits(s + 3, 2, &m) ||
		    digits(s + 6, 4, &y))
			return -1;
		return make_date(y, m, d, out);
	}
	dot1 = memchr(s, '.', len);
	if (!dot1)
		return -1;
	dl = (size_t)(dot1 - s);
	dot2 = memchr(dot1 + 1, '.', len - dl - 1);
	if (!dot2)
		return -1;
	ml = (size_t)(dot2 - dot1 - 1);
	if (dl < 1 || dl > 2 || ml < 1 || ml > 2 || len - dl - ml - 2 != 4)
		return -1;
	if (digits(s, dl, &d) || digits(dot1 + 1, ml, &m) ||
	    digits(dot2 + 1, 4, &y))
		return -1;
	return make_date(y, m, d, out);
}

static int parse_iso(const char *s, size_t len, int32_t *out)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	return make_date(y, m, d, out);
}

static int parse_compact(const char *s, size_t len, int32_t *out)
{
	int y, m, d;

	if (len != 8)
		return -1;
	if (digits(s, 4, &y) || digits(s + 4, 2, &m) || digits(s + 6, 2, &d))
		return -1;
	return make_date(y, m, d, out);
}

int ko_parse_date(const char *s, size_t len, enum ko_date_format fmt,
		  int32_t *out)
{
	switch (fmt) {
	case KO_DATE_DMY:
		return parse_dmy(s, len, out);
	case KO_DATE_ISO:
		return parse_iso(s, len, out);
	case KO_DATE_COMPACT:
		return parse_compact(s, len, out);
	case KO_DATE_AUTO:
		break;
	}
	if (len == 10 && s[4] == '-')
		return parse_iso(s, len, out);
	if (len == 8 && !memchr(s, '.', len))
		return parse_compact(s, len, out);
	return parse_dmy(s, len, out);
}

int ko_parse_int(const char *s, size_t len, int64_t *out)
{
	uint64_t v = 0, limit;
	int neg = 0;
	size_t i = 0;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return -1;
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		unsigned dgt;

		if (s[i] < '0' || s[i] > '9')
			return -1;
		dgt = (unsigned)(s[i] - '0');
		if (v > (limit - dgt) / 10)
			return -1;
		v = v * 10 + dgt;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* Exact powers of ten (every one up to 1e22 is a double). */
static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Fast path (Clinger 1990): an integer mantissa of at most 2^53 and at
 * most 22 decimals is one IEEE division of two exact doubles, hence
 * correctly rounded: the same double strtod gives.  Returns -1 when the
 * text is not of that simple form (the slow path then decides). */
static int parse_simple_number(const char *s, size_t len, char decimal,
			       double *out)
{
	uint64_t m = 0;
	size_t i = 0, ndig = 0, frac = 0;
	int neg = 0;
	double v;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, ndig++)
		m = m * 10 + (uint64_t)(s[i] - '0');
	if (i < len && s[i] == decimal)
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, ndig++, frac++)
			m = m * 10 + (uint64_t)(s[i] - '0');
	if (i != len || ndig == 0 || ndig > 19 || frac > 22 ||
	    m > ((uint64_t)1 << 53))
		return -1;
	v = (double)m / pow10_exact[frac];
	*out = neg ? -v : v;
	return 0;
}

int ko_parse_number(const char *s, size_t len, char decimal, double *out)
{
	const char *stop;
	double v;

	if (!parse_simple_number(s, len, decimal, out))
		return 0;
	/* every other length and shape, exponents too: fast_float, the
	 * double strtod gives (overflow an error, underflow its rounding) */
	if (ko_number_scan(s, s + len, decimal, &v, &stop) || stop != s + len)
		return -1;
	*out = v;
	return 0;
}
