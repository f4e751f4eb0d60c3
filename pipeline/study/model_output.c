/*
 * model_output.c - the model stage's files (models/NAME.csv and the
 * others, docs/outputs.md), written from the results by ko_model_write, and
 * the warnings and models not fitted that the run adds to its outputs and
 * prints (model.h).
 */
#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "outfile.h"
#include "study.h"

/* ---- files ------------------------------------------------------------------ */

static void put_text(FILE *fp, const char *s)
{
	ko_csv_put(fp, s, KO_CSV_SAFE);
}

/* A number: empty when missing, Inf/-Inf, else 15 significant digits. */
static void put_num(FILE *fp, double v)
{
	fputc(',', fp);
	ko_num_put(fp, v, "", 15, 1);
}

/* A run of numbers, each as put_num: PUT_NUMS(fp, a, b, c). */
static void put_nums(FILE *fp, const double *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		put_num(fp, v[k]);
}

#define PUT_NUMS(fp, ...) \
	put_nums(fp, (const double[]){ __VA_ARGS__ }, \
		 sizeof((const double[]){ __VA_ARGS__ }) / sizeof(double))

static void put_count(FILE *fp, long v)
{
	fputc(',', fp);
	if (v >= 0)
		fprintf(fp, "%ld", v);
}

/* model,stratum,version,  for every row */
static void put_key(FILE *fp, const struct ko_model_result *r,
		    const struct ko_model_fit *fit)
{
	put_text(fp, r->cfg->name);
	fputc(',', fp);
	put_text(fp, fit->stratum);
	fputs(fit->crude ? ",crude," : ",adjusted,", fp);
}

/* The effect column is named by the family (odds_ratio, risk_ratio,
 * hazard_ratio); the columns of effect = rr only for the families that
 * allow it (not poisson, whose own effect is the risk ratio, nor cox);
 * a Cox model's person_years after events; conf_low_log and conf_high_log
 * last (added after the others, so that a script that reads the columns
 * by position still finds them). */
static void write_coefs(FILE *fp, const struct ko_model_result *r)
{
	int tte = r->cfg->time_to_event;
	int rr = r->family->rr_refit;
	size_t f, i;

	fprintf(fp, "model,stratum,version,term,level,estimate,std_error,"
		"statistic,p_value,%s,conf_low,conf_high,n,events%s%s,"
		"conf_low_log,conf_high_log\n",
		r->family->effect_column,
		tte ? ",person_years,rate,rate_conf_low,rate_conf_high" : "",
		rr ? ",risk_ratio,rr_conf_low,rr_conf_high,rr_p_value" : "");
	for (f = 0; f < r->n_fits; f++)
		for (i = 0; i < r->fits[f].n_rows; i++) {
			const struct ko_model_row *row = &r->fits[f].rows[i];

			put_key(fp, r, &r->fits[f]);
			put_text(fp, row->term);
			fputc(',', fp);
			put_text(fp, row->level);
			PUT_NUMS(fp, row->estimate, row->std_error, row->statistic,
				 row->p_value, row->effect, row->conf_low,
				 row->conf_high);
			put_count(fp, row->n);
			put_count(fp, row->events);
			if (tte)
				PUT_NUMS(fp, row->person_years, row->rate,
					 row->rate_conf_low, row->rate_conf_high);
			if (rr)
				PUT_NUMS(fp, row->risk_ratio, row->rr_conf_low,
					 row->rr_conf_high, row->rr_p_value);
			PUT_NUMS(fp, row->conf_low_log, row->conf_high_log);
			fputc('\n', fp);
		}
}

