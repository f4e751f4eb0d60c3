/*
 * report_html.c - report.html (report_impl.h): one self-contained page
 * with every table, the figures inlined as SVG, the warnings and the
 * methods text written from the config.
 */
#include "report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "followup_table.h"
#include "outfile.h"
#include "version.h"

/* A whole file into a new string. */
static enum ko_status slurp(const char *path, char **out, struct ko_err *err)
{
	FILE *fp = fopen(ko_outfile_resolve(path), "rb"); /* maybe not renamed yet */
	char *buf = NULL;
	long len;

	if (!fp)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot open");
	if (fseek(fp, 0, SEEK_END) || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) || !(buf = malloc((size_t)len + 1)) ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
		free(buf);
		fclose(fp);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot read");
	}
	buf[len] = '\0';
	fclose(fp);
	*out = buf;
	return KO_OK;
}

static void html_text(FILE *fp, const char *s)
{
	ko_html_put(fp, s);
}

/* An SVG file inline: without its XML declaration, every id prefixed so
 * that the glyph ids of several figures on one page do not collide. */
static void put_svg(FILE *fp, const char *svg, const char *prefix)
{
	static const char *const keys[] = { "id=\"", "href=\"#", "url(#" };
	const char *p = strstr(svg, "<svg");
	size_t k;

	if (!p)
		return;
	while (*p) {
		for (k = 0; k < 3; k++)
			if (!strncmp(p, keys[k], strlen(keys[k])))
				break;
		if (k < 3) {
			fputs(keys[k], fp);
			fputs(prefix, fp);
			fputc('-', fp);
			p += strlen(keys[k]);
		} else {
			fputc(*p++, fp);
		}
	}
}

/* Table t as an HTML fragment, through a temporary file of the writer. */
static enum ko_status put_table(struct report *r, FILE *fp,
				const struct ko_table *t, struct ko_err *err)
{
	char path[5000], *frag = NULL;
	enum ko_status st;

	out_path(r, path, sizeof(path), ".report_fragment.html");
	st = ko_table_write(t, KO_TABLE_HTML, &r->fmt, path, err);
	if (!st)
		st = slurp(path, &frag, err);
	ko_outfile_discard(path);
	if (!st)
		fprintf(fp, "<div class=\"table-wrap\">\n%s</div>\n", frag);
	free(frag);
	return st;
}

/* ---- methods text ------------------------------------------------------------ */

static const char *agg_text(const struct ko_cfg_variable *v)
{
	switch (v->agg) {
	case KO_AGG_VALUE: return "the recorded value of";
	case KO_AGG_ANY: return "whether there is any record in";
	case KO_AGG_COUNT: return "the number of records in";
	case KO_AGG_YEARS: return "the number of calendar years with a record in";
	case KO_AGG_FIRST: return "the date of the first record in";
	case KO_AGG_LAST: return "the date of the last record in";
	case KO_AGG_SUM: return "the sum of";
	case KO_AGG_MIN: return "the smallest value of";
	case KO_AGG_MAX: return "the largest value of";
	case KO_AGG_MONTHS: return "the number of months flagged in";
	case KO_AGG_YEARS_WITH: return "the number of years with enough months flagged in";
	default: return "";
	}
}

static const char *relation_text(enum ko_relation rel)
{
	switch (rel) {
	case KO_REL_MOTHER: return " of the mother";
	case KO_REL_FATHER: return " of the father";
	case KO_REL_PARENTS: return " of either parent";
	default: return "";
	}
}

static void put_where(FILE *fp, const struct ko_cfg_extract *x,
		      const struct ko_cfg_where *w)
{
	static const char *const ops[] = {
		"=", "≠", "<", "≤", ">", "≥", "in", "not in", "missing", "present",
	};
	size_t i;

	html_text(fp, x->cols[w->col].name);
	fprintf(fp, " %s", ops[w->op]);
	if (w->op == KO_WH_MISSING || w->op == KO_WH_PRESENT)
		return;
	if (w->n_text) {
		for (i = 0; i < w->n_text; i++) {
			fputs(i ? ", " : " ", fp);
			html_text(fp, w->text[i]);
		}
	} else {
		fprintf(fp, " %.15g", w->num);
	}
}

