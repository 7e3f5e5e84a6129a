import type { ReactNode } from 'react';
import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { livesInCommunity, type Person, type PersonKind, type PersonStatus } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import type { SiteRow } from '../sites/siteRows';

/**
 * Which of the kind-dependent fields a kind of person has: a post for staff, a room and bed for those
 * who live at a site, a grid cell and household for a community's residents.
 */
export function kindFields(kind: PersonKind | undefined): { post: boolean; roomBed: boolean; household: boolean } {
  switch (kind) {
    case 'staff':
      return { post: true, roomBed: false, household: false };
    case 'resident':
    case 'child':
    case 'client':
      return { post: false, roomBed: true, household: false };
    case 'community_resident':
      return { post: false, roomBed: false, household: true };
    case undefined:
      return { post: false, roomBed: false, household: false };
  }
}

/** A status in the words of the kind: a community's resident lives there, not "in the home". */
export function statusText(status: PersonStatus, kind: PersonKind | undefined, t: Translate): string {
  return kind && livesInCommunity(kind) ? t(`personStatus.community.${status}`) : t(`personStatus.${status}`);
}

function statusColor(status: PersonStatus): string | undefined {
  switch (status) {
    case 'present':
      return 'green';
    case 'on_leave':
      return 'orange';
    case 'left':
      return undefined;
  }
}

export function PersonStatusTag({ status, kind }: { status: PersonStatus; kind: PersonKind }) {
  const t = useT();
  return <Tag color={statusColor(status)}>{statusText(status, kind, t)}</Tag>;
}

/** What the ID number disagrees with, as sentences (empty when nothing does). */
export function mismatchTexts(person: Pick<Person, 'flags'>, t: Translate): string[] {
  return [
    ...(person.flags.sexMismatch ? [t('people.sexMismatch')] : []),
    ...(person.flags.birthDateMismatch ? [t('people.birthDateMismatch')] : []),
  ];
}

/** The (masked or revealed) ID number, the "identity unknown" tag, and a warning on mismatches. */
export function IdNumberCell({ person, idNumber }: { person: Person; idNumber?: string | null }) {
  const t = useT();
  const problems = mismatchTexts(person, t);
  const shown = idNumber !== undefined ? idNumber : person.idNumber;
  return (
    <Flex gap={4} align="center" wrap>
      {person.idUnknown
        ? <Tag color="orange">{t('people.idUnknown')}</Tag>
        : <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{shown ?? ''}</Typography.Text>}
      {problems.length > 0 && (
        <Tooltip title={problems.map((p) => <div key={p}>{p}</div>)}>
          <WarningOutlined style={{ color: '#faad14' }} aria-label={problems.join('; ')} />
        </Tooltip>
      )}
    </Flex>
  );
}

/** Post for staff, room-bed for those who live at the site, the household for a community's residents. */
export function placeText(person: Pick<Person, 'kind' | 'post' | 'room' | 'bed'>): string {
  const f = kindFields(person.kind);
  if (f.post) return person.post ?? '';
  if (f.roomBed) return [person.room, person.bed].filter(Boolean).join('-');
  if (f.household) return person.room ?? '';
  return '';
}

export function siteOptions(sites: readonly SiteRow[]) {
  return sites.map((s) => ({ value: s.id, label: s.town ? `${s.name} · ${s.town}` : s.name }));
}

/** Matches a select option by its visible name (for `showSearch`). */
export function filterByLabel(input: string, option: { label?: ReactNode } | undefined): boolean {
  const label = option?.label;
  return typeof label === 'string' && label.toLocaleLowerCase().includes(input.trim().toLocaleLowerCase());
}
