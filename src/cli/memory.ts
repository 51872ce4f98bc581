// Dead models' WebAssembly arenas are shared memories, which V8 does not weigh when it decides to
// run a full garbage collection (see setArenaPressureHook in engine/kernels/wasm/gemm-wasm.ts).
// The engine cannot reach the collector; the CLI can, and lends it: after every 256 MiB of new
// arena memory the engine asks for one full collection (a few ms), which frees the arenas of
// models nothing refers to any more (--repeats, ensembles, retries build many in one process).

import v8 from 'node:v8';
import vm from 'node:vm';
import { setArenaPressureHook } from '../engine/kernels/wasm/gemm-wasm.js';

export function collectDeadArenas(): void {
  // NOTE: --expose-gc set at run time only makes `gc` visible in contexts created afterwards,
  // hence the new context; it changes nothing else. Without it, arenas are freed by V8 as before.
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') setArenaPressureHook(() => (gc as () => void)());
}
