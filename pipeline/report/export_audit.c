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

/* What the audit spent, by phase, written to stderr when the environment
 * has KOHORT_AUDIT_STATS (a measurement for developers, not an output):
 * LP solves and CPU seconds of round_once's bounds, its choices, and
 * release_complements. */
enum { PH_BOUND, PH_CHOOSE, PH_RELEASE, PH_N };
static struct {
	int phase;
	long solves[PH_N];
	double cpu[PH_N];
	int rounds, kept, released, nvar, nline, maxblock, nblock, ncand;
} stats;

static int lp_end(glp_prob *lp, int j, int dir, double *x)
{
	stats.solves[stats.phase]++;
	return ko_disclosure_lp_end(lp, j, dir, x);
}

static void stats_phase(int phase)
{
	static clock_t at;
	clock_t now = clock();

	stats.cpu[stats.phase] += (double)(now - at) / CLOCKS_PER_SEC;
	at = now;
	stats.phase = phase;
}

static void stats_print(void)
{
	if (!getenv("KOHORT_AUDIT_STATS"))
		return;
	fprintf(stderr, "export audit: %d vars, %d relations, %d blocks (largest "
		"%d columns); %d rounds, %d kept; bounds %ld solves %.1f s, "
		"choices %ld solves %.1f s; release %d candidates, %d released, "
		"%ld solves %.1f s\n", stats.nvar, stats.nline, stats.nblock,
		stats.maxblock, stats.rounds, stats.kept, stats.solves[PH_BOUND],
		stats.cpu[PH_BOUND], stats.solves[PH_CHOOSE], stats.cpu[PH_CHOOSE],
		stats.ncand, stats.released, stats.solves[PH_RELEASE],
		stats.cpu[PH_RELEASE]);
}

/* Is v a constant of the LPs (a shown count, a person-years cell the
 * export fixes)? */
static int fixed(const struct avar *v)
{
	return v->kind == V_SHOWN || (v->kind == V_AUX && !(v->max > v->min));
}

/* The bounds of v under the audit's knowledge (m = 0: an "x" is >= 0) and
 * under the tables' own (m = 1: an "x" of T or more is at least T, as
 * disclosure.c assumes; any other count at least its own kind's least
 * value); hi INFINITY: none. */
static void var_bounds(const struct avar *v, int m, int T, double *lo,
		       double *hi)
{
	*hi = INFINITY;
	switch (v->kind) {
	case V_AUX:
		*lo = v->min;
		*hi = v->max > v->min ? v->max : v->min;
		break;
	case V_SHOWN:
		*lo = *hi = v->value;
		break;
	case V_SMALL:
		*lo = 1;
		*hi = T - 1;
		break;
	case V_HIDDEN:
		*lo = m && v->t >= 0 ? (v->value >= T - 0.5 ? T : v->value > 0.5 ? 1 : 0)
				     : 0;
		break;
	default:
		*lo = 0;
	}
}

static void set_bounds_m(glp_prob *lp, const struct avar *v, int j, int T,
			 int m)
{
	double lo, hi;

	var_bounds(v, m, T, &lo, &hi);
	if (fixed(v))
		glp_set_col_bnds(lp, j, GLP_FX, lo, lo);
	else
		glp_set_col_bnds(lp, j, isfinite(hi) ? GLP_DB : GLP_LO, lo,
				 isfinite(hi) ? hi : 0);
}

static void set_bounds(glp_prob *lp, const struct avar *v, int j, int T)
{
	set_bounds_m(lp, v, j, T, 0);
}

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
		set_bounds(lp, &a->vars[i], i + 1, a->T);
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
	stats.kept++;
	v->kind = V_SHOWN;
	ko_table_cell(a->tables[v->t], v->row, v->col)->supp = KO_SUPP_NONE;
	return 0;
}

/* The relations fall apart into blocks: two counts not fixed (a shown
 * count or a fixed person-years is a constant) are in one block when a
 * relation holds both, or a count in a block with each.  A count's bounds
 * depend only on its block's relations, and publishing a cell again
 * (fixing it) moves only the bounds of its own block: one LP per block
 * (the fixed counts in its relations' right-hand sides) instead of one
 * for all, each solve as small as its block. */
struct release {
	const struct audit *a;
	glp_prob **lp[2];      /* [model][block] */
	int nb;
	int *blk, *col;        /* var -> its block (-1: fixed), its column there */
	double *lo[2], *hi[2]; /* per var and model */
	int nv, nc;
	const int *cand;       /* the cells that may be published again */
	int *ci;               /* var -> its index in cand, -1 */
	double *x[2][2];       /* [model][min/max]: at var j's point for that
				* end (retest), the candidates' values,
				* x[.][.][j * nc + ci] */
	unsigned char *ex[2];  /* [model][2 j + end]: that point an optimum */
	int *start, *member;   /* block b's vars: member[start[b]..start[b + 1]) */
	double *cval;          /* var -> its value if a constant (constants), NAN */
	struct pool *pool[2];  /* [model][block] */
};

/* The last POOL points of a block's LP at which GLPK ended a solve (its
 * basic solutions, primal feasible), each the values of the block's
 * columns: the points still in the LP's feasible set after candidates
 * are fixed (those that hold the fixed values) are witnesses of how far
 * each count can go (sure_safe), without a solve. */
#define POOL 64
struct pool {
	int n, next, ncol;
	double *x;     /* POOL * ncol */
	double *truth; /* ncol: truth_point, NULL */
	int tried;     /* truth_point tried */
};

static int root(int *up, int i)
{
	while (up[i] != i)
		i = up[i] = up[up[i]];
	return i;
}

/* Is x within [lo, hi], to GLPK's tolerance? */
static int within(double x, double lo, double hi)
{
	return x >= lo - 1e-6 * (1 + fabs(lo)) && x <= hi + 1e-6 * (1 + fabs(hi));
}

