/* test_derive.c - each rule of the variable language on hand-made rows:
 * windows at their edges (the day before and of a birthday, 29 February,
 * year-level ages, relative windows), filters (codes over several columns,
 * comparisons, lists, missing), aggregates, links (mother, father, either
 * parent; a row reaching a child twice counts once), categories,
 * expressions and missing values.
 *
 * Children (base extract), born:
 *   C1 2000-02-29, mother M1, father F1
 *   C2 1997-06-15, mother M1, no father
 *   C3 1997-01-01, mother M3 (not in population: link dropped)
 *   C4 birth date missing, mother M4
 * Rows of the event extract "ev" are written "id=C1;d=2001-03-01;...". */
#include "ko_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "value.h"

static const char head[] =
	"[study]\nname = t\n"
	"[extract birth]\nfile = b\nperson = id\nunique = yes\n"
	"column id = id\ncolumn mother = id\ncolumn father = id\n"
	"column bd = date\ncolumn bw = num\ncolumn sex = cat\n"
	"[extract pop]\nfile = p\nperson = id\nunique = yes\n"
	"column id = id\ncolumn bd = date\ncolumn dd = date\n"
	"[extract ev]\nfile = e\nperson = id, id2\n"
	"column id = id\ncolumn id2 = id\ncolumn d = date\ncolumn y = int\n"
	"column dg1 = code\ncolumn dg2 = code\ncolumn measure = cat\n"
	"column amount = num\n"
	"column m1 = int\ncolumn m2 = int\ncolumn m3 = int\ncolumn m4 = int\n"
	"column m5 = int\ncolumn m6 = int\ncolumn m7 = int\ncolumn m8 = int\n"
	"column m9 = int\ncolumn m10 = int\ncolumn m11 = int\ncolumn m12 = int\n"
	"[cohort]\nbase = birth\nbirth_date = bd\n"
	"[link]\npopulation = pop\nbirth_date = bd\ndeath_date = dd\n"
	"mother = mother\nfather = father\n";

struct harness {
	struct ko_config *cfg;
	struct ko_links *links;
	struct ko_derived *d;
};

static int32_t D(int y, int m, int d)
{
	return ko_date_from_ymd(y, m, d);
}

static void add_child(struct ko_links *l, const char *id, int32_t b,
		      const char *m, const char *f)
{
	assert_int_equal(ko_links_add_child(l, id, strlen(id), b, m,
					    m ? strlen(m) : 0, f,
					    f ? strlen(f) : 0, 2, NULL), KO_OK);
}

static void add_person(struct ko_links *l, const char *id, int32_t b)
{
	assert_int_equal(ko_links_add_person(l, id, strlen(id), b, KO_DATE_NONE,
					     2, NULL), KO_OK);
}

/* Parse head + vars and build the family. */
static void setup_h(struct harness *h, const char *vars)
{
	char *text = malloc(strlen(head) + strlen(vars) + 1);
	struct ko_link_rules rules[2] = { { 13, 70, 0 }, { 13, 70, 300 } };
	struct ko_err err;
	size_t i;

	assert_non_null(text);
	strcpy(text, head);
	strcat(text, vars);
	ko_err_clear(&err);
	if (ko_config_parse(&h->cfg, text, "t.ini", &err)) {
		for (i = 0; h->cfg && i < h->cfg->n_problems; i++)
			print_error("line %ld: %s\n", h->cfg->problems[i].line,
				    h->cfg->problems[i].msg);
		fail();
	}
	free(text);
	h->links = ko_links_new();
	add_child(h->links, "C1", D(2000, 2, 29), "M1", "F1");
	add_child(h->links, "C2", D(1997, 6, 15), "M1", NULL);
	add_child(h->links, "C3", D(1997, 1, 1), "M3", NULL);
	add_child(h->links, "C4", KO_DATE_NONE, "M4", NULL);
	add_person(h->links, "M1", D(1970, 1, 1));
	add_person(h->links, "F1", D(1968, 1, 1));
	add_person(h->links, "M4", D(1970, 1, 1));
	assert_int_equal(ko_links_finish(h->links, rules, NULL), KO_OK);
	h->d = ko_derived_new(h->cfg, h->links->n_children);
	assert_non_null(h->d);
}

