/* test_discrim.c - C-statistic with DeLong CI against pROC, Hosmer-Lemeshow
 * against ResourceSelection's published computation
 * (tests/reference/fit_discrim.R -> tests/fixtures/fit_discrim*). */
#include "ko_test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "discrim.h"
#include "fixture.h"

/* Same sums in another order than pROC's C++: a few ulps apart. */
#define TOL_AUC 1e-12
#define TOL_HL 1e-10

/* Scores of one set: y and score columns of fit_discrim_NAME.csv. */
static size_t load_scores(const char *name, struct ko_fixture_table *t,
			  double **y, double **s)
{
	char path[256];
	long cy, cs;

	snprintf(path, sizeof(path), "tests/fixtures/fit_discrim_%s.csv", name);
	assert_int_equal(ko_fixture_table_read(path, t), 0);
	cy = ko_fixture_table_col(t, "y");
	cs = ko_fixture_table_col(t, "score");
	assert_true(cy == 0 && cs == 1);
	/* row-major y,score pairs: copy into columns */
	*y = malloc(t->nrow * sizeof(double));
	*s = malloc(t->nrow * sizeof(double));
	assert_true(*y && *s);
	for (size_t i = 0; i < t->nrow; i++) {
		(*y)[i] = t->v[i * 2];
		(*s)[i] = t->v[i * 2 + 1];
	}
	return t->nrow;
}

static void check_set(const char *name)
{
	struct ko_fixture_table tab;
	struct ko_fixture_ref ref;
	double *y, *s;
	size_t n = load_scores(name, &tab, &y, &s);
	struct ko_auc auc, auc90;
	struct ko_hoslem hl, hl5, hl20;
	struct ko_err err;
	double want;

	assert_int_equal(ko_fixture_ref_read("tests/fixtures/fit_discrim.txt", &ref), 0);
	assert_int_equal(ko_discrim_auc(y, s, n, 0.95, &auc, &err), KO_OK);
	assert_int_equal(ko_discrim_auc(y, s, n, 0.90, &auc90, &err), KO_OK);
	assert_close(auc.auc, ko_fixture_ref_get(&ref, name, "auc"), TOL_AUC);
	assert_close(auc.se, ko_fixture_ref_get(&ref, name, "auc_se"), TOL_AUC);
	assert_close(auc.conf_low, ko_fixture_ref_get(&ref, name, "auc_low"), TOL_AUC);
	assert_close(auc.conf_high, ko_fixture_ref_get(&ref, name, "auc_high"), TOL_AUC);
	assert_close(auc90.conf_low, ko_fixture_ref_get(&ref, name, "auc90_low"), TOL_AUC);
	assert_close(auc90.conf_high, ko_fixture_ref_get(&ref, name, "auc90_high"), TOL_AUC);

	assert_int_equal(ko_discrim_hoslem(y, s, n, 10, &hl, &err), KO_OK);
	assert_int_equal(ko_discrim_hoslem(y, s, n, 5, &hl5, &err), KO_OK);
	want = ko_fixture_ref_get(&ref, name, "hl_chisq");
	if (isinf(want))
		assert_true(isinf(hl.chisq));
	else
		assert_close(hl.chisq, want, TOL_HL);
	assert_close(hl.p_value, ko_fixture_ref_get(&ref, name, "hl_p"), TOL_HL);
	assert_close(hl.df, ko_fixture_ref_get(&ref, name, "hl_df"), 0);
	assert_int_equal(hl.n_groups, (size_t)ko_fixture_ref_get(&ref, name, "hl_groups"));
	assert_close(hl5.chisq, ko_fixture_ref_get(&ref, name, "hl5_chisq"), TOL_HL);
	assert_int_equal(hl5.n_groups, (size_t)ko_fixture_ref_get(&ref, name, "hl5_groups"));
	assert_int_equal(ko_discrim_hoslem(y, s, n, 20, &hl20, &err), KO_OK);
	want = ko_fixture_ref_get(&ref, name, "hl20_chisq");
	if (isinf(want))
		assert_true(isinf(hl20.chisq));
	else
		assert_close(hl20.chisq, want, TOL_HL);
	assert_int_equal(hl20.n_groups, (size_t)ko_fixture_ref_get(&ref, name, "hl20_groups"));
	free(y);
	free(s);
	ko_fixture_table_release(&tab);
	ko_fixture_ref_release(&ref);
}

static void test_birthwt(void **state)
{
	(void)state;
	check_set("birthwt");
}

static void test_ties(void **state)
{
	(void)state;
	check_set("ties");
}