/* The modified Poisson columns of a fit's stats row (empty when none). */
static void put_rr_stats(FILE *fp, const struct ko_model_result *r,
			 const struct ko_model_fit *fit)
{
	int ok = fit->rr_fitted;

	fputs(ok ? ",modified poisson," : ",,", fp);
	if (ok)
		fputs(r->cfg->se == KO_MODEL_SE_CLUSTER
		      ? (r->cfg->cluster == KO_REL_FATHER ? "cluster HC0 (father)"
			 : "cluster HC0 (mother)") : "robust HC0", fp);
	put_count(fp, ok ? fit->rr_iterations : -1);
	put_count(fp, ok ? fit->rr_converged : -1);
	put_num(fp, ok ? fit->rr_deviance : NAN);
	put_count(fp, ok ? (long)fit->rr_fitted_above_1 : -1);
	put_count(fp, ok ? (long)fit->rr_fitted_0 : -1);
}

static void write_stats(FILE *fp, const struct ko_model_result *r)
{
	const struct ko_cfg_model *m = r->cfg;
	size_t f;

	fputs("model,stratum,version,exposure,formula,n_input,n_dropped_missing,"
	      "n_used,events,estimator,se_type,ci_method,level,n_coefficients,"
	      "rank,deviance,null_deviance,df_residual,df_null,loglik,aic,bic,"
	      "iterations,converged,separation,fitted_0_or_1,auc,auc_se,"
	      "auc_conf_low,auc_conf_high,hl_chisq,hl_df,hl_p_value,"
	      "warnings,rr_model,rr_se_type,rr_iterations,rr_converged,"
	      "rr_deviance,rr_fitted_risk_above_1,rr_fitted_risk_0", fp);
	fputs(!m->time_to_event ? "\n"
	      : r->family->outcome != KO_FAMILY_EVENT_TIME
	      ? ",ties,person_years,concordance\n"
	      : ",ties,person_years,concordance,zph_global_chisq,zph_global_df,"
		"zph_global_p_value\n", fp);
	for (f = 0; f < r->n_fits; f++) {
		const struct ko_model_fit *fit = &r->fits[f];
		int ok = !fit->error;

		put_key(fp, r, fit);
		put_text(fp, fit->exposure);
		fputc(',', fp);
		put_text(fp, fit->formula);
		put_count(fp, (long)fit->n_input);
		put_count(fp, ok ? (long)fit->n_missing : -1);
		put_count(fp, ok ? (long)fit->n_used : -1);
		put_count(fp, ok ? fit->events : -1);
		fprintf(fp, ",%s,", r->family->estimator);
		put_text(fp, r->se_label);
		fputc(',', fp);
		put_text(fp, r->ci_label);
		put_num(fp, m->level);
		put_count(fp, ok ? (long)fit->n_coef : -1);
		put_count(fp, ok ? (long)fit->rank : -1);
		PUT_NUMS(fp, fit->deviance, fit->null_deviance, fit->df_residual,
			 fit->df_null, fit->loglik, fit->aic, fit->bic);
		put_count(fp, ok ? fit->iterations : -1);
		put_count(fp, ok ? fit->converged : -1);
		put_count(fp, ok ? fit->separation : -1);
		put_count(fp, ok ? (long)fit->fitted_0_or_1 : -1);
		PUT_NUMS(fp, fit->auc, fit->auc_se, fit->auc_conf_low,
			 fit->auc_conf_high, fit->hl_chisq, fit->hl_df,
			 fit->hl_p_value);
		fputc(',', fp);
		if (fit->error) {
			fputs("not fitted: ", fp);
			put_text(fp, fit->error);
		} else {
			put_text(fp, fit->warnings);
		}
		put_rr_stats(fp, r, fit);
		if (m->time_to_event) {
			fputs(r->family->outcome != KO_FAMILY_EVENT_TIME ? ","
			      : m->ties ? ",breslow" : ",efron", fp);
			PUT_NUMS(fp, fit->person_years, fit->concordance);
			if (r->family->outcome == KO_FAMILY_EVENT_TIME)
				PUT_NUMS(fp, fit->zph_chisq, fit->zph_df,
					 fit->zph_p_value);
		}
		fputc('\n', fp);
	}
}

