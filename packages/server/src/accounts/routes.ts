import {
  AccountAnswer, AccountList, AccountListQuery, BulkAccountsAnswer, BulkCreateAccountsInput, CreateAccountInput, IdParams, OneTimePasswordAnswer,
  UpdateAccountInput,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

export function accountsRoutes(app: App): void {
  const { accounts } = app.services;
  const tags = ['accounts'];

  app.get('/api/accounts', {
    schema: { tags, querystring: AccountListQuery, response: { 200: AccountList } },
  }, async (request) => accounts.list(contextOf(request), request.query));

  app.post('/api/accounts', {
    schema: { tags, body: CreateAccountInput, response: { 201: OneTimePasswordAnswer } },
  }, async (request, reply) => reply.code(201).send(await accounts.create(contextOf(request), request.body)));

  app.post('/api/accounts/bulk', {
    schema: { tags, body: BulkCreateAccountsInput, response: { 201: BulkAccountsAnswer } },
  }, async (request, reply) => reply.code(201).send(await accounts.bulk(contextOf(request), request.body)));

  app.get('/api/accounts/:id', {
    schema: { tags, params: IdParams, response: { 200: AccountAnswer } },
  }, async (request) => ({ account: await accounts.get(contextOf(request), request.params.id) }));

  app.patch('/api/accounts/:id', {
    schema: { tags, params: IdParams, body: UpdateAccountInput, response: { 200: AccountAnswer } },
  }, async (request) => ({ account: await accounts.update(contextOf(request), request.params.id, request.body) }));

  app.post('/api/accounts/:id/reset-password', {
    schema: { tags, params: IdParams, response: { 200: OneTimePasswordAnswer } },
  }, async (request) => accounts.resetPassword(contextOf(request), request.params.id));

  const noAnswer = [
    ['end-sessions', (ctx, id) => accounts.endSessions(ctx, id)],
    ['unlock', (ctx, id) => accounts.unlock(ctx, id)],
    ['reset-two-factor', (ctx, id) => accounts.resetTwoFactor(ctx, id)],
  ] as const satisfies readonly (readonly [string, (ctx: ReturnType<typeof contextOf>, id: string) => Promise<void>])[];
  for (const [action, run] of noAnswer) {
    app.post(`/api/accounts/:id/${action}`, { schema: { tags, params: IdParams } }, async (request, reply) => {
      await run(contextOf(request), request.params.id);
      return reply.code(204).send();
    });
  }
}
