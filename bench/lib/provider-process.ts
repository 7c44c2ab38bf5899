// The provider fake in a process of its own: in the benchmark's process, answering thousands of
// sends would delay the API calls it times, and the server would look slower than it is.
import { setPriority } from 'node:os';
import { fakeTwilio } from '@puente/server/testing';

// A real provider answers from its own machines. Here it shares the server's cores, so it
// yields them: what the benchmark times is the server's work, not the fake's.
setPriority(19);
const [sid = '', token = ''] = process.argv.slice(2);
const fake = await fakeTwilio(sid, token);
// Counted as they come, not recounted on each question: the benchmark asks every 50 ms. A round
// (the benchmark's 'round') starts the count again: each round reminds the same numbers once.
const numbers = new Set<string>();
let counted = 0;
let roundFrom = 0;
process.on('message', async (ask: 'count' | 'round' | 'close') => {
  if (ask === 'close') {
    await fake.close();
    process.disconnect();
    return;
  }
  for (; counted < fake.messages.length; counted++) numbers.add(fake.messages[counted]?.to ?? '');
  if (ask === 'round') {
    numbers.clear();
    roundFrom = counted;
  }
  process.send?.({ count: counted - roundFrom, distinct: numbers.size });
});
process.send?.({ url: fake.url });
