import { useEffect, useRef } from 'react';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/useT';
import { wasSeen } from './seenAlerts';
import { formatTemperature } from './temperature';
import { useOpenAlerts } from './useHealth';

const NOTIFICATION_KEY = 'fk-new-alerts';

/**
 * Shows a notification, on whatever page is open, when an open alert appears that the last poll
 * did not have. The first answer only sets what is already known.
 */
export function AlertNotifier() {
  const t = useT();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const open = useOpenAlerts();
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    const alerts = open.data;
    if (!alerts) return;
    const seen = known.current;
    known.current = new Set(alerts.map((a) => a.id));
    if (seen === null) return;
    const fresh = alerts.filter((a) => !seen.has(a.id) && !wasSeen(a.id));
    if (fresh.length === 0) return;
    const first = fresh[0];
    if (!first) return;
    const describe = fresh.slice(0, 5).map((a) => (a.temperature === null || a.band === null
      // Opened by a positive nucleic-acid test: nothing was measured.
      ? t('alerts.notifyLineTest', { person: a.personName, site: a.siteName })
      : t('alerts.notifyLine', {
        person: a.personName,
        site: a.siteName,
        temperature: formatTemperature(a.temperature),
        band: t(`band.${a.band}`),
      })));
    if (fresh.length > 5) describe.push(t('alerts.notifyMore', { count: fresh.length - 5 }));
    notification.warning({
      key: NOTIFICATION_KEY,
      title: t('alerts.notifyTitle', { count: fresh.length }),
      description: <div data-testid="alert-notification">{describe.map((d) => <div key={d}>{d}</div>)}</div>,
      // Stays until seen: an alert is not something to miss.
      duration: 0,
      actions: (
        <Button
          type="primary"
          size="small"
          onClick={() => {
            notification.destroy(NOTIFICATION_KEY);
            void navigate(fresh.length === 1 ? `/alerts/${first.id}` : '/alerts');
          }}
        >
          {t('alerts.notifyView')}
        </Button>
      ),
    });
  }, [open.data, notification, navigate, t]);

  // Signing out (which leaves the layout) takes the notification away with it.
  useEffect(() => () => notification.destroy(NOTIFICATION_KEY), [notification]);

  return null;
}
