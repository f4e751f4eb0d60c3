/* test_cmd_fit.c - `kohort fit` end to end: runs the built binary ($KOHORT_BIN,
 * set by make test) on MASS's birthwt exported from R and compares every
 * number it prints with R (tests/reference/fit_birthwt.R ->
 * tests/fixtures/fit_birthwt_*). */
#include "ko_test.h"

#include <zlib.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "value.h"

/* The spec's tolerance against R's glm for coefficients and SEs; used for
 * every derived number too (z, p, OR, Wald CI, deviances, tests). */
#define TOL_R 1e-6
/* Profile CIs: R's reference is exact root finding (uniroot, tol 1e-12). */
#define TOL_PROFILE 1e-6
/* Firth: logistf's published profile CIs and PLR p-values (10 digits). */
#define TOL_LOGISTF 1e-6
/* A reference value of 0 or at round-off level (an LR statistic of a 0-df
 * drop; Hosmer-Lemeshow when fitted values equal group means): absolute. */
#define TOL_ZERO 1e-8

#define DATA "tests/fixtures/fit_birthwt.csv"
#define HL_FORMULA "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui"

/* A CSV table: header names and text cells. */
struct table {
	size_t nrow, ncol;
	char **head;
	char **cell; /* nrow x ncol */
};

struct run {
	int status;   /* exit code, or -1 */
	char *out;    /* standard output */
	char *err;    /* standard error */
};

static const char *kohort_bin(void)
{
	const char *bin = getenv("KOHORT_BIN");

	return bin && *bin ? bin : "build/kohort";
}

static char *slurp_fd(int fd)
{
	size_t len = 0, cap = 8192;
	char *buf = malloc(cap);
	ssize_t got;

	assert_non_null(buf);
	while ((got = read(fd, buf + len, cap - len - 1)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		len += (size_t)got;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[len] = '\0';
	return buf;
}

/* Run kohort with args (NULL-terminated, without argv[0]); stderr goes to
 * a temporary file so a full pipe cannot block. */
static struct run run_kohort(const char *const *args)
{
	struct run r = { -1, NULL, NULL };
	char errpath[] = "/tmp/kohort_fit_errXXXXXX";
	const char *argv[32];
	int out[2], efd, st;
	size_t i;
	pid_t pid;

	argv[0] = kohort_bin();
	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	efd = mkstemp(errpath);
	assert_true(efd >= 0);
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(out[1], 1);
		dup2(efd, 2);
		close(out[0]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	r.out = slurp_fd(out[0]);
	close(out[0]);
	waitpid(pid, &st, 0);
	r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	lseek(efd, 0, SEEK_SET);
	r.err = slurp_fd(efd);
	close(efd);
	unlink(errpath);
	return r;
}

static void run_release(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Split one CSV line (no embedded newlines) into fields, unquoting. */
static size_t csv_fields(const char *line, size_t len, char **field, size_t max)
{
	size_t n = 0, i = 0;

	while (i <= len && n < max) {
		char *f = malloc(len + 1);
		size_t k = 0;

		assert_non_null(f);
		if (i < len && line[i] == '"') {
			i++;
			while (i < len) {
				if (line[i] == '"' && i + 1 < len && line[i + 1] == '"') {
					f[k++] = '"';
					i += 2;
				} else if (line[i] == '"') {
					i++;
					break;
				} else {
					f[k++] = line[i++];
				}
			}
		}
		while (i < len && line[i] != ',')
			f[k++] = line[i++];
		f[k] = '\0';
		field[n++] = f;
		i++; /* past the comma (or the end) */
	}
	return n;
}

/* Parse a CSV table from text up to a blank line or the end; *rest gets
 * where the next table starts (or NULL). */
static void table_parse(const char *text, struct table *t, const char **rest)
{
	const char *line = text;
	char *field[64];
	size_t n;

	memset(t, 0, sizeof(*t));
	*rest = NULL;
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (len && line[len - 1] == '\r')
			len--;
		if (len == 0) {
			*rest = nl ? nl + 1 : NULL;
			return;
		}
		n = csv_fields(line, len, field, 64);
		if (!t->head) {
			t->ncol = n;
			t->head = malloc(n * sizeof(char *));
			memcpy(t->head, field, n * sizeof(char *));
		} else {
			if (n != t->ncol)
				fail_msg("row of %zu fields under a header of %zu: %.*s",
					 n, t->ncol, (int)len, line);
			t->cell = realloc(t->cell, (t->nrow + 1) * n * sizeof(char *));
			memcpy(t->cell + t->nrow * n, field, n * sizeof(char *));
			t->nrow++;
		}
		if (!nl)
			break;
		line = nl + 1;
	}
}

static void table_release(struct table *t)
{
	size_t i;

	for (i = 0; i < t->ncol; i++)
		free(t->head[i]);
	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i]);
	free(t->head);
	free(t->cell);
}

static void table_load(const char *path, struct table *t)
{
	FILE *fp = fopen(path, "r");
	char *text;
	const char *rest;
	size_t len;

	if (!fp)
		fail_msg("cannot open %s", path);
	text = malloc(1 << 20);
	len = fread(text, 1, (1 << 20) - 1, fp);
	text[len] = '\0';
	fclose(fp);
	table_parse(text, t, &rest);
	free(text);
}

static long col_of(const struct table *t, const char *name)
{
	size_t j;

	for (j = 0; j < t->ncol; j++)
		if (!strcmp(t->head[j], name))
			return (long)j;
	fail_msg("no column %s", name);
	return -1;
}

/* Row whose first cell is key, or -1. */
static long row_of(const struct table *t, const char *key)
{
	size_t i;

	for (i = 0; i < t->nrow; i++)
		if (!strcmp(t->cell[i * t->ncol], key))
			return (long)i;
	return -1;
}

static void check_value(const char *what, const char *key, const char *got,
			const char *want, double tol)
{
	double g, w;

	if (!strcmp(want, "NA")) {
		if (strcmp(got, "NA"))
			fail_msg("%s %s: got %s, R has NA", what, key, got);
		return;
	}
	if (!strcmp(got, "NA"))
		fail_msg("%s %s: got NA, R has %s", what, key, want);
	g = strtod(got, NULL);
	w = strtod(want, NULL);
	if (fabs(w) < 1e-12) {
		assert_near(g, w, TOL_ZERO);
		return;
	}
	if (!(fabs(g - w) <= tol * fabs(w)))
		fail_msg("%s %s: got %.17g, R %.17g (rel. diff %.3g > %.3g)", what,
			 key, g, w, fabs(g - w) / fabs(w), tol);
}

/* Every fixture row must be in got, with every fixture column. */
static void compare_tables(const char *what, const struct table *got,
			   const struct table *want, const double *tol_by_col)
{
	size_t i, j;

	assert_int_equal(got->nrow, want->nrow);
	for (i = 0; i < want->nrow; i++) {
		const char *key = want->cell[i * want->ncol];
		long gi = row_of(got, key);

		if (gi < 0)
			fail_msg("%s: no row '%s' in kohort's output", what, key);
		for (j = 1; j < want->ncol; j++) {
			long gj = col_of(got, want->head[j]);

			check_value(what, key, got->cell[gi * got->ncol + gj],
				    want->cell[i * want->ncol + j],
				    tol_by_col ? tol_by_col[j] : TOL_R);
		}
	}
}

/* Statistics: only those R has (kohort prints more). */
static void compare_stats(const struct table *got, const struct table *want)
{
	size_t i;

	for (i = 0; i < want->nrow; i++) {
		const char *key = want->cell[i * 2];
		long gi = row_of(got, key);

		if (gi < 0)
			fail_msg("stats: kohort lacks %s", key);
		check_value("stats", key, got->cell[gi * 2 + 1],
			    want->cell[i * 2 + 1], TOL_R);
	}
}

static void check_model_as(const char *prefix, const char *id,
			   const char *const *args, double tol_ci);

/* Run one model and compare its three tables with fixture id. */
static void check_model(const char *id, const char *const *args, double tol_ci)
{
	check_model_as("fit_birthwt", id, args, tol_ci);
}

/* The same with the fixtures tests/fixtures/PREFIX_ID_*.csv. */
static void check_model_as(const char *prefix, const char *id,
			   const char *const *args, double tol_ci)
{
	struct run r = run_kohort(args);
	struct table coef, stats, terms, want;
	const char *rest, *rest2;
	char path[256];
	double tol[8] = { 0, TOL_R, TOL_R, TOL_R, TOL_R, TOL_R, TOL_R, TOL_R };

	if (r.status != 0)
		fail_msg("%s: exit %d: %s", id, r.status, r.err);
	table_parse(r.out, &coef, &rest);
	assert_non_null(rest);
	table_parse(rest, &stats, &rest2);
	assert_non_null(rest2);
	table_parse(rest2, &terms, &rest);

	tol[6] = tol[7] = tol_ci;
	snprintf(path, sizeof(path), "tests/fixtures/%s_%s_coef.csv", prefix, id);
	table_load(path, &want);
	assert_int_equal(coef.ncol, 10);
	assert_string_equal(coef.head[0], "term");
	compare_tables(path, &coef, &want, tol);
	table_release(&want);

	snprintf(path, sizeof(path), "tests/fixtures/%s_%s_stats.csv", prefix, id);
	table_load(path, &want);
	compare_stats(&stats, &want);
	table_release(&want);

	snprintf(path, sizeof(path), "tests/fixtures/%s_%s_terms.csv", prefix, id);
	table_load(path, &want);
	compare_tables(path, &terms, &want, NULL);
	table_release(&want);

	table_release(&coef);
	table_release(&stats);
	table_release(&terms);
	run_release(&r);
}

static void test_m1_model_se(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA, NULL };

	(void)state;
	check_model("m1", args, TOL_R);
}

