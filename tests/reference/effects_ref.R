## effects_ref.R - reference values for tests/test_effects.c: modified Poisson regression
## (glm(family = poisson) + sandwich) and marginal standardisation from a logistic glm
## (standardised risks, risk ratios and differences, population attributable fraction, all
## with delta-method CIs), written here independently of the C code.
## Run from the repository root:  Rscript tests/reference/effects_ref.R
## Writes, per case, tests/fixtures/effects_<case>.csv (.y, .w, .g, then R's model.matrix
## columns) and tests/fixtures/effects_<case>.ref ("section name value" lines).
##
## Delta method (the C code must agree): for level k the standardised risk is
## r_k = mean_i plogis(x_ik' b) with the exposure set to k in every row; its gradient is
## g_k = mean_i p_ik (1 - p_ik) x_ik (checked here against central finite differences).
##   risk:     Wald on the risk scale,   se^2 = g_k' V g_k
##   RR:       Wald on log(r_k / r_0),   a = g_k / r_k - g_0 / r_0
##   RD:       Wald on r_k - r_0,        a = g_k - g_0
##   (means weighted by the prior weights .w when a case has them)
##   PAF:      1 - r_0 / r_obs with r_obs = mean(fitted(fit)); Wald on log(1 - PAF) =
##             log(r_0) - log(r_obs), a = g_0 / r_0 - g_obs / r_obs; CI 1 - exp(L -/+ z se)
##   attributable cases = PAF * sum(y), CI = CI(PAF) * sum(y)
## with V = vcov(fit) ("model"), vcovHC(fit, type = "HC0") ("hc0"), vcovCL(fit, cluster = ~g)
## ("cl": vcovCL's default on a glm is HC0 with the G/(G-1) adjustment).
suppressMessages({library(MASS); library(sandwich)})
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)

write_design <- function(case, X, y, g, w) {
  d <- data.frame(.y = y, .w = w, .g = g, X, check.names = FALSE)
  write.table(d, file.path(fx, paste0("effects_", case, ".csv")), sep = ",", quote = FALSE,
              row.names = FALSE, col.names = TRUE)
}

## Modified Poisson: coefficients, model/HC0/HC1/cluster SEs, model statistics.
put_poisson <- function(con, fml, data) {
  fp <- glm(fml, family = poisson, data = data, weights = .w)
  nm <- names(coef(fp))
  se <- function(V) sqrt(diag(V))
  put(con, "pois_coef", nm, coef(fp))
  put(con, "pois_se_model", nm, se(vcov(fp, complete = TRUE)))
  put(con, "pois_se_hc0", nm, se(vcovHC(fp, type = "HC0")))
  put(con, "pois_se_hc1", nm, se(vcovHC(fp, type = "HC1")))
  vcl <- vcovCL(fp, cluster = data$.g)
  ## vcovCL's default on a glm, written out: HC0 sandwich times G / (G - 1), with
  ## sandwich's estfun.glm: working residual * working weight (of the last IRLS step) * x
  G <- length(unique(data$.g)); X <- model.matrix(fp)[, !is.na(coef(fp)), drop = FALSE]
  ef <- residuals(fp, "working") * weights(fp, "working") * X
  S <- rowsum(ef, data$.g); B <- vcov(fp)[!is.na(coef(fp)), !is.na(coef(fp))]
  ## bread is scaled by the rows used, meat by all rows (zero weights included)
  sc <- (sum(data$.w > 0) / nrow(data))^2
  stopifnot(max(abs(B %*% crossprod(S) %*% B * G / (G - 1) * sc - vcl)) < 1e-12 * max(abs(vcl)))
  put(con, "pois_se_cl", nm, se(vcl))
  put(con, "pois_model", c("deviance", "null_deviance", "aic", "iter", "converged", "rank",
                          "mu_above_1"),
      c(deviance(fp), fp$null.deviance, AIC(fp), fp$iter, fp$converged, fp$rank,
        sum(fitted(fp)[data$.w > 0] > 1)))
  fp
}

