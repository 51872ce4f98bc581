// The ONNX file format: the subset of onnx.proto (ModelProto and what it holds) that nnm writes,
// declared for protobufjs with the field numbers of the ONNX spec, and the encoder of a whole model.
// reference: https://github.com/onnx/onnx/blob/main/onnx/onnx.proto (IR version 7, opset 13)
// NOTE: protobufjs (a maintained library) does the wire format; only the message layout is ours. Float
// tensors go in raw_data (little-endian float32), as every ONNX writer does for weights.

import protobuf from 'protobufjs/light.js';

export const IR_VERSION = 7;
export const OPSET = 13;

export const DataType = { FLOAT: 1, INT64: 7 } as const;
export type ElemType = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values of the kinds nnm writes. */
export const AttrType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

export interface TensorProto {
  name: string;
  dims: number[];
  data_type: ElemType;
  raw_data: Uint8Array;
}

export interface AttributeProto {
  name: string;
  type: (typeof AttrType)[keyof typeof AttrType];
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeProto[];
}

/** A dimension: a number, or a name for one the caller chooses (the batch size). */
export type Dim = number | string;

export interface ValueInfo {
  name: string;
  elemType: ElemType;
  shape: Dim[];
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfo[];
  output: ValueInfo[];
  doc_string?: string;
}

export interface ModelMeta {
  producerVersion: string;
  docString: string;
  metadata: Record<string, string>;
}

const field = (type: string, id: number, rule?: 'repeated') => (rule ? { type, id, rule } : { type, id });

const SCHEMA = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: field('int64', 1),
            producer_name: field('string', 2),
            producer_version: field('string', 3),
            doc_string: field('string', 6),
            graph: field('GraphProto', 7),
            opset_import: field('OperatorSetIdProto', 8, 'repeated'),
            metadata_props: field('StringStringEntryProto', 14, 'repeated'),
          },
        },
        OperatorSetIdProto: { fields: { domain: field('string', 1), version: field('int64', 2) } },
        StringStringEntryProto: { fields: { key: field('string', 1), value: field('string', 2) } },
        GraphProto: {
          fields: {
            node: field('NodeProto', 1, 'repeated'),
            name: field('string', 2),
            initializer: field('TensorProto', 5, 'repeated'),
            doc_string: field('string', 10),
            input: field('ValueInfoProto', 11, 'repeated'),
            output: field('ValueInfoProto', 12, 'repeated'),
          },
        },
        NodeProto: {
          fields: {
            input: field('string', 1, 'repeated'),
            output: field('string', 2, 'repeated'),
            name: field('string', 3),
            op_type: field('string', 4),
            attribute: field('AttributeProto', 5, 'repeated'),
            domain: field('string', 7),
          },
        },
        AttributeProto: {
          fields: {
            name: field('string', 1),
            f: field('float', 2),
            i: field('int64', 3),
            s: field('bytes', 4),
            floats: field('float', 7, 'repeated'),
            ints: field('int64', 8, 'repeated'),
            type: field('int32', 20),
          },
        },
        TensorProto: {
          fields: {
            dims: field('int64', 1, 'repeated'),
            data_type: field('int32', 2),
            name: field('string', 8),
            raw_data: field('bytes', 9),
          },
        },
        ValueInfoProto: { fields: { name: field('string', 1), type: field('TypeProto', 2) } },
        TypeProto: {
          fields: { tensor_type: field('Tensor', 1) },
          nested: { Tensor: { fields: { elem_type: field('int32', 1), shape: field('TensorShapeProto', 2) } } },
        },
        TensorShapeProto: {
          fields: { dim: field('Dimension', 1, 'repeated') },
          nested: { Dimension: { fields: { dim_value: field('int64', 1), dim_param: field('string', 2) } } },
        },
      },
    },
  },
};

const ModelProto = protobuf.Root.fromJSON(SCHEMA).lookupType('onnx.ModelProto');

function valueInfo(v: ValueInfo): object {
  const dim = v.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name: v.name, type: { tensor_type: { elem_type: v.elemType, shape: { dim } } } };
}

/** The bytes of a .onnx file holding `graph`. */
export function encodeModel(graph: GraphProto, meta: ModelMeta): Uint8Array {
  const message = {
    ir_version: IR_VERSION,
    producer_name: 'nnm',
    producer_version: meta.producerVersion,
    doc_string: meta.docString,
    opset_import: [{ domain: '', version: OPSET }],
    metadata_props: Object.entries(meta.metadata).map(([key, value]) => ({ key, value })),
    graph: { ...graph, input: graph.input.map(valueInfo), output: graph.output.map(valueInfo) },
  };
  const err = ModelProto.verify(message);
  if (err) throw new Error(`onnx: the model message is malformed: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(message)).finish();
}
