import type { Request, Response } from "express";
import { countHit } from "@server/auth/rateLimit.js";
import type { Services } from "@server/services.js";
import { layout } from "./layout.js";
import { html, trusted, type SafeMarkup } from "@server/text/markup.js";
import { findSite, type Site } from "./publicPosts.js";

// What the citizen-facing pages (aspiration form, tracking) add to the site's stylesheet.
const FORM_STYLES = trusted(`<style>
fieldset{border:1px solid #d0d7de;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.75rem 1rem}
fieldset fieldset{border-style:dashed}
legend{font-weight:700;padding:0 .25rem}
label{display:block;font-weight:600}
.isian{margin:0 0 1rem}
input[type=text],input[type=tel],input[type=email],select,textarea{display:block;width:100%;font:inherit;padding:.5rem;border:1px solid #57606a;border-radius:.25rem;background:#fff;color:inherit}
textarea{min-height:10rem}
:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
.petunjuk{color:#57606a;font-size:.9rem;margin:0 0 .25rem}
.galat{color:#b3261e;font-weight:700;margin:0 0 .25rem}
.salah>input,.salah>select,.salah>textarea{border:2px solid #b3261e}
.ringkasan{border:3px solid #b3261e;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}
.ringkasan h2{color:#b3261e}
.pemberitahuan{border-left:5px solid #0b5cad;background:#fff;padding:.5rem 1rem;margin:0 0 1rem}
.centang{display:flex;gap:.5rem;align-items:flex-start}
.centang input{width:1.4rem;height:1.4rem;flex:none;margin:.15rem 0 0}
.centang label{font-weight:400}
button{font:inherit;font-weight:700;padding:.6rem 1.5rem;background:#0b5cad;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
.nomor{display:inline-block;font:700 1.5rem/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;background:#fff;border:2px dashed #0b5cad;border-radius:.25rem;padding:.25rem .75rem;margin:0 0 1rem}
.tersembunyi{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl.status{background:#fff;border-radius:.5rem;padding:.75rem 1rem;display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.status dt{font-weight:600}
dl.status dd{margin:0}
ol.linimasa{list-style:none;padding:0}
ol.linimasa li{background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 .75rem}
</style>
<meta name="robots" content="noindex">`);

/** A citizen-facing page in the site's layout; kept out of search engines, as it may concern one person. */
export function citizenPage(
  site: Site,
  page: { title: string; description: string; main: SafeMarkup; lang?: "id" | "en" },
): string {
  return layout(site, { ...page, head: FORM_STYLES });
}

// These pages carry a fresh form token or one report's current status: never cached.
export function sendPage(res: Response, body: string, status = 200): void {
  res.status(status).set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).send(body);
}

/** Answers with a short page saying why something could not be done and what to do instead. */
export async function sendMessage(
  services: Pick<Services, "prisma" | "config">,
  res: Response,
  message: { title: string; body: SafeMarkup },
  status: number,
): Promise<void> {
  const site = await findSite(services);
  sendPage(
    res,
    citizenPage(site, {
      title: message.title,
      description: message.title,
      main: html`<h1>${message.title}</h1>\n${message.body}`,
    }),
    status,
  );
}

export type RateRule = { name: string; limit: number; windowMs: number };

/** Counts this request against the sender's address under the rule (shared by every place that applies it). */
export function countIpHit(services: Services, req: Request, rule: RateRule) {
  return countHit(services.prisma, `${rule.name}:ip:${req.ip ?? "unknown"}`, rule.limit, rule.windowMs);
}

/**
 * Counts this request against the sender's address; when over the limit, answers 429 with a
 * page saying when to try again and returns true.
 */
