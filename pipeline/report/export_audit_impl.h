/* export_audit_impl.h - what the two parts of the whole-export audit share
 * (export_audit.h): the audit's variables and relations, built from the
 * tables by export_audit_rel.c (the relations the whole-export attacker
 * builds from the files), bounded and acted on by export_audit.c (the
 * linear programs, the further suppression, the release of complements).
 * Private to the two. */
#ifndef KO_EXPORT_AUDIT_IMPL_H
#define KO_EXPORT_AUDIT_IMPL_H

#include "lang.h"
#include "table.h"

/* V_AUX: a number that is not a count (a person-years cell, a slack of
 * an inequality), bounded by [lo, hi] (struct avar's min/max), never
 * checked or suppressed by the audit */
enum vkind { V_SHOWN, V_SMALL, V_HIDDEN, V_UNPUBLISHED, V_AUX };

struct avar {
	char table[64], term[96], level[96], column[160];
	enum vkind kind;
	double value;    /* V_SHOWN */
	double lo, hi;   /* the audit's bounds */
	double min, max; /* V_AUX: what the export says of it */
	int t, row, col; /* the cell (t < 0: an unpublished count) */
};

struct aline {
	int n, cap;
	int *v;
	double *c; /* sum c[i] x[v[i]] = 0 */
};

struct audit {
	struct ko_table *const *tables;
	int ntab, T;
	enum ko_lang lang; /* the tables' language: names are read in English */
	struct avar *vars;
	int nvar, capvar;
	struct aline *lines;
	int nline, capline;
	int nomem;
	/* the follow-up of one child from birth to the end age, in years: a
	 * child censored there is followed [py_min, py_max], any other less
	 * (py_max 0: no follow-up table); from_birth: the end-age row's
	 * person-years are its children times that span (no later entry) */
	double py_min, py_max;
	int from_birth;
	/* the cells published again because the other published numbers give
	 * them back exactly (export_audit.c's round_once): never hidden again,
	 * {table, row, col} each */
	int (*kept)[3];
	int nkept, capkept;
	/* audit_find's index of the vars' names (open addressing, hcap a
	 * power of two; -1 empty; NULL: none) */
	int *hash, hcap;
};

/* Every published count and every relation between them (a->vars,
 * a->lines), from the tables as they are now. */
void audit_build(struct audit *a);
/* Forget every variable and relation (the arrays and the index stay). */
void audit_clear(struct audit *a);
/* The variable (table, term, level, column), -1. */
int audit_find(const struct audit *a, const char *table, const char *term,
	       const char *level, const char *column);
/* A row's term: its term, else its label. */
const char *audit_row_term(const struct ko_table_row *row);
/* A count cell (count, or count with percent). */
int audit_is_count(const struct ko_cell *cell);

/* ---- the linear programs (export_audit_lp.c) --------------------------- */

/* What the audit spent, by phase (LP solves, CPU seconds), written to
 * stderr when the environment has KOHORT_AUDIT_STATS (a measurement for
 * developers, not an output): round_once's bounds, its choices, and
 * release_complements. */
enum { PH_BOUND, PH_CHOOSE, PH_RELEASE, PH_N };
struct audit_stats {
	int phase;
	long solves[PH_N];
	double cpu[PH_N];
	int rounds, kept, released, nvar, nline, maxblock, nblock, ncand;
};
extern struct audit_stats audit_stats;

struct glp_prob;

/* The relations fall apart into blocks: two counts not fixed (a shown
 * count or a fixed person-years is a constant) are in one block when a
 * relation holds both, or a count in a block with each.  A count's bounds
 * depend only on its block's relations, and publishing a cell again
 * (fixing it) moves only the bounds of its own block: one LP per block
 * (the fixed counts in its relations' right-hand sides) instead of one
 * for all, each solve as small as its block. */
