import type { Rule } from "../schema.ts";

/**
 * Korea JoongAng Daily (English edition of the JoongAng Ilbo). Only conventions seen in the
 * repository's own sample (articles/000_4c4acd25798775f3.txt) and in the site's public permalinks are
 * relied on, and each is served by a generic rule, because other sites share it:
 * - a closing all-caps byline with a bracketed contact address, "BY HAN JEE-HYE [lim.jeongwon@…]"
 *   (byline.ts; the Korean name case "Han Jee-hye" is generic too);
 * - captions ending in a bracketed credit, "… [YONHAP]", "… [SCREEN CAPTURE]" (captions.ts);
 * - photos under `/data/photo/YYYY/MM/DD/` (the image-path date signal, dates.ts);
 * - permalinks `/news/YYYY-MM-DD/<section>/<subsection>/<slug>/<id>` and, before 2022,
 *   `/YYYY/MM/DD/<section>/...` (the url-path date signal reads both forms).
 * No CSS selectors: none has been checked against the site's live HTML (the repository holds no saved
 * page from it), and a wrong body selector would win over paragraph scoring. Add one only with a
 * saved page under tests/fixtures/ that shows it.
 */
export const KOREA_JOONGANG_DAILY_RULE: Rule = {
  name: "Korea JoongAng Daily",
  hosts: ["koreajoongangdaily.joins.com"],
  fields: {},
};
