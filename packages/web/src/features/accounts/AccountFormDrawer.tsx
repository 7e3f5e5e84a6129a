import { useMemo } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Drawer, Empty, Flex, Form, Grid, Input, Row, Select, Tooltip, Typography } from 'antd';
import {
  CreateAccountInput, LOCALES, UpdateAccountFields, type Account, type Locale, type OneTimePasswordAnswer, type OrgNode, type Role,
} from '@fangkong/domain';
import { FormFailure } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCan, useCurrentUser } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';
import { filterByLabel } from '../people/peopleUi';
import { usePersonSearch } from '../people/usePersonSearch';
import { grantsOf, nodesFor, rolesAt } from './grantChoices';
import { useCreateAccount, useUpdateAccount } from './useAccounts';

interface RoleRow {
  role?: Role | undefined;
  nodeId?: string | undefined;
}

interface Values {
  displayName?: string;
  username?: string;
  phone?: string;
  email?: string;
  locale?: Locale;
  roles?: RoleRow[];
  personId?: string | null;
}

/** As many role rows as the schema allows, so that each row's errors land on its own fields. */
const MAX_ROLES = 20;
const FIELDS: readonly FieldPath[] = [
  ['displayName'], ['username'], ['phone'], ['email'], ['locale'], ['roles'], ['personId'],
  ...Array.from({ length: MAX_ROLES }, (_, i) => [['roles', i, 'role'], ['roles', i, 'nodeId']] as const).flat(),
];

export type AccountFormTarget = { mode: 'create' } | { mode: 'edit'; account: Account };

function initialValues(target: AccountFormTarget, locale: Locale): Values {
  if (target.mode === 'create') return { locale, roles: [{}], personId: null };
  const a = target.account;
  return {
    displayName: a.displayName,
    username: a.username,
    // The phone comes masked: the field starts empty and keeps the stored number when left so.
    phone: '',
    email: a.email ?? '',
    locale: a.locale,
    roles: a.roles.map((r) => ({ role: r.role, nodeId: r.nodeId })),
    personId: a.person?.id ?? null,
  };
}

const sameRoles = (a: readonly RoleRow[], b: readonly RoleRow[]) =>
  a.length === b.length && a.every((r) => b.some((s) => s.role === r.role && s.nodeId === r.nodeId));

/** The body the form's values make: all of a new account; of an edit, only what changed. */
function toInput(target: AccountFormTarget, v: Values): Record<string, unknown> {
  const roles = (v.roles ?? []).map((r) => ({ role: r.role, nodeId: r.nodeId }));
  const common = {
    displayName: v.displayName ?? '',
    phone: blank(v.phone),
    locale: v.locale,
    personId: v.personId ?? null,
  };
  if (target.mode === 'create') return { ...common, username: v.username ?? '', email: blank(v.email) ?? null, roles };
  const a = target.account;
  const email = blank(v.email) ?? null;
  return {
    displayName: common.displayName !== a.displayName ? common.displayName : undefined,
    phone: common.phone,
    email: email !== a.email ? email : undefined,
    locale: common.locale !== a.locale ? common.locale : undefined,
    // Unchanged roles are not sent: one the caller could not give again (its node changed kind) would be refused.
    roles: sameRoles(roles, a.roles) ? undefined : roles,
    personId: common.personId !== (a.person?.id ?? null) ? common.personId : undefined,
  };
}

/** A node's label in the form: its name and kind (a town and a site may share a name). */
function nodeLabel(n: Pick<OrgNode, 'name' | 'kind'>, kindText: string): string {
  return `${n.name}（${kindText}）`;
}

interface Props {
  target: AccountFormTarget;
  onClose: () => void;
  /** A new account with its one-time password, or a saved edit (no password). */
  onSaved: (created: OneTimePasswordAnswer | null) => void;
}

/**
 * Creates an account or edits one. The role rows offer only what the caller may give (the domain's
 * `mayGrant` over their own bindings and the nodes they see); the server's field errors still land
 * on the row they name.
 */
