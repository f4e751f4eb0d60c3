# fit_cox.R - reference results for tests/test_cmd_fit.c: `kohort fit --family cox` end to
# end on survival's lung (Surv(time, status)) and heart (Surv(start, stop, event)) data.
#
# Run from the repository root:  Rscript tests/reference/fit_cox.R
# Writes the data (tests/fixtures/fit_cox_lung.csv with status recoded 0/1, fit_cox_heart.csv)
# and, per model M, tests/fixtures/fit_cox_M_{coef,stats,terms}.csv as fit_birthwt.R does.
# References: survival 3.5 coxph (default coxph.control; ties as named); robust = TRUE and
# cluster = (coxph's dfbeta sandwich, no small-sample factor); per-term Wald b' V^-1 b on the
# SE type's covariance; per-term LR by the refit without the term's columns in the same rows
# (drop1's test, written out: drop1 refuses a model whose data had NAs); AIC/BIC as R's
# (BIC's n is the number of events).  Concordance: survival::concordancefit on the linear
# predictors rounded to 10 digits.  coxph's own fit$concordance takes them unrounded, and R's
# linear predictors of two rows with the same covariates can differ by 5e-17 (the BLAS), which
# breaks their tie: on lung it counts 2 tied pairs as concordant (0.637034 against 0.636984);
# kohort's exact ties are R's concordance of the rounded predictors.
invisible(Sys.setlocale("LC_COLLATE", "C"))
suppressMessages(library(survival))
num <- function(x) ifelse(is.na(x), "NA", formatC(x, digits = 17, format = "g"))

lung2 <- lung
lung2$status <- lung2$status - 1L
lung2 <- lung2[, c("inst", "time", "status", "age", "sex", "ph.ecog", "wt.loss")]
write.csv(lung2, "tests/fixtures/fit_cox_lung.csv", row.names = FALSE, na = "")
hrt <- heart
hrt$transplant <- as.integer(as.character(hrt$transplant))
write.csv(hrt, "tests/fixtures/fit_cox_heart.csv", row.names = FALSE, na = "")

one <- function(id, data, lhs, rhs, ties = "efron", se = "model", cluster = NULL) {
  vars <- unique(c(all.vars(lhs), all.vars(as.formula(paste("~", rhs))), cluster))
  d <- na.omit(data[, vars])
  fml <- as.formula(paste(deparse(lhs), "~", rhs))
  fit <- if (se == "model") coxph(fml, d, ties = ties)
         else if (se == "robust") coxph(fml, d, ties = ties, robust = TRUE)
         else coxph(fml, d, ties = ties, cluster = d[[cluster]])
  b <- coef(fit); V <- vcov(fit); s <- sqrt(diag(V))
  z <- qnorm(0.975)
  write.csv(data.frame(term = names(b), estimate = num(b), std_error = num(s),
                       statistic = num(b / s), p_value = num(2 * pnorm(-abs(b / s))),
                       hazard_ratio = num(exp(b)), conf_low = num(exp(b - z * s)),
                       conf_high = num(exp(b + z * s))),
            sprintf("tests/fixtures/fit_cox_%s_coef.csv", id), row.names = FALSE)
  lp <- fit$linear.predictors
  sv <- gsub("strata\\(|\\)| ", "", regmatches(rhs, gregexpr("strata\\([^)]*\\)", rhs))[[1]])
  strat <- if (length(sv)) interaction(d[sv], drop = TRUE) else NULL
  cc <- concordancefit(fit$y, round(lp, 10), strata = strat, reverse = TRUE, timefix = FALSE)
  message(id, ": concordance ", format(cc$concordance, digits = 10), ", coxph's ",
          format(fit$concordance["concordance"], digits = 10))
  st <- c(n_used = fit$n, events = fit$nevent, rank = sum(!is.na(b)),
          loglik = fit$loglik[2], null_loglik = fit$loglik[1], aic = AIC(fit),
          bic = BIC(fit), concordance = unname(cc$concordance), iterations = fit$iter)
  write.csv(data.frame(statistic = names(st), value = num(st)),
            sprintf("tests/fixtures/fit_cox_%s_stats.csv", id), row.names = FALSE)
  X <- model.matrix(fit); asg <- attr(X, "assign"); labs <- attr(terms(fit), "term.labels")
  ## strata() terms have no columns (and no test); asg numbers the terms with them
  tt <- which(!startsWith(labs, "strata("))
  tab <- do.call(rbind, lapply(tt, function(t) {
    k <- which(asg == t)
    stopifnot(length(k) > 0)
    w <- drop(t(b[k]) %*% solve(V[k, k, drop = FALSE]) %*% b[k])
    rest <- labs[-t]
    rf <- if (length(rest)) coxph(as.formula(paste(deparse(lhs), "~", paste(rest, collapse = " + "))),
                                  d, ties = ties)
          else NULL
    l0 <- if (is.null(rf)) fit$loglik[1] else rf$loglik[2]
    lr <- 2 * (fit$loglik[2] - l0)
    data.frame(term = labs[t], df = length(k), wald_chisq = num(w),
               wald_p_value = num(pchisq(w, length(k), lower.tail = FALSE)),
               lr_df = length(k), lr_chisq = num(lr),
               lr_p_value = num(pchisq(lr, length(k), lower.tail = FALSE)))
  }))
  write.csv(tab, sprintf("tests/fixtures/fit_cox_%s_terms.csv", id), row.names = FALSE)
}

L <- quote(Surv(time, status)); H <- quote(Surv(start, stop, event))
rl <- "age + sex + factor(ph.ecog)"
one("lung", lung2, L, rl)
one("lung_breslow", lung2, L, rl, ties = "breslow")
one("lung_robust", lung2, L, rl, se = "robust")
one("lung_cluster", lung2, L, rl, se = "cluster", cluster = "inst")
vet <- veteran
vet$celltype <- as.character(vet$celltype)
write.csv(vet, "tests/fixtures/fit_cox_veteran.csv", row.names = FALSE, na = "")
one("veteran_strata", vet, L2 <- quote(Surv(time, status)), "trt + karno + age + strata(celltype)")
one("lung_strata2", lung2, L, "age + factor(ph.ecog) + strata(sex) + strata(inst)", se = "robust")
one("heart_cluster", hrt, H, "age + year + surgery + transplant", se = "cluster", cluster = "id")
