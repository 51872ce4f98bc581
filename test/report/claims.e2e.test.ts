// Every early-stopping and ensemble claim of report.md is checked against the run's own files
// (history.csv, config.json, metrics.json) by an independent reader (test/helpers/claims.ts); a
// planted wrong fact or a wrong sentence must be caught.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSummary, writeReport } from '../../src/report/write-report.js';
import { checkStopClaims } from '../helpers/claims.js';
import { runCli, SAMPLE, tempDir } from '../helpers/cli.js';

const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');

function check(dir: string, md = read(dir, 'report.md')): string[] {
  return checkStopClaims(
    md,
    read(dir, 'history.csv'),
    JSON.parse(read(dir, 'config.json')),
    JSON.parse(read(dir, 'metrics.json')),
  );
}

async function train(args: string[]): Promise<string> {
  const dir = join(tempDir(), 'run');
  const r = await runCli(['train', SAMPLE('iris.csv'), '--out', dir, '--quiet', '--seed', '3', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

describe('the early-stopping sentence states what history.csv shows', () => {
  let ensembleDir = '';
  it('an ensemble where some networks stop on patience and some at the epoch limit', async () => {
    ensembleDir = await train(['--epochs', '30', '--patience', '6', '--lr', '0.03']);
    const md = read(ensembleDir, 'report.md');
    expect(check(ensembleDir)).toEqual([]);
    expect(md).toMatch(
      /\*\*Early stopping\.\*\* Networks [\d, and]+ stopped early.*; networks [\d, and]+ ran to the epoch limit of 30 epochs/,
    );
    expect(md).toMatch(/The training part \(120 rows\) was cut into 5 folds of 24 rows/);
  });

  it('a single network', async () => {
    const dir = await train(['--epochs', '25', '--patience', '3', '--ensemble', '1']);
    expect(check(dir)).toEqual([]);
    expect(read(dir, 'report.md')).toMatch(
      /\*\*Early stopping\.\*\* The network (stopped early|ran to the epoch limit)/,
    );
  });

  it('mutation: a wrong sentence is caught', () => {
    const md = read(ensembleDir, 'report.md');
    const swapped = md.includes('stopped early')
      ? md.replace(
          /stopped early, at epochs? [\d, and]+, when the validation loss had not improved for \d+ epochs \(the patience\)/,
          'ran to the epoch limit of 30 epochs (the patience of 6 epochs never ran out)',
        )
      : md.replace(
          /ran to the epoch limit of 30 epochs \(the patience of 6 epochs never ran out\)/,
          'stopped early, at epochs 30, when the validation loss had not improved for 6 epochs (the patience)',
        );
    expect(swapped).not.toBe(md);
    expect(check(ensembleDir, swapped).length).toBeGreaterThan(0);
    expect(
      check(
        ensembleDir,
        md.replace(/best validation epoch \((\d+)/, (_, d) => `best validation epoch (${Number(d) + 1}`),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('mutation: a planted wrong stop reason in the recorded facts is caught', async () => {
    const s = readSummary(ensembleDir);
    const nets = s.metrics.train.networks!;
    nets[0].stop = nets[0].stop === 'patience' ? 'epoch_limit' : 'patience';
    writeFileSync(join(ensembleDir, 'summary.json'), JSON.stringify(s));
    await writeReport(ensembleDir, s, 'en', []);
    expect(check(ensembleDir).join('\n')).toMatch(/network 1: the report says/);
  });
});
