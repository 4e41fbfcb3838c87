import { withoutAdministrativeWord } from "@server/areas/names.js";
import { officeDays } from "@server/deadlines/officeDays.js";
import {
  DEFAULT_SERVICE_LEVEL_POLICIES,
  deadlinesFor,
  selectPolicy,
  type ItemDeadlines,
  type ServiceLevelPolicy,
} from "@server/deadlines/policies.js";
import { WorkingCalendar } from "@server/deadlines/workingTime.js";
import type { Prisma } from "@server/db/client.js";
import type { RoutingRule } from "@server/db/generated/client.js";
import type { Services } from "@server/services.js";
import { alertsConfigured, openAlert } from "./emergencyAlerts.js";
import { Router, type RoutingUnit } from "./routing.js";
import { TriageClassifier, type LabelledExample } from "@server/triage/classifier.js";
import type { KnownPlace, PlaceType } from "@server/triage/places.js";
import { triage, type TriageResult } from "@server/triage/triage.js";
import { queueItemChanges } from "@server/webhooks/itemChanges.js";

// Units and corrections change rarely; each process re-reads them at most this often.
const CACHE_MS = 60_000;
const PLACE_TYPES: readonly string[] = ["kecamatan", "desa", "kelurahan"];

type Cached<T> = { value: T; at: number };
type Places = { known: KnownPlace[]; units: RoutingUnit[]; timezones: Map<string, string> };

/** What arrives to be triaged: the text, the place a web form gave, and when it came in (deadlines count from then). */
export type Arrival = { text: string; placeUnitId: string | null; receivedAt: Date };
/** The item's triaged fields and the "triaged" timeline event's data. */
export type ArrivalDecision = {
  fields: {
    kind: string;
    category: string;
    urgency: string;
    placeUnitId: string | null;
    triage: ReturnType<typeof explain>;
    unitId: string | null;
    informedUnitId: string | null;
    status: "triaged" | "closed_spam";
    slaPolicy: string | null;
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
  };
  event: Prisma.InputJsonObject;
  /** Read darurat, with somewhere to send its alert (emergencyAlerts.ts): open one as the item is stored. */
  alert: boolean;
};

/**
 * What happens to a citizen's message on arrival: automatic triage (kind, category, urgency,
 * place, with reasons), routing to the owning unit, and the service-level deadlines. One
 * instance per process; the caches keep arrivals cheap under load.
 */
export class ArrivalDesk {
  private places: Cached<Places> | null = null;
  private classifier: Cached<TriageClassifier> | null = null;
  private rules: Cached<RoutingRule[]> | null = null;
  private readonly calendars = new Map<string, WorkingCalendar>();

  constructor(private readonly services: Services) {
    // Rule changes made in this process apply at once (with the units they name); other processes see them within CACHE_MS.
    services.events.on("routingRules.changed", () => {
      this.rules = null;
      this.places = null;
    });
    // Units imported, renamed or merged: places are read again.
    services.events.on("units.changed", () => {
      this.rules = null;
      this.places = null;
    });
  }

