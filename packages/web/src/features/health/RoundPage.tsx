import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { AlertOutlined, CheckOutlined, HomeOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Empty, Flex, Input, InputNumber, Select, Space, Statistic, Tag, Typography,
} from 'antd';
import type { InputRef } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { IsoDate, type PolicyBody, type Round, type RoundPerson, type Symptom } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { healthKeys } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import {
  errorsByRow, RowMessages, RowPersonLink, SaveButton, SaveFailure, SavedAlert, SheetFooter, useLeaveWarning, useRowErrors, useRowFocus,
} from '../../components/shared/entrySheet';
import { PastDayPicker } from '../../components/shared/siteOverview';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import type { Translate } from '../../i18n/context';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { filterByLabel, placeText, siteOptions } from '../people/peopleUi';
import { useVisibleSites } from '../people/usePeople';
import { BandTag, ReadingTag, useSiteMonitoring } from './healthUi';
import {
  batchFieldIndex, newEntry, rowView, toReadingInput, type Entries, type Entry, type RowProblem, type RowView,
} from './roundEntries';
import { formatTemperature } from './temperature';
import { useRecordReadings, useRound } from './useHealth';
import { today as todayInZone } from '../../components/shared/time';

const DEFAULT_NORMAL = 36.5;

/** The site and day of the round as the URL keeps them; today when no valid past day is given. */
function readRoundParams(params: URLSearchParams, today: string): { site: string | undefined; date: string } {
  const date = params.get('date');
  const valid = date !== null && IsoDate.safeParse(date).success && date <= today;
  return { site: params.get('siteId') || undefined, date: valid ? date : today };
}

function problemText(problem: RowProblem, t: Translate): string {
  switch (problem) {
    case 'format':
      return t('round.problem.format');
    case 'range':
      return t('round.problem.range');
    case 'confirm':
      return t('round.problem.confirm');
    case 'noTemperature':
      return t('round.problem.noTemperature');
  }
}

interface RowProps {
  person: RoundPerson;
  entry: Entry | undefined;
  monitoring: PolicyBody['monitoring'] | undefined;
  readingsPerDay: number;
  index: number;
  symptoms: readonly Symptom[];
  canWrite: boolean;
  saving: boolean;
  serverErrors: readonly string[] | undefined;
  registerInput: (index: number, el: InputRef | null) => void;
  onText: (personId: string, text: string) => void;
  onToggleSymptom: (personId: string, symptom: Symptom) => void;
  onConfirm: (personId: string, confirmed: boolean) => void;
  onKey: (index: number, e: KeyboardEvent<HTMLInputElement>) => void;
}

