import { advanceJourney, exitJourney, startJourney, type JourneyState } from './journey';
import type { JourneyDefinition, JourneyStep } from './journey-definition';

const templates = { en: { subject: 's', text: 't' } };
const onboarding: JourneyDefinition = {
  steps: [
    { id: 'wait-three-days', type: 'wait', days: 3 },
    { id: 'opened-welcome', type: 'branch', on: 'opened', then: 'tips', else: 'reminder' },
    { id: 'tips', type: 'send', templates, next: 'done' },
    { id: 'reminder', type: 'send', templates },
    { id: 'done', type: 'exit' },
  ],
};
const T0 = new Date('2026-01-01T10:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const idFor = (ordinal: number) => `follow-up-${ordinal}`;
const timer = (now: Date) => ({ kind: 'timer' as const, now });
const result = (now: Date, fields: Partial<{ messageId: string; opened: boolean; clicked: boolean; converted: boolean }>) => ({
  kind: 'result' as const,
  now,
  messageId: 'welcome',
  opened: false,
  clicked: false,
  converted: false,
  ...fields,
});

/** Starts the onboarding journey and fires the start timer: it is then waiting its three days. */
function waiting(): JourneyState {
  return advanceJourney(onboarding, startJourney(onboarding, 'welcome', T0), timer(T0), idFor).state;
}

describe('the journey state machine', () => {
  it('starts due at once and, fired, waits three days without sending', () => {
    const started = startJourney(onboarding, 'welcome', T0);
    expect(started).toMatchObject({ status: 'active', stepId: 'wait-three-days', dueAt: T0.toISOString() });
    const advanced = advanceJourney(onboarding, started, timer(T0), idFor);
    expect(advanced.sends).toEqual([]);
    expect(advanced.state).toMatchObject({ status: 'active', stepId: 'wait-three-days', timerFor: 'wait-three-days', dueAt: at(3).toISOString() });
  });

  it('does nothing when a timer fires early', () => {
    const state = waiting();
    expect(advanceJourney(onboarding, state, timer(at(2.9)), idFor)).toEqual({ state, sends: [], trail: [] });
  });

  it.each([
    { case: 'opened the welcome', results: [{ opened: true }], step: 'tips' },
    { case: 'clicked the welcome (a click implies an open)', results: [{ clicked: true }], step: 'tips' },
    { case: 'ignored the welcome', results: [], step: 'reminder' },
    { case: 'opened an older message only', results: [{ messageId: 'older', opened: true }], step: 'reminder' },
  ])('after three days sends $step to a customer who $case, then exits', ({ results, step }) => {
    let state = waiting();
    for (const fields of results) state = advanceJourney(onboarding, state, result(at(1), fields), idFor).state;
    const advanced = advanceJourney(onboarding, state, timer(at(3)), idFor);
    expect(advanced.sends).toEqual([{ step: onboarding.steps.find((candidate) => candidate.id === step), ordinal: 1, messageId: 'follow-up-1' }]);
    expect(advanced.state).toMatchObject({ status: 'exited', exitReason: 'exit step done', lastMessageId: 'follow-up-1', sends: 1 });
    expect(advanced.state.dueAt).toBeUndefined();
  });

  it('exits on a conversion, and a later timer or result changes nothing', () => {
    const converted = advanceJourney(onboarding, waiting(), result(at(1), { converted: true }), idFor);
    expect(converted.state).toMatchObject({ status: 'exited', exitReason: 'converted' });
    expect(advanceJourney(onboarding, converted.state, timer(at(3)), idFor).sends).toEqual([]);
    expect(advanceJourney(onboarding, converted.state, result(at(4), { opened: true }), idFor).state).toBe(converted.state);
  });

  it('moves a waiting branch the moment the result arrives, and takes else when its time runs out', () => {
    const steps: JourneyStep[] = [
      { id: 'await-click', type: 'branch', on: 'clicked', withinDays: 2, then: 'thanks', else: 'nudge' },
      { id: 'thanks', type: 'send', templates, next: 'end' },
      { id: 'nudge', type: 'send', templates },
      { id: 'end', type: 'exit' },
    ];
    const journey = { steps };
    const armed = advanceJourney(journey, startJourney(journey, 'welcome', T0), timer(T0), idFor).state;
    expect(armed).toMatchObject({ stepId: 'await-click', dueAt: at(2).toISOString() });
    const clicked = advanceJourney(journey, armed, result(at(0.5), { opened: true, clicked: true }), idFor);
    expect(clicked.sends.map((send) => send.step.id)).toEqual(['thanks']);
    expect(clicked.trail).toEqual(['await-click:then', 'thanks', 'end']);
    const onlyOpened = advanceJourney(journey, armed, result(at(0.5), { opened: true }), idFor);
    expect(onlyOpened).toMatchObject({ sends: [], state: { stepId: 'await-click' } });
    expect(advanceJourney(journey, onlyOpened.state, timer(at(2)), idFor).sends.map((send) => send.step.id)).toEqual(['nudge']);
  });

  it('completes after its last step, and numbers each follow-up for its message id', () => {
    const journey: JourneyDefinition = { steps: [{ id: 'a', type: 'send', templates }, { id: 'b', type: 'send', templates }] };
    const advanced = advanceJourney(journey, startJourney(journey, 'welcome', T0), timer(T0), idFor);
    expect(advanced.sends.map((send) => send.messageId)).toEqual(['follow-up-1', 'follow-up-2']);
    expect(advanced.state).toMatchObject({ status: 'completed', sends: 2, lastMessageId: 'follow-up-2' });
  });

  it('stops a definition that loops without waiting', () => {
    const journey: JourneyDefinition = { steps: [{ id: 'loop', type: 'branch', on: 'opened', then: 'loop', else: 'loop' }] };
    expect(advanceJourney(journey, startJourney(journey, 'welcome', T0), timer(T0), idFor).state).toMatchObject({ status: 'exited', exitReason: expect.stringContaining('without a wait') });
  });

  it('exits an active journey from outside, and leaves a finished one alone', () => {
    expect(exitJourney(waiting(), 'left segment New')).toMatchObject({ status: 'exited', exitReason: 'left segment New' });
    const done = { ...waiting(), status: 'completed' as const };
    expect(exitJourney(done, 'left segment New')).toBe(done);
  });
});
