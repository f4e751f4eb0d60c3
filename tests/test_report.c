/* test_report.c - the report stage end to end.
 *
 * Runs `kohort run config/example.ini` ($KOHORT_BIN) on sample-data/ three
 * times (twice into one folder, once into another) and checks:
 *   - every table in every format, the workbook, the suppression log, the
 *     flow diagram (svg, pdf, png) and report.html exist and the manifest
 *     lists them;
 *   - reruns give byte-identical files (and a different folder the same
 *     bytes: no paths or times inside);
 *   - disclosure: no count from 1 to T-1 in any cell of any csv, md, html
 *     or tex table or in report.html; percentages of a hidden count and
 *     columns/rows of a hidden group size are hidden; and an attacker
 *     written here, independently of pipeline/report/disclosure.c, who knows every
 *     published count of every table, the sums each table implies (rows to
 *     Overall, levels to group sizes, regions to All, link outcomes to all
 *     children, the flow chain) and the identities between tables (cohort
 *     size, base size), and that "<T" is in [1, T-1] and "x" >= 0,
 *     propagates bounds until nothing changes: no suppressed count may be
 *     pinned to one value;
 *   - report.html opens in headless Chromium (Debian chromium; missing
 *     chromium is a failure, not a skip) without console errors, with every
 *     table and the flow figure in its DOM; a screenshot is saved to
 *     output/report_screenshot.png.
 */
#include "ko_test.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "lang.h"
#include "report.h"

#define OUT1 "output/test_report_1"
#define OUT2 "output/test_report_2"
#define T 5 /* the example's disclosure threshold */

#define EN_DASH "\xe2\x80\x93"

static const char *const tables[] = {
	"cohort_flow", "table1", "table1_exposure", "regional", "parent_linkage",
};
/* the example's models: placement, placement_ndd, placement_by_sex,
 * placement_cox */
static const char *const model_tables[] = {
	"model_placement", "model_placement_ndd", "model_placement_by_sex_sex_1",
	"model_placement_by_sex_sex_2", "model_placement_cox",
};
#define N_MODEL_TABLES (sizeof(model_tables) / sizeof(*model_tables))
#define N_TABLES (sizeof(tables) / sizeof(*tables))
static const char *const exts[] = { "csv", "md", "html", "tex" };

static char *slurp_n(const char *path, size_t *len)
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
	if (len)
		*len = (size_t)n;
	return buf;
}

static int sh(const char *cmd)
{
	int rc = system(cmd);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void run_study(const char *out)
{
	const char *bin = getenv("KOHORT_BIN");
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s run --output %s config/example.ini "
		 ">/dev/null", bin ? bin : "./kohort", out);
	assert_int_equal(sh(cmd), 0);
}

/* Every output file of the report stage, relative to the folder. */
static int outputs(char names[][64], int max)
{
	int n = 0;
	size_t t, e;

	for (t = 0; t < N_TABLES; t++)
		for (e = 0; e < 4; e++)
			snprintf(names[n++], 64, "tables/%s.%s", tables[t], exts[e]);
	for (t = 0; t < N_MODEL_TABLES; t++) {
		for (e = 0; e < 4; e++)
			snprintf(names[n++], 64, "tables/%s.%s", model_tables[t],
				 exts[e]);
		snprintf(names[n++], 64, "figures/%s.svg", model_tables[t]);
		snprintf(names[n++], 64, "figures/%s.pdf", model_tables[t]);
		snprintf(names[n++], 64, "figures/%s.png", model_tables[t]);
	}
	snprintf(names[n++], 64, "tables/tables.xlsx");
	snprintf(names[n++], 64, "tables/suppression.csv");
	snprintf(names[n++], 64, "figures/cohort_flow.svg");
	snprintf(names[n++], 64, "figures/cohort_flow.pdf");
	snprintf(names[n++], 64, "figures/cohort_flow.png");
	for (e = 0; e < 4; e++) { /* [report] cuminc_ages */
		snprintf(names[n++], 64, "tables/cuminc.%s", exts[e]);
		snprintf(names[n++], 64, "tables/cuminc_steps.%s", exts[e]);
	}
	snprintf(names[n++], 64, "figures/cuminc.svg");
	snprintf(names[n++], 64, "figures/cuminc.pdf");
	snprintf(names[n++], 64, "figures/cuminc.png");
	snprintf(names[n++], 64, "report.html");
	assert_true(n <= max);
	return n;
}

static int setup(void **state)
{
	(void)state;
	if (sh("rm -rf " OUT1 " " OUT2))
		return -1;
	return 0;
}

static void test_outputs_and_manifest(void **state)
{
	char names[128][64], path[256], *manifest;
	int n = outputs(names, 128), i;
	struct stat st;

	(void)state;
	run_study(OUT1);
	manifest = slurp_n(OUT1 "/manifest.json", NULL);
	assert_non_null(manifest);
	for (i = 0; i < n; i++) {
		char quoted[80];

		snprintf(path, sizeof(path), "%s/%.63s", OUT1, names[i]);
		if (stat(path, &st) || st.st_size < 100)
			fail_msg("%s missing or too small", path);
		snprintf(quoted, sizeof(quoted), "\"%.63s\"", names[i]);
		if (!strstr(manifest, quoted))
			fail_msg("manifest does not list %s", names[i]);
	}
	free(manifest);
	/* kohort verify agrees with the manifest */
	{
		const char *bin = getenv("KOHORT_BIN");
		char cmd[512];

		snprintf(cmd, sizeof(cmd), "%s verify %s >/dev/null",
			 bin ? bin : "./kohort", OUT1);
		assert_int_equal(sh(cmd), 0);
	}
}

/* The example's placement model asks for effect = rr: its table carries
 * the adjusted modified-Poisson risk ratios of models/placement.csv. */
static void test_model_table_risk_ratios(void **state)
{
	char *tab, *mod, *line;
	double rr_table = NAN, rr_model = NAN;

	(void)state;
	tab = slurp_n(OUT1 "/tables/model_placement.csv", NULL);
	mod = slurp_n(OUT1 "/models/placement.csv", NULL);
	assert_non_null(tab);
	assert_non_null(mod);
	line = strstr(tab, "\nAdjusted RR,sa_years,4+,");
	assert_non_null(line);
	rr_table = strtod(line + strlen("\nAdjusted RR,sa_years,4+,"), NULL);
	line = strstr(mod, "\nplacement,all,adjusted,sa_years,4+,");
	assert_non_null(line);
	{
		/* risk_ratio is the 15th column of models/NAME.csv */
		char *p = line + 1;
		int k;

		for (k = 0; k < 14; k++) {
			p = strchr(p, ',');
			assert_non_null(p);
			p++;
		}
		rr_model = strtod(p, NULL);
	}
	assert_true(rr_model > 1);
	assert_close(rr_table, rr_model, 1e-12);
	assert_non_null(strstr(tab, "\nAdjusted RR,sa_years,0,1,"));
	free(tab);
	free(mod);
}

static void test_rerun_identical(void **state)
{
	char names[128][64], path[256];
	char *first[128];
	size_t len[128], l2;
	int n = outputs(names, 128), i, round;

	(void)state;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%.63s", OUT1, names[i]);
		first[i] = slurp_n(path, &len[i]);
		assert_non_null(first[i]);
	}
	run_study(OUT1);
	run_study(OUT2);
	for (round = 0; round < 2; round++)
		for (i = 0; i < n; i++) {
			char *again;

			snprintf(path, sizeof(path), "%s/%s", round ? OUT2 : OUT1,
				 names[i]);
			again = slurp_n(path, &l2);
			assert_non_null(again);
			if (l2 != len[i] || memcmp(again, first[i], l2))
				fail_msg("%s differs from the first run", path);
			free(again);
		}
	for (i = 0; i < n; i++)
		free(first[i]);
}

/* ---- no small count in any cell ----------------------------------------- */

static int checked_cells, small_marks;

/* A cell's text is a count ("123" or "123 (4.5)"): must not be 1..T-1. */
static void check_cell(const char *s, size_t len, const char *where)
{
	char buf[256];
	char *p, *end;
	long v;

	if (len >= sizeof(buf))
		return;
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (p = buf; *p == ' '; p++)
		;
	if (!strncmp(p, "&lt;", 4) || *p == '<') {
		small_marks++;
		return;
	}
	if (*p < '0' || *p > '9' || strstr(p, "(ref)"))
		return;
	v = strtol(p, &end, 10);
	while (*end == ' ')
		end++;
	if (*end && *end != '(')
		return; /* a decimal: not a count */
	checked_cells++;
	if (v >= 1 && v < T)
		fail_msg("%s: count %ld shown in cell '%s'", where, v, buf);
}

static void check_html(const char *text, const char *where)
{
	const char *p = text;

	while ((p = strstr(p, "<td"))) {
		const char *start = strchr(p, '>'), *end;

		assert_non_null(start);
		start++;
		end = strstr(start, "</td>");
		assert_non_null(end);
		check_cell(start, (size_t)(end - start), where);
		p = end;
	}
}

/* md (|) and tex (&, \\) rows: every field but the row's stub (field
 * stub of each line: a label, such as a level "1" of the cumulative-
 * incidence tables' exposure, never a count; html has it as <th>). */
static void check_fields(const char *text, const char *seps, int stub,
			 const char *where)
{
	const char *p = text;
	int field = 0;

	while (*p) {
		size_t n = strcspn(p, seps);
		const char *s = p;

		/* a tex count cell may be wrapped: strip "\\" line ends */
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\\'))
			n--;
		if (field++ != stub)
			check_cell(s, n, where);
		p += strcspn(p, seps);
		if (*p == '\n')
			field = 0;
		if (*p)
			p++;
	}
}

/* Every md, html and tex table (every file of tables/) and report.html of
 * an output folder. */
static void check_dir_cells(const char *dir)
{
	char path[512], *text;
	struct dirent *de;
	DIR *d;
	int files = 0;

	snprintf(path, sizeof(path), "%s/tables", dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		const char *dot = strrchr(de->d_name, '.');

		if (!dot || de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/tables/%s", dir, de->d_name);
		if (!strcmp(dot, ".html")) {
			text = slurp_n(path, NULL);
			assert_non_null(text);
			check_html(text, path);
		} else if (!strcmp(dot, ".md")) {
			text = slurp_n(path, NULL);
			assert_non_null(text);
			check_fields(text, "|\n", 1, path);
		} else if (!strcmp(dot, ".tex")) {
			text = slurp_n(path, NULL);
			assert_non_null(text);
			/* the body: after the header rows (group labels may be
			 * digits) */
			assert_non_null(strstr(text, "\\midrule"));
			check_fields(strstr(text, "\\midrule"), "&\n", 0, path);
		} else {
			continue;
		}
		free(text);
		files++;
	}
	closedir(d);
	assert_true(files >= 15);
	snprintf(path, sizeof(path), "%s/report.html", dir);
	text = slurp_n(path, NULL);
	assert_non_null(text);
	check_html(text, path);
	free(text);
}

static void test_no_small_counts(void **state)
{
	(void)state;
	checked_cells = small_marks = 0;
	check_dir_cells(OUT1);
	/* the check saw counts and suppressed cells (it is not vacuous) */
	assert_true(checked_cells > 500);
	assert_true(small_marks > 10);
}

/* ---- the attacker ---------------------------------------------------------- */

#define MAXV 4000
#define MAXL 4000
#define MAXT 64
#define BIG 1e12

struct var {
	char table[32], term[96], level[96], column[128];
	int hidden;     /* 1: "<T", 2: other suppression */
	double lo, hi;
};

struct line {
	int n;
	int v[MAXT];
	double c[MAXT]; /* sum c[i] * x[v[i]] = 0 */
};

static struct var vars[MAXV];
static const char *attack_dir = OUT1; /* the run the attacker reads */
static int n_vars;
static struct line lines[MAXL];
static int n_lines;

/* Split one csv line (RFC 4180 quotes) into fields in place; returns the
 * count. */
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

/* Read the count cells (statistic n) of a long-layout csv as variables. */
static void read_counts(const char *table)
{
	char path[256], *text, *line, *save = NULL;
	int first = 1;

	snprintf(path, sizeof(path), "%s/tables/%s.csv", attack_dir, table);
	text = slurp_n(path, NULL);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		struct var *v;

		if (first) {
			assert_string_equal(line, "term,level,column,statistic,value,note");
			first = 0;
			continue;
		}
		assert_int_equal(csv_split(line, f, 8), 6);
		if (strcmp(f[3], "n"))
			continue;
		assert_true(n_vars < MAXV);
		v = &vars[n_vars++];
		snprintf(v->table, sizeof(v->table), "%s", table);
		snprintf(v->term, sizeof(v->term), "%s", f[0]);
		snprintf(v->level, sizeof(v->level), "%s", f[1]);
		snprintf(v->column, sizeof(v->column), "%s", f[2]);
		if (!*f[5]) {
			v->lo = v->hi = strtod(f[4], NULL);
			v->hidden = 0;
		} else {
			assert_true(*f[4] == '\0'); /* a hidden value is not written */
			v->hidden = f[5][0] == '<' ? 1 : 2;
			v->lo = v->hidden == 1 ? 1 : 0;
			v->hi = v->hidden == 1 ? T - 1 : BIG;
		}
	}
	free(text);
}

