/*
 * model.h - the model stage of `kohort run`: every [model NAME] of the
 * config fitted on the analysis dataset in memory, with the logistic engine
 * (stats/logit.h), and written as tidy CSV under OUT/models/.
 *
 *     ko_study_model(&s, err);   after ko_study_cohort (and write)
 *     ... s.models: struct ko_model_results, for the report stage ...
 *     ko_model_add_outputs(&s, manifest, err);   files and warnings
 *
 * For each model, each stratum ("all" when the model has no strata; "sex=1"
 * ... one per level of the strata variable, in level order), and each
 * version (crude: outcome ~ one exposure, one fit per exposure; adjusted:
 * outcome ~ exposures + covariates + interactions), one struct
 * ko_model_fit.  All versions of a stratum use the same children: the
 * cohort members in the subgroup and stratum with no missing value in any
 * variable of the model (so crude and adjusted estimates are comparable).
 *
 * Files (docs/config.md, "Outputs of the model stage"):
 *   models/NAME.csv        one row per coefficient (and reference level)
 *   models/NAME_stats.csv  one row per fit: n, events, deviance, AIC, ...
 *   models/NAME_tests.csv  one row per term of a fit: joint Wald and LR
 *   models/NAME_effects.csv  (effect = rd or paf) one row per level of the
 *                          standardised exposure per fit, and a PAF row
 *
 * effect = rr adds the modified Poisson risk ratios to each row of
 * NAME.csv (same design; robust HC0 SEs, or cluster when se = cluster)
 * and the Poisson fit's convergence to NAME_stats.csv; a Poisson fit that
 * does not converge or fails is a warning of the fit, never silent.
 *
 * A fit that cannot be made (a stratum where a factor has one level, no
 * events, ...) is kept with its error text and no rows; non-convergence,
 * separation and aliased coefficients are in each fit's warnings, the stats
 * file and the manifest.  Errors that stop the stage: an outcome that is
 * not 0/1, out of memory, a file that cannot be written, and SIGINT or
 * SIGTERM (interrupt.h; KO_ERR_STOPPED, checked before each fit).
 *
 * Ownership: ko_study_model puts a new struct ko_model_results on
 * s->models (ko_model_results_attach); ko_study_release frees it
 * (through s->free_models, which attach sets).  Every
 * string and array in it belongs to it; cfg pointers are borrowed from the
 * study's config.
 */
#ifndef KO_MODEL_H
#define KO_MODEL_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "error.h"
#include "family.h"
#include "manifest.h"

struct ko_study;

/* One row of models/NAME.csv. */
struct ko_model_row {
	char *term;      /* variable names: "sa_years", "sa_years:ndd",
			    "(Intercept)" */
	char *level;     /* a factor's level ("2-3", "sa_years 1:ndd" parts
			    joined by ':'); "" for numbers */
	char *coef_name; /* R's coefficient name, as model.matrix prints it
			    ("factor(sa_years, ref = \"0\")2-3"); NULL for a
			    reference row */
	int reference;   /* 1: a factor's reference level: estimate 0,
			    effect 1, no SE or CI */
	int aliased;     /* 1: not estimable (R's NA); numbers NaN */
	int separated;   /* ML fits: +1 / -1 when the data separate this
			    coefficient (its estimate tends to +/-Inf; the
			    numbers are the last iteration's), else 0 */
	int rr_separated;/* effect = rr: -1 when the modified Poisson
			    estimate tends to -Inf (a level without events:
			    the logistic separation towards -Inf), 0
			    otherwise; its risk ratio is then no estimate */
	/* estimate .. p_value on the family's linear-predictor scale (log
	 * odds, log risk); effect = exp(estimate), the family's effect (odds
	 * ratio, risk ratio: ko_model_result.family), and its CI */
	double estimate, std_error, statistic, p_value;
	double effect, conf_low, conf_high;
	/* the same CI on the linear-predictor scale, as kohort fit's
	 * conf_low_log/conf_high_log: beyond +-709 the effect scale is 0 or
	 * Inf (issue #15 item 6) */
	double conf_low_log, conf_high_log;
	long n, events;  /* children (and events) at this level in the fit's
			    sample: for a 0/1 column the rows where it is 1,
			    for a reference row those at the reference level;
			    -1 for a continuous column and the intercept */
	double person_years; /* cox, poisson_rate: the follow-up of those
				children (years of 365.25 days); NaN
				otherwise */
	double rate, rate_conf_low, rate_conf_high; /* events per 1,000
				person_years, exact Poisson CI (rate.h) */
	/* effect = rr: the modified Poisson fit of the same formula (risk
	 * ratio scale; intercept: the baseline risk); rr_std_error on the
	 * log scale.  Reference row: risk_ratio 1.  NaN when not asked, not
	 * fitted or aliased. */
	double risk_ratio, rr_std_error, rr_conf_low, rr_conf_high, rr_p_value;
};

