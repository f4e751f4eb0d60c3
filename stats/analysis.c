/* analysis.c - the orchestration the model stage and kohort fit share
 * (see analysis.h). */
#include "analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "ci.h"
#include "base/par.h"

/* se, p, lo and hi are one block (ko_inference_choose). */
void ko_inference_release(struct ko_inference *inf)
{
	gsl_matrix_free(inf->vcov);
	free(inf->se);
	memset(inf, 0, sizeof(*inf));
}

enum ko_status ko_inference_choose(const struct ko_family_data *data,
				   const struct ko_family_fit *fit,
				   enum ko_family_se se,
				   enum ko_logit_hc_type hc, const long *cluster,
				   double level, struct ko_inference *inf,
				   struct ko_err *err)
{
	size_t j, p = fit->p;
	double z = ko_ci_z(level);
	enum ko_status st;

	if (!(inf->se = malloc(4 * (p ? p : 1) * sizeof(double))))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	inf->p = inf->se + p;
	inf->lo = inf->p + p;
	inf->hi = inf->lo + p;
	if (se == KO_FAMILY_SE_MODEL) {
		memcpy(inf->se, fit->se, p * sizeof(double));
		memcpy(inf->p, fit->p_value, p * sizeof(double));
		memcpy(inf->lo, fit->conf_low, p * sizeof(double));
		memcpy(inf->hi, fit->conf_high, p * sizeof(double));
		return KO_OK;
	}
	if (!(inf->vcov = gsl_matrix_alloc(p, p)))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if ((st = fit->family->vcov(data, fit, se, hc, cluster, inf->vcov, err)))
		return st;
	for (j = 0; j < p; j++) {
		double s = sqrt(gsl_matrix_get(inf->vcov, j, j));

		inf->se[j] = s;
		inf->p[j] = 2 * gsl_cdf_ugaussian_Q(fabs(fit->coef[j] / s));
		inf->lo[j] = fit->ci_profile ? fit->conf_low[j] : fit->coef[j] - z * s;
		inf->hi[j] = fit->ci_profile ? fit->conf_high[j] : fit->coef[j] + z * s;
	}
	return KO_OK;
}

long ko_analysis_exposure_term(const struct ko_formula *f, const char *name,
			       int by_label)
{
	size_t t;

	for (t = 0; by_label && t < f->n_terms; t++)
		if (!strcmp(f->terms[t].label, name))
			return (long)t;
	for (t = 0; t < f->n_terms; t++)
		if (f->terms[t].n_vars == 1 &&
		    !strcmp(f->vars[f->terms[t].vars[0]].column, name))
			return (long)t;
	return -1;
}

struct discrim_job {
	const double *y, *mu;
	size_t n;
	double level;
	int groups;
	struct ko_discrimination *out;
};

/* Part 0: the AUC; part 1: Hosmer-Lemeshow (each sorts the fitted
 * values, so they can run side by side). */
static void discrim_part(void *ctx, size_t part)
{
	const struct discrim_job *j = ctx;
	struct ko_discrimination *o = j->out;
	struct ko_err err;

	ko_err_clear(&err);
	if (part == 0) {
		o->auc_ok = !ko_discrim_auc(j->y, j->mu, j->n, j->level, &o->auc,
					    &err);
		if (!o->auc_ok)
			snprintf(o->auc_note, sizeof(o->auc_note), "%s", err.msg);
	} else {
		o->hl_ok = !ko_discrim_hoslem(j->y, j->mu, j->n, j->groups, &o->hl,
					      &err);
		if (!o->hl_ok)
			snprintf(o->hl_note, sizeof(o->hl_note), "%s", err.msg);
	}
}

void ko_analysis_discrimination(const double *y, const double *mu, size_t n,
				double level, int groups, int parallel,
				struct ko_discrimination *out)
{
	struct discrim_job job = { y, mu, n, level, groups, out };

	out->auc_note[0] = out->hl_note[0] = '\0';
	if (parallel) {
		ko_par_run(2, discrim_part, &job);
	} else {
		discrim_part(&job, 0);
		discrim_part(&job, 1);
	}
}

