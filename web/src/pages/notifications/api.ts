import { api } from "@web/api/client";
import type { MarkedRead, NotificationSettings, RequestBody, UnreadCount } from "@web/api/types";

type NotificationSettingsBody = RequestBody<"/api/notifications/settings", "patch">;

export const markRead = (id: string) => api.post<UnreadCount>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<MarkedRead>("/notifications/read-all");
export const loadSettings = () => api.get<NotificationSettings>("/notifications/settings");
export const saveSettings = (body: NotificationSettingsBody) =>
  api.patch<NotificationSettings>("/notifications/settings", body);
