import { z } from "zod";
import { PostStatus, XLinkPlacement } from "@server/db/generated/enums.js";
import { moment } from "@server/text/fields.js";
import { paginationQuery } from "@server/routes/pagination.js";

const hashtag = z.string().trim().min(1).max(100);
const when = moment;

const postFields = {
  title: z.string().trim().min(3).max(200),
  body: z.string().trim().min(1).max(63_206),
  link: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  /** Where the link goes on X, which bills a post with a URL many times a plain one. */
  xLinkPlacement: z.enum(XLinkPlacement).optional(),
  hashtags: z.array(hashtag).max(60).optional(),
  mediaIds: z.array(z.uuid()).max(10).optional(),
  channelIds: z.array(z.uuid()).min(1).max(20),
  overrides: z.record(z.uuid(), z.string().max(63_206)).optional(),
  scheduledAt: when.nullable().optional(),
  /** The unit site the website channel publishes to; null is the main site. */
  siteUnitId: z.uuid().nullable().optional(),
  /** Serta-merta information (UU 14/2008 Pasal 10): once public, it joins its unit's DIP. */
  sertaMerta: z.boolean().optional(),
};

export const createPostBody = z.object({ unitId: z.uuid(), ...postFields }).strict();
export const updatePostBody = z.object({ ...postFields, channelIds: postFields.channelIds.optional() }).strict();

export const listPostsQuery = paginationQuery.extend({
  status: z.enum(PostStatus).optional(),
  unitId: z.uuid().optional(),
  from: when.optional(),
  to: when.optional(),
});

export const editPublishedBody = z
  .object({
    title: postFields.title.optional(),
    body: postFields.body.optional(),
    link: postFields.link,
    hashtags: postFields.hashtags,
  })
  .strict();

export const approveBody = z.object({ note: z.string().trim().max(2000).nullable().optional() }).strict();
export const returnBody = z.object({ note: z.string().trim().min(3).max(2000) }).strict();
export const rescheduleBody = z.object({ scheduledAt: when }).strict();

export type CreatePostBody = z.input<typeof createPostBody>;
export type UpdatePostBody = z.input<typeof updatePostBody>;
/** The fields a published post's correction may change; absent ones stay as they are. */
export type EditPublishedBody = z.input<typeof editPublishedBody>;
export type ApproveBody = z.input<typeof approveBody>;
export type ReturnBody = z.input<typeof returnBody>;
export type RescheduleBody = z.input<typeof rescheduleBody>;
