import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { type Plugin, type ResolvedConfig, transformWithOxc } from 'vite';

interface Options {
  /** The service worker's TypeScript source, relative to the Vite root. */
  source: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]),
    ),
  );
  return nested.flat();
}

/**
 * Emits `sw.js` at build time: the worker's own code, preceded by the list of every built file
 * to precache and a version hash of their contents, so each deploy gets a fresh cache.
 * @example plugins: [serviceWorker({ source: 'src/sw/service-worker.ts' })]
 */
export function serviceWorker(options: Options): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'puente-service-worker',
    apply: 'build',
    // After Vite's own plugins, so index.html is already in the bundle.
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    async generateBundle(_output, bundle) {
      if (!config) return;
      const hash = createHash('sha256');
      const urls: string[] = [];
      for (const [fileName, file] of Object.entries(bundle).sort(([a], [b]) => a.localeCompare(b))) {
        if (fileName.endsWith('.map')) continue;
        urls.push(`/${fileName}`);
        hash.update(fileName).update(file.type === 'chunk' ? file.code : file.source);
      }
      const publicDir = config.publicDir;
      for (const path of (await listFiles(publicDir)).sort()) {
        const url = `/${relative(publicDir, path).split(sep).join('/')}`;
        urls.push(url);
        hash.update(url).update(await readFile(path));
      }
      const sourcePath = resolve(config.root, options.source);
      const code = await readFile(sourcePath, 'utf8');
      const { code: js } = await transformWithOxc(code, sourcePath, { lang: 'ts' });
      const version = hash.digest('hex').slice(0, 12);
      const header = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(urls)};\n`;
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: header + js });
    },
  };
}
