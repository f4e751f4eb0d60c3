/*
 * export.h - the analysis dataset for colleagues who go on in Stata, SPSS
 * or R inside the secure environment ([study] export = dta, sav):
 *
 *   OUT/analysis.dta  Stata 118 (UTF-8), via ReadStat
 *   OUT/analysis.sav  SPSS, via ReadStat
 *   OUT/analysis.R    R code that reads analysis.dta with haven and refits
 *                     each [model NAME]'s adjusted model (subgroup, strata,
 *                     references, SE type with the family clusters;
 *                     split follow-up with survival::tmerge)
 *   OUT/analysis_times.dta  when a model splits follow-up: per member its
 *                     birth date and the days on which its time-varying
 *                     terms change (long: id, variable, date), for
 *                     analysis.R
 *   OUT/analysis.do   the same in Stata (logit, poisson or firthlogit with
 *                     vce(cluster) on the family ids, base levels looked
 *                     up by their labels)
 *
 * One row per cohort member, the columns of analysis.csv.gz (the base
 * extract's id, then every output variable) and the family ids
 * family_mother and family_father (the linked parent's id, "" when the
 * child has no valid link of that kind; the model stage's clusters).
 * Variable labels are the variables' labels; value labels: a categorised
 * or text variable is stored as codes 1, 2, ... labelled with its levels
 * (the level names the model uses), a number variable with value_labels
 * keeps its values and gets those labels.  Dates are Stata %td / SPSS
 * DATE11.  Files are written as every output of the run (outfile.h).
 */
#ifndef KO_EXPORT_H
#define KO_EXPORT_H

#include <stddef.h>

#include "error.h"

struct ko_study;

/* Write the files [study] export asks for (none: nothing). */
enum ko_status ko_export_write(const struct ko_study *s, struct ko_err *err);

/* The i-th file written (relative to OUT) into buf; NULL past the last. */
const char *ko_export_output(const struct ko_study *s, size_t i, char *buf,
			     size_t size);

#endif
