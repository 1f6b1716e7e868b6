/** A clock tests can set and move (the domain reads time only through a clock). */
export function createTestClock(start: Date | string = '2026-11-23T09:00:00Z') {
  let now = new Date(start).getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    set(to: Date | string) {
      now = new Date(to).getTime();
    },
    advance(ms: number) {
      now += ms;
    },
  });
}
export type TestClock = ReturnType<typeof createTestClock>;
