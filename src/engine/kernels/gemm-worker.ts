// Worker-thread entry for GemmPool (parallel.ts): waits for a job on the shared control words,
// claims chunks of C (rows or columns) while any are left, computes each with gemmTsBlock on the
// shared operand arena (B possibly in a shared buffer of its own) and counts it DONE. It holds no
// state but the current arena and the shared B buffers it was sent, and runs until the process
// ends or the pool stops it.

import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { gemmTsBlock } from './gemm-ts.js';
import {
  chunkBlock,
  Ctl,
  FLAG_ACCUMULATE,
  FLAG_TRANS_A,
  FLAG_TRANS_B,
  type GemmWorkerData,
  JOB,
  type PortMessage,
  zeroBlock,
} from './gemm-protocol.js';

// NOTE: after a job a helper polls for SPIN_MS before it blocks in Atomics.wait: training issues
// GEMMs back to back, and waking a blocked thread costs tens of µs, a fair part of a 0.3 ms product.
const SPIN_MS = 0.5;

const { control, index, port } = workerData as GemmWorkerData;
const ctl = new Int32Array(control);
let arena: Float32Array = new Float32Array(0);
let gen = 0;
const buffers = new Map<number, Float32Array>();
const block = new Int32Array(4); // the current chunk's [i0, i1, j0, j1]

/** Waits until WORD differs from `seen`: a new job (or a stop). */
function waitForJob(seen: number): void {
  const t0 = performance.now();
  for (let spin = 0; Atomics.load(ctl, Ctl.Word) === seen; spin++) {
    if ((spin & 255) === 255 && performance.now() - t0 > SPIN_MS) Atomics.wait(ctl, Ctl.Word, seen);
  }
}

/** Computes chunk `c` of the current job (its description is stable while the chunk is claimed). */
function compute(c: number): void {
  const bBuf = ctl[Ctl.BBuf];
  while (gen !== ctl[Ctl.Gen] || (bBuf !== 0 && !buffers.has(bBuf))) {
    const msg = receiveMessageOnPort(port)?.message as PortMessage | undefined;
    if (!msg) throw new Error(`GEMM worker: arena generation ${ctl[Ctl.Gen]} or buffer ${bBuf} was not sent`);
    if (msg.kind === 'arena') [arena, gen] = [new Float32Array(msg.arena), msg.gen];
    else if (msg.kind === 'buffer') buffers.set(msg.id, new Float32Array(msg.buffer));
    else buffers.delete(msg.id);
  }
  const M = ctl[Ctl.M],
    N = ctl[Ctl.N],
    K = ctl[Ctl.K],
    flags = ctl[Ctl.Flags];
  chunkBlock(c, M, N, ctl[Ctl.Rows], ctl[Ctl.Cols], block);
  const i0 = block[0],
    i1 = block[1],
    j0 = block[2],
    j1 = block[3];
  const C = arena.subarray(ctl[Ctl.COff]);
  const B = (bBuf === 0 ? arena : buffers.get(bBuf)!).subarray(ctl[Ctl.BOff]);
  if (!(flags & FLAG_ACCUMULATE)) zeroBlock(C, N, i0, i1, j0, j1);
  gemmTsBlock(C, arena, B, M, N, K, (flags & FLAG_TRANS_A) !== 0, (flags & FLAG_TRANS_B) !== 0, i0, i1, j0, j1);
}

Atomics.store(ctl, Ctl.Ready + index, 1);
let seen = 0;
while (Atomics.load(ctl, Ctl.Stop) === 0) {
  waitForJob(seen);
  for (;;) {
    const word = Atomics.load(ctl, Ctl.Word),
      left = word % JOB;
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
