// `npm run bench`: nnm against its peers, every number measured in THIS run, one table.
// Each (workload, implementation) runs in its own child process (bench/workloads.js), so the
// peak RSS column is per workload. Peers live in bench/package.json only and are installed into
// bench/node_modules on first run (a root `npm ci` never pulls them).
// nnm runs twice: 'nnm ts' (pure TypeScript kernels) and 'nnm wasm' (the default dispatch, with the
// WebAssembly SIMD GEMM and Adam); each peer cell gives the ratio against both.
// Flags: --json (the rows as JSON on stdout), --results FILE (also write a Markdown report),
//        --quick (1 s per measurement instead of 2.5 s), --only W1,W4 (those workloads only, and
//        none of the CLI / large-input sections), --no-js-peers (skip TF.js and brain.js).
// Every figure is the median of NNM_BENCH_REPEATS (>= 5) timed repeats, shown with its min–max; a
// spread above 20% of the median gets a warning; each row records the 1-min load average before and
// after it. PyTorch (1 thread, bench/torch_workloads.py) is a column when a Python with torch is
// found (NNM_BENCH_PYTHON, python3, /usr/bin/python3); else the bench says how to install it.
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
import { fmt, ratio, selectWorkloads } from './stats.js';
import { renderTable } from './report.js';
import { findTorch, runTorch, TORCH_INSTALL_HINT } from './torch.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const resultsFile = args.includes('--results') ? args[args.indexOf('--results') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const jsPeers = !args.includes('--no-js-peers');
const seconds = args.includes('--quick') ? '1' : (process.env.NNM_BENCH_SECONDS ?? '2.5');
const log = (s) => process.stderr.write(`${s}\n`);

const NNM = [
  { id: 'nnm-ts', key: 'ts', label: 'nnm ts' },
  { id: 'nnm-wasm', key: 'wasm', label: 'nnm wasm' },
  { id: 'nnm-wasm-relaxed', key: 'relaxed', label: 'nnm wasm relaxed' },
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
  const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: here,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) log('bench: peer install failed; peers will be reported as unavailable');
}

