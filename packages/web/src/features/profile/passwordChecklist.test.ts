import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_RULES } from '@fangkong/domain';
import { passwordChecklist } from './passwordChecklist';

const ticks = (password: string, confirmation = password, username = 'nurse.li') =>
  Object.fromEntries(passwordChecklist(password, confirmation, DEFAULT_PASSWORD_RULES, username).map((i) => [i.rule, i.ok]));

describe('the password checklist', () => {
  it.each([
    { what: 'nothing typed', password: '', confirmation: '', ok: { length: false, classes: false, not_username: false, confirmed: false } },
    { what: 'too short, one class', password: 'abc', confirmation: '', ok: { length: false, classes: false, not_username: true, confirmed: false } },
    { what: 'long enough, two classes', password: 'abcdefgh12', confirmation: 'abcdefgh12', ok: { length: true, classes: false, not_username: true, confirmed: true } },
    { what: 'every rule, not yet confirmed', password: 'Spring#2026', confirmation: 'Spring#202', ok: { length: true, classes: true, not_username: true, confirmed: false } },
    { what: 'every rule kept', password: 'Spring#2026', confirmation: 'Spring#2026', ok: { length: true, classes: true, not_username: true, confirmed: true } },
    { what: 'the username inside', password: 'Nurse.Li#2026', confirmation: 'Nurse.Li#2026', ok: { length: true, classes: true, not_username: false, confirmed: true } },
  ])('$what', ({ password, confirmation, ok }) => {
    expect(ticks(password, confirmation)).toEqual(ok);
  });

  it('follows the deployment\'s rules, not fixed ones', () => {
    const rules = { minLength: 6, minClasses: 2, history: 0 };
    expect(passwordChecklist('abc123', 'abc123', rules, 'x').every((i) => i.ok)).toBe(true);
    expect(passwordChecklist('abc123', 'abc123', DEFAULT_PASSWORD_RULES, 'x').every((i) => i.ok)).toBe(false);
  });
});
