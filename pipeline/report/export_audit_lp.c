/* export_audit_lp.c - the linear programs of the whole-export audit
 * (export_audit.h): the blocks of the relations and their LPs, the
 * constants the relations fix, and what the feasible points seen so far
 * show without a solve (the pools, the truth point, the carry between
 * rounds).  export_audit.c bounds with them, chooses and releases. */
#include "export_audit_impl.h"
#include "disclosure.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct audit_stats audit_stats;

int audit_lp_end(glp_prob *lp, int j, int dir, double *x)
{
	audit_stats.solves[audit_stats.phase]++;
	return ko_disclosure_lp_end(lp, j, dir, x);
}

void audit_stats_phase(int phase)
{
	static clock_t at;
	clock_t now = clock();

	audit_stats.cpu[audit_stats.phase] += (double)(now - at) / CLOCKS_PER_SEC;
	at = now;
	audit_stats.phase = phase;
}

void audit_stats_print(void)
{
	if (!getenv("KOHORT_AUDIT_STATS"))
		return;
	fprintf(stderr, "export audit: %d vars, %d relations, %d blocks (largest "
		"%d columns); %d rounds, %d kept; bounds %ld solves %.1f s, "
		"choices %ld solves %.1f s; release %d candidates, %d released, "
		"%ld solves %.1f s\n", audit_stats.nvar, audit_stats.nline, audit_stats.nblock,
		audit_stats.maxblock, audit_stats.rounds, audit_stats.kept, audit_stats.solves[PH_BOUND],
		audit_stats.cpu[PH_BOUND], audit_stats.solves[PH_CHOOSE], audit_stats.cpu[PH_CHOOSE],
		audit_stats.ncand, audit_stats.released, audit_stats.solves[PH_RELEASE],
		audit_stats.cpu[PH_RELEASE]);
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

void audit_set_bounds_m(glp_prob *lp, const struct avar *v, int j, int T,
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

void audit_set_bounds(glp_prob *lp, const struct avar *v, int j, int T)
{
	audit_set_bounds_m(lp, v, j, T, 0);
}



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
 * audit_set_bounds_m).  Nonzero when out of memory. */
int audit_make_blocks(struct release *r, const struct audit *a, int nm)
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
	audit_stats.nblock = r->nb;
	audit_stats.maxblock = 0;
	for (k = 0; k < r->nb; k++)
		if (ncol[k] > audit_stats.maxblock)
			audit_stats.maxblock = ncol[k];
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
				audit_set_bounds_m(r->lp[m][r->blk[i]], &a->vars[i],
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

void audit_free_blocks(struct release *r)
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
int audit_sure_safe(const struct avar *v, int m, int T, double wlo, double whi,
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
void audit_see_point(struct release *r, int m, int b, double *wlo, double *whi)
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


/* The range of var j over the points of its block's pool (model m), its
 * truth point and ne more points of which only column cc's and j's
 * values are known (es, ey), with column cc (0: any point) at v: the
 * points at v, and on the segment between two points on either side of
 * v, the point at v (the feasible set is convex).  The points of the
 * least and the greatest into rec[0], rec[1] (NULL: not). */
void audit_pool_range(const struct release *r, int m, int j, int cc, double v,
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

/* The value of candidate kk at source s of audit_pool_range (var j's block,
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
void audit_recipe_at(const struct release *r, int m, int j, int ne,
		      double *const *ec, const struct recipe *rc, double *x)
{
	int kk;

	for (kk = 0; kk < r->nc; kk++)
		x[kk] = rc->t * source_at(r, m, j, ne, ec, rc->a, kk) +
			(1 - rc->t) * source_at(r, m, j, ne, ec, rc->b, kk);
}

/* Column cc of block b fixed at v for good: the points that hold it
 * stay, and the points at v between two points on either side of it
 * (audit_pool_range) fill the pool. */
void audit_pool_fix(struct release *r, int m, int b, int cc, double v)
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
void audit_truth_point(struct release *r, int m, int b, double *wlo,
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
	if (!audit_lp_end(lp, 1, GLP_MIN, &z) && glp_get_prim_stat(lp) == GLP_FEAS &&
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


void audit_carry_free(struct carry *cy)
{
	free(cy->vars); /* and x, blk: one block (audit_carry_keep) */
	free(cy->desc);
	free(cy->off);
	free(cy->lc);   /* and loff, lv, lhash: one block (carry_lines) */
	memset(cy, 0, sizeof(*cy));
}

/* Block b's LP of model 0 as numbers, block by block into a new array
 * (block b at (*off)[b] .. (*off)[b + 1]): its vars with their bounds,
 * then each relation of the block, its vars, coefficients and right-hand
 * side.  Two rounds with the same numbers for a block have the same LP
 * there, and its counts the same bounds.  NULL: out of memory. */
double *audit_describe(const struct release *r, int **off)
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
 * carry (audit_describe); their counts' bounds are the carry's. */
void audit_carry_same_blocks(const struct carry *cy, const struct release *r,
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
	size_t nints;

	for (k = 0; k < a->nline; k++)
		nz += a->lines[k].n;
	for (cy->lcap = 64; cy->lcap < 2 * a->nline; cy->lcap *= 2)
		;
	/* one block: lc's doubles, then loff's, lv's and lhash's ints */
	nints = (size_t)a->nline + 1 + (size_t)nz + 1 + (size_t)cy->lcap;
	cy->lc = malloc(sizeof(double) * ((size_t)nz + 1) + sizeof(int) * nints);
	if (!cy->lc)
		return;
	cy->loff = (int *)(void *)(cy->lc + nz + 1);
	cy->lv = cy->loff + a->nline + 1;
	cy->lhash = cy->lv + nz + 1;
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
void audit_carry_relaxed(const struct carry *cy, const struct release *r,
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
void audit_carry_keep(struct carry *cy, const struct release *r,
		       double *desc, int *off)
{
	const struct audit *a = r->a;
	int i, k, np = 0;
	size_t nv, nx;

	for (k = 0; k < r->nb; k++)
		if (r->pool[0][k].n > np)
			np = r->pool[0][k].n;
	audit_carry_free(cy);
	cy->desc = desc;
	cy->off = off;
	/* one block: vars, x, then blk's ints */
	nv = (size_t)a->nvar + 1;
	nx = (size_t)np * (size_t)a->nvar + 1;
	cy->vars = malloc(sizeof(*cy->vars) * nv + sizeof(double) * nx +
			  sizeof(int) * nv);
	if (!cy->vars || !desc) {
		audit_carry_free(cy);
		return; /* no witnesses: every count solved */
	}
	cy->x = (double *)(void *)(cy->vars + nv);
	cy->blk = (int *)(void *)(cy->x + nx);
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
void audit_carry_seed(const struct carry *cy, struct release *r, int m,
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
int audit_bound_dir(struct release *r, int m, int j, int d, double *end,
		     double *x, double *wlo, double *whi)
{
	glp_prob *lp = r->lp[m][r->blk[j]];
	int k;

	if (audit_lp_end(lp, r->col[j], d ? GLP_MAX : GLP_MIN, end))
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
	audit_see_point(r, m, r->blk[j], wlo, whi);
	return 0;
}

/* Bound var j of model m as far as its leak or safety needs (*lo, *hi):
 * not at all where the points seen so far (its range wlo[j]..whi[j],
 * kept up to date) show it safe (audit_sure_safe), else its greatest value
 * (most often what tells: a count at most 0, or one that reaches T),
 * and its least only where that still does not tell.  A bound not
 * solved is the range's (a count shown safe has no use for its exact
 * bounds); the candidates' values at an optimum not solved are NAN
 * (xmin, xmax); *solved (NULL: not) gets 1 where its least value was
 * solved, 2 where its greatest.  Nonzero when an LP fails. */
int audit_settle(struct release *r, int m, int j, double *wlo, double *whi,
		  double *lo, double *hi, double *xmin, double *xmax,
		  int *solved)
{
	const struct avar *v = &r->a->vars[j];
	int k;

	for (k = 0; k < r->nc; k++)
		xmin[k] = xmax[k] = NAN;
	*lo = wlo[j];
	*hi = whi[j];
	if (audit_sure_safe(v, m, r->a->T, wlo[j], whi[j], 0))
		return 0;
	audit_truth_point(r, m, r->blk[j], wlo, whi);
	*lo = wlo[j];
	*hi = whi[j];
	if (audit_sure_safe(v, m, r->a->T, wlo[j], whi[j], 0))
		return 0;
	if (audit_bound_dir(r, m, j, 1, hi, xmax, wlo, whi))
		return 1;
	if (solved)
		*solved |= 2;
	if (*hi > whi[j])
		whi[j] = *hi;
	*lo = wlo[j];
	if (audit_sure_safe(v, m, r->a->T, wlo[j], *hi, 1))
		return 0;
	if (audit_bound_dir(r, m, j, 0, lo, xmin, wlo, whi))
		return 1;
	if (solved)
		*solved |= 1;
	if (*lo < wlo[j])
		wlo[j] = *lo;
	return 0;
}

