import { useCallback, useMemo, useRef, useState } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Input, Select, Statistic, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { testTimeProblems, type DueEntry, type SampleType, type TestResult } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import {
  errorsByRow, RowMessages, RowPersonLink, SaveButton, SaveFailure, SavedAlert, SheetFooter, useLeaveWarning, useRowErrors, useRowFocus,
} from '../../components/shared/entrySheet';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { filterByLabel } from '../people/peopleUi';
import {
  DueStatusTag, entryErrorText, listFieldIndex, ResultSelect, ResultTag, SAMPLE_TIME_PICKER, sampleTypeOptions, timeText,
} from './testingUi';
import { DUE_ALL, useDueList, useRecordTests, useTownsAndSites } from './useTesting';

/** Present people who must be tested: not those away on leave or not tested at all. */
const mustTest = (e: DueEntry) => e.status !== 'not_required' && e.status !== 'on_leave';

function BatchSheet({ siteId, people }: { siteId: string; people: DueEntry[] }) {
  const t = useT();
  const { message } = App.useApp();
  const record = useRecordTests();
  const [results, setResults] = useState<Readonly<Record<string, TestResult>>>({});
  const [sampledAt, setSampledAt] = useState<Dayjs>(() => dayjs().second(0).millisecond(0));
  const [sampleType, setSampleType] = useState<SampleType>('throat_swab');
  const [lab, setLab] = useState('');
  const [collectionPoint, setCollectionPoint] = useState('');
  const { errors, setErrors, clearRow } = useRowErrors();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<{ count: number; alerts: number } | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const selects = useRowFocus<RefSelectProps>(people.length, saveRef);

  const chosen = people.filter((p) => results[p.personId] !== undefined);
  const timeProblem = testTimeProblems({ sampledAt: sampledAt.format() }, new Date())[0];

  // Chosen results are lost when the page is left; the browser asks first.
  useLeaveWarning(chosen.length > 0);

  const setResult = useCallback((personId: string, result: TestResult | undefined) => {
    setResults((prev) => {
      const next = { ...prev };
      if (result === undefined) delete next[personId];
      else next[personId] = result;
      return next;
    });
    clearRow(personId);
  }, [clearRow]);

  const allNegative = () => {
    setResults((prev) => {
      const next = { ...prev };
      for (const p of people) if (next[p.personId] === undefined) next[p.personId] = 'negative';
      return next;
    });
    saveRef.current?.focus();
  };

  const save = () => {
    setSaved(null);
    if (timeProblem) {
      void message.error(fieldMessage('test.sample_future'));
      return;
    }
    if (chosen.length === 0) return;
    const sent = chosen.map((p) => p.personId);
    const at = sampledAt.format();
    setFailure(null);
    record.mutate({
      tests: chosen.map((p) => ({
        personId: p.personId,
        sampledAt: at,
        sampleType,
        result: results[p.personId] ?? 'pending',
        ...(lab.trim() ? { lab: lab.trim() } : {}),
        ...(collectionPoint.trim() ? { collectionPoint: collectionPoint.trim() } : {}),
      })),
    }, {
      onSuccess: ({ tests, alerts }) => {
        setResults({});
        setErrors({});
        setSaved({ count: tests.length, alerts: alerts.length });
      },
      onError: (e) => {
        const byPerson = errorsByRow(e, sent, (path) => listFieldIndex(path, 'tests'), (m, field) => entryErrorText(m, field, t));
        setErrors(byPerson);
        setFailure(e);
        const first = people.findIndex((p) => p.personId in byPerson);
        if (first >= 0) selects.focus(first);
      },
    });
  };

  const badCount = Object.keys(errors).length;
  const positives = chosen.filter((p) => results[p.personId] === 'positive').length;
  const empty = people.length - chosen.length;

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="flex-end">
          <label className="fk-field">
            <Typography.Text type="secondary">{t('testing.field.sampledAt')}</Typography.Text>
            <DatePicker
              {...SAMPLE_TIME_PICKER}
              allowClear={false}
              inputReadOnly
              value={sampledAt}
              status={timeProblem ? 'error' : undefined}
              onChange={(d) => d && setSampledAt(d.second(0).millisecond(0))}
              data-testid="batch-sampled-at"
            />
          </label>
          <label className="fk-field">
            <Typography.Text type="secondary">{t('testing.field.sampleType')}</Typography.Text>
            <Select<SampleType> value={sampleType} onChange={setSampleType} options={sampleTypeOptions(t)} style={{ width: 140 }} />
          </label>
          <label className="fk-field">
            <Typography.Text type="secondary">{t('testing.field.collectionPoint')}</Typography.Text>
            <Input value={collectionPoint} onChange={(e) => setCollectionPoint(e.target.value)} maxLength={100} style={{ width: 180 }} />
          </label>
          <label className="fk-field">
            <Typography.Text type="secondary">{t('testing.field.lab')}</Typography.Text>
            <Input value={lab} onChange={(e) => setLab(e.target.value)} maxLength={100} placeholder={t('testing.labPlaceholder')} style={{ width: 200 }} />
          </label>
        </Flex>
        {timeProblem && <Typography.Text type="danger">{fieldMessage('test.sample_future')}</Typography.Text>}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('testing.keyboardHint')}</Typography.Paragraph>
      </Card>
      {saved && (
        <SavedAlert
          title={t('testing.batch.saved', { count: saved.count })}
          warning={saved.alerts > 0 ? t('round.alertsOpened', { count: saved.alerts }) : null}
          alertsTo={`/alerts?siteId=${encodeURIComponent(siteId)}`}
          onClose={() => setSaved(null)}
          data-testid="batch-result"
        />
      )}
      <SaveFailure failure={failure} refusedRows={badCount} data-testid="batch-error" />
      {people.length === 0
        ? <Card><Empty description={t('testing.batch.empty')} /></Card>
        : (
          <div className="fk-round-list">
            {people.map((p, i) => {
              const value = results[p.personId];
              const rowErrors = errors[p.personId];
              const classes = ['fk-round-row', value ? 'fk-round-pending' : '', value === 'positive' ? 'fk-round-fever' : '', rowErrors ? 'fk-round-error' : '']
                .filter(Boolean).join(' ');
              return (
                <div key={p.personId} className={classes} data-testid="batch-row" data-person-name={p.name}>
                  <div className="fk-round-who">
                    <Flex gap={6} align="center" wrap>
                      <RowPersonLink personId={p.personId} name={p.name} />
                      <Typography.Text type="secondary">{[t(`personKind.${p.kind}`), p.post].filter(Boolean).join(' · ')}</Typography.Text>
                      <DueStatusTag status={p.status} daysOverdue={p.daysOverdue} reason={p.reason} />
                    </Flex>
                    <Flex gap={6} align="center" wrap style={{ marginTop: 4, fontSize: 12 }}>
                      {p.lastSampledAt
                        ? (
                          <>
                            <Typography.Text type="secondary">{t('testing.lastSampleAt', { at: timeText(p.lastSampledAt, true) })}</Typography.Text>
                            {p.lastResult && <ResultTag result={p.lastResult} />}
                          </>
                        )
                        : <Typography.Text type="secondary">{t('testing.neverTested')}</Typography.Text>}
                    </Flex>
                    <RowMessages messages={rowErrors} />
                  </div>
                  <div className="fk-round-entry">
                    <ResultSelect
                      value={value}
                      onChange={(v) => setResult(p.personId, v)}
                      allowEmpty
                      onMove={(back) => selects.move(i, back)}
                      selectRef={(el) => selects.register(i, el)}
                      disabled={record.isPending}
                      status={rowErrors ? 'error' : undefined}
                      width={130}
                      aria-label={t('testing.resultFor', { name: p.name })}
                      data-testid="batch-result-select"
                    />
                  </div>
                </div>
              );
            })}
          </div>
        )}
      <SheetFooter
        stats={(
          <>
            <Statistic title={t('testing.batch.listed')} value={people.length} />
            <Statistic title={t('testing.batch.chosen')} value={chosen.length} styles={{ content: { color: chosen.length > 0 ? '#1677ff' : undefined } }} />
            <Statistic title={t('testResult.positive')} value={positives} styles={{ content: { color: positives > 0 ? '#cf1322' : undefined } }} />
          </>
        )}
      >
        <Flex gap={8} wrap>
          <Button icon={<CheckOutlined />} onClick={allNegative} disabled={empty === 0 || record.isPending} data-testid="batch-all-negative">
            {t('testing.batch.allNegative', { count: empty })}
          </Button>
          <SaveButton ref={saveRef} saving={record.isPending} disabled={chosen.length === 0} onClick={save} data-testid="batch-save">
            {t('testing.batch.save', { count: chosen.length })}
          </SaveButton>
        </Flex>
      </SheetFooter>
    </>
  );
}

