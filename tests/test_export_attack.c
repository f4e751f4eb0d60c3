/* test_export_attack.c - the whole-export attacker (issue #13).
 *
 * An output checker's adversary that sees every exported file of a run at
 * once: it reads every table of tables/ (the tidy csv of each, the md of
 * the model tables for the rows the tidy csv leaves out, and suppression.csv
 * for what kind of mark a hidden model count has), makes every count a
 * variable (shown: fixed; "<T": in [1, T-1]; any other mark: >= 0), and
 * writes down every linear relation between them that the export implies:
 *
 *   - within a table: Table 1's columns sum to Overall and a term's levels
 *     (with missing, and the unshown zeros of a 0/1 row) to the persons;
 *     the regional table's regions to All; the linkage table's rows to its
 *     totals; the flow chain (remaining = next remaining + excluded);
 *   - between tables: the cohort is the same in the flow, Table 1, Table 1
 *     by exposure, the regional and the linkage table; a term's level has
 *     the same persons in Table 1 and Table 1 by exposure, a region the
 *     same persons and events in the regional table and Table 1; Table 1
 *     by exposure's group sizes are Table 1's counts of the exposure's
 *     levels (and the N its headers may show, header_n_leaks); the
 *     linkage table's cohort is within its base extract, outcome by
 *     outcome (linkage_nested_lines);
 *   - the cumulative incidence ([report] cuminc_ages, cuminc_lines): the
 *     numbers at risk (rounded: intervals) within the level's persons and
 *     within each other age by age, each step's events at least T more
 *     than the last step's and at most the step's estimate times the
 *     level's persons, all within the follow-up table's events; and the
 *     estimates no more precise than shown (cuminc_digits_leaks);
 *   - nested populations: a model's persons (events) at a level are the
 *     cohort's (Table 1) minus the persons (events) not in the model, an
 *     unpublished count >= 0; the same for the model's total; the strata
 *     of a stratified model sum, with those not in any shown stratum's
 *     model, to the cohort's count of the level; a stratum's total is the
 *     cohort's count of that stratum minus those not in it;
 *   - model tables: a factor's levels sum to the model's persons and events
 *     (only the events for a term a person passes through: the age bands,
 *     a time-varying count, time_varying VAR: cumulative in the run's
 *     study.ini, whose levels are not nested in Table 1's either; their
 *     persons each within the model's); a time-to-event model's level
 *     events within Table 1's of the level where the follow-up's events
 *     are Table 1's outcome;
 *   - the follow-up table: its exits sum to its total, the cohort; its
 *     events are Table 1's outcome events (the same children with the
 *     example's definitions), and its person-years are whole years, none
 *     shown next to a hidden count (person_years_leaks);
 *   - person-years (followup_py_lines, model_py_lines):
 *     each at most the span from birth to the end age per person, the
 *     end age's exactly it; a time-to-event table's levels' person-years
 *     summing to the model's; age bands (the next band's persons followed
 *     through this one); the model's persons and person-years, exit by
 *     exit, a part of the follow-up table's; a shown
 *     rate bounding hidden events or person-years (rate_bounds);
 *   - a stratum's model against Table 1 by exposure, both directions
 *     (strata_exposure_lines);
 *   - the figures and report.html: every count of the flow diagram's boxes
 *     (figures/cohort_flow.svg and report.html's copy) is its flow-table
 *     cell; every forest plot row shows exactly its model table's adjusted
 *     estimate (forest_matches_md); the methods text's cohort size is
 *     Table 1's;
 *   - counts-derived statistics: a model's attributable cases are its
 *     attributable fraction times its events, so the two bound the events
 *     (cases_bound_events); a published percentage n (p) with its
 *     numerator or denominator hidden bounds the hidden one to within
 *     p +- half its last digit (pct_bounds: Table 1's of the column's
 *     persons, the regional and model tables' of the row's persons; a
 *     model table's from its md); and every percentage, crude statistic,
 *     attributable cases and Table 1 categorical SMD and p of the tidy csvs
 *     carries no more decimals than its table shows (digits_leaks).
 *
 * Every hidden count and every unpublished difference is then bounded by
 * linear programs (GLPK, the least and greatest value given all relations
 * at once).  The test fails if any of them breaks the protection rule
 * (docs/outputs.md): bounds that show it below T (greatest value 1..T-1)
 * without leaving all of 1..T-1 possible; pinned to 1..T-1 is the worst
 * case.  And an "x" the relations give back exactly: it hid nothing.
 *
 * It runs on small synthetic cohorts (kohort synth, 300..1500 persons,
 * several seeds, thresholds 3 and 5, the example config: every model kind,
 * effects, a subgroup and strata) and on the example at thresholds 5 and 3.
 * The report stage runs the same relations before it writes anything
 * (pipeline/report/export_audit.c); this test reads the files, so it checks that
 * audit from outside.  Not modelled: a
 * subgroup model's nesting in its subgroup's count (only in the cohort),
 * crude ORs as relations (hidden with their counts, and rounded, which
 * digits_leaks checks: docs/outputs.md), the pdf and png figures (drawn
 * by the same code from the same rows as the svg).  The
 * other formats: test_formats_show_the_same checks that md, tex, the html
 * fragment and report.html show the same numbers and marks cell by cell,
 * the workbook's sheets (numeric cells within half the md's last digit)
 * and every count of the long-layout csvs is the md's (the model tables'
 * other csv columns are not compared).  A test that a leak is found when one is
 * planted keeps it from being toothless.
 */
#include "ko_test.h"

#include <ctype.h>
#include <dirent.h>
#include <glpk.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXV 20000
#define MAXL 20000
#define MAXT 128

/* V_AUX: a slack of an inequality (cuminc_lines), not a count: bounded
 * by nothing but its own min/max, never checked */
enum vkind { V_SHOWN, V_SMALL, V_HIDDEN, V_UNPUBLISHED, V_AUX };

struct var {
	char table[64], term[96], level[96], column[160];
	enum vkind kind;
	double value; /* V_SHOWN */
	double lo, hi;
	double min, max; /* what a published statistic says of it (min > max:
			    nothing) */
};

struct line {
	int n;
	int v[MAXT];
	double c[MAXT]; /* sum c[i] x[v[i]] = 0 */
};

static struct var *vars;
static int n_vars;
static struct line *lines;
static int n_lines;
static int T;
static const char *dir;
static int pct_found; /* hidden counts a percentage bounds */
static int py_found; /* hidden counts or person-years a rate bounds */
static int n_models; /* model tables read */
static int n_cuminc; /* cumulative incidence numbers read */

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static int sh(const char *cmd)
{
	int rc = system(cmd);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Split one csv line (RFC 4180 quotes) into fields in place. */
static int csv_split(char *s, char **f, int max)
{
	char *r = s, *w = s;
	int n = 0;

	while (n < max) {
		f[n++] = w;
		if (*r == '"') {
			r++;
			while (*r) {
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else {
					*w++ = *r++;
				}
			}
		}
		while (*r && *r != ',')
			*w++ = *r++;
		if (*r != ',') {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		r++;
	}
	return n;
}

static int find(const char *table, const char *term, const char *level,
		const char *column)
{
	int i;

	for (i = 0; i < n_vars; i++)
		if (!strcmp(vars[i].column, column) && !strcmp(vars[i].term, term) &&
		    !strcmp(vars[i].level, level) && !strcmp(vars[i].table, table))
			return i;
	return -1;
}

static int add_var(const char *table, const char *term, const char *level,
		   const char *column, enum vkind kind, double value)
{
	struct var *v;

	assert_true(n_vars < MAXV);
	v = &vars[n_vars];
	memset(v, 0, sizeof(*v));
	snprintf(v->table, sizeof(v->table), "%s", table);
	snprintf(v->term, sizeof(v->term), "%s", term);
	snprintf(v->level, sizeof(v->level), "%s", level);
	snprintf(v->column, sizeof(v->column), "%s", column);
	v->kind = kind;
	v->value = value;
	v->min = 1;
	v->max = 0;
	return n_vars++;
}

/* A new unpublished count (>= 0) named after what it stands for. */
static int unpublished(const char *what, const char *term, const char *level,
		       const char *column)
{
	return add_var(what, term, level, column, V_UNPUBLISHED, 0);
}

static struct line *new_line(void)
{
	assert_true(n_lines < MAXL);
	memset(&lines[n_lines], 0, sizeof(lines[0]));
	return &lines[n_lines++];
}

static void line_add(struct line *l, int v, double c)
{
	assert_true(v >= 0);
	assert_true(l->n < MAXT);
	l->v[l->n] = v;
	l->c[l->n++] = c;
}

/* a = b + c + ... : one line (a with -1) */
static void equal2(int a, int b)
{
	struct line *l;

	if (a < 0 || b < 0)
		return;
	l = new_line();
	line_add(l, a, -1);
	line_add(l, b, 1);
}

/* ---- reading the export ---------------------------------------------- */

/* The count cells (statistic n) of a long-layout csv. */
static void read_long(const char *table)
{
	char path[512], *text, *line, *save = NULL;
	int first = 1;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, table);
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];

		if (first) {
			assert_string_equal(line, "term,level,column,statistic,value,note");
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "n"))
			continue;
		if (!*f[5])
			add_var(table, f[0], f[1], f[2], V_SHOWN, strtod(f[4], NULL));
		else {
			assert_true(*f[4] == '\0'); /* a hidden value is not written */
			add_var(table, f[0], f[1], f[2],
				f[5][0] == '<' ? V_SMALL : V_HIDDEN, 0);
		}
	}
	free(text);
}

/* The rule suppression.csv gives a model count ("term: level", column),
 * V_HIDDEN when it does not say. */
static enum vkind model_rule(const char *table, const char *term,
			     const char *level, const char *column)
{
	char path[512], want[400], *text, *p;
	enum vkind kind = V_HIDDEN;

	snprintf(path, sizeof(path), "%s/tables/suppression.csv", dir);
	text = slurp(path);
	assert_non_null(text);
	snprintf(want, sizeof(want), "\n%s,%s: %s,%s,primary\n", table, term,
		 level, column);
	p = strstr(text, want);
	if (p)
		kind = V_SMALL;
	free(text);
	return kind;
}

/* Half the last digit of a published number s: how far the value behind
 * it may be from it. */
static double half_digit(const char *s)
{
	const char *dot = strchr(s, '.');
	double x = fabs(strtod(s, NULL));

	if (strpbrk(s, "eE"))
		return x * 1e-12 + 1e-300;
	if (!dot)
		return 0.5;
	return 0.5 * pow(10, -(double)strspn(dot + 1, "0123456789")) + x * 1e-12;
}

/* The attributable cases of a model are its attributable fraction (%)
 * times its events (docs/outputs.md), the CI bounds too: a group of the
 * tidy csv that publishes both gives the events to within the digits
 * shown, events in [(a - da) / (p + dp), (a + da) / (p - dp)] for each of
 * the estimate and the two bounds.  Kept as the bounds of the model's
 * events (solve).  The crude ones use the exposure's counts too. */
static void cases_bound_events(const char *table)
{
	char path[512], *text, *line, *save = NULL;
	char paf[8][3][64], cases[8][3][64], group[8][64];
	int ngroup = 0, g, k, ev;
	double lo = 0, hi = INFINITY;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, table);
	text = slurp(path);
	assert_non_null(text);
	memset(paf, 0, sizeof(paf));
	memset(cases, 0, sizeof(cases));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[12];
		int nf = csv_split(line, f, 12), is_paf;

		if (nf < 9 || strcmp(f[1], "(model)"))
			continue;
		is_paf = !strcmp(f[2], "paf");
		if (!is_paf && strcmp(f[2], "attributable_cases"))
			continue;
		for (g = 0; g < ngroup && strcmp(group[g], f[0]); g++)
			;
		if (g == ngroup) {
			assert_true(ngroup < 8);
			snprintf(group[ngroup++], sizeof(group[0]), "%s", f[0]);
		}
		for (k = 0; k < 3; k++)
			snprintf(is_paf ? paf[g][k] : cases[g][k], sizeof(paf[0][0]),
				 "%s", f[3 + k]);
	}
	free(text);
	for (g = 0; g < ngroup; g++)
		for (k = 0; k < 3; k++) {
			double p, dp, a, da;

			if (!*paf[g][k] || !*cases[g][k])
				continue;
			p = strtod(paf[g][k], NULL) / 100;
			dp = half_digit(paf[g][k]) / 100;
			a = strtod(cases[g][k], NULL);
			da = half_digit(cases[g][k]);
			if (p - dp <= 0 || a < 0)
				continue;
			lo = fmax(lo, (a - da) / (p + dp) - 1e-6);
			hi = fmin(hi, (a + da) / (p - dp) + 1e-6);
		}
	/* on the population's counts ("Not in the model") the cases are of
	 * the model's own events: the population's less those not in it */
	ev = find(table, "(model)", "not in the model", "n") >= 0
	     ? unpublished(table, "(model)", "in the model", "events")
	     : find(table, "(model)", "", "events");
	if (ev >= 0 && hi < INFINITY) {
		vars[ev].min = ceil(lo);
		vars[ev].max = floor(hi);
	}
}

/* The persons and events of an md row "| LABEL | n | events |" of a model
 * table as variables (table, "(model)", level); 0 when there is none. */
static int md_model_row(const char *table, const char *text,
			const char *label, const char *level)
{
	char head[128], *cell[2], *bar;
	const char *p;
	int k;

	snprintf(head, sizeof(head), "\n| %s | ", label);
	if (!(p = strstr(text, head)))
		return 0;
	p += strlen(head);
	bar = strchr(p, '|');
	assert_non_null(bar);
	cell[0] = (char *)p;
	cell[1] = bar + 1;
	for (k = 0; k < 2; k++) {
		const char *c = cell[k];

		while (*c == ' ')
			c++;
		/* md: "<5" may be written "\<5"; "x" is hidden */
		if (*c == '\\')
			c++;
		if (*c == '<')
			add_var(table, "(model)", level, k ? "events" : "n", V_SMALL, 0);
		else if (*c >= '0' && *c <= '9')
			add_var(table, "(model)", level, k ? "events" : "n", V_SHOWN,
				strtod(c, NULL));
		else
			add_var(table, "(model)", level, k ? "events" : "n", V_HIDDEN, 0);
	}
	return 1;
}

/* A model table: the level rows' n and events from the tidy csv (the same
 * in every model group; read once), the model's persons and events from
 * the md ("Persons in the model", which the tidy csv does not carry; on
 * the population's counts "All persons" and "Not in the model (missing
 * values)"). */
static void read_model(const char *table)
{
	char path[512], *text, *line, *save = NULL;
	int first = 1;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, table);
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[12];
		int nf, k;

		if (first) {
			first = 0;
			continue;
		}
		nf = csv_split(line, f, 12);
		/* 11: ... events, conf_low_log, conf_high_log; 12: with the note
		 * column (separated, aliased) before the two */
		assert_true(nf == 11 || nf == 12);
		if (!strcmp(f[1], "(model)") || !*f[2])
			continue; /* a 0/1 or number row: its n may be n/a */
		if (find(table, f[1], f[2], "n") >= 0)
			continue;
		for (k = 0; k < 2; k++) {
			const char *col = k ? "events" : "n";
			const char *shown_col = k ? "\"Events, n (%)\"" : "\"Persons, n\"";
			const char *val = f[7 + k];

			(void)shown_col;
			if (*val)
				add_var(table, f[1], f[2], col, V_SHOWN, strtod(val, NULL));
			else
				add_var(table, f[1], f[2], col,
					model_rule(table, f[1], f[2],
						   k ? "\"Events, n (%)\"" : "\"Persons, n\""),
					0);
		}
	}
	free(text);
	snprintf(path, sizeof(path), "%s/tables/%s.md", dir, table);
	text = slurp(path);
	assert_non_null(text);
	if (!md_model_row(table, text, "All persons", ""))
		assert_true(md_model_row(table, text, "Persons in the model", ""));
	else
		assert_true(md_model_row(table, text,
					 "Not in the model (missing values)",
					 "not in the model"));
	free(text);
	cases_bound_events(table);
}

/* The outcome label of a model table (its md title, "**LABEL: model X**"). */
static void model_outcome(const char *table, char *out, size_t size)
{
	char path[512], *text, *end;

	snprintf(path, sizeof(path), "%s/tables/%s.md", dir, table);
	text = slurp(path);
	assert_non_null(text);
	assert_true(!strncmp(text, "**", 2));
	end = strstr(text, ": model ");
	assert_non_null(end);
	*end = '\0';
	snprintf(out, size, "%s", text + 2);
	free(text);
}

/* ---- relations -------------------------------------------------------- */

static int is(const struct var *v, const char *table)
{
	return !strcmp(v->table, table);
}

/* Table 1 (by outcome or by exposure): columns sum to Overall; a term's
 * levels (categorical with missing; 0/1: ones + zeros + missing) sum to
 * the persons of each column. */
