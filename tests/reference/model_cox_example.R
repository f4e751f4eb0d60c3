# model_cox_example.R - the Cox models of the model stage ([model NAME]
# family = cox, tests/test_model_cox.c) fitted with survival::coxph on the
# analysis dataset that tests/reference/derive.R derived independently from
# sample-data/ (its follow-up columns: fu_days from birth to the first of
# placement, death, emigration, the 18th birthday and the end of data;
# fu_status 1 when the placement ended it; a death or emigration is
# censored, the cause-specific hazard).
#
#   Rscript tests/reference/model_cox_example.R
#
# The models (the config text is in tests/test_model_cox.c):
#   cox_cluster: Surv(fu_days, fu_status) ~ sa_years + ndd + parent_psych +
#                sex + low_birth_weight + region, Efron ties,
#                cluster = mother (coxph's robust sandwich), crude and
#                adjusted on the complete cases of every model variable;
#   cox_breslow: ~ sa_years + ndd + parent_psych, Breslow ties,
#                robust = TRUE, one model per sex (strata = sex);
#   cox_strata:  ~ sa_years + ndd + parent_psych + sex + strata(region)
#                (cox_strata = region: one model, a baseline hazard per
#                region), Efron ties, cluster = mother; the LR tests refit
#                in the same strata.
# The mother clusters as in model_example.R.  Writes
# tests/fixtures/model_cox_example_coefs.csv, _stats.csv and _tests.csv,
# and cox_strata's tests/fixtures/model_cox_strata_*.csv.
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

# ---- mother clusters (as model_example.R) --------------------------------
rd <- function(f) fread(cmd = paste("zcat", f), sep = ";", colClasses = "character",
                        na.strings = c("", "NA"), encoding = "Latin-1")
dmy <- function(x) as.IDate(x, format = "%d.%m.%Y")
age_years <- function(b, day) {
  year(day) - year(b) - as.integer(month(day) < month(b) |
                                   (month(day) == month(b) & mday(day) < mday(b)))
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

# ---- models ----------------------------------------------------------------
refs <- list(sa_years = "0", sex = "1", region = "Helsinki")
z <- qnorm(0.975)
# events per 1,000 person-years, poisson.test's exact CI
rate <- function(ev, py) {
  ci <- poisson.test(ev, py)$conf.int * 1000
  data.table(rate = 1000 * ev / py, rate_conf_low = ci[1], rate_conf_high = ci[2])
}

fit_one <- function(d, model, stratum, version, exposure, vars, all_vars, ties, se,
                    strata = NULL) {
  d <- d[complete.cases(d[, ..all_vars])]
  for (v in intersect(vars, names(refs))) {
    f <- factor(d[[v]])
    set(d, j = v, value = relevel(f, ref = refs[[v]]))
  }
  rhs <- paste(vars, collapse = " + ")
  fitx <- function(r) {
    if (!is.null(strata)) r <- paste0(r, " + strata(", strata, ")")
    fml <- as.formula(paste("Surv(fu_days, fu_status) ~", r))
    if (se == "cluster")
      coxph(fml, data = d, ties = ties, cluster = cl)
    else
      coxph(fml, data = d, ties = ties, robust = TRUE)
  }
  fit <- fitx(rhs)
  V <- vcov(fit) # the robust (cluster) sandwich
  b <- coef(fit)
  s <- sqrt(diag(V))
  mm <- model.matrix(fit)
  asg <- attr(mm, "assign")
  labs <- attr(terms(fit), "term.labels")
  labs <- labs[!grepl("^strata\\(", labs)] # assign counts the others first
  py <- d$fu_days / 365.25
  rows <- list()
  for (j in seq_along(b)) {
    term <- labs[asg[j]]
    level <- substring(names(b)[j], nchar(term) + 1)
    if (is.factor(d[[term]]) && j == min(which(asg == asg[j]))) {
      ref <- levels(d[[term]])[1]
      at <- d[[term]] == ref
      rows[[length(rows) + 1]] <- data.table(
        model = model, stratum = stratum, version = version, term = term,
        level = ref, estimate = 0, std_error = NA, statistic = NA,
        p_value = NA, hazard_ratio = 1, conf_low = NA, conf_high = NA,
        n = sum(at), events = sum(at & d$fu_status == 1), person_years = sum(py[at]),
        rate(sum(at & d$fu_status == 1), sum(py[at])))
    }
    x <- mm[, j]
    at <- x == 1
    rows[[length(rows) + 1]] <- data.table(
      model = model, stratum = stratum, version = version, term = term,
      level = level, estimate = b[j], std_error = s[j],
      statistic = b[j] / s[j], p_value = 2 * pnorm(-abs(b[j] / s[j])),
      hazard_ratio = exp(b[j]), conf_low = exp(b[j] - z * s[j]),
      conf_high = exp(b[j] + z * s[j]), n = sum(at),
      events = sum(at & d$fu_status == 1), person_years = sum(py[at]),
      rate(sum(at & d$fu_status == 1), sum(py[at])))
  }
  # the proportional-hazards test, per term and GLOBAL (cox.zph takes
  # coxph's naive, model-based, variance under cluster/robust SEs)
  zp <- cox.zph(fit)$table
  tests <- rbindlist(lapply(seq_along(labs), function(t) {
    idx <- which(asg == t)
    w <- as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx]))
    # the likelihood-ratio test: the refit without the term (drop1's)
    ll0 <- if (length(labs) == 1) fit$loglik[1] else
      fitx(paste(labs[-t], collapse = " + "))$loglik[2]
    lr <- 2 * (fit$loglik[2] - ll0)
    data.table(model = model, stratum = stratum, version = version,
               exposure = exposure, term = labs[t], df = length(idx),
               wald_chisq = w, wald_p_value = pchisq(w, length(idx), lower.tail = FALSE),
               lr_df = length(idx), lr_chisq = lr,
               lr_p_value = pchisq(lr, length(idx), lower.tail = FALSE),
               zph_chisq = zp[labs[t], "chisq"], zph_df = zp[labs[t], "df"],
               zph_p_value = zp[labs[t], "p"])
  }))
  stats <- data.table(model = model, stratum = stratum, version = version,
                      exposure = exposure, n_used = fit$n,
                      events = fit$nevent, loglik = fit$loglik[2],
                      null_loglik = fit$loglik[1], aic = AIC(fit), bic = BIC(fit),
                      concordance = unname(fit$concordance["concordance"]),
                      person_years = sum(py),
                      zph_global_chisq = zp["GLOBAL", "chisq"],
                      zph_global_df = zp["GLOBAL", "df"],
                      zph_global_p_value = zp["GLOBAL", "p"])
  list(coefs = rbindlist(rows), tests = tests, stats = stats)
}

