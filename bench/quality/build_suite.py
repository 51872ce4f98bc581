#!/usr/bin/python3
"""Builds bench/quality/data/: the quality suite's CSV files, their fixed test rows
(NAME.test_idx.txt) and suite.json, the list that `npm run quality` reads.

Three sources:
- sample: the four files of sample-data/ (iris, diabetes, airpassengers, digits8x8), used in place;
- dev: the fifteen sets of the shared dev benchmark (copied with their splits, unchanged);
- own: six more sets exported from Debian's R packages by export_r.R.

Run: Rscript bench/quality/export_r.R /tmp/qualityraw
     /usr/bin/python3 bench/quality/build_suite.py /tmp/qualityraw [DEV_FOLDER]
(DEV_FOLDER defaults to ../shared/datasets/dev beside the repository.)

Splits (scikit-learn 1.2.1, as in the dev set and the sample data): classification
train_test_split(arange(n), test_size=0.2, stratify=y, random_state=42, shuffle=True);
regression the same without stratify; series: the chronological tail, 24 rows for monthly,
8 for quarterly, otherwise round(0.2 n). NAME.test_idx.txt: 0-based data-row indices
(header not counted), ascending, one per line.
"""
import csv, json, os, shutil, sys
import numpy as np, pandas as pd
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "data")
RAW = sys.argv[1] if len(sys.argv) > 1 else "/tmp/qualityraw"
DEV = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "..", "shared", "datasets", "dev")
os.makedirs(OUT, exist_ok=True)
VERS = pd.read_csv(os.path.join(RAW, "versions.csv")).set_index("package")
suite = []


def origin(pkg, obj):
    v = VERS.loc[pkg]
    return f"R {pkg} {v.version} :: {obj}", str(v.license)


def raw(name):
    return pd.read_csv(os.path.join(RAW, name + ".csv"), keep_default_na=False, na_values=[""])


def write(df, path):
    df = df.copy()
    for c in df.columns:  # integer-valued float columns (floats only because of empty cells) -> integers
        if df[c].dtype.kind == "f":
            v = df[c].dropna()
            if len(v) and np.all(v == np.round(v)) and np.all(np.abs(v) < 2**53):
                df[c] = df[c].astype("Int64")
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", quoting=csv.QUOTE_MINIMAL)


def entry(name, task, target, df, te, source, org, lic, note, **kw):
    e = dict(name=name, task=task, target=target, source=source,
             file=(f"sample-data/{name}.csv" if source == "sample" else f"bench/quality/data/{name}.csv"),
             rows=int(len(df)), cols=int(df.shape[1]), n_test=int(len(te)),
             missing_cells=int(df.isna().sum().sum()),
             categorical=[c for c in df.columns if c != target and c != kw.get("date") and df[c].dtype == object],
             origin=org, licence=lic, note=note)
    e.update(kw)
    suite.append(e)


def own_tabular(name, df, target, task, org, note):
    idx = np.arange(len(df))
    strat = df[target].to_numpy() if task == "classify" else None
    _, te = train_test_split(idx, test_size=0.2, stratify=strat, random_state=42, shuffle=True)
    te = np.sort(te)
    write(df, f"{OUT}/{name}.csv")
    np.savetxt(f"{OUT}/{name}.test_idx.txt", te, fmt="%d")
    entry(name, task, target, df, te, "own", *org, note)


def own_series(name, df, freq, m, h, org, note):
    write(df, f"{OUT}/{name}.csv")
    te = np.arange(len(df) - h, len(df))
    np.savetxt(f"{OUT}/{name}.test_idx.txt", te, fmt="%d")
    entry(name, "forecast", "value", df, te, "own", *org, note, date="date", freq=freq, season=m,
          covariates=[], test_start=df.date.iloc[-h])


def read_idx(path):
    return np.loadtxt(path, dtype=int, ndmin=1)


