/* export_audit.c - the disclosure audit over the whole export (see
 * export_audit.h).  The relations are those of the whole-export attacker
 * (tests/test_export_attack.c), built from the tables in memory. */
#include "export_audit.h"
#include "disclosure.h"
#include "followup_table.h"
#include "lang.h"
#include "model.h"

#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum vkind { V_SHOWN, V_SMALL, V_HIDDEN, V_UNPUBLISHED };

struct avar {
	char table[64], term[96], level[96], column[160];
	enum vkind kind;
	double value;    /* V_SHOWN */
	double lo, hi;   /* the audit's bounds */
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
};

/* ---- variables and lines ---------------------------------------------- */

/* s in English: a fixed text of the tables' language is matched by the
 * English text of the same message, so the relations below (written with
 * the English names, as the attacker test reads them) hold in every
 * language.  Anything else (a user's label or level) is s itself. */
static const char *to_en(enum ko_lang lang, const char *s)
{
	int id;

	if (lang == KO_LANG_EN || !s)
		return s;
	for (id = 0; id < KO_MSG_COUNT; id++)
		if (!strcmp(s, ko_lang_text(lang, (enum ko_msg)id)))
			return ko_lang_text(KO_LANG_EN, (enum ko_msg)id);
	return s;
}

/* A column name "A: B" with each part in English (to_en). */
static void column_to_en(enum ko_lang lang, const char *col, char *out,
			 size_t size)
{
	char part[160];
	const char *p = col, *sep;
	size_t len = 0;

	out[0] = 0;
	while (p) {
		sep = strstr(p, ": ");
		snprintf(part, sizeof(part), "%.*s",
			 sep ? (int)(sep - p) : (int)strlen(p), p);
		len += (size_t)snprintf(out + len, len < size ? size - len : 0,
					"%s%s", len ? ": " : "", to_en(lang, part));
		if (len >= size)
			return;
		p = sep ? sep + 2 : NULL;
	}
}

/* A new variable.  The strings may point into a->vars (a count's names
 * for the unpublished difference next to it): they are copied before the
 * array grows. */
static int add_var(struct audit *a, const char *table, const char *term,
		   const char *level, const char *column, enum vkind kind,
		   double value)
{
	struct avar v;

	if (a->nomem)
		return -1;
	memset(&v, 0, sizeof(v));
	snprintf(v.table, sizeof(v.table), "%s", table);
	snprintf(v.term, sizeof(v.term), "%s", term ? to_en(a->lang, term) : "");
	snprintf(v.level, sizeof(v.level), "%s",
		 level ? to_en(a->lang, level) : "");
	column_to_en(a->lang, column, v.column, sizeof(v.column));
	v.kind = kind;
	v.value = value;
	v.t = -1;
	if (a->nvar == a->capvar) {
		int cap = a->capvar ? 2 * a->capvar : 256;
		struct avar *grown = realloc(a->vars, (size_t)cap * sizeof(*grown));

		if (!grown) {
			a->nomem = 1;
			return -1;
		}
		a->vars = grown;
		a->capvar = cap;
	}
	a->vars[a->nvar] = v;
	return a->nvar++;
}

static int find(const struct audit *a, const char *table, const char *term,
		const char *level, const char *column)
{
	int i;

	for (i = 0; i < a->nvar; i++)
		if (!strcmp(a->vars[i].column, column) &&
		    !strcmp(a->vars[i].term, term) &&
		    !strcmp(a->vars[i].level, level) &&
		    !strcmp(a->vars[i].table, table))
			return i;
	return -1;
}

static int unpublished(struct audit *a, const char *what, const char *term,
		       const char *level, const char *column)
{
	return add_var(a, what, term, level, column, V_UNPUBLISHED, 0);
}

static struct aline *new_line(struct audit *a)
{
	if (a->nomem)
		return NULL;
	if (a->nline == a->capline) {
		int cap = a->capline ? 2 * a->capline : 256;
		struct aline *grown = realloc(a->lines, (size_t)cap * sizeof(*grown));

		if (!grown) {
			a->nomem = 1;
			return NULL;
		}
		a->lines = grown;
		a->capline = cap;
	}
	memset(&a->lines[a->nline], 0, sizeof(a->lines[0]));
	return &a->lines[a->nline++];
}

static void line_add(struct audit *a, struct aline *l, int v, double c)
{
	if (!l || v < 0 || a->nomem)
		return;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 8;
		int *gv = realloc(l->v, (size_t)cap * sizeof(*gv));
		double *gc;

		if (gv)
			l->v = gv;
		gc = gv ? realloc(l->c, (size_t)cap * sizeof(*gc)) : NULL;
		if (!gc) {
			a->nomem = 1;
			return;
		}
		l->c = gc;
		l->cap = cap;
	}
	l->v[l->n] = v;
	l->c[l->n++] = c;
}

/* Drop the last line (it had nothing to relate). */
static void drop_line(struct audit *a)
{
	struct aline *l = &a->lines[--a->nline];

	free(l->v);
	free(l->c);
}

static void clear(struct audit *a)
{
	while (a->nline)
		drop_line(a);
	a->nvar = 0;
}

/* a = b */
static void equal2(struct audit *a, int x, int y)
{
	struct aline *l;

	if (x < 0 || y < 0)
		return;
	l = new_line(a);
	line_add(a, l, x, -1);
	line_add(a, l, y, 1);
}

static int is(const struct avar *v, const char *table)
{
	return !strcmp(v->table, table);
}

static enum vkind cell_kind(const struct ko_cell *cell)
{
	if (cell->supp == KO_SUPP_NONE)
		return V_SHOWN;
	return cell->supp == KO_SUPP_PRIMARY ? V_SMALL : V_HIDDEN;
}

static int is_count(const struct ko_cell *cell)
{
	return cell->kind == KO_CELL_COUNT || cell->kind == KO_CELL_COUNT_PCT;
}

