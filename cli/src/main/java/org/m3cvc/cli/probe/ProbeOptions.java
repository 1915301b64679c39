package org.m3cvc.cli.probe;

/**
 * What probe prints besides its default sections.
 *
 * @param showChunks list every chunk (section chunks)
 * @param showBits per-clip bit accounting (section clip.bits)
 * @param showPlanes each keyframe's histogram and decoded plane
 * @param showData the bytes of plane_data, text_data and chunk_payload as hex
 * @param bitexact leave out everything that depends on the machine, the run or the tool version
 */
public record ProbeOptions(boolean showChunks, boolean showBits, boolean showPlanes, boolean showData,
                           boolean bitexact) {
    public static final ProbeOptions DEFAULT = new ProbeOptions(false, false, false, false, false);
}
