import { useMemo, useState } from 'react';
import { DownOutlined, LogoutOutlined, PlusOutlined, QrcodeOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Input, Row, Select, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CheckoutByCode, type PolicyBody, type Visit } from '@fangkong/domain';
import type { GateView } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { errorLine } from '../../components/shared/errorText';
import { issueMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useSiteMonitoring } from '../health/healthUi';
import { formatTemperature } from '../health/temperature';
import { filterByLabel, siteOptions } from '../people/peopleUi';
import { useVisibleSites } from '../people/usePeople';
import { GuardRegistrationModal } from './GuardRegistrationModal';
import { ScreenPanel } from './ScreenPanel';
import { useCheckout, useCheckoutByCode, useGate } from './useVisits';
import { durationText, HealthCodeTag, refusalText, useNow, VisitFlags, VisitorSymptomTags } from './visitsUi';
import { formatAt } from '../../components/shared/time';

function PendingCard({ visit, policy, insideNow, canScreen, expanded, onToggle, onScreened }: {
  visit: Visit;
  policy: PolicyBody | undefined;
  insideNow: number;
  canScreen: boolean;
  expanded: boolean;
  onToggle: () => void;
  onScreened: (visit: Visit) => void;
}) {
  const t = useT();
  return (
    <Card size="small" className={expanded ? 'fk-gate-card fk-gate-card-open' : 'fk-gate-card'} data-testid="pending-card" data-visitor-name={visit.name} data-code={visit.code}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex gap={8} align="baseline" wrap>
            <span className="fk-gate-code">{visit.code}</span>
            <Typography.Text strong style={{ fontSize: 16 }}>{visit.name}</Typography.Text>
            {visit.phone && <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{visit.phone}</Typography.Text>}
          </Flex>
          <div style={{ marginTop: 2 }}>
            <Typography.Text type="secondary">{t('gate.visitingLine', { visiting: visit.visiting })}</Typography.Text>
          </div>
          <Flex gap={4} wrap style={{ marginTop: 6 }}>
            <HealthCodeTag code={visit.healthCodeDeclared} />
            <VisitorSymptomTags symptoms={visit.symptoms} />
            {visit.riskAreaTravel ? <Tag color="red">{t('gate.riskTravelYes')}</Tag> : <Tag>{t('gate.riskTravelNo')}</Tag>}
            <VisitFlags visit={visit} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(visit.source === 'qr' ? 'gate.sourceQr' : 'gate.sourceGuard', { time: formatAt(visit.registeredAt, 'HH:mm') })}
          </Typography.Text>
        </div>
        {canScreen && (
          <Button type={expanded ? 'default' : 'primary'} icon={expanded ? <UpOutlined /> : <DownOutlined />} onClick={onToggle} data-testid="pending-expand">
            {expanded ? t('gate.collapse') : t('gate.screen')}
          </Button>
        )}
      </Flex>
      {expanded && canScreen && (
        <div style={{ marginTop: 12, paddingTop: 12, borderTop: '1px dashed #f0f0f0' }}>
          <ScreenPanel visit={visit} policy={policy} insideNow={insideNow} onScreened={onScreened} />
        </div>
      )}
    </Card>
  );
}

