/* test_report_labels.c - value_labels in [variable NAME] (docs/config.md):
 * parsed and looked up (text values exactly, numbers numerically), and
 * every mistake reported on its line by the config check (kohort check):
 * a value the variable cannot take (not one of its categories, not 0/1,
 * not a count, not a number, a date variable), a value given twice, one
 * label for two values, an item that is not VALUE: LABEL; and `kohort
 * check` ($KOHORT_BIN) prints such a problem as FILE:LINE. */
#include "config_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static const char head[] =
	"[study]\n"                          /* 1 */
	"name = t\n"                         /* 2 */
	"[extract birth]\n"                  /* 3 */
	"file = b.csv\n"                     /* 4 */
	"person = id\n"                      /* 5 */
	"unique = yes\n"                     /* 6 */
	"column id = id\n"                   /* 7 */
	"column bd = date\n"                 /* 8 */
	"column sex = cat\n"                 /* 9 */
	"column bw = num\n"                  /* 10 */
	"[cohort]\n"                         /* 11 */
	"base = birth\n"                     /* 12 */
	"birth_date = bd\n"                  /* 13 */
	"[variable bw]\n"                    /* 14 */
	"from = birth\n"                     /* 15 */
	"aggregate = value bw\n"             /* 16 */
	"[variable sex]\n"                   /* 17 */
	"from = birth\n"                     /* 18 */
	"aggregate = value sex\n";          /* 19 */

static struct ko_config *parse(const char *tail, enum ko_status want)
{
	return cs_parse(head, tail, want);
}

static void test_value_labels_parsed(void **state)
{
	struct ko_config *cfg = parse(
		"value_labels = 1: Boy, 2 :Girl, \"9: unknown, not told\"\n" /* 20 */
		"[variable lbw]\n"                                /* 21 */
		"expr = bw < 2500\n"                              /* 22 */
		"value_labels = 0: Normal, 1: Low\n"              /* 23 */
		"[variable sa]\n"                                 /* 24 */
		"expr = bw\n"                                     /* 25 */
		"categories = 0, 1, 2-3, 4+\n"                    /* 26 */
		"value_labels = 0: None, 4+: Four or more\n"      /* 27 */
		"[variable w]\n"                                  /* 28 */
		"expr = bw / 1000\n"                              /* 29 */
		"value_labels = 2.5: Two and a half\n",           /* 30 */
		KO_OK);
	long sex = ko_config_find_var(cfg, "sex");
	long lbw = ko_config_find_var(cfg, "lbw");
	long sa = ko_config_find_var(cfg, "sa");
	long w = ko_config_find_var(cfg, "w");

	(void)state;
	assert_int_equal(cfg->vars[sex].n_value_labels, 3);
	assert_string_equal(cfg->vars[sex].value_labels[1].value, "2");
	assert_string_equal(cfg->vars[sex].value_labels[1].label, "Girl");
	assert_string_equal(ko_config_value_label(cfg, (size_t)sex, "1"), "Boy");
	assert_string_equal(ko_config_value_label(cfg, (size_t)sex, "9"),
			    "unknown, not told");
	/* text: exact */
	assert_null(ko_config_value_label(cfg, (size_t)sex, "1.0"));
	assert_null(ko_config_value_label(cfg, (size_t)sex, "3"));
	assert_null(ko_config_value_label(cfg, (size_t)sex, NULL));
	/* numbers: numerically */
	assert_string_equal(ko_config_value_label(cfg, (size_t)lbw, "1"), "Low");
	assert_string_equal(ko_config_value_label(cfg, (size_t)lbw, "1.0"), "Low");
	assert_string_equal(ko_config_value_label(cfg, (size_t)lbw, "0"), "Normal");
	assert_string_equal(ko_config_value_label(cfg, (size_t)w, "2.50"),
			    "Two and a half");
	/* categories: their labels */
	assert_string_equal(ko_config_value_label(cfg, (size_t)sa, "4+"),
			    "Four or more");
	assert_null(ko_config_value_label(cfg, (size_t)sa, "1"));
	/* a variable without any, and out of range */
	assert_int_equal(cfg->vars[w].n_value_labels, 1);
	assert_null(ko_config_value_label(cfg, cfg->n_vars, "1"));
	ko_config_free(cfg);
}

