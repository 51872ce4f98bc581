import { describe, expect, it } from 'vitest';
import { formatTime, inferFrequency, parseDate, stepTime } from '../../src/data/dates.js';
import {
  chooseTransform,
  forwardTransform,
  inverseStep,
  levelOf,
  type SeriesTransform,
} from '../../src/data/series.js';

describe('dates', () => {
  it.each([
    ['2020-03-15', Date.UTC(2020, 2, 15)],
    ['2020/3/5', Date.UTC(2020, 2, 5)],
    ['2020-03', Date.UTC(2020, 2, 1)],
    ['2020年3月', Date.UTC(2020, 2, 1)],
    ['2020Q2', Date.UTC(2020, 3, 1)],
    ['1999', Date.UTC(1999, 0, 1)],
    ['2020-03-15 13:45', Date.UTC(2020, 2, 15, 13, 45)],
  ])('%s', (s, t) => expect(parseDate(s)).toBe(t));

  it('not a date', () => expect(parseDate('hello')).toBeNaN());

  it('frequencies and calendar steps', () => {
    const months = Array.from({ length: 6 }, (_, i) => Date.UTC(2020, i, 1));
    expect(inferFrequency(months)).toBe('monthly');
    expect(inferFrequency([1990, 1991, 1992].map((y) => Date.UTC(y, 0, 1)))).toBe('yearly');
    expect(inferFrequency([0, 1, 2].map((d) => Date.UTC(2020, 0, 1 + d)))).toBe('daily');
    expect(formatTime(stepTime(Date.UTC(1960, 11, 1), 'monthly', 1), 'monthly')).toBe('1961-01-01');
    expect(formatTime(stepTime(Date.UTC(2019, 9, 1), 'quarterly', 2), 'quarterly')).toBe('2020-04-01');
  });
});

describe('series transforms', () => {
  const tfs: SeriesTransform[] = [
    { log: true, seasonalLag: 4, diff: 0, mean: 0.1, std: 0.5 },
    { log: false, seasonalLag: 0, diff: 1, mean: 2, std: 3 },
    { log: true, seasonalLag: 4, diff: 1, mean: 0, std: 1 },
  ];
  const y = Float64Array.from({ length: 20 }, (_, t) => (10 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 4)));
  it.each(tfs)('inverse(forward(y)) = y for %j', (tf) => {
    const z = forwardTransform(y, tf);
    const lag = tf.seasonalLag + tf.diff;
    const u = Array.from(y, (v) => levelOf(v, tf));
    for (let t = lag; t < y.length; t++) expect(inverseStep(z[t - lag], u, t, tf)[0]).toBeCloseTo(y[t], 9);
  });

  it('a growing multiplicative season gets log + seasonal difference', () => {
    const { transform } = chooseTransform(
      Float64Array.from({ length: 48 }, (_, t) => (100 + 5 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))),
      12,
    );
    expect(transform.log).toBe(true);
    expect(transform.seasonalLag).toBe(12);
  });

  it('a straight trend without season gets a first difference, no log', () => {
    const { transform } = chooseTransform(
      Float64Array.from({ length: 40 }, (_, t) => 50 + 2 * t + Math.sin(t)),
      1,
    );
    expect(transform).toMatchObject({ log: false, seasonalLag: 0, diff: 1 });
  });
});
