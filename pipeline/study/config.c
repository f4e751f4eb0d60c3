/*
 * config.c - study config parser (see config.h and docs/config.md).
 *
 * Two phases.  inih reads the file and every key = value is recorded with
 * its section and line (an indented continuation line is appended to the
 * value before it).  Then each section is resolved in dependency order
 * (study, extracts, link, cohort, variables, expressions), so that a key may
 * refer to a section written further down, and every problem is collected
 * with its line instead of stopping at the first.  The expression language
 * (expr = ..., where, subgroup) is expr.c; what the two share is
 * config_impl.h.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_impl.h"
#include "expr.h"
#include "lang.h"
#include "table.h"
#include "value.h"

/* ---- memory owned by the config ---------------------------------------- */

void *cfg_alloc(struct ko_config *cfg, size_t size)
{
	struct ko_config_priv *p = cfg->priv;
	void *mem;

	if (p->n_allocs == p->cap_allocs) {
		size_t cap = p->cap_allocs ? 2 * p->cap_allocs : 64;
		void **a = realloc(p->allocs, cap * sizeof(*a));

		if (!a) {
			p->oom = 1;
			return NULL;
		}
		p->allocs = a;
		p->cap_allocs = cap;
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

static char *cfg_strdup(struct ko_config *cfg, const char *s)
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
	if (p->n_headers == p->cap_headers) {
		size_t cap = p->cap_headers ? 2 * p->cap_headers : 32;
		struct entry *n = realloc(p->headers, cap * sizeof(*n));

		if (!n) {
			p->oom = 1;
			return;
		}
		p->headers = n;
		p->cap_headers = cap;
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
	if (p->n_entries == p->cap_entries) {
		size_t cap = p->cap_entries ? 2 * p->cap_entries : 64;
		struct entry *ne = realloc(p->entries, cap * sizeof(*ne));

		if (!ne) {
			p->oom = 1;
			return 1;
		}
		p->entries = ne;
		p->cap_entries = cap;
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

/* ---- small parsers -------------------------------------------------------- */

const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int is_name_char(int c)
{
	return isalnum(c) || c == '_' || c == '.';
}

static int valid_name(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *skip_ws(end) || errno || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_double(const char *s, double *out)
{
	char *end;
	double v;

	v = strtod(s, &end);
	if (end == s || *skip_ws(end) || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static int parse_bool(const char *s, int *out)
{
	if (!strcmp(s, "yes") || !strcmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcmp(s, "no") || !strcmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* Split a comma-separated list into trimmed items (quotes removed from
 * "..." items, so "" is the empty string).  Returns the count or -1. */
static long split_list(struct ko_config *cfg, const char *s, char **items,
		       size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *start, *end;

		s = skip_ws(s);
		start = s;
		if (*s == '"') {
			end = strchr(s + 1, '"');
			if (!end)
				return -1;
			start = s + 1;
			s = end + 1;
			s = skip_ws(s);
			if (*s && *s != ',')
				return -1;
		} else {
			while (*s && *s != ',')
				s++;
			end = s;
			while (end > start && isspace((unsigned char)end[-1]))
				end--;
			if (end == start && (*s == ',' || n))
				return -1; /* empty item */
			if (end == start && !*s)
				break;
		}
		if (n == max)
			return -1;
		items[n] = cfg_strndup(cfg, start, (size_t)(end - start));
		if (!items[n])
			return -1;
		n++;
		if (*s != ',')
			break;
		s++;
	}
	return (long)n;
}

int parse_iso_date(const char *s, size_t len, int32_t *out)
{
	return ko_parse_date(s, len, KO_DATE_AUTO, out);
}

static int type_from_name(const char *s, size_t len)
{
	char buf[16];

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return ko_type_from_name(buf);
}

/* ---- sections -------------------------------------------------------------- */

/* A key a section accepts; repeatable keys may appear more than once. */
struct key_spec {
	const char *name;
	int repeatable;
};

/* Entries of one section, checked against the keys it accepts.  Marks
 * unknown and repeated keys as problems. */
static void check_keys(struct ko_config *cfg, const char *section,
		       const struct key_spec *keys, const char *prefix_key)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i, j, k;

	for (i = 0; i < p->n_entries; i++) {
		struct entry *e = &p->entries[i];
		int known = 0, repeatable = 0;

		if (strcmp(e->section, section))
			continue;
		if (prefix_key && !strncmp(e->key, prefix_key, strlen(prefix_key)))
			continue;
		for (k = 0; keys[k].name; k++)
			if (!strcmp(e->key, keys[k].name)) {
				known = 1;
				repeatable = keys[k].repeatable;
			}
		if (!known) {
			char list[512] = "";

			for (k = 0; keys[k].name; k++) {
				strncat(list, k ? ", " : "", sizeof(list) - strlen(list) - 1);
				strncat(list, keys[k].name, sizeof(list) - strlen(list) - 1);
			}
			if (prefix_key) {
				strncat(list, ", ", sizeof(list) - strlen(list) - 1);
				strncat(list, prefix_key, sizeof(list) - strlen(list) - 1);
				strncat(list, "NAME", sizeof(list) - strlen(list) - 1);
			}
			problem(cfg, e->line, "[%s]: unknown key '%s' (known: %s)",
				section, e->key, list);
			continue;
		}
		if (repeatable)
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(p->entries[j].section, section) &&
			    !strcmp(p->entries[j].key, e->key)) {
				problem(cfg, e->line,
					"[%s]: key '%s' given twice (first on line %ld)",
					section, e->key, p->entries[j].line);
				break;
			}
	}
}

/* The first entry of key in section, or NULL. */
static struct entry *get(struct ko_config *cfg, const char *section,
			 const char *key)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i;

	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, section) &&
		    !strcmp(p->entries[i].key, key))
			return &p->entries[i];
	return NULL;
}

/* Line of a section's header, or of its first key; 0 if it is absent. */
static long section_line(struct ko_config *cfg, const char *section)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i;

	for (i = 0; i < p->n_headers; i++)
		if (!strcmp(p->headers[i].section, section))
			return p->headers[i].line;
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, section))
			return p->entries[i].line;
	return 0;
}