static void test_m2_robust(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA,
			       "--se", "robust", NULL };

	(void)state;
	check_model("m2", args, TOL_R);
}

static void test_m3_cluster(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA,
			       "--se", "cluster", "--cluster", "mom", NULL };

	(void)state;
	check_model("m3", args, TOL_R);
}

static void test_m9_cluster_hc1(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA,
			       "--se", "cluster", "--cluster", "mom", "--hc", "HC1",
			       NULL };

	(void)state;
	check_model("m9", args, TOL_R);
}

/* The plain path (straight into the design) with weights and clusters. */
static void test_m10_plain_weights_cluster(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", "low ~ age + lwt",
			       "--weights", "w", "--se", "cluster", "--cluster", "mom",
			       NULL };

	(void)state;
	check_model("m10", args, TOL_R);
}

/* No intercept: the factor gets every level; dropping the only term
 * leaves the empty model. */
static void test_m11_no_intercept(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ factor(race) - 1", NULL };

	(void)state;
	check_model("m11", args, TOL_R);
}

static void test_m12_intercept_only(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", "low ~ 1", NULL };

	(void)state;
	check_model("m12", args, TOL_R);
}

static void test_m4_weights_interaction_ref(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age * smoke + factor(race_txt, ref = \"white\") + lwt",
			       "--weights", "w", NULL };

	(void)state;
	check_model("m4", args, TOL_R);
}

static void test_m5_aliased(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age + lwt + lwt2 + smoke", NULL };
	struct run r = run_kohort(args);

	(void)state;
	check_model("m5", args, TOL_R);
	assert_non_null(strstr(r.out, "lwt2: aliased"));
	assert_non_null(strstr(r.err, "not defined because of singularities"));
	run_release(&r);
}

static void test_m6_missing(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age_na + factor(race_na) + smoke + age_na:smoke",
			       NULL };

	(void)state;
	check_model("m6", args, TOL_R);
}

static void test_m7_profile(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA,
			       "--profile", NULL };

	(void)state;
	check_model("m7", args, TOL_PROFILE);
}

/* Issue 15 (tests/reference/fit_edges.R): an option column that is also a
 * numeric term, with a factor elsewhere in the formula (the general read
 * path).  The cluster id was read as text and the term became a factor
 * (x21..x25): a different model, no warning. */
static void test_m13_cluster_is_term(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age + lwt + factor(race) + ptl",
			       "--se", "cluster", "--cluster", "ptl", NULL };
	struct run r = run_kohort(args);

	(void)state;
	check_model("m13", args, TOL_R);
	assert_null(strstr(r.out, "\nptl1,"));
	run_release(&r);
}

/* The weights column that is also a term (the weights column may not be
 * the cluster: a usage error, test_usage_errors). */
static void test_m14_weights_cluster_are_term(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age + w + factor(race)", "--weights", "w",
			       "--se", "cluster", "--cluster", "mom", NULL };

	(void)state;
	check_model("m14", args, TOL_R);
}

/* The cluster column that is a bare term must be a number in every row:
 * a text value is an error naming the row, not a factor. */
static void test_cluster_term_text_value(void **state)
{
	char path[] = "/tmp/ko_fit_cltextXXXXXX";
	int fd = mkstemp(path);
	const char *args[] = { "fit", "--data", path, "--formula",
			       "y ~ x + factor(g)", "--se", "cluster",
			       "--cluster", "x", NULL };
	const char *csv = "y,x,g\n1,1,a\n0,2,b\n1,x3,a\n0,4,b\n1,5,a\n0,1,b\n";
	struct run r;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, csv, strlen(csv)), (ssize_t)strlen(csv));
	close(fd);
	r = run_kohort(args);
	unlink(path);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, ":4: column 'x': expected a number"));
	assert_string_equal(r.out, "");
	run_release(&r);
}

/* drop1's row for a term whose columns are all aliased: Df 0, LRT 0,
 * p NA, as R prints it (was NA, NA). */
static void test_m15_aliased_term_drop1(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age + lwt + lwt2 + smoke", NULL };

	(void)state;
	check_model("m15", args, TOL_R);
}

/* Weights and weight x outcome ending in .5: R's binomial aic rounds them
 * with round(), half to even (2.5 -> 2); loglik, AIC and BIC to TOL_R
 * (C's round() gave AIC 18.38 where R has 23.19 here). */
static void test_aic_round_half_even(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_half.csv",
			       "--formula", "y ~ x", "--weights", "w", NULL };

	(void)state;
	check_model("half", args, TOL_R);
}

/* A profile end under complete separation against exact root finding in R
 * (tests/reference/fit_edges.R: uniroot, tol 1e-12, on brackets where
 * glm.fit reaches the minimum): absolute, on the log-odds scale (the SEs of
 * a separated fit, 10^5, are no scale). */
#define TOL_PROFILE_SEP 1e-6

/* mtcars am ~ wt + hp + qsec, completely separated: every profile end is
 * the exact root, +-Inf where none exists, or NA with a warning on
 * standard error and in the table, never a wrong finite number.  Before:
 * wt's upper end -293 (the root is -9.314), and the intercept's lower and
 * qsec's upper NA (74.74, -2.454): refits warm-started across a jump in
 * b_j stalled with saturated rows and were taken as above the cut-off;
 * hp's lower end is -Inf (the data without hp are still completely
 * separated: the strict-separation LP), was NA. */
static void check_profile_mtcars(const char *data, const char *formula,
				 const char *scaled, double scale)
{
	const char *args[] = { "fit", "--data", data, "--formula", formula,
			       "--profile", "--tests", "none", NULL };
	const char *cols[2] = { "conf_low_log", "conf_high_log" };
	struct run r = run_kohort(args);
	struct table coef, want;
	const char *rest;
	size_t i, e;

	assert_int_equal(r.status, 0);
	table_parse(r.out, &coef, &rest);
	table_load("tests/fixtures/fit_mtcars_profile.csv", &want);
	for (i = 0; i < want.nrow; i++) {
		const char *term = want.cell[i * want.ncol];
		int is_scaled = scaled && !strcmp(term, "wt");
		const char *kterm = is_scaled ? scaled : term;
		long gr = row_of(&coef, kterm);

		assert_true(gr >= 0);
		for (e = 0; e < 2; e++) {
			const char *gv = coef.cell[gr * coef.ncol + col_of(&coef, cols[e])];
			double w = strtod(want.cell[i * want.ncol + col_of(&want, cols[e])], NULL);
			double g = !strcmp(gv, "NA") ? NAN : strtod(gv, NULL);
			double tol = TOL_PROFILE_SEP * (fabs(w) > 1 ? fabs(w) : 1);

			if (is_scaled) {
				w /= scale;
				tol /= scale;
			}
			if (isinf(w) ? g != w : !(fabs(g - w) <= tol))
				fail_msg("%s %s %s: got %.12g, exact %.12g", data,
					 kterm, cols[e], g, w);
		}
	}
	assert_null(strstr(r.out, "could not be found"));
	assert_null(strstr(r.err, "could not be found"));
	table_release(&want);
	table_release(&coef);
	run_release(&r);
}

/* The same data with wt in units of 1e-6: the ends scale with it (before:
 * wtu's upper end printed Inf, the walk's 2^12 steps of 1 from an estimate
 * of -2.3e8 taken for "never reaches the cut-off"; the root is -9.3e6). */
static void test_profile_mtcars_complete_separation(void **state)
{
	(void)state;
	check_profile_mtcars("tests/fixtures/fit_mtcars.csv", "am ~ wt + hp + qsec",
			     NULL, 1);
	check_profile_mtcars("tests/fixtures/fit_mtcars_u.csv", "am ~ wtu + hp + qsec",
			     "wtu", 1e-6);
}

/* Firth on mtcars am ~ wt + hp + qsec (completely separated), the default
 * 25 iterations, against logistf's algorithm re-typed in R
 * (tests/reference/fit_edges.R: profile penalized likelihood maximised
 * from three starts, ends by uniroot, tol 1e-12).  scale multiplies the
 * column 'scaled' (wt in units of 1e-6: wtu, whose coefficient is -6.09e6,
 * outside exp()'s range, so the odds-ratio CI is 0/0 and conf_*_log carry
 * it).  Estimates to TOL_R relative, ends to TOL_PROFILE_SEP x max(1,
 * |end|) (absolute on the log-odds scale, relative for the scaled one).
 * Before: with 25 iterations the profile refits stopped short (one end
 * wrong, three NA; logistf's cap of 5 per step left wtu at 125). */
