// Apply a forecast model: one-step forecasts over the given series (or the training series when no
// data is given) and, with a horizon, forecasts after its end with 95% intervals from simulated
// paths drawn with the run's own seed, so `predict` reproduces the run's forecast.csv exactly.

import { formatTime } from '../../data/dates.js';
import type { RawTable } from '../../data/load.js';
import { inferSchema } from '../../data/schema.js';
import { loadSeries, transformLag } from '../../data/series.js';
import { UserError } from '../../errors.js';
import { regressionMetrics } from '../../metrics/regression.js';
import type { Cell } from '../../report/csv.js';
import type { ApplyOptions, Evaluation, LoadedModelOf, Predictions } from '../model.js';
import { forecastAhead, oneStep, type SeriesModel } from './forecasting.js';

type Model = LoadedModelOf<'forecast'>;

export function evaluateForecast(m: Model, t: RawTable): Evaluation {
  const pr = applyForecast(m, t, {});
  const actual = Float64Array.from(pr.actual ?? [], Number);
  return {
    task: m.task,
    rows: t.nRows,
    evaluatedRows: actual.length,
    test: { one_step: regressionMetrics(actual, Float64Array.from(pr.predicted, Number)) },
    notes: pr.notes,
  };
}

export function applyForecast(m: Model, t: RawTable | undefined, o: ApplyOptions): Predictions {
  const p = m.pipeline;
  const notes: string[] = [];
  const covariates = p.covariates ?? [];
  let values: ArrayLike<number> = p.values;
  let covValues: ArrayLike<number>[] = covariates.map((c) => c.values);
  let times = p.times;
  if (t) {
    const schema = inferSchema(t);
    for (const c of covariates) {
      const col = schema.columns.find((k) => k.name === c.name);
      if (!col) {
        throw new UserError({
          file: t.file,
          message: `has no column "${c.name}": the model reads this covariate as an input channel`,
          hint: `add the column "${c.name}" with its value for every period, as in the training file (the model's covariates: ${covariates.map((v) => `"${v.name}"`).join(', ')})`,
        });
      }
      if (col.type !== 'number' && col.type !== 'constant') {
        throw new UserError({
          file: t.file,
          column: c.name,
          message: `is a ${col.type} column, but the model reads it as a numeric covariate`,
          hint: `give the numbers of "${c.name}" for every period, as in the training file`,
        });
      }
    }
    const series = loadSeries(
      t,
      schema,
      p.target,
      p.timeColumn,
      covariates.map((c) => c.name),
    );
    notes.push(...series.notes);
    values = series.values;
    covValues = series.covariates.map((c) => c.values);
    times = series.times;
    // A log-transformed channel cannot read a zero or negative value (it would turn every forecast
    // after it into NaN), so say which period and column instead.
    const channels = [
      { name: p.target, log: p.transform.log, v: series.values },
      ...covariates.map((c, k) => ({ name: c.name, log: c.transform.log, v: series.covariates[k].values })),
    ];
    for (const { name, log, v } of channels) {
      const bad = log ? v.findIndex((x) => !(x > 0)) : -1;
      if (bad < 0) continue;
      const when = p.freq === 'rows' ? `row ${bad + 1} of the series` : `period ${formatTime(times[bad], p.freq)}`;
      throw new UserError({
        file: t.file,
        column: name,
        message: `has ${v[bad]} at ${when}, but the model works on the log of "${name}" (all its training values were positive)`,
        hint: 'give positive values, or train again on data that includes such values',
      });
    }
  } else notes.push(`no data given: continuing the training series (${p.values.length} points)`);
  const outputs = p.outputs ?? 1;
  const strategy = p.strategy ?? (outputs > 1 ? 'direct' : 'recursive');
  const sm: SeriesModel = {
    members: m.members,
    transform: p.transform,
    covariates: covariates.map((c) => c.transform),
    window: p.window,
    strategy,
    outputs,
  };
  if (o.horizon && strategy === 'direct' && o.horizon > sm.outputs) {
    throw new UserError({
      file: m.path,
      message: `is a direct-strategy model that forecasts at most ${sm.outputs} periods, not ${o.horizon}`,
      hint: `use --horizon ${sm.outputs} or less, or train with a larger --horizon`,
    });
  }
  const from = Math.max(...[p.transform, ...sm.covariates].map(transformLag)) + p.window;
  if (values.length <= from && !o.horizon) {
    throw new UserError({
      file: t?.file ?? m.path,
      message: `the series has ${values.length} points; the model needs more than ${from} to forecast from`,
      hint: 'give a longer history',
    });
  }
  const label = (i: number): Cell => (p.freq === 'rows' ? i + 1 : formatTime(times[i], p.freq));
  const inSample = values.length > from ? oneStep(sm, values, covValues, from) : new Float64Array(0);
  const ids: Cell[] = [];
  const actual: Cell[] = [];
  const predicted: Cell[] = [];
  const lower: Cell[] = [];
  const upper: Cell[] = [];
  inSample.forEach((v, i) => {
    ids.push(label(from + i));
    actual.push(values[from + i]);
    predicted.push(v);
    lower.push(null);
    upper.push(null);
  });
  if (o.horizon) {
    if (values.length < from)
      throw new UserError({
        file: t?.file ?? m.path,
        message: `the series has ${values.length} points; forecasting needs at least ${from}`,
        hint: 'give a longer history',
      });
    const f = forecastAhead(
      sm,
      values,
      covValues,
      o.horizon,
      p.residuals ?? [],
      m.seed,
      times[times.length - 1],
      p.freq,
    );
    f.labels.forEach((l, h) => {
      ids.push(l);
      actual.push(null);
      predicted.push(f.point[h]);
      lower.push(f.lower[h]);
      upper.push(f.upper[h]);
    });
    notes.push(`forecast ${o.horizon} period(s) after the data ends, with 95% intervals from simulated paths`);
  }
  return {
    task: 'forecast',
    idHeader: p.freq === 'rows' ? 'row' : 'date',
    ids,
    actual,
    predicted,
    ...(o.horizon ? { lower, upper } : {}),
    notes,
  };
}
