/* test_describe.c - Table 1 statistics (stats/describe.c) against R.
 *
 * tests/reference/describe_ref.R computed, on MASS::birthwt with planted
 * NAs (tests/fixtures/fit_birthwt.csv) and on the example study's analysis
 * dataset (tests/fixtures/derive_sample_analysis.csv.gz), per variable and
 * group: n, missing, mean, SD, median, quartiles, level counts, and per
 * variable the SMD, the chi-square / Welch test statistic, df and p-value
 * (tests/fixtures/describe_ref.csv).  Here the same data are read, grouped
 * the same way (sorted distinct values, NA and "" missing) and every value
 * is compared: counts exactly, the rest to 1e-9 relative (TOL). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <gsl/gsl_errno.h>

#include "describe.h"

#define TOL 1e-9
#define MAXCOL 32
#define MAXROW 20000

struct frame {
	int ncol, nrow;
	char *names[MAXCOL];
	char **cells; /* nrow * ncol; NULL = missing */
};

static char *unquote(char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s[n - 1] = '\0';
		s++;
	}
	return s;
}

/* A simple csv (no commas inside fields), gzip or plain. */
static void frame_read(struct frame *f, const char *path)
{
	gzFile gz = gzopen(path, "rb");
	char line[4096];
	int first = 1;

	assert_non_null(gz);
	memset(f, 0, sizeof(*f));
	f->cells = calloc((size_t)MAXROW * MAXCOL, sizeof(char *));
	assert_non_null(f->cells);
	while (gzgets(gz, line, sizeof(line))) {
		char *tok = line, *end;
		int c = 0;

		line[strcspn(line, "\r\n")] = '\0';
		for (;; c++) {
			char *v;

			end = strchr(tok, ',');
			if (end)
				*end = '\0';
			v = unquote(tok);
			assert_true(c < MAXCOL);
			if (first)
				f->names[c] = strdup(v);
			else if (*v && strcmp(v, "NA"))
				f->cells[(size_t)f->nrow * MAXCOL + (size_t)c] = strdup(v);
			if (!end)
				break;
			tok = end + 1;
		}
		c++;
		if (first)
			f->ncol = c;
		else
			f->nrow++;
		first = 0;
		assert_true(f->nrow < MAXROW);
	}
	gzclose(gz);
}

static void frame_free(struct frame *f)
{
	size_t i;

	for (i = 0; i < (size_t)MAXROW * MAXCOL; i++)
		free(f->cells[i]);
	free(f->cells);
	for (i = 0; i < MAXCOL; i++)
		free(f->names[i]);
}

static int frame_col(const struct frame *f, const char *name)
{
	int c;

	for (c = 0; c < f->ncol; c++)
		if (!strcmp(f->names[c], name))
			return c;
	fail_msg("no column %s", name);
	return -1;
}

static const char *cell(const struct frame *f, int r, int c)
{
	return f->cells[(size_t)r * MAXCOL + (size_t)c];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted distinct non-missing values of column c. */
static int levels(const struct frame *f, int c, const char **out, int max)
{
	int n = 0, r, i, k = 0;

	for (r = 0; r < f->nrow; r++) {
		const char *v = cell(f, r, c);

		if (!v)
			continue;
		for (i = 0; i < n; i++)
			if (!strcmp(out[i], v))
				break;
		if (i == n) {
			assert_true(n < max);
			out[n++] = v;
		}
	}
	qsort(out, (size_t)n, sizeof(*out), cmp_str);
	for (i = 0; i < n; i++)
		k++;
	return k;
}

static int level_of(const char *const *lv, int n, const char *v)
{
	int i;

	if (!v)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(lv[i], v))
			return i;
	return -1;
}

/* The reference fixture. */
struct ref {
	char data[16], by[32], var[32], group[32], stat[48];
	double value;
};

static struct ref *refs;
static int n_refs;

static int setup(void **state)
{
	FILE *fp = fopen("tests/fixtures/describe_ref.csv", "r");
	char line[512];

	(void)state;
	gsl_set_error_handler_off();
	if (!fp)
		return -1;
	refs = calloc(2000, sizeof(*refs));
	if (!fgets(line, sizeof(line), fp)) /* header */
		return -1;
	while (fgets(line, sizeof(line), fp) && n_refs < 2000) {
		struct ref *r = &refs[n_refs];
		char val[64];

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%15[^,],%31[^,],%31[^,],%31[^,],%47[^,],%63s",
			   r->data, r->by, r->var, r->group, r->stat, val) != 6)
			continue;
		r->value = strcmp(val, "NA") ? strtod(val, NULL) : NAN;
		n_refs++;
	}
	fclose(fp);
	return n_refs > 500 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(refs);
	return 0;
}

static int checked;

