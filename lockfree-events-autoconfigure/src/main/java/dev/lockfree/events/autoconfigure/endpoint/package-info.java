/**
 * Auto-configuration for the lock-free multicaster's actuator endpoint.
 */
package dev.lockfree.events.autoconfigure.endpoint;
