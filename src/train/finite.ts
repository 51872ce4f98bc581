// The last check before a run folder is written: no NaN or infinity may reach predictions, metrics,
// the report's data or the model weights. JSON.stringify would turn NaN into null and the CSV writer
// into an empty cell, so a silent hole would otherwise ship; this turns it into one clear error.

import { base64ToFloats } from '../engine/serialize.js';
import { UserError } from '../errors.js';
import type { RunOutput } from '../report/types.js';

const HINT =
  'likely causes: a learning rate too high (lower --lr), an unscaled target, or extreme values in the data (check with nnm inspect)';

/** Throws a UserError naming the first non-finite number in the summary or the model weights. */
export function assertFiniteOutput(output: RunOutput): void {
  const where = firstNonFinite(output.summary, 'summary');
  if (where)
    throw new UserError({
      message: `the run produced a non-finite number (${where.path} = ${where.value}); nothing was written`,
      hint: HINT,
    });
  const model = output.files['model.nnm.json'];
  if (model === undefined) return;
  const members = (JSON.parse(model) as { weights?: { members?: unknown } }).weights?.members;
  if (!Array.isArray(members)) return;
  members.forEach((w, m) => {
    if (typeof w !== 'string') return;
    const a = base64ToFloats(w);
    const i = a.findIndex((v) => !Number.isFinite(v));
    if (i >= 0)
      throw new UserError({
        message: `network ${m + 1} has a non-finite weight (index ${i} = ${a[i]}); nothing was written`,
        hint: HINT,
      });
  });
}

function firstNonFinite(x: unknown, path: string): { path: string; value: number } | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? undefined : { path, value: x };
  if (x instanceof Float32Array || x instanceof Float64Array) {
    const i = x.findIndex((v) => !Number.isFinite(v));
    return i >= 0 ? { path: `${path}[${i}]`, value: x[i] } : undefined;
  }
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const f = firstNonFinite(x[i], `${path}[${i}]`);
      if (f) return f;
    }
    return undefined;
  }
  if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      const f = firstNonFinite(v, `${path}.${k}`);
      if (f) return f;
    }
  }
  return undefined;
}
