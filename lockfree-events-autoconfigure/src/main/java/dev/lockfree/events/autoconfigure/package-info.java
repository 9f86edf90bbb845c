/**
 * Auto-configuration that installs the lock-free application event multicaster, its
 * {@code lockfree.events.*} properties and the failure analyzers that explain bad values.
 */
package dev.lockfree.events.autoconfigure;
