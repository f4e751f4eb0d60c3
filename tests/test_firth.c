/*
 * test_firth.c - Firth's penalized logistic regression against logistf
 * 1.26.1 (its own output, /work/shared/reference/ref_firth.out) and against
 * an independent exact R computation (brglm2 estimates, uniroot profiles).
 * Fixtures: tests/reference/firth_ref.R -> tests/fixtures/firth_*.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "fixture.h"
#include "logit.h"

/* Named tolerances. */
#define TOL_EXACT 1e-7      /* relative, vs the exact R computation */
#define TOL_EXACT_CI 1e-6   /* profile CI vs exact root finding, times SE */
#define TOL_LOGISTF 1e-5    /* relative, vs logistf: its own convergence
			       (xconv 1e-4, lconv 1e-5) limits it to ~2e-6 */
#define TOL_LOGISTF_CI 1e-6 /* logistf's profile CIs, times SE */

struct firth_case {
	struct ko_fixture_table t;
	struct ko_fixture_ref ref;
	double *x, *y;
	const char **names;
	struct ko_logit_data d;
};

static void case_load(struct firth_case *c, const char *name)
{
	char path[256];
	size_t i, j, n, p;

	memset(c, 0, sizeof *c);
	snprintf(path, sizeof path, "tests/fixtures/firth_%s.csv", name);
	assert_int_equal(ko_fixture_table_read(path, &c->t), 0);
	snprintf(path, sizeof path, "tests/fixtures/firth_%s.ref", name);
	assert_int_equal(ko_fixture_ref_read(path, &c->ref), 0);
	n = c->t.nrow;
	p = c->t.ncol - 3;
	c->x = malloc(n * p * sizeof *c->x);
	c->y = malloc(n * sizeof *c->y);
	c->names = malloc(p * sizeof *c->names);
	assert_non_null(c->x);
	for (i = 0; i < n; i++) {
		c->y[i] = c->t.v[i * c->t.ncol];
		for (j = 0; j < p; j++)
			c->x[i * p + j] = c->t.v[i * c->t.ncol + 3 + j];
	}
	for (j = 0; j < p; j++)
		c->names[j] = c->t.names[3 + j];
	c->d = (struct ko_logit_data){ n, p, c->x, c->y, NULL, NULL, c->names };
}

static void case_release(struct firth_case *c)
{
	ko_fixture_table_release(&c->t);
	ko_fixture_ref_release(&c->ref);
	free(c->x);
	free(c->y);
	free(c->names);
}

static double ref(const struct firth_case *c, const char *sec, const char *name)
{
	return ko_fixture_ref_get(&c->ref, sec, name);
}

static struct ko_logit_fit *fit_firth(const struct firth_case *c, int pl)
{
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_err err;

	ko_logit_options_init(&opt);
	opt.firth = 1;
	if (!pl)
		opt.profile = opt.lr_tests = 0;
	if (ko_logit_fit(&c->d, &opt, &f, &err) != KO_OK)
		fail_msg("Firth fit failed: %s", err.msg);
	assert_int_equal(f->firth, 1);
	assert_int_equal(f->converged, 1);
	return f;
}

/* |a - b| <= tol * scale, or both tiny (coefficients that are 0). */
static void assert_rel_or_zero(double a, double b, double tol)
{
	if (fabs(b) < 1e-10)
		assert_near(a, b, 1e-9);
	else
		assert_close(a, b, tol);
}

static void test_sex2(void **state)
{
	struct firth_case c;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "sex2");
	f = fit_firth(&c, 1);
	assert_int_equal(f->ci_profile, 1);
	for (j = 0; j < f->p; j++) {
		const char *nm = c.names[j];
		double se = f->se[j];

		assert_close(f->coef[j], ref(&c, "exact_coef", nm), TOL_EXACT);
		assert_close(f->se[j], ref(&c, "exact_se", nm), TOL_EXACT);
		assert_near(f->conf_low[j], ref(&c, "exact_lo", nm), TOL_EXACT_CI * se);
		assert_near(f->conf_high[j], ref(&c, "exact_hi", nm), TOL_EXACT_CI * se);
		assert_close(f->lr_chisq[j], ref(&c, "exact_chisq", nm), TOL_EXACT);
		assert_close(f->p_value[j], ref(&c, "exact_p", nm), TOL_EXACT);
		/* logistf's own numbers */
		assert_close(f->coef[j], ref(&c, "logistf_coef", nm), TOL_LOGISTF);
		assert_close(f->se[j], ref(&c, "logistf_se", nm), TOL_LOGISTF);
		assert_near(f->conf_low[j], ref(&c, "logistf_lo", nm), TOL_LOGISTF_CI * se);
		assert_near(f->conf_high[j], ref(&c, "logistf_hi", nm), TOL_LOGISTF_CI * se);
		assert_close(f->p_value[j], ref(&c, "logistf_p", nm), TOL_LOGISTF);
		/* Wald z stays Wald */
		assert_close(f->z[j], f->coef[j] / f->se[j], 1e-15);
	}
	assert_close(f->loglik, ref(&c, "exact_model", "loglik"), 1e-10);
	assert_close(f->null_loglik, ref(&c, "exact_model", "null_loglik"), 1e-10);
	assert_close(f->loglik, ref(&c, "logistf_model", "loglik"), 1e-9);
	assert_close(f->null_loglik, ref(&c, "logistf_model", "null_loglik"), 1e-9);
	assert_close(2 * (f->loglik - f->null_loglik), ref(&c, "logistf_model", "lr_test"), 1e-6);
	/* the data are quasi-separated in dia, whatever the estimator */
	assert_int_equal(f->separation, 1);
	assert_int_equal(f->separated[6], KO_LOGIT_SEP_TO_PLUS_INF);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* pl = FALSE: Wald CIs and p-values with logistf's SEs. */
