import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Flex, Form, Grid, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  checkIdNumber, CreatePerson, kindAllowedAt, PERSON_KINDS, PERSON_KINDS_BY_SITE_TYPE, PERSON_STATUSES, SEXES, UpdatePerson,
  type OrgNode, type Person, type PersonKind, type PersonStatus, type Sex, type SiteType,
} from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { useOrgNodes } from '../org/useOrg';
import type { SiteRow } from '../sites/siteRows';
import { filterByLabel, kindFields, siteOptions, statusText } from './peopleUi';
import { useCreatePerson, useUpdatePerson } from './usePeople';
import { today as todayInZone } from '../../components/shared/time';

interface Values {
  siteId?: string;
  /** A community resident's compound or building. */
  gridNodeId?: string | null;
  moveReason?: string;
  name?: string;
  kind?: PersonKind;
  sex?: Sex | null;
  birthDate?: Dayjs | null;
  idNumber?: string;
  idUnknown?: boolean;
  phone?: string;
  post?: string;
  room?: string;
  bed?: string;
  status?: PersonStatus;
  joinedOn?: Dayjs | null;
  leftOn?: Dayjs | null;
  emergencyContactName?: string;
  emergencyContactPhone?: string;
  notes?: string;
  /** Create only: a new arrival, in intake (test and observation) until joined. */
  newIntake?: boolean;
}

export type PersonFormTarget = { mode: 'create'; siteId?: string | undefined } | { mode: 'edit'; person: Person };

const FIELDS: readonly FieldPath[] = [
  ['siteId'], ['gridNodeId'], ['moveReason'], ['name'], ['kind'], ['sex'], ['birthDate'], ['idNumber'], ['idUnknown'], ['phone'], ['post'],
  ['room'], ['bed'], ['status'], ['joinedOn'], ['leftOn'], ['emergencyContactName'], ['emergencyContactPhone'], ['notes'], ['newIntake'],
];

function day(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format('YYYY-MM-DD') : undefined;
}

/** The kinds a type of site registers; all where the type is not known (a site out of view). */
function kindsAt(siteType: SiteType | null | undefined): readonly PersonKind[] {
  return siteType ? PERSON_KINDS_BY_SITE_TYPE[siteType] : PERSON_KINDS;
}

