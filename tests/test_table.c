/* test_table.c - the table model, cell formatting and every writer's exact
 * output on a small model table (golden strings, reviewed by hand), escaping,
 * decimal comma, xlsx bytes and content, and write errors. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "table.h"

#define EN_DASH "\xe2\x80\x93"

static char dir[128];

static int setup(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_test_table_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static int teardown(void **state)
{
	return setup(state);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	long n;
	char *buf;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return buf;
}

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);

	assert_non_null(p);
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return buf;
}

/* A model table as the report will build it: n, events, crude and
 * adjusted OR (95% CI) with p, a reference row, a suppressed row, a
 * continuous term, and labels that need escaping. */
static struct ko_table *model_table(void)
{
	struct ko_table *t = ko_table_new("model_1",
		"Out-of-home placement before age 18: odds ratios");
	int n, ev, c1, p1, c2, p2, r;

	assert_non_null(t);
	t->model = 1;
	assert_int_equal(ko_table_set_stub_header(t, "Characteristic"), KO_OK);
	n = ko_table_add_col(t, "n", NULL, KO_COL_N);
	ev = ko_table_add_col(t, "Events (%)", NULL, KO_COL_EVENTS);
	c1 = ko_table_add_col(t, "OR (95% CI)", "Crude", KO_COL_ESTIMATE);
	p1 = ko_table_add_col(t, "p", "Crude", KO_COL_P);
	c2 = ko_table_add_col(t, "OR (95% CI)", "Adjusted", KO_COL_ESTIMATE);
	p2 = ko_table_add_col(t, "p", "Adjusted", KO_COL_P);
	r = ko_table_add_row(t, "Social assistance, years", 0, "sa_years", NULL);
	ko_table_set_p(t, r, p1, 1.2e-9);
	ko_table_set_p(t, r, p2, 0.0004);
	r = ko_table_add_row(t, "0", 1, "sa_years", "0");
	ko_table_set_count(t, r, n, 51234);
	ko_table_set_count_pct(t, r, ev, 1021, 1.9928);
	ko_table_set_ref(t, r, c1);
	ko_table_set_ref(t, r, c2);
	r = ko_table_add_row(t, "1", 1, "sa_years", "1");
	ko_table_set_count(t, r, n, 3000);
	ko_table_set_count_pct(t, r, ev, 150, 5.0);
	ko_table_set_estimate(t, r, c1, 2.6, 2.18, 3.1);
	/* crude: a function of counts, its log CI the log of the shown ends */
	ko_table_set_log_ci(t, r, c1, 0.77932, 1.13146);
	ko_table_round_cell(t, r, c1);
	ko_table_set_estimate(t, r, c2, 2.41, 1.995, 2.9);
	ko_table_set_log_ci(t, r, c2, 0.69064405034182, 1.0647107369924282);
	r = ko_table_add_row(t, "4+ & <more>", 1, "sa_years", "4+");
	ko_table_set_count(t, r, n, 20);
	ko_table_set_count_pct(t, r, ev, 3, 15.0);
	ko_table_set_estimate(t, r, c1, 8.1, 2.5, 26.0);
	ko_table_set_estimate(t, r, c2, 5.24, 1.6, 17.1);
	ko_table_suppress(t, r, ev, KO_SUPP_PRIMARY);
	ko_table_suppress_row(t, r);
	r = ko_table_add_row(t, "Birth weight_g (per 100 g)", 0, "birth_weight", NULL);
	ko_table_set_estimate(t, r, c1, -0.05, -0.1, 0.0);
	ko_table_set_p(t, r, p1, 0.0495);
	assert_int_equal(ko_table_set_footnote(t, "Adjusted for sex, region & 50% of #things_."),
			 KO_OK);
	return t;
}

static const char golden_csv[] =
	"model,term,level,estimate,conf_low,conf_high,p_value,n,events,"
	"conf_low_log,conf_high_log\n"
	"Crude,sa_years,,,,,1.2e-09,,,,\n"
	"Crude,sa_years,0,1,,,,51234,1021,,\n"
	"Crude,sa_years,1,2.6,2.18,3.1,,3000,150,0.7793248768009977,"
	"1.1314021114911006\n"
	"Crude,sa_years,4+,,,,,,,,\n"
	"Crude,birth_weight,,-0.05,-0.1,0,0.0495,,,,\n"
	"Adjusted,sa_years,,,,,0.0004,,,,\n"
	"Adjusted,sa_years,0,1,,,,51234,1021,,\n"
	"Adjusted,sa_years,1,2.41,1.995,2.9,,3000,150,0.69064405034182,"
	"1.0647107369924282\n"
	"Adjusted,sa_years,4+,,,,,,,,\n";

static const char golden_md[] =
	"**Out-of-home placement before age 18: odds ratios**\n"
	"\n"
	"| Characteristic | n | Events (%) | Crude: OR (95% CI) | Crude: p | Adjusted: OR (95% CI) | Adjusted: p |\n"
	"|:---|---:|---:|---:|---:|---:|---:|\n"
	"| Social assistance, years |  |  |  | <0.001 |  | <0.001 |\n"
	"| &emsp;0 | 51234 | 1021 (2.0) | 1 (ref) |  | 1 (ref) |  |\n"
	"| &emsp;1 | 3000 | 150 (5.0) | 2.60 (2.18" EN_DASH "3.10) |  | 2.41 (2.00" EN_DASH "2.90) |  |\n"
	"| &emsp;4+ & \\<more> | x | <5 | x |  | x |  |\n"
	"| Birth weight\\_g (per 100 g) |  |  | -0.05 (-0.10 to 0.00) | 0.050 |  |  |\n"
	"\n"
	"Adjusted for sex, region & 50% of #things\\_.\n"
	"\n"
	"<5: fewer than 5 persons; x: suppressed so that a small count cannot be derived.\n";