static void put_window(FILE *fp, const struct ko_config *cfg,
		       const struct ko_cfg_window *w)
{
	char a[16], b[16];

	switch (w->kind) {
	case KO_WIN_AGE:
		fprintf(fp, "at ages %d to %d years", w->lo, w->hi);
		break;
	case KO_WIN_DAYS:
		fprintf(fp, "%d to %d days after birth", w->lo, w->hi);
		break;
	case KO_WIN_DATES:
		ko_date_format_iso(w->lo, a);
		ko_date_format_iso(w->hi, b);
		fprintf(fp, "from %s to %s", a, b);
		break;
	case KO_WIN_BEFORE:
	case KO_WIN_AFTER:
		fputs(w->kind == KO_WIN_BEFORE ? "before " : "after ", fp);
		html_text(fp, var_label(cfg, w->var));
		break;
	}
}

/* An expression back in infix form (every inner operation in parentheses), into
 * buf; from the compiled postfix of the config. */
static void expr_text(const struct ko_config *cfg, const struct ko_expr *ex,
		      char *buf, size_t size)
{
	static const char *const bin[] = {
		[KO_EX_ADD] = "+", [KO_EX_SUB] = "-", [KO_EX_MUL] = "*",
		[KO_EX_DIV] = "/", [KO_EX_EQ] = "=", [KO_EX_NE] = "!=",
		[KO_EX_LT] = "<", [KO_EX_LE] = "<=", [KO_EX_GT] = ">",
		[KO_EX_GE] = ">=", [KO_EX_AND] = "and", [KO_EX_OR] = "or",
	};
	char *stack[KO_EXPR_MAX_DEPTH];
	int sp = 0, ok = 1;
	size_t i;

	snprintf(buf, size, "an expression");
	for (i = 0; ok && i < ex->n; i++) {
		const struct ko_expr_node *nd = &ex->nodes[i];
		char tmp[1024];

		switch (nd->op) {
		case KO_EX_NUM:
			snprintf(tmp, sizeof(tmp), "%.15g", nd->num);
			break;
		case KO_EX_STR:
			snprintf(tmp, sizeof(tmp), "\"%s\"", nd->str);
			break;
		case KO_EX_VAR:
			snprintf(tmp, sizeof(tmp), "%s", nd->var < cfg->n_vars ?
				 cfg->vars[nd->var].name : nd->str);
			break;
		case KO_EX_NEG:
		case KO_EX_NOT:
			if (sp < 1) {
				ok = 0;
				continue;
			}
			snprintf(tmp, sizeof(tmp), "%s%s",
				 nd->op == KO_EX_NEG ? "-" : "not ", stack[sp - 1]);
			free(stack[--sp]);
			break;
		default:
			if (sp < 2) {
				ok = 0;
				continue;
			}
			snprintf(tmp, sizeof(tmp), "(%s %s %s)", stack[sp - 2],
				 bin[nd->op], stack[sp - 1]);
			free(stack[--sp]);
			free(stack[--sp]);
			break;
		}
		if (sp == KO_EXPR_MAX_DEPTH || !(stack[sp] = strdup(tmp))) {
			ok = 0;
			continue;
		}
		sp++;
	}
	if (ok && sp == 1 && stack[0][0] == '(' && ex->nodes[ex->n - 1].op >= KO_EX_ADD)
		snprintf(buf, size, "%.*s", (int)strlen(stack[0]) - 2, stack[0] + 1);
	else if (ok && sp == 1)
		snprintf(buf, size, "%s", stack[0]);
	while (sp > 0)
		free(stack[--sp]);
}

