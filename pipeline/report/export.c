/*
 * export.c - analysis.dta, analysis.sav, analysis.R and analysis.do (see
 * export.h).
 */
#include "export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readstat.h>

#include "config.h"
#include "derive.h"
#include "followup.h"
#include "link.h"
#include "model.h"
#include "outfile.h"
#include "persons.h"
#include "study.h"
#include "value.h"

#define DAYS_1960_1970 3653      /* Stata dates count from 1960-01-01 */
#define DAYS_1582_1970 141428    /* SPSS dates from 1582-10-14, in seconds */
#define MAX_LEVELS 4096

/* How one output variable is stored. */
struct export_var {
	size_t v;              /* config variable */
	int coded;             /* labelled variable: codes 1..k */
	int *code;             /* per label index: its code (coded) */
	size_t n_labels;
	readstat_variable_t *rs;
	readstat_label_set_t *labels;
};

struct export {
	const struct ko_study *s;
	struct export_var *vars;
	size_t n_vars;
	size_t id_width, family_width;
	readstat_variable_t *id, *family[2];
	readstat_variable_t *fu[6]; /* the follow-up columns, when any */
};

/* The analysis dataset's follow-up columns (study.c), in its order. */
static const char *const fu_names[6] = {
	"fu_entry", "fu_exit", "fu_days", "fu_years", "fu_status",
	"fu_exit_reason",
};
static const char *const fu_labels[6] = {
	"start of follow-up", "end of follow-up",
	"follow-up, days (exit - entry)", "follow-up, years (days / 365.25)",
	"1: follow-up ended by the event, 0: censored",
	"exit reason: event, death, emigration, end_age, end_of_data",
};

static ssize_t write_bytes(const void *bytes, size_t len, void *ctx)
{
	return fwrite(bytes, 1, len, ctx) == len ? (ssize_t)len : -1;
}

/* The labels of a labelled variable, in the order of their codes:
 * categories in config order, labels met in the data by strcmp. */
static const char *label_of(const struct ko_study *s, size_t v, size_t i)
{
	const struct ko_cfg_variable *var = &s->cfg->vars[v];

	if (var->n_cats)
		return i < var->n_cats ? var->cats[i].label : NULL;
	if (s->derived->labels[v] && i < ko_persons_count(s->derived->labels[v]))
		return ko_persons_id(s->derived->labels[v], i, NULL);
	return NULL;
}

static size_t n_labels_of(const struct ko_study *s, size_t v)
{
	const struct ko_cfg_variable *var = &s->cfg->vars[v];

	if (var->n_cats)
		return var->n_cats;
	return s->derived->labels[v] ? ko_persons_count(s->derived->labels[v]) : 0;
}

/* Codes 1..k of a labelled variable's labels (sorted by strcmp unless
 * they are categories, which keep their order). */
static int make_codes(struct export *x, struct export_var *ev)
{
	size_t n = n_labels_of(x->s, ev->v), i, k, rank;

	if (n > MAX_LEVELS)
		return -1;
	ev->n_labels = n;
	ev->code = calloc(n + 1, sizeof(*ev->code));
	if (!ev->code)
		return -1;
	for (i = 0; i < n; i++) {
		rank = 0;
		for (k = 0; k < n && !x->s->cfg->vars[ev->v].n_cats; k++)
			rank += strcmp(label_of(x->s, ev->v, k),
				       label_of(x->s, ev->v, i)) < 0;
		ev->code[i] = (int)(x->s->cfg->vars[ev->v].n_cats ? i : rank) + 1;
	}
	return 0;
}

/* Whether every value label of a number variable is a whole number. */
static int integer_value_labels(const struct ko_cfg_variable *var)
{
	size_t i;
	char *end;

	for (i = 0; i < var->n_value_labels; i++) {
		double x = strtod(var->value_labels[i].value, &end);

		if (*end || x != floor(x) || fabs(x) > 2e9)
			return 0;
	}
	return var->n_value_labels > 0;
}

static void release(struct export *x)
{
	size_t i;

	for (i = 0; x->vars && i < x->n_vars; i++)
		free(x->vars[i].code);
	free(x->vars);
	memset(x, 0, sizeof(*x));
}

static size_t id_len(const struct ko_study *s, long person)
{
	size_t len = 0;

	if (person >= 0)
		ko_persons_id(s->links->dict, (size_t)person, &len);
	return len;
}

/* Widths of the id columns; the output variables. */
static enum ko_status plan(struct export *x, const struct ko_study *s,
			   struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	size_t c, v, r;

	memset(x, 0, sizeof(*x));
	x->s = s;
	x->id_width = x->family_width = 1;
	for (c = 0; c < s->links->n_children; c++) {
		size_t len;

		if (!s->flow.member[c])
			continue;
		len = id_len(s, s->links->child_person[c]);
		if (len > x->id_width)
			x->id_width = len;
		for (r = 0; r < 2; r++) {
			int32_t p = s->links->parent[r][c];

			len = p >= 0 ? id_len(s, p) : 0;
			if (len > x->family_width)
				x->family_width = len;
		}
	}
	x->vars = calloc(cfg->n_vars + 1, sizeof(*x->vars));
	if (!x->vars)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (v = 0; v < cfg->n_vars; v++) {
		struct export_var *ev = &x->vars[x->n_vars];

		if (!cfg->vars[v].output)
			continue;
		ev->v = v;
		ev->coded = cfg->vars[v].kind == KO_VK_LABEL;
		if (ev->coded && make_codes(x, ev))
			return ko_err_set(err, KO_ERR_LIMIT, "export: variable %s "
					  "has more than %d levels", cfg->vars[v].name,
					  MAX_LEVELS);
		x->n_vars++;
	}
	return KO_OK;
}

