import { useMemo, type ReactNode } from 'react';
import { App, Col, Form, Input, Row, Select, TreeSelect } from 'antd';
import {
  CHANNELS, INCIDENT_TYPES, NOTIFICATION_EVENTS, NotificationRuleInput, PERSONAL_CHANNELS, ROLES, roleGrants,
  type Channel, type IncidentType, type NotificationEvent, type OrgNode, type Role,
} from '@fangkong/domain';
import { errorText } from '../../components/shared/errorText';
import { FormFailure, FormModal } from '../../components/shared/FormModal';
import { NodeKindIcon } from '../../components/shared/NodeKindIcon';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { buildForest, type TreeItem } from '../org/tree';
import { useOrgNodes } from '../org/useOrg';
import { useCreateNotificationRule } from './useNotifications';

interface Values {
  nodeId?: string;
  event?: NotificationEvent;
  channel?: Channel;
  role?: Role;
  target?: string;
  incidentTypes?: IncidentType[];
}

const FIELDS: readonly FieldPath[] = [['nodeId'], ['event'], ['channel'], ['role'], ['target'], ['incidentTypes']];

/** The events about an incident: only those can be narrowed to some incident types. */
export const INCIDENT_EVENTS: readonly NotificationEvent[] = ['incident_opened', 'step_late'];

const TARGET_PLACEHOLDER: Readonly<Record<Channel, string | undefined>> = {
  in_app: undefined,
  email: 'name@example.com',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  webhook: 'https://sms-gateway.example.com/notify',
};

function toInput(v: Values): Record<string, unknown> {
  return {
    nodeId: v.nodeId ?? null,
    event: v.event,
    channel: v.channel,
    role: v.role ?? null,
    target: blank(v.target) ?? null,
    incidentTypes: v.event && INCIDENT_EVENTS.includes(v.event) ? v.incidentTypes ?? [] : [],
    enabled: true,
  };
}

interface NodeOption {
  value: string;
  title: string;
  icon: ReactNode;
  children: NodeOption[];
}

function toOptions(items: readonly TreeItem[]): NodeOption[] {
  return items.map((i) => ({ value: i.node.id, title: i.node.name, icon: <NodeKindIcon kind={i.node.kind} />, children: toOptions(i.children) }));
}

/** The levels a rule may be set at: the bureau, towns and sites (not a community's grid). */
function ruleLevels(nodes: readonly OrgNode[]): OrgNode[] {
  return nodes.filter((n) => n.kind === 'bureau' || n.kind === 'town' || n.kind === 'site');
}

/**
 * A new rule: an event at or under a node (none: the whole city) on a channel, to the holders of a
 * role (in-app, e-mail) or to one address (a mailbox, a robot's or a gateway's webhook). Checked by
 * the domain's schema as one types; the server's field errors land on the fields.
 */
