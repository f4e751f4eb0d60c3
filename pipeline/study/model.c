/*
 * model.c - the model stage (see model.h and docs/config.md).
 *
 * Steps per model: check the outcome is 0/1; make the design columns from
 * the derived per-child arrays (numbers as they are, labelled variables as
 * label pointers); find the strata; for each stratum fit the adjusted and
 * the crude formulas through stats/ (formula -> design -> logit fit ->
 * covariance -> tidy rows, joint tests, AUC, Hosmer-Lemeshow); write the
 * three CSV files.  The model's data, its strata and the checks of what the
 * config asks against the data are model_data.c; the files and the
 * warnings printed are model_output.c; what they share is model_impl.h.
 */
#include "model.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_matrix.h>

#include "analysis.h"
#include "anova.h"
#include "cox.h"
#include "derive.h"
#include "design.h"
#include "discrim.h"
#include "formula.h"
#include "interrupt.h"
#include "logit.h"
#include "margins.h"
#include "outfile.h"
#include "poisson.h"
#include "rate.h"
#include "model_impl.h"
#include "study.h"

#define HL_GROUPS 10

/* ---- small helpers ------------------------------------------------------- */

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* printf into a growing string; returns -1 when out of memory. */
static int appendf(char **buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int appendf(char **buf, const char *fmt, ...)
{
	size_t old = *buf ? strlen(*buf) : 0;
	va_list ap;
	int n;
	char *nb;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(nb = realloc(*buf, old + (size_t)n + 1)))
		return -1;
	va_start(ap, fmt);
	vsnprintf(nb + old, (size_t)n + 1, fmt, ap);
	va_end(ap);
	*buf = nb;
	return 0;
}

int ko_model_term_is_split(const char *term)
{
	return !strcmp(term, MODEL_AGE_BAND_COLUMN) ||
	       !strcmp(term, MODEL_PERIOD_COLUMN);
}

/* The reference level of factor v: the model's, else the variable's, else
 * NULL (the first level, as R). */
const char *model_reference_of(const struct ko_config *cfg,
				const struct ko_cfg_model *m, size_t v)
{
	size_t i;

	for (i = 0; i < m->n_refs; i++)
		if (m->refs[i].var == v)
			return m->refs[i].level;
	return cfg->vars[v].reference;
}

/* Variable v as formula text: name, factor(name) or factor(name, ref =
 * "L").  Appended to *buf. */
static int append_var(char **buf, const struct ko_config *cfg,
		      const struct ko_cfg_model *m, size_t v)
{
	const char *ref;

	if (!ko_cfg_model_is_factor(cfg, m, v))
		return appendf(buf, "%s", cfg->vars[v].name);
	ref = model_reference_of(cfg, m, v);
	if (ref)
		return appendf(buf, "factor(%s, ref = \"%s\")", cfg->vars[v].name,
			       ref);
	return appendf(buf, "factor(%s)", cfg->vars[v].name);
}

/* The left side of a model's formula: the outcome, or for a Cox model
 * the follow-up's Surv() on the age time scale (in days; with entry at
 * birth for everyone the exit age is fu_days). */
static int append_outcome(char **buf, const struct ko_config *cfg,
			  const struct ko_cfg_model *m)
{
	const struct ko_cfg_followup *fu = &cfg->followup;

	if (!m->time_to_event)
		return appendf(buf, "%s ~ ", cfg->vars[m->outcome].name);
	if (m->family->outcome == KO_FAMILY_RATE)
		return appendf(buf, MODEL_EVENT_COLUMN " ~ ");
	if (m->n_tv || m->n_split_period) /* split: tmerge's names */
		return appendf(buf, "Surv(tstart, tstop, " MODEL_EVENT_COLUMN ") ~ ");
	if (fu->entry_var < 0 && !fu->entry_age)
		return appendf(buf, "Surv(fu_days, " MODEL_EVENT_COLUMN ") ~ ");
	return appendf(buf, "Surv(fu_entry_age_days, fu_exit_age_days, "
		       MODEL_EVENT_COLUMN ") ~ ");
}

/* The right side's end of a rate model: the age bands and calendar
 * periods (adjusted model only) and the offset (written as R's; the parser reads up to it).
 * A Cox model's adjusted formula: its calendar periods (split_period). */
#define RATE_OFFSET " + offset(log(fu_years))"

static int append_rate_terms(char **buf, const struct ko_cfg_model *m,
			     int adjusted)
{
	if (m->family->outcome == KO_FAMILY_EVENT_TIME) /* Cox: the period */
		return adjusted && m->n_split_period &&
		       appendf(buf, " + factor(" MODEL_PERIOD_COLUMN ")");
	if (m->family->outcome != KO_FAMILY_RATE)
		return 0;
	return (adjusted && m->n_split_age &&
		appendf(buf, " + factor(" MODEL_AGE_BAND_COLUMN ")")) ||
	       (adjusted && m->n_split_period &&
		appendf(buf, " + factor(" MODEL_PERIOD_COLUMN ")")) ||
	       appendf(buf, RATE_OFFSET);
}

/* cox_strata = VAR: " + strata(VAR)" at the end of every formula of the
 * model, as coxph's; the parser does not read it (parse_text cuts it),
 * the strata go beside the design (cox_strata_of). */
#define COX_STRATA " + strata("

static int append_cox_strata(char **buf, const struct ko_config *cfg,
			     const struct ko_cfg_model *m)
{
	if (m->cox_strata < 0)
		return 0;
	return appendf(buf, COX_STRATA "%s)", cfg->vars[m->cox_strata].name);
}

/* The adjusted formula, or the crude one for exposure e (e >= 0). */
static char *model_formula(const struct ko_config *cfg,
			   const struct ko_cfg_model *m, long e)
{
	char *f = NULL;
	int bad = append_outcome(&f, cfg, m);
	size_t i, k;

	if (e >= 0)
		return bad || append_var(&f, cfg, m, (size_t)e) ||
		       append_rate_terms(&f, m, 0) ||
		       append_cox_strata(&f, cfg, m) ? (free(f), NULL) : f;
	for (i = 0; i < m->n_exposures && !bad; i++)
		bad = (i && appendf(&f, " + ")) ||
		      append_var(&f, cfg, m, m->exposures[i]);
	for (i = 0; i < m->n_covariates && !bad; i++)
		bad = appendf(&f, " + ") || append_var(&f, cfg, m, m->covariates[i]);
	for (i = 0; i < m->n_interactions && !bad; i++)
		for (k = 0; k < m->interactions[i].n && !bad; k++)
			bad = appendf(&f, k ? ":" : " + ") ||
			      append_var(&f, cfg, m, m->interactions[i].vars[k]);
	if (!bad)
		bad = append_rate_terms(&f, m, 1) || append_cox_strata(&f, cfg, m);
	if (bad) {
		free(f);
		return NULL;
	}
	return f;
}

