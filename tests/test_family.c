/*
 * test_family.c - the model-family seam (stats/family.h) and the shared
 * orchestration (stats/analysis.h): the registry; each family's fit,
 * covariance by SE type and statistics through the interface against R
 * (glm(binomial), glm(poisson) + sandwich vcovHC HC0/HC1 and vcovCL;
 * fixtures tests/reference/effects_ref.R -> tests/fixtures/effects_*.ref);
 * the Firth family equal to logit.c's Firth fit; ko_inference_choose and
 * ko_analysis_exposure_term.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "analysis.h"
#include "ci.h"
#include "family.h"
#include "fixture.h"
#include "formula.h"
#include "logit.h"
#include "margins.h"
#include "model.h"

/* Named tolerances (relative). */
#define TOL_COEF 1e-6    /* coefficients and SEs vs R, as test_effects */
#define TOL_MODEL 1e-9   /* deviance, AIC vs R */
#define TOL_LR 1e-6      /* a drop1 LR statistic (a difference of two
			    deviances, each converged to glm's 1e-8) */

struct fam_case {
	struct ko_fixture_table t;
	struct ko_fixture_ref ref;
	double *x, *y, *w;
	long *g;
	const char **names;
	struct ko_family_data d;
	struct ko_logit_data glm; /* d as logit.h's data */
};

/* tests/fixtures/effects_<name>.csv: .y, .w, .g, then the design. */
static void case_load(struct fam_case *c, const char *name)
{
	char path[256];
	size_t i, j, n, p;

	memset(c, 0, sizeof *c);
	snprintf(path, sizeof path, "tests/fixtures/effects_%s.csv", name);
	assert_int_equal(ko_fixture_table_read(path, &c->t), 0);
	snprintf(path, sizeof path, "tests/fixtures/effects_%s.ref", name);
	assert_int_equal(ko_fixture_ref_read(path, &c->ref), 0);
	n = c->t.nrow;
	p = c->t.ncol - 3;
	assert_int_equal(ko_fixture_table_col(&c->t, ".g"), 2);
	c->x = malloc(n * p * sizeof *c->x);
	c->y = malloc(n * sizeof *c->y);
	c->w = malloc(n * sizeof *c->w);
	c->g = malloc(n * sizeof *c->g);
	c->names = malloc(p * sizeof *c->names);
	assert_true(c->x && c->y && c->w && c->g && c->names);
	for (i = 0; i < n; i++) {
		const double *row = c->t.v + i * c->t.ncol;

		c->y[i] = row[0];
		c->w[i] = row[1];
		c->g[i] = (long)row[2];
		if (c->w[i] != 1.0)
			c->d.weights = c->w;
		for (j = 0; j < p; j++)
			c->x[i * p + j] = row[3 + j];
	}
	for (j = 0; j < p; j++)
		c->names[j] = c->t.names[3 + j];
	c->d.n = n;
	c->d.p = p;
	c->d.x = c->x;
	c->d.y = c->y;
	c->d.names = c->names;
	c->glm = ko_family_glm_data(&c->d);
}

static void case_release(struct fam_case *c)
{
	ko_fixture_table_release(&c->t);
	ko_fixture_ref_release(&c->ref);
	free(c->x);
	free(c->y);
	free(c->w);
	free(c->g);
	free(c->names);
}

static double ref(const struct fam_case *c, const char *sec, const char *name)
{
	return ko_fixture_ref_get(&c->ref, sec, name);
}

static struct ko_family_fit *family_fit(const char *family,
					const struct fam_case *c)
{
	const struct ko_family *fam = ko_family_find(family);
	struct ko_logit_options opt;
	struct ko_family_fit *f = NULL;
	struct ko_err err;

	assert_non_null(fam);
	ko_err_clear(&err);
	ko_logit_options_init(&opt);
	if (fam->fit(&c->d, &opt, &f, &err) != KO_OK)
		fail_msg("%s fit failed: %s", family, err.msg);
	assert_ptr_equal(f->family, fam);
	return f;
}

