import { optOutIntentOf } from './opt-out-keywords';

describe(optOutIntentOf.name, () => {
  it.each([
    { body: 'STOP', intent: 'stop' },
    { body: ' stop ', intent: 'stop' },
    { body: 'StopAll', intent: 'stop' },
    { body: 'UNSUBSCRIBE', intent: 'stop' },
    { body: 'cancel', intent: 'stop' },
    { body: 'END', intent: 'stop' },
    { body: 'quit', intent: 'stop' },
    { body: 'START', intent: 'start' },
    { body: 'unstop', intent: 'start' },
    { body: 'Yes', intent: 'start' },
    { body: 'please stop texting me', intent: undefined },
    { body: 'STOP!', intent: undefined },
    { body: 'thanks', intent: undefined },
  ])('reads "$body" as $intent', ({ body, intent }) => {
    expect(optOutIntentOf(body)).toBe(intent);
  });
});
