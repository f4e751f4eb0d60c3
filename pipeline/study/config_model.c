/*
 * config_model.c - the config's [model NAME] sections (docs/config.md):
 * outcome, exposures, covariates and their terms (categorical, reference,
 * interactions), the options (se, cluster, family, estimator, ci, level),
 * subgroup and strata, and the effects.  config.c's resolve_all calls
 * cfg_resolve_models after the variables; what the files share is
 * config_impl.h.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config_impl.h"
#include "expr.h"
#include "family.h"
#include "value.h"

/* ---- [model NAME] -------------------------------------------------------- */

static const struct key_spec model_keys[] = {
	{ "outcome", 0 }, { "exposures", 0 }, { "covariates", 0 },
	{ "categorical", 0 }, { "interactions", 0 }, { "subgroup", 0 },
	{ "strata", 0 }, { "crude", 0 }, { "se", 0 }, { "cluster", 0 },
	{ "family", 0 }, { "estimator", 0 }, { "ci", 0 }, { "level", 0 },
	{ "effect", 0 }, { "ties", 0 }, { "split_age", 0 },
	{ "time_varying", 0 }, { "split_period", 0 }, { "cox_strata", 0 },
	{ "exposure", 0 }, { "crude_cases", 0 }, { NULL, 0 },
};

/* A variable a model may use: defined, and not a date. */
static long model_var(struct ko_config *cfg, const char *name, long line,
		      const char *what)
{
	long v = ko_config_find_var(cfg, name);

	if (v < 0)
		problem(cfg, line, "%s: no variable '%s' (define [variable %s])",
			what, name, name);
	else if (cfg->vars[v].kind == KO_VK_DATE)
		problem(cfg, line, "%s: variable '%s' is a date; a model takes "
			"numbers and categories", what, name);
	return v < 0 || cfg->vars[v].kind == KO_VK_DATE ? -1 : v;
}

