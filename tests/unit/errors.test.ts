import { describe, expect, it } from "vitest";
import { AppError, formatWait } from "@server/errors.js";

describe("error messages that say when to try again", () => {
  it("round the wait up, in seconds, minutes or hours, in each language", () => {
    expect(formatWait(1, "en")).toBe("1 second");
    expect(formatWait(45, "id")).toBe("45 detik");
    expect(formatWait(61, "en")).toBe("2 minutes");
    expect(formatWait(900, "id")).toBe("15 menit");
    expect(formatWait(3 * 3600, "en")).toBe("3 hours");
  });

  it("fill the wait into the message from details.retryAfterSeconds, or say a little while", () => {
    expect(new AppError("sign_in_throttled", { retryAfterSeconds: 600 }).messageIn("id")).toBe(
      "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 10 menit.",
    );
    expect(new AppError("rate_limited").messageIn("en")).toBe("Too many requests. Try again in a little while.");
  });
});