/* The constants of the LPs (r->cval; NAN: a column): a shown count, a
 * person-years cell the export fixes, and a count the relations leave
 * one value, the only one of a relation not a constant, over and over
 * (its least and greatest value both that), where the value is within
 * its bounds in every model (else GLPK decides, as before).  Nonzero
 * when out of memory. */
static int constants(struct release *r, const struct audit *a, int nm)
{
	int i, k, j, m, more = 1;

	r->cval = malloc(sizeof(double) * ((size_t)r->nv + 1));
	if (!r->cval)
		return 1;
	for (i = 0; i < r->nv; i++) {
		const struct avar *v = &a->vars[i];

		r->cval[i] = !fixed(v) ? NAN : v->kind == V_SHOWN ? v->value : v->min;
	}
	while (more) {
		more = 0;
		for (k = 0; k < a->nline; k++) {
			const struct aline *l = &a->lines[k];
			double rest = 0, cq = 0, x, lo, hi;
			int q = -1, n = 0, ok = 1;

			for (j = 0; j < l->n && n < 2; j++)
				if (isnan(r->cval[l->v[j]])) {
					q = l->v[j];
					cq = l->c[j];
					n++;
				} else {
					rest += l->c[j] * r->cval[l->v[j]];
				}
			if (n != 1 || cq == 0)
				continue;
			x = -rest / cq;
			for (m = 0; m < nm; m++) {
				var_bounds(&a->vars[q], m, a->T, &lo, &hi);
				ok &= within(x, lo, hi);
			}
			if (ok) {
				r->cval[q] = x;
				more = 1;
			}
		}
	}
	return 0;
}

/* r->blk, r->col, r->nb and each block's LP of models 0..nm-1 (bounds by
 * set_bounds_m).  Nonzero when out of memory. */
static int make_blocks(struct release *r, const struct audit *a, int nm)
{
	int *up = malloc(sizeof(int) * ((size_t)r->nv + 1));
	int *ncol = NULL, *ind = NULL, i, k, j, m, cap = 1, fail = 1;
	double *val = NULL;

	r->blk = malloc(sizeof(int) * ((size_t)r->nv + 1));
	r->col = malloc(sizeof(int) * ((size_t)r->nv + 1));
	r->pool[0] = r->pool[1] = NULL;
	if (!up || !r->blk || !r->col || constants(r, a, nm))
		goto out;
	for (i = 0; i < r->nv; i++)
		up[i] = i;
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];
		int first = -1;

		if (l->n + 1 > cap)
			cap = l->n + 1;
		for (j = 0; j < l->n; j++) {
			if (!isnan(r->cval[l->v[j]]))
				continue;
			if (first < 0)
				first = root(up, l->v[j]);
			else
				up[root(up, l->v[j])] = first;
		}
	}
	r->nb = 0;
	for (i = 0; i < r->nv; i++)
		r->blk[i] = -1;
	for (i = 0; i < r->nv; i++) {
		int q;

		if (!isnan(r->cval[i]))
			continue;
		q = root(up, i);
		if (r->blk[q] < 0)
			r->blk[q] = r->nb++;
		r->blk[i] = r->blk[q];
	}
	ncol = calloc((size_t)r->nb + 1, sizeof(int));
	ind = malloc(sizeof(int) * (size_t)cap);
	val = malloc(sizeof(double) * (size_t)cap);
	if (!ncol || !ind || !val)
		goto out;
	for (i = 0; i < r->nv; i++)
		r->col[i] = r->blk[i] < 0 ? 0 : ++ncol[r->blk[i]];
	stats.nblock = r->nb;
	stats.maxblock = 0;
	for (k = 0; k < r->nb; k++)
		if (ncol[k] > stats.maxblock)
			stats.maxblock = ncol[k];
	r->start = calloc((size_t)r->nb + 1, sizeof(int));
	r->member = malloc(sizeof(int) * ((size_t)r->nv + 1));
	if (!r->start || !r->member)
		goto out;
	for (k = 0; k < r->nb; k++)
		r->start[k + 1] = r->start[k] + ncol[k];
	for (i = 0; i < r->nv; i++)
		if (r->blk[i] >= 0)
			r->member[r->start[r->blk[i]] + r->col[i] - 1] = i;
	for (m = 0; m < nm; m++) {
		r->lp[m] = calloc((size_t)r->nb + 1, sizeof(glp_prob *));
		if (!r->lp[m])
			goto out;
		r->pool[m] = calloc((size_t)r->nb + 1, sizeof(struct pool));
		if (!r->pool[m])
			goto out;
		for (k = 0; k < r->nb; k++) {
			r->lp[m][k] = glp_create_prob();
			glp_add_cols(r->lp[m][k], ncol[k]);
		}
		for (i = 0; i < r->nv; i++)
			if (r->blk[i] >= 0)
				set_bounds_m(r->lp[m][r->blk[i]], &a->vars[i],
					     r->col[i], a->T, m);
		for (k = 0; k < a->nline; k++) {
			const struct aline *l = &a->lines[k];
			double rhs = 0;
			int n = 0, b = -1, row;

			for (j = 0; j < l->n; j++) {
				if (!isnan(r->cval[l->v[j]])) {
					rhs -= l->c[j] * r->cval[l->v[j]];
					continue;
				}
				b = r->blk[l->v[j]];
				ind[++n] = r->col[l->v[j]];
				val[n] = l->c[j];
			}
			if (b < 0)
				continue; /* constants only: true of the counts */
			row = glp_add_rows(r->lp[m][b], 1);
			glp_set_row_bnds(r->lp[m][b], row, GLP_FX, rhs, rhs);
			glp_set_mat_row(r->lp[m][b], row, n, ind, val);
		}
	}
	fail = 0;
out:
	free(up);
	free(ncol);
	free(ind);
	free(val);
	return fail;
}

