/*
 * cache.h - the stage cache of `kohort run`: the results of the data stages
 * (link, derive, cohort: person dictionary, parent links, derived values
 * with the years of each aggregate = years variable,
 * flow and cohort members, reject counts) kept in one binary file,
 * OUT/.cache/data.bin, so that a rerun whose inputs and data settings did
 * not change goes straight to the model (and report) stages.
 *
 *     ko_cache_key(cfg, cfg_path, key, err)      what the data stages read
 *     ko_cache_load(&s, key, &hit, why, ...)     after ko_study_init
 *     ... stages ...
 *     ko_cache_save(&s, key, err)                after the write stage
 *       (or ko_cache_save_start after the cohort stage, on a thread,
 *        ko_cache_save_outputs_done after the write stage, and
 *        ko_cache_save_finish at the end of the run)
 *
 * The key is the SHA-256 of the software version, the build (the SHA-256
 * of the running program, ko_cache_build_id), the SHA-256 of every
 * input file and the config entries the data stages depend on: [study]
 * without output, seed and disclosure_threshold, every [extract NAME]
 * (without file: the file counts by its contents, in extract order),
 * [link], [cohort] and [variable NAME] without label and value_labels
 * (which only the report reads) (in file order; comments and blanks do not
 * count).  The file has a header (magic, format, key) and a
 * trailer (length, CRC-32 of the body), and lists the SHA-256 of the
 * outputs of the data stages (analysis.csv.gz, internal/flow.csv,
 * internal/linkage.csv, rejects/): a file with another key or format, a
 * damaged file and outputs that changed since are a miss, never trusted.
 * Arrays of whole numbers (flags, categories, dates) are stored in 1, 2
 * or 4 bytes a value and read back bit for bit (format 3); the outputs'
 * hashes are the body's last block (format 4).
 * It is written to a temporary file and renamed into place.  The run
 * checks (ko_file_id_check) that each extract it read, and each it lists,
 * is the file the key hashed, so a delivery swapped during a run cannot be
 * cached under the old contents' key.
 *
 * Ownership: ko_cache_load fills s->links, s->derived and s->flow (which
 * must be empty) only on a hit; the study owns them as after the stages.
 */
#ifndef KO_CACHE_H
#define KO_CACHE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "fileid.h"
#include "hash.h"
#include "outfile.h"
#include "study.h"

/* The data stages' cache key for cfg (read from cfg_path). */
enum ko_status ko_cache_key(const struct ko_config *cfg, const char *cfg_path,
			    char key[KO_SHA256_HEX], struct ko_err *err);

/* The running build: the SHA-256 (hex) of /proc/self/exe, hashed once per
 * process (a unique value when it cannot be read: then no cache is ever
 * taken).  Part of the data key, and so of the model key. */
const char *ko_cache_build_id(void);

/* ko_cache_key, and each extract's identity (ids: cfg->n_extracts, may be
 * NULL) taken before it was hashed: a run checks against them that what it
 * reads, and what it caches, is what the key says. */
enum ko_status ko_cache_key_ids(const struct ko_config *cfg,
				const char *cfg_path, struct ko_file_id *ids,
				char key[KO_SHA256_HEX], struct ko_err *err);

/* Save the data stages' results of s (after ko_study_write). */
enum ko_status ko_cache_save(const struct ko_study *s, const char *key,
			     struct ko_err *err);

/* The same save in steps, so that the file is written while the write,
 * model and report stages run: ko_cache_save_start after ko_study_cohort
 * (when s's links, derived values and flow are complete: nothing may
 * change them until the finish) writes them into the temporary file, on a
 * thread when threaded (else at once); *job is NULL when there is nothing
 * to save.  ko_cache_save_outputs_done(job) after ko_study_write lets it
 * hash the data stages' outputs into the file's end and sync it.  After
 * the run's checks, ko_cache_save_finish(job, keep, err) waits for it and
 * with keep (and the outputs done) renames it into place
 * (ko_outfile_commit, as ko_cache_save), or else (the run failed or was
 * interrupted: the write stops early) removes it; it frees job either way.
 * A run killed at any moment leaves at most a temporary file, which the
 * next run sweeps: never a data.bin. */
