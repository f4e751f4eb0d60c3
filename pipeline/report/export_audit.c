/* export_audit.c - the disclosure audit over the whole export (see
 * export_audit.h): the linear programs over the relations that
 * export_audit_rel.c builds from the tables, the further suppression
 * while a count breaks the protection rule, the release of complements
 * the whole export does not need, and the percentages of hidden counts. */
#include "export_audit.h"
#include "disclosure.h"
#include "export_audit_impl.h"
#include "followup_table.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the linear programs ------------------------------------------------ */

static glp_prob *make_lp(struct audit *a)
{
	glp_prob *lp = glp_create_prob();
	int i, k, cap = 1;
	int *ind;
	double *val;

	for (k = 0; k < a->nline; k++)
		if (a->lines[k].n + 1 > cap)
			cap = a->lines[k].n + 1;
	ind = malloc(sizeof(int) * (size_t)cap);
	val = malloc(sizeof(double) * (size_t)cap);
	if (!ind || !val) {
		free(ind);
		free(val);
		glp_delete_prob(lp);
		return NULL;
	}
	glp_add_cols(lp, a->nvar);
	for (i = 0; i < a->nvar; i++)
		audit_set_bounds(lp, &a->vars[i], i + 1, a->T);
	for (k = 0; k < a->nline; k++) {
		int row = glp_add_rows(lp, 1), j;

		for (j = 0; j < a->lines[k].n; j++) {
			ind[j + 1] = a->lines[k].v[j] + 1;
			val[j + 1] = a->lines[k].c[j];
		}
		glp_set_row_bnds(lp, row, GLP_FX, 0, 0);
		glp_set_mat_row(lp, row, a->lines[k].n, ind, val);
	}
	free(ind);
	free(val);
	return lp;
}

/* The protection rule (docs/outputs.md, rule 5): a count that the export
 * shows to be below T (its greatest value is 1..T-1) must not be shown
 * more narrowly than "<T" says: its interval holds all of 1..T-1.  A
 * count whose interval reaches T is not known to be small; one pinned to
 * 0 is no one.  Applied to every hidden count and unpublished difference
 * from the bounds alone, as the attacker applies it. */
static int unsafe(const struct avar *v, int T)
{
	if (v->kind == V_AUX)
		return 0; /* person-years, a slack: not a count */
	if (v->kind == V_HIDDEN && v->t >= 0 && v->hi - v->lo < 0.5 &&
	    v->lo > 0.5)
		return 1; /* an "x" that the others give back hides nothing */
	return v->kind != V_SHOWN && v->hi > 0.5 && v->hi < T - 0.5 &&
	       (v->lo > 1.5 || v->hi < T - 1.5);
}

/* What the audit found of an unsafe v (unsafe), for the error: an "x"
 * that the other published numbers give back exactly, or a count they
 * show to be below T in a narrower interval than 1..T-1 (a "<T", an "x",
 * or an unpublished difference such as the persons not in a model). */
static const char *unsafe_text(const struct avar *v, int T, char *buf,
			       size_t size)
{
	double lo = ceil(v->lo - 1e-6), hi = floor(v->hi + 1e-6);
	char what[64];

	if (lo == 0)
		lo = 0; /* not "-0" */
	if (v->kind == V_HIDDEN && v->t >= 0 && hi - lo < 0.5 && lo > 0.5) {
		snprintf(buf, size, "the published numbers give the exact value "
			 "of a suppressed count (x)");
		return buf;
	}
	if (v->kind == V_SMALL)
		snprintf(what, sizeof(what), "a count shown \"<%d\"", T);
	else
		snprintf(what, sizeof(what), "%s", v->kind == V_HIDDEN
			 ? "a suppressed count (x)"
			 : "an unpublished difference between tables");
	snprintf(buf, size, "the published numbers put %s in %.0f..%.0f, "
		 "narrower than the 1..%d that \"<%d\" allows", what, lo, hi,
		 T - 1, T);
	return buf;
}

/* ---- further suppression ------------------------------------------------ */

/* Was v published again by keep (below)? */
static int kept(const struct audit *a, const struct avar *v)
{
	int k;

	for (k = 0; k < a->nkept; k++)
		if (a->kept[k][0] == v->t && a->kept[k][1] == v->row &&
		    a->kept[k][2] == v->col)
			return 1;
	return 0;
}

/* May a shown count be suppressed here?  Not the cohort's size or the
 * group sizes (the flow, the linkage table's totals, Table 1's persons
 * row, the regional "all" row: hiding them would hide whole tables); a
 * link outcome's count may be (two "<T" outcomes of 3 children in all
 * would each be 1 or 2); not one published again (kept). */
static int may_hide(const struct audit *a, const struct avar *v)
{
	/* a time-to-event model table's person-years (export_audit_rel.c's
	 * py_var: the others, the follow-up table's and slacks, have no cell):
	 * shown, they bound the row's persons from below (PY / span) */
	if (v->kind == V_AUX)
		return v->t >= 0 && isfinite(v->max) && v->max > v->min;
	if (v->kind != V_SHOWN || v->t < 0 || v->value < 0.5 || kept(a, v))
		return 0;
	/* those not in a model: the crude estimates of a 0/1 term and the
	 * crude attributable fraction were shown or hidden with them */
	if (!strcmp(v->level, "not in the model"))
		return 0;
	if (!strcmp(v->table, "cohort_flow"))
		return 0;
	if (!strcmp(v->table, "parent_linkage") || !strcmp(v->table, "follow_up"))
		return strcmp(v->level, "all") != 0;
	return strcmp(v->term, "persons") && strcmp(v->term, "all");
}

