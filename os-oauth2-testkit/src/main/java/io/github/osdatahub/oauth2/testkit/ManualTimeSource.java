package io.github.osdatahub.oauth2.testkit;

import io.github.osdatahub.oauth2.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link TimeSource} that moves only when told to, for tests: expiry, backoff and retry schedules
 * run in microseconds of real time and exactly on their deadlines.
 *
 * <p>{@link #advance(Duration)} moves both clocks and runs, on the calling thread, every scheduled
 * task that falls due, in deadline order. {@link #sleep(long)} does not block: it records the
 * sleep and advances the clocks by it. {@link #jumpWallClock(Duration)} moves only the wall clock,
 * like a machine waking from suspend or an NTP step. Thread-safe.
 *
 * <pre>{@code
 * ManualTimeSource time = new ManualTimeSource();
 * time.advance(Duration.ofSeconds(299));
 * assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
 * }</pre>
 */
public final class ManualTimeSource implements TimeSource {
  private long nanos = 1_000_000_000L;
  private long wallMillis = 1_700_000_000_000L;
  private long wallNanosOfMilli; // the wall clock's sub-millisecond part, so small steps add up
  private long sequence;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final List<Duration> sleeps = new ArrayList<>();

  /** A time source at an arbitrary fixed start. */
  public ManualTimeSource() {}

  private static final class Task implements Comparable<Task> {
    final long due;
    final long order;
    final Runnable body;
    volatile boolean cancelled;

    Task(long due, long order, Runnable body) {
      this.due = due;
      this.order = order;
      this.body = body;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized long currentTimeMillis() {
    return wallMillis;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delayNanos) {
    return scheduleAt(task, nanos + Math.max(0, delayNanos));
  }

  @Override
  public synchronized Cancellable scheduleAt(Runnable task, long deadlineNanos) {
    Task t = new Task(Math.max(nanos, deadlineNanos), sequence++, task); // a past deadline: due now
    tasks.add(t);
    return () -> t.cancelled = true;
  }

  @Override
  public void sleep(long sleepNanos) {
    synchronized (this) {
      sleeps.add(Duration.ofNanos(sleepNanos));
    }
    advance(Duration.ofNanos(Math.max(0, sleepNanos)));
  }

  /**
   * Moves both clocks forward and runs the tasks that fall due, each at its own deadline.
   *
   * @param amount how far; not negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + amount);
    }
    long target;
    synchronized (this) {
      target = nanos + amount.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          moveWall(target - nanos);
          nanos = target;
          return;
        }
        tasks.poll();
        moveWall(Math.max(0, next.due - nanos));
        nanos = Math.max(nanos, next.due);
      }
      if (!next.cancelled) {
        next.body.run();
      }
    }
  }

  /**
   * Moves only the wall clock, as when a suspended machine wakes; the monotonic clock stays.
   *
   * @param amount how far
   */
  public synchronized void jumpWallClock(Duration amount) {
    moveWall(amount.toNanos());
  }

  private void moveWall(long deltaNanos) { // guarded by this
    long total = wallNanosOfMilli + deltaNanos;
    wallMillis += Math.floorDiv(total, 1_000_000L);
    wallNanosOfMilli = Math.floorMod(total, 1_000_000L);
  }

  /**
   * The sleeps requested so far, in order.
   *
   * @return a copy of the list
   */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * How many scheduled tasks are waiting to run; cancelled ones do not count.
   *
   * @return the count
   */
  public synchronized int pendingTasks() {
    return (int) tasks.stream().filter(t -> !t.cancelled).count();
  }
}
