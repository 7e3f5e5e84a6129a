import { useMemo, useState } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { PrinterOutlined, QrcodeOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Segmented, Typography } from 'antd';
import { LOCALES, type Locale, type MourningEvent } from '@fangkong/domain';
import { QueryState } from '../../components/shared/QueryState';
import { errorLine } from '../../components/shared/errorText';
import { translate } from '../../i18n/dictionaries';
import { useI18n, useT } from '../../i18n/useT';
import { qrMatrix, type PosterText } from '../visits/poster';
import { Poster, QrSvg } from '../visits/VisitorLink';
import { useRegisterLink, useRotateRegisterLink } from './useFuneral';

/** The register's address as the phone opens it. */
export function mournerUrl(path: string): string {
  return `${window.location.origin}${path}`;
}

function posterText(locale: Locale, event: MourningEvent, url: string): PosterText {
  const tr = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars);
  return {
    heading: tr('funeral.poster.heading'),
    siteName: tr('funeral.poster.title', { deceased: event.deceasedName, hall: event.hallName }),
    scan: tr('funeral.poster.scan'),
    steps: [tr('funeral.poster.step1'), tr('funeral.poster.step2'), tr('funeral.poster.step3'), tr('funeral.poster.step4')],
    notice: tr('funeral.poster.notice', { cap: event.attendeeCap }),
    url,
    footer: tr('funeral.poster.footer', { site: event.siteName }),
  };
}

/**
 * The event's register link: its QR code on screen, a printable A4 poster (the visitor poster's
 * layout), and a new link when the old one leaked. Printing shows the poster alone.
 */
export function RegisterLinkCard({ event, canWrite, onPrint }: {
  event: MourningEvent;
  canWrite: boolean;
  /** Puts the poster on paper: the page shows only what it is given while printing. */
  onPrint: (sheet: React.ReactNode) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const { modal, message } = App.useApp();
  const link = useRegisterLink(event.id);
  const rotate = useRotateRegisterLink(event.id);
  // Posters are for the mourners: Chinese unless chosen otherwise.
  const [posterLocale, setPosterLocale] = useState<Locale>('zh-CN');
  const url = link.data ? mournerUrl(link.data.url) : undefined;
  const matrix = useMemo(() => (url ? qrMatrix(url) : undefined), [url]);
  const open = event.state === 'upcoming' || event.state === 'ongoing';

  const askRotate = () => {
    modal.confirm({
      title: t('funeral.link.rotateTitle'),
      content: t('funeral.link.rotateText'),
      okText: t('poster.rotateOk'),
      okButtonProps: { danger: true },
      onOk: () => rotate.mutateAsync().then(
        () => void message.success(t('poster.rotated')),
        (e: unknown) => void message.error(errorLine(e, t)),
      ),
    });
  };

  return (
    <Card size="small" title={t('funeral.link.title')} data-testid="register-link-card">
      <QueryState query={link} loading={<Empty image={<QrcodeOutlined style={{ fontSize: 48 }} />} description={t('common.loading')} />}>
        {() => (url && matrix ? (
          <Flex gap={16} wrap align="center">
            <QrSvg matrix={matrix} size={150} label={url} />
            <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 200px' }}>
              <Typography.Text type="secondary">{open ? t('funeral.link.hint') : t('funeral.link.closed')}</Typography.Text>
              <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="register-url">{url}</Typography.Text>
              <Segmented<Locale>
                size="small"
                value={posterLocale}
                onChange={setPosterLocale}
                options={LOCALES.map((l) => ({ value: l, label: translate(locale, `lang.${l}`) }))}
                aria-label={t('poster.language')}
              />
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<PrinterOutlined />}
                  onClick={() => onPrint(createPortal(<div className="fk-print-only"><Poster text={posterText(posterLocale, event, url)} matrix={matrix} /></div>, document.body))}
                  data-testid="print-poster"
                >
                  {t('funeral.link.printPoster')}
                </Button>
                {canWrite && <Button danger icon={<SyncOutlined />} loading={rotate.isPending} onClick={askRotate} data-testid="rotate-register-link">{t('poster.rotate')}</Button>}
              </Flex>
            </Flex>
          </Flex>
        ) : null)}
      </QueryState>
    </Card>
  );
}

/** Renders a printable sheet, prints it, and takes it away again. */
export function usePrintSheet() {
  const [sheet, setSheet] = useState<React.ReactNode>(null);
  const print = (node: React.ReactNode) => {
    flushSync(() => setSheet(node));
    window.print();
    setSheet(null);
  };
  return { sheet, print };
}
