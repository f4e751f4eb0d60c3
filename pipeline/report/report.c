/*
 * report.c - the report stage (report.h): builds each table from the
 * study in memory, protects it, writes it in every format, draws the
 * figures and assembles report.html.
 *
 * The order is fixed: every table is built and protected first (the flow
 * chain and Table 1's shared margins need care, see protect_flow and
 * table1_protect), then nothing but files is written, each atomically.
 */
#include "report.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "describe.h"
#include "disclosure.h"
#include "export_audit.h"
#include "escape.h"
#include "figure.h"
#include "model.h"
#include "outfile.h"
#include "value.h"
#include "version.h"

#define MAX_TABLES 32
#define MAX_LEVELS 64
#define MAX_TEXTS 64

/* A variable over the cohort's members as levels: code[m] is member m's
 * level or -1 (missing).  Labels are borrowed from the config, the derived
 * values' label dictionary or static strings. */
struct factor {
	int nlev;
	const char *labels[MAX_LEVELS]; /* the values: "1", "2-3", "No" */
	const char *shown[MAX_LEVELS];  /* as tables show them: the value
					   labels of the config, else labels */
	int *code;
};

enum shape { SHAPE_CAT, SHAPE_BINARY, SHAPE_NUM };

struct report {
	struct ko_study *s;
	const struct ko_config *cfg;
	struct ko_number_format fmt;
	int threshold;
	size_t *members; /* child indices of the cohort */
	size_t n;
	struct ko_table *tables[MAX_TABLES];
	int n_tables;
	struct ko_supp_log log;
	/* the cohort flow after protection, for the diagram */
	struct ko_flow_step *steps;
	int nstep;
	char *texts[MAX_TEXTS]; /* owned strings the steps point to */
	int n_texts;
	enum ko_lang lang;      /* [report] language: every fixed text */
};

/* A fixed text in the report's language (lang_*.c). */
static const char *tx(const struct report *r, enum ko_msg id)
{
	return ko_lang_text(r->lang, id);
}

static void level_text(double level, enum ko_lang lang, char *buf,
		       size_t size);

static const char *var_label(const struct ko_config *cfg, size_t v)
{
	return cfg->vars[v].label ? cfg->vars[v].label : cfg->vars[v].name;
}

static double value(const struct report *r, size_t v, size_t m)
{
	return r->s->derived->val[v][r->members[m]];
}

/* ---- variables as levels ------------------------------------------------ */

static enum shape shape_of(const struct report *r, size_t v)
{
	const struct ko_cfg_variable *var = &r->cfg->vars[v];
	size_t m;

	if (var->kind == KO_VK_LABEL)
		return SHAPE_CAT;
	if (var->kind == KO_VK_DATE)
		return SHAPE_NUM;
	if (var->agg == KO_AGG_ANY)
		return SHAPE_BINARY;
	for (m = 0; m < r->n; m++) {
		double x = value(r, v, m);

		if (!isnan(x) && x != 0 && x != 1)
			return SHAPE_NUM;
	}
	return SHAPE_BINARY;
}

static int cmp_label(const void *a, const void *b)
{
	return strcmp(**(const char *const *const *)a,
		      **(const char *const *const *)b);
}

static void factor_show(struct factor *f, const struct report *r, size_t v,
			int binary);
static void factor_release(struct factor *f);

/* Levels of a categorical or binary variable (binary: No, Yes).  Labels
 * met in the data are sorted (C locale); categories keep config order.
 * On an error f is left released (factor_release may follow: it frees
 * nothing twice). */
