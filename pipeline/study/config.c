/*
 * config.c - study config parser (see config.h and docs/config.md).
 *
 * Two phases.  inih reads the file and every key = value is recorded with
 * its section and line (an indented continuation line is appended to the
 * value before it).  Then each section is resolved in dependency order
 * (study, extracts, link, cohort, variables, expressions), so that a key may
 * refer to a section written further down, and every problem is collected
 * with its line instead of stopping at the first.  The expression language
 * (expr = ..., where, subgroup) is expr.c, the [cohort] section
 * config_cohort.c, [variable NAME] config_vars.c and [model NAME]
 * config_model.c; what they share is config_impl.h.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_impl.h"
#include "expr.h"
#include "grow.h"
#include "lang.h"
#include "names.h"
#include "table.h"
#include "value.h"

/* ---- memory owned by the config ---------------------------------------- */

void *cfg_alloc(struct ko_config *cfg, size_t size)
{
	struct ko_config_priv *p = cfg->priv;
	void *mem;

	if (ko_grow(&p->allocs, p->n_allocs, &p->cap_allocs, sizeof(*p->allocs),
		    64)) {
		p->oom = 1;
		return NULL;
	}
	mem = calloc(1, size ? size : 1);
	if (!mem) {
		p->oom = 1;
		return NULL;
	}
	p->allocs[p->n_allocs++] = mem;
	return mem;
}

char *cfg_strndup(struct ko_config *cfg, const char *s, size_t n)
{
	char *d = cfg_alloc(cfg, n + 1);

	if (d)
		memcpy(d, s, n);
	return d;
}

char *cfg_strdup(struct ko_config *cfg, const char *s)
{
	return cfg_strndup(cfg, s, strlen(s));
}

/* Grow an array owned by the config by one element; returns the new
 * element (zeroed) or NULL.  Arrays are reallocated, so the old block is
 * replaced in the allocation list. */
void *cfg_push(struct ko_config *cfg, void **arr, size_t *n,
	       size_t elem)
{
	struct ko_config_priv *p = cfg->priv;
	char *na;
	size_t i;

	na = cfg_alloc(cfg, (*n + 1) * elem);
	if (!na)
		return NULL;
	if (*n)
		memcpy(na, *arr, *n * elem);
	for (i = 0; *arr && i < p->n_allocs; i++)
		if (p->allocs[i] == *arr) {
			free(p->allocs[i]);
			p->allocs[i] = p->allocs[--p->n_allocs];
			break;
		}
	*arr = na;
	return na + (*n)++ * elem;
}
/* ---- problems ----------------------------------------------------------- */

void problem(struct ko_config *cfg, long line, const char *fmt, ...)
{
	struct ko_cfg_problem *pr = PUSH(cfg, cfg->problems, cfg->n_problems);
	va_list ap;

	if (!pr)
		return;
	pr->line = line;
	va_start(ap, fmt);
	vsnprintf(pr->msg, sizeof(pr->msg), fmt, ap);
	va_end(ap);
}

