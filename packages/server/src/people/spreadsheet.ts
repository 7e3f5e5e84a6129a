import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../http/errors.js';

/** A sheet as text: the header row and the data rows, each cell a trimmed string or null. */
export interface Table {
  headers: string[];
  rows: { row: number; cells: (string | null)[] }[];
}

const bad = (zh: string, en: string) => new AppError('validation_failed', undefined, [{ path: 'file', message: en, messageZh: zh }]);

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

async function readXlsx(bytes: Buffer, withTime: boolean): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw bad('文件已损坏或不是 Excel 表格（.xlsx）', 'the file is damaged or not an Excel workbook (.xlsx)');
  }
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return [];
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const fmt = cell.numFmt ?? '';
      const isDate = /[yd]/i.test(fmt.replace(/"[^"]*"/g, '')) || /^(14|15|16|17|22)$/.test(fmt);
      cells[col - 1] = cellText(cell.value, isDate, withTime)?.trim() ?? '';
    });
    out[n - 1] = cells;
  });
  return Array.from(out, (r) => r ?? []);
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
  if (text.includes('\u0000')) throw bad('文件不是文本表格（CSV）', 'the file is not a text spreadsheet (CSV)');
  try {
    const rows: string[][] = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
    return rows;
  } catch {
    throw bad('CSV 文件格式有误，无法读取', 'the CSV file is malformed and cannot be read');
  }
}

/**
 * Reads an uploaded table: .xlsx by its signature, otherwise CSV; refuses anything else with a
 * reason. `withTime` keeps the time of day of date cells (a lab's sampling times).
 */
export async function readTable(bytes: Buffer, filename: string, opts: { withTime?: boolean; what?: { zh: string; en: string } } = {}): Promise<Table> {
  if (bytes.length === 0) throw bad('文件是空的', 'the file is empty');
  const lower = filename.toLowerCase();
  let grid: string[][];
  if (isZip(bytes)) grid = await readXlsx(bytes, opts.withTime ?? false);
  else if (lower.endsWith('.xlsx') || lower.endsWith('.xls')) {
    throw bad(
      lower.endsWith('.xls') ? '不支持旧版 .xls，请在 Excel 或 WPS 中另存为 .xlsx' : '文件已损坏或不是 Excel 表格（.xlsx）',
      lower.endsWith('.xls') ? 'old .xls files are not supported; save as .xlsx in Excel or WPS' : 'the file is damaged or not an Excel workbook (.xlsx)',
    );
  } else grid = readCsv(bytes);
  const nonEmpty = grid.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c && c.trim() !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) throw bad('文件中没有内容', 'the file holds no data');
  if (rest.length === 0) {
    const what = opts.what ?? { zh: '人员', en: 'people' };
    throw bad(`文件只有表头，没有${what.zh}数据`, `the file has a header row but no ${what.en}`);
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