/* effect = rd/paf: one level of the standardised exposure (the first is
 * the reference, where risk_ratio is 1 and risk_difference 0, CIs NaN). */
struct ko_model_effect_level {
	char *level;           /* as in models/NAME.csv */
	long n, events;        /* children (and events) at this level */
	double crude_risk;     /* events / n */
	double risk, risk_conf_low, risk_conf_high; /* standardised: the mean
				  predicted risk with everyone at this level */
	double risk_ratio, rr_conf_low, rr_conf_high; /* vs reference, delta */
	double risk_difference, rd_conf_low, rd_conf_high;
};

/* The standardised risks of a fit's effect exposure (marginal
 * standardisation of the logistic fit, CIs by the delta method on the fit's
 * covariance: model, robust or cluster as the model's se). */
struct ko_model_effect {
	char *exposure;        /* variable name */
	struct ko_model_effect_level *levels;
	size_t n_levels;
	long n, events;        /* the fit's sample */
	double observed_risk;  /* mean fitted risk of the model */
	int has_paf;           /* effect = paf: the numbers below are set */
	double paf, paf_conf_low, paf_conf_high; /* 1 - risk(all at
				  reference) / observed_risk */
	double attributable, attributable_conf_low, attributable_conf_high;
			       /* paf * events */
};

/* One row of models/NAME_tests.csv: all of a term's coefficients 0. */
struct ko_model_test {
	char *term;
	double df, wald_chisq, wald_p_value; /* with the fit's covariance */
	double lr_df, lr_chisq, lr_p_value;  /* drop1(fit, test = "LRT");
						Firth: penalized LR */
	double zph_chisq, zph_df, zph_p_value; /* cox: the term's row of
						  cox.zph(fit); else NaN */
};

struct ko_model_fit {
	char *stratum;   /* "all" or "VAR=LEVEL" */
	int crude;       /* version: 1 crude, 0 adjusted */
	char *exposure;  /* crude: the exposure; adjusted: NULL */
	char *formula;   /* the R formula fitted */
	char *error;     /* NULL, or why no fit was made (then no rows) */
	struct ko_model_row *rows;
	size_t n_rows;
	struct ko_model_test *tests;
	size_t n_tests;
	/* sample */
	size_t n_input;  /* children offered: cohort, subgroup, stratum */
	size_t n_missing;/* dropped for a missing value in a model variable */
	size_t n_used;
	long events;
	double person_years; /* cox: follow-up of the children used, years;
				NaN for the other families */
	double concordance;  /* cox: Harrell's C (coxph's concordance) */
	double zph_chisq, zph_df, zph_p_value; /* cox: cox.zph(fit)'s GLOBAL
						  row; else NaN */
	/* fit */
	size_t n_coef, rank;
	double deviance, null_deviance, df_residual, df_null;
	double loglik, aic, bic; /* Firth: penalized loglik; AIC/BIC NaN */
	int iterations, converged, separation;
	size_t fitted_0_or_1;
	double auc, auc_se, auc_conf_low, auc_conf_high; /* NaN if not made */
	double hl_chisq, hl_df, hl_p_value;
	char *warnings;  /* "; "-separated, "" when none */
	/* effect = rr: the modified Poisson fit behind the rows' risk_ratio
	 * (rr_fitted 0: not asked, or not fitted: see warnings) */
	int rr_fitted;
	int rr_iterations, rr_converged;
	double rr_deviance;
	size_t rr_fitted_above_1, rr_fitted_0;
	/* effect = rd/paf: the adjusted fit, and the crude fit of the effect
	 * exposure; NULL otherwise, or when not made (see warnings) */
	struct ko_model_effect *effect;
};

