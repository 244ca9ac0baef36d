/**
 * Twilio's standard messaging keywords: a reply that is exactly one of them (any case, surrounding spaces
 * ignored) opts the sender out of, or back into, SMS. Anything else is an ordinary reply.
 */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);

export type OptOutIntent = 'stop' | 'start';

export function optOutIntentOf(body: string): OptOutIntent | undefined {
  const word = body.trim().toUpperCase();
  if (OPT_OUT.has(word)) return 'stop';
  if (OPT_IN.has(word)) return 'start';
  return undefined;
}