static int in_list(const size_t *list, size_t n, size_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

#define TEXT_(x) #x
#define TEXT(x) TEXT_(x) /* a constant in a message */

/* A list of variables into out (at most KO_CFG_MAX_LIST). */
static void model_var_list(struct ko_config *cfg, struct entry *e,
			   size_t *out, size_t *n_out)
{
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_entry_list(cfg, e, items, "1 to " TEXT(KO_CFG_MAX_LIST)
				" variable names"), i, v;

	for (i = 0; i < n; i++) {
		v = model_var(cfg, items[i], e->line, e->key);
		if (v < 0)
			continue;
		if (in_list(out, *n_out, (size_t)v))
			problem(cfg, e->line, "%s: '%s' listed twice", e->key,
				items[i]);
		else
			out[(*n_out)++] = (size_t)v;
	}
}

/* 1 when v is one of the model's terms (an exposure or a covariate). */
int ko_cfg_model_has_term(const struct ko_cfg_model *m, size_t v)
{
	return in_list(m->exposures, m->n_exposures, v) ||
	       in_list(m->covariates, m->n_covariates, v);
}

int ko_cfg_model_splits(const struct ko_cfg_model *m)
{
	return m->time_to_event && (m->n_tv || m->n_split_age || m->n_split_period);
}

/* interactions = a:b, a:c:d */
static void model_interactions(struct ko_config *cfg, struct ko_cfg_model *m,
			       struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_entry_list(cfg, e, items, "terms such as sa_years:ndd"),
	     i, v;

	for (i = 0; i < n; i++) {
		struct ko_cfg_interaction *in = &m->interactions[m->n_interactions];
		char *s = items[i], *colon;
		int bad = 0;

		in->n = 0;
		do {
			colon = strchr(s, ':');
			if (colon)
				*colon = '\0';
			while (*s == ' ')
				s++;
			if (in->n == KO_CFG_MAX_INTERACTION) {
				bad = 1;
				break;
			}
			v = model_var(cfg, s, e->line, "interactions");
			if (v >= 0 && !ko_cfg_model_has_term(m, (size_t)v)) {
				problem(cfg, e->line, "interactions: '%s' is not among "
					"the exposures or covariates", s);
				v = -1;
			}
			if (v < 0)
				bad = 1;
			else
				in->vars[in->n++] = (size_t)v;
			s = colon ? colon + 1 : NULL;
		} while (s);
		if (!bad && in->n < 2)
			problem(cfg, e->line, "interactions: '%s' is not a product "
				"of variables (write a:b)", items[i]);
		else if (!bad)
			m->n_interactions++;
		else if (in->n == KO_CFG_MAX_INTERACTION)
			problem(cfg, e->line, "interactions: at most %d variables "
				"in a term", KO_CFG_MAX_INTERACTION);
	}
}

int ko_cfg_model_is_factor(const struct ko_config *cfg,
			   const struct ko_cfg_model *m, size_t v)
{
	return cfg->vars[v].kind == KO_VK_LABEL ||
	       in_list(m->categorical, m->n_categorical, v);
}

/* reference VAR = LEVEL */
static void model_reference(struct ko_config *cfg, struct ko_cfg_model *m,
			    struct entry *e)
{
	const char *name = skip_ws(e->key + strlen("reference "));
	const struct ko_cfg_variable *var;
	long v = model_var(cfg, name, e->line, "reference");
	size_t i;

	if (v < 0)
		return;
	var = &cfg->vars[v];
	if (!ko_cfg_model_has_term(m, (size_t)v) ||
	    !ko_cfg_model_is_factor(cfg, m, (size_t)v)) {
		problem(cfg, e->line, "reference %s: not a categorical exposure "
			"or covariate of the model (list a number variable in "
			"'categorical')", name);
		return;
	}
	if (!*e->value) {
		problem(cfg, e->line, "reference %s: expected a level", name);
		return;
	}
	for (i = 0; i < var->n_cats; i++)
		if (!strcmp(var->cats[i].label, e->value))
			break;
	if (var->n_cats && i == var->n_cats) {
		problem(cfg, e->line, "reference %s = %s: not one of the "
			"variable's category labels", name, e->value);
		return;
	}
	for (i = 0; i < m->n_refs; i++)
		if (m->refs[i].var == (size_t)v) {
			problem(cfg, e->line, "reference %s: given twice (first on "
				"line %ld)", name, m->refs[i].line);
			return;
		}
	if (m->n_refs == KO_CFG_MAX_LIST) {
		problem(cfg, e->line, "reference %s: at most %d references",
			name, KO_CFG_MAX_LIST);
		return;
	}
	m->refs[m->n_refs].var = (size_t)v;
	m->refs[m->n_refs].level = e->value;
	m->refs[m->n_refs].line = e->line;
	m->n_refs++;
}

/* family = cox: the outcome is the follow-up's event ([cohort] event =
 * DATE VARIABLE), its times the follow-up's; an outcome key would say
 * something else, so it is refused. */
static void model_event(struct ko_config *cfg, const char *sec,
			struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "outcome"),
		     *fe = cfg_get(cfg, sec, "family");

	if (e)
		problem(cfg, e->line, "outcome: a %s model's outcome is the "
			"follow-up's event and its time ([cohort] event = DATE "
			"VARIABLE); leave outcome out", fe->value);
	if (!cfg->followup.active || cfg->followup.event_var < 0) {
		problem(cfg, fe->line, "family %s: the model is fitted on the "
			"follow-up of [cohort], which has no 'event = DATE "
			"VARIABLE' (docs/config.md, [cohort])", fe->value);
		return;
	}
	m->outcome = (size_t)cfg->followup.event_var;
}

/* Outcome, terms and factors. */
static void model_terms(struct ko_config *cfg, const char *sec,
			struct ko_cfg_model *m)
{
	struct ko_config_priv *p = cfg->priv;
	struct entry *e;
	size_t i;
	long v;