function InsideRow({ visit, now, canScreen }: { visit: Visit; now: number; canScreen: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const checkout = useCheckout();
  const ends = visit.stayEndsAt ? new Date(visit.stayEndsAt).getTime() : undefined;
  const left = ends === undefined ? undefined : ends - now;
  const over = visit.overstay || (left !== undefined && left < 0);
  return (
    <div className={over ? 'fk-inside-row fk-inside-over' : 'fk-inside-row'} data-testid="inside-row" data-visitor-name={visit.name} data-overstay={over ? 'true' : undefined}>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text strong>{visit.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{visit.code}</Typography.Text>
          {visit.temperature !== null && <Typography.Text type="secondary">{formatTemperature(visit.temperature)}℃</Typography.Text>}
          <VisitFlags visit={visit} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('gate.insideLine', { visiting: visit.visiting, time: visit.admittedAt ? formatAt(visit.admittedAt, 'HH:mm') : '' })}
        </Typography.Text>
      </div>
      <div className="fk-inside-left" data-testid="inside-time-left">
        {left === undefined
          ? null
          : over
            ? <Typography.Text type="danger" strong>{t('gate.overstay', { time: durationText(left) })}</Typography.Text>
            : <Typography.Text>{t('gate.timeLeft', { time: durationText(left) })}</Typography.Text>}
      </div>
      {canScreen && (
        <Button
          icon={<LogoutOutlined />}
          loading={checkout.isPending}
          onClick={() => checkout.mutate(visit.id, {
            onSuccess: ({ visit: v }) => void message.success(t('gate.checkedOut', { name: v.name })),
            onError: (e) => void message.error(errorLine(e, t)),
          })}
          data-testid="checkout-button"
        >
          {t('gate.checkout')}
        </Button>
      )}
    </div>
  );
}

function CheckoutByCodeForm({ siteId }: { siteId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const byCode = useCheckoutByCode();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const parsed = CheckoutByCode.safeParse({ siteId, code });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue ? issueMessage(issue, t) : t('validation.invalid'));
      return;
    }
    setError(null);
    byCode.mutate(parsed.data, {
      onSuccess: ({ visit }) => {
        setCode('');
        void message.success(t('gate.checkedOut', { name: visit.name }));
      },
      onError: (e) => setError(errorLine(e, t)),
    });
  };
  return (
    <div>
      <Input.Search
        placeholder={t('gate.checkoutByCode')}
        aria-label={t('gate.checkoutByCode')}
        enterButton={t('gate.checkout')}
        value={code}
        maxLength={6}
        status={error ? 'error' : undefined}
        loading={byCode.isPending}
        onChange={(e) => {
          setCode(e.target.value.toUpperCase());
          setError(null);
        }}
        onSearch={submit}
        style={{ fontFamily: 'monospace' }}
        data-testid="checkout-code"
      />
      {error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{error}</Typography.Text>}
    </div>
  );
}

function InsideBoard({ gate, siteId, canScreen }: { gate: GateView; siteId: string; canScreen: boolean }) {
  const t = useT();
  const now = useNow(1000);
  // Overstays first (the longest over on top), then whoever must leave soonest.
  const rows = useMemo(() => [...gate.inside].sort((a, b) => {
    const ea = a.stayEndsAt ? Date.parse(a.stayEndsAt) : Number.POSITIVE_INFINITY;
    const eb = b.stayEndsAt ? Date.parse(b.stayEndsAt) : Number.POSITIVE_INFINITY;
    if (a.overstay !== b.overstay) return a.overstay ? -1 : 1;
    return ea - eb;
  }), [gate.inside]);
  const full = gate.insideNow >= gate.capacity;
  return (
    <Card
      title={t('gate.insideTitle')}
      extra={(
        <span className={full ? 'fk-inside-count fk-inside-full' : 'fk-inside-count'} data-testid="inside-count" data-inside={gate.insideNow} data-capacity={gate.capacity}>
          {gate.insideNow} / {gate.capacity}
        </span>
      )}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('gate.insideHint', { minutes: gate.maxStayMinutes, capacity: gate.capacity })}
        {gate.overstays > 0 && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('gate.overstays', { count: gate.overstays })}</Tag>}
      </Typography.Paragraph>
      {canScreen && <div style={{ marginBottom: 12 }}><CheckoutByCodeForm siteId={siteId} /></div>}
      {rows.length === 0
        ? <Empty description={t('gate.nobodyInside')} />
        : <div className="fk-inside-list">{rows.map((v) => <InsideRow key={v.id} visit={v} now={now} canScreen={canScreen} />)}</div>}
    </Card>
  );
}

