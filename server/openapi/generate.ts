import { readFile, writeFile } from "node:fs/promises";
import { VIEW_SCHEMAS_FILE, viewSchemasText } from "./viewSchemas.js";

// `npm run api:schemas`: writes views.generated.json, the JSON Schema of every response type in views.ts.
// `tsx server/openapi/generate.ts check`: exits 1 when a committed generated file is stale.
const generated = [{ file: VIEW_SCHEMAS_FILE, text: viewSchemasText, script: "api:schemas" }];

const command = process.argv[2];
if (command === "schemas") {
  await writeFile(VIEW_SCHEMAS_FILE, viewSchemasText());
  console.log(`wrote ${VIEW_SCHEMAS_FILE}`);
} else if (command === "check") {
  for (const { file, text, script } of generated) {
    if ((await readFile(file, "utf8")) === (await text())) continue;
    console.error(`${file} is stale: npm run ${script}`);
    process.exitCode = 1;
  }
} else {
  console.error("usage: tsx server/openapi/generate.ts schemas|check");
  process.exit(2);
}
