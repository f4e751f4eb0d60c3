/*
 * cmd_fit.c - `kohort fit`: one logistic model on any CSV extract.
 *
 * Steps: parse options and the formula (fit_args.c); read the data and
 * build the design (fit_data.c); fit and choose the covariance
 * (stats/analysis.c's ko_analysis_run); print the coefficient table, the
 * model statistics and the joint term tests as CSV.  See docs/fit.md.
 */
#include "cli.h"
#include "fit_impl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_matrix.h>

#include "analysis.h"
#include "anova.h"
#include "ci.h"
#include "cox.h"
#include "design.h"
#include "discrim.h"
#include "escape.h"
#include "formula.h"
#include "logit.h"
#include "margins.h"
#include "outfile.h"
#include "par.h"
#include "poisson.h"
#include "reader.h"

/* ---- output --------------------------------------------------------- */

/* A CSV field (escape.h: quoted as needed, formulas neutralised). */
static void put_field(FILE *out, const char *s)
{
	ko_csv_put(out, s, KO_CSV_SAFE);
}

static void put_num(FILE *out, double v)
{
	ko_num_put(out, v, "NA", 17, 0);
}

/* The n numbers of v as the next fields of a CSV row, each after a comma. */
static void put_nums(FILE *out, const double *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		fputc(',', out);
		put_num(out, v[k]);
	}
}

struct results {
	const struct ko_design *d;
	const struct ko_family_fit *fit;
	struct ko_family_stats fs;
	const double *se;         /* chosen SEs */
	const double *conf_low, *conf_high; /* log-odds scale */
	const double *p_value;
	const char *se_label, *ci_label;
	struct ko_term_test *tests;
	int tests_done, lr_done;
	struct ko_auc auc;
	int auc_ok;
	char auc_note[160];
	struct ko_hoslem hl;
	int hl_ok;
	char hl_note[160];
	double events;
	size_t n_read;
	int effects;                        /* --effect bits */
	const struct ko_analysis_rr *pois;  /* rr: modified Poisson */
	const struct ko_margins *margins;   /* standardised risks */
	const struct exposure_plan *xp;
	enum ko_logit_hc_type effects_hc;
	char successes_note[256];           /* R's non-integer #successes */
	int surv;                           /* cox: Surv() arguments (0 for
					       poisson_rate's Surv()) */
	int ties;                           /* cox: KO_FAMILY_TIES_* */
	const struct ko_cox_zph *zph;       /* --zph, or NULL */
};

/* The modified Poisson columns of coefficient j (NaN when aliased). */
static void put_rr_columns(FILE *out, const struct ko_analysis_rr *pf, size_t j)
{
	const double v[] = { pf->rr[j], pf->rr_low[j], pf->rr_high[j],
			     pf->inf.se[j], pf->inf.p[j] };

	put_nums(out, v, sizeof v / sizeof v[0]);
}

static void print_coefficients(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	size_t j;

	fprintf(out, "term,estimate,std_error,statistic,p_value,%s,conf_low,conf_high,conf_low_log,conf_high_log",
		fit->family->effect_column);
	fputs(res->pois ? ",risk_ratio,rr_conf_low,rr_conf_high,rr_std_error,rr_p_value\n" : "\n", out);
	for (j = 0; j < res->d->p; j++) {
		int al = fit->aliased[j];
		double b = al ? NAN : fit->coef[j];
		double se = al ? NAN : res->se[j];
		/* the CI on the log-odds scale too (broom's tidy() without
		 * exponentiate): beyond +-709 the odds-ratio scale is 0/Inf */
		const double v[] = {
			b, se, al ? NAN : b / se, al ? NAN : res->p_value[j],
			exp(b), al ? NAN : exp(res->conf_low[j]),
			al ? NAN : exp(res->conf_high[j]),
			al ? NAN : res->conf_low[j], al ? NAN : res->conf_high[j]
		};

		put_field(out, res->d->names[j]);
		put_nums(out, v, sizeof v / sizeof v[0]);
		if (res->pois)
			put_rr_columns(out, res->pois, j);
		fputc('\n', out);
	}
}

static void stat_num(FILE *out, const char *name, double v)
{
	fprintf(out, "%s,", name);
	put_num(out, v);
	fputc('\n', out);
}

