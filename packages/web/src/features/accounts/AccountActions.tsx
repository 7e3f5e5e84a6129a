import { DownOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import type { Account, OneTimePasswordAnswer } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { nowInZone } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { accountStatus } from './grantChoices';
import { useAccountAction, type AccountAction } from './useAccounts';

/** The actions each account offers, in the menu's order; those that depend on its state say when. */
function offered(account: Account): AccountAction[] {
  const status = accountStatus(account, nowInZone().valueOf());
  return [
    account.disabled ? 'enable' : 'disable',
    'resetPassword',
    'endSessions',
    ...(status === 'locked' ? ['unlock' as const] : []),
    ...(account.twoFactorEnabled ? ['resetTwoFactor' as const] : []),
  ];
}

function isOneTimePassword(answer: unknown): answer is OneTimePasswordAnswer {
  return typeof answer === 'object' && answer !== null && 'oneTimePassword' in answer && typeof answer.oneTimePassword === 'string';
}

const DONE: Partial<Record<AccountAction, 'accounts.done.disable' | 'accounts.done.enable' | 'accounts.done.endSessions' | 'accounts.done.unlock' | 'accounts.done.resetTwoFactor'>> = {
  disable: 'accounts.done.disable',
  enable: 'accounts.done.enable',
  endSessions: 'accounts.done.endSessions',
  unlock: 'accounts.done.unlock',
  resetTwoFactor: 'accounts.done.resetTwoFactor',
};

interface Props {
  account: Account;
  onEdit: () => void;
  /** A reset password's answer, for the one-time password dialog. */
  onPassword: (answer: OneTimePasswordAnswer) => void;
}

/**
 * Edit and the account's other actions, each confirmed first. All are off, with the reason on
 * hover, when the account holds a role the caller could not give (the server would refuse).
 */
export function AccountActions({ account, onEdit, onPassword }: Props) {
  const t = useT();
  const { modal, message } = App.useApp();
  const run = useAccountAction();

  const confirm = (action: AccountAction) => {
    modal.confirm({
      title: t(`accounts.action.${action}`),
      content: t(`accounts.confirm.${action}`, { name: account.displayName }),
      okButtonProps: { danger: action === 'disable' || action === 'resetTwoFactor', 'data-testid': 'account-action-confirm' },
      onOk: () => run.mutateAsync({ id: account.id, action }).then(
        (answer) => {
          if (isOneTimePassword(answer)) onPassword(answer);
          const done = DONE[action];
          if (done) void message.success(t(done));
        },
        (e: unknown) => {
          void message.error(errorLine(e, t));
        },
      ),
    });
  };

  const items: MenuProps['items'] = offered(account).map((action) => ({
    key: action,
    label: <span data-testid={`account-action-${action}`}>{t(`accounts.action.${action}`)}</span>,
    danger: action === 'disable',
  }));

  const buttons = (
    <Space.Compact>
      <Button size="small" icon={<EditOutlined />} disabled={!account.manageable} onClick={onEdit} data-testid="account-edit">
        {t('accounts.action.edit')}
      </Button>
      <Dropdown
        disabled={!account.manageable}
        trigger={['click']}
        menu={{ items, onClick: ({ key }) => confirm(key as AccountAction) }}
      >
        <Button size="small" aria-label={t('accounts.action.more')} data-testid="account-more">
          <DownOutlined />
        </Button>
      </Dropdown>
    </Space.Compact>
  );
  return account.manageable ? buttons : <Tooltip title={t('accounts.notManageable')}>{buttons}</Tooltip>;
}
