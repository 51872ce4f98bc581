// Vega-Lite 5 specifications for the report's loss, scatter, histogram, confusion, ROC and bar figures, from
// plain arrays and already-translated labels. Pure data in, JSON out: no vega import here (rendering is in
// render.ts, loaded lazily). The time-series figures are in series-charts.ts.

import { chartBase, q, type VlSpec } from './chart-base.js';

export { FONT_STACK, chartBase, type VlSpec } from './chart-base.js';
export { acfSpec, seriesSpec } from './series-charts.js';

type Epoch = { epoch: number; train_loss: number; val_loss: number };

/** Mean loss per epoch over the networks that reached it. */
function meanHistory(members: Epoch[][]): Epoch[] {
  const last = Math.max(...members.map((h) => h.length));
  return Array.from({ length: last }, (_, e) => {
    const at = members.map((h) => h[e]).filter((x): x is Epoch => x !== undefined);
    return {
      epoch: e + 1,
      train_loss: at.reduce((a, x) => a + x.train_loss, 0) / at.length,
      val_loss: at.reduce((a, x) => a + x.val_loss, 0) / at.length,
    };
  });
}

/**
 * Training and validation loss. With several networks, each is a thin faint line and their mean a
 * bold one. Log axis when the loss spans more than one decade. NOTE: training solid and validation
 * dashed, so the two stay apart in greyscale print.
 */
export function lossCurveSpec(
  history: Epoch[],
  best: number,
  t: { epoch: string; loss: string; train: string; validation: string },
  members: Epoch[][] = [history],
): VlSpec {
  const all = members.flat();
  const positive = all.every((h) => h.train_loss > 0 && h.val_loss > 0);
  const max = Math.max(...all.map((h) => Math.max(h.train_loss, h.val_loss)));
  const min = Math.min(...all.map((h) => Math.min(h.train_loss, h.val_loss)));
  const log = positive && max / min > 10;
  const rows = (h: Epoch[], net: number): VlSpec[] =>
    h.flatMap((e) => [
      { epoch: e.epoch, loss: e.train_loss, set: t.train, net },
      { epoch: e.epoch, loss: e.val_loss, set: t.validation, net },
    ]);
  const enc = (extra: VlSpec = {}): VlSpec => ({
    x: q('epoch', t.epoch),
    y: q('loss', t.loss, { scale: log ? { type: 'log' } : { zero: false } }),
    color: {
      field: 'set',
      type: 'nominal',
      title: null,
      scale: { domain: [t.train, t.validation], range: ['#1f77b4', '#d62728'] },
    },
    strokeDash: {
      field: 'set',
      type: 'nominal',
      title: null,
      scale: {
        domain: [t.train, t.validation],
        range: [
          [1, 0],
          [6, 3],
        ],
      },
    },
    ...extra,
  });
  const many = members.length > 1;
  const layers: VlSpec[] = [];
  if (many) {
    layers.push({
      data: { values: members.flatMap((h, k) => rows(h, k + 1)) },
      mark: { type: 'line', strokeWidth: 0.8, opacity: 0.35 },
      encoding: enc({ detail: { field: 'net', type: 'nominal' } }),
    });
  }
  layers.push({
    data: { values: rows(many ? meanHistory(members) : history, 0) },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: enc(),
  });
  layers.push({
    data: { values: [{ epoch: best }] },
    mark: { type: 'rule', strokeDash: [2, 3], color: '#555' },
    encoding: { x: q('epoch', t.epoch) },
  });
  return chartBase({ layer: layers });
}

/** At most this many points in a scatter: more cannot be told apart and makes rendering slow. */
const MAX_POINTS = 5000;

