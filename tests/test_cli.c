/* test_cli.c - the command line as a user meets it: help, usage errors,
 * exit codes, and `kohort inspect` end to end on delivered-style files.
 * Runs the binary named by $KOHORT_BIN (make test sets it). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct result {
	int code;
	char out[16384];
	char err[4096];
};

static void slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0;

	buf[0] = '\0';
	if (!f)
		return;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Run "$KOHORT_BIN args" capturing stdout, stderr and the exit code. */
static void run(struct result *res, const char *args)
{
	const char *bin = getenv("KOHORT_BIN");
	char out[64], err[64], cmd[2048];
	int status;

	assert_non_null(bin);
	snprintf(out, sizeof(out), "/tmp/ko_cli_%d.out", (int)getpid());
	snprintf(err, sizeof(err), "/tmp/ko_cli_%d.err", (int)getpid());
	snprintf(cmd, sizeof(cmd), "%s %s >%s 2>%s </dev/null", bin, args, out,
		 err);
	status = system(cmd);
	assert_true(WIFEXITED(status));
	res->code = WEXITSTATUS(status);
	slurp(out, res->out, sizeof(res->out));
	slurp(err, res->err, sizeof(res->err));
	unlink(out);
	unlink(err);
}

static void test_help(void **state)
{
	struct result r;

	(void)state;
	run(&r, "--help");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "Usage: kohort COMMAND"));
	assert_non_null(strstr(r.out, "inspect"));
	run(&r, "");
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.err, "Usage: kohort COMMAND"));
	run(&r, "--version");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "kohort "));
	run(&r, "inspect --help");
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "Usage: kohort inspect"));
}

static void test_usage_errors(void **state)
{
	struct result r;

	(void)state;
	run(&r, "frobnicate");
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
	run(&r, "inspect --bogus x.csv");
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.err, "unknown option '--bogus'"));
	run(&r, "inspect");
	assert_int_equal(r.code, 2);
	assert_non_null(strstr(r.err, "no FILE given"));
	run(&r, "inspect --rows zero x.csv");
	assert_int_equal(r.code, 2);
}

static void test_inspect_reports(void **state)
{
	static const char data[] =
		"shnro;birth_date;region;amount_eur;dg1\n"
		"P1;05.03.1997;P\xe4ij\xe4t-H\xe4me;12,50;F84.0\n"
		"P2;31.02.1997;Uusimaa;3,25;F900*\n"
		"P3;01.01.1997;Uusimaa;;J069\n"
		"P4;01.01.1997;Uusimaa\n";
	char path[64], args[128];
	struct result r;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/ko_cli_%d.csv", (int)getpid());
	f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(data, 1, sizeof(data) - 1, f);
	fclose(f);
	snprintf(args, sizeof(args), "inspect %s", path);
	run(&r, args);
	unlink(path);
	assert_int_equal(r.code, 0);
	assert_non_null(strstr(r.out, "encoding:   Latin-1"));
	assert_non_null(strstr(r.out, "delimiter:  ';'"));
	assert_non_null(strstr(r.out, "decimal:    ','"));
	assert_non_null(strstr(r.out, "data rows:  4"));
	assert_non_null(strstr(r.out, "date DD.MM.YYYY"));
	assert_non_null(strstr(r.out, "num, decimal comma"));
	assert_non_null(strstr(r.out, "P\xc3\xa4ij\xc3\xa4t-H\xc3\xa4me"));
	assert_non_null(strstr(r.out, "row 5: expected 5 fields, found 3"));
	assert_non_null(strstr(r.out, "row 3, column birth_date: '31.02.1997'"));

	run(&r, "inspect /nonexistent/file.csv.gz");
	assert_int_equal(r.code, 1);
	assert_non_null(strstr(r.err, "/nonexistent/file.csv.gz: cannot open"));
}

/* Issue 18 item 8: inspect ends with an [extract] section that, pasted
 * into a config, passes kohort check as it is; a wrong date_format names
 * the format the values look like. */
static void test_inspect_block(void **state)
{
	static struct result r;
	char dir[64], cmd[1024], *block;
	FILE *f;

	(void)state;
	run(&r, "inspect sample-data/birth.csv.gz");
	assert_int_equal(r.code, 0);
	block = strstr(r.out, "\n[extract birth]\n");
	assert_non_null(block);
	assert_non_null(strstr(block, "\nfile = sample-data/birth.csv.gz\n"));
	assert_non_null(strstr(block, "\ndelimiter = semicolon\n"));
	assert_non_null(strstr(block, "\nencoding = latin1\n"));
	assert_non_null(strstr(block, "\ndate_format = DD.MM.YYYY\n"));
	assert_non_null(strstr(block, "\nperson = shnro\n"));
	assert_non_null(strstr(block, "\ncolumn birth_date = date\n"));
	assert_non_null(strstr(block, "\ncolumn region = cat\n"));
	assert_non_null(strstr(block, "\ncolumn sex = int ; few distinct values"));
	snprintf(dir, sizeof(dir), "/tmp/ko_blk_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "mkdir -p %s", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/study.ini", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fprintf(f, "[study]\nname = pasted\n%s\n[cohort]\nbase = birth\n"
		"birth_date = birth_date\n", block + 1);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "check %s/study.ini", dir);
	run(&r, cmd);
	if (r.code)
		fail_msg("check of the pasted block: %s", r.err);

	/* the same extract declared with ISO dates */
	snprintf(cmd, sizeof(cmd), "sed -i 's/^date_format = DD.MM.YYYY$/"
		 "date_format = iso/' %s/study.ini", dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "check %s/study.ini", dir);
	run(&r, cmd);
	assert_int_equal(r.code, 1);
	assert_non_null(strstr(r.err, "column 'birth_date': expected a date "
				      "YYYY-MM-DD (date_format); the value looks "
				      "like DD.MM.YYYY: date_format = dmy? ('"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_inspect_reports),
		cmocka_unit_test(test_inspect_block),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
