// The frame every Vega-Lite figure of the report shares: size, fonts (with CJK glyphs), axis and
// legend style, and the quantitative-field shorthand the chart files build their encodings with.

/** Fonts with CJK glyphs on Windows, macOS and Linux, then the generic fallback. */
export const FONT_STACK =
  '"Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Droid Sans Fallback", "SimHei", sans-serif';

export type VlSpec = Record<string, unknown>;

const W = 440;
const H = 300;

export function chartBase(spec: VlSpec, width = W, height = H): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width,
    height,
    background: 'white',
    padding: 8,
    config: {
      font: FONT_STACK,
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', grid: true, gridColor: '#e6e6e6' },
      legend: {
        labelFontSize: 11,
        titleFontSize: 11,
        orient: 'top',
        direction: 'horizontal',
        columnPadding: 24,
        labelLimit: 320,
        symbolStrokeWidth: 2,
      },
      view: { stroke: '#888' },
    },
    ...spec,
  };
}

/** A quantitative encoding channel: field, axis title and any extra properties. */
export const q = (field: string, title: string, extra: VlSpec = {}): VlSpec => ({
  field,
  type: 'quantitative',
  title,
  ...extra,
});
