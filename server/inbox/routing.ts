/**
 * Who handles an item, out of the box, from the organisation's own unit tree, and who is kept
 * informed. In order:
 *   1. a disaster (flood, landslide, fire, fallen tree, collapse) goes to the disaster agency
 *      (BPBD), with the kecamatan of the place informed;
 *   2. an admin's routing rule that names a category or a place (highest priority first);
 *   3. the topic's owning OPD (infrastructure → PUPR, health → Dinkes, schools → Disdik,
 *      environment → DLH, public order → Satpol PP, social aid → Dinsos, identity documents →
 *      Disdukcapil; markets and utilities when such an office exists);
 *   4. a local matter, or a topic no unit owns: the kecamatan of the place named or given;
 *   5. an admin's catch-all rule; else Kominfo; else the root unit.
 * An emergency routed away from its kecamatan keeps the kecamatan informed too. Units are
 * recognised by their code or name (TOPIC_OWNERS), so any kabupaten's tree works, not only the demo's.
 */
import type { RoutingRule } from "@server/db/generated/client.js";
import type { Category, Danger, Urgency } from "@server/triage/taxonomy.js";

export type RoutingUnit = {
  id: string;
  code: string | null;
  name: string;
  type: string;
  path: string;
  parentId: string | null;
};

export type RouteBasis = "disaster" | "rule" | "topic" | "place" | "catch_all" | "kominfo" | "root";
export type Route = { unitId: string | null; informedUnitId: string | null; basis: RouteBasis };
export type RouteQuestion = {
  category: Category;
  urgency: Urgency;
  /** The kinds of danger the emergency rules found in force. */
  dangers: readonly Danger[];
  placeUnitId: string | null;
};

/** The dangers that make an item a disaster for the disaster agency. */
export const DISASTER_DANGERS: readonly Danger[] = ["flood", "landslide", "fire", "fallen_tree", "collapse"];

type Owner = "disaster" | "kominfo" | Exclude<Category, "pelayanan_publik" | "lainnya">;

/**
 * How each owning office is called: by its code (letters between separators) or words in its
 * name. Official names vary by kabupaten ("Dinas Pendidikan dan Kebudayaan", "Dinas PUPR dan
 * Perkim"); these are the parts they share.
 */
export const TOPIC_OWNERS: Record<Owner, { codes: RegExp; names: RegExp }> = {
  disaster: { codes: /(^|[-_.])bpbd([-_.]|$)/i, names: /penanggulangan bencana|\bbpbd\b/i },
  infrastruktur: { codes: /(^|[-_.])(pupr|dpupr|dpu|pu)([-_.]|$)/i, names: /pekerjaan umum|\bpupr\b/i },
  kesehatan: { codes: /(^|[-_.])(dinkes|kesehatan)([-_.]|$)/i, names: /dinas kesehatan|\bdinkes\b/i },
  pendidikan: { codes: /(^|[-_.])(disdik|dikbud|disdikbud|pendidikan)([-_.]|$)/i, names: /pendidikan/i },
  lingkungan: { codes: /(^|[-_.])(dlh|lh|lingkungan)([-_.]|$)/i, names: /lingkungan hidup/i },
  ketertiban: { codes: /(^|[-_.])(satpol|satpolpp|satpol-pp)([-_.]|$)/i, names: /polisi pamong praja|satpol/i },
  sosial: { codes: /(^|[-_.])(dinsos|sosial)([-_.]|$)/i, names: /dinas sosial|\bdinsos\b/i },
  kependudukan: {
    codes: /(^|[-_.])(disdukcapil|dukcapil|capil)([-_.]|$)/i,
    names: /kependudukan|pencatatan sipil|dukcapil/i,
  },
  utilitas: { codes: /(^|[-_.])(pdam|perumda-air)([-_.]|$)/i, names: /air minum|\bpdam\b/i },
  ekonomi: { codes: /(^|[-_.])(disperindag|perindag|diskumdag|koperasi)([-_.]|$)/i, names: /perdagangan|koperasi/i },
  kominfo: { codes: /(^|[-_.])(kominfo|diskominfo)([-_.]|$)/i, names: /komunikasi dan informatika|kominfo/i },
};

