# tsplit_ref.R - time-varying covariates split by survival::tmerge, the
# reference for stats/tsplit.c (tests/test_tsplit.c):
#
#   Rscript tests/reference/tsplit_ref.R tests/fixtures/tsplit
#
# writes PREFIX_base.csv (id,start,stop,status), PREFIX_sw.csv (id,t: a 0/1
# exposure switching on at t), PREFIX_cum.csv (id,t,v: increments of a
# count), PREFIX_set.csv (id,t,v: a value from t on) and PREFIX_ref.csv,
# tmerge's split (id,tstart,tstop,event,ndd,sa,x) with
#   ndd = tdc(t)              0 before, 1 from the switch
#   sa  = cumtdc(t, v, 0)     running sum, 0 before the first record
#   x   = tdc(t, v)           the value from t on, NA before the first
# Hand-made subjects 1..12 cover the edges (a change before the start, at
# the start, inside, at the stop, after it; ties between covariates; two
# increments at one time; no records); 13..212 are random, in whole days
# (follow-up up to 18 years), so that ties are frequent.  tmerge as in
# Debian's survival 3.5.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 1)
out <- args[1]

hand <- data.frame(id = 1:12,
                   start = c(0, 0, 100, 0, 0, 50, 0, 10, 0, 0, 0, 365),
                   stop = c(400, 300, 500, 200, 365, 60, 6574, 20, 1, 1000, 50, 730),
                   status = c(1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1))
hsw <- data.frame(id = c(1, 2, 3, 4, 6, 7, 8, 10, 12),
                  t = c(150, 300, 50, 400, 50, 6573, 15, 500, 364))
hcum <- data.frame(id = c(1, 1, 1, 3, 3, 5, 5, 5, 7, 7, 8, 10, 10, 12),
                   t = c(0, 100, 100, 200, 500, 10, 364, 365, 0, 6574, 15, 500, 500, 700),
                   v = c(1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 3, 1, 1, 1))
hset <- data.frame(id = c(1, 1, 3, 5, 7, 10, 11, 12),
                   t = c(150, 250, 200, 0, 3000, 500, 49, 1),
                   v = c(2, -1, 5, 7, 0.5, 3, 9, 4))

set.seed(17)
m <- 200
rid <- 12 + seq_len(m)
rs <- sample(c(0, 0, 0, 365, 730), m, replace = TRUE)
rlen <- sample(1:6574, m, replace = TRUE)
rbase <- data.frame(id = rid, start = rs, stop = rs + rlen,
                    status = rbinom(m, 1, 0.3))
nsw <- rbinom(m, 1, 0.5)
rsw <- data.frame(id = rid[nsw == 1], t = sample(0:7000, sum(nsw), replace = TRUE))
ncum <- rpois(m, 3)
rcum <- data.frame(id = rep(rid, ncum),
                   t = 365 * sample(0:19, sum(ncum), replace = TRUE),
                   v = 1)
nset <- rpois(m, 1)
rset <- data.frame(id = rep(rid, nset), t = sample(0:7000, sum(nset), replace = TRUE),
                   v = round(rnorm(sum(nset)), 3))
# one change per time for tdc(t, v): which of two at one time tmerge
# keeps is not documented
rset <- rset[!duplicated(rset[, c("id", "t")]), ]

base <- rbind(hand, rbase)
sw <- rbind(hsw, rsw)
cum <- rbind(hcum, rcum)
set <- rbind(hset, rset)
o <- function(d) d[order(d$id, d$t), ]
sw <- o(sw); cum <- o(cum); set <- o(set)

d <- tmerge(base, base, id = id, tstart = start, tstop = stop,
            event = event(stop, status))
d <- tmerge(d, sw, id = id, ndd = tdc(t))
d <- tmerge(d, cum, id = id, sa = cumtdc(t, v, 0))
d <- tmerge(d, set, id = id, x = tdc(t, v))
w <- function(x, name) write.csv(x, paste0(out, name), row.names = FALSE,
                                 quote = FALSE, na = "NA")
w(base, "_base.csv")
w(sw, "_sw.csv")
w(cum, "_cum.csv")
w(set, "_set.csv")
w(d[, c("id", "tstart", "tstop", "event", "ndd", "sa", "x")], "_ref.csv")
cat(sprintf("survival %s: %d subjects, %d intervals\n", packageVersion("survival"),
            nrow(base), nrow(d)))
