// Synthetic series for forecast tests.

/**
 * y_t = 20 + 2·x_{t−1} + 0.1·noise, with x_t = 10 + an AR(1) of seeded Gaussian shocks: y's own past
 * says little about its next value, x's past says almost all. Columns: t (a row counter), x, y.
 */
export function laggedCovariateCsv(n: number, seed: number): string {
  let s = seed >>> 0;
  const unif = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(unif() + 1e-12)) * Math.cos(2 * Math.PI * unif());
  const a: number[] = [0];
  for (let t = 1; t < n; t++) a.push(0.5 * a[t - 1] + gauss());
  const rows = a.map((at, t) =>
    [t + 1, (10 + at).toFixed(4), (t ? 20 + 2 * a[t - 1] + 0.1 * gauss() : 20).toFixed(4)].join(','),
  );
  return `t,x,y\n${rows.join('\n')}\n`;
}
