// Config files (JSON, or YAML for .yaml/.yml): every train option by its spec name (camelCase) or flag name (kebab-case).
// Unknown keys are errors naming the key and the nearest valid one.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../errors.js';
import { nearest } from '../data/schema.js';
import { kebab, TRAIN_OPTIONS } from './options.js';

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function loadConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError({ file: path, message: 'config file not found', hint: 'check the path given to --config' });
  }
  const yaml = /\.ya?ml$/i.test(path);
  let obj: unknown;
  try {
    obj = yaml ? yamlLib().parse(text.replace(/^\uFEFF/, '')) : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (yaml && e instanceof yamlLib().YAMLParseError) {
      throw new UserError({ file: path, message: `is not valid YAML (${e.message.split('\n')[0]})`, hint: 'fix the syntax: one "option: value" per line' });
    }
    if (!yaml && e instanceof SyntaxError) throw new UserError({ file: path, message: `is not valid JSON (${e.message})`, hint: 'fix the syntax, e.g. with a JSON validator' });
    throw e;
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new UserError({ file: path, message: `must hold ${yaml ? 'a YAML mapping' : 'a JSON object'} of options`, hint: yaml ? 'e.g. "epochs: 200" and "hidden: [64, 32]" on separate lines' : 'e.g. {"epochs": 200, "hidden": [64, 32]}' });
  }
  const keys = Object.keys(TRAIN_OPTIONS);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = camel(k);
    if (!keys.includes(key) || key === 'config') {
      const near = nearest(key, keys) ?? nearest(k, keys.map(kebab));
      throw new UserError({ file: path, message: `unknown option "${k}"`, hint: near ? `did you mean "${near}"?` : `valid options: ${keys.join(', ')}` });
    }
    out[key] = v;
  }
  return out;
}

/** The YAML parser, loaded on first use only (it adds ~30 ms to every start otherwise). */
function yamlLib(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
