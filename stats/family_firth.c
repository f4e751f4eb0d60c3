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
	.effect_abbrev = "OR",
	.effect_name = "odds ratio",
	.effect_column = "odds_ratio",
	.method = "Firth's penalized likelihood (as logistf)",
	.penalized = 1,
	.fit = fit_firth,
	.vcov = ko_family_logit_vcov,
	.statistics = ko_family_logit_statistics,
	.lr_test = ko_family_logit_lr_test,
	.mean = ko_family_logit_mean,
	.warnings = ko_family_logit_warnings,
	.free = ko_family_logit_free
};