/** One person's row; its props stay the same while other rows are typed in, so it does not render again. */
const RoundRow = memo(function RoundRow({
  person, entry, monitoring, readingsPerDay, index, symptoms, canWrite, saving, serverErrors, registerInput, onText, onToggleSymptom,
  onConfirm, onKey,
}: RowProps) {
  const t = useT();
  const row = rowView(person, entry, monitoring, readingsPerDay);
  const place = placeText(person);
  const hasError = (row.problem !== undefined && row.problem !== 'noTemperature') || (serverErrors?.length ?? 0) > 0;
  const classes = ['fk-round-row', row.fever ? 'fk-round-fever' : '', hasError ? 'fk-round-error' : '', row.pending ? 'fk-round-pending' : '']
    .filter(Boolean).join(' ');
  const selected = entry?.symptoms ?? [];
  return (
    <div className={classes} data-testid="round-row" data-person-name={person.name} data-pending={row.pending ? 'true' : undefined}>
      <div className="fk-round-who">
        <Flex gap={6} align="center" wrap>
          <RowPersonLink personId={person.id} name={person.name} />
          {place && <Typography.Text type="secondary">{place}</Typography.Text>}
          {person.openAlertId && (
            <Link to={`/alerts/${person.openAlertId}`} tabIndex={-1}>
              <Tag color="red" icon={<AlertOutlined />} style={{ marginInlineEnd: 0 }} data-testid="round-open-alert">{t('round.openAlert')}</Tag>
            </Link>
          )}
          {person.placed && <Tag color="purple" icon={<HomeOutlined />} style={{ marginInlineEnd: 0 }}>{t('round.placed')}</Tag>}
        </Flex>
        <Flex gap={4} wrap style={{ marginTop: 4 }}>
          {person.readings.length === 0
            ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('round.noReadingYet')}</Typography.Text>
            : person.readings.map((r) => <ReadingTag key={r.id} reading={r} />)}
          {row.done && <CheckOutlined style={{ color: '#52c41a' }} aria-label={t('round.done')} />}
        </Flex>
      </div>
      <div className="fk-round-entry">
        <Flex gap={8} align="center" wrap>
          <Input
            ref={(el) => registerInput(index, el)}
            data-testid="round-temp"
            aria-label={t('round.temperatureFor', { name: person.name })}
            inputMode="decimal"
            autoComplete="off"
            enterKeyHint={'next'}
            placeholder={t('round.temperaturePlaceholder')}
            value={entry?.text ?? ''}
            disabled={!canWrite}
            readOnly={saving}
            status={hasError ? 'error' : undefined}
            suffix="℃"
            maxLength={5}
            style={{ width: 110 }}
            onChange={(e) => onText(person.id, e.target.value)}
            onKeyDown={(e) => onKey(index, e)}
            onFocus={(e) => e.target.select()}
          />
          <span className="fk-round-band">{row.band && <BandTag band={row.band} />}</span>
        </Flex>
        {row.problem && (
          <Typography.Text type={row.problem === 'noTemperature' ? 'warning' : 'danger'} style={{ fontSize: 12, display: 'block' }}>
            {problemText(row.problem, t)}
          </Typography.Text>
        )}
        {row.implausible && (
          <Checkbox
            checked={entry?.confirmed ?? false}
            onChange={(e) => onConfirm(person.id, e.target.checked)}
            data-testid="round-confirm"
            style={{ fontSize: 12 }}
          >
            {t('round.confirmValue', { value: row.value !== undefined ? formatTemperature(row.value) : '' })}
          </Checkbox>
        )}
        <RowMessages messages={serverErrors} />
      </div>
      <div className="fk-round-symptoms" role="group" aria-label={t('round.symptoms')}>
        {symptoms.map((s) => {
          const on = selected.includes(s);
          return (
            <Button
              key={s}
              size="small"
              shape="round"
              autoInsertSpace={false}
              type={on ? 'primary' : 'default'}
              danger={on}
              aria-pressed={on}
              disabled={!canWrite || saving}
              onClick={() => onToggleSymptom(person.id, s)}
              data-testid="round-symptom"
              data-symptom={s}
            >
              {t(`symptom.${s}`)}
            </Button>
          );
        })}
      </div>
    </div>
  );
});

interface SheetProps {
  round: Round;
  siteId: string;
  date: string;
  today: string;
  monitoring: PolicyBody['monitoring'] | undefined;
  refreshing: boolean;
}

/** Focuses a row's temperature and scrolls it into view: a long round is typed down past the screen's end. */
const revealInput = (el: InputRef) => {
  el.focus();
  el.input?.scrollIntoView({ block: 'nearest' });
};