# ---------- sample data (used in place) ----------
SAMPLE = [
    ("iris", "classify", "species", {}, "Fisher (1936) iris; 3 species x 50 flowers"),
    ("digits8x8", "image", "label", {"image_shape": "8x8x1"}, "UCI optical digits, 8x8 grey 0..16 (Alpaydin & Kaynak 1998); trained with --task image"),
    ("diabetes", "regress", "progression", {}, "Efron et al. (2004) diabetes, raw (unscaled) values"),
    ("airpassengers", "forecast", "passengers", {"date": "date", "freq": "monthly", "season": 12, "covariates": []},
     "Box & Jenkins airline passengers 1949-1960, trend x multiplicative season"),
]
SAMPLE_ORIGIN = {
    "iris": ("python3-sklearn 1.2.1 sklearn/datasets/data/iris.csv", "BSD-3-Clause (scikit-learn); data public, UCI CC BY 4.0"),
    "digits8x8": ("python3-sklearn 1.2.1 load_digits()", "BSD-3-Clause (scikit-learn); data UCI CC BY 4.0"),
    "diabetes": ("python3-sklearn 1.2.1 load_diabetes(scaled=False)", "BSD-3-Clause (scikit-learn)"),
    "airpassengers": ("R datasets 4.2.2 :: AirPassengers", "part of R (GPL-2 | GPL-3); data public"),
}
for name, task, target, kw, note in SAMPLE:
    df = pd.read_csv(f"{ROOT}/sample-data/{name}.csv")
    te = read_idx(f"{ROOT}/sample-data/{name}.test_idx.txt")
    if task == "forecast":
        kw = dict(kw, test_start=str(df[kw["date"]].iloc[te[0]]))
    entry(name, task, target, df, te, "sample", *SAMPLE_ORIGIN[name], note, **kw)

# ---------- dev set (copied unchanged) ----------
specs = json.load(open(os.path.join(DEV, "datasets.json")))
for name, sp in specs.items():
    for suffix in (".csv", ".test_idx.txt"):
        shutil.copyfile(os.path.join(DEV, name + suffix), os.path.join(OUT, name + suffix))
    df = pd.read_csv(os.path.join(OUT, name + ".csv"), keep_default_na=False, na_values=[""])
    te = read_idx(os.path.join(OUT, name + ".test_idx.txt"))
    o = sp["origin"]
    org = (f"R {o['package']} {o['package_version']} :: {o['object']}", o["package_license"])
    if sp["kind"] == "series":
        entry(name, "forecast", "value", df, te, "dev", *org, sp["note"], date="date", freq=sp["freq"],
              season=sp["season"], covariates=sp["covariates"], test_start=sp["test_start"])
    else:
        entry(name, sp["task"], sp["target"], df, te, "dev", *org, sp["note"])

# ---------- own sets ----------
pg = raw("penguins")
own_tabular("penguins", pg, "species", "classify", origin("modeldata", "penguins"),
            "Palmer penguins (Gorman, Williams & Fraser 2014; Horst et al. palmerpenguins): 3 species; island and sex are text, "
            "19 cells empty (the 4 measurements of 2 birds, the sex of 11); target is the FIRST column")
sa = raw("Sacramento").drop(columns=["zip"])
own_tabular("sacramento", sa, "price", "regress", origin("modeldata", "Sacramento"),
            "932 home sales in the Sacramento CA area over 5 days (SacBee, 2008); zip dropped (68 levels nested in city); "
            "text: city (37 levels), type; target price in USD, 7th column")
cp = raw("cpus").drop(columns=["name", "estperf"])
own_tabular("cpus", cp, "perf", "regress", origin("MASS", "cpus"),
            "Ein-Dor & Feldman (1987) relative CPU performance of 209 machines; name (identifier) and estperf (the authors' own "
            "regression estimate: leakage) dropped; target perf (6..1150, right-skewed), LAST column")
cr = raw("crickets")
own_tabular("crickets", cr, "rate", "regress", origin("modeldata", "crickets"),
            "chirp rate of two cricket species against temperature (Walker 1962, via McDonald's Handbook of Biological "
            "Statistics); 31 rows, species text; target rate, LAST column: tiny and nearly linear")
own_series("drinks", raw("drinks"), "monthly", 12, 24, origin("modeldata", "drinks"),
           "US retail sales of beer, wine and liquor stores (FRED S4248SM144NCEN), million USD, 1992-01 .. 2017-09: trend and strong "
           "yearly season growing with the level")
own_series("woolyrnq", raw("woolyrnq"), "quarterly", 4, 8, origin("forecast", "woolyrnq"),
           "quarterly production of woollen yarn in Australia, tonnes, 1965 Q1 .. 1994 Q3 (ABS): yearly season, slow downward "
           "drift with level changes")

order = {"classify": 0, "image": 1, "regress": 2, "forecast": 3}
suite.sort(key=lambda e: (order[e["task"]], e["source"] != "sample", e["name"]))
json.dump(dict(sets=suite), open(os.path.join(OUT, "suite.json"), "w"), indent=1)
for e in suite:
    print(e["name"], e["task"], e["rows"], "x", e["cols"], "test", e["n_test"], "missing", e["missing_cells"], e["categorical"][:3])