static int cmp_problem(const void *a, const void *b)
{
	const struct ko_cfg_problem *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/* ---- phase 1: read with inih --------------------------------------------- */


/* Remember the line of a "[section]" header, so that problems about a
 * whole section point at it. */
static void note_header(struct ko_config *cfg, const char *line)
{
	struct ko_config_priv *p = cfg->priv;
	const char *s = skip_ws(line), *end;
	struct entry *e;

	if (*s != '[' || !(end = strchr(s, ']')))
		return;
	s++; /* the name as inih keeps it, blanks and all */
	if (skip_ws(s) == end && !p->continuation) {
		/* inih takes "[]" for the unnamed section before the first
		 * header: keys after it would land "outside any section" */
		problem(cfg, p->lineno, "empty section name '[]' (expected "
			"[study], [extract NAME], [link], [cohort], "
			"[variable NAME], [model NAME] or [report])");
		return;
	}
	if (ko_grow(&p->headers, p->n_headers, &p->cap_headers,
		    sizeof(*p->headers), 32)) {
		p->oom = 1;
		return;
	}
	e = &p->headers[p->n_headers];
	memset(e, 0, sizeof(*e));
	e->section = cfg_strndup(cfg, s, (size_t)(end - s));
	e->line = p->lineno;
	if (e->section)
		p->n_headers++;
}

/* fgets-style reader over the text: one line per call, so that lineno is
 * the line inih is working on. */
static char *read_line(char *str, int num, void *stream)
{
	struct ko_config *cfg = stream;
	struct ko_config_priv *p = cfg->priv;
	const char *s = p->text + p->pos, *nl;
	size_t len;

	if (!*s)
		return NULL;
	nl = strchr(s, '\n');
	len = nl ? (size_t)(nl - s) + 1 : strlen(s);
	p->pos += len;
	p->lineno++;
	p->continuation = (s[0] == ' ' || s[0] == '\t');
	if (len + 1 >= (size_t)num) {
		problem(cfg, p->lineno,
			"line longer than %d characters: continue the value on "
			"indented lines",
			num - 3);
		strcpy(str, "\n");
		return str;
	}
	memcpy(str, s, len);
	str[len] = '\0';
	note_header(cfg, str);
	return str;
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct ko_config *cfg = user;
	struct ko_config_priv *p = cfg->priv;
	struct entry *e;

	if (p->continuation && p->n_entries) {
		e = &p->entries[p->n_entries - 1];
		if (!strcmp(e->section, section) && !strcmp(e->key, name)) {
			size_t a = strlen(e->value), b = strlen(value);

			if (a + b + 2 > e->value_cap) {
				size_t cap = 2 * (a + b + 2);
				char *v = realloc(e->value, cap);

				if (!v) {
					p->oom = 1;
					return 1;
				}
				e->value = v;
				e->value_cap = cap;
			}
			e->value[a] = ' ';
			memcpy(e->value + a + 1, value, b + 1);
			return 1;
		}
	}
	if (ko_grow(&p->entries, p->n_entries, &p->cap_entries,
		    sizeof(*p->entries), 64)) {
		p->oom = 1;
		return 1;
	}
	e = &p->entries[p->n_entries++];
	e->section = cfg_strdup(cfg, section);
	e->key = cfg_strdup(cfg, name);
	e->value_cap = strlen(value) + 1;
	e->value = malloc(e->value_cap);
	if (e->value)
		memcpy(e->value, value, e->value_cap);
	e->line = p->lineno;
	if (!e->section || !e->key || !e->value) {
		free(e->value);
		p->n_entries--;
		p->oom = 1;
	}
	return 1;
}

/* ---- small parsers (the shared ones: config_parse.c) ----------------------- */

static int type_from_name(const char *s, size_t len)
{
	char buf[16];

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ko_type_from_name(buf);
}

/* [study] */
/* [study] export = dta, sav: formats of the analysis dataset. */
static void study_export(struct ko_config *cfg, struct entry *e)
{
	const char *p = e->value;

	while (*(p = skip_ws(p))) {
		size_t len = strcspn(p, " \t,");

		if (len == 3 && !strncmp(p, "dta", 3))
			cfg->export_formats |= KO_EXPORT_DTA;
		else if (len == 3 && !strncmp(p, "sav", 3))
			cfg->export_formats |= KO_EXPORT_SAV;
		else if (len)
			problem(cfg, e->line, "[study] export: '%.*s': expected "
				"dta or sav", (int)len, p);
		p += len;
		p += strspn(p, " \t,");
	}
}

static void resolve_study(struct ko_config *cfg)
{
	static const struct key_spec keys[] = {
		{ "name", 0 }, { "output", 0 }, { "seed", 0 },
		{ "disclosure_threshold", 0 }, { "max_reject_share", 0 },
		{ "export", 0 }, { NULL, 0 },
	};
	struct entry *e;
	long v;

	cfg_check_keys(cfg, "study", keys, NULL);
	if ((e = cfg_get(cfg, "study", "export")))
		study_export(cfg, e);
	cfg->seed = 1;
	cfg->disclosure_threshold = 5;
	cfg->max_reject_share = 0.05;
	e = cfg_require(cfg, "study", "name");
	if (e && !cfg_valid_name(e->value))
		problem(cfg, e->line,
			"[study] name '%s': use letters, digits and _ only "
			"(it names the output folder)", e->value);
	else if (e)
		cfg->name = e->value;
	if ((e = cfg_get(cfg, "study", "output"))) {
		if (!*e->value)
			problem(cfg, e->line, "[study] output: empty path");
		cfg->output_dir = e->value;
	} else if (cfg->name) {
		size_t n = strlen(cfg->name) + 8;

		cfg->output_dir = cfg_alloc(cfg, n);
		if (cfg->output_dir)
			snprintf(cfg->output_dir, n, "output/%s", cfg->name);
	}
	if ((e = cfg_get(cfg, "study", "seed"))) {
		char *end;
		unsigned long long s;

		errno = 0;
		s = strtoull(e->value, &end, 10);
		if (end == e->value || *end || errno || e->value[0] == '-')
			problem(cfg, e->line, "[study] seed '%s': expected a "
				"non-negative integer", e->value);
		cfg->seed = s;
	}
	if ((e = cfg_get(cfg, "study", "disclosure_threshold"))) {
		if (ko_cfg_parse_long(e->value, KO_DISCLOSURE_MIN_THRESHOLD,
				      1000000, &v))
			problem(cfg, e->line, "[study] disclosure_threshold '%s': "
				"expected an integer from %d to 1000000 (at 2, "
				"\"<2\" would show a count of exactly 1)",
				e->value, KO_DISCLOSURE_MIN_THRESHOLD);
		else
			cfg->disclosure_threshold = (int)v;
	}
	if ((e = cfg_get(cfg, "study", "max_reject_share"))) {
		double d;

		if (cfg_parse_double(e->value, &d) || d < 0 || d > 1)
			problem(cfg, e->line, "[study] max_reject_share '%s': "
				"expected a number from 0 to 1", e->value);
		else
			cfg->max_reject_share = d;
	}
}

/* "column NAME = TYPE [missing CODE, CODE]" of an extract. */
static void parse_column(struct ko_config *cfg, struct ko_cfg_extract *x,
			 const char *section, struct entry *e)
{
	const char *name = skip_ws(e->key + strlen("column"));
	const char *v = e->value, *t = v;
	struct ko_cfg_column *c;
	size_t i;
	int type;

	if (!cfg_valid_name(name)) {
		problem(cfg, e->line, "[%s]: bad column name '%s'", section, name);
		return;
	}
	for (i = 0; i < x->n_cols; i++)
		if (!strcasecmp(x->cols[i].name, name)) {
			problem(cfg, e->line, "[%s]: column '%s' declared twice",
				section, name);
			return;
		}
	while (*t && !isspace((unsigned char)*t))
		t++;
	type = type_from_name(v, (size_t)(t - v));
	if (type < 0) {
		problem(cfg, e->line, "[%s] column %s: unknown type '%.*s' "
			"(expected id, date, int, num, cat, code or text)",
			section, name, (int)(t - v), v);
		return;
	}
	c = PUSH(cfg, x->cols, x->n_cols);
	if (!c)
		return;
	c->name = cfg_strdup(cfg, name);
	c->type = (enum ko_type)type;
	c->line = e->line;
	t = skip_ws(t);
	if (*t) {
		char *items[KO_READER_MAX_MISSING];
		long n;

		if (strncmp(t, "missing", 7) || !isspace((unsigned char)t[7]) ||
		    (n = cfg_split_list(cfg, t + 8, items, KO_READER_MAX_MISSING)) <= 0) {
			problem(cfg, e->line, "[%s] column %s: expected "
				"'TYPE' or 'TYPE missing CODE, CODE' after '=', got '%s'",
				section, name, v);
			return;
		}
		for (i = 0; i < (size_t)n; i++)
			c->missing[i] = items[i];
		c->n_missing = (size_t)n;
	}
}

static long find_col(const struct ko_cfg_extract *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->n_cols; i++)
		if (!strcasecmp(x->cols[i].name, name))
			return (long)i;
	return -1;
}

