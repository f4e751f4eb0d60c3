/*
 * cache.h - the stage cache of `kohort run`: the results of the data stages
 * (link, derive, cohort: person dictionary, parent links, derived values,
 * flow and cohort members, reject counts) kept in one binary file,
 * OUT/.cache/data.bin, so that a rerun whose inputs and data settings did
 * not change goes straight to the model (and report) stages.
 *
 *     ko_cache_key(cfg, cfg_path, key, err)      what the data stages read
 *     ko_cache_load(&s, key, &hit, why, ...)     after ko_study_init
 *     ... stages ...
 *     ko_cache_save(&s, key, err)                after the write stage
 *
 * The key is the SHA-256 of the software version, the SHA-256 of every
 * input file and the config entries the data stages depend on: [study]
 * without output, seed and disclosure_threshold, every [extract NAME]
 * (without file: the file counts by its contents, in extract order),
 * [link], [cohort] and [variable NAME] (in file order; comments and
 * blanks do not count).  The file has a header (magic, format, key) and a
 * trailer (length, CRC-32 of the body), and lists the SHA-256 of the
 * outputs of the data stages (analysis.csv.gz, internal/flow.csv,
 * internal/linkage.csv, rejects/): a file with another key or format, a
 * damaged file and outputs that changed since are a miss, never trusted.
 * It is written to a temporary file and renamed into place.
 *
 * Ownership: ko_cache_load fills s->links, s->derived and s->flow (which
 * must be empty) only on a hit; the study owns them as after the stages.
 */
#ifndef KO_CACHE_H
#define KO_CACHE_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "hash.h"
#include "study.h"

/* The data stages' cache key for cfg (read from cfg_path). */
enum ko_status ko_cache_key(const struct ko_config *cfg, const char *cfg_path,
			    char key[KO_SHA256_HEX], struct ko_err *err);

/* Save the data stages' results of s (after ko_study_write). */
enum ko_status ko_cache_save(const struct ko_study *s, const char *key,
			     struct ko_err *err);

/* Load the results cached under key into s: *hit = 1, or *hit = 0 and why
 * (one line: "no cache", "inputs or data settings changed", "damaged:
 * ...").  Errors only for out of memory. */
enum ko_status ko_cache_load(struct ko_study *s, const char *key, int *hit,
			     char *why, size_t why_size, struct ko_err *err);

#endif
