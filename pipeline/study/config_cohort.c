/*
 * config_cohort.c - the config's [cohort] section (docs/config.md): the
 * base extract, id and birth date; the follow-up (entry, end_of_data,
 * death, emigration, event) and its fu_* values, after the variables; the
 * include and exclude rules.  config.c's resolve_all calls the
 * cfg_resolve_* here; what the files share is config_impl.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "config_impl.h"
#include "expr.h"
#include "names.h"

/* [cohort]: base, id, birth date and follow-up; rules come after variables */
void cfg_resolve_cohort_base(struct ko_config *cfg)
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
	if (!cfg_section_line(cfg, "cohort")) {
		problem(cfg, 1, "no [cohort] section (it names the base extract)");
		return;
	}
	cfg_check_keys(cfg, "cohort", keys, NULL);
	if ((x = cfg_unique_extract(cfg, "cohort", "base",
				    " (one row per child)")) >= 0) {
		cfg->base = (size_t)x;
		cfg->base_id_col = cfg->extracts[x].person_cols[0];
	}
	if ((c = cfg_date_col(cfg, "cohort", "birth_date", x)) >= 0)
		cfg->base_birth_col = (size_t)c;
	if ((e = cfg_get(cfg, "cohort", "follow_up"))) {
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
	return ko_name_index(fu_names, KO_FUV_N, name);
}

/* A [cohort] key naming a date variable; -1 when absent or wrong. */
static long fu_date_var(struct ko_config *cfg, const char *key, int first)
{
	struct entry *e = cfg_get(cfg, "cohort", key);
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

void cfg_resolve_followup(struct ko_config *cfg)
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
		if (cfg_get(cfg, "cohort", keys[i]))
			f->active = 1;
	if ((e = cfg_get(cfg, "cohort", "entry")) && strcmp(e->value, "birth")) {
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
	if ((e = cfg_get(cfg, "cohort", "end_of_data")) &&
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

/* include = LABEL: EXPR  /  exclude = LABEL: EXPR, in file order */
void cfg_resolve_rules(struct ko_config *cfg)
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
