import type { CSSProperties } from 'react';
import { ClockCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography } from 'antd';
import type { DevClockChange } from '@fangkong/domain';
import { errorLine } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { useDevClock, useSetDevClock } from './useNotifications';
import { formatAt } from '../../components/shared/time';

const STEPS = [
  { minutes: 30, label: 'notifications.clock.plus30' },
  { minutes: 61, label: 'notifications.clock.plus61' },
  { minutes: 120, label: 'notifications.clock.plus120' },
] as const;

/** `+75` / `-30`: the clock's offset in minutes, with its sign. */
function signed(minutes: number): string {
  return minutes > 0 ? `+${minutes}` : String(minutes);
}

/**
 * The server's demo clock (`FANGKONG_CLOCK_CONTROL=1`, bureau admins): its time and offset, and
 * buttons that move it so a late escalation step can be shown without waiting. Renders nothing
 * where the server does not offer the clock (404) or the user may not move it.
 */
export function DemoClockPanel({ style }: { style?: CSSProperties }) {
  const t = useT();
  const { message } = App.useApp();
  const clock = useDevClock();
  const move = useSetDevClock();
  if (!clock.data) return null;

  const change = (c: DevClockChange) => move.mutate(c, {
    onSuccess: ({ now }) => void message.success(t('notifications.clock.moved', { now: formatAt(now, 'YYYY-MM-DD HH:mm') })),
    onError: (e) => void message.error(errorLine(e, t)),
  });

  return (
    <Card size="small" style={{ marginBottom: 16, ...style }} data-testid="demo-clock">
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center">
          <Typography.Text strong><ClockCircleOutlined /> {t('notifications.clock.title')}</Typography.Text>
          <span>
            <Typography.Text type="secondary">{t('common.labelValue', { label: t('notifications.clock.now'), value: '' })}</Typography.Text>
            <span data-testid="demo-clock-now">{formatAt(clock.data.now, 'YYYY-MM-DD HH:mm:ss')}</span>
          </span>
          <span>
            <Typography.Text type="secondary">{t('common.labelValue', { label: t('notifications.clock.offset'), value: '' })}</Typography.Text>
            <span data-testid="demo-clock-offset" data-minutes={clock.data.offsetMinutes}>
              {t('notifications.clock.offsetValue', { minutes: signed(clock.data.offsetMinutes) })}
            </span>
          </span>
        </Flex>
        <Flex gap={8} wrap>
          {STEPS.map((s) => (
            <Button
              key={s.minutes}
              size="small"
              disabled={move.isPending}
              onClick={() => change({ advanceMinutes: s.minutes })}
              data-testid={`demo-clock-advance-${s.minutes}`}
            >
              {t(s.label)}
            </Button>
          ))}
          <Button size="small" disabled={move.isPending} onClick={() => change({ reset: true })} data-testid="demo-clock-reset">
            {t('notifications.clock.reset')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('notifications.clock.hint')}</Typography.Text>
    </Card>
  );
}
