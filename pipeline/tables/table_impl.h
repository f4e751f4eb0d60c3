/*
 * table_impl.h - what the table writers share, for pipeline/tables/table*.c
 * only (table.h is the interface): the helpers for group headers and the
 * suppression note that table.c's writers and table_xlsx.c both use.
 */
#ifndef KO_TABLE_IMPL_H
#define KO_TABLE_IMPL_H

#include <stddef.h>

#include "table.h"

int has_groups(const struct ko_table *t);
/* Number of columns from c on that share c's group (at least 1). */
int group_span(const struct ko_table *t, int c);
int any_suppressed(const struct ko_table *t);
/* The sentence that explains the suppression marks, into buf. */
void supp_note(const struct ko_table *t, const struct ko_number_format *fmt,
	       char *buf, size_t size);

#endif