static void teardown_h(struct harness *h)
{
	ko_derived_free(h->d);
	ko_links_free(h->links);
	ko_config_free(h->cfg);
}

/* Build a row for the pass's columns from "name=value;name=value". */
static void feed(struct ko_derive_pass *p, const char *spec)
{
	size_t n, i;
	const struct ko_column *cols = ko_derive_pass_columns(p, &n);
	struct ko_value vals[64];
	struct ko_row row;
	char buf[512], *save = NULL, *tok;

	assert_true(n <= 64);
	memset(vals, 0, sizeof(vals));
	for (i = 0; i < n; i++)
		vals[i].missing = 1;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		struct ko_value *v = NULL;
		enum ko_type type = KO_TYPE_TEXT;

		assert_non_null(eq);
		*eq = '\0';
		for (i = 0; i < n; i++)
			if (!strcmp(cols[i].name, tok)) {
				v = &vals[i];
				type = cols[i].type;
			}
		if (!v)
			continue; /* a column this pass does not read */
		v->text = eq + 1;
		v->len = strlen(eq + 1);
		v->missing = v->len == 0;
		if (v->missing)
			continue;
		if (type == KO_TYPE_DATE)
			assert_int_equal(ko_parse_date(v->text, v->len, KO_DATE_ISO,
						       &v->v.date), 0);
		else if (type == KO_TYPE_INT)
			assert_int_equal(ko_parse_int(v->text, v->len, &v->v.integer), 0);
		else if (type == KO_TYPE_NUM)
			assert_int_equal(ko_parse_number(v->text, v->len, '.',
							 &v->v.number), 0);
	}
	row.row = 2;
	row.n = n;
	row.values = vals;
	assert_int_equal(ko_derive_pass_row(p, &row, NULL), KO_OK);
}

/* Derive every variable: rows go to the passes over extract "ev"; the
 * birth rows give bw and sex. */
static void derive(struct harness *h, const char *const *rows)
{
	size_t vars[32], n, x, i;
	int more;

	ko_derive_exprs(h->cfg, h->d);
	while ((more = ko_derive_next_pass(h->cfg, h->d, &x, vars, &n)) > 0) {
		struct ko_derive_pass *p = NULL;

		assert_int_equal(ko_derive_pass_new(&p, h->cfg, x, vars, n, h->links,
						    h->d, NULL), KO_OK);
		if (!strcmp(h->cfg->extracts[x].name, "ev"))
			for (i = 0; rows[i]; i++)
				feed(p, rows[i]);
		if (!strcmp(h->cfg->extracts[x].name, "pop")) {
			feed(p, "id=M1;bd=1970-01-01");
			feed(p, "id=F1;bd=1968-05-01");
			feed(p, "id=M4;bd=");
		}
		if (!strcmp(h->cfg->extracts[x].name, "birth")) {
			feed(p, "id=C1;bw=2400;sex=2");
			feed(p, "id=C2;bw=2500;sex=1");
			feed(p, "id=C3;bw=;sex=1");
		}
		assert_int_equal(ko_derive_pass_finish(p, NULL), KO_OK);
		ko_derive_pass_free(p);
		ko_derive_exprs(h->cfg, h->d);
	}
	assert_int_equal(more, 0);
}

/* Value of a variable for a child (as printed in the analysis dataset). */
static const char *val(struct harness *h, const char *var, int child)
{
	static char buf[64];
	long v = ko_config_find_var(h->cfg, var);

	assert_true(v >= 0);
	ko_derived_format(h->d, h->cfg, (size_t)v, (size_t)child - 1, buf,
			  sizeof(buf));
	return buf;
}

#define VAR_EV(name, body) "[variable " name "]\nfrom = ev\n" body