void ko_analysis_rr_release(struct ko_analysis_rr *rr)
{
	if (rr->fit)
		rr->fit->family->free(rr->fit);
	ko_inference_release(&rr->inf);
	free(rr->rr); /* rr_low and rr_high are in its block */
	memset(rr, 0, sizeof(*rr));
}

enum ko_status ko_analysis_rr(const struct ko_family_data *data, int max_iter,
			      double level, enum ko_logit_hc_type hc,
			      const long *cluster, struct ko_analysis_rr *out,
			      struct ko_err *err)
{
	const struct ko_family *fam = &ko_family_poisson;
	struct ko_logit_options opt;
	enum ko_status st;
	size_t j, p;

	memset(out, 0, sizeof(*out));
	ko_logit_options_init(&opt);
	if (max_iter > 0)
		opt.max_iter = max_iter;
	opt.level = level;
	if ((st = fam->fit(data, &opt, &out->fit, err)))
		return st;
	fam->statistics(out->fit, &out->stats);
	out->cluster = cluster != NULL;
	if ((st = ko_inference_choose(data, out->fit, cluster ? KO_FAMILY_SE_CLUSTER
				      : KO_FAMILY_SE_ROBUST, hc, cluster, level,
				      &out->inf, err)))
		return st;
	p = out->fit->p;
	if (!(out->rr = malloc(3 * (p ? p : 1) * sizeof(double))))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	out->rr_low = out->rr + p;
	out->rr_high = out->rr_low + p;
	for (j = 0; j < p; j++) {
		int al = out->fit->aliased[j];

		if (al)
			out->inf.se[j] = out->inf.p[j] = out->inf.lo[j] =
				out->inf.hi[j] = NAN;
		out->rr[j] = al ? NAN : exp(out->fit->coef[j]);
		out->rr_low[j] = al ? NAN : exp(out->inf.lo[j]);
		out->rr_high[j] = al ? NAN : exp(out->inf.hi[j]);
	}
	return KO_OK;
}

long ko_analysis_exposure_aliased(const int *aliased,
				  const struct ko_margins_exposure *ex)
{
	size_t c;

	for (c = 0; c < ex->ncols; c++)
		if (aliased[ex->first + c])
			return (long)(ex->first + c);
	return -1;
}

static void lap(const struct ko_analysis_request *rq, const char *step)
{
	if (rq->lap)
		rq->lap(rq->lap_ctx, step);
}

/* A step's recoverable error (bad data, numerics, usage) kept in status
 * and msg; any other stops the analysis. */
static enum ko_status keep_error(enum ko_status st, struct ko_err *err,
				 enum ko_status *status, char *msg)
{
	if (st != KO_ERR_DATA && st != KO_ERR_NUMERIC && st != KO_ERR_USAGE)
		return st;
	*status = st;
	snprintf(msg, KO_ERR_MSG_MAX, "%s", err->msg);
	ko_err_clear(err);
	return KO_OK;
}

enum ko_status ko_analysis_run(const struct ko_family_data *data,
			       const struct ko_design *d,
			       const struct ko_analysis_request *rq,
			       struct ko_analysis *out, struct ko_err *err)
{
	const struct ko_family *fam = rq->family;
	enum ko_status st;
	size_t t;

