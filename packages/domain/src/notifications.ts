import { z } from 'zod';
import { Uuid } from './org.js';
import { Role, definePermissions } from './access.js';
import { INCIDENT_TYPES, type IncidentType, type Receiver } from './incidents.js';
import { defineTexts } from './texts.js';

/*
 * Who is told of what (§7, R2.4, R6.3): events raised by the rules, and the bureau's rules that
 * turn each event into messages on channels, per role and level of the jurisdiction tree.
 */

export const NOTIFICATIONS_PERMISSIONS = definePermissions({
  /** Say who is told of what in a jurisdiction (rules per role, level and channel); see and resend dead letters. */
  'notifications.manage': ['town_officer'],
});

export const NOTIFICATION_EVENTS = [
  /** An incident opened, by hand or promoted from an alert (R7.1). */
  'incident_opened',
  /** An escalation step past its deadline, told to the level above (R7.3). */
  'step_late',
  /** A fever alert at a site (R2.4). */
  'fever_alert',
  /** A site's report of a fever to the town office and the bureau (R2.4, R7.1). */
  'fever_reported',
  /** A positive nucleic-acid test (R4). */
  'positive_test',
  /** A supply item's cover fell below its floor (R6.2). */
  'supply_below_floor',
  /** Time to replenish a site's stock (R6.3). */
  'replenishment_due',
  /** An account stopped for running into too many ID numbers registered outside its jurisdiction (§15, PIPL). */
  'id_probe_stopped',
  /** A mourning hall in use today without the policy's disinfections by the policy's hour (R8.2). */
  'hall_disinfection_missed',
] as const;
export const NotificationEvent = z.enum(NOTIFICATION_EVENTS);

