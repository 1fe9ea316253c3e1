import { setSimilarity } from '../parser/text-similarity';
import { subjectOf } from './measure-subject';
import { wordsOf } from './words';

export interface MeasureSignature {
  category: string | null;
  /** What the measure is about (memory, load, certificate, …); see measure-subject.ts for the vocabulary. */
  subject: string | null;
  /** Salient words, sorted: also the lookup keys for candidates. */
  terms: string[];
}

export interface MeasureCandidate {
  measureId: string;
  serviceId: string | null;
  signature: MeasureSignature;
}

export interface MeasureMatch {
  measureId: string;
  score: number;
  sharedTerms: string[];
  evidence: string;
}

export const MEASURE_MATCH_THRESHOLD = 0.5;

const SAME_SERVICE_BONUS = 0.1;

const MAX_TERMS = 24;

// Words that say how much or how eagerly something is done, not what is done.
const FILLER = new Set(
  (
    'implement implemented implementing implementation add added adding improve improved improving improvement ' +
    'enhance enhanced enhancing enhancement better more detailed granular regular regularly additional ensure ' +
    'ensuring conduct perform establish create introduce make new all every potential specific specifically any ' +
    'other will be team our etc also should must can could would may need needed this that these those such as by ' +
    'from at it its into so than then there their they them which when where how what who via up out about most ' +
    'much many some each both only just very well use using used set get has have had was were been do does done ' +
    'not no if eg ie us we you your proper properly appropriate robust comprehensive thorough effective clear ' +
    'clearer early earlier timely future ongoing going forward further necessary required relevant key various ' +
    'several overall across within before after during per like including include boost strengthen extend expand ' +
    'refine revisit put place start begin continue consider run against above below fine finer grained rich richer'
  ).split(' '),
);

const isSalient = (word: string): boolean => !FILLER.has(word) && !/^\d+$/.test(word);

/** What identifies a measure across postmortems, however it is worded. */
export function measureSignature(text: string, category: string | null): MeasureSignature {
  // Cap in reading order, so the lead-in's words are the ones kept from a long text.
  const terms = wordsOf(text).filter(isSalient).slice(0, MAX_TERMS).sort();
  return { category, subject: subjectOf(text, category), terms };
}

/**
 * The measure an action item repeats, or null. Rule:
 * - categories must be equal, and null never matches;
 * - both have a subject and they differ → no match (memory alerts are not disk alerts);
 * - both have the same subject → 0.6 + 0.3 × Jaccard(terms) + 0.1 if both name the same service;
 * - at most one has a subject → Jaccard(terms) + 0.1 if the same service, at most 1;
 * - null below MEASURE_MATCH_THRESHOLD (0.5). So a shared subject alone is enough, while measures without one
 *   need Jaccard ≥ 0.5 (≥ 0.4 for the same service). Two vendor measures such as "Vendor outreach: a shared chat channel with the
 *   provider" and "Keep an escalation contact list for the hosting vendor" have no subject (naming the vendor
 *   only restates the category), share only "vendor" and do not match.
 * Several candidates may belong to one measure: the best-scoring one decides; a tie keeps the first.
 */
export function bestMeasure(item: { serviceId: string | null; signature: MeasureSignature }, candidates: MeasureCandidate[]): MeasureMatch | null {
  let best: MeasureMatch | null = null;
  for (const candidate of candidates) {
    const match = compare(item, candidate);
    if (match && (!best || match.score > best.score)) best = match;
  }
  return best && best.score >= MEASURE_MATCH_THRESHOLD ? best : null;
}

/**
 * The fewest terms an item with `termCount` terms must share with a measure whose subject is not the item's
 * (or either has none) for them to match: such a score is Jaccard + at most the service bonus, and Jaccard is at
 * most shared / termCount. So candidate lookups can pass over measures that share fewer.
 */
export function minSharedTerms(termCount: number): number {
  // Scores are rounded to 3 decimals before the threshold applies, so 0.4995 already passes; the 1e-9 keeps
  // floating-point error on the side of asking for fewer.
  const leastSimilarity = MEASURE_MATCH_THRESHOLD - 0.0005 - SAME_SERVICE_BONUS;
  return Math.max(1, Math.ceil(leastSimilarity * termCount - 1e-9));
}

function compare(item: { serviceId: string | null; signature: MeasureSignature }, candidate: MeasureCandidate): MeasureMatch | null {
  const mine = item.signature;
  const theirs = candidate.signature;
  if (mine.category === null || mine.category !== theirs.category) return null;
  if (mine.subject && theirs.subject && mine.subject !== theirs.subject) return null;
  const sameSubject = mine.subject !== null && mine.subject === theirs.subject;
  const sameService = item.serviceId !== null && item.serviceId === candidate.serviceId;
  const similarity = setSimilarity(new Set(mine.terms), new Set(theirs.terms));
  const serviceBonus = sameService ? SAME_SERVICE_BONUS : 0;
  const score = sameSubject ? 0.6 + 0.3 * similarity + serviceBonus : Math.min(1, similarity + serviceBonus);
  const theirTerms = new Set(theirs.terms);
  const sharedTerms = mine.terms.filter((term) => theirTerms.has(term));
  const about = sameSubject ? ` about ${mine.subject}` : '';
  const service = sameService ? ' for the same service' : '';
  const shared = sharedTerms.length > 0 ? sharedTerms.join(', ') : 'none';
  return {
    measureId: candidate.measureId,
    score: Math.round(score * 1000) / 1000,
    sharedTerms,
    evidence: `Both are ${mine.category} measures${about}${service}; shared words: ${shared}.`,
  };
}
