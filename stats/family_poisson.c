/* family_poisson.c - modified Poisson regression (Zou 2004; R's
 * glm(family = poisson) on a 0/1 outcome) as a model family (family.h);
 * the fitting is poisson.c's.  The fit's own SEs are model-based here (as
 * for every family); the robust SEs Zou's method needs come from vcov()
 * with KO_FAMILY_SE_ROBUST or KO_FAMILY_SE_CLUSTER. */
#include "family.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "poisson.h"

static enum ko_status fit_poisson(const struct ko_family_data *data,
				  const struct ko_logit_options *opt,
				  struct ko_family_fit **out, struct ko_err *err)
{
	struct ko_logit_data g = ko_family_glm_data(data);
	struct ko_poisson_options po;
	struct ko_poisson_fit *pf = NULL;
	struct ko_family_fit *f;
	enum ko_status st;

	*out = NULL;
	if (!data->y)
		return ko_err_set(err, KO_ERR_USAGE, "poisson: the family needs an "
				  "outcome (y)");
	ko_poisson_options_init(&po);
	po.max_iter = opt->max_iter;
	po.epsilon = opt->epsilon;
	po.level = opt->level;
	po.alias_tol = opt->alias_tol;
	po.se = KO_POISSON_SE_MODEL;
	if ((st = ko_poisson_fit(&g, &po, &pf, err)))
		return st;
	if (!(f = calloc(1, sizeof(*f)))) {
		ko_poisson_fit_free(pf);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	f->family = &ko_family_poisson;
	f->n = pf->n;
	f->p = pf->p;
	f->n_used = pf->n_used;
	f->rank = pf->rank;
	f->coef = pf->coef;
	f->se = pf->se;
	f->p_value = pf->p_value;
	f->conf_low = pf->conf_low;
	f->conf_high = pf->conf_high;
	f->aliased = pf->aliased;
	f->ci_profile = 0;
	f->level = pf->level;
	f->vcov_model = pf->vcov_model;
	f->mu = pf->mu;
	f->converged = pf->converged;
	f->impl = pf;
	*out = f;
	return KO_OK;
}

/* logit.h's sandwich on a view of the Poisson fit, as poisson.c does. */
static enum ko_status vcov_poisson(const struct ko_family_data *data,
				   const struct ko_family_fit *fit,
				   enum ko_family_se se, enum ko_logit_hc_type hc,
				   const long *cluster, gsl_matrix *out,
				   struct ko_err *err)
{
	const struct ko_poisson_fit *pf = fit->impl;
	struct ko_logit_fit view;

	memset(&view, 0, sizeof(view));
	view.n = pf->n;
	view.p = pf->p;
	view.n_used = pf->n_used;
	view.rank = pf->rank;
	view.aliased = pf->aliased;
	view.vcov = pf->vcov_model;
	view.working_weights = pf->working_weights;
	view.working_residuals = pf->working_residuals;
	return ko_family_glm_vcov(data, &view, se, hc, cluster, out, err);
}

static void statistics_poisson(const struct ko_family_fit *fit,
			       struct ko_family_stats *out)
{
	const struct ko_poisson_fit *pf = fit->impl;

	out->deviance = pf->deviance;
	out->null_deviance = pf->null_deviance;
	out->loglik = NAN;
	out->null_loglik = NAN;
	out->aic = pf->aic;
	out->bic = NAN;
	out->df_residual = pf->df_residual;
	out->df_null = pf->df_null;
	out->iterations = pf->iterations;
	out->converged = pf->converged;
}

static void free_poisson(struct ko_family_fit *fit)
{
	if (!fit)
		return;
	ko_poisson_fit_free(fit->impl);
	free(fit);
}

const struct ko_family ko_family_poisson = {
	"poisson", "RR", "risk ratio",
	fit_poisson, vcov_poisson, statistics_poisson, free_poisson
};
