import { useMemo, useState } from 'react';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Select, Table, Tag, Typography } from 'antd';
import type { BulkAccountsAnswer, Person, Role } from '@fangkong/domain';
import { FormFailure } from '../../components/shared/FormModal';
import { PageHeader } from '../../components/shared/PageHeader';
import { PrintOnly } from '../../components/shared/PrintOnly';
import { today } from '../../components/shared/time';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';
import { filterByLabel } from '../people/peopleUi';
import { usePeopleList } from '../people/usePeople';
import { grantableNodes, grantsOf } from './grantChoices';
import { useAccountList, useBulkCreateAccounts } from './useAccounts';
import './accounts.css';

/** What the server allows in one list: the staff of a site, and the accounts bound there. */
const STAFF_LIMIT = 500;
const ACCOUNTS_LIMIT = 200;

interface Sheet {
  site: string;
  role: Role;
  date: string;
  answer: BulkAccountsAnswer;
}

/** The sheet of new accounts, on screen and as printed: one row per person with a line to sign on receipt. */
function AccountSheet({ sheet, testId }: { sheet: Sheet; testId?: string }) {
  const t = useT();
  const { answer } = sheet;
  return (
    <div className="fk-account-sheet" data-testid={testId}>
      <h2>{t('accounts.bulk.sheetTitle')}</h2>
      <p>
        {[
          t('accounts.bulk.sheetSite', { site: sheet.site }),
          t('accounts.bulk.sheetRole', { role: t(`role.${sheet.role}`) }),
          t('accounts.bulk.sheetDate', { date: sheet.date }),
        ].join('　')}
      </p>
      <p>{t('accounts.bulk.sheetNote')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('accounts.bulk.col.name')}</th>
            <th>{t('accounts.bulk.col.username')}</th>
            <th>{t('accounts.bulk.col.password')}</th>
            <th>{t('accounts.bulk.col.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.created.map(({ account, oneTimePassword }) => (
            <tr key={account.id}>
              <td>{account.displayName}</td>
              <td>{account.username}</td>
              <td className="fk-password">{oneTimePassword}</td>
              <td className="fk-signature" />
            </tr>
          ))}
        </tbody>
      </table>
      {answer.skipped.length > 0 && (
        <p className="fk-print-foot">
          {t('accounts.bulk.skipped', { list: answer.skipped.map((s) => `${s.name}（${t(`accounts.bulk.skip.${s.reason}`)}）`).join('、') })}
        </p>
      )}
    </div>
  );
}

/**
 * Accounts for a site's staff in one step: a site, a role the caller may give there, the staff
 * without an account ticked; then the sheet of one-time passwords to print and hand out.
 */
export function BulkAccountsPage() {
  const t = useT();
  const me = useCurrentUser();
  const grants = useMemo(() => grantsOf(me.roles), [me.roles]);
  const nodes = useOrgNodes();
  const sites = useMemo(() => grantableNodes(grants, (nodes.data ?? []).filter((n) => n.kind === 'site')), [grants, nodes.data]);
  const [siteId, setSiteId] = useState<string | undefined>(undefined);
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [chosen, setChosen] = useState<string[]>([]);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const bulk = useBulkCreateAccounts();

  const site = sites.find((s) => s.node.id === siteId);
  const staff = usePeopleList({ siteId, kind: 'staff', status: 'present' }, STAFF_LIMIT, 0, siteId !== undefined);
  const accounts = useAccountList({ nodeId: siteId }, ACCOUNTS_LIMIT, 0, siteId !== undefined);
  const linked = useMemo(
    () => new Set((accounts.data?.accounts ?? []).map((a) => a.person?.id).filter((id): id is string => id !== undefined)),
    [accounts.data],
  );
  const rows = staff.data?.people ?? [];

  const pickSite = (id: string | undefined) => {
    setSiteId(id);
    setChosen([]);
    const roles = sites.find((s) => s.node.id === id)?.roles ?? [];
    setRole(roles.includes('site_staff') ? 'site_staff' : roles[roles.length - 1]);
  };

  const submit = () => {
    if (!siteId || !role || chosen.length === 0 || !site) return;
    bulk.mutate({ siteId, role, personIds: chosen }, {
      onSuccess: (answer) => {
        setSheet({ site: site.node.name, role, date: today(), answer });
        setChosen([]);
      },
    });
  };

  if (sheet) {
    return (
      <>
        <PageHeader
          title={t('accounts.bulk.title')}
          extra={(
            <>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="bulk-print">{t('accounts.bulk.print')}</Button>
              <Button onClick={() => setSheet(null)}>{t('accounts.bulk.again')}</Button>
            </>
          )}
        />
        <Alert type="warning" showIcon title={t('accounts.otp.warning')} style={{ marginBottom: 16 }} />
        <Card><AccountSheet sheet={sheet} testId="bulk-sheet" /></Card>
        <PrintOnly><AccountSheet sheet={sheet} /></PrintOnly>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('accounts.bulk.title')} />
      <Card>
        <FormFailure failure={bulk.isError ? bulk.error : null} />
        <Form layout="vertical">
          <Flex gap={16} wrap>
            <Form.Item label={t('accounts.bulk.site')} style={{ flex: '2 1 280px' }}>
              <Select<string>
                showSearch={{ filterOption: filterByLabel }}
                placeholder={t('accounts.bulk.sitePlaceholder')}
                loading={nodes.isPending}
                value={siteId}
                onChange={pickSite}
                options={sites.map((s) => ({ value: s.node.id, label: s.node.name }))}
                data-testid="bulk-site"
              />
            </Form.Item>
            <Form.Item label={t('accounts.bulk.role')} style={{ flex: '1 1 200px' }}>
              <Select<Role>
                value={role}
                onChange={setRole}
                disabled={!site}
                options={(site?.roles ?? []).map((r) => ({ value: r, label: t(`role.${r}`) }))}
                data-testid="bulk-role"
              />
            </Form.Item>
          </Flex>
        </Form>
        {siteId && (
          <>
            <Typography.Title level={5}>{t('accounts.bulk.people')}</Typography.Title>
            <Table<Person>
              rowKey="id"
              size="small"
              loading={staff.isPending || accounts.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ y: 420 }}
              rowSelection={{
                selectedRowKeys: chosen,
                onChange: (keys) => setChosen(keys.map(String)),
                getCheckboxProps: (p) => ({ disabled: linked.has(p.id) }),
              }}
              columns={[
                { title: t('accounts.bulk.col.name'), dataIndex: 'name' },
                { title: t('people.field.post'), dataIndex: 'post', render: (_: unknown, p) => p.post ?? '' },
                { title: '', key: 'linked', render: (_: unknown, p) => (linked.has(p.id) ? <Tag>{t('accounts.bulk.hasAccount')}</Tag> : null) },
              ]}
              locale={{ emptyText: <Empty description={t('accounts.bulk.noStaff')} /> }}
              data-testid="bulk-people"
            />
            <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
              <Typography.Text type="secondary">{t('accounts.bulk.selected', { count: chosen.length })}</Typography.Text>
              <Button type="primary" disabled={!role || chosen.length === 0} loading={bulk.isPending} onClick={submit} data-testid="bulk-submit">
                {t('accounts.bulk.submit', { count: chosen.length })}
              </Button>
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
