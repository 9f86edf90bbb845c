/**
 * What every benchmark shares: the published event, the listeners (whose whole work is adding to a
 * {@link dev.lockfree.events.support.PaddedCounter}), and how benchmark threads wait.
 */
package dev.lockfree.events.support;
