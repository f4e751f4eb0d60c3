/* test_value.c - date and number parsing, calendar arithmetic. */
#include "ko_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

static int date_of(const char *s, enum ko_date_format fmt, int32_t *out)
{
	return ko_parse_date(s, strlen(s), fmt, out);
}

static void test_date_roundtrip(void **state)
{
	int32_t d;
	int y, m, dd;

	(void)state;
	assert_int_equal(ko_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(ko_date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(ko_date_from_ymd(1960, 1, 1), -3653);
	for (d = -200000; d < 200000; d += 7) {
		ko_date_to_ymd(d, &y, &m, &dd);
		assert_true(ko_date_valid(y, m, dd));
		assert_int_equal(ko_date_from_ymd(y, m, dd), d);
	}
}

static void test_date_formats(void **state)
{
	int32_t a, b, c, e;

	(void)state;
	assert_int_equal(date_of("05.03.1997", KO_DATE_DMY, &a), 0);
	assert_int_equal(date_of("5.3.1997", KO_DATE_DMY, &b), 0);
	assert_int_equal(date_of("1997-03-05", KO_DATE_ISO, &c), 0);
	assert_int_equal(date_of("19970305", KO_DATE_COMPACT, &e), 0);
	assert_int_equal(a, ko_date_from_ymd(1997, 3, 5));
	assert_int_equal(a, b);
	assert_int_equal(a, c);
	assert_int_equal(a, e);
	assert_int_equal(date_of("19970305", KO_DATE_AUTO, &e), 0);
	assert_int_equal(date_of("1997-03-05", KO_DATE_AUTO, &e), 0);
	assert_int_equal(date_of("5.3.1997", KO_DATE_AUTO, &e), 0);
	assert_int_equal(e, a);
}

static void test_date_invalid(void **state)
{
	static const char *bad[] = {
		"31.02.1997", "29.02.1997", "00.01.1997", "1.13.1997",
		"1997-02-30", "19970230", "", "1.1.97", "123.1.1997",
		"1.1.1997x", "1997-1-01", "abcdefgh", "31.04.2000", "..1997",
	};
	size_t i;
	int32_t d;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_of(bad[i], KO_DATE_AUTO, &d), -1);
	assert_int_equal(date_of("29.02.2000", KO_DATE_DMY, &d), 0);
	assert_int_equal(date_of("29.02.1900", KO_DATE_DMY, &d), -1);
	/* the format is enforced when given */
	assert_int_equal(date_of("1997-03-05", KO_DATE_DMY, &d), -1);
	assert_int_equal(date_of("05.03.1997", KO_DATE_ISO, &d), -1);
}

/* ISO text of a date as printf would write it, over years 0 to 9999
 * and beyond (the year is printed modulo 10000), and DD.MM.YYYY read
 * without its dots looked for (10 characters) as the general way reads
 * it: every day of 1850-2150 round trip, bad digits anywhere rejected. */
static void test_date_iso_text_and_dmy(void **state)
{
	char buf[16], want[16], dmy[16];
	int32_t d, back;
	int y, m, dd;
	size_t i;
	static const char *const bad[] = {
		"1a.02.2000", "01.0b.2000", "01.02.20x0", "+1.02.2000",
		" 1.02.2000", "01.02.200 ", "00.02.2000", "32.01.2000",
		"01.00.2000", "01.13.2000", "29.02.2001",
	};

	(void)state;
	for (d = ko_date_from_ymd(-50, 1, 1); d < ko_date_from_ymd(12000, 1, 1);
	     d += 13) {
		ko_date_to_ymd(d, &y, &m, &dd);
		snprintf(want, sizeof(want), "%04u-%02u-%02u",
			 (unsigned)y % 10000u, (unsigned)m % 100u,
			 (unsigned)dd % 100u);
		ko_date_format_iso(d, buf);
		assert_string_equal(buf, want);
	}
	for (d = ko_date_from_ymd(1850, 1, 1); d < ko_date_from_ymd(2150, 1, 1);
	     d++) {
		ko_date_to_ymd(d, &y, &m, &dd);
		snprintf(dmy, sizeof(dmy), "%02d.%02d.%04d", dd, m, y);
		assert_int_equal(date_of(dmy, KO_DATE_DMY, &back), 0);
		assert_int_equal(back, d);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(date_of(bad[i], KO_DATE_DMY, &back), -1);
}

static void test_numbers(void **state)
{
	double v;
	int64_t i;

	(void)state;
	assert_int_equal(ko_parse_number("1234,56", 7, ',', &v), 0);
	assert_true(v == 1234.56);
	assert_int_equal(ko_parse_number("-0.5", 4, '.', &v), 0);
	assert_true(v == -0.5);
	assert_int_equal(ko_parse_number("1e3", 3, '.', &v), 0);
	assert_true(v == 1000);
	assert_int_equal(ko_parse_number(",5", 2, ',', &v), 0);
	assert_true(v == 0.5);
	assert_int_equal(ko_parse_number("1.5", 3, ',', &v), -1);
	assert_int_equal(ko_parse_number("1,5", 3, '.', &v), -1);
	assert_int_equal(ko_parse_number("inf", 3, '.', &v), -1);
	assert_int_equal(ko_parse_number("nan", 3, '.', &v), -1);
	assert_int_equal(ko_parse_number("0x10", 4, '.', &v), -1);
	assert_int_equal(ko_parse_number(" 1", 2, '.', &v), -1);
	assert_int_equal(ko_parse_number("1e", 2, '.', &v), -1);
	assert_int_equal(ko_parse_number("1e999", 5, '.', &v), -1);
	assert_int_equal(ko_parse_number(".", 1, '.', &v), -1);
	assert_int_equal(ko_parse_int("-42", 3, &i), 0);
	assert_true(i == -42);
	assert_int_equal(ko_parse_int("9223372036854775807", 19, &i), 0);
	assert_true(i == INT64_MAX);
	assert_int_equal(ko_parse_int("-9223372036854775808", 20, &i), 0);
	assert_true(i == INT64_MIN);
	assert_int_equal(ko_parse_int("9223372036854775808", 19, &i), -1);
	assert_int_equal(ko_parse_int("1.0", 3, &i), -1);
	assert_int_equal(ko_parse_int("-", 1, &i), -1);
	assert_int_equal(ko_parse_int("", 0, &i), -1);
}

/* ko_parse_number(s) is strtod(s) bit for bit (glibc's strtod rounds
 * correctly: the reference), or both refuse it (strtod: overflow). With
 * the decimal comma the same text with ',' for '.'. */
static void assert_as_strtod(const char *s)
{
	char comma[128];
	size_t len = strlen(s), i;
	double want, got = 0;
	int rc;

	want = strtod(s, NULL);
	rc = ko_parse_number(s, len, '.', &got);
	if (isinf(want)) {
		if (rc != -1)
			fail_msg("'%s': read as %.17g, strtod overflows", s, got);
		return;
	}
	if (rc != 0 || memcmp(&got, &want, sizeof got))
		fail_msg("'%s': rc %d, %a, strtod %a", s, rc, got, want);
	assert_true(len < sizeof comma);
	for (i = 0; i <= len; i++)
		comma[i] = s[i] == '.' ? ',' : s[i];
	got = 0;
	if (ko_parse_number(comma, len, ',', &got) || memcmp(&got, &want, sizeof got))
		fail_msg("'%s': %a, strtod %a", comma, got, want);
}

static uint64_t next_random(uint64_t *state)
{
	*state = *state * 6364136223846793005u + 1442695040888963407u;
	return *state >> 11;
}

/* Numbers as other tools write them (R's fwrite and write.csv, printf's
 * %.17g, exponents) read exactly as strtod reads them: edge values
 * (subnormals, the largest double, halfway cases between two doubles and
 * a digit either side), every double printed at every precision 1 to 17
 * in %g and %e, and random digit strings of every length 1 to 40 with a
 * point anywhere and exponents -350 to 330. */
static void test_numbers_as_strtod(void **state)
{
	static const char *const edge[] = {
		"4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "2.2250738585072011e-308",
		"2.2250738585072014e-308", "2.2250738585072012e-308",
		"1.7976931348623157e308", "1.7976931348623158e308",
		"1.7976931348623159e308", "1e308", "1e309", "1e-400", "0e999",
		"9007199254740993", "9007199254740993.0000000001",
		"9007199254740992.9999999999", "9007199254740995",
		"1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124",
		"1.00000000000000011102230246251565404236316680908203126",
		"0.1", "0.30000000000000004", "123456789012345678901234567890",
		"-0", "-0.0e5", "00000000000000000000000000000001.5", "1.e5", ".5e-3",
		"1E+2", "1e-0", "8.98846567431158e307", "4.35679104e-314",
		"7.2057594037927933e16", "1.448997445238699", "0.000000000000000000001",
	};
	char s[128];
	uint64_t rng = 2026;
	size_t i, k;
	int p;

	(void)state;
	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		assert_as_strtod(edge[i]);
	for (i = 0; i < 20000; i++) {
		uint64_t bits = next_random(&rng) << 11 ^ next_random(&rng);
		double x;

		memcpy(&x, &bits, sizeof x);
		if (!isfinite(x))
			continue;
		for (p = 1; p <= 17; p++) {
			snprintf(s, sizeof s, "%.*g", p, x);
			assert_as_strtod(s);
			snprintf(s, sizeof s, "%.*e", p - 1, x);
			assert_as_strtod(s);
		}
		/* numbers of ordinary size, as fwrite writes rnorm() */
		snprintf(s, sizeof s, "%.17g", (double)(int64_t)(bits >> 12) / 4503599627370496.0);
		assert_as_strtod(s);
		snprintf(s, sizeof s, "%.15g", (double)(int64_t)(bits >> 12) / 1e15);
		assert_as_strtod(s);
	}
	for (i = 0; i < 200000; i++) {
		uint64_t r = next_random(&rng);
		size_t nd = 1 + r % 40, point = (r >> 6) % (nd + 1), len = 0;

		if (r >> 12 & 1)
			s[len++] = '-';
		for (k = 0; k < nd; k++) {
			if (k == point && (r >> 13 & 3))
				s[len++] = '.';
			/* runs of 9s and 0s make the halfway and carry cases */
			s[len++] = (r >> 15 & 3) == 0 ? '9' : (r >> 15 & 3) == 1 && k > 2
				? '0' : (char)('0' + next_random(&rng) % 10);
		}
		if (r >> 17 & 1)
			len += (size_t)sprintf(s + len, "e%d", (int)((r >> 18) % 681) - 350);
		s[len] = '\0';
		assert_as_strtod(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_roundtrip),
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_iso_text_and_dmy),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_as_strtod),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