static int find(const char *table, const char *term, const char *level,
		const char *column)
{
	int i;

	for (i = 0; i < n_vars; i++)
		if (!strcmp(vars[i].table, table) && !strcmp(vars[i].term, term) &&
		    !strcmp(vars[i].level, level) && !strcmp(vars[i].column, column))
			return i;
	return -1;
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

/* Table 1: each row's groups sum to Overall; a categorical variable's
 * levels (with missing) sum to the persons row in every column. */
static void table1_lines(const char *table)
{
	int i, j;

	for (i = 0; i < n_vars; i++) {
		struct line *l;

		if (strcmp(vars[i].table, table) || strcmp(vars[i].column, "Overall"))
			continue;
		l = new_line();
		line_add(l, i, -1);
		for (j = 0; j < n_vars; j++)
			if (j != i && !strcmp(vars[j].table, table) &&
			    !strcmp(vars[j].term, vars[i].term) &&
			    !strcmp(vars[j].level, vars[i].level))
				line_add(l, j, 1);
		if (l->n == 1)
			n_lines--;
	}
	/* 0/1 terms: ones + zeros (not shown: an unknown >= 0) + missing =
	 * persons, per column */
	for (i = 0, j = n_vars; i < j; i++) {
		struct line *l;
		struct var *z;
		char term[96];
		int m;

		if (strcmp(vars[i].table, table) || strcmp(vars[i].level, "1"))
			continue;
		assert_true(n_vars < MAXV);
		memcpy(term, vars[i].term, sizeof(term));
		term[sizeof(term) - 1] = '\0';
		z = &vars[n_vars++];
		memset(z, 0, sizeof(*z));
		snprintf(z->table, sizeof(z->table), "virtual");
		snprintf(z->term, sizeof(z->term), "%.80s zeros", term);
		z->hidden = 3; /* not a shown cell: never reported as pinned */
		z->lo = 0;
		z->hi = BIG;
		l = new_line();
		line_add(l, find(table, "persons", "", vars[i].column), -1);
		line_add(l, i, 1);
		line_add(l, n_vars - 1, 1);
		m = find(table, vars[i].term, "missing", vars[i].column);
		if (m >= 0)
			line_add(l, m, 1);
	}
	/* categorical terms: levels other than 1/missing/mean rows */
	for (i = 0; i < n_vars; i++) {
		const char *term = vars[i].term;
		int k, cat = 0;
		struct line *l;

		if (strcmp(vars[i].table, table) || !strcmp(term, "persons") ||
		    strcmp(vars[i].level, "missing") == 0)
			continue;
		for (k = 0; k < n_vars; k++)
			if (!strcmp(vars[k].table, table) &&
			    !strcmp(vars[k].term, term) &&
			    strcmp(vars[k].level, "1") && strcmp(vars[k].level, "missing"))
				cat = 1;
		/* one line per column, made at the column's first level */
		for (k = 0; k < i; k++)
			if (!strcmp(vars[k].table, table) && !strcmp(vars[k].term, term) &&
			    !strcmp(vars[k].column, vars[i].column))
				break;
		if (!cat || k < i)
			continue;
		l = new_line();
		line_add(l, find(table, "persons", "", vars[i].column), -1);
		for (k = 0; k < n_vars; k++)
			if (!strcmp(vars[k].table, table) && !strcmp(vars[k].term, term) &&
			    !strcmp(vars[k].column, vars[i].column))
				line_add(l, k, 1);
	}
}

/* Columns summing to a total row: regional (All) and linkage (level all). */
static void column_lines(const char *table, const char *total_term,
			 const char *total_level, int same_term)
{
	int i, k;

	for (i = 0; i < n_vars; i++) {
		struct line *l;

		if (strcmp(vars[i].table, table) || strcmp(vars[i].term, total_term) ||
		    strcmp(vars[i].level, total_level))
			continue;
		l = new_line();
		line_add(l, i, -1);
		for (k = 0; k < n_vars; k++)
			if (k != i && !strcmp(vars[k].table, table) &&
			    !strcmp(vars[k].column, vars[i].column) &&
			    (same_term ? !strcmp(vars[k].term, total_term) :
					 strcmp(vars[k].term, total_term) != 0))
				line_add(l, k, 1);
	}
}

/* The flow chain and the identities between tables. */
static void flow_lines(void)
{
	int i, prev = -1, first = -1, last = -1, k;

	for (i = 0; i < n_vars; i++) {
		int ex;
		struct line *l;

		if (strcmp(vars[i].table, "cohort_flow") ||
		    strcmp(vars[i].column, "Remaining"))
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
	/* the cohort: flow's last count = Table 1's persons = linkage's
	 * cohort totals; the base: flow's first = linkage's base totals */
	{
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
		for (k = 0; k < 5; k++) {
			struct line *l = new_line();

			line_add(l, last, 1);
			line_add(l, find(same_cohort[k][0], same_cohort[k][1],
					 same_cohort[k][2], same_cohort[k][3]), -1);
		}
		for (k = 0; k < 2; k++) {
			struct line *l = new_line();

			line_add(l, first, 1);
			line_add(l, find(same_base[k][0], same_base[k][1],
					 same_base[k][2], same_base[k][3]), -1);
		}
	}
}

/* Bounds of each variable from each line and the others' bounds, until
 * nothing changes. */
static void propagate(void)
{
	int changed = 1, rounds = 0, i, j, k;

	while (changed && rounds++ < 1000) {
		changed = 0;
		for (i = 0; i < n_lines; i++) {
			struct line *l = &lines[i];

			for (j = 0; j < l->n; j++) {
				double lo = 0, hi = 0; /* of -sum_{k != j} c_k x_k */
				struct var *x = &vars[l->v[j]];

				for (k = 0; k < l->n; k++) {
					struct var *y = &vars[l->v[k]];

					if (k == j)
						continue;
					if (l->c[k] > 0) {
						lo -= l->c[k] * y->hi;
						hi -= l->c[k] * y->lo;
					} else {
						lo -= l->c[k] * y->lo;
						hi -= l->c[k] * y->hi;
					}
				}
				/* c_j x_j in [lo, hi] */
				if (l->c[j] < 0) {
					double t = -hi;

					hi = -lo;
					lo = t;
				}
				if (lo > x->lo + 1e-9) {
					x->lo = lo;
					changed = 1;
				}
				if (hi < x->hi - 1e-9) {
					x->hi = hi;
					changed = 1;
				}
			}
		}
	}
}

static void attacker_model(void)
{
	size_t t;

	n_vars = n_lines = 0;
	for (t = 0; t < N_TABLES; t++)
		read_counts(tables[t]);
	table1_lines("table1");
	table1_lines("table1_exposure");
	column_lines("regional", "all", "", 0);
	column_lines("parent_linkage", "Mother", "all", 1);
	column_lines("parent_linkage", "Father", "all", 1);
	flow_lines();
}

/* Differencing: a region's persons minus its exposed or events, and a
 * model level's n minus its events, where both are shown, are never
 * 1..T-1. */
static void check_differences(const char *dir)
{
	char path[512], *text, *line, *save = NULL;
	struct dirent *de;
	DIR *d;
	int checked = 0, i, k;

	/* Table 1's 0/1 rows: persons - ones - missing */
	n_vars = 0;
	attack_dir = dir;
	read_counts("table1");
	for (i = 0; i < n_vars; i++) {
		int p, m;
		double rest;

		if (strcmp(vars[i].level, "1") || vars[i].hidden)
			continue;
		p = find("table1", "persons", "", vars[i].column);
		m = find("table1", vars[i].term, "missing", vars[i].column);
		if (p < 0 || vars[p].hidden || (m >= 0 && vars[m].hidden))
			continue;
		rest = vars[p].lo - vars[i].lo - (m >= 0 ? vars[m].lo : 0);
		checked++;
		if (rest > 0 && rest < T)
			fail_msg("%s table1 %s, %s: zeros = %g", dir, vars[i].term,
				 vars[i].column, rest);
	}
	n_vars = 0;
	read_counts("regional");
	attack_dir = OUT1;
	for (i = 0; i < n_vars; i++) {
		if (strcmp(vars[i].column, "Persons") || vars[i].hidden)
			continue;
		for (k = 0; k < n_vars; k++) {
			double rest;

			if (k == i || strcmp(vars[k].term, vars[i].term) ||
			    strcmp(vars[k].level, vars[i].level) || vars[k].hidden)
				continue;
			rest = vars[i].lo - vars[k].lo;
			checked++;
			if (rest > 0 && rest < T)
				fail_msg("%s regional %s: %s minus %s = %g", dir,
					 vars[i].level, vars[i].column,
					 vars[k].column, rest);
		}
	}
	snprintf(path, sizeof(path), "%s/tables", dir);
	d = opendir(path);
	assert_non_null(d);
	while ((de = readdir(d))) {
		int first = 1;

		if (strncmp(de->d_name, "model_", 6) || !strstr(de->d_name, ".csv"))
			continue;
		snprintf(path, sizeof(path), "%s/tables/%s", dir, de->d_name);
		text = slurp_n(path, NULL);
		assert_non_null(text);
		save = NULL;
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *f[12];
			double rest;
			int nf;

			if (first) {
				first = 0;
				continue;
			}
			nf = csv_split(line, f, 12);
			/* 11: with conf_low_log, conf_high_log; 12: and a note
			 * column (a "not estimable" mark) before them */
			assert_true(nf == 11 || nf == 12);
			if (!*f[7] || !*f[8])
				continue;
			rest = strtod(f[7], NULL) - strtod(f[8], NULL);
			checked++;
			if (rest > 0 && rest < T)
				fail_msg("%s: %s %s n - events = %g", path, f[1], f[2],
					 rest);
		}
		free(text);
	}
	closedir(d);
	assert_true(checked > 20);
}

/* Model the tables of attack_dir, check they add up, propagate, and fail
 * on any pinned suppressed count; returns the number of hidden counts. */
static int attack_run(void)
{
	int i, hidden = 0;

	attacker_model();
	/* a published table is consistent with its own lines */
	for (i = 0; i < n_lines; i++) {
		int k, all_known = 1;
		double sum = 0;

		for (k = 0; k < lines[i].n; k++) {
			all_known &= !vars[lines[i].v[k]].hidden;
			sum += lines[i].c[k] * vars[lines[i].v[k]].lo;
		}
		if (all_known && fabs(sum) > 1e-9)
			fail_msg("line %d does not add up (%g): the attacker's model "
				 "of the tables is wrong", i, sum);
	}
	propagate();
	for (i = 0; i < n_vars; i++) {
		if (!vars[i].hidden || vars[i].hidden == 3)
			continue;
		hidden++;
		if (vars[i].hi - vars[i].lo < 0.5)
			fail_msg("%s [%s / %s / %s] is pinned to %g", vars[i].table,
				 vars[i].term, vars[i].level, vars[i].column,
				 vars[i].lo);
		if (vars[i].hi < vars[i].lo - 1e-9)
			fail_msg("%s [%s / %s / %s]: bounds cross", vars[i].table,
				 vars[i].term, vars[i].level, vars[i].column);
	}
	assert_true(n_lines > 30);
	return hidden;
}

static void test_attacker(void **state)
{
	(void)state;
	attack_dir = OUT1;
	assert_true(attack_run() > 20);
	assert_true(n_lines > 100);
	check_differences(OUT1);
}

/* Small synthetic cohorts (kohort synth, 600 children: many small cells,
 * small exclusions, hidden groups), run with the example config, attacked
 * the same way, and their files checked for small counts. */
static void test_attacker_small_cohorts(void **state)
{
	const char *bin = getenv("KOHORT_BIN");
	static char dir[128];
	char cmd[2048];
	int seed, hidden = 0;

	(void)state;
	if (!bin)
		bin = "./kohort";
	for (seed = 1; seed <= 6; seed++) {
		snprintf(dir, sizeof(dir), "output/test_report_synth_%d", seed);
		snprintf(cmd, sizeof(cmd), "mkdir -p %s && %s synth --persons 600 --seed %d --out "
			 "%s/data >/dev/null && sed 's|sample-data/|%s/data/|' "
			 "config/example.ini > %s/study.ini && %s run --output %s/out "
			 "%s/study.ini >/dev/null", dir, bin, seed, dir, dir, dir, bin, dir,
			 dir);
		assert_int_equal(sh(cmd), 0);
		snprintf(dir, sizeof(dir), "output/test_report_synth_%d/out", seed);
		attack_dir = dir;
		hidden += attack_run();
		check_dir_cells(dir);
		check_differences(dir);
	}
	/* exposed = everyone but sa_years 4+ (reference 4+): most of each
	 * region, so persons minus exposed is small in small regions */
	snprintf(cmd, sizeof(cmd), "d=output/test_report_synth_1 && sed "
		 "'s/^reference = 0$/reference = 4+/; s/^table1 = sex,/table1 = "
		 "heavy, sex,/' $d/study.ini > $d/ref.ini && printf '[variable "
		 "heavy]\\nexpr = birth_weight_g > 1500\\n' >> $d/ref.ini && "
		 "grep -q '^reference = 4+$' $d/ref.ini && %s run --output $d/ref "
		 "$d/ref.ini >/dev/null 2>&1", bin);
	assert_int_equal(sh(cmd), 0);
	snprintf(dir, sizeof(dir), "output/test_report_synth_1/ref");
	attack_dir = dir;
	hidden += attack_run();
	check_dir_cells(dir);
	check_differences(dir);
	attack_dir = OUT1;
	assert_true(hidden > 200);
}

/* Persons in analysis.csv.gz whose column col has value want. */
static long count_value(const char *col, const char *want)
{
	gzFile gz = gzopen(OUT1 "/analysis.csv.gz", "rb");
	char line[4096];
	int c = -1, first = 1;
	long n = 0;

	assert_non_null(gz);
	while (gzgets(gz, line, sizeof(line))) {
		char *f[64];
		int nf, k;

		line[strcspn(line, "\r\n")] = '\0';
		nf = csv_split(line, f, 64);
		if (first) {
			for (k = 0; k < nf; k++)
				if (!strcmp(f[k], col))
					c = k;
			assert_true(c >= 0);
			first = 0;
		} else if (c < nf && !strcmp(f[c], want)) {
			n++;
		}
	}
	gzclose(gz);
	return n;
}

/* The attacker is not toothless: reveal one secondary cell (its true value
 * from the analysis dataset) and the small count it protects is pinned. */
static void test_attacker_finds_a_leak(void **state)
{
	int sec, prim;
	long truth = count_value("sa_years", "2-3");

	(void)state;
	attacker_model();
	sec = find("table1", "sa_years", "2-3", "Overall");
	prim = find("table1", "sa_years", "missing", "Overall");
	assert_true(sec >= 0 && prim >= 0);
	assert_int_equal(vars[sec].hidden, 2);
	/* "<5", or "x" since the whole-export audit shows it so (person-years
	 * and strata rules, docs/outputs.md "Across tables") */
	assert_true(vars[prim].hidden >= 1);
	propagate();
	assert_true(vars[prim].hi - vars[prim].lo > 0.5);
	attacker_model();
	vars[sec].hidden = 0;
	vars[sec].lo = vars[sec].hi = (double)truth;
	propagate();
	assert_true(vars[prim].hi - vars[prim].lo < 0.5);
	assert_true(vars[prim].lo >= 1 && vars[prim].lo <= T - 1);
}

/* A hidden count's percentage is hidden; a hidden group size hides its
 * column (Table 1) or its row (regional). */
static void test_derived_hidden(void **state)
{
	char *text, *line, *save = NULL, last_n_note[16] = "";
	int first = 1, pcts = 0;

	(void)state;
	text = slurp_n(OUT1 "/tables/table1_exposure.csv", NULL);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[8];

		if (first) {
			first = 0;
			continue;
		}
		csv_split(line, f, 8);
		if (!strcmp(f[3], "n"))
			snprintf(last_n_note, sizeof(last_n_note), "%s", f[5]);
		else if (!strcmp(f[3], "percent") && *last_n_note) {
			assert_string_equal(f[4], "");
			pcts++;
		}
	}
	free(text);
	assert_true(pcts > 5);
	/* the hidden exposure groups: every cell of their columns */
	n_vars = 0;
	attack_dir = OUT1;
	read_counts("table1_exposure");
	{
		int i, k;

		for (i = 0; i < n_vars; i++) {
			if (strcmp(vars[i].term, "persons") || !vars[i].hidden)
				continue;
			for (k = 0; k < n_vars; k++)
				if (!strcmp(vars[k].column, vars[i].column) &&
				    !vars[k].hidden)
					fail_msg("column %s: group size hidden but "
						 "%s / %s shown", vars[i].column,
						 vars[k].term, vars[k].level);
		}
	}
}