export function RuleFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const nodes = useOrgNodes();
  const create = useCreateNotificationRule();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const channel = Form.useWatch('channel', form);
  const event = Form.useWatch('event', form);
  // Only the bureau sets rules for the whole city; town officers choose their town or one of its sites.
  const cityWide = me.roles.some((r) => r.nodeKind === 'bureau' && roleGrants(r.role, 'notifications.manage'));
  // A generic webhook can carry fever cases anywhere: only the bureau sets one up (the server refuses others).
  const channels = cityWide ? CHANNELS : CHANNELS.filter((c) => c !== 'webhook');
  const forest = useMemo(() => buildForest(ruleLevels(nodes.data ?? [])), [nodes.data]);
  const treeData = useMemo(() => toOptions(forest), [forest]);
  const expanded = useMemo(() => forest.map((r) => r.node.id), [forest]);

  const validate = (onlyTouched: boolean) => {
    const values = form.getFieldsValue();
    const result = check(NotificationRuleInput, toInput(values), onlyTouched);
    if (!cityWide && !values.nodeId) {
      if (!onlyTouched || form.isFieldTouched('nodeId')) form.setFields([{ name: 'nodeId', errors: [t('notifications.rules.nodeRequired')] }]);
      return { ...result, data: undefined };
    }
    return result;
  };

  const onValuesChange = (changed: Partial<Values>) => {
    // A robot or webhook is one address and in-app messages go to a role: clear what the channel does not use.
    if (changed.channel && !PERSONAL_CHANNELS.includes(changed.channel)) form.setFieldsValue({ role: undefined });
    if (changed.channel === 'in_app') form.setFieldsValue({ target: undefined });
    if (changed.event && !INCIDENT_EVENTS.includes(changed.event)) form.setFieldsValue({ incidentTypes: undefined });
    validate(true);
  };

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    create.mutate(data, {
      onSuccess: () => {
        void message.success(t('notifications.rules.created'));
        onClose();
      },
      onError: (e) => {
        if (fail(e)) void message.error(errorText(e, t));
      },
    });
  };

  const personal = channel !== undefined && PERSONAL_CHANNELS.includes(channel);
  const targetLabel = channel === 'email' ? t('notifications.rules.mailbox')
    : channel === 'webhook' ? t('notifications.rules.webhookUrl') : t('notifications.rules.robotUrl');
  const targetHint = channel === 'email' ? undefined
    : channel === 'webhook' ? t('notifications.rules.targetHintWebhook') : t('notifications.rules.targetHintRobot');

  return (
    <FormModal
      title={t('notifications.rules.addTitle')}
      saving={create.isPending}
      onSubmit={submit}
      onClose={onClose}
      submitText={t('common.save')}
      submitTestId="rule-submit"
      width={640}
      data-testid="rule-form"
    >
      <FormFailure failure={failure} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ event: 'incident_opened', channel: 'in_app' }}
        onValuesChange={onValuesChange}
        onFinish={submit}
      >
        <Form.Item name="nodeId" label={t('notifications.rules.node')} required={!cityWide} extra={t('notifications.rules.nodeHint')}>
          <TreeSelect
            allowClear
            showSearch
            treeIcon
            treeNodeFilterProp="title"
            loading={nodes.isPending}
            treeData={treeData}
            treeDefaultExpandedKeys={expanded}
            placeholder={cityWide ? t('notifications.rules.nodePlaceholder') : undefined}
            data-testid="rule-node"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="event" label={t('notifications.rules.event')} required>
              <Select<NotificationEvent>
                options={NOTIFICATION_EVENTS.map((e) => ({ value: e, label: t(`notifications.event.${e}`) }))}
                data-testid="rule-event"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="channel" label={t('notifications.rules.channel')} required>
              <Select<Channel> options={channels.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))} data-testid="rule-channel" />
            </Form.Item>
          </Col>
        </Row>
        {personal && (
          <Form.Item
            name="role"
            label={t('notifications.rules.role')}
            required={channel === 'in_app'}
            extra={channel === 'in_app' ? t('notifications.rules.roleHintInApp') : t('notifications.rules.roleHintEmail')}
          >
            <Select<Role> allowClear options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="rule-role" />
          </Form.Item>
        )}
        {channel !== undefined && channel !== 'in_app' && (
          <Form.Item name="target" label={targetLabel} required={!personal} extra={targetHint}>
            <Input
              maxLength={500}
              inputMode={channel === 'email' ? 'email' : 'url'}
              placeholder={TARGET_PLACEHOLDER[channel]}
              autoComplete="off"
              data-testid="rule-target"
            />
          </Form.Item>
        )}
        {event !== undefined && INCIDENT_EVENTS.includes(event) && (
          <Form.Item name="incidentTypes" label={t('notifications.rules.incidentTypes')} extra={t('notifications.rules.incidentTypesHint')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('notifications.rules.allIncidentTypes')}
              options={INCIDENT_TYPES.map((i) => ({ value: i, label: t(`notifications.incidentType.${i}`) }))}
              data-testid="rule-incident-types"
            />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </FormModal>
  );
}
