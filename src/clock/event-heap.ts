/**
 * A binary min-heap of timed events ordered by (time, priority, sequence number), the
 * structure of SimPy's environment: ties are broken by insertion order, so a run is
 * deterministic.
 */
export interface TimedEvent {
  readonly at: number;
  readonly priority: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

function before(a: TimedEvent, b: TimedEvent): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventHeap {
  private readonly items: TimedEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimedEvent | undefined {
    return this.items[0];
  }

  push(event: TimedEvent): void {
    const items = this.items;
    items.push(event);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): TimedEvent | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l], items[m])) m = l;
        if (r < items.length && before(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }
}