static void table1_lines(const char *table)
{
	int i, j, k, nv = n_vars;

	for (i = 0; i < nv; i++) {
		struct line *l;

		if (!is(&vars[i], table) || strcmp(vars[i].column, "Overall"))
			continue;
		l = new_line();
		line_add(l, i, -1);
		for (j = 0; j < nv; j++)
			if (j != i && is(&vars[j], table) &&
			    !strcmp(vars[j].term, vars[i].term) &&
			    !strcmp(vars[j].level, vars[i].level))
				line_add(l, j, 1);
		if (l->n == 1)
			n_lines--;
	}
	for (i = 0; i < nv; i++) {
		const char *term = vars[i].term;
		int cat = 0, one = -1, persons;
		struct line *l;

		if (!is(&vars[i], table) || !strcmp(term, "persons"))
			continue;
		/* one line per term and column, made at its first cell */
		for (k = 0; k < i; k++)
			if (is(&vars[k], table) && !strcmp(vars[k].term, term) &&
			    !strcmp(vars[k].column, vars[i].column))
				break;
		if (k < i)
			continue;
		for (k = 0; k < nv; k++)
			if (is(&vars[k], table) && !strcmp(vars[k].term, term)) {
				if (!strcmp(vars[k].level, "1"))
					one = k;
				else if (strcmp(vars[k].level, "missing"))
					cat = 1;
			}
		persons = find(table, "persons", "", vars[i].column);
		if (persons < 0 || (!cat && one < 0)) /* a number's missing only */
			continue;
		l = new_line();
		line_add(l, persons, -1);
		for (k = 0; k < nv; k++)
			if (is(&vars[k], table) && !strcmp(vars[k].term, term) &&
			    !strcmp(vars[k].column, vars[i].column))
				line_add(l, k, 1);
		if (!cat && one >= 0) /* the zeros: not shown, a count >= 0 */
			line_add(l, unpublished(table, term, "0 (zeros)",
						vars[i].column), 1);
	}
}

/* Rows summing to a total row, per column. */
static void column_lines(const char *table, const char *total_term,
			 const char *total_level, int same_term)
{
	int i, k, nv = n_vars;

	for (i = 0; i < nv; i++) {
		struct line *l;

		if (!is(&vars[i], table) || strcmp(vars[i].term, total_term) ||
		    strcmp(vars[i].level, total_level))
			continue;
		l = new_line();
		line_add(l, i, -1);
		for (k = 0; k < nv; k++)
			if (k != i && is(&vars[k], table) &&
			    !strcmp(vars[k].column, vars[i].column) &&
			    (same_term ? !strcmp(vars[k].term, total_term)
				       : strcmp(vars[k].term, total_term) != 0))
				line_add(l, k, 1);
	}
}

/* The flow chain, and the cohort and base in every table that has them. */
static void flow_lines(void)
{
	int i, prev = -1, first = -1, last = -1, k, not_in_flow;
	struct line *l;
	static const char *const same_cohort[][4] = {
		{ "table1", "persons", "", "Overall" },
		{ "table1_exposure", "persons", "", "Overall" },
		{ "regional", "all", "", "Persons" },
		{ "parent_linkage", "Mother", "all", "Children in the cohort" },
		{ "parent_linkage", "Father", "all", "Children in the cohort" },
		{ "follow_up", "exit_reason", "all", "Children" },
	};
	static const char *const same_base[][4] = {
		{ "parent_linkage", "Mother", "all", "Children in the base extract" },
		{ "parent_linkage", "Father", "all", "Children in the base extract" },
	};

	for (i = 0; i < n_vars; i++) {
		int ex;

		if (!is(&vars[i], "cohort_flow") || strcmp(vars[i].column, "Remaining"))
			continue;
		if (first < 0)
			first = i;
		last = i;
		ex = find("cohort_flow", vars[i].term, "", "Excluded");
		if (prev >= 0 && ex >= 0) {
			l = new_line();
			line_add(l, prev, 1);
			line_add(l, i, -1);
			line_add(l, ex, -1);
		}
		prev = i;
	}
	assert_true(first >= 0 && last > first);
	/* The flow's last step is the cohort (docs/config.md): the other
	 * tables' cohort is its last count minus those left out of the flow,
	 * an unpublished count >= 0 (0 when the flow is whole: a flow that
	 * lost a step gives that step's exclusion away here). */
	not_in_flow = unpublished("cohort_flow", "(not in the flow)", "", "n");
	for (k = 0; k < 6; k++) {
		int c = find(same_cohort[k][0], same_cohort[k][1],
			     same_cohort[k][2], same_cohort[k][3]);

		if (c >= 0) {
			l = new_line();
			line_add(l, last, -1);
			line_add(l, c, 1);
			line_add(l, not_in_flow, 1);
		}
	}
	/* the base extract's children: the flow's "children in extract"
	 * step (after the rows lost to rejects or no id), which excludes
	 * nobody; without such losses the flow's first step */
	for (i = 0; i < n_vars; i++)
		if (is(&vars[i], "cohort_flow") &&
		    !strncmp(vars[i].term, "children in extract", 19)) {
			int ex = find("cohort_flow", vars[i].term, "", "Excluded");

			if (!strcmp(vars[i].column, "Remaining"))
				first = i;
			if (ex >= 0 && !strcmp(vars[i].column, "Remaining")) {
				l = new_line();
				line_add(l, ex, 1); /* = 0 */
			}
		}
	for (k = 0; k < 2; k++)
		equal2(first, find(same_base[k][0], same_base[k][1],
				   same_base[k][2], same_base[k][3]));
}

/* The linkage table's cohort within its base extract, outcome by outcome:
 * a row's base children are its cohort children plus those the flow
 * excluded, an unpublished count >= 0 (on the example the father's "id
 * not found", 50 and 49, gave 1 excluded child away). */
static void linkage_nested_lines(void)
{
	int i, nv = n_vars;

	for (i = 0; i < nv; i++) {
		const struct var *v = &vars[i];
		int c;
		struct line *l;

		if (!is(v, "parent_linkage") || !strcmp(v->level, "all") ||
		    strcmp(v->column, "Children in the base extract"))
			continue;
		c = find("parent_linkage", v->term, v->level, "Children in the cohort");
		if (c < 0)
			continue;
		l = new_line();
		line_add(l, i, -1);
		line_add(l, c, 1);
		line_add(l, unpublished("parent_linkage", v->term, v->level,
					"(excluded from the cohort)"), 1);
	}
}

/* The [report] exposure of the run's config (dir/../study.ini). */
static void config_exposure(char *out, size_t size)
{
	char path[512], *text, *p;

	snprintf(path, sizeof(path), "%s/../study.ini", dir);
	text = slurp(path);
	assert_non_null(text);
	p = strstr(text, "\nexposure = ");
	assert_non_null(p);
	p += strlen("\nexposure = ");
	snprintf(out, size, "%.*s", (int)strcspn(p, " \n"), p);
	free(text);
}

/* Table 1 by exposure's group sizes (its "Persons, n" row; the N of its
 * headers, header_n_leaks) are Table 1's counts of the exposure's levels
 * ("GROUP: LEVEL" against Table 1's row of that level, "Missing" against
 * its missing row).  A merged "LEVEL or missing" column ([report]
 * table1_missing = merge) and levels shown by a value label are not
 * matched here. */
static void exposure_group_lines(void)
{
	char expo[96];
	int i, nv = n_vars;

	config_exposure(expo, sizeof(expo));
	for (i = 0; i < nv; i++) {
		const struct var *v = &vars[i];
		const char *head = strrchr(v->column, ':');

		if (!is(v, "table1_exposure") || strcmp(v->term, "persons") ||
		    !strcmp(v->column, "Overall") || !head)
			continue;
		head += 2;
		equal2(i, find("table1", expo, !strcmp(head, "Missing") ? "missing" : head,
			       "Overall"));
	}
}

/* ---- cumulative incidence ([report] cuminc_ages) ------------------------ */

/* A number at risk as tables/cuminc.csv has it: shown rounded to the
 * nearest 10 and never below T (a count n >= T is in [v - 5, v + 4], and
 * in [T, 4] when shown as T below 10), "<T", 0, or hidden. */
static int at_risk_var(const char *term, const char *level, const char *value,
		       const char *note)
{
	int v;
	double x = strtod(value, NULL);

	if (*note)
		return add_var("cuminc", term, level, "At risk, n",
			       note[0] == '<' ? V_SMALL : V_HIDDEN, 0);
	if (x == 0)
		return add_var("cuminc", term, level, "At risk, n", V_SHOWN, 0);
	v = add_var("cuminc", term, level, "At risk, n", V_UNPUBLISHED, 0);
	vars[v].min = x < 10 ? T : fmax(T, x - 5);
	vars[v].max = x < 10 ? 4 : x + 4;
	return v;
}

/* A slack >= min of an inequality (not a count). */
static int aux(const char *what, double min)
{
	int v = add_var("(slack)", what, "", "", V_AUX, 0);

	vars[v].min = min;
	vars[v].max = 1e12;
	return v;
}

/* Levels drawn against the published rule (cuminc_lines), counted as
 * leaks by cuminc_digits_leaks. */
static int cuminc_broken;

/* The cumulative incidence tables (tables/cuminc.csv: each level's
 * cumulative incidence and numbers at risk at the chosen ages;
 * tables/cuminc_steps.csv: every step of each level's curve, the points
 * the figure draws) against the levels' persons and events in Table 1
 * and the follow-up table's events (docs/outputs.md, "Cumulative
 * incidence"), as the published rule has them:
 *
 *   - the children at risk at the first chosen age are the level's
 *     persons minus those who left before it, an unpublished count >= 0;
 *     at each later age those at the age before minus those who left in
 *     between (follow-up from birth, no one enters later);
 *   - each step holds at least T events of its level since the step
 *     before (the final step too: it holds every later event), so the
 *     events up to the k-th step are at least k T;
 *   - the Aalen-Johansen (or 1 - Kaplan-Meier) estimate is at least the
 *     events' share of the level's persons (censoring and competing deaths
 *     only raise it), so the events up to a step are at most its shown
 *     estimate (+ half its last digit) times the persons;
 *   - a level is drawn only where Table 1 shows its events (and its
 *     persons, or the steps leave those T - 1 or more either way: a rule
 *     on the true counts, which the relations here check from outside),
 *     and its last step holds all of them: the events up to the last step
 *     are Table 1's events of the level (the same children, as
 *     followup_lines takes the totals); a level drawn where Table 1 hides
 *     its events, or without a step where Table 1 shows its persons and
 *     events, breaks the rule (cuminc_broken);
 *   - the drawn levels' events and the rest (levels not drawn, no level:
 *     Table 1's hidden cells, each bounded on its own) are the follow-up
 *     table's events.
 * Returns the numbers read. */
static int cuminc_lines(void)
{
	char path[512], expo[96], *text, *line, *save = NULL, prev_term[96] = "";
	char terms[64][96], yes[160] = "";
	int n_terms = 0, prev = -1, first = 1, read = 0, k, fu, lastev[64];
	struct line *l;

	cuminc_broken = 0;
	snprintf(path, sizeof(path), "%s/tables/cuminc.csv", dir);
	if (access(path, R_OK))
		return 0;
	config_exposure(expo, sizeof(expo));
	for (k = 0; k < n_vars && !*yes; k++) { /* Table 1's "LABEL: Yes" */
		size_t m = strlen(vars[k].column);

		if (is(&vars[k], "table1") && m > 5 &&
		    !strcmp(vars[k].column + m - 5, ": Yes"))
			snprintf(yes, sizeof(yes), "%s", vars[k].column);
	}
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int r;

		if (first) {
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "n"))
			continue;
		r = at_risk_var(f[0], f[1], f[4], f[5]);
		read++;
		l = new_line();
		line_add(l, r, 1);
		line_add(l, unpublished("cuminc", f[0], f[1], "(left before)"), 1);
		if (strcmp(prev_term, f[0])) { /* the level's first age */
			int n = find("table1", expo, f[0], "Overall");

			assert_true(n >= 0); /* every level is one of Table 1's */
			line_add(l, n, -1);
			assert_true(n_terms < 64);
			snprintf(terms[n_terms++], sizeof(terms[0]), "%s", f[0]);
		} else {
			line_add(l, prev, -1);
		}
		snprintf(prev_term, sizeof(prev_term), "%s", f[0]);
		prev = r;
	}
	free(text);
	/* the steps */
	snprintf(path, sizeof(path), "%s/tables/cuminc_steps.csv", dir);
	text = slurp(path);
	assert_non_null(text);
	for (k = 0; k < n_terms; k++)
		lastev[k] = -1;
	first = 1;
	save = NULL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int t, ev, n;
		double c;

		if (first) {
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "estimate") || !*f[4])
			continue;
		for (t = 0; t < n_terms && strcmp(terms[t], f[0]); t++)
			;
		assert_true(t < n_terms);
		read++;
		/* E_k = E_(k-1) + d, d >= T */
		ev = unpublished("cuminc_steps", f[0], f[1], "(events up to the step)");
		l = new_line();
		line_add(l, ev, -1);
		if (lastev[t] >= 0)
			line_add(l, lastev[t], 1);
		line_add(l, aux("events in the step", T), 1);
		lastev[t] = ev;
		/* E_k + s = c N, s >= 0 */
		c = (strtod(f[4], NULL) + half_digit(f[4])) / 100;
		n = find("table1", expo, f[0], "Overall");
		l = new_line();
		line_add(l, ev, 1);
		line_add(l, aux("estimate times persons minus events", 0), 1);
		line_add(l, n, -c);
	}
	free(text);
	/* the last step holds all of a drawn level's events */
	for (k = 0; k < n_terms; k++) {
		int n = find("table1", expo, terms[k], "Overall");
		int o = find("table1", expo, terms[k], yes);
		int events = o >= 0 && vars[o].kind == V_SHOWN;
		int both = events && vars[n].kind == V_SHOWN;

		if ((lastev[k] >= 0 && !events) ||
		    (lastev[k] < 0 && both && vars[o].value > 0)) {
			print_error("%s: cuminc: level %s is %s, Table 1 %s its "
				    "%s\n", dir, terms[k],
				    lastev[k] >= 0 ? "drawn" : "not drawn",
				    events ? "shows" : "hides",
				    events ? "persons and events" : "events");
			cuminc_broken++;
		}
		if (lastev[k] >= 0 && events)
			equal2(o, lastev[k]);
	}
	fu = find("follow_up", "exit_reason", "event", "Children");
	if (fu >= 0) {
		l = new_line();
		line_add(l, fu, -1);
		for (k = 0; k < n_terms; k++)
			if (lastev[k] >= 0)
				line_add(l, lastev[k], 1);
		/* the rest is Table 1's events of the levels not drawn and of
		 * Missing (its outcome column's total minus the levels shown):
		 * hidden cells that the relations above bound one by one, not a
		 * group of its own as the old hidden tails were, so a slack */
		line_add(l, aux("events of levels not drawn or of no level", 0), 1);
	}
	return read;
}

/* The follow-up table's events against Table 1's outcome.  With the
 * example's definitions they are the same children: the event is the
 * first placement, the outcome a placement before 18 (window age 0 to
 * 17); follow-up ends at the 18th birthday (2015, before the end of data)
 * and an event on it is not followed; a child whose placement came after
 * death or emigration is excluded in the flow.  So the attacker takes
 * them as equal (were they not, the check that every relation between
 * shown counts adds up would fail). */
static void followup_lines(const char *outcome_yes)
{
	equal2(find("follow_up", "exit_reason", "event", "Children"),
	       find("table1", "persons", "", outcome_yes));
}

/* The same group counted in two tables. */
static void cross_lines(const char *outcome_yes, const char *events_col)
{
	int i, nv = n_vars;

	for (i = 0; i < nv; i++) {
		const struct var *v = &vars[i];

		if (is(v, "table1") && !strcmp(v->column, "Overall") &&
		    strcmp(v->term, "persons"))
			equal2(i, find("table1_exposure", v->term, v->level, "Overall"));
		if (is(v, "regional") && strcmp(v->term, "all")) {
			if (!strcmp(v->column, "Persons"))
				equal2(i, find("table1", v->term, v->level, "Overall"));
			else if (!strcmp(v->column, events_col))
				equal2(i, find("table1", v->term, v->level, outcome_yes));
		}
	}
}

/* Is model table name a stratum of a term and level Table 1 shows
 * (model_X_TERM_LEVEL)?  Fills term and level; the model's name part in
 * base. */
static int stratum_of(const char *name, char *term, char *level, char *base)
{
	int i;
	size_t n = strlen(name);

	for (i = 0; i < n_vars; i++) {
		char suffix[256];
		size_t m, k;

		if (!is(&vars[i], "table1") || strcmp(vars[i].column, "Overall"))
			continue;
		m = (size_t)snprintf(suffix, sizeof(suffix), "_%s_%s", vars[i].term,
				     vars[i].level);
		/* the table's name has every character but a letter, digit or
		 * '_' as '_' (model_table_name: "sa_years_2_3") */
		for (k = 0; k < m && k < sizeof(suffix); k++)
			if (!isalnum((unsigned char)suffix[k]))
				suffix[k] = '_';
		if (m < n && !strcmp(name + n - m, suffix)) {
			strcpy(term, vars[i].term);
			strcpy(level, vars[i].level);
			memcpy(base, name, n - m);
			base[n - m] = '\0';
			return 1;
		}
	}
	return 0;
}

/* Does model table's md (tables/TABLE.md) contain text? */
static int md_has(const char *table, const char *needle)
{
	char path[34000], *text;
	int yes;

	snprintf(path, sizeof(path), "%s/tables/%s.md", dir, table);
	text = slurp(path);
	assert_non_null(text);
	yes = strstr(text, needle) != NULL;
	free(text);
	return yes;
}

/* Does the tidy csv of model table show a crude estimate of term (a CI
 * or p: the reference's "1" has neither)? */
static int crude_shown(const char *table, const char *term)
{
	char path[34000], *text, *line, *save = NULL;
	int shown = 0;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, table);
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line && !shown;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[12];
		int nf = csv_split(line, f, 12);

		shown = nf >= 9 && !strcmp(f[0], "Crude") && !strcmp(f[1], term) &&
			(*f[4] || *f[6]);
	}
	free(text);
	return shown;
}

/* Does the model table's footnote (its md) say that the crude estimates
 * are of everyone with the outcome and the exposure known (crude_cases =
 * available: "crude: of everyone with the outcome and the exposure
 * known (the persons and events shown)")?  Then a shown crude estimate is
 * a function of the shown counts and says nothing of those not in the
 * model. */
static int crude_available(const char *table)
{
	return md_has(table, "crude: of everyone with the outcome and the "
		      "exposure known (the persons and events shown)");
}

