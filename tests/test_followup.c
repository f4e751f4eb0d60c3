/* test_followup.c - follow-up per child ([cohort] entry, follow_up,
 * end_of_data, death, emigration, event), end to end through kohort run
 * on small hand-made extracts: every exit reason, every tie rule, every
 * exclusion (counted in the flow), the analysis dataset's columns, the
 * follow-up table, the fu_* values in a rule, and the config's errors.
 * The example study's per-child follow-up is checked against R in
 * test_run.c (tests/reference/derive.R). */
#include "ko_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "config.h"
#include "run_support.h"

/* Each scenario three times (ids X1..X3), so that every count is at least
 * the threshold 3 and nothing is suppressed. */
struct child {
	const char *id, *birth, *death, *emig, *event;
	/* expected: entry, exit, days, status, reason; or the flow row */
	const char *entry, *exit;
	long days;
	int status;
	const char *reason;
};

/* end age 10, end of data 2012-06-30; birth 2000-01-01 is day 10957 */
static const struct child kids[] = {
	{ "A", "2000-01-01", "", "", "2005-03-01",
	  "2000-01-01", "2005-03-01", 1886, 1, "event" },
	{ "B", "2000-01-01", "2004-01-01", "", "",
	  "2000-01-01", "2004-01-01", 1461, 0, "death" },
	{ "C", "2000-01-01", "", "2006-01-01", "",
	  "2000-01-01", "2006-01-01", 2192, 0, "emigration" },
	{ "D", "2000-01-01", "", "", "",
	  "2000-01-01", "2010-01-01", 3653, 0, "end_age" },
	/* 10th birthday 2013-01-01 is after the end of data */
	{ "E", "2003-01-01", "", "", "",
	  "2003-01-01", "2012-06-30", 3468, 0, "end_of_data" },
	/* an event on the 10th birthday is not followed */
	{ "H", "2000-01-01", "", "", "2010-01-01",
	  "2000-01-01", "2010-01-01", 3653, 0, "end_age" },
	/* event and death the same day: the event */
	{ "I", "2000-01-01", "2003-05-05", "", "2003-05-05",
	  "2000-01-01", "2003-05-05", 1220, 1, "event" },
	/* death and emigration the same day: death */
	{ "J", "2000-01-01", "2002-02-02", "2002-02-02", "",
	  "2000-01-01", "2002-02-02", 763, 0, "death" },
	/* death at 9, an event at 11 (after the end age): not inconsistent */
	{ "L", "2000-01-01", "2009-01-01", "", "2011-01-01",
	  "2000-01-01", "2009-01-01", 3288, 0, "death" },
	/* an event on the end of data counts */
	{ "M", "2003-01-01", "", "", "2012-06-30",
	  "2003-01-01", "2012-06-30", 3468, 1, "event" },
	/* exclusions */
	{ "F", "2000-01-01", "2004-01-01", "", "2005-01-01",
	  NULL, NULL, 0, 0, "inconsistent dates: event after death or emigration" },
	{ "G", "2000-01-01", "1999-06-01", "", "",
	  NULL, NULL, 0, 0, "follow-up ends before entry (exit date before the "
	  "entry date)" },
	{ "K", "", "", "", "",
	  NULL, NULL, 0, 0, "no date to start follow-up (birth or entry date "
	  "missing)" },
};
#define N_KIDS (sizeof(kids) / sizeof(kids[0]))

