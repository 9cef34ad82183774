package io.github.osdatahub.oauth2.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code -o FILE} of {@code get}: the download goes to a temporary file beside the target and
 * is moved over it only once complete, so a failed download leaves the old file as it was and a
 * reader never sees half a file.
 *
 * <p>A replaced file keeps its POSIX permissions; a new one is created as a shell's {@code >}
 * would under the usual umask, without write for group or others ({@code rw-r--r--}, less what
 * the umask takes away). A symbolic link is followed: its target is replaced and the link kept.
 * Something that is not a regular file, such as {@code /dev/stdout}, is written directly.
 */
final class OutputFile {
  /** What fills the file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private OutputFile() {}

  /**
   * Writes the content to the file, replacing it only when the content was written in full.
   *
   * @throws IOException when the file cannot be written; the old file, if any, is then unchanged
   */
  static void replace(Path target, Content content) throws IOException {
    Path destination = Files.isSymbolicLink(target) && Files.exists(target) ? target.toRealPath() : target;
    if (Files.exists(destination) && !Files.isRegularFile(destination)) {
      if (Files.isDirectory(destination)) {
        throw new IOException(target + " is a directory");
      }
      try (OutputStream out = Files.newOutputStream(destination)) {
        content.writeTo(out);
      }
      return;
    }
    Path directory = destination.toAbsolutePath().getParent();
    boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
    Set<PosixFilePermission> keep = posix && Files.exists(destination)
        ? Files.getPosixFilePermissions(destination) : null;
    // Owner-only while written when replacing: the old file's permissions may be narrower than the umask's.
    Path temporary = createIn(directory, destination.getFileName(),
        !posix ? null : keep != null ? OWNER_ONLY : NEW_FILE);
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      if (keep != null) {
        Files.setPosixFilePermissions(temporary, keep); // after writing: they may not include the owner's write
      }
      moveOver(temporary, destination);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A new empty hidden file named after the destination, with these permissions (less the umask). */
  private static Path createIn(Path directory, Path name, Set<PosixFilePermission> permissions) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path candidate = directory.resolve("." + name + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
      try {
        return permissions == null ? Files.createFile(candidate)
            : Files.createFile(candidate, PosixFilePermissions.asFileAttribute(permissions));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  private static void moveOver(Path temporary, Path destination) throws IOException {
    try {
      Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
