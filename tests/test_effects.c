/*
 * test_effects.c - modified Poisson regression against R's glm(family =
 * poisson) + sandwich (vcovHC HC0/HC1, vcovCL), and marginal standardisation
 * from the logistic model (standardised risks, RR, RD, PAF, attributable
 * cases, delta-method CIs) against an independent R implementation.
 * Fixtures: tests/reference/effects_ref.R -> tests/fixtures/effects_*.
 */
#include "ko_test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <gsl/gsl_errno.h>

#include "family.h"
#include "fixture.h"
#include "logit.h"
#include "margins.h"
#include "model_support.h"
#include "par.h"
#include "poisson.h"

/* Named tolerances (relative). */
#define TOL_COEF 1e-6    /* coefficients, SEs, risks, contrasts, CIs vs R */
#define TOL_MODEL 1e-9   /* deviance, AIC */

struct effects_case {
	struct ko_fixture_table t;
	struct ko_fixture_ref ref;
	double *x, *y, *w, *levels;
	long *g;
	const char **names;
	struct ko_logit_data d;
	struct ko_margins_exposure ex;
};

/* Load tests/fixtures/effects_<name>.{csv,ref}: .y, .w, .g, then the
 * design; the exposure's columns from the "exposure" section (dummy
 * coding: level 0 all 0, level k column k - 1 set). */
static void case_load(struct effects_case *c, const char *name)
{
	char path[256];
	size_t i, j, n, p, k;

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
			c->d.weights = c->w; /* the case has prior weights */
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
	c->ex.first = (size_t)ko_fixture_ref_get(&c->ref, "exposure", "first");
	c->ex.ncols = (size_t)ko_fixture_ref_get(&c->ref, "exposure", "ncols");
	c->ex.n_levels = (size_t)ko_fixture_ref_get(&c->ref, "exposure", "nlevels");
	c->levels = calloc(c->ex.n_levels * c->ex.ncols, sizeof *c->levels);
	assert_non_null(c->levels);
	for (k = 1; k < c->ex.n_levels; k++)
		c->levels[k * c->ex.ncols + (c->ex.ncols == 1 ? 0 : k - 1)] = 1.0;
	c->ex.values = c->levels;
}

static void case_release(struct effects_case *c)
{
	ko_fixture_table_release(&c->t);
	ko_fixture_ref_release(&c->ref);
	free(c->x);
	free(c->y);
	free(c->w);
	free(c->g);
	free(c->names);
	free(c->levels);
}

static double ref(const struct effects_case *c, const char *sec, const char *name)
{
	return ko_fixture_ref_get(&c->ref, sec, name);
}

static struct ko_poisson_fit *poisson_case(const struct effects_case *c,
					   enum ko_poisson_se se,
					   enum ko_logit_hc_type hc)
{
	struct ko_poisson_options opt;
	struct ko_poisson_fit *f = NULL;
	struct ko_err err;

	ko_err_clear(&err);
	ko_poisson_options_init(&opt);
	opt.se = se;
	opt.hc = hc;
	opt.cluster = c->g;
	if (ko_poisson_fit(&c->d, &opt, &f, &err) != KO_OK)
		fail_msg("poisson fit failed: %s", err.msg);
	return f;
}

