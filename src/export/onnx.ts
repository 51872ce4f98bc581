// `nnm export --format onnx`: a model file as one ONNX graph (opset 13) plus a JSON sidecar.
// graph: input -> preprocessing (onnx-pipelines.ts) -> each ensemble member's network
// (onnx-layers.ts) [-> Softmax] -> the members' mean (Unsqueeze, Concat, ReduceMean over the member
// axis, the same average as nnm predict) -> the target in original units -> output.
// Refused in one line: cluster (SOM) models and forecast models (see refusal()).

import type { Sequential } from '../engine/model.js';
import { UserError } from '../errors.js';
import type { LoadedModel } from '../tasks/model.js';
import { GraphBuilder } from './graph-builder.js';
import { networkNodes } from './onnx-layers.js';
import { imagePlan, type PipelinePlan, tabularPlan, textPlan } from './onnx-pipelines.js';
import { DataType, encodeModel, IR_VERSION, OPSET } from './onnx-proto.js';

export const SIDECAR_FORMAT = 'nnm-onnx-sidecar';

export interface OnnxExport {
  bytes: Uint8Array;
  sidecar: Record<string, unknown>;
  members: number;
}

/** Why a model cannot be exported, or undefined when it can. */
function refusal(m: LoadedModel): string | undefined {
  if (m.runner === 'cluster')
    return 'is a self-organising map (cluster model): it assigns rows to the nearest map unit and a unit-to-cluster table, not a network ONNX can carry; use nnm predict';
  if (m.runner === 'forecast')
    return 'is a forecast model: its log/seasonal differencing and the recursive multi-step forecasts happen outside the network, so an ONNX file of the network alone would not forecast; use nnm predict';
  const size = m.members[0]?.params.length;
  if (m.members.some((x) => x.params.length !== size || x.outSize !== m.members[0].outSize)) {
    return 'holds ensemble members of different shapes, which one ONNX graph cannot average; train with --ensemble 1 or export a run whose members share one architecture';
  }
  return undefined;
}

function planFor(m: LoadedModel): PipelinePlan {
  if (m.runner === 'image') return imagePlan(m.pipeline);
  if (m.runner === 'text') return textPlan(m.pipeline);
  if (m.runner === 'tabular') return tabularPlan(m.pipeline.tabular);
  throw new UserError({
    file: m.path,
    message: `has a ${m.task} pipeline that nnm cannot export`,
    hint: 'use the model.nnm.json of a finished run, or train again',
  });
}

/** Softmax (classification) and the mean over the members: (N, O). */
function averaged(g: GraphBuilder, members: Sequential[], x: string, softmax: boolean): string {
  const outs = members.map((net, k) => {
    const y = networkNodes(g, net, x, members.length > 1 ? `m${k}_` : '');
    return softmax ? g.op1('Softmax', [y], { axis: -1 }) : y;
  });
  if (outs.length === 1) return outs[0];
  const axis0 = g.int64s('member_axis', [0]);
  const stacked = g.op1(
    'Concat',
    outs.map((y) => g.op1('Unsqueeze', [y, axis0])),
    { axis: 0 },
  );
  return g.op1('ReduceMean', [stacked], { axes: [0], keepdims: 0 });
}

export function exportOnnx(m: LoadedModel): OnnxExport {
  const why = refusal(m);
  if (why)
    throw new UserError({
      file: m.path,
      message: why,
      hint: 'nnm export reads MLP, CNN, RNN, LSTM and GRU models of classify, regress, image and text runs',
    });
  const plan = planFor(m);
  const g = new GraphBuilder();
  const x = g.fresh(plan.input.name);
  const y = plan.post(g, averaged(g, m.members, plan.pre(g, x), plan.softmax));
  g.output(y, plan.output.name);
  const members = m.members.length;
  const inGraph = [
    ...plan.inGraph,
    ...(plan.softmax ? ["softmax of each network's outputs"] : []),
    ...(members > 1 ? [`the mean of the ${members} ensemble members' outputs (ReduceMean)`] : []),
  ];
  const doc = `nnm ${m.model} ${m.task} model from ${m.path}; input "${plan.input.name}", output "${plan.output.name}"; the JSON sidecar describes the inputs and labels`;
  const sidecar: Record<string, unknown> = {
    format: SIDECAR_FORMAT,
    format_version: '1.0',
    nnm_version: m.nnmVersion,
    source_model: m.path,
    task: m.task,
    model: m.model,
    members,
    onnx: { ir_version: IR_VERSION, opset: OPSET },
    input: {
      name: plan.input.name,
      dtype: plan.input.elemType === DataType.FLOAT ? 'float32' : 'int64',
      shape: plan.input.shape,
    },
    output: { name: plan.output.name, dtype: 'float32', shape: plan.output.shape },
    in_graph: inGraph,
    ...plan.sidecar,
  };
  const metadata: Record<string, string> = { 'nnm.task': m.task, 'nnm.model': m.model, 'nnm.members': String(members) };
  for (const k of ['classes', 'target'] as const)
    if (plan.sidecar[k] !== undefined) metadata[`nnm.${k}`] = JSON.stringify(plan.sidecar[k]);
  const bytes = encodeModel(g.build(`nnm_${m.model}`, [plan.input], [plan.output], doc), {
    producerVersion: m.nnmVersion,
    docString: doc,
    metadata,
  });
  return { bytes, sidecar, members };
}
