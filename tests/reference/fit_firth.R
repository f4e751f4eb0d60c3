# fit_firth.R - reference for `kohort fit --firth` (tests/test_cmd_fit.c) on
# logistf's sex2 data (tests/fixtures/fit_sex2.csv, a copy of
# /work/shared/reference/sex2.csv from logistf 1.26.1).
#
# Run from the repository root:  Rscript tests/reference/fit_firth.R
# logistf is not packaged in Debian.  Estimates come from brglm2
# (type = "AS_mean", Firth's bias reduction = penalized likelihood for the
# logit link), converged to 1e-12.  SEs, profile penalized-likelihood CIs
# and PLR p-values are logistf 1.26.1's published output (its SEs are
# (X'W(1+h)X)^-1, not brglm2's inverse Fisher information), copied from the
# "Full precision" block of /work/shared/reference/ref_firth.out
# (10 significant digits).
suppressMessages(library(brglm2))
d <- read.csv("tests/fixtures/fit_sex2.csv")
f <- glm(case ~ age + oc + vic + vicl + vis + dia, binomial, d,
         method = "brglmFit", type = "AS_mean", epsilon = 1e-12, maxit = 200)
b <- coef(f)
ref <- readLines("/work/shared/reference/ref_firth.out")
at <- grep("^Full precision:", ref) + 2
tab <- read.table(text = ref[at:(at + length(b) - 1)], stringsAsFactors = FALSE)
stopifnot(identical(tab[[1]], names(b)))
se <- tab[[3]]
num <- function(x) sprintf("%.17g", x)
write.csv(data.frame(term = names(b), estimate = num(b), std_error = num(se),
                     statistic = num(b / se), p_value = num(tab[[6]]),
                     odds_ratio = num(exp(b)), conf_low = num(exp(tab[[4]])),
                     conf_high = num(exp(tab[[5]]))),
          "tests/fixtures/fit_sex2_firth_coef.csv", row.names = FALSE)
