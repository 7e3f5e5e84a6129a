import { idCheckCharacter } from '@fangkong/domain';

/** A valid ID number: region, birth date (YYYYMMDD), sequence; odd sequence = male. */
export function makeId(region = '350102', birth = '19450301', seq = 123): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id[17];
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}