/* Is var i the first count ("n") of a main-effect term of model table
 * (not an interaction, not "(model)")?  The lines go once per term. */
static int term_first_n(const char *table, int i)
{
	int j;

	if (!is(&vars[i], table) || strcmp(vars[i].column, "n") ||
	    strchr(vars[i].term, ':') || !strcmp(vars[i].term, "(model)"))
		return 0;
	for (j = 0; j < i; j++)
		if (is(&vars[j], table) && !strcmp(vars[j].term, vars[i].term))
			return 0;
	return 1;
}

/* A model table on the population's counts: the population is the
 * model's complete cases (unpublished) and those not in it; each term's
 * levels and those with it missing (unpublished) are the population; where
 * a term's crude estimates are shown on the model's complete cases
 * (crude_cases = complete), everyone with it known is in the model (its
 * crude 2 x k table is the shown counts), so those not in the model are
 * those with it missing.  On the available cases (crude_available) the
 * crude 2 x k table is the shown counts whoever is in the model. */
static void population_lines(const char *table, int n_tot, int e_tot)
{
	int nim[2], tot[2] = { n_tot, e_tot }, i, j, k, nv = n_vars;
	int available = crude_available(table);
	struct line *l;

	nim[0] = find(table, "(model)", "not in the model", "n");
	nim[1] = find(table, "(model)", "not in the model", "events");
	for (k = 0; k < 2; k++) {
		int in = find(table, "(model)", "in the model", k ? "events" : "n");

		if (in < 0)
			in = unpublished(table, "(model)", "in the model",
					 k ? "events" : "n");
		l = new_line();
		line_add(l, tot[k], -1);
		line_add(l, nim[k], 1);
		line_add(l, in, 1);
	}
	for (i = 0; i < nv; i++) {
		char term[96];
		int shown, miss;

		if (!term_first_n(table, i))
			continue;
		snprintf(term, sizeof(term), "%s", vars[i].term);
		shown = crude_shown(table, term) && !available;
		for (k = 0; k < 2; k++) {
			miss = unpublished(table, term, "(missing)", k ? "events" : "n");
			l = new_line();
			line_add(l, tot[k], -1);
			line_add(l, miss, 1);
			for (j = 0; j < nv; j++)
				if (is(&vars[j], table) && !strcmp(vars[j].term, term) &&
				    !strcmp(vars[j].column, k ? "events" : "n"))
					line_add(l, j, 1);
			if (shown) {
				l = new_line();
				line_add(l, nim[k], -1);
				line_add(l, miss, 1);
			}
		}
	}
}

/* Is model table a time-to-event model's (a Cox or rate model: its md
 * has a person-years column)? */
static int is_time_to_event(const char *table)
{
	return md_has(table, "| Person-years |");
}

/* A time-to-event model (a Cox or rate model: its md has a person-years
 * column) counts the follow-up's events, those of its children: within
 * the follow-up table's events. */
static void model_time_lines(const char *table, int e_tot)
{
	int fu = find("follow_up", "exit_reason", "event", "Children");

	if (fu >= 0 && e_tot >= 0 && is_time_to_event(table)) {
		struct line *l = new_line();

		line_add(l, fu, -1);
		line_add(l, e_tot, 1);
		line_add(l, unpublished(table, "(follow-up events not in the model)",
					"", "events"), 1);
	}
}

/* The time-varying counts of the study (time_varying = VAR: cumulative
 * of a [model NAME] in the run's config, OUT/../study.ini: the design an
 * attacker knows from the methods text): model and term. */
static char tv_model[16][64], tv_term[16][96];
static int n_tv;

static void read_time_varying(void)
{
	char path[512], *text, *line, *save = NULL, model[64] = "";

	n_tv = 0;
	snprintf(path, sizeof(path), "%s/../study.ini", dir);
	if (access(path, R_OK))
		return;
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *item, *s2 = NULL;

		if (line[0] == '[') {
			if (sscanf(line, "[model %63[^]]]", model) != 1)
				model[0] = '\0';
			continue;
		}
		if (!model[0] || strncmp(line, "time_varying", 12))
			continue;
		for (item = strtok_r(strchr(line, '=') + 1, ",", &s2); item;
		     item = strtok_r(NULL, ",", &s2)) {
			char term[96], kind[32];

			if (sscanf(item, " %95[^: ] : %31s", term, kind) == 2 &&
			    !strcmp(kind, "cumulative") && n_tv < 16) {
				snprintf(tv_model[n_tv], sizeof(tv_model[0]), "%s", model);
				snprintf(tv_term[n_tv++], sizeof(tv_term[0]), "%s", term);
			}
		}
	}
	free(text);
}

/* Whether a person can be in several levels of term in model table
 * table: the age bands and periods of split follow-up, a time-varying count's
 * categories (docs/config.md: a person passes through them). */
static int overlapping(const char *table, const char *term)
{
	int i;

	if (!strcmp(term, "age_band") || !strcmp(term, "period"))
		return 1;
	for (i = 0; i < n_tv; i++) {
		size_t n = strlen(tv_model[i]);

		if (!strcmp(term, tv_term[i]) && !strncmp(table, "model_", 6) &&
		    !strncmp(table + 6, tv_model[i], n) &&
		    (!table[6 + n] || table[6 + n] == '_'))
			return 1;
	}
	return 0;
}

/* a <= c b: a + s = c b, a slack s >= 0 (a, b variables) */
static void at_most(int a, double c, int b, const char *what)
{
	struct line *l;

	if (a < 0 || b < 0)
		return;
	l = new_line();
	line_add(l, a, 1);
	line_add(l, aux(what, 0), 1);
	line_add(l, b, -c);
}

/* A model table's own lines and its nesting in the cohort. */
static void model_lines(const char *table, const char *outcome_yes)
{
	char oc[256], yes[300], sterm[96], slevel[96], base[128];
	int i, k, nv = n_vars, same_outcome, n_tot, e_tot, population, bands, whole;

	model_outcome(table, oc, sizeof(oc));
	snprintf(yes, sizeof(yes), "%s: Yes", oc);
	same_outcome = !strcmp(yes, outcome_yes);
	/* a time-to-event model's events are the follow-up's events of its
	 * persons (its title names the follow-up's event, not Table 1's
	 * outcome); where the follow-up table's events are Table 1's outcome
	 * events (followup_lines: the same children), its events of a level
	 * are among Table 1's of the level with the outcome */
	if (!same_outcome && is_time_to_event(table)) {
		int fe = find("follow_up", "exit_reason", "event", "Children");
		int oy = find("table1", "persons", "", outcome_yes);

		same_outcome = fe >= 0 && oy >= 0 && vars[fe].kind == V_SHOWN &&
			       vars[oy].kind == V_SHOWN && vars[fe].value == vars[oy].value;
	}
	n_tot = find(table, "(model)", "", "n");
	e_tot = find(table, "(model)", "", "events");
	population = find(table, "(model)", "not in the model", "n") >= 0;
	{
		int t1 = find("table1", "persons", "", "Overall");

		whole = population && !stratum_of(table, sterm, slevel, base) &&
			t1 >= 0 && n_tot >= 0 && vars[t1].kind == V_SHOWN &&
			vars[n_tot].kind == V_SHOWN && vars[t1].value == vars[n_tot].value;
	}
	if (population) {
		population_lines(table, n_tot, e_tot);
		nv = n_vars;
	}
	/* a factor's levels sum to the model (interactions stand alone) */
	for (i = 0; i < nv && !population; i++) {
		struct line *ln, *le;

		if (!term_first_n(table, i))
			continue;
		/* a person passes through the levels of split follow-up (age
		 * bands, periods, a time-varying count): only the events sum */
		bands = overlapping(table, vars[i].term);
		ln = bands ? NULL : new_line();
		if (ln)
			line_add(ln, n_tot, -1);
		le = new_line();
		line_add(le, e_tot, -1);
		for (k = 0; k < nv; k++)
			if (is(&vars[k], table) && !strcmp(vars[k].term, vars[i].term) &&
			    (ln || strcmp(vars[k].column, "n")))
				line_add(!strcmp(vars[k].column, "n") ? ln : le, k, 1);
		/* such a level's persons are among the model's: a person passes
		 * through it (the first age band's are all of them) */
		for (k = 0; bands && k < nv; k++)
			if (is(&vars[k], table) && !strcmp(vars[k].term, vars[i].term) &&
			    !strcmp(vars[k].column, "n"))
				at_most(k, 1, n_tot, "persons of a level passed through");
	}
	model_time_lines(table, e_tot);
	/* nested in the cohort: Table 1's count = the model's + those not in
	 * it (a stratum's model: within the stratum's count) */
	if (stratum_of(table, sterm, slevel, base)) {
		struct line *l = new_line();

		line_add(l, find("table1", sterm, slevel, "Overall"), -1);
		line_add(l, n_tot, 1);
		line_add(l, unpublished(table, "(not in the model)", "", "n"), 1);
		if (same_outcome) {
			l = new_line();
			line_add(l, find("table1", sterm, slevel, outcome_yes), -1);
			line_add(l, e_tot, 1);
			line_add(l, unpublished(table, "(not in the model)", "",
						"events"), 1);
		}
	} else {
		struct line *l = new_line();

		line_add(l, find("table1", "persons", "", "Overall"), -1);
		line_add(l, n_tot, 1);
		line_add(l, unpublished(table, "(not in the model)", "", "n"), 1);
		if (same_outcome) {
			l = new_line();
			line_add(l, find("table1", "persons", "", outcome_yes), -1);
			line_add(l, e_tot, 1);
			line_add(l, unpublished(table, "(not in the model)", "",
						"events"), 1);
		}
	}
	for (i = 0; i < nv; i++) {
		const struct var *v = &vars[i];
		int c;
		struct line *l;

		/* a time-varying count's level is not Table 1's level of the
		 * variable (its value at the end of follow-up): no nesting */
		if (!is(v, table) || !strcmp(v->term, "(model)") ||
		    overlapping(table, v->term))
			continue;
		if (!strcmp(v->column, "n"))
			c = find("table1", v->term, v->level, "Overall");
		else if (same_outcome)
			c = find("table1", v->term, v->level, outcome_yes);
		else
			continue;
		if (c < 0)
			continue;
		/* a model on the whole cohort's counts (its "All persons" is
		 * Table 1's persons) shows Table 1's own count of the level */
		if (whole && strcmp(v->column, "n")) { /* events, as the audit */
			equal2(c, i);
			continue;
		}
		l = new_line();
		line_add(l, c, -1);
		line_add(l, i, 1);
		line_add(l, unpublished(table, v->term, v->level, v->column), 1);
	}
}

/* The strata of one stratified model sum, with those in no shown
 * stratum's model, to the cohort's count of each level. */
static void strata_lines(char names[][128], int n_names,
			 const char *outcome_yes)
{
	char term[96], level[96], base[128], b2[128];
	int a, b, i, k, nv = n_vars, done[256] = {0};

	assert_true(n_names <= 256);
	for (a = 0; a < n_names; a++) {
		int members[64], nm = 0;

		if (done[a] || !stratum_of(names[a], term, level, base))
			continue;
		for (b = a; b < n_names && nm < 64; b++)
			if (stratum_of(names[b], term, level, b2) && !strcmp(base, b2)) {
				members[nm++] = b;
				done[b] = 1;
			}
		for (i = 0; i < nv; i++) {
			const struct var *v = &vars[i];
			char oc[256], yes[300];
			int c;
			struct line *l;

			if (!is(v, names[members[0]]) || !strcmp(v->term, "(model)"))
				continue;
			model_outcome(names[members[0]], oc, sizeof(oc));
			snprintf(yes, sizeof(yes), "%s: Yes", oc);
			c = find("table1", v->term, v->level,
				 !strcmp(v->column, "n") ? "Overall" : yes);
			if (c < 0 || (strcmp(v->column, "n") && strcmp(yes, outcome_yes)))
				continue;
			l = new_line();
			line_add(l, c, -1);
			for (k = 0; k < nm; k++) {
				int x = find(names[members[k]], v->term, v->level,
					     v->column);

				if (x >= 0)
					line_add(l, x, 1);
			}
			line_add(l, unpublished(base, v->term, v->level, v->column), 1);
		}
	}
}

/* The column of Table 1 by exposure for the exposure's level (its
 * persons row's "GROUP: LEVEL"), "" when there is none. */
static const char *exposure_column(const char *level)
{
	int i;

	for (i = 0; i < n_vars; i++) {
		const char *c = strrchr(vars[i].column, ':');

		if (is(&vars[i], "table1_exposure") && !strcmp(vars[i].term, "persons") &&
		    c && !strcmp(c + 2, level))
			return vars[i].column;
	}
	return "";
}

/* A stratum's model against Table 1 by exposure (a stratum S = s of a
 * stratified model): Table 1 by exposure counts the cohort by exposure
 * level (columns) and every Table 1 variable (rows), so its cell (S = s,
 * exposure e) is the stratum's population at exposure level e, and where
 * the strata are the exposure's levels (S = exposure), its cell (V = v,
 * exposure s) is stratum s's population at level v of V.  A model on the
 * population's counts ("Not in the model") shows that population: equal;
 * one on its complete cases (a time-to-event model) shows a part of it:
 * the cell is the model's count plus those not in it (unpublished >= 0). */
static void strata_exposure_lines(char names[][128], int n_names)
{
	char expo[96], sterm[96], slevel[96], base[128];
	int m, i, nv = n_vars;

	config_exposure(expo, sizeof(expo));
	for (m = 0; m < n_names; m++) {
		const char *table = names[m];
		int population;

		if (!stratum_of(table, sterm, slevel, base))
			continue;
		population = find(table, "(model)", "not in the model", "n") >= 0;
		for (i = 0; i < nv; i++) {
			const struct var *v = &vars[i];
			int c;

			if (!is(v, table) || strcmp(v->column, "n") ||
			    v->kind == V_UNPUBLISHED || v->kind == V_AUX ||
			    !strcmp(v->term, "(model)") || overlapping(table, v->term))
				continue;
			if (strcmp(sterm, expo))
				c = strcmp(v->term, expo) ? -1 :
				    find("table1_exposure", sterm, slevel,
					 exposure_column(v->level));
			else
				c = find("table1_exposure", v->term, v->level,
					 exposure_column(slevel));
			if (c < 0)
				continue;
			if (population) {
				equal2(c, i);
			} else {
				struct line *l = new_line();

				line_add(l, c, -1);
				line_add(l, i, 1);
				line_add(l, unpublished(table, v->term, v->level,
							"(not in the model, by exposure)"), 1);
			}
		}
	}
}

/* ---- the attack ------------------------------------------------------- */

/* Read every table of dir and build the relations. */
static int md_cells(const char *line, size_t n, char cells[][200], int max);

/* ---- percentages next to hidden counts ------------------------------- */

/* A published percentage p (rounded: p +- half its last digit) of num over
 * den where one of the two is hidden gives the hidden one back to an
 * interval: num in den (p -+ dp), den in num / (p +- dp).  Kept as the
 * hidden count's bounds (solve), so the LP carries them to every count
 * tied to it (a complement's small cell).  Returns 1 when it bounded one. */
static int pct_bounds(int num, int den, const char *pct)
{
	double p, dp, lo, hi;
	struct var *v;

	if (num < 0 || den < 0 || !*pct)
		return 0;
	p = strtod(pct, NULL) / 100;
	dp = half_digit(pct) / 100;
	if (vars[den].kind == V_SHOWN && vars[num].kind != V_SHOWN) {
		v = &vars[num];
		lo = ceil(vars[den].value * (p - dp) - 1e-6);
		hi = floor(vars[den].value * (p + dp) + 1e-6);
	} else if (vars[num].kind == V_SHOWN && vars[den].kind != V_SHOWN &&
		   vars[num].value > 0) {
		v = &vars[den];
		lo = ceil(vars[num].value / (p + dp) - 1e-6);
		hi = p - dp > 0 ? floor(vars[num].value / (p - dp) + 1e-6) : INFINITY;
	} else
		return 0;
	if (v->min <= v->max) {
		lo = fmax(lo, v->min);
		hi = fmin(hi, v->max);
	}
	if (hi == INFINITY)
		hi = 1e12;
	v->min = lo;
	v->max = hi;
	return 1;
}

/* The percentages of a long-layout csv: Table 1 (by outcome or exposure)
 * of the column's persons, the regional table of the row's persons. */
static int long_pct_bounds(const char *table)
{
	char path[512], *text, *line, *save = NULL;
	int n = 0, first = 1;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, table);
	text = slurp(path);
	if (!text)
		return 0;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int den;

		if (first) {
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "percent") || !*f[4])
			continue;
		den = !strcmp(table, "regional") ?
			find(table, f[0], f[1], "Persons") :
			find(table, "persons", "", f[2]);
		n += pct_bounds(find(table, f[0], f[1], f[2]), den, f[4]);
	}
	free(text);
	return n;
}

/* The level rows of a model table's md, matched in order to the tidy
 * csv's (term, level) rows (the md's "&emsp;" rows): md_keys[k] and the md
 * cells of that row, md_rows[k]; the md's header cells in md_head.  The
 * "Persons in the model" row (a time-to-event table) in md_total (empty
 * when there is none).  Returns how many level rows. */
#define MDROWS 512
#define MDCELLS 12
static char md_keys[MDROWS][2][96];
static char md_rows[MDROWS][MDCELLS][200];
static char md_head[MDCELLS][200];
static char md_total[MDCELLS][200];