/** Samples of a site's present people in one go: one sampling time for all, a result per row, saved as one batch. */
export function BatchEntryPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { sites, query: nodesQuery } = useTownsAndSites();
  const siteId = params.get('siteId') || (sites.length === 1 ? sites[0]?.id : undefined);
  const due = useDueList({ siteId, status: 'all' }, DUE_ALL, 0, siteId !== undefined);
  const people = useMemo(
    () => (due.data?.entries ?? []).filter(mustTest).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [due.data],
  );
  // The answer for another site (kept while the next loads) must not be typed into.
  const current = due.data !== undefined && due.data.entries.every((e) => e.siteId === siteId) && !due.isPlaceholderData;

  return (
    <>
      <PageHeader title={t('testing.batch.title')}>
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <Select<string>
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('round.selectSite')}
            aria-label={t('people.field.site')}
            loading={nodesQuery.isPending}
            value={siteId}
            onChange={(v) => setParams({ siteId: v }, { replace: true })}
            options={sites.map((s) => ({ value: s.id, label: s.townName ? `${s.name} · ${s.townName}` : s.name }))}
            style={{ minWidth: 240, maxWidth: '100%' }}
            data-testid="batch-site"
          />
        </Flex>
      </PageHeader>
      {siteId === undefined
        ? <Card><Empty description={t('round.chooseSite')} /></Card>
        : due.isError && !due.data
          ? <ErrorResult error={due.error} onRetry={() => void due.refetch()} />
          : current
            ? <BatchSheet key={siteId} siteId={siteId} people={people} />
            : <Card loading />}
    </>
  );
}