	memset(out, 0, sizeof(*out));
	out->margins_aliased = -1;
	/* time-to-event data (Cox: no outcome y, no mean) have no risk: no
	 * modified Poisson risk ratio, no standardised risks, no AUC/HL of
	 * fitted risks (Cox has its concordance in the statistics); refused
	 * before the fit, so that nothing is half-made */
	if (!data->y && rq->rr)
		return ko_err_set(err, KO_ERR_USAGE,
				  "%s: effect rr (modified Poisson risk ratios of a 0/1 outcome) is not defined for this family; its effect is the %s",
				  fam->name, fam->effect_name);
	if (!data->y && !fam->mean && rq->exposure)
		return ko_err_set(err, KO_ERR_USAGE,
				  "%s: standardised risks (effect rd/paf) need a family with a mean (a risk); the %s family has none",
				  fam->name, fam->name);
	if (!data->y && rq->discrimination)
		return ko_err_set(err, KO_ERR_USAGE,
				  "%s: AUC and Hosmer-Lemeshow need a 0/1 outcome", fam->name);
	if ((st = fam->fit(data, &rq->opt, &out->fit, err)))
		return st;
	fam->statistics(out->fit, &out->stats);
	lap(rq, "fit");
	if ((st = ko_inference_choose(data, out->fit, rq->se, rq->hc,
				      rq->se == KO_FAMILY_SE_CLUSTER ? rq->cluster
				      : NULL, rq->level, &out->inf, err)))
		return st;
	out->vcov = out->inf.vcov ? out->inf.vcov : out->fit->vcov_model;
	lap(rq, "vcov");
	if (rq->rr) {
		st = ko_analysis_rr(data, rq->opt.max_iter, rq->level, rq->hc,
				    rq->se == KO_FAMILY_SE_CLUSTER ? rq->cluster
				    : NULL, &out->rr, err);
		if (st)
			ko_analysis_rr_release(&out->rr);
		if (st && (st = keep_error(st, err, &out->rr_status, out->rr_msg)))
			return st;
	}
	if (rq->exposure) {
		out->margins_aliased = ko_analysis_exposure_aliased(out->fit->aliased,
								    rq->exposure);
		if (out->margins_aliased >= 0) {
			out->margins_status = KO_ERR_DATA;
			snprintf(out->margins_msg, sizeof(out->margins_msg),
				 "a column of the exposure is aliased");
		} else if ((st = ko_margins_family(data, out->fit, out->vcov,
						   rq->exposure, rq->level,
						   &out->margins, err)) &&
			   (st = keep_error(st, err, &out->margins_status,
					    out->margins_msg))) {
			return st;
		}
	}
	if (rq->rr || rq->exposure)
		lap(rq, "effects");
	if (rq->discrimination && out->fit->mu) {
		if (!(out->disc = malloc(sizeof(*out->disc))))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		ko_analysis_discrimination(data->y, out->fit->mu, data->n, rq->level,
					   rq->hl_groups, rq->parallel, out->disc);
	}
	lap(rq, "auc+hl");
	if (rq->tests) {
		/* lr_from_null: a GLM's null deviance; a family without a
		 * deviance (Cox) takes its lr_test, whose empty refit is the
		 * null model's loglik0 */
		int from_null = rq->lr_from_null && !isnan(out->stats.null_deviance);
		int lr = (rq->tests & KO_ANALYSIS_TESTS_LR) && !from_null;

		if (!(out->tests = calloc(d->n_terms + 1, sizeof(*out->tests))))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		if ((st = ko_anova_terms(d, data, out->fit, &rq->opt, out->inf.vcov,
					 lr, out->tests, err)))
			return st;
		if ((rq->tests & KO_ANALYSIS_TESTS_LR) && from_null) {
			out->tests[0].lr_df = (double)out->fit->rank - 1;
			out->tests[0].lr_chisq = out->stats.null_deviance -
						 out->stats.deviance;
			out->tests[0].lr_p_value = out->tests[0].lr_df > 0
				? gsl_cdf_chisq_Q(out->tests[0].lr_chisq,
						  out->tests[0].lr_df) : NAN;
		}
		if (!(rq->tests & KO_ANALYSIS_TESTS_WALD))
			for (t = 0; t < d->n_terms; t++)
				out->tests[t].wald_chisq = out->tests[t].wald_p_value = NAN;
		lap(rq, "tests");
	}
	return KO_OK;
}

void ko_analysis_release(struct ko_analysis *a)
{
	if (a->fit)
		a->fit->family->free(a->fit);
	ko_inference_release(&a->inf);
	ko_analysis_rr_release(&a->rr);
	ko_margins_free(a->margins);
	free(a->tests);
	free(a->disc);
	memset(a, 0, sizeof(*a));
}

enum ko_status ko_analysis_cox_zph(const struct ko_family_data *data,
				   const struct ko_design *d,
				   const struct ko_family_fit *fit,
				   struct ko_cox_zph *out, struct ko_err *err)
{
	size_t *term = malloc((d->p ? d->p : 1) * sizeof(*term)), t, j;
	enum ko_status st;

	if (!term)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < d->n_terms; t++)
		for (j = 0; j < d->term_ncols[t]; j++)
			term[d->term_first[t] + j] = t;
	st = ko_family_cox_zph(data, fit, term, d->n_terms, out, err);
	free(term);
	return st;
}
