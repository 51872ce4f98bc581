#!/usr/bin/python3
"""Reference forecasts for the quality suite's series (the protocol of the shared dev benchmark). Train = all rows not in NAME.test_idx.txt (all but
the chronological tail), test = the tail (h rows). Only the target column is used (univariate);
bjsales' `lead` column is not used by any reference model.

multi-step: ONE forecast of the whole tail, made at the end of the training part; scored
  over the whole horizon (RMSE, MAE, MAPE in %).
one-step: each test point predicted from the true history before it, with the parameters
  fitted on the training part only (no refit).

Models (Python): naive (last training value); seasonal naive (m > 1); Holt-Winters =
statsmodels ExponentialSmoothing(trend="add", initialization_method="estimated"), with
seasonal="add" and seasonal="mul" (m > 1; the one with the lower AIC is named in
hw_by_aic) or no season (Holt) for m = 1; plain LSTM in torch (1 layer, hidden 32, window W =
m if m > 1 else 8, Linear head on the last step, MSE, Adam lr 1e-3, batch 16, 300 epochs,
min-max scaled on the training part, recursive multi-step), seeds 1-3.
R models (ets, auto.arima) come from $QUALITY_RESULTS/R_forecast.csv (ref_forecast_R.R).
Run: /usr/bin/python3 bench/quality/ref_timeseries.py [NAME ...]  -> $QUALITY_RESULTS/NAME.json
"""
import sys, os, warnings
import numpy as np, pandas as pd
from common import RES, SEEDS, suite, load, Timer, agg, save
warnings.filterwarnings("ignore")
from statsmodels.tsa.holtwinters import ExponentialSmoothing

EPOCHS, HIDDEN, LR, BATCH = 300, 32, 1e-3, 16


def met(a, p):
    a, p = np.asarray(a, float), np.asarray(p, float)
    e = a - p
    nz = a != 0
    return dict(rmse=float(np.sqrt(np.mean(e ** 2))), mae=float(np.mean(np.abs(e))), mape=float(100 * np.mean(np.abs(e[nz] / a[nz]))))


def holt_winters(y, n_tr, m, seasonal):
    kw = dict(trend="add", seasonal=seasonal, seasonal_periods=m if seasonal else None)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fit = ExponentialSmoothing(y[:n_tr], initialization_method="estimated", **kw).fit()
    conv = bool(getattr(fit.mle_retvals, "success", True)) and not any("converge" in str(x.message) for x in w)
    p = fit.params
    multi = fit.forecast(len(y) - n_tr)
    init = dict(initial_level=p["initial_level"], initial_trend=p["initial_trend"])
    sm = dict(smoothing_level=p["smoothing_level"], smoothing_trend=p["smoothing_trend"])
    if seasonal:
        init["initial_seasonal"] = p["initial_seasons"]; sm["smoothing_seasonal"] = p["smoothing_seasonal"]
    # same parameters and initial states run over the whole series -> one-step predictions on the tail
    full = ExponentialSmoothing(y, initialization_method="known", **init, **kw).fit(optimized=False, **sm)
    chk = float(np.max(np.abs(full.fittedvalues[:n_tr] - fit.fittedvalues)))
    return dict(multi=np.asarray(multi), one=np.asarray(full.fittedvalues[n_tr:]), aic=float(fit.aic),
                params={k: float(v) for k, v in sm.items()}, check_refit_max_abs_diff=chk, converged=conv)


def lstm(y, n_tr, W, seed):
    import torch
    from torch import nn
    torch.set_num_threads(1)
    lo, hi = y[:n_tr].min(), y[:n_tr].max()
    s = (y - lo) / (hi - lo)
    X = torch.tensor(np.stack([s[i:i + W] for i in range(n_tr - W)]), dtype=torch.float32).unsqueeze(-1)
    Y = torch.tensor(s[W:n_tr], dtype=torch.float32).unsqueeze(-1)
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)

    class Net(nn.Module):
        def __init__(self):
            super().__init__(); self.lstm = nn.LSTM(1, HIDDEN, batch_first=True); self.out = nn.Linear(HIDDEN, 1)

        def forward(self, x):
            h, _ = self.lstm(x); return self.out(h[:, -1, :])
    net = Net(); opt = torch.optim.Adam(net.parameters(), lr=LR); lossf = nn.MSELoss()
    for ep in range(EPOCHS):
        perm = torch.randperm(len(X), generator=g)
        for b in range(0, len(X), BATCH):
            idx = perm[b:b + BATCH]
            opt.zero_grad(); loss = lossf(net(X[idx]), Y[idx]); loss.backward(); opt.step()
    net.eval()
    with torch.no_grad():
        train_mse = float(lossf(net(X), Y))
        hist = list(s[n_tr - W:n_tr]); multi = []
        for _ in range(len(y) - n_tr):
            v = float(net(torch.tensor(hist[-W:], dtype=torch.float32).view(1, W, 1)))
            multi.append(v); hist.append(v)
        Xo = torch.tensor(np.stack([s[t - W:t] for t in range(n_tr, len(y))]), dtype=torch.float32).unsqueeze(-1)
        one = net(Xo).numpy().ravel()
    inv = lambda a: np.asarray(a) * (hi - lo) + lo
    return inv(multi), inv(one), train_mse


