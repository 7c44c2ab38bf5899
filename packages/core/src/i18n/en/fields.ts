/** Messages about one form field, shown next to it. */
export const fields = {
  required: 'This is required.',
  partnerOrCategory: 'Name a partner, choose a kind of partner, or both.',
  onlyForSharing: 'Only a consent to share names what it covers.',
  tooLong: 'Keep this under {max} characters.',
  tooShort: 'This needs at least {min} characters.',
  tooMany: 'Choose at most {max}.',
  tooSmall: 'This must be at least {min}.',
  tooBig: 'This must be at most {max}.',
  invalid: 'This value is not valid.',
  choose: 'Choose one of the options.',
  unknownField: 'This field is not expected here.',
  email: 'Enter an email address like name@example.org.',
  uuid: 'This id is not valid.',
  date: 'Enter a date as YYYY-MM-DD.',
  dateTime: 'Enter a date and time.',
  phone: 'This is not a phone number we can call. Use 10 digits, or + and the country code.',
  birthDateFuture: 'A birth date cannot be in the future.',
  birthDateTooOld: 'A birth date before 1900 is not possible.',
  dateTooEarly: 'This date is too far in the past. Check the year.',
  dateTooLate: 'This date is too far in the future. Check the year.',
  notInFuture: 'This cannot be in the future.',
  url: 'Enter a web address starting with https://, or a tel: or mailto: link.',
  noNul: 'This contains a character that cannot be saved (NUL).',
  tooDeep: 'This is nested too deeply.',
  textOrTemplate: 'Write a message or choose a template, not both.',
  jwkPublicOnly: 'Register the public key only: this key holds its private part.',
  jwkNotUsable:
    'Each key must be an RSA key of 2048 bits or more (RS384) or an EC key on the P-384 curve (ES384).',
  smartScope: 'Write a SMART system scope for a type the FHIR API serves, such as system/Patient.rs.',
  jwksOrUrl: 'Give the keys themselves or the address where they are published, not both.',
  jwksUrl:
    'Puente could not read a key set at this address. It must answer JSON {"keys": […]} over https within 5 seconds.',
  hoursNotUnderstood:
    'Puente could not read these hours. Write days then times, such as “Mon-Fri 9am-5pm; Sat 10am-2pm”, “24/7” or “closed”.',
  addressNotUnderstood:
    'Write the address as street, city, state and ZIP, such as “123 Main St, Austin, TX 78701”.',
} as const;
