/* followup.c - follow-up per child (see followup.h). */
#include "followup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "value.h"

#define DAYS_PER_YEAR 365.25

const char *ko_fu_reason_name(enum ko_fu_reason r)
{
	switch (r) {
	case KO_FU_EVENT: return "event";
	case KO_FU_DEATH: return "death";
	case KO_FU_EMIGRATION: return "emigration";
	case KO_FU_END_AGE: return "end_age";
	case KO_FU_END_OF_DATA: return "end_of_data";
	case KO_FU_NO_START:
		return "no date to start follow-up (birth or entry date missing)";
	case KO_FU_EXIT_BEFORE_ENTRY:
		return "follow-up ends before entry (exit date before the entry "
		       "date)";
	case KO_FU_EVENT_AFTER_LEAVING:
		return "inconsistent dates: event after death or emigration";
	default: return "";
	}
}

int ko_followup_is_exclusion(const char *step)
{
	int r;

	for (r = KO_FU_FIRST_EXCLUSION; r < KO_FU_N_REASONS; r++)
		if (!strcmp(step, ko_fu_reason_name((enum ko_fu_reason)r)))
			return 1;
	return 0;
}

/* A date variable's value as days; KO_DATE_NONE when missing or none. */
static int32_t date_of(const struct ko_derived *d, long var, size_t c)
{
	double x;

	if (var < 0)
		return KO_DATE_NONE;
	x = d->val[var][c];
	return isnan(x) ? KO_DATE_NONE : (int32_t)x;
}

/* One child: entry, exit and reason. */
static void one_child(const struct ko_config *cfg, const struct ko_derived *d,
		      int32_t birth, size_t c, int32_t *entry, int32_t *exit,
		      uint8_t *reason)
{
	const struct ko_cfg_followup *f = &cfg->followup;
	int32_t event, death, emig, end_age, adm_end, leave;
	/* candidates in the order that wins a tie (followup.h) */
	int32_t when[4];
	static const uint8_t why[4] = {
		KO_FU_EVENT, KO_FU_DEATH, KO_FU_EMIGRATION, KO_FU_END_OF_DATA,
	};
	int k;

	*entry = *exit = KO_DATE_NONE;
	if (birth == KO_DATE_NONE) {
		*reason = KO_FU_NO_START;
		return;
	}
	*entry = f->entry_var >= 0 ? date_of(d, f->entry_var, c)
		 : f->entry_age ? ko_birthday(birth, f->entry_age) : birth;
	if (*entry == KO_DATE_NONE) {
		*reason = KO_FU_NO_START;
		return;
	}
	if (*entry < birth) /* nobody is followed before birth */
		*entry = birth;
	event = date_of(d, f->event_var, c);
	death = date_of(d, f->death_var, c);
	emig = date_of(d, f->emigration_var, c);
	end_age = ko_birthday(birth, cfg->follow_up_age);
	adm_end = end_age;
	if (f->end_of_data != KO_DATE_NONE && f->end_of_data < adm_end)
		adm_end = f->end_of_data;
	/* the earlier of death and emigration, when within follow-up */
	leave = death != KO_DATE_NONE && (emig == KO_DATE_NONE || death <= emig)
		? death : emig;
	if (event != KO_DATE_NONE && leave != KO_DATE_NONE && event > leave &&
	    event < end_age && event <= adm_end && leave <= adm_end) {
		*reason = KO_FU_EVENT_AFTER_LEAVING;
		return;
	}
	*exit = end_age;
	*reason = KO_FU_END_AGE;
	when[0] = event;
	when[1] = death;
	when[2] = emig;
	when[3] = f->end_of_data;
	for (k = 0; k < 4; k++)
		if (when[k] != KO_DATE_NONE && when[k] < *exit) {
			*exit = when[k];
			*reason = why[k];
		}
	if (*exit < *entry)
		*reason = KO_FU_EXIT_BEFORE_ENTRY;
}

enum ko_status ko_followup_compute(const struct ko_config *cfg,
				   const int32_t *birth, struct ko_derived *d,
				   struct ko_err *err)
{
	size_t c, n = d->n_children ? d->n_children : 1;