/* ---- headless Chromium -------------------------------------------------- */

static const char chromium_flags[] =
	"--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
	"--disable-background-networking --disable-component-update "
	"--disable-sync --enable-logging=stderr --v=0";

/* Run chromium on url with extra flags; stdout and stderr into files. */
static int chromium(const char *url, const char *extra, const char *out,
		    const char *errf)
{
	char cmd[16384];

	snprintf(cmd, sizeof(cmd), "d=$(mktemp -d) && timeout 120 chromium %s "
		 "--user-data-dir=\"$d\" %s '%s' >%s 2>%s; rc=$?; rm -rf \"$d\"; "
		 "exit $rc", chromium_flags, extra, url, out, errf);
	return sh(cmd);
}

/* Console messages in chromium's log ("CONSOLE(" lines) mentioning s, or
 * any when s is NULL. */
static int console_lines(const char *log, const char *s)
{
	const char *p = log;
	int n = 0;

	while ((p = strstr(p, "CONSOLE"))) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[2048];

		snprintf(line, sizeof(line), "%.*s", (int)(len < 2000 ? len : 2000), p);
		if (!s || strstr(line, s)) {
			n++;
			if (!s)
				print_error("console: %s\n", line);
		}
		p += len;
	}
	if (strstr(log, "Uncaught") && !s)
		n++;
	return n;
}

static void test_chromium(void **state)
{
	char cwd[4096], url[4200], *dom, *log, *html;
	FILE *probe;
	size_t t;

	(void)state;
	if (sh("command -v chromium >/dev/null 2>&1"))
		fail_msg("chromium is not installed (make deps installs Debian's "
			 "chromium): the report cannot be checked");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	/* the console check itself can fail: a page that logs an error */
	probe = fopen("output/test_report_probe.html", "w");
	assert_non_null(probe);
	fputs("<!DOCTYPE html><html><body><script>console.error('kohort-probe');"
	      "</script></body></html>\n", probe);
	fclose(probe);
	snprintf(url, sizeof(url), "file://%s/output/test_report_probe.html", cwd);
	assert_int_equal(chromium(url, "--dump-dom", "output/ko_probe.out",
				  "output/ko_probe.err"), 0);
	log = slurp_n("output/ko_probe.err", NULL);
	assert_non_null(log);
	assert_true(console_lines(log, "kohort-probe") > 0);
	free(log);
	/* the report: nothing fetched from anywhere */
	html = slurp_n(OUT1 "/report.html", NULL);
	assert_non_null(html);
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "@import"));
	/* the methods text: definitions from the config */
	assert_non_null(strstr(html, "computed as <code>birth_weight_g &lt; 2500</code>"));
	assert_non_null(strstr(html, "with a code F80–F89, F90–F98 in dg1, dg2, dg3"));
	assert_non_null(strstr(html, "excluded: died before the 1st birthday"));
	assert_non_null(strstr(html, "; standardised risks of Parental social "
			       "assistance, years by marginal standardisation"));
	/* the Cox model's time-varying count (time_varying = sa_years:
	 * cumulative) is said to be a count, not a 0/1 from a date */
	assert_non_null(strstr(html, "Parental social assistance, years (the "
			       "number of years with records up to the current "
			       "age, each year counted from 1 January after it)"));
	free(html);
	snprintf(url, sizeof(url), "file://%s/" OUT1 "/report.html", cwd);
	assert_int_equal(chromium(url, "--dump-dom", "output/ko_report.dom",
				  "output/ko_report.err"), 0);
	dom = slurp_n("output/ko_report.dom", NULL);
	log = slurp_n("output/ko_report.err", NULL);
	assert_non_null(dom);
	assert_non_null(log);
	assert_int_equal(console_lines(log, NULL), 0);
	for (t = 0; t < N_TABLES; t++) {
		char id[96];

		snprintf(id, sizeof(id), "<table class=\"kohort-table\" id=\"%s\"",
			 tables[t]);
		if (!strstr(dom, id))
			fail_msg("report.html: no table %s in the DOM", tables[t]);
	}
	assert_non_null(strstr(dom, "id=\"figure-cohort-flow\""));
	for (t = 0; t < N_MODEL_TABLES; t++) {
		char id[160];

		snprintf(id, sizeof(id), "<table class=\"kohort-table\" id=\"%s\"",
			 model_tables[t]);
		if (!strstr(dom, id))
			fail_msg("report.html: no table %s in the DOM", model_tables[t]);
		snprintf(id, sizeof(id), "id=\"figure-%s\"", model_tables[t]);
		if (!strstr(dom, id))
			fail_msg("report.html: no forest plot %s", model_tables[t]);
	}
	assert_non_null(strstr(dom, "<svg"));
	assert_non_null(strstr(dom, "RD, percentage points (95% CI)"));
	assert_non_null(strstr(dom, "Attributable fraction, % (95% CI)"));
	assert_non_null(strstr(dom, "Sex: Boy"));
	assert_non_null(strstr(dom, "id=\"methods\""));
	assert_non_null(strstr(dom, "Out-of-home placement before age 18 among "
				    "children born in 1997"));
	free(dom);
	free(log);
	/* the screenshot of the whole page (models and methods included),
	 * for a person to look at */
	unlink("output/report_screenshot.png");
	assert_int_equal(chromium(url, "--screenshot=output/report_screenshot.png "
				  "--window-size=1200,16000 --hide-scrollbars",
				  "/dev/null", "output/ko_shot.err"), 0);
	{
		size_t len;
		char *png = slurp_n("output/report_screenshot.png", &len);

		assert_non_null(png);
		assert_true(len > 50000);
		assert_memory_equal(png, "\x89PNG", 4);
		free(png);
	}
}

/* The flow chain on 3000 random flows: small exclusions are hidden, and no
 * hidden count follows from the chain (with the final count public) even
 * to an attacker who knows which hidden exclusions are not 0.  Where no
 * merge of steps is safe, the first count (the extract's size) is hidden
 * instead (main refused those flows, issue #13). */