/* Column name of an extract with a type among allowed (bit mask of 1 <<
 * type); reports a problem and returns -1 when absent or of another type. */
long cfg_col_ref(struct ko_config *cfg, const struct ko_cfg_extract *x,
		 const char *name, unsigned allowed, long line,
		 const char *what)
{
	long c = find_col(x, name);

	if (c < 0) {
		problem(cfg, line, "%s: extract '%s' has no column '%s' "
			"(declare it with 'column %s = TYPE' in [extract %s])",
			what, x->name, name, name, x->name);
		return -1;
	}
	if (!(allowed & (1u << x->cols[c].type))) {
		char list[128] = "";
		int t;

		for (t = 0; t < KO_TYPE_COUNT; t++)
			if (allowed & (1u << t)) {
				if (*list)
					strcat(list, " or ");
				strcat(list, ko_type_name((enum ko_type)t));
			}
		problem(cfg, line, "%s: column '%s' of extract '%s' is %s, "
			"expected %s", what, name, x->name,
			ko_type_name(x->cols[c].type), list);
		return -1;
	}
	return c;
}

/* A key whose value is one of a few words. */
struct choice {
	const char *word;
	int value;
};

static const struct choice formats[] = {
	{ "auto", KO_FORMAT_AUTO }, { "csv", KO_FORMAT_CSV },
	{ "sas7bdat", KO_FORMAT_SAS7BDAT }, { "dta", KO_FORMAT_DTA },
	{ "sav", KO_FORMAT_SAV }, { NULL, 0 },
};
static const struct choice delimiters[] = {
	{ "auto", 0 }, { "semicolon", ';' }, { "comma", ',' }, { "tab", '\t' },
	{ "pipe", '|' }, { "\";\"", ';' }, { "\",\"", ',' }, { "|", '|' },
	{ NULL, 0 },
};
static const struct choice encodings[] = {
	{ "auto", KO_ENC_AUTO }, { "utf-8", KO_ENC_UTF8 }, { "utf8", KO_ENC_UTF8 },
	{ "latin1", KO_ENC_LATIN1 }, { "latin-1", KO_ENC_LATIN1 },
	{ "iso-8859-1", KO_ENC_LATIN1 }, { NULL, 0 },
};
static const struct choice decimals[] = {
	{ "point", '.' }, { ".", '.' }, { "comma", ',' }, { "\",\"", ',' },
	{ NULL, 0 },
};
static const struct choice date_formats[] = {
	{ "auto", KO_DATE_AUTO }, { "DD.MM.YYYY", KO_DATE_DMY },
	{ "dmy", KO_DATE_DMY }, { "YYYY-MM-DD", KO_DATE_ISO },
	{ "iso", KO_DATE_ISO }, { "YYYYMMDD", KO_DATE_COMPACT },
	{ "compact", KO_DATE_COMPACT }, { NULL, 0 },
};

/* The value of key in sec among choices (case-insensitive); a problem
 * listing the words otherwise.  Returns 1 when the key was given and valid. */
static int choose(struct ko_config *cfg, const char *sec, const char *key,
		  const struct choice *choices, const char *expected, int *out)
{
	struct entry *e = cfg_get(cfg, sec, key);
	size_t i;

	if (!e)
		return 0;
	for (i = 0; choices[i].word; i++)
		if (!strcasecmp(e->value, choices[i].word)) {
			*out = choices[i].value;
			return 1;
		}
	problem(cfg, e->line, "[%s] %s '%s': expected %s", sec, key, e->value,
		expected);
	return 0;
}

static void extract_read_options(struct ko_config *cfg,
				 struct ko_cfg_extract *x, const char *sec)
{
	struct entry *e;
	int v;

	ko_read_options_init(&x->opt);
	x->opt.max_reject_share = cfg->max_reject_share;
	if (choose(cfg, sec, "format", formats,
		   "auto, csv, sas7bdat, dta or sav", &v))
		x->opt.format = (enum ko_format)v;
	if (choose(cfg, sec, "delimiter", delimiters,
		   "auto, semicolon, comma, tab or pipe", &v))
		x->opt.delimiter = (char)v;
	if (choose(cfg, sec, "encoding", encodings, "auto, utf-8 or latin1", &v))
		x->opt.encoding = (enum ko_encoding)v;
	if (choose(cfg, sec, "decimal", decimals, "point or comma", &v))
		x->opt.decimal = (char)v;
	if (choose(cfg, sec, "date_format", date_formats,
		   "auto, DD.MM.YYYY, YYYY-MM-DD or YYYYMMDD", &v))
		x->opt.date_format = (enum ko_date_format)v;
	if ((e = cfg_get(cfg, sec, "max_reject_share"))) {
		double d;

		if (cfg_parse_double(e->value, &d) || d < 0 || d > 1)
			problem(cfg, e->line, "[%s] max_reject_share '%s': expected "
				"a number from 0 to 1", sec, e->value);
		else
			x->opt.max_reject_share = d;
	}
	if ((e = cfg_get(cfg, sec, "missing"))) {
		char *items[KO_READER_MAX_MISSING];
		long n = cfg_split_list(cfg, e->value, items, KO_READER_MAX_MISSING);
		long i;

		if (n < 0) {
			problem(cfg, e->line, "[%s] missing '%s': expected a "
				"comma-separated list such as \"\", NA (at most %d)",
				sec, e->value, KO_READER_MAX_MISSING);
			return;
		}
		for (i = 0; i < n; i++)
			x->opt.missing[i] = items[i];
		x->opt.n_missing = (size_t)n;
	}
}

