import { useState } from 'react';
import { EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Placement, Room, SiteType } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { filterByLabel, siteOptions } from '../people/peopleUi';
import { useVisibleSites } from '../people/usePeople';
import { EndPlacementModal, type EndTarget } from './EndPlacementModal';
import { PlacementFormModal } from './PlacementFormModal';
import { RoomFormModal, type RoomFormTarget } from './RoomFormModal';
import { usePlacements, useRooms } from './useHealth';
import { formatAt, today } from '../../components/shared/time';

const day = (at: string) => formatAt(at, 'YYYY-MM-DD');

function RoomCard({ room, onEdit, onEnd }: { room: Room; onEdit?: (() => void) | undefined; onEnd?: ((t: EndTarget) => void) | undefined }) {
  const t = useT();
  const full = room.free <= 0;
  return (
    <Card
      size="small"
      data-testid="room-card"
      data-room-name={room.name}
      style={{ height: '100%', opacity: room.active ? 1 : 0.6 }}
      title={(
        <Flex gap={8} align="center" wrap>
          <span>{room.name}</span>
          <Tag color={room.kind === 'isolation' ? 'volcano' : 'geekblue'} style={{ marginInlineEnd: 0 }}>{t(`roomKind.${room.kind}`)}</Tag>
          {room.singleRoom && <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('isolation.singleRoom')}</Tag>}
          {!room.active && <Tag style={{ marginInlineEnd: 0 }}>{t('isolation.inactive')}</Tag>}
        </Flex>
      )}
      extra={onEdit && <Button type="text" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={t('isolation.editRoom', { name: room.name })} />}
    >
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('isolation.capacityOf', { count: room.singleRoom ? 1 : room.capacity })}</Typography.Text>
          <Tag color={full ? 'red' : 'green'} data-testid="room-free">{full ? t('isolation.full') : t('isolation.freePlaces', { count: room.free })}</Tag>
        </Flex>
        <Flex gap={4} wrap>
          {room.awayFromCrowds && <Tag color="cyan">{t('isolation.awayFromCrowds')}</Tag>}
          {room.ventilated && <Tag color="cyan">{t('isolation.ventilated')}</Tag>}
          {room.ownToilet && <Tag color="cyan">{t('isolation.ownToilet')}</Tag>}
        </Flex>
        {room.note && <Typography.Text type="secondary">{room.note}</Typography.Text>}
        {room.occupants.length === 0
          ? <Typography.Text type="secondary">{t('isolation.noOccupants')}</Typography.Text>
          : (
            <List
              size="small"
              dataSource={room.occupants}
              renderItem={(o) => {
                const overdue = today() >= o.plannedEnd;
                return (
                  <List.Item
                    data-testid="room-occupant"
                    actions={onEnd ? [
                      <Button
                        key="end"
                        size="small"
                        onClick={() => onEnd({
                          placementId: o.placementId, personId: o.personId, personName: o.personName, roomName: room.name, startAt: o.startAt,
                          plannedEnd: o.plannedEnd, siteId: room.siteId,
                        })}
                        data-testid="placement-end"
                      >
                        {t('isolation.end')}
                      </Button>,
                    ] : undefined}
                  >
                    <Flex vertical gap={2}>
                      <Flex gap={6} wrap align="center">
                        <Link to={`/people/${o.personId}`}>{o.personName}</Link>
                        <Tag style={{ marginInlineEnd: 0 }}>{t(`placementReason.${o.reason}`)}</Tag>
                      </Flex>
                      <Typography.Text type={overdue ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                        {t('isolation.period', { start: day(o.startAt), end: o.plannedEnd })}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          )}
      </Flex>
    </Card>
  );
}

function EndedPlacements({ siteId }: { siteId: string }) {
  const t = useT();
  const ended = usePlacements({ siteId, active: false });
  const columns: TableColumnsType<Placement> = [
    { title: t('isolation.person'), dataIndex: 'personName', render: (_: unknown, p) => <Link to={`/people/${p.personId}`}>{p.personName}</Link> },
    { title: t('isolation.room'), dataIndex: 'roomName' },
    { title: t('isolation.reason'), dataIndex: 'reason', render: (_: unknown, p) => t(`placementReason.${p.reason}`) },
    { title: t('isolation.startAt'), dataIndex: 'startAt', render: (_: unknown, p) => day(p.startAt) },
    { title: t('isolation.endedOn'), dataIndex: 'endedAt', render: (_: unknown, p) => (p.endedAt ? day(p.endedAt) : '') },
    { title: t('isolation.outcome'), dataIndex: 'outcome', render: (_: unknown, p) => (p.outcome ? t(`placementOutcome.${p.outcome}`) : '') },
    { title: t('isolation.negativeTest'), dataIndex: 'negativeTest', render: (_: unknown, p) => (p.negativeTest ? formatAt(p.negativeTest.sampledAt, 'YYYY-MM-DD HH:mm') : '') },
  ];
  return (
    <QueryState query={ended}>
      {(rows) => (
        <Table<Placement>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={[...rows].sort((a, b) => (b.endedAt ?? '').localeCompare(a.endedAt ?? ''))}
          scroll={{ x: 800 }}
          pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('isolation.noEnded')} /> }}
        />
      )}
    </QueryState>
  );
}