/** The list of one site's round on one day, with the pending (unsaved) values and the save footer. */
function RoundSheet({ round, siteId, date, today, monitoring, refreshing }: SheetProps) {
  const t = useT();
  const { message } = App.useApp();
  const canWrite = useCan('health.write');
  const record = useRecordReadings();
  const queryClient = useQueryClient();
  const [entries, setEntries] = useState<Entries>({});
  const { errors, setErrors, clearRow } = useRowErrors();
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<{ saved: number; alerts: number } | null>(null);
  const [normal, setNormal] = useState<number>(DEFAULT_NORMAL);
  const saveRef = useRef<HTMLButtonElement>(null);
  const { register: registerInput, focus: focusRow, onKey } = useRowFocus<InputRef>(round.people.length, saveRef, revealInput);

  const rows = useMemo(
    () => round.people.map((p) => rowView(p, entries[p.id], monitoring, round.readingsPerDay)),
    [round, entries, monitoring],
  );
  const pendingRows = rows.filter((r) => r.pending);
  const fever = rows.filter((r) => r.fever || r.person.readings.some((x) => x.band !== 'normal' && x.band !== 'below_normal')).length;
  const fillable = rows.filter((r) => !r.done && !r.pending).length;

  // Typed values are lost when the page is left; the browser asks first.
  useLeaveWarning(pendingRows.length > 0);

  const update = useCallback((personId: string, change: (e: Entry) => Entry) => {
    setEntries((prev) => ({ ...prev, [personId]: change(prev[personId] ?? newEntry()) }));
    clearRow(personId);
  }, [clearRow]);

  const onText = useCallback((personId: string, text: string) => {
    // A new value must be confirmed again if it is implausible too.
    update(personId, (e) => ({ ...e, text, confirmed: e.text === text ? e.confirmed : false }));
  }, [update]);
  const onToggleSymptom = useCallback((personId: string, s: Symptom) => {
    update(personId, (e) => ({ ...e, symptoms: e.symptoms.includes(s) ? e.symptoms.filter((x) => x !== s) : [...e.symptoms, s] }));
  }, [update]);
  const onConfirm = useCallback((personId: string, confirmed: boolean) => update(personId, (e) => ({ ...e, confirmed })), [update]);

  const fillNormal = () => {
    const text = formatTemperature(normal);
    setEntries((prev) => {
      const next = { ...prev };
      for (const r of rows) {
        if (r.done || r.pending) continue;
        next[r.person.id] = { ...(prev[r.person.id] ?? newEntry()), text, confirmed: false };
      }
      return next;
    });
    saveRef.current?.focus();
  };

  const save = () => {
    setResult(null);
    const blocked = pendingRows.filter((r) => r.problem !== undefined);
    if (blocked.length > 0) {
      const first = rows.indexOf(blocked[0] as RowView);
      focusRow(first);
      void message.error(t('round.fixFirst', { count: blocked.length }));
      return;
    }
    if (pendingRows.length === 0) return;
    const sent = pendingRows.map((r) => r.person.id);
    setFailure(null);
    record.mutate(
      { siteId, readings: pendingRows.map((r) => toReadingInput(r, date, today)) },
      {
        onSuccess: ({ readings, alerts }) => {
          setEntries((prev) => {
            const next = { ...prev };
            for (const id of sent) delete next[id];
            return next;
          });
          setErrors({});
          setResult({ saved: readings.length, alerts: alerts.length });
        },
        onError: (e) => {
          const byPerson = errorsByRow(e, sent, batchFieldIndex, (m) => fieldMessage(m));
          setErrors(byPerson);
          setFailure(e);
          // A refusal may come from a change elsewhere (someone left, moved): show the round as it is now.
          if (isApiError(e) && e.status >= 400 && e.status < 500) void queryClient.invalidateQueries({ queryKey: healthKeys.round(siteId, date) });
          const firstBad = rows.findIndex((r) => r.person.id in byPerson);
          if (firstBad >= 0) focusRow(firstBad);
        },
      },
    );
  };

  const badCount = Object.keys(errors).length;

  return (
    <>
      {result && (
        <SavedAlert
          title={t('round.savedCount', { count: result.saved })}
          warning={result.alerts > 0 ? t('round.alertsOpened', { count: result.alerts }) : null}
          alertsTo={`/alerts?siteId=${encodeURIComponent(siteId)}`}
          alertsLinkTestId="round-alerts-link"
          onClose={() => setResult(null)}
          data-testid="round-result"
        />
      )}
      <SaveFailure failure={failure} refusedRows={badCount} networkHint={t('round.networkRetry')} data-testid="round-error" />
      {!canWrite && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('round.readOnly')} />}
      {round.people.length === 0
        ? <Card><Empty description={t('round.empty')} data-testid="round-empty" /></Card>
        : (
          <div className="fk-round-list" aria-busy={refreshing}>
            {rows.map((row, i) => (
              <RoundRow
                key={row.person.id}
                person={row.person}
                entry={row.entry}
                monitoring={monitoring}
                readingsPerDay={round.readingsPerDay}
                index={i}
                symptoms={round.symptoms}
                canWrite={canWrite}
                saving={record.isPending}
                serverErrors={errors[row.person.id]}
                registerInput={registerInput}
                onText={onText}
                onToggleSymptom={onToggleSymptom}
                onConfirm={onConfirm}
                onKey={onKey}
              />
            ))}
          </div>
        )}
      <SheetFooter
        data-testid="round-footer"
        stats={(
          <>
            <Statistic title={t('round.expected')} value={round.coverage.expected} />
            <Statistic title={t('round.recorded')} value={round.coverage.checked} />
            <Statistic title={t('round.pending')} value={pendingRows.length} styles={{ content: { color: pendingRows.length > 0 ? '#1677ff' : undefined } }} />
            <Statistic title={t('round.fever')} value={fever} styles={{ content: { color: fever > 0 ? '#cf1322' : undefined } }} />
          </>
        )}
      >
        {canWrite && (
          <Flex gap={8} wrap align="center">
            <Space.Compact>
              <InputNumber<number>
                aria-label={t('round.normalValue')}
                min={35}
                max={37.5}
                step={0.1}
                precision={1}
                value={normal}
                onChange={(v) => setNormal(v ?? DEFAULT_NORMAL)}
                suffix="℃"
                style={{ width: 100 }}
              />
              <Button onClick={fillNormal} disabled={fillable === 0 || record.isPending} data-testid="round-all-normal">
                {t('round.allNormal', { count: fillable })}
              </Button>
            </Space.Compact>
            <SaveButton ref={saveRef} saving={record.isPending} disabled={pendingRows.length === 0} onClick={save} data-testid="round-save">
              {t('round.save', { count: pendingRows.length })}
            </SaveButton>
          </Flex>
        )}
      </SheetFooter>
    </>
  );
}

