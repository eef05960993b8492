/**
 * CSV for the registers' exports: RFC 4180 quoting, and cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with a quote.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const csvHeaders = (filename: string) => ({
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename}"`,
  "Cache-Control": "no-store",
});

export function csvResponse(filename: string, body: string): Response {
  return new Response(body, { headers: csvHeaders(filename) });
}

/**
 * A CSV download written as its rows arrive, a batch at a time (the registers'
 * exports at archive size: never every row in memory).
 */
export function csvStreamResponse(filename: string, header: string[], batches: AsyncIterable<unknown[][]>): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const line = (r: unknown[]) => r.map(csvCell).join(",") + "\r\n";
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(line(header)));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: csvHeaders(filename) });
}

/** Maps each batch of an async sequence (rows of a list into CSV cells). */
export async function* mapBatches<T, U>(batches: AsyncIterable<T[]>, map: (row: T) => U): AsyncGenerator<U[]> {
  for await (const batch of batches) yield batch.map(map);
}