/* What suppressing v costs: its count; a model's own persons or events,
 * and a level's count in the cohort (Table 1's Overall), only after every
 * other cell of their size. */
static double hide_cost(const struct avar *v)
{
	int margin;

	if (v->kind == V_SMALL)
		return -1; /* "<T" -> "x": nothing more is hidden */
	if (v->kind == V_AUX)
		return v->value / 20; /* person-years: about a child per 20 */
	margin = !strcmp(v->term, "(model)") || !strcmp(v->column, "Overall");

	return v->value + (margin ? 1e9 : 0);
}

static int mark(unsigned char *seen, int *list, int n, int v)
{
	if (seen[v])
		return n;
	seen[v] = 1;
	list[n] = v;
	return n + 1;
}

static const struct audit *cmp_audit;

static int by_value(const void *x, const void *y)
{
	const struct avar *u = &cmp_audit->vars[*(const int *)x];
	const struct avar *w = &cmp_audit->vars[*(const int *)y];

	double cu = hide_cost(u), cw = hide_cost(w);

	return (cu > cw) - (cu < cw);
}

/* The published counts related to p: in a line with p, or with a hidden
 * count that is in a line with p; smallest first.  Returns how many. */
static int candidates(const struct audit *a, int p, int *out, unsigned char *seen)
{
	int k, j, n = 0, nn = 0, pass;
	int *near = malloc(sizeof(int) * (size_t)a->nvar);

	if (!near)
		return -1;
	memset(seen, 0, (size_t)a->nvar);
	nn = mark(seen, near, nn, p);
	if (a->vars[p].kind == V_SMALL && a->vars[p].t >= 0)
		out[n++] = p;
	/* three steps: a small count, the hidden count it differs from, that
	 * count's person-years, the person-years they sum with */
	for (pass = 0; pass < 3; pass++) {
		int upto = nn;

		for (k = 0; k < a->nline; k++) {
			const struct aline *l = &a->lines[k];
			int hit = 0;

			for (j = 0; j < l->n && !hit; j++) {
				int q;

				for (q = 0; q < upto; q++)
					hit |= near[q] == l->v[j];
			}
			if (!hit)
				continue;
			for (j = 0; j < l->n; j++)
				if (a->vars[l->v[j]].kind != V_SHOWN &&
				    !may_hide(a, &a->vars[l->v[j]])) {
					int was = seen[l->v[j]];

					nn = mark(seen, near, nn, l->v[j]);
					if (!was && a->vars[l->v[j]].kind == V_SMALL &&
					    a->vars[l->v[j]].t >= 0)
						out[n++] = l->v[j];
				}
				else if (may_hide(a, &a->vars[l->v[j]]))
					n = mark(seen, out, n, l->v[j]);
		}
	}
	free(near);
	cmp_audit = a;
	qsort(out, (size_t)n, sizeof(*out), by_value);
	return n;
}

/* Suppress the cell of v and what its row computes from it: in a model
 * table the crude estimates of the row, of the term's heading (the joint
 * p) and, when the row is the reference, of every level of the term; a
 * time-to-event model's person-years and rate of the row (rate x
 * person-years gives the events back). */
static void hide(struct audit *a, const struct avar *v)
{
	struct ko_table *t = a->tables[v->t];
	const struct ko_table_row *row = &t->rows[v->row];
	const char *crude = ko_lang_text(a->lang, KO_MSG_CRUDE);
	int r, c, ref = 0;

	ko_table_cell(t, v->row, v->col)->supp = KO_SUPP_SECONDARY;
	if (v->kind == V_AUX) { /* person-years: with the row's rate */
		for (c = 0; c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, v->row, c);

			if (t->cols[c].role == KO_COL_OTHER && c != v->col &&
			    cell->kind != KO_CELL_EMPTY && cell->supp == KO_SUPP_NONE)
				cell->supp = KO_SUPP_DERIVED;
		}
		return;
	}
	if (!strcmp(t->name, "follow_up"))
		ko_report_followup_hide_years(t);
	if (!t->model)
		return;
	for (c = 0; c < t->ncol; c++) {
		struct ko_cell *cell = ko_table_cell(t, v->row, c);

		ref |= cell->kind == KO_CELL_REF;
		if (t->cols[c].role == KO_COL_OTHER && cell->kind != KO_CELL_EMPTY &&
		    cell->supp == KO_SUPP_NONE)
			cell->supp = KO_SUPP_DERIVED;
	}
	for (r = 0; r < t->nrow; r++) {
		const struct ko_table_row *o = &t->rows[r];
		int same = r == v->row ||
			   (!strcmp(audit_row_term(o), audit_row_term(row)) &&
			    (ref || !o->value || !*o->value));

		for (c = 0; same && c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, r, c);

			/* the group is in the tables' language */
			if (t->cols[c].group && !strcmp(t->cols[c].group, crude) &&
			    cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    cell->supp == KO_SUPP_NONE)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
}

