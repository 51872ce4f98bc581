#!/usr/bin/python3
"""Build bench/text-sets/poems-tang-song.csv: classical Chinese poems labelled by dynasty.

Source: Debian package fortunes-zh 2.98 (bookworm), files /usr/share/games/fortunes/tang300
(Three Hundred Tang Poems, 唐诗三百首) and song100 (one hundred Song poems, 宋诗一百首).
The poems are ancient and public domain; the package's selection is GPL-3.0+ (Yu Guanghui, Mo Zhou,
xiao sheng wen). Kept: the poem's body only (title and author lines dropped, so the author cannot
give the dynasty away), lines joined without a separator; label `tang` or `song`.
Fixed test rows: sklearn train_test_split(stratify=label, test_size=0.2, random_state=42), written as
poems-tang-song.test_idx.txt (0-based data rows) and as the -train.csv / -test.csv pair.

Run:  apt-get install fortunes-zh python3-sklearn && /usr/bin/python3 bench/text-sets/build_poems.py
"""
import csv
import re
from sklearn.model_selection import train_test_split

ANSI = re.compile(r'\x1b\[[0-9;]*m')
rows = []
for name, label in (('tang300', 'tang'), ('song100', 'song')):
    text = open(f'/usr/share/games/fortunes/{name}', encoding='utf-8').read()
    for entry in text.split('\n%\n'):
        lines = [ANSI.sub('', l).strip() for l in entry.strip().split('\n')]
        lines = [l for l in lines if l and l != '%']
        body = [l for l in lines if not (l.startswith('《') or l.startswith('题目') or l.startswith('作者'))]
        if body:
            rows.append((''.join(body), label))
idx = list(range(len(rows)))
_, test = train_test_split(idx, test_size=0.2, stratify=[r[1] for r in rows], random_state=42, shuffle=True)
test = sorted(test)
out = 'bench/text-sets/poems-tang-song'
def write(path, ids):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['poem', 'dynasty'])
        for i in ids:
            w.writerow(rows[i])
write(f'{out}-train.csv', [i for i in idx if i not in set(test)])
write(f'{out}-test.csv', test)
open(f'{out}.test_idx.txt', 'w').write(''.join(f'{i}\n' for i in test))
print(len(rows), 'poems;', sum(r[1] == 'tang' for r in rows), 'tang;', len(test), 'test rows')