static void stat_text(FILE *out, const char *name, const char *v)
{
	fprintf(out, "%s,", name);
	put_field(out, v);
	fputc('\n', out);
}

static void warning_row(void *ctx, const char *msg)
{
	stat_text(ctx, "warning", msg);
}

/* The fit's warnings as rows (analysis.h words those the model stage
 * shares). */
static void print_warnings(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const char *const *names = (const char *const *)res->d->names;
	char msg[512];

	fit->family->warnings(fit, names, KO_WARN_CONVERGE | KO_WARN_FITTED,
			      warning_row, out);
	if (res->successes_note[0]) {
		snprintf(msg, sizeof(msg), "non-integer #successes in a binomial glm (%s)",
			 res->successes_note);
		stat_text(out, "warning", msg);
	}
	if (res->fs.separation)
		stat_text(out, "warning", fit->family->penalized
			  ? "(quasi-)complete separation: maximum likelihood estimates would not exist for the coefficients named below; the Firth estimates are finite"
			  : "(quasi-)complete separation: maximum likelihood estimates do not exist for the coefficients named below; consider --firth");
	fit->family->warnings(fit, names, KO_WARN_COEF, warning_row, out);
}

/* The estimator's name in the statistics: the family's (family.h), as
 * models/NAME_fit.csv says it: ML logistic regression is "ml" (as before
 * families), the others their family's name. */
static const char *estimator_name(const struct ko_family *fam)
{
	return fam->estimator;
}

static void print_stats(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const struct ko_family_stats *fs = &res->fs;
	const struct ko_design *d = res->d;

	fputs("statistic,value\n", out);
	stat_num(out, "n_read", (double)res->n_read);
	stat_num(out, "n_dropped_missing", (double)d->n_missing);
	stat_num(out, "n_used", (double)fit->n_used);
	stat_num(out, "events", res->events);
	stat_num(out, "n_coefficients", (double)d->p);
	stat_num(out, "rank", (double)fit->rank);
	stat_text(out, "estimator", estimator_name(fit->family));
	stat_text(out, "se_type", res->se_label);
	stat_text(out, "ci_method", res->ci_label);
	fprintf(out, "level,%.15g\n", fit->level);
	stat_num(out, "deviance", fs->deviance);
	stat_num(out, "null_deviance", fs->null_deviance);
	stat_num(out, "df_residual", fs->df_residual);
	stat_num(out, "df_null", fs->df_null);
	stat_num(out, "loglik", fs->loglik);
	if (res->surv) /* coxph: the partial likelihood at 0, fit$loglik[1] */
		stat_num(out, "null_loglik", fs->null_loglik);
	stat_num(out, "aic", fs->aic);
	stat_num(out, "bic", fs->bic);
	if (res->surv) {
		stat_text(out, "ties", res->ties == KO_FAMILY_TIES_BRESLOW ? "breslow" : "efron");
		stat_num(out, "concordance", fs->concordance);
	}
	stat_num(out, "iterations", fs->iterations);
	stat_num(out, "converged", fs->converged);
	stat_num(out, "fitted_0_or_1", (double)fs->fitted_boundary);
	stat_num(out, "separation_checked", fs->separation_checked);
	stat_num(out, "separation", fs->separation);
	stat_num(out, "auc", res->auc_ok ? res->auc.auc : NAN);
	stat_num(out, "auc_se", res->auc_ok ? res->auc.se : NAN);
	stat_num(out, "auc_conf_low", res->auc_ok ? res->auc.conf_low : NAN);
	stat_num(out, "auc_conf_high", res->auc_ok ? res->auc.conf_high : NAN);
	if (!res->auc_ok)
		stat_text(out, "auc_note", res->auc_note);
	stat_num(out, "hl_chisq", res->hl_ok ? res->hl.chisq : NAN);
	stat_num(out, "hl_df", res->hl_ok ? res->hl.df : NAN);
	stat_num(out, "hl_p_value", res->hl_ok ? res->hl.p_value : NAN);
	stat_num(out, "hl_groups", res->hl_ok ? (double)res->hl.n_groups : NAN);
	if (!res->hl_ok)
		stat_text(out, "hl_note", res->hl_note);
	print_warnings(out, res);
}