const PLACE_TYPES = new Set(["kecamatan", "desa", "kelurahan"]);
const matchesOwner = (unit: RoutingUnit, owner: Owner) =>
  !PLACE_TYPES.has(unit.type) &&
  (TOPIC_OWNERS[owner].codes.test(unit.code ?? "") || TOPIC_OWNERS[owner].names.test(unit.name));

/** Routing over one snapshot of the unit tree and the admins' rules. */
export class Router {
  private readonly byId: Map<string, RoutingUnit>;
  private readonly owners = new Map<Owner, RoutingUnit | null>();
  private readonly root: RoutingUnit | null;

  constructor(
    units: readonly RoutingUnit[],
    /** Highest priority first. */
    private readonly rules: readonly RoutingRule[],
  ) {
    this.byId = new Map(units.map((unit) => [unit.id, unit]));
    this.root = units.find((unit) => unit.parentId === null) ?? null;
    // The shallowest match: an office itself rather than one of its sections.
    for (const owner of Object.keys(TOPIC_OWNERS) as Owner[]) {
      const matches = units.filter((unit) => matchesOwner(unit, owner));
      this.owners.set(owner, matches.sort((a, b) => a.path.length - b.path.length)[0] ?? null);
    }
  }

  /** The office that owns a topic in this tree, if there is one. */
  ownerOf(owner: Owner): RoutingUnit | null {
    return this.owners.get(owner) ?? null;
  }

  /** The kecamatan a place (desa, kelurahan or kecamatan) lies in. */
  kecamatanOf(placeUnitId: string | null): RoutingUnit | null {
    let unit = placeUnitId ? this.byId.get(placeUnitId) : undefined;
    while (unit && unit.type !== "kecamatan") unit = unit.parentId ? this.byId.get(unit.parentId) : undefined;
    return unit ?? null;
  }

  route({ category, urgency, dangers, placeUnitId }: RouteQuestion): Route {
    const kecamatan = this.kecamatanOf(placeUnitId);
    const informed = (unitId: string | null) => (kecamatan && kecamatan.id !== unitId ? kecamatan.id : null);
    const handled = (unitId: string | null, basis: RouteBasis): Route => ({
      unitId,
      basis,
      informedUnitId: urgency === "darurat" ? informed(unitId) : null,
    });

    const disasterAgency = this.ownerOf("disaster");
    if (disasterAgency && dangers.some((danger) => DISASTER_DANGERS.includes(danger)))
      return { unitId: disasterAgency.id, informedUnitId: informed(disasterAgency.id), basis: "disaster" };

    const placePath = placeUnitId ? (this.byId.get(placeUnitId)?.path ?? null) : null;
    const rule = this.rules.find(
      (r) => (r.category !== null || r.placeUnitId !== null) && this.ruleMatches(r, category, placePath),
    );
    if (rule) return handled(rule.unitId, "rule");

    const owner = category === "pelayanan_publik" || category === "lainnya" ? null : this.ownerOf(category);
    if (owner) return handled(owner.id, "topic");
    if (kecamatan) return handled(kecamatan.id, "place");

    const catchAll = this.rules.find((r) => r.category === null && r.placeUnitId === null);
    if (catchAll) return handled(catchAll.unitId, "catch_all");
    const kominfo = this.ownerOf("kominfo");
    if (kominfo) return handled(kominfo.id, "kominfo");
    return handled(this.root?.id ?? null, "root");
  }

  private ruleMatches(rule: RoutingRule, category: string, placePath: string | null): boolean {
    if (rule.category && rule.category !== category) return false;
    if (!rule.placeUnitId) return true;
    const rulePath = this.byId.get(rule.placeUnitId)?.path;
    return !!placePath && !!rulePath && placePath.startsWith(rulePath);
  }
}
