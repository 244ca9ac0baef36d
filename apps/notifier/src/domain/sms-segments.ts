import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** How a body travels as SMS: what the carrier bills is `segments`, not characters. */
export interface SmsMeasure {
  encoding: SmsEncoding;
  segments: number;
  /** In the encoding's code units: GSM-7 extension characters (€, [, {, …) count 2, UCS-2 surrogate pairs count 2. */
  codeUnits: number;
  /** The characters that forced UCS-2, so a copywriter can replace them; empty for GSM-7. */
  nonGsmCharacters: string[];
}

/**
 * Twilio's own calculator (sms-segments-calculator, from TwilioDevEd/message-segment-calculator): GSM-7 when
 * every character is in the basic or extension table, else UCS-2; 160/70 code units in a single segment,
 * 153/67 per segment once the user-data header of a concatenated message takes its share. Smart Encoding is
 * left off: we measure what we send.
 */
export function measureSms(body: string): SmsMeasure {
  const segmented = new SegmentedMessage(body, 'auto', false);
  return {
    encoding: segmented.encodingName,
    segments: segmented.segmentsCount,
    // The calculator's character count is in graphemes for UCS-2; bits over the unit size is in code units for both.
    codeUnits: segmented.messageSize / (segmented.encodingName === 'GSM-7' ? 7 : 16),
    nonGsmCharacters: [...new Set(segmented.getNonGsmCharacters())],
  };
}

export type SmsVerdict = { allowed: true } | { allowed: false; reason: string };

/** A body over the cap is never sent: every segment is billed, and a 10-part text reads as spam. */
export function checkSegmentLimit(measure: SmsMeasure, maxSegments: number): SmsVerdict {
  if (measure.segments <= maxSegments) return { allowed: true };
  const culprits = measure.nonGsmCharacters.length > 0 ? ` (UCS-2 because of ${measure.nonGsmCharacters.slice(0, 5).join(' ')})` : '';
  return {
    allowed: false,
    reason: `the text needs ${measure.segments} ${measure.encoding} segments${culprits}, over the limit of ${maxSegments} (NOTIFIER_SMS_MAX_SEGMENTS)`,
  };
}
