// Pixel-column CSVs (one image per row: a label column plus H·W·C pixel columns) and signal CSVs
// (one fixed-length 1-D signal per row) -> raw ImageSet. The shape comes from --image-shape, or from
// a square pixel count (64 -> 8x8x1; 3·s² -> s x s x 3), said as a note. Cells must all be numbers.

import { UserError } from '../errors.js';
import { loadTable, type RawTable } from './load.js';
import { findColumn, isMissing, parseNumber } from './schema.js';
import type { ImageSet, ImageSource } from './images.js';
import { squareSide } from './images.js';

export type PixelKind = 'image' | 'signal' | 'auto';

export interface PixelCsvOptions {
  target?: string;
  /** Pixel/signal columns by name (--features or --sequence-columns). */
  columns?: string[];
  /** [H, W, C] as given by --image-shape. */
  imageShape?: [number, number, number];
  want: PixelKind;
}

const LABEL_NAMES = /^(label|labels|class|classes|target|y|digit|category|类别|标签|类|标记)$/i;
const ID_NAMES = /^(id|index|idx|filename|file|name|path|image|编号|序号|文件名)$/i;

/** Load a pixel/signal CSV; `kind` is what it turned out to be (an image or a signal). */
export function loadPixelCsv(
  file: string,
  o: PixelCsvOptions,
  note: (m: string) => void,
  read: (file: string) => RawTable = loadTable,
): ImageSet & { kind: 'image' | 'signal' } {
  const t = read(file);
  for (const n of t.notes) note(n);
  const notes = [...t.notes];
  const say = (m: string): void => {
    notes.push(m);
    note(m);
  };
  const labelIndex = labelColumn(t, o, say);
  const idIndex = t.names.findIndex((n, i) => i !== labelIndex && ID_NAMES.test(n));
  const cols = pixelColumns(file, t, o, labelIndex, idIndex);
  if (idIndex >= 0 && !o.columns)
    say(`column "${t.names[idIndex]}" is an identifier: used to name the predictions, not as a pixel`);
  const x = readValues(t, cols);
  const { kind, shape } = pixelShape(file, o, x, cols.length, say);
  if (kind === 'image' && shape[0] > 1) toChannelsFirst(x, t.nRows, shape);
  requireLabels(file, t, labelIndex);
  const source: ImageSource = {
    kind: 'pixels',
    columns: cols.map((c) => t.names[c]),
    labelColumn: t.names[labelIndex],
    ...(idIndex >= 0 ? { idColumn: t.names[idIndex] } : {}),
  };
  return {
    kind,
    file,
    x,
    n: t.nRows,
    shape,
    labels: [...t.columns[labelIndex]],
    ids: idIndex >= 0 ? [...t.columns[idIndex]] : Array.from({ length: t.nRows }, (_, r) => r + 1),
    idHeader: idIndex >= 0 ? t.names[idIndex] : 'row',
    source,
    notes,
    encoding: t.encoding,
    delimiter: t.delimiter,
  };
}

/** --target, else the first column with a label-like name, else the last column (said as a note). */
function labelColumn(t: RawTable, o: PixelCsvOptions, say: (m: string) => void): number {
  if (o.target !== undefined) return findColumn(t, o.target, '--target');
  const named = t.names.findIndex((n) => LABEL_NAMES.test(n));
  const labelIndex = named >= 0 ? named : t.names.length - 1;
  say(
    `label column: "${t.names[labelIndex]}" (${named >= 0 ? 'by its name' : 'the last column'}; set --target to change)`,
  );
  return labelIndex;
}

/** The named pixel/signal columns (never the label), or every column but the label and the identifier. */
function pixelColumns(file: string, t: RawTable, o: PixelCsvOptions, labelIndex: number, idIndex: number): number[] {
  if (!o.columns) return t.names.map((_, i) => i).filter((i) => i !== labelIndex && i !== idIndex);
  const cols = o.columns.map((c) => findColumn(t, c, o.want === 'signal' ? '--sequence-columns' : '--features'));
  if (cols.includes(labelIndex))
    throw new UserError({
      file,
      message: `the pixel/signal columns include the label "${t.names[labelIndex]}"`,
      hint: 'remove it from the column list or choose another --target',
    });
  return cols;
}

