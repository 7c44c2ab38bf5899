import { failoverSuite } from '../test/failover.js';

// The primary crashes (pg_ctl stop -m immediate): its connections are reset at once.
failoverSuite({ how: 'killed', stop: (pair) => pair.killPrimary(), ports: [5450, 5454] });