/* Is v an "x" of T or more (a complement or a cell of a hidden column,
 * not a "<T") that the other published numbers give back exactly (the
 * follow-up table's event count hidden by its own suppression, equal to
 * Table 1's shown outcome count; a count in Table 1 by exposure's hidden
 * column that the stratum tables and Table 1 give back)?
 * Where no related count is left to hide, it is shown again (instead of
 * stopping the run): that adds
 * nothing an attacker does not have, and what it was to protect is
 * bounded without it; where that is too narrow, the next round protects
 * it by a complement that does hide something. */
static int given_back(const struct audit *a, const struct avar *v)
{
	if (v->kind != V_HIDDEN || v->t < 0 || v->hi - v->lo >= 0.5 ||
	    v->value < a->T - 0.5 ||
	    ko_table_cell_c(a->tables[v->t], v->row, v->col)->supp ==
		    KO_SUPP_PRIMARY)
		return 0;
	return 1;
}

/* Publish v again for good (given_back): 0, else out of memory. */
static int keep(struct audit *a, struct avar *v)
{
	if (a->nkept == a->capkept) {
		int cap = a->capkept ? 2 * a->capkept : 16;
		int (*k)[3] = realloc(a->kept, sizeof(*k) * (size_t)cap);

		if (!k)
			return -1;
		a->kept = k;
		a->capkept = cap;
	}
	a->kept[a->nkept][0] = v->t;
	a->kept[a->nkept][1] = v->row;
	a->kept[a->nkept][2] = v->col;
	a->nkept++;
	audit_stats.kept++;
	v->kind = V_SHOWN;
	ko_table_cell(a->tables[v->t], v->row, v->col)->supp = KO_SUPP_NONE;
	return 0;
}

/* p's bounds in the whole LP (var p is column j), and every column's
 * reduced cost at the least (dual[0..n)) and at the greatest
 * (dual[n..2n)) optimum.  Nonzero when an LP fails. */
static int bound_duals(glp_prob *lp, struct avar *p, int j, int n, double *dual)
{
	int d, c;

	for (d = 0; d < 2; d++) {
		if (audit_lp_end(lp, j, d ? GLP_MAX : GLP_MIN, d ? &p->hi : &p->lo))
			return 1;
		for (c = 0; c < n; c++)
			dual[d * n + c] = isfinite(d ? p->hi : p->lo)
					  ? glp_get_col_dual(lp, c + 1) : NAN;
	}
	return 0;
}

/* Would freeing var c leave p's bounds where they are?  So where c's
 * reduced cost is 0 at both of p's optima (bound_duals): the optimal
 * dual solution then bounds p the same whatever c's bounds are (the
 * objective is the duals' value plus the reduced costs times the
 * columns, and c's term is 0), and the old optimum is still a point. */
static int unmoved(const double *dual, int n, int c)
{
	return fabs(dual[c]) < 1e-9 && fabs(dual[n + c]) < 1e-9;
}

/* Does freeing candidate c (to >= 0) in the whole LP make p safe?  Its
 * greatest value first: with its least value now at most the least
 * before (a point still), that often tells (audit_sure_safe); else its least
 * too.  c's bounds and p's stay as they were. */
static int frees(struct audit *a, glp_prob *lp, struct avar *p, int i, int c)
{
	double lo = p->lo, hi = p->hi;
	int ok;

	glp_set_col_bnds(lp, c + 1, GLP_LO, 0, 0);
	ok = !audit_lp_end(lp, i + 1, GLP_MAX, &p->hi);
	if (ok && !audit_sure_safe(p, 0, a->T, lo, p->hi, 1))
		ok = !audit_lp_end(lp, i + 1, GLP_MIN, &p->lo) && !unsafe(p, a->T);
	if (!ok)
		audit_set_bounds(lp, &a->vars[c], c + 1, a->T);
	p->lo = lo;
	p->hi = hi;
	return ok;
}

/* One round: bound every hidden and unpublished count; for each pinned
 * one (still pinned after this round's choices), choose the smallest
 * related count whose suppression widens it (else the smallest).
 * *chosen = cells suppressed this round. */
