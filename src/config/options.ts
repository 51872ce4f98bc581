// The train option schema: one typed table drives the commander flags, the config file, validation
// and the resolved config.json. `{ [K in keyof TrainSpec]-?: OptionDef | null }` means a new spec
// field cannot silently lack a flag, a default or help text (the vitest pattern).

import { OPTIMIZER_KINDS, type OptimizerKind } from '../engine/optimizers/index.js';
import { DEFAULT_MAX_CELLS } from '../data/load.js';
import { UserError } from '../errors.js';
import { MODEL_KINDS, type ModelKind, resolveTask, type Task } from './tasks.js';

export const LANGS = ['en', 'zh'] as const;
export const FORECAST_STRATEGIES = ['recursive', 'direct'] as const;
export type ForecastStrategy = (typeof FORECAST_STRATEGIES)[number];
export const SENSITIVITY_MODES = ['auto', 'on', 'off'] as const;
export type SensitivityMode = (typeof SENSITIVITY_MODES)[number];
export type Lang = (typeof LANGS)[number];
/** --horizon limit (train and predict): each period is one more forward pass per path (1,000 took 74 s). */
export const MAX_HORIZON = 1000;

/** What nnm tune held out: the 1-based data rows (tables) or periods (series) of the test part that
 *  `nnm train` with the same seed and test options will score, none of which tuning saw. */
export interface TunedOn {
  seed: number;
  /** 'split' (a seeded split of the rows), 'file' (a separate --test file), 'periods' (last periods). */
  test: 'split' | 'file' | 'periods';
  test_rows: number[];
}

export interface TrainSpec {
  data: string;
  sheet?: string;
  /** 1-based row of the header (rows above it are skipped); absent = title lines detected. */
  headerRow?: number;
  /** Tables with more cells (rows x columns) are refused. */
  maxCells: number;
  target?: string;
  task?: Task;
  model: ModelKind | 'auto';
  features?: string[];
  date?: string;
  window?: number;
  horizon?: number;
  strategy: ForecastStrategy;
  /** Forecast: other numeric columns read as input channels (absent = auto: all of them). */
  covariates?: 'auto' | 'none' | string[];
  imageShape?: [number, number, number];
  imageSize?: number;
  augment: boolean;
  sequenceColumns?: string[];
  hidden?: number[];
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer: OptimizerKind;
  patience?: number;
  ensemble?: number;
  dropout?: number;
  weightDecay?: number;
  testSize: number;
  test?: string;
  testPeriods?: number;
  valSize: number;
  seed: number;
  /** Cross-validation folds (tabular: (stratified) K-fold; forecast: rolling-origin backtest). */
  cv?: number;
  /** Retrain with seeds seed, seed+1, ... and report mean ± std. */
  repeats?: number;
  sensitivity: SensitivityMode;
  /** Clustering: number of clusters (chosen by silhouette in 2..8 when absent). */
  clusters?: number;
  /** The --task word as typed (e.g. 预测), for the inference of an ambiguous keyword (set by the CLI). */
  taskWord?: string;
  /** Written by nnm tune into its config file: which rows tuning never saw (config files only). */
  tunedOn?: TunedOn;
  out?: string;
  config?: string;
  json: boolean;
  quiet: boolean;
  force: boolean;
  lang: Lang;
  debug: boolean;
}

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

const fail = (name: string, msg: string, hint: string): never => {
  throw new UserError({ message: `--${kebab(name)} ${msg}`, hint });
};

export const int =
  (min: number, max: number) =>
  (v: unknown, name: string): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < min || n > max)
      fail(
        name,
        `must be a whole number from ${min} to ${max}, got "${String(v)}"`,
        `e.g. --${kebab(name)} ${Math.min(max, Math.max(min, 10))}`,
      );
    return n;
  };

export const num =
  (min: number, max: number, exclusiveMin = false) =>
  (v: unknown, name: string): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isFinite(n) || n < min || n > max || (exclusiveMin && n === min)) {
      fail(
        name,
        `must be a number ${exclusiveMin ? 'above' : 'from'} ${min}${exclusiveMin ? ' and up to' : ' to'} ${max}, got "${String(v)}"`,
        `e.g. --${kebab(name)} ${max <= 1 ? '0.2' : '0.001'}`,
      );
    }
    return n;
  };

export const choice =
  <T extends string>(values: readonly T[]) =>
  (v: unknown, name: string): T => {
    const s = String(v).trim().toLowerCase();
    if (!(values as readonly string[]).includes(s))
      fail(name, `must be one of ${values.join(', ')}, got "${String(v)}"`, `e.g. --${kebab(name)} ${values[0]}`);
    return s as T;
  };

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || v.trim() === '') fail(name, 'needs a value', `e.g. --${kebab(name)} NAME`);
  return String(v);
};

const bool = (v: unknown, name: string): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return fail(name, `must be true or false, got "${String(v)}"`, 'write true or false');
};

const intList = (v: unknown, name: string): number[] => {
  const parts = Array.isArray(v)
    ? v
    : String(v)
        .split(',')
        .filter((s) => s.trim() !== '');
  const out = parts.map((p) => Number(String(p).trim()));
  if (out.length === 0 || out.some((n) => !Number.isInteger(n) || n < 1 || n > 4096))
    fail(name, `must be comma-separated layer sizes from 1 to 4096, got "${String(v)}"`, `e.g. --${kebab(name)} 64,32`);
  return out;
};

const strList = (v: unknown, name: string): string[] => {
  const out = (Array.isArray(v) ? v.map(String) : String(v).split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (out.length === 0) fail(name, 'needs at least one column name', `e.g. --${kebab(name)} a,b,c`);
  return out;
};

const covariateList = (v: unknown, name: string): 'auto' | 'none' | string[] => {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (s === 'auto' || s === 'none') return s;
  return strList(v, name);
};

const imageShape = (v: unknown, name: string): [number, number, number] => {
  const m = /^(\d+)x(\d+)(?:x(\d+))?$/i.exec(String(v).trim());
  if (!m) return fail(name, `must look like HxWxC (e.g. 28x28x1), got "${String(v)}"`, 'e.g. --image-shape 28x28x1');
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
};

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

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

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
