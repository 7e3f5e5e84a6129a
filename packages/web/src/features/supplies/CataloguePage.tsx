import { useState, type HTMLAttributes } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SupplyItem } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { ItemFormModal } from './ItemFormModal';
import { num } from './suppliesUi';
import { useSupplyItems, useUpdateSupplyItem } from './useSupplies';

/** `/supplies/items`: the catalogue of supplies; the bureau adds, edits and takes items out of use. */
export function CataloguePage() {
  const t = useT();
  const { message } = App.useApp();
  const canEdit = useCan('supplies.catalogue');
  const [showInactive, setShowInactive] = useState(true);
  const items = useSupplyItems(true);
  const update = useUpdateSupplyItem();
  const [editing, setEditing] = useState<SupplyItem | 'new' | null>(null);

  const setActive = (item: SupplyItem, active: boolean) => update.mutate({ id: item.id, patch: { active } }, {
    onSuccess: () => void message.success(active ? t('supplies.items.activated', { name: item.name }) : t('supplies.items.deactivated', { name: item.name })),
    onError: (e) => void message.error(errorLine(e, t)),
  });

  const columns: TableColumnsType<SupplyItem> = [
    { title: t('supplies.items.name'), dataIndex: 'name', width: 160, render: (_: unknown, i) => <Typography.Text strong={i.active} type={i.active ? undefined : 'secondary'}>{i.name}</Typography.Text> },
    { title: t('supplies.items.category'), dataIndex: 'category', width: 120, render: (_: unknown, i) => t(`supplies.category.${i.category}`) },
    { title: t('supplies.items.unit'), dataIndex: 'unit', width: 70 },
    { title: t('supplies.items.packSize'), dataIndex: 'packSize', width: 110, align: 'right', render: (_: unknown, i) => (i.packSize === null ? '—' : `${num(i.packSize)} ${i.unit}`) },
    {
      title: t('supplies.items.perHeadDaily'),
      dataIndex: 'perHeadDaily',
      width: 150,
      align: 'right',
      render: (_: unknown, i) => (i.perHeadDaily === null ? '—' : `${num(i.perHeadDaily)} ${i.unit}`),
    },
    {
      title: t('supplies.items.state'),
      dataIndex: 'active',
      width: 90,
      render: (_: unknown, i) => (i.active ? <Tag color="green">{t('supplies.items.active')}</Tag> : <Tag>{t('supplies.items.inactive')}</Tag>),
    },
    ...(canEdit ? [{
      title: '',
      key: 'actions',
      width: 160,
      render: (_: unknown, i: SupplyItem) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setEditing(i)} data-testid="item-edit">{t('common.edit')}</Button>
          {i.active
            ? (
              <Popconfirm title={t('supplies.items.deactivateConfirm', { name: i.name })} onConfirm={() => setActive(i, false)} okText={t('common.yes')} cancelText={t('common.no')}>
                <Button size="small" type="link" danger data-testid="item-deactivate">{t('supplies.items.deactivate')}</Button>
              </Popconfirm>
            )
            : <Button size="small" type="link" onClick={() => setActive(i, true)} data-testid="item-activate">{t('supplies.items.activate')}</Button>}
        </Flex>
      ),
    }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('supplies.items.title')}
        extra={canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-add">{t('supplies.items.add')}</Button>
        )}
      >
        <Flex gap={8} align="center" style={{ marginTop: 12 }}>
          <Switch id="items-inactive" checked={showInactive} onChange={setShowInactive} />
          <label htmlFor="items-inactive">{t('supplies.items.showInactive')}</label>
        </Flex>
      </PageHeader>
      <Card>
        <QueryState query={items}>
          {(list) => (
            <Table<SupplyItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={showInactive ? list : list.filter((i) => i.active)}
              pagination={false}
              scroll={{ x: 860 }}
              locale={{ emptyText: <Empty description={t('supplies.items.empty')} /> }}
              onRow={(i) => ({ 'data-testid': 'item-row', 'data-item-name': i.name }) as HTMLAttributes<HTMLElement>}
            />
          )}
        </QueryState>
      </Card>
      {editing !== null && <ItemFormModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