static enum ko_status factor_init(struct factor *f, const struct report *r,
				  size_t v, struct ko_err *err)
{
	const struct ko_cfg_variable *var = &r->cfg->vars[v];
	const struct ko_derived *d = r->s->derived;
	int *rank = NULL;
	size_t m, i, nd = 0;

	memset(f, 0, sizeof(*f));
	f->code = malloc((r->n + 1) * sizeof(*f->code));
	if (!f->code)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (shape_of(r, v) == SHAPE_BINARY) {
		f->nlev = 2;
		f->labels[0] = tx(r, KO_MSG_NO);
		f->labels[1] = tx(r, KO_MSG_YES);
		for (m = 0; m < r->n; m++) {
			double x = value(r, v, m);

			f->code[m] = isnan(x) ? -1 : (int)x;
		}
		factor_show(f, r, v, 1);
		return KO_OK;
	}
	if (shape_of(r, v) != SHAPE_CAT) {
		factor_release(f);
		return ko_err_set(err, KO_ERR_DATA, "variable '%s' is a number, "
				  "not categories: it cannot group a table",
				  var->name);
	}
	if (var->n_cats) {
		if (var->n_cats > MAX_LEVELS)
			goto too_many;
		f->nlev = (int)var->n_cats;
		for (i = 0; i < var->n_cats; i++)
			f->labels[i] = var->cats[i].label;
		for (m = 0; m < r->n; m++) {
			double x = value(r, v, m);

			f->code[m] = isnan(x) || x < 0 ? -1 : (int)x;
		}
		factor_show(f, r, v, 0);
		return KO_OK;
	}
	/* labels met in the data, sorted */
	nd = d->labels[v] ? ko_persons_count(d->labels[v]) : 0;
	if (nd > MAX_LEVELS)
		goto too_many;
	{
		const char *names[MAX_LEVELS];
		const char *const *order[MAX_LEVELS];

		rank = malloc((nd + 1) * sizeof(*rank));
		if (!rank) {
			factor_release(f);
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
		for (i = 0; i < nd; i++) {
			names[i] = ko_persons_id(d->labels[v], i, NULL);
			order[i] = &names[i];
		}
		qsort(order, nd, sizeof(*order), cmp_label);
		for (i = 0; i < nd; i++) {
			f->labels[i] = *order[i];
			rank[order[i] - names] = (int)i;
		}
	}
	f->nlev = (int)nd;
	for (m = 0; m < r->n; m++) {
		double x = value(r, v, m);

		f->code[m] = isnan(x) || x < 0 || (size_t)x >= nd ? -1 :
			     rank[(size_t)x];
	}
	free(rank);
	factor_show(f, r, v, 0);
	return KO_OK;
too_many:
	factor_release(f);
	return ko_err_set(err, KO_ERR_LIMIT, "variable '%s' has more than %d "
			  "levels: too many for a report table", var->name,
			  MAX_LEVELS);
}

/* Each level's shown label: the variable's value label for it (a 0/1
 * variable's levels are the values 0 and 1), else the level's label. */
static void factor_show(struct factor *f, const struct report *r, size_t v,
			int binary)
{
	int i;

	for (i = 0; i < f->nlev; i++) {
		const char *l = ko_config_value_label(r->cfg, v, binary ?
						      (i ? "1" : "0") :
						      f->labels[i]);

		f->shown[i] = l ? l : f->labels[i];
	}
}

static void factor_release(struct factor *f)
{
	free(f->code);
	f->code = NULL;
}

/* The level of a binary or categorical outcome/exposure that counts as
 * "yes": 1 for binary, else every level but the reference (or the first). */
static int is_positive(const struct report *r, size_t v,
		       const struct factor *f, int level)
{
	const struct ko_cfg_variable *var = &r->cfg->vars[v];

	if (level < 0)
		return 0;
	if (shape_of(r, v) == SHAPE_BINARY)
		return level == 1;
	if (var->reference)
		return strcmp(f->labels[level], var->reference) != 0;
	return level != 0;
}

static enum ko_status add_table(struct report *r, struct ko_table *t,
				struct ko_err *err)
{
	if (!t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (r->n_tables == MAX_TABLES) {
		ko_table_free(t);
		return ko_err_set(err, KO_ERR_LIMIT, "more than %d report tables",
				  MAX_TABLES);
	}
	r->tables[r->n_tables++] = t;
	return KO_OK;
}

static double pct(double part, double whole)
{
	return whole > 0 ? 100.0 * part / whole : NAN;
}

/* ---- Table 1 ------------------------------------------------------------- */

struct t1 {
	struct report *r;
	struct ko_table *t;
	struct factor by;     /* groups; by.nlev == 0: overall only */
	int ng;               /* group columns (with a "Missing" group) */
	int *group;           /* per member: group column 0..ng-1 */
	long gsize[MAX_LEVELS + 1];
	int col_all, col_g0, col_smd, col_p, row_n;
	int has_tests;
	unsigned char hidden[MAX_LEVELS + 1]; /* group columns hidden whole */
	int any_hidden;
	double *x, *work;
};

static const struct ko_table *find_table(const struct report *r,
					 const char *name);

/* Linked tables: Table 1 by exposure counts the same persons per level in
 * its Overall column as Table 1; a level Table 1 hides there is hidden
 * here too (keep, for ko_disclosure_protect_keep), or each table would
 * show the other's complement.  NULL when there is nothing to keep. */
static unsigned char *t1_links(const struct t1 *b, const struct ko_ctable *ct,
			       const int *rows, int nrow)
{
	const struct ko_table *t1 = find_table(b->r, "table1");
	unsigned char *keep;
	int i, c1 = -1, c, over = b->ng > 0 ? ct->ncol : 0;

	if (!t1 || t1 == b->t)
		return NULL;
	for (c = 0; c < t1->ncol; c++)
		if (!t1->cols[c].group &&
		    !strcmp(t1->cols[c].header, tx(b->r, KO_MSG_OVERALL)))
			c1 = c;
	keep = calloc((size_t)(ct->nrow + ct->col_totals) * (size_t)ct->stride, 1);
	if (!keep || c1 < 0)
		return keep;
	for (i = 0; i < nrow; i++) {
		const struct ko_table_row *tr = &b->t->rows[rows[i]];
		int r1;

		for (r1 = 0; r1 < t1->nrow; r1++)
			if (t1->rows[r1].term && tr->term &&
			    !strcmp(t1->rows[r1].term, tr->term) &&
			    !strcmp(t1->rows[r1].value ? t1->rows[r1].value : "",
				    tr->value ? tr->value : ""))
				break;
		if (r1 < t1->nrow &&
		    ko_table_cell_c(t1, r1, c1)->supp != KO_SUPP_NONE)
			keep[i * ct->stride + over] = 1;
	}
	return keep;
}

static long cell_count(const struct ko_table *t, int row, int col)
{
	return (long)ko_table_cell_c(t, row, col)->v[0];
}

/* Protect one variable's block of count rows.  Lines: each row across to
 * the Overall column, and, when total_row is set, each group column down to
 * the persons row.  The columns of hidden groups (t1_hide_groups) enter as
 * one merged column (the sum of their cells, which an attacker can get as
 * Overall minus the shown groups): it is protected like a cell, and its
 * marks are dropped since those columns are hidden whole.  The SMD and p of
 * the variable are suppressed when one of the first ntest rows (the counts
 * the tests use) has a suppressed cell. */
static enum ko_status t1_protect_block(struct t1 *b, const int *rows, int nrow,
				       int ntest, int total_row, int head_row,
				       const long *virt, int vk,
				       struct ko_err *err)
{
	int cols[MAX_LEVELS + 2], ncol = 0, merged = -1, c, g, i, any = 0;
	int nv = virt != NULL, nr = nrow + nv + (total_row >= 0);
	struct ko_ctable ct;
	enum ko_status st;

	if (!nrow)
		return KO_OK;
	for (g = 0; g < b->ng; g++)
		if (!b->hidden[g])
			cols[ncol++] = b->col_g0 + g;
	if (b->any_hidden)
		merged = ncol++;
	if (!b->ng)
		cols[ncol++] = b->col_all; /* overall only: one column */
	st = ko_ctable_init(&ct, nrow + nv, ncol, b->ng > 0, total_row >= 0, err);
	if (st)
		return st;
	for (i = 0; i < nr; i++) {
		int row = i < nrow ? rows[i] : total_row;
		int is_virt = nv && i == nrow;

		for (c = 0; c < ncol; c++) {
			long n = 0;

			if (is_virt && !b->ng)
				n = virt[0];
			else if (is_virt && c != merged)
				n = virt[(cols[c] - b->col_g0) * vk];
			else if (c != merged)
				n = cell_count(b->t, row, cols[c]);
			else
				for (g = 0; g < b->ng; g++)
					if (b->hidden[g])
						n += is_virt ? virt[g * vk] :
						     cell_count(b->t, row, b->col_g0 + g);
			*ko_ctable_n(&ct, i, c) = n;
		}
		if (b->ng)
			*ko_ctable_n(&ct, i, ncol) = is_virt ? virt[b->ng * vk] :
						     cell_count(b->t, row, b->col_all);
	}
	{
		unsigned char *keep = t1_links(b, &ct, rows, nrow);

		st = ko_disclosure_protect_keep(&ct, b->r->threshold, keep, err);
		free(keep);
	}
	for (i = 0; !st && i < nr; i++) {
		int row = i < nrow ? rows[i] : total_row;

		if (nv && i == nrow)
			continue; /* the virtual row is never shown */
		for (c = 0; c < ncol + (b->ng > 0); c++) {
			enum ko_supp_rule rule = ko_ctable_supp(&ct, i, c);
			int col = c == ncol ? b->col_all : c == merged ? -1 : cols[c];

			if (rule && col >= 0)
				ko_table_suppress(b->t, row, col, rule);
		}
	}
	ko_ctable_release(&ct);
	if (st)
		return st;
	b->t->threshold = b->r->threshold;
	for (i = 0; i < ntest; i++)
		for (c = 0; c < b->t->ncol; c++)
			any |= ko_table_cell(b->t, rows[i], c)->supp != KO_SUPP_NONE;
	if (any && b->has_tests) {
		ko_table_suppress(b->t, head_row, b->col_smd, KO_SUPP_DERIVED);
		ko_table_suppress(b->t, head_row, b->col_p, KO_SUPP_DERIVED);
	}
	return KO_OK;
}

/* The group sizes are a line of their own (they sum to the cohort).  A
 * group whose size must be hidden is hidden whole, with the further
 * group(s) that protection picks, so that every row's hidden cells are at
 * least two and none follows from Overall minus the others. */
static enum ko_status t1_hide_groups(struct t1 *b, struct ko_err *err)
{
	struct ko_ctable ct;
	enum ko_status st;
	int g;

	b->any_hidden = 0;
	memset(b->hidden, 0, sizeof(b->hidden));
	if (!b->ng)
		return KO_OK;
	st = ko_ctable_init(&ct, 1, b->ng, 1, 0, err);
	if (st)
		return st;
	for (g = 0; g < b->ng; g++)
		*ko_ctable_n(&ct, 0, g) = b->gsize[g];
	*ko_ctable_n(&ct, 0, b->ng) = (long)b->r->n;
	st = ko_disclosure_protect(&ct, b->r->threshold, err);
	for (g = 0; !st && g < b->ng; g++)
		if (ko_ctable_supp(&ct, 0, g)) {
			b->hidden[g] = (unsigned char)ko_ctable_supp(&ct, 0, g);
			b->any_hidden = 1;
		}
	if (!st && ko_ctable_supp(&ct, 0, b->ng))
		st = ko_err_set(err, KO_ERR_DATA, "Table 1: the cohort size would "
				"have to be suppressed");
	ko_ctable_release(&ct);
	return st;
}

/* Every cell of a hidden group's column; and the tests, when a real group
 * is hidden. */
static void t1_suppress_hidden(struct t1 *b)
{
	int g, row;

	for (g = 0; g < b->ng; g++) {
		if (!b->hidden[g])
			continue;
		for (row = 0; row < b->t->nrow; row++) {
			struct ko_cell *cell = ko_table_cell(b->t, row, b->col_g0 + g);

			if (cell->kind == KO_CELL_EMPTY)
				continue;
			if (row == b->row_n)
				cell->supp = (enum ko_supp_rule)b->hidden[g];
			else if (!cell->supp)
				cell->supp = KO_SUPP_DERIVED;
		}
		if (g < b->by.nlev && b->has_tests)
			for (row = 0; row < b->t->nrow; row++) {
				struct ko_cell *smd = ko_table_cell(b->t, row, b->col_smd);
				struct ko_cell *p = ko_table_cell(b->t, row, b->col_p);

				if (smd->kind != KO_CELL_EMPTY && !smd->supp)
					smd->supp = KO_SUPP_DERIVED;
				if (p->kind != KO_CELL_EMPTY && !p->supp)
					p->supp = KO_SUPP_DERIVED;
			}
	}
	b->t->threshold = b->r->threshold;
}

static void t1_set_test(struct t1 *b, int row, double smd, double p)
{
	if (!b->has_tests)
		return;
	ko_table_set_number(b->t, row, b->col_smd, smd);
	ko_table_set_p(b->t, row, b->col_p, p);
}

/* Counts per group column and level (level nlev = missing). */
static void t1_count(const struct t1 *b, const struct factor *f, long *counts)
{
	size_t m;
	int k = f->nlev + 1;

	memset(counts, 0, (size_t)((b->ng + 1) * k) * sizeof(*counts));
	for (m = 0; m < b->r->n; m++) {
		int lev = f->code[m] < 0 ? f->nlev : f->code[m];

		counts[(size_t)b->ng * (size_t)k + (size_t)lev]++; /* overall */
		if (b->ng)
			counts[(size_t)b->group[m] * (size_t)k + (size_t)lev]++;
	}
}

/* A row of counts with percentages of the column: cnt[col * k + lev]. */
static void t1_count_row(struct t1 *b, int row, const long *cnt, int k, int lev)
{
	int g;

	ko_table_set_count_pct(b->t, row, b->col_all,
			       (double)cnt[b->ng * k + lev],
			       pct((double)cnt[b->ng * k + lev], (double)b->r->n));
	for (g = 0; g < b->ng; g++)
		ko_table_set_count_pct(b->t, row, b->col_g0 + g,
				       (double)cnt[g * k + lev],
				       pct((double)cnt[g * k + lev],
					   (double)b->gsize[g]));
}

/* Groups for the tests: the real groups, not the "Missing" column. */
static int t1_test_groups(const struct t1 *b)
{
	return b->by.nlev;
}

static enum ko_status t1_categorical(struct t1 *b, size_t v, struct ko_err *err)
{
	struct factor f;
	long *cnt = NULL;
	int rows[MAX_LEVELS + 1], nrow = 0, head, k, lev, row;
	enum ko_status st;

	st = factor_init(&f, b->r, v, err);
	if (st)
		return st;
	k = f.nlev + 1;
	cnt = malloc((size_t)((b->ng + 1) * k) * sizeof(*cnt));
	if (!cnt) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	t1_count(b, &f, cnt);
	head = ko_table_add_row(b->t, var_label(b->r->cfg, v), 0,
				b->r->cfg->vars[v].name, NULL);
	if (head < 0)
		goto nomem;
	if (b->has_tests) {
		/* counts of the real groups without missing: [g * nlev + lev] */
		long *c2 = malloc((size_t)(t1_test_groups(b) * f.nlev + 1) * sizeof(*c2));
		int g;

		if (!c2)
			goto nomem;
		for (g = 0; g < t1_test_groups(b); g++)
			for (lev = 0; lev < f.nlev; lev++)
				c2[g * f.nlev + lev] = cnt[g * k + lev];
		t1_set_test(b, head,
			    ko_describe_smd_cat_groups(c2, (size_t)t1_test_groups(b),
						       (size_t)f.nlev),
			    ko_describe_chisq(c2, (size_t)t1_test_groups(b),
					      (size_t)f.nlev, NULL, NULL));
		free(c2);
	}
	for (lev = 0; lev < k; lev++) {
		if (lev == f.nlev && !cnt[b->ng * k + lev])
			break; /* no Missing row when nothing is missing */
		row = ko_table_add_row(b->t, lev < f.nlev ? f.shown[lev]
						      : tx(b->r, KO_MSG_MISSING),
				       1, b->r->cfg->vars[v].name,
				       lev < f.nlev ? f.labels[lev] : "missing");
		if (row < 0)
			goto nomem;
		t1_count_row(b, row, cnt, k, lev);
		rows[nrow++] = row;
	}
	st = t1_protect_block(b, rows, nrow, f.nlev < nrow ? f.nlev : nrow,
			      b->row_n, head, NULL, 0, err);
	goto out;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
out:
	free(cnt);
	factor_release(&f);
	return st;
}

/* Every shown column (Overall and the groups not hidden) has at least T
 * zeros (level 0 of cnt). */
static int t1_zeros_all_large(const struct t1 *b, const long *cnt, int k)
{
	int g;

	for (g = -1; g < b->ng; g++) {
		if (g >= 0 && b->hidden[g])
			continue;
		if (cnt[(g < 0 ? b->ng : g) * k] < b->r->threshold)
			return 0;
	}
	return 1;
}

static enum ko_status t1_binary(struct t1 *b, size_t v, struct ko_err *err)
{
	struct factor f;
	long cnt[(MAX_LEVELS + 2) * 3];
	int rows[2], nrow = 0, row, k = 3, g, lev;
	enum ko_status st;
	char label[300];

	st = factor_init(&f, b->r, v, err);
	if (st)
		return st;
	t1_count(b, &f, cnt);
	snprintf(label, sizeof(label), "%s", var_label(b->r->cfg, v));
	row = ko_table_add_row(b->t, label, 0, b->r->cfg->vars[v].name, "1");
	if (row < 0)
		goto nomem;
	t1_count_row(b, row, cnt, k, 1);
	rows[nrow++] = row;
	if (b->has_tests) {
		long c2[2 * (MAX_LEVELS + 1)];

		for (g = 0; g < t1_test_groups(b); g++)
			for (lev = 0; lev < 2; lev++)
				c2[g * 2 + lev] = cnt[g * k + lev];
		t1_set_test(b, row,
			    ko_describe_smd_cat_groups(c2, (size_t)t1_test_groups(b), 2),
			    ko_describe_chisq(c2, (size_t)t1_test_groups(b), 2,
					      NULL, NULL));
	}
	if (cnt[b->ng * k + 2]) {
		int mrow = ko_table_add_row(b->t, tx(b->r, KO_MSG_MISSING), 1,
					    b->r->cfg->vars[v].name, "missing");

		if (mrow < 0)
			goto nomem;
		t1_count_row(b, mrow, cnt, k, 2);
		rows[nrow++] = mrow;
	}
	/* ones, zeros (never shown) and missing sum to the persons row.  When
	 * every shown column has at least T zeros, the unknown zeros keep the
	 * ones and missing rows apart: each is a line of its own.  Otherwise
	 * (few or no zeros somewhere) the zeros join the block as a row that
	 * is protected but never shown. */
	if (t1_zeros_all_large(b, cnt, k)) {
		st = t1_protect_block(b, rows, 1, 1, -1, row, NULL, 0, err);
		if (!st && nrow == 2)
			st = t1_protect_block(b, rows + 1, 1, 1, -1, row, NULL, 0,
					      err);
	} else {
		st = t1_protect_block(b, rows, nrow, nrow, b->row_n, row, cnt, k,
				      err);
	}
	factor_release(&f);
	return st;
nomem:
	factor_release(&f);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* Mean (SD), median (IQR) and missing of a number, per column. */
static enum ko_status t1_number(struct t1 *b, size_t v, struct ko_err *err)
{
	struct ko_num_summary sum[MAX_LEVELS + 2];
	long miss[MAX_LEVELS + 2] = { 0 };
	int head, rmean, rmed, rmiss = -1, c, g;
	size_t m, cnt;
	const char *name = b->r->cfg->vars[v].name;

	for (c = -1; c < b->ng; c++) {
		cnt = 0;
		for (m = 0; m < b->r->n; m++)
			if (c < 0 || b->group[m] == c)
				b->x[cnt++] = value(b->r, v, m);
		ko_describe_num(b->x, cnt, b->work, &sum[c + 1]);
		miss[c + 1] = sum[c + 1].missing;
	}
	head = ko_table_add_row(b->t, var_label(b->r->cfg, v), 0, name, NULL);
	rmean = ko_table_add_row(b->t, tx(b->r, KO_MSG_MEAN_SD), 1, name,
				 "mean_sd");
	rmed = ko_table_add_row(b->t, tx(b->r, KO_MSG_MEDIAN_IQR), 1, name,
				"median_iqr");
	if (head < 0 || rmean < 0 || rmed < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (miss[0]) {
		rmiss = ko_table_add_row(b->t, tx(b->r, KO_MSG_MISSING), 1,
					 name, "missing");
		if (rmiss < 0)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (c = -1; c < b->ng; c++) {
		int col = c < 0 ? b->col_all : b->col_g0 + c;
		const struct ko_num_summary *q = &sum[c + 1];

		ko_table_set_mean_sd(b->t, rmean, col, q->mean, q->sd);
		ko_table_set_median_iqr(b->t, rmed, col, q->median, q->q1, q->q3);
		if (rmiss >= 0)
			ko_table_set_count_pct(b->t, rmiss, col, (double)miss[c + 1],
					       pct((double)miss[c + 1],
						   (double)(c < 0 ? (long)b->r->n :
							    b->gsize[c])));
		/* a mean or median of fewer than T persons is not shown */
		if (q->n < b->r->threshold) {
			ko_table_suppress(b->t, rmean, col, KO_SUPP_DERIVED);
			ko_table_suppress(b->t, rmed, col, KO_SUPP_DERIVED);
		}
	}
	if (b->has_tests) {
		g = t1_test_groups(b);
		t1_set_test(b, head, ko_describe_smd_num_groups(sum + 1, (size_t)g),
			    ko_describe_welch(sum + 1, (size_t)g, NULL, NULL, NULL));
	}
	if (rmiss >= 0)
		return t1_protect_block(b, &rmiss, 1, 0, -1, head, NULL, 0, err);
	return KO_OK;
}

/* Columns, the persons row and each variable's rows. */
static enum ko_status t1_fill(struct t1 *b, long by, const char *name,
			      const char *title, int with_groups,
			      struct ko_err *err)
{
	struct report *r = b->r;
	enum ko_status st = KO_OK;
	size_t i, m;
	int g;
	char foot[600];

	b->t = ko_table_new(name, title);
	if (!b->t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	ko_table_set_stub_header(b->t, tx(r, KO_MSG_CHARACTERISTIC));
	b->ng = 0;
	memset(b->gsize, 0, sizeof(b->gsize));
	if (with_groups) {
		long missing = 0;

		for (m = 0; m < r->n; m++) {
			b->group[m] = b->by.code[m] < 0 ? b->by.nlev : b->by.code[m];
			missing += b->by.code[m] < 0;
			b->gsize[b->group[m]]++;
		}
		b->ng = b->by.nlev + (missing > 0);
	}
	b->has_tests = b->ng > 0 && b->by.nlev >= 2;
	if (t1_hide_groups(b, err))
		return err->status;
	b->col_all = ko_table_add_col(b->t, tx(r, KO_MSG_OVERALL), NULL,
				      KO_COL_N);
	b->col_g0 = b->t->ncol;
	for (g = 0; g < b->ng; g++)
		if (ko_table_add_col(b->t, g < b->by.nlev ? b->by.shown[g]
						       : tx(r, KO_MSG_MISSING),
				     var_label(r->cfg, (size_t)by), KO_COL_OTHER) < 0)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (b->has_tests) {
		b->col_smd = ko_table_add_col(b->t, "SMD", NULL, KO_COL_OTHER);
		b->col_p = ko_table_add_col(b->t, "p", NULL, KO_COL_OTHER);
	}
	b->row_n = ko_table_add_row(b->t, tx(r, KO_MSG_PERSONS_N), 0,
				    "persons", NULL);
	if (b->col_all < 0 || b->row_n < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	ko_table_set_count(b->t, b->row_n, b->col_all, (double)r->n);
	for (g = 0; g < b->ng; g++)
		ko_table_set_count(b->t, b->row_n, b->col_g0 + g, (double)b->gsize[g]);
	for (i = 0; !st && i < r->cfg->report.n_table1; i++) {
		size_t v = r->cfg->report.table1[i];

		if ((long)v == by)
			continue;
		switch (shape_of(r, v)) {
		case SHAPE_CAT: st = t1_categorical(b, v, err); break;
		case SHAPE_BINARY: st = t1_binary(b, v, err); break;
		case SHAPE_NUM: st = t1_number(b, v, err); break;
		}
	}
	if (st)
		return st;
	t1_suppress_hidden(b);
	snprintf(foot, sizeof(foot), "%s%s", tx(r, KO_MSG_T1_FOOTNOTE),
		 b->has_tests ? tx(r, KO_MSG_T1_FOOT_TESTS) : "");
	if (!with_groups && by >= 0) {
		size_t len = strlen(foot);

		snprintf(foot + len, sizeof(foot) - len,
			 tx(r, KO_MSG_T1_FOOT_HIDDEN),
			 var_label(r->cfg, (size_t)by));
	}
	return ko_table_set_footnote(b->t, foot);
}

/* A visible group size (shared by every block) that protecting some block
 * suppressed after all. */
static int t1_margin_suppressed(const struct t1 *b)
{
	int g;

	if (ko_table_cell_c(b->t, b->row_n, b->col_all)->supp)
		return 1;
	for (g = 0; g < b->ng; g++)
		if (!b->hidden[g] &&
		    ko_table_cell_c(b->t, b->row_n, b->col_g0 + g)->supp)
			return 1;
	return 0;
}

/* Table 1 by variable by (-1: overall only).  Blocks share the group sizes:
 * when protecting any block would hide one, the table is remade without
 * the group columns (docs/outputs.md). */
static enum ko_status build_table1(struct report *r, long by, const char *name,
				   struct ko_err *err)
{
	struct t1 b;
	enum ko_status st;
	char title[512];

	memset(&b, 0, sizeof(b));
	b.r = r;
	b.group = calloc(r->n + 1, sizeof(*b.group));
	b.x = malloc((r->n + 1) * sizeof(*b.x));
	b.work = malloc((r->n + 1) * sizeof(*b.work));
	if (!b.group || !b.x || !b.work) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (by >= 0 && (st = factor_init(&b.by, r, (size_t)by, err)))
		goto out;
	if (by >= 0)
		snprintf(title, sizeof(title), tx(r, KO_MSG_T1_TITLE_BY),
			 var_label(r->cfg, (size_t)by));
	else
		snprintf(title, sizeof(title), "%s", tx(r, KO_MSG_T1_TITLE));
	st = t1_fill(&b, by, name, title, by >= 0, err);
	if (!st && by >= 0 && t1_margin_suppressed(&b)) {
		ko_table_free(b.t);
		b.t = NULL;
		st = t1_fill(&b, by, name, title, 0, err);
	}
	if (!st) {
		st = add_table(r, b.t, err);
		b.t = NULL;
	}
out:
	ko_table_free(b.t);
	factor_release(&b.by);
	free(b.group);
	free(b.x);
	free(b.work);
	return st;
}

/* ---- cohort flow ---------------------------------------------------------- */

/* Protect the flow's chain: remaining[i-1] - remaining[i] = excluded[i],
 * and the final count is published (Table 1).  A small exclusion is merged
 * with its neighbours (the remaining counts between them hidden) until the
 * merged group is safe (group_safe).  joined[k]: steps k and k+1 are
 * merged (remaining[k] hidden). */

/* A group of hidden exclusions a..b, whose sum D is known (the remaining
 * counts around it are published), with P small ("<T", each in [1, T-1])
 * and S other nonzero ones (each at least T, to an attacker who knows the
 * rule): D must be at least T (else the merged count is small), and each
 * small member's bounds must span all of 1..T-1 (the protection rule,
 * docs/outputs.md): with S > 0 that needs D >= S*T + P + T - 2; with
 * S == 0 it needs P >= 2 and P + T - 2 <= D <= (P-1)*(T-1) + 1. */
static int group_safe(const struct ko_flow *flow, int a, int b, int T)
{
	long D = flow->rows[a - 1].n_remaining - flow->rows[b].n_remaining;
	long P = 0, S = 0;
	int i;

	for (i = a; i <= b; i++) {
		long ex = flow->rows[i].n_excluded;

		P += ex > 0 && ex < T;
		S += ex >= T;
	}
	if (D < T)
		return 0;
	if (S > 0)
		return D >= S * T + P + T - 2;
	return P >= 2 && D >= P + T - 2 && D <= (P - 1) * (T - 1) + 1;
}

enum ko_status ko_report_protect_flow(const struct ko_flow *flow, int T,
				      enum ko_supp_rule *srem,
				      enum ko_supp_rule *sex, struct ko_err *err)
{
	int n = (int)flow->n, i, k, c, small, changed = 1;
	unsigned char *joined = calloc((size_t)n + 1, 1);

	if (!joined)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		long ex = flow->rows[i].n_excluded, rem = flow->rows[i].n_remaining;

		srem[i] = rem > 0 && rem < T ? KO_SUPP_PRIMARY : KO_SUPP_NONE;
		sex[i] = i > 0 && ex > 0 && ex < T ? KO_SUPP_PRIMARY : KO_SUPP_NONE;
	}
	if (n && flow->rows[n - 1].n_remaining != flow->n_members) {
		free(joined); /* the other tables' cohort minus the flow's: a step */
		return ko_err_set(err, KO_ERR_USAGE, "cohort flow ends at %ld "
				  "persons, the cohort has %ld: a step is missing",
				  flow->rows[n - 1].n_remaining, flow->n_members);
	}
	if (n && srem[n - 1]) {
		free(joined);
		return ko_err_set(err, KO_ERR_DATA, "the cohort has fewer than %d "
				  "persons: nothing can be reported", T);
	}
	/* Base rows lost before the children (rejected, no id) head the
	 * flow; "children in extract" (row c) excludes nobody and the linkage
	 * table shows its count, so a small loss is hidden by hiding the
	 * extract's row count and what remains before the last small loss
	 * (after it, the count is row c's plus the shown losses) (issue #13). */
	for (c = 1; c < n && strncmp(flow->rows[c].step, "children in extract", 19); c++)
		;
	c = c < n ? c : 0;
	for (i = 1, small = 0; i < c; i++)
		if (sex[i] == KO_SUPP_PRIMARY)
			small = i; /* the last small loss */
	for (i = 0; i < small; i++)
		srem[i] = KO_SUPP_SECONDARY;
	while (changed) {
		changed = 0;
		for (i = c + 1; i < n; i++) {
			int a = i, b = i;

			if (sex[i] != KO_SUPP_PRIMARY)
				continue;
			while (a > c + 1 && joined[a - 1])
				a--;
			while (b < n - 1 && joined[b])
				b++;
			if (b > a && group_safe(flow, a, b, T))
				continue;
			if (b < n - 1) {
				joined[b] = 1;
			} else if (a > c + 1) {
				joined[a - 1] = 1;
			} else {
				free(joined);
				return ko_err_set(err, KO_ERR_DATA, "cohort flow: "
						  "'%s' excludes fewer than %d "
						  "persons and cannot be hidden "
						  "among the other steps; merge "
						  "rules", flow->rows[i].step, T);
			}
			changed = 1;
		}
	}
	for (k = 1; k < n - 1; k++) {
		if (!joined[k])
			continue;
		srem[k] = KO_SUPP_SECONDARY;
		if (!sex[k])
			sex[k] = KO_SUPP_SECONDARY;
		if (!sex[k + 1])
			sex[k + 1] = KO_SUPP_SECONDARY;
	}
	free(joined);
	return KO_OK;
}

/* The flow's first step, "children in extract birth", in the report's
 * language (the cohort stage names it in English: its id in the csv). */
static const char *flow_base_label(struct report *r)
{
	const char *name = r->cfg->extracts[r->cfg->base].name;
	size_t size = strlen(tx(r, KO_MSG_FLOW_BASE)) + strlen(name) + 1;
	char *text;

	if (r->lang == KO_LANG_EN || r->n_texts >= MAX_TEXTS ||
	    !(text = malloc(size)))
		return r->s->flow.rows[0].step;
	snprintf(text, size, tx(r, KO_MSG_FLOW_BASE), name);
	r->texts[r->n_texts++] = text;
	return text;
}

/* The diagram's texts for flow row i: an inclusion rule's box says what
 * was kept and its side box "Not ..."; an exclusion rule's box says
 * "Remaining" and its side box names the rule.  Texts live in r->texts. */
static void flow_box_labels(struct report *r, int i, const char **label,
			    const char **reason)
{
	const char *step = r->s->flow.rows[i].step;
	size_t k;

	*label = step;
	*reason = NULL;
	if (i == 0) {
		*label = flow_base_label(r);
		return;
	}
	*reason = step;
	for (k = 0; k < r->cfg->n_rules; k++) {
		if (strcmp(r->cfg->rules[k].label, step))
			continue;
		if (r->cfg->rules[k].exclude) {
			*label = tx(r, KO_MSG_REMAINING);
		} else {
			size_t size = strlen(step) +
				      strlen(tx(r, KO_MSG_NOT_RULE)) + 1;
			char *text = malloc(size);

			if (text && r->n_texts < MAX_TEXTS) {
				snprintf(text, size, tx(r, KO_MSG_NOT_RULE), step);
				r->texts[r->n_texts++] = text;
				*reason = text;
			} else {
				free(text);
			}
		}
		return;
	}
}

static enum ko_status build_flow(struct report *r, struct ko_err *err)
{
	const struct ko_flow *flow = &r->s->flow;
	enum ko_supp_rule *srem, *sex;
	struct ko_table *t = ko_table_new("cohort_flow",
					  tx(r, KO_MSG_COHORT_FLOW));
	enum ko_status st;
	int i, crem, cex, row;

	srem = calloc(flow->n + 1, sizeof(*srem));
	sex = calloc(flow->n + 1, sizeof(*sex));
	r->steps = calloc(flow->n + 1, sizeof(*r->steps));
	if (!t || !srem || !sex || !r->steps) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	st = ko_report_protect_flow(flow, r->threshold, srem, sex, err);
	if (st)
		goto out;
	ko_table_set_stub_header(t, tx(r, KO_MSG_STEP));
	crem = ko_table_add_col(t, tx(r, KO_MSG_REMAINING), NULL, KO_COL_N);
	cex = ko_table_add_col(t, tx(r, KO_MSG_EXCLUDED), NULL, KO_COL_OTHER);
	for (i = 0; i < (int)flow->n; i++) {
		const struct ko_flow_row *fr = &flow->rows[i];

		row = ko_table_add_row(t, i ? fr->step : flow_base_label(r), 0,
				       fr->step, NULL);
		if (row < 0 || crem < 0 || cex < 0) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			goto out;
		}
		ko_table_set_count(t, row, crem, (double)fr->n_remaining);
		if (srem[i])
			ko_table_suppress(t, row, crem, srem[i]);
		if (i > 0) {
			ko_table_set_count(t, row, cex, (double)fr->n_excluded);
			if (sex[i])
				ko_table_suppress(t, row, cex, sex[i]);
		}
		flow_box_labels(r, i, &r->steps[i].label, &r->steps[i].reason);
		r->steps[i].n_remaining = fr->n_remaining;
		r->steps[i].n_excluded = i > 0 ? fr->n_excluded : -1;
		r->steps[i].supp_remaining = srem[i];
		r->steps[i].supp_excluded = sex[i];
	}
	r->nstep = (int)flow->n;
	t->threshold = r->threshold;
	st = ko_table_set_footnote(t, tx(r, KO_MSG_FLOW_FOOTNOTE));
	if (!st) {
		st = add_table(r, t, err);
		t = NULL;
	}
out:
	ko_table_free(t);
	free(srem);
	free(sex);
	return st;
}

/* ---- parent linkage ------------------------------------------------------- */

static const char *link_outcome_text(const struct report *r,
				     enum ko_link_outcome o)
{
	switch (o) {
	case KO_LINK_OK: return tx(r, KO_MSG_LINK_OK);
	case KO_LINK_NO_ID: return tx(r, KO_MSG_LINK_NO_ID);
	case KO_LINK_NOT_IN_POPULATION:
		return tx(r, KO_MSG_LINK_NOT_IN_POPULATION);
	case KO_LINK_TOO_YOUNG: return tx(r, KO_MSG_LINK_TOO_YOUNG);
	case KO_LINK_TOO_OLD: return tx(r, KO_MSG_LINK_TOO_OLD);
	case KO_LINK_DEAD_BEFORE_BIRTH:
		return tx(r, KO_MSG_LINK_DEAD_BEFORE_BIRTH);
	default: return "?";
	}
}

static enum ko_status build_linkage(struct report *r, struct ko_err *err)
{
	const char *const parents[2] = { tx(r, KO_MSG_MOTHER),
					 tx(r, KO_MSG_FATHER) };
	const struct ko_links *l = r->s->links;
	struct ko_table *t = ko_table_new("parent_linkage",
					  tx(r, KO_MSG_PARENT_LINKAGE));
	long cohort[2][KO_LINK_OUTCOMES];
	int rows[KO_LINK_OUTCOMES], cols[2], k, oc, head;
	enum ko_status st = KO_OK;
	size_t m;

	if (!t)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	memset(cohort, 0, sizeof(cohort));
	for (m = 0; m < r->n; m++)
		for (k = 0; k < 2; k++)
			cohort[k][l->outcome[k][r->members[m]]]++;
	ko_table_set_stub_header(t, tx(r, KO_MSG_LINK));
	cols[0] = ko_table_add_col(t, tx(r, KO_MSG_CHILDREN_BASE), NULL,
				   KO_COL_N);
	cols[1] = ko_table_add_col(t, tx(r, KO_MSG_CHILDREN_COHORT), NULL,
				   KO_COL_N);
	for (k = 0; !st && k < 2; k++) {
		struct ko_count_block blk;
		long all = 0;

		if ((k == 0 ? r->cfg->link.mother_col : r->cfg->link.father_col) < 0)
			continue;
		head = ko_table_add_row(t, parents[k], 0, parents[k], "all");
		if (head < 0 || cols[0] < 0 || cols[1] < 0)
			goto nomem;
		for (oc = 0; oc < KO_LINK_OUTCOMES; oc++) {
			rows[oc] = ko_table_add_row(t, link_outcome_text(r, oc), 1,
						    parents[k],
						    ko_link_outcome_name(oc));
			if (rows[oc] < 0)
				goto nomem;
			ko_table_set_count(t, rows[oc], cols[0],
					   (double)l->counts[k][oc]);
			ko_table_set_count(t, rows[oc], cols[1],
					   (double)cohort[k][oc]);
			all += l->counts[k][oc];
		}
		ko_table_set_count(t, head, cols[0], (double)all);
		ko_table_set_count(t, head, cols[1], (double)r->n);
		blk.nrow = KO_LINK_OUTCOMES;
		blk.rows = rows;
		blk.ncol = 2;
		blk.cols = cols;
		blk.total_row = head;
		blk.total_col = -1;
		st = ko_disclosure_protect_table(t, &blk, r->threshold, err);
		/* the totals are the flow's first and last counts */
		if (!st && (ko_table_cell(t, head, cols[0])->supp ||
			    ko_table_cell(t, head, cols[1])->supp))
			st = ko_err_set(err, KO_ERR_DATA, "parent linkage: a total "
					"would have to be suppressed");
	}
	if (!st)
		st = ko_table_set_footnote(t, "A link that fails a rule is dropped; "
					   "the child keeps its other parent.");
	if (!st) {
		st = add_table(r, t, err);
		t = NULL;
	}
	ko_table_free(t);
	return st;
nomem:
	ko_table_free(t);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* ---- regional table ------------------------------------------------------- */

/* Column col's counts in rows[0..k) and the total row: where persons
 * (col_n) minus the count is 1..T-1 in a row whose both cells are shown,
 * hide col in every region row (and in the total row when its own
 * complement is small), as derived. */
static void hide_small_complements(struct ko_table *t, const int *rows, int k,
				   int total, int col_n, int col, int T)
{
	int i, hide = 0, hide_total = 0;

	if (col < 0)
		return;
	for (i = 0; i <= k; i++) {
		int row = i < k ? rows[i] : total;
		const struct ko_cell *n = ko_table_cell_c(t, row, col_n);
		const struct ko_cell *c = ko_table_cell_c(t, row, col);
		double rest = n->v[0] - c->v[0];

		if (n->supp || c->supp || !(rest > 0 && rest < T))
			continue;
		hide = 1;
		hide_total |= i == k;
	}
	if (!hide)
		return;
	for (i = 0; i <= k; i++) {
		struct ko_cell *c;

		if (i == k && !hide_total)
			break;
		c = ko_table_cell(t, i < k ? rows[i] : total, col);
		if (!c->supp)
			c->supp = KO_SUPP_DERIVED;
	}
}

static void regional_links(const struct report *r, struct ko_table *t,
			   const int *rows, int k, int total, int col_n,
			   int col_ev);

static enum ko_status build_regional(struct report *r, struct ko_err *err)
{
	const struct ko_cfg_report *rep = &r->cfg->report;
	struct factor by, ex, oc;
	struct ko_table *t = NULL;
	long *n = NULL, *nex = NULL, *nev = NULL;
	int *rows = NULL, cols[3], ncol = 0, nrow, g, c, col_n, col_ex = -1, col_ev = -1;
	enum ko_status st;
	char title[400];
	size_t m;

	memset(&ex, 0, sizeof(ex));
	memset(&oc, 0, sizeof(oc));
	st = factor_init(&by, r, (size_t)rep->by, err);
	if (st)
		return st;
	if (rep->exposure >= 0 && (st = factor_init(&ex, r, (size_t)rep->exposure, err)))
		goto out;
	if (rep->outcome >= 0 && (st = factor_init(&oc, r, (size_t)rep->outcome, err)))
		goto out;
	nrow = by.nlev + 1; /* last: missing */
	n = calloc((size_t)nrow + 1, sizeof(*n));
	nex = calloc((size_t)nrow + 1, sizeof(*nex));
	nev = calloc((size_t)nrow + 1, sizeof(*nev));
	rows = calloc((size_t)nrow + 1, sizeof(*rows));
	snprintf(title, sizeof(title), tx(r, KO_MSG_REGIONAL_TITLE),
		 var_label(r->cfg, (size_t)rep->by));
	t = ko_table_new("regional", title);
	if (!n || !nex || !nev || !rows || !t)
		goto nomem;
	for (m = 0; m < r->n; m++) {
		g = by.code[m] < 0 ? by.nlev : by.code[m];
		n[g]++;
		if (ex.code)
			nex[g] += is_positive(r, (size_t)rep->exposure, &ex, ex.code[m]);
		if (oc.code)
			nev[g] += is_positive(r, (size_t)rep->outcome, &oc, oc.code[m]);
	}
	ko_table_set_stub_header(t, var_label(r->cfg, (size_t)rep->by));
	col_n = cols[ncol++] = ko_table_add_col(t, tx(r, KO_MSG_PERSONS), NULL,
						  KO_COL_N);
	if (ex.code) {
		char h[300];

		snprintf(h, sizeof(h), "%s", var_label(r->cfg, (size_t)rep->exposure));
		col_ex = cols[ncol++] = ko_table_add_col(t, h, tx(r, KO_MSG_EXPOSED),
							KO_COL_OTHER);
	}
	if (oc.code) {
		char h[300];

		snprintf(h, sizeof(h), "%s", var_label(r->cfg, (size_t)rep->outcome));
		col_ev = cols[ncol++] = ko_table_add_col(t, h, tx(r, KO_MSG_EVENTS),
							KO_COL_EVENTS);
	}
	for (c = 0; c < ncol; c++)
		if (cols[c] < 0)
			goto nomem;
	{
		int k = 0, total;
		struct ko_count_block blk;
		long all_ex = 0, all_ev = 0;

		for (g = 0; g < nrow; g++) {
			if (g == by.nlev && !n[g])
				break;
			rows[k] = ko_table_add_row(t, g < by.nlev ? by.shown[g]
							       : tx(r, KO_MSG_MISSING),
						   1, r->cfg->vars[rep->by].name,
						   g < by.nlev ? by.labels[g] : "missing");
			if (rows[k] < 0)
				goto nomem;
			ko_table_set_count(t, rows[k], col_n, (double)n[g]);
			if (col_ex >= 0)
				ko_table_set_count_pct(t, rows[k], col_ex, (double)nex[g],
						       pct((double)nex[g], (double)n[g]));
			if (col_ev >= 0)
				ko_table_set_count_pct(t, rows[k], col_ev, (double)nev[g],
						       pct((double)nev[g], (double)n[g]));
			all_ex += nex[g];
			all_ev += nev[g];
			k++;
		}
		total = ko_table_add_row(t, tx(r, KO_MSG_ALL), 0, "all", NULL);
		if (total < 0)
			goto nomem;
		ko_table_set_count(t, total, col_n, (double)r->n);
		if (col_ex >= 0)
			ko_table_set_count_pct(t, total, col_ex, (double)all_ex,
					       pct((double)all_ex, (double)r->n));
		if (col_ev >= 0)
			ko_table_set_count_pct(t, total, col_ev, (double)all_ev,
					       pct((double)all_ev, (double)r->n));
		blk.nrow = k;
		blk.rows = rows;
		blk.ncol = ncol;
		blk.cols = cols;
		blk.total_row = total;
		blk.total_col = -1;
		/* linked tables: a region's persons and events are Table 1's
		 * too; what Table 1 hides stays hidden here, and the
		 * complements are chosen around it */
		regional_links(r, t, rows, k, total, col_n, col_ev);
		st = ko_disclosure_protect_table_keep(t, &blk, r->threshold, err);
		/* a percentage of a suppressed group size gives the size back */
		for (g = 0; !st && g < k; g++)
			if (ko_table_cell(t, rows[g], col_n)->supp)
				ko_table_suppress_row(t, rows[g]);
		/* persons minus exposed (or events) is shown by difference:
		 * when small somewhere, the column is hidden */
		if (!st)
			hide_small_complements(t, rows, k, total, col_n, col_ex,
					       r->threshold);
		if (!st)
			hide_small_complements(t, rows, k, total, col_n, col_ev,
					       r->threshold);
	}
	if (!st)
		st = ko_table_set_footnote(t, tx(r, KO_MSG_REGIONAL_FOOTNOTE));
	if (!st) {
		st = add_table(r, t, err);
		t = NULL;
	}
	goto out;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
out:
	ko_table_free(t);
	free(n);
	free(nex);
	free(nev);
	free(rows);
	factor_release(&by);
	factor_release(&ex);
	factor_release(&oc);
	return st;
}

/* ---- files ------------------------------------------------------------------ */

static const char *const figure_ext[] = { "svg", "pdf", "png" };

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

static int model_table_ok(const struct ko_config *cfg,
			  const struct ko_model_result *mr, size_t f, int T);

/* "model_NAME" or "model_NAME_STRATUM" with other characters as '_'. */
static void model_table_name(const char *model, const char *stratum,
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

#define NAME_MAX_LEN 160

/* Names of the tables the stage makes for this study, in report order;
 * model tables have a forest plot of the same name under figures/. */
static int table_names(const struct ko_study *s, char (*names)[NAME_MAX_LEN],
		       int max, int *first_model, int *n_model)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_model_results *res = s->models;
	size_t mi, f;
	int n = 0;

	snprintf(names[n++], NAME_MAX_LEN, "cohort_flow");
	snprintf(names[n++], NAME_MAX_LEN, "table1");
	if (cfg->report.exposure >= 0)
		snprintf(names[n++], NAME_MAX_LEN, "table1_exposure");
	*first_model = n;
	for (mi = 0; res && mi < res->n_models; mi++)
		for (f = 0; f < res->models[mi].n_fits && n < max - 2; f++)
			if (model_table_ok(cfg, &res->models[mi], f,
					   cfg->disclosure_threshold))
				model_table_name(res->models[mi].cfg->name,
						 res->models[mi].fits[f].stratum,
						 names[n++], NAME_MAX_LEN);
	*n_model = n - *first_model;
	if (cfg->report.by >= 0)
		snprintf(names[n++], NAME_MAX_LEN, "regional");
	if (cfg->link.present &&
	    (cfg->link.mother_col >= 0 || cfg->link.father_col >= 0))
		snprintf(names[n++], NAME_MAX_LEN, "parent_linkage");
	return n;
}

const char *ko_report_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size)
{
	char names[MAX_TABLES][NAME_MAX_LEN];
	unsigned formats = s->cfg->report.formats;
	int fm, nm, nt = table_names(s, names, MAX_TABLES, &fm, &nm), t;
	size_t f, k = 0;

	for (t = 0; t < nt; t++)
		for (f = 0; f < ko_table_n_outputs; f++)
			if ((formats & (1u << f)) && !ko_table_outputs[f].workbook &&
			    k++ == i) {
				snprintf(buf, size, "tables/%s.%s", names[t],
					 ko_table_outputs[f].name);
				return buf;
			}
	for (f = 0; f < ko_table_n_outputs; f++)
		if ((formats & (1u << f)) && ko_table_outputs[f].workbook &&
		    k++ == i)
			return snprintf(buf, size, "tables/tables.%s",
					ko_table_outputs[f].name), buf;
	if (k++ == i)
		return snprintf(buf, size, "tables/suppression.csv"), buf;
	for (f = 0; f < 3; f++)
		if (k++ == i)
			return snprintf(buf, size, "figures/cohort_flow.%s",
					figure_ext[f]), buf;
	for (t = fm; t < fm + nm; t++)
		for (f = 0; f < 3; f++)
			if (k++ == i)
				return snprintf(buf, size, "figures/%s.%s", names[t],
						figure_ext[f]), buf;
	if (k++ == i)
		return snprintf(buf, size, "report.html"), buf;
	return NULL;
}

static void out_path(const struct report *r, char *buf, size_t size,
		     const char *rel)
{
	snprintf(buf, size, "%s/%s", r->s->out_dir, rel);
}

/* The log names a row by its label; a level's label ("Missing", "1") is
 * ambiguous, so entries of level rows get "VARIABLE: label".  Entries
 * [first, n) are t's, in the row-major order ko_supp_log_add_table adds
 * them. */
static enum ko_status name_log_rows(struct ko_supp_log *log, int first,
				    const struct ko_table *t, struct ko_err *err)
{
	int row, c, e = first;

	for (row = 0; row < t->nrow; row++)
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, row, c);
			const struct ko_table_row *tr = &t->rows[row];
			size_t n;
			char *name;

			if (cell->supp == KO_SUPP_NONE || cell->kind == KO_CELL_EMPTY)
				continue;
			if (e >= log->n)
				return KO_OK;
			if (tr->level > 0 && tr->term && strcmp(tr->term, tr->label)) {
				n = strlen(tr->term) + strlen(tr->label) + 3;
				name = malloc(n);
				if (!name)
					return ko_err_set(err, KO_ERR_NOMEM,
							  "out of memory");
				snprintf(name, n, "%s: %s", tr->term, tr->label);
				free(log->entries[e].row);
				log->entries[e].row = name;
			}
			e++;
		}
	return KO_OK;
}

static enum ko_status write_tables(struct report *r, struct ko_err *err)
{
	unsigned formats = r->cfg->report.formats;
	char rel[600], path[5000];
	enum ko_status st = KO_OK;
	int t;
	size_t f;

	for (t = 0; t < r->n_tables; t++)
		ko_disclosure_round_derived(r->tables[t]);
	/* the registry's order: each table in every per-table format, then
	 * the workbooks (ko_report_output lists the files the same way) */
	for (t = 0; !st && t < r->n_tables; t++)
		for (f = 0; !st && f < ko_table_n_outputs; f++) {
			if (!(formats & (1u << f)) || ko_table_outputs[f].workbook)
				continue;
			snprintf(rel, sizeof(rel), "tables/%s.%s",
				 r->tables[t]->name, ko_table_outputs[f].name);
			out_path(r, path, sizeof(path), rel);
			st = ko_table_outputs[f].write(&r->tables[t], 1, &r->fmt,
						       path, err);
		}
	for (f = 0; !st && f < ko_table_n_outputs; f++) {
		if (!(formats & (1u << f)) || !ko_table_outputs[f].workbook)
			continue;
		snprintf(rel, sizeof(rel), "tables/tables.%s",
			 ko_table_outputs[f].name);
		out_path(r, path, sizeof(path), rel);
		st = ko_table_outputs[f].write(r->tables, r->n_tables, &r->fmt,
					       path, err);
	}
	for (t = 0; !st && t < r->n_tables; t++) {
		int first = r->log.n;

		st = ko_supp_log_add_table(&r->log, r->tables[t], err);
		if (!st)
			st = name_log_rows(&r->log, first, r->tables[t], err);
	}
	if (!st) {
		out_path(r, path, sizeof(path), "tables/suppression.csv");
		st = ko_supp_log_write(&r->log, path, err);
	}
	return st;
}

static enum ko_status write_figures(struct report *r, struct ko_err *err)
{
	static const enum ko_figure_format ff[] = { KO_FIG_SVG, KO_FIG_PDF, KO_FIG_PNG };
	struct ko_flow_diagram d;
	char rel[200], path[5000];
	enum ko_status st = KO_OK;
	size_t f;
	int t;

	d.title = NULL;
	d.steps = r->steps;
	d.nstep = r->nstep;
	d.threshold = r->threshold;
	for (f = 0; !st && f < 3; f++) {
		snprintf(rel, sizeof(rel), "figures/cohort_flow.%s", figure_ext[f]);
		out_path(r, path, sizeof(path), rel);
		st = ko_figure_flow(&d, &r->fmt, ff[f], path, err);
	}
	for (t = 0; !st && t < r->n_tables; t++) {
		if (!r->tables[t]->model)
			continue;
		snprintf(rel, sizeof(rel), "figures/%s", r->tables[t]->name);
		out_path(r, path, sizeof(path), rel);
		st = ko_report_forest(r->tables[t], &r->fmt, path, err);
	}
	return st;
}

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

static const struct ko_table *find_table(const struct report *r,
					 const char *name)
{
	int i;

	for (i = 0; i < r->n_tables; i++)
		if (!strcmp(r->tables[i]->name, name))
			return r->tables[i];
	return NULL;
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
		fprintf(fp, "; %s; standard errors: ", mc->firth ? "Firth's "
			"penalized likelihood (as logistf)" : "maximum likelihood");
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
	if (cfg->follow_up_age > 0)
		fprintf(fp, "Children were followed up to age %d. ",
			cfg->follow_up_age);
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
		"repeated until none did.</p>\n</section>\n",
		r->threshold, r->threshold - 1, r->threshold, r->threshold);
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
			 tx(r, KO_MSG_HTML_FOREST_CAPTION), level);
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

static enum ko_status write_html(struct report *r, struct ko_err *err)
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
			fit->auc_conf_high,
		};
		for (i = 0; i < fit->n_rows; i++) {
			const struct ko_model_row *row = &fit->rows[i];

			x->coefs[x->n_coefs++] = (struct ko_report_coef){
				stratum, version, fit->exposure, row->term,
				row->level, row->reference, row->estimate,
				row->std_error, row->p_value, row->odds_ratio,
				row->conf_low, row->conf_high,
				row->n < 0 ? NAN : (double)row->n,
				row->events < 0 ? NAN : (double)row->events,
				row->risk_ratio, row->rr_conf_low,
				row->rr_conf_high,
				row->aliased ? KO_REPORT_ALIASED
				: row->separated ? KO_REPORT_SEPARATED : KO_REPORT_OK,
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
static void regional_links(const struct report *r, struct ko_table *t,
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

static const struct ko_table *find_table(const struct report *r,
					 const char *name);

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

static double nest_outer(void *ctx, const char *term, const char *level,
			 int events)
{
	const struct nest *n = ctx;
	const struct ko_table *t1 = find_table(n->r, "table1");
	const struct ko_table *rg = find_table(n->r, "regional");

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

/* The table of a model's stratum (fit f is its first fit); KO_ERR_DATA
 * when it cannot be published (then *out is NULL).  nest: the nested-
 * population rule's context, NULL none. */
static enum ko_status make_model_table(const struct ko_config *cfg,
				       const struct ko_model_result *mr,
				       size_t f, int T, struct nest *nest,
				       struct ko_table **out,
				       struct ko_err *err)
{
	const char *stratum = mr->fits[f].stratum;
	struct ko_report_model m;
	struct model_rows x;
	char name[200], title[600];
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
static int model_table_ok(const struct ko_config *cfg,
			  const struct ko_model_result *mr, size_t f, int T)
{
	struct ko_table *t = NULL;
	struct ko_err err;
	int ok;

	if (!stratum_reported(mr, f, T))
		return 0;
	ko_err_clear(&err);
	ok = make_model_table(cfg, mr, f, T, NULL, &t, &err) == KO_OK;
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
static enum ko_status build_models(struct report *r, struct ko_err *err)
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
				st = make_model_table(r->cfg, mr, f, r->threshold,
						      &nest, &t, err);
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

/* ---- the stage --------------------------------------------------------------- */

static void report_release(struct report *r)
{
	int i;

	for (i = 0; i < r->n_tables; i++)
		ko_table_free(r->tables[i]);
	ko_supp_log_release(&r->log);
	for (i = 0; i < r->n_texts; i++)
		free(r->texts[i]);
	free(r->members);
	free(r->steps);
}

void ko_report_release_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

enum ko_status ko_report_run(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct report r;
	enum ko_status st = KO_OK;
	size_t c;

	memset(&r, 0, sizeof(r));
	r.s = s;
	r.cfg = cfg;
	r.threshold = cfg->disclosure_threshold;
	ko_format_init(&r.fmt);
	r.fmt.decimal_mark = cfg->report.decimal_mark;
	r.lang = (enum ko_lang)cfg->report.language;
	r.fmt.lang = r.lang;
	if (r.lang != KO_LANG_EN) {
		r.fmt.thousands_sep = "\xc2\xa0"; /* no-break space: "19 343" */
		r.fmt.p_below = "< ";              /* "< 0,001" */
	}
	ko_supp_log_init(&r.log);
	r.members = malloc((s->links->n_children + 1) * sizeof(*r.members));
	if (!r.members) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (c = 0; c < s->links->n_children; c++)
		if (s->flow.member[c])
			r.members[r.n++] = c;
	st = ko_study_check_report(s, err); /* as check does */
	if (!st)
		st = build_flow(&r, err);
	if (!st)
		st = build_table1(&r, cfg->report.outcome, "table1", err);
	if (!st && cfg->report.exposure >= 0)
		st = build_table1(&r, cfg->report.exposure, "table1_exposure", err);
	if (!st)
		st = build_models(&r, err);
	if (!st && cfg->report.by >= 0)
		st = build_regional(&r, err);
	if (!st && cfg->link.present &&
	    (cfg->link.mother_col >= 0 || cfg->link.father_col >= 0))
		st = build_linkage(&r, err);
	if (!st) /* the whole export, before anything is written */
		st = ko_export_audit(r.tables, r.n_tables, r.threshold, r.lang, NULL,
				     err);
	if (!st)
		st = write_tables(&r, err);
	if (!st)
		st = write_figures(&r, err);
	if (!st)
		st = write_html(&r, err);
out:
	report_release(&r);
	ko_report_release_caches();
	return st;
}

/* ---- model tables --------------------------------------------------------- */

struct mt {
	const struct ko_report_model *m;
	struct ko_table *t;
	int c_n, c_ev, c_cor, c_cp, c_aor, c_ap;
	int c_rr;      /* adjusted risk ratio, -1 when the model has none */
	int c_rd;      /* adjusted risk difference, -1 when none */
	int c_last;    /* the last estimate column (c_cor..c_last: estimates) */
	int row_model; /* persons in the model */
	int marks;     /* 1 << KO_REPORT_SEPARATED, ALIASED: marks shown */
	char ci[32];   /* "95% CI" */
};

/* "95", "97.5" ("97,5" in fi and sv): a confidence level (0: 0.95) in
 * percent, in the language's numbers. */
static void level_text(double level, enum ko_lang lang, char *buf,
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

static int is_version(const char *v, const char *want)
{
	return v && !strcmp(v, want);
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
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
	return isnan(c->odds_ratio) ? KO_REPORT_ALIASED : KO_REPORT_OK;
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
	ko_table_set_estimate(x->t, row, ce, c->odds_ratio, c->conf_low,
			      c->conf_high);
	ko_table_set_p(x->t, row, cp, c->p_value);
	return KO_OK;
}

static enum ko_status mt_row(struct mt *x, const struct ko_report_coef *a,
			     int level, int *row)
{
	*row = ko_table_add_row(x->t, level ? level_label(x->m, a->term, a->level)
					    : term_label(x->m, a->term),
				level, a->term, level ? a->level : NULL);
	if (*row < 0)
		return KO_ERR_NOMEM;
	if (!isnan(a->n))
		ko_table_set_count(x->t, *row, x->c_n, a->n);
	if (!isnan(a->events))
		ko_table_set_count_pct(x->t, *row, x->c_ev, a->events,
				       pct(a->events, a->n));
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
		} else if (!isnan(a->risk_ratio))
			ko_table_set_estimate(x->t, *row, x->c_rr, a->risk_ratio,
					      a->rr_low, a->rr_high);
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

/* Protect the n and events of rows[0..nrow) (summing to the model's when
 * sums), and hide the estimates of a level with a hidden count. */
static enum ko_status mt_protect(struct mt *x, const int *rows, int nrow,
				 int sums, int threshold, struct ko_err *err)
{
	int cols[2] = { x->c_n, x->c_ev }, i, c;
	struct ko_count_block blk;
	enum ko_status st;

	for (i = 0; i < nrow; i++) /* only rows with counts */
		if (ko_table_cell(x->t, rows[i], x->c_n)->kind == KO_CELL_EMPTY)
			return KO_OK;
	blk.nrow = nrow;
	blk.rows = rows;
	blk.ncol = 2;
	blk.cols = cols;
	blk.total_row = sums ? x->row_model : -1;
	blk.total_col = -1;
	/* cells mt_nested hid stay hidden */
	st = ko_disclosure_protect_table_keep(x->t, &blk, threshold, err);
	for (i = 0; !st && i < nrow; i++) {
		/* a small count hides the level's estimates; a large one hidden
		 * as a complement or for the nesting hides only the crude ones,
		 * which are functions of it (mt_crude_derived): an adjusted
		 * estimate does not give a count back */
		if (ko_table_cell(x->t, rows[i], x->c_n)->supp != KO_SUPP_PRIMARY &&
		    ko_table_cell(x->t, rows[i], x->c_ev)->supp != KO_SUPP_PRIMARY)
			continue;
		for (c = x->c_cor; c <= x->c_last; c++) {
			struct ko_cell *cell = ko_table_cell(x->t, rows[i], c);

			/* "1 (ref)" tells nothing about the level's persons */
			if (cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    !cell->supp)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
	return st;
}

/* Nested populations: a level's persons or events in the model's sample
 * beside the same count of the cohort that another table publishes (Table
 * 1): their difference is the number not in the model (a missing value, the
 * other strata, outside the subgroup).  Where it is 1..T-1 the model's
 * count is hidden (secondary: it is not small itself), and the block's
 * protection then finds complements around it; where the model asks for it
 * (the strata of a model summed, x->m->forced) too. */
static void mt_nested(struct mt *x, const int *rows, int nrow, int T)
{
	const struct ko_report_model *m = x->m;
	int i, k;

	if (!m->outer_count && !m->forced)
		return;
	for (i = 0; i < nrow; i++) {
		const struct ko_table_row *row = &x->t->rows[rows[i]];
		const char *level = row->value ? row->value : "1";

		for (k = 0; k < 2; k++) {
			struct ko_cell *cell = ko_table_cell(x->t, rows[i],
							     k ? x->c_ev : x->c_n);
			double outer = m->outer_count
					       ? m->outer_count(m->nest, row->term,
								level, k)
					       : NAN;
			double d = outer - cell->v[0];
			int hide = m->forced && m->forced(m->nest, row->term, level, k);

			if (cell->kind == KO_CELL_EMPTY || cell->supp)
				continue;
			if (isfinite(outer) && d > 0.5 && d < T - 0.5)
				hide = 1;
			/* hidden there: shown here it would bound it from below
			 * (and give it when no one is missing) */
			if (outer < 0)
				hide = 1;
			if (hide && cell->v[0] > 0)
				cell->supp = cell->v[0] < T ? KO_SUPP_PRIMARY
							    : KO_SUPP_SECONDARY;
		}
	}
}

/* The model's own persons (events) beside the published count of the
 * population it is drawn from (the cohort, a stratum's persons in Table
 * 1): when 1..T-1 are not in the model, the model's total is hidden, and in
 * every block of levels summing to it the largest level's count other than
 * the reference's too (a block shown whole would give the total back). */
static void mt_nested_total(struct mt *x, const int *rows, const int *bstart,
			    const int *blen, const int *bsums, int nb, int T)
{
	const struct ko_report_model *m = x->m;
	int k, b, i;

	if (!m->outer_count)
		return;
	for (k = 0; k < 2; k++) {
		int col = k ? x->c_ev : x->c_n;
		struct ko_cell *tot = ko_table_cell(x->t, x->row_model, col);
		double outer = m->outer_count(m->nest, "(model)", "", k);
		double d = outer - tot->v[0];

		if (!isfinite(outer) || !((d > 0.5 && d < T - 0.5) || outer < 0))
			continue;
		tot->supp = KO_SUPP_SECONDARY;
		for (b = 0; b < nb; b++) {
			int best = -1, hidden = 0;

			if (!bsums[b])
				continue;
			for (i = 0; i < blen[b]; i++) {
				struct ko_cell *c = ko_table_cell(x->t, rows[bstart[b] + i], col);

				if (c->kind == KO_CELL_EMPTY)
					continue;
				hidden |= c->supp != KO_SUPP_NONE || (c->v[0] > 0 && c->v[0] < T);
				/* not the reference: its estimates say "1 (ref)",
				 * but every crude OR of the term is relative to it */
				if (ko_table_cell(x->t, rows[bstart[b] + i], x->c_aor)->kind ==
				    KO_CELL_REF)
					continue;
				if (best < 0 || c->v[0] >
				    ko_table_cell(x->t, rows[bstart[b] + best], col)->v[0])
					best = i;
			}
			if (!hidden && best >= 0)
				ko_table_cell(x->t, rows[bstart[b] + best], col)->supp =
					KO_SUPP_SECONDARY;
		}
	}
}

/* n minus events (the level's persons without the outcome) is shown by
 * difference: where it is 1..T-1, the block's events are hidden and that
 * level's estimates too. */
static void mt_small_complements(struct mt *x, const int *rows, int nrow,
				 int T)
{
	int i, c, any = 0;

	for (i = 0; i < nrow; i++) {
		const struct ko_cell *n = ko_table_cell_c(x->t, rows[i], x->c_n);
		const struct ko_cell *e = ko_table_cell_c(x->t, rows[i], x->c_ev);
		double rest = n->v[0] - e->v[0];

		if (n->kind == KO_CELL_EMPTY || e->kind == KO_CELL_EMPTY ||
		    !(rest > 0 && rest < T))
			continue;
		any = 1;
		for (c = x->c_cor; c <= x->c_last; c++) {
			struct ko_cell *cell = ko_table_cell(x->t, rows[i], c);

			if (cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    !cell->supp)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
	for (i = 0; any && i < nrow; i++) {
		struct ko_cell *e = ko_table_cell(x->t, rows[i], x->c_ev);

		if (e->kind != KO_CELL_EMPTY && !e->supp)
			e->supp = KO_SUPP_DERIVED;
	}
}

/* The crude columns are functions of counts only: a crude OR, its CI and
 * p are the 2 x 2 table of the level and the reference level by the
 * outcome (a 0/1 term's row: the row and the rest of the model), the
 * term's joint p the whole 2 x k table.  They go out rounded as shown
 * (ko_table_round_cell), and a level's are hidden when a count of the
 * level or of its reference is (a shown level's crude OR and counts would
 * give a hidden reference's odds back), the joint p when any count of the
 * block is.  head: the term's row (-1 none).  Returns whether anything in
 * the block was hidden. */
static int mt_crude_derived(struct mt *x, const int *rows, int nrow, int head)
{
	int i, any = 0, ref = -1, ref_hidden;

	for (i = 0; i < nrow; i++) {
		int hid = ko_table_cell(x->t, rows[i], x->c_n)->supp ||
			  ko_table_cell(x->t, rows[i], x->c_ev)->supp;

		any |= hid;
		if (ko_table_cell(x->t, rows[i], x->c_aor)->kind == KO_CELL_REF ||
		    ko_table_cell(x->t, rows[i], x->c_cor)->kind == KO_CELL_REF)
			ref = rows[i];
	}
	/* no reference row: a 0/1 term against the rest of the model */
	ref_hidden = ref >= 0 ? ko_table_cell(x->t, ref, x->c_n)->supp ||
					ko_table_cell(x->t, ref, x->c_ev)->supp
			      : ko_table_cell(x->t, x->row_model, x->c_n)->supp ||
					ko_table_cell(x->t, x->row_model, x->c_ev)->supp;
	for (i = -1; i < nrow; i++) {
		int row = i < 0 ? head : rows[i], c, hide;

		if (row < 0)
			continue;
		hide = i < 0 ? any
			     : ref_hidden ||
				       ko_table_cell(x->t, row, x->c_n)->supp ||
				       ko_table_cell(x->t, row, x->c_ev)->supp;
		for (c = x->c_cor; hide && c <= x->c_cp; c++) {
			struct ko_cell *cell = ko_table_cell(x->t, row, c);

			if (cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    !cell->supp)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
	return any || ref_hidden;
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
		bsums[nb] = levels && !strchr(a->term, ':');
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
	x->row_model = ko_table_add_row(x->t, mtx(x, KO_MSG_PERSONS_IN_MODEL),
					0, "(model)", "n");
	snprintf(label, sizeof(label), mtx(x, KO_MSG_AUC), x->ci);
	auc_row = ko_table_add_row(x->t, label, 0, "(model)", "auc");
	if (x->row_model < 0 || auc_row < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	ko_table_set_count(x->t, x->row_model, x->c_n, adj->n);
	ko_table_set_count_pct(x->t, x->row_model, x->c_ev, adj->events,
			       pct(adj->events, adj->n));
	ko_table_set_estimate(x->t, auc_row, x->c_aor, adj->auc, adj->auc_low,
			      adj->auc_high);
	if (crude && n_crude == 1)
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
		if (bsums[b]) {
			st = mt_protect(x, rows + bstart[b], blen[b], 1, threshold,
					err);
		} else {
			for (row = 0; !st && row < blen[b]; row++)
				st = mt_protect(x, rows + bstart[b] + row, 1, 0,
						threshold, err);
		}
		if (!st)
			mt_small_complements(x, rows + bstart[b], blen[b], threshold);
		if (!st && mt_crude_derived(x, rows + bstart[b], blen[b], bhead[b])) {
			hidden_any = 1;
			if (x->m->effect &&
			    same(x->t->rows[rows[bstart[b]]].term, x->m->effect->exposure))
				hidden_effect = 1;
		}
	}
	if (st)
		return st;
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
	size_t len;

	level_text(m->level, m->lang, level, sizeof(level));
	len = (size_t)snprintf(foot, sizeof(foot), mtx(x, KO_MSG_FOOT_MODEL),
			       level);
	if (m->has_rr && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len, "%s",
					mtx(x, KO_MSG_FOOT_RR));
	if (x->c_rd >= 0 && len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_RD), exposure);
	if (len < sizeof(foot))
		len += (size_t)snprintf(foot + len, sizeof(foot) - len,
					mtx(x, KO_MSG_FOOT_P_EVENTS));
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

/* The adjusted column of a model table as forest-plot rows. */
static int forest_rows(const struct ko_table *t, enum ko_lang lang,
		       struct ko_forest_row *rows, int max)
{
	const char *adjusted = ko_lang_text(lang, KO_MSG_ADJUSTED);
	int r, n = 0, c_aor = -1, c;

	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].group && !strcmp(t->cols[c].group, adjusted) &&
		    t->cols[c].role == KO_COL_ESTIMATE)
			c_aor = c;
	if (c_aor < 0)
		return 0;
	for (r = 0; r < t->nrow && n < max; r++) {
		const struct ko_cell *cell = ko_table_cell_c(t, r, c_aor);
		struct ko_forest_row *f = &rows[n];

		if (t->rows[r].term && !strcmp(t->rows[r].term, "(model)"))
			continue;
		f->label = t->rows[r].label;
		f->level = t->rows[r].level;
		f->est = cell->v[0];
		f->low = cell->v[1];
		f->high = cell->v[2];
		f->note = NULL;
		if (cell->supp)
			f->kind = KO_FOREST_SUPPRESSED;
		else if (cell->kind == KO_CELL_TEXT) {
			f->kind = KO_FOREST_NOTE; /* separated, aliased: as the table */
			f->note = cell->text;
		} else if (cell->kind == KO_CELL_REF)
			f->kind = KO_FOREST_REF;
		else if (cell->kind == KO_CELL_ESTIMATE_CI && f->est > 0 &&
			 f->low > 0 && isfinite(f->high))
			f->kind = KO_FOREST_ESTIMATE;
		else if (cell->kind == KO_CELL_EMPTY && t->rows[r].level == 0)
			f->kind = KO_FOREST_HEADING;
		else
			f->kind = KO_FOREST_SUPPRESSED; /* aliased, infinite CI */
		n++;
	}
	return n;
}

/* What the forest plot's marks mean, in buf, or NULL when it has none. */
static const char *forest_footnote(const struct ko_forest_row *rows, int n,
				   enum ko_lang lang, char *buf, size_t size)
{
	int i, k = 0;

	for (i = 0; i < n; i++) {
		if (rows[i].kind != KO_FOREST_NOTE || !rows[i].note)
			continue;
		if (!strcmp(rows[i].note, KO_REPORT_MARK_SEPARATED))
			k |= 1;
		else if (!strcmp(rows[i].note, KO_REPORT_MARK_ALIASED))
			k |= 2;
	}
	if (k == 1 || k == 2)
		snprintf(buf, size, ko_lang_text(lang, k == 1
						 ? KO_MSG_FOREST_SEPARATED
						 : KO_MSG_FOREST_ALIASED),
			 k == 1 ? KO_REPORT_MARK_SEPARATED : KO_REPORT_MARK_ALIASED);
	else if (k == 3)
		snprintf(buf, size, ko_lang_text(lang, KO_MSG_FOREST_BOTH),
			 KO_REPORT_MARK_SEPARATED, KO_REPORT_MARK_ALIASED);
	return k ? buf : NULL;
}

enum ko_status ko_report_forest(const struct ko_table *t,
				const struct ko_number_format *fmt,
				const char *path_stem, struct ko_err *err)
{
	static const enum ko_figure_format ff[] = { KO_FIG_SVG, KO_FIG_PDF, KO_FIG_PNG };
	struct ko_forest_row *rows = calloc((size_t)t->nrow + 1, sizeof(*rows));
	struct ko_forest f;
	enum ko_status st = KO_OK;
	enum ko_lang lang = (enum ko_lang)fmt->lang;
	const char *adjusted = ko_lang_text(lang, KO_MSG_ADJUSTED);
	char path[5000], foot[400];
	size_t k;

	if (!rows)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	f.title = t->title;
	f.est_header = "OR (95% CI)";
	for (k = 0; k < (size_t)t->ncol; k++)
		if (t->cols[k].group && !strcmp(t->cols[k].group, adjusted) &&
		    t->cols[k].role == KO_COL_ESTIMATE)
			f.est_header = t->cols[k].header;
	f.axis_label = ko_lang_text(lang, KO_MSG_FOREST_AXIS);
	f.rows = rows;
	f.nrow = forest_rows(t, lang, rows, t->nrow);
	f.footnote = forest_footnote(rows, f.nrow, lang, foot, sizeof(foot));
	for (k = 0; !st && k < 3; k++) {
		snprintf(path, sizeof(path), "%s.%s", path_stem, figure_ext[k]);
		st = ko_figure_forest(&f, fmt, ff[k], path, err);
	}
	free(rows);
	return st;
}