/* One variable's definition in words, from its resolved config. */
static void put_definition(FILE *fp, const struct ko_config *cfg, size_t vi)
{
	const struct ko_cfg_variable *v = &cfg->vars[vi];
	const struct ko_cfg_extract *x = &cfg->extracts[v->extract];
	size_t i;

	fputs("<li><b>", fp);
	html_text(fp, var_label(cfg, vi));
	fputs("</b> (<code>", fp);
	html_text(fp, v->name);
	fputs("</code>): ", fp);
	if (v->agg == KO_AGG_EXPR) {
		char text[1024];

		expr_text(cfg, &v->expr, text, sizeof(text));
		fputs("computed as <code>", fp);
		html_text(fp, text);
		fputs("</code>", fp);
	} else {
		fprintf(fp, "%s ", agg_text(v));
		if (v->agg_col >= 0 && v->agg != KO_AGG_VALUE) {
			html_text(fp, x->cols[v->agg_col].name);
			fputs(" in ", fp);
		} else if (v->agg == KO_AGG_VALUE && v->agg_col >= 0) {
			html_text(fp, x->cols[v->agg_col].name);
			fputs(" in ", fp);
		}
		fputs("the register extract <code>", fp);
		html_text(fp, x->name);
		fputs("</code>", fp);
		fputs(relation_text(v->of), fp);
		if (v->codes.n) {
			fputs(" with a code ", fp);
			for (i = 0; i < v->codes.n; i++) {
				fputs(i ? ", " : "", fp);
				html_text(fp, v->codes.items[i].lo);
				if (v->codes.items[i].hi_len) {
					fputs("–", fp);
					html_text(fp, v->codes.items[i].hi);
				}
			}
			fputs(" in ", fp);
			for (i = 0; i < v->n_code_cols; i++) {
				fputs(i ? ", " : "", fp);
				html_text(fp, x->cols[v->code_cols[i]].name);
			}
		}
		for (i = 0; i < v->n_where; i++) {
			fputs(i ? " and " : " where ", fp);
			put_where(fp, x, &v->where[i]);
		}
		for (i = 0; i < v->n_windows; i++) {
			fputs(i ? " and " : ", ", fp);
			put_window(fp, cfg, &v->windows[i]);
		}
	}
	if (v->n_cats) {
		fputs("; grouped as ", fp);
		for (i = 0; i < v->n_cats; i++) {
			fputs(i ? ", " : "", fp);
			html_text(fp, v->cats[i].label);
		}
		if (v->reference) {
			fputs(" (reference ", fp);
			html_text(fp, v->reference);
			fputs(")", fp);
		}
	}
	for (i = 0; i < v->n_value_labels; i++) {
		fputs(i ? ", " : "; shown as ", fp);
		html_text(fp, v->value_labels[i].value);
		fputs(" = ", fp);
		html_text(fp, v->value_labels[i].label);
	}
	fputs(".</li>\n", fp);
}

/* Strata of a model without a table, and why. */
static void put_unreported(struct report *r, FILE *fp,
			   const struct ko_model_result *mr)
{
	size_t f, g;

	for (f = 0; f < mr->n_fits; f++) {
		const struct ko_model_fit *fit = &mr->fits[f];

		for (g = 0; g < f; g++)
			if (!strcmp(mr->fits[g].stratum, fit->stratum))
				break;
		if (g < f || model_table_ok(r->cfg, mr, f, r->threshold))
			continue;
		fputs("No table for ", fp);
		html_text(fp, fit->stratum);
		fputs(": the adjusted model was not fitted (see models/ and the "
		      "run log), or its counts could not be published under the "
		      "disclosure rule. ", fp);
	}
}

static void put_var_list(FILE *fp, const struct ko_config *cfg,
			 const size_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "" : i + 1 == n ? " and " : ", ", fp);
		html_text(fp, var_label(cfg, v[i]));
	}
}

/* The effect measures a model asks for besides odds ratios. */
static void put_effect_methods(FILE *fp, const struct ko_config *cfg,
			       const struct ko_cfg_model *mc)
{
	if (mc->effects & KO_MODEL_EFFECT_RR)
		fputs("; risk ratios by modified Poisson regression (log link, "
		      "sandwich SE: robust, or clustered as the model's)", fp);
	if (!(mc->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)) ||
	    mc->effect_exposure < 0)
		return;
	fputs("; standardised risks of ", fp);
	html_text(fp, var_label(cfg, (size_t)mc->effect_exposure));
	fputs(" by marginal standardisation of the logistic model", fp);
	if (mc->effects & KO_MODEL_EFFECT_RD)
		fputs(", with risk differences in percentage points", fp);
	if (mc->effects & KO_MODEL_EFFECT_PAF)
		fputs(", and the population attributable fraction (everyone at "
		      "the reference level) with the attributable cases", fp);
	fputs(" (delta-method CIs)", fp);
}

/* The model specification of every [model NAME], from the config and the
 * model stage's labels for the SE and CI methods. */
