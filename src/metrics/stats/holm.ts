// Holm's step-down adjustment of m p-values: with p_(1) ≤ … ≤ p_(m),
//   p̃_(i) = min(1, max_{j ≤ i} (m − j + 1) p_(j)),   returned in the input order.
// Rejecting p̃ < α controls the family-wise error rate at α. As R p.adjust(p, "holm").
// reference: Holm (1979), Scand. J. Statist. 6(2):65–70.

export function holm(p: ArrayLike<number>): Float64Array {
  const m = p.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const out = new Float64Array(m);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, Math.min(1, (m - i) * p[idx]));
    out[idx] = running;
  });
  return out;
}
