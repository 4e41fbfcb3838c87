import type { Attachments } from "@server/presenters/siteEntry.js";
import type { ContentOf } from "@server/sites/content.js";
import {
  BUDGET_GROUP_LABELS,
  BUDGET_GROUPS,
  POTENTIAL_CATEGORY_LABELS,
  PROJECT_STATUS_LABELS,
} from "@server/sites/contentRules.js";
import { thumbnailImage } from "@server/routes/public/images.js";
import { html, type SafeMarkup } from "@server/text/markup.js";
import { excerpt, paragraphs } from "@server/routes/public/text.js";
import { planActualChart } from "./charts.js";
import type { PublicEntry } from "./data.js";
import { formatDay, formatRupiah, SITE_TEXT } from "./text.js";
import { href, mapLink, photoGrid, progressBar, type SiteView, sectionPath, verifiedMark } from "./view.js";

// The main content of each unit site section. Every value from operators, staff or OpenSID goes
// through the escaping `html` tag or `paragraphs`.

type Entries<K extends PublicEntry["kind"]> = PublicEntry<K>[];

const t = (view: SiteView) => SITE_TEXT[view.locale];

function fact(label: string, value: SafeMarkup | string | number | null | undefined): SafeMarkup {
  return value === null || value === undefined || value === "" ? html`` : html`<dt>${label}</dt><dd>${value}</dd>`;
}

function section(title: string, text: string): SafeMarkup {
  return text ? html`<h2>${title}</h2>${paragraphs(text)}` : html``;
}

export function profileMain(
  view: SiteView,
  entry: PublicEntry<"profile"> | null,
  attachments: Attachments,
): SafeMarkup {
  const words = t(view).profile;
  if (!entry) return html`<h1>${t(view).sections.profil}</h1><p>${t(view).empty}</p>`;
  const profile = entry.content;
  return html`<h1>${t(view).sections.profil} ${view.unit.name}</h1>
${verifiedMark(view, entry)}
${photoGrid(profile.photos, attachments, view.unit.name)}
${section(words.history, profile.history)}
${section(words.geography, profile.geography)}
${section(words.visionMission, profile.visionMission)}
${profile.leaders.length > 0 && html`<h2>${words.leaders}</h2><table><tbody>${profile.leaders.map((leader) => html`<tr><td>${leader.position}</td><td>${leader.name}</td></tr>`)}</tbody></table>`}
${section(words.structure, profile.structure)}
<h2>${words.office}</h2>
<dl class="facts">${fact(words.address, profile.address)}${fact(words.hours, profile.hours)}${fact(words.phone, profile.phone)}${fact(words.email, profile.email)}</dl>
${mapLink(view, profile.latitude, profile.longitude)}`;
}

export function potentialList(view: SiteView, entries: Entries<"potential">, attachments: Attachments): SafeMarkup {
  return html`<h1>${t(view).sections.potensi}</h1>
${entries.length === 0 && html`<p>${t(view).empty}</p>`}
${entries.map((entry) => {
  const cover = entry.content.photos.map((id) => attachments[id]).find(Boolean);
  return html`<article class="card">${cover && thumbnailImage(cover, { alt: "" })}<div>
<h2><a href="${href(view, sectionPath(view, "potensi", entry.id))}">${entry.content.title}</a></h2>
<p class="meta">${POTENTIAL_CATEGORY_LABELS[entry.content.category][view.locale]}${entry.content.location && ` · ${entry.content.location}`}</p>
<p>${excerpt(entry.content.description)}</p></div></article>`;
})}`;
}

export function potentialMain(view: SiteView, entry: PublicEntry<"potential">, attachments: Attachments): SafeMarkup {
  const words = t(view).potential;
  const potential = entry.content;
  return html`<article><h1>${potential.title}</h1>
<p class="meta">${POTENTIAL_CATEGORY_LABELS[potential.category][view.locale]}</p>
${verifiedMark(view, entry)}
${photoGrid(potential.photos, attachments, potential.title)}
${paragraphs(potential.description)}
<dl class="facts">${fact(words.makers, potential.makers)}${fact(words.location, potential.location)}${fact(words.contact, potential.contact)}</dl>
${mapLink(view, potential.latitude, potential.longitude)}
${potential.products.length > 0 && html`<h2>${words.products}</h2><table><thead><tr><th>${words.products}</th><th class="n">${words.price}</th></tr></thead><tbody>${potential.products.map((product) => html`<tr><td>${product.name}</td><td class="n">${formatRupiah(product.price, view.locale)} ${words.per} ${product.unit}</td></tr>`)}</tbody></table>`}
</article>`;
}

export function projectList(view: SiteView, entries: Entries<"project">): SafeMarkup {
  const words = t(view).project;
  return html`<h1>${t(view).sections.pembangunan}</h1>
${
  entries.length === 0
    ? html`<p>${t(view).empty}</p>`
    : html`<table><thead><tr><th>${t(view).sections.pembangunan}</th><th>${words.budgetYear}</th><th class="n">${words.amount}</th><th>${words.progress}</th><th>${words.status}</th></tr></thead><tbody>
${entries.map((entry) => html`<tr><td><a href="${href(view, sectionPath(view, "pembangunan", entry.id))}">${entry.content.title}</a><br><span class="meta">${entry.content.location}</span></td><td>${entry.content.budgetYear}</td><td class="n">${formatRupiah(entry.content.amount, view.locale)}</td><td>${entry.content.progress}%${progressBar(entry.content.progress)}</td><td>${PROJECT_STATUS_LABELS[entry.content.status][view.locale]}</td></tr>`)}
</tbody></table>`
}`;
}

