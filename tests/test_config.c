/* test_config.c - the study config: the example parses to what it says;
 * every kind of problem is reported with its line, all of them at once. */
#include "ko_test.h"
#include "config_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "disclosure.h"

static const char head[] =
	"[study]\n"                          /* 1 */
	"name = t\n"                         /* 2 */
	"[extract birth]\n"                  /* 3 */
	"file = b.csv\n"                     /* 4 */
	"person = id\n"                      /* 5 */
	"unique = yes\n"                     /* 6 */
	"column id = id\n"                   /* 7 */
	"column bd = date\n"                 /* 8 */
	"column bw = num missing 9999, 0\n"  /* 9 */
	"[extract ev]\n"                     /* 10 */
	"file = e.csv\n"                     /* 11 */
	"person = id\n"                      /* 12 */
	"column id = id\n"                   /* 13 */
	"column d = date\n"                  /* 14 */
	"column dg1 = code\n"                /* 15 */
	"[cohort]\n"                         /* 16 */
	"base = birth\n"                     /* 17 */
	"birth_date = bd\n";                 /* 18 */

/* Parse head + tail; returns the config (problems or not). */
static struct ko_config *parse(const char *tail, enum ko_status want)
{
	return cs_parse(head, tail, want);
}

static void test_example_config(void **state)
{
	struct ko_config *cfg = NULL;
	struct ko_err err;
	long v;

	(void)state;
	assert_int_equal(ko_config_load(&cfg, "config/example.ini", &err), KO_OK);
	assert_string_equal(cfg->name, "example");
	assert_string_equal(cfg->output_dir, "output/example");
	assert_int_equal(cfg->seed, 1997);
	assert_int_equal(cfg->disclosure_threshold, 5);
	assert_int_equal(cfg->n_extracts, 5);
	assert_int_equal(cfg->extracts[0].opt.delimiter, ';');
	assert_int_equal(cfg->extracts[0].opt.encoding, KO_ENC_LATIN1);
	assert_int_equal(cfg->extracts[0].opt.decimal, ',');
	assert_int_equal(cfg->extracts[0].opt.date_format, KO_DATE_DMY);
	assert_int_equal(cfg->extracts[4].n_person_cols, 2);
	assert_int_equal(cfg->n_rules, 3);
	assert_int_equal(cfg->rules[0].exclude, 0);
	assert_string_equal(cfg->rules[1].label, "died before the 1st birthday");
	assert_int_equal(cfg->link.min_age, 13);
	assert_int_equal(cfg->link.father_death_days, 300);
	v = ko_config_find_var(cfg, "sa_years");
	assert_true(v >= 0);
	assert_int_equal(cfg->vars[v].of, KO_REL_PARENTS);
	assert_int_equal(cfg->vars[v].agg, KO_AGG_YEARS);
	assert_int_equal(cfg->vars[v].n_cats, 4);
	assert_string_equal(cfg->vars[v].cats[2].label, "2-3");
	assert_true(cfg->vars[v].cats[2].lo == 2 && cfg->vars[v].cats[2].hi == 3);
	assert_true(isinf(cfg->vars[v].cats[3].hi));
	assert_string_equal(cfg->vars[v].reference, "0");
	assert_int_equal(cfg->vars[v].kind, KO_VK_LABEL);
	v = ko_config_find_var(cfg, "ndd");
	assert_int_equal(cfg->vars[v].n_code_cols, 3);
	assert_int_equal(cfg->vars[v].codes.n, 2);
	assert_int_equal(cfg->vars[v].windows[0].kind, KO_WIN_AGE);
	assert_int_equal(cfg->vars[v].windows[0].hi, 17);
	v = ko_config_find_var(cfg, "low_birth_weight");
	assert_int_equal(cfg->vars[v].agg, KO_AGG_EXPR);
	assert_int_equal(cfg->vars[v].n_deps, 1);
	ko_config_free(cfg);
}

