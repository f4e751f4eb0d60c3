/*
 * test_logit.c - the ML engine against R: glm (coefficients, SEs, model
 * statistics, fitted values), MASS confint and exact profile root finding,
 * sandwich vcovHC/vcovCL, drop1 LRT; published values for UCLA and ICU.
 * Fixtures: tests/reference/logit_ref.R -> tests/fixtures/logit_*.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "fixture.h"
#include "logit.h"
#include "model_support.h"
#include "par.h"

/* Named tolerances (relative unless said otherwise). */
#define TOL_COEF 1e-6      /* coefficients, SEs, z, p vs R's default glm */
#define TOL_MODEL 1e-9     /* deviance, AIC, BIC, log-likelihood */
#define TOL_VCOV 1e-6      /* sandwich matrices, relative to the diagonal scale */
#define TOL_PROFILE 1e-6   /* profile CI vs exact root finding, times SE (absolute) */
#define TOL_MASS 2e-4      /* profile CI vs MASS confint's spline, times SE (absolute) */
#define TOL_PUBLISHED 1e-6 /* published values printed to 6 decimals (absolute) */

struct fixture_case {
	struct ko_fixture_table t;
	struct ko_fixture_ref ref;
	double *x, *y, *w, *offset;
	long *g;
	const char **names;
	struct ko_logit_data d;
};

/* Load tests/fixtures/logit_<name>.{csv,ref}: .y, .w, .g, then the design,
 * then optionally .offset. */
static void case_load(struct fixture_case *c, const char *name, int weighted)
{
	char path[256];
	size_t i, j, n, p;

	memset(c, 0, sizeof *c);
	snprintf(path, sizeof path, "tests/fixtures/logit_%s.csv", name);
	assert_int_equal(ko_fixture_table_read(path, &c->t), 0);
	snprintf(path, sizeof path, "tests/fixtures/logit_%s.ref", name);
	assert_int_equal(ko_fixture_ref_read(path, &c->ref), 0);
	n = c->t.nrow;
	p = c->t.ncol - 3;
	if (ko_fixture_table_col(&c->t, ".offset") == (long)c->t.ncol - 1) {
		p--;
		c->offset = malloc(n * sizeof *c->offset);
		assert_non_null(c->offset);
		for (i = 0; i < n; i++)
			c->offset[i] = c->t.v[i * c->t.ncol + c->t.ncol - 1];
	}
	assert_int_equal(ko_fixture_table_col(&c->t, ".y"), 0);
	assert_int_equal(ko_fixture_table_col(&c->t, ".w"), 1);
	assert_int_equal(ko_fixture_table_col(&c->t, ".g"), 2);
	c->x = malloc(n * p * sizeof *c->x);
	c->y = malloc(n * sizeof *c->y);
	c->w = malloc(n * sizeof *c->w);
	c->g = malloc(n * sizeof *c->g);
	c->names = malloc(p * sizeof *c->names);
	assert_non_null(c->x);
	assert_non_null(c->names);
	for (i = 0; i < n; i++) {
		const double *row = c->t.v + i * c->t.ncol;

		c->y[i] = row[0];
		c->w[i] = row[1];
		c->g[i] = (long)row[2];
		for (j = 0; j < p; j++)
			c->x[i * p + j] = row[3 + j];
	}
	for (j = 0; j < p; j++)
		c->names[j] = c->t.names[3 + j];
	c->d.n = n;
	c->d.p = p;
	c->d.x = c->x;
	c->d.y = c->y;
	c->d.weights = weighted ? c->w : NULL;
	c->d.offset = c->offset;
	c->d.names = c->names;
}

static void case_release(struct fixture_case *c)
{
	ko_fixture_table_release(&c->t);
	ko_fixture_ref_release(&c->ref);
	free(c->x);
	free(c->y);
	free(c->w);
	free(c->g);
	free(c->names);
	free(c->offset);
}

static struct ko_logit_fit *fit_case(const struct fixture_case *c,
				     const struct ko_logit_options *opt)
{
	struct ko_logit_fit *f = NULL;
	struct ko_err err;

	ko_err_clear(&err);
	if (ko_logit_fit(&c->d, opt, &f, &err) != KO_OK)
		fail_msg("fit failed: %s", err.msg);
	return f;
}

