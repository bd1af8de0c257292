/** The committed expected Articles of articles/ (tests/fixtures/articles/<slug>/expected.json), schema-checked. */
import { readdirSync, readFileSync } from "node:fs";
import { ArticleSchema, type Article } from "../../src/model/index.ts";

const FIXTURES = new URL("../fixtures/articles/", import.meta.url);

export function expectedArticles(): Article[] {
  return readdirSync(FIXTURES).map((slug) => ArticleSchema.parse(JSON.parse(readFileSync(new URL(`${slug}/expected.json`, FIXTURES), "utf8"))));
}