static void check_firth_mtcars(const char *data, const char *formula,
			       const char *scaled, double scale)
{
	const char *args[] = { "fit", "--data", data, "--formula", formula,
			       "--firth", "--tests", "none", NULL };
	const char *cols[3] = { "estimate", "conf_low_log", "conf_high_log" };
	struct run r = run_kohort(args);
	struct table coef, want;
	const char *rest;
	size_t i, e;

	assert_int_equal(r.status, 0);
	table_parse(r.out, &coef, &rest);
	table_load("tests/fixtures/fit_mtcars_firth_profile.csv", &want);
	for (i = 0; i < want.nrow; i++) {
		const char *term = want.cell[i * want.ncol];
		int is_scaled = scaled && !strcmp(term, "wt");
		const char *kterm = is_scaled ? scaled : term;
		long gr = row_of(&coef, kterm);

		assert_true(gr >= 0);
		for (e = 0; e < 3; e++) {
			const char *wv = want.cell[i * want.ncol + col_of(&want, cols[e])];
			const char *gv = coef.cell[gr * coef.ncol + col_of(&coef, cols[e])];
			double w = strtod(wv, NULL), g = strtod(gv, NULL);
			double tol = e == 0 ? TOL_R * fabs(w)
				     : TOL_PROFILE_SEP * (fabs(w) > 1 ? fabs(w) : 1);

			if (!strcmp(wv, "NA")) {
				/* no reference (the intercept's upper end):
				 * a finite end above the estimate */
				assert_true(isfinite(g) && strcmp(gv, "NA"));
				continue;
			}
			if (is_scaled) {
				w /= scale;
				tol /= scale;
			}
			if (!(fabs(g - w) <= tol))
				fail_msg("%s %s %s: got %.12g, R %.12g", data, kterm,
					 cols[e], g, w);
		}
	}
	assert_null(strstr(r.out, "could not be found"));
	/* logistf's convergence test (maxit 25, lconv/gconv/xconv 1e-5) is
	 * met: no non-convergence warning (before: "did not converge in 25
	 * iterations", kohort's own 1e-9 test being the limit) */
	assert_non_null(strstr(r.out, "\nconverged,1\n"));
	assert_null(strstr(r.out, "did not converge"));
	assert_null(strstr(r.err, "did not converge"));
	table_release(&want);
	table_release(&coef);
	run_release(&r);
}

static void test_firth_mtcars_profile(void **state)
{
	(void)state;
	check_firth_mtcars("tests/fixtures/fit_mtcars.csv", "am ~ wt + hp + qsec",
			   NULL, 1);
	check_firth_mtcars("tests/fixtures/fit_mtcars_u.csv", "am ~ wtu + hp + qsec",
			   "wtu", 1e-6);
}

/* Modified Poisson on a level without events (tests/fixtures/
 * fit_noevents.csv, from fit_edges.R: g = "c" has none): glm stops its
 * estimate near -18 and reports convergence; the risk ratio is no
 * estimate, and kohort says so by name, as for the odds ratio's
 * separation, in a warning row and on standard error (before: only the
 * logistic separation named the level, and only when some fitted risk
 * fell below 1e-8 a general Poisson warning). */
static void test_rr_no_events_named(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_noevents.csv",
			       "--formula", "y ~ x + factor(g)", "--effect", "or,rr",
			       "--tests", "none", NULL };
	const char *w = "modified Poisson: factor(g)c: no events, the estimate tends to -Inf (its risk ratio is not an estimate)";
	struct run r = run_kohort(args);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, w));
	assert_non_null(strstr(r.err, w));
	assert_null(strstr(r.out, "factor(g)b: no events"));
	assert_null(strstr(r.out, "x: no events"));
	run_release(&r);
}

/* --family poisson on a level without events (fit_noevents.csv, g = "c"):
 * the Poisson MLE of its coefficient does not exist whatever fitted risk
 * glm stops at (R says nothing); the family names that level, and only it,
 * in a warning row (issue 15 item 5 for the family's own fit, not only
 * for --effect rr). */
static void test_family_poisson_no_events(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_noevents.csv",
			       "--formula", "y ~ x + factor(g)", "--family", "poisson",
			       "--tests", "none", NULL };
	const char *w = "factor(g)c: no events where it is not 0, the estimate "
			"tends to -Inf (its risk ratio is not an estimate)";
	struct run r = run_kohort(args);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, w));
	assert_null(strstr(r.out, "factor(g)b: no events"));
	assert_null(strstr(r.out, "x: no events"));
	assert_null(strstr(r.out, "(Intercept): no events"));
	run_release(&r);
}

/* --family poisson: the model's own coefficients are the modified
 * Poisson fit, printed with the same digits as --effect rr on the logistic
 * model (which test_effects checks against R's glm + sandwich): the
 * risk_ratio column and its CI and p-value, robust HC0 SEs by default; the
 * term tests are the Poisson family's refits (drop1 against
 * tests/reference/family_ref.R's numbers on the same data). */
static void test_family_poisson(void **state)
{
	const char *pois[] = { "fit", "--threads", "1", "--data", DATA, "--formula",
			       HL_FORMULA, "--family", "poisson", NULL };
	const char *rr[] = { "fit", "--threads", "1", "--data", DATA, "--formula",
			     HL_FORMULA, "--effect", "rr", "--se", "robust",
			     "--tests", "none", NULL };
	struct run a = run_kohort(pois), b = run_kohort(rr);
	struct table ta, tb, sa, tt;
	const char *rest, *rest2, *rest3;
	size_t i;
	long r;

	(void)state;
	assert_int_equal(a.status, 0);
	assert_int_equal(b.status, 0);
	table_parse(a.out, &ta, &rest);
	table_parse(b.out, &tb, &rest2);
	assert_string_equal(ta.head[5], "risk_ratio");
	assert_int_equal(ta.nrow, tb.nrow);
	for (i = 0; i < ta.nrow; i++) {
		const char *term = ta.cell[i * ta.ncol];

		r = row_of(&tb, term);
		assert_true(r >= 0);
		assert_string_equal(ta.cell[i * ta.ncol + col_of(&ta, "risk_ratio")],
				    tb.cell[r * tb.ncol + col_of(&tb, "risk_ratio")]);
		assert_string_equal(ta.cell[i * ta.ncol + col_of(&ta, "conf_low")],
				    tb.cell[r * tb.ncol + col_of(&tb, "rr_conf_low")]);
		assert_string_equal(ta.cell[i * ta.ncol + col_of(&ta, "p_value")],
				    tb.cell[r * tb.ncol + col_of(&tb, "rr_p_value")]);
		assert_string_equal(ta.cell[i * ta.ncol + col_of(&ta, "std_error")],
				    tb.cell[r * tb.ncol + col_of(&tb, "rr_std_error")]);
	}
	table_parse(rest, &sa, &rest3);
	r = row_of(&sa, "estimator");
	assert_string_equal(sa.cell[r * sa.ncol + 1], "poisson");
	r = row_of(&sa, "se_type");
	assert_string_equal(sa.cell[r * sa.ncol + 1], "robust HC0");
	table_parse(rest3, &tt, &rest);
	r = row_of(&tt, "factor(race)");
	assert_close(strtod(tt.cell[r * tt.ncol + col_of(&tt, "lr_chisq")], NULL),
		     5.1598668080511914, 1e-6);
	r = row_of(&tt, "smoke");
	assert_close(strtod(tt.cell[r * tt.ncol + col_of(&tt, "lr_chisq")], NULL),
		     3.7403882959095256, 1e-6);
	table_release(&ta);
	table_release(&tb);
	table_release(&sa);
	table_release(&tt);
	run_release(&a);
	run_release(&b);
}

/* Every term one numeric column: the path that reads straight into the
 * design matrix. */
static void test_m8_plain_path(void **state)
{
	const char *args[] = { "fit", "--data", DATA, "--formula",
			       "low ~ age + lwt + ptl", NULL };

	(void)state;
	check_model("m8", args, TOL_R);
}

/* The same data as ;-separated, decimal-comma, gzip-compressed CSV. */
static void test_semicolon_gz_decimal_comma(void **state)
{
	const char *args[] = { "fit", "--data",
			       "tests/fixtures/fit_birthwt_semicolon.csv.gz",
			       "--decimal", ",", "--formula", HL_FORMULA, NULL };

	(void)state;
	check_model("m1", args, TOL_R);
}

/* Firth on logistf's sex2 (quasi-separated in dia): estimates as brglm2;
 * SEs, profile penalized-likelihood CIs and PLR p-values as logistf's
 * published output (10 digits). */
static void test_firth_sex2(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_sex2.csv",
			       "--formula", "case ~ age + oc + vic + vicl + vis + dia",
			       "--firth", NULL };
	double tol[8] = { 0, TOL_R, TOL_LOGISTF, TOL_LOGISTF, TOL_LOGISTF, TOL_R,
			  TOL_LOGISTF, TOL_LOGISTF };
	struct run r = run_kohort(args);
	struct table coef, want;
	const char *rest;

	(void)state;
	assert_int_equal(r.status, 0);
	table_parse(r.out, &coef, &rest);
	table_load("tests/fixtures/fit_sex2_firth_coef.csv", &want);
	compare_tables("firth", &coef, &want, tol);
	assert_non_null(strstr(r.out, "estimator,firth"));
	assert_non_null(strstr(r.out, "ci_method,profile penalized likelihood"));
	assert_non_null(strstr(r.out, "dia: separated, the ML estimate tends to +Inf"));
	table_release(&want);
	table_release(&coef);
	run_release(&r);
}

