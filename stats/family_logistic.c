/* family_logistic.c - logistic regression by maximum likelihood (R's
 * glm(family = binomial)) as a model family (family.h); the fitting is
 * logit.c's.  The Firth family (family_firth.c) shares these functions. */
#include "family.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

enum ko_status ko_family_logit_fit(const struct ko_family *fam, int firth,
				   const struct ko_family_data *data,
				   const struct ko_logit_options *opt,
				   struct ko_family_fit **out, struct ko_err *err)
{
	struct ko_logit_data g = ko_family_glm_data(data);
	struct ko_logit_options o = *opt;
	struct ko_logit_fit *lf = NULL;
	struct ko_family_fit *f;
	int *sep = NULL;
	enum ko_status st;
	size_t j;

	*out = NULL;
	o.firth = firth;
	if (!data->y)
		return ko_err_set(err, KO_ERR_USAGE, "%s: the family needs an "
				  "outcome (y)", fam->name);
	if ((st = ko_logit_fit(&g, &o, &lf, err)))
		return st;
	if (!(f = calloc(1, sizeof(*f))) ||
	    (lf->separated &&
	     !(sep = calloc(lf->p ? lf->p : 1, sizeof(*sep))))) {
		free(f);
		ko_logit_fit_free(lf);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	/* the data's separation (ML's sense; a Firth fit's estimates stay
	 * finite there, see family.h's penalized) */
	for (j = 0; sep && j < lf->p; j++)
		sep[j] = lf->separated[j] == KO_LOGIT_SEP_TO_PLUS_INF ? 1
			 : lf->separated[j] == KO_LOGIT_SEP_TO_MINUS_INF ? -1 : 0;
	KO_FAMILY_FIT_ADOPT(f, fam, lf, lf);
	f->separated = sep;
	f->ci_profile = lf->ci_profile;
	f->vcov_model = lf->vcov;
	f->mu = lf->mu;
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
	out->separation = lf->separation;
	out->separation_checked = lf->separation_checked;
	out->n_events = 0;
	out->concordance = NAN;
	out->fitted_boundary = lf->fitted_0_or_1;
}

/* drop1's LR test (anova.h's rules): ML refits without cols, or for a
 * model without intercept whose only columns these are, the empty model
 * (eta = offset, glm's null model then); Firth the penalized LR with the
 * penalty on the full design (logistf).  All columns aliased: ML Df 0 and
 * LRT 0 as drop1 prints; Firth has none to test (NaN). */
enum ko_status ko_family_logit_lr_test(const struct ko_family_data *data,
				       const struct ko_logit_options *opt,
				       const struct ko_family_fit *fit,
				       const size_t *cols, size_t k,
				       double *chisq, double *df,
				       double *p_value, struct ko_err *err)
{
	const struct ko_logit_fit *lf = fit->impl;
	struct ko_logit_data g = ko_family_glm_data(data);

	if (ko_family_lr_no_refit(fit, cols, k, lf->null_deviance, lf->deviance,
				  chisq, df, p_value))
		return KO_OK;
	return ko_logit_lr_test(&g, lf, opt, cols, k, chisq, df, p_value, err);
}

void ko_family_logit_mean(double eta, double *mu, double *dmu)
{
	double pr = 1.0 / (1.0 + exp(-eta));

	*mu = pr;
	*dmu = pr * (1.0 - pr);
}

void ko_family_logit_warnings(const struct ko_family_fit *ff,
			      const char *const *names, unsigned what,
			      void (*emit)(void *ctx, const char *msg),
			      void *ctx)
{
	const struct ko_logit_fit *fit = ff->impl;
	const char *ends;
	char msg[1024]; /* the model stage keeps 600, kohort fit all */
	size_t j;

	if ((what & KO_WARN_CONVERGE) && !fit->converged) {
		snprintf(msg, sizeof(msg), "the fit did not converge in %d iterations",
			 fit->iterations);
		emit(ctx, msg);
	}
	if ((what & KO_WARN_FITTED) && fit->fitted_0_or_1) { /* R warns of both */
		snprintf(msg, sizeof(msg), "fitted probabilities numerically 0 or 1 "
			 "in %zu rows", fit->fitted_0_or_1);
		emit(ctx, msg);
	}
	for (j = 0; (what & KO_WARN_COEF) && j < fit->p; j++) {
		if (fit->aliased[j]) {
			snprintf(msg, sizeof(msg), "%s: aliased (linearly dependent "
				 "on other columns), not estimated", names[j]);
			emit(ctx, msg);
		}
		if (fit->separated && fit->separated[j] != KO_LOGIT_SEP_NONE) {
			snprintf(msg, sizeof(msg), "%s: separated, the ML estimate "
				 "tends to %s", names[j],
				 fit->separated[j] == KO_LOGIT_SEP_TO_PLUS_INF
				 ? "+Inf" : "-Inf");
			emit(ctx, msg);
		}
		if ((ends = ko_logit_profile_missing(fit, j))) {
			snprintf(msg, sizeof(msg), "%s: the profile-likelihood "
				 "interval's %s end could not be found (NA)",
				 names[j], ends);
			emit(ctx, msg);
		}
	}
}

void ko_family_logit_free(struct ko_family_fit *fit)
{
	if (!fit)
		return;
	ko_logit_fit_free(fit->impl);
	free((void *)fit->separated);
	free(fit);
}

static enum ko_status fit_ml(const struct ko_family_data *data,
			     const struct ko_logit_options *opt,
			     struct ko_family_fit **out, struct ko_err *err)
{
	return ko_family_logit_fit(&ko_family_logistic, 0, data, opt, out, err);
}

const struct ko_family ko_family_logistic = {
	.name = "logistic",
	.method = "maximum likelihood",
	.penalized = 0,
	.estimator = "ml",
	.glm_family = "binomial",
	.fit = fit_ml,
	KO_FAMILY_LOGIT_TABLE
};
