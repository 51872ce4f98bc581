// The quality table as text (stdout) and as bench/QUALITY.md. Rows come from bench/quality.js:
// { entry, ref, nnm: { mean, sd, perSeed, wallMean, wallMax, cpuMean, model, coverage, oneStep }, targets }.

import { REF_COLUMNS, bestReference, fmt, refCells } from './targets.js';

const METRIC = { classify: 'accuracy', image: 'accuracy', regress: 'RMSE', forecast: 'multi-step RMSE' };

function verdict(targets) {
  const main = targets.filter((t) => t.kind === 'each' || t.kind === 'share');
  if (main.some((t) => t.met === false)) return 'NOT met';
  return main.length ? 'met' : '–';
}

/** One row of cells per set, shared by the text and the Markdown table. */
export function cells(row) {
  const { entry, ref, nnm } = row;
  const refs = refCells(ref);
  const best = bestReference(ref);
  const score = (v) => (entry.task === 'forecast' || entry.task === 'regress' ? fmt(v) : fmt(v, 3));
  return [
    entry.name,
    METRIC[entry.task],
    String(entry.n_test),
    Number.isFinite(nnm.mean) ? `${score(nnm.mean)} ± ${score(nnm.sd)}` : `failed`,
    ...REF_COLUMNS.map((c) => score(refs[c.key])),
    best && Number.isFinite(nnm.mean)
      ? `${fmt(nnm.mean / best.score, 3)} (${REF_COLUMNS.find((c) => c.key === best.key).label})`
      : '–',
    verdict(row.targets),
    Number.isFinite(nnm.wallMean) ? `${fmt(nnm.wallMean, 1)} / ${fmt(nnm.wallMax, 1)}` : '–',
    Number.isFinite(nnm.cpuMean) ? fmt(nnm.cpuMean, 1) : '–',
  ];
}

export const HEADER = [
  'set',
  'metric',
  'test',
  'nnm (mean ± sd)',
  ...REF_COLUMNS.map((c) => c.label),
  'nnm ÷ best ref',
  'targets',
  'wall s (mean / max)',
  'cpu s',
];