	if (m->time_to_event)
		model_event(cfg, sec, m);
	else if ((e = cfg_require(cfg, sec, "outcome")) &&
	    (v = model_var(cfg, e->value, e->line, "outcome")) >= 0) {
		m->outcome = (size_t)v;
		if (cfg->vars[v].kind != KO_VK_NUM)
			problem(cfg, e->line, "outcome: '%s' must be a 0/1 number "
				"variable, not categories", e->value);
	}
	if ((e = cfg_require(cfg, sec, "exposures")))
		model_var_list(cfg, e, m->exposures, &m->n_exposures);
	if ((e = cfg_get(cfg, sec, "covariates")))
		model_var_list(cfg, e, m->covariates, &m->n_covariates);
	for (i = 0; i < m->n_covariates; i++)
		if (in_list(m->exposures, m->n_exposures, m->covariates[i]))
			problem(cfg, e->line, "covariates: '%s' is also an exposure",
				cfg->vars[m->covariates[i]].name);
	e = cfg_get(cfg, sec, "outcome");
	if (e && ko_cfg_model_has_term(m, m->outcome) && m->n_exposures)
		problem(cfg, e->line, "outcome: '%s' is also an exposure or "
			"covariate", cfg->vars[m->outcome].name);
	if ((e = cfg_get(cfg, sec, "categorical"))) {
		model_var_list(cfg, e, m->categorical, &m->n_categorical);
		for (i = 0; i < m->n_categorical; i++)
			if (!ko_cfg_model_has_term(m, m->categorical[i]))
				problem(cfg, e->line, "categorical: '%s' is not among "
					"the exposures or covariates",
					cfg->vars[m->categorical[i]].name);
	}
	if ((e = cfg_get(cfg, sec, "interactions")))
		model_interactions(cfg, m, e);
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, sec) &&
		    !strncmp(p->entries[i].key, "reference ", 10))
			model_reference(cfg, m, &p->entries[i]);
}

/* A split's pieces are a term of their own name (age_band, period): a
 * model variable of that name is a problem at the split's line e. */
static void split_term_taken(struct ko_config *cfg, const struct entry *e,
			     const struct ko_cfg_model *m, const char *term,
			     const char *pieces)
{
	size_t i;

	for (i = 0; i < cfg->n_vars; i++)
		if (!strcmp(cfg->vars[i].name, term) &&
		    ko_cfg_model_has_term(m, i))
			problem(cfg, e->line, "%s: %s are the term '%s'; the "
				"model has a variable of that name (rename it)",
				e->key, pieces, term);
}

/* split_age = 0, 1, 5, 10, 15: the poisson_rate model's age bands, each
 * from its birthday to the next (the last to the end of follow-up). */
static void model_split_age(struct ko_config *cfg, const char *sec,
			    struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "split_age");
	char *items[KO_CFG_MAX_LIST];
	long n, i;
	double a;

	if (!e)
		return;
	if (m->family->outcome != KO_FAMILY_RATE) {
		problem(cfg, e->line, "split_age: only used with 'family = "
			"poisson_rate' (the age bands of its person-years)");
		return;
	}
	n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
	for (i = 0; i < n; i++) {
		if (cfg_parse_double(items[i], &a) || a != floor(a) || a < 0 ||
		    a > 150 || (i && a <= m->split_age[i - 1]) || (!i && a != 0))
			break;
		m->split_age[i] = (int)a;
	}
	if (n <= 0 || i < n) {
		problem(cfg, e->line, "split_age '%s': expected whole ages in "
			"years, increasing and starting at 0 (split_age = 0, 1, 5, "
			"10, 15), at most %d", e->value, KO_CFG_MAX_LIST);
		return;
	}
	m->n_split_age = (size_t)n;
	split_term_taken(cfg, e, m, "age_band", "the age bands");
}

/* split_period = 1997, 2005-07-01, 2010: the poisson_rate model's
 * calendar periods, each from its date (a year: its 1 January) to the
 * next, the last to the end of follow-up; the term 'period'.  A Cox
 * model's follow-up is cut at those dates too (the period a time-varying
 * term on the age time scale, as survival::tmerge would). */