/* The variables and label sets of one file. */
static void declare(struct export *x, readstat_writer_t *w, int sav)
{
	const struct ko_config *cfg = x->s->cfg;
	const struct ko_cfg_extract *base = &cfg->extracts[cfg->base];
	static const char *const fam[2] = { "family_mother", "family_father" };
	size_t i, k, r;

	x->id = readstat_add_variable(w, base->cols[cfg->base_id_col].name,
				      READSTAT_TYPE_STRING, x->id_width);
	readstat_variable_set_label(x->id, "person id");
	for (i = 0; i < x->n_vars; i++) {
		struct export_var *ev = &x->vars[i];
		const struct ko_cfg_variable *var = &cfg->vars[ev->v];
		char set[40];

		snprintf(set, sizeof(set), "l%zu", i + 1);
		ev->labels = NULL;
		if (ev->coded) {
			ev->rs = readstat_add_variable(w, var->name,
						       READSTAT_TYPE_INT32, 0);
			ev->labels = readstat_add_label_set(w, READSTAT_TYPE_INT32, set);
			for (k = 0; k < ev->n_labels; k++)
				readstat_label_int32_value(ev->labels, ev->code[k],
							   label_of(x->s, ev->v, k));
		} else if (var->kind == KO_VK_NUM && integer_value_labels(var)) {
			ev->rs = readstat_add_variable(w, var->name,
						       READSTAT_TYPE_DOUBLE, 0);
			ev->labels = readstat_add_label_set(w, sav ? READSTAT_TYPE_DOUBLE
								   : READSTAT_TYPE_INT32,
							    set);
			for (k = 0; k < var->n_value_labels; k++) {
				double val = strtod(var->value_labels[k].value, NULL);

				if (sav)
					readstat_label_double_value(ev->labels, val,
								    var->value_labels[k].label);
				else
					readstat_label_int32_value(ev->labels, (int32_t)val,
								   var->value_labels[k].label);
			}
		} else {
			ev->rs = readstat_add_variable(w, var->name,
						       READSTAT_TYPE_DOUBLE, 0);
			if (var->kind == KO_VK_DATE)
				readstat_variable_set_format(ev->rs, sav ? "DATE11" : "%td");
		}
		readstat_variable_set_label(ev->rs, var->label ? var->label
							       : var->name);
		if (ev->labels)
			readstat_variable_set_label_set(ev->rs, ev->labels);
	}
	for (k = 0; x->s->derived->fu_reason && k < 6; k++) {
		x->fu[k] = readstat_add_variable(w, fu_names[k], k == 5
			? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, k == 5 ? 11 : 0);
		if (k < 2)
			readstat_variable_set_format(x->fu[k], sav ? "DATE11" : "%td");
		readstat_variable_set_label(x->fu[k], fu_labels[k]);
	}
	for (r = 0; r < 2; r++) {
		x->family[r] = readstat_add_variable(w, fam[r], READSTAT_TYPE_STRING,
						     x->family_width);
		readstat_variable_set_label(x->family[r], r ? "father's id (family "
					    "cluster; empty: no valid link)"
					    : "mother's id (family cluster; empty: "
					    "no valid link)");
	}
}

/* One cohort member's row. */
static readstat_error_t put_row(struct export *x, readstat_writer_t *w,
				size_t c, int sav)
{
	const struct ko_study *s = x->s;
	readstat_error_t e;
	size_t i, r;

	if ((e = readstat_begin_row(w)))
		return e;
	e = readstat_insert_string_value(w, x->id, ko_persons_id(s->links->dict,
					 (size_t)s->links->child_person[c], NULL));
	for (i = 0; !e && i < x->n_vars; i++) {
		const struct export_var *ev = &x->vars[i];
		const struct ko_cfg_variable *var = &s->cfg->vars[ev->v];
		double val = s->derived->val[ev->v][c];

		if (isnan(val) || (ev->coded && (val < 0 || (size_t)val >= ev->n_labels)))
			e = readstat_insert_missing_value(w, ev->rs);
		else if (ev->coded)
			e = readstat_insert_int32_value(w, ev->rs, ev->code[(size_t)val]);
		else if (var->kind == KO_VK_DATE && sav)
			e = readstat_insert_double_value(w, ev->rs,
							 (val + DAYS_1582_1970) * 86400.0);
		else if (var->kind == KO_VK_DATE)
			e = readstat_insert_double_value(w, ev->rs, val + DAYS_1960_1970);
		else
			e = readstat_insert_double_value(w, ev->rs, val);
	}
	if (!e && s->derived->fu_reason) {
		const struct ko_derived *d = s->derived;
		double in = d->fu_entry[c], out = d->fu_exit[c];

		for (i = 0; !e && i < 2; i++) /* dates as the variables' */
			e = readstat_insert_double_value(w, x->fu[i], sav
				? ((i ? out : in) + DAYS_1582_1970) * 86400.0
				: (i ? out : in) + DAYS_1960_1970);
		if (!e)
			e = readstat_insert_double_value(w, x->fu[2], out - in);
		if (!e) /* as the csv shows it, six decimals */
			e = readstat_insert_double_value(w, x->fu[3],
				round((out - in) / 365.25 * 1e6) / 1e6);
		if (!e)
			e = readstat_insert_double_value(w, x->fu[4],
							 d->fu_reason[c] == KO_FU_EVENT);
		if (!e)
			e = readstat_insert_string_value(w, x->fu[5],
				ko_fu_reason_name((enum ko_fu_reason)d->fu_reason[c]));
	}
	for (r = 0; !e && r < 2; r++) {
		int32_t p = s->links->parent[r][c];

		e = readstat_insert_string_value(w, x->family[r], p >= 0
			? ko_persons_id(s->links->dict, (size_t)p, NULL) : "");
	}
	return e ? e : readstat_end_row(w);
}

/* A writer of OUT/name into *w and *o (the study's name as the file
 * label, Stata 118 unless sav, no timestamp: reruns write the same
 * bytes); path gets the file's path. */
static enum ko_status open_file(const struct ko_study *s, const char *name,
				int sav, readstat_writer_t **w,
				struct ko_outfile *o, char *path, size_t size,
				struct ko_err *err)
{
	enum ko_status st;

	if (!(*w = readstat_writer_init()))
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	snprintf(path, size, "%s/%s", s->out_dir, name);
	if ((st = ko_outfile_open(o, path, 0, err))) {
		readstat_writer_free(*w);
		return st;
	}
	readstat_set_data_writer(*w, write_bytes);
	readstat_writer_set_file_label(*w, s->cfg->name);
	if (!sav)
		readstat_writer_set_file_format_version(*w, 118);
	readstat_writer_set_file_timestamp(*w, 0);
	return KO_OK;
}

/* The end of open_file's writing: committed when every write went well
 * (e), else removed and said. */
static enum ko_status close_file(readstat_writer_t *w, readstat_error_t e,
				 struct ko_outfile *o, const char *path,
				 struct ko_err *err)
{
	if (!e)
		e = readstat_end_writing(w);
	readstat_writer_free(w);
	if (e) {
		ko_outfile_abort(o);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write: %s",
				 readstat_error_message(e));
	}
	return ko_outfile_commit(o, err);
}

