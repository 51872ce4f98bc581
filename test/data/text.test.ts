import { describe, expect, it } from 'vitest';
import { encodeTexts, fitTokenizer, tokenize, tokenizerMode } from '../../src/data/text.js';

describe('text tokenizer', () => {
  it('characters for Chinese (punctuation dropped), words for English', () => {
    expect(tokenize('质量很好，非常满意！', 'char')).toEqual(['质', '量', '很', '好', '非', '常', '满', '意']);
    expect(tokenize("Great value, didn't break!", 'word')).toEqual(['great', 'value', "didn't", 'break']);
    expect(fitTokenizer(['质量很好', '非常失望']).mode).toBe('char');
    expect(fitTokenizer(['great phone', 'bad battery']).mode).toBe('word');
  });

  it('vocabulary from the given texts: pad 0, unknown 1, then by frequency; front padding', () => {
    const tok = fitTokenizer(['b a a', 'a c'], 100, 10);
    expect(tok.vocab).toEqual(['<pad>', '<unk>', 'a', 'b', 'c']);
    expect(tok.length).toBe(4); // at least 4
    const unknown = { count: 0 };
    expect(Array.from(encodeTexts(tok, ['a zzz', ''], unknown))).toEqual([0, 0, 2, 1, 0, 0, 0, 0]);
    expect(unknown.count).toBe(1);
  });

  it('the mode is judged on the first million characters, never on a copy of all the text', () => {
    const english = 'word '.repeat(250_000); // 1.25M characters
    expect(tokenizerMode([english, '质量很好'.repeat(1_000_000)])).toBe('word');
    expect(tokenizerMode(['ok', '质量很好'.repeat(1000)])).toBe('char');
    expect(tokenizerMode([])).toBe('word');
  });
});
