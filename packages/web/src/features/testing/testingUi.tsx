import { useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Progress, Select, Tag, Tooltip, Typography } from 'antd';
import type { RefSelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  SAMPLE_TYPES, TEST_RESULTS, type DueReason, type DueStatus, type SampleType, type TestResult,
} from '@fangkong/domain';
import { rowMoveBack } from '../../components/shared/entrySheet';
import type { Translate } from '../../i18n/context';
import type { MessageKey } from '../../i18n/catalogues';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { afterToday, formatAt } from '../../components/shared/time';

const RESULT_COLORS: Record<TestResult, string> = { pending: 'blue', negative: 'green', positive: 'red', invalid: 'orange' };

export function ResultTag({ result }: { result: TestResult }) {
  const t = useT();
  return <Tag color={RESULT_COLORS[result]} style={{ marginInlineEnd: 0 }} data-result={result}>{t(`testResult.${result}`)}</Tag>;
}

const STATUS_COLORS: Record<DueStatus, string | undefined> = {
  covered: 'green',
  due: 'gold',
  overdue: 'red',
  on_leave: undefined,
  not_required: undefined,
};

/** Where a person stands (days overdue included), and a tag when it is the intake test. */
export function DueStatusTag({ status, daysOverdue, reason }: { status: DueStatus; daysOverdue: number; reason?: DueReason | null }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }} data-status={status}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
        {status === 'overdue' && daysOverdue > 0 ? t('testing.overdueDays', { days: daysOverdue }) : t(`dueStatus.${status}`)}
      </Tag>
      {reason === 'intake' && <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{t('dueReason.intake')}</Tag>}
    </span>
  );
}

/**
 * A rate as a whole-tenth percentage, rounded down: 99.96 % must not read as 100 % when someone
 * is still untested.
 */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.floor(rate * 1000 + 1e-9) / 10;
}

/** "85.7%", "100%", or a dash when nobody must be tested. */
export function rateText(rate: number | null): string {
  const p = ratePercent(rate);
  return p === null ? '—' : `${p}%`;
}

export function rateColor(rate: number | null): string | undefined {
  const p = ratePercent(rate);
  if (p === null) return undefined;
  if (p >= 100) return '#52c41a';
  if (p >= 90) return '#faad14';
  return '#f5222d';
}

/** A rate as a small progress bar with its text (for tables). */
export function RateBar({ rate, detail }: { rate: number | null; detail?: string }) {
  const p = ratePercent(rate);
  if (p === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const bar = (
    <Progress
      size="small"
      percent={p}
      strokeColor={rateColor(rate)}
      format={() => rateText(rate)}
      status={p >= 100 ? 'success' : 'normal'}
      style={{ minWidth: 120, margin: 0 }}
    />
  );
  return detail ? <Tooltip title={detail}>{bar}</Tooltip> : bar;
}

export function sampleTypeOptions(t: Translate) {
  return SAMPLE_TYPES.map((s: SampleType) => ({ value: s, label: t(`sampleType.${s}`) }));
}

export function resultOptions(t: Translate, results: readonly TestResult[] = TEST_RESULTS) {
  return results.map((r) => ({ value: r, label: t(`testResult.${r}`) }));
}

/** A date picker's settings for a time a sample was taken: to the minute, and never a day after today. */
export const SAMPLE_TIME_PICKER = {
  showTime: { format: 'HH:mm' },
  format: 'YYYY-MM-DD HH:mm',
  disabledDate: (d: Dayjs) => afterToday(d),
};

/** Date and time of an instant, short; empty for none. */
export function timeText(at: string | null | undefined, withYear = false): string {
  return at ? formatAt(at, withYear ? 'YYYY-MM-DD HH:mm' : 'MM-DD HH:mm') : '';
}

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  personId: 'testing.field.person',
  person: 'testing.field.person',
  sampledAt: 'testing.field.sampledAt',
  sampleType: 'testing.field.sampleType',
  collectionPoint: 'testing.field.collectionPoint',
  lab: 'testing.field.lab',
  result: 'testing.field.result',
  resultAt: 'testing.field.resultAt',
  labRef: 'testing.field.labRef',
  note: 'testing.field.note',
  attended: 'testing.session.attended',
  name: 'people.field.name',
  idNumber: 'people.field.idNumber',
  phone: 'people.field.phone',
};

