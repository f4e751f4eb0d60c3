/*
 * logit.c - logistic regression: maximum likelihood exactly as R's glm.fit
 * iterates it, Firth's penalized likelihood as logistf, profile-likelihood
 * intervals, likelihood-ratio tests and separation detection.
 *
 * One engine serves every fit: a "model" is the data plus a mask of
 * coefficients held fixed (profile likelihood, LR tests), so constrained
 * refits reuse the same code.  X'WX is accumulated in row blocks of the
 * sqrt(w)-scaled design with cblas_dsyrk and solved by Cholesky in column
 * order; when that is ill-conditioned (or a column is aliased) the step is
 * redone by a blocked QR and R's dqrdc2 rule decides aliasing.  Methods and what
 * each matches in R: docs/statistics.md.
 */
#define _DEFAULT_SOURCE /* lgamma_r */
#include "logit.h"

#include "chol.h"
#include "ci.h"
#include "base/mem.h"
#include "base/par.h"

#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_roots.h>

#define BLOCK_ROWS 1024
#define LOGIT_THRESH 30.0          /* R's logit_linkinv THRESH */
#define CHOL_TRUST 1e-7            /* smallest scaled Cholesky pivot trusted */
#define FIRTH_ALIAS_TOL 1e-10      /* Firth: scaled Cholesky pivot */
#define PROFILE_EPS 1e-11          /* convergence of profile refits */
#define PROFILE_MAXIT 200
#define PROFILE_XTOL 1e-8          /* profile CI endpoints, times SE */
#define FIRTH_XTOL 1e-9            /* max |step| at convergence */
#define FIRTH_GTOL 1e-9            /* max |penalized score| / (1 + n) */
#define FIRTH_MAXSTEP 5.0          /* logistf's maxstep */
#define FIRTH_MAXHS 30             /* step halvings per iteration */
#define FIRTH_LCONV 1e-5           /* logistf.control's lconv, gconv, xconv: */
#define FIRTH_GCONV 1e-5           /* its convergence test within maxit */
#define FIRTH_XCONV 1e-5
#define SEP_MAX_NONZEROS 1000000   /* cap on the LP (about 100 bytes each) */
#define SEP_AUTO_ETA 10.0          /* |eta| that triggers the LP in auto mode */

/* One fitting problem: the data, which coefficients are free, and the
 * state of the iteration. */
struct model {
	const struct ko_logit_data *d;
	size_t n, p;
	int firth;
	const unsigned char *fixed; /* p flags or NULL: held at beta[j] */
	size_t m;                   /* active columns: gathered into X'WX */
	size_t *cols;               /* m column indexes */
	double *beta;               /* p; aliased = 0 */
	double *bfull;              /* p: what X is multiplied by to predict
				       (predict_coefficients) */
	double *bold;               /* p: previous beta (step halving) */
	int *alias;                 /* p */
	double *offs;               /* n: offset + fixed columns, or NULL */
	double *eta, *mu, *ww;      /* n: ww = working weights of last step */
	double *z;                  /* n: ML working response */
	double *ww_next, *z_next;   /* n: ML, weights and response at the
				       newest eta, for the next step */
	double *a, *l, *dsc, *rhs, *tmp; /* m x m, m x m, m, m, m */
	double *blk;                /* BLOCK_ROWS x m (Firth's hat values) */
	size_t parts;               /* row parts (par.h), by n alone */
	double *pa;                 /* per part: the Gram matrix of [X z]
				       ((m + 1) x (m + 1), lower): X'WX,
				       and X'Wz in its last row */
	double *pblk;               /* per part: BLOCK_ROWS x (m + 1) */
	size_t brows;               /* rows per X'WX block (<= BLOCK_ROWS) */
	double pdev[KO_PAR_MAX_PARTS]; /* per part: deviance */
	int *cal, *cskip;           /* m: aliased / skipped among active */
	double *qs, *qt, *qw, *qa;  /* ML QR path: (m+1)^2 x 3, qrows x (m+1) */
	double *qnorm;              /* m + 1 */
	size_t *qkeep, qrows;       /* m; rows of qa */
	double *hat;                /* n, Firth only */
	double dev;                 /* ML deviance; Firth: -2 penalized loglik */
	double loglik;              /* Firth: penalized log-likelihood */
	int iter, converged;
};

void ko_logit_options_init(struct ko_logit_options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_iter = 25;
	opt->epsilon = 1e-8;
	opt->firth = 0;
	opt->level = 0.95;
	opt->profile = -1;
	opt->lr_tests = -1;
	opt->separation = KO_LOGIT_SEP_AUTO;
	opt->alias_tol = 0.0; /* R's rule from epsilon, see ml_alias_tol */
}

/* glm.fit's QR tolerance, min(1e-7, epsilon / 1000), unless set. */
static double ml_alias_tol(const struct ko_logit_options *opt)
{
	if (opt->alias_tol > 0.0)
		return opt->alias_tol;
	return opt->epsilon / 1000.0 < 1e-7 ? opt->epsilon / 1000.0 : 1e-7;
}

/* ---- R's binomial family, logit link (src/library/stats/src/family.c) */

static double linkinv(double eta)
{
	double t = eta < -LOGIT_THRESH ? DBL_EPSILON :
		   eta > LOGIT_THRESH ? 1.0 / DBL_EPSILON : exp(eta);

	return t / (1.0 + t);
}

static double mu_eta(double eta)
{
	double e, opexp;

	if (eta > LOGIT_THRESH || eta < -LOGIT_THRESH)
		return DBL_EPSILON;
	e = exp(eta);
	opexp = 1.0 + e;
	return e / (opexp * opexp);
}

/* linkinv(eta), and mu_eta(eta) in *me, from one exp(): the same bits as
 * the two functions above. */
static double linkinv_mu_eta(double eta, double *me)
{
	double t, opexp;

	if (eta < -LOGIT_THRESH || eta > LOGIT_THRESH) {
		t = eta < 0.0 ? DBL_EPSILON : 1.0 / DBL_EPSILON;
		*me = DBL_EPSILON;
		return t / (1.0 + t);
	}
	t = exp(eta);
	opexp = 1.0 + t;
	*me = t / (opexp * opexp);
	return t / opexp;
}

static double y_log_y(double y, double mu)
{
	return y != 0.0 ? y * log(y / mu) : 0.0;
}

static double dev_resid(double y, double mu, double w)
{
	return 2.0 * w * (y_log_y(y, mu) + y_log_y(1.0 - y, 1.0 - mu));
}

static double prior_weight(const struct ko_logit_data *d, size_t i)
{
	return d->weights ? d->weights[i] : 1.0;
}

/* R sets y to 0 where the prior weight is 0. */
static double response(const struct ko_logit_data *d, size_t i)
{
	return prior_weight(d, i) > 0.0 ? d->y[i] : 0.0;
}

/* ---- model workspace ------------------------------------------------- */

static void model_release(struct model *mo)
{
	free(mo->cols);
	free(mo->beta);
	free(mo->bfull);
	free(mo->bold);
	free(mo->alias);
	free(mo->offs);
	free(mo->eta);
	free(mo->mu);
	free(mo->ww);
	free(mo->z);
	free(mo->ww_next);
	free(mo->z_next);
	free(mo->a);
	free(mo->l);
	free(mo->dsc);
	free(mo->rhs);
	free(mo->tmp);
	free(mo->blk);
	free(mo->pa);
	free(mo->pblk);
	free(mo->hat);
	free(mo->cal);
	free(mo->cskip);
	free(mo->qs);
	free(mo->qt);
	free(mo->qw);
	free(mo->qa);
	free(mo->qnorm);
	free(mo->qkeep);
	memset(mo, 0, sizeof *mo);
}

/* Set up a model on d; fixed (may be NULL) marks coefficients held at
 * start[j].  ML gathers only free columns (fixed ones go to the offset);
 * Firth gathers all, since its penalty is on the full information. */
static enum ko_status model_init(struct model *mo,
				 const struct ko_logit_data *d, int firth,
				 const unsigned char *fixed,
				 const double *start, struct ko_err *err)
{
	size_t n = d->n, p = d->p, j, m = 0;

	memset(mo, 0, sizeof *mo);
	mo->d = d;
	mo->n = n;
	mo->p = p;
	mo->firth = firth;
	mo->fixed = fixed;
	mo->cols = malloc((p ? p : 1) * sizeof *mo->cols);
	mo->beta = calloc(p ? p : 1, sizeof *mo->beta);
	mo->bfull = calloc(p ? p : 1, sizeof *mo->bfull);
	mo->bold = calloc(p ? p : 1, sizeof *mo->bold);
	mo->alias = calloc(p ? p : 1, sizeof *mo->alias);
	mo->eta = ko_mem_rows((n ? n : 1) * sizeof *mo->eta);
	mo->mu = ko_mem_rows((n ? n : 1) * sizeof *mo->mu);
	mo->ww = ko_mem_rows((n ? n : 1) * sizeof *mo->ww);
	if (!mo->cols || !mo->beta || !mo->bfull || !mo->bold || !mo->alias || !mo->eta || !mo->mu ||
	    !mo->ww)
		goto nomem;
	for (j = 0; j < p; j++) {
		if (start)
			mo->beta[j] = start[j];
		if (firth || !fixed || !fixed[j])
			mo->cols[m++] = j;
	}
	mo->m = m;
	mo->brows = ko_gram_block_rows(m + 1, BLOCK_ROWS); /* [X z] */
	mo->a = malloc((m ? m * m : 1) * sizeof *mo->a);
	mo->l = malloc((m ? m * m : 1) * sizeof *mo->l);
	mo->dsc = malloc((m ? m : 1) * sizeof *mo->dsc);
	mo->rhs = malloc((m ? m : 1) * sizeof *mo->rhs);
	mo->tmp = malloc((m ? m : 1) * sizeof *mo->tmp);
	mo->blk = malloc(BLOCK_ROWS * (m ? m : 1) * sizeof *mo->blk);
	mo->cal = calloc(m ? m : 1, sizeof *mo->cal);
	mo->cskip = calloc(m ? m : 1, sizeof *mo->cskip);
	mo->parts = ko_par_parts(n);
	mo->pa = malloc(mo->parts * (m + 1) * (m + 1) * sizeof *mo->pa);
	mo->pblk = malloc(mo->parts * BLOCK_ROWS * (m + 1) * sizeof *mo->pblk);
	if (!mo->a || !mo->l || !mo->dsc || !mo->rhs || !mo->tmp ||
	    !mo->blk || !mo->cal || !mo->cskip || !mo->pa ||
	    !mo->pblk)
		goto nomem;
	if (firth && !(mo->hat = ko_mem_rows((n ? n : 1) * sizeof *mo->hat)))
		goto nomem;
	if (!firth) {
		size_t m1 = m + 1;

		mo->qrows = BLOCK_ROWS > m1 ? BLOCK_ROWS : m1;
		mo->z = ko_mem_rows((n ? n : 1) * sizeof *mo->z);
		mo->ww_next = ko_mem_rows((n ? n : 1) * sizeof *mo->ww_next);
		mo->z_next = ko_mem_rows((n ? n : 1) * sizeof *mo->z_next);
		mo->qs = malloc(m1 * m1 * sizeof *mo->qs);
		mo->qt = malloc(m1 * m1 * sizeof *mo->qt);
		mo->qw = malloc(m1 * m1 * sizeof *mo->qw);
		mo->qa = malloc(mo->qrows * m1 * sizeof *mo->qa);
		mo->qnorm = malloc(m1 * sizeof *mo->qnorm);
		mo->qkeep = malloc(m1 * sizeof *mo->qkeep);
		if (!mo->z || !mo->ww_next || !mo->z_next || !mo->qs ||
		    !mo->qt || !mo->qw || !mo->qa ||
		    !mo->qnorm || !mo->qkeep)
			goto nomem;
	}
	return KO_OK;
nomem:
	model_release(mo);
	return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory (n = %zu, p = %zu)", n, p);
}

/* offs = offset + fixed columns times their values (ML only); NULL when
 * both are absent. */
static enum ko_status model_set_offset(struct model *mo, struct ko_err *err)
{
	const struct ko_logit_data *d = mo->d;
	size_t i, j, nfixed = 0;