static struct entry *require(struct ko_config *cfg, const char *section,
			     const char *key)
{
	struct entry *e = get(cfg, section, key);

	if (!e)
		problem(cfg, section_line(cfg, section),
			"[%s]: missing required key '%s'", section, key);
	return e;
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

	check_keys(cfg, "study", keys, NULL);
	if ((e = get(cfg, "study", "export")))
		study_export(cfg, e);
	cfg->seed = 1;
	cfg->disclosure_threshold = 5;
	cfg->max_reject_share = 0.05;
	e = require(cfg, "study", "name");
	if (e && !valid_name(e->value))
		problem(cfg, e->line,
			"[study] name '%s': use letters, digits and _ only "
			"(it names the output folder)", e->value);
	else if (e)
		cfg->name = e->value;
	if ((e = get(cfg, "study", "output"))) {
		if (!*e->value)
			problem(cfg, e->line, "[study] output: empty path");
		cfg->output_dir = e->value;
	} else if (cfg->name) {
		size_t n = strlen(cfg->name) + 8;

		cfg->output_dir = cfg_alloc(cfg, n);
		if (cfg->output_dir)
			snprintf(cfg->output_dir, n, "output/%s", cfg->name);
	}
	if ((e = get(cfg, "study", "seed"))) {
		char *end;
		unsigned long long s;

		errno = 0;
		s = strtoull(e->value, &end, 10);
		if (end == e->value || *end || errno || e->value[0] == '-')
			problem(cfg, e->line, "[study] seed '%s': expected a "
				"non-negative integer", e->value);
		cfg->seed = s;
	}
	if ((e = get(cfg, "study", "disclosure_threshold"))) {
		if (parse_long(e->value, KO_DISCLOSURE_MIN_THRESHOLD, 1000000,
			       &v))
			problem(cfg, e->line, "[study] disclosure_threshold '%s': "
				"expected an integer from %d to 1000000 (at 2, "
				"\"<2\" would show a count of exactly 1)",
				e->value, KO_DISCLOSURE_MIN_THRESHOLD);
		else
			cfg->disclosure_threshold = (int)v;
	}
	if ((e = get(cfg, "study", "max_reject_share"))) {
		double d;

		if (parse_double(e->value, &d) || d < 0 || d > 1)
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

	if (!valid_name(name)) {
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
		    (n = split_list(cfg, t + 8, items, KO_READER_MAX_MISSING)) <= 0) {
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
static long col_ref(struct ko_config *cfg, const struct ko_cfg_extract *x,
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

#define T_(t) (1u << (t))
#define T_TEXTUAL (T_(KO_TYPE_TEXT) | T_(KO_TYPE_ID) | T_(KO_TYPE_CAT) | T_(KO_TYPE_CODE))
#define T_NUMERIC (T_(KO_TYPE_INT) | T_(KO_TYPE_NUM))
#define T_ANY 0xffu

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
	struct entry *e = get(cfg, sec, key);
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
	if ((e = get(cfg, sec, "max_reject_share"))) {
		double d;

		if (parse_double(e->value, &d) || d < 0 || d > 1)
			problem(cfg, e->line, "[%s] max_reject_share '%s': expected "
				"a number from 0 to 1", sec, e->value);
		else
			x->opt.max_reject_share = d;
	}
	if ((e = get(cfg, sec, "missing"))) {
		char *items[KO_READER_MAX_MISSING];
		long n = split_list(cfg, e->value, items, KO_READER_MAX_MISSING);
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
	check_keys(cfg, sec, keys, "column ");
	if ((e = require(cfg, sec, "file")))
		x->file = e->value;
	extract_read_options(cfg, x, sec);
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, sec) &&
		    !strncmp(p->entries[i].key, "column ", 7))
			parse_column(cfg, x, sec, &p->entries[i]);
	if (!x->n_cols)
		problem(cfg, line, "[%s]: no columns declared (add lines "
			"'column NAME = TYPE')", sec);
	if ((e = get(cfg, sec, "unique")) && parse_bool(e->value, &x->unique))
		problem(cfg, e->line, "[%s] unique '%s': expected yes or no",
			sec, e->value);
	if ((e = require(cfg, sec, "person"))) {
		char *items[4];
		long n = split_list(cfg, e->value, items, 4), j, c;

		if (n <= 0)
			problem(cfg, e->line, "[%s] person '%s': expected 1 to 4 "
				"id columns", sec, e->value);
		for (j = 0; j < n; j++) {
			c = col_ref(cfg, x, items[j], T_(KO_TYPE_ID), e->line, sec);
			if (c >= 0)
				x->person_cols[x->n_person_cols++] = (size_t)c;
		}
		if (x->unique && n > 1)
			problem(cfg, e->line, "[%s]: a unique extract has one "
				"person column", sec);
	}
}

static long extract_ref(struct ko_config *cfg, const char *name, long line,
			const char *what)
{
	long x = ko_config_find_extract(cfg, name);

	if (x < 0)
		problem(cfg, line, "%s: no extract '%s' (define [extract %s])",
			what, name, name);
	return x;
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
	struct ko_cfg_link *l = &cfg->link;
	struct entry *e;
	long x = -1, c, v;

	l->mother_col = l->father_col = -1;
	l->min_age = 13;
	l->max_age = 70;
	l->mother_death_days = 0;
	l->father_death_days = 300;
	if (!section_line(cfg, "link"))
		return;
	l->present = 1;
	check_keys(cfg, "link", keys, NULL);
	if ((e = require(cfg, "link", "population")) &&
	    (x = extract_ref(cfg, e->value, e->line, "[link] population")) >= 0) {
		l->population = (size_t)x;
		if (!cfg->extracts[x].unique)
			problem(cfg, e->line, "[link] population: extract '%s' "
				"must be 'unique = yes'", e->value);
	}
	if ((e = require(cfg, "link", "birth_date")) && x >= 0 &&
	    (c = col_ref(cfg, &cfg->extracts[x], e->value, T_(KO_TYPE_DATE),
			 e->line, "[link] birth_date")) >= 0)
		l->pop_birth_col = (size_t)c;
	if ((e = require(cfg, "link", "death_date")) && x >= 0 &&
	    (c = col_ref(cfg, &cfg->extracts[x], e->value, T_(KO_TYPE_DATE),
			 e->line, "[link] death_date")) >= 0)
		l->pop_death_col = (size_t)c;
	if (cfg->n_extracts && cfg->base < cfg->n_extracts) {
		struct ko_cfg_extract *b = &cfg->extracts[cfg->base];

		if ((e = get(cfg, "link", "mother")))
			l->mother_col = col_ref(cfg, b, e->value, T_(KO_TYPE_ID),
						e->line, "[link] mother");
		if ((e = get(cfg, "link", "father")))
			l->father_col = col_ref(cfg, b, e->value, T_(KO_TYPE_ID),
						e->line, "[link] father");
	}
	if (!get(cfg, "link", "mother") && !get(cfg, "link", "father"))
		problem(cfg, section_line(cfg, "link"),
			"[link]: give 'mother' and/or 'father' (id columns of the "
			"cohort base extract)");
	if ((e = get(cfg, "link", "parent_age"))) {
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
	if ((e = get(cfg, "link", "mother_death_grace"))) {
		if (parse_long(e->value, 0, 100000, &v))
			problem(cfg, e->line, "[link] mother_death_grace '%s': "
				"expected days >= 0", e->value);
		else
			l->mother_death_days = (int)v;
	}
	if ((e = get(cfg, "link", "father_death_grace"))) {
		if (parse_long(e->value, 0, 100000, &v))
			problem(cfg, e->line, "[link] father_death_grace '%s': "
				"expected days >= 0", e->value);
		else
			l->father_death_days = (int)v;
	}
}

/* [cohort]: base, id, birth date and follow-up; rules come after variables */
static void resolve_cohort_base(struct ko_config *cfg)
{
	static const struct key_spec keys[] = {
		{ "base", 0 }, { "birth_date", 0 }, { "follow_up", 0 },
		{ "entry", 0 }, { "end_of_data", 0 }, { "death", 0 },
		{ "emigration", 0 }, { "event", 0 },
		{ "include", 1 }, { "exclude", 1 }, { NULL, 0 },
	};
	struct entry *e;
	long x = -1, c;

	cfg->base = (size_t)-1;
	cfg->follow_up_age = 18;
	if (!section_line(cfg, "cohort")) {
		problem(cfg, 1, "no [cohort] section (it names the base extract)");
		return;
	}
	check_keys(cfg, "cohort", keys, NULL);
	if ((e = require(cfg, "cohort", "base")) &&
	    (x = extract_ref(cfg, e->value, e->line, "[cohort] base")) >= 0) {
		cfg->base = (size_t)x;
		cfg->base_id_col = cfg->extracts[x].person_cols[0];
		if (!cfg->extracts[x].unique)
			problem(cfg, e->line, "[cohort] base: extract '%s' must be "
				"'unique = yes' (one row per child)", e->value);
	}
	if ((e = require(cfg, "cohort", "birth_date")) && x >= 0 &&
	    (c = col_ref(cfg, &cfg->extracts[x], e->value, T_(KO_TYPE_DATE),
			 e->line, "[cohort] birth_date")) >= 0)
		cfg->base_birth_col = (size_t)c;
	if ((e = get(cfg, "cohort", "follow_up"))) {
		int a, n = 0;

		if (sscanf(e->value, "age %d%n", &a, &n) != 1 || e->value[n] ||
		    a < 1 || a > 150)
			problem(cfg, e->line, "[cohort] follow_up '%s': expected "
				"'age N', e.g. age 18", e->value);
		else
			cfg->follow_up_age = a;
	}
}

/* ---- [cohort] follow-up (after the variables) ---------------------------- */

static const char *const fu_names[KO_FUV_N] = {
	[KO_FUV_ENTRY_AGE] = "fu_entry_age", [KO_FUV_EXIT_AGE] = "fu_exit_age",
	[KO_FUV_DAYS] = "fu_days", [KO_FUV_YEARS] = "fu_years",
	[KO_FUV_EVENT] = "fu_event", [KO_FUV_EVENT_AGE] = "fu_event_age",
};

const char *ko_fu_value_name(enum ko_fu_value k)
{
	return (unsigned)k < KO_FUV_N ? fu_names[k] : "?";
}

long fu_value_find(const char *name)
{
	long k;

	for (k = 0; k < KO_FUV_N; k++)
		if (!strcmp(name, fu_names[k]))
			return k;
	return -1;
}

/* A [cohort] key naming a date variable; -1 when absent or wrong. */
static long fu_date_var(struct ko_config *cfg, const char *key, int first)
{
	struct entry *e = get(cfg, "cohort", key);
	long v;

	if (!e)
		return -1;
	v = ko_config_find_var(cfg, e->value);
	if (v < 0) {
		problem(cfg, e->line, "[cohort] %s: no variable '%s' (define "
			"[variable %s], a date)", key, e->value, e->value);
		return -1;
	}
	if (cfg->vars[v].kind != KO_VK_DATE) {
		problem(cfg, e->line, "[cohort] %s: variable '%s' is not a date "
			"(aggregate = first, last, or value/min/max of a date "
			"column)", key, e->value);
		return -1;
	}
	if (first && cfg->vars[v].agg != KO_AGG_FIRST) {
		problem(cfg, e->line, "[cohort] %s: variable '%s' must be "
			"'aggregate = first' (the date of the first event)", key,
			e->value);
		return -1;
	}
	return v;
}

static void resolve_followup(struct ko_config *cfg)
{
	static const char *const keys[] = {
		"follow_up", "entry", "end_of_data", "death", "emigration",
		"event",
	};
	struct ko_cfg_followup *f = &cfg->followup;
	struct entry *e;
	size_t i;

	f->entry_var = f->death_var = f->emigration_var = f->event_var = -1;
	f->end_of_data = INT32_MIN;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (get(cfg, "cohort", keys[i]))
			f->active = 1;
	if ((e = get(cfg, "cohort", "entry")) && strcmp(e->value, "birth")) {
		int a, n = 0;

		if (!strncmp(e->value, "age", 3) &&
		    !is_name_char((unsigned char)e->value[3])) {
			if (sscanf(e->value, "age %d%n", &a, &n) != 1 ||
			    e->value[n] || a < 0 || a >= cfg->follow_up_age)
				problem(cfg, e->line, "[cohort] entry '%s': "
					"expected 'age N' below the follow_up "
					"age %d, e.g. age 1", e->value,
					cfg->follow_up_age);
			else
				f->entry_age = a;
		} else {
			f->entry_var = fu_date_var(cfg, "entry", 0);
		}
	}
	if ((e = get(cfg, "cohort", "end_of_data")) &&
	    parse_iso_date(e->value, strlen(e->value), &f->end_of_data)) {
		problem(cfg, e->line, "[cohort] end_of_data '%s': expected a "
			"date YYYY-MM-DD, e.g. 2015-12-31", e->value);
		f->end_of_data = INT32_MIN;
	}
	f->death_var = fu_date_var(cfg, "death", 0);
	f->emigration_var = fu_date_var(cfg, "emigration", 0);
	f->event_var = fu_date_var(cfg, "event", 1);
	for (i = 0; f->active && i < cfg->n_vars; i++)
		if (fu_value_find(cfg->vars[i].name) >= 0)
			problem(cfg, cfg->vars[i].line, "[variable %s]: the name "
				"is the follow-up's (see [cohort] in "
				"docs/config.md); choose another",
				cfg->vars[i].name);
}

/* ---- [variable NAME] --------------------------------------------------- */

/* Leading column name of s into name (cap 128); returns the rest. */
static const char *leading_name(const char *s, char *name)
{
	size_t n = 0;

	s = skip_ws(s);
	while (is_name_char((unsigned char)*s) && n < 127)
		name[n++] = *s++;
	name[n] = '\0';
	return skip_ws(s);
}

static int where_op(const char **s, enum ko_where_op *op)
{
	static const struct { const char *text; enum ko_where_op op; } ops[] = {
		{ "==", KO_WH_EQ }, { "!=", KO_WH_NE }, { "<>", KO_WH_NE },
		{ "<=", KO_WH_LE }, { ">=", KO_WH_GE }, { "=", KO_WH_EQ },
		{ "<", KO_WH_LT }, { ">", KO_WH_GT },
	};
	size_t i;

	if (!strncmp(*s, "not in ", 7) || !strncmp(*s, "in ", 3)) {
		*op = **s == 'n' ? KO_WH_NOT_IN : KO_WH_IN;
		*s += **s == 'n' ? 7 : 3;
		return 0;
	}
	if (!strcmp(*s, "is missing") || !strcmp(*s, "is not missing")) {
		*op = (*s)[3] == 'm' ? KO_WH_MISSING : KO_WH_PRESENT;
		*s += strlen(*s);
		return 0;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(*s, ops[i].text, strlen(ops[i].text))) {
			*op = ops[i].op;
			*s = skip_ws(*s + strlen(ops[i].text));
			return 0;
		}
	return -1;
}

/* A where constant for a number or date column. */
static int where_number(const struct ko_cfg_column *c, const char *s,
			double *out)
{
	int32_t d;

	if (c->type == KO_TYPE_DATE) {
		if (ko_parse_date(s, strlen(s), KO_DATE_AUTO, &d))
			return -1;
		*out = d;
		return 0;
	}
	return parse_double(s, out);
}

static void parse_where(struct ko_config *cfg, struct ko_cfg_variable *v,
			const struct ko_cfg_extract *x, struct entry *e)
{
	struct ko_cfg_where *w;
	char name[128];
	const char *rest = leading_name(e->value, name);
	long c;
	int textual;

	c = col_ref(cfg, x, name, T_ANY, e->line, "where");
	if (c < 0)
		return;
	w = PUSH(cfg, v->where, v->n_where);
	if (!w)
		return;
	w->col = (size_t)c;
	w->line = e->line;
	textual = (T_TEXTUAL & (1u << x->cols[c].type)) != 0;
	if (where_op(&rest, &w->op)) {
		problem(cfg, e->line, "where '%s': expected 'COLUMN OP VALUE' with "
			"OP one of = != < <= > >=, 'in A, B', 'not in A, B', "
			"'is missing' or 'is not missing'", e->value);
		return;
	}
	if (w->op == KO_WH_MISSING || w->op == KO_WH_PRESENT)
		return;
	if (w->op == KO_WH_IN || w->op == KO_WH_NOT_IN || textual) {
		char *items[KO_CFG_MAX_LIST];
		long n = split_list(cfg, rest, items, KO_CFG_MAX_LIST), i;

		if (!textual) {
			problem(cfg, e->line, "where '%s': 'in' lists are for text, "
				"category and code columns; '%s' is %s", e->value,
				name, ko_type_name(x->cols[c].type));
			return;
		}
		if (w->op != KO_WH_IN && w->op != KO_WH_NOT_IN &&
		    w->op != KO_WH_EQ && w->op != KO_WH_NE) {
			problem(cfg, e->line, "where '%s': text column '%s' can only "
				"be compared with =, !=, in, not in", e->value, name);
			return;
		}
		if (n <= 0 || (n > 1 && (w->op == KO_WH_EQ || w->op == KO_WH_NE))) {
			problem(cfg, e->line, "where '%s': expected %s", e->value,
				n > 1 ? "one value (use 'in' for a list)"
				      : "a value or a comma-separated list");
			return;
		}
		w->text = cfg_alloc(cfg, (size_t)n * sizeof(char *));
		if (!w->text)
			return;
		for (i = 0; i < n; i++)
			w->text[i] = items[i];
		w->n_text = (size_t)n;
		if (w->op == KO_WH_EQ)
			w->op = KO_WH_IN;
		else if (w->op == KO_WH_NE)
			w->op = KO_WH_NOT_IN;
		return;
	}
	if (where_number(&x->cols[c], rest, &w->num))
		problem(cfg, e->line, "where '%s': '%s' is not a %s", e->value,
			rest, x->cols[c].type == KO_TYPE_DATE
				      ? "date (YYYY-MM-DD or DD.MM.YYYY)"
				      : "number");
}

static void parse_window(struct ko_config *cfg, struct ko_cfg_variable *v,
			 struct entry *e)
{
	struct ko_cfg_window *w = PUSH(cfg, v->windows, v->n_windows);
	const char *s = e->value;
	char a[64], b[64];
	int n = 0;

	if (!w)
		return;
	w->line = e->line;
	if (sscanf(s, "age %d to %d%n", &w->lo, &w->hi, &n) == 2 && !s[n]) {
		w->kind = KO_WIN_AGE;
		if (w->lo < 0 || w->hi < w->lo || w->hi > 150)
			goto bad;
	} else if (sscanf(s, "days %d to %d%n", &w->lo, &w->hi, &n) == 2 &&
		   !s[n]) {
		w->kind = KO_WIN_DAYS;
		if (w->hi < w->lo)
			goto bad;
	} else if (sscanf(s, "dates %63s to %63s%n", a, b, &n) == 2 && !s[n]) {
		w->kind = KO_WIN_DATES;
		if (ko_parse_date(a, strlen(a), KO_DATE_AUTO, &w->lo) ||
		    ko_parse_date(b, strlen(b), KO_DATE_AUTO, &w->hi) ||
		    w->hi < w->lo)
			goto bad;
	} else if ((sscanf(s, "before %63s%n", a, &n) == 1 ||
		    sscanf(s, "after %63s%n", a, &n) == 1) && !s[n]) {
		w->kind = s[0] == 'b' ? KO_WIN_BEFORE : KO_WIN_AFTER;
		w->var_name = cfg_strdup(cfg, a);
	} else {
		goto bad;
	}
	return;
bad:
	v->n_windows--;
	problem(cfg, e->line, "window '%s': expected 'age A to B', 'days A to B', "
		"'dates YYYY-MM-DD to YYYY-MM-DD' (start <= end), 'before VAR' "
		"or 'after VAR'", s);
}

static void parse_aggregate(struct ko_config *cfg, struct ko_cfg_variable *v,
			    const struct ko_cfg_extract *x, struct entry *e)
{
	static const struct { const char *name; enum ko_agg agg; int col; } aggs[] = {
		{ "any", KO_AGG_ANY, 0 }, { "count", KO_AGG_COUNT, 0 },
		{ "years", KO_AGG_YEARS, 0 }, { "first", KO_AGG_FIRST, 0 },
		{ "last", KO_AGG_LAST, 0 }, { "months", KO_AGG_MONTHS, 0 },
		{ "value", KO_AGG_VALUE, 1 }, { "sum", KO_AGG_SUM, 1 },
		{ "min", KO_AGG_MIN, 1 }, { "max", KO_AGG_MAX, 1 },
	};
	char word[128];
	const char *rest = leading_name(e->value, word);
	size_t i;
	int k, n = 0;

	v->agg_col = -1;
	if (!strcmp(word, "years_with")) {
		v->agg = KO_AGG_YEARS_WITH;
		if (sscanf(rest, "%d months%n", &k, &n) != 1 || rest[n] || k < 1 ||
		    k > 12)
			problem(cfg, e->line, "aggregate '%s': expected "
				"'years_with K months', K from 1 to 12", e->value);
		v->agg_k = k;
		return;
	}
	for (i = 0; i < sizeof(aggs) / sizeof(aggs[0]); i++)
		if (!strcmp(word, aggs[i].name))
			break;
	if (i == sizeof(aggs) / sizeof(aggs[0]) || (!aggs[i].col && *rest) ||
	    (aggs[i].col && !*rest)) {
		problem(cfg, e->line, "aggregate '%s': expected any, count, years, "
			"first, last, months, years_with K months, or value/sum/"
			"min/max COLUMN", e->value);
		return;
	}
	v->agg = aggs[i].agg;
	if (aggs[i].col)
		v->agg_col = col_ref(cfg, x, rest,
				     v->agg == KO_AGG_VALUE ? T_ANY
				     : v->agg == KO_AGG_SUM ? T_NUMERIC
				     : T_NUMERIC | T_(KO_TYPE_DATE),
				     e->line, "aggregate");
}

/* categories = 0, 1, 2-3, 4+  (inclusive ranges on the value) */
static void parse_categories(struct ko_config *cfg, struct ko_cfg_variable *v,
			     struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i, j;

	if (n <= 0) {
		problem(cfg, e->line, "categories '%s': expected a list such as "
			"0, 1, 2-3, 4+", e->value);
		return;
	}
	v->cats = cfg_alloc(cfg, (size_t)n * sizeof(*v->cats));
	if (!v->cats)
		return;
	for (i = 0; i < n; i++) {
		struct ko_cfg_category *c = &v->cats[i];
		const char *s = items[i];
		char *end;
		size_t len = strlen(s);

		c->label = items[i];
		if (s[0] == '<') {
			c->lo = -INFINITY;
			if (parse_double(s + 1, &c->hi))
				goto bad;
			c->hi = nextafter(c->hi, -INFINITY);
		} else if (len > 1 && s[len - 1] == '+') {
			char buf[64];

			if (len >= sizeof(buf))
				goto bad;
			memcpy(buf, s, len - 1);
			buf[len - 1] = '\0';
			if (parse_double(buf, &c->lo))
				goto bad;
			c->hi = INFINITY;
		} else {
			c->lo = strtod(s, &end);
			if (end == s)
				goto bad;
			if (*end == '-') {
				if (parse_double(end + 1, &c->hi) || c->hi < c->lo)
					goto bad;
			} else if (*end) {
				goto bad;
			} else {
				c->hi = c->lo;
			}
		}
		for (j = 0; j < i; j++)
			if (!(c->hi < v->cats[j].lo || c->lo > v->cats[j].hi)) {
				problem(cfg, e->line, "categories: '%s' overlaps '%s'",
					s, v->cats[j].label);
				return;
			}
		continue;
bad:
		problem(cfg, e->line, "categories: bad item '%s' (expected N, "
			"A-B, N+ or <N)", s);
		return;
	}
	v->n_cats = (size_t)n;
}

static void parse_labels(struct ko_config *cfg, struct ko_cfg_variable *v,
			 struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i;

	if (n != (long)v->n_cats) {
		problem(cfg, e->line, "labels: %ld labels for %zu categories",
			n, v->n_cats);
		return;
	}
	for (i = 0; i < n; i++)
		v->cats[i].label = items[i];
}

static void parse_column_list(struct ko_config *cfg,
			      const struct ko_cfg_extract *x, struct entry *e,
			      unsigned allowed, size_t *out, size_t *n_out,
			      size_t max)
{
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i, c;

	if (n <= 0 || (size_t)n > max) {
		problem(cfg, e->line, "%s '%s': expected 1 to %zu column names",
			e->key, e->value, max);
		return;
	}
	for (i = 0; i < n; i++) {
		c = col_ref(cfg, x, items[i], allowed, e->line, e->key);
		if (c >= 0)
			out[(*n_out)++] = (size_t)c;
	}
}

static const struct key_spec var_keys[] = {
	{ "from", 0 }, { "of", 0 }, { "date", 0 }, { "year", 0 },
	{ "where", 1 }, { "codes", 0 }, { "code_columns", 0 },
	{ "window", 1 }, { "aggregate", 0 }, { "month_columns", 0 },
	{ "expr", 0 }, { "categories", 0 }, { "labels", 0 },
	{ "reference", 0 }, { "output", 0 }, { "label", 0 },
	{ "value_labels", 0 }, { NULL, 0 },
};

static void parse_of(struct ko_config *cfg, struct ko_cfg_variable *v,
		     struct entry *e)
{
	size_t r;

	for (r = 0; r < KO_REL_COUNT; r++)
		if (!strcmp(e->value, ko_relation_name((enum ko_relation)r))) {
			v->of = (enum ko_relation)r;
			break;
		}
	if (r == KO_REL_COUNT)
		problem(cfg, e->line, "of '%s': expected self, mother, father or "
			"parents", e->value);
	else if (r != KO_REL_SELF && !cfg->link.present)
		problem(cfg, e->line, "of %s: needs a [link] section", e->value);
	else if ((r == KO_REL_MOTHER && cfg->link.mother_col < 0) ||
		 (r == KO_REL_FATHER && cfg->link.father_col < 0))
		problem(cfg, e->line, "of %s: [link] has no %s column", e->value,
			e->value);
}

/* What aggregate needs which of date/year/month columns. */
static void check_aggregate_needs(struct ko_config *cfg,
				  struct ko_cfg_variable *v,
				  const struct ko_cfg_extract *x, long line)
{
	if (v->agg == KO_AGG_COUNT_KINDS)
		return; /* already a problem */
	if ((v->agg == KO_AGG_FIRST || v->agg == KO_AGG_LAST) && v->date_col < 0)
		problem(cfg, line, "[variable %s]: aggregate %s needs 'date = "
			"COLUMN'", v->name, ko_agg_name(v->agg));
	if (v->agg == KO_AGG_YEARS && v->date_col < 0 && v->year_col < 0)
		problem(cfg, line, "[variable %s]: aggregate years needs 'date' or "
			"'year'", v->name);
	if ((v->agg == KO_AGG_MONTHS || v->agg == KO_AGG_YEARS_WITH) &&
	    (v->year_col < 0 || v->n_month_cols != 12))
		problem(cfg, line, "[variable %s]: aggregate %s needs 'year' and "
			"12 'month_columns'", v->name, ko_agg_name(v->agg));
	if (v->n_windows && v->date_col < 0 && v->year_col < 0)
		problem(cfg, line, "[variable %s]: a window needs 'date' or 'year' "
			"(which column dates a row)", v->name);
	if (v->agg == KO_AGG_VALUE && (!x->unique || v->of == KO_REL_PARENTS))
		problem(cfg, line, "[variable %s]: aggregate value needs a unique "
			"extract and one person (self, mother or father)", v->name);
	if ((v->n_code_cols > 0) != (v->codes.n > 0))
		problem(cfg, line, "[variable %s]: give both 'codes' and "
			"'code_columns'", v->name);
}

static void var_kind(struct ko_cfg_variable *v, const struct ko_cfg_extract *x)
{
	v->kind = KO_VK_NUM;
	if (v->agg == KO_AGG_FIRST || v->agg == KO_AGG_LAST)
		v->kind = KO_VK_DATE;
	if (v->agg_col >= 0 && (v->agg == KO_AGG_VALUE || v->agg == KO_AGG_MIN ||
				v->agg == KO_AGG_MAX)) {
		enum ko_type t = x->cols[v->agg_col].type;

		if (t == KO_TYPE_DATE)
			v->kind = KO_VK_DATE;
		else if (T_TEXTUAL & (1u << t))
			v->kind = KO_VK_LABEL;
	}
}

static void resolve_from_variable(struct ko_config *cfg, const char *sec,
				  struct ko_cfg_variable *v)
{
	struct ko_config_priv *p = cfg->priv;
	const struct ko_cfg_extract *x;
	struct entry *e;
	long xi;
	size_t i;

	e = require(cfg, sec, "from");
	if (!e || (xi = extract_ref(cfg, e->value, e->line, sec)) < 0)
		return;
	v->extract = (size_t)xi;
	x = &cfg->extracts[xi];
	if ((e = get(cfg, sec, "of")))
		parse_of(cfg, v, e);
	v->date_col = v->year_col = -1;
	if ((e = get(cfg, sec, "date")))
		v->date_col = col_ref(cfg, x, e->value, T_(KO_TYPE_DATE), e->line,
				      "date");
	if ((e = get(cfg, sec, "year")))
		v->year_col = col_ref(cfg, x, e->value, T_(KO_TYPE_INT), e->line,
				      "year");
	if (v->date_col >= 0 && v->year_col >= 0)
		problem(cfg, e->line, "[%s]: give 'date' or 'year', not both", sec);
	if ((e = get(cfg, sec, "code_columns")))
		parse_column_list(cfg, x, e, T_TEXTUAL, v->code_cols,
				  &v->n_code_cols, KO_CFG_MAX_LIST);
	if ((e = get(cfg, sec, "codes"))) {
		struct ko_err cerr;

		ko_err_clear(&cerr);
		if (ko_codes_add(&v->codes, e->value, &cerr))
			problem(cfg, e->line, "codes: %s", cerr.msg);
	}
	if ((e = get(cfg, sec, "month_columns")))
		parse_column_list(cfg, x, e, T_NUMERIC, v->month_cols,
				  &v->n_month_cols, 12);
	for (i = 0; i < p->n_entries; i++) {
		e = &p->entries[i];
		if (strcmp(e->section, sec))
			continue;
		if (!strcmp(e->key, "where"))
			parse_where(cfg, v, x, e);
		else if (!strcmp(e->key, "window"))
			parse_window(cfg, v, e);
	}
	if ((e = require(cfg, sec, "aggregate")))
		parse_aggregate(cfg, v, x, e);
	check_aggregate_needs(cfg, v, x, v->line);
	var_kind(v, x);
}

/* Windows relative to another variable: it must be a date, derived first. */
static void resolve_window_vars(struct ko_config *cfg,
				struct ko_cfg_variable *v)
{
	size_t i;

	for (i = 0; i < v->n_windows; i++) {
		struct ko_cfg_window *w = &v->windows[i];
		long r;
		size_t *d;

		if (w->kind != KO_WIN_BEFORE && w->kind != KO_WIN_AFTER)
			continue;
		r = ko_config_find_var(cfg, w->var_name);
		if (r < 0) {
			problem(cfg, w->line, "window: no variable '%s'", w->var_name);
			continue;
		}
		if (cfg->vars[r].kind != KO_VK_DATE) {
			problem(cfg, w->line, "window: variable '%s' is not a date "
				"(use aggregate first, last or a date value)",
				w->var_name);
			continue;
		}
		w->var = (size_t)r;
		d = PUSH(cfg, v->deps, v->n_deps);
		if (d)
			*d = (size_t)r;
	}
}

static void resolve_categories(struct ko_config *cfg, const char *sec,
			       struct ko_cfg_variable *v)
{
	struct entry *e;
	size_t i;

	if ((e = get(cfg, sec, "categories"))) {
		if (v->kind != KO_VK_NUM)
			problem(cfg, e->line, "categories: variable '%s' is not a "
				"number", v->name);
		else
			parse_categories(cfg, v, e);
	}
	if ((e = get(cfg, sec, "labels"))) {
		if (!v->n_cats)
			problem(cfg, e->line, "labels: no categories to label");
		else
			parse_labels(cfg, v, e);
	}
	if (v->n_cats) {
		v->kind = KO_VK_LABEL;
		v->reference = v->cats[0].label;
	}
	if ((e = get(cfg, sec, "reference"))) {
		for (i = 0; i < v->n_cats; i++)
			if (!strcmp(v->cats[i].label, e->value))
				break;
		if (v->n_cats && i == v->n_cats)
			problem(cfg, e->line, "reference '%s': not one of the "
				"category labels", e->value);
		v->reference = e->value;
	}
}

static void resolve_variable(struct ko_config *cfg, size_t vi)
{
	struct ko_cfg_variable *v = &cfg->vars[vi];
	char sec[160];
	struct entry *e;

	snprintf(sec, sizeof(sec), "variable %s", v->name);
	check_keys(cfg, sec, var_keys, NULL);
	v->output = 1;
	v->date_col = v->year_col = v->agg_col = -1;
	v->agg = KO_AGG_COUNT_KINDS; /* until a valid aggregate is read */
	if ((e = get(cfg, sec, "expr"))) {
		static const char *const not_with_expr[] = {
			"from", "of", "date", "year", "where", "codes",
			"code_columns", "window", "aggregate", "month_columns",
		};
		size_t i;
		struct entry *o;

		v->agg = KO_AGG_EXPR;
		v->kind = KO_VK_NUM;
		for (i = 0; i < sizeof(not_with_expr) / sizeof(*not_with_expr); i++)
			if ((o = get(cfg, sec, not_with_expr[i])))
				problem(cfg, o->line, "[%s]: '%s' cannot be used with "
					"'expr'", sec, not_with_expr[i]);
		compile_expr(cfg, e->value, e->line, "expr", &v->expr);
	} else {
		resolve_from_variable(cfg, sec, v);
	}
	if ((e = get(cfg, sec, "output")) && parse_bool(e->value, &v->output))
		problem(cfg, e->line, "output '%s': expected yes or no", e->value);
	if ((e = get(cfg, sec, "label")))
		v->label = e->value;
}

/* ---- value labels ------------------------------------------------------- */

/* A number variable that can only be 0 or 1 (aggregate any, or an
 * expression whose last operation is a comparison or logical). */
static int var_is_01(const struct ko_cfg_variable *v)
{
	enum ko_expr_op op;

	if (v->agg == KO_AGG_ANY)
		return 1;
	if (v->agg != KO_AGG_EXPR || !v->expr.n)
		return 0;
	op = v->expr.nodes[v->expr.n - 1].op;
	return op == KO_EX_NOT || (op >= KO_EX_EQ && op <= KO_EX_OR);
}

/* A number variable that holds whole numbers >= 0 (counts of rows,
 * years or months). */
static int var_is_count(const struct ko_cfg_variable *v)
{
	return v->agg == KO_AGG_COUNT || v->agg == KO_AGG_YEARS ||
	       v->agg == KO_AGG_MONTHS || v->agg == KO_AGG_YEARS_WITH;
}

/* Why variable v can never take value, or NULL when it can. */
static const char *value_impossible(const struct ko_cfg_variable *v,
				    const char *value, char *why, size_t size)
{
	double x;
	size_t i;

	if (v->n_cats) {
		for (i = 0; i < v->n_cats; i++)
			if (!strcmp(v->cats[i].label, value))
				return NULL;
		snprintf(why, size, "not one of the categories of '%s'", v->name);
		return why;
	}
	if (v->kind == KO_VK_LABEL)
		return NULL; /* text: any value */
	if (parse_double(value, &x)) {
		snprintf(why, size, "'%s' is a number variable", v->name);
		return why;
	}
	if (var_is_01(v) && x != 0 && x != 1) {
		snprintf(why, size, "'%s' is 0 or 1", v->name);
		return why;
	}
	if (var_is_count(v) && (x < 0 || x != floor(x))) {
		snprintf(why, size, "'%s' is a count (0, 1, 2, ...)", v->name);
		return why;
	}
	return NULL;
}

/* Whether two values of v are the same value. */
static int same_value(const struct ko_cfg_variable *v, const char *a,
		      const char *b)
{
	double x, y;

	if (v->kind == KO_VK_NUM && !v->n_cats && !parse_double(a, &x) &&
	    !parse_double(b, &y))
		return x == y;
	return !strcmp(a, b);
}

/* value_labels = VALUE: LABEL, ...  (after categories are resolved, so
 * that a label can be checked against what the variable can be). */
static void resolve_value_labels(struct ko_config *cfg, const char *sec,
				 struct ko_cfg_variable *v)
{
	char *items[KO_CFG_MAX_LIST], why[200];
	struct entry *e = get(cfg, sec, "value_labels");
	long n, i, j;

	if (!e)
		return;
	if (v->kind == KO_VK_DATE) {
		problem(cfg, e->line, "value_labels: variable '%s' is a date; "
			"dates take no value labels", v->name);
		return;
	}
	n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
	if (n <= 0) {
		problem(cfg, e->line, "value_labels '%s': expected a list such as "
			"1: Boy, 2: Girl", e->value);
		return;
	}
	v->value_labels = cfg_alloc(cfg, (size_t)n * sizeof(*v->value_labels));
	if (!v->value_labels)
		return;
	for (i = 0; i < n; i++) {
		struct ko_cfg_value_label *vl = &v->value_labels[i];
		char *colon = strchr(items[i], ':');
		char *end;

		if (!colon) {
			problem(cfg, e->line, "value_labels: item '%s' is not "
				"VALUE: LABEL", items[i]);
			return;
		}
		for (end = colon; end > items[i] && isspace((unsigned char)end[-1]);
		     end--)
			;
		*end = '\0';
		vl->value = items[i];
		vl->label = (char *)skip_ws(colon + 1);
		if (!*vl->value || !*vl->label) {
			problem(cfg, e->line, "value_labels: item '%s' needs a value "
				"and a label", *vl->value ? vl->value : vl->label);
			return;
		}
		if (value_impossible(v, vl->value, why, sizeof(why)))
			problem(cfg, e->line, "value_labels: '%s' is a value that "
				"variable '%s' cannot take (%s)", vl->value, v->name,
				why);
		for (j = 0; j < i; j++) {
			if (same_value(v, v->value_labels[j].value, vl->value))
				problem(cfg, e->line, "value_labels: value '%s' "
					"given twice", vl->value);
			else if (!strcmp(v->value_labels[j].label, vl->label))
				problem(cfg, e->line, "value_labels: label '%s' "
					"given to both '%s' and '%s'", vl->label,
					v->value_labels[j].value, vl->value);
		}
	}
	v->n_value_labels = (size_t)n;
}

const char *ko_config_value_label(const struct ko_config *cfg, size_t var,
				  const char *value)
{
	const struct ko_cfg_variable *v;
	size_t i;

	if (!cfg || var >= cfg->n_vars || !value)
		return NULL;
	v = &cfg->vars[var];
	for (i = 0; i < v->n_value_labels; i++)
		if (same_value(v, v->value_labels[i].value, value))
			return v->value_labels[i].label;
	return NULL;
}

/* Depth-first search for a cycle through deps; marks 1 visiting, 2 done. */
static int has_cycle(const struct ko_config *cfg, size_t v, unsigned char *mark)
{
	size_t i;

	if (mark[v] == 2)
		return 0;
	if (mark[v] == 1)
		return 1;
	mark[v] = 1;
	for (i = 0; i < cfg->vars[v].n_deps; i++)
		if (has_cycle(cfg, cfg->vars[v].deps[i], mark))
			return 1;
	mark[v] = 2;
	return 0;
}

static void check_cycles(struct ko_config *cfg)
{
	unsigned char *mark = calloc(cfg->n_vars + 1, 1);
	size_t v;

	if (!mark) {
		cfg->priv->oom = 1;
		return;
	}
	for (v = 0; v < cfg->n_vars; v++) {
		memset(mark, 0, cfg->n_vars);
		if (has_cycle(cfg, v, mark)) {
			problem(cfg, cfg->vars[v].line, "[variable %s]: depends on "
				"itself (through expr or window)", cfg->vars[v].name);
		}
	}
	free(mark);
}

/* include = LABEL: EXPR  /  exclude = LABEL: EXPR, in file order */
static void resolve_rules(struct ko_config *cfg)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i;

	for (i = 0; i < p->n_entries; i++) {
		struct entry *e = &p->entries[i];
		struct ko_cfg_rule *r;
		const char *colon;

		if (strcmp(e->section, "cohort") ||
		    (strcmp(e->key, "include") && strcmp(e->key, "exclude")))
			continue;
		colon = strchr(e->value, ':');
		if (!colon || colon == e->value) {
			problem(cfg, e->line, "%s '%s': expected 'LABEL: CONDITION', "
				"e.g. 'born in 1997: birth_year = 1997'", e->key,
				e->value);
			continue;
		}
		r = PUSH(cfg, cfg->rules, cfg->n_rules);
		if (!r)
			return;
		r->exclude = e->key[0] == 'e';
		r->line = e->line;
		r->label = cfg_strndup(cfg, e->value, (size_t)(colon - e->value));
		if (compile_expr(cfg, colon + 1, e->line, e->key, &r->expr) == 0)
			resolve_expr(cfg, &r->expr, e->line, e->key, NULL);
	}
}

/* ---- [model NAME] -------------------------------------------------------- */

static const struct key_spec model_keys[] = {
	{ "outcome", 0 }, { "exposures", 0 }, { "covariates", 0 },
	{ "categorical", 0 }, { "interactions", 0 }, { "subgroup", 0 },
	{ "strata", 0 }, { "crude", 0 }, { "se", 0 }, { "cluster", 0 },
	{ "family", 0 }, { "estimator", 0 }, { "ci", 0 }, { "level", 0 },
	{ "effect", 0 },
	{ "exposure", 0 }, { NULL, 0 },
};

/* A variable a model may use: defined, and not a date. */
static long model_var(struct ko_config *cfg, const char *name, long line,
		      const char *what)
{
	long v = ko_config_find_var(cfg, name);

	if (v < 0)
		problem(cfg, line, "%s: no variable '%s' (define [variable %s])",
			what, name, name);
	else if (cfg->vars[v].kind == KO_VK_DATE)
		problem(cfg, line, "%s: variable '%s' is a date; a model takes "
			"numbers and categories", what, name);
	return v < 0 || cfg->vars[v].kind == KO_VK_DATE ? -1 : v;
}

static int in_list(const size_t *list, size_t n, size_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

/* A list of variables into out (at most KO_CFG_MAX_LIST). */
static void model_var_list(struct ko_config *cfg, struct entry *e,
			   size_t *out, size_t *n_out)
{
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i, v;

	if (n <= 0) {
		problem(cfg, e->line, "%s '%s': expected 1 to %d variable names",
			e->key, e->value, KO_CFG_MAX_LIST);
		return;
	}
	for (i = 0; i < n; i++) {
		v = model_var(cfg, items[i], e->line, e->key);
		if (v < 0)
			continue;
		if (in_list(out, *n_out, (size_t)v))
			problem(cfg, e->line, "%s: '%s' listed twice", e->key,
				items[i]);
		else
			out[(*n_out)++] = (size_t)v;
	}
}

/* 1 when v is one of the model's terms (an exposure or a covariate). */
static int model_has_term(const struct ko_cfg_model *m, size_t v)
{
	return in_list(m->exposures, m->n_exposures, v) ||
	       in_list(m->covariates, m->n_covariates, v);
}

/* interactions = a:b, a:c:d */
static void model_interactions(struct ko_config *cfg, struct ko_cfg_model *m,
			       struct entry *e)
{
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i, v;

	if (n <= 0) {
		problem(cfg, e->line, "interactions '%s': expected terms such as "
			"sa_years:ndd", e->value);
		return;
	}
	for (i = 0; i < n; i++) {
		struct ko_cfg_interaction *in = &m->interactions[m->n_interactions];
		char *s = items[i], *colon;
		int bad = 0;

		in->n = 0;
		do {
			colon = strchr(s, ':');
			if (colon)
				*colon = '\0';
			while (*s == ' ')
				s++;
			if (in->n == KO_CFG_MAX_INTERACTION) {
				bad = 1;
				break;
			}
			v = model_var(cfg, s, e->line, "interactions");
			if (v >= 0 && !model_has_term(m, (size_t)v)) {
				problem(cfg, e->line, "interactions: '%s' is not among "
					"the exposures or covariates", s);
				v = -1;
			}
			if (v < 0)
				bad = 1;
			else
				in->vars[in->n++] = (size_t)v;
			s = colon ? colon + 1 : NULL;
		} while (s);
		if (!bad && in->n < 2)
			problem(cfg, e->line, "interactions: '%s' is not a product "
				"of variables (write a:b)", items[i]);
		else if (!bad)
			m->n_interactions++;
		else if (in->n == KO_CFG_MAX_INTERACTION)
			problem(cfg, e->line, "interactions: at most %d variables "
				"in a term", KO_CFG_MAX_INTERACTION);
	}
}

/* 1 when variable v enters the model as a factor. */
static int model_is_factor(const struct ko_config *cfg,
			   const struct ko_cfg_model *m, size_t v)
{
	return cfg->vars[v].kind == KO_VK_LABEL ||
	       in_list(m->categorical, m->n_categorical, v);
}

/* reference VAR = LEVEL */
static void model_reference(struct ko_config *cfg, struct ko_cfg_model *m,
			    struct entry *e)
{
	const char *name = skip_ws(e->key + strlen("reference "));
	const struct ko_cfg_variable *var;
	long v = model_var(cfg, name, e->line, "reference");
	size_t i;

	if (v < 0)
		return;
	var = &cfg->vars[v];
	if (!model_has_term(m, (size_t)v) || !model_is_factor(cfg, m, (size_t)v)) {
		problem(cfg, e->line, "reference %s: not a categorical exposure "
			"or covariate of the model (list a number variable in "
			"'categorical')", name);
		return;
	}
	if (!*e->value) {
		problem(cfg, e->line, "reference %s: expected a level", name);
		return;
	}
	for (i = 0; i < var->n_cats; i++)
		if (!strcmp(var->cats[i].label, e->value))
			break;
	if (var->n_cats && i == var->n_cats) {
		problem(cfg, e->line, "reference %s = %s: not one of the "
			"variable's category labels", name, e->value);
		return;
	}
	for (i = 0; i < m->n_refs; i++)
		if (m->refs[i].var == (size_t)v) {
			problem(cfg, e->line, "reference %s: given twice (first on "
				"line %ld)", name, m->refs[i].line);
			return;
		}
	if (m->n_refs == KO_CFG_MAX_LIST) {
		problem(cfg, e->line, "reference %s: at most %d references",
			name, KO_CFG_MAX_LIST);
		return;
	}
	m->refs[m->n_refs].var = (size_t)v;
	m->refs[m->n_refs].level = e->value;
	m->refs[m->n_refs].line = e->line;
	m->n_refs++;
}

/* A key whose value is one of words[]; returns its index or dflt. */
static int model_choice(struct ko_config *cfg, const char *sec,
			const char *key, const char *const *words, int dflt)
{
	struct entry *e = get(cfg, sec, key);
	char list[128] = "";
	int i;

	if (!e)
		return dflt;
	for (i = 0; words[i]; i++)
		if (!strcmp(e->value, words[i]))
			return i;
	for (i = 0; words[i]; i++) {
		strncat(list, i ? (words[i + 1] ? ", " : " or ") : "",
			sizeof(list) - strlen(list) - 1);
		strncat(list, words[i], sizeof(list) - strlen(list) - 1);
	}
	problem(cfg, e->line, "%s '%s': expected %s", key, e->value, list);
	return dflt;
}

/* Outcome, terms and factors. */
static void model_terms(struct ko_config *cfg, const char *sec,
			struct ko_cfg_model *m)
{
	struct ko_config_priv *p = cfg->priv;
	struct entry *e;
	size_t i;
	long v;

	if ((e = require(cfg, sec, "outcome")) &&
	    (v = model_var(cfg, e->value, e->line, "outcome")) >= 0) {
		m->outcome = (size_t)v;
		if (cfg->vars[v].kind != KO_VK_NUM)
			problem(cfg, e->line, "outcome: '%s' must be a 0/1 number "
				"variable, not categories", e->value);
	}
	if ((e = require(cfg, sec, "exposures")))
		model_var_list(cfg, e, m->exposures, &m->n_exposures);
	if ((e = get(cfg, sec, "covariates")))
		model_var_list(cfg, e, m->covariates, &m->n_covariates);
	for (i = 0; i < m->n_covariates; i++)
		if (in_list(m->exposures, m->n_exposures, m->covariates[i]))
			problem(cfg, e->line, "covariates: '%s' is also an exposure",
				cfg->vars[m->covariates[i]].name);
	e = get(cfg, sec, "outcome");
	if (e && model_has_term(m, m->outcome) && m->n_exposures)
		problem(cfg, e->line, "outcome: '%s' is also an exposure or "
			"covariate", cfg->vars[m->outcome].name);
	if ((e = get(cfg, sec, "categorical"))) {
		model_var_list(cfg, e, m->categorical, &m->n_categorical);
		for (i = 0; i < m->n_categorical; i++)
			if (!model_has_term(m, m->categorical[i]))
				problem(cfg, e->line, "categorical: '%s' is not among "
					"the exposures or covariates",
					cfg->vars[m->categorical[i]].name);
	}
	if ((e = get(cfg, sec, "interactions")))
		model_interactions(cfg, m, e);
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].section, sec) &&
		    !strncmp(p->entries[i].key, "reference ", 10))
			model_reference(cfg, m, &p->entries[i]);
}