static void test_heavy_ties(void **state)
{
	(void)state;
	check_set("heavy_ties");
}

/* AUC from midranks (Mann-Whitney): (sum of the events' ranks -
 * n1 (n1 + 1) / 2) / (n1 n0), by qsort: independent of the radix sort. */
struct scored {
	double s;
	int y;
};

static int by_score(const void *a, const void *b)
{
	double x = ((const struct scored *)a)->s, z = ((const struct scored *)b)->s;

	return x < z ? -1 : x > z;
}

static double auc_by_ranks(const double *y, const double *s, size_t n)
{
	struct scored *v = malloc(n * sizeof(*v));
	double rank_sum = 0, n1 = 0;
	size_t i, j;

	assert_non_null(v);
	for (i = 0; i < n; i++) {
		v[i].s = s[i];
		v[i].y = y[i] == 1;
		n1 += v[i].y;
	}
	qsort(v, n, sizeof(*v), by_score);
	for (i = 0; i < n; i = j) {
		double mid;

		for (j = i; j < n && v[j].s == v[i].s; j++)
			;
		mid = ((double)i + 1 + (double)j) / 2; /* ranks i+1 .. j */
		for (size_t t = i; t < j; t++)
			rank_sum += v[t].y ? mid : 0;
	}
	free(v);
	return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * ((double)n - n1));
}

/* Large inputs take the bucketed sort (one pass on the top bits, then
 * each bucket): spread scores, ties, a narrow range that puts nearly all
 * into one bucket, negative and zero scores of both signs. */
static void test_large_sorts(void **state)
{
	size_t n = 150000, i, shape;
	double *y = malloc(n * sizeof(*y)), *s = malloc(n * sizeof(*s));
	uint64_t rng = 5;
	struct ko_auc auc;

	(void)state;
	assert_true(y && s);
	for (shape = 0; shape < 4; shape++) {
		for (i = 0; i < n; i++) {
			double u, v;

			rng = rng * 6364136223846793005u + 1442695040888963407u;
			u = (double)(rng >> 11) / 9007199254740992.0;
			rng = rng * 6364136223846793005u + 1442695040888963407u;
			v = (double)(rng >> 11) / 9007199254740992.0;
			y[i] = v < 0.3 + 0.4 * u;
			s[i] = shape == 0 ? u :
			       shape == 1 ? floor(u * 50) / 50 :
			       shape == 2 ? 0.25 + u * 1e-3 :
					    (u - 0.5) * (i % 7 == 0 ? 0.0 : 1e3);
			if (shape == 3 && i % 11 == 0)
				s[i] = -0.0;
		}
		assert_int_equal(ko_discrim_auc(y, s, n, 0.95, &auc, NULL), KO_OK);
		assert_close(auc.auc, auc_by_ranks(y, s, n), 1e-12);
	}
	free(y);
	free(s);
}

/* The sort-based AUC equals the O(n^2) definition on random data with
 * ties (an independent check of the placement walk). */
static void test_against_pairs(void **state)
{
	enum { N = 400 };
	double y[N], s[N], pairs = 0, wins = 0;
	struct ko_auc auc;
	size_t i, j;

	(void)state;
	srand(11);
	for (i = 0; i < N; i++) {
		y[i] = rand() % 3 == 0;
		s[i] = (double)(rand() % 40) + 5 * y[i];
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			if (y[i] == 1 && y[j] == 0) {
				pairs++;
				wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
			}
	assert_int_equal(ko_discrim_auc(y, s, N, 0.95, &auc, NULL), KO_OK);
	assert_close(auc.auc, wins / pairs, 1e-13);
}

static void test_errors(void **state)
{
	double y[4] = { 0, 1, 2, 0 }, s[4] = { 0.1, 0.2, 0.3, 0.4 };
	double y1[4] = { 0, 1, 0, 0 };
	struct ko_auc auc;
	struct ko_hoslem hl;
	struct ko_err err;

	(void)state;
	assert_int_equal(ko_discrim_auc(y, s, 4, 0.95, &auc, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 3);
	assert_int_equal(ko_discrim_auc(y1, s, 4, 0.95, &auc, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "at least 2 events"));
	assert_int_equal(ko_discrim_hoslem(y1, s, 4, 2, &hl, &err), KO_ERR_USAGE);
	assert_int_equal(ko_discrim_hoslem(y, s, 4, 10, &hl, &err), KO_ERR_DATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birthwt),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_heavy_ties),
		cmocka_unit_test(test_against_pairs),
		cmocka_unit_test(test_large_sorts),
		cmocka_unit_test(test_errors),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
