// Exhaustiveness for switches over unions (the renderer's copy of electron/common's helper, which it
// may not import).
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