/* sqrt(diag(vcov)) of SE type se against R's section sec. */
static void check_vcov(const struct fam_case *c, const struct ko_family_fit *f,
		       enum ko_family_se se, enum ko_logit_hc_type hc,
		       const char *sec)
{
	gsl_matrix *v = gsl_matrix_alloc(f->p, f->p);
	struct ko_err err;
	size_t j;

	assert_non_null(v);
	ko_err_clear(&err);
	assert_int_equal(f->family->vcov(&c->d, f, se, hc, c->g, v, &err), KO_OK);
	for (j = 0; j < f->p; j++)
		assert_close(sqrt(gsl_matrix_get(v, j, j)), ref(c, sec, c->names[j]),
			     TOL_COEF);
	gsl_matrix_free(v);
}

static void test_registry(void **state)
{
	size_t i;

	(void)state;
	assert_ptr_equal(ko_family_find("logistic"), &ko_family_logistic);
	assert_ptr_equal(ko_family_find("firth"), &ko_family_firth);
	assert_ptr_equal(ko_family_find("poisson"), &ko_family_poisson);
	assert_ptr_equal(ko_family_find("poisson_rate"), &ko_family_poisson_rate);
	assert_ptr_equal(ko_family_find("cox"), &ko_family_cox);
	assert_null(ko_family_find("coxph"));
	assert_null(ko_family_find(NULL));
	assert_string_equal(ko_family_logistic.effect_abbrev, "OR");
	assert_string_equal(ko_family_firth.effect_abbrev, "OR");
	assert_string_equal(ko_family_poisson.effect_abbrev, "RR");
	assert_string_equal(ko_family_logistic.effect_name, "odds ratio");
	assert_string_equal(ko_family_poisson.effect_name, "risk ratio");
	for (i = 0; ko_families[i]; i++) {
		const struct ko_family *f = ko_families[i];

		assert_ptr_equal(ko_family_find(f->name), f);
		assert_true(f->fit && f->vcov && f->statistics && f->lr_test &&
			    f->warnings && f->free && f->effect_column);
		/* mean is optional: a family without a risk (rates) has none,
		 * so no marginal standardisation */
		assert_true(!f->mean == (f == &ko_family_poisson_rate ||
					 f == &ko_family_cox));
	}
	assert_string_equal(ko_family_poisson_rate.effect_abbrev, "IRR");
	assert_string_equal(ko_family_cox.effect_abbrev, "HR");
	assert_string_equal(ko_family_cox.effect_column, "hazard_ratio");
	assert_int_equal(i, 5);
}

/* The family-neutral data: the GLM view keeps design, outcome, weights,
 * offset and names; a GLM family without an outcome (a Cox data set) is
 * a usage error, not a crash. */
static void test_family_data(void **state)
{
	static const double x[] = { 1, 0, 1, 1 }, y[] = { 0, 1 }, w[] = { 1, 2 };
	static const double off[] = { 0.5, -0.5 }, t[] = { 3, 4 };
	static const int status[] = { 1, 0 };
	static const char *const names[] = { "(Intercept)", "x" };
	struct ko_family_data d;
	struct ko_logit_data g;
	struct ko_logit_options opt;
	struct ko_family_fit *f = (struct ko_family_fit *)&d;
	struct ko_err err;
	size_t i;

	(void)state;
	memset(&d, 0, sizeof d);
	d.n = 2;
	d.p = 2;
	d.x = x;
	d.y = y;
	d.weights = w;
	d.offset = off;
	d.names = names;
	d.time = t;
	d.status = status;
	g = ko_family_glm_data(&d);
	assert_true(g.n == 2 && g.p == 2 && g.x == x && g.y == y &&
		    g.weights == w && g.offset == off && g.names == names);
	d.y = NULL;
	ko_logit_options_init(&opt);
	for (i = 0; ko_families[i]; i++) {
		if (ko_families[i] == &ko_family_cox)
			continue; /* reads time and status, not y: below */
		ko_err_clear(&err);
		assert_int_equal(ko_families[i]->fit(&d, &opt, &f, &err),
				 KO_ERR_USAGE);
		assert_null(f);
		assert_non_null(strstr(err.msg, "outcome"));
	}
	/* and the Cox family without follow-up (a GLM data set) */
	d.y = y;
	d.time = NULL;
	ko_err_clear(&err);
	assert_int_equal(ko_family_cox.fit(&d, &opt, &f, &err), KO_ERR_USAGE);
	assert_null(f);
	assert_non_null(strstr(err.msg, "follow-up"));
}