/* [extract NAME] */
static void resolve_extract(struct ko_config *cfg, const char *sec,
			    const char *name, long line)
{
	static const struct key_spec keys[] = {
		{ "file", 0 }, { "format", 0 }, { "delimiter", 0 },
		{ "encoding", 0 }, { "decimal", 0 }, { "date_format", 0 },
		{ "missing", 0 }, { "person", 0 }, { "unique", 0 },
		{ "max_reject_share", 0 }, { NULL, 0 },
	};
	struct ko_config_priv *p = cfg->priv;
	struct ko_cfg_extract *x;
	struct entry *e;
	size_t i;

	if (cfg->n_extracts == KO_CFG_MAX_EXTRACTS) {
		/* a run keeps per-extract read counts and rejects state
		 * for this many (study.h) */
		problem(cfg, line, "[%s]: more than %d extracts", sec,
			KO_CFG_MAX_EXTRACTS);
		return;
	}
	x = PUSH(cfg, cfg->extracts, cfg->n_extracts);
	if (!x)
		return;
	x->name = cfg_strdup(cfg, name);
	x->line = line;
	cfg_check_keys(cfg, sec, keys, "column ");
	if ((e = cfg_require(cfg, sec, "file")))
		x->file = e->value;
	extract_read_options(cfg, x, sec);
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, sec) &&
		    !strncmp(p->entries[i].key, "column ", 7))
			parse_column(cfg, x, sec, &p->entries[i]);
	if (!x->n_cols)
		problem(cfg, line, "[%s]: no columns declared (add lines "
			"'column NAME = TYPE')", sec);
	cfg_yes_no(cfg, sec, "unique", 1, &x->unique);
	if ((e = cfg_require(cfg, sec, "person"))) {
		char *items[4];
		long n = cfg_split_list(cfg, e->value, items, 4), j, c;

		if (n <= 0)
			problem(cfg, e->line, "[%s] person '%s': expected 1 to 4 "
				"id columns", sec, e->value);
		for (j = 0; j < n; j++) {
			c = cfg_col_ref(cfg, x, items[j], T_(KO_TYPE_ID), e->line, sec);
			if (c >= 0)
				x->person_cols[x->n_person_cols++] = (size_t)c;
		}
		if (x->unique && n > 1)
			problem(cfg, e->line, "[%s]: a unique extract has one "
				"person column", sec);
	}
}

long cfg_extract_ref(struct ko_config *cfg, const char *name, long line,
		     const char *what)
{
	long x = ko_config_find_extract(cfg, name);

	if (x < 0)
		problem(cfg, line, "%s: no extract '%s' (define [extract %s])",
			what, name, name);
	return x;
}

long cfg_unique_extract(struct ko_config *cfg, const char *section,
			const char *key, const char *why)
{
	struct entry *e = cfg_require(cfg, section, key);
	char what[96];
	long x;

	if (!e)
		return -1;
	snprintf(what, sizeof(what), "[%s] %s", section, key);
	if ((x = cfg_extract_ref(cfg, e->value, e->line, what)) >= 0 &&
	    !cfg->extracts[x].unique)
		problem(cfg, e->line, "%s: extract '%s' must be 'unique = yes'%s",
			what, e->value, why);
	return x;
}

long cfg_date_col(struct ko_config *cfg, const char *section,
		  const char *key, long x)
{
	struct entry *e = cfg_require(cfg, section, key);
	char what[96];

	if (!e || x < 0)
		return -1;
	snprintf(what, sizeof(what), "[%s] %s", section, key);
	return cfg_col_ref(cfg, &cfg->extracts[x], e->value, T_(KO_TYPE_DATE),
			   e->line, what);
}