static enum ko_status round_once(struct audit *a, struct carry *cy,
				 int *chosen, struct ko_err *err)
{
	glp_prob *lp;
	struct release blocks;
	int i, k, n, *cand = NULL;
	unsigned char *seen = NULL, *same = NULL;
	double *wlo = NULL, *whi, *desc = NULL, *dual = NULL, lo, hi;
	int duals;
	int *off = NULL;
	enum ko_status st = KO_OK;

	*chosen = 0;
	memset(&blocks, 0, sizeof(blocks));
	audit_build(a);
	if (a->nomem)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	lp = make_lp(a);
	cand = malloc(sizeof(int) * (size_t)(a->nvar + 1));
	seen = malloc((size_t)a->nvar + 1);
	dual = malloc(sizeof(double) * 2 * ((size_t)a->nvar + 1));
	if (!lp || !cand || !seen || !dual) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* every count in its block's LP (the same bounds, each solve
	 * small); the choices below free shown counts: the whole LP */
	memset(&blocks, 0, sizeof(blocks));
	blocks.a = a;
	blocks.nv = a->nvar;
	audit_stats_phase(PH_BOUND);
	if (audit_make_blocks(&blocks, a, 1)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	wlo = malloc(sizeof(double) * 2 * ((size_t)a->nvar + 1));
	if (!wlo) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	whi = wlo + a->nvar + 1;
	for (i = 0; i < a->nvar; i++) {
		wlo[i] = INFINITY;
		whi[i] = -INFINITY;
	}
	desc = audit_describe(&blocks, &off);
	same = malloc((size_t)blocks.nb + 1);
	if (!same) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* a block whose LP is the last round's: the bounds found then */
	audit_carry_same_blocks(cy, &blocks, desc, off, same);
	audit_carry_seed(cy, &blocks, 0, wlo, whi);
	audit_carry_relaxed(cy, &blocks, 0, wlo, whi);
	for (i = 0; i < a->nvar; i++) {
		struct avar *v = &a->vars[i];

		if (v->kind == V_SHOWN || v->kind == V_AUX)
			continue;
		if (blocks.blk[i] < 0) { /* the relations give its value */
			v->lo = v->hi = blocks.cval[i];
		} else if (same[blocks.blk[i]]) {
			v->lo = cy->vars[i].lo;
			v->hi = cy->vars[i].hi;
		} else if (audit_settle(&blocks, 0, i, wlo, whi, &v->lo, &v->hi,
				  NULL, NULL, NULL)) {
			st = ko_err_set(err, KO_ERR_NUMERIC,
					"export audit: linear program failed");
			goto out;
		}
	}
	audit_carry_keep(cy, &blocks, desc, off);
	desc = NULL;
	off = NULL;
	audit_free_blocks(&blocks);
	audit_stats_phase(PH_CHOOSE);
	for (i = 0; i < a->nvar; i++) {
		struct avar *p = &a->vars[i];
		int pick = -1;

		if (!unsafe(p, a->T))
			continue;
		/* p in the whole LP (this round's choices in it), with every
		 * count's reduced cost at both optima */
		lo = p->lo;
		hi = p->hi;
		duals = !bound_duals(lp, p, i + 1, a->nvar, dual);
		if (*chosen && (!duals || !unsafe(p, a->T)))
			continue;
		if (!*chosen) { /* the bounds of its block's LP, as found */
			p->lo = lo;
			p->hi = hi;
		}
		n = candidates(a, i, cand, seen);
		if (n < 0) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			goto out;
		}
		for (k = 0; k < n && k < 100 && pick < 0; k++)
			if ((!duals || !unmoved(dual, a->nvar, cand[k])) &&
			    frees(a, lp, p, i, cand[k]))
				pick = cand[k];
		if (pick < 0 && n == 0 && given_back(a, p)) { /* shown: nothing new */
			if (keep(a, p)) {
				st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
				goto out;
			}
			glp_set_col_bnds(lp, i + 1, GLP_FX, p->value, p->value);
			(*chosen)++;
			continue;
		}
		if (pick < 0 && n > 0) {
			pick = cand[0];
			glp_set_col_bnds(lp, pick + 1, GLP_LO, 0, 0);
		}
		if (pick < 0) {
			char found[300];

			st = ko_err_set(err, KO_ERR_DATA,
					"disclosure: %s (%s, %s %s, %s), and no "
					"related count is left to suppress; merge "
					"categories or raise the cohort size",
					unsafe_text(p, a->T, found, sizeof(found)),
					p->table, p->term, p->level, p->column);
			goto out;
		}
		if (a->vars[pick].kind == V_AUX) { /* person-years: now */
			hide(a, &a->vars[pick]);
			a->vars[pick].min = 0;
			a->vars[pick].max = INFINITY;
		} else {
			a->vars[pick].kind = V_HIDDEN;
		}
		(*chosen)++;
	}
	for (i = 0; i < a->nvar; i++) {
		struct avar *v = &a->vars[i];
		struct ko_cell *cell;

		if (v->kind != V_HIDDEN || v->t < 0)
			continue;
		cell = ko_table_cell(a->tables[v->t], v->row, v->col);
		if (cell->supp == KO_SUPP_NONE)
			hide(a, v);
		else if (cell->supp == KO_SUPP_PRIMARY)
			cell->supp = KO_SUPP_SECONDARY; /* "x", not "<T" */
	}
out:
	audit_free_blocks(&blocks);
	if (lp)
		glp_delete_prob(lp);
	free(cand);
	free(seen);
	free(wlo);
	free(dual);
	free(same);
	free(desc);
	free(off);
	return st;
}

/* ---- publishing what the whole export does not need -------------------- */

/* May hidden cell v be published again (release_complements)?  A
 * complement of T or more ("x", secondary) of Table 1 (by exposure), the
 * regional or a model table, whose percentage (if any) is of a published
 * count: Table 1's of its column's persons, the others' of their row's
 * first count; shown, a percentage of a hidden count would give that
 * count back (n / p).  Not the flow, the linkage or the follow-up table
 * (rules of their own), not a "<T" shown as "x", not a derived cell. */