static double want(const char *data, const char *by, const char *var,
		   const char *group, const char *stat)
{
	int i;

	for (i = 0; i < n_refs; i++)
		if (!strcmp(refs[i].data, data) && !strcmp(refs[i].by, by) &&
		    !strcmp(refs[i].var, var) && !strcmp(refs[i].group, group) &&
		    !strcmp(refs[i].stat, stat)) {
			checked++;
			return refs[i].value;
		}
	fail_msg("no reference %s %s %s %s %s", data, by, var, group, stat);
	return NAN;
}

static void check(double got, double ref, const char *what)
{
	if (isnan(ref)) {
		if (!isnan(got))
			fail_msg("%s: got %.17g, R gives NA", what, got);
		return;
	}
	if (!(fabs(got - ref) <= TOL * fmax(fabs(ref), 1e-300))) {
		print_error("%s\n", what);
		assert_close(got, ref, TOL);
	}
}

#define MAXG 16

static void num_case(const struct frame *f, const char *data, const char *by,
		     const char *var)
{
	int gc = frame_col(f, by), xc = frame_col(f, var), r, g, ng;
	const char *gl[MAXG];
	double *x = malloc((size_t)f->nrow * sizeof(double)), *work;
	double *xs = malloc((size_t)f->nrow * sizeof(double));
	struct ko_num_summary all, s[MAXG];
	double stat, df1, df2, p;
	char what[200];
	size_t n = 0;

	work = malloc((size_t)f->nrow * sizeof(double));
	assert_non_null(x);
	ng = levels(f, gc, gl, MAXG);
	for (r = 0; r < f->nrow; r++)
		if (cell(f, r, gc))
			x[n++] = cell(f, r, xc) ? strtod(cell(f, r, xc), NULL) : NAN;
	ko_describe_num(x, n, work, &all);
	for (g = 0; g < ng; g++) {
		size_t m = 0;

		for (r = 0; r < f->nrow; r++)
			if (level_of(gl, ng, cell(f, r, gc)) == g)
				xs[m++] = cell(f, r, xc) ? strtod(cell(f, r, xc), NULL) : NAN;
		ko_describe_num(xs, m, work, &s[g]);
	}
	for (g = -1; g < ng; g++) {
		const struct ko_num_summary *q = g < 0 ? &all : &s[g];
		const char *name = g < 0 ? "all" : gl[g];

		snprintf(what, sizeof(what), "%s %s by %s, group %s", data, var, by, name);
		assert_int_equal(q->n, (long)want(data, by, var, name, "n"));
		assert_int_equal(q->missing, (long)want(data, by, var, name, "missing"));
		check(q->mean, want(data, by, var, name, "mean"), what);
		check(q->sd, want(data, by, var, name, "sd"), what);
		check(q->median, want(data, by, var, name, "median"), what);
		check(q->q1, want(data, by, var, name, "q1"), what);
		check(q->q3, want(data, by, var, name, "q3"), what);
	}
	snprintf(what, sizeof(what), "%s %s by %s: test", data, var, by);
	check(ko_describe_smd_num_groups(s, (size_t)ng),
	      want(data, by, var, "test", "smd"), what);
	p = ko_describe_welch(s, (size_t)ng, &stat, &df1, &df2);
	check(p, want(data, by, var, "test", "p"), what);
	check(stat, want(data, by, var, "test", "statistic"), what);
	check(df2, want(data, by, var, "test", "df"), what);
	assert_close(df1, (double)ng - 1, 0);
	free(x);
	free(xs);
	free(work);
}

static void cat_case(const struct frame *f, const char *data, const char *by,
		     const char *var)
{
	int gc = frame_col(f, by), xc = frame_col(f, var), r, g, ng, nl, l;
	const char *gl[MAXG], *xl[64];
	long *counts, miss[MAXG] = { 0 }, all_miss = 0;
	double stat, df, p;
	char what[200], key[96];

	ng = levels(f, gc, gl, MAXG);
	nl = levels(f, xc, xl, 64);
	counts = calloc((size_t)(ng * nl), sizeof(long));
	assert_non_null(counts);
	for (r = 0; r < f->nrow; r++) {
		g = level_of(gl, ng, cell(f, r, gc));
		if (g < 0)
			continue;
		l = level_of(xl, nl, cell(f, r, xc));
		if (l < 0) {
			miss[g]++;
			all_miss++;
		} else {
			counts[g * nl + l]++;
		}
	}
	for (l = 0; l < nl; l++) {
		long tot = 0;

		for (g = 0; g < ng; g++)
			tot += counts[g * nl + l];
		snprintf(key, sizeof(key), "count:%s", xl[l]);
		assert_int_equal(tot, (long)want(data, by, var, "all", key));
		for (g = 0; g < ng; g++)
			assert_int_equal(counts[g * nl + l],
					 (long)want(data, by, var, gl[g], key));
	}
	assert_int_equal(all_miss, (long)want(data, by, var, "all", "missing"));
	for (g = 0; g < ng; g++)
		assert_int_equal(miss[g], (long)want(data, by, var, gl[g], "missing"));
	snprintf(what, sizeof(what), "%s %s by %s: test", data, var, by);
	check(ko_describe_smd_cat_groups(counts, (size_t)ng, (size_t)nl),
	      want(data, by, var, "test", "smd"), what);
	p = ko_describe_chisq(counts, (size_t)ng, (size_t)nl, &stat, &df);
	check(p, want(data, by, var, "test", "p"), what);
	check(stat, want(data, by, var, "test", "statistic"), what);
	check(df, want(data, by, var, "test", "df"), what);
	free(counts);
}

