const drawn = new Map<string, Promise<string>>();
const KEPT = 200;

/**
 * The QR code of an address as SVG. Drawing one costs more than the rest of
 * a contest page's data (measured in the opening wave, issue 21), and the
 * same few addresses are asked for again and again (every contest page, the
 * projector every 2 seconds), so the last few hundred are kept.
 */
export function qrSvg(url: string, width: number): Promise<string> {
  const key = `${width} ${url}`;
  let svg = drawn.get(key);
  if (!svg) {
    // Loaded on first use, as most workers never draw a QR code.
    svg = import("qrcode").then(({ default: qrcode }) =>
      qrcode.toString(url, { type: "svg", margin: 1, width }),
    );
    // A failed drawing is not kept.
    svg.catch(() => drawn.delete(key));
    if (drawn.size >= KEPT) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, svg);
  }
  return svg;
}
