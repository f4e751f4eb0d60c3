/* test_cache.c - the data stages' cache written on a thread (cache.h,
 * ko_cache_save_start / ko_cache_save_finish): the threaded save writes
 * the same bytes as kohort's run did, a save not kept leaves nothing
 * behind, narrowed arrays (format 3) come back bit for bit, and a run
 * killed (SIGKILL) while its cache is being written, or waiting for its
 * rename, leaves the previous cache in place, never a half-written one
 * that a later run trusts. */
#include "ko_test.h"

#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "outfile.h"
#include "run_support.h"

static int setup(void **state)
{
	(void)state;
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_cache_%d", (int)getpid());
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

static unsigned char *slurp_bin(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	struct stat st;

	assert_non_null(f);
	assert_int_equal(fstat(fileno(f), &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)st.st_size, f);
	assert_int_equal(*len, (size_t)st.st_size);
	fclose(f);
	return buf;
}

static int tmp_files(const char *dir)
{
	char cmd[300];
	FILE *p;
	int n = 0;

	snprintf(cmd, sizeof(cmd), "find %s -name '.kohort-tmp-*' | wc -l", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

/* The example study on the fixture extracts, run once into rs_tmp/run
 * (config at rs_tmp/run.ini). */
static void example_run(char *ini, char *out, size_t size)
{
	char cmd[400];

	snprintf(ini, size, "%s/run.ini", rs_tmp);
	snprintf(out, size, "%s/run", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "run --quiet --force --output %s %s", out, ini);
	assert_int_equal(rs_kohort(cmd), 0);
}

/* Load kohort's cache into s (the key from its header: this test program
 * is another build). */
static void load(struct ko_study *s, const struct ko_config *cfg,
		 const char *out, const unsigned char *file, char *key)
{
	struct ko_err err;
	char why[200];
	int hit = 0;

	memcpy(key, file + 12, KO_SHA256_HEX);
	assert_int_equal(key[KO_SHA256_HEX - 1], '\0');
	ko_err_clear(&err);
	ko_study_init(s, cfg, out);
	assert_int_equal(ko_cache_load(s, key, &hit, why, sizeof(why), &err), KO_OK);
	assert_int_equal(hit, 1);
}

/* The example run, its cache file (*orig, *len) and the study loaded from
 * it (ini and out: 128 bytes). */
static void example_loaded(struct ko_study *s, struct ko_config **cfg,
			   char *ini, char *out, char *key,
			   unsigned char **orig, size_t *len)
{
	char path[200];
	struct ko_err err;

	example_run(ini, out, 128);
	snprintf(path, sizeof(path), "%s/.cache/data.bin", out);
	*orig = slurp_bin(path, len);
	ko_err_clear(&err);
	assert_int_equal(ko_config_load(cfg, ini, &err), KO_OK);
	load(s, *cfg, out, *orig, key);
}

/* Saved again from what it loaded, on a thread or not, the cache is the
 * same file, byte for byte; a save not kept (keep = 0), or kept before
 * the outputs were done (ko_cache_save_outputs_done: a run that stopped
 * in its write stage), removes its temporary file and leaves the file in
 * place as it was. */
static void test_thread_same_bytes(void **state)
{
	char ini[128], out[128], path[200], key[KO_SHA256_HEX];
	unsigned char *orig, *again;
	size_t len, len2;
	struct ko_config *cfg = NULL;
	struct ko_cache_job *job = NULL;
	struct ko_study s;
	struct ko_err err;
	int threaded, mode, keep;

	(void)state;
	example_loaded(&s, &cfg, ini, out, key, &orig, &len);
	snprintf(path, sizeof(path), "%s/.cache/data.bin", out);
	ko_err_clear(&err);
	for (threaded = 0; threaded < 2; threaded++)
		for (mode = 0; mode < 3; mode++) {
			/* 0: not kept; 1: kept, outputs not done; 2: kept */
			keep = mode > 0;
			unlink(path);
			if (mode < 2) { /* the previous file stays as it was */
				FILE *f = fopen(path, "wb");

				assert_non_null(f);
				assert_int_equal(fwrite(orig, 1, len, f), len);
				fclose(f);
			}
			assert_int_equal(ko_cache_save_start(&s, key, threaded,
							     &job, &err), KO_OK);
			assert_non_null(job);
			if (mode == 2)
				ko_cache_save_outputs_done(job);
			assert_int_equal(ko_cache_save_finish(job, keep, &err),
					 KO_OK);
			again = slurp_bin(path, &len2);
			assert_int_equal(len2, len);
			assert_memory_equal(again, orig, len);
			free(again);
			assert_int_equal(tmp_files(out), 0);
		}
	/* nothing to save: no job */
	{
		struct ko_study empty;

		ko_study_init(&empty, cfg, out);
		job = (struct ko_cache_job *)&empty; /* overwritten */
		assert_int_equal(ko_cache_save_start(&empty, key, 1, &job, &err),
				 KO_OK);
		assert_null(job);
		assert_int_equal(ko_cache_save_finish(NULL, 1, &err), KO_OK);
		ko_study_release(&empty);
	}
	ko_study_release(&s);
	ko_config_free(cfg);
	free(orig);
}

/* Format 3 narrows whole-number arrays: values at the edges of each width
 * (the minimum of a width is its missing value), -0.0, a fraction, two
 * NaN patterns and int32's extremes come back bit for bit. */
static void test_narrowed_bits(void **state)
{
	static const double cases[][4] = {
		{ 127, -127, 0, 1 },          /* 1 byte */
		{ -128, 5, 0, 1 },            /* 2 bytes: -128 is 1 byte's NaN */
		{ 32767, -32767, 7, 0 },      /* 2 bytes */
		{ -32768, 1, 2, 3 },          /* 4 bytes */
		{ 2147483647.0, -2147483647.0, 0, 1 }, /* 4 bytes */
		{ -2147483648.0, 1, 2, 3 },   /* 8: int32's minimum is NaN's */
		{ -0.0, 1, 2, 3 },            /* 8: -0.0 is not 0 */
		{ 0.5, 1, 2, 3 },             /* 8 */
		{ 4294967296.0, 1, 2, 3 },    /* 8: out of range */
	};
	char ini[128], out[128], key[KO_SHA256_HEX];
	unsigned char *orig;
	size_t len, n, c, i, v;
	struct ko_config *cfg = NULL;
	struct ko_study s, back;
	struct ko_err err;
	char why[200];
	int hit = 0;
	uint64_t nan2 = 0x7ff8000000000abcULL;
	double other_nan;

	(void)state;
	memcpy(&other_nan, &nan2, sizeof(other_nan));
	example_loaded(&s, &cfg, ini, out, key, &orig, &len);
	ko_err_clear(&err);
	n = s.derived->n_children;
	assert_true(n >= 8 && s.derived->n_vars >= 11);
	/* one case per variable, repeated along the children; the last two
	 * variables: NaN with a whole number, then two NaN patterns */
	for (c = 0; c < sizeof(cases) / sizeof(*cases); c++)
		for (i = 0; i < n; i++)
			s.derived->val[c][i] = cases[c][i % 4];
	for (i = 0; i < n; i++) {
		s.derived->val[9][i] = i % 3 ? 12345.0 : NAN;
		s.derived->val[10][i] = i % 2 ? NAN : other_nan;
	}
	s.links->birth[0] = KO_DATE_NONE;
	s.links->child_birth[1] = 40000; /* 2079: 4 bytes */
	assert_int_equal(ko_cache_save(&s, key, &err), KO_OK);
	ko_study_init(&back, cfg, out);
	assert_int_equal(ko_cache_load(&back, key, &hit, why, sizeof(why), &err),
			 KO_OK);
	assert_int_equal(hit, 1);
	for (v = 0; v < s.derived->n_vars; v++)
		assert_memory_equal(back.derived->val[v], s.derived->val[v],
				    n * sizeof(double));
	assert_memory_equal(back.links->birth, s.links->birth,
			    ko_persons_count(s.links->dict) * sizeof(int32_t));
	assert_memory_equal(back.links->child_birth, s.links->child_birth,
			    n * sizeof(int32_t));
	ko_study_release(&back);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(orig);
}

/* Start kohort run (no --force, so that it would trust a cache) on ini
 * into out; SIGKILL it as soon as its data cache's temporary file exists
 * (the thread is writing it, or it waits for its rename at the end).
 * Returns whether the kill came while the file was there. */
static int kill_during_cache_write(const char *ini, const char *out)
{
	char tmpname[300];
	pid_t pid;
	int status = 0, seen = 0;
	struct timespec tick = { 0, 200000 }; /* 0.2 ms */
	long waited;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		dup2(fd, 2);
		execl(getenv("KOHORT_BIN"), "kohort", "run", "--quiet", "--output",
		      out, ini, (char *)NULL);
		_exit(127);
	}
	snprintf(tmpname, sizeof(tmpname), "%s/.cache/.kohort-tmp-%d-data.bin",
		 out, (int)pid);
	for (waited = 0; waited < 5L * 60 * 5000; waited++) {
		if (access(tmpname, F_OK) == 0) {
			seen = 1;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 0; /* finished first */
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	return seen;
}

/* A run killed while its cache was being written leaves the previous
 * cache (another config's: another key) untouched and no data.bin of its
 * own; the next run sweeps the temporary file, does not take the old
 * cache (its key differs), and writes the outputs of a forced run. */
static void test_kill_during_write(void **state)
{
	char ini[128], out[128], ini2[128], fresh[128], path[200], cmd[500];
	unsigned char *before, *after;
	size_t len, len2;
	int killed = 0, tries;
	char *log;

	(void)state;
	example_run(ini, out, sizeof(ini));
	snprintf(path, sizeof(path), "%s/.cache/data.bin", out);
	before = slurp_bin(path, &len);
	/* a data setting changed: another key */
	snprintf(ini2, sizeof(ini2), "%s/run2.ini", rs_tmp);
	rs_make_config(ini2, "parent_age = 13 to 70", "parent_age = 15 to 70");
	for (tries = 0; tries < 5 && !killed; tries++)
		killed = kill_during_cache_write(ini2, out);
	assert_true(killed);
	after = slurp_bin(path, &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(after, before, len);
	free(after);
	assert_true(tmp_files(out) >= 1);
	/* the next run: the leftovers swept, the old cache not taken */
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out, ini2);
	assert_int_equal(rs_kohort(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/log.txt", out);
	log = rs_slurp(cmd);
	assert_non_null(strstr(log, "left by an interrupted run"));
	assert_non_null(strstr(log, "cache: not used (inputs, data settings"));
	free(log);
	assert_int_equal(tmp_files(out), 0);
	snprintf(fresh, sizeof(fresh), "%s/fresh", rs_tmp);
	snprintf(cmd, sizeof(cmd), "run --quiet --force --output %s %s", fresh,
		 ini2);
	assert_int_equal(rs_kohort(cmd), 0);
	rs_assert_same_outputs(fresh, out, 0);
	/* and its own cache, complete, is taken by the run after */
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out, ini2);
	assert_int_equal(rs_kohort(cmd), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	rs_assert_same_outputs(fresh, out, 0);
	free(before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thread_same_bytes),
		cmocka_unit_test(test_narrowed_bits),
		cmocka_unit_test(test_kill_during_write),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
