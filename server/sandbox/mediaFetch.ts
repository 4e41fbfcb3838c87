/**
 * Fetching media the way Meta does when given image_url / video_url / url: the sandbox downloads
 * it and checks that it really is an image or a video before accepting it.
 */
export type MediaFetchResult =
  | { ok: true; contentType: string; bytes: number }
  /** `wrongType`: the URL answered, but with something else than the expected kind of media. */
  | { ok: false; reason: string; wrongType?: boolean };

export async function fetchMedia(
  url: string,
  expected: "image" | "video",
  timeoutMs: number,
): Promise<MediaFetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "The media URL is not a valid URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: "The media URL must use http or https" };
  }
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) return { ok: false, reason: `Fetching the media URL returned HTTP ${response.status}` };
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!contentType.startsWith(`${expected}/`)) {
      return {
        ok: false,
        reason: `The media URL returned ${contentType || "no content type"}, not an ${expected}`,
        wrongType: true,
      };
    }
    if (body.length === 0) return { ok: false, reason: "The media URL returned an empty body" };
    return { ok: true, contentType, bytes: body.length };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      ok: false,
      reason: timedOut ? "It takes too long to download the media" : "The media URL could not be fetched",
    };
  }
}