/* Coefficients, RRs and SEs of section se_sec; model statistics. */
static void check_poisson(const struct effects_case *c,
			  const struct ko_poisson_fit *f, const char *se_sec)
{
	size_t j;

	assert_int_equal(f->converged, (int)ref(c, "pois_model", "converged"));
	assert_int_equal(f->iterations, (int)ref(c, "pois_model", "iter"));
	assert_int_equal(f->rank, (size_t)ref(c, "pois_model", "rank"));
	assert_int_equal(f->mu_above_1, (size_t)ref(c, "pois_model", "mu_above_1"));
	assert_close(f->deviance, ref(c, "pois_model", "deviance"), TOL_MODEL);
	assert_close(f->null_deviance, ref(c, "pois_model", "null_deviance"), TOL_MODEL);
	assert_close(f->aic, ref(c, "pois_model", "aic"), TOL_MODEL);
	for (j = 0; j < f->p; j++) {
		double b = ref(c, "pois_coef", c->names[j]);

		if (isnan(b)) {
			assert_int_equal(f->aliased[j], 1);
			assert_true(isnan(f->coef[j]) && isnan(f->se[j]) && isnan(f->rr[j]));
			continue;
		}
		assert_int_equal(f->aliased[j], 0);
		assert_close(f->coef[j], b, TOL_COEF);
		assert_close(f->se[j], ref(c, se_sec, c->names[j]), TOL_COEF);
		assert_close(f->rr[j], exp(b), TOL_COEF);
		assert_close(f->rr_low[j], exp(b - 1.959963984540054 * ref(c, se_sec, c->names[j])),
			     TOL_COEF);
		assert_close(f->rr_high[j], exp(b + 1.959963984540054 * ref(c, se_sec, c->names[j])),
			     TOL_COEF);
	}
}

static void poisson_all_se(const char *name)
{
	struct effects_case c;
	struct ko_poisson_fit *f;

	case_load(&c, name);
	f = poisson_case(&c, KO_POISSON_SE_ROBUST, KO_LOGIT_HC0);
	check_poisson(&c, f, "pois_se_hc0");
	ko_poisson_fit_free(f);
	f = poisson_case(&c, KO_POISSON_SE_ROBUST, KO_LOGIT_HC1);
	check_poisson(&c, f, "pois_se_hc1");
	ko_poisson_fit_free(f);
	f = poisson_case(&c, KO_POISSON_SE_CLUSTER, KO_LOGIT_HC0);
	check_poisson(&c, f, "pois_se_cl");
	ko_poisson_fit_free(f);
	f = poisson_case(&c, KO_POISSON_SE_MODEL, KO_LOGIT_HC0);
	check_poisson(&c, f, "pois_se_model");
	ko_poisson_fit_free(f);
	case_release(&c);
}

static void test_poisson_sample(void **state)
{
	(void)state;
	poisson_all_se("sample");
}

static void test_poisson_common(void **state)
{
	(void)state;
	poisson_all_se("common");
}

static void test_poisson_birthwt(void **state)
{
	(void)state;
	poisson_all_se("birthwt");
}

static void test_poisson_aliased(void **state)
{
	(void)state;
	poisson_all_se("aliased");
}

static void test_poisson_weighted(void **state)
{
	(void)state;
	poisson_all_se("weighted");
}

/* One margins result against section suffix tag (model, hc0, cl). */
static void check_margins(const struct effects_case *c, const struct ko_margins *m,
			  const char *tag)
{
	char sec[64], key[24];
	size_t k;

	for (k = 0; k < m->n_levels; k++) {
		snprintf(key, sizeof key, "%zu", k);
		assert_close(m->n[k], ref(c, "crude_n", key), 1e-15);
		assert_close(m->events[k] + 1.0, ref(c, "crude_events", key) + 1.0, 1e-15);
		assert_close(m->crude_risk[k], m->events[k] / m->n[k], 1e-15);
#define CHECK(field, name)                                              \
	do {                                                            \
		snprintf(sec, sizeof sec, "%s_%s", name, tag);          \
		assert_close(m->field[k], ref(c, sec, key), TOL_COEF); \
	} while (0)
		CHECK(risk, "risk");
		CHECK(risk_se, "risk_se");
		assert_close(m->risk_low[k], m->risk[k] - 1.959963984540054 * m->risk_se[k], 1e-12);
		if (k == 0) {
			assert_true(m->rr[0] == 1.0 && m->rd[0] == 0.0 && isnan(m->rr_low[0]));
			continue;
		}
		CHECK(rr, "rr");
		CHECK(rr_low, "rr_lo");
		CHECK(rr_high, "rr_hi");
		CHECK(rd, "rd");
		CHECK(rd_se, "rd_se");
		CHECK(rd_low, "rd_lo");
		CHECK(rd_high, "rd_hi");
#undef CHECK
	}
	snprintf(sec, sizeof sec, "paf_%s", tag);
	assert_close(m->observed_risk, ref(c, sec, "observed_risk"), TOL_COEF);
	assert_close(m->paf, ref(c, sec, "paf"), TOL_COEF);
	assert_close(m->paf_log_se, ref(c, sec, "log_se"), TOL_COEF);
	assert_close(m->paf_low, ref(c, sec, "lo"), TOL_COEF);
	assert_close(m->paf_high, ref(c, sec, "hi"), TOL_COEF);
	assert_close(m->events_total, ref(c, sec, "events"), 1e-15);
	assert_close(m->attributable, ref(c, sec, "attributable"), TOL_COEF);
	assert_close(m->attributable_low, ref(c, sec, "attr_lo"), TOL_COEF);
	assert_close(m->attributable_high, ref(c, sec, "attr_hi"), TOL_COEF);
}

