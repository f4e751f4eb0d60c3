/* test_discrim.c - C-statistic with DeLong CI against pROC, Hosmer-Lemeshow
 * against ResourceSelection's published computation
 * (tests/reference/fit_discrim.R -> tests/fixtures/fit_discrim*). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "discrim.h"

/* Same sums in another order than pROC's C++: a few ulps apart. */
#define TOL_AUC 1e-12
#define TOL_HL 1e-10

struct set {
	char name[32];
	double auc, auc_low, auc_high, auc90_low, auc90_high, auc_se;
	double hl_chisq, hl_p, hl5_chisq;
	int hl_df, hl_groups, hl5_groups;
};

static size_t load_scores(const char *name, double **y, double **s)
{
	char path[256], line[256];
	FILE *fp;
	size_t n = 0, cap = 1024;

	snprintf(path, sizeof(path), "tests/fixtures/fit_discrim_%s.csv", name);
	fp = fopen(path, "r");
	assert_non_null(fp);
	*y = malloc(cap * sizeof(**y));
	*s = malloc(cap * sizeof(**s));
	assert_non_null(fgets(line, sizeof(line), fp));
	while (fgets(line, sizeof(line), fp)) {
		char *comma = strchr(line, ',');

		assert_non_null(comma);
		assert_true(n < cap);
		(*y)[n] = strtod(line, NULL);
		(*s)[n] = strtod(comma + 1, NULL);
		n++;
	}
	fclose(fp);
	return n;
}

static double value_of(const char *block, const char *key)
{
	char pat[64];
	const char *at;

	snprintf(pat, sizeof(pat), "\n%s ", key);
	at = strstr(block, pat);
	if (!at)
		fail_msg("fixture lacks %s", key);
	return strtod(at + strlen(pat), NULL);
}

/* The block of fit_discrim.txt for one set, as a string. */
static char *block_of(const char *name)
{
	FILE *fp = fopen("tests/fixtures/fit_discrim.txt", "r");
	static char all[8192];
	char pat[64], *start, *end;
	size_t len;

	assert_non_null(fp);
	len = fread(all + 1, 1, sizeof(all) - 2, fp);
	all[0] = '\n';
	all[len + 1] = '\0';
	fclose(fp);
	snprintf(pat, sizeof(pat), "\nset %s\n", name);
	start = strstr(all, pat);
	assert_non_null(start);
	end = strstr(start, "\nend");
	assert_non_null(end);
	end[1] = '\0';
	return start;
}

static void check_set(const char *name)
{
	double *y, *s;
	size_t n = load_scores(name, &y, &s);
	const char *b = block_of(name);
	struct ko_auc auc, auc90;
	struct ko_hoslem hl, hl5;
	struct ko_err err;

	assert_int_equal(ko_discrim_auc(y, s, n, 0.95, &auc, &err), KO_OK);
	assert_int_equal(ko_discrim_auc(y, s, n, 0.90, &auc90, &err), KO_OK);
	assert_close(auc.auc, value_of(b, "auc"), TOL_AUC);
	assert_close(auc.se, value_of(b, "auc_se"), TOL_AUC);
	assert_close(auc.conf_low, value_of(b, "auc_low"), TOL_AUC);
	assert_close(auc.conf_high, value_of(b, "auc_high"), TOL_AUC);
	assert_close(auc90.conf_low, value_of(b, "auc90_low"), TOL_AUC);
	assert_close(auc90.conf_high, value_of(b, "auc90_high"), TOL_AUC);

	assert_int_equal(ko_discrim_hoslem(y, s, n, 10, &hl, &err), KO_OK);
	assert_int_equal(ko_discrim_hoslem(y, s, n, 5, &hl5, &err), KO_OK);
	if (isinf(value_of(b, "hl_chisq")))
		assert_true(isinf(hl.chisq));
	else
		assert_close(hl.chisq, value_of(b, "hl_chisq"), TOL_HL);
	assert_close(hl.p_value, value_of(b, "hl_p"), TOL_HL);
	assert_close(hl.df, value_of(b, "hl_df"), 0);
	assert_int_equal(hl.n_groups, (size_t)value_of(b, "hl_groups"));
	assert_close(hl5.chisq, value_of(b, "hl5_chisq"), TOL_HL);
	assert_int_equal(hl5.n_groups, (size_t)value_of(b, "hl5_groups"));
	free(y);
	free(s);
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
		cmocka_unit_test(test_errors),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