static int md_level_rows(const char *table)
{
	char path[512], *text, *line, *save = NULL, *row, *body, *e;
	int nkeys = 0, k = 0, first = 1;

	snprintf(path, sizeof(path), "%.200s/tables/%.200s.csv", dir, table);
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[12];
		int j;

		if (first) {
			first = 0;
			continue;
		}
		csv_split(line, f, 12);
		if (!strcmp(f[1], "(model)") || !*f[2])
			continue;
		for (j = 0; j < nkeys && (strcmp(md_keys[j][0], f[1]) ||
					  strcmp(md_keys[j][1], f[2])); j++)
			;
		if (j == nkeys && nkeys < MDROWS) {
			snprintf(md_keys[nkeys][0], sizeof(md_keys[0][0]), "%s", f[1]);
			snprintf(md_keys[nkeys++][1], sizeof(md_keys[0][0]), "%s", f[2]);
		}
	}
	free(text);
	snprintf(path, sizeof(path), "%.200s/tables/%.200s.md", dir, table);
	text = slurp(path);
	assert_non_null(text);
	memset(md_head, 0, sizeof(md_head));
	memset(md_total, 0, sizeof(md_total));
	row = strstr(text, "\n| ");
	assert_non_null(row);
	e = strchr(row + 1, '\n');
	md_cells(row + 1, (size_t)(e - row - 1), md_head, MDCELLS);
	body = strstr(text, "\n|:");
	assert_non_null(body);
	for (row = strchr(body + 1, '\n'); row && row[1] == '|';
	     row = strchr(row + 1, '\n')) {
		size_t len;

		e = strchr(row + 1, '\n');
		len = e ? (size_t)(e - row - 1) : strlen(row + 1);
		if (!strncmp(row + 1, "| Persons in the model |", 24)) {
			md_cells(row + 1, len, md_total, MDCELLS);
			continue;
		}
		if (strncmp(row + 1, "| &emsp;", 8) || k >= nkeys)
			continue; /* not a level row */
		memset(md_rows[k], 0, sizeof(md_rows[k]));
		md_cells(row + 1, len, md_rows[k], MDCELLS);
		if (getenv("PCT_DEBUG"))
			print_message("%s: md '%s' = csv %s / %s\n", table,
				      md_rows[k][0], md_keys[k][0], md_keys[k][1]);
		k++;
	}
	assert_int_equal(k, nkeys); /* every level row of the csv is in the md */
	free(text);
	return k;
}

/* A model table's "Events, n (%)" of the row's persons: from the md (the
 * tidy csv has no percentage), its level rows matched in order to the tidy
 * csv's (term, level) rows. */
static int model_pct_bounds(const char *table)
{
	int nrow = md_level_rows(table), k, n = 0;

	for (k = 0; k < nrow; k++) {
		const char *paren = strstr(md_rows[k][2], " (");

		if (paren)
			n += pct_bounds(find(table, md_keys[k][0], md_keys[k][1], "events"),
					find(table, md_keys[k][0], md_keys[k][1], "n"),
					paren + 2);
	}
	return n;
}

/* ---- person-years (time-to-event model tables, the follow-up table) ---- */

/* The span of follow-up of one child: from birth to the end age A of the
 * run's config ("follow_up = age A", OUT/../study.ini): 365 A days and the
 * leap days between, floor(A / 4) or one more, over 365.25.  A child who
 * reaches the end age is followed for [py_min, py_max] years, any other
 * for less (py_max 0: no end age read, no person-years relations). */
static double py_min, py_max;
static int from_birth; /* no [cohort] entry: everyone followed from birth */

static void read_span(void)
{
	char path[512], *text, *p;
	int age;

	py_min = py_max = 0;
	snprintf(path, sizeof(path), "%s/../study.ini", dir);
	text = slurp(path);
	if (!text)
		return;
	p = strstr(text, "\nfollow_up = age ");
	if (p && sscanf(p + 17, "%d", &age) == 1 && age > 0) {
		/* half a day either way, as the audit (export_audit_rel.c):
		 * GLPK's tolerances would otherwise find the exact span
		 * infeasible */
		py_min = (365.0 * age + age / 4 - 0.5) / 365.25;
		py_max = (365.0 * age + age / 4 + 1.5) / 365.25;
	}
	from_birth = !strstr(text, "\nentry = ");
	free(text);
}

/* A person-years cell as a variable (not a count: V_AUX, never checked):
 * shown, within half its last digit (whole years); hidden, >= 0. */
static int py_var(const char *table, const char *term, const char *level,
		  const char *shown)
{
	int v = add_var(table, term, level, "person-years", V_AUX, 0);

	vars[v].min = 0;
	vars[v].max = 1e12;
	if (*shown >= '0' && *shown <= '9') {
		vars[v].min = strtod(shown, NULL) - half_digit(shown);
		vars[v].max = strtod(shown, NULL) + half_digit(shown);
	}
	return v;
}

/* A rate per 1,000 person-years shown as "r (lo-hi)" is 1000 events / PY:
 * with the person-years shown it gives hidden events back to within
 * (r +- half its last digit) PY / 1000, with the events shown hidden
 * person-years to 1000 events / (r -+ ...).  Kept as bounds (min/max) of
 * the hidden one, as pct_bounds does.  Returns 1 when it bounded one. */
static int rate_bounds(int ev, int py, const char *rate)
{
	double r, dr, lo, hi;
	struct var *v;

	if (ev < 0 || py < 0 || !(*rate >= '0' && *rate <= '9'))
		return 0;
	r = strtod(rate, NULL) / 1000;
	dr = half_digit(rate) / 1000;
	if (vars[ev].kind != V_SHOWN && vars[py].max < 1e12) {
		v = &vars[ev];
		lo = ceil((r - dr) * vars[py].min - 1e-6);
		hi = floor((r + dr) * vars[py].max + 1e-6);
	} else if (vars[ev].kind == V_SHOWN && vars[py].max >= 1e12 &&
		   vars[ev].value > 0) {
		v = &vars[py];
		lo = vars[ev].value / (r + dr);
		hi = r - dr > 0 ? vars[ev].value / (r - dr) : 1e12;
	} else
		return 0;
	if (v->min <= v->max) {
		lo = fmax(lo, v->min);
		hi = fmin(hi, v->max);
	}
	v->min = lo;
	v->max = hi;
	return 1;
}

static int by_start(const void *x, const void *y)
{
	double a = strtod(md_keys[*(const int *)x][1], NULL);
	double b = strtod(md_keys[*(const int *)y][1], NULL);

	return (a > b) - (a < b);
}

/* The follow-up table's person-years (tables/follow_up.csv, statistic
 * value): each exit row's person-years are its children's follow-up, at
 * most py_max each, and a child censored at the end age is followed the
 * whole span (py_min..py_max), so the end-age row's are its children
 * times the span; the rows sum to the total. */
static void followup_py_lines(void)
{
	char path[512], *text, *line, *save = NULL;
	struct line *sum = NULL;
	int total = -1;

	snprintf(path, sizeof(path), "%s/tables/follow_up.csv", dir);
	if (!py_max || access(path, R_OK))
		return;
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int py, n;

		if (csv_split(line, f, 8) != 6 || strcmp(f[0], "exit_reason") ||
		    strcmp(f[3], "value"))
			continue;
		py = py_var("follow_up", f[0], f[1], *f[5] ? "" : f[4]);
		n = find("follow_up", f[0], f[1], "Children");
		at_most(py, py_max, n, "follow-up person-years under the span");
		if (from_birth && !strcmp(f[1], "end_age"))
			at_most(n, 1 / py_min, py, "end age: the whole span");
		if (!strcmp(f[1], "all")) {
			total = py;
			continue;
		}
		if (!sum)
			sum = new_line();
		line_add(sum, py, 1);
	}
	free(text);
	if (sum && total >= 0)
		line_add(sum, total, -1);
	else if (sum)
		n_lines--;
}

/* The person-years and rates of a time-to-event model table (its md has
 * a "Person-years" column; the tidy csv has none), each relation sound
 * for follow-up from birth to the end age (docs/outputs.md, "Across
 * tables" rule 6):
 *   - a level's person-years are its persons' time at the level, each at
 *     most the span (PY <= py_max n); the model's too;
 *   - every moment of follow-up is at one level of each term, so a
 *     term's levels' person-years sum to the model's (also where persons
 *     pass through levels: age bands, a time-varying count);
 *   (where persons pass through levels, each level's persons are among
 *   the model's: model_lines);
 *   - age bands [a, b): no one enters after birth, so those followed in
 *     the next band were followed in this one (n_next <= n, the
 *     difference the band's exits, at least its events), each for the
 *     whole band: (b - a) n_next <= PY <= (b - a) n; the last band ends
 *     at the end age;
 *   - a shown rate gives hidden events or person-years back (rate_bounds);
 *   - the model's persons are among the follow-up table's children: by
 *     exit reason, the model's children of each exit row and those not
 *     in the model (unpublished) sum to the row's children and
 *     person-years; the model's event row is its events; each part's
 *     person-years are at most the span per child, those censored at the
 *     end age exactly the span (a stratum's model: only PY <= the
 *     follow-up table's total).
 * Returns the bounds the rates gave. */
static int model_py_lines(const char *table)
{
	static const char *const exits[] = { "event", "death", "emigration",
					      "end_age", "end_of_data" };
	char sterm[96], slevel[96], base[128];
	int nrow, cpy = -1, crate = -1, k, j, mpy, n_tot, e_tot, found = 0;
	int order[MDROWS], py[MDROWS], in_n[5], in_p[5];

	if (!py_max)
		return 0;
	nrow = md_level_rows(table);
	for (j = 0; j < MDCELLS; j++) {
		if (!strcmp(md_head[j], "Person-years"))
			cpy = j;
		if (!strncmp(md_head[j], "Rate per", 8))
			crate = j;
	}
	if (cpy < 0 || !*md_total[0])
		return 0;
	n_tot = find(table, "(model)", "", "n");
	e_tot = find(table, "(model)", "", "events");
	mpy = py_var(table, "(model)", "", md_total[cpy]);
	at_most(mpy, py_max, n_tot, "model person-years under the span");
	if (crate >= 0)
		found += rate_bounds(e_tot, mpy, md_total[crate]);
	for (k = 0; k < nrow; k++) {
		int n = find(table, md_keys[k][0], md_keys[k][1], "n");

		py[k] = py_var(table, md_keys[k][0], md_keys[k][1], md_rows[k][cpy]);
		at_most(py[k], py_max, n, "level person-years under the span");
		if (crate >= 0)
			found += rate_bounds(find(table, md_keys[k][0], md_keys[k][1],
						  "events"), py[k], md_rows[k][crate]);
	}
	for (k = 0; k < nrow; k++) {
		struct line *l;
		int nb = 0;

		for (j = 0; j < k && strcmp(md_keys[j][0], md_keys[k][0]); j++)
			;
		if (j < k) /* one set of lines per term, at its first level */
			continue;
		l = new_line();
		line_add(l, mpy, -1);
		for (j = k; j < nrow; j++)
			if (!strcmp(md_keys[j][0], md_keys[k][0])) {
				line_add(l, py[j], 1);
				order[nb++] = j;
			}
		if (strcmp(md_keys[k][0], "age_band"))
			continue;
		qsort(order, (size_t)nb, sizeof(*order), by_start);
		for (j = 0; j < nb; j++) {
			const char *lv = md_keys[order[j]][1];
			int n = find(table, "age_band", lv, "n");
			int ev = find(table, "age_band", lv, "events"), next = -1;
			double w = (j + 1 < nb ? strtod(md_keys[order[j + 1]][1], NULL)
					       : py_max) - strtod(lv, NULL);

			if (j + 1 < nb)
				next = find(table, "age_band", md_keys[order[j + 1]][1], "n");
			at_most(py[order[j]], w, n, "band person-years under the width");
			if (next >= 0 && n >= 0 && from_birth) {
				int exits_b = unpublished(table, "age_band", lv, "(exits)");
				struct line *l2 = new_line();

				line_add(l2, n, -1);
				line_add(l2, next, 1);
				line_add(l2, exits_b, 1);
				at_most(ev, 1, exits_b, "band events among its exits");
				at_most(next, 1 / w, py[order[j]], "next band: the whole band");
			}
		}
	}
	if (stratum_of(table, sterm, slevel, base)) {
		at_most(mpy, 1, find("follow_up", "exit_reason", "all", "person-years"),
			"a stratum's person-years within the follow-up's");
		return found;
	}
	for (k = 0; k < 5; k++)
		if (find("follow_up", "exit_reason", exits[k], "Children") < 0 ||
		    find("follow_up", "exit_reason", exits[k], "person-years") < 0)
			return found;
	{
		struct line *ln = new_line(), *lp = new_line();

		line_add(ln, n_tot, -1);
		line_add(lp, mpy, -1);
		for (k = 0; k < 5; k++) {
			int fn = find("follow_up", "exit_reason", exits[k], "Children");
			int fp = find("follow_up", "exit_reason", exits[k], "person-years");
			int out_n, out_p;
			struct line *l;

			in_n[k] = unpublished(table, "(exit in the model)", exits[k], "n");
			out_n = unpublished(table, "(exit not in the model)", exits[k], "n");
			in_p[k] = py_var(table, "(exit in the model)", exits[k], "");
			out_p = py_var(table, "(exit not in the model)", exits[k], "");
			line_add(ln, in_n[k], 1);
			line_add(lp, in_p[k], 1);
			l = new_line();
			line_add(l, fn, -1);
			line_add(l, in_n[k], 1);
			line_add(l, out_n, 1);
			l = new_line();
			line_add(l, fp, -1);
			line_add(l, in_p[k], 1);
			line_add(l, out_p, 1);
			at_most(in_p[k], py_max, in_n[k], "exit part under the span");
			at_most(out_p, py_max, out_n, "exit part under the span");
			if (from_birth && !strcmp(exits[k], "end_age")) {
				at_most(in_n[k], 1 / py_min, in_p[k], "end age: the whole span");
				at_most(out_n, 1 / py_min, out_p, "end age: the whole span");
			}
			if (!strcmp(exits[k], "event"))
				equal2(e_tot, in_n[k]);
		}
	}
	return found;
}

static void model_export(void)
{
	static char names[256][128];
	char outcome_yes[300] = "", events_col[300] = "";
	static const char *const long_tables[] = {
		"cohort_flow", "table1", "table1_exposure", "regional", "parent_linkage",
		"follow_up",
	};
	char path[512];
	struct dirent *de;
	DIR *d;
	int n_names = 0, i;
	size_t t;

	read_time_varying();
	n_vars = n_lines = 0;
	py_found = 0;
	for (t = 0; t < sizeof(long_tables) / sizeof(*long_tables); t++) {
		snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, long_tables[t]);
		if (access(path, R_OK) == 0)
			read_long(long_tables[t]);
	}
	/* Table 1's outcome columns: "LABEL: Yes"; the regional events column
	 * "Events: LABEL" */
	for (i = 0; i < n_vars; i++) {
		const char *c = vars[i].column;
		size_t m = strlen(c);

		if (is(&vars[i], "table1") && m > 5 && !strcmp(c + m - 5, ": Yes")) {
			snprintf(outcome_yes, sizeof(outcome_yes), "%s", c);
			snprintf(events_col, sizeof(events_col), "Events: %.*s",
				 (int)(m - 5), c);
			break;
		}
	}
	/* none when Table 1 hides its outcome columns (few events): then
	 * no events relation is written */
	if (!*outcome_yes)
		snprintf(outcome_yes, sizeof(outcome_yes), "(no outcome columns)");
	snprintf(path, sizeof(path), "%s/tables", dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t m = strlen(de->d_name);

		if (strncmp(de->d_name, "model_", 6) || m < 5 ||
		    strcmp(de->d_name + m - 4, ".csv"))
			continue;
		assert_true(n_names < 256);
		snprintf(names[n_names], sizeof(names[0]), "%.*s", (int)(m - 4),
			 de->d_name);
		read_model(names[n_names]);
		n_names++;
	}
	closedir(d);
	if (!n_names) { /* no model table (250/31/5): report.html says why */
		char *html;

		snprintf(path, sizeof(path), "%s/report.html", dir);
		html = slurp(path);
		assert_non_null(html);
		assert_non_null(strstr(html, "; no table."));
		free(html);
	}
	table1_lines("table1");
	table1_lines("table1_exposure");
	column_lines("regional", "all", "", 0);
	column_lines("parent_linkage", "Mother", "all", 1);
	column_lines("parent_linkage", "Father", "all", 1);
	column_lines("follow_up", "exit_reason", "all", 1);
	linkage_nested_lines();
	flow_lines();
	cross_lines(outcome_yes, events_col);
	followup_lines(outcome_yes);
	exposure_group_lines();
	n_cuminc = cuminc_lines();
	for (i = 0; i < n_names; i++)
		model_lines(names[i], outcome_yes);
	strata_lines(names, n_names, outcome_yes);
	strata_exposure_lines(names, n_names);
	read_span();
	followup_py_lines();
	for (i = 0; i < n_names; i++)
		py_found += model_py_lines(names[i]);
	n_models = n_names;
	pct_found = long_pct_bounds("table1") + long_pct_bounds("table1_exposure") +
		    long_pct_bounds("regional");
	for (i = 0; i < n_names; i++)
		pct_found += model_pct_bounds(names[i]);
}

/* Optimise column j in direction dir; nonzero when the LP fails. */
static int optimise(glp_prob *lp, int j, int dirn, double *x)
{
	glp_smcp parm;
	int st;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	glp_set_obj_dir(lp, dirn);
	glp_set_obj_coef(lp, j, 1);
	if (glp_simplex(lp, &parm)) {
		glp_std_basis(lp);
		if (glp_simplex(lp, &parm))
			return 1;
	}
	st = glp_get_status(lp);
	glp_set_obj_coef(lp, j, 0);
	if (st == GLP_UNBND) {
		*x = dirn == GLP_MAX ? INFINITY : -INFINITY;
		return 0;
	}
	if (st != GLP_OPT)
		return 1;
	*x = glp_get_obj_val(lp);
	return 0;
}

/* Bound every hidden and unpublished count; returns how many were
 * bounded, *leaks how many are pinned to 1..T-1 (each printed). */
