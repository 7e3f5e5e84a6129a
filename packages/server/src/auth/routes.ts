import {
  ChangePasswordInput, LoginInput, RecoveryCodesAnswer, TwoFactorCodeInput, TwoFactorDisableInput, TwoFactorSetupAnswer, UpdateMe, UserAnswer,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import type { Restriction } from './caller.js';
import { SESSION_COOKIE } from './service.js';

/** Open to a session that must first change its one-time password, or enrol a second factor. */
const OPEN_WHILE_PENDING = { pending: ['password_change_required', 'two_factor_setup_required'] as readonly Restriction[] };
/** Open to a session that must enrol a second factor (enrolling is what lifts it). */
const OPEN_FOR_ENROLMENT = { pending: ['two_factor_setup_required'] as readonly Restriction[] };

export function authRoutes(app: App): void {
  const { auth, twoFactor, config } = app.services;
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

  app.post('/api/auth/logout', { config: OPEN_WHILE_PENDING, schema: { tags: ['auth'] } }, async (request, reply) => {
    await auth.logout(contextOf(request));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { config: OPEN_WHILE_PENDING, schema: { tags: ['auth'], response: { 200: UserAnswer } } }, async (request) => {
    return { user: await auth.me(contextOf(request).caller?.userId ?? '') };
  });

  app.patch('/api/auth/me', {
    config: OPEN_WHILE_PENDING,
    schema: { tags: ['auth'], body: UpdateMe, response: { 200: UserAnswer } },
  }, async (request) => ({ user: await auth.updateMe(contextOf(request), request.body) }));

  app.post('/api/auth/password', { config: OPEN_WHILE_PENDING, schema: { tags: ['auth'], body: ChangePasswordInput } }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.body);
    return reply.code(204).send();
  });

  app.post('/api/auth/two-factor/setup', {
    config: OPEN_FOR_ENROLMENT,
    schema: { tags: ['auth'], response: { 200: TwoFactorSetupAnswer } },
  }, async (request) => twoFactor.setup(contextOf(request)));

  app.post('/api/auth/two-factor/confirm', {
    config: OPEN_FOR_ENROLMENT,
    schema: { tags: ['auth'], body: TwoFactorCodeInput, response: { 200: RecoveryCodesAnswer } },
  }, async (request) => twoFactor.confirm(contextOf(request), request.body.code));

  app.post('/api/auth/two-factor/recovery-codes', {
    schema: { tags: ['auth'], body: TwoFactorCodeInput, response: { 200: RecoveryCodesAnswer } },
  }, async (request) => twoFactor.renewRecoveryCodes(contextOf(request), request.body.code));

  app.post('/api/auth/two-factor/disable', { schema: { tags: ['auth'], body: TwoFactorDisableInput } }, async (request, reply) => {
    await twoFactor.disable(contextOf(request), request.body);
    return reply.code(204).send();
  });
}
