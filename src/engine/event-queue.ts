import { Heap } from 'heap-js';
import type { Picoseconds } from './time.js';

/**
 * Priorities among events at the same time; lower runs first. Named so that
 * every ordering decision has a reason next to it.
 */
export const Priority = {
  /** Memory completions first: a unit waiting on data sees it at the same instant. */
  MEMORY_DONE: 0,
  /** Compute units finishing work release resources before new work starts. */
  COMPUTE_DONE: 10,
  /** Control decisions (start the next stripe, layer, frame) after completions. */
  CONTROL: 20,
  /** Power-state changes after all work at this instant has been scheduled. */
  POWER_STATE: 30,
  /** Statistics sampling sees the settled state of the instant. */
  STATS: 40,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

export interface ScheduledEvent {
  readonly time: Picoseconds;
  readonly priority: number;
  readonly seq: number;
  readonly action: () => void;
  cancelled: boolean;
}

function compareEvents(a: ScheduledEvent, b: ScheduledEvent): number {
  // heap-js is not stable: the sequence number makes equal (time, priority) FIFO.
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

/** The discrete-event simulator: one queue, one clock of integer picoseconds. */
export class Simulator {
  private readonly heap = new Heap<ScheduledEvent>(compareEvents);
  private nextSeq = 0;
  private now_ps: Picoseconds = 0;
  /** Events executed (cancelled ones are not counted). */
  eventsProcessed = 0;

  get now(): Picoseconds {
    return this.now_ps;
  }

  /** Schedule `action` at absolute time `time` (>= now). */
  at(time: Picoseconds, priority: number, action: () => void): ScheduledEvent {
    if (!Number.isSafeInteger(time)) throw new RangeError(`event time ${time} ps is not a safe integer`);
    if (time < this.now_ps) throw new RangeError(`event at ${time} ps is in the past (now ${this.now_ps} ps)`);
    const ev: ScheduledEvent = { time, priority, seq: this.nextSeq++, action, cancelled: false };
    this.heap.push(ev);
    return ev;
  }

  /** Schedule `action` after `delay` ps. */
  after(delay: Picoseconds, priority: number, action: () => void): ScheduledEvent {
    return this.at(this.now_ps + delay, priority, action);
  }

  /** Lazy cancellation: the event stays in the heap and is skipped when popped. */
  cancel(ev: ScheduledEvent): void {
    ev.cancelled = true;
  }

  get pending(): number {
    return this.heap.size();
  }

  /** Run until the queue is empty or the next event is later than `until`. Returns the time reached. */
  run(until: Picoseconds = Number.MAX_SAFE_INTEGER): Picoseconds {
    for (;;) {
      const ev = this.heap.peek();
      if (ev === undefined || ev.time > until) break;
      this.heap.pop();
      if (ev.cancelled) continue;
      this.now_ps = ev.time;
      this.eventsProcessed++;
      ev.action();
    }
    if (until !== Number.MAX_SAFE_INTEGER && until > this.now_ps) this.now_ps = until;
    return this.now_ps;
  }
}