static const char config[] =
	"[study]\nname = fu\noutput = %s/out\ndisclosure_threshold = %d\n"
	"[extract birth]\nfile = %s/birth.csv\nperson = id\nunique = yes\n"
	"column id = id\ncolumn bd = date\n"
	"[extract population]\nfile = %s/pop.csv\nperson = id\nunique = yes\n"
	"column id = id\ncolumn death = date\ncolumn emig = date\n"
	"column start = date\n"
	"[extract events]\nfile = %s/events.csv\nperson = id\n"
	"column id = id\ncolumn day = date\n"
	"[cohort]\nbase = birth\nbirth_date = bd\nfollow_up = age 10\n"
	"end_of_data = 2012-06-30\ndeath = death_date\n"
	"emigration = emigration_date\nevent = first_event\n%s"
	"[variable death_date]\nfrom = population\naggregate = value death\n"
	"output = no\n"
	"[variable emigration_date]\nfrom = population\naggregate = value emig\n"
	"output = no\n"
	"[variable start_date]\nfrom = population\naggregate = value start\n"
	"output = no\n"
	"[variable first_event]\nlabel = The event\nfrom = events\n"
	"date = day\naggregate = first\noutput = no\n";

static void write_data(void)
{
	char path[160];
	FILE *b, *p, *e;
	size_t i;
	int k;

	snprintf(path, sizeof(path), "%s/birth.csv", rs_tmp);
	b = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/pop.csv", rs_tmp);
	p = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/events.csv", rs_tmp);
	e = fopen(path, "w");
	assert_true(b && p && e);
	fputs("id,bd\n", b);
	fputs("id,death,emig,start\n", p);
	fputs("id,day\n", e);
	for (i = 0; i < N_KIDS; i++)
		for (k = 1; k <= 3; k++) {
			fprintf(b, "%s%d,%s\n", kids[i].id, k, kids[i].birth);
			/* a start date for entry = start_date: 2001-01-01,
			 * missing for D3 */
			fprintf(p, "%s%d,%s,%s,%s\n", kids[i].id, k, kids[i].death,
				kids[i].emig,
				!strcmp(kids[i].id, "D") && k == 3 ? "" : "2001-01-01");
			if (*kids[i].event) { /* a later event too: first counts */
				fprintf(e, "%s%d,%s\n", kids[i].id, k, kids[i].event);
				fprintf(e, "%s%d,2013-03-03\n", kids[i].id, k);
			}
		}
	fclose(b);
	fclose(p);
	fclose(e);
}

static int threshold = 3;

static int run_with(const char *rules)
{
	char path[160], args[400];
	char *text = malloc(sizeof(config) + 4 * sizeof(rs_tmp) + 12 + strlen(rules));
	int rc;

	assert_non_null(text);
	sprintf(text, config, rs_tmp, threshold, rs_tmp, rs_tmp, rs_tmp, rules);
	snprintf(path, sizeof(path), "%s/fu.ini", rs_tmp);
	rs_write_text(path, text);
	free(text);
	write_data();
	snprintf(args, sizeof(args), "run --quiet --force %s", path);
	rc = rs_kohort(args);
	if (rc) {
		char *err = rs_read_tmp("err.txt");

		print_error("kohort run: %s\n", err);
		free(err);
	}
	return rc;
}

static char *gz_slurp(const char *path)
{
	gzFile f = gzopen(path, "rb");
	char *buf = calloc(1, 1 << 16);
	int n;

	assert_non_null(f);
	assert_non_null(buf);
	n = gzread(f, buf, (1 << 16) - 1);
	assert_true(n >= 0);
	gzclose(f);
	return buf;
}

static int setup(void **state)
{
	(void)state;
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_fu_%d", (int)getpid());
	mkdir(rs_tmp, 0777);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	if (getenv("KO_KEEP")) return 0;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", rs_tmp);
	return system(cmd);
}

