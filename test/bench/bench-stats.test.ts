// The bench's repeat statistics, spread warning and --only filter (bench/stats.js), and the
// PyTorch column's child (bench/torch.js + torch_workloads.py) where a Python with torch exists.

import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM without types, shared with bench/run.js
import { ratio, selectWorkloads, spread, spreadWarning, summarize } from '../../bench/stats.js';
// @ts-expect-error plain ESM without types, shared with bench/run.js
import { findTorch, runTorch } from '../../bench/torch.js';
// @ts-expect-error plain ESM without types, shared with bench/run.js
import { renderTable } from '../../bench/report.js';

const W = [{ id: 'W1' }, { id: 'W2' }, { id: 'W4:64' }, { id: 'W4:256' }, { id: 'W5' }];

describe('bench statistics', () => {
  it('takes the median, min and max of the repeats', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ value: 3, min: 1, max: 5, repeats: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ value: 2.5, min: 1, max: 4, repeats: 4 });
    expect(() => summarize([])).toThrow();
  });

  it('warns only when the spread exceeds 20% of the median', () => {
    const tight = { value: 100, min: 91, max: 110, repeats: 5, unit: 'x' }; // 19%
    const loose = { value: 100, min: 89, max: 110, repeats: 5, unit: 'x' }; // 21%
    expect(spread(tight)).toBeCloseTo(0.19, 10);
    expect(spreadWarning('W1', 'nnm wasm', tight)).toBeUndefined();
    expect(spreadWarning('W1', 'nnm wasm', loose)).toMatch(/W1, nnm wasm: the 5 repeats spread 21%/);
    expect(spreadWarning('W1', 'x', { value: 3, unit: 'x' })).toBeUndefined(); // no min–max
  });

  it('gives the ratio as times better in both unit directions', () => {
    expect(ratio({ value: 30, better: 'higher' }, { value: 60 })).toBe(0.5);
    expect(ratio({ value: 12, better: 'lower' }, { value: 24 })).toBe(2);
  });

  it('--only selects by id or by prefix, and rejects unknown names', () => {
    expect(selectWorkloads(W, undefined)).toBe(W);
    expect(selectWorkloads(W, 'w1').map((w: { id: string }) => w.id)).toEqual(['W1']);
    expect(selectWorkloads(W, 'W4,W5').map((w: { id: string }) => w.id)).toEqual(['W4:64', 'W4:256', 'W5']);
    expect(selectWorkloads(W, 'W4:256').map((w: { id: string }) => w.id)).toEqual(['W4:256']);
    expect(() => selectWorkloads(W, 'W9')).toThrow(/unknown workload W9; choose from W1, W2/);
    expect(() => selectWorkloads(W, '')).toThrow(/none given/);
  });
});

const torch = findTorch();

describe('PyTorch column', () => {
  it.skipIf(!torch)('runs a workload on one thread and reports ≥ 5 repeats with min–max', () => {
    const r = runTorch(torch, 'W4:64', '0.1');
    expect(r.unavailable).toBeUndefined();
    expect(r.repeats).toBeGreaterThanOrEqual(5);
    expect(r.min).toBeLessThanOrEqual(r.value);
    expect(r.value).toBeLessThanOrEqual(r.max);
    expect(r.unit).toBe('GFLOP/s');
    expect(r.torch).toMatch(/, 1 thread$/);
  });

  it('a Python without torch gives a reason, not a number', () => {
    const r = runTorch({ python: process.execPath, env: {} }, 'W1', '0.1'); // node is no Python
    expect(r.unavailable).toMatch(/failed/);
  });
});

describe('bench table', () => {
  const NNM = [
    { key: 'ts', label: 'nnm ts' },
    { key: 'wasm', label: 'nnm wasm' },
    { key: 'relaxed', label: 'nnm wasm relaxed' },
  ];
  const fig = (value: number, min: number, max: number) => ({
    value,
    min,
    max,
    repeats: 5,
    unit: 'samples/s',
    better: 'higher',
    rssMB: 60,
  });
  const row = {
    workload: 'W1',
    label: 'W1',
    peers: {},
    load: [9.6, 9.8],
    nnm: { ts: fig(100, 95, 105), wasm: fig(400, 390, 410), relaxed: { unavailable: 'no relaxed SIMD' } },
    torch: fig(500, 300, 600),
  };

  it('has a PyTorch column with nnm ÷ PyTorch, and warns on the noisy figure only', () => {
    const { table, notes } = renderTable([row], { NNM, PEERS: [], torch: true });
    expect(table).toContain('| 500 samples/s [300–600] (0.80×, n/a) | 9.6 → 9.8 |');
    expect(table).toContain('400 samples/s [390–410] (60 MB)');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/W1, PyTorch: the 5 repeats spread 60%/);
  });

  it('drops the column when torch is absent, and finds no torch in a non-Python', () => {
    expect(findTorch([process.execPath])).toBeUndefined();
    const { table } = renderTable([{ ...row, torch: undefined }], { NNM, PEERS: [], torch: false });
    expect(table).not.toContain('PyTorch');
  });
});
