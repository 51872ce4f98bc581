"""Shared helpers of the quality suite's reference scripts (bench/quality/*.py)."""
import json, os, time
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RES = os.environ.get("QUALITY_RESULTS", "/tmp/quality-results")  # per-set JSON + R forecasts, merged by make_references.py
SEEDS = [1, 2, 3]


def suite():
    """name -> entry of bench/quality/data/suite.json"""
    return {e["name"]: e for e in json.load(open(os.path.join(HERE, "data", "suite.json")))["sets"]}


def load(entry):
    """The full CSV (only empty cells are missing: Cars93 has the category 'None') and the test-row mask."""
    df = pd.read_csv(os.path.join(ROOT, entry["file"]), keep_default_na=False, na_values=[""])
    te = np.loadtxt(os.path.join(ROOT, entry["file"].replace(".csv", ".test_idx.txt")), dtype=int, ndmin=1)
    mask = np.zeros(len(df), bool)
    mask[te] = True
    return df, mask


class Timer:
    def __enter__(self):
        self.t = time.perf_counter(); return self

    def __exit__(self, *a):
        self.s = time.perf_counter() - self.t


def agg(vals):
    a = np.asarray(vals, float)
    return dict(mean=float(a.mean()), std=float(a.std(ddof=1)) if len(a) > 1 else 0.0, per_seed=[float(v) for v in a])


def save(name, obj):
    os.makedirs(RES, exist_ok=True)
    json.dump(obj, open(f"{RES}/{name}.json", "w"), indent=1)
