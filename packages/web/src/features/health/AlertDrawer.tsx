import { useState } from 'react';
import { CheckCircleFilled, ClockCircleOutlined, HomeOutlined } from '@ant-design/icons';
import { Alert as AntAlert, App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Modal, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { CloseAlertInput, REPORT_STEP, type Alert, type AlertStepState, type SiteType } from '@fangkong/domain';
import { QueryState } from '../../components/shared/QueryState';
import { errorLine, errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { PromoteAlertButton } from '../incidents/PromoteAlertButton';
import { AlertReportPanel, alertReported } from './AlertReportPanel';
import { AlertCauseTag, SymptomTags } from './healthUi';
import { PlacementFormModal } from './PlacementFormModal';
import { useAlert, useCloseAlert, useCompleteStep } from './useHealth';
import { formatAt } from '../../components/shared/time';

const time = (at: string) => formatAt(at, 'YYYY-MM-DD HH:mm');

function StepRow({ alert, step, index, onPlace }: {
  alert: Alert;
  step: AlertStepState;
  index: number;
  onPlace: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const canAct = useCan('isolation.act');
  const complete = useCompleteStep(alert.id);
  const [note, setNote] = useState('');
  const done = step.doneAt !== null;
  const open = alert.status === 'open';

  const markDone = () => {
    complete.mutate({ step: step.step, note: note.trim() || undefined }, {
      onSuccess: ({ alert: saved }) => {
        setNote('');
        void message.success(saved.status === 'closed' ? t('alerts.allDoneClosed') : t('alerts.stepDone', { step: t(`earlyStep.${step.step}`) }));
      },
      onError: (e) => void message.error(errorLine(e, t)),
    });
  };

  return (
    <li className="fk-step" data-testid="alert-step" data-step={step.step} data-done={done ? 'true' : 'false'}>
      <Flex gap={12} align="flex-start">
        <span style={{ fontSize: 18, lineHeight: '24px' }}>
          {done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined style={{ color: '#faad14' }} />}
        </span>
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>{index + 1}. {t(`earlyStep.${step.step}`)}</Typography.Text>
          {done && (
            <Typography.Text type="secondary">
              {t('alerts.doneByAt', { name: step.doneByName ?? step.doneBy ?? t('common.none'), at: time(step.doneAt ?? '') })}
              {step.note ? ` · ${step.note}` : ''}
            </Typography.Text>
          )}
          {step.step === REPORT_STEP && <AlertReportPanel alert={alert} />}
          {!done && open && canAct && step.step !== REPORT_STEP && (
            <Flex gap={8} wrap>
              <Input
                size="small"
                placeholder={t('alerts.notePlaceholder')}
                aria-label={t('alerts.notePlaceholder')}
                maxLength={200}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                onPressEnter={markDone}
                style={{ flex: '1 1 180px' }}
              />
              <Button size="small" type="primary" loading={complete.isPending} onClick={markDone} data-testid="alert-step-done">
                {t('alerts.markDone')}
              </Button>
              {step.step === 'isolate' && (
                <Button size="small" icon={<HomeOutlined />} onClick={onPlace} data-testid="alert-place">{t('alerts.placeInRoom')}</Button>
              )}
            </Flex>
          )}
        </Flex>
      </Flex>
    </li>
  );
}

const CLOSE_FIELDS = [['reason']] as const;

function CloseAlertModal({ alert, onClose }: { alert: Alert; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check } = useZodForm<{ reason?: string }>(CLOSE_FIELDS);
  const close = useCloseAlert(alert.id);
  const validate = (onlyTouched: boolean) => {
    const reason: unknown = form.getFieldValue('reason');
    return check(CloseAlertInput, { reason: typeof reason === 'string' ? reason : '' }, onlyTouched);
  };
  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    close.mutate(data.reason, {
      onSuccess: () => {
        void message.success(t('alerts.closed'));
        onClose();
      },
      onError: setFailure,
    });
  };
  return (
    <Modal
      open
      title={t('alerts.closeTitle', { name: alert.personName })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" danger type="primary" loading={close.isPending} onClick={submit} data-testid="alert-close-submit">{t('alerts.close')}</Button>,
      ]}
      destroyOnHidden
    >
      {failure !== null && <AntAlert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(failure, t)} description={serverDetail(failure)} />}
      <Typography.Paragraph type="secondary">{t('alerts.closeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={submit}>
        <Form.Item name="reason" label={t('alerts.closeReason')} required>
          <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 6 }} autoFocus data-testid="alert-close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AlertDetail({ alert, siteType }: { alert: Alert; siteType: SiteType | null | undefined }) {
  const t = useT();
  const canManage = useCan('isolation.manage');
  const canReadTesting = useCan('testing.read');
  const [placing, setPlacing] = useState(false);
  const [closing, setClosing] = useState(false);
  const done = alert.steps.filter((s) => s.doneAt !== null).length;
  return (
    <Flex vertical gap={16} data-testid="alert-detail">
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'person', label: t('alerts.col.person'), children: <Link to={`/people/${alert.personId}`}>{alert.personName}</Link> },
          { key: 'site', label: t('alerts.col.site'), children: alert.siteName },
          {
            key: 'temp',
            label: t('alerts.col.temperature'),
            children: (
              <Space wrap size={4}>
                <AlertCauseTag alert={alert} />
                {alert.testId !== null && canReadTesting && (
                  <Link to={`/testing/records?personId=${alert.personId}`} state={{ personName: alert.personName }} data-testid="alert-test-link">
                    {t('alerts.viewTests')}
                  </Link>
                )}
              </Space>
            ),
          },
          {
            key: 'symptoms',
            label: t('alerts.col.symptoms'),
            children: alert.symptoms.length > 0 ? <SymptomTags symptoms={alert.symptoms} /> : t('common.none'),
          },
          { key: 'openedAt', label: t('alerts.col.openedAt'), children: time(alert.openedAt) },
          {
            key: 'status',
            label: t('alerts.col.status'),
            children: (
              <Space wrap>
                <Tag color={alert.status === 'open' ? 'red' : 'default'}>{t(`alertStatus.${alert.status}`)}</Tag>
                {alert.closedAt && (
                  <Typography.Text type="secondary">
                    {t('alerts.closedByAt', { name: alert.closedBy ?? t('common.none'), at: time(alert.closedAt) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(alert.closeReason ? [{ key: 'reason', label: t('alerts.closeReason'), children: alert.closeReason }] : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('alerts.steps', { done, total: alert.steps.length })}</Typography.Title>
        <ol className="fk-steps">
          {alert.steps.map((s, i) => (
            <StepRow key={s.step} alert={alert} step={s} index={i} onPlace={() => setPlacing(true)} />
          ))}
        </ol>
      </div>
      <PromoteAlertButton alert={alert} />
      {alert.status === 'open' && canManage && (
        <Flex justify="flex-end" align="center" gap={8} wrap>
          {/* R2.4: no alert closes before its report has gone up, not even a false alarm. */}
          {!alertReported(alert) && <Typography.Text type="secondary" data-testid="alert-close-needs-report">{t('alertReport.closeNeedsReport')}</Typography.Text>}
          <Button danger disabled={!alertReported(alert)} onClick={() => setClosing(true)} data-testid="alert-close">{t('alerts.closeWithReason')}</Button>
        </Flex>
      )}
      {placing && (
        <PlacementFormModal
          siteId={alert.siteId}
          siteType={siteType}
          preset={{ personId: alert.personId, personName: alert.personName, reason: alert.source === 'test' ? 'suspected_case' : 'symptom', alertId: alert.id }}
          onClose={() => setPlacing(false)}
        />
      )}
      {closing && <CloseAlertModal alert={alert} onClose={() => setClosing(false)} />}
    </Flex>
  );
}

/** One alert: what was measured and the steps of the four earlies, in order, to mark done. */
export function AlertDrawer({ id, siteType, onClose }: { id: string; siteType?: SiteType | null | undefined; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const alert = useAlert(id);
  return (
    <Drawer open onClose={onClose} title={t('alerts.detailTitle')} size={screens.md ? 560 : '100%'} destroyOnHidden>
      <QueryState query={alert}>{(a) => <AlertDetail alert={a} siteType={siteType} />}</QueryState>
    </Drawer>
  );
}
