// The table-reading flags that predict, evaluate and inspect share with train (--sheet, --header-row,
// --max-cells), added from train's option table so that flags, help and checks are the same everywhere.

import { type Command, Option } from 'commander';
import { TRAIN_OPTIONS } from '../config/options.js';

export interface ReadFlags {
  sheet?: string;
  headerRow?: number;
  maxCells: number;
}

export function addReadFlags(cmd: Command): Command {
  for (const key of ['sheet', 'headerRow', 'maxCells'] as const) {
    const def = TRAIN_OPTIONS[key]!;
    const opt = new Option(def.flags, def.auto ? `${def.help} (default: ${def.auto})` : def.help).argParser(
      (v: string) => def.parse(v, key),
    );
    if (def.default !== undefined) opt.default(def.default);
    cmd.addOption(opt);
  }
  return cmd;
}
