package org.m3cvc.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.m3cvc.container.Limits;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.plane.ContextPlaneCoder;
import org.m3cvc.container.plane.PlaneCoder;
import org.m3cvc.container.plane.RawPlaneCoder;
import org.m3cvc.container.text.Lzw;
import org.m3cvc.container.text.Order2;

/**
 * Target (d): the payload coders alone, without chunk framing or CRCs in the way.
 *
 * <p>The first byte picks one of seven checks; the rest of the input supplies small dimensions and the bytes:
 * <ol start="0">
 *   <li>{@link Lzw#decode} of arbitrary bytes to an arbitrary text_size (0..4096);</li>
 *   <li>{@link RawPlaneCoder} and</li>
 *   <li>{@link ContextPlaneCoder} decoding arbitrary bytes as a width x height plane (1..64 each) of a codebook of
 *   2..4096 vectors;</li>
 *   <li>LZW encode then decode of arbitrary bytes;</li>
 *   <li>encode then decode of an arbitrary plane with either plane coder;</li>
 *   <li>{@link Order2#decode} of arbitrary bytes to an arbitrary text_size (0..4096);</li>
 *   <li>order2 encode then decode of arbitrary bytes.</li>
 * </ol>
 * Decoding may only fail with {@link M3cFormatException}; whatever decodes must survive re-encoding and decoding
 * unchanged (and raw plane_data, having one coding per plane, must re-encode to the same bytes).
 */
class PayloadFuzzTest {
    private static final int MAX_TEXT = 4096;
    private static final int MAX_SIDE = 64;

    @FuzzTest
    void payloadDecoders(FuzzedDataProvider in) throws M3cFormatException {
        switch (in.consumeInt(0, 6)) {
            case 0 -> lzwDecode(in.consumeInt(0, MAX_TEXT), in.consumeRemainingAsBytes());
            case 1 -> planeDecode(RawPlaneCoder.INSTANCE, in);
            case 2 -> planeDecode(ContextPlaneCoder.INSTANCE, in);
            case 3 -> {
                byte[] text = in.consumeRemainingAsBytes();
                assertArrayEquals(text, Lzw.decode(reader(Lzw.encode(text), "text_data"), text.length));
            }
            case 5 -> order2Decode(in.consumeInt(0, MAX_TEXT), in.consumeRemainingAsBytes());
            case 6 -> {
                byte[] text = in.consumeRemainingAsBytes();
                assertArrayEquals(text, Order2.decode(reader(Order2.encode(text), "text_data"), text.length));
            }
            default -> planeRoundTrip(in);
        }
    }

    private static void lzwDecode(int size, byte[] data) throws M3cFormatException {
        byte[] text;
        try {
            text = Lzw.decode(reader(data, "text_data"), size);
        } catch (M3cFormatException expected) {
            return;
        }
        assertEquals(size, text.length, "Lzw.decode returned another length than asked");
        assertArrayEquals(text, Lzw.decode(reader(Lzw.encode(text), "text_data"), size), "LZW round trip");
    }

    private static void order2Decode(int size, byte[] data) throws M3cFormatException {
        byte[] text;
        try {
            text = Order2.decode(reader(data, "text_data"), size);
        } catch (M3cFormatException expected) {
            return;
        }
        assertEquals(size, text.length, "Order2.decode returned another length than asked");
        assertArrayEquals(text, Order2.decode(reader(Order2.encode(text), "text_data"), size), "order2 round trip");
    }

    private static void planeDecode(PlaneCoder coder, FuzzedDataProvider in) throws M3cFormatException {
        int w = in.consumeInt(1, MAX_SIDE);
        int h = in.consumeInt(1, MAX_SIDE);
        int codebook = in.consumeInt(Limits.MIN_CODEBOOK_SIZE, Limits.MAX_CODEBOOK_SIZE);
        byte[] data = in.consumeRemainingAsBytes();
        IndexPlane plane;
        try {
            plane = coder.decode(reader(data, "plane_data"), w, h, codebook);
        } catch (M3cFormatException expected) {
            return;
        }
        assertEquals(w, plane.width());
        assertEquals(h, plane.height());
        byte[] again = coder.encode(plane, codebook);
        assertEquals(plane, coder.decode(reader(again, "plane_data"), w, h, codebook), "plane round trip");
        if (coder == RawPlaneCoder.INSTANCE) assertArrayEquals(data, again, "raw plane_data is not canonical");
    }

    private static void planeRoundTrip(FuzzedDataProvider in) throws M3cFormatException {
        PlaneCoder coder = in.consumeBoolean() ? ContextPlaneCoder.INSTANCE : RawPlaneCoder.INSTANCE;
        int w = in.consumeInt(1, MAX_SIDE);
        int h = in.consumeInt(1, MAX_SIDE);
        int codebook = in.consumeInt(Limits.MIN_CODEBOOK_SIZE, Limits.MAX_CODEBOOK_SIZE);
        int[] k = new int[w * h];
        for (int i = 0; i < k.length; i++) {
            // Runs of equal indices are what the context model is for; draw them often.
            k[i] = i > 0 && in.consumeBoolean() ? k[i - 1] : in.consumeInt(0, codebook - 1);
        }
        IndexPlane plane = new IndexPlane(w, h, k);
        assertEquals(plane, coder.decode(reader(coder.encode(plane, codebook), "plane_data"), w, h, codebook),
                "plane round trip");
    }

    private static BitReader reader(byte[] data, String element) {
        return new BitReader(data, 0, data.length, "fuzz", 0, "/" + element,
                element.equals("text_data") ? Requirement.TX_6 : Requirement.KF_4);
    }
}
