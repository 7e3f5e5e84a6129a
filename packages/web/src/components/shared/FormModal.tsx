import type { ReactNode } from 'react';
import { Alert, Button, Modal } from 'antd';
import { useT } from '../../i18n/useT';
import { errorText, serverDetail } from './errorText';

/** The failure of a submit that named no field of the form (see useZodForm's `fail`); nothing while there is none. */
export function FormFailure({ failure, 'data-testid': testId }: { failure: unknown; 'data-testid'?: string }) {
  const t = useT();
  if (failure === null) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} data-testid={testId} />;
}

interface Props {
  title: ReactNode;
  saving: boolean;
  onSubmit: () => void;
  onClose: () => void;
  submitText?: ReactNode;
  submitDisabled?: boolean;
  /** A submit that cannot be taken back (closing, a positive result): the button in red. */
  submitDanger?: boolean;
  submitTestId: string;
  width?: number | string;
  children: ReactNode;
  'data-testid'?: string;
}

/** The dialog of one form: cancel and submit in the footer (a FormFailure goes where the form wants it). */
export function FormModal({
  title, saving, onSubmit, onClose, submitText, submitDisabled, submitDanger, submitTestId, width, children,
  'data-testid': testId,
}: Props) {
  const t = useT();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" danger={submitDanger} loading={saving} disabled={submitDisabled} onClick={onSubmit} data-testid={submitTestId}>
          {submitText ?? t('common.submit')}
        </Button>,
      ]}
    >
      <div data-testid={testId}>{children}</div>
    </Modal>
  );
}
