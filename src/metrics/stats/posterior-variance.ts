// The posterior-variance check (后验差检验) of a grey model or any forecast, on the rows given:
//   e_k = x_k − x̂_k,  S1 = std(x), S2 = std(e)   (population standard deviations, divisor n)
//   C = S2 / S1                                   (posterior-variance ratio, 后验差比值)
//   P = #{k : |e_k − ē| < 0.6745 S1} / n          (small-error probability, 小误差概率)
// Grade (精度等级), the worse of the grades of P and C:
//   好 good        P > 0.95 and C < 0.35
//   合格 qualified  P > 0.80 and C < 0.50
//   勉强 barely     P > 0.70 and C < 0.65
//   不合格 fails    otherwise
// 0.6745 S1 is the half-width of the central 50% of N(0, S1²).
// reference: Deng Julong 邓聚龙, 灰色系统基本方法 (Huazhong Univ. Sci. Tech. Press, 1987); Liu Sifeng
// 刘思峰 et al., 灰色系统理论及其应用 (Science Press, 5th ed. 2010), table of 精度检验等级.

export type GreyGrade = 'good' | 'qualified' | 'barely' | 'unqualified';

export const GREY_GRADE_ZH: Record<GreyGrade, string> = {
  good: '好',
  qualified: '合格',
  barely: '勉强',
  unqualified: '不合格',
};

/** Thresholds from the best grade down: a grade needs P above pAbove and C below cBelow. */
export const GREY_THRESHOLDS: readonly { grade: GreyGrade; pAbove: number; cBelow: number }[] = [
  { grade: 'good', pAbove: 0.95, cBelow: 0.35 },
  { grade: 'qualified', pAbove: 0.8, cBelow: 0.5 },
  { grade: 'barely', pAbove: 0.7, cBelow: 0.65 },
];

export interface PosteriorVarianceResult {
  c: number;
  p: number;
  grade: GreyGrade;
  s1: number;
  s2: number;
}

function meanStd(x: ArrayLike<number>): { mean: number; std: number } {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / n) };
}

export function greyGrade(c: number, p: number): GreyGrade {
  for (const t of GREY_THRESHOLDS) if (p > t.pAbove && c < t.cBelow) return t.grade;
  return 'unqualified';
}

export function posteriorVariance(actual: ArrayLike<number>, fitted: ArrayLike<number>): PosteriorVarianceResult {
  const n = actual.length;
  if (fitted.length !== n) throw new RangeError(`posteriorVariance: ${n} values against ${fitted.length}`);
  if (n < 2) throw new RangeError('posteriorVariance needs at least 2 values');
  const e = Float64Array.from({ length: n }, (_, k) => actual[k] - fitted[k]);
  const s1 = meanStd(actual).std;
  const { mean: eMean, std: s2 } = meanStd(e);
  // A constant series: C is 0 when it is fitted exactly, and undefined (graded as failing) otherwise.
  const c = s1 > 0 ? s2 / s1 : s2 === 0 ? 0 : Infinity;
  let small = 0;
  for (let k = 0; k < n; k++) if (Math.abs(e[k] - eMean) < 0.6745 * s1) small++;
  const p = s1 > 0 ? small / n : s2 === 0 ? 1 : 0;
  return { c, p, grade: greyGrade(c, p), s1, s2 };
}