static void test_flow_chain(void **state)
{
	struct ko_flow_row rows[10];
	struct ko_flow flow;
	enum ko_supp_rule srem[10], sex[10];
	struct ko_err err;
	unsigned seed = 1997;
	int trial, base_hidden = 0, protected_small = 0;

	(void)state;
	for (trial = 0; trial < 3000; trial++) {
		int n = 2 + (int)(rand_r(&seed) % 7), i, small = 0;
		long rem = 200 + (long)(rand_r(&seed) % 5000);
		enum ko_status st;

		for (i = 0; i < n; i++) {
			long ex = 0;

			if (i > 0) {
				switch (rand_r(&seed) % 4) {
				case 0: ex = 0; break;
				case 1: ex = 1 + (long)(rand_r(&seed) % (T - 1)); break;
				case 2: ex = T + (long)(rand_r(&seed) % 20); break;
				default: ex = (long)(rand_r(&seed) % 200); break;
				}
				if (ex > rem - T)
					ex = 0;
			}
			rem -= ex;
			snprintf(rows[i].step, sizeof(rows[i].step), "step %d", i);
			rows[i].n_remaining = rem;
			rows[i].n_excluded = ex;
			small |= ex > 0 && ex < T;
		}
		flow.rows = rows;
		flow.n = (size_t)n;
		flow.member = NULL;
		flow.n_members = rem;
		ko_err_clear(&err);
		st = ko_report_protect_flow(&flow, T, srem, sex, &err);
		assert_int_equal(st, KO_OK); /* none refused */
		protected_small += small;
		if (srem[0]) {
			assert_true(small); /* hidden only when needed */
			base_hidden++;
		}
		/* the attacker: the chain, the final count known */
		n_vars = n_lines = 0;
		for (i = 0; i < n; i++) {
			struct var *vr = &vars[n_vars++], *ve = &vars[n_vars++];

			vr->hidden = srem[i] ? (srem[i] == KO_SUPP_PRIMARY ? 1 : 2) : 0;
			ve->hidden = sex[i] ? (sex[i] == KO_SUPP_PRIMARY ? 1 : 2) : 0;
			if (i > 0 && rows[i].n_excluded > 0 && rows[i].n_excluded < T)
				assert_int_equal(ve->hidden, 1);
			vr->lo = vr->hi = (double)rows[i].n_remaining;
			ve->lo = ve->hi = (double)rows[i].n_excluded;
			if (vr->hidden) {
				vr->lo = 0;
				vr->hi = BIG;
			}
			/* over-informed: an "x" that is not 0 is known to be
			 * at least T (the rule makes it so) */
			if (ve->hidden) {
				ve->lo = ve->hidden == 1 ? 1 :
					 rows[i].n_excluded >= T ? T : 0;
				ve->hi = ve->hidden == 1 ? T - 1 : BIG;
			}
			snprintf(vr->term, sizeof(vr->term), "remaining %d", i);
			snprintf(ve->term, sizeof(ve->term), "excluded %d", i);
			if (i > 0) {
				struct line *l = new_line();

				line_add(l, 2 * (i - 1), 1);
				line_add(l, 2 * i, -1);
				line_add(l, 2 * i + 1, -1);
			}
		}
		assert_int_equal(srem[n - 1], KO_SUPP_NONE); /* the cohort size */
		propagate();
		for (i = 0; i < n_vars; i++) {
			int q;

			/* pinned, or a "<T" narrower than 1..T-1 (the
			 * protection rule, docs/outputs.md) */
			if (!vars[i].hidden ||
			    (vars[i].hi - vars[i].lo >= 0.5 &&
			     (vars[i].hidden != 1 ||
			      (vars[i].lo < 1.5 && vars[i].hi > T - 1.5))))
				continue;
			for (q = 0; q < n; q++)
				print_error("%ld%s %ld%s\n", rows[q].n_remaining,
					    srem[q] ? "*" : "", rows[q].n_excluded,
					    sex[q] ? "*" : "");
			fail_msg("trial %d: %s in [%g, %g]", trial, vars[i].term,
				 vars[i].lo, vars[i].hi);
		}
	}
	/* both ways happened often */
	assert_true(base_hidden > 20);
	assert_true(protected_small > 500);
	/* the synthetic cohort 200/41/5: 200 children, 3 not born in 1997,
	 * 1 died before the 1st birthday, 196 in the cohort: the 4 excluded
	 * are fewer than T, so no merge hides them; main refused it ("cannot
	 * be hidden among the other steps") */
	{
		static const long rem[4] = { 200, 197, 196, 196 };
		static const long ex[4] = { 0, 3, 1, 0 };
		int q;

		for (q = 0; q < 4; q++) {
			snprintf(rows[q].step, sizeof(rows[q].step), "step %d", q);
			rows[q].n_remaining = rem[q];
			rows[q].n_excluded = ex[q];
		}
		flow.rows = rows;
		flow.n = 4;
		flow.n_members = 196;
		ko_err_clear(&err);
		assert_int_equal(ko_report_protect_flow(&flow, T, srem, sex, &err),
				 KO_OK);
		/* the extract's size and what remains before the last small
		 * exclusion hidden; the small exclusions "<T"; the rest shown */
		assert_int_equal(srem[0], KO_SUPP_SECONDARY);
		assert_int_equal(srem[1], KO_SUPP_SECONDARY);
		assert_int_equal(srem[2], KO_SUPP_NONE);
		assert_int_equal(srem[3], KO_SUPP_NONE);
		assert_int_equal(sex[1], KO_SUPP_PRIMARY);
		assert_int_equal(sex[2], KO_SUPP_PRIMARY);
		assert_int_equal(sex[3], KO_SUPP_NONE);
	}
	/* a flow that does not end at the cohort (a step lost on the way,
	 * issue #13: the cohort elsewhere minus the flow's last count gave
	 * that step's small exclusion away) is refused */
	rows[0].n_remaining = 1455;
	rows[1].n_remaining = 1455;
	rows[1].n_excluded = 0;
	flow.rows = rows;
	flow.n = 2;
	flow.n_members = 1451;
	ko_err_clear(&err);
	assert_int_equal(ko_report_protect_flow(&flow, T, srem, sex, &err),
			 KO_ERR_USAGE);
	assert_non_null(strstr(err.msg, "a step is missing"));
	/* base rows lost before the children: the extract's row count and
	 * what remains before the last small loss are hidden, no more (after
	 * it the count is the children's plus the shown losses: pinned) */
	{
		static const long rem[5] = { 1000, 998, 990, 990, 980 };
		static const long ex[2][5] = { { 0, 2, 8, 0, 10 },
					       { 0, 8, 2, 0, 10 } };
		static const char *const step[5] = {
			"rows in extract birth", "rows of birth rejected",
			"rows of birth without an id", "children in extract birth",
			"a rule"
		};
		int k, q;

		for (k = 0; k < 2; k++) {
			for (q = 0; q < 5; q++) {
				snprintf(rows[q].step, sizeof(rows[q].step), "%s", step[q]);
				rows[q].n_remaining = k && q == 1 ? 992 : rem[q];
				rows[q].n_excluded = ex[k][q];
			}
			flow.n = 5;
			flow.n_members = 980;
			ko_err_clear(&err);
			assert_int_equal(ko_report_protect_flow(&flow, T, srem, sex, &err),
					 KO_OK);
			assert_int_equal(srem[0], KO_SUPP_SECONDARY);
			assert_int_equal(srem[1], k ? KO_SUPP_SECONDARY : KO_SUPP_NONE);
			assert_int_equal(srem[2], KO_SUPP_NONE);
			assert_int_equal(srem[3], KO_SUPP_NONE);
			assert_int_equal(sex[k ? 2 : 1], KO_SUPP_PRIMARY);
			assert_int_equal(sex[k ? 1 : 2], KO_SUPP_NONE);
		}
	}
}

/* decimal_mark = , : md, html, tex with commas; csv keeps the point. */
static void test_decimal_comma(void **state)
{
	char *ini = slurp_n("config/example.ini", NULL), *at, *md, *csv;
	const char *bin = getenv("KOHORT_BIN");
	char cmd[1024];
	FILE *fp;

	(void)state;
	assert_non_null(ini);
	at = strstr(ini, "decimal_mark = .");
	assert_non_null(at);
	at[15] = ',';
	fp = fopen("output/test_report_fi.ini", "w");
	assert_non_null(fp);
	fputs(ini, fp);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s run --output output/test_report_fi "
		 "output/test_report_fi.ini >/dev/null", bin ? bin : "./kohort");
	assert_int_equal(sh(cmd), 0);
	md = slurp_n("output/test_report_fi/tables/table1.md", NULL);
	csv = slurp_n("output/test_report_fi/tables/table1.csv", NULL);
	assert_non_null(md);
	assert_non_null(csv);
	assert_non_null(strstr(md, "5044 (52,1)"));
	assert_null(strstr(md, "(52.1)"));
	assert_non_null(strstr(csv, ",52.1"));
	free(md);
	free(csv);
}

/* Run config/example.ini with extra [report] lines into
 * output/test_report_NAME; returns the folder's tables/ path in buf. */
static void run_with_report(const char *name, const char *extra, char *dir,
			    size_t size)
{
	char *ini = slurp_n("config/example.ini", NULL), *at, path[256], cmd[1024];
	const char *bin = getenv("KOHORT_BIN");
	FILE *fp;

	assert_non_null(ini);
	at = strstr(ini, "[report]\n");
	assert_non_null(at);
	at += strlen("[report]\n");
	snprintf(path, sizeof(path), "output/test_report_%s.ini", name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "%.*s%s\n%s", (int)(at - ini), ini, extra, at);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s run --output output/test_report_%s %s "
		 ">/dev/null", bin ? bin : "./kohort", name, path);
	assert_int_equal(sh(cmd), 0);
	snprintf(dir, size, "output/test_report_%s/tables", name);
}

static char *table_file(const char *dir, const char *file)
{
	char path[512];
	char *text;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = slurp_n(path, NULL);
	assert_non_null(text);
	return text;
}

/* A script, put before </body> of a copy of a page, that marks in the
 * body's data-wrapped attribute every number range ("2-3", "2–3") of a
 * header or stub cell whose first and last characters lie on different
 * lines ("n" then the ranges, "n" alone: none). */
static const char wrap_probe[] =
	"<script>var bad=[],dash=String.fromCharCode(0x2013);"
	"function topOf(n,i){var r=document.createRange();r.setStart(n,i);"
	"r.setEnd(n,i+1);return Math.round(r.getBoundingClientRect().top);}"
	"document.querySelectorAll('th').forEach(function(th){"
	"var w=document.createTreeWalker(th,NodeFilter.SHOW_TEXT),n,m,re;"
	"while((n=w.nextNode())){re=new RegExp('[0-9]+(-|'+dash+')[0-9]+','g');"
	"while((m=re.exec(n.data)))if(topOf(n,m.index)!=topOf(n,m.index+"
	"m[0].length-1))bad.push(m[0]);}});"
	"document.body.setAttribute('data-wrapped','n'+bad.join('|'));"
	"</script>";

/* The page at path laid out by headless Chromium in a window width px
 * wide: no number range of a header or stub cell is broken over two lines
 * (issue #18: Table 1 by exposure's narrow "2-3" column read "2-" over
 * "3"). */
static void assert_ranges_unbroken(const char *path, int width)
{
	char *page = slurp_n(path, NULL), *body, cmd[8192], cwd[4096];
	char *dom;
	FILE *fp;

	assert_non_null(page);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	body = strstr(page, "</body>");
	assert_non_null(body);
	fp = fopen("output/test_report_wrap.html", "w");
	assert_non_null(fp);
	fprintf(fp, "%.*s%s%s", (int)(body - page), page, wrap_probe, body);
	fclose(fp);
	free(page);
	snprintf(cmd, sizeof(cmd), "d=$(mktemp -d) && timeout 120 chromium %s "
		 "--user-data-dir=\"$d\" --window-size=%d,800 --dump-dom "
		 "'file://%s/output/test_report_wrap.html' "
		 ">output/test_report_wrap.dom 2>/dev/null; rc=$?; rm -rf \"$d\"; "
		 "exit $rc", chromium_flags, width, cwd);
	assert_int_equal(sh(cmd), 0);
	dom = slurp_n("output/test_report_wrap.dom", NULL);
	assert_non_null(dom);
	if (!strstr(dom, "data-wrapped=\"n\"")) {
		const char *at = strstr(dom, "data-wrapped=");

		fail_msg("%s at %d px: a number range broken over two lines: %.60s",
			 path, width, at ? at : "(the probe did not run)");
	}
	free(dom);
}

/* [report] table1_* (issue #18 item 5).  The example's sa_years has a
 * Missing group of fewer than 5: by default it and "2-3" are hidden whole
 * (every cell x); merge shows them as one column "2-3 or missing" with its
 * numbers (352 boys); hide leaves the Missing rows out of the md but not
 * the csv; header N, SMD/p off, medians only, percentages of all. */
static void test_table1_options(void **state)
{
	char dir[256];
	char *md, *csv;

	(void)state;
	run_with_report("t1_default", "", dir, sizeof(dir));
	/* "2-3" stays on one line in a narrow window (the header and the
	 * stub), on the table's own page and in report.html */
	assert_ranges_unbroken("output/test_report_t1_default/tables/"
			       "table1_exposure.html", 700);
	assert_ranges_unbroken("output/test_report_t1_default/report.html", 700);
	md = table_file(dir, "table1_exposure.md");
	assert_non_null(strstr(md, "| Parental social assistance, years: 2-3 |"));
	/* boys with 1 year hidden too: the boys' stratum shows its
	 * population (docs/outputs.md, "Across tables" rule 3) */
	assert_non_null(strstr(md, "| &emsp;Boy | 5044 (52.1) | 3885 (51.9) | "
				   "x | x | 408 (51.4) | x |"));
	/* known-value percentages: low birth weight 349 of 9680 - 24 */
	assert_non_null(strstr(md, "| Low birth weight (< 2500 g) | 349 (3.6) |"));
	free(md);
	md = table_file(dir, "table1.md");
	assert_non_null(strstr(md, "| &emsp;Missing | 24 | x | <5 |"));
	/* birth weight in whole grams: its median and quartiles without
	 * decimals (the No column's Q1 is 3127.5 in table1.csv, shown
	 * 3128), its mean and SD with digits_mean's one decimal */
	assert_non_null(strstr(md, "| &emsp;Median (IQR) | 3500 (3130" EN_DASH
				   "3880) | 3500 (3128" EN_DASH "3880) |"));
	assert_non_null(strstr(md, "| &emsp;Mean (SD) | 3498.1 (556.1) |"));
	/* the No column's Missing is x: its rows show n only */
	assert_non_null(strstr(md, "| &emsp;0 | 7490 (77.4) | 7301 | 189 (46.6) |"));
	free(md);

	/* tables/NAME.html is a page of its own with report.html's table
	 * style (issue #18 item 3; was the bare fragment) */
	{
		char *page = table_file(dir, "table1.html");
		char *report = slurp_n("output/test_report_t1_default/report.html",
				       NULL);
		const char *css = strstr(page, "table.kohort-table{");
		const char *end = css ? strstr(css, "</style>") : NULL;

		assert_non_null(report);
		assert_true(!strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 31));
		assert_non_null(end);
		assert_non_null(strstr(page, "<table class=\"kohort-table\""));
		/* the same table rules, byte for byte, in report.html */
		*(char *)end = '\0';
		assert_non_null(strstr(report, css));
		assert_true(strlen(css) > 400);
		free(report);
		free(page);
	}
	run_with_report("t1_merge", "table1_missing = merge\ntable1_header_n = yes\n"
			"table1_percent = all\ntable1_smd = no\n"
			"table1_median = birth_weight_g", dir, sizeof(dir));
	md = table_file(dir, "table1_exposure.md");
	assert_non_null(strstr(md, "| Parental social assistance, years: 2-3 or "
				   "missing, N = 667 |"));
	/* 1 year and 2-3 or missing hidden: the boys' stratum shows its
	 * population (docs/outputs.md, "Across tables" rule 3) */
	assert_non_null(strstr(md, "| &emsp;Boy | 5044 (52.1) | 3885 (51.9) | "
				   "x | x | 408 (51.4) |"));
	assert_null(strstr(md, "SMD |"));
	assert_null(strstr(md, "standardised mean difference"));
	assert_non_null(strstr(md, "Welch's test (numbers); missing values are "
				   "left out of the tests."));
	assert_non_null(strstr(md, "\"2-3 or missing\": the group together"));
	free(md);
	md = table_file(dir, "table1.md");
	assert_non_null(strstr(md, "| Overall, N = 9680 | Out-of-home placement "
				   "before age 18: No, N = 9274 |"));
	assert_non_null(strstr(md, "| &emsp;Missing | 24 (0.2) | x | <5 |"));
	assert_null(strstr(md, "Mean (SD)"));
	assert_non_null(strstr(md, "Median (IQR)"));
	free(md);
	csv = table_file(dir, "table1.csv");
	assert_non_null(strstr(csv, "\npersons,,Overall,n,9680,")); /* plain header */
	free(csv);

	run_with_report("t1_hide", "table1_missing = hide\ntable1_p = no", dir,
			sizeof(dir));
	md = table_file(dir, "table1.md");
	assert_null(strstr(md, "&emsp;Missing"));
	assert_null(strstr(md, " p |"));
	assert_non_null(strstr(md, "SMD |"));
	/* the footnote explains only the columns shown */
	assert_non_null(strstr(md, "missing values are left out of SMDs."));
	assert_null(strstr(md, "Pearson's chi-square"));
	free(md);
	csv = table_file(dir, "table1.csv");
	assert_non_null(strstr(csv, "\nbirth_weight_g,missing,Overall,n,24,"));
	free(csv);
	md = table_file(dir, "table1_exposure.md");
	assert_non_null(strstr(md, "2-3 or missing"));
	free(md);
}