	for (j = 0; mo->fixed && j < mo->p; j++)
		nfixed += mo->fixed[j] && !mo->firth && mo->beta[j] != 0.0;
	if (!d->offset && nfixed == 0)
		return KO_OK;
	if (!mo->offs && !(mo->offs = ko_mem_rows((mo->n ? mo->n : 1) * sizeof *mo->offs)))
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
	for (i = 0; i < mo->n; i++) {
		double o = d->offset ? d->offset[i] : 0.0;

		for (j = 0; nfixed && j < mo->p; j++)
			if (mo->fixed[j] && mo->beta[j] != 0.0)
				o += d->x[i * mo->p + j] * mo->beta[j];
		mo->offs[i] = o;
	}
	return KO_OK;
}

/* mo->bfull, what X is multiplied by to predict: beta, with 0 for aliased
 * columns and, in ML, for fixed ones (they are in the offset). */
static void predict_coefficients(struct model *mo)
{
	size_t j;

	for (j = 0; j < mo->p; j++)
		mo->bfull[j] = mo->alias[j] || (!mo->firth && mo->fixed && mo->fixed[j]) ?
			   0.0 : mo->beta[j];
}

static void predict_part(void *ctx, size_t part)
{
	struct model *mo = ctx;
	const struct ko_logit_data *d = mo->d;
	size_t n = mo->n, p = mo->p, i;
	size_t r0 = ko_par_begin(n, mo->parts, part);
	size_t r1 = ko_par_begin(n, mo->parts, part + 1);

	if (r1 > r0 && p)
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(r1 - r0), (int)p,
			    1.0, d->x + r0 * p, (int)p, mo->bfull, 1, 0.0,
			    mo->eta + r0, 1);
	else if (r1 > r0)
		memset(mo->eta + r0, 0, (r1 - r0) * sizeof *mo->eta);
	for (i = r0; i < r1; i++) {
		if (mo->offs)
			mo->eta[i] += mo->offs[i];
		else if (d->offset)
			mo->eta[i] += d->offset[i];
		mo->mu[i] = linkinv(mo->eta[i]);
	}
}

/* eta = X beta(+ offset), mu = linkinv(eta).  ML: only free, non-aliased
 * columns (fixed ones are in offs); Firth: every non-aliased column.  In
 * row parts on threads (par.h). */
static void model_predict(struct model *mo)
{
	predict_coefficients(mo);
	ko_par_run(mo->parts, predict_part, mo);
}

static void deviance_part(void *ctx, size_t part)
{
	struct model *mo = ctx;
	size_t i, r1 = ko_par_begin(mo->n, mo->parts, part + 1);
	double dev = 0.0;

	for (i = ko_par_begin(mo->n, mo->parts, part); i < r1; i++)
		dev += dev_resid(response(mo->d, i), mo->mu[i],
				 prior_weight(mo->d, i));
	mo->pdev[part] = dev;
}

/* The deviance at mo->mu: part sums added in part order. */
static double model_deviance(struct model *mo)
{
	size_t k;
	double dev = 0.0;

	ko_par_run(mo->parts, deviance_part, mo);
	for (k = 0; k < mo->parts; k++)
		dev += mo->pdev[k];
	return dev;
}

/* ---- weighted cross-products in row blocks ----------------------------- */

static double offset_of(const struct model *mo, size_t i)
{
	return mo->offs ? mo->offs[i] : mo->d->offset ? mo->d->offset[i] : 0.0;
}

/* bi = sw times the active columns of the row xi. */
static void scaled_row(const struct model *mo, const double *xi, double sw,
		       double *bi)
{
	size_t c, m = mo->m;

	if (m == mo->p) /* every column: a straight, vectorisable copy */
		for (c = 0; c < m; c++)
			bi[c] = sw * xi[c];
	else
		for (c = 0; c < m; c++)
			bi[c] = sw * xi[mo->cols[c]];
}

/* Part `part` of the rows: its bounds, its Gram matrix (zeroed) and its
 * block of scaled rows.  A row of the block is sqrt(w) times the active
 * columns of x and, with z, then z: the Gram matrix of such rows holds
 * X'WX and, in its last row, X'Wz, from one BLAS call (width m + 1: no
 * matrix-vector pass of its own, and on the AVX2 kernels 31 + 1 columns
 * are faster than 31). */
struct part_ws {
	size_t r0, r1, width;
	double *a, *blk;
};

static struct part_ws part_ws(const struct model *mo, size_t part,
			      int with_z)
{
	struct part_ws w;
	size_t m = mo->m;

	w.r0 = ko_par_begin(mo->n, mo->parts, part);
	w.r1 = ko_par_begin(mo->n, mo->parts, part + 1);
	w.width = with_z ? m + 1 : m;
	w.a = mo->pa + part * (m + 1) * (m + 1);
	w.blk = mo->pblk + part * BLOCK_ROWS * (m + 1);
	memset(w.a, 0, w.width * w.width * sizeof *w.a);
	return w;
}

/* mo->a (lower triangle) and mo->rhs: the parts' sums, added in part
 * order; without z the rhs is 0. */
static void sum_parts(struct model *mo, int with_z)
{
	size_t m = mo->m, k;

	memset(mo->a, 0, m * m * sizeof *mo->a);
	memset(mo->rhs, 0, m * sizeof *mo->rhs);
	for (k = 0; k < mo->parts; k++)
		ko_gram_split_add(mo->pa + k * (m + 1) * (m + 1), m, with_z,
				  mo->a, mo->rhs);
}

struct accumulate_job {
	struct model *mo;
	int with_z;
};

/* X'WX (lower triangle) and X'Wz of one part's rows, in row blocks. */
static void accumulate_part(void *ctx, size_t part)
{
	const struct accumulate_job *j = ctx;
	struct model *mo = j->mo;
	const struct ko_logit_data *d = mo->d;
	size_t m = mo->m, p = mo->p, i0, i;
	struct part_ws w = part_ws(mo, part, j->with_z);

	for (i0 = w.r0; i0 < w.r1; i0 += mo->brows) {
		size_t i1 = i0 + mo->brows < w.r1 ? i0 + mo->brows : w.r1;
		size_t k = 0;

		for (i = i0; i < i1; i++) {
			double sw, *bi = w.blk + k * w.width;

			if (!(mo->ww[i] > 0.0))
				continue;
			sw = sqrt(mo->ww[i]);
			scaled_row(mo, d->x + i * p, sw, bi);
			if (j->with_z)
				bi[m] = sw * mo->z[i];
			k++;
		}
		ko_gram_add(w.width, k, w.blk, w.a);
	}
}

/* a = X'WX over the active columns with w = ww (lower triangle only) and,
 * when with_z, rhs = X'Wz with the working response mo->z: row parts on
 * threads, their sums added in part order. */
static void accumulate(struct model *mo, int with_z)
{
	size_t m = mo->m;
	struct accumulate_job job;

	memset(mo->a, 0, m * m * sizeof *mo->a);
	memset(mo->rhs, 0, m * sizeof *mo->rhs);
	if (m == 0)
		return;
	job.mo = mo;
	job.with_z = with_z;
	ko_par_run(mo->parts, accumulate_part, &job);
	sum_parts(mo, with_z);
}

/* ---- maximum likelihood: R's glm.fit ------------------------------------ */

/* Working weights w = prior * mu.eta^2 / variance, 0 where R's "good" is
 * false (prior weight 0 or mu.eta 0), and R's working response
 * z = eta - offset + (y - mu) / mu.eta. */
/* R's w^2 and z of row i at mo->eta, mo->mu, with me = mu_eta(eta). */
static void ml_weight_row_me(const struct model *mo, size_t i, double me,
			     double *ww, double *z)
{
	double pw = prior_weight(mo->d, i), mu = mo->mu[i];

	*ww = pw > 0.0 && me != 0.0 ? pw * me * me / (mu * (1.0 - mu)) : 0.0;
	*z = mo->eta[i] - offset_of(mo, i) + (response(mo->d, i) - mu) / me;
}

static void ml_weight_row(const struct model *mo, size_t i, double *ww,
			  double *z)
{
	ml_weight_row_me(mo, i, mu_eta(mo->eta[i]), ww, z);
}

static void ml_weights_part(void *ctx, size_t part)
{
	struct model *mo = ctx;
	size_t i, r1 = ko_par_begin(mo->n, mo->parts, part + 1);

	for (i = ko_par_begin(mo->n, mo->parts, part); i < r1; i++)
		ml_weight_row(mo, i, &mo->ww[i], &mo->z[i]);
}

static void ml_weights(struct model *mo)
{
	ko_par_run(mo->parts, ml_weights_part, mo);
}

/* R_aug of the QR decomposition of W^1/2 [X z] (active columns, used
 * rows), accumulated block by block with GSL's triangle-on-rectangle QR:
 * its Gram matrix is X'WX, computed stably.  Into mo->qs, (m+1) x (m+1). */
static void qr_accumulate(struct model *mo)
{
	const struct ko_logit_data *d = mo->d;
	size_t m = mo->m, m1 = m + 1, p = mo->p, i0, i, c;
	gsl_matrix_view sv = gsl_matrix_view_array(mo->qs, m1, m1);
	gsl_matrix_view tv = gsl_matrix_view_array(mo->qt, m1, m1);

	memset(mo->qs, 0, m1 * m1 * sizeof *mo->qs);
	for (i0 = 0; i0 < mo->n; i0 += BLOCK_ROWS) {
		size_t i1 = i0 + BLOCK_ROWS < mo->n ? i0 + BLOCK_ROWS : mo->n;
		size_t k = 0;
		gsl_matrix_view av;

		for (i = i0; i < i1; i++) {
			double s, *bi = mo->qa + k * m1;
			const double *xi = d->x + i * p;

			if (!(mo->ww[i] > 0.0))
				continue;
			s = sqrt(mo->ww[i]);
			for (c = 0; c < m; c++)
				bi[c] = s * xi[mo->cols[c]];
			bi[m] = s * mo->z[i];
			k++;
		}
		if (k == 0)
			continue;
		if (k < m1) { /* GSL wants at least as many rows as columns */
			memset(mo->qa + k * m1, 0, (m1 - k) * m1 * sizeof *mo->qa);
			k = m1;
		}
		av = gsl_matrix_view_array(mo->qa, k, m1);
		gsl_linalg_QR_UR_decomp(&sv.matrix, &av.matrix, &tv.matrix);
	}
}

/* Householder QR of the small R_aug in column order, leaving out a column
 * whose remaining norm is below tol times its norm, as R's dqrdc2 does
 * (glm.fit: tol = min(1e-7, epsilon / 1000)).  Returns the rank; the kept
 * columns are qkeep[0..rank), their triangle is in the first rows of qw,
 * Q'z in qw's last column. */
static size_t qr_pivot(struct model *mo, double tol)
{
	size_t m = mo->m, m1 = m + 1, i, j, c, r = 0;
	double *w = mo->qw;

	for (i = 0; i < m1; i++)
		for (j = 0; j < m1; j++)
			w[i * m1 + j] = j >= i ? mo->qs[i * m1 + j] : 0.0;
	for (j = 0; j < m1; j++) {
		double s = 0.0;

		for (i = 0; i < m1; i++)
			s += w[i * m1 + j] * w[i * m1 + j];
		mo->qnorm[j] = sqrt(s);
	}
	for (j = 0; j < m; j++) {
		double nrm = 0.0, alpha, vnorm2 = 0.0;

		for (i = r; i < m1; i++)
			nrm += w[i * m1 + j] * w[i * m1 + j];
		nrm = sqrt(nrm);
		mo->cal[j] = !(mo->qnorm[j] > 0.0) || nrm < tol * mo->qnorm[j];
		if (mo->cal[j])
			continue;
		alpha = w[r * m1 + j] >= 0.0 ? -nrm : nrm;
		w[r * m1 + j] -= alpha; /* v = column below r, minus alpha e_r */
		for (i = r; i < m1; i++)
			vnorm2 += w[i * m1 + j] * w[i * m1 + j];
		for (c = j + 1; vnorm2 > 0.0 && c < m1; c++) {
			double s = 0.0;

			for (i = r; i < m1; i++)
				s += w[i * m1 + j] * w[i * m1 + c];
			s *= 2.0 / vnorm2;
			for (i = r; i < m1; i++)
				w[i * m1 + c] -= s * w[i * m1 + j];
		}
		w[r * m1 + j] = alpha;
		for (i = r + 1; i < m1; i++)
			w[i * m1 + j] = 0.0;
		mo->qkeep[r++] = j;
	}
	return r;
}

