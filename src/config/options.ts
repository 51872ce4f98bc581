// The train option schema: one typed table drives the commander flags, the config file, validation
// and the resolved config.json. `{ [K in keyof TrainSpec]-?: OptionDef | null }` means a new spec
// field cannot silently lack a flag, a default or help text (the vitest pattern).

import { OPTIMIZER_KINDS } from '../engine/optimizers/index.js';
import { DEFAULT_MAX_CELLS } from '../data/load.js';
import { UserError } from '../errors.js';
import { MODEL_KINDS, resolveTask } from './tasks.js';
import { bool, choice, covariateList, imageShape, int, intList, num, str, strList } from './option-parsers.js';
import { FORECAST_STRATEGIES, LANGS, MAX_HORIZON, SENSITIVITY_MODES, type TrainSpec } from './train-spec.js';

export { choice, int, kebab, num } from './option-parsers.js';
export { FORECAST_STRATEGIES, LANGS, MAX_HORIZON, SENSITIVITY_MODES } from './train-spec.js';
export type { ForecastStrategy, Lang, SensitivityMode, TrainSpec, TunedOn } from './train-spec.js';

export interface OptionDef {
  flags: string; // commander flags, e.g. '--epochs <n>'
  help: string;
  /** Parse a flag string or a config-file value; throws UserError naming the option. */
  parse: (v: unknown, name: string) => unknown;
  /** Default when absent ("auto" ones are undefined and chosen from the data). */
  default?: unknown;
  /** Shown in help for auto defaults. */
  auto?: string;
}

