/* test_formats.c - the registry of table formats (table.h): its entries
 * and lookups, [report] formats parsed through it (bits, default, the
 * unknown-format problem naming every format), and each entry's writer
 * writing what the format's writer writes. */
#include "ko_test.h"
#include "config_support.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "table.h"

static const char head[] =
	"[study]\n"                          /* 1 */
	"name = t\n"                         /* 2 */
	"[extract birth]\n"                  /* 3 */
	"file = b.csv\n"                     /* 4 */
	"person = id\n"                      /* 5 */
	"unique = yes\n"                     /* 6 */
	"column id = id\n"                   /* 7 */
	"column bd = date\n"                 /* 8 */
	"[cohort]\n"                         /* 9 */
	"base = birth\n"                     /* 10 */
	"birth_date = bd\n";                 /* 11 */

static void test_registry(void **state)
{
	static const char *const names[] = {
		"csv", "md", "html", "tex", "xlsx", "csv2",
	};
	char list[64];
	size_t i;

	(void)state;
	assert_int_equal(ko_table_n_outputs, 6);
	for (i = 0; i < ko_table_n_outputs; i++) {
		assert_string_equal(ko_table_outputs[i].name, names[i]);
		assert_int_equal(ko_table_outputs[i].workbook, i == 4);
		assert_non_null(ko_table_outputs[i].write);
		assert_int_equal(ko_table_output_find(names[i], strlen(names[i])),
				 (int)i);
	}
	assert_int_equal(ko_table_output_find("xlsxx", 4), 4);
	assert_int_equal(ko_table_output_find("pdf", 3), -1);
	assert_int_equal(ko_table_output_find("cs", 2), -1);
	assert_int_equal(ko_table_output_find("", 0), -1);
	assert_string_equal(ko_table_output_ext(0), "csv");
	assert_string_equal(ko_table_output_ext(5), "excel.csv");
	assert_int_equal(ko_table_default_formats(), 0x1f); /* csv2 optional */
	ko_table_output_names(list, sizeof(list));
	assert_string_equal(list, "csv, md, html, tex, xlsx, csv2");
	ko_table_output_names(list, 8);
	assert_string_equal(list, "csv, md");
}

static void test_config_formats(void **state)
{
	struct ko_config *cfg;

	(void)state;
	cfg = cs_parse(head, "", KO_OK);
	assert_int_equal(cfg->report.formats, 0x1f);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\nformats = xlsx, md\n", KO_OK);
	assert_int_equal(cfg->report.formats, (1u << 4) | (1u << 1));
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\n"     /* 12 */
			     "formats = csv pdf\n", /* 13 */
		       KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 13, "[report] formats: unknown format "
					    "'pdf' (csv, md, html, tex, xlsx, csv2)"));
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\nformats = csv2\ncsv_bom = yes\n", KO_OK);
	assert_int_equal(cfg->report.formats, 1u << 5);
	assert_int_equal(cfg->report.csv_bom, 1);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\n"      /* 12 */
			     "csv_bom = maybe\n", /* 13 */
		       KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 13, "[report] csv_bom 'maybe': expected "
					    "yes or no"));
	ko_config_free(cfg);
}

/* [report] digits_*: the decimals of each statistic, in their ranges
 * (a percentage at most 1, a p-value 3 or 4); -1 when not given. */
static void test_config_digits(void **state)
{
	struct ko_config *cfg;

	(void)state;
	cfg = cs_parse(head, "", KO_OK);
	assert_int_equal(cfg->report.digits_percent, -1);
	assert_int_equal(cfg->report.digits_mean, -1);
	assert_int_equal(cfg->report.digits_p, -1);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\ndigits_percent = 0\ndigits_number = 3\n"
			     "digits_mean = 0\ndigits_estimate = 3\n"
			     "digits_p = 4\n", KO_OK);
	assert_int_equal(cfg->report.digits_percent, 0);
	assert_int_equal(cfg->report.digits_number, 3);
	assert_int_equal(cfg->report.digits_mean, 0);
	assert_int_equal(cfg->report.digits_estimate, 3);
	assert_int_equal(cfg->report.digits_p, 4);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\n"          /* 12 */
			     "digits_percent = 2\n"  /* 13 */
			     "digits_p = 2\n"        /* 14 */
			     "digits_mean = 1.5\n",  /* 15 */
		       KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 13, "[report] digits_percent '2': "
					    "expected a whole number from 0 to 1"));
	assert_true(cs_has_problem(cfg, 14, "[report] digits_p '2': expected a "
					    "whole number from 3 to 4"));
	assert_true(cs_has_problem(cfg, 15, "[report] digits_mean '1.5': "
					    "expected a whole number from 0 to 4"));
	ko_config_free(cfg);
}