def main(names):
    S = suite()
    rpath = f"{RES}/R_forecast.csv"
    Rf = pd.read_csv(rpath) if os.path.exists(rpath) else None
    for name in names:
        sp = S[name]
        if sp["task"] != "forecast":
            continue
        df, mask = load(sp)
        df = df.rename(columns={sp["date"]: "date"})
        y = df[sp["target"]].to_numpy(float); n = len(y); h = int(mask.sum()); n_tr = n - h; m = sp["season"]
        assert mask[n_tr:].all() and not mask[:n_tr].any()
        yte = y[n_tr:]
        R = dict(name=name, freq=sp["freq"], m=m, n_train=n_tr, n_test=h, train=[df.date[0], df.date[n_tr - 1]],
                 test=[df.date[n_tr], df.date[n - 1]], models={})

        def put(label, multi, one, **extra):
            R["models"][label] = dict(multi=met(yte, multi) if multi is not None else None,
                                      one=met(yte, one) if one is not None else None, **extra)
        put("naive (last value)", np.full(h, y[n_tr - 1]), y[n_tr - 1:n - 1])
        if m > 1:
            put("seasonal naive", np.resize(y[n_tr - m:n_tr], h), y[n_tr - m:n - m])
        variants = [("add", "Holt-Winters (add trend, add season)"), ("mul", "Holt-Winters (add trend, mul season)")] if m > 1 \
            else [(None, "Holt (add trend, no season)")]
        hw = {}
        for seas, label in variants:
            with Timer() as tm:
                r = holt_winters(y, n_tr, m, seas)
            hw[label] = r
            put(label, r["multi"], r["one"], aic=r["aic"], params=r["params"], optimizer_converged=r["converged"], seconds=tm.s,
                refit_check=r["check_refit_max_abs_diff"])
        R["hw_by_aic"] = min(hw, key=lambda k: hw[k]["aic"])
        if Rf is not None:
            for model in dict.fromkeys(Rf[Rf.name == name].model):
                g = Rf[(Rf.name == name) & (Rf.model == model)]
                mu = g[g.kind == "multi"].sort_values("i"); on = g[g.kind == "one"].sort_values("i")
                assert len(mu) == h and len(on) == h
                put(model, mu.pred.to_numpy(), on.pred.to_numpy(), chosen=str(mu.desc.iloc[0]),
                    seconds=float(mu.seconds.iloc[0]) if pd.notna(mu.seconds.iloc[0]) else None)
        W = m if m > 1 else 8
        per = {"multi": [], "one": []}; secs = []; tl = []
        for seed in SEEDS:
            with Timer() as tm:
                mu, on, trl = lstm(y, n_tr, W, seed)
            per["multi"].append(met(yte, mu)); per["one"].append(met(yte, on)); secs.append(tm.s); tl.append(trl)
        lab = f"plain LSTM (W{W}, h{HIDDEN}, {EPOCHS} ep), 3 seeds"
        R["models"][lab] = {k: {mm: agg([d[mm] for d in v]) for mm in ("rmse", "mae", "mape")} for k, v in per.items()}
        R["models"][lab]["seconds"] = agg(secs); R["models"][lab]["train_mse_scaled"] = agg(tl)
        save(name, R)
        print(name, {k: (round(v["multi"]["rmse"], 3) if isinstance(v["multi"]["rmse"], float) else round(v["multi"]["rmse"]["mean"], 3))
                     for k, v in R["models"].items()}, R.get("hw_by_aic"), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or list(suite()))
