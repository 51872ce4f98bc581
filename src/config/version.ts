// nnm's own version, read once from package.json (two folders up from both src/config and dist/config).

import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function nnmVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
