-- Publishing figures over long periods read a rollup per reporting day (WIB), unit of the post
-- and channel instead of joining every delivery to its post and engagement. Triggers keep it
-- exact in the same transaction as every write to Delivery, Post and DeliveryEngagement; the
-- dashboard reads the partial days at a period's ends from the deliveries themselves
-- (server/metrics/activity.ts). Outside the Prisma schema, like "search": read by raw SQL only.
-- The reporting day is WIB (REPORTING_OFFSET_MINUTES, +7 hours) and the on-time tolerance
-- ON_TIME_TOLERANCE_MINUTES (5), both in server/metrics/definitions.ts.

-- When the post's previous delivery was published (deliveries ordered by publishedAt, then id):
-- a post counts in a period at its first delivery there, the one whose previous came before.
ALTER TABLE "Delivery" ADD COLUMN "previousPublishedAt" TIMESTAMP(3);

CREATE TABLE "PublishingDay" (
  "day" DATE NOT NULL,
  "unitId" UUID NOT NULL,
  "channelId" UUID NOT NULL,
  "published" INTEGER NOT NULL,
  "judged" INTEGER NOT NULL,
  "onTime" INTEGER NOT NULL,
  "failed" INTEGER NOT NULL,
  -- Published deliveries that were the first of their post (no previous one).
  "firstOfPost" INTEGER NOT NULL,
  "reactions" BIGINT NOT NULL,
  "comments" BIGINT NOT NULL,
  "shares" BIGINT NOT NULL,
  "views" BIGINT NOT NULL,
  -- Published deliveries whose platform reported views (the figure is null when none did).
  "viewsReported" INTEGER NOT NULL,
  PRIMARY KEY ("day", "unitId", "channelId")
);

-- Deliveries published on a later day than their post's previous one: the only ones whose post
-- may have been counted before a period that starts at a day's beginning.
CREATE INDEX "Delivery_publishedAt_later_day_idx" ON "Delivery" ("publishedAt") INCLUDE ("previousPublishedAt", "postId", "channelId")
  WHERE ("previousPublishedAt" + interval '7 hours')::date < ("publishedAt" + interval '7 hours')::date;

-- What one delivery adds to the rollup (times sign): a published one on its day, judged when its
-- post was due, on time when published within the tolerance, with its engagement; a failed one
-- on the day of its last update. Nothing when its post is unknown.
CREATE FUNCTION publishing_contribution(sign INTEGER, d "Delivery", p "Post", e "DeliveryEngagement") RETURNS SETOF "PublishingDay"
LANGUAGE sql IMMUTABLE AS $$
  SELECT (d."publishedAt" + interval '7 hours')::date, p."unitId", d."channelId", sign,
    sign * (GREATEST(p."scheduledAt", p."reviewedAt") IS NOT NULL)::int,
    sign * COALESCE(d."publishedAt" <= GREATEST(p."scheduledAt", p."reviewedAt") + interval '5 minutes', false)::int,
    0, sign * (d."previousPublishedAt" IS NULL)::int,
    sign * COALESCE(e."reactions", 0)::bigint, sign * COALESCE(e."comments", 0)::bigint, sign * COALESCE(e."shares", 0)::bigint,
    sign * COALESCE(e."views", 0)::bigint, sign * (e."views" IS NOT NULL)::int
  WHERE d."publishedAt" IS NOT NULL AND p."unitId" IS NOT NULL
  UNION ALL
  SELECT (d."updatedAt" + interval '7 hours')::date, p."unitId", d."channelId", 0, 0, 0, sign, 0, 0, 0, 0, 0, 0
  WHERE d."status" = 'failed' AND p."unitId" IS NOT NULL
$$;