static void put_model_methods(struct report *r, FILE *fp)
{
	const struct ko_model_results *res = r->s->models;
	const struct ko_config *cfg = r->cfg;
	size_t mi;

	if (!res || !res->n_models) {
		fputs("No models are specified in this study's config. ", fp);
		return;
	}
	fputs("</p>\n<p>Models: logistic regression by maximum likelihood "
	      "(iteratively reweighted least squares, as R's glm) unless "
	      "stated; odds ratios with confidence intervals; p on a term's "
	      "row is the joint Wald test of all its levels. ", fp);
	for (mi = 0; mi < res->n_models; mi++) {
		const struct ko_model_result *mr = &res->models[mi];
		const struct ko_cfg_model *mc = mr->cfg;

		fputs("Model <code>", fp);
		html_text(fp, mc->name);
		fputs("</code>: ", fp);
		html_text(fp, var_label(cfg, mc->outcome));
		fputs(" on ", fp);
		put_var_list(fp, cfg, mc->exposures, mc->n_exposures);
		if (mc->n_covariates) {
			fputs(", adjusted also for ", fp);
			put_var_list(fp, cfg, mc->covariates, mc->n_covariates);
		}
		if (mc->n_interactions)
			fprintf(fp, ", with %zu interaction term%s", mc->n_interactions,
				mc->n_interactions == 1 ? "" : "s");
		if (mc->has_subgroup && mc->subgroup_text) {
			fputs(", among children with <code>", fp);
			html_text(fp, mc->subgroup_text);
			fputs("</code>", fp);
		}
		if (mc->strata >= 0) {
			fputs(", in strata of ", fp);
			html_text(fp, var_label(cfg, (size_t)mc->strata));
		}
		fprintf(fp, "; %s", mc->crude ? "crude models with one exposure each "
			"and the adjusted model with all terms" : "the adjusted "
			"model only");
		fprintf(fp, "; %s; standard errors: ", mr->family->method);
		html_text(fp, mr->se_label ? mr->se_label : "model");
		fprintf(fp, "; %g%% confidence intervals: ", 100 * mc->level);
		html_text(fp, mr->ci_label ? mr->ci_label : "wald");
		put_effect_methods(fp, cfg, mc);
		fputs("; complete cases (crude and adjusted models on the same "
		      "children). ", fp);
		put_unreported(r, fp, mr);
	}
	fputs("The C-statistic (AUC) has a DeLong confidence interval. ", fp);
}