/* [report] table1_*: Table 1's layout keys, their defaults and their
 * problems with the line. */
static void test_config_table1(void **state)
{
	struct ko_config *cfg;

	(void)state;
	cfg = cs_parse(head, "", KO_OK);
	assert_int_equal(cfg->report.t1_missing, KO_T1_MISSING_SHOW);
	assert_int_equal(cfg->report.t1_pct_all, 0);
	assert_int_equal(cfg->report.t1_smd, 1);
	assert_int_equal(cfg->report.t1_p, 1);
	assert_int_equal(cfg->report.t1_header_n, 0);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\ntable1_missing = merge\n"
			     "table1_percent = all\ntable1_smd = no\n"
			     "table1_p = no\ntable1_header_n = yes\n", KO_OK);
	assert_int_equal(cfg->report.t1_missing, KO_T1_MISSING_MERGE);
	assert_int_equal(cfg->report.t1_pct_all, 1);
	assert_int_equal(cfg->report.t1_smd, 0);
	assert_int_equal(cfg->report.t1_p, 0);
	assert_int_equal(cfg->report.t1_header_n, 1);
	ko_config_free(cfg);
	cfg = cs_parse(head, "[report]\n"               /* 12 */
			     "table1_missing = drop\n"    /* 13 */
			     "table1_percent = some\n"    /* 14 */
			     "table1_numbers = mode\n"    /* 15 */
			     "table1_smd = perhaps\n"     /* 16 */
			     "table1_median = nosuch\n",  /* 17 */
		       KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 13, "[report] table1_missing 'drop': "
					    "expected show, hide or merge"));
	assert_true(cs_has_problem(cfg, 14, "[report] table1_percent 'some': "
					    "expected nonmissing or all"));
	assert_true(cs_has_problem(cfg, 15, "[report] table1_numbers 'mode': "
					    "expected both, mean or median"));
	assert_true(cs_has_problem(cfg, 16, "[report] table1_smd 'perhaps': "
					    "expected yes or no"));
	assert_true(cs_has_problem(cfg, 17, "[report] table1_median: no "
					    "variable 'nosuch'"));
	ko_config_free(cfg);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* A whole number that is not a count (person-years, issue #18 item 2):
 * "4398" in md, html and tex as in the csv (was "4398.00"), the count's
 * digit grouping in fi/sv ("4 398"), the csv statistic "value". */
static void test_whole_cell(void **state)
{
	struct ko_table *t = ko_table_new("w", "W");
	struct ko_number_format fmt;
	struct ko_err err = { 0 };
	char text[64];
	char *csv;
	size_t len;
	int c, r;

	(void)state;
	assert_non_null(t);
	c = ko_table_add_col(t, "Person-years", NULL, KO_COL_OTHER);
	r = ko_table_add_row(t, "Event", 0, "exit_reason", "event");
	ko_table_set_whole(t, r, c, 4398.4);
	ko_format_init(&fmt);
	ko_table_cell_text(t, ko_table_cell_c(t, r, c), &fmt, text, sizeof(text));
	assert_string_equal(text, "4398");
	fmt.thousands_sep = "\xc2\xa0";
	ko_table_cell_text(t, ko_table_cell_c(t, r, c), &fmt, text, sizeof(text));
	assert_string_equal(text, "4\xc2\xa0" "398");
	ko_format_init(&fmt);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt,
					"output/test_formats_whole.csv", &err), KO_OK);
	csv = slurp("output/test_formats_whole.csv", &len);
	assert_non_null(strstr(csv, "exit_reason,event,Person-years,value,4398,"));
	free(csv);
	ko_table_free(t);
}

/* Cell ref of sheet XML xml holds the number value (no t="s"), or when
 * value starts with '"', is a shared string. */
static void xlsx_cell_is(const char *xml, const char *ref, const char *value)
{
	char key[32], v[64];
	const char *c, *end, *gt;

	snprintf(key, sizeof(key), "<c r=\"%s\"", ref);
	c = strstr(xml, key);
	if (!c)
		fail_msg("xlsx: no cell %s", ref);
	end = strstr(c, "</c>");
	gt = strchr(c, '>');
	assert_non_null(end);
	if (value[0] == '"') {
		if (!strstr(c, "t=\"s\"") || strstr(c, "t=\"s\"") > gt)
			fail_msg("xlsx: cell %s is not a string", ref);
		return;
	}
	if (strstr(c, "t=\"") && strstr(c, "t=\"") < gt)
		fail_msg("xlsx: cell %s is not a number", ref);
	snprintf(v, sizeof(v), "<v>%s</v>", value);
	c = strstr(c, v);
	if (!c || c > end)
		fail_msg("xlsx: cell %s does not hold %s", ref, value);
}

