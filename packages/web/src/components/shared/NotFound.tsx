import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/useT';

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundText')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}

export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenText')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>}
    />
  );
}
