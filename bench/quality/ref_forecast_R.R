# Reference forecasts from R's forecast package (8.20): auto.arima() and ets() with their
# defaults, fitted on the training part of each series of the quality suite (all rows not in NAME.test_idx.txt,
# i.e. all but the chronological tail); multi-step = forecast(fit, h) from the end of the
# training part; one-step = fitted values of the SAME model (parameters and initial states
# from the training fit, nothing re-estimated) run over the whole series.
# Univariate: bjsales' `lead` column is not used.
# Run: Rscript bench/quality/ref_forecast_R.R [repo root] [results folder]
#   -> RESULTS/R_forecast.csv (name,model,desc,kind,i,pred; i = 1..h over the test tail), scored by
#   ref_timeseries.py. The list of series is RESULTS/series.csv, written by run_refs.sh.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
ROOT <- if (length(args) >= 1) args[1] else "."
RES <- if (length(args) >= 2) args[2] else "/tmp/quality-results"
set.seed(1)
# name,file,target,date,season,calendar (written by run_refs.sh from data/suite.json); the start
# year/period are read from the first date; calendar = 0 for synthetic dates (plain index 1..n)
sets <- read.csv(file.path(RES, "series.csv"), stringsAsFactors = FALSE)
rows <- list()
for (k in seq_len(nrow(sets))) {
  nm <- sets$name[k]; m <- sets$season[k]
  d <- read.csv(file.path(ROOT, sets$file[k]))
  te <- scan(file.path(ROOT, sub("[.]csv$", ".test_idx.txt", sets$file[k])), quiet = TRUE)
  y0 <- as.numeric(d[[sets$target[k]]]); dates <- d[[sets$date[k]]]
  n <- length(y0); h <- length(te); ntr <- n - h
  stopifnot(all(te == (ntr:(n - 1))))
  if (m > 1) {
    st <- as.integer(substr(dates[1], 1, 4)); mo <- as.integer(substr(dates[1], 6, 7))
    per <- if (m == 12) mo else (mo - 1) %/% 3 + 1
    y <- ts(y0, start = c(st, per), frequency = m)
  } else if (sets$calendar[k] == 1) {
    y <- ts(y0, start = as.integer(substr(dates[1], 1, 4)), frequency = 1)
  } else {
    y <- ts(y0, start = 1, frequency = 1)  # synthetic dates: plain index
  }
  ytr <- window(y, end = time(y)[ntr])
  t0 <- proc.time()[["elapsed"]]; fa <- auto.arima(ytr); ta <- proc.time()[["elapsed"]] - t0
  t0 <- proc.time()[["elapsed"]]; fe <- ets(ytr); te_ <- proc.time()[["elapsed"]] - t0
  one_a <- as.numeric(fitted(Arima(y, model = fa)))[(ntr + 1):n]
  one_e <- as.numeric(fitted(ets(y, model = fe, use.initial.values = TRUE)))[(ntr + 1):n]
  add <- function(model, desc, kind, p, secs = NA) data.frame(name = nm, model = model, desc = desc, kind = kind, i = seq_along(p), pred = as.numeric(p), seconds = secs)
  da <- paste0(as.character(fa), " AICc=", round(fa$aicc, 2)); de <- paste0(fe$method, " AICc=", round(fe$aicc, 2))
  rows[[length(rows) + 1]] <- add("R auto.arima", da, "multi", forecast(fa, h = h)$mean, ta)
  rows[[length(rows) + 1]] <- add("R auto.arima", da, "one", one_a)
  rows[[length(rows) + 1]] <- add("R ets", de, "multi", forecast(fe, h = h)$mean, te_)
  rows[[length(rows) + 1]] <- add("R ets", de, "one", one_e)
  cat(nm, da, "|", de, "\n")
}
dir.create(RES, showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), file.path(RES, "R_forecast.csv"), row.names = FALSE)
