## family_cox_ref.R - reference values for the Cox family through the seam
## (stats/family_cox.c, tests/test_cox.c's family tests): R's AIC and BIC of a coxph fit and
## the likelihood-ratio test of each term by the refit without its columns (drop1(fit, test =
## "Chisq") on the model as written), on the data of cox_ref.R's fixtures as the C test reads
## them.  Run from the repository root after cox_ref.R:  Rscript tests/reference/family_cox_ref.R
## Writes tests/fixtures/cox_<case>_family.ref ("section name value", 17 digits).
suppressMessages(library(survival))
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
put <- function(con, section, names, values) writeLines(paste(section, names, f17(values)), con)

family_case <- function(case, ties = "efron") {
  d <- read.csv(file.path(fx, paste0("cox_", case, ".csv")), check.names = FALSE)
  ref <- read.table(file.path(fx, paste0("cox_", case, ".ref")), comment.char = "#",
                    col.names = c("section", "name", "value"), stringsAsFactors = FALSE)
  X <- as.matrix(d[, -(1:7), drop = FALSE])
  nm <- colnames(X)
  assign <- as.integer(ref$value[ref$section == "assign"][match(nm, ref$name[ref$section == "assign"])])
  y <- if (all(is.infinite(d$.start))) Surv(d$.stop, d$.status) else Surv(d$.start, d$.stop, d$.status)
  st <- factor(d$.strata); w <- d$.w; off <- d$.offset
  one <- length(unique(d$.strata)) == 1
  fitX <- function(Z) {
    if (ncol(Z) == 0) {
      f <- if (one) y ~ offset(off) else y ~ offset(off) + strata(st)
    } else {
      f <- if (one) y ~ Z + offset(off) else y ~ Z + offset(off) + strata(st)
    }
    coxph(f, ties = ties, weights = w)
  }
  full <- suppressWarnings(fitX(X))
  con <- file(file.path(fx, paste0("cox_", case, "_family.ref")), "w")
  writeLines(paste("#", case, "ties =", ties, "survival", packageVersion("survival")), con)
  put(con, "model", c("aic", "bic", "loglik", "nevent"),
      c(AIC(full), BIC(full), full$loglik[2], full$nevent))
  for (t in unique(assign)) {
    red <- suppressWarnings(fitX(X[, assign != t, drop = FALSE]))
    ll0 <- if (is.null(red$coefficients)) red$loglik[1] else red$loglik[2]
    df <- sum(!is.na(coef(full))) - (if (is.null(red$coefficients)) 0 else sum(!is.na(coef(red))))
    put(con, "lr_chisq", paste0("term", t), 2 * (full$loglik[2] - ll0))
    put(con, "lr_df", paste0("term", t), df)
  }
  close(con)
}
family_case("lung")
family_case("lung_breslow", "breslow")
family_case("veteran")
family_case("veteran_strata")
family_case("colon")
family_case("heart")
family_case("lung_offset")
