import { describe, expect, it } from "vitest";
import { dimensions, questions, recommendationRules, scoreQuickscan } from "~/modules/profiles/quickscan";
import { QuickscanSchema } from "~/modules/profiles/schemas";
import { nl } from "~/lib/i18n/nl";

const allAnswers = (value: number) => Object.fromEntries(questions.map((q) => [q.id, value]));

describe("the quickscan", () => {
  it("has 15 to 25 statements over the five dimensions, each with Dutch text", () => {
    expect(questions.length).toBeGreaterThanOrEqual(15);
    expect(questions.length).toBeLessThanOrEqual(25);
    expect(new Set(questions.map((q) => q.dimension))).toEqual(new Set(dimensions));
    for (const q of questions) expect(nl.quickscan.questions[q.id as keyof typeof nl.quickscan.questions], q.id).toBeTruthy();
  });

  it("only recommends from rules that name real statements", () => {
    const ids = new Set(questions.map((q) => q.id));
    for (const rule of recommendationRules) for (const q of rule.questions) expect(ids.has(q), `${rule.service}: ${q}`).toBe(true);
  });

  it("scores 0 and 100 at the extremes", () => {
    expect(scoreQuickscan(allAnswers(0))).toMatchObject({ overallScore: 0, dimensionScores: { findability: 0, data_security: 0 } });
    expect(scoreQuickscan(allAnswers(3))).toEqual({
      overallScore: 100,
      dimensionScores: { findability: 100, online_sales: 100, customer_contact: 100, operations: 100, data_security: 100 },
      recommendedServices: [],
    });
  });

  it("scores each dimension as its share of the maximum, worked out by hand", () => {
    // findability: 3+3+2+1 = 9 of 12 → 75; online sales: 0+0+3+0 = 3 of 12 → 25; the rest 2s → 67.
    const answers = { ...allAnswers(2), website: 3, mobile_friendly: 3, google_profile: 2, search_ranking: 1, webshop: 0, online_booking: 0, online_payments: 3, click_and_collect: 0 };
    const result = scoreQuickscan(answers);
    expect(result.dimensionScores).toEqual({ findability: 75, online_sales: 25, customer_contact: 67, operations: 67, data_security: 67 });
    expect(result.overallScore).toBe(60); // (75 + 25 + 67 + 67 + 67) / 5 = 60.2
    // The weakest dimension's services come first.
    expect(result.recommendedServices).toEqual(["webshop", "online_booking", "click_and_collect", "seo_sea"]);
  });

  it("puts a digital strategy first for a business that is just starting", () => {
    // Mostly "a little", with a plan on paper (so the strategy rule itself does not fire).
    const result = scoreQuickscan({ ...allAnswers(1), digital_plan: 2, website: 0 });
    expect(result.overallScore).toBeLessThan(35);
    expect(result.recommendedServices[0]).toBe("digital_strategy");
    expect(result.recommendedServices).toHaveLength(5);
  });

  it("validates every answer as 0–3", () => {
    expect(QuickscanSchema.safeParse(Object.fromEntries(questions.map((q) => [q.id, "2"]))).success).toBe(true);
    const bad = QuickscanSchema.safeParse({ ...allAnswers(2), website: 4, backups: "x" });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path}:${i.message}`).sort()).toEqual(["backups:errors.required", "website:errors.invalidChoice"]);
  });
});
