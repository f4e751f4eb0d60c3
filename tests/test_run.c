/* test_run.c - the example study end to end: config/example.ini pointed at
 * tests/fixtures/derive_data (1500 synthetic children with their parents'
 * records), run in-process through every stage, compared person by person
 * with the independent R reference (tests/reference/derive.R, outputs in
 * tests/fixtures/derive_ref_*).  All values are integers or labels, so the
 * comparison is exact text.  Also `kohort run` / `kohort check` as
 * commands: exit codes, errors, atomic and byte-identical outputs. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "config.h"
#include "outfile.h"
#include "study.h"

#define DATA "tests/fixtures/derive_data/"

/* Whole file (gzip or plain) into a new NUL-terminated buffer. */
static char *slurp(const char *path)
{
	gzFile f = gzopen(path, "rb");
	size_t n = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	int got;

	assert_non_null(f);
	assert_non_null(buf);
	while ((got = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
		n += (size_t)got;
		if (cap - n < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	gzclose(f);
	buf[n] = '\0';
	return buf;
}

/* The example config with its extracts read from the fixture folder. */
static char *fixture_config(void)
{
	char *text = slurp("config/example.ini"), *out, *p, *q;
	size_t extra = 0;

	for (p = text; (p = strstr(p, "sample-data/")); p++)
		extra += strlen(DATA);
	out = malloc(strlen(text) + extra + 1);
	assert_non_null(out);
	for (p = text, q = out; *p;) {
		if (!strncmp(p, "sample-data/", 12)) {
			strcpy(q, DATA);
			q += strlen(DATA);
			p += 12;
		} else {
			*q++ = *p++;
		}
	}
	*q = '\0';
	free(text);
	return out;
}

/* Compare two CSV texts line by line, reporting the first difference. */
static void assert_same_lines(const char *got, const char *want,
			      const char *what)
{
	long line = 1;

	while (*got && *want) {
		size_t a = strcspn(got, "\n"), b = strcspn(want, "\n");

		if (a != b || memcmp(got, want, a)) {
			print_error("%s line %ld differs:\n  kohort: %.*s\n  R:      %.*s\n",
				    what, line, (int)a, got, (int)b, want);
			fail();
		}
		got += a + (got[a] == '\n');
		want += b + (want[b] == '\n');
		line++;
	}
	if (*got || *want) {
		print_error("%s: %s has more lines (from line %ld)\n", what,
			    *got ? "kohort" : "R", line);
		fail();
	}
}

static void run_study(const char *out_dir, int fixture, size_t n_children)
{
	char *text = fixture ? fixture_config() : slurp("config/example.ini");
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;

	ko_err_clear(&err);
	assert_int_equal(ko_config_parse(&cfg, text, "example.ini", &err), KO_OK);
	ko_study_init(&s, cfg, out_dir);
	assert_int_equal(ko_mkdirs(out_dir, &err), KO_OK);
	assert_int_equal(ko_study_link(&s, &err), KO_OK);
	assert_int_equal(ko_study_derive(&s, &err), KO_OK);
	assert_int_equal(ko_study_cohort(&s, &err), KO_OK);
	assert_int_equal(ko_study_write(&s, &err), KO_OK);
	assert_int_equal(s.links->n_children, n_children);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
}

/* Reads of each extract (the study's on_read), by name. */
struct read_counts {
	char name[8][32];
	int n[8];
	size_t used;
};

static void count_read(void *ctx, const char *extract,
		       const struct ko_reader_stats *stats, double seconds)
{
	struct read_counts *rc = ctx;
	size_t i;

	(void)stats;
	(void)seconds;
	for (i = 0; i < rc->used && strcmp(rc->name[i], extract); i++)
		;
	if (i == rc->used) {
		assert_true(rc->used < 8);
		snprintf(rc->name[rc->used++], sizeof(rc->name[0]), "%s", extract);
	}
	rc->n[i]++;
}

static int reads_of(const struct read_counts *rc, const char *extract)
{
	size_t i;

	for (i = 0; i < rc->used; i++)
		if (!strcmp(rc->name[i], extract))
			return rc->n[i];
	return 0;
}

/* Link and derive with the config text plus extra, counting reads. */
static void count_study_reads(const char *extra, struct read_counts *rc)
{
	char *base = fixture_config(), *text;
	struct ko_config *cfg = NULL;
	struct ko_study s;
	struct ko_err err;

	text = malloc(strlen(base) + strlen(extra) + 1);
	assert_non_null(text);
	strcpy(text, base);
	strcat(text, extra);
	ko_err_clear(&err);
	assert_int_equal(ko_config_parse(&cfg, text, "example.ini", &err), KO_OK);
	ko_study_init(&s, cfg, "/tmp/ko_reads_never_written");
	s.write_rejects = 0;
	s.on_read = count_read;
	s.on_read_ctx = rc;
	memset(rc, 0, sizeof(*rc));
	assert_int_equal(ko_study_link(&s, &err), KO_OK);
	assert_int_equal(ko_study_derive(&s, &err), KO_OK);
	ko_study_release(&s);
	ko_config_free(cfg);
	free(text);
	free(base);
}

/* The base and population extracts are read once: link keeps the columns
 * derive's first passes over them read (issue #19; their values are
 * checked against R by the two tests above).  A variable that can only be
 * derived after another extract's pass reads its extract again. */
static void test_each_extract_read_once(void **state)
{
	struct read_counts rc;

	(void)state;
	count_study_reads("", &rc);
	assert_int_equal(rc.used, 5);
	assert_int_equal(reads_of(&rc, "birth"), 1);
	assert_int_equal(reads_of(&rc, "population"), 1);
	assert_int_equal(reads_of(&rc, "hilmo"), 1);
	assert_int_equal(reads_of(&rc, "child_welfare"), 1);
	assert_int_equal(reads_of(&rc, "social_assistance"), 1);
	count_study_reads("[variable first_placement]\nfrom = child_welfare\n"
			  "date = start_date\naggregate = first\n"
			  "[variable died_after_placement]\nfrom = population\n"
			  "date = death_date\nwindow = after first_placement\n"
			  "aggregate = any\n", &rc);
	assert_int_equal(reads_of(&rc, "birth"), 1);
	assert_int_equal(reads_of(&rc, "population"), 2);
	assert_int_equal(reads_of(&rc, "child_welfare"), 1);
}

static void compare_file(const char *out_dir, const char *name,
			 const char *fixture)
{
	char path[512];
	char *got, *want;

	snprintf(path, sizeof(path), "%s/%s", out_dir, name);
	got = slurp(path);
	want = slurp(fixture);
	assert_same_lines(got, want, name);
	free(got);
	free(want);
}

static void test_matches_r_reference(void **state)
{
	char dir[64];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_run_%d", (int)getpid());
	run_study(dir, 1, 1500);
	compare_file(dir, "analysis.csv.gz",
		     "tests/fixtures/derive_ref_analysis.csv");
	compare_file(dir, "internal/flow.csv", "tests/fixtures/derive_ref_flow.csv");
	compare_file(dir, "internal/linkage.csv",
		     "tests/fixtures/derive_ref_linkage.csv");
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

/* The same on the committed sample data (10,000 children): the example
 * study exactly as configured, against the R reference's outputs
 * (tests/fixtures/derive_sample_*, made with
 * Rscript tests/reference/derive.R sample-data derive_sample, gzipped). */
static void test_sample_data_matches_r(void **state)
{
	char dir[64], cmd[128];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_sample_%d", (int)getpid());
	run_study(dir, 0, 10000);
	compare_file(dir, "analysis.csv.gz",
		     "tests/fixtures/derive_sample_analysis.csv.gz");
	compare_file(dir, "internal/flow.csv",
		     "tests/fixtures/derive_sample_flow.csv.gz");
	compare_file(dir, "internal/linkage.csv",
		     "tests/fixtures/derive_sample_linkage.csv.gz");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- the commands ---------------------------------------------------- */

struct result {
	int code;
	char err[8192];
};

static int sh(struct result *res, const char *fmt, const char *a,
	      const char *b)
{
	const char *bin = getenv("KOHORT_BIN");
	char cmd[2048], errf[64], args[1500];
	FILE *f;
	size_t n;
	int status;

	assert_non_null(bin);
	snprintf(args, sizeof(args), fmt, a, b);
	snprintf(errf, sizeof(errf), "/tmp/ko_run_%d.err", (int)getpid());
	snprintf(cmd, sizeof(cmd), "%s %s >/dev/null 2>%s", bin, args, errf);
	status = system(cmd);
	assert_true(WIFEXITED(status));
	res->code = WEXITSTATUS(status);
	f = fopen(errf, "r");
	n = f ? fread(res->err, 1, sizeof(res->err) - 1, f) : 0;
	res->err[n] = '\0';
	if (f)
		fclose(f);
	unlink(errf);
	return res->code;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_commands(void **state)
{
	char dir[64], ini[96], out1[96], out2[96], cmd[1024], bad[96];
	char *text = fixture_config();
	struct result r;
	struct stat st;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_cmd_%d", (int)getpid());
	mkdir(dir, 0777);
	snprintf(ini, sizeof(ini), "%s/study.ini", dir);
	snprintf(out1, sizeof(out1), "%s/out1", dir);
	snprintf(out2, sizeof(out2), "%s/out2", dir);
	snprintf(bad, sizeof(bad), "%s/bad.ini", dir);
	write_text(ini, text);
	free(text);

	/* check: valid config and inputs */
	assert_int_equal(sh(&r, "check %s%s", ini, ""), 0);
	/* run twice: byte-identical outputs, no temporary files left */
	assert_int_equal(sh(&r, "run --output %s %s", out1, ini), 0);
	assert_int_equal(sh(&r, "run --output %s %s", out2, ini), 0);
	snprintf(cmd, sizeof(cmd), "cmp -s %s/analysis.csv.gz %s/analysis.csv.gz"
		 " && cmp -s %s/internal/flow.csv %s/internal/flow.csv", out1, out2,
		 out1, out2);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "test -z \"$(find %s -name '*.tmp*')\"", dir);
	assert_int_equal(system(cmd), 0);
	/* the manifest lists every output; verify re-hashes them */
	assert_int_equal(sh(&r, "verify %s%s", out1, ""), 0);
	snprintf(cmd, sizeof(cmd), "grep -q '\"internal/linkage.csv\"' %s/manifest.json"
		 " && grep -q '\"extract\": \"social_assistance\"' %s/manifest.json",
		 out1, out1);
	assert_int_equal(system(cmd), 0);

	/* config errors: every problem with file:line, exit 1, nothing written */
	write_text(bad, "[study]\nname = x\ncolour = red\n[extract e]\n"
			"file = nowhere.csv\nperson = id\ncolumn id = id\n"
			"[cohort]\nbase = nothere\n[modle m]\nx = 1\n");
	assert_int_equal(sh(&r, "check %s%s", bad, ""), 1);
	assert_non_null(strstr(r.err, "bad.ini:3: [study]: unknown key 'colour'"));
	assert_non_null(strstr(r.err, "bad.ini:9: [cohort] base: no extract 'nothere'"));
	assert_non_null(strstr(r.err, "bad.ini:10: unknown section [modle m]"));
	assert_non_null(strstr(r.err, "nowhere.csv"));
	assert_int_equal(sh(&r, "run --output %s/never %s", dir, bad), 1);
	assert_int_equal(stat(dir, &st), 0);
	snprintf(cmd, sizeof(cmd), "%s/never", dir);
	assert_int_not_equal(stat(cmd, &st), 0);
	/* usage */
	assert_int_equal(sh(&r, "run%s%s", "", ""), 2);
	assert_int_equal(sh(&r, "check %s %s", ini, ini), 2);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* text with every "from" replaced by "to" (new string). */
static char *replace_all(const char *text, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), n = 0;
	const char *p;
	char *out, *q;

	for (p = text; (p = strstr(p, from)); p += nf)
		n++;
	out = malloc(strlen(text) + n * nt + 1);
	assert_non_null(out);
	for (p = text, q = out; *p;) {
		if (!strncmp(p, from, nf)) {
			memcpy(q, to, nt);
			q += nt;
			p += nf;
		} else {
			*q++ = *p++;
		}
	}
	*q = '\0';
	return out;
}

/* Issue 18: a model the config asks for that the data cannot give
 * (reference level with a case typo, a subgroup that leaves no one) is
 * found by check with its line and a suggestion, and stops run with exit 1
 * and the previous outputs as they were; before, check said ok and run
 * exited 0 without the model's table. */
static void test_model_config_problems(void **state)
{
	char dir[64], ini[96], typo[96], out[96], cmd[1024];
	char *text = fixture_config(), *t1, *t2;
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_mcp_%d", (int)getpid());
	mkdir(dir, 0777);
	snprintf(ini, sizeof(ini), "%s/study.ini", dir);
	snprintf(typo, sizeof(typo), "%s/typo.ini", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	write_text(ini, text);
	t1 = replace_all(text, "reference region = Helsinki",
			 "reference region = helsinki");
	t2 = replace_all(t1, "subgroup = ndd = 1", "subgroup = ndd = 7");
	write_text(typo, t2);
	free(text);
	free(t1);
	free(t2);

	assert_int_equal(sh(&r, "run --output %s %s", out, ini), 0);
	snprintf(cmd, sizeof(cmd), "cp -r %s %s/before", out, dir);
	assert_int_equal(system(cmd), 0);

	assert_int_equal(sh(&r, "check %s%s", typo, ""), 1);
	assert_non_null(strstr(r.err, "typo.ini:237: model placement: reference "
				      "level 'helsinki' of region is not among its "
				      "values in the model's sample ("));
	assert_non_null(strstr(r.err, "did you mean 'Helsinki'?"));
	assert_non_null(strstr(r.err, "typo.ini:260: model placement_by_sex: "
				      "reference level 'helsinki'"));
	assert_non_null(strstr(r.err, "typo.ini:252: model placement_ndd: the "
				      "subgroup leaves no one"));
	assert_non_null(strstr(r.err, "typo.ini:275: model placement_cox: "
				      "reference level 'helsinki'"));
	assert_non_null(strstr(r.err, "kohort check: 4 problems"));

	/* run: exit 1 naming the first; every earlier output unchanged */
	assert_int_equal(sh(&r, "run --quiet --output %s %s", out, typo), 1);
	assert_non_null(strstr(r.err, "typo.ini:237: model placement: reference "
				      "level 'helsinki'"));
	snprintf(cmd, sizeof(cmd), "diff -r -x .cache %s %s/before >/dev/null",
		 out, dir);
	assert_int_equal(system(cmd), 0);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* check runs the data stages in memory with or without models, so an error
 * run would raise there (here: a cohort smaller than the disclosure
 * threshold) is check's too; before, a config without models got "ok". */
static void test_check_without_models(void **state)
{
	char dir[64], ini[96], cmd[128];
	char *text = fixture_config(), *t1, *cut;
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_cwm_%d", (int)getpid());
	mkdir(dir, 0777);
	snprintf(ini, sizeof(ini), "%s/study.ini", dir);
	t1 = replace_all(text, "disclosure_threshold = 5",
			 "disclosure_threshold = 100000");
	cut = strstr(t1, "\n[model ");
	assert_non_null(cut);
	cut[1] = '\0'; /* the models are the config's last sections */
	assert_null(strstr(t1, "\n[model "));
	write_text(ini, t1);
	free(text);
	free(t1);
	assert_int_equal(sh(&r, "check %s%s", ini, ""), 1);
	assert_non_null(strstr(r.err, "fewer than"));
	assert_non_null(strstr(r.err, "kohort check: 1 problem\n"));
	assert_int_equal(sh(&r, "run --quiet --output %s/out %s", dir, ini), 1);
	assert_non_null(strstr(r.err, "fewer than"));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* [report] by naming a variable missing for every child of the cohort
 * (birth's region column emptied): check and run both stop naming it;
 * before, run wrote an empty regional table and check said ok. */
static void test_report_by_empty(void **state)
{
	char dir[64], ini[96], cmd[1200];
	char *text, *t1, *cut;
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_rbe_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/d && cp " DATA "*.csv.gz %s/d/ && "
		 "zcat " DATA "birth.csv.gz | awk -F';' 'BEGIN { OFS = \";\" } "
		 "NR > 1 { $8 = \"\" } { print }' | gzip > %s/d/birth.csv.gz && "
		 "sed 's#sample-data/#%s/d/#' config/example.ini > %s/s.ini",
		 dir, dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(ini, sizeof(ini), "%s/s.ini", dir);
	text = slurp(ini);
	t1 = strdup(text);
	assert_non_null(t1);
	cut = strstr(t1, "\n[model "); /* the models use region too */
	assert_non_null(cut);
	cut[1] = '\0';
	write_text(ini, t1);
	free(text);
	free(t1);
	assert_int_equal(sh(&r, "check %s%s", ini, ""), 1);
	assert_non_null(strstr(r.err, "[report] by = region: the variable is "
				      "missing for every child of the cohort"));
	assert_int_equal(sh(&r, "run --quiet --output %s/out %s", dir, ini), 1);
	assert_non_null(strstr(r.err, "[report] by = region: the variable is "
				      "missing for every child of the cohort"));
	snprintf(cmd, sizeof(cmd), "test ! -e %s/out/tables/regional.csv && "
		 "rm -rf %s", dir, dir);
	assert_int_equal(system(cmd), 0);
}

/* Issue 18: what the data do not allow is shown, not hidden.  A stratum
 * whose model cannot be fitted (sex with one level there) is named in the
 * summary kohort run prints even with --quiet, and in report.html's
 * warnings; a separated coefficient (regions without events) is a dash with
 * a footnote in every table format (md, csv note column, tex), its term's
 * joint test too, and a warning line; before, the table showed "0.00
 * (0.00-0.00)" and p < 0.001 and the stratum vanished without a word. */
static void test_data_problems_shown(void **state)
{
	char dir[64], ini[96], out[96], cmd[1400];
	char *text = fixture_config(), *t1, *t2;
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_dps_%d", (int)getpid());
	mkdir(dir, 0777);
	snprintf(ini, sizeof(ini), "%s/study.ini", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	t1 = replace_all(text, "subgroup = ndd = 1\n",
			 "subgroup = ndd = 1\nstrata = region\n");
	t2 = replace_all(t1, "exposures = sa_years, parent_psych, sex, "
			 "low_birth_weight", "exposures = sex, sa_years");
	write_text(ini, t2);
	free(text);
	free(t1);
	free(t2);

	assert_int_equal(sh(&r, "run --quiet --output %s %s", out, ini), 0);
	assert_non_null(strstr(r.err, "model fits not made (see report.html's "
				      "warnings and models/):\n"));
	assert_non_null(strstr(r.err, "model placement_ndd (region=Helsinki, "
				      "adjusted): not fitted: factor(sex) has only "
				      "one level in the rows used\n"));
	/* report.html: the section, in the nav, with the stratum and the
	 * separated levels */
	snprintf(cmd, sizeof(cmd),
		 "f=%s/report.html; grep -q '<a href=\"#warnings\">Warnings</a>' $f"
		 " && grep -q '<section id=\"warnings\">' $f"
		 " && grep -qF '<li>Model placement_ndd, region=Helsinki: the "
		 "adjusted model could not be fitted (factor(sex) has only one "
		 "level in the rows used); no table.</li>' $f"
		 " && grep -qF 'model placement: Wellbeing services county Kainuu "
		 "(Adjusted, Adjusted RR): not estimable, separation' $f", out);
	assert_int_equal(system(cmd), 0);
	/* the table: a dash and mark for the level's OR, p and RR, and for
	 * the term's joint test; the footnote says what the mark means */
	snprintf(cmd, sizeof(cmd),
		 "t=%s/tables/model_placement; "
		 "grep -qF '| &emsp;Kainuu | 18 | 0 (0.0) |  |  | –† | –† | –† |' $t.md"
		 " && grep -qF '| Wellbeing services county |  |  |  |  |  | –† |' $t.md"
		 " && grep -qF '–†: not estimable, separation' $t.md"
		 " && head -1 $t.csv | grep -qx 'model,term,level,estimate,conf_low,"
		 "conf_high,p_value,n,events,note,conf_low_log,conf_high_log'"
		 " && grep -qx 'Adjusted,region,Kainuu,,,,,18,0,separated,,' $t.csv"
		 " && grep -qx 'Adjusted,region,,,,,,,,separated,,' $t.csv"
		 " && grep -qF 'Kainuu & 18 & 0 (0.0) &  &  & --\\textdagger{} &' $t.tex"
		 " && ! grep -q '0.00 (0.00' $t.md", out);
	assert_int_equal(system(cmd), 0);
	/* without --quiet the summary line counts them */
	assert_int_equal(sh(&r, "run --output %s %s", out, ini), 0);
	assert_non_null(strstr(r.err, "model placement_ndd (region=Helsinki, "
				      "adjusted): not fitted"));
	/* the warnings in Finnish (the fit's own reason stays as it is) */
	snprintf(cmd, sizeof(cmd), "sed -i 's/^\\[report\\]$/[report]\\nlanguage = fi/' %s"
		 " && grep -qx 'language = fi' %s", ini, ini);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(sh(&r, "run --quiet --force --output %s %s", out, ini), 0);
	snprintf(cmd, sizeof(cmd),
		 "f=%s/report.html; grep -q '<a href=\"#warnings\">Varoitukset</a>' $f"
		 " && grep -qF '<li>Malli placement_ndd, region=Helsinki: vakioitua "
		 "mallia ei voitu sovittaa (factor(sex) has only one level in the "
		 "rows used); ei taulukkoa.</li>' $f"
		 " && grep -qF 'Kainuu (Vakioitu, Vakioitu RR): ei estimoitavissa, "
		 "separaatio (vetosuhde karkaa nollaan tai äärettömään); näytetään "
		 "viivana, samoin muuttujan yhteinen testi.</li>' $f"
		 " && ! grep -q 'not estimable\\|could not be fitted' $f", out);
	assert_int_equal(system(cmd), 0);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A duplicated child id in the base extract stops the run with examples. */
static void test_duplicate_ids(void **state)
{
	char dir[64], cmd[600];
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_dup_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/d && cp " DATA "*.csv.gz %s/d/ && "
		 "(zcat " DATA "birth.csv.gz; zcat " DATA "birth.csv.gz | sed -n 3p)"
		 " | gzip > %s/d/birth.csv.gz && cp config/example.ini %s/s.ini",
		 dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/s.ini", dir);
	{
		char out[100];

		snprintf(out, sizeof(out), "%s/out", dir);
		/* the example config names sample-data/: rewrite that */
		snprintf(cmd, sizeof(cmd), "sed -i 's#sample-data/#%s/d/#' %s/s.ini",
			 dir, dir);
		assert_int_equal(system(cmd), 0);
		snprintf(cmd, sizeof(cmd), "%s/s.ini", dir);
		assert_int_equal(sh(&r, "run --output %s %s", out, cmd), 1);
		assert_non_null(strstr(r.err, "must have one row per person"));
		assert_non_null(strstr(r.err, "1 duplicated id, e.g. 'PHO1H4264WF' "
					      "(rows 3 and 1502)"));
		assert_int_equal(sh(&r, "check %s%s", cmd, ""), 1);
		assert_non_null(strstr(r.err, "1 duplicated id"));
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* check reports rejected rows as file:row: column; run stops when too many
 * rows are rejected, writes no tables and keeps the rejects as failed. */
static void test_bad_rows(void **state)
{
	char dir[64], cmd[1200], ini[100];
	struct result r;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_bad_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/d && cp " DATA "*.csv.gz %s/d/ && "
		 "(zcat " DATA "hilmo.csv.gz | head -3; "
		 "printf 'PA7PDETCYTQ;31.02.2001;F84;;\\nPA7PDETCYTQ;01.01.2001;F84\\n"
		 "PA7PDETCYTQ;\"01.01\\n2001\";F84;;\\n')"
		 " | gzip > %s/d/hilmo.csv.gz && "
		 "sed 's#sample-data/#%s/d/#' config/example.ini > %s/s.ini",
		 dir, dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(ini, sizeof(ini), "%s/s.ini", dir);
	assert_int_equal(sh(&r, "check %s%s", ini, ""), 1);
	assert_non_null(strstr(r.err, "hilmo.csv.gz: 3 of 5 rows rejected"));
	assert_non_null(strstr(r.err, "hilmo.csv.gz:4: column 'contact_date': "
				      "expected a date"));
	assert_non_null(strstr(r.err, "hilmo.csv.gz:5: expected 5 fields"));
	/* the rejects file is read as CSV: a value with a line break is one
	 * value, shown on one line (issue #14's sibling) */
	assert_non_null(strstr(r.err, "hilmo.csv.gz:6: column 'contact_date': "
				      "expected a date DD.MM.YYYY ('01.01\\n2001')\n"));
	snprintf(cmd, sizeof(cmd), "%s/out", dir);
	assert_int_equal(sh(&r, "run --output %s %s", cmd, ini), 1);
	assert_non_null(strstr(r.err, "hilmo.csv.gz"));
	/* the failed run's rejects under their own name: a previous run's
	 * rejects/hilmo.csv would stay as it was */
	assert_non_null(strstr(r.err, "see "));
	assert_non_null(strstr(r.err, "/out/rejects/hilmo.failed.csv"));
	snprintf(cmd, sizeof(cmd), "test -s %s/out/rejects/hilmo.failed.csv && "
		 "test ! -e %s/out/rejects/hilmo.csv && "
		 "test ! -e %s/out/internal/flow.csv && "
		 "test ! -e %s/out/analysis.csv.gz", dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Base rows that are unreadable or have no id head the flow table. */
static void test_lost_base_rows(void **state)
{
	char dir[64], cmd[1200], ini[100], flow[200];
	struct result r;
	char *text;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_lost_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/d && cp " DATA "*.csv.gz %s/d/ && "
		 "(zcat " DATA "birth.csv.gz; printf ';P1;P2;01.01.1997;1;3000;40;X\\n"
		 "PX1;P1;P2;31.02.1997;1;3000;40;X\\n') | gzip > %s/d/birth.csv.gz && "
		 "sed 's#sample-data/#%s/d/#' config/example.ini > %s/s.ini",
		 dir, dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(ini, sizeof(ini), "%s/s.ini", dir);
	snprintf(cmd, sizeof(cmd), "%s/out", dir);
	assert_int_equal(sh(&r, "run --output %s %s", cmd, ini), 0);
	snprintf(flow, sizeof(flow), "%s/out/internal/flow.csv", dir);
	text = slurp(flow);
	assert_non_null(strstr(text, "step,n_remaining,n_excluded\n"
				     "rows in extract birth,1502,0\n"
				     "rows of birth rejected (see rejects/birth.csv),1501,1\n"
				     "rows of birth without an id,1500,1\n"
				     "children in extract birth,1500,0\n"
				     "born in 1997,1460,40\n"));
	/* every rule's step is there (the last was lost to the prefix) */
	assert_non_null(strstr(text, "\nemigrated before the 1st birthday,"));
	free(text);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Append a gzip member holding text (len bytes, NULs allowed) to path:
 * a file of concatenated members reads as one. */
static void append_gz(const char *path, const char *text, size_t len)
{
	gzFile g = gzopen(path, "ab");

	assert_non_null(g);
	assert_int_equal(gzwrite(g, text, (unsigned)len), (int)len);
	assert_int_equal(gzclose(g), Z_OK);
}

/* A bad value in a column only a variable reads (birth_weight_g of the
 * base extract, emigration_date of the population) rejects the row in
 * every pass over the extract: it is in the rejects file, counted in the
 * flow, and run rejects what check reports (issue #14, item 2). */
static void test_bad_value_in_variable_column(void **state)
{
	static const char birth_rows[] =
		"PBAD1;P1;P2;01.01.1997;1;3600.5;40;X\n"
		"PBAD2;P1;P2;01.01.1997;1;36\0\x30\x30;40;X\n"
		"PBAD3;P1;P2;01.01.1997;1;1e309;40;X\n"
		"PBAD4;P1;P2;01.01.1997;1;0x10;40;X\n";
	static const char pop_rows[] = "PBADPOP;01.01.1970;;31.02.2001;\n"
				       ";01.01.1970;;;\n"; /* no id */
	char dir[64], cmd[1200], ini[100], path[200];
	struct result r;
	char *text;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_badvar_%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/d && cp " DATA "*.csv.gz %s/d/ && "
		 "sed 's#sample-data/#%s/d/#' config/example.ini > %s/s.ini",
		 dir, dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/d/birth.csv.gz", dir);
	append_gz(path, birth_rows, sizeof(birth_rows) - 1);
	snprintf(path, sizeof(path), "%s/d/population.csv.gz", dir);
	append_gz(path, pop_rows, sizeof(pop_rows) - 1);
	snprintf(ini, sizeof(ini), "%s/s.ini", dir);
	assert_int_equal(sh(&r, "check %s%s", ini, ""), 1);
	assert_non_null(strstr(r.err, "birth.csv.gz: 4 of 1504 rows rejected"));
	assert_non_null(strstr(r.err, "birth.csv.gz:1502: column "
				      "'birth_weight_g': expected a number with "
				      "decimal comma ('3600.5')"));
	/* a population row without an id is a reject, not dropped
	 * uncounted: shown by check, in run's rejects file and log */
	assert_non_null(strstr(r.err, "population.csv.gz: 2 of 4411 rows"));
	assert_non_null(strstr(r.err, "population.csv.gz:4412: column 'shnro': "
				      "no value (required) ('')"));
	snprintf(cmd, sizeof(cmd), "%s/out", dir);
	assert_int_equal(sh(&r, "run --output %s %s", cmd, ini), 0);
	snprintf(path, sizeof(path), "%s/out/rejects/birth.csv", dir);
	text = slurp(path);
	assert_non_null(strstr(text, ",1502,birth_weight_g,expected a "
				     "number with decimal comma,3600.5\n"));
	assert_non_null(strstr(text, ",1503,birth_weight_g,contains a "
				     "NUL byte,36 00\n"));
	assert_non_null(strstr(text, ",1504,birth_weight_g,expected a "
				     "number with decimal comma,1e309\n"));
	assert_non_null(strstr(text, ",1505,birth_weight_g,expected a "
				     "number with decimal comma,0x10\n"));
	free(text);
	snprintf(path, sizeof(path), "%s/out/rejects/population.csv", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "emigration_date,expected a date "
				     "DD.MM.YYYY,31.02.2001\n"));
	assert_non_null(strstr(text, ",4412,shnro,no value (required),\n"));
	free(text);
	snprintf(path, sizeof(path), "%s/out/log.txt", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "warning: population: 2 of 4411 rows "
				     "rejected (see rejects/population.csv)"));
	free(text);
	snprintf(path, sizeof(path), "%s/out/internal/flow.csv", dir);
	text = slurp(path);
	assert_non_null(strstr(text, "step,n_remaining,n_excluded\n"
				     "rows in extract birth,1504,0\n"
				     "rows of birth rejected (see rejects/birth.csv),1500,4\n"
				     "children in extract birth,1500,0\n"));
	assert_non_null(strstr(text, "\nemigrated before the 1st birthday,"));
	free(text);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_r_reference),
		cmocka_unit_test(test_sample_data_matches_r),
		cmocka_unit_test(test_each_extract_read_once),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_model_config_problems),
		cmocka_unit_test(test_check_without_models),
		cmocka_unit_test(test_report_by_empty),
		cmocka_unit_test(test_data_problems_shown),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_lost_base_rows),
		cmocka_unit_test(test_bad_value_in_variable_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
