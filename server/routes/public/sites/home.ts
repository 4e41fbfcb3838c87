import type { PublicPost } from "@server/presenters/publicPost.js";
import type { Attachments } from "@server/presenters/siteEntry.js";
import { sitePath } from "@server/sites/slugs.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { excerpt, formatDate } from "@server/routes/public/text.js";
import type { PublicEntry, PublicUnit } from "./data.js";
import { budgetTotals } from "./pages.js";
import { SITE_TEXT } from "./text.js";
import { href, photoGrid, progressBar, type SiteView, sectionPath, verifiedMark } from "./view.js";

// A unit site's front page: who the unit is, its latest news and projects, and for a kecamatan its
// desa side by side (development progress, budget realisation, freshness).

export type DesaFigures = {
  unit: PublicUnit;
  projects: number;
  averageProgress: number | null;
  /** Realised share of the latest budget's spending, 0–1; null without one. */
  budgetRealisation: number | null;
  daysSinceUpdate: number | null;
  stale: boolean;
};

/** The figures of one desa from its published projects and budgets. */
export function desaFigures(
  unit: PublicUnit,
  entries: PublicEntry[],
  freshness: { daysSinceUpdate: number | null; stale: boolean },
): DesaFigures {
  const projects = entries.filter((entry): entry is PublicEntry<"project"> => entry.kind === "project");
  const budgets = entries
    .filter((entry): entry is PublicEntry<"budget"> => entry.kind === "budget")
    .sort((a, b) => b.content.year - a.content.year || b.content.semester - a.content.semester);
  const spending = budgets[0] && budgetTotals(budgets[0].content).find((total) => total.group === "belanja");
  return {
    unit,
    projects: projects.length,
    averageProgress: projects.length
      ? projects.reduce((sum, p) => sum + p.content.progress, 0) / projects.length
      : null,
    budgetRealisation: spending && spending.plan > 0 ? spending.actual / spending.plan : null,
    ...freshness,
  };
}

export function homeMain(
  view: SiteView,
  data: {
    profile: PublicEntry<"profile"> | null;
    posts: PublicPost[];
    projects: PublicEntry<"project">[];
    desa: DesaFigures[];
    attachments: Attachments;
  },
): SafeMarkup {
  const text = SITE_TEXT[view.locale];
  const profile = data.profile?.content;
  return html`<h1>${view.unit.name}</h1>
${data.profile && verifiedMark(view, data.profile)}
${profile && photoGrid(profile.photos.slice(0, 3), data.attachments, view.unit.name)}
${profile?.history && html`<p>${excerpt(profile.history, 400)} <a href="${href(view, sectionPath(view, "profil"))}">${text.readMore}</a></p>`}
${data.desa.length > 0 && desaTable(view, data.desa)}
<h2>${text.sections.berita}</h2>
${data.posts.length === 0 ? html`<p>${text.empty}</p>` : html`<ul>${data.posts.map((post) => html`<li><a href="${post.url}">${post.title}</a> <span class="meta">${formatDate(post.publishedAt, post.timezone)}</span></li>`)}</ul>`}
<h2>${text.sections.pembangunan}</h2>
${data.projects.length === 0 ? html`<p>${text.empty}</p>` : html`<ul>${data.projects.map((project) => html`<li><a href="${href(view, sectionPath(view, "pembangunan", project.id))}">${project.content.title}</a> · ${project.content.progress}%</li>`)}</ul>`}`;
}

function desaTable(view: SiteView, desa: DesaFigures[]): SafeMarkup {
  const text = SITE_TEXT[view.locale];
  const columns = text.desaColumns;
  const percent = (share: number | null) => (share === null ? "–" : `${Math.round(share * 100)}%`);
  return html`<h2>${text.desaList}</h2>
<table><thead><tr><th>${columns.name}</th><th class="n">${columns.projects}</th><th>${columns.progress}</th><th class="n">${columns.budget}</th><th>${columns.updated}</th></tr></thead><tbody>
${desa.map((row) => {
  const path = sitePath({ ...row.unit, parent: view.unit }) ?? view.path;
  return html`<tr><td><a href="${href(view, path)}">${row.unit.name}</a></td><td class="n">${row.projects}</td><td>${row.averageProgress === null ? "–" : html`${Math.round(row.averageProgress)}%${progressBar(row.averageProgress)}`}</td><td class="n">${percent(row.budgetRealisation)}</td><td>${row.daysSinceUpdate === null ? text.neverUpdated : text.daysAgo(row.daysSinceUpdate)}${row.stale && html` <strong>(${text.stale})</strong>`}</td></tr>`;
})}
</tbody></table>`;
}