/* [link] */
static void resolve_link(struct ko_config *cfg)
{
	static const struct key_spec keys[] = {
		{ "population", 0 }, { "birth_date", 0 }, { "death_date", 0 },
		{ "mother", 0 }, { "father", 0 }, { "parent_age", 0 },
		{ "mother_death_grace", 0 }, { "father_death_grace", 0 },
		{ NULL, 0 },
	};
	/* days a parent may have died before the birth, the link kept */
	static const char *const grace[2] = { "mother_death_grace",
					      "father_death_grace" };
	struct ko_cfg_link *l = &cfg->link;
	int *grace_days[2] = { &l->mother_death_days, &l->father_death_days };
	struct entry *e;
	long x = -1, c, v;
	int k;

	l->mother_col = l->father_col = -1;
	l->min_age = 13;
	l->max_age = 70;
	l->mother_death_days = 0;
	l->father_death_days = 300;
	if (!cfg_section_line(cfg, "link"))
		return;
	l->present = 1;
	cfg_check_keys(cfg, "link", keys, NULL);
	if ((x = cfg_unique_extract(cfg, "link", "population", "")) >= 0)
		l->population = (size_t)x;
	if ((c = cfg_date_col(cfg, "link", "birth_date", x)) >= 0)
		l->pop_birth_col = (size_t)c;
	if ((c = cfg_date_col(cfg, "link", "death_date", x)) >= 0)
		l->pop_death_col = (size_t)c;
	if (cfg->n_extracts && cfg->base < cfg->n_extracts) {
		struct ko_cfg_extract *b = &cfg->extracts[cfg->base];

		if ((e = cfg_get(cfg, "link", "mother")))
			l->mother_col = cfg_col_ref(cfg, b, e->value, T_(KO_TYPE_ID),
						    e->line, "[link] mother");
		if ((e = cfg_get(cfg, "link", "father")))
			l->father_col = cfg_col_ref(cfg, b, e->value, T_(KO_TYPE_ID),
						    e->line, "[link] father");
	}
	if (!cfg_get(cfg, "link", "mother") && !cfg_get(cfg, "link", "father"))
		problem(cfg, cfg_section_line(cfg, "link"),
			"[link]: give 'mother' and/or 'father' (id columns of the "
			"cohort base extract)");
	if ((e = cfg_get(cfg, "link", "parent_age"))) {
		int a, b, n = 0;

		if (sscanf(e->value, "%d to %d%n", &a, &b, &n) != 2 ||
		    e->value[n] || a < 0 || b < a)
			problem(cfg, e->line, "[link] parent_age '%s': expected "
				"'MIN to MAX' in years, e.g. 13 to 70", e->value);
		else {
			l->min_age = a;
			l->max_age = b;
		}
	}
	for (k = 0; k < 2; k++)
		if ((e = cfg_get(cfg, "link", grace[k]))) {
			if (ko_cfg_parse_long(e->value, 0, 100000, &v))
				problem(cfg, e->line, "[link] %s '%s': expected "
					"days >= 0", grace[k], e->value);
			else
				*grace_days[k] = (int)v;
		}
}

/* The kinds of section; later issues add theirs here. */
static int section_known(const char *sec, const char **name)
{
	static const char *const plain[] = { "study", "link", "cohort", "report" };
	static const char *const named[] = { "extract ", "variable ", "model " };
	size_t i;

	for (i = 0; i < 4; i++)
		if (!strcmp(sec, plain[i])) {
			*name = NULL;
			return 1;
		}
	for (i = 0; i < 3; i++)
		if (!strncmp(sec, named[i], strlen(named[i]))) {
			*name = sec + strlen(named[i]);
			return 1;
		}
	return 0;
}

/* Every distinct section, checked for a known kind and a valid name. */
static void check_sections(struct ko_config *cfg)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i;

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name;

		if (!cfg_section_first(p, i))
			continue;
		if (!*sec)
			problem(cfg, p->entries[i].line, "key '%s' outside any "
				"[section]", p->entries[i].key);
		else if (!section_known(sec, &name))
			problem(cfg, cfg_section_line(cfg, sec), "unknown section [%s] "
				"(known: [study], [extract NAME], [link], [cohort], "
				"[variable NAME], [model NAME], [report])", sec);
		else if (name && !cfg_valid_name(name))
			problem(cfg, cfg_section_line(cfg, sec), "[%s]: bad name '%s' "
				"(letters, digits, _)", sec, name);
	}
}

/* Create the extracts and variables named by section headers. */
static void resolve_named_sections(struct ko_config *cfg, const char *prefix,
				   int variables)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i, plen = strlen(prefix);

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name = sec + plen;

		if (strncmp(sec, prefix, plen) || !cfg_valid_name(name))
			continue;
		if (!cfg_section_first(p, i))
			continue;
		if (!variables) {
			resolve_extract(cfg, sec, name, cfg_section_line(cfg, sec));
		} else {
			struct ko_cfg_variable *v = PUSH(cfg, cfg->vars, cfg->n_vars);

			if (v) {
				v->name = cfg_strdup(cfg, name);
				v->line = cfg_section_line(cfg, sec);
				ko_codes_init(&v->codes);
			}
		}
	}
}

/* The analysis dataset's first column is the base id: no variable may
 * take its name. */
static void check_id_name(struct ko_config *cfg)
{
	const char *id;
	size_t i;

	if (cfg->base >= cfg->n_extracts || !cfg->extracts[cfg->base].n_person_cols)
		return;
	id = cfg->extracts[cfg->base].cols[cfg->base_id_col].name;
	for (i = 0; i < cfg->n_vars; i++)
		if (!strcasecmp(cfg->vars[i].name, id) && cfg->vars[i].output)
			problem(cfg, cfg->vars[i].line, "[variable %s]: the analysis "
				"dataset's id column has this name; choose another",
				cfg->vars[i].name);
}

/* A variable of [report] key e, or -1 (with a problem if unknown). */
static long report_var(struct ko_config *cfg, struct entry *e, const char *name)
{
	long v = ko_config_find_var(cfg, name);

	if (v < 0)
		problem(cfg, e->line, "[report] %s: no variable '%s'", e->key, name);
	else if (cfg->vars[v].kind == KO_VK_DATE) {
		/* a day number's mean and SD would be shown as if a measure */
		problem(cfg, e->line, "[report] %s: '%s' is a date; Table 1 and "
			"the report summarise numbers and categories (derive an "
			"age or a year from it, or a category)", e->key, name);
		v = -1;
	}
	return v;
}

/* A variable that groups the report's tables ([report] outcome, exposure,
 * by): categories or 0/1, never a date (the report stage cannot group by
 * one).  Whether a number variable's values are all 0 or 1, or how many
 * labels a value variable meets, is known only from the data: the report
 * stage says so. */