static void test_age_window_edges(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;d=1997-06-14", /* the day before birth: out */
		"id=C2;d=1997-06-15", /* birth day: in */
		"id=C2;d=2015-06-14", /* the day before the 18th birthday: in */
		"id=C2;d=2015-06-15", /* the 18th birthday: out */
		"id=C2;d=",           /* no date: out */
		/* C1 born 29.2.2000: 1st birthday 1.3.2001, 2nd 1.3.2002 */
		"id=C1;d=2001-02-28", "id=C1;d=2001-03-01",
		"id=C1;d=2002-02-28", "id=C1;d=2002-03-01",
		/* 4th birthday on 29.2.2004 itself */
		"id=C1;d=2004-02-28", "id=C1;d=2004-02-29",
		"id=C4;d=2004-02-29", NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("n18", "date = d\nwindow = age 0 to 17\naggregate = count\n")
		    VAR_EV("age1", "date = d\nwindow = age 1 to 1\naggregate = count\n")
		    VAR_EV("age4", "date = d\nwindow = age 4 to 4\naggregate = count\n")
		    VAR_EV("anyc", "aggregate = count\n"));
	derive(&h, rows);
	assert_string_equal(val(&h, "n18", 2), "2");
	assert_string_equal(val(&h, "age1", 1), "2");
	assert_string_equal(val(&h, "age4", 1), "1");
	assert_string_equal(val(&h, "age1", 3), "0");  /* no rows: 0 */
	assert_string_equal(val(&h, "n18", 4), "NA");  /* no birth date */
	assert_string_equal(val(&h, "anyc", 2), "5");  /* no window: every row */
	assert_string_equal(val(&h, "anyc", 4), "1");
	teardown_h(&h);
}

static void test_year_level_and_date_windows(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;y=1996;d=1996-12-31", "id=C2;y=1997;d=1997-12-31",
		"id=C2;y=1997;d=1998-01-01", "id=C2;y=2014;d=2014-06-01",
		"id=C2;y=2015;d=2015-06-01", "id=C2;y=;d=", NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("years", "year = y\nwindow = age 0 to 17\naggregate = years\n")
		    VAR_EV("dyears", "date = d\nwindow = age 0 to 17\naggregate = years\n")
		    VAR_EV("abs", "date = d\nwindow = dates 1997-12-31 to 2014-06-01\n"
			   "aggregate = count\n")
		    VAR_EV("days", "date = d\nwindow = days 199 to 199\naggregate = count\n"));
	derive(&h, rows);
	/* years 1997 (twice) and 2014: 1996 is before birth, 2015 is age 18 */
	assert_string_equal(val(&h, "years", 2), "2");
	/* by date: 1997, 1998, 2014 and 2015-06-01 (before 15.6.2015) */
	assert_string_equal(val(&h, "dyears", 2), "4");
	assert_string_equal(val(&h, "abs", 2), "3");
	/* 15.6.1997 + 199 days = 31.12.1997 */
	assert_string_equal(val(&h, "days", 2), "1");
	teardown_h(&h);
}

static void test_filters(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;d=2000-01-01;dg1=J06;dg2=f84.0*", /* code in dg2 */
		"id=C2;d=2000-01-02;dg1=F99;dg2=",       /* F99 is outside */
		"id=C2;d=2000-01-03;dg1=F90.0;dg2=",
		"id=C2;d=2000-01-04;measure=care_order;amount=10",
		"id=C2;d=2000-01-05;measure=open_care;amount=20",
		"id=C2;d=2000-01-06;measure=;amount=30",
		"id=C2;d=2000-01-07;measure=emergency_placement;amount=",
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("ndd", "code_columns = dg1, dg2\ncodes = F80-F89, F90-F98\n"
			   "aggregate = count\n")
		    VAR_EV("placed", "where = measure in care_order, emergency_placement\n"
			   "aggregate = count\n")
		    VAR_EV("not_placed", "where = measure not in care_order, "
			   "emergency_placement\naggregate = count\n")
		    VAR_EV("nomeasure", "where = measure is missing\n"
			   "where = amount >= 30\naggregate = count\n")
		    VAR_EV("big", "where = amount > 10\nwhere = d <= 2000-01-05\n"
			   "aggregate = count\n")
		    VAR_EV("eq", "where = measure = open_care\naggregate = count\n"));
	derive(&h, rows);
	assert_string_equal(val(&h, "ndd", 2), "2");
	assert_string_equal(val(&h, "placed", 2), "2");
	/* a missing measure is neither in nor out of a list */
	assert_string_equal(val(&h, "not_placed", 2), "1");
	/* without a measure and with an amount of at least 30: one row */
	assert_string_equal(val(&h, "nomeasure", 2), "1");
	assert_string_equal(val(&h, "big", 2), "1");
	assert_string_equal(val(&h, "eq", 2), "1");
	teardown_h(&h);
}

