# export_split.R - runs OUTDIR/analysis.R, the script kohort writes beside
# analysis.dta, and compares every adjusted coefficient and SE of every
# model it refits with OUTDIR/models/NAME.csv (1e-6 relative): the
# logistic models (glm), the Cox models (coxph, cluster SEs, strata()
# with cox_strata) and the split ones, which analysis.R splits itself
# with survival::tmerge from analysis_times.dta (time_varying 0/1 from a
# date: tdc; cumulative counts of years: cumtdc, categorised; split_age:
# tdc at the birthdays; split_period: tdc at the calendar dates), Cox and
# Poisson rate (glm, offset log((tstop - tstart) / 365.25)).
#
#   Rscript tests/reference/export_split.R OUTDIR > tests/fixtures/export_split_coefs.csv
#
# OUTDIR: `kohort run` of config/example.ini with the models of
# tests/test_model_cox.c (MODELS) appended and `export = dta` in [study]
# (test_model_cox.c's test_export_refits_split_models makes it so).  It
# stops when a coefficient differs by more than 1e-6 relative (or 1e-9
# absolute near 0), and prints the R coefficients: model, stratum, term,
# level, estimate, std_error (the fixture the C test compares kohort's
# models with, so that make test needs no R).
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
invisible(Sys.setlocale("LC_CTYPE", "C.UTF-8"))
old <- setwd(args[1])
suppressWarnings(source("analysis.R"))
out <- list(); worst <- 0
for (name in names(fits)) {
  k <- read.csv(file.path("models", paste0(name, ".csv")), colClasses = "character")
  k <- k[k$version == "adjusted" & k$std_error != "", ]
  for (s in names(fits[[name]])) {
    r <- fits[[name]][[s]]
    b <- coef(r$fit); se <- sqrt(diag(r$vcov))
    ks <- k[if (s == "all") k$stratum == "all" else grepl(paste0("=", s, "$"), k$stratum), ]
    if (nrow(ks) != length(b)) stop(name, " ", s, ": kohort ", nrow(ks), " coefficients, R ", length(b), ": ", paste(names(b), collapse = " "))
    for (i in seq_len(nrow(ks))) {
      cand <- c(paste0(ks$term[i], ks$level[i]),
                paste0("factor(", ks$term[i], ")", ks$level[i]))
      j <- match(cand, names(b)); j <- j[!is.na(j)][1]
      if (is.na(j)) stop(name, " ", s, ": no R coefficient for ", ks$term[i], " ", ks$level[i])
      for (w in list(c(as.numeric(ks$estimate[i]), b[j]), c(as.numeric(ks$std_error[i]), se[j]))) {
        d <- abs(w[1] - w[2]) / max(abs(w[2]), 1e-3)
        worst <- max(worst, d)
        if (d > 1e-6) stop(name, " ", s, " ", ks$term[i], " ", ks$level[i], ": kohort ",
                           format(w[1], digits = 17), ", R ", format(w[2], digits = 17))
      }
      out[[length(out) + 1]] <- data.frame(model = name, stratum = ks$stratum[i],
        term = ks$term[i], level = ks$level[i],
        estimate = sprintf("%.15g", b[j]), std_error = sprintf("%.15g", se[j]))
    }
  }
}
setwd(old)
out <- do.call(rbind, out)
message(sprintf("%d fits, %d coefficients, worst relative difference %.2g",
                sum(lengths(fits)), nrow(out), worst))
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
