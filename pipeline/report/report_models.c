/*
 * report_models.c - the model tables (report_impl.h): the model stage's
 * results as rows (struct ko_report_model), the populations nested in the
 * cohort's tables, one table per model and stratum
 * (ko_report_model_table), protected with the rest.
 */
#include "report_models_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rate.h"

/* A model stratum gets a table when its adjusted model was fitted on at
 * least T persons with at least T events and T non-events (fewer could
 * not be published: the table would be all suppressions). */
static int stratum_reported(const struct ko_model_result *mr, size_t f, int T)
{
	size_t g;

	for (g = 0; g < f; g++)
		if (!strcmp(mr->fits[g].stratum, mr->fits[f].stratum))
			return 0; /* not its first fit */
	for (g = f; g < mr->n_fits; g++) {
		const struct ko_model_fit *fit = &mr->fits[g];

		if (!strcmp(fit->stratum, mr->fits[f].stratum) && !fit->crude &&
		    !fit->error)
			return fit->events >= T && (long)fit->n_used - fit->events >= T;
	}
	return 0;
}

/* "model_NAME" or "model_NAME_STRATUM" with other characters as '_'. */
void model_table_name(const char *model, const char *stratum,
		      char *buf, size_t size)
{
	char *p;

	if (!strcmp(stratum, "all"))
		snprintf(buf, size, "model_%s", model);
	else
		snprintf(buf, size, "model_%s_%s", model, stratum);
	for (p = buf; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			*p = '_';
}

/* ---- models from the model stage ------------------------------------------ */

struct model_rows {
	struct ko_report_coef *coefs;
	struct ko_report_fit *fits;
	struct ko_report_joint *joints;
	size_t n_coefs, n_fits, n_joints;
	/* effect = rd/paf: [0] the adjusted fit's, [1] the crude fit's of the
	 * effect exposure; eff[k].exposure NULL when there is none */
	struct ko_report_effect eff[2];
	struct ko_report_rd *rd[2];
};

static void model_rows_release(struct model_rows *x)
{
	free(x->coefs);
	free(x->fits);
	free(x->joints);
	free(x->rd[0]);
	free(x->rd[1]);
	memset(x, 0, sizeof(*x));
}

/* A fit's standardised risks as report rows (borrowing its strings). */
static enum ko_status effect_rows_of(const struct ko_model_effect *e,
				     struct ko_report_effect *out,
				     struct ko_report_rd **rd, struct ko_err *err)
{
	size_t k;

	*rd = calloc(e->n_levels + 1, sizeof(**rd));
	if (!*rd)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (k = 0; k < e->n_levels; k++)
		(*rd)[k] = (struct ko_report_rd){
			e->levels[k].level, k == 0, e->levels[k].risk_difference,
			e->levels[k].rd_conf_low, e->levels[k].rd_conf_high,
		};
	*out = (struct ko_report_effect){
		e->exposure, *rd, e->n_levels, e->has_paf, e->paf,
		e->paf_conf_low, e->paf_conf_high, e->attributable,
		e->attributable_conf_low, e->attributable_conf_high,
	};
	return KO_OK;
}

/* The fits of one stratum of a model result as report rows (borrowing the
 * result's strings). */
static enum ko_status model_rows_of(const struct ko_model_result *res,
				    const char *stratum, struct model_rows *x,
				    struct ko_err *err)
{
	size_t f, i, k, nc = 0, nt = 0;

	for (f = 0; f < res->n_fits; f++) {
		nc += res->fits[f].n_rows;
		nt += res->fits[f].n_tests;
	}
	x->coefs = calloc(nc + 1, sizeof(*x->coefs));
	x->fits = calloc(res->n_fits + 1, sizeof(*x->fits));
	x->joints = calloc(nt + 1, sizeof(*x->joints));
	if (!x->coefs || !x->fits || !x->joints)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (f = 0; f < res->n_fits; f++) {
		const struct ko_model_fit *fit = &res->fits[f];
		const char *version = fit->crude ? "crude" : "adjusted";

		if (strcmp(fit->stratum, stratum) || fit->error)
			continue;
		x->fits[x->n_fits++] = (struct ko_report_fit){
			stratum, version, fit->exposure, (double)fit->n_used,
			(double)fit->events, fit->auc, fit->auc_conf_low,
			fit->auc_conf_high, fit->person_years,
		};
		for (i = 0; i < fit->n_rows; i++) {
			const struct ko_model_row *row = &fit->rows[i];

			x->coefs[x->n_coefs++] = (struct ko_report_coef){
				stratum, version, fit->exposure, row->term,
				row->level, row->reference, row->estimate,
				row->std_error, row->p_value, row->effect,
				row->conf_low, row->conf_high,
				row->n < 0 ? NAN : (double)row->n,
				row->events < 0 ? NAN : (double)row->events,
				row->risk_ratio, row->rr_conf_low,
				row->rr_conf_high,
				row->aliased ? KO_REPORT_ALIASED
				: row->separated ? KO_REPORT_SEPARATED : KO_REPORT_OK,
				row->person_years, row->rate, row->rate_conf_low,
				row->rate_conf_high,
				row->conf_low_log, row->conf_high_log,
			};
		}
		for (i = 0; i < fit->n_tests; i++)
			x->joints[x->n_joints++] = (struct ko_report_joint){
				stratum, version, fit->exposure,
				fit->tests[i].term, fit->tests[i].wald_p_value,
			};
		k = fit->crude ? 1 : 0;
		if (fit->effect && !x->eff[k].exposure &&
		    (!fit->crude || (fit->exposure &&
				     !strcmp(fit->exposure, fit->effect->exposure))) &&
		    effect_rows_of(fit->effect, &x->eff[k], &x->rd[k], err))
			return KO_ERR_NOMEM;
	}
	return KO_OK;
}

static const char *cfg_term_label(void *ctx, const char *term)
{
	const struct ko_config *cfg = ctx;
	long v = ko_config_find_var(cfg, term);
	enum ko_lang lang = (enum ko_lang)cfg->report.language;

	if (v < 0 && ko_model_term_is_split(term)) /* split_age, split_period */
		return ko_lang_text(lang, strcmp(term, "period")
				    ? KO_MSG_TERM_AGE_BAND : KO_MSG_TERM_PERIOD);
	return v >= 0 ? var_label(cfg, (size_t)v) : NULL;
}

static const char *cfg_value_label(void *ctx, const char *term,
				   const char *level)
{
	const struct ko_config *cfg = ctx;
	long v = ko_config_find_var(cfg, term);

	return v >= 0 ? ko_config_value_label(cfg, (size_t)v, level) : NULL;
}

/* "Outcome: model NAME" and, for a stratum "VAR=LEVEL", ", VAR=LEVEL" or,
 * when the level has a value label, ", Variable label: Label". */
static void stratum_title(const struct ko_config *cfg,
			  const struct ko_model_result *mr, const char *stratum,
			  char *buf, size_t size)
{
	const char *eq = strchr(stratum, '=');
	const char *shown = NULL;
	const char *model = ko_lang_text((enum ko_lang)cfg->report.language,
					 KO_MSG_MODEL);

	if (eq && mr->cfg->strata >= 0)
		shown = ko_config_value_label(cfg, (size_t)mr->cfg->strata, eq + 1);
	if (!strcmp(stratum, "all"))
		snprintf(buf, size, "%s: %s %s",
			 var_label(cfg, mr->cfg->outcome), model, mr->cfg->name);
	else if (shown)
		snprintf(buf, size, "%s: %s %s, %s: %s",
			 var_label(cfg, mr->cfg->outcome), model, mr->cfg->name,
			 var_label(cfg, (size_t)mr->cfg->strata), shown);
	else
		snprintf(buf, size, "%s: %s %s, %s",
			 var_label(cfg, mr->cfg->outcome), model, mr->cfg->name, stratum);
}

static double nest_published(const struct ko_table *t, const char *term,
			     const char *level, int c, int *hidden);
static int table1_col(const struct ko_table *t, int events,
		      enum ko_lang lang);

/* The regional table's persons and events of a region are Table 1's
 * counts of the same level (when Table 1 has the by variable): a cell
 * hidden there is marked hidden here before the table is protected. */
void regional_links(const struct report *r, struct ko_table *t,
		    const int *rows, int k, int total, int col_n,
		    int col_ev)
{
	const struct ko_table *t1 = find_table(r, "table1");
	int g, e;

	for (g = 0; t1 && g <= k; g++) {
		int row = g < k ? rows[g] : total;
		const char *term = g < k ? t->rows[row].term : "persons";
		const char *level = g < k ? t->rows[row].value : "";

		for (e = 0; e < 2; e++) {
			int col = e ? col_ev : col_n, hidden = 0;
			struct ko_cell *cell;

			if (col < 0)
				continue;
			nest_published(t1, term, level, table1_col(t1, e, r->lang),
			       &hidden);
			cell = ko_table_cell(t, row, col);
			if (hidden && cell->v[0] > 0 && !cell->supp)
				cell->supp = cell->v[0] < r->threshold ? KO_SUPP_PRIMARY
								   : KO_SUPP_SECONDARY;
		}
	}
}

/* Nested populations (docs/outputs.md): what the cohort's tables publish
 * beside a model's table.  Table 1 (and the regional table for its `by`)
 * give each level's persons and, when the model's outcome is the report's,
 * events; a stratum's model is drawn from the stratum's persons there. */
#define NEST_MAX_FORCED 512
struct nest {
	const struct report *r;
	int same_outcome;
	const char *stratum;  /* "all" or "VAR=LEVEL" */
	const struct ko_model_result *mr;
	/* the strata of a model summed: (term, level, events) to hide */
	char *forced[NEST_MAX_FORCED];
	int n_forced;
};

/* Published count (not hidden) of table t at row (term, level) in column
 * c; NAN otherwise (*hidden: 1 when the cell is there but hidden). */
static double nest_published(const struct ko_table *t, const char *term,
			     const char *level, int c, int *hidden)
{
	int row;

	*hidden = 0;
	if (!t || c < 0)
		return NAN;
	for (row = 0; row < t->nrow; row++) {
		const struct ko_table_row *tr = &t->rows[row];
		const struct ko_cell *cell;

		if (!tr->term || strcmp(tr->term, term) ||
		    strcmp(tr->value ? tr->value : "", level))
			continue;
		cell = ko_table_cell_c(t, row, c);
		if (cell->kind != KO_CELL_COUNT && cell->kind != KO_CELL_COUNT_PCT)
			return NAN;
		*hidden = cell->supp != KO_SUPP_NONE;
		return *hidden ? NAN : cell->v[0];
	}
	return NAN;
}

/* Table 1's column of the persons (events: the outcome's "Yes"). */
static int table1_col(const struct ko_table *t, int events,
		      enum ko_lang lang)
{
	const char *overall = ko_lang_text(lang, KO_MSG_OVERALL);
	const char *yes = ko_lang_text(lang, KO_MSG_YES);
	int c;

	for (c = 0; t && c < t->ncol; c++) {
		if (!events && !t->cols[c].group && !strcmp(t->cols[c].header, overall))
			return c;
		if (events && t->cols[c].group && !strcmp(t->cols[c].header, yes))
			return c;
	}
	return -1;
}

static int regional_col(const struct ko_table *t, int events)
{
	int c;

	for (c = 0; t && c < t->ncol; c++)
		if (t->cols[c].role == (events ? KO_COL_EVENTS : KO_COL_N))
			return c;
	return -1;
}

/* Table 1's count (else the regional table's) of a level, -1 when the
 * table has it hidden, NAN when neither has it. */
static double outer_of(const struct ko_table *t1, const struct ko_table *rg,
		       const char *term, const char *level, int events,
		       enum ko_lang lang)
{
	int h1, h2;
	double v = nest_published(t1, term, level,
				  table1_col(t1, events, lang), &h1);

	if (isfinite(v))
		return v;
	v = nest_published(rg, term, level, regional_col(rg, events), &h2);
	if (isfinite(v))
		return v;
	return h1 || h2 ? -1 : NAN;
}

/* The follow-up table's event count (its children who exited by the
 * event), -1 when hidden, NAN without the table. */
static double followup_events(const struct report *r)
{
	int hidden;
	double v = nest_published(find_table(r, "follow_up"), "exit_reason",
				  "event", 0, &hidden);

	return hidden ? -1 : v;
}

static double nest_outer(void *ctx, const char *term, const char *level,
			 int events)
{
	const struct nest *n = ctx;
	const struct ko_table *t1 = find_table(n->r, "table1");
	const struct ko_table *rg = find_table(n->r, "regional");

	/* a time-to-event model's events are the follow-up's: those of the
	 * whole cohort are the follow-up table's event count */
	if (events && n->mr->cfg->time_to_event)
		return !strcmp(term, "(model)") && !strcmp(n->stratum, "all")
		       ? followup_events(n->r) : NAN;
	if (events && !n->same_outcome)
		return NAN;
	if (!strcmp(term, "(model)")) {
		const char *eq = strchr(n->stratum, '=');
		char var[256];

		if (!strcmp(n->stratum, "all"))
			return outer_of(t1, rg, "persons", "", events,
					n->r->lang);
		if (!eq || n->mr->cfg->strata < 0)
			return NAN;
		snprintf(var, sizeof(var), "%s", n->r->cfg->vars[n->mr->cfg->strata].name);
		return outer_of(t1, rg, var, eq + 1, events, n->r->lang);
	}
	return outer_of(t1, rg, term, level, events, n->r->lang);
}

static void forced_key(char *buf, size_t size, const char *term,
		       const char *level, int events)
{
	snprintf(buf, size, "%s\t%s\t%d", term, level, events);
}

static int nest_forced(void *ctx, const char *term, const char *level,
		       int events)
{
	const struct nest *n = ctx;
	char key[512];
	int i;

	forced_key(key, sizeof(key), term, level, events);
	for (i = 0; i < n->n_forced; i++)
		if (!strcmp(n->forced[i], key))
			return 1;
	return 0;
}

/* The population of a model's stratum (ko_model_population), the last
 * count asked kept: each level is asked for its persons, then its events. */
struct pop {
	const struct ko_study *s;
	const struct ko_cfg_model *m;
	const char *stratum;
	char term[256], level[256];
	int has_term, has_level, cached;
	long n, events;
};

static double pop_count(void *ctx, const char *term, const char *level,
			int events)
{
	struct pop *p = ctx;

	if (term && strchr(term, ':'))
		return NAN; /* an interaction's cells: not a variable's level */
	if (!p->cached || p->has_term != (term != NULL) ||
	    p->has_level != (level != NULL) ||
	    (term && strcmp(p->term, term)) || (level && strcmp(p->level, level))) {
		ko_model_population(p->s, p->m, p->stratum, term, level, &p->n,
				    &p->events);
		p->has_term = term != NULL;
		p->has_level = level != NULL;
		snprintf(p->term, sizeof(p->term), "%s", term ? term : "");
		snprintf(p->level, sizeof(p->level), "%s", level ? level : "");
		p->cached = 1;
	}
	if (p->n < 0)
		return NAN;
	return events ? (double)p->events : (double)p->n;
}

/* The table of a model's stratum (fit f is its first fit); KO_ERR_DATA
 * when it cannot be published (then *out is NULL).  nest: the nested-
 * population rule's context, NULL none; s: the study whose population the
 * table shows (NULL: the complete cases, as model_table_ok decides the
 * same). */
static enum ko_status make_model_table(const struct ko_config *cfg,
				       const struct ko_study *s,
				       const struct ko_model_result *mr,
				       size_t f, int T, struct nest *nest,
				       struct ko_table **out,
				       struct ko_err *err)
{
	struct pop pop;
	const char *stratum = mr->fits[f].stratum;
	struct ko_report_model m;
	struct model_rows x;
	char name[200], title[600];
	const char *split[KO_CFG_MAX_LIST + 1];
	size_t i, n_split = 0;
	enum ko_status st;

	*out = NULL;
	if (!stratum_reported(mr, f, T))
		return ko_err_set(err, KO_ERR_DATA, "model %s (%s): too few "
				  "persons or events to publish", mr->cfg->name,
				  stratum);
	memset(&x, 0, sizeof(x));
	model_table_name(mr->cfg->name, stratum, name, sizeof(name));
	stratum_title(cfg, mr, stratum, title, sizeof(title));
	st = model_rows_of(mr, stratum, &x, err);
	memset(&m, 0, sizeof(m));
	m.name = name;
	m.title = title;
	m.stratum = stratum;
	m.coefs = x.coefs;
	m.n_coefs = x.n_coefs;
	m.fits = x.fits;
	m.n_fits = x.n_fits;
	m.joints = x.joints;
	m.n_joints = x.n_joints;
	m.label = cfg_term_label;
	m.value_label = cfg_value_label;
	m.ctx = (void *)cfg;
	m.effect_abbrev = ko_model_family(mr->cfg)->effect_abbrev;
	m.has_rr = (mr->cfg->effects & KO_MODEL_EFFECT_RR) != 0;
	m.has_rd = (mr->cfg->effects & KO_MODEL_EFFECT_RD) != 0;
	m.effect = x.eff[0].exposure ? &x.eff[0] : NULL;
	m.crude_effect = x.eff[1].exposure ? &x.eff[1] : NULL;
	m.level = mr->cfg->level;
	m.lang = (enum ko_lang)cfg->report.language;
	m.time_to_event = mr->cfg->time_to_event;
	m.crude_available = mr->cfg->crude && !mr->cfg->crude_complete;
	if (s && !mr->cfg->time_to_event) {
		memset(&pop, 0, sizeof(pop));
		pop.s = s;
		pop.m = mr->cfg;
		pop.stratum = stratum;
		m.population = pop_count;
		m.pop = &pop;
	}
	for (i = 0; i < mr->cfg->n_tv; i++)
		if (mr->cfg->tv_cum[i] &&
		    ko_cfg_model_is_factor(cfg, mr->cfg, mr->cfg->tv_var[i]))
			split[n_split++] = cfg->vars[mr->cfg->tv_var[i]].name;
	split[n_split] = NULL;
	m.split_terms = split;
	if (nest) {
		nest->stratum = stratum;
		nest->mr = mr;
		m.outer_count = nest_outer;
		m.forced = nest_forced;
		m.nest = nest;
	}
	if (!st)
		st = ko_report_model_table(out, &m, T, err);
	model_rows_release(&x);
	return st;
}

/* Whether fit f starts a stratum whose table can be published (the same
 * decision build_models makes, for the manifest's list). */
int model_table_ok(const struct ko_config *cfg,
		   const struct ko_model_result *mr, size_t f, int T)
{
	struct ko_table *t = NULL;
	struct ko_err err;
	int ok;

	if (!stratum_reported(mr, f, T))
		return 0;
	ko_err_clear(&err);
	ok = make_model_table(cfg, NULL, mr, f, T, NULL, &t, &err) == KO_OK;
	ko_table_free(t);
	return ok;
}

/* The strata of one model summed: for each level count (persons,
 * events) the strata tables show, the cohort's published count minus the
 * strata's is the number in no shown stratum's model (missing values, a
 * stratum not shown); where it is 1..T-1 the level's count is to be hidden
 * in every stratum (nest->forced).  Returns whether any was added. */
static int strata_sums(const struct report *r, struct ko_table **made, int nm,
		       struct nest *nest)
{
	int i, row, k, added = 0;

	for (i = 0; i < nm && nm > 0; i++) {
		const struct ko_table *t = made[i];
		int cn = -1, ce = -1, c;

		for (c = 0; c < t->ncol; c++) {
			if (t->cols[c].role == KO_COL_N && cn < 0)
				cn = c;
			if (t->cols[c].role == KO_COL_EVENTS && ce < 0)
				ce = c;
		}
		for (row = 0; row < t->nrow; row++) {
			const struct ko_table_row *tr = &t->rows[row];
			const char *level = tr->value ? tr->value : "1";

			if (!tr->term || !strcmp(tr->term, "(model)"))
				continue;
			for (k = 0; k < 2; k++) {
				int col = k ? ce : cn, j;
				double sum = 0, outer;
				char key[512];

				if (col < 0 || ko_table_cell_c(t, row, col)->kind == KO_CELL_EMPTY)
					continue;
				forced_key(key, sizeof(key), tr->term, level, k);
				if (nest_forced(nest, tr->term, level, k))
					continue;
				for (j = 0; j < nm && isfinite(sum); j++) {
					int rj;

					for (rj = 0; rj < made[j]->nrow; rj++)
						if (made[j]->rows[rj].term &&
						    !strcmp(made[j]->rows[rj].term, tr->term) &&
						    !strcmp(made[j]->rows[rj].value ? made[j]->rows[rj].value : "",
							    tr->value ? tr->value : ""))
							break;
					if (rj == made[j]->nrow)
						continue; /* not in that stratum's model */
					if (ko_table_cell_c(made[j], rj, col)->supp)
						sum = NAN; /* hidden: the sum is unknown */
					else
						sum += ko_table_cell_c(made[j], rj, col)->v[0];
				}
				outer = nest_outer(nest, tr->term, level, k);
				if (!isfinite(sum) || !isfinite(outer) || outer < 0 ||
				    !(outer - sum > 0.5 && outer - sum < r->threshold - 0.5) ||
				    nest->n_forced == NEST_MAX_FORCED)
					continue;
				nest->forced[nest->n_forced] = strdup(key);
				if (nest->forced[nest->n_forced])
					nest->n_forced++, added = 1;
			}
		}
	}
	return added;
}

/* A table (and forest plot) per model and stratum; a stratum whose table
 * cannot be published is left out (the methods text says so). */
enum ko_status build_models(struct report *r, struct ko_err *err)
{
	const struct ko_model_results *res = r->s->models;
	enum ko_status st = KO_OK;
	size_t mi, f;

	if (!res)
		return KO_OK;
	for (mi = 0; !st && mi < res->n_models; mi++) {
		const struct ko_model_result *mr = &res->models[mi];
		struct ko_table *made[MAX_TABLES];
		struct nest nest;
		int nm = 0, pass, i;

		memset(&nest, 0, sizeof(nest));
		nest.r = r;
		nest.same_outcome = r->cfg->report.outcome >= 0 &&
				    mr->cfg->outcome == (size_t)r->cfg->report.outcome;
		/* pass 0: each stratum against the cohort; then (strata
		 * only) again with the levels whose strata sum to 1..T-1 less
		 * than the cohort's count hidden in every stratum, until no
		 * level is added (the set only grows: it ends) */
		for (pass = 0; !st && pass < NEST_MAX_FORCED; pass++) {
			for (i = 0; i < nm; i++)
				ko_table_free(made[i]);
			nm = 0;
			for (f = 0; !st && f < mr->n_fits && nm < MAX_TABLES; f++) {
				struct ko_table *t = NULL;

				if (!stratum_reported(mr, f, r->threshold))
					continue;
				st = make_model_table(r->cfg, r->s, mr, f,
						      r->threshold, &nest, &t,
						      err);
				if (st == KO_ERR_DATA) {
					ko_err_clear(err);
					st = KO_OK;
					continue;
				}
				if (!st)
					made[nm++] = t;
			}
			if (st || mr->cfg->strata < 0 ||
			    !strata_sums(r, made, nm, &nest))
				break;
		}
		for (i = 0; i < nm; i++) {
			if (!st)
				st = add_table(r, made[i], err);
			else
				ko_table_free(made[i]);
		}
		for (i = 0; i < nest.n_forced; i++)
			free(nest.forced[i]);
	}
	return st;
}

/* ---- model tables --------------------------------------------------------- */

/* The model's events per 1,000 person-years with the exact CI (rate.h);
 * nonzero when it cannot be made. */
struct rate_cell {
	double rate, low, high;
};

static int model_rate(double events, double pyears, double level,
		      struct rate_cell *out)
{
	struct ko_rate r;
	struct ko_err err;

	if (ko_rate_exact(events, pyears, level > 0 ? level : 0.95, 1000.0, &r,
			  &err))
		return -1;
	out->rate = r.rate;
	out->low = r.low;
	out->high = r.high;
	return 0;
}

/* "95", "97.5" ("97,5" in fi and sv): a confidence level (0: 0.95) in
 * percent, in the language's numbers. */
void level_text(double level, enum ko_lang lang, char *buf,
		size_t size)
{
	char *dot;

	snprintf(buf, size, "%g", 100 * (level > 0 ? level : 0.95));
	dot = strchr(buf, '.');
	if (dot && lang != KO_LANG_EN)
		*dot = ',';
}

/* "95% CI" ("95 %:n lv", "95 % KI") for a confidence level (0: 0.95). */
static void ci_text(double level, enum ko_lang lang, char *buf, size_t size)
{
	char pct[32];

	level_text(level, lang, pct, sizeof(pct));
	snprintf(buf, size, ko_lang_text(lang, KO_MSG_CI), pct);
}

static const char *mtx(const struct mt *x, enum ko_msg id)
{
	return ko_lang_text(x->m->lang, id);
}

static const char *term_label(const struct ko_report_model *m, const char *term)
{
	const char *l = m->label ? m->label(m->ctx, term) : NULL;

	return l ? l : term;
}

/* The shown label of a term's level: its value label, else the level
 * (interaction levels are left as they are). */
static const char *level_label(const struct ko_report_model *m,
			       const char *term, const char *level)
{
	const char *l = NULL;

	if (m->value_label && !strchr(term, ':'))
		l = m->value_label(m->ctx, term, level);
	return l ? l : level;
}

/* The risk difference of coefficient a's level (a 0/1 number's row stands
 * for its level 1), or NULL. */
static const struct ko_report_rd *rd_of(const struct ko_report_effect *e,
					const struct ko_report_coef *a)
{
	const char *level = a->level && *a->level ? a->level : "1";
	size_t k;

	if (!e || !same(e->exposure, a->term))
		return NULL;
	for (k = 0; k < e->n_levels; k++)
		if (same(e->levels[k].level, level))
			return &e->levels[k];
	return NULL;
}

/* The crude coefficient of the same term and level, or NULL. */
static const struct ko_report_coef *crude_of(const struct ko_report_model *m,
					     const struct ko_report_coef *a)
{
	size_t i;

	for (i = 0; i < m->n_coefs; i++) {
		const struct ko_report_coef *c = &m->coefs[i];

		if (is_version(c->version, "crude") && same(c->stratum, m->stratum) &&
		    same(c->term, a->term) && same(c->level, a->level))
			return c;
	}
	return NULL;
}

static double joint_p(const struct ko_report_model *m, const char *version,
		      const char *term)
{
	size_t i;

	for (i = 0; i < m->n_joints; i++)
		if (is_version(m->joints[i].version, version) &&
		    same(m->joints[i].stratum, m->stratum) &&
		    same(m->joints[i].term, term))
			return m->joints[i].p_value;
	return NAN;
}

/* A coefficient's problem: separated, aliased (the model stage's flags;
 * an odds ratio of NaN is aliased too), or none. */
static int coef_problem(const struct ko_report_coef *c)
{
	if (c->problem)
		return c->problem;
	return isnan(c->effect) ? KO_REPORT_ALIASED : KO_REPORT_OK;
}

static const char *problem_mark(int problem)
{
	return problem == KO_REPORT_SEPARATED ? KO_REPORT_MARK_SEPARATED
					      : KO_REPORT_MARK_ALIASED;
}

/* The worst problem among a term's coefficients in a version ("crude",
 * "adjusted") of the table's stratum: its joint test is not shown. */
static int term_problem(const struct ko_report_model *m, const char *version,
			const char *term)
{
	size_t i;
	int worst = KO_REPORT_OK, p;

	for (i = 0; i < m->n_coefs; i++) {
		const struct ko_report_coef *c = &m->coefs[i];

		if (!is_version(c->version, version) || !same(c->stratum, m->stratum) ||
		    !same(c->term, term) || c->reference)
			continue;
		p = coef_problem(c);
		if (p == KO_REPORT_SEPARATED || (p && !worst))
			worst = p;
	}
	return worst;
}

/* Estimate and p of one coefficient into columns (ce, cp); a separated or
 * aliased one is a dash with its mark in both (the footnote names it). */
static enum ko_status mt_estimate(struct mt *x, int row, int ce, int cp,
				  const struct ko_report_coef *c)
{
	int problem;

	if (!c)
		return KO_OK;
	if (c->reference) {
		ko_table_set_ref(x->t, row, ce);
		return KO_OK;
	}
	if ((problem = coef_problem(c))) {
		x->marks |= 1 << problem;
		if (ko_table_set_text(x->t, row, ce, problem_mark(problem)))
			return KO_ERR_NOMEM;
		return ko_table_set_text(x->t, row, cp, problem_mark(problem));
	}
	ko_table_set_estimate(x->t, row, ce, c->effect, c->conf_low,
			      c->conf_high);
	ko_table_set_log_ci(x->t, row, ce, c->conf_low_log, c->conf_high_log);
	ko_table_set_p(x->t, row, cp, c->p_value);
	return KO_OK;
}

/* Whether a person can be in several levels of term: the age bands of
 * split follow-up (age bands, periods), a time-varying count's categories. */
static int persons_overlap(const struct ko_report_model *m, const char *term)
{
	size_t i;

	if (ko_model_term_is_split(term))
		return 1;
	for (i = 0; m->split_terms && m->split_terms[i]; i++)
		if (!strcmp(m->split_terms[i], term))
			return 1;
	return 0;
}

static enum ko_status mt_row(struct mt *x, const struct ko_report_coef *a,
			     int level, int *row)
{
	double n, events;

	*row = ko_table_add_row(x->t, level ? level_label(x->m, a->term, a->level)
					    : term_label(x->m, a->term),
				level, a->term, level ? a->level : NULL);
	if (*row < 0)
		return KO_ERR_NOMEM;
	n = a->n;
	events = a->events;
	if (x->m->population && !isnan(n)) {
		/* the population's counts at the level (a 0/1 number's row:
		 * its value 1), as Table 1 shows them */
		n = x->m->population(x->m->pop, a->term, a->level ? a->level : "", 0);
		events = x->m->population(x->m->pop, a->term,
					  a->level ? a->level : "", 1);
	}
	x->t->rows[*row].overlaps = level && x->m->time_to_event &&
				    persons_overlap(x->m, a->term);
	if (!isnan(n))
		ko_table_set_count(x->t, *row, x->c_n, n);
	if (!isnan(events) && x->t->rows[*row].overlaps &&
	    !ko_model_term_is_split(a->term)) { /* a time-varying count's level */
		ko_table_set_count(x->t, *row, x->c_ev, events);
		x->marks |= MT_MARK_OVERLAPS;
	} else if (!isnan(events) && !isnan(n)) {
		ko_table_set_count_pct(x->t, *row, x->c_ev, events,
				       pct(events, n));
	}
	if (x->c_py >= 0 && !isnan(a->person_years))
		ko_table_set_whole(x->t, *row, x->c_py, a->person_years);
	if (x->c_rate >= 0 && !isnan(a->rate))
		ko_table_set_estimate(x->t, *row, x->c_rate, a->rate, a->rate_low,
				      a->rate_high);
	if (mt_estimate(x, *row, x->c_aor, x->c_ap, a) ||
	    mt_estimate(x, *row, x->c_cor, x->c_cp, crude_of(x->m, a)))
		return KO_ERR_NOMEM;
	if (x->c_rr >= 0 && is_version(a->version, "adjusted")) {
		if (a->reference) {
			ko_table_set_ref(x->t, *row, x->c_rr);
		} else if (!isnan(a->risk_ratio) && a->events == 0 &&
			   coef_problem(a) == KO_REPORT_SEPARATED) {
			/* no events at the level: the log-link estimate runs off
			 * to -Inf as the logistic one does */
			x->marks |= 1 << KO_REPORT_SEPARATED;
			if (ko_table_set_text(x->t, *row, x->c_rr,
					      KO_REPORT_MARK_SEPARATED))
				return KO_ERR_NOMEM;
		} else if (!isnan(a->risk_ratio)) {
			ko_table_set_estimate(x->t, *row, x->c_rr, a->risk_ratio,
					      a->rr_low, a->rr_high);
			ko_table_set_log_ci(x->t, *row, x->c_rr, log(a->rr_low),
					    log(a->rr_high));
		}
	}
	if (x->c_rd >= 0 && is_version(a->version, "adjusted")) {
		const struct ko_report_rd *d = rd_of(x->m->effect, a);

		if (d && d->reference)
			ko_table_set_ref_value(x->t, *row, x->c_rd, 0);
		else if (d && !isnan(d->rd))
			ko_table_set_pct_ci(x->t, *row, x->c_rd, 100 * d->rd,
					    100 * d->rd_low, 100 * d->rd_high);
	}
	return KO_OK;
}

static const struct ko_report_fit *fit_of(const struct ko_report_model *m,
					  const char *version, size_t *count)
{
	const struct ko_report_fit *found = NULL;
	size_t i;

	*count = 0;
	for (i = 0; i < m->n_fits; i++)
		if (is_version(m->fits[i].version, version) &&
		    same(m->fits[i].stratum, m->stratum)) {
			if (!found)
				found = &m->fits[i];
			(*count)++;
		}
	return found;
}

/* effect = paf: rows under the model for the attributable fraction (%)
 * and the attributable cases, adjusted and (the effect exposure's crude
 * fit) crude.  Cases are a number of persons: under T they are suppressed,
 * and the fraction with them (it times the model's events gives them). */
static enum ko_status mt_paf(struct mt *x, int T)
{
	const struct ko_report_effect *e[2] = { x->m->effect, x->m->crude_effect };
	int col[2] = { x->c_aor, x->c_cor }, rp, ra, k;
	char label[64];

	if (!e[0] || !e[0]->has_paf)
		return KO_OK;
	snprintf(label, sizeof(label), mtx(x, KO_MSG_PAF), x->ci);
	rp = ko_table_add_row(x->t, label, 0, "(model)", "paf");
	snprintf(label, sizeof(label), mtx(x, KO_MSG_ATTRIBUTABLE_CASES), x->ci);
	ra = ko_table_add_row(x->t, label, 0, "(model)", "attributable_cases");
	if (rp < 0 || ra < 0)
		return KO_ERR_NOMEM;
	for (k = 0; k < 2; k++) {
		double shown;

		if (!e[k] || !e[k]->has_paf || isnan(e[k]->paf))
			continue;
		ko_table_set_pct_ci(x->t, rp, col[k], 100 * e[k]->paf,
				    100 * e[k]->paf_low, 100 * e[k]->paf_high);
		ko_table_set_count_ci(x->t, ra, col[k], e[k]->attributable,
				      e[k]->att_low, e[k]->att_high);
		shown = fabs(round(e[k]->attributable));
		if (shown > 0 && shown < T) {
			ko_table_suppress(x->t, ra, col[k], KO_SUPP_PRIMARY);
			ko_table_suppress(x->t, rp, col[k], KO_SUPP_DERIVED);
		}
	}
	return KO_OK;
}

/* A term's joint p-value into (row, col): the test's, or the mark of its
 * levels' problem (a Wald test on a separated or aliased level says
 * nothing). */
static enum ko_status mt_joint(struct mt *x, int row, int col,
			       const char *version, const char *term)
{
	int problem = term_problem(x->m, version, term);
	double p = joint_p(x->m, version, term);

	if (problem) {
		x->marks |= 1 << problem;
		return ko_table_set_text(x->t, row, col, problem_mark(problem));
	}
	if (!isnan(p))
		ko_table_set_p(x->t, row, col, p);
	return KO_OK;
}

#define MT_MAX_ROWS 1024
#define MT_MAX_BLOCKS 256

/* The term rows (recording each term's block of level rows), then the
 * model's persons, events and AUC underneath; then every block is
 * protected against the persons row. */
static enum ko_status mt_build(struct mt *x, int threshold, struct ko_err *err)
{
	const struct ko_report_model *m = x->m;
	const struct ko_report_fit *adj, *crude;
	int rows[MT_MAX_ROWS], nrow = 0, row, auc_row, b;
	char label[64];
	int bstart[MT_MAX_BLOCKS], blen[MT_MAX_BLOCKS], bsums[MT_MAX_BLOCKS], nb = 0;
	int bhead[MT_MAX_BLOCKS], hidden_any = 0, hidden_effect = 0;
	size_t i, j, n_adj, n_crude;
	enum ko_status st = KO_OK;

	adj = fit_of(m, "adjusted", &n_adj);
	crude = fit_of(m, "crude", &n_crude);
	if (!adj)
		return ko_err_set(err, KO_ERR_DATA, "model %s (%s): no adjusted "
				  "fit to report", m->name, m->stratum);
	x->adj = adj;
	for (i = 0; i < m->n_coefs; i = j) {
		const struct ko_report_coef *a = &m->coefs[i];
		int levels = 0, head;

		for (j = i; j < m->n_coefs && same(m->coefs[j].term, a->term) &&
			    same(m->coefs[j].version, a->version) &&
			    same(m->coefs[j].stratum, a->stratum); j++)
			levels |= m->coefs[j].level && *m->coefs[j].level;
		if (!is_version(a->version, "adjusted") || !same(a->stratum, m->stratum) ||
		    !strcmp(a->term, "(Intercept)"))
			continue;
		if (nb == MT_MAX_BLOCKS || nrow + (int)(j - i) > MT_MAX_ROWS)
			return ko_err_set(err, KO_ERR_LIMIT, "model %s: too many "
					  "terms for a table", m->name);
		bstart[nb] = nrow;
		/* the population's levels sum to its persons only when no one
		 * has the term missing; else they stand alone (the missing are
		 * not shown here; Table 1 shows them for the cohort) */
		bsums[nb] = levels && !strchr(a->term, ':') &&
			    !(m->population &&
			      m->population(m->pop, a->term, NULL, 0) > 0);
		bhead[nb] = -1;
		if (levels) {
			head = ko_table_add_row(x->t, term_label(m, a->term), 0,
						a->term, NULL);
			if (head < 0)
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			bhead[nb] = head;
			if (mt_joint(x, head, x->c_ap, "adjusted", a->term) ||
			    mt_joint(x, head, x->c_cp, "crude", a->term))
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
		for (; i < j; i++) {
			if (mt_row(x, &m->coefs[i], levels, &row))
				return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			rows[nrow++] = row;
		}
		blen[nb] = nrow - bstart[nb];
		nb++;
	}
	x->row_model = ko_table_add_row(x->t, mtx(x, m->population
						   ? KO_MSG_MODEL_ALL_PERSONS
						   : KO_MSG_PERSONS_IN_MODEL),
					0, "(model)", "n");
	x->row_nim = -1;
	if (m->population && x->row_model >= 0 &&
	    (x->row_nim = ko_table_add_row(x->t, mtx(x, KO_MSG_NOT_IN_MODEL), 0,
					   "(model)", "not_in_model")) < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	snprintf(label, sizeof(label), mtx(x, KO_MSG_AUC), x->ci);
	/* a time-to-event model has no AUC (its fit's concordance is in
	 * NAME_stats.csv) */
	auc_row = m->time_to_event ? -1
		  : ko_table_add_row(x->t, label, 0, "(model)", "auc");
	if (x->row_model < 0 || (!m->time_to_event && auc_row < 0))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (m->population) {
		double pn = m->population(m->pop, NULL, NULL, 0);
		double pe = m->population(m->pop, NULL, NULL, 1);

		ko_table_set_count(x->t, x->row_model, x->c_n, pn);
		ko_table_set_count_pct(x->t, x->row_model, x->c_ev, pe,
				       pct(pe, pn));
		x->nim = pn - adj->n;
		mt_not_in_model(x, x->nim, pe - adj->events, threshold);
	} else {
		ko_table_set_count(x->t, x->row_model, x->c_n, adj->n);
		ko_table_set_count_pct(x->t, x->row_model, x->c_ev, adj->events,
				       pct(adj->events, adj->n));
	}
	if (x->c_py >= 0 && !isnan(adj->person_years)) {
		struct rate_cell rc;

		ko_table_set_whole(x->t, x->row_model, x->c_py,
				   adj->person_years);
		if (!model_rate(adj->events, adj->person_years, m->level, &rc))
			ko_table_set_estimate(x->t, x->row_model, x->c_rate, rc.rate,
					      rc.low, rc.high);
	}
	if (auc_row >= 0)
		ko_table_set_estimate(x->t, auc_row, x->c_aor, adj->auc,
				      adj->auc_low, adj->auc_high);
	if (auc_row >= 0 && crude && n_crude == 1)
		ko_table_set_estimate(x->t, auc_row, x->c_cor, crude->auc,
				      crude->auc_low, crude->auc_high);
	if (mt_paf(x, threshold))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	/* levels of a factor sum to the model; an interaction's or a 0/1
	 * number's rows stand alone */
	for (b = 0; b < nb; b++)
		mt_nested(x, rows + bstart[b], blen[b], threshold);
	mt_nested_total(x, rows, bstart, blen, bsums, nb, threshold);
	for (b = 0; !st && b < nb; b++) {
		if (bsums[b] && m->time_to_event &&
		    persons_overlap(m, x->t->rows[rows[bstart[b]]].term)) {
			/* the bands' or periods' (a time-varying count's levels') events
			 * sum to the model's, their persons do not (a child
			 * is followed in several) */
			st = mt_protect_cols(x, rows + bstart[b], blen[b], 1, 1,
					     threshold, err);
			for (row = 0; !st && row < blen[b]; row++) {
				int one = rows[bstart[b] + row];
				int n_only[1] = { x->c_n };
				struct ko_count_block blk = { 1, 1, &one, n_only,
							      -1, -1 };

				st = ko_disclosure_protect_table_keep(x->t, &blk,
								      threshold, err);
			}
		} else if (bsums[b]) {
			st = mt_protect(x, rows + bstart[b], blen[b], 1, threshold,
					err);
		} else {
			for (row = 0; !st && row < blen[b]; row++)
				st = mt_protect(x, rows + bstart[b] + row, 1, 0,
						threshold, err);
		}
		if (!st)
			mt_small_complements(x, rows + bstart[b], blen[b], threshold);
		if (!st && (mt_crude_derived(x, rows + bstart[b], blen[b], bhead[b]) |
			    mt_crude_population(x, rows + bstart[b], blen[b],
						bhead[b]))) {
			hidden_any = 1;
			if (x->m->effect &&
			    same(x->t->rows[rows[bstart[b]]].term, x->m->effect->exposure))
				hidden_effect = 1;
		}
	}
	if (st)
		return st;
	/* crude_cases = complete: the crude attributable fraction's observed
	 * risk (a one-exposure crude AUC's sample too) is of the complete
	 * cases: the population's less those not in the model.  On the
	 * available cases it is the sum of the exposure's shown levels. */
	if (x->row_nim >= 0 &&
	    (ko_table_cell(x->t, x->row_nim, x->c_n)->supp ||
	     ko_table_cell(x->t, x->row_nim, x->c_ev)->supp)) {
		const struct ko_report_fit *ce =
			m->effect ? mt_crude_fit_of(m, m->effect->exposure) : NULL;

		if (!ce || ce->n == adj->n)
			hidden_effect = 1;
		if (crude && n_crude == 1 && crude->n == adj->n)
			hidden_any = 1;
	}
	mt_hide_time(x);
	/* the crude attributable fraction and cases are 1 - (risk at the
	 * reference) / (observed risk): the effect exposure's counts; the
	 * crude AUC of a one-term crude fit is its counts' too */
	for (row = 0; row < x->t->nrow; row++) {
		const char *term = x->t->rows[row].term;
		const char *value = x->t->rows[row].value;
		struct ko_cell *cell = ko_table_cell(x->t, row, x->c_cor);
		int hide = 0;

		if (same(term, "(model)") && (same(value, "paf") ||
					      same(value, "attributable_cases")))
			hide = hidden_effect;
		else if (row == auc_row)
			hide = hidden_any;
		if (hide && cell->kind != KO_CELL_EMPTY && !cell->supp)
			cell->supp = KO_SUPP_DERIVED;
	}
	for (row = 0; row < x->t->nrow; row++) {
		ko_table_round_cell(x->t, row, x->c_cor);
		ko_table_round_cell(x->t, row, x->c_cp);
	}
	/* hidden because few are not in the model (mt_nested_total) is
	 * fine; hidden because small is not */
	if (ko_table_cell(x->t, x->row_model, x->c_n)->supp == KO_SUPP_PRIMARY ||
	    ko_table_cell(x->t, x->row_model, x->c_ev)->supp == KO_SUPP_PRIMARY)
		return ko_err_set(err, KO_ERR_DATA, "model %s (%s): the model's "
				  "persons or events would have to be suppressed",
				  m->name, m->stratum);
	x->t->threshold = threshold;
	return KO_OK;
}

/* The table's footnote: what each column and row means. */
static enum ko_status mt_footnote(struct mt *x)
{
	const struct ko_report_model *m = x->m;
	const struct ko_report_effect *e = m->effect;
	const char *exposure = e ? term_label(m, e->exposure) : "";
	char foot[2400], level[32];
	size_t len, n_crude;

	level_text(m->level, m->lang, level, sizeof(level));
	len = (size_t)snprintf(foot, sizeof(foot),
			       mtx(x, ko_lang_effect(KO_MSG_FOOT_MODEL,
						     m->effect_abbrev)), level);
	if (m->has_rr && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, KO_MSG_FOOT_RR));
	if (x->c_rd >= 0 && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_RD), exposure);
	if (len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_P_EVENTS));
	if (m->population && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, m->crude_available
					       ? KO_MSG_FOOT_POPULATION_AVAILABLE
					       : KO_MSG_FOOT_POPULATION));
	else if (m->crude_available && fit_of(m, "crude", &n_crude) &&
		 len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, KO_MSG_FOOT_CRUDE_AVAILABLE));
	if (m->time_to_event && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, KO_MSG_FOOT_RATE));
	if ((x->marks & MT_MARK_OVERLAPS) && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, KO_MSG_FOOT_TIME_VARYING));
	if ((x->marks & (1 << KO_REPORT_SEPARATED)) && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_SEPARATED),
					KO_REPORT_MARK_SEPARATED);
	if ((x->marks & (1 << KO_REPORT_ALIASED)) && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_ALIASED),
					KO_REPORT_MARK_ALIASED);
	if (e && e->has_paf && len < sizeof(foot))
		snprintf(foot + len, sizeof(foot) - len,
			 mtx(x, KO_MSG_FOOT_PAF), exposure);
	return ko_table_set_footnote(x->t, foot);
}

