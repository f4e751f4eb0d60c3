/* test_anova.c - joint Wald and likelihood-ratio tests per term, on the
 * library API (formula -> design -> logit -> anova), against R's drop1(test =
 * "LRT") and b' V^-1 b with vcov / sandwich::vcovHC(HC0)
 * (tests/reference/fit_birthwt.R -> tests/fixtures/fit_birthwt_m*_terms.csv). */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "anova.h"
#include "design.h"
#include "formula.h"
#include "logit.h"
#include "reader.h"

#define DATA "tests/fixtures/fit_birthwt.csv"
#define TOL_R 1e-6    /* the spec's tolerance against R's glm */
#define TOL_ZERO 1e-8 /* an LR statistic R computes as exactly 0 */

#define N_COLS 10
static const char *const names[N_COLS] = {
	"low", "age", "lwt", "race", "smoke", "ptl", "ht", "ui", "lwt2", "w"
};

static struct {
	size_t n;
	double *col[N_COLS];
	struct ko_design_column cols[N_COLS];
} data;

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	size_t j;

	(void)ctx;
	(void)err;
	for (j = 0; j < N_COLS; j++) {
		data.col[j] = realloc(data.col[j], (data.n + 1) * sizeof(double));
		data.col[j][data.n] = row->values[j].missing ? NAN : row->values[j].v.number;
	}
	data.n++;
	return 0;
}

static int load(void **state)
{
	struct ko_read_options opt;
	struct ko_column spec[N_COLS];
	struct ko_reader *r = NULL;
	size_t j;
	int rc;

	(void)state;
	gsl_set_error_handler_off();
	ko_read_options_init(&opt);
	memset(spec, 0, sizeof(spec));
	for (j = 0; j < N_COLS; j++) {
		spec[j].name = names[j];
		spec[j].type = KO_TYPE_NUM;
	}
	rc = ko_reader_open(&r, DATA, &opt, NULL) ||
	     ko_reader_select(r, spec, N_COLS, NULL) ||
	     ko_reader_read(r, on_row, NULL, NULL);
	ko_reader_free(r);
	for (j = 0; j < N_COLS; j++) {
		data.cols[j].name = names[j];
		data.cols[j].num = data.col[j];
	}
	return rc || data.n != 189 ? -1 : 0;
}

static int unload(void **state)
{
	size_t j;

	(void)state;
	for (j = 0; j < N_COLS; j++)
		free(data.col[j]);
	return 0;
}

struct model {
	struct ko_formula *f;
	struct ko_design *d;
	struct ko_logit_data ld;
	struct ko_family_data fd;
	struct ko_logit_options opt;
	struct ko_family_fit *ff;   /* through the family seam */
	struct ko_logit_fit *fit;   /* ff->impl */
};

static void model_fit(struct model *m, const char *formula)
{
	struct ko_design_input in = { 0, N_COLS, NULL, NULL, NULL, 0 };
	struct ko_err err;

	memset(m, 0, sizeof(*m));
	in.n_rows = data.n;
	in.cols = data.cols;
	assert_int_equal(ko_formula_parse(&m->f, formula, &err), KO_OK);
	if (ko_design_build(&m->d, m->f, &in, &err))
		fail_msg("%s", err.msg);
	m->ld.n = m->d->n;
	m->ld.p = m->d->p;
	m->ld.x = m->d->x;
	m->ld.y = m->d->y;
	m->fd.n = m->d->n;
	m->fd.p = m->d->p;
	m->fd.x = m->d->x;
	m->fd.y = m->d->y;
	ko_logit_options_init(&m->opt);
	if (ko_family_logistic.fit(&m->fd, &m->opt, &m->ff, &err))
		fail_msg("%s", err.msg);
	m->fit = m->ff->impl;
}

static void model_release(struct model *m)
{
	ko_family_logistic.free(m->ff);
	ko_design_free(m->d);
	ko_formula_free(m->f);
}

/* One line of R's write.csv: quoted or bare fields. */
static size_t fields(char *line, char **out, size_t max)
{
	size_t n = 0;
	char *s = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		char *end;

		if (*s == '"') {
			s++;
			end = strchr(s, '"');
			assert_non_null(end);
			*end = '\0';
			out[n++] = s;
			s = end + 1;
		} else {
			end = s + strcspn(s, ",");
			out[n++] = s;
			if (!*end)
				break;
			*end = '\0';
			s = end + 1;
			continue;
		}
		if (*s != ',')
			break;
		s++;
	}
	return n;
}

static void expect(const char *what, double got, const char *want)
{
	if (!strcmp(want, "NA")) {
		if (!isnan(got))
			fail_msg("%s = %.17g, R has NA", what, got);
		return;
	}
	if (strtod(want, NULL) == 0)
		assert_near(got, 0, TOL_ZERO);
	else
		assert_close(got, strtod(want, NULL), TOL_R);
}

/* Compare tests[] with the fixture: term,df,wald_chisq,wald_p_value,
 * lr_df,lr_chisq,lr_p_value. */
