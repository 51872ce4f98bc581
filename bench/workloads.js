// One workload × one implementation, run in its own process so peak RSS is per workload.
// Usage: node bench/workloads.js <workload> <impl>   (impl: nnm-ts, nnm-wasm, nnm-wasm-relaxed, tfjs-cpu,
//        tfjs-wasm, brain; PyTorch is bench/torch_workloads.py). Prints "@@RESULT <json>" as its last line
// (TF.js writes a banner to stdout, so the parent looks for the marker instead of parsing all of it).
// Result: { value (median of the repeats), min, max, repeats, unit, better: 'higher'|'lower', rssMB, note? }
// or { unavailable: reason }.
// Workloads (see DESIGN.md / the perf issue):
//   W1  MLP 784-128-64-10 relu, softmax CE, Adam, batch 64: training samples/s
//   W4  GEMM fp32 n×n·n×n (n = 64, 256, 1024): GFLOP/s
//   W5  the W1 MLP, batch-1 inference: µs/sample
//   W2  LSTM 32 steps × 1 feature -> LSTM 64 -> Dense 1, MSE, Adam, batch 32: training sequences/s
//   W3  CNN 28×28×1: conv 16 3×3 same relu -> maxpool 2 -> conv 32 3×3 same relu -> maxpool 2 ->
//       flatten -> dense 10, softmax CE, Adam, batch 32: training samples/s
// Inputs are synthetic and seeded (lcg below); every implementation trains on the same numbers.
// nnm-ts splits large GEMMs across threads (kernels/parallel.ts); NNM_THREADS=1 forces one thread,
// and the result's `threads` says how many a large GEMM may run on and how many actually did (the
// pool times one thread against two per size and keeps the faster).

import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { summarize } from './stats.js';

const require = createRequire(import.meta.url);
const MEASURE_S = Number(process.env.NNM_BENCH_SECONDS ?? 2.5);
const REPEATS = Math.max(5, Number(process.env.NNM_BENCH_REPEATS ?? 5)); // timed repeats per figure

// A seeded LCG for inputs, so every implementation sees the same kind of data.
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}
function randomData(n, dim, seed) {
  const r = lcg(seed);
  const x = new Float32Array(n * dim);
  for (let i = 0; i < x.length; i++) x[i] = r();
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.floor(r() * 10);
  return { x, y };
}
/** W2 data: n sequences of T steps × 1 feature in [0, 1); target = the sequence mean. */
function sequenceData(n, T, seed) {
  const r = lcg(seed);
  const x = new Float32Array(n * T);
  const t = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < T; k++) sum += x[i * T + k] = r();
    t[i] = sum / T;
  }
  return { x, t };
}
const W2 = { B: 32, T: 32, nb: 16 }; // batch, steps, distinct batches cycled through
const W3 = { B: 32, nb: 8 };

/** Run `step` (sync or async) for REPEATS timed repeats of MEASURE_S / REPEATS seconds each (at
 *  least one call each) after a warm-up; returns calls per second, one figure per repeat.
 *  A slow step (TF.js cpu on W3, ~1 s a batch) passes warmup = 1 to stay in budget. */
async function rate(step, warmup = 5) {
  // Warm up for a number of calls AND ~0.6 s: V8 tiers hot loops up late (measured: a 2-call
  // warm-up read 2.0 GFLOP/s for a kernel that runs at 4.2 once optimised).
  const w0 = performance.now();
  for (let i = 0; i < warmup || performance.now() - w0 < 600; i++) await step();
  const per = (MEASURE_S * 1000) / REPEATS;
  const rates = [];
  for (let r = 0; r < REPEATS; r++) {
    let calls = 0,
      dt = 0;
    const t0 = performance.now();
    while (dt < per || calls < 1) {
      await step();
      calls++;
      dt = performance.now() - t0;
    }
    rates.push(calls / (dt / 1000));
  }
  return rates;
}
/** A result from per-repeat rates: f maps a rate to the reported unit; median, min, max of those. */
const figure = (rates, f, unit, better) => ({ ...summarize(rates.map(f)), unit, better });

