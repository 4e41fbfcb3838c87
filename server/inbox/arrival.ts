import { IndonesianHolidays } from "../deadlines/holidaysId.js";
import { DEFAULT_SERVICE_LEVEL_POLICIES, deadlinesFor, selectPolicy } from "../deadlines/policies.js";
import { WorkingCalendar } from "../deadlines/workingTime.js";
import type { Prisma } from "../db/client.js";
import type { RoutingRule } from "../db/generated/client.js";
import type { Services } from "../services.js";
import { TriageClassifier, type LabelledExample } from "../triage/classifier.js";
import type { KnownPlace, PlaceType } from "../triage/places.js";
import { triage, type TriageResult } from "../triage/triage.js";

// Units and corrections change rarely; each process re-reads them at most this often.
const CACHE_MS = 60_000;
const PLACE_TYPES: readonly string[] = ["kecamatan", "desa", "kelurahan"];

type Cached<T> = { value: T; at: number };

/**
 * What happens to a citizen's message on arrival: automatic triage (kind, category, urgency,
 * place, with reasons), routing to the owning unit, and the service-level deadlines. One
 * instance per process; the caches keep arrivals cheap under load.
 */
export class ArrivalDesk {
  private places: Cached<{ known: KnownPlace[]; paths: Map<string, string> }> | null = null;
  private classifier: Cached<TriageClassifier> | null = null;
  private rules: Cached<{ rules: RoutingRule[]; rootUnitId: string | null }> | null = null;
  private readonly calendars = new Map<string, WorkingCalendar>();
  private readonly holidays = new IndonesianHolidays();

  constructor(private readonly services: Services) {
    // Rule changes made in this process apply at once; other processes see them within CACHE_MS.
    services.events.on("routingRules.changed", () => (this.rules = null));
  }

  async receive(itemId: string): Promise<void> {
    const { prisma } = this.services;
    const item = await prisma.inboxItem.findUnique({ where: { id: itemId } });
    if (!item || item.status !== "new" || item.kind) return;
    const places = await this.knownPlaces();
    const result = triage(item.text, { places: places.known, classifier: await this.trainedClassifier() });
    // A web report's own place (chosen by the citizen) beats a place guessed from the text.
    const placeUnitId = item.placeUnitId ?? result.place?.place.unitId ?? null;
    const category = result.category.code;
    const unit = await this.route(category, placeUnitId ? places.paths.get(placeUnitId) ?? null : null);
    const policy = selectPolicy({ kind: result.kind.code, urgency: result.urgency.code }, DEFAULT_SERVICE_LEVEL_POLICIES);
    const due = policy && unit ? deadlinesFor(item.receivedAt, policy, this.calendarFor(unit.timezone)) : null;
    const status = result.spam ? "closed_spam" : "triaged";

    await prisma.$transaction(async (tx) => {
      const { count } = await tx.inboxItem.updateMany({
        where: { id: itemId, status: "new" },
        data: {
          kind: result.kind.code,
          category,
          urgency: result.urgency.code,
          placeUnitId,
          triage: { ...((item.triage as object | null) ?? {}), ...explain(result) } as Prisma.InputJsonValue,
          unitId: unit?.id ?? null,
          status,
          slaPolicy: policy?.id ?? null,
          firstResponseDueAt: due?.firstResponseDueAt ?? null,
          resolutionDueAt: due?.resolutionDueAt ?? null,
        },
      });
      if (count === 0) return;
      await tx.inboxEvent.create({
        data: {
          itemId,
          type: "triaged",
          data: { kind: result.kind.code, category, urgency: result.urgency.code, placeUnitId, unitId: unit?.id ?? null, status, policy: policy?.id ?? null, spam: result.spam },
        },
      });
    });
    this.services.events.emit("inbox.itemChanged", { itemId });
  }

  /** The first routing rule (highest priority) matching the category and place; else Kominfo's catch-all, else the root unit. */
  private async route(category: string, placePath: string | null) {
    const { prisma } = this.services;
    const { rules, rootUnitId } = await this.routingRules();
    const paths = (await this.knownPlaces()).paths;
    const match = rules.find((rule) => {
      if (rule.category && rule.category !== category) return false;
      if (!rule.placeUnitId) return true;
      const rulePath = paths.get(rule.placeUnitId);
      return !!placePath && !!rulePath && placePath.startsWith(rulePath);
    });
    const unitId = match?.unitId ?? rootUnitId;
    return unitId ? prisma.unit.findUnique({ where: { id: unitId }, select: { id: true, timezone: true } }) : null;
  }

  private async routingRules() {
    if (this.rules && Date.now() - this.rules.at < CACHE_MS) return this.rules.value;
    const { prisma } = this.services;
    const rules = await prisma.routingRule.findMany({ orderBy: [{ priority: "desc" }, { createdAt: "asc" }] });
    const root = await prisma.unit.findFirst({ where: { parentId: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
    this.rules = { value: { rules, rootUnitId: root?.id ?? null }, at: Date.now() };
    return this.rules.value;
  }

  private calendarFor(timeZone: string): WorkingCalendar {
    let calendar = this.calendars.get(timeZone);
    if (!calendar) {
      calendar = new WorkingCalendar({ timeZone: timeZone as ConstructorParameters<typeof WorkingCalendar>[0]["timeZone"], holidays: this.holidays });
      this.calendars.set(timeZone, calendar);
    }
    return calendar;
  }

  private async knownPlaces() {
    if (this.places && Date.now() - this.places.at < CACHE_MS) return this.places.value;
    const units = await this.services.prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true, type: true, path: true, parentId: true } });
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const known: KnownPlace[] = units
      .filter((unit) => PLACE_TYPES.includes(unit.type))
      .map((unit) => ({
        unitId: unit.id,
        name: placeName(unit.name),
        type: unit.type as PlaceType,
        kecamatanName: unit.type === "kecamatan" ? undefined : placeName(byId.get(unit.parentId ?? "")?.name ?? ""),
      }));
    this.places = { value: { known, paths: new Map(units.map((unit) => [unit.id, unit.path])) }, at: Date.now() };
    return this.places.value;
  }

  /** A classifier trained on the items whose triage staff corrected. */
  private async trainedClassifier(): Promise<TriageClassifier | undefined> {
    if (this.classifier && Date.now() - this.classifier.at < CACHE_MS) return this.classifier.value;
    const corrected = await this.services.prisma.inboxItem.findMany({
      where: { events: { some: { type: "triage_corrected" } }, kind: { not: null }, category: { not: null }, urgency: { not: null } },
      select: { text: true, kind: true, category: true, urgency: true },
      take: 5000,
      orderBy: { updatedAt: "desc" },
    });
    const classifier = new TriageClassifier();
    classifier.train(corrected as LabelledExample[]);
    this.classifier = { value: classifier, at: Date.now() };
    return classifier;
  }
}

/** "Desa Sungai Mawang" → "Sungai Mawang": texts name places without their administrative prefix. */
function placeName(unitName: string): string {
  return unitName.replace(/^(Desa|Kelurahan|Kecamatan)\s+/i, "");
}

/** The reasons staff see next to each decided field. */
function explain(result: TriageResult) {
  const field = (decision: { code: string; source: string; score: number; reasons: unknown[] }) => ({
    code: decision.code,
    source: decision.source,
    score: decision.score,
    reasons: decision.reasons,
  });
  return {
    kind: field(result.kind),
    category: field(result.category),
    urgency: field(result.urgency),
    place: result.place ? { unitId: result.place.place.unitId, name: result.place.place.name, reason: result.place.reason } : null,
    spam: result.spam,
  };
}
