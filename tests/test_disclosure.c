/* test_disclosure.c - primary and secondary suppression, played against
 * three attackers (line elimination, linear programs formulated here
 * independently of the library, and integer enumeration on small tables),
 * and a check that no exported file shows a suppressed count. */
#include "ko_test.h"

#include <glpk.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disclosure.h"
#include "table.h"

/* A small deterministic generator (the tests must not depend on libc's
 * rand()): splitmix64. */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rng_int(int n)
{
	return (int)(rng_next() % (uint64_t)n);
}

static int cells_of(const struct ko_ctable *ct)
{
	return (ct->nrow + ct->col_totals) * ct->stride;
}

/* A random count table: a mixture of zeros, small and larger counts. */
static void random_table(struct ko_ctable *ct, int max_rows, int max_cols,
			 int big)
{
	int r, c, shape = rng_int(10);
	struct ko_err err;

	assert_int_equal(ko_ctable_init(ct, 1 + rng_int(max_rows),
					1 + rng_int(max_cols), shape < 8 || shape == 8,
					shape < 6 || shape == 9, &err),
			 KO_OK);
	for (r = 0; r < ct->nrow; r++) {
		for (c = 0; c < ct->ncol; c++) {
			int kind = rng_int(10);
			long v = kind < 1   ? 0
				 : kind < 5 ? 1 + rng_int(4)
					    : 5 + rng_int(big);

			*ko_ctable_n(ct, r, c) = v;
		}
	}
	assert_int_equal(ko_ctable_sum_totals(ct), KO_OK);
}

/* Every line of the extended grid as a list of cell indices, total last. */
static int line_of(const struct ko_ctable *ct, int k, int *idx)
{
	int i, m = 0, nrl = ct->row_totals ? ct->nrow + ct->col_totals : 0;

	if (k < nrl) {
		for (i = 0; i <= ct->ncol; i++)
			idx[m++] = k * ct->stride + i;
		return m;
	}
	k -= nrl;
	if (!ct->col_totals || k >= ct->stride)
		return 0;
	for (i = 0; i <= ct->nrow; i++)
		idx[m++] = i * ct->stride + k;
	return m;
}

/* ---- attacker 1: repeated single-unknown elimination ------------------- */

static int eliminate(const struct ko_ctable *ct, int *solved)
{
	int n = cells_of(ct), k, i, progress = 1, found = 0;
	int *known = malloc(sizeof(int) * (size_t)n);
	int idx[64];

	for (i = 0; i < n; i++)
		known[i] = ct->supp[i] == KO_SUPP_NONE;
	while (progress) {
		progress = 0;
		for (k = 0; line_of(ct, k, idx) || k < 2 * (ct->nrow + ct->ncol + 2); k++) {
			int m = line_of(ct, k, idx), unknown = 0, last = -1;

			for (i = 0; i < m; i++)
				if (!known[idx[i]]) {
					unknown++;
					last = idx[i];
				}
			if (m && unknown == 1) {
				known[last] = 1;
				solved[found++] = last;
				progress = 1;
			}
		}
	}
	free(known);
	return found;
}

/* ---- attacker 2: linear programs over the whole grid -------------------
 * One column per cell (published cells fixed), one row per line; a
 * suppressed cell's range is [min, max].  strong: "<T" in [1, T-1] and
 * "x" >= T (>= 1 for a "<T" shown as "x", the library's rule: its count
 * is below T); weak: every cell >= 0. */
static void lp_ranges(const struct ko_ctable *ct, int threshold, int strong,
		      double *lo, double *hi)
{
	int n = cells_of(ct), i, k, rc, idx[64], ind[64];
	double val[64];
	glp_prob *lp = glp_create_prob();
	glp_smcp parm;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	glp_add_cols(lp, n);
	for (i = 0; i < n; i++) {
		double v = (double)ct->n[i];

		if (ct->supp[i] == KO_SUPP_NONE)
			glp_set_col_bnds(lp, i + 1, GLP_FX, v, v);
		else if (!strong)
			glp_set_col_bnds(lp, i + 1, GLP_LO, 0, 0);
		else if (ct->supp[i] == KO_SUPP_PRIMARY)
			glp_set_col_bnds(lp, i + 1, GLP_DB, 1, threshold - 1);
		else
			glp_set_col_bnds(lp, i + 1, GLP_LO,
					 v < threshold ? 1 : threshold, 0);
	}
	for (k = 0; k < 200; k++) {
		int m = line_of(ct, k, idx), row;

		if (!m)
			continue;
		for (i = 0; i < m; i++) {
			ind[i + 1] = idx[i] + 1;
			val[i + 1] = i == m - 1 ? -1 : 1;
		}
		row = glp_add_rows(lp, 1);
		glp_set_row_bnds(lp, row, GLP_FX, 0, 0);
		glp_set_mat_row(lp, row, m, ind, val);
	}
	if (getenv("KO_LP_DUMP"))
		glp_write_lp(lp, NULL, getenv("KO_LP_DUMP"));
	for (i = 0; i < n; i++) {
		lo[i] = hi[i] = (double)ct->n[i];
		if (ct->supp[i] == KO_SUPP_NONE)
			continue;
		glp_set_obj_coef(lp, i + 1, 1);
		glp_set_obj_dir(lp, GLP_MIN);
		assert_int_equal(glp_simplex(lp, &parm), 0);
		assert_int_equal(glp_get_status(lp), GLP_OPT);
		lo[i] = glp_get_obj_val(lp);
		glp_set_obj_dir(lp, GLP_MAX);
		rc = glp_simplex(lp, &parm);
		/* the presolver reports an unbounded maximum as "no dual
		 * feasible solution" */
		assert_true(rc == 0 || rc == GLP_ENODFS);
		hi[i] = rc == GLP_ENODFS || glp_get_status(lp) == GLP_UNBND
				? INFINITY
				: glp_get_obj_val(lp);
		glp_set_obj_coef(lp, i + 1, 0);
	}
	glp_delete_prob(lp);
}