// ---------- nnm (kernels: 'ts' = pure TypeScript; 'wasm' = the default 'auto' dispatch, which uses
// the WebAssembly SIMD GEMM wherever it pays, keeps weights in wasm memory and runs Adam in SIMD;
// 'relaxed' = 'wasm' with the relaxed-SIMD GEMM kernels (setRelaxedSimd), where they validate) ----------
async function nnm(kernels) {
  const kmod = await import('../dist/engine/kernels/gemm.js');
  const { setKernelBackend, setKernelThreads, kernelThreads, kernelThreadUse, wasmSimdAvailable } = kmod;
  if (process.env.NNM_THREADS) setKernelThreads(Number(process.env.NNM_THREADS));
  // Node 20 has relaxed SIMD behind a V8 flag; setting it at run time works (measured on 20.20: also
  // after other modules were compiled, and in a worker; the flag is process-wide). Node 22: on already.
  if (kernels === 'relaxed' && kmod.relaxedSimdAvailable && !kmod.relaxedSimdAvailable())
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  const unavailable =
    kernels !== 'ts' && !wasmSimdAvailable()
      ? 'no WebAssembly SIMD in this runtime'
      : kernels === 'relaxed' && !kmod.setRelaxedSimd?.(true)
        ? 'no WebAssembly relaxed SIMD in this runtime'
        : undefined;
  if (unavailable) {
    const none = async () => ({ unavailable });
    return { W1: none, W2: none, W3: none, W4: none, W5: none };
  }
  setKernelBackend(kernels === 'ts' ? 'ts' : 'auto'); // before any model exists: it decides where weights live
  const { Sequential } = await import('../dist/engine/model.js');
  const { Adam } = await import('../dist/engine/optimizers/adam.js');
  const { softmaxCrossEntropy, mse } = await import('../dist/engine/losses.js');
  const { gemm } = await import('../dist/engine/kernels/gemm.js');
  const { Rng } = await import('../dist/engine/rng.js');
  const { LAYER_KINDS_PRESENT } = await layerKinds();
  const mlp = () => {
    const m = new Sequential({
      inShape: [784],
      layers: [
        { kind: 'dense', units: 128 },
        { kind: 'activation', fn: 'relu' },
        { kind: 'dense', units: 64 },
        { kind: 'activation', fn: 'relu' },
        { kind: 'dense', units: 10 },
      ],
    });
    m.init(new Rng(1));
    return m;
  };
  return {
    // Only the TypeScript GEMM is threaded; the wasm backend runs every product that matters in wasm.
    threads:
      kernels === 'ts'
        ? () => {
            const { large, threaded } = kernelThreadUse();
            return large
              ? `${kernelThreads()} (${Math.round((100 * threaded) / large)}% of ${large} large GEMMs threaded)`
              : kernelThreads();
          }
        : undefined,
    async W1() {
      const B = 64,
        n = B * 32;
      const { x, y } = randomData(n, 784, 7);
      const t = Float32Array.from(y);
      const model = mlp();
      const opt = new Adam(model.paramCount);
      const ctx = { mode: 'train', rng: new Rng(2) };
      const d = new Float32Array(B * 10);
      let step = 0;
      const rates = await rate(() => {
        const b = step % (n / B);
        model.zeroGrad();
        const logits = model.forward(x.subarray(b * B * 784, (b + 1) * B * 784), B, ctx);
        softmaxCrossEntropy(d, logits, t.subarray(b * B, (b + 1) * B), B, 10);
        model.backward(d, B, false);
        opt.step(model.params, model.grads, 1e-3, ++step);
      }, 10);
      return figure(rates, (r) => r * B, 'samples/s', 'higher');
    },
    async W4(n) {
      const r = lcg(3);
      const A = Float32Array.from({ length: n * n }, r),
        Bm = Float32Array.from({ length: n * n }, r);
      const C = new Float32Array(n * n);
      const rates = await rate(() => gemm(C, A, Bm, n, n, n, false, false, false), 2);
      return figure(rates, (r) => (r * 2 * n * n * n) / 1e9, 'GFLOP/s', 'higher');
    },
    async W5() {
      const model = mlp();
      const { x } = randomData(256, 784, 9);
      const ctx = { mode: 'eval', rng: new Rng(0) };
      let i = 0;
      const rates = await rate(() => {
        for (let k = 0; k < 100; k++) {
          model.forward(x.subarray(i * 784, (i + 1) * 784), 1, ctx);
          i = (i + 1) & 255;
        }
      });
      return figure(rates, (r) => 1e6 / (r * 100), 'µs/sample', 'lower');
    },
    async W2() {
      if (!LAYER_KINDS_PRESENT.has('lstm')) return { unavailable: "nnm layer 'lstm' not in registry yet" };
      const { B, T, nb } = W2;
      const { x, t } = sequenceData(B * nb, T, 11);
      const model = new Sequential({
        inShape: [T, 1],
        layers: [
          { kind: 'lstm', units: 64 },
          { kind: 'dense', units: 1 },
        ],
      });
      model.init(new Rng(1));
      const opt = new Adam(model.paramCount);
      const ctx = { mode: 'train', rng: new Rng(2) };
      const d = new Float32Array(B);
      let step = 0;
      const rates = await rate(() => {
        const b = step % nb;
        model.zeroGrad();
        const y = model.forward(x.subarray(b * B * T, (b + 1) * B * T), B, ctx);
        mse(d, y, t.subarray(b * B, (b + 1) * B), B, 1);
        model.backward(d, B, false);
        opt.step(model.params, model.grads, 1e-3, ++step);
      }, 10);
      return figure(rates, (r) => r * B, 'seq/s', 'higher');
    },
    async W3() {
      if (!LAYER_KINDS_PRESENT.has('conv2d')) return { unavailable: "nnm layer 'conv2d' not in registry yet" };
      const { B, nb } = W3;
      const { x, y } = randomData(B * nb, 784, 13);
      const t = Float32Array.from(y);
      // nnm is NCHW; with one channel (1, 28, 28) holds the same numbers as TF.js's (28, 28, 1).
      const model = new Sequential({
        inShape: [1, 28, 28],
        layers: [
          { kind: 'conv2d', filters: 16, kernel: 3, padding: 'same', activation: 'relu' },
          { kind: 'maxpool2d', size: 2 },
          { kind: 'conv2d', filters: 32, kernel: 3, padding: 'same', activation: 'relu' },
          { kind: 'maxpool2d', size: 2 },
          { kind: 'flatten' },
          { kind: 'dense', units: 10 },
        ],
      });
      model.init(new Rng(1));
      const opt = new Adam(model.paramCount);
      const ctx = { mode: 'train', rng: new Rng(2) };
      const d = new Float32Array(B * 10);
      let step = 0;
      const rates = await rate(() => {
        const b = step % nb;
        model.zeroGrad();
        const logits = model.forward(x.subarray(b * B * 784, (b + 1) * B * 784), B, ctx);
        softmaxCrossEntropy(d, logits, t.subarray(b * B, (b + 1) * B), B, 10);
        model.backward(d, B, false);
        opt.step(model.params, model.grads, 1e-3, ++step);
      }, 3);
      return figure(rates, (r) => r * B, 'samples/s', 'higher');
    },
  };
}

