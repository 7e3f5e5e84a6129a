import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import { Link } from 'react-router';
import { JoinInput, type Person } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { newRecordLink } from './testingParams';
import { useJoinPerson } from './useTesting';

const FIELDS = [['overrideReason']] as const;

/**
 * Ends a new person's intake (确认入住, R4.2). Without a recent negative test the server refuses
 * (409) and says why; a site manager may then let the person join with a reason, which is audited.
 */
export function JoinModal({ person, onClose }: { person: Pick<Person, 'id' | 'name' | 'siteId' | 'intakeSince'>; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const canOverride = useCan('intake.override');
  const join = useJoinPerson(person.id);
  const { form, check } = useZodForm<{ overrideReason?: string }>(FIELDS);
  // The refusal that asks for a negative test (or an override): kept while the reason is typed.
  const [refusal, setRefusal] = useState<unknown>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const done = () => {
    void message.success(t('testing.join.done', { name: person.name }));
    onClose();
  };

  const confirm = () => {
    setFailure(null);
    join.mutate({}, {
      onSuccess: done,
      onError: (e) => {
        if (isApiError(e) && e.code === 'conflict') setRefusal(e);
        else setFailure(e);
      },
    });
  };

  const validate = (onlyTouched: boolean) => {
    const reason: unknown = form.getFieldValue('overrideReason');
    return check(JoinInput, { overrideReason: typeof reason === 'string' ? reason : '' }, onlyTouched);
  };

  const override = () => {
    const { data } = validate(false);
    if (!data?.overrideReason) return;
    setFailure(null);
    join.mutate({ overrideReason: data.overrideReason }, { onSuccess: done, onError: setFailure });
  };

  const refused = refusal !== null;
  const footer = refused
    ? [
      <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
      ...(canOverride
        ? [<Button key="override" danger type="primary" loading={join.isPending} onClick={override} data-testid="join-override">{t('testing.join.override')}</Button>]
        : []),
    ]
    : [
      <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
      <Button key="ok" type="primary" loading={join.isPending} onClick={confirm} data-testid="join-confirm">{t('testing.join.action')}</Button>,
    ];

  return (
    <Modal open title={t('testing.join.title', { name: person.name })} onCancel={onClose} footer={footer} destroyOnHidden>
      {!refused && (
        <Typography.Paragraph>
          {t('testing.join.text', { since: person.intakeSince ?? '' })}
        </Typography.Paragraph>
      )}
      {refused && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={serverDetail(refusal) ?? t('testing.join.refused')}
          data-testid="join-refused"
          description={(
            <Link to={newRecordLink(person.id, person.siteId)} state={{ personName: person.name }} onClick={onClose}>
              {t('testing.join.addTest')}
            </Link>
          )}
        />
      )}
      {refused && canOverride && (
        <Form form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={override}>
          <Typography.Paragraph type="secondary">{t('testing.join.overrideHint')}</Typography.Paragraph>
          <Form.Item name="overrideReason" label={t('testing.join.reason')} required>
            <Input.TextArea maxLength={300} showCount autoSize={{ minRows: 3, maxRows: 6 }} autoFocus data-testid="join-reason" />
          </Form.Item>
        </Form>
      )}
      {refused && !canOverride && <Typography.Paragraph type="secondary">{t('testing.join.askManager')}</Typography.Paragraph>}
      {failure !== null && <Alert type="error" showIcon title={errorText(failure, t)} description={serverDetail(failure)} data-testid="join-error" />}
    </Modal>
  );
}
