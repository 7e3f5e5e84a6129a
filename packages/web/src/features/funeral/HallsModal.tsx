import { useState } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CreateHall, UpdateHall, type Hall } from '@fangkong/domain';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath, ZodCheck } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCreateHall, useUpdateHall } from './useFuneral';

interface Values {
  name?: string;
  capacity?: number | null;
  active?: boolean;
}

const FIELDS: readonly FieldPath[] = [['name'], ['capacity'], ['active']];

/** A hall added, or renamed, resized, taken out of use or back. */
function HallForm({ siteId, hall, onClose }: { siteId: string; hall: Hall | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateHall();
  const update = useUpdateHall();

  const validate = (onlyTouched: boolean): ZodCheck<CreateHall | UpdateHall> => {
    const v = form.getFieldsValue();
    if (!hall) return check(CreateHall, { siteId, name: v.name ?? '', capacity: v.capacity ?? undefined }, onlyTouched);
    // Only what changed is sent.
    return check(UpdateHall, {
      name: v.name !== hall.name ? v.name ?? '' : undefined,
      capacity: v.capacity !== hall.capacity ? v.capacity ?? undefined : undefined,
      active: v.active !== hall.active ? v.active : undefined,
    }, onlyTouched);
  };

  const submit = () => {
    const checked = validate(false);
    const data = readyToSubmit(checked);
    if (!data) return;
    const done = () => {
      void message.success(t('funeral.halls.saved'));
      onClose();
    };
    if (hall) update.mutate({ id: hall.id, patch: data }, { onSuccess: done, onError: fail });
    else create.mutate(data as CreateHall, { onSuccess: done, onError: fail });
  };

  return (
    <FormModal
      title={hall ? t('funeral.halls.editTitle', { hall: hall.name }) : t('funeral.halls.add')}
      saving={create.isPending || update.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitTestId="hall-submit"
      data-testid="hall-form"
    >
      <FormFailure failure={failure} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={hall ? { name: hall.name, capacity: hall.capacity, active: hall.active } : { active: true }}
        onValuesChange={() => validate(true)}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('funeral.halls.name')} required>
          <Input maxLength={40} data-testid="hall-name" />
        </Form.Item>
        <Form.Item name="capacity" label={t('funeral.halls.capacityLabel')} required>
          <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="hall-capacity" />
        </Form.Item>
        {hall && (
          <Form.Item name="active" label={t('funeral.halls.inService')} valuePropName="checked" extra={t('funeral.halls.inServiceHint')}>
            <Switch data-testid="hall-active" />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}

/** The site's halls, for holders of funeral.halls. */
export function HallsModal({ siteId, halls, onClose }: { siteId: string; halls: readonly Hall[]; onClose: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<Hall | 'new' | null>(null);
  const columns: TableColumnsType<Hall> = [
    { title: t('funeral.halls.name'), dataIndex: 'name' },
    { title: t('funeral.halls.capacityLabel'), dataIndex: 'capacity', width: 100, align: 'right' },
    { title: t('funeral.field.state'), key: 'active', width: 100, render: (_: unknown, h) => (h.active ? <Tag color="green">{t('funeral.halls.inService')}</Tag> : <Tag>{t('funeral.halls.outOfUse')}</Tag>) },
    {
      title: '', key: 'edit', width: 60,
      render: (_: unknown, h) => <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('funeral.halls.editTitle', { hall: h.name })} onClick={() => setEditing(h)} />,
    },
  ];
  return (
    <Modal open title={t('funeral.halls.manage')} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="hall-add">{t('funeral.halls.add')}</Button>
      <Table<Hall> rowKey="id" size="small" columns={columns} dataSource={[...halls]} pagination={false} data-testid="halls-table" />
      {editing && <HallForm siteId={siteId} hall={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Modal>
  );
}
