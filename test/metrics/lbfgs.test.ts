import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../src/metrics/lbfgs.js';

describe('L-BFGS', () => {
  it('Rosenbrock (1 − a)² + 100(b − a²)² from (−1.2, 1): the minimum (1, 1), f = 0', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        const [a, b] = x;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { gtol: 1e-8, ftol: 0 },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.gradMax).toBeLessThanOrEqual(1e-8);
  });
  it('a quadratic ½xᵀAx − rᵀx, A = [[4,2],[2,3]], r = (2,1): x = A⁻¹r = (0.5, 0)', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = 4 * x[0] + 2 * x[1] - 2;
        g[1] = 2 * x[0] + 3 * x[1] - 1;
        return 0.5 * (4 * x[0] * x[0] + 4 * x[0] * x[1] + 3 * x[1] * x[1]) - 2 * x[0] - x[1];
      },
      new Float64Array(2),
      { gtol: 1e-10, ftol: 0 },
    );
    expect(r.x[0]).toBeCloseTo(0.5, 9);
    expect(r.x[1]).toBeCloseTo(0, 9);
  });
  it('out of evaluations before the gradient test: converged is false', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2);
        g[1] = 200 * (x[1] - x[0] ** 2);
        return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxEvals: 5, gtol: 1e-8, ftol: 0 },
    );
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(5);
  });
});
