/* test_outdir.c - what `kohort run` does to its output folder and what
 * `kohort check` refuses beforehand: report variables the report stage
 * cannot group by (no crash), rejects files replaced only when a run
 * completes, inputs inside the output folder, one run per output folder
 * (lock), exports holding exactly the last run's files, and byte-identical
 * reruns of the whole folder. */
#include "ko_test.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "run_support.h"
#include "study.h"

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

/* [report] exposure on a number variable (not 0/1) or on one with more
 * than 64 labels: run fails with the reason, no abort (it freed the
 * factor's codes twice); a date variable is refused by check, with the
 * config line. */
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

	/* a value variable meeting more than 64 labels (mothers' ids) */
	rs_make_config(ini, "exposure = sa_years\nby", "exposure = mom\nby");
	{
		char *text = rs_slurp(ini);
		FILE *f = fopen(ini, "w");

		assert_non_null(f);
		fprintf(f, "%s\n[variable mom]\nfrom = birth\naggregate = value "
			"mother_shnro\noutput = no\n", text);
		fclose(f);
		free(text);
	}
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("variable 'mom' has more than 64 levels");

	rs_make_config(ini, "exposure = sa_years\nby", "exposure = birth_date\nby");
	snprintf(args, sizeof(args), "check %s", ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("num.ini:109: [report] exposure: 'birth_date' is a date");
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("num.ini:109: [report] exposure: 'birth_date' is a date");
}

/* The example config on the fixture extracts but hilmo, taken from dir
 * (written to path). */
static void make_config_hilmo(const char *path, const char *dir,
			      const char *from, const char *to)
{
	char *text, *t, hilmo[200];

	rs_make_config(path, from, to);
	text = rs_slurp(path);
	snprintf(hilmo, sizeof(hilmo), "file = %s/hilmo.csv.gz", dir);
	t = rs_replace(text, "file = " RS_DATA "hilmo.csv.gz", hilmo);
	rs_write_text(path, t);
	free(text);
	free(t);
}

/* dir/hilmo.csv.gz: the fixture's with n_bad unreadable dates appended. */
static void make_hilmo(const char *dir, int n_bad)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "mkdir -p %s && (zcat " RS_DATA "hilmo.csv.gz;"
		 " i=0; while [ $i -lt %d ]; do echo \"PA7PDETCYTQ;3$i.02.2001;"
		 "F84;;\"; i=$((i+1)); done) | gzip -n > %s/hilmo.csv.gz", dir,
		 n_bad, dir);
	assert_int_equal(system(cmd), 0);
}

static int sh_ok(const char *fmt, const char *a, const char *b)
{
	char cmd[1200];

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	return system(cmd) == 0;
}

/* Start kohort run in the background, send it sig after delay seconds. */
static void kill_run(const char *ini, const char *out, int sig, double delay)
{
	struct timespec ts = { 0, (long)(delay * 1e9) };
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 2);
		dup2(fd, 1);
		execl(getenv("KOHORT_BIN"), "kohort", "run", "--quiet", "--force",
		      "--output", out, ini, (char *)NULL);
		_exit(127);
	}
	nanosleep(&ts, NULL);
	kill(pid, sig);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* stopped (130 on SIGTERM; killed by it before the handler is in
	 * place), killed, or done first */
	if (WIFEXITED(status))
		assert_true(WEXITSTATUS(status) == 130 || WEXITSTATUS(status) == 0);
	else
		assert_int_equal(WTERMSIG(status), sig);
}

/* Rejects go through the temporary-file-and-rename path: a run that fails
 * (or is killed) leaves the previous run's rejects file as it was, a run
 * without rejects removes it when it completes, and verify agrees each
 * time. */
