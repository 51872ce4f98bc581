import { describe, expect, it } from 'vitest';
import { Sequential } from '../../src/engine/model.js';
import { buildCnn } from '../../src/models/cnn.js';

describe('buildCnn adapts to the input size', () => {
  it.each([
    // inShape, expected architecture, flattened size
    [[1, 8, 8], 'conv3x3(16) -> pool2 -> conv3x3(32) -> dense(64) -> dropout(0.3) -> dense(10)', 512],
    [[3, 12, 12], 'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)', 288],
    [[1, 16, 16], 'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> conv3x3(64) -> dense(64) -> dropout(0.3) -> dense(10)', 1024],
    [[1, 28, 28], 'conv3x3(16) -> pool2 -> conv3x3(32) -> pool2 -> conv3x3(64) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)', 576],
    [[1, 4, 4], 'conv3x3(16) -> dense(64) -> dropout(0.3) -> dense(10)', 256],
    [[1, 100], 'conv5(16) -> pool2 -> conv5(32) -> pool2 -> conv5(64) -> pool2 -> dense(64) -> dropout(0.3) -> dense(10)', 768],
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
