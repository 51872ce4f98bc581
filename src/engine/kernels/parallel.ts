// Shares one large TypeScript GEMM between the calling thread and helper worker threads. C is cut
// into chunks, of rows (multiples of 4, the register block) or, when C has few rows (batch-1
// inference, small batches), of columns (multiples of 8), that the threads claim one at a time
// from a shared counter: the caller computes its chunks on its own arrays, a helper computes its
// chunks with gemmTsBlock (gemm-ts.ts) on SharedArrayBuffer copies of A (and C when accumulating) and
// on B itself when B already lives in shared memory (a model's weights: kernelBuffer), else on a
// copy; the caller copies the helpers' parts of C back. Summation order per element does not
// depend on the chunk, so the result is bit-identical to single-threaded gemmTs.
// NOTE: claiming chunks instead of fixed halves is what makes it safe on a busy machine: a helper
// that the OS has not scheduled claims nothing, and the caller does the whole product itself.
// `run` chooses between one thread and the pool per size class by timing both (ThreadChoice, thread-choice.ts).

import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { InternalError } from '../../errors.js';
import { gemmTs, gemmTsBlock, type Mat } from './gemm-ts.js';
import { ThreadChoice } from './thread-choice.js';
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

export { ThreadChoice };

const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;
// NOTE: below MIN_ROWS rows C is cut by columns; a helper keeps at most KEEP_BUFFERS shared B
// buffers (a model's weights) and forgets the oldest, so old models can be collected.
const MIN_ROWS = 16,
  KEEP_BUFFERS = 8,
  WAIT_SPIN_MS = 0.2;

export class GemmPool {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly mine: number[] = [];
  private readonly block = new Int32Array(4);
  private arena = new Float32Array(new SharedArrayBuffer(0));
  private gen = 0;
  private job = 0;
  private readonly bufferIds = new Map<SharedArrayBuffer, number>();
  private nextBufferId = 1;
  private broken = false;
  private readonly choice = new ThreadChoice();
  /** Products given to `run`, and how many of them went to the pool (the bench reports the share). */
  readonly use = { large: 0, threaded: 0 };

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
      worker.once('error', () => {
        this.broken = true;
      });
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

  /** C = [C +] op(A)·op(B) on one thread or shared with the helpers, whichever has been faster
   *  for products of this size lately; bit-identical either way. */
  run(
    C: Mat,
    A: Mat,
    B: Mat,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
  ): void {
    const macs = M * N * K;
    const threaded = this.available > 0 && this.choice.threaded(macs);
    const t0 = performance.now();
    if (!threaded || !this.gemm(C, A, B, M, N, K, transA, transB, accumulate))
      gemmTs(C, A, B, M, N, K, transA, transB, accumulate);
    this.choice.record(macs, threaded, performance.now() - t0);
    this.use.large++;
    if (threaded) this.use.threaded++;
  }

  /** C = [C +] op(A)·op(B) shared with the helpers; returns false, having done nothing, when none is ready. */
  gemm(
    C: Mat,
    A: Mat,
    B: Mat,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
  ): boolean {
    const helpers = this.available;
    if (helpers < 1) return false;
    const parts = 4 * (helpers + 1);
    const byRows = M >= MIN_ROWS;
    const rows = byRows ? Math.max(4, roundUp(Math.ceil(M / parts), 4)) : M;
    const cols = byRows ? N : Math.max(8, roundUp(Math.ceil(N / parts), 8));
    const chunks = Math.ceil(M / rows) * Math.ceil(N / cols);
    const cOff = this.publish(C, A, B, M, N, K, transA, transB, accumulate, rows, cols, chunks);
    this.claimChunks(C, A, B, M, N, K, transA, transB, accumulate, rows, cols, chunks);
    const ctl = this.control;
    const theirs = chunks - this.mine.length;
    // NOTE: spin up to WAIT_SPIN_MS before blocking: a helper's last chunk usually ends within a few
    // µs, and being woken from Atomics.wait costs tens of µs (1×784·784×128 on two threads measured
    // 77 µs blocking after 1,024 spins, vs 52 on one thread).
    const t0 = performance.now();
    for (let spin = 0, done; (done = Atomics.load(ctl, Ctl.Done)) !== theirs; spin++) {
      if ((spin & 255) === 255 && performance.now() - t0 > WAIT_SPIN_MS) Atomics.wait(ctl, Ctl.Done, done, 1);
    }
    if (Atomics.load(ctl, Ctl.Error) !== 0) {
      this.broken = true;
      throw new InternalError(`a GEMM worker failed on a ${M}×${N}×${K} product`);
    }
    this.copyBack(C, M, N, rows, cols, chunks, cOff);
    return true;
  }

