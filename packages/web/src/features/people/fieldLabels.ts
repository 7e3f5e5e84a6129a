import type { Translate } from '../../i18n/context';
import type { MessageKey } from '../../i18n/catalogues';

const LABELS: Readonly<Record<string, MessageKey>> = {
  siteId: 'people.field.site',
  moveReason: 'people.field.moveReason',
  name: 'people.field.name',
  kind: 'people.field.kind',
  sex: 'people.field.sex',
  birthDate: 'people.field.birthDate',
  idNumber: 'people.field.idNumber',
  idUnknown: 'people.field.idUnknown',
  phone: 'people.field.phone',
  post: 'people.field.post',
  room: 'people.field.room',
  bed: 'people.field.bed',
  status: 'people.field.status',
  joinedOn: 'people.field.joinedOn',
  leftOn: 'people.field.leftOn',
  emergencyContactName: 'people.field.emergencyContactName',
  emergencyContactPhone: 'people.field.emergencyContactPhone',
  notes: 'people.field.notes',
};

/** The label of a person's field named by an error path ("idNumber", "body.idNumber"); the path itself otherwise. */
export function fieldLabel(path: string, t: Translate): string {
  const last = path.split('.').pop() ?? path;
  const key = LABELS[last];
  return key ? t(key) : path;
}