/* Sample, inference and estimator. */
static void model_options(struct ko_config *cfg, const char *sec,
			  struct ko_cfg_model *m)
{
	static const char *const se_words[] = { "model", "robust", "cluster", NULL };
	static const char *const cl_words[] = { "mother", "father", NULL };
	static const char *const est_words[] = { "ml", "firth", NULL };
	static const char *const fam_words[] = { "logistic", "firth", "poisson",
						 NULL };
	struct entry *fe, *ee;
	static const char *const ci_words[] = { "wald", "profile", NULL };
	struct entry *e;
	long v;

	if ((e = get(cfg, sec, "subgroup"))) {
		m->subgroup_text = e->value;
		m->subgroup_line = e->line;
		if (compile_expr(cfg, e->value, e->line, "subgroup", &m->subgroup) == 0) {
			resolve_expr(cfg, &m->subgroup, e->line, "subgroup", NULL);
			m->has_subgroup = 1;
		}
	}
	if ((e = get(cfg, sec, "strata")) &&
	    (v = model_var(cfg, e->value, e->line, "strata")) >= 0) {
		m->strata = v;
		m->strata_line = e->line;
		if ((size_t)v == m->outcome)
			problem(cfg, e->line, "strata: '%s' is the outcome", e->value);
		else if (model_has_term(m, (size_t)v))
			problem(cfg, e->line, "strata: '%s' is also an exposure or "
				"covariate; within a stratum it is constant",
				e->value);
	}
	if ((e = get(cfg, sec, "crude")) && parse_bool(e->value, &m->crude))
		problem(cfg, e->line, "crude '%s': expected yes or no", e->value);
	/* family = logistic | firth | poisson; estimator = ml | firth is its
	 * older name (the same model, and both may be given if they agree) */
	m->family = (enum ko_model_family)model_choice(cfg, sec, "family",
						       fam_words, 0);
	if ((ee = get(cfg, sec, "estimator"))) {
		enum ko_model_family ef = model_choice(cfg, sec, "estimator",
						       est_words, 0)
			? KO_MODEL_FIRTH : KO_MODEL_LOGISTIC;

		if ((fe = get(cfg, sec, "family")) && ef != m->family)
			problem(cfg, ee->line, "estimator '%s': the model's family "
				"is '%s' (line %ld); estimator is the older name "
				"of family, give one", ee->value, fe->value,
				fe->line);
		else if (!fe)
			m->family = ef;
	}
	m->firth = m->family == KO_MODEL_FIRTH;
	/* modified Poisson's SEs are the sandwich (Zou 2004) unless asked */
	m->se = (enum ko_model_se)model_choice(cfg, sec, "se", se_words,
					       m->family == KO_MODEL_POISSON
					       ? KO_MODEL_SE_ROBUST : 0);
	m->cluster = model_choice(cfg, sec, "cluster", cl_words, 0)
		? KO_REL_FATHER : KO_REL_MOTHER;
	if ((e = get(cfg, sec, "cluster")) && m->se != KO_MODEL_SE_CLUSTER)
		problem(cfg, e->line, "cluster: only used with 'se = cluster'");
	if (m->se == KO_MODEL_SE_CLUSTER &&
	    ((m->cluster == KO_REL_MOTHER && cfg->link.mother_col < 0) ||
	     (m->cluster == KO_REL_FATHER && cfg->link.father_col < 0)))
		problem(cfg, (e = get(cfg, sec, "se")) ? e->line : m->line,
			"se = cluster: clusters are families by the %s link; "
			"[link] has no %s column",
			ko_relation_name(m->cluster), ko_relation_name(m->cluster));
	m->profile = model_choice(cfg, sec, "ci", ci_words, m->firth);
	if (m->profile && m->family == KO_MODEL_POISSON)
		problem(cfg, (e = get(cfg, sec, "ci")) ? e->line : m->line,
			"ci = profile: the poisson family has Wald intervals "
			"only (ci = wald)");
	if ((e = get(cfg, sec, "level")) &&
	    (parse_double(e->value, &m->level) || !(m->level > 0 && m->level < 1)))
		problem(cfg, e->line, "level '%s': expected a number between 0 "
			"and 1 (level = 0.95)", e->value);
}