/* Variables with the same codes share one test a row: each still gets
 * its own count, and one with the same codes on other columns, or other
 * codes on the same columns, its own. */
static void test_shared_code_tests(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;d=2000-01-01;dg1=J06;dg2=F84.0", /* F8x in dg2 only */
		"id=C2;d=2000-01-02;dg1=F90.0;dg2=",    /* F9x in dg1 */
		"id=C2;d=2000-01-03;dg1=F20;dg2=",      /* neither */
		"id=C2;d=2000-01-04;dg1=;dg2=",
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("a", "code_columns = dg1, dg2\ncodes = F80-F89, F90-F98\n"
			   "aggregate = count\n")
		    VAR_EV("b", "code_columns = dg1, dg2\ncodes = F80-F89, F90-F98\n"
			   "date = d\naggregate = first\n")
		    VAR_EV("c", "code_columns = dg1\ncodes = F80-F89, F90-F98\n"
			   "aggregate = count\n")
		    VAR_EV("e", "code_columns = dg1, dg2\ncodes = F20-F48\n"
			   "aggregate = count\n")
		    VAR_EV("f", "code_columns = dg1, dg2\ncodes = F80-F89, F90-F98\n"
			   "where = d >= 2000-01-02\naggregate = count\n"));
	derive(&h, rows);
	assert_string_equal(val(&h, "a", 2), "2");
	assert_string_equal(val(&h, "b", 2), "2000-01-01");
	assert_string_equal(val(&h, "c", 2), "1");
	assert_string_equal(val(&h, "e", 2), "1");
	assert_string_equal(val(&h, "f", 2), "1");
	teardown_h(&h);
}

static void test_aggregates(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;d=2001-05-01;amount=2.5;y=2001;m1=1;m2=1;m3=1",
		"id=C2;d=1999-02-01;amount=4;y=2001;m3=1;m4=1",
		"id=C2;d=2003-07-01;amount=1;y=2002;m12=1;m11=0",
		"id=C1;d=2003-07-01;amount=;y=2002;m1=1",
		"id=C1;d=2004-07-01;amount=5;y=2003",
		"id=C2;d=;amount=100", /* no date: not in first/last */
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("first", "date = d\naggregate = first\n")
		    VAR_EV("last", "date = d\naggregate = last\n")
		    VAR_EV("total", "aggregate = sum amount\n")
		    VAR_EV("least", "aggregate = min amount\n")
		    VAR_EV("most", "aggregate = max amount\n")
		    VAR_EV("months", "year = y\nmonth_columns = m1, m2, m3, m4, m5, m6, "
			   "m7, m8, m9, m10, m11, m12\naggregate = months\n")
		    VAR_EV("y3", "year = y\nmonth_columns = m1, m2, m3, m4, m5, m6, "
			   "m7, m8, m9, m10, m11, m12\naggregate = years_with 3 months\n")
		    VAR_EV("y1", "year = y\nmonth_columns = m1, m2, m3, m4, m5, m6, "
			   "m7, m8, m9, m10, m11, m12\naggregate = years_with 1 months\n"));
	derive(&h, rows);
	assert_string_equal(val(&h, "first", 2), "1999-02-01");
	assert_string_equal(val(&h, "last", 2), "2003-07-01");
	assert_string_equal(val(&h, "first", 3), "NA"); /* no rows */
	assert_string_equal(val(&h, "total", 2), "107.5");
	assert_string_equal(val(&h, "total", 3), "0");
	assert_string_equal(val(&h, "least", 2), "1");
	assert_string_equal(val(&h, "most", 2), "100");
	/* C1 has a row with the amount missing: its sum/min/max are missing */
	assert_string_equal(val(&h, "total", 1), "NA");
	assert_string_equal(val(&h, "most", 1), "NA");
	/* months: 2001 jan, feb, mar, apr (mar twice) + 2002 dec = 5 */
	assert_string_equal(val(&h, "months", 2), "5");
	assert_string_equal(val(&h, "y3", 2), "1");
	assert_string_equal(val(&h, "y1", 2), "2");
	assert_string_equal(val(&h, "y1", 1), "1");
	teardown_h(&h);
}

