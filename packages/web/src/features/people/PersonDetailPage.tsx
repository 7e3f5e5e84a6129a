import { useState } from 'react';
import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Person, PersonMove, RevealedPerson } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { PersonHealth } from '../health/PersonHealth';
import { JoinModal } from '../testing/JoinModal';
import { PersonTesting } from '../testing/PersonTesting';
import { PersonFormDrawer } from './PersonFormDrawer';
import { IdNumberCell, kindFields, mismatchTexts, PersonStatusTag } from './peopleUi';
import { usePerson, useRevealPerson, useVisibleSites } from './usePeople';
import { formatAt } from '../../components/shared/time';

const mono = { fontFamily: 'monospace' } as const;

function History({ history }: { history: PersonMove[] }) {
  const t = useT();
  if (history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.historyEmpty')} />;
  return (
    <Timeline
      items={history.map((m, i) => ({
        key: `${m.at}-${i}`,
        color: m.fromSiteName === null ? 'green' : 'blue',
        content: (
          <Flex vertical gap={2}>
            <Typography.Text type="secondary">{formatAt(m.at, 'YYYY-MM-DD HH:mm')}</Typography.Text>
            <Typography.Text>
              {m.fromSiteName === null
                ? t('people.historyRegistered', { site: m.toSiteName })
                : t('people.historyMoved', { from: m.fromSiteName, to: m.toSiteName })}
            </Typography.Text>
            {m.reason && <Typography.Text type="secondary">{t('people.historyReason', { reason: m.reason })}</Typography.Text>}
            {m.by && <Typography.Text type="secondary">{t('people.historyBy', { name: m.by })}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

function PersonFields({ person, revealed }: { person: Person; revealed: RevealedPerson | null }) {
  const t = useT();
  const f = kindFields(person.kind);
  const none = t('common.none');
  const text = (v: string | null) => v ?? none;
  const phone = (v: string | null) => (v ? <span style={mono}>{v}</span> : none);
  const problems = mismatchTexts(person, t);
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('people.field.name'), children: person.name },
    { key: 'kind', label: t('people.field.kind'), children: t(`personKind.${person.kind}`) },
    { key: 'site', label: t('people.field.site'), children: <Link to={`/sites/${person.siteId}`}>{person.siteName}</Link> },
    { key: 'status', label: t('people.field.status'), children: <PersonStatusTag status={person.status} kind={person.kind} /> },
    {
      key: 'idNumber',
      label: t('people.field.idNumber'),
      children: <IdNumberCell person={person} idNumber={revealed ? revealed.idNumber : undefined} />,
    },
    { key: 'sex', label: t('people.field.sex'), children: person.sex ? t(`sex.${person.sex}`) : none },
    { key: 'birthDate', label: t('people.field.birthDate'), children: text(person.birthDate) },
    { key: 'phone', label: t('people.field.phone'), children: phone(revealed ? revealed.phone : person.phone) },
    ...(f.post ? [{ key: 'post', label: t('people.field.post'), children: text(person.post) }] : []),
    ...(f.roomBed
      ? [
        { key: 'room', label: t('people.field.room'), children: text(person.room) },
        { key: 'bed', label: t('people.field.bed'), children: text(person.bed) },
      ]
      : []),
    ...(f.household ? [{ key: 'household', label: t('people.field.household'), children: text(person.room) }] : []),
    { key: 'joinedOn', label: t('people.field.joinedOn'), children: text(person.joinedOn) },
    { key: 'leftOn', label: t('people.field.leftOn'), children: text(person.leftOn) },
    { key: 'emergencyContactName', label: t('people.field.emergencyContactName'), children: text(person.emergencyContactName) },
    {
      key: 'emergencyContactPhone',
      label: t('people.field.emergencyContactPhone'),
      children: phone(revealed ? revealed.emergencyContactPhone : person.emergencyContactPhone),
    },
    {
      key: 'notes',
      label: t('people.field.notes'),
      span: 'filled',
      children: person.notes ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{person.notes}</Typography.Text> : none,
    },
    { key: 'createdAt', label: t('people.field.createdAt'), children: formatAt(person.createdAt, 'YYYY-MM-DD HH:mm') },
    { key: 'updatedAt', label: t('people.field.updatedAt'), children: formatAt(person.updatedAt, 'YYYY-MM-DD HH:mm') },
  ];
  return (
    <Flex vertical gap={12}>
      {(person.idUnknown || problems.length > 0 || person.intakeSince) && (
        <Flex gap={8} wrap>
          {person.intakeSince && (
            <Tag color="geekblue" data-testid="person-intake">{t('people.inIntakeSince', { date: person.intakeSince })}</Tag>
          )}
          {person.idUnknown && <Tag color="orange">{t('people.idUnknown')}</Tag>}
          {problems.map((p) => <Tag key={p} color="warning">{p}</Tag>)}
        </Flex>
      )}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={items} data-testid="person-fields" />
    </Flex>
  );
}

/** One person: all fields, the site history, revealing the ID number (audited) and editing. */
export function PersonDetailPage() {
  const { id = '' } = useParams();
  // A different person starts with everything hidden again.
  return <PersonDetail key={id} id={id} />;
}

function PersonDetail({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const canWrite = useCan('people.write');
  const canReveal = useCan('people.reveal');
  const canReadHealth = useCan('health.read');
  const canReadTesting = useCan('testing.read');
  const detail = usePerson(id);
  const reveal = useRevealPerson(id);
  const { sites } = useVisibleSites();
  // Only in this component's state: leaving the page forgets the revealed values.
  const [revealed, setRevealed] = useState<RevealedPerson | null>(null);
  const [editing, setEditing] = useState(false);
  const [joining, setJoining] = useState(false);

  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  const person = detail.data?.person;

  const onReveal = () => {
    reveal.mutate(undefined, {
      onSuccess: (values) => setRevealed(values),
      onError: (e) => void message.error([t('people.revealFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')),
    });
  };

  return (
    <>
      <PageHeader
        title={person?.name ?? t('people.detailTitle')}
        extra={(
          <>
            {canReveal && person && (revealed
              ? <Button icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>{t('people.hide')}</Button>
              : (
                <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={onReveal} data-testid="person-reveal">
                  {t('people.reveal')}
                </Button>
              ))}
            {canWrite && person?.intakeSince && person.status !== 'left' && (
              <Button icon={<LoginOutlined />} onClick={() => setJoining(true)} data-testid="person-join">{t('testing.join.action')}</Button>
            )}
            {canWrite && person && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('common.edit')}</Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void (location.key === 'default' ? navigate('/people') : navigate(-1))}>{t('common.back')}</Button>
          </>
        )}
      />
      <Flex vertical gap={16}>
        {revealed && (
          <Alert type="warning" showIcon title={t('people.revealedTitle')} description={t('people.revealedNotice')} data-testid="person-revealed" />
        )}
        <Card title={t('people.detailTitle')} loading={detail.isPending}>
          {person && <PersonFields person={person} revealed={revealed} />}
        </Card>
        <Card title={t('people.history')} loading={detail.isPending}>
          {detail.data && <History history={detail.data.history} />}
        </Card>
        {canReadTesting && person && <PersonTesting person={person} />}
        {canReadHealth && person && (
          <PersonHealth personId={person.id} siteId={person.siteId} siteType={sites.find((s) => s.id === person.siteId)?.siteType} />
        )}
      </Flex>
      {joining && person && <JoinModal person={person} onClose={() => setJoining(false)} />}
      {editing && person && (
        <PersonFormDrawer
          target={{ mode: 'edit', person }}
          sites={sites}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            // The stored values may have changed: what was revealed may be stale.
            setRevealed(null);
          }}
        />
      )}
    </>
  );
}