static size_t col_of(const struct fam_case *c, const char *name)
{
	size_t j;

	for (j = 0; j < c->d.p; j++)
		if (!strcmp(c->names[j], name))
			return j;
	fail_msg("no column %s", name);
	return 0;
}

/* The modified Poisson family past the fit, through the seam only: the
 * LR test of each term (lr_test: drop1(glm(poisson), test = "LRT")) and
 * marginal standardisation by its mean (exp, not plogis) with HC0
 * delta-method SEs, against tests/reference/family_ref.R. */
static void test_poisson_past_fit(void **state)
{
	static const char *const terms[][3] = {
		{ "age", "age", NULL }, { "lwt", "lwt", NULL },
		{ "race", "race2", "race3" }, { "smoke", "smoke", NULL },
		{ "ptl", "ptl", NULL }, { "ht", "ht", NULL }, { "ui", "ui", NULL }
	};
	static const double levels[] = { 0, 1 };
	struct fam_case c;
	struct ko_fixture_ref r;
	struct ko_family_fit *f;
	struct ko_logit_options opt;
	struct ko_margins_exposure ex;
	struct ko_margins *m = NULL;
	struct ko_err err;
	gsl_matrix *v;
	char key[64];
	size_t t, cols[2], k;
	double chisq, df, p;

	(void)state;
	case_load(&c, "birthwt");
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/family_poisson.ref", &r), 0);
	f = family_fit("poisson", &c);
	ko_logit_options_init(&opt);
	for (t = 0; t < sizeof terms / sizeof terms[0]; t++) {
		for (k = 0; k < 2 && terms[t][k + 1]; k++)
			cols[k] = col_of(&c, terms[t][k + 1]);
		ko_err_clear(&err);
		assert_int_equal(f->family->lr_test(&c.d, &opt, f, cols, k, &chisq,
						    &df, &p, &err), KO_OK);
		snprintf(key, sizeof key, "%s.chisq", terms[t][0]);
		assert_close(chisq, ko_fixture_ref_get(&r, "lr", key), TOL_LR);
		snprintf(key, sizeof key, "%s.df", terms[t][0]);
		assert_true(df == ko_fixture_ref_get(&r, "lr", key));
		snprintf(key, sizeof key, "%s.p", terms[t][0]);
		assert_close(p, ko_fixture_ref_get(&r, "lr", key), TOL_LR);
	}
	v = gsl_matrix_alloc(f->p, f->p);
	assert_non_null(v);
	assert_int_equal(f->family->vcov(&c.d, f, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC0,
					 NULL, v, &err), KO_OK);
	ex.first = col_of(&c, "smoke");
	ex.ncols = 1;
	ex.n_levels = 2;
	ex.values = levels;
	assert_int_equal(ko_margins_family(&c.d, f, v, &ex, 0.95, &m, &err), KO_OK);
	assert_close(m->risk[0], ko_fixture_ref_get(&r, "margins", "risk0"), TOL_COEF);
	assert_close(m->risk[1], ko_fixture_ref_get(&r, "margins", "risk1"), TOL_COEF);
	assert_close(m->risk_se[0], ko_fixture_ref_get(&r, "margins", "risk_se0"),
		     TOL_COEF);
	assert_close(m->risk_se[1], ko_fixture_ref_get(&r, "margins", "risk_se1"),
		     TOL_COEF);
	assert_close(m->rr[1], ko_fixture_ref_get(&r, "margins", "rr"), TOL_COEF);
	assert_close(m->log_rr_se[1], ko_fixture_ref_get(&r, "margins", "log_rr_se"),
		     TOL_COEF);
	assert_close(m->rd[1], ko_fixture_ref_get(&r, "margins", "rd"), TOL_COEF);
	assert_close(m->rd_se[1], ko_fixture_ref_get(&r, "margins", "rd_se"), TOL_COEF);
	ko_margins_free(m);
	gsl_matrix_free(v);
	f->family->free(f);
	ko_fixture_ref_release(&r);
	case_release(&c);
}