static void free_blocks(struct release *r)
{
	int m, k;

	for (m = 0; m < 2; m++) {
		for (k = 0; r->lp[m] && k < r->nb; k++)
			glp_delete_prob(r->lp[m][k]);
		for (k = 0; r->pool[m] && k < r->nb; k++) {
			free(r->pool[m][k].x);
			free(r->pool[m][k].truth);
		}
		free(r->lp[m]);
		free(r->pool[m]);
		r->lp[m] = NULL;
		r->pool[m] = NULL;
	}
	free(r->blk);
	free(r->col);
	free(r->start);
	free(r->member);
	free(r->cval);
	r->blk = r->col = r->start = r->member = NULL;
	r->cval = NULL;
}

/* ---- what the points seen so far show ---------------------------------- */

/* Would every interval [lo, hi] with lo <= wlo and hi >= whi (hi = whi
 * where exact) leave v without a leak of model m (m = 0: unsafe; m = 1:
 * leak_m's pinned)?  wlo..whi is the range of v over feasible points
 * seen: its true bounds lie outside it, so where this says so, no solve
 * can find a leak (no points: wlo > whi, not sure). */
static int sure_safe(const struct avar *v, int m, int T, double wlo, double whi,
		     int exact)
{
	if (v->kind == V_SHOWN || v->kind == V_AUX)
		return 1;
	if (!(whi >= wlo))
		return 0;
	if (!m && exact && whi <= 0.5)
		return 1; /* at most 0: no one */
	if (m)
		return whi - wlo >= 0.5 || (v->kind == V_UNPUBLISHED && wlo <= 0.5);
	if (v->kind == V_HIDDEN && v->t >= 0 && whi - wlo < 0.5 && wlo > 0.5)
		return 0; /* maybe given back exactly */
	return whi >= T - 0.5 || (wlo <= 1.5 && whi >= T - 1.5);
}

/* The next slot of block b's pool (model m), for a point; NULL: out of
 * memory (no witnesses: every count solved). */
static double *pool_slot(struct release *r, int m, int b)
{
	struct pool *p = &r->pool[m][b];
	int n = r->start[b + 1] - r->start[b];
	double *x;

	if (!p->x) {
		p->ncol = n;
		p->x = malloc(sizeof(double) * POOL * (size_t)n);
		if (!p->x)
			return NULL;
	}
	x = p->x + (size_t)p->next * (size_t)n;
	p->next = (p->next + 1) % POOL;
	if (p->n < POOL)
		p->n++;
	return x;
}

/* The point at which block b's LP of model m ended its last solve, when
 * primal feasible: into the range of each of its counts (wlo, whi, per
 * var; NULL none) and into the block's pool. */
static void see_point(struct release *r, int m, int b, double *wlo, double *whi)
{
	glp_prob *lp = r->lp[m][b];
	int q;
	double *x;

	if (glp_get_prim_stat(lp) != GLP_FEAS || !(x = pool_slot(r, m, b)))
		return;
	for (q = 0; q < r->start[b + 1] - r->start[b]; q++) {
		int i = r->member[r->start[b] + q];

		x[q] = glp_get_col_prim(lp, q + 1);
		if (wlo && x[q] < wlo[i])
			wlo[i] = x[q];
		if (whi && x[q] > whi[i])
			whi[i] = x[q];
	}
}

/* A point as the sources it is on the segment between: t * a + (1 - t)
 * * b (pool_range's sources: 0..ne-1 its extra points, ne the truth
 * point, ne + 1 + k the pool's point k). */
struct recipe {
	int a, b;
	double t;
};

/* The range of var j over the points of its block's pool (model m), its
 * truth point and ne more points of which only column cc's and j's
 * values are known (es, ey), with column cc (0: any point) at v: the
 * points at v, and on the segment between two points on either side of
 * v, the point at v (the feasible set is convex).  The points of the
 * least and the greatest into rec[0], rec[1] (NULL: not). */
static void pool_range(const struct release *r, int m, int j, int cc, double v,
		       const double *es, const double *ey, int ne, double *wlo,
		       double *whi, struct recipe *rec)
{
	const struct pool *p = &r->pool[m][r->blk[j]];
	int k, q, na = 0, nb = 0, cj = r->col[j] - 1, src;
	int sa[POOL + 3], sb[POOL + 3];
	double as[POOL + 3], ay[POOL + 3], bs[POOL + 3], by[POOL + 3];
	struct recipe dummy[2];

	if (!rec)
		rec = dummy;
	*wlo = INFINITY;
	*whi = -INFINITY;
	for (src = 0; src < ne + 1 + (p->x ? p->n : 0); src++) {
		double x, y;

		if (src < ne) { /* the extra points */
			x = es[src];
			y = ey[src];
		} else if (src == ne) {
			if (!p->truth)
				continue;
			x = v;
			y = p->truth[cj];
		} else {
			k = src - ne - 1;
			x = cc ? p->x[(size_t)k * (size_t)p->ncol + (size_t)cc - 1] : v;
			y = p->x[(size_t)k * (size_t)p->ncol + (size_t)cj];
		}
		if (isnan(x) || !isfinite(y))
			continue;
		if (fabs(x - v) < 1e-7) {
			if (y < *wlo) {
				*wlo = y;
				rec[0] = (struct recipe){ src, src, 1 };
			}
			if (y > *whi) {
				*whi = y;
				rec[1] = (struct recipe){ src, src, 1 };
			}
		} else if (x < v) {
			sa[na] = src;
			as[na] = x;
			ay[na++] = y;
		} else {
			sb[nb] = src;
			bs[nb] = x;
			by[nb++] = y;
		}
	}
	for (k = 0; k < na; k++)
		for (q = 0; q < nb; q++) {
			double t = (bs[q] - v) / (bs[q] - as[k]);
			double y = t * ay[k] + (1 - t) * by[q];

			if (y < *wlo) {
				*wlo = y;
				rec[0] = (struct recipe){ sa[k], sb[q], t };
			}
			if (y > *whi) {
				*whi = y;
				rec[1] = (struct recipe){ sa[k], sb[q], t };
			}
		}
}

