interface Task {
  at: number;
  seq: number;
  run: (at: number) => void;
}

/** Work due at a point on the emulator's clock: build completions, queue results, delayed deletions. */
export class Scheduler {
  #tasks: Task[] = [];
  #seq = 0;

  schedule(at: number, run: (at: number) => void): void {
    const task: Task = { at, seq: (this.#seq += 1), run };
    let low = 0;
    let high = this.#tasks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.#tasks[mid]!;
      if (other.at < at || (other.at === at && other.seq < task.seq)) low = mid + 1;
      else high = mid;
    }
    this.#tasks.splice(low, 0, task);
  }

  /** Runs every task due at or before `now`, oldest first; tasks may schedule more. */
  runDue(now: number): void {
    while (this.#tasks.length > 0 && this.#tasks[0]!.at <= now) {
      const task = this.#tasks.shift()!;
      task.run(task.at);
    }
  }

  nextAt(): number | undefined {
    return this.#tasks[0]?.at;
  }

  clear(): void {
    this.#tasks = [];
  }
}
