#!/usr/bin/python3
"""Build bench/text-sets/fortunes-topics-{train,test}.csv: English quotations labelled by topic.

Source: Debian package fortunes 1:1.99.1-7.3 (bookworm; fortune-mod's data, BSD licence, see
/usr/share/doc/fortunes/copyright), files /usr/share/games/fortunes/{computers,politics,science,food}.
Each %-separated entry is one text (lines joined by spaces, tabs squeezed), its file name the label.
Entries longer than 1,000 characters are left out. Fixed test rows: sklearn
train_test_split(stratify=topic, test_size=0.2, random_state=42), also in fortunes-topics.test_idx.txt.

Run:  apt-get install fortunes python3-sklearn && /usr/bin/python3 bench/text-sets/build_fortunes.py
"""
import csv
import re
from sklearn.model_selection import train_test_split

rows = []
for topic in ('computers', 'politics', 'science', 'food'):
    text = open(f'/usr/share/games/fortunes/{topic}', encoding='utf-8', errors='replace').read()
    for entry in text.split('\n%\n'):
        body = re.sub(r'\s+', ' ', entry.replace('%', ' ')).strip()
        if body and len(body) <= 1000:
            rows.append((body, topic))
idx = list(range(len(rows)))
_, test = train_test_split(idx, test_size=0.2, stratify=[r[1] for r in rows], random_state=42, shuffle=True)
test = set(test)
out = 'bench/text-sets/fortunes-topics'
def write(path, ids):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['text', 'topic'])
        for i in ids:
            w.writerow(rows[i])
write(f'{out}-train.csv', [i for i in idx if i not in test])
write(f'{out}-test.csv', sorted(test))
open(f'{out}.test_idx.txt', 'w').write(''.join(f'{i}\n' for i in sorted(test)))
print(len(rows), 'texts;', len(test), 'test rows')
