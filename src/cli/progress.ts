// Adapts the fit loop's TrainListener to the terminal: a cli-progress bar on stderr when it is a TTY,
// one plain line every few epochs when not, nothing with --quiet.

import cliProgress from 'cli-progress';
import type { EpochLog, TrainListener } from '../train/fit.js';
import type { Io } from './io.js';

export interface ProgressHandle {
  listener: TrainListener;
  /** Loading a big file: a bar on a TTY, nothing otherwise. */
  onLoad?: (fraction: number) => void;
  stop(): void;
}

export function progressFor(io: Io, quiet: boolean, stopFlag: { stop: boolean }): ProgressHandle {
  const shouldStop = (): boolean => stopFlag.stop;
  if (quiet) return { listener: { shouldStop }, stop: () => {} };
  if (io.isTTY && io.errStream) {
    const bar = new cliProgress.SingleBar(
      {
        stream: io.errStream,
        format:
          'training{net} |{bar}| epoch {value}/{total} | loss {loss} | val {val} | {eta_formatted} left (at most; early stopping ends sooner)',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let net = '';
    let loading: cliProgress.SingleBar | undefined;
    return {
      onLoad(fraction: number) {
        loading ??= new cliProgress.SingleBar(
          { stream: io.errStream, format: 'loading  |{bar}| {percentage}%', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        if (fraction === 0 || !loading.isActive) loading.start(100, 0);
        loading.update(Math.round(fraction * 100));
        if (fraction >= 1) loading.stop();
      },
      listener: {
        // NOTE: after a Ctrl-C the bar is no longer drawn, so it cannot overwrite main's notice.
        shouldStop,
        onNetwork(index: number, total: number) {
          net = total > 1 ? ` network ${index}/${total}` : '';
          if (started && !stopFlag.stop) bar.stop();
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
        if (started && !stopFlag.stop) bar.stop();
      },
    };
  }
  let net = '';
  return {
    listener: {
      shouldStop,
      onNetwork(index: number, total: number) {
        net = total > 1 ? `network ${index}/${total}  ` : '';
      },
      onEpochEnd(log: EpochLog, max: number) {
        const every = max <= 50 ? 5 : max <= 200 ? 20 : 50;
        if (log.epoch === 1 || log.epoch % every === 0) {
          io.err(
            `${net}epoch ${log.epoch}/${max}  train loss ${log.train_loss.toPrecision(4)}  val loss ${log.val_loss.toPrecision(4)}\n`,
          );
        }
      },
    },
    stop: () => {},
  };
}