/* The QR result in the form the Cholesky helpers use: A = R'R scaled to
 * unit diagonal is L L' with L = D R' (rows with a negative diagonal
 * flipped), and beta from R beta = Q'z. */
static void qr_to_factor(struct model *mo, size_t rank)
{
	size_t m = mo->m, m1 = m + 1, a, b;
	double *w = mo->qw;

	for (a = 0; a < rank; a++)
		if (w[a * m1 + mo->qkeep[a]] < 0.0)
			for (b = 0; b < m1; b++)
				w[a * m1 + b] = -w[a * m1 + b];
	for (a = rank; a-- > 0;) {
		double g = w[a * m1 + m];

		for (b = a + 1; b < rank; b++)
			g -= w[a * m1 + mo->qkeep[b]] * mo->tmp[mo->qkeep[b]];
		mo->tmp[mo->qkeep[a]] = g / w[a * m1 + mo->qkeep[a]];
	}
	memset(mo->l, 0, m * m * sizeof *mo->l);
	for (b = 0; b < m; b++) {
		mo->dsc[b] = mo->cal[b] ? 0.0 : 1.0 / mo->qnorm[b];
		if (mo->cal[b])
			mo->tmp[b] = 0.0;
	}
	for (a = 0; a < rank; a++)     /* column a of L: row a of R */
		for (b = a; b < rank; b++) {
			size_t ca = mo->qkeep[a], cb = mo->qkeep[b];

			mo->l[cb * m + ca] = mo->dsc[cb] * w[a * m1 + cb];
		}
}

/* One pass of a part's rows for the next ML step: eta = X beta (+ offset),
 * mu, the deviance, R's weights and working response at the new eta (into
 * ww_next, z_next) and their X'WX and X'Wz, block by block while the
 * block is in cache.  Same numbers as model_predict, model_deviance,
 * ml_weights and accumulate one after another. */
static void step_part(void *ctx, size_t part)
{
	struct model *mo = ctx;
	const struct ko_logit_data *d = mo->d;
	size_t m = mo->m, p = mo->p, i0, i;
	struct part_ws w = part_ws(mo, part, 1);
	size_t r0 = w.r0, r1 = w.r1;
	double dev = 0.0;

	for (i0 = r0; i0 < r1; i0 += mo->brows) {
		size_t i1 = i0 + mo->brows < r1 ? i0 + mo->brows : r1;
		size_t k = 0;

		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(i1 - i0), (int)p,
			    1.0, d->x + i0 * p, (int)p, mo->bfull, 1, 0.0,
			    mo->eta + i0, 1);
		for (i = i0; i < i1; i++) {
			const double *xi = d->x + i * p;
			double *bi = w.blk + k * w.width, sw, me;

			if (mo->offs)
				mo->eta[i] += mo->offs[i];
			else if (d->offset)
				mo->eta[i] += d->offset[i];
			mo->mu[i] = linkinv_mu_eta(mo->eta[i], &me);
			dev += dev_resid(response(d, i), mo->mu[i],
					 prior_weight(d, i));
			ml_weight_row_me(mo, i, me, &mo->ww_next[i],
					 &mo->z_next[i]);
			if (!(mo->ww_next[i] > 0.0))
				continue;
			sw = sqrt(mo->ww_next[i]);
			scaled_row(mo, xi, sw, bi);
			bi[m] = sw * mo->z_next[i];
			k++;
		}
		ko_gram_add(w.width, k, w.blk, w.a);
	}
	mo->pdev[part] = dev;
}

/* After a step: mo->eta, mu and dev at the new beta, and the next step's
 * weights (ww_next, z_next) and X'WX, X'Wz (mo->a, mo->rhs) prepared in
 * the same pass over X.  ML only, with p > 0. */
static void predict_and_prepare(struct model *mo)
{
	size_t k;

	predict_coefficients(mo);
	ko_par_run(mo->parts, step_part, mo);
	sum_parts(mo, 1);
	mo->dev = 0.0;
	for (k = 0; k < mo->parts; k++)
		mo->dev += mo->pdev[k];
}

/* One weighted least-squares step: new beta for the active columns.
 * X'WX and X'Wz at the current weights are in mo->a and mo->rhs
 * (accumulate, or predict_and_prepare).
 * The normal equations (X'WX by blocked dsyrk, Cholesky) are used when
 * they are well conditioned; when a scaled pivot falls below CHOL_TRUST
 * (a column nearly or exactly in the span of earlier ones) the step is
 * redone by QR, so that aliasing is decided as R decides it and
 * ill-conditioned designs keep R's accuracy. */
static void ml_step(struct model *mo, double alias_tol)
{
	size_t c, rank;
	int *a = mo->cal;

	rank = ko_chol_pivot(mo->a, mo->m, CHOL_TRUST, mo->l, mo->dsc, a, NULL);
	if (rank == mo->m) {
		ko_chol_solve(mo->l, mo->dsc, a, mo->m, mo->rhs, mo->tmp);
	} else {
		qr_accumulate(mo);
		qr_to_factor(mo, qr_pivot(mo, alias_tol));
	}
	for (c = 0; c < mo->m; c++) {
		mo->alias[mo->cols[c]] = a[c];
		mo->beta[mo->cols[c]] = a[c] ? 0.0 : mo->tmp[c];
	}
}

/* R's start: mu = (w y + 0.5) / (w + 1), eta = logit(mu), and each
 * part's deviance there.  Rows repeat a few (y, w) pairs (0/1 outcomes,
 * unit weights): each is worked out once per run of equal pairs, the same
 * numbers as row by row. */
static void mustart_part(void *ctx, size_t part)
{
	struct model *mo = ctx;
	size_t i, r1 = ko_par_begin(mo->n, mo->parts, part + 1);
	double y_at = NAN, w_at = NAN, eta = 0.0, mu = 0.0, dr = 0.0;
	double dev = 0.0;

	for (i = ko_par_begin(mo->n, mo->parts, part); i < r1; i++) {
		double pw = prior_weight(mo->d, i), y = response(mo->d, i);

		if (!(y == y_at && pw == w_at)) { /* NaN: the first row */
			double must = (pw * y + 0.5) / (pw + 1.0);

			eta = log(must / (1.0 - must));
			mu = linkinv(eta);
			dr = dev_resid(y, mu, pw);
			y_at = y;
			w_at = pw;
		}
		mo->eta[i] = eta;
		mo->mu[i] = mu;
		dev += dr;
	}
	mo->pdev[part] = dev;
}

/* R's glm.fit iteration on the free columns.  from_mustart: start at
 * mu = (w y + 0.5) / (w + 1) exactly as R does.  Otherwise (refits for
 * profiles) start from mo->beta and safeguard the step: halve it while the
 * deviance rises, and stop once it no longer falls (the relative rule can
 * be below rounding when eps is tight). */
static void irls(struct model *mo, int from_mustart, int max_iter,
		 double eps, double alias_tol)
{
	size_t i;
	double devold, change_prev = 1.0;
	int it, hs, fresh, likely_last;

	if (from_mustart) {
		ko_par_run(mo->parts, mustart_part, mo);
		devold = 0.0;
		for (i = 0; i < mo->parts; i++)
			devold += mo->pdev[i];
	} else {
		model_predict(mo);
		devold = model_deviance(mo);
	}
	mo->converged = 0;
	ml_weights(mo);
	accumulate(mo, 1);
	for (it = 1; it <= max_iter; it++) {
		double change;

		memcpy(mo->bold, mo->beta, mo->p * sizeof *mo->bold);
		ml_step(mo, alias_tol);
		/* the prediction also prepares the next step, which the
		 * halving below or convergence may make moot; when the last
		 * change says this step converges (IRLS converges
		 * quadratically: the next change is about its square), only
		 * predict, and prepare after if it did not (same numbers
		 * either way, one X'WX fewer) */
		likely_last = it > 1 && change_prev * change_prev < 0.01 * eps;
		if (mo->p && mo->m && !likely_last)
			predict_and_prepare(mo);
		fresh = !mo->p || !mo->m || likely_last;
		if (fresh) {
			model_predict(mo);
			mo->dev = model_deviance(mo);
		}
		for (hs = 0; !from_mustart && hs < 40 && mo->dev > devold; hs++) {
			for (i = 0; i < mo->p; i++)
				mo->beta[i] = 0.5 * (mo->beta[i] + mo->bold[i]);
			model_predict(mo);
			mo->dev = model_deviance(mo);
			fresh = 1;
		}
		mo->iter = it;
		change = fabs(mo->dev - devold) / (fabs(mo->dev) + 0.1);
		if (change < eps || (!from_mustart && change < 1e-11 && mo->dev >= devold)) {
			mo->converged = 1;
			break;
		}
		devold = mo->dev;
		change_prev = change;
		if (fresh) { /* the prepared step is not at this beta */
			ml_weights(mo);
			accumulate(mo, 1);
		} else {
			double *t = mo->ww;

			mo->ww = mo->ww_next;
			mo->ww_next = t;
			t = mo->z;
			mo->z = mo->z_next;
			mo->z_next = t;
		}
	}
}

/* ---- Firth's penalized likelihood: logistf -------------------------------- */

/* Penalized log-likelihood at mo->beta, leaving X'WX and its factor (over
 * all non-aliased columns) in the model.  With decide_alias, aliasing is
 * decided here; otherwise the known aliased columns are skipped. */
static void firth_eval(struct model *mo, int decide_alias)
{
	size_t i, c;
	double ll = 0.0;

	model_predict(mo);
	for (i = 0; i < mo->n; i++) {
		double pw = prior_weight(mo->d, i), y = response(mo->d, i);
		double mu = mo->mu[i];

		mo->ww[i] = pw > 0.0 ? pw * mu * (1.0 - mu) : 0.0;
		if (pw > 0.0)
			ll += pw * ((y > 0.0 ? y * log(mu) : 0.0) +
				    (y < 1.0 ? (1.0 - y) * log1p(-mu) : 0.0));
	}
	accumulate(mo, 0);
	for (c = 0; c < mo->m; c++)
		mo->cskip[c] = decide_alias ? 0 : mo->alias[mo->cols[c]];
	ko_chol_pivot(mo->a, mo->m, FIRTH_ALIAS_TOL, mo->l, mo->dsc, mo->cal, mo->cskip);
	for (c = 0; c < mo->m; c++)
		mo->alias[mo->cols[c]] = mo->cal[c];
	mo->loglik = ll + 0.5 * ko_chol_logdet(mo->l, mo->dsc, mo->cal, mo->m);
	mo->dev = -2.0 * mo->loglik;
}

/* Diagonal of the hat matrix W^1/2 X (X'WX)^-1 X' W^1/2 from the factor
 * left by firth_eval. */
static enum ko_status firth_hat(struct model *mo, struct ko_err *err)
{
	size_t m = mo->m, p = mo->p, r = 0, c, c2, i0, i;
	size_t *keep = malloc((m ? m : 1) * sizeof *keep);
	double *lc = malloc((m ? m * m : 1) * sizeof *lc);