static double ref(const struct fixture_case *c, const char *sec, const char *name)
{
	return ko_fixture_ref_get(&c->ref, sec, name);
}

/* Everything put_glm() in logit_ref.R wrote. */
static void check_glm(const struct fixture_case *c, const struct ko_logit_fit *f)
{
	size_t j, i;
	char buf[64];

	for (j = 0; j < f->p; j++) {
		const char *nm = c->names[j];

		if (isnan(ref(c, "coef", nm))) {
			assert_int_equal(f->aliased[j], 1);
			assert_true(isnan(f->coef[j]) && isnan(f->se[j]));
			continue;
		}
		assert_int_equal(f->aliased[j], 0);
		assert_close(f->coef[j], ref(c, "coef", nm), TOL_COEF);
		assert_close(f->se[j], ref(c, "se", nm), TOL_COEF);
		assert_close(f->z[j], ref(c, "z", nm), TOL_COEF);
		assert_close(f->p_value[j], ref(c, "p", nm), TOL_COEF);
	}
	assert_close(f->deviance, ref(c, "model", "deviance"), TOL_MODEL);
	assert_close(f->null_deviance, ref(c, "model", "null_deviance"), TOL_MODEL);
	assert_close(f->aic, ref(c, "model", "aic"), TOL_MODEL);
	assert_close(f->bic, ref(c, "model", "bic"), TOL_MODEL);
	assert_close(f->loglik, ref(c, "model", "loglik"), TOL_MODEL);
	assert_close(f->df_residual, ref(c, "model", "df_residual"), 0);
	assert_close(f->df_null, ref(c, "model", "df_null"), 0);
	assert_close((double)f->rank, ref(c, "model", "rank"), 0);
	assert_close((double)f->iterations, ref(c, "model", "iter"), 0);
	assert_close((double)f->converged, ref(c, "model", "converged"), 0);
	assert_close((double)f->n_used, ref(c, "model", "n_used"), 0);
	for (i = 0; i < f->n; i++) {
		snprintf(buf, sizeof buf, "%zu", i);
		assert_close(f->mu[i], ref(c, "mu", buf), TOL_COEF);
	}
}

/* A p x p matrix written by put_matrix(), compared relative to
 * sqrt(v_ii v_jj). */
static void check_matrix(const struct fixture_case *c, const char *sec,
			 const gsl_matrix *m)
{
	size_t i, j;
	char buf[64];

	for (i = 0; i < m->size1; i++)
		for (j = 0; j < m->size2; j++) {
			double scale = sqrt(ref(c, sec, (snprintf(buf, sizeof buf, "%zu,%zu", i, i), buf)) *
					    ref(c, sec, (snprintf(buf, sizeof buf, "%zu,%zu", j, j), buf)));

			snprintf(buf, sizeof buf, "%zu,%zu", i, j);
			assert_near(gsl_matrix_get(m, i, j), ref(c, sec, buf), TOL_VCOV * scale);
		}
}

/* Profile CIs vs exact root finding and MASS confint. */
static void check_profile(const struct fixture_case *c, const struct ko_logit_fit *f)
{
	size_t j;
	struct ko_logit_options opt;
	struct ko_err err;

	ko_logit_options_init(&opt);
	for (j = 0; j < f->p; j++) {
		double lo, hi, se = f->se[j];
		const char *nm = c->names[j];

		assert_int_equal(ko_logit_profile_ci(&c->d, f, &opt, j, 0.95, &lo, &hi, &err), KO_OK);
		if (f->aliased[j]) {
			assert_true(isnan(lo) && isnan(hi));
			assert_true(isnan(ref(c, "profile_lo", nm)));
			continue;
		}
		assert_near(lo, ref(c, "profile_lo", nm), TOL_PROFILE * se);
		assert_near(hi, ref(c, "profile_hi", nm), TOL_PROFILE * se);
		if (!ko_fixture_ref_has(&c->ref, "mass_lo", nm))
			continue; /* MASS confint not run on this case */
		assert_near(lo, ref(c, "mass_lo", nm), TOL_MASS * se);
		assert_near(hi, ref(c, "mass_hi", nm), TOL_MASS * se);
	}
}

