// Text to token ids. Characters for Chinese/Japanese text (no word segmenter needed), lower-cased
// words for space-separated languages. The vocabulary is fitted on the training rows only:
// id 0 = padding, id 1 = unknown token, then tokens by frequency (ties alphabetical).
// Sequences are cut to the first T tokens and padded at the FRONT, so a recurrent layer's last
// state has just read the text.

export interface Tokenizer {
  mode: 'char' | 'word';
  vocab: string[]; // index = id; vocab[0] = '<pad>', vocab[1] = '<unk>'
  length: number; // T
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const PUNCT = /[\s\p{P}\p{S}]/u;

export function tokenize(text: string, mode: Tokenizer['mode']): string[] {
  if (mode === 'char') return [...text].filter((ch) => !PUNCT.test(ch)).map((ch) => ch.toLowerCase());
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w !== '');
}

/** Characters read to choose char or word mode: enough to tell, and never a copy of the whole text. */
const MODE_SAMPLE = 1_000_000;

/** Char mode when over 30% of the letters are CJK, judged on the first MODE_SAMPLE characters. */
export function tokenizerMode(texts: string[]): Tokenizer['mode'] {
  let cjk = 0;
  let letters = 0;
  let seen = 0;
  for (const t of texts) {
    for (const ch of t) {
      if (++seen > MODE_SAMPLE) break;
      if (CJK.test(ch)) cjk++;
      if (!PUNCT.test(ch)) letters++;
    }
    if (seen > MODE_SAMPLE) break;
  }
  return cjk > 0.3 * letters ? 'char' : 'word';
}

export function fitTokenizer(texts: string[], maxVocab = 20000, maxLength = 200): Tokenizer {
  const mode = tokenizerMode(texts);
  const counts = new Map<string, number>();
  const lengths: number[] = [];
  for (const t of texts) {
    const toks = tokenize(t, mode);
    lengths.push(toks.length);
    for (const k of toks) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const vocab = [
    '<pad>',
    '<unk>',
    ...[...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxVocab)
      .map(([k]) => k),
  ];
  lengths.sort((a, b) => a - b);
  const p95 = lengths[Math.min(lengths.length - 1, Math.floor(0.95 * lengths.length))] ?? 1;
  return { mode, vocab, length: Math.max(4, Math.min(maxLength, p95)) };
}

/** Encode texts into (n, T) ids as floats (the Embedding layer's input), front-padded. */
export function encodeTexts(tok: Tokenizer, texts: string[], unknown?: { count: number }): Float32Array {
  const index = new Map(tok.vocab.map((w, i) => [w, i]));
  const T = tok.length;
  const out = new Float32Array(texts.length * T);
  texts.forEach((t, r) => {
    const ids = tokenize(t, tok.mode)
      .slice(0, T)
      .map((k) => {
        const id = index.get(k);
        if (id === undefined && unknown) unknown.count++;
        return id ?? 1;
      });
    out.set(ids, r * T + (T - ids.length));
  });
  return out;
}
