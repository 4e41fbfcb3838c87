/**
 * AWS Signature Version 4 as S3 checks it on a request signed in the Authorization header
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html), recomputed
 * here from the request as received, independently of the SDK that signed it.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export type S3Credentials = { accessKeyId: string; secretAccessKey: string; region: string };
/** Why a request is refused: S3's error code, HTTP status and message. */
export type SignatureProblem = { status: number; code: string; message: string; details?: Record<string, string> };

const ALGORITHM = "AWS4-HMAC-SHA256";
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
/** S3 refuses a request signed more than 15 minutes away from its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;

export const sha256Hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ percent-encoded. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return "";
  return rawQuery
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf("=");
      const name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      const value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1));
      return [uriEncode(name), uriEncode(value)] as const;
    })
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** "20260101T000000Z" as a time. */
function amzTime(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}

/**
 * Checks the request's signature against the one account the sandbox knows; null when it is
 * right. The payload's hash is checked by the caller against the body (x-amz-content-sha256).
 */
export function checkSignature(
  req: IncomingMessage,
  account: S3Credentials,
  now = Date.now(),
): SignatureProblem | null {
  const header = req.headers.authorization;
  if (!header) return { status: 403, code: "AccessDenied", message: "Access Denied" };
  const match = AUTHORIZATION.exec(header);
  if (!match) {
    return {
      status: 400,
      code: "AuthorizationHeaderMalformed",
      message: "The authorization header is malformed; it must name Credential, SignedHeaders and Signature.",
    };
  }
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== account.accessKeyId) {
    return {
      status: 403,
      code: "InvalidAccessKeyId",
      message: "The AWS Access Key Id you provided does not exist in our records.",
      details: { AWSAccessKeyId: accessKeyId! },
    };
  }
  if (region !== account.region || service !== "s3") {
    return {
      status: 400,
      code: "AuthorizationHeaderMalformed",
      message: `The authorization header is malformed; the region '${region}' is wrong; expecting '${account.region}'`,
      details: { Region: account.region },
    };
  }
  const amzDate = String(req.headers["x-amz-date"] ?? "");
  const signedAt = amzTime(amzDate);
  if (Number.isNaN(signedAt) || !amzDate.startsWith(date!)) {
    return {
      status: 403,
      code: "AccessDenied",
      message: "AWS authentication requires a valid Date or x-amz-date header",
    };
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    return {
      status: 403,
      code: "RequestTimeTooSkewed",
      message: "The difference between the request time and the current time is too large.",
      details: { RequestTime: amzDate, ServerTime: new Date(now).toISOString() },
    };
  }
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) {
    return { status: 400, code: "AuthorizationHeaderMalformed", message: "The host header must be signed." };
  }
  const rawUrl = req.url ?? "/";
  const queryAt = rawUrl.indexOf("?");
  const canonicalRequest = [
    req.method,
    queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt),
    canonicalQuery(queryAt < 0 ? "" : rawUrl.slice(queryAt + 1)),
    signedHeaders
      .map((name) => {
        const value = req.headers[name];
        return `${name}:${(Array.isArray(value) ? value.join(",") : (value ?? "")).trim().replace(/\s+/g, " ")}\n`;
      })
      .join(""),
    signedHeaderList,
    String(req.headers["x-amz-content-sha256"] ?? ""),
  ].join("\n");
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = ["s3", "aws4_request"].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(`AWS4${account.secretAccessKey}`, date!), region!),
  );
  const expected = hmac(key, stringToSign);
  if (!timingSafeEqual(expected, Buffer.from(signature!, "hex"))) {
    return {
      status: 403,
      code: "SignatureDoesNotMatch",
      message:
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      details: {
        AWSAccessKeyId: accessKeyId!,
        StringToSign: stringToSign,
        SignatureProvided: signature!,
        CanonicalRequest: canonicalRequest,
      },
    };
  }
  return null;
}
