/*
 * config_impl.h - what the config parser's files share, for config.c and
 * expr.c only (config.h is the parser's interface): the config's private
 * state, the memory it owns, its list of problems and the small parsers.
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
void *cfg_push(struct ko_config *cfg, void **arr, size_t *n, size_t elem);

#define PUSH(cfg, arr, n) cfg_push((cfg), (void **)&(arr), &(n), sizeof(*(arr)))

/* A problem at line of the config file (all are collected, sorted by
 * line, and the first is the error). */
void problem(struct ko_config *cfg, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

const char *skip_ws(const char *s);
int is_name_char(int c);
int parse_iso_date(const char *s, size_t len, int32_t *out);

/* The follow-up value (enum ko_fu_value) called name, or -1 (config.c;
 * the expression language resolves fu_* names with it). */
long fu_value_find(const char *name);

#endif
