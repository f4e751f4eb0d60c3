/*
 * table_impl.h - what the table writers share, for pipeline/tables/table*.c
 * only (table.h is the interface): the helpers for group headers and the
 * suppression note that table.c's writers and table_xlsx.c both use, and
 * the text writers of table_text.c that ko_table_write (table.c) calls.
 */
#ifndef KO_TABLE_IMPL_H
#define KO_TABLE_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "table.h"

#define EN_DASH "\xe2\x80\x93"

int has_groups(const struct ko_table *t);
/* Number of columns from c on that share c's group (at least 1). */
int group_span(const struct ko_table *t, int c);
int any_suppressed(const struct ko_table *t);
/* The sentence that explains the suppression marks, into buf. */
void supp_note(const struct ko_table *t, const struct ko_number_format *fmt,
	       char *buf, size_t size);

/* table_text.c: one table as markdown, an HTML fragment, a standalone
 * HTML page, LaTeX into fp; 0 or KO_ERR_NOMEM (the caller checks ferror). */
int table_put_md(const struct ko_table *t, const struct ko_number_format *fmt,
		 FILE *fp);
int table_put_html(const struct ko_table *t, const struct ko_number_format *fmt,
		   FILE *fp);
int table_put_html_page(const struct ko_table *t,
			const struct ko_number_format *fmt, FILE *fp);
int table_put_tex(const struct ko_table *t, const struct ko_number_format *fmt,
		  FILE *fp);

#endif
