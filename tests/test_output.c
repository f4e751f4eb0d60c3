/* test_output.c - atomic output files, SHA-256, the manifest and
 * `kohort verify`. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hash.h"
#include "manifest.h"
#include "outfile.h"

static char dir[128];

static int setup(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_test_output_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static int teardown(void **state)
{
	return setup(state);
}

static int exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

static int count_entries(const char *d)
{
	char cmd[256];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A %s | wc -l", d);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static void test_sha256_vectors(void **state)
{
	char hex[KO_SHA256_HEX];

	(void)state;
	ko_sha256_buf("abc", 3, hex); /* FIPS 180-2 example */
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ko_sha256_buf("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* A file rewritten in place with the same size is hashed anew: the
 * remembered hashes go by size and mtime, not by path. */
static void test_sha256_file_rewritten(void **state)
{
	char path[128], h1[KO_SHA256_HEX], h2[KO_SHA256_HEX], h3[KO_SHA256_HEX];
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	struct ko_err err;
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/ko_test_hash_%d", (int)getpid());
	f = fopen(path, "w");
	fputs("abc", f);
	fclose(f);
	assert_int_equal(ko_sha256_file(path, h1, NULL, &err), KO_OK);
	assert_int_equal(ko_sha256_file(path, h2, NULL, &err), KO_OK);
	assert_string_equal(h1, h2);
	assert_string_equal(h1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	nanosleep(&pause, NULL);
	f = fopen(path, "w");
	fputs("abd", f);
	fclose(f);
	assert_int_equal(ko_sha256_file(path, h3, NULL, &err), KO_OK);
	assert_string_not_equal(h1, h3);
	unlink(path);

	/* a FIFO (would block in open) and a device (would never end) are
	 * refused before they are opened */
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);
	assert_int_equal(ko_sha256_file(path, h3, NULL, &err), KO_ERR_IO);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(ko_sha256_file("/dev/zero", h3, NULL, &err), KO_ERR_IO);
	assert_non_null(strstr(err.msg, "not a regular file"));
	alarm(0);
	unlink(path);
}

static void test_outfile_commit_and_abort(void **state)
{
	struct ko_outfile out;
	struct ko_err err;
	char path[256], sub[200];

	(void)state;
	snprintf(path, sizeof(path), "%s/tables/flow.csv", dir);
	snprintf(sub, sizeof(sub), "%s/tables", dir);
	assert_int_equal(ko_outfile_open(&out, path, 0, &err), KO_OK);
	fprintf(out.fp, "step,n\n");
	/* nothing under the final name until committed */
	assert_false(exists(path));
	assert_int_equal(count_entries(sub), 1);
	assert_int_equal(ko_outfile_commit(&out, &err), KO_OK);
	assert_true(exists(path));
	assert_int_equal(count_entries(sub), 1);

	/* a failed write leaves the previous complete file untouched */
	assert_int_equal(ko_outfile_open(&out, path, 0, &err), KO_OK);
	fprintf(out.fp, "half");
	ko_outfile_abort(&out);
	assert_int_equal(count_entries(sub), 1);
	{
		char buf[64] = "";
		FILE *f = fopen(path, "r");

		assert_non_null(f);
		assert_non_null(fgets(buf, sizeof(buf), f));
		fclose(f);
		assert_string_equal(buf, "step,n\n");
	}

	/* a temp file left by a killed run is swept */
	assert_int_equal(ko_outfile_open(&out, path, 0, &err), KO_OK);
	fflush(out.fp);
	assert_int_equal(count_entries(sub), 2);
	assert_int_equal(ko_outfile_sweep(dir), 1);
	assert_int_equal(count_entries(sub), 1);
	fclose(out.fp);
	out.fp = NULL;
	ko_outfile_abort(&out);

	/* an unwritable place is an error naming the file */
	assert_int_equal(ko_outfile_open(&out, "/proc/kohort/x.csv", 0, &err),
			 KO_ERR_IO);
	assert_non_null(strstr(err.file, "/proc/kohort"));
}

static void write_text(const char *path, const char *text)
{
	struct ko_outfile out;
	struct ko_err err;

	assert_int_equal(ko_outfile_open(&out, path, 0, &err), KO_OK);
	fputs(text, out.fp);
	assert_int_equal(ko_outfile_commit(&out, &err), KO_OK);
}

static void read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)size, f))
		buf[0] = '\0';
	fclose(f);
}

/* Deferred commits: nothing of a run replaces the previous outputs until
 * the end; an aborted run leaves them as they were and no temporary
 * files behind. */
