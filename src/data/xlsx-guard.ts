// Checks an .xlsx workbook before the spreadsheet reader allocates anything: it must have a sheet, the
// chosen sheet's used area (its highest row and column, read from the cell references while the XML
// is unpacked as a stream) must fit the cell limit, and no part may unpack to more than the limit (a
// "zip bomb"). NOTE: the reader pads every row to the widest column, so one stray cell at XFD1048576
// would mean 1,048,576 x 16,384 cells; that is refused here in one line.
// Zip layout: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (end record, central directory).

import { createInflateRaw } from 'node:zlib';
import { UserError } from '../errors.js';

/** Unpacked XML of one workbook, in total, at most (a JavaScript string cannot be much longer). */
export const MAX_XML_BYTES = 512 * 2 ** 20;

interface Entry {
  name: string;
  method: number;
  offset: number;
  compressedSize: number;
  size: number;
}

const notXlsx = (file: string, why: string): UserError =>
  new UserError({
    file,
    message: `is not a readable .xlsx workbook (${why})`,
    hint: 'save it from Excel as .xlsx (an old .xls must be re-saved) or as CSV UTF-8',
  });

function entries(buf: Buffer, file: string): Map<string, Entry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx(file, 'not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Entry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx(file, 'a damaged zip directory');
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.set(name, {
      name,
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

function rawData(buf: Buffer, e: Entry, file: string): Buffer {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50)
    throw notXlsx(file, `a damaged entry ${e.name}`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  return buf.subarray(start, start + e.compressedSize);
}

/** Unpack one entry as a stream, handing each chunk to `onChunk`; stops past `budget.left` bytes. */
async function unpack(
  buf: Buffer,
  e: Entry,
  file: string,
  budget: { left: number; max: number },
  onChunk: (s: string) => void,
): Promise<void> {
  const data = rawData(buf, e, file);
  const tooLarge = (): UserError =>
    new UserError({
      file,
      message: `unpacks to more than ${budget.max / 2 ** 20} MB of XML (${e.name})`,
      hint: 'save the sheet you need as CSV, or remove what it does not need',
    });
  if (e.method === 0) {
    if ((budget.left -= data.length) < 0) throw tooLarge();
    onChunk(data.toString('latin1'));
    return;
  }
  if (e.method !== 8) throw notXlsx(file, `entry ${e.name} uses an unknown compression`);
  await new Promise<void>((resolve, reject) => {
    const z = createInflateRaw();
    z.on('data', (chunk: Buffer) => {
      if ((budget.left -= chunk.length) < 0) {
        z.destroy();
        reject(tooLarge());
        return;
      }
      try {
        onChunk(chunk.toString('latin1'));
      } catch (err) {
        z.destroy();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    z.on('error', () => reject(notXlsx(file, `entry ${e.name} is damaged`)));
    z.on('end', () => resolve());
    z.end(data);
  });
}

/** Sheet names and their XML paths, in workbook order. */
async function sheets(
  buf: Buffer,
  files: Map<string, Entry>,
  file: string,
  budget: { left: number; max: number },
): Promise<{ name: string; path: string }[]> {
  const read = async (name: string): Promise<string> => {
    const e = files.get(name);
    if (!e) throw notXlsx(file, `${name} is missing`);
    let s = '';
    await unpack(buf, e, file, budget, (c) => (s += c));
    return Buffer.from(s, 'latin1').toString('utf8');
  };
  const wb = await read('xl/workbook.xml');
  const rels = files.has('xl/_rels/workbook.xml.rels') ? await read('xl/_rels/workbook.xml.rels') : '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const out: { name: string; path: string }[] = [];
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\bid="([^"]*)"/.exec(m[0])?.[1];
    out.push({
      name: name
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
      path: (id && target.get(id)) ?? '',
    });
  }
  return out;
}

const colNumber = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string =>
  n <= 0 ? '' : colLetters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** Refuses what would exhaust memory (the reader is then called on the same bytes). */
export async function checkWorkbook(
  buf: Buffer,
  file: string,
  sheet: string | undefined,
  maxCells: number,
  maxXmlBytes = MAX_XML_BYTES,
): Promise<void> {
  const files = entries(buf, file);
  const budget = { left: maxXmlBytes, max: maxXmlBytes };
  const list = await sheets(buf, files, file, budget);
  if (list.length === 0)
    throw new UserError({
      file,
      message: 'the workbook has no sheets',
      hint: 'open it in Excel, add the data to a sheet and save it again',
    });
  const chosen = sheet === undefined ? list[0] : list.find((s) => s.name === sheet);
  if (!chosen)
    throw new UserError({
      file,
      message: `has no sheet "${sheet}"`,
      hint: `sheets: ${list.map((s) => s.name).join(', ')}`,
    });
  const entry = files.get(chosen.path);
  if (!entry) throw notXlsx(file, `the XML of sheet "${chosen.name}" is missing`);
  let maxRow = 0;
  let maxCol = 0;
  let carry = '';
  await unpack(buf, entry, file, budget, (chunk) => {
    const text = carry + chunk;
    const cut = text.lastIndexOf('<');
    carry = cut >= 0 && text.length - cut < 4096 ? text.slice(cut) : '';
    const body = carry ? text.slice(0, cut) : text;
    for (const m of body.matchAll(/<(?:c|row)\b[^>]*?\br="([A-Z]{0,3})(\d+)"/g)) {
      const row = Number(m[2]);
      const col = m[1] ? colNumber(m[1]) : 0;
      if (row > maxRow) maxRow = row;
      if (col > maxCol) maxCol = col;
      if (maxRow * Math.max(1, maxCol) > maxCells) {
        throw new UserError({
          file,
          message: `sheet "${chosen.name}" has a cell at ${colLetters(maxCol) || 'column ?'}${maxRow}: ${maxRow.toLocaleString('en-US')} rows x ${Math.max(1, maxCol).toLocaleString('en-US')} columns is more than the limit of ${maxCells.toLocaleString('en-US')} cells`,
          hint: 'delete stray cells far from the table (Ctrl+End shows the last one) or save the sheet as CSV; --max-cells N raises the limit',
        });
      }
    }
  });
  for (const [name, e] of files) {
    // NOTE: the reader unpacks every XML part (other sheets included), so all of them count.
    if (
      name === chosen.path ||
      !/\.xml(\.rels)?$/.test(name) ||
      name === 'xl/workbook.xml' ||
      name === 'xl/_rels/workbook.xml.rels'
    )
      continue;
    await unpack(buf, e, file, budget, () => {});
  }
}
