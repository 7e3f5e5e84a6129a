import {
  MOURNER_REFUSAL_TEXTS, eventState, localMinute, maskPhone, screenMourner,
  type HelperMournerRegistration, type Mourner, type MournerAnswer, type MournerList, type MournerRefusal,
  type MournerRegistration, type MournerSymptom, type PublicEvent, type PublicMournerAnswer, type RegisterLink,
  type TraceAnswer, type TraceQuery,
} from '@fangkong/domain';
import type { z } from 'zod';
import { AreaService } from '../core/service-base.js';
import type { Job } from '../core/area.js';
import type { Deps } from '../core/deps.js';
import { callerOf, systemContext, type RequestContext } from '../core/context.js';
import { AppError, conflict, invalidField, notFound, type FieldProblem } from '../core/errors.js';
import { newLinkToken } from '../core/link-token.js';
import { authorize, inScope, requireSomewhere } from '../auth/scope.js';
import type { Caller } from '../auth/caller.js';
import { audit } from '../audit/service.js';
import { mourners, mourningEvents } from '../db/schema.js';
import { underTryLock, type Executor } from '../db/tx.js';
import type { Keyring } from '../pii/keyring.js';
import { writeWorkbook } from '../files/spreadsheet.js';
import * as repo from './register-repository.js';
import { REFUSAL_ACTION } from './events-repository.js';
import type { EventsService } from './events-service.js';
import { REGISTER_TEXTS } from './texts.js';

type Registration = z.output<typeof MournerRegistration>;
type HelperRegistration = z.output<typeof HelperMournerRegistration>;

/** Any fixed number (the visits' purge holds another): with several instances, one purges at a time. */
const PURGE_LOCK = 727_022;

/** The field of the form a mourner's refusal is about; the others are about the event (409). */
const REFUSAL_FIELD: Partial<Record<MournerRefusal, string>> = { symptoms: 'body.symptoms', fever_measured: 'body.temperature' };

/** The error a refused mourner gets: the plan's words, on the field they are about. */
function refusalError(refusals: MournerRefusal[]): AppError {
  const fields: FieldProblem[] = refusals.flatMap((r) => {
    const path = REFUSAL_FIELD[r];
    return path ? [{ path, message: MOURNER_REFUSAL_TEXTS[r] }] : [];
  });
  const [first] = fields;
  if (first) return new AppError('validation_failed', first.message, fields);
  return conflict(MOURNER_REFUSAL_TEXTS[refusals[0] ?? 'event_over']);
}

/** A mourner to admit, as both the public page and the family's helper give one. */
interface Arrival {
  name: string;
  phone?: string | undefined;
  symptoms: MournerSymptom[];
  temperature?: number | undefined;
  source: 'qr' | 'helper';
  registeredBy: string | null;
}

/** The mourners' registers (R9.2): the public page, the family's helper, the lists, tracing, retention. */
export class RegisterService extends AreaService {
  private readonly keyring: Keyring;

  constructor(deps: Deps, private readonly events: EventsService) {
    super(deps);
    this.keyring = deps.keyring;
  }

  private async funeralPolicy() {
    return (await this.policy.inForce('funeral', this.today())).body;
  }

  private scope(caller: Caller) {
    return inScope(caller, 'funeral.read', mourningEvents.orgPath);
  }

  /** An event the caller sees (else 404), on which their role may do `permission` (else 403). */
  private async eventFor(ctx: RequestContext, id: string, permission: 'funeral.read' | 'funeral.write'): Promise<repo.EventWithNames> {
    const caller = callerOf(ctx);
    const event = await repo.findEvent(this.db, this.scope(caller), id);
    if (!event) throw notFound();
    authorize(caller, permission, event.orgPath);
    return event;
  }

  private open(sealed: string | null): string | null {
    return sealed === null ? null : this.keyring.open(sealed);
  }

  toMourner(r: repo.MournerRow): Mourner {
    const phone = this.open(r.phoneEnc);
    return {
      id: r.id, eventId: r.eventId, name: r.name, phone: phone === null ? null : maskPhone(phone),
      symptoms: r.symptoms as MournerSymptom[], temperature: r.tempTenths === null ? null : r.tempTenths / 10,
      source: r.source as 'qr' | 'helper', registeredAt: r.registeredAt.toISOString(), registeredByName: r.registeredByName,
    };
  }