static int may_show(const struct audit *a, const struct avar *v)
{
	const struct ko_table *t;
	const struct ko_cell *cell;
	int c;

	if (v->kind != V_HIDDEN || v->t < 0 || v->value < a->T - 0.5)
		return 0;
	t = a->tables[v->t];
	cell = ko_table_cell_c(t, v->row, v->col);
	if (cell->supp != KO_SUPP_SECONDARY || !audit_is_count(cell))
		return 0;
	if (!t->model && strcmp(t->name, "table1") &&
	    strcmp(t->name, "table1_exposure") && strcmp(t->name, "regional"))
		return 0;
	if (cell->kind == KO_CELL_COUNT)
		return 1;
	if (!t->model && strcmp(t->name, "regional")) {
		int p = audit_find(a, v->table, "persons", "", v->column);

		return p >= 0 && a->vars[p].kind == V_SHOWN;
	}
	for (c = 0; c < t->ncol; c++) {
		const struct ko_cell *o = ko_table_cell_c(t, v->row, c);

		if (o->kind == KO_CELL_COUNT)
			return c != v->col && o->supp == KO_SUPP_NONE;
	}
	return 0;
}

/* Candidate c's least and greatest value in each model, into the pool:
 * two points on either side of its value, so that every point seen
 * gives, on the segment to one of them, a point at its value
 * (audit_pool_range).  Nonzero when an LP fails. */
static int straddle(struct release *r, int c)
{
	int m, d;
	double x;

	for (m = 0; m < 2; m++)
		for (d = 0; d < 2; d++) {
			if (audit_lp_end(r->lp[m][r->blk[c]], r->col[c],
				   d ? GLP_MAX : GLP_MIN, &x))
				return 1;
			audit_see_point(r, m, r->blk[c], NULL, NULL);
		}
	return 0;
}

/* Fix (v) or free again (v NAN: its bounds by audit_set_bounds_m) candidate c
 * in both models. */
static void fix_m(struct release *r, int c, double v)
{
	int m;

	for (m = 0; m < 2; m++) {
		glp_prob *lp = r->lp[m][r->blk[c]];

		if (isnan(v))
			audit_set_bounds_m(lp, &r->a->vars[c], r->col[c], r->a->T, m);
		else
			glp_set_col_bnds(lp, r->col[c], GLP_FX, v, v);
	}
}

/* Is var j's interval a leak: model 0 by the protection rule (unsafe),
 * model 1 pinned to one value (disclosure.c's audit). */
static int leak_m(const struct audit *a, int j, int m, double lo, double hi)
{
	struct avar v = a->vars[j];

	if (v.kind == V_AUX)
		return 0;
	if (m) /* pinned; an unpublished difference only to 1..T-1 */
		return hi - lo < 0.5 && (v.kind != V_UNPUBLISHED ||
					 (lo > 0.5 && lo < a->T - 0.5));
	v.lo = lo;
	v.hi = hi;
	return unsafe(&v, a->T);
}

/* Var j's points for the ends audit_settle did not solve (r->ex 0): the
 * pool's least and greatest (its truth point too), where they show it
 * safe; else none (NAN: found when a candidate is tried). */
static void first_points(struct release *r, int m, int j)
{
	size_t at = (size_t)j * r->nc;
	struct recipe rec[2];
	double w[2], b[2];
	int d, k;

	audit_pool_range(r, m, j, 0, 0, NULL, NULL, 0, &w[0], &w[1], rec);
	for (d = 0; d < 2; d++)
		b[d] = r->ex[m][2 * j + d] ? (d ? r->hi : r->lo)[m][j] : w[d];
	for (d = 0; d < 2; d++) {
		if (r->ex[m][2 * j + d])
			continue;
		if (!audit_sure_safe(&r->a->vars[j], m, r->a->T, b[0], b[1],
			       r->ex[m][2 * j + 1])) {
			for (k = 0; k < r->nc; k++)
				r->x[m][d][at + k] = NAN;
			continue;
		}
		(d ? r->hi : r->lo)[m][j] = w[d];
		audit_recipe_at(r, m, j, 0, NULL, &rec[d], r->x[m][d] + at);
	}
}

/* Is var j safe in model m for good once its greatest value is hi (exact)?
 * At most 0 it is no one, and publishing more only narrows it. */
static int at_zero(const struct audit *a, int j, int m, double hi)
{
	return hi <= 0.5 && (!m || a->vars[j].kind == V_UNPUBLISHED);
}

/* With candidate k fixed at v: does var j of model m leak (*ok = 0)?
 * j has a point for each end (r->lo, r->hi its value there, r->x the
 * candidates' values): an optimum (r->ex) or a point that showed it
 * safe.  Both still points (they hold v): j is as it was.  Else its
 * range over its two points, the pool's and the truth point at v
 * (audit_pool_range) stands in for a bound moved (an optimum that still holds
 * v stays exact); where that does not show j safe (audit_sure_safe), the moved
 * bounds are solved (the greatest first, the least only where still
 * needed).  What showed it safe, or the new optimum, is j's point for
 * that end after, into tlo, thi, tx (tstate 1: an optimum, 2: a point),
 * taken when c is published.  Nonzero when an LP fails. */