static void write_tests(FILE *fp, const struct ko_model_result *r)
{
	size_t f, t;

	int cox = r->family->outcome == KO_FAMILY_EVENT_TIME;

	fputs("model,stratum,version,exposure,term,df,wald_chisq,wald_p_value,"
	      "lr_df,lr_chisq,lr_p_value", fp);
	fputs(cox ? ",zph_chisq,zph_df,zph_p_value\n" : "\n", fp);
	for (f = 0; f < r->n_fits; f++)
		for (t = 0; t < r->fits[f].n_tests; t++) {
			const struct ko_model_test *tt = &r->fits[f].tests[t];

			put_key(fp, r, &r->fits[f]);
			put_text(fp, r->fits[f].exposure);
			fputc(',', fp);
			put_text(fp, tt->term);
			PUT_NUMS(fp, tt->df, tt->wald_chisq, tt->wald_p_value,
				 tt->lr_df, tt->lr_chisq, tt->lr_p_value);
			if (cox)
				PUT_NUMS(fp, tt->zph_chisq, tt->zph_df,
					 tt->zph_p_value);
			fputc('\n', fp);
		}
}

/* models/NAME_effects.csv: per fit with standardised risks, a row per
 * exposure level and (effect = paf) a row "(all)" for the whole sample. */
static void write_effects(FILE *fp, const struct ko_model_result *r)
{
	size_t f, k;

	fputs("model,stratum,version,exposure,level,n,events,crude_risk,"
	      "adjusted_risk,adjusted_conf_low,adjusted_conf_high,risk_ratio,"
	      "rr_conf_low,rr_conf_high,risk_difference,rd_conf_low,"
	      "rd_conf_high,paf,paf_conf_low,paf_conf_high,attributable_cases,"
	      "attributable_conf_low,attributable_conf_high\n", fp);
	for (f = 0; f < r->n_fits; f++) {
		const struct ko_model_effect *e = r->fits[f].effect;

		for (k = 0; e && k < e->n_levels; k++) {
			const struct ko_model_effect_level *l = &e->levels[k];

			put_key(fp, r, &r->fits[f]);
			put_text(fp, e->exposure);
			fputc(',', fp);
			put_text(fp, l->level);
			put_count(fp, l->n);
			put_count(fp, l->events);
			PUT_NUMS(fp, l->crude_risk, l->risk, l->risk_conf_low,
				 l->risk_conf_high, l->risk_ratio, l->rr_conf_low,
				 l->rr_conf_high, l->risk_difference,
				 l->rd_conf_low, l->rd_conf_high);
			fputs(",,,,,,\n", fp);
		}
		if (!e || !e->has_paf)
			continue;
		put_key(fp, r, &r->fits[f]);
		put_text(fp, e->exposure);
		fputs(",(all)", fp);
		put_count(fp, e->n);
		put_count(fp, e->events);
		PUT_NUMS(fp, e->n ? (double)e->events / (double)e->n : NAN,
			 e->observed_risk);
		fputs(",,,,,,,,", fp);
		PUT_NUMS(fp, e->paf, e->paf_conf_low, e->paf_conf_high,
			 e->attributable, e->attributable_conf_low,
			 e->attributable_conf_high);
		fputc('\n', fp);
	}
}

static const char *const suffixes[4] = { "", "_stats", "_tests", "_effects" };

/* How many of the files above a model writes: the effects file only with
 * effect = rd or paf. */
static int n_files(const struct ko_model_result *r)
{
	return r->cfg->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)
		? 4 : 3;
}

static enum ko_status write_file(const char *out_dir,
				 const struct ko_model_result *r, int which,
				 struct ko_err *err)
{
	struct ko_outfile o;
	char path[4600];
	enum ko_status st;

