// Scoring prediction intervals [l_i, u_i] of nominal level 1 − α against outcomes y_i:
//   coverage = #{i : l_i ≤ y_i ≤ u_i} / n
//   interval (Winkler) score S_i = (u_i − l_i) + (2/α)(l_i − y_i)·1{y_i < l_i} + (2/α)(y_i − u_i)·1{y_i > u_i},
//   reported as the mean over i (lower is better; a negatively oriented proper score).
// reference: Winkler (1972), JASA 67(337):187–191; Gneiting & Raftery (2007), JASA 102(477):359–378, eq. (43).

export interface IntervalScores {
  coverage: number;
  winkler: number;
  meanWidth: number;
}

export function intervalScores(
  y: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  alpha: number,
): IntervalScores {
  const n = y.length;
  if (lower.length !== n || upper.length !== n) throw new RangeError('intervalScores: lengths differ');
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`intervalScores: alpha ${alpha} must be in (0, 1)`);
  if (n === 0) throw new RangeError('intervalScores needs at least 1 value');
  let covered = 0,
    score = 0,
    width = 0;
  for (let i = 0; i < n; i++) {
    const l = lower[i],
      u = upper[i],
      v = y[i];
    if (v >= l && v <= u) covered++;
    width += u - l;
    score += u - l;
    if (v < l) score += (2 / alpha) * (l - v);
    else if (v > u) score += (2 / alpha) * (v - u);
  }
  return { coverage: covered / n, winkler: score / n, meanWidth: width / n };
}
