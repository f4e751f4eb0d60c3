/*
 * cohort.h - the cohort: inclusion and exclusion rules applied in config
 * order to the base extract's children, each giving one flow row.
 *
 * Ownership: struct ko_flow lives in the caller's memory (_init/_release);
 * it owns its rows and member mask.
 */
#ifndef KO_COHORT_H
#define KO_COHORT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "derive.h"
#include "error.h"

struct ko_flow_row {
	char step[256];
	long n_remaining;
	long n_excluded;
};

struct ko_flow {
	struct ko_flow_row *rows;
	size_t n;
	uint8_t *member; /* per child: 1 if in the final cohort */
	long n_members;
};

void ko_flow_init(struct ko_flow *flow);
void ko_flow_release(struct ko_flow *flow);

/* Apply cfg's rules to the children of d.  The first flow row is the base
 * extract ("children in extract birth").  A rule whose condition is
 * missing for a child keeps the child for an exclusion and drops it for an
 * inclusion (only a true condition counts).  With follow-up (d's fu_
 * arrays, followup.h) the children the rules kept whose dates give no
 * follow-up are excluded last, one flow row per reason that has any. */
enum ko_status ko_cohort_apply(const struct ko_config *cfg,
			       const struct ko_derived *d, struct ko_flow *flow,
			       struct ko_err *err);

#endif