struct release {
	const struct audit *a;
	struct glp_prob **lp[2];      /* [model][block] */
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
 * each count can go (audit_sure_safe), without a solve. */
#define POOL 64
struct pool {
	int n, next, ncol;
	double *x;     /* POOL * ncol */
	double *truth; /* ncol: audit_truth_point, NULL */
	int tried;     /* audit_truth_point tried */
};

/* A point as the sources it is on the segment between: t * a + (1 - t)
 * * b (audit_pool_range's sources: 0..ne-1 its extra points, ne the truth
 * point, ne + 1 + k the pool's point k). */
struct recipe {
	int a, b;
	double t;
};

/* Points of one round's LPs over every var (a fixed count at its value;
 * NAN: not known), with the vars they are of: the next round mostly
 * suppresses more (its LP grows), and where its vars are the same, every
 * point that meets a block's relations and bounds there is a witness of
 * that block's counts as well (audit_carry_seed). */
struct carry {
	int nvar, np;
	struct avar *vars; /* nvar, their names and (lo, hi) what audit_settle found */
	double *x;         /* np * nvar */
	int *blk;          /* var -> its block (-1: fixed); vars, x and blk
			      are one block, vars' */
	double *desc;      /* the blocks' LPs (audit_describe) */
	int *off;
	/* the relations: line k's vars and coefficients at lv, lc +
	 * loff[k] .. loff[k + 1]; lhash (lcap, a power of two) their
	 * indices by content, -1 empty; the four are one block, lc's */
	int nline, *loff, *lv, *lhash, lcap;
	double *lc;
};

/* ko_disclosure_lp_end, counted (audit_stats). */
int audit_lp_end(struct glp_prob *lp, int j, int dir, double *x);

/* The phase the next solves and CPU go to (PH_*). */
void audit_stats_phase(int phase);

/* audit_stats to stderr where KOHORT_AUDIT_STATS is set. */
void audit_stats_print(void);

/* Column j's bounds: v's in model m (0: the audit's, 1: the tables'). */
void audit_set_bounds_m(struct glp_prob *lp, const struct avar *v, int j,
	int T, int m);

/* audit_set_bounds_m in model 0. */
void audit_set_bounds(struct glp_prob *lp, const struct avar *v, int j, int T);

/* Does v's range wlo..whi over points seen show it safe in model m? */
int audit_sure_safe(const struct avar *v, int m, int T, double wlo, double whi,
	int exact);

/* Block b's last optimum into its pool and the ranges wlo, whi. */
void audit_see_point(struct release *r, int m, int b, double *wlo, double *whi);

/* Var j's range over the pool's points (and more) at column cc = v. */
void audit_pool_range(const struct release *r, int m, int j, int cc, double v,
	const double *es, const double *ey, int ne, double *wlo, double *whi,
	struct recipe *rec);

/* The candidates' values at a point of audit_pool_range. */
void audit_recipe_at(const struct release *r, int m, int j, int ne,
	double *const *ec, const struct recipe *rc, double *x);

/* Column cc of block b published at v: the pool's points that hold it. */
void audit_pool_fix(struct release *r, int m, int b, int cc, double v);

/* Block b's point with every known count at its true value. */
void audit_truth_point(struct release *r, int m, int b, double *wlo,
	double *whi);

/* Forget the carry. */
void audit_carry_free(struct carry *cy);

/* This round's points, bounds, LPs (desc, off: taken) into the carry. */
void audit_carry_keep(struct carry *cy, const struct release *r, double *desc,
	int *off);

/* The carried points that are points of r's LP into wlo, whi. */
void audit_carry_seed(const struct carry *cy, struct release *r, int m,
	double *wlo, double *whi);

/* Where a block only relaxes the carry's LP: its bounds then. */
void audit_carry_relaxed(const struct carry *cy, const struct release *r,
	int m, double *wlo, double *whi);

/* The blocks whose LP is the carry's (same[b]). */
void audit_carry_same_blocks(const struct carry *cy, const struct release *r,
	const double *desc, const int *off, unsigned char *same);

/* Every block's LP of model 0 as numbers (block b at (*off)[b]). */
double *audit_describe(const struct release *r, int **off);

/* The blocks of a's relations and their LPs of models 0..nm-1. */
int audit_make_blocks(struct release *r, const struct audit *a, int nm);

/* Free the blocks and their LPs. */
void audit_free_blocks(struct release *r);

/* Var j's least (d 0) or greatest (d 1) value in model m. */
int audit_bound_dir(struct release *r, int m, int j, int d, double *end,
	double *x, double *wlo, double *whi);

/* Var j bounded in model m as far as its safety needs. */
int audit_settle(struct release *r, int m, int j, double *wlo, double *whi,
	double *lo, double *hi, double *xmin, double *xmax, int *solved);

#endif
