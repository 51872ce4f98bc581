// `npm run quality`: nnm with its defaults on the quality suite (bench/quality/data/suite.json), seeds
// 1..N, beside the stored reference scores of bench/quality/references.json, in one table; then
// bench/QUALITY.md with issue 16's acceptance targets marked met / not met.
// Each run is one `node bin/nnm.js train ... --json --quiet` process, one after the other (CPU-heavy:
// run it under `nice` on a shared machine).
// Flags: --only NAME[,NAME]  only these sets        --seeds N   seeds 1..N (default 3)
//        --write FILE        write the Markdown report there (a full default run writes bench/QUALITY.md;
//                            a run with --only or --seeds writes nothing unless asked)
//        --keep              keep the run folders (their path is printed)
//        --json              the rows as JSON on stdout instead of the table
//        --results FILE      also save the raw numbers (a full run saves bench/quality/last-run.json)
//        --from FILE         no training: table and report again from saved numbers (e.g. after a
//                            change of the report or of references.json)

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { markdown, textTable } from './quality/report.js';
import {
  ROOT,
  checkEntry,
  loadReferences,
  loadSuite,
  scoreOf,
  tailCoverage,
  trainArgs,
  writeSeriesTrain,
  writeSplit,
} from './quality/suite.js';
import { mean, overallTargets, sd, setTargets } from './quality/targets.js';

const log = (s) => process.stderr.write(`${s}\n`);

function parseArgs(argv) {
  const opt = { only: null, seeds: 3, write: null, keep: false, json: false, results: null, from: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only') opt.only = argv[++i]?.split(',').filter(Boolean);
    else if (a === '--seeds') opt.seeds = Number(argv[++i]);
    else if (a === '--write') opt.write = argv[++i];
    else if (a === '--keep') opt.keep = true;
    else if (a === '--json') opt.json = true;
    else if (a === '--results') opt.results = argv[++i];
    else if (a === '--from') opt.from = argv[++i];
    else throw new Error(`quality: unknown option ${a} (see the head of bench/quality.js)`);
  }
  if (!Number.isInteger(opt.seeds) || opt.seeds < 1) throw new Error('quality: --seeds needs a whole number >= 1');
  const full = !opt.only && opt.seeds === 3;
  if (!opt.write && full) opt.write = join(ROOT, 'bench', 'QUALITY.md');
  if (!opt.results && full && !opt.from) opt.results = join(ROOT, 'bench', 'quality', 'last-run.json');
  return opt;
}

/** CPU seconds (user + system) of this process's waited-for children, from /proc (Linux); NaN elsewhere. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function childCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / TICKS;
  } catch {
    return NaN;
  }
}

function runOnce(entry, seed, dir) {
  const out = join(dir, `${entry.name}-seed${seed}`);
  const data = entry.task === 'forecast' ? { train: join(ROOT, entry.file) } : writeSplit(entry, dir);
  const args = [join(ROOT, 'bin', 'nnm.js'), 'train', data.train, ...trainArgs(entry, seed, out, data.test)];
  const cpu0 = childCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wall = (performance.now() - t0) / 1000;
  const cpu = childCpu() - cpu0;
  if (r.status !== 0) {
    const err = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
    return { error: err.replaceAll(`${dir}/`, '').slice(0, 200), wall, cpu };
  }
  const metrics = JSON.parse(r.stdout);
  const tail = entry.task === 'forecast' ? intervalRun(entry, seed, dir) : null;
  return { ...scoreOf(entry, metrics), model: metrics.model, transforms: metrics.data?.transforms, wall, cpu, tail };
}

/** The interval check of a series: a second default run on the training part alone with `--horizon N`;
 *  its forecast.csv band is compared with the test tail (not timed; the point forecast is not scored). */