/* OUT/analysis.dta or .sav. */
static enum ko_status write_file(struct export *x, int sav, struct ko_err *err)
{
	const struct ko_study *s = x->s;
	readstat_writer_t *w;
	readstat_error_t e = READSTAT_OK;
	struct ko_outfile o;
	char path[4200];
	enum ko_status st;
	size_t c;

	if ((st = open_file(s, sav ? "analysis.sav" : "analysis.dta", sav, &w, &o,
			    path, sizeof(path), err)))
		return st;
	declare(x, w, sav);
	e = sav ? readstat_begin_writing_sav(w, o.fp, s->flow.n_members)
		: readstat_begin_writing_dta(w, o.fp, s->flow.n_members);
	for (c = 0; !e && c < s->links->n_children; c++)
		if (s->flow.member[c])
			e = put_row(x, w, c, sav);
	return close_file(w, e, &o, path, err);
}

/* ---- analysis_times.dta ---------------------------------------------------- */

/* The rows of analysis_times.dta (long: id, variable, date): each cohort
 * member's birth ("fu_birth") and the days on which the time-varying
 * terms of the models change (a date variable's term: "DATE" on its
 * date; a cumulative count: "VAR" on the 1st of January after each year
 * with records, ko_followup_tv_days), for analysis.R to split follow-up
 * as the model stage does.  Written when a time-to-event model splits
 * its follow-up (time_varying, split_age, split_period). */
#define TIMES_BIRTH "fu_birth"
#define TIMES_MAX 64    /* distinct time-varying sources */

struct times_source {
	const char *name;           /* the row's variable */
	const struct ko_cfg_model *m;
	size_t q;                   /* m's time-varying term */
};

static int any_split(const struct ko_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_models; i++)
		if (ko_cfg_model_splits(&cfg->models[i]))
			return 1;
	return 0;
}

/* The name of time-varying term q's source (the date variable, or the
 * counted variable of a cumulative term). */
static const char *tv_source(const struct ko_config *cfg,
			     const struct ko_cfg_model *m, size_t q)
{
	return cfg->vars[m->tv_cum[q] ? m->tv_var[q] : m->tv_date[q]].name;
}

/* The distinct sources of the models' time-varying terms into src. */
static size_t times_sources(const struct ko_config *cfg,
			    struct times_source *src)
{
	size_t i, q, k, n = 0;

	for (i = 0; i < cfg->n_models; i++)
		for (q = 0; ko_cfg_model_splits(&cfg->models[i]) &&
			    q < cfg->models[i].n_tv; q++) {
			const char *name = tv_source(cfg, &cfg->models[i], q);

			for (k = 0; k < n && strcmp(src[k].name, name); k++)
				;
			if (k == n && n < TIMES_MAX) {
				src[n].name = name;
				src[n].m = &cfg->models[i];
				src[n++].q = q;
			}
		}
	return n;
}

/* Child c's rows (counted only when w is NULL): returns how many, or -1
 * on a write error. */
static long times_rows(struct export *x, readstat_writer_t *w,
		       readstat_variable_t *const col[3],
		       const struct times_source *src, size_t n_src, size_t c)
{
	const struct ko_study *s = x->s;
	const struct ko_derived *d = s->derived;
	const char *id = ko_persons_id(s->links->dict,
				       (size_t)s->links->child_person[c], NULL);
	int32_t days[KO_FOLLOWUP_MAX_YEARS];
	size_t k, j, n;
	long rows = 0;

	for (k = 0; k <= n_src; k++) {
		if (!k) { /* the birth first */
			days[0] = d->fu_birth ? d->fu_birth[c] : KO_DATE_NONE;
			n = days[0] != KO_DATE_NONE;
		} else {
			n = ko_followup_tv_days(d, src[k - 1].m, src[k - 1].q, c,
						days, KO_FOLLOWUP_MAX_YEARS);
		}
		for (j = 0; j < n; j++, rows++)
			if (w && (readstat_begin_row(w) ||
				  readstat_insert_string_value(w, col[0], id) ||
				  readstat_insert_string_value(w, col[1], k
					? src[k - 1].name : TIMES_BIRTH) ||
				  readstat_insert_double_value(w, col[2],
					(double)days[j] + DAYS_1960_1970) ||
				  readstat_end_row(w)))
				return -1;
	}
	return rows;
}

/* OUT/analysis_times.dta. */
static enum ko_status write_times(struct export *x, struct ko_err *err)
{
	const struct ko_study *s = x->s;
	struct times_source src[TIMES_MAX];
	size_t n_src = times_sources(s->cfg, src), c, k, width = strlen(TIMES_BIRTH);
	readstat_writer_t *w;
	readstat_variable_t *col[3];
	readstat_error_t e = READSTAT_OK;
	struct ko_outfile o;
	char path[4200];
	enum ko_status st;
	long rows = 0, r = 0;

	for (k = 0; k < n_src; k++)
		if (strlen(src[k].name) > width)
			width = strlen(src[k].name);
	for (c = 0; c < s->links->n_children; c++)
		if (s->flow.member[c])
			rows += times_rows(x, NULL, NULL, src, n_src, c);
	if ((st = open_file(s, "analysis_times.dta", 0, &w, &o, path,
			    sizeof(path), err)))
		return st;
	col[0] = readstat_add_variable(w, s->cfg->extracts[s->cfg->base].cols[
				       s->cfg->base_id_col].name,
				       READSTAT_TYPE_STRING, x->id_width);
	readstat_variable_set_label(col[0], "person id");
	col[1] = readstat_add_variable(w, "variable", READSTAT_TYPE_STRING, width);
	readstat_variable_set_label(col[1], "fu_birth: the birth date; a date "
				    "variable: its date; a counted variable: "
				    "1 January after each year with records");
	col[2] = readstat_add_variable(w, "date", READSTAT_TYPE_DOUBLE, 0);
	readstat_variable_set_format(col[2], "%td");
	readstat_variable_set_label(col[2], "the day the value changes");
	e = readstat_begin_writing_dta(w, o.fp, rows);
	for (c = 0; !e && r >= 0 && c < s->links->n_children; c++)
		if (s->flow.member[c])
			r = times_rows(x, w, col, src, n_src, c);
	if (!e && r < 0)
		e = READSTAT_ERROR_WRITE;
	return close_file(w, e, &o, path, err);
}

/* ---- analysis.R ---------------------------------------------------------- */

