/** A parsed XML element: its name, child elements and text (entities decoded). */
export type XmlElement = { name: string; children: XmlElement[]; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * A strict parser for the attribute-free XML Open311 answers with: any malformed markup (an
 * unescaped "<" or "&", a mismatched tag) throws, so a test sees broken escaping.
 */
export function parseXml(xml: string): XmlElement {
  let at = 0;
  const prolog = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (prolog) at = prolog[0].length;
  const decode = (text: string) => {
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad text: ${text}`);
    return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => ENTITIES[name]!);
  };
  function element(): XmlElement {
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(xml.slice(at));
    if (!open) throw new Error(`expected an element at ${at}: ${xml.slice(at, at + 40)}`);
    at += open[0].length;
    const node: XmlElement = { name: open[1]!, children: [], text: "" };
    if (open[2]) return node;
    for (;;) {
      const textEnd = xml.indexOf("<", at);
      if (textEnd < 0) throw new Error(`unclosed <${node.name}>`);
      node.text += decode(xml.slice(at, textEnd));
      at = textEnd;
      if (xml.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      node.children.push(element());
    }
  }
  const root = element();
  if (xml.slice(at).trim()) throw new Error("content after the root element");
  return root;
}

/** An element's children as { name: text } (for records of plain fields). */
export function fieldsOf(element: XmlElement): Record<string, string> {
  return Object.fromEntries(element.children.map((child) => [child.name, child.text]));
}