  /**
   * Admits a mourner if the plan allows (screenMourner decides), under the event's row lock so that
   * the count against the cap holds when many register at once. A refusal writes nothing but its
   * audit entry (no personal data in it) and is thrown after the transaction. Answers the new
   * mourner's id and the count with them.
   */
  private async admit(ctx: RequestContext, which: (tx: Executor) => Promise<repo.EventRow | undefined>, m: Arrival) {
    // Read before the transaction: the embedded engine has one connection, which the transaction holds.
    const bands = (await this.funeralPolicy()).monitoring.feverBands;
    const outcome = await this.db.transaction(async (tx) => {
      const event = await which(tx);
      if (!event) return { kind: 'missing' as const };
      const registered = await repo.attendeeCount(tx, event.id);
      const refusals = screenMourner({ symptoms: m.symptoms, temperature: m.temperature },
        { registered, cap: event.attendeeCap, state: eventState(event, this.clock.now()), bands });
      if (refusals.length > 0) {
        await audit(tx, ctx, {
          action: REFUSAL_ACTION, outcome: 'denied', targetType: 'mourning_event', targetId: event.id, nodePath: event.orgPath,
          detail: { source: m.source, reasons: refusals } });
        return { kind: 'refused' as const, refusals };
      }
      const id = await repo.insertMourner(tx, {
        eventId: event.id, orgPath: event.orgPath, name: m.name,
        phoneEnc: m.phone ? this.keyring.seal(m.phone) : null, phoneLast4: m.phone ? m.phone.slice(-4) : null,
        phoneHash: m.phone ? this.keyring.hash(m.phone) : null,
        symptoms: m.symptoms, tempTenths: m.temperature === undefined ? null : Math.round(m.temperature * 10),
        source: m.source, registeredAt: this.clock.now(), registeredBy: m.registeredBy });
      await audit(tx, ctx, {
        action: 'mourner.register', outcome: 'ok', targetType: 'mourning_event', targetId: event.id, nodePath: event.orgPath,
        detail: { source: m.source, mourner: id } });
      return { kind: 'admitted' as const, id, attendees: registered + 1, cap: event.attendeeCap };
    });
    if (outcome.kind === 'missing') throw notFound();
    if (outcome.kind === 'refused') throw refusalError(outcome.refusals);
    return outcome;
  }

  // The public page (the poster's QR code)

  private async eventOfToken(token: string): Promise<repo.EventWithNames> {
    const event = await repo.eventByToken(this.db, token);
    if (!event) throw new AppError('not_found', REGISTER_TEXTS.link_not_valid);
    return event;
  }

  async publicEvent(token: string): Promise<PublicEvent> {
    const event = await this.eventOfToken(token);
    const retentionDays = (await this.funeralPolicy()).screening.retentionDays;
    return {
      siteName: event.siteName, hallName: event.hallName, deceasedName: event.deceasedName,
      startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString(), state: eventState(event, this.clock.now()),
      attendees: await repo.attendeeCount(this.db, event.id), cap: event.attendeeCap, retentionDays,
    };
  }

  async publicRegister(ctx: RequestContext, token: string, input: Registration): Promise<PublicMournerAnswer> {
    const event = await this.eventOfToken(token);
    const admitted = await this.admit(ctx, (tx) => repo.lockEvent(tx, event.id, repo.withToken(token)),
      { name: input.name, phone: input.phone, symptoms: input.symptoms, source: 'qr', registeredBy: null })
      .catch((err: unknown) => {
        // The link was rotated between the look-up and the lock: as if it had been before.
        throw err instanceof AppError && err.code === 'not_found' ? new AppError('not_found', REGISTER_TEXTS.link_not_valid) : err;
      });
    return { name: input.name, eventName: REGISTER_TEXTS.event_name(event.deceasedName)[ctx.locale], attendees: admitted.attendees, cap: admitted.cap };
  }

  // The site's side

  async link(ctx: RequestContext, id: string): Promise<RegisterLink> {
    const event = await this.eventFor(ctx, id, 'funeral.read');
    return linkOf(event.registerToken);
  }

  /** A new token: the posters printed so far stop working (a photo of the code went round, say). */
  async rotate(ctx: RequestContext, id: string): Promise<RegisterLink> {
    const event = await this.eventFor(ctx, id, 'funeral.write');
    const token = newLinkToken();
    await this.db.transaction(async (tx) => {
      await repo.setToken(tx, event.id, token);
      await audit(tx, ctx, { action: 'mourner.link_rotate', outcome: 'ok', targetType: 'mourning_event', targetId: event.id, nodePath: event.orgPath });
    });
    return linkOf(token);
  }

  /** Registered by the family's helper at the door: a mourner without a phone, a temperature taken there. */
  async helperRegister(ctx: RequestContext, id: string, input: HelperRegistration): Promise<MournerAnswer> {
    const caller = callerOf(ctx);
    const event = await this.eventFor(ctx, id, 'funeral.write');
    const admitted = await this.admit(ctx, (tx) => repo.lockEvent(tx, event.id, this.scope(caller)), {
      name: input.name, phone: input.phone, symptoms: input.symptoms, temperature: input.temperature, source: 'helper', registeredBy: caller.userId });
    const [row] = await repo.mournersOf(this.db, event.id, admitted.id);
    if (!row) throw notFound();
    return { mourner: this.toMourner(row), attendees: admitted.attendees, cap: admitted.cap };
  }