/* Plain ML on the same data: separation is flagged, not silent (R's glm
 * says converged, dia = 16.7 with SE 799 and no warning). */
static void test_ml_separation_flagged(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_sex2.csv",
			       "--formula", "case ~ age + oc + vic + vicl + vis + dia",
			       "--tests", "none", NULL };
	struct run r = run_kohort(args);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nseparation,1\n"));
	assert_non_null(strstr(r.out, "dia: separated, the ML estimate tends to +Inf"));
	assert_non_null(strstr(r.err, "separation"));
	run_release(&r);
}

/* Standard error names the terms each warning is about, as R's summary
 * would show them: separated and aliased coefficients (the first three,
 * then "and N more"), and the fitted 0/1 warning even under separation. */
static void expect_stderr(const char *const *args, const char *const *lines)
{
	struct run r = run_kohort(args);
	size_t i;

	assert_int_equal(r.status, 0);
	for (i = 0; lines[i]; i++)
		if (!strstr(r.err, lines[i]))
			fail_msg("stderr '%s' lacks '%s'", r.err, lines[i]);
	run_release(&r);
}

static void test_warnings_name_terms(void **state)
{
	const char *sex2[] = { "fit", "--data", "tests/fixtures/fit_sex2.csv",
			       "--formula", "case ~ age + oc + vic + vicl + vis + dia",
			       "--tests", "none", NULL };
	const char *sex2_want[] = {
		"kohort fit: warning: (quasi-)complete separation: coefficient dia may be infinite; see the warning rows\n",
		NULL };
	const char *sep[] = { "fit", "--data", "tests/fixtures/fit_separation.csv",
			      "--formula", "y ~ x1 + x2 + factor(g)", "--tests", "none",
			      NULL };
	const char *sep_want[] = {
		"kohort fit: warning: fitted probabilities numerically 0 or 1 occurred (35 rows)\n",
		"kohort fit: warning: (quasi-)complete separation: coefficients (Intercept), x1, x2 and 2 more may be infinite; see the warning rows\n",
		NULL };
	const char *one[] = { "fit", "--data", DATA, "--formula",
			      "low ~ age + lwt + lwt2 + smoke", "--tests", "none", NULL };
	const char *one_want[] = {
		"kohort fit: warning: 1 coefficient not defined because of singularities (aliased): lwt2\n",
		NULL };
	const char *many[] = { "fit", "--data", "tests/fixtures/fit_aliased_many.csv",
			       "--formula", "y ~ x + a + b + c + d + e", NULL };
	const char *many_want[] = {
		"kohort fit: warning: 5 coefficients not defined because of singularities (aliased): a, b, c and 2 more\n",
		NULL };

	(void)state;
	expect_stderr(sex2, sex2_want);
	expect_stderr(sep, sep_want);
	expect_stderr(one, one_want);
	expect_stderr(many, many_want);
}

/* A proportion outcome is fitted as R's glm fits it, with R's warning
 * when the successes are not whole: on the plain path (uncompressed, every
 * term numeric), the general path (a factor) and a .gz file alike; not
 * with --weights that make the proportion a count. */
static void test_proportion_outcome(void **state)
{
	const char *plain[] = { "fit", "--data", "tests/fixtures/fit_proportion.csv",
				"--formula", "y ~ x", NULL };
	const char *gz[] = { "fit", "--data", "tests/fixtures/fit_proportion.csv.gz",
			     "--formula", "y ~ x", NULL };
	const char *general[] = { "fit", "--data", "tests/fixtures/fit_proportion.csv",
				  "--formula", "y ~ x + factor(g)", NULL };
	const char *counts[] = { "fit", "--data", "tests/fixtures/fit_proportion.csv",
				 "--formula", "y ~ x", "--weights", "w", NULL };
	const char *not_counts[] = { "fit", "--data", "tests/fixtures/fit_proportion.csv",
				     "--formula", "y ~ x", "--weights", "v", NULL };
	const char *warning = "kohort fit: warning: non-integer #successes in a binomial glm (outcome y has values other than 0 and 1 and no --weights)\n";
	const char *row = "\nwarning,non-integer #successes in a binomial glm (outcome y has values other than 0 and 1 and no --weights)\n";
	struct run r1 = run_kohort(plain), r2 = run_kohort(gz), r3 = run_kohort(general);
	struct run r4 = run_kohort(counts), r5 = run_kohort(not_counts);

	(void)state;
	assert_int_equal(r1.status, 0);
	assert_int_equal(r2.status, 0);
	assert_int_equal(r3.status, 0);
	assert_non_null(strstr(r1.err, warning));
	assert_non_null(strstr(r2.err, warning));
	assert_non_null(strstr(r3.err, warning));
	assert_non_null(strstr(r1.out, row));
	assert_non_null(strstr(r3.out, row));
	assert_string_equal(r1.out, r2.out);
	assert_int_equal(r4.status, 0);
	assert_null(strstr(r4.err, "non-integer"));
	assert_null(strstr(r4.out, "non-integer"));
	assert_int_equal(r5.status, 0);
	assert_non_null(strstr(r5.err, "kohort fit: warning: non-integer #successes in a binomial glm (--weights v times outcome y is not a whole number in 1 row)\n"));
	run_release(&r1);
	run_release(&r2);
	run_release(&r3);
	run_release(&r4);
	run_release(&r5);
}

static void test_stats_file(void **state)
{
	char path[] = "/tmp/kohort_fit_statsXXXXXX";
	int fd = mkstemp(path);
	const char *args[] = { "fit", "--data", DATA, "--formula", HL_FORMULA,
			       "--stats", path, NULL };
	struct run r;
	struct table coef, stats, want;
	const char *rest;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	r = run_kohort(args);
	assert_int_equal(r.status, 0);
	table_parse(r.out, &coef, &rest);
	assert_null(rest); /* only the coefficients on stdout */
	assert_int_equal(coef.nrow, 9);
	table_load(path, &stats);
	table_load("tests/fixtures/fit_birthwt_m1_stats.csv", &want);
	compare_stats(&stats, &want);
	table_release(&want);
	table_release(&stats);
	table_release(&coef);
	run_release(&r);
	unlink(path);
}

static void expect_failure(const char *const *args, int status,
			   const char *message)
{
	struct run r = run_kohort(args);

	if (r.status != status)
		fail_msg("%s ...: exit %d, want %d (%s)", args[3] ? args[3] : "",
			 r.status, status, r.err);
	if (!strstr(r.err, message))
		fail_msg("stderr '%s' lacks '%s'", r.err, message);
	assert_string_equal(r.out, "");
	run_release(&r);
}

