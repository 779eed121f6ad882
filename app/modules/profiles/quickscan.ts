import type { ServiceCode } from "./taxonomy";

/*
 * The digital quickscan, declared as data: 20 statements over five dimensions, each answered on
 * one four-step scale, and the rules that turn weak answers into recommended services. The
 * statements' text lives in i18n under `quickscan.questions.<id>`.
 */

export const dimensions = ["findability", "online_sales", "customer_contact", "operations", "data_security"] as const;
export type Dimension = (typeof dimensions)[number];

/** 0 = not at all … 3 = fully. */
export const answerScale = [0, 1, 2, 3] as const;
export const maxAnswer = 3;

export const questions: { id: string; dimension: Dimension }[] = [
  { id: "website", dimension: "findability" },
  { id: "mobile_friendly", dimension: "findability" },
  { id: "google_profile", dimension: "findability" },
  { id: "search_ranking", dimension: "findability" },
  { id: "webshop", dimension: "online_sales" },
  { id: "online_booking", dimension: "online_sales" },
  { id: "online_payments", dimension: "online_sales" },
  { id: "click_and_collect", dimension: "online_sales" },
  { id: "social_weekly", dimension: "customer_contact" },
  { id: "reviews", dimension: "customer_contact" },
  { id: "newsletter", dimension: "customer_contact" },
  { id: "photos_video", dimension: "customer_contact" },
  { id: "pos_digital", dimension: "operations" },
  { id: "stock_linked", dimension: "operations" },
  { id: "digital_plan", dimension: "operations" },
  { id: "weekly_time", dimension: "operations" },
  { id: "visitor_figures", dimension: "data_security" },
  { id: "backups", dimension: "data_security" },
  { id: "passwords_2fa", dimension: "data_security" },
  { id: "privacy_gdpr", dimension: "data_security" },
];

/**
 * A service is recommended when any of its questions is answered at or below `atMost`.
 * `digital_strategy` also follows from a weak overall score.
 */
export const recommendationRules: { service: ServiceCode; questions: string[]; atMost: number }[] = [
  { service: "website", questions: ["website", "mobile_friendly"], atMost: 1 },
  { service: "google_business_profile", questions: ["google_profile"], atMost: 1 },
  { service: "seo_sea", questions: ["search_ranking"], atMost: 1 },
  { service: "webshop", questions: ["webshop"], atMost: 0 },
  { service: "online_booking", questions: ["online_booking"], atMost: 0 },
  { service: "online_payments", questions: ["online_payments"], atMost: 1 },
  { service: "click_and_collect", questions: ["click_and_collect"], atMost: 0 },
  { service: "social_media", questions: ["social_weekly"], atMost: 1 },
  { service: "reviews_reputation", questions: ["reviews"], atMost: 1 },
  { service: "email_marketing", questions: ["newsletter"], atMost: 0 },
  { service: "content_photo_video", questions: ["photos_video"], atMost: 1 },
  { service: "pos_integration", questions: ["pos_digital", "stock_linked"], atMost: 0 },
  { service: "digital_strategy", questions: ["digital_plan", "weekly_time"], atMost: 0 },
  { service: "analytics", questions: ["visitor_figures"], atMost: 1 },
  { service: "cybersecurity_basics", questions: ["backups", "passwords_2fa", "privacy_gdpr"], atMost: 1 },
];

/** Below this overall score a digital strategy comes first, whatever else is weak. */
const strategyBelowOverall = 35;
/** At most this many recommendations: a shopkeeper can act on a handful, not on fifteen. */
const maxRecommendations = 5;

export type QuickscanAnswers = Record<string, number>;

export interface QuickscanResult {
  dimensionScores: Record<Dimension, number>;
  overallScore: number;
  recommendedServices: ServiceCode[];
}

export function scoreQuickscan(answers: QuickscanAnswers): QuickscanResult {
  const dimensionScores = Object.fromEntries(
    dimensions.map((d) => {
      const own = questions.filter((q) => q.dimension === d);
      const points = own.reduce((sum, q) => sum + answers[q.id], 0);
      return [d, Math.round((points / (own.length * maxAnswer)) * 100)];
    }),
  ) as Record<Dimension, number>;
  const overallScore = Math.round(dimensions.reduce((sum, d) => sum + dimensionScores[d], 0) / dimensions.length);

  // Weakest dimension first, then in rule order: the first recommendations matter most.
  const dimensionOf = new Map(questions.map((q) => [q.id, q.dimension]));
  const triggered = recommendationRules
    .map((rule, order) => ({ rule, order }))
    .filter(({ rule }) => rule.questions.some((q) => answers[q] <= rule.atMost))
    .sort(
      (a, b) =>
        dimensionScores[dimensionOf.get(a.rule.questions[0])!] - dimensionScores[dimensionOf.get(b.rule.questions[0])!] ||
        a.order - b.order,
    )
    .map(({ rule }) => rule.service);
  if (overallScore < strategyBelowOverall && !triggered.includes("digital_strategy")) triggered.unshift("digital_strategy");
  return { dimensionScores, overallScore, recommendedServices: triggered.slice(0, maxRecommendations) };
}