/* A config expression as R: '=' as '==', and/or/not as & | !. */
static void r_expr(FILE *fp, const char *text)
{
	const char *p = text;

	while (*p) {
		if (*p == '=' && p > text && !strchr("<>!=", p[-1]) && p[1] != '=') {
			fputs("==", fp);
			p++;
		} else if (!strncmp(p, "and ", 4) || !strncmp(p, "or ", 3) ||
			   !strncmp(p, "not ", 4)) {
			int n = p[0] == 'o' ? 3 : 4;

			fputs(p[0] == 'a' ? "& " : p[0] == 'o' ? "| " : "!", fp);
			p += n;
		} else {
			fputc(*p++, fp);
		}
	}
}

/* The reference level the model stage used for factor term v of model
 * mr (from its rows), or NULL. */
static const char *used_reference(const struct ko_model_result *mr,
				  const char *name)
{
	size_t f, i;

	for (f = 0; mr && f < mr->n_fits; f++)
		for (i = 0; !mr->fits[f].crude && i < mr->fits[f].n_rows; i++)
			if (mr->fits[f].rows[i].reference &&
			    !strcmp(mr->fits[f].rows[i].term, name))
				return mr->fits[f].rows[i].level;
	return NULL;
}

/* The R lines that make variable v a factor with the model's reference. */
static void r_factor(FILE *fp, const struct ko_config *cfg,
		     const struct ko_model_result *mr, size_t v)
{
	const char *name = cfg->vars[v].name, *ref = used_reference(mr, name);

	if (cfg->vars[v].kind == KO_VK_LABEL)
		fprintf(fp, "md$%s <- haven::as_factor(md$%s, levels = \"labels\")\n",
			name, name);
	else
		fprintf(fp, "md$%s <- factor(haven::zap_labels(md$%s))\n", name, name);
	if (ref)
		fprintf(fp, "md$%s <- relevel(droplevels(md$%s), ref = \"%s\")\n",
			name, name, ref);
}

/* The body of a Cox model's fit: coxph with the model's ties, and its
 * robust or cluster covariance as coxph makes it. */
static void r_cox(FILE *fp, const struct ko_config *cfg,
		  const struct ko_cfg_model *m)
{
	const char *fam = m->cluster == KO_REL_FATHER ? "family_father"
						       : "family_mother";

	if (m->se == KO_MODEL_SE_CLUSTER)
		fprintf(fp, "  p$cluster <- ifelse(p$%s == \"\", paste0(\"child:\", "
			"p$%s), p$%s)\n", fam,
			cfg->extracts[cfg->base].cols[cfg->base_id_col].name, fam);
	fprintf(fp, "  fit <- survival::coxph(f, data = p, ties = \"%s\"%s)\n",
		m->ties ? "breslow" : "efron",
		m->se == KO_MODEL_SE_CLUSTER ? ", cluster = cluster"
		: m->se == KO_MODEL_SE_ROBUST ? ", robust = TRUE" : "");
	fputs("  list(fit = fit, vcov = vcov(fit))\n}\n", fp);
}

/* The fits of a model: fit_NAME (the body r_model wrote) on each part,
 * the adjusted formula into fits$NAME, and with crude = yes each exposure
 * alone into crude$NAME$PART$EXPOSURE: on its available cases (the fit
 * drops the rows missing the outcome or the exposure) or, crude_cases =
 * complete, on the adjusted model's complete cases. */
static void r_fits(FILE *fp, const struct ko_config *cfg,
		   const struct ko_cfg_model *m)
{
	size_t i;

	fprintf(fp, "fits$%s <- lapply(parts, function(p) fit_%s(f, p))\n",
		m->name, m->name);
	if (!m->crude)
		return;
	fprintf(fp, "## the crude models: each exposure alone, on %s\n"
		"crude$%s <- lapply(parts, function(p) {\n",
		m->crude_complete ? "the adjusted model's complete cases"
		: "everyone with the outcome and it known (available cases)",
		m->name);
	if (m->crude_complete)
		fputs("  p <- p[stats::complete.cases(as.data.frame(p)[, all.vars(f)]), ]\n",
		      fp);
	fputs("  list(", fp);
	for (i = 0; i < m->n_exposures; i++)
		fprintf(fp, "%s%s = fit_%s(update(f, . ~ %s%s%s%s), p)",
			i ? ",\n       " : "", cfg->vars[m->exposures[i]].name,
			m->name, cfg->vars[m->exposures[i]].name,
			m->cox_strata >= 0 ? " + strata(" : "",
			m->cox_strata >= 0 ? cfg->vars[m->cox_strata].name : "",
			m->cox_strata >= 0 ? ")" : "");
	fputs(")\n})\n", fp);
}

/* A category bound as R reads it (-Inf, Inf for an open end). */
static void r_bound(FILE *fp, double x, const char *sep)
{
	if (isinf(x))
		fprintf(fp, "%s%sInf", sep, x < 0 ? "-" : "");
	else
		fprintf(fp, "%s%.17g", sep, x);
}

/* Time-varying term q on the pieces md: its value where the child's own
 * is not missing (which only says whether the child is in the fit), as
 * the model stage's: 0/1 from a date, a count of years, or the count's
 * category (categories = ...), a factor with the model's reference. */
static void r_tv_value(FILE *fp, const struct ko_config *cfg,
		       const struct ko_cfg_model *m,
		       const struct ko_model_result *mr, size_t q)
{
	const struct ko_cfg_variable *var = &cfg->vars[m->tv_var[q]];
	const char *name = var->name, *ref = used_reference(mr, name);
	size_t k;

	fprintf(fp, "md$%s <- ifelse(is.na(md$%s), NA, ", name, name);
	if (!var->n_cats) {
		fputs("md$kohort_tv)\n", fp);
	} else {
		fputs("kohort_category(md$kohort_tv, c(", fp);
		for (k = 0; k < var->n_cats; k++)
			r_bound(fp, var->cats[k].lo, k ? ", " : "");
		fputs("), c(", fp);
		for (k = 0; k < var->n_cats; k++)
			r_bound(fp, var->cats[k].hi, k ? ", " : "");
		fputs("), kohort_levels <- c(", fp);
		for (k = 0; k < var->n_cats; k++)
			fprintf(fp, "%s\"%s\"", k ? ", " : "", var->cats[k].label);
		fprintf(fp, ")))\nmd$%s <- factor(md$%s, levels = kohort_levels)\n",
			name, name);
	}
	if (!var->n_cats && ko_cfg_model_is_factor(cfg, m, m->tv_var[q]))
		fprintf(fp, "md$%s <- factor(md$%s)\n", name, name);
	if (ref && (var->n_cats || ko_cfg_model_is_factor(cfg, m, m->tv_var[q])))
		fprintf(fp, "md$%s <- relevel(droplevels(md$%s), ref = \"%s\")\n",
			name, name, ref);
	fputs("md$kohort_tv <- NULL\n", fp);
}

