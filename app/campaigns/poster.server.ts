import QRCode from "qrcode";
import type { Language } from "@db/schema";

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** The open link a poster in this language points to. */
export function posterLink(publicUrl: string, slug: string, lng: Language): string {
  return `${publicUrl}/s/${slug}?lng=${lng}`;
}

/**
 * A QR code for `url` as inline SVG, named for screen readers (role="img", an
 * aria-label and a <title>), scaling to whatever size the page gives it.
 */
export async function qrCodeSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  const name = escapeXml(label);
  return svg
    .replace("<svg ", `<svg role="img" aria-label="${name}" focusable="false" class="poster__qr-svg" `)
    .replace(/(<svg[^>]*>)/, `$1<title>${name}</title>`);
}
