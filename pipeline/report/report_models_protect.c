/*
 * report_models_protect.c - the protection of a model table
 * (report_models_impl.h): its blocks of counts (primary and secondary
 * suppression), the nested populations (a count beside the cohort's
 * published one), those not in the model, and the crude estimates, which
 * are functions of counts (docs/outputs.md, "Across tables", rules 2 and
 * 4).
 */
#include "report_models_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum ko_status mt_protect(struct mt *x, const int *rows, int nrow, int sums,
			  int threshold, struct ko_err *err)
{
	return mt_protect_cols(x, rows, nrow, sums, 0, threshold, err);
}

enum ko_status mt_protect_cols(struct mt *x, const int *rows, int nrow,
			       int sums, int events_only, int threshold,
			       struct ko_err *err)
{
	int cols[2] = { x->c_n, x->c_ev }, i, c;
	struct ko_count_block blk;
	enum ko_status st;

	for (i = 0; i < nrow; i++) /* only rows with counts */
		if (ko_table_cell(x->t, rows[i], x->c_n)->kind == KO_CELL_EMPTY)
			return KO_OK;
	blk.nrow = nrow;
	blk.rows = rows;
	blk.ncol = events_only ? 1 : 2;
	blk.cols = events_only ? cols + 1 : cols;
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
void mt_nested(struct mt *x, const int *rows, int nrow, int T)
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
void mt_nested_total(struct mt *x, const int *rows, const int *bstart,
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
void mt_small_complements(struct mt *x, const int *rows, int nrow,
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

/* A 0/1 term's crude estimates (no reference row) are against the rest
 * of its crude sample: the model's total less the row when no one of the
 * population has the term missing; with some missing, the population's
 * total less those not in the model when they are exactly those
 * (mt_crude_population lets nothing else through), shown only with
 * that row; a table of complete cases: its total. */
static int mt_crude_rest_hidden(const struct mt *x, const char *term)
{
	double missing;

	if (ko_table_cell_c(x->t, x->row_model, x->c_n)->supp ||
	    ko_table_cell_c(x->t, x->row_model, x->c_ev)->supp)
		return 1;
	if (!x->m->population || x->row_nim < 0)
		return 0;
	missing = x->m->population(x->m->pop, term, NULL, 0);
	if (!(missing > 0))
		return 0;
	return missing != x->nim ||
	       ko_table_cell_c(x->t, x->row_nim, x->c_n)->supp ||
	       ko_table_cell_c(x->t, x->row_nim, x->c_ev)->supp;
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
int mt_crude_derived(struct mt *x, const int *rows, int nrow, int head)
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
	ref_hidden = ref >= 0 ? ko_table_cell(x->t, ref, x->c_n)->supp ||
					ko_table_cell(x->t, ref, x->c_ev)->supp
			      : mt_crude_rest_hidden(x, x->t->rows[rows[0]].term);
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

/* The crude fit of exposure term in the table's stratum, or NULL. */
const struct ko_report_fit *mt_crude_fit_of(const struct ko_report_model *m,
					     const char *term)
{
	size_t i;

	for (i = 0; i < m->n_fits; i++)
		if (is_version(m->fits[i].version, "crude") &&
		    same(m->fits[i].stratum, m->stratum) &&
		    same(m->fits[i].exposure, term))
			return &m->fits[i];
	return NULL;
}

/* A crude estimate is a function of its fit's counts at the term's
 * levels (its 2 x k table).  They are the counts the table shows when the
 * crude fit's persons and events are those the table shows with the term
 * known: with the population's counts (m->population) the population
 * less those with the term missing (crude_cases = available: unless some
 * lack the outcome; complete: when those not in the model are exactly
 * those with the term missing), else the model's complete cases
 * (crude_cases = complete, or nobody with the term known lacks another
 * value).  Otherwise the crude cells would give back counts that are not
 * shown (how many of a level are not in the model), and a term's crude
 * cells (its levels' and its joint p) are hidden.  head: the term's row
 * (-1 none).  Returns whether it hid them. */
int mt_crude_population(struct mt *x, const int *rows, int nrow,
			       int head)
{
	const struct ko_report_model *m = x->m;
	const char *term = x->t->rows[rows[0]].term;
	const struct ko_report_fit *cf = mt_crude_fit_of(m, term);
	double n = x->adj->n, events = x->adj->events;
	int i, c;

	if (!cf || ko_table_cell(x->t, rows[0], x->c_n)->kind == KO_CELL_EMPTY)
		return 0;
	if (m->population) {
		n = m->population(m->pop, NULL, NULL, 0) -
		    m->population(m->pop, term, NULL, 0);
		events = m->population(m->pop, NULL, NULL, 1) -
			 m->population(m->pop, term, NULL, 1);
	}
	if (cf->n == n && cf->events == events)
		return 0;
	for (i = -1; i < nrow; i++) {
		int row = i < 0 ? head : rows[i];

		for (c = x->c_cor; row >= 0 && c <= x->c_cp; c++) {
			struct ko_cell *cell = ko_table_cell(x->t, row, c);

			if (cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    !cell->supp)
				cell->supp = KO_SUPP_DERIVED;
		}
	}
	return 1;
}

/* The row of those not in the model (with the population's counts): the
 * population's persons and events less the complete cases'.  A count of
 * 1..T-1 is suppressed; the events too when those without the outcome
 * (n - events) are 1..T-1. */
void mt_not_in_model(struct mt *x, double n, double events, int T)
{
	struct ko_cell *cn, *ce;

	ko_table_set_count(x->t, x->row_nim, x->c_n, n);
	ko_table_set_count(x->t, x->row_nim, x->c_ev, events);
	cn = ko_table_cell(x->t, x->row_nim, x->c_n);
	ce = ko_table_cell(x->t, x->row_nim, x->c_ev);
	if (n > 0 && n < T)
		cn->supp = KO_SUPP_PRIMARY;
	if (events > 0 && events < T)
		ce->supp = KO_SUPP_PRIMARY;
	if (n - events > 0 && n - events < T && events > 0 && !ce->supp)
		ce->supp = KO_SUPP_SECONDARY;
}

/* Time-to-event tables: a row's person-years are hidden where its persons
 * are (their sum over a block is shown: the pattern of the persons'
 * suppression, primary and complementary, protects them alike), its rate
 * where its persons or events are (rate times person-years gives the
 * events back). */
void mt_hide_time(struct mt *x)
{
	int row;

	if (x->c_py < 0)
		return;
	for (row = 0; row < x->t->nrow; row++) {
		int n_hid = ko_table_cell(x->t, row, x->c_n)->supp != KO_SUPP_NONE;
		int e_hid = ko_table_cell(x->t, row, x->c_ev)->supp != KO_SUPP_NONE;
		struct ko_cell *py = ko_table_cell(x->t, row, x->c_py);
		struct ko_cell *rate = ko_table_cell(x->t, row, x->c_rate);

		if (n_hid && py->kind != KO_CELL_EMPTY && !py->supp)
			py->supp = KO_SUPP_DERIVED;
		if ((n_hid || e_hid) && rate->kind != KO_CELL_EMPTY && !rate->supp)
			rate->supp = KO_SUPP_DERIVED;
	}
}
