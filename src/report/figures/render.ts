// Render figure definitions to SVG (Vega-Lite -> Vega -> View.toSVG, headless, no browser) and PNG
// (resvg, at 2x for print). vega, vega-lite and resvg are imported here dynamically, on first use,
// so commands that write no figures (and `nnm --help`) never load them.

import type { CjkFont } from './fonts.js';
import type { FigureDef } from './plan.js';

export interface RenderedFigure {
  id: string;
  caption: string;
  svg: string;
  png: Uint8Array;
}

export async function renderFigures(figs: FigureDef[], font: CjkFont | undefined): Promise<RenderedFigure[]> {
  const [vega, vegaLite, { Resvg }] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  const fontOptions = font
    ? { loadSystemFonts: false, fontFiles: [font.file], defaultFontFamily: font.family, sansSerifFamily: font.family }
    : { loadSystemFonts: true };
  const out: RenderedFigure[] = [];
  for (const f of figs) {
    let svg: string;
    if (f.source.kind === 'svg') svg = f.source.svg;
    else {
      const compiled = vegaLite.compile(f.source.spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
      svg = await view.toSVG();
      view.finalize();
    }
    const png = new Resvg(svg, { font: fontOptions, fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng();
    out.push({ id: f.id, caption: f.caption, svg, png });
  }
  return out;
}