static void test_birthwt_by_low(void **state)
{
	struct frame f;

	(void)state;
	frame_read(&f, "tests/fixtures/fit_birthwt.csv");
	num_case(&f, "birthwt", "low", "age_na");
	num_case(&f, "birthwt", "low", "lwt");
	num_case(&f, "birthwt", "low", "bwt");
	cat_case(&f, "birthwt", "low", "race_txt");
	cat_case(&f, "birthwt", "low", "race_na");
	cat_case(&f, "birthwt", "low", "smoke");
	cat_case(&f, "birthwt", "low", "ftv");
	cat_case(&f, "birthwt", "low", "ht");
	frame_free(&f);
}

static void test_birthwt_by_race(void **state)
{
	struct frame f;

	(void)state;
	frame_read(&f, "tests/fixtures/fit_birthwt.csv");
	num_case(&f, "birthwt", "race_txt", "age_na");
	num_case(&f, "birthwt", "race_txt", "lwt");
	num_case(&f, "birthwt", "race_txt", "bwt");
	cat_case(&f, "birthwt", "race_txt", "smoke");
	cat_case(&f, "birthwt", "race_txt", "ftv");
	cat_case(&f, "birthwt", "race_txt", "low");
	frame_free(&f);
}

static void test_sample_analysis(void **state)
{
	static const char *const by_placement[] = {
		"sa_years", "ndd", "parent_psych", "sex", "low_birth_weight", "region",
	};
	struct frame f;
	size_t i;

	(void)state;
	frame_read(&f, "tests/fixtures/derive_sample_analysis.csv.gz");
	assert_true(f.nrow > 9000);
	for (i = 0; i < sizeof(by_placement) / sizeof(*by_placement); i++)
		cat_case(&f, "sample", "placement", by_placement[i]);
	cat_case(&f, "sample", "sa_years", "region");
	cat_case(&f, "sample", "sa_years", "sex");
	cat_case(&f, "sample", "sa_years", "placement");
	frame_free(&f);
}

/* Every reference value was compared (none forgotten). */
static void test_all_checked(void **state)
{
	(void)state;
	assert_int_equal(checked, n_refs);
}

/* Edge cases with hand-computed answers. */
static void test_edges(void **state)
{
	double x[] = { NAN, 3, 1, 2, NAN }, work[5];
	struct ko_num_summary s, one[2];
	long same[] = { 5, 7, 5, 7 }, one_level[] = { 5, 0, 8, 0 };
	long two[] = { 10, 0, 0, 10 }, empty[] = { 3, 4, 0, 0 };

	(void)state;
	ko_describe_num(x, 5, work, &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.missing, 2);
	assert_close(s.mean, 2, 1e-15);
	assert_close(s.sd, 1, 1e-15);
	assert_close(s.median, 2, 0);
	assert_close(s.q1, 1.5, 0);
	assert_close(s.q3, 2.5, 0);
	ko_describe_num(x, 1, work, &s);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.mean) && isnan(s.median));
	/* identical groups: SMD 0, chi-square 0 and p 1 */
	assert_near(ko_describe_smd_cat(same, same + 2, 2), 0, 1e-15);
	assert_near(ko_describe_chisq(same, 2, 2, NULL, NULL), 1, 1e-15);
	/* one level only: SMD 0, no test */
	assert_near(ko_describe_smd_cat(one_level, one_level + 2, 2), 0, 0);
	assert_true(isnan(ko_describe_chisq(one_level, 2, 2, NULL, NULL)));
	/* an empty group: no SMD */
	assert_true(isnan(ko_describe_smd_cat(empty, empty + 2, 2)));
	/* complete separation: p1 = 1, p0 = 0, pooled variance 0: the
	 * pseudo-inverse gives 0 (as MASS::ginv); chi-square is 20 on 1 df */
	assert_near(ko_describe_smd_cat(two, two + 2, 2), 0, 0);
	{
		double stat;

		assert_true(ko_describe_chisq(two, 2, 2, &stat, NULL) < 1e-5);
		assert_close(stat, 20, 1e-15);
	}
	/* Welch needs two values per group */
	ko_describe_num(x, 2, work, &one[0]);
	ko_describe_num(x, 4, work, &one[1]);
	assert_true(isnan(ko_describe_welch(one, 2, NULL, NULL, NULL)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birthwt_by_low),
		cmocka_unit_test(test_birthwt_by_race),
		cmocka_unit_test(test_sample_analysis),
		cmocka_unit_test(test_all_checked),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