static void column_name(const struct ko_table_col *col, char *buf, size_t size)
{
	if (col->group)
		snprintf(buf, size, "%s: %s", col->group, col->header);
	else
		snprintf(buf, size, "%s", col->header);
}

static const char *row_term(const struct ko_table_row *row)
{
	return row->term ? row->term : row->label;
}

/* The first count of a table's row (term, level), whatever its column is
 * called (the follow-up table has one count column). */
static int find_row(const struct audit *a, const char *table, const char *term,
		    const char *level)
{
	int i;

	for (i = 0; i < a->nvar; i++)
		if (!strcmp(a->vars[i].level, level) &&
		    !strcmp(a->vars[i].term, term) && is(&a->vars[i], table))
			return i;
	return -1;
}

/* ---- reading the tables ------------------------------------------------ */

/* The count cells of a generic table, as its tidy csv names them. */
static void read_long(struct audit *a, int ti)
{
	const struct ko_table *t = a->tables[ti];
	int r, c;

	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);
			char col[160];
			int v;

			if (!is_count(cell))
				continue;
			column_name(&t->cols[c], col, sizeof(col));
			v = add_var(a, t->name, row_term(&t->rows[r]), t->rows[r].value,
				    col, cell_kind(cell), cell->v[0]);
			if (v >= 0) {
				a->vars[v].t = ti;
				a->vars[v].row = r;
				a->vars[v].col = c;
			}
		}
}

/* The first column of a role in the first estimate column's group. */
static int role_col(const struct ko_table *t, enum ko_col_role role)
{
	int c;

	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].role == KO_COL_ESTIMATE)
			return ko_table_role_col(t, role, t->cols[c].group);
	return ko_table_role_col(t, role, NULL);
}

/* A model table: each level's persons and events, and the model's
 * ("(model)", the "Persons in the model" row, or on the population's
 * counts the "All persons" row and "Not in the model", level "not in the
 * model"). */
static void read_model(struct audit *a, int ti)
{
	const struct ko_table *t = a->tables[ti];
	int cn = role_col(t, KO_COL_N), ce = role_col(t, KO_COL_EVENTS), r, k;

	if (cn < 0 || ce < 0)
		return;
	for (r = 0; r < t->nrow; r++) {
		const struct ko_table_row *row = &t->rows[r];
		int model = !strcmp(row_term(row), "(model)");
		int nim = model && row->value && !strcmp(row->value, "not_in_model");

		if (model ? !row->value || (strcmp(row->value, "n") && !nim)
			  : !row->value || !*row->value)
			continue;
		if (!model && find(a, t->name, row_term(row), row->value, "n") >= 0)
			continue;
		for (k = 0; k < 2; k++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, k ? ce : cn);
			enum vkind kind = cell_kind(cell);
			int v;

			if (kind == V_SHOWN && !is_count(cell))
				kind = V_HIDDEN; /* n/a: an unknown */
			v = add_var(a, t->name, model ? "(model)" : row_term(row),
				    nim ? "not in the model" : model ? "" : row->value,
				    k ? "events" : "n", kind, cell->v[0]);
			if (v >= 0 && is_count(cell)) {
				a->vars[v].t = ti;
				a->vars[v].row = r;
				a->vars[v].col = k ? ce : cn;
			}
		}
	}
}

/* The outcome label of a model table (its title "LABEL: model X"). */
static void model_outcome(const struct audit *a, const struct ko_table *t,
			  char *out, size_t size)
{
	char word[64];
	const char *end;

	snprintf(word, sizeof(word), ": %s ", ko_lang_text(a->lang, KO_MSG_MODEL));
	end = strstr(t->title, word);

	snprintf(out, size, "%.*s", end ? (int)(end - t->title) : (int)strlen(t->title),
		 t->title);
}

/* ---- relations ---------------------------------------------------------- */

/* Table 1: columns sum to Overall, a term's levels to the persons. */
static void table1_lines(struct audit *a, const char *table)
{
	int i, j, k, nv = a->nvar;

	for (i = 0; i < nv; i++) {
		struct aline *l;

		if (!is(&a->vars[i], table) || strcmp(a->vars[i].column, "Overall"))
			continue;
		l = new_line(a);
		line_add(a, l, i, -1);
		for (j = 0; j < nv; j++)
			if (j != i && is(&a->vars[j], table) &&
			    !strcmp(a->vars[j].term, a->vars[i].term) &&
			    !strcmp(a->vars[j].level, a->vars[i].level))
				line_add(a, l, j, 1);
		if (l && l->n == 1)
			drop_line(a);
	}
	for (i = 0; i < nv; i++) {
		const char *term = a->vars[i].term;
		int cat = 0, one = -1, persons;
		struct aline *l;

		if (!is(&a->vars[i], table) || !strcmp(term, "persons"))
			continue;
		for (k = 0; k < i; k++)
			if (is(&a->vars[k], table) && !strcmp(a->vars[k].term, term) &&
			    !strcmp(a->vars[k].column, a->vars[i].column))
				break;
		if (k < i)
			continue;
		for (k = 0; k < nv; k++)
			if (is(&a->vars[k], table) && !strcmp(a->vars[k].term, term)) {
				if (!strcmp(a->vars[k].level, "1"))
					one = k;
				else if (strcmp(a->vars[k].level, "missing"))
					cat = 1;
			}
		persons = find(a, table, "persons", "", a->vars[i].column);
		if (persons < 0 || (!cat && one < 0))
			continue;
		l = new_line(a);
		line_add(a, l, persons, -1);
		for (k = 0; k < nv; k++)
			if (is(&a->vars[k], table) && !strcmp(a->vars[k].term, term) &&
			    !strcmp(a->vars[k].column, a->vars[i].column))
				line_add(a, l, k, 1);
		if (!cat && one >= 0)
			line_add(a, l, unpublished(a, table, term, "0 (zeros)",
						   a->vars[i].column), 1);
	}
}