/** Which layer kinds the built engine knows (W2/W3 are skipped until 'lstm'/'conv2d' exist). */
async function layerKinds() {
  const { isLayerKind } = await import('../dist/engine/layers/registry.js');
  return { LAYER_KINDS_PRESENT: new Set(['lstm', 'conv2d', 'dense'].filter((k) => isLayerKind(k))) };
}

// ---------- TF.js (cpu or wasm backend) ----------
async function tfjs(backend) {
  const tf = require('@tensorflow/tfjs');
  if (backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const mlp = () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 64, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 10 }));
    return m;
  };
  return {
    async W1() {
      const B = 64,
        nb = 32;
      const { x, y } = randomData(B * nb, 784, 7);
      const model = mlp();
      model.compile({
        optimizer: tf.train.adam(1e-3),
        loss: (yt, yp) => tf.losses.softmaxCrossEntropy(yt, yp),
      });
      const xs = [],
        ys = [];
      for (let b = 0; b < nb; b++) {
        xs.push(tf.tensor2d(x.subarray(b * B * 784, (b + 1) * B * 784), [B, 784]));
        ys.push(tf.oneHot(tf.tensor1d(y.subarray(b * B, (b + 1) * B), 'int32'), 10).toFloat());
      }
      let step = 0;
      const rates = await rate(async () => {
        const b = step++ % nb;
        await model.trainOnBatch(xs[b], ys[b]);
      }, 5);
      return figure(rates, (r) => r * B, 'samples/s', 'higher');
    },
    async W4(n) {
      const r = lcg(3);
      const A = tf.tensor2d(Float32Array.from({ length: n * n }, r), [n, n]);
      const Bm = tf.tensor2d(Float32Array.from({ length: n * n }, r), [n, n]);
      const rates = await rate(() => {
        const C = tf.matMul(A, Bm);
        C.dataSync();
        C.dispose();
      }, 2);
      return figure(rates, (r) => (r * 2 * n * n * n) / 1e9, 'GFLOP/s', 'higher');
    },
    async W5() {
      const model = mlp();
      const { x } = randomData(256, 784, 9);
      const rows = Array.from({ length: 256 }, (_, i) => tf.tensor2d(x.subarray(i * 784, (i + 1) * 784), [1, 784]));
      let i = 0;
      const rates = await rate(() => {
        for (let k = 0; k < 20; k++) {
          tf.tidy(() => model.predict(rows[i]).dataSync());
          i = (i + 1) & 255;
        }
      });
      return figure(rates, (r) => 1e6 / (r * 20), 'µs/sample', 'lower');
    },
    async W2() {
      const { B, T, nb } = W2;
      const { x, t } = sequenceData(B * nb, T, 11);
      const model = tf.sequential();
      model.add(tf.layers.lstm({ inputShape: [T, 1], units: 64 }));
      model.add(tf.layers.dense({ units: 1 }));
      model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
      const xs = [],
        ys = [];
      for (let b = 0; b < nb; b++) {
        xs.push(tf.tensor3d(x.subarray(b * B * T, (b + 1) * B * T), [B, T, 1]));
        ys.push(tf.tensor2d(t.subarray(b * B, (b + 1) * B), [B, 1]));
      }
      let step = 0;
      const rates = await rate(async () => {
        const b = step++ % nb;
        await model.trainOnBatch(xs[b], ys[b]);
      }, 3);
      return figure(rates, (r) => r * B, 'seq/s', 'higher');
    },
    async W3() {
      const { B, nb } = W3;
      const { x, y } = randomData(B * nb, 784, 13);
      const model = tf.sequential();
      model.add(
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }),
      );
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.flatten());
      model.add(tf.layers.dense({ units: 10 }));
      model.compile({ optimizer: tf.train.adam(1e-3), loss: (yt, yp) => tf.losses.softmaxCrossEntropy(yt, yp) });
      const xs = [],
        ys = [];
      for (let b = 0; b < nb; b++) {
        xs.push(tf.tensor4d(x.subarray(b * B * 784, (b + 1) * B * 784), [B, 28, 28, 1]));
        ys.push(tf.oneHot(tf.tensor1d(y.subarray(b * B, (b + 1) * B), 'int32'), 10).toFloat());
      }
      try {
        await model.trainOnBatch(xs[0], ys[0]);
      } catch (e) {
        // TF.js wasm 4.22 registers no Conv2DBackpropFilter kernel: it can run a CNN but not train one.
        return {
          unavailable: `cannot train: ${String(e.message ?? e)
            .split('\n')[0]
            .slice(0, 80)}`,
        };
      }
      // The call above was the warm-up. TF.js cpu takes seconds a batch here (its conv backward is
      // plain JS loops), so this times as many batches as fit the budget, at least one, not rate()'s
      // 0.6 s warm-up + 5 repeats; the note says how many were timed.
      let calls = 0,
        dt = 0;
      const t0 = performance.now();
      while (dt < MEASURE_S * 1000 || calls < 1) {
        await model.trainOnBatch(xs[(calls + 1) % nb], ys[(calls + 1) % nb]);
        calls++;
        dt = performance.now() - t0;
      }
      const slow = dt / calls > 500;
      return {
        value: (calls * B) / (dt / 1000),
        unit: 'samples/s',
        better: 'higher',
        note: slow
          ? `W3 timed ${calls} batch${calls > 1 ? 'es' : ''} of 32 only, after one warm-up batch (${(dt / calls / 1000).toFixed(1)} s a batch${dt > MEASURE_S * 1000 * 1.2 ? ', over the per-measurement budget' : ''})`
          : undefined,
      };
    },
  };
}

