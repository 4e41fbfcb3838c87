import type { Response } from "express";

/** A generated document as a download. */
export function sendDownload(res: Response, fileName: string, contentType: string, body: Buffer | string): void {
  res.attachment(fileName);
  res.set({ "Content-Type": contentType }).send(body);
}

export function sendPdf(res: Response, fileName: string, pdf: Buffer): void {
  sendDownload(res, fileName, "application/pdf", pdf);
}