/* Entries of dir whose name starts with prefix. */
static int count_entries(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

/* --stats is opened before anything is printed: a path in a missing
 * folder or a folder itself fails with nothing on standard output and no
 * folder made; a run that fails leaves neither the file nor its
 * temporary file. */
static void test_stats_bad_path(void **state)
{
	char dir[] = "/tmp/kohort_fit_statsdirXXXXXX";
	char missing[128], stats[128];
	const char *in_missing[] = { "fit", "--data", DATA, "--formula", "low ~ age",
				     "--stats", missing, NULL };
	const char *is_dir[] = { "fit", "--data", DATA, "--formula", "low ~ age",
				 "--stats", dir, NULL };
	const char *fails[] = { "fit", "--data", "tests/fixtures/fit_bad_outcome.csv",
				"--decimal", ",", "--formula", "y ~ x", "--stats", stats,
				NULL };
	struct stat sb;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(missing, sizeof(missing), "%s/no/such/s.csv", dir);
	snprintf(stats, sizeof(stats), "%s/s.csv", dir);
	expect_failure(in_missing, 1, "/no/such/s.csv: cannot write: No such file or directory");
	snprintf(missing, sizeof(missing), "%s/no", dir);
	assert_int_not_equal(stat(missing, &sb), 0);
	expect_failure(is_dir, 1, "cannot write: Is a directory");
	expect_failure(fails, 1, "the outcome must be in [0, 1]");
	assert_int_equal(count_entries(dir, ""), 2); /* . and .. */
	assert_int_equal(rmdir(dir), 0);
}

/* --stats naming the --data file (the path itself, a hard link or a
 * symbolic link to it) is refused before anything is read or written: the
 * input stays byte for byte as it was. */
static void test_stats_is_data(void **state)
{
	char dir[] = "/tmp/kohort_fit_statsdataXXXXXX";
	char data[128], hard[128], soft[128], cmd[1024];
	const char *same[] = { "fit", "--data", data, "--formula", "low ~ age",
			       "--stats", data, NULL };
	const char *linked[] = { "fit", "--data", data, "--formula", "low ~ age",
				 "--stats", hard, NULL };
	const char *symlinked[] = { "fit", "--data", data, "--formula",
				    "low ~ age", "--stats", soft, NULL };

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(data, sizeof(data), "%s/d.csv", dir);
	snprintf(hard, sizeof(hard), "%s/hard.csv", dir);
	snprintf(soft, sizeof(soft), "%s/soft.csv", dir);
	snprintf(cmd, sizeof(cmd), "cp %s %s && ln %s %s && ln -s d.csv %s",
		 DATA, data, data, hard, soft);
	assert_int_equal(system(cmd), 0);
	expect_failure(same, 1, "it is the --data file");
	expect_failure(linked, 1, "it is the --data file");
	expect_failure(symlinked, 1, "it is the --data file");
	snprintf(cmd, sizeof(cmd), "cmp -s %s %s && test -L %s && rm -rf %s",
		 DATA, data, soft, dir);
	assert_int_equal(system(cmd), 0);
}

static void test_usage_errors(void **state)
{
	const char *unknown[] = { "fit", "--data", DATA, "--bogus", NULL };
	const char *no_formula[] = { "fit", "--data", DATA, NULL };
	const char *bad_se[] = { "fit", "--data", DATA, "--formula", "low ~ age",
				 "--se", "hc9", NULL };
	const char *no_cluster[] = { "fit", "--data", DATA, "--formula",
				     "low ~ age", "--se", "cluster", NULL };
	const char *bad_level[] = { "fit", "--data", DATA, "--formula",
				    "low ~ age", "--level", "95", NULL };
	const char *bad_formula[] = { "fit", "--data", DATA, "--formula",
				      "low ~ age +", NULL };
	const char *self[] = { "fit", "--data", DATA, "--formula", "low ~ low", NULL };
	const char *dot[] = { "fit", "--data", DATA, "--formula", "low ~ .", NULL };
	const char *bad_threads[] = { "fit", "--data", DATA, "--formula",
				      "low ~ age", "--threads", "0", NULL };
	const char *bad_family[] = { "fit", "--data", DATA, "--formula",
				     "low ~ age", "--family", "gamma", NULL };
	const char *two_families[] = { "fit", "--data", DATA, "--formula",
				       "low ~ age", "--firth", "--family",
				       "poisson", NULL };
	const char *pois_profile[] = { "fit", "--data", DATA, "--formula",
				       "low ~ age", "--family", "poisson",
				       "--profile", NULL };
	const char *pois_rr[] = { "fit", "--data", DATA, "--formula",
				  "low ~ age", "--family", "poisson", "--effect",
				  "rr", NULL };

	(void)state;
	expect_failure(unknown, 2, "unknown option '--bogus'");
	expect_failure(no_formula, 2, "--data and --formula are required");
	expect_failure(bad_se, 2, "--se must be model, robust or cluster");
	expect_failure(no_cluster, 2, "--se cluster needs --cluster");
	expect_failure(bad_level, 2, "--level must be a number between 0 and 1");
	expect_failure(bad_formula, 2, "formula: position 12: expected a term");
	expect_failure(self, 2, "formula: position 7: the outcome low is also a term on the right-hand side");
	expect_failure(dot, 2, "formula: position 7: '.' (all other columns) is not supported; name the terms");
	expect_failure(bad_threads, 2, "--threads must be 1 to 64, not '0'");
	expect_failure(bad_family, 2, "--family must be logistic, firth, poisson, poisson_rate or cox, not 'gamma'");
	expect_failure(two_families, 2, "--family poisson and --firth given together");
	expect_failure(pois_profile, 2, "--profile: the poisson family has Wald intervals only");
	expect_failure(pois_rr, 2, "--effect rr: the poisson family's own effect is the risk ratio");
}

static void test_data_errors(void **state)
{
	const char *no_file[] = { "fit", "--data", "tests/fixtures/nonexistent.csv",
				  "--formula", "low ~ age", NULL };
	const char *cr_only[] = { "fit", "--data", "tests/fixtures/fit_cr_only.csv",
				  "--formula", "y ~ x", NULL };
	const char *no_col[] = { "fit", "--data", DATA, "--formula",
				 "low ~ age + nosuch", NULL };
	const char *text_col[] = { "fit", "--data", DATA, "--formula",
				   "low ~ age + race_txt", NULL };
	const char *bad_ref[] = { "fit", "--data", DATA, "--formula",
				  "low ~ factor(race_txt, ref = \"purple\")", NULL };
	const char *bad_y[] = { "fit", "--data", "tests/fixtures/fit_bad_outcome.csv",
				"--decimal", ",", "--formula", "y ~ x + factor(g)", NULL };
	const char *bad_num[] = { "fit", "--data", "tests/fixtures/fit_bad_outcome.csv",
				  "--formula", "y ~ x", NULL };
	const char *bad_y_plain[] = { "fit", "--data", "tests/fixtures/fit_bad_outcome.csv",
				      "--decimal", ",", "--formula", "y ~ x", NULL };
	/* row 3 has a missing x and is dropped: the bad exposure is still
	 * named by its own row, 5 */
	const char *bad_exposure[] = { "fit", "--data", "tests/fixtures/fit_exposure_rows.csv",
				       "--formula", "y ~ x + e", "--effect", "rd",
				       "--exposure", "e", NULL };

	(void)state;
	expect_failure(no_file, 1, "nonexistent.csv");
	/* a classic Mac file: said so, not "no data rows" */
	expect_failure(cr_only, 1, "fit_cr_only.csv: line ends are CR only (classic Mac); convert the file to LF or CRLF line ends");
	expect_failure(no_col, 1, "nosuch");
	/* header is row 1, so the first data row is row 2 */
	expect_failure(text_col, 1, "fit_birthwt.csv:2: column 'race_txt'");
	expect_failure(bad_ref, 1, "reference level 'purple' is not among");
	expect_failure(bad_y, 1, "fit_bad_outcome.csv:4: column 'y': the outcome must be in [0, 1] (0 or 1, or with --weights a proportion of successes), not 2");
	expect_failure(bad_num, 1, "fit_bad_outcome.csv:2: column 'x': expected a number with decimal point, not '1,5'");
	/* a plain formula: read by the fast path, which gives way to the
	 * general one for the row number */
	expect_failure(bad_y_plain, 1, "fit_bad_outcome.csv:4: column 'y': the outcome must be in [0, 1] (0 or 1, or with --weights a proportion of successes), not 2");
	expect_failure(bad_exposure, 1,
		       "fit_exposure_rows.csv:5: column 'e': --exposure e: a numeric exposure must be 0/1");
}

/* A column the model uses that the header has twice is an error, on the
 * plain path, the general path and for --weights alike; a repeated column
 * the model does not use is no matter. */
static void test_duplicate_column(void **state)
{
	const char *plain[] = { "fit", "--data", "tests/fixtures/fit_duplicate.csv",
				"--formula", "y ~ x", NULL };
	const char *general[] = { "fit", "--data", "tests/fixtures/fit_duplicate.csv",
				  "--formula", "y ~ factor(x)", NULL };
	const char *weights[] = { "fit", "--data", "tests/fixtures/fit_duplicate.csv",
				  "--formula", "y ~ v", "--weights", "x", NULL };
	const char *unused[] = { "fit", "--data", "tests/fixtures/fit_duplicate.csv",
				 "--formula", "y ~ v", NULL };
	const char *msg = "fit_duplicate.csv:1: column 'x': appears twice in the header (columns 2 and 3)";
	struct run r;

	(void)state;
	expect_failure(plain, 1, msg);
	expect_failure(general, 1, msg);
	expect_failure(weights, 1, msg);
	r = run_kohort(unused);
	assert_int_equal(r.status, 0);
	run_release(&r);
}

/* cmd_fit.c's number parser (a fast path with ko_parse_number/strtod as
 * fallback) must give exactly strtod's double for every decimal (a million
 * random ones with 1-18 digits and 0-24 decimals, both decimal marks), and
 * accept and reject what ko_parse_number does. */
int ko_fit_parse_number(const char *s, size_t len, char decimal, double *out);

static void test_number_parser_is_strtod(void **state)
{
	static const char *const fixed[] = {
		"0", "-0", "+1", "0.1", "0.30000000000000004", "1e5", "-2.5E-3",
		"9007199254740992", "9007199254740993", "123456789012345678901",
		"0.0000000000000000000001", "0.00000000000000000000001",
		"1.7976931348623157e308", "4.9e-324", "3.14159265358979323846",
		"100000000000000000000000", "0.1234567890123456789",
	};
	static const char *const odd[] = { "", "-", ".", "1.", ".5", "-.5", "1e",
					   "abc", "1,5", " 1", "1 ", "0x10", "inf",
					   "nan", "1e400", "--1", "1.2.3" };
	char buf[64], comma[64];
	double a, b;
	size_t i;
	unsigned long long seed = 42;

	(void)state;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		assert_int_equal(ko_fit_parse_number(fixed[i], strlen(fixed[i]), '.', &a), 0);
		b = strtod(fixed[i], NULL);
		if (memcmp(&a, &b, sizeof(a)))
			fail_msg("%s: %.17g, strtod %.17g", fixed[i], a, b);
	}
	for (i = 0; i < 1000000; i++) {
		unsigned long long r;
		int digits, decimals;
		char *c;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		r = seed >> 11;
		digits = 1 + (int)(seed >> 59) % 18;
		decimals = (int)((seed >> 40) % 25);
		snprintf(buf, sizeof(buf), "%s%.*llu", (seed >> 33) & 1 ? "-" : "",
			 digits, r % 1000000000000000000ULL);
		if (decimals && decimals < (int)strlen(buf)) {
			size_t at = strlen(buf) - (size_t)decimals;

			if (buf[0] == '-' && at < 2)
				continue;
			memmove(buf + at + 1, buf + at, strlen(buf + at) + 1);
			buf[at] = '.';
		}
		assert_int_equal(ko_fit_parse_number(buf, strlen(buf), '.', &a), 0);
		b = strtod(buf, NULL);
		if (memcmp(&a, &b, sizeof(a)))
			fail_msg("%s: %.17g, strtod %.17g", buf, a, b);
		snprintf(comma, sizeof(comma), "%s", buf);
		c = strchr(comma, '.');
		if (c)
			*c = ',';
		assert_int_equal(ko_fit_parse_number(comma, strlen(comma), ',', &a), 0);
		if (memcmp(&a, &b, sizeof(a)))
			fail_msg("%s (decimal comma): %.17g, strtod %.17g", comma, a, b);
	}
	/* odd input: accepted and rejected exactly as ko_parse_number */
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		int mine = ko_fit_parse_number(odd[i], strlen(odd[i]), '.', &a);
		int ref = ko_parse_number(odd[i], strlen(odd[i]), '.', &b);

		if (mine != ref || (!ref && memcmp(&a, &b, sizeof(a))))
			fail_msg("'%s': %d %g, ko_parse_number %d %g", odd[i],
				 mine, a, ref, b);
	}
}

