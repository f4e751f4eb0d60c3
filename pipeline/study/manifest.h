/*
 * manifest.h - output/<study>/manifest.json: what a run read and wrote.
 *
 * Software version, config path and hash, SHA-256 and size of every input
 * and output, per-stage row counts, rejects, warnings.  Written with
 * jansson, keys sorted, and holding nothing that differs between reruns of
 * the same config on the same inputs, so it is the same bytes on a rerun,
 * cached or not: which stages ran or came from the cache, and their
 * timings, are in log.txt.
 * `kohort verify OUTDIR` re-hashes the outputs against it.
 *
 * Ownership: ko_manifest_new returns a manifest the caller frees with
 * ko_manifest_free; strings passed in are copied.
 */
#ifndef KO_MANIFEST_H
#define KO_MANIFEST_H

#include <stdio.h>

#include "error.h"

struct ko_manifest;

struct ko_manifest *ko_manifest_new(const char *study, const char *version);
void ko_manifest_free(struct ko_manifest *m);

enum ko_status ko_manifest_set_config(struct ko_manifest *m, const char *path,
				      struct ko_err *err);
enum ko_status ko_manifest_add_input(struct ko_manifest *m, const char *name,
				     const char *path, struct ko_err *err);
/* relpath is relative to outdir; the file is hashed now. */
enum ko_status ko_manifest_add_output(struct ko_manifest *m, const char *outdir,
				      const char *relpath, struct ko_err *err);
/* 1 when relpath is among the outputs added. */
int ko_manifest_has_output(const struct ko_manifest *m, const char *relpath);

void ko_manifest_add_stage(struct ko_manifest *m, const char *stage,
			   long rows);
void ko_manifest_add_rejects(struct ko_manifest *m, const char *extract,
			     long rows, long rejected);
void ko_manifest_add_warning(struct ko_manifest *m, const char *text);

/* Write outdir/manifest.json atomically. */
enum ko_status ko_manifest_write(const struct ko_manifest *m, const char *outdir,
				 struct ko_err *err);

/* Re-hash every output (and every input still present) listed in
 * outdir/manifest.json and print one line per difference to report; a
 * file under outdir that it does not list is a difference too (but for
 * manifest.json, log.txt, .kohort-lock, .cache/, temporary files and
 * folders with a manifest of their own).
 * *differences receives the count. */
enum ko_status ko_manifest_verify(const char *outdir, FILE *report,
				  int *differences, struct ko_err *err);

#endif
