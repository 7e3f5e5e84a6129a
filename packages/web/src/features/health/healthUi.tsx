import { Progress, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import {
  DEFAULT_POLICIES, type Alert, type AlertStepState, type FeverBand, type PolicyBody, type Reading, type SiteType, type Symptom,
} from '@fangkong/domain';
import { useT } from '../../i18n/useT';
import { useSitePolicy } from '../sites/useSitePolicy';
import { formatTemperature } from './temperature';
import { formatAt } from '../../components/shared/time';

const BAND_COLORS: Record<FeverBand, string> = {
  below_normal: 'blue',
  normal: 'green',
  low_fever: 'gold',
  moderate_fever: 'orange',
  high_fever: 'red',
  hyperpyrexia: 'magenta',
};

export function bandColor(band: FeverBand): string {
  return BAND_COLORS[band];
}

export function isFeverBand(band: FeverBand): boolean {
  return band !== 'normal' && band !== 'below_normal';
}

export function BandTag({ band }: { band: FeverBand }) {
  const t = useT();
  return <Tag color={BAND_COLORS[band]} style={{ marginInlineEnd: 0 }}>{t(`band.${band}`)}</Tag>;
}

/** A temperature with its band's colour; the band's name (and the time, symptoms) on hover. */
export function TemperatureTag({ temperature, band, time, symptoms }: {
  temperature: number;
  band: FeverBand;
  time?: string;
  symptoms?: readonly Symptom[];
}) {
  const t = useT();
  const tip = [t(`band.${band}`), time ? formatAt(time, 'HH:mm') : undefined, ...(symptoms ?? []).map((s) => t(`symptom.${s}`))]
    .filter(Boolean).join(' · ');
  return (
    <Tooltip title={tip}>
      <Tag color={BAND_COLORS[band]} style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }} data-band={band}>
        {formatTemperature(temperature)}℃
      </Tag>
    </Tooltip>
  );
}

/**
 * What raised an alert: the temperature (with its band) of a reading, and a red "positive test"
 * tag when a positive nucleic-acid test opened or joined it (then there may be no temperature).
 */
export function AlertCauseTag({ alert }: { alert: Pick<Alert, 'source' | 'temperature' | 'band' | 'testId'> }) {
  const t = useT();
  const positive = alert.source === 'test' || alert.testId !== null;
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {alert.temperature !== null && alert.band !== null && <TemperatureTag temperature={alert.temperature} band={alert.band} />}
      {positive && <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="alert-positive-test">{t('alerts.positiveTest')}</Tag>}
    </span>
  );
}

export function ReadingTag({ reading }: { reading: Reading }) {
  return <TemperatureTag temperature={reading.temperature} band={reading.band} time={reading.measuredAt} symptoms={reading.symptoms} />;
}

export function SymptomTags({ symptoms }: { symptoms: readonly Symptom[] }) {
  const t = useT();
  if (symptoms.length === 0) return null;
  return <>{symptoms.map((s) => <Tag key={s} color="volcano" style={{ marginInlineEnd: 4 }}>{t(`symptom.${s}`)}</Tag>)}</>;
}

export function StepsProgress({ steps }: { steps: readonly AlertStepState[] }) {
  const t = useT();
  const done = steps.filter((s) => s.doneAt !== null).length;
  return (
    <Tooltip title={t('alerts.stepsDone', { done, total: steps.length })}>
      <Progress
        size="small"
        percent={steps.length === 0 ? 100 : Math.round((done / steps.length) * 100)}
        format={() => `${done}/${steps.length}`}
        style={{ minWidth: 110, margin: 0 }}
      />
    </Tooltip>
  );
}

/**
 * The monitoring settings in force at a site: from its policy version, else the defaults of its
 * type (so that bands still show while the policy loads or when none was issued).
 */
export function useSiteMonitoring(siteId: string | undefined, siteType: SiteType | null | undefined): {
  policy: PolicyBody | undefined;
  fromSite: boolean;
} {
  const version = useSitePolicy(siteId);
  if (version.data) return { policy: version.data.body, fromSite: true };
  return { policy: siteType ? DEFAULT_POLICIES[siteType] : undefined, fromSite: false };
}

/** A picked calendar day (not an instant: no zone applies). */
export function isoDay(d: Date | string): string {
  return dayjs(d).format('YYYY-MM-DD');
}
