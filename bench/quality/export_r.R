# Exports the raw R objects of the quality suite's own sets (the ones not already in the dev
# set or the sample data) to CSV, one file per object, in the folder given as the first argument
# (default /tmp/qualityraw), plus versions.csv (package versions and licences). Only what the
# packages ship is written here; column choice, renaming and splits are done by build_suite.py.
# Needs Debian's r-base-core, r-cran-mass, r-cran-modeldata, r-cran-forecast.
# Run: Rscript bench/quality/export_r.R /tmp/qualityraw
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "/tmp/qualityraw"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
suppressPackageStartupMessages({ library(modeldata); library(MASS); library(forecast) })
w <- function(df, name) write.csv(as.data.frame(df), file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "", fileEncoding = "UTF-8")
e <- new.env()
# ---- tabular (factors are written as their labels; NA as an empty cell) ----
for (nm in c("penguins", "Sacramento", "crickets")) { data(list = nm, package = "modeldata", envir = e); w(e[[nm]], nm) }
data(cpus, package = "MASS", envir = e); w(e$cpus, "cpus")
# ---- series: date = ISO first day of the period ----
ts_dates <- function(x) {
  tt <- time(x); f <- frequency(x)
  yr <- floor(round(tt * f) / f + 1e-9); per <- round((tt - yr) * f) + 1
  m <- if (f == 12) per else if (f == 4) (per - 1) * 3 + 1 else rep(1, length(tt))
  sprintf("%04d-%02d-01", as.integer(yr), as.integer(m))
}
data(drinks, package = "modeldata", envir = e)
w(data.frame(date = format(e$drinks$date, "%Y-%m-%d"), value = as.numeric(e$drinks$S4248SM144NCEN)), "drinks")
w(data.frame(date = ts_dates(forecast::woolyrnq), value = as.numeric(forecast::woolyrnq)), "woolyrnq")
pk <- c("datasets", "MASS", "modeldata", "forecast")
write.csv(data.frame(package = pk, version = sapply(pk, function(p) packageDescription(p)$Version),
                     license = sapply(pk, function(p) packageDescription(p)$License), R = R.version.string),
          file.path(out, "versions.csv"), row.names = FALSE)
cat("exported to", out, "\n")