static const char golden_html[] =
	"<table class=\"kohort-table\" id=\"model_1\">\n"
	"<caption>Out-of-home placement before age 18: odds ratios</caption>\n"
	"<thead>\n"
	"<tr><th scope=\"col\" rowspan=\"2\">Characteristic</th><th scope=\"col\" rowspan=\"2\">n</th><th scope=\"col\" rowspan=\"2\">Events (%)</th><th scope=\"colgroup\" colspan=\"2\">Crude</th><th scope=\"colgroup\" colspan=\"2\">Adjusted</th></tr>\n"
	"<tr><th scope=\"col\">OR (95% CI)</th><th scope=\"col\">p</th><th scope=\"col\">OR (95% CI)</th><th scope=\"col\">p</th></tr>\n"
	"</thead>\n"
	"<tbody>\n"
	"<tr class=\"level-0\"><th scope=\"row\">Social assistance, years</th><td></td><td></td><td></td><td>&lt;0.001</td><td></td><td>&lt;0.001</td></tr>\n"
	"<tr class=\"level-1\"><th scope=\"row\">0</th><td>51234</td><td>1021 (2.0)</td><td>1 (ref)</td><td></td><td>1 (ref)</td><td></td></tr>\n"
	"<tr class=\"level-1\"><th scope=\"row\">1</th><td>3000</td><td>150 (5.0)</td><td>2.60 (2.18" EN_DASH "3.10)</td><td></td><td>2.41 (2.00" EN_DASH "2.90)</td><td></td></tr>\n"
	"<tr class=\"level-1\"><th scope=\"row\">4+ &amp; &lt;more&gt;</th><td class=\"supp\">x</td><td class=\"supp\">&lt;5</td><td class=\"supp\">x</td><td></td><td class=\"supp\">x</td><td></td></tr>\n"
	"<tr class=\"level-0\"><th scope=\"row\">Birth weight_g (per 100 g)</th><td></td><td></td><td>-0.05 (-0.10 to 0.00)</td><td>0.050</td><td></td><td></td></tr>\n"
	"</tbody>\n"
	"<tfoot>\n"
	"<tr><td colspan=\"7\">Adjusted for sex, region &amp; 50% of #things_.</td></tr>\n"
	"<tr><td colspan=\"7\">&lt;5: fewer than 5 persons; x: suppressed so that a small count cannot be derived.</td></tr>\n"
	"</tfoot>\n"
	"</table>\n";

static const char golden_tex[] =
	"\\begin{table}[htbp]\n"
	"\\centering\n"
	"\\caption{Out-of-home placement before age 18: odds ratios}\n"
	"\\label{tab:model_1}\n"
	"\\begin{tabular}{lrrrrrr}\n"
	"\\toprule\n"
	" &  &  & \\multicolumn{2}{c}{Crude} & \\multicolumn{2}{c}{Adjusted} \\\\\n"
	"\\cmidrule(lr){4-5} \\cmidrule(lr){6-7}\n"
	"Characteristic & n & Events (\\%) & OR (95\\% CI) & p & OR (95\\% CI) & p \\\\\n"
	"\\midrule\n"
	"Social assistance, years &  &  &  & \\textless{}0.001 &  & \\textless{}0.001 \\\\\n"
	"\\quad 0 & 51234 & 1021 (2.0) & 1 (ref) &  & 1 (ref) &  \\\\\n"
	"\\quad 1 & 3000 & 150 (5.0) & 2.60 (2.18--3.10) &  & 2.41 (2.00--2.90) &  \\\\\n"
	"\\quad 4+ \\& \\textless{}more\\textgreater{} & x & \\textless{}5 & x &  & x &  \\\\\n"
	"Birth weight\\_g (per 100 g) &  &  & $-$0.05 ($-$0.10 to 0.00) & 0.050 &  &  \\\\\n"
	"\\bottomrule\n"
	"\\end{tabular}\n"
	"\n"
	"\\smallskip\n"
	"{\\footnotesize Adjusted for sex, region \\& 50\\% of \\#things\\_. \\textless{}5: fewer than 5 persons; x: suppressed so that a small count cannot be derived.\\par}\n"
	"\\end{table}\n";

static const char golden_md_fi[] =
	"**Out-of-home placement before age 18: odds ratios**\n"
	"\n"
	"| Characteristic | n | Events (%) | Crude: OR (95% CI) | Crude: p | Adjusted: OR (95% CI) | Adjusted: p |\n"
	"|:---|---:|---:|---:|---:|---:|---:|\n"
	"| Social assistance, years |  |  |  | <0,001 |  | <0,001 |\n"
	"| &emsp;0 | 51 234 | 1 021 (2,0) | 1 (ref) |  | 1 (ref) |  |\n"
	"| &emsp;1 | 3 000 | 150 (5,0) | 2,60 (2,18" EN_DASH "3,10) |  | 2,41 (2,00" EN_DASH "2,90) |  |\n"
	"| &emsp;4+ & \\<more> | x | <5 | x |  | x |  |\n"
	"| Birth weight\\_g (per 100 g) |  |  | -0,05 (-0,10 to 0,00) | 0,050 |  |  |\n"
	"\n"
	"Adjusted for sex, region & 50% of #things\\_.\n"
	"\n"
	"<5: fewer than 5 persons; x: suppressed so that a small count cannot be derived.\n";

