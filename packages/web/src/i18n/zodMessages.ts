import type { z } from 'zod';
import { FIELD_MESSAGES, type Locale } from '@fangkong/domain';
import type { Translate } from './context';
import { currentLocale } from './locale';
import type { MessageKey } from './catalogues';

/**
 * The domain's message codes and messages for which the app's dictionary has its own wording
 * (worded for a form, where the server's answer names the field): checked before FIELD_MESSAGES.
 */
const DOMAIN_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'field.required': 'validation.required',
  'username.chars': 'validation.usernameChars',
  'fever_bands.order': 'validation.feverBandsOrder',
  'supplies.floor_above_target': 'validation.floorNotAboveTarget',
  'date.format': 'validation.isoDate',
  'date.calendar': 'validation.calendarDate',
  'org.code_chars': 'validation.codeChars',
  'org.site_type': 'validation.siteTypeRequired',
  'people.left_before_joined': 'validation.leftBeforeJoined',
  'number.not_zero': 'validation.notZero',
  'supplies.same_site': 'validation.sameSite',
  // Notifications
  'email.invalid': 'validation.email',
  'rule.http_address': 'validation.httpAddress',
  'rule.role_for_in_app': 'validation.notifyRoleForInApp',
  'rule.no_address_for_in_app': 'validation.notifyNoAddressForInApp',
  'rule.role_or_mailbox': 'validation.notifyRoleOrMailbox',
  'rule.no_role_for_address': 'validation.notifyNoRoleForAddress',
};

/**
 * A message the domain gives as a key (`id_number.check_character`, see FIELD_MESSAGES) in the
 * language in use; anything else (e.g. a message the server already localized) as it is.
 */
export function fieldMessage(message: string, locale: Locale = currentLocale()): string {
  return FIELD_MESSAGES[message]?.[locale] ?? message;
}

/** A zod issue in the user's language (the schemas carry English developer messages). */
export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  const known = DOMAIN_MESSAGES[issue.message];
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed && !known) return keyed[currentLocale()];
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.minChars', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.minItems', { min });
      // `.positive()` and the like: the minimum itself is not allowed.
      if (issue.inclusive === false) return t('validation.moreThan', { min });
      return t('validation.minValue', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxChars', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.maxItems', { max });
      return t('validation.maxValue', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'int') return t('validation.integer');
      // Empty inputs arrive as null or undefined, which is what this almost always means.
      return t('validation.required');
    case 'invalid_format':
      return t(known ?? 'validation.format');
    case 'not_multiple_of':
      return t('validation.integer');
    case 'custom':
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'unrecognized_keys':
      return t(known ?? 'validation.invalid');
  }
}
