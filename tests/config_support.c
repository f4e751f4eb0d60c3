/*
 * config_support.c - what the config-error tests share: parse a config
 * text made of a fixed head and a test's tail, and look for a problem
 * reported on a given line.
 */
#include "config_support.h"

#include <stdlib.h>
#include <string.h>

struct ko_config *cs_parse(const char *head, const char *tail,
			   enum ko_status want)
{
	char *text = malloc(strlen(head) + strlen(tail) + 1);
	struct ko_config *cfg = NULL;
	struct ko_err err;
	enum ko_status st;

	assert_non_null(text);
	strcpy(text, head);
	strcat(text, tail);
	ko_err_clear(&err);
	st = ko_config_parse(&cfg, text, "t.ini", &err);
	free(text);
	if (st != want) {
		size_t i;

		for (i = 0; cfg && i < cfg->n_problems; i++)
			print_error("line %ld: %s\n", cfg->problems[i].line,
				    cfg->problems[i].msg);
		fail();
	}
	assert_non_null(cfg);
	return cfg;
}

int cs_has_problem(const struct ko_config *cfg, long line, const char *text)
{
	size_t i;

	for (i = 0; i < cfg->n_problems; i++)
		if (cfg->problems[i].line == line &&
		    strstr(cfg->problems[i].msg, text))
			return 1;
	for (i = 0; i < cfg->n_problems; i++)
		print_error("have line %ld: %s\n", cfg->problems[i].line,
			    cfg->problems[i].msg);
	return 0;
}
