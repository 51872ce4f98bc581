// A grid of misclassified test images for image runs, drawn as SVG rectangles (one per pixel,
// grey or RGB from values in [0, 1]), each captioned "actual → predicted". Up to 24 examples.

export interface ImageExample {
  /** Pixels in [0, 1], layout (C, H, W) as the network saw them. */
  pixels: number[];
  actual: string;
  predicted: string;
}

export function imageGridSvg(
  shape: [number, number, number],
  items: ImageExample[],
  labels: { actual: string; predicted: string },
): string {
  const [C, H, W] = shape;
  const cell = Math.max(2, Math.floor(64 / Math.max(H, W)));
  const cols = Math.min(8, Math.max(1, items.length));
  const boxW = W * cell + 16;
  const boxH = H * cell + 34;
  const rows = Math.ceil(items.length / cols);
  const width = cols * boxW + 16;
  const height = rows * boxH + 34;
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="'Microsoft YaHei','PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="8" y="18" fill="#333">${esc(`${labels.actual} → ${labels.predicted}`)}</text>`,
  ];
  const byte = (v: number): number => Math.max(0, Math.min(255, Math.round(v * 255)));
  items.forEach((it, k) => {
    const x0 = 8 + (k % cols) * boxW;
    const y0 = 28 + Math.floor(k / cols) * boxH;
    parts.push(`<g transform="translate(${x0},${y0})">`);
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const at = (ch: number): number => byte(it.pixels[ch * H * W + r * W + c]);
        const [R, G, B] = C >= 3 ? [at(0), at(1), at(2)] : [at(0), at(0), at(0)];
        // NOTE: dark ink on white reads best for digits and scans, so grey images are inverted.
        const fill = C >= 3 ? `rgb(${R},${G},${B})` : `rgb(${255 - R},${255 - R},${255 - R})`;
        parts.push(`<rect x="${c * cell}" y="${r * cell}" width="${cell}" height="${cell}" fill="${fill}"/>`);
      }
    }
    parts.push(`<rect x="0" y="0" width="${W * cell}" height="${H * cell}" fill="none" stroke="#999"/>`);
    parts.push(`<text x="0" y="${H * cell + 15}" fill="#b22">${esc(`${it.actual} → ${it.predicted}`)}</text>`, '</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
