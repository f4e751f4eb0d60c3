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

/* A methods text (HTML: written as it is) in the report's language. */
static void mt(const struct report *r, FILE *fp, enum ko_msg id)
{
	fputs(tx(r, id), fp);
}

static const char *agg_text(const struct report *r,
			    const struct ko_cfg_variable *v)
{
	switch (v->agg) {
	case KO_AGG_VALUE: return tx(r, KO_MSG_M_AGG_VALUE);
	case KO_AGG_ANY: return tx(r, KO_MSG_M_AGG_ANY);
	case KO_AGG_COUNT: return tx(r, KO_MSG_M_AGG_COUNT);
	case KO_AGG_YEARS: return tx(r, KO_MSG_M_AGG_YEARS);
	case KO_AGG_FIRST: return tx(r, KO_MSG_M_AGG_FIRST);
	case KO_AGG_LAST: return tx(r, KO_MSG_M_AGG_LAST);
	case KO_AGG_SUM: return tx(r, KO_MSG_M_AGG_SUM);
	case KO_AGG_MIN: return tx(r, KO_MSG_M_AGG_MIN);
	case KO_AGG_MAX: return tx(r, KO_MSG_M_AGG_MAX);
	case KO_AGG_MONTHS: return tx(r, KO_MSG_M_AGG_MONTHS);
	case KO_AGG_YEARS_WITH: return tx(r, KO_MSG_M_AGG_YEARS_WITH);
	default: return "";
	}
}

static const char *relation_text(const struct report *r, enum ko_relation rel)
{
	switch (rel) {
	case KO_REL_MOTHER: return tx(r, KO_MSG_M_OF_MOTHER);
	case KO_REL_FATHER: return tx(r, KO_MSG_M_OF_FATHER);
	case KO_REL_PARENTS: return tx(r, KO_MSG_M_OF_PARENTS);
	default: return "";
	}
}

static void put_where(const struct report *r, FILE *fp,
		      const struct ko_cfg_extract *x, const struct ko_cfg_where *w)
{
	static const char *const ops[] = {
		"=", "≠", "<", "≤", ">", "≥",
	};
	size_t i;

	html_text(fp, x->cols[w->col].name);
	if ((size_t)w->op < sizeof(ops) / sizeof(ops[0]))
		fprintf(fp, " %s", ops[w->op]);
	else
		fprintf(fp, " %s", tx(r, w->op == KO_WH_MISSING ? KO_MSG_M_OP_MISSING
				     : w->op == KO_WH_PRESENT ? KO_MSG_M_OP_PRESENT
				     : w->op == KO_WH_IN ? KO_MSG_M_OP_IN
				     : KO_MSG_M_OP_NOT_IN));
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

static void put_window(const struct report *r, FILE *fp,
		       const struct ko_cfg_window *w)
{
	char a[16], b[16];

	switch (w->kind) {
	case KO_WIN_AGE:
		fprintf(fp, tx(r, KO_MSG_M_WIN_AGE), w->lo, w->hi);
		break;
	case KO_WIN_DAYS:
		fprintf(fp, tx(r, KO_MSG_M_WIN_DAYS), w->lo, w->hi);
		break;
	case KO_WIN_DATES:
		ko_date_format_iso(w->lo, a);
		ko_date_format_iso(w->hi, b);
		fprintf(fp, tx(r, KO_MSG_M_WIN_DATES), a, b);
		break;
	case KO_WIN_BEFORE:
	case KO_WIN_AFTER:
		mt(r, fp, w->kind == KO_WIN_BEFORE ? KO_MSG_M_WIN_BEFORE
		   : KO_MSG_M_WIN_AFTER);
		html_text(fp, var_label(r->cfg, w->var));
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
static void put_definition(const struct report *r, FILE *fp, size_t vi)
{
	const struct ko_config *cfg = r->cfg;
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
		mt(r, fp, KO_MSG_M_COMPUTED_AS);
		fputs("<code>", fp);
		html_text(fp, text);
		fputs("</code>", fp);
	} else {
		fprintf(fp, "%s ", agg_text(r, v));
		if (v->agg_col >= 0) {
			html_text(fp, x->cols[v->agg_col].name);
			mt(r, fp, KO_MSG_M_IN);
		}
		mt(r, fp, KO_MSG_M_EXTRACT);
		fputs("<code>", fp);
		html_text(fp, x->name);
		fputs("</code>", fp);
		fputs(relation_text(r, v->of), fp);
		if (v->codes.n) {
			mt(r, fp, KO_MSG_M_WITH_CODE);
			for (i = 0; i < v->codes.n; i++) {
				fputs(i ? ", " : "", fp);
				html_text(fp, v->codes.items[i].lo);
				if (v->codes.items[i].hi_len) {
					fputs("–", fp);
					html_text(fp, v->codes.items[i].hi);
				}
			}
			mt(r, fp, KO_MSG_M_IN_COLS);
			for (i = 0; i < v->n_code_cols; i++) {
				fputs(i ? ", " : "", fp);
				html_text(fp, x->cols[v->code_cols[i]].name);
			}
		}
		for (i = 0; i < v->n_where; i++) {
			mt(r, fp, i ? KO_MSG_M_AND : KO_MSG_M_WHERE);
			put_where(r, fp, x, &v->where[i]);
		}
		for (i = 0; i < v->n_windows; i++) {
			fputs(i ? tx(r, KO_MSG_M_AND) : ", ", fp);
			put_window(r, fp, &v->windows[i]);
		}
	}
	if (v->n_cats) {
		mt(r, fp, KO_MSG_M_GROUPED_AS);
		for (i = 0; i < v->n_cats; i++) {
			fputs(i ? ", " : "", fp);
			html_text(fp, v->cats[i].label);
		}
		if (v->reference) {
			mt(r, fp, KO_MSG_M_REFERENCE);
			html_text(fp, v->reference);
			fputs(")", fp);
		}
	}
	for (i = 0; i < v->n_value_labels; i++) {
		fputs(i ? ", " : tx(r, KO_MSG_M_SHOWN_AS), fp);
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
		mt(r, fp, KO_MSG_M_NO_TABLE_FOR);
		html_text(fp, fit->stratum);
		mt(r, fp, KO_MSG_M_NO_TABLE_WHY);
	}
}

static void put_var_list(const struct report *r, FILE *fp,
			 const size_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "" : i + 1 == n ? tx(r, KO_MSG_M_AND) : ", ", fp);
		html_text(fp, var_label(r->cfg, v[i]));
	}
}