/* Rows summing to a total row, per column. */
static void column_lines(struct audit *a, const char *table,
			 const char *total_term, const char *total_level,
			 int same_term)
{
	int i, k, nv = a->nvar;

	for (i = 0; i < nv; i++) {
		struct aline *l;

		if (!is(&a->vars[i], table) || strcmp(a->vars[i].term, total_term) ||
		    strcmp(a->vars[i].level, total_level))
			continue;
		l = new_line(a);
		line_add(a, l, i, -1);
		for (k = 0; k < nv; k++)
			if (k != i && is(&a->vars[k], table) &&
			    !strcmp(a->vars[k].column, a->vars[i].column) &&
			    (same_term ? !strcmp(a->vars[k].term, total_term)
				       : strcmp(a->vars[k].term, total_term) != 0))
				line_add(a, l, k, 1);
	}
}

/* The flow chain, and the cohort and base in every table that has them. */
static void flow_lines(struct audit *a)
{
	int i, prev = -1, first = -1, last = -1, k, not_in_flow;
	static const char *const same_cohort[][4] = {
		{ "table1", "persons", "", "Overall" },
		{ "table1_exposure", "persons", "", "Overall" },
		{ "regional", "all", "", "Persons" },
		{ "parent_linkage", "Mother", "all", "Children in the cohort" },
		{ "parent_linkage", "Father", "all", "Children in the cohort" },
	};
	static const char *const same_base[][4] = {
		{ "parent_linkage", "Mother", "all", "Children in the base extract" },
		{ "parent_linkage", "Father", "all", "Children in the base extract" },
	};

	for (i = 0; i < a->nvar; i++) {
		int ex;
		struct aline *l;

		if (!is(&a->vars[i], "cohort_flow") ||
		    strcmp(a->vars[i].column, "Remaining"))
			continue;
		if (first < 0 || !strncmp(a->vars[i].term, "children in extract", 19))
			first = first < 0 || strncmp(a->vars[first].term,
						     "children in extract", 19) ? i : first;
		last = i;
		ex = find(a, "cohort_flow", a->vars[i].term, "", "Excluded");
		if (prev >= 0 && ex >= 0) {
			l = new_line(a);
			line_add(a, l, prev, 1);
			line_add(a, l, i, -1);
			line_add(a, l, ex, -1);
		}
		prev = i;
	}
	if (first < 0 || last <= first)
		return;
	/* the cohort elsewhere is the flow's last count minus those the flow
	 * leaves out (0: the report stage refuses a flow that does not end
	 * at the cohort; the attacker does not know that) */
	not_in_flow = unpublished(a, "cohort_flow", "(not in the flow)", "", "n");
	for (k = 0; k < 6; k++) {
		int c = k < 5 ? find(a, same_cohort[k][0], same_cohort[k][1],
				     same_cohort[k][2], same_cohort[k][3])
			      : find_row(a, "follow_up", "exit_reason", "all");
		struct aline *l;

		if (c < 0)
			continue;
		l = new_line(a);
		line_add(a, l, last, -1);
		line_add(a, l, c, 1);
		line_add(a, l, not_in_flow, 1);
	}
	/* "children in extract" (after rows lost to rejects or no id)
	 * excludes nobody */
	if (!strncmp(a->vars[first].term, "children in extract", 19)) {
		int ex = find(a, "cohort_flow", a->vars[first].term, "", "Excluded");

		if (ex >= 0)
			line_add(a, new_line(a), ex, 1);
	}
	for (k = 0; k < 2; k++)
		equal2(a, first, find(a, same_base[k][0], same_base[k][1],
				      same_base[k][2], same_base[k][3]));
}

/* The follow-up table's events against Table 1's outcome events.  The
 * two are different definitions (the follow-up's event ends follow-up; an
 * event after death or emigration excludes the child; one on the end-age
 * birthday is not followed; the outcome is read in its own window), but
 * an attacker who reads both definitions may know that one set holds the
 * other, or that they are the same.  Taken as the worst case: the same
 * count where the two are equal, else the larger is the smaller plus an
 * unpublished count >= 0 (those in one definition only), bounded like
 * every other difference. */
static void followup_lines(struct audit *a, const char *outcome_yes)
{
	int fe = find_row(a, "follow_up", "exit_reason", "event");
	int oy = find(a, "table1", "persons", "", outcome_yes);
	int big, small;
	struct aline *l;

	if (fe < 0 || oy < 0)
		return;
	if (fabs(a->vars[fe].value - a->vars[oy].value) < 0.5) {
		equal2(a, fe, oy);
		return;
	}
	big = a->vars[fe].value > a->vars[oy].value ? fe : oy;
	small = big == fe ? oy : fe;
	l = new_line(a);
	line_add(a, l, big, -1);
	line_add(a, l, small, 1);
	line_add(a, l, unpublished(a, "follow_up", "(event in one definition "
				   "only)", "", "n"), 1);
}

/* The same group counted in two tables. */
static void cross_lines(struct audit *a, const char *outcome_yes,
			const char *events_col)
{
	int i, nv = a->nvar;

	for (i = 0; i < nv; i++) {
		const struct avar *v = &a->vars[i];

		if (is(v, "table1") && !strcmp(v->column, "Overall") &&
		    strcmp(v->term, "persons"))
			equal2(a, i, find(a, "table1_exposure", v->term, v->level,
					  "Overall"));
		if (is(v, "regional") && strcmp(v->term, "all")) {
			if (!strcmp(v->column, "Persons"))
				equal2(a, i, find(a, "table1", v->term, v->level,
						  "Overall"));
			else if (!strcmp(v->column, events_col))
				equal2(a, i, find(a, "table1", v->term, v->level,
						  outcome_yes));
		}
	}
}

