package org.flowdesk.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed logins per client address, so that guessing passwords from one address is slowed down
 * whichever user ids it tries (Camunda's own delay is per account). Kept in memory by each node:
 * behind a load balancer an address gets the allowance once per node, and a restart forgets.
 */
@Component
class LoginThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  /** More addresses than this and the ones that no longer matter are dropped. */
  private static final int SWEEP_ABOVE = 10_000;

  private final SecuritySettings.LoginThrottle settings;
  private final Clock clock;
  private final Map<String, Address> addresses = new ConcurrentHashMap<>();

  LoginThrottle(SecuritySettings settings, Clock clock) {
    this.settings = settings.loginThrottle();
    this.clock = clock;
  }

  /** How long the address must still wait before it may try to log in again, if it must. */
  Optional<Duration> waitFor(String address) {
    Address state = addresses.get(address);
    if (state == null) {
      return Optional.empty();
    }
    synchronized (state) {
      return state.waitFor(clock.instant());
    }
  }

  void failed(String address) {
    Instant now = clock.instant();
    if (addresses.size() > SWEEP_ABOVE) {
      addresses.values().removeIf(state -> {
        synchronized (state) {
          return state.forgettable(now);
        }
      });
    }
    Address state = addresses.computeIfAbsent(address, a -> new Address());
    synchronized (state) {
      state.failed(now);
      state.waitFor(now).ifPresent(wait -> LOG.warn("Too many failed logins from {}: no more tries for {} s",
          address, wait.toSeconds()));
    }
  }

  private final class Address {

    private final Deque<Instant> failures = new ArrayDeque<>();
    private int blocks;
    private Instant blockedUntil;

    void failed(Instant now) {
      if (forgettable(now)) {
        failures.clear();
        blocks = 0;
        blockedUntil = null;
      }
      forgetFailuresOutsideWindow(now);
      failures.addLast(now);
      // Once blocked, every further failure within a window of the block's end blocks again, longer.
      if (blocks > 0 || failures.size() >= settings.maxFailures()) {
        blocks++;
        blockedUntil = now.plus(blockLength());
        failures.clear();
      }
    }

    Optional<Duration> waitFor(Instant now) {
      if (blockedUntil == null || !now.isBefore(blockedUntil)
          // The clock was set back (a test, or a correction): the block is not to last longer than the longest.
          || Duration.between(now, blockedUntil).compareTo(settings.maxBlock()) > 0) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(now, blockedUntil));
    }

    /** Nothing to remember: no failure within the window, and no block within a window of now. */
    boolean forgettable(Instant now) {
      forgetFailuresOutsideWindow(now);
      return failures.isEmpty() && (blockedUntil == null || blockedUntil.plus(settings.window()).isBefore(now)
          || Duration.between(now, blockedUntil).compareTo(settings.maxBlock()) > 0);
    }

    private void forgetFailuresOutsideWindow(Instant now) {
      Instant start = now.minus(settings.window());
      failures.removeIf(at -> at.isBefore(start) || at.isAfter(now));
    }

    private Duration blockLength() {
      Duration length = settings.firstBlock();
      for (int i = 1; i < blocks && length.compareTo(settings.maxBlock()) < 0; i++) {
        length = length.multipliedBy(2);
      }
      return length.compareTo(settings.maxBlock()) < 0 ? length : settings.maxBlock();
    }
  }
}