static void test_through_links(void **state)
{
	struct harness h;
	const char *rows[] = {
		/* one household row with both of C1's parents: counts once */
		"id=M1;id2=F1;y=2001;d=2001-01-01",
		"id=F1;y=2002;d=2002-01-01",
		"id=F1;id2=;y=2001;d=2001-06-01",
		"id=M3;y=2001;d=2001-01-01", /* M3's link was dropped */
		"id=C1;y=2001;d=2001-01-01", /* the child's own row */
		"id=NOBODY;y=2001;d=2001-01-01",
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("pyears", "of = parents\nyear = y\nwindow = age 0 to 17\n"
			   "aggregate = years\n")
		    VAR_EV("prows", "of = parents\naggregate = count\n")
		    VAR_EV("mrows", "of = mother\naggregate = count\n")
		    VAR_EV("frows", "of = father\naggregate = count\n")
		    VAR_EV("own", "aggregate = count\n")
		    "[variable mother_bd]\nfrom = pop\nof = mother\n"
		    "aggregate = value bd\n"
		    "[variable father_bd]\nfrom = pop\nof = father\n"
		    "aggregate = value bd\n");
	derive(&h, rows);
	assert_string_equal(val(&h, "mother_bd", 1), "1970-01-01");
	assert_string_equal(val(&h, "mother_bd", 2), "1970-01-01");
	assert_string_equal(val(&h, "father_bd", 1), "1968-05-01");
	assert_string_equal(val(&h, "father_bd", 2), "NA");
	assert_string_equal(val(&h, "mother_bd", 4), "NA"); /* missing value */
	assert_string_equal(val(&h, "pyears", 1), "2"); /* 2001 and 2002 */
	assert_string_equal(val(&h, "pyears", 2), "1"); /* mother's 2001 */
	assert_string_equal(val(&h, "prows", 1), "3");
	assert_string_equal(val(&h, "mrows", 1), "1");
	assert_string_equal(val(&h, "mrows", 2), "1"); /* siblings share M1 */
	assert_string_equal(val(&h, "frows", 1), "3");
	/* no valid link: missing, not 0 */
	assert_string_equal(val(&h, "frows", 2), "NA");
	assert_string_equal(val(&h, "prows", 3), "NA");
	assert_string_equal(val(&h, "mrows", 4), "0"); /* M4 linked, no rows */
	assert_string_equal(val(&h, "own", 1), "1");
	teardown_h(&h);
}

static void test_relative_window(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C2;d=2001-01-01;measure=open_care",
		"id=C2;d=2003-01-01;measure=care_order",
		"id=C2;d=2004-01-01;measure=open_care",
		"id=C2;d=2005-01-01;measure=care_order",
		"id=C1;d=2005-01-01;measure=open_care",
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("care_before", "date = d\nwhere = measure = open_care\n"
			   "window = before first_order\naggregate = count\n")
		    VAR_EV("care_after", "date = d\nwhere = measure = open_care\n"
			   "window = after first_order\naggregate = count\n")
		    VAR_EV("first_order", "date = d\nwhere = measure = care_order\n"
			   "aggregate = first\n"));
	derive(&h, rows);
	assert_string_equal(val(&h, "first_order", 2), "2003-01-01");
	assert_string_equal(val(&h, "care_before", 2), "1");
	assert_string_equal(val(&h, "care_after", 2), "1");
	/* never ordered: no bound */
	assert_string_equal(val(&h, "care_before", 1), "1");
	teardown_h(&h);
}

