#!/usr/bin/python3
"""Merges the per-set results of ref_tabular.py / ref_timeseries.py ($QUALITY_RESULTS/NAME.json)
into bench/quality/references.json, the stored table that `npm run quality` reads.

Per set: the task, the metric nnm is compared on (classify/image: test accuracy, higher is better;
regress: test RMSE; forecast: multi-step RMSE over the whole test tail, lower is better) and one
entry per reference model: score (mean over seeds 1-3 where the model has a seed, with sd and
the per-seed values), macro-F1 / MAE / R² / one-step RMSE beside it, and the tool and version
that made it. Keys: logreg, ols, mlp, hgb, majority, mean (tables); naive, snaive, hw, ets,
arima, lstm (series; hw = the Holt-Winters variant with the lower AIC on the training part).
Run: /usr/bin/python3 bench/quality/make_references.py
"""
import datetime, json, os, platform, subprocess
import numpy, sklearn
from common import HERE, RES, suite


def versions():
    v = dict(python=platform.python_version(), numpy=numpy.__version__, sklearn=sklearn.__version__)
    try:
        import statsmodels; v["statsmodels"] = statsmodels.__version__
    except ImportError:
        pass
    try:
        import torch; v["torch"] = torch.__version__
    except ImportError:
        pass
    try:
        out = subprocess.run(["Rscript", "-e", 'cat(R.version.string, "|", as.character(packageVersion("forecast")))'],
                             capture_output=True, text=True, check=True).stdout
        v["R"], v["forecast"] = [x.strip() for x in out.split("|")]
    except (OSError, subprocess.CalledProcessError):
        pass
    return v


def val(x):
    return x if isinstance(x, float) or x is None else x["mean"]


def seeded(x):
    return {} if isinstance(x, float) or x is None else dict(sd=x["std"], per_seed=x["per_seed"])


def tabular(r, V):
    cls = r["task"] in ("classify", "image")
    sk = f"scikit-learn {V['sklearn']}"
    keys = {"majority class": "majority", "mean of training target": "mean",
            "logistic regression (standardised, one-hot)": "logreg", "OLS (standardised, one-hot)": "ols",
            "MLPClassifier (64,32), 3 seeds": "mlp", "MLPRegressor (64,32), X and y scaled, 3 seeds": "mlp",
            "HistGradientBoostingClassifier": "hgb", "HistGradientBoostingRegressor": "hgb"}
    out = {}
    for label, m in r["models"].items():
        main = m["accuracy"] if cls else m["rmse"]
        e = dict(label=label, score=val(main), **seeded(main), tool=sk if keys[label] not in ("majority", "mean") else "numpy")
        for k in (("macro_f1",) if cls else ("mae", "r2")):
            e[k] = val(m[k])
        out[keys[label]] = e
    return out


def series(r, V):
    sm = f"statsmodels {V.get('statsmodels')}"
    out = {}
    for label, m in r["models"].items():
        if label.startswith("naive"):
            key, tool = "naive", "numpy"
        elif label == "seasonal naive":
            key, tool = "snaive", "numpy"
        elif label.startswith("Holt"):
            key, tool = ("hw" if label == r["hw_by_aic"] else "hw_other"), sm
        elif label == "R ets":
            key, tool = "ets", f"R forecast {V.get('forecast')} ets() ({V.get('R')})"
        elif label == "R auto.arima":
            key, tool = "arima", f"R forecast {V.get('forecast')} auto.arima() ({V.get('R')})"
        elif label.startswith("plain LSTM"):
            key, tool = "lstm", f"PyTorch {V.get('torch')}"
        else:
            raise ValueError(label)
        mu = m["multi"]["rmse"]
        e = dict(label=label, score=val(mu), **seeded(mu), tool=tool, mae=val(m["multi"]["mae"]),
                 mape=val(m["multi"]["mape"]), one_step_rmse=val(m["one"]["rmse"]) if m.get("one") else None)
        if "chosen" in m:
            e["chosen"] = m["chosen"]
        if "aic" in m:
            e["aic"] = m["aic"]
        out[key] = e
    return out


def main():
    V = versions()
    sets = {}
    for name, sp in suite().items():
        r = json.load(open(os.path.join(RES, f"{name}.json")))
        refs = series(r, V) if sp["task"] == "forecast" else tabular(r, V)
        metric = {"forecast": "multi_step_rmse", "regress": "rmse"}.get(sp["task"], "accuracy")
        sets[name] = dict(task=sp["task"], metric=metric, better="higher" if metric == "accuracy" else "lower",
                          n_test=sp["n_test"], references=refs, warnings=r.get("warnings", []))
    doc = dict(generated=datetime.date.today().isoformat(), software=V,
               protocol="see bench/quality/README.md (the protocol of the shared dev benchmark, applied to every set)", sets=sets)
    json.dump(doc, open(os.path.join(HERE, "references.json"), "w"), indent=1)
    print("wrote references.json:", len(sets), "sets")


if __name__ == "__main__":
    main()
