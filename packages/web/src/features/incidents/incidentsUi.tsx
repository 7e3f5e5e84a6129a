import type { CSSProperties } from 'react';
import { Select, Tag, Tooltip, Typography } from 'antd';
import {
  INCIDENT_TYPES, IncidentType, STEP_STATES, type Incident, type IncidentStepView, type StepState,
} from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import { dueDistance, splitMinutes, type DueDistance } from './incidentRules';
import { formatAt } from '../../components/shared/time';

export const TYPE_COLORS: Record<IncidentType, string> = {
  fever_cluster: 'orange',
  suspected_case: 'volcano',
  confirmed_case: 'red',
  close_contact: 'gold',
  death: 'purple',
  other: 'default',
};

/** The same as plain colours (the board's chart). */
export const TYPE_CHART_COLORS: Record<IncidentType, string> = {
  fever_cluster: '#fa8c16',
  suspected_case: '#fa541c',
  confirmed_case: '#cf1322',
  close_contact: '#d4b106',
  death: '#722ed1',
  other: '#8c8c8c',
};

/** Step states: waiting blue, late red, done green, done after the deadline orange. */
export const STATE_COLORS: Record<StepState, string> = { pending: 'blue', late: 'red', done: 'green', done_late: 'orange' };

export const time = (at: string) => formatAt(at, 'YYYY-MM-DD HH:mm');

export function incidentTypeOf(v: string | null): IncidentType | undefined {
  const parsed = IncidentType.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

export function IncidentTypeTag({ type }: { type: IncidentType }) {
  const t = useT();
  return <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }} data-type={type}>{t(`incidentType.${type}`)}</Tag>;
}

export function IncidentStatusTag({ status }: { status: Incident['status'] }) {
  const t = useT();
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }} data-testid="incident-status" data-status={status}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}

export function StepStateTag({ state }: { state: StepState }) {
  const t = useT();
  return <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="step-state" data-state={state}>{t(`stepState.${state}`)}</Tag>;
}

/** "35 min", "2 h 5 min", "1 d 3 h". */
export function minutesText(total: number, t: Translate): string {
  const { days, hours, minutes } = splitMinutes(total);
  if (days > 0) return hours > 0 ? t('incidents.duration.days', { d: days, h: hours }) : t('incidents.duration.wholeDays', { d: days });
  if (hours > 0) return minutes > 0 ? t('incidents.duration.hours', { h: hours, m: minutes }) : t('incidents.duration.wholeHours', { h: hours });
  return t('incidents.duration.minutes', { m: minutes });
}

/** "in 35 min", "late by 12 min", "12 min late" (done after the deadline); empty for a step done in time. */
export function distanceText(d: DueDistance, t: Translate): string {
  switch (d.kind) {
    case 'left':
      return t('incidents.due.in', { time: minutesText(d.minutes, t) });
    case 'late':
      return t('incidents.due.lateBy', { time: minutesText(d.minutes, t) });
    case 'doneLate':
      return t('incidents.due.doneLate', { time: minutesText(d.minutes, t) });
    case 'done':
      return '';
  }
}

/** A step's deadline and how far it is from now, red once late. */
export function DueText({ step, now, showTime = true }: { step: IncidentStepView; now: number; showTime?: boolean }) {
  const t = useT();
  const d = dueDistance(step, now);
  const text = distanceText(d, t);
  const color = d.kind === 'late' ? '#cf1322' : d.kind === 'doneLate' ? '#d46b08' : undefined;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '0 8px', alignItems: 'baseline' }}>
      {showTime && <span style={{ fontVariantNumeric: 'tabular-nums' }}>{time(step.dueAt)}</span>}
      {text && (
        <Typography.Text style={{ color, fontSize: showTime ? 12 : undefined, fontWeight: d.kind === 'late' ? 600 : undefined }} data-testid="step-due-text" data-kind={d.kind}>
          {text}
        </Typography.Text>
      )}
    </span>
  );
}

/** One chip per step, coloured by its state; the receiver's full name, state and deadline on hover. */
export function StepChips({ incident, now }: { incident: Pick<Incident, 'steps'>; now: number }) {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {incident.steps.map((s) => {
        const tip = [t(`receiver.${s.to}`), t(`stepState.${s.state}`), `${t('incidents.step.due')} ${time(s.dueAt)}`, distanceText(dueDistance(s, now), t)]
          .filter(Boolean).join(' · ');
        return (
          <Tooltip key={s.id} title={tip}>
            <Tag color={STATE_COLORS[s.state]} style={{ marginInlineEnd: 0 }} data-testid="incident-step-chip" data-to={s.to} data-state={s.state}>
              {t(`receiverShort.${s.to}`)}
            </Tag>
          </Tooltip>
        );
      })}
    </span>
  );
}

/** What the chips' colours mean. */
export function StepLegend() {
  const t = useT();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4, alignItems: 'center', fontSize: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('incidents.legend')}</Typography.Text>
      {STEP_STATES.map((s) => <Tag key={s} color={STATE_COLORS[s]} style={{ marginInlineEnd: 0 }}>{t(`stepState.${s}`)}</Tag>)}
    </span>
  );
}

/** The type filter of a list, or the type field of a form. */
export function IncidentTypeSelect({ value, onChange, allowClear, placeholder, style, 'data-testid': testId }: {
  value?: IncidentType | undefined;
  onChange?: (value: IncidentType | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const t = useT();
  return (
    <Select<IncidentType>
      allowClear={allowClear}
      placeholder={placeholder ?? t('incidents.field.type')}
      aria-label={t('incidents.field.type')}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      options={INCIDENT_TYPES.map((type) => ({ value: type, label: t(`incidentType.${type}`) }))}
      style={{ minWidth: 140, ...style }}
      data-testid={testId}
    />
  );
}
