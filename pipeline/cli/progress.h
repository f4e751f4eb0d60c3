/*
 * progress.h - progress of `kohort run` on a terminal: one updating line
 * per extract being read (stage, extract, rows, share done, MB/s, ETA),
 * several at once when extracts are read in parallel, and one final line
 * per extract when its read is done.
 *
 *     struct ko_progress *p = ko_progress_new(stderr);  NULL: no terminal
 *     ko_progress_stage(p, "derive");                   "derive ..."
 *     ko_progress_update(p, "hilmo", &stats);   from reader threads; drawn
 *                                               at most ~4 times a second
 *     ko_progress_done(p, "hilmo", &stats, seconds);
 *     ko_progress_stage_done(p, "derive", secs, cpu);  "derive: 3.10 s, 2.50 s CPU"
 *     ko_progress_free(p);
 *
 * Every function is thread-safe and does nothing on NULL, so callers need
 * not check whether a terminal is attached.  ETA is from the share of the
 * file read (bytes_in of bytes_total), rows and MB/s from the text parsed.
 *
 * Ownership: ko_progress_new/_free; the stream is borrowed.
 */
#ifndef KO_PROGRESS_H
#define KO_PROGRESS_H

#include <stdio.h>

#include "reader.h"

struct ko_progress;

/* A display on out when out is a terminal (isatty), else NULL. */
struct ko_progress *ko_progress_new(FILE *out);
void ko_progress_free(struct ko_progress *p);

/* A stage starts ("model ...") or is done ("model: 29.26 s, 31.02 s CPU":
 * wall seconds, then user + system CPU seconds of every thread): one line
 * each, so that stages without reads show too. */
void ko_progress_stage(struct ko_progress *p, const char *stage);
void ko_progress_stage_done(struct ko_progress *p, const char *stage,
			    double seconds, double cpu_seconds);
void ko_progress_update(struct ko_progress *p, const char *extract,
			const struct ko_reader_stats *stats);
void ko_progress_done(struct ko_progress *p, const char *extract,
		      const struct ko_reader_stats *stats, double seconds);

/* "  NAME  ROWS rows  MB MB  S s  MB/s MB/s" for a finished read (also
 * the run log's line). */
void ko_progress_format_done(char *buf, size_t size, const char *extract,
			     const struct ko_reader_stats *stats,
			     double seconds);

#endif
