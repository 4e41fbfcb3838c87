import path from "node:path";
import { WEB_DIST } from "@server/routes/staffApp.js";
import { firstScreenScripts } from "../helpers/firstScreen.js";
import { printTable } from "./table.js";

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Prints what the staff app's first screen downloads, plain and as the server sends it (run `npm run build` first). */
export async function firstScreenBenchmark(): Promise<void> {
  const scripts = firstScreenScripts(WEB_DIST);
  const total = (key: "raw" | "gzip" | "brotli") => scripts.reduce((sum, script) => sum + script[key], 0);
  printTable(`First screen's JavaScript (${path.relative(process.cwd(), WEB_DIST)}), KB`, [
    ...scripts.map((script) => ({
      file: script.file,
      plain: kb(script.raw),
      gzip: kb(script.gzip),
      brotli: kb(script.brotli),
    })),
    { file: "total", plain: kb(total("raw")), gzip: kb(total("gzip")), brotli: kb(total("brotli")) },
  ]);
}