/* Is model table name a stratum of a term and level Table 1 shows
 * (NAME_TERM_LEVEL)?  Fills term, level and the model's part in base. */
static int stratum_of(const struct audit *a, const char *name, char *term,
		      char *level, char *base)
{
	int i;
	size_t n = strlen(name);

	for (i = 0; i < a->nvar; i++) {
		char suffix[256];
		size_t m;

		if (!is(&a->vars[i], "table1") || strcmp(a->vars[i].column, "Overall"))
			continue;
		m = (size_t)snprintf(suffix, sizeof(suffix), "_%s_%s",
				     a->vars[i].term, a->vars[i].level);
		if (m < n && !strcmp(name + n - m, suffix)) {
			strcpy(term, a->vars[i].term);
			strcpy(level, a->vars[i].level);
			memcpy(base, name, n - m);
			base[n - m] = '\0';
			return 1;
		}
	}
	return 0;
}

/* The nesting of a model count in the cohort's: outer = inner + not. */
static void nested(struct audit *a, int outer, int inner, const char *table,
		   const char *term, const char *level, const char *column)
{
	struct aline *l;

	if (outer < 0 || inner < 0)
		return;
	l = new_line(a);
	line_add(a, l, outer, -1);
	line_add(a, l, inner, 1);
	line_add(a, l, unpublished(a, table, term, level, column), 1);
}

/* The linkage table's cohort is within its base extract, outcome by
 * outcome: a row's base children are its cohort children plus those the
 * flow excluded, an unpublished count >= 0 (issue #13: on the example
 * the father's "id not found" 50 and 49 gave 1 excluded child away). */
static void linkage_nested_lines(struct audit *a)
{
	int i, nv = a->nvar;

	for (i = 0; i < nv; i++) {
		const struct avar *v = &a->vars[i];
		int c;

		if (!is(v, "parent_linkage") || !strcmp(v->level, "all") ||
		    strcmp(v->column, "Children in the base extract"))
			continue;
		c = find(a, "parent_linkage", v->term, v->level,
			 "Children in the cohort");
		if (c >= 0)
			nested(a, i, c, "parent_linkage", v->term, v->level,
			       "(excluded from the cohort)");
	}
}

/* The table index of the non-model table called name, -1. */
static int table_index(const struct audit *a, const char *name)
{
	int i;

	for (i = 0; i < a->ntab; i++)
		if (!a->tables[i]->model && !strcmp(a->tables[i]->name, name))
			return i;
	return -1;
}

/* Table 1 by exposure's group sizes (its "Persons, n" row, and the N its
 * headers may show) are Table 1's counts of the exposure's levels: the
 * column "EXPOSURE: LEVEL" is Table 1's row LEVEL under the heading
 * EXPOSURE (matched by their shown labels), "Missing" its missing row
 * (issue #13). */
static void exposure_group_lines(struct audit *a)
{
	int t1 = table_index(a, "table1"), i, r, nv = a->nvar;
	const struct ko_table *t;

	if (t1 < 0)
		return;
	t = a->tables[t1];
	for (i = 0; i < nv; i++) {
		const struct avar *v = &a->vars[i];
		const struct ko_table_col *col;
		const char *term = NULL;

		if (!is(v, "table1_exposure") || strcmp(v->term, "persons") ||
		    v->t < 0)
			continue;
		col = &a->tables[v->t]->cols[v->col];
		if (!col->group)
			continue;
		for (r = 0; r < t->nrow && !term; r++) /* the exposure's heading */
			if (t->rows[r].level == 0 && !t->rows[r].value &&
			    !strcmp(t->rows[r].label, col->group))
				term = row_term(&t->rows[r]);
		for (r = 0; term && r < t->nrow; r++)
			if (t->rows[r].value && !strcmp(row_term(&t->rows[r]), term) &&
			    !strcmp(t->rows[r].label, col->header)) {
				equal2(a, i, find(a, "table1", term, t->rows[r].value,
						  "Overall"));
				break;
			}
	}
}

/* 1 when model table t has a person-years column (a Cox or rate model,
 * report_models.c). */
static int has_person_years(const struct audit *a, const struct ko_table *t)
{
	const char *py = ko_lang_text(a->lang, KO_MSG_FU_PERSON_YEARS);
	int c;

	for (c = 0; c < t->ncol; c++)
		if (!strcmp(t->cols[c].header, py))
			return 1;
	return 0;
}

/* Is a crude estimate of term shown in model table t (a cell of its
 * crude columns on the term's rows, not a reference)? */
static int crude_shown(const struct audit *a, const struct ko_table *t,
		       const char *term)
{
	const char *crude = ko_lang_text(a->lang, KO_MSG_CRUDE);
	int r, c;

	for (r = 0; r < t->nrow; r++) {
		if (strcmp(row_term(&t->rows[r]), term))
			continue;
		for (c = 0; c < t->ncol; c++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, c);

			if (t->cols[c].group && !strcmp(t->cols[c].group, crude) &&
			    cell->kind != KO_CELL_EMPTY && cell->kind != KO_CELL_REF &&
			    cell->kind != KO_CELL_TEXT && cell->supp == KO_SUPP_NONE)
				return 1;
		}
	}
	return 0;
}

/* A model table on the population's counts (report_models.c: "All
 * persons" and "Not in the model"): the population is the model's
 * complete cases (unpublished) and those not in it; each term's levels
 * and those with the term missing (unpublished) are the population; and
 * where a term's crude estimates are shown on the model's complete cases
 * (crude_cases = complete), everyone with the term known is in the model
 * (the crude 2 x k table is the shown counts), so those not in the model
 * are exactly those with it missing. */
