/**
 * no_install: a module that is not a plugin (it exports no `install` function), for the
 * loading-error tests.
 *
 * @module
 */

/** Not an install function. */
export const install = "nope";