/** The events' names as the offices say them (test messages, e-mail subjects). */
export const NOTIFICATION_EVENT_ZH: Record<NotificationEvent, string> = {
  incident_opened: '事件上报', step_late: '上报超时', fever_alert: '发热预警', fever_reported: '发热上报', positive_test: '核酸阳性', supply_below_floor: '物资低于下限', replenishment_due: '物资补充提醒',
  id_probe_stopped: '身份证号核验暂停', hall_disinfection_missed: '厅室消毒不足',
};
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const CHANNELS = ['in_app', 'email', 'wecom', 'dingtalk', 'webhook'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Channels that reach the holders of a role (each user); the others reach one fixed address. */
export const PERSONAL_CHANNELS: readonly Channel[] = ['in_app', 'email'];

/**
 * A rule: an event at or under a node (the whole city when no node) is sent on a channel either to
 * every holder of `role` whose jurisdiction covers the site, or to a fixed `target` (a robot's
 * webhook address, an SMS gateway, a mailbox).
 */
export const NotificationRuleInput = z.strictObject({
  nodeId: Uuid.nullable().default(null),
  event: NotificationEvent,
  channel: Channel,
  role: Role.nullable().default(null),
  target: z.string().trim().max(500, 'at most 500 characters').nullable().default(null),
  /** Only incidents of these types (incident events); empty: all. */
  incidentTypes: z.array(z.enum(INCIDENT_TYPES)).max(INCIDENT_TYPES.length).default([]),
  enabled: z.boolean().default(true),
}).superRefine((r, ctx) => {
  const personal = PERSONAL_CHANNELS.includes(r.channel);
  if (r.channel === 'in_app' && !r.role) ctx.addIssue({ code: 'custom', path: ['role'], message: 'rule.role_for_in_app' });
  if (r.channel === 'in_app' && r.target) ctx.addIssue({ code: 'custom', path: ['target'], message: 'rule.no_address_for_in_app' });
  if (personal && r.channel === 'email' && !r.role && !r.target) ctx.addIssue({ code: 'custom', path: ['target'], message: 'rule.role_or_mailbox' });
  if (r.channel === 'email' && r.target && !z.email().safeParse(r.target).success) ctx.addIssue({ code: 'custom', path: ['target'], message: 'email.invalid' });
  if (!personal) {
    if (r.role) ctx.addIssue({ code: 'custom', path: ['role'], message: 'rule.no_role_for_address' });
    if (!r.target) ctx.addIssue({ code: 'custom', path: ['target'], message: 'field.required' });
    else if (!/^https?:\/\/[^\s]+$/i.test(r.target)) ctx.addIssue({ code: 'custom', path: ['target'], message: 'rule.http_address' });
  }
});
export type NotificationRuleInput = z.input<typeof NotificationRuleInput>;

export const NotificationRulePatch = z.strictObject({ enabled: z.boolean() });

export const NotificationRule = z.object({
  id: Uuid,
  nodeId: Uuid.nullable(),
  nodeName: z.string().nullable(),
  event: NotificationEvent,
  channel: Channel,
  role: Role.nullable(),
  /** Secrets in the address (a robot's key) are masked. */
  target: z.string().nullable(),
  incidentTypes: z.array(z.enum(INCIDENT_TYPES)),
  enabled: z.boolean(),
});
export type NotificationRule = z.infer<typeof NotificationRule>;

/** A webhook address with its query values and long path parts hidden: robots carry their secret key there. */
export function maskTarget(target: string): string {
  const m = /^(https?:\/\/[^/?#]+)([^?#]*)(\?[^#]*)?/i.exec(target);
  if (!m) {
    // A mailbox: keep the first letter and the domain.
    const at = target.indexOf('@');
    return at > 1 ? `${target[0]}***${target.slice(at)}` : target;
  }
  const path = (m[2] ?? '').split('/').map((part) => (part.length >= 20 ? `${part.slice(0, 4)}***` : part)).join('/');
  const query = (m[3] ?? '').replace(/([?&][^=&]+)=[^&]*/g, '$1=***');
  return `${m[1]}${path}${query}`;
}

/** What a message says, in both languages (robots and e-mails use Chinese; the bell the reader's). */
export interface MessageText {
  kind: NotificationEvent | 'test';
  title: string;
  text: string;
  titleEn: string;
  textEn: string;
  /** A path in the web app. */
  url?: string;
}

const TYPE_ZH: Record<IncidentType, string> = {
  fever_cluster: '聚集性发热', suspected_case: '疑似病例', confirmed_case: '确诊病例', close_contact: '密切接触者', death: '死亡', other: '其他',
};
const RECEIVER_ZH: Record<Receiver, string> = {
  town: '乡镇（街道）社会事务办', bureau: '市民政局', funeral_affairs_centre: '殡葬事务中心', health_department: '卫健部门', prefecture_bureau: '地级市民政局',
};

/** The receivers of a fever's report (monitoring's AlertReportReceiver), named here to keep this module below monitoring. */
type AlertReceiverName = 'site_manager' | 'town' | 'bureau' | 'health_department';
const ALERT_RECEIVER_ZH: Record<AlertReceiverName, string> = {
  site_manager: '机构负责人', town: RECEIVER_ZH.town, bureau: RECEIVER_ZH.bureau, health_department: RECEIVER_ZH.health_department,
};

/** The text of each event's message. Pure: the same event reads the same on every channel. */
export function messageFor(e:
  | { event: 'incident_opened'; incidentId: string; type: IncidentType; siteName: string; summary: string }
  | { event: 'step_late'; incidentId: string; type: IncidentType; siteName: string; receiver: Receiver; escalatedTo: Receiver | null; dueAt: string }
  | { event: 'fever_alert'; alertId: string; siteName: string; personName: string; temperature: number | null }
  | { event: 'fever_reported'; alertId: string; siteName: string; personName: string; temperature: number | null; by: string }
  | { event: 'report_late'; alertId: string; siteName: string; personName: string; receiver: AlertReceiverName; escalatedTo: Receiver | null; dueAt: string }
  | { event: 'positive_test'; alertId: string | null; siteName: string; personName: string }
  | { event: 'supply_below_floor'; siteId: string; siteName: string; items: { name: string; daysOfCover: number | null }[]; floorDays: number }
  | { event: 'replenishment_due'; siteId: string; siteName: string; lastReceiptOn: string | null }
  | { event: 'id_probe_stopped'; username: string; siteName: string; conflicts: number }
  | { event: 'hall_disinfection_missed'; siteId: string; siteName: string; hallName: string; done: number; required: number; byHour: number },
): MessageText {
  switch (e.event) {
    case 'incident_opened':
      return {
        kind: e.event, url: `/incidents/${e.incidentId}`,
        title: `【${TYPE_ZH[e.type]}】${e.siteName}`, text: `${e.siteName}报告${TYPE_ZH[e.type]}：${e.summary}。请按时限逐级上报。`,
        titleEn: `[${e.type.replace('_', ' ')}] ${e.siteName}`, textEn: `${e.siteName} reports a ${e.type.replace('_', ' ')}: ${e.summary}. Report up the chain on time.`,
      };
    case 'step_late':
      return {
        kind: e.event, url: `/incidents/${e.incidentId}`,
        title: `【上报超时】${e.siteName}`,
        text: `${e.siteName}的${TYPE_ZH[e.type]}事件向${RECEIVER_ZH[e.receiver]}的上报已超过时限（${e.dueAt}）${e.escalatedTo ? `，已提请${RECEIVER_ZH[e.escalatedTo]}督办` : ''}。`,
        titleEn: `[Late report] ${e.siteName}`,
        textEn: `The report of ${e.siteName}'s ${e.type.replace('_', ' ')} to ${e.receiver.replaceAll('_', ' ')} is past its deadline (${e.dueAt})${e.escalatedTo ? `; raised to ${e.escalatedTo.replaceAll('_', ' ')}` : ''}.`,
      };
    case 'fever_alert':
      return {
        kind: e.event, url: `/alerts/${e.alertId}`,
        title: `【发热预警】${e.siteName}`, text: `${e.personName}体温${e.temperature ?? '—'}℃，请按“四早”要求处置。`,
        titleEn: `[Fever] ${e.siteName}`, textEn: `${e.personName}: ${e.temperature ?? '—'} °C. Follow the four-earlies steps.`,
      };
    case 'fever_reported':
      return {
        kind: e.event, url: `/alerts/${e.alertId}`,
        title: `【发热上报】${e.siteName}`,
        text: `${e.siteName}上报：${e.personName}${e.temperature === null ? '出现症状' : `体温${e.temperature}℃`}，已按“四早”处置（上报人：${e.by}）。`,
        titleEn: `[Fever report] ${e.siteName}`,
        textEn: `${e.siteName} reports ${e.personName}${e.temperature === null ? ' with symptoms' : ` at ${e.temperature} °C`}, handled under the four earlies (reported by ${e.by}).`,
      };
    case 'report_late':
      // Told through the step_late rules: a late fever report is flagged like a late incident step (R7.3).
      return {
        kind: 'step_late', url: `/alerts/${e.alertId}`,
        title: `【上报超时】${e.siteName}`,
        text: `${e.siteName}${e.personName}的发热预警向${ALERT_RECEIVER_ZH[e.receiver]}的报告已超过时限（${e.dueAt}）${e.escalatedTo ? `，已提请${RECEIVER_ZH[e.escalatedTo]}督办` : ''}。`,
        titleEn: `[Late report] ${e.siteName}`,
        textEn: `The report of ${e.personName}'s fever at ${e.siteName} to the ${e.receiver.replaceAll('_', ' ')} is past its deadline (${e.dueAt})${e.escalatedTo ? `; raised to ${e.escalatedTo.replaceAll('_', ' ')}` : ''}.`,
      };
    case 'positive_test':
      return {
        kind: e.event, ...(e.alertId ? { url: `/alerts/${e.alertId}` } : {}),
        title: `【核酸阳性】${e.siteName}`, text: `${e.personName}核酸检测结果为阳性，请立即隔离并上报。`,
        titleEn: `[Positive test] ${e.siteName}`, textEn: `${e.personName} tested positive. Isolate and report now.`,
      };
    case 'supply_below_floor':
      return {
        kind: e.event, url: `/supplies?siteId=${e.siteId}`,
        title: `【物资低于下限】${e.siteName}`,
        text: `${e.items.map((i) => `${i.name}仅够${i.daysOfCover ?? 0}天`).join('，')}，低于${e.floorDays}天储备下限，请及时补充。`,
        titleEn: `[Stock below floor] ${e.siteName}`,
        textEn: `${e.items.map((i) => `${i.name}: ${i.daysOfCover ?? 0} days`).join('; ')}; below the ${e.floorDays}-day floor.`,
      };
    case 'replenishment_due':
      return {
        kind: e.event, url: `/supplies?siteId=${e.siteId}`,
        title: `【物资补充提醒】${e.siteName}`, text: `距上次入库${e.lastReceiptOn ? `（${e.lastReceiptOn}）` : ''}已到补充周期，请盘点并补充防护物资。`,
        titleEn: `[Replenish] ${e.siteName}`, textEn: `Time to replenish protective supplies${e.lastReceiptOn ? ` (last receipt ${e.lastReceiptOn})` : ''}.`,
      };
    case 'id_probe_stopped':
      return {
        kind: e.event, url: '/audit',
        title: `【身份证号核验暂停】${e.username}`,
        text: `账号 ${e.username}（${e.siteName}）近期 ${e.conflicts} 次提交了在其管辖范围外登记在册的身份证号，已暂停其身份证号登记与导入核验。请查看审计日志并核实。`,
        titleEn: `[ID checks stopped] ${e.username}`,
        textEn: `Account ${e.username} (${e.siteName}) recently submitted ${e.conflicts} ID numbers registered outside its jurisdiction; its ID registrations and import checks are paused. Check the audit log.`,
      };
    case 'hall_disinfection_missed':
      return {
        kind: e.event, url: `/funeral?siteId=${e.siteId}`,
        title: `【厅室消毒不足】${e.siteName}`,
        text: `${e.hallName}今日有治丧活动，截至${e.byHour}时仅消毒${e.done}次，应至少${e.required}次，请立即消毒并登记。`,
        titleEn: `[Hall disinfection missed] ${e.siteName}`,
        textEn: `${e.hallName} is in use today and was disinfected ${e.done} time(s) by ${e.byHour}:00; at least ${e.required} are required. Disinfect it now and record it.`,
      };
  }
}

// Answers

export const UserNotification = z.object({
  id: Uuid,
  kind: z.string(),
  title: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type UserNotification = z.infer<typeof UserNotification>;

export const NotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const OutboxMessage = z.object({
  id: Uuid,
  channel: Channel,
  /** Masked. */
  target: z.string(),
  kind: z.string().nullable(),
  title: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxSummary = z.object({ pending: z.number().int(), delivered: z.number().int(), dead: z.number().int() });
export type OutboxSummary = z.infer<typeof OutboxSummary>;

// Attachments of incidents

/** What an incident's documents may be: checked by the file's first bytes, not its name. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The type a file's content shows, or null when it is none of the accepted ones. */
export function sniffAttachment(bytes: Uint8Array): AttachmentType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

export const IncidentAttachment = z.object({
  id: Uuid,
  fileName: z.string(),
  contentType: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type IncidentAttachment = z.infer<typeof IncidentAttachment>;

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const NOTIFICATIONS_FIELD_TEXTS = defineTexts({
  'rule.role_for_in_app': { 'zh-CN': '站内消息须选择接收角色', en: 'required for in-app messages' },
  'rule.no_address_for_in_app': { 'zh-CN': '站内消息按角色发送，无需填写地址', en: 'in-app messages go to a role, not an address' },
  'rule.role_or_mailbox': { 'zh-CN': '请选择接收角色或填写邮箱', en: 'give a role or a mailbox' },
  'rule.no_role_for_address': { 'zh-CN': '群机器人和 Webhook 发送到固定地址，不能选择角色', en: 'a robot or webhook is one address, not a role' },
  'rule.http_address': { 'zh-CN': '须为 http:// 或 https:// 开头的地址', en: 'must be an http(s) address' },
});