static void put_methods(struct report *r, FILE *fp)
{
	const struct ko_config *cfg = r->cfg;
	const struct ko_cfg_report *rep = &cfg->report;
	const struct ko_cfg_link *l = &cfg->link;
	size_t i;
	int shown[KO_CFG_MAX_LIST * 2 + 2] = { 0 }, nshown = 0, j;

	fputs("<section id=\"methods\">\n<h2>", fp);
	html_text(fp, tx(r, KO_MSG_HTML_METHODS));
	fputs("</h2>\n<p>", fp);
	fputs("The cohort was drawn from the register extract <code>", fp);
	html_text(fp, cfg->extracts[cfg->base].name);
	fputs("</code>. ", fp);
	if (cfg->n_rules) {
		fputs("The rules were applied in this order: ", fp);
		for (i = 0; i < cfg->n_rules; i++) {
			fprintf(fp, "%s%s ", i ? "; " : "",
				cfg->rules[i].exclude ? "excluded:" : "included:");
			html_text(fp, cfg->rules[i].label);
		}
		fputs(". ", fp);
	}
	fprintf(fp, "The final cohort has %zu persons; the cohort flow figure "
		"and table give the count at every step. ", r->n);
	ko_report_followup_methods(fp, cfg);
	if (l->present) {
		fprintf(fp, "Children were linked to their parents through the "
			"parents' ids in the birth record and the population "
			"register <code>");
		html_text(fp, cfg->extracts[l->population].name);
		fprintf(fp, "</code>; a link was dropped when the id matched no one "
			"there, when the parent was younger than %d or older than %d "
			"at the birth, or when the mother had died more than %d or "
			"the father more than %d days before the birth (parent "
			"linkage table).", l->min_age, l->max_age,
			l->mother_death_days, l->father_death_days);
	}
	fputs("</p>\n<p>Variables:</p>\n<ul>\n", fp);
	if (rep->outcome >= 0)
		shown[nshown++] = (int)rep->outcome;
	if (rep->exposure >= 0)
		shown[nshown++] = (int)rep->exposure;
	for (i = 0; i < rep->n_table1; i++)
		shown[nshown++] = (int)rep->table1[i];
	if (rep->by >= 0)
		shown[nshown++] = (int)rep->by;
	for (j = 0; j < nshown; j++) {
		int k;

		for (k = 0; k < j; k++)
			if (shown[k] == shown[j])
				break;
		if (k == j)
			put_definition(fp, cfg, (size_t)shown[j]);
	}
	fputs("</ul>\n<p>", fp);
	fputs("Table 1 shows categories as n (%) of the column, missing values "
	      "included, and numbers as mean (SD) and median (interquartile "
	      "range). Groups are compared with standardised mean differences "
	      "(SMD; for a categorical variable the multivariate SMD of Yang and "
	      "Dalton, for more than two groups the mean of the pairwise SMDs), "
	      "Pearson's chi-square test without continuity correction and "
	      "Welch's test of means; missing values are left out of SMDs and "
	      "tests. ", fp);
	put_model_methods(r, fp);
	fprintf(fp, "Produced by kohort %s from the study config <code>",
		KO_VERSION);
	html_text(fp, cfg->name);
	fputs("</code>; every input and output file is listed with its SHA-256 "
	      "in manifest.json.</p>\n", fp);
	fprintf(fp, "<p>Disclosure control: every count from 1 to %d is "
		"suppressed and shown &lt;%d; further cells (shown x) are "
		"suppressed so that no hidden count can be recomputed from the "
		"totals and other cells a table publishes, choosing the smallest "
		"such cells, and each table is audited with linear programs for "
		"the least and greatest value an attacker could infer. "
		"Percentages, means, medians, SMDs and p-values of a group with a "
		"hidden count are hidden too, and a mean or median of fewer than "
		"%d persons is not shown. In the cohort flow, a small exclusion "
		"is merged with a neighbouring step. Across tables: a count "
		"hidden in Table 1 is hidden in Table 1 by exposure, the "
		"regional and the model tables too; a model table's count of a level (or of the whole model) "
		"is hidden where it differs from the cohort's count in Table 1 "
		"by 1 to %d persons (those not in the model, or in the other "
		"strata), and complements are chosen around it; statistics that "
		"are functions of counts only (percentages, crude odds ratios and "
		"their p-values, attributable cases) are hidden with their "
		"counts and exported with the digits shown. The file "
		"tables/suppression.csv lists %d suppressed cells and the rule "
		"behind each.</p>\n",
		r->threshold - 1, r->threshold, r->threshold, r->threshold - 1,
		r->log.n);
	fprintf(fp, "<p>Whole-export audit: before any file was written, every "
		"published count of every table was put into one system of "
		"linear relations (each table's totals, the same groups in "
		"different tables, each model's counts as part of the cohort's "
		"with the persons not in the model as an unknown count, the "
		"strata of a model as parts of the cohort), and the least and "
		"greatest value of every hidden count and of every such "
		"difference was computed by linear programming. Where these "
		"bounds showed a count to be below %d without leaving every "
		"value from 1 to %d possible (what &lt;%d says), or gave a "
		"hidden count exactly, further cells were hidden (a &lt;%d "
		"shown as x, else the smallest related count) and the audit "
		"repeated until none did.",
		r->threshold, r->threshold - 1, r->threshold, r->threshold);
	if (find_table(r, "follow_up"))
		fputs(" The follow-up table's exit counts are part of it: they "
		      "sum to the cohort, and its events are taken to be the "
		      "outcome's events in Table 1 (the same children, or the "
		      "one set within the other, as the definitions allow), so "
		      "the event count is never hidden as a complement. Its "
		      "person-years are given in whole years and are all hidden, "
		      "the total's too, once any exit count is: a sum of "
		      "follow-up times next to a hidden count bounds it (those "
		      "censored at the end age each add the same years).", fp);
	fputs("</p>\n</section>\n", fp);
}

/* ---- report.html ------------------------------------------------------------ */

static const char report_css[] =
	"body{font-family:'DejaVu Sans',Arial,sans-serif;margin:0;color:#222;"
	"background:#fff;line-height:1.45}\n"
	"main{max-width:1180px;margin:0 auto;padding:16px}\n"
	".table-wrap{overflow-x:auto}\n"
	"h1{font-size:1.7em;margin-bottom:.2em}\n"
	"h2{font-size:1.3em;border-bottom:1px solid #ccc;padding-bottom:.2em;"
	"margin-top:2em}\n"
	".meta{color:#555}\n"
	"nav ul{padding-left:1.2em}\n"
	"figure{margin:1em 0}\n"
	"figure svg{max-width:100%;height:auto}\n"
	"figcaption{color:#555;font-size:.9em}\n"
	"table.kohort-table{border-collapse:collapse;margin:1em 0;font-size:.85em}\n"
	"table.kohort-table caption{text-align:left;font-weight:bold;"
	"margin-bottom:.4em}\n"
	"table.kohort-table th,table.kohort-table td{padding:3px 7px;"
	"border-bottom:1px solid #e3e3e3}\n"
	"table.kohort-table thead th{border-bottom:2px solid #555;"
	"text-align:center}\n"
	"table.kohort-table th[scope=row]{text-align:left;font-weight:normal}\n"
	"table.kohort-table tr.level-0 th[scope=row]{font-weight:bold}\n"
	"table.kohort-table tr.level-1 th[scope=row]{padding-left:2em}\n"
	"table.kohort-table td{text-align:right;white-space:nowrap}\n"
	"table.kohort-table td.supp{color:#a00}\n"
	"table.kohort-table tfoot td{text-align:left;white-space:normal;"
	"font-size:.85em;color:#555;border:none}\n"
	"code{font-size:.95em}\n";