-- Adds contributions to the rollup, in key order so that concurrent writers lock rows alike.
CREATE FUNCTION publishing_add(changes "PublishingDay"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "PublishingDay" AS r
  SELECT "day", "unitId", "channelId", sum("published"), sum("judged"), sum("onTime"), sum("failed"), sum("firstOfPost"),
    sum("reactions"), sum("comments"), sum("shares"), sum("views"), sum("viewsReported")
  FROM unnest(changes)
  GROUP BY 1, 2, 3
  HAVING (sum("published"), sum("judged"), sum("onTime"), sum("failed"), sum("firstOfPost"), sum("reactions"), sum("comments"), sum("shares"), sum("views"), sum("viewsReported"))
    <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  ORDER BY 1, 2, 3
  ON CONFLICT ("day", "unitId", "channelId") DO UPDATE SET
    "published" = r."published" + EXCLUDED."published", "judged" = r."judged" + EXCLUDED."judged", "onTime" = r."onTime" + EXCLUDED."onTime",
    "failed" = r."failed" + EXCLUDED."failed", "firstOfPost" = r."firstOfPost" + EXCLUDED."firstOfPost",
    "reactions" = r."reactions" + EXCLUDED."reactions", "comments" = r."comments" + EXCLUDED."comments", "shares" = r."shares" + EXCLUDED."shares",
    "views" = r."views" + EXCLUDED."views", "viewsReported" = r."viewsReported" + EXCLUDED."viewsReported"
$$;

-- Sets "previousPublishedAt" on the deliveries of these posts. Its own update changes nothing the
-- order depends on, so the trigger below finds no post to order again and stops there.
CREATE FUNCTION delivery_order_posts(posts UUID[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Delivery" d SET "previousPublishedAt" = o."previous"
  FROM (SELECT "id", CASE WHEN "publishedAt" IS NOT NULL THEN lag("publishedAt") OVER (PARTITION BY "postId" ORDER BY "publishedAt" NULLS LAST, "id") END AS "previous"
        FROM "Delivery" WHERE "postId" = ANY (posts)) o
  WHERE d."id" = o."id" AND d."previousPublishedAt" IS DISTINCT FROM o."previous"
$$;

-- Deliveries already there: their order, then the rollup from scratch, before the triggers.
SELECT delivery_order_posts(ARRAY(SELECT DISTINCT "postId" FROM "Delivery" WHERE "publishedAt" IS NOT NULL));
SELECT publishing_add(ARRAY(SELECT c FROM "Delivery" d JOIN "Post" p ON p."id" = d."postId" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id",
  publishing_contribution(1, d, p, e) c));

-- A statement trigger fires even when no row changed: the posts to order are checked first, so
-- that an update ordering nothing ends the chain.
CREATE FUNCTION delivery_publishing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  posts UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM publishing_add(ARRAY(SELECT c FROM after_rows n LEFT JOIN "Post" p ON p."id" = n."postId" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = n."id",
      publishing_contribution(1, n, p, e) c));
    posts := ARRAY(SELECT DISTINCT "postId" FROM after_rows WHERE "publishedAt" IS NOT NULL);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM publishing_add(ARRAY(
      SELECT c FROM after_rows n LEFT JOIN "Post" p ON p."id" = n."postId" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = n."id", publishing_contribution(1, n, p, e) c
      UNION ALL
      SELECT c FROM before_rows o LEFT JOIN "Post" p ON p."id" = o."postId" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = o."id", publishing_contribution(-1, o, p, e) c));
    posts := ARRAY(
      SELECT DISTINCT unnest(ARRAY[o."postId", n."postId"]) FROM before_rows o JOIN after_rows n ON n."id" = o."id"
      WHERE n."publishedAt" IS DISTINCT FROM o."publishedAt" OR n."postId" <> o."postId");
  ELSE
    posts := ARRAY(SELECT DISTINCT "postId" FROM before_rows WHERE "publishedAt" IS NOT NULL);
  END IF;
  IF cardinality(posts) > 0 THEN
    PERFORM delivery_order_posts(posts);
  END IF;
  RETURN NULL;
END $$;

-- One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
CREATE TRIGGER "Delivery_publishing_insert" AFTER INSERT ON "Delivery" REFERENCING NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_publishing_changed();
CREATE TRIGGER "Delivery_publishing_update" AFTER UPDATE ON "Delivery" REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_publishing_changed();
CREATE TRIGGER "Delivery_publishing_delete" AFTER DELETE ON "Delivery" REFERENCING OLD TABLE AS before_rows
  FOR EACH STATEMENT EXECUTE FUNCTION delivery_publishing_changed();

-- A deleted delivery is taken out while its post and engagement are still there to say what it
-- added: its engagement first (whose trigger takes that part out), then the rest.
CREATE FUNCTION delivery_publishing_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "DeliveryEngagement" WHERE "deliveryId" = OLD."id";
  PERFORM publishing_add(ARRAY(SELECT c FROM "Post" p, publishing_contribution(-1, OLD, p, NULL) c WHERE p."id" = OLD."postId"));
  RETURN OLD;
END $$;
CREATE TRIGGER "Delivery_publishing_deleting" BEFORE DELETE ON "Delivery" FOR EACH ROW EXECUTE FUNCTION delivery_publishing_deleting();

-- A post's unit, schedule and approval decide where and whether its deliveries were on time.
CREATE FUNCTION post_publishing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM publishing_add(ARRAY(
    SELECT c::"PublishingDay" FROM before_rows o JOIN after_rows n ON n."id" = o."id" JOIN "Delivery" d ON d."postId" = n."id" LEFT JOIN "DeliveryEngagement" e ON e."deliveryId" = d."id",
      LATERAL (SELECT * FROM publishing_contribution(1, d, n, e) UNION ALL SELECT * FROM publishing_contribution(-1, d, o, e)) c
    WHERE (n."unitId", n."scheduledAt", n."reviewedAt") IS DISTINCT FROM (o."unitId", o."scheduledAt", o."reviewedAt")));
  RETURN NULL;
END $$;
CREATE TRIGGER "Post_publishing_update" AFTER UPDATE ON "Post" REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_publishing_changed();

-- A deleted post's deliveries go first, while the post still says which unit they counted for.
CREATE FUNCTION post_publishing_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Delivery" WHERE "postId" = OLD."id";
  RETURN OLD;
END $$;
CREATE TRIGGER "Post_publishing_deleting" BEFORE DELETE ON "Post" FOR EACH ROW EXECUTE FUNCTION post_publishing_deleting();

-- Engagement changes only the engagement sums: what the delivery adds with the new counts,
-- less what it added with the old ones.
CREATE FUNCTION engagement_publishing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM publishing_add(ARRAY(
      SELECT c::"PublishingDay" FROM after_rows n JOIN "Delivery" d ON d."id" = n."deliveryId" JOIN "Post" p ON p."id" = d."postId",
        LATERAL (SELECT * FROM publishing_contribution(1, d, p, n) UNION ALL SELECT * FROM publishing_contribution(-1, d, p, NULL)) c));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM publishing_add(ARRAY(
      SELECT c::"PublishingDay" FROM before_rows o JOIN "Delivery" d ON d."id" = o."deliveryId" JOIN "Post" p ON p."id" = d."postId",
        LATERAL (SELECT * FROM publishing_contribution(-1, d, p, o) UNION ALL SELECT * FROM publishing_contribution(1, d, p, NULL)) c));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "DeliveryEngagement_publishing_insert" AFTER INSERT ON "DeliveryEngagement" REFERENCING NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION engagement_publishing_changed();
CREATE TRIGGER "DeliveryEngagement_publishing_update" AFTER UPDATE ON "DeliveryEngagement" REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION engagement_publishing_changed();
CREATE TRIGGER "DeliveryEngagement_publishing_delete" AFTER DELETE ON "DeliveryEngagement" REFERENCING OLD TABLE AS before_rows
  FOR EACH STATEMENT EXECUTE FUNCTION engagement_publishing_changed();