/* The modified Poisson family's likelihood statistics are R's AIC(),
 * logLik() and BIC() of the glm (family_ref.R), not NA; with zero weights
 * BIC still counts every row given (logLik.glm's nobs), as the rate family
 * that shares them. */
static void test_poisson_likelihood(void **state)
{
	static const char *const sec[2] = { "stats", "stats_w0" };
	static const char *const fam[2] = { "poisson", "poisson_rate" };
	struct fam_case c;
	struct ko_fixture_ref r;
	struct ko_family_fit *f;
	struct ko_family_stats st;
	double off[189];
	int k, m;
	size_t i;

	(void)state;
	case_load(&c, "birthwt");
	assert_int_equal(ko_fixture_ref_read("tests/fixtures/family_poisson.ref", &r), 0);
	assert_int_equal(c.d.n, 189);
	for (k = 0; k < 2; k++) {
		if (k == 1) { /* rows 1-3 weight 0 */
			c.w[0] = c.w[1] = c.w[2] = 0.0;
			c.d.weights = c.w;
		}
		for (m = 0; m < 2; m++) {
			if (m == 1) { /* the rate family wants an offset: log 1 */
				for (i = 0; i < c.d.n; i++)
					off[i] = 0.0;
				c.d.offset = off;
			}
			f = family_fit(fam[m], &c);
			f->family->statistics(f, &st);
			assert_close(st.aic, ko_fixture_ref_get(&r, sec[k], "aic"), TOL_MODEL);
			assert_close(st.loglik, ko_fixture_ref_get(&r, sec[k], "loglik"),
				     TOL_MODEL);
			assert_close(st.bic, ko_fixture_ref_get(&r, sec[k], "bic"), TOL_MODEL);
			assert_true(isnan(st.null_loglik));
			f->family->free(f);
			c.d.offset = NULL;
		}
	}
	ko_fixture_ref_release(&r);
	case_release(&c);
}

/* Modified Poisson through the seam: R's glm(poisson) coefficients and
 * model SEs, vcovHC HC0/HC1 and vcovCL HC0 by vcov(), the statistics. */
static void test_poisson_vs_r(void **state)
{
	struct fam_case c;
	struct ko_family_fit *f;
	struct ko_family_stats st;
	size_t j;

	(void)state;
	case_load(&c, "birthwt");
	f = family_fit("poisson", &c);
	for (j = 0; j < f->p; j++) {
		assert_close(f->coef[j], ref(&c, "pois_coef", c.names[j]), TOL_COEF);
		assert_close(f->se[j], ref(&c, "pois_se_model", c.names[j]), TOL_COEF);
	}
	check_vcov(&c, f, KO_FAMILY_SE_MODEL, KO_LOGIT_HC0, "pois_se_model");
	check_vcov(&c, f, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC0, "pois_se_hc0");
	check_vcov(&c, f, KO_FAMILY_SE_ROBUST, KO_LOGIT_HC1, "pois_se_hc1");
	check_vcov(&c, f, KO_FAMILY_SE_CLUSTER, KO_LOGIT_HC0, "pois_se_cl");
	f->family->statistics(f, &st);
	assert_close(st.deviance, ref(&c, "pois_model", "deviance"), TOL_MODEL);
	assert_close(st.null_deviance, ref(&c, "pois_model", "null_deviance"),
		     TOL_MODEL);
	assert_close(st.aic, ref(&c, "pois_model", "aic"), TOL_MODEL);
	assert_int_equal(st.iterations, (int)ref(&c, "pois_model", "iter"));
	assert_int_equal(st.converged, 1);
	assert_int_equal(f->rank, (size_t)ref(&c, "pois_model", "rank"));
	f->family->free(f);
	case_release(&c);
}

