import { useState } from 'react';
import { ArrowLeftOutlined, CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Input, Result, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { Issue, type ItemCover, type SiteSupplies } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { blank } from '../../components/shared/zodForm';
import { CoverStatusTag, coverText, quantityText, STATUS_COLOR, SupplySiteSelect } from './suppliesUi';
import { useIssueSupplies, useSiteSupplies, useSupplyItems, useSupplySites } from './useSupplies';
import './supplies.css';

/** What the server said about the quantity (more than the stock, two issues of the last units at once). */
function quantityProblem(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  const f = error.fields.find((x) => /(^|\.)quantity$/.test(x.path) || /(^|\.)batchId$/.test(x.path));
  return f ? fieldMessage(f.message) : undefined;
}

function ItemButton({ item, selected, onSelect }: { item: ItemCover; selected: boolean; onSelect: () => void }) {
  const t = useT();
  return (
    <Button
      className="fk-quick-item"
      type={selected ? 'primary' : 'default'}
      aria-pressed={selected}
      onClick={onSelect}
      data-testid="quick-item"
      data-item-name={item.itemName}
    >
      <span className="fk-quick-item-name">{item.itemName}</span>
      <span className="fk-quick-item-cover" style={selected ? undefined : { color: STATUS_COLOR[item.status] }}>
        {t('supplies.quick.itemLine', { stock: quantityText(item.usable, item.unit), days: coverText(item.daysOfCover) })}
      </span>
    </Button>
  );
}

/** The item, quantity and "done" of one issue; after it, what is left and for how many days. */
function QuickIssue({ site }: { site: SiteSupplies }) {
  const t = useT();
  const issue = useIssueSupplies();
  const catalogue = useSupplyItems();
  const [itemId, setItemId] = useState<string | undefined>(() => (site.items.length === 1 ? site.items[0]?.itemId : undefined));
  const [text, setText] = useState('');
  const [issuedTo, setIssuedTo] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<{ itemId: string; quantity: number } | null>(null);
  const item = site.items.find((i) => i.itemId === itemId);
  const packSize = catalogue.data?.find((i) => i.id === itemId)?.packSize ?? null;
  const quantity = /^\d+$/.test(text) ? Number(text) : undefined;

  const submit = () => {
    setProblem(undefined);
    if (!item) {
      setProblem(t('supplies.chooseItem'));
      return;
    }
    const parsed = Issue.safeParse({ siteId: site.siteId, itemId: item.itemId, quantity, issuedTo: blank(issuedTo) });
    if (!parsed.success || quantity === undefined) {
      setProblem(t('supplies.quick.badQuantity'));
      return;
    }
    if (quantity > item.usable) {
      setProblem(t('supplies.moreThanStock', { stock: quantityText(item.usable, item.unit) }));
      return;
    }
    issue.mutate(parsed.data, {
      onSuccess: () => {
        setDone({ itemId: item.itemId, quantity });
        setText('');
      },
    });
  };

  if (done) {
    // The site's figures were asked for again before the issue settled: these are the ones after it.
    const after = site.items.find((i) => i.itemId === done.itemId);
    return (
      <Card data-testid="quick-result">
        <Result
          icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
          title={t('supplies.quick.done', { item: after?.itemName ?? '', quantity: quantityText(done.quantity, after?.unit ?? '') })}
          subTitle={after && (
            <Flex vertical align="center" gap={8}>
              <span>{t('supplies.quick.left', { stock: quantityText(after.usable, after.unit) })}</span>
              <span>
                {t('supplies.daysOfCover')}{' '}
                <strong style={{ fontSize: 28, color: STATUS_COLOR[after.status] }} data-testid="quick-remaining-cover" data-value={after.daysOfCover ?? ''}>
                  {coverText(after.daysOfCover)}
                </strong>{' '}
                {t('unit.days')}
              </span>
              <CoverStatusTag status={after.status} data-testid="quick-status" />
            </Flex>
          )}
          extra={<Button type="primary" size="large" block onClick={() => setDone(null)} data-testid="quick-again">{t('supplies.quick.again')}</Button>}
        />
      </Card>
    );
  }

  const qtyProblem = problem ?? (issue.isError ? quantityProblem(issue.error) : undefined);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>{t('supplies.field.item')}</Typography.Text>
        {site.items.length === 0
          ? <Empty description={t('supplies.noItems')} />
          : (
            <div className="fk-quick-items" role="group" aria-label={t('supplies.field.item')}>
              {site.items.map((i) => (
                <ItemButton key={i.itemId} item={i} selected={i.itemId === itemId} onSelect={() => { setItemId(i.itemId); setProblem(undefined); issue.reset(); }} />
              ))}
            </div>
          )}
      </div>
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>{t('supplies.field.quantity')}</Typography.Text>
        <Input
          className="fk-quick-qty"
          size="large"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          enterKeyHint="done"
          value={text}
          onChange={(e) => { setText(e.target.value.replace(/\D/g, '')); setProblem(undefined); issue.reset(); }}
          onPressEnter={submit}
          suffix={item?.unit}
          status={qtyProblem ? 'error' : undefined}
          aria-label={t('supplies.field.quantity')}
          data-testid="quick-quantity"
        />
        {packSize !== null && packSize > 1 && item && (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {[1, 2, 5].map((n) => (
              <Button key={n} onClick={() => setText(String((quantity ?? 0) + n * packSize))}>
                {t('supplies.quick.addPacks', { count: n, quantity: n * packSize, unit: item.unit })}
              </Button>
            ))}
          </Flex>
        )}
        {qtyProblem && <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }} data-testid="quick-problem">{qtyProblem}</Typography.Text>}
      </div>
      <Input
        size="large"
        maxLength={100}
        placeholder={t('supplies.quick.issuedTo')}
        aria-label={t('supplies.field.issuedTo')}
        value={issuedTo}
        onChange={(e) => setIssuedTo(e.target.value)}
      />
      {issue.isError && !quantityProblem(issue.error) && (
        <Alert type="error" showIcon title={errorText(issue.error, t)} description={serverDetail(issue.error)} />
      )}
      <Button type="primary" block className="fk-quick-done" loading={issue.isPending} onClick={submit} data-testid="quick-submit">
        {t('supplies.quick.submit')}
      </Button>
    </Flex>
  );
}

