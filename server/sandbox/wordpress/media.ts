/**
 * /wp/v2/media: uploads as a raw body with Content-Disposition, or as multipart `file`; the files
 * are then served under /wp-content/uploads/ like a real site.
 * https://developer.wordpress.org/rest-api/reference/media/#create-a-media-item
 */
import type { Request, Router } from "express";
import { contentType, parseBody, rawBody, type UploadedFile } from "@server/sandbox/http";
import type { SandboxState } from "@server/sandbox/state";
import { requireWpUser } from "./auth";
import { WpError } from "./errors";
import { mediaSourceUrl, presentMedia } from "./present";
import { siteUrlOf } from "./posts";

/** File types a default WordPress install accepts for upload (a subset of wp_get_mime_types()). */
const ALLOWED_TYPES = new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "video/mp4",
  "video/quicktime",
  "application/pdf",
]);

function filenameFrom(disposition: string | undefined): string | undefined {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? "");
  return match ? decodeURIComponent(match[1]!).replace(/[/\\]/g, "") : undefined;
}

async function uploadedFile(req: Request): Promise<UploadedFile> {
  if (contentType(req) === "multipart/form-data") {
    const file = (await parseBody(req)).files.file;
    if (!file) throw new WpError(400, "rest_upload_no_data", "No data supplied.");
    return file;
  }
  const data = rawBody(req);
  if (data.length === 0) throw new WpError(400, "rest_upload_no_data", "No data supplied.");
  const filename = filenameFrom(req.headers["content-disposition"]);
  if (!req.headers["content-disposition"])
    throw new WpError(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.");
  if (!filename)
    throw new WpError(
      400,
      "rest_upload_invalid_disposition",
      'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.',
    );
  return { filename, contentType: contentType(req), data };
}

export function registerMediaRoutes(router: Router, state: SandboxState): void {
  router.post("/wp-json/wp/v2/media", async (req, res) => {
    const user = requireWpUser(
      state,
      req,
      "rest_cannot_create",
      "Sorry, you are not allowed to upload media on this site.",
    );
    const file = await uploadedFile(req);
    if (!ALLOWED_TYPES.has(file.contentType)) {
      throw new WpError(500, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type.");
    }
    const id = state.nextNumericId("wpMedia");
    const taken = new Set([...state.wordpress.media.values()].map((m) => m.filename));
    const [stem, extension = ""] = file.filename.split(/(?=\.[^.]+$)/);
    let filename = file.filename;
    for (let n = 1; taken.has(filename); n++) filename = `${stem}-${n}${extension}`;
    const media = {
      id,
      filename,
      mimeType: file.contentType,
      data: file.data,
      authorId: user.id,
      title: stem ?? filename,
      dateGmt: state.now(),
    };
    state.wordpress.media.set(id, media);
    res
      .status(201)
      .location(`${siteUrlOf(req)}/wp-json/wp/v2/media/${id}`)
      .json(presentMedia(media, siteUrlOf(req)));
  });

  router.get("/wp-json/wp/v2/media/:id", (req, res) => {
    const media = state.wordpress.media.get(Number(req.params.id));
    if (!media) throw new WpError(404, "rest_post_invalid_id", "Invalid post ID.");
    res.json(presentMedia(media, siteUrlOf(req)));
  });

  router.get("/wp-content/uploads/:year/:month/:filename", (req, res) => {
    const media = [...state.wordpress.media.values()].find((m) => mediaSourceUrl(m, siteUrlOf(req)).endsWith(req.path));
    if (!media) return res.status(404).type("text/plain").send("Not Found");
    res.type(media.mimeType).send(media.data);
  });
}
