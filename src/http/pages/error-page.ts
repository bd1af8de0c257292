import type { Config } from "../../config.ts";
import { html, htmlResponse } from "../html.ts";
import { layout, type SiteLabels } from "./parts.ts";

/** Labels for a page when the settings are the problem (an invalid configuration is a 500 too). */
const FALLBACK: SiteLabels = { title: "Wirefeed", description: "News syndication", language: "en" };

type ShownProblem = { status: number; title: string; detail: string };

/**
 * A problem (RFC 9457) as a page, for a person in a browser: the same status, title and detail as
 * the problem JSON that every other client gets, and a way back to the articles.
 */
export function errorPage(config: Config | undefined, problem: ShownProblem, path: string, headers: Record<string, string>): Response {
  const site = config ?? FALLBACK;
  const document = layout(site, {
    title: `${problem.title} · ${site.title}`,
    head: html`<meta name="robots" content="noindex">`,
    main: html`<div class="error">
<p class="status">${problem.status}</p>
<h1 class="page-title">${problem.title}</h1>
<p class="lede">${problem.detail}</p>
<p class="meta">Requested: <code>${path}</code></p>
<p><a href="/">← The latest articles</a> · <a href="/#feeds">Feeds</a></p>
</div>`,
  });
  return htmlResponse(document, problem.status, headers);
}
