/*
 * report_tables.c - the report's tables of the cohort (report_impl.h):
 * Table 1 (overall, by outcome or exposure) and the regional table, each
 * built from the study in memory and protected (disclosure.h) before the
 * stage writes anything; the variables as levels (struct factor) they and
 * the model tables share.  The cohort flow and the parent linkage are in
 * report_flow.c.
 */
#include "report_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"


enum shape { SHAPE_CAT, SHAPE_BINARY, SHAPE_NUM };

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

/* Levels of a categorical or binary variable (binary: No, Yes).  Labels
 * met in the data are sorted (C locale); categories keep config order.
 * On an error f is left released (factor_release may follow: it frees
 * nothing twice). */
enum ko_status factor_init(struct factor *f, const struct report *r,
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

void factor_release(struct factor *f)
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


/* ---- Table 1 ------------------------------------------------------------- */

struct t1 {
	struct report *r;
	struct ko_table *t;
	struct factor by;     /* groups; by.nlev == 0: overall only */
	int ng;               /* group columns (with a "Missing" group) */
	int *group;           /* per member: group column 0..ng-1 */
	long gsize[MAX_LEVELS + 1];
	int col_all, col_g0, col_smd, col_p, row_n;
	int has_tests;        /* at least two real groups and an SMD or p column */
	int nreal;            /* real groups: columns 0..nreal-1 of the groups */
	int merged;           /* the last group is a merged one (t1_merge_missing) */
	int nopct;            /* some n shown without % (t1_known_pct) */
	const char *ghead[MAX_LEVELS + 1]; /* each group column's header */
	char merged_head[512];
	unsigned char hidden[MAX_LEVELS + 1]; /* group columns hidden whole */
	int any_hidden;
	double *x, *work;
};

static const struct ko_cfg_report *t1_cfg(const struct t1 *b)
{
	return &b->r->cfg->report;
}

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
	if (any && b->col_smd >= 0)
		ko_table_suppress(b->t, head_row, b->col_smd, KO_SUPP_DERIVED);
	if (any && b->col_p >= 0)
		ko_table_suppress(b->t, head_row, b->col_p, KO_SUPP_DERIVED);
	return KO_OK;
}

/* The group sizes are a line of their own (they sum to the cohort).  A
 * group whose size must be hidden is hidden whole, with the further
 * group(s) that protection picks, so that every row's hidden cells are at
 * least two and none follows from Overall minus the others. */
/* Linked tables: Table 1 by exposure's group sizes are Table 1's counts
 * of the exposure's levels (its Overall column); a level Table 1 hides
 * there is a group hidden here too (keep[g]), or each table would show
 * the other's complement: 250/31/5 showed the level 1's 15 persons in
 * Table 1 and the level 2-3's 15 in Table 1 by exposure, each hiding the
 * other, and with them its Missing "<5" was 1 (issue #13).  A merged
 * "LEVEL or missing" group is a sum both tables give anyway (the second
 * pass, after t1_merge_missing, keeps nothing).  NULL: out of memory. */
static unsigned char *t1_group_links(const struct t1 *b, long by, int stride)
{
	const struct ko_table *t1 = find_table(b->r, "table1");
	unsigned char *keep = calloc((size_t)stride + 1, 1);
	int g, r1, c1 = -1, c;

	/* merged (t1_merge_missing): the groups are renumbered, the levels
	 * left alone are those the first pass showed, kept already */
	if (!keep || !t1 || t1 == b->t || by < 0 || b->merged)
		return keep;
	for (c = 0; c < t1->ncol; c++)
		if (!t1->cols[c].group &&
		    !strcmp(t1->cols[c].header, tx(b->r, KO_MSG_OVERALL)))
			c1 = c;
	for (g = 0; c1 >= 0 && g < b->ng; g++) {
		const char *level = g < b->by.nlev ? b->by.labels[g] :
			g == b->by.nlev ? "missing" : NULL;

		for (r1 = 0; level && r1 < t1->nrow; r1++)
			if (t1->rows[r1].term && t1->rows[r1].value &&
			    !strcmp(t1->rows[r1].term, b->r->cfg->vars[by].name) &&
			    !strcmp(t1->rows[r1].value, level)) {
				keep[g] = ko_table_cell_c(t1, r1, c1)->supp != KO_SUPP_NONE;
				break;
			}
	}
	return keep;
}

