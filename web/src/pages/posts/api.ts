import type {
  ApproveBody,
  CreatePostBody,
  EditPublishedBody,
  RescheduleBody,
  ReturnBody,
  UpdatePostBody,
} from "@server/routes/api/posts/schema";
import { api } from "@web/api/client";
import type { ChannelOutcome, Post } from "@web/api/types";

/** What a correction or a withdrawal did: the post as it is now, and the outcome on each channel. */
export type PublishedChangeResult = { post: Post; channels: ChannelOutcome[] };

/** The publishing API, one typed call per action; the bodies are typed by the server's schemas. */
export const postsApi = {
  get: (id: string) => api.get<Post>(`/posts/${id}`),
  create: (body: CreatePostBody) => api.post<Post>("/posts", body),
  update: (id: string, body: UpdatePostBody) => api.patch<Post>(`/posts/${id}`, body),
  submit: (id: string) => api.post<Post>(`/posts/${id}/submit`),
  approve: (id: string, body: ApproveBody) => api.post<Post>(`/posts/${id}/approve`, body),
  return: (id: string, body: ReturnBody) => api.post<Post>(`/posts/${id}/return`, body),
  cancel: (id: string) => api.post<Post>(`/posts/${id}/cancel`),
  reschedule: (id: string, body: RescheduleBody) => api.post<Post>(`/posts/${id}/reschedule`, body),
  correctPublished: (id: string, body: EditPublishedBody) =>
    api.patch<PublishedChangeResult>(`/posts/${id}/published`, body),
  withdraw: (id: string) => api.post<PublishedChangeResult>(`/posts/${id}/withdraw`),
};