/* The value of candidate kk at source s of pool_range (var j's block,
 * model m; ec: the extra points' candidates' values, nc each); a
 * candidate of another block at its own value. */
static double source_at(const struct release *r, int m, int j, int ne,
			double *const *ec, int s, int kk)
{
	const struct pool *p = &r->pool[m][r->blk[j]];
	int c = r->cand[kk];

	if (s < ne)
		return ec[s][kk];
	if (r->blk[c] != r->blk[j])
		return r->a->vars[c].value;
	if (s == ne)
		return p->truth[r->col[c] - 1];
	return p->x[(size_t)(s - ne - 1) * (size_t)p->ncol + (size_t)r->col[c] - 1];
}

/* The candidates' values at the point of recipe rc into x (nc). */
static void recipe_at(const struct release *r, int m, int j, int ne,
		      double *const *ec, const struct recipe *rc, double *x)
{
	int kk;

	for (kk = 0; kk < r->nc; kk++)
		x[kk] = rc->t * source_at(r, m, j, ne, ec, rc->a, kk) +
			(1 - rc->t) * source_at(r, m, j, ne, ec, rc->b, kk);
}

/* Column cc of block b fixed at v for good: the points that hold it
 * stay, and the points at v between two points on either side of it
 * (pool_range) fill the pool. */
static void pool_fix(struct release *r, int m, int b, int cc, double v)
{
	struct pool *p = &r->pool[m][b];
	int k, n = 0, na = 0, nb = 0, ia[POOL], ib[POOL];
	size_t nc = (size_t)p->ncol;
	double *y;

	if (!p->x)
		return;
	y = malloc(sizeof(double) * POOL * nc);
	for (k = 0; k < p->n; k++) {
		const double *x = p->x + (size_t)k * nc;

		if (fabs(x[cc - 1] - v) < 1e-7) {
			if (y)
				memcpy(y + (size_t)n * nc, x, sizeof(double) * nc);
			n++;
		} else {
			*(x[cc - 1] < v ? &ia[na++] : &ib[nb++]) = k;
		}
	}
	for (k = 0; y && na && nb && n < POOL && k < (na > nb ? na : nb); k++) {
		const double *u = p->x + (size_t)ia[k % na] * nc;
		const double *w = p->x + (size_t)ib[k % nb] * nc;
		double t = (w[cc - 1] - v) / (w[cc - 1] - u[cc - 1]);
		size_t q;

		for (q = 0; q < nc; q++)
			y[(size_t)n * nc + q] = t * u[q] + (1 - t) * w[q];
		y[(size_t)n * nc + cc - 1] = v;
		n++;
	}
	if (!y) { /* out of memory: no points */
		n = 0;
	} else {
		free(p->x);
		p->x = y;
	}
	p->n = n;
	p->next = n % POOL;
}

/* Is v a count the tables hold the true value of (a "<T", an "x" of a
 * cell)? */
static int known(const struct avar *v)
{
	return (v->kind == V_SMALL || v->kind == V_HIDDEN) && v->t >= 0;
}

/* The point of block b's LP (model m) where every count the tables hold
 * the true value of is at that value (known), the others anywhere the
 * relations let them be: the true counts are a point of every LP of the
 * audit, and a candidate is published at its true value, so this point
 * stays a point; into the pool as its truth and into wlo, whi (NULL: not).
 * Tried once per block; the columns' bounds as they were. */
static void truth_point(struct release *r, int m, int b, double *wlo,
			double *whi)
{
	glp_prob *lp = r->lp[m][b];
	struct pool *p = &r->pool[m][b];
	int q, n = r->start[b + 1] - r->start[b];
	double *was = malloc(sizeof(double) * 3 * ((size_t)n + 1)), z;

	if (p->tried || !was) {
		free(was);
		return;
	}
	p->tried = 1;
	for (q = 0; q < n; q++) {
		const struct avar *v = &r->a->vars[r->member[r->start[b] + q]];

		was[3 * q] = glp_get_col_type(lp, q + 1);
		was[3 * q + 1] = glp_get_col_lb(lp, q + 1);
		was[3 * q + 2] = glp_get_col_ub(lp, q + 1);
		if (known(v))
			glp_set_col_bnds(lp, q + 1, GLP_FX, v->value, v->value);
	}
	if (!lp_end(lp, 1, GLP_MIN, &z) && glp_get_prim_stat(lp) == GLP_FEAS &&
	    (p->truth = malloc(sizeof(double) * (size_t)n)) != NULL)
		for (q = 0; q < n; q++) {
			int i = r->member[r->start[b] + q];

			p->truth[q] = glp_get_col_prim(lp, q + 1);
			if (wlo && p->truth[q] < wlo[i])
				wlo[i] = p->truth[q];
			if (whi && p->truth[q] > whi[i])
				whi[i] = p->truth[q];
		}
	for (q = 0; q < n; q++)
		glp_set_col_bnds(lp, q + 1, (int)was[3 * q], was[3 * q + 1],
				 was[3 * q + 2]);
	free(was);
}

/* Points of one round's LPs over every var (a fixed count at its value;
 * NAN: not known), with the vars they are of: the next round mostly
 * suppresses more (its LP grows), and where its vars are the same, every
 * point that meets a block's relations and bounds there is a witness of
 * that block's counts as well (carry_seed). */
struct carry {
	int nvar, np;
	struct avar *vars; /* nvar, their names and (lo, hi) what settle found */
	double *x;         /* np * nvar */
	int *blk;          /* var -> its block (-1: fixed) */
	double *desc;      /* the blocks' LPs (describe) */
	int *off;
	/* the relations: line k's vars and coefficients at lv, lc +
	 * loff[k] .. loff[k + 1]; lhash (lcap, a power of two) their
	 * indices by content, -1 empty */
	int nline, *loff, *lv, *lhash, lcap;
	double *lc;
};

