import { describe, expect, it } from "vitest";
import { newsPage, request } from "./helpers.ts";

const AUTH = { Authorization: "Bearer test-ingest-token", "Content-Type": "text/html" };
const put = (id: string, body: string) => request(`/api/articles/${id}`, { method: "PUT", headers: AUTH, body });
const article = async (id: string) => (await (await request(`/api/articles/${id}`)).json()) as { publishedAt: string; publishedAtSource?: string };

describe("undated pages (issue 14)", () => {
  it("say where their date came from, keep their first-seen time, and are listed for the operator", async () => {
    expect((await put("undated-1", newsPage({ title: "No date anywhere", url: "https://n.example/undated-1" }))).status).toBe(201);
    expect((await put("dated-1", newsPage({ title: "A dated page", url: "https://n.example/dated-1", date: "2025-04-30T09:00:00Z" }))).status).toBe(201);
    const first = await article("undated-1");
    expect(first.publishedAtSource).toBe("first-seen");
    expect((await article("dated-1")).publishedAtSource).toBe("metadata");

    // A later ingest of the same page, and of an edited one, keeps the first-seen time.
    await new Promise((resolve) => setTimeout(resolve, 1100)); // 'now' is kept to the second
    await put("undated-1", newsPage({ title: "No date anywhere", url: "https://n.example/undated-1" }));
    expect((await article("undated-1")).publishedAt).toBe(first.publishedAt);
    await put("undated-1", newsPage({ title: "No date anywhere", url: "https://n.example/undated-1", text: "An edited first paragraph that is long enough to be read as the story's lede." }));
    expect((await article("undated-1")).publishedAt).toBe(first.publishedAt);

    const listing = await request("/api/articles?undated", { headers: { Authorization: AUTH.Authorization } });
    expect(listing.status).toBe(200);
    const { undated } = (await listing.json()) as { undated: string[] };
    expect(undated).toContain("undated-1");
    expect(undated).not.toContain("dated-1");
    expect((await request("/api/articles?undated")).status).toBe(401);
    expect((await request("/api/articles", { headers: { Authorization: AUTH.Authorization } })).status).toBe(400);
  });
});