/* Split follow-up (time_varying, split_age, split_period) as the model
 * stage splits it, with survival::tmerge: each child's (entry, exit] in
 * days from birth (analysis_times.dta's fu_birth), cut where a
 * time-varying term changes (tdc: 0/1 from a date; cumtdc: +1 on the 1st
 * of January after each year with records), at the birthdays of the age
 * bands and at the dates of the calendar periods (tdc with the band or
 * period from that day on); fu_event on a child's last piece. */
static void r_split(FILE *fp, const struct ko_config *cfg,
		    const struct ko_cfg_model *m, const struct ko_model_result *mr)
{
	const char *id = cfg->extracts[cfg->base].cols[cfg->base_id_col].name;
	size_t q, k;

	fprintf(fp, "## split follow-up, as the model stage: pieces (tstart, "
		"tstop] in days from birth\n"
		"tt <- as.data.frame(haven::read_dta(\"analysis_times.dta\"))\n"
		"md <- as.data.frame(md)\n"
		"md$fu_birth <- tt$date[tt$variable == \"fu_birth\"][match(md$%s, "
		"tt$%s[tt$variable == \"fu_birth\"])]\n"
		"md <- md[md$fu_exit > md$fu_entry, ] # no follow-up time: no piece\n"
		"md$kohort_t0 <- as.numeric(md$fu_entry - md$fu_birth)\n"
		"md$kohort_t1 <- as.numeric(md$fu_exit - md$fu_birth)\n"
		"kohort_u <- md\n"
		"md <- survival::tmerge(md, md, id = %s, tstart = kohort_t0, "
		"tstop = kohort_t1, fu_event = event(kohort_t1, fu_status))\n",
		id, id, id);
	for (q = 0; q < m->n_tv; q++) {
		fprintf(fp, "x <- tt[tt$variable == \"%s\" & tt$%s %%in%% kohort_u$%s, ]\n"
			"x$t <- as.numeric(x$date - kohort_u$fu_birth[match(x$%s, "
			"kohort_u$%s)])\n"
			"md <- survival::tmerge(md, x, id = %s, kohort_tv = %s(t))\n"
			"md$kohort_tv[is.na(md$kohort_tv)] <- 0\n",
			tv_source(cfg, m, q), id, id, id, id, id,
			m->tv_cum[q] ? "cumtdc" : "tdc");
		r_tv_value(fp, cfg, m, mr, q);
	}
	if (m->n_split_age) {
		fputs("x <- do.call(rbind, lapply(c(", fp);
		for (k = 0; k < m->n_split_age; k++)
			fprintf(fp, "%s%d", k ? ", " : "", m->split_age[k]);
		fprintf(fp, "), function(a) data.frame(%s = kohort_u$%s, t = "
			"as.numeric(kohort_birthday(kohort_u$fu_birth, a) - "
			"kohort_u$fu_birth), a = a)))\n"
			"md <- survival::tmerge(md, x, id = %s, age_band = tdc(t, a))\n",
			id, id, id);
	}
	if (m->n_split_period) {
		fputs("kohort_periods <- c(", fp);
		for (k = 0; k < m->n_split_period; k++)
			fprintf(fp, "%s\"%s\"", k ? ", " : "", m->split_period_label[k]);
		fputs(")\nkohort_starts <- as.Date(c(", fp);
		for (k = 0; k < m->n_split_period; k++) {
			char iso[16];

			ko_date_format_iso(m->split_period[k], iso);
			fprintf(fp, "%s\"%s\"", k ? ", " : "", iso);
		}
		fprintf(fp, "))\nx <- do.call(rbind, lapply(seq_along(kohort_starts), "
			"function(k) data.frame(%s = kohort_u$%s, t = "
			"as.numeric(kohort_starts[k] - kohort_u$fu_birth), k = k)))\n"
			"md <- survival::tmerge(md, x, id = %s, kohort_pk = tdc(t, k))\n"
			"md$period <- factor(kohort_periods[md$kohort_pk], levels = "
			"kohort_periods)\n", id, id, id);
	}
	fputs("md <- tibble::as_tibble(md)\n", fp);
}

/* A variable of model m that is not in analysis.dta (output = no), or
 * NULL: such a model cannot be refitted from it. */
static const char *not_output(const struct ko_config *cfg,
			      const struct ko_cfg_model *m)
{
	long v[4] = { m->time_to_event ? -1 : (long)m->outcome, m->strata,
		      m->cox_strata, -1 };
	size_t i;

	for (i = 0; i < m->n_exposures; i++)
		if (!cfg->vars[m->exposures[i]].output)
			return cfg->vars[m->exposures[i]].name;
	for (i = 0; i < m->n_covariates; i++)
		if (!cfg->vars[m->covariates[i]].output)
			return cfg->vars[m->covariates[i]].name;
	for (i = 0; v[i] >= 0 || i < 3; i++)
		if (v[i] >= 0 && !cfg->vars[v[i]].output)
			return cfg->vars[v[i]].name;
	return NULL;
}

