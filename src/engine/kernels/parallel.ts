// Shares one large TypeScript GEMM between the calling thread and helper worker threads. C's rows
// are cut into chunks (multiples of 4 rows, the register block) that the threads claim one at a
// time from a shared counter: the caller computes its chunks on its own arrays, a helper computes
// its chunks with gemmTsRows (gemm.ts) on SharedArrayBuffer copies of A, B (and C when
// accumulating), and the caller copies the helpers' rows of C back. Summation order per element
// does not depend on the chunk, so the result is bit-identical to single-threaded gemmTs.
// NOTE: claiming chunks instead of fixed halves is what makes it safe on a busy machine: a helper
// that the OS has not scheduled claims nothing, and the caller does the whole product itself.

import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { InternalError } from '../../errors.js';
import { gemmTsRows, type Mat } from './gemm.js';

// Shared control words (Int32). WORD = job·JOB + chunks not yet claimed; a claim is a
// compare-exchange that decrements it, so a claim for an old job fails. The job description
// (M, N, K, ...) is written before WORD and read only after a successful claim, when it cannot
// change: the caller starts the next job only once every claimed chunk is DONE.
export const enum Ctl { Word, Done, Stop, Error, M, N, K, Flags, Chunks, Rows, BOff, COff, Gen, Ready }
export const JOB = 4096; // chunks per job < JOB; job numbers wrap at 2^31 / JOB
export const FLAG_TRANS_A = 1, FLAG_TRANS_B = 2, FLAG_ACCUMULATE = 4;
/** What a worker receives as workerData. */
export interface GemmWorkerData { control: SharedArrayBuffer; index: number; port: MessagePort }
/** What the arena port carries: a new operand arena and its generation. */
export interface ArenaMessage { gen: number; arena: SharedArrayBuffer }

const roundUp4 = (n: number): number => (n + 3) & ~3;

export class GemmPool {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly mine: number[] = [];
  private arena = new Float32Array(new SharedArrayBuffer(0));
  private gen = 0;
  private job = 0;
  private broken = false;

  /** Starts `workers` helper threads from `url` (the built gemm-worker.js) and returns at once:
   *  until one is up, `gemm` declines and the caller computes alone. */
  constructor(workers: number, url: URL) {
    this.control = new Int32Array(new SharedArrayBuffer((Ctl.Ready + workers) * 4));
    for (let w = 0; w < workers; w++) {
      const { port1, port2 } = new MessageChannel();
      const data: GemmWorkerData = { control: this.control.buffer as SharedArrayBuffer, index: w, port: port2 };
      // NOTE: execArgv [] because the parent's flags need not suit a worker (`node --input-type=module
      // -e` makes every worker fail to start). The pool never keeps the process alive; a worker that
      // fails to start (e.g. when running from the TypeScript sources, where gemm-worker.js is not
      // built) leaves the GEMMs single-threaded.
      const worker = new Worker(url, { workerData: data, transferList: [port2], execArgv: [] });
      worker.unref();
      port1.unref();
      worker.once('error', () => { this.broken = true; });
      this.workers.push(worker);
      this.ports.push(port1);
    }
  }

  /** Helper threads started. */
  get size(): number {
    return this.workers.length;
  }

  /** Helper threads ready to take chunks (0 while they start, or if they failed). NOTE: read from
   *  shared memory, not an 'online' event: a training loop is synchronous, so this thread's event
   *  loop may not turn between GEMMs for minutes. */
  get available(): number {
    if (this.broken) return 0;
    let n = 0;
    for (let w = 0; w < this.workers.length; w++) n += Atomics.load(this.control, Ctl.Ready + w);
    return n;
  }

