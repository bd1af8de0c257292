import { describe, expect, it } from "vitest";
import { parseByline, toNameCase } from "../../src/extract/byline.ts";

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
