import type { Response } from "express";

/** A field value as Open311 sends it: JSON keeps the type, XML prints it (null is an empty element). */
type Value = string | number | boolean | null | readonly Record<string, Value>[];
export type Record311 = Record<string, Value>;
export type Format = "json" | "xml";

export function formatOf(extension: string | undefined): Format | null {
  return extension === "json" || extension === "xml" ? extension : null;
}

// Characters XML 1.0 cannot hold at all, even escaped: dropped rather than breaking the document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

function xmlElement(name: string, value: Value, itemName: string): string {
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const items = value.map((item) => xmlRecord(itemName, item, itemName)).join("");
    return items ? `<${name}>${items}</${name}>` : `<${name}/>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlRecord(name: string, record: Record311, itemName: string): string {
  return `<${name}>${Object.entries(record)
    .map(([key, value]) => xmlElement(key, value, itemName))
    .join("")}</${name}>`;
}

/**
 * Sends records the spec's way: JSON as they are; XML as `<root><item>…</item></root>`
 * (e.g. `<services><service>`), or one record as `root` itself when `item` is null.
 */
export function send311(
  res: Response,
  format: Format,
  body: Record311 | Record311[],
  tags: { root: string; item: string | null; nestedItem?: string },
  status = 200,
): void {
  res.status(status);
  if (format === "json") {
    res.json(body);
    return;
  }
  const nested = tags.nestedItem ?? "item";
  const xml = Array.isArray(body)
    ? `<${tags.root}>${body.map((record) => xmlRecord(tags.item!, record, nested)).join("")}</${tags.root}>`
    : xmlRecord(tags.root, body, nested);
  res.type("application/xml; charset=utf-8").send(`<?xml version="1.0" encoding="utf-8"?>\n${xml}`);
}

/** An error in the spec's shape: `[{"code":400,"description":"…"}]`, or `<errors><error>…</error></errors>`. */
export function send311Error(res: Response, format: Format, status: number, description: string): void {
  send311(res, format, [{ code: status, description }], { root: "errors", item: "error" }, status);
}