/* effect = or, rr, rd, paf into bits; 0 and a problem when a word is bad. */
static int model_effect_list(struct ko_config *cfg, struct entry *e)
{
	static const char *const words[] = { "or", "rr", "rd", "paf" };
	char *items[KO_CFG_MAX_LIST];
	long n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST), i;
	int bits = 0;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (!strcmp(items[i], words[k]))
				break;
		if (k == sizeof(words) / sizeof(words[0]))
			break;
		bits |= 1 << k;
	}
	if (n <= 0 || i < n) {
		problem(cfg, e->line, "effect '%s': expected a comma-separated "
			"list of or, rr, rd, paf (effect = or, rr)", e->value);
		return 0;
	}
	return bits;
}

/* effect = ... and exposure = VAR: the exposure standardised for rd/paf
 * must be a main effect (no interaction) of the model. */
static void model_effects(struct ko_config *cfg, const char *sec,
			  struct ko_cfg_model *m)
{
	struct entry *e = get(cfg, sec, "effect"), *x = get(cfg, sec, "exposure");
	long v;
	size_t i, k;

	m->effects = KO_MODEL_EFFECT_OR;
	if (e)
		m->effects |= model_effect_list(cfg, e);
	if (e && m->family == KO_MODEL_POISSON && (m->effects & KO_MODEL_EFFECT_RR))
		problem(cfg, e->line, "effect rr: the poisson family's own "
			"effect is the risk ratio (models/NAME.csv risk_ratio); "
			"leave rr out");
	m->effect_exposure = m->n_exposures ? (long)m->exposures[0] : -1;
	if (x && !(m->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF))) {
		problem(cfg, x->line, "exposure: only used with 'effect' rd or "
			"paf (the exposure whose risks are standardised)");
		return;
	}
	if (x) {
		if ((v = model_var(cfg, x->value, x->line, "exposure")) < 0)
			return;
		if (!in_list(m->exposures, m->n_exposures, (size_t)v)) {
			problem(cfg, x->line, "exposure: '%s' is not among the "
				"model's exposures", x->value);
			return;
		}
		m->effect_exposure = v;
	}
	if (!(m->effects & (KO_MODEL_EFFECT_RD | KO_MODEL_EFFECT_PAF)) ||
	    m->effect_exposure < 0)
		return;
	for (i = 0; i < m->n_interactions; i++)
		for (k = 0; k < m->interactions[i].n; k++)
			if (m->interactions[i].vars[k] == (size_t)m->effect_exposure) {
				problem(cfg, (x ? x : e)->line, "effect rd/paf: "
					"the exposure '%s' is in an interaction; "
					"standardising over interactions is not "
					"supported (choose another with "
					"'exposure = VAR')",
					cfg->vars[m->effect_exposure].name);
				return;
			}
}

