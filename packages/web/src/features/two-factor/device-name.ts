// Most specific first: Edge and Chrome also say "Safari", Android also says "Linux".
const browsers: [RegExp, string][] = [
  [/Edg\w*\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\w+ )?Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Android (\d+)/, 'Android $1'],
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

function first(agent: string, table: [RegExp, string][], withNumber: boolean): string | undefined {
  for (const [pattern, name] of table) {
    const found = pattern.exec(agent);
    if (found) return withNumber && found[1] ? `${name} ${found[1]}` : name.replace('$1', found[1] ?? '');
  }
  return undefined;
}

/** A browser's long self-description, cut to what a person recognises: the browser and the system. */
export function deviceName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const parts = [first(userAgent, browsers, true), first(userAgent, systems, false)];
  return parts.filter(Boolean).join(' · ') || unknown;
}
