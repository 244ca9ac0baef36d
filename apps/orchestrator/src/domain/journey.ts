import type { Engagement, JourneyDefinition, JourneyStep } from './journey-definition';

export type JourneyStatus = 'active' | 'completed' | 'exited';

/** Where one customer is in one journey; stored as it is, so a restart resumes exactly here. */
export interface JourneyState {
  status: JourneyStatus;
  /** The step to run next (or being waited on); undefined once finished. */
  stepId?: string;
  /** The timer: when the waiting step is due (ISO-8601). Unset while nothing waits. */
  dueAt?: string;
  /** The step `dueAt` belongs to; a step reached without one starts its own wait. */
  timerFor?: string;
  /** The latest message of the journey: branches look at its engagement. */
  lastMessageId: string;
  engagement: Record<Engagement, boolean>;
  /** Follow-ups sent so far: numbers the next one's deterministic message id. */
  sends: number;
  exitReason?: string;
}

export type JourneyEvent =
  | { kind: 'timer'; now: Date }
  | { kind: 'result'; now: Date; messageId: string; opened: boolean; clicked: boolean; converted: boolean };

/** A follow-up the caller must decide and send; `messageId` comes from `idFor(ordinal)`, so a retry repeats it. */
export interface JourneySend {
  step: Extract<JourneyStep, { type: 'send' }>;
  ordinal: number;
  messageId: string;
}

export interface JourneyAdvance {
  state: JourneyState;
  sends: JourneySend[];
  /** Steps passed through, for the journey's history. */
  trail: string[];
}

const NOT_ENGAGED: Record<Engagement, boolean> = { opened: false, clicked: false, converted: false };
/** A definition that loops through steps without waiting would never return: stop it instead. */
const MAX_STEPS_PER_ADVANCE = 100;

/** A journey whose first message went out: its first step runs at `now` (the timer is due at once). */
export function startJourney(journey: JourneyDefinition, firstMessageId: string, now: Date): JourneyState {
  return { status: 'active', stepId: journey.steps[0].id, dueAt: now.toISOString(), lastMessageId: firstMessageId, engagement: { ...NOT_ENGAGED }, sends: 0 };
}

/**
 * The journey state machine: a due timer or a campaign-result in, the new state and the follow-ups to send out.
 * Conversion on any journey message exits: the journey worked. Results for older messages only count conversion.
 */
export function advanceJourney(journey: JourneyDefinition, state: JourneyState, event: JourneyEvent, idFor: (ordinal: number) => string): JourneyAdvance {
  if (state.status !== 'active') return { state, sends: [], trail: [] };
  if (event.kind === 'result') {
    if (event.converted) return { state: finish(state, 'exited', 'converted'), sends: [], trail: [] };
    if (event.messageId !== state.lastMessageId) return { state, sends: [], trail: [] };
    const engagement = { opened: state.engagement.opened || event.opened || event.clicked, clicked: state.engagement.clicked || event.clicked, converted: false };
    return run(journey, { ...state, engagement }, event.now, idFor);
  }
  if (!state.dueAt || new Date(state.dueAt).getTime() > event.now.getTime()) return { state, sends: [], trail: [] };
  return run(journey, state, event.now, idFor);
}

function run(journey: JourneyDefinition, initial: JourneyState, now: Date, idFor: (ordinal: number) => string): JourneyAdvance {
  let state = initial;
  const sends: JourneySend[] = [];
  const trail: string[] = [];
  const isDue = () => state.timerFor === state.stepId && state.dueAt !== undefined && new Date(state.dueAt).getTime() <= now.getTime();
  for (let count = 0; state.status === 'active'; count++) {
    if (count === MAX_STEPS_PER_ADVANCE) return { state: finish(state, 'exited', `more than ${MAX_STEPS_PER_ADVANCE} steps without a wait`), sends, trail };
    const index = journey.steps.findIndex((step) => step.id === state.stepId);
    const step = journey.steps[index];
    if (!step) return { state: finish(state, 'completed'), sends, trail };
    const following = step.type === 'send' || step.type === 'wait' ? (step.next ?? journey.steps[index + 1]?.id) : undefined;
    switch (step.type) {
      case 'send': {
        trail.push(step.id);
        const messageId = idFor(state.sends + 1);
        sends.push({ step, ordinal: state.sends + 1, messageId });
        state = moveTo({ ...state, sends: state.sends + 1, lastMessageId: messageId, engagement: { ...NOT_ENGAGED } }, following);
        break;
      }
      case 'wait':
        if (isDue()) {
          trail.push(step.id);
          state = moveTo(state, following);
          break;
        }
        if (state.timerFor === step.id) return { state, sends, trail };
        return { state: { ...state, timerFor: step.id, dueAt: plusDays(now, step.days) }, sends, trail };
      case 'branch': {
        if (state.engagement[step.on]) {
          trail.push(`${step.id}:then`);
          state = moveTo(state, step.then);
        } else if (step.withinDays === undefined || isDue()) {
          trail.push(`${step.id}:else`);
          state = moveTo(state, step.else);
        } else if (state.timerFor === step.id) {
          return { state, sends, trail };
        } else {
          return { state: { ...state, timerFor: step.id, dueAt: plusDays(now, step.withinDays) }, sends, trail };
        }
        break;
      }
      case 'exit':
        trail.push(step.id);
        return { state: finish(state, 'exited', `exit step ${step.id}`), sends, trail };
    }
  }
  return { state, sends, trail };
}

function moveTo(state: JourneyState, stepId: string | undefined): JourneyState {
  const { dueAt: _dueAt, timerFor: _timerFor, ...rest } = state;
  return stepId ? { ...rest, stepId } : finish(state, 'completed');
}

function finish(state: JourneyState, status: Exclude<JourneyStatus, 'active'>, exitReason?: string): JourneyState {
  const { dueAt: _dueAt, timerFor: _timerFor, stepId: _stepId, ...rest } = state;
  return exitReason ? { ...rest, status, exitReason } : { ...rest, status };
}

/** Exits an active journey from outside (the customer left the journey's segment). */
export function exitJourney(state: JourneyState, reason: string): JourneyState {
  return state.status === 'active' ? finish(state, 'exited', reason) : state;
}

function plusDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