static void model_split_period(struct ko_config *cfg, const char *sec,
			       struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "split_period");
	char *items[KO_CFG_MAX_LIST];
	long n, i;

	if (!e)
		return;
	if (m->family->outcome != KO_FAMILY_RATE &&
	    m->family->outcome != KO_FAMILY_EVENT_TIME) {
		problem(cfg, e->line, "split_period: only used with 'family = "
			"poisson_rate' (the calendar periods of its person-years) "
			"or 'family = cox' (the calendar period as a time-varying "
			"term)");
		return;
	}
	n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
	for (i = 0; i < n; i++) {
		size_t len = strlen(items[i]);
		int32_t d;

		if (len == 4 && isdigit((unsigned char)items[i][0]) &&
		    isdigit((unsigned char)items[i][1]) &&
		    isdigit((unsigned char)items[i][2]) &&
		    isdigit((unsigned char)items[i][3]) &&
		    atoi(items[i]) >= 1)
			d = ko_date_from_ymd(atoi(items[i]), 1, 1);
		else if (len != 10 ||
			 ko_parse_date(items[i], len, KO_DATE_ISO, &d))
			break;
		if (i && d <= m->split_period[i - 1])
			break;
		m->split_period[i] = d;
		memcpy(m->split_period_label[i], items[i], len + 1);
	}
	if (n <= 0 || i < n) {
		problem(cfg, e->line, "split_period '%s': expected years or dates "
			"(YYYY-MM-DD), increasing, each the start of a calendar "
			"period (split_period = 1997, 2005, 2010-07-01), at most %d",
			e->value, KO_CFG_MAX_LIST);
		return;
	}
	m->n_split_period = (size_t)n;
	split_term_taken(cfg, e, m, "period", "the calendar periods");
}

/* cox_strata = VAR: one Cox model with a baseline hazard per level of
 * VAR (coxph's strata(VAR)), beside strata = (one model per level). */
static void model_cox_strata(struct ko_config *cfg, const char *sec,
			     struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "cox_strata");
	long v;

	if (!e)
		return;
	if (m->family->outcome != KO_FAMILY_EVENT_TIME) {
		problem(cfg, e->line, "cox_strata: only used with 'family = cox' "
			"(a baseline hazard per level; 'strata' fits one model "
			"per level)");
		return;
	}
	if ((v = model_var(cfg, e->value, e->line, "cox_strata")) < 0)
		return;
	if (ko_cfg_model_has_term(m, (size_t)v))
		problem(cfg, e->line, "cox_strata: '%s' is also an exposure or "
			"covariate; a stratum's own baseline hazard leaves no "
			"effect of it to estimate", e->value);
	else if (v == m->strata)
		problem(cfg, e->line, "cox_strata: '%s' is also 'strata' (one "
			"model per level already)", e->value);
	m->cox_strata = v;
	m->cox_strata_line = e->line;
}

/* time_varying VAR: cumulative: VAR must count years of records
 * (aggregate = years), a number or categorised by its categories; 0 when
 * it cannot be (a problem said). */
static int tv_cumulative_ok(struct ko_config *cfg, long line,
			    const struct ko_cfg_model *m, long v,
			    const char *name)
{
	size_t i;

	if (v < 0 || !ko_cfg_model_has_term(m, (size_t)v)) {
		problem(cfg, line, "time_varying: '%s' is not an exposure or "
			"covariate of the model", name);
		return 0;
	}
	if (cfg->vars[v].agg != KO_AGG_YEARS) {
		problem(cfg, line, "time_varying %s: cumulative needs a variable "
			"with 'aggregate = years' (a count of the years with "
			"records, e.g. years of parental social assistance); %s "
			"has 'aggregate = %s'", name, name,
			ko_agg_name(cfg->vars[v].agg));
		return 0;
	}
	for (i = 0; i < m->n_categorical; i++)
		if (m->categorical[i] == (size_t)v) {
			problem(cfg, line, "time_varying %s: cumulative with "
				"'categorical = %s': give the variable "
				"'categories' instead (the count is categorised "
				"at each interval)", name, name);
			return 0;
		}
	return 1;
}

/* time_varying = ndd: ndd_date, sa_years: cumulative, ...: a 0/1 number
 * term of the model that switches on at a date variable's date, or a
 * count of years of records (aggregate = years) that grows with each
 * year. */
