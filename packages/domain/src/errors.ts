/**
 * The one error vocabulary shared by server and web. The server maps each code to an HTTP
 * status in one place; the web maps each code to a message in both languages.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'forbidden',
  'password_change_required',
  'two_factor_setup_required',
  'not_found',
  'conflict',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldIssue[];
    requestId?: string;
    retryAfterSeconds?: number;
  };
}