static int solve(int *leaks, int quiet, double *point)
{
	glp_prob *lp;
	int i, k, bounded = 0, *ind = malloc(sizeof(int) * (MAXT + 1));
	double *val = malloc(sizeof(double) * (MAXT + 1));

	assert_non_null(ind);
	assert_non_null(val);
	*leaks = 0;
	glp_term_out(GLP_OFF);
	lp = glp_create_prob();
	glp_add_cols(lp, n_vars);
	for (i = 0; i < n_vars; i++) {
		const struct var *v = &vars[i];

		switch (v->kind) {
		case V_SHOWN:
			glp_set_col_bnds(lp, i + 1, GLP_FX, v->value, v->value);
			break;
		case V_SMALL:
			if (T - 1 > 1)
				glp_set_col_bnds(lp, i + 1, GLP_DB, 1, T - 1);
			else
				glp_set_col_bnds(lp, i + 1, GLP_FX, 1, 1);
			break;
		default:
			glp_set_col_bnds(lp, i + 1, GLP_LO, 0, 0);
		}
		if (v->kind != V_SHOWN && v->min <= v->max) {
			double lo = fmax(v->min, v->kind == V_SMALL ? 1 : 0);
			double hi = v->kind == V_SMALL ? fmin(v->max, T - 1) : v->max;

			glp_set_col_bnds(lp, i + 1, lo < hi ? GLP_DB : GLP_FX, lo,
					 lo < hi ? hi : lo);
		}
	}
	for (k = 0; k < n_lines; k++) {
		int row = glp_add_rows(lp, 1), j;

		for (j = 0; j < lines[k].n; j++) {
			ind[j + 1] = lines[k].v[j] + 1;
			val[j + 1] = lines[k].c[j];
		}
		glp_set_row_bnds(lp, row, GLP_FX, 0, 0);
		glp_set_mat_row(lp, row, lines[k].n, ind, val);
	}
	for (k = 0; k < n_lines; k++) {
		double sum = 0;
		int j, known = 1;

		for (j = 0; j < lines[k].n; j++) {
			known &= vars[lines[k].v[j]].kind == V_SHOWN;
			sum += lines[k].c[j] * vars[lines[k].v[j]].value;
		}
		if (known && fabs(sum) > 1e-9)
			fail_msg("%s: relation %d (%s / %s / %s / %s, %d terms) does "
				 "not add up (%g): the attacker's model is wrong", dir,
				 k, vars[lines[k].v[0]].table, vars[lines[k].v[0]].term,
				 vars[lines[k].v[0]].level, vars[lines[k].v[0]].column,
				 lines[k].n, sum);
	}
	/* the export as published is consistent with the relations */
	{
		glp_smcp parm;

		glp_init_smcp(&parm);
		parm.msg_lev = GLP_MSG_OFF;
		assert_int_equal(glp_simplex(lp, &parm), 0);
		if (glp_get_status(lp) != GLP_OPT)
			fail_msg("%s: the attacker's relations have no solution: its "
				 "model of the export is wrong", dir);
		for (i = 0; point && i < n_vars; i++)
			point[i] = glp_get_col_prim(lp, i + 1);
	}
	for (i = 0; i < n_vars; i++) {
		struct var *v = &vars[i];

		if (v->kind == V_SHOWN || v->kind == V_AUX)
			continue;
		if (optimise(lp, i + 1, GLP_MIN, &v->lo) ||
		    optimise(lp, i + 1, GLP_MAX, &v->hi))
			fail_msg("%s: LP failed", dir);
		bounded++;
		/* the protection rule (docs/outputs.md): a count shown to be
		 * below T (greatest value 1..T-1) has all of 1..T-1 in its
		 * interval, no narrower than "<T"; pinned is the worst case.
		 * And an "x" pinned to its count hides nothing: it was a
		 * complement, so the small count it was to hide is narrower
		 * than its table's own audit took it to be (the follow-up's
		 * event count hidden, given back by Table 1's outcome) */
		if ((v->hi > 0.5 && v->hi < T - 0.5 &&
		     (v->lo > 1.5 || v->hi < T - 1.5)) ||
		    (v->kind == V_HIDDEN && v->hi - v->lo < 0.5 && v->lo > 0.5)) {
			(*leaks)++;
			if (!quiet)
				print_error("%s: %s [%s / %s / %s] (%s) is in [%g, %g]\n",
					    dir, v->table, v->term, v->level, v->column,
					    v->kind == V_SMALL ? "<T" :
					    v->kind == V_HIDDEN ? "hidden" : "unpublished",
					    v->lo, v->hi);
		}
	}
	glp_delete_prob(lp);
	free(ind);
	free(val);
	return bounded;
}

static void setup_memory(void)
{
	if (!vars) {
		vars = calloc(MAXV, sizeof(*vars));
		lines = calloc(MAXL, sizeof(*lines));
		assert_non_null(vars);
		assert_non_null(lines);
	}
}

/* Run the example config on a synthetic cohort (persons 0: the example's
 * own data) at threshold thr into output/test_export_attack_TAG; bad > 0
 * spoils the birth date of that many base rows (31.02.1997: rejected), so
 * the flow starts with the rows of the extract and the rows lost. */
static void run_case(const char *tag, int persons, int seed, int thr, int bad,
		     char *out, size_t size)
{
	const char *bin = getenv("KOHORT_BIN");
	char cmd[4096], base[256], spoil[1400] = "";

	if (!bin)
		bin = "./kohort";
	snprintf(base, sizeof(base), "output/test_export_attack_%s", tag);
	if (bad > 0)
		snprintf(spoil, sizeof(spoil), " && zcat %s/data/birth.csv.gz | awk "
			 "-F';' -v OFS=';' 'NR > 1 && NR <= 1 + %d * 10 && NR %% 10 == 0 "
			 "{ $4 = \"31.02.1997\" } { print }' | gzip > %s/data/b.gz && mv "
			 "%s/data/b.gz %s/data/birth.csv.gz", base, bad, base, base, base);
	if (persons > 0)
		snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s && %s synth "
			 "--persons %d --seed %d --out %s/data >/dev/null%s && sed "
			 "'s|sample-data/|%s/data/|; s/^disclosure_threshold = .*/"
			 "disclosure_threshold = %d/' config/example.ini > %s/study.ini "
			 "&& %s run --output %s/out %s/study.ini >/dev/null 2>&1",
			 base, base, bin, persons, seed, base, spoil, base, thr, base,
			 bin, base, base);
	else
		snprintf(cmd, sizeof(cmd), "rm -rf %s && mkdir -p %s && sed "
			 "'s/^disclosure_threshold = .*/disclosure_threshold = %d/' "
			 "config/example.ini > %s/study.ini && %s run --output %s/out "
			 "%s/study.ini >/dev/null 2>&1", base, base, thr, base, bin,
			 base, base);
	assert_int_equal(sh(cmd), 0);
	snprintf(out, size, "%s/out", base);
}

/* The follow-up table's person-years (docs/outputs.md, "Across tables"
 * rule 6): whole years, and none at all (rows and total) once any of its
 * counts is hidden.  A row's person-years are a sum of its children's
 * follow-up: a child censored at the end age adds the same (the years
 * from entry to the end age), any other less, so person-years next to a
 * hidden count bound it (a hidden end-age count and a hidden count of 2
 * deaths at ages 2 and 3: the total's 31-year shortfall needs 2 deaths).
 * Returns the rows breaking the rule (each printed). */
static int person_years_leaks(void)
{
	char path[512], *text, *line, *save = NULL;
	int hidden = 0, shown = 0, frac = 0, leaks;

	snprintf(path, sizeof(path), "%s/tables/follow_up.csv", dir);
	if (access(path, R_OK))
		return 0;
	text = slurp(path);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		double x;

		if (csv_split(line, f, 8) != 6 || strcmp(f[0], "exit_reason"))
			continue;
		if (!strcmp(f[3], "n")) {
			hidden += *f[5] != '\0';
			continue;
		}
		if (!*f[4])
			continue;
		shown++;
		x = strtod(f[4], NULL);
		frac += fabs(x - round(x)) > 1e-9;
	}
	free(text);
	leaks = frac + (hidden ? shown : 0);
	if (leaks)
		print_error("%s: follow_up: %d person-years shown with %d hidden "
			    "counts, %d not whole years\n", dir, shown, hidden, frac);
	return leaks;
}

static int figure_lines(int *counts);

/* The decimals of a number as the csv writes it (99: exponent form). */
static int csv_decimals(const char *s)
{
	const char *dot;

	if (*s == '-')
		s++;
	if (strpbrk(s, "eE"))
		return 99;
	dot = strchr(s, '.');
	return dot ? (int)strlen(dot + 1) : 0;
}

static int too_precise(const char *table, const char *what, const char *value,
		       int max)
{
	if (!*value || csv_decimals(value) <= max)
		return 0;
	print_error("%s: %s: %s is written %s, more decimals than the %d shown\n",
		    dir, table, what, value, max);
	return 1;
}

/* The cumulative incidence (tables/cuminc.csv, cuminc_steps.csv) is a
 * function of the counts too (without censoring, events / persons): its
 * estimate and CI carry no more decimals than the tables show (1, as a
 * percentage).  Returns the numbers that carry more, and the levels
 * cuminc_lines found drawn against the rule; adds to *checked. */
static int cuminc_digits_leaks(int *checked)
{
	static const char *const names[] = { "cuminc", "cuminc_steps" };
	char path[512], *text, *line, *save;
	int leaks = 0, t;

	for (t = 0; t < 2; t++) {
		snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, names[t]);
		if (access(path, R_OK))
			continue;
		text = slurp(path);
		assert_non_null(text);
		save = NULL;
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *f[8];

			if (csv_split(line, f, 8) != 6 || !*f[4] ||
			    (strcmp(f[3], "percent") && strcmp(f[3], "estimate") &&
			     strcmp(f[3], "conf_low") && strcmp(f[3], "conf_high")))
				continue;
			(*checked)++;
			leaks += too_precise(names[t], "a cumulative incidence", f[4], 1);
		}
		free(text);
	}
	return leaks + cuminc_broken;
}

/* Counts-derived statistics carry no more digits in the tidy csv than the
 * tables show (docs/outputs.md, "Counts-derived statistics"; the
 * example's digits: percent 1, estimate 2, number 2, p 3): every percent
 * and count of the long tables, Table 1's SMD and p of a categorical or
 * 0/1 row (a number's, with mean_sd and median_iqr rows, are of its
 * means), and of every model table its counts, its whole crude column
 * (the attributable fraction 1 decimal, the cases and AUC as shown) and
 * its attributable cases (whole persons).  Returns the numbers that carry
 * more (each printed); *checked how many were looked at. */
static int digits_leaks(int *checked)
{
	static const char *const long_tables[] = {
		"cohort_flow", "table1", "table1_exposure", "regional",
		"parent_linkage", "follow_up",
	};
	char path[512], *text, *line, *save, numeric[64][96];
	int leaks = 0, t, n_numeric, k;
	struct dirent *de;
	DIR *d;

	*checked = 0;
	for (t = 0; t < 6; t++) {
		snprintf(path, sizeof(path), "%s/tables/%s.csv", dir, long_tables[t]);
		if (access(path, R_OK))
			continue;
		text = slurp(path);
		assert_non_null(text);
		n_numeric = 0; /* terms with a mean or a median: first pass */
		for (k = 0; text[k]; k++)
			if ((!strncmp(text + k, ",mean_sd,", 9) ||
			     !strncmp(text + k, ",median_iqr,", 12)) && n_numeric < 64) {
				int b = k;

				while (b > 0 && text[b - 1] != '\n')
					b--;
				snprintf(numeric[n_numeric++], sizeof(numeric[0]), "%.*s",
					 k - b, text + b);
			}
		save = NULL;
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *f[8];
			int numeric_term = 0, i;

			if (csv_split(line, f, 8) != 6 || !*f[4])
				continue;
			for (i = 0; i < n_numeric; i++)
				numeric_term |= !strcmp(numeric[i], f[0]);
			(*checked)++;
			if (!strcmp(f[3], "percent"))
				leaks += too_precise(long_tables[t], "a percent", f[4], 1);
			else if (!strcmp(f[3], "n"))
				leaks += too_precise(long_tables[t], "a count", f[4], 0);
			else if (!numeric_term && !strcmp(f[3], "value") &&
				 !strcmp(f[2], "SMD"))
				leaks += too_precise(long_tables[t], "a categorical SMD",
						     f[4], 2);
			else if (!numeric_term && !strcmp(f[3], "p_value"))
				leaks += too_precise(long_tables[t], "a chi-square p",
						     f[4], 3);
			else
				(*checked)--;
		}
		free(text);
	}
	leaks += cuminc_digits_leaks(checked);
	snprintf(path, sizeof(path), "%s/tables", dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t m = strlen(de->d_name);

		if (strncmp(de->d_name, "model_", 6) || m < 5 ||
		    strcmp(de->d_name + m - 4, ".csv"))
			continue;
		snprintf(path, sizeof(path), "%s/tables/%s", dir, de->d_name);
		text = slurp(path);
		assert_non_null(text);
		save = NULL;
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *f[12];
			int nf = csv_split(line, f, 12), crude, model, est;

			if (nf < 9 || !strcmp(f[0], "model"))
				continue;
			crude = !strcmp(f[0], "Crude");
			model = !strcmp(f[1], "(model)");
			leaks += too_precise(de->d_name, "a count", f[7], 0);
			leaks += too_precise(de->d_name, "a count", f[8], 0);
			*checked += 2;
			if (model && !strcmp(f[2], "attributable_cases"))
				est = 0;
			else if (crude && model && !strcmp(f[2], "paf"))
				est = 1;
			else if (crude)
				est = 2;
			else
				continue;
			for (k = 3; k < 6; k++)
				leaks += too_precise(de->d_name, crude ? "a crude statistic"
						     : "attributable cases", f[k], est);
			if (crude)
				leaks += too_precise(de->d_name, "a crude p", f[6], 3);
			*checked += 4;
		}
		free(text);
	}
	closedir(d);
	return leaks;
}

/* The N a Table 1 header shows ([report] table1_header_n: "0, N = 7490")
 * is its column's "Persons, n" as the table shows it, the mark when
 * hidden: a header that shows a number the body hides publishes it.
 * Returns the headers that differ (each printed). */
static int header_n_leaks(const char *table)
{
	static char head[32][200], persons[32][200];
	char path[512], *text, *h, *p, *e;
	int nh, np, k, leaks = 0;

	snprintf(path, sizeof(path), "%.200s/tables/%.100s.md", dir, table);
	text = slurp(path);
	if (!text)
		return 0;
	h = strstr(text, "\n| ");
	p = strstr(text, "\n| Persons, n |");
	assert_non_null(h);
	assert_non_null(p);
	e = strchr(h + 1, '\n');
	nh = md_cells(h + 1, (size_t)(e - h - 1), head, 32);
	e = strchr(p + 1, '\n');
	np = md_cells(p + 1, e ? (size_t)(e - p - 1) : strlen(p + 1), persons, 32);
	for (k = 1; k < nh && k < np; k++) {
		const char *n = strstr(head[k], ", N = ");

		if (!n || !strcmp(n + 6, persons[k]))
			continue;
		print_error("%s: %s: header \"%s\" against persons \"%s\"\n", dir,
			    table, head[k], persons[k]);
		leaks++;
	}
	free(text);
	return leaks;
}

static int attack(const char *out, int thr)
{
	int leaks, bounded, figures, figure_numbers;

	dir = out;
	T = thr;
	model_export();
	figures = figure_lines(&figure_numbers);
	assert_true(figure_numbers > 10);
	figures += digits_leaks(&figure_numbers);
	assert_true(figure_numbers > 100);
	bounded = solve(&leaks, 0, NULL);
	assert_true(bounded > 10);
	assert_true(n_lines > 50);
	return leaks + person_years_leaks() + figures + header_n_leaks("table1") +
	       header_n_leaks("table1_exposure");
}

/* The cohort's persons with sa_years = level (events: and the outcome):
 * analysis.csv.gz (inside the environment) counted, the true number behind
 * a hidden count of the main model table, which shows the cohort's counts. */
static double cohort_sa_years(const char *out, const char *level, int events)
{
	char path[512], line[4096], *f[64];
	gzFile gz;
	int col = -1, oc = -1, k, nf;
	double n = 0;

	snprintf(path, sizeof(path), "%.400s/analysis.csv.gz", out);
	gz = gzopen(path, "rb");
	assert_non_null(gz);
	while (gzgets(gz, line, sizeof(line))) {
		line[strcspn(line, "\r\n")] = '\0';
		nf = csv_split(line, f, 64);
		if (col < 0) {
			for (k = 0; k < nf; k++) {
				if (!strcmp(f[k], "sa_years"))
					col = k;
				if (!strcmp(f[k], "placement"))
					oc = k;
			}
			assert_true(col >= 0 && oc >= 0);
			continue;
		}
		n += col < nf && !strcmp(f[col], level) &&
		     (!events || (oc < nf && !strcmp(f[oc], "1")));
	}
	gzclose(gz);
	return n;
}

/* The tidy csv of the main model table gets the events of sa_years level
 * back (those the md is planted with: the attacker reads counts from the
 * csv). */
static void plant_events(const char *out, const char *level, double ev)
{
	char path[512], want[64], *text, *p;
	FILE *fp;

	snprintf(path, sizeof(path), "%.400s/tables/model_placement.csv", out);
	text = slurp(path);
	assert_non_null(text);
	fp = fopen(path, "w");
	assert_non_null(fp);
	snprintf(want, sizeof(want), ",sa_years,%s,", level);
	for (p = text; *p;) {
		char *e = strchr(p, '\n'), *f[12], line[4096];
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int nf, k;

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		if (strstr(line, want) && (nf = csv_split(line, f, 12)) >= 9 &&
		    !*f[8] && *f[7] == '\0') {
			for (k = 0; k < nf; k++) {
				if (k == 8)
					fprintf(fp, "%s%.0f", k ? "," : "", ev);
				else if (strchr(f[k], ',') || strchr(f[k], '"'))
					fprintf(fp, "%s\"%s\"", k ? "," : "", f[k]);
				else
					fprintf(fp, "%s%s", k ? "," : "", f[k]);
			}
			fputc('\n', fp);
		} else {
			fprintf(fp, "%.*s\n", (int)n, p);
		}
		p = e ? e + 1 : p + n;
	}
	assert_int_equal(fclose(fp), 0);
	free(text);
}

