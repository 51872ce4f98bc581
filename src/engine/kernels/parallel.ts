// Shares one large TypeScript GEMM between the calling thread and helper worker threads: C's rows
// are split into bands (multiples of 4, the register block), the caller computes the first band on
// its own arrays and each worker one further band with gemmTsRows (gemm.ts) on SharedArrayBuffer
// copies of op(A) (its rows), op(B) and its band of C. Per-element summation order does not depend
// on the band, so the result is bit-identical to single-threaded gemmTs.
// Sync: one Int32 control slot per worker (job number, done number, job description), Atomics
// wait/notify; workers spin briefly after a job before blocking, as GEMMs come in quick bursts.

import { MessageChannel, Worker } from 'node:worker_threads';
import { InternalError } from '../../errors.js';
import { gemmTsRows, type Mat } from './gemm.js';

// Control slot layout (Int32, one per worker).
export const SLOT = 16;
export const enum Ctl { Job, Done, M, N, K, Flags, I0, I1, AOff, BOff, COff, Gen, Error, Ready }
export const FLAG_TRANS_A = 1, FLAG_TRANS_B = 2, FLAG_ACCUMULATE = 4, FLAG_STOP = 8;
/** What a worker receives as workerData. */
export interface GemmWorkerData { control: SharedArrayBuffer; slot: number; port: MessagePort }
/** What the arena port carries: a new operand arena and its generation. */
export interface ArenaMessage { gen: number; arena: SharedArrayBuffer }
type MessagePort = import('node:worker_threads').MessagePort;

const roundUp4 = (n: number): number => (n + 3) & ~3;

export class GemmPool {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private arena = new Float32Array(new SharedArrayBuffer(0));
  private gen = 0;
  private broken = false;

  /** Starts `workers` helper threads from `url` (the built gemm-worker.js); returns at once: until
   *  they are up, `gemm` declines and the caller computes alone. */
  constructor(workers: number, url: URL) {
    this.control = new Int32Array(new SharedArrayBuffer(workers * SLOT * 4));
    for (let w = 0; w < workers; w++) {
      const { port1, port2 } = new MessageChannel();
      const data: GemmWorkerData = { control: this.control.buffer as SharedArrayBuffer, slot: w, port: port2 };
      const worker = new Worker(url, { workerData: data, transferList: [port2] });
      // NOTE: a pool never keeps the process alive, and a worker that fails to start (e.g. running
      // from sources, where gemm-worker.js is not built) only leaves the GEMMs single-threaded.
      worker.unref();
      port1.unref();
      worker.once('error', () => { this.broken = true; });
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** Number of helper threads ready to take a band (0 while starting or if they failed). NOTE: read
   *  from shared memory, not from an 'online' event: a training loop is synchronous, so this
   *  thread's event loop may not turn between GEMMs for minutes. */
  get available(): number {
    if (this.broken) return 0;
    let n = 0;
    while (n < this.workers.length && Atomics.load(this.control, n * SLOT + Ctl.Ready) === 1) n++;
    return n;
  }

  /** C = [C +] op(A)·op(B) over `1 + bands` threads (bands <= available); returns false, having done
   *  nothing, when the workers are not ready. */
  gemm(
    C: Mat, A: Mat, B: Mat, M: number, N: number, K: number,
    transA: boolean, transB: boolean, accumulate: boolean, bands: number,
  ): boolean {
    const helpers = Math.min(bands, this.available);
    if (helpers < 1) return false;
    // Band b covers rows [cut[b], cut[b+1]); the caller takes band 0.
    const threads = helpers + 1, cut = [0];
    for (let b = 1; b < threads; b++) cut.push(Math.min(M, roundUp4(Math.round((M * b) / threads))));
    cut.push(M);
    // The arena holds op(A), B and C at full size, so a worker indexes them as the caller does;
    // only what the workers read is copied: their rows of A (all of A when it is transposed), B,
    // and their rows of C when accumulating.
    const i0 = cut[1];
    const aOff = 0, bOff = (M * K + 15) & ~15, cOff = (bOff + K * N + 15) & ~15;
    this.reserve(cOff + M * N);
    const f = this.arena;
    if (transA) f.set(A.subarray(0, K * M), aOff);
    else f.set(A.subarray(i0 * K, M * K), aOff + i0 * K);
    f.set(B.subarray(0, K * N), bOff);
    if (accumulate) f.set(C.subarray(i0 * N, M * N), cOff + i0 * N);
    const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (accumulate ? FLAG_ACCUMULATE : 0);
    const ctl = this.control;
    for (let w = 0; w < helpers; w++) {
      const s = w * SLOT;
      ctl[s + Ctl.M] = M; ctl[s + Ctl.N] = N; ctl[s + Ctl.K] = K; ctl[s + Ctl.Flags] = flags;
      ctl[s + Ctl.I0] = cut[w + 1]; ctl[s + Ctl.I1] = cut[w + 2];
      ctl[s + Ctl.AOff] = aOff; ctl[s + Ctl.BOff] = bOff; ctl[s + Ctl.COff] = cOff;
      ctl[s + Ctl.Gen] = this.gen;
      Atomics.add(ctl, s + Ctl.Job, 1);
      Atomics.notify(ctl, s + Ctl.Job);
    }
    if (!accumulate) C.fill(0, 0, i0 * N);
    gemmTsRows(C, A, B, M, N, K, transA, transB, 0, i0);
    for (let w = 0; w < helpers; w++) {
      const s = w * SLOT, job = Atomics.load(ctl, s + Ctl.Job);
      for (let spin = 0; Atomics.load(ctl, s + Ctl.Done) !== job; spin++) {
        if (spin > 4096) Atomics.wait(ctl, s + Ctl.Done, Atomics.load(ctl, s + Ctl.Done), 5);
      }
      if (ctl[s + Ctl.Error] !== 0) {
        this.broken = true;
        throw new InternalError(`GEMM worker ${w} failed on a ${M}×${N}×${K} product`);
      }
    }
    C.set(f.subarray(cOff + i0 * N, cOff + M * N), i0 * N);
    return true;
  }

  /** Stops the workers (tests; otherwise they end with the process). */
  async close(): Promise<void> {
    for (let w = 0; w < this.workers.length; w++) {
      Atomics.or(this.control, w * SLOT + Ctl.Flags, FLAG_STOP);
      Atomics.add(this.control, w * SLOT + Ctl.Job, 1);
      Atomics.notify(this.control, w * SLOT + Ctl.Job);
    }
    this.broken = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  // Grows the shared operand arena to `floats`; workers pick the new one up from their port
  // (synchronously, receiveMessageOnPort) when a job names a generation they have not seen.
  private reserve(floats: number): void {
    if (floats <= this.arena.length) return;
    this.arena = new Float32Array(new SharedArrayBuffer(Math.max(floats, this.arena.length * 2) * 4));
    this.gen++;
    const msg: ArenaMessage = { gen: this.gen, arena: this.arena.buffer as SharedArrayBuffer };
    for (const port of this.ports) port.postMessage(msg);
  }
}