/* ---- attacker 3: every integer completion (small tables) --------------- */

struct enum_ctx {
	const struct ko_ctable *ct;
	int threshold, nvar, *var;
	long cap, *x, *seen_min, *seen_max, solutions;
};

static int lines_ok(const struct enum_ctx *e, int upto)
{
	int k, i, idx[64];

	/* a line is checked once all of its unknowns (vars < upto) are set */
	for (k = 0; k < 200; k++) {
		int m = line_of(e->ct, k, idx), complete = 1;
		long sum = 0;

		if (!m)
			continue;
		for (i = 0; i < m && complete; i++) {
			int j;

			for (j = upto; j < e->nvar; j++)
				complete &= e->var[j] != idx[i];
		}
		if (!complete)
			continue;
		for (i = 0; i < m - 1; i++)
			sum += e->x[idx[i]];
		if (sum != e->x[idx[m - 1]])
			return 0;
	}
	return 1;
}

static void enumerate(struct enum_ctx *e, int j)
{
	long v, from, to;
	int cell;

	if (j == e->nvar) {
		int i;

		e->solutions++;
		for (i = 0; i < e->nvar; i++) {
			long xv = e->x[e->var[i]];

			if (xv < e->seen_min[i])
				e->seen_min[i] = xv;
			if (xv > e->seen_max[i])
				e->seen_max[i] = xv;
		}
		return;
	}
	cell = e->var[j];
	from = e->ct->supp[cell] == KO_SUPP_PRIMARY ||
			       e->ct->n[cell] < e->threshold
		       ? 1
		       : e->threshold;
	to = e->ct->supp[cell] == KO_SUPP_PRIMARY ? e->threshold - 1 : e->cap;
	for (v = from; v <= to; v++) {
		e->x[cell] = v;
		if (lines_ok(e, j + 1))
			enumerate(e, j + 1);
	}
	e->x[cell] = e->ct->n[cell];
}

/* Number of suppressed cells the enumeration pins to one value. */
static int enumerate_exposed(const struct ko_ctable *ct, int threshold)
{
	int n = cells_of(ct), i, exposed = 0;
	struct enum_ctx e = {ct, threshold, 0, NULL, 0, NULL, NULL, NULL, 0};

	e.var = malloc(sizeof(int) * (size_t)n);
	e.x = malloc(sizeof(long) * (size_t)n);
	e.seen_min = malloc(sizeof(long) * (size_t)n);
	e.seen_max = malloc(sizeof(long) * (size_t)n);
	for (i = 0; i < n; i++) {
		e.x[i] = ct->n[i];
		e.cap += ct->n[i]; /* more than any cell: a generous cap */
		if (ct->supp[i] != KO_SUPP_NONE) {
			e.seen_min[e.nvar] = LONG_MAX;
			e.seen_max[e.nvar] = LONG_MIN;
			e.var[e.nvar++] = i;
		}
	}
	enumerate(&e, 0);
	assert_true(e.solutions >= 1); /* the true table is one */
	for (i = 0; i < e.nvar; i++)
		exposed += e.seen_min[i] == e.seen_max[i];
	free(e.var);
	free(e.x);
	free(e.seen_min);
	free(e.seen_max);
	return exposed;
}

/* How many "<T" counts the library shows as "x" (secondary, count below
 * T): only where the "<T" labels would pin a cell whatever else is
 * hidden. */
static int small_as_x(const struct ko_ctable *ct, int threshold)
{
	int i, n = 0;

	for (i = 0; i < cells_of(ct); i++)
		n += ct->supp[i] == KO_SUPP_SECONDARY && ct->n[i] > 0 &&
		     ct->n[i] < threshold;
	return n;
}

/* ---- the rules ---------------------------------------------------------- */

/* Every 1..T-1 count is suppressed ("<T", or "x" where the "<T" labels
 * would pin a cell), every line has 0 or >= 2 suppressed cells, and no
 * zero is suppressed. */
static void check_rules(const struct ko_ctable *ct, int threshold)
{
	int i, k, idx[64];

	for (i = 0; i < cells_of(ct); i++) {
		long v = ct->n[i];

		if (v > 0 && v < threshold)
			assert_true(ct->supp[i] == KO_SUPP_PRIMARY ||
				    ct->supp[i] == KO_SUPP_SECONDARY);
		if (v == 0)
			assert_int_equal(ct->supp[i], KO_SUPP_NONE);
	}
	for (k = 0; k < 200; k++) {
		int m = line_of(ct, k, idx), s = 0;

		for (i = 0; i < m; i++)
			s += ct->supp[idx[i]] != KO_SUPP_NONE;
		assert_true(s != 1);
	}
}