static enum ko_status put_section(struct report *r, FILE *fp, const char *id,
				  const char *heading, const char *table,
				  struct ko_err *err)
{
	const struct ko_table *t = find_table(r, table);

	if (!t)
		return KO_OK;
	fprintf(fp, "<section id=\"%s\">\n<h2>", id);
	html_text(fp, heading);
	fputs("</h2>\n", fp);
	if (put_table(r, fp, t, err))
		return err->status;
	fputs("</section>\n", fp);
	return KO_OK;
}

static int n_model_tables(const struct report *r)
{
	int i, n = 0;

	for (i = 0; i < r->n_tables; i++)
		n += r->tables[i]->model != 0;
	return n;
}

/* The header of model table t's adjusted estimate column ("OR (95% CI)",
 * "RR (95% CI)": it starts with the family's effect), or NULL. */
static const char *effect_header(const struct ko_table *t, enum ko_lang lang)
{
	const char *adjusted = ko_lang_text(lang, KO_MSG_ADJUSTED);
	int k;

	for (k = 0; k < t->ncol; k++)
		if (t->cols[k].group && !strcmp(t->cols[k].group, adjusted) &&
		    t->cols[k].role == KO_COL_ESTIMATE)
			return t->cols[k].header;
	return NULL;
}

/* Each model table with its forest plot. */
static enum ko_status put_models(struct report *r, FILE *fp, struct ko_err *err)
{
	char path[5000], prefix[32], level[32], caption[300], *svg = NULL;
	enum ko_status st = KO_OK;
	int i, k = 0;

	if (!n_model_tables(r))
		return KO_OK;
	fputs("<section id=\"models\">\n<h2>", fp);
	html_text(fp, tx(r, KO_MSG_HTML_MODELS));
	fputs("</h2>\n", fp);
	for (i = 0; !st && i < r->n_tables; i++) {
		const struct ko_table *t = r->tables[i];
		char rel[300];

		if (!t->model)
			continue;
		snprintf(rel, sizeof(rel), "figures/%s.svg", t->name);
		out_path(r, path, sizeof(path), rel);
		st = slurp(path, &svg, err);
		if (st)
			break;
		fprintf(fp, "<h3 id=\"h-%s\">", t->name);
		html_text(fp, t->title);
		fprintf(fp, "</h3>\n<figure id=\"figure-%s\">\n", t->name);
		snprintf(prefix, sizeof(prefix), "m%d", ++k);
		put_svg(fp, svg, prefix);
		level_text(t->ci_level, r->lang, level, sizeof(level));
		snprintf(caption, sizeof(caption),
			 tx(r, ko_lang_effect(KO_MSG_HTML_FOREST_CAPTION,
					      effect_header(t, r->lang))), level);
		fputs("\n<figcaption>", fp);
		html_text(fp, caption);
		fputs("</figcaption>\n</figure>\n", fp);
		free(svg);
		svg = NULL;
		st = put_table(r, fp, t, err);
	}
	fputs("</section>\n", fp);
	return st;
}

/* Whether a text has a digit (a fit's error text may hold counts that are
 * not for publishing; such a reason is left to models/ and the log). */
static int has_digit(const char *s)
{
	return strpbrk(s, "0123456789") != NULL;
}

/* The adjusted fit of the stratum whose first fit is f, or NULL. */
static const struct ko_model_fit *adjusted_fit(const struct ko_model_result *mr,
					       size_t f)
{
	size_t g;

	for (g = f; g < mr->n_fits; g++)
		if (!strcmp(mr->fits[g].stratum, mr->fits[f].stratum) &&
		    !mr->fits[g].crude)
			return &mr->fits[g];
	return NULL;
}