/* Logistic ML through the seam: R's glm(binomial) coefficients; the
 * statistics are the logit fit's; robust inference through
 * ko_inference_choose is logit.h's sandwich with Wald CIs at ci.h's z. */
static void test_logistic_and_inference(void **state)
{
	struct fam_case c;
	struct ko_family_fit *f;
	const struct ko_logit_fit *lf;
	struct ko_family_stats st;
	struct ko_inference inf;
	gsl_matrix *v;
	struct ko_err err;
	double z = ko_ci_z(0.9);
	size_t j;

	(void)state;
	case_load(&c, "birthwt");
	f = family_fit("logistic", &c);
	lf = f->impl;
	assert_int_equal(lf->firth, 0);
	for (j = 0; j < f->p; j++)
		assert_close(f->coef[j], ref(&c, "logit_coef", c.names[j]), TOL_COEF);
	f->family->statistics(f, &st);
	assert_true(st.deviance == lf->deviance && st.aic == lf->aic &&
		    st.bic == lf->bic && st.loglik == lf->loglik);

	memset(&inf, 0, sizeof inf);
	ko_err_clear(&err);
	assert_int_equal(ko_inference_choose(&c.d, f, KO_FAMILY_SE_ROBUST,
					     KO_LOGIT_HC1, NULL, 0.9, &inf, &err),
			 KO_OK);
	v = gsl_matrix_alloc(f->p, f->p);
	assert_non_null(v);
	assert_int_equal(ko_logit_vcov_robust(&c.glm, lf, KO_LOGIT_HC1, v, &err), KO_OK);
	for (j = 0; j < f->p; j++) {
		double se = sqrt(gsl_matrix_get(v, j, j));

		assert_true(inf.se[j] == se);
		assert_close(inf.lo[j], f->coef[j] - z * se, 1e-15);
		assert_close(inf.hi[j], f->coef[j] + z * se, 1e-15);
		assert_true(inf.p[j] > 0 && inf.p[j] < 1);
	}
	gsl_matrix_free(v);
	ko_inference_release(&inf);
	assert_null(inf.vcov);

	/* model-based: the fit's own numbers, no covariance of its own */
	assert_int_equal(ko_inference_choose(&c.d, f, KO_FAMILY_SE_MODEL,
					     KO_LOGIT_HC0, NULL, 0.95, &inf, &err),
			 KO_OK);
	assert_null(inf.vcov);
	for (j = 0; j < f->p; j++)
		assert_true(inf.se[j] == lf->se[j] && inf.lo[j] == lf->conf_low[j]);
	ko_inference_release(&inf);

	/* cluster SEs without cluster ids: an error, not a crash */
	assert_int_equal(ko_inference_choose(&c.d, f, KO_FAMILY_SE_CLUSTER,
					     KO_LOGIT_HC0, NULL, 0.95, &inf, &err),
			 KO_ERR_USAGE);
	ko_inference_release(&inf);
	f->family->free(f);
	case_release(&c);
}

/* The Firth family is logit.c's Firth fit, bit for bit (its numbers
 * against logistf are test_firth's). */
static void test_firth_same_as_logit(void **state)
{
	struct fam_case c;
	struct ko_family_fit *f;
	struct ko_logit_options opt;
	struct ko_logit_fit *lf = NULL;
	struct ko_err err;
	size_t j;

	(void)state;
	case_load(&c, "birthwt");
	f = family_fit("firth", &c);
	ko_logit_options_init(&opt);
	opt.firth = 1;
	ko_err_clear(&err);
	assert_int_equal(ko_logit_fit(&c.glm, &opt, &lf, &err), KO_OK);
	assert_int_equal(((struct ko_logit_fit *)f->impl)->firth, 1);
	assert_int_equal(f->ci_profile, lf->ci_profile);
	for (j = 0; j < f->p; j++)
		assert_true(f->coef[j] == lf->coef[j] && f->se[j] == lf->se[j] &&
			    f->conf_low[j] == lf->conf_low[j]);
	ko_logit_fit_free(lf);
	f->family->free(f);
	f = NULL;
	case_release(&c);
}

