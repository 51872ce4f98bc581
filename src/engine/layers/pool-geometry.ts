// Window geometry shared by the pooling layers ('valid' windows): per-sample input (C, ...spatial),
// output side ⌊(side − size)/stride⌋ + 1 per spatial axis, stride defaulting to the window size;
// and PoolLayer, the part the four pooling layers have in common (geometry, no parameters, config).

import type { ParamSpec } from './layer.js';

export interface PoolGeometry {
  k: number;
  s: number;
  outShape: number[];
}

export function poolGeometry(
  kind: string,
  cfg: { size: number; stride?: number },
  inShape: readonly number[],
  spatial: 1 | 2,
): PoolGeometry {
  const dims = spatial === 2 ? '(C, H, W)' : '(C, L)';
  if (inShape.length !== spatial + 1)
    throw new RangeError(`${kind} needs per-sample inputs ${dims}, got [${inShape.join(', ')}]`);
  const k = cfg.size;
  const s = cfg.stride ?? cfg.size;
  const sides = inShape.slice(1).map((n) => Math.floor((n - k) / s) + 1);
  if (!(k > 0 && s > 0 && sides.every((n) => n > 0))) {
    throw new RangeError(`${kind} size ${k} stride ${s} does not fit input [${inShape.join(', ')}]`);
  }
  return { k, s, outShape: [inShape[0], ...sides] };
}

export interface PoolConfig {
  kind: string;
  size: number;
  stride?: number;
}

/** Shapes, window and stride, no parameters, and the config round trip: each pooling layer adds its
 *  buffers, forward, backward and describe. */
export abstract class PoolLayer<C extends PoolConfig> {
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  protected readonly k: number;
  protected readonly s: number;

  constructor(
    protected readonly cfg: C,
    inShape: readonly number[],
    spatial: 1 | 2,
  ) {
    const g = poolGeometry(cfg.kind, cfg, inShape, spatial);
    this.k = g.k;
    this.s = g.s;
    this.inShape = [...inShape];
    this.outShape = g.outShape;
  }

  params(): ParamSpec[] {
    return [];
  }

  bind(): void {}

  config(): C {
    return { ...this.cfg };
  }
}
