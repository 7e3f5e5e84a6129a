import { useMemo, useState } from 'react';
import {
  Alert, App, Button, Checkbox, Col, DatePicker, Empty, Flex, Form, Grid, Modal, Radio, Row, Select, Skeleton, TimePicker, Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { CreateSession, SESSION_SELECTIONS, type SampleType, type SessionSelection } from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import { NoteField, PointAndLabFields, SampleTypeField } from './sampleFields';
import { DUE_ALL, useCreateSession, useDueList, useTownsAndSites } from './useTesting';
import { today as todayInZone } from '../../components/shared/time';

interface Values {
  townId?: string;
  date?: Dayjs | null;
  startTime?: Dayjs | null;
  collectionPoint?: string;
  lab?: string;
  sampleType?: SampleType;
  siteIds?: string[];
  selection?: SessionSelection;
  note?: string;
}

const FIELDS: readonly FieldPath[] = [
  ['townId'], ['date'], ['startTime'], ['collectionPoint'], ['lab'], ['sampleType'], ['siteIds'], ['selection'], ['note'],
];

/** What the form may start with, e.g. the sites of the due list in view. */
export interface SessionPreset {
  townId?: string | undefined;
  siteIds?: readonly string[] | undefined;
  /** YYYY-MM-DD. */
  date?: string | undefined;
}

function toInput(v: Values): Record<string, unknown> {
  return {
    townId: v.townId,
    date: v.date ? v.date.format('YYYY-MM-DD') : '',
    startTime: v.startTime ? v.startTime.format('HH:mm') : undefined,
    collectionPoint: v.collectionPoint ?? '',
    lab: blank(v.lab),
    sampleType: v.sampleType,
    siteIds: v.siteIds ?? [],
    selection: v.selection,
    note: blank(v.note),
  };
}

/**
 * Organises a sampling session (集中采样) of a town: where and when, which of its sites, and whom
 * to list. Opens the new session's page when created.
 */
export function SessionFormModal({ preset, onClose }: { preset?: SessionPreset | undefined; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { towns, sites, query: nodesQuery } = useTownsAndSites();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateSession();
  const [today] = useState(todayInZone);

  const townId = Form.useWatch('townId', form);
  const date = Form.useWatch('date', form);
  const siteIds = Form.useWatch('siteIds', form);
  const selection = Form.useWatch('selection', form);
  // One town: nothing to choose (a town officer's usual case).
  const effectiveTown = townId ?? (towns.length === 1 ? towns[0]?.id : undefined);
  const townSites = useMemo(() => sites.filter((s) => s.townId === effectiveTown), [sites, effectiveTown]);

  // How many people the list will have, from the due states on the session's day.
  const day = date ? date.format('YYYY-MM-DD') : today;
  const due = useDueList(
    { townId: effectiveTown, on: day, status: selection === 'all_required' ? 'all' : 'due_or_overdue' },
    DUE_ALL,
    0,
    effectiveTown !== undefined,
  );
  const counts = useMemo(() => {
    const bySite = new Map<string, number>();
    for (const e of due.data?.entries ?? []) {
      if (e.status === 'not_required' || e.status === 'on_leave') continue;
      bySite.set(e.siteId, (bySite.get(e.siteId) ?? 0) + 1);
    }
    return bySite;
  }, [due.data]);
  const listed = (siteIds ?? []).reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);

  const initialValues: Values = {
    townId: preset?.townId ?? (towns.length === 1 ? towns[0]?.id : undefined),
    date: dayjs(preset?.date ?? today),
    sampleType: 'throat_swab',
    siteIds: [...(preset?.siteIds ?? [])],
    selection: 'due',
  };

  const validate = (onlyTouched: boolean) => check(CreateSession, toInput({ ...form.getFieldsValue(), townId: effectiveTown }), onlyTouched);

  const onValuesChange = (changed: Partial<Values>) => {
    // Sites of another town cannot be in the session.
    if ('townId' in changed) {
      const chosen = (form.getFieldValue('siteIds') as string[] | undefined) ?? [];
      form.setFieldsValue({ siteIds: chosen.filter((id) => sites.some((s) => s.id === id && s.townId === changed.townId)) });
    }
    validate(true);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ session, people }) => {
        void message.success(t('testing.session.created', { count: people.length }));
        onClose();
        void navigate(`/testing/sessions/${session.id}`);
      },
      onError: fail,
    });
  };

  const allChecked = townSites.length > 0 && townSites.every((s) => siteIds?.includes(s.id));
  const half = { xs: 24, md: 12 };

  return (
    <Modal
      open
      title={t('testing.session.createTitle')}
      onCancel={onClose}
      width={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={submit} data-testid="session-submit">
          {t('testing.session.create')}
        </Button>,
      ]}
    >
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} data-testid="session-form-error" />
      )}
      {/* The town's default needs the towns: the form starts once they are known. */}
      {nodesQuery.isPending ? <Skeleton active /> : (
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onValuesChange={onValuesChange} onFinish={submit}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="townId" label={t('testing.field.town')} required>
                <Select
                  showSearch={{ filterOption: filterByLabel }}
                  placeholder={t('testing.selectTown')}
                  options={towns.map((tw) => ({ value: tw.id, label: tw.name }))}
                  data-testid="session-form-town"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="date" label={t('testing.field.date')} required>
                <DatePicker allowClear={false} inputReadOnly={!screens.md} style={{ width: '100%' }} data-testid="session-form-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="startTime" label={t('testing.field.startTime')}>
                <TimePicker format="HH:mm" minuteStep={5} inputReadOnly={!screens.md} style={{ width: '100%' }} needConfirm={false} />
              </Form.Item>
            </Col>
            <PointAndLabFields pointRequired pointTestId="session-form-point" />
            <SampleTypeField />
            <Col {...half}>
              <Form.Item name="selection" label={t('testing.session.selection')}>
                <Radio.Group
                  options={SESSION_SELECTIONS.map((s) => ({ value: s, label: t(`sessionSelection.${s}`) }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item
                name="siteIds"
                label={(
                  <Flex gap={8} align="center" wrap>
                    <span>{t('testing.session.sites')}</span>
                    {townSites.length > 1 && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => {
                          form.setFieldsValue({ siteIds: allChecked ? [] : townSites.map((s) => s.id) });
                          validate(true);
                        }}
                      >
                        {allChecked ? t('testing.session.noSites') : t('testing.session.allSites')}
                      </Button>
                    )}
                  </Flex>
                )}
                required
                extra={siteIds && siteIds.length > 0 && due.data
                  ? t('testing.session.willList', { count: listed })
                  : undefined}
              >
                {effectiveTown === undefined
                  ? <Typography.Text type="secondary">{t('testing.session.chooseTownFirst')}</Typography.Text>
                  : townSites.length === 0
                    ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('testing.noSites')} />
                    : (
                      <Checkbox.Group data-testid="session-form-sites" style={{ width: '100%' }}>
                        <Row gutter={[8, 8]} style={{ width: '100%' }}>
                          {townSites.map((s) => (
                            <Col key={s.id} xs={24} sm={12}>
                              <Checkbox value={s.id} data-site-name={s.name}>
                                <span>{s.name}</span>
                                {due.data && (
                                  <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                                    {t('testing.session.siteCount', { count: counts.get(s.id) ?? 0 })}
                                  </Typography.Text>
                                )}
                              </Checkbox>
                            </Col>
                          ))}
                        </Row>
                      </Checkbox.Group>
                    )}
              </Form.Item>
            </Col>
            <NoteField />
          </Row>
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      )}
    </Modal>
  );
}