	free(d->fu_entry);
	free(d->fu_exit);
	free(d->fu_reason);
	d->fu_entry = d->fu_exit = NULL;
	d->fu_reason = NULL;
	d->fu_birth = NULL;
	d->fu_value = ko_followup_value;
	if (!cfg->followup.active)
		return KO_OK;
	d->fu_entry = malloc(n * sizeof(*d->fu_entry));
	d->fu_exit = malloc(n * sizeof(*d->fu_exit));
	d->fu_reason = malloc(n);
	if (!d->fu_entry || !d->fu_exit || !d->fu_reason) {
		free(d->fu_entry);
		free(d->fu_exit);
		free(d->fu_reason);
		d->fu_entry = d->fu_exit = NULL;
		d->fu_reason = NULL;
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	d->fu_birth = birth;
	for (c = 0; c < d->n_children; c++)
		one_child(cfg, d, birth[c], c, &d->fu_entry[c], &d->fu_exit[c],
			  &d->fu_reason[c]);
	return KO_OK;
}

double ko_followup_value(const struct ko_derived *d, enum ko_fu_value k,
			 size_t c)
{
	double b, in, out;
	int r;

	if (!d->fu_reason || c >= d->n_children)
		return NAN;
	r = d->fu_reason[c];
	if (r == KO_FU_NONE || r >= KO_FU_FIRST_EXCLUSION)
		return NAN;
	b = d->fu_birth[c];
	in = d->fu_entry[c];
	out = d->fu_exit[c];
	switch (k) {
	case KO_FUV_ENTRY_AGE: return (in - b) / DAYS_PER_YEAR;
	case KO_FUV_EXIT_AGE: return (out - b) / DAYS_PER_YEAR;
	case KO_FUV_DAYS: return out - in;
	case KO_FUV_YEARS: return (out - in) / DAYS_PER_YEAR;
	case KO_FUV_EVENT: return r == KO_FU_EVENT;
	case KO_FUV_EVENT_AGE:
		return r == KO_FU_EVENT ? (out - b) / DAYS_PER_YEAR : NAN;
	default: return NAN;
	}
}

size_t ko_followup_tv_days(const struct ko_derived *d,
			   const struct ko_cfg_model *m, size_t q, size_t c,
			   int32_t *days, size_t max)
{
	int years[KO_FOLLOWUP_MAX_YEARS];
	size_t k, n;

	if (!max)
		return 0;
	if (!m->tv_cum[q]) {
		double when = d->val[m->tv_date[q]][c];

		if (isnan(when))
			return 0;
		days[0] = (int32_t)when;
		return 1;
	}
	n = ko_derived_years(d, m->tv_var[q], c, years,
			     max < KO_FOLLOWUP_MAX_YEARS ? max
							 : KO_FOLLOWUP_MAX_YEARS);
	for (k = 0; k < n; k++)
		days[k] = ko_date_from_ymd(years[k] + 1, 1, 1);
	return n;
}

/* "SEP NAME DATE" of date day (days since 1970; "-" when missing) at
 * buf + n; returns the new length. */
static size_t put_date(char *buf, size_t size, size_t n, const char *sep,
		       const char *name, int32_t day)
{
	char iso[16] = "-";
	int k;

	if (n >= size)
		return n;
	if (day != KO_DATE_NONE)
		ko_date_format_iso(day, iso);
	k = snprintf(buf + n, size - n, "%s%s %s", sep, name, iso);
	return n + (k > 0 ? (size_t)k : 0);
}

int ko_followup_describe(const struct ko_config *cfg,
			 const struct ko_derived *d, const struct ko_links *l,
			 const uint8_t *member, enum ko_fu_reason r,
			 char *buf, size_t size)
{
	const struct ko_cfg_followup *f = &cfg->followup;
	size_t c, n;
	int k;

	for (c = 0; d->fu_reason && c < d->n_children; c++)
		if (d->fu_reason[c] == r && (!member || !member[c]))
			break;
	if (!d->fu_reason || c >= d->n_children || !size)
		return 0;
	k = snprintf(buf, size, "child %s: ",
		     ko_persons_id(l->dict, (size_t)l->child_person[c], NULL));
	n = k > 0 ? (size_t)k : 0;
	n = put_date(buf, size, n, "", "birth", d->fu_birth[c]);
	if (f->event_var >= 0)
		n = put_date(buf, size, n, ", ", "event", date_of(d, f->event_var, c));
	if (f->death_var >= 0)
		n = put_date(buf, size, n, ", ", "death", date_of(d, f->death_var, c));
	if (f->emigration_var >= 0)
		n = put_date(buf, size, n, ", ", "emigration",
			     date_of(d, f->emigration_var, c));
	if (r == KO_FU_NO_START || r == KO_FU_EXIT_BEFORE_ENTRY)
		n = put_date(buf, size, n, ", ", "entry", d->fu_entry[c]);
	if (r == KO_FU_EXIT_BEFORE_ENTRY)
		put_date(buf, size, n, ", ", "exit", d->fu_exit[c]);
	return 1;
}

void ko_followup_count(const struct ko_derived *d, const uint8_t *member,
		       long n[KO_FU_N_REASONS], double days[KO_FU_N_REASONS])
{
	size_t c;
	int r;

	for (r = 0; r < KO_FU_N_REASONS; r++) {
		n[r] = 0;
		days[r] = 0;
	}
	if (!d->fu_reason)
		return;
	for (c = 0; c < d->n_children; c++) {
		if (member && !member[c])
			continue;
		r = d->fu_reason[c];
		n[r]++;
		if (r != KO_FU_NONE && r < KO_FU_FIRST_EXCLUSION)
			days[r] += (double)d->fu_exit[c] - d->fu_entry[c];
	}
}