static void test_every_exit_and_exclusion(void **state)
{
	char path[200], want[300];
	char *ana, *flow, *table;
	size_t i;
	long n_in = 0;
	int k;

	(void)state;
	assert_int_equal(run_with(""), 0);
	snprintf(path, sizeof(path), "%s/out/analysis.csv.gz", rs_tmp);
	ana = gz_slurp(path);
	assert_non_null(strstr(ana, "id,fu_entry,fu_exit,fu_days,fu_years,"
				    "fu_status,fu_exit_reason\n"));
	for (i = 0; i < N_KIDS; i++)
		for (k = 1; k <= 3; k++) {
			char line[300];

			snprintf(line, sizeof(line), "\n%s%d,", kids[i].id, k);
			if (!kids[i].entry) { /* excluded: not in the dataset */
				if (strstr(ana, line))
					fail_msg("%s%d is in the dataset", kids[i].id, k);
				continue;
			}
			snprintf(line, sizeof(line), "\n%s%d,%s,%s,%ld,%.6f,%d,%s\n",
				 kids[i].id, k, kids[i].entry, kids[i].exit,
				 kids[i].days, kids[i].days / 365.25,
				 kids[i].status, kids[i].reason);
			if (!strstr(ana, line))
				fail_msg("no row %s in\n%s", line + 1, ana);
			n_in++;
		}
	free(ana);

	/* every exclusion a flow row of its own, after the rules */
	snprintf(path, sizeof(path), "%s/out/internal/flow.csv", rs_tmp);
	flow = rs_slurp(path);
	snprintf(want, sizeof(want), "children in extract birth,%d,0\n"
		 "no date to start follow-up (birth or entry date missing),%d,3\n"
		 "follow-up ends before entry (exit date before the entry "
		 "date),%d,3\n"
		 "inconsistent dates: event after death or emigration,%ld,3\n",
		 (int)(3 * N_KIDS), (int)(3 * N_KIDS) - 3, (int)(3 * N_KIDS) - 6,
		 n_in);
	if (!strstr(flow, want))
		fail_msg("flow.csv:\n%s\nwanted:\n%s", flow, want);
	free(flow);

	/* the follow-up table: events A, I, M; deaths B, J, L; ... */
	snprintf(path, sizeof(path), "%s/out/tables/follow_up.csv", rs_tmp);
	table = rs_slurp(path);
	assert_non_null(strstr(table, "exit_reason,event,Children,n,9,\n"));
	assert_non_null(strstr(table, "exit_reason,death,Children,n,9,\n"));
	assert_non_null(strstr(table, "exit_reason,emigration,Children,n,3,\n"));
	assert_non_null(strstr(table, "exit_reason,end_age,Children,n,6,\n"));
	assert_non_null(strstr(table, "exit_reason,end_of_data,Children,n,3,\n"));
	assert_non_null(strstr(table, "exit_reason,all,Children,n,30,\n"));
	/* person-years of the deaths: 3 * (1461 + 763 + 3288) / 365.25 =
	 * 45.27, in whole years (docs/outputs.md) */
	assert_non_null(strstr(table, "exit_reason,death,Person-years,value,45,"));
	free(table);

	/* the methods text says what follow-up was */
	snprintf(path, sizeof(path), "%s/out/report.html", rs_tmp);
	rs_assert_file_has(path, "Follow-up started at birth and ended at the "
			   "first of the event (The event), death, emigration, "
			   "the 10th birthday and the end of the data (2012-06-30)");
}

/* fu_* values in a cohort rule: ages and times in years, the event flag */
static void test_rules_read_followup_values(void **state)
{
	char path[200], *flow;

	(void)state;
	assert_int_equal(run_with(
		"exclude = event before age 4: fu_event_age < 4\n"
		"exclude = short follow-up: fu_years < 4 and fu_event = 0\n"
		"include = entered at birth: fu_entry_age = 0 and fu_days >= 0\n"
		"include = exit age known: fu_exit_age > 0\n"), 0);
	snprintf(path, sizeof(path), "%s/out/internal/flow.csv", rs_tmp);
	flow = rs_slurp(path);
	/* I (event at 3.3 years) out; then J (death before 4, no event)
	 * out (B has exactly 4.0 years); the rules keep the excluded-by-follow-up children for an
	 * exclusion (missing) and drop them for an inclusion */
	assert_non_null(strstr(flow, "event before age 4,36,3\n"));
	assert_non_null(strstr(flow, "short follow-up,33,3\n"));
	assert_non_null(strstr(flow, "entered at birth,24,9\n"));
	assert_non_null(strstr(flow, "exit age known,24,0\n"));
	/* nothing left for the follow-up's own exclusions */
	assert_null(strstr(flow, "inconsistent"));
	free(flow);
}