/* Table 1's digits per variable (issue #18 item 5): a number with a
 * fraction in some value (birth weight in kg, an expr over the grams)
 * keeps digits_mean's decimals in its median and quartiles, while the
 * whole grams beside it show none. */
static void test_table1_whole_digits(void **state)
{
	static const char *const list = "table1 = sex, birth_weight_g,";
	char *ini = slurp_n("config/example.ini", NULL), *at, *md, cmd[1024];
	const char *bin = getenv("KOHORT_BIN");
	FILE *fp;

	(void)state;
	assert_non_null(ini);
	at = strstr(ini, list);
	assert_non_null(at);
	at += strlen(list);
	fp = fopen("output/test_report_t1_kg.ini", "w");
	assert_non_null(fp);
	fprintf(fp, "%.*s bw_kg,%s\n[variable bw_kg]\nlabel = Birth weight, kg\n"
		"expr = birth_weight_g / 1000\n", (int)(at - ini), ini, at);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s run --output output/test_report_t1_kg "
		 "output/test_report_t1_kg.ini >/dev/null", bin ? bin : "./kohort");
	assert_int_equal(sh(cmd), 0);
	md = slurp_n("output/test_report_t1_kg/tables/table1.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "| Birth weight, kg |"));
	assert_non_null(strstr(md, "| &emsp;Median (IQR) | 3.5 (3.1" EN_DASH
				   "3.9) | 3.5 (3.1" EN_DASH "3.9) |"));
	assert_non_null(strstr(md, "| &emsp;Median (IQR) | 3500 (3130" EN_DASH
				   "3880) |"));
	assert_non_null(strstr(md, "| &emsp;Mean (SD) | 3.5 (0.6) |"));
	free(md);
}

/* [report] language = fi / sv: config/example.ini's report in the language
 * (output/test_report_<lang>); decimal_mark, when given, overrides the
 * language's mark. */
static void run_language(const char *lang, const char *mark)
{
	char *ini = slurp_n("config/example.ini", NULL), *at, cmd[1024], path[256];
	const char *bin = getenv("KOHORT_BIN");
	FILE *fp;

	assert_non_null(ini);
	at = strstr(ini, "decimal_mark = .");
	assert_non_null(at);
	snprintf(path, sizeof(path), "output/test_report_lang_%s%s.ini", lang,
		 mark ? "_mark" : "");
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "%.*slanguage = %s\n%s%s%s", (int)(at - ini), ini, lang,
		mark ? "decimal_mark = " : "", mark ? mark : "", at + 16);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s run --output output/test_report_lang_%s%s "
		 "%s >/dev/null", bin ? bin : "./kohort", lang, mark ? "_mark" : "",
		 path);
	assert_int_equal(sh(cmd), 0);
}

/* The English table's texts cut at their printf conversions, the pieces of
 * 6 or more characters (shorter ones, "No", "All", are words of the data),
 * except a single lower-case word ("before", "birth": the methods text's
 * connectives, words of the data too). */
static int english_pieces(char pieces[][256], int max)
{
	int id, n = 0;

	for (id = 0; id < KO_MSG_COUNT; id++) {
		const char *s = ko_lang_text(KO_LANG_EN, (enum ko_msg)id);

		while (*s && n < max) {
			size_t len = 0;

			while (s[len] && !(s[len] == '%' && s[len + 1] != ')' &&
					   s[len + 1] != ' '))
				len++;
			/* trim the punctuation a translation may share */
			while (len && strchr(" ;.,():<", s[len - 1]))
				len--;
			{
				const char *b = s;
				size_t k = len;

				while (k && strchr(" ;.,():<", *b))
					b++, k--;
				if (k >= 6 && k < 256 &&
				    (memchr(b, ' ', k) || !islower((unsigned char)*b))) {
					memcpy(pieces[n], b, k);
					pieces[n++][k] = '\0';
				}
			}
			s += len;
			while (*s && strchr(" ;.,():<", *s))
				s++;
			if (*s == '%')
				s += 2;
		}
	}
	return n;
}

/* No English fixed text in a file of a fi/sv report (report.html with its
 * warnings and methods text too). */
static int english_hits(const char *path, char pieces[][256], int n,
			int *first)
{
	char *text = slurp_n(path, NULL);
	int i, hits = 0;

	assert_non_null(text);
	for (i = 0; i < n; i++)
		if (strstr(text, pieces[i]) && !hits++)
			*first = i;
	free(text);
	return hits;
}

static void assert_no_english(const char *path, char pieces[][256], int n)
{
	int first = 0;

	if (english_hits(path, pieces, n, &first))
		fail_msg("%s: English text left: '%s'", path, pieces[first]);
}

static void test_language(void **state)
{
	static const char *const langs[] = { "fi", "sv" };
	static const char *const files[] = {
		"tables/table1.md", "tables/table1_exposure.html",
		"tables/cohort_flow.md", "tables/regional.md",
		"tables/parent_linkage.html", "tables/model_placement.md",
		"tables/model_placement.tex", "tables/model_placement_ndd.html",
		"tables/follow_up.md", "tables/follow_up.csv", "report.html",
	};
	static char pieces[KO_MSG_COUNT * 4][256];
	char path[512], *md, *html;
	size_t l, f;
	int n = english_pieces(pieces, KO_MSG_COUNT * 4), l2;

	(void)state;
	/* the scan finds what it looks for */
	if (n < 60)
		fail_msg("only %d English pieces", n);
	for (f = 0; f < (size_t)n; f++)
		if (!strcmp(pieces[f], "Persons, n"))
			break;
	assert_true(f < (size_t)n);
	/* and finds them in an English report (test_decimal_comma's) */
	if (english_hits("output/test_report_fi/tables/table1.md", pieces, n,
			 &l2) < 5 ||
	    english_hits("output/test_report_fi/report.html", pieces, n, &l2) < 10)
		fail_msg("the scan does not find English in an English report");
	for (l = 0; l < 2; l++) {
		run_language(langs[l], NULL);
		for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
			snprintf(path, sizeof(path), "output/test_report_lang_%s/%s",
				 langs[l], files[f]);
			assert_no_english(path, pieces, n);
		}
		snprintf(path, sizeof(path), "output/test_report_lang_%s/report.html",
			 langs[l]);
		html = slurp_n(path, NULL);
		assert_non_null(html);
		snprintf(path, sizeof(path), "<html lang=\"%s\">", langs[l]);
		assert_non_null(strstr(html, path));
		/* the methods text: counts grouped, the model stage's labels in
		 * the language (issue #18 item 2; were "9680", "maximum
		 * likelihood", "cluster HC0 (mother)") */
		assert_non_null(strstr(html, l ? "kohorten har 9\xc2\xa0" "680 personer"
					       : "kohortissa on 9\xc2\xa0" "680 henkilöä"));
		assert_non_null(strstr(html, l ? "klustrade HC0 (mor)"
					       : "klusteroitu HC0 (äiti)"));
		assert_non_null(strstr(html, l ? "maximal likelihood"
					       : "suurimman uskottavuuden menetelmä"));
		assert_null(strstr(html, "maximum likelihood;"));
		free(html);
		/* a standalone table page says its language */
		snprintf(path, sizeof(path), "output/test_report_lang_%s/tables/"
			 "table1.html", langs[l]);
		html = slurp_n(path, NULL);
		assert_non_null(html);
		snprintf(path, sizeof(path), "<html lang=\"%s\">", langs[l]);
		assert_non_null(strstr(html, path));
		free(html);
		/* numbers: decimal comma, no-break space between thousands,
		 * "< 0,001" */
		snprintf(path, sizeof(path), "output/test_report_lang_%s/tables/table1.md",
			 langs[l]);
		md = slurp_n(path, NULL);
		assert_non_null(md);
		assert_non_null(strstr(md, "| 9\xc2\xa0" "680 |"));
		assert_non_null(strstr(md, "5\xc2\xa0" "044 (52,1)"));
		assert_non_null(strstr(md, "| < 0,001 |"));
		assert_null(strstr(md, "(52.1)"));
		assert_null(strstr(md, "<0,001"));
		assert_non_null(strstr(md, l ? "Personer, n" : "Henkilöitä, n"));
		assert_non_null(strstr(md, l ? "Saknas" : "Puuttuu"));
		free(md);
		snprintf(path, sizeof(path),
			 "output/test_report_lang_%s/tables/model_placement.md", langs[l]);
		md = slurp_n(path, NULL);
		assert_non_null(md);
		assert_non_null(strstr(md, l ? "Justerad RR: RR (95 % KI)"
					     : "Vakioitu RR: RR (95 %:n lv)"));
		assert_non_null(strstr(md, l ? "1 (referens)" : "1 (vertailu)"));
		free(md);
	}
	/* decimal_mark = . keeps the point (and the Finnish texts) */
	run_language("fi", ".");
	md = slurp_n("output/test_report_lang_fi_mark/tables/table1.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "5\xc2\xa0" "044 (52.1)"));
	assert_non_null(strstr(md, "| < 0.001 |"));
	assert_non_null(strstr(md, "Henkilöitä, n"));
	free(md);
}

/* ---- model tables (hand-made model-stage output) ------------------------- */

/* A csv with a header, fields looked up by column name. */
struct sheet {
	char *text;
	char *names[32];
	int ncol, nrow;
	char *cells[64][32];
};

static void sheet_read(struct sheet *sh_, const char *path)
{
	char *line, *save = NULL;

	memset(sh_, 0, sizeof(*sh_));
	sh_->text = slurp_n(path, NULL);
	assert_non_null(sh_->text);
	line = strtok_r(sh_->text, "\n", &save);
	sh_->ncol = csv_split(line, sh_->names, 32);
	while ((line = strtok_r(NULL, "\n", &save))) {
		assert_true(sh_->nrow < 64);
		assert_int_equal(csv_split(line, sh_->cells[sh_->nrow], 32), sh_->ncol);
		sh_->nrow++;
	}
}

static const char *field(const struct sheet *sh_, int r, const char *name)
{
	int c;

	for (c = 0; c < sh_->ncol; c++)
		if (!strcmp(sh_->names[c], name))
			return sh_->cells[r][c];
	fail_msg("no column %s", name);
	return NULL;
}

static double num(const struct sheet *sh_, int r, const char *name)
{
	const char *f = field(sh_, r, name);

	return *f ? strtod(f, NULL) : NAN;
}

static const char *model_label(void *ctx, const char *term)
{
	(void)ctx;
	if (!strcmp(term, "sa_years"))
		return "Parental social assistance, years";
	return NULL;
}

static int row_of(const struct ko_table *t, const char *term, const char *level)
{
	int r;

	for (r = 0; r < t->nrow; r++)
		if (t->rows[r].term && !strcmp(t->rows[r].term, term) &&
		    !strcmp(t->rows[r].value ? t->rows[r].value : "", level))
			return r;
	fail_msg("no row %s / %s", term, level);
	return -1;
}

/* The hand-made model-stage output of tests/fixtures/describe_model_*.csv
 * as a report model (strings borrowed from the sheets). */
struct fixture_model {
	struct sheet coef, stats, tests;
	struct ko_report_coef c[64];
	struct ko_report_fit f[16];
	struct ko_report_joint j[16];
	struct ko_report_model m;
};