  /** C = [C +] op(A)·op(B) shared with the helpers; returns false, having done nothing, when none is ready. */
  gemm(C: Mat, A: Mat, B: Mat, M: number, N: number, K: number, transA: boolean, transB: boolean, accumulate: boolean): boolean {
    const helpers = this.available;
    if (helpers < 1) return false;
    const rows = Math.max(4, roundUp4(Math.ceil(M / (4 * (helpers + 1))))), chunks = Math.ceil(M / rows);
    // Arena: A, B, C at full size, so a helper indexes them as the caller does.
    const bOff = (M * K + 15) & ~15, cOff = (bOff + K * N + 15) & ~15;
    this.reserve(cOff + M * N);
    const f = this.arena, ctl = this.control;
    f.set(A.subarray(0, M * K), 0);
    f.set(B.subarray(0, K * N), bOff);
    if (accumulate) f.set(C.subarray(0, M * N), cOff);
    ctl[Ctl.M] = M; ctl[Ctl.N] = N; ctl[Ctl.K] = K; ctl[Ctl.Chunks] = chunks; ctl[Ctl.Rows] = rows;
    ctl[Ctl.Flags] = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (accumulate ? FLAG_ACCUMULATE : 0);
    ctl[Ctl.BOff] = bOff; ctl[Ctl.COff] = cOff; ctl[Ctl.Gen] = this.gen; ctl[Ctl.Done] = 0;
    this.job = (this.job + 1) % ((2 ** 31) / JOB);
    Atomics.store(ctl, Ctl.Word, this.job * JOB + chunks);
    Atomics.notify(ctl, Ctl.Word);
    const mine = this.mine;
    mine.length = 0;
    for (;;) {
      const word = Atomics.load(ctl, Ctl.Word), left = word % JOB;
      if (left === 0) break;
      if (Atomics.compareExchange(ctl, Ctl.Word, word, word - 1) !== word) continue;
      const i0 = (chunks - left) * rows, i1 = Math.min(M, i0 + rows);
      if (!accumulate) C.fill(0, i0 * N, i1 * N);
      gemmTsRows(C, A, B, M, N, K, transA, transB, i0, i1);
      mine.push(i0);
    }
    const theirs = chunks - mine.length;
    for (let spin = 0, done; (done = Atomics.load(ctl, Ctl.Done)) !== theirs; spin++) {
      if (spin > 1024) Atomics.wait(ctl, Ctl.Done, done, 1);
    }
    if (Atomics.load(ctl, Ctl.Error) !== 0) {
      this.broken = true;
      throw new InternalError(`a GEMM worker failed on a ${M}×${N}×${K} product`);
    }
    this.copyBack(C, M, N, rows, chunks, cOff);
    return true;
  }

  // C's rows of the chunks the helpers computed, from the arena.
  private copyBack(C: Mat, M: number, N: number, rows: number, chunks: number, cOff: number): void {
    const mine = this.mine;
    for (let c = 0, m = 0; c < chunks; c++) {
      const i0 = c * rows;
      if (m < mine.length && mine[m] === i0) { m++; continue; }
      const i1 = Math.min(M, i0 + rows);
      C.set(this.arena.subarray(cOff + i0 * N, cOff + i1 * N), i0 * N);
    }
  }

  /** Stops the workers (tests; otherwise they end with the process). */
  async close(): Promise<void> {
    this.broken = true;
    Atomics.store(this.control, Ctl.Stop, 1);
    Atomics.add(this.control, Ctl.Word, JOB);
    Atomics.notify(this.control, Ctl.Word);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  // Grows the shared operand arena to `floats`; helpers pick the new one up from their port
  // (synchronously, receiveMessageOnPort) when a job names a generation they have not seen.
  private reserve(floats: number): void {
    if (floats <= this.arena.length) return;
    this.arena = new Float32Array(new SharedArrayBuffer(Math.max(floats, this.arena.length * 2) * 4));
    this.gen++;
    const msg: ArenaMessage = { gen: this.gen, arena: this.arena.buffer as SharedArrayBuffer };
    for (const port of this.ports) port.postMessage(msg);
  }
}