/* ---- one fit --------------------------------------------------------------- */

/* Family (cluster) of each row used: the linked parent's person index, or
 * for a child without that link a cluster of its own. */
static long *family_clusters(const struct model_data *md,
			     const struct ko_design *d, enum ko_relation rel)
{
	const int32_t *parent = md->s->links->parent[rel == KO_REL_FATHER];
	long *cl = malloc((d->n + 1) * sizeof(*cl));
	size_t i;

	if (!cl)
		return NULL;
	for (i = 0; i < d->n; i++) {
		size_t c = model_row_child(md, d->rows[i]);

		cl[i] = parent[c] >= 0 ? (long)parent[c] : -(long)c - 1;
	}
	return cl;
}

/* The config's SE type as the family seam's (analysis.h: robust SEs give
 * Wald p-values and, unless profile CIs were asked for, Wald CIs; as
 * kohort fit).  The model stage's sandwich is HC0 (vcovHC / vcovCL's
 * default). */
static enum ko_family_se se_of(const struct ko_cfg_model *m)
{
	return m->se == KO_MODEL_SE_MODEL ? KO_FAMILY_SE_MODEL
	       : m->se == KO_MODEL_SE_ROBUST ? KO_FAMILY_SE_ROBUST
	       : KO_FAMILY_SE_CLUSTER;
}

/* Term name from the formula: its variables' columns joined by ':'. */
static char *term_name(const struct ko_formula *f, size_t t)
{
	const struct ko_formula_term *term = &f->terms[t];
	char *s = NULL;
	size_t k;

	for (k = 0; k < term->n_vars; k++)
		if (appendf(&s, "%s%s", k ? ":" : "",
			    f->vars[term->vars[k]].column)) {
			free(s);
			return NULL;
		}
	return s ? s : xstrdup("");
}

/* The level part of coefficient name `name` of term t: each factor's level,
 * joined by ':' ("" for a term of numbers). */
static char *level_name(const struct ko_formula *f, size_t t, const char *name)
{
	const struct ko_formula_term *term = &f->terms[t];
	const char *s = name, *end;
	char *level = NULL, sep[300];
	size_t k, tl;

	for (k = 0; k < term->n_vars; k++) {
		const struct ko_formula_var *fv = &f->vars[term->vars[k]];

		tl = strlen(fv->text);
		if (strncmp(s, fv->text, tl))
			break; /* not as expected: keep what was found */
		s += tl;
		end = s + strlen(s);
		if (k + 1 < term->n_vars) {
			snprintf(sep, sizeof(sep), ":%s",
				 f->vars[term->vars[k + 1]].text);
			if (strstr(s, sep))
				end = strstr(s, sep);
		}
		if (fv->is_factor &&
		    appendf(&level, "%s%.*s", level ? ":" : "", (int)(end - s), s)) {
			free(level);
			return NULL;
		}
		s = *end ? end + 1 : end;
	}
	return level ? level : xstrdup("");
}

/* The reference level of a one-factor term: the formula's ref, else the
 * first level among the rows used (as the design sorts them). */
static int reference_level(const struct model_data *md,
			   const struct ko_formula_var *fv,
			   const struct ko_design *d, char *out, size_t size)
{
	size_t i, col;
	const struct ko_design_column *dc = NULL;
	const char *best = NULL;
	double bestn = INFINITY;

	if (fv->ref) {
		snprintf(out, size, "%s", fv->ref);
		return 0;
	}
	for (col = 0; col < md->n_cols; col++)
		if (!strcmp(md->cols[col].name, fv->column))
			dc = &md->cols[col];
	if (!dc)
		return -1;
	for (i = 0; i < d->n; i++) {
		size_t c = d->rows[i];

		if (dc->text && (!best || strcmp(dc->text[c], best) < 0))
			best = dc->text[c];
		else if (dc->num && dc->num[c] < bestn)
			bestn = dc->num[c];
	}
	if (dc->text && best) {
		snprintf(out, size, "%s", best);
	} else if (dc->num && isfinite(bestn)) {
		char buf[32];

		ko_design_format_number(bestn, buf);
		snprintf(out, size, "%s", buf);
	} else {
		return -1;
	}
	return 0;
}

/* Per design row: its follow-up in years (pt, or NULL: person-years NaN)
 * and its child (kid, or NULL: a row is a child; split follow-up: a
 * child's pieces are adjacent rows, and n counts children). */
struct row_time {
	const double *pt;
	const size_t *kid;
};

/* 1 when row i starts a new child among the rows counted for one level
 * (*last: the child of the last row counted). */
static int new_child(const struct row_time *rt, size_t i, size_t *last)
{
	if (!rt->kid)
		return 1;
	if (*last == rt->kid[i])
		return 0;
	*last = rt->kid[i];
	return 1;
}

/* n, events and person-years where design column j is 1, when it only
 * holds 0 and 1. */
static void column_counts(const struct ko_design *d, const struct row_time *rt,
			  size_t j, struct ko_model_row *r)
{
	const double *pt = rt->pt;
	size_t i, last = SIZE_MAX;
	double x;

	r->n = r->events = 0;
	r->person_years = pt ? 0 : NAN;
	for (i = 0; i < d->n; i++) {
		x = d->x[i * d->p + j];
		if (x != 0 && x != 1) {
			r->n = r->events = -1;
			r->person_years = NAN;
			return;
		}
		if (x == 1) {
			r->n += new_child(rt, i, &last);
			r->events += d->y[i] == 1;
			if (pt)
				r->person_years += pt[i];
		}
	}
}

/* The same where every column of a term is 0 (its reference level). */
static void reference_counts(const struct ko_design *d,
			     const struct row_time *rt, size_t first,
			     size_t ncols, struct ko_model_row *r)
{
	const double *pt = rt->pt;
	size_t i, j, last = SIZE_MAX;

	r->n = r->events = 0;
	r->person_years = pt ? 0 : NAN;
	for (i = 0; i < d->n; i++) {
		for (j = first; j < first + ncols; j++)
			if (d->x[i * d->p + j] != 0)
				break;
		if (j == first + ncols) {
			r->n += new_child(rt, i, &last);
			r->events += d->y[i] == 1;
			if (pt)
				r->person_years += pt[i];
		}
	}
}

