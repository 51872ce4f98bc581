// The image job's test part: a separate labelled file or folder (--test), or a stratified seeded split
// of the loaded rows. Either way the training rows are positions in the loaded set.

import type { TrainSpec } from '../../config/options.js';
import type { TableReader } from '../../data/read.js';
import { loadPixelCsvLike } from '../../data/image-csv.js';
import { isFolder, loadImageFolder } from '../../data/image-folder.js';
import type { ImageSet } from '../../data/images.js';
import { splitRows } from '../../data/split.js';
import type { Rng } from '../../engine/rng.js';
import { UserError } from '../../errors.js';
import { subset } from '../../train/ensemble.js';
import type { LoadedImages, TestPart } from './types.js';

/** The test part: a separate labelled file/folder (--test), or a stratified seeded split. */
export function testPart(
  spec: TrainSpec,
  data: LoadedImages,
  folder: boolean,
  classes: string[],
  y: Float32Array,
  splitRng: Rng,
  read: TableReader,
): TestPart {
  if (spec.test) return separateTestPart(spec.test, data, folder, classes, read);
  return heldOutTestPart(spec, data, folder, classes, y, splitRng);
}

function separateTestPart(
  file: string,
  data: LoadedImages,
  folder: boolean,
  classes: string[],
  read: TableReader,
): TestPart {
  if (folder && !isFolder(file))
    throw new UserError({
      file,
      message: 'is not a folder, but the training data is a folder of images',
      hint: 'give --test a folder with the same class sub-folders',
    });
  const t = folder
    ? loadImageFolder(
        file,
        { size: data.shape[1], colour: data.shape[0] === 1 ? 'grey' : 'rgb', classes },
        () => undefined,
      )
    : loadPixelCsvLike(
        file,
        data.source as Extract<ImageSet['source'], { kind: 'pixels' }>,
        data.shape,
        data.kind,
        true,
        read,
      );
  const ty = Float32Array.from(t.labels, (l, r) => {
    const k = classes.indexOf(l);
    if (k < 0)
      throw new UserError({
        file,
        row: folder ? undefined : r + 2,
        message: `class "${l}" does not occur in the training data`,
        hint: `known classes: ${classes.join(', ')}`,
      });
    return k;
  });
  return {
    train: Int32Array.from({ length: data.n }, (_, i) => i),
    test: { ...t, y: ty },
    splitText: `separate test ${folder ? 'folder' : 'file'} ${file} (${t.n} ${unitOf(folder)})`,
  };
}

function heldOutTestPart(
  spec: TrainSpec,
  data: LoadedImages,
  folder: boolean,
  classes: string[],
  y: Float32Array,
  splitRng: Rng,
): TestPart {
  const unit = unitOf(folder);
  const minRows = Math.max(2 * classes.length, 10);
  if (data.n < minRows)
    throw new UserError({
      file: data.file,
      message: `has ${data.n} labelled samples, too few to hold out a test part`,
      hint: `give at least ${minRows}, or a separate test set with --test`,
    });
  const s = splitRows(
    Int32Array.from({ length: data.n }, (_, i) => i),
    spec.testSize,
    splitRng,
    y,
  );
  const size = data.x.length / data.n;
  const tx = subset({ x: data.x, y, n: data.n }, s.test, size, 1);
  return {
    train: s.train,
    test: {
      ...data,
      x: tx.x,
      n: s.test.length,
      labels: Array.from(s.test, (r) => data.labels[r]),
      ids: Array.from(s.test, (r) => data.ids[r]),
      y: tx.y,
    },
    splitText: `stratified random split, seed ${spec.seed}: ${s.train.length} training ${unit}, ${s.test.length} test ${unit} (${Math.round(spec.testSize * 100)}%)`,
  };
}

function unitOf(folder: boolean): string {
  return folder ? 'images' : 'rows';
}
