// Messages for the screen never show the station's file paths (its data folder, its staging files,
// where it is installed): a path becomes its last part, the file's own name. The command line keeps
// its paths — there they are the ones the user typed.

/** An absolute POSIX path (two parts at least) or a Windows drive path, up to a space or punctuation; not inside a URL. */
const PATH = /(?<![\w.~:/-])(?:\/|[A-Za-z]:\\)(?:[^\s/\\'"`()<>:;,]+[/\\])+([^\s/\\'"`()<>:;,]*)/g;

export function withoutPaths(message: string): string {
  return message.replace(PATH, (_path, name: string) => name || 'a folder');
}
