/*
 * config_parse.c - the config's small parsers (names, numbers, yes/no, one
 * word of a list, comma-separated lists, dates) and its section look-ups
 * (cfg_get, cfg_require, cfg_check_keys, ...), shared by config.c and the
 * section files through config_impl.h.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_impl.h"
#include "value.h"

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

int cfg_valid_name(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

int cfg_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	v = strtod(s, &end);
	if (end == s || *skip_ws(end) || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int ko_cfg_parse_long(const char *s, long lo, long hi, long *out)
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

int ko_cfg_parse_int(const char *s, int lo, int hi, int *out)
{
	long v;

	if (ko_cfg_parse_long(s, lo, hi, &v))
		return -1;
	*out = (int)v;
	return 0;
}

int cfg_parse_bool(const char *s, int *out)
{
	if (!strcmp(s, "yes") || !strcmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcmp(s, "no") || !strcmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

/* "[sec] " for a problem's key with name_sec, "" without. */
static const char *sec_prefix(const char *sec, int name_sec, char *buf,
			      size_t size)
{
	if (!name_sec)
		return "";
	snprintf(buf, size, "[%s] ", sec);
	return buf;
}

int cfg_word(struct ko_config *cfg, const char *sec, const char *key,
	     int name_sec, const char *const *words, int dflt)
{
	struct entry *e = cfg_get(cfg, sec, key);
	char list[128] = "", pre[160];
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
	problem(cfg, e->line, "%s%s '%s': expected %s",
		sec_prefix(sec, name_sec, pre, sizeof(pre)), key, e->value, list);
	return dflt;
}

void cfg_yes_no(struct ko_config *cfg, const char *sec, const char *key,
		int name_sec, int *out)
{
	struct entry *e = cfg_get(cfg, sec, key);
	char pre[160];

	if (e && cfg_parse_bool(e->value, out))
		problem(cfg, e->line, "%s%s '%s': expected yes or no",
			sec_prefix(sec, name_sec, pre, sizeof(pre)), key,
			e->value);
}

long cfg_entry_list(struct ko_config *cfg, const struct entry *e,
		    char **items, const char *expected)
{
	long n = cfg_split_list(cfg, e->value, items, KO_CFG_MAX_LIST);

	if (n > 0)
		return n;
	problem(cfg, e->line, "%s '%s': expected %s", e->key, e->value,
		expected);
	return 0;
}

/* Split a comma-separated list into trimmed items (quotes removed from
 * "..." items, so "" is the empty string).  Returns the count or -1. */
long cfg_split_list(struct ko_config *cfg, const char *s, char **items,
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

/* ---- sections -------------------------------------------------------------- */

/* Entries of one section, checked against the keys it accepts.  Marks
 * unknown and repeated keys as problems. */
void cfg_check_keys(struct ko_config *cfg, const char *section,
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
struct entry *cfg_get(struct ko_config *cfg, const char *section,
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

int cfg_section_first(const struct ko_config_priv *p, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (!strcmp(p->entries[j].section, p->entries[i].section))
			return 0;
	return 1;
}

/* Line of a section's header, or of its first key; 0 if it is absent. */
long cfg_section_line(struct ko_config *cfg, const char *section)
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

struct entry *cfg_require(struct ko_config *cfg, const char *section,
			  const char *key)
{
	struct entry *e = cfg_get(cfg, section, key);

	if (!e)
		problem(cfg, cfg_section_line(cfg, section),
			"[%s]: missing required key '%s'", section, key);
	return e;
}
