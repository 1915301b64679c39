package org.m3cvc.cli.codec;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peak Java heap occupancy of a run, two ways:
 * <ul>
 *   <li>{@link Figures#peakBytes}: the largest heap in use seen just before a garbage collection (from the collectors'
 *   notifications, the figure GC logs print as "before") or at {@link #stop()}: the top of the sawtooth, what the run
 *   actually needed at most between collections;
 *   <li>{@link Figures#poolPeakSumBytes}: the sum of each heap pool's own peak (MemoryPoolMXBean), an upper bound,
 *   since pools peak at different times.
 * </ul>
 * Notifications arrive on a JMX thread, hence the atomic.
 */
final class HeapWatch {
    /** @param maxBytes the heap limit (-Xmx), {@link Runtime#maxMemory()} */
    record Figures(long peakBytes, long poolPeakSumBytes, long maxBytes, long collections, long collectionMillis) {}

    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peak = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final long collectionsBefore;
    private final long collectionMillisBefore;

    private HeapWatch() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        }
        long n = 0, ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        collectionsBefore = n;
        collectionMillisBefore = ms;
    }

    /** Starts watching; the JVM's heap so far counts too (pool peaks are since JVM start). */
    static HeapWatch start() { return new HeapWatch(); }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        }
        peak.accumulateAndGet(used, Math::max);
    }

    /** Stops listening and returns the figures. */
    Figures stop() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // Already gone: nothing to undo.
            }
        }
        emitters.clear();
        long now = 0, poolPeaks = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP) continue;
            now += p.getUsage().getUsed();
            poolPeaks += p.getPeakUsage().getUsed();
        }
        long n = 0, ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new Figures(Math.max(peak.get(), now), poolPeaks, Runtime.getRuntime().maxMemory(),
                n - collectionsBefore, ms - collectionMillisBefore);
    }
}
