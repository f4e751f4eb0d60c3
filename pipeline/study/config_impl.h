/*
 * config_impl.h - what the config parser's files share, for config.c,
 * expr.c, config_cohort.c, config_vars.c and config_model.c only (config.h
 * is the parser's interface): the config's private state, the memory it
 * owns, its list of problems, the small parsers and the section resolvers
 * that config.c's resolve_all calls in the other files.
 */
#ifndef KO_CONFIG_IMPL_H
#define KO_CONFIG_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct entry {
	char *section;
	char *key;
	char *value;     /* malloc'd (grows with continuation lines) */
	size_t value_cap;
	long line;
};

struct ko_config_priv {
	void **allocs;
	size_t n_allocs, cap_allocs;
	struct entry *entries;
	size_t n_entries, cap_entries;
	struct entry *headers;   /* [section] lines: section, line */
	size_t n_headers, cap_headers;
	/* parse state */
	const char *text;
	size_t pos;
	long lineno;
	int continuation; /* the line just read is an indented continuation */
	int oom;
};

/* Memory owned by the config, freed by ko_config_free; NULL (and
 * priv->oom set) when out of memory. */
void *cfg_alloc(struct ko_config *cfg, size_t size);
char *cfg_strndup(struct ko_config *cfg, const char *s, size_t n);
char *cfg_strdup(struct ko_config *cfg, const char *s);
void *cfg_push(struct ko_config *cfg, void **arr, size_t *n, size_t elem);

#define PUSH(cfg, arr, n) cfg_push((cfg), (void **)&(arr), &(n), sizeof(*(arr)))

/* A problem at line of the config file (all are collected, sorted by
 * line, and the first is the error). */
void problem(struct ko_config *cfg, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

const char *skip_ws(const char *s);
int is_name_char(int c);
int parse_iso_date(const char *s, size_t len, int32_t *out);

/* A key a section accepts; repeatable keys may appear more than once. */
struct key_spec {
	const char *name;
	int repeatable;
};

/* Column types as bit masks for cfg_col_ref's allowed. */
#define T_(t) (1u << (t))
#define T_TEXTUAL (T_(KO_TYPE_TEXT) | T_(KO_TYPE_ID) | T_(KO_TYPE_CAT) | T_(KO_TYPE_CODE))
#define T_NUMERIC (T_(KO_TYPE_INT) | T_(KO_TYPE_NUM))
#define T_ANY 0xffu

/* The small parsers and section lookups of config.c. */
int cfg_valid_name(const char *s);
/* 0, or -1 if s is not a finite number / not yes, true, 1, no, false or 0. */
int cfg_parse_double(const char *s, double *out);
int cfg_parse_bool(const char *s, int *out);
/* Key of sec as one word of words (NULL-terminated, case-sensitive): its
 * index; dflt when the key is not given, or with a problem "KEY 'VALUE':
 * expected a, b or c" when it is none of them (with name_sec, "[SEC] KEY
 * ..." for a section whose problems do not say it). */
int cfg_word(struct ko_config *cfg, const char *sec, const char *key,
	     int name_sec, const char *const *words, int dflt);
/* Key of sec as yes or no (cfg_parse_bool) into *out, kept when the key
 * is not given; a problem "KEY 'VALUE': expected yes or no" otherwise
 * (name_sec as cfg_word). */
void cfg_yes_no(struct ko_config *cfg, const char *sec, const char *key,
		int name_sec, int *out);
/* A comma-separated list into trimmed items (quotes removed from "..."
 * items): the count or -1. */
long cfg_split_list(struct ko_config *cfg, const char *s, char **items,
		    size_t max);
/* e's value as a list (cfg_split_list, at most KO_CFG_MAX_LIST items):
 * the count, or 0 with a problem "KEY 'VALUE': expected EXPECTED" when it
 * is empty or bad. */
long cfg_entry_list(struct ko_config *cfg, const struct entry *e,
		    char **items, const char *expected);
/* Marks unknown and repeated keys of section as problems; keys starting
 * with prefix_key (if not NULL) are the caller's. */
void cfg_check_keys(struct ko_config *cfg, const char *section,
		    const struct key_spec *keys, const char *prefix_key);
/* The first entry of key in section, or NULL; cfg_require says it is
 * missing as a problem. */
struct entry *cfg_get(struct ko_config *cfg, const char *section,
		      const char *key);
struct entry *cfg_require(struct ko_config *cfg, const char *section,
			  const char *key);
/* Line of a section's header, or of its first key; 0 if it is absent. */
long cfg_section_line(struct ko_config *cfg, const char *section);
/* 1 when entries[i] is the first entry of its section: a loop over the
 * entries that skips the others sees each section once. */
int cfg_section_first(const struct ko_config_priv *p, size_t i);
/* Column name of extract x with a type among allowed (T_* mask), or -1
 * with a problem. */
long cfg_col_ref(struct ko_config *cfg, const struct ko_cfg_extract *x,
		 const char *name, unsigned allowed, long line, const char *what);
/* The extract called name, or -1 with a problem. */
long cfg_extract_ref(struct ko_config *cfg, const char *name, long line,
		     const char *what);
/* [section] key = EXTRACT, required, of one row per person ('unique =
 * yes'; why: the message's tail when it is not): the extract, or -1 with
 * a problem (a non-unique one is a problem but still returned). */
long cfg_unique_extract(struct ko_config *cfg, const char *section,
			const char *key, const char *why);
/* [section] key = COLUMN, required, a date column of extract x: the
 * column, or -1 with a problem (-1 without one when x < 0, but a missing
 * key is still said). */
long cfg_date_col(struct ko_config *cfg, const char *section,
		  const char *key, long x);

/* [variable NAME] (config_vars.c), in resolve_all's order: the keys of
 * variable vi; a window variable's variable; categories; value labels;
 * then no variable may depend on itself. */
void cfg_resolve_variable(struct ko_config *cfg, size_t vi);
void cfg_resolve_window_vars(struct ko_config *cfg, struct ko_cfg_variable *v);
void cfg_resolve_categories(struct ko_config *cfg, const char *sec,
			    struct ko_cfg_variable *v);
void cfg_resolve_value_labels(struct ko_config *cfg, const char *sec,
			      struct ko_cfg_variable *v);
void cfg_check_cycles(struct ko_config *cfg);

/* [cohort] (config_cohort.c): base, id and birth date before the link;
 * follow-up after the variables; include and exclude rules. */
void cfg_resolve_cohort_base(struct ko_config *cfg);
void cfg_resolve_followup(struct ko_config *cfg);
void cfg_resolve_rules(struct ko_config *cfg);

/* [model NAME] (config_model.c), after the variables and the cohort. */
void cfg_resolve_models(struct ko_config *cfg);

/* The follow-up value (enum ko_fu_value) called name, or -1 (config_cohort.c;
 * the expression language resolves fu_* names with it). */
long fu_value_find(const char *name);

#endif
