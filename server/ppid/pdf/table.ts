import PDFDocument from "pdfkit";
import { drawLetterhead, type OfficeLetterhead } from "@server/reports/letterhead.js";
import { pdfText } from "@server/reports/pdfText.js";

// The registers as PDF: landscape A4 tables after Perki 1/2021's forms, every cell wrapped in
// full (a register is a record, nothing is cut), the header repeated on each page, pages numbered.

const MARGIN = 30;
const FONT_SIZE = 6.5;
const PADDING = 2;
const ACCENT = "#0b5cad";

export type TableColumn = { header: string; width: number };
export type TableDocument = {
  /** The body's letterhead, on top of the first page. */
  head: OfficeLetterhead;
  title: string;
  subtitle: string;
  columns: TableColumn[];
  rows: string[][];
  /** A line at the end: what the register leaves out and why. */
  note?: string;
};

/** Renders the table; column widths are relative and scaled to the page. */
export function renderTablePdf(table: TableDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: pdfText(table.title), Creator: "Siar" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const pageWidth = doc.page.width - MARGIN * 2;
  const total = table.columns.reduce((sum, column) => sum + column.width, 0);
  const widths = table.columns.map((column) => (column.width / total) * pageWidth);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  drawLetterhead(doc, table.head);
  doc
    .font("Helvetica-Bold")
    .fontSize(12)
    .fillColor(ACCENT)
    .text(pdfText(table.title), MARGIN, doc.y, { width: pageWidth, align: "center" });
  doc
    .font("Helvetica")
    .fontSize(8.5)
    .fillColor("black")
    .text(pdfText(table.subtitle), { width: pageWidth, align: "center" });
  doc.moveDown(0.6);

  const row = (cells: string[], header: boolean) => {
    doc.font(header ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE);
    const texts = cells.map((cell) => pdfText(cell || "–"));
    const height =
      Math.max(...texts.map((text, i) => doc.heightOfString(text, { width: widths[i]! - PADDING * 2 }))) + PADDING * 2;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!header)
        row(
          table.columns.map((column) => column.header),
          true,
        );
      doc.font(header ? "Helvetica-Bold" : "Helvetica").fontSize(FONT_SIZE);
    }
    const y = doc.y;
    let x = MARGIN;
    texts.forEach((text, i) => {
      if (header) doc.rect(x, y, widths[i]!, height).fill("#e8eef6").fillColor("black");
      doc.rect(x, y, widths[i]!, height).lineWidth(0.4).strokeColor("#8c959f").stroke();
      doc.fillColor("black").text(text, x + PADDING, y + PADDING, { width: widths[i]! - PADDING * 2 });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  row(
    table.columns.map((column) => column.header),
    true,
  );
  if (table.rows.length === 0) row([pdfText("Tidak ada data."), ...table.columns.slice(1).map(() => "")], false);
  for (const cells of table.rows) row(cells, false);
  if (table.note) {
    doc.moveDown(0.5);
    doc
      .font("Helvetica-Oblique")
      .fontSize(7)
      .fillColor("#57606a")
      .text(pdfText(table.note), MARGIN, doc.y, { width: pageWidth });
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7)
      .fillColor("#57606a")
      .text(pdfText(`${table.title} · halaman ${i + 1} dari ${range.count}`), MARGIN, doc.page.height - MARGIN, {
        width: pageWidth,
        align: "right",
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
