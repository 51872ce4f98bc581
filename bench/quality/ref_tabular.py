#!/usr/bin/python3
"""Reference scores for the quality suite's tables (classify, regress, and the digits images read
as 64 pixel columns) on the fixed test rows (NAME.test_idx.txt). The protocol is the one of the
shared dev benchmark (its scores on the dev sets are reproduced exactly).

Classification: majority class; logistic regression (numeric standardised, text one-hot,
lbfgs, max_iter 10000); sklearn MLPClassifier(hidden_layer_sizes=(64, 32), max_iter=2000,
early_stopping=False, otherwise defaults) on the same preprocessing, seeds 1-3;
HistGradientBoostingClassifier (defaults, random_state 0, text columns as native categoricals,
missing cells native). Metrics: accuracy, macro-F1.
Regression: mean of the training target; OLS on the same preprocessing; MLPRegressor(64, 32,
max_iter=2000, early_stopping=False) with X standardised and y standardised
(TransformedTargetRegressor), seeds 1-3; HistGradientBoostingRegressor. Metrics: RMSE, MAE, R².
Missing cells: median (numeric) / most-frequent (text) imputation for LR/OLS/MLP.
Every column except the target is a feature; text (object) columns are categorical.
Run: /usr/bin/python3 bench/quality/ref_tabular.py [NAME ...]   -> $QUALITY_RESULTS/NAME.json
"""
import sys, warnings
import numpy as np
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.pipeline import make_pipeline
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, OneHotEncoder, OrdinalEncoder
from sklearn.linear_model import LogisticRegression, LinearRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error, mean_absolute_error, r2_score
from sklearn.exceptions import ConvergenceWarning
from common import SEEDS, suite, load, Timer, agg, save

MLP_KW = dict(hidden_layer_sizes=(64, 32), max_iter=2000, early_stopping=False)


def prep_linear(cat, num):
    return ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore", sparse_output=False)), cat)])


def prep_tree(cat, num):
    return ColumnTransformer([
        ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan), cat),
        ("num", "passthrough", num)])


def main(names):
    S = suite()
    for name in names:
        sp = S[name]
        if sp["task"] == "forecast":
            continue
        df, mask = load(sp)
        tr, te = df[~mask], df[mask]
        t = sp["target"]
        Xtr, Xte = tr.drop(columns=[t]), te.drop(columns=[t])
        cat = [c for c in Xtr.columns if Xtr[c].dtype == object]
        num = [c for c in Xtr.columns if c not in cat]
        res = dict(name=name, task=sp["task"], n_train=len(tr), n_test=len(te), categorical=cat, models={})
        warns = []

        def mlp_runs(make, score, keys):
            per = {k: [] for k in keys + ["seconds", "n_iter"]}
            for s in SEEDS:
                with warnings.catch_warnings(record=True) as w:
                    warnings.simplefilter("always", ConvergenceWarning)
                    with Timer() as tm:
                        m = make(s).fit(Xtr, ytr)
                    warns.extend(f"MLP seed {s}: {x.message}" for x in w if issubclass(x.category, ConvergenceWarning))
                sc = score(m.predict(Xte))
                for k in keys:
                    per[k].append(sc[k])
                per["seconds"].append(tm.s)
                est = m.regressor_[-1] if hasattr(m, "regressor_") else m[-1]
                per["n_iter"].append(est.n_iter_)
            return {k: agg(v) for k, v in per.items()}

        if sp["task"] in ("classify", "image"):
            ytr, yte = tr[t].astype(str).to_numpy(), te[t].astype(str).to_numpy()

            def score(p):
                return dict(accuracy=float(accuracy_score(yte, p)), macro_f1=float(f1_score(yte, p, average="macro")))
            vals, cnt = np.unique(ytr, return_counts=True)
            res["models"]["majority class"] = dict(score(np.full(len(yte), vals[cnt.argmax()])), predicts=str(vals[cnt.argmax()]))
            with Timer() as tm:
                lr = make_pipeline(prep_linear(cat, num), LogisticRegression(max_iter=10000)).fit(Xtr, ytr)
            res["models"]["logistic regression (standardised, one-hot)"] = dict(score(lr.predict(Xte)), seconds=tm.s)
            res["models"]["MLPClassifier (64,32), 3 seeds"] = mlp_runs(
                lambda s: make_pipeline(prep_linear(cat, num), MLPClassifier(random_state=s, **MLP_KW)), score, ["accuracy", "macro_f1"])
            with Timer() as tm:
                hgb = make_pipeline(prep_tree(cat, num), HistGradientBoostingClassifier(
                    categorical_features=[True] * len(cat) + [False] * len(num), random_state=0)).fit(Xtr, ytr)
            res["models"]["HistGradientBoostingClassifier"] = dict(score(hgb.predict(Xte)), seconds=tm.s)
        else:
            ytr, yte = tr[t].to_numpy(float), te[t].to_numpy(float)

            def score(p):
                return dict(rmse=float(np.sqrt(mean_squared_error(yte, p))), mae=float(mean_absolute_error(yte, p)), r2=float(r2_score(yte, p)))
            res["models"]["mean of training target"] = score(np.full(len(yte), ytr.mean()))
            with Timer() as tm:
                ols = make_pipeline(prep_linear(cat, num), LinearRegression()).fit(Xtr, ytr)
            res["models"]["OLS (standardised, one-hot)"] = dict(score(ols.predict(Xte)), seconds=tm.s)
            res["models"]["MLPRegressor (64,32), X and y scaled, 3 seeds"] = mlp_runs(
                lambda s: TransformedTargetRegressor(regressor=make_pipeline(prep_linear(cat, num), MLPRegressor(random_state=s, **MLP_KW)),
                                                     transformer=StandardScaler()), score, ["rmse", "mae", "r2"])
            with Timer() as tm:
                hgb = make_pipeline(prep_tree(cat, num), HistGradientBoostingRegressor(
                    categorical_features=[True] * len(cat) + [False] * len(num), random_state=0)).fit(Xtr, ytr)
            res["models"]["HistGradientBoostingRegressor"] = dict(score(hgb.predict(Xte)), seconds=tm.s)
        res["warnings"] = warns
        save(name, res)
        print(name, {k: {kk: (round(vv, 4) if isinstance(vv, float) else round(vv["mean"], 4))
                         for kk, vv in v.items() if kk in ("accuracy", "macro_f1", "rmse", "r2")} for k, v in res["models"].items()},
              len(warns), "warnings", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(suite()))