static void test_rejects_replaced_at_end(void **state)
{
	char ini[128], bad[128], out[128], d1[128], d2[128], d0[128];
	char args[600], keep[200], rej[200];
	static const double kill_at[] = { 0.05, 0.15, 0.3, 0.6 };
	size_t i;

	(void)state;
	snprintf(d1, sizeof(d1), "%s/h1", rs_tmp);
	snprintf(d2, sizeof(d2), "%s/h2", rs_tmp);
	snprintf(d0, sizeof(d0), "%s/h0", rs_tmp);
	make_hilmo(d1, 1);
	make_hilmo(d2, 2);
	make_hilmo(d0, 0);
	snprintf(ini, sizeof(ini), "%s/rej.ini", rs_tmp);
	snprintf(bad, sizeof(bad), "%s/rej_bad.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/rej", rs_tmp);
	snprintf(rej, sizeof(rej), "%s/rejects/hilmo.csv", out);
	snprintf(keep, sizeof(keep), "%s/kept.csv", rs_tmp);

	make_config_hilmo(ini, d1, NULL, NULL);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	rs_assert_file_has(rej, "30.02.2001");
	assert_true(sh_ok("cp %s %s", rej, keep));

	/* 2 rejected rows read, then the report stage fails: the file of
	 * the complete run stays (it was rewritten at the start of the read) */
	make_config_hilmo(bad, d2, "exposure = sa_years\nby",
			  "exposure = birth_weight_g\nby");
	snprintf(args, sizeof(args), "run --quiet --force --output %s %s", out, bad);
	assert_int_equal(rs_kohort(args), 1);
	assert_true(sh_ok("cmp %s %s", rej, keep));
	snprintf(args, sizeof(args), "verify %s", out);
	assert_int_equal(rs_kohort(args), 0);

	/* killed or stopped at several moments: the same (or, when the run
	 * completed first, its own rejects, which verify agrees with) */
	make_config_hilmo(bad, d2, NULL, NULL);
	for (i = 0; i < 2 * sizeof(kill_at) / sizeof(*kill_at); i++) {
		kill_run(bad, out, i % 2 ? SIGTERM : SIGKILL, kill_at[i / 2]);
		assert_true(sh_ok("cmp %s %s", rej, keep) ||
			    sh_ok("grep -q 31.02.2001 %s%s", rej, ""));
		snprintf(args, sizeof(args), "verify %s", out);
		assert_int_equal(rs_kohort(args), 0);
	}

	/* no rejects in a complete run: the old file is gone, the manifest
	 * lists none */
	make_config_hilmo(ini, d0, NULL, NULL);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_not_equal(access(rej, F_OK), 0);
	snprintf(args, sizeof(args), "%s/manifest.json", out);
	{
		char *m = rs_slurp(args);

		assert_null(strstr(m, "rejects/hilmo.csv"));
		free(m);
	}
	snprintf(args, sizeof(args), "verify %s", out);
	assert_int_equal(rs_kohort(args), 0);
}

/* An extract inside the output folder (or inside a folder the run fills,
 * there through a symbolic link) is an error in check and run, and the
 * file is left as it was. */
