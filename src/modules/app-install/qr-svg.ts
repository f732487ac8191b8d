import Html from '@kitajs/html';
import QRCode from 'qrcode';

/**
 * A QR code as inline SVG markup, made on the server (the page needs no script and no image
 * request). `label` becomes the image's accessible name; the page prints the text beside it.
 */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
  return svg.trim().replace('<svg ', `<svg role="img" aria-label="${Html.escapeHtml(label)}" class="qr" `);
}
