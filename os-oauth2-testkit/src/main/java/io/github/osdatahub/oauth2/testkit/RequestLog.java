package io.github.osdatahub.oauth2.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Counts requests of one kind (token or API) and keeps the latest of them. Thread-safe. */
final class RequestLog {
  private final int limit;
  private final Deque<RecordedRequest> records = new ArrayDeque<>();
  private int count;

  RequestLog(int limit) {
    this.limit = limit;
  }

  synchronized void add(RecordedRequest request) {
    count++;
    records.addLast(request);
    if (records.size() > limit) {
      records.removeFirst();
    }
  }

  synchronized int count() {
    return count;
  }

  synchronized List<RecordedRequest> records() {
    return List.copyOf(records);
  }

  synchronized void clear() {
    count = 0;
    records.clear();
  }
}