static void print_tests(FILE *out, const struct results *res)
{
	size_t t;

	fputs("term,df,wald_chisq,wald_p_value,lr_df,lr_chisq,lr_p_value\n", out);
	for (t = 0; t < res->d->n_terms; t++) {
		const struct ko_term_test *tt = &res->tests[t];
		const double v[] = { tt->df, tt->wald_chisq, tt->wald_p_value,
				     tt->lr_df, tt->lr_chisq, tt->lr_p_value };

		put_field(out, tt->label);
		put_nums(out, v, sizeof v / sizeof v[0]);
		fputc('\n', out);
	}
}

/* cox.zph's table: one row per term and GLOBAL, as R prints it. */
static void print_zph(FILE *out, const struct results *res)
{
	const struct ko_cox_zph *z = res->zph;
	size_t t;

	fputs("term,chisq,df,p_value\n", out);
	for (t = 0; t <= z->n_terms; t++) {
		const double v[] = { z->chisq[t], z->df[t], z->p_value[t] };

		put_field(out, t < z->n_terms ? res->d->term_labels[t] : "GLOBAL");
		put_nums(out, v, sizeof v / sizeof v[0]);
		fputc('\n', out);
	}
}

/* ---- effects (--effect rr, rd, paf) ----------------------------------- */

/* The standardised risks per exposure level: crude n, events and risk,
 * adjusted (standardised) risk, and the contrasts asked for. */
static void print_margins(FILE *out, const struct results *res)
{
	const struct ko_margins *m = res->margins;
	int rr = (res->effects & EFFECT_RR) != 0, rd = (res->effects & EFFECT_RD) != 0;
	size_t k;

	fputs("exposure,level,n,events,crude_risk,adjusted_risk,adjusted_conf_low,adjusted_conf_high", out);
	if (rr)
		fputs(",risk_ratio,rr_conf_low,rr_conf_high", out);
	if (rd)
		fputs(",risk_difference,rd_conf_low,rd_conf_high", out);
	fputc('\n', out);
	for (k = 0; k < m->n_levels; k++) {
		const double v[] = { m->n[k], m->events[k], m->crude_risk[k], m->risk[k],
				     m->risk_low[k], m->risk_high[k] };
		const double vrr[] = { m->rr[k], m->rr_low[k], m->rr_high[k] };
		const double vrd[] = { m->rd[k], m->rd_low[k], m->rd_high[k] };

		put_field(out, res->xp->label);
		fputc(',', out);
		put_field(out, res->xp->labels[k]);
		put_nums(out, v, sizeof v / sizeof v[0]);
		if (rr)
			put_nums(out, vrr, 3);
		if (rd)
			put_nums(out, vrd, 3);
		fputc('\n', out);
	}
}

static void print_paf(FILE *out, const struct results *res)
{
	const struct ko_margins *m = res->margins;
	const double v[] = { m->paf, m->paf_low, m->paf_high, m->observed_risk,
			     m->risk[0], m->events_total, m->attributable,
			     m->attributable_low, m->attributable_high };

	fputs("exposure,reference,paf,paf_conf_low,paf_conf_high,observed_risk,"
	      "risk_all_reference,events,attributable_cases,attributable_conf_low,"
	      "attributable_conf_high\n", out);
	put_field(out, res->xp->label);
	fputc(',', out);
	put_field(out, res->xp->labels[0]);
	put_nums(out, v, sizeof v / sizeof v[0]);
	fputc('\n', out);
}

/* 1 when coefficient j's modified Poisson estimate tends to -Inf: the
 * logistic fit is separated towards -Inf there (a level or pattern
 * without events), and so is the Poisson likelihood, though glm stops
 * near -20 and reports convergence, its fitted risks (1e-9..1e-7) not
 * always below KO_POISSON_FITTED_0. */
static int rr_no_events(const struct ko_family_fit *fit,
			const struct ko_analysis_rr *pf, size_t j)
{
	return pf && fit->separated && !pf->fit->aliased[j] &&
	       fit->separated[j] == -1;
}

