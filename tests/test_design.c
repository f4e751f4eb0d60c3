/* test_design.c - design matrices against R's model.matrix of a glm
 * (tests/fixtures/design_cases.txt and design_data.csv, made by
 * tests/reference/design_fixtures.R): names, term map, dropped rows and
 * every cell. */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include "design.h"

#define DATA_FIXTURE "tests/fixtures/design_data.csv"
#define CASES_FIXTURE "tests/fixtures/design_cases.txt"
/* Cells are 0/1 or products of the same decimals in R and here. */
#define TOL_CELL 1e-14

#define MAX_ROWS 100
#define N_COLS 11

static const char *const col_names[N_COLS] = {
	"y", "age", "smoke", "race", "sex", "region", "grp", "dose", "a", "b", "c"
};
static const int col_is_text[N_COLS] = { 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0 };

struct table {
	size_t n;
	double num[N_COLS][MAX_ROWS];
	char *text_store[N_COLS][MAX_ROWS];
	const char *text[N_COLS][MAX_ROWS];
	struct ko_design_column cols[N_COLS];
};

static struct table data;

static size_t split(char *line, char sep, char **field, size_t max)
{
	size_t n = 0;
	char *s = line, *t;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		field[n++] = s;
		t = strchr(s, sep);
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
	if (sep == '\t' && n && field[n - 1][0] == '\0')
		n--;
	return n;
}

static int load_data(void **state)
{
	FILE *fp = fopen(DATA_FIXTURE, "r");
	char line[1024], *field[N_COLS + 1];
	size_t j;

	(void)state;
	if (!fp)
		return -1;
	if (!fgets(line, sizeof(line), fp))
		return -1;
	while (fgets(line, sizeof(line), fp) && data.n < MAX_ROWS) {
		if (split(line, ',', field, N_COLS + 1) != N_COLS)
			return -1;
		for (j = 0; j < N_COLS; j++) {
			char *v = field[j];
			size_t len = strlen(v);

			if (len >= 2 && v[0] == '"') {
				v[len - 1] = '\0';
				v++;
			}
			if (col_is_text[j]) {
				data.text_store[j][data.n] =
					strcmp(v, "NA") ? strdup(v) : NULL;
				data.text[j][data.n] = data.text_store[j][data.n];
			} else {
				data.num[j][data.n] =
					strcmp(v, "NA") ? strtod(v, NULL) : NAN;
			}
		}
		data.n++;
	}
	fclose(fp);
	for (j = 0; j < N_COLS; j++) {
		data.cols[j].name = col_names[j];
		data.cols[j].num = col_is_text[j] ? NULL : data.num[j];
		data.cols[j].text = col_is_text[j] ? data.text[j] : NULL;
	}
	return data.n == 60 ? 0 : -1;
}

static int free_data(void **state)
{
	size_t i, j;

	(void)state;
	for (j = 0; j < N_COLS; j++)
		for (i = 0; i < data.n; i++)
			free(data.text_store[j][i]);
	return 0;
}

static struct ko_design *build(const char *text, const unsigned char *keep,
			       struct ko_err *err)
{
	struct ko_formula *f = NULL;
	struct ko_design *d = NULL;
	struct ko_design_input in = { 0, N_COLS, NULL, NULL, NULL, 0 };

	in.n_rows = data.n;
	in.cols = data.cols;
	in.keep = keep;
	ko_err_clear(err);
	if (ko_formula_parse(&f, text, err))
		fail_msg("%s: %s", text, err->msg);
	ko_design_build(&d, f, &in, err);
	ko_formula_free(f);
	return d;
}

