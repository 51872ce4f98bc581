// What a task's train needs from its caller, injected: where notes go, how progress is reported, how
// tables are read, and the command line for the reproducibility block.

import type { TableReader } from '../data/read.js';
import type { JobVariant } from '../analysis/variant.js';
import type { TrainListener } from '../train/fit.js';

export type { JobVariant } from '../analysis/variant.js';

export interface JobContext {
  /** A one-line note for the user (stderr). */
  note: (msg: string) => void;
  listener: TrainListener;
  /** The command line as typed, for the reproducibility block. */
  command: string;
  /** Reads a data file (CSV, or an .xlsx sheet the caller has pre-read) into a RawTable. */
  readTable: TableReader;
  /** Set for the inner runs of --cv / --repeats (src/train/analysis.ts); absent for a normal run. */
  variant?: JobVariant;
}
