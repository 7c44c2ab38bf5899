import { failoverSuite } from '../test/failover.js';

// The primary hangs (SIGSTOP of all its processes): its sockets stay open and nothing answers.
failoverSuite({ how: 'frozen', stop: (pair) => pair.freezePrimary(), ports: [5455, 5459] });
