/* test_outdir.c - what `kohort run` does to its output folder and what
 * `kohort check` refuses beforehand: report variables the report stage
 * cannot group by (no crash), rejects files replaced only when a run
 * completes, inputs inside the output folder, one run per output folder
 * (lock), exports holding exactly the last run's files, and byte-identical
 * reruns of the whole folder. */
#include "ko_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run_support.h"

static int setup(void **state)
{
	(void)state;
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_outdir_%d", (int)getpid());
	mkdir(rs_tmp, 0777);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", rs_tmp);
	return system(cmd);
}

static void assert_err_has(const char *needle)
{
	char *text = rs_read_tmp("err.txt");

	if (!strstr(text, needle))
		print_error("stderr has no '%s':\n%s\n", needle, text);
	assert_non_null(strstr(text, needle));
	free(text);
}

/* [report] exposure on a number variable (not 0/1): run fails with the
 * reason, no abort (it freed the factor's codes twice); a date variable is
 * refused by check, with the config line. */
static void test_report_group_var(void **state)
{
	char ini[128], out[128], args[400];

	(void)state;
	snprintf(ini, sizeof(ini), "%s/num.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/num", rs_tmp);
	rs_make_config(ini, "exposure = sa_years\nby", "exposure = birth_weight_g\nby");
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("'birth_weight_g' is a number, not categories");
	rs_make_config(ini, "outcome = placement\nexposure", "outcome = birth_weight_g\nexposure");
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("'birth_weight_g' is a number, not categories");

	rs_make_config(ini, "exposure = sa_years\nby", "exposure = birth_date\nby");
	snprintf(args, sizeof(args), "check %s", ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("num.ini:103: [report] exposure: 'birth_date' is a date");
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("num.ini:103: [report] exposure: 'birth_date' is a date");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_group_var),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
