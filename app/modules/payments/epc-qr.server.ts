import QRCode from "qrcode";
import { epcQrText } from "./sepa";

/** The EPC QR code as an SVG, at the error correction the guideline asks for (M). */
export function epcQrSvg(transfer: Parameters<typeof epcQrText>[0]) {
  return QRCode.toString(epcQrText(transfer), { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
