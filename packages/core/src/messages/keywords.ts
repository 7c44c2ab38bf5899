/**
 * What a one-word reply means. Carriers require STOP-type words to end all
 * messages, START-type words to resume them and HELP-type words to be
 * answered; "yes"/"no" (and 1/2) answer a reminder, and "sí" also resumes
 * messages for someone who had stopped them (`replyAction` decides which).
 */
export type Keyword = 'stop' | 'start' | 'help' | 'yes' | 'no';

const words: Record<Keyword, readonly string[]> = {
  // CTIA's opt-out words, and their Spanish.
  stop: [
    'stop',
    'stopall',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'parar',
    'para',
    'cancelar',
    'alto',
    'baja',
  ],
  start: ['start', 'unstop', 'subscribe', 'empezar', 'comenzar', 'iniciar', 'reanudar'],
  help: ['help', 'info', 'ayuda', 'informacion'],
  yes: ['1', 'si', 'yes', 'ok', 'confirmo', 'confirm'],
  no: ['2', 'no'],
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // Punctuation and emoji around the word ("Sí!", "¡PARAR!", "1.") do not change it.
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');

/**
 * The keyword a reply is, or null for a message in its own words. Only a
 * reply that is the word alone counts ("stop" yes, "please don't stop" no),
 * case, accents and punctuation aside.
 * @example parseKeyword(' Sí! ') // 'yes'
 * @example parseKeyword('PARAR') // 'stop'
 */
export function parseKeyword(text: string): Keyword | null {
  const folded = fold(text);
  for (const [keyword, list] of Object.entries(words) as [Keyword, readonly string[]][]) {
    if (list.includes(folded)) return keyword;
  }
  return null;
}

/** What Puente does with an inbound text. */
export type ReplyAction = 'opt-out' | 'opt-in' | 'help' | 'confirm' | 'call-me' | 'thread';

/**
 * What an inbound text does, given whether its sender had stopped messages
 * and whether a reminder awaits an answer: "sí" from someone who stopped
 * resumes messages (as START), otherwise it confirms the appointment; a yes or
 * no with nothing to answer is an ordinary message for the thread.
 * @example replyAction('si', { optedOut: false, awaitingAnswer: true }) // 'confirm'
 */
export function replyAction(
  text: string,
  state: { optedOut: boolean; awaitingAnswer: boolean },
): ReplyAction {
  const keyword = parseKeyword(text);
  if (keyword === 'stop') return 'opt-out';
  if (keyword === 'start') return 'opt-in';
  if (keyword === 'help') return 'help';
  if (keyword === 'yes' && state.optedOut) return 'opt-in';
  if (state.optedOut) return 'thread';
  if (keyword === 'yes' && state.awaitingAnswer) return 'confirm';
  if (keyword === 'no' && state.awaitingAnswer) return 'call-me';
  return 'thread';
}
