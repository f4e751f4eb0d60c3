/*
 * report_flow.c - the report's tables of the cohort's way to its members
 * (report_impl.h): the cohort flow, its chain protected against
 * differencing (ko_report_protect_flow, report.h), and the parent linkage,
 * each built from the study in memory and protected (disclosure.h) before
 * the stage writes anything.  Table 1 and the regional table are in
 * report_tables.c.
 */
#include "report_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup.h"

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

/* The flow's small exclusions cannot be hidden among its steps while its
 * first count (the extract's size) and its last (the cohort) are both
 * published: all the exclusions together are fewer than T, or too few
 * for their small ones to span 1..T-1 (200 children, 3 + 1 excluded, at
 * T = 5).  Then the first count is hidden instead, with every count
 * remaining before the last small exclusion, and no step is merged: each
 * small exclusion is "<T" between hidden counts, the others shown.  The
 * linkage table hides its base totals with it (build_linkage).  Nothing
 * else publishes the extract's size; its children minus the cohort is the
 * sum of the exclusions, which then has no upper bound but the "<T"s. */
static void flow_hide_base(const struct ko_flow *flow, int T,
			   enum ko_supp_rule *srem, enum ko_supp_rule *sex)
{
	int n = (int)flow->n, i, last = 0;

	for (i = 1; i < n; i++) {
		long ex = flow->rows[i].n_excluded;

		sex[i] = ex > 0 && ex < T ? KO_SUPP_PRIMARY : KO_SUPP_NONE;
		if (sex[i])
			last = i;
	}
	for (i = 0; i < last; i++)
		srem[i] = KO_SUPP_SECONDARY;
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
				flow_hide_base(flow, T, srem, sex);
				free(joined);
				return KO_OK;
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
	if (ko_followup_is_exclusion(step)) /* the follow-up's exclusions */
		*label = tx(r, KO_MSG_REMAINING);
}

enum ko_status build_flow(struct report *r, struct ko_err *err)
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
		/* the counts and marks come from this table once every
		 * rule has run (flow_steps_from_table, report_figures.c) */
		flow_box_labels(r, i, &r->steps[i].label, &r->steps[i].reason);
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

/* Is the flow's count of the base extract's children hidden
 * (flow_hide_base)?  Then so are the linkage table's base totals. */
static int flow_base_hidden(const struct report *r)
{
	const struct ko_table *t = find_table(r, "cohort_flow");
	int i, c;

	if (!t)
		return 0;
	c = ko_table_role_col(t, KO_COL_N, NULL); /* Remaining */
	for (i = 0; c >= 0 && i < t->nrow; i++)
		if (t->rows[i].term &&
		    !strncmp(t->rows[i].term, "children in extract", 19))
			return ko_table_cell_c(t, i, c)->supp != KO_SUPP_NONE;
	return 0;
}

enum ko_status build_linkage(struct report *r, struct ko_err *err)
{
	const char *const parents[2] = { tx(r, KO_MSG_MOTHER),
					 tx(r, KO_MSG_FATHER) };
	const struct ko_links *l = r->s->links;
	struct ko_table *t = ko_table_new("parent_linkage",
					  tx(r, KO_MSG_PARENT_LINKAGE));
	long cohort[2][KO_LINK_OUTCOMES];
	int rows[KO_LINK_OUTCOMES], cols[2], k, oc, head;
	int base_hidden = flow_base_hidden(r);
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
		/* the totals are the flow's first and last counts: the first
		 * hidden with the flow's, complements chosen around it */
		if (base_hidden && all > 0)
			ko_table_suppress(t, head, cols[0], KO_SUPP_SECONDARY);
		st = ko_disclosure_protect_table_keep(t, &blk, r->threshold, err);
		if (!st && ((!base_hidden && ko_table_cell(t, head, cols[0])->supp) ||
			    ko_table_cell(t, head, cols[1])->supp))
			st = ko_err_set(err, KO_ERR_DATA, "parent linkage: a total "
					"would have to be suppressed");
	}
	if (!st)
		st = ko_table_set_footnote(t, tx(r, KO_MSG_FOOT_LINKAGE));
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