/* Rows of the statistics table about the effect models. */
static void print_effect_stats(FILE *out, const struct results *res)
{
	const struct ko_analysis_rr *pf = res->pois;
	const struct ko_family_stats *ps = pf ? &pf->stats : NULL;
	char msg[256];
	size_t j;

	if (res->margins)
		stat_text(out, "margins_ci", "delta method; RR on the log scale, PAF on log(1 - PAF)");
	if (!pf)
		return;
	stat_text(out, "rr_model", "modified poisson (log link)");
	stat_text(out, "rr_se_type", pf->cluster
		  ? (res->effects_hc == KO_LOGIT_HC0 ? "cluster HC0" : "cluster HC1")
		  : (res->effects_hc == KO_LOGIT_HC0 ? "robust HC0" : "robust HC1"));
	stat_num(out, "rr_deviance", ps->deviance);
	stat_num(out, "rr_iterations", ps->iterations);
	stat_num(out, "rr_converged", ps->converged);
	stat_num(out, "rr_fitted_risk_above_1", (double)ps->fitted_above_1);
	stat_num(out, "rr_fitted_risk_0", (double)ps->fitted_boundary);
	if (!ps->converged) {
		snprintf(msg, sizeof(msg), "the modified Poisson fit did not converge in %d iterations: its risk ratios are not estimates",
			 ps->iterations);
		stat_text(out, "warning", msg);
	}
	if (ps->fitted_boundary) {
		snprintf(msg, sizeof(msg), "modified Poisson: fitted risks below 1e-8 in %zu rows: a coefficient may tend to -Inf (a covariate pattern without events); R's glm reports convergence here",
			 ps->fitted_boundary);
		stat_text(out, "warning", msg);
	}
	if (ps->fitted_above_1) {
		snprintf(msg, sizeof(msg), "modified Poisson: fitted risks above 1 in %zu rows",
			 ps->fitted_above_1);
		stat_text(out, "warning", msg);
	}
	for (j = 0; j < pf->fit->p; j++)
		if (rr_no_events(res->fit, pf, j)) {
			snprintf(msg, sizeof(msg), "modified Poisson: %s: no events, the estimate tends to -Inf (its risk ratio is not an estimate)",
				 res->d->names[j]);
			stat_text(out, "warning", msg);
		}
}

/* --effect rr and rd/paf as the analysis made them (analysis.h): a fit
 * or standardisation that could not be made stops kohort fit; the
 * modified Poisson fit's warnings go to standard error. */
static enum ko_status effects_check(const struct fit_args *a,
				    const struct ko_design *d,
				    const struct ko_analysis *an,
				    struct ko_err *err)
{
	const struct ko_analysis_rr *pf = &an->rr;
	size_t c;

	if (an->rr_status)
		return ko_err_set(err, an->rr_status, "%s", an->rr_msg);
	if (an->margins_aliased >= 0)
		return ko_err_set(err, KO_ERR_DATA, "--exposure %s: column %s is aliased",
				  a->exposure, d->names[an->margins_aliased]);
	if (an->margins_status)
		return ko_err_set(err, an->margins_status, "%s", an->margins_msg);
	if (!pf->fit)
		return KO_OK;
	if (!pf->stats.converged)
		fprintf(stderr, "kohort fit: warning: the modified Poisson fit did not converge in %d iterations\n",
			pf->stats.iterations);
	if (pf->stats.fitted_boundary)
		fprintf(stderr, "kohort fit: warning: modified Poisson: fitted risks numerically 0 in %zu rows; see the warning rows\n",
			pf->stats.fitted_boundary);
	for (c = 0; c < pf->fit->p; c++)
		if (rr_no_events(an->fit, pf, c))
			fprintf(stderr, "kohort fit: warning: modified Poisson: %s: no events, the estimate tends to -Inf (its risk ratio is not an estimate)\n",
				d->names[c]);
	return KO_OK;
}

/* ---- the model ------------------------------------------------------ */

/* Step timings for --timing (wall clock, to stderr). */
struct timer {
	int on;
	struct timespec last, last_cpu;
};

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

static void timer_start(struct timer *tm, int on)
{
	tm->on = on;
	clock_gettime(CLOCK_MONOTONIC, &tm->last);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &tm->last_cpu);
}

