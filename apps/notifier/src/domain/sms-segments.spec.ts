import { checkSegmentLimit, measureSms } from './sms-segments';

describe(measureSms.name, () => {
  // Twilio's documented limits: 160 GSM-7 / 70 UCS-2 code units in one segment, 153 / 67 per concatenated segment.
  it.each([
    { text: 'a'.repeat(160), encoding: 'GSM-7', segments: 1, codeUnits: 160 },
    { text: 'a'.repeat(161), encoding: 'GSM-7', segments: 2, codeUnits: 161 },
    { text: 'a'.repeat(306), encoding: 'GSM-7', segments: 2, codeUnits: 306 },
    { text: 'a'.repeat(307), encoding: 'GSM-7', segments: 3, codeUnits: 307 },
    { text: 'ê'.repeat(70), encoding: 'UCS-2', segments: 1, codeUnits: 70 },
    { text: 'ê'.repeat(71), encoding: 'UCS-2', segments: 2, codeUnits: 71 },
    { text: 'ê'.repeat(134), encoding: 'UCS-2', segments: 2, codeUnits: 134 },
    { text: 'ê'.repeat(135), encoding: 'UCS-2', segments: 3, codeUnits: 135 },
  ])('$codeUnits code units of $encoding take $segments segment(s)', ({ text, encoding, segments, codeUnits }) => {
    expect(measureSms(text)).toMatchObject({ encoding, segments, codeUnits });
  });

  it('counts an extension-table character (€, {, [, ~) as two GSM-7 code units', () => {
    expect(measureSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, codeUnits: 160 });
    expect(measureSms('€'.repeat(81))).toMatchObject({ encoding: 'GSM-7', segments: 2, codeUnits: 162 });
    expect(measureSms(`${'a'.repeat(159)}{`)).toMatchObject({ encoding: 'GSM-7', segments: 2, codeUnits: 161 });
  });

  it('keeps accented letters of the GSM-7 basic table (é, ü, Ç, ñ) in GSM-7, but not those outside it (ú)', () => {
    expect(measureSms('Café für Señor Müller? Ça va, Åse')).toMatchObject({ encoding: 'GSM-7', segments: 1, nonGsmCharacters: [] });
    expect(measureSms('Ñandú')).toMatchObject({ encoding: 'UCS-2', nonGsmCharacters: ['ú'] });
  });

  it('counts an emoji as a surrogate pair, two UCS-2 code units, and names it as the reason for UCS-2', () => {
    expect(measureSms('😀'.repeat(35))).toMatchObject({ encoding: 'UCS-2', segments: 1, codeUnits: 70, nonGsmCharacters: ['😀'] });
    expect(measureSms('😀'.repeat(36))).toMatchObject({ encoding: 'UCS-2', segments: 2, codeUnits: 72 });
  });

  it('switches the whole body to UCS-2 for one character outside GSM-7, as Twilio\'s calculator shows for a curly quote', () => {
    const text = `${'a'.repeat(69)}’`;
    expect(measureSms('a'.repeat(70))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(measureSms(text)).toMatchObject({ encoding: 'UCS-2', segments: 1, codeUnits: 70, nonGsmCharacters: ['’'] });
    expect(measureSms(`${text}a`)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });
});

describe(checkSegmentLimit.name, () => {
  it('allows a body at the limit and refuses one above it, naming the count, the encoding and the culprits', () => {
    expect(checkSegmentLimit(measureSms('a'.repeat(612)), 4)).toEqual({ allowed: true });
    expect(checkSegmentLimit(measureSms(`${'a'.repeat(300)}😀`), 2)).toEqual({
      allowed: false,
      reason: 'the text needs 5 UCS-2 segments (UCS-2 because of 😀), over the limit of 2 (NOTIFIER_SMS_MAX_SEGMENTS)',
    });
  });
});