static void test_columns_and_missing(void **state)
{
	struct ko_config *cfg = parse("", KO_OK);

	(void)state;
	assert_int_equal(cfg->extracts[0].n_cols, 3);
	assert_int_equal(cfg->extracts[0].cols[2].type, KO_TYPE_NUM);
	assert_int_equal(cfg->extracts[0].cols[2].n_missing, 2);
	assert_string_equal(cfg->extracts[0].cols[2].missing[0], "9999");
	assert_string_equal(cfg->output_dir, "output/t");
	ko_config_free(cfg);
}

/* An indented line continues the value above it. */
static void test_continuation(void **state)
{
	struct ko_config *cfg = parse(
		"[variable x]\n"
		"from = ev\n"
		"code_columns = dg1\n"
		"codes = F80-F89,\n"
		"   F90-F98, G40\n"
		"aggregate = any\n", KO_OK);

	(void)state;
	assert_int_equal(cfg->vars[0].codes.n, 3);
	ko_config_free(cfg);
}

static void test_problems_with_lines(void **state)
{
	struct ko_config *cfg = parse(
		"colour = red\n"                          /* 19 */
		"[variable a]\n"                          /* 20 */
		"from = nowhere\n"                        /* 21 */
		"aggregate = any\n"                       /* 22 */
		"[variable b]\n"                          /* 23 */
		"from = ev\n"                             /* 24 */
		"date = dg1\n"                            /* 25 */
		"window = age 5 to 2\n"                   /* 26 */
		"aggregate = median d\n"                  /* 27 */
		"where = nope = 1\n"                      /* 28 */
		"[variable c]\n"                          /* 29 */
		"expr = a + zz > \n"                      /* 30 */
		"[variable d]\n"                          /* 31 */
		"expr = e + 1\n"                          /* 32 */
		"[variable e]\n"                          /* 33 */
		"expr = d * 2\n"                          /* 34 */
		"output = maybe\n"                        /* 35 */
		"[modle m]\n"                             /* 36 */
		"outcome = a\n"                           /* 37 */
		"[variable f]\n"                          /* 38 */
		"from = ev\n"                             /* 39 */
		"aggregate = first\n"                     /* 40 */
		"categories = 0, 1-3, 2+\n"               /* 41 */
		"[variable id]\n"                         /* 42 */
		"from = birth\n"                          /* 43 */
		"aggregate = value bd\n",                 /* 44 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 19, "[cohort]: unknown key 'colour'"));
	assert_true(cs_has_problem(cfg, 21, "no extract 'nowhere'"));
	assert_true(cs_has_problem(cfg, 25, "column 'dg1' of extract 'ev' is code, "
				 "expected date"));
	assert_true(cs_has_problem(cfg, 26, "window 'age 5 to 2'"));
	assert_true(cs_has_problem(cfg, 27, "aggregate 'median d'"));
	assert_true(cs_has_problem(cfg, 28, "extract 'ev' has no column 'nope'"));
	assert_true(cs_has_problem(cfg, 30, "expr: expected a variable"));
	assert_true(cs_has_problem(cfg, 31, "depends on itself"));
	assert_true(cs_has_problem(cfg, 33, "depends on itself"));
	assert_true(cs_has_problem(cfg, 35, "output 'maybe'"));
	assert_true(cs_has_problem(cfg, 36, "unknown section [modle m]"));
	assert_true(cs_has_problem(cfg, 38, "aggregate first needs 'date"));
	assert_true(cs_has_problem(cfg, 41, "is not a number"));
	assert_true(cs_has_problem(cfg, 42, "id column has this name"));
	ko_config_free(cfg);
}

/* A date in [report] table1 (or as by, exposure, outcome) is a problem:
 * Table 1 would show its mean and SD as day numbers (issue 18). */
static void test_report_date_variable(void **state)
{
	struct ko_config *cfg = parse(
		"[variable born]\n"                      /* 19 */
		"from = birth\n"                         /* 20 */
		"aggregate = value bd\n"                 /* 21 */
		"[variable weight]\n"                    /* 22 */
		"from = birth\n"                         /* 23 */
		"aggregate = value bw\n"                 /* 24 */
		"[report]\n"                             /* 25 */
		"table1 = weight, born\n"                /* 26 */
		"by = born\n",                           /* 27 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 26, "[report] table1: 'born' is a date"));
	assert_true(cs_has_problem(cfg, 27, "[report] by: 'born' is a date"));
	assert_int_equal(cfg->n_problems, 2);
	ko_config_free(cfg);
	/* the same variables without the date: no problem */
	cfg = parse("[variable weight]\n"
		    "from = birth\n"
		    "aggregate = value bw\n"
		    "[report]\n"
		    "table1 = weight\n", KO_OK);
	assert_int_equal(cfg->report.n_table1, 1);
	ko_config_free(cfg);
}

static void test_more_problems(void **state)
{
	struct ko_config *cfg = parse(
		"[study]\n"                               /* 19 */
		"seed = -4\n"                             /* 20 */
		"[extract x]\n"                           /* 21 */
		"file = x.csv\n"                          /* 22 */
		"column id = integer\n"                   /* 23 */
		"delimiter = ;\n"                         /* 24 */
		"[variable v]\n"                          /* 25 */
		"from = ev\n"                             /* 26 */
		"of = mother\n"                           /* 27 */
		"aggregate = count\n"                     /* 28 */
		"aggregate = any\n"                       /* 29 */
		"where = d > yesterday\n"                 /* 30 */
		"window = before w\n"                     /* 31 */
		"categories = 0, 1-\n"                    /* 32 */
		"[cohort]\n"                              /* 33 */
		"include = no label here\n"               /* 34 */
		"exclude = bad: q > 1\n"                  /* 35 */
		"this line has no equals sign\n",         /* 36 */
		KO_ERR_CONFIG);

	(void)state;
	assert_true(cs_has_problem(cfg, 20, "seed '-4'"));
	assert_true(cs_has_problem(cfg, 21, "missing required key 'person'"));
	assert_true(cs_has_problem(cfg, 21, "no columns declared"));
	assert_true(cs_has_problem(cfg, 23, "unknown type 'integer'"));
	/* ';' starts an inline comment: the value is empty */
	assert_true(cs_has_problem(cfg, 24, "delimiter ''"));
	assert_true(cs_has_problem(cfg, 27, "of mother: needs a [link] section"));
	assert_true(cs_has_problem(cfg, 29, "key 'aggregate' given twice (first on "
				 "line 28)"));
	assert_true(cs_has_problem(cfg, 30, "'yesterday' is not a date"));
	assert_true(cs_has_problem(cfg, 31, "window: no variable 'w'"));
	assert_true(cs_has_problem(cfg, 32, "bad item '1-'"));
	assert_true(cs_has_problem(cfg, 34, "expected 'LABEL: CONDITION'"));
	assert_true(cs_has_problem(cfg, 35, "exclude: no variable 'q'"));
	assert_true(cs_has_problem(cfg, 36, "syntax error"));
	/* problems are sorted by line */
	assert_true(cfg->problems[0].line <= cfg->problems[cfg->n_problems - 1].line);
	ko_config_free(cfg);
}

/* The disclosure threshold has one rule, checked here and nowhere else: an
 * integer from KO_DISCLOSURE_MIN_THRESHOLD (3) up.  1 and 2 used to pass
 * the config and fail in the report's audit ("linear program failed"),
 * after the report had silently raised 1 to 2. */
static void test_disclosure_threshold(void **state)
{
	static const char *bad[] = { "0", "1", "2", "-5", "3.5", "five", "" };
	static const long good[] = { 3, 5, 10, 1000000 };
	char tail[64];
	struct ko_config *cfg;
	size_t i;

	(void)state;
	assert_int_equal(KO_DISCLOSURE_MIN_THRESHOLD, 3);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(tail, sizeof(tail), "[study]\ndisclosure_threshold = %s\n",
			 bad[i]);
		cfg = parse(tail, KO_ERR_CONFIG);
		assert_true(cs_has_problem(cfg, 20, "[study] disclosure_threshold"));
		assert_true(cs_has_problem(cfg, 20, "expected an integer from 3"));
		ko_config_free(cfg);
	}
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		snprintf(tail, sizeof(tail), "[study]\ndisclosure_threshold = %ld\n",
			 good[i]);
		cfg = parse(tail, KO_OK);
		assert_int_equal(cfg->disclosure_threshold, good[i]);
		ko_config_free(cfg);
	}
}

static void test_load_errors(void **state)
{
	struct ko_config *cfg = (void *)1;
	struct ko_err err;

	(void)state;
	assert_int_equal(ko_config_load(&cfg, "tests/fixtures/no-such.ini", &err),
			 KO_ERR_IO);
	assert_null(cfg);
	assert_string_equal(err.file, "tests/fixtures/no-such.ini");
	assert_int_equal(ko_config_parse(&cfg, "[study]\nname = a b\n", "x.ini",
					 &err), KO_ERR_CONFIG);
	assert_string_equal(err.file, "x.ini");
	assert_int_equal(err.row, 1);
	assert_non_null(strstr(err.msg, "no [extract NAME] section"));
	assert_non_null(strstr(err.msg, "and more problems"));
	ko_config_free(cfg);
}

/* A UTF-8 byte-order mark before the first line is skipped: the same
 * problems on the same lines as without it.  An empty section name "[]"
 * is a problem on its line, not a silent unnamed section; more than
 * KO_CFG_MAX_EXTRACTS extracts is a problem, not rejects lost past it. */
static void test_bom_empty_section_and_extract_cap(void **state)
{
	static const char text[] = "[extract birth]\nfile = x.csv\n[study]\nname = x\n";
	char bom[sizeof(text) + 3], *many;
	struct ko_config *a = NULL, *b = NULL;
	struct ko_err ea, eb;
	size_t i, used = 0, cap = 80 * (KO_CFG_MAX_EXTRACTS + 2);

	(void)state;
	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, text, sizeof(text));
	assert_int_equal(ko_config_parse(&a, text, "a.ini", &ea), KO_ERR_CONFIG);
	assert_int_equal(ko_config_parse(&b, bom, "b.ini", &eb), KO_ERR_CONFIG);
	assert_int_equal(a->n_problems, b->n_problems);
	for (i = 0; i < a->n_problems; i++) {
		assert_int_equal(a->problems[i].line, b->problems[i].line);
		assert_string_equal(a->problems[i].msg, b->problems[i].msg);
	}
	assert_true(cs_has_problem(b, 1, "[extract birth]: missing required "
				       "key 'person'"));
	ko_config_free(a);
	ko_config_free(b);

	b = parse("[]\n", KO_ERR_CONFIG);
	assert_true(cs_has_problem(b, 19, "empty section name '[]'"));
	ko_config_free(b);
	b = parse("[ \t]\n", KO_ERR_CONFIG);
	assert_true(cs_has_problem(b, 19, "empty section name '[]'"));
	ko_config_free(b);
	/* a name with blanks inside the brackets: its problems on its line */
	b = parse("[variable ]\nfrom = ev\n", KO_ERR_CONFIG);
	assert_true(cs_has_problem(b, 19, "bad name"));
	ko_config_free(b);

	many = malloc(cap);
	assert_non_null(many);
	many[0] = '\0';
	for (i = 0; i < KO_CFG_MAX_EXTRACTS - 2; i++) /* head has 2 */
		used += (size_t)snprintf(many + used, cap - used,
					 "[extract x%zu]\nfile = x\nperson = id\n"
					 "column id = id\n", i);
	b = parse(many, KO_OK);
	ko_config_free(b);
	snprintf(many + used, cap - used, "[extract last]\nfile = x\nperson = id\n"
		 "column id = id\n");
	b = parse(many, KO_ERR_CONFIG);
	assert_true(cs_has_problem(b, 19 + 4 * (KO_CFG_MAX_EXTRACTS - 2),
				   "more than 64 extracts"));
	ko_config_free(b);
	free(many);
}