/* Wall and CPU (all threads) time since the last lap. */
static void timer_lap(struct timer *tm, const char *step)
{
	struct timespec now, cpu;

	if (!tm->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	fprintf(stderr, "kohort fit: %-8s %8.3f s wall %8.3f s cpu\n", step,
		seconds_between(&tm->last, &now),
		seconds_between(&tm->last_cpu, &cpu));
	tm->last = now;
	tm->last_cpu = cpu;
}

/* AUC and Hosmer-Lemeshow (analysis.h, side by side on two threads) need
 * 0/1 outcomes without weights: dc NULL then. */
static void discrimination(const struct ko_discrimination *dc,
			   struct results *res)
{
	if (!dc) {
		snprintf(res->auc_note, sizeof(res->auc_note),
			 "not computed with prior weights");
		snprintf(res->hl_note, sizeof(res->hl_note),
			 "not computed with prior weights");
		return;
	}
	res->auc = dc->auc;
	res->auc_ok = dc->auc_ok;
	res->hl = dc->hl;
	res->hl_ok = dc->hl_ok;
	if (!res->auc_ok)
		snprintf(res->auc_note, sizeof(res->auc_note), "%.150s",
			 dc->auc_note);
	if (!res->hl_ok)
		snprintf(res->hl_note, sizeof(res->hl_note), "%.150s",
			 dc->hl_note);
}

/* The SE type of the options, as the family seam's. */
static enum ko_family_se se_of(const struct fit_args *a)
{
	return a->se == SE_MODEL ? KO_FAMILY_SE_MODEL
	       : a->se == SE_ROBUST ? KO_FAMILY_SE_ROBUST : KO_FAMILY_SE_CLUSTER;
}

/* The chosen inference (analysis.h: robust and cluster SEs give Wald
 * p-values and, without --profile, Wald CIs) and its labels. */
static void inference_labels(const struct fit_args *a,
			     const struct ko_analysis *an, struct results *res)
{
	const struct ko_family_fit *fit = an->fit;

	res->ci_label = fit->ci_profile ? (fit->family->penalized ? "profile penalized likelihood" : "profile likelihood") : "wald";
	res->se = an->inf.se;
	res->p_value = an->inf.p;
	res->conf_low = an->inf.lo;
	res->conf_high = an->inf.hi;
	if (se_of(a) == KO_FAMILY_SE_MODEL) {
		res->se_label = "model";
		return;
	}
	res->se_label = a->se == SE_ROBUST
		? (a->hc == KO_LOGIT_HC0 ? "robust HC0" : "robust HC1")
		: (a->hc == KO_LOGIT_HC0 ? "cluster HC0" : "cluster HC1");
	if (!fit->ci_profile)
		res->ci_label = "wald (robust SE)";
}

/* --stats FILE is written to a temporary file beside FILE and renamed into
 * place when complete (outfile.h), so a failed run leaves no part of it.
 * It is opened before the data are read: a bad path fails at once, with
 * nothing on standard output.  The folder must exist (not created for a
 * typed path), and FILE must not be a folder (the rename would fail only
 * after the fit).  FILE must not be the --data file itself (the same
 * inode: a hard link, a symbolic link or another spelling of its path),
 * which the rename would replace. */
static enum ko_status open_stats(const char *path, const char *data,
				 struct ko_outfile *out, struct ko_err *err)
{
	struct stat sb, db;

	if (!stat(path, &sb) && S_ISDIR(sb.st_mode))
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write: %s", strerror(EISDIR));
	if (!stat(path, &sb) && data && !stat(data, &db) &&
	    sb.st_dev == db.st_dev && sb.st_ino == db.st_ino)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write --stats: it is the --data file "
				 "%s (the same file), which would be "
				 "overwritten; give another path", data);
	return ko_outfile_open(out, path, KO_OUTFILE_NO_PARENTS, err);
}

static void print_stats_tables(FILE *out, const struct results *res)
{
	print_stats(out, res);
	print_effect_stats(out, res);
	if (res->tests_done) {
		fputc('\n', out);
		print_tests(out, res);
	}
	if (res->zph) {
		fputc('\n', out);
		print_zph(out, res);
	}
	if (res->margins) {
		fputc('\n', out);
		print_margins(out, res);
	}
	if (res->margins && (res->effects & EFFECT_PAF)) {
		fputc('\n', out);
		print_paf(out, res);
	}
}

/* The coefficients to standard output; the other tables after them, or
 * to --stats (stats: open, from open_stats), which is committed first so
 * that its failure leaves nothing on standard output. */
static enum ko_status write_outputs(const struct results *res,
				    struct ko_outfile *stats,
				    struct ko_err *err)
{
	int to_file = stats->fp != NULL;
	enum ko_status st;