static void row_free(struct ko_model_row *r)
{
	free(r->term);
	free(r->level);
	free(r->coef_name);
}

/* The row's events per 1,000 person-years with the exact Poisson CI at
 * level (rate.h), when it has person-years; else NaN. */
static void row_rate(struct ko_model_row *r, double level)
{
	struct ko_rate rate;
	struct ko_err err;

	r->rate = r->rate_conf_low = r->rate_conf_high = NAN;
	if (r->events < 0 || !(r->person_years > 0) ||
	    ko_rate_exact((double)r->events, r->person_years, level, 1000.0,
			  &rate, &err))
		return;
	r->rate = rate.rate;
	r->rate_conf_low = rate.low;
	r->rate_conf_high = rate.high;
}

/* The rows of a fit: per term, a reference row for a one-factor term, then
 * one row per column.  A crude fit leaves out the intercept.  contrasts:
 * the factors have treatment contrasts (a design with an intercept, or a
 * Cox design built with one); pt: per row follow-up years, or NULL. */
static enum ko_status make_rows(const struct model_data *md,
				const struct ko_formula *f,
				const struct ko_design *d, int contrasts,
				const struct row_time *rt,
				const struct ko_family_fit *fit,
				const struct ko_inference *inf,
				struct ko_model_fit *out, struct ko_err *err)
{
	size_t t, j, n = 0;
	struct ko_model_row *rows = calloc(2 * d->p + d->n_terms + 1, sizeof(*rows));

	if (!rows)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	out->rows = rows;
	if (d->intercept && !out->crude) {
		struct ko_model_row *r = &rows[n++];

		r->term = xstrdup("(Intercept)");
		r->level = xstrdup("");
		r->coef_name = xstrdup(d->names[0]);
		r->n = r->events = -1;
		r->person_years = NAN;
		if (!r->term || !r->level || !r->coef_name)
			goto nomem;
	}
	for (t = 0; t < d->n_terms; t++) {
		const struct ko_formula_term *term = &f->terms[t];
		char ref[300];

		if (term->n_vars == 1 && f->vars[term->vars[0]].is_factor &&
		    contrasts &&
		    !reference_level(md, &f->vars[term->vars[0]], d, ref,
				     sizeof(ref))) {
			struct ko_model_row *r = &rows[n++];

			r->term = term_name(f, t);
			r->level = xstrdup(ref);
			r->reference = 1;
			r->estimate = 0;
			r->effect = 1;
			r->std_error = r->statistic = r->p_value = NAN;
			r->conf_low = r->conf_high = NAN;
			r->conf_low_log = r->conf_high_log = NAN;
			reference_counts(d, rt, d->term_first[t],
					 d->term_ncols[t], r);
			if (!r->term || !r->level)
				goto nomem;
		}
		for (j = d->term_first[t]; j < d->term_first[t] + d->term_ncols[t]; j++) {
			struct ko_model_row *r = &rows[n++];

			r->term = term_name(f, t);
			r->level = level_name(f, t, d->names[j]);
			r->coef_name = xstrdup(d->names[j]);
			if (!r->term || !r->level || !r->coef_name)
				goto nomem;
			column_counts(d, rt, j, r);
		}
	}
	for (j = 0; j < n; j++)
		row_rate(&rows[j], md->m->level);
	for (j = 0; j < n; j++) {
		struct ko_model_row *r = &rows[j];
		size_t c;

		if (r->reference)
			continue;
		for (c = 0; c < d->p && strcmp(d->names[c], r->coef_name); c++)
			;
		r->aliased = fit->aliased[c];
		if (!fit->family->penalized && fit->separated)
			r->separated = fit->separated[c];
		r->estimate = r->aliased ? NAN : fit->coef[c];
		r->std_error = r->aliased ? NAN : inf->se[c];
		r->statistic = r->aliased ? NAN : r->estimate / r->std_error;
		r->p_value = r->aliased ? NAN : inf->p[c];
		r->effect = exp(r->estimate);
		r->conf_low = r->aliased ? NAN : exp(inf->lo[c]);
		r->conf_high = r->aliased ? NAN : exp(inf->hi[c]);
		r->conf_low_log = r->aliased ? NAN : inf->lo[c];
		r->conf_high_log = r->aliased ? NAN : inf->hi[c];
	}
	out->n_rows = n;
	return KO_OK;
nomem:
	out->n_rows = n;
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* The term tests the analysis made (analysis.h) into the fit's rows. */
static enum ko_status copy_tests(const struct ko_formula *f,
				 const struct ko_design *d,
				 const struct ko_term_test *tt,
				 struct ko_model_fit *out, struct ko_err *err)
{
	size_t t;

	if (!(out->tests = calloc(d->n_terms + 1, sizeof(*out->tests))))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < d->n_terms; t++) {
		struct ko_model_test *o = &out->tests[t];

		out->n_tests++;
		if (!(o->term = term_name(f, t)))
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		o->df = tt[t].df;
		o->wald_chisq = tt[t].wald_chisq;
		o->wald_p_value = tt[t].wald_p_value;
		o->lr_df = tt[t].lr_df;
		o->lr_chisq = tt[t].lr_chisq;
		o->lr_p_value = tt[t].lr_p_value;
		o->zph_chisq = o->zph_df = o->zph_p_value = NAN;
	}
	return KO_OK;
}

