/**
 * What a file asked for that was not applied, one note per field per file: the paths of every entry
 * that holds the field, then why (`[0].tags, [2].tags: …`).
 */
export class Notes {
  readonly #byField = new Map<string, { paths: string[]; why: string }>();

  /** Records `path` (such as `[2].tags`) under `field`; the first reason given for a field is kept. */
  add(field: string, path: string, why: string): void {
    const entry = this.#byField.get(field);
    if (entry === undefined) this.#byField.set(field, { paths: [path], why });
    else if (!entry.paths.includes(path)) entry.paths.push(path);
  }

  list(): string[] {
    return [...this.#byField.values()].map(({ paths, why }) => `${paths.join(', ')}: ${why}`);
  }
}
