// Worker-thread entry for GemmPool (parallel.ts): waits on its control slot for a job, computes its
// band of C's rows with gemmTsRows on the shared operand arena, and reports done. It holds no other
// state than the current arena; it runs until the process ends or the pool closes it.

import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { gemmTsRows } from './gemm.js';
import { type ArenaMessage, Ctl, FLAG_ACCUMULATE, FLAG_STOP, FLAG_TRANS_A, FLAG_TRANS_B, type GemmWorkerData, SLOT } from './parallel.js';

// NOTE: after a job the worker polls for ~SPIN_MS before it blocks in Atomics.wait: training issues
// GEMMs back to back, and waking a blocked thread costs tens of µs, a fair part of a 0.3 ms band.
const SPIN_MS = 0.5;

const { control, slot, port } = workerData as GemmWorkerData;
const ctl = new Int32Array(control);
const s = slot * SLOT;
let arena: Float32Array = new Float32Array(0);
let gen = 0;
let job = 0;

function waitForJob(): void {
  const t0 = performance.now();
  for (let spin = 0; Atomics.load(ctl, s + Ctl.Job) === job; spin++) {
    if ((spin & 255) === 255 && performance.now() - t0 > SPIN_MS) Atomics.wait(ctl, s + Ctl.Job, job);
  }
  job = Atomics.load(ctl, s + Ctl.Job);
}

function run(): void {
  const flags = ctl[s + Ctl.Flags];
  while (gen !== ctl[s + Ctl.Gen]) {
    const msg = receiveMessageOnPort(port)?.message as ArenaMessage | undefined;
    if (!msg) throw new Error(`arena generation ${ctl[s + Ctl.Gen]} not received`);
    [arena, gen] = [new Float32Array(msg.arena), msg.gen];
  }
  const M = ctl[s + Ctl.M], N = ctl[s + Ctl.N], K = ctl[s + Ctl.K], i0 = ctl[s + Ctl.I0], i1 = ctl[s + Ctl.I1];
  const C = arena.subarray(ctl[s + Ctl.COff]);
  if (!(flags & FLAG_ACCUMULATE)) C.fill(0, i0 * N, i1 * N);
  const A = arena.subarray(ctl[s + Ctl.AOff]), B = arena.subarray(ctl[s + Ctl.BOff]);
  gemmTsRows(C, A, B, M, N, K, (flags & FLAG_TRANS_A) !== 0, (flags & FLAG_TRANS_B) !== 0, i0, i1);
}

Atomics.store(ctl, s + Ctl.Ready, 1);
for (;;) {
  waitForJob();
  if (ctl[s + Ctl.Flags] & FLAG_STOP) break;
  try {
    run();
  } catch (e) {
    ctl[s + Ctl.Error] = 1;
    Atomics.store(ctl, s + Ctl.Done, job);
    Atomics.notify(ctl, s + Ctl.Done);
    throw e;
  }
  Atomics.store(ctl, s + Ctl.Done, job);
  Atomics.notify(ctl, s + Ctl.Done);
}
port.close();
