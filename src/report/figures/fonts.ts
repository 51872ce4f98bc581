// Find font files for the PNG renderer (resvg draws only with fonts it is given; SVG figures name a
// font-family stack instead and let the viewer choose): one with Chinese glyphs, and a plain Latin
// one for figures without Chinese text. Known files, in order of preference, with the family name
// resvg must be told to use.
// NOTE: TrueType-outline CJK fonts come first because resvg reads CFF outlines (Noto Sans CJK,
// Source Han Sans) about 25x slower: ~10 ms per glyph, a second or more per Chinese figure.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface FontFile {
  file: string;
  family: string;
}

export interface PngFonts {
  cjk?: FontFile;
  latin?: FontFile;
}

const CJK: [RegExp, string][] = [
  [/^msyh\.tt[cf]$/i, 'Microsoft YaHei'],
  [/^wqy-microhei\.ttc$/i, 'WenQuanYi Micro Hei'],
  [/^wqy-zenhei\.ttc$/i, 'WenQuanYi Zen Hei'],
  [/^simhei\.ttf$/i, 'SimHei'],
  [/^PingFang\.ttc$/i, 'PingFang SC'],
  [/^STHeiti Light\.ttc$/i, 'Heiti SC'],
  [/^Hiragino Sans GB\.ttc$/i, 'Hiragino Sans GB'],
  [/^DroidSansFallbackFull\.ttf$/i, 'Droid Sans Fallback'],
  [/^NotoSansCJK(sc)?-Regular\.(ttc|otf)$/i, 'Noto Sans CJK SC'],
  [/^NotoSansSC-Regular\.(otf|ttf)$/i, 'Noto Sans SC'],
  [/^SourceHanSans(SC)?-Regular\.(ttc|otf)$/i, 'Source Han Sans SC'],
  [/^NotoSansCJK.*\.(ttc|otf)$/i, 'Noto Sans CJK SC'],
];

const LATIN: [RegExp, string][] = [
  [/^DejaVuSans\.ttf$/i, 'DejaVu Sans'],
  [/^LiberationSans-Regular\.ttf$/i, 'Liberation Sans'],
  [/^arial\.ttf$/i, 'Arial'],
  [/^Helvetica\.ttc$/i, 'Helvetica'],
  [/^NotoSans-Regular\.ttf$/i, 'Noto Sans'],
];

/** The usual font folders of Windows, macOS and Linux. */
export function systemFontDirs(platform: string, env: Record<string, string | undefined>, home: string): string[] {
  if (platform === 'win32')
    return [
      join(env.WINDIR ?? 'C:\\Windows', 'Fonts'),
      ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : []),
    ];
  if (platform === 'darwin')
    return [
      '/System/Library/Fonts',
      '/System/Library/Fonts/Supplemental',
      '/Library/Fonts',
      join(home, 'Library/Fonts'),
    ];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local/share/fonts'), join(home, '.fonts')];
}

/** Walk the folders (a few levels deep) once and pick the most preferred font of each kind. */
export function findFonts(dirs: string[]): PngFonts {
  const names: { file: string; name: string }[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // NOTE: an unreadable or vanished font folder just means no font there.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'ENOENT' || code === 'EPERM' || code === 'ENOTDIR') return;
      throw e;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (e.isFile() || e.isSymbolicLink()) names.push({ file: p, name: e.name });
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d, 0);
  const best = (known: [RegExp, string][]): FontFile | undefined => {
    for (const [re, family] of known) {
      const hit = names.find((n) => re.test(n.name));
      if (hit) return { file: hit.file, family };
    }
    return undefined;
  };
  return { cjk: best(CJK), latin: best(LATIN) };
}

/** The preferred font with Chinese glyphs, if any. */
export function findCjkFont(dirs: string[]): FontFile | undefined {
  return findFonts(dirs).cjk;
}
