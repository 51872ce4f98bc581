// `npm run bench`: nnm against its peers, every number measured in THIS run, one table.
// Each (workload, implementation) runs in its own child process (bench/workloads.js), so the
// peak RSS column is per workload. Peers live in bench/package.json only and are installed into
// bench/node_modules on first run (a root `npm ci` never pulls them).
// nnm runs twice: 'nnm ts' (pure TypeScript kernels) and 'nnm wasm' (the default dispatch, with the
// WebAssembly SIMD GEMM and Adam); each peer cell gives the ratio against both.
// Flags: --json (the rows as JSON on stdout), --results FILE (also write a Markdown report),
//        --quick (1 s per measurement instead of 2.5 s).
// The report ends with the performance issue's targets checked against this run's numbers (TARGETS).
// Last, the "large input" section (bench/large-input.js): a 1,000,000-row CSV through the CLI, wall
// time and peak RSS (NNM_BENCH_LARGE_ROWS changes the row count, 0 skips it). Before it: `nnm --help`
// start-up and `nnm train` end to end on the bundled iris and airpassengers samples (wall time).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const NNM = [
  { id: 'nnm-ts', key: 'ts', label: 'nnm ts' },
  { id: 'nnm-wasm', key: 'wasm', label: 'nnm wasm' },
];
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

/** `nnm train` end to end on a bundled sample (default kernels, no flags but --out and --quiet):
 *  median wall time of 3 runs, each into a fresh run folder. */
