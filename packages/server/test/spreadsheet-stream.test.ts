/*
 * readTable on .xlsx, read one row at a time: the same text as the whole-workbook loader gave, and
 * damaged files refused with the same 400 (never an unhandled error from the unzipping).
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS, type AppError } from '../src/core/errors.js';
import { readTable } from '../src/files/spreadsheet.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip of the given parts in this order; `raw` parts are stored as given under the deflate method. */
function zip(parts: { name: string; text?: string; raw?: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const content = Buffer.from(p.text ?? '', 'utf8');
    const data = p.raw ?? deflateRawSync(content);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(content), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand: its sheets (XML of the rows, and what follows them) in tab order. */
function handmade(sheets: { name: string; file: string; rows: string; after?: string }[], order = sheets.map((s) => s.file)): Buffer {
  return zip([
    ...order.map((file) => {
      const s = sheets.find((x) => x.file === file);
      return { name: `xl/worksheets/${file}`, text: `<?xml version="1.0"?><worksheet ${NS}><sheetData>${s?.rows ?? ''}</sheetData>${s?.after ?? ''}</worksheet>` };
    }),
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0"?><workbook ${NS} xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/${s.file}"/>`).join('')}</Relationships>`,
    },
  ]);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('readTable on .xlsx, streamed', () => {
  it('reads dates, IDs, phones, rich text and formulas as text, keeping row numbers across blank rows', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '采样时间', '出生日期', '身份证号', '手机号', '备注', '合计', '日期公式', '文字公式']);
      // Rows 2 to 4 are left blank.
      ws.getRow(5).values = [
        '林秀英',
        new Date(Date.UTC(2024, 2, 5, 8, 30)),
        32_275, // a day number shown as a date
        '350102193805120029',
        13_805_912_345,
        { richText: [{ text: '左腿', font: { bold: true } }, { text: '行动不便' }] },
        { formula: 'SUM(1,2)', result: 3 },
        { formula: 'DATE(2024,3,5)', result: 45_356 },
        { formula: 'A5&"（老人）"', result: '林秀英（老人）' },
      ];
      ws.getCell('C5').numFmt = 'yyyy-mm-dd';
      ws.getCell('H5').numFmt = 'yyyy/m/d';
      ws.getCell('A7').value = '陈德明';
      ws.getCell('B7').value = new Date(Date.UTC(2024, 2, 6, 0, 0));
      ws.getCell('E7').value = '13900000000';
    });

    const table = await readTable(file, 'roster.xlsx');
    expect(table.headers).toEqual(['姓名', '采样时间', '出生日期', '身份证号', '手机号', '备注', '合计', '日期公式', '文字公式']);
    expect(table.rows).toEqual([
      { row: 5, cells: ['林秀英', '2024-03-05', '1988-05-12', '350102193805120029', '13805912345', '左腿行动不便', '3', '2024-03-05', '林秀英（老人）'] },
      { row: 7, cells: ['陈德明', '2024-03-06', null, null, '13900000000'] },
    ]);

    const timed = await readTable(file, 'roster.xlsx', { withTime: true });
    expect(timed.rows[0]?.cells[1]).toBe('2024-03-05 08:30');
    expect(timed.rows[1]?.cells[1]).toBe('2024-03-06');
  });

  it('skips an empty first sheet for the first one with content', async () => {
    const file = await workbook((wb) => {
      wb.addWorksheet('说明');
      wb.addWorksheet('空白');
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '身份证号']);
      ws.addRow(['郑建国', '350102194001010011']);
      wb.addWorksheet('另一张').addRow(['不该读到']);
    });
    const table = await readTable(file, 'roster.xlsx');
    expect(table).toEqual({ headers: ['姓名', '身份证号'], rows: [{ row: 2, cells: ['郑建国', '350102194001010011'] }] });
  });

  it('takes the sheets in tab order, whatever order the parts are stored in', async () => {
    const file = handmade(
      [
        { name: '第一张', file: 'sheet2.xml', rows: `<row r="1">${inline('A1', '姓名')}</row><row r="2">${inline('A2', '甲')}</row>` },
        { name: '第二张', file: 'sheet1.xml', rows: `<row r="1">${inline('A1', '姓名')}</row><row r="2">${inline('A2', '乙')}</row>` },
      ],
      ['sheet1.xml', 'sheet2.xml'],
    );
    expect((await readTable(file, 'roster.xlsx')).rows).toEqual([{ row: 2, cells: ['甲'] }]);
  });

  it('gives every cell of a merged range the text of its top-left cell, as before', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '房间', '楼栋']);
      ws.addRow(['甲', '101', '一号楼']);
      ws.addRow(['乙', '102']);
      ws.mergeCells('C2:C3');
    });
    expect((await readTable(file, 'roster.xlsx')).rows).toEqual([
      { row: 2, cells: ['甲', '101', '一号楼'] },
      { row: 3, cells: ['乙', '102', '一号楼'] },
    ]);
  });

  it('keeps Chinese text whole across the chunks the sheet is inflated in', async () => {
    const file = await workbook((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '地址']);
      for (let i = 0; i < 5000; i++) ws.addRow([`王秀英${i}`, `福州市鼓楼区第${i}街道幸福里小区`]);
    });
    const table = await readTable(file, 'roster.xlsx');
    expect(table.rows).toHaveLength(5000);
    expect(table.rows.every((r, i) => r.cells[0] === `王秀英${i}` && r.cells[1] === `福州市鼓楼区第${i}街道幸福里小区`)).toBe(true);
  });

  it('reads workbooks of many sheets written by exceljs (its own unzipping lost the workbook part)', async () => {
    const file = await workbook((wb) => {
      for (let s = 1; s <= 5; s++) wb.addWorksheet(`表${s}`);
      const ws = wb.getWorksheet('表4');
      ws?.addRow(['姓名']);
      ws?.addRow(['黄丽华']);
    });
    for (let i = 0; i < 5; i++) expect((await readTable(file, 'roster.xlsx')).rows).toEqual([{ row: 2, cells: ['黄丽华'] }]);
  });

  it('reads the LibreOffice fixture (parts with data descriptors, stored out of order)', async () => {
    const table = await readTable(fixture('roster-libreoffice.xlsx'), 'roster-libreoffice.xlsx');
    expect(table.headers[0]).toBe('姓名');
    expect(table.rows.map((r) => r.cells[0])).toContain('林秀英');
  });
});

