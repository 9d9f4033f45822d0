package org.cinerec.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.cinerec.CinerecException;

/**
 * Writes files so that readers see either the old file or the complete new one, never half of it, even
 * across a crash or a power cut: the bytes go to a temporary file in the same folder, which is synced to
 * the disk ({@code fsync}), then renamed over the target, then the folder is synced so the rename itself
 * is durable. On failure (a full disk, say) the temporary file is deleted and the old target is untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** The steps of a write, in order, for the test that proves the order (package-private). */
  interface Steps {
    Steps NONE = (step, path) -> {};

    /** {@code step}: "written", "synced", "renamed", "folder synced". */
    void did(String step, Path path);
  }

  static volatile Steps steps = Steps.NONE;

  /** What writes the content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically; parent folders are created. A target that is neither a file nor a folder
   * (a device such as {@code /dev/null} or {@code /dev/stdout}, a named pipe) is written in place: renaming over it
   * would put a file where the device was (run as root, {@code --out /dev/null} replaced the machine's /dev/null).
   */
  public static void write(Path target, Content content) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      if (isDevice(abs)) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(abs, StandardOpenOption.WRITE),
            1 << 16)) {
          content.writeTo(out);
        }
        return;
      }
      String obstacle = obstacle(abs); // before any content is made: renaming over a folder fails only at the end
      if (obstacle != null) {
        throw new CinerecException("cannot write " + target + ": " + obstacle);
      }
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
      readableByAll(tmp); // createTempFile makes the file owner-only; a result file should not be
      Steps seen = steps;
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        seen.did("written", tmp);
        channel.force(true);
        seen.did("synced", tmp);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      seen.did("renamed", abs);
      if (syncFolder(dir)) {
        seen.did("folder synced", dir);
      }
    } catch (IOException e) {
      throw CinerecException.failure("cannot write " + target + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temp file has a leading dot and a .tmp suffix
        }
      }
    }
  }

  /**
   * Why {@code target} cannot be written as a file, or null: "it is a folder; give a file's name", or "F is a file,
   * not a folder" for a file where a folder of its path should be. Commands ask before their work ({@code --out}).
   */
  public static String obstacle(Path target) {
    Path abs = target.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      return "it is a folder; give a file's name";
    }
    for (Path up = abs.getParent(); up != null; up = up.getParent()) {
      if (Files.isRegularFile(up)) {
        return up + " is a file, not a folder";
      }
    }
    return null;
  }

  /** True for an existing path that is neither a file nor a folder: a device ({@code /dev/null}) or a pipe. */
  public static boolean isDevice(Path path) {
    return Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path);
  }

  /**
   * Syncs a folder so a rename in it survives a crash. POSIX systems allow it; where a folder cannot be
   * opened or synced (Windows, some network file systems) it is skipped and false returned: the file is
   * complete and in place by then, so failing the write would be wrong.
   */
  private static boolean syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** Writes text (UTF-8) atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A short description of an I/O error for a one-line message. */
  public static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return switch (name) {
      case "NoSuchFileException" -> "no such file or folder";
      case "AccessDeniedException" -> "permission denied";
      case "FileSystemException" -> e.getMessage() == null ? name : e.getMessage();
      default -> e.getMessage() == null ? name : e.getMessage();
    };
  }
}