static void r_model(FILE *fp, const struct ko_config *cfg,
		    const struct ko_cfg_model *m, const struct ko_model_result *mr)
{
	size_t i, k;
	const char *sep = "", *absent = not_output(cfg, m);

	if (absent) {
		fprintf(fp, "\n## [model %s]: not refitted: its variable %s is not "
			"in analysis.dta (output = no)\nmessage(\"[model %s] not "
			"refitted: %s is not in analysis.dta\")\n", m->name, absent,
			m->name, absent);
		return;
	}
	fprintf(fp, "\n## [model %s]: the adjusted model%s\nmd <- d\n", m->name,
		m->strata >= 0 ? ", one per stratum" : "");
	if (m->has_subgroup) {
		fputs("md <- md[which(with(md, ", fp);
		r_expr(fp, m->subgroup_text);
		fputs(")), ]\n", fp);
	}
	for (i = 0; i < m->n_exposures; i++)
		if (ko_cfg_model_is_factor(cfg, m, m->exposures[i]))
			r_factor(fp, cfg, mr, m->exposures[i]);
	for (i = 0; i < m->n_covariates; i++)
		if (ko_cfg_model_is_factor(cfg, m, m->covariates[i]))
			r_factor(fp, cfg, mr, m->covariates[i]);
	if (ko_cfg_model_splits(m))
		r_split(fp, cfg, m, mr);
	if (m->cox_strata >= 0) /* coxph finds its special strata() by name */
		fputs("strata <- survival::strata\n", fp);
	if (m->family->outcome == KO_FAMILY_RATE)
		fputs(ko_cfg_model_splits(m) ? "f <- fu_event ~ " : "f <- fu_status ~ ", fp);
	else if (ko_cfg_model_splits(m))
		fputs("f <- survival::Surv(tstart, tstop, fu_event) ~ ", fp);
	else if (m->time_to_event) /* the follow-up's columns (docs/config.md) */
		fputs(cfg->followup.entry_var < 0 && !cfg->followup.entry_age
		      ? "f <- survival::Surv(fu_days, fu_status) ~ "
		      : "stop(\"a Cox model with entry after birth is on the age "
			"scale: add the entry and exit ages in days\")\n"
			"f <- survival::Surv(entry_age_days, exit_age_days, "
			"fu_status) ~ ", fp);
	else
		fprintf(fp, "f <- %s ~ ", cfg->vars[m->outcome].name);
	for (i = 0; i < m->n_exposures; i++, sep = " + ")
		fprintf(fp, "%s%s", sep, cfg->vars[m->exposures[i]].name);
	for (i = 0; i < m->n_covariates; i++)
		fprintf(fp, " + %s", cfg->vars[m->covariates[i]].name);
	for (i = 0; i < m->n_interactions; i++)
		for (k = 0; k < m->interactions[i].n; k++)
			fprintf(fp, "%s%s", k ? ":" : " + ",
				cfg->vars[m->interactions[i].vars[k]].name);
	if (m->time_to_event && m->n_split_age)
		fputs(" + factor(age_band)", fp);
	if (m->time_to_event && m->n_split_period)
		fputs(" + period", fp);
	if (m->cox_strata >= 0) /* a baseline hazard per level */
		fprintf(fp, " + strata(%s)",
			cfg->vars[m->cox_strata].name);
	fputs("\n", fp);
	if (m->strata >= 0)
		fprintf(fp, "parts <- split(md, haven::as_factor(md$%s))\n",
			cfg->vars[m->strata].name);
	else
		fputs("parts <- list(all = md)\n", fp);
	fprintf(fp, "fit_%s <- function(f, p) {\n", m->name);
	if (m->family->outcome == KO_FAMILY_EVENT_TIME) {
		r_cox(fp, cfg, m);
		r_fits(fp, cfg, m);
		return;
	}
	if (m->firth)
		fputs("  fit <- logistf::logistf(f, data = p)\n  list(fit = fit)\n",
		      fp);
	else if (m->family->outcome == KO_FAMILY_RATE)
		fputs(ko_cfg_model_splits(m)
		      ? "  fit <- glm(f, family = poisson, data = p, "
			"offset = log((tstop - tstart) / 365.25))\n"
		      : "  fit <- glm(f, family = poisson, data = p, "
			"offset = log(fu_days / 365.25))\n", fp);
	else
		fprintf(fp, "  fit <- glm(f, family = %s, data = p)\n",
			m->family->glm_family);
	if (!m->firth && m->se == KO_MODEL_SE_CLUSTER)
		fprintf(fp, "  cl <- ifelse(p$%s == \"\", paste0(\"child:\", p$%s), "
			"p$%s)[as.integer(rownames(model.frame(fit)))]\n"
			"  list(fit = fit, vcov = sandwich::vcovCL(fit, cluster = cl, "
			"type = \"HC0\"))\n",
			m->cluster == KO_REL_FATHER ? "family_father" : "family_mother",
			cfg->extracts[cfg->base].cols[cfg->base_id_col].name,
			m->cluster == KO_REL_FATHER ? "family_father" : "family_mother");
	else if (!m->firth && m->se == KO_MODEL_SE_ROBUST)
		fputs("  list(fit = fit, vcov = sandwich::vcovHC(fit, type = "
		      "\"HC0\"))\n", fp);
	else if (!m->firth)
		fputs("  list(fit = fit, vcov = vcov(fit))\n", fp);
	fputs("}\n", fp);
	r_fits(fp, cfg, m);
}

/* A script that refits the adjusted models from analysis.dta: OUT/file,
 * head (a format naming the study with one %s), then model() for each
 * model of the config with its results (NULL where none). */
static enum ko_status write_script(const struct ko_study *s, const char *file,
				   const char *head,
				   void (*model)(FILE *fp,
						 const struct ko_config *cfg,
						 const struct ko_cfg_model *m,
						 const struct ko_model_result *mr),
				   struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct ko_outfile o;
	char path[4200];
	enum ko_status st;
	size_t i;

	snprintf(path, sizeof(path), "%s/%s", s->out_dir, file);
	st = ko_outfile_open(&o, path, 0, err);
	if (st)
		return st;
	fprintf(o.fp, head, cfg->name);
	for (i = 0; i < cfg->n_models; i++)
		model(o.fp, cfg, &cfg->models[i],
		      s->models && i < s->models->n_models ? &s->models->models[i]
							    : NULL);
	return ko_outfile_commit(&o, err);
}

/* OUT/analysis.R's head: the adjusted models refitted from analysis.dta. */
static const char r_head[] =
	"## Written by kohort for study %s: the adjusted models of "
	"the study\n## refitted in R from analysis.dta (inside the secure "
	"environment only).\n## Run in the output folder: Rscript "
	"analysis.R; needs haven (and sandwich,\n## logistf as the models "
	"ask). fits$NAME$STRATUM$fit is the glm, $vcov its\n## covariance "
	"as the model's se; compare with models/NAME.csv.\n"
	"## crude$NAME$STRATUM$EXPOSURE: the crude models, the same.\n"
	"## Subgroups are the config's conditions translated to R: check "
	"them.\n\n"
	"d <- haven::read_dta(\"analysis.dta\")\nfits <- list()\n"
	"## split follow-up's helpers: the Nth birthday (29 February: 1 March\n"
	"## in other years) and a count's category (categories = ...)\n"
	"kohort_birthday <- function(b, k) {\n"
	"  y <- as.integer(format(b, \"%%Y\")) + k\n"
	"  m <- as.integer(format(b, \"%%m\")); dd <- as.integer(format(b, \"%%d\"))\n"
	"  f29 <- m == 2 & dd == 29 & !((y %%%% 4 == 0 & y %%%% 100 != 0) | y %%%% 400 == 0)\n"
	"  m[f29] <- 3L; dd[f29] <- 1L\n"
	"  as.Date(sprintf(\"%%04d-%%02d-%%02d\", y, m, dd))\n"
	"}\n"
	"kohort_category <- function(x, lo, hi, labs) {\n"
	"  k <- rep(NA_character_, length(x))\n"
	"  for (i in seq_along(labs)) k[!is.na(x) & x >= lo[i] & x <= hi[i]] <- labs[i]\n"
	"  k\n"
	"}\n"
	"crude <- list()\n";

