import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  allows, type Adjustment, type CreateSupplyItem, type Issue, type PeakInput, type Receipt, type SiteType, type Stocktake, type Transfer,
  type UpdateSupplyItem,
} from '@fangkong/domain';
import { suppliesApi, suppliesKeys, type LedgerFilter, type OrderFilter, type SuppliesOverviewFilter } from './api';
import { useInvalidatingMutation } from '../../api/invalidatingMutation';
import { useCan, useCurrentUser } from '../auth/currentUser';
import { useOrgNodes } from '../org/useOrg';

export function useSupplyItems(all = false) {
  return useQuery({
    queryKey: suppliesKeys.items(all),
    queryFn: async ({ signal }) => (await suppliesApi.supplyItems(all, signal)).items,
  });
}

export function useSiteSupplies(siteId: string | undefined) {
  return useQuery({
    queryKey: suppliesKeys.site(siteId ?? ''),
    queryFn: ({ signal }) => suppliesApi.siteSupplies(siteId ?? '', signal),
    enabled: siteId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSupplyLedger(filter: LedgerFilter, limit: number, offset: number) {
  return useQuery({
    queryKey: suppliesKeys.ledger(filter, limit, offset),
    queryFn: ({ signal }) => suppliesApi.supplyLedger(filter, { limit, offset }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSuppliesOverview(filter: SuppliesOverviewFilter, enabled = true) {
  return useQuery({
    queryKey: suppliesKeys.overview(filter),
    queryFn: ({ signal }) => suppliesApi.suppliesOverview(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSupplyOrders(filter: OrderFilter, enabled = true) {
  return useQuery({
    queryKey: suppliesKeys.orders(filter),
    queryFn: ({ signal }) => suppliesApi.supplyOrders(filter, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSupplyHistory(siteId: string, itemId: string, days: number) {
  return useQuery({
    queryKey: suppliesKeys.history(siteId, itemId, days),
    queryFn: async ({ signal }) => (await suppliesApi.supplyHistory(siteId, itemId, days, signal)).points,
    placeholderData: keepPreviousData,
  });
}

// Every change of stock, peak or catalogue may change every figure of supplies: all of it is asked for
// again, and the mutation settles once the page shows the new numbers.

export function useReceiveSupplies() {
  return useInvalidatingMutation(suppliesKeys.all, (input: Receipt) => suppliesApi.receiveSupplies(input));
}

export function useIssueSupplies() {
  return useInvalidatingMutation(suppliesKeys.all, (input: Issue) => suppliesApi.issueSupplies(input));
}

export function useTransferSupplies() {
  return useInvalidatingMutation(suppliesKeys.all, (input: Transfer) => suppliesApi.transferSupplies(input));
}

export function useAdjustSupplies() {
  return useInvalidatingMutation(suppliesKeys.all, (input: Adjustment) => suppliesApi.adjustSupplies(input));
}

export function useStocktake() {
  return useInvalidatingMutation(suppliesKeys.all, (input: Stocktake) => suppliesApi.stocktake(input));
}

export function useSetPeak() {
  return useInvalidatingMutation(suppliesKeys.all, (input: PeakInput) => suppliesApi.setSupplyPeak(input));
}

export function useCreateSupplyItem() {
  return useInvalidatingMutation(suppliesKeys.all, (input: CreateSupplyItem) => suppliesApi.createSupplyItem(input));
}

export function useUpdateSupplyItem() {
  return useInvalidatingMutation(suppliesKeys.all, ({ id, patch }: { id: string; patch: UpdateSupplyItem }) => suppliesApi.updateSupplyItem(id, patch));
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
