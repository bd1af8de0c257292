import { describe, expect, it } from "vitest";
import { authorsFromValues, parseByline, toNameCase } from "../../src/extract/byline.ts";

describe("toNameCase", () => {
  it.each([
    ["HAN JEE-HYE", "Han Jee-hye"],
    ["KIM MIN-JI", "Kim Min-ji"],
    ["HWANG JOON-KOOK", "Hwang Joon-kook"],
    ["JEE-HYE HAN", "Jee-hye Han"],
    ["JEAN-PAUL SARTRE", "Jean-Paul Sartre"],
    ["MARY O'BRIEN", "Mary O'Brien"],
    ["maria lopez", "Maria Lopez"],
  ])("%s -> %s", (input, expected) => {
    expect(toNameCase(input)).toBe(expected);
  });

  it("keeps mixed-case names as the author wrote them", () => {
    expect(toNameCase("Kim Min-Ji")).toBe("Kim Min-Ji");
    expect(toNameCase("Ursula von der Leyen")).toBe("Ursula von der Leyen");
  });
});

describe("parseByline", () => {
  it("reads the JoongAng closing byline with its bracketed email", () => {
    expect(parseByline("BY HAN JEE-HYE [lim.jeongwon@joongang.co.kr]")).toEqual([
      { name: "Han Jee-hye", email: "lim.jeongwon@joongang.co.kr" },
    ]);
  });

  it("splits 'By A and B'", () => {
    expect(parseByline("By Maria Lopez and Tom Okafor")).toEqual([{ name: "Maria Lopez" }, { name: "Tom Okafor" }]);
  });

  it("splits 'BY A, B [email]' and gives the single address to the first name", () => {
    expect(parseByline("BY KIM MIN-JI, JEAN-PAUL SARTRE [kim.minji@joongang.co.kr]")).toEqual([
      { name: "Kim Min-ji", email: "kim.minji@joongang.co.kr" },
      { name: "Jean-Paul Sartre" },
    ]);
  });

  it("rejects prose that starts with 'By'", () => {
    expect(parseByline("By the end of the week, the river had risen two meters.", { requirePrefix: true })).toEqual([]);
  });
});

describe("parseByline: names apart from titles, desks, dates and organisations", () => {
  it.each([
    ["By Jane Doe | Staff", [{ name: "Jane Doe" }]],
    ["Written by Jane Doe", [{ name: "Jane Doe" }]],
    ["By Jane Doe, Senior Reporter", [{ name: "Jane Doe" }]],
    ["By JOHN SMITH | May 3, 2025", [{ name: "John Smith" }]],
    ["By GILLIAN MOHNEY March 11, 2015 3:46 PM", [{ name: "Gillian Mohney" }]],
    ["by Lucas Nolan22 Dec 2016", [{ name: "Lucas Nolan" }]],
    ["By Reuters", [{ name: "Reuters" }]],
    ["By The Associated Press", [{ name: "Associated Press" }]],
    ["By AFP", [{ name: "AFP" }]],
    ["By Maria Lopez and Reuters", [{ name: "Maria Lopez" }, { name: "Reuters" }]],
  ])("%s", (line, expected) => {
    expect(parseByline(line)).toEqual(expected);
  });
});

describe("authorsFromValues", () => {
  it("keeps a JSON-LD Organization author as one organisation, spelled as given", () => {
    expect(authorsFromValues([{ "@type": "NewsMediaOrganization", name: "BBC News and Sport" }])).toEqual([{ name: "BBC News and Sport" }]);
  });

  it("drops duplicates and a repeated name followed by a bio line", () => {
    expect(authorsFromValues(["Jane Doe", { "@type": "Person", name: "jane doe" }, "Jane Doe Journaliste au Monde Suivre"])).toEqual([
      { name: "Jane Doe" },
    ]);
  });
});