static void compare(const char *fixture, const struct ko_design *d,
		    const struct ko_term_test *tests, int lr)
{
	FILE *fp = fopen(fixture, "r");
	char line[1024], *f[8];
	size_t t = 0;

	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp));
	while (fgets(line, sizeof(line), fp)) {
		assert_int_equal(fields(line, f, 8), 7);
		assert_true(t < d->n_terms);
		assert_string_equal(tests[t].label, f[0]);
		assert_close(tests[t].df, strtod(f[1], NULL), 0);
		expect("wald_chisq", tests[t].wald_chisq, f[2]);
		expect("wald_p", tests[t].wald_p_value, f[3]);
		if (lr) {
			expect("lr_df", tests[t].lr_df, f[4]);
			expect("lr_chisq", tests[t].lr_chisq, f[5]);
			expect("lr_p", tests[t].lr_p_value, f[6]);
		}
		t++;
	}
	fclose(fp);
	assert_int_equal(t, d->n_terms);
}

#define HL_FORMULA "low ~ age + lwt + factor(race) + smoke + ptl + ht + ui"

static void test_model_vcov_and_lr(void **state)
{
	struct model m;
	struct ko_term_test tests[16];

	(void)state;
	model_fit(&m, HL_FORMULA);
	assert_int_equal(ko_anova_terms(m.d, &m.fd, m.ff, &m.opt, NULL, 1,
					tests, NULL), KO_OK);
	compare("tests/fixtures/fit_birthwt_m1_terms.csv", m.d, tests, 1);
	model_release(&m);
}

static void test_robust_wald(void **state)
{
	struct model m;
	struct ko_term_test tests[16];
	gsl_matrix *v;

	(void)state;
	model_fit(&m, HL_FORMULA);
	v = gsl_matrix_alloc(m.d->p, m.d->p);
	assert_int_equal(ko_logit_vcov_robust(&m.ld, m.fit, KO_LOGIT_HC0, v, NULL),
			 KO_OK);
	assert_int_equal(ko_anova_terms(m.d, &m.fd, m.ff, &m.opt, v, 0, tests,
					NULL), KO_OK);
	compare("tests/fixtures/fit_birthwt_m2_terms.csv", m.d, tests, 0);
	assert_true(isnan(tests[0].lr_chisq)); /* not asked for */
	gsl_matrix_free(v);
	model_release(&m);
}

/* lwt2 = 2 lwt: dropping lwt loses no rank (drop1: Df 0, LRT 0, p NA);
 * lwt2 itself is aliased (df 0, nothing to test). */
static void test_aliased(void **state)
{
	struct model m;
	struct ko_term_test tests[16];

	(void)state;
	model_fit(&m, "low ~ age + lwt + lwt2 + smoke");
	assert_int_equal(ko_anova_terms(m.d, &m.fd, m.ff, &m.opt, NULL, 1,
					tests, NULL), KO_OK);
	compare("tests/fixtures/fit_birthwt_m5_terms.csv", m.d, tests, 1);
	model_release(&m);
}

/* A one-column Wald test is z squared. */
static void test_wald_is_z_squared(void **state)
{
	struct model m;
	size_t col = 1;
	double chisq, df, p;

	(void)state;
	model_fit(&m, HL_FORMULA);
	assert_int_equal(ko_anova_wald(m.fit, NULL, &col, 1, &chisq, &df, &p, NULL),
			 KO_OK);
	assert_close(chisq, m.fit->z[1] * m.fit->z[1], 1e-12);
	assert_close(p, m.fit->p_value[1], 1e-12);
	assert_close(df, 1, 0);
	model_release(&m);
}

/* kohort fit's LR refits start from the full fit (lr_warm_start): the
 * same statistics as R's drop1 (TOL_R) and as the fresh start of the
 * model stage, to the rounding of the deviances (1e-12 x deviance), with
 * the same df, also where a drop loses no rank (aliased columns). */
static void test_lr_warm_start(void **state)
{
	static const char *const formulas[] = {
		HL_FORMULA, "low ~ age + lwt + lwt2 + smoke",
	};
	static const char *const fixtures[] = {
		"tests/fixtures/fit_birthwt_m1_terms.csv",
		"tests/fixtures/fit_birthwt_m5_terms.csv",
	};
	size_t k, t;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct model m;
		struct ko_term_test fresh[16], warm[16];

		model_fit(&m, formulas[k]);
		assert_int_equal(ko_anova_terms(m.d, &m.fd, m.ff, &m.opt, NULL, 1,
						fresh, NULL), KO_OK);
		m.opt.lr_warm_start = 1;
		assert_int_equal(ko_anova_terms(m.d, &m.fd, m.ff, &m.opt, NULL, 1,
						warm, NULL), KO_OK);
		compare(fixtures[k], m.d, warm, 1);
		for (t = 0; t < m.d->n_terms; t++) {
			assert_true(warm[t].lr_df == fresh[t].lr_df ||
				    (isnan(warm[t].lr_df) && isnan(fresh[t].lr_df)));
			if (isnan(fresh[t].lr_chisq))
				assert_true(isnan(warm[t].lr_chisq));
			else
				assert_near(warm[t].lr_chisq, fresh[t].lr_chisq,
					    1e-12 * m.fit->deviance);
		}
		model_release(&m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_vcov_and_lr),
		cmocka_unit_test(test_robust_wald),
		cmocka_unit_test(test_aliased),
		cmocka_unit_test(test_wald_is_z_squared),
		cmocka_unit_test(test_lr_warm_start),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
