/**
 * A local imitation of an S3-compatible object store (Amazon S3, MinIO) for Siar's file store,
 * on 127.0.0.1 with path-style addresses (http://host/bucket/key). It does what Siar uses, as S3
 * documents it (https://docs.aws.amazon.com/AmazonS3/latest/API/): CreateBucket, HeadBucket,
 * ListObjectsV2 (prefix, max-keys, start-after, continuation tokens), PutObject, GetObject (with a
 * byte Range), HeadObject and DeleteObject. Every request must carry a valid Signature Version 4;
 * errors are S3's XML error bodies with its codes and statuses. Anything else is 501 NotImplemented.
 *
 *   const s3 = await startS3Sandbox({ buckets: ["siar"] });
 *   // S3_ENDPOINT=s3.url S3_ACCESS_KEY_ID=s3.accessKeyId S3_SECRET_ACCESS_KEY=s3.secretAccessKey
 */
import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkSignature, type S3Credentials, sha256Hex, type SignatureProblem } from "./s3Signature";

export type S3Object = { body: Buffer; contentType: string; etag: string; lastModified: Date };

export type S3Sandbox = S3Credentials & {
  url: string;
  /** The objects of a bucket, by key (undefined when there is no such bucket), to look at in tests. */
  bucket(name: string): Map<string, S3Object> | undefined;
  close(): Promise<void>;
};

export type S3SandboxOptions = Partial<S3Credentials> & { port?: number; buckets?: string[] };

const NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEYS = 1000;

const xmlEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const element = (name: string, value: string | number | boolean) => `<${name}>${xmlEscape(String(value))}</${name}>`;

type Reply = { status: number; headers?: Record<string, string>; body?: Buffer | string };

function s3Error(status: number, code: string, message: string, details: Record<string, string> = {}): Reply {
  const fields = Object.entries(details).map(([name, value]) => element(name, value));
  return {
    status,
    headers: { "Content-Type": "application/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${element("Code", code)}${element("Message", message)}${fields.join("")}</Error>`,
  };
}

const fromProblem = (problem: SignatureProblem) =>
  s3Error(problem.status, problem.code, problem.message, problem.details);

function objectHeaders(object: S3Object): Record<string, string> {
  return {
    "Content-Type": object.contentType,
    ETag: object.etag,
    "Last-Modified": object.lastModified.toUTCString(),
    "Accept-Ranges": "bytes",
  };
}

/** The one range of "bytes=a-b" / "bytes=a-" / "bytes=-n" within `size`, or null when S3 would answer 416. */
function byteRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : null;
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start < size && start <= end ? { start, end } : null;
}

class ObjectStore {
  readonly buckets = new Map<string, Map<string, S3Object>>();

  handle(
    method: string,
    bucketName: string,
    key: string,
    query: URLSearchParams,
    req: IncomingMessage,
    body: Buffer,
  ): Reply {
    if (!key) return this.bucketRequest(method, bucketName, query);
    const bucket = this.buckets.get(bucketName);
    if (!bucket) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: bucketName });
    const object = bucket.get(key);
    switch (method) {
      case "PUT": {
        if (req.headers["x-amz-copy-source"]) return s3Error(501, "NotImplemented", "CopyObject is not imitated");
        const md5 = createHash("md5").update(body);
        const given = req.headers["content-md5"];
        if (given && given !== md5.copy().digest("base64"))
          return s3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
        const etag = `"${md5.digest("hex")}"`;
        const contentType = String(req.headers["content-type"] ?? "binary/octet-stream");
        bucket.set(key, { body, contentType, etag, lastModified: new Date() });
        return { status: 200, headers: { ETag: etag } };
      }
      case "GET":
      case "HEAD": {
        if (!object) return s3Error(404, "NoSuchKey", "The specified key does not exist.", { Key: key });
        const rangeHeader = req.headers.range;
        if (!rangeHeader) return { status: 200, headers: objectHeaders(object), body: object.body };
        const range = byteRange(rangeHeader, object.body.length);
        if (!range) {
          return s3Error(416, "InvalidRange", "The requested range is not satisfiable", {
            RangeRequested: rangeHeader,
            ActualObjectSize: String(object.body.length),
          });
        }
        return {
          status: 206,
          headers: {
            ...objectHeaders(object),
            "Content-Range": `bytes ${range.start}-${range.end}/${object.body.length}`,
          },
          body: object.body.subarray(range.start, range.end + 1),
        };
      }
      case "DELETE":
        bucket.delete(key);
        return { status: 204 };
      default:
        return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  private bucketRequest(method: string, name: string, query: URLSearchParams): Reply {
    const bucket = this.buckets.get(name);
    if (method === "PUT") {
      if (!BUCKET_NAME.test(name))
        return s3Error(400, "InvalidBucketName", "The specified bucket is not valid.", { BucketName: name });
      if (bucket)
        return s3Error(
          409,
          "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it.",
          { BucketName: name },
        );
      this.buckets.set(name, new Map());
      return { status: 200, headers: { Location: `/${name}` } };
    }
    if (!bucket) return s3Error(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: name });
    if (method === "HEAD") return { status: 200 };
    if (method === "GET" && query.get("list-type") === "2") return listObjects(name, bucket, query);
    return s3Error(
      501,
      "NotImplemented",
      "A header or query you provided implies functionality that is not implemented.",
    );
  }
}