static void carry_free(struct carry *cy)
{
	free(cy->vars);
	free(cy->x);
	free(cy->blk);
	free(cy->desc);
	free(cy->off);
	free(cy->loff);
	free(cy->lv);
	free(cy->lc);
	free(cy->lhash);
	memset(cy, 0, sizeof(*cy));
}

/* Block b's LP of model 0 as numbers, block by block into a new array
 * (block b at (*off)[b] .. (*off)[b + 1]): its vars with their bounds,
 * then each relation of the block, its vars, coefficients and right-hand
 * side.  Two rounds with the same numbers for a block have the same LP
 * there, and its counts the same bounds.  NULL: out of memory. */
static double *describe(const struct release *r, int **off)
{
	const struct audit *a = r->a;
	int *at = calloc((size_t)r->nb + 1, sizeof(int)), b, i, k, j;
	double *d = NULL;

	*off = calloc((size_t)r->nb + 1, sizeof(int));
	if (!at || !*off)
		goto out;
	for (i = 0; i < a->nvar; i++)
		if (r->blk[i] >= 0)
			at[r->blk[i]] += 3;
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];

		for (j = 0, b = -1; j < l->n && b < 0; j++)
			b = r->blk[l->v[j]];
		if (b >= 0)
			at[b] += 2 + 2 * l->n;
	}
	for (b = 0; b < r->nb; b++)
		(*off)[b + 1] = (*off)[b] + at[b];
	d = malloc(sizeof(double) * ((size_t)(*off)[r->nb] + 1));
	if (!d)
		goto out;
	memcpy(at, *off, sizeof(int) * (size_t)r->nb);
	for (i = 0; i < a->nvar; i++) {
		double *x;

		if ((b = r->blk[i]) < 0)
			continue;
		x = d + at[b];
		at[b] += 3;
		x[0] = i;
		var_bounds(&a->vars[i], 0, a->T, &x[1], &x[2]);
	}
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];
		double rhs = 0, *x;

		for (j = 0, b = -1; j < l->n && b < 0; j++)
			b = r->blk[l->v[j]];
		if (b < 0)
			continue;
		x = d + at[b];
		*x++ = -1 - l->n;
		for (j = 0; j < l->n; j++) {
			double cv = r->cval[l->v[j]];

			*x++ = !isnan(cv) ? -1 : l->v[j];
			*x++ = !isnan(cv) ? 0 : l->c[j];
			if (!isnan(cv))
				rhs -= l->c[j] * cv;
		}
		*x++ = rhs;
		at[b] = (int)(x - d);
	}
out:
	free(at);
	if (!d) {
		free(*off);
		*off = NULL;
	}
	return d;
}

/* Are a's vars the carry's? */
static int carry_same(const struct carry *cy, const struct audit *a)
{
	int i;

	if (!cy->vars || cy->nvar != a->nvar)
		return 0;
	for (i = 0; i < a->nvar; i++)
		if (strcmp(cy->vars[i].table, a->vars[i].table) ||
		    strcmp(cy->vars[i].term, a->vars[i].term) ||
		    strcmp(cy->vars[i].level, a->vars[i].level) ||
		    strcmp(cy->vars[i].column, a->vars[i].column))
			return 0;
	return 1;
}

/* Which of r's blocks (same[b]) have the same LP of model 0 as in the
 * carry (describe); their counts' bounds are the carry's. */
static void carry_same_blocks(const struct carry *cy, const struct release *r,
			      const double *desc, const int *off,
			      unsigned char *same)
{
	int b;

	memset(same, 0, (size_t)r->nb + 1);
	if (!desc || !cy->desc || !carry_same(cy, r->a))
		return;
	for (b = 0; b < r->nb; b++) {
		int ob = cy->blk[r->member[r->start[b]]];
		size_t n = (size_t)(off[b + 1] - off[b]);

		same[b] = ob >= 0 && (size_t)(cy->off[ob + 1] - cy->off[ob]) == n &&
			  !memcmp(desc + off[b], cy->desc + cy->off[ob],
				  sizeof(double) * n);
	}
}

/* The hash of a relation's content (its vars and coefficients). */
static unsigned line_hash(const int *v, const double *c, int n)
{
	unsigned h = 2166136261u;
	const unsigned char *p;
	size_t q;

	for (p = (const unsigned char *)v, q = 0; q < sizeof(int) * (size_t)n; q++)
		h = (h ^ p[q]) * 16777619u;
	for (p = (const unsigned char *)c, q = 0; q < sizeof(double) * (size_t)n; q++)
		h = (h ^ p[q]) * 16777619u;
	return h;
}

/* Was relation l one of the carry's? */
static int carry_has_line(const struct carry *cy, const struct aline *l)
{
	unsigned h = line_hash(l->v, l->c, l->n) & (unsigned)(cy->lcap - 1);

	for (; cy->lhash[h] >= 0; h = (h + 1) & (unsigned)(cy->lcap - 1)) {
		int k = cy->lhash[h], o = cy->loff[k];

		if (cy->loff[k + 1] - o == l->n &&
		    !memcmp(cy->lv + o, l->v, sizeof(int) * (size_t)l->n) &&
		    !memcmp(cy->lc + o, l->c, sizeof(double) * (size_t)l->n))
			return 1;
	}
	return 0;
}

/* a's relations into the carry (none when out of memory). */
static void carry_lines(struct carry *cy, const struct audit *a)
{
	int k, nz = 0;

	for (k = 0; k < a->nline; k++)
		nz += a->lines[k].n;
	for (cy->lcap = 64; cy->lcap < 2 * a->nline; cy->lcap *= 2)
		;
	cy->loff = malloc(sizeof(int) * ((size_t)a->nline + 1));
	cy->lv = malloc(sizeof(int) * ((size_t)nz + 1));
	cy->lc = malloc(sizeof(double) * ((size_t)nz + 1));
	cy->lhash = malloc(sizeof(int) * (size_t)cy->lcap);
	if (!cy->loff || !cy->lv || !cy->lc || !cy->lhash) {
		free(cy->lhash);
		cy->lhash = NULL;
		return;
	}
	cy->nline = a->nline;
	cy->loff[0] = 0;
	for (k = 0; k < cy->lcap; k++)
		cy->lhash[k] = -1;
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];
		unsigned h = line_hash(l->v, l->c, l->n) & (unsigned)(cy->lcap - 1);

		memcpy(cy->lv + cy->loff[k], l->v, sizeof(int) * (size_t)l->n);
		memcpy(cy->lc + cy->loff[k], l->c, sizeof(double) * (size_t)l->n);
		cy->loff[k + 1] = cy->loff[k] + l->n;
		if (!carry_has_line(cy, l)) {
			for (; cy->lhash[h] >= 0; h = (h + 1) & (unsigned)(cy->lcap - 1))
				;
			cy->lhash[h] = k;
		}
	}
}

