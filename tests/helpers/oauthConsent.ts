/**
 * Answers a platform sandbox's OAuth consent page the way a browser would: loads the page,
 * submits its form with the chosen button, and returns where the platform redirects to.
 */
export async function answerConsent(
  pageUrl: string,
  decision: "allow" | "deny",
): Promise<{ status: number; location: string | null; html: string }> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, location: null, html };
  const fields = new URLSearchParams();
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    fields.set(unescapeHtml(name!), unescapeHtml(value!));
  fields.set("decision", decision);
  // A form without an action posts back to the page's own URL.
  const answer = await fetch(pageUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields,
    redirect: "manual",
  });
  return { status: answer.status, location: answer.headers.get("location"), html: await answer.text() };
}

const unescapeHtml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[entity]!,
  );