struct ko_model_result {
	const struct ko_cfg_model *cfg;
	const struct ko_family *family; /* ko_model_family(cfg): the rows'
					   effect and its name */
	const char *se_label;  /* "model", "robust HC0", "cluster HC0 (mother)" */
	const char *ci_label;  /* "wald", "profile likelihood", ... */
	struct ko_model_fit *fits; /* by stratum; within one, adjusted first,
				      then crude in the order of exposures */
	size_t n_fits;
	size_t n_no_stratum;   /* children in the subgroup with the strata
				  variable missing (in no stratum) */
};

struct ko_model_results {
	struct ko_model_result *models; /* in config order */
	size_t n_models;
};

/* The stage: fit every model of s->cfg, write OUT/models/, keep the
 * results on s->models.  A config without models writes nothing. */
enum ko_status ko_study_model(struct ko_study *s, struct ko_err *err);

void ko_model_results_free(struct ko_model_results *r);

/* Told of one problem of a model: the config line it is about, the text. */
typedef void (*ko_model_problem_fn)(void *ctx, long line, const char *msg);

/* What model m asks of the data (after the cohort stage) that they cannot
 * give, each told to fn: a subgroup or strata that leave no one, a model
 * variable missing for everyone, a factor with one level, a reference
 * level that no child of the adjusted model's sample (complete cases over
 * all strata) has ("did you mean 'Helsinki'?").  Within one stratum these
 * are the data's: that stratum is not fitted, a warning.  The config
 * controls these, so the model stage stops on the first (KO_ERR_CONFIG at
 * cfg->path:line) and `kohort check` lists them all.  *n_problems: how
 * many; the status is for out of memory only. */
enum ko_status ko_model_check_data(const struct ko_study *s,
				   const struct ko_cfg_model *m,
				   ko_model_problem_fn fn, void *ctx,
				   size_t *n_problems, struct ko_err *err);

/* The population a model's table is shown on (docs/outputs.md, "Model
 * tables"): the cohort's members in the model's subgroup and in stratum
 * ("all" or "VAR=LEVEL", a fit's stratum), whatever their other values.
 * Fills *n and *events (those with the outcome 1) with its persons whose
 * variable term has the value level: a factor's level as the model rows
 * print it, "" or "1" for a 0/1 number's value 1; term NULL: all of them;
 * level NULL: those whose term is missing.  -1 in both when term is not a
 * variable of the model, or the model is a time-to-event one (its events
 * are the follow-up's). */
void ko_model_population(const struct ko_study *s, const struct ko_cfg_model *m,
			 const char *stratum, const char *term,
			 const char *level, long *n, long *events);

/* Every model's ko_model_check_data; the first problem is the error
 * (KO_ERR_CONFIG).  ko_study_model starts with it; a run whose models come
 * from the stage cache calls it too. */
enum ko_status ko_model_check_config(const struct ko_study *s,
				     struct ko_err *err);

/* Put r on s->models (taking it), freeing what was there; the study frees
 * it in ko_study_release.  The one way to set s->models. */
void ko_model_results_attach(struct ko_study *s, struct ko_model_results *r);

/* Write OUT/models/ from s->models (ko_study_model does; the stage cache
 * does it for results it loaded). */
enum ko_status ko_model_write(const struct ko_study *s, struct ko_err *err);

/* The model family (stats/family.h) that fits model m: the one place the
 * config's estimator becomes a family; the model stage fits with it and
 * the report takes the effect's name ("OR") from it. */
const struct ko_family *ko_model_family(const struct ko_cfg_model *m);

/* r emptied and set up for model m: cfg, se_label and ci_label. */
void ko_model_result_init(struct ko_model_result *r,
			  const struct ko_cfg_model *m);

/* Add the model files to the manifest, and every fit's warnings. */
enum ko_status ko_model_add_outputs(const struct ko_study *s,
				    struct ko_manifest *m, struct ko_err *err);

/* One line per fit with warnings or an error, "model NAME (stratum,
 * version): text", to out (the run log); returns how many. */
size_t ko_model_print_warnings(const struct ko_model_results *r, FILE *out);

/* The same lines for the fits that could not be made only (out NULL:
 * counts them). */
size_t ko_model_print_not_fitted(const struct ko_model_results *r, FILE *out);

/* 1 when a model table's term is a band of split follow-up (split_age's
 * "age_band", split_period's "period"): each event is in one band, a
 * child's person-time in several, so only the events sum to the model's. */
int ko_model_term_is_split(const char *term);

#endif