/* Not toothless about percentages: the main model table's md gets back the
 * percentages main showed next to its hidden persons counts ("2-3 | x |
 * 58 (8.7)", of the level's persons, now the cohort's, and the events
 * shown, or the true events where they are hidden too), to two decimals
 * ("58 (8.75)": 663 exactly; with one, 663..670,
 * which narrows nothing since the audit shows Table 1's missing
 * sa_years "x", person-years and strata rules), and the attacker must
 * find what they give away.  Returns the percentages planted. */
static int plant_percentages(const char *out)
{
	char path[512], *csv, *md, *line, *save = NULL;
	int planted = 0;

	snprintf(path, sizeof(path), "%.400s/models/placement.csv", out);
	csv = slurp(path);
	assert_non_null(csv);
	snprintf(path, sizeof(path), "%.400s/tables/model_placement.md", out);
	md = slurp(path);
	assert_non_null(md);
	for (line = strtok_r(csv, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[24], want[300], with[700], *at, *grown, *end;
		double n, ev;

		if (csv_split(line, f, 24) < 14 || strcmp(f[1], "all") ||
		    strcmp(f[2], "adjusted") || strcmp(f[3], "sa_years"))
			continue;
		snprintf(want, sizeof(want), "| &emsp;%s | x | ", f[4]);
		at = strstr(md, want);
		if (!at)
			continue;
		ev = strtod(at + strlen(want), &end);
		if (!strncmp(at + strlen(want), "x |", 3)) { /* events hidden too */
			end = at + strlen(want) + 1;
			ev = cohort_sa_years(out, f[4], 1);
			plant_events(out, f[4], ev);
		}
		n = cohort_sa_years(out, f[4], 0);
		if (end == at + strlen(want) || strncmp(end, " |", 2) || n <= 0)
			continue;
		snprintf(with, sizeof(with), "%s%.0f (%.2f)", want, ev, 100 * ev / n);
		grown = malloc(strlen(md) + strlen(with) + 1);
		assert_non_null(grown);
		sprintf(grown, "%.*s%s%s", (int)(at - md), md, with, end);
		free(md);
		md = grown;
		planted++;
	}
	{
		FILE *fp = fopen(path, "w");

		assert_non_null(fp);
		fputs(md, fp);
		assert_int_equal(fclose(fp), 0);
	}
	free(csv);
	free(md);
	return planted;
}

static void test_example(void **state)
{
	char out[512];
	int leaks = 0;

	(void)state;
	setup_memory();
	run_case("example5", 0, 0, 5, 0, out, sizeof(out));
	leaks += attack(out, 5);
	assert_int_equal(pct_found, 0); /* no percentage next to a hidden count */
	/* on the cohort's counts the main model table hides one level's
	 * persons (2-3, as Table 1 does) */
	assert_true(plant_percentages(out) >= 1);
	assert_true(attack(out, 5) > 0);
	assert_true(pct_found >= 1);
	run_case("example3", 0, 0, 3, 0, out, sizeof(out));
	leaks += attack(out, 3);
	assert_int_equal(leaks, 0);
}

/* persons, seed, threshold, spoiled base rows.  500/3/5 and 700/4/3 leaked before the
 * report stage audited the whole export (export_audit.c): a stratum's
 * model with as many events as "<T" levels, and Table 1 and the model
 * tables choosing their complements each on its own. */
static const int clean_cases[][4] = {
	{ 300, 1, 5, 0 }, { 300, 8, 3, 0 }, { 900, 5, 5, 0 }, { 1500, 6, 5, 0 },
	{ 1500, 7, 3, 0 }, { 500, 3, 5, 0 }, { 700, 4, 3, 0 }, { 400, 9, 5, 0 },
	{ 350, 21, 3, 0 }, { 550, 23, 3, 0 }, { 650, 24, 5, 0 },
	{ 750, 25, 3, 0 }, { 1200, 26, 5, 0 }, { 300, 27, 3, 0 }, { 500, 28, 5, 0 },
	{ 300, 30, 5, 0 }, { 350, 33, 5, 0 }, { 600, 10, 3, 0 },
	{ 1000, 11, 5, 0 }, { 800, 14, 5, 0 },
};

/* Cohorts main could not run or published no model table (issue #13):
 * 400/29/3 stopped with "count table cannot be protected" (Table 1's
 * region of 1 + 1 = 2 children: a "<3" is now shown as "x"); 250/31/5 and
 * 450/22/5 have no model table (11 and 20 events: the adjusted models do
 * not fit, the subgroup has fewer than 5 events; report.html says so). */
static const int failed_cases[][4] = {
	{ 400, 29, 3, 0 }, { 250, 31, 5, 0 }, { 450, 22, 5, 0 },
};

/* A sweep of sizes 200..1500 and seeds 40..67 at T = 3 and 5.  The flow
 * refused 200/41/5 (3 + 1 excluded) and 230/60/3 (3 + 1) before it hid the
 * extract's size (flow_hide_base in report_tables.c): their exclusions
 * summed to 4 with the extract and the cohort both published. */
static const int sweep_cases[][4] = {
	{ 200, 41, 5, 0 }, { 230, 60, 3, 0 },
	{ 200, 40, 3, 0 }, { 260, 42, 3, 0 }, { 320, 43, 5, 0 },
	{ 380, 44, 3, 0 }, { 440, 45, 5, 0 }, { 520, 46, 3, 0 },
	{ 580, 47, 5, 0 }, { 640, 48, 3, 0 }, { 720, 49, 5, 0 },
	{ 800, 50, 3, 0 }, { 880, 51, 5, 0 }, { 960, 52, 3, 0 },
	{ 1040, 53, 5, 0 }, { 1120, 54, 3, 0 }, { 1200, 55, 5, 0 },
	{ 1300, 56, 3, 0 }, { 1400, 57, 5, 0 }, { 1500, 58, 3, 0 },
	{ 210, 59, 5, 0 }, { 270, 61, 5, 0 }, { 290, 62, 3, 0 },
	{ 330, 63, 5, 0 }, { 360, 64, 3, 0 }, { 410, 65, 5, 0 },
	{ 470, 66, 3, 0 }, { 490, 67, 5, 0 },
};

/* 2 rejected base rows: the flow lost its last step (the cohort stage's
 * prefix of lost rows dropped it), and that step's exclusion, 1 (900/2)
 * or 2 (700/3), was the flow's last count minus the cohort; the rows lost
 * are the flow's first count minus the linkage table's base children. */
static const int lost_rows_cases[][4] = {
	{ 900, 2, 5, 2 }, { 700, 3, 3, 2 },
};

static void attack_cases(const int (*cases)[4], size_t n)
{
	char out[512], tag[64];
	size_t c;
	int leaks = 0;

	setup_memory();
	for (c = 0; c < n; c++) {
		snprintf(tag, sizeof(tag), "synth_%d_%d_%d_%d", cases[c][0],
			 cases[c][1], cases[c][2], cases[c][3]);
		run_case(tag, cases[c][0], cases[c][1], cases[c][2], cases[c][3], out,
			 sizeof(out));
		leaks += attack(out, cases[c][2]);
	}
	assert_int_equal(leaks, 0);
}

static void test_small_cohorts(void **state)
{
	(void)state;
	attack_cases(clean_cases, sizeof(clean_cases) / sizeof(*clean_cases));
}

static void test_failed_cohorts(void **state)
{
	(void)state;
	attack_cases(failed_cases, sizeof(failed_cases) / sizeof(*failed_cases));
}

static void test_sweep(void **state)
{
	(void)state;
	attack_cases(sweep_cases, sizeof(sweep_cases) / sizeof(*sweep_cases));
}

/* Table 1's layout options ([report] table1_*, issue #18 item 5): persons,
 * seed, threshold, and the [report] lines added to the example's config.
 * merge and hide show a small Missing exposure group merged with the group
 * protection hides with it (example at 5: "2-3 or missing"); hide keeps
 * the Missing rows and column in the tidy csv only; percent = nonmissing
 * drops a % that would narrow a hidden Missing count. */
static const struct {
	int persons, seed, thr;
	const char *report;
} option_cases[] = {
	{ 0, 0, 5, "table1_missing = merge\\ntable1_header_n = yes" },
	{ 0, 0, 3, "table1_missing = hide\\ntable1_percent = all" },
	{ 500, 3, 5, "table1_missing = merge\\ntable1_numbers = median" },
	{ 700, 4, 3, "table1_missing = hide\\ntable1_smd = no" },
	{ 300, 1, 5, "table1_missing = merge\\ntable1_p = no" },
	{ 1500, 6, 5, "table1_missing = hide\\ntable1_header_n = yes" },
};

static void test_table1_options(void **state)
{
	char out[512], tag[64], cmd[3072];
	const char *bin = getenv("KOHORT_BIN");
	size_t c;
	int leaks = 0;

	(void)state;
	setup_memory();
	for (c = 0; c < sizeof(option_cases) / sizeof(*option_cases); c++) {
		snprintf(tag, sizeof(tag), "options_%zu", c);
		run_case(tag, option_cases[c].persons, option_cases[c].seed,
			 option_cases[c].thr, 0, out, sizeof(out));
		snprintf(cmd, sizeof(cmd), "sed -i 's/^\\[report\\]$/[report]\\n%s/' "
			 "%s/../study.ini && grep -q '^table1_' %s/../study.ini && "
			 "%s run --output %s %s/../study.ini >/dev/null 2>&1",
			 option_cases[c].report, out, out, bin ? bin : "./kohort",
			 out, out);
		assert_int_equal(sh(cmd), 0);
		leaks += attack(out, option_cases[c].thr);
	}
	assert_int_equal(leaks, 0);
}

/* The cumulative incidence tables and figure ([report] cuminc_ages, issue
 * #13 x #17) in the whole export: the example at 5 and 3 and synthetic
 * cohorts, each with cuminc_ages (and a finer grid on some), no count
 * narrowed (cuminc_lines) and no estimate more precise than shown
 * (cuminc_digits_leaks). */
static const struct {
	int persons, seed, thr;
	const char *report;
} cuminc_cases[] = {
	{ 0, 0, 5, "cuminc_ages = 1, 5, 10, 15, 17.5" },
	{ 0, 0, 3, "cuminc_ages = 2, 10, 17.5\\ncuminc_step = 0.25" },
	{ 1500, 6, 5, "cuminc_ages = 1, 5, 10, 15, 17.5" },
	{ 900, 5, 5, "cuminc_ages = 5, 10, 17.5\\ncuminc_step = 0.25" },
	{ 700, 4, 3, "cuminc_ages = 1, 5, 10, 15, 17.5" },
	{ 300, 1, 5, "cuminc_ages = 5, 10, 17.5" },
	{ 200, 41, 5, "cuminc_ages = 5, 10, 17.5" },
};

/* Run case c of cuminc_cases into output/test_export_attack_cuminc_C. */
static void run_cuminc_case(size_t c, char *out, size_t size)
{
	char tag[64], cmd[3072];
	const char *bin = getenv("KOHORT_BIN");

	snprintf(tag, sizeof(tag), "cuminc_%zu", c);
	run_case(tag, cuminc_cases[c].persons, cuminc_cases[c].seed,
		 cuminc_cases[c].thr, 0, out, size);
	/* the case's own cuminc keys replace the example's */
	snprintf(cmd, sizeof(cmd), "sed -i -e '/^cuminc_\\(ages\\|step\\) *=/d' "
		 "-e 's/^\\[report\\]$/[report]\\n%s/' "
		 "%s/../study.ini && grep -q '^cuminc_ages' %s/../study.ini && "
		 "%s run --output %s %s/../study.ini >/dev/null 2>&1",
		 cuminc_cases[c].report, out, out, bin ? bin : "./kohort", out, out);
	assert_int_equal(sh(cmd), 0);
}

/* Not toothless: on the example at 5 (cuminc_cases[0]), (a) a step's
 * estimate written to full precision must be found; (b) a level whose
 * persons Table 1 hides (2-3: x, with its Missing "<5") gets a number at
 * risk at age 1 that, rounded as published, reaches above the level's
 * least possible persons: the persons are at least the children at risk,
 * so the Missing count beside them is narrowed, and must be found. */
static void plant_cuminc_leaks(void)
{
	const char *out = "output/test_export_attack_cuminc_0/out";
	char path[512], expo[96], want[200], *text, *at;
	int before, after, k, planted = 0;
	FILE *fp;

	assert_int_equal(attack(out, 5), 0);
	snprintf(path, sizeof(path), "%s/tables/cuminc_steps.csv", out);
	text = slurp(path);
	assert_non_null(text);
	at = strstr(text, ",estimate,");
	assert_non_null(at);
	at = strchr(at + 10, ',');
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "%.*s0123%s", (int)(at - text), text, at); /* 0.4 -> 0.40123 */
	fclose(fp);
	free(text);
	before = attack(out, 5);
	assert_true(before >= 1);
	/* (b): the first level whose Table 1 count is hidden */
	config_exposure(expo, sizeof(expo));
	snprintf(path, sizeof(path), "%s/tables/cuminc.csv", out);
	text = slurp(path);
	assert_non_null(text);
	for (k = 0; k < n_vars && !planted; k++) {
		const struct var *v = &vars[k];
		double shown;

		if (!is(v, "table1") || strcmp(v->term, expo) ||
		    strcmp(v->column, "Overall") || v->kind != V_HIDDEN ||
		    v->hi - v->lo < 0.5)
			continue;
		snprintf(want, sizeof(want), "\n%s,1,\"At risk, n\",n,", v->level);
		at = strstr(text, want);
		if (!at)
			continue;
		at += strlen(want);
		shown = 10 * floor((v->hi + 5) / 10); /* children >= shown - 5 */
		if (shown - 5 <= v->lo)
			continue;
		fp = fopen(path, "w");
		assert_non_null(fp);
		fprintf(fp, "%.*s%.0f%s", (int)(at - text), text, shown,
			at + strcspn(at, ","));
		fclose(fp);
		planted = 1;
	}
	free(text);
	assert_true(planted);
	after = attack(out, 5);
	assert_true(after > before);
}

static void test_cuminc(void **state)
{
	char out[512];
	size_t c;
	int leaks = 0;

	(void)state;
	setup_memory();
	for (c = 0; c < sizeof(cuminc_cases) / sizeof(*cuminc_cases); c++) {
		run_cuminc_case(c, out, sizeof(out));
		leaks += attack(out, cuminc_cases[c].thr);
		assert_true(n_cuminc > 10); /* the tables were read */
	}
	assert_int_equal(leaks, 0);
	plant_cuminc_leaks();
}

/* Time-to-event model tables (issue #13 x #17): a Cox model and a rate
 * model split by age (their persons, events, person-years and rates), and
 * a logistic model stratified by the exposure itself (each stratum's
 * table one column of Table 1 by exposure), added to the example's
 * config, the example at 5 and 3 and synthetic cohorts: no count
 * narrowed, and the run is not refused. */
static const int tte_cases[][3] = {
	{ 0, 0, 5 }, { 0, 0, 3 }, { 1500, 6, 5 }, { 700, 4, 3 },
};

static void test_time_to_event(void **state)
{
	char out[512], tag[64], cmd[3072];
	const char *bin = getenv("KOHORT_BIN");
	size_t c;
	int leaks = 0;

	(void)state;
	setup_memory();
	for (c = 0; c < sizeof(tte_cases) / sizeof(*tte_cases); c++) {
		snprintf(tag, sizeof(tag), "tte_%zu", c);
		run_case(tag, tte_cases[c][0], tte_cases[c][1], tte_cases[c][2], 0, out,
			 sizeof(out));
		snprintf(cmd, sizeof(cmd), "printf '\\n[model placement_cox_fixed]\\n"
			 "family = cox\\nexposures = sa_years, ndd, parent_psych, sex\\n"
			 "se = cluster\\n\\n[model placement_rate]\\nfamily = "
			 "poisson_rate\\nexposures = sa_years, sex\\nsplit_age = 0, 1, 5, "
			 "10, 15\\n\\n[model placement_by_sa]\\noutcome = placement\\n"
			 "exposures = ndd, "
			 "parent_psych, sex\\nstrata = sa_years\\n' >> "
			 "%s/../study.ini && %s run --output %s "
			 "%s/../study.ini >/dev/null 2>&1", out, bin ? bin : "./kohort",
			 out, out);
		assert_int_equal(sh(cmd), 0);
		leaks += attack(out, tte_cases[c][2]);
	}
	assert_int_equal(leaks, 0);
}

/* ---- every format shows the same numbers --------------------------------- */

/* The numbers of a table as each format shows them: for every body row,
 * each cell reduced to its numbers and marks ("<", and "x" for a cell that
 * is just x), cells separated by '|', rows by '\n'.  Labels reduce the
 * same way in every format, so a number one format shows and another
 * hides is a difference. */
struct grid {
	char *s;
	size_t n, cap;
};

static void gput(struct grid *g, const char *s, size_t n)
{
	if (g->n + n + 1 > g->cap) {
		g->cap = 2 * (g->n + n + 1) + 256;
		g->s = realloc(g->s, g->cap);
		assert_non_null(g->s);
	}
	memcpy(g->s + g->n, s, n);
	g->n += n;
	g->s[g->n] = '\0';
}