enum ko_status ko_report_model_table(struct ko_table **out,
				     const struct ko_report_model *m,
				     int threshold, struct ko_err *err)
{
	struct mt x;
	enum ko_status st;
	char head[96];

	memset(&x, 0, sizeof(x));
	x.m = m;
	x.row_nim = -1;
	x.nim = NAN;
	ci_text(m->level, m->lang, x.ci, sizeof(x.ci));
	x.t = ko_table_new(m->name, m->title ? m->title : m->name);
	if (!x.t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	x.t->model = 1;
	x.t->ci_level = m->level > 0 ? m->level : 0.95;
	ko_table_set_stub_header(x.t, mtx(&x, KO_MSG_CHARACTERISTIC));
	/* the family's effect (OR, RR, ...); the odds ratio's header is the
	 * language's */
	if (m->effect_abbrev && strcmp(m->effect_abbrev, "OR"))
		snprintf(head, sizeof(head), "%s (%s)", m->effect_abbrev, x.ci);
	else
		snprintf(head, sizeof(head), mtx(&x, KO_MSG_OR_HEAD), x.ci);
	x.c_n = ko_table_add_col(x.t, mtx(&x, KO_MSG_PERSONS_N), NULL, KO_COL_N);
	x.c_ev = ko_table_add_col(x.t, mtx(&x, KO_MSG_EVENTS_N_PCT), NULL,
				  KO_COL_EVENTS);
	x.c_py = x.c_rate = -1;
	if (m->time_to_event) {
		char rate_head[96];

		snprintf(rate_head, sizeof(rate_head), mtx(&x, KO_MSG_RATE_HEAD),
			 x.ci);
		x.c_py = ko_table_add_col(x.t, mtx(&x, KO_MSG_FU_PERSON_YEARS),
					  NULL, KO_COL_OTHER);
		x.c_rate = ko_table_add_col(x.t, rate_head, NULL, KO_COL_OTHER);
		if (x.c_py < 0 || x.c_rate < 0) {
			ko_table_free(x.t);
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
	}
	x.c_cor = ko_table_add_col(x.t, head, mtx(&x, KO_MSG_CRUDE),
				   KO_COL_ESTIMATE);
	x.c_cp = ko_table_add_col(x.t, "p", mtx(&x, KO_MSG_CRUDE), KO_COL_P);
	x.c_aor = ko_table_add_col(x.t, head, mtx(&x, KO_MSG_ADJUSTED),
				   KO_COL_ESTIMATE);
	x.c_ap = ko_table_add_col(x.t, "p", mtx(&x, KO_MSG_ADJUSTED), KO_COL_P);
	x.c_last = x.c_ap;
	/* after the adjusted p, so the protection loops over c_cor..c_last
	 * cover them; their own groups make them their own models in the
	 * tidy csv */
	x.c_rr = x.c_rd = -1;
	if (m->has_rr) {
		snprintf(head, sizeof(head), mtx(&x, KO_MSG_RR_HEAD), x.ci);
		x.c_rr = x.c_last = ko_table_add_col(x.t, head,
						     mtx(&x, KO_MSG_ADJUSTED_RR),
						     KO_COL_ESTIMATE);
	}
	if (m->has_rd && m->effect) {
		snprintf(head, sizeof(head), mtx(&x, KO_MSG_RD_HEAD), x.ci);
		x.c_rd = x.c_last = ko_table_add_col(x.t, head,
						     mtx(&x, KO_MSG_ADJUSTED_RD),
						     KO_COL_ESTIMATE);
	}
	if (x.c_n < 0 || x.c_ev < 0 || x.c_cor < 0 || x.c_cp < 0 || x.c_aor < 0 ||
	    x.c_ap < 0 || x.c_last < 0)
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	else
		st = mt_build(&x, threshold, err);
	if (!st && mt_footnote(&x))
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (st) {
		ko_table_free(x.t);
		return st;
	}
	*out = x.t;
	return KO_OK;
}

/* The attributable cases of a model are its attributable fraction times
 * its events, the CI bounds too (docs/outputs.md): beside the fraction
 * they give the model's events back to within a count or two, and with
 * the cohort's events the few not in the model (the example at 5: events
 * hidden, 403 or 404 from 37.7% and 152 (125-176), so 2 or 3 not in the
 * model, narrower than "<5").  So every attributable-cases cell of t is
 * hidden when the model's events are.  Run after the whole-export audit,
 * which may hide the events (ko_export_audit), and before any file is
 * written; the audit need not see them (they publish nothing then). */
void model_cases_follow_events(struct ko_table *t)
{
	int r, c, ce = -1, hidden = 0;

	if (!t->model)
		return;
	for (c = 0; c < t->ncol && ce < 0; c++)
		if (t->cols[c].role == KO_COL_EVENTS)
			ce = c;
	if (ce < 0)
		return;
	/* with the population's counts: its events less those not in the
	 * model are the model's */
	for (r = 0; r < t->nrow; r++)
		if (same(t->rows[r].term, "(model)") &&
		    (same(t->rows[r].value, "n") ||
		     same(t->rows[r].value, "not_in_model")))
			hidden |= ko_table_cell(t, r, ce)->supp != KO_SUPP_NONE;
	for (r = 0; hidden && r < t->nrow; r++) {
		if (!same(t->rows[r].term, "(model)") ||
		    !same(t->rows[r].value, "attributable_cases"))
			continue;
		for (c = 0; c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, r, c);

			if (cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_TEXT &&
			    cell->supp == KO_SUPP_NONE)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
}
