// Flatten: per-sample x (d0, d1, ...) -> y (d0·d1·…). Row-major storage already is the flattened
// layout, so forward returns x and backward returns dy unchanged (no copy, no buffers).

import { type ForwardContext, type Layer, type ParamSpec, sizeOf } from './layer.js';

export interface FlattenConfig {
  kind: 'flatten';
}

export class Flatten implements Layer<FlattenConfig> {
  readonly kind = 'flatten' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];

  constructor(
    private readonly cfg: FlattenConfig,
    inShape: readonly number[],
  ) {
    this.inShape = [...inShape];
    this.outShape = [sizeOf(inShape)];
  }

  params(): ParamSpec[] {
    return [];
  }

  bind(): void {}

  resize(): void {}

  forward(x: Float32Array, _B: number, _ctx: ForwardContext): Float32Array {
    return x;
  }

  backward(dy: Float32Array): Float32Array {
    return dy;
  }

  config(): FlattenConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Flatten([${this.inShape.join(', ')}] -> ${this.outShape[0]})`;
  }
}
