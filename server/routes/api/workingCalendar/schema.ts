import { z } from "zod";
import { ADMIN_DAY_KINDS } from "@server/deadlines/officeDays.js";
import { calendarDay } from "@server/text/fields.js";

/** The decree's number and title, as the reason of every change. */
const decree = z.string().trim().min(3).max(300);

export const calendarYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

export const addDayBody = z
  .object({ date: calendarDay, kind: z.enum(ADMIN_DAY_KINDS), name: z.string().trim().min(1).max(200), decree })
  .strict();
export type AddDayBody = z.infer<typeof addDayBody>;

export const removeDayBody = z.object({ date: calendarDay, decree }).strict();
export type RemoveDayBody = z.infer<typeof removeDayBody>;

export const moveDayBody = z
  .object({ from: calendarDay, to: calendarDay, decree })
  .strict()
  .refine((body) => body.from !== body.to, { message: "to must differ from from", path: ["to"] });
export type MoveDayBody = z.infer<typeof moveDayBody>;

export const confirmYearBody = z.object({ decree }).strict();
export type ConfirmYearBody = z.infer<typeof confirmYearBody>;