/** The label of a test's field named by an error path (`tests.3.sampledAt`, `row 7.person`); the path itself otherwise. */
export function testingFieldLabel(path: string, t: Translate): string {
  const last = path.split('.').pop() ?? path;
  const key = FIELD_LABELS[last];
  return key ? t(key) : path;
}

/** `tests.3.result` (or `body.tests.3.result`) → index 3 and field `result`, for the list named `list`. */
export function listFieldIndex(path: string, list: 'tests' | 'entries'): { index: number; field: string | undefined } | undefined {
  const m = new RegExp(`(?:^|\\.)${list}\\.(\\d+)(?:\\.(\\w+))?`).exec(path);
  if (!m?.[1]) return undefined;
  return { index: Number(m[1]), field: m[2] };
}

/** A server's error about one entry of a list sent, with the field it names ("Lab: too long"). */
export function entryErrorText(message: string, field: string | undefined, t: Translate): string {
  return `${field ? `${testingFieldLabel(field, t)}：` : ''}${fieldMessage(message)}`;
}

/** Keys that set a result without opening the list: what the hint under a result column says. */
const SHORTCUTS: Readonly<Record<string, TestResult>> = { 1: 'negative', 2: 'positive', 3: 'pending', 4: 'invalid' };

interface ResultSelectProps {
  value: TestResult | undefined;
  onChange: (value: TestResult | undefined) => void;
  /** The results offered (all four by default). */
  results?: readonly TestResult[];
  /** An empty value is allowed (e.g. "not sampled" in a batch); 0, Delete or Backspace clears it. */
  allowEmpty?: boolean;
  emptyLabel?: string;
  /** Enter (or ↓/↑) while the list is closed: go to the next (or previous) row. */
  onMove?: (back: boolean) => void;
  selectRef?: Ref<RefSelectProps>;
  disabled?: boolean;
  status?: 'error' | undefined;
  width?: number;
  'aria-label': string;
  'data-testid'?: string;
}

/**
 * A result chooser for lists typed by keyboard: 1 negative, 2 positive, 3 pending, 4 invalid;
 * Enter goes down a row instead of opening the list (Space opens it).
 */
export function ResultSelect({
  value, onChange, results = TEST_RESULTS, allowEmpty = false, emptyLabel, onMove, selectRef, disabled, status, width = 110, ...rest
}: ResultSelectProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  // The key handler runs before the select's own: it must know whether the list is open now.
  const openRef = useRef(false);

  const onKeyDownCapture = (e: KeyboardEvent<HTMLSpanElement>) => {
    if (openRef.current || disabled) return;
    const shortcut = SHORTCUTS[e.key];
    const back = rowMoveBack(e);
    let handled = true;
    if (shortcut && results.includes(shortcut)) onChange(shortcut);
    else if (allowEmpty && (e.key === '0' || e.key === 'Delete' || e.key === 'Backspace')) onChange(undefined);
    else if (back !== undefined) onMove?.(back);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const options = [
    ...(allowEmpty ? [{ value: '', label: emptyLabel ?? t('testing.notSampled') }] : []),
    ...resultOptions(t, results),
  ];
  return (
    <span onKeyDownCapture={onKeyDownCapture} style={{ display: 'inline-block' }}>
      <Select<string>
        ref={selectRef}
        value={value ?? ''}
        onChange={(v) => onChange(v === '' ? undefined : (v as TestResult))}
        open={open}
        onOpenChange={(o) => {
          openRef.current = o;
          setOpen(o);
        }}
        options={options}
        disabled={disabled}
        status={status}
        style={{ width }}
        labelRender={({ value: v }) => (v ? <ResultTag result={v as TestResult} /> : <Typography.Text type="secondary">{emptyLabel ?? t('testing.notSampled')}</Typography.Text>)}
        {...rest}
      />
    </span>
  );
}
