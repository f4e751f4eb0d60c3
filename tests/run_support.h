/*
 * run_support.h - helpers shared by the tests that run the kohort binary
 * ($KOHORT_BIN) on the example study (see run_support.c): configs on the
 * fixture extracts, runs with their output captured, and comparisons of
 * output folders and manifests.
 *
 * A test file sets rs_tmp (its scratch folder) in its setup.
 */
#ifndef KO_RUN_SUPPORT_H
#define KO_RUN_SUPPORT_H

#include <stddef.h>

#define RS_DATA "tests/fixtures/derive_data/"

extern char rs_tmp[64];

void rs_write_text(const char *path, const char *text);

/* Whole text file into a new buffer ("" when absent). */
char *rs_slurp(const char *path);

/* text with the first occurrence of from (which must occur) replaced by to
 * (new string). */
char *rs_replace(const char *text, const char *from, const char *to);

/* The example config reading the fixture extracts, with one edit (from ->
 * to; none when from is NULL), written to path. */
void rs_make_config(const char *path, const char *from, const char *to);

/* kohort ARGS; stdout and stderr into rs_tmp/out.txt and rs_tmp/err.txt.
 * Returns the exit status. */
int rs_kohort(const char *args);

/* rs_tmp/name's text (new string). */
char *rs_read_tmp(const char *name);

void rs_assert_file_has(const char *path, const char *needle);

/* dir/manifest.json (without its stages' row counts when drop_stages),
 * compact (new string); asserts it has no timings and no "ran". */
char *rs_manifest_core(const char *dir, int drop_stages);

/* Every file under a and b the same bytes, the manifest too (log.txt
 * aside). */
void rs_assert_same_outputs(const char *a, const char *b, int with_stages);

/* Whether stage name ran (1) or came from the cache (0), per log.txt. */
int rs_stage_ran(const char *dir, const char *name);

/* Rewrite a cache file's trailer CRC after an edit of its body (cache.h),
 * so that only the checks of the contents stand between the edit and a
 * hit. */
void rs_fix_crc(unsigned char *buf, size_t len);

#endif