/* One cell's text (format escapes already turned into '<' where they
 * stand for it) reduced to numbers and marks. */
static void gcell(struct grid *g, const char *s, size_t n)
{
	size_t i = 0, a = 0, b = n;

	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	if (b - a == 1 && s[a] == 'x') {
		gput(g, "x|", 2);
		return;
	}
	for (i = a; i < b; i++) {
		if (s[i] == '<')
			gput(g, "< ", 2);
		else if (s[i] >= '0' && s[i] <= '9') {
			size_t j = i;

			while (j < b && ((s[j] >= '0' && s[j] <= '9') ||
					 (s[j] == '.' && j + 1 < b && s[j + 1] >= '0' &&
					  s[j + 1] <= '9')))
				j++;
			gput(g, s + i, j - i);
			gput(g, " ", 1);
			i = j - 1;
		}
	}
	gput(g, "|", 1);
}

/* s[0..n) with the escapes of a format for '<' made '<' and tags and other
 * entities dropped (html), into a malloc'd string. */
static char *unescape(const char *s, size_t n, int html)
{
	char *out = malloc(n + 1), *w = out;
	size_t i;

	assert_non_null(out);
	for (i = 0; i < n; i++) {
		if (html && s[i] == '<') {
			while (i < n && s[i] != '>')
				i++;
			continue;
		}
		if (html && !strncmp(s + i, "&lt;", 4)) {
			*w++ = '<';
			i += 3;
		} else if (html && s[i] == '&') {
			while (i < n && s[i] != ';')
				i++;
		} else if (!html && !strncmp(s + i, "\\textless{}", 11)) {
			*w++ = '<';
			i += 10;
		} else if (!html && !strncmp(s + i, "&lt;", 4)) { /* md */
			*w++ = '<';
			i += 3;
		} else {
			*w++ = s[i];
		}
	}
	*w = '\0';
	return out;
}

/* Split a row at separator sep not escaped by a backslash. */
static void grow(struct grid *g, const char *s, size_t n, char sep, int html)
{
	char *u = unescape(s, n, html);
	const char *p = u, *q;

	for (q = u;; q++) {
		if ((*q == sep && (q == u || q[-1] != '\\')) || !*q) {
			gcell(g, p, (size_t)(q - p));
			if (!*q)
				break;
			p = q + 1;
		}
	}
	free(u);
	gput(g, "\n", 1);
}

static void grid_md(struct grid *g, const char *text)
{
	const char *p = strstr(text, "\n|:");

	assert_non_null(p);
	p = strchr(p + 1, '\n');
	while (p && p[1] == '|') {
		const char *e = strchr(p + 1, '\n');
		size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);

		/* "| a | b |": the fields between the outer bars */
		assert_true(n >= 2);
		grow(g, p + 2, n - 2 - (p[n] == '|'), '|', 0);
		p = e;
	}
}

static void grid_tex(struct grid *g, const char *text)
{
	const char *p = strstr(text, "\\midrule\n"), *end = strstr(text, "\\bottomrule");

	assert_non_null(p);
	assert_non_null(end);
	p += strlen("\\midrule\n");
	if (strstr(text, "\\endfoot\n")) {
		/* a longtable: its head and foot come first (the head twice,
		 * before \endfirsthead and \endhead), the body after \endfoot */
		p = strstr(text, "\\endfoot\n") + strlen("\\endfoot\n");
		end = strstr(p, "\\end{longtable}");
		assert_non_null(end);
	}
	while (p < end) {
		const char *e = strchr(p, '\n');
		size_t n = (size_t)(e - p);

		if (memchr(p, '&', n)) {
			while (n && (p[n - 1] == ' ' || p[n - 1] == '\\'))
				n--; /* the row's end "\\" */
			grow(g, p, n, '&', 0);
		}
		p = e + 1;
	}
}

/* The body of the html table of that id (a fragment or report.html):
 * one grid row per <tr>, cells split at each <th or <td. */
static void grid_html(struct grid *g, const char *text, const char *id)
{
	char want[200];
	const char *p, *end;

	snprintf(want, sizeof(want), "<table class=\"kohort-table\" id=\"%s\"", id);
	p = strstr(text, want);
	assert_non_null(p);
	p = strstr(p, "<tbody>");
	end = p ? strstr(p, "</tbody>") : NULL;
	assert_true(p && end && p < end);
	while ((p = strstr(p, "<tr")) && p < end) {
		const char *e = strstr(p, "</tr>");
		struct grid row = { 0 };
		const char *c = p + 3;

		assert_non_null(e);
		/* cells: from one "<t[hd]" to the next */
		while ((c = strstr(c, "<t")) && c < e) {
			const char *next = c + 2, *close;
			char *u;

			if (c[2] != 'h' && c[2] != 'd') {
				c += 2;
				continue;
			}
			close = strchr(c, '>');
			assert_non_null(close);
			while ((next = strstr(next, "<t")) && next < e &&
			       next[2] != 'h' && next[2] != 'd')
				next += 2;
			if (!next || next > e)
				next = e;
			u = unescape(close + 1, (size_t)(next - close - 1), 1);
			gcell(&row, u, strlen(u));
			free(u);
			c = next;
		}
		if (row.s)
			gput(g, row.s, row.n);
		gput(g, "\n", 1);
		free(row.s);
		p = e;
	}
}

/* The first row where grid b (format what) differs from md's, printed;
 * 1 if there is one. */
static int differs(const char *out, const char *name, const char *what,
		   const char *a, const char *b)
{
	int row = 1;

	while (*a && *a == *b) {
		row += *a == '\n';
		a++;
		b++;
	}
	if (!*a && !*b)
		return 0;
	print_error("%s/%s: %s differs from md in body row %d:\nmd:   %.*s\n"
		    "%s: %.*s\n", out, name, what, row, (int)strcspn(a, "\n"), a,
		    what, (int)strcspn(b, "\n"), b);
	return 1;
}

/* md, tex, the html fragment and report.html of every table of dir show
 * the same numbers cell by cell: *bad counts the tables and formats that
 * do not; returns the cells compared. */
static int formats_agree(const char *out, int *bad)
{
	char path[512], *md, *tex, *html, *report;
	struct dirent *de;
	DIR *d;
	int tables = 0, cells = 0;

	snprintf(path, sizeof(path), "%s/report.html", out);
	report = slurp(path);
	assert_non_null(report);
	snprintf(path, sizeof(path), "%s/tables", out);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t m = strlen(de->d_name);
		char name[256];
		struct grid gm = { 0 }, gt = { 0 }, gh = { 0 }, gr = { 0 };
		size_t i;

		if (m < 4 || strcmp(de->d_name + m - 3, ".md"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(m - 3), de->d_name);
		snprintf(path, sizeof(path), "%s/tables/%s.md", out, name);
		md = slurp(path);
		snprintf(path, sizeof(path), "%s/tables/%s.tex", out, name);
		tex = slurp(path);
		snprintf(path, sizeof(path), "%s/tables/%s.html", out, name);
		html = slurp(path);
		assert_true(md && tex && html);
		grid_md(&gm, md);
		grid_tex(&gt, tex);
		grid_html(&gh, html, name);
		*bad += differs(out, name, "tex", gm.s, gt.s);
		*bad += differs(out, name, "html", gm.s, gh.s);
		/* the steps of the cumulative-incidence curves are the
		 * figure's, in report.html as the figure only */
		if (strcmp(name, "cuminc_steps")) {
			grid_html(&gr, report, name);
			*bad += differs(out, name, "report.html", gm.s, gr.s);
		}
		for (i = 0; i < gm.n; i++)
			cells += gm.s[i] == '|';
		free(gm.s);
		free(gt.s);
		free(gh.s);
		free(gr.s);
		free(md);
		free(tex);
		free(html);
		tables++;
	}
	closedir(d);
	free(report);
	assert_true(tables >= 8);
	return cells;
}

/* ---- the csv against the md ---------------------------------------------- */

/* The cells of one md row (between the outer bars, split at unescaped
 * bars), trimmed, backslashes and "&emsp;" dropped; returns how many. */
static int md_cells(const char *line, size_t n, char cells[][200], int max)
{
	int k = 0;
	size_t i = 0;

	if (n && line[0] == '|')
		i = 1;
	while (i < n && k < max) {
		char *w = cells[k];
		size_t m = 0;

		while (i < n && !(line[i] == '|' && line[i - 1] != '\\')) {
			if (!strncmp(line + i, "&emsp;", 6)) {
				i += 6;
				continue;
			}
			if (line[i] != '\\' && m < 199)
				w[m++] = line[i];
			i++;
		}
		while (m && w[m - 1] == ' ')
			m--;
		w[m] = '\0';
		memmove(w, w + strspn(w, " "), strlen(w + strspn(w, " ")) + 1);
		k++;
		i++; /* the bar */
	}
	return k;
}

/* "x", "<T", or a whole number, alone or before " (": a count cell (a
 * mean has a decimal point, a median (IQR) or a CI a dash). */
static int count_like(const char *c)
{
	size_t d = strspn(c, "0123456789");

	if (!strcmp(c, "x") || c[0] == '<')
		return 1;
	/* a median of whole numbers, "3530 (3170–3890)", is no count */
	if (strstr(c, "\xe2\x80\x93") || strstr(c, " to "))
		return 0;
	return d > 0 && (c[d] == '\0' || c[d] == ' ');
}

/* Every count of a long-layout csv (statistic n) is what the md shows in
 * that row and column: the number (the first of an "n (%)"), "x" for
 * "suppressed", "<T" for "<T".  Rows are matched in order: a csv row's
 * (term, level) is the next md row with a count in that column.
 * Returns the counts compared; *bad counts mismatches (printed). */
static int csv_matches_md(const char *out, const char *table, int *bad)
{
	static char head[32][200], cells[32][200];
	char path[512], *csv, *md, *line, *save = NULL, *p;
	char term[200] = "", level[200] = "";
	const char *row = NULL;
	int nhead, compared = 0, first = 1, col = -1;

	snprintf(path, sizeof(path), "%s/tables/%s.md", out, table);
	md = slurp(path);
	snprintf(path, sizeof(path), "%s/tables/%s.csv", out, table);
	csv = slurp(path);
	if (!md || !csv) {
		free(md);
		free(csv);
		return 0;
	}
	p = strstr(md, "\n|:");
	assert_non_null(p);
	{
		char *h = p;

		while (h > md && h[-1] != '\n')
			h--;
		h = p - 1;
		while (h > md && h[-1] != '\n')
			h--;
		nhead = md_cells(h, (size_t)(p - h), head, 32);
	}
	row = strchr(p + 1, '\n');
	for (line = strtok_r(csv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[8], want[220];
		int c, same_row;

		if (first) {
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "n"))
			continue;
		for (c = 0, col = -1; c < nhead; c++)
			if (!strcmp(head[c], f[2]))
				col = c;
		if (col < 0)
			fail_msg("%s/%s: csv column '%s' is not an md column", out, table,
				 f[2]);
		same_row = !strcmp(term, f[0]) && !strcmp(level, f[1]);
		if (!same_row) {
			/* the next md row with something in this column */
			snprintf(term, sizeof(term), "%s", f[0]);
			snprintf(level, sizeof(level), "%s", f[1]);
			for (;;) {
				const char *e;

				assert_true(row && row[1] == '|');
				e = strchr(row + 1, '\n');
				row++;
				md_cells(row, e ? (size_t)(e - row) : strlen(row), cells, 32);
				if (count_like(cells[col])) {
					row = e;
					break;
				}
				row = e;
			}
		}
		if (*f[5])
			snprintf(want, sizeof(want), "%s",
				 f[5][0] == '<' ? f[5] : "x");
		else
			snprintf(want, sizeof(want), "%s", f[4]);
		if (strcmp(want, cells[col]) &&
		    (*f[5] || strncmp(cells[col], want, strlen(want)) ||
		     cells[col][strlen(want)] != ' ')) {
			print_error("%s/%s: csv %s / %s / %s is '%s', md shows '%s'\n", out,
				    table, f[0], f[1], f[2], want, cells[col]);
			(*bad)++;
		}
		compared++;
	}
	free(md);
	free(csv);
	return compared;
}

/* ---- the workbook against the md ------------------------------------------ */

/* A member of dir/tables/tables.xlsx (unzip -p), malloc'd. */
static char *xlsx_member(const char *out, const char *member)
{
	char cmd[1024];
	FILE *fp;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	snprintf(cmd, sizeof(cmd), "unzip -p %s/tables/tables.xlsx %s", out, member);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	do {
		if (n + 65536 + 1 > cap) {
			cap = 2 * cap + 65536 + 1;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, 65536, fp);
		n += got;
	} while (got > 0);
	pclose(fp);
	buf[n] = '\0';
	return n ? buf : (free(buf), NULL);
}

/* The number of decimals of a plain number s ("21.6": 1); -1 if s is not
 * one number. */
static int decimals(const char *s)
{
	size_t d = strspn(s, "0123456789");
	const char *dot = s + d;

	if (!d)
		return -1;
	if (!*dot)
		return 0;
	if (*dot != '.' || !dot[1] || dot[1 + strspn(dot + 1, "0123456789")])
		return -1;
	return (int)strlen(dot + 1);
}

/* Sheet `sheet` (1-based) of the workbook shows the md's numbers: string
 * cells reduce to the same numbers and marks, a numeric cell is the md's
 * number (a count exactly; a rounded statistic within half its last
 * digit; "<0.001" below 0.001).  Returns the cells compared; *bad counts
 * the sheets that differ (printed). */
static int xlsx_matches_md(const char *out, const char *table, int sheet,
			   char **sst, int nsst, int *bad)
{
	static char cells[64][200], head[64][200];
	int nhead;
	char path[512], member[64], *md, *xml;
	struct grid gm = { 0 }, gx = { 0 };
	const char *row;
	int body = -1, r, compared = 0;

	snprintf(path, sizeof(path), "%s/tables/%s.md", out, table);
	md = slurp(path);
	assert_non_null(md);
	snprintf(member, sizeof(member), "xl/worksheets/sheet%d.xml", sheet);
	xml = xlsx_member(out, member);
	assert_non_null(xml);
	/* the body starts after the row whose column A is the stub header */
	for (r = 3; r < 7 && body < 0; r++) {
		char want[32];

		snprintf(want, sizeof(want), "<c r=\"A%d\"", r);
		if (strstr(xml, want))
			body = r + 1;
	}
	assert_true(body > 0);
	{
		const char *h = strstr(md, "\n|");

		assert_non_null(h);
		nhead = md_cells(h + 1, strcspn(h + 1, "\n"), head, 64);
	}
	row = strchr(strstr(md, "\n|:") + 1, '\n');
	for (r = body; row && row[1] == '|'; r++) {
		const char *e = strchr(row + 1, '\n');
		int nc = md_cells(row + 1, e ? (size_t)(e - row - 1) : strlen(row + 1),
				  cells, 64), c;
		char want[32], *rs, *re;
		/* a number's row is followed by its "Mean (SD)": its SMD and
		 * p are of means; any other SMD and p of Table 1 are of counts
		 * (docs/outputs.md, "Counts-derived statistics") */
		int counts_only = !strncmp(table, "table1", 6) && e &&
				  strncmp(e + 1 + strspn(e + 1, "| "),
					  "&emsp;Mean (SD)", 15) != 0;

		snprintf(want, sizeof(want), "<row r=\"%d\"", r);
		rs = strstr(xml, want);
		re = rs ? strstr(rs, "</row>") : NULL;
		for (c = 0; c < nc; c++) {
			char ref[40], *cs, *v = NULL, *tag;

			gcell(&gm, cells[c], strlen(cells[c]));
			snprintf(ref, sizeof(ref), "<c r=\"%c%d\"", 'A' + c, r);
			cs = rs ? strstr(rs, ref) : NULL;
			tag = cs && cs < re ? strchr(cs, '>') : NULL;
			if (tag && tag[-1] != '/')
				v = strstr(cs, "<v>");
			if (!v || v > strstr(cs, "</c>")) {
				gput(&gx, "|", 1); /* empty */
				continue;
			}
			if (strstr(cs, "t=\"s\"") && strstr(cs, "t=\"s\"") < v) {
				int k = atoi(v + 3);
				char *u;

				assert_true(k >= 0 && k < nsst);
				u = unescape(sst[k], strlen(sst[k]), 1);
				gcell(&gx, u, strlen(u));
				free(u);
			} else {
				double x = strtod(v + 3, NULL), m;
				int d = decimals(cells[c]);

				if (counts_only && c < nhead &&
				    (!strcmp(head[c], "SMD") || !strcmp(head[c], "p")) &&
				    d >= 0 &&
				    (int)strcspn(v + 3, "<") - (int)strcspn(v + 3, ".") - 1 > d) {
					(*bad)++;
					print_error("%s: %s.xlsx row %d: the %s %.*s has more "
						    "decimals than the %s shown\n", out, table, r,
						    head[c], (int)strcspn(v + 3, "<"), v + 3,
						    cells[c]);
				}

				m = d >= 0 ? strtod(cells[c], NULL) : 0;
				if ((d >= 0 && fabs(x - m) <= 0.5 * pow(10, -d) + 1e-9) ||
				    (!strcmp(cells[c], "<0.001") && x < 0.001))
					gcell(&gx, cells[c], strlen(cells[c]));
				else {
					char num[64];

					snprintf(num, sizeof(num), "%.17g", x);
					gcell(&gx, num, strlen(num));
				}
			}
			compared++;
		}
		gput(&gm, "\n", 1);
		gput(&gx, "\n", 1);
		row = e;
	}
	*bad += differs(out, table, "xlsx", gm.s, gx.s);
	free(gm.s);
	free(gx.s);
	free(md);
	free(xml);
	return compared;
}

