// ONNX parity: for every exportable kind, the exported graph run by onnxruntime gives the outputs of
// `nnm predict` (applyModel / applyImageModel, which the command prints) on the sample data, within
// 1e-5 (probabilities absolute; regression predictions relative to the target's scale).
// Small models (few epochs) keep it quick; the weights need not be good, only the same.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPixelCsvLike } from '../../src/data/image-csv.js';
import type { ImagePipeline } from '../../src/data/images.js';
import { readTable } from '../../src/data/read.js';
import { isMissing } from '../../src/data/schema.js';
import { encodeTexts } from '../../src/data/text.js';
import type { InputSlot } from '../../src/export/onnx-pipelines.js';
import { loadModel } from '../../src/tasks/model.js';
import { applyLoaded } from '../../src/tasks/registry.js';
import type { TextPipeline } from '../../src/tasks/text/train.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const ROOT = join(__dirname, '../..');
const REVIEWS = join(ROOT, 'templates/text/reviews-zh.csv');
// The ONNX project's own checker (python3-onnx, installed by .ci/run when apt-get is there): the files
// must pass check_model(full_check) and strict shape inference, as MATLAB and other importers expect.
const PY = '/usr/bin/python3'; // the system Python, where python3-onnx installs
const PYTHON_ONNX = spawnSync(PY, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const CHECK = `import sys, onnx
for f in sys.argv[1:]:
    m = onnx.load(f)
    onnx.checker.check_model(m, full_check=True)
    onnx.shape_inference.infer_shapes(m, strict_mode=True)
    print("ok", f)`;
const IRIS_SIGNAL = ['--model', 'cnn', '--sequence-columns', 'sepal_length,sepal_width,petal_length,petal_width'];

let dir: string;
beforeAll(() => {
  dir = tempDir('nnm-onnx-');
});

async function trainAndExport(
  name: string,
  args: string[],
): Promise<{ model: string; onnx: string; sidecar: Record<string, unknown> }> {
  const out = join(dir, name);
  const t = await runCli(['train', ...args, '--out', out, '--quiet', '--sensitivity', 'off']);
  expect(t.code, t.stderr).toBe(0);
  const model = join(out, 'model.nnm.json');
  const e = await runCli(['export', model, '--format', 'onnx']);
  expect(e.code, e.stderr).toBe(0);
  const onnx = join(out, 'model.onnx');
  return { model, onnx, sidecar: JSON.parse(readFileSync(`${onnx}.json`, 'utf8')) as Record<string, unknown> };
}

async function run(onnx: string, input: ort.Tensor): Promise<Float32Array> {
  const s = await ort.InferenceSession.create(readFileSync(onnx));
  const out = await s.run({ [s.inputNames[0]]: input });
  return out[s.outputNames[0]].data as Float32Array;
}

/** The graph input "x" of a tabular model, built from the sidecar's slots as its text says. */
function tabularInput(slots: InputSlot[], t: Awaited<ReturnType<typeof readTable>>): ort.Tensor {
  const x = new Float32Array(t.nRows * slots.length);
  for (let r = 0; r < t.nRows; r++) {
    for (const s of slots) {
      const cell = t.columns[t.names.indexOf(s.column)][r];
      if (s.kind === 'numeric') x[r * slots.length + s.index] = isMissing(cell) ? NaN : Number(cell);
      else x[r * slots.length + s.index] = (isMissing(cell) ? s.missing_level : cell) === s.level ? 1 : 0;
    }
  }
  return new ort.Tensor('float32', x, [t.nRows, slots.length]);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

async function tabularParity(name: string, data: string, args: string[]): Promise<number> {
  const { model, onnx, sidecar } = await trainAndExport(name, [data, ...args]);
  const m = loadModel(model);
  const t = await readTable(data);
  const got = await run(onnx, tabularInput(sidecar.input_slots as InputSlot[], t));
  const want = applyLoaded(m, { kind: 'table', table: t });
  if (want.probabilities) return maxAbsDiff(got, want.probabilities);
  const scale = Math.max(...want.predicted.map((v) => Math.abs(Number(v))));
  return maxAbsDiff(got, want.predicted.map(Number)) / scale;
}

describe('nnm export --format onnx: the same outputs as nnm predict', () => {
  it('MLP classifier, a 5-member ensemble averaged in the graph (iris)', async () => {
    expect(await tabularParity('iris', SAMPLE('iris.csv'), ['--epochs', '5'])).toBeLessThan(1e-5);
  });

  it('MLP regression in original units (diabetes)', async () => {
    expect(await tabularParity('diabetes', SAMPLE('diabetes.csv'), ['--epochs', '5', '--ensemble', '1'])).toBeLessThan(
      1e-5,
    );
  });

  it('MLP on missing cells and a categorical column: imputation in the graph, one-hot from the sidecar', async () => {
    const lines = readFileSync(SAMPLE('iris.csv'), 'utf8').trimEnd().split('\n');
    const rows = lines.slice(1).map((l, i) => {
      const c = l.split(',');
      if (i % 7 === 3) c[1] = ''; // a missing numeric cell
      return [...c.slice(0, 4), i % 11 === 5 ? '' : ['north', 'south', 'east'][i % 3], c[4]].join(',');
    });
    const file = join(dir, 'iris-missing.csv');
    writeFileSync(file, ['sepal_length,sepal_width,petal_length,petal_width,site,species', ...rows].join('\n') + '\n');
    expect(await tabularParity('iris-missing', file, ['--epochs', '5', '--ensemble', '2'])).toBeLessThan(1e-5);
  });

  it.each([
    ['2-D CNN on 8x8 digit images', 'digits', [SAMPLE('digits8x8.csv'), '--task', 'image', '--epochs', '1']],
    ['1-D CNN on iris rows read as signals', 'signal', [SAMPLE('iris.csv'), ...IRIS_SIGNAL, '--epochs', '3']],
  ])('%s', async (_what, name, args) => {
    const { model, onnx } = await trainAndExport(name, args);
    const m = loadModel(model);
    const p = m.pipeline as ImagePipeline;
    if (p.source.kind !== 'pixels') throw new Error('pixel CSV expected');
    const raw = loadPixelCsvLike(args[0], p.source, p.shape, p.kind, false);
    const got = await run(onnx, new ort.Tensor('float32', raw.x, [raw.n, ...p.shape]));
    expect(maxAbsDiff(got, applyLoaded(m, { kind: 'path', path: args[0] }).probabilities!)).toBeLessThan(1e-5);
  });

  it.each(['lstm', 'gru', 'rnn'])('Embedding + %s text classifier (gate order, GRU reset-after)', async (kind) => {
    const { model, onnx } = await trainAndExport(`text-${kind}`, [
      REVIEWS,
      '--task',
      'text',
      '--model',
      kind,
      '--epochs',
      '2',
    ]);
    const m = loadModel(model);
    const p = m.pipeline as TextPipeline;
    const t = await readTable(REVIEWS);
    const ids = encodeTexts(p.tokenizer, t.columns[t.names.indexOf(p.column)]);
    const got = await run(
      onnx,
      new ort.Tensor(
        'int64',
        BigInt64Array.from(ids, (v) => BigInt(v)),
        [t.nRows, p.tokenizer.length],
      ),
    );
    const want = applyLoaded(m, { kind: 'table', table: t }).probabilities!;
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-5);
    // The test can fail: the probabilities are not all alike.
    expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(1e-3);
  });

  it.skipIf(!PYTHON_ONNX)('every exported file passes the ONNX checker and strict shape inference', () => {
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, d.name, 'model.onnx'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    const r = spawnSync(PY, ['-c', CHECK, ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
  });
});
