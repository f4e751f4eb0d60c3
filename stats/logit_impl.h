/*
 * logit_impl.h - what the files of the logistic engine share, for
 * stats/logit*.c only (logit.h is the engine's interface): the model, its
 * workspace and the steps one file calls in another.
 *
 *   logit.c             the model workspace, R's binomial family, the
 *                       weighted cross-products, maximum likelihood as
 *                       glm.fit (irls), the fit object (ko_logit_fit)
 *   logit_firth.c       Firth's penalized likelihood, as logistf
 *   logit_separation.c  separation: Konis' linear program (GLPK)
 *   logit_profile.c     likelihood-ratio tests and profile-likelihood CIs
 */
#ifndef KO_LOGIT_IMPL_H
#define KO_LOGIT_IMPL_H

#include <stddef.h>

#include "logit.h"
#include "base/par.h"

#define BLOCK_ROWS 1024
#define PROFILE_MAXIT 200 /* iterations of a refit (profile, Firth) to full convergence */

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

static inline double prior_weight(const struct ko_logit_data *d, size_t i)
{
	return d->weights ? d->weights[i] : 1.0;
}

/* R sets y to 0 where the prior weight is 0. */
static inline double response(const struct ko_logit_data *d, size_t i)
{
	return prior_weight(d, i) > 0.0 ? d->y[i] : 0.0;
}

/* logit.c: the model workspace and maximum likelihood */
double ml_alias_tol(const struct ko_logit_options *opt);
enum ko_status model_init(struct model *mo, const struct ko_logit_data *d,
			  int firth, const unsigned char *fixed,
			  const double *start, struct ko_err *err);
void model_release(struct model *mo);
enum ko_status model_set_offset(struct model *mo, struct ko_err *err);
void model_predict(struct model *mo);
void accumulate(struct model *mo, int with_z);
void irls(struct model *mo, int from_mustart, int max_iter, double eps,
	  double alias_tol);

/* logit_firth.c */
void firth_eval(struct model *mo, int decide_alias);
enum ko_status firth_iterate(struct model *mo, int max_iter,
			     struct ko_err *err);
enum ko_status firth_logistf_cov(struct model *mo, struct ko_err *err);

/* logit_separation.c */
enum ko_status separation_lp(const struct ko_logit_data *d, const int *alias,
			     enum ko_logit_separation *sep, int *any,
			     int *checked, struct ko_err *err);
void strict_separation(const struct ko_logit_data *d, const int *alias,
		       size_t jcol, double side, int *strict);

#endif