static void write_file(char *path, const char *text)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

/* No data rows, or none left after listwise deletion: an error, exit 1. */
static void test_no_rows(void **state)
{
	char empty[] = "/tmp/kohort_fit_emptyXXXXXX";
	char missing[] = "/tmp/kohort_fit_missXXXXXX";
	const char *a1[] = { "fit", "--data", empty, "--formula", "y ~ x", NULL };
	const char *a2[] = { "fit", "--data", empty, "--formula", "y ~ factor(x)", NULL };
	const char *a3[] = { "fit", "--data", missing, "--formula", "y ~ x", NULL };

	(void)state;
	write_file(empty, "y,x\n");
	write_file(missing, "y,x\n1,\n0,NA\n");
	expect_failure(a1, 1, "no data rows");
	expect_failure(a2, 1, "no data rows");
	expect_failure(a3, 1, "no rows left after dropping 2 with missing values");
	unlink(empty);
	unlink(missing);
}

/* A plain formula on an uncompressed file goes through the reader's
 * matrix fast path; the same file gzip-compressed through the general
 * path.  Both must print the same bytes (missing values, weights, blank
 * lines, CRLF, decimal comma). */
static void test_fast_path_equals_general(void **state)
{
	char plain[] = "/tmp/kohort_fit_fastXXXXXX";
	char gz[64];
	const char *a1[] = { "fit", "--data", plain, "--decimal", ",",
			     "--formula", "y ~ x1 + x2", "--weights", "w",
			     "--se", "robust", NULL };
	const char *a2[] = { "fit", "--data", gz, "--decimal", ",",
			     "--formula", "y ~ x1 + x2", "--weights", "w",
			     "--se", "robust", NULL };
	const char *a3[] = { "fit", "--data", plain, "--decimal", ",",
			     "--formula", "y ~ x1 + x2", "--weights", "w",
			     "--se", "robust", "--threads", "1", NULL };
	struct run r1, r2;
	size_t cap = 1 << 20, len = 0, i;
	char *text = malloc(cap);
	gzFile g;

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text, cap, "y;x1;x2;w\r\n");
	for (i = 0; i < 6000; i++) {
		double x1 = (double)(i % 97) / 13.0 - 3.5, x2 = (double)(i % 31) / 7.0;
		int y = (int)((i * 7919) % 11) < 4 + (x1 > 0) + (x2 > 2);

		if (i % 501 == 9)
			len += (size_t)snprintf(text + len, cap - len, "\r\n");
		if (i % 97 == 3)
			len += (size_t)snprintf(text + len, cap - len, "%d;NA;1,5;1\r\n", y);
		else
			len += (size_t)snprintf(text + len, cap - len,
						"%d; %.6f;%.3f;%d\r\n", y, x1, x2,
						1 + (int)(i % 3));
	}
	for (i = 0; i < len; i++) /* decimal comma */
		if (text[i] == '.')
			text[i] = ',';
	write_file(plain, text);
	snprintf(gz, sizeof(gz), "%s.gz", plain);
	g = gzopen(gz, "wb");
	assert_non_null(g);
	assert_int_equal(gzwrite(g, text, (unsigned)len), (int)len);
	gzclose(g);
	r1 = run_kohort(a1);
	r2 = run_kohort(a2);
	assert_int_equal(r1.status, 0);
	assert_int_equal(r2.status, 0);
	assert_non_null(strstr(r1.out, "n_dropped_missing,62"));
	assert_string_equal(r1.out, r2.out);
	run_release(&r2);
	r2 = run_kohort(a3); /* the plain file again, on one thread */
	assert_int_equal(r2.status, 0);
	assert_string_equal(r1.out, r2.out);
	run_release(&r1);
	run_release(&r2);
	free(text);
	unlink(plain);
	unlink(gz);
}

/* --exposure makes a plain table keep each row's data row (for its
 * messages): the rows, weights and fit stay those without it, missing rows
 * dropped before them (the coefficients and statistics print the same). */
static void test_exposure_keeps_rows(void **state)
{
	char path[] = "/tmp/kohort_fit_exposureXXXXXX";
	const char *a1[] = { "fit", "--data", path, "--formula", "y ~ x + e",
			     "--weights", "w", NULL };
	const char *a2[] = { "fit", "--data", path, "--formula", "y ~ x + e",
			     "--weights", "w", "--effect", "rd", "--exposure",
			     "e", NULL };
	struct run r1, r2;
	size_t cap = 1 << 16, len = 0, i, head;
	char *text = malloc(cap);
	const char *end;

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text, cap, "y,x,e,w\n");
	for (i = 0; i < 400; i++) {
		int e = (int)(i % 3 == 0), y = (int)((i * 7919) % 7) < 2 + 2 * e;

		if (i % 37 == 5) /* dropped: missing x */
			len += (size_t)snprintf(text + len, cap - len, "%d,NA,%d,%d\n",
						y, e, 1 + (int)(i % 4));
		else
			len += (size_t)snprintf(text + len, cap - len, "%d,%.4f,%d,%d\n",
						y, (double)(i % 23) / 5.0, e,
						1 + (int)(i % 4));
	}
	write_file(path, text);
	r1 = run_kohort(a1);
	r2 = run_kohort(a2);
	assert_int_equal(r1.status, 0);
	assert_int_equal(r2.status, 0);
	assert_non_null(strstr(r1.out, "n_dropped_missing,11"));
	/* the coefficients and the statistics: the first two tables */
	end = strstr(r1.out, "\n\n");
	assert_non_null(end);
	end = strstr(end + 2, "\n\n");
	assert_non_null(end);
	head = (size_t)(end - r1.out);
	assert_true(strlen(r2.out) > head);
	assert_memory_equal(r1.out, r2.out, head);
	run_release(&r1);
	run_release(&r2);
	free(text);
	unlink(path);
}

static void test_help(void **state)
{
	const char *args[] = { "fit", "--help", NULL };
	struct run r = run_kohort(args);

	(void)state;
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Usage: kohort fit --data FILE --formula"));
	assert_non_null(strstr(r.out, "--se TYPE"));
	run_release(&r);
}

/* ---- --family cox (tests/reference/fit_cox.R) ------------------------ */

#define COX_LUNG "tests/fixtures/fit_cox_lung.csv"
#define COX_LUNG_FORMULA "Surv(time, status) ~ age + sex + factor(ph.ecog)"

static void test_cox_lung(void **state)
{
	const char *args[] = { "fit", "--data", COX_LUNG, "--formula", COX_LUNG_FORMULA,
			       "--family", "cox", NULL };

	(void)state;
	check_model_as("fit_cox", "lung", args, TOL_R);
}

static void test_cox_lung_breslow(void **state)
{
	const char *args[] = { "fit", "--data", COX_LUNG, "--formula", COX_LUNG_FORMULA,
			       "--family", "cox", "--ties", "breslow", NULL };

	(void)state;
	check_model_as("fit_cox", "lung_breslow", args, TOL_R);
}

static void test_cox_lung_robust(void **state)
{
	const char *args[] = { "fit", "--data", COX_LUNG, "--formula", COX_LUNG_FORMULA,
			       "--family", "cox", "--se", "robust", NULL };

	(void)state;
	check_model_as("fit_cox", "lung_robust", args, TOL_R);
}

static void test_cox_lung_cluster(void **state)
{
	const char *args[] = { "fit", "--data", COX_LUNG, "--formula", COX_LUNG_FORMULA,
			       "--family", "cox", "--se", "cluster", "--cluster", "inst", NULL };

	(void)state;
	check_model_as("fit_cox", "lung_cluster", args, TOL_R);
}

/* (start, stop] rows of the Stanford heart data, clustered by patient */
static void test_cox_heart_counting(void **state)
{
	const char *args[] = { "fit", "--data", "tests/fixtures/fit_cox_heart.csv",
			       "--formula", "Surv(start, stop, event) ~ age + year + surgery + transplant",
			       "--family", "cox", "--se", "cluster", "--cluster", "id", NULL };

	(void)state;
	check_model_as("fit_cox", "heart_cluster", args, TOL_R);
}

/* strata(): a text column (veteran's celltype), and two strata() terms
 * whose combinations are the strata (lung: sex by institution), robust */