static void test_exposure_term(void **state)
{
	struct ko_formula *f = NULL;
	struct ko_err err;

	(void)state;
	ko_err_clear(&err);
	assert_int_equal(ko_formula_parse(&f, "y ~ age + factor(race) + smoke + age:smoke",
					  &err), KO_OK);
	assert_int_equal(ko_analysis_exposure_term(f, "smoke", 0), 2);
	assert_int_equal(ko_analysis_exposure_term(f, "race", 0), 1);
	assert_int_equal(ko_analysis_exposure_term(f, "factor(race)", 0), -1);
	assert_int_equal(ko_analysis_exposure_term(f, "factor(race)", 1), 1);
	assert_int_equal(ko_analysis_exposure_term(f, "age:smoke", 1), 3);
	assert_int_equal(ko_analysis_exposure_term(f, "nope", 1), -1);
	ko_formula_free(f);
}

static void collect(void *ctx, const char *msg)
{
	char *buf = ctx;

	strcat(buf, msg);
	strcat(buf, "|");
}

/* The shared warning texts: an aliased column (z = age + expo) is named,
 * and only the groups asked for are given. */
static void test_warnings(void **state)
{
	struct fam_case c;
	struct ko_family_fit *f;
	char buf[2048];

	(void)state;
	case_load(&c, "aliased");
	f = family_fit("logistic", &c);
	buf[0] = '\0';
	f->family->warnings(f, c.names, KO_WARN_COEF, collect, buf);
	assert_string_equal(buf, "z: aliased (linearly dependent on other "
			    "columns), not estimated|");
	buf[0] = '\0';
	f->family->warnings(f, c.names, KO_WARN_CONVERGE | KO_WARN_FITTED,
			    collect, buf);
	assert_string_equal(buf, "");
	f->family->free(f);
	case_release(&c);
}

/* The config's family (estimator: its alias) picks the family (the report's estimate header
 * is its effect abbreviation: test_report's test_model_table_family). */
static void test_effect_name_from_family(void **state)
{
	struct ko_cfg_model cm;

	(void)state;
	memset(&cm, 0, sizeof cm);
	assert_ptr_equal(ko_model_family(&cm), &ko_family_logistic);
	cm.family = &ko_family_firth;
	cm.firth = 1;
	assert_ptr_equal(ko_model_family(&cm), &ko_family_firth);
	cm.family = &ko_family_poisson;
	cm.firth = 0;
	assert_ptr_equal(ko_model_family(&cm), &ko_family_poisson);
}

/* What kohort run reads off each registered family (family.h), pinned to
 * what the model stage did for each before it asked the family (the old
 * per-family switches): outcome, rr_refit, robust_default, wald_only,
 * penalized, estimator, glm_family; and each is found by its name. */
static void test_family_run_properties(void **state)
{
	static const struct {
		const char *name;
		enum ko_family_outcome outcome;
		int rr_refit, robust_default, wald_only, penalized;
		const char *estimator, *glm_family;
	} want[] = {
		{ "logistic", KO_FAMILY_BINARY, 1, 0, 0, 0, "ml", "binomial" },
		{ "firth", KO_FAMILY_BINARY, 1, 0, 0, 1, "firth", NULL },
		{ "poisson", KO_FAMILY_BINARY, 0, 1, 1, 0, "poisson", "poisson" },
		{ "poisson_rate", KO_FAMILY_RATE, 0, 0, 1, 0, "poisson_rate",
		  "poisson" },
		{ "cox", KO_FAMILY_EVENT_TIME, 0, 0, 1, 0, "cox", NULL },
	};
	size_t i, n;

	(void)state;
	for (n = 0; ko_families[n]; n++)
		assert_ptr_equal(ko_family_find(ko_families[n]->name),
				 ko_families[n]);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		const struct ko_family *f = ko_families[i];

		assert_string_equal(f->name, want[i].name);
		assert_int_equal(f->outcome, want[i].outcome);
		assert_int_equal(f->rr_refit, want[i].rr_refit);
		assert_int_equal(f->robust_default, want[i].robust_default);
		assert_int_equal(f->wald_only, want[i].wald_only);
		assert_int_equal(f->penalized, want[i].penalized);
		assert_string_equal(f->estimator, want[i].estimator);
		if (want[i].glm_family)
			assert_string_equal(f->glm_family, want[i].glm_family);
		else
			assert_null(f->glm_family);
	}
	assert_null(ko_family_find("gamma"));
}