/** `/supplies/issue`: a phone page to record an issue in a few taps, with the cover left after it. */
export function QuickIssuePage() {
  const t = useT();
  const { params, update } = useUrlFilters();
  const { sites, query: sitesQuery } = useSupplySites();
  const writable = sites.filter((s) => s.writable);
  const siteId = params.get('siteId') || (writable.length === 1 ? writable[0]?.id : undefined);
  const supplies = useSiteSupplies(siteId);

  return (
    <div className="fk-quick">
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('supplies.quick.title')}</Typography.Title>
        <Link to={siteId ? `/supplies?siteId=${encodeURIComponent(siteId)}` : '/supplies'}>
          <Button type="text" icon={<ArrowLeftOutlined />}>{t('nav.suppliesStock')}</Button>
        </Link>
      </Flex>
      {writable.length !== 1 && (
        <SupplySiteSelect
          sites={writable}
          loading={sitesQuery.isPending}
          value={siteId}
          onChange={(v) => update({ siteId: v })}
          style={{ width: '100%', minWidth: 0, marginBottom: 12 }}
          data-testid="quick-site"
        />
      )}
      {writable.length === 1 && <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>{writable[0]?.name}</Typography.Text>}
      {siteId === undefined
        ? (sitesQuery.isPending ? <Skeleton active /> : <Empty description={t('round.chooseSite')} />)
        : supplies.isError && !supplies.data
          ? <ErrorResult error={supplies.error} onRetry={() => void supplies.refetch()} />
          : supplies.data && supplies.data.siteId === siteId
            ? <QuickIssue key={siteId} site={supplies.data} />
            : <Skeleton active />}
    </div>
  );
}