fit_model <- function(d, model, stratum, exposures, covariates, ties, se,
                      strata = NULL) {
  all_vars <- c("fu_days", "fu_status", exposures, covariates, strata)
  n_input <- nrow(d)
  res <- list(fit_one(d, model, stratum, "adjusted", "", c(exposures, covariates),
                      all_vars, ties, se, strata))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(d, model, stratum, "crude", e, e, all_vars,
                                      ties, se, strata)
  for (k in seq_along(res)) {
    res[[k]]$stats$n_input <- n_input
    res[[k]]$stats$n_dropped_missing <- n_input - res[[k]]$stats$n_used
  }
  res
}

out <- c(
  fit_model(an, "cox_cluster", "all",
            c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight"), "region",
            "efron", "cluster"),
  fit_model(an[sex == "1"], "cox_breslow", "sex=1",
            c("sa_years", "ndd", "parent_psych"), character(0), "breslow", "robust"),
  fit_model(an[sex == "2"], "cox_breslow", "sex=2",
            c("sa_years", "ndd", "parent_psych"), character(0), "breslow", "robust"))

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
w(rbindlist(lapply(out, `[[`, "coefs")), "model_cox_example_coefs.csv")
w(rbindlist(lapply(out, `[[`, "stats")), "model_cox_example_stats.csv")
w(rbindlist(lapply(out, `[[`, "tests")), "model_cox_example_tests.csv")

st <- fit_model(an, "cox_strata", "all", c("sa_years", "ndd", "parent_psych", "sex"),
                character(0), "efron", "cluster", strata = "region")
w(rbindlist(lapply(st, `[[`, "coefs")), "model_cox_strata_coefs.csv")
w(rbindlist(lapply(st, `[[`, "stats")), "model_cox_strata_stats.csv")
w(rbindlist(lapply(st, `[[`, "tests")), "model_cox_strata_tests.csv")
