/* test_escape.c - the one CSV field escape and the one HTML escape
 * (escape.h): RFC 4180 quoting, formula neutralising as OWASP recommends
 * (numbers left alone), the analysis dataset's exact mode, the buffer
 * variant's length and cut, and a report table's csv end to end. */
#include "ko_test.h"

#include <math.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "table.h"

/* What ko_csv_put writes for s. */
static char *put(const char *s, enum ko_csv_mode mode)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	ko_csv_put(fp, s, mode);
	fclose(fp);
	return buf;
}

static void check_put(const char *s, enum ko_csv_mode mode, const char *want)
{
	char *got = put(s, mode);
	char buf[256];

	assert_string_equal(got, want);
	/* the buffer variant writes the same bytes and says their length */
	assert_int_equal(ko_csv_escape(buf, sizeof(buf), s, mode), strlen(want));
	assert_string_equal(buf, want);
	free(got);
}

static void test_quoting(void **state)
{
	(void)state;
	check_put("plain", KO_CSV_SAFE, "plain");
	check_put("", KO_CSV_SAFE, "");
	check_put(NULL, KO_CSV_SAFE, "");
	check_put("a,b", KO_CSV_SAFE, "\"a,b\"");
	check_put("say \"hi\"", KO_CSV_SAFE, "\"say \"\"hi\"\"\"");
	check_put("two\nlines", KO_CSV_SAFE, "\"two\nlines\"");
	check_put("cr\rhere", KO_CSV_SAFE, "\"cr\rhere\"");
	check_put("2-3", KO_CSV_SAFE, "2-3");
	check_put("4+", KO_CSV_SAFE, "4+");
	check_put("<5", KO_CSV_SAFE, "<5");
	check_put("a=b", KO_CSV_SAFE, "a=b");
}

/* Cells a spreadsheet would run as formulas get a leading apostrophe
 * inside quotes (OWASP, CSV injection). */
