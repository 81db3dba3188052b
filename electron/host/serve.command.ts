// `loupe serve`: the workstation UI on 127.0.0.1 (the loupe host), for stations without the
// Electron shell and for browser tests. `npm start` falls back to this when Electron is absent.
import { defaultDataDir } from '../common/data-dir';
import { startHost } from './host-server';
import { textOption, type Command } from '../common/command-line/command';
import { dataFolder } from '../common/command-line/input-files';
import { ensureRendererBuilt } from '../common/renderer-build';

export const serveCommand: Command<{ url: string; dataDir: string }> = {
  name: 'serve',
  summary: 'serve the workstation UI on 127.0.0.1 (no Electron needed)',
  usage: 'usage: loupe serve [--port N] [--data DIR] [--portraits] [--json]\n\nPrints the URL (with its one-run token) and serves until interrupted.\n--portraits: the virtual scanner serves specimens with faces (generated into the data folder on first use).',
  options: { port: { type: 'string' }, data: { type: 'string' }, portraits: { type: 'boolean' } },
  async run(args, io) {
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    io.progress('building the user interface…');
    await ensureRendererBuilt();
    const host = await startHost({ dataDir, ...(typeof args.values.port === 'string' ? { port: Number(args.values.port) } : {}), ...(args.values.portraits === true ? { portraitSpecimens: true } : {}) });
    const stop = () => {
      void host.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return { url: host.url, dataDir };
  },
  human: ({ url, dataDir }) => `Loupe is running at\n\n  ${url}\n\nOpen it in a browser on this machine. Data: ${dataDir}. Ctrl+C stops.`,
};