export const TRAIN_OPTIONS: { [K in keyof TrainSpec]-?: OptionDef | null } = {
  data: null, // the positional argument
  sheet: { flags: '--sheet <name>', help: 'sheet of an .xlsx workbook to read', auto: 'the first sheet', parse: str },
  headerRow: {
    flags: '--header-row <n>',
    help: 'row number of the header line, as a spreadsheet counts rows (rows above it are skipped)',
    auto: 'row 1, after title lines such as "附件1 某地区数据", which are detected and skipped',
    parse: int(1, 1000000),
  },
  maxCells: {
    flags: '--max-cells <n>',
    help: 'refuse tables with more cells (rows x columns) than this, to stay within memory',
    default: DEFAULT_MAX_CELLS,
    parse: int(1, 2 ** 31 - 1),
  },
  target: {
    flags: '--target <col>',
    help: 'target column, by name or 1-based index',
    auto: 'the last column',
    parse: str,
  },
  task: {
    flags: '--task <keyword>',
    help: 'classify, regress, forecast, image, text, cluster (or a synonym: 分类, 回归, 预测, 时间序列, 图像, 文本, 聚类 ...)',
    auto: 'inferred from the target',
    parse: (v) => resolveTask(String(v)),
  },
  model: {
    flags: '--model <kind>',
    help: `network family: ${MODEL_KINDS.join(', ')} or auto`,
    default: 'auto',
    parse: choice([...MODEL_KINDS, 'auto'] as const),
  },
  features: {
    flags: '--features <cols>',
    help: 'comma-separated input columns',
    auto: 'every usable column but the target',
    parse: strList,
  },
  date: { flags: '--date <col>', help: 'time column of a series', auto: 'detected', parse: str },
  window: {
    flags: '--window <n>',
    help: 'past steps the network sees (forecast)',
    auto: 'from the season and the length',
    parse: int(1, 10000),
  },
  horizon: {
    flags: '--horizon <n>',
    help: `periods to forecast after the data ends (forecast.csv), at most ${MAX_HORIZON}`,
    auto: 'none',
    parse: int(1, MAX_HORIZON),
  },
  strategy: {
    flags: '--strategy <kind>',
    help: 'forecast: multi-step forecasts recursive (one output fed back) or direct (all periods at once)',
    default: 'recursive',
    parse: choice(FORECAST_STRATEGIES),
  },
  covariates: {
    flags: '--covariates <cols>',
    help: 'forecast: other columns read as input channels: auto (every other numeric column), none, or a comma-separated list',
    auto: 'auto',
    parse: covariateList,
  },
  imageShape: {
    flags: '--image-shape <HxWxC>',
    help: 'image shape of pixel columns',
    auto: 'inferred from a square pixel count',
    parse: imageShape,
  },
  imageSize: {
    flags: '--image-size <n>',
    help: 'side in pixels that every image of a folder is resized to',
    auto: 'the median image size, at most 32',
    parse: int(4, 512),
  },
  augment: {
    flags: '--augment',
    help: 'image task: add shifted copies of the training images (and mirrored ones, except for digits and text)',
    default: false,
    parse: bool,
  },
  sequenceColumns: {
    flags: '--sequence-columns <cols>',
    help: 'signal columns, in order, that a 1-D CNN reads as one sequence (--model cnn)',
    auto: 'every column but the target',
    parse: strList,
  },
  hidden: {
    flags: '--hidden <sizes>',
    help: 'hidden layer sizes, e.g. 64,32',
    auto: 'scaled to the data',
    parse: intList,
  },
  epochs: { flags: '--epochs <n>', help: 'maximum training epochs', auto: 'from the data size', parse: int(1, 100000) },
  batchSize: { flags: '--batch-size <n>', help: 'mini-batch size', auto: 'from the data size', parse: int(1, 65536) },
  lr: { flags: '--lr <x>', help: 'learning rate', auto: 'per optimiser and model', parse: num(0, 10, true) },
  optimizer: {
    flags: '--optimizer <kind>',
    help: `optimiser: ${OPTIMIZER_KINDS.join(', ')}`,
    default: 'adam',
    parse: choice(OPTIMIZER_KINDS),
  },
  patience: {
    flags: '--patience <n>',
    help: 'early-stopping patience in epochs (0 = off)',
    auto: 'from the epochs',
    parse: int(0, 100000),
  },
  ensemble: {
    flags: '--ensemble <n>',
    help: 'train N networks on N validation folds and average them (1 = a single network)',
    auto: '5 up to 2,000 training rows, else 1',
    parse: int(1, 50),
  },
  dropout: {
    flags: '--dropout <x>',
    help: 'dropout rate after each hidden layer',
    auto: 'per model',
    parse: num(0, 0.95),
  },
  weightDecay: { flags: '--weight-decay <x>', help: 'L2 weight decay', auto: 'per model', parse: num(0, 1) },
  testSize: {
    flags: '--test-size <f>',
    help: 'fraction of rows held out for testing',
    default: 0.2,
    parse: num(0, 0.9, true),
  },
  test: { flags: '--test <file>', help: 'a separate labelled test file instead of a split', parse: str },
  testPeriods: {
    flags: '--test-periods <n>',
    help: 'forecast: the last N periods are the test part',
    auto: 'a fraction of the series',
    parse: int(1, 1000000),
  },
  valSize: {
    flags: '--val-size <f>',
    help: 'fraction of the training rows used for validation (early stopping)',
    default: 0.15,
    parse: num(0, 0.5, true),
  },
  seed: {
    flags: '--seed <n>',
    help: 'random seed (same seed, same data, same options: same model)',
    default: 42,
    parse: int(0, 2 ** 31 - 1),
  },
  cv: {
    flags: '--cv <k>',
    help: 'K-fold cross-validation (stratified for classes; rolling-origin backtest for forecasts): per-fold and mean ± std metrics',
    auto: 'off',
    parse: int(2, 50),
  },
  repeats: {
    flags: '--repeats <n>',
    help: 'train N times with seeds seed, seed+1, ... and report mean ± std',
    auto: 'off',
    parse: int(2, 100),
  },
  sensitivity: {
    flags: '--sensitivity <mode>',
    help: 'input sensitivity (permutation importance and MIV) for tabular tasks: auto (when cheap), on, off',
    default: 'auto',
    parse: choice(SENSITIVITY_MODES),
  },
  clusters: {
    flags: '--clusters <k>',
    help: 'cluster task: number of clusters',
    auto: 'chosen by silhouette in 2..8',
    parse: int(2, 50),
  },
  taskWord: null,
  tunedOn: null,
  out: { flags: '--out <dir>', help: 'run folder', auto: 'runs/<data>-<model>-<timestamp>', parse: str },
  config: {
    flags: '--config <file>',
    help: "JSON or YAML config file with train options (flags override it; a run's config.json reruns it)",
    parse: str,
  },
  json: { flags: '--json', help: 'print metrics.json on stdout and nothing else there', default: false, parse: bool },
  quiet: { flags: '--quiet', help: 'no progress output', default: false, parse: bool },
  force: { flags: '--force', help: 'overwrite an existing run folder', default: false, parse: bool },
  lang: { flags: '--lang <lang>', help: 'report language: en or zh', default: 'en', parse: choice(LANGS) },
  debug: { flags: '--debug', help: 'show stack traces', default: false, parse: bool },
};

/** Build a TrainSpec from raw values (flags merged over a config file): parse, default, validate. */
export function toTrainSpec(raw: Record<string, unknown>): TrainSpec {
  const spec: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(TRAIN_OPTIONS) as [keyof TrainSpec, OptionDef | null][]) {
    const v = raw[key];
    if (def === null) {
      spec[key] = v;
      continue;
    }
    if (v === undefined || v === null) {
      if (def.default !== undefined) spec[key] = def.default;
      continue;
    }
    spec[key] = def.parse(v, key);
  }
  if (typeof spec.data !== 'string' || spec.data === '')
    throw new UserError({ message: 'no data file given', hint: 'nnm train data.csv' });
  return spec as unknown as TrainSpec;
}
