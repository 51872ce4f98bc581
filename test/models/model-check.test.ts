// Hostile and damaged model files are refused in one line (a UserError, exit 2) before any network
// is built: truncated, edited, newer format, unknown layer or activation, huge declared sizes, deep
// nesting, `__proto__` keys, bad base64; the same for SOM cluster models.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sequential } from '../../src/engine/model.js';
import { Rng } from '../../src/engine/rng.js';
import { UserError } from '../../src/errors.js';
import { jsonDepth, readModelText } from '../../src/models/model-check.js';
import { decodeModelFile, encodeModelFile, sha256 } from '../../src/models/model-file.js';
import { decodeSomModel, encodeSomModel } from '../../src/models/som-file.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

function modelText(): string {
  const m = new Sequential({
    inShape: [4],
    layers: [
      { kind: 'dense', units: 8 },
      { kind: 'activation', fn: 'relu' },
      { kind: 'dense', units: 3 },
      { kind: 'activation', fn: 'softmax' },
    ],
  });
  m.init(new Rng(1));
  return encodeModelFile([m, m], {
    nnmVersion: '0.1.0',
    task: 'classify',
    model: 'mlp',
    pipeline: { kind: 'tabular' },
  });
}

/** Parse, edit, and write back with a valid checksum (what a hostile file can do: the checksum is not a signature). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hostile edit reaches anywhere in the file
type AnyObject = Record<string, any>;
function resealed(text: string, edit: (o: AnyObject) => void): string {
  const o = JSON.parse(text) as AnyObject;
  delete o.checksum;
  edit(o);
  return JSON.stringify({ ...o, checksum: `sha256:${sha256(JSON.stringify(o))}` });
}

const refusal = (text: string, decode: (t: string, f: string) => unknown = decodeModelFile): string => {
  try {
    decode(text, 'm.json');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const line = (e as UserError).format();
    expect(line).not.toContain('\n');
    return line;
  }
  throw new Error('the file was accepted');
};

describe('model files: refused before anything is built', () => {
  it('a sound file decodes, with both ensemble members', () => {
    expect(decodeModelFile(modelText(), 'm.json').members).toHaveLength(2);
  });

  it.each<[string, (t: string) => string, RegExp]>([
    ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /cut off or damaged/],
    ['edited (checksum)', (t) => t.replace('"task":"classify"', '"task":"regress"'), /failed its checksum/],
    [
      'a future major format',
      (t) => resealed(t, (o) => (o.format_version = '2.0')),
      /newer nnm \(model format 2\.0, this nnm reads 1\.x\)/,
    ],
    [
      'an unknown layer kind',
      (t) => resealed(t, (o) => (o.architecture.layers[1].kind = 'quantum')),
      /layer 2 has the unknown kind "quantum"/,
    ],
    [
      'a bad activation',
      (t) => resealed(t, (o) => (o.architecture.layers[1].fn = 'swish')),
      /layer 2 \(activation\) has the unknown fn "swish"/,
    ],
    [
      'a non-integer size',
      (t) => resealed(t, (o) => (o.architecture.layers[0].units = 2.5)),
      /units 2\.5, not a whole number/,
    ],
    [
      'a huge dense layer',
      (t) => resealed(t, (o) => (o.architecture.layers[0].units = 1e9)),
      /units 1000000000, not a whole number from 1 to/,
    ],
    [
      'a huge input shape',
      (t) => resealed(t, (o) => (o.architecture.inShape = [1 << 20, 1 << 20])),
      /declares an input shape \[1048576, 1048576\]/,
    ],
    [
      'more weights declared than held',
      (t) => resealed(t, (o) => (o.architecture.layers[0].units = 1 << 20)),
      /declares \d+ weights per network but holds 67/,
    ],
    [
      'bad base64 weights',
      (t) => resealed(t, (o) => (o.weights.members[0] = '!!!!' + o.weights.members[0].slice(4))),
      /holds damaged weights/,
    ],
    [
      'members of different sizes',
      (t) => resealed(t, (o) => (o.weights.members[1] = o.weights.members[1].slice(0, 16))),
      /different sizes/,
    ],
    [
      '10^6 nested arrays',
      (t) => resealed(t, (o) => (o.pipeline.x = 'NEST')).replace('"NEST"', `${'['.repeat(1e6)}${']'.repeat(1e6)}`),
      /nests arrays or objects more than 100000 deep/,
    ],
    [
      'a __proto__ key',
      (t) => t.replace('"pipeline":{', '"pipeline":{"__proto__":{"polluted":true},'),
      /has a "__proto__" key/,
    ],
  ])('%s', (_name, damage, re) => {
    const before = process.memoryUsage().arrayBuffers;
    expect(refusal(damage(modelText()))).toMatch(re);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('jsonDepth ignores brackets inside strings and escapes', () => {
    expect(jsonDepth('{"a":[1,[2]],"b":"[[[[\\"[["}')).toBe(3);
    expect(jsonDepth('[]')).toBe(1);
  });
});

describe('SOM cluster model files', () => {
  const som = (): string =>
    encodeSomModel(
      {
        rows: 2,
        cols: 2,
        weights: new Float32Array(8).fill(0.5),
        unitCluster: [1, 1, 2, 2],
        pipeline: { kind: 'cluster', features: [], inputSize: 2, inputNames: ['a', 'b'] },
      },
      '0.1.0',
    );

  it('a sound file decodes', () => expect(decodeSomModel(som(), 'm.json').unitCluster).toEqual([1, 1, 2, 2]));

  it.each<[string, (t: string) => string, RegExp]>([
    ['a future major format', (t) => resealed(t, (o) => (o.format_version = '3.1')), /newer nnm/],
    [
      'a huge declared map',
      (t) => resealed(t, (o) => (o.som.rows = 1 << 24)),
      /declares a 16777216x2 map of 2 values per unit but holds 8 weights/,
    ],
    ['no unit clusters', (t) => resealed(t, (o) => delete o.unit_cluster), /does not hold a SOM grid/],
    [
      'a dim unlike its preprocessing',
      (t) =>
        resealed(t, (o) => {
          o.som.dim = 1;
          o.som.rows = 4;
          o.unit_cluster = [1, 1, 1, 1, 2, 2, 2, 2];
        }),
      /preprocessing that does not match/,
    ],
    ['truncated', (t) => t.slice(0, 50), /cut off or damaged/],
  ])('%s', (_name, damage, re) => {
    expect(refusal(damage(som()), decodeSomModel)).toMatch(re);
  });
});

describe('model paths', () => {
  it('a device or a folder is refused without reading it', () => {
    if (existsSync('/dev/zero')) expect(() => readModelText('/dev/zero')).toThrow(/is not a regular file/);
    expect(() => readModelText(tempDir())).toThrow(/is a folder, not a model file/);
    expect(() => readModelText('/no/such/model.json')).toThrow(/model file not found/);
  });

  it('nnm predict with a hostile model file: exit 2, one line, no "bug in nnm"', async () => {
    const dir = tempDir();
    const path = join(dir, 'model.nnm.json');
    writeFileSync(
      path,
      resealed(modelText(), (o) => (o.architecture.layers[0].kind = 'quantum')),
    );
    const r = await runCli(['predict', path, SAMPLE('iris.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown kind "quantum"/);
  });
});
