// Config files (JSON, or YAML for .yaml/.yml): every train option by its spec name (camelCase) or flag name (kebab-case).
// Unknown keys are errors naming the key and the nearest valid one. `out` and `force` decide what
// gets overwritten, so only the command line may set them. YAML aliases are capped (a "billion
// laughs" file is refused, not expanded).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { systemUserError, UserError } from '../errors.js';
import { nearest } from '../data/schema.js';
import { kebab, TRAIN_OPTIONS } from './options.js';

const CLI_ONLY = ['out', 'force'];
const MAX_ALIASES = 100;
const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function loadConfigFile(path: string): Record<string, unknown> {
  return configOptions(path, parseConfig(path, readConfig(path)));
}

/** The file's text; a missing file or a folder is a UserError. */
function readConfig(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT')
      throw new UserError({ file: path, message: 'config file not found', hint: 'check the path given to --config' });
    if (code === 'EISDIR')
      throw new UserError({
        file: path,
        message: 'is a folder, not a config file',
        hint: 'give the path of a .json or .yaml file to --config',
      });
    throw systemUserError(e, { file: path, hint: 'check the path given to --config' }) ?? e;
  }
}

/** The parsed JSON or YAML value; a syntax error or an alias bomb is a UserError. */
function parseConfig(path: string, text: string): unknown {
  const yaml = /\.ya?ml$/i.test(path);
  let obj: unknown;
  try {
    obj = yaml
      ? yamlLib().parse(text.replace(/^\uFEFF/, ''), { maxAliasCount: MAX_ALIASES })
      : JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (yaml && e instanceof ReferenceError && /excessive alias/i.test(e.message)) {
      throw new UserError({
        file: path,
        message: 'expands YAML aliases (*name) too far (a "billion laughs" file), which could exhaust the memory',
        hint: 'write the options out without anchors and aliases',
      });
    }
    if (yaml && e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new UserError({
        file: path,
        message: `is not valid YAML (${e.message.split('\n')[0]})`,
        hint: 'define each &anchor before its *alias, or write the value out',
      });
    }
    if (yaml && e instanceof yamlLib().YAMLParseError) {
      throw new UserError({
        file: path,
        message: `is not valid YAML (${e.message.split('\n')[0]})`,
        hint: 'fix the syntax: one "option: value" per line',
      });
    }
    if (!yaml && e instanceof SyntaxError)
      throw new UserError({
        file: path,
        message: `is not valid JSON (${e.message})`,
        hint: 'fix the syntax, e.g. with a JSON validator',
      });
    throw e;
  }
  return obj;
}

/** The options of a parsed file by spec name, after refusing a non-mapping, unknown keys and CLI-only keys. */
function configOptions(path: string, obj: unknown): Record<string, unknown> {
  const yaml = /\.ya?ml$/i.test(path);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new UserError({
      file: path,
      message: `must hold ${yaml ? 'a YAML mapping' : 'a JSON object'} of options`,
      hint: yaml
        ? 'e.g. "epochs: 200" and "hidden: [64, 32]" on separate lines'
        : 'e.g. {"epochs": 200, "hidden": [64, 32]}',
    });
  }
  const keys = Object.keys(TRAIN_OPTIONS);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = camel(k);
    if (!keys.includes(key) || key === 'config') {
      const near = nearest(key, keys) ?? nearest(k, keys.map(kebab));
      throw new UserError({
        file: path,
        message: `unknown option "${k}"`,
        hint: near ? `did you mean "${near}"?` : `valid options: ${keys.join(', ')}`,
      });
    }
    if (CLI_ONLY.includes(key)) {
      throw new UserError({
        file: path,
        message: `sets "${k}", which only the command line may set (it decides what gets overwritten)`,
        hint: `remove it from the file and pass --${kebab(key)} on the command line`,
      });
    }
    out[key] = v;
  }
  return out;
}

/** The YAML parser, loaded on first use only (it adds ~30 ms to every start otherwise). */
function yamlLib(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
