import {
  CreateRiskArea, FIELD_MESSAGES, RISK_IMPORT_FIELDS, RISK_IMPORT_TEMPLATE_HEADERS, mapRiskHeaders, readRiskLevel, riskAreaStatus,
  type FieldIssue, type Locale, type RiskAreaStatus, type RiskImportField, type RiskImportPreview, type RiskImportResult, type RiskImportRow,
  type RiskLevel,
} from '@fangkong/domain';
import { orgNodes } from '../db/schema.js';
import type { RequestContext } from '../core/context.js';
import { callerOf } from '../core/context.js';
import { AppError, inCallersLanguage } from '../core/errors.js';
import { localizeIssue } from '../http/validation.js';
import { audit } from '../audit/service.js';
import { atRoot, inScope, requireSomewhere } from '../auth/scope.js';
import { readDate } from '../people/roster.js';
import { readTable, writeWorkbook } from '../files/spreadsheet.js';
import { AreaService } from '../core/service-base.js';
import * as repo from './repository.js';
import { ORG_TEXTS } from './texts.js';

/** A row ready to be written: what the single add takes, and where it lies. */
interface Ready {
  regionName: string;
  level: RiskLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
  nodeId: string | null;
  nodePath: string | null;
}

interface AnalysedRow extends RiskImportRow {
  ready?: Ready;
}

function keyed(key: string, locale: Locale): string {
  return FIELD_MESSAGES[key]?.[locale] ?? key;
}

/**
 * The bureau's list of risk areas from a spreadsheet (地区, 风险等级, 起始日期, 结束日期, 备注), sent
 * whole for a preview and again for the commit, as a site's roster is. A region that names a
 * place of ours is tied to it (its sites then inherit the level); any other is an area elsewhere.
 * A row whose region already has an area of the same level in force is not written twice.
 */
export class RiskImportService extends AreaService {
  template(): Promise<Buffer> {
    return writeWorkbook('风险地区', [...RISK_IMPORT_TEMPLATE_HEADERS], []);
  }

  private async analyse(ctx: RequestContext, bytes: Buffer, filename: string) {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'risk.manage');
    const table = await readTable(bytes, filename, { what: ORG_TEXTS.risk_areas });
    const fields = mapRiskHeaders(table.headers);
    if (!fields.includes('regionName') || !fields.includes('level')) {
      throw new AppError('validation_failed', undefined, [{ path: 'file', message: ORG_TEXTS.no_region_column }]);
    }
    const bureau = atRoot(caller, 'risk.manage');
    const rows: AnalysedRow[] = table.rows.map(({ row, cells }) => {
      const values: Partial<Record<RiskImportField, string | null>> = {};
      fields.forEach((f, i) => {
        if (f) values[f] = cells[i] ?? null;
      });
      const errors: FieldIssue[] = [];
      const fail = (field: RiskImportField, key: string) => errors.push({ path: `row ${row}.${field}`, message: keyed(key, ctx.locale) });
      const date = (field: RiskImportField): string | undefined => {
        const v = values[field];
        if (!v) return undefined;
        const d = readDate(v);
        if (!d) fail(field, 'date.unreadable');
        return d;
      };
      if (!values.regionName) fail('regionName', 'risk.region_required');
      const level = values.level ? readRiskLevel(values.level) : undefined;
      if (!level) fail('level', 'risk.level_unknown');
      if (!values.effectiveFrom) fail('effectiveFrom', 'risk.from_required');
      const candidate = {
        regionName: values.regionName ?? '', level, effectiveFrom: date('effectiveFrom'), effectiveTo: date('effectiveTo') ?? null, note: values.note ?? undefined,
      };
      let ready: Ready | undefined;
      if (errors.length === 0) {
        // The same checks as a single add (length, characters, the end not before the start).
        const parsed = CreateRiskArea.safeParse(candidate);
        if (parsed.success) {
          const v = parsed.data;
          ready = { regionName: v.regionName, level: v.level, effectiveFrom: v.effectiveFrom, effectiveTo: v.effectiveTo ?? null, note: v.note ?? null, nodeId: null, nodePath: null };
        } else {
          for (const issue of parsed.error.issues) errors.push({ path: `row ${row}.${String(issue.path[0] ?? 'regionName')}`, message: localizeIssue(issue, ctx.locale) });
        }
      }
      return { row, values: { ...values }, nodeId: null, nodeName: null, action: 'skip', errors, ready };
    });

