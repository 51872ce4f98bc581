import { describe, expect, it } from 'vitest';
import { Sequential } from '../../src/engine/model.js';
import { buildCnn } from '../../src/models/cnn.js';

describe('buildCnn adapts to the input size', () => {
  it.each([
    // inShape, expected architecture, flattened size
    [[1, 8, 8], 'conv3x3(16) -> pool2 -> conv3x3(32) -> dense(64) -> dropout(0.3) -> dense(10)', 512],
    [[3, 12, 12], 'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)', 288],
    [
      [1, 16, 16],
      'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> conv3x3(64) -> dense(64) -> dropout(0.3) -> dense(10)',
      1024,
    ],
    [
      [1, 28, 28],
      'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> conv3x3(64) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)',
      576,
    ],
    [[1, 4, 4], 'conv3x3(16) -> dense(64) -> dropout(0.3) -> dense(10)', 256],
    [
      [1, 100],
      'conv5(16) -> pool2 -> conv5(32) -> pool2 -> conv5(64) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)',
      768,
    ],
  ])('%j -> %s', (inShape, blocks, flat) => {
    const b = buildCnn({ inShape, outputs: 10 });
    expect(b.blocks).toBe(blocks);
    const m = new Sequential(b.spec);
    expect(m.outShape).toEqual([10]);
    const fl = m.layers.find((l) => l.kind === 'flatten')!;
    expect(fl.outShape).toEqual([flat]);
  });

  it('takes --hidden (dense units) and --dropout', () => {
    const b = buildCnn({ inShape: [1, 8, 8], outputs: 3, dense: 32, dropout: 0 });
    expect(b.blocks).toBe('conv3x3(16) -> pool2 -> conv3x3(32) -> dense(32) -> dense(3)');
  });
});

describe('a CNN training step', () => {
  it('allocates no typed arrays after the first batch', async () => {
    const { computeLoss } = await import('../../src/engine/losses.js');
    const { createOptimizer } = await import('../../src/engine/optimizers/index.js');
    const { Rng } = await import('../../src/engine/rng.js');
    const m = new Sequential(buildCnn({ inShape: [1, 8, 8], outputs: 10 }).spec);
    const rng = new Rng(1);
    m.init(rng);
    const B = 8;
    const x = Float32Array.from({ length: B * 64 }, () => rng.uniform());
    const y = Float32Array.from({ length: B }, (_, i) => i % 10);
    const dy = new Float32Array(B * 10);
    const opt = createOptimizer('adam', m.trainableParams.length);
    const ctx = { mode: 'train' as const, rng };
    const step = (t: number): void => {
      const out = m.forward(x, B, ctx);
      computeLoss('softmax_cross_entropy', dy, out, y, B, 10);
      m.zeroGrad();
      m.backward(dy, B, false);
      opt.step(m.trainableParams, m.trainableGrads, 0.001, t);
    };
    step(1);
    const g = globalThis as unknown as Record<string, unknown>;
    const originals = { Float32Array, Int32Array, Float64Array };
    let created = 0;
    for (const [name, ctor] of Object.entries(originals)) {
      g[name] = new Proxy(ctor, {
        construct(target, args) {
          created++;
          return Reflect.construct(target, args);
        },
      });
    }
    try {
      for (let t = 2; t <= 4; t++) step(t);
    } finally {
      Object.assign(g, originals);
    }
    expect(created).toBe(0);
  });
});
