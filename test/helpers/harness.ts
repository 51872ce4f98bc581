// Shared layer harness (Keras run_layer_test): output shape, parameter count, config round trip gives
// identical outputs, and forward twice with the same seed gives the same result.

import { expect } from 'vitest';
import type { LayerConfig } from '../../src/engine/layers/registry.js';
import { Sequential } from '../../src/engine/model.js';
import { Rng } from '../../src/engine/rng.js';

export function runLayerTest(
  cfg: LayerConfig,
  inShape: number[],
  expected: { outShape: number[]; params: number },
  mode: 'train' | 'eval' = 'eval',
  /** Input generator (default standard normal), e.g. token ids for an embedding. */
  input?: (rng: Rng, n: number) => Float32Array,
): void {
  const B = 4;
  const rng = new Rng(7);
  const model = new Sequential({ inShape, layers: [cfg] });
  model.init(rng);
  expect([...model.outShape]).toEqual(expected.outShape);
  expect(model.paramCount).toBe(expected.params);
  const x = input ? input(rng, B * model.inSize) : Float32Array.from({ length: B * model.inSize }, () => rng.normal());
  const run = (m: Sequential): Float32Array =>
    Float32Array.from(m.forward(x, B, { mode, rng: new Rng(3) }).subarray(0, B * m.outSize));
  const y1 = run(model);
  const y2 = run(model);
  expect(y2).toEqual(y1);
  const copy = Sequential.fromSpec(JSON.parse(JSON.stringify(model.toSpec())), model.params);
  expect(run(copy)).toEqual(y1);
  for (const v of y1) expect(Number.isFinite(v)).toBe(true);
}