  async receive(itemId: string): Promise<void> {
    const { prisma } = this.services;
    const item = await prisma.inboxItem.findUnique({ where: { id: itemId } });
    if (item?.status !== "new" || item.kind) return;
    const decision = (await this.decider())({
      text: item.text,
      placeUnitId: item.placeUnitId,
      receivedAt: item.receivedAt,
    });

    const emergency = decision.fields.urgency === "darurat";
    // The deliveries of outgoing webhooks queued with the triage; null when another process triaged it first.
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.inboxItem.updateMany({
        where: { id: itemId, status: "new" },
        data: {
          ...decision.fields,
          triage: { ...((item.triage as object | null) ?? {}), ...decision.fields.triage } as Prisma.InputJsonValue,
        },
      });
      if (count === 0) return null;
      await tx.inboxEvent.create({ data: { itemId, type: "triaged", data: decision.event } });
      if (decision.alert) await openAlert(tx, itemId);
      return queueItemChanges(tx, item, this.services.config.publicBaseUrl);
    });
    this.services.events.emit("inbox.itemChanged", { itemId });
    if (queued) this.services.events.emit("webhooks.queued", {});
    if (queued !== null && emergency) this.services.events.emit("inbox.emergency", { itemId });
  }

  /**
   * Triage, routing and deadlines as a synchronous function over freshly cached rules, places,
   * units and classifier, so a batch of arrivals is decided in memory without a query per item.
   */
  async decider(): Promise<(arrival: Arrival) => ArrivalDecision> {
    const [classifier, rules] = await Promise.all([this.trainedClassifier(), this.routingRules()]);
    let places = await this.knownPlaces();
    // A rule naming a unit created since the units were cached (in another process): read them again.
    if (rules.some((rule) => !places.timezones.has(rule.unitId))) {
      this.places = null;
      places = await this.knownPlaces();
    }
    const router = new Router(places.units, rules);
    const sendsAlerts = alertsConfigured(this.services.config);
    // Arrivals filed together share their receipt time, so their deadlines repeat per policy and time zone.
    const deadlines = new Map<string, ItemDeadlines>();
    const deadlinesOf = (receivedAt: Date, policy: ServiceLevelPolicy, timeZone: string) => {
      const key = `${receivedAt.getTime()}\u0000${policy.id}\u0000${timeZone}`;
      let due = deadlines.get(key);
      if (!due) deadlines.set(key, (due = deadlinesFor(receivedAt, policy, this.calendarFor(timeZone))));
      return due;
    };
    return ({ text, placeUnitId: givenPlaceUnitId, receivedAt }) => {
      const result = triage(text, { places: places.known, classifier });
      // A web report's own place (chosen by the citizen) beats a place guessed from the text.
      const placeUnitId = givenPlaceUnitId ?? result.place?.place.unitId ?? null;
      const category = result.category.code;
      const route = router.route({
        category,
        urgency: result.urgency.code,
        dangers: result.emergency.map((cue) => cue.danger),
        placeUnitId,
      });
      const timezone = route.unitId ? places.timezones.get(route.unitId) : undefined;
      const unit = route.unitId && timezone ? { id: route.unitId, timezone } : null;
      const policy = selectPolicy(
        { kind: result.kind.code, urgency: result.urgency.code },
        DEFAULT_SERVICE_LEVEL_POLICIES,
      );
      const due = policy && unit ? deadlinesOf(receivedAt, policy, unit.timezone) : null;
      const status = result.spam ? "closed_spam" : "triaged";
      const fields = {
        kind: result.kind.code,
        category,
        urgency: result.urgency.code,
        placeUnitId,
        triage: explain(result),
        unitId: unit?.id ?? null,
        informedUnitId: unit ? route.informedUnitId : null,
        status,
        slaPolicy: policy?.id ?? null,
        firstResponseDueAt: due?.firstResponseDueAt ?? null,
        resolutionDueAt: due?.resolutionDueAt ?? null,
      } as const;
      const event = {
        kind: fields.kind,
        category,
        urgency: fields.urgency,
        placeUnitId,
        unitId: fields.unitId,
        informedUnitId: fields.informedUnitId,
        routedBy: route.basis,
        status,
        policy: fields.slaPolicy,
        spam: result.spam,
      };
      return { fields, event, alert: fields.urgency === "darurat" && sendsAlerts };
    };
  }

  private async routingRules(): Promise<RoutingRule[]> {
    if (this.rules && Date.now() - this.rules.at < CACHE_MS) return this.rules.value;
    const rules = await this.services.prisma.routingRule.findMany({
      orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    });
    this.rules = { value: rules, at: Date.now() };
    return rules;
  }

  private calendarFor(timeZone: string): WorkingCalendar {
    let calendar = this.calendars.get(timeZone);
    if (!calendar) {
      calendar = new WorkingCalendar({
        timeZone: timeZone as ConstructorParameters<typeof WorkingCalendar>[0]["timeZone"],
        holidays: officeDays,
      });
      this.calendars.set(timeZone, calendar);
    }
    return calendar;
  }

  private async knownPlaces(): Promise<Places> {
    if (this.places && Date.now() - this.places.at < CACHE_MS) return this.places.value;
    // Every unit may be a routing target (its time zone sets the deadlines); active ones are places.
    // In official code order, so a desa name two kecamatan share goes to the same one every time.
    const allUnits = await this.services.prisma.unit.findMany({
      select: {
        id: true,
        code: true,
        name: true,
        type: true,
        path: true,
        parentId: true,
        timezone: true,
        active: true,
      },
      orderBy: [{ areaCode: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    });
    const units = allUnits.filter((unit) => unit.active);
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const known: KnownPlace[] = units
      .filter((unit) => PLACE_TYPES.includes(unit.type))
      .map((unit) => ({
        unitId: unit.id,
        name: withoutAdministrativeWord(unit.name),
        type: unit.type as PlaceType,
        kecamatanName:
          unit.type === "kecamatan" ? undefined : withoutAdministrativeWord(byId.get(unit.parentId ?? "")?.name ?? ""),
      }));
    const timezones = new Map(allUnits.map((unit) => [unit.id, unit.timezone]));
    this.places = { value: { known, units, timezones }, at: Date.now() };
    return this.places.value;
  }

  /** A classifier trained on the items whose triage staff corrected. */
  private async trainedClassifier(): Promise<TriageClassifier | undefined> {
    if (this.classifier && Date.now() - this.classifier.at < CACHE_MS) return this.classifier.value;
    const corrected = await this.services.prisma.inboxItem.findMany({
      where: {
        events: { some: { type: "triage_corrected" } },
        kind: { not: null },
        category: { not: null },
        urgency: { not: null },
      },
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
    place: result.place
      ? { unitId: result.place.place.unitId, name: result.place.place.name, reason: result.place.reason }
      : null,
    spam: result.spam,
  };
}
