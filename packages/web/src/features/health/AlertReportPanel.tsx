import { useState } from 'react';
import { Alert as AntAlert, App, Button, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { NotifyOutside, ReportOutsideInput, reportGone, type Alert, type AlertReport } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { formatAt } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useReportAlert, useReportOutside } from './useHealth';

const time = (at: string) => formatAt(at, 'YYYY-MM-DD HH:mm');
const STATE_COLOR: Record<AlertReport['state'], string> = { pending: 'gold', late: 'red', done: 'green', done_late: 'orange' };
const HOWS = NotifyOutside.shape.how.options;

/** How a party was told, in words; a value from before the reports (the old checklist) as it is. */
function howLabel(how: string | null, t: ReturnType<typeof useT>): string {
  const known = HOWS.find((h) => h === how);
  return known ? t(`notifyHow.${known}`) : (how ?? '');
}

/** Whether the report has gone up to the town office and the bureau: what closing an alert needs (R2.4). */
export function alertReported(alert: Alert): boolean {
  return reportGone(alert.reports);
}

/** The report's state in a list: reported, not yet, or late (a level past its deadline). */
export function ReportTag({ alert }: { alert: Alert }) {
  const t = useT();
  const late = alert.reports.some((r) => r.state === 'late');
  if (alertReported(alert)) return <Tag color="green" data-testid="alert-report-tag" data-reported="true">{t('alertReport.reported')}</Tag>;
  return <Tag color={late ? 'red' : 'gold'} data-testid="alert-report-tag" data-reported="false">{t(late ? 'alertReport.lateTag' : 'alertReport.notReported')}</Tag>;
}

/** A party told outside the system: how, whom, and a note. */
function OutsideForm({ alert, to }: { alert: Alert; to: ReportOutsideInput['to'] }) {
  const t = useT();
  const { message } = App.useApp();
  const record = useReportOutside(alert.id);
  const [how, setHow] = useState<ReportOutsideInput['how']>('phone');
  const [contact, setContact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const parsed = ReportOutsideInput.safeParse({ to, how, contact });
    if (!parsed.success) {
      setError(t('alertReport.contactRequired'));
      return;
    }
    setError(null);
    record.mutate(parsed.data, {
      onSuccess: () => {
        setContact('');
        void message.success(t('alertReport.outsideRecorded', { to: t(`alertReport.to.${to}`) }));
      },
      onError: (e) => void message.error(errorLine(e, t)),
    });
  };
  return (
    <Flex gap={8} wrap data-testid={`alert-report-outside-${to}`}>
      <Select
        size="small" value={how} onChange={setHow} style={{ width: 120 }} aria-label={t('alertReport.how')}
        options={HOWS.map((h) => ({ value: h, label: t(`notifyHow.${h}`) }))}
      />
      <Input
        size="small" value={contact} onChange={(e) => setContact(e.target.value)} maxLength={100} style={{ flex: '1 1 180px' }}
        placeholder={t('alertReport.contactPlaceholder')} aria-label={t('alertReport.contactPlaceholder')} status={error ? 'error' : undefined}
        data-testid="alert-report-contact"
      />
      <Button size="small" loading={record.isPending} onClick={submit} data-testid="alert-report-outside-submit">{t('alertReport.recordOutside')}</Button>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Flex>
  );
}

function ReceiverRow({ alert, report }: { alert: Alert; report: AlertReport }) {
  const t = useT();
  const canAct = useCan('isolation.act');
  const open = alert.status === 'open';
  // A level in the system is told by the report; an outside party, or a level the system found nobody at, by a recorded call.
  const needsCall = report.doneAt === null && (report.to === 'health_department' || report.how === 'unreached');
  return (
    <li data-testid="alert-report-receiver" data-to={report.to} data-state={report.state}>
      <Flex vertical gap={2}>
        <Space wrap size={4}>
          <Typography.Text strong>{t(`alertReport.to.${report.to}`)}</Typography.Text>
          <Tag color={STATE_COLOR[report.state]}>{t(`alertReport.state.${report.state}`)}</Tag>
          <Typography.Text type="secondary">{t('alertReport.due', { at: time(report.dueAt) })}</Typography.Text>
          {report.escalatedTo && <Tag color="red">{t('alertReport.escalated', { to: t(`receiver.${report.escalatedTo}`) })}</Tag>}
        </Space>
        {report.doneAt && (
          <Typography.Text type="secondary">
            {report.how === 'system'
              ? t('alertReport.toldBySystem', { at: time(report.doneAt), name: report.doneByName ?? report.doneBy ?? t('alertReport.system') })
              : t('alertReport.toldOutside', { at: time(report.doneAt), name: report.doneByName ?? report.doneBy ?? t('common.none'), how: howLabel(report.how, t), contact: report.contact ?? '' })}
          </Typography.Text>
        )}
        {report.told.length > 0 && (
          <Typography.Text type="secondary" data-testid="alert-report-told">
            {report.told.map((n) => `${n.to}（${t(`notifications.channel.${n.channel}`)} ${time(n.at)}）`).join('、')}
          </Typography.Text>
        )}
        {report.how === 'unreached' && report.doneAt === null && <Typography.Text type="warning">{t('alertReport.unreached')}</Typography.Text>}
        {needsCall && open && canAct && <OutsideForm alert={alert} to={report.to === 'site_manager' ? 'health_department' : report.to} />}
      </Flex>
    </li>
  );
}

/**
 * The report of the four earlies (R2.4, R7.1): not a tick but a report through the system to the town
 * office and the bureau, each receiver with its deadline, who was told, when and how.
 */
export function AlertReportPanel({ alert }: { alert: Alert }) {
  const t = useT();
  const { message } = App.useApp();
  const canManage = useCan('isolation.manage');
  const report = useReportAlert(alert.id);
  const [note, setNote] = useState('');
  const gone = alertReported(alert);
  const send = () => {
    report.mutate(note.trim() || undefined, {
      onSuccess: ({ alert: saved }) => {
        setNote('');
        void message.success(saved.status === 'closed' ? t('alerts.allDoneClosed') : alertReported(saved) ? t('alertReport.sent') : t('alertReport.sentPartly'));
      },
      onError: (e) => void message.error(errorLine(e, t)),
    });
  };
  return (
    <Flex vertical gap={8} data-testid="alert-report">
      <ul className="fk-steps" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {alert.reports.map((r) => <ReceiverRow key={r.to} alert={alert} report={r} />)}
      </ul>
      {!gone && alert.status === 'open' && (canManage ? (
        <Flex gap={8} wrap>
          <Input
            size="small" placeholder={t('alerts.notePlaceholder')} aria-label={t('alerts.notePlaceholder')} maxLength={200} value={note}
            onChange={(e) => setNote(e.target.value)} style={{ flex: '1 1 180px' }}
          />
          <Button size="small" type="primary" loading={report.isPending} onClick={send} data-testid="alert-report-send">{t('alertReport.send')}</Button>
        </Flex>
      ) : <AntAlert type="info" showIcon title={t('alertReport.managerReports')} />)}
    </Flex>
  );
}
