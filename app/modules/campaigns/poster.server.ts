import QRCode from "qrcode";

/**
 * The QR code on a window poster, as inline SVG: crisp at any print size and no image request.
 * Error correction "M" survives a scuffed window sticker without making the code dense.
 */
export function posterQrSvg(url: string) {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
