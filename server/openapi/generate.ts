import { readFile, writeFile } from "node:fs/promises";
import { VIEW_SCHEMAS_FILE, viewSchemasText } from "./viewSchemas.js";
import { WEB_TYPES_FILE, webTypesText } from "./webTypes.js";

// `npm run api:schemas`: writes views.generated.json, the JSON Schema of every response type in views.ts.
// `npm run api:types`: writes web/src/api/openapi.generated.ts, the web app's types, from the OpenAPI document.
// `tsx server/openapi/generate.ts check`: exits 1 when a committed generated file is stale.
const generated = [
  { file: VIEW_SCHEMAS_FILE, text: viewSchemasText, script: "api:schemas" },
  { file: WEB_TYPES_FILE, text: webTypesText, script: "api:types" },
];

const command = process.argv[2];
if (command === "schemas") {
  await writeFile(VIEW_SCHEMAS_FILE, viewSchemasText());
  console.log(`wrote ${VIEW_SCHEMAS_FILE}`);
} else if (command === "types") {
  await writeFile(WEB_TYPES_FILE, await webTypesText());
  console.log(`wrote ${WEB_TYPES_FILE}`);
} else if (command === "check") {
  for (const { file, text, script } of generated) {
    if ((await readFile(file, "utf8")) === (await text())) continue;
    console.error(`${file} is stale: npm run ${script}`);
    process.exitCode = 1;
  }
} else {
  console.error("usage: tsx server/openapi/generate.ts schemas|types|check");
  process.exit(2);
}
