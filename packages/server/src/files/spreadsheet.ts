import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../core/errors.js';
import type { Bilingual } from '@fangkong/domain';
import { FILES_TEXTS } from './texts.js';

/** A sheet as text: the header row and the data rows, each cell a trimmed string or null. */
export interface Table {
  headers: string[];
  rows: { row: number; cells: (string | null)[] }[];
}

const bad = (message: Bilingual) => new AppError('validation_failed', undefined, [{ path: 'file', message }]);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function isZip(b: Buffer): boolean {
  return ZIP_MAGIC.every((v, i) => b[i] === v);
}

/**
 * A date cell as text: YYYY-MM-DD, with " HH:MM" (or ":SS") when the cell holds a time of day and
 * times are wanted. Excel keeps wall-clock values, which ExcelJS hands over as UTC fields.
 */
function dateText(d: Date, withTime: boolean): string {
  const iso = d.toISOString();
  if (!withTime) return iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/** Excel's day numbers count from 1899-12-30 (it believes 1900 was a leap year). */
function excelSerialToDate(n: number, withTime: boolean): string {
  return dateText(new Date(Math.round((n - 25569) * 86_400_000 / 1000) * 1000), withTime);
}

function cellText(v: ExcelJS.CellValue, isDateFormat: boolean, withTime = false): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return dateText(v, withTime);
  if (typeof v === 'number') {
    if (isDateFormat) return excelSerialToDate(v, withTime);
    // Long digit strings typed as numbers (a phone) come back whole; an 18-digit ID would not, and fails its check.
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return v.result === undefined ? null : cellText(v.result, isDateFormat, withTime);
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return null;
}

/** exceljs' own test of a date format (its `isDateFmt`): date or time letters outside quotes and brackets. */
function isExcelDateFormat(fmt: string): boolean {
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * A streamed cell's value as the whole-workbook loader gave it. The streaming reader leaves a
 * formula's cached result a bare number: an error result (`#N/A`) comes as NaN, a date as its
 * serial. The loader made the first an error and the second a date (by exceljs' own test).
 */
function asLoaded(v: ExcelJS.CellValue, fmt: string, date1904: boolean): ExcelJS.CellValue {
  if (v === null || typeof v !== 'object' || !('result' in v) || typeof v.result !== 'number') return v;
  if (Number.isNaN(v.result)) return null;
  if (!isExcelDateFormat(fmt)) return v;
  return { ...v, result: new Date(Math.round((v.result - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)) };
}

// ---------------------------------------------------------------------------------------------
// Reading .xlsx one row at a time.
//
// exceljs' streaming WorkbookReader cannot be trusted with its own unzipping: it reads the parts
// in the order they are stored, and exceljs (our own templates), Excel and LibreOffice all store
// the worksheets before the shared strings or the workbook part. It then spools the sheets to
// temporary files, and its unzip stream ends early often enough that the workbook part is lost
// ("Cannot read properties of undefined (reading 'sheets')", 9 reads in 10 for a five-sheet
// exceljs workbook), and it cuts UTF-8 text wherever a chunk ends (a Chinese name turns into
// U+FFFD). So we find the parts through the zip's central directory (the upload is in memory
// anyway), inflate each with zlib as UTF-8 text, and hand them to the reader's part parsers in
// the order they need: relationships, workbook, shared strings, styles, then the worksheets in
// tab order, each read row by row. Only one row's cells are alive at a time besides the text grid.

/** One stored part of a zip: how it is compressed and its compressed bytes (a view, no copy). */
interface ZipPart {
  method: number;
  data: Buffer;
}

const U32 = 0xffffffff;

/** The parts of a zip by name, from its central directory. Throws on anything that does not add up. */
function zipParts(b: Buffer): Map<string, ZipPart> {
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory');
  let count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  if (count === 0xffff || at === U32) {
    // Zip64: the counts and offsets are in a record the locator just before points to.
    if (b.readUInt32LE(end - 20) !== 0x07064b50) throw new Error('no zip64 locator');
    const rec = Number(b.readBigUInt64LE(end - 12));
    if (b.readUInt32LE(rec) !== 0x06064b50) throw new Error('no zip64 end of central directory');
    count = Number(b.readBigUInt64LE(rec + 32));
    at = Number(b.readBigUInt64LE(rec + 48));
  }
  const parts = new Map<string, ZipPart>();
  for (let n = 0; n < count; n++) {
    if (b.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const flags = b.readUInt16LE(at + 8);
    const method = b.readUInt16LE(at + 10);
    let size = b.readUInt32LE(at + 20);
    let local = b.readUInt32LE(at + 42);
    const nameEnd = at + 46 + b.readUInt16LE(at + 28);
    const extraEnd = nameEnd + b.readUInt16LE(at + 30);
    const name = b.toString('utf8', at + 46, nameEnd);
    for (let x = nameEnd; x + 4 <= extraEnd; x += 4 + b.readUInt16LE(x + 2)) {
      if (b.readUInt16LE(x) !== 0x0001) continue;
      // Zip64 extra field: the 64-bit values, in this order, of those marked 0xffffffff.
      let f = x + 4;
      if (b.readUInt32LE(at + 24) === U32) f += 8;
      if (size === U32) {
        size = Number(b.readBigUInt64LE(f));
        f += 8;
      }
      if (local === U32) local = Number(b.readBigUInt64LE(f));
    }
    at = extraEnd + b.readUInt16LE(at + 32);
    if (flags & 1) throw new Error('encrypted entry');
    if (method !== 0 && method !== 8) throw new Error(`compression method ${method}`);
    if (b.readUInt32LE(local) !== 0x04034b50) throw new Error('bad local header');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + size > b.length) throw new Error('entry past the end');
    parts.set(name.replace(/^\//, ''), { method, data: b.subarray(start, start + size) });
  }
  return parts;
}

/** A part's content as a stream of UTF-8 text, inflated as it is read. */
function partText(part: ZipPart): Readable {
  const s = part.method === 8 ? createInflateRaw() : new PassThrough();
  s.setEncoding('utf8');
  // Whoever reads the stream gets its errors (bad deflate data) through its own listener or
  // iterator; this one only makes sure an error can never go unhandled and crash the process.
  s.on('error', () => {});
  s.end(part.data);
  return s;
}

/**
 * Passes a sheet's XML through untouched while noting its merged ranges (`<mergeCell ref="A1:C1"/>`,
 * which come after the rows), which the streaming reader skips.
 */
async function* notingMerges(xml: AsyncIterable<string>, merges: string[]): AsyncGenerator<string> {
  let tail = '';
  for await (const chunk of xml) {
    const text = tail + chunk;
    for (const tag of text.matchAll(/<mergeCell\b[^>]*>/g)) {
      const ref = /\sref\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag[0]);
      if (ref) merges.push(ref[1] ?? ref[2] ?? '');
    }
    // A tag cut by the chunk's end is looked at again with the next chunk.
    const open = text.lastIndexOf('<');
    tail = open >= 0 && !text.includes('>', open) && text.length - open < 1024 ? text.slice(open) : '';
    yield chunk;
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * Merged ranges as the whole-workbook loader had them: every cell of the range reads as its
 * top-left cell. Returns whether any range spans more than one cell (its cells then count as
 * content when choosing the sheet, as they did).
 */
function applyMerges(grid: string[][], refs: string[]): boolean {
  let any = false;
  for (const ref of refs) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.toUpperCase());
    if (!m?.[1] || !m[2]) continue;
    const c1 = columnNumber(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    const [top, bottom, left, right] = [Math.min(r1, r2), Math.max(r1, r2), Math.min(c1, c2), Math.max(c1, c2)];
    if (top < 1 || left < 1 || (top === bottom && left === right)) continue;
    any = true;
    const text = grid[top - 1]?.[left - 1] ?? '';
    for (let r = top; r <= bottom; r++) {
      const row = (grid[r - 1] ??= []);
      for (let c = left; c <= right; c++) if (r > top || c > left) row[c - 1] = text;
      for (let c = 0; c < row.length; c++) row[c] ??= '';
    }
  }
  return any;
}

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** The part parsers of exceljs 4.4.0's WorkbookReader used here (not in its type declarations). */
interface WorkbookReaderParts {
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  properties?: { model?: { date1904?: boolean } };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Iterable<{ value: WorksheetReader }>;
}

/**
 * The shared strings as the whole-workbook loader read them: the streaming reader's own parser
 * takes a phonetic guide's reading (<rPh>) for the string itself, and an empty string for none.
 */
const SharedStringsXform = createRequire(import.meta.url)('exceljs/lib/xlsx/xform/strings/shared-strings-xform.js') as new () => {
  parseStream(stream: Readable): Promise<unknown>;
  readonly values: unknown[];
};

interface StreamedSheet {
  rows: WorksheetReader;
  /** Filled in once the sheet's rows have all been read. */
  merges: string[];
  date1904: boolean;
}

/** The worksheets of a workbook in tab order, each ready to be read row by row. */
async function* worksheets(parts: Map<string, ZipPart>): AsyncGenerator<StreamedSheet> {
  const book = parts.get('xl/workbook.xml');
  if (!book) throw new Error('no workbook part');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(partText(rels));
  await reader._parseWorkbook(partText(book));
  const strings = parts.get('xl/sharedStrings.xml');
  if (strings) {
    const xform = new SharedStringsXform();
    await xform.parseStream(partText(strings));
    reader.sharedStrings = xform.values;
  }
  const styles = parts.get('xl/styles.xml');
  if (styles) await reader._parseStyles(partText(styles));
  const date1904 = reader.properties?.model?.date1904 ?? false;
  const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  // Tab order, and the same way from a sheet to its part as the whole-workbook loader.
  for (const sheet of reader.model?.sheets ?? []) {
    const target = targets.get(sheet.rId);
    if (target === undefined) continue;
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const sheetNo = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(path)?.[1];
    const part = parts.get(path);
    if (sheetNo === undefined || !part) continue;
    const merges: string[] = [];
    for (const { value } of reader._parseWorksheet(notingMerges(partText(part), merges), sheetNo)) yield { rows: value, merges, date1904 };
  }
}

/** The first sheet with content (in tab order) as text, row n at index n - 1; reading stops there. */
async function firstSheetGrid(parts: Map<string, ZipPart>, withTime: boolean): Promise<string[][]> {
  for await (const sheet of worksheets(parts)) {
    const grid: string[][] = [];
    let content = false;
    for await (const row of sheet.rows) {
      if (row.hasValues) content = true;
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const fmt = cell.numFmt ?? '';
        const isDate = /[yd]/i.test(fmt.replace(/"[^"]*"/g, '')) || /^(14|15|16|17|22)$/.test(fmt);
        cells[col - 1] = cellText(asLoaded(cell.value, fmt, sheet.date1904), isDate, withTime)?.trim() ?? '';
      });
      grid[row.number - 1] = cells;
    }
    if (applyMerges(grid, sheet.merges)) content = true;
    if (content) return Array.from(grid, (r) => r ?? []);
  }
  return [];
}

async function readXlsx(bytes: Buffer, withTime: boolean): Promise<string[][]> {
  try {
    return await firstSheetGrid(zipParts(bytes), withTime);
  } catch {
    throw bad(FILES_TEXTS.not_xlsx);
  }
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK as Chinese Excel saves CSV. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

function readCsv(bytes: Buffer): string[][] {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw bad(FILES_TEXTS.not_csv);
  try {
    const rows: string[][] = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
    return rows;
  } catch {
    throw bad(FILES_TEXTS.bad_csv);
  }
}

/**
 * Reads an uploaded table: .xlsx by its signature, otherwise CSV; refuses anything else with a
 * reason. `withTime` keeps the time of day of date cells (a lab's sampling times).
 */
export async function readTable(bytes: Buffer, filename: string, opts: { withTime?: boolean; what?: Bilingual } = {}): Promise<Table> {
  if (bytes.length === 0) throw bad(FILES_TEXTS.empty);
  const lower = filename.toLowerCase();
  let grid: string[][];
  if (isZip(bytes)) grid = await readXlsx(bytes, opts.withTime ?? false);
  else if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) {
    throw bad(lower.endsWith('.xls') ? FILES_TEXTS.old_xls : FILES_TEXTS.not_xlsx);
  } else grid = readCsv(bytes);
  const nonEmpty = grid.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c && c.trim() !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) throw bad(FILES_TEXTS.no_data);
  if (rest.length === 0) {
    throw bad(FILES_TEXTS.header_only(opts.what ?? FILES_TEXTS.people));
  }
  return {
    headers: head.cells.map((c) => (c ?? '').trim()),
    rows: rest.map((r) => ({ row: r.row, cells: r.cells.map((c) => (c && c.trim() !== '' ? c.trim() : null)) })),
  };
}

/** A workbook of one sheet: bold header, frozen, columns sized to fit. */
export async function writeWorkbook(sheetName: string, headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Fangkong';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    const widest = Math.max(headers[i]?.length ?? 4, ...rows.slice(0, 500).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(40, Math.max(8, widest * 1.6 + 2));
    // Text format, so that Excel keeps ID numbers and phones as typed (no 3.50102E+17).
    col.numFmt = '@';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
