/** True when dist/src/server.js is missing or older than any source file under `root`. */
export function distIsStale(root: string): boolean;
