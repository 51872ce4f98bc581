// Vega-Lite 5 specifications of the time-series figures: lines of history, test part and forecasts
// (with an interval band), and the autocorrelation of residuals. Pure data in, JSON out.

import { chartBase, q, type VlSpec } from './chart-base.js';

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
  return chartBase({ layer: layers }, 560, 300);
}

export function acfSpec(acf: number[], n: number, t: { lag: string; acf: string }): VlSpec {
  const bound = 1.96 / Math.sqrt(Math.max(1, n));
  return chartBase({
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