	if (snprintf(path, sizeof(path), "%s/models/%s%s.csv", out_dir,
		     r->cfg->name, suffixes[which]) >= (int)sizeof(path))
		return ko_err_set(err, KO_ERR_IO, "path too long: %s", out_dir);
	if ((st = ko_outfile_open(&o, path, 0, err)))
		return st;
	if (which == 0)
		write_coefs(o.fp, r);
	else if (which == 1)
		write_stats(o.fp, r);
	else if (which == 2)
		write_tests(o.fp, r);
	else
		write_effects(o.fp, r);
	if (ferror(o.fp)) {
		ko_outfile_abort(&o);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write: %s",
				 strerror(errno));
	}
	return ko_outfile_commit(&o, err);
}

enum ko_status ko_model_write(const struct ko_study *s, struct ko_err *err)
{
	const struct ko_model_results *r = s->models;
	enum ko_status st = KO_OK;
	size_t i;
	int k;

	for (i = 0; r && !st && i < r->n_models; i++)
		for (k = 0; !st && k < n_files(&r->models[i]); k++)
			st = write_file(s->out_dir, &r->models[i], k, err);
	return st;
}

/* The warning line of fit f of model mr ("model NAME (stratum, version):
 * text") into buf. */
static void warning_line(const struct ko_model_result *mr,
			 const struct ko_model_fit *fit, char *buf, size_t size)
{
	snprintf(buf, size, "model %s (%s, %s%s): %s%s", mr->cfg->name,
		 fit->stratum, fit->crude ? "crude " : "adjusted",
		 fit->crude ? fit->exposure : "", fit->error ? "not fitted: " : "",
		 fit->error ? fit->error : fit->warnings);
}

static void no_stratum_line(const struct ko_model_result *mr, char *buf,
			    size_t size)
{
	snprintf(buf, size, "model %s: %zu children in the subgroup have the "
		 "strata variable missing and are in no stratum", mr->cfg->name,
		 mr->n_no_stratum);
}

/* Each warning line of r (a model's children in no stratum, a fit's
 * warnings or its error; only the errors with errors_only) to fn. */
static size_t each_warning(const struct ko_model_results *r, int errors_only,
			   void (*fn)(void *ctx, const char *line), void *ctx)
{
	size_t i, f, n = 0;
	char line[2000];

	for (i = 0; r && i < r->n_models; i++) {
		const struct ko_model_result *mr = &r->models[i];

		if (mr->n_no_stratum && !errors_only) {
			no_stratum_line(mr, line, sizeof(line));
			fn(ctx, line);
			n++;
		}
		for (f = 0; f < mr->n_fits; f++) {
			if (!mr->fits[f].error
			    && (errors_only || !*mr->fits[f].warnings))
				continue;
			warning_line(mr, &mr->fits[f], line, sizeof(line));
			fn(ctx, line);
			n++;
		}
	}
	return n;
}

static void add_warning(void *m, const char *line)
{
	ko_manifest_add_warning(m, line);
}

static void print_line(void *out, const char *line)
{
	if (out)
		fprintf(out, "%s\n", line);
}

enum ko_status ko_model_add_outputs(const struct ko_study *s,
				    struct ko_manifest *m, struct ko_err *err)
{
	const struct ko_model_results *r = s->models;
	char rel[400];
	enum ko_status st = KO_OK;
	size_t i;
	int k;

	for (i = 0; r && !st && i < r->n_models; i++) {
		const struct ko_model_result *mr = &r->models[i];

		for (k = 0; !st && k < n_files(mr); k++) {
			snprintf(rel, sizeof(rel), "models/%s%s.csv", mr->cfg->name,
				 suffixes[k]);
			st = ko_manifest_add_output(m, s->out_dir, rel, err);
		}
	}
	if (!st)
		each_warning(r, 0, add_warning, m);
	return st;
}

size_t ko_model_print_warnings(const struct ko_model_results *r, FILE *out)
{
	return each_warning(r, 0, print_line, out);
}

size_t ko_model_print_not_fitted(const struct ko_model_results *r, FILE *out)
{
	return each_warning(r, 1, print_line, out);
}
