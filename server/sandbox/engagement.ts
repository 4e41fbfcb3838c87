/**
 * Engagement on published posts: set exactly by tests through the control API, or grown a little
 * at a time by the demo so the dashboard has something to show. The platforms report it through
 * their own fields (see graph/facebook.ts, graph/instagram.ts and x/present.ts).
 */
import { isLive } from "./graph/facebook";
import { chance, type Random } from "./random";
import type { Engagement, SandboxState } from "./state";

/** Whether `id` names something people can engage with: a Page post, an IG media or a live X post. */
export function hasEngageablePost(state: SandboxState, id: string): boolean {
  const tweet = state.x.tweets.get(id);
  return state.graph.posts.has(id) || state.graph.igMedia.has(id) || (tweet !== undefined && !tweet.deleted);
}

/** Replaces the given counts of one post, keeping the others. */
export function setEngagement(state: SandboxState, id: string, counts: Partial<Engagement>): Engagement {
  const next = { ...state.engagementOf(id), ...counts };
  state.engagement.set(id, next);
  state.engagementSetByControl.add(id);
  return next;
}

/** Views grow fastest, then likes, then the rarer comments, shares and saves, as on real accounts. */
function growth(random: Random): Engagement {
  const upTo = (max: number) => Math.floor(random() * (max + 1));
  return {
    views: upTo(40),
    reach: upTo(25),
    likes: upTo(6),
    comments: chance(random, 0.2) ? 1 : 0,
    shares: chance(random, 0.15) ? 1 : 0,
    quotes: chance(random, 0.03) ? 1 : 0,
    saves: chance(random, 0.1) ? 1 : 0,
    bookmarks: chance(random, 0.05) ? 1 : 0,
  };
}

/** One step of the demo's engagement: every live post of the accounts gains a little. */
export function growEngagement(state: SandboxState, ourXUserIds: ReadonlySet<string>): void {
  const now = state.now();
  const ids = [
    ...[...state.graph.posts.values()].filter((post) => isLive(post, now)).map((post) => post.id),
    ...state.graph.igMedia.keys(),
    ...[...state.x.tweets.values()]
      .filter((tweet) => !tweet.deleted && ourXUserIds.has(tweet.authorId))
      .map((tweet) => tweet.id),
  ];
  for (const id of ids.filter((candidate) => !state.engagementSetByControl.has(candidate))) {
    const grown = { ...state.engagementOf(id) };
    for (const [name, amount] of Object.entries(growth(state.random)) as [keyof Engagement, number][])
      grown[name] += amount;
    // Reach counts people, views count screens: one person may see a post several times, never the reverse.
    grown.reach = Math.min(grown.reach, grown.views);
    state.engagement.set(id, grown);
  }
}
