// Replay a trained image/signal pipeline (model.nnm.json "pipeline") on new data, for `nnm predict`
// and `nnm evaluate`: the same pixel columns or the same decoding, colour and size, then the same
// scaling. Labels come back when the data has them (a label column, or class sub-folders).

import { loadPixelCsvLike } from './image-csv.js';
import { isFolder, loadImagesLike } from './image-folder.js';
import { applyScaling, type Cell, type ImagePipeline } from './images.js';
import { UserError } from '../errors.js';

export interface ImageInputs {
  /** n samples in the pipeline's shape, scaled: ready for the network. */
  x: Float32Array;
  n: number;
  ids: Cell[];
  idHeader: string;
  labels?: string[];
}

export function transformImageInputs(p: ImagePipeline, path: string): ImageInputs {
  let out: ImageInputs;
  if (p.source.kind === 'folder') {
    if (!isFolder(path))
      throw new UserError({
        file: path,
        message: 'is not a folder, but the model was trained on a folder of images',
        hint: 'give a folder of PNG/JPEG images',
      });
    const r = loadImagesLike(path, p.source.colour, p.source.size);
    out = { x: r.x, n: r.n, ids: r.ids, idHeader: 'file', labels: r.labels };
  } else {
    const r = loadPixelCsvLike(path, p.source, p.shape, p.kind, false);
    out = { x: r.x, n: r.n, ids: r.ids, idHeader: r.idHeader, ...(r.labelled ? { labels: r.labels } : {}) };
  }
  applyScaling(out.x, p.scaling);
  return out;
}