static void model_time_varying(struct ko_config *cfg, const char *sec,
			       struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "time_varying");
	char *items[KO_CFG_MAX_LIST];
	long n, i, v, dv;

	if (!e)
		return;
	if (!m->time_to_event) {
		problem(cfg, e->line, "time_varying: only used with 'family = cox' "
			"or 'poisson_rate' (follow-up split at the dates)");
		return;
	}
	n = cfg_entry_list(cfg, e, items, "VAR: DATE_VARIABLE or VAR: "
			   "cumulative, ... (time_varying = ndd: ndd_date)");
	for (i = 0; i < n; i++) {
		char *colon = strchr(items[i], ':'), *date;
		size_t k;
		int cum;

		if (!colon) {
			problem(cfg, e->line, "time_varying '%s': expected VAR: "
				"DATE_VARIABLE or VAR: cumulative (time_varying = "
				"ndd: ndd_date)", items[i]);
			continue;
		}
		*colon = '\0';
		date = (char *)skip_ws(colon + 1);
		for (k = strlen(items[i]); k && isspace((unsigned char)items[i][k - 1]); k--)
			items[i][k - 1] = '\0';
		v = ko_config_find_var(cfg, items[i]);
		cum = !strcmp(date, "cumulative");
		dv = cum ? -1 : ko_config_find_var(cfg, date);
		if (cum && !tv_cumulative_ok(cfg, e->line, m, v, items[i]))
			continue;
		if (!cum && (v < 0 || !ko_cfg_model_has_term(m, (size_t)v) ||
			     ko_cfg_model_is_factor(cfg, m, (size_t)v))) {
			problem(cfg, e->line, "time_varying: '%s' is not a number "
				"exposure or covariate of the model (a 0/1 term that "
				"switches on at a date)", items[i]);
			continue;
		}
		if (!cum && (dv < 0 || cfg->vars[dv].kind != KO_VK_DATE)) {
			problem(cfg, e->line, "time_varying %s: '%s' is not a date "
				"variable (the date it switches on, e.g. "
				"'aggregate = first') nor 'cumulative'", items[i],
				date);
			continue;
		}
		for (k = 0; k < m->n_tv && m->tv_var[k] != (size_t)v; k++)
			;
		if (k < m->n_tv) {
			problem(cfg, e->line, "time_varying: '%s' given twice",
				items[i]);
			continue;
		}
		m->tv_var[m->n_tv] = (size_t)v;
		m->tv_cum[m->n_tv] = cum;
		m->tv_date[m->n_tv++] = cum ? 0 : (size_t)dv;
	}
}

/* Sample, inference and estimator. */
static void model_options(struct ko_config *cfg, const char *sec,
			  struct ko_cfg_model *m)
{
	static const char *const se_words[] = { "model", "robust", "cluster", NULL };
	static const char *const cl_words[] = { "mother", "father", NULL };
	static const char *const est_words[] = { "ml", "firth", NULL };
	const char *fam_words[32]; /* the registry's names (stats/family.c) */
	size_t nf;
	int k;
	static const char *const ties_words[] = { "efron", "breslow", NULL };
	static const char *const cases_words[] = { "available", "complete",
						   NULL };
	struct entry *fe, *ee;
	static const char *const ci_words[] = { "wald", "profile", NULL };
	struct entry *e;
	long v;