/** The observation and isolation rooms of a site, who is in them, and placing and releasing people. */
export function IsolationPage() {
  const t = useT();
  const canAct = useCan('isolation.act');
  const canManage = useCan('isolation.manage');
  const [params, setParams] = useSearchParams();
  const { sites, query: sitesQuery } = useVisibleSites();
  const site = params.get('siteId') || undefined;
  const siteId = site ?? (sites.length === 1 ? sites[0]?.id : undefined);
  const siteType: SiteType | null | undefined = sites.find((s) => s.id === siteId)?.siteType;
  const rooms = useRooms(siteId);
  const [roomForm, setRoomForm] = useState<RoomFormTarget | null>(null);
  const [placing, setPlacing] = useState(false);
  const [ending, setEnding] = useState<EndTarget | null>(null);

  const totals = (rooms.data ?? []).filter((r) => r.active).reduce(
    (acc, r) => ({ free: acc.free + Math.max(0, r.free), occupied: acc.occupied + r.occupants.length }),
    { free: 0, occupied: 0 },
  );

  return (
    <>
      <PageHeader
        title={t('isolation.title')}
        extra={siteId && (
          <>
            {canAct && <Button type="primary" icon={<UserAddOutlined />} onClick={() => setPlacing(true)} data-testid="placement-open">{t('isolation.placeTitle')}</Button>}
            {canManage && (
              <Button icon={<PlusOutlined />} onClick={() => setRoomForm({ mode: 'create', siteId })} data-testid="room-add">{t('isolation.addRoom')}</Button>
            )}
          </>
        )}
      >
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <Select<string>
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('round.selectSite')}
            aria-label={t('people.field.site')}
            loading={sitesQuery.isPending}
            value={siteId}
            onChange={(v) => setParams({ siteId: v }, { replace: true })}
            options={siteOptions(sites)}
            style={{ minWidth: 240, maxWidth: '100%' }}
          />
          {rooms.data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {t('isolation.summary', { rooms: rooms.data.length, occupied: totals.occupied, free: totals.free })}
            </Typography.Text>
          )}
        </Flex>
      </PageHeader>
      {siteId === undefined
        ? <Card><Empty description={t('round.chooseSite')} /></Card>
        : (
          <Flex vertical gap={16}>
            <QueryState query={rooms}>
              {(list) => (list.length === 0
                ? (
                  <Card>
                    <Empty description={t('isolation.noRooms')}>
                      {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRoomForm({ mode: 'create', siteId })}>{t('isolation.addRoom')}</Button>}
                    </Empty>
                  </Card>
                )
                : (
                  <Row gutter={[16, 16]}>
                    {[...list].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh-CN')).map((r) => (
                      <Col key={r.id} xs={24} md={12} xl={8}>
                        <RoomCard
                          room={r}
                          onEdit={canManage ? () => setRoomForm({ mode: 'edit', room: r }) : undefined}
                          onEnd={canAct ? setEnding : undefined}
                        />
                      </Col>
                    ))}
                  </Row>
                ))}
            </QueryState>
            <Card title={<Tooltip title={t('isolation.endedHint')}>{t('isolation.endedTitle')}</Tooltip>} size="small">
              <EndedPlacements siteId={siteId} />
            </Card>
          </Flex>
        )}
      {roomForm && <RoomFormModal target={roomForm} onClose={() => setRoomForm(null)} />}
      {placing && siteId && <PlacementFormModal siteId={siteId} siteType={siteType} onClose={() => setPlacing(false)} />}
      {ending && <EndPlacementModal target={ending} siteType={siteType} onClose={() => setEnding(null)} />}
    </>
  );
}
