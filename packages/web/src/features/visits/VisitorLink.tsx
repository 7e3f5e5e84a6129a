import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined, QrcodeOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Segmented, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { LOCALES, type Locale } from '@fangkong/domain';
import { saveBlob } from '../../api/client';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import { errorLine } from '../../components/shared/errorText';
import { translate } from '../../i18n/dictionaries';
import { useI18n, useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { useOrgNode } from '../org/useOrg';
import { canvasPng, drawPoster, qrMatrix, qrPath, type PosterText, type QrMatrix } from './poster';
import { useRotateVisitorLink, useVisitorLink } from './useVisits';
import { visitorUrl } from './visitsUi';

const QUIET_ZONE = 4;

/** A QR code as an SVG (sharp at any size, on screen and on paper). */
export function QrSvg({ matrix, size, label }: { matrix: QrMatrix; size: number | string; label: string }) {
  const d = useMemo(() => qrPath(matrix, QUIET_ZONE), [matrix]);
  const n = matrix.size + QUIET_ZONE * 2;
  return (
    <svg viewBox={`0 0 ${n} ${n}`} width={size} height={size} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="visitor-qr">
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

function posterText(locale: Locale, siteName: string, url: string): PosterText {
  const tr = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return {
    heading: tr('poster.heading'),
    siteName,
    scan: tr('poster.scan'),
    steps: [tr('poster.step1'), tr('poster.step2'), tr('poster.step3'), tr('poster.step4')],
    notice: tr('poster.notice'),
    url,
    footer: tr('poster.footer'),
  };
}

/** The printable A4 poster; the same markup on screen (scaled) and on paper. */
export function Poster({ text, matrix, testId }: { text: PosterText; matrix: QrMatrix; testId?: string }) {
  return (
    <div className="fk-poster" data-testid={testId}>
      <div className="fk-poster-band">{text.heading}</div>
      <div className="fk-poster-site">{text.siteName}</div>
      <div className="fk-poster-qr"><QrSvg matrix={matrix} size="100%" label={text.url} /></div>
      <div className="fk-poster-scan">{text.scan}</div>
      <ol className="fk-poster-steps">
        {text.steps.map((s, i) => <li key={s}><span className="fk-poster-num">{i + 1}</span><span>{s}</span></li>)}
      </ol>
      <div className="fk-poster-notice">{text.notice}</div>
      <div className="fk-poster-foot">
        <div>{text.url}</div>
        <div>{text.footer}</div>
      </div>
    </div>
  );
}

/** "Rotate link", with a confirmation that printed posters stop working. */
function RotateButton({ siteId }: { siteId: string }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const rotate = useRotateVisitorLink(siteId);
  const ask = () => {
    modal.confirm({
      title: t('poster.rotateTitle'),
      content: t('poster.rotateText'),
      okText: t('poster.rotateOk'),
      okButtonProps: { danger: true },
      onOk: () => rotate.mutateAsync().then(
        () => void message.success(t('poster.rotated')),
        (e: unknown) => void message.error(errorLine(e, t)),
      ),
    });
  };
  return <Button danger icon={<SyncOutlined />} loading={rotate.isPending} onClick={ask} data-testid="rotate-link">{t('poster.rotate')}</Button>;
}

/** The site's visitor link and QR code, for the site detail page. */
export function VisitorLinkCard({ siteId }: { siteId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const canManage = useCan('visits.manage');
  const link = useVisitorLink(siteId);
  return (
    <Card title={t('poster.cardTitle')} data-testid="visitor-link-card">
      <QueryState query={link} loading={<Empty image={<QrcodeOutlined style={{ fontSize: 48 }} />} description={t('common.loading')} />}>
        {(l) => {
          const url = visitorUrl(l.token);
          return (
            <Flex gap={16} wrap align="center">
              <QrSvg matrix={qrMatrix(url)} size={160} label={url} />
              <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 240px' }}>
                <Typography.Text type="secondary">{t('poster.cardHint')}</Typography.Text>
                <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="visitor-url">{url}</Typography.Text>
                <Flex gap={8} wrap>
                  <Button type="primary" icon={<PrinterOutlined />} onClick={() => void navigate(`/sites/${encodeURIComponent(siteId)}/poster`)} data-testid="open-poster">
                    {t('poster.open')}
                  </Button>
                  {canManage && <RotateButton siteId={siteId} />}
                </Flex>
              </Flex>
            </Flex>
          );
        }}
      </QueryState>
    </Card>
  );
}

/** `/sites/:id/poster`: the A4 poster with the site's QR code, to print, save as PDF or download as PNG. */
export function PosterPage() {
  const t = useT();
  const { locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const canManage = useCan('visits.manage');
  const node = useOrgNode(id);
  const link = useVisitorLink(id);
  // Posters are for the visitors: Chinese unless chosen otherwise.
  const [posterLocale, setPosterLocale] = useState<Locale>('zh-CN');
  const [drawing, setDrawing] = useState(false);

  const url = link.data ? visitorUrl(link.data.token) : undefined;
  const matrix = useMemo(() => (url ? qrMatrix(url) : undefined), [url]);
  const siteName = node.data?.node.name ?? '';
  const text = url ? posterText(posterLocale, siteName, url) : undefined;

  const downloadPng = () => {
    if (!text || !matrix) return;
    setDrawing(true);
    const canvas = document.createElement('canvas');
    // Fonts may still be loading on a first visit: draw once they are ready.
    void document.fonts.ready.then(async () => {
      drawPoster(canvas, text, matrix);
      saveBlob(await canvasPng(canvas), `${t('poster.fileName', { site: siteName })}.png`);
    }).catch(() => void message.error(t('poster.pngFailed'))).finally(() => setDrawing(false));
  };

  if (node.isError) return <ErrorResult error={node.error} onRetry={() => void node.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('poster.title', { site: siteName })}
        extra={(
          <>
            <Segmented<Locale>
              value={posterLocale}
              onChange={setPosterLocale}
              options={LOCALES.map((l) => ({ value: l, label: translate(locale, `lang.${l}`) }))}
              aria-label={t('poster.language')}
            />
            <Button type="primary" icon={<PrinterOutlined />} disabled={!text} onClick={() => window.print()} data-testid="poster-print">{t('poster.print')}</Button>
            <Button icon={<DownloadOutlined />} disabled={!text} loading={drawing} onClick={downloadPng} data-testid="poster-png">{t('poster.png')}</Button>
            {canManage && id !== undefined && <RotateButton siteId={id} />}
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(id ? `/sites/${encodeURIComponent(id)}` : '/sites')}>{t('common.back')}</Button>
          </>
        )}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14} xl={12}>
          <QueryState query={link}>
            {() => (text && matrix ? <div className="fk-poster-preview"><Poster text={text} matrix={matrix} testId="poster" /></div> : null)}
          </QueryState>
        </Col>
        <Col xs={24} lg={10} xl={12}>
          <Card size="small" title={t('poster.howTitle')}>
            <Typography.Paragraph>{t('poster.howPrint')}</Typography.Paragraph>
            <Typography.Paragraph>{t('poster.howPng')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('poster.howRotate')}</Typography.Paragraph>
            {url && <Typography.Text copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="visitor-url">{url}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {/* Only this copy is printed (see styles.css): exactly one A4 page, nothing of the app around it. */}
      {text && matrix && createPortal(<div className="fk-print-only"><Poster text={text} matrix={matrix} /></div>, document.body)}
    </>
  );
}
