#!/usr/bin/python3
"""Reference for the softmax-regression baseline (test/metrics/softmax-reference.test.ts).

scikit-learn's LogisticRegression (multinomial, lbfgs, C = 1, intercept not penalised) fitted to
convergence (tol 1e-10) on sample-data/digits8x8.csv (10 classes), training rows = all rows not in
digits8x8.test_idx.txt. Inputs are standardised with the training rows' mean and population std
(a constant column stays 0). Writes test/fixtures/softmax-digits-reference.json:
the regularised mean training loss  mean CE + 1/(2·n·C)·||W||²,  and the test accuracy.

Run from the project root:  /usr/bin/python3 bench/reference/softmax_digits.py   (python3-sklearn from apt)
"""
import json
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

data = np.loadtxt('sample-data/digits8x8.csv', delimiter=',', skiprows=1)
y, X = data[:, 0].astype(int), data[:, 1:]
test = np.loadtxt('sample-data/digits8x8.test_idx.txt', dtype=int)
mask = np.zeros(len(y), bool)
mask[test] = True
Xtr, ytr, Xte, yte = X[~mask], y[~mask], X[mask], y[mask]
mu = Xtr.mean(0)
sd = Xtr.std(0)
sd[sd == 0] = 1
Xtr = (Xtr - mu) / sd
Xte = (Xte - mu) / sd
C = 1.0
m = LogisticRegression(C=C, solver='lbfgs', tol=1e-10, max_iter=100000, multi_class='multinomial').fit(Xtr, ytr)
n = len(ytr)
P = m.predict_proba(Xtr)
ce = -np.mean(np.log(P[np.arange(n), ytr]))
loss = ce + 0.5 / (n * C) * np.sum(m.coef_ ** 2)
out = {
    'source': 'bench/reference/softmax_digits.py',
    'sklearn': sklearn.__version__,
    'n_train': int(n), 'n_test': int(len(yte)), 'classes': 10, 'inputs': int(X.shape[1]),
    'lambda': 1 / (n * C),
    'loss': float(loss),
    'test_accuracy': float(np.mean(m.predict(Xte) == yte)),
    'iterations': int(m.n_iter_[0]),
}
with open('test/fixtures/softmax-digits-reference.json', 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print(out)
