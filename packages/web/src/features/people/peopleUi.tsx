import type { ReactNode } from 'react';
import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { Person, PersonKind, PersonStatus } from '@fangkong/domain';
import type { Translate } from '../../i18n/context';
import { useT } from '../../i18n/useT';
import type { SiteRow } from '../sites/siteRows';

/** Which of the kind-dependent fields a kind of person has. */
export function kindFields(kind: PersonKind | undefined): { post: boolean; roomBed: boolean } {
  switch (kind) {
    case 'staff':
      return { post: true, roomBed: false };
    case 'resident':
    case 'child':
    case 'client':
      return { post: false, roomBed: true };
    case 'community_resident':
    case undefined:
      return { post: false, roomBed: false };
  }
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

export function PersonStatusTag({ status }: { status: PersonStatus }) {
  const t = useT();
  return <Tag color={statusColor(status)}>{t(`personStatus.${status}`)}</Tag>;
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

/** Post for staff, room-bed for those who live at the site. */
export function placeText(person: Pick<Person, 'kind' | 'post' | 'room' | 'bed'>): string {
  const f = kindFields(person.kind);
  if (f.post) return person.post ?? '';
  if (f.roomBed) return [person.room, person.bed].filter(Boolean).join('-');
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