/* ko_margins_family on c's data for the logistic fit f (as the logistic
 * family's fit of it: its coefficients and the family's mean, plogis),
 * vcov v, level 0.95. */
static enum ko_status margins_logit(const struct effects_case *c,
				    const struct ko_logit_fit *f,
				    const gsl_matrix *v,
				    const struct ko_margins_exposure *ex,
				    struct ko_margins **m, struct ko_err *err)
{
	struct ko_family_data fd;
	struct ko_family_fit ff;

	memset(&fd, 0, sizeof fd);
	fd.n = c->d.n;
	fd.p = c->d.p;
	fd.x = c->d.x;
	fd.names = c->d.names;
	fd.y = c->d.y;
	fd.weights = c->d.weights;
	fd.offset = c->d.offset;
	memset(&ff, 0, sizeof ff);
	KO_FAMILY_FIT_ADOPT(&ff, &ko_family_logistic, f, NULL);
	return ko_margins_family(&fd, &ff, v, ex, 0.95, m, err);
}

/* Logistic fit, then margins with the model, HC0 and cluster vcov. */
static void margins_all(const char *name)
{
	struct effects_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_margins *m = NULL;
	struct ko_err err;
	gsl_matrix *v;
	size_t j;

	case_load(&c, name);
	ko_err_clear(&err);
	ko_logit_options_init(&opt);
	if (ko_logit_fit(&c.d, &opt, &f, &err) != KO_OK)
		fail_msg("logit fit failed: %s", err.msg);
	for (j = 0; j < c.d.p; j++)
		if (!f->aliased[j])
			assert_close(f->coef[j], ref(&c, "logit_coef", c.names[j]), TOL_COEF);
	if (margins_logit(&c, f, f->vcov, &c.ex, &m, &err) != KO_OK)
		fail_msg("margins failed: %s", err.msg);
	check_margins(&c, m, "model");
	ko_margins_free(m);
	v = gsl_matrix_alloc(c.d.p, c.d.p);
	assert_non_null(v);
	assert_int_equal(ko_logit_vcov_robust(&c.d, f, KO_LOGIT_HC0, v, &err), KO_OK);
	assert_int_equal(margins_logit(&c, f, v, &c.ex, &m, &err), KO_OK);
	check_margins(&c, m, "hc0");
	ko_margins_free(m);
	assert_int_equal(ko_logit_vcov_cluster(&c.d, f, c.g, KO_LOGIT_HC0, v, &err), KO_OK);
	assert_int_equal(margins_logit(&c, f, v, &c.ex, &m, &err), KO_OK);
	check_margins(&c, m, "cl");
	ko_margins_free(m);
	gsl_matrix_free(v);
	ko_logit_fit_free(f);
	case_release(&c);
}

static void test_margins_sample(void **state)
{
	(void)state;
	margins_all("sample");
}

static void test_margins_common(void **state)
{
	(void)state;
	margins_all("common");
}

static void test_margins_common_factor(void **state)
{
	(void)state;
	margins_all("common_grp");
}

static void test_margins_birthwt(void **state)
{
	(void)state;
	margins_all("birthwt");
}

static void test_margins_weighted(void **state)
{
	(void)state;
	margins_all("weighted");
}

static void test_margins_aliased(void **state)
{
	(void)state;
	margins_all("aliased");
}