static void assert_has(const char *file, const char *text)
{
	char path[200], *got;

	snprintf(path, sizeof(path), "%s/out/%s", rs_tmp, file);
	got = strstr(file, ".gz") ? gz_slurp(path) : rs_slurp(path);
	if (!strstr(got, text))
		fail_msg("no '%s' in %s:\n%s", text, file, got);
	free(got);
}

/* entry = age 5: what ends before the 5th birthday is an exclusion */
static void test_entry_at_an_age(void **state)
{
	(void)state;
	assert_int_equal(run_with("entry = age 5\n"), 0);
	/* A: event at 5 years 2 months; E, M born 2003 enter 2008 */
	assert_has("analysis.csv.gz", "\nA1,2005-01-01,2005-03-01,59,0.161533,1,event\n");
	assert_has("analysis.csv.gz", "\nE1,2008-01-01,2012-06-30,1642,4.495551,0,end_of_data\n");
	assert_has("analysis.csv.gz", "\nM2,2008-01-01,2012-06-30,1642,4.495551,1,event\n");
	assert_has("analysis.csv.gz", "\nL3,2005-01-01,2009-01-01,1461,4.000000,0,death\n");
	/* B (death at 4), I (event at 3), J (death at 2), G (death before
	 * birth) end before entry; F stays inconsistent */
	assert_has("internal/flow.csv",
		   "no date to start follow-up (birth or entry date missing),36,3\n"
		   "follow-up ends before entry (exit date before the entry date),24,12\n"
		   "inconsistent dates: event after death or emigration,21,3\n");
	assert_has("report.html", "Follow-up started at the 5th birthday and ended");
}

/* entry = a date variable: missing is an exclusion, before birth is birth */
static void test_entry_at_a_date(void **state)
{
	(void)state;
	assert_int_equal(run_with("entry = start_date\n"), 0);
	assert_has("analysis.csv.gz", "\nA1,2001-01-01,2005-03-01,1520,4.161533,1,event\n");
	assert_has("analysis.csv.gz", "\nE3,2003-01-01,2012-06-30,3468,9.494867,0,end_of_data\n");
	assert_has("analysis.csv.gz", "\nD2,2001-01-01,2010-01-01,3287,8.999316,0,end_age\n");
	/* K (no birth date) and D3 (no start date) have no start */
	assert_has("internal/flow.csv",
		   "no date to start follow-up (birth or entry date missing),35,4\n"
		   "follow-up ends before entry (exit date before the entry date),32,3\n"
		   "inconsistent dates: event after death or emigration,29,3\n");
	assert_has("report.html", "Follow-up started at start_date and ended");
}

/* Under threshold 5 the exit counts 3 (emigration, end of data) are
 * suppressed, and every person-years cell with them; the total count stays. */
static void test_table_under_disclosure(void **state)
{
	(void)state;
	threshold = 5;
	assert_int_equal(run_with(""), 0);
	threshold = 3;
	assert_has("tables/follow_up.csv", "exit_reason,event,Children,n,9,\n");
	/* the two 3s sum to 30 - 9 - 9 - 6 = 6: both "<5", each would be
	 * 2..4, narrower than "<5" (the interval rule); the whole-export
	 * audit shows one as "x" (before it took the follow-up table in,
	 * both were "<5") */
	assert_has("tables/follow_up.csv", "exit_reason,emigration,Children,n,,suppressed\n");
	assert_has("tables/follow_up.csv", "exit_reason,end_of_data,Children,n,,<5\n");
	assert_has("tables/follow_up.csv", "exit_reason,emigration,Person-years,value,,suppressed\n");
	assert_has("tables/follow_up.csv", "exit_reason,all,Children,n,30,\n");
	/* with a count hidden, no person-years at all (they bound it) */
	assert_has("tables/follow_up.csv", "exit_reason,death,Person-years,value,,suppressed\n");
	assert_has("tables/follow_up.csv", "exit_reason,all,Person-years,value,,suppressed\n");
	assert_has("tables/suppression.csv", "follow_up,");
	/* the flow's exclusions of 3 each are merged under the threshold */
	assert_has("tables/cohort_flow.csv", "no date to start follow-up (birth "
		   "or entry date missing),,Remaining,n,,suppressed\n");
	assert_has("tables/cohort_flow.csv", "inconsistent dates: event after "
		   "death or emigration,,Remaining,n,30,\n");
}

