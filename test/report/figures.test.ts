import { describe, expect, it } from 'vitest';
import { lossCurveSpec, seriesSpec, type VlSpec } from '../../src/report/figures/charts.js';
import { forecastFigures } from '../../src/report/figures/plan.js';
import { messages } from '../../src/report/i18n/index.js';

const T = { epoch: 'epoch', loss: 'loss', train: 'training', validation: 'validation' };
const hist = (n: number, from: number, to: number): { epoch: number; train_loss: number; val_loss: number }[] =>
  Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    train_loss: from * (to / from) ** (i / (n - 1)),
    val_loss: 1.1 * from * (to / from) ** (i / (n - 1)),
  }));
const layers = (s: VlSpec): VlSpec[] => s.layer as VlSpec[];
const yScale = (s: VlSpec): unknown => ((layers(s)[layers(s).length - 2].encoding as VlSpec).y as VlSpec).scale;

describe('figures a judge accepts', () => {
  it('the loss axis is logarithmic when the loss spans more than one decade, linear otherwise', () => {
    expect(yScale(lossCurveSpec(hist(30, 2, 0.1), 30, T))).toEqual({ type: 'log' });
    expect(yScale(lossCurveSpec(hist(30, 2, 0.3), 30, T))).toEqual({ zero: false });
  });

  it('every ensemble member is drawn thin, and their mean bold', () => {
    const members = [hist(10, 1, 0.5), hist(8, 1.2, 0.6), hist(12, 0.9, 0.4)];
    const s = lossCurveSpec(members[0], 5, T, members);
    const [thin, mean] = layers(s);
    expect((thin.data as { values: unknown[] }).values).toHaveLength(2 * (10 + 8 + 12));
    expect((thin.encoding as VlSpec).detail).toEqual({ field: 'net', type: 'nominal' });
    expect((thin.mark as VlSpec).strokeWidth).toBeLessThan((mean.mark as VlSpec).strokeWidth as number);
    const values = (mean.data as { values: { epoch: number; loss: number; set: string }[] }).values;
    expect(values.filter((v) => v.set === 'training')).toHaveLength(12);
    const e1 = values.find((v) => v.epoch === 1 && v.set === 'training')!.loss;
    expect(e1).toBeCloseTo((1 + 1.2 + 0.9) / 3, 10);
    expect(values.find((v) => v.epoch === 12 && v.set === 'training')!.loss).toBeCloseTo(0.4, 10); // only one network left
  });

  it('training and validation differ by dash pattern, not colour alone', () => {
    const dash = ((layers(lossCurveSpec(hist(5, 1, 0.5), 3, T))[0].encoding as VlSpec).strokeDash as VlSpec).scale as {
      range: number[][];
    };
    expect(new Set(dash.range.map(String)).size).toBe(2);
  });

  it('series are told apart in greyscale: distinct dash patterns or markers for every forecast line', () => {
    const s = seriesSpec(
      [
        { name: 'h', x: [1, 2], y: [1, 2] },
        { name: 't', x: [3, 4], y: [3, 4], marker: true },
        { name: 'o', x: [3, 4], y: [3, 4], dash: true, marker: true },
        { name: 'm', x: [3, 4], y: [3, 4], dash: true, marker: true },
      ],
      { x: 'x', y: 'y' },
    );
    const line = layers(s).find((l) => (l.mark as VlSpec).type === 'line')!;
    const dashes = ((line.encoding as VlSpec).strokeDash as VlSpec).scale as { range: number[][] };
    expect(new Set(dashes.range.slice(1).map(String)).size).toBe(3);
    const points = layers(s).find((l) => (l.mark as VlSpec).type === 'point')!;
    const shapes = ((points.encoding as VlSpec).shape as VlSpec).scale as { range: string[] };
    expect(new Set(shapes.range.slice(1)).size).toBe(3);
  });

  it('the forecast test figure zooms on the last training periods; the whole series is its own figure', () => {
    const n = 120;
    const f = {
      history: { x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => i) },
      test: {
        x: [120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135],
        actual: Array(16).fill(1),
        oneStep: Array(16).fill(1),
      },
    };
    const figs = forecastFigures(f, messages('en'), 'y');
    const test = figs.find((x) => x.id === 'forecast_test')!;
    const full = figs.find((x) => x.id === 'series_full')!;
    const vals = (s: VlSpec, name: string): unknown[] =>
      (layers(s)[0].data as { values: { series: string }[] }).values.filter((v) => v.series === name);
    expect(vals((test.source as { spec: VlSpec }).spec, 'history')).toHaveLength(32);
    expect(vals((full.source as { spec: VlSpec }).spec, 'history')).toHaveLength(n);
    expect(test.caption).toContain('last 32 training periods');
  });
});
