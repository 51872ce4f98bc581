// The sentences rendered from recorded facts, one case each (the e2e claims test covers real runs).

import { describe, expect, it } from 'vitest';
import { ensembleClaim, stoppingClaim, verdict } from '../../src/report/claims.js';
import { buildDocument } from '../../src/report/document.js';
import { messages } from '../../src/report/i18n/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { NetworkFacts } from '../../src/train/ensemble.js';
import { classifySummary } from '../helpers/summary.js';

const net = (
  network: number,
  stop: NetworkFacts['stop'],
  epochs: number,
  best: number,
  extra: Partial<NetworkFacts> = {},
): NetworkFacts => ({ network, stop, epochs, best_epoch: best, train_rows: 80, val_rows: 40, ...extra });

function summary(
  networks: NetworkFacts[],
  planned = networks.length,
  interrupted = false,
): ReturnType<typeof classifySummary> {
  const s = classifySummary();
  s.hyper = { ...s.hyper, epochs: 500, patience: 40, lr: 0.003 };
  s.metrics.train = {
    ...s.metrics.train,
    networks,
    planned_members: planned,
    members: networks.length,
    fold_rows: Array.from({ length: planned }, () => ({ train: 80, val: 40 })),
    ...(interrupted ? { interrupted } : {}),
  };
  return s;
}

describe('early-stopping sentences come from the stop reason of each network', () => {
  it.each([
    [
      'patience',
      net(1, 'patience', 223, 183),
      'The network stopped early, at epoch 223, when the validation loss had not improved for 40 epochs (the patience); the weights of its best validation epoch (183) were kept.',
    ],
    [
      'epoch limit',
      net(1, 'epoch_limit', 500, 480),
      'The network ran to the epoch limit of 500 epochs (the patience of 40 epochs never ran out); the weights of its best validation epoch (480) were kept.',
    ],
    [
      'interrupted',
      net(1, 'interrupted', 70, 65),
      'The network was interrupted by the user after 70 epochs; the weights of its best validation epoch (65) were kept.',
    ],
    [
      'diverged',
      net(1, 'diverged', 12, 11),
      'The network stopped when the loss became NaN or infinite, after 12 finite epochs; the weights of its best validation epoch (11) were kept.',
    ],
  ])('%s', (_, n, want) => {
    expect(stoppingClaim(summary([n], 1, n.stop === 'interrupted'), 'en')).toBe(want);
  });

  it('a retry after a divergence in epoch 1 is said first', () => {
    expect(stoppingClaim(summary([net(1, 'patience', 90, 50, { retried_lr: 0.0003 })]), 'en')).toMatch(
      /^The network diverged in epoch 1 at learning rate 0.003 and was retrained once from the same seed at learning rate 0.0003\. The network stopped early, at epoch 90/,
    );
  });

  it('an ensemble interrupted in network 2 of 3: folds are thirds, network 2 cut short, network 3 never started', () => {
    const s = summary([net(1, 'patience', 223, 183), net(2, 'interrupted', 70, 60)], 3, true);
    expect(stoppingClaim(s, 'en')).toBe(
      'Network 1 stopped early, at epoch 223, when the validation loss had not improved for 40 epochs (the patience); network 2 was interrupted by the user after 70 epochs; each network kept the weights of its best validation epoch (183 and 60).',
    );
    expect(ensembleClaim(s, 'en', 40)).toBe(
      'The training part (120 rows) was cut into 3 folds of 40 rows; 3 networks were planned, but training was interrupted in network 2: networks 1–2 were trained, network 2 cut short, and the other 1 never started; the output is the average of the 1 finished network (network 2, cut short, is left out).',
    );
    expect(ensembleClaim(s, 'zh', 40)).toContain('原计划训练 3 个网络，但训练在第 2 个网络时被中断');
    const md = renderMarkdown(buildDocument(s, messages('en'), []));
    expect(md).not.toMatch(/epoch limit/);
  });

  it('folds of unequal size are given as a range', () => {
    const s = summary([net(1, 'patience', 50, 10), net(2, 'patience', 60, 20)]);
    s.metrics.train.fold_rows = [
      { train: 60, val: 61 },
      { train: 61, val: 60 },
    ];
    expect(ensembleClaim(s, 'en', 60)).toMatch(
      /cut into 2 folds of 60–61 rows; 2 networks were each trained on the other 1 fold and early-stopped on their own/,
    );
  });

  it('an old run folder without the facts gets no verdict', () => {
    const s = classifySummary();
    expect(stoppingClaim(s, 'en')).toMatch(/^The first network trained for \d+ epochs/);
  });
});

describe('beats / ties / does not beat', () => {
  const m = messages('en');
  const acc = { key: 'accuracy', higher: true };
  const rmse = { key: 'rmse', higher: false };
  it.each([
    [acc, 1, 1, 'The network ties the X (accuracy 1 for both); on this test part it is not shown to be better.'],
    [acc, 0.9667, 0.3333, 'The network beats the X: its accuracy 0.9667 is 63.3 percentage points above 0.3333.'],
    [
      acc,
      0.9,
      1,
      '**The network does not beat the X** (accuracy 0.9 against 1) on this test part; do not claim it is useful without a better model or more data.',
    ],
    [rmse, 41, 50, 'The network beats the X: its RMSE 41 is 18% lower than 50.'],
    [rmse, 50.00001, 50, 'The network ties the X (RMSE 50 for both); on this test part it is not shown to be better.'],
  ])('%j: %s against %s', (pm, mine, theirs, want) => {
    expect(verdict(m, pm, mine, theirs, 'X')).toBe(want);
  });
  it('never "% better", and an accuracy tie is not a loss', () => {
    const s = classifySummary();
    s.metrics.test = {
      ...s.metrics.test,
      accuracy: 1,
      per_class: [
        { label: 'a', f1: 1, support: 4 },
        { label: 'b', f1: 1, support: 4 },
        { label: 'c', f1: 1, support: 4 },
      ],
    };
    s.metrics.baselines = { logistic_regression: { accuracy: 1 }, majority: { accuracy: 1 / 3 } };
    const md = renderMarkdown(buildDocument(s, messages('en'), []));
    expect(md).not.toMatch(/% better|does not beat|weakest class/);
    expect(md).toContain('The network ties the logistic-regression baseline (accuracy 1 for both)');
    expect(md).toContain('Every class has the same F1 (1)');
    expect(md).toContain('Adam optimiser');
  });
});

describe('the scaling sentence of an image run comes from its recorded scaling', () => {
  it('pixels scaled to [0, 1] are not called z-scores, and the pixel columns are counted', () => {
    const s = classifySummary();
    s.task = 'image';
    s.notes = ['pixels scaled to [0, 1] from 0..16 (values lie in 0..16)'];
    s.audit.columns = [
      { name: 'label', type: 'category', missing: 0, unique: 10, role: 'target' },
      { name: 'px0 .. px63 (64 pixel columns)', type: 'pixels', missing: 0, unique: 0, role: 'input' },
    ];
    const md = renderMarkdown(buildDocument(s, messages('en'), []));
    expect(md).toContain('**Scaling.** Pixel values were scaled linearly from their range 0..16 to [0, 1]');
    expect(md).not.toContain('z-score standardised');
    expect(md).toMatch(/rows, 65 columns\./);
    expect(md).toContain('| pixels | 0 | — | input |');
    expect(stoppingClaim(s, 'en')).toBeTruthy();
  });
});
