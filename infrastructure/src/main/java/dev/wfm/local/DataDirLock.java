package dev.wfm.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data folder, held by one local cloud for its whole life: a second one started on the same
 * folder stops before it touches anything (DynamoDB's files, executions, the dev signing key the
 * first one's tokens are signed with). The operating system releases the lock when the process
 * ends, however it ends; the file stays, naming the last holder's process.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE_NAME = "local-cloud.lock";

    /** Another local cloud holds the folder. */
    static final class InUseException extends IOException {
        private static final long serialVersionUID = 1L;

        InUseException(Path dataDir, String holder) {
            super("The data folder " + dataDir + " is in use by another local cloud" + (holder.isEmpty() ? "" : " (process " + holder + ")")
                    + ". Stop that one first, or start this one with another --data-dir.");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(FILE_NAME),
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new InUseException(dataDir, holder);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new DataDirLock(channel, lock);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        return new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).strip();
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
