// English messages of the report's sections 1 (data, preprocessing) and 2 (method): task and network
// names, column types, imputation and split notes, the method paragraphs.

import { num, optimizerName } from '../../numbers.js';

const n = (x: number, d = 4): string => num(x, d);

export const enDataMethod = {
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
};

export type DataMethodMessages = typeof enDataMethod;
