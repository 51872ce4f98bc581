// Chinese typesetting: a space between a Chinese character and a Latin letter or digit ("比 Holt",
// "3.5 填补"), none next to full-width punctuation. `code` spans are left as they are.

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const LATIN = 'A-Za-z0-9';
const A = new RegExp(`([${CJK}])([${LATIN}])`, 'g');
const B = new RegExp(`([${LATIN}%])([${CJK}])`, 'g');

export function cjkSpacing(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith('`') && part.endsWith('`') && part.length >= 2
        ? part
        : part.replace(A, '$1 $2').replace(B, '$1 $2'),
    )
    .join('');
}
