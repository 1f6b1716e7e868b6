/**
 * Is this chat message a request for work aimed at the team? A logistic model over the hand-built
 * features of requestFeatures.ts, with weights fitted from the labelled corpus in the repository
 * (npm run train:requests). Pure and fast: no network, no downloaded model.
 */
import { extractFeatures, type RequestFeature } from './requestFeatures.js';
import { REQUEST_MODEL } from './requestModel.js';

export interface RequestModel {
  bias: number;
  /** Scores at or above this are requests. */
  threshold: number;
  weights: Record<RequestFeature, number>;
}

export interface RequestVerdict {
  isRequest: boolean;
  /** Probability-like score in 0..1. */
  score: number;
  /** The features that pushed the score up, strongest first (reason codes, worded at the Slack edge). */
  reasons: RequestFeature[];
  /** The features that pulled it down, strongest first. */
  against: RequestFeature[];
}

/** The model's raw score of a set of features. */
export function scoreFeatures(features: readonly RequestFeature[], model: RequestModel): number {
  let sum = model.bias;
  for (const feature of features) sum += model.weights[feature];
  return 1 / (1 + Math.exp(-sum));
}

/** Scores a message's text (Slack markup allowed) as a request for work. */
export function detectRequest(text: string, model: RequestModel = REQUEST_MODEL): RequestVerdict {
  const features = extractFeatures(text);
  const score = scoreFeatures(features, model);
  const byWeight = (a: RequestFeature, b: RequestFeature) => Math.abs(model.weights[b]) - Math.abs(model.weights[a]);
  return {
    isRequest: score >= model.threshold,
    score,
    reasons: features.filter((feature) => model.weights[feature] > 0).sort(byWeight),
    against: features.filter((feature) => model.weights[feature] < 0).sort(byWeight),
  };
}