  /** An event's register, phones masked; a read of people, audited. */
  async list(ctx: RequestContext, id: string): Promise<MournerList> {
    const event = await this.eventFor(ctx, id, 'funeral.read');
    const rows = await repo.mournersOf(this.db, event.id);
    await audit(this.db, ctx, {
      action: 'mourner.list', outcome: 'ok', targetType: 'mourning_event', targetId: event.id, nodePath: event.orgPath, detail: { shown: rows.length } });
    return { mourners: rows.map((r) => this.toMourner(r)), attendees: rows.length, cap: event.attendeeCap };
  }

  /** The register as a workbook (masked), audited. */
  async export(ctx: RequestContext, id: string): Promise<Buffer> {
    const event = await this.eventFor(ctx, id, 'funeral.read');
    const rows = await repo.mournersOf(this.db, event.id);
    const locale = ctx.locale;
    const list = rows.map((r) => {
      const m = this.toMourner(r);
      return [m.name, m.phone, m.symptoms.map((s) => REGISTER_TEXTS[`symptom_${s}`][locale]).join(' '), m.temperature,
        REGISTER_TEXTS[`source_${m.source}`][locale], localMinute(r.registeredAt, this.timeZone), m.registeredByName];
    });
    await audit(this.db, ctx, {
      action: 'mourner.export', outcome: 'ok', targetType: 'mourning_event', targetId: event.id, nodePath: event.orgPath, detail: { rows: list.length } });
    return writeWorkbook(REGISTER_TEXTS.sheet[locale], EXPORT_HEADERS[locale], list);
  }

  /**
   * Tracing: the mourners whose phone has this hash, at events overlapping [from, to], in the
   * caller's scope. Audited as tracing, never with the phone.
   */
  async trace(ctx: RequestContext, q: z.output<typeof TraceQuery>): Promise<TraceAnswer> {
    const caller = callerOf(ctx);
    requireSomewhere(caller, 'funeral.read');
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to.getTime() < from.getTime()) throw invalidField('query.to', REGISTER_TEXTS.window_reversed);
    const rows = await repo.trace(this.db, inScope(caller, 'funeral.read', mourners.orgPath), this.keyring.hash(q.phone), from, to);
    const events = new Map((await this.events.eventsByIds(this.scope(caller), [...new Set(rows.map((r) => r.eventId))])).map((e) => [e.id, e]));
    const hits = rows.flatMap((r) => {
      const event = events.get(r.eventId);
      return event ? [{ mourner: this.toMourner(r), event }] : [];
    });
    await audit(this.db, ctx, {
      action: 'mourner.trace', outcome: 'ok', nodePath: caller.grants[0]?.nodePath ?? null,
      detail: { tracing: true, hits: hits.length, from: from.toISOString(), to: to.toISOString() } });
    return { hits };
  }

  // Retention

  /**
   * Deletes the registers of events that ended more than the policy's retention ago (PIPL: kept as
   * long as tracing needs, no longer), audited with counts only. Undefined when another instance
   * is purging.
   */
  async purgeExpired(): Promise<{ deleted: number; events: number } | undefined> {
    const days = (await this.funeralPolicy()).screening.retentionDays;
    const cutoff = new Date(this.clock.now().getTime() - days * 86_400_000);
    return underTryLock(this.db, PURGE_LOCK, async (tx) => {
      const purged = await repo.purgeEndedBefore(tx, cutoff);
      if (purged.deleted > 0) {
        await audit(tx, systemContext('purge-job'), {
          action: 'mourner.purge', outcome: 'ok', actor: { id: null, name: 'system' },
          detail: { ...purged, retentionDays: days, before: cutoff.toISOString() } });
      }
      return purged;
    });
  }

  /** The area's scheduled work of this part. */
  jobs(): Job[] {
    return [{
      // Shortly after start (after the visits' purge) and every six hours.
      name: 'mourners register retention purge',
      everyMs: 6 * 3_600_000,
      firstAfterMs: 7_000,
      run: async (log) => {
        const purged = await this.purgeExpired();
        if (purged?.deleted) log.info({ purged }, 'mourners register retention purge done');
        return purged;
      },
    }];
  }
}

function linkOf(token: string): RegisterLink {
  return { token, url: `/m/${token}` };
}

const EXPORT_HEADERS: Readonly<Record<'zh-CN' | 'en', string[]>> = {
  'zh-CN': ['姓名', '手机号', '症状', '体温', '登记方式', '登记时间', '登记人'],
  en: ['Name', 'Phone', 'Symptoms', 'Temperature', 'Registered through', 'Registered at', 'Registered by'],
};
