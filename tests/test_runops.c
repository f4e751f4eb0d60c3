/* test_runops.c - how `kohort run` runs: --jobs 1 and --jobs 2 give the
 * same bytes; the stage cache (hit, miss on changed data settings, model
 * settings rerun only the model, damaged caches ignored) gives the same
 * bytes as a run without it; log.txt; --quiet / --verbose; SIGINT stops
 * with exit 130 and SIGKILL at any moment leaves the previous outputs as
 * they were; the progress lines on a terminal (a pseudo-terminal here). */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname */
#include "ko_test.h"

#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "cache.h"
#include "config.h"
#include "progress.h"
#include "run_support.h"

static int setup(void **state)
{
	(void)state;
	snprintf(rs_tmp, sizeof(rs_tmp), "/tmp/ko_runops_%d", (int)getpid());
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

static void test_jobs_identical(void **state)
{
	char ini[128], a[128], b[128], args[512];

	(void)state;
	snprintf(ini, sizeof(ini), "%s/jobs.ini", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	snprintf(a, sizeof(a), "%s/jobs1", rs_tmp);
	snprintf(b, sizeof(b), "%s/jobs2", rs_tmp);
	snprintf(args, sizeof(args), "run --jobs 1 --output %s %s", a, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(args, sizeof(args), "run --jobs 2 --output %s %s", b, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(args, sizeof(args), "%s/log.txt", a);
	rs_assert_file_has(args, "1 job\n");
	snprintf(args, sizeof(args), "%s/log.txt", b);
	rs_assert_file_has(args, "2 jobs\n");
	/* several extracts are read in one round with 2 jobs */
	rs_assert_file_has(args, "social_assistance");
	rs_assert_same_outputs(a, b, 1);
}

static void test_cache(void **state)
{
	char ini[128], model_ini[128], data_ini[128], out[128], ref[128];
	char args[512], log[160], cache[160];
	FILE *f;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/cache.ini", rs_tmp);
	snprintf(model_ini, sizeof(model_ini), "%s/cache_model.ini", rs_tmp);
	snprintf(data_ini, sizeof(data_ini), "%s/cache_data.ini", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	rs_make_config(model_ini, "se = cluster\ncluster = mother", "se = robust");
	rs_make_config(data_ini, "parent_age = 13 to 70", "parent_age = 15 to 70");
	snprintf(out, sizeof(out), "%s/cached", rs_tmp);
	snprintf(ref, sizeof(ref), "%s/fresh", rs_tmp);
	snprintf(log, sizeof(log), "%s/log.txt", out);
	snprintf(cache, sizeof(cache), "%s/.cache/data.bin", out);

	/* first run: no cache; second: link .. write from the cache */
	snprintf(args, sizeof(args), "run --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: not used (no cache)");
	assert_int_equal(rs_stage_ran(out, "derive"), 1);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "stage derive: from the cache");
	rs_assert_file_has(log, "stage model: from the cache");
	assert_int_equal(rs_stage_ran(out, "link"), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	assert_int_equal(rs_stage_ran(out, "write"), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	/* the same bytes as a run with --force elsewhere */
	snprintf(args, sizeof(args), "run --force --output %s %s", ref, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(args, sizeof(args), "%s/log.txt", ref);
	rs_assert_file_has(args, "cache: not used (--force)");
	assert_int_equal(rs_stage_ran(ref, "derive"), 1);
	rs_assert_same_outputs(out, ref, 0);

	/* a model setting: data stages from the cache, the model reruns and
	 * gives what a run without cache gives */
	snprintf(args, sizeof(args), "run --output %s %s", out, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "stage cohort: from the cache");
	snprintf(args, sizeof(args), "run --force --output %s %s", ref, model_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_same_outputs(out, ref, 0);

	/* a data setting: the cache is not used */
	snprintf(args, sizeof(args), "run --output %s %s", out, data_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: not used (inputs, data settings or kohort's "
			"version or build changed)");
	assert_int_equal(rs_stage_ran(out, "derive"), 1);
	snprintf(args, sizeof(args), "run --force --output %s %s", ref, data_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_same_outputs(out, ref, 0);

	/* a damaged cache (one byte changed, truncated) is never trusted */
	f = fopen(cache, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 5000, SEEK_SET), 0);
	assert_int_equal(fputc(0x5a ^ fgetc(f), f) >= 0, 1);
	fclose(f);
	snprintf(args, sizeof(args), "run --output %s %s", out, data_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: not used (damaged: checksum)");
	rs_assert_same_outputs(out, ref, 0);
	assert_int_equal(truncate(cache, 3000), 0);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: not used (damaged: truncated)");
	/* an output of the data stages changed since: rerun them */
	snprintf(args, sizeof(args), "%s/internal/flow.csv", out);
	rs_write_text(args, "edited\n");
	snprintf(args, sizeof(args), "run --output %s %s", out, data_ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(log, "cache: not used (outputs of the data stages "
			"changed since)");
	rs_assert_same_outputs(out, ref, 0);
	/* and the rerun after that is a hit again */
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	rs_assert_same_outputs(out, ref, 0);
}

static void test_options(void **state)
{
	char ini[128], out[128], args[512], *text;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/opts.ini", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	snprintf(out, sizeof(out), "%s/opts", rs_tmp);
	snprintf(args, sizeof(args), "run --jobs 0 --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 2);
	text = rs_read_tmp("err.txt");
	assert_non_null(strstr(text, "--jobs wants a number from 1 to 256, not '0'"));
	free(text);
	snprintf(args, sizeof(args), "run --jobs x2 --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 2);
	snprintf(args, sizeof(args), "run --quiet --verbose %s", ini);
	assert_int_equal(rs_kohort(args), 2);
	/* --quiet: nothing at all on success (the sample has model warnings) */
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	text = rs_read_tmp("err.txt");
	assert_string_equal(text, "");
	free(text);
	text = rs_read_tmp("out.txt");
	assert_string_equal(text, "");
	free(text);
	/* default: the summary on stdout, no log lines on stderr */
	snprintf(args, sizeof(args), "run --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	text = rs_read_tmp("out.txt");
	assert_non_null(strstr(text, "in the cohort (data stages and model from "
			       "the cache)"));
	free(text);
	text = rs_read_tmp("err.txt");
	assert_null(strstr(text, "stage model"));
	free(text);
	/* --verbose: the log on stderr as well */
	snprintf(args, sizeof(args), "run --verbose --force --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	text = rs_read_tmp("err.txt");
	assert_non_null(strstr(text, "stage link: ran"));
	assert_non_null(strstr(text, "hilmo"));
	free(text);
	snprintf(args, sizeof(args), "%s/log.txt", out);
	rs_assert_file_has(args, "stage model: ran");
	/* every stage that ran: wall and CPU seconds, rows, peak RSS; the
	 * CPU of the stages together more than nothing (getrusage counts
	 * every thread; the run does work) */
	snprintf(args, sizeof(args),
		 "f=%s/log.txt; n=$(grep -c '^stage [a-z]*: ran,' $f); "
		 "[ \"$n\" -ge 7 ] && [ \"$(grep -Ec '^stage [a-z]+: ran, "
		 "[0-9]+\\.[0-9]{2} s, [0-9]+\\.[0-9]{2} s CPU, [0-9]+ rows, "
		 "peak RSS [0-9]+ MB$' $f)\" = \"$n\" ] && "
		 "sed -n 's/^stage [a-z]*: ran, [0-9.]* s, \\([0-9.]*\\) s "
		 "CPU.*/\\1/p' $f | awk '{t += $1} END {exit !(t > 0)}'",
		 out);
	assert_int_equal(system(args), 0);
	snprintf(args, sizeof(args), "%s/log.txt", out);
	rs_assert_file_has(args, "flow: born in 1997:");
	rs_assert_file_has(args, "in the cohort");
	/* not a terminal: no progress display */
	assert_null(ko_progress_new(stdout));
}

/* The cache key of the config at path (with a fresh config load). */
static void key_of(const char *path, char key[KO_SHA256_HEX])
{
	struct ko_config *cfg = NULL;
	struct ko_err err;

	ko_err_clear(&err);
	assert_int_equal(ko_config_load(&cfg, path, &err), KO_OK);
	assert_int_equal(ko_cache_key(cfg, path, key, &err), KO_OK);
	assert_int_equal(strlen(key), 64);
	ko_config_free(cfg);
}

/* What changes the key: data settings and input contents; what does not:
 * comments, spacing, output folder, seed, models. */
/* A cache written by another build of the same version (here: the same
 * program with one byte appended, which runs the same but hashes
 * otherwise) is never served: data and models run again, and the next
 * run of this build takes its own cache again. */
static void test_cache_other_build(void **state)
{
	char ini[128], out[128], other[128], log[160], args[512], cmd[1024];
	int status;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/build.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/build_out", rs_tmp);
	snprintf(other, sizeof(other), "%s/kohort-other-build", rs_tmp);
	snprintf(log, sizeof(log), "%s/log.txt", out);
	rs_make_config(ini, NULL, NULL);
	snprintf(args, sizeof(args), "run --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(cmd, sizeof(cmd), "cp %s %s && printf x >> %s && "
		 "%s %s >/dev/null 2>&1", getenv("KOHORT_BIN"), other, other,
		 other, args);
	status = system(cmd);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	rs_assert_file_has(log, "cache: not used (inputs, data settings or "
			   "kohort's version or build changed)");
	rs_assert_file_has(log, "cache: model not used");
	assert_int_equal(rs_stage_ran(out, "derive"), 1);
	assert_int_equal(rs_stage_ran(out, "model"), 1);
	/* this build again: the other build's cache is not this one's */
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 1);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(out, "derive"), 0);
	assert_int_equal(rs_stage_ran(out, "model"), 0);
	unlink(other);
}

static void test_cache_key(void **state)
{
	char ini[128], other[128], base[KO_SHA256_HEX], k[KO_SHA256_HEX];
	char data[128], cmd[512];

	(void)state;
	snprintf(ini, sizeof(ini), "%s/key.ini", rs_tmp);
	snprintf(other, sizeof(other), "%s/key2.ini", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	key_of(ini, base);
	key_of(ini, k);
	assert_string_equal(k, base);
	rs_make_config(other, "[link]\n", "; a comment\n[link]   \n\n");
	key_of(other, k);
	assert_string_equal(k, base);
	rs_make_config(other, "output = output/example", "output = elsewhere");
	key_of(other, k);
	assert_string_equal(k, base);
	rs_make_config(other, "seed = 1997", "seed = 2");
	key_of(other, k);
	assert_string_equal(k, base);
	rs_make_config(other, "se = cluster\ncluster = mother", "se = robust");
	key_of(other, k);
	assert_string_equal(k, base);
	rs_make_config(other, "parent_age = 13 to 70", "parent_age = 13 to 71");
	key_of(other, k);
	assert_string_not_equal(k, base);
	rs_make_config(other, "follow_up = age 18", "follow_up = age 17");
	key_of(other, k);
	assert_string_not_equal(k, base);
	/* inputs by content, not path: an identical copy keeps the key, one
	 * byte more changes it */
	snprintf(data, sizeof(data), "%s/keydata", rs_tmp);
	snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir %s && cp " RS_DATA
		 "child_welfare.csv.gz %s/", data, data, data);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/child_welfare.csv.gz", data);
	rs_make_config(other, RS_DATA "child_welfare.csv.gz", cmd);
	key_of(other, k);
	assert_string_equal(k, base);
	snprintf(cmd, sizeof(cmd), "printf '\\n' | gzip -n >> %s/child_welfare.csv.gz",
		 data);
	assert_int_equal(system(cmd), 0);
	key_of(other, k);
	assert_string_not_equal(k, base);
}

/* A cache whose body was altered (CRC fixed up) is loaded without a crash
 * or a leak: rejected as damaged, or (a changed value) taken; never out of
 * bounds.  Every byte of the leading counts and dictionary, then a stride
 * through the rest. */
static void test_cache_altered(void **state)
{
	char ini[128], out[128], path[200], args[512], why[200];
	char key[KO_SHA256_HEX];
	unsigned char *orig, *buf;
	struct ko_config *cfg = NULL;
	struct ko_err err;
	size_t len = 0, off, outs, damaged = 0, tried = 0;
	FILE *f;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/alter.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/alter", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(path, sizeof(path), "%s/.cache/data.bin", out);
	f = fopen(path, "rb");
	assert_non_null(f);
	orig = malloc(8 << 20);
	buf = malloc(8 << 20);
	assert_non_null(orig);
	assert_non_null(buf);
	len = fread(orig, 1, 8 << 20, f);
	fclose(f);
	assert_true(len > 1000 && len < (8 << 20));
	ko_err_clear(&err);
	assert_int_equal(ko_config_load(&cfg, ini, &err), KO_OK);
	/* the key of the cache kohort wrote (its header: magic, format, key):
	 * this test program is another build, whose own key differs */
	assert_int_equal(ko_cache_key(cfg, ini, key, &err), KO_OK);
	assert_int_not_equal(memcmp(key, orig + 12, KO_SHA256_HEX), 0);
	memcpy(key, orig + 12, KO_SHA256_HEX);
	assert_int_equal(key[KO_SHA256_HEX - 1], '\0');
	/* the outputs' hashes (8 files: 3 + 5 rejects) are the body's last
	 * block (format 4), before the 20-byte trailer */
	outs = len - 20 - (8 + 8 * 65);
	for (off = 77; off < len - 20;
	     off += off < 77 + 600 || off >= outs ? 1 :
		    off + 613 < outs ? 613 : outs - off) {
		struct ko_study s;
		int hit = -1;

		memcpy(buf, orig, len);
		buf[off] ^= 0xa5;
		rs_fix_crc(buf, len);
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(buf, 1, len, f), len);
		fclose(f);
		ko_study_init(&s, cfg, out);
		assert_int_equal(ko_cache_load(&s, key, &hit, why, sizeof(why), &err),
				 KO_OK);
		assert_true(hit == 0 || hit == 1);
		if (!hit) {
			assert_null(s.links);
			assert_null(s.derived);
			damaged++;
		} else {
			/* not the counts, not the outputs' hashes */
			assert_true(off >= 77 + 16 && off < outs);
		}
		tried++;
		ko_study_release(&s);
	}
	assert_true(damaged >= 8 + 8 * 65 + 16);
	/* the untouched file is a hit */
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(orig, 1, len, f), len);
	fclose(f);
	{
		struct ko_study s;
		int hit = 0;

		ko_study_init(&s, cfg, out);
		assert_int_equal(ko_cache_load(&s, key, &hit, why, sizeof(why), &err),
				 KO_OK);
		assert_int_equal(hit, 1);
		assert_non_null(s.links);
		assert_int_equal(s.links->n_children, 1500);
		ko_study_release(&s);
	}
	print_message("altered caches: %zu tried, %zu rejected\n", tried, damaged);
	ko_config_free(cfg);
	free(orig);
	free(buf);
}

/* Start kohort ARGS in the background (stderr to err), signal it after
 * delay seconds, return its wait status. */
static int signal_run(const char *ini, const char *out, int sig, double delay,
		      const char *err)
{
	struct timespec ts = { (time_t)delay,
			       (long)((delay - (double)(time_t)delay) * 1e9) };
	pid_t pid = fork();
	int status = 0;

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, 2);
		execl(getenv("KOHORT_BIN"), "kohort", "run", "--quiet", "--force",
		      "--output", out, ini, (char *)NULL);
		_exit(127);
	}
	nanosleep(&ts, NULL);
	kill(pid, sig);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

/* Previous outputs unchanged (SHA-256 of every file but the log and the
 * manifest, which is compared without its timings), and no temporary file
 * left (unless leftovers_ok). */
static void assert_intact(const char *out, const char *sums,
			  const char *manifest, int leftovers_ok)
{
	char cmd[600], *m = rs_manifest_core(out, 1);

	assert_string_equal(m, manifest);
	free(m);

	snprintf(cmd, sizeof(cmd), "cd %s && sha256sum -c --quiet %s", out, sums);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "test -z \"$(find %s -name '.kohort-tmp-*')\"",
		 out);
	if (!leftovers_ok)
		assert_int_equal(system(cmd), 0);
}

static void test_signals(void **state)
{
	char data[128], ini[128], out[128], sums[160], err[160], cmd[700];
	char *text, *cfg, *t, *manifest;
	int status, i;
	static const double kill_at[] = { 0.2, 0.5, 0.8, 1.1 };

	(void)state;
	snprintf(data, sizeof(data), "%s/synth", rs_tmp);
	snprintf(ini, sizeof(ini), "%s/synth.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/sig", rs_tmp);
	snprintf(sums, sizeof(sums), "%s/sums.txt", rs_tmp);
	snprintf(err, sizeof(err), "%s/sig_err.txt", rs_tmp);
	snprintf(cmd, sizeof(cmd), "synth --persons 20000 --seed 3 --out %s", data);
	assert_int_equal(rs_kohort(cmd), 0);
	cfg = rs_slurp("config/example.ini");
	snprintf(cmd, sizeof(cmd), "%s/", data);
	while (strstr(cfg, "sample-data/")) {
		t = rs_replace(cfg, "sample-data/", cmd);
		free(cfg);
		cfg = t;
	}
	rs_write_text(ini, cfg);
	free(cfg);
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(cmd), 0);
	snprintf(cmd, sizeof(cmd), "cd %s && find . -type f ! -name log.txt "
		 "! -name manifest.json | sort | xargs sha256sum > %s", out, sums);
	assert_int_equal(system(cmd), 0);
	manifest = rs_manifest_core(out, 1);

	/* SIGINT: a clean stop, exit 130, nothing changed or left behind */
	status = signal_run(ini, out, SIGINT, 0.3, err);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 130);
	text = rs_slurp(err);
	assert_string_equal(text, "kohort run: interrupted: previous outputs "
			    "left as they were\n");
	free(text);
	assert_intact(out, sums, manifest, 0);

	/* SIGKILL at several moments: previous outputs intact (temporary
	 * files may be left), the next run sweeps them */
	for (i = 0; i < (int)(sizeof(kill_at) / sizeof(*kill_at)); i++) {
		status = signal_run(ini, out, SIGKILL, kill_at[i], err);
		if (WIFEXITED(status)) /* finished first: same outputs anyway */
			assert_int_equal(WEXITSTATUS(status), 0);
		else
			assert_int_equal(WTERMSIG(status), SIGKILL);
		assert_intact(out, sums, manifest, 1);
	}
	snprintf(cmd, sizeof(cmd), "%s/tables/.kohort-tmp-1-flow.csv", out);
	rs_write_text(cmd, "half a table");
	snprintf(cmd, sizeof(cmd), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/log.txt", out);
	rs_assert_file_has(cmd, "temporary file");
	rs_assert_file_has(cmd, "left by an interrupted run");
	assert_intact(out, sums, manifest, 0);
	free(manifest);
}

/* On a terminal: live lines with stage, extract, rows, share, ETA, then
 * the final line. */
static void test_progress_terminal(void **state)
{
	struct ko_reader_stats st = { 1000, 0, 250000, 4000000, 1000000 };
	struct ko_progress *p;
	struct timespec pause = { 0, 300000000 };
	char buf[4096];
	int master, slave;
	FILE *out;
	ssize_t n;
	size_t len = 0;

	(void)state;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		skip(); /* no pseudo-terminals here */
		return;
	}
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	out = fdopen(slave, "w");
	assert_non_null(out);
	p = ko_progress_new(out);
	assert_non_null(p);
	ko_progress_stage(p, "derive");
	nanosleep(&pause, NULL);
	ko_progress_update(p, "hilmo", &st);
	ko_progress_done(p, "hilmo", &st, 2.0);
	ko_progress_stage_done(p, "derive", 3.1, 2.5);
	ko_progress_free(p);
	fclose(out);
	/* everything written so far, in however many pieces the pty gives */
	for (;;) {
		struct pollfd pfd = { master, POLLIN, 0 };

		if (len >= sizeof(buf) - 1 || poll(&pfd, 1, 500) <= 0)
			break;
		n = read(master, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	assert_true(len > 0);
	buf[len] = '\0';
	assert_non_null(strstr(buf, "derive ...")); /* the stage starts */
	assert_non_null(strstr(buf, "derive  hilmo")); /* the live line */
	assert_non_null(strstr(buf, "derive: 3.10 s, 2.50 s CPU"));
	assert_non_null(strstr(buf, "1000 rows"));
	assert_non_null(strstr(buf, "25%"));
	assert_non_null(strstr(buf, "ETA 0:"));
	assert_non_null(strstr(buf, "4.0 MB"));   /* final line: text MB */
	assert_non_null(strstr(buf, "2.0 MB/s")); /* 4 MB in 2 s */
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jobs_identical),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_cache_other_build),
		cmocka_unit_test(test_cache_key),
		cmocka_unit_test(test_cache_altered),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_signals),
		cmocka_unit_test(test_progress_terminal),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