/* The synthetic set is the case the issue is about: the odds ratio
 * overstates the risk ratio, and the two RR estimators agree closely. */
static void test_common_outcome_or_vs_rr(void **state)
{
	struct effects_case c;
	struct ko_poisson_fit *pf;
	double or_expo;

	(void)state;
	case_load(&c, "common");
	pf = poisson_case(&c, KO_POISSON_SE_ROBUST, KO_LOGIT_HC0);
	or_expo = exp(ref(&c, "logit_coef", "expo"));
	assert_true(or_expo > 1.4 * pf->rr[1]);
	assert_close(pf->rr[1], ref(&c, "rr_model", "1"), 0.05);
	ko_poisson_fit_free(pf);
	case_release(&c);
}

/* Non-convergence is reported, not silent; R's iteration count is kept. */
static void test_poisson_not_converged(void **state)
{
	struct effects_case c;
	struct ko_poisson_options opt;
	struct ko_poisson_fit *f = NULL;
	struct ko_err err;

	(void)state;
	case_load(&c, "common");
	ko_poisson_options_init(&opt);
	opt.max_iter = 2;
	ko_err_clear(&err);
	assert_int_equal(ko_poisson_fit(&c.d, &opt, &f, &err), KO_OK);
	assert_int_equal(f->converged, 0);
	assert_int_equal(f->iterations, 2);
	ko_poisson_fit_free(f);
	case_release(&c);
}

/* No events at x = 1: R reports convergence with a finite coefficient;
 * we match R's numbers and flag the rows whose fitted risk is 0. */
static void test_poisson_no_events(void **state)
{
	struct effects_case c;
	struct ko_poisson_fit *f;

	(void)state;
	case_load(&c, "zero");
	f = poisson_case(&c, KO_POISSON_SE_ROBUST, KO_LOGIT_HC0);
	assert_int_equal(f->converged, (int)ref(&c, "pois_model", "converged"));
	assert_int_equal(f->iterations, (int)ref(&c, "pois_model", "iter"));
	assert_close(f->coef[0], ref(&c, "pois_coef", "(Intercept)"), TOL_COEF);
	assert_close(f->coef[1], ref(&c, "pois_coef", "x"), TOL_COEF);
	assert_true(ref(&c, "pois_model", "min_fitted") < KO_POISSON_FITTED_0);
	assert_int_equal(f->fitted_0, 3);
	ko_poisson_fit_free(f);
	/* the fits with events everywhere are not flagged */
	case_release(&c);
	case_load(&c, "common");
	f = poisson_case(&c, KO_POISSON_SE_ROBUST, KO_LOGIT_HC0);
	assert_int_equal(f->fitted_0, 0);
	ko_poisson_fit_free(f);
	case_release(&c);
}

static void test_poisson_errors(void **state)
{
	double x[] = { 1, 0, 1, 1, 1, 0, 1, 1 }, y[] = { 0, 1, -1, 1 };
	double w[] = { 1, 1, 1, -2 };
	struct ko_logit_data d = { 4, 2, x, y, NULL, NULL, NULL };
	struct ko_poisson_options opt;
	struct ko_poisson_fit *f = NULL;
	struct ko_err err;
	long one_cluster[] = { 7, 7, 7, 7 };

	(void)state;
	ko_poisson_options_init(&opt);
	ko_err_clear(&err);
	assert_int_equal(ko_poisson_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_int_equal(err.row, 3);
	assert_non_null(strstr(err.msg, "response -1"));
	y[2] = 0;
	d.weights = w;
	assert_int_equal(ko_poisson_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "weight -2"));
	d.weights = NULL;
	opt.se = KO_POISSON_SE_CLUSTER;
	assert_int_equal(ko_poisson_fit(&d, &opt, &f, &err), KO_ERR_USAGE);
	opt.cluster = one_cluster;
	assert_int_equal(ko_poisson_fit(&d, &opt, &f, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "at least 2 clusters"));
	assert_null(f);
}

