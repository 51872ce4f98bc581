// Find a font file with Chinese glyphs for the PNG renderer (resvg draws only with fonts it is
// given; SVG figures name a font-family stack instead and let the viewer choose). Known files first,
// in order of preference, with the family name resvg must be told to use.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CjkFont {
  file: string;
  family: string;
}

const KNOWN: [RegExp, string][] = [
  [/^NotoSansCJK(sc)?-Regular\.(ttc|otf)$/i, 'Noto Sans CJK SC'],
  [/^NotoSansSC-Regular\.(otf|ttf)$/i, 'Noto Sans SC'],
  [/^SourceHanSans(SC)?-Regular\.(ttc|otf)$/i, 'Source Han Sans SC'],
  [/^msyh\.tt[cf]$/i, 'Microsoft YaHei'],
  [/^PingFang\.ttc$/i, 'PingFang SC'],
  [/^Hiragino Sans GB\.ttc$/i, 'Hiragino Sans GB'],
  [/^wqy-microhei\.ttc$/i, 'WenQuanYi Micro Hei'],
  [/^wqy-zenhei\.ttc$/i, 'WenQuanYi Zen Hei'],
  [/^simhei\.ttf$/i, 'SimHei'],
  [/^STHeiti Light\.ttc$/i, 'Heiti SC'],
  [/^DroidSansFallbackFull\.ttf$/i, 'Droid Sans Fallback'],
  [/^NotoSansCJK.*\.(ttc|otf)$/i, 'Noto Sans CJK SC'],
];

/** The usual font folders of Windows, macOS and Linux. */
export function systemFontDirs(platform: string, env: Record<string, string | undefined>, home: string): string[] {
  if (platform === 'win32') return [join(env.WINDIR ?? 'C:\\Windows', 'Fonts'), ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  if (platform === 'darwin') return ['/System/Library/Fonts', '/System/Library/Fonts/Supplemental', '/Library/Fonts', join(home, 'Library/Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local/share/fonts'), join(home, '.fonts')];
}

/** Walk the folders (a few levels deep) and return the most preferred CJK font found. */
export function findCjkFont(dirs: string[]): CjkFont | undefined {
  const found: CjkFont[] = [];
  const rank = (f: CjkFont): number => KNOWN.findIndex(([, fam]) => fam === f.family);
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      // NOTE: an unreadable or vanished font folder just means no font there.
      if ((e as NodeJS.ErrnoException).code && ['EACCES', 'ENOENT', 'EPERM', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code!)) return;
      throw e;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (e.isFile() || e.isSymbolicLink()) {
        const hit = KNOWN.find(([re]) => re.test(e.name));
        if (hit) found.push({ file: p, family: hit[1] });
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d, 0);
  found.sort((a, b) => rank(a) - rank(b) || KNOWN.findIndex(([re]) => re.test(a.file.split(/[\\/]/).pop()!)) - KNOWN.findIndex(([re]) => re.test(b.file.split(/[\\/]/).pop()!)));
  return found[0];
}
