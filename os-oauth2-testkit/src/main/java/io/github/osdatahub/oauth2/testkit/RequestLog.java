package io.github.osdatahub.oauth2.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Counts requests of one kind (token or API) and keeps the latest of them, each with the status it
 * was answered with once that is known. Thread-safe.
 */
final class RequestLog {
  /** One kept request; its status is filled in when the answer's headers go out. */
  final class Entry {
    private final RecordedRequest request;
    private int status;

    private Entry(RecordedRequest request) {
      this.request = request;
    }

    /** Records the status; called before the first byte of the answer is written. */
    void answered(int answeredStatus) {
      synchronized (RequestLog.this) {
        status = answeredStatus;
      }
    }
  }

  private final int limit;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private int count;

  RequestLog(int limit) {
    this.limit = limit;
  }

  synchronized Entry add(RecordedRequest request) {
    count++;
    Entry entry = new Entry(request);
    entries.addLast(entry);
    if (entries.size() > limit) {
      entries.removeFirst();
    }
    return entry;
  }

  synchronized int count() {
    return count;
  }

  synchronized List<RecordedRequest> records() {
    List<RecordedRequest> records = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      records.add(entry.request.withStatus(entry.status));
    }
    return List.copyOf(records);
  }

  synchronized void clear() {
    count = 0;
    entries.clear();
  }
}
