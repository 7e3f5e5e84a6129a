import { z } from 'zod';
import { Text } from './input.js';
import { IsoDate } from './org.js';
import { definePermissions } from './access.js';
import type { Bilingual } from './texts.js';
import { defineTexts } from './texts.js';

export const AUDIT_PERMISSIONS = definePermissions({
  'audit.read': ['town_officer'],
});

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** The actor's display name (a person's name; `actorName` is the account's username). */
  actorDisplayName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** Whom an account's entry is about, as people know them ("显示名 (username)"); null for other targets. */
  targetName: z.string().nullable(),
  outcome: AuditOutcome,
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.strictObject({
  actor: Text(64).optional(),
  action: Text(64).optional(),
  outcome: AuditOutcome.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Entries with a smaller id than this (keyset paging). */
  before: z.string().regex(/^\d{1,18}$/, 'audit.entry_id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** What each recorded action is called, for people reading the audit log (the code stays the filter). */
export const AUDIT_ACTIONS: Readonly<Record<string, Bilingual>> = {
  'auth.login': { 'zh-CN': '登录', en: 'Sign-in' },
  'auth.logout': { 'zh-CN': '退出登录', en: 'Sign-out' },
  'auth.password': { 'zh-CN': '修改密码', en: 'Password change' },
  'accounts.read': { 'zh-CN': '查看账号', en: 'Account viewed' },
  'accounts.create': { 'zh-CN': '新建账号', en: 'Account created' },
  'accounts.update': { 'zh-CN': '修改账号信息', en: 'Account changed' },
  'accounts.roles': { 'zh-CN': '修改账号角色', en: 'Account roles changed' },
  'accounts.disable': { 'zh-CN': '停用账号', en: 'Account disabled' },
  'accounts.enable': { 'zh-CN': '启用账号', en: 'Account enabled' },
  'accounts.reset_password': { 'zh-CN': '重置账号密码', en: 'Account password reset' },
  'accounts.end_sessions': { 'zh-CN': '结束账号的登录会话', en: 'Account sessions ended' },
  'accounts.unlock': { 'zh-CN': '解锁账号', en: 'Account unlocked' },
  'accounts.reset_two_factor': { 'zh-CN': '重置账号的两步验证', en: 'Account two-factor reset' },
  'auth.two_factor_setup': { 'zh-CN': '开始设置两步验证', en: 'Two-factor setup started' },
  'auth.two_factor_on': { 'zh-CN': '开启两步验证', en: 'Two-factor sign-in on' },
  'auth.recovery_codes': { 'zh-CN': '重新生成恢复码', en: 'Recovery codes renewed' },
  'auth.two_factor_off': { 'zh-CN': '关闭两步验证', en: 'Two-factor sign-in off' },
  'org.create': { 'zh-CN': '新建组织节点', en: 'Org node created' },
  'org.read': { 'zh-CN': '查看组织节点', en: 'Org node viewed' },
  'org.update': { 'zh-CN': '修改组织节点', en: 'Org node changed' },
  'risk.create': { 'zh-CN': '设定风险等级', en: 'Risk level set' },
  'risk.update': { 'zh-CN': '修改或结束风险地区', en: 'Risk area changed or ended' },
  'risk.import': { 'zh-CN': '导入风险地区', en: 'Risk areas imported' },
  'policy.create': { 'zh-CN': '发布政策版本', en: 'Policy version issued' },
  'person.create': { 'zh-CN': '登记人员', en: 'Person registered' },
  'person.update': { 'zh-CN': '修改人员信息', en: 'Person changed' },
  'person.move': { 'zh-CN': '人员转移机构', en: 'Person moved' },
  'person.read': { 'zh-CN': '查看人员', en: 'Person viewed' },
  'person.list': { 'zh-CN': '查询人员列表', en: 'People listed' },
  'person.reveal': { 'zh-CN': '查看完整证件号/电话', en: 'ID number / phone revealed' },
  'person.export': { 'zh-CN': '导出人员名册', en: 'People exported' },
  'person.import': { 'zh-CN': '导入人员名册', en: 'Roster imported' },
  'person.join': { 'zh-CN': '结束入院观察', en: 'Intake completed' },
  'person.id_conflict': { 'zh-CN': '身份证号已在辖区外登记（未透露）', en: 'ID number registered outside the jurisdiction (not revealed)' },
  'person.id_check': { 'zh-CN': '身份证号核验被暂停', en: 'ID check refused (paused)' },
  'person.tests_read': { 'zh-CN': '查看个人检测记录', en: 'Person\'s tests viewed' },
  'reading.read': { 'zh-CN': '查看体温记录', en: 'Temperatures viewed' },
  'alert.step': { 'zh-CN': '完成“四早”步骤', en: 'Four-earlies step done' },
  'alert.close': { 'zh-CN': '关闭预警', en: 'Alert closed' },
  'alert.report': { 'zh-CN': '向乡镇、民政局上报发热', en: 'Fever reported to the town and the bureau' },
  'alert.report_outside': { 'zh-CN': '记录已电话等方式告知', en: 'Outside party told (recorded)' },
  'room.create': { 'zh-CN': '新建观察/隔离室', en: 'Room created' },
  'room.update': { 'zh-CN': '修改观察/隔离室', en: 'Room changed' },
  'placement.create': { 'zh-CN': '安置观察/隔离', en: 'Placed in a room' },
  'placement.end': { 'zh-CN': '结束观察/隔离', en: 'Placement ended' },
  'visit.register': { 'zh-CN': '来访登记', en: 'Visit registered' },
  'visit.screen': { 'zh-CN': '来访查验', en: 'Visitor screened' },
  'visit.checkout': { 'zh-CN': '来访离开', en: 'Visitor left' },
  'visit.list': { 'zh-CN': '查询来访记录', en: 'Visits listed' },
  'visit.export': { 'zh-CN': '导出来访记录', en: 'Visits exported' },
  'visit.link_rotate': { 'zh-CN': '更换来访登记码', en: 'Visitor link renewed' },
  'visit.purge': { 'zh-CN': '清除过期来访记录', en: 'Old visits purged' },
  'mourner.register': { 'zh-CN': '吊唁登记', en: 'Mourner registered' },
  'mourner.refuse': { 'zh-CN': '吊唁登记被拒绝（症状、体温、人数已满或活动已结束）', en: 'Mourner refused (symptoms, temperature, register full or event over)' },
  'mourner.list': { 'zh-CN': '查看吊唁登记', en: 'Mourners listed' },
  'mourner.export': { 'zh-CN': '导出吊唁登记', en: 'Mourners exported' },
  'mourner.trace': { 'zh-CN': '按手机号追溯吊唁人员', en: 'Mourners traced by phone' },
  'mourner.link_rotate': { 'zh-CN': '更换吊唁登记码', en: 'Mourners register link renewed' },
  'mourner.purge': { 'zh-CN': '清除过期吊唁登记', en: 'Old mourners registers purged' },
  'test.record': { 'zh-CN': '录入核酸检测', en: 'Test recorded' },
  'test.result': { 'zh-CN': '录入检测结果', en: 'Test result entered' },
  'test.positive': { 'zh-CN': '核酸阳性', en: 'Positive test' },
  'test.export': { 'zh-CN': '导出检测记录', en: 'Tests exported' },
  'test.due_export': { 'zh-CN': '导出待检名单', en: 'Due list exported' },
  'test.import': { 'zh-CN': '导入检测结果', en: 'Lab file imported' },
  'test.import_preview': { 'zh-CN': '预览检测结果导入', en: 'Lab file previewed' },
  'test_session.create': { 'zh-CN': '新建采样场次', en: 'Sampling session created' },
  'test_session.entries': { 'zh-CN': '录入采样场次', en: 'Sampling session entered' },
  'test_session.remove_person': { 'zh-CN': '移出采样场次', en: 'Removed from a session' },
  'test_session.export': { 'zh-CN': '导出采样场次', en: 'Sampling session exported' },
  'supply_item.create': { 'zh-CN': '新建物资品目', en: 'Supply item created' },
  'supply_item.update': { 'zh-CN': '修改物资品目', en: 'Supply item changed' },
  'supply.receipt': { 'zh-CN': '物资入库', en: 'Supplies received' },
  'supply.issue': { 'zh-CN': '物资领用', en: 'Supplies issued' },
  'supply.transfer': { 'zh-CN': '物资调拨', en: 'Supplies transferred' },
  'supply.adjustment': { 'zh-CN': '库存调整', en: 'Stock adjusted' },
  'supply.stocktake': { 'zh-CN': '库存盘点', en: 'Stocktake' },
  'supply.peak': { 'zh-CN': '设定高峰需求', en: 'Peak demand set' },
  'supply.orders_export': { 'zh-CN': '导出补货建议', en: 'Orders exported' },
  'incident.create': { 'zh-CN': '新建事件', en: 'Incident opened' },
  'incident.ack': { 'zh-CN': '事件上报确认', en: 'Incident report acknowledged' },
  'incident.action': { 'zh-CN': '记录处置措施', en: 'Incident action recorded' },
  'incident.attach': { 'zh-CN': '上传事件附件', en: 'Incident file attached' },
  'incident.notify_outside': { 'zh-CN': '记录外部通报', en: 'Outside party told' },
  'incident.step_late': { 'zh-CN': '上报超时', en: 'Report step late' },
  'incident.close': { 'zh-CN': '关闭事件', en: 'Incident closed' },
  'incident.export': { 'zh-CN': '导出事件', en: 'Incidents exported' },
  'covid_case.open': { 'zh-CN': '登记新冠肺炎遗体处置', en: 'COVID-19 deceased case opened' },
  'covid_case.step': { 'zh-CN': '记录遗体处置步骤', en: 'COVID-19 deceased step recorded' },
  'covid_case.read': { 'zh-CN': '查看遗体处置记录', en: 'COVID-19 deceased case viewed' },
  'covid_case.list': { 'zh-CN': '查询遗体处置记录', en: 'COVID-19 deceased cases listed' },
  'covid_case.request': { 'zh-CN': '拒绝违规治丧要求', en: 'Forbidden request refused' },
  'notification_rule.create': { 'zh-CN': '新建通知规则', en: 'Notification rule created' },
  'notification_rule.update': { 'zh-CN': '修改通知规则', en: 'Notification rule changed' },
  'notification_rule.delete': { 'zh-CN': '删除通知规则', en: 'Notification rule deleted' },
  'notification_rule.test': { 'zh-CN': '发送测试通知', en: 'Test notification sent' },
  'outbox.retry': { 'zh-CN': '重发通知', en: 'Message resent' },
  'funeral_hall.create': { 'zh-CN': '新建治丧厅室', en: 'Mourning hall opened' },
  'funeral_hall.update': { 'zh-CN': '修改治丧厅室', en: 'Mourning hall changed' },
  'mourning_event.create': { 'zh-CN': '预约治丧活动', en: 'Mourning event booked' },
  'mourning_event.end': { 'zh-CN': '结束治丧活动', en: 'Mourning event ended' },
  'mourning_event.cancel': { 'zh-CN': '取消治丧活动', en: 'Mourning event cancelled' },
  'hall_disinfection.record': { 'zh-CN': '登记厅室消毒', en: 'Hall disinfection recorded' },
};

/**
 * An action in words: from the table; a refused request (recorded as its method and route) as
 * such; an action the table does not know yet, as its code.
 */
export function auditActionLabel(action: string, locale: 'zh-CN' | 'en'): string {
  const known = AUDIT_ACTIONS[action];
  if (known) return known[locale];
  const request = /^(GET|POST|PUT|PATCH|DELETE) (\S+)$/.exec(action);
  if (request) return locale === 'en' ? `Request ${request[1] ?? ''} ${request[2] ?? ''}` : `请求 ${request[1] ?? ''} ${request[2] ?? ''}`;
  return action;
}

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const AUDIT_FIELD_TEXTS = defineTexts({
  'audit.entry_id': { 'zh-CN': '应为日志编号', en: 'expected an entry id' },
});
