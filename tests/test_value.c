/* test_value.c - date and number parsing, calendar arithmetic. */
#include "ko_test.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_roundtrip),
		cmocka_unit_test(test_date_formats),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
