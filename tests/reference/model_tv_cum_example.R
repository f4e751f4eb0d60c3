# model_tv_cum_example.R - a cumulative count of year-level records as a
# time-varying exposure in the model stage ([model NAME] time_varying =
# sa_years: cumulative, tests/test_model_cox.c): the years of parental
# social assistance re-derived here from sample-data/social_assistance.csv.gz
# (a household-year is the applicant's and the spouse's; months >= 1; the
# child's linked mother and father by [link]'s rules; the years of the
# window age 0 to 17, i.e. the birth year to the year of the 17th birthday;
# a year counts once when both parents have it), each year counting from
# the 1st of January after it (tmerge's cumtdc() at that day: a year's
# records are complete only when it ends), on the follow-up of the
# analysis dataset that tests/reference/derive.R derived independently
# (fu_days, fu_status from birth), the first NDD diagnosis a tdc() as in
# model_tv_example.R; the count categorised by the config's categories
# 0, 1, 2-3, 4+ on each (tstart, tstop] row.  Then
#   cox_cum:  coxph(Surv(tstart, tstop, event) ~ sa_years + ndd +
#             parent_psych + sex + low_birth_weight + region, cluster =
#             mother), Efron, region's reference Helsinki, crude and
#             adjusted (the example study's model placement_cox);
#   rate_cum: the rows cut at the birthdays 0, 1, 5, 10, 15,
#             glm(event ~ sa_count + ndd + sex + factor(age_band), poisson,
#             offset = log(years)) with the count as a number (sa_count:
#             the same years without categories), model-based SEs;
#   cox_late: cox_cum's adjusted fit with each year counting one year
#             later (1 January two years after it): what a count that
#             switches a year late would give (the test asserts kohort is
#             far from it).
#
#   Rscript tests/reference/model_tv_cum_example.R
#
# Writes tests/fixtures/model_tv_cum_{cox,rate}_{coefs,stats,tests}.csv and
# tests/fixtures/model_tv_cum_late_coefs.csv.
suppressPackageStartupMessages({
  library(data.table)
  library(survival)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(digits = 17)

an <- fread(cmd = "zcat tests/fixtures/derive_sample_analysis.csv.gz",
            colClasses = "character", na.strings = c("NA", ""), encoding = "UTF-8")
num <- c("ndd", "parent_psych", "low_birth_weight", "fu_days", "fu_status")
for (v in num) set(an, j = v, value = as.numeric(an[[v]]))

rd <- function(f) {
  dt <- fread(cmd = paste("zcat", f), sep = ";", colClasses = "character",
              na.strings = c("", "NA"), encoding = "Latin-1")
  for (col in names(dt)) set(dt, j = col, value = iconv(dt[[col]], "latin1", "UTF-8"))
  dt
}
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
bdate <- dmy(kids$birth_date)
# [link]: parent_age = 13 to 70, mother_death_grace = 0, father_death_grace = 300
link_ok <- function(pid, grace) {
  p <- pop[match(pid, pop$shnro)]
  a <- age_years(dmy(p$birth_date), bdate)
  pd <- dmy(p$death_date)
  !is.na(pid) & !is.na(p$shnro) & !(!is.na(a) & (a < 13 | a > 70)) &
    !(!is.na(pd) & !is.na(bdate) & as.integer(bdate - pd) > grace)
}
mo_ok <- link_ok(kids$mother_shnro, 0)
fa_ok <- link_ok(kids$father_shnro, 300)
an[, cl := ifelse(mo_ok, paste0("M", kids$mother_shnro), paste0("C", shnro))]
an[, bdate := bdate]
an[, child := .I]

# ---- the years of parental social assistance, one row per child-year -------
sa <- rd("sample-data/social_assistance.csv.gz")
sa[, `:=`(yr = as.integer(year), mo = as.integer(months))]
sa_p <- unique(rbind(sa[!is.na(mo) & mo >= 1 & !is.na(shnro_applicant),
                        .(parent = shnro_applicant, yr)],
                     sa[!is.na(mo) & mo >= 1 & !is.na(shnro_spouse),
                        .(parent = shnro_spouse, yr)]))
fam <- rbind(data.table(shnro = an$shnro, parent = kids$mother_shnro)[mo_ok],
             data.table(shnro = an$shnro, parent = kids$father_shnro)[fa_ok])
sy <- merge(fam, sa_p, by = "parent", allow.cartesian = TRUE)
sy <- merge(sy, an[, .(shnro, bdate)], by = "shnro")
sy <- unique(sy[yr >= year(bdate) & yr <= year(bdate) + 17, .(shnro, yr, bdate)])
# the child's total must be the analysis dataset's sa_years (derive.R)
tot <- sy[, .N, by = shnro]
an[, sa_total := fifelse(mo_ok | fa_ok, 0L, NA_integer_)]
an[tot, sa_total := i.N, on = "shnro"]
cat_of <- function(n) fcase(is.na(n), NA_character_, n == 0, "0", n == 1, "1",
                            n <= 3, "2-3", default = "4+")
stopifnot(identical(cat_of(an$sa_total), an$sa_years))

# ---- the first NDD diagnosis, days from birth (as model_tv_example.R) --------
norm_code <- function(x) toupper(gsub("[.*+#@ ]", "", x))
hilmo <- rd("sample-data/hilmo.csv.gz")
hilmo[, cdate := dmy(contact_date)]
is_ndd <- function(x) !is.na(x) & grepl("^F(8[0-9]|9[0-8])", norm_code(x))
nd <- hilmo[is_ndd(dg1) | is_ndd(dg2) | is_ndd(dg3)]
nd <- merge(nd[, .(shnro, cdate)], an[, .(shnro, bdate)], by = "shnro")
nd <- nd[!is.na(cdate) & cdate >= bdate & cdate < birthday(bdate, 18),
         .(ndd_t = as.numeric(min(cdate) - bdate[1])), by = shnro]

# ---- tmerge: cumtdc at the 1st of January after each year (lag more = later)
split_tv <- function(lag) {
  base <- as.data.frame(an[, .(shnro, child, cl, bdate, sa_total, ndd0 = ndd,
                               parent_psych, sex, low_birth_weight, region,
                               fu_days, fu_status)])
  ev <- as.data.frame(sy[, .(shnro, sa_t = as.numeric(
    as.IDate(sprintf("%04d-01-01", yr + lag)) - bdate))])
  tm <- tmerge(base, base, id = shnro, event = event(fu_days, fu_status))
  tm <- tmerge(tm, ev, id = shnro, sa_n = cumtdc(sa_t))
  tm <- tmerge(tm, as.data.frame(nd), id = shnro, ndd = tdc(ndd_t))
  tm <- as.data.table(tm)
  # a child without a linked parent has the count missing throughout
  tm[is.na(sa_total), sa_n := NA]
  tm[, sa_years := cat_of(sa_n)]
  tm[, sa_count := as.numeric(sa_n)]
  setorder(tm, child, tstart)
  tm[, py := (tstop - tstart) / 365.25]
  tm[, fu_event := event]
  tm
}
tm <- split_tv(1)
late <- split_tv(2)
stopifnot(all(tm[, .(last = sa_n[.N] <= sa_total[1]), by = child]$last, na.rm = TRUE))

split_age <- function(d, ages) {
  pieces <- rbindlist(lapply(seq_along(ages), function(k) {
    lo <- as.numeric(birthday(d$bdate, ages[k]) - d$bdate)
    hi <- if (k < length(ages)) as.numeric(birthday(d$bdate, ages[k + 1]) - d$bdate) else Inf
    p <- copy(d)
    p[, `:=`(s2 = pmax(tstart, lo), e2 = pmin(tstop, hi), age_band = ages[k])]
    p[e2 > s2]
  }))
  pieces[, fu_event := as.numeric(event == 1 & e2 == tstop)]
  pieces[, `:=`(tstart = s2, tstop = e2, s2 = NULL, e2 = NULL)]
  setorder(pieces, child, tstart)
  pieces[, py := (tstop - tstart) / 365.25]
  pieces
}

refs <- list(sa_years = "0", sex = "1", region = "Helsinki")
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
    counted <- all(mm[, j] %in% c(0, 1))
    base <- data.table(
      model = model, stratum = "all", version = version, term = term,
      level = level, estimate = b[j], std_error = s[j],
      statistic = b[j] / s[j], p_value = 2 * pnorm(-abs(b[j] / s[j])),
      effect = exp(b[j]), conf_low = exp(b[j] - z * s[j]),
      conf_high = exp(b[j] + z * s[j]))
    rows[[length(rows) + 1]] <- if (counted) level_row(d, mm[, j] == 1, base) else
      cbind(base, data.table(n = NA, events = NA, person_years = NA, rate = NA,
                             rate_conf_low = NA, rate_conf_high = NA))
  }
  # cox: the proportional-hazards test on the pieces, per term and GLOBAL
  zp <- if (family == "cox") cox.zph(fit)$table else NULL
  zcol <- function(r, c) if (is.null(zp)) NA else zp[r, c]
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
               lr_p_value = pchisq(lr, length(idx), lower.tail = FALSE),
               zph_chisq = zcol(labs[t], "chisq"), zph_df = zcol(labs[t], "df"),
               zph_p_value = zcol(labs[t], "p"))
  }))
  stats <- data.table(model = model, stratum = "all", version = version,
                      exposure = exposure, n_used = length(unique(d$child)),
                      zph_global_chisq = zcol("GLOBAL", "chisq"),
                      zph_global_df = zcol("GLOBAL", "df"),
                      zph_global_p_value = zcol("GLOBAL", "p"),
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
  all_vars <- c(exposures, sub("^factor\\((.*)\\)$", "\\1", covariates))
  all_vars <- setdiff(all_vars, "age_band")
  res <- list(fit_one(d, model, "adjusted", "", c(exposures, covariates), family, all_vars))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(d, model, "crude", e, e, family, all_vars)
  res
}

cox_x <- c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight")
cox <- fit_model(copy(tm), "cox_cum", cox_x, "region", "cox")
rt <- fit_model(split_age(tm, c(0, 1, 5, 10, 15)), "rate_cum",
                c("sa_count", "ndd", "sex"), "factor(age_band)", "rate")
lt <- fit_one(copy(late), "cox_cum", "adjusted", "", c(cox_x, "region"), "cox",
              c(cox_x, "region"))

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
for (part in list(list(cox, "cox"), list(rt, "rate"))) {
  w(rbindlist(lapply(part[[1]], `[[`, "coefs")), sprintf("model_tv_cum_%s_coefs.csv", part[[2]]))
  w(rbindlist(lapply(part[[1]], `[[`, "stats")), sprintf("model_tv_cum_%s_stats.csv", part[[2]]))
  w(rbindlist(lapply(part[[1]], `[[`, "tests")), sprintf("model_tv_cum_%s_tests.csv", part[[2]]))
}
w(lt$coefs, "model_tv_cum_late_coefs.csv")
cat(sprintf("rows %d (late %d), events %d, children %d\n", nrow(tm), nrow(late),
            sum(tm$fu_event), uniqueN(tm$child)))
