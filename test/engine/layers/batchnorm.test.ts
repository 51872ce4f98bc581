import { describe, expect, it } from 'vitest';
import { Sequential } from '../../../src/engine/model.js';
import { createOptimizer, OPTIMIZER_KINDS } from '../../../src/engine/optimizers/index.js';
import { Rng } from '../../../src/engine/rng.js';
import { gradcheck } from '../../helpers/gradcheck.js';
import { runLayerTest } from '../../helpers/harness.js';

const train = (): { mode: 'train'; rng: Rng } => ({ mode: 'train', rng: new Rng(0) });
const evalCtx = { mode: 'eval' as const, rng: new Rng(0) };

function entry(m: Sequential, suffix: string): Float32Array {
  const e = m.manifest.find((p) => p.name.endsWith(suffix))!;
  return m.params.subarray(e.offset, e.offset + e.shape[0]);
}

describe('BatchNorm', () => {
  it.each([
    ['channels of (C, H, W)', [3, 4, 4], 4],
    ['features of (F)', [5], 6],
    ['channels of (C, L)', [2, 7], 4],
  ])('passes the gradient check in train mode (batch statistics): %s', (_name, inShape, B) => {
    // gamma/beta away from 1/0 so their gradients are not trivially symmetric
    const r = gradcheck({ kind: 'batchnorm' }, inShape, {
      B: B,
      setup: (m) => {
        entry(m, 'gamma').set([1.5, -0.7, 0.9, 1.2, 0.4].slice(0, inShape[0]));
      },
    });
    expect(r.failures).toEqual([]);
  });

  it('passes the gradient check in eval mode (running statistics) and behind a conv', () => {
    expect(gradcheck({ kind: 'batchnorm' }, [3, 3, 3], { B: 4, mode: 'eval' }).failures).toEqual([]);
    const r = gradcheck(
      [{ kind: 'conv2d', filters: 3, kernel: 3, padding: 'same' }, { kind: 'batchnorm' }],
      [2, 5, 5],
      { B: 4 },
    );
    expect(r.failures).toEqual([]);
  });

  it('mutation: a dropped −mean(dy) term in dx, or sign-flipped dγ/dβ, fails the check', () => {
    // forgetting −Σdy/N shifts dx by the same γ/σ·mean(dy) for every value of a channel
    const r = gradcheck({ kind: 'batchnorm' }, [4], {
      B: 6,
      mutate: (_m, dx) => dx.forEach((v, i) => (dx[i] = v + 0.3)),
    });
    expect(r.failures.length).toBeGreaterThan(0);
    const flipped = gradcheck({ kind: 'batchnorm' }, [2, 3, 3], {
      B: 4,
      mutate: (m) => m.grads.forEach((v, i) => (m.grads[i] = -v)),
    });
    expect(flipped.failures.length).toBeGreaterThan(0);
  });

  it('harness in eval and train mode', () => {
    runLayerTest({ kind: 'batchnorm' }, [3, 4, 4], { outShape: [3, 4, 4], params: 4 * 3 });
    runLayerTest({ kind: 'batchnorm', momentum: 0.2, epsilon: 1e-3 }, [6], { outShape: [6], params: 4 * 6 }, 'train');
  });

  it('golden: train mode normalises per channel and updates the running stats with momentum', () => {
    const m = new Sequential({ inShape: [2], layers: [{ kind: 'batchnorm', momentum: 0.1, epsilon: 0 + 1e-5 }] });
    m.init(new Rng(1)); // gamma 1, beta 0, running mean 0, running var 1
    // feature 0: [1, 3] -> mean 2, biased var 1, unbiased var 2; feature 1: [10, 10] -> mean 10, var 0
    const y = m.forward(Float32Array.from([1, 10, 3, 10]), 2, train());
    const s = 1 / Math.sqrt(1 + 1e-5);
    expect(y[0]).toBeCloseTo(-s, 5);
    expect(y[2]).toBeCloseTo(s, 5);
    expect(y[1]).toBe(0);
    expect(Array.from(entry(m, 'running_mean'))).toEqual([Math.fround(0.2), Math.fround(1)]);
    expect(entry(m, 'running_var')[0]).toBeCloseTo(0.9 + 0.1 * 2, 6);
    expect(entry(m, 'running_var')[1]).toBeCloseTo(0.9, 6);
  });

  it('golden: eval mode uses the running stats, not the batch', () => {
    const m = new Sequential({ inShape: [1, 2], layers: [{ kind: 'batchnorm', epsilon: 1e-5 }] });
    m.init(new Rng(1));
    entry(m, 'gamma').set([2]);
    entry(m, 'beta').set([0.5]);
    entry(m, 'running_mean').set([1]);
    entry(m, 'running_var').set([4 - 1e-5]);
    const y = m.forward(Float32Array.from([1, 5]), 1, evalCtx); // 2·(x − 1)/2 + 0.5
    expect(y[0]).toBeCloseTo(0.5, 5);
    expect(y[1]).toBeCloseTo(4.5, 5);
  });

  it('running stats are saved, non-trainable, last in the flat buffer, and never moved by an optimiser', () => {
    const m = new Sequential({
      inShape: [3],
      layers: [{ kind: 'dense', units: 2 }, { kind: 'batchnorm' }, { kind: 'dense', units: 1 }],
    });
    m.init(new Rng(3));
    const flags = m.manifest.map((e) => [e.name, e.trainable]);
    expect(flags).toEqual([
      ['0.dense.W', true],
      ['0.dense.b', true],
      ['1.batchnorm.gamma', true],
      ['1.batchnorm.beta', true],
      ['1.batchnorm.running_mean', false],
      ['1.batchnorm.running_var', false],
      ['2.dense.W', true],
      ['2.dense.b', true],
    ]);
    expect(m.trainableParams.length).toBe(6 + 2 + 2 + 2 + 2 + 1);
    expect(m.manifest[4].offset).toBe(m.trainableParams.length);
    for (const kind of OPTIMIZER_KINDS) {
      const x = Float32Array.from([1, 2, 3, -1, 0, 2, 0.5, 0.5, 0.5, 2, 2, 2]);
      m.forward(x, 4, train());
      const stats = Float32Array.from(m.params.subarray(m.trainableParams.length));
      m.zeroGrad();
      m.backward(new Float32Array(4).fill(1), 4);
      expect(Array.from(m.grads.subarray(m.trainableParams.length))).toEqual([0, 0, 0, 0]);
      // even stepping over the whole buffer (not just trainableParams) leaves the stats alone
      createOptimizer(kind, m.params.length).step(m.params, m.grads, 0.1, 1);
      expect(m.params.subarray(m.trainableParams.length)).toEqual(stats);
    }
    const copy = Sequential.fromSpec(JSON.parse(JSON.stringify(m.toSpec())), m.params);
    const probe = Float32Array.from([0.3, -0.2, 1]);
    expect(copy.predict(probe, 1)).toEqual(m.predict(probe, 1));
  });
});