static void test_birthwt(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	gsl_matrix *v;
	struct ko_err err;
	size_t race[2] = { 3, 4 };
	double chisq, df, p;

	(void)state;
	case_load(&c, "birthwt", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_int_equal(f->has_intercept, 1);
	assert_int_equal(f->fitted_0_or_1, 0);
	assert_int_equal(f->separation, 0);
	check_profile(&c, f);
	v = gsl_matrix_alloc(f->p, f->p);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC0, v, &err), KO_OK);
	check_matrix(&c, "hc0", v);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC1, v, &err), KO_OK);
	check_matrix(&c, "hc1", v);
	/* factor(race) as a whole: drop1(fit, test = "LRT") */
	assert_string_equal(c.names[3], "factor(race)2");
	assert_int_equal(ko_logit_lr_test(&c.d, f, &opt, race, 2, &chisq, &df, &p, &err), KO_OK);
	assert_close(chisq, ref(&c, "drop1_race", "chisq"), TOL_COEF);
	assert_close(df, ref(&c, "drop1_race", "df"), 0);
	assert_close(p, ref(&c, "drop1_race", "p"), TOL_COEF);
	gsl_matrix_free(v);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* The shared references (/work/shared/reference, copied into the fixture
 * by logit_ref.R): R's default SEs come from the last IRLS step
 * (ref_tight.out, 12 digits), a fit run to epsilon 1e-14 gives the exact
 * MLE and SEs at it, and profile CIs equal exact root finding
 * (ref_profile_exact.out, 10 digits). */
