import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Flex, Skeleton, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { NodeKindIcon } from '../../components/shared/NodeKindIcon';
import { useCan } from '../auth/currentUser';
import { InheritedRisk } from '../risk/InheritedRisk';
import { useT } from '../../i18n/useT';
import type { NodeFormMode } from './NodeFormModal';
import { childKinds } from './NodeFormModal';
import { useOrgNode } from './useOrg';

interface Props {
  id: string | undefined;
  onSelect: (id: string) => void;
  onForm: (target: NodeFormMode) => void;
}

/** Details of the selected node: kind, type, code, address, where it lies, children, risk. */
export function NodeDetailPanel({ id, onSelect, onForm }: Props) {
  const t = useT();
  const canManage = useCan('org.manage');
  const query = useOrgNode(id);

  if (id === undefined) return <Card><Empty description={t('org.selectHint')} /></Card>;
  if (query.isPending) return <Card><Skeleton active /></Card>;
  if (query.isError) return <Card><ErrorResult error={query.error} onRetry={() => void query.refetch()} /></Card>;

  const { node, ancestors, children, riskLevel, riskAreas } = query.data;
  const kinds = childKinds(node);
  const actions = canManage && (
    <Flex gap={8} wrap>
      {kinds.length > 0 && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onForm({ mode: 'create', parent: node })}>
          {t('org.addChild')}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => onForm({ mode: 'edit', node })}>{t('common.edit')}</Button>
    </Flex>
  );

  return (
    <Card
      title={<Flex gap={8} align="center"><NodeKindIcon kind={node.kind} />{node.name}</Flex>}
      extra={actions}
      data-testid="org-node-detail"
    >
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        bordered
        size="small"
        items={[
          {
            key: 'path',
            label: t('org.field.path'),
            span: 'filled',
            children: (
              <Breadcrumb
                items={[
                  ...ancestors.map((a) => ({ key: a.id, title: <a onClick={() => onSelect(a.id)}>{a.name}</a> })),
                  { key: node.id, title: node.name },
                ]}
              />
            ),
          },
          { key: 'kind', label: t('org.field.kind'), children: t(`kind.${node.kind}`) },
          {
            key: 'siteType',
            label: t('org.field.siteType'),
            children: node.siteType ? <Link to={`/sites/${node.id}`}>{t(`siteType.${node.siteType}`)}</Link> : t('common.none'),
          },
          { key: 'code', label: t('org.field.code'), children: node.code ?? t('common.none') },
          ...(node.kind === 'site'
            ? [{ key: 'capacity', label: t('org.field.capacity'), children: node.capacity ?? t('common.none') }]
            : []),
          { key: 'risk', label: t('riskAreas.inherited.label'), children: <InheritedRisk level={riskLevel} areas={riskAreas} /> },
          { key: 'address', label: t('org.field.address'), span: 'filled', children: node.address ?? t('common.none') },
          {
            key: 'children',
            label: t('org.field.children'),
            span: 'filled',
            children: children.length === 0 ? '0' : (
              <Flex gap={4} wrap>
                <span style={{ marginInlineEnd: 8 }}>{children.length}</span>
                {children.map((c) => (
                  <Tag key={c.id} icon={<NodeKindIcon kind={c.kind} />} style={{ cursor: 'pointer' }} onClick={() => onSelect(c.id)}>
                    {c.name}
                  </Tag>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
