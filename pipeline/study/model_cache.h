/*
 * model_cache.h - the model stage's part of the stage cache of `kohort
 * run`: the results of every [model NAME] (struct ko_model_results, every
 * field of every struct in model.h) in OUT/.cache/models.bin, so that a
 * rerun whose data and model settings did not change skips the fits.
 *
 *     ko_cache_key(cfg, cfg_path, data_key, err)          (cache.h)
 *     ko_model_cache_key(cfg_path, data_key, model_key, err)
 *     ko_model_cache_load(&s, key, &hit, why, ...)        instead of the
 *         model stage; on a hit ko_model_write(&s, err) writes models/
 *     ko_model_cache_save(&s, key, err)                   after the stage
 *
 * The key is the SHA-256 of the data stages' key (inputs, data settings,
 * version: cache.h) and of every entry of every [model NAME] section (in
 * file order; comments and blanks do not count): the model stage reads
 * nothing else.  [report] and [study] output, seed and
 * disclosure_threshold do not count.  The file has the format of every
 * cache file (cache.h: magic, format, key, CRC trailer): another key or
 * format, a damaged file or contents that do not fit the config are a miss,
 * never trusted.  Its outputs (models/NAME*.csv) are written anew from the
 * loaded results, so they are the bytes a fresh run writes by
 * construction.
 *
 * Ownership: ko_model_cache_load puts a new struct ko_model_results on
 * s->models (which must be NULL) only on a hit; the study owns it as after
 * ko_study_model, with cfg pointers into s->cfg.
 */
#ifndef KO_MODEL_CACHE_H
#define KO_MODEL_CACHE_H

#include <stddef.h>

#include "error.h"
#include "hash.h"
#include "study.h"

/* The model stage's cache key, from the data stages' key. */
enum ko_status ko_model_cache_key(const char *cfg_path, const char *data_key,
				  char key[KO_SHA256_HEX], struct ko_err *err);

/* Save s->models (nothing when NULL) under key. */
enum ko_status ko_model_cache_save(const struct ko_study *s, const char *key,
				   struct ko_err *err);

/* Load the results cached under key into s->models: *hit = 1, or *hit = 0
 * and why (one line: "no cache", "data or model settings changed",
 * "damaged: ...", "written by another kohort version").  A file that cannot
 * be used, even for want of memory, is a miss: this never fails. */
enum ko_status ko_model_cache_load(struct ko_study *s, const char *key,
				   int *hit, char *why, size_t why_size,
				   struct ko_err *err);

#endif
