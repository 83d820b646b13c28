package io.huvr.format;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, to check that readers allocate what files hold, not what they claim. */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
