# model_rate_example.R - the Poisson rate models of the model stage
# ([model NAME] family = poisson_rate, tests/test_model_cox.c) fitted with
# glm(family = poisson, offset = log(pyears)) + sandwich on the follow-up
# columns of the analysis dataset that tests/reference/derive.R derived
# independently from sample-data/ (fu_days from birth to exit, fu_status 1
# when the placement ended follow-up; deaths and emigrations censored).
#
#   Rscript tests/reference/model_rate_example.R
#
# The models (the config text is in tests/test_model_cox.c):
#   rate_cluster: split_age = 0, 1, 5, 10, 15: each child's follow-up cut at
#                 those birthdays (29 February: 1 March in other years), one
#                 row per piece; fu_event ~ sa_years + ndd + parent_psych +
#                 sex + low_birth_weight + region + factor(age_band),
#                 offset log(years of the piece), vcovCL by mother (HC0 with
#                 G/(G-1), sandwich's default); crude: exposure + offset;
#   rate_plain:   no split (one row per child), ~ sa_years + ndd, vcovHC
#                 HC0;
#   rate_period:  split_age = 0, 1, 5, 10, 15 and split_period = 1997,
#                 2005-07-01, 2010, 2015: each age piece cut again at those
#                 dates (a year is its 1 January; Epi::splitLexis on age
#                 and calendar time), ~ sa_years + ndd + parent_psych + sex
#                 + factor(age_band) + factor(period), vcovHC HC0; written
#                 to tests/fixtures/model_period_rate_*.csv.
# Also per level the children, events, person-years and the rate per 1,000
# person-years with poisson.test's exact CI.  Writes
# tests/fixtures/model_rate_example_coefs.csv, _stats.csv and _tests.csv.
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(digits = 17)

an <- fread(cmd = "zcat tests/fixtures/derive_sample_analysis.csv.gz",
            colClasses = "character", na.strings = c("NA", ""), encoding = "UTF-8")
num <- c("ndd", "parent_psych", "low_birth_weight", "fu_days", "fu_status")
for (v in num) set(an, j = v, value = as.numeric(an[[v]]))

# ---- mother clusters and birth dates (as model_example.R) -----------------
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

# ---- the split: pieces (start, stop] in days since birth --------------------
split_age <- function(d, ages) {
  pieces <- rbindlist(lapply(seq_along(ages), function(k) {
    lo <- as.numeric(birthday(d$bdate, ages[k]) - d$bdate)
    hi <- if (k < length(ages)) as.numeric(birthday(d$bdate, ages[k + 1]) - d$bdate) else Inf
    p <- copy(d)
    p[, `:=`(start = pmax(0, lo), stop = pmin(fu_days, hi), age_band = ages[k])]
    p[stop > start]
  }))
  pieces[, fu_event := as.numeric(fu_status == 1 & stop == fu_days)]
  setorder(pieces, child, start)
  pieces[, py := (stop - start) / 365.25]
  pieces
}

# the pieces cut again at calendar dates (days since birth: date - bdate);
# a piece's period is the one its start is in, labelled as in the config
split_period <- function(d, dates, labels) {
  pieces <- rbindlist(lapply(seq_along(dates), function(k) {
    lo <- as.numeric(dates[k] - d$bdate)
    hi <- if (k < length(dates)) as.numeric(dates[k + 1] - d$bdate) else Inf
    p <- copy(d)
    p[, `:=`(start = pmax(start, lo), stop = pmin(stop, hi), period = labels[k])]
    p[stop > start]
  }))
  stopifnot(all(as.numeric(dates[1] - d$bdate) <= d$start))
  pieces[, fu_event := as.numeric(fu_status == 1 & stop == fu_days)]
  setorder(pieces, child, start)
  pieces[, py := (stop - start) / 365.25]
  pieces[, period := factor(period)]
  pieces
}

# ---- models ----------------------------------------------------------------
refs <- list(sa_years = "0", sex = "1", region = "Helsinki")
z <- qnorm(0.975)

level_row <- function(d, at, base) {
  ev <- sum(d$fu_event[at]); py <- sum(d$py[at])
  ci <- poisson.test(ev, py)$conf.int * 1000
  cbind(base, data.table(n = length(unique(d$child[at])), events = ev,
                         person_years = py, rate = 1000 * ev / py,
                         rate_conf_low = ci[1], rate_conf_high = ci[2]))
}

