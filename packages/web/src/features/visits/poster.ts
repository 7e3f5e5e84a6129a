import { create } from 'qrcode';

/** The dark modules of a QR code for a text (error correction M: survives a worn poster). */
export interface QrMatrix {
  size: number;
  dark: (row: number, col: number) => boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** An SVG path of the dark modules, one unit per module, offset by `margin` (quiet zone). */
export function qrPath(m: QrMatrix, margin: number): string {
  const parts: string[] = [];
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.dark(r, c)) {
        c++;
        continue;
      }
      // Runs of dark modules in a row make one rectangle each: a short path.
      const start = c;
      while (c < m.size && m.dark(r, c)) c++;
      parts.push(`M${start + margin} ${r + margin}h${c - start}v1h${start - c}z`);
    }
  }
  return parts.join('');
}

export interface PosterText {
  heading: string;
  siteName: string;
  scan: string;
  steps: readonly string[];
  notice: string;
  url: string;
  footer: string;
}

const FONT = 'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const BLUE = '#1f5fbf';

/** Breaks text into lines that fit `width`: between words for Latin text, between any characters for Chinese. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  // Runs of Latin-1 text (words, spaces) and single characters of anything else.
  const tokens = text.match(/[ -\u00ff]+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const pieces = /^[ -\u00ff]+$/.test(token) ? token.split(/(?<=\s)/) : [token];
    for (const piece of pieces) {
      const next = line + piece;
      if (line !== '' && ctx.measureText(next.trimEnd()).width > width) {
        lines.push(line.trimEnd());
        line = piece.trimStart();
      } else {
        line = next;
      }
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function fitFont(ctx: CanvasRenderingContext2D, text: string, weight: string, start: number, min: number, width: number, maxLines: number): number {
  for (let size = start; size > min; size -= 4) {
    ctx.font = `${weight} ${size}px ${FONT}`;
    if (wrap(ctx, text, width).length <= maxLines) return size;
  }
  ctx.font = `${weight} ${min}px ${FONT}`;
  return min;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/**
 * Draws the whole A4 poster (1240 × 1754 px, 150 dpi) with the browser's fonts: the same
 * layout as the printable one, for a PNG to send to a print shop or a chat group.
 */
export function drawPoster(canvas: HTMLCanvasElement, text: PosterText, qr: QrMatrix): void {
  const W = 1240;
  const H = 1754;
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';

  // Heading band.
  ctx.fillStyle = BLUE;
  ctx.fillRect(0, 0, W, 200);
  ctx.fillStyle = '#fff';
  fitFont(ctx, text.heading, '700', 80, 40, W - 120, 1);
  ctx.fillText(text.heading, W / 2, 100);

  // Site name, large, up to two lines.
  ctx.fillStyle = '#111';
  const siteSize = fitFont(ctx, text.siteName, '700', 96, 44, W - 140, 2);
  const siteLines = wrap(ctx, text.siteName, W - 140);
  let y = 300;
  for (const l of siteLines) {
    ctx.fillText(l, W / 2, y);
    y += siteSize * 1.2;
  }

  // QR code in a frame.
  const qrBox = 660;
  const qrTop = Math.max(y + 10, 430);
  const qrLeft = (W - qrBox) / 2;
  ctx.strokeStyle = BLUE;
  ctx.lineWidth = 8;
  roundRect(ctx, qrLeft - 24, qrTop - 24, qrBox + 48, qrBox + 48, 28);
  ctx.stroke();
  const total = qr.size + 8;
  const cell = Math.floor(qrBox / total);
  const offset = qrLeft + (qrBox - cell * qr.size) / 2;
  const offsetY = qrTop + (qrBox - cell * qr.size) / 2;
  ctx.fillStyle = '#000';
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) {
      if (qr.dark(r, c)) ctx.fillRect(offset + c * cell, offsetY + r * cell, cell, cell);
    }
  }

  // "Scan to register".
  y = qrTop + qrBox + 90;
  ctx.fillStyle = '#111';
  fitFont(ctx, text.scan, '700', 52, 30, W - 120, 1);
  ctx.fillText(text.scan, W / 2, y);

  // The four steps, as numbered boxes with arrows between.
  y += 110;
  const n = text.steps.length;
  const gap = 56;
  const boxW = (W - 100 - gap * (n - 1)) / n;
  const boxH = 170;
  text.steps.forEach((step, i) => {
    const x = 50 + i * (boxW + gap);
    ctx.fillStyle = '#eef4fc';
    roundRect(ctx, x, y, boxW, boxH, 20);
    ctx.fill();
    ctx.fillStyle = BLUE;
    ctx.beginPath();
    ctx.arc(x + boxW / 2, y + 40, 26, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = `700 32px ${FONT}`;
    ctx.fillText(String(i + 1), x + boxW / 2, y + 41);
    ctx.fillStyle = '#111';
    // One line when it fits at a readable size, else two.
    let size = fitFont(ctx, step, '700', 36, 28, boxW - 20, 1);
    if (wrap(ctx, step, boxW - 20).length > 1) size = fitFont(ctx, step, '700', 36, 20, boxW - 20, 2);
    const lines = wrap(ctx, step, boxW - 20);
    const first = y + 110 - ((lines.length - 1) * size * 1.15) / 2;
    lines.forEach((l, k) => ctx.fillText(l, x + boxW / 2, first + k * size * 1.15));
    if (i < n - 1) {
      ctx.fillStyle = BLUE;
      ctx.font = `700 44px ${FONT}`;
      ctx.fillText('→', x + boxW + gap / 2, y + boxH / 2);
    }
  });

  // Notice, address and footer.
  y += boxH + 80;
  ctx.fillStyle = '#b91c1c';
  const noticeSize = fitFont(ctx, text.notice, '600', 34, 22, W - 140, 2);
  wrap(ctx, text.notice, W - 140).forEach((l, k) => ctx.fillText(l, W / 2, y + k * noticeSize * 1.3));
  ctx.fillStyle = '#666';
  ctx.font = `400 24px ${FONT}`;
  ctx.fillText(text.url, W / 2, H - 110);
  ctx.fillText(text.footer, W / 2, H - 70);
}

/** The canvas as a PNG blob. */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob failed'))), 'image/png');
  });
}