static void resolve_models(struct ko_config *cfg)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i, j;

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name = sec + 6;
		struct ko_cfg_model *m;

		if (strncmp(sec, "model ", 6) || !valid_name(name))
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(p->entries[j].section, sec))
				break;
		if (j < i)
			continue;
		m = PUSH(cfg, cfg->models, cfg->n_models);
		if (!m)
			return;
		m->name = cfg_strdup(cfg, name);
		m->line = section_line(cfg, sec);
		m->strata = -1;
		m->crude = 1;
		m->level = 0.95;
		check_keys(cfg, sec, model_keys, "reference ");
		model_terms(cfg, sec, m);
		model_options(cfg, sec, m);
		model_effects(cfg, sec, m);
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
	size_t i, j;

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name;

		for (j = 0; j < i; j++)
			if (!strcmp(p->entries[j].section, sec))
				break;
		if (j < i)
			continue;
		if (!*sec)
			problem(cfg, p->entries[i].line, "key '%s' outside any "
				"[section]", p->entries[i].key);
		else if (!section_known(sec, &name))
			problem(cfg, section_line(cfg, sec), "unknown section [%s] "
				"(known: [study], [extract NAME], [link], [cohort], "
				"[variable NAME], [model NAME], [report])", sec);
		else if (name && !valid_name(name))
			problem(cfg, section_line(cfg, sec), "[%s]: bad name '%s' "
				"(letters, digits, _)", sec, name);
	}
}