static void assert_problem(const char *cohort, const char *vars,
			   const char *msg)
{
	char text[2000];
	struct ko_config *cfg = NULL;
	struct ko_err err;

	snprintf(text, sizeof(text),
		 "[study]\nname = t\n"
		 "[extract birth]\nfile = b\nperson = id\nunique = yes\n"
		 "column id = id\ncolumn bd = date\ncolumn n = int\n"
		 "[cohort]\nbase = birth\nbirth_date = bd\n%s"
		 "[variable bd]\nfrom = birth\naggregate = value bd\n"
		 "[variable last_bd]\nfrom = birth\ndate = bd\naggregate = last\n"
		 "[variable n]\nfrom = birth\naggregate = value n\n%s",
		 cohort, vars);
	ko_err_clear(&err);
	assert_int_equal(ko_config_parse(&cfg, text, "t.ini", &err),
			 KO_ERR_CONFIG);
	if (!strstr(err.msg, msg))
		fail_msg("wanted '%s' in: %s", msg, err.msg);
	ko_config_free(cfg);
}

static void test_config_errors(void **state)
{
	(void)state;
	assert_problem("event = n\n", "", "[cohort] event: variable 'n' is not a date");
	assert_problem("event = last_bd\n", "",
		       "[cohort] event: variable 'last_bd' must be 'aggregate = first'");
	assert_problem("death = nope\n", "", "[cohort] death: no variable 'nope'");
	assert_problem("entry = age 18\n", "", "[cohort] entry 'age 18': expected "
		       "'age N' below the follow_up age 18");
	assert_problem("end_of_data = 2012-13-01\n", "",
		       "[cohort] end_of_data '2012-13-01': expected a date");
	assert_problem("exclude = x: fu_years < 1\n", "",
		       "'fu_years' needs follow-up");
	assert_problem("follow_up = age 18\n",
		       "[variable y]\nexpr = fu_days / 7\n",
		       "'fu_days' is a follow-up value, known only after the "
		       "variables");
	assert_problem("follow_up = age 18\n", "[variable fu_days]\nexpr = 1\n",
		       "[variable fu_days]: the name is the follow-up's");
}

/* A follow-up exclusion names its first child with the dates in the run
 * log (inside only), so that the data can be checked: F1 (event after
 * death), G1 (death before birth: exit before entry), K1 (no birth). */
static void test_log_names_excluded_child(void **state)
{
	char path[200];

	(void)state;
	assert_int_equal(run_with(""), 0);
	snprintf(path, sizeof(path), "%s/out/log.txt", rs_tmp);
	rs_assert_file_has(path, "flow: inconsistent dates: event after death "
			   "or emigration: e.g. child F1: birth 2000-01-01, event "
			   "2005-01-01, death 2004-01-01, emigration -\n");
	rs_assert_file_has(path, "flow: follow-up ends before entry (exit date "
			   "before the entry date): e.g. child G1: birth "
			   "2000-01-01, event -, death 1999-06-01, emigration -, "
			   "entry 2000-01-01, exit 1999-06-01\n");
	rs_assert_file_has(path, "flow: no date to start follow-up (birth or "
			   "entry date missing): e.g. child K1: birth -, event -, "
			   "death -, emigration -, entry -\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_exit_and_exclusion),
		cmocka_unit_test(test_rules_read_followup_values),
		cmocka_unit_test(test_entry_at_an_age),
		cmocka_unit_test(test_entry_at_a_date),
		cmocka_unit_test(test_table_under_disclosure),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_log_names_excluded_child),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
