# model_example.R - the example study's models (config/example.ini, [model
# NAME] sections) fitted with R glm + sandwich::vcovCL on the analysis
# dataset that tests/reference/derive.R derived independently from
# sample-data/, as reference for kohort's model stage (tests/test_model.c).
#
#   Rscript tests/reference/model_example.R
#
# reads tests/fixtures/derive_sample_analysis.csv.gz (derive.R's output on
# sample-data) and, for the family clusters, sample-data/birth.csv.gz and
# sample-data/population.csv.gz (the mother link judged as the config's
# [link] rules say: id present in population, mother aged 13 to 70 at the
# birth, not dead before it; a child without a valid mother link is a
# cluster of its own).  Writes tests/fixtures/model_example_coefs.csv,
# model_example_stats.csv and model_example_tests.csv.
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(digits = 17)

an <- fread(cmd = "zcat tests/fixtures/derive_sample_analysis.csv.gz",
            colClasses = "character", na.strings = c("NA", ""), encoding = "UTF-8")
num <- c("placement", "ndd", "parent_psych", "low_birth_weight")
for (v in num) set(an, j = v, value = as.numeric(an[[v]]))

# ---- mother clusters -----------------------------------------------------
rd <- function(f) {
  dt <- fread(cmd = paste("zcat", f), sep = ";", colClasses = "character",
              na.strings = c("", "NA"), encoding = "Latin-1")
  dt
}
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

fit_one <- function(d, model, stratum, version, exposure, vars, all_vars) {
  d <- d[complete.cases(d[, ..all_vars])]
  for (v in intersect(vars, names(refs))) {
    f <- factor(d[[v]])
    set(d, j = v, value = relevel(f, ref = refs[[v]]))
  }
  fml <- as.formula(paste("placement ~", paste(vars, collapse = " + ")))
  fit <- glm(fml, family = binomial, data = d)
  V <- vcovCL(fit, cluster = d$cl)
  b <- coef(fit)
  se <- sqrt(diag(V))
  mm <- model.matrix(fit)
  asg <- attr(mm, "assign")
  labs <- attr(terms(fit), "term.labels")
  rows <- list()
  for (j in seq_along(b)) {
    if (asg[j] == 0) {
      if (version == "crude") next
      term <- "(Intercept)"; level <- ""; n <- NA; ev <- NA
    } else {
      term <- labs[asg[j]]
      level <- substring(names(b)[j], nchar(term) + 1)
      if (is.factor(d[[term]]) && j == min(which(asg == asg[j]))) {
        ref <- levels(d[[term]])[1]
        rows[[length(rows) + 1]] <- data.table(
          model = model, stratum = stratum, version = version, term = term,
          level = ref, estimate = 0, std_error = NA, statistic = NA,
          p_value = NA, odds_ratio = 1, conf_low = NA, conf_high = NA,
          n = sum(d[[term]] == ref), events = sum(d[[term]] == ref & d$placement == 1))
      }
      x <- mm[, j]
      if (all(x %in% c(0, 1))) {
        n <- sum(x == 1); ev <- sum(x == 1 & d$placement == 1)
      } else {
        n <- NA; ev <- NA
      }
    }
    rows[[length(rows) + 1]] <- data.table(
      model = model, stratum = stratum, version = version, term = term,
      level = level, estimate = b[j], std_error = se[j],
      statistic = b[j] / se[j], p_value = 2 * pnorm(-abs(b[j] / se[j])),
      odds_ratio = exp(b[j]), conf_low = exp(b[j] - z * se[j]),
      conf_high = exp(b[j] + z * se[j]), n = n, events = ev)
  }
  dr <- drop1(fit, test = "LRT")
  tests <- rbindlist(lapply(seq_along(labs), function(t) {
    idx <- which(asg == t)
    w <- as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE], b[idx]))
    data.table(model = model, stratum = stratum, version = version,
               exposure = exposure, term = labs[t], df = length(idx),
               wald_chisq = w, wald_p_value = pchisq(w, length(idx), lower.tail = FALSE),
               lr_df = dr$Df[t + 1], lr_chisq = dr$LRT[t + 1],
               lr_p_value = dr[["Pr(>Chi)"]][t + 1])
  }))
  stats <- data.table(model = model, stratum = stratum, version = version,
                      exposure = exposure, n_used = nobs(fit),
                      n_dropped_missing = NA, events = sum(d$placement),
                      deviance = deviance(fit), null_deviance = fit$null.deviance,
                      df_residual = fit$df.residual, loglik = as.numeric(logLik(fit)),
                      aic = AIC(fit), bic = BIC(fit), converged = fit$converged)
  list(coefs = rbindlist(rows), tests = tests, stats = stats)
}

# adjusted on the complete cases of every model variable, then crude per
# exposure on its available cases: everyone with the outcome and that
# exposure known, whatever their other values (crude_cases = available,
# kohort's default; as gtsummary's tbl_uvregression)
fit_model <- function(d, model, stratum, exposures, covariates) {
  all_vars <- c("placement", exposures, covariates)
  n_input <- nrow(d)
  res <- list(fit_one(d, model, stratum, "adjusted", "", c(exposures, covariates), all_vars))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(d, model, stratum, "crude", e, e,
                                      c("placement", e))
  for (k in seq_along(res)) {
    res[[k]]$stats$n_input <- n_input
    res[[k]]$stats$n_dropped_missing <- n_input - res[[k]]$stats$n_used
  }
  res
}

out <- c(
  fit_model(an, "placement", "all",
            c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight"), "region"),
  fit_model(an[ndd == 1], "placement_ndd", "all",
            c("sa_years", "parent_psych", "sex", "low_birth_weight"), character(0)),
  fit_model(an[sex == "1"], "placement_by_sex", "sex=1",
            c("sa_years", "ndd", "parent_psych", "low_birth_weight"), "region"),
  fit_model(an[sex == "2"], "placement_by_sex", "sex=2",
            c("sa_years", "ndd", "parent_psych", "low_birth_weight"), "region"))

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".")
options(datatable.fwrite.sep = ",")
coefs <- rbindlist(lapply(out, `[[`, "coefs"))
w(coefs, "model_example_coefs.csv")
w(rbindlist(lapply(out, `[[`, "stats")), "model_example_stats.csv")
w(rbindlist(lapply(out, `[[`, "tests")), "model_example_tests.csv")
