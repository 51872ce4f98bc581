// Worker-thread entry for GemmPool (parallel.ts): waits for a job on the shared control words,
// claims chunks of C's rows while any are left, computes each with gemmTsRows on the shared operand
// arena and counts it DONE. It holds no state but the current arena, and runs until the process
// ends or the pool stops it.

import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { gemmTsRows } from './gemm.js';
import { type ArenaMessage, Ctl, FLAG_ACCUMULATE, FLAG_TRANS_A, FLAG_TRANS_B, type GemmWorkerData, JOB } from './parallel.js';

// NOTE: after a job a helper polls for SPIN_MS before it blocks in Atomics.wait: training issues
// GEMMs back to back, and waking a blocked thread costs tens of µs, a fair part of a 0.3 ms product.
const SPIN_MS = 0.5;

const { control, index, port } = workerData as GemmWorkerData;
const ctl = new Int32Array(control);
let arena: Float32Array = new Float32Array(0);
let gen = 0;

/** Waits until WORD differs from `seen`: a new job (or a stop). */
function waitForJob(seen: number): void {
  const t0 = performance.now();
  for (let spin = 0; Atomics.load(ctl, Ctl.Word) === seen; spin++) {
    if ((spin & 255) === 255 && performance.now() - t0 > SPIN_MS) Atomics.wait(ctl, Ctl.Word, seen);
  }
}

/** Computes chunk `c` of the current job (its description is stable while the chunk is claimed). */
function compute(c: number): void {
  while (gen !== ctl[Ctl.Gen]) {
    const msg = receiveMessageOnPort(port)?.message as ArenaMessage | undefined;
    if (!msg) throw new Error(`GEMM worker: arena generation ${ctl[Ctl.Gen]} was not sent`);
    [arena, gen] = [new Float32Array(msg.arena), msg.gen];
  }
  const M = ctl[Ctl.M], N = ctl[Ctl.N], K = ctl[Ctl.K], flags = ctl[Ctl.Flags], rows = ctl[Ctl.Rows];
  const i0 = c * rows, i1 = Math.min(M, i0 + rows);
  const C = arena.subarray(ctl[Ctl.COff]);
  if (!(flags & FLAG_ACCUMULATE)) C.fill(0, i0 * N, i1 * N);
  gemmTsRows(C, arena, arena.subarray(ctl[Ctl.BOff]), M, N, K, (flags & FLAG_TRANS_A) !== 0, (flags & FLAG_TRANS_B) !== 0, i0, i1);
}

Atomics.store(ctl, Ctl.Ready + index, 1);
let seen = 0;
while (Atomics.load(ctl, Ctl.Stop) === 0) {
  waitForJob(seen);
  for (;;) {
    const word = Atomics.load(ctl, Ctl.Word), left = word % JOB;
    seen = word;
    if (left === 0) break;
    if (Atomics.compareExchange(ctl, Ctl.Word, word, word - 1) !== word) continue;
    try {
      compute(ctl[Ctl.Chunks] - left);
    } catch (e) {
      Atomics.store(ctl, Ctl.Error, 1);
      throw e;
    } finally {
      Atomics.add(ctl, Ctl.Done, 1);
      Atomics.notify(ctl, Ctl.Done);
    }
  }
}
port.close();