static int add_warning(struct ko_model_fit *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_warning(struct ko_model_fit *out, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return appendf(&out->warnings, "%s%s", *out->warnings ? "; " : "", msg);
}

/* A Cox fit's proportional-hazards test, cox.zph(fit) (transform "km";
 * the model-based information, as cox.zph takes coxph's naive variance
 * under robust or cluster SEs): per term into its test row, GLOBAL into
 * the fit.  A failure is a warning of the fit, not its end. */
static int cox_ph_test(const struct ko_design *d,
		       const struct ko_family_data *data,
		       const struct ko_family_fit *fit, struct ko_model_fit *out)
{
	struct ko_cox_zph z = { 0 };
	struct ko_err e = { 0 };
	enum ko_status st = ko_analysis_cox_zph(data, d, fit, &z, &e);
	size_t t;
	int bad = 0;

	if (st == KO_ERR_NOMEM) {
		bad = 1;
	} else if (st) {
		bad = add_warning(out, "cox.zph: %s", e.msg);
	} else {
		for (t = 0; t < d->n_terms && t < out->n_tests; t++) {
			out->tests[t].zph_chisq = z.chisq[t];
			out->tests[t].zph_df = z.df[t];
			out->tests[t].zph_p_value = z.p_value[t];
		}
		out->zph_chisq = z.chisq[d->n_terms];
		out->zph_df = z.df[d->n_terms];
		out->zph_p_value = z.p_value[d->n_terms];
	}
	ko_cox_zph_release(&z);
	return bad;
}

struct warn_ctx {
	struct ko_model_fit *out;
	int bad;
};

static void warn_emit(void *ctx, const char *msg)
{
	struct warn_ctx *w = ctx;

	w->bad |= add_warning(w->out, "%s", msg);
}

/* Non-convergence, separation, aliasing: never silent (analysis.h words
 * all but the model's separation, as kohort fit does). */
static int fit_warnings(const struct ko_design *d,
			const struct ko_family_fit *fit,
			const struct ko_family_stats *fs, struct ko_model_fit *out)
{
	struct warn_ctx w = { out, 0 };
	const char *const *names = (const char *const *)d->names;

	fit->family->warnings(fit, names, KO_WARN_CONVERGE, warn_emit, &w);
	if (fs->separation)
		w.bad |= add_warning(out, "(quasi-)complete separation%s",
				     fit->family->penalized
				     ? " (the Firth estimates are finite)"
				     : ": maximum likelihood estimates do not exist; "
				       "consider estimator = firth");
	fit->family->warnings(fit, names, KO_WARN_FITTED | KO_WARN_COEF,
			      warn_emit, &w);
	return w.bad;
}

/* AUC (DeLong CI) and Hosmer-Lemeshow (analysis.h); a failure is a
 * warning. */
static int discrimination(const struct ko_discrimination *dc,
			  struct ko_model_fit *out)
{
	int bad = 0;

	if (dc->auc_ok) {
		out->auc = dc->auc.auc;
		out->auc_se = dc->auc.se;
		out->auc_conf_low = dc->auc.conf_low;
		out->auc_conf_high = dc->auc.conf_high;
	} else {
		bad |= add_warning(out, "AUC not computed: %s", dc->auc_note);
	}
	if (dc->hl_ok) {
		out->hl_chisq = dc->hl.chisq;
		out->hl_df = dc->hl.df;
		out->hl_p_value = dc->hl.p_value;
		if (isnan(dc->hl.chisq))
			bad |= add_warning(out, "Hosmer-Lemeshow statistic undefined: "
					   "tied fitted values leave a group empty "
					   "(hoslem.test gives NaN too)");
	} else {
		bad |= add_warning(out, "Hosmer-Lemeshow not computed: %s",
				   dc->hl_note);
	}
	return bad;
}

/* ---- effect = rr, rd, paf ----------------------------------------------- */

/* The rows' risk-ratio numbers NaN (effect rr not asked or not fitted). */
static void rr_rows_clear(struct ko_model_fit *out)
{
	size_t i;

	for (i = 0; i < out->n_rows; i++) {
		struct ko_model_row *r = &out->rows[i];

		r->risk_ratio = r->rr_std_error = r->rr_conf_low = NAN;
		r->rr_conf_high = r->rr_p_value = NAN;
	}
}

/* Poisson warnings: non-convergence, risks tending to 0, risks above 1,
 * and columns the logistic fit found separated towards -Inf (a covariate
 * pattern without events): there the Poisson estimate tends to -Inf too,
 * though glm stops and reports convergence. */
static int rr_warnings(const struct ko_analysis_rr *rr,
		       const struct ko_family_fit *fit,
		       const struct ko_design *d, struct ko_model_fit *out)
{
	const struct ko_family_stats *ps = &rr->stats;
	const int *aliased = rr->fit->aliased;
	int bad = 0;
	size_t j;

	if (!ps->converged)
		bad |= add_warning(out, "modified Poisson: the fit did not "
				   "converge in %d iterations; its risk ratios "
				   "are not estimates", ps->iterations);
	if (ps->fitted_boundary)
		bad |= add_warning(out, "modified Poisson: fitted risks below "
				   "1e-8 in %zu rows: a coefficient may tend to "
				   "-Inf (a covariate pattern without events)",
				   ps->fitted_boundary);
	if (ps->fitted_above_1)
		bad |= add_warning(out, "modified Poisson: fitted risks above 1 "
				   "in %zu rows", ps->fitted_above_1);
	for (j = 0; fit->separated && j < d->p; j++)
		if (fit->separated[j] == -1 && !aliased[j])
			bad |= add_warning(out, "modified Poisson: %s: no events, "
					   "the estimate tends to -Inf (its risk "
					   "ratio is not an estimate)", d->names[j]);
	return bad;
}

/* effect = rr: the modified Poisson fit (Zou 2004) of the same design,
 * robust HC0 SEs, or cluster-robust as the model's se = cluster (the
 * analysis made it); its risk ratios onto the rows.  A fit that could not
 * be made is a warning. */
static enum ko_status rr_apply(const struct ko_design *d,
			       const struct ko_analysis *an,
			       struct ko_model_fit *out, struct ko_err *err)
{
	const struct ko_analysis_rr *pf = &an->rr;
	const struct ko_family_fit *fit = an->fit;
	size_t i, c;

	if (!pf->fit)
		return add_warning(out, "modified Poisson not fitted: %s", an->rr_msg)
			? ko_err_set(err, KO_ERR_NOMEM, "out of memory") : KO_OK;
	out->rr_fitted = 1;
	out->rr_iterations = pf->stats.iterations;
	out->rr_converged = pf->stats.converged;
	out->rr_deviance = pf->stats.deviance;
	out->rr_fitted_above_1 = pf->stats.fitted_above_1;
	out->rr_fitted_0 = pf->stats.fitted_boundary;
	for (i = 0; i < out->n_rows; i++) {
		struct ko_model_row *r = &out->rows[i];

		if (r->reference) {
			r->risk_ratio = 1;
			continue;
		}
		for (c = 0; c < d->p && strcmp(d->names[c], r->coef_name); c++)
			;
		if (c == d->p || pf->fit->aliased[c])
			continue;
		r->risk_ratio = pf->rr[c];
		r->rr_std_error = pf->inf.se[c];
		r->rr_conf_low = pf->rr_low[c];
		r->rr_conf_high = pf->rr_high[c];
		r->rr_p_value = pf->inf.p[c];
		r->rr_separated = fit->separated && fit->separated[c] == -1 ? -1 : 0;
	}
	return rr_warnings(pf, fit, d, out)
		? ko_err_set(err, KO_ERR_NOMEM, "out of memory") : KO_OK;
}

static void effect_free(struct ko_model_effect *e)
{
	size_t k;

	if (!e)
		return;
	for (k = 0; e->levels && k < e->n_levels; k++)
		free(e->levels[k].level);
	free(e->levels);
	free(e->exposure);
	free(e);
}

/* The levels of exposure term t as ko_margins wants them (values, K x
 * ncols) with their labels: a factor's dummy coding (level k has dummy
 * k - 1 set), or a 0/1 number.  Returns a warning text (static) when the
 * exposure cannot be standardised, NULL when fine; -1 in *nomem. */
static const char *exposure_levels(const struct model_data *md,
				   const struct ko_formula *f,
				   const struct ko_design *d, size_t t,
				   struct ko_margins_exposure *ex,
				   struct ko_model_effect *e, int *nomem)
{
	const struct ko_formula_var *fv = &f->vars[f->terms[t].vars[0]];
	size_t first = d->term_first[t], ncols = d->term_ncols[t], k, i;
	double *values;
	char ref[300];

	if (!fv->is_factor)
		for (i = 0; i < d->n; i++)
			if (d->x[i * d->p + first] != 0 && d->x[i * d->p + first] != 1)
				return "a number exposure must be 0/1 (list it in "
				       "'categorical' for more levels)";
	ex->first = first;
	ex->ncols = ncols;
	ex->n_levels = fv->is_factor ? ncols + 1 : 2;
	values = calloc(ex->n_levels * ncols, sizeof(*values));
	e->levels = calloc(ex->n_levels, sizeof(*e->levels));
	if (!values || !e->levels) {
		free(values);
		*nomem = 1;
		return NULL;
	}
	e->n_levels = ex->n_levels;
	ex->values = values;
	for (k = 1; k < ex->n_levels; k++) {
		values[k * ncols + (fv->is_factor ? k - 1 : 0)] = 1;
		e->levels[k].level = fv->is_factor
			? level_name(f, t, d->names[first + k - 1]) : xstrdup("1");
	}
	if (!fv->is_factor)
		e->levels[0].level = xstrdup("0");
	else if (!reference_level(md, fv, d, ref, sizeof(ref)))
		e->levels[0].level = xstrdup(ref);
	else
		e->levels[0].level = xstrdup("(reference)");
	for (k = 0; k < ex->n_levels; k++)
		if (!e->levels[k].level)
			*nomem = 1;
	return NULL;
}

/* Copy what ko_margins computed into the effect. */
static void effect_fill(struct ko_model_effect *e, const struct ko_margins *mg,
			int paf)
{
	size_t k;

	for (k = 0; k < e->n_levels; k++) {
		struct ko_model_effect_level *l = &e->levels[k];

		l->n = (long)mg->n[k];
		l->events = (long)mg->events[k];
		l->crude_risk = mg->crude_risk[k];
		l->risk = mg->risk[k];
		l->risk_conf_low = mg->risk_low[k];
		l->risk_conf_high = mg->risk_high[k];
		l->risk_ratio = mg->rr[k];
		l->rr_conf_low = mg->rr_low[k];
		l->rr_conf_high = mg->rr_high[k];
		l->risk_difference = mg->rd[k];
		l->rd_conf_low = mg->rd_low[k];
		l->rd_conf_high = mg->rd_high[k];
	}
	e->observed_risk = mg->observed_risk;
	e->has_paf = paf;
	e->paf = e->paf_conf_low = e->paf_conf_high = NAN;
	e->attributable = e->attributable_conf_low = NAN;
	e->attributable_conf_high = NAN;
	if (!paf)
		return;
	e->paf = mg->paf;
	e->paf_conf_low = mg->paf_low;
	e->paf_conf_high = mg->paf_high;
	e->attributable = mg->attributable;
	e->attributable_conf_low = mg->attributable_low;
	e->attributable_conf_high = mg->attributable_high;
}

/* Whether fit out standardises the effect exposure (effect = rd/paf: the
 * adjusted fit, and the crude fit of that exposure). */
static int wants_effect(const struct model_data *md,
			const struct ko_model_fit *out)
{
	const struct ko_cfg_model *m = md->m;

	return (m->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)) &&
	       m->effect_exposure >= 0 &&
	       (!out->crude || !strcmp(out->exposure,
				       md->s->cfg->vars[m->effect_exposure].name));
}

