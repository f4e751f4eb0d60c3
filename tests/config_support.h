/*
 * config_support.h - helpers of the config-error tests (test_config.c,
 * test_model.c, test_model_effects.c).
 */
#ifndef KO_CONFIG_SUPPORT_H
#define KO_CONFIG_SUPPORT_H

#include "ko_test.h"

#include "config.h"

/* Parse head + tail as "t.ini"; fails the test (listing the problems)
 * unless the status is want.  Returns the config, problems or not. */
struct ko_config *cs_parse(const char *head, const char *tail,
			   enum ko_status want);

/* 1 when a problem on line mentions text (else lists them, returns 0). */
int cs_has_problem(const struct ko_config *cfg, long line, const char *text);

#endif
