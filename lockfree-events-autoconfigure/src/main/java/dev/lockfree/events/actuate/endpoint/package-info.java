/**
 * Actuator endpoint for the lock-free multicaster.
 */
package dev.lockfree.events.actuate.endpoint;