/* effect = rd/paf, before the fit: the exposure's levels for the analysis
 * (ex, *e made); *why when it cannot be standardised. */
static enum ko_status effect_prepare(const struct model_data *md,
				     const struct ko_formula *f,
				     const struct ko_design *d,
				     struct ko_margins_exposure *ex,
				     struct ko_model_effect **e,
				     const char **why, struct ko_err *err)
{
	const char *name = md->s->cfg->vars[md->m->effect_exposure].name;
	long t = ko_analysis_exposure_term(f, name, 0);
	int nomem = 0;

	*why = NULL;
	if (!(*e = calloc(1, sizeof(**e))) || !((*e)->exposure = xstrdup(name)))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (t < 0) {
		*why = "not a main effect of the formula";
		return KO_OK;
	}
	*why = exposure_levels(md, f, d, (size_t)t, ex, *e, &nomem);
	return nomem ? ko_err_set(err, KO_ERR_NOMEM, "out of memory") : KO_OK;
}

/* effect = rd/paf, after the analysis: the standardised risks of the
 * exposure from the model's fit (its family's mean), delta-method CIs on
 * the fit's chosen covariance, onto out (taking e); an exposure that could
 * not be standardised is a warning. */
static enum ko_status effect_finish(const struct model_data *md,
				    const struct ko_design *d,
				    const struct ko_analysis *an,
				    struct ko_model_effect *e, const char *why,
				    struct ko_model_fit *out, struct ko_err *err)
{
	size_t i;