/* Table 1's composite cells in the workbook (issue #18 item 2): next to
 * the text "12 (3,4)", its n and percent as numbers in columns of their
 * own (D, E, F: n/mean/median, percent/sd/q1, q3), a hidden count the
 * text it shows there too. */
static void test_xlsx_split(void **state)
{
	struct ko_table *t = ko_table_new("table1", "T");
	struct ko_number_format fmt;
	struct ko_err err = { 0 };
	char cmd[256];
	char *xml;
	FILE *fp;
	size_t n;
	int c;

	(void)state;
	assert_non_null(t);
	c = ko_table_add_col(t, "Overall", NULL, KO_COL_N);
	ko_table_add_row(t, "a", 1, "a", "1");
	ko_table_add_row(t, "Mean (SD)", 1, "b", "mean_sd");
	ko_table_add_row(t, "Median (IQR)", 1, "b", "median_iqr");
	ko_table_add_row(t, "Missing", 1, "b", "missing");
	ko_table_set_count_pct(t, 0, c, 12, 3.4);
	ko_table_set_mean_sd(t, 1, c, 3498.5, 556.25);
	ko_table_set_median_iqr(t, 2, c, 3500, 3130, 3880);
	ko_table_whole_cell(t, 2, c); /* whole-valued data: no decimals */
	ko_table_set_count_pct(t, 3, c, 3, 0.9);
	ko_table_suppress(t, 3, c, KO_SUPP_PRIMARY);
	ko_format_init(&fmt);
	fmt.decimal_mark = ',';
	assert_int_equal(ko_table_write_xlsx(&t, 1, &fmt,
					     "output/test_formats_split.xlsx", &err),
			 KO_OK);
	snprintf(cmd, sizeof(cmd), "unzip -p output/test_formats_split.xlsx "
		 "xl/worksheets/sheet1.xml");
	fp = popen(cmd, "r");
	assert_non_null(fp);
	xml = calloc(1, 1 << 16);
	assert_non_null(xml);
	n = fread(xml, 1, (1 << 16) - 1, fp);
	pclose(fp);
	assert_true(n > 100);
	xlsx_cell_is(xml, "B4", "\"");     /* "12 (3,4)" stays as text */
	xlsx_cell_is(xml, "D4", "12");
	xlsx_cell_is(xml, "E4", "3.4");
	xlsx_cell_is(xml, "D5", "3498.5");
	xlsx_cell_is(xml, "E5", "556.25");
	xlsx_cell_is(xml, "D6", "3500");
	xlsx_cell_is(xml, "E6", "3130");
	xlsx_cell_is(xml, "F6", "3880");
	xlsx_cell_is(xml, "D7", "\"");     /* "<5", not 3 */
	xlsx_cell_is(xml, "E7", "\"");     /* not 0.9 */
	assert_null(strstr(xml, "<v>0.9</v>"));
	free(xml);
	/* the whole-valued median's text has no decimals, the mean one */
	fp = popen("unzip -p output/test_formats_split.xlsx xl/sharedStrings.xml",
		   "r");
	assert_non_null(fp);
	xml = calloc(1, 1 << 16);
	assert_non_null(xml);
	n = fread(xml, 1, (1 << 16) - 1, fp);
	pclose(fp);
	assert_true(n > 50);
	assert_non_null(strstr(xml, ">3500 (3130\xe2\x80\x93" "3880)<"));
	assert_non_null(strstr(xml, ">3498,5 (556,2)<"));
	free(xml);
	ko_table_free(t);
}

/* Each per-table entry writes the bytes of its format's writer; the
 * workbook entry writes a zip (xlsx); html is the standalone page. */
