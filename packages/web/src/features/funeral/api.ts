import type {
  CovidCaseAnswer, CovidCaseList, CovidCaseQuery, CovidRequest, CreateHall, CreateMourningEvent, DisinfectionAnswer, DisinfectionList,
  DisinfectionQuery, EventAnswer, EventList, EventQuery, FuneralOverview, FuneralToday, HallAnswer, HallDays, HallDaysQuery, HallList, HelperMournerRegistration,
  MournerAnswer, MournerList, OpenCovidCase, RecordCovidStep, RecordDisinfection, RegisterLink, TraceAnswer, TraceQuery, UpdateHall,
} from '@fangkong/domain';
import { api, download } from '../../api/client';

/** The filters of the events list (EventQuery without paging). */
export type EventFilter = Omit<EventQuery, 'limit' | 'offset'>;

const eventPath = (id: string) => `/api/funeral/events/${encodeURIComponent(id)}`;
const casePath = (id: string) => `/api/funeral/cases/${encodeURIComponent(id)}`;

export const funeralApi = {
  halls: (siteId: string, signal?: AbortSignal) => api<HallList>('/api/funeral/halls', { signal, query: { siteId } }),
  createHall: (input: CreateHall) => api<HallAnswer>('/api/funeral/halls', { method: 'POST', body: input }),
  updateHall: (id: string, patch: UpdateHall) => api<HallAnswer>(`/api/funeral/halls/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch }),

  /** Events overlapping [from, to). */
  events: (filter: EventFilter, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    api<EventList>('/api/funeral/events', { signal, query: { ...filter, ...page } }),
  event: (id: string, signal?: AbortSignal) => api<EventAnswer>(eventPath(id), { signal }),
  createEvent: (input: CreateMourningEvent) => api<EventAnswer>('/api/funeral/events', { method: 'POST', body: input }),
  endEvent: (id: string) => api<EventAnswer>(`${eventPath(id)}/end`, { method: 'POST', body: {} }),
  cancelEvent: (id: string) => api<EventAnswer>(`${eventPath(id)}/cancel`, { method: 'POST', body: {} }),

  disinfections: (query: DisinfectionQuery, signal?: AbortSignal) => api<DisinfectionList>('/api/funeral/disinfections', { signal, query: { ...query } }),
  recordDisinfection: (input: RecordDisinfection) => api<DisinfectionAnswer>('/api/funeral/disinfections', { method: 'POST', body: input }),

  registerLink: (eventId: string, signal?: AbortSignal) => api<RegisterLink>(`${eventPath(eventId)}/register-link`, { signal }),
  rotateRegisterLink: (eventId: string) => api<RegisterLink>(`${eventPath(eventId)}/register-link/rotate`, { method: 'POST', body: {} }),
  mourners: (eventId: string, signal?: AbortSignal) => api<MournerList>(`${eventPath(eventId)}/mourners`, { signal }),
  registerMourner: (eventId: string, input: HelperMournerRegistration) =>
    api<MournerAnswer>(`${eventPath(eventId)}/mourners`, { method: 'POST', body: input }),
  exportMourners: (eventId: string, fallbackName: string) => download(`${eventPath(eventId)}/mourners/export`, fallbackName),

  trace: (query: TraceQuery, signal?: AbortSignal) => api<TraceAnswer>('/api/funeral/trace', { signal, query: { ...query } }),

  cases: (query: CovidCaseQuery, signal?: AbortSignal) => api<CovidCaseList>('/api/funeral/cases', { signal, query: { ...query } }),
  covidCase: (id: string, signal?: AbortSignal) => api<CovidCaseAnswer>(casePath(id), { signal }),
  openCase: (input: OpenCovidCase) => api<CovidCaseAnswer>('/api/funeral/cases', { method: 'POST', body: input }),
  recordStep: (id: string, input: RecordCovidStep) => api<CovidCaseAnswer>(`${casePath(id)}/steps`, { method: 'POST', body: input }),
  /** Always refused (409) with the rule's words: what the plan forbids for a COVID-19 deceased. */
  request: (id: string, input: CovidRequest) => api<unknown>(`${casePath(id)}/requests`, { method: 'POST', body: input }),

  today: (siteId: string, signal?: AbortSignal) => api<FuneralToday>('/api/funeral/today', { signal, query: { siteId } }),
  overview: (signal?: AbortSignal) => api<FuneralOverview>('/api/funeral/overview', { signal }),
  /** The halls' disinfection register of a period (days after today are not answered). */
  hallDays: (query: HallDaysQuery, signal?: AbortSignal) => api<HallDays>('/api/funeral/hall-days', { signal, query: { ...query } }),
};

export const funeralKeys = {
  /** Everything of the area: invalidated together after any change (an event, a mourner, a step moves the day's figures). */
  all: ['funeral'] as const,
  halls: (siteId: string) => ['funeral', 'halls', siteId] as const,
  events: (filter: EventFilter, limit: number, offset: number) => ['funeral', 'events', filter, limit, offset] as const,
  event: (id: string) => ['funeral', 'event', id] as const,
  disinfections: (query: DisinfectionQuery) => ['funeral', 'disinfections', query] as const,
  registerLink: (eventId: string) => ['funeral', 'registerLink', eventId] as const,
  mourners: (eventId: string) => ['funeral', 'mourners', eventId] as const,
  trace: (query: TraceQuery) => ['funeral', 'trace', query] as const,
  cases: (query: CovidCaseQuery) => ['funeral', 'cases', query] as const,
  covidCase: (id: string) => ['funeral', 'case', id] as const,
  today: (siteId: string) => ['funeral', 'today', siteId] as const,
  overview: ['funeral', 'overview'] as const,
  hallDays: (query: HallDaysQuery) => ['funeral', 'hallDays', query] as const,
};