// ---------- brain.js (CPU NeuralNetwork; per-sample updates, no mini-batches) ----------
async function brain() {
  const { NeuralNetwork } = require('brain.js');
  const make = () => new NeuralNetwork({ inputSize: 784, hiddenLayers: [128, 64], outputSize: 10, activation: 'relu' });
  const samples = (n, seed) => {
    const { x, y } = randomData(n, 784, seed);
    return Array.from({ length: n }, (_, i) => {
      const output = new Array(10).fill(0);
      output[y[i]] = 1;
      return { input: Array.from(x.subarray(i * 784, (i + 1) * 784)), output };
    });
  };
  return {
    async W1() {
      const net = make();
      const opts = { iterations: 1, errorThresh: 1e-9, learningRate: 1e-3, praxis: 'adam', log: false };
      net.train(samples(64, 5), opts); // warm-up and initialisation
      const data = samples(2048, 7);
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < MEASURE_S * 1000) {
        net.train(data.slice((n % 4) * 512, ((n % 4) + 1) * 512), opts);
        n++;
      }
      const dt = (performance.now() - t0) / 1000;
      return {
        value: (n * 512) / dt,
        unit: 'samples/s',
        better: 'higher',
        note: 'brain.js updates per sample (no mini-batch)',
      };
    },
    async W4() {
      return { unavailable: 'no GEMM API' };
    },
    async W5() {
      const net = make();
      net.train(samples(64, 5), { iterations: 1, errorThresh: 1e-9 });
      const data = samples(256, 9).map((s) => s.input);
      let i = 0;
      const rates = await rate(() => {
        for (let k = 0; k < 20; k++) {
          net.run(data[i]);
          i = (i + 1) & 255;
        }
      });
      return figure(rates, (r) => 1e6 / (r * 20), 'µs/sample', 'lower');
    },
    async W2() {
      // recurrent.LSTMTimeStep, hidden [64]: one sequence at a time (no mini-batch), and its only
      // training mode predicts the next value at EVERY step (input ++ output = 33 values, 32
      // predictions, not one), with the recurrent nets' own RMSprop-style update (no Adam there).
      const { recurrent } = require('brain.js');
      const { T } = W2;
      const n = 256;
      const { x, t } = sequenceData(n, T, 11);
      const data = Array.from({ length: n }, (_, i) => ({
        input: Array.from(x.subarray(i * T, (i + 1) * T), (v) => [v]),
        output: [[t[i]]],
      }));
      const net = new recurrent.LSTMTimeStep({ inputSize: 1, hiddenLayers: [64], outputSize: 1 });
      const opts = { iterations: 1, errorThresh: 1e-9, learningRate: 1e-3, log: false };
      const chunk = 16;
      let k = 0;
      const rates = await rate(() => {
        const c = k++ % (n / chunk);
        net.train(data.slice(c * chunk, (c + 1) * chunk), opts);
      }, 2);
      return {
        ...figure(rates, (r) => r * chunk, 'seq/s', 'higher'),
        note: 'W2 is recurrent.LSTMTimeStep [64], trained per sequence (no mini-batch), predicting the next value at all 32 steps (its only mode), with its RMSprop-style update (no Adam for its recurrent nets)',
      };
    },
    async W3() {
      return { unavailable: 'no CNN' };
    },
  };
}

const IMPLS = {
  'nnm-ts': () => nnm('ts'),
  'nnm-wasm': () => nnm('wasm'),
  'nnm-wasm-relaxed': () => nnm('relaxed'),
  'tfjs-cpu': () => tfjs('cpu'),
  'tfjs-wasm': () => tfjs('wasm'),
  brain,
};

async function main() {
  const [workload, impl] = process.argv.slice(2);
  const [w, arg] = workload.split(':'); // e.g. W4:256
  let result, suite;
  try {
    suite = await IMPLS[impl]();
    result = await suite[w](arg === undefined ? undefined : Number(arg));
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') result = { unavailable: `not installed (${e.message.split('\n')[0]})` };
    else throw e;
  }
  result.rssMB = process.resourceUsage().maxRSS / 1024;
  if (suite?.threads && !result.unavailable) result.threads = suite.threads();
  process.stdout.write(`\n@@RESULT ${JSON.stringify(result)}\n`);
}

await main();
