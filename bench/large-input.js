// `npm run bench` section "large input": a seeded 1,000,000-row, 20-column CSV (18 numeric inputs, one
// 5-level category, a numeric target; ~150 MB) in a temp dir, then one MLP epoch on it through the
// built CLI in a child process, measured for wall time and peak RSS (GNU time -v, else the child's
// own process.resourceUsage().maxRSS via a tiny wrapper). Target: peak RSS under 1.5 GB.
// Flags: --rows N (default 1,000,000), --json (the result as JSON on stdout), --keep (keep the files).

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const rows = args.includes('--rows') ? Number(args[args.indexOf('--rows') + 1]) : 1_000_000;
const asJson = args.includes('--json');
const log = (s) => process.stderr.write(`${s}\n`);

/** mulberry32: a small seeded generator (the bench must not depend on nnm's own Rng). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateCsv(file, n, seed = 8) {
  const u = rng(seed);
  const P = 18;
  const w = Array.from({ length: P }, () => u() * 2 - 1);
  const levels = ['north', 'south', 'east', 'west', 'centre'];
  const fd = openSync(file, 'w');
  writeSync(fd, `${[...Array.from({ length: P }, (_, i) => `x${i + 1}`), 'region', 'y'].join(',')}\n`);
  let chunk = [];
  for (let r = 0; r < n; r++) {
    const x = Array.from({ length: P }, () => (u() * 2 - 1) * 10);
    const k = Math.floor(u() * levels.length);
    let y = k * 0.5 + (u() - 0.5);
    for (let i = 0; i < P; i++) y += w[i] * x[i];
    chunk.push(`${x.map((v) => v.toFixed(3)).join(',')},${levels[k]},${y.toFixed(4)}`);
    if (chunk.length === 10_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

/** Run `node bin/nnm.js ...` and measure wall time and the child's peak RSS. */
function measure(cliArgs, dir) {
  const bin = join(root, 'bin', 'nnm.js');
  const gnuTime = existsSync('/usr/bin/time');
  let cmd = process.execPath;
  let argv;
  const rssFile = join(dir, 'rss.txt');
  if (gnuTime) {
    cmd = '/usr/bin/time';
    argv = ['-v', '-o', rssFile, process.execPath, bin, ...cliArgs];
  } else {
    const wrapper = join(dir, 'wrap.mjs');
    writeFileSync(
      wrapper,
      `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, 'Maximum resident set size (kbytes): ' + process.resourceUsage().maxRSS));\nprocess.argv.splice(1, 1);\nawait import(${JSON.stringify(new URL(`file://${bin}`).href)});\n`,
    );
    argv = [wrapper, bin, ...cliArgs];
  }
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 24,
  });
  const seconds = (performance.now() - t0) / 1000;
  let rssMB = NaN;
  if (existsSync(rssFile)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(
      spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout,
    );
    if (m) rssMB = Number(m[1]) / 1024;
  }
  return { code: r.status, seconds, rssMB, stderr: (r.stderr ?? '').trim() };
}

/** The Markdown section for a result of main(). */
export function markdown(r) {
  const verdict =
    r.exit !== 0
      ? `FAILED (exit ${r.exit}): ${r.error}`
      : r.peakRssMB < r.targetMB
        ? 'Peak RSS is under the 1.5 GB target.'
        : 'Peak RSS is OVER the 1.5 GB target.';
  return `\n## Large input\n\n| Workload | wall time | peak RSS |\n|---|---|---|\n| load + 1 MLP epoch, ${r.rows.toLocaleString('en-US')} x ${r.columns} CSV (${r.fileMB.toFixed(0)} MB), \`nnm train --epochs 1 --ensemble 1 --sensitivity off --quiet\` | ${r.seconds.toFixed(1)} s | ${Math.round(r.peakRssMB)} MB |\n\n${verdict}\n`;
}

function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'nnm-large-'));
  const file = join(dir, 'big.csv');
  try {
    log(`bench: generating ${rows.toLocaleString('en-US')} rows x 20 columns...`);
    const g0 = performance.now();
    generateCsv(file, rows);
    const genSeconds = (performance.now() - g0) / 1000;
    const fileMB = statSync(file).size / 2 ** 20;
    log(`bench: ${fileMB.toFixed(0)} MB in ${genSeconds.toFixed(1)} s; training one epoch through the CLI...`);
    const run = measure(
      [
        'train',
        file,
        '--target',
        'y',
        '--epochs',
        '1',
        '--ensemble',
        '1',
        '--sensitivity',
        'off',
        '--quiet',
        '--out',
        join(dir, 'run'),
      ],
      dir,
    );
    const result = {
      rows,
      columns: 20,
      fileMB,
      exit: run.code,
      seconds: run.seconds,
      peakRssMB: run.rssMB,
      targetMB: 1536,
      error: run.code === 0 ? undefined : run.stderr.split('\n').slice(-3).join(' | '),
    };
    process.stdout.write(asJson ? `${JSON.stringify(result)}\n` : markdown(result));
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else log(`bench: kept ${dir}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
