// A task's report: which figures and tables it has and how its document reads. The network tasks
// share NETWORK_REPORT; a task with other results (cluster) brings its own.

import { buildDocument, type Block, type FigureRef } from './document.js';
import { type FigureDef, planFigures } from './figures/plan.js';
import type { Messages } from './i18n/index.js';
import { buildTables } from './report-tables.js';
import type { Table } from './tables.js';
import type { RunSummary } from './types.js';

export interface ReportPart {
  /** `histories`: every network's loss per epoch (from history.csv), for the loss figure. */
  figures(s: RunSummary, m: Messages, histories?: RunSummary['history'][]): FigureDef[];
  tables(s: RunSummary, m: Messages): Table[];
  document(s: RunSummary, m: Messages, figures: FigureRef[], tables: Table[], notes: string[]): Block[];
}

export const NETWORK_REPORT: ReportPart = { figures: planFigures, tables: buildTables, document: buildDocument };