  // Writes the operands into the arena and the job into the control words, then wakes the helpers;
  // returns where C starts in the arena.
  private publish(
    C: Mat,
    A: Mat,
    B: Mat,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
    rows: number,
    cols: number,
    chunks: number,
  ): number {
    // Arena: A, B (unless shared already), C at full size, so a helper indexes them as the caller does.
    const bBuf = B.buffer instanceof SharedArrayBuffer ? this.bufferId(B.buffer) : 0;
    const bOff = (M * K + 15) & ~15,
      cOff = bBuf ? bOff : (bOff + K * N + 15) & ~15;
    this.reserve(cOff + M * N);
    const f = this.arena,
      ctl = this.control;
    f.set(A.subarray(0, M * K), 0);
    if (!bBuf) f.set(B.subarray(0, K * N), bOff);
    if (accumulate) f.set(C.subarray(0, M * N), cOff);
    ctl[Ctl.M] = M;
    ctl[Ctl.N] = N;
    ctl[Ctl.K] = K;
    ctl[Ctl.Chunks] = chunks;
    ctl[Ctl.Rows] = rows;
    ctl[Ctl.Cols] = cols;
    ctl[Ctl.Flags] = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (accumulate ? FLAG_ACCUMULATE : 0);
    ctl[Ctl.BBuf] = bBuf;
    ctl[Ctl.BOff] = bBuf ? B.byteOffset / 4 : bOff;
    ctl[Ctl.COff] = cOff;
    ctl[Ctl.Gen] = this.gen;
    ctl[Ctl.Done] = 0;
    this.job = (this.job + 1) % (2 ** 31 / JOB);
    Atomics.store(ctl, Ctl.Word, this.job * JOB + chunks);
    Atomics.notify(ctl, Ctl.Word);
    return cOff;
  }

  // Claims and computes chunks on the caller's own arrays while any are left (`mine`, in claim order).
  private claimChunks(
    C: Mat,
    A: Mat,
    B: Mat,
    M: number,
    N: number,
    K: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
    rows: number,
    cols: number,
    chunks: number,
  ): void {
    const mine = this.mine,
      ctl = this.control;
    mine.length = 0;
    for (;;) {
      const word = Atomics.load(ctl, Ctl.Word),
        left = word % JOB;
      if (left === 0) break;
      if (Atomics.compareExchange(ctl, Ctl.Word, word, word - 1) !== word) continue;
      const c = chunks - left;
      const b = chunkBlock(c, M, N, rows, cols, this.block),
        i0 = b[0],
        i1 = b[1],
        j0 = b[2],
        j1 = b[3];
      if (!accumulate) zeroBlock(C, N, i0, i1, j0, j1);
      gemmTsBlock(C, A, B, M, N, K, transA, transB, i0, i1, j0, j1);
      mine.push(c);
    }
  }

  // C's blocks of the chunks the helpers computed, from the arena (`mine` is in claim order, ascending).
  private copyBack(C: Mat, M: number, N: number, rows: number, cols: number, chunks: number, cOff: number): void {
    const mine = this.mine,
      arena = this.arena;
    for (let c = 0, m = 0; c < chunks; c++) {
      if (m < mine.length && mine[m] === c) {
        m++;
        continue;
      }
      const b = chunkBlock(c, M, N, rows, cols, this.block),
        i0 = b[0],
        i1 = b[1],
        j0 = b[2],
        j1 = b[3];
      if (j0 === 0 && j1 === N) C.set(arena.subarray(cOff + i0 * N, cOff + i1 * N), i0 * N);
      else for (let i = i0; i < i1; i++) C.set(arena.subarray(cOff + i * N + j0, cOff + i * N + j1), i * N + j0);
    }
  }

  // The id helpers know `buffer` by, sending it to them first if they do not have it yet.
  private bufferId(buffer: SharedArrayBuffer): number {
    let id = this.bufferIds.get(buffer);
    if (id !== undefined) return id;
    if (this.bufferIds.size >= KEEP_BUFFERS) {
      const [oldest, old] = this.bufferIds.entries().next().value as [SharedArrayBuffer, number];
      this.bufferIds.delete(oldest);
      this.post({ kind: 'forget', id: old });
    }
    id = this.nextBufferId++;
    this.bufferIds.set(buffer, id);
    this.post({ kind: 'buffer', id, buffer });
    return id;
  }

  private post(msg: PortMessage): void {
    for (const port of this.ports) port.postMessage(msg);
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
    this.post({ kind: 'arena', gen: this.gen, arena: this.arena.buffer });
  }
}
