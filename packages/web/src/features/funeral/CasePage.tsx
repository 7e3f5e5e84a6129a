import { useState } from 'react';
import { ArrowLeftOutlined, DownOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Dropdown, Flex, Row, Steps, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { COVID_CASE_STEPS, COVID_FORBIDDEN_ACTIONS, COVID_STEP_RULE, type CovidCase, type CovidForbiddenAction } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { errorLine } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { CovidStepForm } from './CovidStepForm';
import { at, CauseTag, NextStepText } from './funeralUi';
import { useCovidCase, useCovidRequest } from './useFuneral';

/** The eight steps, the done ones with who and when (late in red), the next one current. */
function Chain({ c }: { c: CovidCase }) {
  const t = useT();
  const done = c.steps.length;
  return (
    <Steps
      direction="vertical"
      size="small"
      current={done}
      status={c.late ? 'error' : 'process'}
      data-testid="case-steps"
      items={COVID_CASE_STEPS.map((s, i) => {
        const r = c.steps[i];
        const title = `${t(`funeral.step.${s}`)} · ${t('funeral.case.rule', { rule: COVID_STEP_RULE[s] })}`;
        if (r) {
          return {
            title,
            status: 'finish' as const,
            description: (
              <Flex vertical gap={0} data-testid="case-step-done" data-step={s}>
                <span>{at(r.at)} · {r.byName}{r.recordedByName && r.recordedByName !== r.byName ? ` (${t('funeral.case.recordedBy', { name: r.recordedByName })})` : ''}</span>
                {r.late && <Typography.Text type="danger">{t('funeral.case.stepLate', { due: at(r.dueAt) })}</Typography.Text>}
                {r.facts.ashesTo && <span>{t(`funeral.facts.ashesTo.${r.facts.ashesTo}`)}</span>}
                {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
              </Flex>
            ),
          };
        }
        if (i === done) {
          return {
            title,
            status: c.late ? ('error' as const) : ('process' as const),
            description: c.nextDueAt ? <Typography.Text type={c.late ? 'danger' : 'secondary'}>{t(c.late ? 'funeral.case.lateSince' : 'funeral.case.dueBy', { at: at(c.nextDueAt) })}</Typography.Text> : undefined,
          };
        }
        return { title, status: 'wait' as const };
      })}
    />
  );
}

/** "The family asks for …": each forbidden action posted, and the rule's refusal shown. */
function Requests({ c }: { c: CovidCase }) {
  const t = useT();
  const request = useCovidRequest(c.id);
  const [refusal, setRefusal] = useState<{ action: CovidForbiddenAction; text: string } | null>(null);
  const ask = (action: CovidForbiddenAction) => {
    setRefusal(null);
    request.mutate({ action }, {
      // The server always refuses: a 409 whose message is the rule's words.
      onSuccess: () => setRefusal({ action, text: '' }),
      onError: (e) => setRefusal({ action, text: isApiError(e) && e.status === 409 ? e.message : errorLine(e, t) }),
    });
  };
  return (
    <Card size="small" title={t('funeral.request.title')}>
      <Typography.Paragraph type="secondary">{t('funeral.request.hint')}</Typography.Paragraph>
      <Dropdown
        trigger={['click']}
        menu={{ items: COVID_FORBIDDEN_ACTIONS.map((a) => ({ key: a, label: t(`funeral.forbidden.${a}`) })), onClick: ({ key }) => ask(key as CovidForbiddenAction) }}
      >
        <Button loading={request.isPending} data-testid="family-asks">{t('funeral.request.open')} <DownOutlined /></Button>
      </Dropdown>
      {refusal && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('funeral.request.refused', { action: t(`funeral.forbidden.${refusal.action}`) })}
          description={refusal.text}
          data-testid="request-refusal"
        />
      )}
    </Card>
  );
}

/** `/funeral/cases/:id`: a COVID-19 deceased's chain, the next step's form, and the family's forbidden requests. */
export function FuneralCasePage() {
  const t = useT();
  const { id } = useParams();
  const covidCase = useCovidCase(id);
  const canRecord = useCan('funeral.cases');
  if (covidCase.isError && !covidCase.data) return <ErrorResult error={covidCase.error} onRetry={() => void covidCase.refetch()} />;
  const c = covidCase.data;
  return (
    <>
      <PageHeader
        title={c ? <Flex gap={8} align="center" wrap><span>{t('funeral.case.title', { name: c.deceasedName })}</span><CauseTag cause={c.cause} /></Flex> : t('common.loading')}
        extra={(
          <>
            {c?.incidentId && <Link to={`/incidents/${encodeURIComponent(c.incidentId)}`}><Button icon={<LinkOutlined />} data-testid="case-incident">{t('funeral.case.incident')}</Button></Link>}
            <Link to={c ? `/funeral/cases?siteId=${encodeURIComponent(c.siteId)}` : '/funeral/cases'}><Button icon={<ArrowLeftOutlined />}>{t('nav.funeralCases')}</Button></Link>
          </>
        )}
      />
      {!c ? <Card loading /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <Card size="small" title={t('funeral.event.details')}>
                <Descriptions size="small" column={1} data-testid="case-details">
                  <Descriptions.Item label={t('funeral.case.site')}>{c.siteName}</Descriptions.Item>
                  <Descriptions.Item label={t('funeral.field.idNumber')}><span className="fk-num">{c.deceasedIdNumber ?? '—'}</span></Descriptions.Item>
                  <Descriptions.Item label={t('funeral.field.dateOfDeath')}>{c.dateOfDeath}</Descriptions.Item>
                  <Descriptions.Item label={t('funeral.case.hospital')}>{c.hospital}</Descriptions.Item>
                  <Descriptions.Item label={t('funeral.case.openedAt')}>{at(c.openedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('funeral.case.next')}><NextStepText c={c} /></Descriptions.Item>
                </Descriptions>
                {c.archivedAt && <Tag color="green" data-testid="case-archived">{t('funeral.case.archivedAt', { at: at(c.archivedAt) })}</Tag>}
              </Card>
              <Card size="small" title={t('funeral.case.chain')}><Chain c={c} /></Card>
            </Flex>
          </Col>
          <Col xs={24} lg={14}>
            <Flex vertical gap={16}>
              {c.nextStep && canRecord && <CovidStepForm key={c.nextStep} c={c} step={c.nextStep} />}
              <Requests c={c} />
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}