fit_one <- function(d, model, stratum, version, exposure, vars, all_vars, se) {
  cc <- intersect(all_vars, names(d))
  d <- d[complete.cases(d[, ..cc])]
  for (v in intersect(vars, names(refs))) {
    f <- factor(d[[v]])
    set(d, j = v, value = relevel(f, ref = refs[[v]]))
  }
  fitx <- function(r) glm(as.formula(paste("fu_event ~", r)), family = poisson,
                          offset = log(py), data = d)
  rhs <- paste(vars, collapse = " + ")
  fit <- fitx(rhs)
  V <- if (se == "cluster") vcovCL(fit, cluster = d$cl) else vcovHC(fit, type = "HC0")
  b <- coef(fit)
  s <- sqrt(diag(V))
  mm <- model.matrix(fit)
  asg <- attr(mm, "assign")
  labs <- attr(terms(fit), "term.labels")
  lab_var <- sub("^factor\\((.*)\\)$", "\\1", labs)
  rows <- list()
  for (j in seq_along(b)) {
    if (asg[j] == 0) {
      if (version == "crude") next
      rows[[length(rows) + 1]] <- data.table(
        model = model, stratum = stratum, version = version, term = "(Intercept)",
        level = "", estimate = b[j], std_error = s[j], statistic = b[j] / s[j],
        p_value = 2 * pnorm(-abs(b[j] / s[j])), rate_ratio = exp(b[j]),
        conf_low = exp(b[j] - z * s[j]), conf_high = exp(b[j] + z * s[j]),
        n = NA, events = NA, person_years = NA, rate = NA, rate_conf_low = NA,
        rate_conf_high = NA)
      next
    }
    term <- lab_var[asg[j]]
    level <- substring(names(b)[j], nchar(labs[asg[j]]) + 1)
    x <- if (term == "age_band") factor(d$age_band) else d[[term]]
    if (is.factor(x) && j == min(which(asg == asg[j]))) {
      ref <- levels(x)[1]
      rows[[length(rows) + 1]] <- level_row(d, x == ref, data.table(
        model = model, stratum = stratum, version = version, term = term,
        level = ref, estimate = 0, std_error = NA, statistic = NA,
        p_value = NA, rate_ratio = 1, conf_low = NA, conf_high = NA))
    }
    rows[[length(rows) + 1]] <- level_row(d, mm[, j] == 1, data.table(
      model = model, stratum = stratum, version = version, term = term,
      level = level, estimate = b[j], std_error = s[j],
      statistic = b[j] / s[j], p_value = 2 * pnorm(-abs(b[j] / s[j])),
      rate_ratio = exp(b[j]), conf_low = exp(b[j] - z * s[j]),
      conf_high = exp(b[j] + z * s[j])))
  }
  dr <- drop1(fit, test = "LRT")
  tests <- rbindlist(lapply(seq_along(labs), function(t) {
    idx <- which(asg == t)
    w <- as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx]))
    data.table(model = model, stratum = stratum, version = version,
               exposure = exposure, term = lab_var[t], df = length(idx),
               wald_chisq = w, wald_p_value = pchisq(w, length(idx), lower.tail = FALSE),
               lr_df = dr$Df[t + 1], lr_chisq = dr$LRT[t + 1],
               lr_p_value = dr[["Pr(>Chi)"]][t + 1])
  }))
  stats <- data.table(model = model, stratum = stratum, version = version,
                      exposure = exposure, n_used = length(unique(d$child)),
                      rows = nobs(fit), events = sum(d$fu_event),
                      deviance = deviance(fit), null_deviance = fit$null.deviance,
                      df_residual = fit$df.residual,
                      loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
                      person_years = sum(d$py))
  list(coefs = rbindlist(rows), tests = tests, stats = stats)
}

fit_model <- function(d, model, stratum, exposures, covariates, se) {
  all_vars <- c(exposures, covariates)
  res <- list(fit_one(d, model, stratum, "adjusted", "", c(exposures, covariates),
                      all_vars, se))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(d, model, stratum, "crude", e, e, all_vars, se)
  n_input <- length(unique(d$child))
  for (k in seq_along(res)) {
    res[[k]]$stats$n_input <- n_input
    res[[k]]$stats$n_dropped_missing <- n_input - res[[k]]$stats$n_used
  }
  res
}

an[, `:=`(start = 0, stop = fu_days, fu_event = fu_status, py = fu_days / 365.25)]
out <- c(
  fit_model(split_age(an, c(0, 1, 5, 10, 15)), "rate_cluster", "all",
            c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight"),
            c("region", "factor(age_band)"), "cluster"),
  fit_model(an, "rate_plain", "all", c("sa_years", "ndd"), character(0), "robust"))

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
w(rbindlist(lapply(out, `[[`, "coefs")), "model_rate_example_coefs.csv")
w(rbindlist(lapply(out, `[[`, "stats")), "model_rate_example_stats.csv")
w(rbindlist(lapply(out, `[[`, "tests")), "model_rate_example_tests.csv")

periods <- c("1997", "2005-07-01", "2010", "2015")
pdates <- as.IDate(c("1997-01-01", "2005-07-01", "2010-01-01", "2015-01-01"))
per <- fit_model(split_period(split_age(an, c(0, 1, 5, 10, 15)), pdates, periods),
                 "rate_period", "all", c("sa_years", "ndd", "parent_psych", "sex"),
                 c("factor(age_band)", "period"), "robust")
w(rbindlist(lapply(per, `[[`, "coefs")), "model_period_rate_coefs.csv")
w(rbindlist(lapply(per, `[[`, "stats")), "model_period_rate_stats.csv")
w(rbindlist(lapply(per, `[[`, "tests")), "model_period_rate_tests.csv")
