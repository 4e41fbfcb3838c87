import zlib from "node:zlib";

/**
 * The text a pdfkit document shows, one line per text run: its content streams inflated, the hex
 * strings of each TJ array decoded (the built-in fonts use single-byte WinAnsi codes). Enough to
 * read back our own reports; not a general PDF parser.
 */
export function extractPdfText(pdf: Buffer): string {
  const lines: string[] = [];
  const raw = pdf.toString("latin1");
  // Streams are read by their /Length: compressed bytes may end in "\r" or contain "endstream".
  for (const match of raw.matchAll(/\/Length (\d+)[^>]*>>\nstream\n/g)) {
    const start = match.index! + match[0].length;
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, start + Number(match[1]))).toString("latin1");
    } catch {
      continue; // not a compressed content stream (fonts, metadata)
    }
    for (const [, run] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push(
        [...run!.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => Buffer.from(hex!, "hex").toString("latin1")).join(""),
      );
    }
  }
  return lines.join("\n");
}
