import cron from "node-cron";
import type { DomainEventMap } from "@server/events.js";
import type { Services } from "@server/services.js";

type EventName = keyof DomainEventMap;

/**
 * A piece of background work and what starts it: a schedule (cron with seconds, in a time zone),
 * a domain event, or the server's start. Jobs only look for work; the database decides who does it,
 * so every process runs every job.
 */
type JobBase = {
  /** Names the job in logs. */
  name: string;
  /** At shutdown, after the trigger is gone and runs in progress have ended: let work the job keeps outside its runs finish. */
  stop?: () => Promise<void>;
};
export type ScheduledJob = JobBase & {
  trigger: { schedule: string; timezone?: string } | { atStart: true };
  run: () => Promise<unknown>;
};
export type EventJob<E extends EventName> = JobBase & {
  trigger: { event: E };
  run: (payload: DomainEventMap[E]) => Promise<unknown>;
};
export type Job = ScheduledJob | { [E in EventName]: EventJob<E> }[EventName];

/** Starts the jobs; the function returned stops their triggers, waits for their runs, then stops each job. */
export function startJobs(services: Services, jobs: Job[]): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  services.jobRuns.register(jobs.map((job) => job.name));
  const stoppers = jobs.map((job) => {
    const run = (payload: unknown) => {
      const finished = services.jobRuns.started(job.name);
      // Recorded within the run, so that stopping waits for the record too.
      const done = (job.run as (payload: unknown) => Promise<unknown>)(payload)
        .then(
          () => finished(),
          (error: unknown) => {
            services.logger.error({ err: error, job: job.name, ...idsIn(payload) }, "background job failed");
            return finished(error);
          },
        )
        .finally(() => running.delete(done));
      running.add(done);
      return done;
    };
    const trigger = job.trigger;
    if ("schedule" in trigger) {
      // A tick that finds the previous run still going is skipped, not queued.
      const task = cron.schedule(trigger.schedule, () => run(undefined), {
        noOverlap: true,
        timezone: trigger.timezone,
      });
      return async () => void (await task.destroy());
    }
    if ("event" in trigger) {
      const unsubscribe = services.events.on(trigger.event, (payload) => void run(payload));
      return async () => unsubscribe();
    }
    void run(undefined);
    return async () => {};
  });
  return async () => {
    for (const stopTrigger of stoppers) await stopTrigger();
    await Promise.all(running);
    for (const job of jobs) await job.stop?.();
  };
}

/** The ids an event names (itemId, postId...), for the log line of a failed run; nothing else of the payload. */
function idsIn(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== "object") return {};
  return Object.fromEntries(Object.entries(payload).filter(([key]) => key.endsWith("Id")));
}

/**
 * A run that sends what is due until nothing is; a call while it runs joins it and asks for one
 * more pass, so a burst of events is one sending run (and one more), never one per event.
 */
export function drainWhileDue(sendDue: () => Promise<number>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while ((await sendDue()) > 0);
      } while (again);
    })().finally(() => (running = null));
    return running;
  };
}

/**
 * One run for the events of a burst (a webhook batch that files many emergencies): the payloads
 * that arrive before the run starts are handled together, and those that arrive while it runs
 * wait for the next. Each caller's promise settles with the run that handled its payload.
 */
export function inBatches<P>(runBatch: (payloads: P[]) => Promise<unknown>): (payload: P) => Promise<void> {
  let gathering: P[] | null = null;
  let gathered: Promise<void> = Promise.resolve();
  let previous: Promise<unknown> = Promise.resolve();
  return (payload) => {
    if (!gathering) {
      const payloads: P[] = [];
      gathering = payloads;
      gathered = previous
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(async () => {
          gathering = null;
          await runBatch(payloads);
        });
      previous = gathered.catch(() => undefined);
    }
    gathering.push(payload);
    return gathered;
  };
}
