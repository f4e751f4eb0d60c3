# model_period_cox.R - split_period for a Cox model ([model NAME] family =
# cox, split_period = 1997, 2005-07-01, 2010, 2015, tests/test_model_cox.c):
# the calendar period as a time-varying term on the age time scale.  The
# follow-up of the analysis dataset that tests/reference/derive.R derived
# independently (fu_days, fu_status from birth) split with survival::tmerge
# at the first neurodevelopmental-disorder diagnosis (tdc, as
# model_tv_example.R) and at the days from birth on which the calendar
# periods begin (tdc(day, k): the period k from that day on; a year is its
# 1 January, labelled as in the config), then
#   cox_period: coxph(Surv(tstart, tstop, event) ~ sa_years + ndd +
#               parent_psych + sex + factor(period), cluster = mother),
#               Efron; crude (one exposure, no period) and adjusted.
# The data preparation, the NDD dates and fit_model are model_tv_example.R's
# (sourced with its fixture writer silenced).
#
#   Rscript tests/reference/model_period_cox.R
#
# Writes tests/fixtures/model_period_cox_coefs.csv, _stats.csv, _tests.csv.
suppressPackageStartupMessages({
  library(data.table)
  library(survival)
})
tv <- new.env()
tv$fwrite <- function(...) invisible(NULL) # model_tv_example.R's fixtures stay
source("tests/reference/model_tv_example.R", local = tv)
an <- tv$an

# ---- the calendar periods: tdc at the day from birth each one begins ------
pdates <- as.IDate(c("1997-01-01", "2005-07-01", "2010-01-01", "2015-01-01"))
periods <- c("1997", "2005-07-01", "2010", "2015")
pd <- rbindlist(lapply(seq_along(pdates), function(k)
  an[, .(shnro, pt = as.numeric(pdates[k] - bdate), k = k)]))
stopifnot(all(pd[k == 1]$pt <= 0)) # everyone followed from the first period

# ---- tmerge: the NDD switch (as model_tv_example.R), then the periods -------
tm <- tmerge(tv$base, tv$base, id = shnro, event = event(fu_days, fu_status))
tm <- tmerge(tm, as.data.frame(tv$nd), id = shnro, ndd = tdc(ndd_t))
tm <- tmerge(tm, as.data.frame(pd), id = shnro, pk = tdc(pt, k))
tm <- as.data.table(tm)
setorder(tm, child, tstart)
tm[, py := (tstop - tstart) / 365.25]
tm[, fu_event := event]
tm[, period := factor(periods[pk], levels = periods)]

cox <- tv$fit_model(tm, "cox_period", c("sa_years", "ndd", "parent_psych", "sex"),
                    "factor(period)", "cox")

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
w(rbindlist(lapply(cox, `[[`, "coefs")), "model_period_cox_coefs.csv")
w(rbindlist(lapply(cox, `[[`, "stats")), "model_period_cox_stats.csv")
w(rbindlist(lapply(cox, `[[`, "tests")), "model_period_cox_tests.csv")
