import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import {
  ALLOWED_CHILDREN, canAttach, CreateOrgNode, SITE_TYPES, UpdateOrgNode, type NodeKind, type OrgNode, type SiteType,
} from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCreateNode, useUpdateNode } from './useOrg';

interface Values {
  kind?: NodeKind;
  siteType?: SiteType;
  name?: string;
  code?: string;
  address?: string;
  /** Places (beds) of a site. */
  capacity?: number | null;
}

export type NodeFormMode = { mode: 'create'; parent: OrgNode } | { mode: 'edit'; node: OrgNode };

const CREATE_FIELDS: readonly FieldPath[] = [['kind'], ['siteType'], ['name'], ['code'], ['address'], ['capacity']];
const EDIT_FIELDS: readonly FieldPath[] = [['name'], ['code'], ['address'], ['capacity']];

/** The kinds that may be created under a node (grids only under communities). */
export function childKinds(parent: OrgNode): NodeKind[] {
  return ALLOWED_CHILDREN[parent.kind].filter((kind) => canAttach(parent, { kind }));
}

interface Props {
  target: NodeFormMode;
  onClose: () => void;
  onSaved: (node: OrgNode) => void;
}

/** Adds a child under a node or edits a node's name, code and address. */
export function NodeFormModal({ target, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail: onError } = useZodForm<Values>(target.mode === 'create' ? CREATE_FIELDS : EDIT_FIELDS);
  const create = useCreateNode();
  const update = useUpdateNode(target.mode === 'edit' ? target.node.id : '');
  const kinds = target.mode === 'create' ? childKinds(target.parent) : [];
  const kind = Form.useWatch('kind', form);

  const initialValues: Values = target.mode === 'create'
    ? { kind: kinds.length === 1 ? kinds[0] : undefined }
    : { name: target.node.name, code: target.node.code ?? '', address: target.node.address ?? '', capacity: target.node.capacity };
  const isSite = target.mode === 'create' ? kind === 'site' : target.node.kind === 'site';

  const input = (v: Values): unknown => target.mode === 'create'
    ? {
      parentId: target.parent.id,
      kind: v.kind,
      siteType: v.kind === 'site' ? v.siteType : undefined,
      name: v.name ?? '',
      code: blank(v.code),
      address: blank(v.address),
      capacity: v.kind === 'site' ? v.capacity ?? undefined : undefined,
    }
    : {
      name: v.name ?? '',
      code: blank(v.code) ?? null,
      address: blank(v.address) ?? null,
      ...(target.node.kind === 'site' ? { capacity: v.capacity ?? null } : {}),
    };

  const schema = target.mode === 'create' ? CreateOrgNode : UpdateOrgNode;
  const validate = (onlyTouched: boolean) => check(schema, input(form.getFieldsValue()), onlyTouched);

  const onDone = (node: OrgNode, text: string) => {
    void message.success(text);
    onSaved(node);
  };

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    if (target.mode === 'create') {
      create.mutate(data as CreateOrgNode, {
        onSuccess: ({ node }) => onDone(node, t('org.created', { name: node.name })),
        onError,
      });
    } else {
      update.mutate(data, {
        onSuccess: ({ node }) => onDone(node, t('org.updated', { name: node.name })),
        onError,
      });
    }
  };

  return (
    <Modal
      open
      title={target.mode === 'create' ? t('org.addChildTitle', { parent: target.parent.name }) : t('org.editTitle', { name: target.node.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onValuesChange={() => validate(true)} onFinish={submit}>
        {target.mode === 'create' && (
          <Form.Item name="kind" label={t('org.field.kind')} required>
            <Select options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
        )}
        {target.mode === 'create' && kind === 'site' && (
          <Form.Item name="siteType" label={t('org.field.siteType')} required>
            <Select options={SITE_TYPES.map((s) => ({ value: s, label: t(`siteType.${s}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('org.field.name')} required>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="code" label={t('org.field.code')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="address" label={t('org.field.address')}>
          <Input maxLength={200} />
        </Form.Item>
        {isSite && (
          <Form.Item name="capacity" label={t('org.field.capacity')} extra={t('org.capacityHint')}>
            <InputNumber<number> min={0} max={100_000} precision={0} suffix={t('org.capacityUnit')} style={{ width: '100%' }} data-testid="node-capacity" />
          </Form.Item>
        )}
        {/* Lets Enter submit from any input. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
