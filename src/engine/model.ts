// Sequential model: a thin list of layers over ONE flat parameter buffer and ONE flat gradient
// buffer (llm.c); each layer gets subarray views. The manifest ({name, shape, offset}) describes the
// flat buffer, so saving is the buffer plus the manifest and loading is the reverse (tfjs
// weightsManifest). Training lives in train/, not here.
// NOTE: trainable entries come first in the flat buffers and non-trainable ones (BatchNorm running
// statistics, written by forward) after them, so an optimiser steps over the prefix views
// trainableParams/trainableGrads and cannot move the rest.

import { initialise } from './init.js';
import { kernelBuffer } from './kernels/gemm.js';
import { zeroFloats } from './kernels/wasm/gemm-wasm.js';
import { type ForwardContext, type Layer, sizeOf } from './layers/layer.js';
import { createLayer, type LayerConfig } from './layers/registry.js';
import { Rng } from './rng.js';

export interface ManifestEntry {
  name: string; // "<layer index>.<layer kind>.<param name>", e.g. "0.dense.W"
  shape: number[];
  offset: number;
  decay: boolean;
  trainable: boolean;
}

export interface ModelSpec {
  inShape: number[];
  layers: LayerConfig[];
}

export interface LayerSummary {
  index: number;
  description: string;
  outShape: number[];
  params: number;
}

export class Sequential {
  readonly layers: Layer[];
  readonly inShape: readonly number[];
  readonly outShape: readonly number[];
  readonly params: Float32Array;
  readonly grads: Float32Array;
  /** Views of the first trainableSize values of params/grads: what an optimiser steps over. */
  readonly trainableParams: Float32Array;
  readonly trainableGrads: Float32Array;
  readonly manifest: ManifestEntry[];
  private maxBatch = 0;
  private readonly evalCtx: ForwardContext = { mode: 'eval', rng: new Rng(0) };

  constructor(readonly spec: ModelSpec) {
    this.inShape = [...spec.inShape];
    const layers: Layer[] = [];
    let shape: readonly number[] = spec.inShape;
    for (const cfg of spec.layers) {
      const layer = createLayer(cfg, shape);
      layers.push(layer);
      shape = layer.outShape;
    }
    this.layers = layers;
    this.outShape = [...shape];

    // Manifest in layer order; offsets in two passes, trainable tensors first.
    const manifest: ManifestEntry[] = [];
    layers.forEach((layer, li) => {
      for (const p of layer.params()) {
        manifest.push({
          name: `${li}.${layer.kind}.${p.name}`,
          shape: p.shape,
          offset: 0,
          decay: p.decay,
          trainable: p.trainable ?? true,
        });
      }
    });
    let total = 0;
    let trainableSize = 0;
    for (const pass of [true, false]) {
      for (const e of manifest) {
        if (e.trainable !== pass) continue;
        e.offset = total;
        total += sizeOf(e.shape);
      }
      if (pass) trainableSize = total;
    }
    this.manifest = manifest;
    // One buffer for both, so that under the wasm backend weights and gradients share one
    // WebAssembly memory and gemm() uses them in place (kernels/gemm.ts kernelBuffer).
    const store = kernelBuffer(2 * total);
    this.params = store.subarray(0, total);
    this.grads = store.subarray(total, 2 * total);
    this.trainableParams = this.params.subarray(0, trainableSize);
    this.trainableGrads = this.grads.subarray(0, trainableSize);
    let m = 0;
    for (const layer of layers) {
      const specs = layer.params();
      const values: Float32Array[] = [];
      const grads: Float32Array[] = [];
      for (const p of specs) {
        const e = manifest[m++];
        const n = sizeOf(p.shape);
        values.push(this.params.subarray(e.offset, e.offset + n));
        grads.push(this.grads.subarray(e.offset, e.offset + n));
      }
      layer.bind(values, grads);
    }
  }

  /** Draw every parameter from its initialiser, in manifest order, from the given Rng. */
  init(rng: Rng): void {
    let m = 0;
    for (const layer of this.layers) {
      for (const p of layer.params()) {
        const e = this.manifest[m++];
        initialise(this.params.subarray(e.offset, e.offset + sizeOf(p.shape)), p.init, rng);
      }
    }
  }

  get inSize(): number {
    return sizeOf(this.inShape);
  }

  get outSize(): number {
    return sizeOf(this.outShape);
  }

  get paramCount(): number {
    return this.params.length;
  }

  /** Make sure every layer can take batches of B samples (allocates only when B grows). */
  reserve(B: number): void {
    if (B <= this.maxBatch) return;
    for (const layer of this.layers) layer.resize(B);
    this.maxBatch = B;
  }

  forward(x: Float32Array, B: number, ctx: ForwardContext): Float32Array {
    this.reserve(B);
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, B, ctx);
    return h;
  }

  /** Backpropagate dL/dy; returns dL/dx, or unspecified contents when needInputGrad is false. */
  backward(dy: Float32Array, B: number, needInputGrad = true): Float32Array {
    let d = dy;
    for (let i = this.layers.length - 1; i >= 0; i--) d = this.layers[i].backward(d, B, needInputGrad || i > 0);
    return d;
  }

  zeroGrad(): void {
    zeroFloats(this.grads); // a memset when the gradients live in wasm memory
  }

  /** Inference over any number of rows, in chunks; returns a new (n, outSize) array. */
  predict(x: Float32Array, n: number, chunk = 256): Float32Array {
    const out = new Float32Array(n * this.outSize);
    const inSize = this.inSize;
    for (let s = 0; s < n; s += chunk) {
      const B = Math.min(chunk, n - s);
      const y = this.forward(x.subarray(s * inSize, (s + B) * inSize), B, this.evalCtx);
      out.set(y.subarray(0, B * this.outSize), s * this.outSize);
    }
    return out;
  }

  summary(): LayerSummary[] {
    return this.layers.map((l, index) => ({
      index,
      description: l.describe(),
      outShape: [...l.outShape],
      params: l.params().reduce((s, p) => s + sizeOf(p.shape), 0),
    }));
  }

  /** The architecture as plain data (layer configs) plus the flat weights. */
  toSpec(): ModelSpec {
    return { inShape: [...this.inShape], layers: this.layers.map((l) => l.config() as LayerConfig) };
  }

  static fromSpec(spec: ModelSpec, weights?: Float32Array): Sequential {
    const model = new Sequential(spec);
    if (weights) {
      if (weights.length !== model.params.length) {
        throw new RangeError(`weights hold ${weights.length} values, the architecture needs ${model.params.length}`);
      }
      model.params.set(weights);
    }
    return model;
  }
}

/** grads += λ·w on the parameters the manifest marks for decay (L2 regularisation). */
export function addWeightDecay(model: Sequential, lambda: number): void {
  if (lambda === 0) return;
  const { params, grads } = model;
  for (const e of model.manifest) {
    if (!e.decay) continue;
    const end = e.offset + sizeOf(e.shape);
    for (let i = e.offset; i < end; i++) grads[i] += lambda * params[i];
  }
}