static int retest(struct release *r, int m, int j, int k, double v,
		  double *tlo, double *thi, double *tx[2][2],
		  unsigned char *tstate, int *ok)
{
	const struct audit *a = r->a;
	const struct avar *var = &a->vars[j];
	size_t at = (size_t)j * r->nc;
	int c = r->cand[k], d, held[2], exact[2], safe;
	double b[2], w[2], es[2], ey[2];
	double *ec[2] = { r->x[m][0] + at, r->x[m][1] + at };
	struct recipe rec[2];

	for (d = 0; d < 2; d++) {
		es[d] = r->x[m][d][at + k];
		ey[d] = d ? r->hi[m][j] : r->lo[m][j];
		held[d] = fabs(es[d] - v) < 1e-7;
		exact[d] = held[d] && r->ex[m][2 * j + d];
	}
	if (held[0] && held[1])
		return 0;
	audit_truth_point(r, m, r->blk[j], NULL, NULL);
	audit_pool_range(r, m, j, r->col[c], v, es, ey, 2, &w[0], &w[1], rec);
	for (d = 0; d < 2; d++)
		b[d] = exact[d] ? ey[d] : w[d];
	for (d = 1; d >= 0; d--) { /* the greatest first, as audit_settle */
		if (exact[d] || audit_sure_safe(var, m, a->T, b[0], b[1], exact[1]))
			continue;
		if (audit_bound_dir(r, m, j, d, &b[d], tx[m][d] + at, NULL, NULL))
			return 1;
		tstate[(m * r->nv + j) * 2 + d] = 1;
		(d ? thi : tlo)[m * r->nv + j] = b[d];
		exact[d] = 1;
		if (d && !exact[0]) { /* the new point may audit_settle the rest */
			audit_pool_range(r, m, j, r->col[c], v, es, ey, 2, &w[0], &w[1],
				   rec);
			b[0] = w[0];
		}
	}
	safe = audit_sure_safe(var, m, a->T, b[0], b[1], exact[1]);
	if (!safe)
		*ok = !leak_m(a, j, m, b[0], b[1]);
	for (d = 0; safe && d < 2; d++) /* the points that show it */
		if (!exact[d]) {
			tstate[(m * r->nv + j) * 2 + d] = 2;
			(d ? thi : tlo)[m * r->nv + j] = w[d];
			audit_recipe_at(r, m, j, 2, ec, &rec[d], tx[m][d] + at);
		}
	return 0;
}

/* The complements were chosen table by table (disclosure.c, with the
 * rules between tables keeping cells hidden across them) and the audit
 * added what the export as a whole still needed.  Now every complement
 * is tried against all tables at once, the largest first: published
 * again, it stays published when no hidden count or unpublished
 * difference of the whole export becomes a leak, under the audit's
 * knowledge (the protection rule) and under the tables' own (no count
 * pinned, an "x" of T or more taken as at least T; a count pinned that
 * way already stays allowed).  Bounds are recomputed only for the counts
 * whose extreme points move the released cell.  *released = cells
 * published again. */
static enum ko_status release_complements(struct audit *a,
					  const struct carry *cy, int *released,
					  struct ko_err *err)
{
	struct release r;
	int *cand = NULL, i, j, m, d, k;
	unsigned char *was_pinned = NULL, *was_near = NULL;
	int *order = NULL;
	unsigned char *tstate = NULL, *zero = NULL;
	double *tlo = NULL, *thi = NULL, *tx[2][2] = {{NULL, NULL}, {NULL, NULL}};
	enum ko_status st = KO_OK;
	size_t nn;