static void test_cox_strata(void **state)
{
	const char *vet[] = { "fit", "--data", "tests/fixtures/fit_cox_veteran.csv",
			      "--formula", "Surv(time, status) ~ trt + karno + age + strata(celltype)",
			      "--family", "cox", NULL };
	const char *lung2[] = { "fit", "--data", COX_LUNG, "--formula",
				"Surv(time, status) ~ strata(sex) + age + factor(ph.ecog) + strata( inst )",
				"--family", "cox", "--se", "robust", NULL };
	const char *inter[] = { "fit", "--data", COX_LUNG, "--formula",
				"Surv(time, status) ~ age + strata(sex):age", "--family", "cox", NULL };

	(void)state;
	check_model_as("fit_cox", "veteran_strata", vet, TOL_R);
	check_model_as("fit_cox", "lung_strata2", lung2, TOL_R);
	expect_failure(inter, 2, "strata(sex) must be a term of its own");
}

/* Bad Surv() data: the file's row and column named, nothing on stdout;
 * and the options a Cox model refuses. */
static void test_cox_errors(void **state)
{
#define BAD "tests/fixtures/fit_cox_bad.csv"
	const char *word[] = { "fit", "--data", BAD, "--formula", "Surv(word, event) ~ x",
			       "--family", "cox", NULL };
	const char *neg[] = { "fit", "--data", BAD, "--formula", "Surv(neg, event) ~ x",
			      "--family", "cox", NULL };
	const char *ev[] = { "fit", "--data", BAD, "--formula", "Surv(time, ev2) ~ x",
			     "--family", "cox", NULL };
	const char *stop[] = { "fit", "--data", BAD, "--formula", "Surv(start, stop, event) ~ x",
			       "--family", "cox", NULL };
	const char *no_cox[] = { "fit", "--data", BAD, "--formula", "Surv(time, event) ~ x", NULL };
	const char *no_surv[] = { "fit", "--data", BAD, "--formula", "event ~ x",
				  "--family", "cox", NULL };
	const char *ties[] = { "fit", "--data", BAD, "--formula", "Surv(time, event) ~ x",
			       "--family", "cox", "--ties", "exact", NULL };
	const char *ties_glm[] = { "fit", "--data", BAD, "--formula", "event ~ x",
				   "--ties", "breslow", NULL };
	const char *hc1[] = { "fit", "--data", BAD, "--formula", "Surv(time, event) ~ x",
			      "--family", "cox", "--se", "robust", "--hc", "HC1", NULL };
	const char *rr[] = { "fit", "--data", BAD, "--formula", "Surv(time, event) ~ x",
			     "--family", "cox", "--effect", "rr", NULL };
	const char *args4[] = { "fit", "--data", BAD, "--formula", "Surv(a, b, c, d) ~ x",
				"--family", "cox", NULL };
	const char *expr[] = { "fit", "--data", BAD, "--formula", "Surv(time + 1, event) ~ x",
			       "--family", "cox", NULL };
	const char *noint[] = { "fit", "--data", BAD, "--formula", "Surv(time, event) ~ x - 1",
				"--family", "cox", NULL };

	(void)state;
	expect_failure(word, 1, "fit_cox_bad.csv:2: column 'word': expected a number with decimal point, not 'a'");
	expect_failure(neg, 1, "fit_cox_bad.csv:3: column 'neg': the follow-up time of Surv() must be finite and >= 0, not -2");
	expect_failure(ev, 1, "fit_cox_bad.csv:4: column 'ev2': the event of Surv() must be 0 (censored) or 1 (event), not 2");
	expect_failure(stop, 1, "fit_cox_bad.csv:4: column 'stop': Surv(start, stop, event): stop 7 must be after start 7");
	expect_failure(no_cox, 2, "a Surv() outcome needs --family poisson_rate or cox");
	expect_failure(no_surv, 2, "--family cox needs Surv(time, event)");
	expect_failure(ties, 2, "--ties must be efron or breslow, not 'exact'");
	expect_failure(ties_glm, 2, "--ties is only used with --family cox");
	expect_failure(hc1, 2, "--hc HC1: the cox family");
	expect_failure(rr, 2, "the cox family's effect is the hazard ratio");
	expect_failure(args4, 2, "Surv() takes (time, event) or (start, stop, event), not more");
	expect_failure(expr, 2, "Surv()'s arguments must be column names, not 'time + 1'");
	expect_failure(noint, 2, "a Cox model has no intercept");
#undef BAD
}

/* ---- --offset and --zph (tests/reference/fit_offset.R) --------------- */

#define OFF_BW "tests/fixtures/fit_offset_bw.csv"
#define OFF_INS "tests/fixtures/fit_offset_ins.csv"
#define OFF_LUNG "tests/fixtures/fit_offset_lung.csv"
#define OFF_RHS "low ~ lwt + smoke + factor(race)"
#define INS_RHS "claims ~ factor(district) + factor(group) + factor(age)"

/* glm(binomial, offset = off), model and robust SEs; glm(poisson,
 * offset = off) with HC0 SEs (the modified Poisson). */
static void test_offset_logistic_poisson(void **state)
{
	const char *lg[] = { "fit", "--data", OFF_BW, "--formula", OFF_RHS, "--offset", "off", NULL };
	const char *lr[] = { "fit", "--data", OFF_BW, "--formula", OFF_RHS, "--offset", "off",
			     "--se", "robust", NULL };
	const char *ps[] = { "fit", "--data", OFF_BW, "--formula", OFF_RHS, "--offset", "off",
			     "--family", "poisson", NULL };

	(void)state;
	check_model_as("fit_offset", "logit", lg, TOL_R);
	check_model_as("fit_offset", "logit_robust", lr, TOL_R);
	check_model_as("fit_offset", "pois", ps, TOL_R);
}

/* The rate model glm(claims ~ ..., poisson, offset = log(holders)) on
 * MASS's Insurance: --offset "log(holders)" and --offset logh (the log
 * in the file) give the same numbers; robust SEs with trends. */
static void test_offset_poisson_rate(void **state)
{
	const char *lg[] = { "fit", "--data", OFF_INS, "--formula", INS_RHS, "--family", "poisson_rate",
			     "--offset", "log(holders)", NULL };
	const char *col[] = { "fit", "--data", OFF_INS, "--formula", INS_RHS, "--family", "poisson_rate",
			      "--offset", " logh ", NULL };
	const char *tr[] = { "fit", "--data", OFF_INS, "--formula", "claims ~ factor(district) + group + age",
			     "--family", "poisson_rate", "--offset", "log( holders )", "--se", "robust", NULL };

	(void)state;
	check_model_as("fit_offset", "rate", lg, TOL_R);
	check_model_as("fit_offset", "rate", col, TOL_R);
	check_model_as("fit_offset", "rate_trend", tr, TOL_R);
}

/* The fourth table of a --zph run against cox.zph(transform = "km",
 * terms = TRUE)$table. */
static void check_zph(const char *id, const char *const *args)
{
	struct run r = run_kohort(args);
	struct table t1, t2, t3, zph, want;
	const char *rest, *rest2;
	char path[256];

	if (r.status != 0)
		fail_msg("%s: exit %d: %s", id, r.status, r.err);
	table_parse(r.out, &t1, &rest);
	assert_non_null(rest);
	table_parse(rest, &t2, &rest2);
	assert_non_null(rest2);
	table_parse(rest2, &t3, &rest);
	assert_non_null(rest);
	table_parse(rest, &zph, &rest2);
	assert_string_equal(zph.head[0], "term");
	snprintf(path, sizeof(path), "tests/fixtures/fit_offset_%s_zph.csv", id);
	table_load(path, &want);
	compare_tables(path, &zph, &want, NULL);
	table_release(&want);
	table_release(&t1);
	table_release(&t2);
	table_release(&t3);
	table_release(&zph);
	run_release(&r);
}

/* coxph(Surv(time, status) ~ ... + offset(off)) on lung, and cox.zph per
 * term and GLOBAL with and without the offset. */
static void test_offset_cox_zph(void **state)
{
	const char *off[] = { "fit", "--data", OFF_LUNG, "--family", "cox", "--formula",
			      "Surv(time, status) ~ age + sex + factor(ph.ecog)", "--offset", "off",
			      "--zph", NULL };
	const char *plain[] = { "fit", "--data", OFF_LUNG, "--family", "cox", "--formula",
				"Surv(time, status) ~ age + sex + factor(ph.ecog)", "--zph", NULL };

	(void)state;
	check_model_as("fit_offset", "cox", off, TOL_R);
	check_zph("cox", off);
	check_model_as("fit_offset", "cox_plain", plain, TOL_R);
	check_zph("cox_plain", plain);
}

/* Bad offsets and counts: the file's row and column named, nothing on
 * stdout; and what --offset and --zph do not go with. */
