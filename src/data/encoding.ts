// Bytes -> text. UTF-16 with a BOM; else UTF-8 (with or without BOM) when every line is UTF-8; else
// line by line: a file is UTF-8 or GB18030 (a superset of GBK, which Excel writes in China) by the
// majority of its non-ASCII lines, and a minority line (one pasted from a file in the other encoding)
// is decoded in its own encoding and named in a warning, never silently turned into mojibake.

import { UserError } from '../errors.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Warnings about the encoding (mixed lines), already worded for the user. */
  notes: string[];
}

function toText(decoder: { decode(b: Uint8Array): string }, bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch (e) {
    if (e instanceof Error && /longer than/i.test(e.message)) {
      throw new UserError({
        file,
        message: `is too large to read as text (${(bytes.length / 2 ** 20).toFixed(0)} MB)`,
        hint: 'keep the rows and columns you need, or split the file',
      });
    }
    throw e;
  }
}

export function decode(buf: Buffer, file: string): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: toText(new TextDecoder('utf-16le'), buf.subarray(2), file), encoding: 'utf-16le', notes: [] };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: toText(new TextDecoder('utf-16be'), buf.subarray(2), file), encoding: 'utf-16be', notes: [] };
  const sample = buf.subarray(0, Math.min(buf.length, 65536));
  if (sample.includes(0)) {
    throw new UserError({
      file,
      message: 'is not a text file (it contains binary data)',
      hint: 'save the sheet as CSV (UTF-8) or give the .xlsx file',
    });
  }
  const body = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: toText(new TextDecoder('utf-8', { fatal: true }), body, file), encoding: 'utf-8', notes: [] };
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
  return decodeByLine(body, file);
}

/** Line ranges [start, end) of the lines holding a byte >= 0x80, split by validity as UTF-8. */
function classifyLines(body: Uint8Array): { utf8: number[]; other: number[]; starts: number[] } {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const utf8: number[] = [];
  const other: number[] = [];
  const starts: number[] = [];
  let start = 0;
  let line = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    starts.push(start);
    const bytes = body.subarray(start, end);
    let high = false;
    for (let i = 0; i < bytes.length && !high; i++) high = bytes[i] >= 0x80;
    if (high) {
      try {
        strict.decode(bytes);
        utf8.push(line);
      } catch {
        // NOTE: not silent: a line that is not UTF-8 is what this pass looks for.
        other.push(line);
      }
    }
    line++;
    start = end + 1;
  }
  starts.push(body.length + 1);
  return { utf8, other, starts };
}

function lineList(lines: number[]): string {
  const shown = lines
    .slice(0, 5)
    .map((l) => l + 1)
    .join(', ');
  return lines.length > 5 ? `${shown} and ${lines.length - 5} more` : shown;
}

function decodeByLine(body: Uint8Array, file: string): Decoded {
  const { utf8, other, starts } = classifyLines(body);
  const gb = new TextDecoder('gb18030');
  // Most non-ASCII lines are not UTF-8: a GBK file (maybe with a few lines that are valid UTF-8 by chance).
  if (utf8.length <= other.length) {
    const notes =
      utf8.length > 0
        ? [
            `warning: the file reads as GBK/GB18030, but line(s) ${lineList(utf8)} look like UTF-8 and were read as GBK; check them (mixed encodings usually come from pasting between files)`,
          ]
        : [];
    return { text: toText(gb, body, file), encoding: 'gb18030', notes };
  }
  const u8 = new TextDecoder('utf-8');
  const minority = new Set(other);
  const parts: string[] = [];
  for (let l = 0; l < starts.length - 1; l++) {
    const bytes = body.subarray(starts[l], Math.min(body.length, starts[l + 1] - 1));
    parts.push((minority.has(l) ? gb : u8).decode(bytes));
  }
  const note = `warning: the file is UTF-8 but line(s) ${lineList(other)} are not: read them as GBK/GB18030; check them (mixed encodings usually come from pasting between files)`;
  return { text: parts.join('\n'), encoding: 'utf-8', notes: [note] };
}
