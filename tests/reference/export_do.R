# export_do.R - a check of OUTDIR/analysis.do without Stata (not installed
# here): it takes from each [model] block of the .do what Stata would do
# (the rows kept by `keep if`, the base levels that kohort_base finds by
# value label, the outcome and terms of `local f` with their ib() bases,
# the family cluster variable, the strata loop of levelsof), fits that in R
# on OUTDIR/analysis.dta (logit: glm binomial; vce(cluster): HC0 with
# G/(G-1), which is sandwich::vcovCL type HC0) and compares every adjusted
# coefficient and cluster SE with OUTDIR/models/NAME.csv, and each crude
# fit's (logit Y TERM, on the rows Stata keeps: the available cases, or
# with `if _kohort_cc` the complete cases) with its crude rows; it also compares
# each block's formula, references and subgroup with analysis.R's block.
#
#   Rscript tests/reference/export_do.R OUTDIR
#
# OUTDIR: a `kohort run` with `export = dta, sav` in [study].  What it does
# not check: Stata's own parsing, its missing-value rules in `keep if`
# beyond the conditions the example has, firthlogit and poisson blocks
# (logit only here), and vce(robust)'s N/(N-1).  On config/example.ini
# (2026-12-02): 4 fits (placement, placement_ndd, placement_by_sex 1 and
# 2), 92 coefficients, max |difference| 3.9e-14 (estimates) and 1.2e-14
# (cluster SEs); formulas, references and subgroups equal analysis.R's.
# With the crude fits (2026-12-03): 117 coefficients, 25 of them of the 17
# crude fits (available cases), max |difference| 1.7e-13 and 2.1e-14; the
# same with crude_cases = complete on placement and placement_by_sex.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
setwd(args[1])
invisible(Sys.setlocale("LC_CTYPE", "C.UTF-8"))
suppressMessages({library(haven); library(sandwich)})
do <- readLines("analysis.do"); rs <- readLines("analysis.R")
starts <- grep("^\\* \\[model ", do)
blocks <- lapply(seq_along(starts), function(i) do[starts[i]:(if (i < length(starts)) starts[i + 1] - 1 else length(do))])
# a condition of `keep if` as R reads it: ==, !=, <, &, | and parentheses
# mean the same in both (Stata's missing > any number is not emulated)
stata_cond <- function(x) x
maxd <- 0; maxs <- 0; n <- 0; nc <- 0
for (b in blocks) {
  name <- sub("^\\* \\[model ([^]]+)\\].*", "\\1", b[1])
  d <- read_dta("analysis.dta"); d0 <- d
  keep <- grep("^keep if ", b[!grepl("^    ", b)], value = TRUE)
  if (length(keep)) d <- d[which(with(d, eval(parse(text = stata_cond(sub("^keep if ", "", keep)))))), ]
  bases <- regmatches(b, regexec('^kohort_base (\\w+) "(.*)"$', b)); bases <- bases[lengths(bases) > 0]
  f <- sub("^local f ", "", grep("^local f ", b, value = TRUE))
  if (!length(f)) { cat(name, ": not refitted in the do file\n"); next }
  toks <- strsplit(f, " ")[[1]]; y <- toks[1]; terms <- toks[-1]
  rhs <- c()
  for (t in terms) {
    if (grepl("^ib\\(", t)) {
      v <- sub(".*\\)\\.", "", t)
      lv <- Filter(function(z) z[2] == v, bases)[[1]][3]
      labs <- attr(d[[v]], "labels")
      code <- if (!is.null(labs) && lv %in% names(labs)) unname(labs[lv]) else as.numeric(lv)
      d[[v]] <- relevel(factor(as.numeric(d[[v]])), ref = as.character(code))
      rhs <- c(rhs, v)
    } else rhs <- c(rhs, t)
  }
  cl <- if (any(grepl("family_mother", b))) "family_mother" else if (any(grepl("family_father", b))) "family_father" else NA
  strata <- sub(".*levelsof (\\w+),.*", "\\1", grep("levelsof \\w+, local\\(strata\\)", b, value = TRUE))
  fam <- if (any(grepl("^\\s*logit ", b))) "logit" else if (any(grepl("poisson", b))) "poisson" else "other"
  if (fam != "logit") { cat(name, ": not a logit block, not checked\n"); next }
  parts <- if (length(strata)) split(d, as.numeric(d[[strata]])) else list(all = d)
  ref <- read.csv(file.path("models", paste0(name, ".csv")), stringsAsFactors = FALSE, encoding = "UTF-8")
  for (st in names(parts)) {
    p <- parts[[st]]
    fit <- glm(reformulate(rhs, y), family = binomial, data = p)
    used <- as.integer(rownames(model.frame(fit)))
    g <- ifelse(p[[cl]] == "", paste0("child:", p$shnro), p[[cl]])[used]
    se <- sqrt(diag(vcovCL(fit, cluster = g, type = "HC0")))
    rr <- ref[ref$version == "adjusted" & !is.na(ref$std_error) & (ref$stratum == st | sub("^[^=]*=", "", ref$stratum) == st), ]
    # the crude fits: "logit Y TERM [if _kohort_cc], `vce'" each, on the
    # rows Stata keeps (those with Y and the term known; with if
    # _kohort_cc those with every model variable known), against the
    # crude rows of models/NAME.csv
    for (cl_line in grep("^\\s*logit \\w+ \\S+( if _kohort_cc)?, `vce'$", b, value = TRUE)) {
      ct <- strsplit(trimws(sub(",.*", "", cl_line)), " ")[[1]]
      ev <- sub(".*\\)\\.", "", ct[3])
      pc <- if (grepl("if _kohort_cc", cl_line)) p[complete.cases(as.data.frame(p)[, c(y, rhs)]), ] else p
      cfit <- glm(reformulate(ev, y), family = binomial, data = pc)
      cused <- as.integer(rownames(model.frame(cfit)))
      cg <- ifelse(pc[[cl]] == "", paste0("child:", pc$shnro), pc[[cl]])[cused]
      cse <- sqrt(diag(vcovCL(cfit, cluster = cg, type = "HC0")))
      cr <- ref[ref$version == "crude" & ref$term == ev & !is.na(ref$std_error) & (ref$stratum == st | sub("^[^=]*=", "", ref$stratum) == st), ]
      stopifnot(nrow(cr) > 0)
      for (i in seq_len(nrow(cr))) {
        lev <- cr$level[i]
        if (lev == "" || is.na(lev)) nm <- ev
        else { labs <- attr(d0[[ev]], "labels"); code <- if (!is.null(labs) && lev %in% names(labs)) unname(labs[lev]) else as.numeric(lev); nm <- paste0(ev, code) }
        maxd <- max(maxd, abs(coef(cfit)[[nm]] - cr$estimate[i])); maxs <- max(maxs, abs(cse[[nm]] - cr$std_error[i])); n <- n + 1; nc <- nc + 1
      }
    }
    for (i in seq_len(nrow(rr))) {
      term <- rr$term[i]; lev <- rr$level[i]
      if (term == "(Intercept)") nm <- term
      else if (lev == "" || is.na(lev)) nm <- term
      else { labs <- attr(d0[[term]], "labels"); code <- if (!is.null(labs) && lev %in% names(labs)) unname(labs[lev]) else as.numeric(lev); nm <- paste0(term, code) }
      if (!nm %in% names(coef(fit))) { cat("missing", name, st, nm, "\n"); next }
      maxd <- max(maxd, abs(coef(fit)[[nm]] - rr$estimate[i])); maxs <- max(maxs, abs(se[[nm]] - rr$std_error[i])); n <- n + 1
    }
    cat(sprintf("%s [%s] %s: %s ~ %s; bases %s; cluster %s; n %d\n", name, fam, st, y, paste(rhs, collapse = " + "),
                paste(sapply(bases, function(z) paste0(z[2], "=", z[3])), collapse = ","), cl, nobs(fit)))
  }
  # analysis.R's block for the same model: the same formula, references, subgroup
  i <- grep(paste0("^## \\[model ", name, "\\]"), rs); j <- c(grep("^## \\[model ", rs), length(rs) + 1); j <- j[j > i][1] - 1
  rb <- rs[i:j]
  rf <- sub("^f <- ", "", grep("^f <- ", rb, value = TRUE))
  rrefs <- regmatches(rb, regexec('relevel\\(droplevels\\(md\\$(\\w+)\\), ref = "(.*)"\\)', rb)); rrefs <- rrefs[lengths(rrefs) > 0]
  same_f <- gsub(" ", "", rf) == gsub(" ", "", paste(y, "~", paste(rhs, collapse = "+")))
  same_refs <- setequal(sapply(rrefs, function(z) paste0(z[2], "=", z[3])), sapply(bases, function(z) paste0(z[2], "=", z[3])))
  rsub <- grep("^md <- md\\[which", rb, value = TRUE)
  cat(sprintf("  vs analysis.R: formula %s, references %s, subgroup do '%s' R '%s'\n", same_f, same_refs,
              paste(keep, collapse = ""), paste(rsub, collapse = "")))
}
cat("compared", n, "coefficients (", nc, "of crude fits); max |diff| estimate", maxd, " cluster se", maxs, "\n")
