## survival_r.R - R on the cohort bench_survival.c wrote (bench/survival.sh): the same
## analyses as the C bench, timed (elapsed seconds, one run each):
##   Epi::splitLexis by age (0, 365, 1826, 3652, 5479, 6574 days) and calendar date
##   (2000, 2005, 2010, 2015-01-01) with deaths and person-days summed by band;
##   survfit KM by group; survdiff; survfit on the multi-state Surv (AJ with its SE).
## Usage: Rscript bench/survival_r.R cohort.csv
suppressMessages({library(survival); library(Epi)})
args <- commandArgs(TRUE)
d <- read.csv(args[1])
tm <- function(expr) unname(system.time(expr)["elapsed"])
t_split <- tm({
  L <- Lexis(entry = list(age = rep(0, nrow(d)), cal = d$birth), duration = d$time,
             exit.status = as.numeric(d$cause == 1), data = d[, c("group"), drop = FALSE],
             notes = FALSE)
  S <- splitLexis(L, breaks = c(0, 365, 1826, 3652, 5479, 6574), time.scale = "age")
  S <- splitLexis(S, breaks = c(10957, 12784, 14610, 16436), time.scale = "cal")
  S$a <- findInterval(S$age, c(0, 365, 1826, 3652, 5479, 6574))
  S$c <- findInterval(S$cal, c(10957, 12784, 14610, 16436))
  agg <- aggregate(cbind(ev = lex.Xst, pt = lex.dur) ~ a + c, data = S, FUN = sum)
})
ev <- as.numeric(d$cause == 1)
t_km <- tm(fk <- survfit(Surv(d$time, ev) ~ d$group))
t_lr <- tm(sd <- survdiff(Surv(d$time, ev) ~ d$group))
st <- factor(d$cause, 0:2, c("censor", "event", "death"))
t_aj <- tm(fa <- survfit(Surv(d$time, st) ~ d$group))
cat(sprintf("R (survival %s, Epi %s) on the same %d children:\n", packageVersion("survival"),
            packageVersion("Epi"), nrow(d)))
cat(sprintf("  splitLexis x 2 + aggregate   %8.3f s (%d pieces, %g events)\n", t_split, nrow(S),
            sum(agg$ev)))
cat(sprintf("  survfit KM (2 groups)        %8.3f s\n", t_km))
cat(sprintf("  survdiff                     %8.3f s\n", t_lr))
cat(sprintf("  survfit mstate (AJ + SE)     %8.3f s\n", t_aj))
