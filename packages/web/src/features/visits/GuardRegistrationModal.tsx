import { Alert, App, Checkbox, Col, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import {
  GuardRegistration, HEALTH_CODES, intakeNeedsIsolation, VISIT_KINDS, VISITOR_SYMPTOMS,
  type HealthCode, type SiteType, type Visit, type VisitKind, type VisitorSymptom,
} from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { useRegisterVisit } from './useVisits';

interface Values {
  kind: VisitKind;
  name?: string;
  phone?: string;
  idNumber?: string;
  idUnknown?: boolean;
  visiting?: string;
  healthCode?: HealthCode | 'none';
  symptoms: VisitorSymptom[];
  riskAreaTravel: boolean;
  travelRecord?: string;
}

const FIELDS: readonly FieldPath[] = [
  ['kind'], ['name'], ['phone'], ['idNumber'], ['idUnknown'], ['visiting'], ['healthCode'], ['symptoms'], ['riskAreaTravel'], ['travelRecord'],
];

function toInput(siteId: string, v: Values): Record<string, unknown> {
  const intake = v.kind === 'intake';
  return {
    siteId,
    kind: v.kind,
    name: v.name ?? '',
    phone: blank(v.phone),
    idNumber: intake && v.idUnknown ? undefined : blank(v.idNumber),
    idUnknown: intake && v.idUnknown ? true : undefined,
    visiting: v.visiting ?? '',
    healthCode: v.healthCode === 'none' ? null : v.healthCode,
    symptoms: v.symptoms,
    riskAreaTravel: v.riskAreaTravel,
    travelRecord: intake || v.riskAreaTravel ? blank(v.travelRecord) : undefined,
  };
}

interface Props {
  siteId: string;
  siteType: SiteType | null | undefined;
  idNumberRequired: boolean;
  onClose: () => void;
  onCreated: (visit: Visit) => void;
}

/**
 * A registration at the gate for a visitor without a phone; at a rescue station also an intake,
 * whose identity may be unknown and whose travel is recorded.
 */
export function GuardRegistrationModal({ siteId, siteType, idNumberRequired, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const register = useRegisterVisit();
  const rescue = siteType === 'rescue_station';
  const kind = Form.useWatch('kind', form) ?? 'visitor';
  const idUnknown = Form.useWatch('idUnknown', form);
  const travel = Form.useWatch('riskAreaTravel', form);
  const code = Form.useWatch('healthCode', form);
  const intake = kind === 'intake';
  const idRequired = idNumberRequired && !(intake && idUnknown);
  const isolation = intake && code !== undefined ? intakeNeedsIsolation({ healthCode: code === 'none' ? null : code, riskAreaTravel: Boolean(travel) }) : undefined;

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue(true) as Values;
    const result = check(GuardRegistration, toInput(siteId, values), onlyTouched);
    // The schema leaves the ID number optional; the site's policy may ask for it.
    if (idRequired && !blank(values.idNumber) && (!onlyTouched || form.isFieldTouched('idNumber'))) {
      form.setFields([{ name: 'idNumber', errors: [intake ? fieldMessage('id_number.required') : t('validation.required')] }]);
      return { ...result, data: undefined };
    }
    return result;
  };

  const submit = () => {
    if (!readyToSubmit(validate(false))) return;
    register.mutate(toInput(siteId, form.getFieldsValue(true) as Values) as GuardRegistration, {
      onSuccess: ({ visit }) => {
        void message.success(t('gate.registered', { name: visit.name, code: visit.code }));
        onCreated(visit);
      },
      onError: fail,
    });
  };

  return (
    <Modal
      open
      title={t('gate.registerTitle')}
      okText={t('gate.registerOk')}
      onOk={submit}
      confirmLoading={register.isPending}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'guard-register-ok' } }}
    >
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'visitor', symptoms: [], riskAreaTravel: false, idUnknown: false }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.idUnknown) form.setFieldsValue({ idNumber: '' });
          validate(true);
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          {rescue && (
            <Col span={24}>
              <Form.Item name="kind" label={t('gate.kind')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) }))}
                  data-testid="guard-kind"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('people.field.name')} required>
              <Input maxLength={50} autoFocus data-testid="guard-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('people.field.phone')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="guard-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={intake ? 12 : 24}>
            <Form.Item name="idNumber" label={t('people.field.idNumber')} required={idRequired}>
              <Input maxLength={18} autoComplete="off" disabled={intake && Boolean(idUnknown)} style={{ fontFamily: 'monospace' }} data-testid="guard-id" />
            </Form.Item>
          </Col>
          {intake && (
            <Col xs={24} md={12}>
              <Form.Item name="idUnknown" valuePropName="checked" label=" " extra={t('gate.idUnknownHint')}>
                <Checkbox data-testid="guard-id-unknown">{t('people.field.idUnknown')}</Checkbox>
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="visiting" label={intake ? t('gate.intakeReason') : t('gate.visiting')} required>
              <Input maxLength={100} data-testid="guard-visiting" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="healthCode" label={t('gate.declaredCode')} required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  ...HEALTH_CODES.map((c) => ({ value: c, label: t(`healthCode.${c}`) })),
                  { value: 'none', label: t('gate.noCode') },
                ]}
                data-testid="guard-code"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="symptoms" label={t('gate.symptoms')}>
              <Select mode="multiple" allowClear placeholder={t('gate.noSymptoms')} options={VISITOR_SYMPTOMS.map((s) => ({ value: s, label: t(`visitorSymptom.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="riskAreaTravel" label={t('gate.riskTravel')} valuePropName="checked">
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid="guard-travel" />
            </Form.Item>
          </Col>
          {(intake || travel) && (
            <Col span={24}>
              <Form.Item name="travelRecord" label={t('gate.travelRecord')}>
                <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('gate.travelRecordPlaceholder')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {isolation && (
          <Alert type="warning" showIcon title={t('gate.intakeIsolation', { reason: t(`placementReason.${isolation}`) })} />
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