static void check_written(const struct ko_table *t, enum ko_table_format f,
			  const struct ko_number_format *fmt, const char *name,
			  const char *want)
{
	char path[256];
	struct ko_err err;
	char *got;

	snprintf(path, sizeof(path), "%s/tables/%s", dir, name);
	assert_int_equal(ko_table_write(t, f, fmt, path, &err), KO_OK);
	got = slurp(path, NULL);
	assert_string_equal(got, want);
	free(got);
}

static void test_writers_golden(void **state)
{
	struct ko_table *t = model_table();
	struct ko_number_format fmt;

	(void)state;
	ko_format_init(&fmt);
	check_written(t, KO_TABLE_CSV, &fmt, "model_1.csv", golden_csv);
	check_written(t, KO_TABLE_MD, &fmt, "model_1.md", golden_md);
	check_written(t, KO_TABLE_HTML, &fmt, "model_1.html", golden_html);
	check_written(t, KO_TABLE_TEX, &fmt, "model_1.tex", golden_tex);
	/* Finnish: decimal comma and digit groups everywhere but the csv */
	fmt.decimal_mark = ',';
	fmt.thousands_sep = " ";
	check_written(t, KO_TABLE_MD, &fmt, "model_1_fi.md", golden_md_fi);
	check_written(t, KO_TABLE_CSV, &fmt, "model_1_fi.csv", golden_csv);
	ko_table_free(t);
}

/* One estimate column: exactly the broom columns, no "model". */
static void test_csv_single_model(void **state)
{
	struct ko_table *t = ko_table_new("m", "Single");
	struct ko_number_format fmt;
	int n, e, est, p, r;

	(void)state;
	ko_format_init(&fmt);
	t->model = 1;
	n = ko_table_add_col(t, "n", NULL, KO_COL_N);
	e = ko_table_add_col(t, "events", NULL, KO_COL_EVENTS);
	est = ko_table_add_col(t, "RR (95% CI)", NULL, KO_COL_ESTIMATE);
	p = ko_table_add_col(t, "p", NULL, KO_COL_P);
	r = ko_table_add_row(t, "Sex", 0, "sex", NULL);
	r = ko_table_add_row(t, "girl", 1, "sex", "girl");
	ko_table_set_count(t, r, n, 100);
	ko_table_set_count(t, r, e, 10);
	ko_table_set_ref(t, r, est);
	r = ko_table_add_row(t, "boy, \"b\"", 1, "sex", "boy, \"b\"");
	ko_table_set_count(t, r, n, 120);
	ko_table_set_count(t, r, e, 30);
	ko_table_set_estimate(t, r, est, 0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0);
	ko_table_set_p(t, r, p, 1e-300);
	check_written(t, KO_TABLE_CSV, &fmt, "single.csv",
		      "term,level,estimate,conf_low,conf_high,p_value,n,events,"
		      "conf_low_log,conf_high_log\n"
		      "sex,girl,1,,,,100,10,,\n"
		      "sex,\"boy, \"\"b\"\"\",0.30000000000000004,"
		      "0.3333333333333333,0.6666666666666666,1e-300,120,30,,\n");
	ko_table_free(t);
}

/* conf_low_log/conf_high_log (issue 15): an estimate beyond +-709 keeps
 * its log CI where the ratio scale is empty (Inf); an open profile end is
 * -Inf; a suppressed cell and one without a log CI are empty; a crude cell
 * (rounded) has the log of its shown ends, empty where an end shows 0.00;
 * with a note column the log columns still come last. */
static void test_csv_log_ci(void **state)
{
	struct ko_table *t = ko_table_new("m", "Edges");
	struct ko_number_format fmt;
	int est, p, r;

	(void)state;
	ko_format_init(&fmt);
	t->model = 1;
	t->threshold = 5;
	est = ko_table_add_col(t, "OR (95% CI)", NULL, KO_COL_ESTIMATE);
	p = ko_table_add_col(t, "p", NULL, KO_COL_P);
	r = ko_table_add_row(t, "big", 0, "big", NULL);
	ko_table_set_estimate(t, r, est, exp(800.0), exp(755.0), exp(940.5));
	ko_table_set_log_ci(t, r, est, 755.0, 940.5);
	r = ko_table_add_row(t, "open", 0, "open", NULL);
	ko_table_set_estimate(t, r, est, 0.5, 0.0, 2.0);
	ko_table_set_log_ci(t, r, est, -INFINITY, log(2.0));
	r = ko_table_add_row(t, "hidden", 0, "hidden", NULL);
	ko_table_set_estimate(t, r, est, 3.0, 2.0, 4.0);
	ko_table_set_log_ci(t, r, est, log(2.0), log(4.0));
	ko_table_suppress(t, r, est, KO_SUPP_DERIVED);
	r = ko_table_add_row(t, "crude", 0, "crude", NULL);
	ko_table_set_estimate(t, r, est, 0.02, 0.004, 0.09);
	ko_table_set_log_ci(t, r, est, log(0.004), log(0.0913));
	ko_table_round_cell(t, r, est);
	r = ko_table_add_row(t, "sep", 0, "sep", NULL);
	assert_int_equal(ko_table_set_text(t, r, est, KO_TABLE_MARK_SEPARATED), KO_OK);
	assert_int_equal(ko_table_set_text(t, r, p, KO_TABLE_MARK_SEPARATED), KO_OK);
	check_written(t, KO_TABLE_CSV, &fmt, "edges.csv",
		      "term,level,estimate,conf_low,conf_high,p_value,n,events,note,"
		      "conf_low_log,conf_high_log\n"
		      "big,,,,,,,,,755,940.5\n"
		      "open,,0.5,0,2,,,,,-Inf,0.6931471805599453\n"
		      "hidden,,,,,,,,,,\n"
		      "crude,,0.02,0,0.09,,,,,,-2.4079456086518722\n"
		      "sep,,,,,,,,separated,,\n");
	ko_table_free(t);
}