static void fixture_model_read(struct fixture_model *x)
{
	struct ko_report_coef *c = x->c;
	struct ko_report_fit *f = x->f;
	struct ko_report_joint *j = x->j;
	int i;

	sheet_read(&x->coef, "tests/fixtures/describe_model_coef.csv");
	sheet_read(&x->stats, "tests/fixtures/describe_model_stats.csv");
	sheet_read(&x->tests, "tests/fixtures/describe_model_tests.csv");
	for (i = 0; i < x->coef.nrow; i++) {
		const struct sheet *coef = &x->coef;

		memset(&c[i], 0, sizeof(c[i]));
		c[i].stratum = field(coef, i, "stratum");
		c[i].version = field(coef, i, "version");
		c[i].exposure = NULL;
		c[i].term = field(coef, i, "term");
		c[i].level = field(coef, i, "level");
		c[i].estimate = num(coef, i, "estimate");
		c[i].std_error = num(coef, i, "std_error");
		c[i].reference = c[i].estimate == 0 && isnan(c[i].std_error);
		c[i].p_value = num(coef, i, "p_value");
		c[i].effect = num(coef, i, "odds_ratio");
		c[i].conf_low = num(coef, i, "conf_low");
		c[i].conf_high = num(coef, i, "conf_high");
		c[i].n = num(coef, i, "n");
		c[i].events = num(coef, i, "events");
		c[i].risk_ratio = c[i].rr_low = c[i].rr_high = NAN;
		/* as the model stage's conf_low_log, conf_high_log */
		c[i].conf_low_log = log(c[i].conf_low);
		c[i].conf_high_log = log(c[i].conf_high);
	}
	for (i = 0; i < x->stats.nrow; i++) {
		const struct sheet *stats = &x->stats;

		f[i].stratum = field(stats, i, "stratum");
		f[i].version = field(stats, i, "version");
		f[i].exposure = field(stats, i, "exposure");
		f[i].n = num(stats, i, "n_used");
		f[i].events = num(stats, i, "events");
		f[i].auc = num(stats, i, "auc");
		f[i].auc_low = num(stats, i, "auc_conf_low");
		f[i].auc_high = num(stats, i, "auc_conf_high");
	}
	for (i = 0; i < x->tests.nrow; i++) {
		const struct sheet *tests = &x->tests;

		j[i].stratum = field(tests, i, "stratum");
		j[i].version = field(tests, i, "version");
		j[i].exposure = field(tests, i, "exposure");
		j[i].term = field(tests, i, "term");
		j[i].p_value = num(tests, i, "wald_p_value");
	}
	memset(&x->m, 0, sizeof(x->m));
	x->m.name = "model_placement";
	x->m.title = "Out-of-home placement before age 18";
	x->m.stratum = "all";
	x->m.coefs = c;
	x->m.n_coefs = (size_t)x->coef.nrow;
	x->m.fits = f;
	x->m.n_fits = (size_t)x->stats.nrow;
	x->m.joints = j;
	x->m.n_joints = (size_t)x->tests.nrow;
	x->m.label = model_label;
}

static void fixture_model_release(struct fixture_model *x)
{
	free(x->coef.text);
	free(x->stats.text);
	free(x->tests.text);
}

/* The estimate columns are headed by the model family's effect ("OR",
 * "RR", ...: ko_model_family), "OR" when none is given. */
static void test_model_table_family(void **state)
{
	struct fixture_model fm;
	struct ko_table *t = NULL;
	struct ko_err err;

	(void)state;
	fixture_model_read(&fm);
	fm.m.effect_abbrev = "RR";
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &fm.m, T, &err), KO_OK);
	assert_string_equal(t->cols[2].header, "RR (95% CI)");
	assert_string_equal(t->cols[4].header, "RR (95% CI)");
	/* the footnote names the family's effect, not the odds ratio */
	assert_non_null(strstr(t->footnote, "RR: risk ratio with 95% confidence"));
	assert_null(strstr(t->footnote, "odds ratio"));
	ko_table_free(t);
	fixture_model_release(&fm);
}

static void test_model_table(void **state)
{
	struct fixture_model fm;
	struct ko_report_model m;
	struct ko_number_format fmt;
	struct ko_table *t = NULL;
	struct ko_err err;
	int i, r, sa_head, ref, lvl, small, other, persons, auc;
	char *md;
	struct stat st;

	(void)state;
	fixture_model_read(&fm);
	m = fm.m;
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	assert_true(t->model);
	/* the intercept is left out; the term heading carries the label and
	 * both joint p-values */
	for (r = 0; r < t->nrow; r++)
		assert_true(strcmp(t->rows[r].term, "(Intercept)"));
	sa_head = row_of(t, "sa_years", "");
	assert_string_equal(t->rows[sa_head].label, "Parental social assistance, years");
	assert_close(ko_table_cell(t, sa_head, 5)->v[0], 1e-40, 0);
	assert_close(ko_table_cell(t, sa_head, 3)->v[0], 1e-48, 0);
	/* reference level: 1 (ref) in both models, with its n and events */
	ref = row_of(t, "sa_years", "0");
	assert_int_equal(ko_table_cell(t, ref, 2)->kind, KO_CELL_REF);
	assert_int_equal(ko_table_cell(t, ref, 4)->kind, KO_CELL_REF);
	assert_close(ko_table_cell(t, ref, 0)->v[0], 7470, 0);
	assert_close(ko_table_cell(t, ref, 1)->v[0], 189, 0);
	assert_close(ko_table_cell(t, ref, 1)->v[1], 100.0 * 189 / 7470, 1e-15);
	/* a level: crude and adjusted side by side */
	lvl = row_of(t, "sa_years", "2-3");
	assert_int_equal(t->rows[lvl].level, 1);
	assert_close(ko_table_cell(t, lvl, 4)->v[0], 3.09565650320167, 0);
	assert_close(ko_table_cell(t, lvl, 4)->v[1], 2.29, 0);
	assert_close(ko_table_cell(t, lvl, 4)->v[2], 4.2, 0);
	assert_close(ko_table_cell(t, lvl, 5)->v[0], 3e-13, 0);
	assert_close(ko_table_cell(t, lvl, 2)->v[0], 3.35348465, 0);
	assert_close(ko_table_cell(t, lvl, 3)->v[0], 6e-15, 0);
	/* a 0/1 term: one row */
	r = row_of(t, "ndd", "");
	assert_int_equal(t->rows[r].level, 0);
	assert_close(ko_table_cell(t, r, 4)->v[0], 3.18993328811384, 0);
	/* 3 events among parent_death = yes: suppressed, with a complement
	 * in its column, and both levels' estimates hidden */
	small = row_of(t, "parent_death", "yes");
	other = row_of(t, "parent_death", "no");
	assert_int_equal(ko_table_cell(t, small, 1)->supp, KO_SUPP_PRIMARY);
	assert_int_equal(ko_table_cell(t, other, 1)->supp, KO_SUPP_SECONDARY);
	for (i = 2; i < 6; i++)
		if (ko_table_cell(t, small, i)->kind != KO_CELL_EMPTY)
			assert_int_not_equal(ko_table_cell(t, small, i)->supp, KO_SUPP_NONE);
	assert_int_equal(ko_table_cell(t, small, 0)->supp, KO_SUPP_NONE); /* n = 40 */
	/* 9 persons, 6 events: 3 without the outcome follow by difference,
	 * so the events and the estimates are hidden; n is shown */
	r = row_of(t, "high_risk", "");
	assert_int_equal(ko_table_cell(t, r, 0)->supp, KO_SUPP_NONE);
	for (i = 1; i < 6; i++)
		assert_int_equal(ko_table_cell(t, r, i)->supp, KO_SUPP_DERIVED);
	/* the model underneath: persons, events, AUC (crude AUC only with
	 * one crude fit) */
	persons = row_of(t, "(model)", "n");
	auc = row_of(t, "(model)", "auc");
	assert_int_equal(persons, t->nrow - 2);
	assert_int_equal(auc, t->nrow - 1);
	assert_close(ko_table_cell(t, persons, 0)->v[0], 9650, 0);
	assert_close(ko_table_cell(t, persons, 1)->v[0], 405, 0);
	assert_close(ko_table_cell(t, auc, 4)->v[0], 0.71, 0);
	assert_int_equal(ko_table_cell(t, auc, 2)->kind, KO_CELL_EMPTY);
	/* as text */
	ko_format_init(&fmt);
	assert_int_equal(ko_table_write(t, KO_TABLE_MD, &fmt,
					"output/test_report_model.md", &err), KO_OK);
	md = slurp_n("output/test_report_model.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "| &emsp;0 | 7470 | 189 (2.5) | 1 (ref) |  | 1 (ref) |"));
	assert_non_null(strstr(md, "3.10 (2.29–4.20)"));
	assert_non_null(strstr(md, "<5"));
	assert_non_null(strstr(md, "Crude: OR (95% CI)"));
	assert_non_null(strstr(md, "| AUC (95% CI) |  |  |  |  | 0.71 (0.69–0.73) |  |"));
	assert_non_null(strstr(md, "| &emsp;yes | 40 | <5 | x | x | x | x |"));
	assert_non_null(strstr(md, "| &emsp;no | 9610 | x | 1 (ref) |  | 1 (ref) |  |"));
	assert_null(strstr(md, "| 3 ("));
	free(md);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt,
					"output/test_report_model.csv", &err), KO_OK);
	md = slurp_n("output/test_report_model.csv", NULL);
	assert_non_null(md);
	assert_memory_equal(md, "model,term,level,estimate,conf_low,conf_high,p_value,n,events,"
			    "conf_low_log,conf_high_log\n", 88);
	free(md);
	/* the forest plot of the adjusted model */
	assert_int_equal(ko_report_forest(t, &fmt, "output/test_report_forest", &err),
			 KO_OK);
	assert_int_equal(stat("output/test_report_forest.svg", &st), 0);
	assert_true(st.st_size > 1000);
	assert_int_equal(stat("output/test_report_forest.png", &st), 0);
	assert_int_equal(stat("output/test_report_forest.pdf", &st), 0);
	ko_table_free(t);
	fixture_model_release(&fm);
}

/* Counts-derived statistics (issue #13, route 4): a crude OR is the 2 x k
 * table of its term, so with the reference level's events hidden a shown
 * level's crude OR and counts would give them back; every crude estimate
 * and p of the term (its joint p too) is hidden with them, the adjusted
 * ones stay.  The crude column is exported rounded as shown, the adjusted
 * one at full precision. */
static void test_model_table_crude_derived(void **state)
{
	struct fixture_model fm;
	struct ko_report_model m;
	struct ko_number_format fmt;
	struct ko_table *t = NULL;
	struct ko_err err;
	int i, r, head, ref, lvl;
	char *csv;

	(void)state;
	fixture_model_read(&fm);
	/* sa_years 0 (the reference) gets 3 events, level 1 the other 186 */
	for (i = 0; i < (int)fm.m.n_coefs; i++) {
		if (strcmp(fm.c[i].term, "sa_years"))
			continue;
		if (!strcmp(fm.c[i].level, "0"))
			fm.c[i].events = 3;
		else if (!strcmp(fm.c[i].level, "1"))
			fm.c[i].events = 54 + 186;
	}
	m = fm.m;
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	head = row_of(t, "sa_years", "");
	ref = row_of(t, "sa_years", "0");
	assert_int_equal(ko_table_cell(t, ref, 1)->supp, KO_SUPP_PRIMARY);
	for (r = head + 1; r <= head + 4; r++) {
		if (r == ref)
			continue;
		/* crude estimate (2) and p (3): hidden; adjusted (4, 5) shown
		 * unless the level's own counts are hidden */
		assert_int_not_equal(ko_table_cell(t, r, 2)->supp, KO_SUPP_NONE);
		assert_int_not_equal(ko_table_cell(t, r, 3)->supp, KO_SUPP_NONE);
	}
	assert_int_equal(ko_table_cell(t, head, 3)->supp, KO_SUPP_DERIVED);
	assert_int_equal(ko_table_cell(t, head, 5)->supp, KO_SUPP_NONE);
	lvl = row_of(t, "sa_years", "4+");
	if (!ko_table_cell(t, lvl, 0)->supp && !ko_table_cell(t, lvl, 1)->supp)
		assert_int_equal(ko_table_cell(t, lvl, 4)->supp, KO_SUPP_NONE);
	ko_table_free(t);

	/* the fixture as it is: crude cells rounded in the csv; one crude
	 * CI end given to more digits than shown, with its log */
	fixture_model_release(&fm);
	fixture_model_read(&fm);
	m = fm.m;
	{
		size_t k;

		for (k = 0; k < m.n_coefs; k++)
			if (!strcmp(fm.c[k].version, "crude") &&
			    !strcmp(fm.c[k].level, "2-3")) {
				fm.c[k].conf_low = 2.4812345;
				fm.c[k].conf_low_log = log(2.4812345);
			}
	}
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	ko_format_init(&fmt);
	assert_int_equal(ko_table_write(t, KO_TABLE_CSV, &fmt,
					"output/test_report_crude.csv", &err), KO_OK);
	csv = slurp_n("output/test_report_crude.csv", NULL);
	assert_non_null(csv);
	/* crude 3.35348465 (2.48-4.54), p 6e-15 shown "<0.001" */
	assert_non_null(strstr(csv, "\nCrude,sa_years,2-3,3.35,2.48,4.54,0,660,57,"
			       "0.9082585601768908,1.5129270120532565\n"));
	assert_null(strstr(csv, "3.35348465"));
	/* adjusted: full precision, the log CI as the model stage gave it */
	assert_non_null(strstr(csv, "\nAdjusted,sa_years,2-3,3.09565650320167,2.29,4.2,"
			       "3e-13,660,57,0.8285518175661483,1.4350845252893227\n"));
	free(csv);
	ko_table_free(t);
	fixture_model_release(&fm);
}

