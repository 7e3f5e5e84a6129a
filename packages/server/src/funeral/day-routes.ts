import { FuneralOverview, FuneralToday, HallDays, HallDaysQuery, SiteQuery } from '@fangkong/domain';
import type { App } from '../core/area.js';
import { contextOf } from '../http/context.js';

export function dayRoutes(app: App): void {
  const { funeralDay } = app.services;

  app.get('/api/funeral/today', { schema: { tags: ['funeral'], querystring: SiteQuery, response: { 200: FuneralToday } } },
    async (request) => funeralDay.siteToday(contextOf(request), request.query.siteId));

  app.get('/api/funeral/overview', { schema: { tags: ['funeral'], response: { 200: FuneralOverview } } },
    async (request) => funeralDay.overview(contextOf(request)));

  app.get('/api/funeral/hall-days', { schema: { tags: ['funeral'], querystring: HallDaysQuery, response: { 200: HallDays } } },
    async (request) => funeralDay.hallDays(contextOf(request), request.query));
}