/* A non-model table: the long tidy layout, one line per value. */
static void test_csv_long_layout(void **state)
{
	struct ko_table *t = ko_table_new("table1", "Characteristics");
	struct ko_number_format fmt;
	int all, smd, r;

	(void)state;
	ko_format_init(&fmt);
	all = ko_table_add_col(t, "All", "Cohort", KO_COL_OTHER);
	smd = ko_table_add_col(t, "SMD", NULL, KO_COL_OTHER);
	r = ko_table_add_row(t, "Birth weight, g", 0, "birth_weight_g", NULL);
	ko_table_set_mean_sd(t, r, all, 3512.25, 480.5);
	ko_table_set_number(t, r, smd, 0.125);
	r = ko_table_add_row(t, "Gestational weeks", 0, "gest", NULL);
	ko_table_set_median_iqr(t, r, all, 40, 38.5, 41);
	r = ko_table_add_row(t, "Region", 0, "region", "Kainuu");
	ko_table_set_count_pct(t, r, all, 3, 0.5);
	ko_table_suppress(t, r, all, KO_SUPP_PRIMARY);
	ko_table_set_text(t, r, smd, "n/a");
	check_written(t, KO_TABLE_CSV, &fmt, "table1.csv",
		      "term,level,column,statistic,value,note\n"
		      "birth_weight_g,,Cohort: All,mean,3512.25,\n"
		      "birth_weight_g,,Cohort: All,sd,480.5,\n"
		      "birth_weight_g,,SMD,value,0.125,\n"
		      "gest,,Cohort: All,median,40,\n"
		      "gest,,Cohort: All,q1,38.5,\n"
		      "gest,,Cohort: All,q3,41,\n"
		      "region,Kainuu,Cohort: All,n,,<5\n"
		      "region,Kainuu,Cohort: All,percent,,suppressed\n"
		      "region,Kainuu,SMD,text,n/a,\n");
	check_written(t, KO_TABLE_MD, &fmt, "table1.md",
		      "**Characteristics**\n\n"
		      "|  | Cohort: All | SMD |\n"
		      "|:---|---:|---:|\n"
		      "| Birth weight, g | 3512.2 (480.5) | 0.12 |\n"
		      "| Gestational weeks | 40.0 (38.5" EN_DASH "41.0) |  |\n"
		      "| Region | <5 | n/a |\n"
		      "\n"
		      "<5: fewer than 5 persons; x: suppressed so that a small "
		      "count cannot be derived.\n");
	ko_table_free(t);
}

