# Reference values for test/metrics/stats/*.test.ts from R's own implementations.
# Run from the repository root:  Rscript bench/stats-fixtures/make-r-fixtures.R
# Needs r-base-core and r-cran-forecast (Debian packages). Writes test/fixtures/stats/r-reference.json
# (inputs and outputs together, numbers printed with 17 significant digits). Not run in CI.
suppressPackageStartupMessages(library(forecast))

num <- function(x) {
  if (length(x) == 0) return("[]")
  s <- ifelse(is.infinite(x), ifelse(x > 0, "1e999", "-1e999"), sprintf("%.17g", x))
  paste0("[", paste(s, collapse = ", "), "]")
}
scalar <- function(x) sprintf("%.17g", x)
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}
arr <- function(items) paste0("[\n    ", paste(items, collapse = ",\n    "), "\n  ]")
str <- function(s) sprintf("\"%s\"", s)

set.seed(20261203)
out <- list()

# --- distributions -------------------------------------------------------------------------------
tq <- c(-4.5, -2.1, -0.3, 0, 0.7, 1.96, 3.2, 8)
tdf <- c(1, 2.5, 4, 9, 29, 120)
pt_items <- c()
for (q in tq) for (d in tdf) pt_items <- c(pt_items, obj(q = scalar(q), df = scalar(d), p = scalar(pt(q, d))))
chi_items <- c()
for (q in c(0.01, 0.5, 1, 3.84, 7.3, 18.3, 40, 95)) for (d in c(1, 2, 3, 7, 10, 30)) {
  chi_items <- c(chi_items, obj(q = scalar(q), df = scalar(d), p = scalar(pchisq(q, d)), sf = scalar(pchisq(q, d, lower.tail = FALSE))))
}
norm_items <- c()
for (z in c(-8, -3.3, -1.96, -1, -0.1, 0, 0.25, 1.644854, 2.5, 5)) norm_items <- c(norm_items, obj(z = scalar(z), p = scalar(pnorm(z))))
binom_items <- c()
for (cfg in list(c(3, 10, 0.5), c(0, 7, 0.5), c(12, 30, 0.5), c(5, 20, 0.3), c(17, 20, 0.9))) {
  binom_items <- c(binom_items, obj(k = scalar(cfg[1]), n = scalar(cfg[2]), prob = scalar(cfg[3]), p = scalar(pbinom(cfg[1], cfg[2], cfg[3]))))
}
sr_items <- c()
for (cfg in list(c(0, 5), c(8, 10), c(27, 10), c(100, 20), c(300, 40))) sr_items <- c(sr_items, obj(q = scalar(cfg[1]), n = scalar(cfg[2]), p = scalar(psignrank(cfg[1], cfg[2]))))
out$pt <- arr(pt_items)
out$pchisq <- arr(chi_items)
out$pnorm <- arr(norm_items)
out$pbinom <- arr(binom_items)
out$psignrank <- arr(sr_items)

# --- Diebold-Mariano (forecast::dm.test) ---------------------------------------------------------
dm_items <- c()
dm_case <- function(name, e1, e2, h, power, varestimator = "acf") {
  r <- suppressWarnings(dm.test(e1, e2, alternative = "two.sided", h = h, power = power, varestimator = varestimator))
  obj(name = str(name), e1 = num(e1), e2 = num(e2), h = scalar(h), power = scalar(power), varestimator = str(varestimator),
      statistic = scalar(unname(r$statistic)), p = scalar(r$p.value), h_used = scalar(unname(r$parameter[["Forecast horizon"]])))
}
ar1 <- function(n, phi, sd) as.numeric(stats::filter(rnorm(n, sd = sd), phi, method = "recursive"))
e1 <- ar1(40, 0.4, 1.0); e2 <- ar1(40, 0.4, 1.3)
for (h in 1:3) for (p in c(2, 1)) dm_items <- c(dm_items, dm_case(sprintf("ar1 n40 h%d p%d", h, p), e1, e2, h, p))
dm_items <- c(dm_items, dm_case("ar1 n40 h3 p2 bartlett", e1, e2, 3, 2, "bartlett"))
s1 <- rnorm(8); s2 <- rnorm(8, sd = 2)
dm_items <- c(dm_items, dm_case("short n8 h1 p2", s1, s2, 1, 2), dm_case("short n8 h2 p1", s1, s2, 2, 1))
# Real series: one-step errors of naive and seasonal naive over the last 36 months of AirPassengers.
ap <- as.numeric(AirPassengers); idx <- (length(ap) - 35):length(ap)
en <- ap[idx] - ap[idx - 1]; es <- ap[idx] - ap[idx - 12]
dm_items <- c(dm_items, dm_case("airpassengers naive vs snaive p2", en, es, 1, 2), dm_case("airpassengers naive vs snaive h2 p1", en, es, 2, 1))
# Alternating loss differences: the acf variance with h = 2 is negative, dm.test falls back to h = 1.
alt1 <- rep(c(2, 0.5), 10) + rnorm(20, sd = 0.05); alt2 <- rep(1, 20)
dm_items <- c(dm_items, dm_case("negative variance falls back to h1", alt1, alt2, 2, 2))
out$dm <- arr(dm_items)

