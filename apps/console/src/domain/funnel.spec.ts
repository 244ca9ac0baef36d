import { funnelSteps } from './funnel';

describe('the funnel steps', () => {
  it('gives each step its rate from the step before and from the messages sent', () => {
    const steps = funnelSteps({ requested: 12, sent: 10, opened: 5, clicked: 2, converted: 1 });
    expect(steps.map((step) => [step.step, step.count, step.rateFromPrevious, step.rateFromSent])).toEqual([
      ['Trigger Sent', 10, 1, 1],
      ['Opened', 5, 0.5, 0.5],
      ['Clicked', 2, 0.4, 0.2],
      ['Purchase', 1, 0.5, 0.1],
    ]);
  });

  it('has zero rates, not NaN, when nothing was sent', () => {
    expect(funnelSteps({ requested: 0, sent: 0, opened: 0, clicked: 0, converted: 0 }).every((step) => step.rateFromPrevious === 0)).toBe(true);
  });
});
