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
 * each matches in R: docs/statistics.md.  Firth's iteration, the separation
 * program and the refits of LR tests and profile CIs are in logit_firth.c,
 * logit_separation.c and logit_profile.c; what they share, logit_impl.h.
 */
#define _DEFAULT_SOURCE /* lgamma_r */
#include "logit_impl.h"

#include "chol.h"
#include "ci.h"
#include "coefs.h"
#include "base/mem.h"
#include "base/par.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_linalg.h>

#define LOGIT_THRESH 30.0          /* R's logit_linkinv THRESH */
#define CHOL_TRUST 1e-7            /* smallest scaled Cholesky pivot trusted */
#define SEP_AUTO_ETA 10.0          /* |eta| that triggers the LP in auto mode */

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
double ml_alias_tol(const struct ko_logit_options *opt)
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


/* ---- model workspace ------------------------------------------------- */

void model_release(struct model *mo)
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
enum ko_status model_init(struct model *mo,
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
enum ko_status model_set_offset(struct model *mo, struct ko_err *err)
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
void model_predict(struct model *mo)
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
void accumulate(struct model *mo, int with_z)
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
void irls(struct model *mo, int from_mustart, int max_iter,
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

/* ---- the fit object ----------------------------------------------------- */

void ko_logit_fit_free(struct ko_logit_fit *fit)
{
	if (!fit)
		return;
	KO_COEFS_FREE(fit);
	KO_COEFS_ROWS_FREE(fit);
	free(fit->lr_chisq);
	free(fit->lr_p_value);
	free(fit->separated);
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
	if (KO_COEFS_ALLOC(f, d->names))
		goto nomem;
	f->lr_chisq = malloc(p * sizeof *f->lr_chisq);
	f->lr_p_value = malloc(p * sizeof *f->lr_p_value);
	f->separated = calloc(p, sizeof *f->separated);
	if (!f->lr_chisq || !f->lr_p_value || !f->separated)
		goto nomem;
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

static enum ko_status check_row(const struct ko_logit_data *d, size_t i,
				const char *who, double y_max,
				const char *y_range, struct ko_err *err)
{
	double w = prior_weight(d, i);
	long row = (long)i + 1;
	char buf[32];
	size_t j;

	if (!isfinite(w) || w < 0.0)
		return ko_err_at(err, KO_ERR_DATA, NULL, row, "weights",
				 "%s: weight %g is not a finite number >= 0", who, w);
	if (!isfinite(d->y[i]) || d->y[i] < 0.0 || d->y[i] > y_max)
		return ko_err_at(err, KO_ERR_DATA, NULL, row, "y",
				 "%s: response %g is not %s", who, d->y[i], y_range);
	if (d->offset && !isfinite(d->offset[i]))
		return ko_err_at(err, KO_ERR_DATA, NULL, row, "offset",
				 "%s: offset is not finite", who);
	for (j = 0; j < d->p; j++)
		if (!isfinite(d->x[i * d->p + j]))
			return ko_err_at(err, KO_ERR_DATA, NULL, row,
					 col_name(d, j, buf, sizeof buf),
					 "%s: covariate value is not finite", who);
	return KO_OK;
}

enum ko_status ko_logit_check_rows(const struct ko_logit_data *d,
				   const char *who, double y_max,
				   const char *y_range, struct ko_err *err)
{
	size_t i, used = 0;

	for (i = 0; i < d->n; i++) {
		enum ko_status st = check_row(d, i, who, y_max, y_range, err);

		if (st)
			return st;
		used += prior_weight(d, i) > 0.0;
	}
	if (used == 0)
		return ko_err_set(err, KO_ERR_DATA, "%s: no rows with positive "
				  "weight (n = %zu)", who, d->n);
	return KO_OK;
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
	size_t used = 0;

	if (!d || !opt || !d->x || !d->y || d->p == 0)
		return ko_err_set(err, KO_ERR_USAGE, "logit: no data (x, y and p > 0 are required)");
	if (opt->max_iter < 1 || !(opt->epsilon > 0.0) || !(opt->level > 0.0 && opt->level < 1.0))
		return ko_err_set(err, KO_ERR_USAGE, "logit: bad options (max_iter %d, epsilon %g, level %g)",
				  opt->max_iter, opt->epsilon, opt->level);
	if (rows_valid(d, &used, icpt))
		return KO_OK;
	/* something is wrong: find the first bad row */
	return ko_logit_check_rows(d, "logit", 1.0, "in [0, 1]", err);
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
		KO_COEFS_WALD(f, j, gsl_matrix_get(f->vcov, j, j), zq);
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

