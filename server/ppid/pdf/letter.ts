import PDFDocument from "pdfkit";
import { drawLetterhead, type Letterhead } from "@server/reports/letterhead.js";
import { pdfText } from "@server/reports/pdfText.js";

// The PPID's letters (receipts, written notices, the atasan's answers) as A4 PDFs in the layout of
// Perki 1/2021's forms: the body's name on top, the form's title and number, labelled fields, the
// text, and the signing official. pdfkit's built-in Helvetica, so no font files ship.

const MARGIN = 56;
const LABEL_WIDTH = 170;
const ACCENT = "#0b5cad";
const MUTED = "#57606a";

type Doc = PDFKit.PDFDocument;

export type LetterHead = {
  /** The body: "Pemerintah Kabupaten Sanggau". */
  office: string;
  /** The PPID unit writing: "PPID Utama — Dinas Komunikasi dan Informatika". */
  issuer: string;
  title: string;
  number?: string;
  /** The body's letterhead (address, logo) above the issuer. */
  letterhead: Letterhead;
};

const dateFormat = new Intl.DateTimeFormat("id-ID", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "24 Agustus 2026", from a YYYY-MM-DD date. */
export function longDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

export function rupiah(amount: number): string {
  return `Rp${new Intl.NumberFormat("id-ID").format(amount)}`;
}

/** One letter being written; `finish` ends it and resolves with the file. */
export class Letter {
  private readonly doc: Doc;
  private readonly done: Promise<Buffer>;

  constructor(head: LetterHead) {
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      info: { Title: pdfText(head.number ? `${head.title} ${head.number}` : head.title), Creator: "Siar" },
    });
    const chunks: Buffer[] = [];
    this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    drawLetterhead(this.doc, { officeName: head.office, letterhead: head.letterhead });
    this.write(head.issuer, { size: 10, align: "center", color: MUTED });
    this.doc.moveDown(0.6);
    this.write(head.title.toUpperCase(), { font: "Helvetica-Bold", size: 12, align: "center", color: ACCENT });
    if (head.number) this.write(`Nomor: ${head.number}`, { size: 10, align: "center" });
    this.doc.moveDown(0.8);
  }

  private get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private write(
    text: string,
    options: { font?: string; size?: number; color?: string; align?: "left" | "center" } = {},
  ): void {
    this.doc
      .font(options.font ?? "Helvetica")
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? "black")
      .text(pdfText(text), MARGIN, this.doc.y, { width: this.width, align: options.align ?? "left" });
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  heading(text: string): this {
    this.ensureSpace(60);
    this.doc.moveDown(0.6);
    this.write(text, { font: "Helvetica-Bold", size: 11, color: ACCENT });
    this.doc.moveDown(0.2);
    return this;
  }

  /** Label and value pairs, the value wrapping beside its label; an empty value shows "–". */
  fields(rows: [string, string | null | undefined][]): this {
    for (const [label, value] of rows) {
      const text = pdfText(value?.trim() ? value : "–");
      this.doc.font("Helvetica").fontSize(10);
      const height = Math.max(
        this.doc.heightOfString(pdfText(label), { width: LABEL_WIDTH - 10 }),
        this.doc.heightOfString(text, { width: this.width - LABEL_WIDTH }),
      );
      this.ensureSpace(height + 4);
      const y = this.doc.y;
      this.doc.fillColor(MUTED).text(pdfText(label), MARGIN, y, { width: LABEL_WIDTH - 10 });
      this.doc.fillColor("black").text(text, MARGIN + LABEL_WIDTH, y, { width: this.width - LABEL_WIDTH });
      this.doc.y = y + height + 4;
    }
    return this;
  }

  paragraph(text: string, options: { bold?: boolean } = {}): this {
    this.ensureSpace(30);
    this.write(text, { font: options.bold ? "Helvetica-Bold" : "Helvetica", align: "left" });
    this.doc.moveDown(0.4);
    return this;
  }

  /** A box ticked or not, as on the paper forms: "[X] Dikabulkan seluruhnya". */
  choices(options: { label: string; chosen: boolean }[]): this {
    for (const option of options) this.write(`${option.chosen ? "[X]" : "[  ]"} ${option.label}`);
    this.doc.moveDown(0.4);
    return this;
  }

  list(items: string[]): this {
    for (const item of items) this.write(`•  ${item}`);
    this.doc.moveDown(0.4);
    return this;
  }

  note(text: string): this {
    this.ensureSpace(30);
    this.write(text, { size: 8.5, color: MUTED, align: "left" });
    this.doc.moveDown(0.3);
    return this;
  }

  /** Place and date, then the official's role and name, on the right. */
  signature(signer: { place: string; date: string; role: string; name: string }): this {
    this.ensureSpace(110);
    this.doc.moveDown(1);
    const x = MARGIN + this.width / 2;
    const width = this.width / 2;
    this.doc.font("Helvetica").fontSize(10).fillColor("black");
    this.doc.text(pdfText(`${signer.place}, ${longDate(signer.date)}`), x, this.doc.y, { width });
    this.doc.text(pdfText(signer.role), x, this.doc.y, { width });
    this.doc.moveDown(3);
    this.doc.font("Helvetica-Bold").text(pdfText(signer.name), x, this.doc.y, { width });
    this.doc.x = MARGIN;
    return this;
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
