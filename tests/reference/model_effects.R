# model_effects.R - reference for the effect measures of kohort's model stage
# (`effect = or, rr, rd, paf` in [model NAME], tests/test_model_effects.c):
# modified Poisson risk ratios (glm(family = poisson) + sandwich) and the
# standardised risks of the logistic model with their ratios, differences and
# the population attributable fraction (delta method), written here
# independently of the C code.
#
#   Rscript tests/reference/model_effects.R
#
# Data: the analysis dataset that tests/reference/derive.R derived from
# sample-data/ (tests/fixtures/derive_sample_analysis.csv.gz), with the family
# clusters re-derived from the mother link exactly as model_example.R does.
#
# Models (the first is config/example.ini's; the others are added by the test):
#   placement   outcome ~ sa_years + ndd + parent_psych + sex + low_birth_weight
#               + region; se = cluster (mother): the logistic fit's covariance
#               and the Poisson fit's are vcovCL(fit, cluster = family) (HC0,
#               G/(G-1)); effect = or, rr, rd, paf; exposure = sa_years
#   eff_robust  placement ~ parent_psych + ndd + sex + region; se = robust:
#               vcovHC(type = "HC0") for both; effect = rr, paf;
#               exposure = parent_psych (a 0/1 number)
#   eff_sex     placement ~ sa_years + ndd, strata = sex; se = model: vcov()
#               for the logistic fit, vcovHC(type = "HC0") for the Poisson fit
#               (model-based SEs are wrong for a 0/1 outcome); effect = rd
#
# Standardisation (as tests/reference/effects_ref.R): for level k of the
# exposure, r_k = mean_i plogis(x_ik' b) with the exposure set to k for
# everyone; gradient g_k = mean_i p_ik (1 - p_ik) x_ik.  Risk: Wald on the
# risk scale; RR: Wald on log(r_k / r_0), a = g_k / r_k - g_0 / r_0; RD: Wald
# on r_k - r_0, a = g_k - g_0; PAF = 1 - r_0 / r_obs with r_obs the mean
# fitted risk, Wald on log(1 - PAF), a = g_0 / r_0 - g_obs / r_obs;
# attributable cases = PAF * events.  The gradients are checked against
# finite differences.
#
# Writes tests/fixtures/model_effects_rr.csv (Poisson rows),
# model_effects_stats.csv (Poisson fit statistics), model_effects_levels.csv
# (standardised risks per level) and model_effects_paf.csv.
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

# ---- mother clusters (as model_example.R) --------------------------------------
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

# ---- helpers ---------------------------------------------------------------------
refs <- list(sa_years = "0", sex = "1", region = "Helsinki")
z <- qnorm(0.975)

vcov_of <- function(fit, d, se) {
  if (se == "cluster") return(vcovCL(fit, cluster = d$cl))
  if (se == "robust") return(vcovHC(fit, type = "HC0"))
  vcov(fit)
}

# Standardised risk of `var` set to `lev` for everyone, with its gradient.
standardise <- function(fit, d, var, lev) {
  b <- coef(fit)
  tt <- delete.response(terms(fit))
  nd <- copy(d)
  set(nd, j = var, value = if (is.factor(d[[var]]))
    factor(rep(lev, nrow(d)), levels = levels(d[[var]])) else rep(as.numeric(lev), nrow(d)))
  X <- model.matrix(tt, model.frame(tt, nd, xlev = fit$xlevels))
  p <- plogis(drop(X %*% b))
  g <- colSums(p * (1 - p) * X) / nrow(X)
  h <- 1e-6 * pmax(1, abs(b))
  gnum <- sapply(seq_along(b), function(j) {
    e <- replace(0 * b, j, h[j])
    (mean(plogis(drop(X %*% (b + e)))) - mean(plogis(drop(X %*% (b - e))))) / (2 * h[j])
  })
  stopifnot(max(abs(g - gnum)) < 1e-7)
  list(r = mean(p), g = g)
}