	if (!keep || !lc) {
		free(keep);
		free(lc);
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
	}
	for (c = 0; c < m; c++)
		if (!mo->cal[c])
			keep[r++] = c;
	for (c = 0; c < r; c++)
		for (c2 = 0; c2 < r; c2++)
			lc[c * r + c2] = mo->l[keep[c] * m + keep[c2]];
	for (i0 = 0; i0 < mo->n; i0 += BLOCK_ROWS) {
		size_t i1 = i0 + BLOCK_ROWS < mo->n ? i0 + BLOCK_ROWS : mo->n;
		size_t k;

		for (i = i0, k = 0; i < i1; i++, k++) {
			double s = mo->ww[i] > 0.0 ? sqrt(mo->ww[i]) : 0.0;
			const double *xi = mo->d->x + i * p;

			for (c = 0; c < r; c++)
				mo->blk[k * r + c] = s * mo->dsc[keep[c]] *
						     xi[mo->cols[keep[c]]];
		}
		if (r)
			cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower,
				    CblasTrans, CblasNonUnit, (int)(i1 - i0),
				    (int)r, 1.0, lc, (int)r, mo->blk, (int)r);
		for (i = i0, k = 0; i < i1; i++, k++) {
			double h = 0.0;

			for (c = 0; c < r; c++)
				h += mo->blk[k * r + c] * mo->blk[k * r + c];
			mo->hat[i] = h;
		}
	}
	free(keep);
	free(lc);
	return KO_OK;
}

/* Firth's modified score U* = X'(w (y - mu) + h (1/2 - mu)) into u (p). */
static void firth_score(struct model *mo, double *u, double *v)
{
	size_t i;

	for (i = 0; i < mo->n; i++) {
		double pw = prior_weight(mo->d, i);

		v[i] = pw > 0.0 ? pw * (response(mo->d, i) - mo->mu[i]) +
					  mo->hat[i] * (0.5 - mo->mu[i]) : 0.0;
	}
	cblas_dgemv(CblasRowMajor, CblasTrans, (int)mo->n, (int)mo->p, 1.0,
		    mo->d->x, (int)mo->p, v, 1, 0.0, u, 1);
}

/* Newton-Raphson on the penalized likelihood over the free coefficients
 * (logistf's iteration: step (X'WX)^-1 U*, at most FIRTH_MAXSTEP in any
 * coordinate, halved while the penalized likelihood decreases), from
 * mo->beta, run to full convergence.  Converged is logistf's test
 * (logistf.control: the step's largest change <= xconv, every |U*| <
 * gconv and the penalized log-likelihood's change < lconv, all 1e-5; the
 * step measured on the linear predictor, max |x_i' delta|, not on the
 * coefficients, so that a column's units do not matter) met within
 * max_iter iterations (maxit), or the full convergence;
 * once logistf's test is met, the iteration goes on to full convergence
 * (at most PROFILE_MAXIT iterations in all), so that the estimates are
 * exact, not logistf's 1e-5. */
static enum ko_status firth_iterate(struct model *mo, int max_iter,
				    struct ko_err *err)
{
	size_t p = mo->p, c;
	double *u = malloc((p ? p : 1) * sizeof *u);
	double *old = malloc((p ? p : 1) * sizeof *old);
	double *delta = malloc((p ? p : 1) * sizeof *delta);
	double *v = ko_mem_rows((mo->n ? mo->n : 1) * sizeof *v);
	enum ko_status st = KO_OK;
	double cap = FIRTH_MAXSTEP;
	int it, hs, logistf_conv = 0;
	int limit = max_iter > PROFILE_MAXIT ? max_iter : PROFILE_MAXIT;

	mo->converged = 0;
	mo->iter = 0;
	if (!u || !old || !delta || !v) {
		st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	firth_eval(mo, 1);
	for (it = 1; it <= limit; it++) {
		double gmax = 0.0, dmax = 0.0, xmax = 0.0, ll_old = mo->loglik;
		int capped;

		if ((st = firth_hat(mo, err)) != KO_OK)
			goto out;
		firth_score(mo, u, v);
		for (c = 0; c < p; c++) {
			mo->cskip[c] = mo->alias[c] || (mo->fixed && mo->fixed[c]);
			if (!mo->cskip[c] && fabs(u[c]) > gmax)
				gmax = fabs(u[c]);
		}
		ko_chol_pivot(mo->a, p, 0.0, mo->l, mo->dsc, mo->cal, mo->cskip);
		ko_chol_solve(mo->l, mo->dsc, mo->cal, p, u, delta);
		/* the step's size on the scale of the linear predictor,
		 * max |x_i' delta| over the used rows: the same whatever the
		 * columns' units (a coefficient's own size is not) */
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)mo->n, (int)p, 1.0,
			    mo->d->x, (int)p, delta, 1, 0.0, v, 1);
		for (c = 0; c < mo->n; c++)
			if (prior_weight(mo->d, c) > 0.0 && fabs(v[c]) > dmax)
				dmax = fabs(v[c]);
		capped = dmax > cap;
		if (capped)
			for (c = 0; c < p; c++)
				delta[c] *= cap / dmax;
		memcpy(old, mo->beta, p * sizeof *old);
		for (hs = 0; hs <= FIRTH_MAXHS; hs++) {
			for (c = 0; c < p; c++)
				mo->beta[c] = old[c] + delta[c];
			firth_eval(mo, 0);
			if (mo->loglik >= ll_old - 1e-10 * (1.0 + fabs(ll_old)))
				break;
			for (c = 0; c < p; c++)
				delta[c] *= 0.5;
		}
		/* logistf caps every step at 5 in each coefficient
		 * (maxstep): a coefficient of 8e5 (a column in units of
		 * 1e-6) would need 1.7e5 steps, and its convergence test
		 * on the coefficients is not met at that size.  Here the
		 * cap is on the linear predictor's change: 5 at first,
		 * doubled after each capped step taken whole (the penalized
		 * likelihood rose), back to 5 once a step had to be halved;
		 * convergence is a change below FIRTH_XTOL in it. */
		if (capped && hs == 0)
			cap *= 2.0;
		else if (hs > 0)
			cap = FIRTH_MAXSTEP;
		mo->iter = it;
		/* xconv on the step actually taken, on the linear
		 * predictor's scale (as the cap): logistf's test on the
		 * coefficients is never met by a coefficient of 6e6 (a
		 * column in units of 1e-6) that is as exact as the one of 6 */
		for (c = 0; c < p; c++)
			delta[c] = mo->beta[c] - old[c];
		cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)mo->n, (int)p, 1.0,
			    mo->d->x, (int)p, delta, 1, 0.0, v, 1);
		for (c = 0; c < mo->n; c++)
			if (prior_weight(mo->d, c) > 0.0 && fabs(v[c]) > xmax)
				xmax = fabs(v[c]);
		if (it <= max_iter && xmax <= FIRTH_XCONV && gmax < FIRTH_GCONV &&
		    mo->loglik - ll_old < FIRTH_LCONV)
			logistf_conv = 1;
		if (dmax <= FIRTH_XTOL && gmax <= FIRTH_GTOL * (1.0 + (double)mo->n)) {
			mo->converged = 1;
			break;
		}
		if (it >= max_iter && !logistf_conv)
			break;
	}
	mo->converged |= logistf_conv;
out:
	free(u);
	free(old);
	free(delta);
	free(v);
	return st;
}

/* logistf 1.26's covariance of a Firth fit: the inverse of X' diag(w (1 +
 * h)) X at the estimate, the information of its IRLS step (each row plus
 * pseudo-rows of weight h/2).  Leaves that factor in the model for
 * fill_coefficients; the working weights are restored to w. */
static enum ko_status firth_logistf_cov(struct model *mo, struct ko_err *err)
{
	size_t i, c;
	enum ko_status st = firth_hat(mo, err);

	if (st != KO_OK)
		return st;
	for (i = 0; i < mo->n; i++)
		mo->ww[i] *= 1.0 + mo->hat[i];
	accumulate(mo, 0);
	for (c = 0; c < mo->m; c++)
		mo->cskip[c] = mo->alias[mo->cols[c]];
	ko_chol_pivot(mo->a, mo->m, FIRTH_ALIAS_TOL, mo->l, mo->dsc, mo->cal, mo->cskip);
	for (i = 0; i < mo->n; i++)
		mo->ww[i] /= 1.0 + mo->hat[i];
	return KO_OK;
}

/* ---- separation: Konis' linear program ------------------------------------ */

/* Is there a direction b != 0 with x_i'b >= 0 for every event and <= 0
 * for every non-event (rows with 0 < y < 1 count as both)?  Konis' linear
 * program, as R's detectseparation solves it:
 *
 *   max sum_i s_i x_i'b  subject to  s_i x_i'b >= 0,  -1 <= b_j <= 1
 *
 * on the non-aliased columns (each scaled to max |x| = 1), s_i = +1 for an
 * event and -1 for a non-event.  The optimum is 0 without separation and
 * positive with it; a coefficient whose optimal b_j is non-zero has an
 * infinite MLE of that sign.  GLPK solves the dual, min sum(u + v) subject
 * to u - v - A'lambda = A'1 with lambda, u, v >= 0, whose basis is only
 * p x p however many rows there are; b is the dual's row multipliers.
 * Skipped (checked = 0) above SEP_MAX_NONZEROS. */
/* GLPK reports fatal errors (out of memory, internal failures) by calling
 * its error hook and then abort(); the hook jumps back instead, and
 * glp_free_env() releases everything GLPK allocated. */
static void glpk_error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* Solve the dual LP laid out in ia/ja/ar (1-based; ne entries; r rows;
 * nlambda lambda columns, then u and v) with right-hand side c; on return
 * b holds the row multipliers and *opt the optimum.  Returns 0 on success. */