	if (!why && an->margins_status)
		why = an->margins_msg;
	if (why) {
		int bad = add_warning(out, "effects (%s) not computed: %s",
				      e->exposure, why);

		effect_free(e);
		return bad ? ko_err_set(err, KO_ERR_NOMEM, "out of memory") : KO_OK;
	}
	e->n = (long)d->n;
	for (i = 0, e->events = 0; i < d->n; i++)
		e->events += d->y[i] == 1;
	effect_fill(e, an->margins, (md->m->effects & KO_MODEL_EFFECT_PAF) != 0);
	out->effect = e;
	return KO_OK;
}

static void fit_stats(const struct ko_design *d, const struct row_time *rt,
		      const struct ko_family_fit *fit,
		      const struct ko_family_stats *fs, struct ko_model_fit *out)
{
	size_t i, last = SIZE_MAX;

	out->n_used = 0;
	out->n_missing = d->n_missing;
	out->events = 0;
	out->person_years = rt->pt ? 0 : NAN;
	for (i = 0; i < d->n; i++) {
		out->n_used += new_child(rt, i, &last);
		out->events += d->y[i] == 1;
		if (rt->pt)
			out->person_years += rt->pt[i];
	}
	out->concordance = fs->concordance;
	out->n_coef = fit->p;
	out->rank = fit->rank;
	out->deviance = fs->deviance;
	out->null_deviance = fs->null_deviance;
	out->df_residual = fs->df_residual;
	out->df_null = fs->df_null;
	out->loglik = fs->loglik;
	out->aic = fs->aic;
	out->bic = fs->bic;
	out->iterations = fs->iterations;
	out->converged = fs->converged;
	out->separation = fs->separation;
	out->fitted_0_or_1 = fs->fitted_boundary;
}

const struct ko_family *ko_model_family(const struct ko_cfg_model *m)
{
	return m->family ? m->family : &ko_family_logistic;
}

/* Errors of the data (a factor with one level, no rows...) are kept on the
 * fit; other errors stop the stage. */
static enum ko_status fit_failed(struct ko_model_fit *out, enum ko_status st,
				 struct ko_err *err)
{
	if (st != KO_ERR_DATA && st != KO_ERR_USAGE && st != KO_ERR_NUMERIC)
		return st;
	free(out->error);
	out->error = xstrdup(err->msg);
	ko_err_clear(err);
	return out->error ? KO_OK : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* The formula text the parser reads: a Cox model's Surv(...) left side as
 * its status column (the times are passed beside the design). */
static char *parse_text(const struct model_data *md, const char *formula)
{
	char *t = NULL, *off;
	const char *rhs = strchr(formula, '~');

	if (!md->m->time_to_event || !rhs)
		return xstrdup(formula);
	if (appendf(&t, "%s %s", MODEL_EVENT_COLUMN, rhs))
		return NULL;
	if ((off = strstr(t, RATE_OFFSET))) /* the offset is passed beside */
		*off = '\0';
	if ((off = strstr(t, COX_STRATA))) /* so are the strata */
		*off = '\0';
	return t;
}

/* The follow-up of a time-to-event design's rows: their person-years and
 * child (split rows); a Cox design also loses its intercept column and
 * gets the times (entry and exit ages in days; entry NULL when everyone
 * enters at birth) and status; a rate design the offset log(years). */
struct surv_rows {
	double *start, *stop, *years, *offset;
	int *status;
	size_t *kid;
	long *strata;   /* cox_strata: each row's level, numbered */
};

/* One design row's cox_strata value, for numbering the levels. */
struct stratum_key {
	double num;
	const char *text;
	size_t i;
};

static int cmp_stratum_key(const void *a, const void *b)
{
	const struct stratum_key *x = a, *y = b;

	if (x->text)
		return strcmp(x->text, y->text);
	return (x->num > y->num) - (x->num < y->num);
}

/* cox_strata: the level of each of the design's rows numbered 0, 1, ...
 * in sorted order (numbers numerically, labels by strcmp) into sr->strata;
 * a level is a baseline hazard of its own (coxph's strata()).  The
 * variable is required, so no used row misses it. */
static enum ko_status cox_strata_of(const struct model_data *md,
				    const struct ko_design *d,
				    struct surv_rows *sr, struct ko_err *err)
{
	const char *name = md->s->cfg->vars[md->m->cox_strata].name;
	const struct ko_design_column *dc = NULL;
	struct stratum_key *k;
	size_t i, col;
	long level = -1;

	for (col = 0; col < md->n_cols; col++)
		if (!strcmp(md->cols[col].name, name))
			dc = &md->cols[col];
	if (!dc)
		return ko_err_set(err, KO_ERR_USAGE, "cox_strata: no column %s", name);
	k = malloc((d->n ? d->n : 1) * sizeof(*k));
	sr->strata = malloc((d->n ? d->n : 1) * sizeof(*sr->strata));
	if (!k || !sr->strata) {
		free(k);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < d->n; i++) {
		k[i].num = dc->num ? dc->num[d->rows[i]] : 0;
		k[i].text = dc->text ? dc->text[d->rows[i]] : NULL;
		k[i].i = i;
	}
	qsort(k, d->n, sizeof(*k), cmp_stratum_key);
	for (i = 0; i < d->n; i++) {
		if (!i || cmp_stratum_key(&k[i - 1], &k[i]))
			level++;
		sr->strata[k[i].i] = level;
	}
	free(k);
	return KO_OK;
}

static enum ko_status surv_rows_make(const struct model_data *md,
				     struct ko_design *d, struct surv_rows *sr,
				     struct ko_err *err)
{
	size_t i, m = d->n ? d->n : 1;
	int cox = md->m->family->outcome == KO_FAMILY_EVENT_TIME;

	if (cox && !d->intercept)
		return ko_err_set(err, KO_ERR_USAGE, "a Cox design needs its "
				  "intercept to drop");
	if (cox)
		ko_design_drop_intercept(d);
	sr->start = cox && md->late_entry ? malloc(m * sizeof(*sr->start)) : NULL;
	sr->stop = cox ? malloc(m * sizeof(*sr->stop)) : NULL;
	sr->status = cox ? malloc(m * sizeof(*sr->status)) : NULL;
	sr->offset = cox ? NULL : malloc(m * sizeof(*sr->offset));
	sr->kid = md->row_child ? malloc(m * sizeof(*sr->kid)) : NULL;
	sr->years = malloc(m * sizeof(*sr->years));
	if ((cox && md->late_entry && !sr->start) || (cox && !sr->stop) ||
	    (cox && !sr->status) || (!cox && !sr->offset) ||
	    (md->row_child && !sr->kid) || !sr->years)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < d->n; i++) {
		size_t c = d->rows[i];

		if (sr->start)
			sr->start[i] = md->fu_start[c];
		if (sr->stop)
			sr->stop[i] = md->fu_stop[c];
		if (sr->status)
			sr->status[i] = d->y[i] == 1;
		if (sr->kid)
			sr->kid[i] = md->row_child[c];
		sr->years[i] = (md->fu_stop[c] - md->fu_start[c]) / 365.25;
		if (sr->offset) /* no follow-up: log(0), which the fit names */
			sr->offset[i] = log(sr->years[i]);
	}
	if (cox && md->m->cox_strata >= 0)
		return cox_strata_of(md, d, sr, err);
	return KO_OK;
}

