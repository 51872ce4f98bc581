// Vega-Lite 5 specifications for the report's figures, from plain arrays and already-translated
// labels. Pure data in, JSON out: no vega import here (rendering is in render.ts, loaded lazily).

/** Fonts with CJK glyphs on Windows, macOS and Linux, then the generic fallback. */
export const FONT_STACK =
  '"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", sans-serif';

export type VlSpec = Record<string, unknown>;

const W = 440;
const H = 300;

function base(spec: VlSpec, width = W, height = H): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width,
    height,
    background: 'white',
    padding: 8,
    config: {
      font: FONT_STACK,
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', grid: true, gridColor: '#e6e6e6' },
      legend: {
        labelFontSize: 11,
        titleFontSize: 11,
        orient: 'top',
        direction: 'horizontal',
        columnPadding: 24,
        labelLimit: 320,
        symbolStrokeWidth: 2,
      },
      view: { stroke: '#888' },
    },
    ...spec,
  };
}

const q = (field: string, title: string, extra: VlSpec = {}): VlSpec => ({
  field,
  type: 'quantitative',
  title,
  ...extra,
});

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
  return base({ layer: layers });
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
  return base(
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
  return base({
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
  return base(
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
  return base(
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
  return base(
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

/** x values: ISO dates become a time axis, anything else a numeric (period) axis. */
function xType(xs: (string | number)[]): 'temporal' | 'quantitative' {
  return xs.length > 0 && xs.every((x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)))
    ? 'temporal'
    : 'quantitative';
}

/** Dash patterns and point shapes that tell the series apart without colour (greyscale print). */
const DASHES = [
  [1, 0],
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
];
const SHAPES = ['circle', 'circle', 'square', 'triangle-up', 'diamond'];
const COLOURS = ['#1f77b4', '#000000', '#d62728', '#2ca02c', '#9467bd'];

export function seriesSpec(
  series: { name: string; x: (string | number)[]; y: number[]; dash?: boolean; marker?: boolean }[],
  t: { x: string; y: string },
  band?: { x: (string | number)[]; lower: number[]; upper: number[]; name: string },
): VlSpec {
  const type = xType(series.flatMap((s) => s.x));
  const values = series.flatMap((s) => s.x.map((x, i) => ({ x, y: s.y[i], series: s.name })));
  const names = series.map((s) => s.name);
  // NOTE: a numeric date format, not month names, which Vega writes in English whatever the report language.
  const xEnc = { field: 'x', type, title: t.x, ...(type === 'temporal' ? { axis: { format: '%Y-%m' } } : {}) };
  const layers: VlSpec[] = [];
  if (band) {
    layers.push({
      data: { values: band.x.map((x, i) => ({ x, lo: band.lower[i], hi: band.upper[i] })) },
      mark: { type: 'area', opacity: 0.2, color: '#7f7f7f' },
      encoding: { x: xEnc, y: q('lo', t.y), y2: { field: 'hi' } },
    });
  }
  let k = 0;
  const dashes = series.map((s, i) => (s.dash ? DASHES[2 + (k++ % 3)] : DASHES[Math.min(i, 1)]));
  const colour = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: names.map((_, i) => COLOURS[i % COLOURS.length]) },
  };
  layers.push({
    data: { values },
    mark: { type: 'line', strokeWidth: 1.6 },
    encoding: {
      x: xEnc,
      y: q('y', t.y, { scale: { zero: false } }),
      color: colour,
      // same field and title as color, so Vega-Lite merges both into one legend showing the dashes
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: dashes } },
    },
  });
  const marked = series.filter((s) => s.marker).map((s) => s.name);
  if (marked.length) {
    layers.push({
      data: { values: values.filter((v) => marked.includes(v.series)) },
      mark: { type: 'point', filled: true, size: 22 },
      encoding: {
        x: xEnc,
        y: q('y', t.y),
        color: colour,
        shape: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: names, range: names.map((_, i) => SHAPES[i % SHAPES.length]) },
        },
      },
    });
  }
  return base({ layer: layers }, 560, 300);
}

export function acfSpec(acf: number[], n: number, t: { lag: string; acf: string }): VlSpec {
  const bound = 1.96 / Math.sqrt(Math.max(1, n));
  return base({
    layer: [
      {
        data: { values: acf.map((r, i) => ({ lag: i + 1, r })) },
        mark: { type: 'bar', color: '#4c78a8', width: { band: 0.5 } },
        encoding: {
          x: { field: 'lag', type: 'ordinal', title: t.lag, axis: { labelAngle: 0 } },
          y: q('r', t.acf, { scale: { domain: [-1, 1] } }),
        },
      },
      {
        data: { values: [{ b: bound }, { b: -bound }] },
        mark: { type: 'rule', strokeDash: [5, 4], color: '#d62728' },
        encoding: { y: q('b', t.acf) },
      },
    ],
  });
}

/** The shared frame (size, fonts, axis and legend style) for charts defined elsewhere (report/cluster/). */
export { base as chartBase };
