import { fileURLToPath } from "node:url";

/**
 * Node's `assert` for an example extracted by `scripts/doc-examples.mjs` (D-169): the same functions with the same
 * types, but a failed assertion's message starts with the file and line the example was written at — `file`, and
 * the extracted module's line plus `offset` — so a wrong example is reported where it must be mended, not in the
 * generated module. `module` is the extracted module's `import.meta.url`.
 */
export function asserting<A extends object>(assert: A, file: string, offset: number, module: string): A {
  const path = fileURLToPath(module);
  const located = (error: unknown): unknown => {
    if (!(error instanceof Error) || (error as { code?: unknown }).code !== "ERR_ASSERTION") return error;
    error.message = `${file}:${lineOf(error.stack ?? "", path, offset) ?? "?"}: ${error.message}`;
    return error;
  };
  const wrap = (f: (...args: unknown[]) => unknown, self: unknown) =>
    function (this: unknown, ...args: unknown[]): unknown {
      let result: unknown;
      try {
        result = Reflect.apply(f, self, args);
      } catch (error) {
        throw located(error);
      }
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(located(error))) : result;
    };
  return new Proxy(assert, {
    apply: (target, self, args) => wrap(target as (...a: unknown[]) => unknown, self)(...args),
    get: (target, key, receiver) => {
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" && key !== "AssertionError"
        ? wrap(value as (...a: unknown[]) => unknown, target)
        : value;
    },
  });
}

/** The line of the example a stack trace's first frame in the extracted module stands at, or undefined. */
export function lineOf(stack: string, path: string, offset: number): number | undefined {
  for (const frame of stack.split("\n")) {
    const at = frame.lastIndexOf(`${path}:`);
    if (at === -1) continue;
    const line = Number.parseInt(frame.slice(at + path.length + 1), 10);
    if (Number.isSafeInteger(line)) return line + offset;
  }
  return undefined;
}
