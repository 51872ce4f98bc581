// The English message catalogue. Its shape is the `Messages` type, so the Chinese catalogue must
// provide every entry with the same signature (a missing or misspelt message fails to compile).
// Inline markup: `code` and **bold** only (rendered by markdown.ts and html.ts).

import { num, optimizerName } from '../numbers.js';

const n = (x: number, d = 4): string => num(x, d);

export const en = {
  lang: 'en' as 'en' | 'zh',
  title: (model: string, task: string, target: string) => `nnm report: ${model} ${task} of \`${target}\``,
  interrupted: '**Interrupted**: training was stopped by the user; the best model so far was kept.',
  h: {
    data: '1 Data',
    audit: '1.1 Data audit',
    preprocessing: '1.2 Preprocessing',
    method: '2 Method',
    network: '2.1 Network structure',
    hyper: '2.2 Hyperparameters',
    results: '3 Results (test part)',
    figures: '3.1 Figures',
    repro: '4 Reproducibility',
  },
  taskName: (t: string): string =>
    ({
      classify: 'classification',
      regress: 'regression',
      forecast: 'time-series forecasting',
      image: 'image classification',
      text: 'text classification',
      cluster: 'clustering',
    })[t] ?? t,
  modelName: (m: string): string =>
    ({
      mlp: 'multilayer perceptron (MLP, "BP network")',
      cnn: 'convolutional neural network (CNN)',
      rnn: 'recurrent neural network (RNN)',
      lstm: 'long short-term memory network (LSTM)',
      gru: 'gated recurrent unit network (GRU)',
      fasttext: 'fastText-style bag of token embeddings',
    })[m] ?? m.toUpperCase(),
  whyModel: (m: string, inputs: number, trainRows: number): string =>
    ({
      mlp: `the data are a table of ${inputs} inputs with no time or image structure, for which a fully connected network is the standard neural model: it captures non-linear effects and interactions that a linear model misses, and with ${trainRows} training rows a small network with early stopping keeps over-fitting in check`,
      cnn: 'the inputs are images, and convolutions share weights across positions, so the network learns local patterns with far fewer parameters than a fully connected one',
      lstm: 'the data are a sequence, and the gated recurrent cell keeps information across many steps without vanishing gradients',
      gru: 'the data are a sequence, and the gated recurrent cell keeps information across many steps with fewer parameters than an LSTM',
      rnn: 'the data are a short sequence, for which a plain recurrent network is the simplest sequence model',
      fasttext:
        'on small text sets the average of the token embeddings into a linear layer (Joulin et al. 2016) matches or beats recurrent networks at a fraction of the cost; measured on real Chinese and English sets, it beat an Embedding + LSTM network and the bag-of-words baselines',
    })[m] ?? 'it is the default network nnm chose for this task and data',
  dataIntro: (file: string, encoding: string, delimiter: string, rows: number, cols: number) =>
    `File \`${file}\` (${encoding}, delimiter \`${delimiter}\`): ${rows} rows, ${cols} columns.`,
  colType: (t: string): string =>
    ({
      number: 'numeric',
      category: 'categorical',
      text: 'text',
      id: 'identifier',
      date: 'date',
      constant: 'constant',
      empty: 'empty',
    })[t] ?? t,
  role: (r: string): string => ({ target: 'target', input: 'input', unused: 'not used' })[r] ?? r,
  imputedIntro: 'Missing cells were filled from the training rows:',
  imputed: (column: string, count: number, value: string) =>
    `\`${column}\`: ${count} cell(s), filled with the ${value}`,
  notesIntro: 'Notes from loading and preparing the data:',
  /** A note in the report's language, or null when it has no translation (quoted as is). */
  translateNote: (note: string): string | null => note,
  notesUntranslated: '',
  preprocessingIntro:
    'Every statistic below (medians, means, standard deviations, levels) was computed on the training part only and replayed unchanged on the test part, so no test information leaks into training.',
  prep: {
    numeric: (fill: number, mean: number, std: number, missing: number) => [
      `${missing ? `missing → median ${n(fill)}; ` : ''}z-score standardisation`,
      `mean ${n(mean)}, sd ${n(std)}`,
    ],
    onehot: (levels: number, fill: string, missing: number) => [
      `${missing ? `missing → most frequent "${fill}"; ` : ''}one-hot encoding`,
      `${levels} levels`,
    ],
    targetClasses: (classes: number) => ['class index, softmax output', `${classes} classes`],
    targetScaled: (mean: number, std: number) => [
      'z-score standardised; predictions mapped back to original units',
      `mean ${n(mean)}, sd ${n(std)}`,
    ],
  },
  split: (
    kind: string,
    train: number,
    test: number,
    frac: number | undefined,
    seed: number,
    file: string | undefined,
  ): string =>
    kind === 'file'
      ? `a separate test file \`${file ?? ''}\` (${test} rows), with all ${train} labelled rows of the data file for training`
      : kind === 'chronological'
        ? `the last ${test} periods held out as the test part, the ${train} before them for training`
        : `a ${kind === 'stratified' ? 'stratified ' : ''}random split with seed ${seed}: ${train} training rows and ${test} test rows (${Math.round((frac ?? 0) * 100)}%)`,
  method: (a: {
    model: string;
    why: string;
    inputs: number;
    outputs: number;
    hidden: string;
    dropout: number;
    loss: string;
    params: number;
    optimizer: string;
    lr: number;
    batch: number;
    decay: number;
    maxEpochs: number;
    split: string;
    val: number;
    members: number;
    seed: number;
    stopping: string;
    ensemble: string;
    scaling?: string;
    task: string;
    chain: string;
    clip: number;
    transforms?: { log: boolean; seasonalLag: number; diff: number };
    tokens?: string;
    strategy?: string;
    covariates?: string[];
  }) => [
    `**Model.** A ${a.model}, chosen because ${a.why}.`,
    `**Architecture.** ${a.inputs} inputs → ${a.chain} → ${a.outputs} output(s) (${a.loss}); ${a.params} trainable parameters in all.`,
    `**Training.** ${optimizerName(a.optimizer)} optimiser, initial learning rate ${a.lr} (halved when the validation loss stalls), batch size ${a.batch}, L2 weight decay ${a.decay}, at most ${a.maxEpochs} epochs; gradients clipped to norm ${a.clip}.`,
    `**Split.** Test part: ${a.split}. ${a.ensemble}`,
    a.task === 'forecast'
      ? `**Transformations.** The series was transformed (${[a.transforms?.log ? 'log' : '', a.transforms?.seasonalLag ? `seasonal difference at lag ${a.transforms.seasonalLag}` : '', a.transforms?.diff ? 'first difference' : '', 'standardisation'].filter(Boolean).join(', then ')}) with statistics of the training part, so that trend and season do not dominate what the network learns; every forecast is mapped back through the same steps. ${a.strategy === 'direct' ? 'Multi-step forecasts are direct: the network outputs all the periods ahead at once from one window.' : 'Multi-step forecasts are recursive: each forecast is fed back as the next input.'}${a.covariates?.length ? ` The window also reads the covariate(s) ${a.covariates.map((c) => `"${c}"`).join(', ')} as extra channels, each standardised on the training part with the same differencing as the series; ${a.strategy === 'direct' ? 'their values are used up to the forecast origin only, since their future is unknown.' : 'since their future values are unknown, the network forecasts every channel one step ahead and multi-step forecasts feed all of them back.'}` : ''}`
      : a.task === 'text'
        ? `**Tokens.** Texts were split into ${a.tokens === 'char' ? 'characters (no word segmenter is needed for Chinese)' : 'words'}; the vocabulary comes from the training part, and tokens not in it are read as one unknown token.`
        : `**Scaling.** ${a.scaling ?? `${a.task === 'regress' ? 'Inputs and target were z-score standardised' : 'Inputs were z-score standardised'} with statistics of the training part (see the preprocessing table).`}`,
    `**Early stopping.** ${a.stopping}`,
    `**Seed.** Every random choice (split, initial weights, shuffling, dropout) comes from seed ${a.seed}.`,
  ],
  lossName: (task: string): string =>
    task === 'regress' || task === 'forecast'
      ? 'mean squared error of the standardised target'
      : 'softmax cross-entropy',
  metric: (k: string): string =>
    ({
      accuracy: 'Accuracy',
      macro_f1: 'Macro F1',
      precision: 'Precision (macro)',
      recall: 'Recall (macro)',
      rmse: 'RMSE',
      mae: 'MAE',
      mape: 'MAPE (%)',
      r2: 'R²',
      auc: 'AUC',
    })[k] ?? k,
  modelRow: (model: string) => `${model.toUpperCase()} (nnm)`,
  baselineRow: (b: string): string =>
    ({
      majority: 'baseline: majority class',
      mean: 'baseline: training mean',
      naive: 'baseline: naive (last value)',
      seasonal_naive: 'baseline: seasonal naive',
      drift: 'baseline: drift',
      logistic_regression: 'baseline: logistic regression',
      knn_5: 'baseline: 5-nearest neighbours',
      naive_bayes: 'baseline: multinomial naive Bayes',
      tfidf_logistic_regression: 'baseline: TF-IDF logistic regression',
      linear_regression: 'baseline: least squares (OLS)',
      holt: "baseline: Holt's linear trend",
      gm11: 'baseline: grey model GM(1,1)',
      kmeans: 'baseline: k-means',
    })[b] ?? `baseline: ${b.replace(/_/g, ' ')}`,
  baselineStatus: {
    skippedMark: ' (skipped)',
    notConvergedMark: ' (not converged)',
    skipped: (name: string, reason: string) => `The ${name} was skipped: ${reason}.`,
    notConverged: (name: string, iterations: number) =>
      `The ${name} stopped after ${iterations} iterations, before it converged (its cost budget was spent): its scores may understate it.`,
  },
  horizonRow: (h: string): string => ({ one_step: 'one-step', multi_step: 'multi-step' })[h] ?? h,
  paren: (s: string): string => ` (${s})`,
  hyperValue: (k: string, v: string): string =>
    k === 'optimizer' ? optimizerName(v) : k === 'model' ? v.toUpperCase() : v,
  hyper: (k: string): string =>
    ({
      hidden: 'hidden layer sizes',
      dropout: 'dropout rate',
      ensemble: 'networks in the ensemble',
      epochs: 'maximum epochs',
      batch_size: 'batch size',
      lr: 'initial learning rate',
      clip_norm: 'gradient-norm clipping',
      sequence_length: 'sequence length (tokens)',
      embedding_dim: 'embedding size',
      model: 'network',
      optimizer: 'optimiser',
      patience: 'early-stopping patience (epochs)',
      weight_decay: 'L2 weight decay',
      window: 'window (past steps)',
      strategy: 'multi-step strategy',
      horizon: 'forecast horizon',
    })[k] ?? k,
  tables: {
    data: 'Data summary',
    preprocessing: 'Preprocessing (fitted on the training part)',
    network: 'Network structure',
    hyper: 'Hyperparameters',
    metrics: 'Test metrics of the network beside the baselines',
    column: 'column',
    type: 'type',
    missing: 'missing',
    distinct: 'distinct',
    role: 'role',
    treatment: 'treatment',
    detail: 'fitted values',
    index: '#',
    layer: 'layer',
    outShape: 'output shape',
    params: 'parameters',
    total: 'total',
    input: 'input',
    hyperparameter: 'hyperparameter',
    value: 'value',
    model: 'model',
  },
  tableRef: (n: number, caption: string) => `Table ${n}. ${caption}`,
  figureRef: (n: number, caption: string) => `Figure ${n}. ${caption}`,
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

export type Messages = typeof en;
