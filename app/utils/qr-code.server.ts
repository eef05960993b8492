/**
 * A QR code as inline SVG, made on the server (no script, no request to anyone
 * else): for the otpauth:// address of two-step verification. The page always
 * shows the key as text too, for anyone who cannot scan it.
 */
import QRCode from "qrcode";

export async function qrCodeSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: 200 });
}
