// Which figures a run gets, from the data in its RunSummary (not from its task name alone): a loss
// curve when there is a history, regression plots when there are numeric test predictions,
// classification plots when there is a confusion matrix, forecast plots when there is a series,
// and the network diagram always.

import { autocorrelation, meanSd, pearson, rocCurve } from '../../metrics/curves.js';
import type { SensitivityJson } from '../analysis-md.js';
import type { Messages } from '../i18n/index.js';
import type { ForecastData, RunSummary } from '../types.js';
import {
  acfSpec,
  barsSpec,
  confusionSpec,
  histogramSpec,
  lossCurveSpec,
  predVsActualSpec,
  rocSpec,
  seriesSpec,
  type VlSpec,
} from './charts.js';
import { imageGridSvg } from './image-grid.js';
import { importanceSpec } from './importance.js';
import { networkDiagramSvg } from './network.js';

export type FigureSource = { kind: 'vega-lite'; spec: VlSpec } | { kind: 'svg'; svg: string };

export interface FigureDef {
  /** File stem under figures/. */
  id: string;
  caption: string;
  source: FigureSource;
}

const vl = (id: string, caption: string, spec: VlSpec): FigureDef => ({
  id,
  caption,
  source: { kind: 'vega-lite', spec },
});

/** `members`: every network's history (from history.csv); without it, the first network's alone. */
export function planFigures(s: RunSummary, m: Messages, members: RunSummary['history'][] = []): FigureDef[] {
  const unit = s.targetUnit ? ` (${s.targetUnit})` : '';
  return [
    ...lossFigures(s, m, members),
    ...regressionFigures(s, m, unit),
    ...classificationFigures(s, m),
    ...(s.forecast ? forecastFigures(s.forecast, m, s.target + unit) : []),
    ...misclassifiedFigures(s, m),
    ...importanceFigures(s, m),
    networkFigure(s, m),
  ];
}

/** The permutation importance of each input, when the run made a sensitivity analysis. */
function importanceFigures(s: RunSummary, m: Messages): FigureDef[] {
  const sens = s.metrics.sensitivity as SensitivityJson | undefined;
  if (!sens || !Array.isArray(sens.features) || sens.features.length === 0) return [];
  const rows = sens.features.map((f) => ({
    feature: f.feature,
    importance: f.permutation_importance,
    std: f.permutation_std,
  }));
  return [vl('importance', m.fig.importance(sens.metric, sens.repeats), importanceSpec(rows, m.axis))];
}

function lossFigures(s: RunSummary, m: Messages, members: RunSummary['history'][]): FigureDef[] {
  if (s.history.length === 0) return [];
  const best = s.metrics.train.best_epoch;
  const nets = members.length > 1 ? members : [s.history];
  return [vl('loss', m.fig.loss(best, nets.length, m.lossName(s.task)), lossCurveSpec(s.history, best, m.axis, nets))];
}

/** Predicted against actual and the residual histogram, when the test predictions are numbers (not a forecast). */
function regressionFigures(s: RunSummary, m: Messages, unit: string): FigureDef[] {
  const a = m.axis;
  const p = s.predictions;
  const numeric =
    p &&
    p.actual.length > 0 &&
    p.actual.every((v) => typeof v === 'number') &&
    p.predicted.every((v) => typeof v === 'number');
  if (!(p && numeric && !s.forecast)) return [];
  const actual = p.actual as number[];
  const predicted = p.predicted as number[];
  const r2 = Number(s.metrics.test.r2);
  const residuals = actual.map((y, i) => y - predicted[i]);
  const { mean, sd } = meanSd(residuals);
  return [
    vl(
      'pred_vs_actual',
      m.fig.predVsActual(s.target, pearson(actual, predicted), r2),
      predVsActualSpec(actual, predicted, { actual: `${a.actual}${unit}`, predicted: `${a.predicted}${unit}` }),
    ),
    vl(
      'residuals',
      m.fig.residuals(s.target, mean, sd),
      histogramSpec(residuals, { x: `${a.residual}${unit}`, count: a.count }),
    ),
  ];
}

/** The confusion matrix, the ROC curve of a two-class problem and the F1 of each class. */
function classificationFigures(s: RunSummary, m: Messages): FigureDef[] {
  const a = m.axis;
  const p = s.predictions;
  const cm = s.metrics.test.confusion_matrix as number[][] | undefined;
  const labels = s.metrics.test.labels as string[] | undefined;
  if (!(cm && labels)) return [];
  const figs: FigureDef[] = [
    vl(
      'confusion_matrix',
      m.fig.confusion,
      confusionSpec(labels, cm, { trueClass: a.trueClass, predClass: a.predClass, count: a.count }),
    ),
  ];
  if (labels.length === 2 && p?.probabilities) {
    const roc = rocCurve(
      p.probabilities.map((r) => r[1]),
      p.actual.map((y) => String(y) === labels[1]),
    );
    figs.push(vl('roc', m.fig.roc(labels[1], roc.auc), rocSpec(roc.points, a)));
  }
  const per = s.metrics.test.per_class as { label: string; f1: number; support: number }[] | undefined;
  if (per)
    figs.push(
      vl(
        'f1_per_class',
        m.fig.f1,
        barsSpec(
          per.map((c) => ({ label: `${c.label} (${c.support})`, value: c.f1 })),
          { x: a.class, y: a.f1 },
          [0, 1],
        ),
      ),
    );
  return figs;
}

