import { ChangePasswordInput, LoginInput, UpdateMe, UserAnswer } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { SESSION_COOKIE } from './service.js';

export function authRoutes(app: App): void {
  const { auth, config } = app.services;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
  };

  app.post('/api/auth/login', {
    config: { public: true },
    schema: { tags: ['auth'], body: LoginInput, response: { 200: UserAnswer } },
  }, async (request, reply) => {
    const { token, user } = await auth.login(contextOf(request), request.body);
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(config.session.absoluteMs / 1000) });
    return { user };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    await auth.logout(contextOf(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: UserAnswer } } }, async (request) => {
    return { user: await auth.me(contextOf(request).caller?.userId ?? '') };
  });

  app.patch('/api/auth/me', {
    schema: { tags: ['auth'], body: UpdateMe, response: { 200: UserAnswer } },
  }, async (request) => ({ user: await auth.updateMe(contextOf(request), request.body) }));

  app.post('/api/auth/password', { schema: { tags: ['auth'], body: ChangePasswordInput } }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.body);
    return reply.code(204).send();
  });
}
