import { UserError } from '../errors.js';

/**
 * Limits of a `simulate` run that the flags alone decide, checked before any
 * simulation so that a run never dies, after minutes, of a number too large.
 */

/**
 * Simulated time is an integer number of picoseconds in a JS number, exact
 * up to 2^53 ps ≈ 9007 s (src/engine/time.ts). A frame replay simulates
 * frames / fps seconds on a fresh system per rate; 9000 s leaves room for
 * events scheduled past the last frame (idle thresholds, at most 1 s).
 */
const MAX_SIMULATED_S = 9000;

/** The highest rate: its frame period, 1 ps, is the simulator's time resolution; a shorter one would round to 0. */
const MAX_FPS = 1e12;

/**
 * Frames replayed per rate: each is simulated event by event, about 45 ms for
 * ResNet-50 on nvdla-full-lpddr4 (1,000 frames at 100 fps took 47 s), and
 * `simulate` shows no progress; 3 frames reach the steady state (the first warms up).
 */
const MAX_FRAMES = 1000;
/** Rates per `simulate` run: each is a replay of its own; `maxnvm sweep` composes many rates cheaply. */
const MAX_SIMULATE_RATES = 100;

/** Throw a UserError when a rate is too high to resolve, or frames at the lowest rate overflow simulated time. */
export function checkSimulatedTime(fps: readonly number[], frames: number): void {
  if (frames > MAX_FRAMES) {
    throw new UserError(`--frames ${frames} is more than ${MAX_FRAMES}`, {
      jsonPath: '--frames',
      expected: `at most ${MAX_FRAMES} frames per rate: each is replayed event by event (about 45 ms for ResNet-50), and 3 reach the steady state`,
      suggestion: `nearest valid value: --frames ${MAX_FRAMES}; for long-run averages, \`maxnvm sweep\` composes each rate from one inference`,
    });
  }
  if (fps.length > MAX_SIMULATE_RATES) {
    throw new UserError(`--fps gives ${fps.length} rates, more than ${MAX_SIMULATE_RATES}`, {
      jsonPath: '--fps',
      expected: `at most ${MAX_SIMULATE_RATES} rates per simulate run, each replayed on its own`,
      suggestion: 'use `maxnvm sweep --fps-range MIN:MAX:COUNT` for many rates',
    });
  }
  const tooFast = fps.find((f) => f > MAX_FPS);
  if (tooFast !== undefined) {
    throw new UserError(`--fps ${tooFast}: a frame period of ${1 / tooFast} s is shorter than 1 ps, the simulator's time resolution`, {
      jsonPath: '--fps',
      expected: `rates up to ${MAX_FPS.toExponential()} fps (a 1 ps period); any rate above about 1e9 fps is infeasible on every system anyway`,
      suggestion: 'use rates near the highest sustainable one, which `maxnvm simulate` prints as "max ... fps"',
    });
  }
  if (fps.length === 0) return;
  const lowest = Math.min(...fps);
  const simulated_s = frames / lowest;
  if (simulated_s <= MAX_SIMULATED_S) return;
  const maxFrames = Math.floor(MAX_SIMULATED_S * lowest);
  const fewer = maxFrames >= 1 ? `use at most --frames ${maxFrames} at ${lowest} fps, or ` : '';
  throw new UserError(`--frames ${frames} at --fps ${lowest} would simulate ${Math.round(simulated_s)} s, more than the ${MAX_SIMULATED_S} s the simulator can time`, {
    jsonPath: '--fps',
    expected: `frames / lowest rate <= ${MAX_SIMULATED_S} s: simulated time is an integer number of picoseconds, exact only below 2^53 ps (about 9007 s)`,
    suggestion:
      `${fewer}a rate of at least ${(frames / MAX_SIMULATED_S).toPrecision(3)} fps; for low rates, \`maxnvm sweep\` composes each point ` +
      'from one inference and its idle time instead of replaying the frames, down to 0.001 fps',
  });
}