/* Check names, the term map (R's assign), dropped rows and cells. */
static void test_cases_match_r(void **state)
{
	FILE *fp = fopen(CASES_FIXTURE, "r");
	static char line[65536];
	char *field[256], formula[1024] = "";
	struct ko_design *d = NULL;
	struct ko_err err;
	size_t name_i = 0, row_i = 0, n, i, j;
	int cases = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		n = split(line, '\t', field, 256);
		if (!strcmp(field[0], "case")) {
			snprintf(formula, sizeof(formula), "%s", field[1]);
			d = build(formula, NULL, &err);
			if (!d)
				fail_msg("%s: %s", formula, err.msg);
			name_i = row_i = 0;
		} else if (!strcmp(field[0], "size")) {
			assert_int_equal(d->n, strtoul(field[1], NULL, 10));
			assert_int_equal(d->p, strtoul(field[2], NULL, 10));
			assert_int_equal(d->n_missing, strtoul(field[3], NULL, 10));
			assert_int_equal(d->n_input, data.n);
		} else if (!strcmp(field[0], "assign")) {
			/* R's assign: term number (1-based) of each column */
			assert_int_equal(n - 1, d->p);
			for (j = 0; j < d->p; j++) {
				long want = atol(field[j + 1]);
				long got = 0;

				for (i = 0; i < d->n_terms; i++)
					if (j >= d->term_first[i] &&
					    j < d->term_first[i] + d->term_ncols[i])
						got = (long)i + 1;
				if (got != want)
					fail_msg("%s: column %zu in term %ld, R: %ld",
						 formula, j, got, want);
			}
		} else if (!strcmp(field[0], "name")) {
			if (strcmp(d->names[name_i], field[1]))
				fail_msg("%s: column %zu is '%s', R: '%s'",
					 formula, name_i, d->names[name_i], field[1]);
			name_i++;
		} else if (!strcmp(field[0], "row")) {
			assert_int_equal(n - 1, d->p);
			for (j = 0; j < d->p; j++)
				assert_close(d->x[row_i * d->p + j],
					     strtod(field[j + 1], NULL), TOL_CELL);
			row_i++;
		} else if (!strcmp(field[0], "end")) {
			assert_int_equal(name_i, d->p);
			assert_int_equal(row_i, d->n);
			ko_design_free(d);
			d = NULL;
			cases++;
		}
	}
	fclose(fp);
	assert_int_equal(cases, 14);
}

static void test_outcome_and_rows(void **state)
{
	struct ko_err err;
	struct ko_design *d = build("y ~ age + factor(region)", NULL, &err);
	size_t i;

	(void)state;
	assert_non_null(d);
	for (i = 0; i < d->n; i++) {
		assert_close(d->y[i], data.num[0][d->rows[i]], 0);
		assert_false(isnan(data.num[1][d->rows[i]]));
		assert_non_null(data.text[5][d->rows[i]]);
	}
	/* rows 9 (y), 3 and 17 (age), 5, 17 and 40 (region), 1-based */
	assert_int_equal(d->n_missing, 5);
	ko_design_free(d);
}

/* A subgroup filter: rows left out are neither used nor missing. */
static void test_keep_filter(void **state)
{
	unsigned char keep[MAX_ROWS];
	struct ko_err err;
	struct ko_design *d;
	size_t i, kept = 0, want = 0;

	(void)state;
	for (i = 0; i < data.n; i++) {
		keep[i] = data.num[2][i] == 1; /* smokers */
		kept += keep[i];
		want += keep[i] && !isnan(data.num[0][i]) && !isnan(data.num[1][i]);
	}
	d = build("y ~ age", keep, &err);
	assert_non_null(d);
	assert_int_equal(d->n_input, kept);
	assert_int_equal(d->n, want);
	assert_int_equal(d->n_missing, kept - want);
	for (i = 0; i < d->n; i++)
		assert_true(keep[d->rows[i]]);
	ko_design_free(d);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text;
		enum ko_status status;
		const char *column, *msg;
	} bad[] = {
		{ "y ~ nosuch", KO_ERR_DATA, "nosuch", "no column 'nosuch'" },
		{ "nosuch ~ age", KO_ERR_DATA, "nosuch", "no column 'nosuch'" },
		{ "region ~ age", KO_ERR_DATA, "region", "must be numeric" },
		{ "y ~ factor(region, ref = \"Helsinki\")", KO_ERR_DATA, "region",
		  "reference level 'Helsinki' is not among" },
		{ "y ~ factor(race, ref = \"4\")", KO_ERR_DATA, "race",
		  "reference level '4'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ko_err err;
		struct ko_design *d = build(bad[i].text, NULL, &err);

		assert_null(d);
		assert_int_equal(err.status, bad[i].status);
		assert_string_equal(err.column, bad[i].column);
		if (!strstr(err.msg, bad[i].msg))
			fail_msg("%s: '%s' lacks '%s'", bad[i].text, err.msg,
				 bad[i].msg);
	}
}

