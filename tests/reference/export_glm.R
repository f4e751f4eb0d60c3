# export_glm.R - the reference of tests/test_export.c: R's glm on kohort's
# analysis.dta gives the model stage's coefficients and cluster SEs.
#
#   Rscript tests/reference/export_glm.R OUTDIR > tests/fixtures/export_glm_coefs.csv
#
# OUTDIR: `kohort run` of the example config on the fixture extracts with
# `export = dta, sav` in [study] (as test_export.c's setup makes it):
#   sed -e 's#sample-data/#tests/fixtures/derive_data/#' \
#       -e 's/^disclosure_threshold = 5$/&\nexport = dta, sav/' \
#       config/example.ini > /tmp/export.ini
#   ./kohort run --output /tmp/export_out /tmp/export.ini
# (the date variable test_export.c adds is not in the model.)
#
# It runs OUTDIR/analysis.R, the snippet kohort writes (haven::read_dta,
# factors with the model's references, glm, sandwich::vcovCL by mother),
# and prints model placement's adjusted coefficients: term, level ("-" for
# none), estimate, std_error (cluster HC0), the names of models/NAME.csv.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
old <- setwd(args[1])
source("analysis.R")
setwd(old)
r <- fits$placement$all
fit <- r$fit
se <- sqrt(diag(r$vcov))
mf <- model.frame(fit)
rows <- data.frame(term = "(Intercept)", level = "-", coef = "(Intercept)")
for (v in attr(terms(fit), "term.labels")) {
  x <- mf[[v]]
  if (is.factor(x)) {
    for (l in levels(x)[-1])
      rows <- rbind(rows, data.frame(term = v, level = l, coef = paste0(v, l)))
  } else {
    rows <- rbind(rows, data.frame(term = v, level = "-", coef = v))
  }
}
out <- data.frame(term = rows$term, level = rows$level,
                  estimate = sprintf("%.15g", coef(fit)[rows$coef]),
                  std_error = sprintf("%.15g", se[rows$coef]))
write.csv(out, stdout(), row.names = FALSE, quote = FALSE)