static void test_value_labels_problems(void **state)
{
	struct ko_config *cfg = parse(
		"value_labels = 1: Boy, 1: Girl\n"                /* 20 */
		"[variable lbw]\n"                                /* 21 */
		"expr = bw < 2500\n"                              /* 22 */
		"value_labels = 0: Normal, 2: Low\n"              /* 23 */
		"[variable sa]\n"                                 /* 24 */
		"expr = bw\n"                                     /* 25 */
		"categories = 0, 1, 2-3, 4+\n"                    /* 26 */
		"value_labels = 0: None, 5: Five\n"               /* 27 */
		"[variable w]\n"                                  /* 28 */
		"expr = bw / 1000\n"                              /* 29 */
		"value_labels = heavy: Heavy, 1: A, 1.0: B\n"     /* 30 */
		"[variable born]\n"                               /* 31 */
		"from = birth\n"                                  /* 32 */
		"aggregate = value bd\n"                          /* 33 */
		"value_labels = 1: One\n"                         /* 34 */
		"[variable s2]\n"                                 /* 35 */
		"from = birth\n"                                  /* 36 */
		"aggregate = value sex\n"                         /* 37 */
		"value_labels = 1 Boy\n"                          /* 38 */
		"[variable s3]\n"                                 /* 39 */
		"from = birth\n"                                  /* 40 */
		"aggregate = value sex\n"                         /* 41 */
		"value_labels = 1: Child, 2: Child\n"             /* 42 */
		"[variable s4]\n"                                 /* 43 */
		"from = birth\n"                                  /* 44 */
		"aggregate = value sex\n"                         /* 45 */
		"value_labels = 1:\n",                            /* 46 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 20, "value '1' given twice"));
	assert_true(cs_has_problem(cfg, 23, "'2' is a value that variable 'lbw' "
				   "cannot take ('lbw' is 0 or 1)"));
	assert_true(cs_has_problem(cfg, 27, "'5' is a value that variable 'sa' "
				   "cannot take (not one of the categories"));
	assert_true(cs_has_problem(cfg, 30, "'heavy' is a value that variable "
				   "'w' cannot take ('w' is a number variable)"));
	assert_true(cs_has_problem(cfg, 30, "value '1.0' given twice"));
	assert_true(cs_has_problem(cfg, 34, "variable 'born' is a date"));
	assert_true(cs_has_problem(cfg, 38, "item '1 Boy' is not VALUE: LABEL"));
	assert_true(cs_has_problem(cfg, 42, "label 'Child' given to both '1' "
				   "and '2'"));
	assert_true(cs_has_problem(cfg, 46, "needs a value and a label"));
	/* every problem above, and no other */
	assert_int_equal(cfg->n_problems, 9);
	ko_config_free(cfg);
}

/* A count (aggregate count/years/months) takes whole numbers >= 0 only;
 * an unknown key is still caught next to value_labels. */
static void test_value_labels_counts(void **state)
{
	struct ko_config *cfg = parse(
		"[variable births]\n"                             /* 20 */
		"from = birth\n"                                  /* 21 */
		"date = bd\n"                                     /* 22 */
		"aggregate = count\n"                             /* 23 */
		"value_labels = 0: None, 1.5: Half, -1: Less\n"   /* 24 */
		"value_label = 1: One\n",                         /* 25 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 24, "'1.5' is a value that variable "
				   "'births' cannot take ('births' is a count"));
	assert_true(cs_has_problem(cfg, 24, "'-1' is a value"));
	assert_true(cs_has_problem(cfg, 25, "unknown key 'value_label'"));
	assert_int_equal(cfg->n_problems, 3);
	ko_config_free(cfg);
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

/* `kohort check` on the example with a value given twice: exit 1 and the
 * problem printed as FILE:LINE. */
static void test_value_labels_check_command(void **state)
{
	const char *bin = getenv("KOHORT_BIN");
	const char *good = "value_labels = 1: Boy, 2: Girl";
	char *ini = slurp("config/example.ini"), *at, *out, cmd[512], want[160];
	long line = 1;
	const char *p;
	FILE *fp;
	int rc;

	(void)state;
	at = strstr(ini, good);
	assert_non_null(at);
	for (p = ini; p < at; p++)
		line += *p == '\n';
	at[strlen("value_labels = 1: Boy, ")] = '1'; /* 2: Girl -> 1: Girl */
	assert_int_equal(system("mkdir -p output"), 0);
	fp = fopen("output/test_report_labels.ini", "w");
	assert_non_null(fp);
	fputs(ini, fp);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s check output/test_report_labels.ini "
		 ">output/test_report_labels.out 2>&1", bin ? bin : "./kohort");
	rc = system(cmd);
	assert_true(WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 1);
	out = slurp("output/test_report_labels.out");
	snprintf(want, sizeof(want), "output/test_report_labels.ini:%ld: "
		 "value_labels: value '1' given twice", line);
	if (!strstr(out, want))
		fail_msg("no '%s' in:\n%s", want, out);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_labels_parsed),
		cmocka_unit_test(test_value_labels_problems),
		cmocka_unit_test(test_value_labels_counts),
		cmocka_unit_test(test_value_labels_check_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