static int glpk_solve_dual(size_t r, size_t nlambda, size_t ne, const int *ia,
			   const int *ja, const double *ar, const double *c,
			   double *b, double *opt)
{
	jmp_buf jb;
	glp_prob *lp;
	glp_smcp parm;
	size_t j;
	int ok;

	if (setjmp(jb)) {
		glp_error_hook(NULL, NULL);
		glp_free_env();
		return -1;
	}
	glp_error_hook(glpk_error_hook, &jb);
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_rows(lp, (int)r);
	glp_add_cols(lp, (int)(nlambda + 2 * r));
	for (j = 1; j <= nlambda + 2 * r; j++) {
		glp_set_col_bnds(lp, (int)j, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(lp, (int)j, j > nlambda ? 1.0 : 0.0);
	}
	for (j = 0; j < r; j++)
		glp_set_row_bnds(lp, (int)j + 1, GLP_FX, c[j], c[j]);
	glp_load_matrix(lp, (int)ne, ia, ja, ar);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	ok = glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT;
	if (ok) {
		*opt = glp_get_obj_val(lp);
		for (j = 0; j < r; j++)
			b[j] = glp_get_row_dual(lp, (int)j + 1);
	}
	glp_delete_prob(lp);
	glp_error_hook(NULL, NULL);
	return ok ? 0 : -1;
}

/* Is there a direction b != 0 with x_i'b >= 0 for every event and <= 0
 * for every non-event (rows with 0 < y < 1 count as both)?  Konis' linear
 * program, as R's detectseparation solves it:
 *
 *   max sum_i s_i x_i'b  subject to  s_i x_i'b >= 0,  -1 <= b_j <= 1
 *
 * on the non-aliased columns (each scaled to max |x| = 1), s_i = +1 for an
 * event and -1 for a non-event.  The optimum is 0 without separation and
 * positive with it; a coefficient whose optimal b_j is non-zero has an
 * infinite MLE of that sign.  GLPK solves the dual, min sum(u + v) subject
 * to u - v - A'lambda = A'1 with lambda, u, v >= 0, whose basis is only
 * p x p however many rows there are; b is the dual's row multipliers.
 * Skipped (checked = 0) above SEP_MAX_NONZEROS. */
static enum ko_status separation_lp(const struct ko_logit_data *d,
				    const int *alias,
				    enum ko_logit_separation *sep, int *any,
				    int *checked, struct ko_err *err)
{
	size_t n = d->n, p = d->p, i, j, nrow = 0, ne = 0, r = 0;
	size_t *col = NULL;
	double *scale = NULL, *ar = NULL, *obj = NULL, *bdir = NULL;
	int *ia = NULL, *ja = NULL;
	enum ko_status st = KO_OK;
	double cb = 0.0, opt = 0.0;

	*any = 0;
	*checked = 0;
	for (j = 0; j < p; j++)
		sep[j] = KO_LOGIT_SEP_NONE;
	col = malloc((p ? p : 1) * sizeof *col);
	scale = calloc(p ? p : 1, sizeof *scale);
	obj = calloc(p ? p : 1, sizeof *obj);
	bdir = calloc(p ? p : 1, sizeof *bdir);
	if (!col || !scale || !obj || !bdir)
		goto nomem;
	for (j = 0; j < p; j++)
		if (!alias[j])
			col[r++] = j;
	for (i = 0; i < n; i++) {
		double y = response(d, i);
		size_t sides = prior_weight(d, i) > 0.0 ? (y > 0.0) + (y < 1.0) : 0;
		size_t nz = 0;

		for (j = 0; sides && j < r; j++) {
			double v = fabs(d->x[i * p + col[j]]);

			nz += v != 0.0;
			if (v > scale[j])
				scale[j] = v;
		}
		nrow += sides;
		ne += sides * nz;
	}
	if (ne > SEP_MAX_NONZEROS || r == 0 || nrow == 0)
		goto out;
	ia = malloc((ne + 2 * r + 1) * sizeof *ia);
	ja = malloc((ne + 2 * r + 1) * sizeof *ja);
	ar = malloc((ne + 2 * r + 1) * sizeof *ar);
	if (!ia || !ja || !ar)
		goto nomem;
	ne = 0;
	nrow = 0;
	for (i = 0; i < n; i++) {
		double y = response(d, i);
		int side;

		if (!(prior_weight(d, i) > 0.0))
			continue;
		for (side = 0; side < 2; side++) {
			double sign = side == 0 ? 1.0 : -1.0;

			if (side == 0 ? !(y > 0.0) : !(y < 1.0))
				continue;
			nrow++;
			for (j = 0; j < r; j++) {
				double v = d->x[i * p + col[j]];

				if (v == 0.0)
					continue;
				v *= sign / scale[j];
				ne++;
				ia[ne] = (int)j + 1;
				ja[ne] = (int)nrow;
				ar[ne] = -v;
				obj[j] += v;
			}
		}
	}
	for (j = 0; j < r; j++) {
		ne++;
		ia[ne] = (int)j + 1, ja[ne] = (int)(nrow + j + 1), ar[ne] = 1.0;
		ne++;
		ia[ne] = (int)j + 1, ja[ne] = (int)(nrow + r + j + 1), ar[ne] = -1.0;
	}
	if (glpk_solve_dual(r, nrow, ne, ia, ja, ar, obj, bdir, &opt) != 0) {
		st = ko_err_set(err, KO_ERR_NUMERIC,
				"logit: separation linear program failed (GLPK)");
		goto out;
	}
	*checked = 1;
	if (!(opt > 1e-7))
		goto out;
	for (j = 0; j < r; j++)
		cb += obj[j] * bdir[j];
	for (j = 0; j < r; j++) {
		double b = cb < 0.0 ? -bdir[j] : bdir[j];

		if (fabs(b) > 1e-7) {
			sep[col[j]] = b > 0 ? KO_LOGIT_SEP_TO_PLUS_INF :
					      KO_LOGIT_SEP_TO_MINUS_INF;
			*any = 1;
		}
	}
	goto out;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
out:
	free(col);
	free(scale);
	free(obj);
	free(bdir);
	free(ia);
	free(ja);
	free(ar);
	return st;
}

/* The LP of strict_separation laid out in ia/ja/ar (1-based; ne entries;
 * nrow rows; r direction columns, column jr held to side's sign, then
 * tau): *opt the largest tau.  Returns 0 on success. */
static int glpk_solve_strict(size_t nrow, size_t r, size_t ne, const int *ia,
			     const int *ja, const double *ar, size_t jr,
			     double side, double *opt)
{
	jmp_buf jb;
	glp_prob *lp;
	glp_smcp parm;
	size_t i;
	int ok;

	if (setjmp(jb)) {
		glp_error_hook(NULL, NULL);
		glp_free_env();
		return -1;
	}
	glp_error_hook(glpk_error_hook, &jb);
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, (int)nrow);
	glp_add_cols(lp, (int)r + 1);
	for (i = 1; i <= nrow; i++)
		glp_set_row_bnds(lp, (int)i, GLP_LO, 0.0, 0.0);
	for (i = 0; i < r; i++)
		glp_set_col_bnds(lp, (int)i + 1, GLP_DB,
				 i == jr && side > 0 ? 0.0 : -1.0,
				 i == jr && side < 0 ? 0.0 : 1.0);
	glp_set_col_bnds(lp, (int)r + 1, GLP_UP, 0.0, 1.0);
	glp_set_obj_coef(lp, (int)r + 1, 1.0);
	glp_load_matrix(lp, (int)ne, ia, ja, ar);
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	ok = glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT;
	if (ok)
		*opt = glp_get_obj_val(lp);
	glp_delete_prob(lp);
	glp_error_hook(NULL, NULL);
	return ok ? 0 : -1;
}

/* Is there a direction b that separates the used rows strictly,
 * s_i x_i'b > 0 for every row (s_i = +1 for an event, -1 for a
 * non-event; a row with 0 < y < 1 is both, so none exists), with side *
 * b_j >= 0 (side = +1 or -1)?  Then coefficient j's profile deviance
 * stays 0 as b_j goes to side * infinity (along t b it falls to 0; with
 * b_j = 0 it is 0 for every value of b_j), and that end of its profile
 * interval is side * infinity.  The LP:
 *
 *   max tau  subject to  s_i x_i'b - tau >= 0,  -1 <= b <= 1 (side * b_j
 *   >= 0),  tau <= 1
 *
 * on the non-aliased columns scaled to max |x| = 1; strict when tau >
 * 1e-7.  *strict = -1 when not decided (too large, GLPK failed). */
static void strict_separation(const struct ko_logit_data *d, const int *alias,
			      size_t jcol, double side, int *strict)
{
	size_t n = d->n, p = d->p, i, j, r = 0, nrow = 0, ne = 0;
	size_t *col = malloc((p ? p : 1) * sizeof *col);
	double *scale = calloc(p ? p : 1, sizeof *scale);
	int *ia = NULL, *ja = NULL;
	double *ar = NULL, opt = 0.0;

	*strict = -1;
	if (!col || !scale)
		goto out;
	for (j = 0; j < p; j++)
		if (!alias[j])
			col[r++] = j;
	for (i = 0; i < n; i++) {
		double y = response(d, i);

		if (!(prior_weight(d, i) > 0.0))
			continue;
		if (y > 0.0 && y < 1.0) {
			*strict = 0;
			goto out;
		}
		nrow++;
		for (j = 0; j < r; j++) {
			double v = fabs(d->x[i * p + col[j]]);

			ne += v != 0.0;
			if (v > scale[j])
				scale[j] = v;
		}
	}
	if (ne + nrow > SEP_MAX_NONZEROS || r == 0 || nrow == 0)
		goto out;
	ia = malloc((ne + nrow + 1) * sizeof *ia);
	ja = malloc((ne + nrow + 1) * sizeof *ja);
	ar = malloc((ne + nrow + 1) * sizeof *ar);
	if (!ia || !ja || !ar)
		goto out;
	ne = 0;
	nrow = 0;
	for (i = 0; i < n; i++) {
		double sgn = response(d, i) > 0.0 ? 1.0 : -1.0;

		if (!(prior_weight(d, i) > 0.0))
			continue;
		nrow++;
		for (j = 0; j < r; j++) {
			double v = d->x[i * p + col[j]];

			if (v == 0.0 || scale[j] == 0.0)
				continue;
			ne++;
			ia[ne] = (int)nrow, ja[ne] = (int)j + 1, ar[ne] = sgn * v / scale[j];
		}
		ne++;
		ia[ne] = (int)nrow, ja[ne] = (int)r + 1, ar[ne] = -1.0;
	}
	{
		size_t jr = r;

		for (j = 0; j < r; j++)
			if (col[j] == jcol)
				jr = j;
		if (glpk_solve_strict(nrow, r, ne, ia, ja, ar, jr, side, &opt) == 0)
			*strict = opt > 1e-7;
	}
out:
	free(col);
	free(scale);
	free(ia);
	free(ja);
	free(ar);
}

/* ---- the fit object ----------------------------------------------------- */

void ko_logit_fit_free(struct ko_logit_fit *fit)
{
	size_t j;

	if (!fit)
		return;
	for (j = 0; fit->names && j < fit->p; j++)
		free(fit->names[j]);
	free(fit->names);
	free(fit->coef);
	free(fit->se);
	free(fit->z);
	free(fit->p_value);
	free(fit->conf_low);
	free(fit->conf_high);
	free(fit->lr_chisq);
	free(fit->lr_p_value);
	free(fit->aliased);
	free(fit->separated);
	gsl_matrix_free(fit->vcov);
	free(fit->eta);
	free(fit->mu);
	free(fit->working_weights);
	free(fit->working_residuals);
	free(fit);
}

static struct ko_logit_fit *fit_new(const struct ko_logit_data *d)
{
	struct ko_logit_fit *f = calloc(1, sizeof *f);
	size_t p = d->p, j;

	if (!f)
		return NULL;
	f->n = d->n;
	f->p = p;
	f->coef = malloc(p * sizeof *f->coef);
	f->se = malloc(p * sizeof *f->se);
	f->z = malloc(p * sizeof *f->z);
	f->p_value = malloc(p * sizeof *f->p_value);
	f->conf_low = malloc(p * sizeof *f->conf_low);
	f->conf_high = malloc(p * sizeof *f->conf_high);
	f->lr_chisq = malloc(p * sizeof *f->lr_chisq);
	f->lr_p_value = malloc(p * sizeof *f->lr_p_value);
	f->aliased = calloc(p, sizeof *f->aliased);
	f->separated = calloc(p, sizeof *f->separated);
	f->vcov = gsl_matrix_alloc(p, p);
	if (!f->coef || !f->se || !f->z || !f->p_value || !f->conf_low ||
	    !f->conf_high || !f->lr_chisq || !f->lr_p_value || !f->aliased ||
	    !f->separated || !f->vcov)
		goto nomem;
	if (d->names) {
		if (!(f->names = calloc(p, sizeof *f->names)))
			goto nomem;
		for (j = 0; j < p; j++)
			if (d->names[j] && !(f->names[j] = strdup(d->names[j])))
				goto nomem;
	}
	for (j = 0; j < p; j++)
		f->lr_chisq[j] = f->lr_p_value[j] = NAN;
	return f;
nomem:
	ko_logit_fit_free(f);
	return NULL;
}

static const char *col_name(const struct ko_logit_data *d, size_t j,
			    char *buf, size_t size)
{
	if (d->names && d->names[j])
		return d->names[j];
	snprintf(buf, size, "column %zu", j + 1);
	return buf;
}

struct scan_job {
	const struct ko_logit_data *d;
	size_t parts;
	int bad[KO_PAR_MAX_PARTS];
	size_t used[KO_PAR_MAX_PARTS];
	uint64_t ones[KO_PAR_MAX_PARTS]; /* columns < 64 that are 1.0 on every
					    row of positive weight */
};

#define ONES_MAX_COLS 64

static void scan_part(void *ctx, size_t part)
{
	struct scan_job *j = ctx;
	const struct ko_logit_data *d = j->d;
	size_t i, k, used = 0, r1 = ko_par_begin(d->n, j->parts, part + 1);
	uint64_t ones = 0, c;

	if (d->p <= ONES_MAX_COLS) /* every column a candidate to start with */
		ones = d->p == ONES_MAX_COLS ? ~(uint64_t)0 :
					       ((uint64_t)1 << d->p) - 1;
	for (i = ko_par_begin(d->n, j->parts, part); i < r1; i++) {
		double w = prior_weight(d, i), y = d->y[i];
		const double *x = d->x + i * d->p;
		int ok = isfinite(w) && w >= 0.0 && isfinite(y) && y >= 0.0 &&
			 y <= 1.0 && (!d->offset || isfinite(d->offset[i]));

		for (k = 0; k < d->p; k++)
			ok &= isfinite(x[k]) != 0;
		if (!ok) {
			j->bad[part] = 1;
			return;
		}
		if (!(w > 0.0))
			continue;
		used++;
		/* only the columns still candidates (soon just the intercept) */
		for (c = ones; c; c &= c - 1) {
			k = (size_t)__builtin_ctzll(c);
			if (x[k] != 1.0)
				ones &= ~((uint64_t)1 << k);
		}
	}
	j->used[part] = used;
	j->ones[part] = ones;
}

