import { DEFAULT_POLICY_NOTE, INCIDENT_TYPES, policySectionApplies, type PolicyBody, type SiteType } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import type { MessageKey } from '../../i18n/catalogues';

export type PolicyFieldType = 'int' | 'celsius' | 'bool' | 'symptoms' | 'healthCodes' | 'optionalInt' | 'demandBasis' | 'chain' | 'requiredSupplies';
type Unit = 'unit.days' | 'unit.minutes' | 'unit.hours' | 'unit.celsius' | 'unit.people' | 'unit.times';

export interface PolicyField {
  /** Path inside PolicyBody. */
  path: readonly string[];
  label: MessageKey;
  type: PolicyFieldType;
  unit?: Unit;
}

export interface PolicyGroup {
  key: string;
  title: MessageKey;
  fields: readonly PolicyField[];
}

const fb = (name: keyof PolicyBody['monitoring']['feverBands'], label: MessageKey): PolicyField =>
  ({ path: ['monitoring', 'feverBands', name], label, type: 'celsius', unit: 'unit.celsius' });

/** Every field of PolicyBody, grouped as the work plans group them; drives both view and form. */
export const POLICY_GROUPS: readonly PolicyGroup[] = [
  {
    key: 'monitoring',
    title: 'policy.group.monitoring',
    fields: [
      { path: ['monitoring', 'readingsPerDay'], label: 'policy.field.monitoring.readingsPerDay', type: 'int', unit: 'unit.times' },
      { path: ['monitoring', 'symptoms'], label: 'policy.field.monitoring.symptoms', type: 'symptoms' },
    ],
  },
  {
    key: 'feverBands',
    title: 'policy.group.feverBands',
    fields: [
      fb('measurementMin', 'policy.field.monitoring.feverBands.measurementMin'),
      fb('normalMin', 'policy.field.monitoring.feverBands.normalMin'),
      fb('normalMax', 'policy.field.monitoring.feverBands.normalMax'),
      fb('lowFeverMax', 'policy.field.monitoring.feverBands.lowFeverMax'),
      fb('moderateMax', 'policy.field.monitoring.feverBands.moderateMax'),
      fb('highMax', 'policy.field.monitoring.feverBands.highMax'),
      fb('measurementMax', 'policy.field.monitoring.feverBands.measurementMax'),
    ],
  },
  {
    key: 'screening',
    title: 'policy.group.screening',
    fields: [
      { path: ['screening', 'refuseHealthCodes'], label: 'policy.field.screening.refuseHealthCodes', type: 'healthCodes' },
      { path: ['screening', 'refuseSymptoms'], label: 'policy.field.screening.refuseSymptoms', type: 'symptoms' },
      { path: ['screening', 'receptionMaxPeople'], label: 'policy.field.screening.receptionMaxPeople', type: 'int', unit: 'unit.people' },
      { path: ['screening', 'receptionMaxStayMinutes'], label: 'policy.field.screening.receptionMaxStayMinutes', type: 'int', unit: 'unit.minutes' },
      { path: ['screening', 'refuseRiskAreaTravel'], label: 'policy.field.screening.refuseRiskAreaTravel', type: 'bool' },
      { path: ['screening', 'refuseWithoutMask'], label: 'policy.field.screening.refuseWithoutMask', type: 'bool' },
      { path: ['screening', 'idNumberRequired'], label: 'policy.field.screening.idNumberRequired', type: 'bool' },
      { path: ['screening', 'codeValidMinutes'], label: 'policy.field.screening.codeValidMinutes', type: 'int', unit: 'unit.minutes' },
      { path: ['screening', 'retentionDays'], label: 'policy.field.screening.retentionDays', type: 'int', unit: 'unit.days' },
    ],
  },
  {
    key: 'testing',
    title: 'policy.group.testing',
    fields: [
      { path: ['testing', 'staffIntervalDays'], label: 'policy.field.testing.staffIntervalDays', type: 'int', unit: 'unit.days' },
      { path: ['testing', 'residentIntervalDays'], label: 'policy.field.testing.residentIntervalDays', type: 'optionalInt', unit: 'unit.days' },
      { path: ['testing', 'intakeTestRequired'], label: 'policy.field.testing.intakeTestRequired', type: 'bool' },
      { path: ['testing', 'intakeTestMaxAgeDays'], label: 'policy.field.testing.intakeTestMaxAgeDays', type: 'int', unit: 'unit.days' },
      { path: ['testing', 'dueSoonDays'], label: 'policy.field.testing.dueSoonDays', type: 'int', unit: 'unit.days' },
      { path: ['testing', 'pendingFollowUpHours'], label: 'policy.field.testing.pendingFollowUpHours', type: 'int', unit: 'unit.hours' },
    ],
  },
  {
    key: 'isolation',
    title: 'policy.group.isolation',
    fields: [
      { path: ['isolation', 'durationDays'], label: 'policy.field.isolation.durationDays', type: 'int', unit: 'unit.days' },
      { path: ['isolation', 'earlyReleaseNeedsNegativeTest'], label: 'policy.field.isolation.earlyReleaseNeedsNegativeTest', type: 'bool' },
    ],
  },
  {
    key: 'supplies',
    title: 'policy.group.supplies',
    fields: [
      { path: ['supplies', 'demandBasisDays'], label: 'policy.field.supplies.demandBasisDays', type: 'int', unit: 'unit.days' },
      { path: ['supplies', 'targetDays'], label: 'policy.field.supplies.targetDays', type: 'int', unit: 'unit.days' },
      { path: ['supplies', 'floorDays'], label: 'policy.field.supplies.floorDays', type: 'int', unit: 'unit.days' },
      { path: ['supplies', 'replenishIntervalDays'], label: 'policy.field.supplies.replenishIntervalDays', type: 'int', unit: 'unit.days' },
      { path: ['supplies', 'demandBasis'], label: 'policy.field.supplies.demandBasis', type: 'demandBasis' },
      { path: ['supplies', 'fullLoad'], label: 'policy.field.supplies.fullLoad', type: 'bool' },
      { path: ['supplies', 'required'], label: 'policy.field.supplies.required', type: 'requiredSupplies' },
    ],
  },
  {
    key: 'escalation',
    title: 'policy.group.escalation',
    fields: [
      { path: ['escalation', 'reportToSiteManagerMinutes'], label: 'policy.field.escalation.reportToSiteManagerMinutes', type: 'int', unit: 'unit.minutes' },
      { path: ['escalation', 'reportToTownMinutes'], label: 'policy.field.escalation.reportToTownMinutes', type: 'int', unit: 'unit.minutes' },
      { path: ['escalation', 'reportToBureauMinutes'], label: 'policy.field.escalation.reportToBureauMinutes', type: 'int', unit: 'unit.minutes' },
      // The chain of reports per incident type (R7.1, R7.3): who receives each step, within how long.
      ...INCIDENT_TYPES.map((type): PolicyField => ({ path: ['escalation', 'chains', type], label: `policy.field.escalation.chains.${type}`, type: 'chain' })),
    ],
  },
  {
    key: 'funeral',
    title: 'policy.group.funeral',
    fields: [
      { path: ['funeral', 'maxMourningDays'], label: 'policy.field.funeral.maxMourningDays', type: 'int', unit: 'unit.days' },
      { path: ['funeral', 'mourningAttendeeCap'], label: 'policy.field.funeral.mourningAttendeeCap', type: 'int', unit: 'unit.people' },
      { path: ['funeral', 'minDisinfectionsPerDay'], label: 'policy.field.funeral.minDisinfectionsPerDay', type: 'int', unit: 'unit.times' },
    ],
  },
  {
    key: 'community',
    title: 'policy.group.community',
    fields: [
      { path: ['community', 'clueVerifyHours'], label: 'policy.field.community.clueVerifyHours', type: 'int', unit: 'unit.hours' },
      { path: ['community', 'arrivalMonitoringDays'], label: 'policy.field.community.arrivalMonitoringDays', type: 'int', unit: 'unit.days' },
      { path: ['community', 'warningThreshold'], label: 'policy.field.community.warningThreshold', type: 'int', unit: 'unit.people' },
      { path: ['community', 'warningWindowHours'], label: 'policy.field.community.warningWindowHours', type: 'int', unit: 'unit.hours' },
    ],
  },
];

/** The groups shown for a site type: a group belongs to the body section its fields live in. */
export function policyGroupsFor(siteType: SiteType): readonly PolicyGroup[] {
  return POLICY_GROUPS.filter((g) => g.fields.every((f) => policySectionApplies(f.path[0] as keyof PolicyBody, siteType)));
}

/** A version's note in the reader's language where it is the defaults' note, else as written. */
export function policyNote(note: string | null, t: Translate): string {
  if (note === DEFAULT_POLICY_NOTE) return t('policies.defaultNote');
  return note ?? '';
}

/** Reads a value at a path of a plain object. */
export function valueAt(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
