// A small builder of ONNX graphs: nodes in topological order (each added after its inputs), named
// initializers (float32 or int64 tensors) and fresh value names, so the layer translations
// (onnx-layers.ts) and the pipeline steps (onnx.ts) only say which operators they need.

import {
  AttrType,
  type AttributeProto,
  DataType,
  type GraphProto,
  type NodeProto,
  type TensorProto,
  type ValueInfo,
} from './onnx-proto.js';

export type Attr = number | number[] | string | { float: number } | { floats: number[] };

function attribute(name: string, v: Attr): AttributeProto {
  if (typeof v === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`onnx attribute ${name}: ${v} is not an integer (use { float })`);
    return { name, type: AttrType.INT, i: v };
  }
  if (Array.isArray(v)) return { name, type: AttrType.INTS, ints: v };
  if ('float' in v) return { name, type: AttrType.FLOAT, f: v.float };
  return { name, type: AttrType.FLOATS, floats: v.floats };
}

export class GraphBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inits: TensorProto[] = [];
  private readonly used = new Set<string>();

  /** A value name not used yet, from `base`. */
  fresh(base: string): string {
    let name = base;
    for (let k = 1; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }

  /** A float32 constant of the given shape (data row-major). */
  floats(base: string, dims: number[], data: ArrayLike<number>): string {
    const n = dims.reduce((a, d) => a * d, 1);
    if (data.length !== n) throw new Error(`onnx tensor ${base}: ${data.length} values for shape [${dims.join(', ')}]`);
    const f = Float32Array.from(data);
    return this.tensor(base, dims, DataType.FLOAT, new Uint8Array(f.buffer, f.byteOffset, f.byteLength));
  }

  /** An int64 constant (shapes, axes). */
  int64s(base: string, data: number[]): string {
    const v = BigInt64Array.from(data, (x) => BigInt(x));
    return this.tensor(base, [data.length], DataType.INT64, new Uint8Array(v.buffer));
  }

  private tensor(base: string, dims: number[], dataType: TensorProto['data_type'], raw: Uint8Array): string {
    const name = this.fresh(base);
    // NOTE: raw_data is little-endian in ONNX; typed arrays are in the machine's order, little-endian
    // on every platform Node runs on (x64, arm64).
    this.inits.push({ name, dims, data_type: dataType, raw_data: raw });
    return name;
  }

  /** Add one node; returns its output names (`outputs` of them, named from the op). */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1): string[] {
    const out = Array.from({ length: outputs }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      input: inputs,
      output: out,
      name: this.fresh(`${opType}_node`),
      op_type: opType,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  /** The one output of a single-output node. */
  op1(opType: string, inputs: string[], attrs: Record<string, Attr> = {}): string {
    return this.op(opType, inputs, attrs, 1)[0];
  }

  /** Route `value` to a graph output called `name` (an Identity node, so any value can be an output). */
  output(value: string, name: string): string {
    this.used.add(name);
    this.nodes.push({
      input: [value],
      output: [name],
      name: this.fresh('Identity_node'),
      op_type: 'Identity',
      attribute: [],
    });
    return name;
  }

  build(name: string, input: ValueInfo[], output: ValueInfo[], docString: string): GraphProto {
    return { name, node: this.nodes, initializer: this.inits, input, output, doc_string: docString };
  }
}
