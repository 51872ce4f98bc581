// The Markdown table of `npm run bench` (bench/run.js): one row per workload, a column per nnm
// path, per JavaScript peer and for PyTorch, plus the notes (spread warnings, thread use, loads).

import { fmt, ratio, spreadWarning } from './stats.js';

const range = (v) => (typeof v.min === 'number' ? ` [${fmt(v.min)}–${fmt(v.max)}]` : '');
const rss = (v) => (Number.isNaN(v.rssMB) || v.rssMB === undefined ? '' : ` (${Math.round(v.rssMB)} MB)`);
const times = (n, p) => (!n || n.unavailable ? 'n/a' : `${ratio(n, p).toFixed(2)}×`);

/** { table, notes } for the rows measured by run.js. */
export function renderTable(rows, { NNM, PEERS, torch }) {
  const head = [
    'Workload',
    ...NNM.map((n) => `${n.label} [min–max] (peak RSS)`),
    ...PEERS.map((p) => `${p.label} (nnm ts ×, nnm wasm ×)`),
  ];
  if (torch) head.push('PyTorch 1 thread [min–max] (nnm wasm ÷ PyTorch, relaxed ÷ PyTorch)');
  head.push('load before → after');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const notes = new Set();
  for (const r of rows) {
    const { ts, wasm, relaxed } = r.nnm;
    const cells = [r.label];
    if (ts.unavailable) {
      cells.push(`skipped: ${ts.unavailable}`, ...NNM.slice(1).map(() => ''), ...PEERS.map(() => ''));
      if (torch) cells.push('');
    } else {
      if (typeof ts.threads === 'string') notes.add(`${r.label}: nnm ts GEMM threads ${ts.threads}`);
      for (const n of NNM) {
        const v = r.nnm[n.key];
        if (!v) cells.push('');
        else if (v.unavailable) cells.push(`n/a (${v.unavailable})`);
        else {
          cells.push(`${fmt(v.value)} ${v.unit}${range(v)}${rss(v)}`);
          const warn = spreadWarning(r.label, n.label, v);
          if (warn) notes.add(warn);
        }
      }
      for (const p of PEERS) {
        const v = r.peers[p.id];
        if (!v) cells.push('');
        else if (v.unavailable) cells.push(`n/a (${v.unavailable})`);
        else {
          cells.push(
            `${fmt(v.value)}${range(v)} (${ratio(ts, v).toFixed(2)}×, ${times(wasm, v)}, ${Math.round(v.rssMB)} MB)`,
          );
          if (v.note) notes.add(`${p.label}: ${v.note}`);
        }
      }
      if (torch) {
        const v = r.torch;
        if (!v) cells.push('');
        else if (v.unavailable) cells.push(`n/a (${v.unavailable})`);
        else {
          cells.push(`${fmt(v.value)} ${v.unit}${range(v)} (${times(wasm, v)}, ${times(relaxed, v)})`);
          const warn = spreadWarning(r.label, 'PyTorch', v);
          if (warn) notes.add(warn);
        }
      }
    }
    cells.push(r.load ? `${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}` : '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return { table: lines.join('\n'), notes: [...notes] };
}