    const names = [...new Set(rows.flatMap((r) => (r.ready ? [r.ready.regionName] : [])))];
    const [nodes, current] = await Promise.all([
      repo.nodesNamed(this.db, inScope(caller, 'risk.manage', orgNodes.path), names),
      repo.currentAreasNamed(this.db, this.org.riskAreasVisible(caller), names, this.today()),
    ]);
    const today = this.today();
    const seen = new Set<string>();
    for (const r of rows) {
      const ready = r.ready;
      if (!ready) continue;
      const problem = (field: RiskImportField, key: string) => {
        r.errors.push({ path: `row ${r.row}.${field}`, message: keyed(key, ctx.locale) });
        r.ready = undefined;
      };
      const places = nodes.filter((n) => n.name === ready.regionName);
      const [place] = places;
      if (places.length > 1) problem('regionName', 'risk.region_ambiguous');
      else if (place) Object.assign(ready, { nodeId: place.id, nodePath: place.path });
      else if (!bureau) problem('regionName', 'risk.elsewhere_bureau_only');
      const key = `${ready.regionName}|${ready.level}|${ready.effectiveFrom}|${ready.effectiveTo ?? ''}`;
      if (r.ready && seen.has(key)) problem('regionName', 'risk.duplicate_in_file');
      seen.add(key);
      if (!r.ready) continue;
      r.nodeId = ready.nodeId;
      r.nodeName = place?.name ?? null;
      // An area of this region and level in force today is not repeated by a row in force today too.
      const status: RiskAreaStatus = riskAreaStatus(ready, today);
      const twin = status === 'current' && current.some((a) => a.regionName === ready.regionName && a.level === ready.level && a.nodeId === ready.nodeId);
      r.action = twin ? 'existing' : 'create';
    }
    return { table, fields, rows };
  }

  async preview(ctx: RequestContext, bytes: Buffer, filename: string): Promise<RiskImportPreview> {
    const { table, fields, rows } = await this.analyse(ctx, bytes, filename);
    const valid = rows.filter((r) => r.errors.length === 0).length;
    return {
      columns: table.headers.map((header, i) => ({ header, field: fields[i] ?? null })),
      rows: rows.map(({ ready: _ready, values, ...r }) => ({ ...r, values: Object.fromEntries(RISK_IMPORT_FIELDS.map((f) => [f, values[f] ?? null])) })),
      total: rows.length,
      valid,
      invalid: rows.length - valid,
      existing: rows.filter((r) => r.action === 'existing').length,
    };
  }

  /** The new areas in one transaction; with `onlyValid` false, any bad row refuses the whole file. */
  async commit(ctx: RequestContext, bytes: Buffer, filename: string, onlyValid: boolean): Promise<RiskImportResult> {
    const caller = callerOf(ctx);
    const { rows } = await this.analyse(ctx, bytes, filename);
    const bad = rows.filter((r) => r.errors.length > 0).length;
    if (bad > 0 && !onlyValid) {
      throw new AppError('validation_failed', ORG_TEXTS.rows_refused(bad), inCallersLanguage(rows.flatMap((r) => r.errors).slice(0, 200)));
    }
    const fresh = rows.flatMap((r) => (r.ready && r.action === 'create' ? [r.ready] : []));
    const existing = rows.filter((r) => r.action === 'existing').length;
    if (fresh.length === 0 && existing === 0) throw new AppError('validation_failed', ORG_TEXTS.no_valid_rows);
    const imported = await this.db.transaction(async (tx) => {
      const n = await repo.insertRiskAreas(tx, fresh.map((a) => ({ ...a, createdBy: caller.userId })));
      await audit(tx, ctx, {
        action: 'risk.import', outcome: 'ok', targetType: 'risk_area',
        detail: { imported: n, existing, skipped: bad, filename: filename.slice(0, 200) },
      });
      return n;
    });
    return { imported, existing, skipped: bad };
  }

  /** The list with its filters as a workbook, in the caller's language. */
  async export(ctx: RequestContext, f: repo.RiskAreaFilter): Promise<Buffer> {
    const L = EXPORT_LABELS[ctx.locale];
    const areas = await this.org.listRiskAreas(ctx, f);
    return writeWorkbook(L.sheet, [...L.headers], areas.map((a) => [a.regionName, L.level[a.level], a.effectiveFrom, a.effectiveTo, L.status[a.status], a.note]));
  }
}

const EXPORT_LABELS = {
  'zh-CN': {
    sheet: '风险地区',
    headers: ['地区', '风险等级', '起始日期', '结束日期', '状态', '备注'],
    level: { high: '高风险', medium: '中风险', low: '低风险' },
    status: { current: '生效中', upcoming: '未开始', ended: '已结束' },
  },
  en: {
    sheet: 'Risk areas',
    headers: ['Region', 'Level', 'From', 'To', 'Status', 'Note'],
    level: { high: 'High', medium: 'Medium', low: 'Low' },
    status: { current: 'Current', upcoming: 'Upcoming', ended: 'Ended' },
  },
} as const;