static enum ko_status t1_hide_groups(struct t1 *b, long by, struct ko_err *err)
{
	struct ko_ctable ct;
	enum ko_status st;
	unsigned char *keep;
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
	keep = t1_group_links(b, by, ct.stride);
	if (!keep) {
		ko_ctable_release(&ct);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	st = ko_disclosure_protect_keep(&ct, b->r->threshold, keep, err);
	free(keep);
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

/* Suppress (derived) every test cell of column col that is shown. */
static void t1_suppress_tests(struct t1 *b, int col)
{
	int row;

	for (row = 0; col >= 0 && row < b->t->nrow; row++) {
		struct ko_cell *cell = ko_table_cell(b->t, row, col);

		if (cell->kind != KO_CELL_EMPTY && !cell->supp)
			cell->supp = KO_SUPP_DERIVED;
	}
}

/* Every cell of a hidden group's column; and the tests, when a real group
 * is hidden or merged. */
static void t1_suppress_hidden(struct t1 *b)
{
	int g, row;

	if (b->merged) {
		t1_suppress_tests(b, b->col_smd);
		t1_suppress_tests(b, b->col_p);
	}
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
		if (g < b->nreal) {
			t1_suppress_tests(b, b->col_smd);
			t1_suppress_tests(b, b->col_p);
		}
	}
	b->t->threshold = b->r->threshold;
}

/* The footnote's sentence on the SMD and p columns shown: both, one, or
 * none ([report] table1_smd, table1_p). */
static const char *t1_foot_tests(const struct t1 *b)
{
	if (b->col_smd >= 0 && b->col_p >= 0)
		return tx(b->r, KO_MSG_T1_FOOT_TESTS);
	if (b->col_smd >= 0)
		return tx(b->r, KO_MSG_T1_FOOT_SMD_ONLY);
	if (b->col_p >= 0)
		return tx(b->r, KO_MSG_T1_FOOT_P_ONLY);
	return "";
}

/* The SMD and p of a row.  counts_only: a categorical or 0/1 row's SMD
 * and chi-square p are functions of its counts only, so they go out
 * rounded to the digits shown (ko_table_round_cell; docs/outputs.md,
 * "Counts-derived statistics"): at full precision in the csv or xlsx they
 * would narrow the hidden counts of the row beyond what the table shows.
 * A number's SMD and Welch p are not (means and SDs). */
static void t1_set_test(struct t1 *b, int row, double smd, double p,
			int counts_only)
{
	if (b->col_smd >= 0) {
		ko_table_set_number(b->t, row, b->col_smd, smd);
		if (counts_only)
			ko_table_round_cell(b->t, row, b->col_smd);
	}
	if (b->col_p >= 0) {
		ko_table_set_p(b->t, row, b->col_p, p);
		if (counts_only)
			ko_table_round_cell(b->t, row, b->col_p);
	}
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

/* A row of counts with percentages: cnt[col * k + lev], col ng the
 * Overall column, level k - 1 the missing.  Percentages are of the
 * column's persons ([report] table1_percent = all) or of those whose value
 * is known (the default), and the Missing row is then a count. */
static void t1_count_row(struct t1 *b, int row, const long *cnt, int k, int lev)
{
	int g, all = t1_cfg(b)->t1_pct_all;

	for (g = -1; g < b->ng; g++) {
		int ci = g < 0 ? b->ng : g;
		int col = g < 0 ? b->col_all : b->col_g0 + g;
		double n = (double)cnt[ci * k + lev];
		double of = g < 0 ? (double)b->r->n : (double)b->gsize[g];

		if (!all && lev == k - 1) {
			ko_table_set_count(b->t, row, col, n);
			continue;
		}
		if (!all)
			of -= (double)cnt[ci * k + k - 1];
		ko_table_set_count_pct(b->t, row, col, n, pct(n, of));
	}
}

/* Whether n's percentage of persons - m, as shown, is the same for every
 * m in 1..T-1: then it says nothing about a "<T" missing count. */
static int pct_same_below_t(const struct t1 *b, double n, double persons)
{
	double scale = pow(10, b->r->fmt.digits_percent), first = 0;
	long m;

	for (m = 1; m < b->r->threshold; m++) {
		double shown = floor(pct(n, persons - (double)m) * scale + 0.5);

		if (m > 1 && shown != first)
			return 0;
		first = shown;
	}
	return 1;
}

/* Percentages of the known values tell their denominator, the column's
 * persons minus its missing: where protection hid a column's Missing
 * count, the rows[0..nrow) of that column show n without %, or the
 * percentage could give the hidden count back; a "<T" whose percentages
 * round alike for every count it may be keeps them. */
static void t1_known_pct(struct t1 *b, const int *rows, int nrow, int mrow)
{
	int c, i;

	if (t1_cfg(b)->t1_pct_all || mrow < 0)
		return;
	for (c = 0; c < b->t->ncol; c++) {
		const struct ko_cell *miss = ko_table_cell_c(b->t, mrow, c);
		double persons = cell_count(b->t, b->row_n, c);
		int keep = miss->supp == KO_SUPP_PRIMARY;

		if (!miss->supp)
			continue;
		for (i = 0; keep && i < nrow; i++) {
			const struct ko_cell *cell = ko_table_cell_c(b->t, rows[i], c);

			keep = cell->kind != KO_CELL_COUNT_PCT || cell->supp ||
			       pct_same_below_t(b, cell->v[0], persons);
		}
		if (keep)
			continue;
		for (i = 0; i < nrow; i++) {
			struct ko_cell *cell = ko_table_cell(b->t, rows[i], c);

			if (cell->kind == KO_CELL_COUNT_PCT) {
				cell->kind = KO_CELL_COUNT;
				cell->v[1] = 0;
				b->nopct |= !cell->supp;
			}
		}
	}
}

/* Groups for the tests: the real groups, not the "Missing" column. */
static int t1_test_groups(const struct t1 *b)
{
	return b->nreal;
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
					      (size_t)f.nlev, NULL, NULL), 1);
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
		if (lev == f.nlev && t1_cfg(b)->t1_missing == KO_T1_MISSING_HIDE)
			ko_table_hide_row(b->t, row);
		rows[nrow++] = row;
	}
	st = t1_protect_block(b, rows, nrow, f.nlev < nrow ? f.nlev : nrow,
			      b->row_n, head, NULL, 0, err);
	if (!st)
		t1_known_pct(b, rows, f.nlev < nrow ? f.nlev : nrow,
			     nrow > f.nlev ? rows[f.nlev] : -1);
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
					      NULL, NULL), 1);
	}
	if (cnt[b->ng * k + 2]) {
		int mrow = ko_table_add_row(b->t, tx(b->r, KO_MSG_MISSING), 1,
					    b->r->cfg->vars[v].name, "missing");

		if (mrow < 0)
			goto nomem;
		t1_count_row(b, mrow, cnt, k, 2);
		if (t1_cfg(b)->t1_missing == KO_T1_MISSING_HIDE)
			ko_table_hide_row(b->t, mrow);
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
	if (!st)
		t1_known_pct(b, rows, 1, nrow == 2 ? rows[1] : -1);
	factor_release(&f);
	return st;
nomem:
	factor_release(&f);
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
}