export function AccountFormDrawer({ target, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const me = useCurrentUser();
  const canSearchPeople = useCan('people.read');
  const grants = useMemo(() => grantsOf(me.roles), [me.roles]);
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const create = useCreateAccount();
  const update = useUpdateAccount(target.mode === 'edit' ? target.account.id : '');
  const account = target.mode === 'edit' ? target.account : undefined;
  const nodes = useOrgNodes();
  const byId = useMemo(() => new Map((nodes.data ?? []).map((n) => [n.id, n])), [nodes.data]);

  const rows = Form.useWatch('roles', form) ?? [];
  // The staff search looks in the one site the account is bound to, else across the caller's scope.
  const siteIds = [...new Set(rows.map((r) => r.nodeId).filter((id): id is string => id !== undefined && byId.get(id)?.kind === 'site'))];
  const people = usePersonSearch({ siteId: siteIds.length === 1 ? siteIds[0] : undefined, kind: 'staff', status: 'present', enabled: canSearchPeople });
  const personOptions = account?.person && !people.options.some((o) => o.value === account.person?.id)
    ? [{ value: account.person.id, label: `${account.person.name} · ${account.person.siteName}` }, ...people.options]
    : people.options;

  const validate = (onlyTouched: boolean) => {
    const input = toInput(target, form.getFieldsValue());
    return target.mode === 'create' ? check(CreateAccountInput, input, onlyTouched) : check(UpdateAccountFields, input, onlyTouched);
  };

  const nodeOptions = (row: RoleRow) => {
    const offered = nodesFor(grants, nodes.data ?? [], row.role);
    const chosen = row.nodeId === undefined ? undefined : byId.get(row.nodeId);
    const list = chosen && !offered.includes(chosen) ? [chosen, ...offered] : offered;
    // An account's node the caller cannot see keeps its name from the account.
    const unseen = row.nodeId !== undefined && !chosen ? account?.roles.find((r) => r.nodeId === row.nodeId) : undefined;
    return [
      ...(unseen ? [{ value: unseen.nodeId, label: nodeLabel({ name: unseen.nodeName, kind: unseen.nodeKind }, t(`kind.${unseen.nodeKind}`)) }] : []),
      ...list.map((n) => ({ value: n.id, label: nodeLabel(n, t(`kind.${n.kind}`)) })),
    ];
  };

  const roleOptions = (row: RoleRow) => {
    const node = row.nodeId === undefined ? undefined : byId.get(row.nodeId);
    const offered = node ? rolesAt(grants, node) : [...new Set((nodes.data ?? []).flatMap((n) => rolesAt(grants, n)))];
    const list = row.role && !offered.includes(row.role) ? [row.role, ...offered] : offered;
    return list.map((r) => ({ value: r, label: t(`role.${r}`) }));
  };

  const submit = () => {
    const { data, formErrors } = validate(false);
    if (!data) {
      void message.error(formErrors.length > 0 ? formErrors.join(' · ') : t('common.formHasErrors'));
      return;
    }
    setFailure(null);
    if (target.mode === 'create') {
      create.mutate(data as CreateAccountInput, { onSuccess: (answer) => onSaved(answer), onError: fail });
    } else if (Object.values(data).every((v) => v === undefined)) {
      // Nothing changed: there is nothing to send (the server refuses an empty change).
      onClose();
    } else {
      update.mutate(data, {
        onSuccess: () => {
          void message.success(t('accounts.saved'));
          onSaved(null);
        },
        onError: fail,
      });
    }
  };

  const half = { xs: 24, md: 12 };
  const noNodes = nodes.isSuccess && nodesFor(grants, nodes.data, undefined).length === 0;

  return (
    <Drawer
      open
      onClose={onClose}
      title={account ? t('accounts.form.editTitle', { name: account.displayName }) : t('accounts.form.createTitle')}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={(
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={submit} data-testid="account-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    >
      <FormFailure failure={failure} data-testid="account-form-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(target, me.locale)}
        onValuesChange={() => {
          setFailure(null);
          validate(true);
        }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="displayName" label={t('accounts.field.displayName')} required>
              <Input maxLength={64} data-testid="account-display-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="username" label={t('accounts.field.username')} required={!account} extra={account ? undefined : t('accounts.field.usernameHint')}>
              <Input maxLength={64} disabled={account !== undefined} autoComplete="off" data-testid="account-username" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="phone"
              label={t('accounts.field.phone')}
              extra={account?.phone ? t('accounts.field.phoneKept', { masked: account.phone }) : undefined}
            >
              <Input inputMode="tel" maxLength={11} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="email" label={t('accounts.field.email')}>
              <Input inputMode="email" maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="locale" label={t('accounts.field.locale')}>
              <Select<Locale> options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('accounts.field.roles')}</Typography.Title>
        {noNodes && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.noGrantableNode')} />}
        <Form.List name="roles">
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={0} data-testid="account-roles">
              {fields.map((field) => {
                const row = rows[field.name] ?? {};
                return (
                  <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="account-role-row">
                    <Form.Item name={[field.name, 'nodeId']} style={{ flex: '2 1 240px' }}>
                      <Select<string>
                        showSearch={{ filterOption: filterByLabel }}
                        placeholder={t('accounts.field.node')}
                        aria-label={t('accounts.field.node')}
                        loading={nodes.isPending}
                        options={nodeOptions(row)}
                        onChange={(nodeId) => {
                          // A role that does not fit the new node is cleared rather than sent to be refused.
                          const node = byId.get(nodeId);
                          if (row.role && node && !rolesAt(grants, node).includes(row.role)) form.setFieldValue(['roles', field.name, 'role'], undefined);
                        }}
                        data-testid="account-role-node"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} style={{ flex: '1 1 160px' }}>
                      <Select<Role>
                        placeholder={t('accounts.field.role')}
                        aria-label={t('accounts.field.role')}
                        options={roleOptions(row)}
                        data-testid="account-role-role"
                      />
                    </Form.Item>
                    <Tooltip title={t('accounts.removeRole')}>
                      <Button icon={<DeleteOutlined />} aria-label={t('accounts.removeRole')} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                    </Tooltip>
                  </Flex>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_ROLES || noNodes}
                onClick={() => add({})}
                style={{ alignSelf: 'flex-start', marginBottom: 16 }}
              >
                {t('accounts.addRole')}
              </Button>
            </Flex>
          )}
        </Form.List>

        {canSearchPeople && (
          <Form.Item name="personId" label={t('accounts.field.person')} extra={t('accounts.field.personHint')}>
            <Select<string>
              {...people.selectProps}
              allowClear
              placeholder={t('accounts.field.personPlaceholder')}
              options={personOptions}
              data-testid="account-person"
            />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
