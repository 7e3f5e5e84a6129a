import type {
  AccountAnswer, AccountList, AccountListQuery, BulkAccountsAnswer, BulkCreateAccountsInput, CreateAccountInput, OneTimePasswordAnswer,
  UpdateAccountInput,
} from '@fangkong/domain';
import { api } from '../../api/client';

/** The filters of the accounts list (AccountListQuery without paging). */
export type AccountFilter = Omit<AccountListQuery, 'limit' | 'offset'>;

const accountPath = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

/** The accounts routes of the issue 17 contract, typed by its domain contracts. */
export const accountsApi = {
  accounts: (filter: AccountFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<AccountList>('/api/accounts', { signal, query: { ...filter, ...page } }),
  account: (id: string, signal?: AbortSignal) => api<AccountAnswer>(accountPath(id), { signal }),
  /** The answer carries the one-time password, shown this once. */
  createAccount: (input: CreateAccountInput) => api<OneTimePasswordAnswer>('/api/accounts', { method: 'POST', body: input }),
  updateAccount: (id: string, patch: UpdateAccountInput) => api<AccountAnswer>(accountPath(id), { method: 'PATCH', body: patch }),
  resetPassword: (id: string) => api<OneTimePasswordAnswer>(`${accountPath(id)}/reset-password`, { method: 'POST' }),
  endSessions: (id: string) => api<undefined>(`${accountPath(id)}/end-sessions`, { method: 'POST' }),
  unlock: (id: string) => api<undefined>(`${accountPath(id)}/unlock`, { method: 'POST' }),
  resetTwoFactor: (id: string) => api<undefined>(`${accountPath(id)}/reset-two-factor`, { method: 'POST' }),
  bulkCreate: (input: BulkCreateAccountsInput) => api<BulkAccountsAnswer>('/api/accounts/bulk', { method: 'POST', body: input }),
};

export const accountsKeys = {
  /** Everything of accounts: invalidated together after any change. */
  all: ['accounts'] as const,
  list: (filter: AccountFilter, limit: number, offset: number) => ['accounts', 'list', filter, limit, offset] as const,
  account: (id: string) => ['accounts', 'account', id] as const,
};
