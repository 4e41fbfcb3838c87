import { api } from "@web/api/client";
import type { Post, RequestBody, Schemas } from "@web/api/types";

/** What a correction or a withdrawal did: the post as it is now, and the outcome on each channel. */
export type PublishedChangeResult = Schemas["PostChannelOutcomes"];

type CreatePostBody = RequestBody<"/api/posts", "post">;
type UpdatePostBody = RequestBody<"/api/posts/{id}", "patch">;
type ApproveBody = RequestBody<"/api/posts/{id}/approve", "post">;
type ReturnBody = RequestBody<"/api/posts/{id}/return", "post">;
type RescheduleBody = RequestBody<"/api/posts/{id}/reschedule", "post">;
export type EditPublishedBody = RequestBody<"/api/posts/{id}/published", "patch">;

/** The publishing API, one typed call per action; the bodies are typed by the API's document. */
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