/* A cohort for the nested-population rule: sa_years 1 has 2 more persons
 * in the cohort than in the model, 4+ is hidden there, the model's events
 * are 3 fewer than the cohort's; everything else as in the model. */
static double nested_outer(void *nest, const char *term, const char *level,
			   int events)
{
	(void)nest;
	if (!strcmp(term, "sa_years") && !strcmp(level, "1") && !events)
		return 727 + 2;
	if (!strcmp(term, "sa_years") && !strcmp(level, "4+"))
		return -1;
	if (!strcmp(term, "(model)") && events)
		return 405 + 3;
	return NAN;
}

/* Nested populations (docs/outputs.md, "Across tables"): a level count
 * 1..T-1 short of the cohort's is hidden (x, not <T), a level hidden in the
 * cohort's table is hidden, a model total 1..T-1 short is hidden with the
 * largest non-reference level of every block; the complements are chosen
 * around them; the adjusted estimates of such levels stay, the crude ones
 * go. */
static void test_model_table_nested(void **state)
{
	struct fixture_model fm;
	struct ko_report_model m;
	struct ko_table *t = NULL;
	struct ko_err err;
	int r1, r4, ref, tot, r, hidden_ev = 0;

	(void)state;
	fixture_model_read(&fm);
	m = fm.m;
	m.outer_count = nested_outer;
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	r1 = row_of(t, "sa_years", "1");
	r4 = row_of(t, "sa_years", "4+");
	ref = row_of(t, "sa_years", "0");
	tot = row_of(t, "(model)", "n");
	assert_int_equal(ko_table_cell(t, r1, 0)->supp, KO_SUPP_SECONDARY);
	assert_int_not_equal(ko_table_cell(t, r4, 0)->supp, KO_SUPP_NONE);
	assert_int_not_equal(ko_table_cell(t, r4, 1)->supp, KO_SUPP_NONE);
	/* the adjusted OR of level 1 (727 persons) stays, its crude goes */
	assert_int_equal(ko_table_cell(t, r1, 4)->supp, KO_SUPP_NONE);
	assert_int_not_equal(ko_table_cell(t, r1, 2)->supp, KO_SUPP_NONE);
	/* the model's events: hidden (3 not in the model), its persons not */
	assert_int_equal(ko_table_cell(t, tot, 1)->supp, KO_SUPP_SECONDARY);
	assert_int_equal(ko_table_cell(t, tot, 0)->supp, KO_SUPP_NONE);
	/* every block summing to it has another hidden events cell, never
	 * the reference's for that reason */
	for (r = 0; r < t->nrow; r++)
		if (r != tot && t->rows[r].value &&
		    !strcmp(t->rows[r].term, "sa_years"))
			hidden_ev += ko_table_cell(t, r, 1)->supp != KO_SUPP_NONE;
	assert_true(hidden_ev >= 1);
	assert_int_equal(ko_table_cell(t, ref, 1)->supp == KO_SUPP_NONE ||
			 ko_table_cell(t, ref, 1)->supp == KO_SUPP_SECONDARY, 1);
	/* a table on its own (no callback) hides none of these */
	ko_table_free(t);
	m = fm.m;
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	assert_int_equal(ko_table_cell(t, r1, 0)->supp, KO_SUPP_NONE);
	assert_int_equal(ko_table_cell(t, tot, 1)->supp, KO_SUPP_NONE);
	ko_table_free(t);
	fixture_model_release(&fm);
}

static const char *value_label_of(void *ctx, const char *term,
				  const char *level)
{
	(void)ctx;
	if (!strcmp(term, "parent_death") && !strcmp(level, "yes"))
		return "Parent died";
	return NULL;
}

static void cell_text_is(const struct ko_table *t, int r, int c,
			 const char *want)
{
	struct ko_number_format fmt;
	char buf[128];

	ko_format_init(&fmt);
	ko_table_cell_text(t, ko_table_cell_c(t, r, c), &fmt, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* effect = rd/paf on hand-made numbers, at level = 0.90: the RD column on
 * the effect exposure's levels only, in percentage points with "0 (ref)";
 * the attributable fraction (%) and cases under the model, crude and
 * adjusted; "90% CI" everywhere; value labels on level rows (the tidy
 * level stays the value). */
static void test_model_table_effects(void **state)
{
	static const struct ko_report_rd rd[] = {
		{ "0", 1, 0, NAN, NAN },
		{ "1", 0, 0.0369063460073351, 0.0197695887175497, 0.0540431032971204 },
		{ "2-3", 0, 0.0540611183005345, 0.0336803900881415, 0.0744418465129275 },
		{ "4+", 0, 0.0959794031722362, 0.0739865088491186, 0.117972297495354 },
	};
	static const struct ko_report_rd rd_pd[] = {
		{ "no", 1, 0, NAN, NAN },
		{ "yes", 0, 0.012, -0.01, 0.034 },
	};
	struct ko_report_effect adj = {
		"sa_years", rd, 4, 1, 0.376609821140678, 0.310560656009881,
		0.436331392332278, 151.773757919693, 125.155944371982,
		175.841551109908,
	};
	struct ko_report_effect crude = adj;
	struct fixture_model fm;
	struct ko_report_model m;
	struct ko_table *t = NULL;
	struct ko_err err;
	int r, c_rd = 6, paf, att, auc;

	(void)state;
	crude.paf = 0.399841062997055;
	crude.attributable = 161.135948387813;
	fixture_model_read(&fm);
	m = fm.m;
	m.has_rd = 1;
	m.effect = &adj;
	m.crude_effect = &crude;
	m.level = 0.90;
	m.value_label = value_label_of;
	ko_err_clear(&err);
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	assert_int_equal(t->ncol, 7);
	assert_close(t->ci_level, 0.90, 1e-15);
	assert_string_equal(t->cols[2].header, "OR (90% CI)");
	assert_string_equal(t->cols[4].header, "OR (90% CI)");
	assert_string_equal(t->cols[c_rd].header, "RD, percentage points (90% CI)");
	assert_string_equal(t->cols[c_rd].group, "Adjusted RD");
	assert_non_null(strstr(t->footnote, "odds ratio with 90% confidence"));
	assert_null(strstr(t->footnote, "95%"));
	assert_non_null(strstr(t->footnote, "RD: adjusted risk difference in "
			       "percentage points for the levels of Parental "
			       "social assistance, years"));
	/* the RD column: 100 x the effect's proportions, the reference 0 */
	r = row_of(t, "sa_years", "0");
	assert_int_equal(ko_table_cell(t, r, c_rd)->kind, KO_CELL_REF);
	cell_text_is(t, r, c_rd, "0 (ref)");
	r = row_of(t, "sa_years", "2-3");
	assert_int_equal(ko_table_cell(t, r, c_rd)->kind, KO_CELL_PCT_CI);
	assert_close(ko_table_cell(t, r, c_rd)->v[0], 5.40611183005345, 1e-14);
	assert_close(ko_table_cell(t, r, c_rd)->v[1], 3.36803900881415, 1e-14);
	assert_close(ko_table_cell(t, r, c_rd)->v[2], 7.44418465129275, 1e-14);
	cell_text_is(t, r, c_rd, "5.4 (3.4\xe2\x80\x93" "7.4)");
	/* not the effect exposure: no RD */
	assert_int_equal(ko_table_cell(t, row_of(t, "ndd", ""), c_rd)->kind,
			 KO_CELL_EMPTY);
	assert_int_equal(ko_table_cell(t, row_of(t, "parent_death", "no"), c_rd)->kind,
			 KO_CELL_EMPTY);
	/* a value label shows, the tidy level stays the value */
	r = row_of(t, "parent_death", "yes");
	assert_string_equal(t->rows[r].label, "Parent died");
	/* under the model: AUC, then the fraction and the cases */
	auc = row_of(t, "(model)", "auc");
	paf = row_of(t, "(model)", "paf");
	att = row_of(t, "(model)", "attributable_cases");
	assert_string_equal(t->rows[auc].label, "AUC (90% CI)");
	assert_string_equal(t->rows[paf].label, "Attributable fraction, % (90% CI)");
	assert_string_equal(t->rows[att].label, "Attributable cases, n (90% CI)");
	assert_int_equal(att, t->nrow - 1);
	assert_close(ko_table_cell(t, paf, 4)->v[0], 37.6609821140678, 1e-14);
	assert_close(ko_table_cell(t, paf, 4)->v[2], 43.6331392332278, 1e-14);
	assert_close(ko_table_cell(t, paf, 2)->v[0], 39.9841062997055, 1e-14);
	cell_text_is(t, paf, 4, "37.7 (31.1\xe2\x80\x93" "43.6)");
	cell_text_is(t, att, 4, "152 (125\xe2\x80\x93" "176)");
	cell_text_is(t, att, 2, "161 (125\xe2\x80\x93" "176)");
	assert_int_equal(ko_table_cell(t, att, 4)->supp, KO_SUPP_NONE);
	ko_table_free(t);
	t = NULL;

	/* the effect exposure has a level with hidden events: its RD is
	 * hidden; attributable cases under T are "<T" and the fraction
	 * (cases / events) hidden with them */
	adj.exposure = "parent_death";
	adj.levels = rd_pd;
	adj.n_levels = 2;
	adj.attributable = 3.2;
	m.crude_effect = NULL;
	m.level = 0;
	assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
	assert_string_equal(t->cols[c_rd].header, "RD, percentage points (95% CI)");
	cell_text_is(t, row_of(t, "parent_death", "no"), c_rd, "0 (ref)");
	r = row_of(t, "parent_death", "yes");
	assert_int_equal(ko_table_cell(t, r, 1)->supp, KO_SUPP_PRIMARY);
	assert_int_equal(ko_table_cell(t, r, c_rd)->supp, KO_SUPP_DERIVED);
	cell_text_is(t, r, c_rd, "x");
	assert_int_equal(ko_table_cell(t, row_of(t, "sa_years", "1"), c_rd)->kind,
			 KO_CELL_EMPTY);
	paf = row_of(t, "(model)", "paf");
	att = row_of(t, "(model)", "attributable_cases");
	assert_int_equal(ko_table_cell(t, att, 4)->supp, KO_SUPP_PRIMARY);
	assert_int_equal(ko_table_cell(t, paf, 4)->supp, KO_SUPP_DERIVED);
	cell_text_is(t, att, 4, "<5");
	cell_text_is(t, paf, 4, "x");
	assert_int_equal(ko_table_cell(t, att, 2)->kind, KO_CELL_EMPTY);
	ko_table_free(t);
	t = NULL;

	/* a 0/1 exposure has one row: it carries the RD of its level 1 */
	{
		static const struct ko_report_rd rd_ndd[] = {
			{ "0", 1, 0, NAN, NAN },
			{ "1", 0, 0.0702, 0.051, 0.0894 },
		};

		adj.exposure = "ndd";
		adj.levels = rd_ndd;
		adj.attributable = 60.4;
		assert_int_equal(ko_report_model_table(&t, &m, T, &err), KO_OK);
		r = row_of(t, "ndd", "");
		assert_close(ko_table_cell(t, r, c_rd)->v[0], 7.02, 1e-14);
		cell_text_is(t, r, c_rd, "7.0 (5.1\xe2\x80\x93" "8.9)");
		cell_text_is(t, row_of(t, "(model)", "attributable_cases"), 4,
			     "60 (125\xe2\x80\x93" "176)");
		ko_table_free(t);
	}
	fixture_model_release(&fm);
}

/* The number after prefix in text (a tidy csv line's estimate), NAN when
 * the line is missing. */
static double after(const char *text, const char *prefix, int field_no)
{
	const char *p = strstr(text, prefix);
	int k;

	if (!p)
		return NAN;
	p += strlen(prefix);
	for (k = 0; k < field_no; k++) {
		p = strchr(p, ',');
		if (!p)
			return NAN;
		p++;
	}
	return *p == ',' || *p == '\n' ? NAN : strtod(p, NULL);
}

/* The example's placement model asks for effect = rd, paf: its table's
 * RD rows are 100 x models/placement_effects.csv's risk differences (with
 * CIs), its attributable fraction 100 x paf and its cases the
 * attributable cases, crude and adjusted (relative 1e-12: the two files
 * print the same doubles). */
/* x as the tables show it with digits decimals, read back. */
static double shown(double x, int digits)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", digits, x);
	return strtod(buf, NULL);
}

/* The fields of one csv line without quotes (at most max, the line
 * changed in place); how many. */
static int plain_fields(char *line, char **f, int max)
{
	int n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, ',');
		if (!line)
			break;
		*line++ = '\0';
	}
	return n;
}

