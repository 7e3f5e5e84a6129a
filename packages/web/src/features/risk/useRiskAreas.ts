import { useMutation, useQuery } from '@tanstack/react-query';
import type { CreateRiskArea, UpdateRiskArea } from '@fangkong/domain';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { riskApi, riskKeys, type RiskAreaFilter } from './api';

export function useRiskAreas(filter: RiskAreaFilter) {
  return useQuery({
    queryKey: riskKeys.areas(filter),
    queryFn: async ({ signal }) => (await riskApi.areas(filter, signal)).areas,
  });
}

export function useCreateRiskArea() {
  return useInvalidatingMutation(riskKeys.all, (input: CreateRiskArea) => riskApi.createArea(input));
}

export function useUpdateRiskArea() {
  return useInvalidatingMutation(riskKeys.all, ({ id, patch }: { id: string; patch: UpdateRiskArea }) => riskApi.updateArea(id, patch));
}

export function useRiskImportPreview() {
  return useMutation({ mutationFn: (file: File) => riskApi.preview(file) });
}

export function useRiskImportCommit() {
  return useInvalidatingMutation(riskKeys.all, ({ file, onlyValid }: { file: File; onlyValid: boolean }) => riskApi.commit(file, onlyValid));
}
