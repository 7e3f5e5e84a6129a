import { ERROR_CODES, type ErrorBody, type ErrorCode, type FieldIssue } from '@fangkong/domain';
import { currentLocale } from '../i18n/locale';

/** A failed API call: either the server's ErrorBody or a network/parse failure. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'network' | 'bad_response';
  readonly status: number;
  readonly fields: readonly FieldIssue[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    code: ApiError['code'];
    status: number;
    message: string;
    fields?: readonly FieldIssue[];
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let onUnauthenticated: (() => void) | null = null;
let onRestricted: (() => void) | null = null;

/** Registers what to do when a call answers 401 (the app goes to the sign-in page). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/**
 * The codes of a session that may do nothing but change its one-time password, or set up its
 * second factor (issue 17): a call answering one means the user's state changed under the app.
 */
const RESTRICTED_CODES: readonly string[] = ['password_change_required', 'two_factor_setup_required'];

/** Registers what to do when a call answers that the session is restricted (the app asks who the user is again). */
export function setRestrictedSessionHandler(handler: (() => void) | null): void {
  onRestricted = handler;
}

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = v.error;
  if (typeof e !== 'object' || e === null || !('code' in e)) return false;
  const code = e.code;
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

type Query = Readonly<Record<string, string | number | undefined | null>>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Bytes sent as they are (`application/octet-stream`), e.g. an uploaded file; instead of `body`. */
  raw?: Blob;
  query?: Query;
  signal?: AbortSignal;
  /** Do not run the 401 handler (the sign-in call answers 401 for a wrong password). */
  skipAuthRedirect?: boolean;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls `/api/...` and returns the parsed JSON answer (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  if (options.raw !== undefined) {
    headers['Content-Type'] = 'application/octet-stream';
    init.body = options.raw;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const res = await send(withQuery(path, options.query), init);

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError({ code: res.ok ? 'bad_response' : 'internal', status: res.status, message: res.statusText });
    }
  }

  if (res.ok) return data as T;
  throw failure(res, data, options.skipAuthRedirect ?? false);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ code: 'network', status: 0, message: e instanceof Error ? e.message : String(e) });
  }
}

/** What `failure` reads of an answer: a fetch Response, or the same of an XMLHttpRequest. */
interface AnswerHead {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
}

/** The ApiError of a failed answer; runs the 401 handler when the session is gone. */
function failure(res: AnswerHead, data: unknown, skipAuthRedirect: boolean): ApiError {
  const retryHeader = Number(res.headers.get('Retry-After'));
  const error = isErrorBody(data)
    ? new ApiError({
      code: data.error.code,
      status: res.status,
      message: data.error.message,
      fields: data.error.fields,
      requestId: data.error.requestId,
      retryAfterSeconds: data.error.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
    })
    : new ApiError({ code: res.status >= 500 ? 'internal' : 'bad_response', status: res.status, message: res.statusText });

  // A wrong current password also answers 401, but the session is still fine.
  if (res.status === 401 && error.code !== 'invalid_credentials' && !skipAuthRedirect) onUnauthenticated?.();
  if (res.status === 403 && RESTRICTED_CODES.includes(error.code)) onRestricted?.();
  return error;
}

/** The file name a Content-Disposition header gives (RFC 6266: `filename*` first), if any. */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const value = extended.replace(/^"(.*)"$/, '$1').replace(/^[\w-]+'[^']*'/, '');
    try {
      return decodeURIComponent(value);
    } catch {
      // Not percent-encoded after all: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = (plain?.[2] ?? plain?.[1])?.trim();
  return name || undefined;
}

/** Saves a blob under a file name through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Downloads a file answer (`GET /api/...`) with the session cookie and saves it under the name
 * the server gives in Content-Disposition, else `fallbackName`. Failures throw an ApiError.
 */
export async function download(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await send(withQuery(path, query), {
    method: 'GET',
    credentials: 'same-origin',
    headers: { Accept: '*/*', 'Accept-Language': currentLocale() },
  });
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the status alone describes the failure.
    }
    throw failure(res, data, false);
  }
  const blob = await res.blob();
  saveBlob(blob, dispositionFileName(res.headers.get('Content-Disposition')) ?? fallbackName);
}

/**
 * Sends a file's bytes (`application/octet-stream`) like `api` with `raw`, reporting the upload's
 * progress (0–1): fetch cannot tell how much of a request body has gone, XMLHttpRequest can.
 */
export function uploadWithProgress<T>(
  path: string,
  file: Blob,
  options: {
    query?: Query;
    signal?: AbortSignal;
    onProgress?: (fraction: number) => void;
    /** The body's type when the server reads it (e.g. an attachment's `image/png`); octet-stream by default. */
    contentType?: string;
    /** More request headers (e.g. `x-file-name`). */
    headers?: Readonly<Record<string, string>>;
  } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', options.contentType || 'application/octet-stream');
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError({ code: 'network', status: 0, message: 'network error' }));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      const text = xhr.responseText;
      let data: unknown = undefined;
      if (text) {
        try {
          data = JSON.parse(text);
        } catch {
          const ok = xhr.status >= 200 && xhr.status < 300;
          reject(new ApiError({ code: ok ? 'bad_response' : 'internal', status: xhr.status, message: xhr.statusText }));
          return;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(data as T);
        return;
      }
      reject(failure({ status: xhr.status, statusText: xhr.statusText, headers: { get: (name) => xhr.getResponseHeader(name) } }, data, false));
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
