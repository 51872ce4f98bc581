"""The bench workloads (bench/workloads.js) in PyTorch on ONE thread, for `npm run bench`.

Usage: python3 bench/torch_workloads.py <workload>   (W1, W2, W3, W4:<n>, W5)
Prints "@@RESULT <json>" as its last line: {value (median), min, max, repeats, unit, better,
rssMB, torch} or {unavailable: reason}. Same models, data sizes, batch sizes and seeded inputs as
workloads.js (its LCG is reproduced below, so both train on the same numbers); timing as its
rate(): a warm-up of a number of calls AND 0.6 s, then NNM_BENCH_REPEATS (>= 5) timed repeats of
NNM_BENCH_SECONDS / repeats seconds each.
"""

import json
import os
import resource
import sys
import time

MEASURE_S = float(os.environ.get("NNM_BENCH_SECONDS", "2.5"))
REPEATS = max(5, int(os.environ.get("NNM_BENCH_REPEATS", "5")))


def lcg(seed):
    s = seed & 0xFFFFFFFF

    def nxt():
        nonlocal s
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        return s / 4294967296.0

    return nxt


def random_data(n, dim, seed):
    r = lcg(seed)
    x = [r() for _ in range(n * dim)]
    y = [int(r() * 10) for _ in range(n)]
    return x, y


def sequence_data(n, T, seed):
    r = lcg(seed)
    x = [r() for _ in range(n * T)]
    t = [sum(x[i * T:(i + 1) * T]) / T for i in range(n)]
    return x, t


def rate(step, warmup=5, min_calls=3):
    """Calls per second of `step`: one figure per repeat (see the module docstring)."""
    w0 = time.perf_counter()
    i = 0
    while i < warmup or time.perf_counter() - w0 < 0.6:
        step()
        i += 1
    per = MEASURE_S / REPEATS
    rates = []
    for _ in range(REPEATS):
        calls = 0
        t0 = time.perf_counter()
        dt = 0.0
        while dt < per or calls < max(1, min_calls // 2):
            step()
            calls += 1
            dt = time.perf_counter() - t0
        rates.append(calls / dt)
    return rates


def summary(values, unit, better):
    v = sorted(values)
    n = len(v)
    med = v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
    return {"value": med, "min": v[0], "max": v[-1], "repeats": n, "unit": unit, "better": better}


def mlp(torch):
    nn = torch.nn
    torch.manual_seed(1)
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))


def train_rate(torch, model, xs, ys, loss_fn, warmup):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    k = [0]

    def step():
        b = k[0] % len(xs)
        k[0] += 1
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(xs[b]), ys[b])
        loss.backward()
        opt.step()

    return rate(step, warmup)


def w1(torch):
    B, nb = 64, 32
    x, y = random_data(B * nb, 784, 7)
    X = torch.tensor(x, dtype=torch.float32).reshape(nb, B, 784)
    Y = torch.tensor(y, dtype=torch.long).reshape(nb, B)
    rates = train_rate(torch, mlp(torch), X, Y, torch.nn.functional.cross_entropy, 10)
    return summary([r * B for r in rates], "samples/s", "higher")


def w2(torch):
    B, T, nb = 32, 32, 16
    x, t = sequence_data(B * nb, T, 11)
    X = torch.tensor(x, dtype=torch.float32).reshape(nb, B, T, 1)
    Y = torch.tensor(t, dtype=torch.float32).reshape(nb, B, 1)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(1, 64, batch_first=True)
            self.out = torch.nn.Linear(64, 1)

        def forward(self, s):
            h, _ = self.lstm(s)
            return self.out(h[:, -1, :])

    torch.manual_seed(1)
    rates = train_rate(torch, Net(), X, Y, torch.nn.functional.mse_loss, 10)
    return summary([r * B for r in rates], "seq/s", "higher")


def w3(torch):
    nn = torch.nn
    B, nb = 32, 8
    x, y = random_data(B * nb, 784, 13)
    X = torch.tensor(x, dtype=torch.float32).reshape(nb, B, 1, 28, 28)  # NCHW, as nnm
    Y = torch.tensor(y, dtype=torch.long).reshape(nb, B)
    torch.manual_seed(1)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 10),
    )
    rates = train_rate(torch, model, X, Y, nn.functional.cross_entropy, 3)
    return summary([r * B for r in rates], "samples/s", "higher")


def w4(torch, n):
    r = lcg(3)
    A = torch.tensor([r() for _ in range(n * n)], dtype=torch.float32).reshape(n, n)
    Bm = torch.tensor([r() for _ in range(n * n)], dtype=torch.float32).reshape(n, n)
    C = torch.empty(n, n)
    rates = rate(lambda: torch.matmul(A, Bm, out=C), 2)
    return summary([c * 2 * n ** 3 / 1e9 for c in rates], "GFLOP/s", "higher")


def w5(torch):
    model = mlp(torch).eval()
    x, _ = random_data(256, 784, 9)
    rows = torch.tensor(x, dtype=torch.float32).reshape(256, 1, 784)
    k = [0]

    def step():
        with torch.no_grad():
            for _ in range(100):
                model(rows[k[0]])
                k[0] = (k[0] + 1) & 255

    rates = rate(step)
    return summary([1e6 / (r * 100) for r in rates], "µs/sample", "lower")


def main():
    workload = sys.argv[1]
    w, _, arg = workload.partition(":")
    try:
        import torch
    except ImportError as e:
        result = {"unavailable": f"no torch ({e})"}
    else:
        torch.set_num_threads(1)
        fns = {"W1": w1, "W2": w2, "W3": w3, "W5": w5, "W4": lambda t: w4(t, int(arg))}
        result = fns[w](torch) if w in fns else {"unavailable": f"unknown workload {workload}"}
        result["torch"] = f"{torch.__version__}, {torch.get_num_threads()} thread"
    result["rssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write("\n@@RESULT " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
