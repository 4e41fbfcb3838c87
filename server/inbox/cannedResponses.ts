/** The variables a canned response may use, each filled from the item being answered. */
export const TEMPLATE_VARIABLES = ["nama", "nomor", "unit", "formulir_ppid"] as const;

export const TEMPLATE_LANGUAGES = ["id", "en"] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

const VARIABLE_PATTERN = /\{(\w+)\}/g;

/** Names written as {name} in a template that are not among TEMPLATE_VARIABLES. */
export function unknownVariables(body: string): string[] {
  const known: readonly string[] = TEMPLATE_VARIABLES;
  return [
    ...new Set([...body.matchAll(VARIABLE_PATTERN)].map(([, name]) => name!).filter((name) => !known.includes(name))),
  ];
}

/** Whether a template applies to an item of this unit: unscoped, or scoped to the unit or one above it. */
export function templateApplies(templateUnitPath: string | null, itemUnitPath: string | null): boolean {
  return templateUnitPath === null || !!itemUnitPath?.startsWith(templateUnitPath);
}