static void test_categories_and_expressions(void **state)
{
	struct harness h;
	const char *rows[] = {
		"id=C1;d=2001-01-01", "id=C1;d=2002-01-01", "id=C1;d=2003-01-01",
		"id=C1;d=2004-01-01", "id=C2;d=2001-01-01", "id=C2;d=2002-01-01",
		NULL,
	};

	(void)state;
	setup_h(&h, VAR_EV("n", "aggregate = count\ncategories = 0, 1, 2-3, 4+\n"
			   "reference = 1\n")
		    VAR_EV("n_labelled", "aggregate = count\ncategories = 0, 1-3, 4+\n"
			   "labels = none, some, many\n")
		    "[variable bw]\nfrom = birth\naggregate = value bw\n"
		    "[variable sex]\nfrom = birth\naggregate = value sex\n"
		    "[variable lbw]\nexpr = bw < 2500\n"
		    "[variable girl_lbw]\nexpr = sex = \"2\" and lbw\n"
		    "[variable lbw_or]\nexpr = lbw or sex = 1\n"
		    "[variable calc]\nexpr = (bw - 500) / 2 * -1\n");
	derive(&h, rows);
	assert_string_equal(val(&h, "n", 1), "4+");
	assert_string_equal(val(&h, "n", 2), "2-3");
	assert_string_equal(val(&h, "n", 3), "0");
	assert_string_equal(val(&h, "n", 4), "0"); /* no window: birth not needed */
	assert_string_equal(val(&h, "n_labelled", 2), "some");
	assert_string_equal(val(&h, "bw", 1), "2400");
	assert_string_equal(val(&h, "sex", 1), "2");
	assert_string_equal(val(&h, "lbw", 1), "1");
	assert_string_equal(val(&h, "lbw", 2), "0");  /* 2500 is not < 2500 */
	assert_string_equal(val(&h, "lbw", 3), "NA"); /* weight missing */
	assert_string_equal(val(&h, "lbw", 4), "NA"); /* no birth row */
	assert_string_equal(val(&h, "girl_lbw", 1), "1");
	assert_string_equal(val(&h, "girl_lbw", 2), "0");
	/* FALSE and NA = FALSE; TRUE or NA = TRUE; FALSE or NA = NA */
	assert_string_equal(val(&h, "girl_lbw", 3), "0");
	assert_string_equal(val(&h, "lbw_or", 3), "1");
	assert_string_equal(val(&h, "lbw_or", 4), "NA");
	assert_string_equal(val(&h, "calc", 1), "-950");
	teardown_h(&h);
}

/* A unique extract with a person twice stops the pass with examples. */
static void test_unique_extract_repeats(void **state)
{
	struct harness h;
	size_t vars[4], n, x;
	struct ko_derive_pass *p = NULL;
	struct ko_err err;

	(void)state;
	setup_h(&h, "[variable bw]\nfrom = birth\naggregate = value bw\n");
	assert_int_equal(ko_derive_next_pass(h.cfg, h.d, &x, vars, &n), 1);
	assert_int_equal(ko_derive_pass_new(&p, h.cfg, x, vars, n, h.links, h.d,
					    NULL), KO_OK);
	feed(p, "id=C1;bw=2400");
	feed(p, "id=C2;bw=2400");
	feed(p, "id=C1;bw=2500");
	assert_int_equal(ko_derive_pass_finish(p, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "extract birth must have one row per "
				       "person: 1 duplicated id, e.g. 'C1' "
				       "(rows 2 and 2)"));
	ko_derive_pass_free(p);
	teardown_h(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_window_edges),
		cmocka_unit_test(test_year_level_and_date_windows),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_shared_code_tests),
		cmocka_unit_test(test_aggregates),
		cmocka_unit_test(test_through_links),
		cmocka_unit_test(test_relative_window),
		cmocka_unit_test(test_categories_and_expressions),
		cmocka_unit_test(test_unique_extract_repeats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
