/**
 * npm run -s regions -- <kabupaten/kota code>
 *   prints the areas Siar would create for that kabupaten/kota, one JSON line each, parents first:
 *   {"code":"61.03.01","name":"Kecamatan Kapuas","type":"kecamatan","parentCode":"61.03"}
 *   An unknown or malformed code is reported on stderr with exit code 1.
 */
import { once } from "node:events";
import { loadRegionTree } from "./officialAreas.js";

async function main(args: string[]): Promise<void> {
  const [code, ...rest] = args;
  if (!code || rest.length > 0) throw new Error("Give one kabupaten/kota code.");
  const tree = await loadRegionTree(code.trim());
  // A reader that stops early (| head) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(0);
  });
  for (const area of tree.areas) {
    const line = JSON.stringify({ code: area.code, name: area.name, type: area.type, parentCode: area.parentCode });
    if (!process.stdout.write(`${line}\n`)) await once(process.stdout, "drain");
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = "usage: npm run -s regions -- <kabupaten/kota code, such as 61.03>";
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exitCode = 1;
});
