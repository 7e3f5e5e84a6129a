import { createHash } from 'node:crypto';
import {
  FIELD_MESSAGES, checkIdNumber, localDay, localInstant, maskIdNumber, maskPhone, normalizePhone, parseTestResult,
  type LabImport, type LabImportRow, type SampleType, type SiteType, type TestResult,
} from '@fangkong/domain';
import type { z } from 'zod';
import type { CommitLabImport as CommitSchema } from '@fangkong/domain';
import { isUniqueViolation } from '../db/errors.js';
import { people } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, conflict, notFound, type FieldProblem } from '../core/errors.js';
import { inScope, requireSomewhere } from '../auth/scope.js';
import { audit } from '../audit/service.js';
import type { Keyring } from '../pii/keyring.js';
import { readDate } from '../people/roster.js';
import { readTable, writeWorkbook, type Table } from '../files/spreadsheet.js';
import type { TestingService, TestWrite } from './service.js';
import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import * as repo from './repository.js';
import { TESTING_TEXTS } from './texts.js';
import { FILES_TEXTS } from '../files/texts.js';

type CommitParsed = z.output<typeof CommitSchema>;

/** What a lab's columns hold. */
const LAB_FIELDS = ['name', 'idNumber', 'phone', 'sampledAt', 'sampleType', 'result', 'resultAt', 'lab', 'labRef', 'collectionPoint'] as const;
type LabField = (typeof LAB_FIELDS)[number];

