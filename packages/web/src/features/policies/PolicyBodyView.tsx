import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { DEMAND_BASES, HEALTH_CODES, SYMPTOMS, type PolicyBody, type Receiver, type SiteType } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { policyGroupsFor, valueAt, type PolicyField } from './policyFields';

function isSymptom(v: unknown): v is (typeof SYMPTOMS)[number] {
  return typeof v === 'string' && (SYMPTOMS as readonly string[]).includes(v);
}
function isHealthCode(v: unknown): v is (typeof HEALTH_CODES)[number] {
  return typeof v === 'string' && (HEALTH_CODES as readonly string[]).includes(v);
}
function isDemandBasis(v: unknown): v is (typeof DEMAND_BASES)[number] {
  return typeof v === 'string' && (DEMAND_BASES as readonly string[]).includes(v);
}
const CODE_COLORS = { green: 'green', yellow: 'gold', red: 'red' } as const;

function renderValue(field: PolicyField, value: unknown, t: Translate) {
  const withUnit = (n: unknown) => (field.unit ? `${String(n)} ${t(field.unit)}` : String(n));
  switch (field.type) {
    case 'int':
    case 'celsius':
      return withUnit(value);
    case 'optionalInt':
      return value === null || value === undefined ? t('policies.onIndication') : withUnit(value);
    case 'bool':
      return value === true ? t('common.yes') : t('common.no');
    case 'symptoms': {
      const list = Array.isArray(value) ? value.filter(isSymptom) : [];
      return list.length === 0 ? t('common.none') : (
        <Flex gap={4} wrap>{list.map((s) => <Tag key={s}>{t(`symptom.${s}`)}</Tag>)}</Flex>
      );
    }
    case 'demandBasis':
      return isDemandBasis(value) ? t(`policy.demandBasis.${value}`) : t('common.none');
    case 'chain': {
      const steps = Array.isArray(value) ? (value as { to: Receiver; withinMinutes: number }[]) : [];
      return steps.length === 0 ? t('common.none') : (
        <Flex gap={4} wrap>{steps.map((s, i) => <Tag key={i}>{`${t(`receiver.${s.to}`)} · ${s.withinMinutes} ${t('unit.minutes')}`}</Tag>)}</Flex>
      );
    }
    case 'requiredSupplies': {
      const list = Array.isArray(value) ? (value as PolicyBody['supplies']['required']) : [];
      return list.length === 0 ? t('common.none') : (
        <Flex gap={4} wrap>{list.map((r) => (
          <Tag key={r.category}>{r.perHeadDaily === null
            ? `${t(`supplies.category.${r.category}`)} · ${t('policy.required.catalogueRate')}`
            : `${t(`supplies.category.${r.category}`)} · ${r.perHeadDaily} ${t('policy.required.perHeadDaily')}`}</Tag>
        ))}</Flex>
      );
    }
    case 'healthCodes': {
      const list = Array.isArray(value) ? value.filter(isHealthCode) : [];
      return list.length === 0 ? t('common.none') : (
        <Flex gap={4} wrap>{list.map((c) => <Tag key={c} color={CODE_COLORS[c]}>{t(`healthCode.${c}`)}</Tag>)}</Flex>
      );
    }
  }
}

/** A policy body as grouped, labelled descriptions: the sections that apply to its site type. */
export function PolicyBodyView({ body, siteType }: { body: PolicyBody; siteType: SiteType }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]} data-testid="policy-body">
      {policyGroupsFor(siteType).map((g) => (
        <Col key={g.key} xs={24} xl={12}>
          <Card size="small" title={t(g.title)} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={g.fields.map((f) => ({ key: f.path.join('.'), label: t(f.label), children: renderValue(f, valueAt(body, f.path), t) }))}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