function misclassifiedFigures(s: RunSummary, m: Messages): FigureDef[] {
  const a = m.axis;
  if (!(s.misclassified && s.misclassified.items.length > 0)) return [];
  const mc = s.misclassified;
  return [
    {
      id: 'misclassified',
      caption: m.fig.misclassified(mc.items.length),
      source: { kind: 'svg', svg: imageGridSvg(mc.shape, mc.items, { actual: a.trueClass, predicted: a.predClass }) },
    },
  ];
}

function networkFigure(s: RunSummary, m: Messages): FigureDef {
  const a = m.axis;
  return {
    id: 'network',
    caption: m.fig.network(s.paramCount),
    source: { kind: 'svg', svg: networkDiagramSvg(s.inShape, s.layers, s.paramCount, { ...a, total: m.tables.total }) },
  };
}

/** Forecast figures from plain arrays: the test part with one-step and multi-step forecasts, the future with its band, residual autocorrelation. */
export function forecastFigures(f: ForecastData, m: Messages, yTitle: string): FigureDef[] {
  const t = { x: m.axis.time, y: yTitle };
  return [forecastTestFigure(f, m, t), seriesFullFigure(f, m, t), ...futureFigures(f, m, t), ...acfFigures(f, m)];
}

type SeriesTitles = { x: string; y: string };

function forecastTestFigure(f: ForecastData, m: Messages, t: SeriesTitles): FigureDef {
  const a = m.axis;
  // NOTE: the test figure shows the test part and the last stretch of training before it (twice the
  // test length, at least 24 periods), so the test points are not squeezed into the right edge; the
  // whole series is its own figure.
  const tail = Math.min(f.history.x.length, Math.max(2 * f.test.x.length, 24));
  const series = [
    { name: a.history, x: f.history.x.slice(-tail), y: f.history.y.slice(-tail) },
    { name: a.testActual, x: f.test.x, y: f.test.actual, marker: true },
  ];
  if (f.test.oneStep) series.push({ name: a.oneStep, x: f.test.x, y: f.test.oneStep, marker: true });
  if (f.test.multiStep) series.push({ name: a.multiStep, x: f.test.x, y: f.test.multiStep, marker: true });
  return vl(
    'forecast_test',
    m.fig.forecastTest(tail),
    seriesSpec(
      series.map((x, i) => ({ ...x, dash: i >= 2 })),
      t,
    ),
  );
}

function seriesFullFigure(f: ForecastData, m: Messages, t: SeriesTitles): FigureDef {
  const a = m.axis;
  return vl(
    'series_full',
    m.fig.seriesFull,
    seriesSpec(
      [
        { name: a.history, x: f.history.x, y: f.history.y },
        { name: a.testActual, x: f.test.x, y: f.test.actual },
      ],
      t,
    ),
  );
}

/** The periods after the data, with the prediction interval as a band when there is one. */
function futureFigures(f: ForecastData, m: Messages, t: SeriesTitles): FigureDef[] {
  const a = m.axis;
  if (!f.future) return [];
  const fu = f.future;
  const tail = Math.min(f.history.x.length + f.test.x.length, Math.max(3 * fu.x.length, 24));
  const xs = [...f.history.x, ...f.test.x].slice(-tail);
  const ys = [...f.history.y, ...f.test.actual].slice(-tail);
  const band = fu.lower && fu.upper ? { x: fu.x, lower: fu.lower, upper: fu.upper, name: a.interval } : undefined;
  return [
    vl(
      'forecast_future',
      m.fig.forecastFuture(band ? fu.level : undefined),
      seriesSpec(
        [
          { name: a.history, x: xs, y: ys },
          { name: a.forecast, x: fu.x, y: fu.mean, dash: true },
        ],
        t,
        band,
      ),
    ),
  ];
}

function acfFigures(f: ForecastData, m: Messages): FigureDef[] {
  if (!(f.residuals && f.residuals.length > 3)) return [];
  const acf = autocorrelation(f.residuals, Math.min(24, f.residuals.length - 1));
  return [
    vl('residual_acf', m.fig.acf(1.96 / Math.sqrt(f.residuals.length)), acfSpec(acf, f.residuals.length, m.axis)),
  ];
}