static void cell_is(struct ko_table *t, const struct ko_number_format *fmt,
		    const char *want)
{
	char buf[128];
	int n = ko_table_cell_text(t, ko_table_cell(t, 0, 0), fmt, buf, sizeof(buf));

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_cell_formatting(void **state)
{
	struct ko_table *t = ko_table_new("f", "Formatting");
	struct ko_number_format fmt;
	char small[6];

	(void)state;
	ko_format_init(&fmt);
	ko_table_add_col(t, "x", NULL, KO_COL_OTHER);
	ko_table_add_row(t, "r", 0, NULL, NULL);
	ko_table_set_count(t, 0, 0, 1234567);
	cell_is(t, &fmt, "1234567");
	fmt.thousands_sep = " ";
	cell_is(t, &fmt, "1 234 567");
	ko_table_set_count(t, 0, 0, 123);
	cell_is(t, &fmt, "123");
	ko_table_set_count(t, 0, 0, 1000);
	cell_is(t, &fmt, "1 000");
	fmt.thousands_sep = NULL;
	ko_table_set_p(t, 0, 0, 0.00099);
	cell_is(t, &fmt, "<0.001");
	ko_table_set_p(t, 0, 0, 0.001);
	cell_is(t, &fmt, "0.001");
	ko_table_set_p(t, 0, 0, 0.04449);
	cell_is(t, &fmt, "0.044");
	fmt.p_floor = 0.0001; /* more decimals than digits_p: shown in full */
	ko_table_set_p(t, 0, 0, 0.00001);
	cell_is(t, &fmt, "<0.0001");
	fmt.p_floor = 0.001;
	ko_table_set_p(t, 0, 0, NAN);
	cell_is(t, &fmt, "NA");
	ko_table_set_percent(t, 0, 0, -0.04); /* no "-0.0" */
	cell_is(t, &fmt, "0.0");
	ko_table_set_estimate(t, 0, 0, -0.5, -1.25, 0.25);
	cell_is(t, &fmt, "-0.50 (-1.25 to 0.25)");
	ko_table_set_estimate(t, 0, 0, 1.5, 1.25, 2.0);
	fmt.decimal_mark = ',';
	cell_is(t, &fmt, "1,50 (1,25" EN_DASH "2,00)");
	ko_table_set_ref(t, 0, 0);
	cell_is(t, &fmt, "1 (ref)");
	ko_table_set_mean_sd(t, 0, 0, 12.345, 0.05);
	fmt.digits_mean = 2;
	cell_is(t, &fmt, "12,35 (0,05)");
	/* a median of whole-valued data (issue #18 item 5): no decimals
	 * whatever digits_mean says, rounded; the next setter clears it */
	ko_table_set_median_iqr(t, 0, 0, 3500, 3127.75, 3880.5);
	cell_is(t, &fmt, "3500,00 (3127,75" EN_DASH "3880,50)");
	ko_table_whole_cell(t, 0, 0);
	cell_is(t, &fmt, "3500 (3128" EN_DASH "3880)");
	ko_table_set_median_iqr(t, 0, 0, 3500, 3127.75, 3880.5);
	cell_is(t, &fmt, "3500,00 (3127,75" EN_DASH "3880,50)");
	/* suppressed: the value is never formatted */
	ko_table_set_count_pct(t, 0, 0, 3, 42.0);
	ko_table_suppress(t, 0, 0, KO_SUPP_PRIMARY);
	t->threshold = 10;
	cell_is(t, &fmt, "<10");
	ko_table_suppress(t, 0, 0, KO_SUPP_SECONDARY);
	cell_is(t, &fmt, "x");
	fmt.supp_mark = "..";
	cell_is(t, &fmt, "..");
	ko_table_set_mean_sd(t, 0, 0, 3, 1);
	ko_table_suppress(t, 0, 0, KO_SUPP_PRIMARY); /* not a count: the mark */
	cell_is(t, &fmt, "..");
	/* a short buffer: truncated, the full length returned */
	ko_table_set_count(t, 0, 0, 1234567);
	assert_int_equal(ko_table_cell_text(t, ko_table_cell(t, 0, 0), &fmt, small,
					    sizeof(small)),
			 7);
	assert_string_equal(small, "12345");
	ko_table_free(t);
}

/* The effect-measure cells: a difference's "0 (ref)", percentages with a
 * CI (risk differences in percentage points, attributable fractions) and
 * estimated counts with a CI (attributable cases); in the tidy csv they
 * keep full precision, and a suppressed estimated count shows "<T" and no
 * number anywhere. */
static void test_effect_cells(void **state)
{
	struct ko_table *t = ko_table_new("e", "Effects");
	struct ko_number_format fmt;
	char path[256], *csv, *md;
	struct ko_err err;
	int c_n, c_rd, r0, r1, r2;

	(void)state;
	ko_format_init(&fmt);
	t->model = 1;
	c_n = ko_table_add_col(t, "n", NULL, KO_COL_N);
	c_rd = ko_table_add_col(t, "RD, percentage points (95% CI)",
				"Adjusted RD", KO_COL_ESTIMATE);
	r0 = ko_table_add_row(t, "0", 1, "sa_years", "0");
	r1 = ko_table_add_row(t, "1", 1, "sa_years", "1");
	r2 = ko_table_add_row(t, "Attributable cases, n (95% CI)", 0, "(model)",
			      "attributable_cases");
	ko_table_set_count(t, r0, c_n, 7444);
	ko_table_set_count(t, r1, c_n, 727);
	ko_table_set_ref_value(t, r0, c_rd, 0);
	ko_table_set_pct_ci(t, r1, c_rd, 3.690634600733506, 1.9769588717549704,
			    5.4043103297120405);
	ko_table_set_count_ci(t, r2, c_rd, 151.77375791969305, 125.156,
			      175.84155);
	assert_int_equal(ko_table_cell(t, r0, c_rd)->kind, KO_CELL_REF);
	{
		char buf[64];

		ko_table_cell_text(t, ko_table_cell(t, r0, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "0 (ref)");
		ko_table_cell_text(t, ko_table_cell(t, r1, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "3.7 (2.0" EN_DASH "5.4)");
		ko_table_cell_text(t, ko_table_cell(t, r2, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "152 (125" EN_DASH "176)");
		fmt.decimal_mark = ',';
		fmt.thousands_sep = " ";
		ko_table_set_pct_ci(t, r1, c_rd, -0.04, -1.26, 2.5);
		ko_table_cell_text(t, ko_table_cell(t, r1, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "0,0 (-1,3 to 2,5)");
		ko_table_set_count_ci(t, r2, c_rd, 1520.4, -0.3, 1760);
		ko_table_cell_text(t, ko_table_cell(t, r2, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "1 520 (0" EN_DASH "1 760)");
		ko_format_init(&fmt);
		ko_table_set_pct_ci(t, r1, c_rd, 3.690634600733506,
				    1.9769588717549704, 5.4043103297120405);
		/* a small estimated count: "<T", never the number */
		ko_table_set_count_ci(t, r2, c_rd, 3.2, 1.1, 5.3);
		ko_table_suppress(t, r2, c_rd, KO_SUPP_PRIMARY);
		t->threshold = 5;
		ko_table_cell_text(t, ko_table_cell(t, r2, c_rd), &fmt, buf,
				   sizeof(buf));
		assert_string_equal(buf, "<5");
	}
	ko_err_clear(&err);
	snprintf(path, sizeof(path), "%s/e.csv", dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt, path, &err), KO_OK);
	csv = slurp(path, NULL);
	assert_string_equal(csv,
		"term,level,estimate,conf_low,conf_high,p_value,n,events,"
		"conf_low_log,conf_high_log\n"
		"sa_years,0,0,,,,7444,,,\n"
		"sa_years,1,3.690634600733506,1.9769588717549704,"
		"5.4043103297120405,,727,,,\n"
		"(model),attributable_cases,,,,,,,,\n");
	free(csv);
	snprintf(path, sizeof(path), "%s/e.md", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_MD, &fmt, path, &err), KO_OK);
	md = slurp(path, NULL);
	assert_non_null(strstr(md, "| &emsp;0 | 7444 | 0 (ref) |"));
	assert_non_null(strstr(md, "| Attributable cases, n (95% CI) |  | <5 |"));
	assert_null(strstr(md, "3.2"));
	free(md);
	ko_table_free(t);
}

/* Escaping: every special character of each format in a label. */
static void test_escaping(void **state)
{
	struct ko_table *t = ko_table_new("esc_1", "A <b>&\"quoted\"</b> 'title'");
	struct ko_number_format fmt;
	char path[256];
	char *got;
	struct ko_err err;

	(void)state;
	ko_format_init(&fmt);
	ko_table_add_col(t, "50% & more", NULL, KO_COL_OTHER);
	ko_table_add_row(t, "a_b #1 $x {y} ~z ^w \\v |u *t* `s` [r]", 0, NULL, NULL);
	ko_table_set_text(t, 0, 0, "<script>");
	snprintf(path, sizeof(path), "%s/esc.tex", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_TEX, &fmt, path, &err), KO_OK);
	got = slurp(path, NULL);
	assert_non_null(strstr(got, "\\caption{A \\textless{}b\\textgreater{}\\&\"quoted\"\\textless{}/b\\textgreater{} 'title'}"));
	assert_non_null(strstr(got, "& 50\\% \\& more \\\\"));
	assert_non_null(strstr(got, "a\\_b \\#1 \\$x \\{y\\} \\textasciitilde{}z "
				    "\\textasciicircum{}w \\textbackslash{}v |u *t* `s` [r] & "
				    "\\textless{}script\\textgreater{} \\\\"));
	free(got);
	snprintf(path, sizeof(path), "%s/esc.md", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_MD, &fmt, path, &err), KO_OK);
	got = slurp(path, NULL);
	assert_non_null(strstr(got, "| a\\_b #1 $x {y} ~z ^w \\\\v \\|u \\*t\\* \\`s\\` "
				    "\\[r\\] | \\<script> |"));
	free(got);
	snprintf(path, sizeof(path), "%s/esc.html", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_HTML, &fmt, path, &err), KO_OK);
	got = slurp(path, NULL);
	assert_non_null(strstr(got, "<caption>A &lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt; &#39;title&#39;</caption>"));
	assert_non_null(strstr(got, "<td>&lt;script&gt;</td>"));
	assert_null(strstr(got, "<script"));
	free(got);
	ko_table_free(t);
}

/* Header and stub labels in html keep a number range with the word after
 * it ("2-3", "2–3 years") and a sign with the word after it ("(< 2500")
 * in a span that does not wrap (a narrow column read "2-" over "3"); a
 * hyphen between letters ("Etelä-Karjala") may break as before, and the
 * span is well-formed. */
static void test_html_nowrap(void **state)
{
	static const char *const nw = "<span style=\"white-space:nowrap\">";
	struct ko_table *t = ko_table_new("t1", "T");
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256], cmd[512], want[256];
	char *got, *out;

	(void)state;
	ko_format_init(&fmt);
	ko_table_add_col(t, "2-3", "Social assistance, years", KO_COL_OTHER);
	ko_table_add_col(t, "2" EN_DASH "3 years", "Social assistance, years",
			 KO_COL_OTHER);
	ko_table_add_col(t, "2-3 or missing, N = 667", NULL, KO_COL_OTHER);
	ko_table_add_col(t, "OR (95 %:n lv)", NULL, KO_COL_OTHER);
	ko_table_add_row(t, "Low birth weight (< 2500 g)", 0, NULL, NULL);
	ko_table_add_row(t, "Etel\xc3\xa4-Karjala", 1, NULL, NULL);
	ko_table_add_row(t, "Risk (%)", 1, NULL, NULL);
	snprintf(path, sizeof(path), "%s/nowrap.html", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_HTML, &fmt, path, &err), KO_OK);
	got = slurp(path, NULL);
	snprintf(want, sizeof(want), "<th scope=\"col\">%s2-3</span></th>", nw);
	assert_non_null(strstr(got, want));
	snprintf(want, sizeof(want), "<th scope=\"col\">%s2" EN_DASH "3 years"
		 "</span></th>", nw);
	assert_non_null(strstr(got, want));
	snprintf(want, sizeof(want), "%s2-3 or</span> missing, N %s= 667</span>",
		 nw, nw);
	assert_non_null(strstr(got, want));
	snprintf(want, sizeof(want), "<th scope=\"col\" rowspan=\"2\">OR "
		 "%s(95 %%:n</span> lv)", nw);
	assert_non_null(strstr(got, want));
	snprintf(want, sizeof(want), "Low birth weight %s(&lt; 2500</span> g)", nw);
	assert_non_null(strstr(got, want));
	assert_non_null(strstr(got, "<th scope=\"row\">Etel\xc3\xa4-Karjala</th>"));
	/* a sign at the end has no word to keep: no span */
	assert_non_null(strstr(got, "<th scope=\"row\">Risk (%)</th>"));
	assert_null(strstr(got, "Social assistance, years</span>"));
	free(got);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s 2>&1", path);
	out = run(cmd);
	assert_string_equal(out, "");
	free(out);
	ko_table_free(t);
}

