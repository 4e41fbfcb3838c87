import type { Readable } from "node:stream";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { Config } from "@server/config.js";
import { type ByteRange, checkedKey, type FileStore, FileStoreError, type StoredObject } from "./fileStore.js";

type S3Settings = Extract<Config["storage"], { kind: "s3" }>;

/** What the store's error codes mean for whoever set Siar up. */
const EXPLAINED: Record<string, string> = {
  SignatureDoesNotMatch:
    "S3_SECRET_ACCESS_KEY: the object store refused the request's signature (SignatureDoesNotMatch); check the secret key and S3_REGION",
  InvalidAccessKeyId: "S3_ACCESS_KEY_ID: the object store does not know this access key (InvalidAccessKeyId)",
  AccessDenied:
    "S3_BUCKET: this access key may not use the bucket (AccessDenied); give it read, write, delete and list",
  RequestTimeTooSkewed: "the object store refused the request: this machine's clock is more than 15 minutes off",
  AuthorizationHeaderMalformed: "S3_REGION: the object store expects another region (AuthorizationHeaderMalformed)",
};

/** An S3 error (or a connection failure) as a FileStoreError whose message says what to check. */
function explained(error: unknown, endpoint: string): FileStoreError {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    return new FileStoreError(
      `${EXPLAINED[error.name] ?? `the object store at ${endpoint} answered ${status ?? "?"} ${error.name}`}`,
      error.name,
    );
  }
  const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new FileStoreError(`S3_ENDPOINT: cannot reach the object store at ${endpoint} (${cause})`);
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);

/** Files as objects of one bucket, private (no public ACL is ever set): Siar serves what is public itself. */
export class S3FileStore implements FileStore {
  readonly kind = "s3";
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly endpoint: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.endpoint = settings.endpoint ?? `https://s3.${settings.region}.amazonaws.com`;
    this.location = `s3://${settings.bucket} (${this.endpoint})`;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Only the checksums S3 requires: several S3-compatible stores refuse the newer optional ones.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private async send<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw explained(error, this.endpoint);
    }
  }

  /** Lists one key to prove the credentials; a missing bucket is created (MinIO starts empty). */
  async open(): Promise<void> {
    try {
      await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, MaxKeys: 1 }));
    } catch (error) {
      if (!(error instanceof S3ServiceException && error.name === "NoSuchBucket"))
        throw explained(error, this.endpoint);
      await this.send(() => this.client.send(new CreateBucketCommand({ Bucket: this.bucket })));
    }
  }

  async put(key: string, body: Buffer, contentType?: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: checkedKey(key),
          Body: body,
          ContentLength: body.length,
          ContentType: contentType ?? "application/octet-stream",
        }),
      ),
    );
  }

  private async object(key: string, range?: ByteRange) {
    try {
      return await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: checkedKey(key),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (error) {
      if (notFound(error)) return null;
      throw explained(error, this.endpoint);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const object = await this.object(key);
    return object?.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
  }

  async stream(key: string, range?: ByteRange): Promise<Readable | null> {
    return ((await this.object(key, range))?.Body as Readable | undefined) ?? null;
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
      return { size: head.ContentLength ?? 0, lastModified: head.LastModified ?? new Date(0), etag: head.ETag ?? "" };
    } catch (error) {
      if (notFound(error)) return null;
      throw explained(error, this.endpoint);
    }
  }

  async delete(key: string): Promise<void> {
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) })));
  }

  async *list(prefix = ""): AsyncIterable<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, size: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