	if (to_file) {
		print_stats_tables(stats->fp, res);
		if ((st = ko_outfile_commit(stats, err)))
			return st;
	}
	print_coefficients(stdout, res);
	if (!to_file) {
		fputc('\n', stdout);
		print_stats_tables(stdout, res);
	}
	if (fflush(stdout))
		return ko_err_set(err, KO_ERR_IO, "cannot write standard output: %s",
				  strerror(errno));
	return KO_OK;
}

enum flagged { FLAG_ALIASED, FLAG_SEPARATED, FLAG_PROFILE_NA };

static int is_flagged(const struct ko_family_fit *fit, size_t j, enum flagged what)
{
	if (what == FLAG_ALIASED)
		return fit->aliased[j];
	if (what == FLAG_PROFILE_NA)
		return ko_family_profile_missing(fit, j) != NULL;
	return fit->separated && fit->separated[j] != 0;
}

/* The names of the aliased or separated coefficients, for one short line
 * on standard error: the first three at most (fewer once the list passes
 * 60 characters), then "and N more".  Returns how many there are. */
static size_t flagged_names(const struct ko_family_fit *fit,
			    const struct ko_design *d, enum flagged what,
			    char *buf, size_t size)
{
	size_t j, n = 0, shown = 0, used = 0;

	buf[0] = '\0';
	for (j = 0; j < d->p; j++) {
		int len;

		if (!is_flagged(fit, j, what))
			continue;
		n++;
		if (shown == 3 || (shown && used > 60))
			continue;
		len = snprintf(buf + used, size - used, "%s%s", shown ? ", " : "",
			       d->names[j]);
		if (len < 0 || (size_t)len >= size - used)
			continue; /* too long to show: counted in "more" */
		used += (size_t)len;
		shown++;
	}
	if (n > shown)
		snprintf(buf + used, size - used, "%sand %zu more",
			 shown ? " " : "", n - shown);
	return n;
}

/* R's binomial family warns "non-integer #successes in a binomial glm!"
 * when some row's weight x outcome is more than 0.001 from a whole number
 * (binomial()$initialize; a row of weight 0 has 0 successes): a proportion
 * without --weights, or weights that do not make it a count.  The note
 * says which; empty when R would not warn. */
static void successes_note(const struct ko_design *d, const double *w,
			   const char *response, const char *weights,
			   char *note, size_t size)
{
	size_t i, n = 0;

	note[0] = '\0';
	for (i = 0; i < d->n; i++) {
		double m = w ? (w[i] == 0 ? 0 : w[i] * d->y[i]) : d->y[i];

		if (fabs(m - nearbyint(m)) > 0.001)
			n++;
	}
	if (!n)
		return;
	if (!w)
		snprintf(note, size, "outcome %.60s has values other than 0 and 1 and no --weights",
			 response);
	else
		snprintf(note, size, "--weights %.60s times outcome %.60s is not a whole number in %zu %s",
			 weights, response, n, n == 1 ? "row" : "rows");
}

static void warn_line(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "kohort fit: warning: %s\n", msg);
}

/* R's warnings, and which coefficients they are about. */
static void warn_stderr(const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const struct ko_family_stats *fs = &res->fs;
	const struct ko_design *d = res->d;
	char names[256];
	size_t n;

	if (!fs->converged)
		fprintf(stderr, "kohort fit: warning: the fit did not converge in %d iterations\n",
			fs->iterations);
	if (res->successes_note[0])
		fprintf(stderr, "kohort fit: warning: non-integer #successes in a binomial glm (%s)\n",
			res->successes_note);
	if (fs->fitted_boundary && fit->family->mean == ko_family_logit_mean)
		fprintf(stderr, "kohort fit: warning: fitted probabilities numerically 0 or 1 occurred (%zu rows)\n",
			fs->fitted_boundary);
	else if (fs->fitted_boundary)
		fit->family->warnings(fit, (const char *const *)d->names,
				      KO_WARN_FITTED, warn_line, NULL);
	if (fs->separation && !fit->family->penalized) {
		n = flagged_names(fit, d, FLAG_SEPARATED, names, sizeof(names));
		if (n)
			fprintf(stderr, "kohort fit: warning: (quasi-)complete separation: %s %s may be infinite; see the warning rows\n",
				n == 1 ? "coefficient" : "coefficients", names);
		else
			fprintf(stderr, "kohort fit: warning: (quasi-)complete separation: estimates of separated coefficients are not finite; see the warning rows\n");
	}
	n = flagged_names(fit, d, FLAG_PROFILE_NA, names, sizeof(names));
	if (n)
		fprintf(stderr, "kohort fit: warning: a profile-likelihood interval end could not be found (NA) for %s; see the warning rows\n",
			names);
	if (fit->rank < fit->p) {
		n = flagged_names(fit, d, FLAG_ALIASED, names, sizeof(names));
		fprintf(stderr, "kohort fit: warning: %zu %s not defined because of singularities (aliased): %s\n",
			n, n == 1 ? "coefficient" : "coefficients", names);
	}
}

