import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import type { HealthCode, RefusalReason, Visit, VisitorSymptom, VisitStatus } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';

const STATUS_COLORS: Record<VisitStatus, string | undefined> = {
  pending: 'blue',
  admitted: 'green',
  refused: 'red',
  left: undefined,
  expired: 'default',
};

export const HEALTH_CODE_COLORS: Record<HealthCode, string> = { green: 'green', yellow: 'gold', red: 'red' };

export function VisitStatusTag({ status }: { status: VisitStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-status={status}>{t(`visitStatus.${status}`)}</Tag>;
}

export function refusalText(reasons: readonly RefusalReason[], t: Translate): string {
  return reasons.map((r) => t(`refusal.${r}`)).join('、');
}

export function RefusalTags({ reasons }: { reasons: readonly RefusalReason[] }) {
  const t = useT();
  return <>{reasons.map((r) => <Tag key={r} color="volcano" style={{ marginInlineEnd: 4 }} data-reason={r}>{t(`refusal.${r}`)}</Tag>)}</>;
}

/** A health code as a coloured tag; "no health code" for null. */
export function HealthCodeTag({ code }: { code: HealthCode | null }) {
  const t = useT();
  if (code === null) return <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('gate.noCode')}</Tag>;
  return <Tag color={HEALTH_CODE_COLORS[code]} style={{ marginInlineEnd: 0 }}>{t(`healthCode.${code}`)}</Tag>;
}

export function VisitorSymptomTags({ symptoms }: { symptoms: readonly VisitorSymptom[] }) {
  const t = useT();
  if (symptoms.length === 0) return <Tag style={{ marginInlineEnd: 0 }}>{t('gate.noSymptoms')}</Tag>;
  return <>{symptoms.map((s) => <Tag key={s} color="volcano" style={{ marginInlineEnd: 4 }}>{t(`visitorSymptom.${s}`)}</Tag>)}</>;
}

/** Identity details worth a tag: an intake, an unknown identity, the isolation an intake needs. */
export function VisitFlags({ visit }: { visit: Pick<Visit, 'kind' | 'idUnknown' | 'isolationReason'> }) {
  const t = useT();
  return (
    <>
      {visit.kind === 'intake' && <Tag color="geekblue" style={{ marginInlineEnd: 4 }}>{t('visitKind.intake')}</Tag>}
      {visit.idUnknown && <Tag color="orange" style={{ marginInlineEnd: 4 }}>{t('people.idUnknown')}</Tag>}
      {visit.isolationReason && (
        <Tag color="purple" style={{ marginInlineEnd: 4 }}>{t('gate.needsIsolation', { reason: t(`placementReason.${visit.isolationReason}`) })}</Tag>
      )}
    </>
  );
}

/** The time now, updated every `ms` (for countdowns). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** `m:ss` (or `h:mm:ss`) of a duration in milliseconds, sign dropped. */
export function durationText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The address the site's QR code opens, on this server. */
export function visitorUrl(token: string): string {
  return `${window.location.origin}/v/${encodeURIComponent(token)}`;
}