/* Every row valid (weights, response, offset, covariates)?  In row parts
 * on threads; *used: rows with positive weight; *icpt: as
 * ko_logit_find_intercept, found in the same pass.  validate() looks for
 * the first bad row itself when not. */
static int rows_valid(const struct ko_logit_data *d, size_t *used,
		      size_t *icpt)
{
	struct scan_job job;
	uint64_t ones = ~(uint64_t)0;
	size_t k;

	memset(&job, 0, sizeof(job));
	job.d = d;
	job.parts = ko_par_parts(d->n);
	ko_par_run(job.parts, scan_part, &job);
	*used = 0;
	for (k = 0; k < job.parts; k++) {
		if (job.bad[k])
			return 0;
		*used += job.used[k];
		ones &= job.ones[k];
	}
	if (d->p > ONES_MAX_COLS)
		*icpt = ko_logit_find_intercept(d);
	else
		*icpt = ones ? (size_t)__builtin_ctzll(ones) + 1 : 0;
	return *used > 0;
}

/* Bad input is an error, not a number: NaN/Inf, y outside [0, 1],
 * negative weights, no usable row. */
static enum ko_status validate(const struct ko_logit_data *d,
			       const struct ko_logit_options *opt,
			       size_t *icpt, struct ko_err *err)
{
	size_t i, j, used = 0;
	char buf[32];

	if (!d || !opt || !d->x || !d->y || d->p == 0)
		return ko_err_set(err, KO_ERR_USAGE, "logit: no data (x, y and p > 0 are required)");
	if (opt->max_iter < 1 || !(opt->epsilon > 0.0) || !(opt->level > 0.0 && opt->level < 1.0))
		return ko_err_set(err, KO_ERR_USAGE, "logit: bad options (max_iter %d, epsilon %g, level %g)",
				  opt->max_iter, opt->epsilon, opt->level);
	if (rows_valid(d, &used, icpt))
		return KO_OK;
	used = 0; /* something is wrong: find the first bad row */
	for (i = 0; i < d->n; i++) {
		double w = prior_weight(d, i);

		if (!isfinite(w) || w < 0.0)
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "weights",
					 "logit: weight %g is not a finite number >= 0", w);
		if (!isfinite(d->y[i]) || d->y[i] < 0.0 || d->y[i] > 1.0)
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "y",
					 "logit: response %g is not in [0, 1]", d->y[i]);
		if (d->offset && !isfinite(d->offset[i]))
			return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1, "offset",
					 "logit: offset is not finite");
		for (j = 0; j < d->p; j++)
			if (!isfinite(d->x[i * d->p + j]))
				return ko_err_at(err, KO_ERR_DATA, NULL, (long)i + 1,
						 col_name(d, j, buf, sizeof buf),
						 "logit: covariate value is not finite");
		used += w > 0.0;
	}
	if (used == 0)
		return ko_err_set(err, KO_ERR_DATA, "logit: no rows with positive weight (n = %zu)", d->n);
	return KO_OK;
}

size_t ko_logit_find_intercept(const struct ko_logit_data *d)
{
	size_t i, j;

	for (j = 0; j < d->p; j++) {
		for (i = 0; i < d->n; i++)
			if (prior_weight(d, i) > 0.0 && d->x[i * d->p + j] != 1.0)
				break;
		if (i == d->n)
			return j + 1;
	}
	return 0;
}

/* log dbinom(k, m, mu) for R's binomial aic. */
/* lgamma without its global sign (lgamma() writes signgam, a race when
 * row parts run on threads); the same value. */
static double log_gamma(double x)
{
	int sign;

	return lgamma_r(x, &sign);
}

static double log_dbinom(double k, double m, double mu)
{
	double v;

	if (m == 1.0) /* 0/1 data: skip the lgammas, which are 0 */
		return k > 0.0 ? log(mu) : log1p(-mu);
	v = log_gamma(m + 1.0) - log_gamma(k + 1.0) - log_gamma(m - k + 1.0);

	if (k > 0.0)
		v += k * log(mu);
	if (m - k > 0.0)
		v += (m - k) * log1p(-mu);
	return v;
}

/* Null deviance (ML) or null penalized log-likelihood (Firth) as R's
 * glm.fit and logistf compute them: intercept-only refit (the other
 * coefficients held at 0), or the offset alone without an intercept. */
static enum ko_status null_model(const struct ko_logit_data *d,
				 const struct ko_logit_options *opt,
				 size_t icpt, double *out, struct ko_err *err)
{
	struct model mo;
	unsigned char *fixed;
	enum ko_status st;
	size_t i, j;

	if (!opt->firth && icpt && !d->offset) {
		/* R's closed form: mu = the weighted mean of y */
		double sw = 0.0, swy = 0.0, dev = 0.0, mu;
		double y_at = NAN, w_at = NAN, dr = 0.0;

		for (i = 0; i < d->n; i++) {
			sw += prior_weight(d, i);
			swy += prior_weight(d, i) * response(d, i);
		}
		mu = swy / sw;
		for (i = 0; i < d->n; i++) {
			double pw = prior_weight(d, i), y = response(d, i);

			if (!(y == y_at && pw == w_at)) { /* once per run of (y, w) */
				dr = dev_resid(y, mu, pw);
				y_at = y;
				w_at = pw;
			}
			dev += dr;
		}
		*out = dev;
		return KO_OK;
	}
	if (!(fixed = malloc(d->p ? d->p : 1)))
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
	for (j = 0; j < d->p; j++)
		fixed[j] = !icpt || j != icpt - 1;
	if ((st = model_init(&mo, d, opt->firth, fixed, NULL, err)) != KO_OK)
		goto out;
	if ((st = model_set_offset(&mo, err)) != KO_OK)
		goto out;
	if (opt->firth) {
		if (icpt)
			st = firth_iterate(&mo, opt->max_iter, err);
		else
			firth_eval(&mo, 1);
		*out = mo.loglik;
	} else if (icpt) {
		irls(&mo, 1, opt->max_iter, opt->epsilon, ml_alias_tol(opt));
		*out = mo.dev;
	} else {
		model_predict(&mo);
		*out = model_deviance(&mo);
	}
out:
	model_release(&mo);
	free(fixed);
	return st;
}

/* Coefficients, covariance and Wald inference from the model's last
 * factor (ML: R's last IRLS step; Firth: at the estimate). */
static void fill_coefficients(struct ko_logit_fit *f, struct model *mo,
			      double level)
{
	size_t p = f->p, i, j;
	double zq = ko_ci_z(level);
	double *inv = f->vcov->data;

	ko_chol_inverse(mo->l, mo->dsc, mo->cal, mo->m, mo->a, mo->tmp);
	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++)
			inv[i * f->vcov->tda + j] = mo->a[i * p + j];
	f->rank = 0;
	f->level = level;
	for (j = 0; j < p; j++) {
		f->aliased[j] = mo->alias[j];
		if (mo->alias[j]) {
			f->coef[j] = f->se[j] = f->z[j] = f->p_value[j] = NAN;
			f->conf_low[j] = f->conf_high[j] = NAN;
			continue;
		}
		f->rank++;
		f->coef[j] = mo->beta[j];
		f->se[j] = sqrt(gsl_matrix_get(f->vcov, j, j));
		f->z[j] = f->coef[j] / f->se[j];
		f->p_value[j] = erfc(fabs(f->z[j]) / M_SQRT2);
		f->conf_low[j] = f->coef[j] - zq * f->se[j];
		f->conf_high[j] = f->coef[j] + zq * f->se[j];
	}
}

struct model_sums {
	struct ko_logit_fit *f;
	const struct ko_logit_data *d;
	const struct model *mo;
	struct {
		double dev, aic;
		size_t n_used, fitted_0_or_1;
	} part[KO_PAR_MAX_PARTS];
};

/* The per-row results of one part of the rows, and its sums. */
static void model_sums_part(void *ctx, size_t part)
{
	struct model_sums *j = ctx;
	struct ko_logit_fit *f = j->f;
	const struct ko_logit_data *d = j->d;
	const struct model *mo = j->mo;
	size_t i, r1 = ko_par_begin(mo->n, mo->parts, part + 1);
	double aic = 0.0, dev = 0.0, eps10 = 10.0 * DBL_EPSILON;
	size_t n_used = 0, f01 = 0;

	for (i = ko_par_begin(mo->n, mo->parts, part); i < r1; i++) {
		double pw = prior_weight(d, i), y = response(d, i);

		f->working_residuals[i] = (y - f->mu[i]) / mu_eta(f->eta[i]);
		dev += dev_resid(y, f->mu[i], pw);
		/* every row, zero weights included, as R's warning looks */
		f01 += f->mu[i] < eps10 || f->mu[i] > 1.0 - eps10;
		if (!(pw > 0.0))
			continue;
		n_used++;
		/* R's round(): half to even (nearbyint in the default
		 * rounding mode), not C's round(), half away from zero:
		 * a weight or weight x outcome ending in .5 changes the aic */
		aic += log_dbinom(nearbyint(pw * y), nearbyint(pw), f->mu[i]);
	}
	j->part[part].dev = dev;
	j->part[part].aic = aic;
	j->part[part].n_used = n_used;
	j->part[part].fitted_0_or_1 = f01;
}

/* Per-row results and the model statistics that R's glm reports. */
static enum ko_status fill_model(struct ko_logit_fit *f,
				 const struct ko_logit_data *d,
				 struct model *mo, struct ko_err *err)
{
	struct model_sums job;
	size_t k;
	double aic = 0.0, dev = 0.0;

	/* the per-row results are the model's final arrays, handed over
	 * rather than copied; the working residuals go where the working
	 * response was (not needed after the last step) */
	f->eta = mo->eta;
	f->mu = mo->mu;
	f->working_weights = mo->ww;
	f->working_residuals = mo->z ? mo->z :
				       ko_mem_rows((d->n ? d->n : 1) * sizeof(double));
	mo->eta = mo->mu = mo->ww = mo->z = NULL;
	if (!f->working_residuals)
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory (n = %zu)",
				  d->n);

	memset(&job, 0, sizeof(job));
	job.f = f;
	job.d = d;
	job.mo = mo;
	f->n_used = 0;
	f->fitted_0_or_1 = 0;
	ko_par_run(mo->parts, model_sums_part, &job);
	for (k = 0; k < mo->parts; k++) {
		dev += job.part[k].dev;
		aic += job.part[k].aic;
		f->n_used += job.part[k].n_used;
		f->fitted_0_or_1 += job.part[k].fitted_0_or_1;
	}
	f->deviance = dev;
	f->df_residual = (double)f->n_used - (double)f->rank;
	f->df_null = (double)f->n_used - (f->has_intercept ? 1.0 : 0.0);
	f->iterations = mo->iter;
	f->converged = mo->converged;
	if (mo->firth) {
		f->loglik = mo->loglik;
		f->aic = f->bic = NAN;
	} else {
		f->aic = -2.0 * aic + 2.0 * (double)f->rank;
		f->loglik = aic;
		/* R: logLik.glm nobs = non-NA residuals, zero weights included */
		f->bic = -2.0 * aic + log((double)f->n) * (double)f->rank;
	}
	return KO_OK;
}

/* Separation check, profile CIs and LR tests as the options ask. */
static enum ko_status fill_extras(struct ko_logit_fit *f,
				  const struct ko_logit_data *d,
				  const struct ko_logit_options *opt,
				  struct ko_err *err)
{
	enum ko_status st;
	size_t i, j;
	int run = opt->separation == KO_LOGIT_SEP_ALWAYS;
	int lr_tests = opt->lr_tests < 0 ? f->firth : opt->lr_tests;
	int profile = opt->profile < 0 ? f->firth : opt->profile;

