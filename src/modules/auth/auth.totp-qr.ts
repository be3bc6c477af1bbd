import encodeQR from '@paulmillr/qr';

/**
 * The QR code of an otpauth:// address, drawn on the server as one SVG path
 * (no image request, no third party, no script). @paulmillr/qr computes the
 * matrix; each dark module becomes a 1×1 square of the path.
 */
export function qrCodeSvg(text: string, label: string): string {
  const matrix = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const size = matrix.length;
  let path = '';
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const escaped = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="240" height="240" ` +
    `role="img" aria-label="${escaped}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