static void population_lines(struct audit *a, const struct ko_table *t,
			     int n_tot, int e_tot)
{
	const char *table = t->name;
	int nim[2], tot[2] = { n_tot, e_tot }, i, j, k, nv = a->nvar;
	int crude_available;
	struct aline *l;

	/* crude_cases = available (the footnote says so): a crude estimate
	 * is of everyone with the term known, the shown counts, and says
	 * nothing of those not in the model */
	crude_available = t->footnote &&
			  strstr(t->footnote, ko_lang_text(a->lang,
					    KO_MSG_FOOT_POPULATION_AVAILABLE));
	nim[0] = find(a, table, "(model)", "not in the model", "n");
	nim[1] = find(a, table, "(model)", "not in the model", "events");
	if (nim[0] < 0 || nim[1] < 0)
		return;
	for (k = 0; k < 2; k++) {
		l = new_line(a);
		line_add(a, l, tot[k], -1);
		line_add(a, l, nim[k], 1);
		line_add(a, l, unpublished(a, table, "(model)", "in the model",
					   k ? "events" : "n"), 1);
	}
	for (i = 0; i < nv; i++) {
		char term[96];
		int shown, miss[2];

		if (!is(&a->vars[i], table) || strcmp(a->vars[i].column, "n") ||
		    strchr(a->vars[i].term, ':') ||
		    !strcmp(a->vars[i].term, "(model)"))
			continue;
		for (j = 0; j < i; j++)
			if (is(&a->vars[j], table) &&
			    !strcmp(a->vars[j].term, a->vars[i].term))
				break;
		if (j < i)
			continue;
		snprintf(term, sizeof(term), "%s", a->vars[i].term);
		shown = crude_shown(a, t, term);
		for (k = 0; k < 2; k++) {
			miss[k] = unpublished(a, table, term, "(missing)",
					      k ? "events" : "n");
			l = new_line(a);
			line_add(a, l, tot[k], -1);
			line_add(a, l, miss[k], 1);
			for (j = 0; j < nv; j++)
				if (is(&a->vars[j], table) &&
				    !strcmp(a->vars[j].term, term) &&
				    !strcmp(a->vars[j].column, k ? "events" : "n"))
					line_add(a, &a->lines[a->nline - 1], j, 1);
			if (shown && !crude_available)
				equal2(a, nim[k], miss[k]);
		}
	}
}

/* Whether v is a count of a model table's level that a person passes
 * through (struct ko_table_row's overlaps). */
static int overlaps(const struct audit *a, const struct avar *v)
{
	return v->t >= 0 && v->row >= 0 && a->tables[v->t]->rows[v->row].overlaps;
}

/* A model table's own lines and its nesting in the cohort. */
static void model_lines(struct audit *a, const struct ko_table *t,
			const char *outcome_yes)
{
	char oc[256], yes[300], sterm[96], slevel[96], base[128];
	const char *table = t->name;
	int i, k, nv = a->nvar, same_outcome, n_tot, e_tot, bands, population;

	model_outcome(a, t, oc, sizeof(oc));
	snprintf(yes, sizeof(yes), "%s: Yes", oc);
	same_outcome = !strcmp(yes, outcome_yes);
	n_tot = find(a, table, "(model)", "", "n");
	e_tot = find(a, table, "(model)", "", "events");
	if (n_tot < 0 || e_tot < 0)
		return;
	/* on the population's counts its own lines; the levels' nesting in
	 * the cohort below holds for both */
	population = find(a, table, "(model)", "not in the model", "n") >= 0;
	if (population)
		population_lines(a, t, n_tot, e_tot);
	for (i = 0; i < nv && !population; i++) {
		struct aline *ln, *le;

		if (!is(&a->vars[i], table) || strcmp(a->vars[i].column, "n") ||
		    strchr(a->vars[i].term, ':') ||
		    !strcmp(a->vars[i].term, "(model)"))
			continue;
		for (k = 0; k < i; k++)
			if (is(&a->vars[k], table) &&
			    !strcmp(a->vars[k].term, a->vars[i].term))
				break;
		if (k < i)
			continue;
		/* the bands of split follow-up (a rate model's terms
		 * age_band and period) and a time-varying count's levels (the
		 * row's overlaps): each event is in one level, a person in
		 * several, so only the events sum to the model's */
		bands = ko_model_term_is_split(a->vars[i].term) ||
			overlaps(a, &a->vars[i]);
		/* two new lines: take both pointers after the array grew */
		if (!new_line(a) || (!bands && !new_line(a)))
			return;
		ln = bands ? NULL : &a->lines[a->nline - 2];
		le = &a->lines[a->nline - 1];
		if (ln)
			line_add(a, ln, n_tot, -1);
		line_add(a, le, e_tot, -1);
		for (k = 0; k < nv; k++)
			if (is(&a->vars[k], table) &&
			    !strcmp(a->vars[k].term, a->vars[i].term) &&
			    (ln || strcmp(a->vars[k].column, "n")))
				line_add(a, !strcmp(a->vars[k].column, "n") ? ln : le,
					 k, 1);
	}
	if (!stratum_of(a, table, sterm, slevel, base)) {
		strcpy(sterm, "persons");
		slevel[0] = '\0';
	}
	nested(a, find(a, "table1", sterm, slevel, "Overall"), n_tot, table,
	       "(not in the model)", "", "n");
	/* a time-to-event model (its person-years column) counts the
	 * follow-up's events: those of its persons, within the follow-up
	 * table's */
	if (has_person_years(a, t))
		nested(a, find_row(a, "follow_up", "exit_reason", "event"), e_tot,
		       table, "(follow-up events not in the model)", "", "events");
	if (same_outcome)
		nested(a, find(a, "table1", sterm, slevel, outcome_yes), e_tot,
		       table, "(not in the model)", "", "events");
	for (i = 0; i < nv; i++) {
		const struct avar *v = &a->vars[i];
		int c;

		/* a time-varying count's level is not the cohort's level of
		 * the variable (its value at the end of follow-up): no nesting */
		if (!is(v, table) || !strcmp(v->term, "(model)") || overlaps(a, v))
			continue;
		if (!strcmp(v->column, "n"))
			c = find(a, "table1", v->term, v->level, "Overall");
		else if (same_outcome)
			c = find(a, "table1", v->term, v->level, outcome_yes);
		else
			continue;
		nested(a, c, i, table, v->term, v->level, v->column);
	}
}