/* Mutated configs (bytes flipped, lines cut, duplicated, truncated) never
 * crash the parser (run under ASan by make check): each either loads or
 * reports problems with a line inside the text. */
static void test_mutations_never_crash(void **state)
{
	struct ko_config *cfg = NULL;
	struct ko_err err;
	char *base, *text;
	size_t len, i, k;
	unsigned long rng = 12345;
	static const char pool[] = "[]=;#:,-\"\n \tabcFX019.+*<>()";

	(void)state;
	assert_int_equal(ko_config_load(&cfg, "config/example.ini", &err), KO_OK);
	ko_config_free(cfg);
	{
		FILE *f = fopen("config/example.ini", "rb");

		assert_non_null(f);
		base = calloc(1, 65536);
		assert_non_null(base);
		len = fread(base, 1, 65535, f);
		fclose(f);
	}
	text = malloc(2 * len + 2);
	assert_non_null(text);
	for (i = 0; i < 3000; i++) {
		size_t n = len, lines = 1, j;

		memcpy(text, base, len + 1);
		for (k = 0; k < 1 + i % 8; k++) {
			rng = rng * 6364136223846793005UL + 1442695040888963407UL;
			j = (size_t)(rng >> 33) % n;
			switch ((rng >> 20) % 4) {
			case 0: /* replace a byte */
				text[j] = pool[(rng >> 8) % (sizeof(pool) - 1)];
				break;
			case 1: /* delete a byte */
				memmove(text + j, text + j + 1, n - j);
				n--;
				break;
			case 2: /* truncate */
				text[j] = '\0';
				n = j;
				break;
			default: /* duplicate a stretch */
				if (n + 40 < 2 * len) {
					memmove(text + j + 40, text + j, n - j + 1);
					n += 40;
				}
				break;
			}
			if (!n)
				break;
		}
		for (j = 0; j < n; j++)
			lines += text[j] == '\n';
		cfg = NULL;
		switch (ko_config_parse(&cfg, text, "m.ini", &err)) {
		case KO_OK:
			break;
		case KO_ERR_CONFIG:
			assert_non_null(cfg);
			assert_true(cfg->n_problems > 0);
			assert_true(cfg->problems[0].line >= 0);
			assert_true(cfg->problems[cfg->n_problems - 1].line <= (long)lines + 1);
			break;
		default:
			fail();
		}
		ko_config_free(cfg);
	}
	free(text);
	free(base);
}

/* Deep nesting is a problem, not a stack overflow; long values continue on
 * indented lines without limit. */
static void test_deep_and_long(void **state)
{
	size_t n = 200000, i;
	char *text = malloc(n * 8 + 64), *w;
	struct ko_config *cfg = NULL;

	(void)state;
	assert_non_null(text);
	w = text + sprintf(text, "[variable v]\nexpr = ");
	for (i = 0; i < n; i++)
		w += sprintf(w, "\n  (((((");
	strcpy(w, "\n  1\n");
	cfg = parse(text, KO_ERR_CONFIG);
	assert_true(cs_has_problem(cfg, 20, "nested too deeply"));
	ko_config_free(cfg);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_config),
		cmocka_unit_test(test_columns_and_missing),
		cmocka_unit_test(test_continuation),
		cmocka_unit_test(test_problems_with_lines),
		cmocka_unit_test(test_more_problems),
		cmocka_unit_test(test_report_date_variable),
		cmocka_unit_test(test_disclosure_threshold),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_bom_empty_section_and_extract_cap),
		cmocka_unit_test(test_mutations_never_crash),
		cmocka_unit_test(test_deep_and_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
