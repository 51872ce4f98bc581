// Apply a forecast model: one-step forecasts over the given series (or the training series when no
// data is given) and, with a horizon, forecasts after its end with 95% intervals from simulated
// paths drawn with the run's own seed, so `predict` reproduces the run's forecast.csv exactly.

import { formatTime } from '../../data/dates.js';
import type { RawTable } from '../../data/load.js';
import { inferSchema, type Schema } from '../../data/schema.js';
import { loadSeries, type Series, transformLag } from '../../data/series.js';
import { UserError } from '../../errors.js';
import { regressionMetrics } from '../../metrics/regression.js';
import type { Cell } from '../../report/csv.js';
import type { ApplyOptions, Evaluation, LoadedModelOf, Predictions } from '../model.js';
import { forecastAhead, oneStep, type SeriesModel } from './forecasting.js';
import type { CovariatePipeline, SeriesPipeline } from './job-types.js';

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
  const input = t ? readInput(p, t) : trainingInput(p);
  const { values, covValues, times, yearOnly, notes } = input;
  const sm = seriesModel(m);
  if (o.horizon && sm.strategy === 'direct' && o.horizon > sm.outputs) {
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
  const label = (i: number): Cell => (p.freq === 'rows' ? i + 1 : formatTime(times[i], p.freq, yearOnly));
  const inSample = values.length > from ? oneStep(sm, values, covValues, from) : new Float64Array(0);
  const rows: Rows = { ids: [], actual: [], predicted: [], lower: [], upper: [] };
  inSample.forEach((v, i) => pushRow(rows, label(from + i), values[from + i], v, null, null));
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
      yearOnly,
    );
    f.labels.forEach((l, h) => pushRow(rows, l, null, f.point[h], f.lower[h], f.upper[h]));
    notes.push(`forecast ${o.horizon} period(s) after the data ends, with 95% intervals from simulated paths`);
  }
  return {
    task: 'forecast',
    idHeader: p.freq === 'rows' ? 'row' : 'date',
    ids: rows.ids,
    actual: rows.actual,
    predicted: rows.predicted,
    ...(o.horizon ? { lower: rows.lower, upper: rows.upper } : {}),
    notes,
  };
}

/** The columns of the predictions table, one entry per row. */
interface Rows {
  ids: Cell[];
  actual: Cell[];
  predicted: Cell[];
  lower: Cell[];
  upper: Cell[];
}

function pushRow(rows: Rows, id: Cell, actual: Cell, predicted: Cell, lower: Cell, upper: Cell): void {
  rows.ids.push(id);
  rows.actual.push(actual);
  rows.predicted.push(predicted);
  rows.lower.push(lower);
  rows.upper.push(upper);
}

/** The series a forecast starts from: the target, its covariates and their times. */
interface SeriesInput {
  values: ArrayLike<number>;
  covValues: ArrayLike<number>[];
  times: number[];
  yearOnly: boolean;
  notes: string[];
}

function seriesModel(m: Model): SeriesModel {
  const p = m.pipeline;
  const outputs = p.outputs ?? 1;
  return {
    members: m.members,
    transform: p.transform,
    covariates: (p.covariates ?? []).map((c) => c.transform),
    window: p.window,
    strategy: p.strategy ?? (outputs > 1 ? 'direct' : 'recursive'),
    outputs,
  };
}

/** No data given: the training series stored in the model file. */
function trainingInput(p: SeriesPipeline): SeriesInput {
  return {
    values: p.values,
    covValues: (p.covariates ?? []).map((c) => c.values),
    times: p.times,
    yearOnly: p.yearOnly ?? true,
    notes: [`no data given: continuing the training series (${p.values.length} points)`],
  };
}

/** The series of a given table, its covariate columns checked against the model's. */
function readInput(p: SeriesPipeline, t: RawTable): SeriesInput {
  const covariates = p.covariates ?? [];
  const schema = inferSchema(t);
  checkCovariateColumns(covariates, schema, t);
  const series = loadSeries(
    t,
    schema,
    p.target,
    p.timeColumn,
    covariates.map((c) => c.name),
  );
  checkLogPositive(p, series, t);
  return {
    values: series.values,
    covValues: series.covariates.map((c) => c.values),
    times: series.times,
    yearOnly: series.yearOnly,
    notes: [...series.notes],
  };
}

function checkCovariateColumns(covariates: CovariatePipeline[], schema: Schema, t: RawTable): void {
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
}

// A log-transformed channel cannot read a zero or negative value (it would turn every forecast
// after it into NaN), so say which period and column instead.
function checkLogPositive(p: SeriesPipeline, series: Series, t: RawTable): void {
  const covariates = p.covariates ?? [];
  const channels = [
    { name: p.target, log: p.transform.log, v: series.values },
    ...covariates.map((c, k) => ({ name: c.name, log: c.transform.log, v: series.covariates[k].values })),
  ];
  for (const { name, log, v } of channels) {
    const bad = log ? v.findIndex((x) => !(x > 0)) : -1;
    if (bad < 0) continue;
    const when = p.freq === 'rows' ? `row ${bad + 1} of the series` : `period ${formatTime(series.times[bad], p.freq)}`;
    throw new UserError({
      file: t.file,
      column: name,
      message: `has ${v[bad]} at ${when}, but the model works on the log of "${name}" (all its training values were positive)`,
      hint: 'give positive values, or train again on data that includes such values',
    });
  }
}