/* The html fragment is well-formed XML and the page is valid HTML with no
 * parser complaints (xmllint, Debian libxml2-utils). */
static void test_html_parses(void **state)
{
	struct ko_table *t = model_table();
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256], cmd[512];
	char *out;

	(void)state;
	ko_format_init(&fmt);
	snprintf(path, sizeof(path), "%s/frag.html", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_HTML, &fmt, path, &err), KO_OK);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s 2>&1", path);
	out = run(cmd);
	assert_string_equal(out, "");
	free(out);
	snprintf(path, sizeof(path), "%s/page.html", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_HTML_PAGE, &fmt, path, &err), KO_OK);
	snprintf(cmd, sizeof(cmd), "xmllint --html --noout %s 2>&1", path);
	out = run(cmd);
	assert_string_equal(out, "");
	free(out);
	out = slurp(path, NULL);
	assert_true(!strncmp(out, "<!DOCTYPE html>\n", 16));
	assert_non_null(strstr(out, golden_html)); /* the fragment, unchanged */
	free(out);
	ko_table_free(t);
}

/* Cell ref of a sheet's XML is a number (no t="s") holding value. */
static void xlsx_number(const char *xml, const char *ref, const char *value)
{
	char key[32], v[64];
	const char *c, *end;

	snprintf(key, sizeof(key), "<c r=\"%s\"", ref);
	snprintf(v, sizeof(v), "<v>%s</v>", value);
	c = strstr(xml, key);
	if (!c)
		fail_msg("xlsx: no cell %s", ref);
	end = strstr(c, "</c>");
	assert_non_null(end);
	if (strstr(c, "t=\"") && strstr(c, "t=\"") < strchr(c, '>'))
		fail_msg("xlsx: cell %s is not a number", ref);
	c = strstr(c, v);
	if (!c || c > end)
		fail_msg("xlsx: cell %s does not hold %s", ref, value);
}