static void surv_rows_release(struct surv_rows *sr)
{
	free(sr->start);
	free(sr->stop);
	free(sr->years);
	free(sr->offset);
	free(sr->status);
	free(sr->kid);
	free(sr->strata);
}

/* Split follow-up: the design dropped rows, so n_missing counts the
 * children offered with rows that the fit did not use; a child offered
 * without any row (exit on the entry day: no person-time) is said. */
static int split_counts(const struct model_data *md, struct ko_model_fit *out)
{
	size_t r, with_rows = 0, last = SIZE_MAX;

	for (r = 0; r < md->n_rows; r++)
		if (md->row_keep[r] && md->row_child[r] != last) {
			last = md->row_child[r];
			with_rows++;
		}
	out->n_missing = with_rows - out->n_used;
	if (out->n_input > with_rows)
		return add_warning(out, "%zu children without follow-up time "
				   "(exit on the entry day) have no person-years "
				   "and are not in the fit", out->n_input - with_rows);
	return 0;
}

/* Design, then the analysis (analysis.h: fit, inference, effects, AUC and
 * Hosmer-Lemeshow, term tests, as kohort fit), of one formula on the
 * children md->keep; rows, tests, warnings and effects go into out. */
static enum ko_status fit_formula(const struct model_data *md,
				  struct ko_model_fit *out, struct ko_err *err)
{
	const struct ko_cfg_model *m = md->m;
	struct ko_formula *f = NULL;
	struct ko_design *d = NULL;
	struct ko_design_input in;
	struct ko_family_data data;
	struct ko_analysis_request rq;
	struct ko_analysis an;
	struct ko_margins_exposure ex;
	struct ko_model_effect *e = NULL;
	struct surv_rows sr;
	struct row_time rt;
	const char *why = NULL, *crude_required[1];
	char *text = NULL;
	long *cl = NULL;
	enum ko_status st;
	size_t c;
	int contrasts;

