/** Time is a parameter: services take a clock so tests can pin it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