/** A signal (wanted, or `auto` on values that are no square image of pixels), --image-shape, or a square. */
function pixelShape(
  file: string,
  o: PixelCsvOptions,
  x: Float32Array,
  count: number,
  say: (m: string) => void,
): { kind: 'image' | 'signal'; shape: number[] } {
  if (o.want === 'signal') return { kind: 'signal', shape: signalShape(file, count) };
  if (o.imageShape) {
    const [H, W, C] = o.imageShape;
    if (H * W * C !== count) {
      throw new UserError({
        file,
        message: `--image-shape ${H}x${W}x${C} needs ${H * W * C} pixel columns, the file has ${count}`,
        hint: `give a shape whose H·W·C is ${count}`,
      });
    }
    return { kind: 'image', shape: [C, H, W] };
  }
  const grey = squareSide(count);
  const rgb = count % 3 === 0 ? squareSide(count / 3) : undefined;
  const pixelLike = nonNegativeUpTo255(x);
  if (o.want === 'auto' && (!(grey || rgb) || !pixelLike)) {
    const shape = signalShape(file, count);
    say(
      `read each row as a 1-D signal of ${count} values (${grey || rgb ? 'the values are not pixel values' : 'the count is not a square image'}); a 1-D CNN (Conv1d) will be used`,
    );
    return { kind: 'signal', shape };
  }
  if (grey || rgb) {
    const shape = grey ? [1, grey, grey] : [3, rgb!, rgb!];
    say(
      `image shape ${shape[1]}x${shape[2]}x${shape[0]} inferred from ${count} pixel columns (a square${grey ? '' : ' of RGB triples'}); set --image-shape HxWxC to change`,
    );
    return { kind: 'image', shape };
  }
  throw new UserError({
    file,
    message: `${count} pixel columns fit no square image shape`,
    hint: 'give the shape with --image-shape HxWxC (e.g. 28x28x1), or name the pixel columns with --features',
  });
}

function requireLabels(file: string, t: RawTable, labelIndex: number): void {
  const labelCol = t.columns[labelIndex];
  for (let r = 0; r < t.nRows; r++) {
    if (isMissing(labelCol[r]))
      throw new UserError({
        file,
        row: r + 2,
        column: t.names[labelIndex],
        message: 'the label is missing',
        hint: 'fill it in or remove the row',
      });
  }
}

/** A second file (--test, or predict's input) read with the columns and shape of a trained pipeline; labels optional unless required. */
export function loadPixelCsvLike(
  file: string,
  source: Extract<ImageSource, { kind: 'pixels' }>,
  shape: number[],
  kind: 'image' | 'signal',
  requireLabels = true,
  read: (file: string) => RawTable = loadTable,
): ImageSet & { labelled: boolean } {
  const t = read(file);
  const missing = source.columns.filter((c) => !t.names.includes(c));
  if (missing.length) {
    throw new UserError({
      file,
      message: `is missing ${missing.length} of the ${source.columns.length} pixel/signal columns the model uses (${missing
        .slice(0, 3)
        .map((m) => `"${m}"`)
        .join(', ')}${missing.length > 3 ? ', ...' : ''})`,
      hint: 'the file needs the same header as the training file',
    });
  }
  const li = t.names.indexOf(source.labelColumn);
  if (li < 0 && requireLabels)
    throw new UserError({
      file,
      message: `has no label column "${source.labelColumn}"`,
      hint: 'the test file needs the same header as the training file',
    });
  const x = readValues(
    t,
    source.columns.map((c) => t.names.indexOf(c)),
  );
  if (kind === 'image' && shape[0] > 1) toChannelsFirst(x, t.nRows, shape);
  const ii = source.idColumn ? t.names.indexOf(source.idColumn) : -1;
  return {
    file,
    x,
    n: t.nRows,
    shape,
    labels: li >= 0 ? [...t.columns[li]] : [],
    labelled: li >= 0,
    ids: ii >= 0 ? [...t.columns[ii]] : Array.from({ length: t.nRows }, (_, r) => r + 1),
    idHeader: ii >= 0 ? source.idColumn! : 'row',
    source,
    notes: [...t.notes],
  };
}

function readValues(t: RawTable, cols: number[]): Float32Array {
  const n = t.nRows;
  const x = new Float32Array(n * cols.length);
  cols.forEach((c, j) => {
    const col = t.columns[c];
    for (let r = 0; r < n; r++) {
      const v = col[r];
      if (isMissing(v)) {
        throw new UserError({
          file: t.file,
          row: r + 2,
          column: t.names[c],
          message: 'the pixel/signal cell is empty',
          hint: 'every pixel needs a value; fill it (e.g. 0) or remove the row',
        });
      }
      const num = parseNumber(v, t.decimalComma);
      if (!Number.isFinite(num)) {
        throw new UserError({
          file: t.file,
          row: r + 2,
          column: t.names[c],
          message: `"${v}" is not a number`,
          hint: 'pixel and signal cells must be numbers; fix the cell, or choose the label with --target',
        });
      }
      x[r * cols.length + j] = num;
    }
  });
  return x;
}

function signalShape(file: string, count: number): number[] {
  if (count < 4)
    throw new UserError({
      file,
      message: `has ${count} signal column(s), too few for a 1-D CNN`,
      hint: 'a signal needs at least 4 values per row; use --model mlp for tabular data',
    });
  return [1, count];
}

function nonNegativeUpTo255(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] < 0 || x[i] > 255) return false;
  return true;
}

/** Rows of pixel-major (H, W, C) values -> (C, H, W), in place. */
function toChannelsFirst(x: Float32Array, n: number, shape: number[]): void {
  const [C, H, W] = shape;
  const size = C * H * W;
  const tmp = new Float32Array(size);
  for (let i = 0; i < n; i++) {
    const o = i * size;
    for (let p = 0; p < H * W; p++) for (let c = 0; c < C; c++) tmp[c * H * W + p] = x[o + p * C + c];
    x.set(tmp, o);
  }
}
