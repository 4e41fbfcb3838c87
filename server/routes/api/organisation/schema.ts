import type { z } from "zod";
import { letterheadText } from "@server/reports/letterhead.js";

export const letterheadBody = letterheadText.strict();
export type LetterheadBody = z.input<typeof letterheadBody>;