static long report_group_var(struct ko_config *cfg, struct entry *e)
{
	long v = report_var(cfg, e, e->value);

	if (v >= 0 && cfg->vars[v].kind == KO_VK_DATE) {
		problem(cfg, e->line, "[report] %s: '%s' is a date; the report "
			"groups by a categorical or 0/1 variable", e->key,
			e->value);
		return -1;
	}
	return v;
}

/* [report] cuminc_ages and cuminc_step: the cumulative-incidence figure
 * needs follow-up and an exposure; ages increasing in (0, 120], the grid
 * 1/12 to 5 years (docs/config.md). */
static void resolve_cuminc(struct ko_config *cfg, struct ko_cfg_report *r)
{
	char *items[KO_CFG_MAX_LIST];
	struct entry *e;
	long n, i;

	r->cuminc_step = 0.5;
	if ((e = cfg_get(cfg, "report", "cuminc_step"))) {
		char *end;
		double w = strtod(e->value, &end);

		if (end == e->value || *end || !(w >= 1.0 / 12 - 1e-9 && w <= 5))
			problem(cfg, e->line, "[report] cuminc_step '%s': expected "
				"years from 0.0833 (a month) to 5", e->value);
		else
			r->cuminc_step = w;
	}
	if (!(e = cfg_get(cfg, "report", "cuminc_ages")))
		return;
	r->cuminc_line = e->line;
	n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
	if (n <= 0 || n > KO_CFG_MAX_CUMINC_AGES) {
		problem(cfg, e->line, "[report] cuminc_ages '%s': expected 1 to %d "
			"ages in years (cuminc_ages = 1, 5, 10, 15, 18)", e->value,
			KO_CFG_MAX_CUMINC_AGES);
		return;
	}
	for (i = 0; i < n; i++) {
		char *end;
		double a = strtod(items[i], &end);

		if (end == items[i] || *end || !(a > 0 && a <= 120) ||
		    (i > 0 && !(a > r->cuminc_ages[i - 1]))) {
			problem(cfg, e->line, "[report] cuminc_ages: '%s' is not an "
				"age in years above the one before it and at most "
				"120", items[i]);
			r->n_cuminc_ages = 0;
			return;
		}
		r->cuminc_ages[r->n_cuminc_ages++] = a;
	}
	if (!cfg->followup.active)
		problem(cfg, e->line, "[report] cuminc_ages needs follow-up "
			"([cohort] follow_up, event, death, ...)");
	else if (cfg->followup.event_var < 0)
		problem(cfg, e->line, "[report] cuminc_ages needs the event of "
			"the follow-up ([cohort] event = ...)");
	if (r->exposure < 0)
		problem(cfg, e->line, "[report] cuminc_ages needs [report] "
			"exposure: the curves are by its levels");
}

/* [report] table1_missing, table1_percent, table1_numbers, table1_mean,
 * table1_median, table1_smd, table1_p, table1_header_n (docs/config.md). */
static void resolve_table1_layout(struct ko_config *cfg)
{
	static const char *const missing[] = { "show", "hide", "merge", NULL };
	static const char *const percent[] = { "nonmissing", "all", NULL };
	static const char *const numbers[] = { "both", "mean", "median", NULL };
	static const char *const bools[][2] = {
		{ "table1_smd", "yes" }, { "table1_p", "yes" },
		{ "table1_header_n", "no" },
	};
	struct ko_cfg_report *r = &cfg->report;
	int *bool_dest[] = { &r->t1_smd, &r->t1_p, &r->t1_header_n };
	unsigned char in_mean[KO_CFG_MAX_LIST] = { 0 };
	char *items[KO_CFG_MAX_LIST];
	struct entry *e;
	int all, k;
	size_t i, j;

	r->t1_missing = cfg_word(cfg, "report", "table1_missing", 1, missing,
				 KO_T1_MISSING_SHOW);
	r->t1_pct_all = cfg_word(cfg, "report", "table1_percent", 1, percent, 0);
	all = cfg_word(cfg, "report", "table1_numbers", 1, numbers,
		       KO_T1_NUM_BOTH);
	for (i = 0; i < r->n_table1; i++)
		r->t1_numbers[i] = (unsigned char)all;
	for (k = 0; k < 3; k++) {
		*bool_dest[k] = !strcmp(bools[k][1], "yes");
		cfg_yes_no(cfg, "report", bools[k][0], 1, bool_dest[k]);
	}
	/* table1_mean, table1_median: these numbers only so */
	for (k = KO_T1_NUM_MEAN; k <= KO_T1_NUM_MEDIAN; k++) {
		const char *key = k == KO_T1_NUM_MEAN ? "table1_mean" : "table1_median";
		long n, v;

		if (!(e = cfg_get(cfg, "report", key)))
			continue;
		n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
		if (n <= 0)
			problem(cfg, e->line, "[report] %s '%s': expected 1 to %d "
				"variable names", key, e->value, KO_CFG_MAX_LIST);
		for (j = 0; j < (size_t)(n > 0 ? n : 0); j++) {
			if ((v = report_var(cfg, e, items[j])) < 0)
				continue;
			for (i = 0; i < r->n_table1 && r->table1[i] != (size_t)v; i++)
				;
			if (i == r->n_table1)
				problem(cfg, e->line, "[report] %s: '%s' is not in "
					"table1", key, items[j]);
			else if (k == KO_T1_NUM_MEDIAN && in_mean[i])
				problem(cfg, e->line, "[report] table1_median: '%s' "
					"is in table1_mean too", items[j]);
			else {
				r->t1_numbers[i] = (unsigned char)k;
				in_mean[i] = k == KO_T1_NUM_MEAN;
			}
		}
	}
}

