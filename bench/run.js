// `npm run bench`: nnm against its peers, every number measured in THIS run, one table.
// Each (workload, implementation) runs in its own child process (bench/workloads.js), so the
// peak RSS column is per workload. Peers live in bench/package.json only and are installed into
// bench/node_modules on first run (a root `npm ci` never pulls them).
// Flags: --json (the rows as JSON on stdout), --results FILE (also write a Markdown report),
//        --quick (1 s per measurement instead of 2.5 s).
// Last, the "large input" section (bench/large-input.js): a 1,000,000-row CSV through the CLI, wall
// time and peak RSS (NNM_BENCH_LARGE_ROWS changes the row count, 0 skips it).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdown } from './large-input.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const resultsFile = args.includes('--results') ? args[args.indexOf('--results') + 1] : undefined;
const seconds = args.includes('--quick') ? '1' : (process.env.NNM_BENCH_SECONDS ?? '2.5');
const log = (s) => process.stderr.write(`${s}\n`);

const PEERS = [
  { id: 'tfjs-cpu', label: 'TF.js cpu' },
  { id: 'tfjs-wasm', label: 'TF.js wasm' },
  { id: 'brain', label: 'brain.js' },
];
const WORKLOADS = [
  { id: 'W1', label: 'W1 MLP 784-128-64-10 train, Adam, b64' },
  { id: 'W2', label: 'W2 LSTM 32x1->64->1 train, Adam, b32' },
  { id: 'W3', label: 'W3 CNN 28x28 conv16-pool-conv32-pool-d10, b32' },
  { id: 'W4:64', label: 'W4 GEMM fp32 n=64' },
  { id: 'W4:256', label: 'W4 GEMM fp32 n=256' },
  { id: 'W4:1024', label: 'W4 GEMM fp32 n=1024' },
  { id: 'W5', label: 'W5 W1-MLP inference, batch 1' },
];

/** Install the peers on first run; --ignore-scripts because brain.js pulls gpu.js -> headless-gl,
 *  whose native build needs network; the CPU NeuralNetwork works without it. */
function ensurePeers() {
  if (existsSync(join(here, 'node_modules', '@tensorflow', 'tfjs'))) return;
  log('bench: installing peers into bench/node_modules (first run only)...');
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) log('bench: peer install failed; peers will be reported as unavailable');
}

function runChild(workload, impl) {
  const r = spawnSync(process.execPath, [join(here, 'workloads.js'), workload, impl], {
    cwd: root, encoding: 'utf8', env: { ...process.env, NNM_BENCH_SECONDS: seconds }, maxBuffer: 1 << 24,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) {
    const err = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
    return { unavailable: `failed: ${err.slice(0, 120)}` };
  }
  return JSON.parse(line.slice('@@RESULT '.length));
}

/** `nnm --help` wall time (median of 7 runs), when the CLI has been built. */
function cliStartup() {
  const main = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) return { unavailable: 'dist/cli/main.js not built yet (no CLI in this branch)' };
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [join(root, 'bin', 'nnm.js'), '--help'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { value: times[3], unit: 'ms', better: 'lower', rssMB: NaN };
}

/** bench/large-input.js in a child: its Markdown section and its JSON result. */
function largeInput() {
  const rowsArg = process.env.NNM_BENCH_LARGE_ROWS ?? '1000000';
  if (rowsArg === '0') return { markdown: '', json: null };
  log(`bench: large input (${Number(rowsArg).toLocaleString('en-US')} rows)`);
  const r = spawnSync(process.execPath, [join(here, 'large-input.js'), '--rows', rowsArg, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const json = JSON.parse(r.stdout);
    return { markdown: markdown(json), json };
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return { markdown: `\n## Large input\n\nfailed: exit ${r.status}\n`, json: null };
  }
}

const fmt = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2));
/** How many times better nnm is than the peer (> 1: nnm wins), whatever the unit's direction. */
const ratio = (n, p) => (n.better === 'higher' ? n.value / p.value : p.value / n.value);

function machine() {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = '';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch (e) { if (e.code !== 'ENOENT') commit = '?'; }
  return `${cpu.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}${commit ? `, nnm ${commit}` : ''}`;
}

function main() {
  ensurePeers();
  const rows = [];
  const t0 = performance.now();
  for (const w of WORKLOADS) {
    log(`bench: ${w.label}`);
    const nnm = runChild(w.id, 'nnm');
    const peers = {};
    if (!nnm.unavailable) for (const p of PEERS) peers[p.id] = runChild(w.id, p.id);
    rows.push({ workload: w.id, label: w.label, nnm, peers });
  }
  rows.push({ workload: 'cli', label: '`nnm --help` startup', nnm: cliStartup(), peers: {} });
  const large = largeInput();
  const elapsed = (performance.now() - t0) / 1000;

  if (asJson) {
    process.stdout.write(`${JSON.stringify({ machine: machine(), seconds: elapsed, rows, large_input: large.json }, null, 2)}\n`);
    return;
  }
  const head = ['Workload', 'nnm', 'nnm peak RSS', ...PEERS.map((p) => `${p.label} (nnm ×)`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const notes = new Set();
  for (const r of rows) {
    const n = r.nnm;
    const cells = [r.label];
    if (n.unavailable) {
      cells.push(`skipped: ${n.unavailable}`, '', ...PEERS.map(() => ''));
    } else {
      cells.push(`${fmt(n.value)} ${n.unit}`, Number.isNaN(n.rssMB) ? '' : `${Math.round(n.rssMB)} MB`);
      for (const p of PEERS) {
        const v = r.peers[p.id];
        if (!v) cells.push('');
        else if (v.unavailable) cells.push(`n/a (${v.unavailable})`);
        else {
          cells.push(`${fmt(v.value)} (${ratio(n, v).toFixed(2)}×, ${Math.round(v.rssMB)} MB)`);
          if (v.note) notes.add(`${p.label}: ${v.note}`);
        }
      }
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const table = lines.join('\n');
  const footer = [
    `Peer cells: peer value (how many times better nnm is; > 1 = nnm wins), peer peak RSS.`,
    ...notes,
    `Machine: ${machine()}. ${seconds} s per measurement; whole run ${Math.round(elapsed)} s.`,
  ].join('\n');
  process.stdout.write(`${table}\n\n${footer}\n${large.markdown}`);
  if (resultsFile) writeFileSync(resultsFile, `# nnm bench results\n\n${table}\n\n${footer.split('\n').join('  \n')}\n${large.markdown}`);
}

main();
