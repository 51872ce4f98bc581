// The PyTorch column of `npm run bench`: find a Python that imports torch, and run one workload of
// bench/torch_workloads.py in its own process (one thread: torch.set_num_threads(1) there, and
// OMP/MKL/OpenBLAS thread counts of 1 here), as workloads.js does for the JavaScript peers.
// NOTE: Debian's python3-torch is built with BLAS_INFO=generic: it calls whichever libblas.so.3 the
// system alternative points at. With the reference BLAS that is ~10-30× slower than the OpenBLAS
// the performance issue measured, so when Debian's OpenBLAS is installed but not the alternative,
// the child gets it by LD_LIBRARY_PATH (only that process; the system setting is left alone).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
const ONE_THREAD = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };

export const TORCH_INSTALL_HINT =
  'PyTorch column skipped: no Python with torch found (tried NNM_BENCH_PYTHON, python3, /usr/bin/python3). ' +
  'On Debian/Ubuntu: `apt-get install -y python3-torch libopenblas0-pthread`, or `pip install torch`; ' +
  'NNM_BENCH_PYTHON=/path/to/python selects one.';

const PROBE = [
  'import torch, sys',
  'torch.set_num_threads(1)',
  'a = torch.ones(64, 64); a @ a',
  "blas = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and '.so' in l}) if sys.platform == 'linux' else []",
  "print(torch.__version__ + '|' + ','.join(blas))",
].join('\n');

function probe(python, env) {
  const r = spawnSync(python, ['-c', PROBE], {
    encoding: 'utf8',
    env: { ...process.env, ...ONE_THREAD, ...env },
    timeout: 120_000,
  });
  if (r.status !== 0 || !r.stdout) return undefined;
  const [version, blas] = r.stdout.trim().split('\n').pop().split('|');
  return { version, blas: blas ? blas.split(',') : [] };
}

const referenceBlas = (libs) =>
  libs.some((l) => /\/blas\/libblas\.so/.test(l)) && !libs.some((l) => /openblas|mkl|blis/i.test(l));

/** { python, env, version, blas, note } for the first of `candidates` that imports torch, or undefined. */
export function findTorch(candidates = [process.env.NNM_BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
  for (const python of [...new Set(candidates)]) {
    const found = probe(python, {});
    if (!found) continue;
    let env = {},
      info = found,
      note;
    if (referenceBlas(found.blas)) {
      const ob = existsSync(join(OPENBLAS_DIR, 'libblas.so.3'))
        ? probe(python, { LD_LIBRARY_PATH: OPENBLAS_DIR })
        : undefined;
      if (ob && !referenceBlas(ob.blas)) {
        env = { LD_LIBRARY_PATH: OPENBLAS_DIR };
        info = ob;
        note = `The system libblas.so.3 is the reference BLAS; the PyTorch child runs with LD_LIBRARY_PATH=${OPENBLAS_DIR} (OpenBLAS, 1 thread)`;
      } else {
        note =
          'WARNING: PyTorch runs on the REFERENCE BLAS here (10-30× slower than OpenBLAS); `apt-get install -y libopenblas0-pthread` for a fair column';
      }
    }
    const blasName = info.blas.map((l) => l.split('/').pop()).join(', ') || 'its own';
    return { python, env, version: info.version, blas: blasName, note };
  }
  return undefined;
}

/** One workload in PyTorch: the "@@RESULT" object of torch_workloads.py, or { unavailable }. */
export function runTorch(torch, workload, seconds) {
  const r = spawnSync(torch.python, [join(here, 'torch_workloads.py'), workload], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, ...ONE_THREAD, ...torch.env, NNM_BENCH_SECONDS: seconds },
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) {
    const err = (r.stderr ?? '').trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.status}`;
    return { unavailable: `failed: ${err.slice(0, 120)}` };
  }
  return JSON.parse(line.slice('@@RESULT '.length));
}