static void attack(const struct ko_ctable *ct, int threshold, int small)
{
	int n = cells_of(ct), i, solved[4096];
	double *lo = malloc(sizeof(double) * (size_t)n);
	double *hi = malloc(sizeof(double) * (size_t)n);

	assert_int_equal(eliminate(ct, solved), 0);
	lp_ranges(ct, threshold, 1, lo, hi);
	for (i = 0; i < n; i++) {
		if (ct->supp[i] == KO_SUPP_NONE)
			continue;
		if (hi[i] - lo[i] < 0.5)
			fail_msg("cell %d (value %ld) pinned to %g by the LP", i,
				 ct->n[i], lo[i]);
		assert_true(lo[i] <= (double)ct->n[i] + 1e-6 &&
			    (double)ct->n[i] <= hi[i] + 1e-6);
	}
	/* the brief's attacker: cells >= 0 only; exact, or an "x" cell
	 * shown to be a small nonzero count */
	lp_ranges(ct, threshold, 0, lo, hi);
	for (i = 0; i < n; i++) {
		if (ct->supp[i] == KO_SUPP_NONE)
			continue;
		assert_true(hi[i] - lo[i] >= 0.5);
		if (ct->supp[i] == KO_SUPP_SECONDARY && ct->n[i] >= threshold)
			assert_false(lo[i] >= 1 - 1e-9 &&
				     hi[i] <= threshold - 1 + 1e-9);
	}
	if (small)
		assert_int_equal(enumerate_exposed(ct, threshold), 0);
	free(lo);
	free(hi);
}

static void test_attacker_random_tables(void **state)
{
	int t, suppressed = 0, secondary = 0, as_x = 0;

	(void)state;
	rng_state = 20240601;
	for (t = 0; t < 400; t++) {
		struct ko_ctable ct;
		struct ko_err err;
		int threshold = t % 3 == 0 ? 3 : t % 3 == 1 ? 5 : 10, i;

		random_table(&ct, 7, 7, 200);
		/* never refused: hiding more always protects a table */
		assert_int_equal(ko_disclosure_protect(&ct, threshold, &err), KO_OK);
		check_rules(&ct, threshold);
		as_x += small_as_x(&ct, threshold);
		attack(&ct, threshold, 0);
		for (i = 0; i < cells_of(&ct); i++) {
			suppressed += ct.supp[i] != KO_SUPP_NONE;
			secondary += ct.supp[i] == KO_SUPP_SECONDARY;
		}
		ko_ctable_release(&ct);
	}
	/* the test exercised both rules, many times */
	assert_true(suppressed > 1000);
	assert_true(secondary > 300);
	/* the table main refused (1 of 400) now shows a "<T" as "x" */
	print_message("%d \"<T\" counts shown as \"x\" in 400 tables\n", as_x);
	assert_true(as_x > 0);
}

/* The cost the library minimises: the counts of the complements, totals
 * counted twice. */
static double pattern_cost(const struct ko_ctable *ct)
{
	double cost = 0;
	int i;

	for (i = 0; i < cells_of(ct); i++) {
		int total = (ct->row_totals && i % ct->stride == ct->ncol) ||
			    (ct->col_totals && i / ct->stride == ct->nrow);

		if (ct->supp[i] == KO_SUPP_SECONDARY)
			cost += (double)ct->n[i] * (total ? 2 : 1);
	}
	return cost;
}

/* The cheapest pattern with no line holding exactly one suppressed cell,
 * by trying every subset of the nonzero cells that are not primary. */
static double brute_force_min_cost(struct ko_ctable *ct)
{
	int n = cells_of(ct), i, k, cand[64], nc = 0, idx[64];
	unsigned long mask;
	double best = INFINITY;

	for (i = 0; i < n; i++) {
		if (ct->supp[i] == KO_SUPP_SECONDARY)
			ct->supp[i] = KO_SUPP_NONE;
		if (ct->n[i] > 0 && ct->supp[i] == KO_SUPP_NONE)
			cand[nc++] = i;
	}
	assert_true(nc <= 20);
	for (mask = 0; mask < (1UL << nc); mask++) {
		int ok = 1;

		for (i = 0; i < nc; i++)
			ct->supp[cand[i]] = mask >> i & 1 ? KO_SUPP_SECONDARY
							 : KO_SUPP_NONE;
		for (k = 0; k < 200 && ok; k++) {
			int m = line_of(ct, k, idx), s = 0;

			for (i = 0; i < m; i++)
				s += ct->supp[idx[i]] != KO_SUPP_NONE;
			ok = s != 1;
		}
		if (ok && pattern_cost(ct) < best)
			best = pattern_cost(ct);
	}
	return best;
}

static void test_attacker_enumerates_small_tables(void **state)
{
	int t, optimal = 0, tried = 0;

	(void)state;
	rng_state = 97;
	for (t = 0; t < 300; t++) {
		struct ko_ctable ct;
		struct ko_err err;

		random_table(&ct, 3, 3, 9);
		assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_OK);
		check_rules(&ct, 5);
		attack(&ct, 5, 1);
		if (t % 3 == 0) {
			double cost = pattern_cost(&ct);
			double best = brute_force_min_cost(&ct);

			/* never cheaper than the cheapest (else a rule is
			 * broken); equal unless the audit had to add cells */
			assert_true(cost >= best - 1e-9);
			optimal += cost <= best + 1e-9;
			tried++;
		}
		ko_ctable_release(&ct);
	}
	print_message("%d of %d small tables at the brute-force minimum\n",
		      optimal, tried);
	assert_true(optimal >= tried * 9 / 10);
}

