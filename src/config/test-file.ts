// Tasks whose test part cannot be a separate file refuse --test FILE in one line, rather than
// ignore it and score on a split the student did not ask for.

import { UserError } from '../errors.js';
import type { TrainSpec } from './options.js';

const WHY = {
  forecast: {
    message: '--test FILE does not apply to --task forecast: the test part is the last periods of the one series',
    hint: "append the test file's rows to the data file and give --test-periods N (N = their number)",
  },
  cluster: {
    message:
      '--test FILE does not apply to --task cluster: clustering has no labelled test part, every row is clustered',
    hint: 'leave out --test (add the rows to the data file to cluster them too)',
  },
} as const;

export function refuseTestFile(spec: Pick<TrainSpec, 'test'>, task: keyof typeof WHY): void {
  if (spec.test) throw new UserError(WHY[task]);
}
