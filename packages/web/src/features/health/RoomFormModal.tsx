import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Switch } from 'antd';
import { CreateRoom, ROOM_KINDS, UpdateRoom, type Room, type RoomKind } from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCreateRoom, useUpdateRoom } from './useHealth';

interface Values {
  name?: string;
  kind?: RoomKind;
  capacity?: number | null;
  singleRoom?: boolean;
  awayFromCrowds?: boolean;
  ventilated?: boolean;
  ownToilet?: boolean;
  note?: string;
  active?: boolean;
}

const FIELDS: readonly FieldPath[] = [
  ['name'], ['kind'], ['capacity'], ['singleRoom'], ['awayFromCrowds'], ['ventilated'], ['ownToilet'], ['note'], ['active'],
];

export type RoomFormTarget = { mode: 'create'; siteId: string } | { mode: 'edit'; room: Room };

function toInput(target: RoomFormTarget, v: Values): Record<string, unknown> {
  const note = v.note?.trim();
  const common = {
    name: v.name ?? '',
    kind: v.kind,
    capacity: v.capacity ?? undefined,
    singleRoom: Boolean(v.singleRoom),
    awayFromCrowds: Boolean(v.awayFromCrowds),
    ventilated: Boolean(v.ventilated),
    ownToilet: Boolean(v.ownToilet),
  };
  if (target.mode === 'create') return { siteId: target.siteId, ...common, ...(note ? { note } : {}) };
  return { ...common, note: note ? note : null, active: Boolean(v.active) };
}

/** Sets up an observation or isolation room, or changes one; checked by the domain schema as one types. */
export function RoomFormModal({ target, onClose }: { target: RoomFormTarget; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail: onError } = useZodForm<Values>(FIELDS);
  const create = useCreateRoom();
  const update = useUpdateRoom(target.mode === 'edit' ? target.room.id : '');
  const room = target.mode === 'edit' ? target.room : undefined;

  const initial: Values = room
    ? {
      name: room.name, kind: room.kind, capacity: room.capacity, singleRoom: room.singleRoom, awayFromCrowds: room.awayFromCrowds,
      ventilated: room.ventilated, ownToilet: room.ownToilet, note: room.note ?? '', active: room.active,
    }
    : { kind: 'observation', capacity: 1, singleRoom: true, awayFromCrowds: true, ventilated: true, ownToilet: true, note: '' };

  const validate = (onlyTouched: boolean) =>
    check(target.mode === 'create' ? CreateRoom : UpdateRoom, toInput(target, form.getFieldsValue()), onlyTouched);

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    const onSuccess = ({ room: saved }: { room: Room }) => {
      void message.success(t('isolation.roomSaved', { name: saved.name }));
      onClose();
    };
    if (target.mode === 'create') create.mutate(data as CreateRoom, { onSuccess, onError });
    else update.mutate(data, { onSuccess, onError });
  };

  return (
    <Modal
      open
      title={room ? t('isolation.editRoom', { name: room.name }) : t('isolation.addRoom')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending || update.isPending} onClick={submit} data-testid="room-submit">
          {t('common.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {failure !== null && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onValuesChange={() => validate(true)} onFinish={submit}>
        <Row gutter={16}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('isolation.roomName')} required>
              <Input maxLength={40} autoFocus data-testid="room-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="capacity" label={t('isolation.capacity')} required>
              <InputNumber<number> min={1} max={50} precision={0} style={{ width: '100%' }} data-testid="room-capacity" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="kind" label={t('isolation.kind')} required>
          <Radio.Group optionType="button" options={ROOM_KINDS.map((k) => ({ value: k, label: t(`roomKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="singleRoom" valuePropName="checked" extra={t('isolation.singleRoomHint')} style={{ marginBottom: 8 }}>
          <Checkbox>{t('isolation.singleRoom')}</Checkbox>
        </Form.Item>
        <Form.Item name="awayFromCrowds" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('isolation.awayFromCrowds')}</Checkbox>
        </Form.Item>
        <Form.Item name="ventilated" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('isolation.ventilated')}</Checkbox>
        </Form.Item>
        <Form.Item name="ownToilet" valuePropName="checked">
          <Checkbox>{t('isolation.ownToilet')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('isolation.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {room && (
          <Form.Item name="active" valuePropName="checked" label={t('isolation.active')} extra={t('isolation.activeHint')}>
            <Switch />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