/* Do var i's bounds now (model m) hold its bounds in the carry's round
 * (model 0)? */
static int wider(const struct carry *cy, const struct audit *a, int i, int m)
{
	double lo, hi, olo, ohi;

	var_bounds(&a->vars[i], m, a->T, &lo, &hi);
	var_bounds(&cy->vars[i], 0, a->T, &olo, &ohi);
	return lo <= olo && hi >= ohi;
}

/* Where a block of r's LP (model m) only relaxes the carry's round's (its
 * relations were relations then, and their vars' bounds then lie in
 * their bounds now), every point of that round is a point of the block:
 * the least and greatest value found then of each of its counts are
 * values it can take, into wlo, whi. */
static void carry_relaxed(const struct carry *cy, const struct release *r,
			  int m, double *wlo, double *whi)
{
	const struct audit *a = r->a;
	unsigned char *bad;
	int i, k, j;

	if (!cy->lhash || !carry_same(cy, a) ||
	    !(bad = calloc((size_t)r->nb + 1, 1)))
		return;
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];
		int b = -1;

		for (j = 0; j < l->n && b < 0; j++)
			b = r->blk[l->v[j]];
		if (b < 0 || bad[b])
			continue;
		bad[b] = !carry_has_line(cy, l);
		for (j = 0; j < l->n && !bad[b]; j++)
			bad[b] = !wider(cy, a, l->v[j], m);
	}
	for (i = 0; i < a->nvar; i++)
		if (r->blk[i] >= 0 && !bad[r->blk[i]] && !wider(cy, a, i, m))
			bad[r->blk[i]] = 1;
	for (i = 0; i < a->nvar; i++) {
		const struct avar *o = &cy->vars[i];
		double lo = o->lo, hi = o->hi;

		if (r->blk[i] < 0 || bad[r->blk[i]] || o->kind == V_AUX)
			continue;
		if (o->kind == V_SHOWN)
			lo = hi = o->value;
		if (lo < wlo[i])
			wlo[i] = lo;
		if (hi > whi[i])
			whi[i] = hi;
	}
	free(bad);
}

/* The points of r's pools (model 0) as points over every var: the k-th
 * point of each block's pool (the blocks are independent, so any mix of
 * their points is a point). */
static void carry_keep(struct carry *cy, const struct release *r,
		       double *desc, int *off)
{
	const struct audit *a = r->a;
	int i, k, np = 0;

	for (k = 0; k < r->nb; k++)
		if (r->pool[0][k].n > np)
			np = r->pool[0][k].n;
	carry_free(cy);
	cy->desc = desc;
	cy->off = off;
	cy->vars = malloc(sizeof(*cy->vars) * ((size_t)a->nvar + 1));
	cy->x = malloc(sizeof(double) * ((size_t)np * (size_t)a->nvar + 1));
	cy->blk = malloc(sizeof(int) * ((size_t)a->nvar + 1));
	if (!cy->vars || !cy->x || !cy->blk || !desc) {
		carry_free(cy);
		return; /* no witnesses: every count solved */
	}
	memcpy(cy->vars, a->vars, sizeof(*cy->vars) * (size_t)a->nvar);
	memcpy(cy->blk, r->blk, sizeof(int) * (size_t)a->nvar);
	cy->nvar = a->nvar;
	cy->np = np;
	carry_lines(cy, a);
	for (k = 0; k < np; k++)
		for (i = 0; i < a->nvar; i++) {
			const struct pool *p = r->blk[i] >= 0 ? &r->pool[0][r->blk[i]]
							      : NULL;

			cy->x[(size_t)k * (size_t)a->nvar + i] =
				!p ? r->cval[i]
				: p->n ? p->x[(size_t)(k % p->n) * (size_t)p->ncol +
					      (size_t)r->col[i] - 1]
				: NAN;
		}
}


/* The carried points that are points of r's LP of model m, block by
 * block (r's vars the carry's: else none), into the ranges wlo, whi. */
static void carry_seed(const struct carry *cy, struct release *r, int m,
		       double *wlo, double *whi)
{
	const struct audit *a = r->a;
	unsigned char *ok;
	int i, k, j, p, nb = r->nb;
	size_t nv = (size_t)a->nvar;

	if (!cy->np || !carry_same(cy, a))
		return;
	ok = malloc((size_t)cy->np * (size_t)nb + 1);
	if (!ok)
		return;
	memset(ok, 1, (size_t)cy->np * (size_t)nb);
	for (i = 0; i < a->nvar; i++) {
		double lo, hi;

		if (r->blk[i] < 0)
			continue;
		var_bounds(&a->vars[i], m, a->T, &lo, &hi);
		for (p = 0; p < cy->np; p++)
			if (!within(cy->x[p * nv + i], lo, hi))
				ok[p * nb + r->blk[i]] = 0;
	}
	for (k = 0; k < a->nline; k++) {
		const struct aline *l = &a->lines[k];
		int b = -1;

		for (j = 0; j < l->n && b < 0; j++)
			b = r->blk[l->v[j]];
		for (p = 0; b >= 0 && p < cy->np; p++) {
			double sum = 0, scale = 0;

			for (j = 0; j < l->n; j++) {
				double x = isnan(r->cval[l->v[j]])
					   ? cy->x[p * nv + l->v[j]] : r->cval[l->v[j]];

				sum += l->c[j] * x;
				scale += fabs(l->c[j] * x);
			}
			if (!within(sum, 0, 0) && !(fabs(sum) <= 1e-6 * scale))
				ok[p * nb + b] = 0;
		}
	}
	for (k = 0; k < nb; k++) /* into the pools: carried on */
		for (p = 0; p < cy->np; p++) {
			double *x;

			if (!ok[p * nb + k] || !(x = pool_slot(r, m, k)))
				continue;
			for (j = 0; j < r->start[k + 1] - r->start[k]; j++) {
				i = r->member[r->start[k] + j];
				x[j] = cy->x[p * nv + i];
				if (x[j] < wlo[i])
					wlo[i] = x[j];
				if (x[j] > whi[i])
					whi[i] = x[j];
			}
		}
	free(ok);
}

