import busboy from "busboy";
import type { Request } from "express";

export type MultipartLimits = { fileField: string; maxFileBytes: number; maxFieldBytes: number; maxFields: number };
/** The one file a form may carry; `truncated` when it was larger than allowed (the rest was dropped). */
export type FormFile = { body: Buffer; truncated: boolean };

/** A failure to read the body as a form, with the status the public pages' error handler shows. */
class UnreadableForm extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a multipart/form-data body: its text fields and at most one file, held in memory up to
 * the limit. Every field is read even when the file is too large, so the form can be shown
 * again with the input kept.
 */
export function readMultipartForm(
  req: Request,
  limits: MultipartLimits,
): Promise<{ fields: Record<string, string>; file: FormFile | null }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fileSize: limits.maxFileBytes,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          parts: limits.maxFields + 1,
        },
      });
    } catch {
      return reject(new UnreadableForm(400, "malformed multipart form"));
    }
    const fields: Record<string, string> = {};
    let file: FormFile | null = null;

    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== limits.fileField || !info.filename) return stream.resume();
      const chunks: Buffer[] = [];
      const received: FormFile = { body: Buffer.alloc(0), truncated: false };
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        received.truncated = true;
      });
      stream.on("end", () => {
        received.body = Buffer.concat(chunks);
        // An empty file input sends a part without content: no photo.
        if (received.body.length > 0 || received.truncated) file = received;
      });
    });
    for (const limit of ["partsLimit", "fieldsLimit"] as const)
      parser.on(limit, () => reject(new UnreadableForm(413, "too many form fields")));
    parser.on("error", () => reject(new UnreadableForm(400, "malformed multipart form")));
    parser.on("close", () => resolve({ fields, file }));
    req.pipe(parser);
  });
}