static void test_margins_errors(void **state)
{
	struct effects_case c;
	struct ko_logit_options opt;
	struct ko_logit_fit *f = NULL;
	struct ko_margins *m = NULL;
	struct ko_margins_exposure bad;
	struct ko_err err;
	double only_one[] = { 1.0, 2.0 };

	(void)state;
	case_load(&c, "common");
	ko_logit_options_init(&opt);
	ko_err_clear(&err);
	assert_int_equal(ko_logit_fit(&c.d, &opt, &f, &err), KO_OK);
	/* the age column as "exposure" with levels 1 and 2: rows match none */
	bad.first = 2;
	bad.ncols = 1;
	bad.n_levels = 2;
	bad.values = only_one;
	assert_int_equal(margins_logit(&c, f, f->vcov, &bad, &m, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "none of its levels"));
	assert_int_equal(err.row, 1);
	bad.first = c.d.p;
	assert_int_equal(margins_logit(&c, f, f->vcov, &bad, &m, &err), KO_ERR_USAGE);
	assert_null(m);
	ko_logit_fit_free(f);
	case_release(&c);
}

/* ---- kohort fit --effect, end to end ------------------------------------ */

/* Output of one kohort run ($KOHORT_BIN, set by make test) and its exit
 * status; stderr is discarded. */
struct run {
	int status;
	char *out;
};

static struct run run_kohort(const char *args)
{
	const char *bin = getenv("KOHORT_BIN");
	char cmd[2048];
	struct run r = { -1, NULL };
	size_t len = 0, cap = 1 << 16, got;
	FILE *pp;

	snprintf(cmd, sizeof cmd, "'%s' fit %s 2>/dev/null", bin && *bin ? bin : "build/kohort",
		 args);
	pp = popen(cmd, "r");
	assert_non_null(pp);
	r.out = malloc(cap);
	assert_non_null(r.out);
	while ((got = fread(r.out + len, 1, cap - len - 1, pp)) > 0) {
		len += got;
		if (cap - len < 2) {
			cap *= 2;
			r.out = realloc(r.out, cap);
			assert_non_null(r.out);
		}
	}
	r.out[len] = '\0';
	r.status = pclose(pp);
	r.status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : -1;
	return r;
}

/* Split line at commas in place; returns the number of fields. */
static size_t split(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

/* The cell in column col of the row whose field key_field is key, in the
 * output table whose header starts with head (tables are separated by
 * blank lines; the cells compared hold no commas or quotes). */
static double cell(const char *out, const char *head, size_t key_field,
		   const char *key, const char *col)
{
	const char *t = out;
	char line[4096], *f[64];
	size_t nf, c, ci = 0;
	int in_table = 0;

	while (*t) {
		size_t len = strcspn(t, "\n");

		snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), t);
		t += len + (t[len] == '\n');
		if (len == 0) {
			in_table = 0;
			continue;
		}
		if (!in_table && !strncmp(line, head, strlen(head))) {
			in_table = 1;
			nf = split(line, f, 64);
			for (c = 0; c < nf; c++)
				if (!strcmp(f[c], col))
					ci = c + 1;
			assert_true(ci > 0);
			continue;
		}
		if (!in_table)
			continue;
		nf = split(line, f, 64);
		if (nf > key_field && !strcmp(f[key_field], key) && ci - 1 < nf)
			return strcmp(f[ci - 1], "NA") ? strtod(f[ci - 1], NULL) : NAN;
	}
	fail_msg("no cell %s/%s in table %s", key, col, head);
	return NAN;
}

#define COEF_HEAD "term,estimate"
#define MARG_HEAD "exposure,level"
#define PAF_HEAD "exposure,reference"

/* The sample data as `kohort run` derives it: factor exposure, general
 * design path, text cluster ids; everything vs the "cl" references. */
