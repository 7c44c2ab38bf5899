/** The demo accounts' published password: apart from demo.ts so announcing it loads none of the demo's data. */
export const DEMO_PASSWORD = 'demo-puente-2026';
