/**
 * Normalizes a phone number to E.164 (`+15551234567`). Numbers without a
 * country code are read as North American (10 digits). Returns undefined for
 * something that is not a phone number.
 * @example toE164('(555) 201-3344') // '+15552013344'
 */
export function toE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return undefined;
    if (digits.startsWith('1') && !isNanp(digits.slice(1))) return undefined;
    return `+${digits}`;
  }
  if (digits.length === 10 && isNanp(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1') && isNanp(digits.slice(1))) return `+${digits}`;
  return undefined;
}

// North American numbers: area code and exchange never start with 0 or 1.
function isNanp(ten: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(ten);
}

/**
 * The number a message to the person may be addressed to: only when they
 * agreed to texts and their phone is safe to contact (someone else may read
 * it); otherwise none, and the CHW chooses the recipient in their own app.
 * @example textablePhone({ okToText: true, safeToContact: false, phone: '+15552013344' }) // ''
 */
export function textablePhone(person: {
  okToText: boolean;
  safeToContact: boolean;
  phone: string | null;
}): string {
  return person.okToText && person.safeToContact && person.phone ? person.phone.replace(/[^\d+]/g, '') : '';
}
