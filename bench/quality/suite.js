// The quality suite's data side: reads bench/quality/data/suite.json and references.json, checks that
// every file and split is what suite.json says, cuts the train/test files nnm is trained on, and reads
// the one score per run that the quality table compares (metrics.json of `nnm train --json`).
// Used by bench/quality.js and by test/bench/quality-suite.test.ts (so it stays plain Node ESM).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_FILE = join(ROOT, 'bench', 'quality', 'data', 'suite.json');
export const REFERENCES_FILE = join(ROOT, 'bench', 'quality', 'references.json');

export function loadSuite() {
  return JSON.parse(readFileSync(SUITE_FILE, 'utf8')).sets;
}

export function loadReferences() {
  return JSON.parse(readFileSync(REFERENCES_FILE, 'utf8'));
}

/** The data lines of a suite CSV (no quoted line breaks in these files) and its header. */
export function readLines(entry) {
  const text = readFileSync(join(ROOT, entry.file), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { header: lines[0], rows: lines.slice(1) };
}

export function readTestIndex(entry) {
  const path = join(ROOT, entry.file.replace(/\.csv$/, '.test_idx.txt'));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(Number);
}

/** Everything that must hold for a set: a list of problems (empty = consistent). */
export function checkEntry(entry, refs) {
  const problems = [];
  const say = (s) => problems.push(`${entry.name}: ${s}`);
  const { header, rows } = readLines(entry);
  const cols = header.split(',');
  const idx = readTestIndex(entry);
  if (rows.length !== entry.rows) say(`${rows.length} data rows, suite.json says ${entry.rows}`);
  if (cols.length !== entry.cols) say(`${cols.length} columns, suite.json says ${entry.cols}`);
  if (!cols.includes(entry.target)) say(`no target column ${entry.target}`);
  if (rows.some((r) => r.split(',').length !== cols.length)) say('a row with another number of cells than the header');
  if (idx.length !== entry.n_test) say(`${idx.length} test rows, suite.json says ${entry.n_test}`);
  if (idx.some((v, i) => !Number.isInteger(v) || v < 0 || v >= rows.length || (i > 0 && v <= idx[i - 1]))) {
    say('test index not strictly ascending integers inside the data rows');
  }
  if (entry.task === 'forecast') {
    const tail = idx.every((v, i) => v === rows.length - idx.length + i);
    if (!tail) say('series test rows are not the chronological tail');
    const d = cols.indexOf(entry.date);
    if (d < 0) say(`no date column ${entry.date}`);
    else if (rows[idx[0]]?.split(',')[d] !== entry.test_start) say(`test part does not start at ${entry.test_start}`);
  } else if (idx.length < 5 || idx.length > rows.length / 2) {
    say(`implausible test size ${idx.length} of ${rows.length}`);
  }
  const ref = refs?.sets?.[entry.name];
  if (refs && !ref) say('no reference scores in references.json');
  if (ref && ref.n_test !== entry.n_test) say(`references.json scored ${ref.n_test} test rows, not ${entry.n_test}`);
  return problems;
}

/** Write TRAIN and TEST CSVs (same header) for a table set; returns their paths. */
export function writeSplit(entry, dir) {
  const { header, rows } = readLines(entry);
  const test = new Set(readTestIndex(entry));
  const train = join(dir, `${entry.name}.train.csv`);
  const testFile = join(dir, `${entry.name}.test.csv`);
  writeFileSync(train, [header, ...rows.filter((_, i) => !test.has(i))].join('\n') + '\n');
  writeFileSync(testFile, [header, ...rows.filter((_, i) => test.has(i))].join('\n') + '\n');
  return { train, test: testFile };
}

/** `nnm train` arguments (after the data file) for a set and seed: task, target, split, seed; no tuning flag. */
export function trainArgs(entry, seed, out, testFile) {
  const common = ['--target', entry.target, '--seed', String(seed), '--json', '--quiet', '--out', out, '--force'];
  if (entry.task === 'forecast') {
    return ['--task', 'forecast', '--date', entry.date, '--test-periods', String(entry.n_test), ...common];
  }
  return ['--task', entry.task, '--test', testFile, ...common];
}

/** The compared score of one run's metrics.json, plus the side numbers the report shows. */
export function scoreOf(entry, metrics) {
  const t = metrics.test ?? {};
  if (entry.task === 'forecast') {
    return { score: t.multi_step?.rmse, one_step: t.one_step?.rmse, coverage: findCoverage(metrics) };
  }
  if (entry.task === 'regress') return { score: t.rmse, r2: t.r2 };
  return { score: t.accuracy, macro_f1: t.macro_f1 };
}

/** The 95% interval coverage a forecast run reports, in [0, 1], or null: the first numeric field whose
 *  key names a coverage (e.g. `coverage_95`, `interval_coverage`) anywhere in metrics.json, preferring
 *  a backtest's. nnm does not report one yet; the column fills in when it does. */
export function findCoverage(metrics) {
  const found = [];
  const walk = (o, path) => {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && /coverage/i.test(k)) found.push({ path: `${path}${k}`, value: v > 1 ? v / 100 : v });
      else walk(v, `${path}${k}.`);
    }
  };
  walk(metrics, '');
  const pick = found.find((f) => /backtest|cv/i.test(f.path)) ?? found[0];
  return pick ?? null;
}

/** A series' training part alone (the rows before the test tail), for the interval check. */
export function writeSeriesTrain(entry, dir) {
  const { header, rows } = readLines(entry);
  const path = join(dir, `${entry.name}.train.csv`);
  writeFileSync(path, [header, ...rows.slice(0, rows.length - entry.n_test)].join('\n') + '\n');
  return path;
}

/** How many test-tail values fall inside the 95% band of forecast.csv (`date,forecast,lower_95,upper_95`)
 *  that a run on the training part alone wrote with `--horizon N`: { hits, n }, or null without a band. */
export function tailCoverage(entry, forecastCsv) {
  const lines = forecastCsv.trim().split('\n');
  const head = lines[0].split(',');
  const lo = head.indexOf('lower_95');
  const hi = head.indexOf('upper_95');
  if (lo < 0 || hi < 0) return null;
  const { header, rows } = readLines(entry);
  const t = header.split(',').indexOf(entry.target);
  const actual = rows.slice(rows.length - entry.n_test).map((r) => Number(r.split(',')[t]));
  const band = lines.slice(1).map((l) => l.split(',').map(Number));
  if (band.length < actual.length) return null;
  const hits = actual.filter((y, i) => y >= band[i][lo] && y <= band[i][hi]).length;
  return { hits, n: actual.length };
}
