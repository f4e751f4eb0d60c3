/*
 * rowstore.h - rows of an extract kept in memory as the reader delivered
 * them, to be delivered again without reading the file a second time.
 *
 * The link stage reads the base and population extracts; the derive
 * stage's first passes over them need some of the same columns.  The link
 * read keeps those columns here (ko_rowstore_add from its row callback)
 * and the derive pass gets the rows back (ko_rowstore_replay) in the same
 * order, with the same row numbers and the same values: for each kept
 * cell its missing flag, and
 *   - for a TEXT, ID, CAT or CODE column its text (NUL-terminated, as
 *     delivered; the union zero, as the reader delivers it), but for an
 *     id kept as its index in the person dictionary (ko_rowstore_use_dict)
 *     the union's integer is that index + 1, so that what replays the
 *     rows need not look the id up again (ko_derive_pass_indexed_ids);
 *   - for a DATE, INT or NUM column its parsed value, but not its text:
 *     a replayed cell of these types has empty text.  What reads a kept
 *     row must read these columns' values only (the derive stage does:
 *     the config allows text comparisons, codes and labels on textual
 *     columns only).
 *
 * Rows are packed one after another (a varint row step, then per cell a
 * header, the value or the text) in blocks of a few MiB.  A text is kept
 * as its index when a dictionary has it: the person dictionary for an id
 * column (ko_rowstore_use_dict; the link stage has interned those ids),
 * else the column's own pool of up to 4096 distinct texts (categories);
 * other texts inline.  A kept base row of the benchmark study costs
 * about 25 bytes.
 *
 *     struct ko_rowstore *k = ko_rowstore_new(cols, n);
 *     ... in the reader's row callback:
 *     ko_rowstore_add(k, row, pick, err);   keep row->values[pick[i]]
 *     ... later:
 *     ko_rowstore_replay(k, fn, ctx, err);  fn sees the kept columns
 *     ko_rowstore_free(k);
 *
 * Ownership: ko_rowstore_new copies the column specs it is given (their
 * names and missing codes are borrowed and must outlive the store).  The
 * rows passed to fn by a replay, and the text they point to, are valid
 * during the call only, as the reader's are.
 */
#ifndef KO_ROWSTORE_H
#define KO_ROWSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "persons.h"
#include "reader.h"

struct ko_rowstore;

/* A store of rows with the n columns cols (their types say which parsed
 * value each cell keeps); NULL when out of memory. */
struct ko_rowstore *ko_rowstore_new(const struct ko_column *cols, size_t n);
void ko_rowstore_free(struct ko_rowstore *k);

/* Column col holds ids of dict: keep them as their index in dict when it
 * has them (inline otherwise).  dict is borrowed; it may grow while rows
 * are added, and must hold the same ids at the same indices, and not
 * grow, while a replay runs. */
void ko_rowstore_use_dict(struct ko_rowstore *k, size_t col,
			  const struct ko_persons *dict);

/* Keep one delivered row: the store's column i is row->values[pick[i]].
 * KO_ERR_NOMEM when out of memory. */
enum ko_status ko_rowstore_add(struct ko_rowstore *k, const struct ko_row *row,
			       const size_t *pick, struct ko_err *err);

/* Deliver every kept row, in the order kept, through fn (its values in
 * the store's column order).  fn returning non-zero stops the replay with
 * KO_ERR_STOPPED, as it stops a read; so does SIGINT/SIGTERM
 * ("interrupted", interrupt.h). */
enum ko_status ko_rowstore_replay(const struct ko_rowstore *k, ko_row_fn fn,
				  void *ctx, struct ko_err *err);

/* The store's columns (as given to ko_rowstore_new) and their count. */
const struct ko_column *ko_rowstore_columns(const struct ko_rowstore *k,
					    size_t *n);

/* Rows kept, and the bytes they take. */
size_t ko_rowstore_rows(const struct ko_rowstore *k);
size_t ko_rowstore_bytes(const struct ko_rowstore *k);

#endif