# ---- one fit ---------------------------------------------------------------------
fit_one <- function(d, model, stratum, version, exposure, vars, se, effects, evar) {
  for (v in intersect(vars, names(refs)))
    set(d, j = v, value = relevel(factor(d[[v]]), ref = refs[[v]]))
  fml <- as.formula(paste("placement ~", paste(vars, collapse = " + ")))
  out <- list()
  if ("rr" %in% effects) {
    fp <- glm(fml, family = poisson, data = d)
    V <- if (se == "cluster") vcovCL(fp, cluster = d$cl) else vcovHC(fp, type = "HC0")
    b <- coef(fp); s <- sqrt(diag(V))
    asg <- attr(model.matrix(fp), "assign")
    labs <- attr(terms(fp), "term.labels")
    keep <- if (version == "crude") asg > 0 else rep(TRUE, length(b))
    term <- ifelse(asg == 0, "(Intercept)", labs[pmax(asg, 1)])
    level <- ifelse(asg == 0, "", substring(names(b), nchar(term) + 1))
    out$rr <- data.table(model = model, stratum = stratum, version = version,
                         exposure = exposure, term = term, level = level,
                         risk_ratio = exp(b), rr_std_error = s,
                         rr_conf_low = exp(b - z * s), rr_conf_high = exp(b + z * s),
                         rr_p_value = 2 * pnorm(-abs(b / s)))[keep]
    out$stats <- data.table(model = model, stratum = stratum, version = version,
                            exposure = exposure, rr_deviance = deviance(fp),
                            rr_iterations = fp$iter, rr_converged = fp$converged,
                            rr_fitted_risk_above_1 = sum(fitted(fp) > 1))
  }
  if (any(c("rd", "paf") %in% effects) && evar %in% vars) {
    fl <- glm(fml, family = binomial, data = d)
    V <- vcov_of(fl, d, se)
    dse <- function(a) sqrt(drop(t(a) %*% V %*% a))
    levs <- if (is.factor(d[[evar]])) levels(d[[evar]]) else c("0", "1")
    s <- lapply(levs, function(l) standardise(fl, d, evar, l))
    r0 <- s[[1]]$r; g0 <- s[[1]]$g
    out$levels <- rbindlist(lapply(seq_along(levs), function(k) {
      rk <- s[[k]]$r; gk <- s[[k]]$g
      at <- as.character(d[[evar]]) == levs[k]
      rse <- dse(gk); lse <- dse(gk / rk - g0 / r0); dsd <- dse(gk - g0)
      data.table(model = model, stratum = stratum, version = version,
                 exposure = evar, level = levs[k], n = sum(at),
                 events = sum(d$placement[at]), crude_risk = mean(d$placement[at]),
                 adjusted_risk = rk, adjusted_conf_low = rk - z * rse,
                 adjusted_conf_high = rk + z * rse,
                 risk_ratio = rk / r0,
                 rr_conf_low = if (k == 1) NA else exp(log(rk / r0) - z * lse),
                 rr_conf_high = if (k == 1) NA else exp(log(rk / r0) + z * lse),
                 risk_difference = rk - r0,
                 rd_conf_low = if (k == 1) NA else rk - r0 - z * dsd,
                 rd_conf_high = if (k == 1) NA else rk - r0 + z * dsd)
    }))
    if ("paf" %in% effects) {
      p <- fitted(fl); X <- model.matrix(fl)
      robs <- mean(p); gobs <- colSums(p * (1 - p) * X) / nrow(X)
      L <- log(r0) - log(robs); Lse <- dse(g0 / r0 - gobs / robs)
      ev <- sum(d$placement)
      paf <- 1 - r0 / robs
      out$paf <- data.table(model = model, stratum = stratum, version = version,
                            exposure = evar, n = nrow(d), events = ev,
                            observed_risk = robs, paf = paf,
                            paf_conf_low = 1 - exp(L + z * Lse),
                            paf_conf_high = 1 - exp(L - z * Lse),
                            attributable_cases = paf * ev,
                            attributable_conf_low = (1 - exp(L + z * Lse)) * ev,
                            attributable_conf_high = (1 - exp(L - z * Lse)) * ev)
    }
  }
  out
}

# adjusted on the complete cases of every model variable, then crude per
# exposure on its available cases (the outcome and that exposure known:
# crude_cases = available, kohort's default)
fit_model <- function(d0, model, stratum, exposures, covariates, se, effects,
                      evar = exposures[1]) {
  d <- d0[complete.cases(d0[, c("placement", exposures, covariates), with = FALSE])]
  res <- list(fit_one(copy(d), model, stratum, "adjusted", "", c(exposures, covariates),
                      se, effects, evar))
  for (e in exposures)
    res[[length(res) + 1]] <- fit_one(
      copy(d0[complete.cases(d0[, c("placement", e), with = FALSE])]), model,
      stratum, "crude", e, e, se, effects, evar)
  res
}

out <- c(
  fit_model(an, "placement", "all",
            c("sa_years", "ndd", "parent_psych", "sex", "low_birth_weight"), "region",
            "cluster", c("or", "rr", "rd", "paf"), "sa_years"),
  fit_model(an, "eff_robust", "all", c("parent_psych", "ndd"), c("sex", "region"),
            "robust", c("rr", "paf"), "parent_psych"),
  fit_model(an[sex == "1"], "eff_sex", "sex=1", c("sa_years", "ndd"), character(0),
            "model", "rd"),
  fit_model(an[sex == "2"], "eff_sex", "sex=2", c("sa_years", "ndd"), character(0),
            "model", "rd"))

w <- function(x, f) fwrite(x, file.path("tests/fixtures", f), na = "NA",
                           quote = TRUE, dec = ".", sep = ",")
w(rbindlist(lapply(out, `[[`, "rr")), "model_effects_rr.csv")
w(rbindlist(lapply(out, `[[`, "stats")), "model_effects_stats.csv")
w(rbindlist(lapply(out, `[[`, "levels")), "model_effects_levels.csv")
w(rbindlist(lapply(out, `[[`, "paf")), "model_effects_paf.csv")