## Standardised risks for the exposure `var` set to each of `levels` (the first is the
## reference), with their gradients; checked against finite differences.
standardise <- function(fit, data, var, levels) {
  b <- coef(fit); b[is.na(b)] <- 0  # aliased: left out, as predict() does
  tt <- delete.response(terms(fit))
  w <- data$.w  # prior weights: weighted means, rows with weight 0 do not count
  risk_at <- function(beta, X) weighted.mean(plogis(drop(X %*% beta)), w)
  one <- function(lev) {
    nd <- data
    nd[[var]] <- if (is.factor(data[[var]])) factor(lev, levels = levels(data[[var]])) else lev
    X <- model.matrix(tt, model.frame(tt, nd, xlev = fit$xlevels))
    p <- plogis(drop(X %*% b))
    r <- weighted.mean(p, w); g <- colSums(w * p * (1 - p) * X) / sum(w)
    stopifnot(abs(r - weighted.mean(suppressWarnings(predict(fit, nd, type = "response")), w)) < 1e-12)
    h <- 1e-6 * pmax(1, abs(b))
    gnum <- sapply(seq_along(b), function(j) {
      e <- replace(0 * b, j, h[j]); (risk_at(b + e, X) - risk_at(b - e, X)) / (2 * h[j]) })
    stopifnot(max(abs(g - gnum)) < 1e-7)
    list(r = r, g = g)
  }
  lapply(levels, one)
}

put_margins <- function(con, fit, data, var, levels, V, tag, level = 0.95) {
  z <- qnorm(0.5 + level / 2)
  s <- standardise(fit, data, var, levels)
  ok <- !is.na(coef(fit))  # vcov() has NA rows for aliased columns, vcovHC/CL none
  if (nrow(V) > sum(ok)) V <- V[ok, ok]
  dse <- function(a) sqrt(drop(t(a[ok]) %*% V %*% a[ok]))
  r0 <- s[[1]]$r; g0 <- s[[1]]$g
  for (k in seq_along(levels)) {
    rk <- s[[k]]$r; gk <- s[[k]]$g; key <- k - 1
    se_r <- dse(gk)
    put(con, paste0("risk_", tag), key, rk)
    put(con, paste0("risk_se_", tag), key, se_r)
    if (k == 1) next
    lse <- dse(gk / rk - g0 / r0)
    put(con, paste0("rr_", tag), key, rk / r0)
    put(con, paste0("rr_lo_", tag), key, exp(log(rk / r0) - z * lse))
    put(con, paste0("rr_hi_", tag), key, exp(log(rk / r0) + z * lse))
    dsd <- dse(gk - g0)
    put(con, paste0("rd_", tag), key, rk - r0)
    put(con, paste0("rd_se_", tag), key, dsd)
    put(con, paste0("rd_lo_", tag), key, rk - r0 - z * dsd)
    put(con, paste0("rd_hi_", tag), key, rk - r0 + z * dsd)
  }
  p <- fitted(fit); X <- model.matrix(fit)
  w <- data$.w
  robs <- weighted.mean(p, w); gobs <- colSums(w * p * (1 - p) * X) / sum(w)
  L <- log(r0) - log(robs); Lse <- dse(g0 / r0 - gobs / robs)
  paf <- 1 - r0 / robs; ev <- sum(w * fit$y)
  put(con, paste0("paf_", tag), c("observed_risk", "paf", "log_se", "lo", "hi", "events",
                                   "attributable", "attr_lo", "attr_hi"),
      c(robs, paf, Lse, 1 - exp(L + z * Lse), 1 - exp(L - z * Lse), ev, paf * ev,
        (1 - exp(L + z * Lse)) * ev, (1 - exp(L - z * Lse)) * ev))
}

## Crude risks per level: n, events.
put_crude <- function(con, data, yvar, var, levels) {
  for (k in seq_along(levels)) {
    rows <- data[[var]] == levels[k]
    put(con, "crude_n", k - 1, sum(data$.w[rows]))
    put(con, "crude_events", k - 1, sum((data$.w * data[[yvar]])[rows]))
  }
}

## One case: fixture design, the exposure's columns and levels, both models.
run_case <- function(case, comment, fml, data, var, levels) {
  if (is.null(data$.w)) data$.w <- 1
  flog <- glm(fml, family = binomial, data = data, weights = .w)
  X <- model.matrix(flog)
  write_design(case, X, data[[all.vars(fml)[1]]], data$.g, data$.w)
  con <- file(file.path(fx, paste0("effects_", case, ".ref")), "w")
  on.exit(close(con))
  writeLines(paste("#", comment), con)
  writeLines(paste("# R", R.version$major, R.version$minor, " MASS", packageVersion("MASS"),
                   " sandwich", packageVersion("sandwich")), con)
  cols <- which(attr(X, "assign") == match(var, attr(terms(flog), "term.labels")))
  put(con, "exposure", c("first", "ncols", "nlevels"), c(min(cols) - 1, length(cols), length(levels)))
  put(con, "logit_coef", names(coef(flog)), coef(flog))
  put_poisson(con, fml, data)
  put_crude(con, data, all.vars(fml)[1], var, levels)
  put_margins(con, flog, data, var, levels, vcov(flog), "model")
  put_margins(con, flog, data, var, levels, vcovHC(flog, type = "HC0"), "hc0")
  put_margins(con, flog, data, var, levels, vcovCL(flog, cluster = data$.g), "cl")
}