static void test_entries_write(void **state)
{
	static const enum ko_table_format direct[] = {
		KO_TABLE_CSV, KO_TABLE_MD, KO_TABLE_HTML_PAGE, KO_TABLE_TEX,
		KO_TABLE_CSV, /* xlsx: a workbook */ KO_TABLE_CSV2,
	};
	struct ko_table *t = ko_table_new("t", "T");
	struct ko_number_format fmt;
	struct ko_err err;
	char a[128], b[128];
	size_t i, la, lb;
	int c, r;

	(void)state;
	assert_non_null(t);
	ko_format_init(&fmt);
	c = ko_table_add_col(t, "n", NULL, KO_COL_N);
	r = ko_table_add_row(t, "All", 0, NULL, NULL);
	ko_table_set_count(t, r, c, 12);
	snprintf(a, sizeof(a), "/tmp/ko_test_formats_%d_a", (int)getpid());
	snprintf(b, sizeof(b), "/tmp/ko_test_formats_%d_b", (int)getpid());
	for (i = 0; i < ko_table_n_outputs; i++) {
		char *x, *y;

		assert_int_equal(ko_table_outputs[i].write(&t, 1, &fmt, a, &err),
				 KO_OK);
		x = slurp(a, &la);
		if (ko_table_outputs[i].workbook) {
			assert_true(la > 4 && !memcmp(x, "PK\3\4", 4));
		} else {
			assert_int_equal(ko_table_write(t, direct[i], &fmt, b, &err),
					 KO_OK);
			y = slurp(b, &lb);
			assert_int_equal(la, lb);
			assert_memory_equal(x, y, la);
			free(y);
		}
		free(x);
	}
	unlink(a);
	unlink(b);
	ko_table_free(t);
}

/* csv2: the csv's fields with ';' between them, numbers with a decimal
 * comma, quoted fields (a ',', a formula guard) kept, a text with ';'
 * quoted; csv_bom puts the UTF-8 BOM first in csv and csv2. */
static void test_csv2(void **state)
{
	struct ko_table *t = ko_table_new("t", "T");
	struct ko_number_format fmt;
	struct ko_err err;
	char path[128], *x;
	size_t len;
	int c, m, r;

	(void)state;
	assert_non_null(t);
	ko_format_init(&fmt);
	fmt.decimal_mark = ','; /* md's; the csv files ignore it */
	c = ko_table_add_col(t, "n", NULL, KO_COL_N);
	m = ko_table_add_col(t, "a;b", "G, H", KO_COL_OTHER);
	r = ko_table_add_row(t, "x", 0, "-1.5", "=1+2");
	ko_table_set_count(t, r, c, 12);
	ko_table_set_mean_sd(t, r, m, -0.25, 1e-7);
	r = ko_table_add_row(t, "y \"q\"", 0, NULL, "2.5");
	ko_table_set_p(t, r, c, 0.5);
	assert_int_equal(ko_table_set_text(t, r, m, "a;b,c"), KO_OK);
	snprintf(path, sizeof(path), "/tmp/ko_test_formats_%d_c", (int)getpid());
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt, path, &err), KO_OK);
	x = slurp(path, &len);
	assert_string_equal(x,
		"term,level,column,statistic,value,note\n"
		"-1.5,\"'=1+2\",n,n,12,\n"
		"-1.5,\"'=1+2\",\"G, H: a;b\",mean,-0.25,\n"
		"-1.5,\"'=1+2\",\"G, H: a;b\",sd,1e-07,\n"
		"\"y \"\"q\"\"\",2.5,n,p_value,0.5,\n"
		"\"y \"\"q\"\"\",2.5,\"G, H: a;b\",text,\"a;b,c\",\n");
	free(x);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV2, &fmt, path, &err), KO_OK);
	x = slurp(path, &len);
	assert_string_equal(x,
		"term;level;column;statistic;value;note\n"
		"-1,5;\"'=1+2\";n;n;12;\n"
		"-1,5;\"'=1+2\";\"G, H: a;b\";mean;-0,25;\n"
		"-1,5;\"'=1+2\";\"G, H: a;b\";sd;1e-07;\n"
		"\"y \"\"q\"\"\";2,5;n;p_value;0,5;\n"
		"\"y \"\"q\"\"\";2,5;\"G, H: a;b\";text;\"a;b,c\";\n");
	free(x);
	fmt.csv_bom = 1;
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV2, &fmt, path, &err), KO_OK);
	x = slurp(path, &len);
	assert_memory_equal(x, "\xef\xbb\xbfterm;level;", 14);
	free(x);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt, path, &err), KO_OK);
	x = slurp(path, &len);
	assert_memory_equal(x, "\xef\xbb\xbfterm,level,", 14);
	free(x);
	unlink(path);
	ko_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_config_formats),
		cmocka_unit_test(test_config_digits),
		cmocka_unit_test(test_config_table1),
		cmocka_unit_test(test_whole_cell),
		cmocka_unit_test(test_xlsx_split),
		cmocka_unit_test(test_entries_write),
		cmocka_unit_test(test_csv2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
