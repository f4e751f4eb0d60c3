/* family_firth.c - logistic regression by Firth's penalized likelihood
 * (R's logistf) as a model family (family.h); the fitting is logit.c's,
 * the adapter family_logistic.c's. */
#include "family.h"

static enum ko_status fit_firth(const struct ko_family_data *data,
				const struct ko_logit_options *opt,
				struct ko_family_fit **out, struct ko_err *err)
{
	return ko_family_logit_fit(&ko_family_firth, 1, data, opt, out, err);
}

const struct ko_family ko_family_firth = {
	.name = "firth",
	.method = "Firth's penalized likelihood (as logistf)",
	.penalized = 1,
	.estimator = "firth",
	.glm_family = NULL, /* logistf */
	.fit = fit_firth,
	KO_FAMILY_LOGIT_TABLE
};
