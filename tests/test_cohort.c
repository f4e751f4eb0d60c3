/* test_cohort.c - inclusion and exclusion rules in order, one flow row
 * each; a missing condition keeps a child for an exclusion and drops it
 * for an inclusion. */
#include "ko_test.h"

#include <math.h>
#include <string.h>

#include "cohort.h"

static const char text[] =
	"[study]\nname = t\n"
	"[extract birth]\nfile = b\nperson = id\nunique = yes\n"
	"column id = id\ncolumn bd = date\n"
	"[cohort]\nbase = birth\nbirth_date = bd\n"
	"include = born in 1997: bd >= 1997-01-01 and bd <= 1997-12-31\n"
	"exclude = died young: died\n"
	"include = consented: ok = 1\n"
	"[variable bd]\nfrom = birth\naggregate = value bd\n"
	"[variable died]\nexpr = 0\n"
	"[variable ok]\nexpr = 0\n";

static void test_rules_in_order(void **state)
{
	struct ko_config *cfg = NULL;
	struct ko_derived *d;
	struct ko_flow flow;
	const double nan = NAN;
	/* 8 children: birth dates (days), died, ok */
	double bd[8] = { 9862, 10226, 9861, 10227, 10000, 10001, 10002, nan };
	double died[8] = { 0, 0, 0, 0, 1, nan, 0, 0 };
	double ok[8] = { 1, 1, 1, 1, 1, 1, nan, 1 };
	size_t c;

	(void)state;
	assert_int_equal(ko_config_parse(&cfg, text, "t.ini", NULL), KO_OK);
	d = ko_derived_new(cfg, 8);
	for (c = 0; c < 8; c++) {
		d->val[0][c] = bd[c];  /* 9862 = 1997-01-01, 10226 = 1997-12-31 */
		d->val[1][c] = died[c];
		d->val[2][c] = ok[c];
	}
	ko_flow_init(&flow);
	assert_int_equal(ko_cohort_apply(cfg, d, &flow, NULL), KO_OK);
	assert_int_equal(flow.n, 4);
	assert_string_equal(flow.rows[0].step, "children in extract birth");
	assert_int_equal(flow.rows[0].n_remaining, 8);
	/* born in 1997: out 9861 (31.12.1996), 10227 (1.1.1998), missing */
	assert_string_equal(flow.rows[1].step, "born in 1997");
	assert_int_equal(flow.rows[1].n_excluded, 3);
	assert_int_equal(flow.rows[1].n_remaining, 5);
	/* died: only a true condition excludes (missing stays) */
	assert_int_equal(flow.rows[2].n_excluded, 1);
	assert_int_equal(flow.rows[2].n_remaining, 4);
	/* consented: a missing condition does not include */
	assert_int_equal(flow.rows[3].n_excluded, 1);
	assert_int_equal(flow.rows[3].n_remaining, 3);
	assert_int_equal(flow.n_members, 3);
	assert_int_equal(flow.member[0], 1);
	assert_int_equal(flow.member[1], 1);
	assert_int_equal(flow.member[5], 1);
	assert_int_equal(flow.member[4], 0);
	assert_int_equal(flow.member[6], 0);
	ko_flow_release(&flow);
	ko_flow_release(&flow);
	ko_derived_free(d);
	ko_config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