/* The attackers are not blind: on unprotected or naively protected tables
 * they do recompute cells. */
static void test_attackers_can_succeed(void **state)
{
	struct ko_ctable ct;
	struct ko_err err;
	int solved[16];
	double lo[16], hi[16];

	(void)state;
	/* 2 x 2 with both totals:  3 10 | 13 ;  8 20 | 28 ; 11 30 | 41 */
	assert_int_equal(ko_ctable_init(&ct, 2, 2, 1, 1, &err), KO_OK);
	*ko_ctable_n(&ct, 0, 0) = 3;
	*ko_ctable_n(&ct, 0, 1) = 10;
	*ko_ctable_n(&ct, 1, 0) = 8;
	*ko_ctable_n(&ct, 1, 1) = 20;
	assert_int_equal(ko_ctable_sum_totals(&ct), KO_OK);
	assert_int_equal(*ko_ctable_n(&ct, 2, 2), 41);
	/* primary only: the row total gives it away */
	ct.supp[0] = KO_SUPP_PRIMARY;
	assert_int_equal(eliminate(&ct, solved), 1);
	assert_int_equal(solved[0], 0);
	assert_int_equal(enumerate_exposed(&ct, 5), 1);
	/* a complement in the row only: the column still gives it away */
	ct.supp[1] = KO_SUPP_SECONDARY;
	assert_true(eliminate(&ct, solved) >= 1);
	/* the full rectangle 3,10 / 8,20: no equations solve it, but the
	 * bounds do: x00 in [1,4] and x10 = 11 - x00 >= 5 ... is free; with
	 * 1 + 4 = 5 in the first row (5 + 1 row total) bounds pin it */
	ct.supp[3] = KO_SUPP_SECONDARY;
	ct.supp[4] = KO_SUPP_SECONDARY;
	assert_int_equal(eliminate(&ct, solved), 0);
	lp_ranges(&ct, 5, 1, lo, hi);
	assert_true(hi[0] - lo[0] >= 0.5);
	ko_ctable_release(&ct);

	/* 1 x 2 with a row total: 1 and 5 (total 6): "<5" and "x >= 5" pin
	 * the 1 (x = 6 - a >= 5 means a <= 1) - the LP attacker sees it */
	assert_int_equal(ko_ctable_init(&ct, 1, 2, 1, 0, &err), KO_OK);
	*ko_ctable_n(&ct, 0, 0) = 1;
	*ko_ctable_n(&ct, 0, 1) = 5;
	assert_int_equal(ko_ctable_sum_totals(&ct), KO_OK);
	ct.supp[0] = KO_SUPP_PRIMARY;
	ct.supp[1] = KO_SUPP_SECONDARY;
	assert_int_equal(eliminate(&ct, solved), 0);
	lp_ranges(&ct, 5, 1, lo, hi);
	assert_near(lo[0], 1, 1e-9);
	assert_near(hi[0], 1, 1e-9);
	assert_int_equal(enumerate_exposed(&ct, 5), 2);
	/* ... and the library's audit agrees, so protect suppresses the total */
	{
		int exposed = 0;
		double alo[3], ahi[3];

		assert_int_equal(ko_disclosure_audit(&ct, 5, alo, ahi, &exposed,
						     &err), KO_OK);
		assert_int_equal(exposed, 2);
	}
	assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_OK);
	assert_int_equal(ko_ctable_supp(&ct, 0, 0), KO_SUPP_PRIMARY);
	assert_int_equal(ko_ctable_supp(&ct, 0, 1), KO_SUPP_SECONDARY);
	assert_int_equal(ko_ctable_supp(&ct, 0, 2), KO_SUPP_SECONDARY);
	attack(&ct, 5, 1);
	ko_ctable_release(&ct);
}

/* Tables whose "<T" labels alone pin a cell, which main refused ("count
 * table cannot be protected"): Table 1's region block on a synthetic
 * cohort (400 persons, seed 29, T = 3) had a region of 1 + 1 = 2 children;
 * four "<5" cells in a row whose total is "<5" are each 1.  Hiding more is
 * always possible: a "<T" is shown as "x" (secondary), and the three
 * attackers pin nothing. */
static void test_small_labels_pin(void **state)
{
	static const long rows[3][2] = {{1, 1}, {10, 19}, {40, 15}};
	struct ko_ctable ct;
	struct ko_err err;
	int r, c;

	(void)state;
	assert_int_equal(ko_ctable_init(&ct, 3, 2, 1, 1, &err), KO_OK);
	for (r = 0; r < 3; r++)
		for (c = 0; c < 2; c++)
			*ko_ctable_n(&ct, r, c) = rows[r][c];
	assert_int_equal(ko_ctable_sum_totals(&ct), KO_OK);
	assert_int_equal(ko_disclosure_protect(&ct, 3, &err), KO_OK);
	check_rules(&ct, 3);
	attack(&ct, 3, 1);
	/* the small total 2 is the one shown as "x": its "<3" bounds both
	 * cells to 1; the two 1s stay "<3" */
	assert_int_equal(ko_ctable_supp(&ct, 0, 2), KO_SUPP_SECONDARY);
	assert_int_equal(ko_ctable_supp(&ct, 0, 0), KO_SUPP_PRIMARY);
	assert_int_equal(ko_ctable_supp(&ct, 0, 1), KO_SUPP_PRIMARY);
	assert_int_equal(small_as_x(&ct, 3), 1);
	ko_ctable_release(&ct);

	/* 1 1 1 1 | 4 and 20 20 20 20 | 80 at T = 5 */
	assert_int_equal(ko_ctable_init(&ct, 2, 4, 1, 1, &err), KO_OK);
	for (c = 0; c < 4; c++) {
		*ko_ctable_n(&ct, 0, c) = 1;
		*ko_ctable_n(&ct, 1, c) = 20;
	}
	assert_int_equal(ko_ctable_sum_totals(&ct), KO_OK);
	assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_OK);
	check_rules(&ct, 5);
	attack(&ct, 5, 1);
	assert_true(small_as_x(&ct, 5) >= 1);
	ko_ctable_release(&ct);
}

