/** Where a server on `host` and `port` answers (an IPv6 address in brackets). */
export const serverUrl = (host: string, port: number) =>
  `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
