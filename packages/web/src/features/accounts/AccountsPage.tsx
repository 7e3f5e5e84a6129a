import { useState } from 'react';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { ACCOUNT_STATUSES, AccountStatus, Role, ROLES, type Account, type OneTimePasswordAnswer } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { queryPaging, ServerTable } from '../../components/shared/ServerTable';
import { formatAt, nowInZone } from '../../components/shared/time';
import { pageParams, useUrlParams } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';
import { filterByLabel } from '../people/peopleUi';
import { AccountActions } from './AccountActions';
import { AccountFormDrawer, type AccountFormTarget } from './AccountFormDrawer';
import type { AccountFilter } from './api';
import { accountStatus } from './grantChoices';
import { OneTimePasswordModal } from './OneTimePasswordModal';
import { useAccountList } from './useAccounts';

const PAGE_SIZES = [20, 50, 100] as const;

const STATUS_COLORS: Record<AccountStatus, string> = { active: 'green', disabled: 'default', locked: 'red', first_sign_in: 'gold' };

/** The list's filters as the URL keeps them. */
function readParams(params: URLSearchParams) {
  const role = Role.safeParse(params.get('role'));
  const status = AccountStatus.safeParse(params.get('status'));
  const filter: AccountFilter = {
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    nodeId: params.get('nodeId') || undefined,
    role: role.success ? role.data : undefined,
    status: status.success ? status.data : undefined,
  };
  return { filter, ...pageParams(params, PAGE_SIZES) };
}

export function AccountStatusTag({ account }: { account: Account }) {
  const t = useT();
  const status = accountStatus(account, nowInZone().valueOf());
  const text = status === 'disabled' && account.disabledReason === 'person_left' ? t('accounts.disabledPersonLeft') : t(`accountStatus.${status}`);
  return <Tag color={STATUS_COLORS[status]} data-testid="account-status">{text}</Tag>;
}

/** The accounts holding a role in the caller's jurisdiction: filters in the URL, server paging, actions per row. */
export function AccountsPage() {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan('users.manage');
  const { params, update, onPage } = useUrlParams(PAGE_SIZES[0]);
  const { filter, page, pageSize } = readParams(params);
  const list = useAccountList(filter, pageSize, (page - 1) * pageSize);
  const nodes = useOrgNodes();
  const [form, setForm] = useState<AccountFormTarget | null>(null);
  const [password, setPassword] = useState<OneTimePasswordAnswer | null>(null);

  const filtered = Object.values(filter).some((v) => v !== undefined);
  const empty = list.isSuccess && list.data.total === 0 && !filtered;

  const columns: TableColumnsType<Account> = [
    {
      title: t('accounts.col.displayName'),
      dataIndex: 'displayName',
      fixed: 'left',
      width: 130,
      render: (_: unknown, a) => (
        <Flex vertical>
          <span>{a.displayName}</span>
          {a.person && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.person.siteName}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('accounts.col.username'), dataIndex: 'username', width: 140, render: (_: unknown, a) => <span style={{ fontFamily: 'monospace' }}>{a.username}</span> },
    {
      title: t('accounts.col.roles'),
      dataIndex: 'roles',
      width: 260,
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          {a.roles.map((r) => (
            <Tag key={`${r.role}:${r.nodeId}`} color="blue" style={{ marginInlineEnd: 0 }}>
              {t('header.boundTo', { role: t(`role.${r.role}`), node: r.nodeName })}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('accounts.col.status'), key: 'status', width: 150, render: (_: unknown, a) => <AccountStatusTag account={a} /> },
    {
      title: t('accounts.col.twoFactor'),
      key: 'twoFactor',
      width: 110,
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          <Tag color={a.twoFactorEnabled ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {a.twoFactorEnabled ? t('accounts.twoFactorOn') : t('accounts.twoFactorOff')}
          </Tag>
          {a.twoFactorRequired && !a.twoFactorEnabled && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('accounts.twoFactorRequired')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('accounts.col.lastSignIn'),
      dataIndex: 'lastSignInAt',
      width: 176,
      render: (_: unknown, a) => (a.lastSignInAt ? formatAt(a.lastSignInAt, 'YYYY-MM-DD HH:mm') : <Typography.Text type="secondary">{t('accounts.never')}</Typography.Text>),
    },
    ...(canManage
      ? [{
        title: t('accounts.col.actions'),
        key: 'actions',
        fixed: 'right' as const,
        width: 150,
        render: (_: unknown, a: Account) => (
          <AccountActions account={a} onEdit={() => setForm({ mode: 'edit', account: a })} onPassword={setPassword} />
        ),
      }]
      : []),
  ];

  const addButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ mode: 'create' })} data-testid="account-add">{t('accounts.add')}</Button>
  );
  const bulkButton = canManage && (
    <Button icon={<TeamOutlined />} onClick={() => void navigate('/accounts/bulk')} data-testid="account-bulk">{t('accounts.bulk')}</Button>
  );

  return (
    <>
      <PageHeader title={t('accounts.title')} extra={<>{addButton}{bulkButton}</>} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={filter.q}
            allowClear
            placeholder={t('accounts.searchPlaceholder')}
            aria-label={t('accounts.searchPlaceholder')}
            defaultValue={filter.q}
            maxLength={100}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240, maxWidth: '100%' }}
            data-testid="accounts-search"
          />
          <Select<string>
            allowClear
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('accounts.filter.node')}
            aria-label={t('accounts.filter.node')}
            loading={nodes.isPending}
            value={filter.nodeId}
            onChange={(v) => update({ nodeId: v })}
            options={(nodes.data ?? []).map((n) => ({ value: n.id, label: n.name }))}
            style={{ minWidth: 200 }}
          />
          <Select<Role>
            allowClear
            placeholder={t('accounts.filter.role')}
            aria-label={t('accounts.filter.role')}
            value={filter.role}
            onChange={(v) => update({ role: v })}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            style={{ minWidth: 160 }}
          />
          <Select<AccountStatus>
            allowClear
            placeholder={t('accounts.filter.status')}
            aria-label={t('accounts.filter.status')}
            value={filter.status}
            onChange={(v) => update({ status: v })}
            options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accountStatus.${s}`) }))}
            style={{ minWidth: 130 }}
          />
        </Flex>
        {list.isError && !list.data
          ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          : empty
            ? (
              <Empty description={t('accounts.empty')} data-testid="accounts-empty">
                {canManage && <Flex gap={8} justify="center" wrap>{addButton}{bulkButton}</Flex>}
              </Empty>
            )
            : (
              <ServerTable<Account>
                {...queryPaging(list, page, pageSize, onPage)}
                columns={columns}
                rows={list.data?.accounts ?? []}
                pageSizes={PAGE_SIZES}
                scrollX={1100}
                totalText={(count) => t('accounts.total', { count })}
                emptyText={t('accounts.noMatch')}
                data-testid="accounts-table"
              />
            )}
      </Card>
      {form && (
        <AccountFormDrawer
          target={form}
          onClose={() => setForm(null)}
          onSaved={(created) => {
            setForm(null);
            if (created) setPassword(created);
          }}
        />
      )}
      {password && <OneTimePasswordModal answer={password} onClose={() => setPassword(null)} />}
    </>
  );
}