/* A worked example, cell by cell (docs/outputs.md shows the same). */
static void test_worked_example(void **state)
{
	static const long counts[3][3] = {{12, 3, 40}, {25, 30, 18}, {7, 9, 2}};
	/* expected marks: 0 none, 1 primary, 2 secondary (incl. totals) */
	static const int want[4][4] = {
		{0, 1, 2, 0}, {0, 0, 0, 0}, {0, 2, 1, 0}, {0, 0, 0, 0}};
	struct ko_ctable ct;
	struct ko_err err;
	int r, c;

	(void)state;
	assert_int_equal(ko_ctable_init(&ct, 3, 3, 1, 1, &err), KO_OK);
	for (r = 0; r < 3; r++)
		for (c = 0; c < 3; c++)
			*ko_ctable_n(&ct, r, c) = counts[r][c];
	assert_int_equal(ko_ctable_sum_totals(&ct), KO_OK);
	assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_OK);
	/* 3 and 2 are primary; the cheapest pattern with two suppressed
	 * cells in every line is the rectangle 3, 40 / 9, 2 (complements
	 * 40 + 9 = 49; hiding 12 and 7 instead would leave column 1 and 2
	 * with single cells and cost more) */
	for (r = 0; r < 4; r++) {
		for (c = 0; c < 4; c++)
			print_message("%4ld%c", *ko_ctable_n(&ct, r, c),
				      " PSD"[ko_ctable_supp(&ct, r, c)]);
		print_message("\n");
	}
	for (r = 0; r < 4; r++)
		for (c = 0; c < 4; c++)
			assert_int_equal(ko_ctable_supp(&ct, r, c), want[r][c]);
	check_rules(&ct, 5);
	attack(&ct, 5, 1);
	ko_ctable_release(&ct);
}

static void test_bad_input(void **state)
{
	struct ko_ctable ct;
	struct ko_err err;

	(void)state;
	assert_int_equal(ko_ctable_init(&ct, 0, 2, 1, 1, &err), KO_ERR_USAGE);
	assert_int_equal(ko_ctable_init(&ct, 1, 2, 1, 0, &err), KO_OK);
	*ko_ctable_n(&ct, 0, 0) = 7;
	*ko_ctable_n(&ct, 0, 1) = 8;
	*ko_ctable_n(&ct, 0, 2) = 14; /* should be 15 */
	assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "sum to 15, total says 14"));
	*ko_ctable_n(&ct, 0, 2) = 15;
	assert_int_equal(ko_disclosure_protect(&ct, 1, &err), KO_ERR_USAGE);
	*ko_ctable_n(&ct, 0, 0) = -1;
	*ko_ctable_n(&ct, 0, 2) = 7;
	assert_int_equal(ko_disclosure_protect(&ct, 5, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "negative"));
	ko_ctable_release(&ct);
}

/* ---- exported files ----------------------------------------------------
 * A table like Table 1: rows = groups (labels without digits), columns =
 * categories as "n (%)", a total column and a total row, and a mean (SD)
 * column derived from the row total.  Protected, written in every format,
 * read back per format: each count position must show "<T" or "x" when
 * suppressed and its exact count otherwise, and no count position of any
 * file may show a number in 1..T-1. */

#define MAXR 9
#define MAXC 9
static const char *const names[] = {"alpha", "beta", "gamma", "delta",
				    "epsilon", "zeta", "eta", "theta"};

struct grid {
	char text[MAXR][MAXC][64];
	int nrow, ncol;
};

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	long n;
	char *buf;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);

	assert_non_null(p);
	while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	assert_int_equal(pclose(p), 0);
	return buf;
}

/* Replace entities / TeX commands by the characters they stand for. */
static void unescape(char *s)
{
	static const char *const from[] = {"&lt;", "&gt;", "&amp;",
					   "\\textless{}", "\\textgreater{}"};
	static const char *const to[] = {"<", ">", "&", "<", ">"};
	size_t k;

	for (k = 0; k < sizeof(from) / sizeof(*from); k++) {
		char *hit;

		while ((hit = strstr(s, from[k]))) {
			size_t fl = strlen(from[k]), tl = strlen(to[k]);

			memcpy(hit, to[k], tl);
			memmove(hit + tl, hit + fl, strlen(hit + fl) + 1);
		}
	}
}

static void put_text(struct grid *g, int r, int c, const char *s, size_t len)
{
	assert_true(r < MAXR && c < MAXC);
	if (len > 63)
		len = 63;
	memcpy(g->text[r][c], s, len);
	g->text[r][c][len] = '\0';
	unescape(g->text[r][c]);
	if (r + 1 > g->nrow)
		g->nrow = r + 1;
	if (c + 1 > g->ncol)
		g->ncol = c + 1;
}

