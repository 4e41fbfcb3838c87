/**
 * The Meta permissions Siar uses, what each is for in plain words (id/en), and which of them a
 * channel's token was granted, read with debug_token. Only what Siar calls is asked for.
 * https://developers.facebook.com/docs/permissions
 * https://developers.facebook.com/docs/graph-api/reference/debug_token
 */
import type { ChannelKind } from "@server/db/generated/enums.js";
import type { ChannelTarget } from "./adapter.js";
import { GRAPH_BASE_URL } from "./graph.js";
import { type Platform, sendRequest } from "./http.js";

type Words = { id: string; en: string };

/** Every permission the Login for Business configuration should name, with the channels that need it. */
export const META_PERMISSIONS: Record<string, { kinds: ChannelKind[]; use: Words }> = {
  pages_show_list: {
    kinds: ["facebook", "instagram"],
    use: { id: "menampilkan daftar Halaman saat menghubungkan", en: "list your Pages when connecting" },
  },
  business_management: {
    kinds: ["facebook", "instagram"],
    use: {
      id: "menjangkau Halaman dan akun Instagram milik portofolio bisnis",
      en: "reach Pages and Instagram accounts owned by a business portfolio",
    },
  },
  pages_manage_metadata: {
    kinds: ["facebook", "instagram"],
    use: {
      id: "mendaftarkan Halaman agar komentar dan pesan dikirim ke Siar (webhook)",
      en: "subscribe the Page so comments and messages are sent to Siar (webhooks)",
    },
  },
  pages_read_engagement: {
    kinds: ["facebook", "instagram"],
    use: { id: "membaca pos Halaman dan jumlah tanggapannya", en: "read the Page's posts and their reactions" },
  },
  pages_manage_posts: {
    kinds: ["facebook"],
    use: { id: "menerbitkan, mengubah, dan menarik pos di Halaman", en: "publish, correct and withdraw Page posts" },
  },
  pages_read_user_content: {
    kinds: ["facebook"],
    use: { id: "membaca komentar warga di Halaman", en: "read citizens' comments on the Page" },
  },
  pages_manage_engagement: {
    kinds: ["facebook"],
    use: { id: "membalas komentar di Halaman", en: "reply to comments on the Page" },
  },
  pages_messaging: {
    kinds: ["facebook"],
    use: { id: "membaca dan membalas pesan ke Halaman", en: "read and answer messages to the Page" },
  },
  read_insights: {
    kinds: ["facebook"],
    use: { id: "membaca jumlah tayangan pos", en: "read how many times posts were viewed" },
  },
  instagram_basic: {
    kinds: ["instagram"],
    use: { id: "membaca akun Instagram dan unggahannya", en: "read the Instagram account and its posts" },
  },
  instagram_content_publish: {
    kinds: ["instagram"],
    use: { id: "menerbitkan unggahan Instagram", en: "publish Instagram posts" },
  },
  instagram_manage_comments: {
    kinds: ["instagram"],
    use: { id: "membaca dan membalas komentar Instagram", en: "read and answer Instagram comments" },
  },
  instagram_manage_insights: {
    kinds: ["instagram"],
    use: { id: "membaca tayangan dan bagikan unggahan Instagram", en: "read views and shares of Instagram posts" },
  },
};

/** The permissions a channel of this kind needs (none for X, WordPress and the website). */
export function requiredPermissions(kind: ChannelKind): string[] {
  return Object.entries(META_PERMISSIONS)
    .filter(([, permission]) => permission.kinds.includes(kind))
    .map(([name]) => name);
}

const META: Platform = { label: "Facebook", codePrefix: "graph" };

type DebugToken = {
  data?: { is_valid?: boolean; scopes?: string[]; granular_scopes?: { scope: string; target_ids?: string[] }[] };
  error?: { message?: string };
};

/**
 * The permissions the token was granted for these assets (the Page, the Instagram account),
 * asked with the app's own token. A permission granted for other assets only (granular_scopes
 * without these ids) does not count. Null when Graph would not say.
 */
export async function grantedPermissions(
  app: { appId: string; appSecret: string },
  target: ChannelTarget,
  assetIds: string[],
): Promise<string[] | null> {
  const token = target.credentials.pageAccessToken ?? target.credentials.accessToken;
  if (!token) return null;
  const url = new URL(`${target.settings.baseUrl || GRAPH_BASE_URL}/${target.settings.apiVersion}/debug_token`);
  url.search = new URLSearchParams({ input_token: token, access_token: `${app.appId}|${app.appSecret}` }).toString();
  const response = await sendRequest(META, url);
  const data = (response.body as DebugToken | undefined)?.data;
  if (response.status !== 200 || !data?.is_valid) return null;
  const granular = new Map((data.granular_scopes ?? []).map((entry) => [entry.scope, entry.target_ids]));
  return (data.scopes ?? []).filter((scope) => {
    const targets = granular.get(scope);
    return !targets || targets.some((id) => assetIds.includes(id));
  });
}