function runChild(workload, impl) {
  const r = spawnSync(process.execPath, [join(here, 'workloads.js'), workload, impl], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NNM_BENCH_SECONDS: seconds },
    maxBuffer: 1 << 24,
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
    spawnSync(process.execPath, [join(root, 'bin', 'nnm.js'), '--help'], {
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
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
      const r = spawnSync(
        process.execPath,
        [bin, 'train', join(root, 'sample-data', sample), '--out', join(dir, `run${i}`), '--quiet'],
        { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } },
      );
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
  const r = spawnSync(process.execPath, [join(here, 'large-input.js'), '--rows', rowsArg, '--json'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const json = JSON.parse(r.stdout);
    return { markdown: markdown(json), json };
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    return { markdown: `\n## Large input\n\nfailed: exit ${r.status}\n`, json: null };
  }
}

// The performance issue's targets, checked against THIS run's numbers (never edited by hand).
const TARGETS = {
  ts: [
    ['W1', 8000],
    ['W2', 1500],
    ['W3', 600],
    ['W4:256', 6],
    ['W5', 40],
  ],
  wasm: [
    ['W1', 25000],
    ['W2', 3000],
    ['W3', 3000],
    ['W4:256', 30],
    ['W5', 40],
  ],
};

function targetLines(rows) {
  const byId = Object.fromEntries(rows.map((r) => [r.workload, r]));
  const out = [];
  for (const [key, name] of [
    ['ts', 'Pure TypeScript path (nnm ts)'],
    ['wasm', 'WebAssembly path (nnm wasm)'],
  ]) {
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
    const tf = [
      ['cpu', r.peers['tfjs-cpu']],
      ['wasm', r.peers['tfjs-wasm']],
    ].filter(([, v]) => v && !v.unavailable);
    const nnmMax = Math.max(r.nnm.ts.rssMB, r.nnm.wasm.unavailable ? 0 : r.nnm.wasm.rssMB);
    if (!tf.length) return `${id}: no TF.js number`;
    const met = tf.every(([, v]) => nnmMax < v.rssMB);
    return `${id} nnm ${Math.round(r.nnm.ts.rssMB)}/${Math.round(r.nnm.wasm.rssMB)} MB vs TF.js ${tf.map(([k]) => k).join('/')} ${tf.map(([, v]) => Math.round(v.rssMB)).join('/')} MB — ${met ? 'lower (met)' : 'NOT lower (not met)'}`;
  });
  out.push(`- Peak RSS below TF.js's (nnm ts/wasm vs TF.js, where TF.js trained): ${rss.join('; ')}.`);
  return out;
}

function machine() {
  const cpu =
    (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch (e) {
    if (e.code !== 'ENOENT') commit = '?';
  }
  return `${cpu.trim()}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()} ${os.release()}${commit ? `, nnm ${commit}` : ''}`;
}

// Issue 21: nnm wasm ÷ PyTorch 1 thread (as "times better", > 1 = nnm wins), this run.
const TORCH_TARGETS = [
  ['W1', 0.8],
  ['W2', 1.0],
  ['W3', 0.8],
  ['W4:256', 0.5],
  ['W5', 2],
];

function torchTargetLines(rows) {
  const byId = Object.fromEntries(rows.map((r) => [r.workload, r]));
  const items = TORCH_TARGETS.map(([id, goal]) => {
    const r = byId[id];
    const label = id === 'W4:256' ? 'GEMM n=256' : id;
    const best = r && ['relaxed', 'wasm'].map((k) => r.nnm[k]).find((v) => v && !v.unavailable);
    if (!best || !r.torch || r.torch.unavailable) return `${label}: not measured`;
    const x = ratio(best, r.torch);
    return `${label} ≥ ${goal}×: ${x.toFixed(2)}× — ${x >= goal ? 'met' : 'NOT MET'}`;
  });
  return [`- nnm wasm (relaxed where measured) ÷ PyTorch 1 thread: ${items.join('; ')}.`];
}

function measureRow(w, torch) {
  const load0 = os.loadavg()[0];
  const nnm = Object.fromEntries(NNM.map((n) => [n.key, runChild(w.id, n.id)]));
  const peers = {};
  if (!nnm.ts.unavailable && jsPeers) for (const p of PEERS) peers[p.id] = runChild(w.id, p.id);
  const t = torch ? runTorch(torch, w.id, seconds) : undefined;
  return { workload: w.id, label: w.label, nnm, peers, torch: t, load: [load0, os.loadavg()[0]] };
}

function main() {
  let workloads;
  try {
    workloads = selectWorkloads(WORKLOADS, only);
  } catch (e) {
    log(`bench: ${e.message}`);
    process.exitCode = 2;
    return;
  }
  if (jsPeers) ensurePeers();
  const torch = findTorch();
  log(torch ? `bench: PyTorch ${torch.version} (${torch.python}, BLAS ${torch.blas})` : `bench: ${TORCH_INSTALL_HINT}`);
  const rows = [];
  const t0 = performance.now();
  const load0 = os.loadavg()[0];
  for (const w of workloads) {
    log(`bench: ${w.label}`);
    rows.push(measureRow(w, torch));
  }
  if (only === undefined) {
    const startup = cliStartup();
    rows.push({ workload: 'cli', label: '`nnm --help` startup', nnm: { ts: startup, wasm: startup }, peers: {} });
    for (const [sample, label] of [
      ['iris.csv', 'iris'],
      ['airpassengers.csv', 'airpassengers (forecast)'],
    ]) {
      log(`bench: nnm train ${sample}`);
      const t = cliTrain(sample);
      rows.push({
        workload: `train:${sample}`,
        label: `\`nnm train\` ${label}, end to end`,
        nnm: { ts: t, wasm: t },
        peers: {},
      });
    }
  }
  const large = only === undefined ? largeInput() : { markdown: '', json: null };
  const elapsed = (performance.now() - t0) / 1000;
  const load = `load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (1 min)`;
  const torchInfo = torch
    ? { python: torch.python, version: torch.version, blas: torch.blas, note: torch.note }
    : { unavailable: TORCH_INSTALL_HINT };

  if (asJson) {
    process.stdout.write(
      `${JSON.stringify({ machine: machine(), load, seconds: elapsed, torch: torchInfo, rows, large_input: large.json }, null, 2)}\n`,
    );
    return;
  }
  const { table, notes } = renderTable(rows, { NNM, PEERS: jsPeers ? PEERS : [], torch: !!torch });
  const footer = [
    `nnm ts: pure TypeScript kernels (large GEMMs on two threads where timing shows it pays; NNM_THREADS=1 forces one); nnm wasm: the default dispatch (WebAssembly SIMD GEMM with weights in wasm memory, SIMD Adam); nnm wasm relaxed: the same with the relaxed-SIMD (f32x4.relaxed_madd) GEMM kernels, where this Node can enable them.`,
    `Each figure: median of ≥ 5 timed repeats [min–max], (peak RSS). Peer cells: peer value (how many times better nnm ts / nnm wasm is; > 1 = nnm wins), peer peak RSS.`,
    torch
      ? `PyTorch ${torch.version}, 1 thread (torch.set_num_threads(1)), BLAS ${torch.blas}, ${torch.python}; its cell: value [min–max] (nnm wasm ÷ PyTorch, nnm wasm relaxed ÷ PyTorch, as "times better": > 1 = nnm wins).${torch.note ? ` ${torch.note}.` : ''}`
      : TORCH_INSTALL_HINT,
    ...notes,
    `Machine: ${machine()}. ${seconds} s per measurement; whole run ${Math.round(elapsed)} s; ${load}.`,
  ].join('\n');
  const targets = `Targets of the performance issue, this run:\n${[...targetLines(rows), ...torchTargetLines(rows)].join('\n')}`;
  process.stdout.write(`${table}\n\n${footer}\n\n${targets}\n${large.markdown}`);
  if (resultsFile)
    writeFileSync(
      resultsFile,
      `# nnm bench results\n\n${table}\n\n${footer.split('\n').join('  \n')}\n\n## ${targets}\n${large.markdown}`,
    );
}

main();
