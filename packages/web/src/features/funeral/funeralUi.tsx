import type { ReactNode } from 'react';
import { Select, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CovidCase, DeathCause, Disinfection, EventState, Hall, HallDisinfectionState, MournerSymptom } from '@fangkong/domain';
import { formatAt } from '../../components/shared/time';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { filterByLabel, siteOptions } from '../people/peopleUi';
import { useFuneralSites } from './useFuneral';

/** An instant as the site's wall clock shows it: date and time, or time only. */
export function at(instant: string | null | undefined, timeOnly = false): string {
  if (!instant) return '';
  return formatAt(instant, timeOnly ? 'HH:mm' : 'YYYY-MM-DD HH:mm');
}

/** "from – to", the second without its date when on the same day. */
export function span(from: string, to: string): string {
  const sameDay = formatAt(from, 'YYYY-MM-DD') === formatAt(to, 'YYYY-MM-DD');
  return `${at(from)} – ${sameDay ? at(to, true) : at(to)}`;
}

const STATE_COLOR: Record<EventState, string | undefined> = { upcoming: 'blue', ongoing: 'green', ended: undefined, cancelled: 'default' };

export function EventStateTag({ state }: { state: EventState }) {
  const t = useT();
  return <Tag color={STATE_COLOR[state]} data-testid="event-state" data-state={state}>{t(`funeral.eventState.${state}`)}</Tag>;
}

const DISINFECTION_COLOR: Record<HallDisinfectionState, string | undefined> = { not_in_use: undefined, ok: 'green', due: 'gold', missed: 'red' };

/** A hall's disinfection today: its state in colour and words, and "x of y" while in use. */
export function DisinfectionStateTag({ hall }: { hall: Pick<Hall, 'disinfectionState' | 'disinfectionsToday' | 'requiredToday'> }) {
  const t = useT();
  const s = hall.disinfectionState;
  return (
    <Tag color={DISINFECTION_COLOR[s]} data-testid="hall-disinfection" data-state={s}>
      {t(`funeral.disinfection.${s}`)}
      {s !== 'not_in_use' && ` · ${t('funeral.disinfection.xOfY', { done: hall.disinfectionsToday, required: hall.requiredToday })}`}
    </Tag>
  );
}

/** The columns of a list of disinfections: an event's (its hall's) or a period's (every hall). */
export function disinfectionColumns(t: ReturnType<typeof useT>, opts: { withHall: boolean }): TableColumnsType<Disinfection> {
  return [
    { title: t('funeral.disinfection.at'), dataIndex: 'at', width: 140, render: (_: unknown, d) => <span className="fk-num">{at(d.at)}</span> },
    ...(opts.withHall ? [{ title: t('funeral.field.hall'), dataIndex: 'hallName', width: 110 }] : []),
    { title: t('funeral.disinfection.kind'), dataIndex: 'kind', width: 100, render: (_: unknown, d) => <Tag color={d.kind === 'final' ? 'purple' : 'blue'}>{t(`funeral.disinfectionKind.${d.kind}`)}</Tag> },
    { title: t('funeral.disinfection.agent'), dataIndex: 'agent', width: 140 },
    { title: t('funeral.disinfection.place'), dataIndex: 'place', width: 140 },
    { title: t('funeral.disinfection.by'), dataIndex: 'byName', width: 100 },
  ];
}

export function CauseTag({ cause }: { cause: DeathCause }) {
  const t = useT();
  return <Tag color={cause === 'ordinary' ? undefined : 'red'}>{t(`funeral.cause.${cause}`)}</Tag>;
}

export function SymptomTags({ symptoms }: { symptoms: readonly MournerSymptom[] }) {
  const t = useT();
  if (symptoms.length === 0) return <Typography.Text type="secondary">{t('funeral.symptom.none')}</Typography.Text>;
  return <>{symptoms.map((s) => <Tag key={s} color="red">{t(`funeral.symptom.${s}`)}</Tag>)}</>;
}

/** A case's next step with its deadline, red when late. */
export function NextStepText({ c }: { c: Pick<CovidCase, 'nextStep' | 'nextDueAt' | 'late' | 'archivedAt'> }) {
  const t = useT();
  if (!c.nextStep) return <Tag color="green">{t('funeral.case.archived')}</Tag>;
  return (
    <span data-testid="case-next" data-late={c.late ? 'true' : undefined}>
      {t(`funeral.step.${c.nextStep}`)}
      {c.nextDueAt && (
        <Typography.Text type={c.late ? 'danger' : 'secondary'} strong={c.late} style={{ marginInlineStart: 8 }}>
          {t(c.late ? 'funeral.case.lateSince' : 'funeral.case.dueBy', { at: at(c.nextDueAt) })}
        </Typography.Text>
      )}
    </span>
  );
}

/** The funeral site a page is about: `?siteId=`, or the user's only one. */
export function useFuneralSite() {
  const { params, update } = useUrlFilters();
  const { sites, query } = useFuneralSites();
  const siteId = params.get('siteId') || (sites.length === 1 ? sites[0]?.id : undefined);
  const site = sites.find((s) => s.id === siteId);
  return { siteId, site, sites, loading: query.isPending, choose: (id: string | undefined) => update({ siteId: id }) };
}

/** The site picker of a funeral page, or the site's name when the user sees one only. */
export function FuneralSitePicker({ state }: { state: ReturnType<typeof useFuneralSite> }): ReactNode {
  const t = useT();
  if (state.sites.length === 1) return <Typography.Text strong data-testid="funeral-site">{state.site?.name}</Typography.Text>;
  return (
    <Select<string>
      showSearch={{ filterOption: filterByLabel }}
      placeholder={t('round.selectSite')}
      aria-label={t('round.selectSite')}
      loading={state.loading}
      value={state.siteId}
      onChange={(v) => state.choose(v)}
      options={siteOptions(state.sites)}
      style={{ minWidth: 220, maxWidth: '100%' }}
      data-testid="funeral-site"
    />
  );
}
