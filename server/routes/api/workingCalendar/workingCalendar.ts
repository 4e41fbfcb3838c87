import { Router } from "express";
import { confirmCalendarYear, editCalendar } from "@server/commands/workingCalendar.js";
import { isShippedYear, missingNextYear } from "@server/deadlines/calendarStatus.js";
import { officeDays } from "@server/deadlines/officeDays.js";
import { officeCalendar } from "@server/ppid/calendar.js";
import { authorize } from "@server/policies/index.js";
import { presentCalendarYear, presentMoved, type CalendarNoticeView } from "@server/presenters/workingCalendar.js";
import type { Services } from "@server/services.js";
import { originOf } from "@server/routes/origin.js";
import { parse } from "@server/routes/validate.js";
import { addDayBody, calendarYearParam, confirmYearBody, moveDayBody, removeDayBody } from "./schema.js";
import { describeRoutes } from "@server/openapi/describe.js";

/** The working calendar: read a year, add, move or remove a date, confirm a year against its SKB. */
export function workingCalendarRoutes(services: Services): Router {
  const { prisma } = services;
  const router = Router();

  router.get("/notice", async (req, res) => {
    authorize(req.actor!, "read", "WorkingCalendar");
    const today = (await officeCalendar(prisma)).dateOf(new Date());
    res.json({ missingYear: missingNextYear(today) } satisfies CalendarNoticeView);
  });

  router.get("/:year", async (req, res) => {
    authorize(req.actor!, "read", "WorkingCalendar");
    const { year } = parse(calendarYearParam, req.params, req);
    const [removed, confirmation] = await Promise.all([
      prisma.calendarChange.findMany({
        where: { change: "remove", date: { gte: new Date(`${year}-01-01`), lt: new Date(`${year + 1}-01-01`) } },
        orderBy: { date: "asc" },
      }),
      prisma.calendarYear.findUnique({ where: { year } }),
    ]);
    res.json(presentCalendarYear(year, officeDays.nonWorkingDaysIn(year), removed, confirmation, isShippedYear(year)));
  });

  router.post("/days", async (req, res) => {
    authorize(req.actor!, "update", "WorkingCalendar");
    const body = parse(addDayBody, req.body, req);
    res.json(presentMoved(await editCalendar(services, { origin: originOf(req), edit: { action: "add", ...body } })));
  });

  router.post("/days/remove", async (req, res) => {
    authorize(req.actor!, "update", "WorkingCalendar");
    const body = parse(removeDayBody, req.body, req);
    res.json(
      presentMoved(await editCalendar(services, { origin: originOf(req), edit: { action: "remove", ...body } })),
    );
  });

  router.post("/days/move", async (req, res) => {
    authorize(req.actor!, "update", "WorkingCalendar");
    const body = parse(moveDayBody, req.body, req);
    res.json(presentMoved(await editCalendar(services, { origin: originOf(req), edit: { action: "move", ...body } })));
  });

  router.post("/:year/confirm", async (req, res) => {
    authorize(req.actor!, "update", "WorkingCalendar");
    const { year } = parse(calendarYearParam, req.params, req);
    const { decree } = parse(confirmYearBody, req.body, req);
    res.json(presentMoved(await confirmCalendarYear(services, { origin: originOf(req), year, decree })));
  });

  describeRoutes(router, {
    "GET /notice": {
      response: "CalendarNotice",
      summary: "Whether next year's calendar still needs confirming",
      permission: { action: "read", model: "WorkingCalendar" },
    },
    "GET /:year": {
      response: "CalendarYear",
      summary: "A year's holidays, cuti bersama and office closures",
      permission: { action: "read", model: "WorkingCalendar" },
    },
    "POST /days": {
      response: "CalendarChange",
      summary: "Add a holiday or office closure",
      permission: { action: "update", model: "WorkingCalendar" },
      body: addDayBody,
    },
    "POST /days/remove": {
      response: "CalendarChange",
      summary: "Remove a day from the calendar",
      permission: { action: "update", model: "WorkingCalendar" },
      body: removeDayBody,
    },
    "POST /days/move": {
      response: "CalendarChange",
      summary: "Move a day in the calendar",
      permission: { action: "update", model: "WorkingCalendar" },
      body: moveDayBody,
    },
    "POST /:year/confirm": {
      response: "CalendarChange",
      summary: "Confirm a year's calendar",
      permission: { action: "update", model: "WorkingCalendar" },
      body: confirmYearBody,
    },
  });

  return router;
}