/* One warning line per model stratum without a table, and why. */
static int put_stratum_warnings(struct report *r, FILE *fp)
{
	const struct ko_model_results *res = r->s->models;
	size_t mi, f, g;
	int n = 0;

	for (mi = 0; res && mi < res->n_models; mi++) {
		const struct ko_model_result *mr = &res->models[mi];

		for (f = 0; f < mr->n_fits; f++) {
			const struct ko_model_fit *adj = adjusted_fit(mr, f);

			for (g = 0; g < f && strcmp(mr->fits[g].stratum,
						    mr->fits[f].stratum); g++)
				;
			if (g < f || (adj && !adj->error &&
				      model_table_ok(r->cfg, mr, f, r->threshold)))
				continue;
			fputs("<li>Model ", fp);
			html_text(fp, mr->cfg->name);
			if (strcmp(mr->fits[f].stratum, "all")) {
				fputs(", ", fp);
				html_text(fp, mr->fits[f].stratum);
			}
			if (adj && adj->error) {
				fputs(": the adjusted model could not be fitted", fp);
				if (!has_digit(adj->error)) {
					fputs(" (", fp);
					html_text(fp, adj->error);
					fputs(")", fp);
				}
				fputs("; no table.</li>\n", fp);
			} else {
				fputs(": no table: too few persons or events to "
				      "publish under the disclosure rule.</li>\n", fp);
			}
			n++;
		}
	}
	return n;
}

/* One warning line per model table row with a "not estimable" mark that
 * is published (a suppressed one says nothing). */
static int put_mark_warnings(struct report *r, FILE *fp)
{
	int i, row, c, n = 0;

	for (i = 0; i < r->n_tables; i++) {
		const struct ko_table *t = r->tables[i];
		const char *heading = NULL;

		for (row = 0; t->model && row < t->nrow; row++) {
			const char *what = NULL, *groups[8];
			int ng = 0, k;

			if (t->rows[row].level == 0)
				heading = t->rows[row].label;
			if (t->rows[row].level == 0 && row + 1 < t->nrow &&
			    t->rows[row + 1].level > 0)
				continue; /* a term's joint test: its levels say why */
			for (c = 0; c < t->ncol; c++) {
				const struct ko_cell *cell = ko_table_cell_c(t, row, c);
				const char *grp = t->cols[c].group;

				if (cell->kind != KO_CELL_TEXT || cell->supp)
					continue;
				if (!strcmp(cell->text, KO_REPORT_MARK_SEPARATED))
					what = "separation (the odds ratio runs off to 0 "
					       "or infinity)";
				else if (!strcmp(cell->text, KO_REPORT_MARK_ALIASED) &&
					 !what)
					what = "aliased (linearly dependent on other "
					       "terms)";
				else
					continue;
				for (k = 0; k < ng && strcmp(groups[k] ? groups[k] : "",
							     grp ? grp : ""); k++)
					;
				if (k == ng && ng < 8)
					groups[ng++] = grp;
			}
			if (!what)
				continue;
			fputs("<li>", fp);
			html_text(fp, t->title);
			fputs(": ", fp);
			if (t->rows[row].level > 0 && heading) {
				html_text(fp, heading);
				fputs(" ", fp);
			}
			html_text(fp, t->rows[row].label);
			fputs(" (", fp);
			for (k = 0; k < ng; k++) {
				fputs(k ? ", " : "", fp);
				html_text(fp, groups[k] ? groups[k] : "");
			}
			fputs("): not estimable, ", fp);
			html_text(fp, what);
			fputs(t->rows[row].level > 0 ? "; shown as a dash, as is its "
			      "term's joint test.</li>\n" : "; shown as a dash.</li>\n",
			      fp);
			n++;
		}
	}
	return n;
}

/* The warnings section (model strata without a table, coefficients the
 * fits could not estimate) as a new string in *out; NULL when there are
 * none (or out of memory: the page is written without it). */
static void warnings_html(struct report *r, char **out)
{
	size_t len = 0;
	FILE *fp = open_memstream(out, &len);
	int n;

	*out = NULL;
	if (!fp)
		return;
	fputs("<section id=\"warnings\">\n<h2>", fp);
	html_text(fp, tx(r, KO_MSG_HTML_WARNINGS));
	fputs("</h2>\n<ul>\n", fp);
	n = put_stratum_warnings(r, fp);
	n += put_mark_warnings(r, fp);
	fputs("</ul>\n</section>\n", fp);
	if (fclose(fp) || !n) {
		free(*out);
		*out = NULL;
	}
}