	if (opt->separation == KO_LOGIT_SEP_AUTO) {
		run = f->firth || !f->converged || f->fitted_0_or_1 > 0;
		for (i = 0; !run && i < d->n; i++)
			run = prior_weight(d, i) > 0.0 && fabs(f->eta[i]) > SEP_AUTO_ETA;
	}
	if (run && (st = separation_lp(d, f->aliased, f->separated, &f->separation,
				       &f->separation_checked, err)) != KO_OK)
		return st;
	for (j = 0; j < f->p; j++) {
		if (f->aliased[j])
			continue;
		if (lr_tests) {
			double df;

			if ((st = ko_logit_lr_test(d, f, opt, &j, 1, &f->lr_chisq[j], &df,
						   &f->lr_p_value[j], err)) != KO_OK)
				return st;
			if (f->firth)
				f->p_value[j] = f->lr_p_value[j];
		}
		if (profile) {
			if ((st = ko_logit_profile_ci(d, f, opt, j, opt->level, &f->conf_low[j],
						      &f->conf_high[j], err)) != KO_OK)
				return st;
		}
	}
	f->ci_profile = profile != 0;
	return KO_OK;
}

enum ko_status ko_logit_fit(const struct ko_logit_data *data,
			    const struct ko_logit_options *opt,
			    struct ko_logit_fit **out, struct ko_err *err)
{
	struct ko_logit_fit *f = NULL;
	struct model mo;
	enum ko_status st;
	size_t icpt = 0;

	memset(&mo, 0, sizeof mo);
	if ((st = validate(data, opt, &icpt, err)) != KO_OK)
		return st;
	if (!(f = fit_new(data)))
		return ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory (n = %zu, p = %zu)",
				  data->n, data->p);
	f->has_intercept = icpt != 0;
	f->firth = opt->firth != 0;
	if ((st = model_init(&mo, data, f->firth, NULL, NULL, err)) != KO_OK ||
	    (st = model_set_offset(&mo, err)) != KO_OK)
		goto out;
	if (f->firth) {
		st = firth_iterate(&mo, opt->max_iter, err);
		if (st == KO_OK)
			st = firth_logistf_cov(&mo, err);
	} else
		irls(&mo, 1, opt->max_iter, opt->epsilon, ml_alias_tol(opt));
	if (st != KO_OK)
		goto out;
	fill_coefficients(f, &mo, opt->level);
	if ((st = fill_model(f, data, &mo, err)) != KO_OK)
		goto out;
	if (f->firth) {
		f->null_deviance = NAN;
		st = null_model(data, opt, icpt, &f->null_loglik, err);
	} else {
		f->null_loglik = NAN;
		st = null_model(data, opt, icpt, &f->null_deviance, err);
	}
	if (st != KO_OK || (st = fill_extras(f, data, opt, err)) != KO_OK)
		goto out;
	*out = f;
	f = NULL;
out:
	model_release(&mo);
	ko_logit_fit_free(f);
	return st;
}

/* ---- likelihood-ratio tests and profile likelihood ----------------------- */

enum ko_status ko_logit_lr_test(const struct ko_logit_data *data,
				const struct ko_logit_fit *fit,
				const struct ko_logit_options *opt,
				const size_t *cols, size_t k, double *chisq,
				double *df, double *p_value,
				struct ko_err *err)
{
	struct model mo;
	unsigned char *fixed = calloc(data->p ? data->p : 1, 1);
	double *start = calloc(data->p ? data->p : 1, sizeof *start);
	enum ko_status st = KO_OK;
	size_t j, rank_r = 0, ntest = 0;
	double stat;
	int warm;

	memset(&mo, 0, sizeof mo);
	if (!fixed || !start) {
		st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	for (j = 0; j < k; j++) {
		if (cols[j] >= data->p) {
			st = ko_err_set(err, KO_ERR_USAGE, "logit: column %zu out of range", cols[j]);
			goto out;
		}
		fixed[cols[j]] = 1;
	}
	for (j = 0; j < data->p; j++) {
		start[j] = fit->aliased[j] || fixed[j] ? 0.0 : fit->coef[j];
		ntest += fixed[j] && !fit->aliased[j];
	}
	/* Firth, and ML when asked (opt->lr_warm_start), start from the full
	 * fit with the tested columns at 0; ML otherwise afresh from mustart,
	 * as R's drop1 (the same deviance by the same criterion either way,
	 * in fewer passes from the full fit) */
	warm = fit->firth || opt->lr_warm_start;
	if ((st = model_init(&mo, data, fit->firth, fixed, warm ? start : NULL, err)) != KO_OK ||
	    (st = model_set_offset(&mo, err)) != KO_OK)
		goto out;
	if (fit->firth) {
		/* a refit of the test, at least PROFILE_MAXIT iterations (see
		 * ko_logit_profile_ci); one that does not converge gives no
		 * statistic (NaN), not a wrong one */
		if ((st = firth_iterate(&mo, opt->max_iter > PROFILE_MAXIT ?
					     opt->max_iter : PROFILE_MAXIT,
					err)) != KO_OK)
			goto out;
		stat = mo.converged ? 2.0 * (fit->loglik - mo.loglik) : NAN;
		*df = (double)ntest;
	} else {
		irls(&mo, !warm, opt->max_iter, opt->epsilon, ml_alias_tol(opt));
		stat = mo.dev - fit->deviance;
		for (j = 0; j < data->p; j++)
			rank_r += !fixed[j] && !mo.alias[j];
		*df = (double)fit->rank - (double)rank_r;
	}
	*chisq = stat;
	*p_value = *df > 0 ? gsl_cdf_chisq_Q(stat > 0 ? stat : 0.0, *df) : NAN;
out:
	model_release(&mo);
	free(fixed);
	free(start);
	return st;
}

/* A profile: the model with coefficient j held, and the cut-off. */
struct profile {
	struct model mo;
	size_t j;
	double target;     /* objective at the interval's end */
	double q;          /* chi-square cut-off: target - minimum */
	double alias_tol;
	int max_iter;
	int cold;          /* ML under separation: see profile_gap */
	int hard;          /* under separation (ML or Firth): refits are
			      retried and the ends verified (profile_verify);
			      elsewhere the plain search, as cheap as before */
	double *save;      /* p: the best refit so far (profile_retry) */
	double *good;      /* 2 x p: the last refits at their minimum below
			      [0] and above [1] the cut-off, at good_b[] */
	double good_b[2];
	int have_good[2];
	const double *bhat; /* p: the estimate (Firth's retries) */
	int bad;           /* a point's refit did not reach its minimum */
	enum ko_status st;
	struct ko_err *err;
};

/* 1 when the ML refit is at the minimum over the free columns: its
 * score X'w(y - mu) is 0 to 1e-7 of the column's scale.  IRLS can stop
 * with the deviance unchanged and the score far from 0 (rows saturated
 * at a bad start: weights 0, no step), which its deviance rule calls
 * converged. */
static int ml_score_zero(const struct model *mo)
{
	const struct ko_logit_data *d = mo->d;
	size_t i, c, p = mo->p;
	int ok = 1;

	for (c = 0; c < p && ok; c++) {
		double g = 0.0, sc = 1.0;

		if (mo->alias[c] || (mo->fixed && mo->fixed[c]))
			continue;
		for (i = 0; i < mo->n; i++) {
			double w = prior_weight(d, i), x = d->x[i * p + c];

			if (!(w > 0.0))
				continue;
			g += w * (response(d, i) - mo->mu[i]) * x;
			sc += w * fabs(x);
		}
		ok = fabs(g) <= 1e-7 * sc;
	}
	return ok;
}

/* Keep the refit (beta, deviance) in pr->save / return, for trying
 * another start. */
static void profile_keep(struct profile *pr, double *dev)
{
	memcpy(pr->save, pr->mo.beta, pr->mo.p * sizeof *pr->save);
	*dev = pr->mo.dev;
}

static void profile_restore(struct profile *pr, double dev)
{
	memcpy(pr->mo.beta, pr->save, pr->mo.p * sizeof *pr->save);
	pr->mo.dev = dev;
}

/* The ML profile point b under separation, when the warm start did not
 * reach the minimum (ml_score_zero): from R's start (glm.fit's mustart,
 * as the uniroot reference), then by continuation from the last point
 * that did, b_j moved there in 2, 4, ... 64 steps, each refit warm from
 * the one before.  The lowest deviance found is kept; pr->bad is set when
 * no start reached the minimum (the point's deviance is then only an
 * upper bound, and an end found on it is not reported). */
static void profile_retry(struct profile *pr, double b)
{
	struct model *mo = &pr->mo;
	double best;
	int k, s;

	profile_keep(pr, &best);
	irls(mo, 1, PROFILE_MAXIT, PROFILE_EPS, pr->alias_tol);
	if (ml_score_zero(mo))
		return;
	if (mo->dev < best)
		profile_keep(pr, &best);
	for (k = 1; k <= 6; k++) {
		int n = 1 << k, ok = 1, g;
		double gb;

		/* from the nearest point known at its minimum */
		g = !pr->have_good[1] ? 0 : !pr->have_good[0] ? 1 :
		    fabs(b - pr->good_b[1]) < fabs(b - pr->good_b[0]);
		if (!pr->have_good[g])
			break;
		gb = pr->good_b[g];
		memcpy(mo->beta, pr->good + g * mo->p, mo->p * sizeof *mo->beta);
		for (s = 1; s <= n && ok; s++) {
			mo->beta[pr->j] = gb + (b - gb) * s / n;
			if ((pr->st = model_set_offset(mo, pr->err)) != KO_OK)
				return;
			irls(mo, 0, PROFILE_MAXIT, PROFILE_EPS, pr->alias_tol);
			ok = ml_score_zero(mo);
		}
		if (ok)
			return;
	}
	profile_restore(pr, best);
	mo->beta[pr->j] = b;
	/* below the cut-off is still right (the minimum is lower still);
	 * above it is not known */
	if (best > pr->target)
		pr->bad = 1;
}

/* Firth's profile point b when the warm start lands above the cut-off:
 * the penalized likelihood need not be concave, and Newton from a far
 * point can converge to a lower stationary point (mtcars: -2 l* = 48.5 at
 * an intercept of 148.6 where the maximum gives -0.78).  Also from the
 * estimate (b_j moved to b), then by continuation from the nearest point
 * evaluated (2, 4, ..., 64 steps); the highest penalized likelihood
 * reached is kept. */
static void profile_retry_firth(struct profile *pr, double b)
{
	struct model *mo = &pr->mo;
	double best;
	int k, s, conv = mo->converged, agree;

	profile_keep(pr, &best);
	memcpy(mo->beta, pr->bhat, mo->p * sizeof *mo->beta);
	mo->beta[pr->j] = b;
	if ((pr->st = firth_iterate(mo, pr->max_iter, pr->err)) != KO_OK)
		return;
	/* the two starts converge and agree: no sign of another maximum,
	 * no continuation (it costs up to 126
	 * refits, and about half of a profile's points are above the
	 * cut-off) */
	agree = mo->converged && conv &&
		fabs(mo->dev - best) <= 1e-6 * (1.0 + fabs(best));
	if (mo->converged && mo->dev < best) {
		profile_keep(pr, &best);
		conv = 1;
	}
	for (k = 1; k <= 6 && best > pr->target && !agree; k++) {
		int n = 1 << k, ok = 1, g;
		double gb;

		g = !pr->have_good[1] ? 0 : !pr->have_good[0] ? 1 :
		    fabs(b - pr->good_b[1]) < fabs(b - pr->good_b[0]);
		if (!pr->have_good[g])
			break;
		gb = pr->good_b[g];
		memcpy(mo->beta, pr->good + g * mo->p, mo->p * sizeof *mo->beta);
		for (s = 1; s <= n && ok; s++) {
			mo->beta[pr->j] = gb + (b - gb) * s / n;
			if ((pr->st = firth_iterate(mo, pr->max_iter, pr->err)) != KO_OK)
				return;
			ok = mo->converged;
		}
		if (ok && mo->dev < best) {
			profile_keep(pr, &best);
			conv = 1;
		}
	}
	profile_restore(pr, best);
	mo->beta[pr->j] = b;
	mo->converged = conv;
}

/* Profile objective minus the cut-off at beta_j = b: ML deviance or -2
 * penalized log-likelihood, minimised over the other coefficients. */
static double profile_gap(double b, void *vp)
{
	struct profile *pr = vp;

	pr->mo.beta[pr->j] = b;
	if (pr->mo.firth) {
		enum ko_status st = firth_iterate(&pr->mo, pr->max_iter, pr->err);

		if (st != KO_OK)
			pr->st = st;
		if (pr->hard && pr->st == KO_OK && pr->mo.dev > pr->target)
			profile_retry_firth(pr, b);
		if (pr->st == KO_OK && pr->mo.converged) {
			int g = pr->mo.dev > pr->target;

			pr->have_good[g] = 1;
			pr->good_b[g] = b;
			memcpy(pr->good + g * pr->mo.p, pr->mo.beta,
			       pr->mo.p * sizeof *pr->good);
		}
	} else {
		enum ko_status st = model_set_offset(&pr->mo, pr->err);

		if (st != KO_OK)
			pr->st = st;
		irls(&pr->mo, 0, pr->max_iter, PROFILE_EPS, pr->alias_tol);
		/* Under separation the warm start can stall: a jump in b_j
		 * saturates rows at the previous solution (weights 0, no
		 * step) and the deviance stays far above the profile's
		 * (mtcars am ~ wt + hp + qsec: 107.6 where it is 2e-11), a
		 * wrong 'above the cut-off'.  An inner fit that did not
		 * converge or lands above the cut-off is refitted from R's
		 * start (glm.fit's mustart, as the uniroot reference does)
		 * and the lower deviance kept. */
		if (pr->cold && pr->st == KO_OK) {
			if (!ml_score_zero(&pr->mo))
				profile_retry(pr, b);
			if (ml_score_zero(&pr->mo)) {
				int g = pr->mo.dev > pr->target;

				pr->have_good[g] = 1;
				pr->good_b[g] = b;
				memcpy(pr->good + g * pr->mo.p, pr->mo.beta,
				       pr->mo.p * sizeof *pr->good);
			}
		}
	}
	return pr->mo.dev - pr->target;
}

/* The signed root of the profile, side * sqrt(objective - minimum): close
 * to linear in b, so the secant method finds where it reaches sqrt(q) in a
 * few refits.  Returns 1 with *root when it converged, 0 when the profile
 * misbehaves (flat, non-monotone) and bracketing must take over. */
static int profile_secant(struct profile *pr, double bhat, double step,
			  double side, double *root)
{
	double goal = sqrt(pr->q), b0 = bhat, r0 = 0.0;
	double b1 = bhat + side * goal * step, r1, g;
	int it;

	g = profile_gap(b1, pr) + pr->q;
	r1 = side * sqrt(g > 0.0 ? g : 0.0);
	for (it = 0; it < 30 && pr->st == KO_OK; it++) {
		double b2;

		if (!((r1 - r0) / (b1 - b0) > 0.0)) /* r rises with b */
			return 0;
		b2 = b1 + (side * goal - r1) * (b1 - b0) / (r1 - r0);
		if (!isfinite(b2) || side * (b2 - bhat) <= 0.0 ||
		    side * (b2 - bhat) > 64.0 * step)
			return 0;
		b0 = b1;
		r0 = r1;
		b1 = b2;
		g = profile_gap(b1, pr) + pr->q;
		r1 = side * sqrt(g > 0.0 ? g : 0.0);
		if (fabs(b1 - b0) <= PROFILE_XTOL * step && fabs(r1 - side * goal) < 1e-4) {
			*root = b1;
			return 1;
		}
	}
	return 0;
}

/* Under separation (pr->hard).  Firth: the root's refit must have
 * converged (a refit stopped by the iteration limit is below its maximum,
 * and its end wrong).  ML: a refit that cannot reach its minimum may
 * have been taken as above the cut-off and bracketed a wrong root: the
 * root is refitted once more and kept only when that refit reaches its
 * minimum and lies on the cut-off (the profile deviance is convex in b,
 * being the partial minimum of a convex function, so it crosses the
 * cut-off once on each side).  Otherwise NaN, never a wrong number. */
static double profile_verify(struct profile *pr, double root)
{
	double gap;

	if (!pr->hard || !isfinite(root) || pr->st != KO_OK)
		return isfinite(root) ? root : NAN;
	pr->bad = 0;
	gap = profile_gap(root, pr);
	if (pr->st != KO_OK || pr->bad ||
	    !(pr->mo.firth ? pr->mo.converged : ml_score_zero(&pr->mo)) ||
	    !(fabs(gap) <= 1e-6 * pr->q))
		return NAN;
	return root;
}

/* One end of the interval: the secant method on the signed root; if that
 * fails, walk out from bhat in steps of se doubling until the profile
 * crosses the cut-off, then Brent's method.  +-Inf when the profile stays
 * below the cut-off 4096 steps out; NaN (and no error) when the root
 * cannot be found, which the caller reports. */
static double profile_end(struct profile *pr, const double *bhat, double se,
			  double side)
{
	double lo = bhat[pr->j], hi = lo, step = se > 0 && isfinite(se) ? se : 1.0;
	double root = NAN;
	int k, it, kmax = pr->cold ? 60 : 12;
	gsl_function fn = { profile_gap, pr };
	gsl_root_fsolver *s;

	memcpy(pr->mo.beta, bhat, pr->mo.p * sizeof *bhat);
	if (profile_secant(pr, bhat[pr->j], step, side, &root) || pr->st != KO_OK)
		return profile_verify(pr, root);
	memcpy(pr->mo.beta, bhat, pr->mo.p * sizeof *bhat);
	for (k = 0; k <= kmax; k++) {
		hi = bhat[pr->j] + side * step * ldexp(1.0, k);
		if (profile_gap(hi, pr) > 0.0 || pr->st != KO_OK)
			break;
		lo = hi;
	}
	if (pr->st != KO_OK)
		return NAN;
	/* Under separation the steps start at 1 whatever the column's
	 * scale (the SEs are no scale), so 2^12 of them prove nothing: wt
	 * in units of 1e-6 has its root at -9.3e6 from an estimate of
	 * -2.3e8.  There the walk goes on to 2^60, and an end it still
	 * does not reach is not known (the infinite ends were decided
	 * above, by the separation's direction and strict_separation). */
	if (k > kmax)
		return pr->cold || pr->mo.firth ? NAN : side * INFINITY;
	if (!(s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent))) {
		pr->st = ko_err_set(pr->err, KO_ERR_NOMEM, "logit: out of memory");
		return NAN;
	}
	if (gsl_root_fsolver_set(s, &fn, side > 0 ? lo : hi, side > 0 ? hi : lo) == GSL_SUCCESS) {
		for (it = 0; it < 200 && pr->st == KO_OK; it++) {
			double a, b;

			if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
				break;
			root = gsl_root_fsolver_root(s);
			a = gsl_root_fsolver_x_lower(s);
			b = gsl_root_fsolver_x_upper(s);
			if (gsl_root_test_interval(a, b, PROFILE_XTOL * step, 0.0) == GSL_SUCCESS)
				break;
		}
	}
	gsl_root_fsolver_free(s);
	return profile_verify(pr, root);
}

