import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPES } from './incidents.js';
import { maskTarget, messageFor, NotificationRuleInput, sniffAttachment } from './notifications.js';

describe('rules name their recipients', () => {
  it.each([
    { rule: { event: 'incident_opened', channel: 'in_app', role: 'town_officer' }, error: null },
    { rule: { event: 'incident_opened', channel: 'in_app' }, error: 'role' },
    { rule: { event: 'incident_opened', channel: 'in_app', role: 'town_officer', target: 'https://x.cn/h' }, error: 'target' },
    { rule: { event: 'step_late', channel: 'email', role: 'bureau_officer' }, error: null },
    { rule: { event: 'step_late', channel: 'email', target: 'duty@bureau.example.cn' }, error: null },
    { rule: { event: 'step_late', channel: 'email' }, error: 'target' },
    { rule: { event: 'step_late', channel: 'email', target: 'duty-at-bureau' }, error: 'target' },
    { rule: { event: 'fever_alert', channel: 'wecom', target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' }, error: null },
    { rule: { event: 'fever_alert', channel: 'dingtalk', target: 'ftp://oapi.dingtalk.com/robot/send' }, error: 'target' },
    { rule: { event: 'fever_alert', channel: 'webhook' }, error: 'target' },
    { rule: { event: 'fever_alert', channel: 'webhook', role: 'site_manager', target: 'https://sms.example.cn/send' }, error: 'role' },
    { rule: { event: 'no_such_event', channel: 'in_app', role: 'site_manager' }, error: 'event' },
  ])('$rule.channel $rule.event → $error', ({ rule, error }) => {
    const r = NotificationRuleInput.safeParse(rule);
    if (error === null) expect(r.success).toBe(true);
    else expect(r.error?.issues.map((i) => i.path[0])).toContain(error);
  });
});

describe('addresses are masked in every answer', () => {
  it.each([
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***'],
    ['https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=x', 'https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***&sign=***'],
    ['https://hooks.example.cn/services/T000000000000000000000000/B0/XXXXXXXX', 'https://hooks.example.cn/services/T000***/B0/XXXXXXXX'],
    ['officer1@town1.example.cn', 'o***@town1.example.cn'],
  ])('%s', (target, masked) => {
    expect(maskTarget(target)).toBe(masked);
  });

  it('never shows a query value', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9]{6,40}$/), (secret) => {
      expect(maskTarget(`https://robot.example.cn/send?key=${secret}`)).not.toContain(secret);
    }));
  });
});

describe('messages', () => {
  it('say the incident type, the site and where to go, in both languages', () => {
    for (const type of INCIDENT_TYPES) {
      const m = messageFor({ event: 'incident_opened', incidentId: 'i1', type, siteName: '一号敬老院', summary: '发热' });
      expect(m.title).toContain('一号敬老院');
      expect(m.titleEn).toContain('一号敬老院');
      expect(m.url).toBe('/incidents/i1');
    }
    const late = messageFor({ event: 'step_late', incidentId: 'i1', type: 'suspected_case', siteName: '一号敬老院', receiver: 'town', escalatedTo: 'bureau', dueAt: '2026-11-29 10:00' });
    expect(late.text).toContain('乡镇（街道）社会事务办');
    expect(late.text).toContain('市民政局督办');
    expect(late.text).toContain('2026-11-29 10:00');
    const low = messageFor({ event: 'supply_below_floor', siteId: 's1', siteName: '救助站', floorDays: 45, items: [{ name: '口罩', daysOfCover: 40 }, { name: '手套', daysOfCover: null }] });
    expect(low.text).toBe('口罩仅够40天，手套仅够0天，低于45天储备下限，请及时补充。');
  });

  it('tell the town of a fever\'s report and of a late one, pointing at the alert (R2.4)', () => {
    const report = messageFor({ event: 'fever_reported', alertId: 'a1', siteName: '一号敬老院', personName: '张三', temperature: 38.9, by: '院长' });
    expect(report).toMatchObject({ kind: 'fever_reported', url: '/alerts/a1' });
    expect(report.text).toContain('38.9');
    expect(report.textEn).toContain('院长');
    const late = messageFor({ event: 'report_late', alertId: 'a1', siteName: '一号敬老院', personName: '张三', receiver: 'site_manager', escalatedTo: 'town', dueAt: '2026-11-29 10:15' });
    // Told through the step_late rules, as a late incident step is.
    expect(late).toMatchObject({ kind: 'step_late', url: '/alerts/a1' });
    expect(late.text).toContain('机构负责人');
    expect(late.text).toContain('乡镇（街道）社会事务办督办');
  });
});

describe('attachments are known by their first bytes', () => {
  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'application/pdf'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x4d, 0x5a, 0x90, 0x00], null],
    [[0x50, 0x4b, 0x03, 0x04], null],
    [[0x25, 0x50, 0x44], null],
    [[], null],
  ] as const)('%j → %s', (bytes, type) => {
    expect(sniffAttachment(Uint8Array.from(bytes))).toBe(type);
  });
});