static void test_cmd_fit_sample(void **state)
{
	struct effects_case c;
	struct run r;
	static const char *const levels[] = { "0", "1", "2-3", "4+" };
	char key[24], sec[32];
	size_t j, k;

	(void)state;
	case_load(&c, "sample");
	r = run_kohort("--data tests/fixtures/derive_sample_analysis.csv.gz --formula "
		       "'placement ~ factor(sa_years) + ndd + parent_psych + factor(sex) + low_birth_weight' "
		       "--effect or,rr,rd,paf --exposure sa_years --se cluster --cluster region --tests none");
	assert_int_equal(r.status, 0);
	for (j = 0; j < c.d.p; j++) {
		/* R names factor(sa_years) levels sa_years1 etc. (a factor
		 * column in the data frame): same order */
		double b = ref(&c, "pois_coef", c.names[j]);
		const char *term[] = { "(Intercept)", "factor(sa_years)1", "factor(sa_years)2-3",
				       "factor(sa_years)4+", "ndd", "parent_psych", "factor(sex)2",
				       "low_birth_weight" };

		assert_close(cell(r.out, COEF_HEAD, 0, term[j], "risk_ratio"), exp(b), TOL_COEF);
		assert_close(cell(r.out, COEF_HEAD, 0, term[j], "rr_std_error"),
			     ref(&c, "pois_se_cl", c.names[j]), TOL_COEF);
	}
	for (k = 0; k < 4; k++) {
		snprintf(key, sizeof key, "%zu", k);
		assert_close(cell(r.out, MARG_HEAD, 1, levels[k], "n"), ref(&c, "crude_n", key), 1e-15);
		assert_close(cell(r.out, MARG_HEAD, 1, levels[k], "adjusted_risk"),
			     ref(&c, "risk_cl", key), TOL_COEF);
		if (k == 0)
			continue;
		snprintf(sec, sizeof sec, "rr_lo_cl");
		assert_close(cell(r.out, MARG_HEAD, 1, levels[k], "rr_conf_low"), ref(&c, sec, key), TOL_COEF);
		assert_close(cell(r.out, MARG_HEAD, 1, levels[k], "rd_conf_high"),
			     ref(&c, "rd_hi_cl", key), TOL_COEF);
	}
	assert_close(cell(r.out, PAF_HEAD, 1, "0", "paf"), ref(&c, "paf_cl", "paf"), TOL_COEF);
	assert_close(cell(r.out, PAF_HEAD, 1, "0", "attributable_conf_low"),
		     ref(&c, "paf_cl", "attr_lo"), TOL_COEF);
	free(r.out);
	case_release(&c);
}

/* The fixture design itself as data: plain path, numeric 0/1 exposure,
 * robust SEs (HC0) for both models. */
static void test_cmd_fit_common_plain(void **state)
{
	struct effects_case c;
	struct run r;

	(void)state;
	case_load(&c, "common");
	r = run_kohort("--data tests/fixtures/effects_common.csv --formula "
		       "'`.y` ~ expo + age + `factor(grp)b` + `factor(grp)c`' "
		       "--effect rr,paf --exposure expo --se robust --tests none");
	assert_int_equal(r.status, 0);
	assert_close(cell(r.out, COEF_HEAD, 0, "expo", "risk_ratio"), exp(ref(&c, "pois_coef", "expo")),
		     TOL_COEF);
	assert_close(cell(r.out, COEF_HEAD, 0, "age", "rr_std_error"), ref(&c, "pois_se_hc0", "age"),
		     TOL_COEF);
	assert_close(cell(r.out, MARG_HEAD, 1, "1", "risk_ratio"), ref(&c, "rr_hc0", "1"), TOL_COEF);
	assert_close(cell(r.out, MARG_HEAD, 1, "1", "rr_conf_high"), ref(&c, "rr_hi_hc0", "1"), TOL_COEF);
	assert_close(cell(r.out, PAF_HEAD, 1, "0", "paf_conf_high"), ref(&c, "paf_hc0", "hi"), TOL_COEF);
	assert_null(strstr(r.out, "risk_difference")); /* rd not asked */
	free(r.out);
	case_release(&c);
}

