/* anova.c - joint Wald and likelihood-ratio tests per term (see anova.h). */
#include "anova.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

enum ko_status ko_anova_wald(const struct ko_logit_fit *fit,
			     const gsl_matrix *vcov, const size_t *cols,
			     size_t k, double *chisq, double *df,
			     double *p_value, struct ko_err *err)
{
	size_t *use = malloc((k ? k : 1) * sizeof(*use));
	gsl_matrix *v = NULL;
	gsl_vector *b = NULL, *x = NULL;
	size_t i, j, m = 0;
	enum ko_status st = KO_OK;
	double w = 0;
	int gs;

	if (!use)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (!vcov)
		vcov = fit->vcov;
	for (i = 0; i < k; i++)
		if (!fit->aliased[cols[i]])
			use[m++] = cols[i];
	if (m == 0) {
		*chisq = *p_value = NAN;
		*df = 0;
		goto out;
	}
	v = gsl_matrix_alloc(m, m);
	b = gsl_vector_alloc(m);
	x = gsl_vector_alloc(m);
	if (!v || !b || !x) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < m; i++) {
		gsl_vector_set(b, i, fit->coef[use[i]]);
		for (j = 0; j < m; j++)
			gsl_matrix_set(v, i, j, gsl_matrix_get(vcov, use[i], use[j]));
	}
	gs = gsl_linalg_cholesky_decomp1(v);
	if (!gs)
		gs = gsl_linalg_cholesky_solve(v, b, x);
	if (gs) {
		st = ko_err_set(err, KO_ERR_NUMERIC,
				"Wald test: covariance not positive definite: %s",
				gsl_strerror(gs));
		goto out;
	}
	gsl_blas_ddot(b, x, &w);
	*chisq = w;
	*df = (double)m;
	*p_value = gsl_cdf_chisq_Q(w, (double)m);
out:
	free(use);
	gsl_matrix_free(v);
	gsl_vector_free(b);
	gsl_vector_free(x);
	return st;
}

/* drop1's LR test for ML: the refit without cols, which is the fit with
 * them held at 0 (ko_logit_lr_test: the other columns in place, no copy of
 * the design); df is the drop in rank (0 when the columns' span is still
 * in the model through aliased columns, and then p is NaN as R prints
 * NA). */
static enum ko_status drop_columns_lr(const struct ko_logit_data *data,
				      const struct ko_logit_fit *fit,
				      const struct ko_logit_options *opt,
				      const size_t *cols, size_t k,
				      double *chisq, double *df,
				      double *p_value, struct ko_err *err)
{
	if (data->p == k) {
		/* nothing left (a model without intercept, one term): the
		 * empty model, eta = offset, is the null model as glm defines
		 * it when there is no intercept */
		*chisq = fit->null_deviance - fit->deviance;
		*df = (double)fit->rank;
		*p_value = *df > 0 ? gsl_cdf_chisq_Q(*chisq, *df) : NAN;
		return KO_OK;
	}
	return ko_logit_lr_test(data, fit, opt, cols, k, chisq, df, p_value, err);
}

enum ko_status ko_anova_terms(const struct ko_design *d,
			      const struct ko_logit_data *data,
			      const struct ko_logit_fit *fit,
			      const struct ko_logit_options *opt,
			      const gsl_matrix *vcov, int lr,
			      struct ko_term_test *out, struct ko_err *err)
{
	size_t t, j, *cols = malloc((d->p ? d->p : 1) * sizeof(*cols));
	enum ko_status st = KO_OK;

	if (!cols)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < d->n_terms && !st; t++) {
		struct ko_term_test *tt = &out[t];
		size_t k = d->term_ncols[t];
		for (j = 0; j < k; j++)
			cols[j] = d->term_first[t] + j;
		tt->label = d->term_labels[t];
		tt->n_cols = k;
		tt->lr_chisq = tt->lr_df = tt->lr_p_value = NAN;
		st = ko_anova_wald(fit, vcov, cols, k, &tt->wald_chisq, &tt->df,
				   &tt->wald_p_value, err);
		if (st || !lr)
			continue;
		if (tt->df == 0) {
			/* every column aliased: dropping them leaves the fit
			 * as it is; drop1 prints Df 0, LRT 0, p NA (ML).  A
			 * Firth fit has no aliased columns to test (NA). */
			if (!fit->firth && k > 0) {
				tt->lr_df = 0;
				tt->lr_chisq = 0;
			}
			continue;
		}
		if (fit->firth) /* penalized LR, the penalty on the full design */
			st = ko_logit_lr_test(data, fit, opt, cols, k,
					      &tt->lr_chisq, &tt->lr_df,
					      &tt->lr_p_value, err);
		else
			st = drop_columns_lr(data, fit, opt, cols, k,
					     &tt->lr_chisq, &tt->lr_df,
					     &tt->lr_p_value, err);
	}
	free(cols);
	return st;
}