/* md: body lines are the table lines after the header and separator. */
static void read_md(const char *text, struct grid *g)
{
	const char *line = text;
	int tl = 0;

	memset(g, 0, sizeof(*g));
	for (; *line; line = strchr(line, '\n') + 1) {
		const char *end = strchr(line, '\n'), *p;
		int c = 0;

		if (line[0] != '|' || tl++ < 2)
			continue;
		for (p = line + 1; p < end;) {
			const char *bar = strstr(p, " |");
			const char *start = p + (*p == ' ');

			if (c > 0)
				put_text(g, tl - 3, c - 1, start, (size_t)(bar - start));
			c++;
			p = bar + 2;
		}
	}
}

/* html: the <td> cells of each body row. */
static void read_html(const char *text, struct grid *g)
{
	const char *p = strstr(text, "<tbody>"), *stop = strstr(text, "</tbody>");
	int r = -1, c = 0;

	memset(g, 0, sizeof(*g));
	for (; p && p < stop; p++) {
		if (!strncmp(p, "<tr", 3)) {
			r++;
			c = 0;
		} else if (!strncmp(p, "<td", 3)) {
			const char *start = strchr(p, '>') + 1;

			put_text(g, r, c++, start,
				 (size_t)(strstr(start, "</td>") - start));
		}
	}
}

/* tex: the lines between \midrule and \bottomrule. */
static void read_tex(const char *text, struct grid *g)
{
	const char *line = strstr(text, "\\midrule\n") + 9;
	const char *stop = strstr(text, "\\bottomrule");
	int r = 0;

	memset(g, 0, sizeof(*g));
	for (; line < stop; line = strchr(line, '\n') + 1, r++) {
		const char *p = strstr(line, " & "), *end = strstr(line, " \\\\");
		int c = 0;

		while (p && p < end) {
			const char *start = p + 3, *next = strstr(start, " & ");

			if (!next || next > end)
				next = end;
			put_text(g, r, c++, start, (size_t)(next - start));
			p = next < end ? next : NULL;
		}
	}
}

/* xlsx: the first sheet's cells below the header row (Excel row 4 on),
 * strings looked up in the shared string table; the table's own columns
 * only, up to the blank column before the numbers of its composite cells
 * (docs/outputs.md, tables.xlsx). */
static void read_xlsx(const char *path, struct grid *g)
{
	char cmd[512], *strings, *sheet, *p, *list[512];
	int nstr = 0, width = 1;

	memset(g, 0, sizeof(*g));
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/sharedStrings.xml", path);
	strings = run(cmd);
	for (p = strings; (p = strstr(p, "<t")) && nstr < 512; p++) {
		if (p[2] != '>' && p[2] != ' ')
			continue;
		p = strchr(p, '>') + 1;
		*strchr(p, '<') = '\0';
		list[nstr++] = p;
		p += strlen(p);
	}
	snprintf(cmd, sizeof(cmd), "unzip -p %s xl/worksheets/sheet1.xml", path);
	sheet = run(cmd);
	for (;; width++) { /* the header row's cells B3, C3, ... */
		char ref[16];

		snprintf(ref, sizeof(ref), "<c r=\"%c3\"", 'A' + width);
		if (!strstr(sheet, ref))
			break;
	}
	for (p = sheet; (p = strstr(p, "<c r=\"")); p++) {
		int col = p[6] - 'A', row = atoi(p + 7);
		char *close = strstr(p, "</c>"), *v = strstr(p, "<v>");
		char *tag_end = strchr(p, '>');

		if (!close || tag_end[-1] == '/' || !v || v > close)
			continue; /* blank cell */
		if (row < 4 || col < 1 || col >= width)
			continue;
		v += 3;
		if (strstr(p, "t=\"s\"") && strstr(p, "t=\"s\"") < tag_end) {
			const char *s = list[atoi(v)];

			put_text(g, row - 4, col - 1, s, strlen(s));
		} else {
			put_text(g, row - 4, col - 1, v, (size_t)(strchr(v, '<') - v));
		}
	}
	free(strings);
	free(sheet);
}

/* csv (tidy): rows whose statistic is "n"; value and note fields. */
static void read_csv(const char *text, int nrow, struct grid *g,
		     const char *const *colnames, int ncol)
{
	const char *line = strchr(text, '\n') + 1;

	memset(g, 0, sizeof(*g));
	for (; *line; line = strchr(line, '\n') + 1) {
		char buf[256], *f[6], *save = NULL;
		int k, r = -1, c = -1;

		snprintf(buf, sizeof(buf), "%.*s", (int)(strchr(line, '\n') - line), line);
		for (k = 0; k < 6; k++) {
			/* empty fields: split by hand */
			char *comma = k ? strchr(f[k - 1], ',') : NULL;

			if (k == 0)
				f[0] = buf;
			else if (comma) {
				*comma = '\0';
				f[k] = comma + 1;
			} else
				f[k] = (char *)"";
		}
		(void)save;
		if (strcmp(f[3], "n"))
			continue;
		for (k = 0; k < nrow; k++)
			if (!strcmp(f[0], k < nrow - 1 ? names[k] : "Total"))
				r = k;
		for (k = 0; k < ncol; k++)
			if (!strcmp(f[2], colnames[k]))
				c = k;
		assert_true(r >= 0 && c >= 0);
		if (f[4][0])
			put_text(g, r, c, f[4], strlen(f[4]));
		else if (!strcmp(f[5], "suppressed")) /* the csv says it in words */
			put_text(g, r, c, "x", 1);
		else
			put_text(g, r, c, f[5], strlen(f[5]));
	}
}

