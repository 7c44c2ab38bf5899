/**
 * What Puente texts people, when the program has not written its own
 * template. Placeholders in braces are filled when sent: {name} {date}
 * {time} {place} {program}. No clinical words: a phone may be read by others.
 */
export const texts = {
  reminder:
    '{program}: Hi {name}, a reminder of your appointment on {date} at {time}. Reply 1 to confirm or 2 if you would like us to call you. Reply STOP to stop texts.',
  help: '{program}: texts about your appointments and from your community health worker. Reply STOP to stop, START to start again. Message and data rates may apply.',
  stopped: '{program}: you will not get any more texts from us. Reply START to start again.',
  started: '{program}: you will get texts from us again. Reply STOP to stop.',
  confirmed: '{program}: thank you, your appointment is confirmed.',
  visitConfirmed: '{program}: thank you, your visit is confirmed.',
  callMe: '{program}: thank you, we will call you soon.',
  programFallback: 'Your community health program',
  visitReminder:
    '{program}: Hi {name}, your community health worker will be in touch on {date} at {time}. Reply 1 to confirm or 2 if you need another time. Reply STOP to stop texts.',
} as const;
