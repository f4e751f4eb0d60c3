/* export_audit_rel.c - the relations of the whole-export audit
 * (export_audit.h): every published count of every table as a variable
 * and every linear relation the export implies between them, the same
 * the whole-export attacker (tests/test_export_attack.c) builds from the
 * files.  export_audit.c bounds them and acts. */
#include "export_audit_impl.h"
#include "model.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The hash of a variable's names (FNV-1a), for audit_find. */
static unsigned key_hash(const char *table, const char *term, const char *level,
			 const char *column)
{
	const char *part[4] = { table, term, level, column };
	unsigned h = 2166136261u;
	int k;

	for (k = 0; k < 4; k++) {
		const unsigned char *p = (const unsigned char *)part[k];

		for (; *p; p++)
			h = (h ^ *p) * 16777619u;
		h = (h ^ 0xff) * 16777619u;
	}
	return h;
}

static int same_key(const struct avar *v, const char *table, const char *term,
		    const char *level, const char *column)
{
	return !strcmp(v->column, column) && !strcmp(v->term, term) &&
	       !strcmp(v->level, level) && !strcmp(v->table, table);
}

/* Var i into the index of names (the first of equal names stays);
 * the index grown and rebuilt as the vars grow.  Out of memory: no
 * index (audit_find reads the vars one by one). */
static void index_var(struct audit *a, int i)
{
	const struct avar *v;
	unsigned h;

	if (2 * (a->nvar + 1) > a->hcap) {
		int cap = a->hcap ? 2 * a->hcap : 1024, k;
		int *grown = malloc(sizeof(int) * (size_t)cap);

		free(a->hash);
		a->hash = grown;
		a->hcap = grown ? cap : 0;
		if (!grown)
			return;
		for (k = 0; k < cap; k++)
			grown[k] = -1;
		for (k = 0; k < i; k++)
			index_var(a, k);
	}
	if (!a->hash)
		return;
	v = &a->vars[i];
	h = key_hash(v->table, v->term, v->level, v->column) & (unsigned)(a->hcap - 1);
	for (; a->hash[h] >= 0; h = (h + 1) & (unsigned)(a->hcap - 1))
		if (same_key(&a->vars[a->hash[h]], v->table, v->term, v->level,
			     v->column))
			return;
	a->hash[h] = i;
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
	index_var(a, a->nvar);
	return a->nvar++;
}

