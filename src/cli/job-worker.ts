// Worker-thread entry for runJobThread (job-thread.ts): reads the table(s), runs the job (and any
// --cv/--repeats analysis) and posts the RunOutput back. Nothing is written here.

import { parentPort, workerData } from 'node:worker_threads';
import { readOptions, tableReader } from '../data/read.js';
import { systemUserError, UserError } from '../errors.js';
import type { JobContext } from '../tasks/context.js';
import type { JobMessage, JobRequest } from './job-thread.js';
import { collectDeadArenas } from './memory.js';
import { computeRun } from '../tasks/run.js';

const req = workerData as JobRequest;
const post = (m: JobMessage): void => parentPort!.postMessage(m);
const stop = new Int32Array(req.stop);
collectDeadArenas();

try {
  const readTable = await tableReader([req.spec.data, req.spec.test], readOptions(req.spec), (fraction) =>
    post({ kind: 'load', fraction }),
  );
  const ctx: JobContext = {
    note: (msg) => post({ kind: 'note', msg }),
    listener: {
      shouldStop: () => Atomics.load(stop, 0) === 1,
      onEpochEnd: (log, max) => post({ kind: 'epoch', log, max }),
      onNetwork: (index, total) => post({ kind: 'network', index, total }),
    },
    command: req.command,
    readTable,
  };
  post({ kind: 'done', output: computeRun(req.spec, ctx) });
} catch (caught) {
  const e = systemUserError(caught) ?? caught;
  if (e instanceof UserError) {
    post({
      kind: 'user-error',
      info: { message: e.message, file: e.file, row: e.row, column: e.column, hint: e.hint },
      stack: e.stack,
    });
  } else {
    const err = e instanceof Error ? e : new Error(String(e));
    post({ kind: 'error', message: err.message, stack: err.stack });
  }
}
