import type { Locale, UserNotification } from '@fangkong/domain';
import type { NotificationService } from './service.js';
import { toUserNotification } from './service.js';

interface Subscriber {
  userId: string;
  locale: Locale;
  send: (data: { unread: number; latest: UserNotification | null }) => void;
  /** What this subscriber was last told, to push only changes. */
  last: string | undefined;
}

/**
 * Live bells. Each open browser holds a server-sent-events stream; the hub looks at the bells of
 * the connected users (one query for all of them) every `everyMs` and pushes to those whose unread
 * count or newest message changed. Reading the database rather than an in-process signal lets any
 * instance push what any other instance (or a job) wrote. No connection is held between looks.
 */
export class NotificationHub {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly notifications: NotificationService, private readonly everyMs = 1500) {}

  /** Starts pushing to a subscriber (at once, then on change); returns the unsubscribe. */
  subscribe(userId: string, locale: Locale, send: Subscriber['send']): () => void {
    const s: Subscriber = { userId, locale, send, last: undefined };
    this.subscribers.add(s);
    this.timer ??= setInterval(() => void this.tick(), this.everyMs);
    void this.tick();
    return () => {
      this.subscribers.delete(s);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Looks now (after a write this instance made, so that its own users need not wait). */
  poke(): void {
    if (this.subscribers.size > 0) void this.tick();
  }

  private tick(): Promise<void> {
    // One look at a time; a poke during a look is served by the next one.
    this.running ??= (async () => {
      try {
        const list = [...this.subscribers];
        const states = await this.notifications.states([...new Set(list.map((s) => s.userId))]);
        for (const s of list) {
          const state = states.get(s.userId);
          const latest = state?.latest ? toUserNotification(state.latest, s.locale) : null;
          const key = `${state?.unread ?? 0}|${latest?.id ?? ''}|${latest?.readAt ?? ''}`;
          if (key === s.last) continue;
          s.last = key;
          s.send({ unread: state?.unread ?? 0, latest });
        }
      } catch {
        // The database is briefly unavailable: the next look tries again.
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.subscribers.clear();
    await this.running;
  }
}
