// Render figure definitions to SVG (Vega-Lite -> Vega -> View.toSVG, headless, no browser) and PNG
// (resvg, at 2x for print). vega, vega-lite and resvg are imported here dynamically, on first use,
// so commands that write no figures (and `nnm --help`) never load them.

import type { FontFile, PngFonts } from './fonts.js';
import type { FigureDef } from './plan.js';

export interface RenderedFigure {
  id: string;
  caption: string;
  svg: string;
  png: Uint8Array;
}

const HAS_CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** resvg font options: the CJK font only for figures with Chinese text (it is slower), else a Latin one. */
function fontOptions(
  svg: string,
  fonts: PngFonts,
): { loadSystemFonts: boolean; fontFiles?: string[]; defaultFontFamily?: string; sansSerifFamily?: string } {
  const pick: FontFile | undefined = HAS_CJK.test(svg) ? fonts.cjk : (fonts.latin ?? fonts.cjk);
  return pick
    ? { loadSystemFonts: false, fontFiles: [pick.file], defaultFontFamily: pick.family, sansSerifFamily: pick.family }
    : { loadSystemFonts: true };
}

export async function renderFigures(figs: FigureDef[], fonts: PngFonts): Promise<RenderedFigure[]> {
  const [vega, vegaLite, { Resvg }] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
  ]);
  const out: RenderedFigure[] = [];
  for (const f of figs) {
    let svg: string;
    if (f.source.kind === 'svg') svg = f.source.svg;
    else {
      // NOTE: warnings would go to the console (stdout/stderr belong to the CLI); errors still throw.
      const compiled = vegaLite.compile(f.source.spec as unknown as Parameters<typeof vegaLite.compile>[0], {
        logger: vega.logger(vega.None),
      }).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
      svg = await view.toSVG();
      view.finalize();
    }
    const png = new Resvg(svg, {
      font: fontOptions(svg, fonts),
      fitTo: { mode: 'zoom', value: 2 },
      background: 'white',
    })
      .render()
      .asPng();
    out.push({ id: f.id, caption: f.caption, svg, png });
  }
  return out;
}