function cliTrain(sample) {
  const bin = join(root, 'bin', 'nnm.js');
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) return { unavailable: 'dist/cli/main.js not built yet' };
  const dir = mkdtempSync(join(os.tmpdir(), 'nnm-bench-'));
  const times = [];
  try {
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [bin, 'train', join(root, 'sample-data', sample), '--out', join(dir, `run${i}`), '--quiet'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
      if (r.status !== 0) return { unavailable: `nnm train ${sample} exited ${r.status}` };
      times.push(performance.now() - t0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { value: times[1] / 1000, unit: 's', better: 'lower', rssMB: NaN };
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

// The performance issue's targets, checked against THIS run's numbers (never edited by hand).
const TARGETS = {
  ts: [['W1', 8000], ['W2', 1500], ['W3', 600], ['W4:256', 6], ['W5', 40]],
  wasm: [['W1', 25000], ['W2', 3000], ['W3', 3000], ['W4:256', 30], ['W5', 40]],
};

function targetLines(rows) {
  const byId = Object.fromEntries(rows.map((r) => [r.workload, r]));
  const out = [];
  for (const [key, name] of [['ts', 'Pure TypeScript path (nnm ts)'], ['wasm', 'WebAssembly path (nnm wasm)']]) {
    const items = TARGETS[key].map(([id, goal]) => {
      const v = byId[id]?.nnm[key];
      const label = id === 'W4:256' ? 'GEMM n=256' : id;
      if (!v || v.unavailable) return `${label}: not measured — NOT MET`;
      const op = v.better === 'higher' ? '≥' : '≤';
      const met = v.better === 'higher' ? v.value >= goal : v.value <= goal;
      return `${label} ${op} ${goal.toLocaleString('en-US')} ${v.unit}: ${fmt(v.value)} — ${met ? 'met' : 'NOT MET'}`;
    });
    out.push(`- ${name}: ${items.join('; ')}.`);
  }
  const rss = ['W1', 'W2', 'W3'].map((id) => {
    const r = byId[id];
    if (!r || r.nnm.ts.unavailable) return `${id}: not measured`;
    const tf = [['cpu', r.peers['tfjs-cpu']], ['wasm', r.peers['tfjs-wasm']]].filter(([, v]) => v && !v.unavailable);
    const nnmMax = Math.max(r.nnm.ts.rssMB, r.nnm.wasm.unavailable ? 0 : r.nnm.wasm.rssMB);
    if (!tf.length) return `${id}: no TF.js number`;
    const met = tf.every(([, v]) => nnmMax < v.rssMB);
    return `${id} nnm ${Math.round(r.nnm.ts.rssMB)}/${Math.round(r.nnm.wasm.rssMB)} MB vs TF.js ${tf.map(([k]) => k).join('/')} ${tf.map(([, v]) => Math.round(v.rssMB)).join('/')} MB — ${met ? 'lower (met)' : 'NOT lower (not met)'}`;
  });
  out.push(`- Peak RSS below TF.js's (nnm ts/wasm vs TF.js, where TF.js trained): ${rss.join('; ')}.`);
  return out;
}

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
  const load0 = os.loadavg()[0];
  for (const w of WORKLOADS) {
    log(`bench: ${w.label}`);
    const nnm = Object.fromEntries(NNM.map((n) => [n.key, runChild(w.id, n.id)]));
    const peers = {};
    if (!nnm.ts.unavailable) for (const p of PEERS) peers[p.id] = runChild(w.id, p.id);
    rows.push({ workload: w.id, label: w.label, nnm, peers });
  }
  const startup = cliStartup();
  rows.push({ workload: 'cli', label: '`nnm --help` startup', nnm: { ts: startup, wasm: startup }, peers: {} });
  for (const [sample, label] of [['iris.csv', 'iris'], ['airpassengers.csv', 'airpassengers (forecast)']]) {
    log(`bench: nnm train ${sample}`);
    const t = cliTrain(sample);
    rows.push({ workload: `train:${sample}`, label: `\`nnm train\` ${label}, end to end`, nnm: { ts: t, wasm: t }, peers: {} });
  }
  const large = largeInput();
  const elapsed = (performance.now() - t0) / 1000;
  const load = `load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (1 min)`;

  if (asJson) {
    process.stdout.write(`${JSON.stringify({ machine: machine(), load, seconds: elapsed, rows, large_input: large.json }, null, 2)}\n`);
    return;
  }
  const head = ['Workload', ...NNM.map((n) => `${n.label} (peak RSS)`), ...PEERS.map((p) => `${p.label} (nnm ts ×, nnm wasm ×)`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const notes = new Set();
  for (const r of rows) {
    const { ts, wasm } = r.nnm;
    const cells = [r.label];
    if (ts.unavailable) {
      cells.push(`skipped: ${ts.unavailable}`, '', ...PEERS.map(() => ''));
    } else {
      if (typeof ts.threads === 'string') notes.add(`${r.label}: nnm ts GEMM threads ${ts.threads}`);
      for (const n of [ts, wasm]) {
        if (n.unavailable) cells.push(`n/a (${n.unavailable})`);
        else cells.push(`${fmt(n.value)} ${n.unit}${Number.isNaN(n.rssMB) ? '' : ` (${Math.round(n.rssMB)} MB)`}`);
      }
      for (const p of PEERS) {
        const v = r.peers[p.id];
        if (!v) cells.push('');
        else if (v.unavailable) cells.push(`n/a (${v.unavailable})`);
        else {
          const vsWasm = wasm.unavailable ? 'n/a' : `${ratio(wasm, v).toFixed(2)}×`;
          cells.push(`${fmt(v.value)} (${ratio(ts, v).toFixed(2)}×, ${vsWasm}, ${Math.round(v.rssMB)} MB)`);
          if (v.note) notes.add(`${p.label}: ${v.note}`);
        }
      }
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const table = lines.join('\n');
  const footer = [
    `nnm ts: pure TypeScript kernels (large GEMMs on two threads where timing shows it pays; NNM_THREADS=1 forces one); nnm wasm: the default dispatch (WebAssembly SIMD GEMM with weights in wasm memory, SIMD Adam).`,
    `Peer cells: peer value (how many times better nnm ts / nnm wasm is; > 1 = nnm wins), peer peak RSS.`,
    ...notes,
    `Machine: ${machine()}. ${seconds} s per measurement; whole run ${Math.round(elapsed)} s; ${load}.`,
  ].join('\n');
  const targets = `Targets of the performance issue, this run:\n${targetLines(rows).join('\n')}`;
  process.stdout.write(`${table}\n\n${footer}\n\n${targets}\n${large.markdown}`);
  if (resultsFile) writeFileSync(resultsFile, `# nnm bench results\n\n${table}\n\n${footer.split('\n').join('  \n')}\n\n## ${targets}\n${large.markdown}`);
}

main();
