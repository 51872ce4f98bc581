// Parameter initialisers. Glorot/Xavier uniform: U(±sqrt(6/(fanIn+fanOut))); He normal: N(0, 2/fanIn).
// block_const: the tensor split into values.length equal blocks, block k = values[k] (LSTM forget bias).
// reference: Glorot & Bengio 2010; He et al. 2015; PyTorch torch.nn.init.

import { Rng } from './rng.js';

export type Init =
  | { kind: 'zeros' }
  | { kind: 'const'; value: number }
  | { kind: 'glorot_uniform'; fanIn: number; fanOut: number }
  | { kind: 'he_normal'; fanIn: number }
  | { kind: 'uniform'; limit: number }
  | { kind: 'orthogonal'; rows: number; cols: number }
  | { kind: 'block_const'; values: number[] };

export function initialise(out: Float32Array, init: Init, rng: Rng): void {
  switch (init.kind) {
    case 'zeros':
      out.fill(0);
      return;
    case 'const':
      out.fill(init.value);
      return;
    case 'glorot_uniform': {
      const limit = Math.sqrt(6 / (init.fanIn + init.fanOut));
      for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
      return;
    }
    case 'he_normal': {
      const std = Math.sqrt(2 / init.fanIn);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
      return;
    }
    case 'uniform':
      for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * init.limit;
      return;
    case 'orthogonal':
      orthogonal(out, init.rows, init.cols, rng);
      return;
    case 'block_const': {
      const n = out.length / init.values.length;
      if (!Number.isInteger(n))
        throw new RangeError(`block_const: ${out.length} values do not split into ${init.values.length} blocks`);
      init.values.forEach((v, k) => out.fill(v, k * n, (k + 1) * n));
      return;
    }
    default: {
      const never: never = init;
      throw new Error(`unknown initialiser ${JSON.stringify(never)}`);
    }
  }
}

// NOTE: (rows, cols) matrix with orthonormal columns (or rows if rows < cols) by Gram-Schmidt on a
// Gaussian draw, in float64: the recurrent-kernel init of Keras/PyTorch, good for long sequences.
function orthogonal(out: Float32Array, rows: number, cols: number, rng: Rng): void {
  const tall = rows >= cols;
  const n = tall ? rows : cols; // vector length
  const m = tall ? cols : rows; // vector count
  const v: Float64Array[] = [];
  for (let a = 0; a < m; a++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = rng.normal();
    for (const u of v) {
      let d = 0;
      for (let i = 0; i < n; i++) d += x[i] * u[i];
      for (let i = 0; i < n; i++) x[i] -= d * u[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) x[i] /= norm;
    v.push(x);
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = tall ? v[c][r] : v[r][c];
  }
}
