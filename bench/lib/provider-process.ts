// The provider fake in a process of its own: in the benchmark's process, answering thousands of
// sends would delay the API calls it times, and the server would look slower than it is.
import { fakeTwilio } from '@puente/server/testing';

const [sid = '', token = ''] = process.argv.slice(2);
const fake = await fakeTwilio(sid, token);
process.on('message', async (ask: 'count' | 'close') => {
  if (ask === 'close') {
    await fake.close();
    process.disconnect();
    return;
  }
  process.send?.({ count: fake.messages.length, distinct: new Set(fake.messages.map((m) => m.to)).size });
});
process.send?.({ url: fake.url });