static void test_sex2_wald(void **state)
{
	struct firth_case c;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "sex2");
	f = fit_firth(&c, 0);
	assert_int_equal(f->ci_profile, 0);
	for (j = 0; j < f->p; j++) {
		assert_true(isnan(f->lr_chisq[j]));
		assert_close(f->conf_low[j], f->coef[j] - 1.959963984540054 * f->se[j], 1e-12);
		assert_close(f->p_value[j], erfc(fabs(f->z[j]) / sqrt(2.0)), 1e-12);
		assert_close(f->coef[j], ref(&c, "exact_coef", c.names[j]), TOL_EXACT);
	}
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Complete separation: ML diverges, Firth is finite. */
static void test_toy(void **state)
{
	struct firth_case c;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "toy");
	f = fit_firth(&c, 1);
	for (j = 0; j < f->p; j++) {
		const char *nm = c.names[j];

		assert_rel_or_zero(f->coef[j], ref(&c, "exact_coef", nm), TOL_EXACT);
		assert_close(f->se[j], ref(&c, "exact_se", nm), TOL_EXACT);
		assert_near(f->conf_low[j], ref(&c, "exact_lo", nm), TOL_EXACT_CI * f->se[j]);
		assert_near(f->conf_high[j], ref(&c, "exact_hi", nm), TOL_EXACT_CI * f->se[j]);
		assert_rel_or_zero(f->coef[j], ref(&c, "logistf_coef", nm), TOL_LOGISTF);
		assert_close(f->se[j], ref(&c, "logistf_se", nm), TOL_LOGISTF);
		assert_close(f->p_value[j], ref(&c, "logistf_p", nm), TOL_LOGISTF);
	}
	assert_near(f->conf_low[1], ref(&c, "logistf_lo", "x"), TOL_LOGISTF_CI * f->se[1]);
	assert_near(f->conf_high[1], ref(&c, "logistf_hi", "x"), TOL_LOGISTF_CI * f->se[1]);
	assert_int_equal(f->separated[1], KO_LOGIT_SEP_TO_PLUS_INF);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Prior weights are frequency weights: sex2 collapsed to its distinct rows
 * with counts as weights gives the same estimates, penalized likelihoods,
 * profile CIs and PLR p-values as the 239 rows (not the same logistf SEs,
 * whose (1 + h) term is per row; see docs/statistics.md). */
static void test_weights_as_counts(void **state)
{
	struct firth_case c;
	struct ko_logit_fit *full, *agg = NULL;
	struct ko_logit_options opt;
	struct ko_err err;
	size_t n, p, i, k, j, m = 0;
	double *x, *y, *w;

	(void)state;
	case_load(&c, "sex2");
	n = c.d.n;
	p = c.d.p;
	x = malloc(n * p * sizeof *x);
	y = malloc(n * sizeof *y);
	w = malloc(n * sizeof *w);
	assert_non_null(w);
	for (i = 0; i < n; i++) {
		for (k = 0; k < m; k++)
			if (y[k] == c.y[i] && memcmp(x + k * p, c.x + i * p, p * sizeof *x) == 0)
				break;
		if (k == m) {
			memcpy(x + m * p, c.x + i * p, p * sizeof *x);
			y[m] = c.y[i];
			w[m++] = 0;
		}
		w[k] += 1;
	}
	assert_true(m < n / 2);
	full = fit_firth(&c, 1);
	ko_logit_options_init(&opt);
	opt.firth = 1;
	c.d = (struct ko_logit_data){ m, p, x, y, w, NULL, c.names };
	assert_int_equal(ko_logit_fit(&c.d, &opt, &agg, &err), KO_OK);
	for (j = 0; j < p; j++) {
		assert_close(agg->coef[j], full->coef[j], 1e-8);
		assert_close(agg->conf_low[j], full->conf_low[j], 1e-8);
		assert_close(agg->conf_high[j], full->conf_high[j], 1e-8);
		assert_close(agg->p_value[j], full->p_value[j], 1e-7);
	}
	assert_close(agg->loglik, full->loglik, 1e-12);
	assert_close(agg->null_loglik, full->null_loglik, 1e-12);
	ko_logit_fit_free(full);
	ko_logit_fit_free(agg);
	free(x);
	free(y);
	free(w);
	case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sex2),
		cmocka_unit_test(test_sex2_wald),
		cmocka_unit_test(test_toy),
		cmocka_unit_test(test_weights_as_counts),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