/* Every count position shows what it must, and no small count. */
static void check_grid(const struct grid *g, const struct ko_table *t,
		       int nrow, int ncol, int threshold, const char *format)
{
	int r, c;

	for (r = 0; r < nrow; r++) {
		for (c = 0; c < ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);
			const char *got = g->text[r][c];
			char want[32];
			long shown;

			if (cell->supp == KO_SUPP_PRIMARY)
				snprintf(want, sizeof(want), "<%d", threshold);
			else if (cell->supp != KO_SUPP_NONE)
				snprintf(want, sizeof(want), "x");
			else
				snprintf(want, sizeof(want), "%ld", (long)cell->v[0]);
			if (strncmp(got, want, strlen(want)) ||
			    (got[strlen(want)] != '\0' && got[strlen(want)] != ' '))
				fail_msg("%s: row %d column %d shows '%s', want '%s'",
					 format, r, c, got, want);
			shown = strtol(got, NULL, 10);
			if (got[0] >= '0' && got[0] <= '9' && shown > 0 &&
			    shown < threshold)
				fail_msg("%s: a small count %ld is shown", format,
					 shown);
		}
	}
}

static void test_exported_files_hide_small_counts(void **state)
{
	char dir[64], path[128];
	const char *colnames[MAXC];
	int t, hidden = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ko_test_disclosure_%d", (int)getpid());
	rng_state = 4242;
	for (t = 0; t < 40; t++) {
		struct ko_ctable ct;
		struct ko_table *tab = ko_table_new("export", "Export check");
		struct ko_number_format fmt;
		struct ko_count_block block;
		struct ko_err err;
		struct grid g;
		int rows[MAXR], cols[MAXC], r, c, age, threshold = t % 2 ? 5 : 10;
		char *text;
		enum ko_status st;

		ko_format_init(&fmt);
		do {
			random_table(&ct, 5, 4, 60);
			if (!ct.row_totals || !ct.col_totals)
				ko_ctable_release(&ct);
		} while (!ct.n);
		for (c = 0; c < ct.ncol; c++)
			cols[c] = ko_table_add_col(tab, names[c], NULL, KO_COL_OTHER);
		cols[ct.ncol] = ko_table_add_col(tab, "Total", NULL, KO_COL_N);
		age = ko_table_add_col(tab, "Age", NULL, KO_COL_OTHER);
		for (c = 0; c <= ct.ncol; c++)
			colnames[c] = c < ct.ncol ? names[c] : "Total";
		for (r = 0; r <= ct.nrow; r++) {
			rows[r] = ko_table_add_row(tab, r < ct.nrow ? names[r] : "Total",
						   r < ct.nrow, NULL, NULL);
			for (c = 0; c <= ct.ncol; c++) {
				long n = *ko_ctable_n(&ct, r, c);
				long coltotal = *ko_ctable_n(&ct, ct.nrow, c);

				if (c < ct.ncol)
					ko_table_set_count_pct(tab, rows[r], cols[c], (double)n,
							       coltotal ? 100.0 * (double)n / (double)coltotal : 0);
				else
					ko_table_set_count(tab, rows[r], cols[c], (double)n);
			}
			ko_table_set_mean_sd(tab, rows[r], age, 7.25, 1.5);
		}
		block.nrow = ct.nrow;
		block.ncol = ct.ncol;
		block.rows = rows;
		block.cols = cols;
		block.total_row = rows[ct.nrow];
		block.total_col = cols[ct.ncol];
		st = ko_disclosure_protect_table(tab, &block, threshold, &err);
		if (st) { /* refused: nothing to export */
			assert_int_equal(st, KO_ERR_DATA);
			ko_ctable_release(&ct);
			ko_table_free(tab);
			continue;
		}
		ko_disclosure_derive(tab, cols[ct.ncol], age);
		for (r = 0; r <= ct.nrow; r++)
			for (c = 0; c <= ct.ncol; c++)
				hidden += ko_table_cell(tab, rows[r], cols[c])->supp != KO_SUPP_NONE;
		for (r = 0; r <= ct.nrow; r++)
			if (ko_table_cell(tab, rows[r], cols[ct.ncol])->supp)
				assert_int_equal(ko_table_cell(tab, rows[r], age)->supp,
						 KO_SUPP_DERIVED);
		/* md, html, tex */
		snprintf(path, sizeof(path), "%s/t.md", dir);
		assert_int_equal(ko_table_write(tab, KO_TABLE_MD, &fmt, path, &err), KO_OK);
		text = slurp(path);
		read_md(text, &g);
		check_grid(&g, tab, ct.nrow + 1, ct.ncol + 1, threshold, "md");
		free(text);
		snprintf(path, sizeof(path), "%s/t.html", dir);
		assert_int_equal(ko_table_write(tab, KO_TABLE_HTML, &fmt, path, &err), KO_OK);
		text = slurp(path);
		read_html(text, &g);
		check_grid(&g, tab, ct.nrow + 1, ct.ncol + 1, threshold, "html");
		free(text);
		snprintf(path, sizeof(path), "%s/t.tex", dir);
		assert_int_equal(ko_table_write(tab, KO_TABLE_TEX, &fmt, path, &err), KO_OK);
		text = slurp(path);
		read_tex(text, &g);
		check_grid(&g, tab, ct.nrow + 1, ct.ncol + 1, threshold, "tex");
		free(text);
		snprintf(path, sizeof(path), "%s/t.csv", dir);
		assert_int_equal(ko_table_write(tab, KO_TABLE_CSV, &fmt, path, &err), KO_OK);
		text = slurp(path);
		read_csv(text, ct.nrow + 1, &g, colnames, ct.ncol + 1);
		check_grid(&g, tab, ct.nrow + 1, ct.ncol + 1, threshold, "csv");
		free(text);
		if (t % 4 == 0) { /* xlsx is slower: every fourth table */
			snprintf(path, sizeof(path), "%s/t.xlsx", dir);
			assert_int_equal(ko_table_write_xlsx(&tab, 1, &fmt, path, &err), KO_OK);
			read_xlsx(path, &g);
			check_grid(&g, tab, ct.nrow + 1, ct.ncol + 1, threshold, "xlsx");
		}
		ko_ctable_release(&ct);
		ko_table_free(tab);
	}
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
	assert_true(hidden > 100); /* the check saw many suppressed cells */
}

