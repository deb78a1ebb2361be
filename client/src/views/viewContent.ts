/**
 * What a tree view shows, loaded outside `getChildren` and handed to the tree only when it changed. Pure: no vscode.
 *
 * Why: a tree refresh makes VS Code drop every row's command at once (the extension host keeps a row's command
 * arguments only as long as the row) and re-read the children; a click that lands in between does nothing, and an
 * expansion started in between is undone. Refreshing on every event (an editor switch back to the same document,
 * a file watcher echoing a change already shown, a diagnostics update that changes no count) opened that window
 * all the time. So a view loads first, compares what it would show with what it shows, and refreshes only on a
 * difference; `getChildren` answers from what was loaded, at once.
 */
export class ViewContent<T> {
  private shown: { data: T; key: string } | undefined;
  private generation = 0;
  private latest: Promise<void> | undefined;

  /**
   * `load` gives what the view would show now; `keyOf` says it as a string (equal strings: nothing to redraw);
   * `onChange(next, previous)` redraws and returns what the view shows from then on (usually `next`).
   */
  constructor(
    private readonly load: () => T | Promise<T>,
    private readonly keyOf: (data: T) => string,
    private readonly onChange: (next: T, previous: T | undefined) => T,
  ) {}

  /** What the view shows, or undefined before the first load. */
  get current(): T | undefined {
    return this.shown?.data;
  }

  /** For `getChildren`: what the view shows, after waiting for a first load if nothing was loaded yet. */
  async data(): Promise<T | undefined> {
    // A load that a newer one overtook sets nothing: then wait for the newer one.
    while (!this.shown) await (this.latest ?? this.reload());
    return this.shown.data;
  }

  /**
   * Loads again; calls `onChange` only when the result differs from what is shown. A load that a newer one
   * overtook is dropped, so a slow answer about an earlier editor never replaces a newer one.
   */
  reload(): Promise<void> {
    const generation = ++this.generation;
    const pending: Promise<void> = this.apply(generation).finally(() => {
      if (this.latest === pending) this.latest = undefined;
    });
    this.latest = pending;
    return pending;
  }

  private async apply(generation: number): Promise<void> {
    const data = await this.load();
    if (generation !== this.generation) return;
    const key = this.keyOf(data);
    if (this.shown && this.shown.key === key) return;
    this.shown = { data: this.onChange(data, this.shown?.data), key };
  }
}
