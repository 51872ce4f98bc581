// `nnm export MODEL --format onnx [--out FILE]`: a trained model as an ONNX file (and its JSON sidecar)
// for onnxruntime, Python, MATLAB (importONNXNetwork) and the rest of a team's code.

import { Command, Option } from 'commander';
import { exportOnnx } from '../export/onnx.js';
import { checkWritable, writeAtomic } from '../report/files.js';
import { loadModel } from '../tasks/model.js';
import { type Io, paint } from './io.js';

export const EXPORT_FORMATS = ['onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSpec {
  model: string;
  format: ExportFormat;
  out?: string;
  force: boolean;
  quiet: boolean;
}

/** model.nnm.json -> model.onnx beside it; any other name gets .onnx added. */
export function defaultOnnxPath(model: string): string {
  return /\.nnm\.json$/i.test(model) ? model.replace(/\.nnm\.json$/i, '.onnx') : `${model}.onnx`;
}

/** The sidecar's path: FILE.onnx -> FILE.onnx.json. */
export const sidecarPath = (onnx: string): string => `${onnx}.json`;

export function exportCommand(io: Io): Command {
  return new Command('export')
    .description(
      'write a trained model as an ONNX file (MLP, CNN, RNN, LSTM, GRU; ensembles averaged in the graph) with a JSON sidecar of its inputs and labels',
    )
    .argument('<model>', 'model.nnm.json from a run folder')
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).default('onnx'))
    .option('--out <file>', 'the ONNX file to write (default: beside the model, model.onnx); the sidecar is FILE.json')
    .option('--force', 'overwrite existing files', false)
    .option('--quiet', 'no summary on stderr', false)
    .option('--debug', 'show stack traces', false)
    .addHelpText(
      'after',
      `
In the graph: imputation and scaling of numeric inputs, pixel scaling, softmax, the ensemble
average and the target in original units. In the sidecar (FILE.json): the input slots (one-hot
levels of categorical columns), class labels, the text vocabulary.
Cluster (SOM) and forecast models are refused, with the reason.

Examples:
  nnm export runs/iris/model.nnm.json --format onnx                     writes runs/iris/model.onnx
  nnm export runs/digits/model.nnm.json --format onnx --out digits.onnx
  python -c "import onnxruntime as ort; print(ort.InferenceSession('runs/iris/model.onnx').get_inputs()[0].shape)"`,
    )
    .action((model: string, flags: Omit<ExportSpec, 'model'>) => {
      runExport({ model, ...flags }, io);
    });
}

export function runExport(spec: ExportSpec, io: Io): { onnx: string; sidecar: string } {
  const c = paint(io);
  const onnx = spec.out ?? defaultOnnxPath(spec.model);
  const side = sidecarPath(onnx);
  checkWritable(onnx, spec.force);
  checkWritable(side, spec.force);
  const m = loadModel(spec.model);
  const e = exportOnnx(m);
  writeAtomic(onnx, e.bytes);
  writeAtomic(side, `${JSON.stringify(e.sidecar, null, 2)}\n`);
  if (!spec.quiet) {
    const what = e.members > 1 ? `${e.members} ensemble members averaged in the graph` : 'one network';
    io.err(
      `${c.dim('nnm:')} wrote ${onnx} (${(e.bytes.length / 1024).toFixed(1)} KB, ${what}; input "${(e.sidecar.input as { name: string }).name}", output "${(e.sidecar.output as { name: string }).name}") and ${side}\n`,
    );
  }
  return { onnx, sidecar: side };
}
