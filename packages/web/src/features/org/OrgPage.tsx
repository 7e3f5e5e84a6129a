import { useState } from 'react';
import { Card, Col, Row } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { useT } from '../../i18n/useT';
import { NodeDetailPanel } from './NodeDetailPanel';
import { NodeFormModal, type NodeFormMode } from './NodeFormModal';
import { OrgTree } from './OrgTree';
import { useOrgNodes } from './useOrg';

/** The jurisdiction tree and the selected node's details; the selection lives in the URL. */
export function OrgPage() {
  const t = useT();
  const nodes = useOrgNodes();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('node') ?? undefined;
  const [form, setForm] = useState<NodeFormMode | null>(null);
  const select = (id: string) => setParams({ node: id }, { replace: true });

  return (
    <>
      <PageHeader title={t('org.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <Card>
            <QueryState query={nodes}>
              {(list) => <OrgTree nodes={list} selectedId={selectedId} onSelect={select} />}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          <NodeDetailPanel id={selectedId} onSelect={select} onForm={setForm} />
        </Col>
      </Row>
      {form && (
        <NodeFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(node) => {
            setForm(null);
            select(node.id);
          }}
        />
      )}
    </>
  );
}