static void test_input_inside_output(void **state)
{
	char ini[128], out[128], args[600], elsewhere[128], input[200];

	(void)state;
	snprintf(out, sizeof(out), "%s/inside", rs_tmp);
	snprintf(ini, sizeof(ini), "%s/inside.ini", rs_tmp);
	snprintf(input, sizeof(input), "%s/analysis.csv.gz", out);
	assert_true(sh_ok("mkdir -p %s && cp " RS_DATA "hilmo.csv.gz %s", out,
			  input));
	snprintf(args, sizeof(args), "file = %s", input);
	rs_make_config(ini, "file = " RS_DATA "hilmo.csv.gz", args);
	{ /* check reads [study] output */
		char *text = rs_slurp(ini), *t, o[200];

		snprintf(o, sizeof(o), "output = %s", out);
		t = rs_replace(text, "output = output/example", o);
		rs_write_text(ini, t);
		free(text);
		free(t);
	}
	snprintf(args, sizeof(args), "check %s", ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("extract hilmo is inside the output folder");
	snprintf(args, sizeof(args), "run --quiet %s", ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("extract hilmo is inside the output folder");
	assert_true(sh_ok("cmp " RS_DATA "hilmo.csv.gz %s%s", input, ""));

	/* OUT/rejects a link to the folder that holds the input */
	snprintf(elsewhere, sizeof(elsewhere), "%s/store", rs_tmp);
	snprintf(out, sizeof(out), "%s/linked", rs_tmp);
	snprintf(input, sizeof(input), "%s/hilmo.csv.gz", elsewhere);
	assert_true(sh_ok("mkdir -p %s %s", elsewhere, out));
	snprintf(args, sizeof(args), "cp " RS_DATA "hilmo.csv.gz %s && "
		 "ln -s %s %s/rejects", input, elsewhere, out);
	assert_int_equal(system(args), 0);
	snprintf(args, sizeof(args), "file = %s", input);
	rs_make_config(ini, "file = " RS_DATA "hilmo.csv.gz", args);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("extract hilmo is inside the output folder");
	assert_true(sh_ok("cmp " RS_DATA "hilmo.csv.gz %s%s", input, ""));

	/* a linked rejects/ is refused even without an input there: the run
	 * would remove the files it did not write in the link's target */
	rs_make_config(ini, NULL, NULL);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("/linked/rejects: a symbolic link, not a folder");
	assert_true(sh_ok("cmp " RS_DATA "hilmo.csv.gz %s%s", input, ""));
	{ /* check says so too, of [study] output */
		char *text = rs_slurp(ini), *t, o[200];

		snprintf(o, sizeof(o), "output = %s", out);
		t = rs_replace(text, "output = output/example", o);
		rs_write_text(ini, t);
		free(text);
		free(t);
	}
	snprintf(args, sizeof(args), "check %s", ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("/linked/rejects: a symbolic link, not a folder");
}

/* A run holds its output folder: a second run into it, into a folder
 * inside it or into one holding it is a clear error; a run sweeps the
 * temporary files of its own folder, not those of another output folder
 * inside it. */
static void test_lock(void **state)
{
	char ini[128], out[128], sub[160], lockf[200], args[600], tmpf[220];
	int fd;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/lock.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/locked", rs_tmp);
	snprintf(sub, sizeof(sub), "%s/inner", out);
	rs_make_config(ini, NULL, NULL);
	assert_true(sh_ok("mkdir -p %s%s", sub, ""));

	snprintf(lockf, sizeof(lockf), "%s/.kohort-lock", out);
	fd = open(lockf, O_RDWR | O_CREAT, 0666);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("another kohort run is writing into this output folder");
	snprintf(args, sizeof(args), "run --quiet --output %s %s", sub, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("which holds this output folder");
	close(fd);

	snprintf(lockf, sizeof(lockf), "%s/.kohort-lock", sub);
	fd = open(lockf, O_RDWR | O_CREAT, 0666);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 1);
	assert_err_has("inside this output folder");
	close(fd);

	/* not held: runs; the inner folder's temporary file is its own */
	snprintf(tmpf, sizeof(tmpf), "%s/.kohort-tmp-1-flow.csv", sub);
	rs_write_text(tmpf, "another run's");
	snprintf(args, sizeof(args), "%s/tables/.kohort-tmp-1-flow.csv", out);
	assert_true(sh_ok("mkdir -p %s/tables && echo half > %s", out, args));
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(access(tmpf, F_OK), 0);
	snprintf(args, sizeof(args), "%s/tables/.kohort-tmp-1-flow.csv", out);
	assert_int_not_equal(access(args, F_OK), 0);
}

/* After a run the folders it fills hold exactly its files; a file the
 * manifest does not list makes verify fail. */
static void test_stale_exports(void **state)
{
	char ini[128], out[128], args[600], stale[200];

	(void)state;
	snprintf(ini, sizeof(ini), "%s/stale.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/stale", rs_tmp);
	rs_make_config(ini, "disclosure_threshold = 5", "disclosure_threshold = 3");
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	snprintf(stale, sizeof(stale), "%s/tables/model_old.csv", out);
	rs_write_text(stale, "term,estimate\nx,1\n");
	snprintf(args, sizeof(args), "verify %s", out);
	assert_int_equal(rs_kohort(args), 1);
	{
		char *text = rs_read_tmp("out.txt");

		assert_non_null(strstr(text, "output tables/model_old.csv: not in "
					     "the manifest"));
		free(text);
	}
	rs_make_config(ini, NULL, NULL);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_not_equal(access(stale, F_OK), 0);
	snprintf(args, sizeof(args), "verify %s", out);
	assert_int_equal(rs_kohort(args), 0);
	/* every file of the filled folders is listed */
	snprintf(args, sizeof(args), "cd %s && for f in $(find tables figures "
		 "models internal rejects -type f 2>/dev/null); do grep -q "
		 "\"\\\"$f\\\"\" manifest.json || exit 1; done", out);
	assert_int_equal(system(args), 0);
}

/* Reruns are byte-identical, the manifest included (log.txt alone
 * differs): from the cache, and run anew with --force. */
static void test_rerun_identical(void **state)
{
	char ini[128], a[128], b[128], args[600], mask[700];
	int k;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/same.ini", rs_tmp);
	snprintf(a, sizeof(a), "%s/same_a", rs_tmp);
	snprintf(b, sizeof(b), "%s/same_b", rs_tmp);
	rs_make_config(ini, NULL, NULL);
	snprintf(args, sizeof(args), "run --quiet --output %s %s", a, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_true(sh_ok("cp -a %s %s", a, b));
	assert_int_equal(rs_kohort(args), 0); /* cached */
	assert_int_equal(rs_stage_ran(a, "derive"), 0);
	assert_true(sh_ok("diff -r -x log.txt %s %s", a, b));
	snprintf(args, sizeof(args), "run --quiet --force --output %s %s", a, ini);
	assert_int_equal(rs_kohort(args), 0);
	assert_int_equal(rs_stage_ran(a, "derive"), 1);
	assert_true(sh_ok("diff -r -x log.txt %s %s", a, b));
	/* log.txt: its lines in a fixed order, the concurrent reads of a
	 * derive round in extract order whichever finished first, so that
	 * only timings and peak RSS differ (masked here) between reruns with
	 * 2 jobs, and with 1 job (reads one after the other) */
	for (k = 0; k < 3; k++) {
		snprintf(args, sizeof(args), "run --quiet --force --jobs %d "
			 "--output %s %s", k == 2 ? 1 : 2, a, ini);
		assert_int_equal(rs_kohort(args), 0);
		snprintf(mask, sizeof(mask), "sed -E 's/ +[0-9.]+ s(,|$| )/ T s\\1/g; "
			 "s/ +[0-9.]+ MB\\/s/ R MB\\/s/; "
			 "s/peak RSS [0-9]+ MB/peak RSS M/; "
			 "s/, [0-9]+ jobs?$/, N jobs/' %s/log.txt > %s/log%d.masked",
			 a, rs_tmp, k);
		assert_int_equal(system(mask), 0);
	}
	snprintf(mask, sizeof(mask), "cmp %s/log0.masked %s/log1.masked && "
		 "cmp %s/log0.masked %s/log2.masked && "
		 "grep -q '^  hilmo .* rows' %s/log0.masked",
		 rs_tmp, rs_tmp, rs_tmp, rs_tmp, rs_tmp);
	assert_int_equal(system(mask), 0);
}

/* An input replaced (or rewritten, or replaced and put back) after the
 * cache key hashed it: the read is an error naming the file, so nothing of
 * the changed data is cached under the old key.  The run checks each read
 * before and after, and every input again before it caches anything. */
static void test_input_changed(void **state)
{
	char ini[128], d[128], hilmo[200], cmd[1400], key[KO_SHA256_HEX];
	struct ko_config *cfg = NULL;
	struct ko_file_id *ids;
	struct ko_study s;
	struct ko_err err;
	size_t i, h = 0;

	(void)state;
	snprintf(d, sizeof(d), "%s/chg", rs_tmp);
	make_hilmo(d, 0);
	snprintf(hilmo, sizeof(hilmo), "%s/hilmo.csv.gz", d);
	snprintf(ini, sizeof(ini), "%s/chg.ini", rs_tmp);
	make_config_hilmo(ini, d, NULL, NULL);
	ko_err_clear(&err);
	assert_int_equal(ko_config_load(&cfg, ini, &err), KO_OK);
	ids = calloc(cfg->n_extracts, sizeof(*ids));
	assert_non_null(ids);
	for (i = 0; i < cfg->n_extracts; i++)
		if (!strcmp(cfg->extracts[i].name, "hilmo"))
			h = i;
	assert_int_equal(ko_cache_key_ids(cfg, ini, ids, key, &err), KO_OK);
	assert_int_equal(ko_file_id_check(hilmo, &ids[h], &err), KO_OK);

	/* replaced by other data and put back by rename: same bytes, same
	 * inode and mtime, but not the file the key hashed throughout */
	snprintf(cmd, sizeof(cmd), "mv %s %s.orig && cp " RS_DATA "birth.csv.gz "
		 "%s && mv %s.orig %s", hilmo, hilmo, hilmo, hilmo, hilmo);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(ko_file_id_check(hilmo, &ids[h], &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "changed while the run read it"));
	assert_string_equal(err.file, hilmo);

	/* a study given those identities refuses to read it */
	ko_study_init(&s, cfg, rs_tmp);
	s.write_rejects = 0;
	s.jobs = 1;
	s.input_ids = ids;
	assert_int_equal(ko_study_link(&s, &err), KO_OK); /* birth, population */
	assert_int_equal(ko_study_derive(&s, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "changed while the run read it"));
	ko_study_release(&s);

	free(ids);
	ko_config_free(cfg);
}

/* End to end: hilmo renamed away and back (same bytes, a new ctime) once
 * the run has hashed it for the cache key and while it reads the other
 * extracts (a population with 300,000 more persons keeps it there): the
 * run stops, naming the file, and caches nothing. */
static void test_input_swapped_during_run(void **state)
{
	char d[128], ini[128], out[128], cmd[1400], hilmo[200], aside[220];
	char line[2048], *text, *t;
	int fds[2], status, seen = 0, told = 0;
	FILE *from;
	pid_t pid;

	(void)state;
	snprintf(d, sizeof(d), "%s/swap", rs_tmp);
	make_hilmo(d, 0);
	snprintf(cmd, sizeof(cmd), "(zcat " RS_DATA "population.csv.gz; awk "
		 "'BEGIN { for (i = 0; i < 300000; i++) printf \"X%%07d;01.01.1960;;;\\n\", i }')"
		 " | gzip -1 -n > %s/population.csv.gz", d);
	assert_int_equal(system(cmd), 0);
	snprintf(ini, sizeof(ini), "%s/swap.ini", rs_tmp);
	make_config_hilmo(ini, d, NULL, NULL);
	text = rs_slurp(ini);
	snprintf(cmd, sizeof(cmd), "file = %s/population.csv.gz", d);
	t = rs_replace(text, "file = " RS_DATA "population.csv.gz", cmd);
	rs_write_text(ini, t);
	free(text);
	free(t);
	snprintf(out, sizeof(out), "%s/swap_out", rs_tmp);
	snprintf(hilmo, sizeof(hilmo), "%s/hilmo.csv.gz", d);
	snprintf(aside, sizeof(aside), "%s/hilmo.aside", d);

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		execl(getenv("KOHORT_BIN"), "kohort", "run", "--verbose", "--force",
		      "--jobs", "1", "--output", out, ini, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	from = fdopen(fds[0], "r");
	assert_non_null(from);
	while (fgets(line, sizeof(line), from)) {
		if (!seen && strstr(line, "cache: not used")) {
			/* hashed; link reads birth and population now */
			assert_int_equal(rename(hilmo, aside), 0);
			assert_int_equal(rename(aside, hilmo), 0);
			seen = 1;
		}
		if (strstr(line, "changed while the run read it") &&
		    strstr(line, "hilmo.csv.gz"))
			told = 1;
	}
	fclose(from);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(seen);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_true(told);
	snprintf(cmd, sizeof(cmd), "%s/.cache/data.bin", out);
	assert_int_not_equal(access(cmd, F_OK), 0);
	snprintf(cmd, sizeof(cmd), "%s/manifest.json", out);
	assert_int_not_equal(access(cmd, F_OK), 0);
}

/* A cohort too small to report is one error whether it is empty or has a
 * few persons: exit 1, the flow step named, nothing written. */
static void test_small_cohort(void **state)
{
	static const char *const rules[] = {
		"birth_date >= 1998-01-01 and birth_date <= 1997-12-31", /* 0 */
		"birth_date >= 1997-12-31 and birth_date <= 1997-12-31", /* 3 */
	};
	static const char *const said[] = {
		"the cohort has 0 persons, fewer than the disclosure threshold 5: "
		"nothing can be reported (flow step 'born in 1997' leaves 0)",
		"the cohort has 3 persons, fewer than the disclosure threshold 5: "
		"nothing can be reported (flow step 'born in 1997' leaves 3)",
	};
	char ini[128], out[128], args[600], rule[200];
	size_t i;

	(void)state;
	snprintf(ini, sizeof(ini), "%s/small.ini", rs_tmp);
	snprintf(out, sizeof(out), "%s/small", rs_tmp);
	for (i = 0; i < 2; i++) {
		snprintf(rule, sizeof(rule), "born in 1997: %s\n", rules[i]);
		rs_make_config(ini, "born in 1997: birth_date >= 1997-01-01 and "
			       "birth_date <= 1997-12-31\n", rule);
		snprintf(args, sizeof(args), "run --quiet --output %s %s", out, ini);
		assert_int_equal(rs_kohort(args), 1);
		assert_err_has(said[i]);
		snprintf(args, sizeof(args), "%s/manifest.json", out);
		assert_int_not_equal(access(args, F_OK), 0);
		snprintf(args, sizeof(args), "%s/analysis.csv.gz", out);
		assert_int_not_equal(access(args, F_OK), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_group_var),
		cmocka_unit_test(test_rejects_replaced_at_end),
		cmocka_unit_test(test_input_inside_output),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_stale_exports),
		cmocka_unit_test(test_rerun_identical),
		cmocka_unit_test(test_input_changed),
		cmocka_unit_test(test_input_swapped_during_run),
		cmocka_unit_test(test_small_cohort),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
