## gray_ref.R - reference values for tests/test_gray.c: Gray's (1988) test of equal
## cumulative incidence (subdistribution) of one cause between groups, stratified or not,
## as cmprsk::cuminc(ftime, fstatus, group, strata, rho)$Tests (cmprsk 2.2-11): the statistic,
## its df and p, and the scores and their covariance (the first ng - 1 groups), taken from
## cmprsk's crstm routine through cuminc's own .Fortran call.  p here is
## pchisq(stat, df, lower.tail = FALSE) (cuminc prints 1 - pchisq, which is 0 below ~1e-16;
## the two agree above that).
## Run from the repository root:  Rscript tests/reference/gray_ref.R
## Writes tests/fixtures/surv_graym_in.csv and surv_grayt_in.csv (entry, time, status, weight,
## group, strata as survfit_ref.R's inputs) and tests/fixtures/gray.ref ("section name value").
##
## Cases (section = <case>_c<cause>[_rho<rho>]):
##  mgus2:  survfit_ref.R's surv_mgus2_in.csv (pcm 1 vs death 2, by sex; no strata)
##  graym:  mgus2 by age band (< 65, 65-74, >= 75: three groups), strata = sex
##  days:   survfit_ref.R's surv_days_in.csv (whole days, many ties; event 1 vs death 2 by expo)
##  grayt:  synthetic, times in whole years 1..18 (very large tied sets), three groups of
##          unequal size, two strata, causes 1 and 2, with censoring; a group that is empty in
##          one stratum; rho 0 and 1
suppressMessages(library(cmprsk))
fx <- "tests/fixtures"
f17 <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
wcsv <- function(d, name) {
  for (j in seq_along(d)) d[[j]] <- f17(d[[j]])
  write.table(d, file.path(fx, name), sep = ",", quote = FALSE, row.names = FALSE)
}
## The scores and covariance exactly as cuminc computes them (its own .Fortran call)
gray_parts <- function(time, status, group, strata, cause, rho) {
  o <- order(time)
  time <- time[o]; status <- status[o]; group <- group[o]; strata <- strata[o]
  g <- as.integer(factor(group)); st <- as.integer(factor(strata))
  ng <- max(g); ng1 <- ng - 1; ng2 <- ng * ng1 / 2; no <- length(time)
  censind <- ifelse(status == 0, 0, 1)
  m <- 2 * censind - ifelse(status == cause, 1, 0)
  z <- .Fortran("crstm", as.double(time), as.integer(m), as.integer(g), as.integer(st),
                as.integer(no), as.double(rho), as.integer(max(st)), as.integer(ng),
                double(ng1), matrix(0, ng1, ng1), as.double(time), as.integer(m),
                as.integer(g), double(ng2), double(ng1), double(ng2),
                double((4 + 3 * ng) * ng), integer(4 * ng), PACKAGE = "cmprsk")
  list(s = z[[9]], v = z[[10]])
}
put_case <- function(con, name, d, rho = 0) {
  st <- if (length(unique(d$strata)) > 1) d$strata else rep(1, nrow(d))
  ci <- if (length(unique(d$strata)) > 1)
    cuminc(d$time, d$status, d$group, d$strata, rho = rho)
  else cuminc(d$time, d$status, d$group, rho = rho)
  tests <- ci$Tests
  for (cause in sort(unique(d$status[d$status > 0]))) {
    sec <- paste0(name, "_c", cause, if (rho != 0) paste0("_rho", rho) else "")
    row <- tests[as.character(cause), ]
    pp <- gray_parts(d$time, d$status, d$group, st, cause, rho)
    stopifnot(abs(drop(pp$s %*% solve(pp$v) %*% pp$s) - row[["stat"]]) <= 1e-9 * row[["stat"]])
    put <- function(n, v) writeLines(paste(sec, n, f17(v)), con)
    put("stat", row[["stat"]])
    put("df", row[["df"]])
    put("p", pchisq(row[["stat"]], row[["df"]], lower.tail = FALSE))
    put("p_cmprsk", row[["pv"]])
    for (i in seq_along(pp$s)) {
      put(paste0("score", i - 1), pp$s[i])
      for (j in seq_along(pp$s)) put(paste0("var", i - 1, "_", j - 1), pp$v[i, j])
    }
  }
}

con <- file(file.path(fx, "gray.ref"), "w")
writeLines("# Gray's test (cmprsk::cuminc $Tests, crstm scores and covariance)", con)
writeLines(paste("# R", R.version$major, R.version$minor, " cmprsk", packageVersion("cmprsk")), con)

## mgus2 by sex (survfit_ref.R's input)
put_case(con, "mgus2", read.csv(file.path(fx, "surv_mgus2_in.csv")))

## mgus2 by age band, stratified by sex
suppressMessages(library(survival))
m <- mgus2
etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
event <- ifelse(m$pstat == 0, 2 * m$death, 1)
gm <- data.frame(entry = 0, time = etime, status = event, weight = 1,
                 group = findInterval(m$age, c(65, 75)), strata = as.numeric(m$sex == "M"))
wcsv(gm, "surv_graym_in.csv")
put_case(con, "graym", gm)

## whole days with ties (survfit_ref.R's input; its entry and weights are not used)
put_case(con, "days", read.csv(file.path(fx, "surv_days_in.csv")))

## whole years: huge tied sets, unequal groups, two strata, group 2 empty in stratum 1
set.seed(1988)
n <- 900
grp <- sample(0:2, n, replace = TRUE, prob = c(0.5, 0.35, 0.15))
strat <- sample(0:1, n, replace = TRUE)
grp[strat == 1 & grp == 2] <- 1
t1 <- rexp(n, 0.04 * c(1, 1.6, 2.2)[grp + 1])
t2 <- rexp(n, 0.02)
cen <- runif(n, 5, 30)
tt <- pmin(t1, t2, cen, 18)
status <- ifelse(tt == t1, 1, ifelse(tt == t2, 2, 0))
gt <- data.frame(entry = 0, time = pmax(1, ceiling(tt)), status = status, weight = 1,
                 group = grp, strata = strat)
wcsv(gt, "surv_grayt_in.csv")
put_case(con, "grayt", gt)
put_case(con, "grayt", gt, rho = 1)
close(con)