/* ---- analysis.do --------------------------------------------------------- */

/* Term v of model m as Stata names it: ib(`b_NAME').NAME for a factor
 * (its base the model's reference, found by kohort_base), c.NAME for a
 * number (c. only where a # needs it). */
static void do_term(FILE *fp, const struct ko_config *cfg,
		    const struct ko_cfg_model *m, size_t v, int in_interaction)
{
	const char *name = cfg->vars[v].name;

	if (ko_cfg_model_is_factor(cfg, m, v))
		fprintf(fp, "ib(`b_%s').%s", name, name);
	else
		fprintf(fp, "%s%s", in_interaction ? "c." : "", name);
}

/* With crude = yes, the crude fits of the do file: each exposure alone
 * (cmd, outcome and opts as the adjusted fit's), stored as STORE_c1,
 * STORE_c2, ... in exposure order; on the available cases (Stata drops
 * the rows missing a variable of the command) or, crude_cases =
 * complete, if _kohort_cc (the adjusted model's complete cases). */
static void do_crude(FILE *fp, const struct ko_config *cfg,
		     const struct ko_cfg_model *m, const char *cmd,
		     const char *outcome, const char *opts, const char *indent,
		     const char *store)
{
	size_t i;

	for (i = 0; m->crude && i < m->n_exposures; i++) {
		fprintf(fp, "%s%s", indent, cmd);
		if (outcome)
			fprintf(fp, " %s", outcome);
		fputc(' ', fp);
		do_term(fp, cfg, m, m->exposures[i], 0);
		fprintf(fp, "%s, `vce'%s\n%sestimates store %s_c%zu\n",
			m->crude_complete ? " if _kohort_cc" : "", opts, indent,
			store, i + 1);
	}
}

/* The lines of [model NAME] in the do file: the data, the subgroup, the
 * cluster, the base levels, then one fit per stratum stored as
 * NAME_STRATUM (or NAME). */
static void do_model(FILE *fp, const struct ko_config *cfg,
		     const struct ko_cfg_model *m, const struct ko_model_result *mr)
{
	const char *fam = m->cluster == KO_REL_FATHER ? "family_father"
						      : "family_mother";
	const char *cmd = m->firth ? "firthlogit"
			  : m->family->outcome == KO_FAMILY_BINARY &&
			    m->family->glm_family &&
			    !strcmp(m->family->glm_family, "poisson") ? "poisson"
			  : "logit";
	const char *outcome = m->time_to_event ? NULL : cfg->vars[m->outcome].name;
	const char *opts = "";
	size_t i, k;

	fprintf(fp, "\n* [model %s]: the adjusted model%s\n", m->name,
		m->strata >= 0 ? ", one per stratum" : "");
	if (ko_cfg_model_splits(m) ||
	    (m->time_to_event && m->family->outcome == KO_FAMILY_EVENT_TIME &&
	     (cfg->followup.entry_var >= 0 || cfg->followup.entry_age))) {
		/* the rows are not in analysis.dta (analysis.R splits them from
		 * analysis_times.dta); the Stata route is said, not written: no
		 * Stata here to test it (stset's and stsplit's documentation) */
		const char *id = cfg->extracts[cfg->base].cols[cfg->base_id_col].name;

		if (ko_cfg_model_splits(m))
			fprintf(fp, "* not refitted here: split follow-up (time_varying, "
				"split_age, split_period); analysis.R\n* refits it from "
				"analysis_times.dta (survival::tmerge).  In Stata (untested): "
				"e and x\n* the days from birth (the date of fu_birth in "
				"analysis_times.dta) to fu_entry\n* and fu_exit; stset x, "
				"enter(time e) failure(fu_status) id(%s) (stsplit\n* needs "
				"id()); per change day D (days from birth: analysis_times.dta's,\n"
				"* the split_age birthdays, the split_period dates) stsplit _k, "
				"after(time=D) at(0):\n* a piece is after the change when "
				"_t0 >= D\n"
				"display \"[model %s] not refitted: analysis.R refits it\"\n",
				id, m->name);
		else
			fprintf(fp, "* not refitted here: a Cox model with entry after birth "
				"is on the age scale and\n* analysis.dta has no birth date: with "
				"e and x the days from birth to fu_entry\n* and fu_exit, stset x, "
				"enter(time e) failure(fu_status)\n"
				"display \"[model %s] not refitted: entry after birth\"\n",
				m->name);
		return;
	}
	if (m->time_to_event && m->family->outcome == KO_FAMILY_EVENT_TIME) {
		/* noadjust: stcox's vce(robust)/vce(cluster) are otherwise
		 * times N/(N-1) or G/(G-1); coxph's, the model stage's, are not */
		cmd = "stcox";
		opts = m->se == KO_MODEL_SE_MODEL ? (m->ties ? " breslow" : " efron")
		       : m->ties ? " breslow noadjust" : " efron noadjust";
	} else if (m->time_to_event) { /* poisson_rate */
		cmd = "poisson";
		outcome = "fu_status";
		opts = " exposure(fu_years)";
	}
	fputs("use \"analysis.dta\", clear\n", fp);
	if (m->time_to_event && m->family->outcome == KO_FAMILY_EVENT_TIME)
		fputs("stset fu_days, failure(fu_status)\n", fp);
	if (m->has_subgroup) {
		fputs("keep if (", fp);
		r_expr(fp, m->subgroup_text); /* Stata's operators are R's */
		fputs(")\n", fp);
	}
	if (m->crude && m->crude_complete) {
		/* the crude fits' sample: no model variable missing */
		fprintf(fp, "generate byte _kohort_cc = !missing(%s",
			outcome ? outcome : "fu_days, fu_status");
		for (i = 0; i < m->n_exposures + m->n_covariates; i++)
			fprintf(fp, ", %s", cfg->vars[i < m->n_exposures
					  ? m->exposures[i]
					  : m->covariates[i - m->n_exposures]].name);
		fputs(")\n", fp);
	}
	if (!m->firth && m->se == KO_MODEL_SE_CLUSTER)
		fprintf(fp, "* clusters: the %s's id, a child of its own where it "
			"is empty\ngenerate str _kohort_cl = %s\n"
			"replace _kohort_cl = \"child:\" + %s if _kohort_cl == \"\"\n"
			"egen long _kohort_clid = group(_kohort_cl)\n",
			m->cluster == KO_REL_FATHER ? "father" : "mother", fam,
			cfg->extracts[cfg->base].cols[cfg->base_id_col].name);
	for (i = 0; i < m->n_exposures + m->n_covariates; i++) {
		size_t v = i < m->n_exposures ? m->exposures[i]
					      : m->covariates[i - m->n_exposures];
		const char *ref = used_reference(mr, cfg->vars[v].name);

		if (!ko_cfg_model_is_factor(cfg, m, v))
			continue;
		/* a categorised or text variable is codes labelled with its
		 * levels; a number keeps its values (the reference's text) */
		if (ref && cfg->vars[v].kind == KO_VK_LABEL)
			fprintf(fp, "kohort_base %s \"%s\"\nlocal b_%s = r(code)\n",
				cfg->vars[v].name, ref, cfg->vars[v].name);
		else if (ref)
			fprintf(fp, "local b_%s = %s\n", cfg->vars[v].name, ref);
		else
			fprintf(fp, "quietly summarize %s\nlocal b_%s = r(min)\n",
				cfg->vars[v].name, cfg->vars[v].name);
	}
	fputs("local f", fp);
	if (outcome)
		fprintf(fp, " %s", outcome);
	for (i = 0; i < m->n_exposures; i++) {
		fputc(' ', fp);
		do_term(fp, cfg, m, m->exposures[i], 0);
	}
	for (i = 0; i < m->n_covariates; i++) {
		fputc(' ', fp);
		do_term(fp, cfg, m, m->covariates[i], 0);
	}
	for (i = 0; i < m->n_interactions; i++)
		for (k = 0; k < m->interactions[i].n; k++) {
			fputs(k ? "#" : " ", fp);
			do_term(fp, cfg, m, m->interactions[i].vars[k], 1);
		}
	fputc('\n', fp);
	fprintf(fp, "local vce %s\n",
		m->firth ? ""
		: m->se == KO_MODEL_SE_CLUSTER ? "vce(cluster _kohort_clid)"
		: m->se == KO_MODEL_SE_ROBUST ? "vce(robust)" : "");
	if (m->strata >= 0) {
		const char *st = cfg->vars[m->strata].name;

		char store[300];

		fprintf(fp, "quietly levelsof %s, local(strata)\n"
			"foreach s of local strata {\n"
			"    preserve\n"
			"    keep if %s == `s'\n"
			"    %s `f', `vce'%s\n"
			"    estimates store %s_`s'\n", st, st, cmd, opts, m->name);
		snprintf(store, sizeof(store), "%s_`s'", m->name);
		do_crude(fp, cfg, m, cmd, outcome, opts, "    ", store);
		fputs("    restore\n}\n", fp);
	} else {
		fprintf(fp, "%s `f', `vce'%s\nestimates store %s\n", cmd, opts,
			m->name);
		do_crude(fp, cfg, m, cmd, outcome, opts, "", m->name);
	}
}

