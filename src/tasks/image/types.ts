// What the image job's steps hand one another: the loaded set, its test part, the fitted networks,
// and the whole run that the output step turns into a RunOutput.

import type { TrainSpec } from '../../config/options.js';
import type { ImageScaling, ImageSet } from '../../data/images.js';
import type { Split } from '../../data/split.js';
import type { Dataset } from '../../train/fit.js';
import type { Ensemble } from '../../train/ensemble.js';
import type { JobContext } from '../context.js';
import type { BuiltNetwork, ImageModelKind, TrainDefaults } from './network.js';

/** A pixel CSV, signal CSV or image folder as loaded, in raw units. */
export type LoadedImages = ImageSet & { kind: 'image' | 'signal' };

export interface TestPart {
  /** Positions of the training rows in the loaded set. */
  train: Int32Array;
  test: ImageSet & { y: Float32Array };
  /** The split sentence of the report. */
  splitText: string;
}

export type ImageHyper = BuiltNetwork['hyper'] & TrainDefaults & { ensemble: number; augment: string };

export interface FittedNetworks {
  ens: Ensemble;
  built: BuiltNetwork;
  hyper: ImageHyper;
  nMembers: number;
  /** Fitting/validation positions in the training part, one per member. */
  folds: Split[];
}

export interface ImageRun {
  spec: TrainSpec;
  ctx: JobContext;
  modelKind: ImageModelKind;
  folder: boolean;
  data: LoadedImages;
  classes: string[];
  /** The run's notes so far (the data audit and the report show them). */
  notes: string[];
  part: TestPart;
  scaling: ImageScaling;
  /** The training part, scaled. */
  trainSet: Dataset;
  fitted: FittedNetworks;
}