static void test_offset_errors(void **state)
{
#define BAD "tests/fixtures/fit_offset_bad.csv"
	const char *zero[] = { "fit", "--data", BAD, "--formula", "y ~ x", "--family", "poisson_rate",
			       "--offset", "log(h)", NULL };
	const char *word[] = { "fit", "--data", BAD, "--formula", "x ~ off", "--offset", "word", NULL };
	const char *inf[] = { "fit", "--data", BAD, "--formula", "x ~ 1", "--offset", "off", NULL };
	const char *frac[] = { "fit", "--data", BAD, "--formula", "y ~ x", "--family", "poisson_rate",
			       "--offset", "word", NULL };
	const char *none[] = { "fit", "--data", BAD, "--formula", "y ~ x", "--family", "poisson_rate", NULL };
	const char *firth[] = { "fit", "--data", BAD, "--formula", "x ~ 1", "--firth", "--offset", "off", NULL };
	const char *prof[] = { "fit", "--data", BAD, "--formula", "x ~ 1", "--profile", "--offset", "off", NULL };
	const char *zph[] = { "fit", "--data", BAD, "--formula", "x ~ off", "--zph", NULL };
	const char *expr[] = { "fit", "--data", BAD, "--formula", "x ~ 1", "--offset", "log(h) + 1", NULL };
	const char *same[] = { "fit", "--data", BAD, "--formula", "x ~ off", "--offset", "x", NULL };
	const char *fac[] = { "fit", "--data", BAD, "--formula", "x ~ factor(off)", "--offset", "off", NULL };

	(void)state;
	expect_failure(zero, 1, "fit_offset_bad.csv:3: column 'h': --offset log(h): the value must be a finite number > 0 (person-time), not 0");
	expect_failure(word, 1, "fit_offset_bad.csv:3: column 'word': expected a number with decimal point, not 'a'");
	expect_failure(inf, 1, "fit_offset_bad.csv:4: column 'off'");
	expect_failure(frac, 1, "fit_offset_bad.csv:3: column 'word': expected a number");
	expect_failure(none, 2, "--family poisson_rate needs --offset");
	expect_failure(firth, 2, "--offset is not supported with --family firth");
	expect_failure(prof, 2, "--offset is not supported with --profile");
	expect_failure(zph, 2, "--zph is only used with --family cox");
	expect_failure(expr, 2, "--offset takes a column name or log(column), not 'log(h) + 1'");
	expect_failure(same, 2, "the --offset column x cannot also be the outcome");
	expect_failure(fac, 2, "the --offset column off cannot also be a factor");
#undef BAD
}

/* --family poisson_rate with a Surv() outcome: the person-time from
 * Surv() as the offset, glm(status ~ ..., poisson, offset = log(time)) on
 * lung, and log(time - tstart) on lung split by survSplit (robust SEs),
 * tests/reference/fit_offset.R; and what it does not take. */
static void test_rate_from_surv(void **state)
{
	const char *plain[] = { "fit", "--data", OFF_LUNG, "--family", "poisson_rate", "--formula",
				"Surv(time, status) ~ age + sex + factor(ph.ecog)", NULL };
	const char *split[] = { "fit", "--data", "tests/fixtures/fit_offset_lung_split.csv",
				"--family", "poisson_rate", "--formula",
				"Surv(tstart, time, status) ~ age + sex + factor(ph.ecog) + factor(period)",
				"--se", "robust", NULL };
	const char *off[] = { "fit", "--data", OFF_LUNG, "--family", "poisson_rate", "--formula",
			      "Surv(time, status) ~ age", "--offset", "log(time)", NULL };
	const char *strata[] = { "fit", "--data", OFF_LUNG, "--family", "poisson_rate", "--formula",
				 "Surv(time, status) ~ age + strata(sex)", NULL };
	const char *zero[] = { "fit", "--data", "tests/fixtures/fit_cox_bad.csv", "--family",
			       "poisson_rate", "--formula", "Surv(start, event) ~ x", NULL };

	(void)state;
	check_model_as("fit_offset", "rate_surv", plain, TOL_R);
	check_model_as("fit_offset", "rate_surv_split", split, TOL_R);
	expect_failure(off, 2, "--family poisson_rate with a Surv() outcome: the person-time is Surv()'s");
	expect_failure(strata, 2, "--family poisson_rate: strata() is a Cox term (a baseline hazard per level); write the variable as a term, factor(sex)");
	expect_failure(zero, 1, "fit_cox_bad.csv:2: column 'start': --family poisson_rate: the time of Surv(time, event) is the row's person-time (offset log(time)) and must be > 0, not 0");
}

/* A count outcome that is not whole is named with its row. */
static void test_rate_count_outcome(void **state)
{
	const char *frac[] = { "fit", "--data", "tests/fixtures/fit_offset_bad.csv", "--formula", "y ~ x",
			       "--family", "poisson_rate", "--offset", "x", NULL };

	(void)state;
	expect_failure(frac, 1, "fit_offset_bad.csv:4: column 'y': the outcome of --family poisson_rate must be a count (a whole number >= 0), not 2.5");
}

/* Surv() on a date column (as a time, a stop or the event), and stop
 * before start on a later row: each refused naming the file's row and the
 * column (tests/fixtures/fit_cox_bad2.csv); a missing time or event only
 * drops its row, as R's na.omit. */
static void test_surv_bad_columns(void **state)
{
#define BAD2 "tests/fixtures/fit_cox_bad2.csv"
	const char *time[] = { "fit", "--data", BAD2, "--formula", "Surv(day, event) ~ x",
			       "--family", "cox", NULL };
	const char *stop[] = { "fit", "--data", BAD2, "--formula",
			       "Surv(start, day, event) ~ x", "--family", "cox", NULL };
	const char *ev[] = { "fit", "--data", BAD2, "--formula", "Surv(time, day) ~ x",
			     "--family", "cox", NULL };
	const char *order[] = { "fit", "--data", BAD2, "--formula",
				"Surv(start, stop, event) ~ x", "--family", "cox", NULL };
	const char *rate[] = { "fit", "--data", BAD2, "--formula", "Surv(day, event) ~ x",
			       "--family", "poisson_rate", NULL };
	const char *na[] = { "fit", "--data", BAD2, "--formula", "Surv(time, event) ~ x",
			     "--family", "cox", NULL };
	struct run r;

	(void)state;
	expect_failure(time, 1, "fit_cox_bad2.csv:2: column 'day': expected a number "
		       "with decimal point, not '2001-05-03'");
	expect_failure(stop, 1, "fit_cox_bad2.csv:2: column 'day': expected a number");
	expect_failure(ev, 1, "fit_cox_bad2.csv:2: column 'day': expected a number");
	expect_failure(order, 1, "fit_cox_bad2.csv:7: column 'stop': Surv(start, stop, "
		       "event): stop 3 must be after start 5");
	expect_failure(rate, 1, "fit_cox_bad2.csv:2: column 'day': expected a number");
	r = run_kohort(na);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "n_used,4\n")); /* of 6: the NA rows out */
	run_release(&r);
#undef BAD2
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_m1_model_se),
		cmocka_unit_test(test_m2_robust),
		cmocka_unit_test(test_m3_cluster),
		cmocka_unit_test(test_m9_cluster_hc1),
		cmocka_unit_test(test_m10_plain_weights_cluster),
		cmocka_unit_test(test_m11_no_intercept),
		cmocka_unit_test(test_m12_intercept_only),
		cmocka_unit_test(test_m4_weights_interaction_ref),
		cmocka_unit_test(test_m5_aliased),
		cmocka_unit_test(test_m6_missing),
		cmocka_unit_test(test_m7_profile),
		cmocka_unit_test(test_m8_plain_path),
		cmocka_unit_test(test_m13_cluster_is_term),
		cmocka_unit_test(test_m14_weights_cluster_are_term),
		cmocka_unit_test(test_cluster_term_text_value),
		cmocka_unit_test(test_m15_aliased_term_drop1),
		cmocka_unit_test(test_aic_round_half_even),
		cmocka_unit_test(test_profile_mtcars_complete_separation),
		cmocka_unit_test(test_firth_mtcars_profile),
		cmocka_unit_test(test_rr_no_events_named),
		cmocka_unit_test(test_family_poisson_no_events),
		cmocka_unit_test(test_family_poisson),
		cmocka_unit_test(test_semicolon_gz_decimal_comma),
		cmocka_unit_test(test_firth_sex2),
		cmocka_unit_test(test_ml_separation_flagged),
		cmocka_unit_test(test_warnings_name_terms),
		cmocka_unit_test(test_proportion_outcome),
		cmocka_unit_test(test_stats_file),
		cmocka_unit_test(test_stats_bad_path),
		cmocka_unit_test(test_stats_is_data),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_data_errors),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_number_parser_is_strtod),
		cmocka_unit_test(test_no_rows),
		cmocka_unit_test(test_fast_path_equals_general),
		cmocka_unit_test(test_exposure_keeps_rows),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_cox_lung),
		cmocka_unit_test(test_cox_lung_breslow),
		cmocka_unit_test(test_cox_lung_robust),
		cmocka_unit_test(test_cox_lung_cluster),
		cmocka_unit_test(test_cox_heart_counting),
		cmocka_unit_test(test_cox_errors),
		cmocka_unit_test(test_cox_strata),
		cmocka_unit_test(test_offset_logistic_poisson),
		cmocka_unit_test(test_offset_poisson_rate),
		cmocka_unit_test(test_offset_cox_zph),
		cmocka_unit_test(test_offset_errors),
		cmocka_unit_test(test_rate_from_surv),
		cmocka_unit_test(test_rate_count_outcome),
		cmocka_unit_test(test_surv_bad_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
