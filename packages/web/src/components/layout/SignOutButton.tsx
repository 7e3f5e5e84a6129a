import { LogoutOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { authApi } from '../../api/auth';
import { useT } from '../../i18n/useT';

export function SignOutButton({ iconOnly }: { iconOnly: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: authApi.logout,
    // Leave even when the call fails: the session is gone or about to be.
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  const button = (
    <Button data-testid="sign-out" icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()} aria-label={t('header.signOut')}>
      {iconOnly ? null : t('header.signOut')}
    </Button>
  );
  return iconOnly ? <Tooltip title={t('header.signOut')}>{button}</Tooltip> : button;
}