/* One entry of report.html's contents list. */
static void nav_item(FILE *fp, const char *anchor, const char *text)
{
	fprintf(fp, "<li><a href=\"#%s\">", anchor);
	html_text(fp, text);
	fputs("</a></li>\n", fp);
}

enum ko_status write_html(struct report *r, struct ko_err *err)
{
	const struct ko_config *cfg = r->cfg;
	const char *title = cfg->report.title ? cfg->report.title : cfg->name;
	struct ko_outfile o;
	char path[5000], *svg = NULL, *warnings = NULL;
	enum ko_status st;
	FILE *fp;

	out_path(r, path, sizeof(path), "figures/cohort_flow.svg");
	st = slurp(path, &svg, err);
	if (st)
		return st;
	out_path(r, path, sizeof(path), "report.html");
	st = ko_outfile_open(&o, path, 0, err);
	if (st) {
		free(svg);
		return st;
	}
	warnings_html(r, &warnings);
	fp = o.fp;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		"content=\"width=device-width, initial-scale=1\">\n<title>",
		ko_lang_code(r->lang));
	html_text(fp, title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>",
		report_css);
	html_text(fp, title);
	fputs("</h1>\n<p class=\"meta\">", fp);
	html_text(fp, tx(r, KO_MSG_HTML_STUDY));
	fputs(" <code>", fp);
	html_text(fp, cfg->name);
	fprintf(fp, "</code> · kohort %s · ", KO_VERSION);
	fprintf(fp, tx(r, KO_MSG_HTML_THRESHOLD), r->threshold);
	fputs("</p>\n<nav><ul>\n", fp);
	nav_item(fp, "flow", tx(r, KO_MSG_COHORT_FLOW));
	nav_item(fp, "table1", tx(r, KO_MSG_HTML_TABLE1));
	if (find_table(r, "table1_exposure"))
		nav_item(fp, "table1-exposure", tx(r, KO_MSG_HTML_T1_EXPOSURE));
	if (n_model_tables(r))
		nav_item(fp, "models", tx(r, KO_MSG_HTML_MODELS));
	if (find_table(r, "regional"))
		nav_item(fp, "regional", tx(r, KO_MSG_HTML_REGIONAL));
	if (find_table(r, "parent_linkage"))
		nav_item(fp, "linkage", tx(r, KO_MSG_PARENT_LINKAGE));
	if (warnings)
		nav_item(fp, "warnings", tx(r, KO_MSG_HTML_WARNINGS));
	nav_item(fp, "methods", tx(r, KO_MSG_HTML_METHODS));
	fputs("</ul></nav>\n<section id=\"flow\">\n<h2>", fp);
	html_text(fp, tx(r, KO_MSG_COHORT_FLOW));
	fputs("</h2>\n<figure id=\"figure-cohort-flow\">\n", fp);
	put_svg(fp, svg, "flow");
	fputs("\n<figcaption>", fp);
	html_text(fp, tx(r, KO_MSG_HTML_FLOW_CAPTION));
	fputs("</figcaption>\n</figure>\n", fp);
	st = put_table(r, fp, find_table(r, "cohort_flow"), err);
	if (!st && find_table(r, "follow_up"))
		st = put_table(r, fp, find_table(r, "follow_up"), err);
	fputs("</section>\n", fp);
	if (!st)
		st = put_section(r, fp, "table1", tx(r, KO_MSG_HTML_TABLE1),
				 "table1", err);
	if (!st)
		st = put_section(r, fp, "table1-exposure",
				 tx(r, KO_MSG_HTML_T1_EXPOSURE), "table1_exposure",
				 err);
	if (!st)
		st = put_models(r, fp, err);
	if (!st)
		st = put_section(r, fp, "regional", tx(r, KO_MSG_HTML_REGIONAL),
				 "regional", err);
	if (!st)
		st = put_section(r, fp, "linkage", tx(r, KO_MSG_PARENT_LINKAGE),
				 "parent_linkage", err);
	if (!st) {
		if (warnings)
			fputs(warnings, fp);
		put_methods(r, fp);
		fputs("</main>\n</body>\n</html>\n", fp);
		st = ko_outfile_commit(&o, err);
	} else {
		ko_outfile_abort(&o);
	}
	free(svg);
	free(warnings);
	return st;
}