static void test_formulas_neutralised(void **state)
{
	(void)state;
	check_put("=HYPERLINK(\"http://x\",\"y\")", KO_CSV_SAFE,
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	check_put("=1+2", KO_CSV_SAFE, "\"'=1+2\"");
	check_put("+cmd|' /C calc'!A0", KO_CSV_SAFE, "\"'+cmd|' /C calc'!A0\"");
	check_put("-2+3+cmd|' /C calc'!A0", KO_CSV_SAFE,
		  "\"'-2+3+cmd|' /C calc'!A0\"");
	check_put("@SUM(1,2)", KO_CSV_SAFE, "\"'@SUM(1,2)\"");
	check_put("\tx", KO_CSV_SAFE, "\"'\tx\"");
	check_put("\rx", KO_CSV_SAFE, "\"'\rx\"");
	check_put("-", KO_CSV_SAFE, "\"'-\"");
	check_put("-x", KO_CSV_SAFE, "\"'-x\"");
	check_put("- 1", KO_CSV_SAFE, "\"'- 1\"");
	check_put("-1e", KO_CSV_SAFE, "\"'-1e\"");
	check_put("-Inf", KO_CSV_SAFE, "\"'-Inf\"");
	assert_true(ko_csv_is_formula("=x"));
	assert_false(ko_csv_is_formula("x="));
	assert_false(ko_csv_is_formula(""));
	assert_false(ko_csv_is_formula(NULL));
}

/* A number stays a number: a negative estimate is not a formula. */
static void test_numbers_unchanged(void **state)
{
	static const char *const numbers[] = {
		"-1", "-1.25", "+3", "-0.5", "-.5", "-5.", "-2e-05", "+1E+10",
		"-123456789012345678", "0", "1e5",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		check_put(numbers[i], KO_CSV_SAFE, numbers[i]);
		assert_false(ko_csv_is_formula(numbers[i]));
	}
}

/* The analysis dataset keeps every value as it is, quoting only. */
static void test_data_mode_exact(void **state)
{
	(void)state;
	check_put("=1+2", KO_CSV_DATA, "=1+2");
	check_put("-x", KO_CSV_DATA, "-x");
	check_put("@a,b", KO_CSV_DATA, "\"@a,b\"");
	check_put("-1.5", KO_CSV_DATA, "-1.5");
}

static void test_labelled(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	ko_csv_put_labelled(fp, "Adjusted", "OR (95% CI)", KO_CSV_SAFE);
	fputc('|', fp);
	ko_csv_put_labelled(fp, "a,b", "c", KO_CSV_SAFE);
	fputc('|', fp);
	ko_csv_put_labelled(fp, NULL, "=x", KO_CSV_SAFE);
	fputc('|', fp);
	ko_csv_put_labelled(fp, "-1", "x", KO_CSV_SAFE);
	fputc('|', fp);
	ko_csv_put_labelled(fp, "", "=x", KO_CSV_SAFE);
	fclose(fp);
	assert_string_equal(buf, "Adjusted: OR (95% CI)|\"a,b: c\"|\"'=x\"|"
				 "\"'-1: x\"|: =x");
	free(buf);
}

/* The buffer variant cuts short, stays terminated and says the length the
 * whole field needs. */
static void test_buffer_cut(void **state)
{
	char buf[6];

	(void)state;
	assert_int_equal(ko_csv_escape(buf, sizeof(buf), "a,bcdefg", KO_CSV_SAFE),
			 10);
	assert_string_equal(buf, "\"a,bc");
	assert_int_equal(ko_csv_escape(buf, 1, "abc", KO_CSV_SAFE), 3);
	assert_string_equal(buf, "");
	assert_int_equal(ko_csv_escape(NULL, 0, "=a", KO_CSV_SAFE), 5);
}

static void test_html(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	ko_html_put(fp, "<a href=\"x\">Tom & Jerry's</a>");
	ko_html_put(fp, NULL);
	fclose(fp);
	assert_string_equal(buf, "&lt;a href=&quot;x&quot;&gt;Tom &amp; "
				 "Jerry&#39;s&lt;/a&gt;");
	free(buf);
}

/* A report table's csv (tables/NAME.csv, opened in spreadsheets): a category
 * value that is a formula is neutralised, a negative number is not. */
/* One number formatter for models/ (empty NA, 15 digits, -0 as 0) and
 * kohort fit (NA, 17 digits, -0 kept). */
static void test_num_put(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(fp);
	ko_num_put(fp, NAN, "", 15, 1);
	fputc('|', fp);
	ko_num_put(fp, NAN, "NA", 17, 0);
	fputc('|', fp);
	ko_num_put(fp, -INFINITY, "", 15, 1);
	fputc('|', fp);
	ko_num_put(fp, INFINITY, "NA", 17, 0);
	fputc('|', fp);
	ko_num_put(fp, -0.0, "", 15, 1);
	fputc('|', fp);
	ko_num_put(fp, -0.0, "NA", 17, 0);
	fputc('|', fp);
	ko_num_put(fp, 0.1, "", 15, 1);
	fputc('|', fp);
	ko_num_put(fp, 0.1, "NA", 17, 0);
	fclose(fp);
	assert_string_equal(buf, "|NA|-Inf|Inf|0|-0|0.1|0.10000000000000001");
	free(buf);
}

static void test_table_csv_end_to_end(void **state)
{
	struct ko_table *t = ko_table_new("t", "T");
	struct ko_number_format fmt;
	struct ko_err err;
	char path[128], text[512];
	FILE *fp;
	size_t n;
	int c, r;

	(void)state;
	assert_non_null(t);
	ko_format_init(&fmt);
	c = ko_table_add_col(t, "@count", NULL, KO_COL_OTHER);
	r = ko_table_add_row(t, "=HYPERLINK(\"http://x\")", 0, NULL, "-3");
	ko_table_set_count(t, r, c, 7);
	r = ko_table_add_row(t, "Region", 0, "region", "+cmd|'/C calc'!A0");
	assert_int_equal(ko_table_set_text(t, r, c, "-1.5"), KO_OK);
	snprintf(path, sizeof(path), "/tmp/ko_test_escape_%d.csv", (int)getpid());
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt, path, &err), KO_OK);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	unlink(path);
	assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"http://x\"\")\",-3,"
				     "\"'@count\","));
	assert_non_null(strstr(text, "region,\"'+cmd|'/C calc'!A0\",\"'@count\","
				     "text,-1.5,"));
	assert_null(strstr(text, ",=HYP"));
	assert_null(strstr(text, ",+cmd"));
	ko_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_formulas_neutralised),
		cmocka_unit_test(test_numbers_unchanged),
		cmocka_unit_test(test_data_mode_exact),
		cmocka_unit_test(test_labelled),
		cmocka_unit_test(test_buffer_cut),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_num_put),
		cmocka_unit_test(test_table_csv_end_to_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
