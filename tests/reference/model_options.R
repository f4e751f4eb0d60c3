# model_options.R - model-stage options checked against R on the same
# analysis dataset as model_example.R (tests/fixtures/
# derive_sample_analysis.csv.gz, derived independently by derive.R):
#
#   [model inter]  outcome = placement; exposures = sa_years, ndd;
#                  covariates = parent_psych, low_birth_weight;
#                  categorical = low_birth_weight; reference low_birth_weight = 1;
#                  interactions = sa_years:ndd; se = robust; ci = profile;
#                  crude = no
#     R: glm + sandwich::vcovHC(type = "HC0") (SE, z, p) + MASS confint
#        (profile-likelihood CIs)
#   [model firth]  outcome = placement; exposures = sa_years;
#                  covariates = region; subgroup = ndd = 1;
#                  estimator = firth; crude = no
#     R: brglm2 (type = "AS_mean": Firth's penalized likelihood, the same
#        estimates as logistf); estimates only (brglm2's SEs are not
#        logistf's; Firth SEs and CIs are checked in test_firth)
#
#   Rscript tests/reference/model_options.R   -> tests/fixtures/model_options_coefs.csv
suppressPackageStartupMessages({
  library(data.table)
  library(sandwich)
  library(MASS)
  library(brglm2)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

an <- fread(cmd = "zcat tests/fixtures/derive_sample_analysis.csv.gz",
            colClasses = "character", na.strings = c("NA", ""), encoding = "UTF-8")
for (v in c("placement", "ndd", "parent_psych")) set(an, j = v, value = as.numeric(an[[v]]))

tidy <- function(fit, d, model, V, ci) {
  b <- coef(fit)
  se <- sqrt(diag(V))
  mm <- model.matrix(fit)
  asg <- attr(mm, "assign")
  labs <- attr(terms(fit), "term.labels")
  rows <- list()
  for (j in seq_along(b)) {
    if (asg[j] == 0) {
      term <- "(Intercept)"; level <- ""
    } else {
      term <- labs[asg[j]]
      vars <- strsplit(term, ":")[[1]]
      parts <- strsplit(names(b)[j], ":")[[1]]
      level <- paste(substring(parts, nchar(vars) + 1)[nchar(parts) > nchar(vars)],
                     collapse = ":")
      if (length(vars) == 1 && is.factor(d[[term]]) && j == min(which(asg == asg[j]))) {
        ref <- levels(d[[term]])[1]
        rows[[length(rows) + 1]] <- data.table(
          model = model, term = term, level = ref, estimate = 0, std_error = NA,
          statistic = NA, p_value = NA, odds_ratio = 1, conf_low = NA, conf_high = NA,
          n = sum(d[[term]] == ref), events = sum(d[[term]] == ref & d$placement == 1))
      }
    }
    x <- mm[, j]
    bin <- asg[j] > 0 && all(x %in% c(0, 1))
    rows[[length(rows) + 1]] <- data.table(
      model = model, term = term, level = level, estimate = b[j],
      std_error = se[j], statistic = b[j] / se[j],
      p_value = 2 * pnorm(-abs(b[j] / se[j])), odds_ratio = exp(b[j]),
      conf_low = exp(ci[j, 1]), conf_high = exp(ci[j, 2]),
      n = if (bin) sum(x == 1) else NA,
      events = if (bin) sum(x == 1 & d$placement == 1) else NA)
  }
  rbindlist(rows)
}

# inter
d <- an[complete.cases(an[, .(placement, sa_years, ndd, parent_psych, low_birth_weight)])]
d[, sa_years := relevel(factor(sa_years), ref = "0")]
d[, low_birth_weight := relevel(factor(low_birth_weight), ref = "1")]
fit <- glm(placement ~ sa_years + ndd + parent_psych + low_birth_weight + sa_years:ndd,
           family = binomial, data = d)
ci <- suppressMessages(confint(fit))
inter <- tidy(fit, d, "inter", vcovHC(fit, type = "HC0"), ci)

# firth
d <- an[ndd == 1 & complete.cases(an[, .(placement, sa_years, region)])]
d[, sa_years := relevel(factor(sa_years), ref = "0")]
d[, region := factor(region)]
fit <- glm(placement ~ sa_years + region, family = binomial, data = d,
           method = "brglmFit", type = "AS_mean")
k <- length(coef(fit))
firth <- tidy(fit, d, "firth", matrix(NA_real_, k, k), matrix(NA_real_, k, 2))

fwrite(rbind(inter, firth), "tests/fixtures/model_options_coefs.csv", na = "NA", quote = TRUE)