	*released = 0;
	memset(&r, 0, sizeof(r));
	audit_build(a);
	if (a->nomem)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	r.nv = a->nvar;
	cand = malloc(sizeof(int) * ((size_t)r.nv + 1));
	r.ci = malloc(sizeof(int) * ((size_t)r.nv + 1));
	if (!cand || !r.ci)
		goto nomem;
	for (i = 0; i < r.nv; i++) {
		r.ci[i] = -1;
		if (may_show(a, &a->vars[i]))
			cand[r.nc++] = i;
	}
	/* a very large export: the kept optimum points would not fit; its
	 * complements stay as chosen */
	nn = (size_t)r.nv * (size_t)r.nc;
	if (!r.nc || nn > 4000000)
		goto out;
	cmp_audit = a;
	qsort(cand, (size_t)r.nc, sizeof(*cand), by_value);
	for (k = 0; k < r.nc; k++)
		r.ci[cand[k]] = k;
	r.cand = cand;
	r.a = a;
	audit_stats_phase(PH_RELEASE);
	audit_stats.ncand = r.nc;
	if (audit_make_blocks(&r, a, 2))
		goto nomem;
	for (m = 0; m < 2; m++) {
		r.lo[m] = malloc(sizeof(double) * (size_t)r.nv);
		r.hi[m] = malloc(sizeof(double) * (size_t)r.nv);
		r.ex[m] = calloc(2 * (size_t)r.nv + 1, 1);
		if (!r.lo[m] || !r.hi[m] || !r.ex[m])
			goto nomem;
		for (d = 0; d < 2; d++) {
			r.x[m][d] = malloc(sizeof(double) * nn);
			tx[m][d] = malloc(sizeof(double) * nn);
			if (!r.x[m][d] || !tx[m][d])
				goto nomem;
		}
	}
	was_pinned = calloc((size_t)r.nv, 1);
	zero = calloc(2 * (size_t)r.nv + 1, 1);
	was_near = malloc((size_t)r.nv + 1);
	order = malloc(sizeof(int) * ((size_t)r.nv + 1));
	tlo = malloc(sizeof(double) * 4 * (size_t)r.nv);
	tstate = malloc(4 * (size_t)r.nv + 1);
	if (!was_pinned || !was_near || !order || !tlo || !tstate || !zero)
		goto nomem;
	thi = tlo + 2 * r.nv;
	for (m = 0; m < 2; m++) { /* thi, tlo: the counts' ranges */
		for (j = 0; j < r.nv; j++) {
			tlo[j] = INFINITY;
			thi[j] = -INFINITY;
		}
		audit_carry_seed(cy, &r, m, tlo, thi);
		audit_carry_relaxed(cy, &r, m, tlo, thi);
		for (j = 0; j < r.nv; j++) {
			int solved = 3;

			if (a->vars[j].kind == V_SHOWN || a->vars[j].kind == V_AUX)
				continue;
			if (r.blk[j] < 0) { /* a value, and publishing keeps it */
				r.lo[m][j] = r.hi[m][j] = r.cval[j];
				for (k = 0; k < r.nc; k++)
					r.x[m][0][(size_t)j * r.nc + k] =
						r.x[m][1][(size_t)j * r.nc + k] = NAN;
			} else if (solved = 0,
				   audit_settle(&r, m, j, tlo, thi, &r.lo[m][j],
					  &r.hi[m][j], r.x[m][0] + (size_t)j * r.nc,
					  r.x[m][1] + (size_t)j * r.nc, &solved)) {
				goto lpfail;
			}
			zero[m * r.nv + j] = (solved & 2) &&
					     at_zero(a, j, m, r.hi[m][j]);
			if (m)
				was_pinned[j] = leak_m(a, j, 1, r.lo[1][j], r.hi[1][j]);
			else if (leak_m(a, j, 0, r.lo[0][j], r.hi[0][j]))
				goto out; /* not converged: publish nothing */
			r.ex[m][2 * j] = solved & 1;
			r.ex[m][2 * j + 1] = (solved & 2) != 0;
			if (solved != 3)
				first_points(&r, m, j);
		}
	}
	for (k = r.nc - 1; k >= 0; k--) { /* the largest first */
		int c = cand[k], ok = 1, no = 0, q, l;
		double v = a->vars[c].value;

		/* the counts in a relation with c first: a leak shows there */
		memset(was_near, 0, (size_t)r.nv);
		for (l = 0; l < a->nline; l++) {
			const struct aline *ln = &a->lines[l];

			for (q = 0; q < ln->n && ln->v[q] != c; q++)
				;
			for (i = 0; q < ln->n && i < ln->n; i++)
				if (!was_near[ln->v[i]]) {
					was_near[ln->v[i]] = 1;
					order[no++] = ln->v[i];
				}
		}
		for (i = 0; i < r.nv; i++)
			if (!was_near[i])
				order[no++] = i;
		/* c's value already a constant: publishing it moves nothing */
		if (r.blk[c] >= 0 && straddle(&r, c))
			goto lpfail;
		if (r.blk[c] >= 0)
			fix_m(&r, c, v);
		memset(tstate, 0, 4 * (size_t)r.nv);
		for (q = 0; q < r.nv && ok && r.blk[c] >= 0; q++)
			for (m = 0; m < 2 && ok; m++) {
				j = order[q];
				/* only a count of c's block can change, and only
				 * one whose optimum points move c; a count pinned
				 * in model 1 before stays allowed */
				if (j == c || r.blk[j] != r.blk[c] ||
				    a->vars[j].kind == V_SHOWN ||
				    a->vars[j].kind == V_AUX || (m && was_pinned[j]) ||
				    zero[m * r.nv + j])
					continue;
				if (retest(&r, m, j, k, v, tlo, thi, tx, tstate, &ok))
					goto lpfail;
			}
		if (getenv("KO_DBG"))
			fprintf(stderr, "CAND k=%d ok=%d solves=%ld %s|%s|%s|%s val=%g\n", k, ok, audit_stats.solves[PH_RELEASE], a->vars[c].table, a->vars[c].term, a->vars[c].level, a->vars[c].column, v);
		if (!ok) {
			fix_m(&r, c, NAN);
			continue;
		}
		/* published: keep the new bounds and optimum points; an
		 * optimum moved and not solved again is not known */
		for (m = 0; m < 2; m++) {
			for (j = 0; j < r.nv; j++)
				for (d = 0; d < 2; d++) {
					size_t at = (size_t)j * r.nc;
					int s = tstate[(m * r.nv + j) * 2 + d];

					if (!s)
						continue;
					(d ? r.hi : r.lo)[m][j] =
						(d ? thi : tlo)[m * r.nv + j];
					r.ex[m][2 * j + d] = s == 1;
					if (s == 1 && d)
						zero[m * r.nv + j] = at_zero(a, j, m,
									     r.hi[m][j]);
					memcpy(r.x[m][d] + at, tx[m][d] + at,
					       sizeof(double) * (size_t)r.nc);
				}
			if (r.blk[c] >= 0)
				audit_pool_fix(&r, m, r.blk[c], r.col[c], v);
		}
		a->vars[c].kind = V_SHOWN;
		ko_table_cell(a->tables[a->vars[c].t], a->vars[c].row,
			      a->vars[c].col)->supp = KO_SUPP_NONE;
		(*released)++;
	}
	goto out;
nomem:
	st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	goto out;
lpfail:
	st = ko_err_set(err, KO_ERR_NUMERIC, "export audit: linear program failed");
out:
	audit_free_blocks(&r);
	for (m = 0; m < 2; m++) {
		free(r.lo[m]);
		free(r.hi[m]);
		free(r.ex[m]);
		for (d = 0; d < 2; d++) {
			free(r.x[m][d]);
			free(tx[m][d]);
		}
	}
	free(cand);
	free(r.ci);
	free(was_pinned);
	free(was_near);
	free(order);
	free(tlo);
	free(tstate);
	free(zero);
	return st;
}

