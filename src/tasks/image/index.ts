// The image task (a CNN, or an MLP over the pixels; 1-D signals with --model cnn) as a runner.

import { NETWORK_REPORT } from '../../report/part.js';
import { pathOf, type TaskRunner } from '../types.js';
import { applyImage, evaluateImage } from './apply.js';
import { runImageJob } from './train.js';

export const imageRunner: TaskRunner<'image'> = {
  tasks: ['image'],
  reads: 'path',
  // NOTE: 'image' when --task image (or the inference from pixel columns) says so; a run chosen by a
  // hint (a folder, --model cnn, a signal option) keeps its task open: 'auto' (image or signal).
  train: (spec, _task, ctx) => runImageJob(spec, spec.task === 'image' ? 'image' : 'auto', ctx),
  apply: (m, input) => applyImage(m, pathOf(input, 'image apply')),
  evaluate: (m, input) => evaluateImage(m, pathOf(input, 'image evaluate')),
  folds: {
    cv: {
      ok: false,
      reason: '--cv applies to classify, regress and forecast, not yet to image',
      hint: 'use --repeats N to see the spread over seeds',
    },
    repeats: { ok: true },
    tune: {
      ok: false,
      reason:
        'nnm tune searches classify, regress and forecast networks, not image yet (its job has no cross-validation)',
      hint: 'train with nnm train --task image, and --repeats N to see the spread over seeds',
    },
  },
  report: NETWORK_REPORT,
};
