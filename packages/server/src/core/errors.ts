import type { Bilingual, ErrorCode, FieldIssue, Locale } from '@fangkong/domain';

/** A field issue as thrown, in both languages; the answer carries the caller's. */
export interface FieldProblem {
  path: string;
  message: Bilingual;
}

/** The one error type of the server. Services throw it; the error handler turns it into an answer. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Overrides the generic message of the code; give both languages for what a person reads. */
    readonly detail?: Bilingual,
    readonly fields?: FieldProblem[],
    readonly retryAfterSeconds?: number,
  ) {
    super(detail?.en ?? code);
  }
}

export const STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  password_change_required: 403,
  two_factor_setup_required: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  internal: 500,
};

const MESSAGES: Readonly<Record<ErrorCode, Bilingual>> = {
  validation_failed: { 'zh-CN': '输入有误，请检查标出的字段', en: 'Some input is invalid; see the fields' },
  unauthenticated: { 'zh-CN': '请先登录', en: 'Please sign in' },
  invalid_credentials: { 'zh-CN': '用户名、密码或验证码错误', en: 'Wrong username, password or code' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  password_change_required: { 'zh-CN': '请先修改一次性密码', en: 'Change your one-time password first' },
  two_factor_setup_required: { 'zh-CN': '您的角色要求两步验证，请先完成设置', en: 'Your role requires two-factor sign-in; set it up first' },
  not_found: { 'zh-CN': '未找到该记录', en: 'Not found' },
  conflict: { 'zh-CN': '与现有记录冲突', en: 'Conflicts with an existing record' },
  payload_too_large: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  uri_too_long: { 'zh-CN': '请求地址过长', en: 'The address of the request is too long' },
  unsupported_media_type: { 'zh-CN': '不支持该内容类型', en: 'The content type is not supported' },
  account_locked: { 'zh-CN': '登录失败次数过多，账号已暂时锁定', en: 'Too many failed sign-ins; the account is locked for now' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { 'zh-CN': '服务器内部错误，请联系管理员并提供请求编号', en: 'Internal error; give the request id to your administrator' },
};

export function messageFor(err: AppError, locale: Locale): string {
  return (err.detail ?? MESSAGES[err.code])[locale];
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const conflict = (message: Bilingual) => new AppError('conflict', message);
/** A 400 naming one field, with the reason in both languages. */
export const invalidField = (path: string, message: Bilingual) => new AppError('validation_failed', undefined, [{ path, message }]);

/**
 * Field issues already written in the caller's language (a preview's row problems, localized when
 * the file was read): the same text whichever language the answer is in.
 */
export const inCallersLanguage = (issues: readonly FieldIssue[]): FieldProblem[] =>
  issues.map(({ path, message }) => ({ path, message: { 'zh-CN': message, en: message } }));