/* Optimise var j of model m one way (d: 0 least, 1 greatest) into *end;
 * the candidates' values at the optimum into x (nc of them: a candidate
 * of another block is at its own value, which publishing it does not
 * move); the point into the block's pool and into wlo, whi (NULL: not).
 * Nonzero when an LP fails. */
static int bound_dir(struct release *r, int m, int j, int d, double *end,
		     double *x, double *wlo, double *whi)
{
	glp_prob *lp = r->lp[m][r->blk[j]];
	int k;

	if (lp_end(lp, r->col[j], d ? GLP_MAX : GLP_MIN, end))
		return 1;
	/* unbounded: GLPK's last basic point is no optimum, and a candidate's
	 * value there says nothing (NAN: recomputed whenever a candidate is
	 * published) */
	for (k = 0; k < r->nc; k++) {
		int c = r->cand[k];

		if (r->blk[c] != r->blk[j])
			x[k] = r->a->vars[c].value;
		else
			x[k] = isfinite(*end) ? glp_get_col_prim(lp, r->col[c]) : NAN;
	}
	see_point(r, m, r->blk[j], wlo, whi);
	return 0;
}

/* Bound var j of model m as far as its leak or safety needs (*lo, *hi):
 * not at all where the points seen so far (its range wlo[j]..whi[j],
 * kept up to date) show it safe (sure_safe), else its greatest value
 * (most often what tells: a count at most 0, or one that reaches T),
 * and its least only where that still does not tell.  A bound not
 * solved is the range's (a count shown safe has no use for its exact
 * bounds); the candidates' values at an optimum not solved are NAN
 * (xmin, xmax); *solved (NULL: not) gets 1 where its least value was
 * solved, 2 where its greatest.  Nonzero when an LP fails. */
static int settle(struct release *r, int m, int j, double *wlo, double *whi,
		  double *lo, double *hi, double *xmin, double *xmax,
		  int *solved)
{
	const struct avar *v = &r->a->vars[j];
	int k;

	for (k = 0; k < r->nc; k++)
		xmin[k] = xmax[k] = NAN;
	*lo = wlo[j];
	*hi = whi[j];
	if (sure_safe(v, m, r->a->T, wlo[j], whi[j], 0))
		return 0;
	truth_point(r, m, r->blk[j], wlo, whi);
	*lo = wlo[j];
	*hi = whi[j];
	if (sure_safe(v, m, r->a->T, wlo[j], whi[j], 0))
		return 0;
	if (bound_dir(r, m, j, 1, hi, xmax, wlo, whi))
		return 1;
	if (solved)
		*solved |= 2;
	if (*hi > whi[j])
		whi[j] = *hi;
	*lo = wlo[j];
	if (sure_safe(v, m, r->a->T, wlo[j], *hi, 1))
		return 0;
	if (bound_dir(r, m, j, 0, lo, xmin, wlo, whi))
		return 1;
	if (solved)
		*solved |= 1;
	if (*lo < wlo[j])
		wlo[j] = *lo;
	return 0;
}

/* p's bounds in the whole LP (var p is column j), and every column's
 * reduced cost at the least (dual[0..n)) and at the greatest
 * (dual[n..2n)) optimum.  Nonzero when an LP fails. */
