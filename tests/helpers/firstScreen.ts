import fs from "node:fs";
import path from "node:path";

export type ScriptSize = { file: string; raw: number; gzip: number; brotli: number };

/**
 * The JavaScript a browser downloads before the staff app's first screen (sign-in or home):
 * index.html's module script and the modules it preloads (its static imports), with the sizes of
 * the build's precompressed copies.
 */
export function firstScreenScripts(dist: string): ScriptSize[] {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const urls = [
    ...html.matchAll(/<script type="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1]!);
  return urls.map((url) => {
    const file = path.join(dist, url.replace(/^\/app\//, ""));
    const size = (suffix: string) => (fs.existsSync(file + suffix) ? fs.statSync(file + suffix).size : NaN);
    return { file: path.basename(file), raw: size(""), gzip: size(".gz"), brotli: size(".br") };
  });
}
