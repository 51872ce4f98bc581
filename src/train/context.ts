// What a job needs from its caller, injected: where notes go, how progress is reported, the clock.

import type { TableReader } from '../data/read.js';
import type { TrainListener } from './fit.js';

export interface JobContext {
  /** A one-line note for the user (stderr). */
  note(msg: string): void;
  listener: TrainListener;
  /** The command line as typed, for the reproducibility block. */
  command: string;
  /** Reads a data file (CSV, or an .xlsx sheet the caller has pre-read) into a RawTable. */
  readTable: TableReader;
}