/* The strata of one stratified model sum, with those in no shown
 * stratum's model, to the cohort's count of each level. */
static void strata_lines(struct audit *a, const char *outcome_yes)
{
	char term[96], level[96], base[128], b2[128], term2[96], level2[96];
	int x, y, i, k, nv = a->nvar;
	unsigned char *done = calloc((size_t)a->ntab + 1, 1);
	int *members = malloc(sizeof(int) * ((size_t)a->ntab + 1));

	if (!done || !members) {
		a->nomem = 1;
		goto out;
	}
	for (x = 0; x < a->ntab; x++) {
		const struct ko_table *t0 = a->tables[x];
		char oc[256], yes[300];
		int nm = 0;

		if (done[x] || !t0->model || !stratum_of(a, t0->name, term, level, base))
			continue;
		for (y = x; y < a->ntab; y++)
			if (a->tables[y]->model &&
			    stratum_of(a, a->tables[y]->name, term2, level2, b2) &&
			    !strcmp(term, term2) && !strcmp(base, b2)) {
				members[nm++] = y;
				done[y] = 1;
			}
		model_outcome(a, t0, oc, sizeof(oc));
		snprintf(yes, sizeof(yes), "%s: Yes", oc);
		for (i = 0; i < nv; i++) {
			const struct avar *v = &a->vars[i];
			int c;
			struct aline *l;

			if (!is(v, t0->name) || !strcmp(v->term, "(model)"))
				continue;
			c = find(a, "table1", v->term, v->level,
				 !strcmp(v->column, "n") ? "Overall" : yes);
			if (c < 0 || (strcmp(v->column, "n") && strcmp(yes, outcome_yes)))
				continue;
			l = new_line(a);
			line_add(a, l, c, -1);
			for (k = 0; k < nm; k++)
				line_add(a, l, find(a, a->tables[members[k]]->name,
						    v->term, v->level, v->column), 1);
			line_add(a, l, unpublished(a, base, v->term, v->level,
						   v->column), 1);
		}
	}
out:
	free(done);
	free(members);
}

/* Drop relations between shown counts only that do not add up: where the
 * export does not follow them (the flow's last step is not the cohort
 * when a later exclusion is not in the flow table), they are not the
 * attacker's either. */
static void drop_false_lines(struct audit *a)
{
	int k = 0;

	while (k < a->nline) {
		struct aline *l = &a->lines[k];
		double sum = 0;
		int j, known = 1;

		for (j = 0; j < l->n; j++) {
			known &= a->vars[l->v[j]].kind == V_SHOWN;
			sum += l->c[j] * a->vars[l->v[j]].value;
		}
		if (!known || fabs(sum) < 0.5) {
			k++;
			continue;
		}
		free(l->v);
		free(l->c);
		*l = a->lines[--a->nline];
	}
}

/* Every published count and every relation between them. */
static void build(struct audit *a)
{
	char outcome_yes[300] = "(no outcome columns)", events_col[300] = "";
	static const char *const long_tables[] = {
		"cohort_flow", "table1", "table1_exposure", "regional",
		"parent_linkage", "follow_up",
	};
	size_t k;
	int i;

	clear(a);
	for (k = 0; k < sizeof(long_tables) / sizeof(*long_tables); k++)
		for (i = 0; i < a->ntab; i++)
			if (!a->tables[i]->model &&
			    !strcmp(a->tables[i]->name, long_tables[k]))
				read_long(a, i);
	for (i = 0; i < a->nvar; i++) {
		const char *c = a->vars[i].column;
		size_t m = strlen(c);

		if (is(&a->vars[i], "table1") && m > 5 && !strcmp(c + m - 5, ": Yes")) {
			snprintf(outcome_yes, sizeof(outcome_yes), "%s", c);
			snprintf(events_col, sizeof(events_col), "Events: %.*s",
				 (int)(m - 5), c);
			break;
		}
	}
	for (i = 0; i < a->ntab; i++)
		if (a->tables[i]->model)
			read_model(a, i);
	table1_lines(a, "table1");
	table1_lines(a, "table1_exposure");
	column_lines(a, "regional", "all", "", 0);
	column_lines(a, "parent_linkage", "Mother", "all", 1);
	column_lines(a, "parent_linkage", "Father", "all", 1);
	column_lines(a, "follow_up", "exit_reason", "all", 1);
	linkage_nested_lines(a);
	flow_lines(a);
	cross_lines(a, outcome_yes, events_col);
	exposure_group_lines(a);
	followup_lines(a, outcome_yes);
	for (i = 0; i < a->ntab; i++)
		if (a->tables[i]->model)
			model_lines(a, a->tables[i], outcome_yes);
	strata_lines(a, outcome_yes);
	drop_false_lines(a);
}

/* ---- the linear programs ------------------------------------------------ */