	if ((e = cfg_get(cfg, sec, "subgroup"))) {
		m->subgroup_text = e->value;
		m->subgroup_line = e->line;
		if (compile_expr(cfg, e->value, e->line, "subgroup", &m->subgroup) == 0) {
			resolve_expr(cfg, &m->subgroup, e->line, "subgroup", NULL);
			m->has_subgroup = 1;
		}
	}
	if ((e = cfg_get(cfg, sec, "strata")) &&
	    (v = model_var(cfg, e->value, e->line, "strata")) >= 0) {
		m->strata = v;
		m->strata_line = e->line;
		if ((size_t)v == m->outcome)
			problem(cfg, e->line, "strata: '%s' is the outcome", e->value);
		else if (ko_cfg_model_has_term(m, (size_t)v))
			problem(cfg, e->line, "strata: '%s' is also an exposure or "
				"covariate; within a stratum it is constant",
				e->value);
	}
	cfg_yes_no(cfg, sec, "crude", 0, &m->crude);
	/* crude_cases = available: each crude fit on the persons with its
	 * outcome and exposure known (the default where the table shows the
	 * population's counts); complete: on the adjusted model's complete
	 * cases (the default of cox and poisson_rate, whose tables show the
	 * complete cases' counts) */
	m->crude_complete = cfg_word(cfg, sec, "crude_cases", 0, cases_words,
				     m->time_to_event);
	if ((e = cfg_get(cfg, sec, "crude_cases")) && !m->crude)
		problem(cfg, e->line, "crude_cases: only used with 'crude = yes'");
	/* family = a name in the registry (logistic when not given);
	 * estimator = ml | firth is the older name of logistic | firth (the
	 * same model, and both may be given if they agree) */
	for (nf = 0; ko_families[nf] && nf + 1 < sizeof(fam_words) /
	     sizeof(fam_words[0]); nf++)
		fam_words[nf] = ko_families[nf]->name;
	fam_words[nf] = NULL;
	k = cfg_word(cfg, sec, "family", 0, fam_words, -1);
	m->family = k < 0 ? &ko_family_logistic : ko_families[k];
	if ((ee = cfg_get(cfg, sec, "estimator"))) {
		const struct ko_family *ef = cfg_word(cfg, sec, "estimator", 0,
						      est_words, 0)
			? &ko_family_firth : &ko_family_logistic;

		if ((fe = cfg_get(cfg, sec, "family")) && ef != m->family)
			problem(cfg, ee->line, "estimator '%s': the model's family "
				"is '%s' (line %ld); estimator is the older name "
				"of family, give one", ee->value, fe->value,
				fe->line);
		else if (!fe)
			m->family = ef;
	}
	m->firth = m->family->penalized;
	m->ties = cfg_word(cfg, sec, "ties", 0, ties_words, 0);
	if ((e = cfg_get(cfg, sec, "ties")) &&
	    m->family->outcome != KO_FAMILY_EVENT_TIME)
		problem(cfg, e->line, "ties: only used with 'family = cox' (tied "
			"event times, as coxph's ties =)");
	/* modified Poisson's SEs are the sandwich (Zou 2004) unless asked */
	m->se = (enum ko_model_se)cfg_word(cfg, sec, "se", 0, se_words,
					   m->family->robust_default
					   ? KO_MODEL_SE_ROBUST : 0);
	m->cluster = cfg_word(cfg, sec, "cluster", 0, cl_words, 0)
		? KO_REL_FATHER : KO_REL_MOTHER;
	if ((e = cfg_get(cfg, sec, "cluster")) && m->se != KO_MODEL_SE_CLUSTER)
		problem(cfg, e->line, "cluster: only used with 'se = cluster'");
	if (m->se == KO_MODEL_SE_CLUSTER &&
	    ((m->cluster == KO_REL_MOTHER && cfg->link.mother_col < 0) ||
	     (m->cluster == KO_REL_FATHER && cfg->link.father_col < 0)))
		problem(cfg, (e = cfg_get(cfg, sec, "se")) ? e->line : m->line,
			"se = cluster: clusters are families by the %s link; "
			"[link] has no %s column",
			ko_relation_name(m->cluster), ko_relation_name(m->cluster));
	m->profile = cfg_word(cfg, sec, "ci", 0, ci_words, m->firth);
	if (m->profile && m->family->wald_only)
		problem(cfg, (e = cfg_get(cfg, sec, "ci")) ? e->line : m->line,
			"ci = profile: the %s family has Wald intervals "
			"only (ci = wald)", m->family->name);
	model_split_age(cfg, sec, m);
	model_split_period(cfg, sec, m);
	model_time_varying(cfg, sec, m);
	model_cox_strata(cfg, sec, m);
	if ((e = cfg_get(cfg, sec, "level")) &&
	    (cfg_parse_double(e->value, &m->level) || !(m->level > 0 && m->level < 1)))
		problem(cfg, e->line, "level '%s': expected a number between 0 "
			"and 1 (level = 0.95)", e->value);
}

/* effect = or, rr, rd, paf into bits; 0 and a problem when a word is bad. */
static int model_effect_list(struct ko_config *cfg, struct entry *e)
{
	static const char *const words[] = { "or", "rr", "rd", "paf" };
	char *items[KO_CFG_MAX_LIST];
	long n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i;
	int bits = 0;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (!strcmp(items[i], words[k]))
				break;
		if (k == sizeof(words) / sizeof(words[0]))
			break;
		bits |= 1 << k;
	}
	if (n <= 0 || i < n) {
		problem(cfg, e->line, "effect '%s': expected a comma-separated "
			"list of or, rr, rd, paf (effect = or, rr)", e->value);
		return 0;
	}
	return bits;
}

