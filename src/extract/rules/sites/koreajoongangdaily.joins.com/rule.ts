import type { Rule } from "../../schema.ts";

/**
 * Korea JoongAng Daily (English edition of the JoongAng Ilbo). Conventions seen in the repository's
 * own sample (articles/000_4c4acd25798775f3.txt) and in the site's public permalinks:
 * - the byline closes the story, all capitals with a bracketed contact address,
 *   "BY HAN JEE-HYE [lim.jeongwon@joongang.co.kr]": it names the reporters, so it is read before any
 *   author meta (which on news portals often names the desk or the site);
 * - the section is the permalink's segment after the date: `/news/YYYY-MM-DD/<section>/<subsection>/
 *   <slug>/<id>` and, before 2022, `/YYYY/MM/DD/<section>/…` ("national" -> "National");
 * - captions end in a bracketed credit, "… [YONHAP]", "… [SCREEN CAPTURE]" (generic: captions.ts);
 * - photos under `/data/photo/YYYY/MM/DD/` (the generic image-path date signal).
 * No CSS selectors: none has been checked against the site's live HTML, and a wrong body selector
 * would win over paragraph scoring. The saved page beside this file is written to these conventions.
 */
export const KOREA_JOONGANG_DAILY_RULE: Rule = {
  name: "Korea JoongAng Daily",
  hosts: ["koreajoongangdaily.joins.com"],
  fields: {
    authors: [{ from: "derived", name: "byline-line" }],
    section: [{ from: "derived", name: "url-section" }],
  },
};
