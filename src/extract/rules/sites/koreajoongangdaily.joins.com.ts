import type { Rule } from "../schema.ts";

/**
 * Korea JoongAng Daily (English edition of the JoongAng Ilbo).
 * - The closing "BY NAME [email]" byline and "caption [CREDIT]" captions are handled generically
 *   (byline.ts, captions.ts): other sites use them too.
 * - Body root: `#article_body` is the JoongAng family's body container according to public scrapers of
 *   joongang.co.kr; it is UNVERIFIED for this host and must be checked against real pages.
 * - Stories often carry no machine-readable date; the generic url-path / image-path signals apply
 *   (photos live under /data/photo/YYYY/MM/DD/).
 */
export const KOREA_JOONGANG_DAILY_RULE: Rule = {
  name: "Korea JoongAng Daily",
  hosts: ["koreajoongangdaily.joins.com"],
  fields: {
    title: [{ from: "css", selector: ".view-article-title" }],
  },
  content: {
    selectors: ["#article_body"],
    remove: [".ab_photo_more", ".article-ad"],
  },
};
