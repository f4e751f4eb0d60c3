# fit_offset.R - reference results for tests/test_cmd_fit.c: `kohort fit --offset` with each
# family that takes one, and `--zph` (cox.zph) on Cox fits.
#
# Run from the repository root:  Rscript tests/reference/fit_offset.R
# Writes the data tests/fixtures/fit_offset_bw.csv (MASS birthwt with an offset column `off`
# = (age - 23) / 20), fit_offset_ins.csv (MASS Insurance: District, Group and Age as codes
# 1..4, Holders and Claims, and logh = log(Holders)) and, per model M, fit_offset_M_{coef,
# stats,terms}.csv as fit_birthwt.R and fit_cox.R do; fit_offset_M_zph.csv for --zph;
# fit_offset_lung_split.csv (lung split by survSplit at 180 and 365 days) for the rates
# from Surv() (rate_surv, rate_surv_split).
# References: glm(family = binomial / poisson, offset = ) (R 4.2.2; modified Poisson's SEs
# sandwich::vcovHC(type = "HC0")); the rate model glm(Claims ~ ..., poisson, offset =
# log(Holders)); coxph(..., offset = off) (survival 3.5); cox.zph(fit, transform = "km",
# terms = TRUE).  LR term tests by drop1(test = "LRT"), which keeps the offset; for coxph by
# the refit without the term with the same offset.
invisible(Sys.setlocale("LC_COLLATE", "C"))
suppressMessages({ library(MASS); library(sandwich); library(survival) })
num <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
fx <- function(id, part) sprintf("tests/fixtures/fit_offset_%s_%s.csv", id, part)

glm_one <- function(id, fml, fam, data, off, se = "model", effect = "odds_ratio") {
  fit <- glm(as.formula(fml), fam, data, offset = off)
  b <- coef(fit)
  V <- if (se == "model") vcov(fit) else sandwich::vcovHC(fit, type = "HC0")
  s <- sqrt(diag(V)); z <- b / s; q <- qnorm(0.975)
  coef_tab <- data.frame(term = names(b), estimate = num(b), std_error = num(s),
                         statistic = num(z), p_value = num(2 * pnorm(-abs(z))))
  coef_tab[[effect]] <- num(exp(b))
  coef_tab$conf_low <- num(exp(b - q * s)); coef_tab$conf_high <- num(exp(b + q * s))
  write.csv(coef_tab, fx(id, "coef"), row.names = FALSE)
  st <- c(n_used = nobs(fit), deviance = deviance(fit), null_deviance = fit$null.deviance,
          df_residual = fit$df.residual, df_null = fit$df.null,
          loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit), rank = fit$rank)
  ## the modified Poisson's likelihood is not one of a 0/1 outcome: kohort prints loglik and
  ## bic as NA (docs/fit.md), and R's AIC
  if (effect == "risk_ratio") st <- st[!names(st) %in% c("loglik", "bic")]
  write.csv(data.frame(statistic = names(st), value = num(st)), fx(id, "stats"), row.names = FALSE)
  X <- model.matrix(fit); asg <- attr(X, "assign"); labs <- attr(terms(fit), "term.labels")
  d1 <- drop1(fit, scope = labs, test = "LRT")
  tab <- do.call(rbind, lapply(seq_along(labs), function(t) {
    k <- which(asg == t)
    w <- drop(t(b[k]) %*% solve(V[k, k, drop = FALSE], b[k]))
    data.frame(term = labs[t], df = length(k), wald_chisq = num(w),
               wald_p_value = num(pchisq(w, length(k), lower.tail = FALSE)),
               lr_df = num(d1[labs[t], "Df"]), lr_chisq = num(d1[labs[t], "LRT"]),
               lr_p_value = num(d1[labs[t], "Pr(>Chi)"]))
  }))
  write.csv(tab, fx(id, "terms"), row.names = FALSE)
}

bw <- birthwt
bw$off <- (bw$age - 23) / 20
write.csv(bw, "tests/fixtures/fit_offset_bw.csv", row.names = FALSE)
glm_one("logit", "low ~ lwt + smoke + factor(race)", binomial, bw, bw$off)
glm_one("logit_robust", "low ~ lwt + smoke + factor(race)", binomial, bw, bw$off, se = "robust")
glm_one("pois", "low ~ lwt + smoke + factor(race)", poisson, bw, bw$off, se = "robust",
        effect = "risk_ratio")

ins <- data.frame(district = as.integer(Insurance$District), group = as.integer(Insurance$Group),
                  age = as.integer(Insurance$Age), holders = Insurance$Holders,
                  claims = Insurance$Claims)
