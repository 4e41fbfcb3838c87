import { createHash } from "node:crypto";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@server/config.js";
import { startS3Sandbox, type S3Sandbox } from "@server/sandbox/s3.js";
import { fileStore, FileStoreError } from "@server/storage/fileStore.js";

// The S3 imitation answers as S3 documents, and Siar's S3 store works against it end to end.

let s3: S3Sandbox;
beforeAll(async () => {
  s3 = await startS3Sandbox({ buckets: ["contract"] });
});
afterAll(() => s3.close());

const client = (secretAccessKey = s3.secretAccessKey, accessKeyId = s3.accessKeyId) =>
  new S3Client({
    endpoint: s3.url,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });

const failure = async (call: Promise<unknown>) => {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  return error as S3ServiceException;
};

const storeFor = (bucket: string, secret = s3.secretAccessKey) =>
  fileStore(
    loadConfig({
      SIAR_STORAGE: "s3",
      S3_ENDPOINT: s3.url,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: secret,
    }),
  );

describe("the S3 imitation", () => {
  it("verifies Signature Version 4 and answers with S3's error codes and XML bodies", async () => {
    const body = Buffer.from("kop surat");
    const put = await client().send(new PutObjectCommand({ Bucket: "contract", Key: "a/b.txt", Body: body }));
    expect(put.ETag).toBe(`"${createHash("md5").update(body).digest("hex")}"`);

    const wrongSecret = await failure(
      client("not-the-secret").send(new GetObjectCommand({ Bucket: "contract", Key: "a/b.txt" })),
    );
    expect([wrongSecret.name, wrongSecret.$metadata.httpStatusCode]).toEqual(["SignatureDoesNotMatch", 403]);
    expect(wrongSecret.$metadata.requestId).toMatch(/^[0-9A-F]{16}$/);
    const unknownKey = await failure(
      client(s3.secretAccessKey, "AKIAUNKNOWN").send(new GetObjectCommand({ Bucket: "contract", Key: "a/b.txt" })),
    );
    expect([unknownKey.name, unknownKey.$metadata.httpStatusCode]).toEqual(["InvalidAccessKeyId", 403]);
    const noKey = await failure(client().send(new GetObjectCommand({ Bucket: "contract", Key: "a/none.txt" })));
    expect([noKey.name, noKey.$metadata.httpStatusCode]).toEqual(["NoSuchKey", 404]);
    const noBucket = await failure(client().send(new ListObjectsV2Command({ Bucket: "nowhere" })));
    expect([noBucket.name, noBucket.$metadata.httpStatusCode]).toEqual(["NoSuchBucket", 404]);

    // Nothing is public: an unsigned request is refused, with the XML body and a request id.
    const anonymous = await fetch(`${s3.url}/contract/a/b.txt`);
    expect(anonymous.status).toBe(403);
    expect(anonymous.headers.get("x-amz-request-id")).toMatch(/^[0-9A-F]{16}$/);
    expect(await anonymous.text()).toMatch(/<Error><Code>AccessDenied<\/Code>/);
    // A signed request whose body was changed on the way fails the payload check.
    const tampered = await failure(
      client().send(
        new PutObjectCommand({ Bucket: "contract", Key: "c.txt", Body: "x", ContentMD5: "AAAAAAAAAAAAAAAAAAAAAA==" }),
      ),
    );
    expect(tampered.name).toBe("BadDigest");
  });

  it("stores, reads (whole and by range), lists in pages and deletes through Siar's S3 store", async () => {
    const store = storeFor("siar-contract");
    await store.open(); // creates the bucket, absent so far
    expect(s3.bucket("siar-contract")).toBeDefined();
    const body = Buffer.from("0123456789abcdef");
    await store.put("media/one.bin", body, "application/octet-stream");
    expect((await store.get("media/one.bin"))?.equals(body)).toBe(true);
    expect(await store.head("media/one.bin")).toMatchObject({
      size: 16,
      etag: `"${createHash("md5").update(body).digest("hex")}"`,
    });
    const part = await store.stream("media/one.bin", { start: 4, end: 7 });
    const chunks: Buffer[] = [];
    for await (const chunk of part!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe("4567");
    expect(await store.get("media/none.bin")).toBeNull();
    expect(await store.head("media/none.bin")).toBeNull();

    // More than one page of 1000 keys: the listing follows the continuation tokens.
    const keys = Array.from({ length: 1003 }, (_, i) => `citizen-photos/${String(i).padStart(4, "0")}.jpg`);
    const bucket = s3.bucket("siar-contract")!;
    for (const key of keys)
      bucket.set(key, { body: Buffer.from(key), contentType: "image/jpeg", etag: '"x"', lastModified: new Date() });
    const listed: string[] = [];
    for await (const { key } of store.list("citizen-photos/")) listed.push(key);
    expect(listed.sort()).toEqual(keys);

    await store.delete("media/one.bin");
    await store.delete("media/one.bin"); // deleting what is gone is no error
    expect(bucket.has("media/one.bin")).toBe(false);
    await expect(store.put("../escape", body)).rejects.toThrow(FileStoreError);
  });

  it("says which setting is wrong when the store refuses the keys", async () => {
    await expect(storeFor("siar-contract", "a-wrong-secret-key").open()).rejects.toThrow(
      /S3_SECRET_ACCESS_KEY: .*SignatureDoesNotMatch/,
    );
    const unreachable = fileStore(
      loadConfig({
        SIAR_STORAGE: "s3",
        S3_ENDPOINT: "http://127.0.0.1:9",
        S3_BUCKET: "siar",
        S3_ACCESS_KEY_ID: "key",
        S3_SECRET_ACCESS_KEY: "secret-key",
      }),
    );
    await expect(unreachable.open()).rejects.toThrow(
      /S3_ENDPOINT: cannot reach the object store at http:\/\/127\.0\.0\.1:9/,
    );
  });
});
