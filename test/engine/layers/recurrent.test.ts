import { describe, expect, it } from 'vitest';
import type { LayerConfig } from '../../../src/engine/layers/registry.js';
import { Sequential } from '../../../src/engine/model.js';
import { Rng } from '../../../src/engine/rng.js';

// The shared loop (recurrent.ts) keeps time-major caches laid out for the current batch size and
// hoists the input projection and the parameter gradients out of the step loop. A batch must give
// the same outputs and gradients whatever batch sizes the layer saw before, and skipping dL/dx
// (needDx = false, the first layer) must not change the parameter gradients.
const T = 5,
  I = 3,
  H = 4;
const CONFIGS: LayerConfig[] = [
  { kind: 'rnn', units: H },
  { kind: 'lstm', units: H },
  { kind: 'gru', units: H },
  { kind: 'gru', units: H, returnSequences: true },
];

function model(cfg: LayerConfig): Sequential {
  const m = new Sequential({ inShape: [T, I], layers: [cfg] });
  m.init(new Rng(3));
  return m;
}

function step(
  m: Sequential,
  x: Float32Array,
  B: number,
  needDx = true,
): { y: Float32Array; grads: Float32Array; dx: Float32Array } {
  const ctx = { mode: 'train' as const, rng: new Rng(0) };
  m.zeroGrad();
  const y = Float32Array.from(m.forward(x, B, ctx).subarray(0, B * m.outSize));
  const dy = Float32Array.from({ length: B * m.outSize }, (_, k) => Math.sin(k + 1));
  const dx = Float32Array.from(m.backward(dy, B, needDx).subarray(0, B * T * I));
  return { y, grads: Float32Array.from(m.grads), dx };
}

describe.each(CONFIGS)('recurrent loop ($kind, returnSequences=$returnSequences)', (cfg) => {
  const rng = new Rng(7);
  const x5 = Float32Array.from({ length: 5 * T * I }, () => rng.normal());
  const x3 = x5.slice(0, 3 * T * I).map((v) => v * 0.5 + 0.1);

  it('gives the same batch results after a larger and a smaller batch size', () => {
    const fresh = step(model(cfg), x3, 3);
    const m = model(cfg);
    step(m, x5, 5);
    const after5 = step(m, x3, 3);
    step(m, x5.slice(0, 2 * T * I), 2);
    const after2 = step(m, x3, 3);
    for (const r of [after5, after2]) {
      expect(Array.from(r.y)).toEqual(Array.from(fresh.y));
      expect(Array.from(r.grads)).toEqual(Array.from(fresh.grads));
      expect(Array.from(r.dx)).toEqual(Array.from(fresh.dx));
    }
  });

  it('skipping dL/dx leaves the parameter gradients unchanged', () => {
    const withDx = step(model(cfg), x5, 5, true);
    const without = step(model(cfg), x5, 5, false);
    expect(Array.from(without.grads)).toEqual(Array.from(withDx.grads));
  });
});