/* 1 when every known value of the n in x is a whole number (grams,
 * days, a count): Table 1 then shows its median and quartiles without
 * decimals ("3500 (3130–3880)"), as the data are; its mean and SD keep
 * digits_mean, since a mean of small counts (1.4 siblings) rounded to a
 * whole number would say little.  docs/config.md, digits_mean. */
static int whole_valued(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]) && x[i] != floor(x[i]))
			return 0;
	return 1;
}

/* Mean (SD), median (IQR) and missing of a number, per column; shows is
 * enum ko_t1_numbers: both, the mean (SD) or the median (IQR). */
static enum ko_status t1_number(struct t1 *b, size_t v, int shows,
				struct ko_err *err)
{
	struct ko_num_summary sum[MAX_LEVELS + 2];
	long miss[MAX_LEVELS + 2] = { 0 };
	int head, rmean = -1, rmed = -1, rmiss = -1, c, g, whole = 0;
	size_t m, cnt;
	const char *name = b->r->cfg->vars[v].name;

	for (c = -1; c < b->ng; c++) {
		cnt = 0;
		for (m = 0; m < b->r->n; m++)
			if (c < 0 || b->group[m] == c)
				b->x[cnt++] = value(b->r, v, m);
		if (c < 0)
			whole = whole_valued(b->x, cnt);
		ko_describe_num(b->x, cnt, b->work, &sum[c + 1]);
		miss[c + 1] = sum[c + 1].missing;
	}
	head = ko_table_add_row(b->t, var_label(b->r->cfg, v), 0, name, NULL);
	if (head < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (shows != KO_T1_NUM_MEDIAN &&
	    (rmean = ko_table_add_row(b->t, tx(b->r, KO_MSG_MEAN_SD), 1, name,
				      "mean_sd")) < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (shows != KO_T1_NUM_MEAN &&
	    (rmed = ko_table_add_row(b->t, tx(b->r, KO_MSG_MEDIAN_IQR), 1, name,
				     "median_iqr")) < 0)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	if (miss[0]) {
		rmiss = ko_table_add_row(b->t, tx(b->r, KO_MSG_MISSING), 1,
					 name, "missing");
		if (rmiss < 0)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		if (t1_cfg(b)->t1_missing == KO_T1_MISSING_HIDE)
			ko_table_hide_row(b->t, rmiss);
	}
	for (c = -1; c < b->ng; c++) {
		int col = c < 0 ? b->col_all : b->col_g0 + c;
		const struct ko_num_summary *q = &sum[c + 1];

		if (rmean >= 0)
			ko_table_set_mean_sd(b->t, rmean, col, q->mean, q->sd);
		if (rmed >= 0) {
			ko_table_set_median_iqr(b->t, rmed, col, q->median, q->q1,
						q->q3);
			if (whole)
				ko_table_whole_cell(b->t, rmed, col);
		}
		if (rmiss >= 0 && t1_cfg(b)->t1_pct_all)
			ko_table_set_count_pct(b->t, rmiss, col, (double)miss[c + 1],
					       pct((double)miss[c + 1],
						   (double)(c < 0 ? (long)b->r->n :
							    b->gsize[c])));
		else if (rmiss >= 0)
			ko_table_set_count(b->t, rmiss, col, (double)miss[c + 1]);
		/* a mean or median of fewer than T persons is not shown */
		if (q->n < b->r->threshold) {
			if (rmean >= 0)
				ko_table_suppress(b->t, rmean, col, KO_SUPP_DERIVED);
			if (rmed >= 0)
				ko_table_suppress(b->t, rmed, col, KO_SUPP_DERIVED);
		}
	}
	if (b->has_tests) {
		g = t1_test_groups(b);
		t1_set_test(b, head, ko_describe_smd_num_groups(sum + 1, (size_t)g),
			    ko_describe_welch(sum + 1, (size_t)g, NULL, NULL, NULL),
			    0);
	}
	if (rmiss >= 0)
		return t1_protect_block(b, &rmiss, 1, 0, -1, head, NULL, 0, err);
	return KO_OK;
}

/* [report] table1_missing = merge or hide: a Missing group whose size
 * protection hid is merged with the real group(s) hidden with it into one
 * shown column ("2-3 or missing"), instead of hiding them whole: their sum
 * is what Overall minus the shown groups gives anyway, and protection then
 * treats the merged column as any group.  Renumbers the groups (the merged
 * one where the first of its real groups was); returns 1 when it merged
 * (the caller protects the group sizes again). */
static int t1_merge_missing(struct t1 *b)
{
	int map[MAX_LEVELS + 1], g, n = 0, miss = b->by.nlev;
	size_t m, len = 0;
	char names[400] = "";

	if (t1_cfg(b)->t1_missing == KO_T1_MISSING_SHOW || b->ng <= miss ||
	    !b->hidden[miss])
		return 0;
	const char *head[MAX_LEVELS + 1];
	int at = -1;

	for (g = 0; g < miss; g++)
		if (b->hidden[g]) {
			if (at < 0)
				at = n++;
			map[g] = at;
			len += (size_t)snprintf(names + len, sizeof(names) - len,
						"%s%s", len ? ", " : "", b->by.shown[g]);
			if (len >= sizeof(names))
				len = sizeof(names) - 1;
		} else {
			map[g] = n++;
		}
	if (at < 0)
		return 0; /* nothing real hidden with it: no column to merge into */
	map[miss] = at;
	snprintf(b->merged_head, sizeof(b->merged_head),
		 tx(b->r, KO_MSG_T1_OR_MISSING), names);
	for (g = 0; g < miss; g++)
		head[map[g]] = b->ghead[g];
	memcpy(b->ghead, head, (size_t)n * sizeof(*head));
	b->ghead[at] = b->merged_head;
	memset(b->gsize, 0, sizeof(b->gsize));
	for (m = 0; m < b->r->n; m++) {
		b->group[m] = map[b->group[m]];
		b->gsize[b->group[m]]++;
	}
	b->nreal = b->ng = n; /* no Missing column left */
	b->merged = 1;
	return 1;
}

/* [report] table1_header_n: each count column's header with its persons,
 * "No, N = 9 274", as the persons row shows them (a hidden size "x"). */
static enum ko_status t1_header_n(struct t1 *b)
{
	char n[64], head[600];
	int c;

	if (!t1_cfg(b)->t1_header_n)
		return KO_OK;
	for (c = 0; c < b->t->ncol; c++) {
		const struct ko_cell *cell = ko_table_cell_c(b->t, b->row_n, c);

		if (cell->kind != KO_CELL_COUNT)
			continue;
		ko_table_cell_text(b->t, cell, &b->r->fmt, n, sizeof(n));
		snprintf(head, sizeof(head), tx(b->r, KO_MSG_T1_HEADER_N),
			 b->t->cols[c].header, n);
		if (ko_table_set_col_shown(b->t, c, head))
			return KO_ERR_NOMEM;
	}
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
	b->nreal = b->by.nlev;
	b->merged = b->nopct = 0;
	for (g = 0; g < b->ng; g++)
		b->ghead[g] = g < b->by.nlev ? b->by.shown[g] : tx(r, KO_MSG_MISSING);
	b->has_tests = b->ng > 0 && b->by.nlev >= 2 &&
		       (r->cfg->report.t1_smd || r->cfg->report.t1_p);
	b->col_smd = b->col_p = -1;
	if (t1_hide_groups(b, by, err))
		return err->status;
	if (t1_merge_missing(b) && t1_hide_groups(b, by, err))
		return err->status;
	b->col_all = ko_table_add_col(b->t, tx(r, KO_MSG_OVERALL), NULL,
				      KO_COL_N);
	b->col_g0 = b->t->ncol;
	for (g = 0; g < b->ng; g++) {
		int col = ko_table_add_col(b->t, b->ghead[g],
					   var_label(r->cfg, (size_t)by),
					   KO_COL_OTHER);

		if (col < 0)
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		if (g >= b->nreal && !b->merged &&
		    r->cfg->report.t1_missing == KO_T1_MISSING_HIDE)
			ko_table_hide_col(b->t, col);
	}
	if (b->has_tests && r->cfg->report.t1_smd)
		b->col_smd = ko_table_add_col(b->t, "SMD", NULL, KO_COL_OTHER);
	if (b->has_tests && r->cfg->report.t1_p)
		b->col_p = ko_table_add_col(b->t, "p", NULL, KO_COL_OTHER);
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
		case SHAPE_NUM:
			st = t1_number(b, v, r->cfg->report.t1_numbers[i], err);
			break;
		}
	}
	if (st)
		return st;
	t1_suppress_hidden(b);
	st = t1_header_n(b);
	if (st)
		return ko_err_set(err, st, "out of memory");
	snprintf(foot, sizeof(foot), "%s%s%s",
		 tx(r, r->cfg->report.t1_pct_all ? KO_MSG_T1_FOOTNOTE
						 : KO_MSG_T1_FOOTNOTE_KNOWN),
		 b->nopct ? tx(r, KO_MSG_T1_FOOT_NOPCT) : "",
		 t1_foot_tests(b));
	if (b->merged) {
		size_t len = strlen(foot);

		snprintf(foot + len, sizeof(foot) - len,
			 tx(r, KO_MSG_T1_FOOT_MERGED), b->merged_head,
			 var_label(r->cfg, (size_t)by));
	}
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
enum ko_status build_table1(struct report *r, long by, const char *name,
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

enum ko_status build_regional(struct report *r, struct ko_err *err)
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

