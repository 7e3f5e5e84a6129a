import { Col, Form, Input, Select } from 'antd';
import { useT } from '../../i18n/useT';
import { sampleTypeOptions } from './testingUi';

// The fields a sample has in every form that takes one (a record, a sampling session), with the
// schema's length limits. Each sits in half a row on wide screens; the note takes a whole row.

const HALF = { xs: 24, md: 12 };

/**
 * Where the samples are taken and the lab that tests them (next to each other in every form). The
 * point is required where it is the subject (a session's sign-in sheet is for one point).
 */
export function PointAndLabFields({ pointRequired, pointTestId }: { pointRequired?: boolean; pointTestId?: string }) {
  const t = useT();
  return (
    <>
      <Col {...HALF}>
        <Form.Item name="collectionPoint" label={t('testing.field.collectionPoint')} required={pointRequired}>
          <Input maxLength={100} placeholder={t('testing.collectionPointPlaceholder')} data-testid={pointTestId} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="lab" label={t('testing.field.lab')}>
          <Input maxLength={100} placeholder={t('testing.labPlaceholder')} />
        </Form.Item>
      </Col>
    </>
  );
}

export function SampleTypeField() {
  const t = useT();
  return (
    <Col {...HALF}>
      <Form.Item name="sampleType" label={t('testing.field.sampleType')}>
        <Select options={sampleTypeOptions(t)} />
      </Form.Item>
    </Col>
  );
}

export function NoteField() {
  const t = useT();
  return (
    <Col span={24}>
      <Form.Item name="note" label={t('testing.field.note')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </Col>
  );
}