/* Create the extracts and variables named by section headers. */
static void resolve_named_sections(struct ko_config *cfg, const char *prefix,
				   int variables)
{
	struct ko_config_priv *p = cfg->priv;
	size_t i, j, plen = strlen(prefix);

	for (i = 0; i < p->n_entries; i++) {
		const char *sec = p->entries[i].section, *name = sec + plen;

		if (strncmp(sec, prefix, plen) || !valid_name(name))
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(p->entries[j].section, sec))
				break;
		if (j < i)
			continue;
		if (!variables) {
			resolve_extract(cfg, sec, name, section_line(cfg, sec));
		} else {
			struct ko_cfg_variable *v = PUSH(cfg, cfg->vars, cfg->n_vars);

			if (v) {
				v->name = cfg_strdup(cfg, name);
				v->line = section_line(cfg, sec);
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

/* [report]: what the report stage shows and how (docs/config.md). */
static void resolve_report(struct ko_config *cfg)
{
	static const struct key_spec keys[] = {
		{ "title", 0 }, { "outcome", 0 }, { "exposure", 0 }, { "by", 0 },
		{ "table1", 0 }, { "formats", 0 }, { "decimal_mark", 0 },
		{ "language", 0 }, { "csv_bom", 0 }, { "digits_percent", 0 },
		{ "digits_number", 0 }, { "digits_mean", 0 },
		{ "digits_estimate", 0 }, { "digits_p", 0 }, { NULL, 0 },
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

	r->present = section_line(cfg, "report") != 0;
	r->outcome = r->exposure = r->by = -1;
	r->formats = ko_table_default_formats();
	r->decimal_mark = '.';
	check_keys(cfg, "report", keys, NULL);
	if ((e = get(cfg, "report", "title")))
		r->title = e->value;
	if ((e = get(cfg, "report", "outcome")))
		r->outcome = report_group_var(cfg, e);
	if ((e = get(cfg, "report", "exposure")))
		r->exposure = report_group_var(cfg, e);
	if ((e = get(cfg, "report", "by")))
		r->by = report_group_var(cfg, e);
	if ((e = get(cfg, "report", "table1"))) {
		n = split_list(cfg, e->value, items, KO_CFG_MAX_LIST);
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
	if ((e = get(cfg, "report", "formats"))) {
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
	if ((e = get(cfg, "report", "language"))) {
		int lang = ko_lang_find(e->value);

		if (lang < 0)
			problem(cfg, e->line, "[report] language '%s': expected "
				"en, fi or sv", e->value);
		else
			r->language = lang;
	}
	for (f = 0; f < sizeof(digits) / sizeof(digits[0]); f++) {
		char *end;
		long d;

		*digit_dest[f] = -1;
		if (!(e = get(cfg, "report", digits[f].key)))
			continue;
		d = strtol(e->value, &end, 10);
		if (end == e->value || *end || d < digits[f].lo || d > digits[f].hi)
			problem(cfg, e->line, "[report] %s '%s': expected a whole "
				"number from %d to %d", digits[f].key, e->value,
				digits[f].lo, digits[f].hi);
		else
			*digit_dest[f] = (int)d;
	}
	if ((e = get(cfg, "report", "csv_bom")) &&
	    parse_bool(e->value, &r->csv_bom))
		problem(cfg, e->line, "[report] csv_bom '%s': expected yes or no",
			e->value);
	if (r->language != KO_LANG_EN)
		r->decimal_mark = ',';
	if ((e = get(cfg, "report", "decimal_mark"))) {
		if (!strcmp(e->value, ".") || !strcmp(e->value, ","))
			r->decimal_mark = e->value[0];
		else
			problem(cfg, e->line, "[report] decimal_mark '%s': expected "
				". or ,", e->value);
	}
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
	resolve_cohort_base(cfg);
	resolve_link(cfg);
	resolve_named_sections(cfg, "variable ", 1);
	for (i = 0; i < cfg->n_vars; i++)
		resolve_variable(cfg, i);
	for (i = 0; i < cfg->n_vars; i++) {
		char sec[160];

		resolve_window_vars(cfg, &cfg->vars[i]);
		if (cfg->vars[i].agg == KO_AGG_EXPR) {
			snprintf(sec, sizeof(sec), "variable %s", cfg->vars[i].name);
			e = get(cfg, sec, "expr");
			resolve_expr(cfg, &cfg->vars[i].expr, e->line, "expr",
				     &cfg->vars[i]);
		}
	}
	for (i = 0; i < cfg->n_vars; i++) {
		char sec[160];

		snprintf(sec, sizeof(sec), "variable %s", cfg->vars[i].name);
		resolve_categories(cfg, sec, &cfg->vars[i]);
		resolve_value_labels(cfg, sec, &cfg->vars[i]);
	}
	check_cycles(cfg);
	resolve_followup(cfg);
	resolve_rules(cfg);
	check_id_name(cfg);
	resolve_models(cfg);
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
	size_t i;

	for (i = 0; i < cfg->n_vars; i++)
		if (!strcmp(cfg->vars[i].name, name))
			return (long)i;
	return -1;
}

long ko_config_find_extract(const struct ko_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_extracts; i++)
		if (!strcmp(cfg->extracts[i].name, name))
			return (long)i;
	return -1;
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