static void test_shared_references(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f, *tight;
	struct ko_err err;
	size_t j;

	(void)state;
	case_load(&c, "birthwt_a", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	check_profile(&c, f);
	opt.epsilon = 1e-14;
	opt.max_iter = 100;
	tight = fit_case(&c, &opt);
	assert_int_equal(tight->converged, 1);
	for (j = 0; j < f->p; j++) {
		const char *nm = c.names[j];
		double lo, hi;

		assert_close(f->se[j], ref(&c, "shared_se_default", nm), 1e-10);
		assert_close(tight->coef[j], ref(&c, "shared_coef_tight", nm), 1e-10);
		assert_close(tight->se[j], ref(&c, "shared_se_tight", nm), 1e-10);
		/* still the previous iterate's weights, as R: 1.5e-9 off the MLE's */
		assert_close(tight->se[j], ref(&c, "shared_se_at_mle", nm), 1e-8);
		assert_int_equal(ko_logit_profile_ci(&c.d, f, &opt, j, 0.95, &lo, &hi, &err), KO_OK);
		assert_near(lo, ref(&c, "shared_exact_lo", nm), TOL_PROFILE * f->se[j]);
		assert_near(hi, ref(&c, "shared_exact_hi", nm), TOL_PROFILE * f->se[j]);
	}
	ko_logit_fit_free(tight);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Profile CIs computed inside the fit (options.profile) are the same. */
static void test_birthwt_profile_option(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "birthwt", 0);
	ko_logit_options_init(&opt);
	opt.profile = 1;
	opt.lr_tests = 1;
	f = fit_case(&c, &opt);
	assert_int_equal(f->ci_profile, 1);
	for (j = 0; j < f->p; j++) {
		assert_near(f->conf_low[j], ref(&c, "profile_lo", c.names[j]), TOL_PROFILE * f->se[j]);
		assert_near(f->conf_high[j], ref(&c, "profile_hi", c.names[j]), TOL_PROFILE * f->se[j]);
		assert_true(f->lr_chisq[j] > 0 && f->lr_p_value[j] > 0 && f->lr_p_value[j] < 1);
	}
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_ucla(void **state)
{
	static const double published[] = { -3.989979, 0.002264, 0.804038,
					    -0.675443, -1.340204, -1.551464 };
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "ucla", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	for (j = 0; j < 6; j++)
		assert_near(f->coef[j], published[j], TOL_PUBLISHED);
	check_profile(&c, f);
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_icu(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "icu", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_near(f->coef[0], -3.058513, TOL_PUBLISHED);
	assert_near(f->se[0], 0.696081, TOL_PUBLISHED);
	assert_near(f->coef[1], 0.027543, TOL_PUBLISHED);
	assert_near(f->se[1], 0.010564, TOL_PUBLISHED);
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_aliased(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "aliased", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_string_equal(c.names[3], "x3");
	assert_int_equal(f->aliased[3], 1);
	check_profile(&c, f); /* refits with an aliased column among the others */
	assert_int_equal(f->rank, f->p - 1);
	for (j = 0; j < f->p; j++) {
		assert_true(isnan(gsl_matrix_get(f->vcov, 3, j)));
		assert_true(isnan(gsl_matrix_get(f->vcov, j, 3)));
	}
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Aliased columns in the middle of the design: a scaled copy of an earlier
 * column and an all-zero column. */
static void test_aliased_middle(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "aliased2", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_string_equal(c.names[2], "dup");
	assert_string_equal(c.names[5], "zero");
	assert_int_equal(f->aliased[2], 1);
	assert_int_equal(f->aliased[5], 1);
	assert_int_equal(f->rank, f->p - 2);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Ill-conditioned, not aliased (year and year squared, uncentred): R's QR
 * estimates every column, and so must we. */
static void test_ill_conditioned(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "yearsq", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	assert_int_equal(f->rank, f->p);
	check_glm(&c, f);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* sex2 by ML: R says converged (dia = 16.7, SE 799); we also say that dia
 * is quasi-separated (its MLE is +infinity) and nothing else is. */
static void test_separated_sex2(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	size_t j;

	(void)state;
	case_load(&c, "sex2", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_int_equal(f->fitted_0_or_1, 0); /* R does not warn either */
	assert_int_equal(f->separation_checked, 1);
	assert_int_equal(f->separation, 1);
	for (j = 0; j < f->p; j++)
		assert_int_equal(f->separated[j], strcmp(c.names[j], "dia") == 0 ?
				 KO_LOGIT_SEP_TO_PLUS_INF : KO_LOGIT_SEP_NONE);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Profile likelihood under quasi-separation: the upper end for dia does not
 * exist; the others are finite and the fit still matches glm. */
static void test_separated_profile(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	struct ko_err err;
	double lo, hi;

	(void)state;
	case_load(&c, "sex2", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	assert_string_equal(c.names[6], "dia");
	assert_int_equal(ko_logit_profile_ci(&c.d, f, &opt, 6, 0.95, &lo, &hi, &err), KO_OK);
	assert_true(isinf(hi) && hi > 0);
	assert_true(isfinite(lo) && lo > 0);
	assert_int_equal(ko_logit_profile_ci(&c.d, f, &opt, 1, 0.95, &lo, &hi, &err), KO_OK);
	assert_true(isfinite(lo) && isfinite(hi) && lo < f->coef[1] && f->coef[1] < hi);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* Complete separation (factor g puts every y = 1 in one level): the
 * profile CIs do not fail the fit.  g's MLE is +infinity, so its upper end
 * is +Inf; its lower end is finite: 0.862665055714 by R, the root of the
 * profile deviance (glm(y ~ x, offset = b * g), epsilon 1e-14) at
 * qchisq(0.95, 1), uniroot tol 1e-12.  The intercept's and x's profiles
 * stay near 0 both ways: no finite end. */
static void test_profile_complete_separation(void **state)
{
	static const double x[] = {
		1, 1, 0, 1, 2, 1, 1, 1.5, 0, 1, 3, 1, 1, 2.5, 0, 1, 2.9, 1,
	};
	static const double y[] = { 0, 1, 0, 1, 0, 1 };
	static const char *const names[] = { "(Intercept)", "x", "factor(g)c" };
	struct ko_logit_data d = { 6, 3, x, y, NULL, NULL, names };
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_err err;
	size_t j;

	(void)state;
	ko_logit_options_init(&opt);
	opt.profile = 1;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_OK);
	assert_int_equal(f->separation, 1);
	assert_int_equal(f->separated[2], KO_LOGIT_SEP_TO_PLUS_INF);
	assert_true(isinf(f->conf_high[2]) && f->conf_high[2] > 0);
	assert_close(f->conf_low[2], 0.862665055714, 1e-8);
	assert_null(ko_logit_profile_missing(f, 2));
	for (j = 0; j < 2; j++) {
		const char *ends = ko_logit_profile_missing(f, j);

		assert_false(isfinite(f->conf_low[j]));
		assert_false(isfinite(f->conf_high[j]));
		/* an end not found (NaN) is named, for the warning rows */
		if (isnan(f->conf_low[j]) || isnan(f->conf_high[j]))
			assert_string_equal(ends, isnan(f->conf_low[j]) ?
					    (isnan(f->conf_high[j]) ? "lower and upper" : "lower") :
					    "upper");
		else
			assert_null(ends);
	}
	ko_logit_fit_free(f);
}

/* An offset, and the null deviance R computes with it (intercept refit). */
static void test_offset(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "offset", 0);
	assert_non_null(c.d.offset);
	assert_int_equal(c.d.p, 4);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* No intercept column: null deviance at mu = 1/2, df_null = n. */
static void test_no_intercept(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "nointercept", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	assert_int_equal(f->has_intercept, 0);
	check_glm(&c, f);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* The intercept is found in the validating pass (columns below 64) or by
 * ko_logit_find_intercept (wider designs): the same column either way,
 * zero-weight rows not counted, and the null deviance at the weighted
 * mean of y when there is one. */
static void check_intercept(size_t p, long icpt, long second_ones)
{
	size_t n = 1500, i, j;
	double *x = malloc(n * p * sizeof(*x)), *y = malloc(n * sizeof(*y));
	double *w = malloc(n * sizeof(*w)), sw = 0, swy = 0, dev = 0;
	uint64_t rng = 11 + p;
	struct ko_logit_data d;
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_err err;

	assert_true(x && y && w);
	for (i = 0; i < n; i++) {
		for (j = 0; j < p; j++)
			x[i * p + j] = (long)j == icpt || (long)j == second_ones ? 1.0 :
				       ms_uniform(&rng) - 0.5;
		y[i] = ms_uniform(&rng) < 0.4;
		w[i] = i % 10 == 3 ? 0.0 : 1.0 + (double)(i % 3);
		if (w[i] == 0.0 && icpt >= 0)
			x[i * p + (size_t)icpt] = 5.0; /* not looked at */
		sw += w[i];
		swy += w[i] * y[i];
	}
	memset(&d, 0, sizeof(d));
	d.n = n;
	d.p = p;
	d.x = x;
	d.y = y;
	d.weights = w;
	ko_logit_options_init(&opt);
	assert_int_equal(ko_logit_find_intercept(&d), (size_t)(icpt + 1));
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_OK);
	assert_int_equal(f->has_intercept, icpt >= 0);
	if (icpt >= 0) {
		for (i = 0; i < n; i++)
			if (w[i] > 0)
				dev += 2 * w[i] * (y[i] > 0 ? -log(swy / sw) :
							       -log(1 - swy / sw));
		assert_close(f->null_deviance, dev, 1e-12);
	}
	ko_logit_fit_free(f);
	f = NULL;
	if (icpt >= 0) { /* with an offset the null model is a fit on that column */
		double *off = malloc(n * sizeof(*off)), *one = malloc(n * sizeof(*one));
		struct ko_logit_data d1 = d;
		struct ko_logit_fit *f1 = NULL;

		assert_true(off && one);
		for (i = 0; i < n; i++) {
			off[i] = ms_uniform(&rng) - 0.5;
			one[i] = 1.0;
		}
		d.offset = d1.offset = off;
		d1.p = 1;
		d1.x = one;
		assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_OK);
		assert_int_equal(ko_logit_fit(&d1, &opt, &f1, &err), KO_OK);
		assert_close(f->null_deviance, f1->deviance, 1e-9);
		ko_logit_fit_free(f);
		ko_logit_fit_free(f1);
		free(off);
		free(one);
	}
	free(x);
	free(y);
	free(w);
}

static void test_intercept_found(void **state)
{
	(void)state;
	check_intercept(3, 1, -1);  /* in the middle, zero weights off 1 */
	check_intercept(4, 2, 3);   /* two columns of ones (aliased): the first */
	check_intercept(3, -1, -1); /* none */
	check_intercept(70, 66, -1); /* beyond the 64 the scan tracks */
}

/* Complete separation: R warns "fitted probabilities numerically 0 or 1";
 * the slope's MLE is +infinity. */
static void test_separated_toy(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "toy", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	assert_close((double)f->iterations, ref(&c, "model", "iter"), 0);
	assert_true(f->fitted_0_or_1 > 0);
	assert_int_equal(f->separation, 1);
	assert_int_equal(f->separated[1], KO_LOGIT_SEP_TO_PLUS_INF);
	assert_true(f->deviance < 1e-8);
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_cluster(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	gsl_matrix *v;
	struct ko_err err;

	(void)state;
	case_load(&c, "cluster", 0);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	v = gsl_matrix_alloc(f->p, f->p);
	assert_int_equal(ko_logit_vcov_cluster(&c.d, f, c.g, KO_LOGIT_HC0, v, &err), KO_OK);
	check_matrix(&c, "cl_default", v);
	assert_int_equal(ko_logit_vcov_cluster(&c.d, f, c.g, KO_LOGIT_HC1, v, &err), KO_OK);
	check_matrix(&c, "cl_hc1", v);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC0, v, &err), KO_OK);
	check_matrix(&c, "hc0", v);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC1, v, &err), KO_OK);
	check_matrix(&c, "hc1", v);
	gsl_matrix_free(v);
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_grouped(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "grouped", 1);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* 0/1 response with prior weights 0..3: zero-weight rows do not count. */
static void test_weighted(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;
	gsl_matrix *v;
	struct ko_err err;

	(void)state;
	case_load(&c, "weighted", 1);
	ko_logit_options_init(&opt);
	f = fit_case(&c, &opt);
	check_glm(&c, f);
	assert_true(f->n_used < f->n);
	v = gsl_matrix_alloc(f->p, f->p);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC0, v, &err), KO_OK);
	check_matrix(&c, "hc0", v);
	gsl_matrix_free(v);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* R's rule with too few iterations: not converged, and said so. */
static void test_not_converged(void **state)
{
	struct fixture_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f;

	(void)state;
	case_load(&c, "birthwt", 0);
	ko_logit_options_init(&opt);
	opt.max_iter = 2;
	f = fit_case(&c, &opt);
	assert_int_equal(f->converged, 0);
	assert_int_equal(f->iterations, 2);
	assert_int_equal(f->separation_checked, 1); /* auto mode checks then */
	assert_int_equal(f->separation, 0);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* All non-events, intercept only: the intercept's MLE is -infinity; R
 * reports a large negative number; we flag the direction. */
static void test_all_zero_response(void **state)
{
	double x[50], y[50];
	struct ko_logit_data d = { 50, 1, x, y, NULL, NULL, NULL };
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_err err;
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++) {
		x[i] = 1.0;
		y[i] = 0.0;
	}
	ko_logit_options_init(&opt);
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_OK);
	assert_true(f->coef[0] < -15);
	assert_int_equal(f->separation_checked, 1);
	assert_int_equal(f->separated[0], KO_LOGIT_SEP_TO_MINUS_INF);
	ko_logit_fit_free(f);
}

static void test_bad_input(void **state)
{
	static const double x[] = { 1, 0.5, 1, 1.5, 1, 2.5 };
	double y[] = { 0, 1, 0 }, w[] = { 1, 1, 1 }, xb[6];
	static const char *const names[] = { "(Intercept)", "dose" };
	struct ko_logit_data d = { 3, 2, x, y, NULL, NULL, names };
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_err err;

	(void)state;
	ko_logit_options_init(&opt);
	y[1] = 1.5;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 2);
	assert_string_equal(err.column, "y");
	assert_null(f);
	y[1] = 1;
	w[2] = -1;
	d.weights = w;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 3);
	assert_string_equal(err.column, "weights");
	w[0] = w[1] = w[2] = 0;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "no rows"));
	d.weights = NULL;
	memcpy(xb, x, sizeof xb);
	xb[3] = NAN;
	d.x = xb;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 2);
	assert_string_equal(err.column, "dose");
	d.x = x;
	opt.level = 1.5;
	assert_int_equal(ko_logit_fit(&d, &opt, &f, &err), KO_ERR_USAGE);
	assert_null(f);
}