int audit_find(const struct audit *a, const char *table, const char *term,
		const char *level, const char *column)
{
	unsigned h;
	int i;

	if (!a->hash) {
		for (i = 0; i < a->nvar; i++)
			if (same_key(&a->vars[i], table, term, level, column))
				return i;
		return -1;
	}
	h = key_hash(table, term, level, column) & (unsigned)(a->hcap - 1);
	for (; a->hash[h] >= 0; h = (h + 1) & (unsigned)(a->hcap - 1))
		if (same_key(&a->vars[a->hash[h]], table, term, level, column))
			return a->hash[h];
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

void audit_clear(struct audit *a)
{
	int k;

	while (a->nline)
		drop_line(a);
	a->nvar = 0;
	for (k = 0; k < a->hcap; k++)
		a->hash[k] = -1;
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

int audit_is_count(const struct ko_cell *cell)
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

const char *audit_row_term(const struct ko_table_row *row)
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

			if (!audit_is_count(cell))
				continue;
			column_name(&t->cols[c], col, sizeof(col));
			v = add_var(a, t->name, audit_row_term(&t->rows[r]), t->rows[r].value,
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
		int model = !strcmp(audit_row_term(row), "(model)");
		int nim = model && row->value && !strcmp(row->value, "not_in_model");

		if (model ? !row->value || (strcmp(row->value, "n") && !nim)
			  : !row->value || !*row->value)
			continue;
		if (!model && audit_find(a, t->name, audit_row_term(row), row->value, "n") >= 0)
			continue;
		for (k = 0; k < 2; k++) {
			const struct ko_cell *cell = ko_table_cell_c(t, r, k ? ce : cn);
			enum vkind kind = cell_kind(cell);
			int v;

			if (kind == V_SHOWN && !audit_is_count(cell))
				kind = V_HIDDEN; /* n/a: an unknown */
			v = add_var(a, t->name, model ? "(model)" : audit_row_term(row),
				    nim ? "not in the model" : model ? "" : row->value,
				    k ? "events" : "n", kind, cell->v[0]);
			if (v >= 0 && audit_is_count(cell)) {
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
		persons = audit_find(a, table, "persons", "", a->vars[i].column);
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
		ex = audit_find(a, "cohort_flow", a->vars[i].term, "", "Excluded");
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
		int c = k < 5 ? audit_find(a, same_cohort[k][0], same_cohort[k][1],
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
		int ex = audit_find(a, "cohort_flow", a->vars[first].term, "", "Excluded");

		if (ex >= 0)
			line_add(a, new_line(a), ex, 1);
	}
	for (k = 0; k < 2; k++)
		equal2(a, first, audit_find(a, same_base[k][0], same_base[k][1],
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
	int oy = audit_find(a, "table1", "persons", "", outcome_yes);
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
			equal2(a, i, audit_find(a, "table1_exposure", v->term, v->level,
					  "Overall"));
		if (is(v, "regional") && strcmp(v->term, "all")) {
			if (!strcmp(v->column, "Persons"))
				equal2(a, i, audit_find(a, "table1", v->term, v->level,
						  "Overall"));
			else if (!strcmp(v->column, events_col))
				equal2(a, i, audit_find(a, "table1", v->term, v->level,
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
		size_t m, k;

		if (!is(&a->vars[i], "table1") || strcmp(a->vars[i].column, "Overall"))
			continue;
		m = (size_t)snprintf(suffix, sizeof(suffix), "_%s_%s",
				     a->vars[i].term, a->vars[i].level);
		/* the table's name has every character but a letter, digit or
		 * '_' as '_' (model_table_name: "sa_years_2_3") */
		for (k = 0; k < m && k < sizeof(suffix); k++)
			if (!isalnum((unsigned char)suffix[k]))
				suffix[k] = '_';
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
		c = audit_find(a, "parent_linkage", v->term, v->level,
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

/* The Table 1 row of the exposure's level that column v of Table 1 by
 * exposure counts (its persons row's "EXPOSURE: LEVEL": Table 1's row
 * LEVEL under the heading EXPOSURE, matched by their shown labels;
 * "Missing" its missing row), NULL when there is none. */
static const struct ko_table_row *exposure_level(const struct audit *a,
						 const struct avar *v)
{
	int t1 = table_index(a, "table1"), r;
	const struct ko_table *t;
	const struct ko_table_col *col;
	const char *term = NULL;

	if (t1 < 0 || !is(v, "table1_exposure") || strcmp(v->term, "persons") ||
	    v->t < 0)
		return NULL;
	t = a->tables[t1];
	col = &a->tables[v->t]->cols[v->col];
	if (!col->group)
		return NULL;
	for (r = 0; r < t->nrow && !term; r++) /* the exposure's heading */
		if (t->rows[r].level == 0 && !t->rows[r].value &&
		    !strcmp(t->rows[r].label, col->group))
			term = audit_row_term(&t->rows[r]);
	for (r = 0; term && r < t->nrow; r++)
		if (t->rows[r].value && !strcmp(audit_row_term(&t->rows[r]), term) &&
		    !strcmp(t->rows[r].label, col->header))
			return &t->rows[r];
	return NULL;
}

/* Table 1 by exposure's group sizes (its "Persons, n" row, and the N its
 * headers may show) are Table 1's counts of the exposure's levels
 * (exposure_level; issue #13). */
static void exposure_group_lines(struct audit *a)
{
	int i, nv = a->nvar;

	for (i = 0; i < nv; i++) {
		const struct ko_table_row *row = exposure_level(a, &a->vars[i]);

		if (row)
			equal2(a, i, audit_find(a, "table1", audit_row_term(row),
						row->value, "Overall"));
	}
}

/* The column of Table 1 by exposure that counts the exposure's level
 * value, and the exposure's term; NULL when there is none. */
static const char *exposure_column(const struct audit *a, const char *value,
				   const char **term)
{
	int i;

	for (i = 0; i < a->nvar; i++) {
		const struct ko_table_row *row = exposure_level(a, &a->vars[i]);

		if (row && (!value || !strcmp(row->value, value))) {
			*term = audit_row_term(row);
			return a->vars[i].column;
		}
	}
	return NULL;
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
		if (strcmp(audit_row_term(&t->rows[r]), term))
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

/* Is var i the first count ("n") of a main-effect term of the model table
 * (not an interaction, not the model's own "(model)" rows)?  The lines
 * below go once per term, from that var. */
static int term_first_n(const struct audit *a, const char *table, int i)
{
	int j;

	if (!is(&a->vars[i], table) || strcmp(a->vars[i].column, "n") ||
	    strchr(a->vars[i].term, ':') ||
	    !strcmp(a->vars[i].term, "(model)"))
		return 0;
	for (j = 0; j < i; j++)
		if (is(&a->vars[j], table) &&
		    !strcmp(a->vars[j].term, a->vars[i].term))
			return 0;
	return 1;
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
	nim[0] = audit_find(a, table, "(model)", "not in the model", "n");
	nim[1] = audit_find(a, table, "(model)", "not in the model", "events");
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

		if (!term_first_n(a, table, i))
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

/* A number that is not a count (person-years, a slack), in [min, max]. */
static int aux_var(struct audit *a, const char *table, const char *term,
		   const char *level, const char *column, double min, double max)
{
	int v = add_var(a, table, term, level, column, V_AUX, 0);

	if (v >= 0) {
		a->vars[v].min = min;
		a->vars[v].max = max;
	}
	return v;
}

/* x <= c y: x + s = c y with a slack s >= 0. */
static void at_most(struct audit *a, int x, double c, int y)
{
	struct aline *l;

	if (x < 0 || y < 0)
		return;
	l = new_line(a);
	line_add(a, l, x, 1);
	line_add(a, l, aux_var(a, "(slack)", "", "", "", 0, INFINITY), 1);
	line_add(a, l, y, -c);
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
	int whole;

	model_outcome(a, t, oc, sizeof(oc));
	snprintf(yes, sizeof(yes), "%s: Yes", oc);
	same_outcome = !strcmp(yes, outcome_yes);
	/* a time-to-event model's events are the follow-up's events of its
	 * persons (its title names the follow-up's event); where those are
	 * Table 1's outcome events (followup_lines: equal counts, taken as
	 * the same children), its events of a level are among Table 1's of
	 * the level with the outcome, as a logistic model's are (below, each
	 * only where the true counts agree: an attacker who assumes it is
	 * not misled, and the audit's LP stays feasible) */
	if (!same_outcome && has_person_years(a, t)) {
		int fe = find_row(a, "follow_up", "exit_reason", "event");
		int oy = audit_find(a, "table1", "persons", "", outcome_yes);

		same_outcome = fe >= 0 && oy >= 0 &&
			       fabs(a->vars[fe].value - a->vars[oy].value) < 0.5;
	}
	n_tot = audit_find(a, table, "(model)", "", "n");
	e_tot = audit_find(a, table, "(model)", "", "events");
	if (n_tot < 0 || e_tot < 0)
		return;
	/* on the population's counts its own lines; the levels' nesting in
	 * the cohort below holds for both */
	population = audit_find(a, table, "(model)", "not in the model", "n") >= 0;
	if (population)
		population_lines(a, t, n_tot, e_tot);
	for (i = 0; i < nv && !population; i++) {
		struct aline *ln, *le;

		if (!term_first_n(a, table, i))
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
		/* such a level's persons are among the model's (the first age
		 * band's are all of them: everyone is followed at age 0) */
		for (k = 0; bands && k < nv; k++)
			if (is(&a->vars[k], table) &&
			    !strcmp(a->vars[k].term, a->vars[i].term) &&
			    !strcmp(a->vars[k].column, "n"))
				at_most(a, k, 1, n_tot);
	}
	whole = population && !stratum_of(a, table, sterm, slevel, base) &&
		(i = audit_find(a, "table1", "persons", "", "Overall")) >= 0 &&
		fabs(a->vars[i].value - a->vars[n_tot].value) < 0.5;
	if (!stratum_of(a, table, sterm, slevel, base)) {
		strcpy(sterm, "persons");
		slevel[0] = '\0';
	}
	nested(a, audit_find(a, "table1", sterm, slevel, "Overall"), n_tot, table,
	       "(not in the model)", "", "n");
	/* a time-to-event model (its person-years column) counts the
	 * follow-up's events: those of its persons, within the follow-up
	 * table's */
	if (has_person_years(a, t))
		nested(a, find_row(a, "follow_up", "exit_reason", "event"), e_tot,
		       table, "(follow-up events not in the model)", "", "events");
	if (same_outcome &&
	    (i = audit_find(a, "table1", sterm, slevel, outcome_yes)) >= 0 &&
	    a->vars[e_tot].value <= a->vars[i].value + 0.5)
		nested(a, i, e_tot, table, "(not in the model)", "", "events");
	for (i = 0; i < nv; i++) {
		const struct avar *v = &a->vars[i];
		int c;

		/* a time-varying count's level is not the cohort's level of
		 * the variable (its value at the end of follow-up): no nesting */
		if (!is(v, table) || !strcmp(v->term, "(model)") || overlaps(a, v))
			continue;
		if (!strcmp(v->column, "n"))
			c = audit_find(a, "table1", v->term, v->level, "Overall");
		else if (same_outcome)
			c = audit_find(a, "table1", v->term, v->level, outcome_yes);
		else
			continue;
		if (c >= 0 && a->vars[i].value > a->vars[c].value + 0.5)
			continue; /* not nested after all: no relation */
		/* a model on the whole cohort's counts ("All persons" is Table
		 * 1's persons) shows Table 1's own count: its events equal (a
		 * cell the audit hid in Table 1 is not shown there; the persons
		 * too would stop the tte config of test_export_attack, not
		 * resolved: nested) */
		if (population && whole && c >= 0 && strcmp(v->column, "n") &&
		    fabs(a->vars[i].value - a->vars[c].value) < 0.5)
			equal2(a, c, i);
		else
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
			c = audit_find(a, "table1", v->term, v->level,
				 !strcmp(v->column, "n") ? "Overall" : yes);
			if (c < 0 || (strcmp(v->column, "n") && strcmp(yes, outcome_yes)))
				continue;
			l = new_line(a);
			line_add(a, l, c, -1);
			for (k = 0; k < nm; k++)
				line_add(a, l, audit_find(a, a->tables[members[k]]->name,
						    v->term, v->level, v->column), 1);
			line_add(a, l, unpublished(a, base, v->term, v->level,
						   v->column), 1);
		}
	}
out:
	free(done);
	free(members);
}

/* A stratum's model against Table 1 by exposure (issue #13): Table 1 by
 * exposure counts the cohort by exposure level (columns) and every Table 1
 * variable (rows), so its cell (S = s, exposure e) is stratum S = s's
 * population at exposure level e; where the strata are the exposure's
 * levels, its cell (V = v, exposure s) is stratum s's population at level
 * v.  A model on the population's counts shows that population (equal);
 * one on its complete cases (a time-to-event model) a part of it (the
 * cell is the model's count plus those not in it, unpublished >= 0). */
static void strata_exposure_lines(struct audit *a)
{
	char sterm[96], slevel[96], base[128];
	const char *expo = NULL;
	int x, i, nv = a->nvar;

	if (!exposure_column(a, NULL, &expo))
		return;
	for (x = 0; x < a->ntab; x++) {
		const struct ko_table *t = a->tables[x];
		int population;

		if (!t->model || !stratum_of(a, t->name, sterm, slevel, base))
			continue;
		population = audit_find(a, t->name, "(model)", "not in the model",
					"n") >= 0;
		for (i = 0; i < nv; i++) {
			const struct avar *v = &a->vars[i];
			const char *col, *term;
			int c;

			if (!is(v, t->name) || strcmp(v->column, "n") || v->t < 0 ||
			    !strcmp(v->term, "(model)") || overlaps(a, v) ||
			    ko_model_term_is_split(v->term))
				continue;
			if (strcmp(sterm, expo))
				c = strcmp(v->term, expo) ||
				    !(col = exposure_column(a, v->level, &term)) ? -1
				    : audit_find(a, "table1_exposure", sterm, slevel, col);
			else
				c = !(col = exposure_column(a, slevel, &term)) ? -1
				    : audit_find(a, "table1_exposure", v->term, v->level, col);
			if (c < 0)
				continue;
			if (population)
				equal2(a, c, i);
			else
				nested(a, c, i, t->name, v->term, v->level,
				       "(not in the model, by exposure)");
		}
	}
}

/* ---- person-years ------------------------------------------------------- */

/* The person-years cell (row r, column c) of table ti as a variable: shown,
 * within half a year of its whole years; hidden, >= 0. */
static int py_var(struct audit *a, int ti, int r, int c, const char *term,
		  const char *level)
{
	const struct ko_table *t = a->tables[ti];
	const struct ko_cell *cell = ko_table_cell_c(t, r, c);
	double y = round(cell->v[0]);
	int v;

	if (cell->supp == KO_SUPP_NONE && cell->kind != KO_CELL_EMPTY &&
	    isfinite(y)) {
		v = aux_var(a, t->name, term, level, "person-years", y - 0.5,
			    y + 0.5);
		/* a model table's: a cell the audit may hide (export_audit.c) */
		if (v >= 0 && t->model) {
			a->vars[v].t = ti;
			a->vars[v].row = r;
			a->vars[v].col = c;
			a->vars[v].value = y;
		}
		return v;
	}
	return aux_var(a, t->name, term, level, "person-years", 0, INFINITY);
}

/* The column of table t whose header is message id, -1. */
static int header_col(const struct audit *a, const struct ko_table *t,
		      enum ko_msg id)
{
	const char *h = ko_lang_text(a->lang, id);
	int c;

	for (c = 0; c < t->ncol; c++)
		if (!strcmp(t->cols[c].header, h))
			return c;
	return -1;
}

/* The follow-up table's person-years: each exit row's are its children's
 * follow-up, at most py_max each; a child censored at the end age is
 * followed the whole span from birth (py_min..py_max, the end age read
 * from that row's label: "Censored: age 18"); the rows sum to the total.
 * Sets a->py_min, py_max and from_birth (the end-age row's true
 * person-years are its children times the span: no later entry). */
static void followup_py_lines(struct audit *a)
{
	int ti = table_index(a, "follow_up"), c, r, total = -1, nr = 0, *rows;
	const struct ko_table *t;

	a->py_min = a->py_max = 0;
	a->from_birth = 0;
	if (ti < 0)
		return;
	t = a->tables[ti];
	c = header_col(a, t, KO_MSG_FU_PERSON_YEARS);
	for (r = 0; c >= 0 && r < t->nrow && !a->py_max; r++) {
		const char *d = t->rows[r].label;
		int age;

		if (!t->rows[r].value || strcmp(t->rows[r].value, "end_age"))
			continue;
		d += strcspn(d, "0123456789");
		age = atoi(d);
		if (age > 0) {
			double n = ko_table_cell_c(t, r, 0)->v[0];
			double py = ko_table_cell_c(t, r, c)->v[0];

			/* half a day either way: exact, the end-age row's
			 * person-years are met to 0.03 years in 160,000,
			 * within GLPK's tolerances (1e-7), which then finds
			 * the LP infeasible (the example) */
			a->py_min = (365.0 * age + age / 4 - 0.5) / 365.25;
			a->py_max = (365.0 * age + age / 4 + 1.5) / 365.25;
			/* the cell holds whole years (ko_table_set_whole) */
			a->from_birth = n > 0 && py >= n * a->py_min - 0.5 &&
					py <= n * a->py_max + 0.5;
		}
	}
	if (!a->py_max)
		return;
	rows = malloc(sizeof(int) * (size_t)t->nrow);
	if (!rows) {
		a->nomem = 1;
		return;
	}
	for (r = 0; r < t->nrow; r++) {
		const char *value = t->rows[r].value;
		int py, n;

		if (!value)
			continue;
		py = py_var(a, ti, r, c, "exit_reason", value);
		n = find_row(a, "follow_up", "exit_reason", value);
		at_most(a, py, a->py_max, n);
		if (a->from_birth && !strcmp(value, "end_age"))
			at_most(a, n, 1 / a->py_min, py);
		if (!strcmp(value, "all"))
			total = py;
		else
			rows[nr++] = py;
	}
	if (total >= 0 && nr) {
		struct aline *l = new_line(a);

		line_add(a, l, total, -1);
		for (r = 0; r < nr; r++)
			line_add(a, l, rows[r], 1);
	}
	free(rows);
}

/* The start age of an age band's level ("5": [5, next)). */
static int by_band(const void *x, const void *y)
{
	double u = strtod(*(const char *const *)x, NULL);
	double w = strtod(*(const char *const *)y, NULL);

	return (u > w) - (u < w);
}

/* The person-years of a time-to-event model table t (its person-years
 * column), as the whole-export attacker has them (model_py_lines in
 * tests/test_export_attack.c; docs/outputs.md, "Across tables" rule 7):
 * each row's person-years at most the span per person; a term's levels'
 * person-years sum to the model's (where persons pass through levels,
 * each level's persons are among the model's: model_lines); age bands followed from
 * birth: those of the next band were followed in this one, for the whole
 * band; and the model's persons and person-years are, exit reason by exit
 * reason, a part of the follow-up table's (a stratum's: PY within it). */
static void model_py_lines(struct audit *a, int ti)
{
	static const char *const exits[] = { "event", "death", "emigration",
					      "end_age", "end_of_data" };
	const struct ko_table *t = a->tables[ti];
	const char *table = t->name;
	char sterm[96], slevel[96], base[128];
	int c = header_col(a, t, KO_MSG_FU_PERSON_YEARS), r, k, j;
	int n_tot, e_tot, mpy = -1, *py = NULL, nb = 0;
	const char **bands = NULL;
	struct aline *l;

	n_tot = audit_find(a, table, "(model)", "", "n");
	e_tot = audit_find(a, table, "(model)", "", "events");
	if (c < 0 || !a->py_max || n_tot < 0)
		return;
	py = malloc(sizeof(int) * (size_t)t->nrow);
	bands = malloc(sizeof(*bands) * (size_t)t->nrow);
	if (!py || !bands) {
		a->nomem = 1;
		goto out;
	}
	for (r = 0; r < t->nrow; r++) {
		const struct ko_table_row *row = &t->rows[r];
		int model = !strcmp(audit_row_term(row), "(model)");

		py[r] = -1;
		if (!row->value || !*row->value ||
		    (model && strcmp(row->value, "n")))
			continue;
		if (model) {
			mpy = py[r] = py_var(a, ti, r, c, "(model)", "");
			at_most(a, mpy, a->py_max, n_tot);
			continue;
		}
		py[r] = py_var(a, ti, r, c, audit_row_term(row), row->value);
		at_most(a, py[r], a->py_max,
			audit_find(a, table, audit_row_term(row), row->value, "n"));
	}
	if (mpy < 0)
		goto out;
	for (r = 0; r < t->nrow; r++) {
		const char *term = audit_row_term(&t->rows[r]);

		if (py[r] < 0 || !strcmp(term, "(model)"))
			continue;
		for (k = 0; k < r && (py[k] < 0 ||
				      strcmp(audit_row_term(&t->rows[k]), term)); k++)
			;
		if (k < r) /* one set per term, at its first level */
			continue;
		l = new_line(a);
		line_add(a, l, mpy, -1);
		nb = 0;
		for (k = r; k < t->nrow; k++)
			if (py[k] >= 0 && !strcmp(audit_row_term(&t->rows[k]), term)) {
				line_add(a, &a->lines[a->nline - 1], py[k], 1);
				bands[nb++] = t->rows[k].value;
			}
		if (strcmp(term, "age_band"))
			continue;
		qsort(bands, (size_t)nb, sizeof(*bands), by_band);
		for (k = 0; k < nb; k++) {
			int n = audit_find(a, table, term, bands[k], "n");
			int next = k + 1 < nb ? audit_find(a, table, term, bands[k + 1],
							   "n") : -1;
			int ev = audit_find(a, table, term, bands[k], "events");
			int bp = -1, out_b;
			double w = (k + 1 < nb ? strtod(bands[k + 1], NULL) : a->py_max) -
				   strtod(bands[k], NULL);

			for (j = 0; j < t->nrow && bp < 0; j++)
				if (py[j] >= 0 && t->rows[j].value &&
				    !strcmp(audit_row_term(&t->rows[j]), term) &&
				    !strcmp(t->rows[j].value, bands[k]))
					bp = py[j];
			if (n < 0 || w <= 0)
				continue;
			at_most(a, bp, w, n); /* each at most the band's width */
			if (next < 0 || !a->from_birth)
				continue;
			at_most(a, next, 1 / w, bp);
			out_b = unpublished(a, table, term, bands[k], "(exits)");
			l = new_line(a);
			line_add(a, l, n, -1);
			line_add(a, l, next, 1);
			line_add(a, l, out_b, 1);
			at_most(a, ev, 1, out_b);
		}
	}
	if (stratum_of(a, table, sterm, slevel, base)) {
		at_most(a, mpy, 1, audit_find(a, "follow_up", "exit_reason", "all",
					      "person-years"));
		goto out;
	}
	for (k = 0; k < 5; k++)
		if (find_row(a, "follow_up", "exit_reason", exits[k]) < 0 ||
		    audit_find(a, "follow_up", "exit_reason", exits[k],
			       "person-years") < 0)
			goto out;
	{
		int ln, lp, in_n[5], in_p[5];

		for (k = 0; k < 5; k++) {
			int fn = find_row(a, "follow_up", "exit_reason", exits[k]);
			int fp = audit_find(a, "follow_up", "exit_reason", exits[k],
					    "person-years");
			int out_n, out_p;

			in_n[k] = unpublished(a, table, "(exit in the model)", exits[k], "n");
			out_n = unpublished(a, table, "(exit not in the model)", exits[k],
					    "n");
			in_p[k] = aux_var(a, table, "(exit in the model)", exits[k],
					  "person-years", 0, INFINITY);
			out_p = aux_var(a, table, "(exit not in the model)", exits[k],
					"person-years", 0, INFINITY);
			l = new_line(a);
			line_add(a, l, fn, -1);
			line_add(a, l, in_n[k], 1);
			line_add(a, l, out_n, 1);
			l = new_line(a);
			line_add(a, l, fp, -1);
			line_add(a, l, in_p[k], 1);
			line_add(a, l, out_p, 1);
			at_most(a, in_p[k], a->py_max, in_n[k]);
			at_most(a, out_p, a->py_max, out_n);
			if (a->from_birth && !strcmp(exits[k], "end_age")) {
				at_most(a, in_n[k], 1 / a->py_min, in_p[k]);
				at_most(a, out_n, 1 / a->py_min, out_p);
			}
			if (!strcmp(exits[k], "event"))
				equal2(a, e_tot, in_n[k]);
		}
		l = new_line(a);
		ln = a->nline - 1;
		line_add(a, l, n_tot, -1);
		l = new_line(a);
		lp = a->nline - 1;
		line_add(a, l, mpy, -1);
		for (k = 0; k < 5; k++) {
			line_add(a, &a->lines[ln], in_n[k], 1);
			line_add(a, &a->lines[lp], in_p[k], 1);
		}
	}
out:
	free(py);
	free(bands);
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
void audit_build(struct audit *a)
{
	char outcome_yes[300] = "(no outcome columns)", events_col[300] = "";
	static const char *const long_tables[] = {
		"cohort_flow", "table1", "table1_exposure", "regional",
		"parent_linkage", "follow_up",
	};
	size_t k;
	int i;

	audit_clear(a);
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
	strata_exposure_lines(a);
	followup_py_lines(a);
	for (i = 0; i < a->ntab; i++)
		if (a->tables[i]->model && has_person_years(a, a->tables[i]))
			model_py_lines(a, i);
	drop_false_lines(a);
}