/* The model tables show Table 1's population (docs/outputs.md, "Model
 * tables"): each level's persons and events are the cohort's as Table 1
 * shows them (7490 at sa_years 0, not the 7444 of the complete cases), the
 * "All persons" row is Table 1's persons, and "Not in the model (missing
 * values)" is the cohort less the model's complete cases (52 on the
 * example: shown, at least 5). */
static void test_model_table_on_cohort(void **state)
{
	struct sheet st;
	char *tab, *t1, *md, *line, *save = NULL, key[300];
	int i, same = 0, nim = -1;

	(void)state;
	tab = slurp_n(OUT1 "/tables/model_placement.csv", NULL);
	t1 = slurp_n(OUT1 "/tables/table1.csv", NULL);
	md = slurp_n(OUT1 "/tables/model_placement.md", NULL);
	assert_non_null(tab);
	assert_non_null(t1);
	assert_non_null(md);
	for (line = strtok_r(tab, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[16], *at;
		int nf = plain_fields(line, f, 16), k;

		if (nf < 9 || strcmp(f[0], "Adjusted") || !*f[2] ||
		    !strcmp(f[1], "(model)"))
			continue;
		for (k = 0; k < 2; k++) {
			if (!*f[7 + k])
				continue; /* hidden: Table 1 hides it too */
			snprintf(key, sizeof(key), "\n%s,%s,%s,n,", f[1], f[2],
				 k ? "Out-of-home placement before age 18: Yes"
				   : "Overall");
			at = strstr(t1, key);
			assert_non_null(at);
			assert_close(strtod(f[7 + k], NULL),
				     strtod(at + strlen(key), NULL), 0);
			same++;
		}
	}
	assert_true(same > 40);
	line = strstr(t1, "\npersons,,Overall,n,");
	assert_non_null(line);
	snprintf(key, sizeof(key), "\n| All persons | %ld | ",
		 strtol(line + strlen("\npersons,,Overall,n,"), NULL, 10));
	assert_non_null(strstr(md, key));
	sheet_read(&st, OUT1 "/models/placement_stats.csv");
	for (i = 0; i < st.nrow; i++)
		if (!strcmp(field(&st, i, "version"), "adjusted") &&
		    !strcmp(field(&st, i, "stratum"), "all"))
			nim = (int)(num(&st, i, "n_input") - num(&st, i, "n_used"));
	assert_true(nim >= 5);
	snprintf(key, sizeof(key), "\n| Not in the model (missing values) | %d | ",
		 nim);
	assert_non_null(strstr(md, key));
	assert_null(strstr(md, "Persons in the model"));
	free(st.text);
	free(tab);
	free(t1);
	free(md);
}

static void test_model_table_effects_match(void **state)
{
	struct sheet eff;
	char *tab, *md, *supp, prefix[160];
	int i, levels = 0;

	(void)state;
	tab = slurp_n(OUT1 "/tables/model_placement.csv", NULL);
	assert_non_null(tab);
	supp = slurp_n(OUT1 "/tables/suppression.csv", NULL);
	assert_non_null(supp);
	sheet_read(&eff, OUT1 "/models/placement_effects.csv");
	for (i = 0; i < eff.nrow; i++) {
		const char *version = field(&eff, i, "version");
		const char *level = field(&eff, i, "level");
		int adjusted = !strcmp(version, "adjusted"), k;
		static const char *const rd_cols[] = {
			"risk_difference", "rd_conf_low", "rd_conf_high" };
		static const char *const paf_cols[] = {
			"paf", "paf_conf_low", "paf_conf_high" };
		static const char *const att_cols[] = { "attributable_cases",
			"attributable_conf_low", "attributable_conf_high" };

		assert_string_equal(field(&eff, i, "exposure"), "sa_years");
		if (!strcmp(level, "(all)")) {
			for (k = 0; k < 3; k++) {
				snprintf(prefix, sizeof(prefix), "\n%s,(model),paf,",
					 adjusted ? "Adjusted" : "Crude");
				/* the crude fraction is a function of the
				 * crude fit's counts only (sa_years' available
				 * cases): hidden with a crude estimate of
				 * sa_years (on the example: 2-3, whose count
				 * Table 1 hides), else exported as shown (one
				 * decimal) */
				if (!adjusted && isnan(after(tab, prefix, k))) {
					assert_true(isnan(after(tab, "\nCrude,sa_years,1,", 0)) ||
						    isnan(after(tab, "\nCrude,sa_years,2-3,", 0)) ||
						    isnan(after(tab, "\nCrude,sa_years,4+,", 0)));
					snprintf(prefix, sizeof(prefix),
						 "\nCrude,(model),attributable_cases,");
					assert_true(isnan(after(tab, prefix, k)));
					continue;
				}
				assert_close(after(tab, prefix, k),
					     adjusted ? 100 * num(&eff, i, paf_cols[k])
						      : shown(100 * num(&eff, i, paf_cols[k]), 1),
					     1e-12);
				snprintf(prefix, sizeof(prefix),
					 "\n%s,(model),attributable_cases,",
					 adjusted ? "Adjusted" : "Crude");
				/* the fraction times the model's events: hidden
				 * with them (the example at 5: 3 events are not
				 * in the model, and the cases beside the fraction
				 * would put the events at 403 or 404) */
				if (strstr(supp, "\nmodel_placement,Persons in the "
						 "model,\"Events, n (%)\",") ||
				    strstr(supp, "\nmodel_placement,Not in the model "
						 "(missing values),\"Events, n (%)\",")) {
					assert_true(isnan(after(tab, prefix, k)));
					assert_non_null(strstr(supp, "\nmodel_placement,"
							       "\"Attributable cases, n (95% "
							       "CI)\",Adjusted: OR (95% CI),"
							       "derived\n"));
					continue;
				}
				/* a number of persons: whole, as shown */
				assert_close(after(tab, prefix, k),
					     shown(num(&eff, i, att_cols[k]), 0), 1e-12);
				assert_true(after(tab, prefix, k) ==
					    round(after(tab, prefix, k)));
			}
			continue;
		}
		if (!adjusted)
			continue;
		snprintf(prefix, sizeof(prefix), "\nAdjusted RD,sa_years,%s,", level);
		if (num(&eff, i, "risk_ratio") == 1) { /* the reference */
			assert_true(after(tab, prefix, 0) == 0);
			assert_true(isnan(after(tab, prefix, 1)));
		} else {
			for (k = 0; k < 3; k++)
				assert_close(after(tab, prefix, k),
					     100 * num(&eff, i, rd_cols[k]), 1e-12);
			assert_true(after(tab, prefix, 0) > 1);
		}
		levels++;
	}
	assert_int_equal(levels, 4);
	/* no RD on other terms */
	assert_null(strstr(tab, "\nAdjusted RD,ndd,"));
	free(tab);
	free(supp);
	free(eff.text);
	md = slurp_n(OUT1 "/tables/model_placement.md", NULL);
	assert_non_null(md);
	assert_non_null(strstr(md, "Adjusted RD: RD, percentage points (95% CI)"));
	assert_non_null(strstr(md, "| 1 (ref) | 0 (ref) |"));
	assert_non_null(strstr(md, "| Attributable fraction, % (95% CI) |"));
	assert_non_null(strstr(md, "| Attributable cases, n (95% CI) |"));
	free(md);
}

/* value_labels = 1: Boy, 2: Girl for sex in the example: the tables,
 * titles and report.html show the labels; the tidy csv's level,
 * analysis.csv.gz and models/ keep the values (models/NAME.csv names a
 * coefficient by term and level, sex and 2, not R's factor(sex)2:
 * docs/config.md). */
static void test_value_labels_shown(void **state)
{
	char *text;
	gzFile gz;
	char buf[4096];
	int n;

	(void)state;
	text = slurp_n(OUT1 "/tables/table1.md", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "| &emsp;Boy | "));
	assert_non_null(strstr(text, "| &emsp;Girl | "));
	assert_null(strstr(text, "| &emsp;2 | ")); /* sex 2: shown as Girl */
	free(text);
	text = slurp_n(OUT1 "/tables/table1.csv", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nsex,1,Overall,n,"));
	assert_null(strstr(text, "Boy"));
	free(text);
	text = slurp_n(OUT1 "/tables/model_placement.md", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "| &emsp;Girl | "));
	free(text);
	text = slurp_n(OUT1 "/tables/model_placement.csv", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nAdjusted,sex,2,"));
	free(text);
	text = slurp_n(OUT1 "/tables/model_placement_by_sex_sex_2.html", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "model placement_by_sex, Sex: Girl"));
	free(text);
	text = slurp_n(OUT1 "/report.html", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Boy</"));
	assert_non_null(strstr(text, "Sex: Girl"));
	assert_non_null(strstr(text, "; shown as 1 = Boy, 2 = Girl."));
	free(text);
	text = slurp_n(OUT1 "/models/placement.csv", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nplacement,all,adjusted,sex,1,0,"));
	assert_non_null(strstr(text, "\nplacement,all,adjusted,sex,2,"));
	assert_null(strstr(text, "factor("));
	assert_null(strstr(text, "Girl"));
	free(text);
	gz = gzopen(OUT1 "/analysis.csv.gz", "rb");
	assert_non_null(gz);
	while ((n = gzread(gz, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		assert_null(strstr(buf, "Boy"));
		assert_null(strstr(buf, "Girl"));
	}
	gzclose(gz);
}

/* level = 0.90 on one model of the example (a copy of the config): its
 * table, forest-plot caption and methods say 90% and carry the model
 * stage's 90% intervals; the other models keep 95%. */
static void test_ci_level_run(void **state)
{
	const char *bin = getenv("KOHORT_BIN");
	char *ini, *text, *mod, *at, cmd[1024], prefix[128];
	const char *anchor = "[model placement_ndd]\n";
	FILE *fp;
	double low_table, low_model;

	(void)state;
	ini = slurp_n("config/example.ini", NULL);
	assert_non_null(ini);
	at = strstr(ini, anchor);
	assert_non_null(at);
	at += strlen(anchor);
	fp = fopen("output/test_report_level.ini", "w");
	assert_non_null(fp);
	fprintf(fp, "%.*slevel = 0.90\n%s", (int)(at - ini), ini, at);
	fclose(fp);
	free(ini);
	snprintf(cmd, sizeof(cmd), "%s run --output output/test_report_level "
		 "output/test_report_level.ini >/dev/null 2>&1",
		 bin ? bin : "./kohort");
	assert_int_equal(sh(cmd), 0);
	text = slurp_n("output/test_report_level/tables/model_placement_ndd.md", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Adjusted: OR (90% CI)"));
	assert_non_null(strstr(text, "| AUC (90% CI) |"));
	assert_non_null(strstr(text, "odds ratio with 90% confidence interval"));
	assert_null(strstr(text, "95%"));
	free(text);
	text = slurp_n("output/test_report_level/tables/model_placement.md", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Adjusted: OR (95% CI)"));
	assert_null(strstr(text, "90%"));
	free(text);
	text = slurp_n("output/test_report_level/report.html", NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "Adjusted odds ratios with 90% confidence "
			       "intervals"));
	assert_non_null(strstr(text, "Adjusted odds ratios with 95% confidence "
			       "intervals"));
	assert_non_null(strstr(text, "; 90% confidence intervals: "));
	free(text);
	/* the table's bounds are the model stage's 90% ones */
	text = slurp_n("output/test_report_level/tables/model_placement_ndd.csv", NULL);
	mod = slurp_n("output/test_report_level/models/placement_ndd.csv", NULL);
	assert_non_null(text);
	assert_non_null(mod);
	low_table = after(text, "\nAdjusted,parent_psych,,", 1);
	/* conf_low: the 6th field after the level in models/NAME.csv */
	snprintf(prefix, sizeof(prefix), "\nplacement_ndd,all,adjusted,parent_psych,,");
	low_model = after(mod, prefix, 5);
	assert_false(isnan(low_model));
	assert_close(low_table, low_model, 1e-12);
	free(text);
	free(mod);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs_and_manifest),
		cmocka_unit_test(test_model_table_risk_ratios),
		cmocka_unit_test(test_model_table_effects_match),
		cmocka_unit_test(test_model_table_on_cohort),
		cmocka_unit_test(test_value_labels_shown),
		cmocka_unit_test(test_ci_level_run),
		cmocka_unit_test(test_rerun_identical),
		cmocka_unit_test(test_no_small_counts),
		cmocka_unit_test(test_attacker),
		cmocka_unit_test(test_attacker_finds_a_leak),
		cmocka_unit_test(test_attacker_small_cohorts),
		cmocka_unit_test(test_derived_hidden),
		cmocka_unit_test(test_chromium),
		cmocka_unit_test(test_flow_chain),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_table1_options),
		cmocka_unit_test(test_table1_whole_digits),
		cmocka_unit_test(test_language),
		cmocka_unit_test(test_model_table),
		cmocka_unit_test(test_model_table_family),
		cmocka_unit_test(test_model_table_effects),
		cmocka_unit_test(test_model_table_crude_derived),
		cmocka_unit_test(test_model_table_nested),
	};

	int failed = cmocka_run_group_tests(tests, setup, NULL);

	ko_report_release_caches();
	return failed;
}