static void test_cmd_fit_effect_errors(void **state)
{
	struct run r;
	static const char *const usage[] = {
		"--data x.csv --formula 'y ~ a' --effect rd",
		"--data x.csv --formula 'y ~ a' --effect rr,xx",
		"--data x.csv --formula 'y ~ a' --effect rr,",
		"--data x.csv --formula 'y ~ a' --exposure a",
		"--data tests/fixtures/effects_common.csv --formula '`.y` ~ expo * age' --effect rd --exposure expo",
		"--data tests/fixtures/effects_common.csv --formula '`.y` ~ expo + age' --effect paf --exposure nosuch",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof usage / sizeof usage[0]; i++) {
		r = run_kohort(usage[i]);
		if (r.status != 2)
			fail_msg("exit %d, expected 2: %s", r.status, usage[i]);
		free(r.out);
	}
	/* a numeric exposure that is not 0/1 is a data error */
	r = run_kohort("--data tests/fixtures/effects_common.csv --formula '`.y` ~ expo + age' "
		       "--effect rd --exposure age");
	assert_int_equal(r.status, 1);
	free(r.out);
}

/* The modified Poisson fit in several row parts (stats/base/par.h): the same
 * bits on 1, 2 or 5 threads. */
static void test_poisson_threads_same_bits(void **state)
{
	const size_t n = 150000, p = 4;
	double *x = malloc(n * p * sizeof(*x)), *y = malloc(n * sizeof(*y));
	struct ko_logit_data d = { n, p, x, y, NULL, NULL, NULL };
	struct ko_poisson_options opt;
	struct ko_poisson_fit *f[3] = { NULL, NULL, NULL };
	struct ko_err err;
	uint64_t r = 777;
	size_t i, j;
	int t;

	(void)state;
	assert_non_null(x);
	assert_non_null(y);
	for (i = 0; i < n; i++) {
		double eta = -1.5, u;

		x[i * p] = 1;
		for (j = 1; j < p; j++) {
			x[i * p + j] = ms_uniform(&r) - 0.5;
			eta += 0.4 * x[i * p + j];
		}
		u = ms_uniform(&r);
		y[i] = u < exp(eta);
	}
	ko_poisson_options_init(&opt);
	for (t = 0; t < 3; t++) {
		ko_par_set_threads(t == 0 ? 1 : t == 1 ? 2 : 5);
		assert_int_equal(ko_poisson_fit(&d, &opt, &f[t], &err), KO_OK);
	}
	ko_par_set_threads(0);
	for (t = 1; t < 3; t++) {
		assert_memory_equal(f[t]->coef, f[0]->coef, p * sizeof(double));
		assert_memory_equal(f[t]->se, f[0]->se, p * sizeof(double));
		assert_memory_equal(f[t]->working_weights, f[0]->working_weights,
				    n * sizeof(double));
		assert_true(f[t]->deviance == f[0]->deviance);
		assert_int_equal(f[t]->iterations, f[0]->iterations);
	}
	for (j = 1; j < p; j++) /* near the log-RR the data were drawn with */
		assert_true(fabs(f[0]->coef[j] - 0.4) < 5 * f[0]->se[j]);
	for (t = 0; t < 3; t++)
		ko_poisson_fit_free(f[t]);
	free(x);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_poisson_sample),
		cmocka_unit_test(test_poisson_common),
		cmocka_unit_test(test_poisson_birthwt),
		cmocka_unit_test(test_poisson_aliased),
		cmocka_unit_test(test_poisson_weighted),
		cmocka_unit_test(test_margins_sample),
		cmocka_unit_test(test_margins_common),
		cmocka_unit_test(test_margins_common_factor),
		cmocka_unit_test(test_margins_birthwt),
		cmocka_unit_test(test_margins_aliased),
		cmocka_unit_test(test_margins_weighted),
		cmocka_unit_test(test_common_outcome_or_vs_rr),
		cmocka_unit_test(test_poisson_not_converged),
		cmocka_unit_test(test_poisson_no_events),
		cmocka_unit_test(test_poisson_errors),
		cmocka_unit_test(test_margins_errors),
		cmocka_unit_test(test_cmd_fit_sample),
		cmocka_unit_test(test_cmd_fit_common_plain),
		cmocka_unit_test(test_cmd_fit_effect_errors),
		cmocka_unit_test(test_poisson_threads_same_bits),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
