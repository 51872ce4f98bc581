#!/usr/bin/python3
"""Reference for the TF-IDF logistic-regression text baseline (test/metrics/text-baselines.test.ts).

A tiny corpus of pre-tokenised documents (the terms nnm computes: words here), vectorised with
scikit-learn's TfidfVectorizer defaults (smooth idf, l2 norm, raw counts) and fitted with
LogisticRegression(C=1, lbfgs, multinomial) to convergence. Writes
test/fixtures/text-baselines-reference.json: the vocabulary order, the idf, the TF-IDF rows of the
test documents, and the test class probabilities.

Run from the project root:  /usr/bin/python3 bench/reference/text_baselines.py   (python3-sklearn from apt)
"""
import json
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

train = [['good', 'fun', 'good'], ['good', 'great'], ['fun', 'great', 'plot'], ['bad', 'boring'],
         ['bad', 'plot', 'bad'], ['boring', 'slow'], ['good', 'slow', 'fun'], ['bad', 'great', 'boring']]
y = [1, 1, 1, 0, 0, 0, 1, 0]
test = [['good', 'plot'], ['bad', 'slow', 'unseen'], ['great']]
vec = TfidfVectorizer(analyzer=lambda d: d)
Xtr = vec.fit_transform(train)
Xte = vec.transform(test)
m = LogisticRegression(C=1.0, solver='lbfgs', tol=1e-12, max_iter=100000, multi_class='multinomial').fit(Xtr, y)
out = {
    'source': 'bench/reference/text_baselines.py',
    'sklearn': sklearn.__version__,
    'train': train, 'y': y, 'test': test,
    'vocabulary': list(vec.get_feature_names_out()),
    'idf': vec.idf_.tolist(),
    'test_tfidf': Xte.toarray().tolist(),
    'test_proba': m.predict_proba(Xte).tolist(),
}
with open('test/fixtures/text-baselines-reference.json', 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
print(out)
