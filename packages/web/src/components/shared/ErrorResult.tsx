import { Button, Result } from 'antd';
import { useT } from '../../i18n/useT';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from './errorText';

interface Props {
  error: unknown;
  onRetry?: () => void;
}

/** A full-width error state for a failed load. */
export function ErrorResult({ error, onRetry }: Props) {
  const t = useT();
  const status = isApiError(error) && error.status === 404 ? '404' : isApiError(error) && error.status === 403 ? '403' : 'error';
  const detail = serverDetail(error);
  const requestId = isApiError(error) ? error.requestId : undefined;
  const subTitle = [detail, requestId ? t('common.requestId', { id: requestId }) : undefined].filter(Boolean).join(' · ');
  return (
    <Result
      status={status}
      title={errorText(error, t)}
      subTitle={subTitle || undefined}
      extra={onRetry && (!isApiError(error) || error.status >= 500 || error.status === 0)
        ? <Button onClick={onRetry}>{t('common.retry')}</Button>
        : undefined}
    />
  );
}
