import {
  Adjustment, CreateSupplyItem, IdParams, Issue, LedgerEntries, LedgerEntryAnswer, LedgerPage, LedgerQuery, OrdersQuery, PeakAnswer, PeakInput, Receipt,
  ReceiptAnswer, SiteSupplies, StockHistory, StockHistoryQuery, Stocktake, SuppliesOverview, SuppliesOverviewQuery, SupplyItemAnswer, SupplyItemList,
  SupplyItemsQuery, SupplyOrders, Transfer, UpdateSupplyItem,
} from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';
import { sendXlsx, stamp } from '../files/download.js';
import { aggregateAnswer } from '../http/validation.js';

export function suppliesRoutes(app: App): void {
  const { supplies } = app.services;

  app.get('/api/supplies/items', {
    schema: { tags: ['supplies'], querystring: SupplyItemsQuery, response: { 200: SupplyItemList } },
  }, async (request) => ({ items: await supplies.items(contextOf(request), request.query.all === 'true') }));

  app.post('/api/supplies/items', { schema: { tags: ['supplies'], body: CreateSupplyItem, response: { 201: SupplyItemAnswer } } },
    async (request, reply) => reply.code(201).send({ item: await supplies.createItem(contextOf(request), request.body) }));

  app.patch('/api/supplies/items/:id', { schema: { tags: ['supplies'], params: IdParams, body: UpdateSupplyItem, response: { 200: SupplyItemAnswer } } },
    async (request) => ({ item: await supplies.updateItem(contextOf(request), request.params.id, request.body) }));

  app.get('/api/sites/:id/supplies', { schema: { tags: ['supplies'], params: IdParams, response: { 200: SiteSupplies } } },
    async (request) => supplies.siteSupplies(contextOf(request), request.params.id));

  app.post('/api/supplies/receipts', {
    schema: { tags: ['supplies'], body: Receipt, response: { 201: ReceiptAnswer } },
  }, async (request, reply) => reply.code(201).send(await supplies.receive(contextOf(request), request.body)));

  app.post('/api/supplies/issues', { schema: { tags: ['supplies'], body: Issue, response: { 201: LedgerEntries } } },
    async (request, reply) => reply.code(201).send(await supplies.issue(contextOf(request), request.body)));

  app.post('/api/supplies/transfers', { schema: { tags: ['supplies'], body: Transfer, response: { 201: LedgerEntries } } },
    async (request, reply) => reply.code(201).send(await supplies.transfer(contextOf(request), request.body)));

  app.post('/api/supplies/adjustments', { schema: { tags: ['supplies'], body: Adjustment, response: { 201: LedgerEntryAnswer } } },
    async (request, reply) => reply.code(201).send(await supplies.adjust(contextOf(request), request.body)));

  app.post('/api/supplies/stocktakes', { schema: { tags: ['supplies'], body: Stocktake, response: { 201: LedgerEntries } } },
    async (request, reply) => reply.code(201).send(await supplies.stocktake(contextOf(request), request.body)));

  app.put('/api/supplies/peaks', {
    schema: { tags: ['supplies'], body: PeakInput, response: { 200: PeakAnswer } },
  }, async (request) => supplies.setPeak(contextOf(request), request.body));

  app.get('/api/supplies/ledger', {
    schema: { tags: ['supplies'], querystring: LedgerQuery, response: { 200: LedgerPage } },
  }, async (request) => supplies.ledger(contextOf(request), request.query));

  app.get('/api/supplies/overview', {
    schema: {
      tags: ['supplies'],
      querystring: SuppliesOverviewQuery,
      response: { 200: SuppliesOverview },
    },
    ...aggregateAnswer,
  }, async (request) => supplies.overview(contextOf(request), request.query));

  app.get('/api/supplies/orders', {
    schema: { tags: ['supplies'], querystring: OrdersQuery, response: { 200: SupplyOrders } },
  }, async (request) => supplies.orders(contextOf(request), request.query));

  app.get('/api/supplies/orders/export', { schema: { tags: ['supplies'], querystring: OrdersQuery } }, async (request, reply) =>
    sendXlsx(reply, `防疫物资补充清单-${stamp(app.services.clock)}.xlsx`, await supplies.ordersExport(contextOf(request), request.query)));

  app.get('/api/supplies/history', {
    schema: {
      tags: ['supplies'],
      querystring: StockHistoryQuery,
      response: { 200: StockHistory },
    },
  }, async (request) => ({ points: await supplies.history(contextOf(request), request.query.siteId, request.query.itemId, request.query.days) }));
}