/* Every sheet of the workbook against its table's md. */
static int xlsx_agrees(const char *out, int *bad)
{
	char *wb = xlsx_member(out, "xl/workbook.xml");
	char *sst = xlsx_member(out, "xl/sharedStrings.xml");
	char **str = NULL, *p;
	int nstr = 0, sheet = 0, compared = 0;

	assert_true(wb && sst);
	for (p = sst; (p = strstr(p, "<si>")); p += 4) {
		char *e = strstr(p, "</si>");

		assert_non_null(e);
		*e = '\0';
		str = realloc(str, sizeof(*str) * (size_t)(nstr + 1));
		assert_non_null(str);
		str[nstr++] = p + 4;
		p = e;
	}
	for (p = wb; (p = strstr(p, "<sheet name=\"")); ) {
		char name[64];

		p += strlen("<sheet name=\"");
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(p, "\""), p);
		compared += xlsx_matches_md(out, name, ++sheet, str, nstr, bad);
	}
	assert_true(sheet >= 8);
	free(str);
	free(wb);
	free(sst);
	return compared;
}

/* ---- the figures and report.html ------------------------------------------ */

/* One <text> of a figure's SVG (figure.c writes every text as one): its
 * baseline y, whether it is anchored at its end (a right-aligned value)
 * and its text with the XML escapes undone. */
struct svg_text {
	double y;
	int end;
	char s[400];
};

#define MAX_SVG_TEXTS 4000

static void xml_unescape(const char *s, size_t n, char *out, size_t size)
{
	static const char *const ent[][2] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	size_t i = 0, m = 0, k;

	while (i < n && m + 1 < size) {
		for (k = 0; k < 5; k++)
			if (!strncmp(s + i, ent[k][0], strlen(ent[k][0])))
				break;
		if (k < 5) {
			out[m++] = ent[k][1][0];
			i += strlen(ent[k][0]);
		} else {
			out[m++] = s[i++];
		}
	}
	out[m] = '\0';
}

/* The texts of the SVG in [p, end), in document order. */
static int svg_texts(const char *p, const char *end, struct svg_text *out,
		     int max)
{
	int n = 0;

	while ((p = strstr(p, "<text ")) && p < end) {
		const char *gt = strchr(p, '>'), *close = strstr(p, "</text>");
		const char *y = strstr(p, " y=\""), *anchor;

		assert_true(n < max);
		assert_non_null(gt);
		assert_non_null(close);
		anchor = strstr(p, "text-anchor=\"end\"");
		out[n].y = y && y < gt ? strtod(y + 4, NULL) : -1;
		out[n].end = anchor && anchor < gt;
		xml_unescape(gt + 1, (size_t)(close - gt - 1), out[n].s,
			     sizeof(out[n].s));
		n++;
		p = close;
	}
	return n;
}

/* A figure's count text as the flow diagram writes it: "n = 1234" (*value
 * set), "n < T", "n suppressed"; -1 for any other text. */
static int figure_count(const char *s, double *value)
{
	char digits[64];
	size_t m = 0;

	if (!strncmp(s, "n = ", 4)) {
		for (s += 4; *s && m + 1 < sizeof(digits); s++)
			if (*s >= '0' && *s <= '9')
				digits[m++] = *s;
			else
				assert_true(*s == ',' || *s == ' ' || (unsigned char)*s >= 0x80);
		digits[m] = '\0';
		assert_true(m > 0);
		*value = strtod(digits, NULL);
		return V_SHOWN;
	}
	if (!strncmp(s, "n < ", 4))
		return V_SMALL;
	if (!strcmp(s, "n suppressed"))
		return V_HIDDEN;
	return -1;
}

/* The flow diagram in [svg, end) (the figure file, or report.html's copy;
 * what names it): every count of a box is a variable, the same count as
 * the flow table's cell of that step (boxes in the order drawn: the first
 * step's, then for each later step its exclusion and its remaining).  A
 * box showing a count the table hides gives it back; a "<T" where the
 * table shows "x" puts back the lower bound the audit took away.  Returns
 * the counts read. */
static int flow_figure_lines(const char *what, const char *svg,
			     const char *end)
{
	static struct svg_text tx[MAX_SVG_TEXTS];
	int rem[256], nstep = 0, i, k, n, counts = 0;

	for (i = 0; i < n_vars; i++)
		if (is(&vars[i], "cohort_flow") &&
		    !strcmp(vars[i].column, "Remaining")) {
			assert_true(nstep < 256);
			rem[nstep++] = i;
		}
	assert_true(nstep > 1);
	n = svg_texts(svg, end, tx, MAX_SVG_TEXTS);
	for (k = 0; k < n; k++) {
		double value = 0;
		int kind = figure_count(tx[k].s, &value), step, cell, fig;
		const char *col;

		if (kind < 0)
			continue;
		step = (counts + 1) / 2;
		col = counts % 2 ? "Excluded" : "Remaining";
		assert_true(step < nstep);
		cell = counts % 2 ? find("cohort_flow", vars[rem[step]].term, "",
					 "Excluded")
				  : rem[step];
		assert_true(cell >= 0);
		fig = add_var(what, vars[rem[step]].term, "", col,
			      (enum vkind)kind, value);
		equal2(cell, fig);
		counts++;
	}
	if (counts != 2 * nstep - 1)
		fail_msg("%s: %s shows %d counts for a flow of %d steps", dir, what,
			 counts, nstep);
	return counts;
}

/* The rows of a model table's md: label and the cells. */
struct md_row {
	char cell[16][200];
	int n;
};

/* A forest plot in [svg, end) against the md of its model table: each
 * drawn row (a label and, on its baseline, a right-aligned estimate) is
 * the next md row with that label, and shows exactly what the table's
 * adjusted estimate column shows there (a hidden row is not drawn; the
 * figure's estimates are the table's, to the digits shown).  Returns the
 * estimates compared; *bad counts rows that differ (printed). */
static int forest_matches_md(const char *what, const char *table,
			     const char *svg, const char *end, int *bad)
{
	static struct svg_text tx[MAX_SVG_TEXTS];
	static struct md_row rows[600];
	char path[512], *md, *line, *save = NULL, want[300];
	int n, nrow = 0, k, col = -1, next = 0, compared = 0, r;

	snprintf(path, sizeof(path), "%s/tables/%s.md", dir, table);
	md = slurp(path);
	assert_non_null(md);
	for (line = strtok_r(md, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != '|' || !strncmp(line, "|:", 2))
			continue;
		assert_true(nrow < 600);
		rows[nrow].n = md_cells(line, strlen(line), rows[nrow].cell, 16);
		nrow++;
	}
	free(md);
	n = svg_texts(svg, end, tx, MAX_SVG_TEXTS);
	/* the estimate header: the first right-aligned text */
	for (k = 0; k < n && !tx[k].end; k++)
		;
	assert_true(k < n && nrow > 1);
	snprintf(want, sizeof(want), "Adjusted: %s", tx[k].s);
	for (r = 0; r < rows[0].n; r++)
		if (!strcmp(rows[0].cell[r], want))
			col = r;
	if (col < 0)
		fail_msg("%s: %s: no md column \"%s\"", dir, what, want);
	for (k++; k + 1 < n; k++) {
		if (tx[k].end || !tx[k + 1].end || tx[k + 1].y != tx[k].y)
			continue; /* a heading, a tick, the axis label */
		for (r = next > 0 ? next : 1; r < nrow; r++)
			if (!strcmp(rows[r].cell[0], tx[k].s))
				break;
		if (r == nrow || col >= rows[r].n ||
		    strcmp(rows[r].cell[col], tx[k + 1].s)) {
			(*bad)++;
			print_error("%s: %s draws \"%s\" as \"%s\", the table shows "
				    "\"%s\"\n", dir, what, tx[k].s, tx[k + 1].s,
				    r < nrow && col < rows[r].n ? rows[r].cell[col]
							       : "(no such row)");
		}
		if (r < nrow)
			next = r + 1;
		compared++;
		k++;
	}
	return compared;
}

/* [*start, *end) of the element <figure id="figure-ID"> in html. */
static int html_figure(const char *html, const char *id, const char **start,
		       const char **end)
{
	char want[300];

	snprintf(want, sizeof(want), "<figure id=\"figure-%s\">", id);
	*start = strstr(html, want);
	if (!*start)
		return 0;
	*end = strstr(*start, "</figure>");
	assert_non_null(*end);
	return 1;
}

/* Every number the figures publish (each figures/NAME.svg; the pdf and png are
 * drawn by the same code from the same rows) and report.html's copies of
 * them, and the cohort size its methods text states: the flow diagram's
 * counts join the relations (flow_figure_lines), the forest plots must
 * show what their tables show (forest_matches_md).  Returns the rows that
 * differ (printed); *counts the numbers read. */
static int figure_lines(int *counts)
{
	char path[512], *svg, *html, *p;
	const char *s, *e;
	struct dirent *de;
	DIR *d;
	int bad = 0, forests = 0;

	*counts = 0;
	snprintf(path, sizeof(path), "%s/figures/cohort_flow.svg", dir);
	svg = slurp(path);
	assert_non_null(svg);
	*counts += flow_figure_lines("figure:cohort_flow", svg, svg + strlen(svg));
	free(svg);
	snprintf(path, sizeof(path), "%s/report.html", dir);
	html = slurp(path);
	assert_non_null(html);
	assert_true(html_figure(html, "cohort-flow", &s, &e));
	*counts += flow_figure_lines("report.html:cohort_flow", s, e);
	snprintf(path, sizeof(path), "%s/figures", dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		char name[256];
		size_t m = strlen(de->d_name);

		if (strncmp(de->d_name, "model_", 6) || m < 5 ||
		    strcmp(de->d_name + m - 4, ".svg"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(m - 4), de->d_name);
		snprintf(path, sizeof(path), "%s/figures/%s", dir, de->d_name);
		svg = slurp(path);
		assert_non_null(svg);
		*counts += forest_matches_md(de->d_name, name, svg, svg + strlen(svg),
					     &bad);
		free(svg);
		assert_true(html_figure(html, name, &s, &e));
		*counts += forest_matches_md("report.html", name, s, e, &bad);
		forests++;
	}
	closedir(d);
	/* forest plots; none without a model table (250/31/5) */
	assert_true(forests > 0 || n_models == 0);
	/* "The final cohort has N persons": Table 1's persons */
	p = strstr(html, "The final cohort has ");
	assert_non_null(p);
	equal2(find("table1", "persons", "", "Overall"),
	       add_var("report.html", "methods", "", "final cohort", V_SHOWN,
		       strtod(p + strlen("The final cohort has "), NULL)));
	free(html);
	return bad;
}

/* The attacker reads the csv (and md for the model's persons): md, tex,
 * html, report.html and the workbook must show the very same numbers and
 * marks, cell by cell, and the long csvs' counts must be the md's, on the
 * example at 5 and a small cohort at 3. */
static void test_formats_show_the_same(void **state)
{
	char out[512], cmd[1400];
	int cells, bad = 0;

	(void)state;
	run_case("formats5", 0, 0, 5, 0, out, sizeof(out));
	cells = formats_agree(out, &bad);
	run_case("formats_700_4_3", 700, 4, 3, 0, out, sizeof(out));
	cells += formats_agree(out, &bad);
	assert_true(cells > 1000);
	assert_int_equal(bad, 0);
	{
		static const char *const long_tables[] = {
			"cohort_flow", "table1", "table1_exposure", "regional",
			"parent_linkage",
		};
		const char *outs[2] = { "output/test_export_attack_formats5/out", out };
		int k, o, counts = 0;

		for (o = 0; o < 2; o++)
			for (k = 0; k < 5; k++)
				counts += csv_matches_md(outs[o], long_tables[k], &bad);
		assert_int_equal(bad, 0);
		assert_true(counts > 500);
		for (o = 0, counts = 0; o < 2; o++)
			counts += xlsx_agrees(outs[o], &bad);
		assert_int_equal(bad, 0);
		assert_true(counts > 1000);
	}
	/* not toothless: a tex that shows a count the others hide (its first
	 * "x" written 7) is found */
	snprintf(cmd, sizeof(cmd), "sed -i '0,/ & x / s// \\& 7 /' %s/tables/table1.tex && "
		 "grep -q ' & 7 ' %s/tables/table1.tex", out, out);
	assert_int_equal(sh(cmd), 0);
	formats_agree(out, &bad);
	assert_int_equal(bad, 1);
	/* and a csv that shows a count the md hides */
	snprintf(cmd, sizeof(cmd), "sed -i '0,/,n,,suppressed$/ s//,n,7,/' "
		 "%s/tables/table1.csv && grep -q ',n,7,$' %s/tables/table1.csv",
		 out, out);
	assert_int_equal(sh(cmd), 0);
	bad = 0;
	csv_matches_md(out, "table1", &bad);
	assert_int_equal(bad, 1);
	/* and a workbook that differs from the md (here the md's first "x"
	 * written 7: the comparison is symmetric) */
	snprintf(cmd, sizeof(cmd), "sed -i '0,/| x |/ s//| 7 |/' %s/tables/table1.md "
		 "&& grep -q '| 7 |' %s/tables/table1.md", out, out);
	assert_int_equal(sh(cmd), 0);
	bad = 0;
	xlsx_agrees(out, &bad);
	assert_int_equal(bad, 1);
}

static void test_lost_base_rows(void **state)
{
	(void)state;
	attack_cases(lost_rows_cases,
		     sizeof(lost_rows_cases) / sizeof(*lost_rows_cases));
}

/* Not toothless: take a point the published numbers allow (the LP's
 * first solution), publish one hidden Table 1 cell that shares a line with
 * a "<T" cell and nothing else hidden, with its value at that point: the
 * attacker must pin the small count.  And an unpublished difference made
 * public the same way (a model level's persons next to a cohort count). */
static void test_finds_a_planted_leak(void **state)
{
	char out[512];
	double *point = malloc(sizeof(double) * MAXV);
	int j, k, leaks, before, planted = -1;

	(void)state;
	assert_non_null(point);
	setup_memory();
	run_case("synth_300_1_5", 300, 1, 5, 0, out, sizeof(out));
	dir = out;
	T = 5;
	model_export();
	solve(&before, 1, point);
	for (j = 0; j < n_lines && planted < 0; j++) {
		int small = -1, other = -1, hidden = 0;

		for (k = 0; k < lines[j].n; k++) {
			const struct var *v = &vars[lines[j].v[k]];

			if (v->kind == V_SHOWN)
				continue;
			hidden++;
			if (v->kind == V_SMALL && small < 0)
				small = lines[j].v[k];
			else
				other = lines[j].v[k];
		}
		if (hidden == 2 && small >= 0 && other >= 0 &&
		    vars[other].kind == V_HIDDEN) {
			planted = other;
			vars[other].kind = V_SHOWN;
			vars[other].value = point[other];
		}
	}
	assert_true(planted >= 0);
	solve(&leaks, 1, NULL);
	assert_true(leaks > before);
	free(point);
}

/* Not toothless about the figures: the flow diagram of a small cohort
 * shows one count its table hides ("n suppressed" made the true count,
 * read from internal/flow.csv), and the attacker must pin a small count;
 * then a forest plot draws an estimate the table does not show, and the
 * attacker must count it. */
static void test_finds_a_figure_leak(void **state)
{
	char out[512], path[1000], *svg, *p, *flow, *line;
	double excluded;
	int before, after;
	FILE *fp;
	struct dirent *de;
	DIR *d;

	(void)state;
	setup_memory();
	run_case("figure_300_1_5", 300, 1, 5, 0, out, sizeof(out));
	assert_int_equal(attack(out, 5), 0);
	/* the first hidden box is the second step's exclusion (its table
	 * cell is "x"): internal/flow.csv, inside-only, has its count */
	snprintf(path, sizeof(path), "%s/internal/flow.csv", out);
	flow = slurp(path);
	assert_non_null(flow);
	line = strchr(strchr(flow, '\n') + 1, '\n') + 1; /* the second step */
	excluded = strtod(strrchr(strtok(line, "\n"), ',') + 1, NULL);
	free(flow);
	snprintf(path, sizeof(path), "%s/figures/cohort_flow.svg", out);
	svg = slurp(path);
	assert_non_null(svg);
	p = strstr(svg, ">n suppressed<");
	assert_non_null(p);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fprintf(fp, "%.*s>n = %.0f<%s", (int)(p - svg), svg, excluded,
		p + strlen(">n suppressed<"));
	fclose(fp);
	free(svg);
	before = attack(out, 5);
	assert_true(before > 0);
	/* a forest plot's first estimate one digit off */
	snprintf(path, sizeof(path), "%s/figures", out);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d)) && strncmp(de->d_name, "model_", 6))
		;
	assert_non_null(de);
	snprintf(path, sizeof(path), "%s/figures/%s", out, de->d_name);
	closedir(d);
	svg = slurp(path);
	assert_non_null(svg);
	p = strstr(strstr(strstr(svg, "text-anchor=\"end\"") + 1,
			  "text-anchor=\"end\""), ">") + 1; /* the first row's */
	assert_true(*p >= '0' && *p <= '9');
	*p = *p == '1' ? '2' : '1';
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(svg, fp);
	fclose(fp);
	free(svg);
	after = attack(out, 5);
	assert_int_equal(after, before + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_a_planted_leak),
		cmocka_unit_test(test_finds_a_figure_leak),
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_small_cohorts),
		cmocka_unit_test(test_failed_cohorts),
		cmocka_unit_test(test_sweep),
		cmocka_unit_test(test_table1_options),
		cmocka_unit_test(test_lost_base_rows),
		cmocka_unit_test(test_cuminc),
		cmocka_unit_test(test_time_to_event),
		cmocka_unit_test(test_formats_show_the_same),
	};
	int rc;

	if (getenv("KO_TEST_FILTER")) /* while iterating: one test */
		cmocka_set_test_filter(getenv("KO_TEST_FILTER"));
	rc = cmocka_run_group_tests(tests, NULL, NULL);

	free(vars);
	free(lines);
	return rc;
}
