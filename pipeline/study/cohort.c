/* cohort.c - inclusion/exclusion rules and the flow (see cohort.h). */
#include "cohort.h"
#include "followup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void ko_flow_init(struct ko_flow *flow)
{
	flow->rows = NULL;
	flow->n = 0;
	flow->member = NULL;
	flow->n_members = 0;
}

void ko_flow_release(struct ko_flow *flow)
{
	free(flow->rows);
	free(flow->member);
	ko_flow_init(flow);
}

/* Apply one rule to the current members; returns how many it removed. */
static long apply_rule(const struct ko_config *cfg, const struct ko_derived *d,
		       const struct ko_cfg_rule *r, uint8_t *member)
{
	long removed = 0;
	size_t c;

	for (c = 0; c < d->n_children; c++) {
		double x;
		int is_true;

		if (!member[c])
			continue;
		x = ko_derive_eval(cfg, d, &r->expr, c);
		is_true = !isnan(x) && x != 0;
		if (is_true == r->exclude) {
			member[c] = 0;
			removed++;
		}
	}
	return removed;
}

enum ko_status ko_cohort_apply(const struct ko_config *cfg,
			       const struct ko_derived *d, struct ko_flow *flow,
			       struct ko_err *err)
{
	size_t i, n = d->n_children;
	long remaining = (long)n;
	int r;

	ko_flow_release(flow);
	flow->rows = calloc(cfg->n_rules + 1 + KO_FU_N_REASONS,
			    sizeof(*flow->rows));
	flow->member = malloc(n ? n : 1);
	if (!flow->rows || !flow->member) {
		ko_flow_release(flow);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < n; i++)
		flow->member[i] = 1;
	snprintf(flow->rows[0].step, sizeof(flow->rows[0].step),
		 "children in extract %s", cfg->extracts[cfg->base].name);
	flow->rows[0].n_remaining = remaining;
	flow->n = 1;
	for (i = 0; i < cfg->n_rules; i++) {
		long removed = apply_rule(cfg, d, &cfg->rules[i], flow->member);

		remaining -= removed;
		snprintf(flow->rows[flow->n].step, sizeof(flow->rows[0].step),
			 "%s", cfg->rules[i].label);
		flow->rows[flow->n].n_remaining = remaining;
		flow->rows[flow->n].n_excluded = removed;
		flow->n++;
	}
	/* follow-up's exclusions, counted among those left by the rules */
	for (r = KO_FU_FIRST_EXCLUSION; d->fu_reason && r < KO_FU_N_REASONS; r++) {
		long removed = 0;

		for (i = 0; i < n; i++)
			if (flow->member[i] && d->fu_reason[i] == r) {
				flow->member[i] = 0;
				removed++;
			}
		if (!removed)
			continue;
		remaining -= removed;
		snprintf(flow->rows[flow->n].step, sizeof(flow->rows[0].step),
			 "%s", ko_fu_reason_name((enum ko_fu_reason)r));
		flow->rows[flow->n].n_remaining = remaining;
		flow->rows[flow->n].n_excluded = removed;
		flow->n++;
	}
	flow->n_members = remaining;
	return KO_OK;
}