	memset(&an, 0, sizeof(an));
	memset(&ex, 0, sizeof(ex));
	memset(&sr, 0, sizeof(sr));
	for (c = 0; c < md->s->links->n_children; c++)
		out->n_input += md->keep[c];
	if (!(text = parse_text(md, out->formula))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((st = ko_formula_parse(&f, text, err)))
		goto out;
	memset(&in, 0, sizeof(in));
	in.n_rows = md->n_rows;
	in.n_cols = md->n_cols;
	in.cols = md->cols;
	in.keep = md->row_child ? md->row_keep : md->keep;
	in.required = md->required;
	in.n_required = md->n_required;
	if (out->crude && !m->crude_complete) {
		/* available cases: the persons with the outcome and the
		 * exposure known, whatever their other values (the formula's
		 * variables; a Cox model's strata, which go beside it) */
		in.required = crude_required;
		in.n_required = 0;
		if (m->cox_strata >= 0)
			crude_required[in.n_required++] =
				md->s->cfg->vars[m->cox_strata].name;
	}
	if ((st = ko_design_build(&d, f, &in, err)))
		goto out;
	out->n_missing = d->n_missing;
	contrasts = d->intercept;
	if (m->time_to_event && (st = surv_rows_make(md, d, &sr, err)))
		goto out;
	memset(&data, 0, sizeof(data));
	data.n = d->n;
	data.p = d->p;
	data.x = d->x;
	data.y = m->family->outcome == KO_FAMILY_EVENT_TIME ? NULL : d->y;
	data.names = (const char *const *)d->names;
	data.offset = sr.offset;
	data.time = sr.stop;
	data.start = sr.start;
	data.status = sr.status;
	data.strata = sr.strata;
	memset(&rq, 0, sizeof(rq));
	rq.family = ko_model_family(m);
	ko_logit_options_init(&rq.opt);
	rq.opt.firth = m->firth;
	rq.opt.level = m->level;
	rq.opt.profile = m->profile;
	rq.opt.lr_tests = m->firth; /* logistf's PLR p-values */
	rq.opt.ties = m->ties;
	rq.se = se_of(m);
	rq.hc = KO_LOGIT_HC0;
	if (rq.se == KO_FAMILY_SE_CLUSTER &&
	    !(cl = family_clusters(md, d, m->cluster))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	rq.cluster = cl;
	rq.level = m->level;
	rq.rr = (m->effects & KO_MODEL_EFFECT_RR) != 0;
	if (wants_effect(md, out)) {
		if ((st = effect_prepare(md, f, d, &ex, &e, &why, err)))
			goto out;
		if (!why)
			rq.exposure = &ex;
	}
	rq.tests = KO_ANALYSIS_TESTS_WALD | KO_ANALYSIS_TESTS_LR;
	/* the only term of an ML model with an intercept: dropping it leaves
	 * the null model, so drop1's LR test needs no refit (a crude model) */
	rq.lr_from_null = d->n_terms == 1 && d->intercept &&
			  !rq.family->penalized;
	rq.discrimination = !m->time_to_event; /* Cox: its concordance */
	rq.hl_groups = HL_GROUPS;
	if ((st = ko_analysis_run(&data, d, &rq, &an, err)))
		goto out;
	rt.pt = sr.years;
	rt.kid = sr.kid;
	fit_stats(d, &rt, an.fit, &an.stats, out);
	if (md->row_child && split_counts(md, out)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((st = make_rows(md, f, d, contrasts, &rt, an.fit, &an.inf, out,
			    err)) ||
	    (st = copy_tests(f, d, an.tests, out, err)))
		goto out;
	if (fit_warnings(d, an.fit, &an.stats, out) ||
	    (an.disc && discrimination(an.disc, out)) ||
	    (m->family->outcome == KO_FAMILY_EVENT_TIME &&
	     cox_ph_test(d, &data, an.fit, out))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	rr_rows_clear(out);
	if (rq.rr && (st = rr_apply(d, &an, out, err)))
		goto out;
	if (e) {
		st = effect_finish(md, d, &an, e, why, out, err);
		e = NULL;
	}
out:
	if (!out->rr_fitted)
		rr_rows_clear(out);
	if (st)
		st = fit_failed(out, st, err);
	effect_free(e);
	free((void *)ex.values);
	free(cl);
	free(text);
	surv_rows_release(&sr);
	ko_analysis_release(&an);
	ko_design_free(d);
	ko_formula_free(f);
	return st;
}

static void fit_release(struct ko_model_fit *fit)
{
	size_t i;

	for (i = 0; i < fit->n_rows; i++)
		row_free(&fit->rows[i]);
	free(fit->rows);
	for (i = 0; i < fit->n_tests; i++)
		free(fit->tests[i].term);
	free(fit->tests);
	free(fit->stratum);
	free(fit->exposure);
	free(fit->formula);
	free(fit->error);
	free(fit->warnings);
	effect_free(fit->effect);
}

/* A new fit of result r, its numbers NaN until made. */
static struct ko_model_fit *fit_new(struct ko_model_result *r, size_t *cap,
				    const char *stratum, const char *exposure,
				    char *formula)
{
	struct ko_model_fit *fit;

	if (r->n_fits == *cap) {
		size_t nc = *cap ? 2 * *cap : 8;
		struct ko_model_fit *nf = realloc(r->fits, nc * sizeof(*nf));

		if (!nf) {
			free(formula);
			return NULL;
		}
		r->fits = nf;
		*cap = nc;
	}
	fit = &r->fits[r->n_fits++];
	memset(fit, 0, sizeof(*fit));
	fit->formula = formula;
	fit->crude = exposure != NULL;
	fit->stratum = xstrdup(stratum);
	fit->exposure = exposure ? xstrdup(exposure) : NULL;
	fit->warnings = xstrdup("");
	fit->deviance = fit->null_deviance = fit->df_residual = fit->df_null = NAN;
	fit->loglik = fit->aic = fit->bic = NAN;
	fit->person_years = fit->concordance = NAN;
	fit->zph_chisq = fit->zph_df = fit->zph_p_value = NAN;
	fit->auc = fit->auc_se = fit->auc_conf_low = fit->auc_conf_high = NAN;
	fit->hl_chisq = fit->hl_df = fit->hl_p_value = NAN;
	if (!formula || !fit->stratum || !fit->warnings ||
	    (exposure && !fit->exposure))
		return NULL;
	return fit;
}

/* KO_ERR_STOPPED after SIGINT/SIGTERM: polled before each fit, so that a
 * long model stage stops within one fit. */
static enum ko_status interrupted(struct ko_err *err)
{
	return ko_interrupted() ? ko_err_set(err, KO_ERR_STOPPED, "interrupted")
				: KO_OK;
}

/* Every fit of one model. */
static enum ko_status run_model(const struct ko_study *s,
				const struct ko_cfg_model *m,
				struct ko_model_result *r, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct model_data md;
	struct stratum *strata = NULL;
	size_t n_strata = 0, k, e, cap = 0;
	char label[600];
	enum ko_status st;

	ko_model_result_init(r, m);
	st = model_data_init(&md, s, m, err);
	if (!st)
		st = model_check_outcome(&md, err);
	if (!st)
		st = model_find_strata(&md, &strata, &n_strata, &r->n_no_stratum, err);
	for (k = 0; !st && k < n_strata; k++) {
		struct ko_model_fit *fit;

		if (m->strata >= 0)
			snprintf(label, sizeof(label), "%s=%s",
				 cfg->vars[m->strata].name, strata[k].label);
		else
			snprintf(label, sizeof(label), "all");
		model_select_stratum(&md, &strata[k]);
		if ((st = interrupted(err)))
			break;
		fit = fit_new(r, &cap, label, NULL, model_formula(cfg, m, -1));
		st = fit ? fit_formula(&md, fit, err)
			 : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		for (e = 0; !st && m->crude && e < m->n_exposures; e++) {
			if ((st = interrupted(err)))
				break;
			fit = fit_new(r, &cap, label, cfg->vars[m->exposures[e]].name,
				      model_formula(cfg, m, (long)m->exposures[e]));
			st = fit ? fit_formula(&md, fit, err)
				 : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
	}
	free(strata);
	model_data_release(&md);
	return st;
}

/* ---- public ------------------------------------------------------------------ */

void ko_model_results_free(struct ko_model_results *r)
{
	size_t i, f;

	if (!r)
		return;
	for (i = 0; i < r->n_models; i++) {
		for (f = 0; f < r->models[i].n_fits; f++)
			fit_release(&r->models[i].fits[f]);
		free(r->models[i].fits);
	}
	free(r->models);
	free(r);
}

void ko_model_results_attach(struct ko_study *s, struct ko_model_results *r)
{
	ko_model_results_free(s->models);
	s->models = r;
	s->free_models = ko_model_results_free;
}

enum ko_status ko_study_model(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct ko_model_results *r;
	enum ko_status st = KO_OK;
	size_t i;

	if (!cfg->n_models)
		return KO_OK;
	if ((st = ko_model_check_config(s, err)))
		return st;
	r = calloc(1, sizeof(*r));
	if (!r || !(r->models = calloc(cfg->n_models, sizeof(*r->models)))) {
		free(r);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	ko_model_results_attach(s, r);
	for (i = 0; !st && i < cfg->n_models; i++) {
		r->n_models++;
		st = run_model(s, &cfg->models[i], &r->models[i], err);
	}
	return st ? st : ko_model_write(s, err);
}

void ko_model_result_init(struct ko_model_result *r,
			  const struct ko_cfg_model *m)
{
	memset(r, 0, sizeof(*r));
	r->cfg = m;
	r->family = ko_model_family(m);
	r->se_label = m->se == KO_MODEL_SE_MODEL ? "model"
		    : m->se == KO_MODEL_SE_ROBUST ? "robust HC0"
		    : m->cluster == KO_REL_FATHER ? "cluster HC0 (father)"
						  : "cluster HC0 (mother)";
	r->ci_label = m->profile ? (m->firth ? "profile penalized likelihood"
				    : "profile likelihood")
		    : m->se == KO_MODEL_SE_MODEL ? "wald" : "wald (robust SE)";
}