const char *ko_logit_profile_missing(const struct ko_logit_fit *fit, size_t j)
{
	int lo, hi;

	if (!fit->ci_profile || j >= fit->p || fit->aliased[j])
		return NULL;
	lo = isnan(fit->conf_low[j]);
	hi = isnan(fit->conf_high[j]);
	return lo && hi ? "lower and upper" : lo ? "lower" : hi ? "upper" : NULL;
}

enum ko_status ko_logit_profile_ci(const struct ko_logit_data *data,
				   const struct ko_logit_fit *fit,
				   const struct ko_logit_options *opt,
				   size_t j, double level, double *lo,
				   double *hi, struct ko_err *err)
{
	struct profile pr;
	struct model full;
	unsigned char *fixed = calloc(data->p ? data->p : 1, 1);
	double *bhat = calloc(data->p ? data->p : 1, sizeof *bhat);
	double q = gsl_cdf_chisq_Qinv(1.0 - level, 1.0), l, h, se;
	enum ko_logit_separation sep;
	int sep_lo, sep_hi;
	size_t k;

	memset(&pr, 0, sizeof pr);
	memset(&full, 0, sizeof full);
	pr.err = err;
	if (!fixed || !bhat) {
		pr.st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	if (j >= data->p || !(level > 0.0 && level < 1.0)) {
		pr.st = ko_err_set(err, KO_ERR_USAGE, "logit: bad profile request (column %zu, level %g)",
				   j, level);
		goto out;
	}
	if (fit->aliased[j]) {
		*lo = *hi = NAN;
		goto out;
	}
	/* aliased columns stay out (held at 0), as MASS's profile.glm drops
	 * them: otherwise they could take over column j's role */
	for (k = 0; k < data->p; k++) {
		bhat[k] = fit->aliased[k] ? 0.0 : fit->coef[k];
		fixed[k] = fit->aliased[k] != 0;
	}
	fixed[j] = 1;
	pr.j = j;
	pr.q = q;
	pr.alias_tol = ml_alias_tol(opt);
	/* the refits are the profile's, not the user's fit: Firth's Newton
	 * steps converge linearly (the information leaves out the penalty's
	 * curvature), 28 iterations on mtcars, so at least PROFILE_MAXIT */
	pr.max_iter = fit->firth && opt->max_iter > PROFILE_MAXIT ? opt->max_iter
								   : PROFILE_MAXIT;
	if (fit->firth) {
		pr.target = -2.0 * fit->loglik + q;
	} else {
		/* the reference: the full model iterated to full convergence */
		if ((pr.st = model_init(&full, data, 0, NULL, bhat, err)) != KO_OK ||
		    (pr.st = model_set_offset(&full, err)) != KO_OK)
			goto out;
		irls(&full, 0, PROFILE_MAXIT, PROFILE_EPS, pr.alias_tol);
		pr.target = full.dev + q;
		memcpy(bhat, full.beta, data->p * sizeof *bhat);
	}
	if ((pr.st = model_init(&pr.mo, data, fit->firth, fixed, bhat, err)) != KO_OK)
		goto out;
	pr.cold = !fit->firth && fit->separation;
	pr.hard = fit->separation;
	pr.bhat = bhat;
	if ((pr.cold || fit->firth) &&
	    (!(pr.save = malloc(data->p * sizeof *pr.save)) ||
			!(pr.good = malloc(2 * data->p * sizeof *pr.good)))) {
		pr.st = ko_err_set(err, KO_ERR_NOMEM, "logit: out of memory");
		goto out;
	}
	/* ML under (quasi-)separation: the SEs are huge and no scale for a
	 * walk (SE 10^5 for an estimate of 50), so steps of at most 1; and a
	 * coefficient whose MLE is +-infinity has that end of its interval
	 * there: along the direction of separation the deviance only falls,
	 * so the profile never reaches the cut-off on that side.  (Firth's
	 * penalized likelihood has finite ends and sane SEs.) */
	se = fit->se[j];
	sep = fit->firth ? KO_LOGIT_SEP_NONE : fit->separated[j];
	if (!fit->firth && fit->separation && !(se <= 1.0))
		se = 1.0;
	/* and an end beyond which the data stay strictly separated (the
	 * deviance 0 all the way, so no root) is infinite too: hp's lower
	 * end on mtcars am ~ wt + hp + qsec, whose data without hp are
	 * still completely separated (strict_separation) */
	sep_lo = sep == KO_LOGIT_SEP_TO_MINUS_INF;
	sep_hi = sep == KO_LOGIT_SEP_TO_PLUS_INF;
	if (!fit->firth && fit->separation) {
		int strict;

		if (!sep_lo) {
			strict_separation(data, fit->aliased, j, -1.0, &strict);
			sep_lo = strict == 1;
		}
		if (!sep_hi) {
			strict_separation(data, fit->aliased, j, 1.0, &strict);
			sep_hi = strict == 1;
		}
	}
	l = sep_lo ? -INFINITY : profile_end(&pr, bhat, se, -1.0);
	h = pr.st != KO_OK ? NAN :
	    sep_hi ? INFINITY : profile_end(&pr, bhat, se, 1.0);
	if (pr.st == KO_OK) {
		*lo = l;
		*hi = h;
	}
out:
	free(pr.save);
	free(pr.good);
	model_release(&pr.mo);
	model_release(&full);
	free(fixed);
	free(bhat);
	return pr.st;
}
