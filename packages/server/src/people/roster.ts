import {
  CreatePerson, FIELD_MESSAGES, KIND_WORDS, ROSTER_FIELDS, ROSTER_TEMPLATE_HEADERS, SEX_WORDS, STATUS_WORDS,
  allows, kindAllowedAt, mapRosterHeaders, maskIdNumber, maskPhone, scopePaths,
  type CreatePersonParsed, type FieldIssue, type Locale, type PeopleQuery, type PersonKind, type RosterCommitResult,
  type RosterField, type RosterPreview, type SiteType,
} from '@fangkong/domain';
import type { Db } from '../db/engine.js';
import { isUniqueViolation } from '../db/errors.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, inCallersLanguage } from '../core/errors.js';
import { localizeIssue } from '../http/validation.js';
import { audit } from '../audit/service.js';
import { requireSomewhere } from '../auth/scope.js';
import { defaultKind as defaultKindAt, personColumns, type PeopleService } from './service.js';
import { readTable, writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './repository.js';
import type { Deps } from '../core/deps.js';
import { PEOPLE_TEXTS } from './texts.js';

/** Preview answers carry every bad row but only this many good ones: enough to check the mapping. */
const PREVIEW_VALID_ROWS = 200;

interface AnalysedRow {
  row: number;
  values: Partial<Record<RosterField, string | null>>;
  input?: CreatePersonParsed;
  errors: FieldIssue[];
}

function keyed(key: string, locale: Locale): string {
  return FIELD_MESSAGES[key]?.[locale] ?? key;
}

/** Dates as people type them: 2020-01-05, 2020/1/5, 2020.1.5, 20200105, 2020年1月5日, or an Excel day number. */
export function readDate(raw: string): string | undefined {
  const s = raw.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const [, y, mo, d] = m;
    const iso = `${y}-${mo?.padStart(2, '0')}-${d?.padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
  }
  m = /^(\d{5})(\.\d+)?$/.exec(s);
  if (m && Number(m[1]) > 1 && Number(m[1]) < 80_000) return new Date(Math.round((Number(m[1]) - 25569) * 86_400_000)).toISOString().slice(0, 10);
  return undefined;
}

function word<T>(table: Readonly<Record<string, T>>, raw: string): T | undefined {
  return table[raw.trim().toLowerCase()] ?? table[raw.trim()];
}

/** The masked form of what a row holds, for the preview. */
function maskedValues(values: Partial<Record<RosterField, string | null>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of ROSTER_FIELDS) {
    const v = values[f] ?? null;
    out[f] = v === null ? null : f === 'idNumber' ? maskIdNumber(v) : f === 'phone' || f === 'emergencyContactPhone' ? maskPhone(v) : v;
  }
  return out;
}

export class RosterService {
  private readonly db: Db;

  constructor(deps: Deps, private readonly people: PeopleService) {
    this.db = deps.db;
  }

  /** Reads and checks every row against the same schema as a single add, then against the registry. */
  private async analyse(ctx: RequestContext, siteId: string, bytes: Buffer, filename: string) {
    const { site, orgPath } = await this.people.placement(ctx, siteId, null);
    const table = await readTable(bytes, filename);
    const fields = mapRosterHeaders(table.headers);
    if (!fields.includes('name')) {
      throw new AppError('validation_failed', undefined, [{
        path: 'file', message: PEOPLE_TEXTS.no_name_column,
      }]);
    }
    const defaultKind: PersonKind = defaultKindAt(site.siteType as SiteType);
    const rows: AnalysedRow[] = table.rows.map(({ row, cells }) => {
      const values: Partial<Record<RosterField, string | null>> = {};
      fields.forEach((f, i) => {
        if (f) values[f] = cells[i] ?? null;
      });
      const errors: FieldIssue[] = [];
      const fail = (field: RosterField, key: string) => errors.push({ path: `row ${row}.${field}`, message: keyed(key, ctx.locale) });
      const pick = <T>(field: RosterField, table: Readonly<Record<string, T>>, key: string): T | undefined => {
        const v = values[field];
        if (!v) return undefined;
        const w = word(table, v);
        if (w === undefined) fail(field, key);
        return w;
      };
      const date = (field: RosterField): string | undefined => {
        const v = values[field];
        if (!v) return undefined;
        const d = readDate(v);
        if (!d) fail(field, 'date.unreadable');
        return d;
      };
      const kind = pick('kind', KIND_WORDS, 'kind.unknown') ?? defaultKind;
      if (values.kind && !kindAllowedAt(kind, site.siteType as SiteType)) fail('kind', 'kind.not_at_site');
      const candidate = {
        siteId: site.id,
        name: values.name ?? '',
        kind,
        sex: pick('sex', SEX_WORDS, 'sex.unknown'),
        birthDate: date('birthDate'),
        idNumber: values.idNumber ?? undefined,
        // A rescue-station client may come without papers; anyone else needs a number.
        idUnknown: !values.idNumber && kind === 'client' ? true : undefined,
        phone: values.phone ?? undefined,
        post: values.post ?? undefined,
        room: values.room ?? undefined,
        bed: values.bed ?? undefined,
        status: pick('status', STATUS_WORDS, 'status.unknown') ?? 'present',
        joinedOn: date('joinedOn'),
        emergencyContactName: values.emergencyContactName ?? undefined,
        emergencyContactPhone: values.emergencyContactPhone ?? undefined,
        notes: values.notes ?? undefined,
      };
      const parsed = CreatePerson.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'name');
          errors.push({ path: `row ${row}.${field === 'idUnknown' ? 'idNumber' : field}`, message: localizeIssue(issue, ctx.locale) });
        }
      }
      return { row, values, input: errors.length === 0 && parsed.success ? parsed.data : undefined, errors };
    });

    // The same number twice in the file, or already active in the registry.
    const hashes = new Map<string, AnalysedRow>();
    for (const r of rows) {
      if (!r.input?.idNumber) continue;
      const h = this.people.keyring.hash(r.input.idNumber);
      if (hashes.has(h)) {
        r.errors.push({ path: `row ${r.row}.idNumber`, message: keyed('id_number.duplicate_in_file', ctx.locale) });
        r.input = undefined;
      } else hashes.set(h, r);
    }
    // Numbers registered outside the caller's jurisdiction get the neutral reason, within the
    // account's budget; a file holding more than is left is refused whole (checkIds).
    const refusals = await this.people.checkIds(ctx, { name: site.name, path: orgPath, via: 'import', field: 'file' }, [...hashes.keys()]);
    for (const [hash, err] of refusals) {
      const r = hashes.get(hash);
      if (!r) continue;
      r.errors.push({ path: `row ${r.row}.idNumber`, message: err.detail?.[ctx.locale] ?? err.message });
      r.input = undefined;
    }
    return { site, orgPath, table, fields, rows };
  }

  async preview(ctx: RequestContext, siteId: string, bytes: Buffer, filename: string): Promise<RosterPreview> {
    const { table, fields, rows } = await this.analyse(ctx, siteId, bytes, filename);
    const valid = rows.filter((r) => r.errors.length === 0).length;
    let shownValid = 0;
    return {
      columns: table.headers.map((header, i) => ({ header, field: fields[i] ?? null })),
      rows: rows
        .filter((r) => r.errors.length > 0 || shownValid++ < PREVIEW_VALID_ROWS)
        .map((r) => ({ row: r.row, values: maskedValues(r.values), errors: r.errors })),
      total: rows.length,
      valid,
      invalid: rows.length - valid,
    };
  }

  /** All valid rows in one transaction; with `onlyValid` false, any bad row refuses the whole file. */
  async commit(ctx: RequestContext, siteId: string, bytes: Buffer, filename: string, onlyValid: boolean): Promise<RosterCommitResult> {
    const caller = callerOf(ctx);
    const { site, orgPath, rows } = await this.analyse(ctx, siteId, bytes, filename);
    const good = rows.filter((r): r is AnalysedRow & { input: CreatePersonParsed } => r.errors.length === 0 && !!r.input);
    const bad = rows.length - good.length;
    if (bad > 0 && !onlyValid) {
      throw new AppError('validation_failed', PEOPLE_TEXTS.rows_refused(bad), inCallersLanguage(rows.flatMap((r) => r.errors).slice(0, 200)));
    }
    if (good.length === 0) {
      throw new AppError('validation_failed', PEOPLE_TEXTS.no_valid_rows);
    }
    const today = this.people.today();
    try {
      await this.db.transaction(async (tx) => {
        const inserted = await repo.insertPeople(tx, good.map(({ input }) => {
          const cols = personColumns(this.people.keyring, input, today);
          return { ...cols, name: input.name, nameInitials: cols.nameInitials ?? '', kind: input.kind, siteId: site.id, gridNodeId: null, orgPath, createdBy: caller.userId };
        }));
        await repo.insertMoves(tx, inserted.map((personId) => ({ personId, fromSiteId: null, toSiteId: site.id, byUser: caller.userId, reason: 'roster import' })));
        await audit(tx, ctx, {
          action: 'person.import', outcome: 'ok', targetType: 'site', targetId: site.id, nodePath: orgPath,
          detail: { imported: inserted.length, skipped: bad, filename: filename.slice(0, 200) },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'people_active_id_uq')) {
        throw new AppError('conflict', PEOPLE_TEXTS.id_taken_meanwhile);
      }
      throw err;
    }
    return { imported: good.length, skipped: bad };
  }

  template(): Promise<Buffer> {
    return writeWorkbook('人员名单', [...ROSTER_TEMPLATE_HEADERS], []);
  }

  /** The list with its filters as a workbook; masked unless a revealing role asked for the numbers. */
  async export(ctx: RequestContext, q: Omit<PeopleQuery, 'limit' | 'offset'>, reveal: boolean): Promise<{ bytes: Buffer; rows: number }> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'people.read');
    if (reveal && scopePaths(caller.grants, 'people.reveal').length === 0) {
      await audit(this.db, ctx, { action: 'person.export', outcome: 'denied', detail: { reveal } });
      throw new AppError('forbidden');
    }
    const L = EXPORT_LABELS[ctx.locale];
    const out: (string | null)[][] = [];
    let revealed = 0;
    for await (const r of repo.allPeople(this.db, this.people.scope(caller), q)) {
      const p = this.people.toPerson(r);
      const show = reveal && allows(caller.grants, 'people.reveal', r.orgPath);
      if (show) revealed++;
      const open = (v: string | null) => (v ? this.people.keyring.open(v) : null);
      out.push([
        p.siteName, p.name, p.sex ? L.sex[p.sex] : null, p.birthDate,
        show ? open(r.idEnc) : (p.idNumber ?? (p.idUnknown ? L.unknownId : null)),
        show ? open(r.phoneEnc) : p.phone,
        L.kind[p.kind], p.post, p.room, p.bed, L.status[p.status], p.joinedOn, p.leftOn,
        p.emergencyContactName, show ? open(r.emergencyPhoneEnc) : p.emergencyContactPhone, p.notes,
      ]);
    }
    await audit(this.db, ctx, { action: 'person.export', outcome: 'ok', detail: { rows: out.length, revealed, filters: { ...q } } });
    return { bytes: await writeWorkbook(ctx.locale === 'zh-CN' ? '人员名单' : 'People', [...L.headers], out), rows: out.length };
  }
}

const EXPORT_LABELS = {
  'zh-CN': {
    headers: ['机构', '姓名', '性别', '出生日期', '身份证号', '手机号', '类别', '岗位', '房间', '床位', '状态', '入住/入职日期', '离开日期', '紧急联系人', '紧急联系电话', '备注'],
    sex: { male: '男', female: '女' },
    kind: { resident: '住养老人', child: '儿童', client: '受助人员', staff: '工作人员', community_resident: '社区居民' },
    status: { present: '在院', on_leave: '请假外出', left: '已离开' },
    unknownId: '身份不明',
  },
  en: {
    headers: ['Site', 'Name', 'Sex', 'Birth date', 'ID number', 'Phone', 'Kind', 'Post', 'Room', 'Bed', 'Status', 'Joined on', 'Left on', 'Emergency contact', 'Emergency phone', 'Notes'],
    sex: { male: 'Male', female: 'Female' },
    kind: { resident: 'Resident', child: 'Child', client: 'Client', staff: 'Staff', community_resident: 'Community resident' },
    status: { present: 'Present', on_leave: 'On leave', left: 'Left' },
    unknownId: 'identity unknown',
  },
} as const;
