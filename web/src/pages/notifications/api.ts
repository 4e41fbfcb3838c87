import { api } from "@web/api/client";
import type { NotificationSettings } from "@web/api/types";
import type { NotificationSettingsBody } from "@server/routes/api/notifications/schema";

export const markRead = (id: string) => api.post<{ unread: number }>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<{ marked: number }>("/notifications/read-all");
export const loadSettings = () => api.get<NotificationSettings>("/notifications/settings");
export const saveSettings = (body: NotificationSettingsBody) =>
  api.patch<NotificationSettings>("/notifications/settings", body);