export function textTable(rows) {
  const body = rows.map(cells);
  const width = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 3 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  return [line(HEADER), width.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function mdTable(header, body) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const COLUMNS_DOC = `- **metric**: what is compared, on the fixed test rows of the set (\`NAME.test_idx.txt\`):
  accuracy for classification (higher is better), RMSE for regression and, for series, the
  multi-step RMSE of one forecast over the whole test tail made from the end of the training part
  (lower is better). **test**: test rows (series: test periods).
- **nnm (mean ± sd)**: \`nnm train\` with its defaults (only \`--task\`, \`--target\`, the split —
  \`--test FILE\` for tables, \`--test-periods N\` for series — and \`--seed\`), mean and standard
  deviation over the seeds.
- **LR/OLS**: logistic regression / least squares (scikit-learn, standardised, one-hot).
  **sk MLP**: scikit-learn MLP (64, 32), mean of seeds 1–3. **GBoost**: scikit-learn
  HistGradientBoosting (defaults). **sNaive**: seasonal naive (the last season repeated), or the
  naive last value for non-seasonal series. **HW**: statsmodels Holt-Winters (additive trend; the
  additive or multiplicative season with the lower AIC on the training part; Holt for m = 1).
  **ETS**, **ARIMA**: R forecast's \`ets()\` and \`auto.arima()\` with defaults. **LSTM**: a plain
  PyTorch LSTM (1 layer, 32 units, window m or 8, 300 epochs, recursive), mean of seeds 1–3. Every
  reference is scored on the same test rows; tool and version of each are in
  \`bench/quality/references.json\`.
- **nnm ÷ best ref**: nnm's mean divided by the best reference of the row (named): for accuracy
  above 1 is better than that reference, for RMSE below 1.
- **targets**: issue 16's per-set acceptance targets (below), \`met\` if all hold.
- **wall s**: wall time of one \`nnm train\` process (start-up, training, baselines, report), mean
  and max over the seeds; **cpu s**: its user + system CPU time (all threads), mean. The machine is
  shared, so wall time includes waiting for a core.`;

function failures(rows) {
  const failed = rows.filter((r) => r.nnm.error);
  if (!failed.length) return '';
  const lines = failed.map(
    (r) => `- **${r.entry.name}**: \`nnm train\` stopped with: ${r.nnm.error.replace(/\/tmp\/[^ ]*\//, '')}`,
  );
  return `\n### Runs that failed\n\n${lines.join('\n')}\n`;
}

export function markdown(rows, overall, meta) {
  const perSet = rows.flatMap((r) =>
    r.targets.map((t) => [r.entry.name, t.what, t.met === null ? 'n/a' : t.met ? 'met' : '**not met**', t.detail]),
  );
  const gb = rows
    .filter((r) => r.ref.references.hgb && Number.isFinite(r.nnm.mean))
    .map((r) => {
      const h = r.ref.references.hgb.score;
      const gap = r.ref.better === 'higher' ? `${fmt(r.nnm.mean - h, 3)} accuracy` : `× ${fmt(r.nnm.mean / h, 3)} RMSE`;
      return [r.entry.name, fmt(h), gap];
    });
  const series = rows
    .filter((r) => r.entry.task === 'forecast')
    .map((r) => [
      r.entry.name,
      r.entry.freq,
      fmt(r.nnm.mean),
      fmt(r.nnm.oneStep),
      r.nnm.coverage === null ? 'not reported' : `${fmt(100 * r.nnm.coverage, 1)}%`,
      r.nnm.tail ? `${fmt((100 * r.nnm.tail.hits) / r.nnm.tail.n, 1)}% (${r.nnm.tail.hits}/${r.nnm.tail.n})` : '–',
      r.nnm.model ?? '–',
      r.nnm.transforms ?? '–',
    ]);
  const seeds = rows.map((r) => [
    r.entry.name,
    r.nnm.perSeed.map((v) => fmt(v)).join(', '),
    r.nnm.perSeedWall.map((v) => fmt(v, 1)).join(', '),
  ]);
  return `# Model quality: nnm with defaults against classical and reference models

Written by \`npm run quality\` (\`bench/quality.js\`) on ${meta.date}; nnm commit \`${meta.commit}\`.
Machine: ${meta.machine}. Seeds ${meta.seeds.join(', ')}; ${rows.length} sets; the whole run took ${fmt(meta.minutes, 1)} min.
Data, splits and attribution: \`bench/quality/data/README.md\`; reference scores: \`bench/quality/references.json\`
(made by the scripts in \`bench/quality/\`, ${meta.refsGenerated}: ${meta.refsSoftware}).

## Results

${mdTable(HEADER, rows.map(cells))}

${COLUMNS_DOC}

## Acceptance targets of issue 16 (this run)

${mdTable(
  ['target', 'status', 'detail'],
  overall.map((t) => [t.what, t.met === null ? 'n/a' : t.met ? 'met' : '**not met**', t.detail]),
)}

Per set:

${mdTable(['set', 'target', 'status', 'detail'], perSet)}

## Gap to gradient boosting (not a target)

${mdTable(['set', 'HistGB', 'nnm − HistGB (accuracy) or nnm ÷ HistGB (RMSE)'], gb)}

## Reading notes

- Test parts are small (7 to 586 rows, 8 to 30 periods): a difference of one test row (penguins:
  1 of 69 = 0.014) or a few percent of RMSE is within noise; compare against the sd over seeds.
- The references are fixed numbers (\`references.json\`); only nnm is trained in this run.
- Series references are univariate; nnm reads the other numeric columns as covariates by default
  (bjsales' \`lead\`). "HW" is the Holt-Winters variant with the lower AIC on the training part,
  not the one that scores better on the test tail.
- A set where nnm stops with an error counts as not met on every target of that set.
- Wall time depends on the machine's load (the load average is in the Machine line above); the
  CPU seconds are the number to compare between runs. Scores do not depend on it: nnm is
  deterministic by seed.
${failures(rows)}
## Series details

${mdTable(['set', 'frequency', 'multi-step RMSE', 'one-step RMSE', '95% coverage (nnm backtest)', '95% band on the test tail', 'model', 'transforms'], series)}

"95% band on the test tail": per seed, a second default run on the training part alone with
\`--horizon N\` writes \`forecast.csv\` with \`lower_95\`/\`upper_95\` for the N test periods; the
column counts the test values inside that band, over all seeds. That run's network is fitted with
nnm's own inner test split of the training part, so it is not the scored model; its time is not counted.

## Per seed

${mdTable(['set', `nnm score, seeds ${meta.seeds.join(', ')}`, 'wall s'], seeds)}

## What each default change gained

No model default has changed since this benchmark was added: this is the baseline run that the
later changes of issue 16 (forecasting, tables) are measured against.
`;
}
