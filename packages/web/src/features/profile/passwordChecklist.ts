import { passwordProblems, type PasswordRules } from '@fangkong/domain';

/** One line of the checklist under a new password: the rule, and whether the typed password keeps it. */
export interface ChecklistItem {
  rule: 'length' | 'classes' | 'not_username' | 'confirmed';
  ok: boolean;
}

/**
 * The deployment's password rules as the user types (the domain's `passwordProblems`, the same the
 * server applies), and that the confirmation matches. The history rule is the server's alone: it
 * answers on the field. Nothing is ticked before anything is typed.
 */
export function passwordChecklist(password: string, confirmation: string, rules: PasswordRules, username: string): ChecklistItem[] {
  const problems = passwordProblems(password, rules, username);
  const typed = password.length > 0;
  return [
    { rule: 'length', ok: typed && !problems.includes('length') },
    { rule: 'classes', ok: typed && !problems.includes('classes') },
    { rule: 'not_username', ok: typed && !problems.includes('not_username') },
    { rule: 'confirmed', ok: typed && confirmation === password },
  ];
}
