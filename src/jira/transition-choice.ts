import type { JiraTransition } from './jira-client';
import type { StatusCategory } from './jira-settings';

/**
 * The transition that takes the issue into `category`: one to a status the status map names for the item's
 * status (e.g. "Won't Do") if the workflow offers it, else the first into that category. Transition ids differ
 * per workflow, so they are never hard-coded.
 */
export function chooseTransition(transitions: readonly JiraTransition[], category: StatusCategory, preferredNames: readonly string[]): JiraTransition | null {
  const candidates = transitions.filter((t) => t.to.statusCategory?.key === category);
  const preferred = preferredNames.map((name) => name.toLowerCase());
  return candidates.find((t) => preferred.includes(t.to.name.toLowerCase())) ?? candidates[0] ?? null;
}