static void set_bounds(glp_prob *lp, const struct avar *v, int j, int T)
{
	switch (v->kind) {
	case V_SHOWN:
		glp_set_col_bnds(lp, j, GLP_FX, v->value, v->value);
		break;
	case V_SMALL:
		glp_set_col_bnds(lp, j, GLP_DB, 1, T - 1);
		break;
	default:
		glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
	}
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

static int bound(glp_prob *lp, struct avar *v, int j)
{
	return ko_disclosure_lp_range(lp, j, &v->lo, &v->hi);
}

/* The protection rule (docs/outputs.md, rule 5): a count that the export
 * shows to be below T (its greatest value is 1..T-1) must not be shown
 * more narrowly than "<T" says: its interval holds all of 1..T-1.  A
 * count whose interval reaches T is not known to be small; one pinned to
 * 0 is no one.  Applied to every hidden count and unpublished difference
 * from the bounds alone, as the attacker applies it. */
static int unsafe(const struct avar *v, int T)
{
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

/* May a shown count be suppressed here?  Not the cohort's size or the
 * group sizes (the flow, the linkage table's totals, Table 1's persons
 * row, the regional "all" row: hiding them would hide whole tables); a
 * link outcome's count may be (two "<T" outcomes of 3 children in all
 * would each be 1 or 2). */
static int may_hide(const struct avar *v)
{
	if (v->kind != V_SHOWN || v->t < 0 || v->value < 0.5)
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
	for (pass = 0; pass < 2; pass++) {
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
				if (a->vars[l->v[j]].kind != V_SHOWN) {
					int was = seen[l->v[j]];

					nn = mark(seen, near, nn, l->v[j]);
					if (!was && a->vars[l->v[j]].kind == V_SMALL &&
					    a->vars[l->v[j]].t >= 0)
						out[n++] = l->v[j];
				}
				else if (may_hide(&a->vars[l->v[j]]))
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
			   (!strcmp(row_term(o), row_term(row)) &&
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

/* One round: bound every hidden and unpublished count; for each pinned
 * one (still pinned after this round's choices), choose the smallest
 * related count whose suppression widens it (else the smallest).
 * *chosen = cells suppressed this round. */
static enum ko_status round_once(struct audit *a, int *chosen,
				 struct ko_err *err)
{
	glp_prob *lp;
	int i, k, n, *cand = NULL;
	unsigned char *seen = NULL;
	enum ko_status st = KO_OK;

	*chosen = 0;
	build(a);
	if (a->nomem)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	lp = make_lp(a);
	cand = malloc(sizeof(int) * (size_t)(a->nvar + 1));
	seen = malloc((size_t)a->nvar + 1);
	if (!lp || !cand || !seen) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < a->nvar; i++)
		if (a->vars[i].kind != V_SHOWN && bound(lp, &a->vars[i], i + 1)) {
			st = ko_err_set(err, KO_ERR_NUMERIC,
					"export audit: linear program failed");
			goto out;
		}
	for (i = 0; i < a->nvar; i++) {
		struct avar *p = &a->vars[i];
		int pick = -1;

		if (!unsafe(p, a->T))
			continue;
		if (*chosen && (bound(lp, p, i + 1) || !unsafe(p, a->T)))
			continue;
		n = candidates(a, i, cand, seen);
		if (n < 0) {
			st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
			goto out;
		}
		for (k = 0; k < n && k < 100 && pick < 0; k++) {
			struct avar *c = &a->vars[cand[k]];
			double lo = p->lo, hi = p->hi;

			glp_set_col_bnds(lp, cand[k] + 1, GLP_LO, 0, 0);
			if (!bound(lp, p, i + 1) && !unsafe(p, a->T))
				pick = cand[k];
			else
				set_bounds(lp, c, cand[k] + 1, a->T);
			p->lo = lo;
			p->hi = hi;
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
		a->vars[pick].kind = V_HIDDEN;
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
	if (lp)
		glp_delete_prob(lp);
	free(cand);
	free(seen);
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
	if (cell->supp != KO_SUPP_SECONDARY || !is_count(cell))
		return 0;
	if (!t->model && strcmp(t->name, "table1") &&
	    strcmp(t->name, "table1_exposure") && strcmp(t->name, "regional"))
		return 0;
	if (cell->kind == KO_CELL_COUNT)
		return 1;
	if (!t->model && strcmp(t->name, "regional")) {
		int p = find(a, v->table, "persons", "", v->column);

		return p >= 0 && a->vars[p].kind == V_SHOWN;
	}
	for (c = 0; c < t->ncol; c++) {
		const struct ko_cell *o = ko_table_cell_c(t, v->row, c);

		if (o->kind == KO_CELL_COUNT)
			return c != v->col && o->supp == KO_SUPP_NONE;
	}
	return 0;
}

/* Bounds of every hidden count under the audit's knowledge (m = 0: an "x"
 * is >= 0) and under the tables' own (m = 1: an "x" of T or more is at
 * least T, as disclosure.c assumes; any other count at least its own
 * kind's least value). */
static void set_bounds_m(glp_prob *lp, const struct avar *v, int j, int T,
			 int m)
{
	if (m && v->kind == V_HIDDEN && v->t >= 0)
		glp_set_col_bnds(lp, j, GLP_LO,
				 v->value >= T - 0.5 ? T : v->value > 0.5 ? 1 : 0, 0);
	else
		set_bounds(lp, v, j, T);
}

struct release {
	glp_prob *lp[2];
	double *lo[2], *hi[2]; /* per var and model */
	int nv, nc;
	const int *cand;       /* the cells that may be published again */
	int *ci;               /* var -> its index in cand, -1 */
	double *x[2][2];       /* [model][min/max]: at var j's optimum, the
				* candidates' values, x[.][.][j * nc + ci] */
};

/* Optimise var j of model m both ways; the candidates' values at the two
 * optima into xmin and xmax (nc each).  Nonzero when an LP fails. */
static int bound_m(struct release *r, int m, int j, double *lo, double *hi,
		   double *xmin, double *xmax)
{
	int d, k;

	for (d = 0; d < 2; d++) {
		double *x = d ? xmax : xmin;

		if (ko_disclosure_lp_end(r->lp[m], j + 1, d ? GLP_MAX : GLP_MIN, d ? hi : lo))
			return 1;
		/* unbounded: GLPK's last basic point is no optimum, and a
		 * candidate's value there says nothing (NAN: recomputed
		 * whenever a candidate is published) */
		for (k = 0; k < r->nc; k++)
			x[k] = isfinite(d ? *hi : *lo)
			       ? glp_get_col_prim(r->lp[m], r->cand[k] + 1) : NAN;
	}
	return 0;
}

/* Is var j's interval a leak: model 0 by the protection rule (unsafe),
 * model 1 pinned to one value (disclosure.c's audit). */
static int leak_m(const struct audit *a, int j, int m, double lo, double hi)
{
	struct avar v = a->vars[j];

	if (m) /* pinned; an unpublished difference only to 1..T-1 */
		return hi - lo < 0.5 && (v.kind != V_UNPUBLISHED ||
					 (lo > 0.5 && lo < a->T - 0.5));
	v.lo = lo;
	v.hi = hi;
	return unsafe(&v, a->T);
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
static enum ko_status release_complements(struct audit *a, int *released,
					  struct ko_err *err)
{
	struct release r;
	int *cand = NULL, i, j, m, d, k;
	unsigned char *was_pinned = NULL, *was_near = NULL;
	int *order = NULL;
	double *tlo = NULL, *thi = NULL, *tx[2][2] = {{NULL, NULL}, {NULL, NULL}};
	enum ko_status st = KO_OK;
	size_t nn;

	*released = 0;
	memset(&r, 0, sizeof(r));
	build(a);
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
	for (m = 0; m < 2; m++) {
		r.lp[m] = make_lp(a);
		r.lo[m] = malloc(sizeof(double) * (size_t)r.nv);
		r.hi[m] = malloc(sizeof(double) * (size_t)r.nv);
		if (!r.lp[m] || !r.lo[m] || !r.hi[m])
			goto nomem;
		for (d = 0; d < 2; d++) {
			r.x[m][d] = malloc(sizeof(double) * nn);
			tx[m][d] = malloc(sizeof(double) * nn);
			if (!r.x[m][d] || !tx[m][d])
				goto nomem;
		}
		for (i = 0; i < r.nv; i++)
			set_bounds_m(r.lp[m], &a->vars[i], i + 1, a->T, m);
	}
	was_pinned = calloc((size_t)r.nv, 1);
	was_near = malloc((size_t)r.nv + 1);
	order = malloc(sizeof(int) * ((size_t)r.nv + 1));
	tlo = malloc(sizeof(double) * 4 * (size_t)r.nv);
	if (!was_pinned || !was_near || !order || !tlo)
		goto nomem;
	thi = tlo + 2 * r.nv;
	for (m = 0; m < 2; m++)
		for (j = 0; j < r.nv; j++) {
			if (a->vars[j].kind == V_SHOWN)
				continue;
			if (bound_m(&r, m, j, &r.lo[m][j], &r.hi[m][j],
				    r.x[m][0] + (size_t)j * r.nc,
				    r.x[m][1] + (size_t)j * r.nc))
				goto lpfail;
			if (m)
				was_pinned[j] = leak_m(a, j, 1, r.lo[1][j], r.hi[1][j]);
			else if (leak_m(a, j, 0, r.lo[0][j], r.hi[0][j]))
				goto out; /* not converged: publish nothing */
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
		for (m = 0; m < 2; m++)
			glp_set_col_bnds(r.lp[m], c + 1, GLP_FX, v, v);
		for (i = 0; i < 2 * r.nv; i++)
			tlo[i] = NAN;
		/* only a count whose optimum points move c can change */
		for (q = 0; q < r.nv && ok; q++)
			for (m = 0; m < 2 && ok; m++) {
				size_t at;

				j = order[q];
				at = (size_t)j * r.nc;
				if (j == c || a->vars[j].kind == V_SHOWN ||
				    (fabs(r.x[m][0][at + k] - v) < 1e-7 &&
				     fabs(r.x[m][1][at + k] - v) < 1e-7))
					continue;
				if (bound_m(&r, m, j, &tlo[m * r.nv + j],
					    &thi[m * r.nv + j], tx[m][0] + at,
					    tx[m][1] + at))
					goto lpfail;
				ok = !leak_m(a, j, m, tlo[m * r.nv + j],
					     thi[m * r.nv + j]) ||
				     (m && was_pinned[j]);
			}
		if (!ok) {
			for (m = 0; m < 2; m++)
				set_bounds_m(r.lp[m], &a->vars[c], c + 1, a->T, m);
			continue;
		}
		/* published: keep the new bounds and optimum points */
		for (m = 0; m < 2; m++)
			for (j = 0; j < r.nv; j++) {
				size_t at = (size_t)j * r.nc;

				if (isnan(tlo[m * r.nv + j]))
					continue;
				r.lo[m][j] = tlo[m * r.nv + j];
				r.hi[m][j] = thi[m * r.nv + j];
				for (d = 0; d < 2; d++)
					memcpy(r.x[m][d] + at, tx[m][d] + at,
					       sizeof(double) * (size_t)r.nc);
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
	for (m = 0; m < 2; m++) {
		if (r.lp[m])
			glp_delete_prob(r.lp[m]);
		free(r.lo[m]);
		free(r.hi[m]);
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
		if (!strcmp(row_term(&t->rows[r]), "persons"))
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
	enum ko_status st = KO_OK;
	int rounds, chosen = 0, total = 0, i;

	memset(&a, 0, sizeof(a));
	a.tables = tables;
	a.ntab = n;
	a.T = T;
	a.lang = (enum ko_lang)lang;
	glp_term_out(GLP_OFF);
	for (rounds = 0; rounds < 200; rounds++) {
		st = round_once(&a, &chosen, err);
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

		st = release_complements(&a, &released, err);
	}
	for (i = 0; !st && i < n; i++)
		hide_percentages(tables[i]);
	clear(&a);
	free(a.vars);
	free(a.lines);
	if (!st && added)
		*added = total;
	return st;
}
