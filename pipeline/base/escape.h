/*
 * escape.h - text escapes of the output formats, each written once: a CSV
 * field and HTML text.  Every CSV and HTML writer of kohort uses these.
 *
 * A CSV field is quoted as RFC 4180 says (when it holds a comma, a double
 * quote, CR or LF; quotes doubled).  Unless KO_CSV_DATA is asked for, it is
 * also neutralised against formula injection as OWASP recommends: text that
 * starts with = + - @ tab or CR (a spreadsheet would run it as a formula) is
 * written as "'text", a quoted field with a leading apostrophe.  Numbers are
 * left alone: "-1.25", "+3", "-2e-05" stay numbers.  KO_CSV_DATA (only the
 * analysis dataset, which is read by statistical software, not opened in a
 * spreadsheet, and the rejects files, rejected values as delivered) keeps
 * every value exactly.
 */
#ifndef KO_ESCAPE_H
#define KO_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

enum ko_csv_mode {
	KO_CSV_SAFE = 0, /* quoted as needed, formulas neutralised */
	KO_CSV_DATA      /* quoted as needed, nothing else changed */
};

/* Write the CSV field s (NULL: an empty field) to fp. */
void ko_csv_put(FILE *fp, const char *s, enum ko_csv_mode mode);

/* Write the one CSV field "label: s" (a NULL label: the field s). */
void ko_csv_put_labelled(FILE *fp, const char *label, const char *s,
			 enum ko_csv_mode mode);

/* The CSV field s into out (size bytes, NUL-terminated, cut short when it
 * does not fit); returns the length the whole field needs, like snprintf. */
size_t ko_csv_escape(char *out, size_t size, const char *s,
		     enum ko_csv_mode mode);

/* 1 when the text would be run as a formula by a spreadsheet: it starts
 * with = + - @ tab or CR and is not a number. */
int ko_csv_is_formula(const char *s);

/* Write the number v as kohort's CSV files spell one: na for NaN (model
 * files "", kohort fit "NA"), Inf or -Inf, else %.<digits>g; with
 * zero_plain a negative zero is written 0.  The one number formatter of
 * models/ and kohort fit. */
void ko_num_put(FILE *fp, double v, const char *na, int digits, int zero_plain);

/* Write s (NULL: nothing) to fp as HTML text: & < > " ' as entities. */
void ko_html_put(FILE *fp, const char *s);

#endif
