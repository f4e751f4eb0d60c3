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
	return ko_anova_wald_coef(fit->coef, fit->aliased,
				  vcov ? vcov : fit->vcov, cols, k, chisq, df,
				  p_value, err);
}

enum ko_status ko_anova_wald_coef(const double *coef, const int *aliased,
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
	for (i = 0; i < k; i++)
		if (!aliased[cols[i]])
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
		gsl_vector_set(b, i, coef[use[i]]);
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

enum ko_status ko_anova_terms(const struct ko_design *d,
			      const struct ko_family_data *data,
			      const struct ko_family_fit *fit,
			      const struct ko_logit_options *opt,
			      const gsl_matrix *vcov, int lr,
			      struct ko_term_test *out, struct ko_err *err)
{
	size_t t, j, *cols = malloc((d->p ? d->p : 1) * sizeof(*cols));
	enum ko_status st = KO_OK;

	if (!cols)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (!vcov)
		vcov = fit->vcov_model;
	for (t = 0; t < d->n_terms && !st; t++) {
		struct ko_term_test *tt = &out[t];
		size_t k = d->term_ncols[t];
		for (j = 0; j < k; j++)
			cols[j] = d->term_first[t] + j;
		tt->label = d->term_labels[t];
		tt->n_cols = k;
		tt->lr_chisq = tt->lr_df = tt->lr_p_value = NAN;
		st = ko_anova_wald_coef(fit->coef, fit->aliased, vcov, cols, k,
					&tt->wald_chisq, &tt->df,
					&tt->wald_p_value, err);
		if (!st && lr)
			st = fit->family->lr_test(data, opt, fit, cols, k,
						  &tt->lr_chisq, &tt->lr_df,
						  &tt->lr_p_value, err);
	}
	free(cols);
	return st;
}
