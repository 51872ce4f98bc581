// The image run's data audit (file hash, the label and pixel columns as two audit rows) and the
// misclassified test images that the report's grid figure draws.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../models/model-file.js';
import type { DataAudit, RunSummary } from '../../report/types.js';
import type { LoadedImages } from './types.js';

export function imageAudit(data: LoadedImages, folder: boolean, notes: string[]): DataAudit {
  const counts = new Map<string, number>();
  for (const l of data.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const inputs =
    data.source.kind === 'pixels'
      ? {
          name: `${data.source.columns[0]} .. ${data.source.columns[data.source.columns.length - 1]} (${data.source.columns.length} ${data.kind === 'image' ? 'pixel' : 'signal'} columns)`,
          type: data.kind === 'image' ? 'pixels' : 'signal',
          missing: 0,
          unique: 0,
          role: 'input' as const,
        }
      : {
          name: `images (${data.shape[1]}x${data.shape[2]}, ${data.shape[0] === 1 ? 'grey' : 'RGB'})`,
          type: 'pixels',
          missing: 0,
          unique: data.n,
          role: 'input' as const,
        };
  return {
    file: data.file,
    sha256: folder ? folderHash(data.file, data.ids as string[]) : sha256(readFileSync(data.file)),
    encoding: data.encoding ?? 'PNG/JPEG',
    delimiter: data.delimiter ?? '/',
    rows: data.n,
    columns: [
      {
        name: data.source.kind === 'pixels' ? data.source.labelColumn : 'class (sub-folder)',
        type: 'category',
        missing: 0,
        unique: counts.size,
        role: 'target',
      },
      inputs,
    ],
    imputed: [],
    notes,
  };
}

/** SHA-256 over every image's relative path and content hash, in sorted order. */
function folderHash(dir: string, ids: string[]): string {
  return sha256(
    [...ids]
      .sort()
      .map((id) => `${id}:${sha256(readFileSync(join(dir, id)))}`)
      .join('\n'),
  );
}

/** Up to 24 misclassified test images (pixels rounded to 3 decimals) for the report's grid figure. */
export function misclassified(
  x: Float32Array,
  size: number,
  shape: [number, number, number],
  p: { actual: (string | number)[]; predicted: (string | number)[] },
): NonNullable<RunSummary['misclassified']> {
  const items: { pixels: number[]; actual: string; predicted: string }[] = [];
  for (let i = 0; i < p.actual.length && items.length < 24; i++) {
    if (p.actual[i] === p.predicted[i]) continue;
    items.push({
      pixels: Array.from(x.subarray(i * size, (i + 1) * size), (v) => Math.round(v * 1000) / 1000),
      actual: String(p.actual[i]),
      predicted: String(p.predicted[i]),
    });
  }
  return { shape, items };
}