static void lap(void *ctx, const char *step)
{
	timer_lap(ctx, step);
}

/* The analysis (analysis.h, as the model stage's) of the design with the
 * options, printed. */
static enum ko_status run_model(const struct fit_args *a,
				const struct ko_formula *f,
				struct ko_design *d,
				const struct extras *e, size_t n_read,
				const struct exposure_plan *xp,
				struct timer *tm, struct ko_outfile *stats,
				struct ko_err *err)
{
	struct ko_family_data data;
	struct ko_analysis_request rq = { 0 };
	struct ko_analysis an = { 0 };
	struct results res = { 0 };
	struct ko_cox_zph zph = { 0 };
	const char *no_disc;
	enum ko_status st;
	size_t i;

	rq.family = a->family;
	ko_logit_options_init(&rq.opt);
	rq.opt.max_iter = a->max_iter;
	rq.opt.firth = a->firth;
	rq.opt.level = a->level;
	/* logistf's defaults for Firth: profile penalized-likelihood CIs and
	 * penalized LR p-values */
	if (a->profile || a->firth)
		rq.opt.profile = 1;
	if (a->firth)
		rq.opt.lr_tests = 1;
	/* the LR refits from the full fit: fewer passes (docs/fit.md) */
	rq.opt.lr_warm_start = 1;
	rq.se = se_of(a);
	rq.hc = a->hc;
	rq.cluster = e->cluster;
	rq.level = a->level;
	rq.rr = (a->effects & EFFECT_RR) != 0;
	rq.exposure = xp->on ? &xp->ex : NULL;
	rq.tests = (a->tests & TESTS_WALD ? KO_ANALYSIS_TESTS_WALD : 0) |
		   (a->tests & TESTS_LR ? KO_ANALYSIS_TESTS_LR : 0);
	rq.discrimination = !e->w && !a->surv && a->family->outcome != KO_FAMILY_RATE;
	rq.opt.ties = a->ties;
	rq.hl_groups = a->hl_groups;
	rq.parallel = 1;
	rq.lap = lap;
	rq.lap_ctx = tm;
	memset(&data, 0, sizeof(data));
	data.n = d->n;
	data.p = d->p;
	data.x = d->x;
	data.y = d->y;
	data.weights = e->w;
	data.offset = e->offset;
	data.names = (const char *const *)d->names;
	if (a->surv && a->family->outcome == KO_FAMILY_EVENT_TIME) {
		if (!d->intercept) {
			st = ko_err_set(err, KO_ERR_USAGE, "--formula: a Cox model has no intercept to remove: leave out - 1 / + 0");
			goto out;
		}
		/* built with an intercept so that factors get R's treatment
		 * contrasts, as coxph's model matrix before it drops it */
		ko_design_drop_intercept(d);
		data.p = d->p;
		data.x = d->x;
		data.names = (const char *const *)d->names;
		data.y = NULL;
		data.time = e->time;
		data.start = e->start;
		data.status = e->status;
		data.strata = e->strata;
	}
	if ((st = ko_analysis_run(&data, d, &rq, &an, err)) ||
	    (st = effects_check(a, d, &an, err)))
		goto out;
	res.d = d;
	res.fit = an.fit;
	res.fs = an.stats;
	res.n_read = n_read;
	if (a->family->mean == ko_family_logit_mean) /* binomial's warning */
		successes_note(d, e->w, f->response, a->weights, res.successes_note,
			       sizeof(res.successes_note));
	for (i = 0; i < d->n; i++)
		res.events += d->y[i] * (e->w ? e->w[i] : 1);
	res.surv = a->family->outcome == KO_FAMILY_EVENT_TIME ? a->surv : 0;
	res.ties = a->ties;
	if (a->zph) {
		if ((st = ko_analysis_cox_zph(&data, d, an.fit, &zph, err)))
			goto out;
		res.zph = &zph;
	}
	inference_labels(a, &an, &res);
	if (a->effects & ~EFFECT_OR) {
		res.effects = a->effects;
		res.effects_hc = a->hc;
		res.pois = an.rr.fit ? &an.rr : NULL;
		res.margins = an.margins;
		res.xp = xp;
	}
	/* AUC and Hosmer-Lemeshow: not for event times nor counts */
	no_disc = a->surv && a->family->outcome == KO_FAMILY_EVENT_TIME
		  ? "see concordance"
		  : a->family->outcome == KO_FAMILY_RATE
		  ? "the outcome is a count" : NULL;
	if (no_disc) {
		snprintf(res.auc_note, sizeof(res.auc_note),
			 "not computed for the %s family (%s)", a->family->name,
			 no_disc);
		snprintf(res.hl_note, sizeof(res.hl_note), "%s", res.auc_note);
	} else {
		discrimination(an.disc, &res);
	}
	res.tests = an.tests;
	res.tests_done = an.tests != NULL;
	warn_stderr(&res);
	st = write_outputs(&res, stats, err);
	timer_lap(tm, "output");
out:
	ko_analysis_release(&an);
	ko_cox_zph_release(&zph);
	return st;
}

