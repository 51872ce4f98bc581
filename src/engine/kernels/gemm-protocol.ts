// What GemmPool (parallel.ts) and its helper threads (gemm-worker.ts) share: the layout of the Int32
// control words, the job flags, the messages on a helper's port, and how a chunk number maps to a
// block of C.

import type { MessagePort } from 'node:worker_threads';
import type { Mat } from './gemm-ts.js';

// Shared control words (Int32). WORD = job·JOB + chunks not yet claimed; a claim is a
// compare-exchange that decrements it, so a claim for an old job fails. The job description
// (M, N, K, ...) is written before WORD and read only after a successful claim, when it cannot
// change: the caller starts the next job only once every claimed chunk is DONE.
export const enum Ctl {
  Word,
  Done,
  Stop,
  Error,
  M,
  N,
  K,
  Flags,
  Chunks,
  Rows,
  Cols,
  BBuf,
  BOff,
  COff,
  Gen,
  Ready,
}
export const JOB = 4096; // chunks per job < JOB; job numbers wrap at 2^31 / JOB
export const FLAG_TRANS_A = 1,
  FLAG_TRANS_B = 2,
  FLAG_ACCUMULATE = 4;
/** What a worker receives as workerData. */
export interface GemmWorkerData {
  control: SharedArrayBuffer;
  index: number;
  port: MessagePort;
}
/** What the port carries: a new operand arena and its generation, a shared buffer that B may live
 *  in (by id; BBuf names it, 0 = the arena), or a buffer id to drop. */
export type PortMessage =
  | { kind: 'arena'; gen: number; arena: SharedArrayBuffer }
  | { kind: 'buffer'; id: number; buffer: SharedArrayBuffer }
  | { kind: 'forget'; id: number };

/** Rows and columns of C that chunk c covers (rows × cols blocks, row-major over the blocks), written
 *  into out as [i0, i1, j0, j1] (a scratch array, so claiming a chunk allocates nothing). */
export function chunkBlock(c: number, M: number, N: number, rows: number, cols: number, out: Int32Array): Int32Array {
  const across = Math.ceil(N / cols),
    i0 = Math.floor(c / across) * rows,
    j0 = (c % across) * cols;
  out[0] = i0;
  out[1] = Math.min(M, i0 + rows);
  out[2] = j0;
  out[3] = Math.min(N, j0 + cols);
  return out;
}

/** C's block rows i0..i1 × cols j0..j1 = 0. */
export function zeroBlock(C: Mat, N: number, i0: number, i1: number, j0: number, j1: number): void {
  for (let i = i0; i < i1; i++) C.fill(0, i * N + j0, i * N + j1);
}