/* n large enough for several row parts (stats/base/par.h): the fit must give
 * the same bits on 1, 2 or 5 threads, since parts are fixed by n alone
 * and summed in order. */
static void test_threads_same_bits(void **state)
{
	const size_t n = 150000, p = 5;
	double *x = malloc(n * p * sizeof(*x)), *y = malloc(n * sizeof(*y));
	double *w = malloc(n * sizeof(*w));
	struct ko_logit_data d = { n, p, x, y, w, NULL, NULL };
	struct ko_logit_options opt;
	struct ko_logit_fit *f[3] = { NULL, NULL, NULL };
	gsl_matrix *hc0[3];
	struct ko_err err;
	uint64_t s = 12345;
	size_t i, j;
	int t;

	(void)state;
	assert_non_null(x);
	assert_non_null(y);
	assert_non_null(w);
	for (i = 0; i < n; i++) {
		double eta = -0.5, u;

		x[i * p] = 1;
		for (j = 1; j < p; j++) {
			x[i * p + j] = ms_uniform(&s) * 4 - 2;
			eta += 0.3 * (double)j * x[i * p + j] / (double)p;
		}
		u = ms_uniform(&s);
		y[i] = u < 1 / (1 + exp(-eta));
		w[i] = 1 + (double)(i % 3);
	}
	ko_logit_options_init(&opt);
	for (t = 0; t < 3; t++) {
		ko_par_set_threads(t == 0 ? 1 : t == 1 ? 2 : 5);
		assert_int_equal(ko_logit_fit(&d, &opt, &f[t], &err), KO_OK);
		hc0[t] = gsl_matrix_alloc(p, p);
		assert_int_equal(ko_logit_vcov_robust(&d, f[t], KO_LOGIT_HC0, hc0[t],
						      &err), KO_OK);
	}
	ko_par_set_threads(0);
	for (t = 1; t < 3; t++) /* the robust sandwich in row parts too */
		assert_memory_equal(hc0[t]->data, hc0[0]->data,
				    p * p * sizeof(double));
	for (t = 0; t < 3; t++)
		gsl_matrix_free(hc0[t]);
	assert_true(f[0]->converged);
	for (t = 1; t < 3; t++) {
		assert_memory_equal(f[t]->coef, f[0]->coef, p * sizeof(double));
		assert_memory_equal(f[t]->se, f[0]->se, p * sizeof(double));
		assert_memory_equal(f[t]->working_weights, f[0]->working_weights,
				    n * sizeof(double));
		assert_true(f[t]->deviance == f[0]->deviance);
		assert_int_equal(f[t]->iterations, f[0]->iterations);
	}
	/* and near the truth the data were drawn from */
	for (j = 1; j < p; j++)
		assert_true(fabs(f[0]->coef[j] - 0.3 * (double)j / (double)p) <
			    5 * f[0]->se[j]);
	for (t = 0; t < 3; t++)
		ko_logit_fit_free(f[t]);
	free(x);
	free(y);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birthwt),
		cmocka_unit_test(test_birthwt_profile_option),
		cmocka_unit_test(test_shared_references),
		cmocka_unit_test(test_ucla),
		cmocka_unit_test(test_icu),
		cmocka_unit_test(test_aliased),
		cmocka_unit_test(test_aliased_middle),
		cmocka_unit_test(test_ill_conditioned),
		cmocka_unit_test(test_separated_sex2),
		cmocka_unit_test(test_profile_complete_separation),
		cmocka_unit_test(test_separated_toy),
		cmocka_unit_test(test_separated_profile),
		cmocka_unit_test(test_offset),
		cmocka_unit_test(test_no_intercept),
		cmocka_unit_test(test_intercept_found),
		cmocka_unit_test(test_cluster),
		cmocka_unit_test(test_grouped),
		cmocka_unit_test(test_weighted),
		cmocka_unit_test(test_not_converged),
		cmocka_unit_test(test_all_zero_response),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_threads_same_bits),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
