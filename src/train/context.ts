// What a job needs from its caller, injected: where notes go, how progress is reported, the clock.

import type { TrainListener } from './fit.js';

export interface JobContext {
  /** A one-line note for the user (stderr). */
  note(msg: string): void;
  listener: TrainListener;
  /** The command line as typed, for the reproducibility block. */
  command: string;
}