/** Header words of lab result files, lower-cased and without spaces. */
const HEADERS: Readonly<Record<LabField, readonly string[]>> = {
  name: ['姓名', '受检者姓名', '被检者姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '身份证', 'idnumber', 'id'],
  phone: ['手机号', '手机号码', '联系电话', '电话', 'phone', 'mobile'],
  sampledAt: ['采样时间', '采样日期', '采集时间', 'sampledat', 'sampletime'],
  sampleType: ['样本类型', '标本类型', 'sampletype'],
  result: ['检测结果', '结果', '核酸结果', 'result'],
  resultAt: ['报告时间', '结果时间', '检测时间', '出结果时间', 'resultat', 'reportedat'],
  lab: ['检测机构', '实验室', '检测单位', 'lab', 'laboratory'],
  labRef: ['样本编号', '条码', '条码号', '管号', '试管编号', 'labref', 'barcode', 'tube'],
  collectionPoint: ['采样点', '采样地点', 'collectionpoint'],
};

const TEMPLATE_HEADERS = ['姓名', '身份证号', '手机号', '采样时间', '样本类型', '检测结果', '报告时间', '检测机构', '样本编号', '采样点'];

const SAMPLE_WORDS: Readonly<Record<string, SampleType>> = {
  咽拭子: 'throat_swab', 口咽拭子: 'throat_swab', throat_swab: 'throat_swab', 鼻拭子: 'nasal_swab', nasal_swab: 'nasal_swab',
  鼻咽拭子: 'nasopharyngeal_swab', nasopharyngeal_swab: 'nasopharyngeal_swab', 其他: 'other', other: 'other',
};

function mapHeaders(cells: readonly (string | null)[]): (LabField | null)[] {
  const used = new Set<LabField>();
  return cells.map((c) => {
    const h = (c ?? '').trim().toLowerCase().replace(/[\s*＊:：]/g, '');
    const field = LAB_FIELDS.find((f) => !used.has(f) && HEADERS[f].includes(h)) ?? null;
    if (field) used.add(field);
    return field;
  });
}

/**
 * The header row: the first of the first five rows that names at least a person and a sampling
 * time (a lab's report often starts with a title row above the table).
 */
function locateHeader(table: Table): { fields: (LabField | null)[]; rows: Table['rows'] } | undefined {
  const candidates = [{ cells: table.headers as (string | null)[], rest: table.rows }, ...table.rows.slice(0, 4).map((r, i) => ({ cells: r.cells, rest: table.rows.slice(i + 1) }))];
  for (const c of candidates) {
    const fields = mapHeaders(c.cells);
    if (fields.includes('sampledAt') && (fields.includes('idNumber') || fields.includes('name'))) return { fields, rows: c.rest };
  }
  return undefined;
}

/** "2026-11-28 09:30", "2026/11/28 9:30:00", "2026年11月28日 9时30分", or a date alone (midnight). */
export function readDateTime(raw: string, timeZone: string): Date | undefined {
  const m = /^(.+?)(?:[\sT]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?秒?)?$/.exec(raw.trim());
  if (!m) return undefined;
  const day = readDate((m[1] ?? '').trim());
  if (!day) return undefined;
  const hh = Number(m[2] ?? 0);
  const mm = Number(m[3] ?? 0);
  if (hh > 23 || mm > 59) return undefined;
  const at = localInstant(day, `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`, timeZone);
  return new Date(at.getTime() + Number(m[4] ?? 0) * 1000);
}

/**
 * A row's problem as stored with the preview (JSON in the database, so its shape stays): the
 * English the preview answers with, and the Chinese beside it for a refused commit.
 */
interface StoredIssue { path: string; message: string; messageZh?: string }

function message(key: string): { message: string; messageZh: string } {
  const m = FIELD_MESSAGES[key];
  return { message: m?.en ?? key, messageZh: m?.['zh-CN'] ?? key };
}

const asProblem = (e: StoredIssue): FieldProblem => ({ path: e.path, message: { 'zh-CN': e.messageZh ?? e.message, en: e.message } });

/** A stored preview row: what the answer shows, and the keyed hash of the ID for matching again. */
interface StoredRow extends Omit<LabImportRow, 'errors'> {
  errors: StoredIssue[];
  idHash: string | null;
}

interface StoredImport {
  rows: StoredRow[];
}

/**
 * A lab's result file (R4.4): parsed, matched to the registry (the ID number through its keyed hash,
 * else name and phone), previewed with every problem, and committed all or nothing. A file committed
 * once is recognised by its hash; a row for a sample already recorded updates its result.
 */
export class LabImportService extends AreaService {
  private readonly keyring: Keyring;

  constructor(deps: Deps, private readonly testing: TestingService) {
    super(deps);
    this.keyring = deps.keyring;
  }

  template(): Promise<Buffer> {
    return writeWorkbook('核酸检测结果', TEMPLATE_HEADERS, [
      ['张三', '', '13800000000', '2026-11-28 09:30', '咽拭子', '阴性', '2026-11-28 20:15', '示范市疾控中心', 'A0001', '城关镇卫生院采样点'],
    ]);
  }

  async preview(ctx: RequestContext, bytes: Buffer, filename: string): Promise<LabImport> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'testing.write');
    const table = await readTable(bytes, filename, { withTime: true, what: FILES_TEXTS.results });
    const located = locateHeader(table);
    if (!located) {
      throw new AppError('validation_failed', undefined, [{
        path: 'file', message: TESTING_TEXTS.no_header_row,
      }]);
    }
    const now = this.clock.now();
    const read = located.rows.map((r) => this.parseRow(r.row, located.fields, r.cells, now));
    await this.match(ctx, read);
    const parsed = read.map((r) => r.row);
    await this.plan(parsed);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const storedId = await repo.insertLabImport(this.db, { fileHash: hash, filename, rows: { rows: parsed } satisfies StoredImport, createdBy: caller.userId });
    await audit(this.db, ctx, { action: 'test.import_preview', outcome: 'ok', targetType: 'lab_import', targetId: storedId, detail: { rows: parsed.length, filename } });
    return this.get(ctx, storedId);
  }

  /** A row as stored (masked), and its phone in clear for matching only: that is never stored. */
  private parseRow(row: number, fields: (LabField | null)[], cells: (string | null)[], now: Date): { row: StoredRow; phone: string | null } {
    const v: Partial<Record<LabField, string>> = {};
    fields.forEach((f, i) => {
      const c = cells[i];
      if (f && c) v[f] = c;
    });
    const errors: StoredIssue[] = [];
    const issue = (field: string, key: string) => errors.push({ path: `row ${row}.${field}`, ...message(key) });
    let idHash: string | null = null;
    let idMasked: string | null = null;
    if (v.idNumber) {
      const checked = checkIdNumber(v.idNumber, localDay(now, this.timeZone));
      if (checked.ok) {
        idHash = this.keyring.hash(checked.value);
        idMasked = maskIdNumber(checked.value);
      } else {
        issue('idNumber', `id_number.${checked.issue}`);
        idMasked = maskIdNumber(v.idNumber);
      }
    }
    const phone = v.phone ? normalizePhone(v.phone) : null;
    const sampledAt = v.sampledAt ? readDateTime(v.sampledAt, this.timeZone) : undefined;
    if (!v.sampledAt) issue('sampledAt', 'test.sample_time_required');
    else if (!sampledAt) issue('sampledAt', 'date.unreadable');
    else if (sampledAt.getTime() > now.getTime() + 60_000) issue('sampledAt', 'test.sample_future');
    const result: TestResult | undefined = parseTestResult(v.result ?? '');
    if (!result) issue('result', 'test.result_unknown');
    const resultAt = v.resultAt ? readDateTime(v.resultAt, this.timeZone) : undefined;
    if (v.resultAt && !resultAt) issue('resultAt', 'date.unreadable');
    if (resultAt && sampledAt && resultAt < sampledAt) issue('resultAt', 'test.result_before_sample');
    if (resultAt && resultAt.getTime() > now.getTime() + 60_000) issue('resultAt', 'test.result_future');
    const sampleType = v.sampleType ? SAMPLE_WORDS[v.sampleType.trim().toLowerCase()] ?? 'other' : null;
    const stored: StoredRow = {
      row, name: v.name ?? null, idNumber: idMasked, phone: phone ? maskPhone(phone) : null,
      sampledAt: sampledAt?.toISOString() ?? null, sampleType, result: result ?? null,
      resultAt: result && result !== 'pending' ? (resultAt ?? null)?.toISOString() ?? null : null,
      lab: v.lab ?? null, labRef: v.labRef ?? null, collectionPoint: v.collectionPoint ?? null,
      match: 'none', personId: null, personName: null, siteName: null, action: 'skip', errors,
      idHash,
    };
    return { row: stored, phone };
  }

  /** Matches rows to people the caller may record for: by ID hash, then by name and phone. */
  private async match(ctx: RequestContext, read: { row: StoredRow; phone: string | null }[]): Promise<void> {
    const rows = read.map((r) => r.row);
    const scope = inScope(callerOf(ctx), 'testing.write', people.orgPath);
    const hashes = [...new Set(rows.flatMap((r) => (r.idHash ? [r.idHash] : [])))];
    const byHash = await repo.activePeopleByIdHash(this.db, scope, hashes);
    const names = [...new Set(rows.filter((r) => !r.idHash && r.name).map((r) => r.name as string))];
    const byName = await repo.activePeopleByName(this.db, scope, names);
    const phones = byName.map((p) => ({ ...p, phone: p.phoneEnc ? this.keyring.open(p.phoneEnc) : null }));
    for (const { row: r, phone: clear } of read) {
      const hit = r.idHash ? byHash.find((p) => p.idHash === r.idHash) : undefined;
      if (hit) {
        Object.assign(r, { match: 'id', personId: hit.id, personName: hit.name, siteName: hit.siteName });
        continue;
      }
      const same = !r.idHash && r.name && clear ? phones.filter((p) => p.name === r.name && p.phone === clear) : [];
      if (same.length === 1 && same[0]) {
        Object.assign(r, { match: 'name_phone', personId: same[0].id, personName: same[0].name, siteName: same[0].siteName });
        continue;
      }
      if (r.errors.length === 0 || r.errors.every((e) => !e.path.endsWith('.person'))) {
        r.errors.push({ path: `row ${r.row}.person`, ...message('test.person_unmatched') });
      }
    }
  }

  /** What committing each row would do, against the records as they are now. */
  private async plan(rows: StoredRow[]): Promise<void> {
    const ready = rows.filter((r) => r.personId && r.sampledAt);
    const seen = new Map<string, number>();
    for (const r of ready) {
      const key = `${r.personId}|${Date.parse(r.sampledAt ?? '')}`;
      if (seen.has(key)) r.errors.push({ path: `row ${r.row}.sampledAt`, ...message('test.duplicate_in_file') });
      seen.set(key, r.row);
    }
    const ids = [...new Set(ready.map((r) => r.personId as string))];
    const existing = await repo.samplesOf(this.db, ids);
    const byKey = new Map(existing.map((e) => [`${e.personId}|${e.sampledAt.getTime()}`, e]));
    for (const r of rows) {
      if (r.errors.length > 0 || !r.personId || !r.sampledAt || !r.result) {
        r.action = 'skip';
        continue;
      }
      const old = byKey.get(`${r.personId}|${Date.parse(r.sampledAt)}`);
      r.action = !old ? 'create' : r.result !== 'pending' && r.result !== old.result ? 'update' : 'unchanged';
    }
  }

  private async load(ctx: RequestContext, id: string) {
    const row = await repo.findLabImport(this.db, id, callerOf(ctx).userId);
    // An import is its uploader's: the rows name people of their jurisdiction.
    if (!row) throw notFound();
    return row.imp;
  }

  private async committedTwin(hash: string, exceptId: string) {
    return repo.committedLabImport(this.db, hash, exceptId);
  }

  async get(ctx: RequestContext, id: string): Promise<LabImport> {
    const imp = await this.load(ctx, id);
    const rows = (imp.rows as StoredImport).rows;
    const twin = await this.committedTwin(imp.fileHash, imp.id);
    const summary = imp.summary as LabImport['summary'];
    return {
      id: imp.id,
      filename: imp.filename,
      status: imp.status as LabImport['status'],
      duplicateOf: twin ? { id: twin.id, committedAt: twin.committedAt?.toISOString() ?? '', by: twin.by } : null,
      rows: rows.map(({ idHash: _h, ...r }) => r),
      total: rows.length,
      matched: rows.filter((r) => r.personId).length,
      unmatched: rows.filter((r) => !r.personId).length,
      invalid: rows.filter((r) => r.errors.some((e) => !e.path.endsWith('.person'))).length,
      createdAt: imp.createdAt.toISOString(),
      committedAt: imp.committedAt?.toISOString() ?? null,
      summary: summary ?? null,
    };
  }

  async commit(ctx: RequestContext, id: string, input: CommitParsed): Promise<LabImport> {
    const caller = callerOf(ctx);
    const imp = await this.load(ctx, id);
    if (imp.status === 'committed') throw conflict(TESTING_TEXTS.import_already_committed);
    const twin = await this.committedTwin(imp.fileHash, imp.id);
    if (twin) {
      throw conflict(TESTING_TEXTS.imported_before(twin.committedAt ? localDay(twin.committedAt, this.timeZone) : '', twin.by ?? ''));
    }
    const rows = (imp.rows as StoredImport).rows.map((r) => ({ ...r, errors: [...r.errors] }));
    // People chosen by hand for rows that matched nobody.
    const chosen = Object.entries(input.matches).map(([row, personId]) => ({ row: Number(row), personId }));
    if (chosen.length > 0) {
      const found = await repo.activePeopleByIds(this.db, inScope(caller, 'testing.write', people.orgPath), chosen.map((c) => c.personId));
      const errors: FieldProblem[] = [];
      for (const c of chosen) {
        const r = rows.find((x) => x.row === c.row);
        const p = found.find((x) => x.id === c.personId);
        if (!r) errors.push({ path: `body.matches.${c.row}`, message: TESTING_TEXTS.no_such_row });
        else if (!p) errors.push({ path: `body.matches.${c.row}`, message: TESTING_TEXTS.person_not_found });
        else {
          Object.assign(r, { match: 'manual', personId: p.id, personName: p.name, siteName: p.siteName });
          r.errors = r.errors.filter((e) => !e.path.endsWith('.person'));
        }
      }
      if (errors.length > 0) throw new AppError('validation_failed', undefined, errors);
    }
    await this.plan(rows);
    const bad = rows.filter((r) => r.errors.length > 0);
    if (bad.length > 0 && !input.onlyValid) throw new AppError('validation_failed', undefined, bad.flatMap((r) => r.errors.map(asProblem)));
    const good = rows.filter((r) => r.errors.length === 0 && r.personId && r.sampledAt && r.result);
    const personIds = [...new Set(good.map((r) => r.personId as string))];
    const targets = await repo.testTargets(this.db, inScope(caller, 'testing.write', people.orgPath), personIds);
    const byId = new Map(targets.map((t) => [t.id, t]));
    const writes: TestWrite[] = good.flatMap((r) => {
      const t = byId.get(r.personId as string);
      if (!t) return [];
      return [{
        personId: t.id, siteId: t.siteId, orgPath: t.orgPath, siteType: t.siteType as SiteType, sampledAt: new Date(r.sampledAt as string),
        sampleType: r.sampleType ?? 'throat_swab', collectionPoint: r.collectionPoint, lab: r.lab, result: r.result as TestResult,
        resultAt: r.resultAt ? new Date(r.resultAt) : null, labRef: r.labRef, note: null, sessionId: null, importId: imp.id, source: 'import' as const,
      }];
    });
    const steps = await this.testing.alertSteps(writes.map((w) => w.siteType));
    try {
      await this.db.transaction(async (tx) => {
        const { actions } = await this.testing.applyTests(tx, ctx, writes, steps);
        const s = {
          created: actions.filter((a) => a === 'create').length,
          updated: actions.filter((a) => a === 'update').length,
          unchanged: actions.filter((a) => a === 'unchanged').length,
          skipped: rows.length - writes.length,
        };
        await repo.markLabImportCommitted(tx, imp.id, { committedAt: this.clock.now(), summary: s, rows: { rows } satisfies StoredImport });
        await audit(tx, ctx, { action: 'test.import', outcome: 'ok', targetType: 'lab_import', targetId: imp.id, detail: { ...s, filename: imp.filename } });
      });
    } catch (err) {
      // The same file committed at the same moment by someone else: the unique index decides.
      if (isUniqueViolation(err, 'lab_imports_committed_hash_uq')) throw conflict(TESTING_TEXTS.file_just_imported);
      throw err;
    }
    return this.get(ctx, id);
  }
}
