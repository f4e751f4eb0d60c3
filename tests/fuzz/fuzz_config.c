/*
 * fuzz_config.c - libFuzzer harness for the study config parser: any bytes
 * as the text of a config (cut at a NUL, as ko_config_load refuses one),
 * parsed and resolved; each input either loads or reports problems with a
 * line inside the text.  Seeds in tests/fuzz/corpus_config/.  Build and run
 * with
 *   make fuzz FUZZ_SECONDS=180
 * (clang, -fsanitize=fuzzer,address,undefined).  Not part of make test.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ko_config *cfg = NULL;
	struct ko_err err;
	char *text = malloc(size + 1);
	long lines = 1;
	size_t i;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < size && text[i]; i++)
		lines += text[i] == '\n';
	ko_err_clear(&err);
	ko_config_parse(&cfg, text, "fuzz.ini", &err);
	if (cfg) {
		/* every problem points at a line of the text (0: the file) */
		for (i = 0; i < cfg->n_problems; i++)
			if (cfg->problems[i].line < 0 ||
			    cfg->problems[i].line > lines)
				abort();
		for (i = 0; i < cfg->n_vars; i++)
			if (ko_config_find_var(cfg, cfg->vars[i].name) < 0)
				abort();
	}
	ko_config_free(cfg);
	free(text);
	return 0;
}