ins$logh <- log(ins$holders)
write.csv(ins, "tests/fixtures/fit_offset_ins.csv", row.names = FALSE)
glm_one("rate", "claims ~ factor(district) + factor(group) + factor(age)", poisson, ins,
        ins$logh, effect = "rate_ratio")
glm_one("rate_trend", "claims ~ factor(district) + group + age", poisson, ins,
        ins$logh, se = "robust", effect = "rate_ratio")

## Cox: lung with an offset, and cox.zph
lung2 <- lung
lung2$status <- lung2$status - 1L
lung2$off <- lung2$ph.karno / 100
lung2 <- lung2[, c("inst", "time", "status", "age", "sex", "ph.ecog", "off")]
write.csv(lung2, "tests/fixtures/fit_offset_lung.csv", row.names = FALSE, na = "")
cox_one <- function(id, rhs, data, offset = FALSE, zph = TRUE) {
  vars <- unique(c("time", "status", all.vars(as.formula(paste("~", rhs))), if (offset) "off"))
  d <- na.omit(data[, vars])
  fml <- as.formula(paste("Surv(time, status) ~", rhs))
  fit <- if (offset) coxph(update(fml, . ~ . + offset(off)), d) else coxph(fml, d)
  b <- coef(fit); V <- vcov(fit); s <- sqrt(diag(V)); q <- qnorm(0.975)
  write.csv(data.frame(term = names(b), estimate = num(b), std_error = num(s),
                       statistic = num(b / s), p_value = num(2 * pnorm(-abs(b / s))),
                       hazard_ratio = num(exp(b)), conf_low = num(exp(b - q * s)),
                       conf_high = num(exp(b + q * s))), fx(id, "coef"), row.names = FALSE)
  st <- c(n_used = fit$n, events = fit$nevent, loglik = fit$loglik[2],
          null_loglik = fit$loglik[1], aic = AIC(fit), bic = BIC(fit))
  write.csv(data.frame(statistic = names(st), value = num(st)), fx(id, "stats"), row.names = FALSE)
  X <- model.matrix(fit); asg <- attr(X, "assign"); labs <- attr(terms(fit), "term.labels")
  tab <- do.call(rbind, lapply(seq_along(labs), function(t) {
    k <- which(asg == t)
    w <- drop(t(b[k]) %*% solve(V[k, k, drop = FALSE]) %*% b[k])
    rest <- labs[-t]
    rf <- if (length(rest)) {
      f2 <- as.formula(paste("Surv(time, status) ~", paste(rest, collapse = " + ")))
      if (offset) coxph(update(f2, . ~ . + offset(off)), d) else coxph(f2, d)
    }
    l0 <- if (is.null(rf)) fit$loglik[1] else rf$loglik[2]
    lr <- 2 * (fit$loglik[2] - l0)
    data.frame(term = labs[t], df = length(k), wald_chisq = num(w),
               wald_p_value = num(pchisq(w, length(k), lower.tail = FALSE)),
               lr_df = length(k), lr_chisq = num(lr),
               lr_p_value = num(pchisq(lr, length(k), lower.tail = FALSE)))
  }))
  write.csv(tab, fx(id, "terms"), row.names = FALSE)
  if (zph) {
    z <- cox.zph(fit, transform = "km", terms = TRUE)$table
    write.csv(data.frame(term = rownames(z), chisq = num(z[, "chisq"]), df = num(z[, "df"]),
                         p_value = num(z[, "p"])), fx(id, "zph"), row.names = FALSE)
  }
}
cox_one("cox", "age + sex + factor(ph.ecog)", lung2, offset = TRUE)
cox_one("cox_plain", "age + sex + factor(ph.ecog)", lung2)

## Rates from Surv(): kohort fit --family poisson_rate with Surv(time, status) ~ ... takes the
## person-time from Surv() as glm(status ~ ..., poisson, offset = log(time)); with
## Surv(tstart, time, status) on lung split by survSplit at 180 and 365 days, offset =
## log(time - tstart), robust (HC0) SEs.
## (glm_one's offset is found in the data first: lung2's own column `off` is left out)
glm_one("rate_surv", "status ~ age + sex + factor(ph.ecog)", poisson,
        lung2[, names(lung2) != "off"], log(lung2$time), effect = "rate_ratio")
lsp <- survSplit(Surv(time, status) ~ ., data = lung2, cut = c(180, 365), episode = "period")
lsp <- lsp[, c("inst", "tstart", "time", "status", "age", "sex", "ph.ecog", "period")]
write.csv(lsp, "tests/fixtures/fit_offset_lung_split.csv", row.names = FALSE, na = "")
glm_one("rate_surv_split", "status ~ age + sex + factor(ph.ecog) + factor(period)", poisson,
        lsp, log(lsp$time - lsp$tstart), se = "robust", effect = "rate_ratio")