function intervalRun(entry, seed, dir) {
  const out = join(dir, `${entry.name}-seed${seed}-band`);
  const args = [
    join(ROOT, 'bin', 'nnm.js'),
    'train',
    writeSeriesTrain(entry, dir),
    '--task',
    'forecast',
    '--target',
    entry.target,
    '--date',
    entry.date,
    '--horizon',
    String(entry.n_test),
    '--seed',
    String(seed),
    '--json',
    '--quiet',
    '--out',
    out,
    '--force',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const file = join(out, 'forecast.csv');
  return r.status === 0 && existsSync(file) ? tailCoverage(entry, readFileSync(file, 'utf8')) : null;
}

function runSet(entry, seeds, dir) {
  const runs = [];
  for (const seed of seeds) {
    const r = runOnce(entry, seed, dir);
    log(`quality: ${entry.name} seed ${seed}: ${r.error ? `FAILED ${r.error}` : r.score} (${r.wall.toFixed(1)} s)`);
    runs.push(r);
  }
  const ok = runs.filter((r) => Number.isFinite(r.score));
  const num = (k) => ok.map((r) => r[k]).filter(Number.isFinite);
  const cov = ok.map((r) => r.coverage?.value).filter(Number.isFinite);
  return {
    mean: ok.length === runs.length ? mean(num('score')) : NaN,
    sd: sd(num('score')),
    perSeed: runs.map((r) => r.score ?? NaN),
    perSeedWall: runs.map((r) => r.wall),
    wallMean: mean(runs.map((r) => r.wall)),
    wallMax: Math.max(...runs.map((r) => r.wall)),
    cpuMean: mean(runs.map((r) => r.cpu)),
    oneStep: num('one_step').length ? mean(num('one_step')) : NaN,
    coverage: cov.length ? mean(cov) : null,
    tail:
      ok.every((r) => r.tail) && ok.length
        ? { hits: ok.reduce((t, r) => t + r.tail.hits, 0), n: ok.reduce((t, r) => t + r.tail.n, 0) }
        : null,
    model: ok[0]?.model,
    transforms: ok[0]?.transforms,
    error: runs.find((r) => r.error)?.error,
  };
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(load0) {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load0.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (shared machine)`;
}

/** Train on the selected sets: { meta, runs: [{ name, nnm }] }. */
function measure(opt, suite) {
  const seeds = Array.from({ length: opt.seeds }, (_, i) => i + 1);
  const dir = mkdtempSync(join(os.tmpdir(), 'nnm-quality-'));
  const t0 = performance.now();
  const load0 = os.loadavg()[0];
  const runs = suite.map((entry) => ({ name: entry.name, nnm: runSet(entry, seeds, dir) }));
  if (opt.keep) log(`quality: run folders kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return {
    meta: { date, commit: gitCommit(), machine: machine(load0), seeds, minutes: (performance.now() - t0) / 60000 },
    runs,
  };
}

function selected(opt, suite) {
  if (!opt.only) return suite;
  const unknown = opt.only.filter((n) => !suite.some((e) => e.name === n));
  if (unknown.length)
    throw new Error(`quality: no set ${unknown.join(', ')} (sets: ${suite.map((e) => e.name).join(', ')})`);
  return suite.filter((e) => opt.only.includes(e.name));
}

function main() {
  const opt = parseArgs(process.argv.slice(2));
  const refs = loadReferences();
  const suite = loadSuite();
  const problems = suite.flatMap((e) => checkEntry(e, refs));
  if (problems.length) throw new Error(`quality: the suite is inconsistent:\n${problems.join('\n')}`);
  let run;
  if (opt.from) {
    run = JSON.parse(readFileSync(opt.from, 'utf8'));
  } else {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('quality: build first (npm run build)');
    run = measure(opt, selected(opt, suite));
    if (opt.results) writeFileSync(opt.results, `${JSON.stringify(run, null, 1)}\n`);
  }
  const rows = run.runs.map(({ name, nnm }) => {
    const entry = suite.find((e) => e.name === name);
    const ref = refs.sets[name];
    return { entry, ref, nnm, targets: setTargets(entry, ref, nnm) };
  });
  const overall = overallTargets(rows);
  if (opt.json)
    process.stdout.write(
      `${JSON.stringify(
        rows.map(({ entry, nnm, targets }) => ({ name: entry.name, nnm, targets })),
        null,
        1,
      )}\n`,
    );
  else
    process.stdout.write(
      `${textTable(rows)}\n\n${overall.map((t) => `${t.met === null ? 'n/a    ' : t.met ? 'met    ' : 'NOT met'}  ${t.what}: ${t.detail}`).join('\n')}\n`,
    );
  if (opt.write) {
    const sw = Object.entries(refs.software)
      .map(([k, v]) => (String(v).startsWith(k) ? v : `${k} ${v}`))
      .join(', ');
    writeFileSync(opt.write, markdown(rows, overall, { ...run.meta, refsGenerated: refs.generated, refsSoftware: sw }));
    log(`quality: wrote ${opt.write}`);
  }
}

try {
  main();
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