static void test_one_level_factor(void **state)
{
	unsigned char keep[MAX_ROWS];
	struct ko_err err;
	struct ko_design *d;
	size_t i;

	(void)state;
	for (i = 0; i < data.n; i++)
		keep[i] = data.num[3][i] == 2;
	d = build("y ~ age + factor(race)", keep, &err);
	assert_null(d);
	assert_int_equal(err.status, KO_ERR_DATA);
	assert_string_equal(err.column, "race");
	assert_non_null(strstr(err.msg, "only one level"));
}

/* R's as.character() of doubles: the labels of numeric factor levels.
 * Expected strings are R 4.2.2's output of as.character() on each value. */
static void test_number_labels(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 1, "1" }, { 2.5, "2.5" }, { 1e5, "1e+05" }, { 123456, "123456" },
		{ 0.0001, "1e-04" }, { 0.001, "0.001" }, { -3, "-3" },
		{ 0.1 + 0.2, "0.3" }, { 1997, "1997" }, { 1e15, "1e+15" },
		{ 1234567.5, "1234567.5" }, { 1.0 / 3, "0.333333333333333" },
		{ 0, "0" }, { 120000, "120000" }, { 1e-300, "1e-300" },
	};
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ko_design_format_number(cases[i].v, buf);
		assert_string_equal(buf, cases[i].text);
	}
}

/* Interning ids (cluster / family ids): many more than a factor may have
 * levels, codes dense and consistent. */
static void test_intern_many_ids(void **state)
{
	enum { N = 300000, DISTINCT = 150001 };
	char **ids = malloc(N * sizeof(*ids));
	int32_t *codes = malloc(N * sizeof(*codes));
	size_t i, n_unique = 0;

	(void)state;
	assert_true(ids && codes);
	for (i = 0; i < N; i++) {
		ids[i] = malloc(16);
		snprintf(ids[i], 16, "m%zu", (i * 7919) % DISTINCT);
	}
	assert_int_equal(ko_design_intern((const char *const *)ids, N, codes,
					  &n_unique, NULL), KO_OK);
	assert_int_equal(n_unique, DISTINCT);
	for (i = 0; i < N; i++) {
		size_t twin = i + DISTINCT; /* the same id again */

		assert_true(codes[i] >= 0 && (size_t)codes[i] < n_unique);
		if (twin < N)
			assert_int_equal(codes[i], codes[twin]);
		if (i > 0 && strcmp(ids[i], ids[i - 1]))
			assert_int_not_equal(codes[i], codes[i - 1]);
	}
	assert_int_equal(codes[0], 0); /* first appearance order */
	for (i = 0; i < N; i++)
		free(ids[i]);
	free(ids);
	free(codes);
}

static void test_wrap_plain(void **state)
{
	struct ko_formula *f = NULL;
	struct ko_design *d = NULL;
	double *x = malloc(6 * sizeof(*x)), *y = malloc(2 * sizeof(*y));

	(void)state;
	assert_int_equal(ko_formula_parse(&f, "y ~ a + b", NULL), KO_OK);
	assert_true(ko_design_is_plain(f));
	assert_int_equal(ko_design_wrap(&d, f, x, y, 2, 3, NULL), KO_OK);
	assert_int_equal(d->p, 3);
	assert_string_equal(d->names[0], "(Intercept)");
	assert_string_equal(d->names[2], "b");
	assert_int_equal(d->n_missing, 3);
	assert_int_equal(d->term_first[1], 2);
	ko_design_free(d);
	ko_formula_free(f);
	assert_int_equal(ko_formula_parse(&f, "y ~ a + factor(b)", NULL), KO_OK);
	assert_false(ko_design_is_plain(f));
	ko_formula_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_match_r),
		cmocka_unit_test(test_outcome_and_rows),
		cmocka_unit_test(test_keep_filter),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_one_level_factor),
		cmocka_unit_test(test_number_labels),
		cmocka_unit_test(test_intern_many_ids),
		cmocka_unit_test(test_wrap_plain),
	};

	return cmocka_run_group_tests(tests, load_data, free_data);
}
