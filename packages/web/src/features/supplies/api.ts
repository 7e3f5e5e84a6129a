import type {
  Adjustment, CreateSupplyItem, Issue, LedgerEntry, LedgerKind, OrderLine, PeakInput, Receipt, SiteSupplies, SiteType, StockPoint,
  Stocktake, SuppliesOverview, SupplyBatch, SupplyItem, Transfer, UpdateSupplyItem,
} from '@fangkong/domain';
import { api, download } from '../../api/client';
import { sitePath } from '../../api/paths';

/** The filters of the supplies ledger (LedgerQuery without paging). */
export interface LedgerFilter {
  siteId?: string | undefined;
  itemId?: string | undefined;
  kind?: LedgerKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface SuppliesOverviewFilter {
  townId?: string | undefined;
  siteType?: SiteType | undefined;
  itemId?: string | undefined;
}

/** One site's order, or a town's (both absent: every site in scope). */
export interface OrderFilter {
  siteId?: string | undefined;
  townId?: string | undefined;
}

export interface SupplyOrders {
  day: string;
  lines: OrderLine[];
}

export interface PeakAnswer {
  siteId: string;
  itemId: string;
  consumption: number;
}

export const suppliesApi = {
  /** The catalogue; `all` adds the items no longer in use. */
  supplyItems: (all: boolean, signal?: AbortSignal) =>
    api<{ items: SupplyItem[] }>('/api/supplies/items', { signal, query: { all: all ? 'true' : undefined } }),
  createSupplyItem: (input: CreateSupplyItem) => api<{ item: SupplyItem }>('/api/supplies/items', { method: 'POST', body: input }),
  updateSupplyItem: (id: string, patch: UpdateSupplyItem) =>
    api<{ item: SupplyItem }>(`/api/supplies/items/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  /** Every active item's stock and cover at a site, and its batches in stock (first expiring first). */
  siteSupplies: (siteId: string, signal?: AbortSignal) => api<SiteSupplies>(`${sitePath(siteId)}/supplies`, { signal }),
  receiveSupplies: (input: Receipt) =>
    api<{ entry: LedgerEntry; batch: SupplyBatch }>('/api/supplies/receipts', { method: 'POST', body: input }),
  /** Without a batch, taken from the first-expiring usable batches (possibly several entries). */
  issueSupplies: (input: Issue) => api<{ entries: LedgerEntry[] }>('/api/supplies/issues', { method: 'POST', body: input }),
  transferSupplies: (input: Transfer) => api<{ entries: LedgerEntry[] }>('/api/supplies/transfers', { method: 'POST', body: input }),
  adjustSupplies: (input: Adjustment) => api<{ entry: LedgerEntry }>('/api/supplies/adjustments', { method: 'POST', body: input }),
  /** One `stocktake` entry per batch whose count differs from the book. */
  stocktake: (input: Stocktake) => api<{ entries: LedgerEntry[] }>('/api/supplies/stocktakes', { method: 'POST', body: input }),
  setSupplyPeak: (input: PeakInput) => api<PeakAnswer>('/api/supplies/peaks', { method: 'PUT', body: input }),
  /** Newest first. */
  supplyLedger: (filter: LedgerFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ entries: LedgerEntry[]; total: number }>('/api/supplies/ledger', { signal, query: { ...filter, ...page } }),
  suppliesOverview: (filter: SuppliesOverviewFilter, signal?: AbortSignal) =>
    api<SuppliesOverview>('/api/supplies/overview', { signal, query: { ...filter } }),
  /** Only the lines with something to order. */
  supplyOrders: (filter: OrderFilter, signal?: AbortSignal) => api<SupplyOrders>('/api/supplies/orders', { signal, query: { ...filter } }),
  exportSupplyOrders: (filter: OrderFilter, fallbackName: string) => download('/api/supplies/orders/export', fallbackName, { ...filter }),
  /** End-of-day stock of an item at a site, replayed from the ledger, with the cover against today's demand. */
  supplyHistory: (siteId: string, itemId: string, days: number, signal?: AbortSignal) =>
    api<{ points: StockPoint[] }>('/api/supplies/history', { signal, query: { siteId, itemId, days } }),
};

export const suppliesKeys = {
  /** Everything of supplies: invalidated together after any movement, peak or catalogue change. */
  all: ['supplies'] as const,
  items: (all: boolean) => ['supplies', 'items', all] as const,
  site: (siteId: string) => ['supplies', 'site', siteId] as const,
  ledger: (filter: LedgerFilter, limit: number, offset: number) => ['supplies', 'ledger', filter, limit, offset] as const,
  overview: (filter: SuppliesOverviewFilter) => ['supplies', 'overview', filter] as const,
  orders: (filter: OrderFilter) => ['supplies', 'orders', filter] as const,
  history: (siteId: string, itemId: string, days: number) => ['supplies', 'history', siteId, itemId, days] as const,
};