static void test_deferred_commit(void **state)
{
	char a[256], b[256], sub[200], buf[64];
	struct ko_err err;

	(void)state;
	snprintf(a, sizeof(a), "%s/tables/a.csv", dir);
	snprintf(b, sizeof(b), "%s/manifest.json", dir);
	snprintf(sub, sizeof(sub), "%s/tables", dir);
	write_text(a, "old a\n");
	write_text(b, "old manifest\n");

	ko_outfile_defer_begin();
	write_text(a, "new a\n");
	write_text(b, "new manifest\n");
	read_text(a, buf, sizeof(buf));
	assert_string_equal(buf, "old a\n");
	read_text(ko_outfile_resolve(a), buf, sizeof(buf));
	assert_string_equal(buf, "new a\n");
	ko_outfile_defer_abort();
	read_text(a, buf, sizeof(buf));
	assert_string_equal(buf, "old a\n");
	read_text(b, buf, sizeof(buf));
	assert_string_equal(buf, "old manifest\n");
	assert_int_equal(count_entries(sub), 1);
	assert_int_equal(ko_outfile_sweep(dir), 0);

	ko_outfile_defer_begin();
	write_text(a, "new a\n");
	write_text(a, "newer a\n"); /* written twice: the last one counts */
	write_text(b, "new manifest\n");
	assert_int_equal(ko_outfile_defer_commit(&err), KO_OK);
	read_text(a, buf, sizeof(buf));
	assert_string_equal(buf, "newer a\n");
	read_text(b, buf, sizeof(buf));
	assert_string_equal(buf, "new manifest\n");
	assert_int_equal(ko_outfile_sweep(dir), 0);
	assert_string_equal(ko_outfile_resolve(a), a);
}

static void test_gzip_output_is_reproducible(void **state)
{
	struct ko_outfile out;
	struct ko_err err;
	char path[256], h1[KO_SHA256_HEX], h2[KO_SHA256_HEX];
	int i, round;

	(void)state;
	snprintf(path, sizeof(path), "%s/analysis.csv.gz", dir);
	for (round = 0; round < 2; round++) {
		assert_int_equal(ko_outfile_open(&out, path, 1, &err), KO_OK);
		for (i = 0; i < 10000; i++)
			gzprintf(out.gz, "P%06d;%d\n", i, i % 7);
		assert_int_equal(ko_outfile_commit(&out, &err), KO_OK);
		assert_int_equal(ko_sha256_file(path, round ? h2 : h1, NULL, &err),
				 KO_OK);
		if (round == 0)
			sleep(1); /* a time stamp in the header would differ */
	}
	assert_string_equal(h1, h2);
}

static void test_manifest_and_verify(void **state)
{
	struct ko_manifest *m;
	struct ko_outfile out;
	struct ko_err err;
	char path[256], cmd[512];
	FILE *report;
	char text[1024] = "";
	int diff = -1, status;

	(void)state;
	snprintf(path, sizeof(path), "%s/tables/flow.csv", dir);
	assert_int_equal(ko_outfile_open(&out, path, 0, &err), KO_OK);
	fprintf(out.fp, "step,n_remaining,n_excluded\n");
	assert_int_equal(ko_outfile_commit(&out, &err), KO_OK);

	m = ko_manifest_new("example", "0.1.0");
	assert_non_null(m);
	assert_int_equal(ko_manifest_add_input(m, "reader_sample",
					       "tests/fixtures/reader_sample.csv",
					       &err),
			 KO_OK);
	assert_int_equal(ko_manifest_add_output(m, dir, "tables/flow.csv", &err),
			 KO_OK);
	assert_int_equal(ko_manifest_add_output(m, dir, "tables/none.csv", &err),
			 KO_ERR_IO);
	ko_manifest_add_stage(m, "ingest", 42);
	assert_int_equal(ko_manifest_write(m, dir, &err), KO_OK);
	ko_manifest_free(m);

	report = tmpfile();
	assert_int_equal(ko_manifest_verify(dir, report, &diff, &err), KO_OK);
	assert_int_equal(diff, 0);

	/* change an output: verify names it, the command exits 1 */
	report = freopen(NULL, "w+", report);
	assert_non_null(report);
	{
		FILE *f = fopen(path, "a");

		fputs("x,1,2\n", f);
		fclose(f);
	}
	assert_int_equal(ko_manifest_verify(dir, report, &diff, &err), KO_OK);
	assert_int_equal(diff, 1);
	rewind(report);
	assert_true(fread(text, 1, sizeof(text) - 1, report) > 0);
	fclose(report);
	assert_non_null(strstr(text, "output tables/flow.csv: changed"));

	assert_non_null(getenv("KOHORT_BIN"));
	snprintf(cmd, sizeof(cmd), "%s verify %s >/dev/null", getenv("KOHORT_BIN"),
		 dir);
	status = system(cmd);
	assert_int_equal(WEXITSTATUS(status), 1);
	unlink(path);
	snprintf(cmd, sizeof(cmd), "%s verify %s/nothing 2>/dev/null",
		 getenv("KOHORT_BIN"), dir);
	status = system(cmd);
	assert_int_equal(WEXITSTATUS(status), 1);
	snprintf(cmd, sizeof(cmd), "%s verify 2>/dev/null", getenv("KOHORT_BIN"));
	status = system(cmd);
	assert_int_equal(WEXITSTATUS(status), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_file_rewritten),
		cmocka_unit_test_setup_teardown(test_outfile_commit_and_abort,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_deferred_commit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_gzip_output_is_reproducible,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_and_verify, setup,
						teardown),
	};
	return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
