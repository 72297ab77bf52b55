import { describe, expect, it } from "vitest";
import { HashGate } from "~/auth/hash-gate.server";

// The password-hash gate with fake tasks that finish when the test says so: the order
// of events is checked, never timings.

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("hash gate", () => {
  it("runs two at once, queues eight in order, and refuses the next at once", async () => {
    const gate = new HashGate(2, 8);
    const started: number[] = [];
    const finish = Array.from({ length: 11 }, () => deferred());
    const results = finish.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        await d.promise;
        return i;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([gate.active, gate.queued]).toEqual([2, 8]);
    // The eleventh is answered without waiting for anyone.
    expect(await results[10]).toEqual({ admitted: false });

    finish[1].resolve();
    expect(await results[1]).toEqual({ admitted: true, value: 1 });
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect([gate.active, gate.queued]).toEqual([2, 7]);

    // Now there is room in the queue again.
    const late = gate.run(async () => "late");
    expect(gate.queued).toBe(8);

    for (const i of [0, 2, 3, 4, 5, 6, 7, 8, 9]) {
      finish[i].resolve();
      await settle();
    }
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await late).toEqual({ admitted: true, value: "late" });
    expect(await Promise.all(results.slice(0, 10))).toEqual(Array.from({ length: 10 }, (_, i) => ({ admitted: true, value: i })));
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it("frees the turn of a task that throws, and hands the error to its caller", async () => {
    const gate = new HashGate(1, 1);
    const first = deferred();
    const failing = gate.run(() => first.promise);
    const next = gate.run(async () => "next");
    expect(await gate.run(async () => "refused")).toEqual({ admitted: false });
    first.reject(new Error("scrypt failed"));
    await expect(failing).rejects.toThrow("scrypt failed");
    expect(await next).toEqual({ admitted: true, value: "next" });
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });
});
