import { describe, expect, it } from 'vitest';
import { isE164, maskMobile, normaliseMobile } from './phone.js';

describe('mobile numbers', () => {
  it.each([
    '06-12345678',
    '06 1234 5678',
    '06 12 34 56 78',
    '0612345678',
    '(06) 12345678',
    '06.12.34.56.78',
    '+31 6 12345678',
    '+31612345678',
    '+31 (0)6 1234 5678',
    '0031612345678',
    '0031 6 1234 5678',
    '  06-12345678  ',
  ])('reads the Dutch mobile %j as +31612345678', (input) => {
    expect(normaliseMobile(input)).toBe('+31612345678');
  });

  it('reads foreign mobiles written with their country code, with + or 00', () => {
    expect(normaliseMobile('+32 470 12 34 56')).toBe('+32470123456');
    expect(normaliseMobile('0032 470 12 34 56')).toBe('+32470123456');
    expect(normaliseMobile('+49 151 23456789')).toBe('+4915123456789');
    expect(normaliseMobile('+44 7911 123456')).toBe('+447911123456');
  });

  it.each([
    ['a Dutch landline', '020-1234567'],
    ['a Dutch landline in international form', '+31 20 123 4567'],
    ['a free phone number', '0800-1234'],
    ['a Belgian landline', '+32 2 123 45 67'],
    ['too short', '06-1234567'],
    ['too long', '06-123456789'],
    ['only the prefix', '06'],
    ['words', 'mijn nummer'],
    ['letters among the digits', '06-1234567a8'],
    ['a number with text around it', 'bel 06-12345678'],
    ['a tel: link', 'tel:+31612345678'],
    ['empty', ''],
    ['spaces', '   '],
  ])('refuses %s (%j)', (_what, input) => {
    expect(normaliseMobile(input)).toBeUndefined();
  });

  it('shows only the last two digits, and not the length of the number', () => {
    expect(maskMobile('+31612345678')).toBe('•• •• •• •• 78');
    expect(maskMobile('+4915123456789')).toBe('•• •• •• •• 89');
    expect(maskMobile('+31612345678').replace(/\D/g, '')).toBe('78');
  });

  it('tells E.164 from other notations', () => {
    expect(isE164('+31612345678')).toBe(true);
    expect(isE164('0612345678')).toBe(false);
    expect(isE164('0031612345678')).toBe(false);
    expect(isE164('+31 6 12345678')).toBe(false);
  });
});