static int bound_duals(glp_prob *lp, struct avar *p, int j, int n, double *dual)
{
	int d, c;

	for (d = 0; d < 2; d++) {
		if (lp_end(lp, j, d ? GLP_MAX : GLP_MIN, d ? &p->hi : &p->lo))
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
 * before (a point still), that often tells (sure_safe); else its least
 * too.  c's bounds and p's stay as they were. */
static int frees(struct audit *a, glp_prob *lp, struct avar *p, int i, int c)
{
	double lo = p->lo, hi = p->hi;
	int ok;

	glp_set_col_bnds(lp, c + 1, GLP_LO, 0, 0);
	ok = !lp_end(lp, i + 1, GLP_MAX, &p->hi);
	if (ok && !sure_safe(p, 0, a->T, lo, p->hi, 1))
		ok = !lp_end(lp, i + 1, GLP_MIN, &p->lo) && !unsafe(p, a->T);
	if (!ok)
		set_bounds(lp, &a->vars[c], c + 1, a->T);
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
	stats_phase(PH_BOUND);
	if (make_blocks(&blocks, a, 1)) {
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
	desc = describe(&blocks, &off);
	same = malloc((size_t)blocks.nb + 1);
	if (!same) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* a block whose LP is the last round's: the bounds found then */
	carry_same_blocks(cy, &blocks, desc, off, same);
	carry_seed(cy, &blocks, 0, wlo, whi);
	carry_relaxed(cy, &blocks, 0, wlo, whi);
	for (i = 0; i < a->nvar; i++) {
		struct avar *v = &a->vars[i];

		if (v->kind == V_SHOWN || v->kind == V_AUX)
			continue;
		if (blocks.blk[i] < 0) { /* the relations give its value */
			v->lo = v->hi = blocks.cval[i];
		} else if (same[blocks.blk[i]]) {
			v->lo = cy->vars[i].lo;
			v->hi = cy->vars[i].hi;
		} else if (settle(&blocks, 0, i, wlo, whi, &v->lo, &v->hi,
				  NULL, NULL, NULL)) {
			st = ko_err_set(err, KO_ERR_NUMERIC,
					"export audit: linear program failed");
			goto out;
		}
	}
	carry_keep(cy, &blocks, desc, off);
	desc = NULL;
	off = NULL;
	free_blocks(&blocks);
	stats_phase(PH_CHOOSE);
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
	free_blocks(&blocks);
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
 * (pool_range).  Nonzero when an LP fails. */
static int straddle(struct release *r, int c)
{
	int m, d;
	double x;

	for (m = 0; m < 2; m++)
		for (d = 0; d < 2; d++) {
			if (lp_end(r->lp[m][r->blk[c]], r->col[c],
				   d ? GLP_MAX : GLP_MIN, &x))
				return 1;
			see_point(r, m, r->blk[c], NULL, NULL);
		}
	return 0;
}

/* Fix (v) or free again (v NAN: its bounds by set_bounds_m) candidate c
 * in both models. */
static void fix_m(struct release *r, int c, double v)
{
	int m;

	for (m = 0; m < 2; m++) {
		glp_prob *lp = r->lp[m][r->blk[c]];

		if (isnan(v))
			set_bounds_m(lp, &r->a->vars[c], r->col[c], r->a->T, m);
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

/* Var j's points for the ends settle did not solve (r->ex 0): the
 * pool's least and greatest (its truth point too), where they show it
 * safe; else none (NAN: found when a candidate is tried). */
static void first_points(struct release *r, int m, int j)
{
	size_t at = (size_t)j * r->nc;
	struct recipe rec[2];
	double w[2], b[2];
	int d, k;

	pool_range(r, m, j, 0, 0, NULL, NULL, 0, &w[0], &w[1], rec);
	for (d = 0; d < 2; d++)
		b[d] = r->ex[m][2 * j + d] ? (d ? r->hi : r->lo)[m][j] : w[d];
	for (d = 0; d < 2; d++) {
		if (r->ex[m][2 * j + d])
			continue;
		if (!sure_safe(&r->a->vars[j], m, r->a->T, b[0], b[1],
			       r->ex[m][2 * j + 1])) {
			for (k = 0; k < r->nc; k++)
				r->x[m][d][at + k] = NAN;
			continue;
		}
		(d ? r->hi : r->lo)[m][j] = w[d];
		recipe_at(r, m, j, 0, NULL, &rec[d], r->x[m][d] + at);
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
 * (pool_range) stands in for a bound moved (an optimum that still holds
 * v stays exact); where that does not show j safe (sure_safe), the moved
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
	truth_point(r, m, r->blk[j], NULL, NULL);
	pool_range(r, m, j, r->col[c], v, es, ey, 2, &w[0], &w[1], rec);
	for (d = 0; d < 2; d++)
		b[d] = exact[d] ? ey[d] : w[d];
	for (d = 1; d >= 0; d--) { /* the greatest first, as settle */
		if (exact[d] || sure_safe(var, m, a->T, b[0], b[1], exact[1]))
			continue;
		if (bound_dir(r, m, j, d, &b[d], tx[m][d] + at, NULL, NULL))
			return 1;
		tstate[(m * r->nv + j) * 2 + d] = 1;
		(d ? thi : tlo)[m * r->nv + j] = b[d];
		exact[d] = 1;
		if (d && !exact[0]) { /* the new point may settle the rest */
			pool_range(r, m, j, r->col[c], v, es, ey, 2, &w[0], &w[1],
				   rec);
			b[0] = w[0];
		}
	}
	safe = sure_safe(var, m, a->T, b[0], b[1], exact[1]);
	if (!safe)
		*ok = !leak_m(a, j, m, b[0], b[1]);
	for (d = 0; safe && d < 2; d++) /* the points that show it */
		if (!exact[d]) {
			tstate[(m * r->nv + j) * 2 + d] = 2;
			(d ? thi : tlo)[m * r->nv + j] = w[d];
			recipe_at(r, m, j, 2, ec, &rec[d], tx[m][d] + at);
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
	stats_phase(PH_RELEASE);
	stats.ncand = r.nc;
	if (make_blocks(&r, a, 2))
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
		carry_seed(cy, &r, m, tlo, thi);
		carry_relaxed(cy, &r, m, tlo, thi);
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
				   settle(&r, m, j, tlo, thi, &r.lo[m][j],
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
			fprintf(stderr, "CAND k=%d ok=%d solves=%ld %s|%s|%s|%s val=%g\n", k, ok, stats.solves[PH_RELEASE], a->vars[c].table, a->vars[c].term, a->vars[c].level, a->vars[c].column, v);
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
				pool_fix(&r, m, r.blk[c], r.col[c], v);
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
	free_blocks(&r);
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
	memset(&stats, 0, sizeof(stats));
	stats_phase(PH_BOUND);
	for (rounds = 0; rounds < 200; rounds++) {
		st = round_once(&a, &carry, &chosen, err);
		stats.rounds++;
		if (getenv("KOHORT_AUDIT_STATS") &&
		    !strcmp(getenv("KOHORT_AUDIT_STATS"), "2"))
			fprintf(stderr, "round %d: chosen %d, bounds %ld, choices %ld\n",
				rounds, chosen, stats.solves[PH_BOUND],
				stats.solves[PH_CHOOSE]);
		stats.nvar = a.nvar;
		stats.nline = a.nline;
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
		stats.released = released;
	}
	for (i = 0; !st && i < n; i++)
		hide_percentages(tables[i]);
	stats_phase(PH_CHOOSE);
	stats_print();
	carry_free(&carry);
	audit_clear(&a);
	free(a.kept);
	free(a.hash);
	free(a.vars);
	free(a.lines);
	if (!st && added)
		*added = total;
	return st;
}
