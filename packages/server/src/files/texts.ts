import { defineTexts, type Bilingual } from '@fangkong/domain';

/** Why an uploaded table cannot be read, by code, in both languages. */
export const FILES_TEXTS = defineTexts({
  empty: { 'zh-CN': '文件是空的', en: 'the file is empty' },
  not_xlsx: { 'zh-CN': '文件已损坏或不是 Excel 表格（.xlsx）', en: 'the file is damaged or not an Excel workbook (.xlsx)' },
  old_xls: { 'zh-CN': '不支持旧版 .xls，请在 Excel 或 WPS 中另存为 .xlsx', en: 'old .xls files are not supported; save as .xlsx in Excel or WPS' },
  not_csv: { 'zh-CN': '文件不是文本表格（CSV）', en: 'the file is not a text spreadsheet (CSV)' },
  bad_csv: { 'zh-CN': 'CSV 文件格式有误，无法读取', en: 'the CSV file is malformed and cannot be read' },
  no_data: { 'zh-CN': '文件中没有内容', en: 'the file holds no data' },
  /** What a table lists, for `header_only`. */
  people: { 'zh-CN': '人员', en: 'people' },
  results: { 'zh-CN': '检测结果', en: 'results' },
  /** An upload sent as a form or JSON instead of the file's own bytes. */
  raw_bytes: { 'zh-CN': '请以文件原始内容上传（application/octet-stream）', en: 'send the file as application/octet-stream' },
  raw_attachment: { 'zh-CN': '请上传 PDF、PNG 或 JPEG 文件', en: 'send the file as its own bytes (PDF, PNG or JPEG)' },
  file_name_encoding: { 'zh-CN': '文件名编码不正确', en: 'not URI-encoded' },
  header_only: (what: Bilingual) => ({ 'zh-CN': `文件只有表头，没有${what['zh-CN']}数据`, en: `the file has a header row but no ${what.en}` }),
});
