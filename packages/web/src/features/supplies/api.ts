import type { z } from 'zod';
import type {
  Adjustment, CreateSupplyItem, Issue, LedgerEntries, LedgerEntryAnswer, LedgerPage, LedgerQuery, OrdersQuery, PeakAnswer, PeakInput, Receipt,
  ReceiptAnswer, SiteSupplies, StockHistory, StockHistoryQuery, Stocktake, SuppliesOverview, SuppliesOverviewQuery, SupplyItemAnswer, SupplyItemList,
  SupplyOrders, Transfer, UpdateSupplyItem,
} from '@fangkong/domain';
import { api, download } from '../../api/client';
import { sitePath } from '../../api/paths';

/** The filters of the supplies ledger (LedgerQuery without paging). */
export type LedgerFilter = Omit<z.input<typeof LedgerQuery>, 'limit' | 'offset'>;

export type SuppliesOverviewFilter = z.input<typeof SuppliesOverviewQuery>;

/** One site's order, or a town's (both absent: every site in scope). */
export type OrderFilter = OrdersQuery;

export const suppliesApi = {
  /** The catalogue; `all` adds the items no longer in use. */
  supplyItems: (all: boolean, signal?: AbortSignal) =>
    api<SupplyItemList>('/api/supplies/items', { signal, query: { all: all ? 'true' : undefined } }),
  createSupplyItem: (input: CreateSupplyItem) => api<SupplyItemAnswer>('/api/supplies/items', { method: 'POST', body: input }),
  updateSupplyItem: (id: string, patch: UpdateSupplyItem) =>
    api<SupplyItemAnswer>(`/api/supplies/items/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),
  /** Every active item's stock and cover at a site, and its batches in stock (first expiring first). */
  siteSupplies: (siteId: string, signal?: AbortSignal) => api<SiteSupplies>(`${sitePath(siteId)}/supplies`, { signal }),
  receiveSupplies: (input: Receipt) =>
    api<ReceiptAnswer>('/api/supplies/receipts', { method: 'POST', body: input }),
  /** Without a batch, taken from the first-expiring usable batches (possibly several entries). */
  issueSupplies: (input: Issue) => api<LedgerEntries>('/api/supplies/issues', { method: 'POST', body: input }),
  transferSupplies: (input: Transfer) => api<LedgerEntries>('/api/supplies/transfers', { method: 'POST', body: input }),
  adjustSupplies: (input: Adjustment) => api<LedgerEntryAnswer>('/api/supplies/adjustments', { method: 'POST', body: input }),
  /** One `stocktake` entry per batch whose count differs from the book. */
  stocktake: (input: Stocktake) => api<LedgerEntries>('/api/supplies/stocktakes', { method: 'POST', body: input }),
  setSupplyPeak: (input: PeakInput) => api<PeakAnswer>('/api/supplies/peaks', { method: 'PUT', body: input }),
  /** Newest first. */
  supplyLedger: (filter: LedgerFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<LedgerPage>('/api/supplies/ledger', { signal, query: { ...filter, ...page } }),
  suppliesOverview: (filter: SuppliesOverviewFilter, signal?: AbortSignal) =>
    api<SuppliesOverview>('/api/supplies/overview', { signal, query: { ...filter } }),
  /** Only the lines with something to order. */
  supplyOrders: (filter: OrderFilter, signal?: AbortSignal) => api<SupplyOrders>('/api/supplies/orders', { signal, query: { ...filter } }),
  exportSupplyOrders: (filter: OrderFilter, fallbackName: string) => download('/api/supplies/orders/export', fallbackName, { ...filter }),
  /** End-of-day stock of an item at a site, replayed from the ledger, with the cover against today's demand. */
  supplyHistory: (siteId: string, itemId: string, days: number, signal?: AbortSignal) =>
    api<StockHistory>('/api/supplies/history', { signal, query: { siteId, itemId, days } satisfies StockHistoryQuery }),
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
