// Value parsers of the train options: each turns a flag string or a config-file value into a typed
// value or throws a UserError naming the option (--epochs must be a whole number ...).

import { UserError } from '../errors.js';

const fail = (name: string, msg: string, hint: string): never => {
  throw new UserError({ message: `--${kebab(name)} ${msg}`, hint });
};

export const int =
  (min: number, max: number) =>
  (v: unknown, name: string): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n) || n < min || n > max)
      fail(
        name,
        `must be a whole number from ${min} to ${max}, got "${String(v)}"`,
        `e.g. --${kebab(name)} ${Math.min(max, Math.max(min, 10))}`,
      );
    return n;
  };

export const num =
  (min: number, max: number, exclusiveMin = false) =>
  (v: unknown, name: string): number => {
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isFinite(n) || n < min || n > max || (exclusiveMin && n === min)) {
      fail(
        name,
        `must be a number ${exclusiveMin ? 'above' : 'from'} ${min}${exclusiveMin ? ' and up to' : ' to'} ${max}, got "${String(v)}"`,
        `e.g. --${kebab(name)} ${max <= 1 ? '0.2' : '0.001'}`,
      );
    }
    return n;
  };

export const choice =
  <T extends string>(values: readonly T[]) =>
  (v: unknown, name: string): T => {
    const s = String(v).trim().toLowerCase();
    if (!(values as readonly string[]).includes(s))
      fail(name, `must be one of ${values.join(', ')}, got "${String(v)}"`, `e.g. --${kebab(name)} ${values[0]}`);
    return s as T;
  };

export const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || v.trim() === '') fail(name, 'needs a value', `e.g. --${kebab(name)} NAME`);
  return String(v);
};

export const bool = (v: unknown, name: string): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  return fail(name, `must be true or false, got "${String(v)}"`, 'write true or false');
};

export const intList = (v: unknown, name: string): number[] => {
  const parts = Array.isArray(v)
    ? v
    : String(v)
        .split(',')
        .filter((s) => s.trim() !== '');
  const out = parts.map((p) => Number(String(p).trim()));
  if (out.length === 0 || out.some((n) => !Number.isInteger(n) || n < 1 || n > 4096))
    fail(name, `must be comma-separated layer sizes from 1 to 4096, got "${String(v)}"`, `e.g. --${kebab(name)} 64,32`);
  return out;
};

export const strList = (v: unknown, name: string): string[] => {
  const out = (Array.isArray(v) ? v.map(String) : String(v).split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (out.length === 0) fail(name, 'needs at least one column name', `e.g. --${kebab(name)} a,b,c`);
  return out;
};

export const covariateList = (v: unknown, name: string): 'auto' | 'none' | string[] => {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  if (s === 'auto' || s === 'none') return s;
  return strList(v, name);
};

export const imageShape = (v: unknown, name: string): [number, number, number] => {
  const m = /^(\d+)x(\d+)(?:x(\d+))?$/i.exec(String(v).trim());
  if (!m) return fail(name, `must look like HxWxC (e.g. 28x28x1), got "${String(v)}"`, 'e.g. --image-shape 28x28x1');
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
};

export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
