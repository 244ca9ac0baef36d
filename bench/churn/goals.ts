export type Verdict = 'PASS' | 'MISS' | 'INFO' | 'SKIPPED' | 'ERROR';

/** One line of the final summary: what was aimed at, what this run measured, and whether it got there. */
export interface GoalResult {
  part: string;
  goal: string;
  measured: string;
  verdict: Verdict;
}

export function judged(part: string, goal: string, measured: string, isMet: boolean): GoalResult {
  return { part, goal, measured, verdict: isMet ? 'PASS' : 'MISS' };
}

export function info(part: string, goal: string, measured: string): GoalResult {
  return { part, goal, measured, verdict: 'INFO' };
}

/** A part that did not run still gets a line, so the summary never silently drops a goal. */
export function notMeasured(part: string, verdict: 'SKIPPED' | 'ERROR', reason: string): GoalResult {
  return { part, goal: '(all goals of this part)', measured: reason, verdict };
}