/* tables.xlsx: one sheet per table, the same bytes on every run, cells
 * as numbers where they are single numbers, and a model table's estimates
 * and CI bounds as numbers in their own columns. */
static void test_xlsx(void **state)
{
	struct ko_table *tables[3];
	struct ko_number_format fmt;
	struct ko_err err;
	char a[256], b[256], cmd[512];
	char *bytes_a, *bytes_b, *xml;
	size_t len_a, len_b;

	(void)state;
	ko_format_init(&fmt);
	fmt.decimal_mark = ',';
	tables[0] = model_table();
	tables[1] = model_table(); /* same name: a unique sheet name */
	tables[2] = ko_table_new("a/very:long[name]with*bad?chars_and_more", "T");
	ko_table_add_col(tables[2], "p", NULL, KO_COL_P);
	ko_table_add_row(tables[2], "x", 0, NULL, NULL);
	ko_table_add_row(tables[2], "y", 0, NULL, NULL);
	ko_table_set_p(tables[2], 0, 0, 0.25);
	ko_table_set_p(tables[2], 1, 0, 0.00001);
	snprintf(a, sizeof(a), "%s/a/tables.xlsx", dir);
	snprintf(b, sizeof(b), "%s/b/tables.xlsx", dir);
	assert_int_equal(ko_table_write_xlsx(tables, 3, &fmt, a, &err), KO_OK);
	sleep(1); /* a time stamp would now differ */
	assert_int_equal(ko_table_write_xlsx(tables, 3, &fmt, b, &err), KO_OK);
	bytes_a = slurp(a, &len_a);
	bytes_b = slurp(b, &len_b);
	assert_true(!strncmp(bytes_a, "PK\x03\x04", 4));
	assert_int_equal(len_a, len_b);
	assert_memory_equal(bytes_a, bytes_b, len_a);
	free(bytes_a);
	free(bytes_b);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/workbook.xml", a);
	xml = run(cmd);
	assert_non_null(strstr(xml, "<sheet name=\"model_1\" sheetId=\"1\""));
	assert_non_null(strstr(xml, "<sheet name=\"model_1_2\" sheetId=\"2\""));
	assert_non_null(strstr(xml, "<sheet name=\"a_very_long_name_with_bad_chars\" sheetId=\"3\""));
	free(xml);
	snprintf(cmd, sizeof(cmd), "unzip -p %s docProps/core.xml", a);
	xml = run(cmd);
	assert_non_null(strstr(xml, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z"));
	free(xml);
	/* counts are numbers; composite cells are text with the decimal comma;
	 * a suppressed count is the text "<5" */
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/worksheets/sheet1.xml", a);
	xml = run(cmd);
	assert_non_null(strstr(xml, "<v>51234</v>"));
	{ /* B8, the suppressed row's n (20), is the text "x", not a number */
		char *b8 = strstr(xml, "<c r=\"B8\"");

		assert_non_null(b8);
		assert_non_null(strstr(b8, "t=\"s\""));
		assert_true(strstr(b8, "t=\"s\"") < strchr(b8, '>'));
	}
	/* the estimate columns' numbers right of the table (column I on:
	 * crude estimate, conf_low, conf_high, then adjusted), as numbers;
	 * the reference level's 1 alone; a suppressed row text; the
	 * adjusted model's missing birth weight row nothing */
	xlsx_number(xml, "I7", "2.6");
	xlsx_number(xml, "J7", "2.18");
	xlsx_number(xml, "K7", "3.1");
	xlsx_number(xml, "L7", "2.41");
	xlsx_number(xml, "M7", "1.995");
	xlsx_number(xml, "N7", "2.9");
	xlsx_number(xml, "I6", "1");
	xlsx_number(xml, "L6", "1");
	assert_null(strstr(xml, "<c r=\"J6\""));
	xlsx_number(xml, "I9", "-0.05");
	xlsx_number(xml, "K9", "0");
	assert_null(strstr(xml, "<c r=\"L9\""));
	{
		char *i8 = strstr(xml, "<c r=\"I8\"");

		assert_non_null(i8);
		assert_true(strstr(i8, "t=\"s\"") < strchr(i8, '>'));
	}
	free(xml);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/sharedStrings.xml", a);
	xml = run(cmd);
	assert_non_null(strstr(xml, "<t>2,60 (2,18" EN_DASH "3,10)</t>"));
	assert_non_null(strstr(xml, "<t>&lt;5</t>"));
	assert_non_null(strstr(xml, "<t>&lt;0,001</t>"));
	assert_non_null(strstr(xml, "<t>conf_high</t>"));
	assert_null(strstr(xml, "8,10")); /* suppressed estimate never written */
	free(xml);
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/worksheets/sheet3.xml", a);
	xml = run(cmd);
	assert_non_null(strstr(xml, "<v>0.25</v>"));
	free(xml);
	ko_table_free(tables[0]);
	ko_table_free(tables[1]);
	ko_table_free(tables[2]);
}

/* The .tex compiles with pdflatex (article, booktabs, T1 + utf8) and its
 * label is what \\ref{tab:NAME} finds: the model table, with its escaped
 * specials, en dashes and a group header, and a table named with '_' in a
 * document that refers to it.  Skipped when pdflatex is not installed
 * (Debian: texlive-latex-base, texlive-latex-recommended). */
static void test_tex_compiles(void **state)
{
	struct ko_table *t = model_table(), *big = ko_table_new("long_one", "Long");
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256], cmd[1024], label[32];
	char *log;
	FILE *fp;
	int c, r;

	(void)state;
	if (system("command -v pdflatex >/dev/null 2>&1")) {
		ko_table_free(t);
		ko_table_free(big);
		skip();
	}
	/* 41 rows or more: a longtable over pages, its header repeated */
	assert_non_null(big);
	c = ko_table_add_col(big, "n", "Group_1", KO_COL_N);
	for (r = 0; r < 120; r++) {
		snprintf(label, sizeof(label), "row %d", r);
		assert_int_equal(ko_table_add_row(big, label, r % 2, NULL, NULL), r);
		ko_table_set_count(big, r, c, r);
	}
	assert_int_equal(ko_table_set_footnote(big, "Note & 5%."), KO_OK);
	ko_format_init(&fmt);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/model_1.tex", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_TEX, &fmt, path, &err), KO_OK);
	log = slurp(path, NULL);
	assert_non_null(strstr(log, "\\begin{table}"));
	free(log);
	snprintf(path, sizeof(path), "%s/long_one.tex", dir);
	assert_int_equal(ko_table_write(big, KO_TABLE_TEX, &fmt, path, &err), KO_OK);
	log = slurp(path, NULL);
	assert_non_null(strstr(log, "\\begin{longtable}{lr}\n\\caption{Long}\n"
				    "\\label{tab:long_one} \\\\\n"));
	assert_non_null(strstr(log, "\\endhead\n"));
	assert_null(strstr(log, "\\begin{table}"));
	free(log);
	snprintf(path, sizeof(path), "%s/doc.tex", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
	      "\\usepackage[utf8]{inputenc}\n\\usepackage{booktabs}\n"
	      "\\usepackage{longtable}\n"
	      "\\begin{document}\nSee Tables~\\ref{tab:model_1} and "
	      "\\ref{tab:long_one}.\n\\input{model_1.tex}\n"
	      "\\input{long_one.tex}\n\\end{document}\n", fp);
	fclose(fp);
	/* twice: the second run resolves the reference from the .aux */
	snprintf(cmd, sizeof(cmd), "cd %s && for i in 1 2; do pdflatex "
		 "-interaction=nonstopmode -halt-on-error doc.tex >/dev/null "
		 "2>&1 || exit 1; done", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cat %s/doc.log", dir);
	log = run(cmd);
	assert_null(strstr(log, "undefined"));
	assert_null(strstr(log, "Missing character"));
	{ /* 120 rows: the longtable breaks over pages (4 with TeX Live 2022) */
		const char *w = strstr(log, "Output written on doc.pdf (");

		assert_non_null(w);
		assert_true(atoi(w + strlen("Output written on doc.pdf (")) >= 3);
	}
	free(log);
	ko_table_free(t);
	ko_table_free(big);
}

/* Errors name the file; nothing half-written is left behind. */
static void test_write_errors(void **state)
{
	struct ko_table *t = model_table();
	struct ko_number_format fmt;
	struct ko_err err;
	char path[256], cmd[512];
	char *out;
	FILE *fp;

	(void)state;
	ko_format_init(&fmt);
	snprintf(path, sizeof(path), "%s/blocker", dir);
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", dir);
	assert_int_equal(system(cmd), 0);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	/* a folder where a file is */
	snprintf(path, sizeof(path), "%s/blocker/t.md", dir);
	assert_int_equal(ko_table_write(t, KO_TABLE_MD, &fmt, path, &err), KO_ERR_IO);
	assert_non_null(strstr(err.file, "blocker"));
	assert_int_equal(ko_table_write_xlsx(&t, 1, &fmt, path, &err), KO_ERR_IO);
	snprintf(cmd, sizeof(cmd), "ls -A %s", dir);
	out = run(cmd);
	assert_string_equal(out, "blocker\n");
	free(out);
	ko_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell_formatting),
		cmocka_unit_test_setup_teardown(test_effect_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writers_golden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_single_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_log_ci, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_long_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escaping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_nowrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_parses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tex_compiles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
