import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { areaUnitName, titleCaseAreaName } from "@server/areas/names.js";
import { loadRegionTree, UnknownRegionError } from "@server/areas/officialAreas.js";
import { ConfigError, loadConfig } from "@server/config.js";

const run = promisify(execFile);

async function regions(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", "regions", "--", ...args], { maxBuffer: 10_000_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return failed;
  }
}

describe("official area names", () => {
  it("shows names in title case whatever case the data uses, keeping roman numerals and abbreviations", () => {
    expect(titleCaseAreaName("SUNGAI MAWANG")).toBe("Sungai Mawang");
    expect(titleCaseAreaName("lamuk")).toBe("Lamuk");
    expect(titleCaseAreaName("Huta baru")).toBe("Huta Baru");
    expect(titleCaseAreaName("KOTO BARU II")).toBe("Koto Baru II");
    expect(titleCaseAreaName("Sisobahili I Tanose'o")).toBe("Sisobahili I Tanose'o");
    expect(titleCaseAreaName("UPT Jalur  Satu")).toBe("UPT Jalur Satu");
    expect(areaUnitName("kelurahan", "beringin")).toBe("Kelurahan Beringin");
    expect(areaUnitName("kecamatan", "Kapuas")).toBe("Kecamatan Kapuas");
  });
});

describe("the tree of a kabupaten/kota", () => {
  it("lists Sanggau's 15 kecamatan, each before its desa and kelurahan", async () => {
    const tree = await loadRegionTree("61.03");
    expect(tree).toMatchObject({ officialName: "Kabupaten Sanggau", unitName: "Pemerintah Kabupaten Sanggau" });
    const kecamatan = tree.areas.filter((area) => area.type === "kecamatan");
    expect(kecamatan).toHaveLength(15);
    expect(kecamatan.map((area) => area.officialName)).toContain("Entikong");
    const seen = new Set([tree.code]);
    for (const area of tree.areas) {
      expect(seen.has(area.parentCode), `${area.code} after its parent`).toBe(true);
      seen.add(area.code);
    }
    expect(tree.areas.find((area) => area.code === "61.03.01.1005")).toMatchObject({
      name: "Kelurahan Beringin",
      type: "kelurahan",
      parentCode: "61.03.01",
    });
    expect(tree.areas.find((area) => area.code === "61.03.01.2014")).toMatchObject({ type: "desa" });
  });

  it("refuses a code that is not a kabupaten/kota", async () => {
    await expect(loadRegionTree("61.99")).rejects.toThrow(UnknownRegionError);
    await expect(loadRegionTree("61")).rejects.toThrow("not a kabupaten/kota code");
    await expect(loadRegionTree("61.03.01")).rejects.toThrow(UnknownRegionError);
  });
});

describe("npm run regions", () => {
  it("prints one JSON line per area with its code, name, type and parent", async () => {
    const { code, stdout } = await regions("61.03");
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const tree = await loadRegionTree("61.03");
    expect(lines).toHaveLength(tree.areas.length);
    expect(lines[0]).toEqual({ code: "61.03.01", name: "Kecamatan Kapuas", type: "kecamatan", parentCode: "61.03" });
    expect(Object.keys(lines[1])).toEqual(["code", "name", "type", "parentCode"]);
    expect(new Set(lines.map((line) => line.type))).toEqual(new Set(["kecamatan", "desa", "kelurahan"]));
  });

  it("explains a bad or unknown code on stderr and exits with an error", async () => {
    const unknown = await regions("61.99");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain("No kabupaten/kota has the code 61.99");
    const malformed = await regions("sanggau");
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('"sanggau" is not a kabupaten/kota code');
    expect((await regions()).stderr).toContain("usage: npm run -s regions -- <kabupaten/kota code");
  });
});

describe("SIAR_REGION", () => {
  const base = { SIAR_DATA_DIR: "/tmp/siar-config-test", LOG_LEVEL: "silent" };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it("takes a kabupaten/kota code, and the demo is always Sanggau's", () => {
    expect(loadConfig({ ...base, SIAR_DEMO: "false", SIAR_REGION: "34.71" }).region).toBe("34.71");
    expect(loadConfig({ ...base, SIAR_DEMO: "true" }).region).toBe("61.03");
    expect(loadConfig({ ...base, SIAR_DEMO: "false" }).region).toBeUndefined();
  });

  it("stops the start with a clear message when the data has no such kabupaten/kota", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "siar-region-"));
    // On the embedded database, even when the suite runs against PostgreSQL.
    const { DATABASE_URL: _postgres, ...env } = process.env;
    try {
      await run("npx", ["tsx", "server/index.ts"], {
        env: { ...env, ...base, SIAR_DATA_DIR: dataDir, SIAR_DEMO: "false", SIAR_REGION: "61.99", PORT: "0" },
        timeout: 30_000,
      });
      expect.unreachable("Siar started with an unknown SIAR_REGION");
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'SIAR_REGION: no kabupaten/kota has this code in the official area data (got "61.99")',
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("names a malformed code, and a demo on another kabupaten", () => {
    expect(problems({ SIAR_DEMO: "false", SIAR_REGION: "6103" })[0]).toMatch(
      /^SIAR_REGION: expected a kabupaten\/kota code/,
    );
    expect(problems({ SIAR_DEMO: "true", SIAR_REGION: "34.71" })[0]).toMatch(
      /^SIAR_REGION: the demo organisation is Kabupaten Sanggau/,
    );
    expect(() => loadConfig({ ...base, SIAR_REGION: "x" })).toThrow(ConfigError);
  });
});