static enum ko_status fit_file(const struct fit_args *a, struct ko_err *err)
{
	struct ko_formula *f = NULL;
	struct ko_design *d = NULL;
	struct roles r = { 0 };
	struct table t = { 0 };
	struct extras e = { 0 };
	struct exposure_plan xp = { 0 };
	struct ko_outfile stats = { 0 };
	struct timer tm;
	enum ko_status st;
	size_t n_read;

	timer_start(&tm, a->timing);
	if ((st = ko_formula_parse(&f, a->formula, err)))
		goto out;
	if (a->stats && (st = open_stats(a->stats, a->data, &stats, err)))
		goto out;
	if ((st = fit_read_data(a, f, &r, &t, err)))
		goto out;
	timer_lap(&tm, "read");
	n_read = t.n + (t.plain ? t.n_missing : 0);
	if (n_read == 0) {
		st = ko_err_at(err, KO_ERR_DATA, a->data, 0, NULL, "no data rows");
		goto out;
	}
	if (t.n == 0) {
		st = ko_err_at(err, KO_ERR_DATA, a->data, 0, NULL,
			       "no rows left after dropping %zu with missing values",
			       t.n_missing);
		goto out;
	}
	if (t.plain) {
		st = ko_design_wrap(&d, f, t.x, t.y, t.n, t.n_missing, err);
		t.x = t.y = NULL;
	} else if ((st = fit_build_design(a, f, &r, &t, &d, err))) {
		ko_err_set_file(err, a->data);
	}
	if (st)
		goto out;
	if ((st = fit_gather_extras(a, &r, &t, d, &e, err)))
		goto out;
	if (a->exposure && (st = fit_plan_exposure(a, f, &r, &t, d, &xp, err)))
		goto out;
	fit_table_release(&t); /* only the design is needed from here on */
	timer_lap(&tm, "design");
	st = run_model(a, f, d, &e, n_read, &xp, &tm, &stats, err);
out:
	ko_outfile_abort(&stats); /* nothing left of it unless committed */
	fit_exposure_release(&xp);
	free(e.w);
	free(e.cluster);
	free(e.time);
	free(e.start);
	free(e.status);
	free(e.strata);
	free(e.offset);
	fit_table_release(&t);
	free(r.names);
	free(r.var_col);
	ko_design_free(d);
	ko_formula_free(f);
	return st;
}

int ko_cmd_fit(int argc, char **argv)
{
	struct fit_args a;
	struct ko_err err;
	int rc = fit_parse_args(argc, argv, &a);
	enum ko_status st;

	if (rc >= 0) {
		fit_release_args(&a);
		return rc;
	}
	if (a.threads)
		ko_par_set_threads(a.threads);
	ko_err_clear(&err);
	st = fit_file(&a, &err);
	fit_release_args(&a);
	if (st) {
		ko_cli_report("fit", &err);
		return ko_cli_exit_code(st);
	}
	return KO_EXIT_OK;
}
