// Per size of product, whether GemmPool (parallel.ts) should run it on one thread or share it with
// the helpers: a moving average of the measured time per multiply-add of each mode.

// NOTE: whether a second thread pays depends on the size AND on whether a core is free, which a
// static threshold cannot know: on this 2-core machine shared with other jobs (Linux autogroup
// gives each session a fair share, however many threads it runs) a 2-thread 256³ product measured
// 0.45–1.2× of one thread from minute to minute. So per size class (⌊log2 M·N·K⌋) the pool keeps a
// moving average of the time per multiply-add of each mode, uses the faster, and re-times the
// other in a burst of EXPLORE calls every PERIOD (≈ 3% of calls; the first call of a burst is not
// timed, as the helper may be asleep). Results do not depend on the choice. From ALWAYS_MACS
// (≈ 30 ms on one thread) the pool is always used: the copies cost < 1%, a starved helper only
// leaves its chunks to the caller, and re-timing bursts would take seconds.
const WARM = 3,
  PERIOD = 128,
  EXPLORE = 4,
  CLASSES = 64,
  ALWAYS_MACS = 2 ** 26;

export class ThreadChoice {
  private readonly cost = new Float64Array(2 * CLASSES); // [class·2 + threaded] ms per multiply-add
  private readonly timed = new Uint32Array(2 * CLASSES);
  private readonly calls = new Uint32Array(CLASSES);
  private readonly last = new Uint8Array(CLASSES); // mode of the class's previous call

  threaded(macs: number): boolean {
    if (macs >= ALWAYS_MACS) return true;
    const c = sizeClass(macs),
      n = this.calls[c]++;
    if (this.timed[2 * c] < WARM || this.timed[2 * c + 1] < WARM) return ((n >> 2) & 1) === 1; // alternate bursts of 4
    const best = this.cost[2 * c + 1] < this.cost[2 * c];
    return n % PERIOD < EXPLORE ? !best : best;
  }

  record(macs: number, threaded: boolean, ms: number): void {
    const c = sizeClass(macs),
      mode = threaded ? 1 : 0,
      i = 2 * c + mode;
    if (this.last[c] !== mode) {
      this.last[c] = mode;
      return;
    }
    // A GC pause or a preemption inside one call should not flip the choice: clip outliers at 2×.
    const x = this.timed[i] === 0 ? ms / macs : Math.min(ms / macs, 2 * this.cost[i]);
    this.cost[i] = this.timed[i]++ === 0 ? x : this.cost[i] + 0.25 * (x - this.cost[i]);
  }
}

const sizeClass = (macs: number): number => Math.min(CLASSES - 1, Math.floor(Math.log2(macs)));