/* effect = ... and exposure = VAR: the exposure standardised for rd/paf
 * must be a main effect (no interaction) of the model. */
static void model_effects(struct ko_config *cfg, const char *sec,
			  struct ko_cfg_model *m)
{
	struct entry *e = cfg_get(cfg, sec, "effect"), *x = cfg_get(cfg, sec, "exposure");
	long v;
	size_t i, k;

	m->effects = KO_MODEL_EFFECT_OR;
	if (e)
		m->effects |= model_effect_list(cfg, e);
	if (e && m->family->outcome == KO_FAMILY_BINARY &&
	    !m->family->rr_refit && (m->effects & KO_MODEL_EFFECT_RR))
		problem(cfg, e->line, "effect rr: the %s family's own "
			"effect is the %s (models/NAME.csv %s); leave rr out",
			m->family->name, m->family->effect_name,
			m->family->effect_column);
	if (e && m->family->outcome != KO_FAMILY_BINARY &&
	    (m->effects & (KO_MODEL_EFFECT_RR | KO_MODEL_EFFECT_RD |
			   KO_MODEL_EFFECT_PAF)))
		problem(cfg, e->line, "effect '%s': rr, rd and paf are risks of a "
			"0/1 outcome (modified Poisson, standardised risks); the "
			"%s family's effect is the %s (leave effect out)",
			e->value, m->family->name, m->family->effect_name);
	m->effect_exposure = m->n_exposures ? (long)m->exposures[0] : -1;
	if (x && !(m->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF))) {
		problem(cfg, x->line, "exposure: only used with 'effect' rd or "
			"paf (the exposure whose risks are standardised)");
		return;
	}
	if (x) {
		if ((v = model_var(cfg, x->value, x->line, "exposure")) < 0)
			return;
		if (!in_list(m->exposures, m->n_exposures, (size_t)v)) {
			problem(cfg, x->line, "exposure: '%s' is not among the "
				"model's exposures", x->value);
			return;
		}
		m->effect_exposure = v;
	}
	if (!(m->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)) ||
	    m->effect_exposure < 0)
		return;
	for (i = 0; i < m->n_interactions; i++)
		for (k = 0; k < m->interactions[i].n; k++)
			if (m->interactions[i].vars[k] == (size_t)m->effect_exposure) {
				problem(cfg, (x ? x : e)->line, "effect rd/paf: "
					"the exposure '%s' is in an interaction; "
					"standardising over interactions is not "
					"supported (choose another with "
					"'exposure = VAR')",
					cfg->vars[m->effect_exposure].name);
				return;
			}
}

/* A family fitted on the follow-up (outcome RATE or EVENT_TIME: cox,
 * poisson_rate): known before the outcome, which such a model does not
 * take (an unknown name is model_options' problem). */
static int model_is_time_to_event(struct ko_config *cfg, const char *sec)
{
	struct entry *e = cfg_get(cfg, sec, "family");
	const struct ko_family *f = e ? ko_family_find(e->value) : NULL;

	return f && f->outcome != KO_FAMILY_BINARY;
}

void cfg_resolve_models(struct ko_config *cfg)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i;

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name = sec + 6;
		struct ko_cfg_model *m;

		if (strncmp(sec, "model ", 6) || !cfg_valid_name(name))
			continue;
		if (!cfg_section_first(p, i))
			continue;
		m = PUSH(cfg, cfg->models, cfg->n_models);
		if (!m)
			return;
		m->name = cfg_strdup(cfg, name);
		m->line = cfg_section_line(cfg, sec);
		m->strata = -1;
		m->cox_strata = -1;
		m->crude = 1;
		m->level = 0.95;
		cfg_check_keys(cfg, sec, model_keys, "reference ");
		m->time_to_event = model_is_time_to_event(cfg, sec);
		model_terms(cfg, sec, m);
		model_options(cfg, sec, m);
		model_effects(cfg, sec, m);
	}
}
