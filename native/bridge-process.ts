// How the bridge process is started. Under Electron, main passes a spawner built on
// utilityProcess.fork (its UtilityProcess object already has this shape); under plain Node the
// default forks the TypeScript entry with tsx. Nothing here imports 'electron'.
import { fork } from 'node:child_process';

export interface BridgeProcess {
  readonly pid?: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  kill(): unknown;
}

export type Spawner = (entry: string) => BridgeProcess;

/**
 * child_process.fork with tsx, so the .ts entry runs as is. `wrapper` starts it through another
 * command that execs Node (e.g. `nsenter -t PID -m -n --`, to run the bridge in the namespaces of
 * an isolated test stack); the IPC channel goes through as an inherited descriptor.
 */
export function createForkSpawner(wrapper: readonly string[] = []): Spawner {
  return (entry) => {
    const [command, ...prefix] = wrapper;
    const child = command
      ? fork(entry, [], { execPath: command, execArgv: [...prefix, process.execPath, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const proc: BridgeProcess = {
      get pid() {
        return child.pid;
      },
      postMessage(message) {
        // The channel closes when the child dies; the exit handler deals with that.
        if (child.connected) child.send(message as object, (error) => void error);
      },
      on(event: 'message' | 'exit', listener: (arg: never) => void) {
        if (event === 'message') child.on('message', listener as (m: unknown) => void);
        else child.on('exit', (code, signal) => (listener as (c: number | null) => void)(signal ? null : code));
        return proc;
      },
      kill() {
        return child.kill('SIGKILL');
      },
    };
    return proc;
  };
}

export const forkSpawner: Spawner = createForkSpawner();
