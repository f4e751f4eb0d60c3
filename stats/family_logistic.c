/* family_logistic.c - logistic regression by maximum likelihood (R's
 * glm(family = binomial)) as a model family (family.h); the fitting is
 * logit.c's.  The Firth family (family_firth.c) shares these functions. */
#include "family.h"

#include <stdlib.h>

enum ko_status ko_family_logit_fit(const struct ko_family *fam, int firth,
				   const struct ko_family_data *data,
				   const struct ko_logit_options *opt,
				   struct ko_family_fit **out, struct ko_err *err)
{
	struct ko_logit_data g = ko_family_glm_data(data);
	struct ko_logit_options o = *opt;
	struct ko_logit_fit *lf = NULL;
	struct ko_family_fit *f;
	enum ko_status st;

	*out = NULL;
	o.firth = firth;
	if (!data->y)
		return ko_err_set(err, KO_ERR_USAGE, "%s: the family needs an "
				  "outcome (y)", fam->name);
	if ((st = ko_logit_fit(&g, &o, &lf, err)))
		return st;
	if (!(f = calloc(1, sizeof(*f)))) {
		ko_logit_fit_free(lf);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	f->family = fam;
	f->n = lf->n;
	f->p = lf->p;
	f->n_used = lf->n_used;
	f->rank = lf->rank;
	f->coef = lf->coef;
	f->se = lf->se;
	f->p_value = lf->p_value;
	f->conf_low = lf->conf_low;
	f->conf_high = lf->conf_high;
	f->aliased = lf->aliased;
	f->ci_profile = lf->ci_profile;
	f->level = lf->level;
	f->vcov_model = lf->vcov;
	f->mu = lf->mu;
	f->converged = lf->converged;
	f->impl = lf;
	*out = f;
	return KO_OK;
}

enum ko_status ko_family_logit_vcov(const struct ko_family_data *data,
				    const struct ko_family_fit *fit,
				    enum ko_family_se se, enum ko_logit_hc_type hc,
				    const long *cluster, gsl_matrix *out,
				    struct ko_err *err)
{
	return ko_family_glm_vcov(data, fit->impl, se, hc, cluster, out, err);
}

void ko_family_logit_statistics(const struct ko_family_fit *fit,
				struct ko_family_stats *out)
{
	const struct ko_logit_fit *lf = fit->impl;

	out->deviance = lf->deviance;
	out->null_deviance = lf->null_deviance;
	out->loglik = lf->loglik;
	out->null_loglik = lf->null_loglik;
	out->aic = lf->aic;
	out->bic = lf->bic;
	out->df_residual = lf->df_residual;
	out->df_null = lf->df_null;
	out->iterations = lf->iterations;
	out->converged = lf->converged;
}

void ko_family_logit_free(struct ko_family_fit *fit)
{
	if (!fit)
		return;
	ko_logit_fit_free(fit->impl);
	free(fit);
}

static enum ko_status fit_ml(const struct ko_family_data *data,
			     const struct ko_logit_options *opt,
			     struct ko_family_fit **out, struct ko_err *err)
{
	return ko_family_logit_fit(&ko_family_logistic, 0, data, opt, out, err);
}

const struct ko_family ko_family_logistic = {
	"logistic", "OR", "odds ratio",
	fit_ml, ko_family_logit_vcov, ko_family_logit_statistics,
	ko_family_logit_free
};