export async function refuseWhenOverLimit(
  services: Services,
  req: Request,
  res: Response,
  rule: RateRule,
): Promise<boolean> {
  const hit = await countIpHit(services, req, rule);
  if (hit.allowed) return false;
  const minutes = Math.max(1, Math.ceil(hit.retryAfterSeconds / 60));
  res.setHeader("Retry-After", String(hit.retryAfterSeconds));
  await sendMessage(
    services,
    res,
    {
      title: "Terlalu banyak permintaan",
      body: html`<p>Dari alamat internet Anda sudah ada terlalu banyak permintaan dalam waktu singkat. Silakan coba lagi dalam ${minutes} menit.</p>
<p><a href="/">Kembali ke beranda</a></p>`,
    },
    429,
  );
  return true;
}

/**
 * The state of a submitted form (the citizen's input as typed, and one message per field) and
 * the accessible markup around its controls: a label, a hint and the error, each linked to the
 * control with aria-describedby, and a summary of every error at the top.
 */
export class FormView<Field extends string> {
  constructor(
    private readonly values: Partial<Record<Field, string>> = {},
    private readonly errors: Partial<Record<Field, string>> = {},
    private readonly lang: "id" | "en" = "id",
  ) {}

  value(name: Field): string {
    return this.values[name] ?? "";
  }

  /** The summary at the top, in the order the fields appear, each linking to its field. */
  summary(order: readonly Field[]): SafeMarkup {
    const failed = order.filter((name) => this.errors[name]);
    if (failed.length === 0) return html``;
    return html`<div class="ringkasan" role="alert" aria-labelledby="ringkasan-judul">
<h2 id="ringkasan-judul">${this.lang === "en" ? `${failed.length} ${failed.length === 1 ? "field needs" : "fields need"} correcting` : `Ada ${failed.length} isian yang perlu diperbaiki`}</h2>
<ul>${failed.map((name) => html`<li><a href="#${controlId(name)}">${this.errors[name]}</a></li>`)}</ul>
</div>`;
  }

  /** A labelled control; `control` receives its id, name and ARIA attributes. */
  field(
    name: Field,
    label: { label: string; hint?: string; alsoDescribedBy?: Field },
    control: (attributes: SafeMarkup) => SafeMarkup,
  ): SafeMarkup {
    return html`<div class="isian${this.errors[name] ? " salah" : ""}">
<label for="${controlId(name)}">${label.label}</label>
${label.hint && html`<p class="petunjuk" id="${hintId(name)}">${label.hint}</p>`}
${this.error(name)}
${control(this.attributes(name, Boolean(label.hint), label.alsoDescribedBy))}
</div>`;
  }

  /** A checkbox, its label after it. */
  checkbox(name: Field, label: string, value: string): SafeMarkup {
    return html`<div class="isian${this.errors[name] ? " salah" : ""}">
${this.error(name)}
<div class="centang"><input type="checkbox" ${this.attributes(name, false)} value="${value}"${this.value(name) === value && html` checked`}>
<label for="${controlId(name)}">${label}</label></div>
</div>`;
  }

  /** The message of an error that concerns a group of controls, such as "one of these". */
  error(name: Field): SafeMarkup {
    const message = this.errors[name];
    return html`${message && html`<p class="galat" id="${errorId(name)}"><span class="tersembunyi">${this.lang === "en" ? "Error: " : "Kesalahan: "}</span>${message}</p>`}`;
  }

  private attributes(name: Field, hasHint: boolean, alsoDescribedBy?: Field): SafeMarkup {
    const describedBy = [
      hasHint && hintId(name),
      this.errors[name] && errorId(name),
      alsoDescribedBy && this.errors[alsoDescribedBy] && errorId(alsoDescribedBy),
    ].filter(Boolean);
    const invalid = Boolean(this.errors[name] || (alsoDescribedBy && this.errors[alsoDescribedBy]));
    return html`id="${controlId(name)}" name="${name}"${describedBy.length > 0 && html` aria-describedby="${describedBy.join(" ")}"`}${invalid && html` aria-invalid="true"`}`;
  }
}

export function controlId(name: string): string {
  return `isian-${name}`;
}

function hintId(name: string): string {
  return `${controlId(name)}-petunjuk`;
}

function errorId(name: string): string {
  return `${controlId(name)}-galat`;
}