/* [report]: what the report stage shows and how (docs/config.md). */
static void resolve_report(struct ko_config *cfg)
{
	static const struct key_spec keys[] = {
		{ "title", 0 }, { "outcome", 0 }, { "exposure", 0 }, { "by", 0 },
		{ "table1", 0 }, { "formats", 0 }, { "decimal_mark", 0 },
		{ "language", 0 }, { "csv_bom", 0 }, { "digits_percent", 0 },
		{ "digits_number", 0 }, { "digits_mean", 0 },
		{ "digits_estimate", 0 }, { "digits_p", 0 },
		{ "cuminc_ages", 0 }, { "cuminc_step", 0 }, 		{ "table1_missing", 0 }, { "table1_percent", 0 },
		{ "table1_numbers", 0 }, { "table1_mean", 0 },
		{ "table1_median", 0 }, { "table1_smd", 0 }, { "table1_p", 0 },
		{ "table1_header_n", 0 }, { NULL, 0 },
	};
	/* the decimals a statistic may be shown with: a percentage at most 1
	 * (more would let the counts behind it be recomputed), a p-value at
	 * least as many as its floor 0.001 has */
	static const struct {
		const char *key;
		int lo, hi;
	} digits[] = {
		{ "digits_percent", 0, 1 }, { "digits_number", 0, 4 },
		{ "digits_mean", 0, 4 }, { "digits_estimate", 0, 4 },
		{ "digits_p", 3, 4 },
	};
	int *digit_dest[] = {
		&cfg->report.digits_percent, &cfg->report.digits_number,
		&cfg->report.digits_mean, &cfg->report.digits_estimate,
		&cfg->report.digits_p,
	};
	struct ko_cfg_report *r = &cfg->report;
	char *items[KO_CFG_MAX_LIST];
	struct entry *e;
	long n, i, v;
	size_t f;

	r->present = cfg_section_line(cfg, "report") != 0;
	r->outcome = r->exposure = r->by = -1;
	r->formats = ko_table_default_formats();
	r->decimal_mark = '.';
	cfg_check_keys(cfg, "report", keys, NULL);
	if ((e = cfg_get(cfg, "report", "title")))
		r->title = e->value;
	if ((e = cfg_get(cfg, "report", "outcome")))
		r->outcome = report_group_var(cfg, e);
	if ((e = cfg_get(cfg, "report", "exposure")))
		r->exposure = report_group_var(cfg, e);
	if ((e = cfg_get(cfg, "report", "by")))
		r->by = report_group_var(cfg, e);
	if ((e = cfg_get(cfg, "report", "table1"))) {
		n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
		if (n <= 0)
			problem(cfg, e->line, "[report] table1 '%s': expected 1 to "
				"%d variable names", e->value, KO_CFG_MAX_LIST);
		for (i = 0; i < n; i++)
			if ((v = report_var(cfg, e, items[i])) >= 0)
				r->table1[r->n_table1++] = (size_t)v;
	} else {
		for (f = 0; f < cfg->n_vars && r->n_table1 < KO_CFG_MAX_LIST; f++)
			if (cfg->vars[f].output && (long)f != r->outcome &&
			    cfg->vars[f].kind != KO_VK_DATE)
				r->table1[r->n_table1++] = f;
	}
	if ((e = cfg_get(cfg, "report", "formats"))) {
		const char *s = e->value;

		r->formats = 0;
		while (*(s = skip_ws(s))) {
			size_t len = strcspn(s, " \t,");
			int k = ko_table_output_find(s, len);
			char names[128];

			if (k < 0) {
				ko_table_output_names(names, sizeof(names));
				problem(cfg, e->line, "[report] formats: unknown "
					"format '%.*s' (%s)", (int)len, s, names);
			} else {
				r->formats |= 1u << k;
			}
			s += len;
			while (*s == ',' || isspace((unsigned char)*s))
				s++;
		}
	}
	if ((e = cfg_get(cfg, "report", "language"))) {
		int lang = ko_lang_find(e->value);

		if (lang < 0)
			problem(cfg, e->line, "[report] language '%s': expected "
				"en, fi or sv", e->value);
		else
			r->language = lang;
	}
	for (f = 0; f < sizeof(digits) / sizeof(digits[0]); f++) {
		long d;

		*digit_dest[f] = -1;
		if (!(e = cfg_get(cfg, "report", digits[f].key)))
			continue;
		if (ko_cfg_parse_long(e->value, digits[f].lo, digits[f].hi, &d))
			problem(cfg, e->line, "[report] %s '%s': expected a whole "
				"number from %d to %d", digits[f].key, e->value,
				digits[f].lo, digits[f].hi);
		else
			*digit_dest[f] = (int)d;
	}
	cfg_yes_no(cfg, "report", "csv_bom", 1, &r->csv_bom);
	resolve_table1_layout(cfg);
	if (r->language != KO_LANG_EN)
		r->decimal_mark = ',';
	if ((e = cfg_get(cfg, "report", "decimal_mark"))) {
		if (!strcmp(e->value, ".") || !strcmp(e->value, ","))
			r->decimal_mark = e->value[0];
		else
			problem(cfg, e->line, "[report] decimal_mark '%s': expected "
				". or ,", e->value);
	}
	resolve_cuminc(cfg, r);
}

