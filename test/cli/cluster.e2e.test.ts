import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/data/load.js';
import { Rng } from '../../src/engine/rng.js';
import { adjustedRandIndex } from '../../src/metrics/clustering.js';
import { assignClusters, readSomModel } from '../../src/models/som-file.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

describe('nnm train --task cluster (SOM)', () => {
  it('three well-separated blobs: k = 3 chosen, ARI >= 0.95 against the true blobs, new rows assigned from the model file', async () => {
    const dir = tempDir();
    const rng = new Rng(11);
    const centres = [
      [0, 0, 0],
      [6, 6, 0],
      [0, 6, 6],
    ];
    const rows = ['a,b,c,blob'];
    for (let i = 0; i < 180; i++) {
      const k = i % 3;
      rows.push([...centres[k].map((m) => (m + rng.normal()).toFixed(4)), `g${k}`].join(','));
    }
    const file = join(dir, 'blobs.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const out = join(dir, 'r');
    const r = await runCli(['train', file, '--task', 'cluster', '--target', 'blob', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.task).toBe('cluster');
    expect(m.model).toBe('som');
    expect(m.test.clusters).toBe(3);
    expect(r.stderr).toContain('clusters: k = 3, the best silhouette');
    const pred = readFileSync(join(out, 'predictions.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(pred).toHaveLength(180);
    const ari = adjustedRandIndex(
      pred.map((p) => Number(p[1])),
      pred.map((p) => Number(p[5].slice(1))),
    );
    expect(ari).toBeGreaterThanOrEqual(0.95);
    expect(m.test.ari).toBeCloseTo(ari, 12);
    expect(m.baselines.kmeans.silhouette).toBeGreaterThan(0.5);
    expect(m.cluster_means).toHaveLength(3);
    // The model file replays preprocessing + map: the same rows get the same clusters.
    const model = readSomModel(join(out, 'model.nnm.json'));
    const again = assignClusters(model, loadTable(file));
    expect(Array.from(again.cluster)).toEqual(pred.map((p) => Number(p[1])));
    // ... and so does `nnm predict`, which reads the SOM model file.
    const p = await runCli(['predict', join(out, 'model.nnm.json'), file, '--quiet']);
    expect(p.code).toBe(0);
    expect(
      p.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => Number(l.split(',')[1])),
    ).toEqual(pred.map((x) => Number(x[1])));
  });

  it('iris without its label column: k = 2 or 3 chosen and said, silhouette and Davies-Bouldin beside k-means', async () => {
    const dir = tempDir();
    const file = join(dir, 'iris-x.csv');
    writeFileSync(
      file,
      readFileSync(SAMPLE('iris.csv'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(',').slice(0, 4).join(','))
        .join('\n') + '\n',
    );
    const out = join(dir, 'r');
    const r = await runCli(['train', file, '--task', '聚类', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect([2, 3]).toContain(m.test.clusters);
    expect(r.stderr).toMatch(/clusters: k = [23], the best silhouette/);
    expect(m.test.silhouette).toBeGreaterThan(0.4);
    expect(m.baselines.kmeans.davies_bouldin).toBeGreaterThan(0);
    expect(m.k_selection.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toContain('| SOM + k-means on units (nnm) |');
    expect(report).toMatch(/\| [2-8] \| [0-9.]+ \| ✓ \|/);
  });

  it('--clusters sets k; --cv is refused for clustering with one line', async () => {
    const out = join(tempDir(), 'r');
    const r = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--task',
      'cluster',
      '--target',
      'species',
      '--clusters',
      '3',
      '--out',
      out,
      '--json',
      '--quiet',
    ]);
    expect(JSON.parse(r.stdout).test.clusters).toBe(3);
    const bad = await runCli([
      'train',
      SAMPLE('iris.csv'),
      '--task',
      'cluster',
      '--cv',
      '3',
      '--out',
      join(tempDir(), 'x'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cv and --repeats apply to classify, regress and forecast');
  });
});
