import { useMemo } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import {
  CreatePlacement, PLACEMENT_REASONS, placementRefusal, type PlacementReason, type Room, type SiteType,
} from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { filterByLabel, placeText } from '../people/peopleUi';
import { usePeopleList } from '../people/usePeople';
import { useSiteMonitoring } from './healthUi';
import { useCreatePlacement, useRooms } from './useHealth';

interface Values {
  personId?: string;
  roomId?: string;
  reason?: PlacementReason;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [['personId'], ['roomId'], ['reason'], ['note']];

export interface PlacementPreset {
  personId?: string | undefined;
  personName?: string | undefined;
  reason?: PlacementReason | undefined;
  /** The alert this placement answers: its "isolate" step is done with it. */
  alertId?: string | undefined;
}

function toInput(v: Values, alertId: string | undefined): Record<string, unknown> {
  const note = v.note?.trim();
  return { personId: v.personId, roomId: v.roomId, reason: v.reason, ...(alertId ? { alertId } : {}), ...(note ? { note } : {}) };
}

/** Places a present person of a site in an observation or isolation room that has room for them. */
export function PlacementFormModal({ siteId, siteType, preset, onClose, onPlaced }: {
  siteId: string;
  siteType?: SiteType | null | undefined;
  preset?: PlacementPreset | undefined;
  onClose: () => void;
  onPlaced?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const people = usePeopleList({ siteId, status: 'present' }, 500, 0);
  const rooms = useRooms(siteId);
  const { policy } = useSiteMonitoring(siteId, siteType);
  const create = useCreatePlacement();
  const reason = Form.useWatch('reason', form);
  const singleRoomReasons = policy?.isolation.singleRoomReasons ?? [];

  const placedIds = useMemo(
    () => new Set((rooms.data ?? []).flatMap((r) => r.occupants.map((o) => o.personId))),
    [rooms.data],
  );

  const personOptions = useMemo(() => {
    const list = (people.data?.people ?? []).map((p) => {
      const place = placeText(p);
      const placed = placedIds.has(p.id);
      return {
        value: p.id,
        label: [p.name, place, placed ? t('isolation.alreadyPlaced') : ''].filter(Boolean).join(' · '),
        disabled: placed,
      };
    });
    if (preset?.personId && !list.some((o) => o.value === preset.personId)) {
      list.unshift({ value: preset.personId, label: preset.personName ?? preset.personId, disabled: false });
    }
    return list;
  }, [people.data, placedIds, preset, t]);

  const refusalText = (room: Room): string | undefined => {
    const refusal = placementRefusal(room, room.occupants, reason ?? '', singleRoomReasons);
    return refusal ? t(`isolation.refusal.${refusal}`) : undefined;
  };

  const roomOptions = (rooms.data ?? []).filter((r) => r.active).map((r) => {
    const refusal = refusalText(r);
    return {
      value: r.id,
      disabled: refusal !== undefined,
      label: [
        r.name,
        t(`roomKind.${r.kind}`),
        r.singleRoom ? t('isolation.singleRoom') : undefined,
        t('isolation.freePlaces', { count: r.free }),
        refusal,
      ].filter(Boolean).join(' · '),
    };
  });

  const validate = (onlyTouched: boolean) => check(CreatePlacement, toInput(form.getFieldsValue(), preset?.alertId), onlyTouched);

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    create.mutate(data, {
      onSuccess: ({ placement }) => {
        void message.success(t('isolation.placed', { name: placement.personName, room: placement.roomName, until: placement.plannedEnd }));
        onPlaced?.();
        onClose();
      },
      onError: (e) => {
        fail(e);
        if (isApiError(e) && e.code === 'conflict') form.setFields([{ name: 'roomId', errors: [serverDetail(e) ?? t('error.conflict')] }]);
      },
    });
  };

  return (
    <Modal
      open
      title={t('isolation.placeTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={submit} data-testid="placement-submit">
          {t('isolation.place')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} data-testid="placement-error" />
      )}
      {preset?.alertId && <Typography.Paragraph type="secondary">{t('isolation.fromAlert')}</Typography.Paragraph>}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ personId: preset?.personId, reason: preset?.reason }}
        onValuesChange={() => validate(true)}
        onFinish={submit}
      >
        <Form.Item name="personId" label={t('isolation.person')} required>
          <Select
            showSearch={{ filterOption: filterByLabel }}
            loading={people.isPending}
            disabled={preset?.personId !== undefined}
            options={personOptions}
            placeholder={t('isolation.selectPerson')}
            data-testid="placement-person"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('isolation.reason')} required>
          <Select
            options={PLACEMENT_REASONS.map((r) => ({ value: r, label: t(`placementReason.${r}`) }))}
            data-testid="placement-reason"
          />
        </Form.Item>
        <Form.Item
          name="roomId"
          label={t('isolation.room')}
          required
          extra={reason && singleRoomReasons.includes(reason) ? t('isolation.needsSingle') : undefined}
        >
          <Select
            loading={rooms.isPending}
            options={roomOptions}
            placeholder={t('isolation.selectRoom')}
            notFoundContent={t('isolation.noRooms')}
            data-testid="placement-room"
          />
        </Form.Item>
        <Form.Item name="note" label={t('isolation.note')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
