package org.m3cvc.codec.frame;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame-rate rule of {@link FfmpegFrameSource} for frames pushed one at a time (an FFmpeg encoder receives them
 * so): input frame times are {@code (pts - first_pts) * time_base}, never decreasing; the input ends at the last
 * frame's time plus its duration; output frame {@code k} at {@code T_k = k * den / num} exists while {@code T_k < end}
 * and shows the latest input frame with {@code t <= T_k}. Exact (rational) arithmetic. A frame's fate is known when
 * the next one arrives, so output lags input by one frame.
 *
 * @param <P> the picture type carried along
 */
public final class FrameRateConverter<P> {
    /** An output frame: its index and the input picture it shows. */
    public record Out<P>(long index, P picture) {}

    private final BigInteger rateNum, rateDen;
    private long firstPts = Long.MIN_VALUE;
    private BigInteger[] curTime;
    private BigInteger[] curDuration;
    private P cur;
    private long next;

    /** @param rateNum output frame rate numerator, @param rateDen its denominator */
    public FrameRateConverter(long rateNum, long rateDen) {
        if (rateNum < 1 || rateDen < 1) throw new IllegalArgumentException(rateNum + "/" + rateDen);
        this.rateNum = BigInteger.valueOf(rateNum);
        this.rateDen = BigInteger.valueOf(rateDen);
    }

    /**
     * @param pts the frame's timestamp in {@code tbNum/tbDen} seconds
     * @param duration its duration in the same unit, or 0 if unknown
     * @param period one frame period of the input in seconds ({num, den}), used for an unknown duration
     * @return the output frames the previous input frame covers
     */
    public List<Out<P>> push(P picture, long pts, long duration, long tbNum, long tbDen, long[] period) {
        if (tbNum < 1 || tbDen < 1) throw new IllegalArgumentException("time base " + tbNum + "/" + tbDen);
        if (firstPts == Long.MIN_VALUE) firstPts = pts;
        BigInteger[] t = {BigInteger.valueOf(pts).subtract(BigInteger.valueOf(firstPts))
                .multiply(BigInteger.valueOf(tbNum)), BigInteger.valueOf(tbDen)};
        if (curTime != null && compare(t, curTime) < 0) t = curTime;
        List<Out<P>> out = new ArrayList<>();
        if (cur != null) {
            while (compare(outputTime(next), t) < 0) out.add(new Out<>(next++, cur));
        }
        cur = picture;
        curTime = t;
        curDuration = duration > 0
                ? new BigInteger[] {BigInteger.valueOf(duration).multiply(BigInteger.valueOf(tbNum)), BigInteger.valueOf(tbDen)}
                : new BigInteger[] {BigInteger.valueOf(period[0]), BigInteger.valueOf(period[1])};
        return out;
    }

    /** The output frames the last input frame covers; the converter is spent afterwards. */
    public List<Out<P>> end() {
        List<Out<P>> out = new ArrayList<>();
        if (cur == null) return out;
        BigInteger[] end = {curTime[0].multiply(curDuration[1]).add(curDuration[0].multiply(curTime[1])),
                curTime[1].multiply(curDuration[1])};
        while (compare(outputTime(next), end) < 0) out.add(new Out<>(next++, cur));
        cur = null;
        return out;
    }

    private BigInteger[] outputTime(long k) {
        return new BigInteger[] {BigInteger.valueOf(k).multiply(rateDen), rateNum};
    }

    private static int compare(BigInteger[] a, BigInteger[] b) {
        return a[0].multiply(b[1]).compareTo(b[0].multiply(a[1]));
    }
}