/* OUT/analysis.do's head: the adjusted models refitted in Stata from
 * analysis.dta, as analysis.R does in R. */
static const char do_head[] =
	"* Written by kohort for study %s: the adjusted models of "
	"the study\n* refitted in Stata from analysis.dta (inside the "
	"secure environment only).\n* Run in the output folder: do "
	"analysis.do (Stata 14 or later; a firth model\n* needs "
	"firthlogit: ssc install firthlogit).  Each fit is stored as\n"
	"* NAME or NAME_STRATUM (estimates dir); compare with "
	"models/NAME.csv; the crude fits\n* (crude = yes) as NAME_c1, NAME_c2, ... "
	"in the order of the exposures.\n* Logit's vce(cluster) is the model stage's "
	"HC0 with G/(G-1), as\n* sandwich::vcovCL; vce(robust) has "
	"Stata's N/(N-1) on top of HC0 (SEs\n* sqrt(N/(N-1)) times "
	"the model stage's); as poisson's.  stcox has noadjust: no such\n* "
	"factor, as coxph.  Subgroups are the config's\n* conditions "
	"translated to Stata (a missing value is larger than any\n* "
	"number there): check them.  Factor variables need whole values "
	"0 or more.\n\n"
	"version 14\nset more off\n\n"
	"* kohort_base VAR \"LEVEL\": r(code), the value of VAR whose label "
	"(or value) is LEVEL\ncapture program drop kohort_base\n"
	"program define kohort_base, rclass\n"
	"    args var level\n"
	"    quietly levelsof `var', local(codes)\n"
	"    foreach c of local codes {\n"
	"        if `\"`: label (`var') `c''\"' == `\"`level'\"' {\n"
	"            return scalar code = `c'\n"
	"            exit\n"
	"        }\n"
	"    }\n"
	"    display as error \"`var': no level `level'\"\n"
	"    exit 198\n"
	"end\n";

enum ko_status ko_export_write(const struct ko_study *s, struct ko_err *err)
{
	struct export x;
	enum ko_status st;

	if (!s->cfg->export_formats)
		return KO_OK;
	st = plan(&x, s, err);
	if (!st && (s->cfg->export_formats & KO_EXPORT_DTA))
		st = write_file(&x, 0, err);
	if (!st && (s->cfg->export_formats & KO_EXPORT_SAV))
		st = write_file(&x, 1, err);
	if (!st && (s->cfg->export_formats & KO_EXPORT_DTA) && any_split(s->cfg))
		st = write_times(&x, err);
	if (!st && (s->cfg->export_formats & KO_EXPORT_DTA))
		st = write_script(s, "analysis.R", r_head, r_model, err);
	if (!st && (s->cfg->export_formats & KO_EXPORT_DTA))
		st = write_script(s, "analysis.do", do_head, do_model, err);
	release(&x);
	return st;
}

const char *ko_export_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size)
{
	const char *names[5];
	size_t n = 0;

	if (s->cfg->export_formats & KO_EXPORT_DTA)
		names[n++] = "analysis.dta";
	if ((s->cfg->export_formats & KO_EXPORT_DTA) && any_split(s->cfg))
		names[n++] = "analysis_times.dta";
	if (s->cfg->export_formats & KO_EXPORT_SAV)
		names[n++] = "analysis.sav";
	if (s->cfg->export_formats & KO_EXPORT_DTA)
		names[n++] = "analysis.R";
	if (s->cfg->export_formats & KO_EXPORT_DTA)
		names[n++] = "analysis.do";
	if (i >= n)
		return NULL;
	snprintf(buf, size, "%s", names[i]);
	return buf;
}
