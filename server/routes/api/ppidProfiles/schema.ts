import { z } from "zod";

const text = (max: number) => z.string().trim().min(1).max(max);

export const savePpidProfileBody = z
  .object({
    about: text(10_000),
    requestProcedure: text(10_000),
    objectionProcedure: text(10_000),
    serviceStandard: text(10_000),
    serviceHours: text(1000),
    address: text(500),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+() .-]{5,30}$/)
      .nullable()
      .optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .strict();
export const ppidProfileParams = z.object({ unitId: z.uuid() });

export type SavePpidProfileBody = z.input<typeof savePpidProfileBody>;