export function predVsActualSpec(
  actual: number[],
  predicted: number[],
  t: { actual: string; predicted: string },
): VlSpec {
  // NOTE: loops, not Math.min(...actual): spreading 100k+ test rows overflows the call stack.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [actual, predicted]) {
    for (const x of v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const dom = [lo, hi];
  const stride = Math.max(1, Math.ceil(actual.length / MAX_POINTS)); // an even, deterministic subsample
  return chartBase(
    {
      layer: [
        {
          data: {
            values: [
              { a: lo, p: lo },
              { a: hi, p: hi },
            ],
          },
          mark: { type: 'line', color: '#999', strokeDash: [6, 4] },
          encoding: { x: q('a', t.actual), y: q('p', t.predicted) },
        },
        {
          data: { values: actual.filter((_, i) => i % stride === 0).map((a, j) => ({ a, p: predicted[j * stride] })) },
          mark: { type: 'point', filled: true, opacity: 0.7, size: 30, color: '#1f77b4' },
          encoding: {
            x: q('a', t.actual, { scale: { domain: dom, zero: false } }),
            y: q('p', t.predicted, { scale: { domain: dom, zero: false } }),
          },
        },
      ],
    },
    360,
    360,
  );
}

export function histogramSpec(values: number[], t: { x: string; count: string }): VlSpec {
  return chartBase({
    data: { values: values.map((v) => ({ v })) },
    mark: { type: 'bar', color: '#4c78a8', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: q('v', t.x, { bin: { maxbins: 20 } }),
      y: { aggregate: 'count', type: 'quantitative', title: t.count },
    },
  });
}

/**
 * Axis labels from a list: the data holds each label's index, the axis shows the label. NOTE: class
 * labels never become Vega data values, because Vega keys plain objects by them (a class called
 * "constructor" or "__proto__" breaks its sort and stack operators); and a string literal in an
 * expression that names an Object.prototype member ("toString") is looked up as a signal, so such a
 * label is written as two concatenated literals.
 */
export function indexLabels(labels: string[]): string {
  const literal = (l: string): string =>
    l in Object.prototype ? `(${JSON.stringify(l.slice(0, 1))} + ${JSON.stringify(l.slice(1))})` : JSON.stringify(l);
  return `[${labels.map(literal).join(', ')}][datum.value]`;
}

export function confusionSpec(
  labels: string[],
  cm: number[][],
  t: { trueClass: string; predClass: string; count: string },
): VlSpec {
  const values = cm.flatMap((row, i) => row.map((c, j) => ({ actual: i, predicted: j, count: c })));
  let max = 1;
  for (const v of values) if (v.count > max) max = v.count;
  const side = Math.min(420, Math.max(200, 48 * labels.length));
  const labelExpr = indexLabels(labels);
  const enc = {
    x: {
      field: 'predicted',
      type: 'ordinal',
      title: t.predClass,
      axis: { grid: false, labelExpr, labelAngle: labels.some((l) => l.length > 3) ? -30 : 0 },
    },
    y: { field: 'actual', type: 'ordinal', title: t.trueClass, axis: { grid: false, labelExpr } },
  };
  return chartBase(
    {
      data: { values },
      encoding: enc,
      layer: [
        {
          mark: 'rect',
          encoding: {
            color: {
              field: 'count',
              type: 'quantitative',
              title: t.count,
              scale: { scheme: 'blues', domain: [0, max] },
              legend: { orient: 'right' },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: labels.length > 8 ? 9 : 12 },
          encoding: {
            text: { field: 'count', type: 'quantitative' },
            color: { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: 'black' },
          },
        },
      ],
    },
    side,
    side,
  );
}

export function rocSpec(points: { fpr: number; tpr: number }[], t: { fpr: string; tpr: string }): VlSpec {
  return chartBase(
    {
      layer: [
        {
          data: {
            values: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
          },
          mark: { type: 'line', color: '#999', strokeDash: [6, 4] },
          encoding: { x: q('x', t.fpr), y: q('y', t.tpr) },
        },
        {
          data: { values: points.map((p, i) => ({ ...p, i })) },
          mark: { type: 'line', color: '#d62728', strokeWidth: 2, interpolate: 'step-after' },
          encoding: {
            x: q('fpr', t.fpr, { scale: { domain: [0, 1] } }),
            y: q('tpr', t.tpr, { scale: { domain: [0, 1] } }),
            order: { field: 'i', type: 'quantitative' },
          },
        },
      ],
    },
    340,
    340,
  );
}

export function barsSpec(
  rows: { label: string; value: number }[],
  t: { x: string; y: string },
  domain?: [number, number],
): VlSpec {
  const labels = rows.map((r) => r.label);
  const x = {
    field: 'i',
    type: 'ordinal',
    title: t.x,
    axis: { labelExpr: indexLabels(labels), labelAngle: labels.some((l) => l.length > 4) ? -30 : 0 },
  };
  return chartBase(
    {
      data: { values: rows.map((r, i) => ({ i, value: r.value })) },
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: { x, y: q('value', t.y, domain ? { scale: { domain } } : {}) },
        },
        {
          mark: { type: 'text', dy: -6, fontSize: 10 },
          encoding: {
            x: { field: 'i', type: 'ordinal' },
            y: q('value', t.y),
            text: { field: 'value', type: 'quantitative', format: '.3f' },
          },
        },
      ],
    },
    Math.min(560, Math.max(240, 44 * rows.length)),
    280,
  );
}
