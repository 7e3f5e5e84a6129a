import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/app.js';

export type InjectResponse = LightMyRequestResponse;

/**
 * A small HTTP client bound to one signed-in user: `env.as('nurse').post(url, body)`. Each
 * method answers the injected response (`statusCode`, `json()`, `body`, `headers`).
 */
export interface Client {
  readonly username: string;
  /** The session cookie header, signing in first if this user has not yet. */
  cookie(): Promise<string>;
  get(url: string, headers?: Record<string, string>): Promise<InjectResponse>;
  /** A POST with a JSON body; `{}` when none is given, as the routes expect an object. */
  post(url: string, payload?: object, headers?: Record<string, string>): Promise<InjectResponse>;
  put(url: string, payload: object): Promise<InjectResponse>;
  patch(url: string, payload: object): Promise<InjectResponse>;
  delete(url: string): Promise<InjectResponse>;
  /** A file sent as its own bytes (rosters, lab files, attachments); `fileName` goes in `x-file-name`. */
  upload(url: string, body: Buffer | string, contentType?: string, fileName?: string): Promise<InjectResponse>;
  /** Any other request, with this user's cookie added to its headers. */
  request(opts: InjectOptions & { url: string }): Promise<InjectResponse>;
}

/** A client whose cookie comes from `cookie()` (memoized by the caller). */
export function clientFor(app: App, username: string, cookie: () => Promise<string>): Client {
  const request = async (opts: InjectOptions & { url: string }) =>
    app.inject({ ...opts, headers: { ...opts.headers, cookie: await cookie() } });
  return {
    username,
    cookie,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload ?? {}, ...(headers ? { headers } : {}) }),
    put: (url, payload) => request({ method: 'PUT', url, payload }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload }),
    delete: (url) => request({ method: 'DELETE', url }),
    upload: (url, body, contentType = 'application/octet-stream', fileName) => request({
      method: 'POST', url, payload: body,
      headers: { 'content-type': contentType, ...(fileName === undefined ? {} : { 'x-file-name': encodeURIComponent(fileName) }) },
    }),
    request,
  };
}