/** The compounds and buildings of a community, each named with its compound. */
function gridCells(nodes: readonly OrgNode[], siteId: string | undefined) {
  const site = nodes.find((n) => n.id === siteId);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // A grid worker sees their own cells but not the community above them.
  const inside = (n: OrgNode) => (site ? n.id !== site.id && n.path.startsWith(site.path) : n.kind === 'compound' || n.kind === 'building');
  return nodes
    .filter(inside)
    .map((n) => {
      const parent = n.parentId && n.parentId !== site?.id ? byId.get(n.parentId) : undefined;
      return { value: n.id, label: parent ? `${parent.name} · ${n.name}` : n.name };
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

function initialValues(target: PersonFormTarget, sites: readonly SiteRow[]): Values {
  if (target.mode === 'create') {
    const siteType = sites.find((s) => s.id === target.siteId)?.siteType;
    return { siteId: target.siteId, kind: siteType ? kindsAt(siteType)[0] : undefined, status: 'present', idUnknown: false, newIntake: false };
  }
  const p = target.person;
  return {
    siteId: p.siteId,
    gridNodeId: p.gridNodeId,
    name: p.name,
    kind: p.kind,
    sex: p.sex,
    birthDate: p.birthDate ? dayjs(p.birthDate) : null,
    // ID number and phones come masked: the fields start empty and keep the stored value when left so.
    idNumber: '',
    idUnknown: p.idUnknown,
    phone: '',
    post: p.post ?? '',
    room: p.room ?? '',
    bed: p.bed ?? '',
    status: p.status,
    joinedOn: p.joinedOn ? dayjs(p.joinedOn) : null,
    leftOn: p.leftOn ? dayjs(p.leftOn) : null,
    emergencyContactName: p.emergencyContactName ?? '',
    emergencyContactPhone: '',
    notes: p.notes ?? '',
  };
}

/** The request body the form's values make (before the schema checks it). */
function toInput(target: PersonFormTarget, v: Values): Record<string, unknown> {
  const f = kindFields(v.kind);
  if (target.mode === 'create') {
    return {
      siteId: v.siteId,
      gridNodeId: f.household ? v.gridNodeId ?? undefined : undefined,
      name: v.name ?? '',
      kind: v.kind,
      sex: v.sex ?? undefined,
      birthDate: day(v.birthDate),
      idNumber: v.idUnknown ? undefined : blank(v.idNumber),
      idUnknown: v.idUnknown ? true : undefined,
      phone: blank(v.phone),
      post: f.post ? blank(v.post) : undefined,
      room: f.roomBed || f.household ? blank(v.room) : undefined,
      bed: f.roomBed ? blank(v.bed) : undefined,
      status: v.status,
      joinedOn: day(v.joinedOn),
      leftOn: day(v.leftOn),
      emergencyContactName: blank(v.emergencyContactName),
      emergencyContactPhone: blank(v.emergencyContactPhone),
      notes: blank(v.notes),
      newIntake: v.newIntake ? true : undefined,
    };
  }
  const moved = v.siteId !== undefined && v.siteId !== target.person.siteId;
  return {
    siteId: moved ? v.siteId : undefined,
    gridNodeId: f.household && (moved || (v.gridNodeId ?? null) !== target.person.gridNodeId) ? v.gridNodeId ?? null : undefined,
    moveReason: moved ? blank(v.moveReason) : undefined,
    name: v.name ?? '',
    kind: v.kind,
    sex: v.sex ?? null,
    birthDate: day(v.birthDate) ?? null,
    idUnknown: Boolean(v.idUnknown),
    // Empty keeps the stored (masked) number; "identity unknown" clears it.
    idNumber: v.idUnknown ? null : blank(v.idNumber),
    phone: blank(v.phone),
    post: f.post ? blank(v.post) ?? null : null,
    room: f.roomBed || f.household ? blank(v.room) ?? null : null,
    bed: f.roomBed ? blank(v.bed) ?? null : null,
    status: v.status,
    joinedOn: day(v.joinedOn) ?? null,
    leftOn: day(v.leftOn) ?? null,
    emergencyContactName: blank(v.emergencyContactName) ?? null,
    emergencyContactPhone: blank(v.emergencyContactPhone),
    notes: blank(v.notes) ?? null,
  };
}

interface Props {
  target: PersonFormTarget;
  sites: readonly SiteRow[];
  onClose: () => void;
  onSaved: (person: Person) => void;
}

/** Adds a person or edits one (which may move them to another site); a full-width drawer on phones. */
export function PersonFormDrawer({ target, sites, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const { form, failure, setFailure, check, placeServerErrors } = useZodForm<Values>(FIELDS);
  const [today] = useState(todayInZone);
  const [prefilled, setPrefilled] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const create = useCreatePerson();
  const update = useUpdatePerson(target.mode === 'edit' ? target.person.id : '');
  const person = target.mode === 'edit' ? target.person : undefined;

  const kind = Form.useWatch('kind', form);
  const idUnknown = Form.useWatch('idUnknown', form);
  const idNumber = Form.useWatch('idNumber', form);
  const sex = Form.useWatch('sex', form);
  const birthDate = Form.useWatch('birthDate', form);
  const siteId = Form.useWatch('siteId', form);
  const f = kindFields(kind);
  const moved = person !== undefined && siteId !== undefined && siteId !== person.siteId;
  const siteType = sites.find((s) => s.id === siteId)?.siteType;
  const kinds = kindsAt(siteType);
  const nodes = useOrgNodes(f.household);
  const cells = useMemo(() => gridCells(nodes.data ?? [], siteId), [nodes.data, siteId]);

  // What the ID number says, against what was entered; for a stored number, the server's flags.
  const typedId = !idUnknown && idNumber ? checkIdNumber(idNumber, today) : undefined;
  const fromId = typedId?.ok ? typedId : undefined;
  const sexDisagrees = fromId
    ? !!sex && sex !== fromId.sex
    : !typedId && person !== undefined && person.flags.sexMismatch && sex === person.sex;
  const birthDisagrees = fromId
    ? !!birthDate && day(birthDate) !== fromId.birthDate
    : !typedId && person !== undefined && person.flags.birthDateMismatch && day(birthDate) === (person.birthDate ?? undefined);

  useEffect(() => {
    if (failure !== null) alertRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [failure]);

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const schema = target.mode === 'create' ? CreatePerson : UpdatePerson;
    const result = check(schema, toInput(target, values), onlyTouched);
    // An edit may keep the stored number, so the schema cannot tell that none is left.
    if (person && !values.idUnknown && !blank(values.idNumber) && !person.idNumber && (!onlyTouched || form.isFieldTouched('idNumber'))) {
      form.setFields([{ name: 'idNumber', errors: [fieldMessage('id_number.required')] }]);
      return { ...result, data: undefined };
    }
    return result;
  };

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if ('idNumber' in changed && !all.idUnknown && all.idNumber) {
      const r = checkIdNumber(all.idNumber, today);
      if (r.ok) {
        const patch: Partial<Values> = {};
        if (!all.sex) patch.sex = r.sex;
        if (!all.birthDate) patch.birthDate = dayjs(r.birthDate);
        if (Object.keys(patch).length > 0) {
          form.setFieldsValue(patch);
          setPrefilled(true);
        }
      }
    }
    if ('idUnknown' in changed && changed.idUnknown) form.setFieldsValue({ idNumber: '' });
    // Another site offers other kinds (a rescue station registers no "resident") and other grid cells.
    if ('siteId' in changed) {
      const type = sites.find((s) => s.id === changed.siteId)?.siteType;
      form.setFieldsValue({ gridNodeId: null, ...(type && (!all.kind || !kindAllowedAt(all.kind, type)) ? { kind: kindsAt(type)[0] } : {}) });
    }
    validate(true);
  };

  const onError = (e: unknown) => {
    const placed = placeServerErrors(e);
    const conflict = isApiError(e) && e.code === 'conflict';
    if (conflict) form.setFields([{ name: 'idNumber', errors: [serverDetail(e) ?? t('people.conflictTitle')] }]);
    setFailure(placed && !conflict ? null : e);
  };

  const submit = () => {
    const { data, formErrors } = validate(false);
    if (!data) {
      if (formErrors.length > 0) void message.error(formErrors.join(' · '));
      else void message.error(t('common.formHasErrors'));
      return;
    }
    setFailure(null);
    if (target.mode === 'create') {
      create.mutate(toInput(target, form.getFieldsValue()) as CreatePerson, {
        onSuccess: ({ person: saved }) => {
          void message.success(t('people.created', { name: saved.name }));
          onSaved(saved);
        },
        onError,
      });
    } else {
      update.mutate(toInput(target, form.getFieldsValue()), {
        onSuccess: ({ person: saved }) => {
          void message.success(t('people.updated', { name: saved.name }));
          onSaved(saved);
        },
        onError,
      });
    }
  };

  const isConflict = isApiError(failure) && failure.code === 'conflict';
  const half = { xs: 24, md: 12 };

  return (
    <Drawer
      open
      onClose={onClose}
      title={person ? t('people.editTitle', { name: person.name }) : t('people.addTitle')}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={(
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={submit} data-testid="person-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    >
      <div ref={alertRef}>
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={isConflict ? t('people.conflictTitle') : errorText(failure, t)}
            description={serverDetail(failure)}
            data-testid="person-form-error"
          />
        )}
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(target, sites)}
        onValuesChange={onValuesChange}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={person ? 12 : 24}>
            <Form.Item name="siteId" label={t('people.field.site')} required extra={person ? t('people.moveHint') : undefined}>
              <Select
                showSearch={{ filterOption: filterByLabel }}
                placeholder={t('people.selectSite')}
                options={siteOptions(sites.some((s) => s.id === person?.siteId) || !person
                  ? sites
                  : [{ id: person.siteId, name: person.siteName, siteType: null, town: null, code: null, address: null }, ...sites])}
              />
            </Form.Item>
          </Col>
          {moved && (
            <Col {...half}>
              <Form.Item name="moveReason" label={t('people.field.moveReason')}>
                <Input maxLength={200} placeholder={t('people.moveReasonPlaceholder')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="name" label={t('people.field.name')} required>
              <Input maxLength={50} autoFocus={!person} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('people.field.kind')} required>
              <Select options={kinds.map((k) => ({ value: k, label: t(`personKind.${k}`) }))} data-testid="person-kind" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="idNumber"
              label={t('people.field.idNumber')}
              required={!idUnknown}
              extra={person?.idNumber && !idUnknown ? t('people.keepHint', { masked: person.idNumber }) : undefined}
            >
              <Input maxLength={18} disabled={Boolean(idUnknown)} autoComplete="off" inputMode="text" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="idUnknown" valuePropName="checked" label={screens.md ? ' ' : undefined} extra={t('people.idUnknownHint')}>
              <Checkbox>{t('people.field.idUnknown')}</Checkbox>
            </Form.Item>
          </Col>
          {prefilled && fromId && (
            <Col span={24}>
              <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('people.idPrefilled')}</Typography.Paragraph>
            </Col>
          )}
          <Col {...half}>
            <Form.Item
              name="sex"
              label={t('people.field.sex')}
              extra={sexDisagrees && (
                <Typography.Text type="warning">
                  {fromId ? t('people.idSexDisagrees', { sex: t(`sex.${fromId.sex}`) }) : t('people.sexMismatch')}
                </Typography.Text>
              )}
            >
              <Select allowClear options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="birthDate"
              label={t('people.field.birthDate')}
              extra={birthDisagrees && (
                <Typography.Text type="warning">
                  {fromId ? t('people.idBirthDisagrees', { date: fromId.birthDate }) : t('people.birthDateMismatch')}
                </Typography.Text>
              )}
            >
              <DatePicker style={{ width: '100%' }} inputReadOnly={!screens.md} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="phone"
              label={t('people.field.phone')}
              extra={person?.phone ? t('people.keepHint', { masked: person.phone }) : undefined}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('people.field.status')}>
              <Select options={PERSON_STATUSES.map((s) => ({ value: s, label: statusText(s, kind, t) }))} />
            </Form.Item>
          </Col>
          {f.post && (
            <Col {...half}>
              <Form.Item name="post" label={t('people.field.post')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          )}
          {f.roomBed && (
            <>
              <Col xs={12} md={6}>
                <Form.Item name="room" label={t('people.field.room')}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="bed" label={t('people.field.bed')}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </>
          )}
          {f.household && (
            <>
              <Col {...half}>
                <Form.Item name="gridNodeId" label={t('people.field.gridCell')}>
                  <Select allowClear showSearch={{ filterOption: filterByLabel }} placeholder={t('people.gridCellPlaceholder')} options={cells} loading={nodes.isLoading} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="room" label={t('people.field.household')}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col {...half}>
            <Form.Item name="joinedOn" label={t('people.field.joinedOn')}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={!screens.md} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="leftOn" label={t('people.field.leftOn')}>
              <DatePicker style={{ width: '100%' }} inputReadOnly={!screens.md} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="emergencyContactName" label={t('people.field.emergencyContactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="emergencyContactPhone"
              label={t('people.field.emergencyContactPhone')}
              extra={person?.emergencyContactPhone ? t('people.keepHint', { masked: person.emergencyContactPhone }) : undefined}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          {!person && (
            <Col span={24}>
              <Form.Item name="newIntake" valuePropName="checked" extra={t('people.newIntakeHint')}>
                <Checkbox data-testid="person-new-intake">{t('people.field.newIntake')}</Checkbox>
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('people.field.notes')}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
        {/* Lets Enter submit from any input. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Drawer>
  );
}
