import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePolicyVersion, SiteType } from '@fangkong/domain';
import { policiesApi, policiesKeys } from './api';

export function usePolicies() {
  return useQuery({
    queryKey: policiesKeys.all,
    queryFn: async ({ signal }) => (await policiesApi.policies(signal)).policies,
  });
}

export function usePolicyVersions(siteType: SiteType | undefined) {
  return useQuery({
    queryKey: policiesKeys.versions(siteType ?? 'elderly_care'),
    queryFn: async ({ signal }) => (await policiesApi.policyVersions(siteType ?? 'elderly_care', signal)).versions,
    enabled: siteType !== undefined,
  });
}

export function useCreatePolicyVersion(siteType: SiteType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePolicyVersion) => policiesApi.createPolicyVersion(siteType, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: policiesKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['sites'] });
    },
  });
}
