// The threaded TypeScript GEMM (kernels/parallel.ts + gemm-worker.ts) against single-threaded gemmTs
// (bit for bit) and the naive reference. Workers run the BUILT gemm-worker.js (Node cannot start a
// worker from TypeScript sources), so this file tests dist/ throughout: `npm test` builds first.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.js';

const DIST = resolve(__dirname, '../../dist/engine/kernels');
const built = existsSync(resolve(DIST, 'gemm-worker.js'));
if (!built) console.warn('gemm-threads.test: dist/ is not built (npm run build); the threaded cases are skipped');
type GemmModule = typeof import('../../src/engine/kernels/gemm.js');
type ParallelModule = typeof import('../../src/engine/kernels/parallel.js');
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(resolve(DIST, file)).href)) as T;

const rng = new Rng(5);
const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 5));
}

describe.skipIf(!built)('GemmPool: a product shared with a helper thread', () => {
  let k: GemmModule;
  let pool: InstanceType<ParallelModule['GemmPool']>;
  beforeAll(async () => {
    k = await load<GemmModule>('gemm.js');
    const { GemmPool } = await load<ParallelModule>('parallel.js');
    pool = new GemmPool(1, pathToFileURL(resolve(DIST, 'gemm-worker.js')));
    await until(() => pool.available === 1);
  });
  afterAll(() => pool?.close());

  // Odd sizes (rows not a multiple of 4 or of the chunk, N % 4 != 0, K past one K tile of 256),
  // the fewest rows the pool takes (16) and sizes around gemm()'s threshold.
  const sizes: [number, number, number][] = [
    [16, 16, 16],
    [17, 9, 33],
    [33, 100, 77],
    [130, 7, 300],
    [64, 64, 64],
    [65, 63, 66],
    [21, 257, 259],
    [100, 3, 1],
  ];
  for (const [M, N, K] of sizes) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        for (const acc of [false, true]) {
          it(`M=${M} N=${N} K=${K} transA=${tA} transB=${tB} accumulate=${acc}: identical to gemmTs, close to naive`, () => {
            const A = rand(M * K),
              B = rand(K * N),
              C0 = rand(M * N);
            const threaded = Float32Array.from(C0),
              single = Float32Array.from(C0),
              ref = Float32Array.from(C0);
            expect(pool.gemm(threaded, A, B, M, N, K, tA, tB, acc)).toBe(true);
            k.gemmTs(single, A, B, M, N, K, tA, tB, acc);
            k.gemmNaive(ref, A, B, M, N, K, tA, tB, acc);
            expect(threaded).toEqual(single);
            for (let i = 0; i < M * N; i++)
              expect(Math.abs(threaded[i] - ref[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K));
          });
        }
      }
    }
  }

  // Few rows (batch-1 inference, small batches): C is cut by columns. B also read in place from a
  // SharedArrayBuffer (a model's weights under kernelBuffer), at an offset into it.
  const shared = (n: number, off: number): Float32Array => {
    const v = new Float32Array(new SharedArrayBuffer(4 * (n + off + 3))).subarray(off, off + n);
    v.set(rand(n));
    return v;
  };
  for (const [M, N, K] of [
    [1, 128, 784],
    [3, 100, 77],
    [15, 33, 300],
    [1, 17, 5],
    [2, 64, 1],
  ] as const) {
    for (const tA of [false, true]) {
      for (const tB of [false, true]) {
        for (const acc of [false, true]) {
          it(`columns: M=${M} N=${N} K=${K} transA=${tA} transB=${tB} accumulate=${acc}, B plain and shared: identical to gemmTs`, () => {
            const A = rand(M * K),
              C0 = rand(M * N);
            for (const B of [rand(K * N), shared(K * N, 5)]) {
              const threaded = Float32Array.from(C0),
                single = Float32Array.from(C0),
                ref = Float32Array.from(C0);
              expect(pool.gemm(threaded, A, B, M, N, K, tA, tB, acc)).toBe(true);
              k.gemmTs(single, A, B, M, N, K, tA, tB, acc);
              k.gemmNaive(ref, A, B, M, N, K, tA, tB, acc);
              expect(threaded).toEqual(single);
              for (let i = 0; i < M * N; i++)
                expect(Math.abs(threaded[i] - ref[i])).toBeLessThanOrEqual(
                  1e-4 * (1 + Math.abs(ref[i])) * Math.sqrt(K),
                );
            }
          });
        }
      }
    }
  }

  it('keeps at most a few shared B buffers: a forgotten one is sent again when it comes back', () => {
    const [M, N, K] = [1, 64, 40];
    const A = rand(M * K);
    const Bs = Array.from({ length: 12 }, (_, i) => shared(K * N, i));
    for (const B of [...Bs, Bs[0], Bs[11], Bs[1]]) {
      const threaded = new Float32Array(M * N),
        single = new Float32Array(M * N);
      pool.gemm(threaded, A, B, M, N, K, false, false, false);
      k.gemmTs(single, A, B, M, N, K, false, false, false);
      expect(threaded).toEqual(single);
    }
  });

  it('grows its shared arena and shrinks back, and reads only op(A), op(B) views of longer arrays', () => {
    for (const n of [20, 150, 24]) {
      const A = rand(n * n + 5),
        B = rand(n * n + 7);
      const threaded = new Float32Array(n * n + 3).fill(42),
        single = Float32Array.from(threaded);
      pool.gemm(threaded, A, B, n, n, n, false, false, false);
      k.gemmTs(single, A, B, n, n, n, false, false, false);
      expect(threaded).toEqual(single);
      expect(Array.from(threaded.subarray(n * n))).toEqual([42, 42, 42]);
    }
  });
});

