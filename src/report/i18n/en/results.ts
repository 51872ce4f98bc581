// English messages of the report's section 3 (results) and 4 (reproducibility): figure captions,
// axis labels and the interpretation of the test metrics against the baselines.

import { num } from '../../numbers.js';

const n = (x: number, d = 4): string => num(x, d);

export const enResults = {
  fig: {
    loss: (best: number, members: number, loss: string) =>
      `Training (solid) and validation (dashed) loss per epoch (${loss})${members > 1 ? `: each of the ${members} networks as a thin line, their mean per epoch (over the networks still training) in bold; the dotted line marks the first network's best validation epoch (${best})` : `; the dotted line marks the best validation epoch (${best}), whose weights were kept`}.`,
    predVsActual: (target: string, r: number, r2: number) =>
      `Predicted against actual \`${target}\` on the test rows, with the line y = x (a perfect prediction); Pearson r = ${n(r, 3)}, R² = ${n(r2, 3)}.`,
    residuals: (target: string, mean: number, sd: number) =>
      `Distribution of the test residuals (actual − predicted) of \`${target}\`; mean ${n(mean, 3)}, standard deviation ${n(sd, 3)}.`,
    confusion: 'Confusion matrix on the test rows (rows: true class, columns: predicted class, cells: counts).',
    roc: (pos: string, auc: number) =>
      `ROC curve on the test rows with "${pos}" as the positive class; AUC = ${n(auc, 3)}. The diagonal is a random guess.`,
    f1: 'F1 score of each class on the test rows (support in brackets).',
    misclassified: (n: number) => `${n} misclassified test image(s), each labelled true class → predicted class.`,
    network: (params: number) =>
      `Network structure: layers, output shapes and parameter counts (${params} parameters in all).`,
    forecastTest: (tail: number) =>
      `The test part and the forecasts, after the last ${tail} training periods: one-step (each point from the true history before it) and multi-step (one forecast from the start of the test part).`,
    seriesFull: 'The whole series: the training part and the test part.',
    forecastFuture: (level: number | undefined) =>
      `Forecast after the end of the data${level ? `, with a ${Math.round(level * 100)}% prediction interval` : ''}.`,
    importance: (metric: string, repeats: number) =>
      `Permutation importance of each input on the test rows: the drop in ${({ r2: 'R²', rmse: 'RMSE', accuracy: 'accuracy' } as Record<string, string>)[metric] ?? metric} when the input's values are shuffled (mean of ${repeats} shuffles; the whiskers are ± one standard deviation). Longer bars matter more to the network.`,
    acf: (bound: number) =>
      `Autocorrelation of the one-step test residuals by lag; bars beyond ±${n(bound, 2)} (dashed) suggest structure the model missed.`,
  },
  axis: {
    epoch: 'epoch',
    loss: 'loss',
    actual: 'actual',
    predicted: 'predicted',
    residual: 'residual (actual − predicted)',
    count: 'count',
    trueClass: 'true class',
    predClass: 'predicted class',
    fpr: 'false positive rate',
    tpr: 'true positive rate',
    class: 'class',
    input: 'input',
    importance: 'permutation importance',
    f1: 'F1',
    lag: 'lag',
    acf: 'autocorrelation',
    time: 'time',
    value: 'value',
    train: 'training',
    validation: 'validation',
    history: 'history',
    testActual: 'test (actual)',
    oneStep: 'one-step forecast',
    multiStep: 'multi-step forecast',
    forecast: 'forecast',
    interval: 'interval',
    params: 'parameters',
    output: 'output',
    inputLayer: 'input',
  },
  pngFontMissing:
    'No CJK font file was found on this machine, so Chinese text in the PNG figures may show as boxes (the SVG figures are fine); install one, e.g. `apt-get install fonts-noto-cjk`.',
  interp: {
    r2: (r2: number, target: string) =>
      `R² = ${n(r2, 3)}: the network explains ${Math.max(0, Math.round(r2 * 100))}% of the variance of \`${target}\` on unseen rows (1 is a perfect fit, 0 is no better than always predicting the mean${r2 < 0 ? '; this model is worse than that' : ''}).`,
    mapeUngraded: (mape: number, why: 'r2' | 'sign') =>
      `MAPE ${n(mape, 3)}%, not graded: ${why === 'r2' ? 'R² is below 0, so the model is worse than predicting the mean and a low percentage error would mislead' : 'the target takes both signs, so percentage errors of values near 0 are meaningless'}; read RMSE and MAE.`,
    mape: (mape: number) =>
      `MAPE ${n(mape, 3)}%: ${mape < 10 ? 'highly accurate' : mape < 20 ? 'good' : mape < 50 ? 'reasonable' : 'inaccurate'} by Lewis's (1982) scale (under 10% highly accurate, 10–20% good, 20–50% reasonable, over 50% inaccurate).`,
    /** Error metrics: a win is an error reduction ("RMSE 18% lower"). */
    lowerError: (metric: string, mine: number, theirs: number, pct: number, baseline: string) =>
      `The network beats the ${baseline}: its ${metric} ${n(mine)} is ${pct}% lower than ${n(theirs)}.`,
    /** Accuracy: a win is a difference in percentage points, never "% better". */
    higherScore: (metric: string, mine: number, theirs: number, pp: number, baseline: string) =>
      `The network beats the ${baseline}: its ${metric} ${n(mine)} is ${n(pp, 3)} percentage points above ${n(theirs)}.`,
    ties: (metric: string, v: number, baseline: string) =>
      `The network ties the ${baseline} (${metric} ${n(v)} for both); on this test part it is not shown to be better.`,
    notBeat: (metric: string, mine: number, theirs: number, baseline: string) =>
      `**The network does not beat the ${baseline}** (${metric} ${n(mine)} against ${n(theirs)}) on this test part; do not claim it is useful without a better model or more data.`,
    metricInText: (k: string): string =>
      ({ accuracy: 'accuracy', rmse: 'RMSE', multi_step_rmse: 'multi-step RMSE' })[k] ?? k,
    baselineName: (b: string): string =>
      ({
        majority: 'majority-class baseline',
        mean: 'mean baseline',
        naive: 'naive baseline',
        seasonal_naive: 'seasonal naive baseline',
        drift: 'drift baseline',
        logistic_regression: 'logistic-regression baseline',
        knn_5: '5-nearest-neighbours baseline',
        naive_bayes: 'multinomial naive Bayes baseline',
        tfidf_logistic_regression: 'TF-IDF logistic-regression baseline',
        linear_regression: 'least-squares baseline',
        holt: "Holt's linear trend baseline",
        gm11: 'grey model GM(1,1) baseline',
        kmeans: 'k-means baseline',
      })[b] ?? `${b.replace(/_/g, ' ')} baseline`,
    accuracy: (acc: number, base: number) =>
      `Accuracy ${n(acc, 3)} against ${n(base, 3)} for always answering the most frequent class.`,
    macroF1: (f1: number) =>
      `Macro F1 ${n(f1, 3)} averages the F1 score of every class with equal weight, so a class the network ignores pulls it down even when accuracy looks high.`,
    imbalance: (ratio: number) =>
      `**Class imbalance**: the largest test class is ${ratio}× the smallest; read macro F1 and the confusion matrix, not accuracy alone.`,
    weakest: (label: string, f1: number) => `The weakest class is "${label}" (F1 ${n(f1, 3)}).`,
    equalF1: (f1: number) => `Every class has the same F1 (${n(f1, 3)}): no class is weaker than another.`,
    auc: (auc: number) =>
      `AUC ${n(auc, 3)}: ${auc >= 0.9 ? 'excellent' : auc >= 0.8 ? 'good' : auc >= 0.7 ? 'fair' : 'poor'} separation of the two classes (0.5 is a coin toss, 1 is perfect).`,
  },
  repro: (version: string, seed: number, sha: string) =>
    `nnm ${version}; seed ${seed}; data SHA-256 \`${sha}\`. The run folder's config.json, given back with --config, reruns it; \`nnm report\` on the run folder rebuilds this report.`,
  htmlFigureFallback: 'figure',
};

export type ResultsMessages = typeof enResults;
