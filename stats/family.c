/* family.c - the model-family registry (see family.h). */
#include "family.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ci.h"

/* One line per family, in family_list.h. */
const struct ko_family *const ko_families[] = {
#define KO_FAMILY(name) &ko_family_##name,
#include "family_list.h"
#undef KO_FAMILY
	NULL
};

const struct ko_family *ko_family_find(const char *name)
{
	size_t i;

	for (i = 0; name && ko_families[i]; i++)
		if (!strcmp(ko_families[i]->name, name))
			return ko_families[i];
	return NULL;
}

struct ko_logit_data ko_family_glm_data(const struct ko_family_data *d)
{
	struct ko_logit_data g;

	memset(&g, 0, sizeof(g));
	g.n = d->n;
	g.p = d->p;
	g.x = d->x;
	g.y = d->y;
	g.weights = d->weights;
	g.offset = d->offset;
	g.names = d->names;
	return g;
}

enum ko_status ko_family_glm_vcov(const struct ko_family_data *data,
				  const struct ko_logit_fit *view,
				  enum ko_family_se se, enum ko_logit_hc_type hc,
				  const long *cluster, gsl_matrix *out,
				  struct ko_err *err)
{
	struct ko_logit_data g = ko_family_glm_data(data);

	switch (se) {
	case KO_FAMILY_SE_MODEL:
		if (!view->vcov || gsl_matrix_memcpy(out, view->vcov))
			return ko_err_set(err, KO_ERR_NUMERIC,
					  "family: model covariance copy failed");
		return KO_OK;
	case KO_FAMILY_SE_ROBUST:
		return ko_logit_vcov_robust(&g, view, hc, out, err);
	case KO_FAMILY_SE_CLUSTER:
		if (!cluster)
			return ko_err_set(err, KO_ERR_USAGE,
					  "family: cluster SEs need cluster ids");
		return ko_logit_vcov_cluster(&g, view, cluster, hc, out, err);
	}
	return ko_err_set(err, KO_ERR_USAGE, "family: unknown SE type %d", (int)se);
}

int ko_family_lr_no_refit(const struct ko_family_fit *fit, const size_t *cols,
			  size_t k, double null_deviance, double deviance,
			  double *chisq, double *df, double *p_value)
{
	int penalized = fit->family->penalized;
	size_t i, m = 0;

	for (i = 0; i < k; i++)
		m += !fit->aliased[cols[i]];
	*chisq = *df = *p_value = NAN;
	if (m == 0) {
		if (!penalized && k > 0)
			*chisq = *df = 0;
		return 1;
	}
	if (penalized || fit->p != k)
		return 0;
	*chisq = null_deviance - deviance;
	*df = (double)fit->rank;
	*p_value = *df > 0 ? gsl_cdf_chisq_Q(*chisq, *df) : NAN;
	return 1;
}

const char *ko_family_profile_missing(const struct ko_family_fit *fit, size_t j)
{
	if (!fit->ci_profile || j >= fit->p || fit->aliased[j])
		return NULL;
	return ko_ci_missing_ends(fit->conf_low[j], fit->conf_high[j]);
}