/** The guard's screen: visitors waiting to be screened, and who is inside now. */
export function GatePage() {
  const t = useT();
  const navigate = useNavigate();
  const canScreen = useCan('visits.screen');
  const [params, setParams] = useSearchParams();
  const { sites, query: sitesQuery } = useVisibleSites();
  const siteId = params.get('siteId') || (sites.length === 1 ? sites[0]?.id : undefined);
  const site = sites.find((s) => s.id === siteId);
  const gate = useGate(siteId);
  const { policy } = useSiteMonitoring(siteId, site?.siteType);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [last, setLast] = useState<Visit | null>(null);

  const onScreened = (visit: Visit) => {
    setExpanded(null);
    setLast(visit);
  };

  const pending = gate.data?.pending ?? [];

  return (
    <>
      <PageHeader
        title={t('gate.title')}
        extra={(
          <>
            <Select<string>
              showSearch={{ filterOption: filterByLabel }}
              placeholder={t('round.selectSite')}
              aria-label={t('round.selectSite')}
              loading={sitesQuery.isPending}
              value={siteId}
              onChange={(v) => {
                setExpanded(null);
                setLast(null);
                setParams({ siteId: v }, { replace: true });
              }}
              options={siteOptions(sites)}
              style={{ minWidth: 220, maxWidth: '100%' }}
              data-testid="gate-site"
            />
            {siteId && canScreen && (
              <Button icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="gate-register">{t('gate.registerWithoutPhone')}</Button>
            )}
            {siteId && (
              <Button icon={<QrcodeOutlined />} onClick={() => void navigate(`/sites/${encodeURIComponent(siteId)}/poster`)}>{t('poster.open')}</Button>
            )}
          </>
        )}
      />
      {site?.siteType === 'funeral' && (
        // Mourners are not the reception room's visitors: each event's register counts them against its cap.
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="gate-funeral-note"
          title={t('gate.funeralMourners')}
          action={<Link to={`/funeral?siteId=${encodeURIComponent(site.id)}`}>{t('gate.funeralMournersLink')}</Link>}
        />
      )}
      {!siteId
        ? <Card><Empty description={t('round.chooseSite')} /></Card>
        : gate.isError && !gate.data
          ? <ErrorResult error={gate.error} onRetry={() => void gate.refetch()} />
          : (
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <Card
                  title={t('gate.pendingTitle')}
                  extra={<Tag color={pending.length > 0 ? 'blue' : undefined} data-testid="pending-count">{pending.length}</Tag>}
                  loading={gate.isPending}
                >
                  {last && (
                    <Alert
                      type={last.status === 'admitted' ? 'success' : 'error'}
                      showIcon
                      closable={{ onClose: () => setLast(null) }}
                      style={{ marginBottom: 12 }}
                      data-testid="screen-result"
                      data-status={last.status}
                      title={last.status === 'admitted'
                        ? t('gate.resultAdmitted', { name: last.name })
                        : t('gate.resultRefused', { name: last.name })}
                      description={last.status === 'refused' ? t('gate.resultReasons', { reasons: refusalText(last.refusalReasons, t) }) : undefined}
                    />
                  )}
                  {!canScreen && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('gate.readOnly')} />}
                  {pending.length === 0
                    ? <Empty description={t('gate.nobodyPending')} />
                    : (
                      <Flex vertical gap={8}>
                        {pending.map((v) => (
                          <PendingCard
                            key={v.id}
                            visit={v}
                            policy={policy}
                            insideNow={gate.data?.insideNow ?? 0}
                            canScreen={canScreen}
                            expanded={expanded === v.id}
                            onToggle={() => setExpanded((cur) => (cur === v.id ? null : v.id))}
                            onScreened={onScreened}
                          />
                        ))}
                      </Flex>
                    )}
                </Card>
              </Col>
              <Col xs={24} md={12}>
                {gate.data ? <InsideBoard gate={gate.data} siteId={siteId} canScreen={canScreen} /> : <Card loading />}
              </Col>
            </Row>
          )}
      {registering && siteId && (
        <GuardRegistrationModal
          siteId={siteId}
          siteType={site?.siteType}
          idNumberRequired={policy?.screening.idNumberRequired ?? false}
          onClose={() => setRegistering(false)}
          onCreated={(visit) => {
            setRegistering(false);
            setExpanded(visit.id);
          }}
        />
      )}
    </>
  );
}