struct ko_cache_job;
enum ko_status ko_cache_save_start(const struct ko_study *s, const char *key,
				   int threaded, struct ko_cache_job **job,
				   struct ko_err *err);
void ko_cache_save_outputs_done(struct ko_cache_job *job);
enum ko_status ko_cache_save_finish(struct ko_cache_job *job, int keep,
				    struct ko_err *err);

/* Load the results cached under key into s: *hit = 1, or *hit = 0 and why
 * (one line: "no cache", "inputs or data settings changed", "damaged:
 * ...").  Errors only for out of memory. */
enum ko_status ko_cache_load(struct ko_study *s, const char *key, int *hit,
			     char *why, size_t why_size, struct ko_err *err);

/* ---- the file format of every cache file (data.bin, models.bin) -------
 *
 *     magic (8 bytes) | format (uint32) | key (KO_SHA256_HEX bytes) |
 *     body | body length (uint64) | CRC-32 of the body (uint32) |
 *     "KOEND\n\n\n"
 *
 * Numbers in the machine's byte order.  A writer puts the body through
 * ko_cache_put* and appears whole at ko_cache_write_end (ko_outfile: a
 * temporary file and a rename); a reader checks magic, format, key, length
 * and CRC before it hands out the body through bounds-checked ko_cache_get*
 * calls, each of which sets r->bad (and returns 0 / NULL) when the body is
 * too short, so that a damaged file is a miss and never a crash. */

/* The SHA-256 of prefix (prefix_len bytes) and then of every entry of the
 * config file at cfg_path that want() selects, each as section NUL name
 * NUL value NUL, in file order (comments and blanks do not count). */
enum ko_status ko_cache_key_entries(const char *cfg_path, const void *prefix,
				    size_t prefix_len,
				    int (*want)(const char *section,
						const char *name),
				    char key[KO_SHA256_HEX], struct ko_err *err);

struct ko_cache_writer {
	struct ko_outfile out;
	unsigned long crc;
	uint64_t len;
	int bad;      /* a write failed: ko_cache_write_end fails */
	int errnum;   /* errno of the failed write */
	const atomic_int *cancel; /* set: the writes stop (bad); may be NULL */
};

enum ko_status ko_cache_write_begin(struct ko_cache_writer *w,
				    const char *path, const char magic[8],
				    uint32_t format, const char *key,
				    struct ko_err *err);
void ko_cache_put(struct ko_cache_writer *w, const void *p, size_t n);
void ko_cache_put_u64(struct ko_cache_writer *w, uint64_t v);
/* A string or NULL (read back as the same by ko_cache_get_str). */
void ko_cache_put_str(struct ko_cache_writer *w, const char *s);
/* Trailer and rename into place; on any failure the file is removed. */
enum ko_status ko_cache_write_end(struct ko_cache_writer *w,
				  struct ko_err *err);

struct ko_cache_reader {
	unsigned char *buf;           /* the whole file */
	const unsigned char *p, *end; /* the unread body */
	int bad;                      /* a get went past the body, or the
					 caller found the contents wrong */
};

/* Read and check the file at path: 1 with r ready at the start of the
 * body, or 0 with why ("no cache", "damaged: ...", "written by another
 * kohort version", or key_changed when the key differs).  Release r in
 * either case. */
int ko_cache_read_begin(struct ko_cache_reader *r, const char *path,
			const char magic[8], uint32_t format, const char *key,
			const char *key_changed, char *why, size_t why_size);
/* Whether the body was read to its end without a problem. */
int ko_cache_read_ok(const struct ko_cache_reader *r);
void ko_cache_read_release(struct ko_cache_reader *r);

/* n bytes of the body (valid until the release), or NULL. */
const void *ko_cache_take(struct ko_cache_reader *r, uint64_t n);
int ko_cache_get(struct ko_cache_reader *r, void *out, uint64_t n);
uint64_t ko_cache_get_u64(struct ko_cache_reader *r);
/* A new array of n elements of size elem (at least one element allocated),
 * or NULL. */
void *ko_cache_get_array(struct ko_cache_reader *r, uint64_t n, size_t elem);
/* A string written by ko_cache_put_str into *out (new, or NULL when NULL
 * was written); 0 when bad or out of memory (then r->bad). */
int ko_cache_get_str(struct ko_cache_reader *r, char **out);

#endif
