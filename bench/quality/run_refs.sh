#!/bin/sh
# Rebuilds the quality suite's data and its reference table (bench/quality/references.json).
# Needs Rscript (Debian r-base-core, r-cran-mass, r-cran-modeldata, r-cran-forecast) and
# /usr/bin/python3 with Debian's python3-sklearn, python3-pandas, python3-statsmodels and
# python3-torch. Not part of CI: the data and references.json are committed.
# Usage: sh bench/quality/run_refs.sh [DEV_FOLDER]   (run from anywhere; a few minutes on one core)
set -e
cd "$(dirname "$0")/../.."
RAW=${RAW:-/tmp/qualityraw}
export QUALITY_RESULTS=${QUALITY_RESULTS:-/tmp/quality-results}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$QUALITY_RESULTS"
Rscript bench/quality/export_r.R "$RAW"
/usr/bin/python3 bench/quality/build_suite.py "$RAW" ${1:+"$1"}
/usr/bin/python3 - <<'PY'
import csv, json, os
sets = json.load(open("bench/quality/data/suite.json"))["sets"]
with open(os.path.join(os.environ["QUALITY_RESULTS"], "series.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "file", "target", "date", "season", "calendar"])
    for e in sets:
        if e["task"] == "forecast":
            w.writerow([e["name"], e["file"], e["target"], e["date"], e["season"], 0 if "synthetic" in e["freq"] else 1])
PY
/usr/bin/python3 bench/quality/ref_tabular.py
Rscript bench/quality/ref_forecast_R.R . "$QUALITY_RESULTS"
/usr/bin/python3 bench/quality/ref_timeseries.py
/usr/bin/python3 bench/quality/make_references.py
