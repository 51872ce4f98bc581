// Imports point one way: cli -> tasks -> {analysis, config, data, models, train, metrics, report} -> engine.
// engine imports only itself (and the errors leaf); nothing imports cli; only cli and export import tasks; report
// imports neither train nor tasks nor analysis; data does not import engine layers.
// The line budgets are in budget.test.ts.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function area(path: string): string {
  const rel = relative(SRC, path).split(/[\\/]/);
  return rel.length === 1 ? rel[0].replace(/\.ts$/, '') : rel[0];
}

const edges = files(SRC).flatMap((f) => {
  const text = readFileSync(f, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => ({
    from: f,
    to: resolve(dirname(f), m[1].replace(/\.js$/, '.ts')),
  }));
});

describe('architecture', () => {
  it('found the source imports', () => expect(edges.length).toBeGreaterThan(30));

  it('engine imports only itself and the errors leaf', () => {
    const bad = edges.filter((e) => area(e.from) === 'engine' && !['engine', 'errors'].includes(area(e.to)));
    expect(bad.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  it('nothing below cli imports cli', () => {
    const bad = edges.filter((e) => area(e.from) !== 'cli' && area(e.to) === 'cli');
    expect(bad.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  // NOTE: export/ (ONNX) is an outward-facing writer beside cli: it reads a loaded model's pipeline.
  it('only cli (and export, for the loaded model) imports tasks', () => {
    const bad = edges.filter((e) => !['cli', 'tasks', 'export'].includes(area(e.from)) && area(e.to) === 'tasks');
    expect(bad.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  it('report imports neither train, tasks nor analysis; analysis does not import tasks', () => {
    const bad = edges.filter(
      (e) =>
        (area(e.from) === 'report' && ['train', 'tasks', 'analysis'].includes(area(e.to))) ||
        (area(e.from) === 'analysis' && area(e.to) === 'tasks'),
    );
    expect(bad.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  it('every task folder exports a runner that the registry lists', () => {
    const registry = readFileSync(join(SRC, 'tasks', 'registry.ts'), 'utf8');
    const folders = readdirSync(join(SRC, 'tasks')).filter((f) => statSync(join(SRC, 'tasks', f)).isDirectory());
    expect(folders.length).toBeGreaterThanOrEqual(5);
    for (const f of folders) expect(registry, f).toContain(`from './${f}/index.js'`);
  });

  it('errors.ts is a leaf', () => {
    expect(edges.filter((e) => area(e.from) === 'errors')).toEqual([]);
  });

  it('data does not import engine layers', () => {
    const bad = edges.filter(
      (e) => area(e.from) === 'data' && relative(SRC, e.to).startsWith(join('engine', 'layers')),
    );
    expect(bad).toEqual([]);
  });

  // node:worker_threads and node:os are allowed: the GEMM thread pool (engine/kernels/parallel.ts)
  // is compute, not I/O.
  it('the engine has no fs, process, console or Math.random', () => {
    const code = (f: string): string =>
      readFileSync(f, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
    const offenders = files(join(SRC, 'engine')).filter((f) =>
      /from ['"]node:(?!worker_threads['"]|os['"])|\bprocess\.|\bconsole\.|Math\.random/.test(code(f)),
    );
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('no process.exit below the entry point', () => {
    expect(
      files(SRC)
        .filter((f) => /process\.exit\(/.test(readFileSync(f, 'utf8')))
        .map((f) => relative(SRC, f)),
    ).toEqual([]);
  });
});
