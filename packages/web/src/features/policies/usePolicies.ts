import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatePolicyVersion, SiteType } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
import { keys } from '../../api/keys';

export function usePolicies() {
  return useQuery({
    queryKey: keys.policies,
    queryFn: async ({ signal }) => (await endpoints.policies(signal)).policies,
  });
}

export function usePolicyVersions(siteType: SiteType | undefined) {
  return useQuery({
    queryKey: keys.policyVersions(siteType ?? 'elderly_care'),
    queryFn: async ({ signal }) => (await endpoints.policyVersions(siteType ?? 'elderly_care', signal)).versions,
    enabled: siteType !== undefined,
  });
}

export function useCreatePolicyVersion(siteType: SiteType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePolicyVersion) => endpoints.createPolicyVersion(siteType, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.policies });
      await queryClient.invalidateQueries({ queryKey: ['sites'] });
    },
  });
}
