/* anova.c - joint Wald and likelihood-ratio tests per term (see anova.h). */
#include "anova.h"
#include "quadform.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

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
	size_t i, m = 0;
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
	/* b' V^-1 b over the columns used, V's rows tda apart */
	gs = ko_quadform(coef, vcov->data, vcov->tda, use, m, &w);
	if ((st = ko_quadform_status(gs, err, NULL,
				     "Wald test: covariance not positive definite: %s",
				     gsl_strerror(gs))))
		goto out;
	*chisq = w;
	*df = (double)m;
	*p_value = gsl_cdf_chisq_Q(w, (double)m);
out:
	free(use);
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