/* The effect measures a model asks for besides odds ratios. */
static void put_effect_methods(const struct report *r, FILE *fp,
			       const struct ko_cfg_model *mc)
{
	if (mc->effects & KO_MODEL_EFFECT_RR)
		mt(r, fp, KO_MSG_M_EFFECT_RR);
	if (!(mc->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)) ||
	    mc->effect_exposure < 0)
		return;
	mt(r, fp, KO_MSG_M_STD_RISKS);
	html_text(fp, var_label(r->cfg, (size_t)mc->effect_exposure));
	mt(r, fp, KO_MSG_M_STD_BY);
	if (mc->effects & KO_MODEL_EFFECT_RD)
		mt(r, fp, KO_MSG_M_STD_RD);
	if (mc->effects & KO_MODEL_EFFECT_PAF)
		mt(r, fp, KO_MSG_M_STD_PAF);
	mt(r, fp, KO_MSG_M_STD_DELTA);
}

/* The model stage's method, standard error and interval labels (the
 * families' method texts, model.c's se_label and ci_label) in the
 * report's language: each is its English message's text; one the
 * language files do not know is shown as written. */
static const char *model_label(const struct report *r, const char *label)
{
	static const enum ko_msg ids[] = {
		KO_MSG_M_METHOD_LOGISTIC, KO_MSG_M_METHOD_FIRTH,
		KO_MSG_M_METHOD_POISSON, KO_MSG_M_METHOD_POISSON_RATE,
		KO_MSG_M_METHOD_COX, KO_MSG_M_SE_MODEL, KO_MSG_M_SE_ROBUST,
		KO_MSG_M_SE_CLUSTER_MOTHER, KO_MSG_M_SE_CLUSTER_FATHER,
		KO_MSG_M_CI_WALD, KO_MSG_M_CI_WALD_ROBUST, KO_MSG_M_CI_PROFILE,
		KO_MSG_M_CI_PROFILE_PEN,
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (!strcmp(label, ko_lang_text(KO_LANG_EN, ids[i])))
			return tx(r, ids[i]);
	return label;
}

/* The model specification of every [model NAME], from the config and the
 * model stage's labels for the SE and CI methods. */
static void put_model_methods(struct report *r, FILE *fp)
{
	const struct ko_model_results *res = r->s->models;
	const struct ko_config *cfg = r->cfg;
	size_t mi;

	if (!res || !res->n_models) {
		mt(r, fp, KO_MSG_M_NO_MODELS);
		return;
	}
	fputs("</p>\n<p>", fp);
	mt(r, fp, KO_MSG_M_MODELS);
	for (mi = 0; mi < res->n_models; mi++) {
		const struct ko_model_result *mr = &res->models[mi];
		const struct ko_cfg_model *mc = mr->cfg;

		mt(r, fp, KO_MSG_M_MODEL);
		fputs("<code>", fp);
		html_text(fp, mc->name);
		fputs("</code>: ", fp);
		html_text(fp, var_label(cfg, mc->outcome));
		mt(r, fp, KO_MSG_M_ON);
		put_var_list(r, fp, mc->exposures, mc->n_exposures);
		if (mc->n_covariates) {
			mt(r, fp, KO_MSG_M_ADJUSTED_FOR);
			put_var_list(r, fp, mc->covariates, mc->n_covariates);
		}
		if (mc->n_interactions)
			fprintf(fp, tx(r, mc->n_interactions == 1
				       ? KO_MSG_M_INTERACTION
				       : KO_MSG_M_INTERACTIONS),
				mc->n_interactions);
		if (mc->has_subgroup && mc->subgroup_text) {
			mt(r, fp, KO_MSG_M_AMONG);
			fputs("<code>", fp);
			html_text(fp, mc->subgroup_text);
			fputs("</code>", fp);
		}
		if (mc->strata >= 0) {
			mt(r, fp, KO_MSG_M_IN_STRATA);
			html_text(fp, var_label(cfg, (size_t)mc->strata));
		}
		mt(r, fp, mc->crude ? KO_MSG_M_CRUDE_AND_ADJUSTED
		   : KO_MSG_M_ADJUSTED_ONLY);
		fprintf(fp, "; %s", model_label(r, mr->family->method));
		ko_report_tte_methods(fp, cfg, mc, r->lang);
		mt(r, fp, KO_MSG_M_SE);
		html_text(fp, model_label(r, mr->se_label ? mr->se_label : "model"));
		fprintf(fp, tx(r, KO_MSG_M_CI), 100 * mc->level);
		html_text(fp, model_label(r, mr->ci_label ? mr->ci_label : "wald"));
		put_effect_methods(r, fp, mc);
		mt(r, fp, mc->crude && !mc->crude_complete
			  ? KO_MSG_M_AVAILABLE_CASES : KO_MSG_M_COMPLETE_CASES);
		put_unreported(r, fp, mr);
	}
	mt(r, fp, KO_MSG_M_AUC);
}

/* A count as the report's tables write it: the language's digit grouping
 * ("9 680" in fi and sv), into buf. */
static const char *count_text(const struct report *r, double n, char *buf,
			      size_t size)
{
	struct ko_cell cell = { .kind = KO_CELL_COUNT, .v = { n, 0, 0 } };

	ko_table_cell_text(NULL, &cell, &r->fmt, buf, size);
	return buf;
}

static void put_methods(struct report *r, FILE *fp)
{
	const struct ko_config *cfg = r->cfg;
	const struct ko_cfg_report *rep = &cfg->report;
	const struct ko_cfg_link *l = &cfg->link;
	size_t i;
	int shown[KO_CFG_MAX_LIST * 2 + 2] = { 0 }, nshown = 0, j;
	char num[64];

	fputs("<section id=\"methods\">\n<h2>", fp);
	html_text(fp, tx(r, KO_MSG_HTML_METHODS));
	fputs("</h2>\n<p>", fp);
	mt(r, fp, KO_MSG_M_DRAWN_FROM);
	fputs("<code>", fp);
	html_text(fp, cfg->extracts[cfg->base].name);
	fputs("</code>. ", fp);
	if (cfg->n_rules) {
		mt(r, fp, KO_MSG_M_RULES);
		for (i = 0; i < cfg->n_rules; i++) {
			fprintf(fp, "%s%s ", i ? "; " : "",
				tx(r, cfg->rules[i].exclude ? KO_MSG_M_EXCLUDED
				   : KO_MSG_M_INCLUDED));
			html_text(fp, cfg->rules[i].label);
		}
		fputs(". ", fp);
	}
	fprintf(fp, tx(r, KO_MSG_M_FINAL_COHORT),
		count_text(r, (double)r->n, num, sizeof(num)));
	ko_report_followup_methods(fp, cfg, r->lang);
	if (l->present) {
		mt(r, fp, KO_MSG_M_LINKED);
		fputs("<code>", fp);
		html_text(fp, cfg->extracts[l->population].name);
		fputs("</code>", fp);
		fprintf(fp, tx(r, KO_MSG_M_LINK_DROPPED), l->min_age, l->max_age,
			l->mother_death_days, l->father_death_days);
	}
	fputs("</p>\n<p>", fp);
	mt(r, fp, KO_MSG_M_VARIABLES);
	fputs("</p>\n<ul>\n", fp);
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
			put_definition(r, fp, (size_t)shown[j]);
	}
	fputs("</ul>\n<p>", fp);
	mt(r, fp, rep->t1_pct_all ? KO_MSG_M_TABLE1 : KO_MSG_M_TABLE1_KNOWN);
	mt(r, fp, KO_MSG_M_TABLE1_TESTS);
	put_model_methods(r, fp);
	fprintf(fp, tx(r, KO_MSG_M_PRODUCED_BY), KO_VERSION);
	fputs("<code>", fp);
	html_text(fp, cfg->name);
	fputs("</code>", fp);
	mt(r, fp, KO_MSG_M_MANIFEST);
	fputs("</p>\n<p>", fp);
	fprintf(fp, tx(r, KO_MSG_M_DISCLOSURE),
		r->threshold - 1, r->threshold, r->threshold, r->threshold - 1,
		count_text(r, (double)r->log.n, num, sizeof(num)));
	fputs("</p>\n<p>", fp);
	fprintf(fp, tx(r, KO_MSG_M_AUDIT), r->threshold, r->threshold - 1,
		r->threshold, r->threshold);
	if (find_table(r, "follow_up"))
		mt(r, fp, KO_MSG_M_AUDIT_FOLLOWUP);
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
	KO_TABLE_CSS
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

/* The cumulative-incidence figure and its table at the chosen ages
 * ([report] cuminc_ages; the steps' table is left to tables/). */
static enum ko_status put_cuminc(struct report *r, FILE *fp, struct ko_err *err)
{
	const struct ko_table *t = find_table(r, "cuminc");
	char path[5000], *svg = NULL;
	enum ko_status st;

	if (!t)
		return KO_OK;
	out_path(r, path, sizeof(path), "figures/cuminc.svg");
	if ((st = slurp(path, &svg, err)))
		return st;
	fputs("<section id=\"cuminc\">\n<h2>", fp);
	html_text(fp, t->title);
	fputs("</h2>\n<figure id=\"figure-cuminc\">\n", fp);
	put_svg(fp, svg, "ci");
	fputs("\n</figure>\n", fp);
	free(svg);
	st = put_table(r, fp, t, err);
	fputs("</section>\n", fp);
	return st;
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
			fputs("<li>", fp);
			mt(r, fp, KO_MSG_W_MODEL);
			html_text(fp, mr->cfg->name);
			if (strcmp(mr->fits[f].stratum, "all")) {
				fputs(", ", fp);
				html_text(fp, mr->fits[f].stratum);
			}
			if (adj && adj->error) {
				mt(r, fp, KO_MSG_W_NOT_FITTED);
				if (!has_digit(adj->error)) {
					fputs(" (", fp);
					html_text(fp, adj->error);
					fputs(")", fp);
				}
				mt(r, fp, KO_MSG_W_NO_TABLE);
			} else {
				mt(r, fp, KO_MSG_W_TOO_FEW);
			}
			fputs("</li>\n", fp);
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
			const char *groups[8];
			enum ko_msg what = KO_MSG_COUNT; /* none yet */
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
					what = KO_MSG_W_SEPARATION;
				else if (!strcmp(cell->text, KO_REPORT_MARK_ALIASED) &&
					 what == KO_MSG_COUNT)
					what = KO_MSG_W_ALIASED;
				else
					continue;
				for (k = 0; k < ng && strcmp(groups[k] ? groups[k] : "",
							     grp ? grp : ""); k++)
					;
				if (k == ng && ng < 8)
					groups[ng++] = grp;
			}
			if (what == KO_MSG_COUNT)
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
			fputs(")", fp);
			mt(r, fp, KO_MSG_W_NOT_ESTIMABLE);
			mt(r, fp, what);
			mt(r, fp, t->rows[row].level > 0 ? KO_MSG_W_DASH_TERM
			   : KO_MSG_W_DASH);
			fputs("</li>\n", fp);
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
	if (find_table(r, "cuminc"))
		nav_item(fp, "cuminc", find_table(r, "cuminc")->title);
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
		st = put_cuminc(r, fp, err);
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