/* effect = rr as both callers fit it: robust HC0 without ids, vcovCL with
 * them (R: sandwich); the aliased exposure column is found. */
static void test_rr_and_exposure_aliased(void **state)
{
	struct fam_case c;
	struct ko_analysis_rr pf;
	struct ko_inference inf;
	struct ko_family_fit *f;
	struct ko_margins_exposure ex = { 1, 1, 2, NULL };
	struct ko_err err;
	size_t j;

	(void)state;
	case_load(&c, "birthwt");
	ko_err_clear(&err);
	assert_int_equal(ko_analysis_rr(&c.d, 0, 0.95, KO_LOGIT_HC0, NULL, &pf, &err),
			 KO_OK);
	assert_ptr_equal(pf.fit->family, &ko_family_poisson);
	assert_false(pf.cluster);
	/* through the family: the same bits as ko_inference_choose's robust
	 * inference on the Poisson family's fit */
	f = family_fit("poisson", &c);
	memset(&inf, 0, sizeof inf);
	assert_int_equal(ko_inference_choose(&c.d, f, KO_FAMILY_SE_ROBUST,
					     KO_LOGIT_HC0, NULL, 0.95, &inf, &err),
			 KO_OK);
	for (j = 0; j < pf.fit->p; j++) {
		assert_close(pf.inf.se[j], ref(&c, "pois_se_hc0", c.names[j]),
			     TOL_COEF);
		assert_close(pf.rr[j], exp(ref(&c, "pois_coef", c.names[j])),
			     TOL_COEF);
		assert_true(pf.inf.p[j] == inf.p[j] && pf.inf.se[j] == inf.se[j]);
		assert_true(pf.rr_low[j] == exp(inf.lo[j]) &&
			    pf.rr_high[j] == exp(inf.hi[j]));
	}
	ko_inference_release(&inf);
	f->family->free(f);
	assert_true(pf.stats.converged);
	ko_analysis_rr_release(&pf);
	assert_int_equal(ko_analysis_rr(&c.d, 0, 0.95, KO_LOGIT_HC0, c.g, &pf, &err),
			 KO_OK);
	assert_true(pf.cluster);
	for (j = 0; j < pf.fit->p; j++)
		assert_close(pf.inf.se[j], ref(&c, "pois_se_cl", c.names[j]), TOL_COEF);
	ko_analysis_rr_release(&pf);
	case_release(&c);

	/* the Poisson family finds aliased columns by poisson.c's own
	 * tolerance (logit.h's alias_tol 0 means "R's rule", not 0) */
	case_load(&c, "aliased");
	f = family_fit("poisson", &c);
	assert_true(f->aliased[3] && !f->aliased[1] && !f->aliased[2]);
	f->family->free(f);
	case_release(&c);

	case_load(&c, "aliased"); /* (Intercept), expo, age, z = age + expo */
	f = family_fit("logistic", &c);
	assert_int_equal(ko_analysis_exposure_aliased(f->aliased, &ex), -1);
	ex.first = 2;
	ex.ncols = 2;
	assert_int_equal(ko_analysis_exposure_aliased(f->aliased, &ex), 3);
	f->family->free(f);
	case_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_family_data),
		cmocka_unit_test(test_poisson_past_fit),
		cmocka_unit_test(test_poisson_vs_r),
		cmocka_unit_test(test_poisson_likelihood),
		cmocka_unit_test(test_logistic_and_inference),
		cmocka_unit_test(test_firth_same_as_logit),
		cmocka_unit_test(test_exposure_term),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_effect_name_from_family),
		cmocka_unit_test(test_family_run_properties),
		cmocka_unit_test(test_rr_and_exposure_aliased),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
