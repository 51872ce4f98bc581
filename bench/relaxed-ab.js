// A/B of the two WebAssembly GEMM paths, plain SIMD (mul + add) against relaxed SIMD
// (f32x4.relaxed_madd), interleaved round by round and timed in CPU time of this thread
// (process.cpuUsage), so that other processes on a loaded machine change both sides alike.
// Usage: npm run build && node bench/relaxed-ab.js [rounds=9]   (prints one line per product)
// The products: W4's n = 64 and 256, W1's layers at batch 64 (64×784·784×128, and its backward
// dW = Xᵀ·dY), and batch-1 inference's first layer (1×784·784×128, the row kernels).

import v8 from 'node:v8';
import { summarize } from './stats.js';

const rounds = Math.max(5, Number(process.argv[2] ?? 9));
const g = await import('../dist/engine/kernels/gemm.js');
const { WasmGemm } = await import('../dist/engine/kernels/wasm/gemm-wasm.js');
if (!g.wasmSimdAvailable()) {
  console.log('relaxed-ab: no WebAssembly SIMD in this runtime');
  process.exit(0);
}
if (!g.relaxedSimdAvailable()) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
if (!g.relaxedSimdAvailable()) {
  console.log('relaxed-ab: no WebAssembly relaxed SIMD in this runtime, even with --experimental-wasm-relaxed-simd');
  process.exit(0);
}

let seed = 1;
const rand = (n) =>
  Float32Array.from({ length: n }, () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5);
const PRODUCTS = [
  { name: 'GEMM n=64', M: 64, N: 64, K: 64, tA: false },
  { name: 'GEMM n=256', M: 256, N: 256, K: 256, tA: false },
  { name: 'W1 layer 1 fwd, 64×784·784×128', M: 64, N: 128, K: 784, tA: false },
  { name: 'W1 layer 1 dW = Xᵀ·dY, 784×64·64×128', M: 784, N: 128, K: 64, tA: true },
  { name: 'batch-1 row, 1×784·784×128', M: 1, N: 128, K: 784, tA: false },
];

/** CPU µs per product over ~80 ms of calls, operands in the arena (as a model's weights are). */
function time(arena, p, A, B, C) {
  const flops = 2 * p.M * p.N * p.K;
  const calls = Math.max(3, Math.round(4e8 / flops));
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) arena.gemm(C, A, B, p.M, p.N, p.K, p.tA, false, false);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / calls;
}

for (const p of PRODUCTS) {
  const arenas = [false, true].map((relaxed) => WasmGemm.arena(p.M * p.K + p.K * p.N + p.M * p.N, undefined, relaxed));
  const views = arenas.map((a) => {
    const A = a.data.subarray(0, p.M * p.K),
      B = a.data.subarray(p.M * p.K, p.M * p.K + p.K * p.N);
    A.set(rand(A.length));
    B.set(rand(B.length));
    return [A, B, a.data.subarray(p.M * p.K + p.K * p.N)];
  });
  const us = [[], []];
  for (let k = 0; k < 2; k++) arenas.forEach((a, i) => time(a, p, ...views[i])); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 ? [1, 0] : [0, 1]) us[i].push(time(arenas[i], p, ...views[i]));
  }
  const [plain, relaxed] = us.map(summarize);
  const gf = (s) => (2 * p.M * p.N * p.K) / (s * 1e3);
  console.log(
    `${p.name}: plain ${gf(plain.value).toFixed(1)} GFLOP/s-CPU [${gf(plain.max).toFixed(1)}–${gf(plain.min).toFixed(1)}], relaxed ${gf(relaxed.value).toFixed(1)} [${gf(relaxed.max).toFixed(1)}–${gf(relaxed.min).toFixed(1)}]: relaxed ÷ plain ${(plain.value / relaxed.value).toFixed(2)}× (medians of ${rounds} interleaved rounds, CPU time)`,
  );
}
