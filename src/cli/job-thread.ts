// Runs a training job on a worker thread, so that the main thread stays free to handle Ctrl-C while
// the (synchronous) fit loop runs: main's SIGINT handler sets a flag in shared memory that the
// worker's fit loop polls after each batch. Notes and epoch logs come back as messages; a UserError
// is rebuilt as a UserError, anything else as an Error carrying the worker's stack.

import { Worker } from 'node:worker_threads';
import type { TrainSpec } from '../config/options.js';
import { UserError, type UserErrorInfo } from '../errors.js';
import type { RunOutput } from '../report/types.js';
import type { EpochLog, TrainListener } from '../train/fit.js';

export interface JobRequest {
  spec: TrainSpec;
  command: string;
  /** Int32 flag: 1 = stop after the current batch. */
  stop: SharedArrayBuffer;
}

export type JobMessage =
  | { kind: 'note'; msg: string }
  | { kind: 'epoch'; log: EpochLog; max: number }
  | { kind: 'network'; index: number; total: number }
  | { kind: 'load'; fraction: number }
  | { kind: 'done'; output: RunOutput }
  | { kind: 'user-error'; info: UserErrorInfo; stack?: string }
  | { kind: 'error'; message: string; stack?: string };

export function runJobThread(
  req: JobRequest,
  listener: TrainListener,
  note: (msg: string) => void,
  onLoad?: (fraction: number) => void,
): Promise<RunOutput> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./job-worker.js', import.meta.url), { workerData: req });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: JobMessage) => {
      switch (m.kind) {
        case 'note':
          note(m.msg);
          break;
        case 'epoch':
          listener.onEpochEnd?.(m.log, m.max);
          break;
        case 'network':
          listener.onNetwork?.(m.index, m.total);
          break;
        case 'load':
          onLoad?.(m.fraction);
          break;
        case 'done':
          settle(() => resolvePromise(m.output));
          break;
        case 'user-error': {
          const e = new UserError(m.info);
          if (m.stack) e.stack = m.stack;
          settle(() => reject(e));
          break;
        }
        case 'error': {
          const e = new Error(m.message);
          if (m.stack) e.stack = m.stack;
          settle(() => reject(e));
          break;
        }
        default: {
          const never: never = m;
          throw new Error(`unknown worker message ${JSON.stringify(never)}`);
        }
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the training thread stopped (exit code ${code}) without a result`))),
    );
  });
}