export function projectMain(view: SiteView, entry: PublicEntry<"project">, attachments: Attachments): SafeMarkup {
  const words = t(view).project;
  const project: ContentOf<"project"> = entry.content;
  const money = (amount: number) => formatRupiah(amount, view.locale);
  const dates = [project.startDate, project.targetDate]
    .map((day) => (day ? formatDay(day, view.locale) : "–"))
    .join(" – ");
  return html`<article><h1>${project.title}</h1>
${verifiedMark(view, entry)}
${photoGrid(project.photos, attachments, project.title)}
<p>${words.progress}: <strong>${project.progress}%</strong> · ${PROJECT_STATUS_LABELS[project.status][view.locale]}</p>${progressBar(project.progress)}
<dl class="facts">${fact(words.location, project.location)}${fact(words.budgetYear, project.budgetYear)}${fact(words.amount, money(project.amount))}${fact(words.volume, project.volume)}${fact(words.executor, project.executor)}${fact(words.dates, dates)}</dl>
${mapLink(view, project.latitude, project.longitude)}
<h2>${words.funding}</h2>
<table><tbody>${(["danaDesa", "provinsi", "kabupaten", "swadaya"] as const).map((source) => html`<tr><td>${words[source]}</td><td class="n">${money(project.funding[source])}</td></tr>`)}</tbody></table>
${project.revisions.length > 0 && html`<h2>${words.revisions}</h2><table><tbody>${project.revisions.map((revision) => html`<tr><td>${formatDay(revision.date, view.locale)}</td><td class="n">${money(revision.amount)}</td><td>${revision.note}</td></tr>`)}</tbody></table>`}
${section(words.benefits, project.benefits)}
${project.stages.length > 0 && html`<h2>${words.stages}</h2>${project.stages.map((stage) => html`<section><h3>${formatDay(stage.date, view.locale)} · ${stage.progress}%</h3>${stage.note && html`<p>${stage.note}</p>`}${photoGrid(stage.photos, attachments, `${project.title} ${stage.progress}%`)}</section>`)}`}
</article>`;
}

/** Planned and realised per group of one budget. */
export function budgetTotals(budget: ContentOf<"budget">) {
  return BUDGET_GROUPS.map((group) => {
    const lines = budget.lines.filter((line) => line.group === group);
    return {
      group,
      plan: lines.reduce((sum, l) => sum + l.plan, 0),
      actual: lines.reduce((sum, l) => sum + l.realisation, 0),
    };
  });
}

export function budgetMain(view: SiteView, entries: Entries<"budget">, attachments: Attachments): SafeMarkup {
  const words = t(view).budget;
  const money = (amount: number) => formatRupiah(amount, view.locale);
  const percent = (plan: number, actual: number) => (plan > 0 ? `${Math.round((actual / plan) * 100)}%` : "–");
  const sorted = [...entries].sort(
    (a, b) => b.content.year - a.content.year || b.content.semester - a.content.semester,
  );
  return html`<h1>${t(view).sections.apbdes}</h1>
${sorted.length === 0 && html`<p>${t(view).empty}</p>`}
${sorted.map((entry) => {
  const budget = entry.content;
  const totals = budgetTotals(budget).filter((total) => total.plan > 0 || total.actual > 0);
  const report = budget.documentId ? attachments[budget.documentId] : undefined;
  return html`<section><h2>${words.title(budget.year, budget.semester)}</h2>
${verifiedMark(view, entry)}
${planActualChart(
  totals.map((total) => ({
    label: BUDGET_GROUP_LABELS[total.group][view.locale],
    plan: total.plan,
    actual: total.actual,
  })),
  {
    title: `${words.chart} · ${words.title(budget.year, budget.semester)}`,
    plan: words.plan,
    actual: words.realisation,
  },
  money,
)}
${
  budget.lines.length > 0 &&
  html`<table><thead><tr><th>${words.line}</th><th class="n">${words.plan}</th><th class="n">${words.realisation}</th><th class="n">${words.share}</th></tr></thead><tbody>
${budget.lines.map((line) => html`<tr><td>${BUDGET_GROUP_LABELS[line.group][view.locale]}: ${line.name}</td><td class="n">${money(line.plan)}</td><td class="n">${money(line.realisation)}</td><td class="n">${percent(line.plan, line.realisation)}</td></tr>`)}
</tbody></table>`
}
${report && html`<p><a href="${report.url}">${words.report}</a> (${report.name})</p>`}
</section>`;
})}`;
}

export function downloadsMain(view: SiteView, entries: Entries<"download">, attachments: Attachments): SafeMarkup {
  return html`<h1>${t(view).sections.unduhan}</h1>
${entries.length === 0 && html`<p>${t(view).empty}</p>`}
<ul>${entries.map((entry) => {
    const file = attachments[entry.content.documentId];
    return html`<li>${file ? html`<a href="${file.url}">${entry.content.title}</a>` : entry.content.title}${entry.content.description && html` — ${entry.content.description}`}${file && html` <span class="meta">(PDF, ${Math.ceil(file.bytes / 1024)} KB)</span>`}</li>`;
  })}</ul>`;
}

export function agendaMain(view: SiteView, entries: Entries<"agenda">): SafeMarkup {
  const sorted = [...entries].sort((a, b) => b.content.date.localeCompare(a.content.date));
  return html`<h1>${t(view).sections.agenda}</h1>
${sorted.length === 0 && html`<p>${t(view).empty}</p>`}
${sorted.map(
  (entry) => html`<article class="card"><div><h2>${entry.content.title}</h2>
<p class="meta">${formatDay(entry.content.date, view.locale)}${entry.content.time && ` · ${entry.content.time}`}${entry.content.place && ` · ${entry.content.place}`}</p>
${paragraphs(entry.content.description)}</div></article>`,
)}`;
}