/** ListObjectsV2: keys in UTF-8 binary order, at most max-keys (1000) a page, the next page by an opaque token. */
function listObjects(name: string, bucket: Map<string, S3Object>, query: URLSearchParams): Reply {
  if (query.has("delimiter")) return s3Error(501, "NotImplemented", "Listing with a delimiter is not imitated.");
  const prefix = query.get("prefix") ?? "";
  const maxKeys = Math.min(Number(query.get("max-keys") ?? MAX_KEYS), MAX_KEYS);
  if (!Number.isInteger(maxKeys) || maxKeys < 0)
    return s3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
  const token = query.get("continuation-token");
  let after = query.get("start-after") ?? "";
  if (token !== null) {
    const decoded = Buffer.from(token, "base64url").toString("utf8");
    if (!decoded.startsWith("k:"))
      return s3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
    after = decoded.slice(2);
  }
  const keys = [...bucket.keys()]
    .filter((key) => key.startsWith(prefix) && key > after)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > page.length;
  const urlEncoded = query.get("encoding-type") === "url";
  const shown = (key: string) => (urlEncoded ? encodeURIComponent(key).replace(/%2F/g, "/") : key);
  const contents = page.map((key) => {
    const object = bucket.get(key)!;
    return `<Contents>${element("Key", shown(key))}${element("LastModified", object.lastModified.toISOString())}${element("ETag", object.etag)}${element("Size", object.body.length)}${element("StorageClass", "STANDARD")}</Contents>`;
  });
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${NAMESPACE}">`,
    element("Name", name),
    element("Prefix", shown(prefix)),
    element("KeyCount", page.length),
    element("MaxKeys", maxKeys),
    element("IsTruncated", truncated),
    ...(urlEncoded ? [element("EncodingType", "url")] : []),
    ...(token !== null ? [element("ContinuationToken", token)] : []),
    ...(truncated ? [element("NextContinuationToken", Buffer.from(`k:${page.at(-1)}`).toString("base64url"))] : []),
    ...(query.has("start-after") ? [element("StartAfter", shown(query.get("start-after")!))] : []),
    ...contents,
    "</ListBucketResult>",
  ].join("");
  return { status: 200, headers: { "Content-Type": "application/xml" }, body: xml };
}

/** The request as S3 answers it: signature first, then the payload's hash, then the operation. */
function answer(store: ObjectStore, account: S3Credentials, req: IncomingMessage, body: Buffer): Reply {
  const problem = checkSignature(req, account);
  if (problem) return fromProblem(problem);
  const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
  if (!payloadHash)
    return s3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
  if (payloadHash.startsWith("STREAMING-"))
    return s3Error(501, "NotImplemented", "aws-chunked uploads are not imitated");
  if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256Hex(body)) {
    return s3Error(
      400,
      "XAmzContentSHA256Mismatch",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: sha256Hex(body),
      },
    );
  }
  const url = new URL(req.url ?? "/", "http://s3.local");
  const [bucket = "", ...rest] = url.pathname.slice(1).split("/");
  if (!bucket) return s3Error(501, "NotImplemented", "ListBuckets is not imitated");
  const key = decodeURIComponent(rest.join("/"));
  return store.handle(req.method ?? "GET", decodeURIComponent(bucket), key, url.searchParams, req, body);
}

export async function startS3Sandbox(options: S3SandboxOptions = {}): Promise<S3Sandbox> {
  const account: S3Credentials = {
    accessKeyId: options.accessKeyId ?? `SIARTEST${randomBytes(6).toString("hex").toUpperCase()}`,
    secretAccessKey: options.secretAccessKey ?? randomBytes(30).toString("base64"),
    region: options.region ?? "us-east-1",
  };
  const store = new ObjectStore();
  for (const name of options.buckets ?? []) store.buckets.set(name, new Map());
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = answer(store, account, req, Buffer.concat(chunks));
      const body = req.method === "HEAD" ? undefined : reply.body;
      res.writeHead(reply.status, {
        "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(),
        "x-amz-id-2": randomBytes(24).toString("base64"),
        Server: "AmazonS3",
        ...reply.headers,
        ...(reply.body !== undefined && !reply.headers?.["Content-Length"]
          ? { "Content-Length": String(Buffer.byteLength(reply.body)) }
          : {}),
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...account,
    url: `http://127.0.0.1:${port}`,
    bucket: (name) => store.buckets.get(name),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
