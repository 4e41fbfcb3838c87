/**
 * The Graph API version Siar calls unless META_GRAPH_API_VERSION says otherwise. Meta keeps each
 * version for at least two years after the next one comes out; v26.0 (29 July 2026) is the newest
 * and is not yet scheduled to end (https://developers.facebook.com/docs/graph-api/changelog).
 * Move it when Meta's changelog names an end date for it, after reading the versions in between.
 */
export const GRAPH_API_VERSION = "v26.0";
