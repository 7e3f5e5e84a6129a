import type { Db } from '../db/engine.js';
import { defineArea, type Job } from '../core/area.js';
import type { Clock } from '../core/clock.js';
import { deliverDue, type Sender, type WorkerOptions } from './outbox.js';
import { notificationRoutes } from './routes.js';
import { channelSender } from './senders.js';
import { NotificationService } from './service.js';
import { NotificationHub } from './stream.js';

declare module '../core/area.js' {
  interface Services {
    notifications: NotificationService;
    hub: NotificationHub;
  }
}

/**
 * Delivers the outbox every few seconds (§7): e-mails and robot messages leave within seconds of
 * their event; a receiver that is down is retried with back-off, then dead-lettered.
 */
export function deliveryJob(db: Db, clock: Clock, send: Sender, options: WorkerOptions = {}, everyMs = 3_000): Job {
  return {
    name: 'outbox delivery',
    everyMs,
    run: async (log) => {
      // Drain what is due in batches; a long backlog does not wait for the next tick.
      for (let i = 0; i < 50; i++) {
        const r = await deliverDue(db, clock, send, options);
        if (r.failed > 0 || r.dead > 0) log.warn(r, 'some notifications failed; they will be retried or dead-lettered');
        if (r.delivered + r.failed + r.dead === 0) break;
      }
    },
  };
}

/** The bell, the live stream, who is told of what (rules), and the outbox that tells them. */
export const notificationsArea = defineArea({
  name: 'notifications',
  services: (deps) => {
    const notifications = new NotificationService(deps);
    return { notifications, hub: new NotificationHub(notifications) };
  },
  routes: notificationRoutes,
  jobs: (_services, deps) => (deps.config.noDelivery
    ? []
    : [deliveryJob(deps.db, deps.clock, channelSender({ ...deps.config.notify }), { leaseMs: deps.config.notify.leaseMs })]),
});
