// Adapts the fit loop's TrainListener to the terminal: a cli-progress bar on stderr when it is a TTY,
// one plain line every few epochs when not, nothing with --quiet; in the run's language.

import cliProgress from 'cli-progress';
import type { Lang } from '../config/options.js';
import type { EpochLog, TrainListener } from '../train/fit.js';
import type { Io } from './io.js';

export interface ProgressHandle {
  listener: TrainListener;
  /** Loading a big file: a bar on a TTY, nothing otherwise. */
  onLoad?: (fraction: number) => void;
  stop(): void;
}

/** The stop flag main's Ctrl-C handler sets; `onStop` runs first, so a bar is cleared before the notice. */
export interface StopFlag {
  stop: boolean;
  onStop?: () => void;
}

const WORDS = {
  en: {
    bar: 'training{net} |{bar}| epoch {value}/{total} | loss {loss} | val {val} | {eta_formatted} left (at most; early stopping ends sooner)',
    net: (i: number, n: number) => ` network ${i}/${n}`,
    line: (net: string, e: number, max: number, tl: string, vl: string) =>
      `${net}epoch ${e}/${max}  train loss ${tl}  val loss ${vl}`,
    loading: 'loading  |{bar}| {percentage}%',
  },
  zh: {
    bar: '训练{net} |{bar}| 第 {value}/{total} 轮 | 损失 {loss} | 验证 {val} | 至多还需 {eta_formatted}（早停会更早结束）',
    net: (i: number, n: number) => ` 网络 ${i}/${n}`,
    line: (net: string, e: number, max: number, tl: string, vl: string) =>
      `${net}第 ${e}/${max} 轮  训练损失 ${tl}  验证损失 ${vl}`,
    loading: '读取中  |{bar}| {percentage}%',
  },
};

export function progressFor(io: Io, quiet: boolean, stopFlag: StopFlag, lang: Lang = 'en'): ProgressHandle {
  const shouldStop = (): boolean => stopFlag.stop;
  if (quiet) return { listener: { shouldStop }, stop: () => {} };
  if (io.isTTY && io.errStream) return barProgress(io.errStream, stopFlag, WORDS[lang]);
  return lineProgress(io, shouldStop, WORDS[lang]);
}

function barProgress(stream: NodeJS.WritableStream, stopFlag: StopFlag, w: (typeof WORDS)['en']): ProgressHandle {
  const style = { stream, hideCursor: true, clearOnComplete: true };
  const bar = new cliProgress.SingleBar({ ...style, format: w.bar, etaBuffer: 20 }, cliProgress.Presets.shades_classic);
  let started = false;
  let net = '';
  let loading: cliProgress.SingleBar | undefined;
  const stopBars = (): void => {
    if (started) bar.stop();
    started = false;
    if (loading?.isActive) loading.stop();
  };
  // NOTE: a Ctrl-C clears the bar (and stops its redraw timer, which would keep the process alive) before
  // main prints its notice; no bar is drawn after it, so nothing overwrites the notice or the summary.
  stopFlag.onStop = stopBars;
  return {
    onLoad(fraction: number) {
      if (stopFlag.stop) return;
      loading ??= new cliProgress.SingleBar({ ...style, format: w.loading }, cliProgress.Presets.shades_classic);
      if (fraction === 0 || !loading.isActive) loading.start(100, 0);
      loading.update(Math.round(fraction * 100));
      if (fraction >= 1) loading.stop();
    },
    listener: {
      shouldStop: () => stopFlag.stop,
      onNetwork(index: number, total: number) {
        net = total > 1 ? w.net(index, total) : '';
        if (started) bar.stop();
        started = false;
      },
      onEpochEnd(log: EpochLog, max: number) {
        if (stopFlag.stop) return;
        if (!started) {
          bar.start(max, 0, { loss: '-', val: '-', net });
          started = true;
        }
        bar.update(log.epoch, { loss: log.train_loss.toPrecision(4), val: log.val_loss.toPrecision(4), net });
      },
    },
    stop: () => {
      stopBars();
      stopFlag.onStop = undefined;
    },
  };
}

function lineProgress(io: Io, shouldStop: () => boolean, w: (typeof WORDS)['en']): ProgressHandle {
  let net = '';
  return {
    listener: {
      shouldStop,
      onNetwork(index: number, total: number) {
        net = total > 1 ? `${w.net(index, total).trim()}  ` : '';
      },
      onEpochEnd(log: EpochLog, max: number) {
        const every = max <= 50 ? 5 : max <= 200 ? 20 : 50;
        if (log.epoch === 1 || log.epoch % every === 0) {
          const tl = log.train_loss.toPrecision(4);
          io.err(`${w.line(net, log.epoch, max, tl, log.val_loss.toPrecision(4))}\n`);
        }
      },
    },
    stop: () => {},
  };
}
