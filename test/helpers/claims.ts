// An independent reader of report.md's early-stopping and ensemble sentences: it parses what the
// English sentence claims (which networks stopped why, after how many epochs, which epoch was kept)
// and checks every claim against history.csv (epochs per network, best validation epoch), config.json
// (patience, epoch limit) and metrics.json (train rows, interruption). Returns the problems found.

type Reason = 'patience' | 'epoch_limit' | 'interrupted' | 'diverged';

interface Member {
  epochs: number;
  best: number;
}

/** Per network (member column), the epochs run and the best epoch by fit's improvement rule. */
export function historyFacts(csv: string): Member[] {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  const out: (Member & { loss: number })[] = [];
  for (const [epoch, , val, , member] of rows) {
    const m = (out[member - 1] ??= { epochs: 0, best: 0, loss: Infinity });
    m.epochs = Math.max(m.epochs, epoch);
    if (m.best === 0 || val < m.loss - 1e-7 * Math.abs(m.loss)) Object.assign(m, { best: epoch, loss: val });
  }
  return out.map(({ epochs, best }) => ({ epochs, best }));
}

function numbers(s: string): number[] {
  return [...s.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

function reasonOf(clause: string): Reason | null {
  if (/stopped early/.test(clause)) return 'patience';
  if (/epoch limit/.test(clause)) return 'epoch_limit';
  if (/interrupted/.test(clause)) return 'interrupted';
  if (/NaN/.test(clause)) return 'diverged';
  return null;
}

export function checkStopClaims(
  reportMd: string,
  historyCsv: string,
  config: { epochs: number; patience: number },
  metrics: { data: { train_rows?: number }; train: { interrupted?: boolean } },
): string[] {
  const problems: string[] = [];
  const line = /^\*\*Early stopping\.\*\* (.*)$/m.exec(reportMd)?.[1];
  if (!line) return ['no early-stopping sentence'];
  const hist = historyFacts(historyCsv);
  const clauses = line.split('; ');
  const bestClause = clauses.pop() ?? '';
  const kept = numbers(bestClause);
  const bestTrue = hist.map((h) => h.best);
  if (kept.join() !== bestTrue.join())
    problems.push(`kept epochs ${kept.join()} but history.csv's best epochs are ${bestTrue.join()}`);
  const seen = new Set<number>();
  for (const clause of clauses) {
    const who = /^(The network|All (\d+) networks|Networks? ([\d, and]+?)) (stopped|ran|was|were)/i.exec(clause);
    if (!who) {
      problems.push(`cannot read "${clause}"`);
      continue;
    }
    const nets =
      who[1] === 'The network'
        ? [1]
        : who[2]
          ? Array.from({ length: Number(who[2]) }, (_, i) => i + 1)
          : numbers(who[3]);
    const reason = reasonOf(clause);
    const rest = clause.slice(who[0].length);
    for (const [i, n] of nets.entries()) {
      seen.add(n);
      const h = hist[n - 1];
      if (!h) {
        problems.push(`network ${n} is not in history.csv`);
        continue;
      }
      const truth: Reason =
        h.epochs - h.best >= config.patience && config.patience > 0
          ? 'patience'
          : h.epochs === config.epochs
            ? 'epoch_limit'
            : metrics.train.interrupted
              ? 'interrupted'
              : 'diverged';
      if (reason !== truth)
        problems.push(
          `network ${n}: the report says ${reason}, history.csv says ${truth} (${h.epochs} epochs, best ${h.best}, patience ${config.patience}, limit ${config.epochs})`,
        );
      if (reason === 'patience') {
        const eps = numbers(/at epochs? ([\d, and]+)/.exec(rest)?.[1] ?? '');
        if (eps[i] !== h.epochs)
          problems.push(`network ${n}: stopped at epoch ${eps[i]} per the report, ${h.epochs} per history.csv`);
        if (!rest.includes(`not improved for ${config.patience} epochs`))
          problems.push(`network ${n}: the patience is not ${config.patience}`);
      }
      if (reason === 'epoch_limit' && !rest.includes(`limit of ${config.epochs} epochs`))
        problems.push(`network ${n}: the epoch limit is not ${config.epochs}`);
    }
  }
  if (seen.size !== hist.length)
    problems.push(`the sentence names ${seen.size} networks, history.csv has ${hist.length}`);
  const split =
    /^\*\*Split\.\*\* .*The training part \((\d+) rows\) was cut into (\d+) folds of (\d+)(?:–(\d+))? rows/m.exec(
      reportMd,
    );
  if (split && hist.length > 1 && !metrics.train.interrupted) {
    const [total, k, lo, hi] = [Number(split[1]), Number(split[2]), Number(split[3]), Number(split[4] ?? split[3])];
    if (total !== metrics.data.train_rows)
      problems.push(`the training part has ${metrics.data.train_rows} rows, the report says ${total}`);
    if (k !== hist.length) problems.push(`${k} folds per the report, ${hist.length} networks in history.csv`);
    if (
      Math.floor((metrics.data.train_rows ?? 0) / k) < lo - 1 ||
      Math.ceil((metrics.data.train_rows ?? 0) / k) > hi + 1
    )
      problems.push(`fold sizes ${lo}–${hi} do not split ${total} rows in ${k}`);
  }
  return problems;
}