static void resolve_all(struct ko_config *cfg)
{
	size_t i;
	struct entry *e;

	check_sections(cfg);
	resolve_study(cfg);
	resolve_named_sections(cfg, "extract ", 0);
	if (!cfg->n_extracts)
		problem(cfg, 1, "no [extract NAME] section");
	cfg_resolve_cohort_base(cfg);
	resolve_link(cfg);
	resolve_named_sections(cfg, "variable ", 1);
	for (i = 0; i < cfg->n_vars; i++)
		cfg_resolve_variable(cfg, i);
	for (i = 0; i < cfg->n_vars; i++) {
		char sec[160];

		cfg_resolve_window_vars(cfg, &cfg->vars[i]);
		if (cfg->vars[i].agg == KO_AGG_EXPR) {
			snprintf(sec, sizeof(sec), "variable %s", cfg->vars[i].name);
			e = cfg_get(cfg, sec, "expr");
			resolve_expr(cfg, &cfg->vars[i].expr, e->line, "expr",
				     &cfg->vars[i]);
		}
	}
	for (i = 0; i < cfg->n_vars; i++) {
		char sec[160];

		snprintf(sec, sizeof(sec), "variable %s", cfg->vars[i].name);
		cfg_resolve_categories(cfg, sec, &cfg->vars[i]);
		cfg_resolve_value_labels(cfg, sec, &cfg->vars[i]);
	}
	cfg_check_cycles(cfg);
	cfg_resolve_followup(cfg);
	cfg_resolve_rules(cfg);
	check_id_name(cfg);
	cfg_resolve_models(cfg);
	resolve_report(cfg);
}

/* ---- public ---------------------------------------------------------------- */

enum ko_status ko_config_parse(struct ko_config **out, const char *text,
			       const char *path, struct ko_err *err)
{
	struct ko_config *cfg = calloc(1, sizeof(*cfg));
	int rc;

	*out = NULL;
	if (!cfg || !(cfg->priv = calloc(1, sizeof(*cfg->priv)))) {
		free(cfg);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	cfg->path = cfg_strdup(cfg, path);
	/* a UTF-8 byte-order mark (as Windows editors save) is no part of
	 * the first line: skipped here, line numbers stay the same */
	if (!strncmp(text, "\xef\xbb\xbf", 3))
		text += 3;
	cfg->priv->text = text;
	rc = ini_parse_stream(read_line, cfg, on_key, cfg);
	if (rc > 0)
		problem(cfg, rc, "syntax error (expected [section], KEY = VALUE, "
			"or a comment starting with ; or #)");
	if (!cfg->priv->oom)
		resolve_all(cfg);
	if (cfg->priv->oom) {
		ko_config_free(cfg);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	*out = cfg;
	if (!cfg->n_problems)
		return KO_OK;
	qsort(cfg->problems, cfg->n_problems, sizeof(*cfg->problems),
	      cmp_problem);
	return ko_err_at(err, KO_ERR_CONFIG, path, cfg->problems[0].line, NULL,
			 "%s%s", cfg->problems[0].msg,
			 cfg->n_problems > 1 ? " (and more problems)" : "");
}

/* Read a whole file into a NUL-terminated buffer the caller frees. */
static enum ko_status slurp(const char *path, char **out, struct ko_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	enum ko_status st = KO_OK;

	if (!f)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot open: %s",
				 strerror(errno));
	do {
		if (len + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? 2 * cap : 8192;
			if (cap > ((size_t)16 << 20)) {
				st = ko_err_at(err, KO_ERR_LIMIT, path, 0, NULL,
					       "config larger than 16 MiB");
				goto out;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
				goto out;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got == 4096);
	if (ferror(f)) {
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL, "read error");
		goto out;
	}
	if (memchr(buf, '\0', len)) {
		st = ko_err_at(err, KO_ERR_FORMAT, path, 0, NULL,
			       "config contains a NUL byte");
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return st;
}

enum ko_status ko_config_load(struct ko_config **out, const char *path,
			      struct ko_err *err)
{
	char *text = NULL;
	enum ko_status st;

	*out = NULL;
	st = slurp(path, &text, err);
	if (st)
		return st;
	st = ko_config_parse(out, text, path, err);
	free(text);
	return st;
}

void ko_config_free(struct ko_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->n_vars; i++)
		ko_codes_release(&cfg->vars[i].codes);
	if (cfg->priv) {
		for (i = 0; i < cfg->priv->n_allocs; i++)
			free(cfg->priv->allocs[i]);
		free(cfg->priv->allocs);
		for (i = 0; i < cfg->priv->n_entries; i++)
			free(cfg->priv->entries[i].value);
		free(cfg->priv->entries);
		free(cfg->priv->headers);
		free(cfg->priv);
	}
	free(cfg);
}

long ko_config_find_var(const struct ko_config *cfg, const char *name)
{
	return ko_name_index_in(cfg->vars, cfg->n_vars, sizeof(*cfg->vars),
				offsetof(struct ko_cfg_variable, name), name);
}

long ko_config_find_extract(const struct ko_config *cfg, const char *name)
{
	return ko_name_index_in(cfg->extracts, cfg->n_extracts,
				sizeof(*cfg->extracts),
				offsetof(struct ko_cfg_extract, name), name);
}

const char *ko_agg_name(enum ko_agg agg)
{
	static const char *const names[KO_AGG_COUNT_KINDS] = {
		[KO_AGG_VALUE] = "value", [KO_AGG_ANY] = "any",
		[KO_AGG_COUNT] = "count", [KO_AGG_YEARS] = "years",
		[KO_AGG_FIRST] = "first", [KO_AGG_LAST] = "last",
		[KO_AGG_SUM] = "sum", [KO_AGG_MIN] = "min", [KO_AGG_MAX] = "max",
		[KO_AGG_MONTHS] = "months", [KO_AGG_YEARS_WITH] = "years_with",
		[KO_AGG_EXPR] = "expr",
	};

	return (unsigned)agg < KO_AGG_COUNT_KINDS ? names[agg] : "?";
}

const char *ko_relation_name(enum ko_relation rel)
{
	static const char *const names[KO_REL_COUNT] = {
		"self", "mother", "father", "parents",
	};

	return (unsigned)rel < KO_REL_COUNT ? names[rel] : "?";
}
