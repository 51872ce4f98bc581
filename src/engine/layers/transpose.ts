// Transpose: per-sample x (R, S) -> y (S, R), y[s, r] = x[r, s]; backward dx[r, s] = dy[s, r].
// The bridge between the (T, I) layout of sequence windows and recurrent layers and the (C, L)
// layout of Conv1d and TCN blocks: CNN-LSTM = transpose -> conv1d -> transpose -> lstm. No parameters.
// reference: torch.transpose / Keras Permute((2, 1)).

import { type ForwardContext, type Layer, type ParamSpec } from './layer.js';

export interface TransposeConfig {
  kind: 'transpose';
}

export class Transpose implements Layer<TransposeConfig> {
  readonly kind = 'transpose' as const;
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  private readonly R: number;
  private readonly S: number;
  private y: Float32Array = new Float32Array(0);
  private dx: Float32Array = new Float32Array(0);

  constructor(
    private readonly cfg: TransposeConfig,
    inShape: readonly number[],
  ) {
    if (inShape.length !== 2)
      throw new RangeError(`transpose needs per-sample inputs of rank 2, got [${inShape.join(', ')}]`);
    [this.R, this.S] = inShape;
    this.inShape = [...inShape];
    this.outShape = [this.S, this.R];
  }

  params(): ParamSpec[] {
    return [];
  }

  bind(): void {}

  resize(maxBatch: number): void {
    this.y = new Float32Array(maxBatch * this.R * this.S);
    this.dx = new Float32Array(maxBatch * this.R * this.S);
  }

  /** dst[n, s, r] = src[n, r, s] for the first B samples; rows × cols is the source's shape. */
  private static swap(dst: Float32Array, src: Float32Array, B: number, rows: number, cols: number): void {
    for (let n = 0; n < B; n++) {
      const o = n * rows * cols;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) dst[o + c * rows + r] = src[o + r * cols + c];
      }
    }
  }

  forward(x: Float32Array, B: number, _ctx: ForwardContext): Float32Array {
    Transpose.swap(this.y, x, B, this.R, this.S);
    return this.y;
  }

  backward(dy: Float32Array, B: number): Float32Array {
    Transpose.swap(this.dx, dy, B, this.S, this.R);
    return this.dx;
  }

  config(): TransposeConfig {
    return { ...this.cfg };
  }

  describe(): string {
    return `Transpose([${this.R}, ${this.S}] -> [${this.S}, ${this.R}])`;
  }
}