describe('damaged .xlsx → 400 on the file', () => {
  const unhandled: unknown[] = [];
  const onError = (e: unknown) => unhandled.push(e);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onError);
    process.on('uncaughtException', onError);
  });
  afterEach(async () => {
    // Give a late error from a stream the chance to surface before checking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', onError);
    process.off('uncaughtException', onError);
    expect(unhandled).toEqual([]);
  });

  async function refusal(bytes: Buffer): Promise<AppError> {
    const err = await readTable(bytes, 'roster.xlsx').then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(err).toBeDefined();
    return err as AppError;
  }

  async function expectDamaged(bytes: Buffer) {
    const err = await refusal(bytes);
    expect(STATUS[err.code]).toBe(400);
    expect(err.fields).toEqual([{ path: 'file', message: { 'zh-CN': '文件已损坏或不是 Excel 表格（.xlsx）', en: 'the file is damaged or not an Excel workbook (.xlsx)' } }]);
  }

  const good = workbook((wb) => {
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号']);
    for (let i = 0; i < 200; i++) ws.addRow([`林秀英${i}`, '350102193805120029']);
  });

  it('a truncated file', async () => {
    const bytes = await good;
    for (const cut of [0.1, 0.5, 0.9, 0.999]) await expectDamaged(bytes.subarray(0, Math.floor(bytes.length * cut)));
  });

  it('a zip that is not a workbook', async () => {
    await expectDamaged(zip([{ name: 'readme.txt', text: '这不是表格' }, { name: 'photo.png', raw: Buffer.from('not really') }]));
  });

  it('a sheet whose compressed data is broken (the error comes from the inflating stream)', async () => {
    const book = (sheet: Buffer) => zip([
      { name: 'xl/worksheets/sheet1.xml', raw: sheet },
      { name: 'xl/workbook.xml', text: `<?xml version="1.0"?><workbook ${NS} xmlns:r="${REL}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      {
        name: 'xl/_rels/workbook.xml.rels',
        text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
    ]);
    const rows = Array.from({ length: 500 }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `甲${i}`)}</row>`).join('');
    const sheet = deflateRawSync(Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1">${inline('A1', '姓名')}</row>${rows}</sheetData></worksheet>`));
    expect((await readTable(book(sheet), 'roster.xlsx')).rows).toHaveLength(500);
    await expectDamaged(book(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))); // an invalid deflate block
    await expectDamaged(book(sheet.subarray(0, sheet.length >> 1))); // cut short
  });

  it('random damage to a good file never escapes as anything but a 400', async () => {
    const bytes = await good;
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 60; i++) {
      const copy = Buffer.from(bytes);
      for (let k = 0; k < 4; k++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      const outcome = await readTable(copy, 'roster.xlsx').then(() => 'read', (e: AppError) => STATUS[e.code]);
      expect([400, 'read']).toContain(outcome);
    }
  });
});