describe.skipIf(!built)('gemm() on the ts backend chooses threads by size', () => {
  let k: GemmModule;
  beforeAll(async () => {
    k = await load<GemmModule>('gemm.js');
    k.setKernelBackend('ts');
  });
  afterAll(() => {
    k?.setKernelThreads('auto');
    k?.setKernelBackend('auto');
  });

  it('gives the same bits with 1 and 2 threads, above and below the threshold', async () => {
    k.setKernelThreads(2);
    await until(() => k.kernelThreads() === 2);
    for (const [M, N, K] of [
      [8, 8, 8],
      [1, 128, 784],
      [64, 63, 65],
      [128, 130, 129],
      [256, 256, 256],
    ] as const) {
      for (const tA of [false, true]) {
        const A = rand(M * K),
          B = rand(K * N);
        const two = new Float32Array(M * N),
          one = new Float32Array(M * N);
        k.setKernelThreads(2);
        k.gemm(two, A, B, M, N, K, tA, true, false);
        k.setKernelThreads(1);
        expect(k.kernelThreads()).toBe(1);
        k.gemm(one, A, B, M, N, K, tA, true, false);
        expect(two).toEqual(one);
      }
    }
  });
});

describe.skipIf(!built)('GEMM helper threads and the process', () => {
  it('do not keep a process alive after a threaded product', () => {
    const gemmUrl = pathToFileURL(resolve(DIST, 'gemm.js')).href;
    const script = `import * as k from ${JSON.stringify(gemmUrl)};
      k.setKernelBackend('ts'); k.setKernelThreads(2);
      for (let i = 0; i < 2000 && k.kernelThreads() < 2; i++) await new Promise((r) => setTimeout(r, 5));
      if (k.kernelThreads() < 2) throw new Error('the GEMM helper did not start');
      const n = 200, A = new Float32Array(n * n).fill(1), C = new Float32Array(n * n);
      k.gemm(C, A, A, n, n, n, false, false, false);
      console.log(C[0]);`;
    // A worker that kept the process alive would hit this generous timeout (status null).
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('200');
  });
});

describe('ThreadChoice: one thread or two, per size, by timing', () => {
  // Feeds fixed timings (no clock): the mode that is faster for a size class must be chosen for all
  // but the periodic re-timing bursts, and size classes must not share their timings.
  async function choice(): Promise<InstanceType<ParallelModule['ThreadChoice']>> {
    const { ThreadChoice } = await import('../../src/engine/kernels/parallel.js');
    return new ThreadChoice();
  }
  function drive(
    c: Awaited<ReturnType<typeof choice>>,
    macs: number,
    msOne: number,
    msTwo: number,
    calls: number,
  ): number {
    let threaded = 0;
    for (let i = 0; i < calls; i++) {
      const t = c.threaded(macs);
      c.record(macs, t, t ? msTwo : msOne);
      if (t) threaded++;
    }
    return threaded;
  }

  it('settles on the faster mode and keeps re-timing the other', async () => {
    const c = await choice();
    drive(c, 1 << 20, 1, 0.6, 64); // warm-up: both modes timed
    const two = drive(c, 1 << 20, 1, 0.6, 1280);
    expect(two).toBeGreaterThan(1280 * 0.9);
    expect(two).toBeLessThan(1280);
    const small = drive(c, 1 << 17, 0.1, 0.2, 1344); // another class, where one thread is faster
    expect(small).toBeLessThan(1344 * 0.1);
    expect(small).toBeGreaterThan(0);
  });

  it('always shares a product of 2^26 multiply-adds or more', async () => {
    const c = await choice();
    expect(drive(c, 2 ** 30, 1, 5, 300)).toBe(300);
  });

  it('follows a change: when two threads get slower (a busy core), it goes back to one', async () => {
    const c = await choice();
    drive(c, 1 << 22, 1, 0.6, 512);
    drive(c, 1 << 22, 1, 1.5, 2048);
    expect(drive(c, 1 << 22, 1, 1.5, 1280)).toBeLessThan(1280 * 0.1);
  });
});
