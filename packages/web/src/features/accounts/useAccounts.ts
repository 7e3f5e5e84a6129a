import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BulkCreateAccountsInput, CreateAccountInput, UpdateAccountInput } from '@fangkong/domain';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { accountsApi, accountsKeys, type AccountFilter } from './api';

/** One page of the accounts list (the previous page stays shown while the next loads). */
export function useAccountList(filter: AccountFilter, limit: number, offset: number, enabled = true) {
  return useQuery({
    queryKey: accountsKeys.list(filter, limit, offset),
    queryFn: ({ signal }) => accountsApi.accounts(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateAccount() {
  return useInvalidatingMutation(accountsKeys.all, (input: CreateAccountInput) => accountsApi.createAccount(input));
}

export function useUpdateAccount(id: string) {
  return useInvalidatingMutation(accountsKeys.all, (patch: UpdateAccountInput) => accountsApi.updateAccount(id, patch));
}

/** The actions on one account that take no input; the list is asked for again after each. */
export function useAccountAction() {
  return useInvalidatingMutation(accountsKeys.all, ({ id, action }: { id: string; action: AccountAction }) => ACTIONS[action](id));
}

const ACTIONS = {
  disable: (id: string) => accountsApi.updateAccount(id, { disabled: true }),
  enable: (id: string) => accountsApi.updateAccount(id, { disabled: false }),
  resetPassword: accountsApi.resetPassword,
  endSessions: accountsApi.endSessions,
  unlock: accountsApi.unlock,
  resetTwoFactor: accountsApi.resetTwoFactor,
} as const;
export type AccountAction = keyof typeof ACTIONS;

export function useBulkCreateAccounts() {
  return useInvalidatingMutation(accountsKeys.all, (input: BulkCreateAccountsInput) => accountsApi.bulkCreate(input));
}
