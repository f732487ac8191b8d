/**
 * A journey is a row of named steps that share browsers and a system. The same journey runs as
 * one script (screenshots, the English walk) or, in its e2e test, as one subtest per step, so
 * that a failure names the rule that broke rather than the whole journey.
 */
import type { TestContext } from 'node:test';
import type { Page } from 'playwright-core';

export type Step = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

/** What every journey takes: who looks at each screen, how its steps run, the desktop's size. */
export interface JourneyOptions<S extends string> {
  /** called at each screen once it is shown and checked */
  onScreen?: (screen: S, page: Page) => Promise<void>;
  /** how each step runs: in order (default), or as a subtest of the e2e test */
  step?: Step;
  viewport?: { width: number; height: number };
}

/** Runs the steps one after another; a failure's message starts with the step's name. */
export const inOrder: Step = async (name, fn) => {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error) {
      error.message = `[${name}] ${error.message}`;
      // the reporter prints the stack, which holds the message as it was when the error was made
      if (error.stack) error.stack = `[${name}] ${error.stack}`;
    }
    throw error;
  }
};

/**
 * Runs each step as a subtest of `t`, in order. A failed step fails as itself; the journey stops
 * there (the steps after it need what it should have done), and `t` fails naming it.
 */
export function asSubtests(t: TestContext): Step {
  return async (name, fn) => {
    const outcome: { done: boolean; value?: unknown } = { done: false };
    await t.test(name, async () => {
      outcome.value = await fn();
      outcome.done = true;
    });
    if (!outcome.done) throw new Error(`the journey stopped at the step "${name}"`);
    return outcome.value as Awaited<ReturnType<typeof fn>>;
  };
}