# --- Wilcoxon signed-rank (wilcox.test paired) ---------------------------------------------------
wx_items <- c()
wx_case <- function(name, x, y) {
  r <- suppressWarnings(wilcox.test(x, y, paired = TRUE))
  obj(name = str(name), x = num(x), y = num(y), statistic = scalar(unname(r$statistic)), p = scalar(r$p.value))
}
x <- rnorm(10); y <- x + rnorm(10, 0.4)
wx_items <- c(wx_items, wx_case("exact n10", x, y))
x <- rnorm(25); y <- x + rnorm(25, -0.2)
wx_items <- c(wx_items, wx_case("exact n25", x, y))
x <- round(rnorm(20, 5), 1); y <- round(x + rnorm(20, 0.3, 0.5), 1)
wx_items <- c(wx_items, wx_case("ties and zeros n20 (normal)", x, y))
x <- rnorm(60); y <- x + rnorm(60, 0.15)
wx_items <- c(wx_items, wx_case("n60 normal approximation", x, y))
x <- c(1, 2, 3, 4, 5, 6); y <- c(1, 1, 1, 1, 1, 1)
wx_items <- c(wx_items, wx_case("one zero difference (normal)", x, y))
out$wilcoxon <- arr(wx_items)

# --- McNemar (mcnemar.test, binom.test for the exact form) ---------------------------------------
mc_items <- c()
for (bc in list(c(30, 15), c(40, 22), c(5, 12), c(3, 0), c(10, 10), c(1, 9))) {
  b <- bc[1]; cc <- bc[2]
  tab <- matrix(c(50, cc, b, 60), 2, 2) # rows: model A right/wrong, cols: model B right/wrong
  chi <- mcnemar.test(tab, correct = TRUE)
  ex <- binom.test(b, b + cc, 0.5)
  mc_items <- c(mc_items, obj(b = scalar(b), c = scalar(cc), chi2 = scalar(unname(chi$statistic)), p_chi2 = scalar(chi$p.value), p_exact = scalar(ex$p.value)))
}
out$mcnemar <- arr(mc_items)

# --- paired t-test (t.test paired) ---------------------------------------------------------------
tt_items <- c()
for (k in c(5, 10)) {
  x <- runif(k, 0.8, 0.9); y <- x - rnorm(k, 0.01, 0.02)
  r <- t.test(x, y, paired = TRUE)
  tt_items <- c(tt_items, obj(x = num(x), y = num(y), statistic = scalar(unname(r$statistic)), df = scalar(unname(r$parameter)), p = scalar(r$p.value)))
}
out$paired_t <- arr(tt_items)

# --- Holm (p.adjust) -----------------------------------------------------------------------------
hp <- list(c(0.01, 0.04, 0.03, 0.005), c(0.2, 0.02, 0.02, 0.6, 0.001, 0.04), c(0.5), c(0.3, 0.4, 0.45))
out$holm <- arr(sapply(hp, function(p) obj(p = num(p), adjusted = num(p.adjust(p, "holm")))))

# --- Ljung-Box (Box.test) ------------------------------------------------------------------------
lb_items <- c()
lb_case <- function(name, x, lag, fitdf = 0) {
  r <- Box.test(x, lag = lag, type = "Ljung-Box", fitdf = fitdf)
  obj(name = str(name), x = num(x), lag = scalar(lag), fitdf = scalar(fitdf), statistic = scalar(unname(r$statistic)), p = scalar(r$p.value))
}
w <- rnorm(50); a <- ar1(100, 0.6, 1)
lb_items <- c(lb_items, lb_case("white n50 lag1", w, 1), lb_case("white n50 lag5", w, 5), lb_case("white n50 lag10", w, 10),
              lb_case("ar1 n100 lag10 fitdf2", a, 10, 2), lb_case("airpassengers diff lag12", diff(ap), 12))
out$ljung_box <- arr(lb_items)

json <- paste0("{\n  \"source\": \"", R.version.string, "; forecast ", as.character(packageVersion("forecast")),
               "; generated by bench/stats-fixtures/make-r-fixtures.R\",\n",
               paste(sprintf("  \"%s\": %s", names(out), unlist(out)), collapse = ",\n"), "\n}\n")
writeLines(json, "test/fixtures/stats/r-reference.json", sep = "")
cat("wrote test/fixtures/stats/r-reference.json\n")
