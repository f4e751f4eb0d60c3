/* family.c - the model-family registry (see family.h). */
#include "family.h"

#include <string.h>

/* One line per family. */
const struct ko_family *const ko_families[] = {
	&ko_family_logistic,
	&ko_family_firth,
	&ko_family_poisson,
	&ko_family_poisson_rate,
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

enum ko_status ko_family_glm_vcov(const struct ko_logit_data *data,
				  const struct ko_logit_fit *view,
				  enum ko_family_se se, enum ko_logit_hc_type hc,
				  const long *cluster, gsl_matrix *out,
				  struct ko_err *err)
{
	switch (se) {
	case KO_FAMILY_SE_MODEL:
		if (!view->vcov || gsl_matrix_memcpy(out, view->vcov))
			return ko_err_set(err, KO_ERR_NUMERIC,
					  "family: model covariance copy failed");
		return KO_OK;
	case KO_FAMILY_SE_ROBUST:
		return ko_logit_vcov_robust(data, view, hc, out, err);
	case KO_FAMILY_SE_CLUSTER:
		if (!cluster)
			return ko_err_set(err, KO_ERR_USAGE,
					  "family: cluster SEs need cluster ids");
		return ko_logit_vcov_cluster(data, view, cluster, hc, out, err);
	}
	return ko_err_set(err, KO_ERR_USAGE, "family: unknown SE type %d", (int)se);
}
