import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  allows, type Adjustment, type CreateSupplyItem, type Issue, type PeakInput, type Receipt, type SiteType, type Stocktake, type Transfer,
  type UpdateSupplyItem,
} from '@fangkong/domain';
import { endpoints, type LedgerFilter, type OrderFilter, type SuppliesOverviewFilter } from '../../api/endpoints';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { keys } from '../../api/keys';
import { useCan, useCurrentUser } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';

export function useSupplyItems(all = false) {
  return useQuery({
    queryKey: keys.supplyItems(all),
    queryFn: async ({ signal }) => (await endpoints.supplyItems(all, signal)).items,
  });
}

export function useSiteSupplies(siteId: string | undefined) {
  return useQuery({
    queryKey: keys.siteSupplies(siteId ?? ''),
    queryFn: ({ signal }) => endpoints.siteSupplies(siteId ?? '', signal),
    enabled: siteId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSupplyLedger(filter: LedgerFilter, limit: number, offset: number) {
  return useQuery({
    queryKey: keys.supplyLedger(filter, limit, offset),
    queryFn: ({ signal }) => endpoints.supplyLedger(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSuppliesOverview(filter: SuppliesOverviewFilter, enabled = true) {
  return useQuery({
    queryKey: keys.suppliesOverview(filter),
    queryFn: ({ signal }) => endpoints.suppliesOverview(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSupplyOrders(filter: OrderFilter, enabled = true) {
  return useQuery({
    queryKey: keys.supplyOrders(filter),
    queryFn: ({ signal }) => endpoints.supplyOrders(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSupplyHistory(siteId: string, itemId: string, days: number) {
  return useQuery({
    queryKey: keys.supplyHistory(siteId, itemId, days),
    queryFn: async ({ signal }) => (await endpoints.supplyHistory(siteId, itemId, days, signal)).points,
    placeholderData: keepPreviousData,
  });
}

// Every change of stock, peak or catalogue may change every figure of supplies: all of it is asked for
// again, and the mutation settles once the page shows the new numbers.

export function useReceiveSupplies() {
  return useInvalidatingMutation(keys.supplies, (input: Receipt) => endpoints.receiveSupplies(input));
}

export function useIssueSupplies() {
  return useInvalidatingMutation(keys.supplies, (input: Issue) => endpoints.issueSupplies(input));
}

export function useTransferSupplies() {
  return useInvalidatingMutation(keys.supplies, (input: Transfer) => endpoints.transferSupplies(input));
}

export function useAdjustSupplies() {
  return useInvalidatingMutation(keys.supplies, (input: Adjustment) => endpoints.adjustSupplies(input));
}

export function useStocktake() {
  return useInvalidatingMutation(keys.supplies, (input: Stocktake) => endpoints.stocktake(input));
}

export function useSetPeak() {
  return useInvalidatingMutation(keys.supplies, (input: PeakInput) => endpoints.setSupplyPeak(input));
}

export function useCreateSupplyItem() {
  return useInvalidatingMutation(keys.supplies, (input: CreateSupplyItem) => endpoints.createSupplyItem(input));
}

export function useUpdateSupplyItem() {
  return useInvalidatingMutation(keys.supplies, ({ id, patch }: { id: string; patch: UpdateSupplyItem }) => endpoints.updateSupplyItem(id, patch));
}

export interface SupplySite {
  id: string;
  name: string;
  siteType: SiteType | null;
  townId: string | null;
  townName: string | null;
  capacity: number | null;
  /** The user may receive, issue, count and move stock here. */
  writable: boolean;
}

export interface SupplyTown {
  id: string;
  name: string;
}

/** The towns and sites the user can see, by name, with where the user may write stock. */
export function useSupplySites() {
  const me = useCurrentUser();
  const nodes = useOrgNodes(useCan('org.read'));
  const lists = useMemo(() => {
    const list = nodes.data ?? [];
    const byId = new Map(list.map((n) => [n.id, n]));
    const towns: SupplyTown[] = list.filter((n) => n.kind === 'town')
      .map((n) => ({ id: n.id, name: n.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const sites: SupplySite[] = list.filter((n) => n.kind === 'site').map((n) => {
      const parent = n.parentId === null ? undefined : byId.get(n.parentId);
      const town = parent?.kind === 'town' ? parent : undefined;
      return {
        id: n.id,
        name: n.name,
        siteType: n.siteType,
        townId: town?.id ?? null,
        townName: town?.name ?? null,
        capacity: n.capacity,
        writable: allows(me.roles, 'supplies.write', n.path),
      };
    }).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { towns, sites };
  }, [nodes.data, me.roles]);
  return { ...lists, query: nodes };
}

/** The sites stock may be moved to from a site: the other writable sites of its town. */
export function transferTargets(sites: readonly SupplySite[], fromId: string | undefined): SupplySite[] {
  const from = sites.find((s) => s.id === fromId);
  if (!from?.writable || from.townId === null) return [];
  return sites.filter((s) => s.id !== from.id && s.writable && s.townId === from.townId);
}