/** The daily round of a site: one row per expected person, typed quickly and saved as one batch. */
export function RoundPage() {
  const t = useT();
  const { params, update } = useUrlFilters();
  const [today] = useState(todayInZone);
  const { site, date } = readRoundParams(params, today);
  const { sites, query: sitesQuery } = useVisibleSites();
  const siteId = site ?? (sites.length === 1 ? sites[0]?.id : undefined);
  const siteRow = sites.find((s) => s.id === siteId);
  const round = useRound(siteId, date);
  const { policy } = useSiteMonitoring(siteId, siteRow?.siteType);

  return (
    <>
      <PageHeader title={t('round.title')}>
        <Flex gap={12} wrap style={{ marginTop: 12 }}>
          <Select<string>
            showSearch={{ filterOption: filterByLabel }}
            placeholder={t('round.selectSite')}
            aria-label={t('people.field.site')}
            loading={sitesQuery.isPending}
            value={siteId}
            onChange={(v) => update({ siteId: v })}
            options={siteOptions(sites)}
            style={{ minWidth: 240, maxWidth: '100%' }}
            data-testid="round-site"
          />
          <PastDayPicker day={date} today={today} onChange={(day) => update({ date: day })} data-testid="round-date" />
          {date !== today && <Tag color="orange" style={{ alignSelf: 'center' }}>{t('round.pastDay')}</Tag>}
          {round.data && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {t('round.perDay', { count: round.data.readingsPerDay })}
            </Typography.Text>
          )}
        </Flex>
      </PageHeader>
      {siteId === undefined
        ? <Card><Empty description={t('round.chooseSite')} /></Card>
        : round.isError && !round.data
          ? <ErrorResult error={round.error} onRetry={() => void round.refetch()} />
          : round.data && round.data.siteId === siteId && round.data.day === date
            ? (
              <RoundSheet
                key={`${siteId}:${date}`}
                round={round.data}
                siteId={siteId}
                date={date}
                today={today}
                monitoring={policy?.monitoring}
                refreshing={round.isFetching}
              />
            )
            : <Card loading />}
    </>
  );
}