## 1. the sample data as `kohort run` derives it (tests/fixtures/derive_sample_analysis):
##    placement by parental social assistance years, clustered by region
sd <- read.csv(gzfile(file.path(fx, "derive_sample_analysis.csv.gz")), stringsAsFactors = FALSE,
               colClasses = c(sa_years = "character"))
sd <- sd[complete.cases(sd), ]
sd$sa_years <- factor(sd$sa_years)
sd$.g <- as.integer(factor(sd$region))
run_case("sample", "derive_sample_analysis: placement ~ factor(sa_years) + ndd + parent_psych + factor(sex) + low_birth_weight; clusters = region",
         placement ~ sa_years + ndd + parent_psych + factor(sex) + low_birth_weight, sd,
         "sa_years", levels(sd$sa_years))

## 2. synthetic, common outcome (~40%): OR and RR far apart; families of 1-4 children
set.seed(20261123)
nf <- 1500
fam <- rep(seq_len(nf), sample(1:4, nf, replace = TRUE))
n <- length(fam)
u <- rnorm(nf, 0, 0.4)[fam]
syn <- data.frame(.g = fam, expo = rbinom(n, 1, 0.35), age = round(rnorm(n, 30, 5), 1),
                  grp = sample(c("a", "b", "c"), n, replace = TRUE, prob = c(.5, .3, .2)))
risk <- pmin(0.95, exp(log(0.25) + log(1.9) * syn$expo + 0.02 * (syn$age - 30) +
                       c(a = 0, b = 0.2, c = 0.35)[syn$grp] + u - 0.08))
syn$y <- rbinom(n, 1, risk)
run_case("common", sprintf("synthetic common outcome (prevalence %.3f): y ~ expo + age + factor(grp); clusters = families", mean(syn$y)),
         y ~ expo + age + factor(grp), syn, "expo", c(0, 1))

## 3. the same data, the 3-level factor as the exposure
run_case("common_grp", "synthetic common outcome: y ~ expo + age + grp, exposure grp (a, b, c)",
         y ~ expo + age + grp, transform(syn, grp = factor(grp)), "grp", c("a", "b", "c"))

## 4. MASS birthwt, exposure smoke; clusters of ~3 rows by row order
data(birthwt)
bw <- transform(birthwt, race = factor(race), .g = (seq_len(nrow(birthwt)) - 1) %/% 3)
run_case("birthwt", "MASS birthwt: low ~ age + lwt + race + smoke + ptl + ht + ui, exposure smoke",
         low ~ age + lwt + race + smoke + ptl + ht + ui, bw, "smoke", c(0, 1))

## 5. an aliased column (z = age + expo): coefficient NA in both models
syn_al <- transform(syn, z = age + expo)
run_case("aliased", "synthetic common outcome with an aliased column z = age + expo",
         y ~ expo + age + z, syn_al, "expo", c(0, 1))

## 6. prior weights 0-3 (frequency weights, some rows left out with weight 0)
set.seed(7)
syn_w <- transform(syn, .w = sample(0:3, nrow(syn), replace = TRUE, prob = c(.1, .5, .25, .15)),
                   grp = factor(grp))
run_case("weighted", "synthetic common outcome with prior weights 0-3: y ~ expo + age + grp, exposure grp",
         y ~ expo + age + grp, syn_w, "grp", c("a", "b", "c"))

## 7. no events where x = 1: the Poisson MLE of x is -Inf, yet R reports convergence (18
##    iterations, coefficient about -19.8, fitted risks about 1e-9, no warning)
zero <- data.frame(.g = 1:8, y = c(0, 0, 0, 1, 0, 1, 1, 0), x = c(1, 1, 1, 0, 0, 0, 0, 0), .w = 1)
fz <- glm(y ~ x, family = poisson, data = zero)
write_design("zero", model.matrix(fz), zero$y, zero$.g, zero$.w)
con <- file(file.path(fx, "effects_zero.ref"), "w")
writeLines("# glm(y ~ x, poisson) with no events at x = 1 (the MLE does not exist)", con)
put(con, "exposure", c("first", "ncols", "nlevels"), c(1, 1, 2))  # x, for the loader
put(con, "pois_coef", names(coef(fz)), coef(fz))
put(con, "pois_model", c("iter", "converged", "min_fitted"), c(fz$iter, fz$converged, min(fitted(fz))))
close(con)