/* ---- percentages of hidden counts -------------------------------------- */

/* Every percentage whose denominator is hidden loses its percentage (issue
 * #13): Table 1's (by outcome or exposure) are of the column's persons, the
 * others' of their row's first count.  Shown, "58 (8.7)" next to a hidden
 * count gives it back as 58 / 0.087, 663..670 (a complement narrowed, and
 * with it the small count it protects).  Run last, after every suppression
 * (a complement chosen by the audit too).  A count with its percentage
 * keeps its count ("58"); a percentage alone is hidden (derived). */
static void hide_percentages(struct ko_table *t)
{
	int r, c, persons = -1, table1 = !t->model &&
		(!strcmp(t->name, "table1") || !strcmp(t->name, "table1_exposure"));

	for (r = 0; table1 && r < t->nrow && persons < 0; r++)
		if (!strcmp(audit_row_term(&t->rows[r]), "persons"))
			persons = r;
	for (r = 0; r < t->nrow; r++) {
		int first = -1;

		for (c = 0; !table1 && c < t->ncol && first < 0; c++)
			if (ko_table_cell_c(t, r, c)->kind == KO_CELL_COUNT)
				first = c;
		for (c = 0; c < t->ncol; c++) {
			struct ko_cell *cell = ko_table_cell(t, r, c);
			const struct ko_cell *den;

			if ((cell->kind != KO_CELL_COUNT_PCT &&
			     cell->kind != KO_CELL_PERCENT) ||
			    cell->supp != KO_SUPP_NONE)
				continue;
			if (table1 ? persons < 0 || persons == r : first < 0)
				continue;
			den = table1 ? ko_table_cell_c(t, persons, c) :
				ko_table_cell_c(t, r, first);
			if (den->supp == KO_SUPP_NONE)
				continue;
			if (cell->kind == KO_CELL_COUNT_PCT)
				cell->kind = KO_CELL_COUNT;
			else
				cell->supp = KO_SUPP_DERIVED;
		}
	}
}

enum ko_status ko_export_audit(struct ko_table *const *tables, int n, int T,
			       int lang, int *added, struct ko_err *err)
{
	struct audit a;
	struct carry carry;
	enum ko_status st = KO_OK;
	int rounds, chosen = 0, total = 0, i;

	memset(&a, 0, sizeof(a));
	memset(&carry, 0, sizeof(carry));
	a.tables = tables;
	a.ntab = n;
	a.T = T;
	a.lang = (enum ko_lang)lang;
	glp_term_out(GLP_OFF);
	memset(&audit_stats, 0, sizeof(audit_stats));
	audit_stats_phase(PH_BOUND);
	for (rounds = 0; rounds < 200; rounds++) {
		st = round_once(&a, &carry, &chosen, err);
		audit_stats.rounds++;
		if (getenv("KOHORT_AUDIT_STATS") &&
		    !strcmp(getenv("KOHORT_AUDIT_STATS"), "2"))
			fprintf(stderr, "round %d: chosen %d, bounds %ld, choices %ld\n",
				rounds, chosen, audit_stats.solves[PH_BOUND],
				audit_stats.solves[PH_CHOOSE]);
		audit_stats.nvar = a.nvar;
		audit_stats.nline = a.nline;
		if (st || !chosen)
			break;
		total += chosen;
	}
	if (!st && chosen)
		st = ko_err_set(err, KO_ERR_DATA,
				"disclosure: the export audit still finds small "
				"counts after %d rounds", rounds);
	if (!st) {
		int released = 0;

		st = release_complements(&a, &carry, &released, err);
		audit_stats.released = released;
	}
	for (i = 0; !st && i < n; i++)
		hide_percentages(tables[i]);
	audit_stats_phase(PH_CHOOSE);
	audit_stats_print();
	audit_carry_free(&carry);
	audit_clear(&a);
	free(a.kept);
	free(a.hash);
	free(a.vars);
	free(a.lines);
	if (!st && added)
		*added = total;
	return st;
}