/* The log lists every suppressed cell with its rule, and no value. */
static void test_suppression_log(void **state)
{
	struct ko_table *tab = ko_table_new("regional", "By county");
	struct ko_supp_log log;
	struct ko_count_block block;
	struct ko_err err;
	int rows[3], cols[2], pct, r;
	static const long n[3][2] = {{40, 3}, {55, 60}, {95, 63}};
	char path[128], *text;

	(void)state;
	cols[0] = ko_table_add_col(tab, "Not placed", "Outcome, n", KO_COL_OTHER);
	cols[1] = ko_table_add_col(tab, "Placed", "Outcome, n", KO_COL_EVENTS);
	pct = ko_table_add_col(tab, "Placed, %", NULL, KO_COL_OTHER);
	rows[0] = ko_table_add_row(tab, "Lapland", 1, "region", "lapland");
	rows[1] = ko_table_add_row(tab, "Kainuu, \"north\"", 1, "region", "kainuu");
	rows[2] = ko_table_add_row(tab, "All", 0, NULL, NULL);
	for (r = 0; r < 3; r++) {
		ko_table_set_count(tab, rows[r], cols[0], (double)n[r][0]);
		ko_table_set_count(tab, rows[r], cols[1], (double)n[r][1]);
		ko_table_set_percent(tab, rows[r], pct,
				     100.0 * (double)n[r][1] / (double)(n[r][0] + n[r][1]));
	}
	block.nrow = 2;
	block.ncol = 2;
	block.rows = rows;
	block.cols = cols;
	block.total_row = rows[2];
	block.total_col = -1; /* row totals not published */
	assert_int_equal(ko_disclosure_protect_table(tab, &block, 5, &err), KO_OK);
	/* column lines only: 3 needs a complement in its column: 60 */
	assert_int_equal(ko_table_cell(tab, rows[0], cols[1])->supp, KO_SUPP_PRIMARY);
	assert_int_equal(ko_table_cell(tab, rows[1], cols[1])->supp, KO_SUPP_SECONDARY);
	assert_int_equal(ko_table_cell(tab, rows[0], cols[0])->supp, KO_SUPP_NONE);
	ko_disclosure_derive(tab, cols[1], pct);
	assert_int_equal(ko_table_cell(tab, rows[1], pct)->supp, KO_SUPP_DERIVED);
	assert_int_equal(ko_table_cell(tab, rows[2], pct)->supp, KO_SUPP_NONE);
	ko_supp_log_init(&log);
	assert_int_equal(ko_supp_log_add_table(&log, tab, &err), KO_OK);
	snprintf(path, sizeof(path), "/tmp/ko_test_supplog_%d/suppression.csv",
		 (int)getpid());
	assert_int_equal(ko_supp_log_write(&log, path, &err), KO_OK);
	text = slurp(path);
	assert_string_equal(text,
			    "table,row,column,rule\n"
			    "regional,Lapland,\"Outcome, n: Placed\",primary\n"
			    "regional,Lapland,\"Placed, %\",derived\n"
			    "regional,\"Kainuu, \"\"north\"\"\",\"Outcome, n: Placed\",secondary\n"
			    "regional,\"Kainuu, \"\"north\"\"\",\"Placed, %\",derived\n");
	free(text);
	/* an unwritable place: an error naming the file */
	assert_int_equal(ko_supp_log_write(&log, "/proc/ko_no/suppression.csv", &err),
			 KO_ERR_IO);
	ko_supp_log_release(&log);
	/* a block over a cell that is not a count */
	ko_table_set_text(tab, rows[0], cols[0], "many");
	assert_int_equal(ko_disclosure_protect_table(tab, &block, 5, &err), KO_ERR_DATA);
	assert_non_null(strstr(err.msg, "not a count"));
	ko_table_free(tab);
	snprintf(path, sizeof(path), "rm -rf /tmp/ko_test_supplog_%d", (int)getpid());
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attackers_can_succeed),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_small_labels_pin),
		cmocka_unit_test(test_attacker_random_tables),
		cmocka_unit_test(test_attacker_enumerates_small_tables),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_exported_files_hide_small_counts),
		cmocka_unit_test(test_suppression_log),
	};

	glp_term_out(GLP_OFF);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
