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
# The data preparation and fit_one are model_tv_example.R's.
#
#   Rscript tests/reference/model_period_cox.R
#
# Writes tests/fixtures/model_period_cox_coefs.csv, _stats.csv, _tests.csv.
suppressPackageStartupMessages({
  library(data.table)
  library(survival)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(digits = 17)

an <- fread(cmd = "zcat tests/fixtures/derive_sample_analysis.csv.gz",
            colClasses = "character", na.strings = c("NA", ""), encoding = "UTF-8")
num <- c("ndd", "parent_psych", "fu_days", "fu_status")
for (v in num) set(an, j = v, value = as.numeric(an[[v]]))

rd <- function(f) fread(cmd = paste("zcat", f), sep = ";", colClasses = "character",
                        na.strings = c("", "NA"), encoding = "Latin-1")
dmy <- function(x) as.IDate(x, format = "%d.%m.%Y")
age_years <- function(b, day) {
  year(day) - year(b) - as.integer(month(day) < month(b) |
                                   (month(day) == month(b) & mday(day) < mday(b)))
}
leap <- function(y) (y %% 4 == 0 & y %% 100 != 0) | y %% 400 == 0
birthday <- function(b, k) {
  y <- year(b) + k; m <- month(b); d <- mday(b)
  feb29 <- m == 2 & d == 29 & !leap(y)
  m[feb29] <- 3L; d[feb29] <- 1L
  as.IDate(sprintf("%04d-%02d-%02d", y, m, d))
}
birth <- rd("sample-data/birth.csv.gz")
pop <- rd("sample-data/population.csv.gz")
kids <- birth[match(an$shnro, birth$shnro)]
mo <- pop[match(kids$mother_shnro, pop$shnro)]
bdate <- dmy(kids$birth_date)
a <- age_years(dmy(mo$birth_date), bdate)
pd <- dmy(mo$death_date)
linked <- !is.na(kids$mother_shnro) & !is.na(mo$shnro) &
  !(!is.na(a) & (a < 13 | a > 70)) &
  !(!is.na(pd) & !is.na(bdate) & as.integer(bdate - pd) > 0)
an[, cl := ifelse(linked, paste0("M", kids$mother_shnro), paste0("C", shnro))]
an[, bdate := bdate]
an[, child := .I]

# ---- the first NDD diagnosis, days from birth -----------------------------
norm_code <- function(x) toupper(gsub("[.*+#@ ]", "", x))
hilmo <- rd("sample-data/hilmo.csv.gz")
hilmo[, cdate := dmy(contact_date)]
is_ndd <- function(x) !is.na(x) & grepl("^F(8[0-9]|9[0-8])", norm_code(x))
nd <- hilmo[is_ndd(dg1) | is_ndd(dg2) | is_ndd(dg3)]
nd <- merge(nd[, .(shnro, cdate)], an[, .(shnro, bdate)], by = "shnro")
nd <- nd[!is.na(cdate) & cdate >= bdate & cdate < birthday(bdate, 18),
         .(ndd_t = as.numeric(min(cdate) - bdate[1])), by = shnro]

# ---- the calendar periods: tdc at the day from birth each one begins ------
pdates <- as.IDate(c("1997-01-01", "2005-07-01", "2010-01-01", "2015-01-01"))
periods <- c("1997", "2005-07-01", "2010", "2015")
pd <- rbindlist(lapply(seq_along(pdates), function(k)
  an[, .(shnro, pt = as.numeric(pdates[k] - bdate), k = k)]))
stopifnot(all(pd[k == 1]$pt <= 0)) # everyone followed from the first period

# ---- tmerge ------------------------------------------------------------------
base <- as.data.frame(an[, .(shnro, child, cl, bdate, sa_years, ndd0 = ndd,
                             parent_psych, sex, fu_days, fu_status)])
tm <- tmerge(base, base, id = shnro, event = event(fu_days, fu_status))
tm <- tmerge(tm, as.data.frame(nd), id = shnro, ndd = tdc(ndd_t))
tm <- tmerge(tm, as.data.frame(pd), id = shnro, pk = tdc(pt, k))
tm <- as.data.table(tm)
setorder(tm, child, tstart)
tm[, py := (tstop - tstart) / 365.25]
tm[, fu_event := event]
tm[, period := factor(periods[pk], levels = periods)]

refs <- list(sa_years = "0", sex = "1")
z <- qnorm(0.975)
rate <- function(ev, py) {
  ci <- poisson.test(ev, py)$conf.int * 1000
  data.table(rate = 1000 * ev / py, rate_conf_low = ci[1], rate_conf_high = ci[2])
}
level_row <- function(d, at, base)
  cbind(base, data.table(n = length(unique(d$child[at])), events = sum(d$fu_event[at]),
                         person_years = sum(d$py[at])),
        rate(sum(d$fu_event[at]), sum(d$py[at])))

fit_one <- function(d, model, version, exposure, vars, family, all_vars) {
  d0 <- d
  d <- d[complete.cases(d[, ..all_vars])]
  for (v in intersect(vars, names(refs))) {
    f <- factor(d[[v]])
    set(d, j = v, value = relevel(f, ref = refs[[v]]))
  }
  fitx <- function(r) {
    if (family == "cox")
      coxph(as.formula(paste("Surv(tstart, tstop, fu_event) ~", r)), data = d,
            ties = "efron", cluster = cl)
    else
      glm(as.formula(paste("fu_event ~", r)), family = poisson, offset = log(py), data = d)
  }
  rhs <- paste(vars, collapse = " + ")
  fit <- fitx(rhs)
  V <- vcov(fit)
  b <- coef(fit)
  s <- sqrt(diag(V))
  mm <- model.matrix(fit)
  asg <- attr(mm, "assign")
  labs <- attr(terms(fit), "term.labels")
  lab_var <- sub("^factor\\((.*)\\)$", "\\1", labs)
  eff <- if (family == "cox") "hazard_ratio" else "rate_ratio"
  rows <- list()
  for (j in seq_along(b)) {
    if (asg[j] == 0) {
      if (version == "crude") next
      r <- data.table(model = model, stratum = "all", version = version,
                      term = "(Intercept)", level = "", estimate = b[j], std_error = s[j],
                      statistic = b[j] / s[j], p_value = 2 * pnorm(-abs(b[j] / s[j])),
                      effect = exp(b[j]), conf_low = exp(b[j] - z * s[j]),
                      conf_high = exp(b[j] + z * s[j]), n = NA, events = NA,
                      person_years = NA, rate = NA, rate_conf_low = NA, rate_conf_high = NA)
      rows[[length(rows) + 1]] <- r
      next
    }
    term <- lab_var[asg[j]]
    level <- substring(names(b)[j], nchar(labs[asg[j]]) + 1)
    x <- if (term == "age_band") factor(d$age_band) else d[[term]]
    if (is.factor(x) && j == min(which(asg == asg[j]))) {
      ref <- levels(x)[1]
      rows[[length(rows) + 1]] <- level_row(d, x == ref, data.table(
        model = model, stratum = "all", version = version, term = term,
        level = ref, estimate = 0, std_error = NA, statistic = NA,
        p_value = NA, effect = 1, conf_low = NA, conf_high = NA))
    }
    rows[[length(rows) + 1]] <- level_row(d, mm[, j] == 1, data.table(
      model = model, stratum = "all", version = version, term = term,
      level = level, estimate = b[j], std_error = s[j],
      statistic = b[j] / s[j], p_value = 2 * pnorm(-abs(b[j] / s[j])),
      effect = exp(b[j]), conf_low = exp(b[j] - z * s[j]),
      conf_high = exp(b[j] + z * s[j])))
  }
  tests <- rbindlist(lapply(seq_along(labs), function(t) {
    idx <- which(asg == t)
    w <- as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx]))
    ll0 <- if (family == "cox") {
      if (length(labs) == 1) fit$loglik[1] else fitx(paste(labs[-t], collapse = " + "))$loglik[2]
    } else {
      as.numeric(logLik(fitx(if (length(labs) == 1) "1" else paste(labs[-t], collapse = " + "))))
    }
    ll1 <- if (family == "cox") fit$loglik[2] else as.numeric(logLik(fit))
    lr <- 2 * (ll1 - ll0)
    data.table(model = model, stratum = "all", version = version,
               exposure = exposure, term = lab_var[t], df = length(idx),
               wald_chisq = w, wald_p_value = pchisq(w, length(idx), lower.tail = FALSE),
               lr_df = length(idx), lr_chisq = lr,
               lr_p_value = pchisq(lr, length(idx), lower.tail = FALSE))
  }))
  stats <- data.table(model = model, stratum = "all", version = version,
                      exposure = exposure, n_used = length(unique(d$child)),
                      rows = nrow(d), events = sum(d$fu_event),
                      loglik = if (family == "cox") fit$loglik[2] else as.numeric(logLik(fit)),
                      aic = AIC(fit), bic = BIC(fit), person_years = sum(d$py),
                      concordance = if (family == "cox") unname(fit$concordance["concordance"]) else NA,
                      deviance = if (family == "cox") NA else deviance(fit),
                      null_deviance = if (family == "cox") NA else fit$null.deviance,
                      df_residual = if (family == "cox") NA else fit$df.residual,
                      n_input = length(unique(d0$child)),
                      n_dropped_missing = length(unique(d0$child)) - length(unique(d$child)))
  setnames(rows <- rbindlist(rows), "effect", eff)
  list(coefs = rows, tests = tests, stats = stats)
}

fit_model <- function(d, model, exposures, covariates, family) {
  all_vars <- exposures
  res <- list(fit_one(d, model, "adjusted", "", c(exposures, covariates), family, all_vars))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(d, model, "crude", e, e, family, all_vars)
  res
}

cox <- fit_model(tm, "cox_period", c("sa_years", "ndd", "parent_psych", "sex"),
                 "factor(period)", "cox")

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
w(rbindlist(lapply(cox, `[[`, "coefs")), "model_period_cox_coefs.csv")
w(rbindlist(lapply(cox, `[[`, "stats")), "model_period_cox_stats.csv")
w(rbindlist(lapply(cox, `[[`, "tests")), "model_period_cox_tests.csv")
